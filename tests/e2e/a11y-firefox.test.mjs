// a11y.test.mjs's extension pages in Firefox ESR: axe-core finds no violation on the full-page warning, the popup
// (about a Zoom join page and about a lookalike, its folded parts unfolded) and the options page, in light and
// dark mode (Firefox's content colour-scheme preference, one browser per mode); the warning starts with the focus on
// "Leave this page". The overlay itself is checked in Chromium only (a11y.test.mjs), where DevTools can hand its
// closed shadow root to axe; WebDriver reaches the root but axe cannot run inside it from there. Runs in Firefox
// only (skipped when JOINGUARD_BROWSERS leaves Firefox out).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { BROWSERS, FIREFOX_UUID, launchBrowser } from './browsers.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ZOOM_JOIN = 'https://us06web.zoom.us/j/84123456789?pwd=Xy12';
const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
const BASE = `moz-extension://${FIREFOX_UUID}/`;

/** axe's violations on the tab's document as short readable lines (WCAG 2.1 A and AA plus best practices, as in
 *  a11y.test.mjs), axe's source and run in one WebDriver script. */
async function axeViolations(session, tab) {
  await tab.url(); // switches WebDriver to the tab
  const result = await session.driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     try {
       (0, eval)(arguments[0]);
       axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then(
         ({ violations, passes }) => done({
           lines: violations.flatMap((v) => v.nodes.map((n) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + JSON.stringify(n.target) + ': ' + n.failureSummary)),
           checked: passes.length,
         }),
         (error) => done({ error: String(error) }));
     } catch (error) {
       done({ error: String(error) });
     }`,
    AXE_SOURCE,
  );
  if (result?.error) throw new Error(`axe: ${result.error}`);
  assert.ok(result.checked > 0, 'axe ran its rules');
  return result.lines;
}

for (const scheme of ['light', 'dark']) {
  describe(`accessibility of the extension's pages in Firefox, ${scheme} mode`, { skip: !BROWSERS.includes('firefox') && 'JOINGUARD_BROWSERS leaves Firefox out' }, () => {
    let session;

    before(async () => {
      // 0: dark, 1: light (Firefox's override of prefers-color-scheme for web content, extension pages included).
      session = await launchBrowser('firefox', { prefs: { 'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1 } });
      session.serve('us06web.zoom.us', 'zoom-join-social.html');
      session.serve('zoom-us.join-meeting.net', 'zoom-login-lookalike.html');
    });

    after(async () => {
      await session?.close();
    });

    test('the scheme applies to the extension pages', async () => {
      const tab = await session.openExtensionPage('pages/options.html');
      assert.equal(await tab.evaluate((wanted) => matchMedia(`(prefers-color-scheme: ${wanted})`).matches, scheme), true);
      await tab.close();
    });

    test('the full-page warning: no axe violation, the focus on "Leave this page"', async () => {
      const tab = await session.open(LOOKALIKE);
      await eventually(async () => (await tab.url()).startsWith(`${BASE}pages/warning.html`) && tab.warningText(), { what: 'the warning page', timeout: 20_000 });
      assert.equal(await tab.evaluate(() => document.activeElement?.id), 'leave', 'the focus starts on "Leave this page"');
      assert.deepEqual(await axeViolations(session, tab), []);
      await tab.close();
    });

    test('the popup about a Zoom join page and about a lookalike: no axe violation, folded parts included', async () => {
      for (const url of [ZOOM_JOIN, LOOKALIKE]) {
        const page = await session.open(url);
        const { tabId } = await eventually(() => session.tabRecord(url), { what: `the assessment of ${url}`, timeout: 20_000 });
        const popup = await session.openExtensionPage(`pages/popup.html?tab=${tabId}`);
        await eventually(async () => /\S/.test(await popup.text('#data-version').catch(() => '')), { what: 'the popup' });
        assert.deepEqual(await axeViolations(session, popup), [], url);
        const folded = await popup.evaluate(() => {
          const closed = [...document.querySelectorAll('details:not([open])')];
          for (const details of closed) details.open = true;
          return closed.length;
        });
        if (folded > 0) assert.deepEqual(await axeViolations(session, popup), [], `${url}, unfolded`);
        await popup.close();
        await page.close();
      }
    });

    test('the options page: no axe violation', async () => {
      const tab = await session.openExtensionPage('pages/options.html');
      await eventually(async () => /\S/.test(await tab.text('h1').catch(() => '')), { what: 'the options page' });
      assert.deepEqual(await axeViolations(session, tab), []);
      await tab.close();
    });
  });
}
