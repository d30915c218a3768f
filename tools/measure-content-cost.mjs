#!/usr/bin/env node
// What the content scripts cost a page load: Chromium's ScriptDuration (CDP Performance.getMetrics, all script
// run on the page's main thread, the extension's isolated worlds included) for one fixture, in three browsers
// side by side, interleaved round by round (machines drift: research/perf-anchors.md):
//   none                         no extension
//   joinguard page scripts only  the test build with only the page-assessment scripts (findings-text.js,
//                                signals.js, overlay.js, content.js)
//   full extension               the test build as it is (link badges, credentials and media watchers too)
// Reports figures; asserts nothing. Needs `make extension-test` first.
//
//   node tools/measure-content-cost.mjs [--rounds N] [--fixture FILE] [--url URL]
// Defaults: 15 rounds of tests/e2e/fixtures/zoom-join-social.html served at a Zoom join URL.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    fixture: { type: 'string', default: 'zoom-join-social.html' },
    url: { type: 'string', default: 'https://us06web.zoom.us/j/84123456789?pwd=Xy12' },
  },
});
const FULL = join(ROOT, 'target/e2e-extension/chromium');
const body = readFileSync(join(ROOT, 'tests/e2e/fixtures', args.fixture));

// A copy of the test build whose only content scripts are the page assessment's.
const only = mkdtempSync(join(tmpdir(), 'joinguard-cost-'));
cpSync(FULL, only, { recursive: true });
const manifest = JSON.parse(readFileSync(join(only, 'manifest.json'), 'utf8'));
manifest.content_scripts = manifest.content_scripts.filter((entry) => entry.js.includes('content/content.js'));
writeFileSync(join(only, 'manifest.json'), JSON.stringify(manifest));

async function browser(extension) {
  const profile = mkdtempSync(join(tmpdir(), 'joinguard-cost-profile-'));
  const switches = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (extension) switches.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: switches,
    viewport: { width: 1100, height: 640 },
  });
  // The fixture for the page, an empty script for its own .js (served on its host only, never a catch-all).
  await context.route(`${new URL(args.url).origin}/**`, (route) =>
    route.fulfill(
      new URL(route.request().url()).pathname.endsWith('.js')
        ? { status: 200, contentType: 'text/javascript', body: '/* app */' }
        : { status: 200, contentType: 'text/html; charset=utf-8', body },
    ),
  );
  return { context, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

const configs = {
  none: await browser(null),
  'joinguard page scripts only': await browser(only),
  'full extension': await browser(FULL),
};
const results = Object.fromEntries(Object.keys(configs).map((name) => [name, []]));
const rounds = Number(args.rounds);
// Round 0 starts the service workers and is not counted.
for (let round = 0; round <= rounds; round++) {
  for (const [name, { context }] of Object.entries(configs)) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(args.url);
    await page.waitForTimeout(2000); // past the content script's first re-gathering delay
    const { metrics } = await cdp.send('Performance.getMetrics');
    if (round > 0) results[name].push(metrics.find((m) => m.name === 'ScriptDuration').value * 1000);
    await page.close();
  }
}
for (const { close } of Object.values(configs)) await close();
rmSync(only, { recursive: true, force: true });

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
console.log(`${args.fixture} at ${args.url}, ${rounds} interleaved loads each, ScriptDuration in ms:`);
for (const [name, values] of Object.entries(results)) {
  console.log(`  ${name}: median ${quantile(values, 0.5).toFixed(2)} [p25 ${quantile(values, 0.25).toFixed(2)} – p75 ${quantile(values, 0.75).toFixed(2)}]`);
}
