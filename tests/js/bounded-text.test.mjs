// content/bounded-text.js (session 49): an element's text read only as far as a cut needs, the same text as its
// `textContent` cut and squashed, at a bounded cost; and the content scripts read no text whole where they keep a
// part of it (recording.js, credentials-watch.js, signals.js: the reads session 49 converted).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fakeCharacterData } from './fake-text.mjs';

/** Characters the fake text nodes gave out. */
let copied = 0;
Object.assign(globalThis, {
  Node: { TEXT_NODE: 3, ELEMENT_NODE: 1, prototype: {} },
  NodeFilter: { SHOW_TEXT: 4 },
  CharacterData: fakeCharacterData((count) => (copied += count)),
  // A walker over a fake element's text nodes, in order.
  Document: {
    prototype: {
      createTreeWalker(root) {
        let at = 0;
        return { nextNode: () => root.texts[at++] ?? null };
      },
    },
  },
  document: {},
});
const { boundedText, headOf, tailOf, lengthOf, MAX_READ, MAX_READ_NODES, MAX_READ_BLANK_NODES } = await import('../../extension/content/bounded-text.js');

const text = (value) => ({ nodeType: 3, text: value });
const element = (...values) => ({ nodeType: 1, texts: values.map(text) });
const squash = (value) => value.replace(/\s+/g, ' ').trim();

test('boundedText gives what the squashed textContent cut at max gives, white space not counted', () => {
  const pieces = ['', ' ', '\n  ', '\u00a0', 'a', 'Privacy', ' Policy ', 'x'.repeat(40), ' '.repeat(2000), 'word '.repeat(300)];
  let cases = 0;
  for (const a of pieces) {
    for (const b of pieces) {
      for (const c of pieces) {
        for (const max of [0, 3, 10, 150, 300]) {
          const whole = a + b + c;
          const { text: start, whole: seenWhole } = boundedText(element(a, b, c), max);
          assert.equal(squash(start).slice(0, max + 1), squash(whole).slice(0, max + 1), JSON.stringify([a.length, b.length, c.length, max]));
          assert.ok(whole.startsWith(start));
          if (seenWhole) assert.equal(start, whole);
          cases += 1;
        }
      }
    }
  }
  assert.equal(cases, 5000);
  // A text node is read like an element.
  assert.deepEqual(boundedText(text('  Recording in progress  '), 300), { text: '  Recording in progress  ', whole: true });
});

test('boundedText copies a bounded part of a huge text, and says when a bound stopped it', () => {
  copied = 0;
  const { text: start, whole } = boundedText(element('Chat ', 'word '.repeat(2_000_000)), 150);
  assert.equal(whole, false);
  assert.ok(squash(start).length > 150);
  assert.ok(copied < 2000, `${copied} characters copied of 10 MB`);
  // White space is read, up to MAX_READ characters in all.
  copied = 0;
  const spaces = boundedText(element(' '.repeat(10_000_000), 'Privacy'), 150);
  assert.deepEqual([spaces.text.length, spaces.whole, copied], [MAX_READ, false, MAX_READ]);
  // At most MAX_READ_NODES text nodes holding other characters than white space (`nodeBound: false`: no bound on
  // nodes, credentials-watch.js's editor read).
  const many = boundedText(element(...Array.from({ length: MAX_READ_NODES + 5 }, () => 'x')), 150_000);
  assert.deepEqual([many.text.length, many.whole], [MAX_READ_NODES, false]);
  assert.deepEqual(boundedText(element(...Array.from({ length: MAX_READ_NODES + 5 }, () => 'x')), 150_000, { nodeBound: false }).whole, true);
  // White-space nodes (a pretty-printed inline SVG in a link, review finding 2) do not count towards it: their own
  // bound is MAX_READ_BLANK_NODES.
  const svg = boundedText(element(...Array.from({ length: 1100 }, () => '\n  '), 'Zoom home'), 150);
  assert.deepEqual([svg.whole, svg.text.trim()], [true, 'Zoom home']);
  const blanks = boundedText(element(...Array.from({ length: MAX_READ_BLANK_NODES + 5 }, () => '')), 150);
  assert.deepEqual([blanks.text, blanks.whole], ['', false]);
  // A node's head, tail and length, without copying the rest.
  copied = 0;
  const node = text(`start ${'x'.repeat(1_000_000)} end`);
  assert.deepEqual([headOf(node, 5), tailOf(node, 3), lengthOf(node), copied], ['start', 'end', 1_000_010, 8]);
});

/** The reads of whole texts in a content script's source, by property: `textContent`, `nodeValue`, `innerText` and
 *  `data` (not assigned). */
function wholeReads(path) {
  const source = readFileSync(new URL(`../../extension/content/${path}`, import.meta.url), 'utf8');
  return source
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
    .flatMap((line) => [...line.matchAll(/\.(textContent|nodeValue|innerText|data)\b(?!\s*=[^=])/g)].map((m) => `${m[1]}: ${line.trim()}`));
}

test('recording.js, credentials-watch.js and signals.js read no text whole where they keep a part (session 49)', () => {
  assert.deepEqual(wholeReads('recording.js'), [], 'recording.js: button texts, text nodes and notices read bounded');
  assert.deepEqual(wholeReads('signals.js'), [], 'signals.js: links, buttons, submits, headings and the notice walk read bounded');
  // credentials-watch.js: link texts and text nodes read bounded; what is left is read whole on purpose: an editor's
  // innerText once its text is known to fit the cap (editorText), and the removal of a passcode after a click
  // (replaceInEditable: it must find the passcode wherever it is, once a click).
  assert.deepEqual(wholeReads('credentials-watch.js'), [
    'innerText: if (boundedText(editor, MAX_SCAN_TEXT, { nodeBound: false }).whole) return dom.innerText.call(editor).slice(0, MAX_SCAN_TEXT);',
    'innerText: const part = start.whole && child instanceof HTMLElement ? dom.innerText.call(child) : start.text;',
    'data: text += node.data;',
    'textContent: if (insert(replacement) && !editor.textContent.includes(found)) return;',
  ]);
});
