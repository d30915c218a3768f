// Unit test of content/gate.js's back/forward cache handling: only the browser's own `pageshow` (trusted, with
// `persisted`) counts as a restore and sends the background another check; a page's scripts can dispatch
// synthetic ones, which must send nothing. And the top document the tab was sent away from before its load ended
// (sessions 45 and 46): Chromium keeps it in its back/forward cache and fires no `load` in it once restored, so the
// page "Continue anyway" went back to stayed `interactive` for good; let through on its restore by whatever check had
// sent the tab away (its own address check, content.js's signals, an inner frame's check, told by the background),
// it is loaded again (gate.js hangingLoad), and a document that completed, one not continued, one the person typed
// in, or one whose frame merely posts a message, is not (review of session 46, findings 1 and 2).
// (The restore itself in a real browser: tests/e2e's BACK_SCENARIOS and continue-loads.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

const sent = [];
/** The background's answers to the next checks (`gate`), in order; null once none is left. LOST: the answer never
 *  comes (Chromium's rejection as the page enters its back/forward cache); a promise: the answer when it settles. */
const answers = [];
const LOST = Symbol('lost');
const closed = () => new Error('The page keeping the extension port is moved into back/forward cache, so the message channel is closed.');
const reloads = [];
const listeners = {};
/** The content script's runtime.onMessage listeners (gate.js earlyCheck's). */
const runtimeListeners = [];
/** The hiding style elements in the document now (gate.js hide; show removes them). */
const hiding = new Set();
const document = {
  readyState: 'complete',
  createElement: () => ({
    remove() {
      hiding.delete(this);
    },
  }),
  documentElement: { append: (element) => hiding.add(element) },
};
Object.assign(globalThis, {
  // What tools/build-extension.mjs fills in; nothing in it matches example.org, so that page is never hidden.
  JOINGUARD_LOOKALIKE_PREFILTER: { terms: ['zoom'], official: [], ordinary: [], proxies: [] },
  location: new URL('https://example.org/account'),
  document,
  addEventListener: (type, listener) => {
    (listeners[type] ??= new Set()).add(listener);
  },
  removeEventListener: (type, listener) => listeners[type]?.delete(listener),
  chrome: {
    runtime: {
      id: 'joinguard-test',
      onMessage: { addListener: (listener) => runtimeListeners.push(listener) },
      sendMessage: (message) => {
        sent.push(message);
        const answer = answers.shift();
        if (answer === LOST) return Promise.reject(closed());
        return Promise.resolve(answer).then((gate) => ({ gate: gate ?? null }));
      },
    },
  },
});
const { earlyCheck, frameCheck } = await import('../../extension/content/gate.js');
const { countRestore, restoreField } = await import('../../extension/content/load-id.js');

let clock = 0;
/** The browser's events: each an object of its own (load-id.js countRestore tells restores apart by it). */
const dispatch = (type, event) => [...(listeners[type] ?? [])].forEach((listener) => listener({ timeStamp: (clock += 1), ...event }));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The document goes into the back/forward cache (its readyState then `entered`) and comes back (readyState `now`);
 *  the background answers its check `answer`. */
async function awayAndRestored(answer, { entered = document.readyState, now = entered } = {}) {
  answers.push(answer);
  document.readyState = entered;
  dispatch('pagehide', { isTrusted: true, persisted: true });
  document.readyState = now;
  dispatch('pageshow', { isTrusted: true, persisted: true });
  await settle();
}
/** The background tells the top document that a frame that had sent the tab away was let through (background.js
 *  assessFrameTellingTop: tabs.sendMessage, which only the extension can send); `id`: the sender's extension. */
const frameLetThrough = (id = 'joinguard-test') => runtimeListeners.forEach((listener) => listener({ type: 'let-through' }, { id }, () => {}));
/** What session 46's first version listened to: a frame's `postMessage`, which any frame of the page can post (an
 *  ad's), trusted as every posted message is. */
const forgedPost = () => dispatch('message', { isTrusted: true, data: 'joinguard:let-through', origin: 'https://ads.example.net' });

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

test('load-id: a restore heard by two listeners (gate.js, frame-signin.js) is counted once; the next one again', () => {
  const before = restoreField().restore ?? 0;
  const restore = { timeStamp: 1e9 };
  countRestore(restore);
  countRestore(restore);
  assert.equal(restoreField().restore, before + 1, 'one restore, one count, whichever listener heard it first');
  countRestore({ timeStamp: 1e9 + 5 });
  assert.equal(restoreField().restore, before + 2, 'the next restore is counted, by one listener alone too');
  countRestore({ timeStamp: 1e9 + 5 });
  assert.equal(restoreField().restore, before + 3, 'another event is another restore, whatever its timeStamp (a clock rounded to 100 ms)');
});

/** A document at `address` (its `location`): a load again (gate.js loadAgain) is noted in `reloads` as the
 *  document's readyState then, and must go to the address without its fragment. `top`: the tab's top document, else
 *  an inner frame's. */
function at(address, { top = true } = {}) {
  const here = new URL(address);
  here.replace = (to) => {
    assert.equal(to, here.href.split('#')[0], 'loaded again by a GET of its address, without the fragment');
    reloads.push(document.readyState);
  };
  here.reload = () => reloads.push('reload()'); // never: it could send a form again
  globalThis.location = here;
  const view = {};
  globalThis.window = top ? Object.assign(view, { top: view }) : { top: view };
  for (const type of Object.keys(listeners)) delete listeners[type]; // the previous test's page is gone
  runtimeListeners.length = 0;
  reloads.length = 0;
}

test('gate: a frame sent away says so in its restore check (the background tells the top document), and never loads itself again', async () => {
  // An inner frame on a host the prefilter holds (frameCheck).
  at('https://zoom-us.framed-login.com/signin#step-2', { top: false });
  document.readyState = 'interactive';
  answers.push('warned');
  const first = sent.length;
  const result = frameCheck();
  assert.ok(result, 'the framed lookalike is checked');
  await settle();
  assert.equal(result.warned, true, 'the tab is sent to the warning page while the frame loads');

  await awayAndRestored('warned'); // Back from the warning page: warned again
  assert.equal(result.warned, true);
  await awayAndRestored('allowed'); // "Continue anyway" went back to it
  // Not a frame that had not sent the tab away before this restore (an allowed frame restored after the person's own
  // Back), complete or not.
  await awayAndRestored('allowed', { entered: 'complete' });
  await awayAndRestored('allowed', { entered: 'interactive' });
  const checks = sent.slice(first);
  assert.deepEqual(checks.map((message) => message.sentAway), [undefined, true, true, undefined, undefined],
    'sentAway on the restores after a warning only (the first check, and those after the allowed one, have none)');
  assert.ok(checks.slice(1).every((message) => message.restore > 0), 'each restore check has its restore (requests.js requires it with sentAway)');
  assert.ok(checks.every((message) => message.type === 'assess-frame'));
  assert.deepEqual(reloads, [], 'a frame never loads itself again: the top document decides');
});

test('gate: a top document sent away by its own address check is loaded again when let through only if it entered the cache loading and still is', async () => {
  at('https://zoom-us.join-meeting.net/signin');
  let restored = 0;
  answers.push('warned');
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  assert.equal(result.warned, true);
  await awayAndRestored('allowed', { entered: 'complete' });
  assert.deepEqual(reloads, [], 'complete when it left (the person may have used it): not loaded again');
  assert.equal(restored, 1, 'not loaded again: onRestore asks about it');

  result.warned = true;
  await awayAndRestored('allowed', { entered: 'interactive', now: 'complete' });
  assert.deepEqual(reloads, [], 'its load ended after the restore: not loaded again');
  assert.equal(restored, 2);

  await awayAndRestored('warned', { entered: 'interactive' });
  assert.deepEqual(reloads, [], 'warned again (Back without "Continue anyway"): not loaded again');
  assert.equal(restored, 3);
  await awayAndRestored('allowed', { entered: 'interactive' });
  assert.deepEqual(reloads, ['interactive'], 'let through, its load left hanging: loaded again');
  assert.equal(restored, 3, 'loaded again: onRestore not run on the document that is going away');
});

test('gate: a top document sent away by content.js is loaded again on content.js\'s allowed, not on the address check\'s none', async () => {
  // An imitated sign-in on a clean host: content.js's verdict sent the tab away (top-frame.js passes its answers to
  // heard); Back from the warning page restores it before its load ended; the address check answers 'none'.
  at('https://example.org/signin');
  document.readyState = 'interactive';
  let restored = 0;
  answers.push('none');
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  result.heard('warned');
  assert.equal(result.warned, true);
  await awayAndRestored('none');
  assert.deepEqual(reloads, [], 'the address alone is no verdict on the sign-in: not loaded again (it would show the imitation)');
  assert.equal(restored, 1, 'onRestore keeps it hidden and asks content.js again');
  result.heard('warned'); // Back from the warning page: content.js warns again
  assert.deepEqual(reloads, [], 'warned again: not loaded again');
  // Nor on a failed check (no answer).
  await awayAndRestored(null);
  assert.equal(restored, 2);
  result.heard('none');
  assert.deepEqual(reloads, [], 'not let through: not loaded again');
  result.heard('warned');

  await awayAndRestored('none'); // "Continue anyway", then Back to this document
  assert.equal(restored, 3);
  frameLetThrough();
  assert.deepEqual(reloads, [], 'a frame does not let the top document\'s own imitation through');
  result.heard('allowed');
  assert.deepEqual(reloads, ['interactive'], 'content.js\'s allowed: loaded again');
  result.heard('allowed');
  assert.equal(reloads.length, 1, 'once');
});

test('gate: a top document a frame sent away is loaded again once the frame is let through, unless complete or warned itself', async () => {
  at('https://news.example.net/article');
  document.readyState = 'interactive';
  let restored = 0;
  answers.push('none');
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  frameLetThrough();
  assert.deepEqual(reloads, [], 'never in the back/forward cache: the background\'s let-through does nothing');

  await awayAndRestored('none', { entered: 'interactive' });
  result.heard('allowed');
  // Its own check answered allowed: an imitation the person continued past in this tab, so loaded again whether or not
  // this document knew it had sent the tab away (Chromium can lose that 'warned' reply: gate.js hangingLoad).
  assert.deepEqual(reloads, ['interactive'], 'its own signals allowed, its load left hanging: loaded again');
  reloads.length = 0;

  await awayAndRestored('none');
  frameLetThrough('another-extension');
  forgedPost();
  assert.deepEqual(reloads, [], 'another extension\'s message, or a frame\'s post: nothing');
  result.heard('warned'); // the top's own signals warn (content.js, after the restore)
  frameLetThrough();
  assert.deepEqual(reloads, [], 'the tab is being sent to the warning page: not loaded again');

  await awayAndRestored('none', { entered: 'complete' });
  frameLetThrough();
  assert.deepEqual(reloads, [], 'complete when it left: not loaded again');

  await awayAndRestored('none', { entered: 'interactive' });
  frameLetThrough();
  assert.deepEqual(reloads, ['interactive'], 'the frame let through, the load left hanging: loaded again');
  assert.equal(restored, 4);

  // The frame's answer before the top's own restore check's: loaded again once that check has answered, not warned.
  answers.push('none');
  document.readyState = 'interactive';
  dispatch('pagehide', { isTrusted: true, persisted: true });
  dispatch('pageshow', { isTrusted: true, persisted: true });
  frameLetThrough();
  assert.deepEqual(reloads, ['interactive'], 'not before the top\'s own check has answered');
  await settle();
  assert.deepEqual(reloads, ['interactive', 'interactive'], 'then loaded again');
  assert.equal(restored, 4, 'loaded again: onRestore not run');
});

test('gate: a top document whose warned reply was lost (Chromium closes the channel of a page entering its cache) is loaded again on its own check\'s allowed', async () => {
  // Session 46's integration: continue-loads' top pages failed 1 run in 3 in Chromium, the restored copy left
  // interactive: the background had sent the tab away, but its 'warned' reply never reached the page.
  at('https://zoom-us.join-meeting.net/signin');
  document.readyState = 'interactive';
  let restored = 0;
  answers.push(null); // the reply lost
  const result = earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  assert.equal(result.warned, false, 'the page never heard it had sent the tab away');
  await awayAndRestored('none', { entered: 'interactive' });
  assert.deepEqual(reloads, [], 'not an imitation let through: not loaded again');
  assert.equal(restored, 1);
  await awayAndRestored('allowed', { entered: 'interactive' });
  assert.deepEqual(reloads, ['interactive'], 'its own address check allowed, its load left hanging: loaded again');

  // content.js's reply lost the same way (an imitated sign-in on a clean host): its allowed on the restore.
  at('https://example.org/signin');
  document.readyState = 'interactive';
  answers.push('none');
  const second = earlyCheck({ onRestore: () => {} });
  await settle();
  await awayAndRestored('none', { entered: 'interactive' });
  second.heard('none');
  assert.deepEqual(reloads, [], 'content.js not letting it through: not loaded again');
  await awayAndRestored('none', { entered: 'interactive' });
  second.heard('allowed');
  assert.deepEqual(reloads, ['interactive'], 'content.js\'s allowed: loaded again');
});

test('gate: a page never sent away, restored while loading, is not loaded again on a frame\'s post (review of session 46, finding 1)', async () => {
  // A news page whose load never ends (a held image, an ad frame that never ends its own load), left by the person's
  // own navigation, Back: its restore check answers none; an ad frame posts the message session 46's first version
  // obeyed.
  at('https://news.example.net/today');
  answers.push('none');
  let restored = 0;
  earlyCheck({ onRestore: () => (restored += 1) });
  await settle();
  await awayAndRestored('none', { entered: 'interactive' });
  for (let i = 0; i < 3; i++) forgedPost();
  await settle();
  assert.deepEqual(reloads, [], 'not loaded again: what the person typed is kept');
  assert.equal(restored, 1);
  frameLetThrough();
  assert.deepEqual(reloads, ['interactive'], 'the background\'s let-through (a frame that had sent the tab away, continued) does');
});

test('gate: a page the person typed or chose something in is not loaded again when let through (review of session 46, finding 2)', async () => {
  for (const used of ['input', 'change']) {
    at('https://zoom-us.join-meeting.net/signin');
    answers.push('warned');
    const result = earlyCheck({ onRestore: () => {} });
    await settle();
    assert.equal(result.warned, true);
    dispatch(used, { isTrusted: false });
    await awayAndRestored('warned', { entered: 'interactive' });
    await awayAndRestored('allowed', { entered: 'interactive' });
    assert.deepEqual(reloads, ['interactive'], `a page-made ${used} event is not the person's: loaded again`);

    at('https://zoom-us.join-meeting.net/signin');
    answers.push('warned');
    const typedIn = earlyCheck({ onRestore: () => {} });
    await settle();
    dispatch(used, { isTrusted: true }); // the person typed their name before the password focus sent the tab away
    await awayAndRestored('warned', { entered: 'interactive' });
    await awayAndRestored('allowed', { entered: 'interactive' });
    assert.equal(typedIn.warned, false);
    assert.deepEqual(reloads, [], `a trusted ${used}: not loaded again (it would lose what was typed)`);
    frameLetThrough();
    typedIn.heard('allowed');
    assert.deepEqual(reloads, [], 'nor on any other let-through');
  }
});

test('gate: a frame whose answer was lost as its page entered the back/forward cache says sentAway on its restore', async () => {
  // Chromium closes the message channel of a page entering its back/forward cache: the background's 'warned' is lost
  // when the warning page commits first (session 47). Its restore check must still say sentAway, so that the
  // background's let-through reaches the top document after "Continue anyway" (its load left hanging otherwise).
  // The rejection before the restore:
  at('https://zoom-us.framed-login.com/signin', { top: false });
  document.readyState = 'interactive';
  answers.push(LOST);
  const first = sent.length;
  const result = frameCheck();
  await settle();
  assert.equal(result.warned, false, 'it never heard that it sent the tab away');
  await awayAndRestored('warned'); // Back: warned again, heard this time
  await awayAndRestored('allowed'); // "Continue anyway"
  await awayAndRestored('allowed'); // a later restore: not sent away before it
  assert.deepEqual(sent.slice(first).map((message) => message.sentAway), [undefined, true, true, undefined]);

  // What Chromium did with the reply held back past the commit (session 47): the check's promise never settles. Still
  // unanswered as the page goes into the cache: its restore check says sentAway; its answer, should it come after the
  // restore (a rejection here), changes nothing.
  at('https://zoom-us.framed-login.com/signin', { top: false });
  let lose;
  answers.push(new Promise((resolve, reject) => (lose = () => reject(closed()))));
  const second = sent.length;
  frameCheck();
  await settle();
  await awayAndRestored('allowed');
  lose();
  await settle();
  await awayAndRestored('none');
  assert.deepEqual(sent.slice(second).map((message) => message.sentAway), [undefined, true, undefined]);

  // The Back check's answer lost the same way (warned again, the page back in the cache): the next restore says it too.
  at('https://zoom-us.framed-login.com/signin', { top: false });
  answers.push('none');
  const third = sent.length;
  frameCheck();
  await settle();
  await awayAndRestored(LOST);
  await awayAndRestored('allowed');
  await awayAndRestored('none');
  assert.deepEqual(sent.slice(third).map((message) => message.sentAway), [undefined, undefined, true, undefined], 'a restore check\'s own loss is not sent again: its next restore says it');
  assert.deepEqual(reloads, [], 'a frame never loads itself again');
});

test('gate: a frame check given up at a restore changes nothing when its answer comes late (review of ci47, finding 1)', async () => {
  // A late 'warned' is not this restore's warning: the next restore would say sentAway and hide as warned.
  at('https://zoom-us.framed-login.com/signin', { top: false });
  document.readyState = 'interactive';
  let late;
  answers.push(new Promise((resolve) => (late = resolve)));
  const first = sent.length;
  const result = frameCheck();
  await settle();
  await awayAndRestored('allowed');
  late('warned');
  await settle();
  assert.equal(result.warned, false, 'the given-up check\'s late warned is ignored');
  await awayAndRestored('none');
  assert.deepEqual(sent.slice(first).map((message) => message.sentAway), [undefined, true, undefined]);

  // A late 'none' does not show the frame before the restore's own check has answered.
  at('https://zoom-us.framed-login.com/signin', { top: false });
  hiding.clear();
  answers.push(new Promise((resolve) => (late = resolve)));
  frameCheck();
  await settle();
  assert.equal(hiding.size, 1, 'hidden until answered');
  let own;
  await awayAndRestored(new Promise((resolve) => (own = resolve)));
  late('none');
  await settle();
  assert.equal(hiding.size, 1, 'still hidden: the restore\'s own check has not answered');
  own('none');
  await settle();
  assert.equal(hiding.size, 0, 'shown on the restore\'s own answer');
});

test('gate: a check still unanswered as the page goes into the back/forward cache is given up there, the top page\'s as a frame\'s (session 48)', async () => {
  // The moment frame-signin.js gives up at, now gate.js's too (it gave up at the restore's pageshow until session
  // 48): an answer that comes between the page's pagehide and its restore is no answer about the page that comes back.
  for (const top of [true, false]) {
    const where = top ? 'the top page' : 'a frame';
    at(top ? 'https://zoom-us.join-meeting.net/signin' : 'https://zoom-us.framed-login.com/signin', { top });
    document.readyState = 'interactive';
    hiding.clear();
    let late;
    answers.push(new Promise((resolve) => (late = resolve)));
    const first = sent.length;
    const result = top ? earlyCheck({ onRestore: () => {} }) : frameCheck();
    await settle();
    dispatch('pagehide', { isTrusted: true, persisted: true });
    late('warned');
    await settle();
    assert.equal(result.warned, false, `${where}: a warned that comes after pagehide is ignored`);
    if (top) {
      // The restore's own check decides: warned again (Back from the warning page).
      answers.push('warned');
      dispatch('pageshow', { isTrusted: true, persisted: true });
      await settle();
      assert.equal(result.warned, true, `${where}: the restore's own warned counts`);
    } else {
      answers.push('allowed');
      dispatch('pageshow', { isTrusted: true, persisted: true });
      await settle();
      assert.deepEqual(sent.slice(first).map((message) => message.sentAway), [undefined, true], `${where}: its restore check says sentAway (lost as it went into the cache)`);
    }
    // A late 'none', or a late failure, after pagehide does not show a page it hid as it went into the cache.
    for (const failed of [false, true]) {
      at(top ? 'https://zoom-us.join-meeting.net/signin' : 'https://zoom-us.framed-login.com/signin', { top });
      hiding.clear();
      let fail;
      answers.push(new Promise((resolve, reject) => ((late = resolve), (fail = reject))));
      if (top) earlyCheck({ onRestore: () => {} });
      else frameCheck();
      await settle();
      dispatch('pagehide', { isTrusted: true, persisted: true });
      if (failed) fail(closed());
      else late('none');
      await settle();
      assert.equal(hiding.size, 1, `${where}: still hidden in the cache after a late ${failed ? 'failure' : "'none'"}`);
    }
  }
  assert.deepEqual(reloads, [], 'nothing loaded again');
});
