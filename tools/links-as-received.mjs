// The bench links as the extension's background receives them, for the facade's rows (tools/bench.mjs,
// tools/facade-instructions.mjs). A page's links come from `a.href`, one string each, and cross to the
// background through the extension's messaging, which builds each string again: one byte a character in V8 when
// the link is Latin-1. Pieces of one file split at newlines are not that: V8 keeps them as slices of the file's
// string, which is two bytes a character as soon as one line is not Latin-1 (two of the 10,000 bench links), so
// every batch's `join` was two-byte and Node's UTF-8 encoder took 566 instructions a URL instead of 69
// (callgrind, session 32). JSON's parser builds each string on its own, as the messaging does.

/**
 * @param {string[]} links
 * @returns {string[]} the same links, each a string of its own
 */
export function linksAsReceived(links) {
  return JSON.parse(JSON.stringify(links));
}
