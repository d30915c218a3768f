#!/usr/bin/env node
// URL classification throughput in wasm under Node, on the corpus of the native benchmark (benches/urls.rs):
//  1. the engine alone: examples/wasm_urls.rs, a bare wasm module that screens and classifies the whole corpus
//     in one call per round (no boundary crossing per URL);
//  2. the facade the extension calls: `assessUrls` of the wasm-bindgen package, in batches (one call for the
//     whole corpus, and one per 500 links as a content script would send them).
// Figures are URLs per second (median of the rounds). Usage:
//   cargo build --release --target wasm32-unknown-unknown --example wasm_urls
//   cargo build --release --target wasm32-unknown-unknown -p joinguard-wasm
//   wasm-bindgen --target web --out-dir /tmp/joinguard-pkg target/wasm32-unknown-unknown/release/joinguard_wasm.wasm
//   node tools/bench-wasm.mjs [--core target/wasm32-unknown-unknown/release/examples/wasm_urls.wasm]
//                             [--pkg /tmp/joinguard-pkg] [--rounds 10]
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const corePath = resolve(option('core', 'target/wasm32-unknown-unknown/release/examples/wasm_urls.wasm'));
const pkgDir = option('pkg', null);
const rounds = Number(option('rounds', '10'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (urls, ms) => `${(urls / (ms / 1000) / 1e6).toFixed(2)} M URLs/s`;

if (!existsSync(corePath)) {
  console.error(`bench-wasm: ${corePath} not found; build it with\n` +
    '  cargo build --release --target wasm32-unknown-unknown --example wasm_urls');
  process.exit(2);
}

// 1. The engine alone.
const { instance } = await WebAssembly.instantiate(readFileSync(corePath), {});
const core = instance.exports;
let started = performance.now();
const size = core.setup();
const setupMs = performance.now() - started;
const corpus = new TextDecoder()
  .decode(new Uint8Array(core.memory.buffer, core.corpus_ptr(), core.corpus_len()))
  .split('\n');
if (corpus.length !== size) throw new Error(`corpus: ${corpus.length} lines for ${size} URLs`);
console.log(`corpus: ${size} URLs (database, engine and corpus built in ${setupMs.toFixed(1)} ms)`);

// V8 runs wasm in its baseline compiler first and swaps in optimised code for hot functions a little later:
// warm up for a second before timing.
const warmUp = (run) => {
  const until = performance.now() + 1000;
  while (performance.now() < until) run();
};
const timeCore = (name, run) => {
  warmUp(() => run(1));
  const times = [];
  let found = 0;
  for (let i = 0; i < rounds; i++) {
    started = performance.now();
    found = run(1);
    times.push(performance.now() - started);
  }
  console.log(`wasm engine, ${name}: ${perSecond(size, median(times))} (found ${found})`);
};
timeCore('screen + classify', core.screen_and_classify);
timeCore('screen alone', core.screen_only);
timeCore('classify without screen', core.classify_all);

// 2. The facade, if its package is at hand.
if (!pkgDir) {
  console.log('facade: skipped (pass --pkg DIR with the wasm-bindgen --target web output)');
  process.exit(0);
}
const dir = resolve(pkgDir);
const facade = await import(pathToFileURL(`${dir}/joinguard_wasm.js`).href);
facade.initSync({ module: readFileSync(`${dir}/joinguard_wasm_bg.wasm`) });
facade.assessUrls(corpus.slice(0, 100)); // builds the engine
const timeFacade = (name, batch) => {
  warmUp(() => facade.assessUrls(corpus.slice(0, batch)));
  const times = [];
  let named = 0;
  for (let i = 0; i <= rounds; i++) {
    started = performance.now();
    named = 0;
    for (let from = 0; from < corpus.length; from += batch) {
      for (const result of facade.assessUrls(corpus.slice(from, from + batch))) {
        if (result && (result.vendor || result.lookalike_of)) named++;
      }
    }
    if (i > 0) times.push(performance.now() - started); // round 0 warms up
  }
  console.log(`facade assessUrls, ${name}: ${perSecond(corpus.length, median(times))} (found ${named})`);
};
timeFacade('one call for the corpus', corpus.length);
timeFacade('batches of 500', 500);
