#!/usr/bin/env node
// Regenerates docs/screenshots/: the overlay, the full-page warning, the popup and the options page, in English
// and in French, by driving the test build of the extension (target/e2e-extension, `make extension-test`) in
// Debian's Chromium with the end-to-end fixtures. Run through `make screenshots`.
//
//   node tools/screenshots.mjs [--out DIR] [--languages en,fr]
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_ID, eventually, launch, readOverlay, serve, tabRecord } from '../tests/e2e/browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(ROOT, 'docs/screenshots') },
    languages: { type: 'string', default: 'en,fr' },
  },
});

// The pages shown, served from tests/e2e/fixtures on the vendor's (or the imitator's) host.
const ZOOM_JOIN = { url: 'https://us06web.zoom.us/j/84123456789?pwd=Xy12', pattern: 'https://us06web.zoom.us/**', fixture: 'zoom-join-social.html' };
const LOOKALIKE = { url: 'https://zoom-us.join-meeting.net/signin', pattern: 'https://zoom-us.join-meeting.net/**', fixture: 'zoom-login-lookalike.html' };
const PAGE_VIEWPORT = { width: 1100, height: 640 };
const POPUP_VIEWPORT = { width: 400, height: 600 };
const OPTIONS_VIEWPORT = { width: 960, height: 720 };

async function pageWithOverlay(session, { url }) {
  const page = await session.context.newPage();
  await page.setViewportSize(PAGE_VIEWPORT);
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(url);
  await eventually(() => readOverlay(page), { what: `the overlay on ${url}` });
  await page.waitForTimeout(300); // let the overlay settle (fonts, focus ring)
  return page;
}

async function extensionPage(session, path, viewport) {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(`chrome-extension://${EXTENSION_ID}/${path}`);
  await page.waitForLoadState('networkidle');
  return page;
}

async function shoot(page, name, options = {}) {
  const path = join(args.out, `${name}.png`);
  await page.screenshot({ path, ...options });
  console.log(`screenshots: ${relative(process.cwd(), path)}`);
}

mkdirSync(args.out, { recursive: true });
for (const language of args.languages.split(',')) {
  const session = await launch({ language });
  try {
    for (const { pattern, fixture } of [ZOOM_JOIN, LOOKALIKE]) await serve(session.context, pattern, fixture);

    const join = await pageWithOverlay(session, ZOOM_JOIN);
    await shoot(join, `overlay-${language}`);

    // The full-page warning: the tab is sent to the extension's own warning page.
    const lookalike = await session.context.newPage();
    await lookalike.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    await lookalike.goto(LOOKALIKE.url).catch(() => {});
    await eventually(() => lookalike.url().startsWith(`chrome-extension://${EXTENSION_ID}/pages/warning.html`), { what: 'the warning page' });
    await lookalike.locator('body[data-ready="true"]').waitFor();
    await shoot(lookalike, `interstitial-${language}`);
    await lookalike.close();

    const { tabId } = await eventually(() => tabRecord(session, ZOOM_JOIN.url), { what: 'the assessment' });
    const popup = await extensionPage(session, `pages/popup.html?tab=${tabId}`, POPUP_VIEWPORT);
    await popup.locator('#data-version').filter({ hasText: /\S/ }).waitFor();
    await shoot(popup, `popup-${language}`, { fullPage: true });
    await Promise.all([popup.close(), join.close()]);

    const options = await extensionPage(session, 'pages/options.html', OPTIONS_VIEWPORT);
    await options.locator('h1').filter({ hasText: /\S/ }).waitFor();
    await shoot(options, `options-${language}`, { fullPage: true });
    await options.close();
  } finally {
    await session.close();
  }
}
