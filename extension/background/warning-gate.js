// The danger warning (a lookalike or an imitated sign-in page) lives on an extension page, not in the page:
// the background sends the tab to pages/warning.html and remembers, per tab, what it found there; the warning page
// reads that record back (never trusting its own query for what to say); "Continue anyway" on it allows that
// one host in that one tab, for ALLOW_MS (several hosts at once: a page may frame several lookalikes). Records
// live in storage.session (the service worker is stopped when idle), hold the page's origin and path only (no
// query or fragment, where passcodes and tokens sit), and go when the tab closes.
import { ext } from '../shared/api.js';
import { imitated, isImitation } from '../shared/banner.js';
import { oneAtATime } from './tab-state.js';
import { holdAnswer } from './test-hold.js';

export const WARNING_PAGE = 'pages/warning.html';
/** How long "Continue anyway" holds for the host in that tab. */
export const ALLOW_MS = 60 * 60 * 1000;
/** Without a page load's id (requests.js pageLoad: none named), a second verdict on the same page this soon does not
 *  send the tab again. */
const RESEND_MS = 1000;

// Findings that say "this page is an imitation", whatever its URL says.

const warnKey = (tabId) => `warn:${tabId}`;
const allowKey = (tabId) => `allow:${tabId}`;
// tabId → { page, document, restore, at, top }: the document sent to the warning page last. Two verdicts on one
// document (the early check, then the content script's) send the tab once; the same page loaded again (Back) is sent
// again, and so is the same document restored from the back/forward cache (Back too: `restore`, content/load-id.js).
const sent = new Map();
/** How many warning records a tab keeps (the latest): each warning page it was sent to finds its own. */
const MAX_WARNINGS = 8;

/** origin + path: what identifies a page in these records. */
export function pageOf(url) {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

/** How many hosts "Continue anyway" holds at once in a tab. Allowances end by time (ALLOW_MS), not by count: with 8
 *  kept, a page framing 9 lookalikes was never shown (each Continue evicted the oldest, whose frame warned again;
 *  review of session 44). Past this cap (a few bytes each in storage.session), the one ending soonest goes. */
export const MAX_ALLOWED_HOSTS = 64;

/** The hosts allowed in the tab, `{host: {until, framed}}`, without those expired at `now`. `framed`: allowed from
 *  the warning about a framed part, which allows that host as a frame only (not as the tab's page). */
async function allowedHosts(tabId, now) {
  const record = (await ext.storage.session.get(allowKey(tabId)))[allowKey(tabId)];
  const hosts = record?.hosts && typeof record.hosts === 'object' ? Object.entries(record.hosts) : [];
  return Object.fromEntries(hosts.filter(([, allowed]) => typeof allowed?.until === 'number' && allowed.until > now));
}

/** Whether the host is allowed in the tab for this check: a framed allowance answers framed checks only. A part with
 *  an opaque origin, named the tab's host (requests.js opaquePart), has an allowance of its own (opaqueKey), which
 *  answers only such parts: continuing past one does not let through the tab's own-origin parts (review of session
 *  46); a top page's allowance of the host answers it too. */
async function allowance(tabId, host, framed, now, opaque = false) {
  const hosts = await allowedHosts(tabId, now);
  if (opaque && hosts[opaqueKey(host)]) return true;
  const allowed = hosts[host];
  return Boolean(allowed) && ((framed && !opaque) || allowed.framed !== true);
}
/** The allowance key of the opaque parts named `host` (a space: no host has one). */
const opaqueKey = (host) => `opaque ${host}`;

/**
 * What to do with a tab whose top page got this assessment: 'none' (not an imitation), 'allowed' (the person
 * chose "Continue anyway" for this host in this tab) or 'warned' (the tab is being sent to the warning page).
 * `framed`: the assessment is of an inner frame's document at `url` (background.js assessFrame); the warning page
 * then says that the page shows a part from that host, and "Continue anyway" goes back to the page.
 * One at a time per tab (tab-state.js oneAtATime, a queue of its own): two frames of one page checked at once each
 * wrote the tab's record and sent the tab, their awaits interleaved, and Firefox ended on one frame's warning page
 * holding the other's record, "no warning on record" (review of session 44, 2 runs of 3).
 */
export function gate(tabId, url, assessment, options = {}) {
  if (!isImitation(assessment)) return Promise.resolve('none');
  return oneAtATime(warnKey(tabId), () => send(tabId, url, assessment, options));
}

/** gate's work, in the tab's queue. `top`: the page load the tab's top frame showed when checked (background.js:
 *  the top page's own load, or for a framed part the one shown-load.js answered), null when unknown. */
async function send(tabId, url, assessment, { document = null, restore = 0, framed = false, inline = false, opaque = false, top = null, now = Date.now() }) {
  const { host } = new URL(url);
  if (await allowance(tabId, host, framed, now, framed && opaque === true)) return 'allowed';
  const page = pageOf(url);
  const last = sent.get(tabId);
  const same =
    last?.restore === restore && (document !== null ? last.document === document : last.page === page && now - last.at < RESEND_MS);
  // A framed part of a page whose tab is already on its way to the warning page (another frame's, or the top page's
  // verdict, within RESEND_MS, of the same top page load and not since restored from the back/forward cache: Back
  // from the warning page at once must warn again): not sent again, which would leave a second warning entry in the
  // tab's history; it is checked again when the person comes back. A top page's verdict is always sent.
  const onItsWay = framed && last && now - last.at < RESEND_MS && last.top === top && last.restore === restore;
  if (same || onItsWay) return 'warned';
  sent.set(tabId, { page, document, restore, at: now, top });
  const findings = assessment.findings.filter((f) => f?.severity === 'danger');
  // `inline`: the framed part is of the top page's own origin, by the tab's address as the browser reports it;
  // `opaque`: it has an opaque origin and no address of its own (requests.js, session 46).
  const record = { lookalike_of: assessment.lookalike_of ?? null, imitated: imitated(assessment), findings, framed, inline: framed && inline === true, opaque: framed && opaque === true };
  // Kept by page, the latest MAX_WARNINGS: a warning page left in the tab's history finds its record too.
  const { [page]: _, ...others } = await warnings(tabId);
  const kept = [...Object.entries(others), [page, record]].slice(-MAX_WARNINGS);
  await ext.storage.session.set({ [warnKey(tabId)]: { pages: Object.fromEntries(kept) } });
  await ext.tabs.update(tabId, { url: `${ext.runtime.getURL(WARNING_PAGE)}?url=${encodeURIComponent(url)}` });
  // The e2e tests' lost reply: a statement of test builds only (test-hold.js; the shipped build drops the label's).
  JOINGUARD_TEST: await holdAnswer(ext.storage.session, framed);
  return 'warned';
}

/** The tab's warning records, `{page: record}`, oldest first. */
async function warnings(tabId) {
  const stored = (await ext.storage.session.get(warnKey(tabId)))[warnKey(tabId)];
  return stored?.pages && typeof stored.pages === 'object' ? stored.pages : {};
}

/** For the warning page of this tab: what the background found at `url`, or null when it sent it nowhere. */
export async function warningDetails(tabId, url) {
  const pages = await warnings(tabId);
  const record = Object.hasOwn(pages, pageOf(url)) ? pages[pageOf(url)] : null;
  if (!record) return null;
  return { lookalike_of: record.lookalike_of, imitated: record.imitated, findings: record.findings, framed: record.framed === true, inline: record.inline === true, opaque: record.opaque === true };
}

/** "Continue anyway", from the warning page of this tab, for the page it warned about; false otherwise. Allows the
 *  host as a frame only when the warning was about a framed part (a top page's allowance covers both). */
export function allow(tabId, url, now = Date.now()) {
  return oneAtATime(warnKey(tabId), async () => {
    const warning = await warningDetails(tabId, url);
    if (!warning) return false;
    sent.delete(tabId);
    const { host: named } = new URL(url);
    const host = warning.opaque ? opaqueKey(named) : named;
    const { [host]: before, ...others } = await allowedHosts(tabId, now);
    const allowed = { until: now + ALLOW_MS, framed: warning.framed && before?.framed !== false };
    // Past the cap, those ending soonest go (an allowance is renewed by being set again).
    const kept = Object.entries(others)
      .sort(([, a], [, b]) => a.until - b.until)
      .slice(-(MAX_ALLOWED_HOSTS - 1));
    await ext.storage.session.set({ [allowKey(tabId)]: { hosts: Object.fromEntries([...kept, [host, allowed]]) } });
    return true;
  });
}

export async function forgetTab(tabId) {
  sent.delete(tabId);
  await ext.storage.session.remove([warnKey(tabId), allowKey(tabId)]);
}
