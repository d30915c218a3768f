// Unit tests of the in-page messages (extension/background/requests.js): assess-links from link-badges.js and
// scan-text from credentials-watch.js. Exact keys, types, counts and lengths; senders in a tab.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LINKS_PER_BATCH, MAX_LINKS_UNREAD, MAX_SCAN_TEXT, MAX_TEXTS_PER_BATCH, parseRequest } from '../../extension/background/requests.js';
import { MAX_LINK_URL } from '../../extension/shared/limits.js';
import { cutUrl } from '../../extension/shared/url-cut.js';

const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };
const topFrame = { id: 'ourid', tab: { id: 7 }, frameId: 0, url: 'https://mail.example.com/u/0/' };
const subFrame = { id: 'ourid', tab: { id: 7 }, frameId: 4, url: 'about:blank' };
const popup = { id: 'ourid', url: 'chrome-extension://ourid/pages/popup.html' };

test('assess-links: a batch of strings from any frame of a tab, with the tab (its budget of links, tab-state.js)', () => {
  const urls = ['https://us02web.zoom.us/j/85123456789', 'zoommtg://zoom.us/join?confno=1', 'not even a url'];
  assert.deepEqual(parseRequest({ type: 'assess-links', urls }, topFrame, self), {
    type: 'assess-links',
    tabId: 7,
    pageUrl: 'https://mail.example.com/u/0/',
    urls,
    unread: 0,
    unbadged: 0,
    unbadgedDanger: 0,
    top: true,
  });
  assert.deepEqual(parseRequest({ type: 'assess-links', urls }, subFrame, self), {
    type: 'assess-links',
    tabId: 7,
    pageUrl: null,
    urls,
    unread: 0,
    unbadged: 0,
    unbadgedDanger: 0,
    top: false,
  });
  // Only the browser's frameId 0 is the top frame (outside the inner frames' budget): none, or a string, is not.
  for (const frameId of [undefined, '0', -0.5, 1]) {
    assert.equal(parseRequest({ type: 'assess-links', urls }, { ...topFrame, frameId }, self).top, false, String(frameId));
  }
});

test('assess-links: the links a frame left unread past its cap, counted, with or without links (tab-state.js takeLinks)', () => {
  const urls = ['https://us02web.zoom.us/j/85123456789'];
  assert.deepEqual(parseRequest({ type: 'assess-links', urls, unread: 5000 }, subFrame, self), {
    type: 'assess-links',
    tabId: 7,
    pageUrl: null,
    urls,
    unread: 5000,
    unbadged: 0,
    unbadgedDanger: 0,
    top: false,
  });
  // Links added after the frame's cap was reached: a count alone.
  assert.deepEqual(parseRequest({ type: 'assess-links', urls: [], unread: 1 }, subFrame, self), {
    type: 'assess-links',
    tabId: 7,
    pageUrl: null,
    urls: [],
    unread: 1,
    unbadged: 0,
    unbadgedDanger: 0,
    top: false,
  });
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unread: MAX_LINKS_UNREAD }, subFrame, self).unread, MAX_LINKS_UNREAD);
  for (const unread of [-1, 1.5, MAX_LINKS_UNREAD + 1, Number.NaN, Infinity, '5', null, [3], { n: 3 }]) {
    assert.equal(parseRequest({ type: 'assess-links', urls, unread }, subFrame, self), null, String(unread));
  }
  // Nothing at all to say: no links and none unread.
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unread: 0 }, subFrame, self), null);
});

test('assess-links: the links a frame answered with a badge that its caps left undrawn, a count alone (session 44)', () => {
  assert.deepEqual(parseRequest({ type: 'assess-links', urls: [], unbadged: 100 }, topFrame, self), {
    type: 'assess-links',
    tabId: 7,
    pageUrl: 'https://mail.example.com/u/0/',
    urls: [],
    unread: 0,
    unbadged: 100,
    unbadgedDanger: 0,
    top: true,
  });
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unbadged: MAX_LINKS_UNREAD }, subFrame, self).unbadged, MAX_LINKS_UNREAD);
  for (const unbadged of [-1, 1.5, MAX_LINKS_UNREAD + 1, Number.NaN, Infinity, '5', null, [3], { n: 3 }]) {
    assert.equal(parseRequest({ type: 'assess-links', urls: [], unbadged }, subFrame, self), null, String(unbadged));
  }
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unread: 0, unbadged: 0 }, subFrame, self), null);
  // The danger ones (lookalike or blocked links past MAX_DANGER_BADGES) apart, checked the same way.
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unbadged: 0, unbadgedDanger: 3 }, subFrame, self).unbadgedDanger, 3);
  for (const unbadgedDanger of [-1, 1.5, MAX_LINKS_UNREAD + 1, Number.NaN, '5', null]) {
    assert.equal(parseRequest({ type: 'assess-links', urls: [], unbadgedDanger }, subFrame, self), null, String(unbadgedDanger));
  }
  assert.equal(parseRequest({ type: 'assess-links', urls: [], unbadgedDanger: 0 }, subFrame, self), null);
});

test('assess-links: a link cut to MAX_LINK_URL (link-badges.js, url-cut.js) is accepted, one character more is not', () => {
  const padded = `https://zoom.us.meeting-join.com/j/85123456789?x=${'A'.repeat(9000)}`;
  const { url } = cutUrl(padded, MAX_LINK_URL);
  assert.equal(url, 'https://zoom.us.meeting-join.com/j/85123456789');
  assert.deepEqual(parseRequest({ type: 'assess-links', urls: [url] }, topFrame, self).urls, [url]);
  const longPath = cutUrl(`https://zoom.us.meeting-join.com/${'p'.repeat(9000)}`, MAX_LINK_URL).url;
  assert.equal(longPath.length, MAX_LINK_URL);
  assert.ok(parseRequest({ type: 'assess-links', urls: [longPath] }, topFrame, self));
  assert.equal(parseRequest({ type: 'assess-links', urls: [`${longPath}p`] }, topFrame, self), null);
});

test('assess-links: refused beyond the caps or with the wrong shape', () => {
  const rejected = [
    [{ type: 'assess-links', urls: [] }, topFrame],
    [{ type: 'assess-links', urls: Array(MAX_LINKS_PER_BATCH + 1).fill('https://a.example/') }, topFrame],
    [{ type: 'assess-links', urls: [`https://a.example/${'a'.repeat(8200)}`] }, topFrame],
    [{ type: 'assess-links', urls: [''] }, topFrame],
    [{ type: 'assess-links', urls: [42] }, topFrame],
    [{ type: 'assess-links', urls: 'https://a.example/' }, topFrame],
    [{ type: 'assess-links', urls: ['https://a.example/'], extra: true }, topFrame],
    [{ type: 'assess-links', urls: ['https://a.example/'] }, popup],
    [{ type: 'assess-links', urls: ['https://a.example/'] }, { ...topFrame, id: 'otherid' }],
  ];
  for (const [message, sender] of rejected) {
    assert.equal(parseRequest(message, sender, self), null, JSON.stringify(message).slice(0, 120));
  }
  assert.ok(parseRequest({ type: 'assess-links', urls: Array(MAX_LINKS_PER_BATCH).fill('x') }, topFrame, self));
});

test('public-site is no message any more: the answer to assess-page says whether the site is public', () => {
  assert.equal(parseRequest({ type: 'public-site' }, topFrame, self), null);
});

test('scan-text: a few bounded strings from the top frame of an http(s) page', () => {
  assert.deepEqual(parseRequest({ type: 'scan-text', texts: ['Meeting ID: 1'] }, topFrame, self), {
    type: 'scan-text',
    host: 'mail.example.com',
    texts: ['Meeting ID: 1'],
  });
  const rejected = [
    { type: 'scan-text', texts: [] },
    { type: 'scan-text', texts: Array(MAX_TEXTS_PER_BATCH + 1).fill('a') },
    { type: 'scan-text', texts: ['a'.repeat(MAX_SCAN_TEXT + 1)] },
    { type: 'scan-text', texts: [null] },
    { type: 'scan-text', texts: 'a' },
    { type: 'scan-text', texts: ['a'], host: 'x.com' },
  ];
  for (const message of rejected) assert.equal(parseRequest(message, topFrame, self), null, JSON.stringify(message).slice(0, 80));
  assert.equal(parseRequest({ type: 'scan-text', texts: ['a'] }, subFrame, self), null);
  assert.equal(parseRequest({ type: 'scan-text', texts: ['a'] }, { ...topFrame, url: 'file:///home/a.html' }, self), null);
});
