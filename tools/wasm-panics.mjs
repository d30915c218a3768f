#!/usr/bin/env node
// The standard library's panic entry points as a bare trap, in a module before its `-Oz` run, so that wasm-opt
// drops the message formatting behind them. On wasm32-unknown-unknown a panic formats its message for the panic
// hook, whose default writes it nowhere (std's `panic_output()` is `None` on this target, `sys/stdio/unsupported.rs`),
// then aborts with `unreachable`; the engine sets no hook (it has no console binding) and is built with
// `panic = "abort"`, so nothing reads the message. Replaced, each entry point below traps at once: the
// same `RuntimeError: unreachable` for JavaScript, without the formatting first. This is the part of nightly's
// `-Cpanic=immediate-abort` (with `-Zbuild-std`) that a stable toolchain can have: the call sites still build
// their messages' arguments and the data keeps the messages and their locations (docs/size.md, session 46).
// Every function named here diverges (`-> !`): each only ever ends in the panic machinery. A function that
// returns (std's panic count, the payload's methods) is never replaced; wasm-opt drops them as unreachable.
//   node tools/wasm-panics.mjs FILE.wasm     in place, on wasm-bindgen's output (demangled names)
// tools/wasm-out-of-line.mjs `optimiseBenchModule` applies it to the bench modules (cargo's mangled names) too.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { readModule } from './wasm-module.mjs';

/**
 * The diverging entry points, as paths (`*` at the end: every function under it). `core::panicking::panic_fmt`
 * is where every formatted panic goes; the rest format a message of their own before they call it (the
 * character and range of a `str` slice, a `Result`'s error with `Debug`) or start a panic without it
 * (`begin_panic`, `panic_with_hook`, the allocation error). The entries marked "earlier" match no function with
 * rustc 1.95 (neither the package nor the bench modules) and nightly 1.97's library does not define them: an
 * earlier standard library's names, kept because no `rust-toolchain` file pins the compiler.
 */
const ENTRY_POINTS = [
  'core::panicking::*',
  'std::panicking::begin_panic', // generic: in a module only if called (`panic_any`); none with 1.95
  'std::panicking::panic_with_hook',
  'std::panicking::rust_panic_with_hook', // earlier
  'core::str::slice_error_fail',
  'core::str::slice_error_fail_rt',
  'core::slice::index::slice_index_fail',
  'core::slice::index::slice_start_index_len_fail', // earlier (these three: slice_index_fail now)
  'core::slice::index::slice_end_index_len_fail', // earlier
  'core::slice::index::slice_index_order_fail', // earlier
  'core::slice::copy_from_slice_impl::len_mismatch_fail',
  'core::result::unwrap_failed',
  'core::option::unwrap_failed',
  'core::option::expect_failed',
  'core::cell::panic_already_borrowed',
  'core::cell::panic_already_mutably_borrowed',
  'alloc::alloc::handle_alloc_error',
  'alloc::raw_vec::capacity_overflow',
  'alloc::raw_vec::handle_error',
];
/** The one every module that can panic has: its absence means the names changed, not that nothing panics. */
const REQUIRED = 'core::panicking::panic_fmt';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const PLAIN = new RegExp(`^${IDENT}$`);

/**
 * The path segments of a mangled name, each read by its length: Rust's legacy mangling
 * (`_ZN4core9panicking9panic_fmt17h…E`, the hash dropped; a segment is escaped text, `_$u7b$$u7b$closure$u7d$$u7d$`
 * for a closure) or v0 (`_RNvNtCs…_4core9panicking9panic_fmt`, from the crate root on); null for a v0 closure or
 * shim (a namespace tag other than `Nv`/`Nt` before the root, or a path that goes on past its last identifier with
 * a further one, such as a closure's `0`).
 */
export function mangledSegments(name) {
  const read = (text, at, v0) => {
    const segments = [];
    for (;;) {
      if (v0 && text[at] === 's') at = text.indexOf('_', at) + 1; // a v0 disambiguator, `s<base-62>_`
      const digits = /^\d+/.exec(text.slice(at));
      if (!digits) return [segments, at];
      const length = Number(digits[0]);
      at += digits[0].length;
      if (v0 && text[at] === '_') at++; // v0 separates an identifier that starts with a digit or `_`
      segments.push(text.slice(at, at + length));
      at += length;
    }
  };
  if (name.startsWith('_ZN')) {
    const [segments] = read(name, 3, false);
    return segments.length > 1 && /^h[0-9a-f]{16}$/.test(segments.at(-1)) ? segments.slice(0, -1) : segments;
  }
  const root = /^_R(?:I)?((?:N[vt])*)C/.exec(name);
  if (!root) return null;
  const [segments, at] = read(name, root[0].length, true);
  return at === name.length || /[A-Za-z]/.test(name[at]) ? segments : null;
}

/**
 * A path as a test of a function's name: demangled as wasm-bindgen writes it (`core[5f2a…]::panicking::panic_fmt`,
 * `core::panicking::assert_failed::h…`), or mangled as cargo's modules keep it (`mangledSegments`). Under a `*`,
 * the segments past the path are plain identifiers: a closure (`{{closure}}`, `{closure#0}`, legacy's escaped
 * `$u7b$…`) or an impl (`<…>`) may return, and is never an entry point.
 */
export function nameTest(path, { mangled = false } = {}) {
  const under = path.endsWith('::*');
  const segments = (under ? path.slice(0, -3) : path).split('::');
  if (mangled) {
    const matches = (name) => {
      const found = mangledSegments(name);
      return found !== null && (under ? found.length > segments.length : found.length === segments.length) &&
        segments.every((segment, i) => found[i] === segment) &&
        found.slice(segments.length).every((segment) => PLAIN.test(segment));
    };
    return { test: matches };
  }
  const chain = segments.map(escape).join('(?:\\[[0-9a-f]+\\])?::');
  return new RegExp(`^${chain}(?:\\[[0-9a-f]+\\])?${under ? `::${IDENT}(?:::${IDENT})*` : ''}(?:::h[0-9a-f]{16})?$`);
}

const uleb = (value) => {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
};

/** A body of no locals and `unreachable`: its size, then the locals' count, the instruction and `end`. */
const TRAP = Buffer.from([3, 0, 0x00, 0x0b]);

/**
 * `bytes` (a module with its `name` section) with the bodies of the entry points replaced by a trap, and the names
 * of the functions replaced. Throws if it finds no `core::panicking::panic_fmt` (the names changed), or if a body
 * it would replace does not end in `unreachable` `end` (bytes `00 0b`), naming the function: a toolchain whose
 * function under one of these paths returns must not have it turned into a trap. Every diverging body ends so; the
 * check reads two bytes, not the instructions, so a body ending in an instruction whose last immediate is 0
 * (`global.set 0`, `local.set 0`) passes it too: it catches most returning bodies, not all.
 */
export function trapPanics(bytes, how = {}) {
  const { importedFunctions, names, spans, codeRange } = readModule(bytes);
  if (names.size === 0) {
    throw new Error('wasm-panics: the module has no function names (a build that keeps its name section is needed)');
  }
  const tests = ENTRY_POINTS.map((path) => nameTest(path, how));
  const required = nameTest(REQUIRED, how);
  const replaced = [];
  const [header, first, end] = codeRange ?? [bytes.length, bytes.length, bytes.length];
  const entries = [uleb(spans.length)];
  let from = first; // each entry is its body's size and the body: kept as its original bytes
  spans.forEach(([start, length], i) => {
    const name = names.get(importedFunctions + i) ?? '';
    if (tests.some((test) => test.test(name))) {
      if (length < 2 || bytes[start + length - 2] !== 0x00 || bytes[start + length - 1] !== 0x0b) {
        throw new Error(`wasm-panics: ${name} does not end in \`unreachable\`: it may return, and a trap would change ` +
          'what it does; take it out of ENTRY_POINTS in tools/wasm-panics.mjs');
      }
      entries.push(TRAP);
      replaced.push(name);
    } else entries.push(bytes.subarray(from, start + length));
    from = start + length;
  });
  if (!replaced.some((name) => required.test(name))) {
    throw new Error(`wasm-panics: no function is ${REQUIRED}: the standard library's names changed; ` +
      'update tools/wasm-panics.mjs');
  }
  const section = Buffer.concat(entries);
  const code = [Buffer.from([10]), uleb(section.length), section];
  return { bytes: Buffer.concat([bytes.subarray(0, header), ...code, bytes.subarray(end)]), replaced };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const file = process.argv[2];
    if (!file) throw new Error('usage: node tools/wasm-panics.mjs FILE.wasm');
    writeFileSync(file, trapPanics(readFileSync(file)).bytes);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
