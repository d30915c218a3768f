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

/** Settings are short lists of ids and hosts; anything near this size is not settings. */
export const MAX_SETTINGS_LENGTH = 64 * 1024;

/** Whether the sender is one of our own extension pages (optionally exactly `page`), not a content script:
 *  content scripts report the web page's URL, and other extensions have another id and base URL. */
function fromExtensionPage(sender, self, page) {
  if (typeof sender.url !== 'string' || !sender.url.startsWith(self.baseUrl)) return false;
  if (page === undefined) return true;
  try {
    return new URL(sender.url).pathname === `/${page}`;
  } catch {
    return false;
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
    if (!fromExtensionPage(sender, self) || !Number.isInteger(message.tabId) || message.tabId < 0) return null;
    return { type: 'tab-assessment', tabId: message.tabId };
  }

  // From our popup and options page: read-only questions.
  if ((message.type === 'settings-get' || message.type === 'vendor-list') && hasOnlyKeys(message, ['type'])) {
    return fromExtensionPage(sender, self) ? { type: message.type } : null;
  }

  // From our options page only: changes to the user's settings. The engine checks the content.
  if (message.type === 'settings-save' && hasOnlyKeys(message, ['type', 'settings'])) {
    if (!fromExtensionPage(sender, self, 'options.html') || !isPlainObject(message.settings)) return null;
    if (JSON.stringify(message.settings).length > MAX_SETTINGS_LENGTH) return null;
    return { type: 'settings-save', settings: message.settings };
  }
  if (message.type === 'settings-import' && hasOnlyKeys(message, ['type', 'text'])) {
    if (!fromExtensionPage(sender, self, 'options.html') || typeof message.text !== 'string') return null;
    if (message.text.length > MAX_SETTINGS_LENGTH) return null;
    return { type: 'settings-import', text: message.text };
  }

  return null;
}
