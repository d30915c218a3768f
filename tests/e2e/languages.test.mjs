// The extension speaks the browser's language: Chromium started in French (and in German) shows the overlay,
// the full-page warning, the popup and the options page with the French (German) messages of _locales, and no
// English message where a translation exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXTENSION_DIR, EXTENSION_ID, eventually, launch, readOverlay, serve, tabRecord } from './browser.mjs';
import { BROWSERS, launchBrowser } from './browsers.mjs';

// The fixtures of overlay.test.mjs: a Zoom join page with "Sign in with Google / Facebook / Apple", a fake Zoom login.
const ZOOM_JOIN = 'https://us06web.zoom.us/j/84123456789?pwd=Xy12';
const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
// The messages of the build the browser runs (not of extension/, which may be newer than the build).
const messages = (locale) => JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', locale, 'messages.json'), 'utf8'));

/** A message as a pattern: its placeholders ($NAME$, $1) match any text. */
function messagePattern(message) {
  const parts = message.split(/\$[A-Za-z0-9_@]+\$|\$[1-9]/);
  return new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?'), 'u');
}

/**
 * Which messages of `language` and which English messages (those that read differently in `language` and
 * have at least two words, so that a shared word such as "Options" or "page" proves nothing) occur in `text`.
 */
function messagesIn(text, language) {
  const english = messages('en');
  const native = messages(language);
  const flat = text.replace(/\s+/g, ' ');
  const found = { native: [], english: [] };
  for (const [key, { message }] of Object.entries(native)) {
    if (message !== english[key]?.message && message.replace(/\$[^$]*\$/g, '').trim().length > 3 && messagePattern(message).test(flat)) {
      found.native.push(key);
    }
  }
  for (const [key, { message }] of Object.entries(english)) {
    const words = message.replace(/\$[^$]*\$/g, ' ').match(/\p{L}{2,}/gu) ?? [];
    if (native[key]?.message !== message && words.length >= 2 && messagePattern(message).test(flat)) found.english.push(key);
  }
  return found;
}

// Function words, to notice a line of English in a French or German page whatever produced it (a message, the
// engine, the database): a line with at least two English ones and more of them than of its own language's.
const FUNCTION_WORDS = {
  en: 'the and is are of to for with but by on off unless available this that you your it not either rated when which was has have be can from or if who what how',
  fr: 'le la les des du de et est sont pour avec mais par sur ce cette vous votre il elle pas ou qui que quand une un au aux si',
  de: 'der die das und ist sind für mit aber von auf dieser diese sie ihr es nicht oder wer wenn ein eine einen dem den zu im',
};
const wordSet = (language) => new Set(FUNCTION_WORDS[language].split(' '));

function englishLines(text, language) {
  const [english, native] = [wordSet('en'), wordSet(language)];
  return text.split(/\n|(?<=\.) /).filter((line) => {
    const words = line.toLowerCase().match(/\p{L}+/gu) ?? [];
    const count = (set) => words.filter((word) => set.has(word)).length;
    return count(english) >= 2 && count(english) > count(native);
  });
}

/** Every data-i18n element of an extension page holds the message of `language`. */
async function assertLocalised(page, language) {
  const native = messages(language);
  const nodes = await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')].map((node) => [node.dataset.i18n, node.textContent]));
  assert.ok(nodes.length > 0, 'the page has localised elements');
  for (const [key, text] of nodes) assert.equal(text, native[key]?.message, `data-i18n="${key}"`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), language);
}

for (const language of ['fr', 'de']) {
  describe(`Chromium in ${language}`, () => {
    let session;

    before(async () => {
      session = await launch({ language });
      await serve(session.context, 'https://us06web.zoom.us/**', 'zoom-join-social.html');
      await serve(session.context, 'https://zoom-us.join-meeting.net/**', 'zoom-login-lookalike.html');
    });

    after(async () => {
      await session?.close();
    });

    test(`the browser runs in ${language} and the extension picks that locale`, async () => {
      assert.equal(await session.worker().evaluate(() => chrome.i18n.getMessage('@@ui_locale')), language);
    });

    test('the banner on a join page and the full-page warning on a lookalike are in that language', async () => {
      const page = await session.context.newPage();
      await page.goto(ZOOM_JOIN);
      const overlay = await eventually(() => readOverlay(page), { what: `the overlay on ${ZOOM_JOIN}` });
      const found = messagesIn(overlay.text, language);
      assert.ok(found.native.length >= 2, `${ZOOM_JOIN}: ${language} messages in "${overlay.text}": ${found.native}`);
      assert.deepEqual(found.english, [], `${ZOOM_JOIN}: no English message in "${overlay.text}"`);

      // The lookalike: the tab is sent to the extension's warning page.
      await page.goto(LOOKALIKE).catch(() => {});
      await eventually(() => page.url().startsWith(`chrome-extension://${EXTENSION_ID}/pages/warning.html`), { what: 'the warning page' });
      await page.locator('body[data-ready="true"]').waitFor();
      await assertLocalised(page, language);
      const text = await page.locator('body').innerText();
      const inWarning = messagesIn(text, language);
      assert.ok(inWarning.native.length >= 4, `${language} messages in the warning page: ${inWarning.native}`);
      assert.deepEqual(inWarning.english, [], `no English message in the warning page "${text}"`);
      await page.close();
    });

    test('the popup and the options page are in that language', async () => {
      const page = await session.context.newPage();
      await page.goto(ZOOM_JOIN);
      const { tabId } = await eventually(() => tabRecord(session, ZOOM_JOIN), { what: 'the assessment' });
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/pages/popup.html?tab=${tabId}`);
      await popup.locator('#data-version').filter({ hasText: /\S/ }).waitFor();
      await assertLocalised(popup, language);
      const popupText = await popup.locator('body').innerText();
      const inPopup = messagesIn(popupText, language);
      assert.ok(inPopup.native.length >= 5, `${language} messages in the popup: ${inPopup.native}`);
      assert.deepEqual(inPopup.english, [], 'no English message in the popup');

      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/pages/options.html`);
      await options.locator('h1').filter({ hasText: /\S/ }).waitFor();
      await options.waitForLoadState('networkidle');
      await assertLocalised(options, language);
      const inOptions = messagesIn(await options.locator('body').innerText(), language);
      assert.ok(inOptions.native.length >= 3, `${language} messages in the options page: ${inOptions.native}`);
      assert.deepEqual(inOptions.english, [], 'no English message in the options page');
      await Promise.all([options.close(), popup.close(), page.close()]);
    });

    // Grade reasons, fact details and "derived" notes come from _locales and the database's { en, fr, de }
    // details. What the database keeps in English for the record (incident summaries, rating labels, what was
    // searched) is marked lang="en" and left out here; any other English line is a leak.
    test('no English line in the banner, the popup (unfolded) or the options page', async () => {
      const page = await session.context.newPage();
      await page.goto(ZOOM_JOIN);
      const overlay = await eventually(() => readOverlay(page), { what: 'the overlay' });
      const { tabId } = await eventually(() => tabRecord(session, ZOOM_JOIN), { what: 'the assessment' });
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/pages/popup.html?tab=${tabId}`);
      await popup.locator('#data-version').filter({ hasText: /\S/ }).waitFor();
      // Unfold the vendor card (a disclosure button) so that every fact's detail is on the page.
      for (const button of await popup.locator('button[aria-expanded="false"]').all()) await button.click();
      assert.ok(await popup.locator('#card-facts').isVisible(), 'the vendor card is unfolded');
      const popupText = await popup.evaluate(() => {
        for (const node of document.querySelectorAll('[lang="en"]')) node.style.display = 'none';
        return document.body.innerText;
      });
      assert.ok((await popup.locator('.detail').count()) > 0, 'fact details are shown');
      // Every fact detail has its translation (rules check requires { en, fr, de }): none falls back to English.
      assert.equal(await popup.locator('.untranslated').count(), 0, 'no fact detail shown in English');
      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/pages/options.html`);
      await options.waitForLoadState('networkidle');
      assert.deepEqual(
        {
          overlay: englishLines(overlay.text, language),
          popup: englishLines(popupText, language),
          options: englishLines(await options.locator('body').innerText(), language),
        },
        { overlay: [], popup: [], options: [] },
      );
      await Promise.all([options.close(), popup.close(), page.close()]);
    });
  });
}

// The same in Firefox (browsers.mjs): the UI language is the pref intl.locale.requested, and Firefox takes it
// only with that language's pack installed (Debian's firefox-esr-l10n-fr and -de; the Makefile installs them).
for (const language of ['fr', 'de']) {
  describe(`Firefox in ${language}`, { skip: !BROWSERS.includes('firefox') }, () => {
    let session;

    before(async () => {
      session = await launchBrowser('firefox', { language });
      await session.serve('us06web.zoom.us', 'zoom-join-social.html');
      await session.serve('zoom-us.join-meeting.net', 'zoom-login-lookalike.html');
    });

    after(async () => {
      await session?.close();
    });

    test(`the browser runs in ${language} and the extension picks that locale`, async () => {
      assert.equal(await session.extension((ext) => ext.i18n.getMessage('@@ui_locale')), language);
    });

    test('the banner, the full-page warning and the popup are in that language', async () => {
      for (const url of [ZOOM_JOIN, LOOKALIKE]) {
        const tab = await session.open(url);
        const text = await eventually(() => tab.warningText(), { what: `the overlay on ${url}`, timeout: 20_000 });
        const found = messagesIn(text, language);
        assert.ok(found.native.length >= 2, `${url}: ${language} messages in "${text}": ${found.native}`);
        assert.deepEqual(found.english, [], `${url}: no English message in "${text}"`);
        await tab.close();
      }
      const tab = await session.open(ZOOM_JOIN);
      const { tabId } = await eventually(() => session.tabRecord(ZOOM_JOIN), { what: 'the assessment' });
      const popup = await session.openExtensionPage(`pages/popup.html?tab=${tabId}`);
      await eventually(async () => /\S/.test(await popup.text('#data-version')), { what: 'the popup' });
      const native = messages(language);
      const nodes = await popup.evaluate(() => [...document.querySelectorAll('[data-i18n]')].map((node) => [node.dataset.i18n, node.textContent]));
      assert.ok(nodes.length > 0);
      for (const [key, text] of nodes) assert.equal(text, native[key]?.message, `data-i18n="${key}"`);
      assert.equal(await popup.evaluate(() => document.documentElement.lang), language);
      await popup.close();
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
