// What the content scripts put into a page (the overlay, link badges, credential flags and the composer
// warning), built one way: a host element whose inline style (`all: initial` first, every property
// !important) beats any page CSS, holding a closed shadow root the page cannot read, with its own <style>.
// The <style> gets its textContent before it is inserted: Firefox then applies the content script's CSP, not
// the page's (https://bugzilla.mozilla.org/show_bug.cgi?id=1706787). Elements are made with createElement and
// textContent only, so pages with Trusted Types or a strict CSP accept them and no page data becomes markup.
//
// The host is a built-in element (`div` or `span`), never a custom element name: a page can define a custom
// element of any name before the content script uses it and, by calling attachInternals() in its constructor,
// get the closed shadow root attached later through ElementInternals.shadowRoot (then rewrite the warning);
// built-ins cannot be defined by a page. The content scripts tell their own hosts apart with isOwnHost (a
// WeakSet), never by a name or attribute a page could copy.

/** An element with an optional class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Replaces the host's inline style with `all: initial` and `style`, every property !important. In one
 *  assignment: Firefox expands `all` into every longhand, and a setProperty a property after it cost 3.4 ms a
 *  Zoom join page in its profiler (README "Architecture"). The values are the extension's own constants. */
export function setHostStyle(host, style) {
  host.style.cssText = Object.entries({ all: 'initial', ...style })
    .map(([property, value]) => `${property}: ${value} !important`)
    .join('; ');
}

const ownHosts = new WeakSet();

/** Whether `node` is a host this bundle made (for mutation observers that must leave their own UI out). */
export const isOwnHost = (node) => ownHosts.has(node);

/**
 * A detached host element (`tag`: 'div' or 'span') with a closed shadow root holding a <style> of `css`; the
 * caller fills the root and inserts the host.
 * @param {'div'|'span'} tag @param {Record<string, string>} style @param {string} css
 * @returns {{host: HTMLElement, root: ShadowRoot}}
 */
export function closedShadowHost(tag, style, css) {
  if (tag !== 'div' && tag !== 'span') throw new Error(`closedShadowHost: a built-in element (div or span), not ${tag}`);
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  ownHosts.add(host);
  setHostStyle(host, style);
  root.append(element('style', '', css));
  return { host, root };
}
