// manifest.json's named lists of match patterns (tools/match-lists.mjs): the build writes the meeting hosts out
// wherever a content script names them, so that meeting-page.js and media-hook.js run exactly where page.js does
// not, and refuses a name it cannot resolve or a list nobody uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { resolveMatchLists } from '../../tools/match-lists.mjs';

const source = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));
const script = (manifest, js) => manifest.content_scripts.find((entry) => entry.js.join() === js);

test('the meeting hosts are written out in full where page.js stops and the meeting scripts start', () => {
  const manifest = resolveMatchLists(source);
  const hosts = source.match_lists.meeting_hosts;
  assert.ok(hosts.length > 0 && hosts.every((pattern) => /^https:\/\/[^/]+\/.*\*$/.test(pattern)));
  assert.equal(manifest.match_lists, undefined, 'not a manifest key: the build takes it out');
  assert.deepEqual(script(manifest, 'content/page.js').exclude_matches, hosts);
  assert.deepEqual(script(manifest, 'content/page.js').matches, ['http://*/*', 'https://*/*']);
  assert.deepEqual(script(manifest, 'content/meeting-page.js').matches, hosts);
  assert.deepEqual(script(manifest, 'main-world/media-hook.js').matches, hosts);
  // Nothing else changes, and the source is left as it was.
  const { match_lists: _, ...rest } = source;
  const NAMING = ['content/page.js', 'content/meeting-page.js', 'main-world/media-hook.js'];
  const others = (manifest) => ({
    ...manifest,
    content_scripts: manifest.content_scripts.filter((entry) => !NAMING.includes(entry.js.join())),
  });
  assert.deepEqual(others(manifest), others(rest));
  assert.deepEqual(others(manifest).content_scripts.map((entry) => entry.js.join()), ['content/frame.js', 'content/link-badges.js']);
  assert.equal(script(source, 'content/meeting-page.js').matches, 'meeting_hosts');
});

test('a name match_lists does not define, a malformed list or an unused one is an error naming the field', () => {
  const content_scripts = [{ matches: 'hosts', js: ['a.js'] }];
  assert.throws(
    () => resolveMatchLists({ content_scripts, match_lists: { host: ['https://a.example/*'] } }),
    /content_scripts\[0\]\.matches is "hosts", which match_lists does not define/,
  );
  assert.throws(
    () => resolveMatchLists({ content_scripts, match_lists: { hosts: 'https://a.example/*' } }),
    /match_lists\.hosts must be a non-empty array of match patterns/,
  );
  assert.throws(
    () => resolveMatchLists({ content_scripts, match_lists: { hosts: ['https://a.example/*'], other: ['https://b.example/*'] } }),
    /match_lists\.other is not named by any content script/,
  );
  assert.throws(
    () => resolveMatchLists({ content_scripts: [{ exclude_matches: 'hosts', js: ['a.js'] }] }),
    /content_scripts\[0\]\.exclude_matches is "hosts"/,
  );
});
