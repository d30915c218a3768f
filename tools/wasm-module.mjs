// The parts of a wasm module's binary that tools/wasm-sizes.mjs, tools/wasm-panics.mjs and
// tools/trace-warning-time.mjs read: its sections' sizes, the function bodies' sizes and places, how many
// functions are imported (a body's function index is the imports' count plus its place in the code section, as in
// V8's traces) and the `name` section's function names
// (wasm-bindgen keeps them, demangled, and cargo's own modules, mangled; `wasm-opt` strips them unless given `-g`,
// as `make size-report` gives it).

/** The LEB128 number at `position` of `buffer` (signed or not), and the position after it. */
export const readLeb = (buffer, position, signed = false) => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = buffer[position++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [signed && byte & 0x40 ? result - 2 ** shift : result, position];
};

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'data count'];

/**
 * The module in `bytes` (a Buffer): `sections` ([label, size] in file order), `importedFunctions`, `bodies` (each
 * function body's size in code-section order), `spans` (each body's [start, length] in `bytes`, after its size),
 * `codeRange` ([the code section's id byte, its first function's size, its end] in `bytes`; null without one),
 * `names` (function index → name), `codeSection` and `dataSection`.
 */
export function readModule(bytes) {
  let at = 8;
  const leb = () => {
    const [value, next] = readLeb(bytes, at);
    at = next;
    return value;
  };
  const text = (length) => bytes.subarray(at, (at += length)).toString('utf8');
  const sections = [];
  let importedFunctions = 0;
  let bodies = [];
  let spans = [];
  let codeRange = null;
  let dataSection = Buffer.alloc(0);
  let codeSection = Buffer.alloc(0);
  const names = new Map();
  while (at < bytes.length) {
    const header = at;
    const id = bytes[at++];
    const size = leb();
    const start = at;
    let label = SECTIONS[id] ?? `section ${id}`;
    if (id === 0) {
      const name = text(leb());
      label = `custom "${name}"`;
      if (name === 'name') {
        while (at < start + size) {
          const kind = bytes[at++];
          const length = leb();
          const end = at + length;
          if (kind === 1) {
            for (let count = leb(); count > 0; count--) {
              const index = leb();
              names.set(index, text(leb()));
            }
          }
          at = end;
        }
      }
    } else if (id === 2) {
      for (let count = leb(); count > 0; count--) {
        text(leb());
        text(leb());
        const kind = bytes[at++];
        if (kind === 0) { leb(); importedFunctions++; }
        else if (kind === 1) { at++; const flags = leb(); leb(); if (flags & 1) leb(); }
        else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
        else if (kind === 3) { at += 2; }
        else if (kind === 4) { at++; leb(); }
      }
    } else if (id === 11) {
      dataSection = bytes.subarray(start, start + size);
    } else if (id === 10) {
      codeSection = bytes.subarray(start, start + size);
      bodies = [];
      spans = [];
      const count = leb();
      codeRange = [header, at, start + size];
      for (let i = 0; i < count; i++) {
        const length = leb();
        bodies.push(length);
        spans.push([at, length]);
        at += length;
      }
    }
    sections.push([label, size]);
    at = start + size;
  }
  return { sections, importedFunctions, bodies, spans, codeRange, names, codeSection, dataSection };
}
