// No module of the extension declares, in an inner scope, a name it imports. signals.js did (session 25): its
// gather() declared `const cut = capper(state)` over url-cut.js's `cut`, so the page's address went through the
// capper without a cap and every page was sent `truncated`, silencing the engine's findings about what a page
// lacks. The project has no ESLint configuration (`make lint` is web-ext's linter, which has no `no-shadow`), so
// this is that rule for imports only: eslint's `no-shadow` over extension/ also reports shadows that are the
// code's design (findings-text.js's module body builds the names it exports), which would need exceptions.
// An import binding is module-scoped, so any other declaration of its name anywhere in the file shadows it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse } from 'acorn';
import { patternNames, scripts } from './syntax-tree.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXTENSION = join(ROOT, 'extension');

/** Every identifier the file declares outside its import statements, with where. */
function declarations(node, out = []) {
  if (!node || typeof node.type !== 'string') return out;
  switch (node.type) {
    case 'ImportDeclaration':
      return out;
    case 'VariableDeclarator':
      out.push(...patternNames(node.id));
      break;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.id) out.push(node.id);
      for (const param of node.params) out.push(...patternNames(param));
      break;
    case 'ClassDeclaration':
    case 'ClassExpression':
      if (node.id) out.push(node.id);
      break;
    case 'CatchClause':
      out.push(...patternNames(node.param));
      break;
    default:
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => declarations(child, out));
    else if (value && typeof value === 'object') declarations(value, out);
  }
  return out;
}

test('no extension module shadows a name it imports', () => {
  const files = scripts(EXTENSION);
  assert.ok(files.some((f) => f.endsWith('content/signals.js')), 'the walk reaches the content scripts');
  const shadows = [];
  for (const file of files) {
    const ast = parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    const imported = new Set(
      ast.body.filter((n) => n.type === 'ImportDeclaration').flatMap((n) => n.specifiers.map((s) => s.local.name)),
    );
    for (const id of declarations(ast)) {
      if (imported.has(id.name)) shadows.push(`${relative(ROOT, file)}:${id.loc.start.line}: \`${id.name}\` shadows its import`);
    }
  }
  assert.deepEqual(shadows, []);
});

test('the check finds the shadow that hid url-cut.js in signals.js', () => {
  const source = "import { cut } from './url-cut.js';\nfunction gather(state) {\n  const cut = capper(state);\n  return cut(location.href);\n}\n";
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  assert.deepEqual(
    declarations(ast).map((id) => `${id.name}:${id.loc.start.line}`),
    ['gather:2', 'state:2', 'cut:3'],
  );
});
