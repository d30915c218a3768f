// Caps of the in-page scans, one copy for both sides: the content scripts (link-badges.js, credentials-watch.js)
// send at most this much per message, and the background (requests.js) refuses more.
export const MAX_LINKS_PER_BATCH = 5000;
export const MAX_TEXTS_PER_BATCH = 32;
export const MAX_SCAN_TEXT = 20_000;
