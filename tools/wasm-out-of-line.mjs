#!/usr/bin/env node
// tools/wasm-out-of-line.txt (the functions wasm-opt leaves out of line) as wasm-opt's options, for the tools that
// build modules as the package is built; and, run on a module that still has its names (wasm-bindgen's output,
// before wasm-opt strips them), a check that each pattern names one of its functions, so that a function renamed
// in the engine does not silently drop out of the list:
//   node tools/wasm-out-of-line.mjs FILE.wasm
// and, for the Makefile, the options as shell words: node tools/wasm-out-of-line.mjs --options
import { readFileSync } from 'node:fs';
import { readModule } from './wasm-module.mjs';

const LIST = new URL('./wasm-out-of-line.txt', import.meta.url);

/** The list's name patterns. */
export function outOfLinePatterns() {
  return readFileSync(LIST, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/**
 * The largest function (in binaryen's own measure of a body, its expressions, not bytes) that wasm-opt inlines
 * into its only caller: binaryen's `--one-caller-inline-max-function-size` (`-ocimfs`), default -1, no limit.
 * 200 cuts the package 3.1 KB gzipped (394,842 → 391,740 B; 1,081 → 1,220 functions) and moves no hot-path row
 * by more than 0.4 % (`make bench-wasm-instructions`); lower limits cut more (20: −14.8 KB) but cost the hot
 * paths more than 1 % (20 and 100: screen alone 590 → 598 instructions a URL). docs/size.md, session 36.
 */
const ONE_CALLER_INLINE_LIMIT = 200;

/**
 * wasm-opt's options for the list and the one-caller inlining limit, to go before its `-Oz` (wasm-opt runs its
 * options in their order).
 */
export function outOfLineOptions() {
  return [
    ...outOfLinePatterns().map((pattern) => `--no-inline=${pattern}`),
    `--one-caller-inline-max-function-size=${ONE_CALLER_INLINE_LIMIT}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--options') {
  // For the Makefile: the options quoted for the shell (the patterns hold `*`).
  console.log(outOfLineOptions().map((option) => `'${option}'`).join(' '));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const names = [...readModule(readFileSync(process.argv[2])).names.values()];
  if (names.length === 0) throw new Error(`${process.argv[2]}: no function names to check the list against`);
  const wildcard = (pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const missing = outOfLinePatterns().filter((pattern) => !names.some((name) => wildcard(pattern).test(name)));
  if (missing.length > 0) {
    console.error(`wasm-out-of-line: no function of ${process.argv[2]} matches ${missing.join(', ')} (tools/wasm-out-of-line.txt)`);
    process.exit(1);
  }
}
