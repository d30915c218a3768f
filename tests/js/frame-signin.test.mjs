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
    const request = parseRequest(inline, { ...sender, url, origin: 'https://news.example.net' }, self);
    // Not named a part of the page for having no address: an ad's frame of another origin can write into its own
    // about:blank child; only the frame's own `inline: true` (of the top page's origin) says so.
    assert.equal(request?.inline, false, url);
    assert.equal(parseRequest({ ...inline, inline: true }, { ...sender, url, origin: 'https://news.example.net' }, self)?.inline, true, url);
    assert.equal(request.url, parent);
    assert.equal(request.signals.url, parent);
  }
  const refused = [
    ['no origin reported', { ...sender, url: 'about:srcdoc', origin: undefined }],
    ['an opaque origin (a data: or sandboxed frame)', { ...sender, url: 'data:text/html,<p>', origin: 'null' }],
    ['another origin than the address\'s', { ...sender, url: 'about:srcdoc', origin: 'https://login.microsoftonline.com' }],
    ['an http frame of another origin than the browser reports', { ...sender, url: parent, origin: 'https://ads.example.net' }],
    ['the top frame', { ...sender, url: 'about:srcdoc', origin: 'https://news.example.net', frameId: 0 }],
  ];
  for (const [what, from] of refused) assert.equal(parseRequest(inline, from, self), null, what);
});

test('assess-frame: `inline: true` (a frame of the top page\'s own origin) is read; any other value refused', () => {
  assert.equal(parseRequest({ ...message, inline: true }, sender, self).inline, true);
  for (const value of [false, 'true', 1, null]) assert.equal(parseRequest({ ...message, inline: value }, sender, self), null, String(value));
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

test('engine: real benign sign-ins framed in another site stay quiet', () => {
  for (const name of ['benign-keycloak-login-microsoft-google', 'benign-gitea-sign-in', 'benign-owa-exchange-2016-logon', 'benign-moodle-login-microsoft-google']) {
    assert.deepEqual(frameFindings(captured(name, 'https://login-widget.example.com/frame')), [], name);
  }
});

test('warning page: a framed sign-in is said to be shown in a part from its host, or in a part of the page; in en, fr and de', () => {
  assert.equal(warningTextKey({ framed: false, signIn: true, inline: false }), 'interstitial_text');
  assert.equal(warningTextKey({ framed: true, signIn: false, inline: false }), 'warning_frame_text');
  assert.equal(warningTextKey({ framed: true, signIn: true, inline: false }), 'warning_frame_signin_text');
  assert.equal(warningTextKey({ framed: true, signIn: true, inline: true }), 'warning_inline_signin_text');
  for (const lang of ['en', 'fr', 'de']) {
    const messages = JSON.parse(read(`extension/_locales/${lang}/messages.json`));
    for (const key of ['warning_frame_signin_text', 'warning_inline_signin_text', 'warning_inline_continue_note']) {
      assert.ok(messages[key]?.message, `${lang} ${key}`);
    }
    assert.match(messages.warning_frame_signin_text.message, /\$VENDOR\$.*\$HOST\$/s, lang);
    assert.match(messages.warning_inline_signin_text.message, /\$VENDOR\$/, lang);
  }
});
