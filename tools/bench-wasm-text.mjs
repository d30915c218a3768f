#!/usr/bin/env node
// Text-scanning throughput in wasm under Node, on the mail-like corpus of the native benchmark
// (benches/text.rs): examples/wasm_text.rs scans the whole corpus inside wasm in one call per round, next to a
// regex alternation of the same patterns and a single memmem pass. Figures are MB/s (median of the rounds).
// Usage:
//   RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-unknown-unknown --example wasm_text
//   node tools/bench-wasm-text.mjs [--module target/wasm32-unknown-unknown/release/examples/wasm_text.wasm] [--rounds 10]
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const modulePath = resolve(option('module', 'target/wasm32-unknown-unknown/release/examples/wasm_text.wasm'));
const rounds = Number(option('rounds', '10'));
if (!existsSync(modulePath)) {
  console.error(`bench-wasm-text: ${modulePath} not found; build it with\n` +
    '  RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-unknown-unknown --example wasm_text');
  process.exit(2);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const { instance } = await WebAssembly.instantiate(readFileSync(modulePath), {});
const core = instance.exports;
let started = performance.now();
core.setup();
console.log(`database, engine and corpora built in ${(performance.now() - started).toFixed(1)} ms`);

for (const [which, name] of [[0, 'mail (20% HTML parts)'], [1, 'plain mail']]) {
  const bytes = core.corpus_len(which);
  console.log(`${name}: ${(bytes / 1e6).toFixed(1)} MB`);
  for (const [label, run] of [
    ['joinguard scan, memmem passes (wasm default)', core.scan_passes],
    ['joinguard scan, aho-corasick pass', core.scan_packed],
    ['reference: regex alternation', core.regex_reference],
    ['floor: memmem "zoom.us"', core.memmem_floor],
  ]) {
    // V8 tiers wasm up after a while: warm up for a second before timing.
    const until = performance.now() + 1000;
    while (performance.now() < until) run(which);
    const times = [];
    let result = 0;
    for (let i = 0; i < rounds; i++) {
      started = performance.now();
      result = run(which);
      times.push(performance.now() - started);
    }
    const mbps = bytes / 1e6 / (median(times) / 1000);
    console.log(`  ${label}: ${mbps.toFixed(0)} MB/s (${result})`);
  }
}
