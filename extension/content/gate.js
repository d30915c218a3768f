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
// `pageshow` (with `persisted`), counted in content/load-id.js so that the background sends the tab to the warning
// page again for it; a lookalike host is hidden as it enters the cache (`pagehide`), so that it comes back hidden,
// and shown as above once the engine has spoken again. A top document the tab was sent away from before its `load`
// ended, restored and let through (by this check, content.js's or an inner frame's: whatever sent the tab away), is
// loaded again unless the person typed in it (hangingLoad: Chromium would never end its load).
//
// The same check and hiding serve an inner frame whose own host could be a lookalike (frameCheck, from
// content/frame.js): a harmless top page that frames a lookalike's sign-in (the address bar shows the harmless host)
// is sent to the warning page too (session 44). Other frames send nothing from here.
import { ext } from '../shared/api.js';
import { cut } from '../shared/url-cut.js';
import { mayImitate } from '../shared/lookalike-prefilter.js';
import { LOAD_ID, countRestore, drawLoadId, pendingAnswers, restoreField } from './load-id.js';

const HIDE_MS = 1500;
// Filled in by tools/build-extension.mjs: { terms, official } from the engine's vendor data.
// eslint-disable-next-line no-undef
const PREFILTER = JOINGUARD_LOOKALIKE_PREFILTER;

/** Runs the early check of the tab's top document; the result's `warned` turns true once the background says the tab
 *  is being sent to the warning page, and its `heard(gate)` takes content.js's answers (through the entries).
 *  `onRestore` runs after the check of a document restored from the back/forward cache (then `warned` is that
 *  check's) unless the document is being loaded again. */
export function earlyCheck({ onRestore } = {}) {
  // Before the first report: the background asks which page load the tab's top frame shows before it writes a
  // report's record and badge for the tab (background/tab-state.js remember), so that a report of a page the tab
  // has left writes nothing back. And `let-through`: an inner frame that had sent the tab away was let through on its
  // restore (background.js assessFrameTellingTop; hangingLoad). Only the background sends these (tabs.sendMessage): the page and
  // its frames cannot reach this listener.
  let hanging = null; // set before any restore can call it
  try {
    ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender?.id !== ext.runtime.id) return false;
      if (message?.type === 'page-load') sendResponse({ load: LOAD_ID });
      else if (message?.type === 'let-through') hanging?.frameLetThrough();
      return false;
    });
  } catch {
    // No listener (an extension reloading): the background then writes none of this page's reports.
  }
  const result = guard('assess-page', {
    load: LOAD_ID,
    // Kept hidden after a restore while content.js (onRestore) asks about its signals, if this check had sent it away.
    keepHidden: Boolean(onRestore),
    onRestore: (answer, warned) => hanging.restored(answer, warned),
  });
  hanging = hangingLoad(result, onRestore);
  result.heard = hanging.heard;
  return result;
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
 *  again for a document restored from the back/forward cache; `load`: the document's id (load-id.js);
 *  `onRestore(answer, warned)` after that check: its answer, and whether this document had sent the tab to the
 *  warning page before; `keepHidden`: a restored document that had is kept hidden after an answer other than
 *  `warned` too (HIDE_MS at most), while onRestore asks more. */
function guard(type, { load, onRestore, keepHidden = false }) {
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

  // An inner frame's check whose answer never came: Chromium closes the message channel of a page entering its
  // back/forward cache, and the background's 'warned' is lost when the warning page commits first (hangingLoad). With
  // the reply held back past the commit (a scratch build, session 47) the check's promise never settled in Chromium:
  // neither answer nor rejection, before the restore or after it. Such a frame may have sent the tab away, and says
  // `sentAway` on its restore (the background lets the top document through only on `allowed`, which only an
  // imitation the person continued past in this tab gets): `lost`, a check still unanswered as the page went into the
  // cache, or one that failed. `pending`: the checks awaiting their answer; those still unanswered as the page goes
  // into the cache are given up there (the restore sends its own; load-id.js pendingAnswers, frame-signin.js's
  // moment too since session 48).
  let lost = false;
  const pending = pendingAnswers();
  // Resolves to the background's answer (`gate`), null when there is none; `hidden`: left hidden unless `warned`;
  // `sentAway`: an inner frame's document restored after it had sent the tab away (hangingLoad: the background then
  // tells the top document when it lets this one through).
  const check = ({ hidden = false, sentAway = false } = {}) => {
    try {
      const answer = ext.runtime.sendMessage({ type, url: cut(location.href), load, ...restoreField(), ...(sentAway ? { sentAway } : {}) });
      const asked = pending.sent();
      return answer.then(
        (reply) => {
          // Given up as the page went into the cache since it was sent: the restore's own check decides (a late
          // 'warned' is no warning of this restore, a late answer other than that no leave to show it before its
          // own; frame-signin.js's rule).
          if (!pending.answered(asked)) return reply?.gate ?? null;
          if (reply?.gate === 'warned') result.warned = true;
          else if (!hidden) show();
          return reply?.gate ?? null;
        },
        () => {
          // Failed (the channel closed, the extension reloading). Given up as the page went into the cache: the
          // restore's own check decides, as above.
          if (!pending.answered(asked)) return null;
          lost = true;
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
  check();

  // The browser's own events only: the page's scripts can dispatch a `pageshow` with `persisted` of their own,
  // and each would send the background another check (a flood of them, work for every tab's verdicts).
  addEventListener('pagehide', (event) => {
    if (!event.isTrusted || !event.persisted) return;
    if (pending.giveUp()) lost = true;
    hide({ timeout: false, warned: result.warned });
  });
  addEventListener('pageshow', (event) => {
    if (!event.isTrusted || !event.persisted) return;
    const warned = result.warned;
    const sentAway = (warned || lost) && type === 'assess-frame';
    countRestore(event);
    lost = false;
    result.warned = false;
    hide({ warned });
    check({ hidden: warned && keepHidden, sentAway }).then((answer) => onRestore?.(answer, warned));
  });
  return result;
}

/**
 * Loads the tab's top document again when it was sent to the warning page before its `load` ended and is now let
 * through: Chromium keeps such a page in its back/forward cache and fires no `load` in it once restored (Back from
 * the warning page, or "Continue anyway", whose `history.back()` goes back to a page that framed the part warned
 * about), so it would stay `interactive` for good, its load handlers never run (session 45: 6 of 16 runs of the Back
 * scenario; whatwg/html#12918, web-platform-tests/wpt#62561; remove once Chromium fires `load` after such a
 * restore, or no longer caches a page before its `load`). Only a document that entered the cache before its load
 * ended (pagehide) and is still not complete: one that completed, which the person may have used, is never loaded
 * again; nor one the person typed or chose something in (a trusted `input` or `change` reached the top document, a
 * frame's excluded: the load again would lose it; review of session 46, finding 2). Only once the check that sent
 * the tab away lets it through on the restore (`allowed`: the tab's allowance): this one's (restored, its `answer`),
 * content.js's (heard), or an inner frame's (frameLetThrough: the background's `let-through`, sent when it answers
 * `allowed` to a restored frame's check that says the frame had sent the tab away, background.js assessFrameTellingTop; never a
 * frame's own message, which any frame of the page, an ad's, could post: review of session 46, finding 1), and never
 * while the tab is being sent to the warning page (`warned`), so that an imitation that was not continued is never
 * loaded again unwarned. Where the top document had sent the tab away itself, only its own checks' `allowed` counts
 * (a frame's does not let the top's imitation through); its own check's `allowed` counts even where it never heard
 * that it had sent the tab away (the reply can be lost: `restored`). The top document's load covers its frames, those without
 * an address of their own (srcdoc, about:blank written by the page) included, which could not be loaded again by
 * themselves.
 */
function hangingLoad(result, onRestore) {
  let enteredLoading = false; // entered the back/forward cache before its load ended
  let sentAway = false; // this document's own checks had sent the tab away before the latest restore
  let answered = false; // the latest restore's check has answered, not `warned`
  let framePassed = false; // a frame that had sent the tab away was let through since the latest restore
  let used = false; // the person typed or chose something in the document
  const loadIfHanging = () => {
    if (!enteredLoading || used || document.readyState === 'complete' || result.warned) return false;
    enteredLoading = false;
    loadAgain();
    return true;
  };
  // From document_start, in the capture phase (a page's handler cannot stop it first); removed once heard.
  const USES = ['input', 'change'];
  const onUse = (event) => {
    if (!event.isTrusted) return;
    used = true;
    for (const type of USES) removeEventListener(type, onUse, true);
  };
  for (const type of USES) addEventListener(type, onUse, { capture: true, passive: true });
  addEventListener('pagehide', (event) => {
    if (!event.isTrusted || !event.persisted) return;
    enteredLoading = document.readyState !== 'complete';
    answered = false;
    framePassed = false;
  });
  return {
    // `warned` can be false for a document that did send the tab away: Chromium closes the message channel of a page
    // going into its back/forward cache ("The page keeping the extension port is moved into back/forward cache, so
    // the message channel is closed"), so the background's 'warned' reply is lost when the warning page commits
    // first (session 46's integration: continue-loads' top pages, 1 run in 3). An `allowed` answer to the page's own
    // check says it as well: only an imitation the person continued past is answered so.
    restored(answer, warned) {
      sentAway = warned || answer === 'allowed';
      answered = answer !== 'warned';
      if (answered && (sentAway ? answer === 'allowed' : framePassed) && loadIfHanging()) return;
      onRestore?.();
    },
    heard(answer) {
      if (answer === 'warned') result.warned = true;
      else if (answer === 'allowed') {
        // content.js's own check: as `restored`'s, whether or not its 'warned' reply had come back.
        sentAway = true;
        loadIfHanging();
      }
    },
    frameLetThrough() {
      framePassed = true;
      if (answered && !sentAway) loadIfHanging();
    },
  };
}

/** A GET of the address, not `location.reload()`: Chromium does not cache a page reached by POST (it checks the top
 *  document's method only: a frame's form may have been), and a reload could send a form again; the frames load as
 *  the page draws them. Without the `#fragment`: the same address with one is a jump within the document, no load
 *  (the fragment is lost). */
function loadAgain() {
  location.replace(location.href.split('#')[0]);
}
