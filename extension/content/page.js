// The top-frame content script of every http(s) page but the vendors' meeting pages (manifest.json: its
// `exclude_matches` and content/meeting-page.js's `matches` name the one list `match_lists.meeting_hosts`, so
// that a page gets exactly one of the two), injected at document_start: gate.js's early check at once,
// content.js's page assessment at document_idle (idle.js) unless the tab is being sent to the warning page, and
// both again for a document back from the back/forward cache (top-frame.js).
import { startTopFrame } from './top-frame.js';

startTopFrame();
