// A local HTTP proxy for the Firefox tests: Firefox (driven through WebDriver, which cannot intercept requests as
// Playwright does for Chromium) is pointed at it for every http and https address, so the vendors' real hosts
// (https://us02web.zoom.us/…) serve the fixtures without any network. An https address arrives as CONNECT
// host:443; the proxy answers "200 Connection Established" and terminates TLS itself with a certificate made
// for the run (Firefox is told to accept it: WebDriver's acceptInsecureCerts), then serves the request like a
// plain one. Every request is recorded; an address with no fixture gets a 404, never the network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for this run (openssl, from Debian's base system; no network). */
function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'joinguard-proxy-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=joinguard e2e proxy', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the proxy on 127.0.0.1 (a free port). `routes` maps an exact host to { body, headers }: set or change
 * entries at any time through `route(host, body, headers)`.
 * @returns {Promise<{port: number, requests: string[], route: Function, close: () => Promise<void>}>}
 */
export async function startProxy() {
  const routes = new Map();
  const requests = [];

  const handle = (scheme) => async (request, response) => {
    // Through the proxy a plain request carries the absolute URL; inside the tunnel only the path.
    const url = request.url.startsWith('http') ? new URL(request.url) : new URL(request.url, `${scheme}://${request.headers.host}`);
    requests.push(url.href);
    const found = routes.get(url.hostname);
    if (!found) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no fixture for this host');
      return;
    }
    const { body, headers = {}, contentType = 'text/html; charset=utf-8', delay = 0 } = typeof found === 'function' ? await found(url) : found;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (response.destroyed) return;
    // `no-store` also keeps every page out of Firefox's back/forward cache (Back loads it again): the Back scenarios
    // run in a session of their own whose pages say `no-cache` (hostile.test.mjs firefoxSession; docs/browsers.md).
    response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers }).end(body);
  };

  const tls = createHttpsServer(selfSignedCertificate(), handle('https'));
  const proxy = createHttpServer(handle('http'));
  proxy.on('connect', (request, socket, head) => {
    socket.on('error', () => {});
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    port: proxy.address().port,
    requests,
    /** Serves `body` (a string or Buffer) for every path of `host`, or, when `body` is a function, what it returns
     *  for each URL: { body, headers?, contentType?, delay? (ms before answering) }. */
    route(host, body, headers = {}) {
      routes.set(host, typeof body === 'function' ? body : { body, headers });
    },
    async close() {
      proxy.closeAllConnections?.();
      tls.closeAllConnections?.();
      await Promise.all([new Promise((resolve) => proxy.close(resolve)), new Promise((resolve) => tls.close(resolve))]);
    },
  };
}
