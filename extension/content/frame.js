// The content script of every frame at document_start (manifest.json `all_frames`, and `match_origin_as_fallback`
// for frames without an address of their own: about:blank, about:srcdoc, blob:, data:, sandboxed ones included in
// Chromium 156 and Firefox 153, docs/browsers.md session 46). Two checks of an inner frame:
// gate.js's of a frame whose own host could be a lookalike (frameCheck), so that a harmless top page framing a
// lookalike's sign-in is sent to the warning page (session 44); and frame-signin.js's of an imitated sign-in drawn
// in the frame whatever its host (session 45: one password-field query at document_idle, signals only where it
// finds one). The top frame has its own entry (content/page.js, content/meeting-page.js); in it both return at once.
import { frameCheck } from './gate.js';
import { signInCheck } from './frame-signin.js';

signInCheck(frameCheck());
