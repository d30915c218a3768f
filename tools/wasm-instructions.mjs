#!/usr/bin/env node
// `make bench-wasm-instructions`: instructions per URL and per byte of the wasm engine, counted by callgrind
// inside V8, deterministic where wall-clock rates on this shared machine are not (issue 14's size work needs a
// speed figure for each wasm build it compares).
//
// The bench modules (examples/wasm_urls.rs, examples/wasm_text.rs) go through `wasm-opt -Oz` as the package
// does, then run in one Node under valgrind with TurboFan only (`--no-liftoff`), compiled before the first call
// (`--no-wasm-lazy-compilation`) and on one thread. Callgrind counts only inside the JavaScript-to-wasm calls
// (V8's `Builtins_GenericJSToWasmWrapper`, which every call here takes: V8 11 compiles a wrapper of its own
// only for a hot call site) and writes one dump per call, so each pass of a method is counted on its own; the
// passes of one method agree to the instruction (URLs) or within 0.02 % (text). The figures are x86-64
// instructions of V8's code for the wasm, not of wasm itself: what the browser runs.
//
// Usage: node tools/wasm-instructions.mjs [--dir target/wasm32-unknown-unknown/release/examples]
//        node tools/wasm-instructions.mjs --child DIR   (what valgrind runs; prints the plan as JSON)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { optimiseBenchModule } from './wasm-out-of-line.mjs';

const { values: args } = parseArgs({
  options: { dir: { type: 'string', default: 'target/wasm32-unknown-unknown/release/examples' }, child: { type: 'string' } },
});
const URL_PASSES = 3;
const TEXT_PASSES = 2;

const { child } = args;
if (child) {
  // Under valgrind: every wasm call below is one dump, in this order.
  const load = (name) =>
    new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(child, `${name}.wasm`))), {}).exports;
  const urls = load('wasm_urls');
  const text = load('wasm_text');
  const plan = [];
  const call = (label, items, unit, run) => {
    const found = run();
    plan.push({ label, items, unit, found });
  };
  call('setup', 0, '', () => urls.setup());
  call('setup', 0, '', () => text.setup());
  const urlCount = plan[0].found;
  for (const [label, run] of [
    ['screen + classify', urls.screen_and_classify],
    ['classify without screen', urls.classify_all],
    ['screen alone', urls.screen_only],
  ]) {
    for (let i = 0; i < URL_PASSES; i++) call(label, urlCount, 'URL', run);
  }
  for (const [which, corpus] of [[0, 'mail'], [1, 'plain-mail']]) {
    // corpus_len is itself a wasm call, and so a dump: counted as a step of its own.
    let bytes = 0;
    call('corpus length', 0, '', () => (bytes = text.corpus_len(which)));
    // Not counted: the first scan builds what the engine builds at its first link (the screen's table, since
    // session 35 when it is first needed), 9 instructions a byte more than the scans after it, and with two
    // passes the median was that first one (session 36).
    call('warm-up', 0, '', () => text.scan_packed(which));
    for (let i = 0; i < TEXT_PASSES; i++) call(`text ${corpus} (fused pair pass)`, bytes, 'byte', () => text.scan_packed(which));
  }
  console.log(JSON.stringify(plan));
  process.exit(0);
}

const dir = resolve(args.dir);
const scratch = mkdtempSync(join(tmpdir(), 'wasm-instructions-'));
try {
  // Each bench module made as the package is (wasm-opt -Oz with the out-of-line list), on a copy.
  for (const name of ['wasm_urls', 'wasm_text']) optimiseBenchModule(join(dir, `${name}.wasm`), join(scratch, `${name}.wasm`));
  const out = join(scratch, 'cg.out');
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--collect-atstart=no', '--toggle-collect=Builtins_GenericJSToWasmWrapper',
      '--dump-after=Builtins_GenericJSToWasmWrapper', `--callgrind-out-file=${out}`,
      process.execPath, '--single-threaded', '--no-liftoff', '--no-wasm-lazy-compilation',
      fileURLToPath(import.meta.url), '--child', scratch],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`valgrind failed:\n${run.stderr}`);
  const plan = JSON.parse(run.stdout.trim().split('\n').pop());
  // cg.out.1, cg.out.2, …: one a call, in the plan's order.
  const dumps = readdirSync(scratch)
    .filter((f) => /^cg\.out\.\d+$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
    .map((f) => Number(/^summary: (\d+)/m.exec(readFileSync(join(scratch, f), 'utf8'))[1]));
  if (dumps.length !== plan.length) throw new Error(`${dumps.length} dumps for ${plan.length} calls`);
  const byLabel = new Map();
  plan.forEach((step, i) => {
    if (!step.items) return;
    if (!byLabel.has(step.label)) byLabel.set(step.label, { ...step, counts: [] });
    byLabel.get(step.label).counts.push(dumps[i] / step.items);
  });
  console.log(`wasm instructions (callgrind in Node ${process.version}, V8 TurboFan), modules from ${dir}:`);
  for (const { label, unit, counts } of byLabel.values()) {
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const digits = unit === 'byte' ? 2 : 0;
    console.log(
      `${label.padEnd(34)} ${median.toFixed(digits).padStart(8)} instructions/${unit}` +
        `  (${counts.length} passes, ${sorted[0].toFixed(digits)}–${sorted.at(-1).toFixed(digits)})`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
