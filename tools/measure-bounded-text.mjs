#!/usr/bin/env node
// What the content scripts' reads of texts cost on a page with huge texts (session 49, docs/speed.md): one gathering
// pass of signals.js (`gather()`, notices walk included), before and after bounded-text.js, and the reads one
// recording.js scan and one credentials-watch.js check make, done as main did them (`textContent`, `nodeValue`,
// `data`, `innerText`) and as they are now (bounded-text.js), in Chromium and Firefox ESR. Reports figures; asserts
// nothing.
//
//   flock /tmp/e2e.lock timeout 420 node tools/measure-bounded-text.mjs [--browser chromium|firefox|both]
//                                       [--rounds N] [--chars N] [--before REV] [--page FILE] [--batch N]
//
// The page: a sign-in form whose submit button, a heading, a link, a button and a `role="status"` notice each hold
// one text of --chars characters (default 2,000,000: "word " repeated; the notice's starts "Recording in progress"),
// and a contenteditable composer holding a pasted book (--chars characters in paragraphs of 1,000). signals.js is
// loaded as a classic script (tools/signals-source.mjs) twice: from --before (default main 9842174, read with
// `git show`) and from the checkout. The recording and credentials reads are the scripts' own lines for these
// elements, copied here (the modules need the extension's messaging to run): recording.js's readText over every
// text node of the body (the head tested for a stem, the element's text collapsed at 300 when it holds one) and
// addLabelled for the labelled button (its text at 150); credentials-watch.js's scanSubtree reads (each text node's
// first 19,999 characters, each link's text searched for its address) and composerText on the editor. --page FILE
// times an ordinary page instead (its own elements; tools/measure-copyright-walk.mjs's pages). In one
// script evaluation each round times a batch of each, before and after interleaved; round 0 is a warm-up. Printed:
// medians, ms. Chromium: Debian's, through playwright-core, headless; Firefox: as the e2e tests start it, in
// WebDriver's script context over the page (performance.now() coarsened there, so each sample is a batch).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signalsSource } from './signals-source.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    browser: { type: 'string', default: 'both' },
    rounds: { type: 'string', default: '11' },
    chars: { type: 'string', default: '2000000' },
    before: { type: 'string', default: '9842174' },
    page: { type: 'string' },
    batch: { type: 'string', default: '3' },
  },
});
const ROUNDS = Number(args.rounds);
const CHARS = Number(args.chars);
/** Runs a sample (a short page wants many: performance.now() is coarsened in Firefox's script context). */
const BATCH = Number(args.batch);

/** A file of revision `rev`, or null when it has none. */
function fileAt(rev, path) {
  try {
    return execFileSync('git', ['-C', ROOT, 'show', `${rev}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}
const checkout = (path) => readFileSync(join(ROOT, path), 'utf8');

const words = (start) => `${start} ${'word '.repeat(Math.ceil(CHARS / 5))}`.slice(0, CHARS);
const book = Array.from({ length: Math.ceil(CHARS / 1000) }, (_, i) => `<p>${`Chapter ${i}. `.padEnd(1000, 'lorem ipsum ')}</p>`).join('');
const HUGE = `<!doctype html><title>Meeting</title><body>
<h1>${words('Welcome')}</h1>
<a href="https://example.com/join?pwd=1">${words('Join')}</a>
<button aria-label="Chat">${words('Chat')}</button>
<form><input name=u><input type=password name=p><button type=submit>${words('Sign in')}</button></form>
<div role="status">${words('Recording in progress.')}</div>
<div contenteditable="true">${book}</div>
<footer><a href="/privacy">Privacy</a> <span>\u00a9 2024 Example</span></footer></body>`;
/** --page: an ordinary page instead (the reads its elements call for; no labelled button or editor, none of theirs). */
const PAGE = args.page ? readFileSync(args.page, 'utf8') : HUGE;
const URL_OF = 'https://texts.example/meeting';

const bounded = checkout('extension/content/bounded-text.js').replace(/^export /gm, '');
const STEMS = checkout('extension/content/recording.js').match(/const NOTICE_STEMS = (\[[^\]]*\]);/)[1];
const { MAX_SCAN_TEXT } = await import('../extension/shared/limits.js');

/** The body of one evaluation: both signals.js builds, the reads, ROUNDS + 1 rounds; returns per-round samples. */
function script() {
  const wrap = (source) => `(() => {\n${source}\nreturn signals;\n})()`;
  const before = signalsSource(undefined, (path) => fileAt(args.before, path));
  const after = signalsSource();
  return `${bounded}
    const before = ${wrap(before)}, after = ${wrap(after)};
    const STEM = new RegExp(${STEMS}.join('|'), 'i');
    const collapse = (text, max) => text.replace(/\\s+/g, ' ').trim().slice(0, max);
    const textNodes = () => { const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); const all = []; for (let n = w.nextNode(); n; n = w.nextNode()) all.push(n); return all; };
    const nodes = textNodes();
    const labelled = document.querySelector('button[aria-label]');
    const links = [...document.querySelectorAll('a[href*="?"], a[href*="#"]')];
    const editor = document.querySelector('[contenteditable]');
    const recording = {
      before() { const out = []; for (const node of nodes) { const text = node.nodeValue; if (text.length < 3 || !STEM.test(text.length > 300 ? text.slice(0, 300) : text)) continue; out.push(collapse(node.parentElement.textContent, 300)); } if (labelled) out.push(collapse(labelled.textContent ?? '', 150)); return out; },
      after() { const out = []; for (const node of nodes) { if (lengthOf(node) < 3 || !STEM.test(headOf(node, 300))) continue; out.push(collapse(boundedText(node.parentElement, 300).text, 300)); } if (labelled) out.push(collapse(boundedText(labelled, 150).text, 150)); return out; },
    };
    // credentials-watch.js's editorText (session 49b: innerText up to the cap however many nodes; past it, child by
    // child, a new line only at a block child or a <br>).
    const BLOCKS = new Set(['address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
    const editorAfter = (editor) => {
      if (boundedText(editor, ${MAX_SCAN_TEXT}, { nodeBound: false }).whole) return editor.innerText.slice(0, ${MAX_SCAN_TEXT});
      let text = '';
      for (let child = editor.firstChild, blocks = 0; child && text.length < ${MAX_SCAN_TEXT} && blocks < 2000; child = child.nextSibling, blocks++) {
        const name = child.nodeType === 1 ? child.localName : '';
        if (name === 'br') { text += '\\n'; continue; }
        const start = boundedText(child, ${MAX_SCAN_TEXT} - text.length);
        const part = start.whole && child instanceof HTMLElement ? child.innerText : start.text;
        const block = BLOCKS.has(name);
        if (block && text && !text.endsWith('\\n')) text += '\\n';
        text += part;
        if (block) text += '\\n';
      }
      return text.slice(0, ${MAX_SCAN_TEXT});
    };
    const credentials = {
      before() { let n = 0; for (const node of nodes) { if (/\\S/.test(node.data)) n += node.data.slice(0, ${MAX_SCAN_TEXT - 1}).length; } for (const link of links) n += link.textContent.includes(link.href) ? 0 : 1; return n + (editor ? editor.innerText.slice(0, ${MAX_SCAN_TEXT}).length : 0); },
      after() { let n = 0; for (const node of nodes) { const head = headOf(node, ${MAX_SCAN_TEXT - 1}); if (/\\S/.test(head)) n += head.length; } for (const link of links) n += boundedText(link, ${MAX_SCAN_TEXT}).text.includes(link.href) ? 0 : 1; return n + (editor ? editorAfter(editor).length : 0); },
    };
    const batch = (fn, n) => { const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); return (performance.now() - t0) / n; };
    const runs = { 'gather() before': () => before.gather(), 'gather() after': () => after.gather(),
      'recording reads before': recording.before, 'recording reads after': recording.after,
      'credentials reads before': credentials.before, 'credentials reads after': credentials.after };
    const samples = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
    for (let round = 0; round <= ${ROUNDS}; round++) for (const [name, fn] of Object.entries(runs)) { const t = batch(fn, ${BATCH}); if (round > 0) samples[name].push(t); }
    const same = JSON.stringify(before.gather()) === JSON.stringify(after.gather())
      && JSON.stringify(recording.before()) === JSON.stringify(recording.after()) && credentials.before() === credentials.after();
    return { samples, same, signals: after.gather() };`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(browser, { samples, same, signals }) {
  for (const [name, xs] of Object.entries(samples)) console.log(`${browser}\t${name}\t${median(xs).toFixed(3)} ms\t(${ROUNDS} rounds of ${BATCH})`);
  console.log(`${browser}\tsame results before and after: ${same}; truncated ${signals.truncated}, notices ${JSON.stringify(signals.notices).slice(0, 120)}`);
}

async function chromium() {
  const { chromium: playwright } = await import('playwright-core');
  const browser = await playwright.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    console.log(`Chromium ${browser.version()}`);
    const context = await browser.newContext();
    await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE }));
    const page = await context.newPage();
    await page.goto(URL_OF, { waitUntil: 'load' });
    report('chromium', await page.evaluate(`(() => {\n${script()}\n})()`));
  } finally {
    await browser.close();
  }
}

async function firefox() {
  const { launchBrowser } = await import('../tests/e2e/browsers.mjs');
  const session = await launchBrowser('firefox', { extension: null });
  try {
    console.log(`Firefox ${(await session.driver.getCapabilities()).get('browserVersion')}`);
    session.serveWith(new URL(URL_OF).hostname, () => ({ body: PAGE }));
    await session.open(URL_OF);
    await session.driver.manage().setTimeouts({ script: 400_000 });
    report('firefox', await session.driver.executeScript(script()));
  } finally {
    await session.close();
  }
}

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${CHARS} characters a text`);
if (args.browser === 'chromium' || args.browser === 'both') await chromium();
if (args.browser === 'firefox' || args.browser === 'both') await firefox();
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
