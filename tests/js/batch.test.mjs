// The engine's batch calls as the background makes them (extension/background/batch.js, the wasm package `make`
// builds): strings staged in the engine's memory as one UTF-8 text with their lengths, codes and hits read back by
// position.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkIndexes, classifyUrls, exposedCredentials, screenLinks, settingsKey, stage } from '../../extension/background/batch.js';
import { freezeSettings } from '../../extension/background/settings.js';
import { splitPageHit } from '../../extension/background/link-badge-model.js';

import { engine } from './engine.mjs';

const URLS = [
  'https://us02web.zoom.us/j/85123456789?pwd=abc',
  'https://example.org/',
  'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_abc%2540thread.v2%2F0&data=x',
  'https://zoom.us.meeting-join.com/j/85123456789',
  'https://meet.google.com@evil.example/abc-defg-hij',
  'https://zoom.us/pricing',
  'not a url',
  'https://zoöm.us/j/85123456789',
  'https://例え.jp/😀',
  'https://example.org/a\nb',
  '',
  'https://meet.google.com/abc-defg-hij',
  // A dot segment the browser removes (`/x/..`), leading to Google's redirect to a lookalike.
  'https://www.google.com/x/../url?q=https://zoom-install.com/j/1',
];

/** classifyUrls' codes read with the engine's own tables: one object a URL. */
function classify(urls, settings = null) {
  const { stride, kinds, flags, vendors: count } = engine.urlCodeTables();
  const vendors = engine.vendorList();
  assert.equal(count, vendors.length);
  const codes = classifyUrls(engine, urls, settings);
  assert.ok(codes instanceof Uint32Array);
  assert.equal(codes.length, urls.length * stride);
  const vendor = (code) => (code === 0 ? null : vendors[code - 1].id);
  return urls.map((_, i) => {
    const [v, kind, lookalike, bits] = codes.subarray(i * stride, (i + 1) * stride);
    const set = Object.keys(flags).filter((name) => bits & flags[name]).sort();
    return { vendor: vendor(v), kind: kinds[kind], lookalike_of: vendor(lookalike), flags: set };
  });
}

test('codes say what each URL\'s own assessment says, in input order', () => {
  const codes = classify(URLS);
  URLS.forEach((url, i) => {
    let assessment;
    try {
      assessment = engine.assessUrl(url);
    } catch {
      assert.deepEqual(codes[i].flags, ['unreadable'], url);
      return;
    }
    assert.equal(codes[i].vendor, assessment.vendor, url);
    assert.equal(codes[i].kind, assessment.kind, url);
    assert.equal(codes[i].lookalike_of, assessment.lookalike_of, url);
    assert.equal(codes[i].flags.includes('embedded-secret'), assessment.embedded_secret, url);
    assert.equal(codes[i].flags.includes('meeting-id'), assessment.meeting_id !== null, url);
    assert.equal(codes[i].flags.includes('unwrapped'), assessment.unwrapped.length > 0, url);
    assert.equal(codes[i].flags.includes('trick'), assessment.findings.some((f) => f.id === 'suspicious-url'), url);
  });
  assert.deepEqual(codes[0], { vendor: 'zoom', kind: 'join', lookalike_of: null, flags: ['badge', 'embedded-secret', 'meeting-id', 'parsed'] });
  assert.deepEqual(codes[1], { vendor: null, kind: 'none', lookalike_of: null, flags: [] });
  assert.equal(codes[2].vendor, 'teams');
  assert.equal(codes[3].lookalike_of, 'zoom');
  assert.equal(codes[11].vendor, 'meet');
  assert.deepEqual(codes[12], { vendor: null, kind: 'none', lookalike_of: 'zoom', flags: ['badge', 'parsed', 'unwrapped'] });
});

test('the badge flag marks exactly the links screenLinks returns, under an organisation\'s settings too', () => {
  for (const settings of [null, { blocked_vendors: ['zoom'], approved_vendors: ['teams'] }]) {
    const flagged = classify(URLS, settings).flatMap((c, i) => (c.flags.includes('badge') ? [i] : []));
    const hits = screenLinks(engine, URLS, settings);
    assert.deepEqual(hits.map((h) => h.index), flagged);
    assert.ok([0, 2, 3, 11, 12].every((i) => flagged.includes(i)), String(flagged));
    assert.ok(![1, 5, 6].some((i) => flagged.includes(i)), String(flagged));
  }
});

test('the page\'s address first in its links\' batch gives what two batches give (background.js assessLinks)', () => {
  const screen = (urls, settings) => screenLinks(engine, urls, settings);
  // A meeting page, a lookalike page, a page that is no hit; the links alone, and one link the page's own address.
  for (const settings of [null, { blocked_vendors: ['zoom'], approved_vendors: ['teams'] }]) {
    for (const pageUrl of [URLS[0], URLS[3], URLS[1]]) {
      for (const urls of [URLS, [URLS[1]], [pageUrl]]) {
        const together = splitPageHit(screen([pageUrl, ...urls], settings));
        assert.deepEqual(together, { page: screen([pageUrl], settings)[0]?.assessment ?? null, links: screen(urls, settings) });
      }
    }
  }
  assert.equal(splitPageHit(screen([URLS[1], ...URLS], null)).page, null);
  assert.equal(splitPageHit(screen([URLS[3], ...URLS], null)).page.lookalike_of, 'zoom');
});

test('a batch gives what each string alone gives: lone surrogates, newlines, a large batch', () => {
  // Two lone halves of one pair side by side: joined, they would read as one character.
  // Also with empty strings between the halves (found by the session 32 review's fuzzing: it threw).
  const lone = ['https://example.org/a\uD83D', '\uDE00', 'https://us02web.zoom.us/j/85123456789', '\uDC00x', 'y\uD800', '\uD83D', '', '', '\uDE00'];
  const batch = [...URLS, ...lone];
  const alone = batch.flatMap((url) => classify([url]));
  assert.deepEqual(classify(batch), alone);
  assert.equal(classify(lone)[2].vendor, 'zoom');
  // Past the text that gets room for its worst case at once (batch.js): encoded into one byte a unit, found too
  // small (the lone halves take three bytes), encoded again; the same answers.
  const large = Array.from({ length: 2_000 }, (_, i) => batch[i % batch.length] + '#'.repeat(40));
  const codes = classify(large);
  assert.equal(codes.length, large.length);
  assert.deepEqual(codes.slice(0, batch.length), batch.map((url) => classify([`${url}${'#'.repeat(40)}`])[0]));
  // A long ASCII text fits the room of one byte a unit at the first try.
  const plain = Array.from({ length: 2_000 }, (_, i) => `${URLS[i % 2]}#${i}`.padEnd(80, '#'));
  assert.deepEqual(classify(plain).slice(0, 4), plain.slice(0, 4).map((url) => classify([url])[0]));
});

test('a batch of more strings than batch.js keeps lengths for, then a small one: each gives what its strings alone give', () => {
  // Past LENGTHS_KEPT (1 << 16) a batch notes its lengths in an array of its own; the small batch after it must
  // read its own lengths from the kept array, not the large batch's (stage in batch.js).
  const many = Array.from({ length: 70_000 }, (_, i) => (i % 7 === 0 ? URLS[i % URLS.length] : `https://site${i}.example/p${'x'.repeat(i % 5)}`));
  const codes = classify(many);
  assert.equal(codes.length, many.length);
  for (const i of [0, 1, 7, 65_535, 65_536, 65_537, 69_999]) assert.deepEqual(codes[i], classify([many[i]])[0], `string ${i}`);
  const small = [URLS[1], 'https://example.org/', URLS[0]];
  assert.deepEqual(classify(small), small.map((url) => classify([url])[0]));
});

test('a batch with non-ASCII links and no lone halves gives what each link alone gives, both calls', () => {
  // Cut by lengths in bytes counted in the engine (crates/wasm `byte_lengths`), not string by string: the
  // links after a non-ASCII one keep their place.
  const wide = [...URLS, 'https://zo\u00f6m.us/j/85123456789', 'https://us02web.zoom.us/j/85123456789', '\u00e9'];
  assert.deepEqual(classify(wide), wide.flatMap((url) => classify([url])));
  const hits = screenLinks(engine, wide, null);
  assert.deepEqual(hits.map((hit) => hit.index), wide.flatMap((url, i) => (screenLinks(engine, [url], null).length ? [i] : [])));
  assert.equal(hits.at(-1).index, URLS.length + 1);
  assert.equal(hits.at(-1).assessment.vendor, 'zoom');
  // Lengths that do not add up to a non-ASCII text are refused as an ASCII one's are.
  const bytes = stage(engine, ['https://zo\u00f6m.us/', 'x']);
  const view = engine.batchInput(2, 0);
  new Uint32Array(view.buffer, view.byteOffset, 2).set([16, 2]);
  assert.throws(() => engine.classifyUrls(2, bytes, null), /do not match/);
  assert.throws(() => engine.screenLinks(2, bytes, null), /do not match/);
});

test('lengths that do not match the text are refused loudly', () => {
  // The room as stage left it (a smaller request lends the same memory): lengths first, then the text.
  const room = (count) => {
    const view = engine.batchInput(count, 0);
    return { lengths: new Uint32Array(view.buffer, view.byteOffset, count), text: new Uint8Array(view.buffer, view.byteOffset + count * 4) };
  };
  let bytes = stage(engine, URLS);
  room(URLS.length).lengths[1] += 1;
  assert.throws(() => engine.classifyUrls(URLS.length, bytes, null), /do not match/);
  bytes = stage(engine, URLS);
  assert.throws(() => engine.screenLinks(URLS.length - 1, bytes, null), /do not match/);
  assert.throws(() => engine.classifyUrls(URLS.length, bytes - 1, null), /do not match/);
  assert.throws(() => engine.classifyUrls(1, 1 << 30, null), /larger than its room/);
  bytes = stage(engine, ['https://zoom.us/']);
  room(1).text[bytes - 1] = 0xff;
  assert.throws(() => engine.classifyUrls(1, bytes, null), /not UTF-8/);
  assert.throws(() => stage(engine, ['https://zoom.us/', 42]), /item 1 is not a string/);
});

test('exposed credentials in staged texts keep their text\'s index', () => {
  const texts = ['nothing here', 'Meeting ID: 851 2345 6789\nPasscode: 482913', '\uD83D', 'x'];
  const found = exposedCredentials(engine, texts, null);
  assert.deepEqual(found.map((f) => [f.index, f.meeting_id]), [[1, '85123456789']]);
});

test('checkIndexes refuses hits that do not belong to the batch', () => {
  assert.deepEqual(checkIndexes([{ index: 0 }, { index: 0 }, { index: 2 }], 3).length, 3);
  assert.throws(() => checkIndexes([{ index: 3 }], 3), RangeError);
  assert.throws(() => checkIndexes([{ index: 2 }, { index: 1 }], 3), RangeError);
  assert.throws(() => checkIndexes([{ index: 0.5 }], 3), RangeError);
  assert.throws(() => checkIndexes([{}], 3), RangeError);
  assert.throws(() => checkIndexes({ index: 0 }, 3), TypeError);
});

test('screenLinks reads its records back into the assessment the engine gives each hit (assessUrl)', () => {
  const corpus = readFileSync(new URL('../../benches/data/urls.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  // Lone surrogates (the link's text crosses in the extras), a control character, escapes.
  const crafted = ['https://us02web.zoom.us/j/85123456789?x=\uD800"', '\uDE00https://zoom.us/j/85123456789?pwd=x', 'https://user@zoom.us/j/1', 'https://zoom.us\\@evil.example/j/1'];
  const organisation = { approved_vendors: ['teams', 'jitsi'], blocked_vendors: ['zoom', 'skype'], self_hosted: [{ host: 'bbb.example.edu', vendor: 'bigbluebutton' }] };
  const hidden = { approved_vendors: ['hangouts'], disabled_findings: ['vendor-risk', 'suspicious-url'] };
  const seen = new Set();
  for (const settings of [null, organisation, hidden]) {
    for (const urls of [corpus.slice(0, 5000), corpus.slice(5000), [...URLS, ...crafted]]) {
      const hits = screenLinks(engine, urls, settings);
      assert.ok(hits.length > 0);
      for (const { index, assessment } of hits) {
        assert.deepStrictEqual(assessment, engine.assessUrl(urls[index], settings), urls[index]);
        for (const finding of assessment.findings) seen.add(finding.id);
        if (assessment.url !== urls[index]) seen.add('url apart');
        if (assessment.target !== assessment.url) seen.add('target apart');
      }
    }
  }
  assert.deepEqual([...seen].sort(), ['blocked-vendor', 'embedded-secret', 'lookalike-domain', 'retired-service', 'suspicious-url', 'target apart', 'unapproved-vendor', 'url apart', 'vendor-risk']);
});

test('screenLinks asks linkTables once per engine, and the hits share its frozen findings', () => {
  let calls = 0;
  const counting = { ...engine, linkTables: (settings) => (calls++, engine.linkTables(settings)) };
  const first = screenLinks(counting, URLS, null);
  screenLinks(counting, URLS, null);
  assert.equal(calls, 1);
  const blocked = screenLinks(counting, URLS, { blocked_vendors: ['zoom'] });
  assert.equal(calls, 2);
  assert.equal(blocked[0].assessment.findings[0].id, 'blocked-vendor');
  assert.ok(Object.isFrozen(first[0].assessment.findings.at(-1)));
  assert.throws(() => {
    'use strict';
    first[0].assessment.findings.at(-1).params.vendor = 'x';
  }, TypeError);
});

test('link records that do not fit the batch or the tables are refused', () => {
  const tables = engine.linkTables(null);
  const { head } = tables.record;
  const flags = tables.record.flags;
  // One hit of the batch's first link, no vendor, kind 0, no lookalike, no flag, no finding.
  const hit = [0, 0, 0, 0, 0, 0, 0, 0];
  const answering = (records, extras = null) => ({
    ...engine,
    screenLinks: () => [new Uint32Array([tables.generation, ...records]), extras],
    linkTables: () => engine.linkTables(null),
  });
  const screen = (records, extras) => screenLinks(answering(records, extras), URLS, null);
  assert.equal(screen([1, ...hit])[0].assessment.url, URLS[0]);
  assert.equal(hit.length, head);
  for (const [records, extras] of [
    [[1, URLS.length, ...hit.slice(1)]], // an index past the batch
    [[2, ...hit, ...hit]], // the same link twice
    [[1, 0, tables.vendors.length + 1, ...hit.slice(2)]], // no such vendor
    [[1, ...hit.slice(0, 2), tables.kinds.length, ...hit.slice(3)]], // no such kind
    [[1, ...hit.slice(0, 7), 1, tables.findings.length]], // no such finding
    [[1, ...hit.slice(0, 7), 1, tables.record.per_link]], // a finding of its own, no extras
    [[1, ...hit.slice(0, 4), flags.extra, 0, 0, 0]], // extras said, none sent
    [[1, ...hit], [{}]], // extras left over
    [[1, ...hit.slice(0, 4), flags.extra, 0, 0, 0], [{ findings: [{ id: 'x' }] }]], // its finding unsaid
    [[1, ...hit.slice(0, 4), flags['meeting-in-url'], 5, 999, 0]], // a meeting id past the link
    [[2, ...hit]], // a hit short
    [[1, ...hit, 7]], // numbers left over
  ]) {
    assert.throws(() => screen(records, extras), RangeError, JSON.stringify(records));
  }
});

test('deeply frozen settings cross as their JSON text, made once; any other settings value as it is', () => {
  const organisation = { approved_vendors: ['teams'], blocked_vendors: ['zoom'], self_hosted: [{ host: 'bbb.example.edu', vendor: 'bigbluebutton' }] };
  const frozen = freezeSettings(organisation);
  assert.notEqual(frozen, organisation);
  assert.ok(Object.isFrozen(frozen) && Object.isFrozen(frozen.self_hosted) && Object.isFrozen(frozen.self_hosted[0]));
  assert.ok(!Object.isFrozen(organisation.self_hosted), 'the caller\'s object is left as it was');
  assert.equal(settingsKey(frozen), JSON.stringify(organisation));
  assert.equal(settingsKey(frozen), settingsKey(frozen));
  for (const value of [null, undefined, organisation, 'text']) assert.equal(settingsKey(value), value);
  // Frozen on top only, an accessor, or not a plain object: the object as it is, for the engine to read each time.
  const shallow = Object.freeze({ ...organisation });
  assert.equal(settingsKey(shallow), shallow);
  const accessor = Object.freeze(Object.defineProperty({}, 'blocked_vendors', { get: () => Object.freeze(['zoom']), enumerable: true }));
  assert.equal(settingsKey(accessor), accessor);
  // A function (a `toJSON` among them, which JSON.stringify would call), or a cycle: as it is too, even frozen all through.
  const withFunction = Object.freeze({ blocked_vendors: Object.freeze(['zoom']), hook: () => 'x' });
  assert.equal(settingsKey(withFunction), withFunction);
  const withToJson = Object.freeze({ toJSON: Object.freeze(() => ({})) });
  assert.equal(settingsKey(withToJson), withToJson);
  const cyclic = { blocked_vendors: ['zoom'] };
  cyclic.self = cyclic;
  Object.freeze(cyclic.blocked_vendors);
  Object.freeze(cyclic);
  assert.equal(settingsKey(cyclic), cyclic);
  const instance = Object.freeze(new (class Settings {})());
  assert.equal(settingsKey(instance), instance);
  assert.throws(() => classifyUrls(engine, URLS, instance), /plain object/);
  // The same answers from the text as from the object, in both batch calls and in a call taking objects.
  assert.deepEqual(classify(URLS, frozen), classify(URLS, organisation));
  assert.deepEqual(screenLinks(engine, URLS, frozen), screenLinks(engine, URLS, organisation));
  assert.equal(classify(URLS, frozen)[0].vendor, 'zoom');
  assert.ok(screenLinks(engine, URLS, frozen)[0].assessment.findings.some((f) => f.id === 'blocked-vendor'));
  // The engine checks a text as it checks an object's: not an object, or an unknown vendor, is refused.
  const bytes = stage(engine, URLS);
  assert.throws(() => engine.classifyUrls(URLS.length, bytes, '[]'), /expected a JSON object/);
  assert.throws(() => classifyUrls(engine, URLS, freezeSettings({ blocked_vendors: ['nobody'] })), /unknown vendor id/);
});
