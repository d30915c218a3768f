// Launches Debian's Chromium with the test build of the extension (target/e2e-extension/chromium, built by
// `make extension-test`), records every network request, and offers helpers to read what the extension did.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UI, isUiHost } from './shadow-hosts.mjs';

// Service-worker requests only reach context.on('request') with this switch; it must be set before
// playwright-core starts its driver (https://playwright.dev/docs/service-workers).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
const { chromium } = await import('playwright-core');

const ROOT = new URL('../../', import.meta.url).pathname;
export const EXTENSION_DIR = join(ROOT, 'target/e2e-extension/chromium');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Chromium's extension id for a manifest `key`: SHA-256 of the DER public key, first 32 hex digits as a–p. */
export function extensionIdFromKey(base64Der) {
  const hex = createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export const EXTENSION_ID = extensionIdFromKey(readFileSync(new URL('extension-key.pub', import.meta.url), 'utf8').trim());

/**
 * @param {{language?: string, args?: string[]}} options `language` ('fr', 'de'): the browser's UI language, which the extension's
 *   messages follow. On Linux Chromium takes it from the LANGUAGE environment variable and ignores `--lang`
 *   (passed too, for other systems); it needs the locale files of Debian's chromium-l10n package.
 *   `args`: extra Chromium switches (e.g. the fake media devices of media.test.mjs).
 *   `extensionDir`: another unpacked build (tools/profile-warning-time.mjs's timed copy; the measuring tools'
 *   builds), or null for a browser without the extension (the measuring tools' baseline). The extension's service
 *   worker is waited for, and `worker()` finds it, where its id is known: a build with a manifest `key` (the test
 *   builds, `make extension-test`); `worker()` throws otherwise.
 *   `backForwardCache`: keep Chromium's back/forward cache on (Playwright turns it off by default with
 *   --disable-back-forward-cache; Back from the warning page restores the page from it, hostile.test.mjs).
 */
export async function launch({ language, args = [], extensionDir = EXTENSION_DIR, backForwardCache = false } = {}) {
  if (extensionDir !== null && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} is missing: run \`make extension-test\` first`);
  }
  const key = extensionDir === null ? null : JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).key;
  const workerUrl = key ? `chrome-extension://${extensionIdFromKey(key)}/` : null;
  const profile = mkdtempSync(join(tmpdir(), 'joinguard-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true, // the new headless mode runs extensions (the old one, now chrome-headless-shell, does not)
    viewport: { width: 1100, height: 640 },
    ...(language && { env: { ...process.env, LANGUAGE: language } }),
    // Playwright passes --disable-extensions by default, which would also drop --load-extension.
    ignoreDefaultArgs: ['--disable-extensions', ...(backForwardCache ? ['--disable-back-forward-cache'] : [])],
    args: [
      ...(extensionDir === null ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(language ? [`--lang=${language}`] : []),
      ...args,
    ],
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));

  const ours = (sw) => sw.url().startsWith(workerUrl);
  const worker = workerUrl === null
    ? null
    : context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }));

  return {
    context,
    requests,
    /** The extension's service worker (looked up again each time: Chromium stops it when idle). */
    worker: () => {
      if (workerUrl === null) {
        throw new Error(`${extensionDir ?? 'no extension'}: no manifest key, so no known service worker (a test build has one: make extension-test)`);
      }
      return context.serviceWorkers().find(ours) ?? worker;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every https address of `host`, for Playwright's route: a user name and password in the address too (a glob
 *  such as `https://host/**` is matched against the whole address text, so a page at `https://user:pass@host/`
 *  was not served, went to the network and showed `chrome-error://chromewebdata/`: session 45). */
export const pagesOf = (host) => (url) => url.protocol === 'https:' && url.host === host;

/** Serves a fixture for every URL under `pattern` (a glob or pagesOf(host) for a vendor host or example.org: never a
 *  catch-all, which would also intercept the extension's own chrome-extension:// loads and break them). */
export async function serve(context, pattern, fixture, headers = {}) {
  const body = readFileSync(new URL(`fixtures/${fixture}`, import.meta.url));
  await context.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body }),
  );
}

/** Polls `probe` until it returns a truthy value, or fails after `timeout` ms. */
export async function eventually(probe, { timeout = 10_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Runs `expression` in the content scripts' world of `page`'s top frame (Chromium's isolated world "joinguard",
 *  as overlay.test.mjs reads it) and returns its value: what signals.js counted (`joinguardSignals.stats`), a
 *  gathering pass run on demand (a promise is awaited: a pass's `onWhole` result). */
export async function inContentScript(page, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = await eventually(
      () => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'joinguard' && c.auxData?.frameId === frameTree.frame.id),
      { what: 'the isolated world' },
    );
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, returnByValue: true, awaitPromise: true, expression });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** The tab id and stored assessment the background recorded for a page URL (null until it has one). The
 *  record keeps the page's origin and path only (extension/stored.js: no query or fragment is stored), and
 *  there is none with an address for a page joinguard has nothing to say about. */
export async function tabRecord(session, url) {
  return recordOf(await session.worker().evaluate(liveRecords), url);
}

/** The stored tab records of tabs still open: a tab closed by an earlier test keeps its record until the
 *  background hears of it. Runs in the extension (`chrome` in Chromium, `browser` in Firefox). */
export async function liveRecords() {
  const api = globalThis.browser ?? globalThis.chrome;
  const [stored, tabs] = await Promise.all([api.storage.session.get(null), api.tabs.query({})]);
  const open = new Set(tabs.map((tab) => `tab:${tab.id}`));
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !key.startsWith('tab:') || open.has(key)));
}

/**
 * The record for `url` among the stored ones (`storage.session` contents). Two open tabs may hold the same
 * origin and path (queries are not stored), so the newest tab wins: tab ids only grow in Chromium and Firefox.
 */
export function recordOf(stored, url) {
  const { origin, pathname } = new URL(url);
  let found = null;
  for (const [key, assessment] of Object.entries(stored ?? {})) {
    if (!key.startsWith('tab:') || assessment?.url !== `${origin}${pathname}`) continue;
    const tabId = Number(key.slice(4));
    if (!found || tabId > found.tabId) found = { tabId, assessment };
  }
  return found;
}

/** The ids of the tabs the background holds a record for (to tell, with `newTabRecord`, a page's record that
 *  carries no address). */
export async function recordedTabs(session) {
  const stored = await session.worker().evaluate(() => chrome.storage.session.get(null));
  return new Set(Object.keys(stored).filter((key) => key.startsWith('tab:')));
}

/** The record of a tab that had none in `before` (recordedTabs): the page opened since. */
export async function newTabRecord(session, before) {
  const stored = await session.worker().evaluate(() => chrome.storage.session.get(null));
  const key = Object.keys(stored).find((name) => name.startsWith('tab:') && !before.has(name));
  return key ? { tabId: Number(key.slice(4)), assessment: stored[key] } : null;
}

export async function badgeText(session, tabId) {
  return session.worker().evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * The joinguard overlay of a page, read through the DevTools protocol, which also returns closed shadow
 * roots (`pierce: true`); nothing is exposed to the page itself. Returns null when there is none, else
 * { dismissAt, shadowRootType, role, text, hostPosition, accent } with the visible text (style sheets left out), the
 * host's computed position and the banner's computed left border width (set by the shadow style sheet, so
 * it shows whether the style sheet applied).
 */
export async function readOverlay(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node, predicate) => {
      if (predicate(node)) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child, predicate);
        if (found) return found;
      }
      return null;
    };
    const attribute = (node, name) => {
      const attributes = node.attributes ?? [];
      for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === name) return attributes[i + 1];
      return null;
    };
    const host = find(root, (node) => isUiHost(node, UI.banner));
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    if (!shadow) return { shadowRootType: null, role: null, text: '', hostPosition: null, accent: null };

    const texts = [];
    const walk = (node) => {
      if (node.nodeName === 'STYLE') return;
      if (node.nodeType === 3) texts.push(node.nodeValue);
      for (const child of node.children ?? []) walk(child);
    };
    walk(shadow);
    const banner = find(shadow, (node) => attribute(node, 'role') === 'alert');
    const computed = async (node, property) => {
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId });
      return computedStyle.find((entry) => entry.name === property)?.value ?? null;
    };
    const button = find(shadow, (node) => node.nodeName === 'BUTTON');
    const box = button && (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })).model.content;
    return {
      /** Centre of the dismiss button, in page coordinates, for a real (trusted) mouse click. */
      dismissAt: box && { x: (box[0] + box[4]) / 2, y: (box[1] + box[5]) / 2 },
      shadowRootType: shadow.shadowRootType,
      role: banner ? 'alert' : null,
      text: texts.join(' ').replace(/\s+/g, ' ').trim(),
      hostPosition: await computed(host, 'position'),
      accent: banner ? await computed(banner, 'border-left-width') : null,
    };
  } finally {
    await cdp.detach();
  }
}

/** The overlay's text once it matches `pattern` (read again while the overlay re-renders as notices arrive). */
export async function overlayMatching(page, pattern, what = `an overlay matching ${pattern}`) {
  return eventually(
    async () => {
      const overlay = await readOverlay(page).catch(() => null); // a node read a moment ago may be gone
      return overlay && pattern.test(overlay.text) ? overlay.text : null;
    },
    { what },
  );
}

/** A vendor's `detail` under `[section]` in rules/vendors/<id>.toml in `lang` (null when it has none), to match
 *  warnings against the data rather than copies of it. Reads both `detail = "…"` (English) and the table
 *  `detail = { en = "…", fr = "…", de = "…" }`. */
export function vendorDetail(id, section, lang = 'en') {
  const toml = readFileSync(new URL(`../../rules/vendors/${id}.toml`, import.meta.url), 'utf8');
  const start = toml.indexOf(`\n[${section}]\n`);
  if (start < 0) throw new Error(`${id}.toml has no [${section}]`);
  const rest = toml.slice(start + 1);
  const next = rest.indexOf('\n[');
  const own = next < 0 ? rest : rest.slice(0, next);
  const plain = own.match(/\ndetail = ("(?:[^"\\]|\\.)*")/);
  if (plain) return lang === 'en' ? JSON.parse(plain[1]) : null;
  const table = own.match(/\ndetail = \{(.*)\}\n/);
  const text = table?.[1].match(new RegExp(`(?:^|,)\\s*${lang} = ("(?:[^"\\\\]|\\\\.)*")`));
  return text ? JSON.parse(text[1]) : null;
}

/**
 * Clicks, with a real (trusted) mouse click, the first element in the overlay's closed shadow root whose class
 * list has `className` (found through the DevTools protocol, as readOverlay does). Returns false when there is
 * no such element or it has no box (hidden).
 */
export async function clickInOverlay(page, className) {
  const cdp = await page.context().newCDPSession(page);
  let centre = null;
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const classes = (node) => {
      const attributes = node.attributes ?? [];
      for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === 'class') return attributes[i + 1].split(/\s+/);
      return [];
    };
    const find = (node, inOverlay) => {
      const here = inOverlay || isUiHost(node, UI.banner);
      if (here && classes(node).includes(className)) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child, here);
        if (found) return found;
      }
      return null;
    };
    const target = find(root, false);
    if (!target) return false;
    const box = await cdp.send('DOM.getBoxModel', { nodeId: target.nodeId }).catch(() => null);
    if (!box) return false;
    const quad = box.model.border;
    centre = { x: (quad[0] + quad[4]) / 2, y: (quad[1] + quad[5]) / 2 };
  } finally {
    await cdp.detach();
  }
  await page.mouse.click(centre.x, centre.y);
  return true;
}

/** Before `page.goto`: records, from the page's own world, the document as parsed and every mutation after it. */
export async function recordDomChanges(page) {
  await page.addInitScript(() => {
    window.__joinguardTest = { mutations: [], parsed: null };
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      window.__joinguardTest.parsed = document.documentElement.outerHTML;
      new MutationObserver((records) => {
        for (const r of records) window.__joinguardTest.mutations.push(`${r.type} on ${r.target.nodeName}`);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
}

/** What `recordDomChanges` saw: the parsed document, the mutations since, and the document now. */
export async function domChanges(page) {
  return page.evaluate(() => ({ ...window.__joinguardTest, now: document.documentElement.outerHTML }));
}
