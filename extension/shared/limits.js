// Caps of the messages, one copy for both sides. The in-page scans: the content scripts (link-badges.js, credentials-watch.js)
// send at most this much per message, and the background (requests.js) refuses more.
export const MAX_LINKS_PER_BATCH = 5000;
export const MAX_TEXTS_PER_BATCH = 32;
export const MAX_SCAN_TEXT = 20_000;

// Settings are short lists of ids and hosts; anything near this size is not settings. The options page refuses
// a longer file itself, saying so: the background ignores a longer message, which left the page with "no answer
// from the background" (until session 42).
export const MAX_SETTINGS_LENGTH = 64 * 1024;
