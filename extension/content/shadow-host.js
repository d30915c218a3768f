// What the content scripts put into a page (the overlay, link badges, credential flags and the composer
// warning), built one way: a host element whose inline style (`all: initial` first, every property
// !important) beats any page CSS, holding a closed shadow root the page cannot read, with its own <style>.
// The <style> gets its textContent before it is inserted: Firefox then applies the content script's CSP, not
// the page's (https://bugzilla.mozilla.org/show_bug.cgi?id=1706787). Elements are made with createElement and
// textContent only, so pages with Trusted Types or a strict CSP accept them and no page data becomes markup.

/** An element with an optional class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Replaces the host's inline style with `all: initial` and `style`, every property !important. */
export function setHostStyle(host, style) {
  host.removeAttribute('style');
  for (const [property, value] of Object.entries({ all: 'initial', ...style })) {
    host.style.setProperty(property, value, 'important');
  }
}

/**
 * A detached host element named `tag` with a closed shadow root holding a <style> of `css`; the caller fills
 * the root and inserts the host. When the page has defined a custom element of that name that already took
 * the shadow root, a plain <div> (styled the same way) is the host instead.
 * @param {string} tag @param {Record<string, string>} style @param {string} css
 * @returns {{host: HTMLElement, root: ShadowRoot}}
 */
export function closedShadowHost(tag, style, css) {
  let host = document.createElement(tag);
  let root;
  try {
    root = host.attachShadow({ mode: 'closed' });
  } catch {
    host = document.createElement('div');
    root = host.attachShadow({ mode: 'closed' });
  }
  setHostStyle(host, style);
  root.append(element('style', '', css));
  return { host, root };
}
