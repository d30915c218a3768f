// A verdict held while the tab moved on (background/shown-load.js movedOn, asked by background.js assessPage and
// assessFrame): the background's work on a lookalike's check is held at its settings read (background-hold.mjs, as
// a settings change or a new profile's policy wait holds it), the tab goes on to another page, then the hold ends.
// The verdict on the page left is still "lookalike", but the tab shows another page load now: it is not sent to the
// warning page, which would cancel the page the person went on to, or leave it behind the warning (review of
// session 44). Beside it, the same hold with the tab left where it is: the held verdict does send the tab, so the
// hold delays the verdict and does not lose it. In each browser.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { heldReports, holdSettingsReads, inBackground, releaseSettingsReads } from './background-hold.mjs';
import { BROWSERS, browserName, launchBrowser } from './browsers.mjs';

const LOOKALIKE_HOST = 'zoom-us.join-meeting.net';
const LOOKALIKE = `https://${LOOKALIKE_HOST}/signin`;
/** A lookalike's sign-in framed by a harmless page (framing.html, frame-part.html: hostile-scenarios.mjs). */
const FRAMED_HOST = 'zoom-us.framed-login.com';
const FRAMED = `https://${FRAMED_HOST}/signin`;
const FRAMING = `https://news.example.net/article?frame=${encodeURIComponent(FRAMED)}`;
const PLAIN = 'https://plain.example.org/news';
/** After the hold ends, how long the tab is watched for the warning page: the held check goes on from its
 *  settings read to tabs.update within milliseconds (the control below shows it sent within this bound). */
const WATCH_MS = 2000;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const browser of BROWSERS) {
  describe(`a verdict held while the tab moved on, in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve(LOOKALIKE_HOST, 'hostile/fake-signin.html');
      await session.serve(FRAMED_HOST, 'hostile/frame-part.html');
      await session.serve('news.example.net', 'hostile/framing.html');
      await session.serve('plain.example.org', 'example.html');
      // The engine loaded and its indexes built before the holds: a page the extension has an answer for.
      const warm = await session.open(PLAIN);
      await eventually(() => warm.evaluate(() => document.readyState === 'complete'), { what: 'the first page' });
      await warm.close();
    });

    after(async () => {
      await session?.close();
    });

    /** Opens `url` with the background's settings reads held until the check from `host` is held too; then runs
     *  `meanwhile(tab)`, lets the hold go, and returns the tab. The tab is asserted not sent anywhere during the
     *  hold (its check is held, not answered). */
    async function withHeldCheck(url, host, meanwhile) {
      await inBackground(session, holdSettingsReads);
      let tab;
      try {
        tab = await session.open(url);
        await eventually(async () => {
          const { checks } = await inBackground(session, heldReports);
          return checks.some((address) => new URL(address).host === host);
        }, { what: `the check from ${host} held` });
        await eventually(() => tab.evaluate(() => document.readyState === 'complete').catch(() => false), { what: `${url} loaded` });
        assert.equal(await tab.url(), url, 'held: the tab is not sent to the warning page yet');
        await meanwhile(tab);
      } finally {
        await inBackground(session, releaseSettingsReads);
      }
      return tab;
    }

    /** Whether the tab reaches the warning page within WATCH_MS. */
    async function warnedWithin(tab) {
      const deadline = Date.now() + WATCH_MS;
      while (Date.now() < deadline) {
        if ((await tab.url()).startsWith(session.extensionBase)) return true;
        await pause(100);
      }
      return false;
    }

    /** The tab on PLAIN, its page loaded (its content script answers the background's page-load question). */
    async function movedToPlain(tab) {
      await tab.evaluate((to) => {
        location.href = to;
      }, PLAIN);
      await eventually(async () => (await tab.url()) === PLAIN, { what: 'the tab on the other page' });
      await eventually(() => tab.evaluate(() => document.readyState === 'complete').catch(() => false), { what: 'the other page loaded' });
    }

    test('control: a lookalike whose check was held is sent to the warning page once the hold ends', async () => {
      const tab = await withHeldCheck(LOOKALIKE, LOOKALIKE_HOST, async () => {});
      assert.ok(await warnedWithin(tab), `sent to the warning page within ${WATCH_MS} ms of the hold's end`);
      await tab.close();
    });

    test('control: a page framing a lookalike whose frame\'s check was held is sent to the warning page once the hold ends', async () => {
      const tab = await withHeldCheck(FRAMING, FRAMED_HOST, async () => {});
      assert.ok(await warnedWithin(tab), `sent to the warning page within ${WATCH_MS} ms of the hold's end`);
      await tab.close();
    });

    test('a lookalike the tab left while its verdict was held: the tab is not sent to the warning page', async () => {
      const tab = await withHeldCheck(LOOKALIKE, LOOKALIKE_HOST, movedToPlain);
      assert.equal(await warnedWithin(tab), false, 'the tab moved on: not sent to the warning page');
      assert.equal(await tab.url(), PLAIN);
      await tab.close();
    });

    test('a page framing a lookalike, left while the frame\'s verdict was held: the tab is not sent to the warning page', async () => {
      const tab = await withHeldCheck(FRAMING, FRAMED_HOST, movedToPlain);
      assert.equal(await warnedWithin(tab), false, 'the tab moved on: not sent to the warning page');
      assert.equal(await tab.url(), PLAIN);
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
