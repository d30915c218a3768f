// What tools/measure-warning-time.mjs, profile-warning-time.mjs and trace-warning-time.mjs share: the lookalike
// they load (the fake Zoom sign-in of the e2e fixtures), the warning page the extension sends it to, how the
// background's service worker is stopped, and the wait for the warning.
import { EXTENSION_ID } from '../tests/e2e/browser.mjs';

export const LOOKALIKE = 'https://zoom-us.join-meeting.net/signin';
export const LOOKALIKE_PATTERN = 'https://zoom-us.join-meeting.net/**';
export const LOOKALIKE_FIXTURE = 'zoom-login-lookalike.html';
export const WARNING = `chrome-extension://${EXTENSION_ID}/pages/warning.html`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the worker through the DevTools session of the tab about to load the lookalike, once that tab exists.
 * Until session 35 the tools opened a tab of their own and closed it after the stop: the close (the background's
 * tabs.onRemoved listener) started the worker again at once, so the "stopped" rounds measured a worker started
 * ~300 ms before the page, with its wasm instantiated and only the engine's build left
 * (tools/profile-warning-time.mjs showed the worker's start 320 ms before the lookalike's navigation).
 */
export async function stopWorkers(page) {
  await sleep(300); // the new tab's own events (tabs.onUpdated) first
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await sleep(300); // Chromium reports the stop asynchronously
}

/** Waits until `page` is on the warning page (15 s at most). */
export async function untilWarning(page) {
  const deadline = Date.now() + 15_000;
  while (!page.url().startsWith(WARNING)) {
    if (Date.now() > deadline) throw new Error('no warning page within 15 s');
    await sleep(10);
  }
}
