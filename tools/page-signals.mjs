#!/usr/bin/env node
// Turns the page captures of tests/data/real/phishing-pages/ into the page signals the extension would send for
// them, so that tests/real_world.rs can give them to the engine's own `Engine::assess_page`: each HTML file is
// served in Debian's Chromium at the address its index row names (nothing else loads: every other request is
// aborted, so the page's scripts, styles and images from elsewhere are missing as they would be offline), and the
// extension's own content-script module (extension/content/signals.js, with its import inlined) gathers the
// signals from the DOM. The page's scripts run, as in a browser; the captures keep no inline script that draws
// content (tests/data/real/README.md says what was dropped from each).
//
// Like content.js on a page that is not a vendor's meeting page, the walk over text nodes for notices is skipped
// (`gather({ notices: false })`): the engine reads notices only on a vendor's meeting pages.
//
// Usage: node tools/page-signals.mjs            (writes tests/data/real/phishing-pages/signals/<file>.json)
//        node tools/page-signals.mjs --check    (exits 1 when a written file differs from what the browser gathers)
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const { chromium } = await import('playwright-core');

const ROOT = new URL('../', import.meta.url).pathname;
const DIR = join(ROOT, 'tests/data/real/phishing-pages');
const OUT = join(DIR, 'signals');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const check = process.argv.includes('--check');

/** The index rows: file, set, vendor, class, url, source, date, split (tab-separated; `#` lines are comments). */
function rows() {
  return readFileSync(join(DIR, 'index.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [file, , , , url] = line.split('\t');
      return { file, url };
    });
}

/** signals.js as one script: url-cut.js inlined in place of its import (`cut as cutAddress`), shadow-host.js's
 *  isOwnHost none, the exports dropped. */
function gatherer() {
  const cut = readFileSync(join(ROOT, 'extension/shared/url-cut.js'), 'utf8').replace(/^export /gm, '');
  const signals = readFileSync(join(ROOT, 'extension/content/signals.js'), 'utf8')
    .replace(/^import \{ cut as cutAddress \} from '\.\.\/shared\/url-cut\.js';$/m, 'const cutAddress = cut;')
    // The page's world has no way into closed roots (signals.js rootOpener reads none there), nor UI of the extension.
    .replace(/^import \{ isOwnHost \} from '\.\/shadow-host\.js';$/m, 'const isOwnHost = () => false;')
    .replace(/^export /gm, '');
  if (signals.includes('import ') || !signals.includes('const signals =')) {
    throw new Error('signals.js changed shape: update tools/page-signals.mjs');
  }
  return `(() => {\n${cut}\n${signals}\nreturn signals.gather({ notices: false });\n})()`;
}

const script = gatherer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let differs = 0;
try {
  mkdirSync(OUT, { recursive: true });
  for (const { file, url } of rows()) {
    const html = readFileSync(join(DIR, file), 'utf8');
    const context = await browser.newContext();
    const served = new URL(url);
    await context.route('**/*', (route) => {
      const asked = new URL(route.request().url());
      if (asked.origin === served.origin && asked.pathname === served.pathname) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const signals = await page.evaluate(script);
    await context.close();
    const text = `${JSON.stringify(signals, null, 2)}\n`;
    const path = join(OUT, `${file.replace(/\.html$/, '')}.json`);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`page-signals: ${path} differs from what the browser gathers`);
        differs += 1;
      }
    } else {
      writeFileSync(path, text);
      console.log(`page-signals: ${file} -> ${path}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(differs ? 1 : 0);
