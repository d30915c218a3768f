// "Continue anyway" gives back a working page, whatever sent the tab away (session 46, content/gate.js hangingLoad):
// by the page's own signals (an imitated sign-in: content.js), by a frame's address (a framed lookalike: gate.js
// frameCheck) or by a frame's signals (a real kit's Microsoft sign-in framed from another site, or in a srcdoc frame
// without an address of its own: frame-signin.js). Each page is sent to the warning page before its `load` ended,
// Back from the warning page warns again (the page not loaded again, its imitation unwarned), and "Continue anyway"
// gives back the page `complete`, its `load` handler run; for the top page's own verdict, whose "Continue anyway"
// loads the page anew (warning.js), also the copy the tab left, which the person reaches with Back.
// Chromium (its back/forward cache on) keeps such a page in its cache, and sometimes fires no `load` in it ever once
// restored (whatwg/html#12918; session 45: 6 of 16 runs of the Back scenario), a race at the moment the page enters
// the cache that no server can bring about on demand: a held image, in the page or in a frame of another site, let
// go while the page was in the cache or after its restore, ended the load every time (session 46's probes,
// docs/browsers.md). So the page here stands in for it: each document loaded before "Continue anyway" has an image
// held until the test ends, and a page let through with its load not ended is what gate.js loads again, whatever
// keeps it from ending. Without that, the page "Continue anyway" went back to was never `complete`. The server logs
// each load of the page and each restore (with the document's readyState then), which tells what the browser did at
// each step: Firefox loads such a page again on Back (docs/browsers.md), Chromium mostly restores it.
// Beside them (Chromium): a frame whose host the prefilter holds and the engine clears, rewritten by its own script
// with a kit (document.open, which erases gate.js's pageshow listener), is warned again on Back (session 45's
// integration review, finding 2). And (both browsers) an ordinary page never sent away, its load held, left by the
// person and restored on Back, whose ad frame of another site posts the message session 46's first version obeyed
// (`joinguard:let-through`), is not loaded again (review of session 46, finding 1: the let-through now comes from
// the background only).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually, launch } from './browser.mjs';
import { BROWSERS, browserName, launchBrowser, wrapChromium } from './browsers.mjs';
import { inBackground } from './background-hold.mjs';
import { HOLD_KEY } from '../../extension/background/test-hold.js';

/** A real kit's Microsoft sign-in, without its scripts from CDNs (which nothing here serves). */
const KIT = readFileSync(new URL('../data/real/phishing-pages/ms-office-kit-2020-05.html', import.meta.url), 'utf8').replace(/<script src="https:[^>]*><\/script>/g, '');
const SIGN_IN = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign In</title></head><body><form method="post" action="/verify"><input type="email" name="email"><input type="password" name="password"><button>Sign In</button></form></body></html>';

/** What the page logged runs first: `loadRan` once its own `load` handler ran, and a beacon to its server as each
 *  document starts and on each restore from the back/forward cache. Not sessionStorage, whose copy in a document
 *  Chromium restores is stale, nor the page's own requests: a history step in Firefox takes the page from the HTTP
 *  cache without asking (no-cache or not). A beacon keeps no page out of the back/forward cache (a fetch in flight
 *  would in Chromium). */
const COUNTER = `<script>
  const logged = (what) => navigator.sendBeacon('/' + what + location.search + '&state=' + document.readyState);
  logged('loaded');
  addEventListener('load', () => { window.loadRan = true; });
  addEventListener('pageshow', (event) => { if (event.persisted) logged('restored'); });
</script>`;
let images = 0;
/** `html` with the counter first in its head and, with `held`, an image (serveAll) before its body ends (the last
 *  `</body>`: a srcdoc attribute may hold one): at an address of its own each time, which no cache has answered. */
const page = (html, held = false) => {
  const end = html.toLowerCase().lastIndexOf('</body>');
  const image = held ? `<img src="/held.png?${(images += 1)}" alt="">` : '';
  return `${html.slice(0, end)}${image}${html.slice(end)}`.replace(/<head>/i, `<head>${COUNTER}`);
};

const LURE_HOST = 'weekly-digest.example.org';
/** Of another site than LURE_HOST: Chromium draws its frame in a process of its own. */
const KIT_HOST = 'cdn.assets-store.example.com';
const SIGN_IN_HOST = 'secure-docs.example.org';
const LOOKALIKE_HOST = 'zoom-us.join-meeting.net';
const FRAMED_LOOKALIKE_HOST = 'zoom-us.framed-login.com';
/** Held by the prefilter (it holds `zoom`), cleared by the engine: gate.js watches its frames. */
const SUSPECT_HOST = 'zoomcar.example.org';
/** An ordinary news site, its ad frame's site, and a site the person goes on to. */
const NEWS_HOST = 'daily-news.example.org';
const AD_HOST = 'ads.adnet-delivery.example.com';
const ELSEWHERE_HOST = 'recipes.example.net';
/** The ad: on each pageshow, posts session 46's first let-through message to the top window 20 times, 100 ms
 *  apart (the news page logs each it receives: `posted`). */
const AD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ad</title></head><body><p>Advertisement</p><script>
  addEventListener('pageshow', () => {
    let posts = 0;
    const timer = setInterval(() => {
      top.postMessage('joinguard:let-through', '*');
      if (++posts === 20) clearInterval(timer);
    }, 100);
  });
</script></body></html>`;
/** The news page (`?n=forged&hold`): an article with the ad's frame, its image held; logs each of the ad's posts. */
const news = (url) => page(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Daily news</title></head>
<body><script>addEventListener('message', (event) => { if (event.data === 'joinguard:let-through') navigator.sendBeacon('/posted' + location.search); });</script><main><h1>Daily news</h1><p>Today's stories.</p><iframe src="https://${AD_HOST}/slot" width="300" height="250"></iframe></main></body></html>`, url.searchParams.has('hold'));

const attribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
/** The lure page at `url`: an article with a frame (`src`, or `srcdoc` when `?srcdoc`), sandboxed (its origin
 *  opaque: frame-signin.js sends no address) when `?sandbox`. */
function lure(url) {
  const query = url.searchParams;
  const frame = query.has('srcdoc') ? `srcdoc="${attribute(KIT)}"` : `src="${attribute(query.get('src'))}"`;
  const sandbox = query.has('sandbox') ? ' sandbox="allow-forms"' : '';
  return page(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weekly digest</title></head>
<body><main><h1>Weekly digest</h1><p>This week's meeting moved online. Sign in below to read the shared file.</p>
<iframe ${frame}${sandbox} width="480" height="420"></iframe></main></body></html>`, query.has('hold'));
}
/** At SUSPECT_HOST: a page that writes the kit over itself once loaded (document.open). */
const REWRITING = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loading</title></head><body><p>Loading the shared file…</p>
<script>addEventListener('load', () => setTimeout(() => { document.open(); document.write(${JSON.stringify(KIT).replaceAll('</', '<\\/')}); document.close(); }));</script></body></html>`;

/** Who sent the tab away: the page's address (`n`, its name in the server's log; `hold`, its load held), and the
 *  warning's words. `top`: the top page's own check, after whose "Continue anyway" the page loads anew (warning.js);
 *  the person then goes Back to the copy the tab was sent away from. */
const SENDERS = [
  ['a lookalike (the top page\'s address: gate.js)', { url: `https://${LOOKALIKE_HOST}/signin?n=lookalike&hold`, words: /imitates Zoom/, top: true, lostReply: true }],
  ['an imitated sign-in on an unrelated host (the top page\'s signals: content.js)', { url: `https://${SIGN_IN_HOST}/account/verify?n=signin&hold`, words: /Microsoft/, top: true }],
  ['a lookalike framed by a harmless page (the frame\'s address: gate.js frameCheck)', {
    url: `https://${LURE_HOST}/article?${new URLSearchParams({ n: 'framed-lookalike', hold: '', src: `https://${FRAMED_LOOKALIKE_HOST}/signin` })}`,
    words: /Zoom/,
    lostReply: true,
  }],
  ['a kit\'s sign-in framed from another site (the frame\'s signals: frame-signin.js)', {
    url: `https://${LURE_HOST}/article?${new URLSearchParams({ n: 'framed-kit', hold: '', src: `https://${KIT_HOST}/o365/` })}`,
    words: /Microsoft/,
  }],
  ['a kit\'s sign-in in a srcdoc frame (no address of its own: frame-signin.js)', {
    url: `https://${LURE_HOST}/article?${new URLSearchParams({ n: 'srcdoc-kit', hold: '', srcdoc: '' })}`,
    words: /Microsoft/,
  }],
  // Its restore check says `sentAway` with no address (requests.js opaquePart; session 46's integration review, finding 2).
  ['a kit\'s sign-in in a sandboxed srcdoc frame (an opaque origin: frame-signin.js)', {
    url: `https://${LURE_HOST}/article?${new URLSearchParams({ n: 'opaque-kit', hold: '', srcdoc: '', sandbox: '' })}`,
    words: /Microsoft/,
  }],
];

/** How long the background holds its answer to the check that sent the tab away, in the lost reply's runs (`lostReply`
 *  above, again with it): past the warning page's commit, so that the page goes into the back/forward cache with the
 *  answer still awaited, which Chromium then never delivers (session 47's scratch build): the race Chromium runs by
 *  chance (session 46: the top pages 1 run in 3), for certain. A hook of the test build only (background/test-hold.js,
 *  switched on in storage.session by the background itself; the shipped build drops it). */
const HOLD_MS = 1500;
/** Switches the hold on (`ms`) or off (null), for top and framed checks alike, from the background itself. */
const holdAnswers = (session, ms) =>
  inBackground(
    session,
    `(api, scope, key, hold) => (hold === null ? api.storage.session.remove(key) : api.storage.session.set({ [key]: { top: hold, framed: hold, held: 0 } }))`,
    HOLD_KEY,
    ms,
  );
/** The hold's record: `held`, how many answers it has held since it was switched on (test-hold.js). */
const holdRecord = (session) => inBackground(session, `async (api, scope, key) => (await api.storage.session.get(key))[key] ?? null`, HOLD_KEY);

/**
 * Serves every host in `session`. Holds each request for `/held.png` until `letLoad()` is called (the documents
 * loaded before then never end their load), answers the later ones at once, and the held ones at `releaseAll()`.
 * Logs, by the page's name (`?n=`), each load of the page (`load`) and each restore (`restore <readyState>`). No
 * `no-store`: Chromium keeps no page that says it in its back/forward cache, and Firefox none (the proxy's default;
 * hostile.test.mjs).
 */
async function serveAll(session) {
  const held = [];
  let holding = true;
  const log = new Map();
  const note = (url, entry) => log.set(url.searchParams.get('n'), [...(log.get(url.searchParams.get('n')) ?? []), entry]);
  const headers = { 'Cache-Control': 'no-cache' };
  const respond = (html) => async (url) => {
    if (url.pathname === '/held.png') {
      if (holding) await new Promise((resolve) => held.push(resolve));
      return { body: '', contentType: 'image/png', headers };
    }
    if (url.pathname === '/loaded' || url.pathname === '/restored' || url.pathname === '/posted') {
      note(url, url.pathname === '/posted' ? 'posted' : url.pathname === '/loaded' ? 'load' : `restore ${url.searchParams.get('state')}`);
      return { body: '', contentType: 'text/plain', headers };
    }
    // The kit's own style sheets and scripts (relative addresses), the browser's icon: empty.
    const resource = { css: 'text/css', js: 'text/javascript', ico: 'image/x-icon' }[url.pathname.split('.').pop()];
    if (resource) return { body: '', contentType: resource, headers };
    return { body: typeof html === 'function' ? html(url) : html, headers };
  };
  await session.serveWith(LURE_HOST, respond(lure));
  await session.serveWith(KIT_HOST, respond(page(KIT)));
  await session.serveWith(SIGN_IN_HOST, respond((url) => page(KIT, url.searchParams.has('hold'))));
  await session.serveWith(LOOKALIKE_HOST, respond((url) => page(SIGN_IN, url.searchParams.has('hold'))));
  await session.serveWith(FRAMED_LOOKALIKE_HOST, respond(page(SIGN_IN)));
  await session.serveWith(SUSPECT_HOST, respond(REWRITING));
  await session.serveWith(NEWS_HOST, respond(news));
  await session.serveWith(AD_HOST, respond(AD));
  await session.serveWith(ELSEWHERE_HOST, respond('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recipes</title></head><body><p>Soup.</p></body></html>'));
  const releaseAll = () => held.splice(0).forEach((resolve) => resolve());
  return {
    logOf: (name) => log.get(name) ?? [],
    hold: () => {
      holding = true;
    },
    letLoad: () => {
      holding = false;
    },
    releaseAll,
  };
}

/** The warning page in `tab` once it says `words`; with `fresh`, a warning page other than the one marked before. */
async function warning(session, tab, words, { fresh = false } = {}) {
  await eventually(async () => {
    if (!(await tab.url()).startsWith(session.extensionBase)) return false;
    if (fresh && (await tab.evaluate(() => window.firstWarning === true).catch(() => true))) return false;
    return words.test((await tab.warningText().catch(() => null)) ?? '');
  }, { what: fresh ? 'the warning again after Back' : 'the warning page', timeout: 30_000 });
}
/** The browser's Back in `tab`, not waiting for the load. */
const back = (tab) => (tab.page ? tab.page.goBack({ waitUntil: 'commit' }).then(() => {}, () => {}) : tab.back());
/** warning.js ignores a click in its first 800 ms on screen. */
const clickable = () => new Promise((resolve) => setTimeout(resolve, 1000));
/** Once the page at `url` in `tab` is `complete` and its load handler ran: the page works. */
const loaded = (tab, url, what) =>
  eventually(async () => (await tab.url()) === url && (await tab.evaluate(() => document.readyState === 'complete' && window.loadRan === true).catch(() => false)), {
    what: `${what}: complete, its load handler run`,
    timeout: 20_000,
  });

for (const browser of BROWSERS) {
  describe(`"Continue anyway" gives back a working page, whatever sent the tab away, in ${browserName(browser)}${browser === 'chromium' ? ' with its back/forward cache on' : ''}`, () => {
    let session;
    let server;

    before(async () => {
      // Firefox: open() returns at once (WebDriver's 'none'), as the held pages never end their first load.
      session = browser === 'chromium' ? wrapChromium(await launch({ backForwardCache: true })) : await launchBrowser('firefox', { pageLoad: 'none' });
      server = await serveAll(session);
      // No hold before any test. (Session 48 added this round trip when a held run first in a Firefox session lost
      // its switch: the script had run before the extension page loaded, which browsers.mjs launchFirefox now waits for.)
      assert.equal(await holdRecord(session), null, 'no hold before the tests');
    });

    after(async () => {
      server?.releaseAll();
      await session?.close();
    });

    const runs = SENDERS.flatMap(([name, sender]) => [[name, sender, false], ...(sender.lostReply ? [[name, sender, true]] : [])]);
    for (const [name, { url: address, words, top = false }, lost] of runs) {
      // The lost reply's run under a name of its own in the server's log.
      const url = lost ? address.replace(/\bn=([^&]+)/, 'n=$1-lost') : address;
      const what = lost ? `${name}, its answer lost (held past the warning page's commit)` : name;
      test(`${what}: sent away before its load ended, Back warns again, "Continue anyway" gives it back loaded`, async (t) => {
        server.hold();
        if (lost) {
          await holdAnswers(session, HOLD_MS);
          t.after(() => holdAnswers(session, null));
          // Read back before the page opens: a lost write fails here, at its cause.
          assert.deepEqual(await holdRecord(session), { top: HOLD_MS, framed: HOLD_MS, held: 0 }, 'the hold is on');
        }
        const tab = await session.open(url);
        await warning(session, tab, words);
        await tab.evaluate(() => {
          window.firstWarning = true;
        });
        await back(tab);
        await warning(session, tab, words, { fresh: true });
        // Both sends of the tab to the warning page had their answer held: the first document's, and its restore's.
        if (lost) {
          const record = await holdRecord(session);
          assert.equal(record?.held, 2, `answers held (the first warning's and the one on Back): ${JSON.stringify(record)}, the page's log: ${server.logOf(new URL(url).searchParams.get('n'))}`);
        }
        await clickable();
        // From here on the page's image comes: a page loaded again completes.
        server.letLoad();
        assert.equal(await tab.clickWarning('continue'), true);
        await loaded(tab, url, 'the page "Continue anyway" went to');
        if (top) {
          // The top page was loaded anew; Back goes to the copy the tab was sent away from, now let through. Session
          // 46's integration: in about 1 run of 3 in Chromium the first Back loaded the page afresh instead of restoring
          // it, and this last Back restored that second copy, its load not ended, and nothing loaded it again (log
          // `load, load, load, restore interactive`; branch s46-gate46 alike). The cause, fixed in gate.js
          // hangingLoad: that copy never heard the background's 'warned' reply (Chromium closes the message channel of
          // a page going into its back/forward cache), so its own check's `allowed` did not count. Asserted in both
          // browsers again since session 47 (Chromium: 6 of 6 passes in session 46, then 10 of 10 in session 47 with the
          // machine busy, docs/browsers.md).
          await t.test('Back to the copy the tab was sent away from: complete, its load handler run', async () => {
            await back(tab);
            await loaded(tab, url, 'the page Back went to');
            const log = server.logOf(new URL(url).searchParams.get('n'));
            if (browser === 'chromium') {
              assert.match(log.at(-2) ?? '', /^restore (loading|interactive)$/, `restored with its load not ended at the last step: ${log}`);
              assert.equal(log.at(-1), 'load', `then loaded again: ${log}`);
              assert.equal(log.length, 5, `one load or restore a step, and one load again: ${log}`);
            } else {
              assert.ok(log.length <= 4 && log.every((entry) => entry === 'load'), `one load a step, none restored, none again: ${log}`);
            }
          });
          await tab.close();
          return;
        }
        // Each step that reached the page (the first load, Back, "Continue anyway", and Back for a top page) is a load
        // or a restore in the log, the browser's choice (a document sent away before its first script ran logs
        // nothing). In Chromium the page came back from its back/forward cache with its load not ended at the last
        // step, which is what this is about, and was then loaded once more: gate.js's, once let through; none after
        // the Back that warned again (the imitation would be shown unwarned). Firefox restores none of these pages:
        // no load of gate.js's.
        const log = server.logOf(new URL(url).searchParams.get('n'));
        const steps = 3;
        if (browser === 'chromium') {
          assert.match(log.at(-2) ?? '', /^restore (loading|interactive)$/, `restored with its load not ended at the last step: ${log}`);
          assert.equal(log.at(-1), 'load', `then loaded again: ${log}`);
          assert.equal(log.length, steps + 1, `one load or restore a step, and one load again: ${log}`);
        } else {
          assert.ok(log.length <= steps && log.every((entry) => entry === 'load'), `one load a step, none restored, none again: ${log}`);
        }
        await tab.close();
      });
    }

    test('a frame the prefilter holds and the engine clears, rewritten by its own script with a kit (document.open): Back warns again', { skip: browser !== 'chromium' && 'Firefox loads the page again on Back from the warning page: no restore to count' }, async () => {
      server.letLoad();
      const url = `https://${LURE_HOST}/article?${new URLSearchParams({ n: 'rewritten', src: `https://${SUSPECT_HOST}/shared` })}`;
      const tab = await session.open(url);
      await warning(session, tab, /Microsoft/);
      await tab.evaluate(() => {
        window.firstWarning = true;
      });
      await back(tab);
      // Without the frame's own count of the restore (gate.js's listener erased), its check was answered as the
      // document already sent away, and the kit stayed on screen unwarned.
      await warning(session, tab, /Microsoft/, { fresh: true });
      await clickable();
      assert.equal(await tab.clickWarning('continue'), true);
      await loaded(tab, url, 'the page "Continue anyway" went to');
      assert.deepEqual(server.logOf('rewritten'), ['load', 'restore complete', 'restore complete'], 'restored from the back/forward cache on Back and on "Continue anyway": the path this is about');
      await tab.close();
    });

    test('an ordinary page never sent away, restored with its load not ended: an ad frame\'s posted let-through does not load it again', async () => {
      server.hold();
      const url = `https://${NEWS_HOST}/today?n=forged&hold`;
      const tab = await session.open(url);
      await eventually(async () => (await tab.url()) === url && server.logOf('forged').includes('load'), { what: 'the news page loading', timeout: 20_000 });
      await tab.goto(`https://${ELSEWHERE_HOST}/`);
      await eventually(async () => (await tab.url()) === `https://${ELSEWHERE_HOST}/`, { what: 'the next site' });
      const before = server.logOf('forged').length;
      await back(tab);
      // All 20 of the ad's posts after Back are in: under session 46's first version the page loaded again on the
      // first post after its restore check had answered.
      await eventually(() => server.logOf('forged').slice(before).filter((entry) => entry === 'posted').length >= 20, { what: 'the ad\'s posts after Back', timeout: 30_000 }).catch((error) => {
        throw new Error(`${error.message}: ${server.logOf('forged')} (${before} before Back)`);
      });
      const steps = server.logOf('forged').filter((entry) => entry !== 'posted');
      if (browser === 'chromium') {
        assert.deepEqual(steps, ['load', 'restore interactive'], 'restored with its load not ended, and not loaded again');
        assert.equal(await tab.evaluate(() => document.readyState), 'interactive', 'the restored document is still the one shown');
      } else {
        assert.ok(steps.length <= 2 && steps.every((entry) => entry === 'load'), `one load a step, none again: ${steps}`);
      }
      await tab.close();
    });

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
