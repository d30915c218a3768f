// tools/gecko-profile.mjs on a small profile in the Gecko format Firefox ESR 153 writes (version 34: tables with
// a schema, threadCPUDelta in ns): which processes count, and how a sample's CPU time is split by its stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageCost } from '../../tools/gecko-profile.mjs';

const CATEGORIES = [{ name: 'Idle' }, { name: 'Other' }, { name: 'Layout' }, { name: 'JavaScript' }];
const [IDLE, OTHER, LAYOUT, JS] = [0, 1, 2, 3];
const EXT = 'moz-extension://6b1f3c2e-5d4a-4e8b-9c7d-0a1b2c3d4e5f';

/** A GeckoMain thread: `frames` as [location, category], `stacks` as [prefix, frame], `samples` as [stack, ns]. */
function thread(processName, frames, stacks, samples) {
  const stringTable = frames.map(([location]) => location);
  return {
    name: 'GeckoMain',
    processType: 'tab',
    processName,
    stringTable,
    frameTable: { schema: { location: 0, category: 1 }, data: frames.map(([, category], i) => [i, category]) },
    stackTable: { schema: { prefix: 0, frame: 1 }, data: stacks },
    samples: { schema: { stack: 0, time: 1, threadCPUDelta: 2 }, data: samples.map(([stack, ns], i) => [stack, i * 0.2, ns]) },
  };
}

const FRAMES = [
  ['PollWrapper', IDLE], // 0
  ['js::RunScript', JS], // 1
  [`collect (${EXT}/content/link-badges.js:75:21)[12]`, JS], // 2
  ['PresShell::DoReflow', LAYOUT], // 3
  ['onLoad (https://us06web.zoom.us/j/1:3:1)[4]', JS], // 4
  ['nsRefreshDriver::Tick', OTHER], // 5
  ['get chromeObj (resource://gre/modules/ExtensionContent.sys.mjs:1219:16)[9]', JS], // 6
  ['sendMessage (chrome://extensions/content/child/ext-runtime.js:112:20)[9]', JS], // 7
];
// 0 idle; 1 RunScript; 2 RunScript > collect; 3 RunScript > collect > reflow; 4 RunScript > page; 5 refresh > reflow;
// 7 RunScript > collect > Firefox building the API; 8 RunScript > Firefox's API code not called by an extension;
// 9 RunScript > collect > Firefox's API > reflow
const STACKS = [[null, 0], [null, 1], [1, 2], [2, 3], [1, 4], [null, 5], [5, 3], [2, 6], [1, 7], [7, 3]];

test('sums CPU time by what is on the stack, in the web-content processes only', () => {
  const page = thread('Isolated Web Content', FRAMES, STACKS, [
    [0, 900_000], // idle: main thread only
    [2, 2_000_000], // extension script
    [3, 1_000_000], // layout the extension's script asked for: script and extension
    [4, 500_000], // the page's own script
    [6, 300_000], // layout outside script
    [null, 100_000], // no stack
    [7, 400_000], // Firefox building the API for the extension's call: extension and extension API
    [8, 200_000], // Firefox's API code with no extension frame below it: script only
    [9, 100_000], // layout under the API call: extension API too
  ]);
  const other = thread('Web Content', FRAMES, STACKS, [[4, 1_000_000]]);
  const extensionProcess = thread('WebExtensions', FRAMES, STACKS, [[2, 50_000_000]]);
  const parent = { ...thread('Parent Process', FRAMES, STACKS, [[2, 70_000_000]]), processType: 'default' };
  const profile = {
    meta: { categories: CATEGORIES, sampleUnits: { time: 'ms', threadCPUDelta: 'ns' } },
    threads: [parent],
    processes: [{ threads: [page, extensionProcess] }, { threads: [other] }],
  };
  const { where, ...sums } = pageCost(profile);
  // Sums of ns × 1e-6 in floating point: compared to the µs.
  const cost = Object.fromEntries(Object.entries(sums).map(([metric, ms]) => [metric, Math.round(ms * 1000) / 1000]));
  assert.deepEqual(cost, { script: 5.2, extension: 3.5, 'extension API': 0.5, 'main thread': 6.5 });
  assert.deepEqual([...where], [[`collect (${EXT}/content/link-badges.js:75:21)`, 3.5]]);
});

test('refuses a profile without CPU times', () => {
  const profile = { meta: { categories: CATEGORIES, sampleUnits: { time: 'ms' } }, threads: [] };
  assert.throws(() => pageCost(profile), /cpu feature/);
});
