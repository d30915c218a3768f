// What the engine says a page lacks, from the signals the extension gathers, in every browser (browsers.mjs).
// Until session 25 signals.js sent every page `truncated` (its capper shadowed url-cut.js's `cut`), and the engine
// says something is missing only from a page it saw whole: no-privacy-link and recording-without-notice never
// came from the extension, and no test here looked for them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { heldReports, holdSettingsReads, inBackground, releaseSettingsReads } from './background-hold.mjs';
import { BROWSERS, browserName, launchBrowser, openPopup } from './browsers.mjs';

// zoom-join.html: a Zoom join page with no privacy link (its only link starts the app).
const ZOOM_JOIN = 'https://us02web.zoom.us/j/85123456789';
// zoom-join-social.html: the same kind of page with "Privacy & Legal Policies" in its footer.
const ZOOM_JOIN_FOOTER = 'https://us06web.zoom.us/j/84123456789';
// zoom-webclient.html: the web client; the page starts its recording indicator, the test its consent dialog.
const ZOOM_CLIENT = 'https://app.zoom.us/wc/85123456789/join';
// meet-call.html: a Meet call whose recording indicator is an icon labelled only by its aria-label.
const MEET_CALL = 'https://meet.google.com/abc-defg-hij';

// zoom-join.html with what many real pages have and no shadow root to read (session 47's review): signals.js's walk
// for shadow roots stopped at its bounds (200 closed-root asks of empty elements, 20 roots, 10,000 elements) and
// marked such a page `truncated`, and the engine then said nothing it lacks. Only a root found and not read marks it
// now (session 48). On s47-shadow47's build (a0fde51) each of these lost no-privacy-link in both browsers.
const ZOOM_JOIN_PAGE = readFileSync(new URL('fixtures/zoom-join.html', import.meta.url), 'utf8');
const ZOOM_CROWDED = {
  'empty icon spans': ['/j/85123456701', `<div>${'<span class="icon"></span>'.repeat(250)}</div>`],
  'web components with open roots': [
    '/j/85123456702',
    `<div id="chips"></div><script>
      customElements.define('x-chip', class extends HTMLElement {
        constructor() { super(); this.attachShadow({ mode: 'open' }).append('chip'); }
      });
      for (let i = 0; i < 25; i++) document.getElementById('chips').append(document.createElement('x-chip'));
    </script>`,
  ],
  'over 10,000 elements': ['/j/85123456703', `<div>${'<b></b>'.repeat(10_050)}</div>`],
};
const ZOOM_CROWDED_HOST = 'us05web.zoom.us';

// zoom-join.html with 300 more text nodes, and the test build's switch (content/test-cut.js) that cuts the first 3 time
// checks of the notice walk whatever the time, as a busy machine does: until session 50 such a pass was `truncated`
// and no-privacy-link was lost (on main 42f8fd9's signals.js with only the switch added, in both browsers: the record
// never had it); now the walk goes on in later slices and its end brings the finding. The page counts the forced cuts
// (the switch's events): the proof that the walk was cut.
const ZOOM_BUSY = `https://${ZOOM_CROWDED_HOST}/j/85123456705`;
const FORCED_CUTS = 3;
const ZOOM_BUSY_PAGE = ZOOM_JOIN_PAGE.replace('<html lang="en">', `<html lang="en" data-joinguard-test-cuts="${FORCED_CUTS}">`).replace(
  '</main>',
  `</main><script>window.cuts = 0; addEventListener('joinguard-test-cut', () => { window.cuts += 1; });</script>
<div hidden>${Array.from({ length: 300 }, (_, i) => `<p>Step ${i}</p>`).join('')}</div>`,
);

// The same page for the walk's end on the last counted pass (session 50, the review's findings 1 and 2): every
// budget check cut (the switch asks for more cuts than the test makes), so each pass's walk pauses; the page counts
// the cuts and, when the test sets `changeOnCut`, adds a node at its next one (a change while the walk is paused).
const ZOOM_LATE = `https://${ZOOM_CROWDED_HOST}/j/85123456706`;
const ZOOM_LATE_PAGE = ZOOM_JOIN_PAGE.replace('<html lang="en">', '<html lang="en" data-joinguard-test-cuts="1000">').replace(
  '</main>',
  `</main><script>window.cuts = 0; window.changeOnCut = false; addEventListener('joinguard-test-cut', () => {
  window.cuts += 1;
  if (!window.changeOnCut) return;
  window.changeOnCut = false;
  document.querySelector('div[hidden]').append(Object.assign(document.createElement('p'), { textContent: 'Changed in the pause' }));
});</script>
<div hidden>${Array.from({ length: 300 }, (_, i) => `<p>Step ${i}</p>`).join('')}</div>`,
);
/** content.js's MAX_RESCANS: the counted passes of an address (its first included). */
const MAX_RESCANS = 8;

const ids = (assessment) => assessment.findings.map((finding) => finding.id);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const browser of BROWSERS) {
  describe(`what a page lacks, from the extension's page signals, in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('us02web.zoom.us', 'zoom-join.html');
      await session.serve('us06web.zoom.us', 'zoom-join-social.html');
      await session.serve('app.zoom.us', 'zoom-webclient.html');
      await session.serve('meet.google.com', 'meet-call.html');
      const pages = new Map(Object.values(ZOOM_CROWDED));
      await session.serveWith(ZOOM_CROWDED_HOST, (url) => ({
        body:
          url.pathname === new URL(ZOOM_BUSY).pathname
            ? ZOOM_BUSY_PAGE
            : url.pathname === new URL(ZOOM_LATE).pathname
              ? ZOOM_LATE_PAGE
              : ZOOM_JOIN_PAGE.replace('</main>', `</main>${pages.get(url.pathname) ?? ''}`),
      }));
    });

    after(async () => {
      await session?.close();
    });

    /** The tab's record once its assessment has finding `id` (the first answer is about the address alone). */
    /** Opens a zoom-webclient.html scenario and starts it once the first answer is in the tab's record (an
     *  info-only web client gets no banner to start it since session 50). */
    const openScenario = async (url) => {
      const tab = await session.open(url);
      await eventually(() => session.tabRecord(url), { what: `the record of ${url}`, timeout: 20_000 });
      await tab.evaluate(() => window.startScenario());
      return tab;
    };

    const recordWith = (url, id) =>
      eventually(
        async () => {
          const record = await session.tabRecord(url);
          return record && ids(record.assessment).includes(id) ? record : null;
        },
        { what: `${id} in the assessment of ${url}`, timeout: 20_000 },
      );

    test('a Zoom join page without a privacy link: no-privacy-link, in the banner', async () => {
      const tab = await session.open(ZOOM_JOIN);
      const { assessment } = await recordWith(ZOOM_JOIN, 'no-privacy-link');
      const finding = assessment.findings.find((f) => f.id === 'no-privacy-link');
      assert.equal(finding.severity, 'caution');
      assert.deepEqual({ variant: finding.params.variant, vendor: finding.params.vendor }, { variant: 'join', vendor: 'Zoom' });
      const text = await eventually(
        async () => {
          const shown = await tab.overlayText();
          return shown && /no link to a privacy policy/.test(shown) ? shown : null;
        },
        { what: 'the finding in the banner', timeout: 20_000 },
      );
      assert.match(text, /This join page has no link to a privacy policy: check how Zoom handles your data/);
      await tab.close();
    });

    for (const [what, [path]] of Object.entries(ZOOM_CROWDED)) {
      test(`the join page with ${what} and no shadow root to read: still no-privacy-link`, async () => {
        const url = `https://${ZOOM_CROWDED_HOST}${path}`;
        const tab = await session.open(url);
        await recordWith(url, 'no-privacy-link');
        await tab.close();
      });
    }

    test('a join page whose notice walk runs out of time (forced cuts): the walk goes on, no-privacy-link comes', async () => {
      const tab = await session.open(ZOOM_BUSY);
      await recordWith(ZOOM_BUSY, 'no-privacy-link');
      assert.equal(await tab.evaluate(() => window.cuts), FORCED_CUTS, 'the walk was cut as many times as the switch asked');
      await tab.close();
    });

    // The last counted pass (MAX_RESCANS spent with it) is cut; the page changes while its walk is paused, and again
    // once the walk is over while its first answer is still awaited (the background held deterministically, as
    // overlay.test.mjs holds it). Until the review's fix the change dropped the walk's unsent end and, no rescan
    // left, the `truncated` first answer stayed: the record never had no-privacy-link again. The last pass adds a
    // Google sign-in link, so third-party-login tells its answers from the earlier passes'.
    test('a page change during the walk’s pause, and a walk over while its answer is awaited, on the last counted pass: the walk’s end is sent', async () => {
      const tab = await session.open(ZOOM_LATE);
      const cuts = () => tab.evaluate(() => window.cuts);
      /** The page's forced cuts once they have stopped coming (the pass's walk over). */
      const settledCuts = () =>
        eventually(
          async () => {
            const seen = await cuts();
            await pause(400);
            return seen > 0 && seen === (await cuts()) ? seen : null;
          },
          { what: 'the walk to be over', timeout: 20_000 },
        );
      const change = (text) => tab.evaluate((t) => document.querySelector('div[hidden]').append(Object.assign(document.createElement('p'), { textContent: t })), text);
      await recordWith(ZOOM_LATE, 'no-privacy-link');
      // The first pass counts; one change for each further pass but the last, the next once this one's walk is over.
      for (let pass = 2; pass < MAX_RESCANS; pass += 1) {
        const before = await settledCuts();
        await change(`Later ${pass}`);
        await eventually(async () => (await cuts()) > before, { what: `pass ${pass}'s cuts`, timeout: 20_000 });
      }
      await settledCuts();
      await pause(500); // that pass's end sent and answered before the hold (asserted next: nothing held yet)
      await inBackground(session, holdSettingsReads);
      try {
        assert.equal((await inBackground(session, heldReports)).reports, 0, 'no answer of an earlier pass held');
        await tab.evaluate(() => {
          window.changeOnCut = true;
          document.body.append(Object.assign(document.createElement('a'), { href: 'https://zoom.us/google_oauth_signin', textContent: 'Sign in with Google' }));
        });
        await eventually(async () => (await inBackground(session, heldReports)).reports > 0, { what: 'the last pass’s first answer to be held' });
        await settledCuts();
        assert.equal(await tab.evaluate(() => window.changeOnCut), false, 'the page changed during the walk’s pause');
        assert.equal((await inBackground(session, heldReports)).reports, 1, 'the walk’s end waits for the held answer');
        await change('After the walk');
        await pause(300);
      } finally {
        await inBackground(session, releaseSettingsReads);
      }
      await eventually(
        async () => {
          const record = await session.tabRecord(ZOOM_LATE);
          const found = record ? ids(record.assessment) : [];
          return found.includes('third-party-login') && found.includes('no-privacy-link');
        },
        { what: 'no-privacy-link in the last pass’s assessment', timeout: 20_000 },
      );
      await tab.close();
    });

    test('the same kind of page with a privacy link in its footer: no such finding', async () => {
      const tab = await session.open(ZOOM_JOIN_FOOTER);
      // third-party-login comes only from the page's signals: once it is there, the page was assessed.
      const { assessment } = await recordWith(ZOOM_JOIN_FOOTER, 'third-party-login');
      assert.ok(!ids(assessment).includes('no-privacy-link'), JSON.stringify(ids(assessment)));
      await tab.close();
    });

    test('a recording indicator shown while the first signals are answered: recording-without-notice, one message, gone with consent', async () => {
      // The fixture adds its indicator the moment joinguard's banner appears, that is while content.js draws the
      // answer to its first signals, and changes nothing after. The finding can only come from a watcher that was
      // already there: content.js before session 26 attached it after drawing that answer and never saw it.
      const url = `${ZOOM_CLIENT}?recording=with-banner`;
      const tab = await openScenario(url);
      const { assessment } = await recordWith(url, 'recording-without-notice');
      const finding = assessment.findings.find((f) => f.id === 'recording-without-notice');
      assert.equal(finding.severity, 'warning');
      // Zoom's recording_notice fact is `shown` (rules/vendors): the variant that says Zoom normally shows one.
      assert.deepEqual(
        { indicator: finding.params.indicator, variant: finding.params.variant, vendor: finding.params.vendor },
        { indicator: 'Recording...', variant: 'shown', vendor: 'Zoom' },
      );
      // One message on the page for the one recording: recording.js's (the indicator and what Zoom is known to
      // show), not the banner's copy of the finding as well; the tab's record (the popup) keeps the finding. The
      // banner leaves it out once the background has heard recording.js's answer (if content.js's came first,
      // content.js asks again: one round trip later).
      const text = await eventually(
        async () => {
          const shown = await tab.overlayText();
          return shown && /appears to be recorded/.test(shown) && !/A recording is in progress/.test(shown) ? shown : null;
        },
        { what: 'the recording warning in the overlay, and no copy of the finding in the banner', timeout: 20_000 },
      );
      // (With no grade banner on an info-only web client, session 50, the overlay's heading is the notice's title.)
      assert.equal(text.match(/Zoom shows “Recording/g).length, 1, text);
      assert.match(text, /Zoom shows “Recording\.\.\.”, but no consent notice is visible/);
      assert.match(text, /Zoom is known to tell participants when a recording starts\./);
      await tab.evaluate(() => window.showConsentDialog());
      await eventually(
        async () => {
          const record = await session.tabRecord(url);
          return record && !ids(record.assessment).includes('recording-without-notice');
        },
        { what: 'the finding gone with the consent dialog', timeout: 20_000 },
      );
      await tab.close();
    });

    test('a recording after a long chat filled recording.js\'s first 20 candidate texts: recording.js still warns', async () => {
      // recording.js keeps its first 10 candidate texts and takes the newest in turn in the other 10 (session 50):
      // until then a chat's 20 candidate texts filled them for the page's life, and the indicator shown after was
      // never sent (this scenario asserted that recording.js did not warn).
      const url = `${ZOOM_CLIENT}?recording=after-chat`;
      const tab = await openScenario(url);
      const { assessment } = await recordWith(url, 'recording-without-notice');
      assert.equal(assessment.findings.find((f) => f.id === 'recording-without-notice').params.indicator, 'Recording...');
      const text = await eventually(
        async () => {
          const shown = await tab.overlayText();
          return shown && /appears to be recorded/.test(shown) ? shown : null;
        },
        { what: 'recording.js\'s warning after the chat', timeout: 20_000 },
      );
      assert.match(text, /This session appears to be recorded/);
      await tab.close();
    });

    test('a recording only recording.js sees (an icon labelled by its aria-label): the popup says it too', async () => {
      // content.js reads no aria-label, so the tab's record has no recording-without-notice here; recording.js
      // warns on the page, and the background keeps what it answered recording.js in the tab's state.
      const tab = await session.open(MEET_CALL);
      await tab.evaluate(() => window.showRecordingIcon());
      await eventually(
        async () => /appears to be recorded/.test((await tab.overlayText()) ?? ''),
        { what: 'recording.js\'s warning on the page', timeout: 20_000 },
      );
      const { tabId, assessment } = await eventually(() => session.tabRecord(MEET_CALL), { what: 'the tab\'s record' });
      assert.ok(!ids(assessment).includes('recording-without-notice'), JSON.stringify(ids(assessment)));
      const { popup, text } = await openPopup(session, tabId);
      assert.match(text, /This session appears to be recorded/);
      assert.match(text, /Google Meet shows “Cette réunion est enregistrée”, but no consent notice is visible/);
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
