// A module of the top-frame content script (content.js): meeting credentials where anyone can read them.
// On a public site (social networks, forums: the `public_sites` setting; content.js starts it when the
// background's answer about the page says the site is public, so no question of its own is sent), it
//  - flags posts whose text shows a meeting ID with its passcode, a one-tap dial string or a link carrying
//    the passcode, with a small inline mark after the text;
//  - warns while someone types such credentials into a composer (textarea, text input, contenteditable),
//    before they post, with one click to take the passcode out.
// On any other site it is never started and changes nothing.
//
// Privacy: the text of the page and what is typed into a composer go to this extension's own background
// only, to be scanned by the engine there and forgotten: nothing is stored, logged or sent anywhere else.
// Composer text is sent debounced (COMPOSER_DEBOUNCE_MS after the last keystroke) and capped in length.
//
// Bounded, linear work: new content is gathered as at most MAX_PENDING_ROOTS subtrees per period (beyond that,
// one pass over the body instead), nested roots are found through their ancestors (not by comparing every root
// with every other: 20,000 siblings added at once took 26 s that way), and text inside an editor is skipped by
// its parent's isContentEditable, not by testing every editor. Hosts are plain `span`/`div` elements (a page
// cannot define built-ins as custom elements and take their closed roots), told apart by a WeakSet.
import { ext } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { MAX_SCAN_TEXT, MAX_TEXTS_PER_BATCH } from '../shared/limits.js';
import { MAX_URL } from '../shared/url-cut.js';
import { closedShadowHost, element, isOwnHost } from './shadow-host.js';
import { boundedText, getter, headOf } from './bounded-text.js';
import { eventOrigin, shadowRoots } from './signals.js';

/** At most this many composers typed into before the watch starts are remembered (the latest ones). */
const MAX_TYPED_EARLY = 8;
/** Elements that got a person's (trusted) `input` event before the watch started; null once taken. */
let typedEarly = new Set();

function noteTyped(event) {
  // Passive: one add per event, the oldest dropped beyond the cap. A page's own `input` events are not trusted.
  if (!event.isTrusted || !typedEarly) return;
  // The composer itself, also inside a shadow root (the window hears its host: session 49, signals.js eventOrigin).
  const typed = eventOrigin(event);
  if (typedEarly.has(typed)) return;
  if (typedEarly.size >= MAX_TYPED_EARLY) typedEarly.delete(typedEarly.values().next().value);
  typedEarly.add(typed);
}

/**
 * Notes, from document_start (top-frame.js startTopFrame), where a person types before the watch starts: the
 * watch starts after the background's answer (document_idle, then a round trip), and a person can type into a
 * composer before that (a page still loading, a busy background) and move on, with no keystroke after. On the
 * window and capturing, like content.js's password-focus listener, so no page script can stop it first.
 */
export function noteTypingEarly() {
  addEventListener('input', noteTyped, { capture: true, passive: true });
}

/** The elements noted so far, and the noting stops (content.js calls it once the page's answer came). */
export function takeTypedEarly() {
  removeEventListener('input', noteTyped, { capture: true });
  const typed = typedEarly ? [...typedEarly] : [];
  typedEarly = null;
  return typed;
}

/**
 * Starts watching the page (once per document: content.js calls it at most once).
 * @param {Element[]} typed elements a person typed into before the watch started (takeTypedEarly)
 */
export function watchCredentials(typed = []) {
  /** Page text is read in chunks of about this many characters, a bounded number of nodes per task. */
  const CHUNK_CHARS = 16_000;
  const NODES_PER_TASK = 1000;
  /** At most this much page text is scanned in all (a feed can grow without end). */
  const MAX_PAGE_CHARS = 2_000_000;
  const COMPOSER_DEBOUNCE_MS = 400;
  const FLUSH_DELAY_MS = 500;
  const MAX_PENDING_ROOTS = 500;
  const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT']);

  const FLAG_CSS = `
    .flag {
      display: inline-block; margin: 0 0 0 4px; padding: 0 5px; border-radius: 3px;
      border: 1px solid currentColor; color: #b91c1c; background: #fef2f2;
      font: 600 11px/15px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: nowrap;
    }
    @media (prefers-color-scheme: dark) { .flag { color: #fca5a5; background: #450a0a; } }
  `;
  const WARNING_CSS = `
    .warning {
      box-sizing: border-box; max-width: min(420px, calc(100vw - 16px)); padding: 8px 10px; border-radius: 6px;
      border-left: 5px solid #b91c1c; background: #ffffff; color: #1b1b1b;
      box-shadow: 0 2px 10px rgba(0, 0, 0, 0.25);
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
    }
    .title { font-weight: 700; margin: 0 0 2px; }
    .actions { display: flex; gap: 8px; margin-top: 6px; align-items: center; }
    button { font: inherit; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
    .remove { border: 1px solid #b91c1c; background: #b91c1c; color: #ffffff; }
    .dismiss { border: 1px solid #6b7280; background: transparent; color: inherit; }
    button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
    @media (prefers-color-scheme: dark) { .warning { background: #1f2937; color: #f3f4f6; } }
  `;

  function scan(texts) {
    return ext.runtime.sendMessage({ type: 'scan-text', texts }).then(
      (reply) => (Array.isArray(reply?.exposures) ? reply.exposures : []),
      () => [],
    );
  }

  // --- Posts: the page's visible text ----------------------------------------------------------------------

  const flagged = new WeakSet();
  let pageChars = 0;

  /** A link's address when it has a query or fragment (where secrets sit) that its text does not show. */
  function hiddenAddress(link) {
    if (link.localName !== 'a') return null;
    // The attribute first: cheaper than resolving `href` for every link of a feed.
    const raw = link.getAttribute('href');
    if (!raw || !/[?#]/.test(raw)) return null;
    const href = link.href;
    if (typeof href !== 'string' || href.length > MAX_URL) return null;
    // Its text as far as a scanned text goes (bounded-text.js): a link holding a megabyte is not copied whole.
    return boundedText(link, MAX_SCAN_TEXT).text.includes(href) ? null : href;
  }

  /**
   * Reads the text under each of `scopes` (elements, or the page's shadow roots) in chunks, a bounded number of
   * nodes per task, and scans each batch: its text nodes, and the addresses of links whose text does not show them
   * ("join here" → …?pwd=…: a post can hide the passcode there). Scripts, styles, form fields and editors (the
   * composer watch handles those) are left out. A plain walker and checks in the loop: a TreeWalker filter function
   * costs a call into JS for every node. A walker stays in its scope's tree: the shadow roots under it are scopes of
   * their own (withRoots).
   */
  function scanSubtrees(scopes) {
    let at = 0;
    let walker = null;
    let links = [];
    /** The next text node or link of the scopes, one scope after another; null after the last. */
    const nextNode = () => {
      for (;;) {
        const node = walker?.nextNode() ?? links.pop();
        if (node) return node;
        if (at >= scopes.length) return null;
        const scope = scopes[at++];
        walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
        links = [...scope.querySelectorAll('a[href*="?"], a[href*="#"]')];
      }
    };
    let chunks = [];
    let chunk = { text: '', nodes: [], starts: [] };
    const closeChunk = () => {
      if (chunk.nodes.length > 0) chunks.push(chunk);
      chunk = { text: '', nodes: [], starts: [] };
      if (chunks.length === MAX_TEXTS_PER_BATCH) sendChunks();
    };
    const sendChunks = () => {
      const batch = chunks;
      chunks = [];
      if (batch.length > 0) scan(batch.map((c) => c.text)).then((exposures) => flagPosts(batch, exposures));
    };
    const add = (node, text) => {
      const data = text.slice(0, MAX_SCAN_TEXT - 1);
      if (chunk.text.length + data.length + 1 > Math.min(CHUNK_CHARS, MAX_SCAN_TEXT)) closeChunk();
      // Nodes joined by a space: "Meeting ID: 851 2345 6789<br>Passcode: 482913" reads as one line.
      if (chunk.nodes.length > 0) chunk.text += ' ';
      chunk.starts.push(chunk.text.length);
      chunk.nodes.push(node);
      chunk.text += data;
      pageChars += data.length + 1;
    };
    const step = () => {
      try {
        for (let n = 0; n < NODES_PER_TASK; n += 1) {
          const node = nextNode();
          if (!node || pageChars >= MAX_PAGE_CHARS) {
            closeChunk();
            sendChunks();
            return;
          }
          if (node.nodeType !== Node.TEXT_NODE) {
            const address = hiddenAddress(node);
            if (address) add(node, address);
            continue;
          }
          if (SKIPPED_ELEMENTS.has(node.parentNode?.nodeName)) continue;
          // The part scanned, copied alone (not `data`, which copies the whole node in Firefox).
          const head = headOf(node, MAX_SCAN_TEXT - 1);
          if (!/\S/.test(head)) continue;
          // Inside an editor (the composer watch reads those): its parent is editable.
          if (node.parentElement?.isContentEditable) continue;
          add(node, head);
        }
        setTimeout(step, 0);
      } catch {
        // A page that changes under us: stop this walk, later mutations start new ones.
      }
    };
    step();
  }

  /** Marks, after the text node where each exposure is, that anyone can read the credentials there. */
  function flagPosts(chunks, exposures) {
    for (const exposure of exposures) {
      const chunk = chunks[exposure?.index];
      if (!chunk) continue;
      const needle = exposure.redaction?.found || exposure.url || exposure.meeting_id;
      const at = typeof needle === 'string' ? chunk.text.indexOf(needle) : -1;
      if (at < 0) continue;
      let i = chunk.starts.length - 1;
      while (i > 0 && chunk.starts[i] > at) i -= 1;
      // The mark goes after the node where the exposure ends, so it reads after the passcode.
      const end = at + needle.length;
      let j = i;
      while (j + 1 < chunk.starts.length && chunk.starts[j + 1] < end) j += 1;
      flag(chunk.nodes[j]);
    }
  }

  function flag(textNode) {
    try {
      if (flagged.has(textNode) || !textNode.isConnected) return;
      flagged.add(textNode);
      const { host: mark, root } = closedShadowHost('span', { display: 'inline' }, FLAG_CSS);
      const label = element('span', 'flag', t('credentials_postFlag'));
      label.title = t('credentials_postFlagDetail');
      label.setAttribute('role', 'note');
      label.setAttribute('aria-label', `${t('credentials_postFlag')}: ${t('credentials_postFlagDetail')}`);
      root.append(label);
      textNode.after(mark);
    } catch {
      // Nothing inserted: the page stays as it was.
    }
  }

  // --- Posts inside the page's shadow roots (session 50) ------------------------------------------------------
  // A chat drawn by web components (a message list in a custom element's root, open or closed) holds its posts
  // where the document's walker and its mutation observer do not reach. The roots are found by signals.js's walk
  // (shadowRoots: its bounds, at most MAX_HOST_WALK elements, MAX_CLOSED_ASKS closed-root asks and MAX_ROOTS roots
  // a walk, the extension's own hosts left out), over the body when the watch starts (and when it reads the body
  // again), over each added subtree after; each root found is read once, then watched by the same observer (its
  // later posts are its additions), at most MAX_WATCHED_ROOTS of them at once and MAX_ROOT_WALK_ELEMENTS
  // elements walked over the page's life. The page's text cap (MAX_PAGE_CHARS) counts their text too; past it no walk.

  /** Most of the page's shadow roots read and watched at once (a chat of a root per message); a root whose host has
   *  left the document frees its slot when the cap is reached (a re-rendered list's old roots). */
  const MAX_WATCHED_ROOTS = 200;
  /** Most elements the root walks visit over the page's life (10 full walks of MAX_HOST_WALK): a feed adding
   *  thousands of rootless elements a batch would otherwise cost a walk every FLUSH_DELAY_MS for as long as it lives
   *  (review of session 50, finding 4). */
  const MAX_ROOT_WALK_ELEMENTS = 100_000;
  const watchedRoots = new WeakSet();
  let watched = [];
  let walkedForRoots = 0;
  let observer = null;

  /** `scopes` and the roots found under them (the walk's, and signals.js's remembered roots of a focused password
   *  field) not read yet, each then watched for additions; `scopes` alone once the text cap or the walk budget is spent. */
  function withRoots(scopes) {
    if (scopes.length === 0 || pageChars >= MAX_PAGE_CHARS || walkedForRoots >= MAX_ROOT_WALK_ELEMENTS) return scopes;
    if (watched.length >= MAX_WATCHED_ROOTS) watched = watched.filter((root) => root.host.isConnected);
    if (watched.length >= MAX_WATCHED_ROOTS) return scopes;
    const found = shadowRoots({ starts: scopes });
    walkedForRoots += found.visited;
    const added = [];
    for (const root of found.roots) {
      if (watchedRoots.has(root)) continue;
      if (watched.length >= MAX_WATCHED_ROOTS) break;
      watchedRoots.add(root);
      watched.push(root);
      observer?.observe(root, { childList: true, subtree: true });
      added.push(root);
    }
    return [...scopes, ...added];
  }

  let pendingRoots = [];
  let rescanBody = false;
  let timer = 0;

  function onMutations(records) {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE || isOwnHost(node)) continue;
        if (pendingRoots.length < MAX_PENDING_ROOTS) pendingRoots.push(node);
        else rescanBody = true;
      }
    }
    if (!timer && (pendingRoots.length > 0 || rescanBody)) {
      timer = setTimeout(() => {
        timer = 0;
        const whole = rescanBody;
        const roots = whole ? [] : pendingRoots.filter((root) => root.isConnected && !root.isContentEditable);
        pendingRoots = [];
        rescanBody = false;
        if (whole) {
          if (document.body) scanSubtrees(withRoots([document.body]));
          return;
        }
        // Outermost roots only (a subtree added with its children is read once): a root inside another one
        // has it among its ancestors.
        const set = new Set(roots);
        const inner = (root) => {
          for (let up = root.parentElement; up; up = up.parentElement) if (set.has(up)) return true;
          return false;
        };
        scanSubtrees(withRoots(roots.filter((root) => !inner(root))));
      }, FLUSH_DELAY_MS);
    }
  }

  // --- Composers: what the user is typing ------------------------------------------------------------------

  let warning = null; // { host, composer }
  let debounce = 0;
  let generation = 0;

  /** The composer an input event came from: a textarea, a text input, or a contenteditable editing host. */
  function composerOf(target) {
    if (!(target instanceof Element)) return null;
    if (target.localName === 'textarea') return target;
    if (target.localName === 'input') return ['text', 'search', 'url', ''].includes(target.type) ? target : null;
    if (!target.isContentEditable) return null;
    let editingHost = target;
    while (editingHost.parentElement?.isContentEditable) editingHost = editingHost.parentElement;
    return editingHost;
  }

  const isField = (composer) => composer.localName === 'textarea' || composer.localName === 'input';
  const composerText = (composer) => (isField(composer) ? composer.value.slice(0, MAX_SCAN_TEXT) : editorText(composer));

  /** Most of an editor's children read one by one (editorText, past the cap). */
  const MAX_EDITOR_BLOCKS = 2000;
  /** An editor's children that innerText puts on lines of their own (the others it joins with their neighbours). */
  const BLOCKS = new Set(['address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
  /** The DOM's own getters (a `<form contenteditable>` holding `<input name="firstChild">` clobbers the names on
   *  the element; review of s49-bounded49, finding 6), looked up on first use. */
  let dom = null;
  const getters = () => ({
    firstChild: getter(Node.prototype, 'firstChild'),
    nextSibling: getter(Node.prototype, 'nextSibling'),
    nodeType: getter(Node.prototype, 'nodeType'),
    localName: getter(Element.prototype, 'localName'),
    innerText: getter(HTMLElement.prototype, 'innerText'),
  });

  /**
   * A rich editor's text, at most MAX_SCAN_TEXT characters. innerText keeps the line breaks of its blocks ("…6789"
   * and "Passcode" on separate lines) but lays out and copies the whole editor: it is read whole only when the
   * editor's text fits the cap, however many nodes hold it (bounded-text.js tells, reading no more than that). A
   * longer editor (a pasted book) is read child by child until the cap: a child's innerText when its own text fits
   * what is left, else its text's start (bounded-text.js); a block-level child on a line of its own, as innerText
   * puts it, and a `<br>` a line break; text and inline children joined as they are ("<b>Pass</b>code: 482913" stays
   * one line, so the engine reads it and the one-click removal finds it; session 49, review finding 1).
   */
  function editorText(editor) {
    dom ??= getters();
    if (boundedText(editor, MAX_SCAN_TEXT, { nodeBound: false }).whole) return dom.innerText.call(editor).slice(0, MAX_SCAN_TEXT);
    let text = '';
    let blocks = 0;
    for (let child = dom.firstChild.call(editor); child && text.length < MAX_SCAN_TEXT && blocks < MAX_EDITOR_BLOCKS; child = dom.nextSibling.call(child)) {
      blocks += 1;
      const isElement = dom.nodeType.call(child) === Node.ELEMENT_NODE;
      const name = isElement ? dom.localName.call(child) : '';
      if (name === 'br') {
        text += '\n';
        continue;
      }
      const start = boundedText(child, MAX_SCAN_TEXT - text.length);
      const part = start.whole && child instanceof HTMLElement ? dom.innerText.call(child) : start.text;
      const block = BLOCKS.has(name);
      if (block && text && !text.endsWith('\n')) text += '\n';
      text += part;
      if (block) text += '\n';
    }
    return text.slice(0, MAX_SCAN_TEXT);
  }

  function onInput(event) {
    // A composer inside a shadow root is heard with its host as the target (signals.js eventOrigin).
    const composer = composerOf(eventOrigin(event));
    if (!composer) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => checkComposer(composer), COMPOSER_DEBOUNCE_MS);
  }

  function checkComposer(composer) {
    const mine = ++generation;
    const text = composerText(composer);
    if (text.trim() === '') {
      hideWarning();
      return;
    }
    scan([text]).then((exposures) => {
      if (mine !== generation) return; // a later keystroke asked again
      if (exposures.length > 0) showWarning(composer, exposures);
      else hideWarning();
    });
  }

  /** One message for the composers typed into before the watch: the warning goes next to the first exposed. */
  function checkTypedEarly(typed) {
    const composers = [
      ...new Set(typed.map((node) => (node.isConnected ? composerOf(node) : null)).filter(Boolean)),
    ].filter((composer) => composerText(composer).trim() !== '');
    if (composers.length === 0) return;
    const mine = ++generation;
    scan(composers.map(composerText)).then((exposures) => {
      if (mine !== generation) return; // a keystroke since asked again
      const first = exposures.find((e) => composers[e?.index]);
      if (first) showWarning(composers[first.index], exposures.filter((e) => e?.index === first.index));
    });
  }

  function hideWarning() {
    warning?.host.remove();
    warning = null;
  }

  function showWarning(composer, exposures) {
    try {
      hideWarning();
      // Fixed, next to the composer: over the page, so nothing in it moves.
      const rect = composer.getBoundingClientRect();
      const top = Math.max(4, Math.min(rect.bottom + 6, innerHeight - 120));
      const left = Math.max(4, Math.min(rect.left, innerWidth - 300));
      const hostStyle = { position: 'fixed', top: `${top}px`, left: `${left}px`, 'z-index': '2147483647', display: 'block' };
      const { host: box, root } = closedShadowHost('div', hostStyle, WARNING_CSS);
      const panel = element('section', 'warning');
      panel.setAttribute('role', 'alert');
      panel.append(element('p', 'title', t('credentials_composerWarning')), element('div', '', t('credentials_composerDetail')));
      const actions = element('div', 'actions');
      const redactions = exposures.map((e) => e?.redaction).filter((r) => typeof r?.found === 'string' && r.found);
      if (redactions.length > 0) {
        const remove = element('button', 'remove', t('credentials_remove'));
        remove.type = 'button';
        // Only a real click: the page can dispatch synthetic events at our elements.
        remove.addEventListener('click', (event) => {
          if (!event.isTrusted) return;
          removePasscodes(composer, redactions);
          hideWarning();
          checkComposer(composer);
        });
        actions.append(remove);
      }
      const dismiss = element('button', 'dismiss', t('dismiss'));
      dismiss.type = 'button';
      dismiss.addEventListener('click', (event) => event.isTrusted && hideWarning());
      actions.append(dismiss);
      panel.append(actions);
      root.append(panel);
      document.documentElement.append(box);
      warning = { host: box, composer };
    } catch {
      // No warning rather than a broken page.
    }
  }

  /** Applies each redaction to the composer's text, then tells the site through an input event. */
  function removePasscodes(composer, redactions) {
    for (const { found, replacement } of redactions) {
      try {
        if (isField(composer)) replaceInField(composer, found, String(replacement ?? ''));
        else replaceInEditable(composer, found, String(replacement ?? ''));
      } catch {
        // Leave this one as it is; the warning comes back on the next check.
      }
    }
  }

  function replaceInField(field, found, replacement) {
    const at = field.value.indexOf(found);
    if (at < 0) return;
    field.focus();
    field.setSelectionRange(at, at + found.length);
    // execCommand edits like the user would: the site's editor, its undo history and its input event.
    if (insert(replacement) && !field.value.includes(found)) return;
    const value = field.value;
    field.value = value.slice(0, at) + replacement + value.slice(at + found.length);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  }

  function replaceInEditable(editor, found, replacement) {
    // The editor's text nodes end to end, to find `found` even when it spans several of them.
    const nodes = [];
    const starts = [];
    let text = '';
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      starts.push(text.length);
      nodes.push(node);
      text += node.data;
    }
    const at = text.indexOf(found);
    if (at < 0) return;
    const place = (offset, isEnd) => {
      let i = nodes.length - 1;
      while (i > 0 && (isEnd ? starts[i] >= offset : starts[i] > offset)) i -= 1;
      return [nodes[i], offset - starts[i]];
    };
    const range = document.createRange();
    range.setStart(...place(at, false));
    range.setEnd(...place(at + found.length, true));
    editor.focus();
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    if (insert(replacement) && !editor.textContent.includes(found)) return;
    range.deleteContents();
    if (replacement) range.insertNode(document.createTextNode(replacement));
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  }

  function insert(replacement) {
    try {
      return replacement ? document.execCommand('insertText', false, replacement) : document.execCommand('delete');
    } catch {
      return false;
    }
  }

  // --- Start: only on public sites -------------------------------------------------------------------------

  function start() {
    try {
      observer = new MutationObserver(onMutations);
      observer.observe(document, { childList: true, subtree: true });
      if (document.body) scanSubtrees(withRoots([document.body]));
      document.addEventListener('input', onInput, true);
      // The watch starts after the background's answer about the page, at document_idle: a person can have typed
      // into a composer before that (a page still loading, a background slow to answer on a busy machine), and
      // no keystroke may follow. The composers a person typed into (noteTypingEarly: trusted events only, so not
      // one the page filled itself, such as an autofocused search box holding a link) are checked now, once.
      checkTypedEarly(typed);
    } catch {
      // A document we cannot read: nothing to watch.
    }
  }

  start();
}
