#!/usr/bin/env node
// How long a lookalike page is on screen before joinguard's warning replaces it, in Debian's Chromium with the
// test build (`make extension-test` first):
//
//   node tools/measure-warning-time.mjs [--rounds N] [--extension DIR]
//
// --extension: another unpacked Chromium build with the test key (default target/e2e-extension/chromium), e.g. a
// copy of an earlier build, for before/after runs interleaved.
//
// For each round it opens the fake Zoom sign-in of the e2e fixtures on a lookalike host and reports, from the
// browser's own clocks (performance.timeOrigin of each document, same machine): the time from the lookalike's
// navigation start to the warning page's navigation start and to its first paint, and whether the lookalike
// painted any content first (its first-contentful-paint). Three cases: the service worker running (a page was checked just before), the worker
// stopped (DevTools ServiceWorker.stopAllWorkers, as Chromium does after ~30 s idle: the usual case when someone
// clicks a link in a mail), and the first page of a brand-new profile. Prints medians, quartiles and extremes;
// nothing here is a test (tests never assert times).
import { parseArgs } from 'node:util';
import { EXTENSION_DIR, launch as launchWith, serve } from '../tests/e2e/browser.mjs';
import { LOOKALIKE, LOOKALIKE_FIXTURE, LOOKALIKE_PATTERN, stopWorkers, untilWarning } from './warning-round.mjs';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '9' }, extension: { type: 'string' } } });
const ROUNDS = Number(args.rounds);
const launch = () => launchWith({ extensionDir: args.extension ?? EXTENSION_DIR });

/** One page load of the lookalike: { toWarning, toWarningPaint, lookalikePainted } in ms. */
async function once(session, { stop = false } = {}) {
  const { context } = session;
  const page = await context.newPage();
  if (stop) await stopWorkers(page);
  const seen = { origin: null, paint: null };
  await page.exposeBinding('__joinguardMeasure', (_source, kind, value) => {
    if (kind === 'origin' && seen.origin === null) seen.origin = value;
    if (kind === 'paint' && seen.paint === null) seen.paint = value;
  });
  await page.addInitScript(() => {
    if (!location.href.startsWith('https:')) return;
    globalThis.__joinguardMeasure?.('origin', performance.timeOrigin);
    new PerformanceObserver((list) => {
      // Content painted (a page kept hidden paints no content).
      for (const entry of list.getEntries()) {
        if (entry.name === 'first-contentful-paint') globalThis.__joinguardMeasure?.('paint', entry.startTime);
      }
    }).observe({ type: 'paint', buffered: true });
  });
  await page.goto(LOOKALIKE, { waitUntil: 'commit' }).catch(() => {});
  await untilWarning(page);
  await page.locator('body[data-ready="true"]').waitFor();
  const warning = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const read = () => {
          const paint = performance.getEntriesByType('paint')[0];
          if (!paint) return false;
          resolve({ origin: performance.timeOrigin, paint: paint.startTime });
          return true;
        };
        if (!read()) new PerformanceObserver(() => read()).observe({ type: 'paint', buffered: true });
      }),
  );
  await page.close();
  return {
    toWarning: warning.origin - seen.origin,
    toWarningPaint: warning.origin + warning.paint - seen.origin,
    lookalikePainted: seen.paint !== null,
  };
}

function summary(name, results) {
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return `median ${at(0.5).toFixed(0)} ms (p25–p75 ${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)}, min–max ${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)})`;
  };
  const painted = results.filter((r) => r.lookalikePainted).length;
  console.log(`${name} (${results.length} rounds):`);
  console.log(`  navigation start → warning page navigation start: ${stats(results.map((r) => r.toWarning))}`);
  console.log(`  navigation start → warning page first paint:      ${stats(results.map((r) => r.toWarningPaint))}`);
  console.log(`  the lookalike painted content before the warning in ${painted} of ${results.length} rounds`);
}

const serveAll = (session) => serve(session.context, LOOKALIKE_PATTERN, LOOKALIKE_FIXTURE);

const running = [];
const stopped = [];
{
  const session = await launch();
  await serveAll(session);
  await once(session); // warm-up: the worker runs and the engine is loaded
  for (let round = 0; round < ROUNDS; round += 1) {
    running.push(await once(session));
    stopped.push(await once(session, { stop: true }));
  }
  await session.close();
}
const fresh = [];
for (let round = 0; round < Math.min(ROUNDS, 5); round += 1) {
  const session = await launch();
  await serveAll(session);
  fresh.push(await once(session));
  await session.close();
}
summary('service worker running', running);
summary('service worker stopped', stopped);
summary('first page of a new profile', fresh);
