// The wasm engine's start-up in Node: instantiates target/wasm-pkg (or the package folder given), decodes the
// bundled database (vendorList), then asks for N verdicts (N = the second argument, default 3): the first
// assessUrl builds the engine with the default settings (its classifier and lookalike index, without the
// screen's table, which the first batch of links builds), each later one comes with other settings, for which
// the facade keeps the classifier and resolves the new policy only (`Engine::with_policy`, session 34; before,
// every settings change built a whole engine). Prints the milliseconds of each step.
// Timings move with the machine's load; for counts that do not, run it under callgrind with two values of N
// and take the difference (N = 1 minus N = 0: the first verdict; docs/size.md, start-up):
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node tools/wasm-startup.mjs target/wasm-pkg 3
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const pkg = resolve(process.argv[2] ?? 'target/wasm-pkg');
const builds = Number(process.argv[3] ?? 3);
const mod = await import(pathToFileURL(`${pkg}/joinguard_wasm.js`).href);
const ids = ['skype', 'zoom', 'webex', 'teams', 'meet', 'slack', 'discord', 'signal', 'wire', 'daily'];

const times = {};
let t = performance.now();
const lap = (name) => {
  const now = performance.now();
  times[name] = +(now - t).toFixed(1);
  t = now;
};
mod.initSync({ module: new WebAssembly.Module(readFileSync(`${pkg}/joinguard_wasm_bg.wasm`)) });
lap('instantiate');
mod.vendorList();
lap('database');
for (let i = 0; i < builds; i++) {
  mod.assessUrl('https://zoom.us/j/123456789', i === 0 ? undefined : { blocked_vendors: [ids[i % ids.length]] });
  lap(`engine ${i + 1}`);
}
console.log(JSON.stringify(times));
