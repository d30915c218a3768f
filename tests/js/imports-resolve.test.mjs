// Every name a module of the extension or of tools/ takes from another module of this project is exported there:
// `import { x } from './y.js'`, and `y.x` after `import * as y from './y.js'`. Node only finds a missing one when
// the importing script runs, and tools/bench.mjs and tools/facade-instructions.mjs run in no test: moving
// freezeSettings from batch.js to settings.js (session 41) broke both unseen until `make bench-facade-instructions`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'acorn';
import { patternNames, scripts } from './syntax-tree.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

const parsed = new Map();
function moduleOf(path) {
  if (!parsed.has(path)) parsed.set(path, parse(readFileSync(path, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' }));
  return parsed.get(path);
}

/** Every `object.name` in the tree whose object is the identifier `object` (not `object[name]`). */
function membersOf(node, object, found = []) {
  if (!node || typeof node.type !== 'string') return found;
  if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === object) {
    found.push(node.property.name);
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) membersOf(child, object, found);
    else if (value && typeof value.type === 'string') membersOf(value, object, found);
  }
  return found;
}

/** The names `path` exports (`export function f`, `export const a`, `export { a, b as c }`). */
function exportsOf(path) {
  const names = new Set();
  for (const node of moduleOf(path).body) {
    if (node.type !== 'ExportNamedDeclaration') continue;
    const declaration = node.declaration;
    if (declaration?.id) names.add(declaration.id.name);
    for (const variable of declaration?.declarations ?? []) for (const name of patternNames(variable.id)) names.add(name.name);
    for (const specifier of node.specifiers) names.add(specifier.exported.name);
  }
  return names;
}

test('every name taken from a module of the project is exported by it', () => {
  const files = [...scripts(join(ROOT, 'extension'), { modules: true }), ...scripts(join(ROOT, 'tools'), { modules: true })];
  const missing = [];
  let checked = 0;
  for (const file of files) {
    for (const node of moduleOf(file).body) {
      if (node.type !== 'ImportDeclaration' || !node.source.value.startsWith('.')) continue;
      const target = resolve(dirname(file), node.source.value);
      if (target.includes(`${join('extension', 'pkg')}`)) continue; // the wasm package's glue, built by `make wasm`
      const exported = exportsOf(target);
      const where = `${relative(ROOT, file)} from ${node.source.value}`;
      for (const specifier of node.specifiers) {
        if (specifier.type === 'ImportSpecifier') {
          checked++;
          if (!exported.has(specifier.imported.name)) missing.push(`${where}: ${specifier.imported.name}`);
        } else if (specifier.type === 'ImportNamespaceSpecifier') {
          for (const name of membersOf(moduleOf(file), specifier.local.name)) {
            checked++;
            if (!exported.has(name)) missing.push(`${where}: ${specifier.local.name}.${name}`);
          }
        }
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} names checked`);
  assert.deepEqual(missing, []);
});
