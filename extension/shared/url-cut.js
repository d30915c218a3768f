// Page addresses cut to the engine's cap (src/page/mod.rs MAX_URL, 2,048 characters), the same way in the
// content scripts and the background: an address within the cap is kept whole; a longer one keeps its origin
// and path (cut too if it must) and drops the query and fragment. A page cannot silence the verdict by making
// its address long (a huge query, or history.replaceState before the content script runs): the host, which
// decides a lookalike, always stays, and the background never refuses a page's address for its length.

export const MAX_URL = 2048;

/** `href` within MAX_URL characters; `cut` says whether the query, fragment or part of the path went. */
export function cutUrl(href) {
  const text = typeof href === 'string' ? href : '';
  if (text.length <= MAX_URL) return { url: text, cut: false };
  try {
    const url = new URL(text);
    return { url: `${url.origin}${url.pathname}`.slice(0, MAX_URL), cut: true };
  } catch {
    return { url: text.slice(0, MAX_URL), cut: true };
  }
}

/** The address only (see cutUrl). */
export const cut = (href) => cutUrl(href).url;
