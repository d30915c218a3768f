#!/usr/bin/env node
// Where the time goes between a lookalike page's navigation start and the warning page's, in Debian's Chromium
// with the background's service worker stopped (as Chromium does after ~30 s idle) or running. A measurement
// tool, not a test (tests never assert times): `make extension-test` first, then, under the e2e lock,
//
//   flock /tmp/e2e.lock node tools/profile-warning-time.mjs [--rounds N] [--delay MS] [--extension DIR]
//
// It copies the test build (target/e2e-extension/chromium) to a temporary directory and adds timestamps to the
// copy only, by text replacement in its bundles (each replacement must match exactly once, or the tool stops:
// a changed bundle needs the anchors below changed with it). Each timestamp is performance.timeOrigin +
// performance.now() of its own context (the page, the content script, the worker), the same machine's clock, in
// ms from the lookalike's navigation start. The shipped packages carry none of this.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../tests/e2e/browser.mjs';
import { LOOKALIKE, LOOKALIKE_FIXTURE, LOOKALIKE_PATTERN, sleep, stopWorkers, untilWarning } from './warning-round.mjs';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, delay: { type: 'string', default: '0' }, extension: { type: 'string' }, woken: { type: 'boolean', default: false } } });
const ROUNDS = Number(args.rounds);
// --delay MS: the lookalike's response held back this long (a network's latency; the fixture is otherwise served
// by Playwright at once).
const DELAY = Number(args.delay);
// --woken: in the stopped rounds, a tab opened and closed after the stop (the background's tabs.onRemoved
// starts the worker again) 300 ms before the lookalike: a worker that something else woke just before.
const WOKEN = args.woken;
const ROOT = new URL('..', import.meta.url).pathname;
const BUILD = args.extension ?? join(ROOT, 'target/e2e-extension/chromium');
const COPY = mkdtempSync(join(tmpdir(), 'joinguard-profile-'));
cpSync(BUILD, COPY, { recursive: true });

/** Replaces `anchor` (which must occur exactly once) in the copy's file by `replacement(anchor)`. */
function patch(file, anchor, replacement) {
  const path = join(COPY, file);
  const text = readFileSync(path, 'utf8');
  const count = text.split(anchor).length - 1;
  if (count !== 1) throw new Error(`profile-warning-time: ${file}: anchor found ${count} times: ${anchor}`);
  writeFileSync(path, text.replace(anchor, replacement(anchor)));
}

const MARK = `globalThis.__mark ??= (name) => (globalThis.__marks ??= []).push([name, performance.timeOrigin + performance.now()]);
globalThis.__mark('worker timeOrigin (worker started)', performance.timeOrigin);
(globalThis.__marks ??= []).at(-1)[1] = performance.timeOrigin;
globalThis.__mark('first module evaluating');
`;
// The wasm-bindgen glue: its own module at pkg/ (until session 35) or bundled into the background.
const GLUE = existsSync(join(COPY, 'pkg/joinguard_wasm.js')) ? 'pkg/joinguard_wasm.js' : 'background/background.js';
writeFileSync(join(COPY, GLUE), MARK + readFileSync(join(COPY, GLUE), 'utf8'));
patch(
  GLUE,
  'const { instance, module } = await __wbg_load(await module_or_path, imports);',
  () =>
    "const __response = await module_or_path; globalThis.__mark('wasm fetched (response)'); const { instance, module } = await __wbg_load(__response, imports); globalThis.__mark('wasm instantiated');",
);
patch('background/background.js', '// extension/shared/api.js', (a) => `globalThis.__mark('background bundle evaluating');\n${a}`);
patch('background/background.js', 'ready.catch(', (a) => `ready.then(() => globalThis.__mark('init() resolved'));\n${a}`);
patch('background/background.js', 'ext.runtime.onMessage.addListener((message, sender, sendResponse) => {', (a) => `${a}\n  globalThis.__mark(\`message \${message?.type}\`);`);
patch('background/background.js', 'ext.tabs.onUpdated.addListener((tabId, change) => {', (a) => `${a}\n  globalThis.__mark(\`tabs.onUpdated \${change?.status ?? ''}\`);`);
patch('background/background.js', 'const settings = await settingsStore.effective();\n  const { page, links }', (a) => `globalThis.__mark('links: settings');\n  ${a}`);
patch('background/background.js', '  return { badges: linkBadges(', (a) => `  globalThis.__mark('links: screened');\n${a}`);
patch('background/background.js', 'const early = await settingsStore.effectiveNow();', (a) => `${a}\n  globalThis.__mark('settings read (effectiveNow)');`);
patch('background/background.js', 'const assessment = assess(early);', (a) => `${a}\n  globalThis.__mark('verdict (engine built + assessUrl)');`);
// The page-load question to the tab's top frame (shown-load.js askShownLoad; background.js asks it on an imitation
// before the gate: movedOn), asked and answered.
patch('background/background.js', '.then(() => sendMessage(tabId, { type: "page-load" }, { frameId: 0 }))', () => '.then(() => { globalThis.__mark(\'page-load question asked\'); return sendMessage(tabId, { type: "page-load" }, { frameId: 0 }); })');
patch('background/background.js', 'return await Promise.race([asked, unanswered]);', () => "const __answer = await Promise.race([asked, unanswered]); globalThis.__mark('page-load question answered'); return __answer;");
patch('background/background.js', 'const gated = await gate(tabId, url, assessment, {', (a) => `globalThis.__mark('policy check done');\n  ${a}`);
patch('background/background.js', 'if (await allowance(tabId, host, framed, now)) return "allowed";', () => `const __allowed = await allowance(tabId, host, framed, now); globalThis.__mark('allowance read (storage.session)'); if (__allowed) return "allowed";`);
patch('background/background.js', '  await ext.tabs.update(tabId,', (a) => `  globalThis.__mark('warning record stored (storage.session)');\n${a}`);
patch('background/background.js', "  return \"warned\";\n}\nasync function warnings(", (a) => `  globalThis.__mark('tabs.update resolved');\n${a}`);
// The engine's warm-up at the worker's start (session 35), where the build has it.
const WARM_UP = '.then((settings) => engine.assessUrl(WARM_UP_URL, settings))';
if (readFileSync(join(COPY, 'background/background.js'), 'utf8').includes(WARM_UP)) {
  patch('background/background.js', WARM_UP, () => ".then((settings) => { globalThis.__mark('warm-up: settings read'); engine.assessUrl(WARM_UP_URL, settings); globalThis.__mark('warm-up: engine built'); })");
}
const SEND = '        return ext.runtime.sendMessage({ type, url: cut(location.href), load, ...restoreField() })';
const tell = (name) => `document.dispatchEvent(new CustomEvent("__joinguard_mark", { detail: JSON.stringify([${JSON.stringify(name)}, performance.timeOrigin + performance.now()]) }))`;
for (const file of ['content/page.js', 'content/meeting-page.js']) {
  patch(file, SEND, (a) => `        ${tell('content script: early check sent')};\n${a}`);
}


/** One load of the lookalike: [name, ms from its navigation start] for every timestamp, in time order. */
async function once(session, { stop = false } = {}) {
  const page = await session.context.newPage();
  // Stopped through this tab's own DevTools session, after the tab exists: closing or opening a tab after the
  // stop would wake the worker again (its tabs.onRemoved and tabs.onUpdated listeners) before the navigation.
  if (stop) await stopWorkers(page);
  if (stop && WOKEN) {
    await (await session.context.newPage()).close();
    await sleep(300);
  }
  const marks = [];
  let origin = null;
  await page.exposeBinding('__joinguardProfile', (_source, kind, value) => {
    if (kind === 'origin' && origin === null) origin = value;
    if (kind === 'mark') marks.push(JSON.parse(value));
  });
  await page.addInitScript(() => {
    if (!location.href.startsWith('https:')) return;
    globalThis.__joinguardProfile?.('origin', performance.timeOrigin);
    const nav = () => performance.getEntriesByType('navigation')[0];
    document.addEventListener('__joinguard_mark', (event) => globalThis.__joinguardProfile?.('mark', event.detail));
    globalThis.__joinguardProfile?.('mark', JSON.stringify(['page: response start (fixture served)', performance.timeOrigin + (nav()?.responseStart ?? NaN)]));
  });
  await page.goto(LOOKALIKE, { waitUntil: 'commit' }).catch(() => {});
  await untilWarning(page);
  await page.locator('body[data-ready="true"]').waitFor();
  const warning = await page.evaluate(() => performance.timeOrigin);
  const worker = await session.worker().evaluate(() => {
    const taken = globalThis.__marks ?? [];
    globalThis.__marks = [];
    return taken;
  });
  await page.close();
  return [...marks, ...worker, ['warning page navigation start', warning]]
    .map(([name, at]) => [name, at - origin])
    .sort((a, b) => a[1] - b[1]);
}

/** Per timestamp name: the median over rounds, and in how many rounds it came. */
function summary(title, rounds) {
  const byName = new Map();
  for (const round of rounds) for (const [name, at] of round) if (!byName.has(name)) byName.set(name, []);
  for (const round of rounds) {
    const seen = new Set();
    for (const [name, at] of round) {
      if (seen.has(name)) continue; // the first of a kind (a second onUpdated, a later message)
      seen.add(name);
      byName.get(name).push(at);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = [...byName].map(([name, values]) => [name, median(values), Math.min(...values), Math.max(...values), values.length]);
  rows.sort((a, b) => a[1] - b[1]);
  console.log(`${title} (${rounds.length} rounds), ms from the lookalike's navigation start: median [min–max] (rounds)`);
  for (const [name, med, min, max, n] of rows) console.log(`  ${med.toFixed(1).padStart(7)} [${min.toFixed(0)}–${max.toFixed(0)}] (${n})  ${name}`);
}

const session = await launch({ extensionDir: COPY });
try {
  const body = readFileSync(new URL(`../tests/e2e/fixtures/${LOOKALIKE_FIXTURE}`, import.meta.url));
  await session.context.route(LOOKALIKE_PATTERN, async (route) => {
    if (DELAY > 0) await sleep(DELAY);
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  await once(session); // warm-up
  const running = [];
  const stopped = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    running.push(await once(session));
    stopped.push(await once(session, { stop: true }));
  }
  summary('service worker running', running);
  summary('service worker stopped', stopped);
  if (process.env.PROFILE_VERBOSE) for (const round of stopped) console.log(JSON.stringify(round.map(([n, t]) => [n, Math.round(t)])));
} finally {
  await session.close();
  rmSync(COPY, { recursive: true, force: true });
}
