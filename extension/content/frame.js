// The content script of every frame at document_start (manifest.json `all_frames`): gate.js's check of an inner
// frame whose own host could be a lookalike (frameCheck), so that a harmless top page framing a lookalike's
// sign-in is sent to the warning page. The top frame has its own entry (content/page.js, content/meeting-page.js),
// and in it, and in any frame whose host the prefilter lets through, this does nothing more than that test.
import { frameCheck } from './gate.js';

frameCheck();
