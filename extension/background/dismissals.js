// Warnings the user chose not to see again: for one page (its origin and path, so every visit to the same
// meeting counts, whatever the query) or for one vendor. Kept in storage.local, which pages cannot read;
// written only by the background, on a validated `dismiss` message (extension/requests.js).
//
// Privacy: a page is kept as the SHA-256 of its origin and path, never the address itself (the path holds the
// meeting ID), and every dismissal expires after DISMISS_DAYS days; then the warning shows again.
import { ext } from '../shared/api.js';

const KEY = 'dismissals';
/** Oldest page dismissals go first beyond this many, so the list stays small. */
const MAX_PAGES = 500;
export const DISMISS_DAYS = 30;
const DISMISS_MS = DISMISS_DAYS * 24 * 60 * 60 * 1000;

export const pageKey = (url) => {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
};

/** Hex SHA-256 of a page's origin and path. */
export async function pageHash(url) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pageKey(url)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The stored lists without expired or malformed entries (an entry of an older format is dropped). */
async function load(now) {
  const stored = (await ext.storage.local.get(KEY))[KEY];
  const list = (value, field) =>
    Array.isArray(value)
      ? value.filter((item) => typeof item?.[field] === 'string' && Number.isFinite(item?.until) && item.until > now)
      : [];
  return { pages: list(stored?.pages, 'hash'), vendors: list(stored?.vendors, 'vendor') };
}

/** Whether the banner for this assessment of `url` was dismissed (danger is never dismissed: see content.js). */
export async function isDismissed(assessment, url, now = Date.now()) {
  const { pages, vendors } = await load(now);
  if (Boolean(assessment?.vendor) && vendors.some((entry) => entry.vendor === assessment.vendor)) return true;
  if (pages.length === 0) return false;
  const hash = await pageHash(url);
  return pages.some((entry) => entry.hash === hash);
}

/** Remembers a dismissal until DISMISS_DAYS from now; `vendor` comes from the background's own record of the tab. */
export async function dismiss(scope, url, vendor, now = Date.now()) {
  const state = await load(now);
  const until = now + DISMISS_MS;
  if (scope === 'vendor') {
    if (!vendor) return false;
    state.vendors = [...state.vendors.filter((entry) => entry.vendor !== vendor), { vendor, until }];
  } else {
    const hash = await pageHash(url);
    state.pages = [...state.pages.filter((entry) => entry.hash !== hash), { hash, until }].slice(-MAX_PAGES);
  }
  await ext.storage.local.set({ [KEY]: state });
  return true;
}
