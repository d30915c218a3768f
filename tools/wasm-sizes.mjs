#!/usr/bin/env node
// Size breakdown of a wasm module (the role of twiggy's `top`, without a tool to install): bytes per section,
// and the code section's function bodies grouped by the Rust crate their name starts with (read from the
// `name` section, so give a module that kept it: `make sizes` passes one built like the package but with
// `wasm-opt -g`). Data segments cannot be split by crate: the vendor database, the public-suffix trie and
// Unicode tables show up there together.
// `--blob FILE` (repeatable) names a file compiled into the data (the vendor database, the public-suffix trie)
// and reports its share; of several files of one name, the one the module holds. Sizes gzipped (level 9) are
// given next to raw ones: the package ships compressed.
// `--functions N` lists the N largest function bodies by name (what to look at first).
//   node tools/wasm-sizes.mjs FILE.wasm [--top 25] [--functions N] [--blob FILE]...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLeb, readModule } from './wasm-module.mjs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/wasm-sizes.mjs FILE.wasm [--top N]');
  process.exit(2);
}
const top = Number(rest[rest.indexOf('--top') + 1]) || 25;
const largest = rest.includes('--functions') ? Number(rest[rest.indexOf('--functions') + 1]) || 20 : 0;
const blobs = rest.flatMap((arg, i) => (arg === '--blob' && rest[i + 1] ? [rest[i + 1]] : []));
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const bytes = readFileSync(file);
const { sections, importedFunctions, bodies, spans, names, codeSection, dataSection } = readModule(bytes);

// `<alloc::vec::Vec<T> as core::clone::Clone>::clone` → alloc; `joinguard::psl::suffix` → joinguard.
const crateOf = (name) => {
  if (!name) return '(no name)';
  if (/ shim$/.test(name)) return '(wasm-bindgen export shims)';
  const impl = /^<+[^ ]+ as ([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(name);
  if (impl && !/::/.test(name.split(' as ')[0])) return impl[1]; // `<f64 as core::fmt::Display>::fmt`: core
  const plain = name.replace(/^<+/, '').replace(/^(&|\*const |\*mut |dyn |mut |\[)+/, '');
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(plain);
  return match ? match[1] : `(${plain.split(/[:<(]/)[0] || 'other'})`;
};
// Each body's bytes, so that a crate's code can be gzipped on its own: what a change that drops the crate would
// take off, before what replaces it.
const bodyBytes = spans.map(([start, length]) => bytes.subarray(start, start + length));
const byCrate = new Map();
bodies.forEach((length, i) => {
  const crate = crateOf(names.get(importedFunctions + i));
  const entry = byCrate.get(crate) ?? { bytes: 0, functions: 0, code: [] };
  entry.bytes += length;
  entry.functions++;
  entry.code.push(bodyBytes[i]);
  byCrate.set(crate, entry);
});

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`${file}: ${bytes.length} bytes (${kb(bytes.length)}), ${gz(bytes)} gzipped; ` +
  `code ${codeSection.length} (${gz(codeSection)} gzipped), data ${dataSection.length} (${gz(dataSection)} gzipped)`);
// The memory the active data segments fill: wasm-opt's memory packing splits a blob at its runs of zeros into
// several segments, so a blob is looked for in the memory image, not in the section's bytes.
const memoryImage = () => {
  let p = 0;
  const read = (signed) => {
    const [value, next] = readLeb(dataSection, p, signed);
    p = next;
    return value;
  };
  const uleb = () => read(false);
  const sleb = () => read(true);
  const segments = [];
  for (let count = uleb(); count > 0; count--) {
    const flags = uleb();
    let offset = null;
    if (flags === 2) uleb(); // memory index
    if (flags !== 1) {
      // An offset expression: i32.const N, end.
      if (dataSection[p++] !== 0x41) return null;
      offset = sleb();
      if (dataSection[p++] !== 0x0b) return null;
    }
    const length = uleb();
    if (offset !== null) segments.push([offset, dataSection.subarray(p, p + length)]);
    p += length;
  }
  const end = Math.max(0, ...segments.map(([offset, content]) => offset + content.length));
  const image = Buffer.alloc(end);
  for (const [offset, content] of segments) content.copy(image, offset);
  return image;
};
const image = blobs.length ? memoryImage() ?? dataSection : dataSection;
if (blobs.length) console.log('\nin the data:');
// Several files of one name (`make size-report` passes each build directory's: the package's and the bench
// examples', built with other features) are one blob: the one the module holds is reported.
const byName = new Map();
for (const blob of blobs) byName.set(basename(blob), [...(byName.get(basename(blob)) ?? []), blob]);
for (const [name, files] of byName) {
  const contents = files.map((blob) => readFileSync(blob));
  const held = contents.find((content) => image.indexOf(content) >= 0);
  const content = held ?? contents[0];
  const found = held ? '' : ' (not found in the data)';
  console.log(`  ${name.padEnd(28)} ${String(content.length).padStart(9)}  ${kb(content.length).padStart(10)}  ` +
    `${gz(content)} gzipped${found}`);
}
console.log('\nsections:');
for (const [label, size] of sections.sort((a, b) => b[1] - a[1])) {
  console.log(`  ${label.padEnd(28)} ${String(size).padStart(9)}  ${kb(size).padStart(10)}`);
}
const code = bodies.reduce((a, b) => a + b, 0);
console.log(`\ncode by crate (function bodies, ${bodies.length} functions, ${kb(code)}${names.size ? '' :
  '; no name section: build with names kept'}):`);
// The gzipped column compresses each crate's bodies alone: the crates' figures add up to more than the code's.
const crates = [...byCrate].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
for (const [crate, { bytes: size, functions, code: parts }] of crates) {
  const share = (100 * size / code).toFixed(1).padStart(5);
  console.log(`  ${crate.padEnd(28)} ${String(size).padStart(9)}  ${kb(size).padStart(10)}  ${share}%  ` +
    `${String(gz(Buffer.concat(parts))).padStart(7)} gzipped alone  ${functions} fns`);
}
if (largest) {
  console.log(`\nlargest functions:`);
  const ranked = bodies.map((length, i) => [length, names.get(importedFunctions + i) ?? '(no name)']);
  for (const [length, name] of ranked.sort((a, b) => b[0] - a[0]).slice(0, largest)) {
    console.log(`  ${String(length).padStart(7)}  ${name.length > 140 ? `${name.slice(0, 137)}...` : name}`);
  }
}
