// Reads the extension's in-page elements that live in closed shadow roots (banner, link badges, credential
// marks, composer warnings) through the DevTools protocol, which returns closed roots too (`pierce: true`); the
// page itself cannot see into them. Used by browser.mjs (the banner), browsers.mjs (tab.shadowHosts in Chromium),
// and webmail.test.mjs's 5,000-link page.
//
// The hosts are plain built-in elements (`div`, `span`: a page cannot define those as custom elements and take
// their closed roots), so they are not found by name: a host is an element with a closed shadow root whose
// first element (after the <style>) has the class of that piece of UI.

/** The class of the top element in each piece of UI's closed root. */
export const UI = Object.freeze({ banner: 'banner', badge: 'badge', flag: 'flag', composerWarning: 'warning' });

/** Whether a DevTools DOM node is the host of the extension's `marker` UI (one of UI's values). */
export function isUiHost(node, marker) {
  const shadow = node.shadowRoots?.[0];
  if (!shadow || shadow.shadowRootType !== 'closed') return false;
  const first = (shadow.children ?? []).find((child) => child.nodeType === 1 && child.nodeName !== 'STYLE');
  const attributes = first?.attributes ?? [];
  for (let i = 0; i < attributes.length; i += 2) {
    if (attributes[i] === 'class') return attributes[i + 1].split(/\s+/).includes(marker);
  }
  return false;
}

/**
 * Every host of the `marker` UI (UI.badge, UI.flag, …) in the page (all frames of the main document), in document order, as
 * { text, title, className, previous: {nodeName, href, text} | null, buttons: [{text, x, y}], ancestorId }:
 * `previous` is the element just before the host (the link a badge follows), `buttons` the centres of the
 * buttons in its shadow root in page coordinates, for real (trusted) mouse clicks, `ancestorId` the id of the
 * nearest ancestor that has one.
 */
export async function readShadowHosts(page, marker) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    // The page (or the extension's UI) may change between the snapshot and a button's box query; the query then
    // fails with "Could not find node with given id" (seen once in credentials.test.mjs under load, stop 28).
    // A changed DOM is a reason to read it again, not a failure: up to SNAPSHOTS fresh snapshots.
    for (let attempt = 1; ; attempt++) {
      try {
        return await readSnapshot(cdp, marker);
      } catch (error) {
        if (attempt >= SNAPSHOTS || !STALE_NODE.test(String(error?.message))) throw error;
      }
    }
  } finally {
    await cdp.detach();
  }
}

const SNAPSHOTS = 5;
const STALE_NODE = /Could not find node|does not belong to the document|No node with given id/;

/** One read of the document's UI hosts (readShadowHosts' answer) from a fresh DevTools snapshot. */
async function readSnapshot(cdp, marker) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const hosts = [];
  const idOf = (node) => {
    const attributes = node?.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === 'id') return attributes[i + 1];
    return null;
  };
  const walk = (node, parent, ancestorId = null) => {
    if (isUiHost(node, marker)) hosts.push({ node, parent, ancestorId });
    const nearest = idOf(node) ?? ancestorId;
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
      walk(child, node, nearest);
    }
  };
  walk(root, null);
  const attribute = (node, name) => {
    const attributes = node?.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2) if (attributes[i] === name) return attributes[i + 1];
    return null;
  };
  const textOf = (node) => {
    if (node.nodeName === 'STYLE') return '';
    if (node.nodeType === 3) return node.nodeValue;
    return (node.children ?? []).map(textOf).join(' ');
  };
  const results = [];
  for (const { node, parent, ancestorId } of hosts) {
    const shadow = node.shadowRoots?.[0];
    const find = (n, predicate, out = []) => {
      if (predicate(n)) out.push(n);
      for (const child of n.children ?? []) find(child, predicate, out);
      return out;
    };
    const labelled = shadow ? find(shadow, (n) => attribute(n, 'class') !== null && n.nodeName !== 'STYLE') : [];
    const siblings = (parent?.children ?? []).filter((n) => n.nodeType === 1 || n.nodeType === 3);
    const at = siblings.indexOf(node);
    const before = at > 0 ? siblings[at - 1] : null;
    const buttons = [];
    for (const button of shadow ? find(shadow, (n) => n.nodeName === 'BUTTON') : []) {
      const { model } = await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId });
      const box = model.content;
      buttons.push({ text: textOf(button).trim(), x: (box[0] + box[4]) / 2, y: (box[1] + box[5]) / 2 });
    }
    results.push({
      shadowRootType: shadow?.shadowRootType ?? null,
      text: shadow ? textOf(shadow).replace(/\s+/g, ' ').trim() : '',
      title: labelled.map((n) => attribute(n, 'title')).find((t) => t !== null) ?? null,
      className: labelled[0] ? attribute(labelled[0], 'class') : null,
      previous: before && {
        nodeName: before.nodeName,
        href: attribute(before, 'href'),
        text: textOf(before).trim(),
      },
      buttons,
      ancestorId,
    });
  }
  return results;
}
