// Helpers of the tests that read the project's own scripts as syntax trees (acorn): shadowed-imports.test.mjs and
// imports-resolve.test.mjs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The script files under `dir` (`.js`, and `.mjs` with `modules`), every level down but the built package (`pkg`). */
export function scripts(dir, { modules = false } = {}) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pkg' ? [] : scripts(path, { modules });
    return entry.name.endsWith('.js') || (modules && entry.name.endsWith('.mjs')) ? [path] : [];
  });
}

/** The identifiers a binding pattern declares (`a`, `{a, b: c}`, `[a, ...b]`, `a = 1`). */
export function patternNames(pattern) {
  switch (pattern?.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternNames(e));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    default:
      return [];
  }
}
