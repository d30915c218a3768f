// An over-long link is cut, then screened (link-badges.js, shared/url-cut.js cutUrl with shared/limits.js
// MAX_LINK_URL), through the real engine (background/batch.js screenLinks) and the badge model: what the cut keeps
// and what it costs. Until session 44 a link over 8,192 characters was skipped, and a lookalike padded with a
// long query got no badge at all (end to end in both browsers: tests/e2e/link-caps.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenLinks } from '../../extension/background/batch.js';
import { linkBadges } from '../../extension/background/link-badge-model.js';
import { MAX_LINK_URL } from '../../extension/shared/limits.js';
import { readFileSync } from 'node:fs';
import { cut, cutUrl, MAX_URL, MAX_USERINFO } from '../../extension/shared/url-cut.js';
import { getMessage } from './english-messages.mjs';
import { engine } from './engine.mjs';

const PAD = `x=${'A'.repeat(9000)}`;
/** What link-badges.js sends for `href`. */
const sent = (href) => (href.length > MAX_LINK_URL ? cutUrl(href, MAX_LINK_URL).url : href);
/** The badge of each link as [tone, text], null for none. */
function badges(urls) {
  const hits = screenLinks(engine, urls, null);
  const drawn = linkBadges(hits, null, getMessage, { urls });
  return urls.map((_, index) => {
    const badge = drawn.find((b) => b.index === index);
    return badge ? [badge.tone, badge.text] : null;
  });
}

test('a lookalike padded with a long query, or a long path, keeps its host: its danger badge', () => {
  const padded = [
    `https://zoom.us.meeting-join.com/j/85123456789?${PAD}`,
    `https://zoom-us.join-meeting.net/j/85123456789#${PAD}`,
    `https://zoom-us.join-meeting.net/${'p'.repeat(9000)}`,
    // The user name before `@` is kept: the engine reads the vendor name there as a lookalike (the host alone,
    // evil.example, is no hit).
    `https://us02web.zoom.us@evil.example/j/85123456789?${PAD}`,
  ];
  for (const url of padded.map(sent)) assert.ok(url.length <= MAX_LINK_URL, url.slice(0, 80));
  assert.deepEqual(badges(padded.map(sent)), Array(padded.length).fill(['danger', 'Lookalike of Zoom']));
});

test('a genuine meeting link padded past the cap keeps its vendor badge; its passcode, in the query, goes with the cut', () => {
  const withPasscode = 'https://us02web.zoom.us/j/85123456789?pwd=Sup3rSecret';
  const padded = `${withPasscode}&${PAD}`;
  const [whole] = screenLinks(engine, [withPasscode], null);
  const [cut] = screenLinks(engine, [sent(padded)], null);
  assert.equal(sent(padded), 'https://us02web.zoom.us/j/85123456789');
  assert.equal(cut.assessment.vendor, 'zoom');
  assert.equal(cut.assessment.lookalike_of ?? null, null);
  // The engine's passcode-in-link finding reads the query: a cut link no longer has it (the badge's title says
  // less), a cost the cut accepts rather than keep a part of the query (next test).
  const ids = (hit) => hit.assessment.findings.map((f) => f.id);
  const secret = ids(whole).filter((id) => !ids(cut).includes(id));
  assert.ok(secret.length > 0, `the whole link has a finding the cut one lacks: ${ids(whole)} vs ${ids(cut)}`);
});

test('why never a part of the query: a wrapper read through its other parameter turns a lookalike into a vendor', () => {
  // Google's redirect is read through `q`, else `url` (src/classify.rs unwrap_once): keeping the query up to the
  // padding would drop `q` and leave `url`.
  const lookalike = encodeURIComponent('https://zoom-us.join-meeting.net/j/85123456789');
  const genuine = encodeURIComponent('https://us02web.zoom.us/j/85123456789');
  const wrapped = `https://www.google.com/url?url=${genuine}&${PAD}&q=${lookalike}`;
  const prefix = wrapped.slice(0, wrapped.indexOf('&q='));
  const [whole, kept] = badges([wrapped, prefix]);
  assert.deepEqual(whole, ['danger', 'Lookalike of Zoom']);
  assert.match(kept[1], /^Zoom · grade [A-E]/);
  assert.notEqual(kept[0], 'danger');
  // The cut keeps both web-address parameters in their order, `q` still read first: the lookalike's badge.
  assert.equal(sent(wrapped), `https://www.google.com/url?url=${genuine}&q=${lookalike}`);
  assert.deepEqual(badges([sent(wrapped)]), [['danger', 'Lookalike of Zoom']]);
});

const LOOKALIKE = 'https://zoom-us.join-meeting.net/j/85123456789';
const SAFELINKS = 'https://eur01.safelinks.protection.outlook.com/';

test('a wrapper keeps its target through the cut: a padded sibling parameter, a padded target', () => {
  const wrapped = [
    `${SAFELINKS}?url=${encodeURIComponent(LOOKALIKE)}&data=${'A'.repeat(9000)}&reserved=0`,
    `${SAFELINKS}?url=${encodeURIComponent(`${LOOKALIKE}?${PAD}`)}&data=x`,
    `https://www.google.com/url?q=${encodeURIComponent(LOOKALIKE)}&sa=${'A'.repeat(9000)}`,
    `https://www.google.com/url?sa=t&q=${encodeURIComponent(`${LOOKALIKE}?${PAD}`)}&usg=x`,
    // A wrapper in a wrapper (SafeLinks over Google's redirect, both padded): cut the same way, one level down.
    `${SAFELINKS}?url=${encodeURIComponent(`https://www.google.com/url?q=${encodeURIComponent(`${LOOKALIKE}?${PAD}`)}&sa=${'A'.repeat(100)}`)}&data=${'A'.repeat(9000)}`,
  ];
  for (const url of wrapped.map(sent)) assert.ok(url.length <= MAX_LINK_URL, url.slice(0, 80));
  assert.deepEqual(badges(wrapped.map(sent)), Array(wrapped.length).fill(['danger', 'Lookalike of Zoom']));
  assert.equal(sent(wrapped[0]), `${SAFELINKS}?url=${encodeURIComponent(LOOKALIKE)}`);
});

test('a parameter a wrapper reads that is no web address to the cut keeps no parameter: never the other one alone', () => {
  // Google's redirect reads `q` whatever it holds, and `url` only without a `q`. Each `q` below is read by the engine
  // as the lookalike; until session 45's review the cut dropped it (not a web address to its test) and kept `url`.
  const qs = [
    `+${LOOKALIKE}`,
    `%09${LOOKALIKE}`,
    LOOKALIKE.replace('https://', 'https:/'),
    LOOKALIKE.replace('https://', 'https:%5C%5C'),
    LOOKALIKE.replace('https://', ''),
    `${LOOKALIKE}%FF`,
  ];
  const genuine = encodeURIComponent('https://us02web.zoom.us/j/85123456789');
  for (const q of qs) {
    const wrapped = `https://www.google.com/url?url=${genuine}&q=${q}&sa=${'A'.repeat(9000)}`;
    const [whole, kept] = badges([wrapped, sent(wrapped)]);
    assert.deepEqual(whole, ['danger', 'Lookalike of Zoom'], q);
    assert.equal(kept, null, `${q}: ${sent(wrapped).slice(0, 120)}`);
  }
  // A `q` without a value, or with a coded key, counts the same.
  for (const q of ['q', 'q=', '%71=x', '%71%FF=x']) {
    assert.equal(sent(`https://www.google.com/url?url=${genuine}&${q}&sa=${'A'.repeat(9000)}`), 'https://www.google.com/url');
  }
});

test('a long user name or password is shortened, never cut into: the `@` and the real host stay', () => {
  const padded = [
    `https://zoom.us:${'A'.repeat(9000)}@evil.example/j/85123456789`,
    `https://zoom.us:${'1'.repeat(9000)}@evil.example/j/85123456789`,
    `https://us02web.zoom.us@evil.example/j/85123456789?${PAD}`,
    `https://us02web.zoom.us${'%20'.repeat(3000)}@evil.example/j/85123456789`,
  ];
  for (const url of padded.map(sent)) {
    assert.equal(new URL(url).host, 'evil.example', url.slice(0, 80));
    assert.ok(new URL(url).username.length <= MAX_USERINFO && new URL(url).password.length <= MAX_USERINFO);
  }
  assert.deepEqual(badges(padded.map(sent)), Array(padded.length).fill(['danger', 'Lookalike of Zoom']));
});

test('no cut turns a lookalike into a genuine vendor: every padded lookalike above keeps its verdict', () => {
  // Each way of padding (query, fragment, path, user name, password, a wrapper's sibling or target) at lengths
  // around the cap, cut and screened: danger or, at worst, no badge; never a vendor's grade.
  const shapes = [
    (n) => `${LOOKALIKE}?x=${'A'.repeat(n)}`,
    (n) => `https://zoom.us:${'0'.repeat(n)}@evil.example/j/85123456789`,
    (n) => `https://zoom.us${'0'.repeat(n)}@evil.example/j/85123456789`,
    (n) => `https://www.google.com/url?url=${encodeURIComponent('https://us02web.zoom.us/j/85123456789')}&sa=${'A'.repeat(n)}&q=${encodeURIComponent(LOOKALIKE)}`,
    (n) => `${SAFELINKS}?url=${encodeURIComponent(`https://zoom.us:${'0'.repeat(n)}@evil.example/j/1`)}`,
    // A `q` the cut cannot read as a web address, beside a genuine `url` (above).
    (n) => `https://www.google.com/url?url=${encodeURIComponent('https://us02web.zoom.us/j/85123456789')}&q=+${LOOKALIKE}&sa=${'A'.repeat(n)}`,
    // Proofpoint's codes are not read by the cut (the wrapper's own address stays): padded, no badge, never a vendor's.
    (n) => `https://urldefense.proofpoint.com/v2/url?u=https-3A__zoom-2Dus.join-2Dmeeting.net_j_85123456789-3Fx-3D${'A'.repeat(n)}&d=x`,
    (n) => `https://urldefense.com/v3/__${LOOKALIKE}?x=${'A'.repeat(n)}__;!!x$`,
    // Decoy web addresses between Google's genuine `url` and its lookalike `q`: all kept or none, never `url` alone.
    (n) => `https://www.google.com/url?url=${encodeURIComponent('https://us02web.zoom.us/j/85123456789')}&${Array.from({ length: Math.ceil(n / 30) }, (_, i) => `x${i}=${encodeURIComponent(`https://a${i}.example/`)}`).join('&')}&q=${encodeURIComponent(LOOKALIKE)}`,
    // … with long hosts, so many that the share each gets holds the genuine `url` and not the rest (150 of them:
    // about 48 characters each).
    (n) => `https://www.google.com/url?url=${encodeURIComponent('https://zoom.us/j/85123456789')}&${Array.from({ length: 150 + (n % 3) }, (_, i) => `x${i}=${encodeURIComponent(`https://${'a'.repeat(60)}${i}.example/`)}`).join('&')}&q=${encodeURIComponent(LOOKALIKE)}`,
  ];
  for (const shape of shapes) {
    for (const n of [MAX_LINK_URL - 100, MAX_LINK_URL, MAX_LINK_URL + 100, 3 * MAX_LINK_URL]) {
      const [badge] = badges([sent(shape(n))]);
      assert.ok(badge === null || badge[0] === 'danger', `${shape(n).slice(0, 60)} (${n}): ${badge}`);
    }
  }
});

test('a page address with a padded password keeps its host: the imitated sign-in is still a phishing-login', () => {
  // The page cut (MAX_URL, 2,048): gate.js, content.js, signals.js and requests.js send the page's address through
  // `cut`. Until session 44's review the cut sliced inside the password and the address read as login.live.com.
  const signals = JSON.parse(readFileSync(new URL('../data/real/phishing-pages/signals/ms-live-hotmail-2022-12.json', import.meta.url)));
  const ids = (url) => engine.assessPage({ ...signals, url }, null).findings.map((f) => f.id);
  const padded = `https://login.live.com:${'0'.repeat(2100)}@evil-login.example/signin`;
  const address = cut(padded);
  assert.ok(address.length <= MAX_URL);
  assert.equal(new URL(address).host, 'evil-login.example');
  assert.ok(ids('https://evil-login.example/signin').includes('phishing-login'));
  assert.ok(ids(address).includes('phishing-login'), ids(address).join(', '));
});
