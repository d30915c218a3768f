// The early check: the first thing the top-frame content script does (its entries content/page.js and
// content/meeting-page.js run at document_start on every http(s) page). Sends the page's address to the
// background the moment the document starts, before the page's own scripts have run, so that a lookalike or an
// imitated sign-in is sent to the warning page (pages/warning.html) as soon as the engine has spoken, instead of
// at document_idle (after the page has loaded, painted and taken input). The address is cut to the engine's cap
// (shared/url-cut.js): a long one cannot make the background refuse the message.
//
// On a host that could be a lookalike (shared/lookalike-prefilter.js, built from the engine's data), the page
// is also kept hidden (`visibility: hidden`: nothing painted, nothing to click or focus) until the engine has
// spoken: shown again at once when it clears the page, left hidden when the tab is being sent to the warning
// page, and shown anyway after HIDE_MS whatever happens (fail open: a slow or absent answer never leaves a
// page blank). Other pages are not touched at all. What the banner needs comes later from content.js, which the
// entry starts at document_idle, and not at all once this check has heard that the tab is being sent to the
// warning page (the page is going away).
import { ext } from '../shared/api.js';
import { cut } from '../shared/url-cut.js';
import { mayImitate } from '../shared/lookalike-prefilter.js';
import { LOAD_ID } from './load-id.js';

const HIDE_MS = 1500;
// Filled in by tools/build-extension.mjs: { terms, official } from the engine's vendor data.
// eslint-disable-next-line no-undef
const PREFILTER = JOINGUARD_LOOKALIKE_PREFILTER;

/** Runs the early check; the result's `warned` turns true once the background says the tab is being sent to
 *  the warning page. */
export function earlyCheck() {
  const result = { warned: false };
  let hiding = null;
  const show = () => {
    hiding?.remove();
    hiding = null;
  };

  try {
    if (mayImitate(location, PREFILTER)) {
      hiding = document.createElement('style');
      // Text before insertion: Firefox then applies the content script's CSP, not the page's (bug 1706787).
      hiding.textContent = 'html { visibility: hidden !important; }';
      document.documentElement.append(hiding);
      setTimeout(show, HIDE_MS);
    }
  } catch {
    show();
  }

  // Before the first report: the background asks which page load the tab's top frame shows before it writes a
  // report's record and badge for the tab (background/tab-state.js remember), so that a report of a page the tab
  // has left writes nothing back. Only the background asks (tabs.sendMessage): the page cannot reach it.
  try {
    ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (message?.type !== 'page-load' || sender?.id !== ext.runtime.id) return false;
      sendResponse({ load: LOAD_ID });
      return false;
    });
  } catch {
    // No listener (an extension reloading): the background then writes none of this page's reports.
  }

  try {
    ext.runtime.sendMessage({ type: 'assess-page', url: cut(location.href), load: LOAD_ID }).then((reply) => {
      if (reply?.gate === 'warned') result.warned = true;
      else show();
    }, show);
  } catch {
    // No early check (an extension reloading): content.js still asks at document_idle.
    show();
  }
  return result;
}
