#!/usr/bin/env node
// `make bench-facade-instructions`: instructions per URL of the facade's batch calls as the background makes
// them (extension/background/batch.js: staging the strings, the call, reading the answer), next to the engine
// alone in wasm, counted by callgrind over the whole Node process: JavaScript, V8's builtins and C++ (the
// TextEncoder, JSON.parse, the garbage collector) and the wasm, not only inside wasm as
// tools/wasm-instructions.mjs counts. Deterministic where wall-clock rates on this shared machine are not.
// --pkg takes a package of this checkout's age or newer: batch.js passes frozen settings as their JSON text since
// session 39, which an older package refuses ("settings: expected a plain object"); measure an older package with
// its own checkout's tool.
//
// Node runs under valgrind with one thread (`--single-threaded`: V8 compiles on the main thread, and that is
// counted), wasm compiled by TurboFan before the first call. Each method first runs WARM passes over the bench
// corpus (10,000 links, batches of 500 as `make bench`), so that V8 has compiled it; then each of PASSES passes
// is one callgrind dump, cut by a call to `os.loadavg()` (libuv's `uv_loadavg`, `--dump-before`), which nothing
// else in the process calls. A pass costs what it costs in a long-running background page, the garbage
// collector's share included, so passes differ a little: the median and the range are printed.
//
// Usage: node tools/facade-instructions.mjs [--pkg target/wasm-pkg] [--passes 5] [--warm 15]
//        node tools/facade-instructions.mjs --child PKG BARE_WASM WARM PASSES  (what valgrind runs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as batch from '../extension/background/batch.js';
import { freezeSettings } from '../extension/background/settings.js';
import { linksAsReceived } from './links-as-received.mjs';
import { optimiseBenchModule } from './wasm-out-of-line.mjs';

const { values: args, positionals } = parseArgs({
  options: {
    pkg: { type: 'string', default: 'target/wasm-pkg' },
    passes: { type: 'string', default: '5' },
    warm: { type: 'string', default: '15' },
    child: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

if (args.child) {
  const [pkg, bareWasm, warm, passes] = positionals;
  const facade = await import(pathToFileURL(`${pkg}/joinguard_wasm.js`).href);
  facade.initSync({ module: readFileSync(`${pkg}/joinguard_wasm_bg.wasm`) });
  const bare = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(bareWasm)), {}).exports;
  const count = bare.setup();
  bare.setup_joined();
  const corpus = readFileSync('benches/data/urls.txt', 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  if (corpus.length !== count) throw new Error(`the corpus has ${corpus.length} links, the bench module ${count}`);
  const links = linksAsReceived(corpus);
  const batches = [];
  for (let from = 0; from < links.length; from += 500) batches.push(links.slice(from, from + 500));
  // As the background passes them (and tools/bench.mjs): a deeply frozen settings object
  // (extension/background/settings.js), whose JSON text batch.js makes once (`settingsKey`).
  const settings = freezeSettings(facade.defaultSettings());
  const { stride } = facade.urlCodeTables();
  const methods = {
    'engine alone (bare module, screen + classify)': () => bare.screen_and_classify(),
    'engine as classifyUrls calls it (bare module)': () => bare.codes_joined(),
    'staging alone (batch.js stage)': () => {
      let bytes = 0;
      for (const urls of batches) bytes += batch.stage(facade, urls);
      return bytes;
    },
    'classifyUrls (codes read)': () => {
      let named = 0;
      for (const urls of batches) {
        const codes = batch.classifyUrls(facade, urls, settings);
        for (let i = 0; i < codes.length; i += stride) if (codes[i] || codes[i + 2]) named++;
      }
      return named;
    },
    'screenLinks (hits as objects)': () => {
      let hits = 0;
      for (const urls of batches) hits += batch.screenLinks(facade, urls, settings).length;
      return hits;
    },
  };
  const plan = [];
  for (const [label, run] of Object.entries(methods)) {
    for (let i = 0; i < Number(warm); i++) run();
    loadavg(); // a dump: everything before this pass
    for (let i = 0; i < Number(passes); i++) {
      const found = run();
      loadavg(); // a dump: this pass
      plan.push({ label, found });
    }
  }
  console.log(JSON.stringify({ urls: corpus.length, plan }));
  process.exit(0);
}

if (positionals.length) throw new Error(`unexpected argument ${positionals[0]}: the package is given with --pkg DIR`);
const pkg = resolve(args.pkg);
const passes = Number(args.passes);
const warm = Number(args.warm);
const scratch = mkdtempSync(join(tmpdir(), 'facade-instructions-'));
try {
  // The bench module as tools/wasm-instructions.mjs prepares it (wasm-opt -Oz, as the package).
  const bare = join(scratch, 'wasm_urls.wasm');
  optimiseBenchModule('target/wasm32-unknown-unknown/release/examples/wasm_urls.wasm', bare);
  const out = join(scratch, 'cg.out');
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--dump-before=uv_loadavg', `--callgrind-out-file=${out}`,
      process.execPath, '--single-threaded', '--no-liftoff', '--no-wasm-lazy-compilation',
      fileURLToPath(import.meta.url), '--child', pkg, bare, String(warm), String(passes)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (run.status !== 0) throw new Error(`valgrind failed:\n${run.stderr}`);
  const { urls, plan } = JSON.parse(run.stdout.trim().split('\n').pop());
  // cg.out.1, cg.out.2, …: for each method the warm-up, then one dump a pass.
  const dumps = readdirSync(scratch)
    .filter((f) => /^cg\.out\.\d+$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
    .map((f) => Number(/^summary: (\d+)/m.exec(readFileSync(join(scratch, f), 'utf8'))[1]));
  const labels = [...new Set(plan.map((step) => step.label))];
  if (dumps.length !== labels.length * (passes + 1)) throw new Error(`${dumps.length} dumps for ${plan.length} passes`);
  console.log(`instructions a URL (callgrind, the whole Node ${process.version} process, ${urls} links in batches ` +
    `of 500, ${warm} passes to warm up), package ${pkg}:`);
  labels.forEach((label, m) => {
    const counts = dumps.slice(m * (passes + 1) + 1, (m + 1) * (passes + 1)).map((n) => n / urls);
    const sorted = [...counts].sort((a, b) => a - b);
    const found = plan.find((step) => step.label === label).found;
    console.log(`${label.padEnd(46)} ${sorted[sorted.length >> 1].toFixed(0).padStart(6)}` +
      `  (${passes} passes, ${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)}; found ${found})`);
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
