#!/usr/bin/env node
// A Chrome trace of one stopped-worker round of tools/measure-warning-time.mjs, summed up: what the background's
// service-worker thread spent on V8's lazy compilation of the wasm (wasm.CompileLazy: Chromium compiles a wasm
// function the first time it runs), on growing the wasm memory, and its longest tasks. A measurement tool, not a
// test (`make extension-test` first; tracing slows everything it records, so its times are larger than
// tools/profile-warning-time.mjs's):
//
//   flock /tmp/e2e.lock node tools/trace-warning-time.mjs [--extension DIR] [--out trace.json]
//
// --out keeps the whole trace (JSON array of trace events, for chrome://tracing or Perfetto).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXTENSION_DIR, launch, serve } from '../tests/e2e/browser.mjs';
import { LOOKALIKE, LOOKALIKE_FIXTURE, LOOKALIKE_PATTERN, sleep, stopWorkers, untilWarning } from './warning-round.mjs';

const { values: args } = parseArgs({ options: { extension: { type: 'string' }, out: { type: 'string' } } });
const CATEGORIES = [
  'toplevel',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.wasm.detailed',
  'ServiceWorker',
  'disabled-by-default-devtools.timeline',
].join(',');

const session = await launch({ extensionDir: args.extension ?? EXTENSION_DIR });
let events;
try {
  await serve(session.context, LOOKALIKE_PATTERN, LOOKALIKE_FIXTURE);
  const first = await session.context.newPage();
  await first.goto(LOOKALIKE).catch(() => {});
  await sleep(1500);
  await first.close();
  // Stopped from the tab that loads the lookalike (warning-round.mjs).
  const page = await session.context.newPage();
  await stopWorkers(page);
  const cdp = await session.context.newCDPSession(page);
  events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await sleep(200);
  await page.goto(LOOKALIKE).catch(() => {});
  await untilWarning(page);
  await sleep(500);
  await cdp.send('Tracing.end');
  await complete;
} finally {
  await session.close();
}
if (args.out) writeFileSync(args.out, JSON.stringify(events));

const threadNames = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
const worker = events
  .filter((e) => e.ph === 'X' && threadNames.get(`${e.pid}:${e.tid}`) === 'ServiceWorker thread')
  .sort((a, b) => a.ts - b.ts);
if (worker.length === 0) throw new Error('no events of a ServiceWorker thread in the trace');
const start = worker[0].ts;
const ms = (us) => (us / 1000).toFixed(1);
const total = (name) => {
  const found = worker.filter((e) => e.name === name);
  return `${ms(found.reduce((sum, e) => sum + (e.dur ?? 0), 0))} ms in ${found.length} events`;
};
console.log(`service-worker thread, ms from its first task:`);
console.log(`  wasm.CompileLazy (functions compiled on their first call): ${total('wasm.CompileLazy')}`);
console.log(`  wasm.GrowMemory: ${total('wasm.GrowMemory')}`);
console.log(`  tasks over 2 ms (start, duration, what):`);
for (const e of worker) {
  if ((e.dur ?? 0) < 2000 || e.cat !== 'toplevel' && e.cat !== 'v8.execute') continue;
  const where = e.args?.src_func ? ` (${e.args.src_file?.split('/').at(-1)} ${e.args.src_func})` : '';
  console.log(`    ${ms(e.ts - start).padStart(7)} ${ms(e.dur).padStart(6)}  ${e.name}${where}`);
}
const requested = events.find((e) => e.name === 'ServiceWorkerVersion::StartWorkerRequested');
if (requested) console.log(`  the browser asked for the worker's start ${ms(start - requested.ts)} ms before its first task`);
