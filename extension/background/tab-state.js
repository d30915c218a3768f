// The last assessment of each tab, for the popup, what recording.js was answered about a recording in it, and the
// links of its page the background screened (takeLinks).
// Kept in storage.session because the service worker is stopped when idle (about 30 s) and loses its memory;
// session storage is not readable by content scripts.
import { ext } from '../shared/api.js';
import { withoutSecrets } from './stored.js';
import { indicatorKey } from '../shared/recording-text.js';
import { MAX_BADGES, MAX_DANGER_BADGES, MAX_LINKS_PER_FRAME, MAX_LINKS_PER_TAB, LINKS_REFILL_MS } from '../shared/limits.js';

const key = (tabId) => `tab:${tabId}`;
const recordingKey = (tabId) => `recording:${tabId}`;
const linksKey = (tabId) => `links:${tabId}`;

// One at a time per tab: the record's writes and the navigation's clearing (a report must not land between the
// clearing's read and its removal), and the answers to recording.js (two must not each keep only their own).
// Exported for warning-gate.js, which queues its sends under its own key (`warn:<tab>`), apart from these.
const queues = new Map();
export function oneAtATime(tabId, work) {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(work);
  const settled = run.catch(() => {});
  queues.set(tabId, settled);
  settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return run;
}

/**
 * Writes the tab's record (for the popup) and shows its badge (`badge(tabId)`), one at a time with the
 * navigation's clearing (forgetOnNavigation) and the answers to recording.js. A record of a page load (`load`:
 * content/load-id.js's id, sent with every report of our content scripts) is written only while the tab's top
 * frame still shows that load (`showing(tabId)`: the id its content script answers with, shown-load.js
 * askShownLoad): a report of the page the tab has left, which the background finished after the tab moved on
 * (held by a settings read, a busy worker), wrote that page's record and badge back over the clearing (session
 * 35; tests/e2e/overlay.test.mjs "a report from the page the tab has left"). A record without a load (the warning
 * page's, background.js warningState) is written as it comes. Resolves to whether it was written.
 * @param {number} tabId
 * @param {{load?: string|null}} record
 * @param {{badge?: (tabId: number) => Promise<unknown>, showing?: (tabId: number) => Promise<string|null>}} [how]
 */
export function remember(tabId, record, { badge = async () => {}, showing = async () => null } = {}) {
  return oneAtATime(tabId, async () => {
    if (typeof record.load === 'string' && (await showing(tabId)) !== record.load) return false;
    await Promise.all([ext.storage.session.set({ [key(tabId)]: record }), badge(tabId)]);
    return true;
  });
}

export async function recall(tabId) {
  const stored = await ext.storage.session.get(key(tabId));
  return stored[key(tabId)] ?? null;
}

export async function forget(tabId) {
  linkBudgets.delete(tabId);
  await ext.storage.session.remove([key(tabId), recordingKey(tabId), linksKey(tabId)]);
}

/**
 * A tab started or finished loading (tabs.onUpdated): its record and badge go unless they belong to the document
 * it shows. A record of a page load (`load`) stays while the tab's top frame still shows that load (`showing`):
 * a same-document navigation (history.pushState, also reported as `loading` in Chromium; content.js reports the
 * new address), a navigation that has not replaced the document yet when `loading` is handled (so `complete`
 * looks again), or the new page's own report, which under load can come before the event (seen as a flaky
 * "example.org: no overlay, no badge" end-to-end test until session 26's check). Run one at a time with the
 * writes (remember), so a report cannot land between this read and its removal, and a report of a load the tab
 * has left is never written after it.
 * The note of links not screened (takeLinks) goes with the record, unless it names the load the tab shows.
 * A record without a load (the warning page's) goes on `loading`, as before; where the event names the
 * address (a "tabs" permission granted later), a record of that address stays.
 * What recording.js was answered goes with the record, except where it names its page load (Chromium's
 * documentId, else content/load-id.js's id: always, from this extension's content scripts): that one holds only
 * for that load, and is replaced, not added to, by another load's (rememberRecording); a reload to the same
 * address is another load (the reviewer's should-fix 6 of sessions 26/27; content/load-id.js).
 * @param {{clearBadge: (tabId: number) => Promise<unknown>, showing: (tabId: number) => Promise<string|null>}} how
 */
export function forgetOnNavigation(tabId, change, { clearBadge, showing }) {
  const loading = typeof change.url === 'string' || change.status === 'loading';
  if (!loading && change.status !== 'complete') return Promise.resolve();
  return oneAtATime(tabId, async () => {
    const stored = await ext.storage.session.get([key(tabId), recordingKey(tabId), linksKey(tabId)]);
    const record = stored[key(tabId)] ?? null;
    if (record?.url && typeof change.url === 'string' && record.url === withoutSecrets(change.url)) return;
    if (typeof record?.load === 'string') {
      if ((await showing(tabId)) === record.load) return;
    } else if (!loading) {
      return;
    }
    const keys = typeof stored[recordingKey(tabId)]?.document === 'string' ? [key(tabId)] : [key(tabId), recordingKey(tabId)];
    // The new page's links refused before this clearing (its frames' batches can come first) stay said.
    const note = stored[linksKey(tabId)];
    if (!(typeof note?.load === 'string' && (await showing(tabId)) === note.load)) keys.push(linksKey(tabId));
    await Promise.all([ext.storage.session.remove(keys), clearBadge(tabId)]);
  });
}

// --- what recording.js was answered ------------------------------------------------------------------------------

// Indicators kept per tab: recording.js sends at most 20 candidate texts (its MAX_NOTICES) and 100 buttons a page.
const MAX_WARNED = 20;

// Indicators compared by their letters (shared/recording-text.js indicatorKey), as recording.js reads its labels.
export { indicatorKey };

/**
 * recording.js was answered that its page shows a recording (background.js recordingState). Kept for the tab:
 * - `shown`: the first indicator answered in each state, `no_consent` and `consent` (recording.js warns once a
 *   state, with that indicator), with the vendor's name and recording_notice fact: what the popup shows;
 * - `warned`: the keys of the indicators answered without a consent notice (recording.js warned): the banner
 *   leaves out the engine's recording-without-notice only for one of these (warnedAbout).
 * `document`: the page load (requests.js pageLoad: Chromium's documentId, Firefox's content/load-id.js): what was
 * kept for another load is replaced, not added to.
 * @param {number} tabId
 * @param {{document: string|null, vendor_name: string, notice: object|null, recording: {indicator: string, consent_notice: boolean}}} answer
 */
export function rememberRecording(tabId, { document, vendor_name, notice, recording }) {
  return oneAtATime(tabId, async () => {
    const before = (await ext.storage.session.get(recordingKey(tabId)))[recordingKey(tabId)];
    const kept = before && before.document === document ? before : null;
    const state = recording.consent_notice ? 'consent' : 'no_consent';
    const warned = kept?.warned ?? [];
    const added = indicatorKey(recording.indicator);
    const next = {
      document,
      vendor_name,
      notice: notice ?? null,
      shown: { no_consent: null, consent: null, ...kept?.shown, [state]: kept?.shown?.[state] ?? recording.indicator },
      warned: state === 'no_consent' && added && !warned.includes(added) ? [...warned, added].slice(-MAX_WARNED) : warned,
    };
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    await ext.storage.session.set({ [recordingKey(tabId)]: next });
  });
}

export async function recallRecording(tabId) {
  return (await ext.storage.session.get(recordingKey(tabId)))[recordingKey(tabId)] ?? null;
}

/** Whether recording.js was answered, in the page load `document`, that `indicator` shows a recording without a
 *  consent notice (and so warned about it): `kept` is what rememberRecording kept for the tab. A message that
 *  names no load is about no load in particular: never. */
export function warnedAbout(kept, indicator, document) {
  if (!kept || typeof document !== 'string' || kept.document !== document || !Array.isArray(kept.warned)) return false;
  const wanted = indicatorKey(indicator);
  return wanted !== '' && kept.warned.includes(wanted);
}

// --- the links screened for the tab's page ------------------------------------------------------------------------

/** Per tab: what is left of its inner frames' budget (`left`, at `at`, refilled at MAX_LINKS_PER_TAB per
 *  LINKS_REFILL_MS), the load its top frame showed when the budget started (`load`: a promise of `showing`'s
 *  answer), and the links not screened, or screened but left without a badge (`unbadged`), that are not written in
 *  its note yet (`pending`, `noting`: a write queued).
 *  In the worker's memory: a stopped worker (idle about 30 s) would have had its budgets refilled anyway, and the
 *  counts go to the note (storage.session) as they come, added to it. An entry whose budget is full again and with
 *  nothing to write is dropped (at any tab's next batch): a late batch of a closed tab leaves none for long. */
const linkBudgets = new Map();

/** The budget `left` at `now` (ms), refilled since `at`. */
const refilled = (budget, now) => Math.min(MAX_LINKS_PER_TAB, budget.left + (Math.max(0, now - budget.at) * MAX_LINKS_PER_TAB) / LINKS_REFILL_MS);

function budgetOf(tabId, now) {
  for (const [id, budget] of linkBudgets) {
    if (!budget.noting && budget.pending + budget.unbadged + budget.unbadgedDanger === 0 && refilled(budget, now) >= MAX_LINKS_PER_TAB) linkBudgets.delete(id);
  }
  const budget = linkBudgets.get(tabId) ?? { left: MAX_LINKS_PER_TAB, at: now, load: null, pending: 0, unbadged: 0, unbadgedDanger: 0, noting: false };
  linkBudgets.set(tabId, budget);
  budget.left = refilled(budget, now);
  budget.at = now;
  return budget;
}

/**
 * How many of `count` links, in order, a frame of tab `tabId` may have screened. The top frame (`top`: the
 * sender's frameId 0, requests.js) all: link-badges.js reads at most MAX_LINKS_PER_FRAME there. An inner frame as
 * many as its tab's budget has left (shared/limits.js: a burst limit, refilled over time); when it falls short,
 * the budget is a new one if the tab's top frame shows another load than when it started (`showing`,
 * shown-load.js): a page's links are never refused for the page the tab has left. The links refused, and the
 * `unread` ones the frame left past its own cap (link-badges.js), are added to the tab's note for the popup
 * (`recallUnscreened`), with the load the tab shows: one write in the tab's queue for any number of batches
 * meanwhile, none for a tab that is gone (`alive`). The `unbadged` ones (screened, answered with a badge that the
 * frame's badge caps left undrawn: shared/limits.js MAX_BADGES) are added to the same note, counted apart, and the
 * `unbadgedDanger` ones (a lookalike or blocked link past MAX_DANGER_BADGES) apart again, for the popup's warning.
 * @param {number} tabId
 * @param {{count: number, unread?: number, unbadged?: number, unbadgedDanger?: number, top?: boolean}} links
 * @param {{showing?: (tabId: number) => Promise<string|null>, alive?: (tabId: number) => Promise<boolean>, now?: () => number}} [how]
 * @returns {Promise<number>}
 */
export async function takeLinks(tabId, { count, unread = 0, unbadged = 0, unbadgedDanger = 0, top = false }, { showing = async () => null, alive = async () => true, now = Date.now } = {}) {
  let allowed = count;
  if (!top && count > 0) {
    const budget = budgetOf(tabId, now());
    budget.load ??= showing(tabId).catch(() => null);
    allowed = Math.min(count, Math.floor(budget.left));
    budget.left -= allowed;
    if (allowed < count) {
      const [began, shown] = await Promise.all([budget.load, showing(tabId).catch(() => null)]);
      // null: no answer (a busy page's top frame may take longer than shown-load.js waits), not another load.
      if (typeof shown === 'string' && linkBudgets.get(tabId) === budget) {
        if (typeof began === 'string' && shown !== began) Object.assign(budget, { left: MAX_LINKS_PER_TAB, at: now() });
        budget.load = Promise.resolve(shown);
      }
      const more = Math.min(count - allowed, Math.floor(budgetOf(tabId, now()).left));
      linkBudgets.get(tabId).left -= more;
      allowed += more;
    }
  }
  const unscreened = count - allowed + unread;
  if (unscreened + unbadged + unbadgedDanger > 0) {
    const budget = linkBudgets.get(tabId) ?? budgetOf(tabId, now());
    budget.pending += unscreened;
    budget.unbadged += unbadged;
    budget.unbadgedDanger += unbadgedDanger;
    if (!budget.noting) {
      budget.noting = true;
      oneAtATime(tabId, async () => {
        budget.noting = false;
        // Forgotten meanwhile (the tab closed): the note would outlive it.
        if (linkBudgets.get(tabId) !== budget) return;
        const [adding, addingUnbadged, addingDanger] = [budget.pending, budget.unbadged, budget.unbadgedDanger];
        budget.pending = 0;
        budget.unbadged = 0;
        budget.unbadgedDanger = 0;
        if (!(await alive(tabId))) {
          if (linkBudgets.get(tabId) === budget) linkBudgets.delete(tabId);
          return;
        }
        const [load, stored] = await Promise.all([showing(tabId).catch(() => null), ext.storage.session.get(linksKey(tabId))]);
        const before = stored[linksKey(tabId)];
        // Added to the note of the same load; one of an unanswered question (null) is taken to be the same.
        const same = before && (load === null || before.load === null || before.load === load);
        const note = {
          frameLimit: MAX_LINKS_PER_FRAME,
          limit: MAX_LINKS_PER_TAB,
          seconds: LINKS_REFILL_MS / 1000,
          unscreened: (same ? before.unscreened : 0) + adding,
          badgeLimit: MAX_BADGES,
          dangerLimit: MAX_DANGER_BADGES,
          unbadged: (same ? before.unbadged ?? 0 : 0) + addingUnbadged,
          unbadgedDanger: (same ? before.unbadgedDanger ?? 0 : 0) + addingDanger,
          load: load ?? (same ? before.load : null),
        };
        await ext.storage.session.set({ [linksKey(tabId)]: note });
      }).catch(() => {});
    }
  }
  return allowed;
}

/** The links of the tab's page not screened, past a frame's cap or the tab's budget, and those left without a
 *  badge past a frame's badge caps (takeLinks): {frameLimit, limit, seconds, unscreened, badgeLimit, dangerLimit,
 *  unbadged, unbadgedDanger}, or null. Read in the tab's queue, after the notes of batches already refused. */
export function recallUnscreened(tabId) {
  return oneAtATime(tabId, async () => {
    const note = (await ext.storage.session.get(linksKey(tabId)))[linksKey(tabId)];
    if (!note) return null;
    const { frameLimit, limit, seconds, unscreened, badgeLimit, dangerLimit, unbadged, unbadgedDanger } = note;
    return { frameLimit, limit, seconds, unscreened, badgeLimit, dangerLimit, unbadged, unbadgedDanger };
  });
}
