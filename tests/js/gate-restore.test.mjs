// Unit test of content/gate.js's back/forward cache handling: only the browser's own `pageshow` (trusted, with
// `persisted`) counts as a restore and sends the background another check; a page's scripts can dispatch
// synthetic ones, which must send nothing. And a document the tab was sent away from before its load ended
// (session 45): Chromium keeps it in its back/forward cache and fires no `load` in it once restored, so the framing
// page "Continue anyway" went back to stayed `interactive` for good; restored and let through, it is loaded again.
// (The restore itself in a real browser: tests/e2e's BACK_SCENARIOS.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

const sent = [];
/** The background's answers to the next checks (`gate`), in order; null once none is left. */
const answers = [];
const reloads = [];
const listeners = {};
const document = {
  readyState: 'complete',
  createElement: () => ({ remove() {} }),
  documentElement: { append() {} },
};
Object.assign(globalThis, {
  // What tools/build-extension.mjs fills in; nothing in it matches example.org, so that page is never hidden.
  JOINGUARD_LOOKALIKE_PREFILTER: { terms: ['zoom'], official: [], ordinary: [], proxies: [] },
  location: new URL('https://example.org/account'),
  document,
  addEventListener: (type, listener) => {
    (listeners[type] ??= []).push(listener);
  },
  chrome: {
    runtime: {
      id: 'joinguard-test',
      onMessage: { addListener() {} },
      sendMessage: (message) => {
        sent.push(message);
        return Promise.resolve({ gate: answers.shift() ?? null });
      },
    },
  },
});
const { earlyCheck, frameCheck } = await import('../../extension/content/gate.js');

const dispatch = (type, event) => (listeners[type] ?? []).forEach((listener) => listener(event));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The document goes into the back/forward cache and comes back; the background answers its check `answer`. */
async function awayAndRestored(answer) {
  answers.push(answer);
  dispatch('pagehide', { isTrusted: true, persisted: true });
  dispatch('pageshow', { isTrusted: true, persisted: true });
  await settle();
}

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

test('gate: a document sent away before its load ended is loaded again when restored and let through, not otherwise', async () => {
  // An inner frame on a host the prefilter holds (frameCheck), its load not ended.
  globalThis.location = Object.assign(new URL('https://zoom-us.framed-login.com/signin'), { reload: () => reloads.push(document.readyState) });
  globalThis.window = { top: {} };
  document.readyState = 'interactive';
  for (const type of Object.keys(listeners)) delete listeners[type]; // the first test's page is gone

  answers.push('warned');
  const result = frameCheck();
  assert.ok(result, 'the framed lookalike is checked');
  await settle();
  assert.equal(result.warned, true, 'the tab is sent to the warning page while the frame loads');

  await awayAndRestored('warned'); // Back from the warning page: warned again
  assert.deepEqual(reloads, [], 'warned again: not loaded again (the tab is going to the warning page)');
  assert.equal(result.warned, true);

  await awayAndRestored('allowed'); // "Continue anyway" went back to it
  assert.deepEqual(reloads, ['interactive'], 'let through with its load never ended: loaded again');

  // A frame loads again even when its own load had ended: the load left hanging may be its top page's.
  document.readyState = 'complete';
  await awayAndRestored('warned');
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['interactive', 'complete'], 'a frame let through: loaded again, complete or not');

  // Not one that was never sent away (an allowed frame restored after the person's own Back).
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['interactive', 'complete'], 'never sent away: not loaded again');
});

test('gate: a top document sent away and let through is loaded again only if its load never ended', async () => {
  globalThis.location = Object.assign(new URL('https://zoom-us.join-meeting.net/signin'), { reload: () => reloads.push(`top ${document.readyState}`) });
  for (const type of Object.keys(listeners)) delete listeners[type]; // the frame is gone
  reloads.length = 0;
  answers.push('warned');
  const result = earlyCheck({ onRestore: () => {} });
  await settle();
  assert.equal(result.warned, true);
  document.readyState = 'complete';
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, [], 'complete: not loaded again');
  document.readyState = 'interactive';
  await awayAndRestored('warned');
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['top interactive'], 'its load never ended: loaded again');
});
