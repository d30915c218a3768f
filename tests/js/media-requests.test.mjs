// Unit tests of the validation of media-watch.js's and recording.js's messages (extension/background/requests.js): exact
// keys, known kinds, the caps of page signals, and a page address of the sender's origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequest } from '../../extension/background/requests.js';

const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };
const PAGE = 'https://app.zoom.us/wc/85123456789/join';
const contentSender = { id: 'ourid', tab: { id: 7 }, frameId: 0, url: PAGE };
const media = { type: 'media-access', url: PAGE, kinds: ['camera', 'microphone'] };
const recording = {
  type: 'recording-state',
  url: PAGE,
  notices: ['Recording...', 'This meeting is being recorded'],
  buttons: [{ text: 'Continue', aria_label: '' }],
  truncated: false,
};

const rejects = (message, sender = contentSender) =>
  assert.equal(parseRequest(message, sender, self), null, JSON.stringify({ message, sender }).slice(0, 200));

test('media-access: known kinds from a top frame, about a page of the sender\'s origin', () => {
  assert.deepEqual(parseRequest(media, contentSender, self), {
    type: 'media-access',
    tabId: 7,
    url: PAGE,
    kinds: ['camera', 'microphone'],
  });
  assert.deepEqual(parseRequest({ ...media, kinds: ['screen'] }, contentSender, self).kinds, ['screen']);
  // After a history.pushState the sender still reports the loaded document: the message's address counts.
  const moved = 'https://app.zoom.us/wc/85123456789/start';
  assert.equal(parseRequest({ ...media, url: moved }, contentSender, self).url, moved);
});

test('media-access: anything else is refused', () => {
  rejects({ ...media, kinds: [] });
  rejects({ ...media, kinds: ['camera', 'camera'] });
  rejects({ ...media, kinds: ['camera', 'keyboard'] });
  rejects({ ...media, kinds: 'camera' });
  rejects({ ...media, kinds: ['camera', 'microphone', 'screen', 'camera'] });
  rejects({ ...media, url: 'https://meet.google.com/abc-defg-hij' }); // not the sender's origin
  rejects({ ...media, url: 'javascript:alert(1)' });
  rejects({ ...media, url: undefined });
  rejects({ ...media, extra: true });
  rejects({ type: 'media-access' });
  rejects(media, { ...contentSender, frameId: 2 });
  rejects(media, { ...contentSender, tab: undefined });
  rejects(media, { ...contentSender, id: 'otherid' });
  rejects(media, { ...contentSender, url: 'chrome-extension://ourid/pages/popup.html' });
  rejects(media, { ...contentSender, url: 'file:///home/me/meeting.html' });
});

test('recording-state: candidate texts within the caps of page signals', () => {
  assert.deepEqual(parseRequest(recording, contentSender, self), { ...recording, tabId: 7, url: PAGE, document: null });
});

test('recording-state: the document is the browser\'s (Chromium\'s documentId), else the content script\'s load id', () => {
  const sender = { ...contentSender, documentId: 'D0C1' };
  const load = 'fedcba9876543210fedcba9876543210';
  assert.equal(parseRequest(recording, sender, self).document, 'D0C1');
  assert.equal(parseRequest({ ...recording, load }, sender, self).document, 'D0C1');
  assert.equal(parseRequest({ ...recording, load }, contentSender, self).document, load, 'Firefox: no documentId');
  assert.equal(parseRequest(recording, { ...contentSender, documentId: 42 }, self).document, null);
  assert.equal(parseRequest(recording, { ...contentSender, documentId: { id: 'D0C1' } }, self).document, null);
  rejects({ ...recording, document: 'D0C1' }, sender);
  rejects({ ...recording, documentId: 'D0C1' }, sender);
  for (const odd of ['D0C1', load.toUpperCase(), `${load} `, 7, null, [load]]) rejects({ ...recording, load: odd });
});

test('recording-state: anything else is refused', () => {
  rejects({ ...recording, notices: Array(21).fill('REC') });
  rejects({ ...recording, notices: ['x'.repeat(301)] });
  rejects({ ...recording, notices: [42] });
  rejects({ ...recording, notices: 'REC' });
  rejects({ ...recording, buttons: Array(101).fill({ text: '', aria_label: '' }) });
  rejects({ ...recording, buttons: [{ text: 'OK', aria_label: '', onclick: 'x' }] });
  rejects({ ...recording, buttons: [{ text: 'x'.repeat(151), aria_label: '' }] });
  rejects({ ...recording, buttons: [{ text: 'OK' }] });
  rejects({ ...recording, buttons: [['OK', '']] });
  rejects({ ...recording, truncated: 'no' });
  rejects({ ...recording, url: 'https://meet.google.com/abc-defg-hij' });
  // An over-long address is cut (url-cut.js), not refused: only another origin is.
  rejects({ ...recording, url: `https://app.zoom.us.evil.example/${'a'.repeat(9000)}` });
  rejects(recording, { ...contentSender, frameId: 1 });
  rejects(recording, { ...contentSender, url: undefined });
});
