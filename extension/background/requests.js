// Validation of the messages the background accepts. Anything that does not match exactly is ignored.
// Returns a normalised request, or null.
import { MAX_LINK_URL, MAX_LINKS_PER_BATCH, MAX_LINKS_UNREAD, MAX_SCAN_TEXT, MAX_SETTINGS_LENGTH, MAX_TEXTS_PER_BATCH } from '../shared/limits.js';

import { MAX_URL as MAX_PAGE_URL, cut as cutPageUrl } from '../shared/url-cut.js';

export { MAX_LINKS_PER_BATCH, MAX_LINKS_UNREAD, MAX_SCAN_TEXT, MAX_SETTINGS_LENGTH, MAX_TEXTS_PER_BATCH, MAX_PAGE_URL };

// Links' cap (link-badges.js cuts a longer one to it), also any other address's.
const MAX_URL_LENGTH = MAX_LINK_URL;

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

  // From our content scripts, in the top frame of a tab, about the page they run in: its URL first (gate.js at
  // document_start, content.js), then (on pages worth a closer look) the page signals, whose `url` must be the
  // same. Never silent: an address over the engine's cap is cut to origin and path rather than refused (the
  // content scripts cut it already; url-cut.js), and signals that fail their checks still leave the address
  // to assess. `document` tells two messages of one page load apart from a reload (pageLoad); `load` is the
  // content script's own id of it, which the tab's top frame answers the background with (shown-load.js
  // askShownLoad): a report is written for the tab only while that frame still shows its load. A document the
  // browser says has left the tab (Chromium's documentLifecycle `pending_deletion`: being replaced, or `cached`:
  // in the back/forward cache) is not the tab's page any more: refused. A prerendered top document reports a
  // frameId other than 0 (w3c/webextensions#396), so the frame check below refuses it until it is shown.
  // `restore`: how many times the document has come back from the back/forward cache (content/load-id.js), 0 when
  // absent; the warning gate sends the tab to the warning page once per document and restore (warning-gate.js).
  if (message.type === 'assess-page' && hasOnlyKeys(message, ['type', 'url', 'signals', 'load', 'restore'])) {
    const report = documentReport(message, sender, { frame: false });
    return report && withSignals({ type: 'assess-page', ...report }, message);
  }

  // An inner frame's restore check that says its document had sent the tab to the warning page before the restore
  // (`sentAway: true`, only with `restore`; gate.js guard, frame-signin.js): otherwise the assess-frame below, and
  // the request says so (background.js tells the top document when it lets the frame through; session 46).
  if (message.type === 'assess-frame' && 'sentAway' in message) {
    const { sentAway, ...check } = message;
    if (sentAway !== true || !('restore' in check)) return null;
    const request = parseRequest(check, sender, self);
    return request && { ...request, sentAway: true };
  }

  // From content/frame.js, in an inner frame of a tab (the browser's frameId above 0): gate.js frameCheck's address
  // of a frame whose own host could be a lookalike, or frame-signin.js's signals of a frame with a password field
  // (session 45), with `load` and `restore` as for assess-page and the signals checked as there. The address must be
  // the sending frame's own origin's, which the browser always reports for a frame (a frame without an address of
  // its own, about:blank, about:srcdoc or blob:, sends its creator's, held to the browser's sender.origin; a
  // sandboxed frame's origin is "null", its address held to sender.url). `inline`: the part is of the tab's own
  // origin, by the tab's address as the browser reports it (tabAddress; session 46: until then the frame's own
  // word); it only chooses the warning's words. A part with an opaque origin and no address of its own sends no
  // `url` (opaquePart). A prerendered document is no frame the person sees (and a prerendered top document reports
  // a frameId above 0 too, above).
  if (message.type === 'assess-frame' && hasOnlyKeys(message, ['type', 'url', 'load', 'restore', 'signals'])) {
    if (!('url' in message)) return opaquePart(message, sender);
    const report = documentReport(message, sender, { frame: true });
    if (!report) return null;
    const tab = tabAddress(sender);
    return withSignals({ type: 'assess-frame', ...report, inline: tab !== null && tab.origin === new URL(report.url).origin }, message);
  }

  // From our content script's banner: don't warn again on this page, or about the vendor of this tab (the
  // background takes the vendor from its own record of the tab, never from the message).
  if (message.type === 'dismiss' && hasOnlyKeys(message, ['type', 'scope', 'url'])) {
    const from = contentScriptPage(sender);
    const url = httpUrl(message.url);
    if (!from || !url || url.origin !== new URL(from.url).origin) return null;
    if (message.scope !== 'page' && message.scope !== 'vendor') return null;
    return { type: 'dismiss', tabId: from.tabId, scope: message.scope, url: url.href };
  }

  // From our warning page (pages/warning.html, an extension page shown in a tab): what the background found on the
  // page it sent that tab away from, and "Continue anyway". The tab is the sender's, never the message's.
  if ((message.type === 'warning-details' || message.type === 'warning-continue') && hasOnlyKeys(message, ['type', 'url'])) {
    const tab = sender.tab;
    if (!fromExtensionPage(sender, self, 'pages/warning.html') || !isPlainObject(tab) || !Number.isInteger(tab.id) || tab.id < 0) {
      return null;
    }
    const url = typeof message.url === 'string' && message.url.length <= MAX_PAGE_URL ? httpUrl(message.url) : null;
    return url ? { type: message.type, tabId: tab.id, url: url.href } : null;
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
    if (!fromExtensionPage(sender, self, 'pages/options.html') || !isPlainObject(message.settings)) return null;
    if (JSON.stringify(message.settings).length > MAX_SETTINGS_LENGTH) return null;
    return { type: 'settings-save', settings: message.settings };
  }
  if (message.type === 'settings-import' && hasOnlyKeys(message, ['type', 'text'])) {
    if (!fromExtensionPage(sender, self, 'pages/options.html') || typeof message.text !== 'string') return null;
    if (message.text.length > MAX_SETTINGS_LENGTH) return null;
    return { type: 'settings-import', text: message.text };
  }

  // From media-watch.js, in the top frame of a tab: the page now holds these devices. Only a hint (the page
  // can forge it): the background decides from the page's address, which must belong to the sender.
  if (message.type === 'media-access' && hasOnlyKeys(message, ['type', 'url', 'kinds'])) {
    const from = contentScriptPageAt(message, sender);
    const kinds = message.kinds;
    if (!from || !Array.isArray(kinds) || kinds.length === 0 || kinds.length > MEDIA_KINDS.length) return null;
    if (!kinds.every((kind) => MEDIA_KINDS.includes(kind)) || new Set(kinds).size !== kinds.length) return null;
    return { type: 'media-access', ...from, kinds: [...kinds] };
  }

  // From recording.js, in the top frame of a tab: candidate recording and consent texts, in the shape and
  // within the caps of page signals (src/page/mod.rs). `document` as for assess-page (pageLoad): what the
  // background keeps of a recording it answered holds for that page load only (tab-state.js).
  if (message.type === 'recording-state' && hasOnlyKeys(message, ['type', 'url', 'notices', 'buttons', 'truncated', 'load'])) {
    const from = contentScriptPageAt(message, sender);
    const document = pageLoad(message, sender);
    const { notices, buttons, truncated } = message;
    if (!from || document === undefined || typeof truncated !== 'boolean') return null;
    if (!Array.isArray(notices) || notices.length > MAX_NOTICES || !notices.every((n) => shortString(n, MAX_NOTICE))) {
      return null;
    }
    const isButton = (b) =>
      isPlainObject(b) &&
      hasOnlyKeys(b, ['text', 'aria_label']) &&
      shortString(b.text, MAX_TEXT) &&
      shortString(b.aria_label, MAX_TEXT);
    if (!Array.isArray(buttons) || buttons.length > MAX_BUTTONS || !buttons.every(isButton)) return null;
    return {
      type: 'recording-state',
      ...from,
      document,
      notices: [...notices],
      buttons: buttons.map((b) => ({ text: b.text, aria_label: b.aria_label })),
      truncated,
    };
  }

  // From link-badges.js, in any frame of a tab (webmail shows messages in frames): the links of the page, in
  // batches. Only strings within the caps; the engine reads them as untrusted text and screens them. `unread`
  // (absent: 0): how many links the frame left unread past its cap (shared/limits.js MAX_LINKS_PER_FRAME), counted
  // for the popup with the tab's (tab-state.js takeLinks); a message may carry only that count, with no links.
  // `unbadged` (absent: 0) the same way: links answered with a badge that the frame's caps left undrawn
  // (shared/limits.js MAX_BADGES), and `unbadgedDanger` (absent: 0) the danger ones (MAX_DANGER_BADGES), which the
  // popup warns of.
  // `top`: from the tab's top frame (the browser's frameId 0), which is outside the inner frames' budget.
  if (message.type === 'assess-links' && hasOnlyKeys(message, ['type', 'urls', 'unread', 'unbadged', 'unbadgedDanger'])) {
    const tab = sender.tab;
    if (!isPlainObject(tab) || !Number.isInteger(tab.id) || tab.id < 0) return null;
    const { urls, unread = 0, unbadged = 0, unbadgedDanger = 0 } = message;
    const count = (n) => Number.isInteger(n) && n >= 0 && n <= MAX_LINKS_UNREAD;
    if (![unread, unbadged, unbadgedDanger].every(count)) return null;
    if (!Array.isArray(urls) || urls.length > MAX_LINKS_PER_BATCH || urls.length + unread + unbadged + unbadgedDanger === 0) return null;
    if (!urls.every((url) => typeof url === 'string' && url.length > 0 && url.length <= MAX_URL_LENGTH)) return null;
    // The page the links are on, as the browser reports it (about:blank and srcdoc frames have none of use).
    return { type: 'assess-links', tabId: tab.id, pageUrl: httpUrl(sender.url)?.href ?? null, urls: [...urls], unread, unbadged, unbadgedDanger, top: sender.frameId === 0 };
  }

  // From credentials-watch.js (part of content.js), in the top frame of a tab, on a public site: texts of the
  // page or of a composer to scan for credentials. Whether the site is public comes from the sender's URL,
  // never from the message (the background checks it again).
  if (message.type === 'scan-text' && hasOnlyKeys(message, ['type', 'texts'])) {
    const from = contentScriptPage(sender);
    const texts = message.texts;
    if (!from || !Array.isArray(texts) || texts.length === 0 || texts.length > MAX_TEXTS_PER_BATCH) return null;
    if (!texts.every((text) => shortString(text, MAX_SCAN_TEXT))) return null;
    return { type: 'scan-text', host: new URL(from.url).hostname, texts: [...texts] };
  }

  return null;
}

const MEDIA_KINDS = ['camera', 'microphone', 'screen'];

// MessageSender.documentLifecycle (Chromium 106+) of a document that has left its tab.
const LEFT_LIFECYCLES = new Set(['pending_deletion', 'cached']);

// content/load-id.js: 16 random bytes in hex.
const LOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Which page load sent a content script's message: the browser's id of the sender's document where it gives one
 * (Chromium's documentId), else the content script's own id of the load (`load`, content/load-id.js: for a
 * browser that reports no document), else null (a message without either). undefined: a `load` that is no such id (refused).
 */
function pageLoad(message, sender) {
  if ('load' in message && !(typeof message.load === 'string' && LOAD_ID.test(message.load))) return undefined;
  if (typeof sender.documentId === 'string') return sender.documentId;
  return message.load ?? null;
}

/**
 * What gate.js's early checks send about their document (assess-page from the top frame, assess-frame from an inner
 * one: `frame`), as {tabId, url, document, load, restore}, or null: the page load
 * (pageLoad), its restore count (0 when absent), the tab, the frame, a document that has not left the tab, and the
 * address, cut, an http(s) one of the sender's origin (an inner frame's sender must report its URL or its origin);
 * `address`: instead, the tab's for an opaque part (opaquePart), the browser's own report, held to nothing else.
 */
function documentReport(message, sender, { frame, address = null }) {
  const document = pageLoad(message, sender);
  if (document === undefined) return null;
  const restore = message.restore ?? 0;
  if (!Number.isSafeInteger(restore) || restore < 0 || ('restore' in message && restore === 0)) return null;
  if (LEFT_LIFECYCLES.has(sender.documentLifecycle) || (frame && sender.documentLifecycle === 'prerender')) return null;
  const tab = sender.tab;
  if (!isPlainObject(tab) || !Number.isInteger(tab.id) || tab.id < 0) return null;
  if (frame ? !(Number.isInteger(sender.frameId) && sender.frameId > 0) : sender.frameId !== 0) return null;
  if (address) return { tabId: tab.id, url: address.href, document, load: message.load ?? null, restore };
  const url = typeof message.url === 'string' ? httpUrl(cutPageUrl(message.url)) : null;
  // The browser reports which document sent the message; the page's URL must belong to it.
  const from = typeof sender.url === 'string' ? httpUrl(cutPageUrl(sender.url)) : null;
  if (!url || (from && from.origin !== url.origin)) return null;
  if (frame) {
    // An inner frame's origin as the browser reports it (Chromium 80+, Firefox 126+: also for a document without an
    // address of its own, whose `url` is about:srcdoc or about:blank; "null" for an opaque one, a data: frame).
    const origin = typeof sender.origin === 'string' && sender.origin !== 'null' ? sender.origin : null;
    if (origin ? origin !== url.origin : !from) return null;
  }
  return { tabId: tab.id, url: url.href, document, load: message.load ?? null, restore };
}

/** The tab's address as the browser reports it (`sender.tab.url`: given with the content scripts' host permissions,
 *  without the "tabs" permission, in Chromium 156 and Firefox 153 alike; docs/browsers.md session 46), cut as a
 *  page's; null where it gives none or it is no http(s) page. */
function tabAddress(sender) {
  return typeof sender.tab?.url === 'string' ? httpUrl(cutPageUrl(sender.tab.url)) : null;
}

/**
 * frame-signin.js's signals of a part with an opaque origin and no address of its own (session 46): a data: frame, a
 * sandboxed srcdoc, about:blank or blob:, as the browser reports it (`sender.origin` "null", `sender.url` no http(s) one; a
 * sandboxed frame at an http(s) address sends that address, and is held to it, above). The page controls what the
 * part shows, never `sender`. Its signals are required (there is no address to assess without them) and carry no
 * address (`url` ''): the engine judges them at none, a page without a host (src/page/analyze.rs `placed`), never a
 * vendor's own host, nor a sign-on flow's path read from the part's data: URL, which the page writes; no vendor's
 * real sign-in is drawn in such a part. The request's address is the tab's (tabAddress): the warning names the part
 * one of this page (`opaque`: the warning page says it has no address of its own), and "Continue anyway" allows that
 * host's opaque parts only (warning-gate.js). The document, its restores, the tab and the frame as for any frame
 * (documentReport).
 */
function opaquePart(message, sender) {
  // By its scheme: a data: address can be megabytes long (not parsed here).
  if (sender.origin !== 'null' || typeof sender.url !== 'string' || /^https?:/i.test(sender.url)) return null;
  const tab = tabAddress(sender);
  const signals = parseSignals(message.signals);
  if (!tab || !signals || signals.url !== '') return null;
  const report = documentReport(message, sender, { frame: true, address: tab });
  return report && { type: 'assess-frame', ...report, inline: true, opaque: true, signals };
}

/** `request` with the message's page signals where they pass their checks (parseSignals) and are about the message's
 *  own address; without them otherwise, the address still assessed (never silent). */
function withSignals(request, message) {
  if (!('signals' in message)) return request;
  const signals = parseSignals(message.signals);
  return signals && signals.url === message.url ? { ...request, signals } : request;
}

/** The answer of a tab's top-frame content script to the background's `page-load` question (content/gate.js,
 *  shown-load.js askShownLoad): its page load's id (content/load-id.js), or null for anything else. */
export function parseLoadReply(reply) {
  if (!isPlainObject(reply) || !hasOnlyKeys(reply, ['load'])) return null;
  return typeof reply.load === 'string' && LOAD_ID.test(reply.load) ? reply.load : null;
}

// Caps of page signals (src/page/mod.rs): MAX_NOTICES, MAX_NOTICE, MAX_BUTTONS, MAX_TEXT.
const MAX_NOTICES = 20;
const MAX_NOTICE = 300;
const MAX_BUTTONS = 100;
const MAX_TEXT = 150;

function shortString(value, max) {
  return typeof value === 'string' && value.length <= max;
}

/** The tab and page of a content script in a tab's top frame, as the browser reports them; null otherwise. */
function contentScriptPage(sender) {
  const tab = sender.tab;
  if (!isPlainObject(tab) || !Number.isInteger(tab.id) || tab.id < 0 || sender.frameId !== 0) return null;
  const url = typeof sender.url === 'string' ? httpUrl(cutPageUrl(sender.url)) : null;
  return url ? { tabId: tab.id, url: url.href } : null;
}

/** Like contentScriptPage, with the page's address from the message: after a history.pushState the sender
 *  still reports the loaded document's (single-page apps). It must have the sender's origin, as for
 *  assess-page. */
function contentScriptPageAt(message, sender) {
  const from = contentScriptPage(sender);
  const url = typeof message.url === 'string' ? httpUrl(cutPageUrl(message.url)) : null;
  return from && url && url.origin === new URL(from.url).origin ? { tabId: from.tabId, url: url.href } : null;
}

// The other caps of page signals (src/page/mod.rs), for parseSignals.
const SIGNAL_CAPS = {
  src: 1000,
  fieldName: 60,
  frameHosts: 8,
  host: 253,
  headings: 10,
  links: 200,
  forms: 10,
  fields: 20,
  imgAlts: 30,
  scripts: 50,
  iframes: 20,
  copyrights: 3,
};

/** An object with exactly these keys, each value passing its check. */
function exactObject(value, checks) {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(checks);
  return Object.keys(value).length === keys.length && keys.every((key) => key in value && checks[key](value[key]));
}

const stringUpTo = (max) => (value) => shortString(value, max);
const listOf = (max, check) => (value) => Array.isArray(value) && value.length <= max && value.every(check);

/**
 * Page signals as the content script sends them (extension/signals.js): exactly the engine's fields, each of
 * its type and within the engine's caps, so a page can neither make the background parse a huge description
 * nor slip in a field. Returns a copy with only those fields, or null.
 */
export function parseSignals(value) {
  const link = (l) => exactObject(l, { href: stringUpTo(SIGNAL_CAPS.src), text: stringUpTo(MAX_TEXT), aria_label: stringUpTo(MAX_TEXT) });
  const button = (b) => exactObject(b, { text: stringUpTo(MAX_TEXT), aria_label: stringUpTo(MAX_TEXT) });
  const field = (f) =>
    exactObject(f, {
      type: stringUpTo(SIGNAL_CAPS.fieldName),
      name: stringUpTo(SIGNAL_CAPS.fieldName),
      autocomplete: stringUpTo(SIGNAL_CAPS.fieldName),
      placeholder: stringUpTo(MAX_TEXT),
    });
  const form = (f) =>
    exactObject(f, {
      action: stringUpTo(SIGNAL_CAPS.src),
      has_password: (v) => typeof v === 'boolean',
      fields: listOf(SIGNAL_CAPS.fields, field),
      submit: stringUpTo(MAX_TEXT),
    });
  const valid = exactObject(value, {
    url: stringUpTo(MAX_URL_LENGTH),
    title: stringUpTo(MAX_TEXT),
    frame_hosts: listOf(SIGNAL_CAPS.frameHosts, stringUpTo(SIGNAL_CAPS.host)),
    headings: listOf(SIGNAL_CAPS.headings, stringUpTo(MAX_TEXT)),
    links: listOf(SIGNAL_CAPS.links, link),
    buttons: listOf(MAX_BUTTONS, button),
    forms: listOf(SIGNAL_CAPS.forms, form),
    img_alts: listOf(SIGNAL_CAPS.imgAlts, stringUpTo(MAX_TEXT)),
    script_srcs: listOf(SIGNAL_CAPS.scripts, stringUpTo(SIGNAL_CAPS.src)),
    iframe_srcs: listOf(SIGNAL_CAPS.iframes, stringUpTo(SIGNAL_CAPS.src)),
    notices: listOf(MAX_NOTICES, stringUpTo(MAX_NOTICE)),
    copyrights: listOf(SIGNAL_CAPS.copyrights, stringUpTo(MAX_TEXT)),
    truncated: (v) => typeof v === 'boolean',
  });
  // Validated field by field above; a JSON round trip gives a copy with plain prototypes only.
  return valid ? JSON.parse(JSON.stringify(value)) : null;
}
