// The top-frame content script of the vendors' meeting pages (manifest.json: the hosts media-hook.js runs on,
// tests/content_script_hosts.rs), injected at document_start: what content/page.js does on every other page
// (gate.js's early check at once, content.js's page assessment at document_idle), and from the start the
// meeting-page watchers, media-watch.js (whose listener must exist before the page's first getUserMedia can
// resolve) and recording.js. One bundle and one manifest entry where there were three files in two entries.
import { earlyCheck } from './gate.js';
import { watchPage } from './content.js';
import { whenIdle } from './idle.js';
import { watchMedia } from './media-watch.js';
import { watchRecording } from './recording.js';

// recording.js's answer about a recording can come after content.js's about the same indicator: the banner then
// still held the engine's copy of the warning, and content.js asks again (background.js assessPage).
let page = null;
// A document back from the back/forward cache: as in content/page.js.
const watch = () => watchPage({ onWarned: () => (gate.warned = true) });
const gate = earlyCheck({
  onRestore: () => {
    if (gate.warned) return;
    if (page) page.restored();
    else page = watch();
  },
});
watchMedia();
watchRecording({ onWarning: () => page?.recordingWarned() });
whenIdle(() => {
  if (!gate.warned && !page) page = watch();
});
