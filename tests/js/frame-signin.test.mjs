// Unit tests of the check of an imitated sign-in drawn in an inner frame (session 45, content/frame-signin.js): the
// background's validation of a frame's signals (background/requests.js `assess-frame`), a frame without an address
// of its own held to the browser's report of its origin, what the engine says of a real kit's sign-in framed from an
// unrelated host, from a vendor's own sign-in host, and of a real benign framed sign-in (the background acts on its
// phishing-login: background.js assessFrame), the warning page's words (pages/warning.js warningTextKey), and the
// three languages' messages for them. The same in real browsers: tests/e2e/frame-signin.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseRequest } from '../../extension/background/requests.js';
import { warningTextKey } from '../../extension/pages/warning.js';
import { engine } from './engine.mjs';

const ROOT = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');
/** The signals the extension gathers of a real page capture (tools/page-signals.mjs), at the address `url`. */
const captured = (name, url) => ({ ...JSON.parse(read(`tests/data/real/phishing-pages/signals/${name}.json`)), url });

const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };
const KIT_URL = 'https://cdn.assets-store.example.org/o365/index.html';
const kit = captured('ms-office-kit-2020-05', KIT_URL);
const sender = { id: 'ourid', tab: { id: 7 }, frameId: 4, url: KIT_URL, origin: 'https://cdn.assets-store.example.org' };
const message = { type: 'assess-frame', url: KIT_URL, signals: kit, load: 'ab'.repeat(16) };

test('assess-frame: a frame\'s signals are accepted about its own address, and kept as sent', () => {
  const request = parseRequest(message, sender, self);
  assert.equal(request.type, 'assess-frame');
  assert.equal(request.url, KIT_URL);
  assert.equal(request.inline, false);
  assert.equal('opaque' in request, false, 'a part with an address of its own');
  assert.deepEqual(request.signals, kit);
  // Firefox before 126 reported no origin: the frame's own address still holds it.
  assert.deepEqual(parseRequest(message, { ...sender, origin: undefined }, self).signals, kit);
});

test('assess-frame: malformed signals are refused (the address alone is assessed, as for assess-page)', () => {
  const malformed = [
    ['another address than the message\'s', { ...kit, url: 'https://login.microsoftonline.com/' }],
    ['a key the engine does not read', { ...kit, extra: 1 }],
    ['a key missing', (({ title, ...rest }) => rest)(kit)],
    ['a title over the cap', { ...kit, title: 'x'.repeat(151) }],
    ['too many forms', { ...kit, forms: Array.from({ length: 11 }, () => kit.forms[0]) }],
    ['a form without has_password', { ...kit, forms: [(({ has_password, ...rest }) => rest)(kit.forms[0])] }],
    ['has_password that is no boolean', { ...kit, forms: [{ ...kit.forms[0], has_password: 'yes' }] }],
    ['a field with another key', { ...kit, forms: [{ ...kit.forms[0], fields: [{ ...kit.forms[0].fields[0], value: 'x' }] }] }],
    ['no object', 'signals'],
    ['an array', [kit]],
  ];
  for (const [what, signals] of malformed) {
    const request = parseRequest({ ...message, signals }, sender, self);
    assert.ok(request, `${what}: the message is still read`);
    assert.equal('signals' in request, false, what);
  }
});

test('assess-frame: a frame without an address of its own is held to the browser\'s report of its origin', () => {
  const parent = 'https://news.example.net/article?id=4';
  const inline = { ...message, url: parent, signals: { ...kit, url: parent } };
  for (const url of ['about:srcdoc', 'about:blank', 'blob:https://news.example.net/6d1c']) {
    const request = parseRequest(inline, { ...sender, url, origin: 'https://news.example.net', tab: { id: 7, url: 'https://news.example.net/' } }, self);
    assert.equal(request?.inline, true, url);
    assert.equal(request.url, parent);
    assert.equal(request.signals.url, parent);
    // Not named a part of the page for having no address: an ad's frame of another origin can write into its own
    // about:blank child; the tab's address decides (requests.js tabAddress).
    assert.equal(parseRequest(inline, { ...sender, url, origin: 'https://news.example.net', tab: { id: 7, url: 'https://another.example.com/' } }, self)?.inline, false, url);
  }
  const refused = [
    ['no origin reported', { ...sender, url: 'about:srcdoc', origin: undefined }],
    ['an opaque origin with an address sent (a data: or sandboxed srcdoc frame sends none)', { ...sender, url: 'data:text/html,<p>', origin: 'null' }],
    ['another origin than the address\'s', { ...sender, url: 'about:srcdoc', origin: 'https://login.microsoftonline.com' }],
    ['an http frame of another origin than the browser reports', { ...sender, url: parent, origin: 'https://ads.example.net' }],
    ['the top frame', { ...sender, url: 'about:srcdoc', origin: 'https://news.example.net', frameId: 0 }],
  ];
  for (const [what, from] of refused) assert.equal(parseRequest(inline, from, self), null, what);
});

test('assess-frame: `inline` is the background\'s (the tab\'s address, as the browser reports it), never the message\'s', () => {
  const TAB = 'https://community-news.example.org/article';
  // A frame of the tab's own origin, and one of another.
  const own = { ...message, url: `${TAB}/part`, signals: { ...kit, url: `${TAB}/part` } };
  assert.equal(parseRequest(own, { ...sender, url: `${TAB}/part`, origin: 'https://community-news.example.org', tab: { id: 7, url: TAB } }, self).inline, true);
  assert.equal(parseRequest(message, { ...sender, tab: { id: 7, url: TAB } }, self).inline, false);
  // No tab address (a browser that gives none): a part from its host.
  assert.equal(parseRequest(own, { ...sender, url: `${TAB}/part`, origin: 'https://community-news.example.org' }, self).inline, false);
  // A sandboxed frame at the tab's own address (its origin opaque): its address decides, a part of this page.
  assert.equal(parseRequest(own, { ...sender, url: `${TAB}/part`, origin: 'null', tab: { id: 7, url: TAB } }, self).inline, true);
  // The frame's own word is no key of the message any more (session 45 sent `inline: true`).
  for (const value of [true, false]) assert.equal(parseRequest({ ...message, inline: value }, sender, self), null, String(value));
});

/** A part with an opaque origin and no address of its own (session 46): a data: frame, a sandboxed srcdoc. */
const TAB_URL = 'https://community-news.example.org/article?how=data';
const opaque = { type: 'assess-frame', signals: { ...kit, url: '' }, load: 'cd'.repeat(16) };
const opaqueSender = { id: 'ourid', tab: { id: 7, url: TAB_URL }, frameId: 5, url: 'data:text/html;base64,PHRpdGxlPg==', origin: 'null' };

test('assess-frame: a sandboxed frame at an http(s) address is judged at that address, held to the browser\'s sender.url', () => {
  const sandboxed = { ...sender, origin: 'null' };
  assert.equal(parseRequest(message, sandboxed, self)?.url, KIT_URL);
  assert.equal('opaque' in parseRequest(message, sandboxed, self), false, 'its address is its own');
  assert.deepEqual(parseRequest(message, sandboxed, self).signals, kit);
  // Microsoft's own sign-in host, sandboxed: its own address, where the engine stays quiet (below).
  const vendor = 'https://login.microsoftonline.com/common/login';
  assert.equal(parseRequest({ ...message, url: vendor, signals: { ...kit, url: vendor } }, { ...sandboxed, url: vendor }, self)?.url, vendor);
  assert.equal(parseRequest({ ...message, url: vendor, signals: { ...kit, url: vendor } }, sandboxed, self), null, 'another address than the sender\'s');
  // It cannot pass for a part without an address: it has one.
  assert.equal(parseRequest(opaque, { ...sandboxed, url: KIT_URL }, self), null);
});

test('assess-frame: a part with an opaque origin and no address sends its signals without one, judged at the tab\'s address', () => {
  for (const url of ['data:text/html;base64,PHRpdGxlPg==', 'about:srcdoc', 'about:blank', 'blob:null/8f0e']) {
    const request = parseRequest(opaque, { ...opaqueSender, url }, self);
    assert.deepEqual(request, {
      type: 'assess-frame',
      tabId: 7,
      url: TAB_URL,
      document: 'cd'.repeat(16),
      load: 'cd'.repeat(16),
      restore: 0,
      inline: true,
      opaque: true,
      signals: { ...kit, url: '' },
    }, url);
  }
  assert.equal(parseRequest({ ...opaque, restore: 2 }, opaqueSender, self)?.restore, 2);
  assert.equal(parseRequest(opaque, { ...opaqueSender, documentId: 'D5' }, self)?.document, 'D5');
});

test('assess-frame: a part without an address is refused unless the browser says it is opaque and addressless, with signals of no address', () => {
  const refused = [
    ['an origin the browser reports (not opaque)', opaque, { ...opaqueSender, origin: 'https://community-news.example.org' }],
    ['no origin reported', opaque, { ...opaqueSender, origin: undefined }],
    ['an http(s) document (a sandboxed frame sends its address)', opaque, { ...opaqueSender, url: 'https://cdn.assets-store.example.org/o365/' }],
    ['no document URL reported', opaque, { ...opaqueSender, url: undefined }],
    ['no tab address', opaque, { ...opaqueSender, tab: { id: 7 } }],
    ['a tab that is no web page', opaque, { ...opaqueSender, tab: { id: 7, url: 'about:newtab' } }],
    ['the top frame', opaque, { ...opaqueSender, frameId: 0 }],
    ['no tab', opaque, { ...opaqueSender, tab: undefined }],
    ['a prerendered document', opaque, { ...opaqueSender, documentLifecycle: 'prerender' }],
    ['a document in the back/forward cache', opaque, { ...opaqueSender, documentLifecycle: 'cached' }],
    ['no signals', (({ signals, ...rest }) => rest)(opaque), opaqueSender],
    ['malformed signals', { ...opaque, signals: { ...kit, url: '', extra: 1 } }, opaqueSender],
    ['signals with an address (the page\'s data: URL, which the page writes)', { ...opaque, signals: { ...kit, url: 'data:text/html;/saml/,x' } }, opaqueSender],
    ['signals with the tab\'s address', { ...opaque, signals: { ...kit, url: TAB_URL } }, opaqueSender],
    ['a load that is no id', { ...opaque, load: 'x' }, opaqueSender],
    ['a restore of 0', { ...opaque, restore: 0 }, opaqueSender],
    ['an `inline` key', { ...opaque, inline: true }, opaqueSender],
    ['an unknown key', { ...opaque, opaque: true }, opaqueSender],
  ];
  for (const [what, shape, from] of refused) assert.equal(parseRequest(shape, from, self), null, what);
});

/** The findings the background acts on for a frame (background.js assessFrame: the imitations). */
const frameFindings = (signals) =>
  engine.assessPage(signals, engine.defaultSettings()).findings.filter((f) => f.id === 'phishing-login' || f.id === 'lookalike-domain');

test('engine: a real kit\'s Microsoft sign-in framed from an unrelated host, or drawn in a part of such a page, is phishing-login; on Microsoft\'s own sign-in hosts, quiet', () => {
  for (const url of [KIT_URL, 'https://news.example.net/article']) {
    const [finding] = frameFindings({ ...kit, url });
    assert.equal(finding?.id, 'phishing-login', url);
    assert.equal(finding.severity, 'danger');
    assert.equal(finding.params.host, new URL(url).hostname);
  }
  for (const url of ['https://login.microsoftonline.com/common/oauth2/authorize', 'https://login.live.com/login.srf']) {
    assert.deepEqual(frameFindings({ ...kit, url }), [], url);
  }
});

test('engine: real benign sign-ins framed in another site, or in a part without an address, stay quiet', () => {
  for (const name of ['benign-keycloak-login-microsoft-google', 'benign-gitea-sign-in', 'benign-owa-exchange-2016-logon', 'benign-moodle-login-microsoft-google']) {
    for (const url of ['https://login-widget.example.com/frame', '']) assert.deepEqual(frameFindings(captured(name, url)), [], `${name} at ${url}`);
  }
});

test('engine: a real kit in a part without an address is judged at none (requests.js opaquePart): phishing-login of "this page"; at its data: URL a page could silence it', () => {
  const [finding] = frameFindings({ ...kit, url: '' });
  assert.equal(finding?.id, 'phishing-login');
  assert.equal(finding.severity, 'danger');
  assert.equal(finding.params.variant, 'account-page', 'no host named');
  // Why the part's own data: URL is not what the engine is given: a sign-on flow's path in it clears the page.
  assert.deepEqual(frameFindings({ ...kit, url: 'data:text/html;/saml/,x' }), []);
});

test('warning page: a framed sign-in is said to be shown in a part from its host, or in a part of the page; in en, fr and de', () => {
  assert.equal(warningTextKey({ framed: false, signIn: true, inline: false }), 'interstitial_text');
  assert.equal(warningTextKey({ framed: true, signIn: false, inline: false }), 'warning_frame_text');
  assert.equal(warningTextKey({ framed: true, signIn: true, inline: false }), 'warning_frame_signin_text');
  assert.equal(warningTextKey({ framed: true, signIn: true, inline: true }), 'warning_inline_signin_text');
  // A part without an address (session 46): judged at none, of which no host is said (the page's may be a vendor's).
  assert.equal(warningTextKey({ framed: true, signIn: true, inline: true, opaque: true }), 'warning_opaque_signin_text');
  for (const lang of ['en', 'fr', 'de']) {
    const messages = JSON.parse(read(`extension/_locales/${lang}/messages.json`));
    for (const key of ['warning_frame_signin_text', 'warning_inline_signin_text', 'warning_opaque_signin_text', 'warning_inline_continue_note']) {
      assert.ok(messages[key]?.message, `${lang} ${key}`);
    }
    assert.match(messages.warning_frame_signin_text.message, /\$VENDOR\$.*\$HOST\$/s, lang);
    assert.match(messages.warning_inline_signin_text.message, /\$VENDOR\$/, lang);
    assert.match(messages.warning_opaque_signin_text.message, /\$VENDOR\$/, lang);
    assert.doesNotMatch(messages.warning_opaque_signin_text.message, /\$HOST\$/, lang);
  }
});

// content/frame-signin.js's own passes (session 46; the gaps reviews45/frames45b.md B named): a pass wanted while the
// last message awaits its answer runs when the answer comes (`afterAnswer`); one wanted within PASS_MS of the last runs
// after the wait, never dropped; signals whose message was not delivered are sent again, those answered are not; a
// `warned` answer ends the frame's passes; a part with an opaque origin and no address sends its signals without one.
// In a fake frame: the document's title is what changes its signals, a `focusin` on a password field asks for a pass
// (as the person focusing it does), and the clock is the test's (node:test's mock timers, performance.now).
const page = { title: 'Sign in', password: true };
const listeners = new Map();
/** The messages the frame sent, each with its `answer(reply)` and `fail()`. */
const asked = [];
class FakeNode {
  get baseURI() {
    return globalThis.location.href;
  }
}
class FakeElement extends FakeNode {
  getAttribute() {
    return null;
  }
  querySelector() {
    return null;
  }
}
class FakeDocument extends FakeNode {
  get title() {
    return page.title;
  }
  get body() {
    return null;
  }
  querySelector(selector) {
    return page.password && selector.includes('password') ? new FakeElement() : null;
  }
  querySelectorAll() {
    return [];
  }
  // signals.js's walk for shadow roots (session 47): no elements.
  getElementsByTagName() {
    return [];
  }
}
/** A text node's part (signals.js reads text nodes through CharacterData's own methods; this frame has none). */
class FakeCharacterData extends FakeNode {
  get length() {
    return 0;
  }
  substringData() {
    return '';
  }
}
class FakeInput {
  type = 'password';
}
let clock = 0;
const stored = new Map();
Object.assign(globalThis, {
  Node: FakeNode,
  Element: FakeElement,
  Document: FakeDocument,
  CharacterData: FakeCharacterData,
  HTMLInputElement: FakeInput,
  document: Object.assign(new FakeDocument(), { readyState: 'complete', documentElement: {} }),
  window: globalThis,
  self: globalThis,
  addEventListener: (type, listener) => listeners.set(type, listener),
  MutationObserver: class {
    observe() {}
  },
  chrome: {
    runtime: {
      getURL: (path) => `chrome-extension://ourid/${path}`,
      sendMessage: (message) =>
        new Promise((resolve, reject) => asked.push({ message, answer: resolve, fail: () => reject(new Error('no background')) })),
    },
    // For the warning gate's records (background/warning-gate.js).
    storage: {
      session: {
        get: async (key) => (stored.has(key) ? { [key]: structuredClone(stored.get(key)) } : {}),
        set: async (values) => Object.entries(values).forEach(([k, v]) => stored.set(k, structuredClone(v))),
        remove: async (keys) => keys.forEach((k) => stored.delete(k)),
      },
    },
    tabs: { update: async () => {} },
  },
});
Object.defineProperty(globalThis, 'performance', { value: { now: () => clock }, configurable: true, writable: true });
const { signInCheck } = await import('../../extension/content/frame-signin.js');
const { allow, gate, warningDetails } = await import('../../extension/background/warning-gate.js');

test('warning gate: a part with an opaque origin is recorded as such for the warning page (its words), a framed part with an address and a top page not', async () => {
  const assessment = { findings: frameFindings({ ...kit, url: '' }) };
  const TAB = 'https://community-news.example.org/article';
  // What background.js assessFrame passes on from requests.js: `opaque` only from opaquePart.
  assert.equal(await gate(9, TAB, assessment, { document: 'O1', framed: true, inline: true, opaque: true, now: 1000 }), 'warned');
  assert.deepEqual(await warningDetails(9, TAB), { lookalike_of: null, imitated: 'Microsoft Teams', findings: assessment.findings, framed: true, inline: true, opaque: true });
  assert.equal(await gate(9, `${TAB}/inline`, assessment, { document: 'I1', framed: true, inline: true, now: 3000 }), 'warned');
  assert.equal((await warningDetails(9, `${TAB}/inline`)).opaque, false);
  assert.equal(await gate(9, `${TAB}/top`, assessment, { document: 'T1', opaque: true, now: 5000 }), 'warned');
  assert.equal((await warningDetails(9, `${TAB}/top`)).opaque, false, 'a top page is no part');
});

test('warning gate: "Continue anyway" past a part with an opaque origin allows such parts of the tab\'s host only, not its own-origin parts', async () => {
  const assessment = { findings: frameFindings({ ...kit, url: '' }) };
  const TAB = 'https://community-news.example.org/article';
  const opaquePart = (document, now) => gate(10, TAB, assessment, { document, framed: true, inline: true, opaque: true, now });
  const inlinePart = (document, now) => gate(10, `${TAB}/inline`, assessment, { document, framed: true, inline: true, now });
  assert.equal(await opaquePart('O1', 1000), 'warned');
  assert.equal(await allow(10, TAB, 1500), true);
  assert.equal(await opaquePart('O2', 2000), 'allowed');
  assert.equal(await inlinePart('I1', 4000), 'warned', 'an own-origin part of the same host');
  assert.equal(await allow(10, `${TAB}/inline`, 4500), true);
  assert.equal(await inlinePart('I2', 5000), 'allowed');
  assert.equal(await opaquePart('O3', 7000), 'allowed', 'its own allowance still');
  // An own-origin part's allowance does not answer an opaque part; the top page's allowance of the host does.
  assert.equal(await gate(11, TAB, assessment, { document: 'I1', framed: true, inline: true, now: 1000 }), 'warned');
  assert.equal(await allow(11, TAB, 1500), true);
  assert.equal(await gate(11, TAB, assessment, { document: 'O1', framed: true, inline: true, opaque: true, now: 3000 }), 'warned');
  assert.equal(await gate(12, TAB, assessment, { document: 'T1', now: 1000 }), 'warned');
  assert.equal(await allow(12, TAB, 1500), true);
  assert.equal(await gate(12, TAB, assessment, { document: 'O1', framed: true, inline: true, opaque: true, now: 3000 }), 'allowed');
});

/** A new frame at `href` (its document's origin `origin`) inside a top page of another origin, its check started and
 *  its document_idle pass run; `t`: the test, whose mock timers are the frame's. */
async function frameAt(t, { href = KIT_URL, origin = new URL(href).origin, title = 'Sign in', parentHref = null } = {}) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  clock = 0;
  asked.length = 0;
  listeners.clear();
  page.title = title;
  Object.assign(globalThis, {
    location: new URL(href),
    origin,
    // Another origin's top page: its location cannot be read. `parentHref`: an enclosing frame of this document's
    // origin (its location readable) at that address.
    top: {},
    parent: parentHref
      ? { location: new URL(parentHref), parent: { get location() { throw new Error('SecurityError'); } } }
      : {
          get location() {
            throw new Error('SecurityError');
          },
        },
  });
  signInCheck();
  await later(t, 0);
}
/** The clock moved on by `ms`, the timers due run, and the promises settled. */
async function later(t, ms) {
  clock += ms;
  t.mock.timers.tick(ms);
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
/** The page goes into the back/forward cache (`pagehide`) or comes back from it (`pageshow`), as the browser says it. */
const cacheEvent = (type) => listeners.get(type)({ isTrusted: true, persisted: true });
/** The person focuses the frame's password field (a pass asked for). */
const focus = () => listeners.get('focusin')({ target: new FakeInput() });

test('frame-signin: a pass asked for while the last message awaits its answer runs when the answer comes (afterAnswer)', async (t) => {
  await frameAt(t);
  assert.equal(asked.length, 1, 'the document_idle pass');
  assert.equal(asked[0].message.signals.title, 'Sign in');
  await later(t, 1500);
  page.title = 'Sign in to your Microsoft account';
  focus();
  await later(t, 0);
  assert.equal(asked.length, 1, 'nothing sent while the first message awaits its answer');
  asked[0].answer({ gate: 'none' });
  await later(t, 0);
  assert.equal(asked.length, 2, 'sent once the answer came');
  assert.equal(asked[1].message.signals.title, 'Sign in to your Microsoft account');
});

test('frame-signin: a pass asked for within PASS_MS of the last runs after the wait, with what the frame shows then', async (t) => {
  await frameAt(t);
  asked[0].answer({ gate: 'none' });
  await later(t, 300);
  page.title = 'Sign in to your Microsoft account';
  focus();
  await later(t, 600);
  assert.equal(asked.length, 1, 'not within the second');
  page.title = 'Sign in to your Microsoft account.';
  await later(t, 100);
  assert.equal(asked.length, 2, 'sent at the end of the wait, not dropped');
  assert.equal(asked[1].message.signals.title, 'Sign in to your Microsoft account.');
});

test('frame-signin: signals not delivered are sent again on the next pass; signals answered are not', async (t) => {
  await frameAt(t);
  asked[0].fail();
  await later(t, 1500);
  focus();
  await later(t, 0);
  assert.equal(asked.length, 2, 'the same signals sent again after a failed send');
  assert.deepEqual(asked[1].message.signals, asked[0].message.signals);
  asked[1].answer({ gate: 'none' });
  await later(t, 1500);
  focus();
  await later(t, 0);
  assert.equal(asked.length, 2, 'answered: the same signals are not sent again');
});

test('frame-signin: a `warned` answer ends the frame\'s passes', async (t) => {
  await frameAt(t);
  asked[0].answer({ gate: 'warned' });
  await later(t, 1500);
  page.title = 'Something else';
  focus();
  await later(t, 1500);
  assert.equal(asked.length, 1);
});

test('frame-signin: a part with an opaque origin and no address sends its signals without one; an unreadable non-opaque one sends nothing', async (t) => {
  // A sandboxed blob: frame's URL names its creator's origin, and an about:blank in a sandboxed frame can read that
  // frame's address: neither is the part's (review of session 46: the background refused them, and nothing warned).
  const parts = [
    { href: 'data:text/html,<title>Sign in</title>' },
    { href: 'about:srcdoc' },
    { href: 'blob:https://community-news.example.org/6d1c9e2a' },
    { href: 'about:blank', parentHref: KIT_URL },
  ];
  for (const part of parts) {
    const what = `${part.href} in ${part.parentHref ?? 'another origin'}`;
    await frameAt(t, { ...part, origin: 'null' });
    assert.equal(asked.length, 1, what);
    assert.deepEqual(Object.keys(asked[0].message).sort(), ['load', 'signals', 'type'], what);
    assert.equal(asked[0].message.signals.url, '', what);
    t.mock.timers.reset();
  }
  // Not opaque, the same two: the blob's origin, the enclosing frame's address (held to the browser's sender.origin).
  await frameAt(t, { href: 'blob:https://community-news.example.org/6d1c9e2a', origin: 'https://community-news.example.org' });
  assert.equal(asked[0].message.url, 'https://community-news.example.org/');
  t.mock.timers.reset();
  await frameAt(t, { href: 'about:blank', origin: 'https://cdn.assets-store.example.org', parentHref: KIT_URL });
  assert.equal(asked[0].message.url, KIT_URL);
  t.mock.timers.reset();
  // about:blank inside a frame of another origin, its own origin that frame's (not opaque): no address to give.
  await frameAt(t, { href: 'about:blank', origin: 'https://ads.example.net' });
  assert.equal(asked.length, 0);
  // A sandboxed frame at an http(s) address (its origin opaque): that address.
  t.mock.timers.reset();
  await frameAt(t, { origin: 'null' });
  assert.equal(asked[0].message.url, KIT_URL);
  assert.equal(asked[0].message.signals.url, KIT_URL);
  assert.equal('inline' in asked[0].message, false, 'the background decides whether the part is of the tab\'s origin');
});

test('frame-signin: an opaque part restored after a warning says sentAway, with its restore and no url', async (t) => {
  // The merge of session 46's two frame branches made this combination (integration review, finding 2): the opaque
  // part's message (no `url`) with gate46's `sentAway`, which the background must accept (requests.js opaquePart).
  await frameAt(t, { href: 'data:text/html,<title>Sign in</title>', origin: 'null' });
  asked[0].answer({ gate: 'warned' });
  await later(t, 1500);
  cacheEvent('pageshow');
  await later(t, 0);
  assert.deepEqual(Object.keys(asked[1].message).sort(), ['load', 'restore', 'sentAway', 'signals', 'type']);
  const request = parseRequest(asked[1].message, opaqueSender, self);
  assert.equal(request?.opaque, true);
  assert.equal(request?.sentAway, true);
  asked[1].answer({ gate: 'allowed' });
  await later(t, 1500);
  cacheEvent('pageshow');
  await later(t, 0);
  assert.equal('sentAway' in asked[2].message, false);
});

test('frame-signin: a frame whose answer was lost as its page entered the back/forward cache checks again on its restore and says sentAway', async (t) => {
  // Chromium closes the message channel of a page entering its back/forward cache: the background's 'warned' is lost
  // when the warning page commits first (session 47; gate.js hangingLoad). The frame may have sent the tab away: on
  // Back it must be checked again (warned again), and after "Continue anyway" its `allowed` must reach the top.
  // The rejection before the restore:
  await frameAt(t);
  asked[0].fail();
  await later(t, 1500);
  cacheEvent('pageshow');
  await later(t, 0);
  assert.equal(asked.length, 2, 'checked again on its restore');
  assert.equal(asked[1].message.sentAway, true);
  assert.ok(asked[1].message.restore > 0);
  asked[1].answer({ gate: 'allowed' });
  await later(t, 1500);
  cacheEvent('pageshow');
  await later(t, 0);
  assert.equal('sentAway' in asked[2].message, false, 'answered since: an ordinary restore check');
});

test('frame-signin: a message still unanswered as the page goes into the back/forward cache is given up; the restore checks again with sentAway', async (t) => {
  // What Chromium did with the reply held back past the commit (session 47): the promise never settled, and the frame,
  // still `asking`, sent nothing on its restore (Back showed the kit unwarned).
  await frameAt(t);
  cacheEvent('pagehide');
  cacheEvent('pageshow');
  await later(t, 1500);
  assert.equal(asked.length, 2, 'checked again on its restore');
  assert.equal(asked[1].message.sentAway, true);
  assert.ok(asked[1].message.restore > 0);
  asked[0].answer({ gate: 'warned' }); // the given-up message's answer, late: nothing
  asked[1].answer({ gate: 'allowed' });
  await later(t, 1500);
  focus();
  await later(t, 0);
  assert.equal(asked.length, 2, 'answered and not warned: the same signals not sent again');
  cacheEvent('pagehide');
  cacheEvent('pageshow');
  await later(t, 1500);
  assert.equal('sentAway' in asked[2].message, false, 'nothing unanswered when it went into the cache: no sentAway');
});

test('frame-signin: a restored frame whose answer came and was not warned says no sentAway', async (t) => {
  await frameAt(t);
  asked[0].answer({ gate: 'none' });
  await later(t, 1500);
  cacheEvent('pageshow');
  await later(t, 0);
  assert.equal('sentAway' in asked[1].message, false);
});

test('frame-signin: a pass held back for a message given up at pagehide is dropped with it; the restore\'s pass is the one that runs (review of ci47, finding 2)', async (t) => {
  await frameAt(t);
  await later(t, 1500);
  focus(); // wanted while the first message awaits its answer: held back (afterAnswer)
  await later(t, 0);
  assert.equal(asked.length, 1);
  cacheEvent('pagehide');
  cacheEvent('pageshow');
  await later(t, 1500);
  assert.equal(asked.length, 2, 'the restore\'s own pass');
  assert.equal(asked[1].message.sentAway, true);
  page.title = 'Sign in to your Microsoft account';
  asked[1].answer({ gate: 'none' });
  await later(t, 1500);
  assert.equal(asked.length, 2, 'no pass held back from before the cache runs after the restore\'s answer');
});
