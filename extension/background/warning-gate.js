// The danger warning (a lookalike or an imitated sign-in page) lives on an extension page, not in the page:
// the background sends the tab to pages/warning.html and remembers, per tab, what it found there; the warning page
// reads that record back (never trusting its own query for what to say); "Continue anyway" on it allows that
// one host in that one tab, for ALLOW_MS (a few hosts at once: a lookalike allowed may frame another). Records
// live in storage.session (the service worker is stopped when idle), hold the page's origin and path only (no
// query or fragment, where passcodes and tokens sit), and go when the tab closes.
import { ext } from '../shared/api.js';

export const WARNING_PAGE = 'pages/warning.html';
/** How long "Continue anyway" holds for the host in that tab. */
export const ALLOW_MS = 60 * 60 * 1000;
/** Without a page load's id (requests.js pageLoad: none named), a second verdict on the same page this soon does not
 *  send the tab again. */
const RESEND_MS = 1000;

// Findings that say "this page is an imitation", whatever its URL says.
const IMITATION_FINDINGS = new Set(['lookalike-domain', 'phishing-login']);

const warnKey = (tabId) => `warn:${tabId}`;
const allowKey = (tabId) => `allow:${tabId}`;
// tabId → { page, document, restore, at }: the document sent to the warning page last. Two verdicts on one document (the
// early check, then the content script's) send the tab once; the same page loaded again (Back) is sent again, and
// so is the same document restored from the back/forward cache (Back too: `restore`, content/load-id.js).
const sent = new Map();

/** origin + path: what identifies a page in these records. */
export function pageOf(url) {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

export function isImitation(assessment) {
  return Boolean(
    assessment?.lookalike_of || (Array.isArray(assessment?.findings) && assessment.findings.some((f) => IMITATION_FINDINGS.has(f?.id))),
  );
}

/** The name of what the page imitates, for the warning's text. */
export function imitatedName(assessment) {
  const finding = assessment.findings?.find((f) => IMITATION_FINDINGS.has(f?.id));
  return assessment.lookalike_name ?? finding?.params?.vendor ?? assessment.lookalike_of ?? null;
}

/** How many hosts "Continue anyway" holds at once in a tab: a lookalike allowed there may frame another one. */
const MAX_ALLOWED_HOSTS = 8;

/** The hosts allowed in the tab, `{host: until}`, without those expired at `now`. */
async function allowedHosts(tabId, now) {
  const record = (await ext.storage.session.get(allowKey(tabId)))[allowKey(tabId)];
  const hosts = record?.hosts && typeof record.hosts === 'object' ? Object.entries(record.hosts) : [];
  return Object.fromEntries(hosts.filter(([, until]) => until > now));
}

async function allowance(tabId, host, now) {
  return Object.hasOwn(await allowedHosts(tabId, now), host);
}

/**
 * What to do with a tab whose top page got this assessment: 'none' (not an imitation), 'allowed' (the person
 * chose "Continue anyway" for this host in this tab) or 'warned' (the tab is being sent to the warning page).
 * `framed`: the assessment is of an inner frame's document at `url` (background.js assessFrame); the warning page
 * then says that the page shows a part from that host, and "Continue anyway" goes back to the page.
 */
export async function gate(tabId, url, assessment, { document = null, restore = 0, framed = false, now = Date.now() } = {}) {
  if (!isImitation(assessment)) return 'none';
  const { host } = new URL(url);
  if (await allowance(tabId, host, now)) return 'allowed';
  const page = pageOf(url);
  const last = sent.get(tabId);
  const same =
    last?.restore === restore && (document !== null ? last.document === document : last.page === page && now - last.at < RESEND_MS);
  if (same) return 'warned';
  sent.set(tabId, { page, document, restore, at: now });
  const findings = assessment.findings.filter((f) => f?.severity === 'danger');
  await ext.storage.session.set({ [warnKey(tabId)]: { page, lookalike_of: assessment.lookalike_of ?? null, imitated: imitatedName(assessment), findings, framed } });
  await ext.tabs.update(tabId, { url: `${ext.runtime.getURL(WARNING_PAGE)}?url=${encodeURIComponent(url)}` });
  return 'warned';
}

/** For the warning page of this tab: what the background found at `url`, or null when it sent it nowhere. */
export async function warningDetails(tabId, url) {
  const record = (await ext.storage.session.get(warnKey(tabId)))[warnKey(tabId)];
  if (!record || record.page !== pageOf(url)) return null;
  return { lookalike_of: record.lookalike_of, imitated: record.imitated, findings: record.findings, framed: record.framed === true };
}

/** "Continue anyway", from the warning page of this tab, for the page it warned about; false otherwise. */
export async function allow(tabId, url, now = Date.now()) {
  if (!(await warningDetails(tabId, url))) return false;
  sent.delete(tabId);
  // The latest MAX_ALLOWED_HOSTS (an allowance is renewed by being set again).
  const { [new URL(url).host]: _, ...others } = await allowedHosts(tabId, now);
  const hosts = [...Object.entries(others), [new URL(url).host, now + ALLOW_MS]].slice(-MAX_ALLOWED_HOSTS);
  await ext.storage.session.set({ [allowKey(tabId)]: { hosts: Object.fromEntries(hosts) } });
  return true;
}

export async function forgetTab(tabId) {
  sent.delete(tabId);
  await ext.storage.session.remove([warnKey(tabId), allowKey(tabId)]);
}
