#!/usr/bin/env node
// Derives the Chromium and Firefox packages from the one manifest.json, deterministically.
//
//   node tools/build-extension.mjs [--pkg DIR] [--out DIR] [--test]
//
// --pkg   the wasm-bindgen output (default target/wasm-pkg): joinguard_wasm.js and joinguard_wasm_bg.wasm
// --out   where to write (default dist; with --test, target/e2e-extension)
// --test  test build: adds the manifest `key` from tests/e2e/extension-key.pub so the Chromium extension id is
//         fixed, and writes no archives
//
// Writes OUT/chromium/, OUT/firefox/ (unpacked, loadable) and OUT/joinguard-chromium.zip, OUT/joinguard-firefox.xpi.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { zip } from './zip.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const GECKO_ID = 'joinguard@joinguard.org';
// data_collection_permissions: rejected before Firefox 128, shown as built-in consent from 140 (Android 142).
const FIREFOX_MIN = '140.0';
const FIREFOX_ANDROID_MIN = '142.0';
const CHROMIUM_MIN = '121'; // background.scripts next to service_worker is only a warning from 121 on
const PKG_FILES = ['joinguard_wasm.js', 'joinguard_wasm_bg.wasm'];

const { values: args } = parseArgs({
  options: {
    pkg: { type: 'string', default: join(ROOT, 'target/wasm-pkg') },
    out: { type: 'string' },
    test: { type: 'boolean', default: false },
  },
});
const outDir = args.out ?? join(ROOT, args.test ? 'target/e2e-extension' : 'dist');

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

/** Every file under dir, as [path relative to dir with '/' separators, absolute path], sorted. */
function listFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push([relative(dir, path).split(sep).join('/'), path]);
    }
  };
  walk(dir);
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function chromiumManifest(source) {
  const manifest = structuredClone(source);
  manifest.minimum_chrome_version = CHROMIUM_MIN;
  manifest.background = { service_worker: source.background.service_worker, type: 'module' };
  if (args.test) {
    manifest.key = readFileSync(join(ROOT, 'tests/e2e/extension-key.pub'), 'utf8').trim();
  }
  return manifest;
}

function firefoxManifest(source) {
  const manifest = structuredClone(source);
  // Firefox has no background service worker; it runs the same module as an event page.
  manifest.background = { scripts: [source.background.service_worker], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN,
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN },
  };
  return manifest;
}

/** Files the manifest points at, to fail here rather than at load time in a browser. */
function referencedFiles(manifest) {
  return [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    manifest.default_locale && `_locales/${manifest.default_locale}/messages.json`,
  ].filter(Boolean);
}

const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
if (source.manifest_version !== 3 || !source.background?.service_worker) {
  fail('manifest.json must be Manifest V3 with background.service_worker');
}
for (const name of PKG_FILES) {
  if (!existsSync(join(args.pkg, name))) fail(`${join(args.pkg, name)} is missing: build the wasm first (make wasm)`);
}

// The package contents shared by both browsers, sorted by path.
const files = [
  ...listFiles(join(ROOT, 'extension')).map(([name, path]) => ({ name, data: readFileSync(path) })),
  ...PKG_FILES.map((name) => ({ name: `pkg/${name}`, data: readFileSync(join(args.pkg, name)) })),
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
if (files.some(({ name }) => name === 'manifest.json')) fail('extension/ must not hold a manifest.json');

const targets = [
  { browser: 'chromium', manifest: chromiumManifest(source), archive: 'joinguard-chromium.zip' },
  { browser: 'firefox', manifest: firefoxManifest(source), archive: 'joinguard-firefox.xpi' },
];

mkdirSync(outDir, { recursive: true });
for (const { browser, manifest, archive } of targets) {
  const names = new Set(files.map(({ name }) => name));
  const missing = referencedFiles(manifest).filter((name) => !names.has(name));
  if (missing.length > 0) fail(`${browser}: manifest.json refers to missing files: ${missing.join(', ')}`);

  const entries = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files];
  const dir = join(outDir, browser);
  rmSync(dir, { recursive: true, force: true });
  for (const { name, data } of entries) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  if (!args.test) writeFileSync(join(outDir, archive), zip(entries));
  console.log(`build-extension: ${relative(ROOT, dir)}/ (${entries.length} files)${args.test ? '' : ` and ${relative(ROOT, join(outDir, archive))}`}`);
}
