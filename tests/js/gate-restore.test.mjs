// Unit test of content/gate.js's back/forward cache handling: only the browser's own `pageshow` (trusted, with
// `persisted`) counts as a restore and sends the background another check; a page's scripts can dispatch
// synthetic ones, which must send nothing. And a document the tab was sent away from before its load ended
// (session 45): Chromium keeps it in its back/forward cache and fires no `load` in it once restored, so the framing
// page "Continue anyway" went back to stayed `interactive` for good; restored and let through by the tab's allowance
// (`allowed`), it is loaded again (gate.js loadAgain), and a frame the person may have used is not.
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

/** A document at `address` (its `location`): a load again (gate.js loadAgain) is noted in `reloads` as
 *  `prefix` and the document's readyState then, and must go to the address without its fragment. */
function at(address, prefix = '') {
  const here = new URL(address);
  here.replace = (to) => {
    assert.equal(to, here.href.split('#')[0], 'loaded again by a GET of its address, without the fragment');
    reloads.push(`${prefix}${document.readyState}`);
  };
  here.reload = () => reloads.push(`${prefix}reload()`); // never: it would send a POSTed frame's form again
  globalThis.location = here;
  for (const type of Object.keys(listeners)) delete listeners[type]; // the previous test's page is gone
  reloads.length = 0;
}

test('gate: a frame sent away at its start is loaded again when restored and let through, not otherwise', async () => {
  // An inner frame on a host the prefilter holds (frameCheck), its load not ended.
  at('https://zoom-us.framed-login.com/signin#step-2');
  globalThis.window = { top: {} };
  document.readyState = 'interactive';

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

  // Sent away by its first check, it loads again even once its own load has ended: the load left hanging may be its
  // top page's.
  document.readyState = 'complete';
  await awayAndRestored('warned');
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['interactive', 'complete'], 'a frame sent away at its start: loaded again, complete or not');

  // Not one that was not sent away before this restore (an allowed frame restored after the person's own Back).
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['interactive', 'complete'], 'not sent away: not loaded again');
});

test('gate: a frame the person used after an allowance, sent away only by a restore, is not loaded again once complete', async () => {
  at('https://zoom-us.framed-login.com/signin');
  document.readyState = 'interactive';
  answers.push('allowed'); // the tab's allowance holds: shown, the person types in it
  const result = frameCheck();
  await settle();
  assert.equal(result.warned, false);
  document.readyState = 'complete';
  await awayAndRestored('warned'); // the allowance ran out; Back/Forward within the tab: sent away
  assert.equal(result.warned, true);
  await awayAndRestored('allowed'); // "Continue anyway" again
  assert.deepEqual(reloads, [], 'complete and its first check let it through: what the person typed is kept');
  // Its own load not ended, it still loads again.
  document.readyState = 'interactive';
  await awayAndRestored('warned');
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['interactive']);
});

test('gate: a top document sent away and let through is loaded again only if its load never ended, and then not asked about again', async () => {
  at('https://zoom-us.join-meeting.net/signin', 'top ');
  let restored = 0;
  answers.push('warned');
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  assert.equal(result.warned, true);
  document.readyState = 'complete';
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, [], 'complete (even though its first check sent it away): not loaded again');
  assert.equal(restored, 1, 'not loaded again: onRestore asks about it');
  document.readyState = 'interactive';
  await awayAndRestored('warned');
  assert.equal(restored, 2);
  await awayAndRestored('allowed');
  assert.deepEqual(reloads, ['top interactive'], 'its load never ended: loaded again');
  assert.equal(restored, 2, 'loaded again: onRestore not run on the document that is going away');
});

test('gate: a top document warned by content.js and restored with no allowance is not loaded again but kept to onRestore', async () => {
  // An imitated sign-in on a clean host: content.js's verdict sent the tab away (top-frame.js sets `warned`); Back
  // from the warning page restores it before its load ended; the address check answers 'none'.
  at('https://example.org/signin', 'top ');
  document.readyState = 'interactive';
  let restored = 0;
  answers.push('none');
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  result.warned = true; // content.js's answer, through top-frame.js onWarned
  await awayAndRestored('none');
  assert.deepEqual(reloads, [], 'not let through by an allowance: not loaded again (it would show the imitation)');
  assert.equal(restored, 1, 'onRestore keeps it hidden and asks content.js again');
  // Nor on a failed check (no answer).
  result.warned = true;
  await awayAndRestored(null);
  assert.deepEqual(reloads, []);
  assert.equal(restored, 2);
});
