// An imitated sign-in drawn in a frame (session 45, content/frame-signin.js): a lure page on a host of its own frames a
// real phishing kit's Microsoft sign-in (tests/data/real/phishing-pages/ms-office-kit-2020-05.html) from an unrelated
// host, with no vendor's name in either address, or draws it in a frame without an address of its own (srcdoc;
// about:blank written by the page at once, or after the load, closed or never closed, with a slow script before its
// form, or after an ordinary password form less than a second before); the tab is sent to the warning page, which says
// the page shows a sign-in imitating Microsoft[^.]* in a part from that host (also when a frame of that host writes it
// into an about:blank child of its own), or in a part of this page. The same kit on Microsoft's own sign-in host,
// framed, and real benign sign-ins framed in another site stay quiet. In each browser. Without frame-signin.js
// (frame.js calling frameCheck alone, as in session 44) the warning scenarios fail. Session 46: frames with an opaque
// origin, where both browsers run frame.js (docs/browsers.md): the kit in a data: frame, a sandboxed srcdoc or data:
// frame (a part of this page that has no address of its own; these time out on session 45's build), a sandboxed blob:
// frame the page makes (the same words; timed out before review 46's fix) and a sandboxed frame from the kit's host
// (a part from that host) are warned; Microsoft's own host and the benign sign-ins sandboxed stay quiet.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually, launch } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser, wrapChromium } from './browsers.mjs';

const capture = (name) => readFileSync(new URL(`../data/real/phishing-pages/${name}.html`, import.meta.url), 'utf8');
const KIT = capture('ms-office-kit-2020-05');
/** The lure: no vendor's name in its address. */
const LURE_HOST = 'community-news.example.org';
/** Another compromised host serving the kit as it is. */
const KIT_HOST = 'cdn.assets-store.example.org';
/** Microsoft's own sign-in host: the engine knows it as Microsoft's account host. */
const VENDOR_HOST = 'login.microsoftonline.com';
const BENIGN = { 'login-widget.example.com': 'benign-keycloak-login-microsoft-google', 'forum-login.example.net': 'benign-gitea-sign-in' };
/** How long a quiet page is watched for a warning: the frame's check is at document_idle, the verdict may wait
 *  1.5 s for the organisation's policy (settings.js verdictAwaitsPolicy). */
const QUIET_MS = 6000;

const attribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/** The kit held in a <template> until the page calls showSignIn(): a sign-in drawn in the same document after its
 *  load, no document.open (as caps-late-signin.test.mjs does for a top page). */
const LATE_KIT = KIT.replace('<div class="wrap">', '<p id="wait">Loading the shared file…</p><template id="later"><div class="wrap">')
  .replace('<script src="https://code.jquery.com', `</template>
<script>
  window.showSignIn = () => document.getElementById('wait').replaceWith(document.getElementById('later').content.cloneNode(true));
</script>
<script src="https://code.jquery.com`);

/** How long KIT_HOST takes to answer for a script: longer than the frame's first check after a written root. */
const SLOW_SCRIPT_MS = 1000;
/** The kit with a script from KIT_HOST in its head (as kits load jQuery there): the parser stops at it, so the form is
 *  not yet in the document when the frame's first check after a written root runs. */
const SLOW_KIT = KIT.replace('</head>', `<script src="https://${KIT_HOST}/slow.js"></script>\n</head>`);

/** An ordinary password form, no vendor's sign-in: quiet on its own. */
const PLAIN_FORM = '<!doctype html><title>Members</title><form method="post"><input name="user"><input type="password" name="pass"><button>Sign in</button></form>';

/** The lure page: an article, and the kit in a frame as `how` says (`src`: from that address; `srcdoc`; `written`:
 *  an about:blank frame the page writes the kit into, after `delay` ms, or at once; with `close=no` the page never
 *  calls document.close(); with `slow=1` it writes SLOW_KIT; with `plain=MS` it first writes PLAIN_FORM, then the kit MS later); at /part, LATE_KIT. */
function lure(url) {
  if (url.pathname === '/part') return LATE_KIT;
  const how = url.searchParams.get('how');
  // `sandbox=FLAGS`: the frame sandboxed with those flags (session 46: an opaque origin), for `src`, `srcdoc`, `data`.
  const sandbox = url.searchParams.has('sandbox') ? ` sandbox="${attribute(url.searchParams.get('sandbox'))}"` : '';
  // `srcdoc=NAME`: that capture instead of the kit. `data`: the kit in a data: frame.
  const srcdoc = url.searchParams.has('srcdoc') ? capture(url.searchParams.get('srcdoc')) : KIT;
  const frame =
    how === 'src'
      ? `<iframe${sandbox} src="${attribute(url.searchParams.get('src'))}" width="480" height="420"></iframe>`
      : how === 'srcdoc'
        ? `<iframe${sandbox} srcdoc="${attribute(srcdoc)}" width="480" height="420"></iframe>`
        : how === 'data'
        ? `<iframe${sandbox} src="data:text/html;base64,${Buffer.from(KIT).toString('base64')}" width="480" height="420"></iframe>`
        : how === 'blob'
        ? `<iframe id="smuggled"${sandbox} width="480" height="420"></iframe>
<script>
  // HTML smuggling: the kit carried in the page's script, drawn from a blob: URL the page makes.
  const kit = new Blob([${JSON.stringify(KIT).replaceAll('</', '<\\/')}], { type: 'text/html' });
  document.getElementById('smuggled').src = URL.createObjectURL(kit);
</script>`
        : `<iframe id="later" width="480" height="420"></iframe>
<script>
  const query = new URLSearchParams(location.search);
  const writeInto = (html) => {
    const doc = document.getElementById('later').contentDocument;
    doc.open();
    doc.write(html);
    if (query.get('close') !== 'no') doc.close();
  };
  const kit = () => writeInto(query.has('slow') ? ${JSON.stringify(SLOW_KIT).replaceAll('</', '<\\/')} : ${JSON.stringify(KIT).replaceAll('</', '<\\/')});
  const write = () => {
    if (query.has('plain')) {
      writeInto(${JSON.stringify(PLAIN_FORM)});
      setTimeout(kit, Number(query.get('plain')));
    } else kit();
  };
  const delay = Number(query.get('delay') ?? 0);
  if (delay) setTimeout(write, delay); else write();
</script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Community news</title>
<script>
  // How many times this page was loaded, came back from the back/forward cache, and entered it before its load ended,
  // in this tab; whether its load handler ran (the Back scenario).
  sessionStorage.loads = Number(sessionStorage.loads ?? 0) + 1;
  addEventListener('pageshow', (event) => {
    if (event.persisted) sessionStorage.restores = Number(sessionStorage.restores ?? 0) + 1;
  });
  addEventListener('pagehide', (event) => {
    if (event.persisted && document.readyState !== 'complete') sessionStorage.leftLoading = Number(sessionStorage.leftLoading ?? 0) + 1;
  });
  addEventListener('load', () => { window.loadRan = true; });
</script></head>
<body><main><h1>Community news</h1><p>This week's meeting moved online. Sign in below to read the shared file.</p>
${frame}</main></body></html>`;
}

/** The warning page's text once the tab shows the warning about Microsoft. */
const microsoftWarning = (tab) =>
  eventually(async () => {
    const shown = await tab.warningText().catch(() => null);
    return shown && /Microsoft/.test(shown) ? shown : null;
  }, { what: 'the warning page', timeout: 30_000 });
/** No warning while the page is watched for QUIET_MS. */
const staysQuiet = async (tab) => {
  const until = Date.now() + QUIET_MS;
  while (Date.now() < until) {
    assert.equal(await tab.warningText().catch(() => null), null, 'no warning');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.match(await tab.url(), new RegExp(`^https://${LURE_HOST.replaceAll('.', '\\.')}/`), 'still on the page');
};
/** Opens `address`, waits for its warning about Microsoft and chooses "Continue anyway": back on the page, which stays
 *  quiet. Returns the tab. */
async function continuedQuiet(session, address) {
  const tab = await session.open(address);
  await microsoftWarning(tab);
  // warning.js ignores a click in its first 800 ms on screen.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(await tab.clickWarning('continue'), true);
  await eventually(async () => (await tab.url()) === address, { what: 'the page again' });
  await staysQuiet(tab);
  return tab;
}
/** Serves the lure, the kit's hosts and the benign captures in `session`. */
async function serveAll(session) {
  await session.serveWith(LURE_HOST, (url) => ({ body: lure(url) }));
  // At KIT_HOST's /ad, a page of that host (an ad's frame, say) that writes the kit into an about:blank frame of its own.
  // Its /slow.js, SLOW_KIT's script, after SLOW_SCRIPT_MS.
  await session.serveWith(KIT_HOST, (url) =>
    url.pathname === '/slow.js'
      ? { body: '/* jQuery */', contentType: 'text/javascript', delay: SLOW_SCRIPT_MS }
      : { body: url.pathname === '/ad' ? lure(new URL('?how=written', url)) : KIT },
  );
  await session.serveWith(VENDOR_HOST, () => ({ body: KIT }));
  for (const [host, name] of Object.entries(BENIGN)) await session.serveWith(host, () => ({ body: capture(name) }));
}

for (const browser of BROWSERS) {
  describe(`a sign-in drawn in a frame in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      assert.ok(LATE_KIT.includes('</template>') && LATE_KIT.includes('showSignIn'), 'the late kit is built');
      assert.ok(SLOW_KIT.includes('/slow.js'), 'the slow kit is built');
      session = await launchBrowser(browser);
      await serveAll(session);
    });

    after(async () => {
      await session?.close();
    });

    const open = (query) => session.open(`https://${LURE_HOST}/article?${new URLSearchParams(query)}`);
    /** Opens the lure with `query`: the warning says a sign-in imitating Microsoft in a part of this page. */
    const warnedInThisPage = async (query) => {
      const tab = await open(query);
      const text = await microsoftWarning(tab);
      assert.match(text, /shows a sign-in imitating Microsoft[^.]* in a part of this page/);
      await tab.close();
    };

    test('a kit\'s Microsoft sign-in framed from an unrelated host sends the tab to the warning page, naming that host', async () => {
      const tab = await open({ how: 'src', src: `https://${KIT_HOST}/o365/index.html` });
      const text = await microsoftWarning(tab);
      assert.match(text, new RegExp(`shows a sign-in imitating Microsoft[^.]* in a part from ${KIT_HOST.replaceAll('.', '\\.')}`));
      assert.match(text, /phishing|sign-in|password/i);
      await tab.close();
    });

    test('"Continue anyway" on that warning goes back to the page, whose framed sign-in is then allowed in the tab', async () => {
      const address = `https://${LURE_HOST}/article?${new URLSearchParams({ how: 'src', src: `https://${KIT_HOST}/o365/continue` })}`;
      const tab = await continuedQuiet(session, address);
      await tab.close();
    });

    test('the same kit in a srcdoc frame: the warning says a part of this page', async () => {
      const tab = await open({ how: 'srcdoc' });
      const text = await microsoftWarning(tab);
      assert.match(text, /shows a sign-in imitating Microsoft[^.]* in a part of this page/);
      assert.match(text, new RegExp(LURE_HOST.replaceAll('.', '\\.')), 'the page\'s own host named');
      await tab.close();
    });

    test('the same kit written into an about:blank frame at once: warned', async () => {
      await warnedInThisPage({ how: 'written' });
    });

    test('the same kit written into an about:blank frame after the load (document.open): warned', async () => {
      await warnedInThisPage({ how: 'written', delay: '1500' });
    });

    test('the same kit written after the load into a frame the page never closes (no document.close()): warned', async () => {
      await warnedInThisPage({ how: 'written', delay: '1500', close: 'no' });
    });

    test('the kit written after the load with a slow script in its head, before its form: warned without a focus', async () => {
      // The first check after the written root finds no field (the parser waits for the script); the frame looks
      // again while the document is being parsed.
      await warnedInThisPage({ how: 'written', delay: '1500', slow: '1' });
    });

    test('an ordinary password form written into a frame, then the kit within a second: the later pass waits, and warns', async () => {
      // The form's pass is the frame's one for that second (PASS_MS); the kit's must wait for it, not be dropped.
      // 600 ms: the form's check (200 ms after its root) is well before the kit's write, and the kit's check (200 ms
      // after its root) well within the form's pass second, so each holds on a loaded machine.
      await warnedInThisPage({ how: 'written', delay: '1500', plain: '600' });
    });

    test('a frame of another host writing the kit into an about:blank frame of its own: a part from that host, not of this page', async () => {
      const tab = await open({ how: 'src', src: `https://${KIT_HOST}/ad` });
      const text = await microsoftWarning(tab);
      assert.match(text, new RegExp(`shows a sign-in imitating Microsoft[^.]* in a part from ${KIT_HOST.replaceAll('.', '\\.')}`));
      await tab.close();
    });

    test('a sign-in drawn into a frame\'s document after its load: none looked at until its password field is focused, then warned', async () => {
      const tab = await open({ how: 'src', src: `https://${LURE_HOST}/part` });
      const frameReady = () => tab.evaluate(() => typeof document.querySelector('iframe')?.contentWindow?.showSignIn === 'function' && document.querySelector('iframe').contentDocument.readyState === 'complete').catch(() => false);
      await eventually(frameReady, { what: 'the frame' });
      // Past the frame's document_idle (idle.js: the load event at the latest).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await tab.evaluate(() => document.querySelector('iframe').contentWindow.showSignIn());
      // Drawn, not focused: nothing looks at it (no observer in a frame).
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(await tab.warningText(), null, 'no warning before the field is focused');
      await tab.evaluate(() => document.querySelector('iframe').contentDocument.querySelector('input[type=password]').focus());
      const text = await microsoftWarning(tab);
      assert.match(text, /shows a sign-in imitating Microsoft[^.]* in a part of this page/, 'a frame of the page\'s own site');
      await tab.close();
    });

    test('the kit on Microsoft\'s own sign-in host, framed, stays quiet', async () => {
      const tab = await open({ how: 'src', src: `https://${VENDOR_HOST}/common/login` });
      await staysQuiet(tab);
      await tab.close();
    });

    test('real benign sign-ins framed in another site stay quiet', async () => {
      for (const host of Object.keys(BENIGN)) {
        const tab = await open({ how: 'src', src: `https://${host}/login` });
        await staysQuiet(tab);
        await tab.close();
      }
    });

    // Frames with an opaque origin (session 46; docs/browsers.md: both browsers run frame.js in each of them).
    /** Opens the lure with `query`: the warning says a sign-in imitating Microsoft in a part of this page with no
     *  address of its own, and names the page's own address (the tab's, requests.js opaquePart). */
    const warnedWithoutAddress = async (query) => {
      const tab = await open(query);
      const text = await microsoftWarning(tab);
      assert.match(text, /shows a sign-in imitating Microsoft[^.]* in a part of this page that has no address of its own/);
      assert.match(text, new RegExp(`https://${LURE_HOST.replaceAll('.', '\\.')}/article`), 'the page\'s own address');
      await tab.close();
    };

    test('the kit in a data: frame: warned, a part of this page without an address', async () => {
      await warnedWithoutAddress({ how: 'data' });
    });

    test('the kit in a sandboxed srcdoc frame (forms only, or scripts and forms): warned, a part without an address', async () => {
      await warnedWithoutAddress({ how: 'srcdoc', sandbox: 'allow-forms' });
      await warnedWithoutAddress({ how: 'srcdoc', sandbox: 'allow-scripts allow-forms' });
    });

    test('"Continue anyway" past a data: frame\'s kit goes back to the page, quiet; the page\'s own srcdoc kit is still warned', async () => {
      const address = `https://${LURE_HOST}/article?${new URLSearchParams({ how: 'data', continue: 'opaque' })}`;
      const tab = await continuedQuiet(session, address);
      // The allowance is the opaque parts' of that host (warning-gate.js): a part of the page's own origin is not let
      // through by it, in the same tab.
      await tab.goto(`https://${LURE_HOST}/article?how=srcdoc`);
      assert.match(await microsoftWarning(tab), /in a part of this page\./);
      await tab.close();
    });

    test('the kit in a sandboxed data: frame: warned', async () => {
      await warnedWithoutAddress({ how: 'data', sandbox: '' });
    });

    test('the kit in a blob: frame the page makes (HTML smuggling): a part of this page; sandboxed, one without an address', async () => {
      const tab = await open({ how: 'blob' });
      const text = await microsoftWarning(tab);
      assert.match(text, /shows a sign-in imitating Microsoft[^.]* in a part of this page/);
      assert.doesNotMatch(text, /no address of its own/, 'the blob\'s origin is the page\'s');
      await tab.close();
      // Its blob: URL names the page's origin, its document's is opaque (review of session 46: no warning before).
      await warnedWithoutAddress({ how: 'blob', sandbox: 'allow-forms' });
    });

    test('the kit in a sandboxed frame from an unrelated host (no flags, or scripts and forms): warned, a part from that host', async () => {
      for (const sandbox of ['', 'allow-scripts allow-forms']) {
        const tab = await open({ how: 'src', src: `https://${KIT_HOST}/o365/sandboxed`, sandbox });
        const text = await microsoftWarning(tab);
        assert.match(text, new RegExp(`shows a sign-in imitating Microsoft[^.]* in a part from ${KIT_HOST.replaceAll('.', '\\.')}`), sandbox);
        await tab.close();
      }
    });

    test('Microsoft\'s own sign-in host in a sandboxed frame stays quiet (judged at its own address)', async () => {
      const tab = await open({ how: 'src', src: `https://${VENDOR_HOST}/common/login`, sandbox: 'allow-scripts allow-forms allow-popups' });
      await staysQuiet(tab);
      await tab.close();
    });

    test('real benign sign-ins sandboxed, from their host or in a srcdoc, stay quiet', async () => {
      for (const [host, name] of Object.entries(BENIGN)) {
        for (const query of [{ how: 'src', src: `https://${host}/login`, sandbox: 'allow-forms' }, { how: 'srcdoc', srcdoc: name, sandbox: 'allow-forms' }]) {
          const tab = await open(query);
          await staysQuiet(tab);
          await tab.close();
        }
      }
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}

// Chromium restores the page the tab left for the warning page from its back/forward cache (Playwright turns the
// cache off unless asked; hostile.test.mjs's Back scenarios do the same), frame included: the frame's check runs again
// on its `pageshow` (frame-signin.js), or Back would show the imitation unwarned. Firefox loads such a page again on
// Back (docs/browsers.md), which the scenarios above cover as a new load.
describe('a sign-in drawn in a frame, Back from its warning, in Chromium with its back/forward cache on', { skip: !BROWSERS.includes('chromium') && 'Chromium not among JOINGUARD_BROWSERS' }, () => {
  let session;

  before(async () => {
    session = wrapChromium(await launch({ backForwardCache: true }));
    await serveAll(session);
  });

  after(async () => {
    await session?.close();
  });

  test('Back from the warning page: the page restored with its frame is sent to the warning page again; "Continue anyway" then shows it', async () => {
    const address = `https://${LURE_HOST}/article?${new URLSearchParams({ how: 'src', src: `https://${KIT_HOST}/o365/back` })}`;
    const tab = await session.open(address);
    await microsoftWarning(tab);
    // Marks this warning page's document: the warning after Back must be another one.
    await tab.evaluate(() => {
      window.firstWarning = true;
    });
    await tab.page.goBack().catch(() => {});
    await eventually(async () => {
      const fresh = tab.url().startsWith(session.extensionBase) && (await tab.evaluate(() => window.firstWarning !== true).catch(() => false));
      return fresh && /Microsoft/.test((await tab.warningText().catch(() => null)) ?? '');
    }, { what: 'the warning again after Back', timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await tab.clickWarning('continue');
    await eventually(async () => tab.url() === address, { what: 'the page after "Continue anyway"' });
    // The page works: complete, its load handler run (Chromium may fire no load in a page it cached before its load
    // ended: gate.js then loads it again, session 46).
    const counted = await eventually(
      () => tab.evaluate(() => document.readyState === 'complete' && window.loadRan === true && sessionStorage.restores && { loads: Number(sessionStorage.loads), restores: Number(sessionStorage.restores), leftLoading: Number(sessionStorage.leftLoading ?? 0) }).catch(() => null),
      { what: 'the page complete, its load handler run' },
    );
    // Back (and the way back after "Continue anyway") restored it, which is what this is about. Loaded once, or twice
    // where it entered the cache before its load ended (loaded again when let through): a page that completed is never
    // loaded again.
    assert.equal(counted.restores, 2, JSON.stringify(counted));
    assert.ok(counted.loads === 1 || (counted.leftLoading > 0 && counted.loads === 2), JSON.stringify(counted));
    await tab.close();
  });
});
