// Page addresses cut to the engine's cap (src/page/mod.rs MAX_URL, 2,048 characters), the same way in the
// content scripts and the background: an address within the cap is kept whole; a longer one keeps its origin
// and path (cut too if it must) and drops the query and fragment. A page cannot silence the verdict by making
// its address long (a huge query, or history.replaceState before the content script runs): the host, which
// decides a lookalike, always stays, and the background never refuses a page's address for its length.

export const MAX_URL = 2048;

/**
 * `href` within `max` characters (MAX_URL, the engine's cap for a page's address; links have their own,
 * shared/limits.js MAX_LINK_URL); `cut` says whether the query, fragment or part of the path went. What goes
 * before the path stays as written, a user name before `@` too (the engine's `userinfo` trick: `origin` dropped
 * it until session 44), and so does a vendor app link's scheme (`zoommtg:`, whose `origin` is "null").
 * Never a part of the query: a prefix of it could leave a link wrapper a value it does not follow (Google's
 * `/url?url=…` is read when `q=` is gone), turning a lookalike's badge into a vendor's.
 */
export function cutUrl(href, max = MAX_URL) {
  const text = typeof href === 'string' ? href : '';
  if (text.length <= max) return { url: text, cut: false };
  try {
    const url = new URL(text);
    url.search = '';
    url.hash = '';
    return { url: url.href.slice(0, max), cut: true };
  } catch {
    return { url: text.slice(0, max), cut: true };
  }
}

/** The address only (see cutUrl). */
export const cut = (href) => cutUrl(href).url;
