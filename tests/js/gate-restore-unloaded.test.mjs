// Unit test of content/gate.js's restore of a document the tab was sent away from before its load ended (session
// 45): Chromium keeps such a document in its back/forward cache and fires no `load` in it once restored, so the
// framing page "Continue anyway" went back to stayed `interactive` for good (the Chromium Back scenario, 6 of 16
// runs). Restored and let through, it is loaded again; restored and warned again, or restored after a complete
// load, it is not. (In a real browser: tests/e2e's BACK_SCENARIOS, which wait for the page to load.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

const answers = [];
const reloads = [];
const listeners = {};
const frameLocation = Object.assign(new URL('https://zoom-us.framed-login.com/signin'), { reload: () => reloads.push(document.readyState) });
const document = {
  readyState: 'interactive',
  createElement: () => ({ remove() {} }),
  documentElement: { append() {} },
};
Object.assign(globalThis, {
  // What tools/build-extension.mjs fills in: the framed host is one the prefilter holds.
  JOINGUARD_LOOKALIKE_PREFILTER: { terms: ['zoom'], official: [], ordinary: [], proxies: [] },
  location: frameLocation,
  document,
  window: { top: {} },
  addEventListener: (type, listener) => {
    (listeners[type] ??= []).push(listener);
  },
  chrome: {
    runtime: {
      id: 'joinguard-test',
      onMessage: { addListener() {} },
      sendMessage: () => Promise.resolve({ gate: answers.shift() ?? 'none' }),
    },
  },
});
globalThis.window.top = {}; // an inner frame: window.top is another window
const { frameCheck } = await import('../../extension/content/gate.js');

const dispatch = (type, event) => (listeners[type] ?? []).forEach((listener) => listener(event));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The document goes into the back/forward cache and comes back; the background answers its check `answer`. */
async function awayAndRestored(answer) {
  answers.push(answer);
  dispatch('pagehide', { isTrusted: true, persisted: true });
  dispatch('pageshow', { isTrusted: true, persisted: true });
  await settle();
}

test('gate: a document sent away before its load ended is loaded again when restored and let through, not otherwise', async () => {
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

  // A document that had its load before it was sent away keeps its state.
  reloads.length = 0;
  document.readyState = 'complete';
  await awayAndRestored('warned');
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, [], 'loaded before it was cached: not loaded again');

  // Nor one that was never sent away (an allowed frame restored mid-load by the person's own Back).
  document.readyState = 'interactive';
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, [], 'never sent away: not loaded again');
});
