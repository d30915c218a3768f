// The in-page warning banner. A classic script (content scripts cannot be modules), loaded before content.js
// in the same isolated world; it only defines joinguardOverlay and touches nothing until show() is called.
//
// Hostile-page rules (research/tech.md §6): a closed shadow root the page cannot read; a host element with
// `all: initial` set inline with !important so page CSS cannot restyle it; position fixed (no layout shift);
// the <style> gets its textContent before insertion (Firefox then applies the content script's CSP, not the
// page's: bug 1706787); the DOM is built with createElement/textContent only, never HTML strings, so pages
// with Trusted Types or a strict CSP accept it.
'use strict';

globalThis.joinguardOverlay = (() => {
  const CSS = `
    .banner {
      box-sizing: border-box;
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
    .banner.danger { --accent: #b91c1c; }
    .banner.warning { --accent: #c2410c; }
    .banner.caution { --accent: #9a6700; }
    .banner.info { --accent: #1d4ed8; }
    .head { display: flex; align-items: flex-start; gap: 8px; }
    .title { flex: 1; margin: 0; font-size: 15px; font-weight: 700; }
    .brand { display: block; margin: 0 0 2px; font-size: 12px; font-weight: 600; color: #555555; }
    .close {
      flex: none; margin: -4px -6px 0 0; padding: 2px 8px; border: 0; border-radius: 4px;
      background: transparent; color: inherit; font: 20px/1 system-ui, sans-serif; cursor: pointer;
    }
    .close:hover { background: rgba(0, 0, 0, 0.08); }
    .close:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
    ul { margin: 8px 0 0; padding: 0; list-style: none; }
    li { margin: 6px 0 0; }
    .severity { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: 0.04em; margin-right: 6px; }
    .danger-item .severity { color: #b91c1c; }
    .warning-item .severity { color: #c2410c; }
    .caution-item .severity { color: #9a6700; }
    .info-item .severity { color: #1d4ed8; }
    @media (prefers-color-scheme: dark) {
      .banner { background: #1f2937; color: #f3f4f6; }
      .brand { color: #cbd5e1; }
      .close:hover { background: rgba(255, 255, 255, 0.12); }
      .danger-item .severity { color: #fca5a5; }
      .warning-item .severity { color: #fdba74; }
      .caution-item .severity { color: #fcd34d; }
      .info-item .severity { color: #93c5fd; }
    }
  `;

  // Inline !important beats any page stylesheet, including its !important rules.
  const HOST_STYLE = {
    all: 'initial',
    position: 'fixed',
    top: '16px',
    right: '16px',
    'z-index': '2147483647',
    display: 'block',
  };

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * @param {{brand: string, title: string, severity: string, items: {severity: string, label: string, message: string}[],
   *          dismissLabel: string}} model every string already localised; shown as text, never parsed
   */
  function show(model) {
    const host = document.createElement('joinguard-overlay');
    for (const [property, value] of Object.entries(HOST_STYLE)) host.style.setProperty(property, value, 'important');
    const root = host.attachShadow({ mode: 'closed' });

    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);

    const banner = element('section', `banner ${model.severity}`);
    banner.setAttribute('role', 'alert');
    banner.setAttribute('aria-live', 'assertive');
    banner.setAttribute('aria-labelledby', 'joinguard-title');

    const head = element('div', 'head');
    const title = element('h2', 'title');
    title.id = 'joinguard-title';
    title.append(element('span', 'brand', model.brand), model.title);
    const close = element('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', model.dismissLabel);
    close.title = model.dismissLabel;
    head.append(title, close);
    banner.append(head);

    const list = element('ul');
    for (const item of model.items) {
      const entry = element('li', `${item.severity}-item`);
      entry.append(element('span', 'severity', item.label), item.message);
      list.append(entry);
    }
    banner.append(list);
    root.append(banner);

    const dismiss = () => host.remove();
    // Only a real click or key press dismisses: the page can dispatch synthetic events at the host.
    close.addEventListener('click', (event) => event.isTrusted && dismiss());
    banner.addEventListener('keydown', (event) => event.isTrusted && event.key === 'Escape' && dismiss());

    document.documentElement.append(host);
    return { dismiss };
  }

  return { show };
})();
