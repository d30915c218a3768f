// The check of an imitated sign-in drawn in an inner frame (session 45; README threat model): a lure page that
// frames a kit's Microsoft, Zoom or Google sign-in from another host with no vendor's name in either address, or
// draws it in a frame without an address of its own (about:blank written by the page, about:srcdoc, blob:), or in a
// frame with an opaque origin (a sandboxed frame; a data: frame, a sandboxed srcdoc or blob: session 46). Part of
// content/frame.js, which runs at document_start in every frame, those without an address or with an opaque origin
// included (manifest.json `match_origin_as_fallback`; docs/browsers.md).
//
// Bounded as the ordinary frame needs: an ad's or a widget's frame costs one password-field query at document_idle
// (idle.js), a few listeners and an observer of the document node's own children (not of the page's content), no
// message; signals.js is not even built there (built on first use). Only a frame where that query finds a field
// gathers its signals (signals.js, the top frame's own module, without the walk over text nodes for notices) and
// sends them with `assess-frame`; the background acts on `phishing-login` as for a top page (background.js
// assessFrame). A form drawn after document_idle is looked at when the person focuses its password field (as
// content.js's onPasswordFocus does for the top document: the person cannot type a password without focusing it);
// a document written into the frame after its load (document.open) is checked again shortly after its root is
// replaced (signInCheck's observer and timer), whether or not the page ever closes it, and again while it is parsed.
// At most one pass a second (PASS_MS), sent only when the signals changed.
import { ext } from '../shared/api.js';
import { cut } from '../shared/url-cut.js';
import { focusedPasswordField, hasPasswordField, signals } from './signals.js';
import { AFTER_DOM_MS, whenIdle } from './idle.js';
import { countRestore, drawLoadId, pendingAnswers, restoreField } from './load-id.js';

/** Least time between two gathering passes of a frame: a later one waits for it (never dropped), so that a page
 *  rewriting its frame or focusing a field in a loop costs at most a pass and a message a second. */
const PASS_MS = 1000;
/** Most checks of a written document still being parsed without a password field (about 2 s of parsing). */
const RECHECKS = 10;

/**
 * The frame's address for the background: its own http(s) one (a sandboxed frame's too: its origin is opaque, its
 * address its own), or, for a document without an address of its own (about:blank, about:srcdoc: it has its
 * creator's origin), that of the nearest enclosing frame with one; a blob: document's origin. The background holds
 * it to the browser's own report of the sender's origin (requests.js). null where none can be read: a document with
 * an opaque origin and no http(s) address of its own (a data: frame, a sandboxed srcdoc, about:blank or blob:, whose
 * blob: URL still names its creator's origin, and an about:blank inside a sandboxed frame, which can read that
 * frame's address: each an opaque part, sent without one), an enclosing frame of another origin (README "What is
 * not defended").
 */
export function frameAddress() {
  try {
    for (let view = window; ; view = view.parent) {
      const { protocol, href } = view.location;
      if (protocol === 'http:' || protocol === 'https:') return cut(href);
      // Any other address read here (a blob: URL names its creator's origin; an about:blank in a sandboxed frame reads
      // that frame's) would be held to the origin the browser reports, "null", and refused (review of session 46).
      if (opaquePart()) return null;
      if (protocol === 'blob:') {
        const { origin } = new URL(href);
        return /^https?:/.test(origin) ? `${origin}/` : null;
      }
      if (protocol !== 'about:' || view === view.parent) return null;
    }
  } catch {
    // An enclosing frame of another origin: its address cannot be read.
    return null;
  }
}

/** Whether this document is a part with an opaque origin and no address of its own (frameAddress null): a data:
 *  frame, a sandboxed srcdoc, about:blank or blob: (session 46). Its signals go without an address; the background, which
 *  holds this to the browser's report (`sender.origin` "null", `sender.url` not http(s)), judges them at no
 *  address and names the part one of the tab's page. `self.origin` is the document's origin ("null" when opaque),
 *  read in the content script's world, where the page cannot redefine it; `location.origin` is its URL's. */
const opaquePart = () => self.origin === 'null';

/**
 * Starts the check in an inner frame; does nothing in the top document (content.js has it). `guard`: gate.js
 * frameCheck's result when it watches this document too (a host that could be a lookalike): its load id is
 * shared and its `warned` read.
 */
export function signInCheck(guard = null) {
  try {
    if (window.top === window) return;
  } catch {
    return;
  }
  let load = guard?.load ?? null;
  let sentText = null;
  let warned = false;
  // Whether it had, before the latest restore from the back/forward cache (onPageShow), until the next answer.
  let restoredWarned = false;
  // The answer to a message never came: Chromium closes the message channel of a page entering its back/forward cache,
  // and the background's 'warned' is lost when the warning page commits first (gate.js hangingLoad; with the reply held
  // back past the commit, session 47's scratch build, the message's promise never settled: it stayed awaited, and
  // the restore sent nothing, so Back showed the kit unwarned). Such a frame may have sent the tab away: a message
  // still unanswered as the page goes into the cache is given up (its answer, should it come, changes nothing;
  // load-id.js pendingAnswers, gate.js's rule), and on its restore the frame checks again and says `sentAway` (the
  // background lets the top document through only on `allowed`, which only an imitation the person continued past in
  // this tab gets); so does a message that failed.
  let lost = false;
  const pending = pendingAnswers();
  let passAt = -Infinity;
  let later = null;
  // A pass wanted while the last message awaits its answer: run when the answer comes (no timer polling meanwhile).
  let afterAnswer = false;

  const pass = () => {
    if (warned || guard?.warned) return;
    if (pending.waiting()) {
      afterAnswer = true;
      return;
    }
    const wait = passAt + PASS_MS - performance.now();
    if (wait > 0) {
      // One pass after the wait, with what the frame shows then.
      if (later === null) {
        later = setTimeout(() => {
          later = null;
          pass();
        }, wait);
      }
      return;
    }
    passAt = performance.now();
    const url = frameAddress();
    if (!url && !opaquePart()) return;
    // The frame's address, not about:srcdoc: the engine names the host the sign-in is on, and an address-less
    // frame's origin is its creator's (a vendor's own page drawing its sign-in in one stays its own). An opaque part
    // has none: '' (no host, never a vendor's own; requests.js).
    const gathered = { ...signals.gather({ notices: false }), url: url ?? '' };
    const text = JSON.stringify(gathered);
    if (text === sentText) return;
    sentText = text;
    load ??= drawLoadId();
    const mine = pending.sent();
    const done = (reply) => {
      if (!pending.answered(mine)) return; // given up as the page went into the cache
      if (reply?.gate === 'warned') warned = true;
      if (reply?.gate) restoredWarned = lost = false;
      if (reply === null) lost = true;
      // Not sent (the background being replaced, the extension updated): the same signals are sent again next time.
      if (reply === null) sentText = null;
      if (afterAnswer) {
        afterAnswer = false;
        pass();
      }
    };
    try {
      // Whether the part is of the top page's origin the background tells from the tab's address (requests.js).
      const message = { type: 'assess-frame', ...(url ? { url } : {}), signals: gathered, load, ...restoreField() };
      // `sentAway`: the background then tells the top document when it lets this one through (gate.js hangingLoad).
      ext.runtime.sendMessage(restoredWarned ? { ...message, sentAway: true } : message).then(done, () => done(null));
    } catch {
      // No background (an extension reloading): nothing to do.
      done(null);
    }
  };

  const idleCheck = () => {
    if (hasPasswordField()) pass();
  };
  const onFocus = (event) => {
    if (focusedPasswordField(event)) pass();
  };
  // Back from the warning page: the document comes back from the back/forward cache with its frame, and is sent
  // again (once per document and restore, warning-gate.js). The browser's own events only, as in gate.js.
  // A frame that had sent the tab to the warning page says so in its check (`sentAway`): let through on its restore
  // ("Continue anyway" went back to the page), the background tells the top document, whose load Chromium may have
  // left hanging (gate.js hangingLoad).
  const onPageHide = (event) => {
    if (!event.isTrusted || !event.persisted || !pending.giveUp()) return;
    afterAnswer = false; // the restore's pass checks what the frame shows then
    lost = true;
  };
  const onPageShow = (event) => {
    if (!event.isTrusted || !event.persisted || (sentText === null && !lost)) return;
    countRestore(event);
    restoredWarned = warned || lost;
    lost = false;
    sentText = null;
    warned = false;
    pass();
  };
  const listen = () => {
    // The same functions each time: adding one again while it is still there is a no-op (DOM addEventListener).
    addEventListener('focusin', onFocus, { capture: true, passive: true });
    addEventListener('pagehide', onPageHide);
    addEventListener('pageshow', onPageShow);
  };
  listen();
  whenIdle(idleCheck);
  // A page that writes its sign-in into a frame after the load (document.open and write on an about:blank frame
  // whose document this script already runs in) erases the document's and the window's listeners, this script's
  // too (HTML's document open steps), and the document reaches no new document_idle of the browser's, nor even its
  // own DOMContentLoaded while the page leaves it open (no document.close()): a new root element listens again and
  // is checked AFTER_DOM_MS later (idle.js's wait after the DOM is complete) by a timer, which document.open does not
  // erase. While the written document is still being parsed and shows no password field (its form after a slow
  // `<script src>` in its head, which blocks the parser), the check is made again every AFTER_DOM_MS, RECHECKS
  // checks in all. The observer sees the document node's own children only (not the page's content: no work while
  // the page draws), acts only on a root element it has not seen, and keeps one check pending at a time: a page
  // churning nodes on `document`, or replacing its root in a loop, costs at most one password-field query per
  // AFTER_DOM_MS (and a pass a second, PASS_MS).
  let root = document.documentElement;
  let recheck = null;
  let rechecks = 0;
  const schedule = () => {
    recheck ??= setTimeout(() => {
      recheck = null;
      if (hasPasswordField()) pass();
      else if (document.readyState === 'loading' && ++rechecks < RECHECKS) schedule();
    }, AFTER_DOM_MS);
  };
  new MutationObserver(() => {
    const now = document.documentElement;
    if (now === null || now === root) return;
    root = now;
    rechecks = 0;
    listen();
    schedule();
  }).observe(document, { childList: true });
}
