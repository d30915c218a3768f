#!/usr/bin/env node
// What the content scripts cost a page load, with and without extensions, in browsers started side by side and
// loaded interleaved round by round (machines drift: research/perf-anchors.md). Reports figures; asserts nothing.
//
//   node tools/measure-content-cost.mjs [--browser chromium|firefox] [--rounds N] [--fixture FILE --url URL]...
//                                       [--extension NAME=DIR]... [--settle MS]
//
// Defaults: 15 rounds (round 0 is a warm-up and not counted) of two pages: tests/e2e/fixtures/zoom-join-social.html
// at a Zoom join URL and nothing.html (a page with nothing relevant) at an unrelated host; each --fixture with
// the --url at the same position replaces them. Each --extension NAME=DIR (an unpacked build of joinguard, such as
// one branch's and another's, from `node tools/build-extension.mjs --out DIR`) replaces the default joinguard
// build(s) below, so that two builds are compared with each other (and with Privacy Badger) in the same run; each
// extension is also given less each one listed before it, round by round (paired).
//
// --settle: how long each load is measured from its start (default 2000 ms, past the content script's first
// re-gathering delay); 16000 takes in the 15 s password watch of a page that is not a vendor's (session 48).
//
// Chromium (needs `make extension-test`): ScriptDuration, CDP Performance.getMetrics: all script run on the
// page's main thread, the extension's isolated worlds included, wall-clock time. Browsers:
//   none                         no extension
//   joinguard page scripts only  the test build with only the top-frame bundles (content/page.js, and on meeting
//                                pages content/meeting-page.js, which adds media-watch.js and recording.js)
//   full extension               the test build as it is (link badges, credentials and media watchers too)
// Chromium 156 does not load Manifest V2 extensions, so Privacy Badger (below) cannot run there.
//
// Firefox ESR (needs `make` and `make setup-firefox`; started as the end-to-end tests start it, tests/e2e/browsers.mjs):
// the Gecko profiler (nsIProfiler, started and read through Marionette's privileged context) samples the main
// threads of every process every 0.2 ms with JS stacks and each thread's CPU time since the previous sample
// (features js, cpu). Per load, in the web-content processes only (the page's; not the parent, not the extension
// process where backgrounds run), tools/gecko-profile.mjs sums the CPU time of:
//   script       samples with any JS on the stack: the page's, the content scripts', code they inject into the
//                page, and Firefox's own JS serving them (messaging, script injection) — ScriptDuration's scope,
//                in CPU time rather than wall-clock time, so a busy machine's waits are not counted
//   extension    samples with a moz-extension:// script on the stack (the extension's own files only)
//   main thread  every sample (parsing, style, layout, GC too)
// Browsers: none; joinguard (dist/firefox, the package `make` builds); Privacy Badger, Debian's
// webext-privacy-badger (its .deb fetched with `apt-get download` into a temporary folder; version and sha256
// printed; skipped with a message when it cannot be had). Add-ons are installed temporarily, as the tests do.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pageCost } from './gecko-profile.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    browser: { type: 'string', default: 'chromium' },
    rounds: { type: 'string', default: '15' },
    fixture: { type: 'string', multiple: true, default: ['zoom-join-social.html', 'nothing.html'] },
    url: { type: 'string', multiple: true, default: ['https://us06web.zoom.us/j/84123456789?pwd=Xy12', 'https://allotments.example.net/news/spring'] },
    extension: { type: 'string', multiple: true, default: [] },
    settle: { type: 'string', default: '2000' },
  },
});
/** The --extension builds as [name, directory], or null for the defaults. */
const builds = args.extension.length === 0 ? null : args.extension.map((value) => {
  const at = value.indexOf('=');
  if (at <= 0) throw new Error(`--extension ${value}: give NAME=DIR`);
  const dir = value.slice(at + 1);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`--extension ${value}: no manifest.json in ${dir}`);
  return [value.slice(0, at), dir];
});
if (args.fixture.length !== args.url.length) throw new Error('give one --url for each --fixture');
const pages = args.fixture.map((fixture, i) => ({ fixture, url: args.url[i] }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Past the content script's first re-gathering delay (--settle).
const SETTLE_MS = Number(args.settle);

// --- Chromium ---------------------------------------------------------------------------------------------------

/** Chromium as the end-to-end tests start it (tests/e2e/browser.mjs), with the unpacked build `extension` or none. */
async function browser(extension) {
  const { launch } = await import('../tests/e2e/browser.mjs');
  const { context, close } = await launch({ extensionDir: extension });
  // Each fixture for its page, an empty script for its own .js (served on its host only, never a catch-all).
  for (const { fixture, url } of pages) {
    const body = readFileSync(join(ROOT, 'tests/e2e/fixtures', fixture));
    await context.route(`${new URL(url).origin}/**`, (route) =>
      route.fulfill(
        new URL(route.request().url()).pathname.endsWith('.js')
          ? { status: 200, contentType: 'text/javascript', body: '/* app */' }
          : { status: 200, contentType: 'text/html; charset=utf-8', body },
      ),
    );
  }
  return {
    async load(url) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url);
      await sleep(SETTLE_MS);
      const { metrics } = await cdp.send('Performance.getMetrics');
      await page.close();
      return { ScriptDuration: metrics.find((m) => m.name === 'ScriptDuration').value * 1000 };
    },
    close,
  };
}

async function chromiumBrowsers() {
  if (builds) {
    const browsers = { none: await browser(null) };
    for (const [name, dir] of builds) browsers[name] = await browser(dir);
    return { heading: 'ScriptDuration (wall-clock ms)', browsers, cleanup: () => {} };
  }
  const FULL = join(ROOT, 'target/e2e-extension/chromium');
  // A copy of the test build whose only content scripts are the page assessment's.
  const only = mkdtempSync(join(tmpdir(), 'joinguard-cost-'));
  cpSync(FULL, only, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(only, 'manifest.json'), 'utf8'));
  manifest.content_scripts = manifest.content_scripts.filter((entry) => entry.js.some((js) => /^content\/(meeting-)?page\.js$/.test(js)));
  writeFileSync(join(only, 'manifest.json'), JSON.stringify(manifest));
  return {
    heading: 'ScriptDuration (wall-clock ms)',
    browsers: {
      none: await browser(null),
      'joinguard page scripts only': await browser(only),
      'full extension': await browser(FULL),
    },
    cleanup: () => rmSync(only, { recursive: true, force: true }),
  };
}

// --- Firefox ----------------------------------------------------------------------------------------------------

// Sampling period (ms): fine enough to place a content script's few milliseconds; the totals come from the CPU
// time each sample carries, not from counting samples. Buffer: 2^23 8-byte entries, far more than one load needs.
const PROFILER = { entries: 1 << 23, interval: 0.2, features: ['js', 'cpu'], threads: ['GeckoMain'] };

/** Debian's Privacy Badger, unpacked in a temporary folder: { dir, label, cleanup } or null (and why, on stderr). */
function privacyBadger() {
  const scratch = mkdtempSync(join(tmpdir(), 'joinguard-badger-'));
  const apt = (...command) => execFileSync('apt-get', command, { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    // fonts-open-sans: its one dependency; the package's skin/fonts/ are symbolic links into it (only its own
    // pages use them, but a temporary install reads every file).
    const packages = ['webext-privacy-badger', 'fonts-open-sans'];
    try {
      apt('download', ...packages);
    } catch {
      // No package lists yet (a new machine): fetch them once, as the Makefile's setup targets do.
      apt('update');
      apt('download', ...packages);
    }
    const debs = readdirSync(scratch).filter((name) => name.endsWith('.deb')).map((name) => join(scratch, name));
    for (const file of debs) execFileSync('dpkg-deb', ['--extract', file, join(scratch, 'root')]);
    const deb = debs.find((file) => file.includes('privacy-badger'));
    const version = execFileSync('dpkg-deb', ['--field', deb, 'Version'], { encoding: 'utf8' }).trim();
    const sha256 = createHash('sha256').update(readFileSync(deb)).digest('hex');
    const dir = join(scratch, 'root/usr/share/webext/privacy-badger');
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no ${dir}/manifest.json in the package`);
    return { dir, label: `Debian webext-privacy-badger ${version}, .deb sha256 ${sha256}`, cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    console.error(`Privacy Badger skipped: Debian's webext-privacy-badger could not be fetched or unpacked (${String(error.stderr ?? error.message).trim()})`);
    return null;
  }
}

async function firefoxBrowsers() {
  const { launchBrowser } = await import('../tests/e2e/browsers.mjs');
  const joinguard = join(ROOT, 'dist/firefox');
  if (!builds && !existsSync(join(joinguard, 'manifest.json'))) throw new Error(`${joinguard} is missing: run \`make\` first`);
  const badger = privacyBadger();
  if (badger) console.log(`Privacy Badger: ${badger.label}`);
  const scratch = mkdtempSync(join(tmpdir(), 'joinguard-cost-firefox-'));

  async function firefox(name, extension) {
    const session = await launchBrowser('firefox', { extension });
    for (const { fixture, url } of pages) session.serve(new URL(url).hostname, fixture);
    const file = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
    return {
      async load(url) {
        // StartProfiler's promise settles once the child processes profile too.
        await session.privileged(({ entries, interval, features, threads }) =>
          Services.profiler.StartProfiler(entries, interval, features, threads), PROFILER);
        const tab = await session.open(url);
        await sleep(SETTLE_MS);
        await session.privileged(async (path) => {
          await Services.profiler.dumpProfileToFileAsync(path);
          Services.profiler.StopProfiler();
        }, file);
        await tab.close();
        const cost = pageCost(JSON.parse(readFileSync(file, 'utf8')));
        rmSync(file);
        return cost;
      },
      close: () => session.close(),
    };
  }

  const browsers = { none: await firefox('none', null) };
  for (const [name, dir] of builds ?? [['joinguard', joinguard]]) browsers[name] = await firefox(name, dir);
  if (badger) browsers['Privacy Badger'] = await firefox('badger', badger.dir);
  return {
    heading: 'Gecko profiler, CPU ms in the web-content processes\' main threads',
    browsers,
    cleanup: () => (badger?.cleanup(), rmSync(scratch, { recursive: true, force: true })),
  };
}

// --- the run ----------------------------------------------------------------------------------------------------

const setups = { chromium: chromiumBrowsers, firefox: firefoxBrowsers };
if (!setups[args.browser]) throw new Error(`--browser: one of ${Object.keys(setups).join(', ')}`);
const { heading, browsers, cleanup } = await setups[args.browser]();
const rounds = Number(args.rounds);
const results = pages.map(() => Object.fromEntries(Object.keys(browsers).map((name) => [name, []])));
// Firefox: where each extension's time went (its innermost own frame), summed over the counted loads.
const places = pages.map(() => Object.fromEntries(Object.keys(browsers).map((name) => [name, new Map()])));
const loadAverage = [loadavg()[0]];
try {
  // Round 0 starts the extensions' backgrounds and workers and fills caches: not counted.
  for (let round = 0; round <= rounds; round++) {
    for (const [p, { url }] of pages.entries()) {
      for (const [name, { load: measure }] of Object.entries(browsers)) {
        const { where, ...cost } = await measure(url);
        if (round === 0) continue;
        results[p][name].push(cost);
        for (const [frame, ms] of where ?? []) places[p][name].set(frame, (places[p][name].get(frame) ?? 0) + ms);
      }
    }
  }
} finally {
  loadAverage.push(loadavg()[0]);
  for (const { close } of Object.values(browsers)) await close();
  cleanup();
}

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const spread = (values) => `${quantile(values, 0.5).toFixed(2)} [${quantile(values, 0.25).toFixed(2)}–${quantile(values, 0.75).toFixed(2)}]`;
console.log(`${args.browser}: ${heading}; median [p25–p75] of ${rounds} interleaved loads each; ` +
  `load average ${loadAverage.map((value) => value.toFixed(1)).join(' → ')} on ${cpus().length} cores`);
for (const [p, { fixture, url }] of pages.entries()) {
  console.log(`${fixture} at ${url}:`);
  const none = results[p].none;
  for (const [name, costs] of Object.entries(results[p])) {
    const figures = Object.keys(costs[0]).map((metric) => `${metric} ${spread(costs.map((cost) => cost[metric]))}`);
    // The first metric less the same round's load without extensions: what the extension adds, paired.
    const [metric] = Object.keys(costs[0]);
    if (name !== 'none') figures.push(`${metric} less the same round's none ${spread(costs.map((cost, i) => cost[metric] - none[i][metric]))}`);
    // Each extension less each one before it in the same round (two builds, a build and Privacy Badger): paired
    // by round, which the machine's drift from round to round blurs less than two spreads side by side.
    const extensions = Object.keys(results[p]).filter((other) => other !== 'none');
    for (const other of extensions.slice(0, Math.max(0, extensions.indexOf(name)))) {
      figures.push(`${metric} less the same round's ${other} ${spread(costs.map((cost, i) => cost[metric] - results[p][other][i][metric]))}`);
    }
    console.log(`  ${name}: ${figures.join(', ')}`);
    const top = [...places[p][name]].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [frame, ms] of top) console.log(`      ${(ms / rounds).toFixed(2)} ms a load in ${frame.replace(/moz-extension:\/\/[^/]+\//, '')}`);
  }
}
