// Exposed meeting credentials on public sites (issue 6, item 2), end to end in real Chromium: a post with a
// meeting ID and its passcode, and one with a link carrying it, are marked; typing a passcode into a composer
// (a textarea and a contenteditable editor) brings a warning before posting, whose button takes the passcode
// out and tells the site with an input event; the same page on a site that is not public gets nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launch, serve } from './browser.mjs';
import { UI, readShadowHosts } from './shadow-hosts.mjs';
import { BROWSERS, browserName, launchBrowser } from './browsers.mjs';

// Generous: the machine running the tests is shared and often loaded.
const FIRST_ANSWER_MS = 30_000;

const SOCIAL = 'https://x.com/home'; // x.com is in the default list of public sites (src/policy.rs)
const PRIVATE = 'https://intranet.example-webmail.test/home';
const FLAG = UI.flag;
const WARNING = UI.composerWarning;

describe('exposed credentials in Chromium', () => {
  let session;

  before(async () => {
    session = await launch();
    // Chromium's first read of managed storage in a fresh profile takes seconds (longer while the DevTools
    // protocol polls a big page), and the background's first answer waits for it (extension/background/settings.js):
    // read it once here, so that the first page measures the extension, not the policy service.
    await session.worker().evaluate(() => chrome.storage.managed.get(null).catch(() => null));
    await serve(session.context, 'https://x.com/**', 'social.html');
    await serve(session.context, 'https://intranet.example-webmail.test/**', 'social.html');
  });

  after(async () => {
    await session?.close();
  });

  test('posts showing a meeting ID with its passcode, or a link carrying it (shown or behind its text), are marked', async () => {
    const page = await session.context.newPage();
    await page.goto(SOCIAL);
    const flags = await eventually(
      async () => {
        const found = await readShadowHosts(page, FLAG);
        return found.length >= 3 && found;
      },
      { timeout: FIRST_ANSWER_MS, what: 'three marks' },
    );
    assert.equal(flags.length, 3, 'the post without its passcode is not marked');
    for (const flag of flags) {
      assert.equal(flag.shadowRootType, 'closed');
      assert.equal(flag.text, 'Meeting passcode visible to anyone');
      assert.match(flag.title, /anyone who reads it can join/);
    }
    assert.deepEqual(flags.map((flag) => flag.ancestorId).sort(), ['post-hidden', 'post-leak', 'post-link']);
    const hidden = flags.find((flag) => flag.previous?.text === 'join here');
    assert.ok(hidden, 'the mark follows the link whose address carries the passcode');
    await page.close();
  });

  test('typing a passcode into a composer warns before posting; one click removes it', async () => {
    const page = await session.context.newPage();
    await page.goto(SOCIAL);
    await page.click('#composer');
    await page.keyboard.type('Join us! Meeting ID: 851 2345 6789 Passcode: 482913 thanks');
    const [warning] = await eventually(
      async () => {
        const found = await readShadowHosts(page, WARNING);
        return found.length === 1 && found;
      },
      { timeout: FIRST_ANSWER_MS, what: 'the composer warning' },
    );
    assert.equal(warning.shadowRootType, 'closed');
    assert.match(warning.text, /Anyone who reads this can join your meeting/);
    const remove = warning.buttons.find((b) => b.text === 'Remove the passcode');
    assert.ok(remove, 'a remove button');
    const inputsBefore = await page.evaluate(() => window.inputs.composer);

    await page.mouse.click(remove.x, remove.y);
    const value = await eventually(
      async () => {
        const v = await page.inputValue('#composer');
        return !v.includes('482913') && v;
      },
      { timeout: FIRST_ANSWER_MS, what: 'the passcode to go' },
    );
    assert.equal(value, 'Join us! Meeting ID: 851 2345 6789 thanks');
    assert.ok((await page.evaluate(() => window.inputs.composer)) > inputsBefore, 'the site saw an input event');
    await eventually(async () => (await readShadowHosts(page, WARNING)).length === 0, { timeout: FIRST_ANSWER_MS, what: 'the warning to go' });
    await page.close();
  });

  test('a link with its passcode typed into a rich editor loses only its secret', async () => {
    const page = await session.context.newPage();
    await page.goto(SOCIAL);
    await page.click('#rich');
    await page.keyboard.type('Tonight: https://us02web.zoom.us/j/81234567890?pwd=Zx9QmKt2 bring snacks');
    const [warning] = await eventually(
      async () => {
        const found = await readShadowHosts(page, WARNING);
        return found.length === 1 && found;
      },
      { timeout: FIRST_ANSWER_MS, what: 'the composer warning' },
    );
    const remove = warning.buttons.find((b) => b.text === 'Remove the passcode');
    await page.mouse.click(remove.x, remove.y);
    const text = await eventually(
      async () => {
        const t = await page.evaluate(() => document.getElementById('rich').textContent);
        return !t.includes('pwd=') && t;
      },
      { timeout: FIRST_ANSWER_MS, what: 'the secret to go' },
    );
    assert.equal(text, 'Tonight: https://us02web.zoom.us/j/81234567890 bring snacks');
    assert.ok((await page.evaluate(() => window.inputs.rich)) > 0, 'the site saw input events');
    await page.close();
  });

  test('the same page on a site that is not public: nothing marked, no warning', async () => {
    const page = await session.context.newPage();
    await page.goto(PRIVATE);
    await page.click('#composer');
    await page.keyboard.type('Meeting ID: 851 2345 6789 Passcode: 482913');
    // A public page in the same browser gets its marks: the extension is running.
    const control = await session.context.newPage();
    await control.goto(SOCIAL);
    await eventually(async () => (await readShadowHosts(control, FLAG)).length === 3, { timeout: FIRST_ANSWER_MS, what: 'control marks' });
    await control.close();
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than the composer's debounce
    assert.equal((await readShadowHosts(page, FLAG)).length, 0);
    assert.equal((await readShadowHosts(page, WARNING)).length, 0);
    await page.close();
  });
});

// The same scenario in every browser (browsers.mjs): posts showing credentials are marked, and a passcode typed
// into a composer brings the warning whose button takes it out.
for (const browser of BROWSERS) {
  describe(`exposed credentials in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serve('x.com', 'social.html');
    });

    after(async () => {
      await session?.close();
    });

    test('three posts marked; a typed passcode warned about and removed in one click', async () => {
      const tab = await session.open(SOCIAL);
      const flags = await eventually(
        async () => {
          const found = await tab.shadowHosts(FLAG);
          return found.length >= 3 && found;
        },
        { timeout: FIRST_ANSWER_MS, what: 'three marks' },
      );
      assert.equal(flags.length, 3);
      for (const flag of flags) {
        assert.equal(flag.closed, true);
        assert.equal(flag.text, 'Meeting passcode visible to anyone');
      }

      await tab.type('#composer', 'Join us! Meeting ID: 851 2345 6789 Passcode: 482913 thanks');
      const [warning] = await eventually(
        async () => {
          const found = await tab.shadowHosts(WARNING);
          return found.length === 1 && found;
        },
        { timeout: FIRST_ANSWER_MS, what: 'the composer warning' },
      );
      assert.match(warning.text, /Anyone who reads this can join your meeting/);
      assert.equal(await tab.clickShadowButton(WARNING, 'Remove the passcode'), true);
      const value = await eventually(
        async () => {
          const v = await tab.evaluate(() => document.getElementById('composer').value);
          return !v.includes('482913') && v;
        },
        { timeout: FIRST_ANSWER_MS, what: 'the passcode to go' },
      );
      assert.equal(value, 'Join us! Meeting ID: 851 2345 6789 thanks');
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
