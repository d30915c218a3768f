// The e2e tests' lost reply (background/test-hold.js, session 48) and forced time cuts (content/test-cut.js, session
// 50): hooks of the test build only. The shipped
// packages must not hold it (no way for anyone to switch it on in a person's browser, not even with the extension's
// own storage), and the test build must (else the e2e runs that rely on it would pass without forcing anything).
// Built here with tools/build-extension.mjs into a scratch folder, both ways, from the wasm package `make test-js`
// builds (target/wasm-pkg).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HOLD_KEY, holdAnswer } from '../../extension/background/test-hold.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const PKG = join(ROOT, 'target/wasm-pkg');
/** What gives the hook away in a bundle: its label, its switch's key, its function. */
const MARKS = ['JOINGUARD_TEST', HOLD_KEY, 'holdAnswer'];
/** The same of the content scripts' hook, the notice walk's forced time cuts (content/test-cut.js, session 50): its
 *  switch (the page's attribute) and its event. */
const CONTENT_MARKS = ['data-joinguard-test-cuts', 'joinguard-test-cut'];

/** Every .js file under dir, as [path, text]. */
const scripts = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.js'))
    .map((name) => [name, readFileSync(join(dir, name), 'utf8')]);

test('the hold is in the test build only: the shipped bundles of both browsers leave it out', { skip: !existsSync(join(PKG, 'joinguard_wasm.js')) && 'no wasm package built' }, () => {
  const out = mkdtempSync(join(tmpdir(), 'joinguard-test-hold-'));
  try {
    for (const [kind, extra] of [['shipped', []], ['test', ['--test']]]) {
      const built = spawnSync(process.execPath, [join(ROOT, 'tools/build-extension.mjs'), '--pkg', PKG, '--out', join(out, kind), ...extra], { encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    }
    for (const browser of ['chromium', 'firefox']) {
      const shipped = scripts(join(out, 'shipped', browser));
      assert.ok(shipped.length > 5, `${browser}: the shipped bundles built`);
      for (const [name, text] of shipped) for (const mark of [...MARKS, ...CONTENT_MARKS]) assert.ok(!text.includes(mark), `${browser} ${name}: no ${mark}`);
      const background = readFileSync(join(out, 'test', browser, 'background/background.js'), 'utf8');
      for (const mark of MARKS) assert.ok(background.includes(mark), `${browser} test build: ${mark} kept`);
      for (const bundle of ['page.js', 'meeting-page.js']) {
        const content = readFileSync(join(out, 'test', browser, 'content', bundle), 'utf8');
        for (const mark of CONTENT_MARKS) assert.ok(content.includes(mark), `${browser} test build content/${bundle}: ${mark} kept`);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** storage.session as the background sees it: get/set of one record. */
const storage = (record) => {
  const area = { [HOLD_KEY]: record };
  return {
    area,
    get: async (key) => (area[key] === undefined ? {} : { [key]: area[key] }),
    set: async (items) => Object.assign(area, items),
  };
};

test('the hold waits only where switched on, for the kind of check it names, and counts what it held', async () => {
  const off = storage(undefined);
  await holdAnswer(off, true);
  assert.equal(off.area[HOLD_KEY], undefined, 'switched off: nothing written');
  const framedOnly = storage({ framed: 1 });
  await holdAnswer(framedOnly, false);
  assert.equal(framedOnly.area[HOLD_KEY].held, undefined, 'a top check: not held');
  await holdAnswer(framedOnly, true);
  await holdAnswer(framedOnly, true);
  assert.equal(framedOnly.area[HOLD_KEY].held, 2, 'two framed checks held');
  let done = false;
  const held = holdAnswer(storage({ top: 30 }), false).then(() => {
    done = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(done, false, 'still held');
  await held;
  assert.equal(done, true);
});
