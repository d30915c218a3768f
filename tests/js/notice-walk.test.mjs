// signals.js's notice walk in slices (session 50). A pass whose walk runs out of its time budget (TIME_BUDGET_MS, 4 ms,
// checked every 64th text node) was `truncated`, and the engine then said nothing a page lacks (no-privacy-link): on a
// join page of more than 64 text nodes, whether a person saw the finding depended on how busy the machine was. Now
// the walk goes on in later tasks from the node it stopped at, and `onWhole` gets the pass's signals once it is over.
// Time here is a fake clock that moves only when a text node is read (mock of `performance.now`), and the slices are
// mock timers (node:test `mock.timers`): no test depends on the machine's speed. On main (42f8fd9) gather() has no
// `onWhole`: the first test fails there (nothing is ever called back; its pass stays `truncated`).
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { fakeCharacterData } from './fake-text.mjs';

const { engine } = await import('./engine.mjs');

/** The fake clock (ms) and what one read of a text node's characters costs on it. */
let clock = 0;
let readCost = 0;
/** The page: its body's text nodes (each its own paragraph's) and the elements the other parts of a pass query. */
let fakePage = null;

const getter = (get) => ({ get });
Object.assign(globalThis, {
  Element: {
    prototype: {
      getAttribute(name) {
        return this.attributes?.[name] ?? null;
      },
      querySelector() {
        return null;
      },
    },
  },
  Document: {
    prototype: Object.defineProperties(
      {
        querySelectorAll(selector) {
          return fakePage.elements[selector] ?? [];
        },
        querySelector() {
          return null;
        },
        getElementsByTagName() {
          return [];
        },
        // An element's own text nodes (bounded-text.js), or the body's: forward, and back from the last (copyrights).
        createTreeWalker(root) {
          const nodes = root.texts ?? fakePage.textNodes;
          let at = -1;
          return {
            nextNode: () => nodes[++at] ?? null,
            previousNode: () => (at > 0 ? nodes[--at] : null),
            set currentNode(node) {
              at = nodes.indexOf(node);
            },
          };
        },
      },
      { title: getter(() => 'Launch Meeting - Zoom'), body: getter(() => fakePage.body) },
    ),
  },
  Node: {
    TEXT_NODE: 3,
    ELEMENT_NODE: 1,
    prototype: Object.defineProperties(
      {
        contains(node) {
          return this === fakePage.body && fakePage.textNodes.includes(node);
        },
      },
      { baseURI: getter(() => fakePage.url) },
    ),
  },
  CharacterData: fakeCharacterData(() => (clock += readCost)),
  NodeFilter: { SHOW_TEXT: 4 },
  document: { documentElement: { attributes: {} } },
});
Object.defineProperty(globalThis, 'location', { configurable: true, get: () => ({ href: fakePage.url }) });
Object.defineProperty(globalThis, 'performance', { configurable: true, value: { now: () => clock } });
const { signals } = await import('../../extension/content/signals.js');

/** An element holding one text node. */
function element(localName, text, attributes = {}) {
  const node = { nodeType: 3, text };
  const made = { nodeType: 1, nodeName: localName.toUpperCase(), localName, texts: [node], attributes, href: attributes.href };
  node.parentElement = made;
  return made;
}

/** A Zoom join page with no privacy link and `count` paragraphs in its body, `notice` (a consent notice) the last. */
function joinPage(count, notice = 'This meeting is being recorded. By joining, you consent to the recording.') {
  const paragraphs = Array.from({ length: count }, (_, i) => element('p', i === count - 1 ? notice : `Step ${i} of joining`));
  const textNodes = paragraphs.map((p) => p.texts[0]);
  return {
    url: 'https://us02web.zoom.us/j/85123456789',
    textNodes,
    body: { lastChild: textNodes.at(-1) },
    elements: {
      'a[href]': [element('a', 'Launch Meeting', { href: 'zoommtg://us02web.zoom.us/join?confno=85123456789' })],
      'button, [role="button"], input[type="submit" i], input[type="button" i]': [element('button', 'Launch Meeting')],
    },
  };
}
const findings = (gathered) => engine.assessPage(gathered, null).findings.map((f) => f.id);

/** gather() with notices on `page`, its walk's slices run by mock timers: the first answer, and what onWhole got. */
function gatherSliced(page, cost, run = true) {
  fakePage = page;
  readCost = cost;
  clock = 0;
  const wholes = [];
  const first = signals.gather({ notices: true, onWhole: (rest) => wholes.push(rest) });
  if (run) mock.timers.runAll();
  return { first, wholes };
}

test('a walk cut by its time budget goes on in later slices, and its end says what the page lacks', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const before = { ...signals.stats };
    // 1,000 paragraphs, each read 0.1 ms on the fake clock: 64 nodes a slice (6.4 ms, past the 4 ms budget at the
    // first check), 16 slices; the consent notice is the last node.
    const { first, wholes } = gatherSliced(joinPage(1000), 0.1);
    assert.equal(first.truncated, true, 'the first answer: the walk was cut');
    assert.ok(!findings(first).includes('no-privacy-link'), 'the first answer says nothing the page lacks');
    assert.equal(wholes.length, 1, 'onWhole is called once, when the walk is over');
    const [whole] = wholes;
    assert.equal(whole.truncated, false, 'the whole walk: nothing cut');
    assert.deepEqual(whole.notices, ['This meeting is being recorded. By joining, you consent to the recording.']);
    assert.ok(findings(whole).includes('no-privacy-link'), JSON.stringify(findings(whole)));
    assert.deepEqual({ ...whole, notices: [], truncated: true }, { ...first, notices: [], truncated: true }, 'the rest of the pass is the pass');
    // Every slice stopped at its first check (64 nodes): within the budget's bound, 15 after the first.
    assert.equal(signals.stats.slices - before.slices, 15);
    assert.equal(signals.stats.timeCuts - before.timeCuts, 15);
  } finally {
    mock.timers.reset();
  }
});

test('a walk within its budget is one pass: nothing scheduled, nothing called back', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { first, wholes } = gatherSliced(joinPage(1000), 0, false);
    assert.equal(first.truncated, false);
    assert.equal(first.notices.length, 1);
    assert.ok(findings(first).includes('no-privacy-link'));
    mock.timers.runAll();
    assert.equal(wholes.length, 0);
  } finally {
    mock.timers.reset();
  }
});

test('a real cap still marks the pass truncated: more text nodes than MAX_TEXT_NODES, sliced or not', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    // 0.01 ms a node: about 400 nodes a slice, so the 3,000-node cap is reached in 8 slices (within MAX_SLICES).
    const capped = gatherSliced(joinPage(3001), 0.01);
    assert.equal(capped.first.truncated, true);
    assert.equal(capped.wholes.length, 1);
    assert.equal(capped.wholes[0].truncated, true, 'the 3,001st text node was not read');
    assert.deepEqual(capped.wholes[0].notices, [], 'the notice after the cap is not read');
    assert.ok(!findings(capped.wholes[0]).includes('no-privacy-link'));
    // The cap exactly: seen whole.
    const atCap = gatherSliced(joinPage(3000), 0.01);
    assert.equal(atCap.wholes.length, 1);
    assert.equal(atCap.wholes[0].truncated, false);
    assert.ok(findings(atCap.wholes[0]).includes('no-privacy-link'));
    // Not sliced (no time used): the same cap in the one pass.
    const unsliced = gatherSliced(joinPage(3001), 0, false);
    assert.equal(unsliced.first.truncated, true);
    mock.timers.runAll();
    assert.equal(unsliced.wholes.length, 0);
  } finally {
    mock.timers.reset();
  }
});

test('the slices are bounded: past MAX_SLICES the pass stays truncated', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const before = { ...signals.stats };
    // 0.1 ms a node: 64 nodes a slice, and 2,000 nodes would need 32 slices; 24 are allowed (the first included).
    const { wholes } = gatherSliced(joinPage(2000), 0.1);
    assert.equal(wholes.length, 1);
    assert.equal(wholes[0].truncated, true);
    assert.deepEqual(wholes[0].notices, []);
    assert.equal(signals.stats.slices - before.slices, 23);
  } finally {
    mock.timers.reset();
  }
});

test('a new pass drops the last one’s walk; a walk whose node the page removed ends with its first answer', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const older = gatherSliced(joinPage(1000), 0.1, false);
    const newer = gatherSliced(joinPage(500), 0.1, false);
    mock.timers.runAll();
    assert.equal(older.wholes.length, 0, 'the older walk is not finished');
    assert.equal(newer.wholes.length, 1);
    assert.equal(newer.wholes[0].truncated, false);
    // The page removes the node the first slice stopped at (the 65th): the walk ends, nothing called back.
    const removed = gatherSliced(joinPage(1000), 0.1, false);
    fakePage.textNodes.splice(64, 1);
    mock.timers.runAll();
    assert.equal(removed.wholes.length, 0);
    assert.equal(removed.first.truncated, true);
  } finally {
    mock.timers.reset();
  }
});
