// The top-frame content script of every http(s) page but the vendors' meeting pages (manifest.json: its
// `exclude_matches` and content/meeting-page.js's `matches` name the one list `match_lists.meeting_hosts`, so
// that a page gets exactly one of the two), injected at document_start: gate.js's early check at once,
// content.js's page assessment at document_idle (idle.js) unless the tab is being sent to the warning page.
import { earlyCheck } from './gate.js';
import { watchPage } from './content.js';
import { whenIdle } from './idle.js';

// A document back from the back/forward cache: after gate.js's check of it, content.js starts over (or starts,
// where the early check had sent the tab away), unless the tab is being sent to the warning page again.
let page = null;
const watch = () => watchPage({ onWarned: () => (gate.warned = true) });
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
