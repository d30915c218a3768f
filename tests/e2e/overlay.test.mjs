// The content script, overlay, full-page warning (an extension page) and badge in each browser (browsers.mjs:
// Chromium and Firefox ESR), on fixtures that look like the real pages: a Zoom join page offering
// Google/Facebook/Apple sign-in, a fake Zoom sign-in on a lookalike host and on an unrelated host, a copy of the
// Microsoft account sign-in (where Teams lures lead) on an unrelated host, a Teams meetup-join launcher, a Meet
// page, a page with nothing relevant, a strict-CSP page with Trusted Types, and a single-page app navigating with
// history.pushState. Every scenario runs in both browsers with the same assertions; what only one browser can
// show is marked "Chromium only" below: a lookalike under a label that is not punycode (Firefox refuses the
// host), the DOM left untouched and the response's CSP header (Playwright), and the content script's cost
// (DevTools Performance.getMetrics: reported, no timing asserted).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { domChanges, eventually, liveRecords, readOverlay, recordDomChanges } from './browser.mjs';
import { heldReports, holdSettingsReads, inBackground, releaseSettingsReads } from './background-hold.mjs';
import { BROWSERS, bannerWith, browserName, launchBrowser, openWithCsp, pageWithScripts, refusesHtmlStrings, routeWith } from './browsers.mjs';

const ZOOM_SOCIAL = 'https://us06web.zoom.us/j/84123456789?pwd=Xy12';
const ZOOM_SOCIAL_STRICT = 'https://us05web.zoom.us/j/84123456780';
const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
// The same lookalike under a label that is not valid punycode (issue 11): the URL Standard refuses the host,
// Chromium opens it as the ASCII text it is. Node's URL parser refuses it too: never given to `new URL` here.
const BAD_LABEL_ORIGIN = 'https://xn--2mxw0.zoom-us.join-meeting.net';
const LOOKALIKE_BAD_LABEL = `${BAD_LABEL_ORIGIN}/signin`;
const PHISHING = 'https://secure-login.example.com/account/verify';
const MICROSOFT_COPY = 'https://shared-files.example.org/onedrive/login';
const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmY2ZDM1%40thread.v2/0?context=%7b%22Tid%22%3a%22a1%22%7d';
const MEET = 'https://meet.google.com/abc-defg-hij';
const NOTHING = 'https://allotments.example.net/news/spring';
const SPA_HOME = 'https://zoom.us/';
const SPA_JOIN = 'https://zoom.us/j/85123456789';
// No script may run but the page's own nonce'd one, and no DOM sink takes a plain string.
const STRICT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'nonce-x'; require-trusted-types-for 'script'; trusted-types 'none'";

/** Each host's fixture, served with an empty script for its .js URLs (pageWithScripts). */
const PAGES = [
  ['us06web.zoom.us', 'zoom-join-social.html'],
  ['us05web.zoom.us', 'zoom-join-social.html', { 'Content-Security-Policy': STRICT_CSP }],
  ['zoom-us.join-meeting.net', 'zoom-login-lookalike.html'],
  ['secure-login.example.com', 'zoom-login-lookalike.html'],
  ['shared-files.example.org', 'microsoft-account-copy.html'],
  ['teams.microsoft.com', 'teams-launcher.html'],
  ['meet.google.com', 'meet.html'],
  ['allotments.example.net', 'nothing.html'],
  ['zoom.us', 'spa-zoom.html'],
];

/** The banner ({closed, role, hostPosition, accent, text}: tab.banner()) once its text matches `pattern`. */
const overlayWith = (tab, pattern) =>
  eventually(async () => {
    const banner = await tab.banner();
    return banner && pattern.test(banner.text) ? banner : null;
  }, { what: `a banner matching ${pattern}`, timeout: 20_000 });

/** The record of `url` once `ready(assessment)` holds. */
const recordWhere = (session, url, ready, what) =>
  eventually(async () => {
    const record = await session.tabRecord(url);
    return record && ready(record.assessment) ? record : null;
  }, { what, timeout: 20_000 });

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const browser of BROWSERS) {
  describe(`overlay, warning page and badge in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      for (const [host, name, headers] of PAGES) await session.serveWith(host, pageWithScripts(name, headers));
      if (browser === 'chromium') {
        // Not routeWith: Node's `new URL` refuses the host. The page only (its scripts are not needed here).
        await session.raw.context.route(`${BAD_LABEL_ORIGIN}/**`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(new URL('fixtures/zoom-login-lookalike.html', import.meta.url)) }));
      }
    });

    after(async () => {
      await session?.close();
    });

    /** Opens `url` in `tab` (or a new tab) and waits for the tab to be sent to the warning page; returns its text. */
    async function warningFor(url, tab = null) {
      if (tab) await tab.goto(url);
      else tab = await session.open(url);
      const text = await eventually(
        async () => (await tab.url()).startsWith(`${session.extensionBase}pages/warning.html`) && tab.warningText(),
        { what: `the warning page for ${url}`, timeout: 20_000 },
      );
      return { tab, text };
    }

    test('a Zoom join page with Google/Facebook/Apple sign-in: banner with vendor, grade and the third-party logins', async () => {
      const tab = await session.open(ZOOM_SOCIAL);
      const { tabId, assessment } = await recordWhere(session, ZOOM_SOCIAL,
        (a) => a.findings.some((f) => f.id === 'third-party-login'), 'the page assessment with signals');
      const logins = assessment.findings.filter((f) => f.id === 'third-party-login').map((f) => f.params.provider);
      assert.deepEqual(logins.sort(), ['Apple', 'Facebook', 'Google']);
      assert.ok(!assessment.findings.some((f) => f.id === 'no-privacy-link'), 'the footer has a privacy link');

      const overlay = await overlayWith(tab, /sign in with/i);
      assert.equal(overlay.closed, true, 'a closed shadow root');
      assert.equal(overlay.role, 'alert');
      assert.equal(overlay.hostPosition, 'fixed');
      // The page cannot see into the banner.
      assert.equal(await tab.evaluate(() => [...document.documentElement.children].some((node) => node.shadowRoot)), false);
      assert.match(overlay.text, /Zoom/);
      assert.match(overlay.text, new RegExp(`grade ${assessment.grade}`));
      assert.match(overlay.text, /This page offers to sign in with (Google|Facebook|Apple)\./);
      assert.equal(await session.badgeText(tabId), assessment.grade);

      // "Why?" opens every finding and the grade's reasons with their dated sources.
      assert.doesNotMatch(overlay.text, /Why grade/, 'details start closed');
      assert.equal(await tab.clickInOverlay('why'), true);
      const open = await bannerWith(tab, /Why grade/);
      assert.match(open, /What joinguard noticed/);
      assert.match(open, /learns that you use this service/, 'what the identity provider learns');
      assert.match(open, /source, \d{4}(-\d{2})?(-\d{2})?/, 'sources with their dates');
      assert.match(open, /Hide details/);
      await tab.close();
    });

    test('dismissing for the vendor is remembered across a reload; the badge stays', async () => {
      const tab = await session.open(ZOOM_SOCIAL);
      await bannerWith(tab, /sign in with/i);
      assert.equal(await tab.clickInOverlay('dismiss-vendor'), true);
      await eventually(async () => (await tab.overlayText()) === null, { what: 'the banner to go' });
      const stored = await eventually(
        async () => (await session.extension((ext) => ext.storage.local.get('dismissals')))?.dismissals,
        { what: 'the dismissal to be stored' },
      );
      assert.deepEqual(stored.vendors.map((entry) => entry.vendor), ['zoom']);
      assert.ok(stored.vendors[0].until > Date.now(), 'it expires (extension/dismissals.js DISMISS_DAYS)');

      await tab.reload();
      const { tabId, assessment } = await recordWhere(session, ZOOM_SOCIAL,
        (a) => a.findings.some((f) => f.id === 'third-party-login'), 'the page assessment after the reload');
      // The banner would be drawn right after the assessment: give it that moment, then it must not be there.
      await pause(800);
      assert.equal(await tab.overlayText(), null, 'no banner for a dismissed vendor');
      assert.equal(await session.badgeText(tabId), assessment.grade, 'the badge still tells');

      await session.extension((ext) => ext.storage.local.remove('dismissals'));
      await tab.close();
    });

    test('a fake Zoom sign-in on a lookalike host: the tab goes to the warning page; "continue anyway" leaves the banner', async () => {
      const { tab, text } = await warningFor(LOOKALIKE);
      assert.match(text, /Deceptive page ahead/);
      assert.match(text, /zoom-us\.join-meeting\.net imitates Zoom/);
      // Why, in words of its own (src/lookalike.rs `Why::DashForDot`), not the general sentence.
      assert.match(text, /zoom-us\.join-meeting\.net is built to read like an address of zoom\.us, with a “-” where Zoom's addresses have a “\.”/);
      assert.match(text, /Leave this page/);
      assert.match(text, /Continue anyway/);
      assert.ok(text.includes(LOOKALIKE), 'the address, in full');
      const { tabId } = await eventually(() => session.tabRecord(LOOKALIKE), { what: 'the assessment' });
      assert.equal(await session.badgeText(tabId), '!');
      assert.equal(await tab.evaluate(() => document.activeElement?.id), 'leave', 'the focus is on "Leave this page"');

      await pause(900); // "Continue anyway" ignores clicks in its first moments on screen
      assert.equal(await tab.clickWarning('continue'), true);
      await eventually(async () => (await tab.url()) === LOOKALIKE, { what: 'the page after "continue anyway"' });
      const banner = await overlayWith(tab, /Not Zoom/);
      assert.equal(banner.role, 'alert');
      assert.match(banner.text, /This address imitates Zoom/);
      assert.equal(await session.badgeText(tabId), '!');
      await tab.close();
    });

    if (browser === 'chromium') {
      // Chromium only: Firefox ESR 153 refuses such a host (its URL parser throws, a link's host reads empty,
      // WebDriver will not open it), so no page can be there and no tab to warn.
      test('Chromium only: a lookalike host under a label that is not punycode gets the warning page and banner as its plain twin does', async () => {
        // `tabRecord` reads the address with Node's `new URL`, which refuses the host: both addresses are an origin
        // and a path already, as records keep them.
        const recordAt = async (url) => Object.entries(await session.extension(liveRecords))
          .filter(([key, stored]) => key.startsWith('tab:') && stored?.url === url)
          .map(([key, assessment]) => ({ tabId: Number(key.slice(4)), assessment }))
          .at(-1);
        for (const [url, host] of [[LOOKALIKE, 'zoom-us.join-meeting.net'], [LOOKALIKE_BAD_LABEL, 'xn--2mxw0.zoom-us.join-meeting.net']]) {
          const { tab, text } = await warningFor(url);
          assert.match(text, /Deceptive page ahead/, url);
          assert.ok(text.includes(`${host} imitates Zoom`), `${url}: ${text}`);
          assert.ok(text.includes(url), `${url}: the address, in full`);
          const { tabId } = await eventually(() => recordAt(url), { what: `the record of ${url}` });
          assert.equal(await session.badgeText(tabId), '!', url);

          await pause(900); // "Continue anyway" ignores clicks in its first moments on screen
          assert.equal(await tab.clickWarning('continue'), true);
          await eventually(async () => (await tab.url()) === url, { what: `${url} after "continue anyway"` });
          const banner = await overlayWith(tab, /Not Zoom/);
          assert.match(banner.text, /This address imitates Zoom/, url);
          // The page's own record (the warned tab's keeps its danger findings only) tells the label apart.
          const { assessment } = await eventually(
            async () => {
              const record = await recordAt(url);
              return record?.assessment.findings.length > 1 || url === LOOKALIKE ? record : null;
            },
            { what: `the page's record of ${url}` },
          );
          assert.equal(assessment.lookalike_of, 'zoom', url);
          const told = assessment.findings.some((f) => f.id === 'suspicious-url' && f.params.variant === 'idn-label');
          assert.equal(told, url === LOOKALIKE_BAD_LABEL, `${url}: ${JSON.stringify(assessment.findings)}`);
          assert.equal(await session.badgeText(tabId), '!', url);
          await tab.close();
        }
      });
    }

    test('"leave this page" goes back past the lookalike', async () => {
      const { tab } = await warningFor(LOOKALIKE, await session.open(NOTHING));
      // Keyboard: the focused button is "leave this page".
      await tab.press('Enter');
      await eventually(async () => (await tab.url()) === NOTHING, { what: 'going back' });
      await tab.close();
    });

    test('"leave this page" with nothing to go back to opens an empty page', async () => {
      const { tab } = await warningFor(LOOKALIKE);
      assert.equal(await tab.clickWarning('leave'), true);
      await eventually(async () => (await tab.url()) === 'about:blank', { what: 'leaving the page' });
      await tab.close();
    });

    test('a Zoom sign-in imitated on an unrelated host: phishing-login, the warning page and "!"', async () => {
      const { tab, text } = await warningFor(PHISHING);
      assert.match(text, /secure-login\.example\.com imitates Zoom/);
      assert.match(text, /Do not enter your password here/);
      const { tabId, assessment } = await recordWhere(session, PHISHING,
        (a) => a.findings.some((f) => f.id === 'phishing-login'), 'the phishing-login finding');
      assert.equal(assessment.vendor, null);
      assert.equal(await session.badgeText(tabId), '!');
      await tab.close();
    });

    test('a copy of the Microsoft account sign-in on an unrelated host: phishing-login for Teams, with what the page shows', async () => {
      const { tab, text } = await warningFor(MICROSOFT_COPY);
      assert.match(text, /shared-files\.example\.org imitates Microsoft Teams/);
      assert.match(text, /pretends to be the Microsoft account sign-in, which Microsoft Teams uses/);
      // The field's placeholder reached the engine: it is the page's own account hint, quoted.
      assert.match(text, /“Email, phone, or Skype”/);
      assert.match(text, /login\.microsoftonline\.com/);
      const { assessment } = await recordWhere(session, MICROSOFT_COPY,
        (a) => a.findings.some((f) => f.id === 'phishing-login'), 'the phishing-login finding');
      const finding = assessment.findings.find((f) => f.id === 'phishing-login');
      assert.equal(finding.params.variant, 'account-host');
      assert.equal(finding.params.vendor, 'Microsoft Teams');
      await tab.close();
    });

    test('the page cannot remove or hide the overlay for long', async () => {
      const tab = await session.open(ZOOM_SOCIAL);
      await bannerWith(tab, /sign in with/i);
      // The host is a plain div under <html> (neither <head> nor <body>): what a page script would find.
      await tab.evaluate(() => [...document.documentElement.children].find((node) => !['HEAD', 'BODY'].includes(node.nodeName)).remove());
      await bannerWith(tab, /sign in with/i);
      await tab.evaluate(() => {
        const node = [...document.documentElement.children].find((child) => !['HEAD', 'BODY'].includes(child.nodeName));
        node.style.display = 'none';
        node.setAttribute('hidden', '');
      });
      await eventually(
        () => tab.evaluate(() => getComputedStyle([...document.documentElement.children].find((node) => !['HEAD', 'BODY'].includes(node.nodeName))).display === 'block'),
        { what: 'the host style to be restored' },
      );
      // Synthetic clicks do nothing: the close button only answers trusted events.
      await tab.evaluate(() => [...document.documentElement.children].find((node) => !['HEAD', 'BODY'].includes(node.nodeName)).click());
      assert.notEqual(await tab.overlayText(), null);
      await tab.close();
    });

    test('Escape and the close button dismiss the banner for now; it is reachable with Tab', async () => {
      const tab = await session.open(ZOOM_SOCIAL);
      await bannerWith(tab, /sign in with/i);
      // The banner is last in the tab order: tab from the end of the page reaches it.
      await tab.evaluate(() => document.querySelector('footer a:last-of-type').focus());
      await tab.press('Tab');
      assert.equal(await tab.evaluate(() => document.activeElement?.nodeName ?? null), 'DIV', 'the host of the banner (a plain div) has the focus');
      await tab.press('Escape');
      await eventually(async () => (await tab.overlayText()) === null, { what: 'the banner to close' });
      await tab.close();
    });

    test('a Teams meetup-join launcher and a Meet page get the banner', async () => {
      for (const [url, name] of [[TEAMS, /Teams/], [MEET, /Meet/]]) {
        const tab = await session.open(url);
        const text = await bannerWith(tab, name);
        const { tabId, assessment } = await eventually(() => session.tabRecord(url), { what: `the assessment of ${url}` });
        assert.equal(assessment.kind, 'join', url);
        assert.match(text, new RegExp(`grade ${assessment.grade}`), url);
        assert.equal(await session.badgeText(tabId), assessment.grade, url);
        await tab.close();
      }
    });

    test('a page with nothing relevant: no DOM change, no badge', async () => {
      const tab = await session.open('about:blank');
      // Chromium only: the page's own world records its DOM from the parse on (a Playwright init script).
      if (browser === 'chromium') await recordDomChanges(tab.page);
      const before = await session.recordedTabs();
      await tab.goto(NOTHING);
      // Its record holds no address (nothing to say about it): the new tab's record.
      const { tabId, assessment } = await eventually(() => session.newTabRecord(before), { what: 'the assessment' });
      assert.equal(assessment.url, null, 'no address kept for a page with nothing to say');
      await pause(500);
      assert.equal(assessment.vendor, null);
      assert.equal(assessment.kind, 'none');
      assert.equal(await tab.overlayText(), null);
      assert.equal(await session.badgeText(tabId), '');
      if (browser === 'chromium') {
        const { parsed, mutations, now } = await domChanges(tab.page);
        assert.ok(parsed);
        assert.deepEqual(mutations, []);
        assert.equal(now, parsed);
      }
      await tab.close();
    });

    test('strict CSP and Trusted Types: signals, banner and styles still work', async () => {
      const { tab, csp } = await openWithCsp(session, ZOOM_SOCIAL_STRICT);
      // Chromium only: Playwright hands over the response, whose header shows the policy was served.
      if (browser === 'chromium') assert.equal(csp, STRICT_CSP);
      // Both browsers enforce Trusted Types here (Firefox from ESR 153): without it this test would show the CSP only.
      assert.equal(await refusesHtmlStrings(tab), true, 'the page refuses a plain string in innerHTML');
      const overlay = await overlayWith(tab, /sign in with/i);
      assert.equal(overlay.accent, '6px', 'the shadow style sheet applies');
      assert.equal(await tab.clickInOverlay('why'), true);
      await bannerWith(tab, /Why grade/);
      await tab.close();
    });

    test('a single-page app navigating to a join URL with pushState gets the banner and the badge', async () => {
      const tab = await session.open(SPA_HOME);
      const home = await eventually(() => session.tabRecord(SPA_HOME), { what: 'the home page assessment', timeout: 20_000 });
      assert.equal(home.assessment.kind, 'vendor-site');
      await pause(300);
      assert.equal(await tab.overlayText(), null, 'no banner on the vendor’s home page');

      await tab.evaluate(() => history.pushState({}, '', '/j/85123456789'));
      const text = await bannerWith(tab, /Zoom join page/);
      const { tabId, assessment } = await eventually(() => session.tabRecord(SPA_JOIN), { what: 'the join assessment' });
      assert.equal(tabId, home.tabId);
      assert.match(text, new RegExp(`grade ${assessment.grade}`));
      // The badge is set by the background after the report it answers, so it may lag the banner: poll it.
      await eventually(async () => (await session.badgeText(tabId)) === assessment.grade, { what: `the badge ${assessment.grade}` });

      // A fragment change is a navigation too (the background forgets the tab): the badge and banner stay.
      await tab.evaluate(() => {
        location.hash = 'launch';
      });
      // The record keeps origin and path only, so the one found here may be the report from before the fragment
      // change, while the navigation has cleared the badge and the new report has not set it yet: poll the badge.
      await eventually(() => session.tabRecord(`${SPA_JOIN}#launch`), { what: 'the report after the fragment change' });
      await eventually(async () => (await session.badgeText(tabId)) === assessment.grade, {
        what: `the badge ${assessment.grade} after the fragment change`,
      });
      assert.notEqual(await tab.overlayText(), null);

      // And back to a page that is not a join page: the banner goes.
      await tab.evaluate(() => history.pushState({}, '', '/pricing'));
      await eventually(async () => (await tab.overlayText()) === null, { what: 'the banner to go' });
      await tab.close();
    });

    test('the badge is cleared when the tab moves to a page without an answer', async () => {
      const tab = await session.open(TEAMS);
      const { tabId, assessment } = await eventually(() => session.tabRecord(TEAMS), { what: 'the assessment', timeout: 20_000 });
      await eventually(async () => (await session.badgeText(tabId)) === assessment.grade, { what: 'the grade badge' });
      await tab.goto('data:text/html,<title>no content script here</title>');
      await eventually(async () => (await session.badgeText(tabId)) === '', { what: 'the badge to clear' });
      await tab.close();
    });

    // Session 35: the test above failed once in four fresh-clone CI runs (Chromium). A report of the page the tab
    // is leaving (content.js gathers again after the page changes) that the background finishes after the
    // navigation's clearing wrote that page's record and badge back. Here the background is held deterministically
    // on that report's way (its settings read, as a settings change or a new profile's slow policy read holds it),
    // the tab moves on, then the report is let go.
    test('a report from the page the tab has left writes no record or badge back', async () => {
      const tab = await session.open(TEAMS);
      const { tabId, assessment } = await eventually(() => session.tabRecord(TEAMS), { what: 'the assessment', timeout: 20_000 });
      await eventually(async () => (await session.badgeText(tabId)) === assessment.grade, { what: 'the grade badge' });
      await inBackground(session, holdSettingsReads);
      try {
        // A new heading: content.js gathers the page again (RESCAN_DELAY_MS later) and reports it.
        await tab.evaluate(() => document.body.append(Object.assign(document.createElement('h2'), { textContent: 'Waiting for the organiser' })));
        await eventually(async () => (await inBackground(session, heldReports)).reports > 0, { what: 'the old page’s report to be held' });
        await tab.goto('data:text/html,<title>no content script here</title>');
        await eventually(async () => (await session.badgeText(tabId)) === '', { what: 'the badge to clear' });
        // The navigation's later events (Chromium may say `loading` more than once) handled before the report goes on.
        await pause(300);
      } finally {
        await inBackground(session, releaseSettingsReads);
      }
      // The held report goes on from its settings read to its record and badge within milliseconds; half a second
      // is the bound on seeing one written back, not a figure asserted.
      await pause(500);
      assert.equal(await session.badgeText(tabId), '', 'no badge of the page the tab has left');
      assert.deepEqual(await inBackground(session, `async (api, scope, id) => Object.keys(await api.storage.session.get(\`tab:\${id}\`))`, tabId), []);
      await tab.close();
    });

    if (browser === 'chromium') {
      // Chromium only: DevTools' Performance.getMetrics, and a second browser without the extension.
      test('Chromium only: the content script’s cost on the Zoom join page (reported, not asserted)', async (t) => {
        const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        const ms = (seconds) => (seconds * 1000).toFixed(2);
        const { context } = session.raw;

        // Page loads with and without the extension, interleaved (machines drift: research/perf-anchors.md).
        const bare = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
        const bareContext = await bare.newContext({ viewport: { width: 1100, height: 640 } });
        await routeWith(bareContext, new URL(ZOOM_SOCIAL).hostname, pageWithScripts('zoom-join-social.html'));
        const withExtension = [];
        const without = [];
        const ROUNDS = 7;
        /** ScriptDuration of one load of the page (metrics enabled before it loads), once the page has settled. */
        const loadCost = async (loads, settled) => {
          const page = await loads.newPage();
          const cdp = await loads.newCDPSession(page);
          await cdp.send('Performance.enable');
          await page.goto(ZOOM_SOCIAL);
          await settled(page);
          await page.waitForTimeout(1200); // past the content script's first re-gathering delay
          const { metrics } = await cdp.send('Performance.getMetrics');
          await cdp.detach();
          await page.close();
          return metrics.find((m) => m.name === 'ScriptDuration').value;
        };
        const withBanner = (page) =>
          eventually(async () => /sign in with/i.test((await readOverlay(page).catch(() => null))?.text ?? ''), { what: 'the banner' });
        for (let round = 0; round < ROUNDS; round++) {
          withExtension.push(await loadCost(context, withBanner));
          without.push(await loadCost(bareContext, async () => {}));
        }
        await bare.close();

        // One gathering pass, repeated in the content script's own world: ScriptDuration per pass.
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const contexts = [];
        cdp.on('Runtime.executionContextCreated', ({ context: created }) => contexts.push(created));
        await cdp.send('Runtime.enable');
        await cdp.send('Performance.enable');
        await page.goto(ZOOM_SOCIAL);
        await withBanner(page);
        await eventually(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'joinguard'), { what: 'the isolated world' });
        const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'joinguard');
        const scriptDuration = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
        // The passes the content script made during the load (the first one cold), as signals.js counted them.
        const { result: load } = await cdp.send('Runtime.evaluate', {
          contextId: isolated.id,
          returnByValue: true,
          expression: '({ ...globalThis.joinguardSignals.stats })',
        });
        // More passes, run as a task of the page (so that ScriptDuration counts them, unlike a DevTools command).
        const PASSES = 50;
        const before = await scriptDuration();
        const { result } = await cdp.send('Runtime.evaluate', {
          contextId: isolated.id,
          returnByValue: true,
          awaitPromise: true,
          expression: `new Promise((resolve) => setTimeout(() => { const t0 = performance.now(); let s;
            for (let i = 0; i < ${PASSES}; i++) s = globalThis.joinguardSignals.gather();
            resolve({ wall: (performance.now() - t0) / ${PASSES}, links: s.links.length, buttons: s.buttons.length, bytes: JSON.stringify(s).length }); }, 0))`,
        });
        const perPass = ((await scriptDuration()) - before) / PASSES;
        await cdp.detach();
        await page.close();

        t.diagnostic(
          `Zoom join page, ScriptDuration per load, median of ${ROUNDS}: with joinguard ${ms(median(withExtension))} ms ` +
            `[${withExtension.map(ms).join(', ')}], without ${ms(median(without))} ms [${without.map(ms).join(', ')}]`,
        );
        t.diagnostic(
          `gathering passes during the load: ${load.value.passes}, the first (cold) ${load.value.firstMs.toFixed(3)} ms, ` +
            `the longest ${load.value.maxMs.toFixed(3)} ms`,
        );
        t.diagnostic(
          `one warm gathering pass: ${ms(perPass)} ms ScriptDuration, ${result.value.wall.toFixed(3)} ms wall ` +
            `(${result.value.links} links, ${result.value.buttons} buttons, ${result.value.bytes} bytes of JSON)`,
        );
        assert.ok(result.value.links > 0 && Number.isFinite(perPass));
      });
    }

    test('the extension logged no warning or error, and made no request of its own', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
      const pages = [ZOOM_SOCIAL, ZOOM_SOCIAL_STRICT, LOOKALIKE, PHISHING, MICROSOFT_COPY, TEAMS, MEET, NOTHING, SPA_HOME]
        .map((url) => new URL(url).origin)
        .concat(BAD_LABEL_ORIGIN);
      const unexpected = session.requests.filter(
        (url) => /^https?:/.test(url) && !session.isBrowserTraffic(url) && !pages.some((origin) => url.startsWith(origin)),
      );
      assert.deepEqual(unexpected, []);
    });
  });
}
