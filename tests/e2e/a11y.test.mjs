// Accessibility in each browser (browsers.mjs: Chromium and Firefox ESR): axe-core finds no violation on the
// full-page warning (an extension page), the popup and the options page, in light and dark mode (every check
// first holds that the page's prefers-color-scheme says that mode); every control of those pages is reached with
// Tab and shows where the focus is; the warning starts with the focus on "Leave this page". Those run in both
// browsers with the same assertions. Chromium only, marked below: the overlay (axe, its details, its controls by
// Tab and Escape), the popup at a popup's size.
//
// The overlay lives in a closed shadow root, out of reach of axe (which walks `element.shadowRoot`). Rather
// than render a copy of it elsewhere, the test checks the real one, as the content script drew it on the
// fixture page: through the DevTools protocol (which sees closed roots, as assistive technology does) it hands
// each overlay host's root to the page's main world as that host's `shadowRoot` property, and marks the host
// with a `data-a11y-overlay` attribute (the host is a plain `div`), then runs axe there. Only the test's DevTools
// session can do this; the page itself still sees `shadowRoot === null` before it. WebDriver reaches the root in
// Firefox, but axe cannot run inside it from there, so the overlay is Chromium's alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser } from './browsers.mjs';
import { UI, isUiHost } from './shadow-hosts.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The fixtures of overlay.test.mjs: a Zoom join page with "Sign in with Google / Facebook / Apple", a fake Zoom login.
const ZOOM_JOIN = 'https://us06web.zoom.us/j/84123456789?pwd=Xy12';
const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
// WCAG 2.1 A and AA plus axe's best practices.
const AXE_RULES = { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * axe's violations on the Chromium page (or within `include`, an axe context), as short readable lines. With
 * `inShadow`, also fails unless axe checked elements inside a shadow root (targets given as [host, inner]
 * paths), so that a root axe cannot see makes the test fail instead of pass for nothing.
 */
async function chromiumAxeViolations(page, include, { inShadow = false } = {}) {
  if (inShadow) await exposeOverlayRoots(page);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const { lines, checked, shadowChecks } = await page.evaluate(async ({ context, rules }) => {
    const { violations, passes } = await window.axe.run(context ? { include: context } : document, { runOnly: rules });
    return {
      lines: violations.flatMap((violation) =>
        violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(node.target)}: ${node.failureSummary}`),
      ),
      checked: passes.length,
      shadowChecks: passes.flatMap((rule) => rule.nodes).filter((node) => Array.isArray(node.target[0])).length,
    };
  }, { context: include ?? null, rules: AXE_RULES });
  assert.ok(checked > 0, 'axe ran its rules');
  if (inShadow) assert.ok(shadowChecks > 0, 'axe checked the elements inside the overlay’s shadow root');
  return lines;
}

/** axe's violations on the Firefox tab's document, as chromiumAxeViolations gives them, axe's source and run in
 *  one WebDriver script (a page script's eval would meet the pages' CSP). */
async function firefoxAxeViolations(session, tab) {
  await tab.url(); // switches WebDriver to the tab
  const result = await session.driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     try {
       (0, eval)(arguments[0]);
       axe.run(document, { runOnly: arguments[1] }).then(
         ({ violations, passes }) => done({
           lines: violations.flatMap((v) => v.nodes.map((n) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + JSON.stringify(n.target) + ': ' + n.failureSummary)),
           checked: passes.length,
         }),
         (error) => done({ error: String(error) }));
     } catch (error) {
       done({ error: String(error) });
     }`,
    AXE_SOURCE,
    AXE_RULES,
  );
  if (result?.error) throw new Error(`axe: ${result.error}`);
  assert.ok(result.checked > 0, 'axe ran its rules');
  return result.lines;
}

/**
 * WCAG AA contrast of every piece of text in the (exposed) overlay roots: 4.5:1, or 3:1 for large text (24 px,
 * or 18.66 px bold). axe leaves these "incomplete" here: it cannot work out the background of elements
 * outside <body>, and the overlay host is a child of <html> (checked: the same element inside <body> gets its
 * contrast measured by axe). The overlay paints opaque backgrounds of its own, so the background is the first
 * opaque one among the text's ancestors, with translucent layers above it blended in.
 * Returns { checked, failures }.
 */
async function overlayContrast(page) {
  await exposeOverlayRoots(page);
  return page.evaluate(() => {
    const parse = (value) => {
      const numbers = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return { r: numbers[0], g: numbers[1], b: numbers[2], a: numbers.length > 3 ? numbers[3] : 1 };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }) => {
      const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const parentOf = (node) => node.parentElement ?? node.parentNode?.host ?? null;
    const background = (node) => {
      const layers = [];
      for (let current = node; current; current = parentOf(current)) {
        const colour = parse(getComputedStyle(current).backgroundColor);
        if (colour.a > 0) layers.push(colour);
        if (colour.a >= 1) break;
      }
      return layers.reduceRight((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
    };
    const failures = [];
    let checked = 0;
    for (const host of document.querySelectorAll('[data-a11y-overlay]')) {
      const root = host.shadowRoot;
      if (!root) continue;
      for (const node of root.querySelectorAll('*')) {
        const ownText = [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.nodeValue.trim());
        if (!ownText || node.getClientRects().length === 0 || node.closest('style')) continue;
        const style = getComputedStyle(node);
        if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
        const bg = background(node);
        const fg = over(parse(style.color), bg);
        const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        const ratio = (light + 0.05) / (dark + 0.05);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        checked += 1;
        if (ratio < (large ? 3 : 4.5)) {
          failures.push(`${node.localName}.${node.className} "${node.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}:1, ${style.color} on ${JSON.stringify(bg)}`);
        }
      }
    }
    return { checked, failures };
  });
}

/**
 * No axe violation and AA contrast in the overlay, in light and dark mode (Chromium: DevTools). With `everySeverity`, the contrast
 * is also measured on a copy of the banner's first finding in each severity's style (the fixtures only
 * produce some of them), removed afterwards.
 */
async function assertOverlayAccessible(page, { everySeverity = false } = {}) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await chromiumAxeViolations(page, [['[data-a11y-overlay]']], { inShadow: true }), [], `${colorScheme} mode`);
    const copies = everySeverity ? await page.evaluate(() => {
      let added = 0;
      for (const host of document.querySelectorAll('[data-a11y-overlay]')) {
        const item = host.shadowRoot?.querySelector('li[class*="-item"]');
        for (const severity of item ? ['info', 'caution', 'warning', 'danger'] : []) {
          const copy = item.cloneNode(true);
          copy.className = item.className.replace(/\b[a-z]+-item\b/, `${severity}-item`);
          copy.dataset.a11yCopy = '';
          item.parentNode.append(copy);
          added += 1;
        }
      }
      return added;
    }) : 0;
    if (everySeverity) assert.equal(copies, 4, 'the banner lists findings (li.<severity>-item)');
    const contrast = await overlayContrast(page);
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('[data-a11y-overlay]')) {
        for (const copy of host.shadowRoot?.querySelectorAll('[data-a11y-copy]') ?? []) copy.remove();
      }
    });
    assert.ok(contrast.checked > 0, 'the overlay has text');
    assert.deepEqual(contrast.failures, [], `${colorScheme} mode: contrast`);
  }
}

/**
 * Gives each overlay host a `shadowRoot` property returning its closed root, in the page's main world, and a
 * `data-a11y-overlay` attribute, through the DevTools protocol. Returns how many hosts were exposed.
 */
async function exposeOverlayRoots(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [];
    const walk = (node) => {
      if (isUiHost(node, UI.banner)) hosts.push(node);
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
    };
    walk(root);
    for (const host of hosts) {
      await cdp.send('DOM.setAttributeValue', { nodeId: host.nodeId, name: 'data-a11y-overlay', value: '' });
      const { object: hostObject } = await cdp.send('DOM.resolveNode', { nodeId: host.nodeId });
      const { object: rootObject } = await cdp.send('DOM.resolveNode', { nodeId: host.shadowRoots[0].nodeId });
      await cdp.send('Runtime.callFunctionOn', {
        objectId: hostObject.objectId,
        functionDeclaration: 'function (root) { Object.defineProperty(this, "shadowRoot", { configurable: true, get: () => root }); }',
        arguments: [{ objectId: rootObject.objectId }],
      });
    }
    return hosts.length;
  } finally {
    await cdp.detach();
  }
}

/**
 * Where the keyboard focus is in the tab: inside an (exposed, Chromium) overlay root, or in the document. Returns
 * { inOverlay, name, tag, focusVisible, indicator, expanded } for the focused element, or null when nothing is focused.
 */
async function focusState(tab) {
  if (tab.page) await exposeOverlayRoots(tab.page); // the overlay may have been drawn again since
  return tab.evaluate(() => {
    let active = document.activeElement;
    let inOverlay = false;
    while (active?.shadowRoot?.activeElement) {
      inOverlay ||= active.hasAttribute('data-a11y-overlay');
      active = active.shadowRoot.activeElement;
    }
    if (!active || active === document.body || active === document.documentElement) return null;
    const style = getComputedStyle(active);
    // A visible indicator: an outline (Chromium's default ring is `auto`) or a box shadow.
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return {
      inOverlay,
      name: (active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 60),
      tag: active.localName,
      focusVisible: active.matches(':focus-visible'),
      indicator: outline || shadow,
      expanded: active.getAttribute('aria-expanded'),
    };
  });
}

/** The focusable, rendered controls within `scope` (a CSS selector of the document, or 'overlay': Chromium). */
async function controls(tab, scope) {
  if (scope === 'overlay') await exposeOverlayRoots(tab.page);
  return tab.evaluate(
    (scope, selector) => {
      const roots = scope === 'overlay' ? [...document.querySelectorAll('[data-a11y-overlay]')].map((host) => host.shadowRoot) : [document.querySelector(scope)];
      return roots
        .filter(Boolean)
        .flatMap((root) => [...root.querySelectorAll(selector)])
        .filter((node) => node.tabIndex >= 0 && node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden')
        // Tab stops once in a group of radio buttons: on the checked one, else the first.
        .filter((node, _, all) => {
          if (node.type !== 'radio' || !node.name) return true;
          const group = all.filter((other) => other.type === 'radio' && other.name === node.name);
          return node === (group.find((other) => other.checked) ?? group[0]);
        })
        .map((node) => (node.getAttribute('aria-label') ?? node.textContent ?? '').trim().slice(0, 60));
    },
    scope,
    FOCUSABLE,
  );
}

/** Presses Tab (or `key`) `count` times and returns the focus state after each press. */
async function tabSequence(tab, count, key = 'Tab') {
  const states = [];
  for (let i = 0; i < count; i += 1) {
    await tab.press(key);
    states.push(await focusState(tab));
  }
  return states;
}

/** From the top of an extension page, Tab visits every control in document order, each with a visible focus. */
async function assertTabReachesEveryControl(tab) {
  const wanted = await controls(tab, 'body');
  assert.ok(wanted.length > 0, 'the page has controls');
  const states = await tabSequence(tab, wanted.length);
  assert.deepEqual(states.map((state) => state?.name), wanted, 'in document order');
  for (const state of states) assert.ok(state.focusVisible && state.indicator, `${state.tag} "${state.name}" shows a focus indicator`);
}

for (const browser of BROWSERS) {
  describe(`accessibility in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('us06web.zoom.us', 'zoom-join-social.html');
      await session.serve('zoom-us.join-meeting.net', 'zoom-login-lookalike.html');
    });

    after(async () => {
      await session?.close();
    });

    /** Runs `check(label)` with the tab in light mode, then in dark mode, once its prefers-color-scheme says so:
     *  Chromium emulates the media feature for the page, Firefox overrides it for all web content and extension
     *  pages (the pref layout.css.prefers-color-scheme.content-override: 0 dark, 1 light). */
    async function inEachScheme(tab, check) {
      for (const scheme of ['light', 'dark']) {
        if (browser === 'chromium') {
          await tab.page.emulateMedia({ colorScheme: scheme });
        } else {
          await session.privileged((value) => Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', value), scheme === 'dark' ? 0 : 1);
        }
        await eventually(() => tab.evaluate((wanted) => matchMedia(`(prefers-color-scheme: ${wanted})`).matches, scheme), {
          what: `the page in ${scheme} mode`,
        });
        await check(`${scheme} mode`);
      }
    }

    /** No axe violation on the tab's whole page, in light and dark mode. */
    const assertPageAccessible = (tab, label = '') =>
      inEachScheme(tab, async (mode) => {
        const lines = browser === 'chromium' ? await chromiumAxeViolations(tab.page) : await firefoxAxeViolations(session, tab);
        assert.deepEqual(lines, [], `${label}${mode}`);
      });

    if (browser === 'chromium') {
      // Chromium only, the overlay: DevTools hands its closed shadow root to axe (see the top of this file).
      async function pageWithOverlay(url) {
        const tab = await session.open(url);
        await eventually(() => tab.banner(), { what: 'the overlay' });
        assert.deepEqual(await tab.evaluate(() => [...document.documentElement.children].map((node) => node.shadowRoot ?? null).filter(Boolean)), [], 'closed to the page');
        assert.ok((await exposeOverlayRoots(tab.page)) > 0);
        return tab;
      }

      test('Chromium only: axe finds no violation in the overlay, in light and dark mode', async () => {
        const tab = await pageWithOverlay(ZOOM_JOIN);
        await assertOverlayAccessible(tab.page, { everySeverity: true });
        await tab.close();
      });

      test('Chromium only: the banner’s details ("why?"), opened from the keyboard, have no violation either', async () => {
        const tab = await pageWithOverlay(ZOOM_JOIN);
        const pageControls = await tab.evaluate((selector) => document.querySelectorAll(selector).length, FOCUSABLE);
        let opened = 0;
        for (let i = 0; i < pageControls + 10; i += 1) {
          await tab.press('Tab');
          const state = await focusState(tab);
          if (!state?.inOverlay || state.expanded !== 'false') continue;
          await tab.press('Enter');
          assert.equal((await focusState(tab))?.expanded, 'true', `Enter on "${state.name}" expands it`);
          opened += 1;
        }
        assert.ok(opened > 0, 'the banner has a disclosure button (aria-expanded) for its details');
        await assertOverlayAccessible(tab.page);
        await tab.close();
      });

      test('Chromium only: the overlay’s controls are reached with Tab, show the focus, and Escape closes the banner', async () => {
        const tab = await pageWithOverlay(ZOOM_JOIN);
        assert.ok(!(await focusState(tab))?.inOverlay, 'the banner does not take the focus from the page');
        const wanted = await controls(tab, 'overlay');
        assert.ok(wanted.length > 0, 'the banner has at least its dismiss button');
        // The page's own controls come first, then the overlay (appended last); give Tab enough presses for both.
        const pageControls = await tab.evaluate((selector) => document.querySelectorAll(selector).length, FOCUSABLE);
        const reached = (await tabSequence(tab, pageControls + wanted.length + 1)).filter((state) => state?.inOverlay);
        assert.deepEqual(reached.map((state) => state.name), wanted, 'every overlay control, in order');
        for (const state of reached) {
          assert.ok(state.focusVisible && state.indicator, `${state.tag} "${state.name}" shows a focus indicator`);
        }

        // Focus back inside the banner, then Escape.
        await tabSequence(tab, 1, 'Shift+Tab');
        assert.ok((await focusState(tab))?.inOverlay, 'Shift+Tab returns into the banner');
        await tab.press('Escape');
        await eventually(async () => (await tab.banner()) === null, { what: 'Escape to close the banner' });
        await tab.close();
      });
    }

    test('the full-page warning (an extension page): no axe violation, focus on "Leave this page", every control by Tab', async () => {
      const tab = await session.open(LOOKALIKE); // the tab is sent to the warning page: this load is aborted
      await eventually(async () => (await tab.url()).startsWith(`${session.extensionBase}pages/warning.html`) && tab.warningText(), {
        what: 'the warning page',
        timeout: 20_000,
      });
      assert.equal(await tab.evaluate(() => document.activeElement?.id), 'leave', 'the focus starts on "Leave this page"');
      await assertPageAccessible(tab, 'warning page, ');
      // From "Leave this page" (focused), Tab reaches "Continue anyway" and Shift+Tab comes back, each with a
      // visible focus: the page's two controls, in document order.
      const [leave, proceed] = await controls(tab, 'body');
      const [next] = await tabSequence(tab, 1);
      assert.equal(next?.name, proceed);
      assert.ok(next.focusVisible && next.indicator, `"${proceed}" shows a focus indicator`);
      const [back] = await tabSequence(tab, 1, 'Shift+Tab');
      assert.equal(back?.name, leave);
      assert.ok(back.focusVisible && back.indicator, `"${leave}" shows a focus indicator`);
      await tab.close();
    });

    /** A tab on `url` and the popup about it, once drawn (its data version comes with the background's answer). */
    async function popupFor(url) {
      const tab = await session.open(url); // a lookalike's load is aborted: the tab goes to the warning page
      const { tabId } = await eventually(() => session.tabRecord(url), { what: `the assessment of ${url}`, timeout: 20_000 });
      const popup = await session.openExtensionPage(`pages/popup.html?tab=${tabId}`);
      // Chromium only: the popup at a popup's size (Firefox's tabs keep the window's).
      if (browser === 'chromium') await popup.page.setViewportSize({ width: 400, height: 600 });
      await eventually(async () => /\S/.test(await popup.text('#data-version').catch(() => '')), { what: 'the popup' });
      return { tab, popup };
    }

    test('axe finds no violation in the popup, in light and dark mode', async () => {
      for (const url of [ZOOM_JOIN, LOOKALIKE]) {
        const { tab, popup } = await popupFor(url);
        await assertPageAccessible(popup, `${url}, `);
        // The folded parts (sources and dates of each fact) too, once unfolded.
        const folded = await popup.evaluate(() => {
          const closed = [...document.querySelectorAll('details:not([open])')];
          for (const details of closed) details.open = true;
          return closed.length;
        });
        if (folded > 0) await assertPageAccessible(popup, `${url}, unfolded, `);
        await popup.close();
        await tab.close();
      }
    });

    test('every control of the popup is reached with Tab and shows the focus', async () => {
      const { tab, popup } = await popupFor(ZOOM_JOIN);
      await assertTabReachesEveryControl(popup);
      await popup.close();
      await tab.close();
    });

    async function optionsPage() {
      const tab = await session.openExtensionPage('pages/options.html');
      await eventually(async () => /\S/.test(await tab.text('h1').catch(() => '')), { what: 'the options page' });
      // Chromium only: no request left (Firefox's WebDriver returns once the page has loaded).
      if (browser === 'chromium') await tab.page.waitForLoadState('networkidle');
      return tab;
    }

    test('axe finds no violation in the options page, in light and dark mode', async () => {
      const tab = await optionsPage();
      await assertPageAccessible(tab);
      await tab.close();
    });

    test('every control of the options page is reached with Tab and shows the focus', async () => {
      const tab = await optionsPage();
      await assertTabReachesEveryControl(tab);
      await tab.close();
    });
  });
}
