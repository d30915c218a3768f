// overlay.test.mjs's scenarios in Firefox ESR, through the browser-neutral driver (browsers.mjs), on the same
// fixtures: the banner on a Zoom join page with third-party sign-in, a fake Zoom sign-in on a lookalike host and
// on an unrelated host, a copy of the Microsoft account sign-in, a Teams launcher and a Meet page, a strict-CSP
// page with Trusted Types, a single-page app navigating with history.pushState, the vendor dismissal, "leave this
// page", and the badge clearing when the tab moves on. Chromium runs the same scenarios, with checks of its own
// that need DevTools (role, host style, focus), in overlay.test.mjs, so this file runs them in Firefox only
// (skipped when JOINGUARD_BROWSERS leaves Firefox out).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { BROWSERS, FIREFOX_UUID, bannerWith, launchBrowser } from './browsers.mjs';

const ZOOM_SOCIAL = 'https://us06web.zoom.us/j/84123456789?pwd=Xy12';
const ZOOM_SOCIAL_STRICT = 'https://us05web.zoom.us/j/84123456780';
const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
const PHISHING = 'https://secure-login.example.com/account/verify';
const MICROSOFT_COPY = 'https://shared-files.example.org/onedrive/login';
const TEAMS = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NmY2ZDM1%40thread.v2/0?context=%7b%22Tid%22%3a%22a1%22%7d';
const MEET = 'https://meet.google.com/abc-defg-hij';
const NOTHING = 'https://allotments.example.net/news/spring';
const SPA_HOME = 'https://zoom.us/';
const SPA_JOIN = 'https://zoom.us/j/85123456789';
// As overlay.test.mjs's: no script may run but the page's own nonce'd one, and no DOM sink takes a plain string.
const STRICT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'nonce-x'; require-trusted-types-for 'script'; trusted-types 'none'";
const WARNING_PAGE = `moz-extension://${FIREFOX_UUID}/pages/warning.html`;

const fixture = (name) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

/** `name` for the host's pages and an empty script for its .js URLs (the page's own code), as overlay.test.mjs
 *  serves them in Chromium: the fixtures' <script src> must not be answered with HTML. */
function servePage(session, host, name, headers = {}) {
  const body = fixture(name);
  session.serveWith(host, (url) =>
    url.pathname.endsWith('.js') ? { body: '/* app */', contentType: 'text/javascript' } : { body, headers });
}

/** The record of `url` once `ready(assessment)` holds. */
const recordWhere = (session, url, ready, what) =>
  eventually(async () => {
    const record = await session.tabRecord(url);
    return record && ready(record.assessment) ? record : null;
  }, { what, timeout: 20_000 });

/** The warning page's text once the tab shows it. */
const warningOf = (tab, url) =>
  eventually(async () => (await tab.url()).startsWith(WARNING_PAGE) && tab.warningText(), {
    what: `the warning page for ${url}`,
    timeout: 20_000,
  });

describe('overlay, warning page and badge in Firefox', { skip: !BROWSERS.includes('firefox') && 'JOINGUARD_BROWSERS leaves Firefox out' }, () => {
  let session;

  before(async () => {
    session = await launchBrowser('firefox');
    servePage(session, 'us06web.zoom.us', 'zoom-join-social.html');
    servePage(session, 'us05web.zoom.us', 'zoom-join-social.html', { 'Content-Security-Policy': STRICT_CSP });
    servePage(session, 'zoom-us.join-meeting.net', 'zoom-login-lookalike.html');
    servePage(session, 'secure-login.example.com', 'zoom-login-lookalike.html');
    servePage(session, 'shared-files.example.org', 'microsoft-account-copy.html');
    servePage(session, 'teams.microsoft.com', 'teams-launcher.html');
    servePage(session, 'meet.google.com', 'meet.html');
    servePage(session, 'allotments.example.net', 'nothing.html');
    servePage(session, 'zoom.us', 'spa-zoom.html');
  });

  after(async () => {
    await session?.close();
  });

  test('a Zoom join page with Google/Facebook/Apple sign-in: banner with vendor, grade and the third-party logins', async () => {
    const tab = await session.open(ZOOM_SOCIAL);
    const { tabId, assessment } = await recordWhere(session, ZOOM_SOCIAL,
      (a) => a.findings.some((f) => f.id === 'third-party-login'), 'the page assessment with signals');
    const logins = assessment.findings.filter((f) => f.id === 'third-party-login').map((f) => f.params.provider);
    assert.deepEqual(logins.sort(), ['Apple', 'Facebook', 'Google']);
    assert.ok(!assessment.findings.some((f) => f.id === 'no-privacy-link'), 'the footer has a privacy link');

    const text = await bannerWith(tab, /sign in with/i);
    assert.match(text, /Zoom/);
    assert.match(text, new RegExp(`grade ${assessment.grade}`));
    assert.match(text, /This page offers to sign in with (Google|Facebook|Apple)\./);
    assert.equal(await session.badgeText(tabId), assessment.grade);
    // The page cannot see into the banner.
    assert.equal(await tab.evaluate(() => [...document.documentElement.children].some((node) => node.shadowRoot)), false);

    // "Why?" opens every finding and the grade's reasons with their dated sources.
    assert.doesNotMatch(text, /Why grade/, 'details start closed');
    assert.equal(await tab.clickInOverlay('why'), true);
    const open = await bannerWith(tab, /Why grade/);
    assert.match(open, /What joinguard noticed/);
    assert.match(open, /learns that you use this service/, 'what the identity provider learns');
    assert.match(open, /source, \d{4}(-\d{2})?(-\d{2})?/, 'sources with their dates');
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

    await tab.goto(ZOOM_SOCIAL);
    const { tabId, assessment } = await recordWhere(session, ZOOM_SOCIAL,
      (a) => a.findings.some((f) => f.id === 'third-party-login'), 'the page assessment after the reload');
    // The banner would be drawn right after the assessment: give it that moment, then it must not be there.
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(await tab.overlayText(), null, 'no banner for a dismissed vendor');
    assert.equal(await session.badgeText(tabId), assessment.grade, 'the badge still tells');

    await session.extension((ext) => ext.storage.local.remove('dismissals'));
    await tab.close();
  });

  test('a fake Zoom sign-in on a lookalike host: the warning page; "continue anyway" leaves the banner', async () => {
    const tab = await session.open(LOOKALIKE);
    const text = await warningOf(tab, LOOKALIKE);
    assert.match(text, /Deceptive page ahead/);
    assert.match(text, /zoom-us\.join-meeting\.net imitates Zoom/);
    assert.match(text, /zoom-us\.join-meeting\.net is built to read like an address of zoom\.us, with a “-” where Zoom's addresses have a “\.”/);
    assert.ok(text.includes(LOOKALIKE), 'the address, in full');
    const { tabId } = await eventually(() => session.tabRecord(LOOKALIKE), { what: 'the assessment' });
    assert.equal(await session.badgeText(tabId), '!');
    assert.equal(await tab.evaluate(() => document.activeElement?.id), 'leave', 'the focus is on "Leave this page"');

    await new Promise((resolve) => setTimeout(resolve, 900)); // "Continue anyway" ignores clicks in its first moments on screen
    assert.equal(await tab.clickWarning('continue'), true);
    await eventually(async () => (await tab.url()) === LOOKALIKE, { what: 'the page after "continue anyway"' });
    const banner = await bannerWith(tab, /Not Zoom/);
    assert.match(banner, /This address imitates Zoom/);
    assert.equal(await session.badgeText(tabId), '!');
    await tab.close();
  });

  test('"leave this page" goes back past the lookalike', async () => {
    const tab = await session.open(NOTHING);
    await tab.goto(LOOKALIKE);
    await warningOf(tab, LOOKALIKE);
    assert.equal(await tab.clickWarning('leave'), true);
    await eventually(async () => (await tab.url()) === NOTHING, { what: 'going back' });
    await tab.close();
  });

  test('a Zoom sign-in imitated on an unrelated host: phishing-login, the warning page and "!"', async () => {
    const tab = await session.open(PHISHING);
    const text = await warningOf(tab, PHISHING);
    assert.match(text, /secure-login\.example\.com imitates Zoom/);
    assert.match(text, /Do not enter your password here/);
    const { tabId, assessment } = await recordWhere(session, PHISHING,
      (a) => a.findings.some((f) => f.id === 'phishing-login'), 'the phishing-login finding');
    assert.equal(assessment.vendor, null);
    assert.equal(await session.badgeText(tabId), '!');
    await tab.close();
  });

  test('a copy of the Microsoft account sign-in on an unrelated host: phishing-login for Teams, with what the page shows', async () => {
    const tab = await session.open(MICROSOFT_COPY);
    const text = await warningOf(tab, MICROSOFT_COPY);
    assert.match(text, /shared-files\.example\.org imitates Microsoft Teams/);
    assert.match(text, /pretends to be the Microsoft account sign-in, which Microsoft Teams uses/);
    assert.match(text, /“Email, phone, or Skype”/, "the field's placeholder, quoted");
    assert.match(text, /login\.microsoftonline\.com/);
    const { assessment } = await recordWhere(session, MICROSOFT_COPY,
      (a) => a.findings.some((f) => f.id === 'phishing-login'), 'the phishing-login finding');
    const finding = assessment.findings.find((f) => f.id === 'phishing-login');
    assert.equal(finding.params.variant, 'account-host');
    assert.equal(finding.params.vendor, 'Microsoft Teams');
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

  test('strict CSP and Trusted Types: signals, banner and styles still work', async () => {
    const tab = await session.open(ZOOM_SOCIAL_STRICT);
    const trustedTypesEnforced = await tab.evaluate(() => {
      try {
        document.body.innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    // Firefox ESR 153 enforces Trusted Types here: without it this test would show the CSP only.
    assert.equal(trustedTypesEnforced, true, 'the page refuses a plain string in innerHTML');
    await bannerWith(tab, /sign in with/i);
    assert.equal(await tab.clickInOverlay('why'), true);
    await bannerWith(tab, /Why grade/);
    await tab.close();
  });

  test('a single-page app navigating to a join URL with pushState gets the banner and the badge', async () => {
    const tab = await session.open(SPA_HOME);
    const home = await eventually(() => session.tabRecord(SPA_HOME), { what: 'the home page assessment', timeout: 20_000 });
    assert.equal(home.assessment.kind, 'vendor-site');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await tab.overlayText(), null, 'no banner on the vendor’s home page');

    await tab.evaluate(() => history.pushState({}, '', '/j/85123456789'));
    const text = await bannerWith(tab, /Zoom join page/);
    const { tabId, assessment } = await eventually(() => session.tabRecord(SPA_JOIN), { what: 'the join assessment' });
    assert.equal(tabId, home.tabId);
    assert.match(text, new RegExp(`grade ${assessment.grade}`));
    await eventually(async () => (await session.badgeText(tabId)) === assessment.grade, { what: `the badge ${assessment.grade}` });

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

  test('the extension logged no warning or error, and made no request of its own', async () => {
    assert.deepEqual(await session.extensionProblems(), []);
    const pages = [ZOOM_SOCIAL, ZOOM_SOCIAL_STRICT, LOOKALIKE, PHISHING, MICROSOFT_COPY, TEAMS, MEET, NOTHING, SPA_HOME]
      .map((url) => new URL(url).origin);
    const unexpected = session.requests.filter(
      (url) => /^https?:/.test(url) && !session.isBrowserTraffic(url) && !pages.some((origin) => url.startsWith(origin)),
    );
    assert.deepEqual(unexpected, []);
  });
});
