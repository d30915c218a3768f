// What both top-frame entries (content/page.js, content/meeting-page.js) start at document_start: gate.js's early
// check at once, content.js's page assessment at document_idle (idle.js) unless the tab is being sent to the
// warning page. A document back from the back/forward cache (Back from the warning page, for one): after
// gate.js's check of it, content.js starts over (or starts, where the early check had sent the tab away), unless
// the tab is being sent to the warning page again.
import { earlyCheck } from './gate.js';
import { listenForPasswordFocus, watchPage } from './content.js';
import { whenIdle } from './idle.js';
import { noteTypingEarly } from './credentials-watch.js';

/** @returns {{recordingWarned: () => void}} for recording.js (content.js watchPage) */
export function startTopFrame() {
  let page = null;
  listenForPasswordFocus();
  noteTypingEarly();
  const watch = () => watchPage({ onGate: (answer) => gate.heard(answer) });
  const gate = earlyCheck({
    onRestore: () => {
      if (gate.warned) return;
      if (page) page.restored();
      else page = watch();
    },
  });
  whenIdle(() => {
    if (!gate.warned && !page) page = watch();
  });
  return { recordingWarned: () => page?.recordingWarned() };
}
