// Content script (every frame of http(s) pages): a small badge after each meeting link in the
// page (webmail, calendars, chats): the vendor and its grade, "lookalike of Zoom", or the organisation's
// verdict. Messages that load later are handled as they arrive.
//
// Cost (research/perf-anchors.md): reading `.href` is most of it, so the script reads only `a[href]` hrefs,
// once per link (a WeakSet remembers the links seen), sends them in one message per batch, and lets the
// background's engine screen them; only the few hits come back and only they touch the DOM. New content is
// collected by a MutationObserver and handled in one batch per FLUSH_DELAY_MS at most.
//
// Bounded work, whatever the page holds: at most MAX_LINKS_PER_FRAME links are read per document, at most
// MAX_BADGES ordinary badges and MAX_DANGER_BADGES danger ones drawn at a time (a page of 200,000 meeting links
// took 24 s without these caps; a danger badge whose link left the document frees its place); a burst of new content beyond MAX_PENDING_ROOTS subtrees is read as one pass over the
// document. Never silent: the links past MAX_LINKS_PER_FRAME are counted, not read (no `.href`; the WeakSet only,
// so each is counted once), later ones too, and the count goes with the links (`unread`) for the popup's "N links
// were not checked" (session 43; until then the cap was said nowhere); the links the background answered with a
// badge that a cap left undrawn are counted the same way (`unbadged`, and the danger ones apart, `unbadgedDanger`,
// for the popup's warning; session 44). A page cannot spend the danger
// badges with ordinary ones (hundreds of genuine meeting links before a lookalike), and an over-long link is cut
// (shared/url-cut.js: scheme, host, a user name's `@`, a wrapper's target stay), never skipped: a lookalike padded
// with a long query or password is screened.
//
// Hostile pages: the badge host is a plain `span` (a built-in element, which a page cannot have defined as a
// custom element to take the closed root through attachInternals()); our own hosts are told apart by a WeakSet,
// never by a name the page could also use.
//
// Never break a page: the link itself is not touched (the badge is a sibling after it, so the page's click
// handlers and the link's text stay as they were), and a link in an editor gets none (its content is the
// person's text); each badge is built detached and inserted in one step, or not at all; every error is caught.
import { ext } from '../shared/api.js';
import {
  MAX_BADGES,
  MAX_DANGER_BADGES,
  MAX_LINK_URL,
  MAX_LINKS_PER_BATCH as MAX_BATCH,
  MAX_LINKS_PER_FRAME,
  MAX_LINKS_UNREAD,
} from '../shared/limits.js';
import { cutUrl } from '../shared/url-cut.js';
import { closedShadowHost, isOwnHost } from './shadow-host.js';

(() => {
  /** Later content is handled at most this often. */
  const FLUSH_DELAY_MS = 200;
  /** Beyond this many added subtrees in one period, the whole document is looked at again instead. */
  const MAX_PENDING_ROOTS = 500;

  const CSS = `
    .badge {
      display: inline-block;
      margin: 0 0 0 4px;
      padding: 0 5px;
      border-radius: 3px;
      border: 1px solid currentColor;
      font: 600 11px/15px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      white-space: nowrap;
      vertical-align: baseline;
      background: #ffffff;
      cursor: help;
    }
    .danger { color: #b91c1c; background: #fef2f2; }
    .caution { color: #8a5a00; }
    .grade-A { color: #1a7f37; }
    .grade-B { color: #3f7a18; }
    .grade-C { color: #8a5a00; }
    .grade-D { color: #c2410c; }
    .grade-E { color: #b91c1c; }
    .retired { color: #57606a; font-style: italic; }
    @media (prefers-color-scheme: dark) {
      .badge { background: #111827; }
      .danger { color: #fca5a5; background: #450a0a; }
    }
  `;
  // The host's `:host` rule (shadow-host.js) beats any page rule; `all: initial` drops what the badge would
  // inherit from the link.
  const HOST_STYLE = { display: 'inline', 'pointer-events': 'auto' };
  const TONES = new Set(['danger', 'caution', 'retired', 'grade-A', 'grade-B', 'grade-C', 'grade-D', 'grade-E']);

  const seen = new WeakSet();
  let linksRead = 0;
  /** Links past MAX_LINKS_PER_FRAME not told to the background yet. */
  let unread = 0;
  /** Badges drawn: ordinary ones, and danger ones by their link (each under its own cap); hits left undrawn, not
   *  told yet, ordinary and danger apart (the popup warns of the danger ones). */
  let badges = 0;
  const dangerBadges = new Map();
  let unbadged = 0;
  let unbadgedDanger = 0;
  /** Whether this answer's hits already looked for danger badges whose link has left the document. */
  let swept = false;
  let pendingRoots = [];
  let rescanAll = false;
  let timer = 0;

  /** Links of `root` (an element or the document) not seen before, with their hrefs; `root` itself too. */
  function collect(root, anchors, urls) {
    const consider = (anchor) => {
      if (seen.has(anchor)) return;
      seen.add(anchor);
      if (linksRead >= MAX_LINKS_PER_FRAME) {
        unread += 1;
        return;
      }
      linksRead += 1;
      // The property, not the attribute: the browser resolves relative links. SVG links have an object here.
      const href = anchor.href;
      if (typeof href !== 'string') return;
      // Web links and the vendors' app links (zoommtg:, msteams:); mailto:, javascript:, # are not meetings.
      const first = href.charCodeAt(0);
      if (first !== 104 /* h */ && first !== 122 /* z */ && first !== 109 /* m */) return;
      if (first === 109 && !href.startsWith('msteams:')) return;
      anchors.push(anchor);
      urls.push(href.length > MAX_LINK_URL ? cutUrl(href, MAX_LINK_URL).url : href);
    };
    if (root.nodeType === Node.ELEMENT_NODE && root.matches('a[href]')) consider(root);
    for (const anchor of root.querySelectorAll('a[href]')) consider(anchor);
  }

  /** The links in batches, the count of links left unread with the last (or alone, when no link was read). */
  function send(anchors, urls) {
    for (let start = 0; start < urls.length || unread > 0; start += MAX_BATCH) {
      const batch = anchors.slice(start, start + MAX_BATCH);
      const message = { type: 'assess-links', urls: urls.slice(start, start + MAX_BATCH) };
      if (start + MAX_BATCH >= urls.length && unread > 0) {
        message.unread = Math.min(unread, MAX_LINKS_UNREAD);
        unread -= message.unread;
      }
      ext.runtime.sendMessage(message).then(
        (reply) => annotate(batch, reply?.badges),
        // No answer (extension reloading or updating): stay silent rather than break the page.
        () => {},
      );
    }
  }

  /** Draws the badges answered; the ones a cap left undrawn are told to the background in a message of their own
   *  (the links' answer has come: no later message may follow on a page that stays as it is). */
  function annotate(anchors, hits) {
    if (!Array.isArray(hits)) return;
    swept = false;
    for (const badge of hits) {
      const anchor = anchors[badge?.index];
      if (anchor) addBadge(anchor, badge);
    }
    if (unbadged + unbadgedDanger > 0) {
      const message = { type: 'assess-links', urls: [], unbadged: Math.min(unbadged, MAX_LINKS_UNREAD), unbadgedDanger: Math.min(unbadgedDanger, MAX_LINKS_UNREAD) };
      unbadged -= message.unbadged;
      unbadgedDanger -= message.unbadgedDanger;
      ext.runtime.sendMessage(message).catch(() => {});
    }
  }

  function addBadge(anchor, { tone, text, title }) {
    try {
      if (!anchor.isConnected || typeof text !== 'string' || !TONES.has(tone)) return;
      // Not into an editor (a composer's contenteditable, a designMode frame): that is the person's own text,
      // which the editor's script owns and saves or sends as it finds it (until session 42 a link typed or
      // pasted into a webmail composer got a badge host in the draft, in Chromium and Firefox alike). Asked of
      // the hits only: the few links that get a badge, not every link read. The link itself is asked, not its
      // parent: a page can mark a link `contenteditable="false"` inside an editable wrapper, and a click follows
      // such a link, so it gets its badge (session 42's review); an editor that draws its links as non-editable
      // chips gets a badge in the draft then, the lesser harm.
      if (anchor.isContentEditable) return;
      // Past its cap a badge is counted, not drawn (an editor's link above is neither: it gets none anyway).
      const danger = tone === 'danger';
      if (danger && dangerBadges.size >= MAX_DANGER_BADGES && !swept) freeDangerBadges();
      if (danger ? dangerBadges.size >= MAX_DANGER_BADGES : badges >= MAX_BADGES) {
        if (danger) unbadgedDanger += 1;
        else unbadged += 1;
        return;
      }
      const { host, root } = closedShadowHost('span', HOST_STYLE, CSS);
      const label = document.createElement('span');
      label.className = `badge ${tone}`;
      label.textContent = text;
      label.title = String(title);
      label.setAttribute('role', 'note');
      label.setAttribute('aria-label', String(title));
      root.append(label);
      anchor.after(host);
      if (danger) dangerBadges.set(anchor, host);
      else badges += 1;
    } catch {
      // A page that forbids it (a detached or replaced node, a frozen prototype): no badge, nothing else.
    }
  }

  /** Frees the danger badges whose link has left the document, and removes them (one a page removed with its
   *  link is gone already): a page cannot spend the danger allowance with lookalike links it adds, lets be badged
   *  and removes, ahead of the one it shows (session 44's review). At most once per answer, and only at the cap:
   *  MAX_DANGER_BADGES `isConnected` reads per batch of hits, and the badges in the document stay within the cap.
   *  A link hidden but kept (`display: none`) keeps its badge and its slot: it may be shown later, and freeing its
   *  slot would leave it without a badge then; the popup warns of the danger hits left undrawn instead. */
  function freeDangerBadges() {
    swept = true;
    for (const [anchor, host] of dangerBadges) {
      if (anchor.isConnected) continue;
      dangerBadges.delete(anchor);
      host.remove();
    }
  }

  function flush() {
    timer = 0;
    try {
      const anchors = [];
      const urls = [];
      if (rescanAll) {
        collect(document, anchors, urls);
      } else {
        for (const root of pendingRoots) if (root.isConnected) collect(root, anchors, urls);
      }
      pendingRoots = [];
      rescanAll = false;
      if (urls.length > 0 || unread > 0) send(anchors, urls);
      // Watched for good, whatever badges are drawn: a lookalike link the page adds after its ordinary ones still
      // needs its badge, and past the caps the links are counted (until session 44 the observer stopped at
      // MAX_BADGES badges, and later links went unread and untold). The reading stays bounded by
      // MAX_LINKS_PER_FRAME; past it a querySelectorAll of what was added, no href read.
    } catch {
      // Keep the page working whatever it throws at us.
    }
  }

  function onMutations(records) {
    for (const record of records) {
      for (const node of record.addedNodes) {
        // Elements only (a text node cannot hold a link), and not our own badges.
        if (node.nodeType !== Node.ELEMENT_NODE || isOwnHost(node)) continue;
        if (pendingRoots.length < MAX_PENDING_ROOTS) pendingRoots.push(node);
        else rescanAll = true;
      }
    }
    if (!timer && (pendingRoots.length > 0 || rescanAll)) timer = setTimeout(flush, FLUSH_DELAY_MS);
  }

  try {
    new MutationObserver(onMutations).observe(document, { childList: true, subtree: true });
    rescanAll = true;
    flush();
  } catch {
    // Nothing to do on a document we cannot read.
  }
})();
