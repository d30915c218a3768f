// tools/wasm-out-of-line.mjs `inlineFirst` (the package build's `--inline` step, the bench tools' first wasm-opt
// run) on a tiny module of its own that wasm-opt makes from text, with lists of its own: the listed function is
// inlined into its one caller and every other function stays; the build stops, with a message that names the module
// and the list, when a listed function matches no function of the module or is still there after the run, or when
// the out-of-line list names a function the run's output lacks. In a folder whose path has a space, as a
// checkout's may.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readModule } from '../../tools/wasm-module.mjs';
import { inlineFirst, WASM_OPT } from '../../tools/wasm-out-of-line.mjs';

const TOOL = fileURLToPath(new URL('../../tools/wasm-out-of-line.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wasm inline '));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Two steps of arithmetic on the parameter: more than wasm-opt always inlines (2 expressions), so that it
 *  inlines the function only as one caller's. */
const body = (a, b) =>
  `(local.set 0 (i32.add (i32.mul (local.get 0) (i32.const ${a})) (i32.const ${b})))
   (local.set 0 (i32.add (i32.mul (local.get 0) (i32.const ${b})) (i32.const ${a})))
   (local.get 0)`;

/**
 * `name`.wasm in the test's folder, with its function names: `run` (exported) calls `hot` from `callers` places
 * and `cold` from one, so that only wasm-opt's `--no-inline` keeps `cold` out of line. The names as wasm-bindgen's
 * output (demangled) or cargo's modules (mangled) write them.
 */
function tinyModule(name, { hot, cold, run, callers = 1 }) {
  const file = join(dir, `${name}.wasm`);
  writeFileSync(`${file}.wat`, `(module
    (func $${hot} (param i32) (result i32) ${body(3, 5)})
    (func $${cold} (param i32) (result i32) ${body(7, 11)})
    (func $${run} (export "run") (param i32) (result i32)
      ${'(local.set 0 (call $HOT (local.get 0)))'.replaceAll('HOT', hot).repeat(callers)}
      (call $${cold} (local.get 0))))`);
  const made = spawnSync(WASM_OPT, [`${file}.wat`, '-g', '-o', file], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return file;
}

const DEMANGLED = { hot: 'tiny::hot::h1a2b', cold: 'tiny::cold::h3c4d', run: 'tiny::run::h5e6f' };
const MANGLED = {
  hot: '_ZN4tiny3hot17h0123456789abcdefE',
  cold: '_ZN4tiny4cold17h0123456789abcdefE',
  run: '_ZN4tiny3run17h0123456789abcdefE',
};

/** A list file of the test's (the patterns, a line each, under a comment as the real lists have). */
function list(name, ...patterns) {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `# ${name}\n${patterns.join('\n')}\n`);
  return file;
}

const INLINE = list('inline', '*tiny::hot::*');
const OUT_OF_LINE = list('out-of-line', '*tiny::cold::*');

const names = (file) => [...readModule(readFileSync(file)).names.values()];
const run = async (file, input) => (await WebAssembly.instantiate(readFileSync(file))).instance.exports.run(input);

/** The package build's step: `node tools/wasm-out-of-line.mjs --inline FILE`, with the test's lists. */
const inlineStep = (file, { inline = INLINE, outOfLine = OUT_OF_LINE } = {}) =>
  spawnSync(process.execPath, [TOOL, '--inline', file, `--inline-list=${inline}`, `--out-of-line-list=${outOfLine}`], {
    encoding: 'utf8',
  });

test('the listed function is inlined into its one caller and every other function stays, as the module computed', async () => {
  const file = tinyModule('inlined', DEMANGLED);
  const before = await run(file, 7);
  const step = inlineStep(file);
  assert.equal(step.status, 0, step.stderr);
  assert.deepEqual(names(file).sort(), [DEMANGLED.cold, DEMANGLED.run].sort());
  assert.equal(await run(file, 7), before);
});

test('the build stops, naming the module and the list, when a listed function matches no function', () => {
  const file = tinyModule('unmatched', DEMANGLED);
  const bytes = readFileSync(file);
  const inline = list('inline-renamed', '*tiny::hot::*', '*tiny::renamed::*');
  const step = inlineStep(file, { inline });
  assert.equal(step.status, 1);
  assert.equal(step.stderr, `wasm-inline: no function of ${file} matches *tiny::renamed::*: update ${inline}\n`);
  assert.deepEqual(readFileSync(file), bytes, 'the module untouched: wasm-opt did not run');
});

test('the build stops, naming the module, when a listed function is still out of line after the run', () => {
  const file = tinyModule('two-callers', { ...DEMANGLED, callers: 2 });
  const step = inlineStep(file);
  assert.equal(step.status, 1);
  assert.equal(step.stderr, `wasm-inline: ${DEMANGLED.hot} still out of line in ${file} (more than one caller?)\n`);
});

test('the build stops, naming the module and the list, when the out-of-line list names no function of the output', () => {
  const file = tinyModule('out-of-line-unmatched', DEMANGLED);
  const outOfLine = list('out-of-line-renamed', '*tiny::cold::*', '*tiny::renamed::*');
  const step = inlineStep(file, { outOfLine });
  assert.equal(step.status, 1);
  assert.equal(
    step.stderr,
    `wasm-out-of-line: no function of ${file} matches *tiny::renamed::*: a function of ${outOfLine} was renamed or removed; update the list\n`,
  );
});

test("a bench module's mangled names, some of the list's functions only (the bench tools' call)", async () => {
  const file = tinyModule('mangled', MANGLED);
  const before = await run(file, 7);
  const inline = list('inline-some', '*tiny::hot::*', '*tiny::package_only::*');
  inlineFirst(file, { mangled: true, some: true }, [], { inline, outOfLine: OUT_OF_LINE });
  assert.deepEqual(names(file).sort(), [MANGLED.cold, MANGLED.run].sort());
  assert.equal(await run(file, 7), before);
  // Without `some` (a module that should hold every listed function), the same list stops the run.
  const whole = tinyModule('mangled-whole', MANGLED);
  assert.throws(() => inlineFirst(whole, { mangled: true }, [], { inline, outOfLine: OUT_OF_LINE }), {
    message: `wasm-inline: no function of ${whole} matches *4tiny12package_only17h*: update ${inline}`,
  });
});
