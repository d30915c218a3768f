// The in-page warnings: a banner, and a full-page interstitial for danger. A module of the top-frame content
// script (content.js, which also hands it to the meeting-page scripts: see there); it touches nothing until one
// of these is called:
//
//   joinguardOverlay.showBanner(model)       shows (or updates) the banner; model:
//     { severity: 'info'|'caution'|'warning'|'danger', title: string,
//       items: [{ severity, text }],                       the top findings, shown at once
//       details?: { findings: [{ severity, text }],         every finding, behind "Why?"
//                   grade?: string, reasons: [{ points, text, sources: [{ url, date, claim }] }] },
//       vendorName?: string,                               offers "don't warn me about <vendor>" when set
//       onDismiss?: (scope) => void,                       scope: 'page' or 'vendor' (remembered by the caller)
//       onClose?: () => void }                             the banner was closed (×, Escape or a dismissal)
//   joinguardOverlay.showInterstitial(model) covers the page with a warning like a browser's phishing page;
//     { title, text, items: [{ severity, text }], onLeave?: () => void, onContinue?: () => void }
//     "Continue anyway" removes it (the caller then shows the banner); "Leave this page" goes back, or to
//     about:blank when there is nothing to go back to.
//   joinguardOverlay.addNotice({ severity, title, text }) adds an item to the banner, or shows a small banner
//     with it when there is none; returns { remove() }. For other content scripts (media-watch.js, …).
//   joinguardOverlay.clear()                 removes everything (used on single-page navigations).
// Every string is already localised by the caller and is shown as text, never parsed. The overlay's own
// labels (buttons) come from _locales (overlay_*, interstitial_*).
//
// Hostile-page rules (research/tech.md §6): a closed shadow root the page cannot read; a host element whose
// inline style (`all: initial`, position fixed, all !important) beats any page CSS and is put back if the page
// changes it; the host is put back if the page removes it (a bounded number of times, so a page fighting it
// cannot make it loop); only trusted events act (the page can dispatch synthetic clicks at the host); the
// <style> gets its textContent before insertion (Firefox then applies the content script's CSP, not the
// page's: bug 1706787); the DOM is built with createElement/textContent only, so pages with Trusted Types or a
// strict CSP accept it; fixed position, so the page's layout never shifts.
import { t } from '../shared/i18n.js';
import { closedShadowHost, element, setHostStyle } from './shadow-host.js';

export const overlay = (() => {
  const MAX_REINSERTIONS = 10;
  const MAX_NOTICES = 5;
  const SEVERITY_LABEL_KEYS = {
    info: 'severity_info',
    caution: 'severity_caution',
    warning: 'severity_warning',
    danger: 'severity_danger',
  };
  const severityOf = (value) => (Object.prototype.hasOwnProperty.call(SEVERITY_LABEL_KEYS, value) ? value : 'info');

  // Colours meet WCAG AA (4.5:1) for their text on their background, in both schemes.
  const CSS = `
    :host { all: initial; }
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

    .interstitial {
      position: fixed; inset: 0; overflow: auto;
      display: flex; align-items: center; justify-content: center;
      padding: 24px;
      background: #a50e0e; color: #ffffff;
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      text-align: left; direction: ltr;
    }
    .panel { max-width: 600px; }
    .mark { font-size: 48px; line-height: 1; margin: 0 0 16px; }
    .interstitial h1 { font-size: 28px; line-height: 1.25; margin: 0 0 16px; }
    .interstitial p { margin: 0 0 12px; }
    .interstitial ul { margin: 0 0 16px; }
    .interstitial li { margin: 0 0 8px; }
    .interstitial .brand { color: #ffffff; font-size: 13px; margin: 0 0 8px; }
    .buttons { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 24px; }
    .leave {
      padding: 10px 20px; border: 0; border-radius: 6px;
      background: #ffffff; color: #8b0000; font-size: 15px; font-weight: 700;
    }
    .continue {
      padding: 10px 12px; border: 1px solid #ffffff; border-radius: 6px;
      background: transparent; color: #ffffff; font-size: 15px;
    }
    .interstitial button:focus-visible { outline: 3px solid #ffffff; outline-offset: 2px; }

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

  // Inline !important beats any page stylesheet, including its !important rules.
  const BANNER_HOST_STYLE = {
    position: 'fixed',
    top: '16px',
    right: '16px',
    'z-index': '2147483647',
    display: 'block',
  };
  const INTERSTITIAL_HOST_STYLE = {
    position: 'fixed',
    top: '0',
    left: '0',
    width: '100vw',
    height: '100vh',
    'z-index': '2147483647',
    display: 'block',
  };

  const state = {
    host: null,
    root: null,
    hostStyle: BANNER_HOST_STYLE,
    appliedStyle: null,
    appliedFor: null,
    guard: null,
    reinsertions: 0,
    banner: null, // the last banner model
    detailsOpen: false,
    notices: [],
    interstitial: null, // { model, previousFocus }
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

  function applyHostStyle() {
    const { host } = state;
    setHostStyle(host, state.hostStyle);
    for (const attribute of ['hidden', 'inert']) host.removeAttribute(attribute);
    // As the browser serialises it, to notice any change by the page.
    state.appliedStyle = host.getAttribute('style');
    state.appliedFor = state.hostStyle;
  }

  /** Creates the host and its closed shadow root once; keeps them in the page (bounded). */
  function ensureHost() {
    if (state.host) {
      if (!state.host.isConnected) document.documentElement.append(state.host);
      return state.root;
    }
    const { host, root } = closedShadowHost('joinguard-overlay', state.hostStyle, CSS);
    state.host = host;
    state.root = root;
    applyHostStyle();
    root.addEventListener('keydown', onKeydown);
    document.documentElement.append(host);
    guard();
    return root;
  }

  /** Puts the host back when the page removes it or changes its attributes, at most MAX_REINSERTIONS times. */
  function guard() {
    state.guard?.disconnect();
    const observer = new MutationObserver(() => {
      const { host } = state;
      if (!host) return;
      const removed = !host.isConnected;
      const restyled = !removed && !sameStyle(host);
      if (!removed && !restyled) return;
      if (state.reinsertions >= MAX_REINSERTIONS) {
        observer.disconnect();
        return;
      }
      state.reinsertions += 1;
      if (restyled) applyHostStyle();
      if (removed) document.documentElement.append(host);
      if (state.interstitial) focusFirst();
    });
    observer.observe(document.documentElement, { childList: true });
    observer.observe(state.host, { attributes: true });
    state.guard = observer;
  }

  function sameStyle(host) {
    if (host.hasAttribute('hidden') || host.hasAttribute('inert')) return false;
    return state.appliedFor === state.hostStyle && host.getAttribute('style') === state.appliedStyle;
  }

  function removeHost() {
    state.guard?.disconnect();
    state.guard = null;
    state.host?.remove();
    state.host = null;
    state.root = null;
  }

  function severityItem(item, extraClass = '') {
    const severity = severityOf(item.severity);
    const entry = element('li', `${severity}-item ${extraClass}`.trim());
    entry.append(element('span', 'severity', t(SEVERITY_LABEL_KEYS[severity])), String(item.text ?? ''));
    return entry;
  }

  function noticeItem(notice) {
    const severity = severityOf(notice.severity);
    const entry = element('li', `${severity}-item notice`);
    entry.append(element('span', 'severity', t(SEVERITY_LABEL_KEYS[severity])));
    if (notice.title) entry.append(element('span', 'notice-title', String(notice.title)));
    entry.append(String(notice.text ?? ''));
    return entry;
  }

  function sourceLinks(sources) {
    const span = element('span', 'sources');
    for (const source of sources ?? []) {
      // Sources come from the bundled database; only web links become links.
      if (typeof source?.url !== 'string' || !/^https?:\/\//i.test(source.url)) continue;
      const link = element('a', '', source.date ? t('overlay_source_dated', [String(source.date)]) : t('overlay_source'));
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
      section.append(element('h3', '', t('overlay_details_findings')));
      const list = element('ul');
      for (const item of details.findings) list.append(severityItem(item));
      section.append(list);
    }
    if (details.reasons) {
      section.append(element('h3', '', details.grade ? t('overlay_details_grade', [details.grade]) : t('overlay_details_reasons')));
      const list = element('ul');
      if (details.reasons.length === 0) list.append(element('li', '', t('overlay_details_no_reasons')));
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

  /** Draws the current state: the interstitial, else the banner (from its model, or for notices alone). */
  function render() {
    const model = state.banner;
    if (!state.interstitial && !model && state.notices.length === 0) {
      removeHost();
      return;
    }
    const root = ensureHost();
    for (const node of [...root.childNodes]) if (node.nodeName !== 'STYLE') node.remove();
    root.append(state.interstitial ? renderInterstitial(state.interstitial.model) : renderBanner(model));
  }

  function renderBanner(model) {
    state.hostStyle = BANNER_HOST_STYLE;
    if (!sameStyle(state.host)) applyHostStyle();

    const severities = ['danger', 'warning', 'caution', 'info'];
    const noticeSeverity = severities.find((s) => state.notices.some((n) => severityOf(n.severity) === s));
    const severity = model ? severityOf(model.severity) : noticeSeverity ?? 'info';
    const banner = element('section', `banner ${severity}`);
    banner.setAttribute('role', 'alert');
    banner.setAttribute('aria-live', 'assertive');
    banner.setAttribute('aria-labelledby', 'joinguard-title');

    const head = element('div', 'head');
    const title = element('h2', 'title');
    title.id = 'joinguard-title';
    const titleText = model ? model.title : state.notices[0].title;
    title.append(element('span', 'brand', t('extName')), String(titleText ?? ''));
    const close = button('close', '×', () => dismiss(null));
    close.setAttribute('aria-label', t('overlay_close'));
    close.title = t('overlay_close');
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
        why.textContent = state.detailsOpen ? t('overlay_why_hide') : t('overlay_why');
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
        actions.append(button('action dismiss-page', t('overlay_dismiss_page'), () => dismiss('page')));
        if (model.vendorName) {
          actions.append(button('action dismiss-vendor', t('overlay_dismiss_vendor', [String(model.vendorName)]), () => dismiss('vendor')));
        }
      }
      banner.append(actions);
      if (model.details) showDetails();
    }
    return banner;
  }

  function renderInterstitial(model) {
    state.hostStyle = INTERSTITIAL_HOST_STYLE;
    if (!sameStyle(state.host)) applyHostStyle();
    const page = element('div', 'interstitial');
    page.setAttribute('role', 'alertdialog');
    page.setAttribute('aria-modal', 'true');
    page.setAttribute('aria-labelledby', 'joinguard-interstitial-title');
    page.setAttribute('aria-describedby', 'joinguard-interstitial-text');
    const panel = element('div', 'panel');
    const mark = element('p', 'mark', '⚠');
    mark.setAttribute('aria-hidden', 'true');
    const title = element('h1', '', String(model.title ?? ''));
    title.id = 'joinguard-interstitial-title';
    const text = element('p', '', String(model.text ?? ''));
    text.id = 'joinguard-interstitial-text';
    panel.append(mark, element('p', 'brand', t('extName')), title, text);
    if (model.items?.length) {
      const list = element('ul');
      for (const item of model.items) list.append(element('li', '', String(item.text ?? '')));
      panel.append(list);
    }
    const buttons = element('div', 'buttons');
    buttons.append(
      button('leave', t('interstitial_leave'), () => leave(model)),
      button('continue', t('interstitial_continue'), () => continueAnyway(model)),
    );
    panel.append(buttons);
    page.append(panel);
    return page;
  }

  function focusables() {
    return state.root ? [...state.root.querySelectorAll('button, a[href]')] : [];
  }

  function focusFirst() {
    state.root?.querySelector('.leave')?.focus();
  }

  function onKeydown(event) {
    if (!event.isTrusted) return;
    if (state.interstitial) {
      if (event.key !== 'Tab') return;
      // Keep focus inside the warning (aria-modal): wrap around at both ends.
      const items = focusables();
      if (items.length === 0) return;
      const index = items.indexOf(state.root.activeElement);
      const next = event.shiftKey ? (index <= 0 ? items.length - 1 : index - 1) : index === items.length - 1 ? 0 : index + 1;
      items[next].focus();
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') dismiss(null);
  }

  /** While the interstitial is up, focus that leaves it (page scripts, a click outside) comes back. */
  function onFocusIn(event) {
    if (state.interstitial && state.host && event.target !== state.host) focusFirst();
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

  function closeInterstitial() {
    const previous = state.interstitial?.previousFocus;
    state.interstitial = null;
    document.removeEventListener('focusin', onFocusIn, true);
    if (previous?.isConnected && typeof previous.focus === 'function') previous.focus();
  }

  function leave(model) {
    model.onLeave?.();
    const here = location.href;
    if (history.length > 1) history.back();
    // Nothing to go back to (or going back stayed here): an empty page.
    setTimeout(() => {
      if (location.href === here) location.replace('about:blank');
    }, 500);
  }

  function continueAnyway(model) {
    closeInterstitial();
    render();
    model.onContinue?.();
  }

  function showBanner(model) {
    state.banner = model;
    // Under the interstitial the banner waits (redrawing would take the focus from the warning).
    if (!state.interstitial) render();
  }

  function showInterstitial(model) {
    const previousFocus = document.activeElement;
    state.interstitial = { model, previousFocus };
    render();
    document.addEventListener('focusin', onFocusIn, true);
    focusFirst();
  }

  function addNotice(notice) {
    const entry = {
      severity: severityOf(notice?.severity),
      title: typeof notice?.title === 'string' ? notice.title : '',
      text: typeof notice?.text === 'string' ? notice.text : '',
    };
    state.notices.push(entry);
    if (state.notices.length > MAX_NOTICES) state.notices.shift();
    if (!state.interstitial) render();
    return {
      remove() {
        const index = state.notices.indexOf(entry);
        if (index < 0) return;
        state.notices.splice(index, 1);
        if (!state.interstitial) render();
      },
    };
  }

  function clear() {
    if (state.interstitial) closeInterstitial();
    state.banner = null;
    state.detailsOpen = false;
    render();
  }

  return Object.freeze({ showBanner, showInterstitial, addNotice, clear });
})();
