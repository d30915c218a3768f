#!/usr/bin/env node
// tools/wasm-out-of-line.txt (the functions wasm-opt leaves out of line) as wasm-opt's options, for every build
// that makes a module as the package is made (the Makefile's package and `make size-report`, the bench modules
// of tools/wasm-instructions.mjs and tools/facade-instructions.mjs); and a check, on a module that still has its
// names, that each pattern names one of its functions, so that a function renamed in the engine does not
// silently drop out of the list (wasm-opt takes a pattern that matches nothing without a word):
//   node tools/wasm-out-of-line.mjs --options      the options, shell-quoted, one line (the Makefile's)
//   node tools/wasm-out-of-line.mjs FILE.wasm      the check, on wasm-bindgen's output (demangled names)
//   node tools/wasm-out-of-line.mjs --inline FILE.wasm [OPTION...]
//                                                  tools/wasm-inline.txt's functions inlined into their one caller,
//                                                  in place, before the `-Oz` run (wasm-opt OPTIONs: its features;
//                                                  `--inline-list=PATH` and `--out-of-line-list=PATH` read other
//                                                  lists instead of the two, for tests/js/wasm-inline.test.mjs)
// wasm-bindgen demangles the names it keeps (`joinguard::lookalike::LookalikeIndex::check_words::h…`); cargo's own
// modules (the bench examples) keep Rust's legacy mangling (`_ZN9joinguard9lookalike14LookalikeIndex11check_words17h…E`),
// which the patterns are turned into for them (`{ mangled: true }`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readModule } from './wasm-module.mjs';
import { trapPanics } from './wasm-panics.mjs';

const LIST = new URL('./wasm-out-of-line.txt', import.meta.url);
const INLINE_LIST = new URL('./wasm-inline.txt', import.meta.url);
export const WASM_OPT = fileURLToPath(new URL('../node_modules/.bin/wasm-opt', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A list (a file URL or a path) as messages name it: from the repository's root (`tools/wasm-inline.txt`), or
 *  its whole path when it is elsewhere. */
const listName = (list) => {
  const path = list instanceof URL ? fileURLToPath(list) : list;
  const fromRoot = relative(ROOT, path);
  return fromRoot.startsWith('..') ? path : fromRoot;
};

/** A list's name patterns: `*` then path segments joined by `::` then `::*`, a line each; `#` starts a comment. */
export function outOfLinePatterns(list = LIST) {
  return readFileSync(list, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((pattern, index) => {
      if (!/^\*[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*::\*$/.test(pattern)) {
        throw new Error(
          `${listName(list)}: pattern ${index + 1} \`${pattern}\` is not \`*Path::to::function::*\` (segments of letters, digits and _)`,
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
const patternsFor = ({ mangled: isMangled = false } = {}, list = LIST) =>
  outOfLinePatterns(list).map((p) => (isMangled ? mangled(p) : p));

/**
 * The largest function (in binaryen's own measure of a body, its expressions, not bytes) that wasm-opt inlines
 * into its only caller: binaryen's `--one-caller-inline-max-function-size` (`-ocimfs`), default -1, no limit.
 * Session 36 took 200 (394,852 → 391,754 B gzipped): lower limits cost the hot paths over 1 %. Session 37 found
 * the functions behind most of that cost (callgrind by wasm function): `EditedNames::past_the_gate`, now inlined
 * by LLVM in wasm; the text scan's quiet loop, inlined first (`inlineFirst`, tools/wasm-inline.txt); and
 * `letters_reach`'s filter closure, now a loop. Session 38 removed the remaining one, a `str` index of
 * `PlainUrl::of` (now `get`), and took 20: 392,410 → 380,569 B gzipped (the same code at 200 and at 20). The
 * bare modules' rows hold (`make bench-wasm-instructions` 200 → 20: screen + classify 1,068 → 1,068, classify
 * 2,089 → 2,089, screen alone 590 → 591, the text rows the same); the facade's batch rows sit at 0.5 %, taken as
 * the price of 11.8 KB (`make bench-facade-instructions`: classifyUrls 1,671 → 1,679, +0.48 %, screenLinks 1,905
 * → 1,914, +0.47 %; +0.55 % by the wasm profile: engine functions and std generics the package leaves out of
 * line, none above 2.5 a URL). docs/size.md, sessions 36–38.
 */
const ONE_CALLER_INLINE_LIMIT = 20;

/** wasm-opt's feature options for cargo's own modules (the bench tools'; wasm-bindgen's output says its own). */
export const CARGO_MODULE_FEATURES = ['--enable-simd', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  '--enable-sign-ext', '--enable-mutable-globals'];

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

/** A pattern as a regular expression (`*`: any text), as wasm-opt matches it. */
const wildcard = (pattern) =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** The module's function names (it must have a `name` section). */
function functionNames(bytes, file) {
  const names = [...readModule(bytes).names.values()];
  if (names.length === 0) throw new Error(`${file}: no function names to check the function lists against: a build that keeps its name section is needed`);
  return names;
}

/** The patterns that name no function of the module in `bytes` (which must have a `name` section). */
export function unmatchedPatterns(bytes, file, how = {}, list = LIST) {
  const names = functionNames(bytes, file);
  return patternsFor(how, list).filter((pattern) => !names.some((name) => wildcard(pattern).test(name)));
}

/**
 * tools/wasm-inline.txt's functions inlined into their one caller in `file` (in place; it must have its names),
 * before the `-Oz` run that leaves every other one-caller function out of line: one wasm-opt run in which
 * every other function is `--no-inline` (by its exact name) and one-caller inlining has no limit, which keeps
 * the names (`-g`) for the run after it. Stops if a listed function is still there after it (renamed, or no
 * longer one caller's). `options`: wasm-opt's feature options for cargo's own modules; `how.some`: a bench
 * module, which holds some of the package's functions only (the package's build checks them all). The last
 * argument's `inline` and `outOfLine`: the two lists' paths, for the tests (by default tools/wasm-inline.txt and
 * tools/wasm-out-of-line.txt).
 */
export function inlineFirst(file, how = {}, options = [], { inline = INLINE_LIST, outOfLine = LIST } = {}) {
  const names = functionNames(readFileSync(file), file);
  const patterns = patternsFor(how, inline).map(wildcard);
  const hot = (name) => patterns.some((pattern) => pattern.test(name));
  const missing = patternsFor(how, inline).filter((_, i) => !names.some((name) => patterns[i].test(name)));
  if (missing.length > 0 && !how.some) throw new Error(`wasm-inline: no function of ${file} matches ${missing.join(', ')}: update ${listName(inline)}`);
  const run = spawnSync(
    WASM_OPT,
    [...names.filter((name) => !hot(name)).map((name) => `--no-inline=${name}`),
      '--one-caller-inline-max-function-size=-1', '--inlining-optimizing', '-g', ...options, file, '-o', file],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error(`wasm-inline: wasm-opt failed on ${file}${run.error ? `: ${run.error.message}` : ''}`);
  const left = functionNames(readFileSync(file), file).filter(hot);
  if (left.length > 0) throw new Error(`wasm-inline: ${left.join(', ')} still out of line in ${file} (more than one caller?)`);
  // The -Oz run's --no-inline patterns need the names this run keeps (-g): check them here, not only before.
  checkOutOfLine(file, how, outOfLine);
}

/**
 * A bench module of cargo's (examples/wasm_*.rs, mangled names) made in `target` from `source` as the package is
 * made (the Makefile's recipe): the out-of-line list checked, the panic entry points a trap (tools/wasm-panics.mjs),
 * tools/wasm-inline.txt's functions inlined first, then wasm-opt's `-Oz` with the out-of-line options; for
 * tools/wasm-instructions.mjs and tools/facade-instructions.mjs.
 */
export function optimiseBenchModule(source, target) {
  checkOutOfLine(source, { mangled: true });
  writeFileSync(target, trapPanics(readFileSync(source), { mangled: true }).bytes);
  inlineFirst(target, { mangled: true, some: true }, CARGO_MODULE_FEATURES);
  const run = spawnSync(
    WASM_OPT,
    [...outOfLineOptions({ mangled: true }), '-Oz', ...CARGO_MODULE_FEATURES, target, '-o', target],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error(`wasm-opt failed on ${source}${run.error ? `: ${run.error.message}` : ''}`);
}

/** `unmatchedPatterns`, as an error that names the file, the patterns and the list. */
export function checkOutOfLine(file, how = {}, list = LIST) {
  const missing = unmatchedPatterns(readFileSync(file), file, how, list);
  if (missing.length > 0) {
    throw new Error(
      `wasm-out-of-line: no function of ${file} matches ${missing.join(', ')}: a function of ${listName(list)} was renamed or removed; update the list`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    if (process.argv[2] === '--options') console.log(outOfLineOptions().map((option) => `'${option}'`).join(' '));
    else if (process.argv[2] === '--inline' && process.argv[3]) {
      const rest = process.argv.slice(4);
      const list = (name) => rest.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
      const options = rest.filter((arg) => !/^--(inline|out-of-line)-list=/.test(arg));
      inlineFirst(process.argv[3], {}, options, { inline: list('inline-list'), outOfLine: list('out-of-line-list') });
    }
    else if (process.argv[2]) checkOutOfLine(process.argv[2]);
    else throw new Error('usage: node tools/wasm-out-of-line.mjs --options | FILE.wasm | --inline FILE.wasm [--inline-list=PATH] [--out-of-line-list=PATH] [OPTION...]');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
