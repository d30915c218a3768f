// A cheap first look at a page's host at document_start (content/gate.js): could it be a lookalike? Only then
// is the page kept hidden while the engine decides (a fraction of a second), so that a lookalike does not paint
// or take input before the tab is sent to the warning page. It never decides anything: a host it lets through
// is still checked by the engine and warned about the same way, only without being hidden first; a host it
// holds is shown again as soon as the engine clears it (or after a short timeout, whatever happens).
//
// Its data comes from the engine at build time (tools/build-extension.mjs, `lookalikePrefilterData`): the
// vendors' brand terms, official domains and the stems of their official hosts. Everything is compared folded
// (lower case, the usual look-alike characters read as the letter they imitate, separators dropped). A host is
// held when it holds a brand term, an official domain or stem anywhere; when one of its labels is a brand term
// with one letter added, missing, changed or swapped (zooom, discrod) or with letters doubled (webbexx, as an
// ordinary-word name may be too: slaackk; or with a letter changed or two swapped under a cheap ending: signel.top), or a long one so misspelled and run together with other letters; when a
// brand term is cut in two by `-` or `.` (whats-sapp); when one of its words is a vendor's domain label
// (teams-install) or reads as one once look-alike characters are read as letters (s1ack); when it has non-ASCII or
// punycode labels; when it is named like a vendor's numbered server under its ending (uk03web.us); or when the
// address carries a user name. A vendor's own domains are never held, except, under a domain whose subdomains are
// users' names (`[domains] user_named`: t.me), a host that is not one username label there (zoom.us.t.me), which
// the engine does not read as the vendor's either.

// What each look-alike character reads as (fold); one object for every call, not one per character.
const READS_AS = { 0: 'o', 1: 'l', '!': 'l', i: 'l', 3: 'e', 4: 'a', 5: 's', 7: 't' };

/** `text` folded: lower case, 0→o, 1/i/!→l, 3→e, 4→a, 5→s, 7→t, rn→m, vv→w, without `-`, `.` and `_`. */
export function fold(text) {
  return String(text)
    .toLowerCase()
    .replace(/[-._]/g, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[01!i3457]/g, (c) => READS_AS[c]);
}

/**
 * The prefilter's data from the engine's vendor cards (`vendorCard(id).vendor`): folded terms, official domains;
 * and the engine's ordinary-word brand names (`ordinaryBrandNames()`: teams, meet, slack, signal), which the
 * engine weighs with lure words (`teamscn`, `slackcloud`) and the prefilter holds whenever they are run together
 * with anything.
 * The engine's session-proxy suffixes (`sessionProxySuffixes()`: `.mcas.ms`, …) are taken off a host first, as
 * the engine takes them off (a proxied app is the app).
 * @param {{brand_terms?: string[], domains?: {official?: string[], user_named?: {domain: string}[]}}[]} vendors
 * @param {string[]} [ordinaryNames]
 * @param {string[]} [proxySuffixes]
 * @param {string[]} [cheapEndings] the engine's `cheapEndings()`, under which alone it counts a changed ordinary-word
 *   name (holdsChangedName)
 * @returns {{terms: string[], fuzzy: string[], fuzzyFrom: number[], fuzzyOnce: string[], labels: string[], official: string[], userNamed: string[], endings: string[],
 *   ordinary: string[], ordinaryOnce: string[], ordinaryChanged: string[], cheapEndings: string[], proxies: string[]}}
 */
export function lookalikePrefilterData(vendors, ordinaryNames = [], proxySuffixes = [], cheapEndings = []) {
  const terms = new Set();
  const fuzzy = new Set();
  const labels = new Set();
  const official = new Set();
  const userNamed = new Set();
  for (const vendor of vendors) {
    for (const named of vendor.domains?.user_named ?? []) userNamed.add(named.domain.toLowerCase());
    for (const term of vendor.brand_terms ?? []) {
      terms.add(fold(term));
      if (!term.includes('-')) fuzzy.add(fold(term));
    }
    for (const domain of vendor.domains?.official ?? []) {
      const host = domain.toLowerCase();
      official.add(host);
      terms.add(fold(host));
      const parts = host.split('.');
      labels.add(fold(parts[0]));
      // The stem of a host on a shared company domain (meet.google, teams.microsoft): distinctive as a whole.
      if (parts.length >= 3) terms.add(fold(parts.slice(0, -1).join('.')));
    }
  }
  const list = (set) => [...set].filter((term) => term.length >= 4).sort();
  // By length, then by name: mayImitate compares a label only with the terms of the lengths that could match it,
  // `fuzzyFrom[n]` being the index of the first term of n letters or more.
  const fuzzyTerms = list(fuzzy).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const longest = fuzzyTerms.at(-1)?.length ?? 0;
  const ordinary = [...new Set(ordinaryNames.map(fold))].sort();
  return {
    terms: list(terms),
    fuzzy: fuzzyTerms,
    fuzzyFrom: Array.from({ length: longest + 2 }, (_, n) => fuzzyTerms.filter((term) => term.length < n).length),
    // What mayImitate would otherwise work out again in every frame of every page load (cold code each time):
    // each term with its runs of one letter written once, and the endings of the vendors' own two-label domains.
    fuzzyOnce: fuzzyTerms.map(once),
    labels: [...labels].filter((l) => l.length >= 3).sort(),
    official: [...official].sort(),
    userNamed: [...userNamed].sort(),
    endings: [...new Set([...official].filter((host) => host.split('.').length === 2).map((host) => host.split('.')[1]))].sort(),
    ordinary,
    ordinaryOnce: ordinary.map(once),
    // Not folded: the engine compares the host's own letters with them (slipped_name), `sirnal` with `signal`.
    ordinaryChanged: [...new Set(ordinaryNames.map((name) => name.toLowerCase()))]
      .filter((name) => name.length >= MIN_CHANGED_NAME)
      .sort(),
    cheapEndings: [...cheapEndings].map((ending) => ending.toLowerCase()).sort(),
    proxies: [...proxySuffixes].map((suffix) => suffix.toLowerCase()).sort(),
  };
}

/** The shortest ordinary-word name whose changed letter the engine counts (lookalike.rs `short_names`,
 *  MIN_CHANGED_NAME: `signal`, `slack`, `teams`, not `meet`); tests/js/hostile-units.test.mjs holds every host it
 *  flags so. */
const MIN_CHANGED_NAME = 5;

/**
 * Whether `host`, under one of the engine's cheap endings, has a word (cut at `.`, `-` and digits, as the engine
 * cuts it) that is an ordinary-word name with one letter changed or two neighbours swapped (`signel.top`,
 * `slcak.site`), which the engine flags there when it is a typist's slip and makes no English word (lookalike.rs
 * `slipped_name`, session 49). Words and any changed letter too (`black.store`): the prefilter has no word list,
 * and holding such a page costs only the moment the engine takes to clear it.
 * @param {string} host lower case
 * @param {{ordinaryChanged: string[], cheapEndings: string[]}} data lookalikePrefilterData's
 */
export function holdsChangedName(host, data) {
  const names = data.ordinaryChanged ?? [];
  const at = host.lastIndexOf('.');
  if (!names.length || at < 0 || !(data.cheapEndings ?? []).includes(host.slice(at + 1))) return false;
  return host
    .slice(0, at)
    .split(/[.\-0-9]/)
    .some((word) => names.some((name) => changedOrSwapped(word, name)));
}

/** Whether `a` is `b` with one letter changed or two neighbours swapped (as long, not equal). */
function changedOrSwapped(a, b) {
  return a.length === b.length && a !== b && nearlyEqual(a, b);
}

/** `host` without a session proxy's suffix (`zoom.us.mcas.ms` → `zoom.us`), as the engine reads it. */
function unproxied(host, suffixes) {
  const suffix = suffixes.find((s) => host.length > s.length && host.endsWith(s));
  return suffix ? host.slice(0, -suffix.length) : host;
}

/** `text` with each run of one letter written once (`webbexx` → `webex`). */
function once(text) {
  return text.replace(/(.)\1+/g, '$1');
}

/** Whether `a` and `b` differ by at most one letter added, missing, changed, or two neighbours swapped. */
function nearlyEqual(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  // One edit keeps the letters before it or those after it, so words of three letters or more that differ in their
  // first letter and in their last are not one edit apart (most of the pairs a host's labels make).
  if (a.length >= 3 && b.length >= 3 && a[0] !== b[0] && a[a.length - 1] !== b[b.length - 1]) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i); // added or missing
}

/** Whether the optimal string alignment distance of `a` and `b` (letters added, missing or changed, neighbours
 *  swapped) is 2 or less. Row by row, the last three kept: in a frame's cold code a whole table's arrays cost more
 *  than its sums. */
function withinTwoEdits(a, b) {
  // No edit pairs a letter with one absent from the other word (a swap moves letters both have): each letter of `b`
  // absent from `a` is one edit at least. Most labels are told from a term by this alone, without the table.
  let absent = 0;
  for (let j = 0; j < b.length; j += 1) if (!a.includes(b[j])) absent += 1;
  if (absent > 2) return false;
  let before = [];
  let above = [];
  for (let j = 0; j <= b.length; j += 1) above.push(j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = above;
    above = row;
  }
  return above[b.length] <= 2;
}

/** Whether some run of `label` one letter longer or shorter than `term`, or as long, is `nearlyEqual` to it. */
function holdsNearTerm(label, term) {
  if (label.length <= term.length + 1) return false; // the whole label was compared already
  // A run one edit off `term` keeps the letters before the edit and those after it, n - 1 or n - 2 of them for a
  // term of n letters: with n >= 6, its first two or last two letters, so the label holds them. Most labels hold
  // neither, and the runs are not cut out at all (the cut runs were most of a frame's test of its host).
  if (!label.includes(term.slice(0, 2)) && !label.includes(term.slice(-2))) return false;
  for (let length = term.length - 1; length <= term.length + 1; length += 1) {
    for (let start = 0; start + length <= label.length; start += 1) {
      if (nearlyEqual(label.slice(start, start + length), term)) return true;
    }
  }
  return false;
}

/** Whether `host` is `domain` or under it, for one of `domains`: each of its dot-suffixes looked up. */
function isUnder(host, domains) {
  if (domains.includes(host)) return true;
  for (let at = host.indexOf('.'); at >= 0; at = host.indexOf('.', at + 1)) {
    if (domains.includes(host.slice(at + 1))) return true;
  }
  return false;
}

/** Whether `host` lies under a user-named domain (t.me) without being it or one username label under it (letters,
 *  digits, `_`: `zoomus.t.me` is, `zoom.us.t.me` and `zoom-meeting.t.me` are not), as the engine's `Database::admits`. */
function foreignUnderUserNamed(host, userNamed) {
  return userNamed.some(
    (domain) => host.endsWith(`.${domain}`) && !/^[a-z0-9_]+$/.test(host.slice(0, -domain.length - 1)),
  );
}

/**
 * Whether the page at `url` (a URL or Location) could imitate a vendor, by `data` (lookalikePrefilterData).
 * It runs at document_start in every frame (content/frame.js) as cold code, so the work for a host that holds no
 * brand term is kept small: each label folded and written once a single time, not once per term (session 44;
 * tests/js/prefilter-same-answers.test.mjs keeps its answers those of the session 43 version).
 * @param {{hostname: string, username?: string, password?: string}} url
 */
export function mayImitate(url, data) {
  const host = unproxied(String(url.hostname ?? '').toLowerCase().replace(/\.$/, ''), data.proxies);
  if (!host) return false;
  if (isUnder(host, data.official) && !foreignUnderUserNamed(host, data.userNamed ?? [])) return false;
  if (url.username || url.password) return true;
  if (/[^\x20-\x7e]/.test(host) || host.startsWith('xn--') || host.includes('.xn--')) return true;
  const folded = fold(host);
  if (data.terms.some((term) => folded.includes(term))) return true;
  const { fuzzy, fuzzyFrom, fuzzyOnce, ordinary, ordinaryOnce } = data;
  /** The index of the first brand term of `length` letters or more. */
  const from = (length) => (length <= 0 ? 0 : length < fuzzyFrom.length ? fuzzyFrom[length] : fuzzy.length);
  const parts = host.split('.');
  const raws = host.split(/[.-]/);
  const pieces = raws.map(fold);
  // An ordinary-word name run together with anything in one label (`teamscn`, `microsoft-msteams`): the engine
  // weighs the other words; `teams` alone, or `teams.example.org`, is left to it without holding the page.
  for (const word of host.includes('-') ? parts.map(fold) : pieces) {
    if (ordinary.some((name) => word.includes(name) && word !== name)) return true;
  }
  if (holdsChangedName(host, data)) return true;
  // A domain named like a vendor's numbered server (us02web.zoom.us) with the vendor's name left out, under the
  // ending of a vendor's own address (uk03web.us, webus02.us), or one slip off it (usweb0.us, us007web.us): the
  // engine (lookalike.rs numbered_server_name) decides; holding a few other `<letters><1 to 3 digits><letters>.us`
  // pages for a moment is harmless.
  if (parts.length >= 2) {
    const [label, ending] = parts.slice(-2);
    const ownEnding = !['com', 'net', 'org'].includes(ending) && data.endings.includes(ending);
    if (ownEnding && /^[a-z]*[0-9]{1,3}[a-z]*$/.test(label) && label.length >= 6 && label.length <= 10) return true;
  }
  // A brand term cut in two by `-` or `.`, the letter at the cut written on both sides (whats-sapp, an invented
  // example): the engine flags a name cut in two under any ending (lookalike.rs `split_name`); cut without a letter
  // written twice, the folded host holds the term already. Only a term one letter shorter than the two pieces can.
  for (let i = 0; i + 1 < pieces.length; i += 1) {
    const joined = pieces[i] + pieces[i + 1];
    const start = from(joined.length - 1);
    const end = from(joined.length);
    if (start < end && fuzzyOnce.slice(start, end).includes(once(joined))) return true;
  }
  for (let p = 0; p < pieces.length; p += 1) {
    const label = pieces[p];
    const size = label.length;
    // The terms at most two letters longer or shorter: nearlyEqual is false beyond one.
    for (let t = from(size - 2), end = from(size + 3); t < end; t += 1) {
      const term = fuzzy[t];
      if (size >= 3 && nearlyEqual(label, term)) return true;
      // A long brand term misspelt by two edits as a whole label, its first letter kept (`dirscod`, an invented
      // example): the engine flags such a registrable label under any one-label ending (name_edits.rs, seven
      // letters or more, one letter shorter to two longer; since session 22) and a country's of two (`co.uk`,
      // `com.cn`; since session 47). Passing it under every ending here
      // keeps this prefilter a superset of the engine for the brand terms, which is all it has to be.
      if (term.length >= 7 && term[0] === label[0] && withinTwoEdits(label, term)) return true;
    }
    // A long brand term misspelled and run together with other letters (`discrodhelp`, an invented example): the
    // engine weighs the rest; shorter terms are left out, since one edit of `zoom` is in every `room` and `zoo`.
    // Only terms two letters shorter than the label or more (holdsNearTerm).
    for (let t = from(6), end = from(size - 1); t < end; t += 1) {
      if (holdsNearTerm(label, fuzzy[t])) return true;
    }
    // Letters doubled: a label with no letter written twice in a row is its own `once`, longer than any shorter
    // term's, so only one with such a run is compared.
    const labelOnce = once(label);
    if (labelOnce !== label) {
      // A brand term with letters doubled (webbexx): the engine flags it under cheap endings.
      if (size >= 5 && fuzzyOnce.slice(0, from(size)).includes(labelOnce)) return true;
      // An ordinary-word name with letters doubled (slaackk, an invented example), which the engine flags under
      // cheap endings too (lookalike.rs `slipped_name`); the run-together check above holds it only while the
      // name is whole.
      if (ordinary.some((name, n) => size > name.length && labelOnce === ordinaryOnce[n])) return true;
    }
    // A vendor's domain label as a word of the host (teams-install.top), or one written with look-alike
    // characters (digits, `rn` for `m`, `vv` for `w`: s1ack): the engine reads the rest of the host to decide.
    if (data.labels.includes(label) && (label.length >= 4 || /[0-9!]|rn|vv/.test(raws[p]))) return true;
  }
  return false;
}
