// The top-frame content script of every http(s) page but the vendors' meeting pages (manifest.json: the same
// patterns in `exclude_matches` as content/meeting-page.js's `matches`, so that a page gets exactly one of the
// two), injected at document_start: gate.js's early check at once, content.js's page assessment at
// document_idle (idle.js) unless the tab is being sent to the warning page.
import { earlyCheck } from './gate.js';
import { watchPage } from './content.js';
import { whenIdle } from './idle.js';

const gate = earlyCheck();
whenIdle(() => {
  if (!gate.warned) watchPage();
});
