// The extension's messages in English, French and German: every key the code, the pages and the manifest use
// exists in every locale, every key in a locale is used, placeholders agree across locales, no message is empty
// and French and German are translations rather than copies of the English. Every finding of a page
// assessment renders from the locales through extension/shared/findings-text.js, with all its parameters.
//
// How a use is recognised:
// - JavaScript (parsed with acorn, so comments never count): the first argument of `t(…)` (extension/shared/i18n.js)
//   or of `….getMessage(…)`; a string literal equal to a key anywhere else also counts as a use (a key kept in
//   a table and passed on later), but only the direct arguments are checked for existence.
// - HTML: `data-i18n="key"` (extension/shared/i18n.js's localize()) and any `data-i18n-…="key"` variant; `__MSG_key__`.
// - manifest.json: `__MSG_key__`.
// Keys built at run time (`t(`kind_${kind}`)`) must start with a prefix of DYNAMIC_PREFIXES below: its
// expansions come from the engine's own sources (the Rust enums and finding ids), so each one must exist, and a
// key under that prefix which matches no known value is reported as unused. A dynamic key with any other
// prefix fails the test: register the prefix with the set of values it takes.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'acorn';
import { findingText, MESSAGES, MORE } from '../../extension/shared/findings-text.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXTENSION = join(ROOT, 'extension');
const LOCALES_DIR = join(EXTENSION, '_locales');
const REQUIRED_LOCALES = ['en', 'fr', 'de'];
const DEFAULT_LOCALE = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).default_locale;
const I18N_FUNCTIONS = new Set(['t', 'getMessage']);

/** Message keys may only hold ASCII letters, digits and '_' (Chromium rejects the file otherwise). */
const KEY_SHAPE = /^[A-Za-z0-9_]+$/;

// --- what the engine can emit, read from its sources ------------------------------------------------------

function rustFiles(dir) {
  return walk(dir).filter((path) => path.endsWith('.rs'));
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The serialised names of a `#[serde(rename_all = "kebab-case")]` Rust enum (variants without data). */
function rustEnumValues(file, name) {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const body = source.match(new RegExp(`#\\[serde\\(rename_all = "kebab-case"\\)\\]\\s*pub enum ${name} \\{([^}]*)\\}`));
  assert.ok(body, `${file} declares the kebab-case enum ${name}`);
  const variants = body[1]
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .filter(Boolean)
    .map((line) => line.replace(/,$/, ''));
  assert.ok(variants.every((variant) => /^[A-Z][A-Za-z]*$/.test(variant)), `${name}: plain variants only, got ${variants}`);
  return variants.map((variant) => variant.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase());
}

/** Finding ids the engine creates: `id: "…"` in a Finding literal, `Finding::new("…", …)` and `finding("…", …)` in src/. */
function engineFindingIds() {
  const ids = new Set();
  for (const file of rustFiles(join(ROOT, 'src'))) {
    const source = readFileSync(file, 'utf8');
    for (const [, id] of source.matchAll(/\bid:\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"/g)) ids.add(id);
    // `findings.draft`: the findings of a URL's assessment (src/assess.rs), decided once for `Finding`s, JSON and
    // the text scan's link findings alike.
    for (const [, id] of source.matchAll(/(?:\bfinding|\bFinding::new|\.draft)\(\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"/g)) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * Prefixes of keys built at run time, each with the values the part after it takes (hyphens become '_', as
 * message keys allow no '-'). Nothing else may be built at run time.
 */
const DYNAMIC_PREFIXES = {
  kind_: { what: 'page kind (enum Kind, src/classify.rs)', values: rustEnumValues('src/classify.rs', 'Kind') },
  severity_: { what: 'severity (enum Severity, src/assess.rs)', values: rustEnumValues('src/assess.rs', 'Severity') },
  finding_: { what: 'finding id (src/**/*.rs)', values: engineFindingIds() },
};
const expansion = (prefix, value) => `${prefix}${value.replaceAll('-', '_')}`;

// --- the locales --------------------------------------------------------------------------------------------

const localeNames = readdirSync(LOCALES_DIR).filter((name) => statSync(join(LOCALES_DIR, name)).isDirectory()).sort();
const locales = Object.fromEntries(
  localeNames.map((name) => [name, JSON.parse(readFileSync(join(LOCALES_DIR, name, 'messages.json'), 'utf8'))]),
);
const allKeys = [...new Set(Object.values(locales).flatMap((messages) => Object.keys(messages)))].sort();

/** `$NAME$` references of a message, lower-cased (Chromium matches placeholder names case-insensitively). */
const namedReferences = (message) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map(([, name]) => name.toLowerCase());

/** The positional substitutions ($1…$9) a message consumes, directly or through its placeholders. */
function positions(entry) {
  const found = new Set();
  const collect = (text) => {
    for (const [, digit] of text.replaceAll('$$', '').matchAll(/\$([1-9])(?![0-9$])/g)) found.add(Number(digit));
  };
  collect(entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, ''));
  for (const placeholder of Object.values(entry.placeholders ?? {})) collect(String(placeholder.content ?? ''));
  return found;
}

/** What chrome.i18n.getMessage returns for a locale entry and substitutions ('' for no entry). */
function chromeMessage(entry, substitutions) {
  if (!entry) return '';
  const list = Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text) => text.replace(/\$\$|\$([1-9])/g, (match, digit) => (digit ? String(list[digit - 1] ?? '') : '$'));
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  return fill(entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (match, name) => String(placeholders[name.toLowerCase()] ?? '')));
}

// --- uses in the extension's sources ------------------------------------------------------------------------

function sourceFiles(extension) {
  return walk(EXTENSION)
    .filter((path) => !path.startsWith(LOCALES_DIR) && path.endsWith(extension))
    .map((path) => ({ path, name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

function parseScript({ text, name }) {
  for (const sourceType of ['module', 'script']) {
    try {
      return parse(text, { ecmaVersion: 'latest', sourceType, allowHashBang: true });
    } catch (error) {
      if (sourceType === 'script') throw new Error(`${name}: ${error.message}`);
    }
  }
  return null;
}

function visit(node, callback) {
  if (!node || typeof node.type !== 'string') return;
  callback(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) visit(child, callback);
    else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, callback);
  }
}

/** The static text of a string literal or an expression-free template literal, else null. */
function staticString(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** The leading static text of a key built at run time (`prefix${…}` or 'prefix' + …), else null. */
function dynamicPrefix(node) {
  if (node?.type === 'TemplateLiteral' && node.expressions.length > 0) return node.quasis[0].value.cooked;
  if (node?.type === 'BinaryExpression' && node.operator === '+') return staticString(node.left) ?? dynamicPrefix(node.left);
  return null;
}

function isI18nCall(node) {
  if (node.type !== 'CallExpression') return false;
  const { callee } = node;
  if (callee.type === 'Identifier') return I18N_FUNCTIONS.has(callee.name);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.name === 'getMessage';
}

function collectUses() {
  const uses = {
    direct: [], // { key, where, substitutions } – must exist
    literals: new Set(), // any string literal (a key kept in a table)
    dynamic: [], // { prefix, where }
    unknownDynamic: [], // keys built at run time whose prefix is not registered
  };
  for (const file of sourceFiles('.js')) {
    const ast = parseScript(file);
    const where = (node) => `${file.name}:${lineOf(file.text, node.start)}`;
    visit(ast, (node) => {
      const text = staticString(node);
      if (text !== null) uses.literals.add(text);
      const prefix = dynamicPrefix(node);
      if (prefix !== null) {
        const registered = Object.keys(DYNAMIC_PREFIXES).find((known) => prefix.startsWith(known));
        if (registered) uses.dynamic.push({ prefix: registered, where: where(node) });
      }
      if (!isI18nCall(node) || node.arguments.length === 0) return;
      const [keyNode, substitutionsNode] = node.arguments;
      const key = staticString(keyNode);
      const substitutions =
        substitutionsNode === undefined ? 0 : substitutionsNode.type === 'ArrayExpression' ? substitutionsNode.elements.length : 1;
      const known = substitutionsNode === undefined || substitutionsNode.type === 'ArrayExpression' || substitutionsNode.type === 'Literal';
      if (key !== null) {
        uses.direct.push({ key, where: where(node), substitutions: known ? substitutions : null });
        return;
      }
      const built = dynamicPrefix(keyNode);
      if (built === null) return; // a key from a variable or table: its literal is counted where it is written
      const registered = Object.keys(DYNAMIC_PREFIXES).find((known) => built === known);
      if (registered) uses.dynamic.push({ prefix: registered, where: where(node) });
      else uses.unknownDynamic.push({ prefix: built, where: where(node) });
    });
  }
  for (const file of [...sourceFiles('.html'), ...sourceFiles('.css'), ...sourceFiles('.json')]) {
    for (const match of file.text.matchAll(/\bdata-i18n(?:-[a-z-]+)?\s*=\s*["']([^"']*)["']/g)) {
      uses.direct.push({ key: match[1], where: `${file.name}:${lineOf(file.text, match.index)}`, substitutions: 0 });
    }
  }
  const manifest = { name: 'manifest.json', text: readFileSync(join(ROOT, 'manifest.json'), 'utf8') };
  for (const file of [manifest, ...sourceFiles('.html'), ...sourceFiles('.css'), ...sourceFiles('.json')]) {
    for (const match of file.text.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) {
      uses.direct.push({ key: match[1], where: `${file.name}:${lineOf(file.text, match.index)}`, substitutions: 0 });
    }
  }
  return uses;
}

function lineOf(text, offset) {
  return text.slice(0, offset).split('\n').length;
}

const uses = collectUses();
const usedPrefixes = new Set(uses.dynamic.map(({ prefix }) => prefix));
/** Predefined messages (@@ui_locale, @@bidi_dir, …) come from the browser, not from the locale files. */
const isPredefined = (key) => key.startsWith('@@');

// --- the tests ----------------------------------------------------------------------------------------------

describe('extension locales', () => {
  test('English, French and German are there, English is the default', () => {
    for (const name of REQUIRED_LOCALES) assert.ok(localeNames.includes(name), `_locales/${name}/messages.json is missing`);
    assert.equal(DEFAULT_LOCALE, 'en');
  });

  test('every entry is a non-empty message with a well-formed key, and no two keys differ only in case', () => {
    const problems = [];
    for (const [locale, messages] of Object.entries(locales)) {
      const lowered = new Map();
      for (const [key, entry] of Object.entries(messages)) {
        if (!KEY_SHAPE.test(key)) problems.push(`${locale}: key "${key}" may only hold A–Z, a–z, 0–9 and _`);
        if (lowered.has(key.toLowerCase())) problems.push(`${locale}: "${key}" and "${lowered.get(key.toLowerCase())}" are the same key to the browser`);
        lowered.set(key.toLowerCase(), key);
        if (typeof entry?.message !== 'string' || entry.message.trim() === '') problems.push(`${locale}: "${key}" has an empty message`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every locale has the same keys', () => {
    const problems = [];
    for (const key of allKeys) {
      const missing = localeNames.filter((locale) => !(key in locales[locale]));
      if (missing.length > 0) problems.push(`"${key}" is missing in ${missing.join(', ')}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every key the code, the pages and the manifest use exists in every locale', () => {
    const problems = [];
    for (const { key, where } of uses.direct) {
      if (isPredefined(key)) continue;
      const missing = REQUIRED_LOCALES.filter((locale) => !(key in (locales[locale] ?? {})));
      if (missing.length > 0) problems.push(`${where}: "${key}" is missing in ${missing.join(', ')}`);
    }
    for (const prefix of usedPrefixes) {
      for (const value of DYNAMIC_PREFIXES[prefix].values) {
        const key = expansion(prefix, value);
        const missing = REQUIRED_LOCALES.filter((locale) => !(key in (locales[locale] ?? {})));
        if (missing.length > 0) problems.push(`"${key}" (${DYNAMIC_PREFIXES[prefix].what} "${value}") is missing in ${missing.join(', ')}`);
      }
    }
    for (const { prefix, where } of uses.unknownDynamic) {
      problems.push(`${where}: a key built at run time from "${prefix}…": register the prefix in DYNAMIC_PREFIXES of tests/js/locales.test.mjs`);
    }
    assert.deepEqual(problems, []);
  });

  test('the dynamic prefixes expand to known sets (so the check above means something)', () => {
    assert.deepEqual(DYNAMIC_PREFIXES.kind_.values, ['join', 'login', 'web-client', 'webinar', 'vendor-site', 'none']);
    assert.deepEqual(DYNAMIC_PREFIXES.severity_.values, ['info', 'caution', 'warning', 'danger']);
    for (const id of ['lookalike-domain', 'embedded-secret', 'vendor-risk', 'third-party-login', 'credentials-exposed']) {
      assert.ok(DYNAMIC_PREFIXES.finding_.values.includes(id), `finding id ${id} is found in src/`);
    }
  });

  test('every key in a locale is used somewhere', () => {
    const direct = new Set(uses.direct.map(({ key }) => key));
    const problems = [];
    for (const key of allKeys) {
      const prefix = Object.keys(DYNAMIC_PREFIXES).find((known) => key.startsWith(known));
      if (prefix && usedPrefixes.has(prefix)) {
        const known = DYNAMIC_PREFIXES[prefix].values.map((value) => expansion(prefix, value));
        if (!known.includes(key) && !direct.has(key) && !uses.literals.has(key)) {
          problems.push(`"${key}" matches no ${DYNAMIC_PREFIXES[prefix].what}: unused`);
        }
        continue;
      }
      if (!direct.has(key) && !uses.literals.has(key)) problems.push(`"${key}" is not used by extension/ or manifest.json`);
    }
    assert.deepEqual(problems, []);
  });

  test('placeholders agree across locales and each one is defined and used', () => {
    const problems = [];
    const reference = locales[DEFAULT_LOCALE];
    for (const [locale, messages] of Object.entries(locales)) {
      for (const [key, entry] of Object.entries(messages)) {
        if (typeof entry?.message !== 'string') continue;
        const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
        const referenced = namedReferences(entry.message);
        for (const name of referenced) if (!defined.includes(name)) problems.push(`${locale}: "${key}" uses $${name.toUpperCase()}$ without defining it`);
        for (const name of defined) if (!referenced.includes(name)) problems.push(`${locale}: "${key}" defines placeholder ${name} but does not use it`);
        const base = reference?.[key];
        if (!base || locale === DEFAULT_LOCALE) continue;
        const contents = (value) =>
          Object.fromEntries(Object.entries(value.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), String(p.content)]));
        try {
          assert.deepEqual(contents(entry), contents(base));
        } catch {
          problems.push(`${locale}: "${key}" placeholders ${JSON.stringify(contents(entry))} differ from ${DEFAULT_LOCALE} ${JSON.stringify(contents(base))}`);
        }
        const [mine, theirs] = [positions(entry), positions(base)];
        if ([...mine].sort().join() !== [...theirs].sort().join()) {
          problems.push(`${locale}: "${key}" consumes substitutions {${[...mine]}} but ${DEFAULT_LOCALE} consumes {${[...theirs]}}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('calls pass as many substitutions as the message consumes', () => {
    const problems = [];
    for (const { key, where, substitutions } of uses.direct) {
      const entry = locales[DEFAULT_LOCALE]?.[key];
      if (!entry || substitutions === null || isPredefined(key)) continue;
      const wanted = Math.max(0, ...positions(entry));
      if (substitutions !== wanted) problems.push(`${where}: "${key}" gets ${substitutions} substitution(s), its message consumes ${wanted}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every finding of a page assessment has a text in every locale (extension/shared/findings-text.js)', () => {
    // The ids the engine puts in a page's assessment: src/assess.rs and src/page/ (the text scanner's
    // meeting-link, lookalike-link and credentials-exposed are for the CLI and the link badges).
    const pageIds = new Set();
    for (const file of [join(ROOT, 'src/assess.rs'), ...rustFiles(join(ROOT, 'src/page'))]) {
      const source = readFileSync(file, 'utf8');
      for (const [, id] of source.matchAll(/\b(?:id:|Finding::new\()\s*"([a-z0-9]+(?:-[a-z0-9]+)*)"/g)) pageIds.add(id);
    }
    const problems = [...pageIds].filter((id) => !(id in MESSAGES)).map((id) => `finding ${id} has no entry in MESSAGES`);
    for (const locale of REQUIRED_LOCALES) {
      const getMessage = (key, substitutions = []) => chromeMessage(locales[locale][key], substitutions);
      for (const [id, variants] of Object.entries(MESSAGES)) {
        for (const [variant, [key, ...names]] of Object.entries(variants)) {
          const entry = locales[locale][key];
          if (!entry) continue; // reported as a missing key above
          const wanted = Math.max(0, ...positions(entry));
          if (names.length !== wanted) problems.push(`${id}/${variant || '-'}: ${names.length} parameter(s) for "${key}", which consumes ${wanted}`);
          const params = Object.fromEntries(names.map((name) => [name, `«${name}»`]));
          const text = findingText({ id, message: 'ENGLISH FALLBACK', params: { ...params, ...(variant && { variant }) } }, getMessage);
          if (text === 'ENGLISH FALLBACK' || /\$/.test(text)) problems.push(`${locale}: ${id}/${variant || '-'} renders "${text}"`);
          for (const name of names) if (!text.includes(`«${name}»`)) problems.push(`${locale}: ${id}/${variant || '-'} drops ${name}: "${text}"`);
        }
      }
      for (const [more, key] of Object.entries(MORE)) {
        if (!locales[locale][key]) problems.push(`${locale}: more=${more} needs "${key}"`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every reason the engine gives a lookalike has its own wording (enum Why, src/lookalike.rs)', () => {
    // A warning says why in words a student understands: each kind of reason maps to a message of its own, so
    // none falls back to the general one (or to "look-alike characters" when the reason is something else).
    const variants = MESSAGES['lookalike-domain'];
    const missing = rustEnumValues('src/lookalike.rs', 'Why').filter((why) => !(why in variants));
    assert.deepEqual(missing, [], 'Why codes without an entry in MESSAGES["lookalike-domain"]');
  });

  test('the manifest’s localised name and description fit the browsers’ and stores’ limits', () => {
    // Chrome: name at most 75 characters, description at most 132 (longer ones are refused by the Web Store).
    const LIMITS = { name: 75, short_name: 12, description: 132 };
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    const problems = [];
    for (const [field, limit] of Object.entries(LIMITS)) {
      const value = manifest[field];
      if (typeof value !== 'string') continue;
      const key = value.match(/^__MSG_([A-Za-z0-9_]+)__$/)?.[1];
      for (const locale of localeNames) {
        const text = key ? locales[locale][key]?.message ?? '' : value;
        if (text.length > limit) problems.push(`${locale}: ${field} has ${text.length} characters, more than ${limit}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('French and German messages are translations, not copies of the English', () => {
    const words = (message) => message.replace(/\$[A-Za-z0-9_@]+\$|\$[1-9]/g, ' ').match(/\p{L}{2,}/gu) ?? [];
    const problems = [];
    for (const [key, entry] of Object.entries(locales[DEFAULT_LOCALE] ?? {})) {
      if (words(entry.message).length < 4 || /do not translate/i.test(entry.description ?? '')) continue;
      for (const locale of localeNames.filter((name) => name !== DEFAULT_LOCALE)) {
        if (locales[locale][key]?.message === entry.message) problems.push(`${locale}: "${key}" is the English text`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
