// The vertical slice, end to end in real Chromium: content script → background (Rust engine in wasm) →
// overlay and toolbar badge; nothing on other pages; no network request of the extension's own.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { EXTENSION_ID, badgeText, domChanges, eventually, launch, newTabRecord, readOverlay, recordDomChanges, recordedTabs, serve, tabRecord } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser } from './browsers.mjs';

const ZOOM_JOIN = 'https://us02web.zoom.us/j/85123456789?pwd=abc';
const ZOOM_POPUP = 'https://us02web.zoom.us/j/85123456780?pwd=popup';
const LOOKALIKE = 'https://zoom-us.com/j/85123456789';
const ZOOM_STRICT = 'https://us04web.zoom.us/j/71234567890?pwd=strict';
const EXAMPLE = 'https://example.org/';
const STRICT_CSP = "default-src 'none'; script-src 'nonce-x'; require-trusted-types-for 'script'";
// A test artefact, not documentation: docs/screenshots/ is made by `make screenshots` (tools/screenshots.mjs).
const SCREENSHOT = new URL('../../target/e2e-screenshots/overlay.png', import.meta.url);

describe('joinguard in Chromium', () => {
  let session;

  before(async () => {
    session = await launch();
    await serve(session.context, 'https://us02web.zoom.us/**', 'zoom-join.html');
    await serve(session.context, 'https://us04web.zoom.us/**', 'zoom-join-strict-csp.html', {
      'Content-Security-Policy': STRICT_CSP,
    });
    await serve(session.context, 'https://example.org/**', 'example.html');
    await serve(session.context, 'https://zoom-us.com/**', 'zoom-join.html');
  });

  after(async () => {
    await session?.close();
  });

  test('the extension id is the one pinned by the test key', () => {
    assert.equal(new URL(session.worker().url()).host, EXTENSION_ID);
  });

  test('a Zoom join link with its passcode gets the overlay and the grade badge', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_JOIN);
    const overlay = await eventually(() => readOverlay(page), { what: 'the overlay' });

    assert.equal(overlay.shadowRootType, 'closed');
    assert.equal(overlay.role, 'alert');
    assert.equal(overlay.hostPosition, 'fixed', 'floats over the page: no layout shift');
    assert.equal(overlay.accent, '6px', 'the shadow style sheet applies');
    assert.match(overlay.text, /Zoom/);
    assert.match(overlay.text, /passcode/i, 'says that the link carries the passcode');

    const { tabId, assessment } = await eventually(() => tabRecord(session, ZOOM_JOIN), { what: 'the assessment' });
    assert.equal(assessment.vendor, 'zoom');
    assert.equal(assessment.embedded_secret, true);
    assert.match(assessment.grade, /^[A-E]$/);
    assert.equal(await badgeText(session, tabId), assessment.grade);
    assert.match(overlay.text, new RegExp(`grade ${assessment.grade}`));

    // The page cannot see into the overlay (its host is the element added to <html>).
    assert.deepEqual(
      await page.evaluate(() => [...document.documentElement.children].filter((node) => !['HEAD', 'BODY'].includes(node.nodeName)).map((node) => [node.nodeName, node.shadowRoot])),
      [['DIV', null]],
    );

    mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname });
    await page.close();
  });

  test('the dismiss button removes the overlay', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_JOIN);
    const overlay = await eventually(() => readOverlay(page), { what: 'the overlay' });
    await page.mouse.click(overlay.dismissAt.x, overlay.dismissAt.y);
    await eventually(async () => (await readOverlay(page)) === null, { what: 'the overlay to go' });
    await page.close();
  });

  test('a lookalike of Zoom gets the full-page warning and a red "!" badge', async () => {
    const page = await session.context.newPage();
    await page.goto(LOOKALIKE).catch(() => {}); // the tab is sent to the warning page: this load is aborted
    // The warning is the extension's own page (tests/e2e/overlay.test.mjs covers its buttons, hostile.test.mjs
    // what a page cannot do to it).
    await eventually(() => page.url().startsWith(`chrome-extension://${EXTENSION_ID}/pages/warning.html`), { what: 'the warning page' });
    await page.locator('body[data-ready="true"]').waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /Deceptive page ahead/);
    assert.match(text, /zoom-us\.com imitates Zoom/);
    // Why, in words of its own (src/lookalike.rs `Why::DashForDot`), not the general sentence.
    assert.match(text, /zoom-us\.com is built to read like an address of zoom\.us, with a “-” where Zoom's addresses have a “\.”/);
    const { tabId, assessment } = await eventually(() => tabRecord(session, LOOKALIKE), { what: 'the assessment' });
    assert.equal(assessment.lookalike_of, 'zoom');
    assert.equal(await badgeText(session, tabId), '!');
    const colour = await session.worker().evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId);
    assert.deepEqual(colour, [0xb9, 0x1c, 0x1c, 255], 'red');
    await page.close();
  });

  test('the popup shows the tab’s assessment and the data version', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_POPUP);
    const { tabId } = await eventually(() => tabRecord(session, ZOOM_POPUP), { what: 'the assessment' });
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/pages/popup.html?tab=${tabId}`);
    await popup.locator('#data-version').filter({ hasText: /\S/ }).waitFor();
    const text = await popup.locator('body').innerText();
    assert.match(text, /Zoom/);
    assert.match(text, /passcode/i);
    assert.match(text, /Vendor data: \S+/);
    await Promise.all([popup.close(), page.close()]);
  });

  test('example.org gets nothing: no overlay, no badge, no DOM change', async () => {
    const page = await session.context.newPage();
    await recordDomChanges(page);
    const before = await recordedTabs(session);
    await page.goto(EXAMPLE);
    // The content script has run and the background has answered once the tab has a record (one without any
    // address: joinguard has nothing to say about this page, extension/stored.js).
    const { tabId, assessment } = await eventually(() => newTabRecord(session, before), { what: 'the assessment' });
    assert.equal(assessment.url, null);
    await page.waitForTimeout(500);

    assert.equal(assessment.vendor, null);
    assert.equal(assessment.kind, 'none');
    assert.equal(await readOverlay(page), null);
    assert.equal(await badgeText(session, tabId), '');
    const { parsed, mutations, now } = await domChanges(page);
    assert.ok(parsed, 'the init script saw the parsed document');
    assert.deepEqual(mutations, []);
    assert.equal(now, parsed);
    await page.close();
  });

  test('a Zoom join page with a strict CSP and Trusted Types still gets the overlay', async () => {
    const page = await session.context.newPage();
    const response = await page.goto(ZOOM_STRICT);
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    // The policy is in force: only the nonce script ran, and HTML sinks need Trusted Types.
    const enforced = await page.evaluate(() => {
      let trustedTypes = false;
      try {
        document.body.innerHTML = '<b>x</b>';
      } catch {
        trustedTypes = true;
      }
      return { nonce: window.nonceScriptRan === true, inline: window.inlineScriptRan === true, trustedTypes };
    });
    assert.deepEqual(enforced, { nonce: true, inline: false, trustedTypes: true });

    const overlay = await eventually(() => readOverlay(page), { what: 'the overlay' });
    assert.match(overlay.text, /Zoom/);
    assert.match(overlay.text, /passcode/i);
    assert.equal(overlay.hostPosition, 'fixed');
    assert.equal(overlay.accent, '6px', 'the shadow style sheet applies despite the page policy');
    await page.close();
  });

  test('the extension makes no network request of its own', async () => {
    // Self-check first: the recorder sees http(s) requests made by the service worker. (It does not report
    // the worker's chrome-extension:// loads while routes are installed; those never leave the browser.)
    const probe = 'https://example.org/joinguard-recorder-probe';
    assert.equal(await session.worker().evaluate((url) => fetch(url).then((r) => r.status), probe), 200);
    await eventually(() => session.requests.includes(probe), { what: 'the service worker request to be recorded' });

    const allowed = [
      `chrome-extension://${EXTENSION_ID}/`,
      'https://us02web.zoom.us/',
      'https://us04web.zoom.us/',
      'https://zoom-us.com/',
      EXAMPLE,
    ];
    const unexpected = session.requests.filter(
      (url) => url !== probe && !allowed.some((prefix) => url.startsWith(prefix)),
    );
    assert.deepEqual(unexpected, []);
  });
});

// The same scenario in every browser (browsers.mjs): what a person sees on a join page, a lookalike and a page
// with nothing to say, the toolbar badge, and nothing the extension logs as a warning or an error.
for (const browser of BROWSERS) {
  describe(`join page, lookalike and a neutral page in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('us02web.zoom.us', 'zoom-join.html');
      await session.serve('zoom-us.com', 'zoom-join.html');
      await session.serve('example.org', 'example.html');
    });

    after(async () => {
      await session?.close();
    });

    test('a Zoom join link with its passcode: the banner and the grade badge', async () => {
      const tab = await session.open(ZOOM_JOIN);
      const text = await eventually(() => tab.overlayText(), { what: 'the banner', timeout: 20_000 });
      assert.match(text, /Zoom/);
      assert.match(text, /passcode/i);
      const { tabId, assessment } = await eventually(() => session.tabRecord(ZOOM_JOIN), { what: 'the assessment' });
      assert.equal(assessment.vendor, 'zoom');
      assert.match(assessment.grade, /^[A-E]$/);
      assert.match(text, new RegExp(`grade ${assessment.grade}`));
      assert.equal(await session.badgeText(tabId), assessment.grade);
      // The page cannot see into the banner.
      assert.equal(await tab.evaluate(() => document.querySelector('joinguard-overlay')?.shadowRoot ?? null), null);
      assert.equal(await tab.clickInOverlay('close'), true);
      await eventually(async () => (await tab.overlayText()) === null, { what: 'the banner to go' });
      await tab.close();
    });

    test('a lookalike of Zoom: the full-page warning and a "!" badge', async () => {
      const tab = await session.open(LOOKALIKE);
      const text = await eventually(() => tab.warningText(), { what: 'the warning', timeout: 20_000 });
      assert.match(text, /Deceptive page ahead/);
      assert.match(text, /zoom-us\.com imitates Zoom/);
      assert.match(text, /zoom-us\.com is built to read like an address of zoom\.us, with a “-” where Zoom's addresses have a “\.”/);
      const { tabId, assessment } = await eventually(() => session.tabRecord(LOOKALIKE), { what: 'the assessment' });
      assert.equal(assessment.lookalike_of, 'zoom');
      assert.equal(await session.badgeText(tabId), '!');
      await tab.close();
    });

    test('example.org: no overlay, no badge', async () => {
      // A page with nothing to say leaves a record without its address: the new record is this tab's.
      const before = await session.recordedTabs();
      const tab = await session.open(EXAMPLE);
      const { tabId, assessment } = await eventually(() => session.newTabRecord(before), { what: 'the assessment' });
      assert.equal(assessment.vendor, null);
      assert.equal(await tab.overlayText(), null);
      assert.equal(await session.badgeText(tabId), '');
      await tab.close();
    });

    test('the extension logged no warning or error, and made no request of its own', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
      const pages = [ZOOM_JOIN, LOOKALIKE, EXAMPLE].map((url) => new URL(url).origin);
      const unexpected = session.requests.filter(
        (url) => /^https?:/.test(url) && !session.isBrowserTraffic(url) && !pages.some((origin) => url.startsWith(origin)),
      );
      assert.deepEqual(unexpected, []);
    });
  });
}
