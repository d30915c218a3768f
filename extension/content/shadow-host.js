// What the content scripts put into a page (the overlay, link badges, credential flags and the composer
// warning), built one way: a host element holding a closed shadow root the page cannot read, with its own <style>
// that styles the host too, through a `:host` rule (`all: initial` first, every declaration !important). By the
// cascade's Context step (CSS Cascading and Inheritance 5, §6.1: for important declarations "the declaration from
// the inner context wins"; it ranks above Element-Attached Styles, the style attribute), that rule beats every
// !important rule of the page, its stylesheets' and the host's own inline style alike, which a page cannot
// reach into a closed root to change. The rule styles the host, not its `::before` and `::after`, which a page
// rule could fill with a box drawn over the banner or a badge: the same rule takes their content away. `all`
// leaves out `direction` and `unicode-bidi`, which a page's `dir` or rules reach: the rule sets them too. Until
// session 40 the host carried the declarations inline, which beat the page's stylesheets but not its own inline
// !important (overlay.js put that back), and Firefox writes `all: initial` out as every longhand in the style
// attribute: setHostStyle 0.84 ms and ensureHost 0.57 ms a Zoom join page in its profiler (session 40,
// `node tools/measure-content-cost.mjs --browser firefox --rounds 8` on main); a shadow root's stylesheet is
// parsed once for all the roots with the same text (the link badges').
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

/** The `:host` rule of `style` (property → value, the extension's own constants): `all: initial` first, the
 *  writing direction every locale of the extension reads, every declaration !important; and no content in the
 *  host's own pseudo-elements. */
export function hostRule(style) {
  const declarations = Object.entries({ all: 'initial', direction: 'ltr', 'unicode-bidi': 'isolate', ...style })
    .map(([property, value]) => `${property}: ${value} !important;`);
  return `:host { ${declarations.join(' ')} }\n:host::before, :host::after { content: none !important; }\n`;
}

// One set for every bundle of the extension in this frame (content/page.js's overlay and credential flags,
// link-badges.js's badges): they run in one content-script world (Chromium's isolated world, Firefox's sandbox of
// the extension), whose global the page cannot reach, but each bundle has its own copy of this module. signals.js
// leaves these hosts' roots out of the page it reads (session 47). Kept under a registered symbol, not a name: the
// window's named-property getter answers a name with the page's element of that id (`<div id="joinguardOwnHosts">`
// would have been taken for the set, review of session 48), and no element is named by a symbol.
const OWN_HOSTS = Symbol.for('joinguard.ownHosts');
const ownHosts = globalThis[OWN_HOSTS] instanceof WeakSet ? globalThis[OWN_HOSTS] : (globalThis[OWN_HOSTS] = new WeakSet());

/** Whether `node` is a host this bundle made (for mutation observers that must leave their own UI out). */
export const isOwnHost = (node) => ownHosts.has(node);

/** Whether a mutation batch only adds this bundle's hosts (a credential mark): no change of the page's. A text change
 *  (characterData, no added node) or a removal is one (as overlay.js isOwnChange; review of s50-shadow50, finding 2:
 *  `[].every` is true, and a text-only batch was taken for the extension's own). */
export const onlyOwnHostsAdded = (records) =>
  records.every(
    (record) => record.type === 'childList' && record.removedNodes.length === 0 && record.addedNodes.length > 0 && [...record.addedNodes].every(isOwnHost),
  );

/**
 * A detached host element (`tag`: 'div' or 'span') with a closed shadow root holding a <style> of the host's
 * `style` (hostRule) and `css`; the caller fills the root and inserts the host.
 * @param {'div'|'span'} tag @param {Record<string, string>} style @param {string} css
 * @returns {{host: HTMLElement, root: ShadowRoot}}
 */
export function closedShadowHost(tag, style, css) {
  if (tag !== 'div' && tag !== 'span') throw new Error(`closedShadowHost: a built-in element (div or span), not ${tag}`);
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  ownHosts.add(host);
  root.append(element('style', '', hostRule(style) + css));
  return { host, root };
}
