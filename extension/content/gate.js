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
// page blank). Other pages are not touched at all. What the banner needs comes later from content.js, which
// top-frame.js starts at document_idle, and not at all once this check has heard that the tab is being sent to the
// warning page (the page is going away).
//
// A document the browser restores from its back/forward cache (Back from the warning page) is checked again on its
// `pageshow` (with `persisted`), counted in content/load-id.js so that the background sends the tab to the
// warning page again for it; a lookalike host is hidden as it enters the cache (`pagehide`), so that it comes back
// hidden, and shown as above once the engine has spoken again. Such a document, let through after this check sent
// the tab away before its `load` ended, is loaded again (loadAgain: Chromium would never end its load); not one sent
// away by a sign-in's signals (content.js, frame-signin.js), which this address check does not see (open).
//
// The same check and hiding serve an inner frame whose own host could be a lookalike (frameCheck, from
// content/frame.js): a harmless top page that frames a lookalike's sign-in (the address bar shows the harmless host)
// is sent to the warning page too (session 44). Other frames send nothing from here.
import { ext } from '../shared/api.js';
import { cut } from '../shared/url-cut.js';
import { mayImitate } from '../shared/lookalike-prefilter.js';
import { LOAD_ID, countRestore, drawLoadId, restoreField } from './load-id.js';

const HIDE_MS = 1500;
// Filled in by tools/build-extension.mjs: { terms, official } from the engine's vendor data.
// eslint-disable-next-line no-undef
const PREFILTER = JOINGUARD_LOOKALIKE_PREFILTER;

/** Runs the early check of the tab's top document; the result's `warned` turns true once the background says the tab
 *  is being sent to the warning page (content.js's answers set it too, through the entries). `onRestore` runs after
 *  the check of a document restored from the back/forward cache (then `warned` is that check's). */
export function earlyCheck({ onRestore } = {}) {
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
  return guard('assess-page', { load: LOAD_ID, onRestore });
}

/** The same check for an inner frame's document (content/frame.js, every frame at document_start), and only where
 *  its own host could be a lookalike: any other frame (an ad, a widget, a vendor's own player) costs this test of
 *  its host and nothing more, no message from here (an imitated sign-in in it is content/frame-signin.js's). The
 *  background answers `lookalike-domain` by sending the tab to the warning page (background.js assessFrame). A top
 *  document returns at once: earlyCheck has it. Returns null, or the result (`warned`) with the document's `load`. */
export function frameCheck() {
  try {
    if (window.top === window || !mayImitate(location, PREFILTER)) return null;
  } catch {
    return null;
  }
  const load = drawLoadId();
  // The load id kept with the result: content/frame-signin.js sends its signals under the same one.
  return Object.assign(guard('assess-frame', { load }), { load });
}

/** Hides a document whose host could be a lookalike until the background has answered `type` about it, and asks
 *  again for a document restored from the back/forward cache; `load`: the document's id (load-id.js), `onRestore`
 *  as for earlyCheck. */
function guard(type, { load, onRestore }) {
  const result = { warned: false };
  let hiding = null;
  let timer = null;
  const show = () => {
    clearTimeout(timer);
    hiding?.remove();
    hiding = null;
  };
  // `timeout`: shown anyway after HIDE_MS. None as the page enters the back/forward cache: its timers run on
  // when it comes back, and one overdue then would show it at once. `warned`: a document this tab was sent away
  // from is hidden whatever its host (an imitated sign-in is found in the page, not in its address).
  const hide = ({ timeout = true, warned = false } = {}) => {
    try {
      if (!warned && !mayImitate(location, PREFILTER)) return;
      if (!hiding) {
        hiding = document.createElement('style');
        // Text before insertion: Firefox then applies the content script's CSP, not the page's (bug 1706787).
        hiding.textContent = 'html { visibility: hidden !important; }';
        document.documentElement.append(hiding);
      }
      clearTimeout(timer);
      if (timeout) timer = setTimeout(show, HIDE_MS);
    } catch {
      show();
    }
  };
  hide();

  // `keepHidden`: a restored document the tab was sent away from stays hidden while content.js asks about its
  // signals (onRestore), until HIDE_MS at most: its address alone may be clean. Resolves to the background's answer
  // (`gate`), null when there is none.
  let sentAwayFirst = false; // by this document's first check, at its start: before the person could use it
  const check = ({ keepHidden = false, first = false } = {}) => {
    try {
      return ext.runtime.sendMessage({ type, url: cut(location.href), load, ...restoreField() }).then(
        (reply) => {
          if (reply?.gate === 'warned') {
            result.warned = true;
            sentAwayFirst ||= first;
          } else if (!keepHidden) show();
          return reply?.gate ?? null;
        },
        () => {
          show();
          return null;
        },
      );
    } catch {
      // No early check (an extension reloading): for a top document, content.js still asks at document_idle.
      show();
      return Promise.resolve(null);
    }
  };
  check({ first: true });

  // The browser's own events only: the page's scripts can dispatch a `pageshow` with `persisted` of their own,
  // and each would send the background another check (a flood of them, work for every tab's verdicts).
  addEventListener('pagehide', (event) => {
    if (event.isTrusted && event.persisted) hide({ timeout: false, warned: result.warned });
  });
  addEventListener('pageshow', (event) => {
    if (!event.isTrusted || !event.persisted) return;
    const warned = result.warned;
    countRestore();
    result.warned = false;
    hide({ warned });
    check({ keepHidden: warned && Boolean(onRestore) }).then((answer) => {
      const frameSentAway = type === 'assess-frame' && sentAwayFirst;
      if (warned && answer === 'allowed' && (frameSentAway || document.readyState !== 'complete')) loadAgain();
      else onRestore?.();
    });
  });
  return result;
}

/** Loads the document again, for one that was sent to the warning page and is now let through ("Continue anyway"
 *  goes back to it): Chromium may have cached it before its `load` ended and fires none once it is restored, so it
 *  (or, for a frame, its top page) would stay `interactive` for good (session 45: 6 of 16 runs of the Back
 *  scenario; whatwg/html#12918, web-platform-tests/wpt#62561; remove once Chromium fires `load` after such a
 *  restore, or no longer caches a page before its `load`). Only on the background's `allowed` (the tab's allowance
 *  let it through): any other answer leaves it to onRestore, which keeps an imitated sign-in hidden and warns
 *  again. A top document only when its own load had not ended; a frame also when its first check, at its start,
 *  sent the tab away (the load left hanging may be its top page's, which a cross-origin frame cannot read; loading
 *  the frame again completed it): sent away at its start, it was hidden until the tab left (HIDE_MS at most), so the
 *  person had little to do in it, unlike a frame used after an allowance and sent away by a later restore. A GET
 *  navigation, not `location.reload()`: Chromium caches a page whose frame was reached by POST (it checks the main
 *  document's method only), and a reload would send that form again. Without the `#fragment`: the same address
 *  with one is a jump within the document, no load (the fragment is lost). */
function loadAgain() {
  location.replace(location.href.split('#')[0]);
}
