// Page addresses cut to the engine's cap (src/page/mod.rs MAX_URL, 2,048 characters), and links to theirs
// (shared/limits.js MAX_LINK_URL), the same way in the content scripts and the background: an address within the
// cap is kept whole; a longer one is rebuilt from its parts, never sliced across them. The scheme, the host, the
// port and a user name's `@` always stay (what decides a lookalike); the user name and the password are shortened
// to MAX_USERINFO each (the engine reads only whether they are there and how the name reads: src/lookalike.rs
// check_userinfo); the path fills what is left; of the query only the parameters whose value is itself a web
// address stay (a link wrapper's target: SafeLinks `url`, Google's `q`, src/classify.rs unwrap_once), in their
// order, each cut the same way; the fragment goes. A page cannot silence the verdict by making its address long (a
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

/** The parameter's value decoded as the engine decodes it (form-coded), or null when it is not a web address. */
function webTarget(value) {
  let decoded;
  try {
    decoded = decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return null;
  }
  if (!/^https?:\/\//i.test(decoded)) return null;
  try {
    return /^https?:$/.test(new URL(decoded).protocol) ? decoded : null;
  } catch {
    return null;
  }
}

/** `query` (without `?`) within `room` characters: its web-address parameters only, in order, each cut. */
function keptParams(query, room, depth) {
  if (depth >= MAX_NESTED) return '';
  const kept = [];
  let used = 0;
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const target = webTarget(pair.slice(at + 1));
    if (target === null) continue;
    // `&`, the key and `=` before the value; encodeURIComponent writes an ASCII character in at most 3.
    const left = room - used - (kept.length > 0 ? 1 : 0) - at - 1;
    if (left <= 0) break;
    let value = encodeURIComponent(cutUrl(target, left, depth + 1).url);
    if (value.length > left) value = encodeURIComponent(cutUrl(target, Math.floor(left / 3), depth + 1).url);
    if (value.length > left) break;
    kept.push(`${pair.slice(0, at)}=${value}`);
    used += (kept.length > 1 ? 1 : 0) + at + 1 + value.length;
  }
  return kept.join('&');
}

/**
 * `href` within `max` characters (MAX_URL, the engine's cap for a page's address; links have their own,
 * shared/limits.js MAX_LINK_URL); `cut` says whether anything went. See the header for what a cut keeps. An
 * address whose scheme, host and port alone do not fit (a host longer than any name DNS resolves) and text that
 * is no address are sliced.
 */
export function cutUrl(href, max = MAX_URL, depth = 0) {
  const text = typeof href === 'string' ? href : '';
  if (text.length <= max) return { url: text, cut: false };
  let url;
  try {
    url = new URL(text);
  } catch {
    return { url: text.slice(0, max), cut: true };
  }
  const query = url.search.slice(1);
  url.username = head(url.username, MAX_USERINFO);
  url.password = head(url.password, MAX_USERINFO);
  url.search = '';
  url.hash = '';
  const whole = url.href;
  // What comes before the path: a vendor app link's scheme (`zoommtg:`, whose `origin` is "null") too.
  const before = whole.slice(0, whole.length - url.pathname.length);
  if (before.length > max) return { url: text.slice(0, max), cut: true };
  const path = whole.length <= max ? url.pathname : head(url.pathname, max - before.length);
  const params = keptParams(query, max - before.length - path.length - 1, depth);
  return { url: `${before}${path}${params ? `?${params}` : ''}`, cut: true };
}

/** The address only (see cutUrl). */
export const cut = (href) => cutUrl(href).url;
