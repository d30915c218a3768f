#!/usr/bin/env node
// A Chrome trace of one stopped-worker round of tools/measure-warning-time.mjs, summed up: what the background's
// service-worker thread spent on V8's lazy compilation of the wasm (wasm.CompileLazy: Chromium compiles a wasm
// function the first time it runs), on growing the wasm memory, and its longest tasks. A measurement tool, not a
// test (`make extension-test` first; tracing slows everything it records, so its times are larger than
// tools/profile-warning-time.mjs's):
//
//   flock /tmp/e2e.lock node tools/trace-warning-time.mjs [--extension DIR] [--out trace.json] [--names FILE]
//     [--functions N] [--from trace.json] [--woken]
//
// --out keeps the whole trace (JSON array of trace events, for chrome://tracing or Perfetto); --from summarises a
// kept trace instead of running a round. Each lazily compiled function is listed by its index and body size
// (V8's wasm.CompileBaseline event) with the ms of its wasm.CompileLazy, the --functions N (default 15) largest;
// --names FILE names them from a build of the same package that kept its names, made as `make size-report` makes
// its `named.wasm` (the Makefile's recipe, with the out-of-line options of tools/wasm-out-of-line.mjs)
// (session 35 checked that its function bodies are the package's, in the same order and of the same sizes; the
// tool compares the sizes and stops on a difference). The module's code bytes come from the extension's wasm.
// --woken wakes the worker 300 ms before the page, as profile-warning-time.mjs --woken does.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_DIR, launch, serve } from '../tests/e2e/browser.mjs';
import { LOOKALIKE, LOOKALIKE_FIXTURE, LOOKALIKE_PATTERN, sleep, stopWorkers, untilWarning } from './warning-round.mjs';
import { readModule } from './wasm-module.mjs';

const { values: args } = parseArgs({
  options: {
    extension: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    names: { type: 'string' },
    functions: { type: 'string', default: '15' },
    woken: { type: 'boolean', default: false },
  },
});
const CATEGORIES = [
  'toplevel',
  'v8.execute',
  'v8.wasm',
  'disabled-by-default-v8.wasm.detailed',
  'ServiceWorker',
  'disabled-by-default-devtools.timeline',
].join(',');

const extensionDir = args.extension ?? EXTENSION_DIR;
let events;
if (args.from) events = JSON.parse(readFileSync(args.from, 'utf8'));
else events = await traceRound();

/** One stopped-worker round under tracing: the trace's events. */
async function traceRound() {
  const session = await launch({ extensionDir });
  const events = [];
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
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await sleep(200);
    if (args.woken) {
      // As profile-warning-time.mjs --woken: a tab closed (the background's tabs.onRemoved) starts the worker
      // 300 ms before the lookalike, so its warm-up at start has run when the page asks.
      await (await session.context.newPage()).close();
      await sleep(300);
    }
    await page.goto(LOOKALIKE).catch(() => {});
    await untilWarning(page);
    await sleep(500);
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await session.close();
  }
  return events;
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

// Per function: the body size V8 compiled (wasm.CompileBaseline, in the detailed category) and the time of its
// lazy compile (wasm.CompileLazy, which holds the baseline compile and the code's publishing).
const module = readModule(readFileSync(join(extensionDir, 'pkg/joinguard_wasm_bg.wasm')));
const codeBytes = module.bodies.reduce((a, b) => a + b, 0);
let names = new Map();
if (args.names) {
  const named = readModule(readFileSync(args.names));
  const same = named.importedFunctions === module.importedFunctions &&
    named.bodies.length === module.bodies.length && named.bodies.every((size, i) => size === module.bodies[i]);
  if (!same) throw new Error(`${args.names}: its function bodies are not the extension's (another build?)`);
  names = named.names;
}
const lazy = worker.filter((e) => e.name === 'wasm.CompileLazy');
const sizeOf = new Map(worker.filter((e) => e.name === 'wasm.CompileBaseline').map((e) => [e.args.funcIndex, e.args.bodySize]));
const compiled = lazy.map((e) => ({ index: e.args.func_index, ms: (e.dur ?? 0) / 1000, bytes: sizeOf.get(e.args.func_index) }));
const lazyBytes = compiled.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
// By the worker's task that compiled them (the warm-up at the worker's start and the page's verdict are one
// task when the page's message woke the worker, two when something else woke it first).
const tasks = worker.filter((e) => e.cat === 'toplevel' || e.name === 'RunMicrotasks');
const byTask = new Map();
for (const e of lazy) {
  const task = tasks.filter((t) => t.ts <= e.ts && t.ts + (t.dur ?? 0) >= e.ts + (e.dur ?? 0)).sort((a, b) => a.dur - b.dur)[0];
  const key = task ? `${ms(task.ts - start).padStart(7)} ${ms(task.dur).padStart(6)}  ${task.name}` : '(in no task)';
  const entry = byTask.get(key) ?? { functions: 0, bytes: 0, us: 0 };
  entry.functions += 1;
  entry.bytes += sizeOf.get(e.args.func_index) ?? 0;
  entry.us += e.dur ?? 0;
  byTask.set(key, entry);
}
console.log(`  lazy compiles by task (task start, duration; functions, body bytes, ms):`);
for (const [key, entry] of byTask) console.log(`    ${key}: ${entry.functions} functions, ${entry.bytes} bytes, ${ms(entry.us)} ms`);
console.log(`  lazily compiled: ${compiled.length} functions, ${lazyBytes} of the module's ${codeBytes} code bytes ` +
  `(${(100 * lazyBytes / codeBytes).toFixed(1)} %, ${module.bodies.length} functions)`);
if (compiled.some((f) => f.bytes === undefined)) console.log('  (some without a size: the detailed category missed)');
console.log(`  the largest (index, body bytes, ms of its lazy compile, name):`);
for (const f of [...compiled].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0)).slice(0, Number(args.functions))) {
  const name = names.get(f.index) ?? '';
  console.log(`    ${String(f.index).padStart(5)} ${String(f.bytes).padStart(7)} ${f.ms.toFixed(2).padStart(6)}  ${name.length > 110 ? `${name.slice(0, 107)}...` : name}`);
}
