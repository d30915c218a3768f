// An id of this page load, drawn once per document by the top-frame content script (gate.js, content.js and
// recording.js are one bundle: content/page.js or content/meeting-page.js) and sent with its messages about the
// page (`load`). Chromium tells the background which document sent a message (MessageSender.documentId). Firefox
// does from 153 only (Firefox bug 1891478; Rob Wu listed the APIs in w3c/webextensions#890, 2026-06-12), and the
// manifest accepts Firefox from 140, so this id stays until the minimum is 153. Where the browser names no
// document the background could not tell a reload, or a new page whose messages crossed the old one's, from the
// page before (background/tab-state.js: what recording.js was answered; warning-gate.js: one verdict per
// document). The background takes the browser's id where there is one. The page cannot read it (the content
// script's world). gate.js also answers the background's question which load the tab's top frame shows with it
// (background/shown-load.js askShownLoad): a report is written for the tab only while its load is the one shown
// (background/tab-state.js remember). The browser's document id cannot be asked that without the webNavigation
// permission, so this id serves in Chromium too.
// getRandomValues, not randomUUID: http pages are no secure context, and randomUUID is missing there.
/** A new page load's id: 16 random bytes in hex. content/frame.js draws one only for a frame it checks (gate.js). */
export function drawLoadId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
// Pure for the bundler: frame.js's bundle, which does not use it, leaves it out (1.6 ms of CPU a load of 20
// ordinary frames in Firefox, session 44, docs/speed.md).
export const LOAD_ID = /* @__PURE__ */ drawLoadId();

// How many times this document has come back from the back/forward cache (a `pageshow` with `persisted`, counted
// by gate.js and, in an inner frame, frame-signin.js), sent with the messages about the page as `restore` once it is
// not 0. A restored document keeps its load id (and Chromium its documentId), and the background sends a tab to the
// warning page once per document (warning-gate.js): without the count, Back from the warning page showed the
// imitation again, unwarned.
let restores = 0;
let counted = null;
/** On a `pageshow` with `persisted`, from each listener that hears it: counted once, by whichever hears it first.
 *  Both of a frame's listen (gate.js's and frame-signin.js's), and a page that rewrites the frame (document.open)
 *  erases gate.js's, which frame-signin.js alone adds again (session 45's integration review: the restore was not
 *  counted, and Back showed the kit unwarned). Both are in one bundle (content/frame.js), one world: the same event
 *  object reaches both (exact, where a `timeStamp` is rounded; review of session 46, finding 4). */
export function countRestore(event) {
  if (event === counted) return;
  counted = event;
  restores += 1;
}
/** The `restore` field of a message about the page: none before the first restore. */
export const restoreField = () => (restores > 0 ? { restore: restores } : {});

/** The messages about a document still awaiting their answers, and the one rule for those given up as it goes into
 *  the back/forward cache (`pagehide` with `persisted`, in gate.js and frame-signin.js alike: gate.js gave up at the
 *  restore's `pageshow` until session 48): Chromium closes the message channel of a page entering its cache, and
 *  such an answer may never come, or come late; late, it changes nothing (the restore sends its own message).
 *  `sent()` before sending: the message's token; `answered(token)` when its answer or failure comes: whether it
 *  still counts; `waiting()`: whether any awaits its answer; `giveUp()`: none counts any more, and whether any was
 *  waiting (review of ci47, findings 1 and 3). */
export function pendingAnswers() {
  const pending = new Set();
  return {
    sent() {
      const token = {};
      pending.add(token);
      return token;
    },
    answered: (token) => pending.delete(token),
    waiting: () => pending.size > 0,
    giveUp() {
      const any = pending.size > 0;
      pending.clear();
      return any;
    },
  };
}
