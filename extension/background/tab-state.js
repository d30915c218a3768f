// The last assessment of each tab, for the popup, and what recording.js was answered about a recording in it.
// Kept in storage.session because the service worker is stopped when idle (about 30 s) and loses its memory;
// session storage is not readable by content scripts.
import { ext } from '../shared/api.js';
import { withoutSecrets } from './stored.js';
import { indicatorKey } from '../shared/recording-text.js';

const key = (tabId) => `tab:${tabId}`;
const recordingKey = (tabId) => `recording:${tabId}`;

// How many records each tab has been given in this worker's life: a navigation's clearing checks it did not
// start before a newer report (forgetOnNavigation).
const written = new Map();

export async function remember(tabId, assessment) {
  written.set(tabId, (written.get(tabId) ?? 0) + 1);
  await ext.storage.session.set({ [key(tabId)]: assessment });
}

export async function recall(tabId) {
  const stored = await ext.storage.session.get(key(tabId));
  return stored[key(tabId)] ?? null;
}

export async function forget(tabId) {
  await ext.storage.session.remove([key(tabId), recordingKey(tabId)]);
}

/**
 * A tab moved to another address (tabs.onUpdated): its record and badge belong to the page before, so they go,
 * unless the record already describes the new address, or the new page reported while this was reading the
 * record. Under load the read can take longer than the new page's early report (content/gate.js, at
 * document_start) and its full one: clearing after them left the page with no record and no badge (seen as a
 * flaky "example.org: no overlay, no badge" end-to-end test).
 * What recording.js was answered goes with the record, except where it names its page load (Chromium's
 * documentId, else content/load-id.js's id: always, from this extension's content scripts): that one holds only
 * for that load, which a same-document navigation (history.pushState, also reported as `loading`) keeps, and
 * recording.js's warning with it. Kept by load, not cleared here, because the clearing cannot be ordered after
 * the answers it should clear: an answer to the old page can be written after the navigation's clearing, and a
 * reload to the same address keeps the record (the reviewer's should-fix 6 of sessions 26/27, for a Firefox that
 * names no document; not reproduced with Firefox ESR 153, see content/load-id.js).
 * @param {(tabId: number) => Promise<unknown>} clearBadge
 */
export async function forgetOnNavigation(tabId, change, clearBadge) {
  if (typeof change.url !== 'string' && change.status !== 'loading') return;
  const before = written.get(tabId) ?? 0;
  const stored = await ext.storage.session.get([key(tabId), recordingKey(tabId)]);
  const assessment = stored[key(tabId)] ?? null;
  if ((written.get(tabId) ?? 0) !== before) return;
  if (assessment?.url && typeof change.url === 'string' && assessment.url === withoutSecrets(change.url)) return;
  const keys = typeof stored[recordingKey(tabId)]?.document === 'string' ? [key(tabId)] : [key(tabId), recordingKey(tabId)];
  await Promise.all([ext.storage.session.remove(keys), clearBadge(tabId)]);
}

// --- what recording.js was answered ------------------------------------------------------------------------------

// Indicators kept per tab: recording.js sends at most 20 candidate texts (its MAX_NOTICES) and 100 buttons a page.
const MAX_WARNED = 20;

// Indicators compared by their letters (shared/recording-text.js indicatorKey), as recording.js reads its labels.
export { indicatorKey };

// Read-modify-write per tab, one at a time: two answers to recording.js must not each keep only their own.
const queues = new Map();
function oneAtATime(tabId, work) {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(work);
  const settled = run.catch(() => {});
  queues.set(tabId, settled);
  settled.then(() => {
    if (queues.get(tabId) === settled) queues.delete(tabId);
  });
  return run;
}

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
