// Whether Firefox restores a page from its back/forward cache on Back, without any test driver (session 36,
// docs/browsers.md): a local server serves pages that report their `pageshow` and `pagehide` events (with
// `persisted`) back to it, and a small unsigned extension installed in a fresh profile opens a page, moves the
// tab with tabs.update to another web page or to an extension page, and goes Back with tabs.goBack. The
// hostile-page suite's Back scenarios rest on what it shows (tests/e2e/hostile.test.mjs restoresFromExtensionPage):
// page to page, `pageshow persisted=true` after Back (restored); page to extension page, `pagehide
// persisted=true` as the tab leaves, then a new document ("run" with another id) and `pageshow persisted=false`
// after Back (loaded again).
//
// Run (not part of `make test`; under the e2e lock, as it starts a browser):
//   flock /tmp/e2e.lock node tools/firefox-bfcache-probe.mjs
// With Firefox's own log of its cache and processes:
//   MOZ_LOG=sync,SHIPBFCache:5,nsSHistory:5,Process:5 MOZ_LOG_FILE=/tmp/bfcache.log flock /tmp/e2e.lock node tools/firefox-bfcache-probe.mjs
// Needs firefox-esr (its `xpinstall.signatures.required` false lets the unsigned extension in) and `zip`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/** A page that reports its script's run (with an id of its document) and its pageshow and pagehide events. */
const page = (name) => `<!doctype html><html><head><meta charset="utf-8"><script>
const id = Math.random().toString(36).slice(2, 6);
const log = (e) => navigator.sendBeacon('/log?e=' + encodeURIComponent(location.pathname + location.search + ' ' + id + ' ' + e));
log('run');
addEventListener('pageshow', (e) => log('pageshow persisted=' + e.persisted));
addEventListener('pagehide', (e) => log('pagehide persisted=' + e.persisted));
</script></head><body>${name}</body></html>`;

const MANIFEST = {
  manifest_version: 2,
  name: 'bfcache probe',
  version: '1.0',
  browser_specific_settings: { gecko: { id: 'bfprobe@example.org' } },
  background: { scripts: ['bg.js'] },
};

/** The extension's background: each way twice, page to page (another host) and page to extension page. */
const background = (port) => `const log = (e) => fetch('http://127.0.0.1:${port}/log?e=' + encodeURIComponent(e)).catch(() => {});
const complete = (tabId) => new Promise((resolve) => {
  const listener = (id, change) => {
    if (id === tabId && change.status === 'complete') {
      browser.tabs.onUpdated.removeListener(listener);
      resolve();
    }
  };
  browser.tabs.onUpdated.addListener(listener);
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  await sleep(1500);
  const ways = [['web', 'http://localhost:${port}/b'], ['ext', browser.runtime.getURL('page.html')]];
  for (const [name, target] of [...ways, ...ways]) {
    const tab = await browser.tabs.create({ url: 'http://127.0.0.1:${port}/a?' + name });
    await complete(tab.id);
    await sleep(700);
    log(name + ': update');
    const done = complete(tab.id);
    await browser.tabs.update(tab.id, { url: target });
    await done;
    await sleep(1000);
    log(name + ': back');
    await browser.tabs.goBack(tab.id);
    await sleep(2000);
  }
  log('end');
})();
`;

const dir = mkdtempSync(join(tmpdir(), 'firefox-bfcache-probe-'));
let firefox;
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname !== '/log') {
    // `no-cache`, not `no-store`: a `no-store` page never enters Firefox's back/forward cache (docs/browsers.md).
    response.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache' }).end(page(url.pathname));
    return;
  }
  const event = url.searchParams.get('e');
  console.log(event);
  response.end();
  if (event === 'end') setTimeout(finish, 300);
});
function finish(code = 0) {
  firefox?.kill();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = code;
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const ext = join(dir, 'ext');
  const profile = join(dir, 'profile');
  mkdirSync(ext);
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(join(ext, 'bg.js'), background(port));
  writeFileSync(join(ext, 'page.html'), '<!doctype html><html><head><meta charset="utf-8"><title>extension page</title></head><body>extension page</body></html>');
  // An extension in the profile's extensions folder, named by its id, is installed at start-up.
  execFileSync('zip', ['-qj', join(profile, 'extensions', 'bfprobe@example.org.xpi'), ...['manifest.json', 'bg.js', 'page.html'].map((name) => join(ext, name))]);
  writeFileSync(join(profile, 'user.js'), [
    'user_pref("xpinstall.signatures.required", false);',
    'user_pref("extensions.autoDisableScopes", 0);',
    'user_pref("extensions.enabledScopes", 15);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("browser.startup.homepage_override.mstone", "ignore");',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("network.proxy.type", 0);',
  ].join('\n'));
  firefox = spawn(FIREFOX, ['-headless', '-no-remote', '-profile', profile, 'about:blank'], { stdio: 'ignore' });
  setTimeout(() => {
    console.log('timed out: no "end" from the probe extension within 60 s');
    finish(1);
  }, 60_000).unref();
});
