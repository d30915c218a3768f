// manifest.json writes each long list of match patterns once, under `match_lists` (not a manifest key: the build
// takes it out); a content script's `matches` or `exclude_matches` given as a string is the list of that name.
// So the vendors' meeting hosts, where meeting-page.js and media-hook.js run and page.js does not, are one list
// (tests/content_script_hosts.rs keeps it equal to the vendor database), in both browsers' packages.

const KEYS = ['matches', 'exclude_matches'];

/** `source` (manifest.json as parsed) with every named list in place and `match_lists` removed; throws an Error
 *  naming the field for a name that is not defined, a list that is not an array of strings or is never used. */
export function resolveMatchLists(source) {
  const manifest = structuredClone(source);
  const lists = manifest.match_lists ?? {};
  delete manifest.match_lists;
  if (typeof lists !== 'object' || Array.isArray(lists) || lists === null) {
    throw new Error('manifest.json: match_lists must be an object of named lists of match patterns');
  }
  for (const [name, list] of Object.entries(lists)) {
    if (!Array.isArray(list) || list.length === 0 || !list.every((pattern) => typeof pattern === 'string')) {
      throw new Error(`manifest.json: match_lists.${name} must be a non-empty array of match patterns`);
    }
  }
  const used = new Set();
  for (const [i, script] of (manifest.content_scripts ?? []).entries()) {
    for (const key of KEYS) {
      const name = script[key];
      if (typeof name !== 'string') continue;
      if (!Object.hasOwn(lists, name)) {
        throw new Error(
          `manifest.json: content_scripts[${i}].${key} is "${name}", which match_lists does not define: ` +
            'add the list under match_lists or give the patterns as an array',
        );
      }
      script[key] = [...lists[name]];
      used.add(name);
    }
  }
  const unused = Object.keys(lists).filter((name) => !used.has(name));
  if (unused.length > 0) {
    throw new Error(`manifest.json: match_lists.${unused[0]} is not named by any content script: remove it or use it`);
  }
  return manifest;
}
