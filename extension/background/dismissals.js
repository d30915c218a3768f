// Warnings the user chose not to see again: for one page (its origin and path, so every visit to the same
// meeting counts, whatever the query) or for one vendor. Kept in storage.local, which pages cannot read;
// written only by the background, on a validated `dismiss` message (extension/requests.js).
import { ext } from '../shared/api.js';

const KEY = 'dismissals';
/** Oldest page dismissals go first beyond this many, so the list stays small. */
const MAX_PAGES = 500;

export const pageKey = (url) => {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
};

async function load() {
  const stored = (await ext.storage.local.get(KEY))[KEY];
  const list = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
  return { pages: list(stored?.pages), vendors: list(stored?.vendors) };
}

/** Whether the banner for this assessment of `url` was dismissed (danger is never dismissed: see content.js). */
export async function isDismissed(assessment, url) {
  const { pages, vendors } = await load();
  return pages.includes(pageKey(url)) || (Boolean(assessment?.vendor) && vendors.includes(assessment.vendor));
}

/** Remembers a dismissal; `vendor` comes from the background's own record of the tab. */
export async function dismiss(scope, url, vendor) {
  const state = await load();
  if (scope === 'vendor') {
    if (!vendor) return false;
    if (!state.vendors.includes(vendor)) state.vendors.push(vendor);
  } else {
    const key = pageKey(url);
    state.pages = [...state.pages.filter((page) => page !== key), key].slice(-MAX_PAGES);
  }
  await ext.storage.local.set({ [KEY]: state });
  return true;
}
