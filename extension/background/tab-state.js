// The last assessment of each tab, for the popup. Kept in storage.session because the service worker
// is stopped when idle (about 30 s) and loses its memory; session storage is not readable by content scripts.
import { ext } from '../shared/api.js';

const key = (tabId) => `tab:${tabId}`;

export async function remember(tabId, assessment) {
  await ext.storage.session.set({ [key(tabId)]: assessment });
}

export async function recall(tabId) {
  const stored = await ext.storage.session.get(key(tabId));
  return stored[key(tabId)] ?? null;
}

export async function forget(tabId) {
  await ext.storage.session.remove(key(tabId));
}
