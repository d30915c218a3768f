// An over-long link is cut, then screened (link-badges.js, shared/url-cut.js cutUrl with shared/limits.js
// MAX_LINK_URL), through the real engine (background/batch.js screenLinks) and the badge model: what the cut keeps
// and what it costs. Until session 44 a link over 8,192 characters was skipped, and a lookalike padded with a
// long query got no badge at all (end to end in both browsers: tests/e2e/link-caps.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenLinks } from '../../extension/background/batch.js';
import { linkBadges } from '../../extension/background/link-badge-model.js';
import { MAX_LINK_URL } from '../../extension/shared/limits.js';
import { cutUrl } from '../../extension/shared/url-cut.js';
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
  // The cut keeps no query at all: the redirect's own address, no badge, never the vendor's.
  assert.equal(sent(wrapped), 'https://www.google.com/url');
  assert.deepEqual(badges([sent(wrapped)]), [null]);
});
