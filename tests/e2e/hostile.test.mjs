// The hostile-page suite in Chromium and Firefox ESR: the scenarios of hostile-scenarios.mjs (one per attack of
// issue 10, and the defences that held) run against the test build through a driver with the methods listed at
// the top of hostile-scenarios.mjs: in Chromium made of browser.mjs's helpers, in Firefox of browsers.mjs's.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXTENSION_DIR, EXTENSION_ID, badgeText, clickInOverlay, launch, tabRecord } from './browser.mjs';
import { BACK_SCENARIOS, FIXTURES, SCENARIOS, withRestoreCount } from './hostile-scenarios.mjs';
import { BROWSERS, FIREFOX_EXTENSION_DIR, launchBrowser } from './browsers.mjs';
import { isUiHost } from './shadow-hosts.mjs';

const WARNING_PAGE = `chrome-extension://${EXTENSION_ID}/pages/warning.html`;

/** The fixture `name`'s HTML; with `restores`, counting its restores from the back/forward cache (withRestoreCount). */
const fixtureBody = (name, { restores = false } = {}) => {
  const body = readFileSync(new URL(`fixtures/${name}`, import.meta.url));
  return restores ? withRestoreCount(body) : body;
};

/** Serves a fixture under `pattern`; its `.js` URLs get an empty script, after `delay` ms when given; `restores`
 *  as in fixtureBody. */
async function serveFixture(context, pattern, fixture, { headers = {}, delay = 0, restores = false } = {}) {
  const body = fixtureBody(fixture, { restores });
  await context.route(pattern, async (route) => {
    if (new URL(route.request().url()).pathname.endsWith('.js')) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* held back */' }).catch(() => {});
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body });
  });
}

/** The extension's in-page UI of one kind, read through DevTools (closed roots included), with its visibility. */
async function uiHosts(page, marker) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [];
    const walk = (node) => {
      if (isUiHost(node, marker)) hosts.push(node);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child);
    };
    walk(root);
    const textOf = (node) => {
      if (node.nodeName === 'STYLE') return '';
      if (node.nodeType === 3) return node.nodeValue;
      return (node.children ?? []).map(textOf).join(' ');
    };
    const result = [];
    for (const host of hosts) {
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: host.nodeId });
      const display = computedStyle.find((entry) => entry.name === 'display')?.value;
      const box = await cdp.send('DOM.getBoxModel', { nodeId: host.nodeId }).catch(() => null);
      result.push({ text: textOf(host.shadowRoots[0]).replace(/\s+/g, ' ').trim(), visible: display !== 'none' && box !== null });
    }
    return result;
  } finally {
    await cdp.detach();
  }
}

function extensionFiles(root = EXTENSION_DIR) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js|html)$/.test(name)) files.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

/** Run in the extension (Chromium's service worker, Firefox's extension page): how many messages of `type` its
 *  listener has seen, the listener added at the first call (`counter`: when; messagesOfType in hostile-scenarios.mjs).
 *  Kept in the page's sessionStorage in Firefox, whose WebDriver runs each script in a new global (the listener
 *  lasts); in a global of the worker in Chromium, which has no sessionStorage. */
const countMessages = (runtime, type) => {
  const store = globalThis.sessionStorage ?? (globalThis.joinguardSeen ??= new Map());
  const read = (key) => (store instanceof Map ? store.get(key) : store.getItem(key)) ?? null;
  const write = (key, value) => (store instanceof Map ? store.set(key, value) : store.setItem(key, value));
  if (read('joinguard-seen') === null) {
    write('joinguard-seen', String(Date.now()));
    runtime.onMessage.addListener((message) => {
      if (typeof message?.type === 'string') write(`joinguard-seen:${message.type}`, String(Number(read(`joinguard-seen:${message.type}`)) + 1));
    });
  }
  return { counter: read('joinguard-seen'), count: Number(read(`joinguard-seen:${type}`)) };
};

/** What the warning page shows, read inside it (the same in both browsers). */
const readWarningPage = () => ({
  ready: document.body.dataset.ready === 'true',
  text: document.body.innerText,
  continueShown: !document.getElementById('continue').hidden,
  leaveFocused: document.activeElement?.id === 'leave',
  markup: document.querySelectorAll('main img, main b, main script, main a').length,
});

function chromiumDriver(session) {
  const open = async (page, url) => {
    // A page sent to the warning page aborts its own load: not an error here.
    await page.goto(url, { waitUntil: 'commit' }).catch(() => {});
  };
  const onWarning = (page) => page.url().startsWith(WARNING_PAGE);
  const tabOf = async (page) => {
    if (onWarning(page)) return page.evaluate(() => chrome.tabs.getCurrent().then((tab) => tab.id));
    return (await tabRecord(session, page.url()))?.tabId ?? null;
  };
  return {
    // Back from the warning page restores the page the tab left for it (hostile-scenarios.mjs BACK_SCENARIOS).
    restoresFromExtensionPage: true,
    warningPage: WARNING_PAGE,
    async open(url) {
      const page = await session.context.newPage();
      await open(page, url);
      return page;
    },
    goto: open,
    back: (page) => page.goBack({ waitUntil: 'commit' }).then(() => {}, () => {}),
    url: (page) => page.url(),
    async readWarning(page) {
      if (!onWarning(page)) return null;
      return page
        .evaluate(readWarningPage)
        .catch(() => null); // navigating away
    },
    clickWarning: (page, id) => page.click(`#${id}`),
    syntheticClickWarning: (page, id) => page.evaluate((which) => document.getElementById(which).click(), id),
    evaluate: (page, fn, arg) => page.evaluate(fn, arg),
    uiHosts,
    clickBanner: (page, className) => clickInOverlay(page, className),
    tabId: tabOf,
    tabBadge: (tabId) => badgeText(session, tabId),
    async badge(page) {
      const tabId = await tabOf(page);
      return tabId === null ? null : badgeText(session, tabId);
    },
    storage: (area) => session.worker().evaluate((name) => chrome.storage[name].get(null), area),
    manifest: async () => JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')),
    extensionFiles: async () => extensionFiles(),
    requests: async () => [...session.requests],
    messagesOfType: (type) => session.worker().evaluate(`(${countMessages})(chrome.runtime, ${JSON.stringify(type)})`),
    close: (page) => page.close(),
  };
}

describe('hostile pages against the warnings, in Chromium', () => {
  let session;
  let driver;

  before(async () => {
    session = await launch();
    for (const [pattern, fixture, options] of FIXTURES) await serveFixture(session.context, pattern, fixture, options);
    driver = chromiumDriver(session);
  });

  after(async () => {
    await session?.close();
  });

  for (const [name, scenario] of SCENARIOS) test(name, () => scenario(driver));
});

describe('Back from the warning page, in Chromium with its back/forward cache on', () => {
  let session;
  let driver;

  before(async () => {
    session = await launch({ backForwardCache: true });
    for (const [pattern, fixture, options] of FIXTURES) await serveFixture(session.context, pattern, fixture, { ...options, restores: true });
    driver = chromiumDriver(session);
  });

  after(async () => {
    await session?.close();
  });

  for (const [name, scenario] of BACK_SCENARIOS) test(name, () => scenario(driver));
});

/** The same driver for Firefox ESR, over browsers.mjs (WebDriver; pages served by its local proxy). */
function firefoxDriver(session) {
  const warningPage = `${session.extensionBase}pages/warning.html`;
  const urlOf = (tab) => tab.url();
  const tabOf = async (tab) => {
    const url = await urlOf(tab);
    return url.startsWith(warningPage) ? session.tabIdOf(tab) : (await session.tabRecord(url))?.tabId ?? null;
  };
  return {
    // Firefox ESR 153 does not restore a page left for an extension page (the warning page): Back loads it again,
    // with or without WebDriver (docs/browsers.md, session 36: the page enters the cache, `pagehide` with
    // `persisted`, and on Back, WebDriver's, history.back() in the extension page, or tabs.goBack() in a Firefox
    // started without any driver, tools/firefox-bfcache-probe.mjs, it runs anew; MOZ_LOG=SHIPBFCache:5,Process:5
    // shows it stored in the cache as the tab changes process, then its process shut down on Back and the page
    // loaded in a new one). From page to page Firefox restores (the ordinary-page Back scenario).
    restoresFromExtensionPage: false,
    warningPage,
    open: (url) => session.open(url),
    goto: (tab, url) => tab.goto(url),
    back: (tab) => tab.back(),
    url: urlOf,
    async readWarning(tab) {
      if (!(await urlOf(tab)).startsWith(warningPage)) return null;
      return tab
        .evaluate(readWarningPage)
        .catch(() => null); // navigating away
    },
    clickWarning: (tab, id) => tab.click(`#${id}`),
    syntheticClickWarning: (tab, id) => tab.evaluate((which) => document.getElementById(which).click(), id),
    evaluate: (tab, fn, arg) => tab.evaluate(fn, arg),
    uiHosts: (tab, marker) => tab.visibleHosts(marker),
    clickBanner: (tab, className) => tab.clickInOverlay(className),
    tabId: tabOf,
    tabBadge: (tabId) => session.badgeText(tabId),
    async badge(tab) {
      const tabId = await tabOf(tab);
      return tabId === null ? null : session.badgeText(tabId);
    },
    storage: (area) => session.extension((ext, name) => ext.storage[name].get(null), area),
    manifest: async () => JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')),
    extensionFiles: async () => extensionFiles(FIREFOX_EXTENSION_DIR),
    requests: async () => session.requests.filter((url) => !session.isBrowserTraffic(url)),
    // Firefox sends a content script's message to every extension page, the one session.extension() runs in too.
    messagesOfType: (type) => session.extension(`(ext, wanted) => (${countMessages})(ext.runtime, wanted)`, type),
    close: (tab) => tab.close(),
  };
}

/** A Firefox session (WebDriver's 'none' page load strategy: open() returns at once, as Chromium's 'commit')
 *  serving FIXTURES through its proxy; `restores` as in fixtureBody, and pages Firefox's back/forward cache may
 *  keep: the proxy's default `Cache-Control: no-store` keeps every page out of it, and Back then loaded the page
 *  again (session 36: a page counting its `pageshow` events saw [false] after Back with the proxy's default,
 *  [false, true] with `no-cache`, `max-age=0` or `private`, through WebDriver's Back and history.back() alike). */
async function firefoxSession({ restores = false } = {}) {
  const session = await launchBrowser('firefox', { pageLoad: 'none' });
  const cache = restores ? { 'Cache-Control': 'no-cache' } : {};
  for (const [pattern, fixture, { headers = {}, delay = 0 } = {}] of FIXTURES) {
    const body = fixtureBody(fixture, { restores });
    session.serveWith(new URL(pattern.replace('/**', '/')).host, (url) =>
      url.pathname.endsWith('.js')
        ? { body: '/* held back */', contentType: 'text/javascript', delay }
        : { body, headers: { ...cache, ...headers } });
  }
  return session;
}

describe('hostile pages against the warnings, in Firefox', { skip: !BROWSERS.includes('firefox') }, () => {
  let session;
  let driver;

  before(async () => {
    session = await firefoxSession();
    driver = firefoxDriver(session);
  });

  after(async () => {
    await session?.close();
  });

  for (const [name, scenario] of SCENARIOS) test(name, () => scenario(driver));

  test('the extension logged no warning or error', async () => {
    assert.deepEqual(await session.extensionProblems(), []);
  });
});

describe('Back from the warning page, in Firefox with pages its back/forward cache keeps', { skip: !BROWSERS.includes('firefox') }, () => {
  let session;
  let driver;

  before(async () => {
    session = await firefoxSession({ restores: true });
    driver = firefoxDriver(session);
  });

  after(async () => {
    await session?.close();
  });

  for (const [name, scenario] of BACK_SCENARIOS) test(name, () => scenario(driver));

  test('the extension logged no warning or error', async () => {
    assert.deepEqual(await session.extensionProblems(), []);
  });
});
