// The background's budget of links for one tab's inner frames (extension/background/tab-state.js takeLinks), in
// each browser: a page of many srcdoc frames, each sending its links (link-badges.js reads up to 20,000 a frame),
// has at most MAX_LINKS_PER_TAB of them screened at once (refilled at that many per LINKS_REFILL_MS), and the
// popup says how many were not. Until session 43 the background screened every frame's links: hundreds of frames
// × 20,000 links kept it busy with millions of them. And a frame's own cap (link-badges.js reads at most MAX_LINKS_PER_FRAME links) is said in
// the same line: the frame counts the links it left unread, later ones too, and the popup says the total; until
// session 43 that cap was said nowhere.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { UI } from './shadow-hosts.mjs';
import { BROWSERS, browserName, launchBrowser, openPopup } from './browsers.mjs';
import { LINKS_REFILL_MS, MAX_BADGES, MAX_DANGER_BADGES, MAX_LINKS_PER_FRAME, MAX_LINKS_PER_TAB } from '../../extension/shared/limits.js';

const FRAMES = 120;
// 300,000 links: the budget refilling while the frames load (60 s for them all) leaves many unscreened.
const LINKS = 2500;
const PAGE = `https://frames.example.org/inbox?frames=${FRAMES}&links=${LINKS}`;
// One frame of more links than a frame reads.
const BIG_FRAME = MAX_LINKS_PER_FRAME + 5000;
const ONE_FRAME = `https://frames.example.org/big?frames=1&links=${BIG_FRAME}`;
const SECONDS = LINKS_REFILL_MS / 1000;
const note = (unscreened) => ({
  frameLimit: MAX_LINKS_PER_FRAME,
  limit: MAX_LINKS_PER_TAB,
  seconds: SECONDS,
  unscreened,
  // Links left without a badge past a frame's badge caps (session 44; tests/e2e/link-caps.test.mjs): none here.
  badgeLimit: MAX_BADGES,
  dangerLimit: MAX_DANGER_BADGES,
  unbadged: 0,
  unbadgedDanger: 0,
});
const popupLine = (unscreened) => new RegExp(
  `more links than joinguard checks \\(${MAX_LINKS_PER_FRAME.toLocaleString('en')} in one frame, ${MAX_LINKS_PER_TAB.toLocaleString('en')} every ${SECONDS} seconds from the frames inside it\\): ${unscreened.toLocaleString('en')} links were not checked`,
);
/** The note without the page load it names (the top frame's, content/load-id.js; null where the busy frame did
 *  not answer in time, shown-load.js). */
function withoutLoad({ load, ...kept }) {
  assert.ok(load === null || /^[0-9a-f]{32}$/.test(load), String(load));
  return kept;
}

/** `probe()`'s answer once it has stayed the same for two seconds. */
function settled(probe, what) {
  let last;
  let since = 0;
  return eventually(async () => {
    const now = JSON.stringify(await probe());
    if (now !== last) [last, since] = [now, Date.now()];
    return Date.now() - since >= 2000 && JSON.parse(now);
  }, { what, timeout: 90_000, interval: 250 });
}

/** The one note of links not screened in the browser, once it counts `unscreened`: [its key, the note]. */
function noteOf(session, unscreened) {
  return eventually(async () => {
    const stored = await session.extension((ext) => ext.storage.session.get(null));
    const notes = Object.entries(stored ?? {}).filter(([name]) => name.startsWith('links:'));
    return notes.length === 1 && notes[0][1].unscreened === unscreened && notes[0];
  }, { what: `the count of links not screened (${unscreened})`, timeout: 60_000 });
}

for (const browser of BROWSERS) {
  describe(`the links screened for one page in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('frames.example.org', 'many-frames.html');
    });

    after(async () => {
      await session?.close();
    });

    test(`${FRAMES} frames of ${LINKS} links at once: ${MAX_LINKS_PER_TAB} screened (and the few the budget refills meanwhile), the rest counted and said in the popup`, async (t) => {
      const tab = await session.open(PAGE);
      // Every frame sends all its links (under link-badges.js's cap a frame), a meeting link first and last; the
      // background screens them, in order, up to the budget and counts the rest, under `links:<tab id>` (the page
      // has no record of its own: it is no meeting page), the only such note of this browser. A frame's last link
      // is badged only where all its links were screened (session 43's review: the count alone held when the
      // background screened every link). The budget refills while the frames load, so how many is not fixed.
      const [[key, stored], firsts, lasts] = await settled(async () => {
        const notes = Object.entries((await session.extension((ext) => ext.storage.session.get(null))) ?? {}).filter(([name]) => name.startsWith('links:'));
        const hrefs = (await tab.shadowHosts(UI.badge)).map((badge) => badge.previous?.href ?? '');
        return [notes[0] ?? [null, null], hrefs.filter((href) => href.includes('/j/8512345')).length, hrefs.filter((href) => href.includes('/j/8612345')).length];
      }, 'the note and the badges, settled');
      assert.ok(key, 'a note of links not screened');
      const { unscreened } = stored;
      assert.deepEqual(withoutLoad(stored), note(unscreened));
      assert.ok(unscreened <= FRAMES * LINKS - MAX_LINKS_PER_TAB, `at least the budget screened: ${unscreened} not`);
      assert.ok(firsts >= MAX_LINKS_PER_TAB / LINKS, `at least ${MAX_LINKS_PER_TAB / LINKS} frames' first links badged, not ${firsts}`);
      const screened = FRAMES * LINKS - unscreened;
      t.diagnostic(`${screened} links screened, ${unscreened} not; frames badged: ${firsts} first links, ${lasts} last links`);
      assert.ok(lasts * LINKS <= screened, `${lasts} frames' last links badged: more than the ${screened} links screened hold`);
      const { popup, text } = await openPopup(session, Number(key.slice('links:'.length)));
      assert.match(text, popupLine(unscreened));
      await popup.close();
      await tab.close();
    });

    test(`one frame of ${BIG_FRAME} links: ${MAX_LINKS_PER_FRAME} read, the rest counted unread, later ones too, and said in the popup`, async () => {
      const tab = await session.open(ONE_FRAME);
      // The frame reads MAX_LINKS_PER_FRAME links (under the tab's budget: all screened) and counts the rest.
      const [key, stored] = await noteOf(session, BIG_FRAME - MAX_LINKS_PER_FRAME);
      assert.deepEqual(withoutLoad(stored), note(BIG_FRAME - MAX_LINKS_PER_FRAME));
      // Links the page adds to the frame later are counted too (the frame still watches, reading no href).
      await tab.evaluate(() => {
        const frame = document.querySelector('iframe').contentDocument;
        for (let i = 0; i < 100; i++) frame.body.append(Object.assign(frame.createElement('a'), { href: `https://example.org/later/${i}` }));
      });
      await noteOf(session, BIG_FRAME - MAX_LINKS_PER_FRAME + 100);
      const { popup, text } = await openPopup(session, Number(key.slice('links:'.length)));
      assert.match(text, popupLine(BIG_FRAME - MAX_LINKS_PER_FRAME + 100));
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
