// The example policy files in docs/policy/ hold the same settings for both browsers, under the keys each
// browser reads, and conform to extension/managed-schema.json (which Chromium enforces: a value that does not
// conform is dropped before it reaches the extension). Whether the engine accepts the values is checked by
// tests/e2e/policy.test.mjs for a deployed policy, and can be by `joinguard check --policy`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const schema = read('extension/managed-schema.json');
const manifest = read('manifest.json');
const chromium = read('docs/policy/chromium-policy.json');
const firefox = read('docs/policy/firefox-policies.json');

/** The places where `value` breaks the Chromium policy `schema` (a subset of JSON Schema), as paths. */
function violations(value, schema, path = '$') {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (schema.type !== type) return [`${path}: ${type}, not ${schema.type}`];
  if (type === 'array') return value.flatMap((item, i) => violations(item, schema.items, `${path}[${i}]`));
  if (type === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      schema.properties?.[key] ? violations(item, schema.properties[key], `${path}.${key}`) : [`${path}.${key}: not in the schema`]);
  }
  return [];
}

test('the manifest declares the managed-storage schema', () => {
  assert.equal(manifest.storage?.managed_schema, 'managed-schema.json');
  assert.equal(schema.type, 'object');
});

test('the Chromium and Firefox examples hold the same settings, valid for the schema', () => {
  const [chromiumSettings] = Object.values(chromium['3rdparty'].extensions);
  const firefoxSettings = firefox.policies['3rdparty'].Extensions['joinguard@joinguard.org'];
  assert.deepEqual(chromiumSettings, firefoxSettings);
  assert.deepEqual(violations(chromiumSettings, schema), []);
  assert.ok(chromiumSettings.self_hosted.some((entry) => entry.host === 'bbb.example.edu' && entry.vendor === 'bigbluebutton'));
});

test('the schema checker catches what Chromium would drop', () => {
  assert.deepEqual(violations({ blocked_vendors: 'zoom', BlockUnapproved: true }, schema), [
    '$.blocked_vendors: string, not array',
    '$.BlockUnapproved: not in the schema',
  ]);
});
