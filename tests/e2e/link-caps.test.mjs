// The caps of link-badges.js against a page that fights its badges (session 44), in each browser:
// - a lookalike link padded past the links' cap (shared/limits.js MAX_LINK_URL, 8,192 characters) is cut
//   (shared/url-cut.js: scheme, user name's `@`, host and path kept, a wrapper's target too) and screened: until
//   session 44 it was skipped, no badge at all;
// - a lookalike link the page shows after more genuine meeting links than the ordinary badges' cap (MAX_BADGES)
//   gets its danger badge, on an allowance of its own (MAX_DANGER_BADGES): until session 44 one cap of 500 served
//   both and the content script stopped watching the page once it was spent;
// - the links left without a badge are counted and said in the popup, the way the links left unread are
//   (tab-state.js takeLinks; tests/e2e/link-budget.test.mjs): until session 44 nobody was told; lookalike ones
//   apart, as a warning, and a lookalike link the page removed frees its danger badge's place (session 44's review).
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
  `joinguard draws at most ${MAX_BADGES.toLocaleString('en')} link badges in a page and in each of its frames: ${count.toLocaleString('en')} links of this page were checked but got no badge`,
);
const dangerLine = (count) => new RegExp(
  `${count.toLocaleString('en')} lookalike or blocked links on this page got no badge: joinguard draws at most ${MAX_DANGER_BADGES.toLocaleString('en')} such badges`,
);

/** The one note of links of this browser (tab-state.js takeLinks), once it counts `unbadged` ordinary links and
 *  `unbadgedDanger` danger ones: [its key, the note]. */
function noteOf(session, unbadged, unbadgedDanger = 0) {
  return eventually(async () => {
    const stored = await session.extension((ext) => ext.storage.session.get(null));
    const notes = Object.entries(stored ?? {}).filter(([name]) => name.startsWith('links:'));
    return notes.length === 1 && notes[0][1].unbadged === unbadged && (notes[0][1].unbadgedDanger ?? 0) === unbadgedDanger && notes[0];
  }, { what: `the count of links left without a badge (${unbadged}, danger ${unbadgedDanger})`, timeout: 60_000 });
}

/** Whether the element `id` of the page has a badge host after it, once it has. */
function hostAfter(tab, id) {
  return eventually(
    () => tab.evaluate((which) => document.getElementById(which)?.nextSibling?.localName === 'span', id),
    { what: `a badge host after #${id}`, timeout: 30_000 },
  );
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
      // A Google redirect padded between its genuine `url` and its lookalike `q`: a prefix of the link would keep
      // only `url` (a Zoom badge); the cut keeps both, in order, and the engine reads `q`.
      const redirect = await badgeAfter(tab, 'https://www.google.com/url?url=');
      assert.match(redirect.text, /Lookalike of Zoom/);
      // Padded in the password: the cut keeps the `@` and the host (shared/url-cut.js), so the user name still
      // reads as Zoom's on another host.
      const password = await badgeAfter(tab, 'https://zoom.us:AAAA');
      assert.match(password.text, /Lookalike of Zoom/);
      await tab.close();
    });

    test(`a lookalike link after ${GENUINE} genuine ones gets its badge, and the popup says the ${GENUINE - MAX_BADGES} left without one`, async () => {
      const tab = await session.open(`https://${HOST}/inbox?genuine=${GENUINE}`);
      // The ordinary badges are spent: MAX_BADGES drawn, the rest counted for the popup.
      await noteOf(session, GENUINE - MAX_BADGES);
      // A genuine link added later is read and counted (the page is watched past the cap: until session 44 the
      // observer was disconnected there)…
      await tab.evaluate(() => window.addLink('https://us02web.zoom.us/j/89999999999', 'late-genuine'));
      const [key] = await noteOf(session, GENUINE - MAX_BADGES + 1);
      // …and then a lookalike link: badged from the danger allowance. Found from the page's side first (the
      // element after the link), so that the hundreds of badges are read once.
      await tab.evaluate((href) => window.addLink(href, 'late'), LATE_LOOKALIKE);
      await hostAfter(tab, 'late');
      const late = await badgeAfter(tab, LATE_LOOKALIKE);
      assert.match(late.text, /Lookalike of Zoom/);
      assert.equal((await tab.shadowHosts(UI.badge)).length, MAX_BADGES + 1);
      const { popup, text } = await openPopup(session, Number(key.slice('links:'.length)));
      assert.match(text, popupLine(GENUINE - MAX_BADGES + 1));
      assert.doesNotMatch(text, /lookalike or blocked links on this page got no badge/);
      // No link went unread or unscreened: that line is not shown.
      assert.doesNotMatch(text, /were not checked/);
      await popup.close();
      await tab.close();
    });

    test(`lookalike links the page removes free their danger badges: the next lookalike gets one`, async () => {
      const tab = await session.open(`https://${HOST}/inbox?danger=${MAX_DANGER_BADGES}`);
      await eventually(async () => (await tab.shadowHosts(UI.badge)).length === MAX_DANGER_BADGES, {
        what: `${MAX_DANGER_BADGES} danger badges`,
        timeout: 60_000,
      });
      await tab.evaluate(() => window.removeSpent());
      await tab.evaluate((href) => window.addLink(href, 'late'), LATE_LOOKALIKE);
      await hostAfter(tab, 'late');
      const late = await badgeAfter(tab, LATE_LOOKALIKE);
      assert.match(late.text, /Lookalike of Zoom/);
      await tab.close();
    });

    test(`a lookalike link after ${MAX_DANGER_BADGES} hidden ones: the popup warns of the lookalike left without a badge`, async () => {
      // Hidden links keep their badges and places (one may be shown later); the one past the cap is said apart.
      const tab = await session.open(`https://${HOST}/inbox?danger=${MAX_DANGER_BADGES}&hidden=1`);
      const [key] = await noteOf(session, 0, 1);
      const { popup, text } = await openPopup(session, Number(key.slice('links:'.length)));
      assert.match(text, dangerLine(1));
      assert.doesNotMatch(text, /links of this page were checked but got no badge/);
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
