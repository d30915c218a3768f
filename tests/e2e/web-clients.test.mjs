// The messaging vendors' web clients (Threema Web, Telegram Web, WhatsApp Web), end to end in each browser
// (browsers.mjs: Chromium and Firefox ESR). manifest.json's meeting_hosts list holds their hosts (the vendor rules'
// `web-client` pages, tests/content_script_hosts.rs), so content/meeting-page.js and main-world/media-hook.js run
// there; until session 50 nothing tested them on a page in these clients' shape: a long-lived single-page app whose
// message stream keeps growing (fixtures/chat-web-client.html, written for the tests, served at each real host).
// Every scenario runs in both browsers with the same assertions:
//   - the extension knows the vendor and the page kind, and says nothing false (no lookalike, no imitated sign-in,
//     no recording from a "… is recording a voice message" status line or from chat words such as "record");
//   - the page keeps working: the stream keeps growing, the page logs no error, the extension none either;
//   - a call's camera and microphone get the vendor's media notice, and the page gets its stream;
//   - a meeting link sent in the chat gets its badge as in any page; a passcode link typed into the composer is
//     warned about as on any page: only where posts are public (the `public_sites` setting, credentials-watch.js),
//     which a private messenger's web client is not by default (src/policy.rs DEFAULT_PUBLIC_SITES);
//   - the extension's work stays bounded while the stream runs: the page assessment's gathering passes stop at
//     content.js's cap (MAX_RESCANS after the first), however many messages come.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, inContentScript, vendorDetail } from './browser.mjs';
import { BROWSERS, bannerWith, browserName, collapse, launchBrowser } from './browsers.mjs';
import { UI } from './shadow-hosts.mjs';

const CLIENTS = [
  { vendor: 'threema', name: 'Threema', host: 'web.threema.ch', url: 'https://web.threema.ch/#!/messages/group/1' },
  { vendor: 'telegram', name: 'Telegram', host: 'web.telegram.org', url: 'https://web.telegram.org/k/#@project' },
  { vendor: 'whatsapp', name: 'WhatsApp', host: 'web.whatsapp.com', url: 'https://web.whatsapp.com/' },
];
// Findings that would be false on a vendor's own web client.
const FALSE_THERE = ['lookalike-domain', 'phishing-login', 'recording-without-notice', 'no-privacy-link'];
// A Zoom link carrying its passcode, as someone pastes an invitation.
const PASSCODE_LINK = 'https://us02web.zoom.us/j/85123456789?pwd=Qm9hcmQgbWVldGluZyBwYXNzY29kZQ.1';
// Generous: the machine running the tests is shared and often loaded.
const ANSWER_MS = 30_000;

const CHROMIUM_FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const FIREFOX_FAKE_MEDIA = { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true };

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The client's address with the fixture's `query` (before its fragment). */
const withQuery = (url, query) => Object.assign(new URL(url), { search: query }).href;
const ids = (assessment) => assessment.findings.map((finding) => finding.id);

for (const browser of BROWSERS) {
  describe(`messaging web clients in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser, { args: CHROMIUM_FAKE_MEDIA, prefs: FIREFOX_FAKE_MEDIA });
      for (const { host } of CLIENTS) await session.serve(host, 'chat-web-client.html');
    });

    after(async () => {
      await session?.close();
    });

    /** The tab's record once the background has one for the page with a vendor (the answer about its address). */
    const recordOf = (url) =>
      eventually(
        async () => {
          const record = await session.tabRecord(url);
          return record?.assessment?.vendor ? record : null;
        },
        { what: `the record of ${url}`, timeout: ANSWER_MS },
      );

    for (const client of CLIENTS) {
      test(`${client.name}: the vendor's web client, nothing false said, no banner over it, and the chat keeps updating`, async () => {
        // The status line "… is recording a voice message" kept up (a contact's voice message, no call recorded).
        const url = withQuery(client.url, 'status=recording');
        const tab = await session.open(url);
        const { assessment } = await recordOf(url);
        assert.equal(assessment.vendor, client.vendor);
        assert.equal(assessment.kind, 'web-client');
        assert.equal(assessment.lookalike_of ?? null, null);
        // Long enough for several of recording.js's passes and content.js's re-gatherings with the status line up.
        const start = await tab.evaluate(() => window.messageCount());
        await pause(7000);
        if (browser === 'chromium') {
          // The status line was among the notices gathered (so the engine saw it and said nothing of a recording).
          const notices = await inContentScript(tab.page, 'globalThis.joinguardSignals.gather().notices');
          assert.ok(notices.some((notice) => /is recording a voice message/.test(notice)), `notices: ${notices.slice(0, 5)}`);
        }
        const now = await session.tabRecord(url);
        for (const id of FALSE_THERE) assert.ok(!ids(now.assessment).includes(id), `${id} on ${client.host}: ${ids(now.assessment)}`);
        // The vendor's grade only (info): in the toolbar's badge and the popup, no banner over the client's page
        // (shared/banner.js worthShowing; on main the grade banner covered its call buttons on every load).
        assert.deepEqual(ids(now.assessment), ['vendor-risk']);
        assert.equal(await tab.overlayText(), null, 'no banner on a web client with info only');
        // The page kept working: messages kept coming (10 a second), counted without a clock.
        await eventually(async () => (await tab.evaluate(() => window.messageCount())) >= start + 20, {
          what: `20 messages after ${start}`,
          timeout: ANSWER_MS,
        });
        assert.deepEqual(await tab.evaluate(() => window.pageErrors), []);
        await tab.close();
      });
    }

    test('a recorded call with no consent notice on a web client: the warning shows the banner there', async () => {
      // A quiet chat (no chat words, no stream) whose call shows "Recording…": the engine's recording-without-notice
      // (a warning) still gets the banner, with the grade, on a web client.
      const client = CLIENTS[1];
      const url = withQuery(client.url, 'history=0&rate=0&status=call-recording');
      const tab = await session.open(url);
      const text = await bannerWith(tab, /appears to be recorded|recording/i, 'the recording banner on a web client');
      assert.match(text, new RegExp(`^joinguard ${client.name} web client`), text);
      const { assessment } = await recordOf(url);
      assert.ok(ids(assessment).includes('recording-without-notice'), `${ids(assessment)}`);
      assert.deepEqual(await tab.evaluate(() => window.pageErrors), []);
      await tab.close();
    });

    test('a call: camera and microphone named with the vendor\'s end-to-end-encryption facts, for each client', async () => {
      for (const client of CLIENTS) {
        const tab = await session.open(client.url);
        await recordOf(client.url);
        // Nothing to close first: no grade banner over the call button (on main Playwright refused to click through
        // it, session 50).
        await tab.click('#call');
        const text = await bannerWith(tab, new RegExp(`Sharing with ${client.name}`), `the media notice on ${client.host}`);
        assert.match(text, new RegExp(`Sharing with ${client.name}: camera and microphone`));
        const detail = vendorDetail(client.vendor, 'e2ee');
        if (detail) assert.ok(text.includes(collapse(detail)), `the database's e2ee detail for ${client.name}`);
        assert.deepEqual(await tab.evaluate(() => window.mediaResults), [{ ok: true, kinds: ['audio', 'video'] }]);
        assert.deepEqual(await tab.evaluate(() => window.pageErrors), []);
        await tab.close();
      }
    });

    test('a meeting link sent in the chat gets its badge; the passcode in the composer: no warning on a private client', async () => {
      const client = CLIENTS[0];
      const tab = await session.open(client.url);
      await recordOf(client.url);
      await tab.type('#composer', `Board meeting: ${PASSCODE_LINK} see you there`);
      await tab.click('#send');
      const badges = await eventually(
        async () => {
          const found = await tab.shadowHosts(UI.badge);
          return found.some((badge) => badge.previous?.text === PASSCODE_LINK) && found;
        },
        { what: 'the badge of the sent link', timeout: ANSWER_MS },
      );
      assert.match(badges.find((badge) => badge.previous?.text === PASSCODE_LINK).text, /^Zoom · grade /);
      // Typed again and left in the composer: a private chat is no public site (credentials-watch.js never starts).
      await tab.type('#composer', `Board meeting: ${PASSCODE_LINK}`);
      await pause(1500); // longer than the composer's debounce
      assert.equal((await tab.shadowHosts(UI.composerWarning)).length, 0);
      assert.deepEqual(await tab.evaluate(() => window.pageErrors), []);
      await tab.close();
    });

    test('listed as a public site by the organisation: the passcode typed into the composer is warned about', async () => {
      const client = CLIENTS[1];
      await session.extension((ext, host) => ext.storage.local.set({ settings: { public_sites: [host] } }), client.host);
      try {
        const tab = await session.open('about:blank');
        // The settings reach the background asynchronously (storage.onChanged): retry the page until they have.
        const warning = await eventually(
          async () => {
            await tab.goto(client.url);
            await recordOf(client.url);
            await tab.type('#composer', `Board meeting: ${PASSCODE_LINK}`);
            return eventually(async () => (await tab.shadowHosts(UI.composerWarning))[0], { what: 'the composer warning', timeout: 5000 }).catch(() => null);
          },
          { what: 'the composer warning on a public web client', timeout: 60_000 },
        );
        assert.equal(warning.closed, true);
        assert.match(warning.text, /Anyone who reads this can join your meeting/);
        assert.deepEqual(await tab.evaluate(() => window.pageErrors), []);
        await tab.close();
      } finally {
        await session.extension((ext) => ext.storage.local.remove('settings'));
      }
    });

    if (browser === 'chromium') {
      // Chromium only: signals.js's counts are read in the content scripts' isolated world through DevTools.
      test('Chromium only: the page assessment\'s gathering passes stop at their cap while the stream goes on', async (t) => {
        const url = `${CLIENTS[2].url}?history=2000`;
        const tab = await session.open(url);
        await recordOf(url);
        // content.js: at most MAX_RESCANS = 8 passes an address (the first included), one a second at most (the
        // stream changes the page ten times a second), within 120 s; then its observer is disconnected.
        const stats = () => inContentScript(tab.page, '({ ...globalThis.joinguardSignals.stats })');
        const first = await eventually(async () => ((await stats()).passes >= 8 ? stats() : null), { what: '8 gathering passes', timeout: ANSWER_MS });
        const start = await tab.evaluate(() => window.messageCount());
        // 30 more messages (3 s at 10 a second), counted without a clock: the page changed past content.js's pace.
        await eventually(async () => (await tab.evaluate(() => window.messageCount())) >= start + 30, {
          what: `30 messages after ${start}`,
          timeout: ANSWER_MS,
        });
        await pause(2000); // more than content.js's one pass a second, so a pass past the cap would have come
        const later = await stats();
        const added = (await tab.evaluate(() => window.messageCount())) - start;
        assert.equal(later.passes, 8, 'no pass after the cap');
        t.diagnostic(
          `${url}: ${later.passes} passes, the first ${first.firstMs.toFixed(2)} ms, the longest ${later.maxMs.toFixed(2)} ms, ` +
            `${later.totalMs.toFixed(2)} ms in all; ${added} messages added in the 5 s after the last`,
        );
        await tab.close();
      });
    }

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
