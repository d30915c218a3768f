// Page addresses cut to the engine's cap (src/page/mod.rs MAX_URL, 2,048 characters), and links to theirs
// (shared/limits.js MAX_LINK_URL), the same way in the content scripts and the background: an address within the
// cap is kept whole; a longer one is rebuilt from its parts, never sliced across them. The scheme, the host, the
// port and a user name's `@` always stay (what decides a lookalike); the user name and the password are shortened
// to MAX_USERINFO each (the engine reads only whether they are there and how the name reads: src/lookalike.rs
// check_userinfo); the path fills what is left; of the query only the parameters whose value is itself a web
// address stay (a link wrapper's target: SafeLinks `url`, Google's `q`, src/classify.rs unwrap_once), all of them
// or none, in their order, each cut the same way; the fragment goes. A page cannot silence the verdict by making its address long (a
// huge query, a padded password, history.replaceState before the content script runs), and the background never
// refuses a page's address for its length. Until session 44's review the cut kept the user name and sliced the
// rest at the cap: a 2,000-character password cut the `@` and the host away (`https://login.live.com:000…` read
// as login.live.com), and a wrapper lost its target with the query.

export const MAX_URL = 2048;
/** The most of a user name, and of a password, that a cut address keeps. */
export const MAX_USERINFO = 64;
/** A wrapper's target inside a wrapper's target is cut with its parameters; deeper ones lose their query. */
const MAX_NESTED = 2;

/** `text`'s first `max` characters, not ending inside a `%XX` escape. */
const head = (text, max) => text.slice(0, max).replace(/%[0-9a-f]?$/i, '');

/** The parameter's value decoded as the engine decodes it (form-coded), or null when it does not start as a web
 *  address or does not decode (the engine decodes such a value lossily and reads it: keptParams then keeps none). Not parsed here: an over-long one is parsed once by cutUrl, so a query of thousands of decoy values
 *  costs one pass over its text, not a parse each. */
function webTarget(value) {
  let decoded;
  try {
    decoded = decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return null;
  }
  return /^https?:\/\//i.test(decoded) ? decoded : null;
}

/** `target` cut and encoded within `room` characters, or null. encodeURIComponent writes an ASCII character in at
 *  most 3, so a second try at a third of the room fits unless the room is too small for its host. */
function encodedWithin(target, room, depth) {
  for (const max of [room, Math.floor(room / 3)]) {
    const url = target.length <= max ? target : rebuilt(target, max, depth + 1);
    const value = url === null ? null : encodeURIComponent(url);
    if (value !== null && value.length <= room) return value;
  }
  return null;
}

/** The parameters a link wrapper's target is read from (src/classify.rs unwrap_once: SafeLinks, Google's redirect
 *  and Slack's `url`, Google's `q`, Facebook's and Proofpoint's `u`, Barracuda's `a`). */
const WRAPPER_KEYS = new Set(['url', 'q', 'u', 'a']);

/** Whether a parameter's key, as written, reads as one of WRAPPER_KEYS once decoded as the engine decodes it (a key
 *  that does not decode is taken as one: only over-long links get here, and none is the safe answer). */
function isWrapperKey(key) {
  try {
    return WRAPPER_KEYS.has(decodeURIComponent(key.replaceAll('+', ' ')));
  } catch {
    return true;
  }
}

/** The shortest a kept parameter can be (`k=` and an encoded `http://a.b`): more of them than fit cannot all stay. */
const MIN_PARAM = 20;

/**
 * `query` (without `?`) within `room` characters: its web-address parameters only, in order, each cut; all of
 * them or none. Never some: a wrapper read through one parameter, else another (Google's `q`, else `url`), would
 * read the other once the first was left out, and the page chooses what the other says (a genuine meeting link:
 * its vendor's badge on a lookalike). For the same reason none stays when a parameter a wrapper reads is not a
 * web address to this eye (the engine reads it whatever it holds: a `q` of ` https://…`, `https:/…`, a host
 * without a scheme, or a value that does not decode, beside a genuine `url`; session 45's review found six such
 * `q`s that turned a lookalike into a Zoom meeting link). When they do not fit whole, each gets an equal share;
 * when a share cannot hold one of them (hundreds of decoy addresses), none stays: the wrapper's own address, no
 * badge.
 */
function keptParams(query, room, depth) {
  if (depth >= MAX_NESTED || room <= 0) return '';
  const found = [];
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    const target = at > 0 ? webTarget(pair.slice(at + 1)) : null;
    if (target !== null) found.push({ key: pair.slice(0, at), target });
    else if (isWrapperKey(at === -1 ? pair : pair.slice(0, at))) return '';
    if (found.length * MIN_PARAM > room) return '';
  }
  if (found.length === 0) return '';
  const whole = found.map(({ key, target }) => `${key}=${encodeURIComponent(target)}`).join('&');
  if (whole.length <= room) return whole;
  // `key=` of each and the `&`s between them come first; the rest is shared equally among the values.
  const share = Math.floor((room - found.reduce((sum, { key }) => sum + key.length + 2, -1)) / found.length);
  const kept = [];
  for (const { key, target } of found) {
    const value = share > 0 ? encodedWithin(target, share, depth) : null;
    if (value === null) return '';
    kept.push(`${key}=${value}`);
  }
  return kept.join('&');
}

/**
 * `href` within `max` characters (MAX_URL, the engine's cap for a page's address; links have their own,
 * shared/limits.js MAX_LINK_URL); `cut` says whether anything went. See the header for what a cut keeps. An
 * address whose scheme, host and port alone do not fit (a host longer than any name DNS resolves) and text that
 * is no address are sliced.
 */
export function cutUrl(href, max = MAX_URL) {
  const text = typeof href === 'string' ? href : '';
  if (text.length <= max) return { url: text, cut: false };
  return { url: rebuilt(text, max, 0) ?? text.slice(0, max), cut: true };
}

/** `text` (longer than `max`) rebuilt within `max` (see the header), a wrapper's target `depth` wrappers deep; null
 *  for text that is no address or whose scheme, host and port do not fit. */
function rebuilt(text, max, depth) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const query = url.search.slice(1);
  url.username = head(url.username, MAX_USERINFO);
  url.password = head(url.password, MAX_USERINFO);
  url.search = '';
  url.hash = '';
  const whole = url.href;
  // What comes before the path: a vendor app link's scheme (`zoommtg:`, whose `origin` is "null") too.
  const before = whole.slice(0, whole.length - url.pathname.length);
  if (before.length > max) return null;
  const path = whole.length <= max ? url.pathname : head(url.pathname, max - before.length);
  const params = keptParams(query, max - before.length - path.length - 1, depth);
  return `${before}${path}${params ? `?${params}` : ''}`;
}

/** The address only (see cutUrl). */
export const cut = (href) => cutUrl(href).url;
