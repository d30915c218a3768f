// Part of the top-frame content script on conferencing pages (content/meeting-page.js, with media-watch.js):
// watches a meeting's web client for a recording indicator ("REC", "Recording…", "This
// meeting is being recorded", aria-labels) and for a consent notice, and warns "this session appears to be
// recorded" with what the vendor is known to show participants.
//
// The engine decides, in the background: whether this page is the web client or join page of Zoom, Teams,
// Meet, Webex, Jitsi or BigBlueButton (classified from the page's address), whether a text is a recording
// indicator or a consent notice (the word lists of src/page/words.rs, in English, French, German, Spanish and
// Italian), and the vendor's `recording_notice` fact. This script only collects candidate texts cheaply:
// - bounded reads: at most MAX_TEXT_NODES text nodes and MAX_LABELLED labelled elements per pass, texts cut at
//   the engine's caps (src/page/mod.rs);
// - incremental: the first pass reads the page, later ones only the nodes a MutationObserver saw change, at
//   most one pass per THROTTLE_MS, and a message only when a new candidate text turned up;
// - nothing at all once the background says the page is not a meeting page.
// Like media-watch.js it only ever adds notices.
import { ext } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { overlay } from './overlay.js';
import { indicatorKey, recordingText } from '../shared/recording-text.js';
import { LOAD_ID } from './load-id.js';
import { boundedText, headOf, lengthOf } from './bounded-text.js';

/**
 * Watches the page from DOMContentLoaded on, until the background says it is no meeting page.
 * @param {{onWarning?: () => void}} options `onWarning`: called after each answer that a recording is shown
 *   without a consent notice (the background has kept that answer for the tab by then): content.js then asks
 *   again, so that its banner can leave out the engine's copy of this warning (content/meeting-page.js).
 */
export function watchRecording({ onWarning } = {}) {
  // Kept equal to NOTICE_STEMS and NOTICE_EXACT in src/page/mod.rs by tests/content_script_hosts.rs: texts
  // holding one of these are worth sending; the engine filters again with its full word lists.
  const NOTICE_STEMS = ['record', 'enregistr', 'aufzeichn', 'aufgezeichnet', 'grabaci', 'grabando', 'grabad', 'registra', 'consent', 'consens', 'einwillig', 'zustimm', 'einverstanden', 'agree', 'accept', 'acept', 'accett', 'privacy', 'datenschutz', 'confidentialit', 'privacidad'];
  const NOTICE_EXACT = ['rec'];
  const MAX_NOTICE = 300; // src/page/mod.rs MAX_NOTICE
  const MAX_TEXT = 150; // MAX_TEXT
  const MAX_NOTICES = 20; // MAX_NOTICES
  const MAX_BUTTONS = 100; // MAX_BUTTONS
  const MAX_TEXT_NODES = 4000; // per pass
  const MAX_LABELLED = 400; // per pass
  const MAX_PENDING = 500; // changed nodes remembered between passes; more means one full pass instead
  const THROTTLE_MS = 1000;
  const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template']);
  const STEM_PATTERN = new RegExp(NOTICE_STEMS.join('|'), 'i'); // plain letters: nothing to escape
  const MAX_EXACT = 24; // "● REC 00:12:31" and the like; a longer text is no bare label

  const collapse = (text, max) => text.replace(/\s+/g, ' ').trim().slice(0, max);

  function candidate(text) {
    if (STEM_PATTERN.test(text)) return true;
    if (text.length > MAX_EXACT) return false;
    // The short label next to a red dot, once symbols and a timer are dropped. Only a text holding one of the
    // labels can give one (indicatorKey lower-cases the same way and keeps runs of letters, joined by spaces, so
    // a one-word label it gives is a run of the lower-cased text; tests/content_script_hosts.rs keeps every
    // label one word): the check first
    // spares most texts indicatorKey's \p{L} expression, whose first use cost 0.9 ms a Zoom join page in
    // Firefox's profiler (session 40).
    const lower = text.toLowerCase();
    return NOTICE_EXACT.some((label) => lower.includes(label)) && NOTICE_EXACT.includes(indicatorKey(text));
  }

  // What was collected so far, in the shape of page signals (src/page/mod.rs). Texts are only ever added: a
  // notice that went away still counts, as the warning it caused stays too.
  const notices = [];
  const buttons = [];
  const seen = new Set();
  let truncated = false;
  let changed = false;
  // Once the engine's MAX_NOTICES places are full, the first KEPT_NOTICES stay (an early consent notice must stay
  // next to a later indicator, or "without notice" would be a false alarm) and the others take the newest texts in
  // turn: a chat's candidate texts ("accept", "agree", "record") filled all of them for the page's life, and an
  // indicator shown later was never sent (session 50). `seen` is emptied past MAX_SEEN texts (a chat's unique
  // lines grew it without end), keeping what is held.
  const KEPT_NOTICES = 10;
  const MAX_SEEN = 2000;
  let ring = 0;

  function addNotice(text) {
    const value = collapse(text, MAX_NOTICE);
    if (!value || seen.has(value) || !candidate(value)) return;
    if (seen.size >= MAX_SEEN) {
      seen.clear();
      for (const held of notices) seen.add(held);
    }
    seen.add(value);
    if (notices.length >= MAX_NOTICES) {
      truncated = true;
      notices[KEPT_NOTICES + (ring++ % (MAX_NOTICES - KEPT_NOTICES))] = value;
    } else {
      notices.push(value);
    }
    changed = true;
  }

  function addLabelled(element) {
    const label = element.getAttribute('aria-label') || element.getAttribute('title') || '';
    if (!element.matches('button, [role=button]')) {
      if (label) addNotice(label);
      return;
    }
    // Read as far as the cut needs (bounded-text.js): a button holding a chat log is not copied whole each pass.
    const text = collapse(boundedOf(element, MAX_TEXT), MAX_TEXT);
    const key = `button\u0000${label}\u0000${text}`;
    if (seen.has(key) || !(candidate(label) || candidate(text))) return;
    seen.add(key);
    if (buttons.length >= MAX_BUTTONS) {
      truncated = true;
      return;
    }
    buttons.push({ text, aria_label: collapse(label, MAX_TEXT) });
    changed = true;
  }

  /** `element`'s text as far as a cut at `max` needs (bounded-text.js); a read bound that stopped it short of the
   *  cut marks the scan truncated, as signals.js's textOf does (review of s49-bounded49, finding 4). */
  function boundedOf(element, max) {
    const { text, whole } = boundedText(element, max);
    if (!whole && collapse(text, max + 1).length <= max) truncated = true;
    return text;
  }

  function readText(node) {
    // The node's first MAX_NOTICE characters, copied alone (not `nodeValue`, which copies it whole in Firefox).
    if (lengthOf(node) < 3 || !candidate(headOf(node, MAX_NOTICE))) return;
    const parent = node.parentElement;
    if (!parent || SKIPPED_ELEMENTS.has(parent.localName)) return;
    // The element's text ("This meeting is being recorded" split over spans), read as far as the cap needs. A read
    // bound (bounded-text.js) that stopped it short of the cap is said, as signals.js says it (review finding 4).
    addNotice(boundedOf(parent, MAX_NOTICE));
  }

  /** Reads `root` (an element or a text node) within the pass's budget; false once the budget is spent. */
  function read(root, budget) {
    if (root.nodeType === Node.TEXT_NODE) {
      readText(root);
      return --budget.texts > 0;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return true;
    // No filter callback: a walker that calls back into JavaScript for every node costs several times more.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (--budget.texts < 0) return false;
      readText(node);
    }
    if (root.hasAttribute('aria-label') || root.hasAttribute('title')) addLabelled(root);
    const labelled = root.querySelectorAll('[aria-label], [title]');
    for (let i = 0; i < labelled.length; i += 1) {
      if (--budget.labelled < 0) return false;
      addLabelled(labelled[i]);
    }
    return true;
  }

  const shown = new Set();

  /** Warns once per state (recorded without consent notice, recorded with one). */
  function warn(reply) {
    const { recording } = reply;
    const state = recording.consent_notice ? 'consent' : 'no_consent';
    if (shown.has(state)) return;
    shown.add(state);
    overlay.addNotice({
      severity: recording.consent_notice ? 'caution' : 'warning',
      title: t('recording_title'),
      text: recordingText(t, { consent: recording.consent_notice, vendor: reply.vendor_name, indicator: recording.indicator, notice: reply.notice }),
    });
  }

  let observer = null;
  let timer = null;
  let lastPass = 0;
  let stopped = false;
  let asked = false; // the first pass always asks: the answer says whether to keep watching
  let fullPass = true; // the first pass reads the whole page; later ones only what changed
  let pending = new Set();

  let askedAbout = ''; // the address the last answer was about
  let restarts = 0;
  const MAX_RESTARTS = 20;

  function stop() {
    stopped = true;
    observer?.disconnect();
    observer = null;
    clearTimeout(timer);
    timer = null;
    pending = new Set();
  }

  // Not a meeting page, for now: a single-page app (Meet's home page, say) may still navigate to a meeting
  // with history.pushState. Noticed as content.js does: the Navigation API where there is one, popstate else.
  function restartOnNewAddress() {
    if (stopped && location.href !== askedAbout && restarts < MAX_RESTARTS) {
      restarts += 1;
      stopped = false;
      asked = false;
      fullPass = true;
      start();
    }
  }
  globalThis.navigation?.addEventListener?.('navigatesuccess', () => setTimeout(restartOnNewAddress, 0));
  addEventListener('popstate', () => setTimeout(restartOnNewAddress, 0));

  function pass() {
    timer = null;
    lastPass = Date.now();
    if (stopped) return;
    const budget = { texts: MAX_TEXT_NODES, labelled: MAX_LABELLED };
    try {
      if (fullPass) {
        if (!read(document.body, budget)) truncated = true;
      } else {
        for (const node of pending) {
          // A node removed since shows nothing.
          if (node.isConnected && !read(node, budget)) {
            truncated = true;
            break;
          }
        }
      }
    } catch {
      // A page that throws at us gets no warning rather than a broken page.
    }
    fullPass = false;
    pending = new Set();
    if (!changed && asked) return;
    changed = false;
    asked = true;
    const address = location.href;
    const message = { type: 'recording-state', url: address, notices: [...notices], buttons: [...buttons], truncated, load: LOAD_ID };
    ext.runtime.sendMessage(message).then(
      (reply) => {
        askedAbout = address;
        if (!reply?.watch) {
          stop();
          restartOnNewAddress(); // the address may have changed while the background answered
          return;
        }
        if (!reply.recording || typeof reply.vendor_name !== 'string') return;
        warn(reply);
        if (!reply.recording.consent_notice) onWarning?.();
      },
      () => {},
    );
  }

  function onMutations(records) {
    if (stopped) return;
    if (!fullPass) {
      for (const record of records) {
        if (record.type === 'childList') for (const node of record.addedNodes) pending.add(node);
        else pending.add(record.target); // a changed text, or an element whose label changed
      }
      if (pending.size > MAX_PENDING) {
        fullPass = true;
        pending = new Set();
      }
    }
    if (timer === null) timer = setTimeout(pass, Math.max(0, lastPass + THROTTLE_MS - Date.now()));
  }

  function start() {
    if (!document.body) return;
    observer = new MutationObserver(onMutations);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-label', 'title'],
    });
    pass();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
