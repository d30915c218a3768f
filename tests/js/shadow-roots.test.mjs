// Unit tests of the shadow-root finder of extension/content/signals.js (session 47): shadowRoots finds a page's open
// and closed roots in order, roots inside roots to its depth, only on elements that can host one, never the
// extension's own hosts (shadow-host.js's set, shared by the bundles), the closed-root API asked only of custom and
// empty elements, within its caps (`truncated` when cut); and
// focusedPasswordField finds a focused field through the roots' focused elements, nested too, and remembers those
// roots for the next pass. On a fake DOM of plain classes (the real browsers: tests/e2e/shadow-signin.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** The fake DOM: what signals.js reads through the prototypes (Firefox's `openOrClosedShadowRoot` getter, as a
 *  content script sees it). */
class Node {
  get isConnected() {
    return this.connected;
  }
}
class Element extends Node {
  constructor(localName, children = []) {
    super();
    this.name = localName;
    this.children = children;
    this.hosted = null;
    this.connected = true;
  }
  get firstElementChild() {
    return this.children.find((child) => child instanceof Element) ?? null;
  }
  get localName() {
    return this.name;
  }
  get openOrClosedShadowRoot() {
    return this.hosted;
  }
  get shadowRoot() {
    return this.hosted?.mode === 'open' ? this.hosted : null;
  }
}
class HTMLElement extends Element {}
/** A text node (whitespace between tags): no element. */
class Text extends Node {
  constructor(data) {
    super();
    this.data = data;
  }
}
class HTMLInputElement extends HTMLElement {
  constructor(type) {
    super('input');
    this.type = type;
  }
}
class ShadowRoot {
  constructor(host, children = [], mode = 'closed') {
    this.host = host;
    this.children = children;
    this.mode = mode;
    this.focused = null;
    host.hosted = this;
  }
  get activeElement() {
    return this.focused;
  }
}
Object.assign(globalThis, { Node, Element, HTMLElement, HTMLInputElement, ShadowRoot });

const { shadowRoots, focusedPasswordField, eventOrigin } = await import('../../extension/content/signals.js');
const { isOwnHost, onlyOwnHostsAdded } = await import('../../extension/content/shadow-host.js');

/** A scope's elements in tree order, not into roots (a TreeWalker's order). */
function* elementsOf(scope) {
  for (const child of scope.children ?? []) {
    if (!(child instanceof Element)) continue;
    yield child;
    yield* elementsOf(child);
  }
}
const find = (start) => shadowRoots({ starts: [start], elementsOf });
/** shadowRoots's answer without `rootless` (asserted where it matters). */
const found = ({ roots, truncated }) => ({ roots, truncated });
const el = (name, children) => new HTMLElement(name, children);
const page = (...children) => ({ children });

test('finds open and closed roots in document order, roots inside roots after them', () => {
  const first = el('div');
  const custom = el('login-form');
  const inner = el('span');
  const innerRoot = new ShadowRoot(inner, [el('p')]);
  const firstRoot = new ShadowRoot(first, [inner], 'open');
  const customRoot = new ShadowRoot(custom, [el('form')]);
  const { roots, truncated } = find(page(el('main', [first, el('section', [custom])])));
  assert.deepEqual(roots, [firstRoot, customRoot, innerRoot]);
  assert.equal(truncated, false);
});

test('asks only elements that can host a root (a custom element\'s name, or one of HTML\'s list)', () => {
  const anchor = el('a');
  new ShadowRoot(anchor, []);
  const heading = el('h1');
  const headingRoot = new ShadowRoot(heading, []);
  assert.deepEqual(find(page(anchor, heading)).roots, [headingRoot]);
});

test('asks the closed-root API only of custom elements and of elements without element children, at most 200 times a walk, not `truncated` past them; open roots always', () => {
  const filled = el('div', [el('p')]);
  new ShadowRoot(filled, []);
  const filledOpen = el('div', [el('p')]);
  const openRoot = new ShadowRoot(filledOpen, [], 'open');
  const custom = el('sign-in', [el('p')]);
  const customRoot = new ShadowRoot(custom, []);
  // A host with only a newline or a comment in it (`<div id="login">\n</div>`) has no element child: asked.
  const spaced = el('div', [new Text('\n')]);
  const spacedRoot = new ShadowRoot(spaced, []);
  assert.deepEqual(found(find(page(filled, filledOpen, custom, spaced))), { roots: [openRoot, customRoot, spacedRoot], truncated: false });
  // 200 empty decoys spend the asks: the closed root after them is not found, and the page is not `truncated` for
  // it (session 47's review: a vendor's page with 250 empty icon spans lost its no-privacy-link); its field's focus
  // finds it (focusedPasswordField).
  const empties = Array.from({ length: 200 }, () => el('span'));
  const late = el('div');
  const lateRoot = new ShadowRoot(late, []);
  const spent = find(page(...empties, late));
  assert.deepEqual(found(spent), { roots: [], truncated: false });
  // The elements asked with no root, for the password watch to ask again (hasPasswordField's lateHosts, session 49).
  assert.deepEqual(spent.rootless, empties);
  assert.deepEqual(found(find(page(...empties.slice(1), late))), { roots: [lateRoot], truncated: false });
});

test('walks only the subtrees it is given (the elements added since the last password-field test), themselves included', () => {
  const before = el('div');
  new ShadowRoot(before, []);
  const added = el('section', [el('login-card')]);
  const addedRoot = new ShadowRoot(added.children[0], []);
  const host = el('div');
  const hostRoot = new ShadowRoot(host, []);
  page(before, added, host);
  assert.deepEqual(found(shadowRoots({ starts: [added, host], elementsOf: (scope) => (scope instanceof ShadowRoot ? elementsOf(scope) : [scope, ...elementsOf(scope)]) })), {
    roots: [addedRoot, hostRoot],
    truncated: false,
  });
});

test('leaves out the extension\'s own hosts (shadow-host.js, one set for every bundle in the frame)', () => {
  const own = el('div');
  new ShadowRoot(own, [el('button')]);
  globalThis[Symbol.for('joinguard.ownHosts')].add(own);
  assert.equal(isOwnHost(own), true, 'shadow-host.js reads the shared set');
  const pages = el('div');
  const pagesRoot = new ShadowRoot(pages, []);
  assert.deepEqual(find(page(own, pages)).roots, [pagesRoot]);
});

test('a mutation batch is the extension\'s own only when it adds nothing but its hosts: a text change or a removal is the page\'s', () => {
  const own = el('div');
  globalThis[Symbol.for('joinguard.ownHosts')].add(own);
  const added = (...nodes) => ({ type: 'childList', addedNodes: nodes, removedNodes: [] });
  assert.equal(onlyOwnHostsAdded([added(own)]), true, 'a credential mark added');
  assert.equal(onlyOwnHostsAdded([added(own), added(el('div'))]), false, 'a page element added beside it');
  // content.js's password watch observes characterData: a countdown ticking while a kit attaches its root is a change.
  const text = { type: 'characterData', addedNodes: [], removedNodes: [] };
  assert.equal(onlyOwnHostsAdded([text]), false, 'a text-only batch');
  assert.equal(onlyOwnHostsAdded([added(own), text]), false, 'a mark and a text change');
  assert.equal(onlyOwnHostsAdded([{ type: 'childList', addedNodes: [], removedNodes: [el('p')] }]), false, 'a removal');
});

test('stops at its caps; `truncated` only for a root found and not read', () => {
  // 10,000 elements walked: a root after them is not found, and nothing is `truncated` (a page with no root at all
  // but over 10,000 elements was, and lost the engine's "missing" findings: session 47's review).
  const many = Array.from({ length: 10_001 }, () => el('li'));
  const late = el('div');
  new ShadowRoot(late, []);
  assert.deepEqual(found(find(page(...many, late))), { roots: [], truncated: false });
  // `visited` (credentials-watch.js spends its lifetime walk budget by it): the elements walked, at most 10,000.
  assert.equal(find(page(...many, late)).visited, 10_000);
  assert.equal(find(page(el('li'), el('div', [el('span')]))).visited, 3);

  // 100 roots read; the 101st found is one too many.
  const hosts = Array.from({ length: 101 }, () => el('x-chip'));
  for (const host of hosts) new ShadowRoot(host, [], 'open');
  const counted = find(page(...hosts));
  assert.equal(counted.roots.length, 100);
  assert.equal(counted.truncated, true);
  assert.deepEqual(find(page(...hosts.slice(1))).truncated, false);

  // Five roots, each inside the last: four are read.
  let deepest = el('div');
  const chain = [new ShadowRoot(deepest, [])];
  for (let i = 0; i < 4; i++) {
    const host = el('div');
    chain.unshift(new ShadowRoot(host, [chain[0].host]));
    deepest = host;
  }
  const deep = find(page(chain[0].host));
  assert.deepEqual(deep.roots, chain.slice(0, 4));
  assert.equal(deep.truncated, true);
  assert.deepEqual(found(find(page(chain[1].host))), { roots: chain.slice(1, 5), truncated: false });
});

test('a focused field in nested closed roots is found through their focused elements, and its roots are read next', () => {
  const field = new HTMLInputElement('password');
  const inner = el('pw-field');
  const innerRoot = new ShadowRoot(inner, [field]);
  const outer = el('login-card');
  const outerRoot = new ShadowRoot(outer, [inner]);
  innerRoot.focused = field;
  outerRoot.focused = inner;
  assert.equal(focusedPasswordField({ target: field }), field, 'a field heard as itself');
  assert.equal(focusedPasswordField({ target: outer }), field, 'a field heard as its host');
  assert.equal(focusedPasswordField({ target: el('div') }), null, 'an element without a root');
  const text = new HTMLInputElement('text');
  innerRoot.focused = text;
  assert.equal(focusedPasswordField({ target: outer }), null, 'another field');
  innerRoot.focused = field;

  // Past the walk's cap, the remembered roots are still read; once their host leaves the document, no longer.
  const past = find(page(...Array.from({ length: 10_001 }, () => el('li')), outer));
  assert.deepEqual(past.roots, [outerRoot, innerRoot]);
  assert.equal(past.truncated, false);
  outer.connected = false;
  inner.connected = false;
  assert.deepEqual(find(page()).roots, []);
});

test('an input event\'s origin: the composed path\'s first node (into open roots), then closed roots\' focused elements', () => {
  // A stand-in for the DOM's Event, whose composedPath() names the nodes a listener outside may see: into an open
  // root, not into a closed one (its host instead).
  class FakeEvent {
    constructor(path, target = path[0]) {
      this.path = path;
      this.target = target;
    }
    composedPath() {
      return this.path;
    }
  }
  const realEvent = globalThis.Event;
  globalThis.Event = FakeEvent;
  try {
    const composer = el('textarea');
    const plain = el('textarea');
    assert.equal(eventOrigin(new FakeEvent([plain])), plain, 'a composer in the document');
    const openHost = el('chat-box');
    new ShadowRoot(openHost, [composer], 'open');
    assert.equal(eventOrigin(new FakeEvent([composer], openHost)), composer, 'in an open root: the path goes in');
    const closedHost = el('chat-box');
    const closedRoot = new ShadowRoot(closedHost, [composer]);
    closedRoot.focused = composer;
    assert.equal(eventOrigin(new FakeEvent([closedHost])), composer, 'in a closed root: its focused element');
    // A closed root inside an open one: the path stops at the inner host.
    const outer = el('app-shell');
    const innerHost = el('div');
    new ShadowRoot(outer, [innerHost], 'open');
    const innerRoot = new ShadowRoot(innerHost, [composer]);
    innerRoot.focused = composer;
    assert.equal(eventOrigin(new FakeEvent([innerHost], outer)), composer, 'nested');
    closedRoot.focused = null;
    assert.equal(eventOrigin(new FakeEvent([closedHost])), closedHost, 'nothing focused in the root: the host');
    assert.equal(eventOrigin(new FakeEvent([], plain)), plain, 'no path (dispatch over): the target');
  } finally {
    globalThis.Event = realEvent;
  }
});
