// The start of an element's text, read in bounded parts: the one way the content scripts read a text they keep only
// a part of (signals.js, recording.js, credentials-watch.js; session 49).
//
// `textContent` joins every text node under an element, and `nodeValue` / `data` copy a text node whole (Firefox
// copies the node's characters out at each read: a 10 MB node cost 17 ms a read in Firefox ESR 153, session 48,
// docs/speed.md). A link, a button, a heading, a chat log in a `role="status"` element or an editor holding a pasted
// book then cost megabytes copied on every gathering pass, to keep 150 characters. Here each text node is copied
// only in the part needed (`CharacterData.prototype.substringData`), and the reading stops once the text holds more
// than `max` characters other than white space: the callers squash runs of white space into one space and cut at
// `max`, so what they keep is what they kept from the whole text (a pretty-printed link's indentation does not count
// towards the bound). Two more bounds keep a hostile element's cost fixed: MAX_READ characters read in all (white
// space included) and MAX_READ_NODES text nodes holding other characters (MAX_READ_BLANK_NODES of white space only: a
// link wrapping a pretty-printed inline SVG logo has one per element, and is no hostile text; session 49b). Reads go through the prototypes (a page can define `textContent`
// or `nodeValue` getters on its own nodes), looked up on first use (frame.js loads signals.js in every frame).

/** Most characters read from one element, white space included (a megabyte of spaces is no text to keep). */
export const MAX_READ = 65_536;
/** Most text nodes holding characters other than white space read under one element. */
export const MAX_READ_NODES = 1000;
/** Most text nodes of white space only (or empty) read under one element: a pretty-printed inline SVG of a few
 *  thousand elements is read past (review of s49-bounded49, finding 2). */
export const MAX_READ_BLANK_NODES = 16_384;
/** Characters read from a text node at a time (more than most callers keep, so a short node is one read). */
const PIECE = 1024;
/** White space as the callers' squash counts it (`\s`). */
const WHITE = /\s+/g;
/** A character the callers keep (not white space). */
const NOT_WHITE = /\S/;

/** A DOM property's getter from its prototype: the page's own overrides and clobbering names on an element do not
 *  reach it (every content script that reads page nodes calls through these). */
export const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;

let dom = null;
function prototypes() {
  return {
    substringData: CharacterData.prototype.substringData,
    length: getter(CharacterData.prototype, 'length'),
    createTreeWalker: Document.prototype.createTreeWalker,
  };
}

/** The first `count` characters of a text node, copied alone. */
export function headOf(node, count) {
  dom ??= prototypes();
  return dom.substringData.call(node, 0, count);
}

/** The last `count` characters of a text node, copied alone. */
export function tailOf(node, count) {
  dom ??= prototypes();
  return dom.substringData.call(node, Math.max(0, dom.length.call(node) - count), count);
}

/** The length of a text node, without copying it. */
export function lengthOf(node) {
  dom ??= prototypes();
  return dom.length.call(node);
}

/**
 * The start of `node`'s text (an element's text nodes in document order, as `textContent` joins them, or a text
 * node's own), read until it holds more than `max` characters other than white space, or MAX_READ characters, or
 * MAX_READ_NODES text nodes holding other characters than white space, or MAX_READ_BLANK_NODES of white space only
 * (the two node bounds only when `nodeBound`: credentials-watch.js decides on characters alone whether an editor is
 * read through innerText, which walks all its nodes anyway). `whole`: nothing was left unread. When not whole, the
 * text holds more than `max` characters other than white space unless one of the other bounds stopped it (a caller
 * that must say when it did not see a text whole says so then).
 * @returns {{text: string, whole: boolean}}
 */
export function boundedText(node, max, { nodeBound = true } = {}) {
  dom ??= prototypes();
  const state = { text: '', visible: 0, read: 0, blank: true };
  if (node.nodeType === Node.TEXT_NODE) {
    const whole = readNode(node, max, state);
    return { text: state.text, whole };
  }
  const walker = dom.createTreeWalker.call(document, node, NodeFilter.SHOW_TEXT);
  const [maxNodes, maxBlank] = nodeBound ? [MAX_READ_NODES, MAX_READ_BLANK_NODES] : [Infinity, Infinity];
  let nodes = 0;
  let blanks = 0;
  for (let textNode = walker.nextNode(); textNode; textNode = walker.nextNode()) {
    if (nodes >= maxNodes || blanks >= maxBlank || !readNode(textNode, max, state)) return { text: state.text, whole: false };
    if (state.blank) blanks += 1;
    else nodes += 1;
  }
  return { text: state.text, whole: true };
}

/** Adds to `state` the start of one text node, in pieces; false when a bound stopped it before the node's end.
 *  `state.blank`: the node read held white space only. */
function readNode(textNode, max, state) {
  const length = dom.length.call(textNode);
  state.blank = true;
  for (let offset = 0; offset < length; ) {
    if (state.visible > max || state.read >= MAX_READ) return false;
    const piece = dom.substringData.call(textNode, offset, Math.min(Math.max(PIECE, max + 1 - state.visible), MAX_READ - state.read));
    offset += piece.length;
    const before = state.read;
    state.read += piece.length;
    state.text += piece;
    if (state.blank && NOT_WHITE.test(piece)) state.blank = false;
    // Only past `max` characters read can more than `max` be other than white space: counted from then on (a short
    // text, most of them, is never counted).
    if (state.read > max) state.visible += (before > max ? piece : state.text).replace(WHITE, '').length;
  }
  return true;
}
