// The background: runs the Rust engine (wasm) for the content scripts and the popup.
// Chromium runs it as a module service worker, Firefox as an event page (see tools/build-extension.mjs).
import init, * as engine from './pkg/joinguard_wasm.js';
import { ext } from './api.js';
import { parseRequest } from './requests.js';
import { showBadge } from './badge.js';
import { remember, recall, forget } from './tab-state.js';

// Start loading the engine now, await it in the handlers. A top-level `await init()` made Chromium's
// module service worker fail to start (research/tech.md §1.3), and listeners must be registered
// synchronously on the first turn so that events which woke the worker are delivered.
const ready = init();
ready.catch((error) => console.error('joinguard: the engine failed to load', error));

// Organisation policy and custom vendors come later (managed storage, options page); defaults for now.
const settings = undefined;

async function assessPage({ tabId, url }) {
  await ready;
  const assessment = engine.assessUrl(url, settings);
  await Promise.all([remember(tabId, assessment), showBadge(tabId, assessment)]);
  return { assessment };
}

async function tabAssessment({ tabId }) {
  await ready;
  const assessment = await recall(tabId);
  const vendor = assessment?.vendor ?? assessment?.lookalike_of ?? null;
  // vendorCard arrived after the first facade version: feature-detect it.
  const card = vendor && typeof engine.vendorCard === 'function' ? engine.vendorCard(vendor) : null;
  return { assessment, card, dataVersion: engine.dataVersion() };
}

const handlers = { 'assess-page': assessPage, 'tab-assessment': tabAssessment };

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const request = parseRequest(message, sender, { id: ext.runtime.id, baseUrl: ext.runtime.getURL('') });
  if (!request) return false;
  handlers[request.type](request).then(sendResponse, (error) => {
    sendResponse({ error: String(error?.message ?? error) });
  });
  // Answer asynchronously through sendResponse: understood by Chromium and Firefox alike
  // (returning a promise from the listener is only supported by Chromium 148+).
  return true;
});

ext.tabs.onRemoved.addListener((tabId) => {
  forget(tabId).catch(() => {});
});
