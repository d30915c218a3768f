// A notice in the overlay for the meeting-page scripts (media-watch.js, recording.js): overlay.js's addNotice,
// an item in the banner or a small banner of its own. The overlay belongs to the top-frame content script
// (content.js), injected at document_idle, after these document_start scripts, and handed over through
// `globalThis.joinguardOverlay` in the isolated world they share: wait for it.
const OVERLAY_WAIT_MS = 10_000;

/** @param {{severity: string, title: string, text: string}} notice localised text, shown as text only */
export function addNotice(notice) {
  const started = Date.now();
  const attempt = () => {
    const overlay = globalThis.joinguardOverlay;
    if (typeof overlay?.addNotice !== 'function') {
      if (Date.now() - started < OVERLAY_WAIT_MS) setTimeout(attempt, 100);
      return;
    }
    try {
      overlay.addNotice(notice);
    } catch {
      // The page stays as it is.
    }
  };
  attempt();
}
