// Unit tests of what the background keeps per tab of its answers to recording.js (extension/background/tab-state.js:
// rememberRecording, warnedAbout, and their clearing), against an in-memory stand-in for storage.session. The
// banner leaves the engine's recording-without-notice out only where warnedAbout says recording.js warned about
// that indicator in that document (background.js assessPage; end to end: tests/e2e/page-findings.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

function fakeSession() {
  const data = new Map();
  return {
    data,
    async get(key) {
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(values) {
      // Yield first, as the real area does: two unserialised read-modify-writes would then lose one.
      await new Promise((resolve) => setTimeout(resolve, 1));
      for (const [k, v] of Object.entries(values)) data.set(k, structuredClone(v));
    },
    async remove(key) {
      for (const k of Array.isArray(key) ? key : [key]) data.delete(k);
    },
  };
}
// Before tab-state.js's first read of the namespace (extension/shared/api.js).
const session = fakeSession();
globalThis.browser = { storage: { session } };
const { indicatorKey, rememberRecording, recallRecording, warnedAbout, remember, recall, forget, forgetOnNavigation } = await import(
  '../../extension/background/tab-state.js'
);

const ZOOM = { vendor_name: 'Zoom', notice: { value: 'shown', detail: 'A banner and an audio prompt.' } };
const answer = (document, indicator, consent_notice = false) => ({ ...ZOOM, document, recording: { indicator, consent_notice } });
const noBadge = async () => {};
// Page loads' ids (content/load-id.js) and what the tab's top frame answers about its load (background/shown-load.js askShownLoad).
const LOAD_A = 'a'.repeat(32);
const LOAD_B = 'b'.repeat(32);
const loadA = async () => LOAD_A;
const nothingShown = async () => null;

test('indicatorKey: the letters only, so a running timer is the same indicator', () => {
  assert.equal(indicatorKey('● REC 00:12:31'), 'rec');
  assert.equal(indicatorKey('REC 00:12:32'), 'rec');
  assert.equal(indicatorKey('Recording...'), 'recording');
  assert.equal(indicatorKey('  This meeting is BEING recorded '), 'this meeting is being recorded');
  assert.equal(indicatorKey('Cette réunion est enregistrée'), 'cette réunion est enregistrée');
  assert.notEqual(indicatorKey('Recording stopped'), indicatorKey('Recording'));
  for (const odd of [undefined, null, 42, {}, '', '00:12']) assert.equal(indicatorKey(odd), '');
});

test('an indicator answered without a consent notice is the one recording.js warned about, in its document only', async () => {
  await rememberRecording(1, answer('doc-a', '● REC 00:00:05'));
  const kept = await recallRecording(1);
  assert.ok(warnedAbout(kept, '● REC 00:01:17', 'doc-a'), 'the same indicator, its timer moved on');
  assert.ok(!warnedAbout(kept, 'This meeting is being recorded', 'doc-a'), 'another indicator');
  assert.ok(!warnedAbout(kept, '● REC 00:00:05', 'doc-b'), 'another document of the tab');
  assert.ok(!warnedAbout(kept, '● REC 00:00:05', null), 'a message without a document');
  assert.ok(!warnedAbout(kept, '', 'doc-a'));
  assert.ok(!warnedAbout(kept, undefined, 'doc-a'));
  assert.ok(!warnedAbout(null, '● REC 00:00:05', 'doc-a'), 'nothing kept: recording.js never warned');
  assert.ok(!warnedAbout(await recallRecording(2), '● REC 00:00:05', 'doc-a'), 'another tab');
  // A message that names no page load (neither the browser's documentId nor content/load-id.js's id) is about
  // no load in particular: two such are not one page (until session 28 they were, and a Firefox reload kept the
  // last load's warning).
  await rememberRecording(3, answer(null, 'REC'));
  assert.ok(!warnedAbout(await recallRecording(3), 'REC', null));
  assert.ok(!warnedAbout(await recallRecording(3), 'REC', 'doc-a'));
});

test('with a consent notice recording.js does not warn "no consent notice": the banner keeps that finding', async () => {
  await rememberRecording(4, answer('doc-a', 'Recording...', true));
  const kept = await recallRecording(4);
  assert.ok(!warnedAbout(kept, 'Recording...', 'doc-a'));
  assert.deepEqual(kept.shown, { no_consent: null, consent: 'Recording...' });
});

test('shown: the first indicator of each state, what recording.js shows; warned: every one without consent', async () => {
  await rememberRecording(5, answer('doc-a', 'REC 00:01'));
  await rememberRecording(5, answer('doc-a', 'This meeting is being recorded'));
  await rememberRecording(5, answer('doc-a', 'Recording...', true));
  await rememberRecording(5, answer('doc-a', 'Aufzeichnung läuft', true));
  const kept = await recallRecording(5);
  assert.deepEqual(kept.shown, { no_consent: 'REC 00:01', consent: 'Recording...' });
  assert.deepEqual(kept.warned, ['rec', 'this meeting is being recorded']);
  assert.deepEqual({ vendor_name: kept.vendor_name, notice: kept.notice, document: kept.document }, { ...ZOOM, document: 'doc-a' });
  // Another document of the tab (a reload): what was kept before goes.
  await rememberRecording(5, answer('doc-b', 'Recording...', true));
  assert.deepEqual(await recallRecording(5), { ...ZOOM, document: 'doc-b', shown: { no_consent: null, consent: 'Recording...' }, warned: [] });
});

test('at most 20 indicators kept, the newest; answers in flight together are all kept', async () => {
  for (let i = 0; i < 25; i += 1) await rememberRecording(6, answer('doc-a', `Recording ${'x'.repeat(i + 1)}`));
  const kept = await recallRecording(6);
  assert.equal(kept.warned.length, 20);
  assert.ok(warnedAbout(kept, `Recording ${'x'.repeat(25)}`, 'doc-a'));
  assert.ok(!warnedAbout(kept, 'Recording x', 'doc-a'), 'the oldest went');
  await Promise.all(['REC', 'Recording...', 'This meeting is being recorded'].map((text) => rememberRecording(7, answer('doc-a', text))));
  assert.deepEqual((await recallRecording(7)).warned.sort(), ['rec', 'recording', 'this meeting is being recorded']);
});

test('cleared with the tab; on a navigation only when it names no page load', async () => {
  await Promise.all([remember(8, { url: 'https://app.zoom.us/wc/1/join' }), rememberRecording(8, answer('doc-a', 'REC'))]);
  await forget(8);
  assert.equal(await recallRecording(8), null);
  assert.equal(await recall(8), null);
  // The tab moved to another load (the record goes): what was kept for the document stays (it holds for that
  // document only).
  await Promise.all([remember(9, { url: 'https://app.zoom.us/wc/1/join', load: LOAD_A }, { showing: loadA }), rememberRecording(9, answer('doc-a', 'REC'))]);
  await forgetOnNavigation(9, { status: 'loading' }, { clearBadge: noBadge, showing: nothingShown });
  assert.equal(await recall(9), null);
  assert.ok(warnedAbout(await recallRecording(9), 'REC', 'doc-a'));
  // No load named: nothing to tell pages apart by, so it goes with the record.
  await Promise.all([remember(10, { url: 'https://app.zoom.us/wc/1/join' }), rememberRecording(10, answer(null, 'REC'))]);
  await forgetOnNavigation(10, { status: 'complete' }, { clearBadge: noBadge, showing: nothingShown });
  assert.ok(await recallRecording(10), 'only a navigation clears');
  await forgetOnNavigation(10, { status: 'loading' }, { clearBadge: noBadge, showing: nothingShown });
  assert.equal(await recallRecording(10), null);
  assert.equal(await recall(10), null);
});

test('an answer to the old page written after the navigation\'s clearing is not the new page\'s', async () => {
  // The order a navigation can give in Firefox: the tab's `loading` clears, the old page's answer lands after it,
  // then the new page (its own load id) reports, on a reload to the same address too.
  await Promise.all([
    remember(11, { url: 'https://app.zoom.us/wc/1/join', document: 'load-a', load: LOAD_A }, { showing: loadA }),
    rememberRecording(11, answer('load-a', 'REC')),
  ]);
  await forgetOnNavigation(11, { status: 'loading' }, { clearBadge: noBadge, showing: nothingShown });
  await rememberRecording(11, answer('load-a', 'Recording...'));
  await remember(11, { url: 'https://app.zoom.us/wc/1/join', document: 'load-b', load: LOAD_B }, { showing: async () => LOAD_B });
  assert.ok(!warnedAbout(await recallRecording(11), 'REC', 'load-b'));
  assert.ok(!warnedAbout(await recallRecording(11), 'Recording...', 'load-b'));
  // The new page's own answer replaces it.
  await rememberRecording(11, answer('load-b', 'REC'));
  assert.deepEqual((await recallRecording(11)).warned, ['rec']);
  assert.ok(warnedAbout(await recallRecording(11), 'REC', 'load-b'));
});
