// The wasm engine as the extension's background loads it: the package `make test-js` builds (target/wasm-pkg),
// instantiated once per test file that imports it. One loader for every unit test that needs the real engine.
import { readFileSync } from 'node:fs';

const pkg = new URL('../../target/wasm-pkg/', import.meta.url);
export const engine = await import(new URL('joinguard_wasm.js', pkg).href);
engine.initSync({ module: readFileSync(new URL('joinguard_wasm_bg.wasm', pkg)) });
