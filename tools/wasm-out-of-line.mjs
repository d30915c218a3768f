#!/usr/bin/env node
// tools/wasm-out-of-line.txt (the functions wasm-opt leaves out of line) as wasm-opt's options, for every build
// that makes a module as the package is made (the Makefile's package and `make size-report`, the bench modules
// of tools/wasm-instructions.mjs and tools/facade-instructions.mjs); and a check, on a module that still has its
// names, that each pattern names one of its functions, so that a function renamed in the engine does not
// silently drop out of the list (wasm-opt takes a pattern that matches nothing without a word):
//   node tools/wasm-out-of-line.mjs --options      the options, shell-quoted, one line (the Makefile's)
//   node tools/wasm-out-of-line.mjs FILE.wasm      the check, on wasm-bindgen's output (demangled names)
// wasm-bindgen demangles the names it keeps (`joinguard::lookalike::LookalikeIndex::check_words::h…`); cargo's own
// modules (the bench examples) keep Rust's legacy mangling (`_ZN9joinguard9lookalike14LookalikeIndex11check_words17h…E`),
// which the patterns are turned into for them (`{ mangled: true }`).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { readModule } from './wasm-module.mjs';

const LIST = new URL('./wasm-out-of-line.txt', import.meta.url);

/** The list's name patterns: `*` then path segments joined by `::` then `::*`, a line each; `#` starts a comment. */
export function outOfLinePatterns() {
  return readFileSync(LIST, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((pattern, index) => {
      if (!/^\*[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*::\*$/.test(pattern)) {
        throw new Error(
          `tools/wasm-out-of-line.txt: pattern ${index + 1} \`${pattern}\` is not \`*Path::to::function::*\` (segments of letters, digits and _)`,
        );
      }
      return pattern;
    });
}

/** A pattern in Rust's legacy mangling: `*A::bc::*` → `*1A2bc17h*` (each segment its length then itself, then the
 *  hash's `17h`). */
const mangled = (pattern) =>
  `*${pattern
    .slice(1, -3)
    .split('::')
    .map((segment) => `${segment.length}${segment}`)
    .join('')}17h*`;

/** The patterns as the module's names are written: demangled (wasm-bindgen's output) or mangled (cargo's). */
const patternsFor = ({ mangled: isMangled = false } = {}) => outOfLinePatterns().map((p) => (isMangled ? mangled(p) : p));

/**
 * The largest function (in binaryen's own measure of a body, its expressions, not bytes) that wasm-opt inlines
 * into its only caller: binaryen's `--one-caller-inline-max-function-size` (`-ocimfs`), default -1, no limit.
 * 200 cuts the package 3.1 KB gzipped (394,852 → 391,754 B; 1,081 → 1,220 functions) and moved no hot-path row
 * by more than 0.4 % (`make bench-wasm-instructions`); lower limits cut more (20: −14.8 KB) but cost the hot
 * paths more than 1 % (20 and 100: screen alone 590 → 598 instructions a URL). docs/size.md, session 36.
 */
const ONE_CALLER_INLINE_LIMIT = 200;

/**
 * wasm-opt's options for the list and the one-caller inlining limit, to go before its `-Oz` (wasm-opt runs its
 * options in their order).
 */
export function outOfLineOptions(how = {}) {
  return [
    ...patternsFor(how).map((pattern) => `--no-inline=${pattern}`),
    `--one-caller-inline-max-function-size=${ONE_CALLER_INLINE_LIMIT}`,
  ];
}

/** The patterns that name no function of the module in `bytes` (which must have a `name` section). */
export function unmatchedPatterns(bytes, file, how = {}) {
  const names = [...readModule(bytes).names.values()];
  if (names.length === 0) throw new Error(`${file}: no function names to check tools/wasm-out-of-line.txt against`);
  const wildcard = (pattern) =>
    new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return patternsFor(how).filter((pattern) => !names.some((name) => wildcard(pattern).test(name)));
}

/** `unmatchedPatterns`, as an error that names the file and the patterns. */
export function checkOutOfLine(file, how = {}) {
  const missing = unmatchedPatterns(readFileSync(file), file, how);
  if (missing.length > 0) {
    throw new Error(
      `wasm-out-of-line: no function of ${file} matches ${missing.join(', ')}: a function of tools/wasm-out-of-line.txt was renamed or removed; update the list`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    if (process.argv[2] === '--options') console.log(outOfLineOptions().map((option) => `'${option}'`).join(' '));
    else if (process.argv[2]) checkOutOfLine(process.argv[2]);
    else throw new Error('usage: node tools/wasm-out-of-line.mjs --options | FILE.wasm');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
