// Isolated-world content script (classic script), in the same entry as media-watch.js (after it), top frame
// of conferencing pages: watches a meeting's web client for a recording indicator ("REC", "Recording…", "This
// meeting is being recorded", aria-labels) and for a consent notice, and warns "this session appears to be
// recorded" with what the vendor is known to show participants.
//
// The engine decides, in the background: whether this page is the web client or join page of Zoom, Teams,
// Meet, Webex, Jitsi or BigBlueButton (classified from the tab's real URL), whether a text is a recording
// indicator or a consent notice (the word lists of src/page/words.rs, in English, French, German, Spanish and
// Italian), and the vendor's `recording_notice` fact. This script only collects candidate texts cheaply:
// - bounded reads: at most MAX_TEXT_NODES text nodes and MAX_LABELLED labelled elements per pass, texts cut at
//   the engine's caps (src/page/mod.rs);
// - a MutationObserver that schedules at most one pass per THROTTLE_MS, and a message only when what it
//   collected changed;
// - nothing at all once the background says the page is not a meeting page.
// Like media-watch.js it only ever adds notices.
'use strict';

(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  // Kept equal to NOTICE_STEMS and NOTICE_EXACT in src/page/mod.rs by tests/content_script_hosts.rs: texts
  // holding one of these are worth sending; the engine filters again with its full word lists.
  const NOTICE_STEMS = ['record', 'enregistr', 'aufzeichn', 'aufgezeichnet', 'grabaci', 'grabando', 'grabad', 'registra', 'consent', 'consens', 'einwillig', 'zustimm', 'einverstanden', 'agree', 'accept', 'acept', 'accett', 'privacy', 'datenschutz', 'confidentialit', 'privacidad'];
  const NOTICE_EXACT = ['rec'];
  const MAX_NOTICE = 300; // src/page/mod.rs MAX_NOTICE
  const MAX_TEXT = 150; // MAX_TEXT
  const MAX_NOTICES = 20; // MAX_NOTICES
  const MAX_BUTTONS = 100; // MAX_BUTTONS
  const MAX_TEXT_NODES = 4000;
  const MAX_LABELLED = 400;
  const THROTTLE_MS = 1000;
  const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'svg']);

  const t = (key, substitutions) => ext.i18n.getMessage(key, substitutions) || key;
  const collapse = (text, max) => text.replace(/\s+/g, ' ').trim().slice(0, max);

  function candidate(text) {
    const lower = text.toLowerCase();
    if (NOTICE_STEMS.some((stem) => lower.includes(stem))) return true;
    // "● REC 00:12:31": the short label next to a red dot, once symbols and a timer are dropped.
    const letters = lower.replace(/[^\p{L}]+/gu, ' ').trim();
    return NOTICE_EXACT.includes(letters);
  }

  /** Candidate notices and buttons, in the shape of page signals (src/page/mod.rs). */
  function collect() {
    const notices = [];
    const buttons = [];
    const seen = new Set();
    let truncated = false;
    const addNotice = (text) => {
      const value = collapse(text, MAX_NOTICE);
      if (!value || seen.has(value) || !candidate(value)) return;
      if (notices.length >= MAX_NOTICES) {
        truncated = true;
        return;
      }
      seen.add(value);
      notices.push(value);
    };

    const body = document.body;
    if (!body) return { notices, buttons, truncated };
    // Elements are visited only to reject the subtrees that hold no visible text.
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === Node.TEXT_NODE
          ? NodeFilter.FILTER_ACCEPT
          : SKIPPED_ELEMENTS.has(node.localName)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_SKIP,
    });
    let count = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++count > MAX_TEXT_NODES) {
        truncated = true;
        break;
      }
      const text = node.nodeValue;
      if (text.length > 1 && candidate(text.slice(0, MAX_NOTICE))) {
        // The whole element ("This meeting is being recorded" split over spans), at the cap.
        addNotice(node.parentElement?.textContent ?? text);
      }
    }

    // Icons with no text: the label is in aria-label or title.
    const labelled = body.querySelectorAll('[aria-label], [title]');
    for (let i = 0; i < labelled.length && i < MAX_LABELLED; i += 1) {
      const element = labelled[i];
      const label = element.getAttribute('aria-label') || element.getAttribute('title') || '';
      if (element.matches('button, [role=button]')) {
        const text = collapse(element.textContent ?? '', MAX_TEXT);
        if ((candidate(label) || candidate(text)) && buttons.length < MAX_BUTTONS) {
          buttons.push({ text, aria_label: collapse(label, MAX_TEXT) });
        }
      } else {
        addNotice(label);
      }
    }
    if (labelled.length > MAX_LABELLED) truncated = true;
    return { notices, buttons, truncated };
  }

  // Message keys written out whole, so that the locale test sees each one used.
  const STATE_KEYS = { consent: 'recording_consent', no_consent: 'recording_no_consent' };
  const FACT_KEYS = {
    shown: 'recording_vendor_shown',
    partial: 'recording_vendor_partial',
    none: 'recording_vendor_none',
    unknown: 'recording_vendor_unknown',
  };
  const shown = new Set();

  /** Warns once per state (recorded without consent notice, recorded with one). */
  function warn(reply) {
    const { recording } = reply;
    const state = recording.consent_notice ? 'consent' : 'no_consent';
    if (shown.has(state)) return;
    shown.add(state);
    const vendor = reply.vendor_name;
    const fact = Object.hasOwn(FACT_KEYS, reply.notice?.value) ? reply.notice.value : 'unknown';
    const detail = typeof reply.notice?.detail === 'string' ? ` ${reply.notice.detail}` : '';
    globalThis.joinguardNotices?.add({
      severity: recording.consent_notice ? 'caution' : 'warning',
      title: t('recording_title'),
      text: `${t(STATE_KEYS[state], [vendor, recording.indicator])} ${t(FACT_KEYS[fact], [vendor])}${detail}`,
    });
  }

  let observer = null;
  let timer = null;
  let lastPass = 0;
  let lastSent = '';
  let stopped = false;

  function stop() {
    stopped = true;
    observer?.disconnect();
    clearTimeout(timer);
  }

  function pass() {
    timer = null;
    lastPass = Date.now();
    if (stopped) return;
    let collected;
    try {
      collected = collect();
    } catch {
      return;
    }
    const key = JSON.stringify(collected);
    if (key === lastSent) return;
    lastSent = key;
    ext.runtime.sendMessage({ type: 'recording-state', ...collected }).then(
      (reply) => {
        if (!reply?.watch) {
          stop();
          return;
        }
        if (reply.recording && typeof reply.vendor_name === 'string') warn(reply);
      },
      () => {},
    );
  }

  function schedule() {
    if (timer !== null || stopped) return;
    timer = setTimeout(pass, Math.max(0, lastPass + THROTTLE_MS - Date.now()));
  }

  function start() {
    if (!document.body) return;
    observer = new MutationObserver(schedule);
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
})();
