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
];
// 0 idle; 1 RunScript; 2 RunScript > collect; 3 RunScript > collect > reflow; 4 RunScript > page; 5 refresh > reflow
const STACKS = [[null, 0], [null, 1], [1, 2], [2, 3], [1, 4], [null, 5], [5, 3]];

test('sums CPU time by what is on the stack, in the web-content processes only', () => {
  const page = thread('Isolated Web Content', FRAMES, STACKS, [
    [0, 900_000], // idle: main thread only
    [2, 2_000_000], // extension script
    [3, 1_000_000], // layout the extension's script asked for: script and extension
    [4, 500_000], // the page's own script
    [6, 300_000], // layout outside script
    [null, 100_000], // no stack
  ]);
  const other = thread('Web Content', FRAMES, STACKS, [[4, 1_000_000]]);
  const extensionProcess = thread('WebExtensions', FRAMES, STACKS, [[2, 50_000_000]]);
  const parent = { ...thread('Parent Process', FRAMES, STACKS, [[2, 70_000_000]]), processType: 'default' };
  const profile = {
    meta: { categories: CATEGORIES, sampleUnits: { time: 'ms', threadCPUDelta: 'ns' } },
    threads: [parent],
    processes: [{ threads: [page, extensionProcess] }, { threads: [other] }],
  };
  const { where, ...cost } = pageCost(profile);
  assert.deepEqual(cost, { script: 4.5, extension: 3, 'main thread': 5.8 });
  assert.deepEqual([...where], [[`collect (${EXT}/content/link-badges.js:75:21)`, 3]]);
});

test('refuses a profile without CPU times', () => {
  const profile = { meta: { categories: CATEGORIES, sampleUnits: { time: 'ms' } }, threads: [] };
  assert.throws(() => pageCost(profile), /cpu feature/);
});
