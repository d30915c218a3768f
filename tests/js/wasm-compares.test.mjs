// tools/wasm-compares.mjs (a step of the package build, `make wasm`): `memcmp` and `bcmp` must be two functions in the
// shipped module, `bcmp` a call to `memcmp` and nothing else (src/mem_compare.rs; session 46's fold answered ordering
// compares as equality tests). On tiny modules that wasm-opt makes from text, with the names wasm-bindgen keeps, and
// on the package's own module when a build has left it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { comparesProblem } from '../../tools/wasm-compares.mjs';
import { WASM_OPT } from '../../tools/wasm-out-of-line.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wasm compares '));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A byte loop with memcmp's signature and answer. */
const COMPARE = `(local $at i32) (local $d i32)
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $at) (local.get 2)))
    (local.set $d (i32.sub (i32.load8_u (i32.add (local.get 0) (local.get $at))) (i32.load8_u (i32.add (local.get 1) (local.get $at)))))
    (if (local.get $d) (then (return (local.get $d))))
    (local.set $at (i32.add (local.get $at) (i32.const 1)))
    (br $next)))
  (i32.const 0)`;
const SIGNATURE = '(param i32 i32 i32) (result i32)';

/** The module with `memcmp` and a `bcmp` whose body is `bcmp` (text; null: `bcmp` is `memcmp` exported again, the two
 *  folded into one); `names`: with the name section (`-g`). */
function module(name, bcmp, { names = true } = {}) {
  const file = join(dir, `${name}.wasm`);
  writeFileSync(`${file}.wat`, `(module (memory (export "memory") 1)
    (func $other ${SIGNATURE} (i32.const 1))
    (func $memcmp (export "memcmp") ${SIGNATURE} ${COMPARE})
    ${bcmp === null ? '(export "bcmp" (func $memcmp))' : `(func $bcmp (export "bcmp") ${SIGNATURE} ${bcmp})`}
    (func (export "other") ${SIGNATURE} (call $other (local.get 0) (local.get 1) (local.get 2))))`);
  const made = spawnSync(WASM_OPT, [`${file}.wat`, ...(names ? ['-g'] : []), '-o', file], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return readFileSync(file);
}

test('wasm-compares: bcmp a call to memcmp passes; the same body as memcmp (session 46\'s shape), the two one function, another callee or no names fail', () => {
  assert.equal(comparesProblem(module('fixed', '(call $memcmp (local.get 0) (local.get 1) (local.get 2))')), null);
  assert.match(comparesProblem(module('same-body', COMPARE)), /bcmp \(function \d+\) is not a call to memcmp/);
  assert.match(comparesProblem(module('other-callee', '(call $other (local.get 0) (local.get 1) (local.get 2))')), /not a call to memcmp/);
  assert.match(comparesProblem(module('more', '(drop (call $memcmp (local.get 0) (local.get 1) (local.get 2))) (i32.const 0)')), /not a call to memcmp/);
  assert.match(comparesProblem(module('swapped', '(call $memcmp (local.get 1) (local.get 0) (local.get 2))')), /not a call to memcmp/);
  assert.match(comparesProblem(module('folded', null)), /no function named bcmp: folded/);
  assert.match(comparesProblem(module('stripped', '(call $memcmp (local.get 0) (local.get 1) (local.get 2))', { names: false })), /no function names/);
});

const PACKAGE = new URL('../../target/wasm32-unknown-unknown/release/joinguard_wasm.wasm', import.meta.url);
test('wasm-compares: the package as cargo built it (make wasm) passes', { skip: !existsSync(PACKAGE) && 'no package built' }, () => {
  assert.equal(comparesProblem(readFileSync(PACKAGE)), null);
});
