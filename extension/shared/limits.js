// Caps of the messages, one copy for both sides. The in-page scans: the content scripts (link-badges.js, credentials-watch.js)
// send at most this much per message, and the background (requests.js) refuses more.
export const MAX_LINKS_PER_BATCH = 5000;
export const MAX_TEXTS_PER_BATCH = 32;
export const MAX_SCAN_TEXT = 20_000;

// Links link-badges.js reads (their href) in one document. Past it the frame reads no more but counts the links it
// left unread (without reading them) and sends the count with its links (`unread`, at most MAX_LINKS_UNREAD a
// message): the background counts them with the ones past its budget for the tab (below), and the popup says the
// total (until session 43 the frame's cap was said nowhere).
export const MAX_LINKS_PER_FRAME = 20_000;
// A count, not a list: the cap, far past any document a browser can hold, keeps it a plain integer to add up.
export const MAX_LINKS_UNREAD = 1_000_000_000;

// Links the background screens from one tab's inner frames (background/tab-state.js takeLinks): at most
// MAX_LINKS_PER_TAB at once, refilled at that many per LINKS_REFILL_MS. link-badges.js reads at most
// MAX_LINKS_PER_FRAME a frame, and a page of hundreds of frames (srcdoc frames cost it nothing) had the background
// screen millions. A burst limit, not a page's lifetime cap (session 43's review): a webmail showing each message
// in a frame, or a page's ads, must not spend the links of a message read later. The top frame is outside it (its
// own cap is MAX_LINKS_PER_FRAME). Past it the links are not screened, and the popup says how many (session 43).
export const MAX_LINKS_PER_TAB = 50_000;
export const LINKS_REFILL_MS = 10_000;

// A link link-badges.js sends is at most this long: a longer one is cut (url-cut.js cutUrl: the host and a user
// name's `@` stay, a wrapper's target too) and screened, never skipped. Until session 44 it was skipped, so a lookalike meeting link
// padded with a 9,000-character query got no badge at all. The background refuses a longer one (requests.js).
export const MAX_LINK_URL = 8192;

// Badges link-badges.js draws in one document: at most MAX_BADGES ordinary ones (a vendor and its grade) and, on
// an allowance of their own, at most MAX_DANGER_BADGES danger ones (a lookalike, a blocked vendor), so that the
// links of a page that first shows hundreds of genuine meeting links cannot use up the badges a lookalike link
// after them needs (until session 44 one cap of 500 served both, and past it nothing was drawn or said). The
// links left without a badge past either cap are counted and sent with the links (`unbadged`, the danger ones
// apart as `unbadgedDanger`, at most MAX_LINKS_UNREAD a message) for the popup, the way `unread` goes (tab-state.js
// takeLinks). A danger badge whose link has left the document frees its place (link-badges.js).
export const MAX_BADGES = 500;
export const MAX_DANGER_BADGES = 500;

// Settings are short lists of ids and hosts; anything near this size is not settings. The options page refuses
// a longer file itself, saying so: the background ignores a longer message, which left the page with "no answer
// from the background" (until session 42).
export const MAX_SETTINGS_LENGTH = 64 * 1024;
