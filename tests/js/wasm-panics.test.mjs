// tools/wasm-panics.mjs (the package build's step before `-Oz`) on a tiny module that wasm-opt makes from text: the
// panic entry points trap at once, every other function (one under `std::panicking` that returns among them)
// keeps its body and still runs, and a body to replace that may return is refused; the names as wasm-bindgen
// writes them and as cargo's modules mangle them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { mangledSegments, nameTest, trapPanics } from '../../tools/wasm-panics.mjs';
import { WASM_OPT } from '../../tools/wasm-out-of-line.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wasm panics '));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A module whose exported `panic`, `fails` and `counts` call the functions named `panic`, `fails` and `counts`:
 * each adds to the global `effects`, then traps with `unreachable` as a diverging function's body ends, except
 * those in `returning`, which return 1; so a call that still runs its body shows.
 */
function tinyModule(name, names, returning = ['counts']) {
  const file = join(dir, `${name}.wasm`);
  const fn = (key) => `(func $"${names[key]}" (result i32)
      (global.set $effects (i32.add (global.get $effects) (i32.const 1)))
      ${returning.includes(key) ? '(i32.const 1)' : '(unreachable)'})
    (func (export "${key}") (result i32) (call $"${names[key]}"))`;
  writeFileSync(`${file}.wat`, `(module
    (global $effects (export "effects") (mut i32) (i32.const 0))
    ${fn('panic')} ${fn('fails')} ${fn('counts')})`);
  const made = spawnSync(WASM_OPT, [`${file}.wat`, '-g', '-o', file], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return file;
}

async function run(file, how) {
  const { bytes, replaced } = trapPanics(readFileSync(file), how);
  const { instance } = await WebAssembly.instantiate(bytes);
  const { exports } = instance;
  assert.throws(() => exports.panic(), (error) => error instanceof WebAssembly.RuntimeError && /unreachable/.test(error.message));
  assert.throws(() => exports.fails(), WebAssembly.RuntimeError);
  assert.equal(exports.effects.value, 0, 'a replaced body no longer runs');
  assert.equal(exports.counts(), 1, 'a function that returns keeps its body');
  assert.equal(exports.effects.value, 1);
  return replaced;
}

test('the entry points trap at once and a returning function keeps its body, as wasm-bindgen names them', async () => {
  const names = {
    panic: 'core[5f2ae2d1a3b4c5d6]::panicking::panic_fmt',
    fails: 'core::panicking::assert_failed::h0123456789abcdef',
    counts: 'std[0a1b2c3d4e5f6a7b]::panicking::panic_count::increase',
  };
  assert.deepEqual(await run(tinyModule('demangled', names)), [names.panic, names.fails]);
});

test('the same in the mangled names of cargo bench modules, legacy and v0', async () => {
  const names = {
    panic: '_RNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt',
    fails: '_ZN4core6result13unwrap_failed17h0123456789abcdefE',
    counts: '_RNvNtNtCsebHcaeoSrxy_3std9panicking11panic_count8increase',
  };
  assert.deepEqual(await run(tinyModule('mangled', names), { mangled: true }), [names.panic, names.fails]);
});

test('a module without core::panicking::panic_fmt is refused: the names changed, not the panics', () => {
  const file = tinyModule('renamed', { panic: 'core::panicking::panic_fmt_renamed', fails: 'a::b', counts: 'c::d' });
  assert.throws(() => trapPanics(readFileSync(file)), /no function is core::panicking::panic_fmt.*tools\/wasm-panics\.mjs/);
});

test('a body to replace that does not end in unreachable is refused, the function named: it may return', () => {
  const names = { panic: 'core::panicking::panic_fmt', fails: 'core::panicking::returns_now', counts: 'c::d' };
  const file = tinyModule('returning', names, ['fails', 'counts']);
  assert.throws(() => trapPanics(readFileSync(file)), /wasm-panics: core::panicking::returns_now does not end in `unreachable`/);
});

test('legacy names: a segment that starts with `_` is read as it is, and an escaped closure is no entry point', () => {
  assert.deepEqual(mangledSegments('_ZN4core9panicking6_inner17h0123456789abcdefE'), ['core', 'panicking', '_inner']);
  const closure = '_ZN4core9panicking13assert_failed28_$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE';
  assert.deepEqual(mangledSegments(closure), ['core', 'panicking', 'assert_failed', '_$u7b$$u7b$closure$u7d$$u7d$']);
  const under = nameTest('core::panicking::*', { mangled: true });
  assert.equal(under.test('_ZN4core9panicking6_inner17h0123456789abcdefE'), true);
  assert.equal(under.test(closure), false);
});

test('v0 names: an identifier that starts with `_` is read past its separator', () => {
  const name = '_RNvNtCsgXGp5Oqx2Ny_4core9panicking5__priv';
  assert.deepEqual(mangledSegments(name), ['core', 'panicking', '_priv']);
  assert.equal(nameTest('core::panicking::*', { mangled: true }).test(name), true);
});

test('demangled closures under a `*` path are no entry point, in either demangling', () => {
  const under = nameTest('core::panicking::*');
  assert.equal(under.test('core[c5930c85a12de822]::panicking::panic_fmt'), true);
  assert.equal(under.test('core[c5930c85a12de822]::panicking::panic_fmt::{closure#0}'), false);
  assert.equal(under.test('core::panicking::assert_failed::{{closure}}::h0123456789abcdef'), false);
});

test('mangled names are read segment by segment, v0 closures and paths that go on refused', () => {
  assert.deepEqual(mangledSegments('_ZN4core9panicking9panic_fmt17h0123456789abcdefE'), ['core', 'panicking', 'panic_fmt']);
  assert.deepEqual(mangledSegments('_RNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt'), ['core', 'panicking', 'panic_fmt']);
  // A generic instance: its type arguments follow the path.
  assert.deepEqual(mangledSegments('_RINvNtCsgXGp5Oqx2Ny_4core9panicking13assert_failedjjEB4_'), ['core', 'panicking', 'assert_failed']);
  // A closure inside panic_fmt (`NC`, its empty name `0`) may return: never an entry point.
  assert.equal(mangledSegments('_RNCNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt0'), null);
  const panicFmt = nameTest('core::panicking::panic_fmt', { mangled: true });
  assert.equal(panicFmt.test('_RNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt'), true);
  assert.equal(panicFmt.test('_RNvNtCsgXGp5Oqx2Ny_4core9panicking10panic_fmtx'), false);
  assert.equal(panicFmt.test('_RNvNtCsgXGp5Oqx2Ny_4core9panicking9panic_fmt0'), false);
  const under = nameTest('core::panicking::*', { mangled: true });
  assert.equal(under.test('_RNvNtNtCsgXGp5Oqx2Ny_4core9panicking11panic_const23panic_const_rem_by_zero'), true);
  assert.equal(under.test('_ZN4core9panicking17h0123456789abcdefE'), false, 'the module path itself is no function under it');
  const demangled = nameTest('core::panicking::*');
  assert.equal(demangled.test('core[c5930c85a12de822]::panicking::panic_const::panic_const_div_by_zero'), true);
  assert.equal(demangled.test('core::panicking_other::panic'), false);
  assert.equal(nameTest('std::panicking::begin_panic').test('std::panicking::begin_panic::{{closure}}::h0123456789abcdef'), false);
});
