// Batches for the engine's bulk calls (crates/wasm `batchInput`, `unpack`): the strings joined into one UTF-8
// text with the length of each in UTF-16 code units, written straight into room the engine lends in its own
// memory, so that no string crosses one by one and nothing is copied in between (one `encodeInto` of the joined
// text; wasm-bindgen's own byte arrays were allocated and copied in again), and any string fits (no separator
// to reserve). The engine throws when the lengths do not match the text; what comes back is checked here too,
// so that a mismatch fails loudly instead of badging the wrong link.

const encoder = new TextEncoder();
/** Text shorter than this gets room for its worst case at once (UTF-8 takes at most three bytes a unit). */
const WORST_CASE_UP_TO = 1 << 16;

/**
 * Writes `strings` into the engine's batch room: their lengths, then their text.
 * @param {object} engine the wasm package
 * @param {string[]} strings
 * @returns {number} the text's length in bytes, for the batch call that must follow at once (the room is valid
 *   until the next call into the engine)
 */
export function stage(engine, strings) {
  const count = strings.length;
  for (let i = 0; i < count; i++) {
    if (typeof strings[i] !== 'string') throw new TypeError(`joinguard: batch item ${i} is not a string`);
  }
  // TextEncoder writes a lone surrogate (half a UTF-16 pair) as U+FFFD, one unit for one; two halves that the
  // join puts side by side become one character, which the engine splits again (crates/wasm `unpack`).
  const text = strings.join('');
  const at = count * 4;
  // A long text first gets one byte a unit (enough for ASCII) rather than room three times its size, which the
  // engine's memory would keep; it is encoded again when that was too little.
  let room = engine.batchInput(count, text.length <= WORST_CASE_UP_TO ? text.length * 3 : text.length);
  let { read, written } = encoder.encodeInto(text, room.subarray(at));
  if (read < text.length) {
    room = engine.batchInput(count, text.length * 3);
    ({ written } = encoder.encodeInto(text, room.subarray(at)));
  }
  const lengths = new Uint32Array(room.buffer, room.byteOffset, count);
  for (let i = 0; i < count; i++) lengths[i] = strings[i].length;
  return written;
}

/**
 * The compact codes of `urls` (crates/wasm `classifyUrls`, read with `urlCodeTables`): a view of the engine's
 * memory, valid until the next call into the engine.
 * @returns {Uint32Array}
 */
export function classifyUrls(engine, urls, settings) {
  return engine.classifyUrls(urls.length, stage(engine, urls), settings);
}

/**
 * The links of `urls` worth a badge, as `[{index, assessment}]`, indexes checked.
 * @returns {{index: number, assessment: object}[]}
 */
export function screenLinks(engine, urls, settings) {
  return checkIndexes(engine.screenLinks(urls.length, stage(engine, urls), settings), urls.length);
}

/**
 * The exposed meeting credentials in `texts`, as `[{index, …}]`, indexes checked.
 * @returns {{index: number}[]}
 */
export function exposedCredentials(engine, texts, settings) {
  return checkIndexes(engine.exposedCredentials(texts.length, stage(engine, texts), settings), texts.length);
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
