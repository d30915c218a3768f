// Validation of the messages the background accepts. Anything that does not match exactly is ignored.
// Returns a normalised request, or null.

const MAX_URL_LENGTH = 8192;

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value, keys) {
  return Object.keys(value).every((key) => keys.includes(key));
}

function httpUrl(text) {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * @param {unknown} message what runtime.onMessage received
 * @param {object} sender its runtime.MessageSender
 * @param {{id: string, baseUrl: string}} self this extension's id and runtime.getURL('')
 */
export function parseRequest(message, sender, self) {
  if (!isPlainObject(message) || !isPlainObject(sender) || sender.id !== self.id) return null;

  // From our content script, in the top frame of a tab, about the page it runs in.
  if (message.type === 'assess-page' && hasOnlyKeys(message, ['type', 'url'])) {
    const tab = sender.tab;
    if (!isPlainObject(tab) || !Number.isInteger(tab.id) || tab.id < 0 || sender.frameId !== 0) return null;
    const url = httpUrl(message.url);
    // The browser reports which document sent the message; the page's URL must belong to it.
    const from = httpUrl(sender.url);
    if (!url || (from && from.origin !== url.origin)) return null;
    return { type: 'assess-page', tabId: tab.id, url: url.href };
  }

  // From our popup (an extension page), about a tab.
  if (message.type === 'tab-assessment' && hasOnlyKeys(message, ['type', 'tabId'])) {
    const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(self.baseUrl);
    if (!fromExtensionPage || !Number.isInteger(message.tabId) || message.tabId < 0) return null;
    return { type: 'tab-assessment', tabId: message.tabId };
  }

  return null;
}
