// One way to drive the extension in either browser, so that a scenario is written once and runs in both:
// Debian's Chromium through playwright-core (browser.mjs) and Debian's Firefox ESR through WebDriver
// (geckodriver from crates.io, selenium-webdriver from npm). What a test can do:
//
//   const session = await launchBrowser('firefox', { language: 'fr', policy: {...} });
//   session.serve(host, fixture, headers)   the fixture tests/e2e/fixtures/<fixture> for every path of host
//   session.serveWith(host, (url) => ({ body, headers?, contentType?, delay? }))   a response made for each URL
//   const tab = await session.open(url)     a new tab; tab.overlayText(), tab.warningText() (the lookalike
//                                           warning, in the page or on the extension's own page), tab.click(css), tab.text(css),
//                                           tab.type(css, text), tab.select(css, value), tab.clickShadowButton(marker, label),
//                                           tab.evaluate(fn, ...args), tab.shadowHosts(marker), tab.clickInOverlay(class),
//                                           tab.clickWarning('continue'|'leave') on the extension's warning page,
//                                           tab.banner() ({closed, role, hostPosition, accent, text} of the banner),
//                                           tab.goto(url), tab.reload(), tab.press('Tab'|'Shift+Tab'|'Enter'|'Escape') (a real key press),
//                                           tab.typeHere(text) (real key presses where the focus is),
//                                           tab.fill(css, text) (the field's value replaced), tab.upload(css, path) (a file
//                                           input given a file), tab.clickOpensTab(css) (the tab a click opens)
//   await session.extension((ext, ...args) => ..., ...args)   runs in the extension (chrome/browser namespace)
//   await session.tabRecord(url), session.badgeText(tabId), session.openExtensionPage('pages/popup.html?tab=1')
//   await session.recordedTabs(), session.newTabRecord(before)   a tab's record when it has no address (see browser.mjs)
//   await session.extensionProblems()       warnings and errors the extension logged (must stay empty)
//   session.requests, session.isBrowserTraffic(url)   every http(s) request seen, and the browser's own ones
//   await session.close()
//
// BROWSERS lists the browsers to run: both, or those in JOINGUARD_BROWSERS (comma-separated) when it is set.
//
// Firefox facts this relies on (Firefox ESR 153, geckodriver 0.37.1):
// - the vendors' real hosts are served by a local proxy (proxy.mjs) that terminates CONNECT with a certificate
//   of its own: acceptInsecureCerts, the network.proxy.* prefs, allow_hijacking_localhost (else 127.0.0.1 is
//   never proxied) and network.trr.mode 5 (no DNS over HTTPS);
// - the extension is installed as a temporary add-on (installAddon(dir, true)); its moz-extension:// UUID is
//   fixed beforehand through the pref extensions.webextensions.uuids, so its pages have a known address;
// - an open extension page can call browser.* (badge text, storage), as Chromium's service worker does;
// - WebDriver's getShadowRoot() reaches closed shadow roots in Firefox;
// - privileged (chrome-context) scripts, which read the browser console and switch prefs (a11y's colour
//   scheme), need geckodriver's --allow-system-access from Firefox 153 on.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXTENSION_ID,
  badgeText as chromiumBadgeText,
  clickInOverlay as chromiumClickInOverlay,
  eventually,
  launch as launchChromium,
  pagesOf,
  newTabRecord as chromiumNewTabRecord,
  recordedTabs as chromiumRecordedTabs,
  liveRecords,
  readOverlay,
  recordOf,
  serve as chromiumServe,
  tabRecord as chromiumTabRecord,
} from './browser.mjs';
import { startProxy } from './proxy.mjs';
import { UI, readShadowHosts } from './shadow-hosts.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
export const FIREFOX_EXTENSION_DIR = join(ROOT, 'target/e2e-extension/firefox');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? join(process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo'), 'bin/geckodriver');
export const GECKO_ID = 'joinguard@joinguard.org';
/** The test build's moz-extension:// host, fixed through extensions.webextensions.uuids. */
const FIREFOX_UUID = '6b1f3c2e-5d4a-4e8b-9c7d-0a1b2c3d4e5f';

const ALL = ['chromium', 'firefox'];
export const BROWSERS = process.env.JOINGUARD_BROWSERS
  ? process.env.JOINGUARD_BROWSERS.split(',').map((name) => name.trim()).filter((name) => ALL.includes(name))
  : ALL;

/** The display name of a browser, for test titles. */
export const browserName = (browser) => (browser === 'firefox' ? 'Firefox' : 'Chromium');

/** The popup about tab `tabId`, opened as a page of the extension, and its text once drawn (its data version
 *  comes with the background's answer). */
export async function openPopup(session, tabId) {
  const popup = await session.openExtensionPage(`pages/popup.html?tab=${tabId}`);
  const text = await eventually(
    async () => {
      const body = await popup.text();
      return /Vendor data: \S+/.test(body) && body;
    },
    { what: 'the popup' },
  );
  return { popup, text };
}

const fixture = (name) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
/** `text` with each run of white space one space, trimmed: the banner's text as the driver reads it. */
export const collapse = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();

/** The banner's text in `tab` (a driver tab of either browser) once it matches `pattern`. */
export const bannerWith = (tab, pattern, what = `a banner matching ${pattern}`) =>
  eventually(async () => {
    const text = await tab.overlayText();
    return text && pattern.test(text) ? text : null;
  }, { what, timeout: 20_000 });

/** A serveWith() responder: the fixture `name` (with `headers`) for a host's pages, and an empty script for the .js
 *  URLs the fixtures name (the page's own code, which must not be answered with HTML). */
export const pageWithScripts = (name, headers = {}) => {
  const body = fixture(name);
  return (url) => (url.pathname.endsWith('.js') ? { body: '/* app */', contentType: 'text/javascript' } : { body, headers });
};

/** A session of `browser` for scenarios that wait on the extension's first answers, serving each `[host, fixture]`
 *  of `pages`. Chromium's first read of managed storage in a fresh profile takes seconds (longer while the
 *  DevTools protocol polls a big page), and the background's first answer waits for it
 *  (extension/background/settings.js): it is read once here, so that the first page measures the extension, not
 *  Chromium's policy service. Harmless in Firefox. */
export async function launchForFirstAnswers(browser, pages) {
  const session = await launchBrowser(browser);
  await session.extension((ext) => ext.storage.managed.get(null).catch(() => null));
  for (const [host, name] of pages) await session.serve(host, name);
  return session;
}

/** A new tab at `url`, with the Content-Security-Policy header its response came with: in Chromium only
 *  (Playwright hands over the response; WebDriver does not), null in Firefox. */
export async function openWithCsp(session, url) {
  const tab = await session.open('about:blank');
  if (session.browser !== 'chromium') {
    await tab.goto(url);
    return { tab, csp: null };
  }
  const response = await tab.page.goto(url);
  return { tab, csp: response.headers()['content-security-policy'] ?? null };
}

/** Whether the page in `tab` refuses a plain string in innerHTML, as it does when Trusted Types are enforced. */
export const refusesHtmlStrings = (tab) =>
  tab.evaluate(() => {
    try {
      document.body.innerHTML = '<b>x</b>';
      return false;
    } catch {
      return true;
    }
  });

/** Serves every https page of `host` (pagesOf) in a Playwright (Chromium) context from `respond(url)`, as the Firefox proxy's route
 *  with a function does (proxy.mjs): { body, headers?, contentType?, delay? }. */
export const routeWith = (context, host, respond) =>
  context.route(pagesOf(host), async (route) => {
    const { body, headers = {}, contentType = 'text/html; charset=utf-8', delay = 0 } = await respond(new URL(route.request().url()));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    await route.fulfill({ status: 200, contentType, headers, body });
  });

/**
 * @param {'chromium'|'firefox'} browser
 * @param {{language?: string, policy?: object, pageLoad?: string, extension?: string|null, prefs?: object, args?: string[]}} options
 *   `language` ('fr', 'de'): the browser's UI language; `policy`: the organisation's settings for the extension,
 *   deployed as that browser reads them; `pageLoad` (Firefox): WebDriver's page load strategy, 'normal' or 'none';
 *   `extension` (Firefox): the unpacked add-on to install (default the test build; null for none; another one
 *   gets no session.extension()); `prefs` (Firefox): more preferences (fake media devices, for one); `args`
 *   (Chromium): more switches (its fake media devices).
 */
export async function launchBrowser(browser, options = {}) {
  if (browser === 'firefox') return launchFirefox(options);
  if (options.policy) throw new Error('Chromium policy: see policy.test.mjs (a file under /etc/chromium/policies)');
  return wrapChromium(await launchChromium({ language: options.language, args: options.args }));
}

// --- Chromium -------------------------------------------------------------------------------------------------

/** The session of this module over a Chromium session of browser.mjs's `launch()`: launchBrowser's own, and
 *  policy.test.mjs's, which launches Chromium itself after writing its policy file. */
export function wrapChromium(session) {
  const problems = [];
  const fromExtension = (url) => typeof url === 'string' && url.startsWith(`chrome-extension://${EXTENSION_ID}/`);
  const watchPage = (page) => {
    page.on('console', (message) => {
      if (['error', 'warning'].includes(message.type()) && fromExtension(message.location()?.url)) {
        problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
      }
    });
  };
  session.context.on('page', watchPage);
  for (const page of session.context.pages()) watchPage(page);
  const watchWorker = (worker) => {
    worker.on('console', (message) => {
      if (['error', 'warning'].includes(message.type())) problems.push(`${message.type()}: ${message.text()} (background)`);
    });
  };
  watchWorker(session.worker());

  const wrapPage = (page) => ({
    page,
    url: () => page.url(),
    overlayText: async () => {
      const overlay = await readOverlay(page).catch(() => null);
      return overlay ? collapse(overlay.text) : null;
    },
    /** The lookalike warning as a person sees it: the tab's extension-owned warning page, else the overlay. */
    async warningText() {
      if (!page.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) return this.overlayText();
      const ready = await page.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false);
      return ready ? collapse(await page.locator('body').innerText()) : null;
    },
    async clickWarning(id) {
      if (!page.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) return false;
      await page.click(`#${id}`);
      return true;
    },
    clickInOverlay: (className) => chromiumClickInOverlay(page, className),
    async banner() {
      const overlay = await readOverlay(page).catch(() => null);
      return overlay && {
        closed: overlay.shadowRootType === 'closed',
        role: overlay.role,
        hostPosition: overlay.hostPosition,
        accent: overlay.accent,
        text: collapse(overlay.text),
      };
    },
    goto: (url) => page.goto(url).then(() => {}, () => {}), // an aborted load (sent to the warning page) is not an error
    reload: () => page.reload().then(() => {}),
    press: (key) => page.keyboard.press(key),
    typeHere: (text) => page.keyboard.type(text),
    click: (selector) => page.click(selector),
    async clickOpensTab(selector) {
      const [opened] = await Promise.all([page.context().waitForEvent('page'), page.click(selector)]);
      return wrapPage(opened);
    },
    fill: (selector, text) => page.fill(selector, text),
    upload: (selector, path) => page.setInputFiles(selector, path),
    select: (selector, value) => page.selectOption(selector, value),
    async type(selector, text) {
      await page.click(selector);
      await page.keyboard.type(text);
    },
    async clickShadowButton(marker, text) {
      for (const host of await readShadowHosts(page, marker)) {
        const button = host.buttons.find((b) => b.text === text);
        if (button) {
          await page.mouse.click(button.x, button.y);
          return true;
        }
      }
      return false;
    },
    text: (selector = 'body') => page.locator(selector).innerText(),
    evaluate: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
    shadowHosts: async (marker) =>
      (await readShadowHosts(page, marker)).map(({ shadowRootType, text, title, className, previous, ancestorId }) => ({
        closed: shadowRootType === 'closed',
        text,
        title,
        className,
        previousHref: previous?.href ?? null,
        previous,
        ancestorId,
      })),
    close: () => page.close(),
  });

  return {
    browser: 'chromium',
    extensionBase: `chrome-extension://${EXTENSION_ID}/`,
    requests: session.requests,
    isBrowserTraffic: () => false, // --disable-background-networking
    raw: session,
    serve: (host, name, headers = {}) => chromiumServe(session.context, pagesOf(host), name, headers),
    /** As the proxy's route with a function (proxy.mjs): `respond(url)` gives { body, headers?, contentType?, delay? }. */
    serveWith: (host, respond) => routeWith(session.context, host, respond),
    async open(url) {
      const page = await session.context.newPage();
      // A lookalike's tab is sent to the warning page while it loads: that aborted load is not an error here.
      await page.goto(url).catch(() => {});
      return wrapPage(page);
    },
    openExtensionPage(path) {
      return this.open(`chrome-extension://${EXTENSION_ID}/${path}`);
    },
    extension: (fn, ...args) => session.worker().evaluate(`(${fn})(chrome, ...${JSON.stringify(args)})`),
    tabRecord: (url) => chromiumTabRecord(session, url),
    badgeText: (tabId) => chromiumBadgeText(session, tabId),
    recordedTabs: () => chromiumRecordedTabs(session),
    newTabRecord: (before) => chromiumNewTabRecord(session, before),
    extensionProblems: async () => [...problems],
    close: () => session.close(),
  };
}

// --- Firefox --------------------------------------------------------------------------------------------------

async function launchFirefox({ language, policy, pageLoad = 'normal', extension: addon = FIREFOX_EXTENSION_DIR, prefs: extraPrefs = {} } = {}) {
  // Only the test build gets the extension tab that session.extension() runs in.
  const testBuild = addon === FIREFOX_EXTENSION_DIR;
  if (addon && !existsSync(join(addon, 'manifest.json'))) {
    throw new Error(`${addon} is missing${testBuild ? ': run `make extension-test` first' : ''}`);
  }
  if (!existsSync(GECKODRIVER)) throw new Error(`${GECKODRIVER} is missing: run \`make setup-firefox\``);
  // Selenium Manager would look for drivers and browsers online: everything is given here instead.
  process.env.SE_OFFLINE = 'true';
  const { Builder, By, Key } = await import('selenium-webdriver');
  const firefox = await import('selenium-webdriver/firefox.js');

  const proxy = await startProxy();
  const scratch = mkdtempSync(join(tmpdir(), 'joinguard-firefox-'));
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless').setAcceptInsecureCerts(true);
  options.windowSize({ width: 1100, height: 640 });
  // 'none': open() returns at once, as the hostile suite's slow pages need (Chromium's waitUntil: 'commit').
  options.setPageLoadStrategy(pageLoad);
  const prefs = {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxy.port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    // The browser console keeps content scripts' and the background's messages for extensionProblems().
    'devtools.console.stdout.content': false,
    ...(language && { 'intl.locale.requested': language, 'intl.accept_languages': language }),
    ...extraPrefs,
  };
  if (policy) {
    // Firefox reads policies.json at start-up from /etc/firefox/policies/ or its installation's distribution/,
    // or, when Cu.isInAutomation, from the file the pref browser.policies.alternatePath names
    // (EnterprisePoliciesParent.sys.mjs _getConfigurationFile, in omni.ja). isInAutomation is Mozilla's own
    // test-harness switch: the pref below together with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (Firefox then
    // connects to local addresses only, and this session's only connections are to the local proxy). So the
    // policy is this run's own file, and nothing system-wide is written (unlike Chromium's policy test).
    const file = join(scratch, 'policies.json');
    writeFileSync(file, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
    prefs['browser.policies.alternatePath'] = file;
    prefs['security.turn_off_all_security_so_that_viruses_can_take_over_this_computer'] = true;
  }
  for (const [name, value] of Object.entries(prefs)) options.setPreference(name, value);

  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access');
  if (policy) service.setEnvironment({ ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' });
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  const base = `moz-extension://${FIREFOX_UUID}/`;
  const cleanup = async () => {
    await driver.quit().catch(() => {});
    await proxy.close();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (addon) await driver.installAddon(addon, true);
  } catch (error) {
    await cleanup();
    throw error;
  }

  // WebDriver works on one window at a time: every call switches to its tab first, and calls made at the same
  // time (Promise.all over two tabs) take turns, a whole method at a time (calls from inside one run at once).
  let current = await driver.getWindowHandle();
  let turn = Promise.resolve();
  const inTurn = new AsyncLocalStorage();
  const serial = (fn) => (...args) => {
    if (inTurn.getStore()) return fn(...args);
    const run = turn.then(() => inTurn.run(true, () => fn(...args)));
    turn = run.catch(() => {});
    return run;
  };
  const serialAll = (object) => {
    for (const [name, value] of Object.entries(object)) {
      if (value?.constructor?.name === 'AsyncFunction') object[name] = serial(value.bind(object));
    }
    return object;
  };
  const onTab = async (handle) => {
    if (current !== handle) await driver.switchTo().window(handle);
    current = handle;
  };
  const newTab = async (url) => {
    await driver.switchTo().newWindow('tab');
    current = await driver.getWindowHandle();
    // A lookalike's tab is sent to the warning page while it loads: that aborted load is not an error here.
    await driver.get(url).catch(() => {});
    return current;
  };

  // An extension page kept open to call browser.* from (the background's own APIs are the same there).
  const extensionPage = `${base}pages/options.html`;
  const extensionTab = testBuild ? await newTab(extensionPage) : null;
  const extension = serial(async (fn, ...args) => {
    if (!extensionTab) throw new Error('session.extension() needs the test build');
    await onTab(extensionTab);
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn})(browser, ...arguments[0])).then(
        (value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) }));`;
    const result = await driver.executeAsyncScript(script, args);
    if (result?.error) throw new Error(`in the extension: ${result.error}`);
    // Every answer has `value` (null for undefined) or `error`; none at all is an error, never a silent undefined.
    if (!result || !('value' in result)) throw new Error(`in the extension: no answer (${JSON.stringify(result)})`);
    return result.value;
  });
  // Once the extension page has loaded, so that no script runs before it (session 49). With the 'none' page load
  // strategy (continue-loads, hostile) driver.get returns before the page has loaded, and a script run meanwhile
  // runs in the tab's first document, about:blank (`browser` undefined), or as the extension page replaces it:
  // geckodriver 0.37.1 then answers null (the WebDriver spec leaves a navigation during a script open:
  // w3c/webdriver#1708). Session 48 saw that null as "the first script after launch answers nothing" and woke the
  // page with round trips until one answered; session 49's probe (docs/browsers.md): the first extension() call
  // answered null in 9 of 10 launches with 'none' and no wait at a load of ~8 on 2 cores (a race: fewer on a quiet
  // machine; the review saw 1 of 2), 0 of 7 with 'normal', 0 of 12 with 'none' and this wait. The event page needs no waking: the calls that reach it go through runtime.getBackgroundPage, which starts
  // it (background-hold.mjs inBackground). Polled (a script run in the page as it changes fails or answers false),
  // as hostile-scenarios.mjs `loaded` does.
  // On a timeout it says what the tab showed and closes Firefox, geckodriver and the proxy: the caller gets no
  // session to close, and the proxy's open socket would keep the test file (and /tmp/e2e.lock) alive.
  if (extensionTab) {
    const ready = () =>
      driver.executeScript('return document.readyState === "complete" && location.href === arguments[0];', extensionPage).catch(() => false);
    try {
      await eventually(ready, { what: 'the extension page (pages/options.html) to load' });
    } catch (error) {
      const seen = await driver.executeScript('return [location.href, document.readyState];').catch(String);
      await cleanup();
      throw new Error(`${error.message}; the extension tab showed ${JSON.stringify(seen)}`);
    }
  }

  /**
   * The hosts of the extension's `marker` UI (UI.banner, UI.badge, …) in the tab's top document, as
   * [{host, root, top}]: built-in div/span elements with no children of their own and a closed shadow root whose
   * top element has that class (shadow-hosts.mjs isUiHost; WebDriver's getShadowRoot reaches closed roots in
   * Firefox, and fails on an element without one). The hosts carry no mark of their own (their style is a `:host`
   * rule inside the root since session 40, shadow-host.js), so every childless div and span is asked. `inRoots`:
   * those in the page's own shadow roots too (a mark after a post in a chat element's root, session 50), as
   * Chromium's DevTools snapshot holds them.
   */
  const uiHosts = async (handle, marker, { inFrame = false, inRoots = false } = {}) => {
    if (!inFrame) await onTab(handle); // in a frame: the caller switched to it, within its own tab
    const found = [];
    const candidates = await driver.executeScript(`return [...document.querySelectorAll('div, span')].filter(
      (node) => node.childNodes.length === 0 && node.shadowRoot === null);`).catch(() => null);
    if (inRoots && candidates) candidates.push(...(await candidatesInRoots()));
    for (const host of candidates ?? []) {
      try {
        const root = await host.getShadowRoot();
        const [top] = await root.findElements(By.css('[class]'));
        if (top && (await top.getAttribute('class')).split(/\s+/).includes(marker)) found.push({ host, root, top });
      } catch {
        // Not a shadow host, or gone while being read.
      }
    }
    return found;
  };

  /** The childless div and span elements in the page's shadow roots, the roots of its custom elements and the roots
   *  in those, 4 deep (WebDriver's getShadowRoot opens closed roots in Firefox): uiHosts' `inRoots`. */
  const candidatesInRoots = async () => {
    const out = [];
    let hosts = await driver.executeScript("return [...document.querySelectorAll('*')].filter((node) => node.localName.includes('-'));").catch(() => []);
    for (let depth = 0; depth < 4 && hosts.length > 0; depth++) {
      const next = [];
      for (const host of hosts) {
        const elements = await host.getShadowRoot().then((root) => root.findElements(By.css('*')), () => []);
        if (elements.length === 0) continue;
        const kinds = await driver.executeScript('return arguments[0].map((node) => [node.localName, node.childNodes.length === 0]);', elements).catch(() => []);
        elements.forEach((element, i) => {
          const [name, empty] = kinds[i] ?? [];
          if (name?.includes('-')) next.push(element);
          else if (empty && (name === 'div' || name === 'span')) out.push(element);
        });
      }
      hosts = next;
    }
    return out;
  };

  /** The first element matching `selector` in the top document of the tab `handle`. */
  const find = async (handle, selector) => {
    await onTab(handle);
    return driver.findElement(By.css(selector));
  };

  const wrapTab = (handle) => serialAll({
    handle,
    url: async () => {
      await onTab(handle);
      return driver.getCurrentUrl();
    },
    async overlayText() {
      try {
        const [banner] = await uiHosts(handle, UI.banner);
        return banner ? collapse(await banner.top.getText()) : null;
      } catch {
        return null; // re-rendered while being read: try again later
      }
    },
    async warningText() {
      if (!(await this.url()).startsWith(base)) return this.overlayText();
      const ready = await this.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false);
      return ready ? collapse(await this.text()) : null;
    },
    async clickWarning(id) {
      if (!(await this.url()).startsWith(base)) return false;
      await this.click(`#${id}`);
      return true;
    },
    /** The banner as readOverlay (browser.mjs) tells it in Chromium: whether its root is closed to the page, the role
     *  of its alert, the host's computed position and the alert's left border (set by the shadow style sheet). */
    async banner() {
      try {
        const [found] = await uiHosts(handle, UI.banner);
        if (!found) return null;
        const [alert] = await found.root.findElements(By.css('[role="alert"]'));
        return {
          closed: await driver.executeScript('return arguments[0].shadowRoot === null;', found.host),
          role: alert ? 'alert' : null,
          hostPosition: await driver.executeScript('return getComputedStyle(arguments[0]).position;', found.host),
          accent: alert ? await alert.getCssValue('border-left-width') : null,
          text: collapse(await found.top.getText()),
        };
      } catch {
        return null; // re-rendered while being read: try again later
      }
    },
    async reload() {
      await onTab(handle);
      await driver.navigate().refresh();
    },
    /** The browser's Back (an aborted load, sent to the warning page again, is not an error). */
    async back() {
      await onTab(handle);
      await driver.navigate().back().catch(() => {});
    },
    /** A real key press ('Tab', 'Shift+Tab', 'Enter', 'Escape') where the focus is. */
    async press(key) {
      await onTab(handle);
      const keys = { Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE };
      const [, shift, name] = key.match(/^(Shift\+)?(.*)$/);
      if (!(name in keys)) throw new Error(`press: ${key} is not one of ${Object.keys(keys)}, with or without Shift+`);
      const actions = driver.actions();
      if (shift) actions.keyDown(Key.SHIFT);
      actions.sendKeys(keys[name]);
      if (shift) actions.keyUp(Key.SHIFT);
      await actions.perform();
    },
    /** Real key presses of `text` where the focus is (an element inside a shadow root the page focused). */
    async typeHere(text) {
      await onTab(handle);
      await driver.actions().sendKeys(text).perform();
    },
    async clickInOverlay(className) {
      for (const { root } of await uiHosts(handle, UI.banner)) {
        const targets = await root.findElements(By.css(`.${className}`));
        if (targets.length === 0) return false;
        await targets[0].click(); // a WebDriver click is a trusted event
        return true;
      }
      return false;
    },
    async click(selector) {
      await (await find(handle, selector)).click();
    },
    /** Clicks `selector` (a link with target=_blank, for one) and returns the tab it opened. */
    async clickOpensTab(selector) {
      const link = await find(handle, selector);
      const before = new Set(await driver.getAllWindowHandles());
      await link.click();
      const opened = await eventually(async () => (await driver.getAllWindowHandles()).find((h) => !before.has(h)), { what: 'the tab the click opened' });
      return wrapTab(opened);
    },
    async select(selector, value) {
      await (await find(handle, `${selector} option[value="${value}"]`)).click();
    },
    async fill(selector, text) {
      const field = await find(handle, selector);
      await field.clear();
      await field.sendKeys(text);
    },
    /** Gives the file input `selector` the file at `path` (WebDriver sends a file input its path). */
    async upload(selector, path) {
      await (await find(handle, selector)).sendKeys(path);
    },
    async type(selector, text) {
      const field = await find(handle, selector);
      await field.click();
      await field.sendKeys(text);
    },
    async clickShadowButton(marker, text) {
      for (const { root } of await uiHosts(handle, marker)) {
        for (const button of await root.findElements(By.css('button'))) {
          if ((await button.getText()).trim() === text) {
            await button.click();
            return true;
          }
        }
      }
      return false;
    },
    async text(selector = 'body') {
      return (await find(handle, selector)).getText();
    },
    /** Runs `fn` as the page's own script would: `window` and `globalThis` are the page's (wrappedJSObject:
     *  WebDriver's scripts otherwise see the page through Xray wrappers, without its own globals). */
    async evaluate(fn, ...args) {
      await onTab(handle);
      return driver.executeScript(
        `const page = window.wrappedJSObject ?? window;
         return ((window, globalThis) => (${fn})(...arguments[0]))(page, page);`,
        args,
      );
    },
    async goto(url) {
      await onTab(handle);
      await driver.get(url).catch(() => {}); // an aborted load (sent to the warning page) is not an error
    },
    /** [{text, visible}] of the `marker` UI hosts (visible: displayed and with a box). */
    async visibleHosts(marker) {
      const results = [];
      for (const { host, top } of await uiHosts(handle, marker)) {
        const visible = await driver.executeScript(
          'return getComputedStyle(arguments[0]).display !== "none" && arguments[0].getClientRects().length > 0;', host);
        results.push({ text: collapse(await top.getText()), visible });
      }
      return results;
    },
    /** The `marker` UI hosts of the tab's top document, then of each of its frames (a message body in a srcdoc
     *  frame, for one), as readShadowHosts (shadow-hosts.mjs) finds them in Chromium: `previous` is the element
     *  or text just before the host ({nodeName, href, text}), `ancestorId` the id of its nearest ancestor that
     *  has one (within the host's own document). */
    async shadowHosts(marker, { inFrame = false } = {}) {
      const results = [];
      for (const { host, root, top } of await uiHosts(handle, marker, { inFrame, inRoots: true })) {
        const labelled = await root.findElements(By.css('[class]'));
        const { previous, ancestorId } = await driver.executeScript(`const host = arguments[0];
          let node = host.previousSibling;
          while (node && node.nodeType !== 1 && node.nodeType !== 3) node = node.previousSibling;
          return {
            previous: node && { nodeName: node.nodeName, href: node.nodeType === 1 ? node.getAttribute('href') : null, text: node.textContent.trim() },
            ancestorId: host.parentElement?.closest('[id]')?.id ?? null,
          };`, host);
        results.push({
          closed: await driver.executeScript('return arguments[0].shadowRoot === null;', host),
          text: collapse((await Promise.all(labelled.map((node) => node.getText()))).join(' ')),
          title: await top.getAttribute('title'),
          className: await top.getAttribute('class'),
          previousHref: await driver.executeScript('return arguments[0].previousElementSibling?.getAttribute("href") ?? null;', host),
          previous,
          ancestorId,
        });
      }
      if (inFrame) return results;
      // Chromium's DevTools snapshot holds the frames' documents too: read each frame from inside it.
      const frames = await driver.findElements(By.css('iframe'));
      for (const frame of frames) {
        try {
          await driver.switchTo().frame(frame);
          results.push(...(await this.shadowHosts(marker, { inFrame: true })));
        } catch {
          // A frame gone or not reachable while being read: its hosts are read on the next try.
        } finally {
          await driver.switchTo().defaultContent();
        }
      }
      return results;
    },
    async close() {
      await onTab(handle);
      await driver.close();
      current = null;
      await onTab(extensionTab ?? (await driver.getAllWindowHandles())[0]);
    },
  });

  return serialAll({
    browser: 'firefox',
    extensionBase: base,
    requests: proxy.requests,
    /** Firefox's own traffic (remote settings at firefox.settings.services.mozilla.com), not the extension's. */
    isBrowserTraffic: (url) => /(^|\.)mozilla\.(com|net|org)$/.test(new URL(url).hostname),
    driver,
    serve(host, name, headers = {}) {
      proxy.route(host, fixture(name), headers);
    },
    /** Serves `host` from a function of the URL: { body, headers?, contentType?, delay? } (proxy.mjs). */
    serveWith(host, respond) {
      proxy.route(host, respond);
    },
    wrapTab,
    async open(url) {
      return wrapTab(await newTab(url));
    },
    async openExtensionPage(path) {
      return this.open(`${base}${path}`);
    },
    extension,
    /** The tab's id as the extension knows it, from a page of the extension open in it. */
    async tabIdOf(tab) {
      await onTab(tab.handle);
      return driver.executeAsyncScript('const done = arguments[arguments.length - 1]; browser.tabs.getCurrent().then((t) => done(t.id), () => done(null));');
    },
    tabRecord: async (url) => recordOf(await extension(liveRecords), url),
    badgeText: (tabId) => extension((ext, id) => ext.action.getBadgeText({ tabId: id }), tabId),
    async recordedTabs() {
      return new Set(Object.keys((await extension((ext) => ext.storage.session.get(null))) ?? {}).filter((key) => key.startsWith('tab:')));
    },
    async newTabRecord(before) {
      const stored = (await extension((ext) => ext.storage.session.get(null))) ?? {};
      const key = Object.keys(stored).find((name) => name.startsWith('tab:') && !before.has(name));
      return key ? { tabId: Number(key.slice(4)), assessment: stored[key] } : null;
    },
    /** Runs `fn` (may be async) in the browser's privileged (chrome) context, where Services, Ci and
     *  ChromeUtils are; `args` and the result go through JSON. */
    async privileged(fn, ...args) {
      await driver.setContext(firefox.Context.CHROME);
      try {
        const result = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn})(...arguments[0])).then(
            (value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) }));`, args);
        if (result?.error) throw new Error(`in the browser: ${result.error}`);
        return result?.value;
      } finally {
        await driver.setContext(firefox.Context.CONTENT);
      }
    },
    /** Warnings and errors in the browser console that name the extension (its files, its id or its name). */
    async extensionProblems() {
      const messages = await this.privileged(() =>
        Services.console.getMessageArray().map((m) => {
          const error = m instanceof Ci.nsIScriptError ? m : null;
          return {
            text: error ? error.errorMessage : m.message,
            source: error ? error.sourceName : '',
            warning: error ? Boolean(error.flags & Ci.nsIScriptError.warningFlag) || Boolean(error.flags & Ci.nsIScriptError.infoFlag) : false,
            error: Boolean(error) && !(error.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)),
          };
        }));
      const ours = (m) => m.source.startsWith(base) || m.text.includes(base) || /joinguard|Reading manifest/i.test(m.text);
      // Firefox's own report when a page goes (a closed tab, a lookalike sent to the warning page) while one of
      // its content scripts' messages is unanswered: the script's rejection handler can no longer run, so
      // Firefox logs it instead (ExtensionCommon.sys.mjs, "Promise rejected after context unloaded"). Not
      // something the extension can avoid or handle.
      // Likewise ConduitsChild.sys.mjs's "sendRemoveListener on closed conduit" when such a page is torn down.
      const unloaded = (m) =>
        /^Promise (rejected|resolved) (after context unloaded|while context is inactive)|^sendRemoveListener on closed conduit/.test(m.text);
      // A web page's attempt to open one of the extension's pages, refused by Firefox ("Security Error: Content
      // at … may not load or link to moz-extension://…"): the page's error, and the defence working.
      const refused = (m) => /^Security Error: Content at https?:/.test(m.text);
      // "Script terminated by timeout at: <stack>": Firefox stopping a script in the lookalike's page after its
      // tab was sent to the warning page; a page that is no longer shown, so no hang and no slow-script notice.
      // The words are SpiderMonkey's one message for every script an interrupt callback stops
      // (JSMSG_TERMINATED, HandleInterrupt in js/src/vm/JSContext.cpp), whatever the reason. The reason here
      // (session 23, 4 Dec 2026, Firefox ESR 153.8, MOZ_LOG=timestamp,Process:5 next to time stamps logged by
      // each content script and the background): the warning page runs in the extension's process, so the
      // lookalike's own content process loses its last tab and Firefox shuts it down at once
      // (ContentParent::MaybeBeginShutDown → SignalImpendingShutdownToContentJS). The old document lives on
      // until the process exits and can still reach document_idle; Firefox then stops any non-chrome script
      // run there, extension content scripts included (HangMonitorChild::InterruptCallback in
      // dom/ipc/ProcessHangMonitor.cpp, pref dom.abort_script_on_child_shutdown, true by default).
      // - In 40 lookalike loads, content.js, link-badges.js and credentials-watch.js started after the
      //   lookalike's process began shutting down in 6 loads; 1 of those had a script stopped, and the
      //   lookalike's own inline script was stopped in another load. The engine was warm in every load, the tab
      //   was sent away 12-513 ms after the early check started, and each content script's first run took a
      //   few milliseconds: nothing waited on the background or ran for long.
      // - With dom.abort_script_on_child_shutdown false: the same late starts in 10 of 60 loads, nothing stopped.
      // - Not the earlier guess (CancelContentJSExecutionIfRunning on navigation): that path leaves add-on
      //   and content-script principals alone, which is why turning it off changed nothing in session 17.
      // - The extension cannot prevent it: content scripts that return at once when gate.js has heard "warned"
      //   (the background answering before it sends the tab away) were still stopped, at their end, 3 times
      //   in 180 loads against 4 in 180 without (branch s23-firefox-guard). The stop request comes on Firefox's
      //   hang-monitor thread, whatever the main thread has queued.
      // Reported on stderr, never failed on: it comes by design in about 1 lookalike load in 40, and the message
      // does not say which page it was in (its innerWindowID is 0 for a content script). Firefox's slow-script
      // handling in a content process acts only while the person's input waits
      // (dom.max_script_run_time.require_critical_input), and then shows a notice rather than stopping.
      const watchdog = (m) => /^Script terminated by timeout/.test(m.text);
      const relevant = messages.filter((m) => (m.error || m.warning || /warning|error/i.test(m.text)) && ours(m) && !unloaded(m) && !refused(m));
      for (const m of relevant.filter(watchdog)) process.stderr.write(`joinguard e2e (Firefox, a page torn down after its tab was sent away): ${m.text}\n`);
      return relevant.filter((m) => !watchdog(m)).map((m) => `${m.text} (${m.source})`);
    },
    close: cleanup,
  });
}
