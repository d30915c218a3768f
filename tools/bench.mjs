#!/usr/bin/env node
// `make bench`: joinguard and its anchors on the same corpora, native and wasm, in one table.
//   native: `cargo bench --bench report` (benches/report.rs) prints each method's rate per round;
//   wasm:   examples/wasm_urls.rs and examples/wasm_text.rs (bare modules, simd128) run here in V8, rounds
//           interleaved the same way; with --pkg, the facade the extension calls (wasm-bindgen package).
// Each figure is the median of the rounds with [min–max]; "× anchor" is the median of the per-round ratios to
// the group's anchor (the RegexSet for URLs, the regex alternation for text), so drift between rounds cancels.
// Targets are issue 14's. Usage (make bench builds everything first):
//   node tools/bench.mjs [--rounds 11] [--pkg target/wasm-pkg] [--skip-native]
// --pkg takes a package built with this checkout's batch.js (since session 39 it passes frozen settings as their
// JSON text, which an older package refuses: "settings: expected a plain object"); to compare an older package, run
// that checkout's tools/bench.mjs against it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as batch from '../extension/background/batch.js';
import { freezeSettings } from '../extension/background/settings.js';
import { linksAsReceived } from './links-as-received.mjs';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '11' }, pkg: { type: 'string' }, 'skip-native': { type: 'boolean', default: false } },
});
const rounds = Number(args.rounds);
const pkgDir = args.pkg ?? null;
const WASM_DIR = 'target/wasm32-unknown-unknown/release/examples';

const results = []; // {side, group, method, unit, rates, found}
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();

// --- native ---------------------------------------------------------------------------------------------
if (!args['skip-native']) {
  const run = spawnSync('cargo', ['bench', '--bench', 'report'], {
    env: { ...process.env, JOINGUARD_BENCH_ROUNDS: String(rounds) },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) {
    console.error('bench: cargo bench --bench report failed');
    process.exit(1);
  }
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('{')) results.push(JSON.parse(line));
  }
}
const loadMiddle = load();

// --- wasm: the engine alone, and the anchors that build for wasm ----------------------------------------
const instantiate = async (file) => {
  const path = resolve(WASM_DIR, file);
  if (!existsSync(path)) {
    console.error(`bench: ${path} not found; run make bench (it builds the wasm examples)`);
    process.exit(2);
  }
  return (await WebAssembly.instantiate(readFileSync(path), {})).instance.exports;
};
const urls = await instantiate('wasm_urls.wasm');
const urlCount = urls.setup();
const corpus = new TextDecoder()
  .decode(new Uint8Array(urls.memory.buffer, urls.corpus_ptr(), urls.corpus_len()))
  .split('\n');
const text = await instantiate('wasm_text.wasm');
text.setup();

const methods = [];
const add = (group, method, items, unit, run) => methods.push({ side: 'wasm', group, method, items, unit, run });
add('urls', 'joinguard screen + classify', urlCount, 'URLs/s', urls.screen_and_classify);
add('urls', 'joinguard classify without screen', urlCount, 'URLs/s', urls.classify_all);
add('urls', 'joinguard screen alone', urlCount, 'URLs/s', urls.screen_only);
add('urls', 'MeetingBar-style RegexSet', urlCount, 'URLs/s', urls.regex_set);
add('urls', 'url::Url::parse alone', urlCount, 'URLs/s', urls.url_parse);
add('urls', 'host slice + hash probes', urlCount, 'URLs/s', urls.host_probe);
for (const [which, group] of [[0, 'text/mail'], [1, 'text/plain-mail']]) {
  const bytes = text.corpus_len(which);
  add(group, 'joinguard scan (text, fused pair pass as in wasm)', bytes, 'B/s', () => text.scan_packed(which));
  add(group, 'joinguard scan (text, memmem passes)', bytes, 'B/s', () => text.scan_passes(which));
  add(group, 'regex alternation', bytes, 'B/s', () => text.regex_reference(which));
  add(group, 'memmem "zoom.us"', bytes, 'B/s', () => text.memmem_floor(which));
}
if (pkgDir) {
  // The facade as the extension's background calls it: a batch staged by batch.js (one UTF-8 text and its
  // lengths written into the engine's memory; the staging is timed too), the settings object the background
  // passes (deeply frozen, extension/background/settings.js), results read in JS.
  const dir = resolve(pkgDir);
  const facade = await import(pathToFileURL(`${dir}/joinguard_wasm.js`).href);
  facade.initSync({ module: readFileSync(`${dir}/joinguard_wasm_bg.wasm`) });
  const settings = freezeSettings(facade.defaultSettings());
  const { stride } = facade.urlCodeTables();
  const links = linksAsReceived(corpus);
  const batches = [];
  for (let from = 0; from < links.length; from += 500) batches.push(links.slice(from, from + 500));
  add('urls', 'facade classifyUrls (one text in, codes out), batches of 500', corpus.length, 'URLs/s', () => {
    let named = 0;
    for (const urls of batches) {
      const codes = batch.classifyUrls(facade, urls, settings);
      if (codes.length !== urls.length * stride) throw new Error('bench: classifyUrls answered the wrong length');
      for (let i = 0; i < codes.length; i += stride) if (codes[i] || codes[i + 2]) named++;
    }
    return named;
  });
  add('urls', 'facade screenLinks (link badges: one text in, hits as numbers), batches of 500', corpus.length, 'URLs/s',
    () => {
      let hits = 0;
      for (const urls of batches) hits += batch.screenLinks(facade, urls, settings).length;
      return hits;
    });
}
// Warm-up (V8 tiers wasm up after a while), then choose passes per sample (about 40 ms), then interleave.
for (const m of methods) {
  let passes = 0;
  const started = performance.now();
  while (performance.now() - started < 300 || passes < 2) {
    m.found = m.run();
    passes++;
  }
  m.passes = Math.max(1, Math.round(40 / ((performance.now() - started) / passes)));
  m.rates = [];
}
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < methods.length; i++) {
    const m = methods[(i + round) % methods.length];
    const started = performance.now();
    for (let p = 0; p < m.passes; p++) m.run();
    m.rates.push((m.items * m.passes) / ((performance.now() - started) / 1000));
  }
}
for (const { side, group, method, unit, rates, found } of methods) results.push({ side, group, method, unit, rates, found });
const loadAfter = load();

// --- the table ------------------------------------------------------------------------------------------
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ANCHOR = { urls: 'MeetingBar-style RegexSet', 'text/mail': 'regex alternation', 'text/plain-mail': 'regex alternation' };
const TARGETS = {
  'native|urls|joinguard screen + classify': { min: 10e6, ratio: 1.5, text: '≥ 10 M/s and ≥ 1.5× RegexSet' },
  'native|urls|joinguard classify without screen': { min: 3e6, text: '≥ 3 M/s' },
  'wasm|urls|joinguard screen + classify': { min: 5e6, text: '≥ 5 M/s' },
  'wasm|urls|facade classifyUrls (one text in, codes out), batches of 500': { min: 5e6, text: '≥ 5 M/s' },
  'native|text/plain-mail|joinguard scan (text)': { min: 4e9, text: '≥ 4 GB/s' },
  'native|text/mail|joinguard scan (mbox: MIME, HTML parts)': { min: 1e9, text: '≥ 1 GB/s' },
  'native|text/plain-mail|joinguard scan (mbox: MIME, HTML parts)': { min: 1e9, text: '≥ 1 GB/s' },
  'native|text/encoded-mail|joinguard scan (mbox: MIME, HTML parts)': { min: 1e9, text: '≥ 1 GB/s' },
  'wasm|text/mail|joinguard scan (text, fused pair pass as in wasm)': { min: 1.5e9, text: '≥ 1.5 GB/s' },
  'wasm|text/plain-mail|joinguard scan (text, fused pair pass as in wasm)': { min: 1.5e9, text: '≥ 1.5 GB/s' },
};
const format = (rate, unit) =>
  unit === 'URLs/s' ? `${(rate / 1e6).toFixed(2)} M/s` : `${Math.round(rate / 1e6).toLocaleString('en')} MB/s`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const version = (cmd, arg = '--version') => spawnSync(cmd, [arg], { encoding: 'utf8' }).stdout?.trim() ?? '?';
console.log(`\n# make bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpu}, ${cpus().length} logical CPUs; ${version('rustc')}; node ${process.version} (V8 ${process.versions.v8})`);
console.log(`load average (1, 5, 15 min): before ${loadBefore}; after native ${loadMiddle}; after wasm ${loadAfter}`);
console.log(`${rounds} rounds per method, interleaved; median [min–max]; × anchor = median of per-round ratios to the group's anchor (*)\n`);
console.log('| side | corpus | method | median [min–max] | × anchor | target | met |');
console.log('|---|---|---|---|---:|---|---|');
for (const r of results) {
  const anchor = results.find((a) => a.side === r.side && a.group === r.group && a.method === ANCHOR[r.group]);
  const ratio = anchor && r.rates.length === anchor.rates.length
    ? median(r.rates.map((rate, i) => rate / anchor.rates[i]))
    : null;
  const target = TARGETS[`${r.side}|${r.group}|${r.method}`];
  const m = median(r.rates);
  const met = target ? (m >= target.min && (!target.ratio || (ratio ?? 0) >= target.ratio) ? 'yes' : 'no') : '';
  const name = r.method === ANCHOR[r.group] ? `${r.method} (*)` : r.method;
  console.log(`| ${r.side} | ${r.group} | ${name} | ${format(m, r.unit)} [${format(Math.min(...r.rates), r.unit)}–${format(Math.max(...r.rates), r.unit)}] | ${ratio === null ? '' : `${ratio.toFixed(2)}×`} | ${target?.text ?? ''} | ${met} |`);
}
// The boundary: each facade call against the engine's own screen + classify in wasm, from the same rounds.
const engine = results.find((r) => r.side === 'wasm' && r.method === 'joinguard screen + classify');
const facadeRows = results.filter((r) => r.method.startsWith('facade '));
if (engine && facadeRows.length) {
  console.log('\n| facade call | × wasm screen + classify (same rounds) |');
  console.log('|---|---:|');
  for (const r of facadeRows) {
    console.log(`| ${r.method} | ${median(r.rates.map((rate, i) => rate / engine.rates[i])).toFixed(2)}× |`);
  }
}
console.log('\nCorpora: urls = benches/data/urls.txt (10,000 links, frozen, ~2% meeting links); text = benches/support/mail.rs');
console.log('(16 MiB native, 8 MiB wasm; "mail" has 20% HTML parts; "encoded-mail", native only, is "mail" with those parts');
console.log('quoted-printable and base64). Native and wasm ran one after the other:');
console.log('compare within a side. Ripgrep runs only when `rg` is on PATH. adblock-rust does not build for wasm here.');
