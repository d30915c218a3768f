#!/usr/bin/env node
// Prints the version of a package pinned in Cargo.lock, so tools built from the same crate
// (wasm-bindgen-cli must match the wasm-bindgen crate exactly) follow the lock file instead of a hand-synced copy.
// Usage: node tools/lock-version.mjs wasm-bindgen [Cargo.lock]
import { readFileSync } from 'node:fs';

const [name, lockPath = 'Cargo.lock'] = process.argv.slice(2);
if (!name) {
  console.error('usage: lock-version.mjs PACKAGE [Cargo.lock]');
  process.exit(2);
}
const versions = new Set();
for (const block of readFileSync(lockPath, 'utf8').split('[[package]]')) {
  const pkg = /^name = "([^"]+)"$/m.exec(block);
  const version = /^version = "([^"]+)"$/m.exec(block);
  if (pkg?.[1] === name && version) versions.add(version[1]);
}
if (versions.size !== 1) {
  console.error(`${lockPath}: expected exactly one version of ${name}, found ${versions.size ? [...versions].join(', ') : 'none'}`);
  process.exit(1);
}
console.log([...versions][0]);
