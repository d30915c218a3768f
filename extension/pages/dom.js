// DOM building for the extension pages (popup, options): elements from text only, never from HTML, so data
// from the vendor database, settings files or pages can never become markup.

/**
 * @param {string} tag
 * @param {{className?: string, text?: string, attributes?: Record<string, string>}} [options]
 * @param {...(Node|string)} children
 */
export function element(tag, { className, text, attributes = {} } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A link that opens in a new tab without telling the site where it came from; only http(s) addresses. */
export function externalLink(url, text, title) {
  if (!/^https?:\/\//i.test(url)) return null;
  const link = element('a', { text, attributes: { href: url, target: '_blank', rel: 'noreferrer noopener' } });
  if (title) link.title = title;
  return link;
}
