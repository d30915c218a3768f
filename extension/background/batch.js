// Batches for the engine's bulk calls (crates/wasm `unpack`): the strings joined into one UTF-8 text with the
// length of each in UTF-16 code units, so that one byte array and one typed array cross into wasm instead of one
// string per item, and any string fits (no separator to reserve). The engine throws when the lengths do not match
// the text; what comes back is checked here too, so that a mismatch fails loudly instead of badging the wrong link.

const encoder = new TextEncoder();
/** Reused for batches up to its size (allocating a new array each time cost as much again as encoding). */
const SHARED_BYTES = 256 * 1024;
let shared = null;

/**
 * @param {string[]} strings
 * @returns {{bytes: Uint8Array, lengths: Uint32Array}} `bytes` is valid until the next call: pass it to the
 *   engine at once.
 */
export function packStrings(strings) {
  const lengths = new Uint32Array(strings.length);
  for (let i = 0; i < strings.length; i++) {
    if (typeof strings[i] !== 'string') throw new TypeError(`packStrings: item ${i} is not a string`);
    lengths[i] = strings[i].length;
  }
  // TextEncoder writes a lone surrogate (half a UTF-16 pair) as U+FFFD, one unit for one; two halves that the
  // join puts side by side become one character, which the engine splits again (crates/wasm `unpack`).
  const text = strings.join('');
  // UTF-8 takes at most three bytes a UTF-16 unit.
  if (text.length * 3 > SHARED_BYTES) return { bytes: encoder.encode(text), lengths };
  shared ??= new Uint8Array(SHARED_BYTES);
  return { bytes: shared.subarray(0, encoder.encodeInto(text, shared).written), lengths };
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
