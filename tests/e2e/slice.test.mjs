// The vertical slice, end to end in each browser (browsers.mjs: Chromium and Firefox ESR): content script →
// background (Rust engine in wasm) → overlay and toolbar badge, the lookalike warning page, the popup, a join
// page under a strict CSP with Trusted Types, and no network request of the extension's own. A page with nothing
// to say (no overlay, no badge, no DOM change) is overlay.test.mjs's "a page with nothing relevant". Every
// scenario runs in both browsers with the same assertions; what only one browser can show is marked
// "Chromium only" below: the extension id pinned by the test key (Firefox's add-on has a gecko id and a UUID
// set by a pref instead), the screenshot of the overlay (Playwright), the response's CSP header (Playwright
// hands over the response) and the recorder's self-check (Playwright's request events; Firefox's proxy is in
// the network path and sees every request by construction).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { EXTENSION_ID, eventually } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser, openPopup, openWithCsp, refusesHtmlStrings } from './browsers.mjs';

const ZOOM_JOIN = 'https://us02web.zoom.us/j/85123456789?pwd=abc';
const ZOOM_POPUP = 'https://us02web.zoom.us/j/85123456780?pwd=popup';
const LOOKALIKE = 'https://zoom-us.com/j/85123456789';
const ZOOM_STRICT = 'https://us04web.zoom.us/j/71234567890?pwd=strict';
const STRICT_CSP = "default-src 'none'; script-src 'nonce-x'; require-trusted-types-for 'script'";
// A test artefact, not documentation: docs/screenshots/ is made by `make screenshots` (tools/screenshots.mjs).
const SCREENSHOT = new URL('../../target/e2e-screenshots/overlay.png', import.meta.url);

/** The banner ({closed, role, hostPosition, accent, text}: tab.banner()) once it is there. */
const bannerOf = (tab) => eventually(() => tab.banner(), { what: 'the overlay', timeout: 20_000 });

for (const browser of BROWSERS) {
  describe(`join page, lookalike, popup and strict CSP in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('us02web.zoom.us', 'zoom-join.html');
      await session.serve('us04web.zoom.us', 'zoom-join-strict-csp.html', { 'Content-Security-Policy': STRICT_CSP });
      await session.serve('zoom-us.com', 'zoom-join.html');
    });

    after(async () => {
      await session?.close();
    });

    if (browser === 'chromium') {
      test('Chromium only: the extension id is the one pinned by the test key', () => {
        assert.equal(new URL(session.raw.worker().url()).host, EXTENSION_ID);
      });
    }

    test('a Zoom join link with its passcode gets the overlay and the grade badge', async () => {
      const tab = await session.open(ZOOM_JOIN);
      const overlay = await bannerOf(tab);

      assert.equal(overlay.closed, true, 'a closed shadow root');
      assert.equal(overlay.role, 'alert');
      assert.equal(overlay.hostPosition, 'fixed', 'floats over the page: no layout shift');
      assert.equal(overlay.accent, '6px', 'the shadow style sheet applies');
      assert.match(overlay.text, /Zoom/);
      assert.match(overlay.text, /passcode/i, 'says that the link carries the passcode');

      const { tabId, assessment } = await eventually(() => session.tabRecord(ZOOM_JOIN), { what: 'the assessment' });
      assert.equal(assessment.vendor, 'zoom');
      assert.equal(assessment.embedded_secret, true);
      assert.match(assessment.grade, /^[A-E]$/);
      assert.equal(await session.badgeText(tabId), assessment.grade);
      assert.match(overlay.text, new RegExp(`grade ${assessment.grade}`));

      // The page cannot see into the overlay (its host is the element added to <html>).
      assert.deepEqual(
        await tab.evaluate(() => [...document.documentElement.children].filter((node) => !['HEAD', 'BODY'].includes(node.nodeName)).map((node) => [node.nodeName, node.shadowRoot])),
        [['DIV', null]],
      );

      if (browser === 'chromium') {
        // Chromium only: a test artefact taken with Playwright.
        mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
        await tab.page.screenshot({ path: SCREENSHOT.pathname });
      }
      await tab.close();
    });

    test('the dismiss button removes the overlay', async () => {
      const tab = await session.open(ZOOM_JOIN);
      await bannerOf(tab);
      assert.equal(await tab.clickInOverlay('close'), true, 'a trusted click on the close button');
      await eventually(async () => (await tab.overlayText()) === null, { what: 'the overlay to go' });
      await tab.close();
    });

    test('a lookalike of Zoom gets the full-page warning and a red "!" badge', async () => {
      const tab = await session.open(LOOKALIKE); // the tab is sent to the warning page: that load is aborted
      // The warning is the extension's own page (tests/e2e/overlay.test.mjs covers its buttons, hostile.test.mjs
      // what a page cannot do to it).
      const text = await eventually(
        async () => (await tab.url()).startsWith(`${session.extensionBase}pages/warning.html`) && tab.warningText(),
        { what: 'the warning page', timeout: 20_000 },
      );
      assert.match(text, /Deceptive page ahead/);
      assert.match(text, /zoom-us\.com imitates Zoom/);
      // Why, in words of its own (src/lookalike.rs `Why::DashForDot`), not the general sentence.
      assert.match(text, /zoom-us\.com is built to read like an address of zoom\.us, with a “-” where Zoom's addresses have a “\.”/);
      const { tabId, assessment } = await eventually(() => session.tabRecord(LOOKALIKE), { what: 'the assessment' });
      assert.equal(assessment.lookalike_of, 'zoom');
      assert.equal(await session.badgeText(tabId), '!');
      const colour = await session.extension((ext, id) => ext.action.getBadgeBackgroundColor({ tabId: id }), tabId);
      assert.deepEqual(colour, [0xb9, 0x1c, 0x1c, 255], 'red');
      await tab.close();
    });

    test('the popup shows the tab’s assessment and the data version', async () => {
      const tab = await session.open(ZOOM_POPUP);
      const { tabId } = await eventually(() => session.tabRecord(ZOOM_POPUP), { what: 'the assessment' });
      const { popup, text } = await openPopup(session, tabId);
      assert.match(text, /Zoom/);
      assert.match(text, /passcode/i);
      assert.match(text, /Vendor data: \S+/);
      await popup.close();
      await tab.close();
    });

    test('a Zoom join page with a strict CSP and Trusted Types still gets the overlay', async () => {
      const { tab, csp } = await openWithCsp(session, ZOOM_STRICT);
      // Chromium only: Playwright hands over the response, whose header shows the policy was served.
      if (browser === 'chromium') assert.equal(csp, STRICT_CSP);
      // The policy is in force: only the nonce script ran, and HTML sinks need Trusted Types (Firefox from ESR 153).
      const scripts = await tab.evaluate(() => ({ nonce: window.nonceScriptRan === true, inline: window.inlineScriptRan === true }));
      assert.deepEqual(scripts, { nonce: true, inline: false });
      assert.equal(await refusesHtmlStrings(tab), true, 'the page refuses a plain string in innerHTML');

      const overlay = await bannerOf(tab);
      assert.match(overlay.text, /Zoom/);
      assert.match(overlay.text, /passcode/i);
      assert.equal(overlay.hostPosition, 'fixed');
      assert.equal(overlay.accent, '6px', 'the shadow style sheet applies despite the page policy');
      await tab.close();
    });

    test('the extension logged no warning or error, and made no request of its own', async () => {
      const probe = 'https://example.org/joinguard-recorder-probe';
      if (browser === 'chromium') {
        // Chromium only: the recorder (Playwright's request events) is checked to see http(s) requests made by
        // the service worker. (It does not report the worker's chrome-extension:// loads while routes are
        // installed; those never leave the browser.)
        await session.serve('example.org', 'example.html');
        assert.equal(await session.raw.worker().evaluate((url) => fetch(url).then((r) => r.status), probe), 200);
        await eventually(() => session.requests.includes(probe), { what: 'the service worker request to be recorded' });
      }
      assert.deepEqual(await session.extensionProblems(), []);
      const pages = [ZOOM_JOIN, ZOOM_STRICT, LOOKALIKE].map((url) => new URL(url).origin);
      // Any scheme but the extension's own pages (Firefox's proxy sees http(s) only; Playwright every request).
      const unexpected = session.requests.filter(
        (url) => url !== probe && !url.startsWith(session.extensionBase) && !session.isBrowserTraffic(url) && !pages.some((origin) => url.startsWith(origin)),
      );
      assert.deepEqual(unexpected, []);
    });
  });
}
