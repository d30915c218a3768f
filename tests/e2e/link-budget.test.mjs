// The background's budget of links for one tab's page (extension/background/tab-state.js takeLinks), in each
// browser: a page of many srcdoc frames, each sending its links (link-badges.js reads up to 20,000 a frame), has
// at most MAX_LINKS_PER_TAB of them screened, from all its frames together, and the popup says how many were not.
// Until session 43 the background screened every frame's links: hundreds of frames × 20,000 links kept it busy
// with millions of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser, openPopup } from './browsers.mjs';
import { MAX_LINKS_PER_TAB } from '../../extension/shared/limits.js';

const FRAMES = 120;
const LINKS = 1000;
const PAGE = `https://frames.example.org/inbox?frames=${FRAMES}&links=${LINKS}`;

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

    test(`${FRAMES} frames of ${LINKS} links: ${MAX_LINKS_PER_TAB} screened, the rest counted and said in the popup`, async () => {
      const tab = await session.open(PAGE);
      // Every frame sends all its links (under link-badges.js's cap a frame); the background screens the first
      // MAX_LINKS_PER_TAB and counts the rest, under `links:<tab id>` (the page has no record of its own: it is
      // no meeting page), the only such note of this browser.
      const [key, note] = await eventually(async () => {
        const stored = await session.extension((ext) => ext.storage.session.get(null));
        const notes = Object.entries(stored ?? {}).filter(([name]) => name.startsWith('links:'));
        return notes.length === 1 && notes[0][1].unscreened === FRAMES * LINKS - MAX_LINKS_PER_TAB && notes[0];
      }, { what: 'the count of links not screened', timeout: 60_000 });
      assert.deepEqual(note, { limit: MAX_LINKS_PER_TAB, unscreened: FRAMES * LINKS - MAX_LINKS_PER_TAB });
      const tabId = Number(key.slice('links:'.length));
      const { popup, text } = await openPopup(session, tabId);
      const unscreened = (FRAMES * LINKS - MAX_LINKS_PER_TAB).toLocaleString('en');
      assert.match(text, new RegExp(`more links than joinguard checks on one page \\(${MAX_LINKS_PER_TAB.toLocaleString('en')}, all its frames together\\): ${unscreened} links were not checked`));
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
