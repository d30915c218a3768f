// The last assessment of each tab, for the popup. Kept in storage.session because the service worker
// is stopped when idle (about 30 s) and loses its memory; session storage is not readable by content scripts.
import { ext } from '../shared/api.js';
import { withoutSecrets } from './stored.js';

const key = (tabId) => `tab:${tabId}`;

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
  await ext.storage.session.remove(key(tabId));
}

/**
 * A tab moved to another address (tabs.onUpdated): its record and badge belong to the page before, so they go,
 * unless the record already describes the new address, or the new page reported while this was reading the
 * record. Under load the read can take longer than the new page's early report (content/gate.js, at
 * document_start) and its full one: clearing after them left the page with no record and no badge (seen as a
 * flaky "example.org: no overlay, no badge" end-to-end test).
 * @param {(tabId: number) => Promise<unknown>} clearBadge
 */
export async function forgetOnNavigation(tabId, change, clearBadge) {
  if (typeof change.url !== 'string' && change.status !== 'loading') return;
  const before = written.get(tabId) ?? 0;
  const assessment = await recall(tabId);
  if ((written.get(tabId) ?? 0) !== before) return;
  if (assessment?.url && typeof change.url === 'string' && assessment.url === withoutSecrets(change.url)) return;
  await Promise.all([forget(tabId), clearBadge(tabId)]);
}
