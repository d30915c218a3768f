// Batches for the engine's bulk calls (crates/wasm `batchInput`, `unpack`): the strings joined into one UTF-8
// text with the length of each in UTF-16 code units, written straight into room the engine lends in its own
// memory, so that no string crosses one by one and nothing is copied in between (one `encodeInto` of the joined
// text; wasm-bindgen's own byte arrays were allocated and copied in again), and any string fits (no separator
// to reserve). The engine throws when the lengths do not match the text; what comes back is checked here too,
// so that a mismatch fails loudly instead of badging the wrong link.

const encoder = new TextEncoder();
/** Text shorter than this gets room for its worst case at once (UTF-8 takes at most three bytes a unit). */
const WORST_CASE_UP_TO = 1 << 16;
/** The lengths of the batch being staged, noted as its strings are joined: kept from batch to batch, grown up
 *  to this many (a larger batch gets its own). */
const LENGTHS_KEPT = 1 << 16;
let lengthsSeen = new Uint32Array(512);

/** The JSON text of each settings object found deeply frozen (settings.js `freezeSettings`). */
const settingsTexts = new WeakMap();

/**
 * What a batch call passes the engine for `settings`: the JSON text of settings that cannot change (a plain
 * object whose objects and arrays are all frozen and hold only data properties: settings.js `freezeSettings`),
 * computed once per object; any other value as it is, for the engine to check and turn into JSON text itself.
 */
export function settingsKey(settings) {
  if (typeof settings !== 'object' || settings === null) return settings;
  let text = settingsTexts.get(settings);
  if (text === undefined) {
    if (!hasObjectPrototype(settings) || !isFrozenData(settings)) return settings;
    text = JSON.stringify(settings);
    settingsTexts.set(settings, text);
  }
  return text;
}

/** Whether `value` is a plain object as the engine takes settings (crates/wasm `json_js_text`): its prototype
 *  `Object.prototype` or null (settings.js and requests.js `isPlainObject` ask less: any object but an array). */
function hasObjectPrototype(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/** Whether `value` is JSON data that cannot change: a string, number, boolean or null, or a frozen array or plain
 *  object of such values held in data properties (no accessor that could answer anew, no function, so no `toJSON`
 *  for JSON.stringify to call instead, no cycle). `within`: the objects it lies in. */
function isFrozenData(value, within = []) {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return true;
  if (typeof value !== 'object' || within.includes(value)) return false;
  if (!Object.isFrozen(value) || !(Array.isArray(value) || hasObjectPrototype(value))) return false;
  within.push(value);
  for (const key of Object.keys(value)) {
    if (!('value' in Object.getOwnPropertyDescriptor(value, key)) || !isFrozenData(value[key], within)) return false;
  }
  within.pop();
  return true;
}

/**
 * Writes `strings` into the engine's batch room: their lengths, then their text.
 * @param {object} engine the wasm package
 * @param {string[]} strings
 * @returns {number} the text's length in bytes, for the batch call that must follow at once (the room is valid
 *   until the next call into the engine)
 */
export function stage(engine, strings) {
  const count = strings.length;
  // Joined by `+=`, checked on the way: V8 links the pieces and copies them once, when `encodeInto` flattens
  // the text; `join('')` cost about 85 instructions a URL more in Node 20 (callgrind, session 32: its loop
  // over the elements, about 100 a string). TextEncoder writes a lone surrogate (half a UTF-16 pair) as
  // U+FFFD, one unit for one; two halves that the joining puts side by side become one character, which the
  // engine splits again (crates/wasm `unpack`).
  // The lengths are noted in the same loop and copied into the room in one `set` once it is lent: a second
  // loop over the strings cost about 6 instructions a URL (callgrind, session 39).
  if (lengthsSeen.length < count && count <= LENGTHS_KEPT) lengthsSeen = new Uint32Array(count);
  const seen = lengthsSeen.length < count ? new Uint32Array(count) : lengthsSeen;
  let text = '';
  for (let i = 0; i < count; i++) {
    const string = strings[i];
    if (typeof string !== 'string') throw new TypeError(`joinguard: batch item ${i} is not a string`);
    text += string;
    seen[i] = string.length;
  }
  const at = count * 4;
  // A long text first gets one byte a unit (enough for ASCII) rather than room three times its size, which the
  // engine's memory would keep; it is encoded again when that was too little.
  let room = engine.batchInput(count, text.length <= WORST_CASE_UP_TO ? text.length * 3 : text.length);
  let { read, written } = encoder.encodeInto(text, room.subarray(at));
  if (read < text.length) {
    room = engine.batchInput(count, text.length * 3);
    ({ written } = encoder.encodeInto(text, room.subarray(at)));
  }
  new Uint32Array(room.buffer, room.byteOffset, count).set(seen.subarray(0, count));
  return written;
}

/**
 * The compact codes of `urls` (crates/wasm `classifyUrls`, read with `urlCodeTables`): a view of the engine's
 * memory, valid until the next call into the engine.
 * @returns {Uint32Array}
 */
export function classifyUrls(engine, urls, settings) {
  return engine.classifyUrls(urls.length, stage(engine, urls), settingsKey(settings));
}

/**
 * The links of `urls` worth a badge, as `[{index, assessment}]` in input order, indexes checked: the engine
 * answers numbers (crates/wasm `screenLinks`, src/screen.rs `record`), read back here into the assessment the
 * engine would have written (`assessUrl`), with the tables of `linkTables` (vendors, the findings shared between
 * links), fetched once per settings. Tables and their findings are frozen: the hits share them.
 * @returns {{index: number, assessment: object}[]}
 */
export function screenLinks(engine, urls, settings) {
  const key = settingsKey(settings);
  let [records, extras] = engine.screenLinks(urls.length, stage(engine, urls), key);
  let tables = linkTablesOf.get(engine);
  if (tables?.generation !== records[0]) {
    // Another engine (new settings): the records' view dies at the next call into the engine.
    records = records.slice();
    tables = readTables(engine.linkTables(key), records[0]);
    linkTablesOf.set(engine, tables);
  }
  return readHits(records, extras, tables, urls);
}

/** `linkTables` of each engine module, for the engine generation that made them. */
const linkTablesOf = new WeakMap();

/** The layout of the records that this reader knows (src/screen.rs `record`). */
const RECORD = { head: 8, per_link: 0xffffffff, flags: { 'embedded-secret': 1, extra: 2, 'meeting-in-url': 4 } };
const NO_VENDOR = Object.freeze({ id: null, name: null, grade: null, standing: null, known_facts: null, retired: null });

function readTables(tables, generation) {
  if (tables?.generation !== generation || JSON.stringify(tables.record) !== JSON.stringify(RECORD)) {
    throw new TypeError(`joinguard: link tables of another engine or layout (${generation})`);
  }
  for (const vendor of tables.vendors) {
    Object.freeze(vendor.retired);
    Object.freeze(vendor);
  }
  for (const finding of tables.findings) {
    if (finding) Object.freeze(finding.params);
    Object.freeze(finding);
  }
  return tables;
}

/**
 * The hits from `screenLinks`' records and extras, every number checked against the batch and the tables (a
 * mismatch throws rather than badging the wrong link or saying the wrong thing).
 */
function readHits(records, extras, { vendors, kinds, findings }, urls) {
  const fail = (what) => {
    throw new RangeError(`joinguard: link records of a batch of ${urls.length}: ${what}`);
  };
  const count = records[1];
  const extraList = extras ?? [];
  if (!Array.isArray(extraList)) fail('extras not a list');
  const hits = new Array(count);
  let at = 2;
  let extra = 0;
  let last = -1;
  const vendorAt = (n) => (n === 0 ? NO_VENDOR : vendors[n - 1] ?? fail(`vendor ${n}`));
  for (let h = 0; h < count; h++) {
    if (at + RECORD.head > records.length) fail('records cut short');
    const index = records[at];
    if (index <= last || index >= urls.length) fail(`index ${index} after ${last}`);
    last = index;
    const vendor = vendorAt(records[at + 1]);
    const kind = kinds[records[at + 2]] ?? fail(`kind ${records[at + 2]}`);
    const lookalike = vendorAt(records[at + 3]);
    const flags = records[at + 4];
    const own = flags & RECORD.flags.extra ? extraList[extra++] ?? fail('extras cut short') : null;
    const url = own?.url ?? urls[index];
    let meetingId = own?.meeting_id ?? null;
    if (flags & RECORD.flags['meeting-in-url']) {
      const [start, end] = [records[at + 5], records[at + 6]];
      if (start > end || end > url.length) fail(`meeting id at ${start}..${end}`);
      meetingId = url.slice(start, end);
    }
    const findingCount = records[at + 7];
    at += RECORD.head;
    if (at + findingCount > records.length) fail('findings cut short');
    const list = new Array(findingCount);
    let ownFinding = 0;
    for (let f = 0; f < findingCount; f++) {
      const slot = records[at + f];
      list[f] = slot === RECORD.per_link ? own?.findings?.[ownFinding++] : findings[slot];
      if (!list[f]) fail(`finding ${slot}`);
    }
    if (ownFinding !== (own?.findings?.length ?? 0)) fail(`findings of link ${index} left over`);
    at += findingCount;
    hits[h] = {
      index,
      assessment: {
        url,
        target: own?.target ?? url,
        unwrapped: own?.unwrapped ?? [],
        vendor: vendor.id,
        vendor_name: vendor.name,
        kind,
        lookalike_of: lookalike.id,
        lookalike_name: lookalike.name,
        meeting_id: meetingId,
        embedded_secret: (flags & RECORD.flags['embedded-secret']) !== 0,
        grade: vendor.grade,
        standing: vendor.standing,
        known_facts: vendor.known_facts,
        retired: vendor.retired,
        findings: list,
      },
    };
  }
  if (at !== records.length || extra !== extraList.length) fail('records or extras left over');
  return hits;
}

/**
 * The exposed meeting credentials in `texts`, as `[{index, …}]`, indexes checked.
 * @returns {{index: number}[]}
 */
export function exposedCredentials(engine, texts, settings) {
  return checkIndexes(engine.exposedCredentials(texts.length, stage(engine, texts), settingsKey(settings)), texts.length);
}

/**
 * Results that name their item by `index` (screenLinks' hits, exposedCredentials' exposures), checked against
 * the batch: every index an item of it, in input order. Throws otherwise.
 * @template {{index: number}} T
 * @param {T[]} results
 * @param {number} count the batch's size
 * @returns {T[]}
 */
export function checkIndexes(results, count) {
  if (!Array.isArray(results)) throw new TypeError('joinguard: the engine answered a batch with no list');
  let last = -1;
  for (const result of results) {
    const index = result?.index;
    if (!Number.isInteger(index) || index < last || index >= count) {
      throw new RangeError(`joinguard: the engine answered a batch of ${count} with index ${index} after ${last}`);
    }
    last = index;
  }
  return results;
}
