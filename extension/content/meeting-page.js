// The top-frame content script of the vendors' meeting pages (manifest.json: the hosts media-hook.js runs on,
// tests/content_script_hosts.rs), injected at document_start: what content/page.js does on every other page
// (gate.js's early check at once, content.js's page assessment at document_idle), and from the start the
// meeting-page watchers, media-watch.js (whose listener must exist before the page's first getUserMedia can
// resolve) and recording.js. One bundle and one manifest entry where there were three files in two entries.
import { startTopFrame } from './top-frame.js';
import { watchMedia } from './media-watch.js';
import { watchRecording } from './recording.js';

const page = startTopFrame();
watchMedia();
// recording.js's answer about a recording can come after content.js's about the same indicator: the banner then
// still held the engine's copy of the warning, and content.js asks again (background.js assessPage).
watchRecording({ onWarning: () => page.recordingWarned() });
