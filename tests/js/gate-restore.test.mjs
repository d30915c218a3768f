// Unit test of content/gate.js's back/forward cache handling: only the browser's own `pageshow` (trusted, with
// `persisted`) counts as a restore and sends the background another check; a page's scripts can dispatch
// synthetic ones, which must send nothing. (The restore itself in a real browser: tests/e2e's BACK_SCENARIOS.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

const sent = [];
const listeners = {};
Object.assign(globalThis, {
  // What tools/build-extension.mjs fills in; nothing in it matches example.org, so the page is never hidden.
  JOINGUARD_LOOKALIKE_PREFILTER: { terms: [], official: [], ordinary: [], proxies: [] },
  location: new URL('https://example.org/account'),
  addEventListener: (type, listener) => {
    (listeners[type] ??= []).push(listener);
  },
  chrome: {
    runtime: {
      id: 'joinguard-test',
      onMessage: { addListener() {} },
      sendMessage: (message) => {
        sent.push(message);
        return Promise.resolve({ gate: null });
      },
    },
  },
});
const { earlyCheck } = await import('../../extension/content/gate.js');

const dispatch = (type, event) => (listeners[type] ?? []).forEach((listener) => listener(event));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('gate: a page-made pageshow is no restore; the browser’s own is, once each', async () => {
  let restored = 0;
  earlyCheck({ onRestore: () => (restored += 1) });
  assert.equal(sent.length, 1, 'the early check at the start');
  assert.equal('restore' in sent[0], false, 'no restore field before a restore');

  for (let i = 0; i < 50; i++) dispatch('pageshow', { isTrusted: false, persisted: true });
  dispatch('pagehide', { isTrusted: false, persisted: true });
  await settle();
  assert.equal(sent.length, 1, 'synthetic pageshow events sent the background nothing');
  assert.equal(restored, 0);

  dispatch('pageshow', { isTrusted: true, persisted: false });
  await settle();
  assert.equal(sent.length, 1, 'an ordinary (not restored) pageshow is no restore');

  dispatch('pageshow', { isTrusted: true, persisted: true });
  await settle();
  assert.equal(sent.length, 2, 'a restore sends one check');
  assert.equal(sent[1].type, 'assess-page');
  assert.equal(sent[1].restore, 1);
  assert.equal(sent[1].load, sent[0].load, 'the same page load, restored');
  assert.equal(restored, 1);
});
