// A page that waits out the top-frame content script's watch periods before drawing an imitated sign-in (session
// 44's audit of the caps, content.js): until then a sign-in form drawn more than PASSWORD_WATCH_MS (15 s) after
// the page's last address change, in the same document, was never looked at, and got no warning. Now the
// password field's focus gets the page one more gathering pass, and the imitation its warning page, heard from
// document_start so that a page stopping focus events cannot switch it off. In each browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser } from './browsers.mjs';

const HOST = 'late-signin.example.com';
/** The imitated Zoom sign-in of zoom-login-lookalike.html, its <main> held in a <template> and its title plain
 *  until the test calls showSignIn(): drawn late, in the same document, at the same address. */
const LATE_SIGNIN = readFileSync(new URL('fixtures/zoom-login-lookalike.html', import.meta.url), 'utf8')
  .replace('<title>Sign In | Zoom</title>', `<title>Please wait</title>
<script>
  // A page fighting its warning stops every focus event as early as a page script can (session 44's review:
  // content.js heard focusin only from document_idle, after this).
  window.addEventListener('focusin', (event) => event.stopImmediatePropagation(), true);
  document.addEventListener('focusin', (event) => event.stopImmediatePropagation(), true);
</script>`)
  .replace('<main>', '<p id="wait">Checking your browser before you continue…</p><template id="later"><main>')
  .replace('</main>', `</main></template>
<script>
  window.showSignIn = () => {
    document.title = 'Sign In | Zoom';
    document.getElementById('wait').replaceWith(document.getElementById('later').content.cloneNode(true));
  };
  document.body.dataset.ready = 'true';
</script>`);
/** A host that is no vendor's, serving the imitated Zoom sign-in as it is. */
const SIGNIN_HOST = 'signin-check.example.com';
/** content.js PASSWORD_WATCH_MS, and a margin. */
const WATCH_MS = 15_000 + 2000;

for (const browser of BROWSERS) {
  describe(`a sign-in drawn late in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchBrowser(browser);
      await session.serveWith(HOST, () => ({ body: LATE_SIGNIN }));
      await session.serve(SIGNIN_HOST, 'zoom-login-lookalike.html');
    });

    after(async () => {
      await session?.close();
    });

    /** The warning page's text once the tab shows the warning about Zoom. */
    const zoomWarning = (tab) => eventually(async () => {
      const shown = await tab.warningText().catch(() => null);
      return shown && /Zoom/.test(shown) ? shown : null;
    }, { what: 'the warning page', timeout: 30_000 });

    test('an imitated sign-in drawn after the watch period is warned about once its password field is focused, though the page stops focus events', async () => {
      const tab = await session.open(`https://${HOST}/account/verify`);
      await eventually(() => tab.evaluate(() => document.body?.dataset.ready === 'true'), { what: 'the page' });
      await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
      await tab.evaluate(() => window.showSignIn());
      // Drawn, not focused: nothing looks at it (the watch is over; a change alone asks nothing).
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(await tab.warningText(), null, 'no warning before the field is focused');
      await tab.evaluate(() => document.getElementById('password').focus());
      const text = await zoomWarning(tab);
      assert.match(text, /Zoom/);
      await tab.close();
    });

    // In Chromium since session 45: the harness's route matched the address text, user name included, and the
    // page was not served (browser.mjs pagesOf).
    test('an imitated sign-in whose address is padded in its password still gets its warning page', async () => {
      // The page's address is cut to 2,048 characters (shared/url-cut.js): until session 44's review the cut sliced
      // inside the password, and the address read as zoom.us, the vendor's own host (no warning).
      const tab = await session.open(`https://zoom.us:${'0'.repeat(2100)}@${SIGNIN_HOST}/signin`);
      const text = await zoomWarning(tab);
      assert.match(text, /Zoom/);
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
