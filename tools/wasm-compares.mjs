#!/usr/bin/env node
// The package's `memcmp` and `bcmp` (src/mem_compare.rs) are still two functions, `bcmp` a call to `memcmp`, in the
// module `make wasm` ships (checked on wasm-bindgen's output, whose name section wasm-opt strips later). When the two
// had the same body, LLVM's MergeFunctions folded them into one and sent the engine's `memcmp` calls to `bcmp`, whose
// constant-length calls were then expanded as tests for equality, their 0 or 1 read as an order: `"2026" <= "2100"`
// answered false in the release package only (session 46, docs/speed.md). crates/wasm/tests/byte_order.rs checks the
// compares' answers in a release test build (`make test-wasm`); this checks the shipped build itself, built by another
// command (`cargo rustc --crate-type cdylib`, without the tests' feature), on every `make wasm`, where no test runs
// (session 47). Both functions are exported by the package, so the linker keeps them by name.
//   node tools/wasm-compares.mjs FILE.wasm     exits 1 with the reason when the shape is not that
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { readLeb, readModule } from './wasm-module.mjs';

const LOCAL_GET = 0x20;
const CALL = 0x10;
const END = 0x0b;

/** null when, in the module in `bytes` (a Buffer with its name section), `memcmp` and `bcmp` are two functions and
 *  `bcmp`'s body is `memcmp(a, b, n)` and nothing else; otherwise what is wrong. */
export function comparesProblem(bytes) {
  const { names, spans, importedFunctions } = readModule(bytes);
  const index = new Map([...names].map(([at, name]) => [name, at]));
  const [memcmp, bcmp] = [index.get('memcmp'), index.get('bcmp')];
  if (names.size === 0) return 'the module has no function names (check it before wasm-opt strips them)';
  if (memcmp === undefined || bcmp === undefined) {
    return `no function named ${memcmp === undefined ? 'memcmp' : 'bcmp'}: folded into the other (one name for both), or no longer defined by src/mem_compare.rs`;
  }
  if (bcmp < importedFunctions) return 'bcmp is imported, not the engine\'s';
  const [start, length] = spans[bcmp - importedFunctions];
  const body = bytes.subarray(start, start + length);
  // No locals, the three arguments, one call, the end.
  const prologue = [0, LOCAL_GET, 0, LOCAL_GET, 1, LOCAL_GET, 2, CALL];
  const [callee, next] = body[prologue.length - 1] === CALL && prologue.every((byte, at) => body[at] === byte) ? readLeb(body, prologue.length) : [null, 0];
  if (callee !== memcmp || next !== body.length - 1 || body[next] !== END) {
    return `bcmp (function ${bcmp}) is not a call to memcmp (function ${memcmp}) and nothing else: its body is ${[...body.subarray(0, 24)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ')}${body.length > 24 ? ' …' : ''}`;
  }
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node tools/wasm-compares.mjs FILE.wasm');
    process.exit(1);
  }
  const problem = comparesProblem(readFileSync(file));
  if (problem) {
    console.error(`wasm-compares: ${file}: ${problem}. src/mem_compare.rs keeps bcmp a call to memcmp so that LLVM cannot fold the two and answer ordering compares as equality tests (session 46, docs/speed.md); see what changed there or in the toolchain before shipping.`);
    process.exit(1);
  }
}
