#!/usr/bin/env node
// Loads a wasm-bindgen package in Node and assesses one URL: fails the build when an optimiser pass broke
// the module (binaryen 108, Debian 12's wasm-opt, rebinds the __wbindgen_externrefs export to the funcref
// table, and init() then throws "WebAssembly.Table.set(): Argument 1 is invalid for table";
// https://github.com/WebAssembly/binaryen/issues/4711).
// Usage: node tools/wasm-smoke.mjs PKG_DIR
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'target/wasm-pkg');
const engine = await import(pathToFileURL(`${dir}/joinguard_wasm.js`).href);
engine.initSync({ module: readFileSync(`${dir}/joinguard_wasm_bg.wasm`) });
const assessment = engine.assessUrl('https://us02web.zoom.us/j/85123456789?pwd=abc');
if (assessment.vendor !== 'zoom' || assessment.embedded_secret !== true) {
  console.error('wasm-smoke: unexpected assessment', assessment);
  process.exit(1);
}
console.log(`wasm-smoke: ok (data ${engine.dataVersion()})`);
