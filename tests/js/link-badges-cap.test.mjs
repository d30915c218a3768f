// Unit test of link-badges.js's cap a frame (shared/limits.js MAX_LINKS_PER_FRAME), in a fake document: past the cap
// the links are counted, never read (no `.href`), and the count goes to the background with the links
// (assess-links' `unread`), links the page adds later too (session 43: until then the cap was said nowhere).
// The same in real browsers: tests/e2e/link-budget.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LINKS_PER_BATCH, MAX_LINKS_PER_FRAME } from '../../extension/shared/limits.js';

let hrefReads = 0;
const sent = [];
let observer = null;

/** A link whose every `.href` read is counted. */
function link(i) {
  return {
    nodeType: 1,
    get href() {
      hrefReads += 1;
      return `https://example.org/link/${i}`;
    },
  };
}

/** An element holding `links`, as a MutationObserver reports it added. */
function holder(links) {
  return { nodeType: 1, isConnected: true, matches: () => false, querySelectorAll: () => links };
}

const EXTRA = 3000;
const links = Array.from({ length: MAX_LINKS_PER_FRAME + EXTRA }, (_, i) => link(i));
Object.assign(globalThis, {
  Node: { ELEMENT_NODE: 1 },
  document: { nodeType: 9, querySelectorAll: () => links },
  MutationObserver: class {
    constructor(callback) {
      observer = { callback, disconnected: false };
    }
    observe() {}
    disconnect() {
      observer.disconnected = true;
    }
  },
  chrome: {
    runtime: {
      sendMessage(message) {
        sent.push(message);
        return Promise.resolve({ badges: [] });
      },
    },
  },
});

test('link-badges: past MAX_LINKS_PER_FRAME the links are counted, not read, and the count sent; later ones too', async (t) => {
  await import('../../extension/content/link-badges.js');
  assert.equal(hrefReads, MAX_LINKS_PER_FRAME);
  assert.deepEqual(
    sent.map((m) => [m.urls.length, m.unread]),
    [...Array(MAX_LINKS_PER_FRAME / MAX_LINKS_PER_BATCH - 1).fill([MAX_LINKS_PER_BATCH, undefined]), [MAX_LINKS_PER_BATCH, EXTRA]],
  );
  // The page adds links, and one it had (moved): the new ones are counted once each, none read; still watched.
  // Later content is batched: one batch FLUSH_DELAY_MS (200 ms) after the first change, holding every change made
  // meanwhile (a second one at 150 ms does not restart the timer, or a page adding links every 150 ms would never
  // be checked), and nothing more. On the test's clock.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  sent.length = 0;
  observer.callback([{ addedNodes: [holder([link(-1), link(-2), links[0]])] }]);
  t.mock.timers.tick(150);
  observer.callback([{ addedNodes: [holder([link(-3), link(-4)])] }]);
  t.mock.timers.tick(49);
  assert.deepEqual(sent, [], 'not before the delay');
  t.mock.timers.tick(1);
  assert.equal(hrefReads, MAX_LINKS_PER_FRAME);
  assert.deepEqual(sent, [{ type: 'assess-links', urls: [], unread: 4 }], 'both changes in one batch, 200 ms after the first');
  t.mock.timers.tick(1000);
  assert.equal(sent.length, 1, 'nothing more');
  assert.equal(observer.disconnected, false);
});
