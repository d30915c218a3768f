// Unit tests of the background's message validation (extension/background/requests.js) and badge choice
// (extension/background/badge.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLoadReply, parseRequest } from '../../extension/background/requests.js';
import { badgeFor } from '../../extension/background/badge.js';

const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };
const contentSender = { id: 'ourid', tab: { id: 7 }, frameId: 0, url: 'https://us02web.zoom.us/j/85123456789?pwd=abc' };
const popupSender = { id: 'ourid', url: 'chrome-extension://ourid/pages/popup.html' };
const assess = { type: 'assess-page', url: 'https://us02web.zoom.us/j/85123456789?pwd=abc' };

test('accepts a page assessment request from our content script in a top frame', () => {
  assert.deepEqual(parseRequest(assess, contentSender, self), {
    type: 'assess-page',
    tabId: 7,
    url: 'https://us02web.zoom.us/j/85123456789?pwd=abc',
    document: null,
    load: null,
    restore: 0,
  });
  assert.equal(parseRequest(assess, { ...contentSender, documentId: 'D1' }, self).document, 'D1');
  // How many times the document came back from the back/forward cache (content/load-id.js): a positive integer.
  assert.equal(parseRequest({ ...assess, restore: 2 }, contentSender, self)?.restore, 2);
  // The content script's own id of the load travels too, for the background's question to the tab (shown-load.js askShownLoad).
  const load = 'ab'.repeat(16);
  assert.deepEqual(
    [parseRequest({ ...assess, load }, { ...contentSender, documentId: 'D1' }, self)].map(({ document: d, load: l }) => [d, l]),
    [['D1', load]],
  );
  assert.equal(parseRequest({ ...assess, load }, { ...contentSender, documentLifecycle: 'active' }, self)?.load, load);
});

test('refuses a report from a document Chromium says is leaving the tab', () => {
  // Unloading (a navigation replaced it) or in the back/forward cache: not the tab's page any more (session 35).
  for (const documentLifecycle of ['pending_deletion', 'cached']) {
    assert.equal(parseRequest(assess, { ...contentSender, documentId: 'D1', documentLifecycle }, self), null, documentLifecycle);
  }
});

test('the top frame\'s answer about its page load: exactly a load id, or null', () => {
  const load = '0123456789abcdef'.repeat(2);
  assert.equal(parseLoadReply({ load }), load);
  for (const odd of [undefined, null, 'x', [load], { load: load.toUpperCase() }, { load: `${load}0` }, { load, extra: 1 }, { load: 7 }, {}]) {
    assert.equal(parseLoadReply(odd), null, JSON.stringify(odd));
  }
});

test('never silent: an address over the engine\'s cap is cut to origin and path, not refused', () => {
  const long = `https://zoom-us.join-meeting.net/signin?session=${'a'.repeat(9000)}#${'b'.repeat(100)}`;
  const request = parseRequest({ type: 'assess-page', url: long }, { ...contentSender, url: long }, self);
  assert.equal(request?.url, 'https://zoom-us.join-meeting.net/signin');
  // The path too, when it alone is over the cap.
  const longPath = `https://zoom.us/${'a'.repeat(9000)}`;
  const cut = parseRequest({ type: 'assess-page', url: longPath }, { ...contentSender, url: 'https://zoom.us/' }, self);
  assert.equal(cut.url.length, 2048);
  assert.ok(cut.url.startsWith('https://zoom.us/aaa'));
});

test('rejects page assessment requests that are not exactly ours', () => {
  const rejected = [
    [assess, { ...contentSender, id: 'otherid' }],
    [assess, { ...contentSender, tab: undefined }],
    [assess, { ...contentSender, tab: { id: -1 } }],
    [assess, { ...contentSender, frameId: 3 }],
    [assess, { ...contentSender, url: 'https://evil.example/' }],
    [{ ...assess, extra: 1 }, contentSender],
    [{ ...assess, restore: 0 }, contentSender],
    [{ ...assess, restore: -1 }, contentSender],
    [{ ...assess, restore: 1.5 }, contentSender],
    [{ ...assess, restore: '1' }, contentSender],
    [{ ...assess, restore: true }, contentSender],
    [{ ...assess, restore: null }, contentSender],
    [{ ...assess, restore: 2 ** 53 }, contentSender],
    [{ ...assess, url: 'javascript:alert(1)' }, contentSender],
    [{ ...assess, url: 42 }, contentSender],
    [{ ...assess, url: `https://evil.example/${'a'.repeat(9000)}` }, contentSender],
    [{ type: 'unknown' }, contentSender],
    ['assess-page', contentSender],
    [null, contentSender],
    [assess, null],
  ];
  for (const [message, sender] of rejected) {
    assert.equal(parseRequest(message, sender, self), null, JSON.stringify({ message, sender }).slice(0, 200));
  }
});

test('warning page messages: only from our warning page in a tab, about an http(s) address within the cap', () => {
  const warningSender = { id: 'ourid', url: 'chrome-extension://ourid/pages/warning.html?url=x', tab: { id: 9 } };
  const url = 'https://zoom-us.join-meeting.net/signin?a=1';
  for (const type of ['warning-details', 'warning-continue']) {
    assert.deepEqual(parseRequest({ type, url }, warningSender, self), { type, tabId: 9, url });
    const rejected = [
      [{ type, url }, { ...warningSender, tab: undefined }],
      [{ type, url }, { ...warningSender, url: 'chrome-extension://ourid/popup.html' }],
      [{ type, url }, { ...warningSender, id: 'otherid' }],
      [{ type, url }, contentSender],
      [{ type, url, tabId: 3 }, warningSender],
      [{ type, url: 'javascript:alert(1)' }, warningSender],
      [{ type, url: `https://a.example/${'x'.repeat(3000)}` }, warningSender],
      [{ type, url: 7 }, warningSender],
    ];
    for (const [message, sender] of rejected) assert.equal(parseRequest(message, sender, self), null, JSON.stringify(message).slice(0, 80));
  }
});

test('accepts a tab assessment request only from our own extension pages', () => {
  assert.deepEqual(parseRequest({ type: 'tab-assessment', tabId: 7 }, popupSender, self), { type: 'tab-assessment', tabId: 7 });
  assert.equal(parseRequest({ type: 'tab-assessment', tabId: 7 }, contentSender, self), null);
  assert.equal(parseRequest({ type: 'tab-assessment', tabId: '7' }, popupSender, self), null);
  assert.equal(parseRequest({ type: 'tab-assessment', tabId: 1.5 }, popupSender, self), null);
  assert.equal(parseRequest({ type: 'tab-assessment', tabId: 7 }, { ...popupSender, id: 'otherid' }, self), null);
  // The card's day is the background's own clock (vendor-card.js readerDay), so the popup sends none: a `today` is
  // an unknown key, refused whatever its value.
  for (const today of ['2027-05-01', '1970-01-01', undefined]) {
    assert.equal(parseRequest({ type: 'tab-assessment', tabId: 7, today }, popupSender, self), null, String(today));
  }
});

test('badge: the grade on a vendor page, "!" on a lookalike, nothing elsewhere', () => {
  assert.equal(badgeFor({ vendor: 'zoom', grade: 'C', lookalike_of: null }).text, 'C');
  assert.equal(badgeFor({ vendor: null, grade: null, lookalike_of: 'zoom' }).text, '!');
  assert.equal(badgeFor({ vendor: null, grade: null, lookalike_of: null }).text, '');
  assert.equal(badgeFor({ vendor: 'zoom', grade: null, lookalike_of: null }).text, '');
  assert.equal(badgeFor(null).text, '');
});

test('settings messages: reads from our pages, changes from our options page only', () => {
  const optionsSender = { id: 'ourid', url: 'chrome-extension://ourid/pages/options.html', tab: { id: 3 } };
  assert.deepEqual(parseRequest({ type: 'settings-get' }, popupSender, self), { type: 'settings-get' });
  assert.deepEqual(parseRequest({ type: 'vendor-list' }, optionsSender, self), { type: 'vendor-list' });
  const save = { type: 'settings-save', settings: { blocked_vendors: ['zoom'] } };
  assert.deepEqual(parseRequest(save, optionsSender, self), save);
  const importing = { type: 'settings-import', text: '{"blocked_vendors": ["zoom"]}' };
  assert.deepEqual(parseRequest(importing, { ...optionsSender, url: 'chrome-extension://ourid/pages/options.html?x#y' }, self), importing);

  const rejected = [
    [{ type: 'settings-get' }, contentSender],
    [{ type: 'settings-get', extra: 1 }, popupSender],
    [{ type: 'vendor-list' }, { ...popupSender, id: 'otherid' }],
    [{ type: 'vendor-list' }, { id: 'ourid', url: 'chrome-extension://otherid/pages/options.html' }],
    [save, popupSender],
    [save, contentSender],
    [save, { ...optionsSender, url: 'https://evil.example/pages/options.html' }],
    [{ ...save, settings: ['zoom'] }, optionsSender],
    [{ ...save, settings: null }, optionsSender],
    [{ ...save, settings: { blocked_vendors: ['x'.repeat(70_000)] } }, optionsSender],
    [{ ...save, extra: true }, optionsSender],
    [{ ...importing, text: 42 }, optionsSender],
    [{ ...importing, text: ' '.repeat(70_000) }, optionsSender],
    [importing, popupSender],
    [importing, contentSender],
  ];
  for (const [message, sender] of rejected) {
    assert.equal(parseRequest(message, sender, self), null, JSON.stringify({ message, sender }).slice(0, 200));
  }
});

test('the page allowed to change settings is the manifest’s options page', async () => {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(new URL('../../manifest.json', import.meta.url), 'utf8'));
  const sender = { id: 'ourid', url: `chrome-extension://ourid/${manifest.options_ui.page}` };
  const save = { type: 'settings-save', settings: { blocked_vendors: ['zoom'] } };
  assert.deepEqual(parseRequest(save, sender, self), save);
  assert.equal(parseRequest(save, { ...sender, url: `chrome-extension://ourid/${manifest.action.default_popup}` }, self), null);
});
