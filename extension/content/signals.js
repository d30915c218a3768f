// The page description the engine reads (`joinguard::page::PageSignals`, src/page/mod.rs): a module of the
// top-frame content script (content.js) and of every frame's (content/frame-signin.js, session 45). It only reads
// the DOM.
//
// Bounded: every list and string is cut at the engine's caps (cutting sets `truncated`, so the engine never
// claims something is missing from a page it did not see whole), and the one open-ended part, the walk over
// text nodes for notices, stops after MAX_TEXT_NODES nodes; a pass whose time budget runs out first goes on with
// its walk in later slices (gather's `onWhole`, session 50), so a busy moment does not make a page `truncated`.
// Reading `.href` is the dominant cost (research/perf-anchors.md), so links are read at most MAX_LINKS times.
//
// Hostile pages: named elements shadow built-in properties (DOM clobbering: `<input name="action">` makes
// `form.action` that input, `<img name="title">` makes `document.title` that image), so attributes and the
// document's properties are read through the prototypes, never through the objects.
// Imported under its own name: gather()'s `cut` is the capper below, and an address cut by the capper without a
// cap marked every page `truncated` (session 25), which kept the engine from ever saying what a page lacks.
import { cut as cutAddress } from '../shared/url-cut.js';
import { isOwnHost } from './shadow-host.js';
import { boundedText, getter, headOf, tailOf } from './bounded-text.js';
import { forcedCut } from './test-cut.js';

const PASSWORD_FIELD = 'input[type="password" i]';

/** Cheap test: does the page ask for a password? Decides whether a non-vendor page, or an inner frame
 *  (frame-signin.js), is examined. Outside `signals`, so that it does not build it. The document's own query
 *  first; only without a field there, the page's shadow roots. Without `added`, the roots are found by a walk over
 *  the document (shadowRoots, bounded); with `added` (the elements a mutation observer saw added since the last
 *  test: content.js watchForPassword), only those subtrees are walked, and the roots found before are queried
 *  again (knownRoots): a page that changes its DOM every few hundred milliseconds for the 15 s watch cost a whole
 *  walk a batch (session 47's review), now one walk and its additions; and, for a root attached later to an element
 *  already there (no mutation record), RE_ASKS of the elements the first walk found no root on (lateHosts). */
export function hasPasswordField(added = null, { allLate = false } = {}) {
  if (Document.prototype.querySelector.call(document, PASSWORD_FIELD) !== null) return true;
  const whole = added === null || !walkedDocument;
  const late = whole ? [] : lateRoots(allLate);
  const found = whole ? shadowRoots() : shadowRoots({ starts: [...added.filter(connected), ...late] });
  if (whole) {
    walkedDocument = true;
    knownRoots.clear();
    lateHosts = found.rootless;
    lateAt = 0;
  }
  // A late root is walked as a start (the roots inside it are found), and is queried itself with the found ones.
  for (const root of [...late, ...found.roots]) if (knownRoots.size < MAX_ROOTS) knownRoots.add(root);
  for (const root of knownRoots) {
    if (!connected(root.host)) knownRoots.delete(root);
    else if (fragmentQuery(root, PASSWORD_FIELD) !== null) return true;
  }
  return false;
}

/** The roots the password-field test found, queried again by its next tests with `added` (at most MAX_ROOTS), and
 *  whether it has walked the document yet. */
const knownRoots = new Set();
let walkedDocument = false;

/** Most of lateHosts asked again at each later test: RE_ASKS × ~4 µs in Chromium (docs/speed.md, session 49). */
const RE_ASKS = 50;
/** The elements the first walk asked for a root and found none on (at most MAX_CLOSED_ASKS: empty elements that can
 *  host one, custom elements): `attachShadow` makes no mutation record, so a root a page attaches later to one of them
 *  (a kit's empty `div`, filled once its script ran) is seen only by asking again. Each later test asks RE_ASKS of
 *  them, in turn (all 200 in four tests, about 2 s of the watch's batches at 500 ms), each element itself: only a root
 *  that turns up is walked, never a remembered element's subtree (a custom element holding the whole page, Angular's
 *  `<app-root>`, would make every test a whole walk: review of s49-shadow49, finding 2). Emptied when the watch ends
 *  (forgetLateHosts). Session 49. */
let lateHosts = [];
let lateAt = 0;
/** The roots found on the next RE_ASKS of lateHosts, from where the last test stopped (at most RE_ASKS asks); with
 *  `all`, on every one of them (at most MAX_CLOSED_ASKS asks: content.js's quiet tests, a few a watch, each of which
 *  must ask an element a root was attached to after an earlier test asked it; review of s50-shadow50, finding 1). */
function lateRoots(all = false) {
  const next = [];
  if (all) next.push(...lateHosts);
  else for (let i = 0; i < Math.min(RE_ASKS, lateHosts.length); i++) next.push(lateHosts[(lateAt + i) % lateHosts.length]);
  if (!all) lateAt = lateHosts.length > 0 ? (lateAt + next.length) % lateHosts.length : 0;
  const roots = [];
  for (const host of next) {
    const root = connected(host) ? pageRootOf(host) : null;
    if (root) roots.push(root);
  }
  return roots;
}

/** The password watch is over (content.js): its remembered elements are not kept for the page's life. */
export function forgetLateHosts() {
  lateHosts = [];
  lateAt = 0;
}
let connectedGetter = null;
const connected = (node) => (connectedGetter ??= getter(Node.prototype, 'isConnected')).call(node);

/** Whether an event's target is a password field (a focus on it: content.js onPasswordFocus, frame-signin.js). */
function isPasswordInput(target) {
  return target instanceof HTMLInputElement && target.type === 'password';
}

// --- shadow roots (session 47) ---------------------------------------------------------------------------------
// A kit can draw its sign-in, or just its password field, inside a shadow root, open or closed (a web component, a
// Lit or Stencil login element, `attachShadow({mode: 'closed'})`): the document's queries do not reach into it, and
// a focus on the field is heard at the window with the host as its target (events are retargeted). Content scripts
// may open closed roots: Chromium's `chrome.dom.openOrClosedShadowRoot(element)` (Chrome 88+,
// https://developer.chrome.com/docs/extensions/reference/api/dom) and Firefox's `element.openOrClosedShadowRoot`
// (MDN "dom.openOrClosedShadowRoot()": "In Firefox, the equivalent property is element.openOrClosedShadowRoot").
// The extension's own hosts (shadow-host.js isOwnHost: the banner, link badges, credential flags) are never the
// page's. No API lists a page's roots, so they are found by a walk over its elements, bounded: at most
// MAX_HOST_WALK elements in all (the document's, then each root's, roots inside roots to MAX_ROOT_DEPTH), taken one
// by one from live collections (`getElementsByTagName('*')`: the native work stops where the walk does, a static
// `querySelectorAll('*')` listed a 500,000-element page whole first), at most MAX_ROOTS roots read. Only a root found
// and not read (one too many, or too deep) makes the pass `truncated`: the walk's other bounds only limit a
// best-effort search, and set on them `truncated` cost ordinary vendor pages with no root at all the engine's
// "missing" findings (no-privacy-link on a Zoom join page with 250 empty icon spans, 25 web components or 10,050
// elements: session 47's review); a root they leave unfound is read once its field is focused (focusedPasswordField
// remembers it). Only elements that can host a root are asked (HTML's attachShadow: a custom element's name, or one
// of SHADOW_HOSTS); a declarative shadow root (`<template shadowrootmode>`) is one of those hosts' roots too. An open
// root is read through the standard `shadowRoot`; the API for closed ones is asked only of a custom element or of an
// element with no element child (a kit's host is an empty `div`, maybe with a newline in it: what a closed root's
// host holds is not shown unless slotted), at most MAX_CLOSED_ASKS times a walk: Chromium's call checks its argument
// against the API's schema, about 4 µs an element, 25.6 ms a pass on a page of 6,000 `div`s and `span`s asked all
// (session 47, docs/speed.md). A closed root on a host with element children is then found when its field is focused.

/** Most elements looked at for shadow hosts in one walk (the document's and the roots' together). */
const MAX_HOST_WALK = 10_000;
/** Most elements the closed-root API is asked about in one walk. */
const MAX_CLOSED_ASKS = 200;
/** Most roots read (each is queried like the document: a dozen native queries a pass, docs/speed.md session 48). */
const MAX_ROOTS = 100;
/** Roots inside roots: a root in the document's hosts is at depth 1, one in a host inside it at 2. */
const MAX_ROOT_DEPTH = 4;
/** The built-in elements attachShadow accepts (HTML, "attachShadow()" valid shadow host names). */
const SHADOW_HOSTS = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main',
  'nav', 'p', 'section', 'span',
]);

/** Reads through the prototypes (DOM clobbering), looked up on first use (frame.js loads this module in every frame). */
const fragmentQuery = (root, selector) => DocumentFragment.prototype.querySelector.call(root, selector);
let localNameGetter = null;
const localNameOf = (element) => (localNameGetter ??= getter(Element.prototype, 'localName')).call(element);
const activeElementOf = (root) => getter(ShadowRoot.prototype, 'activeElement').call(root);

/** The root `element` hosts, open or closed, or null: resolved on first use (the API differs by browser; in a page's
 *  own world, tools/page-signals.mjs, neither exists and no root is read). */
let openRoot = null;
function rootOpener() {
  // Firefox: a property of elements in content scripts, read through the prototype (a named form control cannot
  // shadow it; forms cannot host roots anyway).
  const firefox = Object.getOwnPropertyDescriptor(Element.prototype, 'openOrClosedShadowRoot')?.get;
  if (firefox) return (element) => firefox.call(element);
  // Chromium: `chrome.dom` (not `browser`: in Firefox its first read builds the whole API object, shared/api.js).
  const dom = globalThis.chrome?.dom;
  if (typeof dom?.openOrClosedShadowRoot === 'function') {
    return (element) => (element instanceof HTMLElement ? dom.openOrClosedShadowRoot(element) ?? null : null);
  }
  return () => null;
}

/** The page's root `element` hosts, or null (none, or one of the extension's own). */
function pageRootOf(element) {
  if (isOwnHost(element)) return null;
  openRoot ??= rootOpener();
  try {
    return openRoot(element);
  } catch {
    return null;
  }
}

/** Roots found through a focused field (focusedPasswordField), read even where the walk stops short of them. */
const remembered = new Set();

/**
 * The page's shadow roots, open and closed, in document order by depth (the document's hosts' roots first), the
 * extension's own left out: `{roots, truncated, rootless, visited}`, `truncated` only when a root was found and not read (past
 * MAX_ROOTS, or deeper than MAX_ROOT_DEPTH), never for the walk's own bounds (MAX_HOST_WALK, MAX_CLOSED_ASKS);
 * `rootless` the elements asked for a closed root that had none (hasPasswordField's lateHosts); `visited` the elements
 * walked (at most MAX_HOST_WALK: credentials-watch.js spends its lifetime budget by it).
 * `starts`: the elements whose subtrees (themselves included), or roots whose contents, are walked instead of the
 * document's (hasPasswordField's additions and late roots). `elementsOf`, `rootOf`, `nameOf` only for tests (tests/js/shadow-roots.test.mjs).
 */
export function shadowRoots({ starts = [document], elementsOf = elementWalk, rootOf = null, nameOf = localNameOf } = {}) {
  const roots = [];
  const seen = new Set();
  const asks = { left: MAX_CLOSED_ASKS, rootless: [] };
  const ask = rootOf ?? ((element, name) => walkRootOf(element, name, asks));
  let truncated = false;
  let visited = 0;
  // [scope, how many roots it is inside]: the document (or an element added to it) at 0, its hosts' roots at 1 (a
  // start that is a root itself, hasPasswordField's late roots, at 1; `typeof`: some unit tests' fake DOMs have none).
  const pending = starts.map((start) => [start, typeof ShadowRoot === 'function' && start instanceof ShadowRoot ? 1 : 0]);
  walk: for (let at = 0; at < pending.length; at++) {
    const [scope, depth] = pending[at];
    for (const element of elementsOf(scope)) {
      if (++visited > MAX_HOST_WALK) break walk;
      const name = nameOf(element);
      if (!SHADOW_HOSTS.has(name) && !name.includes('-')) continue;
      const root = ask(element, name);
      if (!root || seen.has(root)) continue;
      if (roots.length >= MAX_ROOTS || depth >= MAX_ROOT_DEPTH) {
        // A root not read: deeper than MAX_ROOT_DEPTH (the rest of that scope is skipped), or one too many.
        truncated = true;
        if (roots.length >= MAX_ROOTS) break walk;
        break;
      }
      seen.add(root);
      roots.push(root);
      pending.push([root, depth + 1]);
    }
  }
  // Remembered roots are read beyond the walk's MAX_ROOTS (they are at most MAX_ROOTS themselves: focusedPasswordField).
  for (const root of remembered) {
    if (!connected(root.host)) remembered.delete(root);
    else if (!seen.has(root) && roots.length < MAX_ROOTS + remembered.size) {
      seen.add(root);
      roots.push(root);
    }
  }
  return { roots, truncated, rootless: asks.rootless, visited: Math.min(visited, MAX_HOST_WALK) };
}

/**
 * The elements of a document, a root or an added element (itself first) in tree order, one at a time from live
 * collections (`getElementsByTagName('*')`, indexed: the browser finds the next element when asked, so the walk's
 * cap bounds the native work too). A root has no such method: its top elements' collections, one after another.
 */
function* elementWalk(scope) {
  if (scope === document) {
    yield* live(Document.prototype.getElementsByTagName.call(document, '*'));
    return;
  }
  const elementsByTag = Element.prototype.getElementsByTagName;
  if (scope instanceof Element) {
    yield scope;
    yield* live(elementsByTag.call(scope, '*'));
    return;
  }
  const next = getter(Element.prototype, 'nextElementSibling');
  for (let top = getter(DocumentFragment.prototype, 'firstElementChild').call(scope); top; top = next.call(top)) {
    yield top;
    yield* live(elementsByTag.call(top, '*'));
  }
}

/** A live collection's elements by index. */
function* live(collection) {
  for (let index = 0; ; index++) {
    const element = collection[index];
    if (!element) return;
    yield element;
  }
}

let shadowRootGetter = null;
let firstElementGetter = null;
/** The walk's root of `element` (of a host name): an open one through `shadowRoot`; a closed one only of a custom
 *  element or one with no element child (whitespace and comments do not count), while `asks` lasts. */
function walkRootOf(element, name, asks) {
  shadowRootGetter ??= getter(Element.prototype, 'shadowRoot');
  firstElementGetter ??= getter(Element.prototype, 'firstElementChild');
  const open = shadowRootGetter.call(element);
  if (open) return isOwnHost(element) ? null : open;
  if (!name.includes('-') && firstElementGetter.call(element) !== null) return null;
  if (asks.left <= 0) return null;
  asks.left -= 1;
  const root = pageRootOf(element);
  if (!root && !isOwnHost(element)) asks.rootless.push(element);
  return root;
}

/**
 * `target`, or where it hosts a page's root (open or closed), the root's `activeElement`, through nested roots to
 * MAX_ROOT_DEPTH; the roots gone through are added to `roots`. A focused element inside a root is named by the root's
 * `activeElement` only (the window hears the host). Only elements that can host a root are asked (SHADOW_HOSTS,
 * custom elements): a field or a textarea never can, and Chromium's API costs about 4 µs a call.
 */
function innermostFocused(target, roots = []) {
  for (let depth = 0; depth < MAX_ROOT_DEPTH && target instanceof Element; depth++) {
    const name = localNameOf(target);
    if (!SHADOW_HOSTS.has(name) && !name.includes('-')) break;
    const root = pageRootOf(target);
    const inner = root && activeElementOf(root);
    if (!inner) break;
    roots.push(root);
    target = inner;
  }
  return target;
}

/**
 * The password field a focus event is about, or null: the target itself, or, where the window heard a shadow host
 * (a field inside a root, open or closed, is retargeted to it), the field the root's `activeElement` names, through
 * nested roots to MAX_ROOT_DEPTH (innermostFocused). The roots on the way are remembered, so the gathering pass that
 * follows reads them whatever the walk reaches. For content.js's onPasswordFocus and frame-signin.js's.
 */
export function focusedPasswordField(event) {
  const path = [];
  const target = innermostFocused(event?.target, path);
  if (!isPasswordInput(target)) return null;
  for (const root of path) if (remembered.size < MAX_ROOTS) remembered.add(root);
  return target;
}

/**
 * The element an event (a person's `input`: credentials-watch.js) came from, where a listener on the window or the
 * document hears its target retargeted to a shadow host: the first node of its composed path, which goes into the
 * open roots on the way (DOM, "composedPath()"), not into a closed one, whose host it names; from there the closed
 * roots' focused elements (innermostFocused: a person types only into the focused element). Only while the event is
 * dispatched (the path is empty after). Session 49.
 */
export function eventOrigin(event) {
  const first = Event.prototype.composedPath.call(event)[0] ?? event.target;
  return innermostFocused(first);
}

/** The gathering functions, built on first use: content/frame.js carries this module into every frame, and most
 *  never gather (built at once, it cost 2.6 ms of CPU a load of 20 ordinary frames in Firefox; docs/speed.md,
 *  session 45). */
let built = null;
export const signals = new Proxy({}, { get: (_, key) => (built ??= buildSignals())[key] });

function buildSignals() {
  // The engine's caps (src/page/mod.rs); a unit test compares them with the Rust constants.
  const CAPS = {
    url: 2048,
    text: 150,
    src: 1000,
    notice: 300,
    fieldName: 60,
    headings: 10,
    links: 200,
    linksTail: 50,
    buttons: 100,
    forms: 10,
    fields: 20,
    imgAlts: 30,
    scripts: 50,
    iframes: 20,
    notices: 20,
    copyrights: 3,
  };
  // src/page/mod.rs NOTICE_STEMS and NOTICE_EXACT (a unit test keeps them equal).
  const NOTICE_STEMS = [
    'record', 'enregistr', 'aufzeichn', 'aufgezeichnet', 'grabaci', 'grabando', 'grabad', 'registra',
    'consent', 'consens', 'einwillig', 'zustimm', 'einverstanden', 'agree', 'accept', 'acept', 'accett',
    'privacy', 'datenschutz', 'confidentialit', 'privacidad',
  ];
  const NOTICE_EXACT = ['rec'];
  // One test per text node instead of one per stem (the stems are plain letters).
  const NOTICE_PATTERN = new RegExp(NOTICE_STEMS.join('|'), 'i');
  const LEADING_SYMBOLS = /^[\s\u25cf\u2022\u26ab\u{1f534}]+/u;
  const MAX_TEXT_NODES = 3000;
  /** Milliseconds of script time after which a slice of the notice walk stops (the whole pass aims at under 2 ms); the
   *  first slice's time counts from the pass's start, a later slice's from its own (continueWalk). */
  const TIME_BUDGET_MS = 4;
  /** Most slices of one pass's notice walk (the first included), a bound on its script time: about MAX_SLICES ×
   *  TIME_BUDGET_MS. A slice reads a multiple of 64 text nodes, so a walk of MAX_TEXT_NODES (125 a slice) needs more
   *  only where 64 nodes take over 4 ms (over 62 µs a node, docs/speed.md session 50): past it the pass stays
   *  `truncated`. */
  const MAX_SLICES = 24;
  /** Text nodes read back from the end of the page for copyright notices (footers come last; a bound, not a cap
   *  the engine knows: a notice further up is simply not sent). */
  const MAX_TAIL_TEXT_NODES = 300;
  /** Characters read of each tail text node (its end, next to what follows), before any test or cleanup: a footer
   *  notice is short, and a 10 MB node then costs what a short one does. */
  const TAIL_WINDOW = 200;
  const COPYRIGHT_PATTERN = /\u00a9|\(c\)|copyright/i;
  const COPYRIGHT_WORDS = new RegExp(COPYRIGHT_PATTERN.source, 'gi');
  const SKIPPED_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION']);
  const NOT_FIELDS = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

  const getAttribute = Element.prototype.getAttribute;
  const querySelector = Element.prototype.querySelector;
  const attr = (element, name) => getAttribute.call(element, name);
  const [getTitle, getBody] = ['title', 'body'].map((name) => Object.getOwnPropertyDescriptor(Document.prototype, name).get);
  const getBaseUri = Object.getOwnPropertyDescriptor(Node.prototype, 'baseURI').get;
  // Texts are read in the part kept (bounded-text.js): Firefox's `nodeValue` likely copies the whole node first (a
  // 10 MB node, 17 ms a walk in Firefox ESR 153, 0.001 ms in Chromium; tools/measure-copyright-walk.mjs), and
  // `textContent` joins every text node under an element (session 49).
  /** The page's shadow roots for this pass (gather sets them): queried after the document, like it. */
  let passRoots = [];
  /** The document's matches, then each root's: the document's NodeList as it is where the page has no root. */
  const queryAll = (selector) => {
    const own = Document.prototype.querySelectorAll.call(document, selector);
    if (passRoots.length === 0) return own;
    const all = Array.from(own);
    for (const root of passRoots) for (const element of DocumentFragment.prototype.querySelectorAll.call(root, selector)) all.push(element);
    return all;
  };
  /** The element above `node`, from a root's top element to its host (a field in a root, its form's button outside). */
  const above = (node) => node.parentElement ?? (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null);

  /** Cuts `value` at `max` characters and remembers that something was cut. */
  function capper(state) {
    return (value, max) => {
      const text = typeof value === 'string' ? value : '';
      if (text.length <= max) return text;
      state.truncated = true;
      return text.slice(0, max);
    };
  }

  const squash = (text) => (typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '');

  /** An element's text squashed, read only as far as a cut at `max` needs (bounded-text.js). A text longer than
   *  `max` the capper marks `truncated`; one a bound of the reading stopped short of that (a megabyte of white space,
   *  a thousand text nodes) is marked here, when `state` is given. */
  function textOf(element, max, state) {
    const { text, whole } = boundedText(element, max);
    const value = squash(text);
    if (!whole && value.length <= max && state) state.truncated = true;
    return value;
  }

  /** Absolute URL of an attribute value, as the browser resolves it ('' when absent or unusable). */
  function resolved(value) {
    if (typeof value !== 'string' || value === '') return '';
    try {
      return new URL(value, getBaseUri.call(document)).href;
    } catch {
      return '';
    }
  }

  function gatherLinks(cut, state) {
    const all = queryAll('a[href]');
    let chosen = Array.prototype.slice.call(all, 0, CAPS.links);
    if (all.length > CAPS.links) {
      // Footers, which hold the privacy link, come last: keep the head and the tail.
      const head = CAPS.links - CAPS.linksTail;
      chosen = [...Array.prototype.slice.call(all, 0, head), ...Array.prototype.slice.call(all, all.length - CAPS.linksTail)];
      state.truncated = true;
    }
    return chosen.map((link) => {
      let text = textOf(link, CAPS.text, state);
      if (!text) {
        const image = querySelector.call(link, 'img[alt]');
        text = image ? squash(attr(image, 'alt')) : '';
      }
      // `.href` is resolved by the browser; an SVG <a> has an object there instead.
      const href = typeof link.href === 'string' ? link.href : resolved(attr(link, 'href'));
      return {
        href: cut(href, CAPS.src),
        text: cut(text, CAPS.text),
        aria_label: cut(squash(attr(link, 'aria-label') ?? attr(link, 'title') ?? ''), CAPS.text),
      };
    });
  }

  function gatherButtons(cut, state) {
    const all = queryAll('button, [role="button"], input[type="submit" i], input[type="button" i]');
    if (all.length > CAPS.buttons) state.truncated = true;
    return Array.prototype.slice.call(all, 0, CAPS.buttons).map((button) => ({
      text: cut(button.localName === 'input' ? squash(attr(button, 'value')) : textOf(button, CAPS.text, state), CAPS.text),
      aria_label: cut(squash(attr(button, 'aria-label') ?? attr(button, 'title') ?? ''), CAPS.text),
    }));
  }

  /** The submit text of a form, or of the controls around a password field outside any form. */
  function submitText(container, state) {
    if (!container) return '';
    const submit =
      querySelector.call(container, 'button[type="submit" i], input[type="submit" i]') ??
      querySelector.call(container, 'button, [role="button"]');
    if (!submit) return '';
    return submit.localName === 'input' ? squash(attr(submit, 'value')) : textOf(submit, CAPS.text, state);
  }

  function gatherForms(cut, state) {
    const byForm = new Map();
    let loose = null;
    const dropOneWithoutPassword = () => {
      if (loose && !loose.password) {
        loose = null;
        return true;
      }
      const last = [...byForm].findLast(([, entry]) => !entry.password);
      if (last) byForm.delete(last[0]);
      return Boolean(last);
    };
    for (const control of queryAll('input, select, textarea')) {
      const type = control.localName === 'input' ? (attr(control, 'type') ?? 'text').toLowerCase() : control.localName;
      if (NOT_FIELDS.has(type)) continue;
      // `control.form` is the owner form (also through the form= attribute); a control cannot be shadowed.
      const owner = control.form ?? null;
      let entry = owner ? byForm.get(owner) : loose;
      if (!entry) {
        if (byForm.size + (loose ? 1 : 0) >= CAPS.forms) {
          state.truncated = true;
          // A password field's form takes the place of the last one without a password: a page that put
          // CAPS.forms decoy forms before its sign-in hid it from the engine (session 44's audit of the caps). At
          // most CAPS.forms such swaps a page, whatever it holds. The form enters at its password field: its
          // controls before it (the user name field) are not in its `fields`; `has_password`, which the
          // phishing-login finding needs, is right.
          if (type !== 'password' || !dropOneWithoutPassword()) continue;
        }
        entry = { element: owner, first: control, fields: [] };
        if (owner) byForm.set(owner, entry);
        else loose = entry;
      }
      if (type === 'password') entry.password ??= control;
      if (entry.fields.length >= CAPS.fields) {
        state.truncated = true;
        continue;
      }
      entry.fields.push({
        type: cut(type, CAPS.fieldName),
        name: cut(attr(control, 'name') ?? attr(control, 'id') ?? '', CAPS.fieldName),
        autocomplete: cut((attr(control, 'autocomplete') ?? '').toLowerCase(), CAPS.fieldName),
        placeholder: cut(squash(attr(control, 'placeholder') ?? ''), CAPS.text),
      });
    }
    const entries = [...byForm.values()];
    if (loose) entries.push(loose);
    return entries.map((entry) => {
      let container = entry.element;
      if (!container) {
        // No form element (single-page apps): the nearest ancestor of the field that holds a button.
        container = above(entry.password ?? entry.first);
        for (let depth = 0; container && depth < 5 && !querySelector.call(container, 'button, [role="button"], input[type="submit" i]'); depth++) {
          container = above(container);
        }
      }
      return {
        action: entry.element ? cut(resolved(attr(entry.element, 'action') ?? location.href), CAPS.src) : '',
        // From the form's controls, not the fields kept: a form that put CAPS.fields decoy fields before its
        // password field hid its sign-in from the engine (session 44's audit of the caps).
        has_password: Boolean(entry.password),
        fields: entry.fields,
        submit: cut(submitText(container, state), CAPS.text),
      };
    });
  }

  function gatherList(selector, read, max, cut, state, length) {
    const out = [];
    for (const element of queryAll(selector)) {
      const value = read(element);
      if (!value) continue;
      if (out.length >= max) {
        state.truncated = true;
        break;
      }
      out.push(cut(value, length));
    }
    return out;
  }

  /**
   * The page's h1 and h2 texts in document order, then its h3 to h6 texts in the room left under the cap. Kits
   * put the brand in a minor heading ("Work Microsoft account" in an h6, tests/data/real/phishing-pages/), so
   * those are read too; but a long article has dozens of them, and a minor heading left out hides nothing the
   * engine concludes a page lacks, so only an h1/h2 over the cap marks the page `truncated`.
   */
  function gatherHeadings(cut, state) {
    const major = gatherList('h1, h2', (h) => textOf(h, CAPS.text, state), CAPS.headings, cut, state, CAPS.text);
    for (const element of queryAll('h3, h4, h5, h6')) {
      if (major.length >= CAPS.headings) break;
      const value = textOf(element, CAPS.text, null);
      // Sliced, not cut: a long minor heading is no part of the page the engine would miss either.
      if (value) major.push(value.slice(0, CAPS.text));
    }
    return major;
  }

  function isNotice(text) {
    if (NOTICE_PATTERN.test(text)) return true;
    // Short texts only: "● REC" (a recording indicator too short for a stem).
    if (text.length > 40) return false;
    // Only a text holding a label can be one, once its symbols are dropped: most texts are spared the Unicode
    // expression's first use (recording.js candidate() does the same; session 40).
    const lower = text.toLowerCase();
    if (!NOTICE_EXACT.some((label) => lower.includes(label))) return false;
    return NOTICE_EXACT.includes(text.replace(LEADING_SYMBOLS, '').trim().toLowerCase());
  }

  /**
   * The notice walk of a pass: the text nodes of the body, then of each of the pass's roots, read in slices. A slice
   * stops when it has used TIME_BUDGET_MS (checked every 64th node); the walk then goes on from that node in the next
   * slice (continueWalk), so that a busy moment cuts no page short (session 50: the cut pass was `truncated`, and the
   * engine's "missing" findings came and went with the machine's load). Only a real bound ends it short: more than
   * MAX_TEXT_NODES text nodes or CAPS.notices notices (`state.truncated`), or MAX_SLICES slices (`truncated` stands).
   */
  function noticeWalk(state) {
    const body = getBody.call(document);
    const scopes = body ? [body, ...passRoots] : [...passRoots];
    return { body, scopes, at: 0, walker: null, held: null, visited: 0, notices: [], seen: new Set(), state, slices: 0 };
  }

  /** The walk's next text node, or null once every scope is walked. */
  function nextTextNode(walk) {
    for (; walk.at < walk.scopes.length; walk.at++, walk.walker = null) {
      walk.walker ??= Document.prototype.createTreeWalker.call(document, walk.scopes[walk.at], NodeFilter.SHOW_TEXT);
      const node = walk.walker.nextNode();
      if (node) return node;
    }
    return null;
  }

  /** Whether the node a slice stopped at is still where the walk left it: in its scope, the scope still the page's. A
   *  TreeWalker goes on from a removed node inside the removed part only, and the walk would end there, silently. */
  function stillInPlace(walk) {
    const scope = walk.scopes[walk.at];
    const attached = scope === walk.body ? getBody.call(document) === scope : connected(scope.host);
    return attached && Node.prototype.contains.call(scope, walk.held);
  }

  /** Whether a slice that started at `started` has used its time. */
  function overBudget(started) {
    // The e2e tests' forced time cuts: a statement of test builds only (test-cut.js; the shipped build drops it).
    JOINGUARD_TEST: if (forcedCut()) return true;
    return performance.now() - started > TIME_BUDGET_MS;
  }

  /** One slice of the walk, from where the last one stopped: true when the walk is over (every node read, or a cap
   *  reached), false when the slice's time ran out first. */
  function walkSlice(walk, cut, started) {
    walk.slices += 1;
    for (let read = 0; ; read++) {
      const node = walk.held ?? nextTextNode(walk);
      walk.held = null;
      if (!node) return true;
      if (walk.visited >= MAX_TEXT_NODES) {
        walk.state.truncated = true;
        return true;
      }
      if (read > 0 && (read & 63) === 0 && overBudget(started)) {
        walk.held = node;
        return false;
      }
      walk.visited += 1;
      // The node's start, as far as the notice sent could hold it: a stem past it is past the element's text cut at
      // CAPS.notice below too.
      const value = boundedText(node, CAPS.notice).text;
      if (value.length < 3) continue;
      const parent = node.parentElement;
      if (!parent || SKIPPED_PARENTS.has(parent.nodeName)) continue;
      if (!isNotice(value)) continue;
      // The element's text (as far as the cut needs): "● REC" and its timer, or a sentence split by links.
      const text = cut(textOf(parent, CAPS.notice, walk.state), CAPS.notice);
      if (!text || walk.seen.has(text)) continue;
      if (walk.notices.length >= CAPS.notices) {
        walk.state.truncated = true;
        return true;
      }
      walk.seen.add(text);
      walk.notices.push(text);
    }
  }

  /**
   * The rest of a walk a slice's time cut, in later tasks (`setTimeout`, as credentials-watch.js's walk), one slice
   * each, until it is over or MAX_SLICES slices are spent; then `onWhole` gets the pass's signals with every notice
   * and `truncated` from the real bounds only (or still set, past MAX_SLICES). A later pass drops it (`current`).
   */
  function continueWalk(walk, signals, cut, onWhole) {
    const step = () => {
      if (current !== walk) return;
      const started = performance.now();
      let over = true;
      try {
        // The page moved or removed the node the walk stopped at: the first answer stands (the change is a mutation,
        // which content.js answers with a new pass).
        if (!stillInPlace(walk)) return;
        over = walkSlice(walk, cut, started);
        if (!over && walk.slices < MAX_SLICES) return;
        onWhole({ ...signals, notices: walk.notices, truncated: walk.state.truncated || !over });
      } catch {
        // Nothing here may break the page; the first answer stands.
      } finally {
        countSlice(performance.now() - started, over);
        if (!over && walk.slices < MAX_SLICES && current === walk) setTimeout(step, 0);
        else if (current === walk) current = null;
      }
    };
    current = walk;
    setTimeout(step, 0);
  }
  /** The walk continueWalk is going on with (one at a time: a new pass drops the last one's). */
  let current = null;

  /**
   * Copyright notices ("©2019 Microsoft"): the texts of the elements around text nodes with a copyright sign or word,
   * last first, from at most MAX_TAIL_TEXT_NODES text nodes walked back from the end of the body (of each, its last
   * TAIL_WINDOW characters), then as many again from the ends of the pass's shadow roots (session 48). A page that names its maker only there (a kit's copy of Microsoft's sign-in) is told by it (src/page/account.rs). Bounded
   * by the node count, so no time check: cheap enough to run where the notice walk is skipped.
   */
  /** A text node's text, or a small element's without element children, at most CAPS.text characters (its end when
   *  `before`, the part next to the sign); '' for anything else. */
  function leafText(node, before) {
    if (!node) return '';
    let text = '';
    const piece = (textNode) => (before ? tailOf(textNode, CAPS.text) : headOf(textNode, CAPS.text));
    if (node.nodeType === Node.TEXT_NODE) return piece(node);
    if (node.nodeType === Node.ELEMENT_NODE && node.childElementCount === 0 && node.childNodes.length <= 8) {
      // Its text nodes one by one, each cut as it is read (not `textContent`, which copies them whole).
      for (const child of node.childNodes) if (child.nodeType === Node.TEXT_NODE) text += piece(child);
    }
    return before ? text.slice(-CAPS.text) : text.slice(0, CAPS.text);
  }

  function gatherCopyrights() {
    const copyrights = [];
    const body = getBody.call(document);
    if (body) tailCopyrights(body, MAX_TAIL_TEXT_NODES, copyrights);
    // Then the pass's roots (a kit drawn in a shadow root has its footer there), sharing as many text nodes again.
    let left = MAX_TAIL_TEXT_NODES;
    for (const root of passRoots) {
      if (left <= 0 || copyrights.length >= CAPS.copyrights) break;
      left -= tailCopyrights(root, left, copyrights);
    }
    return copyrights;
  }

  /** gatherCopyrights's walk back from the end of `scope` (the body, or a root), at most `budget` text nodes, adding
   *  to `copyrights`; returns the text nodes read. */
  function tailCopyrights(scope, budget, copyrights) {
    const walker = Document.prototype.createTreeWalker.call(document, scope, NodeFilter.SHOW_TEXT);
    let last = scope;
    while (last.lastChild) last = last.lastChild;
    walker.currentNode = last;
    let node = last.nodeType === Node.TEXT_NODE ? last : walker.previousNode();
    let visited = 0;
    for (; node && visited < budget; node = walker.previousNode(), visited++) {
      const value = tailOf(node, TAIL_WINDOW);
      if (!value || !COPYRIGHT_PATTERN.test(value)) continue;
      const parent = node.parentElement;
      if (!parent || SKIPPED_PARENTS.has(parent.nodeName)) continue;
      // The node's own text; when it is the sign and years alone ("<span>©</span> 2019 Microsoft"), with the texts
      // beside it (of its element when it is that element's only node), read from text nodes and small leaf elements
      // only: an element's whole text could be the page's. Sliced, not cut, and not `truncated` past the cap: a
      // notice left out hides nothing the engine concludes a page lacks.
      let text = squash(value);
      if (!/[a-z]{3}/i.test(text.replace(COPYRIGHT_WORDS, ''))) {
        const at = parent.childNodes.length === 1 ? parent : node;
        text = squash(`${leafText(at.previousSibling, true)} ${value} ${leafText(at.nextSibling, false)}`);
      }
      text = text.slice(0, CAPS.text);
      if (copyrights.includes(text)) continue;
      copyrights.push(text);
      if (copyrights.length >= CAPS.copyrights) break;
    }
    return visited;
  }

  /**
   * The page's signals now (top frame). Never throws on page content.
   * @param {{notices?: boolean}} [options] `notices: false` skips the walk over text nodes, the costliest part,
   *   where the engine reads no notice (they only tell a recording and its consent notice on meeting pages)
   */
  function gather({ notices = true, onWhole = null } = {}) {
    const started = performance.now();
    const state = { truncated: false };
    const cut = capper(state);
    // A new pass: the last one's walk, if still going on, is not finished (its answer would be older than this one's).
    current = null;
    // The page's shadow roots, read like the document (a sign-in drawn in one is judged as the same in the page).
    const found = shadowRoots();
    passRoots = found.roots;
    if (found.truncated) state.truncated = true;
    try {
      const signals = readPage(cut, state);
      if (!notices) return finish(signals, state, started, true);
      const walk = noticeWalk(state);
      const over = walkSlice(walk, cut, started);
      signals.notices = [...walk.notices];
      finish(signals, state, started, over);
      if (!over && onWhole) continueWalk(walk, { ...signals }, cut, onWhole);
      return signals;
    } finally {
      passRoots = [];
    }
  }

  /** The signals of the document and the pass's roots but their notices (gather). */
  function readPage(cut, state) {
    return {
      // Cut to the engine's cap the way the background cuts it (shared/url-cut.js: host, user name's `@` and what
      // of the path fits kept, never sliced across them). Not
      // `truncated` when cut: a long query hides nothing of the page from the engine.
      url: cutAddress(location.href),
      title: cut(squash(getTitle.call(document)), CAPS.text),
      frame_hosts: [],
      headings: gatherHeadings(cut, state),
      links: gatherLinks(cut, state),
      buttons: gatherButtons(cut, state),
      forms: gatherForms(cut, state),
      img_alts: gatherList('img[alt]', (img) => squash(attr(img, 'alt')), CAPS.imgAlts, cut, state, CAPS.text),
      script_srcs: gatherList('script[src]', (s) => resolved(attr(s, 'src')), CAPS.scripts, cut, state, CAPS.src),
      iframe_srcs: gatherList('iframe[src]', (f) => resolved(attr(f, 'src')), CAPS.iframes, cut, state, CAPS.src),
      notices: [],
      copyrights: gatherCopyrights(),
      truncated: false,
    };
  }

  /** Sets `truncated` (also where the notice walk's time ran out first: `over` false) and counts the pass's cost. */
  function finish(signals, state, started, over) {
    signals.truncated = state.truncated || !over;
    const spent = performance.now() - started;
    stats.passes += 1;
    stats.totalMs += spent;
    stats.maxMs = Math.max(stats.maxMs, spent);
    if (stats.passes === 1) stats.firstMs = spent;
    if (!over) stats.timeCuts += 1;
    return signals;
  }

  /** Counts a later slice of a walk (continueWalk): its time, and whether its time ran out first too. */
  function countSlice(spent, over) {
    stats.slices += 1;
    stats.totalMs += spent;
    stats.maxMs = Math.max(stats.maxMs, spent);
    if (!over) stats.timeCuts += 1;
  }

  /** What the passes cost on this page (milliseconds of this script's time), read by the e2e cost test. */
  const stats = { passes: 0, firstMs: 0, maxMs: 0, totalMs: 0, slices: 0, timeCuts: 0 };

  /** Ends the walk continueWalk is going on with, if any (content.js startOver: the page it was for is gone, and a
   *  same-document navigation kills no timer), so its later slices do nothing. */
  function stop() {
    current = null;
  }

  return { gather, stop, isNotice, stats, CAPS, NOTICE_STEMS, NOTICE_EXACT };
}
