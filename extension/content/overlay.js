// The in-page warnings: a banner. A module of the top-frame content script (content.js's, and in
// meeting-page.js's bundle media-watch.js's and recording.js's too: one overlay a page); it touches nothing until
// one of these is called:
//
//   overlay.showBanner(model)       shows (or updates) the banner; model:
//     { severity: 'info'|'caution'|'warning'|'danger', title: string,
//       items: [{ severity, text }],                       the top findings, shown at once
//       details?: { findings: [{ severity, text }],         every finding, behind "Why?" (drawn when opened)
//                   grade?: string, reasons: [{ points, text, sources: [{ url, date, claim, label? }] }] },
//       labels?: { [messageName]: string },                the overlay's own labels, already localised (the
//                                                          background renders them with the banner's text:
//                                                          then this bundle never calls the i18n API)
//       vendorName?: string,                               offers "don't warn me about <vendor>" when set
//       onDismiss?: (scope) => void,                       scope: 'page' or 'vendor' (remembered by the caller)
//       onClose?: () => void }                             the banner was closed (×, Escape or a dismissal)
// The full-page warning for a lookalike or an imitated sign-in is not here: it is an extension page
// (warning.html) the background sends the tab to, which the page can neither reach nor cover.
//   overlay.addNotice({ severity, title, text }) adds an item to the banner, or shows a small banner
//     with it when there is none; returns { remove() }. For the meeting-page watchers (media-watch.js, …).
//   overlay.clear()                 removes everything (used on single-page navigations).
//   overlay.isOwnChange(record)     whether a MutationRecord is only the overlay's host added to or removed from
//     <html> (content.js's page watcher does not gather the page again for it).
// Every string is already localised by the caller and is shown as text, never parsed. The overlay's own
// labels (buttons) come from _locales (overlay_*).
//
// Hostile-page rules (research/tech.md §6): a closed shadow root the page cannot read, on a plain `div` host
// (a built-in element: the page cannot have defined it first as a custom element and taken the closed root
// through attachInternals(), as it could with any custom element name); a host styled from inside its closed
// root (a `:host` rule: `all: initial`, position fixed, all !important, shadow-host.js), which beats any page
// CSS, the host's inline style included; the attributes a page could hide it with (`hidden`, `inert`, a style
// of its own) are taken off again; the host is put back if the page removes it, at a bounded rate
// (REINSERT_BURST at once, then one per REINSERT_INTERVAL_MS), never giving up: a page fighting it makes it
// flicker, not vanish, and costs a bounded amount of work; the toolbar badge says it meanwhile. Only trusted
// events act (the page can dispatch synthetic clicks at the host); the <style> gets its textContent before
// insertion (Firefox then applies the content script's CSP, not the page's: bug 1706787); the DOM is built with
// createElement/textContent only, so pages with Trusted Types or a strict CSP accept it; fixed position, so the
// page's layout never shifts.
// What remains: a page can cover the banner (a top-layer <dialog> or popover is drawn above any z-index) or
// draw its own fake banner; the danger warning is therefore not a banner (pages/warning.html).
import { t } from '../shared/i18n.js';
import { closedShadowHost, element } from './shadow-host.js';

export const overlay = (() => {
  // Putting the host back: this many times at once, then at most once per interval, for as long as it takes.
  const REINSERT_BURST = 10;
  const REINSERT_INTERVAL_MS = 1000;
  const MAX_NOTICES = 5;
  // The host's attributes a page could hide or restyle it with; the host itself never has any.
  const PAGE_ATTRIBUTES = ['hidden', 'inert', 'style'];
  // Every host this overlay made (a removed one shows up in the mutation records of its removal).
  const hosts = new WeakSet();
  const SEVERITY_LABEL_KEYS = {
    info: 'severity_info',
    caution: 'severity_caution',
    warning: 'severity_warning',
    danger: 'severity_danger',
  };
  const severityOf = (value) => (Object.prototype.hasOwnProperty.call(SEVERITY_LABEL_KEYS, value) ? value : 'info');
  /** One of the overlay's labels: from the banner's model when it brought them, else from _locales. */
  const label = (key, substitutions) => {
    const given = state.banner?.labels?.[key];
    return typeof given === 'string' ? given : t(key, substitutions);
  };

  // Colours meet WCAG AA (4.5:1) for their text on their background, in both schemes.
  const CSS = `
    * { box-sizing: border-box; }
    .banner {
      width: 380px;
      max-width: calc(100vw - 32px);
      max-height: calc(100vh - 32px);
      overflow: auto;
      padding: 12px 14px;
      border-radius: 8px;
      border-left: 6px solid var(--accent);
      background: #ffffff;
      color: #1b1b1b;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      text-align: left;
      direction: ltr;
    }
    .danger { --accent: #b91c1c; }
    .warning { --accent: #c2410c; }
    .caution { --accent: #8a5a00; }
    .info { --accent: #1d4ed8; }
    .head { display: flex; align-items: flex-start; gap: 8px; }
    .title { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
    .brand { display: block; margin: 0 0 2px; font-size: 12px; font-weight: 600; color: #4b4b4b; }
    button {
      font: 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: inherit; cursor: pointer;
    }
    .close {
      flex: none; margin: -4px -6px 0 0; padding: 2px 8px; border: 0; border-radius: 4px;
      background: transparent; font: 20px/1 system-ui, sans-serif;
    }
    .close:hover, .action:hover { background: rgba(0, 0, 0, 0.08); }
    button:focus-visible, a:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
    ul { margin: 8px 0 0; padding: 0; list-style: none; }
    li { margin: 6px 0 0; }
    .severity { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: 0.04em; margin-right: 6px; }
    .danger-item .severity { color: #b91c1c; }
    .warning-item .severity { color: #b3380a; }
    .caution-item .severity { color: #8a5a00; }
    .info-item .severity { color: #1d4ed8; }
    .notice-title { font-weight: 700; margin-right: 4px; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
    .action { padding: 4px 8px; border: 1px solid #767676; border-radius: 4px; background: transparent; }
    .details { margin-top: 8px; border-top: 1px solid #d0d0d0; padding-top: 4px; }
    .details h3 { margin: 8px 0 0; font-size: 13px; }
    .points { font-weight: 700; margin-right: 4px; }
    .sources { font-size: 12px; }
    a { color: #1d4ed8; }

    @media (prefers-color-scheme: dark) {
      .banner { background: #1f2937; color: #f3f4f6; }
      .brand { color: #cbd5e1; }
      .close:hover, .action:hover { background: rgba(255, 255, 255, 0.12); }
      .action { border-color: #9ca3af; }
      .danger-item .severity { color: #fca5a5; }
      .warning-item .severity { color: #fdba74; }
      .caution-item .severity { color: #fcd34d; }
      .info-item .severity { color: #93c5fd; }
      a { color: #93c5fd; }
      button:focus-visible, a:focus-visible { outline-color: #93c5fd; }
    }
  `;

  // The host's `:host` rule (shadow-host.js): it beats any page stylesheet and inline style, !important or not.
  const BANNER_HOST_STYLE = {
    position: 'fixed',
    top: '16px',
    right: '16px',
    'z-index': '2147483647',
    display: 'block',
  };
  const state = {
    host: null,
    root: null,
    guard: null,
    reinsertions: 0, // within the current burst
    lastReinsertion: 0,
    reinsertTimer: 0,
    banner: null, // the last banner model
    detailsOpen: false,
    notices: [],
  };

  function button(className, text, onActivate) {
    const node = element('button', className, text);
    node.type = 'button';
    // Only a real click or key press acts: the page can dispatch synthetic events at the host.
    node.addEventListener('click', (event) => {
      if (event.isTrusted) onActivate(event);
    });
    return node;
  }

  /** Takes off what the page put on the host to hide or restyle it: `hidden` and `inert` (which no style undoes:
   *  inert leaves the banner unclickable), and a style attribute (its declarations lose to the `:host` rule
   *  anyway; custom properties, which `all` leaves out, the banner's own rules do not read from the host). */
  function stripHostAttributes() {
    for (const attribute of PAGE_ATTRIBUTES) state.host.removeAttribute(attribute);
  }

  /** Creates the host and its closed shadow root once; keeps them in the page (bounded, never giving up). */
  function ensureHost() {
    if (state.host) {
      if (state.host.parentNode !== document.documentElement) document.documentElement.append(state.host);
      return state.root;
    }
    // A built-in element: a page can define custom elements (and take their closed roots with
    // attachInternals), never `div`.
    const { host, root } = closedShadowHost('div', BANNER_HOST_STYLE, CSS);
    state.host = host;
    state.root = root;
    hosts.add(host);
    root.addEventListener('keydown', onKeydown);
    document.documentElement.append(host);
    guard();
    return root;
  }

  /** Puts the host back (without the page's attributes) if the page took it away or added them; false when it is
   *  as we left it. */
  function restore() {
    const { host } = state;
    if (!host) return false;
    // Moved elsewhere (into a hidden element) counts as removed.
    const removed = host.parentNode !== document.documentElement;
    const restyled = !removed && !asLeft(host);
    if (!removed && !restyled) return false;
    stripHostAttributes();
    if (removed) document.documentElement.append(host);
    return true;
  }

  /** Puts the host back when the page removes it or changes its attributes: a burst at once, then at most one
   *  per REINSERT_INTERVAL_MS, for as long as the page keeps at it (the work is bounded, the banner stays). */
  function guard() {
    state.guard?.disconnect();
    const observer = new MutationObserver(() => {
      if (!state.host || state.reinsertTimer) return;
      const now = performance.now();
      if (now - state.lastReinsertion > REINSERT_INTERVAL_MS * REINSERT_BURST) state.reinsertions = 0;
      if (state.reinsertions < REINSERT_BURST) {
        if (restore()) {
          state.reinsertions += 1;
          state.lastReinsertion = now;
        }
        return;
      }
      state.reinsertTimer = setTimeout(() => {
        state.reinsertTimer = 0;
        if (restore()) state.lastReinsertion = performance.now();
      }, REINSERT_INTERVAL_MS);
    });
    observer.observe(document.documentElement, { childList: true });
    observer.observe(state.host, { attributes: true });
    state.guard = observer;
  }

  /** Whether the host has none of the page's attributes. */
  const asLeft = (host) => !PAGE_ATTRIBUTES.some((attribute) => host.hasAttribute(attribute));

  function removeHost() {
    state.guard?.disconnect();
    state.guard = null;
    clearTimeout(state.reinsertTimer);
    state.reinsertTimer = 0;
    state.host?.remove();
    state.host = null;
    state.root = null;
  }

  function severityItem(item, extraClass = '') {
    const severity = severityOf(item.severity);
    const entry = element('li', `${severity}-item ${extraClass}`.trim());
    entry.append(element('span', 'severity', label(SEVERITY_LABEL_KEYS[severity])), String(item.text ?? ''));
    return entry;
  }

  function noticeItem(notice) {
    const severity = severityOf(notice.severity);
    const entry = element('li', `${severity}-item notice`);
    entry.append(element('span', 'severity', label(SEVERITY_LABEL_KEYS[severity])));
    if (notice.title) entry.append(element('span', 'notice-title', String(notice.title)));
    entry.append(String(notice.text ?? ''));
    return entry;
  }

  function sourceLinks(sources) {
    const span = element('span', 'sources');
    for (const source of sources ?? []) {
      // Sources come from the bundled database; only web links become links.
      if (typeof source?.url !== 'string' || !/^https?:\/\//i.test(source.url)) continue;
      const text = typeof source.label === 'string' ? source.label : null;
      const link = element('a', '', text ?? (source.date ? t('overlay_source_dated', [String(source.date)]) : t('overlay_source')));
      link.href = source.url;
      link.target = '_blank';
      link.rel = 'noreferrer noopener';
      if (source.claim) link.title = String(source.claim);
      span.append(' [', link, ']');
    }
    return span;
  }

  function detailsSection(details) {
    const section = element('div', 'details');
    section.id = 'joinguard-details';
    if (details.findings?.length) {
      section.append(element('h3', '', label('overlay_details_findings')));
      const list = element('ul');
      for (const item of details.findings) list.append(severityItem(item));
      section.append(list);
    }
    if (details.reasons) {
      section.append(element('h3', '', details.grade ? label('overlay_details_grade', [details.grade]) : label('overlay_details_reasons')));
      const list = element('ul');
      if (details.reasons.length === 0) list.append(element('li', '', label('overlay_details_no_reasons')));
      for (const reason of details.reasons) {
        const entry = element('li');
        const points = Number(reason.points) || 0;
        entry.append(element('span', 'points', `${points > 0 ? '+' : ''}${points}`), String(reason.text ?? ''), sourceLinks(reason.sources));
        list.append(entry);
      }
      section.append(list);
    }
    return section;
  }

  /** Draws the banner (from its model, or for notices alone), or removes it. */
  function render() {
    const model = state.banner;
    if (!model && state.notices.length === 0) {
      removeHost();
      return;
    }
    const root = ensureHost();
    for (const node of [...root.childNodes]) if (node.nodeName !== 'STYLE') node.remove();
    root.append(renderBanner(model));
  }

  function renderBanner(model) {
    if (!asLeft(state.host)) stripHostAttributes();

    // The most severe of the banner's and the notices' (a watcher's warning is no less one inside an info
    // banner: the banner leaves out the engine's copy of what recording.js says, content.js).
    const severities = ['danger', 'warning', 'caution', 'info'];
    const shown = new Set(state.notices.map((n) => severityOf(n.severity)));
    if (model) shown.add(severityOf(model.severity));
    const severity = severities.find((s) => shown.has(s)) ?? 'info';
    const banner = element('section', `banner ${severity}`);
    banner.setAttribute('role', 'alert');
    banner.setAttribute('aria-live', 'assertive');
    banner.setAttribute('aria-labelledby', 'joinguard-title');

    const head = element('div', 'head');
    const title = element('h2', 'title');
    title.id = 'joinguard-title';
    const titleText = model ? model.title : state.notices[0].title;
    title.append(element('span', 'brand', label('extName')), String(titleText ?? ''));
    const close = button('close', '×', () => dismiss(null));
    close.setAttribute('aria-label', label('overlay_close'));
    close.title = label('overlay_close');
    head.append(title, close);
    banner.append(head);

    const list = element('ul');
    for (const item of model?.items ?? []) list.append(severityItem(item));
    for (const notice of state.notices) list.append(noticeItem(notice));
    banner.append(list);

    if (model) {
      const actions = element('div', 'actions');
      // The details are built only while open: closed, they are not in the page at all.
      let details = null;
      const showDetails = () => {
        details?.remove();
        details = state.detailsOpen ? detailsSection(model.details) : null;
        if (details) banner.append(details);
        why.textContent = state.detailsOpen ? label('overlay_why_hide') : label('overlay_why');
        why.setAttribute('aria-expanded', String(state.detailsOpen));
        if (state.detailsOpen) why.setAttribute('aria-controls', 'joinguard-details');
        else why.removeAttribute('aria-controls');
      };
      const why = button('action why', '', () => {
        state.detailsOpen = !state.detailsOpen;
        showDetails();
      });
      if (model.details) actions.append(why);
      if (model.onDismiss) {
        actions.append(button('action dismiss-page', label('overlay_dismiss_page'), () => dismiss('page')));
        if (model.vendorName) {
          actions.append(button('action dismiss-vendor', label('overlay_dismiss_vendor', [String(model.vendorName)]), () => dismiss('vendor')));
        }
      }
      banner.append(actions);
      if (model.details) showDetails();
    }
    return banner;
  }

  function onKeydown(event) {
    if (event.isTrusted && event.key === 'Escape') dismiss(null);
  }

  function dismiss(scope) {
    const model = state.banner;
    state.banner = null;
    state.notices = [];
    state.detailsOpen = false;
    removeHost();
    model?.onClose?.();
    if (scope && model?.onDismiss) model.onDismiss(scope);
  }

  function showBanner(model) {
    state.banner = model;
    render();
  }

  function addNotice(notice) {
    const entry = {
      severity: severityOf(notice?.severity),
      title: typeof notice?.title === 'string' ? notice.title : '',
      text: typeof notice?.text === 'string' ? notice.text : '',
    };
    state.notices.push(entry);
    if (state.notices.length > MAX_NOTICES) state.notices.shift();
    render();
    return {
      remove() {
        const index = state.notices.indexOf(entry);
        if (index < 0) return;
        state.notices.splice(index, 1);
        render();
      },
    };
  }

  function isOwnChange(record) {
    if (record.type !== 'childList' || record.target !== document.documentElement) return false;
    for (const node of record.addedNodes) if (!hosts.has(node)) return false;
    for (const node of record.removedNodes) if (!hosts.has(node)) return false;
    return true;
  }

  function clear() {
    state.banner = null;
    state.detailsOpen = false;
    render();
  }

  return Object.freeze({ showBanner, addNotice, clear, isOwnChange });
})();
