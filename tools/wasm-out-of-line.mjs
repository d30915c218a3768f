#!/usr/bin/env node
// tools/wasm-out-of-line.txt (the functions wasm-opt leaves out of line) as wasm-opt's options, for the tools that
// build modules as the package is built; and, run on a module that still has its names (wasm-bindgen's output,
// before wasm-opt strips them), a check that each pattern names one of its functions, so that a function renamed
// in the engine does not silently drop out of the list:
//   node tools/wasm-out-of-line.mjs FILE.wasm
import { readFileSync } from 'node:fs';
import { readModule } from './wasm-module.mjs';

const LIST = new URL('./wasm-out-of-line.txt', import.meta.url);

/** The list's name patterns. */
export function outOfLinePatterns() {
  return readFileSync(LIST, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/** wasm-opt's options for the list, to go before its `-Oz` (wasm-opt runs its options in their order). */
export function outOfLineOptions() {
  return outOfLinePatterns().map((pattern) => `--no-inline=${pattern}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = [...readModule(readFileSync(process.argv[2])).names.values()];
  if (names.length === 0) throw new Error(`${process.argv[2]}: no function names to check the list against`);
  const wildcard = (pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const missing = outOfLinePatterns().filter((pattern) => !names.some((name) => wildcard(pattern).test(name)));
  if (missing.length > 0) {
    console.error(`wasm-out-of-line: no function of ${process.argv[2]} matches ${missing.join(', ')} (tools/wasm-out-of-line.txt)`);
    process.exit(1);
  }
}
