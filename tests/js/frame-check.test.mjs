// Unit tests of the check of a lookalike drawn in a frame (session 44): content/gate.js frameCheck (what
// content/frame.js runs in every frame at document_start) sends nothing and hides nothing in a top document or in a
// frame whose host the prefilter lets through, and checks a frame on a suspect host; the background's validation of
// its message (background/requests.js `assess-frame`; its signals: tests/js/frame-signin.test.mjs); and the warning gate's record of a framed part and its
// allowance of several hosts in a tab (background/warning-gate.js). The same in real browsers:
// tests/e2e/hostile-scenarios.mjs, the "frame:" scenarios.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseRequest } from '../../extension/background/requests.js';

const sent = [];
let reply = { gate: 'none' };
const appended = [];
const storage = new Map();
const updates = [];
Object.assign(globalThis, {
  // What tools/build-extension.mjs fills in, cut down to Zoom's brand term and official domain.
  JOINGUARD_LOOKALIKE_PREFILTER: { terms: ['zoom'], fuzzy: [], labels: [], official: ['zoom.us'], ordinary: [], proxies: [] },
  window: globalThis,
  addEventListener() {},
  document: {
    createElement: () => ({
      textContent: '',
      remove() {
        appended.splice(appended.indexOf(this), 1);
      },
    }),
    documentElement: { append: (node) => appended.push(node) },
  },
  chrome: {
    runtime: {
      id: 'ourid',
      getURL: (path) => `chrome-extension://ourid/${path}`,
      onMessage: { addListener() {} },
      sendMessage: (message) => {
        sent.push(message);
        return Promise.resolve(reply);
      },
    },
    storage: {
      session: {
        get: async (key) => (storage.has(key) ? { [key]: structuredClone(storage.get(key)) } : {}),
        set: async (values) => Object.entries(values).forEach(([k, v]) => storage.set(k, structuredClone(v))),
        remove: async (keys) => keys.forEach((k) => storage.delete(k)),
      },
    },
    tabs: { update: async (tabId, properties) => updates.push({ tabId, ...properties }) },
  },
});
const { frameCheck } = await import('../../extension/content/gate.js');
const { gate, warningDetails, allow, forgetTab, ALLOW_MS, MAX_ALLOWED_HOSTS } = await import('../../extension/background/warning-gate.js');

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
/** frameCheck in a document at `href`, an inner frame's unless `top`. */
function checkAt(href, { top = false } = {}) {
  globalThis.location = new URL(href);
  globalThis.top = top ? globalThis : {};
  return frameCheck();
}

test('frameCheck: nothing sent or hidden in the top document, in an ordinary frame, or in a vendor\'s own frame', async () => {
  sent.length = 0;
  assert.equal(checkAt('https://zoom-us.framed-login.com/signin', { top: true }), null, 'the top document: gate.js earlyCheck has it');
  for (const href of ['https://ads.example.net/slot?id=1', 'https://widgets.example.com/w', 'https://us02web.zoom.us/j/85123456789']) {
    assert.equal(checkAt(href), null, href);
  }
  await settle();
  assert.deepEqual(sent, []);
  assert.deepEqual(appended, []);
});

test('frameCheck: a frame on a suspect host is hidden and sends its address; shown again unless the tab is warned', async () => {
  sent.length = 0;
  reply = { gate: 'none' };
  const cleared = checkAt('https://zoom-us.framed-login.com/signin?next=1');
  assert.equal(appended.length, 1, 'hidden while the background decides');
  assert.match(appended[0].textContent, /visibility: hidden/);
  await settle();
  assert.equal(sent.length, 1);
  assert.deepEqual(Object.keys(sent[0]).sort(), ['load', 'type', 'url']);
  assert.equal(sent[0].type, 'assess-frame');
  assert.equal(sent[0].url, 'https://zoom-us.framed-login.com/signin?next=1');
  assert.equal(cleared.warned, false);
  assert.equal(appended.length, 0, 'shown once cleared');

  reply = { gate: 'warned' };
  const warned = checkAt('https://zoom-us.framed-login.com/signin');
  await settle();
  assert.equal(warned.warned, true);
  assert.equal(appended.length, 1, 'kept hidden while the tab goes to the warning page');
  appended[0].remove();
});

const frameSender = { id: 'ourid', tab: { id: 7 }, frameId: 3, url: 'https://zoom-us.framed-login.com/signin?next=1' };
const frameMessage = { type: 'assess-frame', url: 'https://zoom-us.framed-login.com/signin?next=1' };
const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };

test('assess-frame: accepted from our content script in an inner frame, about that frame\'s own address', () => {
  assert.deepEqual(parseRequest(frameMessage, frameSender, self), {
    type: 'assess-frame',
    tabId: 7,
    url: 'https://zoom-us.framed-login.com/signin?next=1',
    document: null,
    load: null,
    restore: 0,
    inline: false,
  });
  const load = 'cd'.repeat(16);
  const request = parseRequest({ ...frameMessage, load, restore: 1 }, { ...frameSender, documentId: 'F1', documentLifecycle: 'active' }, self);
  assert.deepEqual([request.document, request.load, request.restore], ['F1', load, 1]);
  // Cut, never refused, for its length (url-cut.js).
  const long = `https://zoom-us.framed-login.com/signin?q=${'a'.repeat(9000)}`;
  assert.equal(parseRequest({ ...frameMessage, url: long }, { ...frameSender, url: long }, self).url, 'https://zoom-us.framed-login.com/signin');
});

test('assess-frame: refused unless every field and the sender are exactly so', () => {
  const refused = [
    ['the top frame', frameMessage, { ...frameSender, frameId: 0 }],
    ['no frame id', frameMessage, { ...frameSender, frameId: undefined }],
    ['a frame id that is no integer', frameMessage, { ...frameSender, frameId: '3' }],
    ['a negative frame id', frameMessage, { ...frameSender, frameId: -1 }],
    ['no tab', frameMessage, { ...frameSender, tab: undefined }],
    ['a tab id that is no integer', frameMessage, { ...frameSender, tab: { id: 'x' } }],
    ['another extension', frameMessage, { ...frameSender, id: 'other' }],
    ['no sender address', frameMessage, { ...frameSender, url: undefined }],
    ['another origin than the frame\'s', frameMessage, { ...frameSender, url: 'https://ads.example.net/slot' }],
    ['an extension page', frameMessage, { ...frameSender, url: 'chrome-extension://ourid/pages/popup.html' }],
    ['a document leaving the tab', frameMessage, { ...frameSender, documentLifecycle: 'pending_deletion' }],
    ['a document in the back/forward cache', frameMessage, { ...frameSender, documentLifecycle: 'cached' }],
    ['a prerendered document', frameMessage, { ...frameSender, documentLifecycle: 'prerender' }],
    ['an address that is not http(s)', { ...frameMessage, url: 'javascript:alert(1)' }, frameSender],
    ['an address that is no string', { ...frameMessage, url: ['https://zoom-us.framed-login.com/'] }, frameSender],
    ['no address', { type: 'assess-frame' }, frameSender],
    ['another key', { ...frameMessage, tabId: 9 }, frameSender],
    ['a load that is no load id', { ...frameMessage, load: 'x' }, frameSender],
    ['a restore of 0 sent', { ...frameMessage, restore: 0 }, frameSender],
    ['a negative restore', { ...frameMessage, restore: -1 }, frameSender],
    ['a fractional restore', { ...frameMessage, restore: 1.5 }, frameSender],
  ];
  for (const [what, message, sender] of refused) assert.equal(parseRequest(message, sender, self), null, what);
  assert.equal(parseRequest(['assess-frame'], frameSender, self), null, 'no object');
});

test('assess-frame: `sentAway: true` (a restored frame that had sent the tab away) only with a restore, the rest as without it', () => {
  const restored = { ...frameMessage, load: 'cd'.repeat(16), restore: 2 };
  const without = parseRequest(restored, frameSender, self);
  assert.deepEqual(parseRequest({ ...restored, sentAway: true }, frameSender, self), { ...without, sentAway: true });
  assert.equal('sentAway' in without, false, 'absent: no let-through for the top document (background.js)');
  const refused = [
    ['without a restore', { ...frameMessage, sentAway: true }, frameSender],
    ['false', { ...restored, sentAway: false }, frameSender],
    ['a string', { ...restored, sentAway: 'true' }, frameSender],
    ['1', { ...restored, sentAway: 1 }, frameSender],
    ['from the top frame', { ...restored, sentAway: true }, { ...frameSender, frameId: 0 }],
    ['from another extension', { ...restored, sentAway: true }, { ...frameSender, id: 'other' }],
    ['with another key', { ...restored, sentAway: true, tabId: 9 }, frameSender],
    ['on assess-page', { ...restored, type: 'assess-page', sentAway: true }, { ...frameSender, frameId: 0 }],
  ];
  for (const [what, message, sender] of refused) assert.equal(parseRequest(message, sender, self), null, what);
});

test('assess-frame: `sentAway: true` from a part with an opaque origin and no address (no `url`) only with a restore, held to the same checks', () => {
  // A data: frame or a sandboxed srcdoc that had sent the tab away (session 46's two frame branches merged:
  // integration review, finding 2): judged at the tab's address, as without `sentAway` (requests.js opaquePart).
  const tab = 'https://community-news.example.org/article?how=data';
  const signals = { ...JSON.parse(readFileSync(new URL('../data/real/phishing-pages/signals/ms-office-kit-2020-05.json', import.meta.url), 'utf8')), url: '' };
  const restored = { type: 'assess-frame', signals, load: 'cd'.repeat(16), restore: 1 };
  const sender = { id: 'ourid', tab: { id: 7, url: tab }, frameId: 5, url: 'data:text/html,<title>Sign in</title>', origin: 'null' };
  const without = parseRequest(restored, sender, self);
  assert.equal(without?.opaque, true);
  assert.equal(without.url, tab);
  assert.deepEqual(parseRequest({ ...restored, sentAway: true }, sender, self), { ...without, sentAway: true });
  const { restore, ...unrestored } = restored;
  const refused = [
    ['without a restore', { ...unrestored, sentAway: true }, sender],
    ['a sender whose origin is not opaque', { ...restored, sentAway: true }, { ...sender, origin: 'https://community-news.example.org' }],
    ['a sender at an http(s) address', { ...restored, sentAway: true }, { ...sender, url: 'https://cdn.assets-store.example.org/o365/' }],
    ['signals with the tab\'s address', { ...restored, signals: { ...signals, url: tab }, sentAway: true }, sender],
  ];
  for (const [what, message, from] of refused) assert.equal(parseRequest(message, from, self), null, what);
});

const framedLookalike = {
  url: 'https://zoom-us.framed-login.com/signin',
  lookalike_of: 'zoom',
  lookalike_name: 'Zoom',
  findings: [{ id: 'lookalike-domain', severity: 'danger', message: 'm', params: { vendor: 'Zoom' } }],
};

test('gate: a framed part is recorded as one for the warning page; its allowance answers framed checks only, a top page\'s both', async () => {
  updates.length = 0;
  const framed = 'https://zoom-us.framed-login.com/signin';
  assert.equal(await gate(4, framed, framedLookalike, { document: 'F1', framed: true, now: 1000 }), 'warned');
  assert.equal(updates.length, 1);
  assert.equal((await warningDetails(4, framed)).framed, true);
  assert.equal(await allow(4, framed, 1500), true);
  assert.equal(await gate(4, framed, framedLookalike, { document: 'F2', framed: true, now: 2000 }), 'allowed');
  // The lure then opens the framed host as the tab's page (location = …): consent was for a part, so warned.
  assert.equal(await gate(4, framed, framedLookalike, { document: 'T0', now: 2000 }), 'warned', 'a framed allowance is no top one');
  assert.equal((await warningDetails(4, framed)).framed, false, 'the top page\'s warning, for the same page');
  assert.equal(await allow(4, framed, 2500), true);
  assert.equal(await gate(4, framed, framedLookalike, { document: 'T1', now: 3000 }), 'allowed');
  // A framed Continue later does not narrow a top allowance of the host.
  assert.equal(await gate(4, framed, framedLookalike, { document: 'F3', framed: true, restore: 1, now: 3000 }), 'allowed');
  // A top lookalike allowed in the tab answers its framed checks too.
  const top = 'https://zoom-us.join-meeting.net/signin';
  assert.equal(await gate(4, top, framedLookalike, { document: 'T2', now: 4000 }), 'warned');
  assert.equal((await warningDetails(4, top)).framed, false);
  assert.equal(await allow(4, top, 4500), true);
  assert.equal(await gate(4, top, framedLookalike, { document: 'F4', framed: true, now: 5000 }), 'allowed');
  assert.equal(await gate(4, top, framedLookalike, { document: 'T3', now: 5000 }), 'allowed');
  assert.equal(updates.length, 3);
  await forgetTab(4);
});

test('gate: allowances end by time, not by count: a page framing 20 lookalikes is shown after one "Continue anyway" each; past MAX_ALLOWED_HOSTS the one ending soonest goes', async () => {
  const hosts = Array.from({ length: 20 }, (_, i) => `https://zoom-us.part${i}.example/signin`);
  let now = 10_000;
  for (const url of hosts) {
    assert.equal(await gate(4, url, framedLookalike, { document: url, framed: true, now: (now += 2000) }), 'warned');
    assert.equal(await allow(4, url, (now += 10)), true);
  }
  for (const url of hosts) assert.equal(await gate(4, url, framedLookalike, { document: 'back', framed: true, now }), 'allowed', url);
  const start = now;
  assert.equal(await gate(4, hosts[0], framedLookalike, { document: 'late', framed: true, now: 10_000 + 2010 + ALLOW_MS }), 'warned', 'expired');
  await forgetTab(4);

  now = start;
  const many = Array.from({ length: MAX_ALLOWED_HOSTS + 1 }, (_, i) => `https://zoom-us.many${i}.example/signin`);
  for (const url of many) {
    await gate(4, url, framedLookalike, { document: url, framed: true, now: (now += 2000) });
    assert.equal(await allow(4, url, (now += 10)), true);
  }
  assert.equal(await gate(4, many[0], framedLookalike, { document: 'x', framed: true, now }), 'warned', 'the one ending soonest went');
  assert.equal(await gate(4, many[1], framedLookalike, { document: 'y', framed: true, now: now + 2000 }), 'allowed', 'the others stay');
  assert.equal(await gate(4, many.at(-1), framedLookalike, { document: 'z', framed: true, now: now + 2000 }), 'allowed');
  await forgetTab(4);
});

test('gate: two frames checked at once send the tab once; the warning page finds its record; a top page, or a new top load, is sent again', async () => {
  updates.length = 0;
  const [a, b] = ['https://zoom-us.framed-login.com/a', 'https://zoom-us.framed-two.com/b'];
  const answers = await Promise.all([
    gate(6, a, framedLookalike, { document: 'A', framed: true, top: 'P1', now: 1000 }),
    gate(6, b, framedLookalike, { document: 'B', framed: true, top: 'P1', now: 1001 }),
  ]);
  assert.deepEqual(answers, ['warned', 'warned']);
  assert.equal(updates.length, 1, 'sent once while on its way');
  assert.ok((await warningDetails(6, new URLSearchParams(updates[0].url.split('?')[1]).get('url'))).framed, 'the record of the page sent to');
  assert.equal(await gate(6, b, framedLookalike, { document: 'B', framed: true, top: 'P1', now: 2001 }), 'warned', 'after RESEND_MS');
  assert.equal(updates.length, 2);
  // Back from the warning page at once: the page and its frames restored from the back/forward cache warn again.
  assert.equal(await gate(6, a, framedLookalike, { document: 'A', framed: true, top: 'P1', restore: 1, now: 2100 }), 'warned');
  assert.equal(updates.length, 3, 'a restored frame is sent again within RESEND_MS');
  // The top page's own verdict first (a top lookalike framing one): its frames' checks are not sent over it.
  assert.equal(await gate(6, 'https://zoom-us.join-meeting.net/signin', framedLookalike, { document: 'T', top: 'P3', now: 5000 }), 'warned');
  assert.equal(await gate(6, a, framedLookalike, { document: 'A3', framed: true, top: 'P3', now: 5010 }), 'warned');
  assert.equal(updates.length, 4);
  assert.equal((await warningDetails(6, 'https://zoom-us.join-meeting.net/signin')).framed, false);
  await forgetTab(6);

  // Both sent (a new top load, and a top page's verdict): the queue keeps each record (interleaved, one was lost).
  updates.length = 0;
  const top = 'https://zoom-us.join-meeting.net/signin';
  await Promise.all([
    gate(6, a, framedLookalike, { document: 'A', framed: true, top: 'P1', now: 1000 }),
    gate(6, b, framedLookalike, { document: 'B', framed: true, top: 'P2', now: 1001 }),
    gate(6, top, framedLookalike, { document: 'T', now: 1002 }),
  ]);
  assert.equal(updates.length, 3);
  for (const url of [a, b, top]) assert.ok(await warningDetails(6, url), url);
  assert.equal((await warningDetails(6, top)).framed, false);
  // The latest MAX_WARNINGS (8) records only.
  for (let i = 0; i < 8; i++) await gate(6, `https://zoom-us.w${i}.example/x`, framedLookalike, { document: `W${i}`, now: 5000 + i * 2000 });
  assert.equal(await warningDetails(6, a), null, 'the oldest went');
  assert.ok(await warningDetails(6, 'https://zoom-us.w0.example/x'));
  await forgetTab(6);
});
