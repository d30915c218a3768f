#!/usr/bin/env node
// What signals.js's copyright walk (`gatherCopyrights`, docs/speed.md "Session 47") costs, alone and against one
// whole pass of `gather({ notices: false })` (the pass content.js runs on every page, the walk included), in
// Chromium and in Firefox ESR. Reports figures; asserts nothing.
//
//   flock /tmp/e2e.lock timeout 420 node tools/measure-copyright-walk.mjs [--browser chromium|firefox|both]
//                                                                         [--rounds N]
//
// signals.js as shipped is loaded into the page as a classic script (tools/signals-source.mjs), with one line
// added that hands out its `gatherCopyrights`; in one script evaluation per page, each round times a batch of
// whole passes, then a batch of ten times as many walks alone, with performance.now() (round 0 is a warm-up and not counted).
// Printed per page: the median ms a pass, the median ms a walk, and what the walk returned. Pages:
//   sign-in capture   the hostingum Office 365 kit (tests/data/real/phishing-pages/, tune split): a real sign-in
//                     page whose footer has "©2019 Microsoft"
//   short page        tests/e2e/fixtures/nothing.html: an ordinary page with nothing relevant
//   20,000 paragraphs an article with a sign-in form, 20,000 paragraphs and a "© 2024 Example" footer
//   10 MB last node   a sign-in form, a "© 2024 Example" paragraph, then one text node of 10,000,000 characters
//                     ending the body (the review of session 47's page)
// Chromium: Debian's, through playwright-core, headless. Firefox: as the end-to-end tests start it
// (tests/e2e/browsers.mjs, no add-on), headless; the script runs in WebDriver's script context over the page
// (Marionette's), not in the extension's content script, and performance.now() is coarsened there (privacy.reduceTimerPrecision),
// so each sample is a batch.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signalsSource } from './signals-source.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    browser: { type: 'string', default: 'both' },
    rounds: { type: 'string', default: '21' },
  },
});
const ROUNDS = Number(args.rounds);

const SIGN_IN = '<form><input name=u><input type=password name=p><button>Sign in</button></form>';
/** [name, html, passes a sample]: a sample of the big pages is fewer passes, each of which costs more. */
const PAGES = [
  ['sign-in capture', readFileSync(join(ROOT, 'tests/data/real/phishing-pages/ms-office365-enter-password-hostingum.html'), 'utf8'), 200],
  ['short page', readFileSync(join(ROOT, 'tests/e2e/fixtures/nothing.html'), 'utf8'), 200],
  ['20,000 paragraphs', `<!doctype html><title>Blog</title><body>${SIGN_IN}${'<p>Lorem <b>ipsum</b> dolor sit amet.</p>'.repeat(20000)}<footer><a href="/t">Terms</a> <span>\u00a9 2024 Example</span></footer></body>`, 10],
  ['10 MB last node', `<!doctype html><title>Sign in</title><body>${SIGN_IN}<p>\u00a9 2024 Example</p><div>${'x '.repeat(5_000_000)}</div></body>`, 10],
];
const URL_OF = 'https://walk.example/login';

/** One evaluation that loads signals.js, then times ROUNDS + 1 rounds of `passes`
 *  passes and ten times as many walks (a walk costs less). */
function rounds(passes) {
  const expose = (text) => {
    const at = text.indexOf('function gatherCopyrights() {');
    if (at < 0) throw new Error('signals.js has no gatherCopyrights(): update tools/measure-copyright-walk.mjs');
    return `${text.slice(0, at)}globalThis.copyrightWalk = gatherCopyrights;\n  ${text.slice(at)}`;
  };
  return `const s = (() => {\n${signalsSource(expose)}\nreturn signals;\n})();
    s.gather({ notices: false });
    const walk = globalThis.copyrightWalk;
    const batch = (fn, n) => { const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); return (performance.now() - t0) / n; };
    const pass = [], walks = [];
    for (let round = 0; round <= ${ROUNDS}; round++) {
      const p = batch(() => s.gather({ notices: false }), ${passes});
      const w = batch(walk, ${passes * 10});
      if (round > 0) { pass.push(p); walks.push(w); }
    }
    return { pass, walks, copyrights: walk() };`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => x.toFixed(x < 1 ? 4 : 2);

/** The medians of one page's rounds, from `run(body)` (evaluates a function body, returns its value). */
async function measure(run, passes) {
  const { pass, walks, copyrights } = await run(rounds(passes));
  return { pass: median(pass), walk: median(walks), copyrights };
}

function report(browser, page, passes, { pass, walk, copyrights }) {
  console.log(`${browser}\t${page}\tpass ${ms(pass)} ms\twalk ${ms(walk)} ms`
    + `\t(${ROUNDS} rounds of ${passes} passes, ${passes * 10} walks; copyrights ${JSON.stringify(copyrights)})`);
}

async function chromium() {
  const { chromium: playwright } = await import('playwright-core');
  const browser = await playwright.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    console.log(`Chromium ${browser.version()}`);
    for (const [name, html, passes] of PAGES) {
      const context = await browser.newContext();
      await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
      const page = await context.newPage();
      await page.goto(URL_OF, { waitUntil: 'load' });
      report('chromium', name, passes, await measure((body) => page.evaluate(`(() => {\n${body}\n})()`), passes));
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

async function firefox() {
  const { launchBrowser } = await import('../tests/e2e/browsers.mjs');
  for (const [name, html, passes] of PAGES) {
    // A browser a page: the proxy serves one body per host at a time.
    const session = await launchBrowser('firefox', { extension: null });
    try {
      if (name === PAGES[0][0]) console.log(`Firefox ${(await session.driver.getCapabilities()).get('browserVersion')}`);
      session.serveWith(new URL(URL_OF).hostname, () => ({ body: html }));
      await session.open(URL_OF);
      await session.driver.manage().setTimeouts({ script: 300_000 });
      report('firefox', name, passes, await measure((body) => session.driver.executeScript(body), passes));
    } finally {
      await session.close();
    }
  }
}

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (args.browser === 'chromium' || args.browser === 'both') await chromium();
if (args.browser === 'firefox' || args.browser === 'both') await firefox();
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
