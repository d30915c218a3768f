// The check of an imitated sign-in drawn in an inner frame (session 45; README threat model): a lure page that
// frames a kit's Microsoft, Zoom or Google sign-in from another host with no vendor's name in either address, or
// draws it in a frame without an address of its own (about:blank written by the page, about:srcdoc, blob:). Part of
// content/frame.js, which runs at document_start in every frame, those without an address included
// (manifest.json `match_origin_as_fallback`).
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
import { hasPasswordField, isPasswordInput, signals } from './signals.js';
import { AFTER_DOM_MS, whenIdle } from './idle.js';
import { countRestore, drawLoadId, restoreField } from './load-id.js';

/** Least time between two gathering passes of a frame: a later one waits for it (never dropped), so that a page
 *  rewriting its frame or focusing a field in a loop costs at most a pass and a message a second. */
const PASS_MS = 1000;
/** Most checks of a written document still being parsed without a password field (about 2 s of parsing). */
const RECHECKS = 10;

/**
 * The frame's address for the background: its own http(s) one, or, for a document without an address of its own
 * (about:blank, about:srcdoc: it has its creator's origin), that of the nearest enclosing frame with one; a blob:
 * document's origin. The background holds it to the browser's own report of the sender's origin (requests.js).
 * null where none can be read: a data: frame, a sandboxed one (an opaque origin), an enclosing frame of another
 * origin (README "What is not defended").
 */
export function frameAddress() {
  try {
    for (let view = window; ; view = view.parent) {
      const { protocol, href } = view.location;
      if (protocol === 'http:' || protocol === 'https:') return cut(href);
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

/** Whether this frame, at `url` (frameAddress's), is of the top page's own origin: the warning then says a part of
 *  this page, not a part from another host. By that address's origin, not `location.origin`, which is "null" for
 *  about:srcdoc (the origin of the URL, not of the document); a page that writes into an about:blank frame gives it
 *  its own address in Firefox and in Chromium (document.open). */
function ofTopOrigin(url) {
  try {
    return window.top.location.origin === new URL(url).origin;
  } catch {
    // Another origin's top: not readable.
    return false;
  }
}

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
  let asking = false;
  let warned = false;
  // Whether it had, before the latest restore from the back/forward cache (onPageShow), until the next answer.
  let restoredWarned = false;
  let passAt = -Infinity;
  let later = null;
  // A pass wanted while the last message awaits its answer: run when the answer comes (no timer polling meanwhile).
  let afterAnswer = false;

  const pass = () => {
    if (warned || guard?.warned) return;
    if (asking) {
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
    if (!url) return;
    // The frame's address, not about:srcdoc: the engine names the host the sign-in is on, and an address-less
    // frame's origin is its creator's (a vendor's own page drawing its sign-in in one stays its own).
    const gathered = { ...signals.gather({ notices: false }), url };
    const text = JSON.stringify(gathered);
    if (text === sentText) return;
    sentText = text;
    asking = true;
    load ??= drawLoadId();
    const done = (reply) => {
      asking = false;
      if (reply?.gate === 'warned') warned = true;
      if (reply?.gate) restoredWarned = false;
      // Not sent (the background being replaced, the extension updated): the same signals are sent again next time.
      if (reply === null) sentText = null;
      if (afterAnswer) {
        afterAnswer = false;
        pass();
      }
    };
    try {
      const message = {
        type: 'assess-frame',
        url,
        signals: gathered,
        load,
        ...restoreField(),
        ...(ofTopOrigin(url) ? { inline: true } : {}),
      };
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
    if (isPasswordInput(event.target)) pass();
  };
  // Back from the warning page: the document comes back from the back/forward cache with its frame, and is sent
  // again (once per document and restore, warning-gate.js). The browser's own events only, as in gate.js.
  // A frame that had sent the tab to the warning page says so in its check (`sentAway`): let through on its restore
  // ("Continue anyway" went back to the page), the background tells the top document, whose load Chromium may have
  // left hanging (gate.js hangingLoad).
  const onPageShow = (event) => {
    if (!event.isTrusted || !event.persisted || sentText === null) return;
    countRestore(event);
    restoredWarned = warned;
    sentText = null;
    warned = false;
    pass();
  };
  const listen = () => {
    // The same functions each time: adding one again while it is still there is a no-op (DOM addEventListener).
    addEventListener('focusin', onFocus, { capture: true, passive: true });
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
