// The caps of link-badges.js against a page that fights its badges (session 44), in each browser:
// - a lookalike link padded past the links' cap (shared/limits.js MAX_LINK_URL, 8,192 characters) is cut
//   (shared/url-cut.js: host and path kept) and screened: until session 44 it was skipped, no badge at all;
// - a lookalike link the page shows after more genuine meeting links than the ordinary badges' cap (MAX_BADGES)
//   gets its danger badge, on an allowance of its own (MAX_DANGER_BADGES): until session 44 one cap of 500 served
//   both and the content script stopped watching the page once it was spent;
// - the links left without a badge are counted and said in the popup, the way the links left unread are
//   (tab-state.js takeLinks; tests/e2e/link-budget.test.mjs): until session 44 nobody was told.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { UI } from './shadow-hosts.mjs';
import { BROWSERS, browserName, launchBrowser, openPopup } from './browsers.mjs';
import { MAX_BADGES, MAX_DANGER_BADGES } from '../../extension/shared/limits.js';

const HOST = 'caps.example.org';
const GENUINE = MAX_BADGES + 10;
const LATE_LOOKALIKE = 'https://zoom-us.join-meeting.net/j/85123456789';
const popupLine = (count) => new RegExp(
  `joinguard draws at most ${MAX_BADGES.toLocaleString('en')} link badges on a page, and ${MAX_DANGER_BADGES.toLocaleString('en')} more for lookalike or blocked links: ${count.toLocaleString('en')} links of this page were checked but got no badge`,
);

/** The one note of links of this browser (tab-state.js takeLinks), once it counts `unbadged`: [its key, the note]. */
function noteOf(session, unbadged) {
  return eventually(async () => {
    const stored = await session.extension((ext) => ext.storage.session.get(null));
    const notes = Object.entries(stored ?? {}).filter(([name]) => name.startsWith('links:'));
    return notes.length === 1 && notes[0][1].unbadged === unbadged && notes[0];
  }, { what: `the count of links left without a badge (${unbadged})`, timeout: 60_000 });
}

/** The badge after the link whose href starts with `prefix`, once there. */
function badgeAfter(tab, prefix) {
  return eventually(async () => {
    const hosts = await tab.shadowHosts(UI.badge);
    return hosts.find((host) => (host.previous?.href ?? '').startsWith(prefix)) ?? null;
  }, { what: `the badge after ${prefix}`, timeout: 30_000 });
}

for (const browser of BROWSERS) {
  describe(`link badge caps against a hostile page in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve(HOST, 'link-caps.html');
    });

    after(async () => {
      await session?.close();
    });

    test('a lookalike link padded past 8,192 characters gets its danger badge; a padded genuine one its vendor\'s', async () => {
      const tab = await session.open(`https://${HOST}/inbox?padded=1`);
      const lookalike = await badgeAfter(tab, 'https://zoom.us.meeting-join.com/j/85123456789?x=AAAA');
      assert.match(lookalike.text, /Lookalike of Zoom/);
      const genuine = await badgeAfter(tab, 'https://us02web.zoom.us/j/85123456780?pwd=abc');
      assert.match(genuine.text, /^Zoom/);
      await tab.close();
    });

    test(`a lookalike link after ${GENUINE} genuine ones gets its badge, and the popup says the ${GENUINE - MAX_BADGES} left without one`, async () => {
      const tab = await session.open(`https://${HOST}/inbox?genuine=${GENUINE}`);
      // The ordinary badges are spent: MAX_BADGES drawn, the rest counted for the popup.
      const [key] = await noteOf(session, GENUINE - MAX_BADGES);
      // Then the page shows a lookalike link: watched still, and badged from the danger allowance. Found from the
      // page's side first (the element after the link), so that the hundreds of badges are read once.
      await tab.evaluate((href) => window.addLink(href, 'late'), LATE_LOOKALIKE);
      await eventually(
        () => tab.evaluate(() => document.getElementById('late')?.nextSibling?.localName === 'span'),
        { what: 'a badge host after the late lookalike link', timeout: 30_000 },
      );
      const late = await badgeAfter(tab, LATE_LOOKALIKE);
      assert.match(late.text, /Lookalike of Zoom/);
      assert.equal((await tab.shadowHosts(UI.badge)).length, MAX_BADGES + 1);
      const { popup, text } = await openPopup(session, Number(key.slice('links:'.length)));
      assert.match(text, popupLine(GENUINE - MAX_BADGES));
      // No link went unread or unscreened: that line is not shown.
      assert.doesNotMatch(text, /were not checked/);
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
