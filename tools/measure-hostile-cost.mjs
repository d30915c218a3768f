#!/usr/bin/env node
// What the cost attacks of issue 10 cost a page, with and without joinguard, in Debian's Chromium:
//   links     a webmail-like page of N meeting links (tests/e2e/fixtures/hostile/many-links.html, N = 200,000)
//   siblings  a public site (x.com) that adds N sibling posts at once (fixtures/hostile/siblings.html, N = 20,000)
// For each, browsers with and without the extension, round by round, report:
//   ScriptDuration   all script run on the page's main thread, the extension's isolated worlds included (CDP
//                    Performance.getMetrics), over the whole load and SETTLE_MS after
//   longest freeze   the longest gap between the page's own 20 ms timer ticks in that time: how long the page
//                    stopped answering
// Reports figures; asserts nothing. Needs `make extension-test` first.
//
//   node tools/measure-hostile-cost.mjs [--rounds N] [--links N] [--siblings N] [--extension DIR]
// --extension: another unpacked build to measure instead of target/e2e-extension/chromium (an older one, to compare).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_DIR, launch } from '../tests/e2e/browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    links: { type: 'string', default: '200000' },
    siblings: { type: 'string', default: '20000' },
    extension: { type: 'string', default: EXTENSION_DIR },
  },
});
const SETTLE_MS = 6000;
const fixture = (name) => readFileSync(join(ROOT, 'tests/e2e/fixtures/hostile', name));

/** Chromium as the end-to-end tests start it (tests/e2e/browser.mjs), with the unpacked build `extension` or none. */
async function browser(extension) {
  const { context, close } = await launch({ extensionDir: extension });
  const page = (body) => (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  await context.route('https://mail.example.org/**', page(fixture('many-links.html')));
  await context.route('https://x.com/**', page(fixture('siblings.html')));
  if (extension) {
    // The worker up and the engine loaded before measuring (its start is not what is measured here).
    const warm = await context.newPage();
    await warm.goto('https://x.com/warm-up');
    await warm.waitForTimeout(1500);
    await warm.close();
  }
  return { context, close };
}

/** One case in one browser: { scriptMs, freezeMs }. */
async function measure(context, which) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__freeze = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.__freeze = Math.max(window.__freeze, now - last);
      last = now;
    }, 20);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (which === 'links') {
    await page.goto(`https://mail.example.org/inbox?n=${args.links}`, { timeout: 180_000 });
  } else {
    await page.goto('https://x.com/home');
    await page.waitForTimeout(1000); // the credentials watch has asked whether the site is public
    await page.evaluate((n) => window.addPosts(n), Number(args.siblings));
  }
  await page.waitForTimeout(SETTLE_MS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const freezeMs = await page.evaluate(() => window.__freeze);
  await cdp.detach();
  await page.close();
  return { scriptMs: metrics.find((m) => m.name === 'ScriptDuration').value * 1000, freezeMs };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (values) => `${median(values).toFixed(0)} ms [${values.map((v) => v.toFixed(0)).join(', ')}]`;

const withExtension = await browser(args.extension);
const without = await browser(null);
const results = { links: { with: [], without: [] }, siblings: { with: [], without: [] } };
for (let round = 0; round < Number(args.rounds); round += 1) {
  for (const which of ['links', 'siblings']) {
    results[which].with.push(await measure(withExtension.context, which));
    results[which].without.push(await measure(without.context, which));
  }
}
await Promise.all([withExtension.close(), without.close()]);

for (const [which, label] of [
  ['links', `${Number(args.links).toLocaleString('en')} meeting links`],
  ['siblings', `${Number(args.siblings).toLocaleString('en')} sibling posts at once on a public site`],
]) {
  const { with: yes, without: no } = results[which];
  console.log(`${label} (${args.extension}):`);
  console.log(`  ScriptDuration: with joinguard ${fmt(yes.map((r) => r.scriptMs))}, without ${fmt(no.map((r) => r.scriptMs))}`);
  console.log(`  longest freeze: with joinguard ${fmt(yes.map((r) => r.freezeMs))}, without ${fmt(no.map((r) => r.freezeMs))}`);
}
