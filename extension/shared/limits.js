// Caps of the messages, one copy for both sides. The in-page scans: the content scripts (link-badges.js, credentials-watch.js)
// send at most this much per message, and the background (requests.js) refuses more.
export const MAX_LINKS_PER_BATCH = 5000;
export const MAX_TEXTS_PER_BATCH = 32;
export const MAX_SCAN_TEXT = 20_000;

// Links the background screens for one tab's page, from all its frames together (background/tab-state.js
// takeLinks): link-badges.js reads at most 20,000 a frame, and a page of hundreds of frames (srcdoc frames cost it
// nothing) had the background screen millions. Past it the links are not screened, and the popup says how many
// (session 43).
export const MAX_LINKS_PER_TAB = 50_000;

// Settings are short lists of ids and hosts; anything near this size is not settings. The options page refuses
// a longer file itself, saying so: the background ignores a longer message, which left the page with "no answer
// from the background" (until session 42).
export const MAX_SETTINGS_LENGTH = 64 * 1024;
