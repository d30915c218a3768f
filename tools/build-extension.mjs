#!/usr/bin/env node
// Derives the Chromium and Firefox packages from the one manifest.json, deterministically. Its named lists of
// match patterns (`match_lists`, tools/match-lists.mjs) are written out in full in both packages' manifests.
//
// extension/ holds ES modules by context (background/, content/, main-world/, pages/, shared/). Each script the
// manifest or a page's <script src> names is an entry: esbuild bundles it with what it imports into one file at
// the same path in the package (content and MAIN-world scripts as IIFEs, since browsers load them as classic
// scripts; the background and the pages as ES modules). The other .js files are only inputs; everything else
// (HTML, CSS, icons, _locales, the policy schema) is copied as is, and the wasm engine goes to pkg/. Not minified
// (readable for store reviewers) and no source maps.
//
//   node tools/build-extension.mjs [--pkg DIR] [--out DIR] [--test]
//
// --pkg   the wasm-bindgen output (default target/wasm-pkg): joinguard_wasm.js and joinguard_wasm_bg.wasm
// --out   where to write (default dist; with --test, target/e2e-extension)
// --test  test build: adds the manifest `key` from tests/e2e/extension-key.pub so the Chromium extension id is
//         fixed, keeps the e2e tests' hooks (statements labelled JOINGUARD_TEST: background/test-hold.js; dropped
//         from the bundles otherwise), and writes no archives
//
// Writes OUT/chromium/, OUT/firefox/ (unpacked, loadable) and OUT/joinguard-chromium.zip, OUT/joinguard-firefox.xpi.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { resolveMatchLists } from './match-lists.mjs';
import { zip } from './zip.mjs';
import { lookalikePrefilterData } from '../extension/shared/lookalike-prefilter.js';

const ROOT = new URL('..', import.meta.url).pathname;
const GECKO_ID = 'joinguard@joinguard.org';
// data_collection_permissions: rejected before Firefox 128, shown as built-in consent from 140 (Android 142).
const FIREFOX_MIN = '140.0';
const FIREFOX_ANDROID_MIN = '142.0';
const CHROMIUM_MIN = '121'; // background.scripts next to service_worker is only a warning from 121 on
const PKG_FILES = ['joinguard_wasm.js', 'joinguard_wasm_bg.wasm'];
// The syntax the bundles may use: the oldest browsers the packages accept.
const BUNDLE_TARGETS = [`chrome${CHROMIUM_MIN}`, `firefox${FIREFOX_MIN.split('.')[0]}`];
const EXTENSION = join(ROOT, 'extension');
/** The label of the statements only test builds keep (background/test-hold.js). */
const TEST_LABEL = 'JOINGUARD_TEST';

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

/** The package's scripts: [path in extension/, 'iife' | 'esm'], sorted by path. */
function entryPoints(manifest) {
  const entries = new Map();
  entries.set(manifest.background.service_worker, 'esm');
  for (const script of manifest.content_scripts ?? []) for (const js of script.js ?? []) entries.set(js, 'iife');
  // Every extension page: the manifest's, and those only the extension opens (pages/warning.html).
  const pages = new Set([manifest.action?.default_popup, manifest.options_ui?.page].filter(Boolean));
  for (const [name] of listFiles(EXTENSION)) if (name.endsWith('.html')) pages.add(name);
  for (const page of [...pages].sort()) {
    const html = readFileSync(join(EXTENSION, page), 'utf8');
    for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
      entries.set(posix.join(posix.dirname(page), src), 'esm');
    }
  }
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One entry bundled with its imports. The wasm engine's glue stays a separate module at pkg/ (it finds its
 *  .wasm next to itself), imported by the background only. */
async function bundle(name, format) {
  const path = join(EXTENSION, name);
  if (!existsSync(path)) fail(`manifest.json or a page refers to extension/${name}, which does not exist`);
  const engine = {
    name: 'engine-external',
    setup(build) {
      build.onResolve({ filter: /\/pkg\/joinguard_wasm\.js$/ }, (resolved) => {
        if (format !== 'esm') return { errors: [{ text: `${name}: only ES-module entries may import the engine` }] };
        return { path: resolved.path, external: true };
      });
    },
  };
  let result;
  try {
    result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format,
      target: BUNDLE_TARGETS,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [engine],
      define: { JOINGUARD_LOOKALIKE_PREFILTER: prefilter },
      // The e2e tests' hooks, statements labelled JOINGUARD_TEST (background/test-hold.js): gone from the shipped
      // bundles, with what only they import.
      dropLabels: args.test ? [] : [TEST_LABEL],
    });
  } catch (error) {
    const problems = (error.errors ?? [{ text: error.message }]).map(
      (e) => (e.location ? `${relative(ROOT, join(ROOT, e.location.file))}:${e.location.line}: ${e.text}` : e.text),
    );
    fail(`bundling extension/${name} failed:\n  ${problems.join('\n  ')}`);
  }
  if (result.warnings.length > 0) {
    fail(`bundling extension/${name}: ${result.warnings.map((w) => w.text).join('; ')}`);
  }
  return Buffer.from(result.outputFiles[0].contents);
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
  // Chromium-only: Firefox reads an organisation's settings from policies.json ("3rdparty" → "Extensions")
  // without a schema, and warns about the key on every install ("Reading manifest: Warning processing
  // storage: An unexpected property was found").
  delete manifest.storage?.managed_schema;
  if (manifest.storage && Object.keys(manifest.storage).length === 0) delete manifest.storage;
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

/** Files the extension's pages point at (src and href relative to the page), to fail here rather than show a
 *  broken image or style: a page moved to another folder keeps its old relative paths otherwise. */
function pageReferences(files) {
  const found = [];
  for (const { name, data } of files.filter((file) => file.name.endsWith('.html'))) {
    for (const [, ref] of data.toString('utf8').matchAll(/\b(?:src|href)="([^"#?]+)[^"]*"/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/')) continue; // absolute: not a package file
      found.push(posix.normalize(posix.join(posix.dirname(name), ref)));
    }
  }
  return found;
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

// The named lists of match patterns in place (tools/match-lists.mjs), before either browser's changes.
const source = (() => {
  try {
    return resolveMatchLists(JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')));
  } catch (error) {
    fail(error.message);
  }
})();
if (source.manifest_version !== 3 || !source.background?.service_worker) {
  fail('manifest.json must be Manifest V3 with background.service_worker');
}
for (const name of PKG_FILES) {
  if (!existsSync(join(args.pkg, name))) fail(`${join(args.pkg, name)} is missing: build the wasm first (make wasm)`);
}

// content/gate.js's lookalike prefilter, from the engine's own data (its vendors' brand terms and official
// domains, and the ordinary-word brand names brand_words.rs weighs: extension/shared/lookalike-prefilter.js), so
// that it never drifts from the rules.
const prefilter = await (async () => {
  const engine = await import(pathToFileURL(join(args.pkg, 'joinguard_wasm.js')).href);
  engine.initSync({ module: readFileSync(join(args.pkg, 'joinguard_wasm_bg.wasm')) });
  const vendors = engine.vendorList().map(({ id }) => engine.vendorCard(id).vendor);
  return JSON.stringify(lookalikePrefilterData(vendors, engine.ordinaryBrandNames(), engine.sessionProxySuffixes(), engine.cheapEndings()));
})();

// The package contents shared by both browsers, sorted by path: the bundles, the other files but scripts, and
// the engine.
const allFiles = [
  ...(await Promise.all(entryPoints(source).map(async ([name, format]) => ({ name, data: await bundle(name, format) })))),
  ...listFiles(EXTENSION)
    .filter(([name]) => !name.endsWith('.js'))
    .map(([name, path]) => ({ name, data: readFileSync(path) })),
  ...PKG_FILES.map((name) => ({ name: `pkg/${name}`, data: readFileSync(join(args.pkg, name)) })),
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
if (allFiles.some(({ name }) => name === 'manifest.json')) fail('extension/ must not hold a manifest.json');
if (allFiles.some(({ name }) => name.startsWith('pkg/') && !PKG_FILES.includes(name.slice(4)))) {
  fail('extension/pkg/ is reserved for the wasm engine');
}

const targets = [
  { browser: 'chromium', manifest: chromiumManifest(source), archive: 'joinguard-chromium.zip' },
  { browser: 'firefox', manifest: firefoxManifest(source), archive: 'joinguard-firefox.xpi' },
];

mkdirSync(outDir, { recursive: true });
for (const { browser, manifest, archive } of targets) {
  // The managed-storage schema only where the manifest names it (Chromium).
  const schema = source.storage?.managed_schema;
  const files = allFiles.filter(({ name }) => name !== schema || manifest.storage?.managed_schema === schema);
  const names = new Set(files.map(({ name }) => name));
  const missing = [...referencedFiles(manifest), ...pageReferences(files)].filter((name) => !names.has(name));
  if (missing.length > 0) fail(`${browser}: manifest.json or an extension page refers to missing files: ${missing.join(', ')}`);

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
