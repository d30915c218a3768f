// When the browser would run a `document_idle` content script, for the part of the top-frame content script
// that waits for it (content.js) in an entry injected at document_start (content/page.js,
// content/meeting-page.js), so that the early check and the page assessment are one manifest entry and one file
// (each entry and each file costs the browser work of its own on every page: README "Architecture").
//
// Chromium runs an idle script at whichever comes first: the load event, or 200 ms after the DOM is complete
// (extensions/renderer/script_injection_manager.cc, kScriptIdleTimeoutInMs = 200, "the length of time to wait
// after the DOM is complete"; read in public copies of Chromium's source, 4 Dec 2026, not in 156's own);
// Firefox at readyState 'complete' (MDN extensionTypes.RunAt; toolkit/components/extensions/test/xpcshell/
// test_ext_contentscript.js expects 'complete'). Chromium's rule is used in both: never before the DOM is
// complete, never later than the load event.
//
// Hostile pages: the listeners are added on `window` in the capture phase at document_start, before any of the
// page's scripts run, so they are the first the events reach: a page stopping DOMContentLoaded or load in its
// own listeners cannot keep the assessment from starting.
/** Chromium's wait after the DOM is complete; also frame-signin.js's after a document written into a frame. */
export const AFTER_DOM_MS = 200;

/** Calls `start` once, at document_idle. */
export function whenIdle(start) {
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    try {
      start();
    } catch {
      // Nothing here may break the page.
    }
  };
  const state = document.readyState;
  if (state === 'complete') {
    setTimeout(run, 0);
    return;
  }
  addEventListener('load', () => setTimeout(run, 0), { capture: true, once: true });
  if (state === 'interactive') setTimeout(run, AFTER_DOM_MS);
  else addEventListener('DOMContentLoaded', () => setTimeout(run, AFTER_DOM_MS), { capture: true, once: true });
}
