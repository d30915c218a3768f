// tools/zip.mjs (the .zip and .xpi packages' writer) read back as a reader reads an archive: from the end record
// to the central directory, from each of its records to the local header it points at; the two agree on every
// field they share, and each entry's bytes come back (deflated or stored, as the smaller is) with their CRC.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../../tools/crc32.mjs';
import { zip } from '../../tools/zip.mjs';

const ENTRIES = [
  { name: 'manifest.json', data: Buffer.from(`{"name": "joinguard", "padding": "${'ab'.repeat(500)}"}`) },
  { name: 'icons/é.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

/** The archive's entries as a reader finds them: [{ name, data, method, central, local }]. */
function readBack(archive) {
  const end = archive.subarray(archive.length - 22);
  assert.equal(end.readUInt32LE(0), 0x06054b50, 'end of central directory record');
  const count = end.readUInt16LE(10);
  let at = end.readUInt32LE(16);
  assert.equal(at + end.readUInt32LE(12), archive.length - 22, 'the directory ends where the end record starts');
  const entries = [];
  for (let i = 0; i < count; i++) {
    assert.equal(archive.readUInt32LE(at), 0x02014b50, 'central directory record');
    const central = archive.subarray(at, at + 46);
    const nameLength = central.readUInt16LE(28);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const offset = central.readUInt32LE(42);
    assert.equal(archive.readUInt32LE(offset), 0x04034b50, `${name}: local header`);
    const local = archive.subarray(offset, offset + 30);
    const start = offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const body = archive.subarray(start, start + local.readUInt32LE(18));
    const method = local.readUInt16LE(8);
    entries.push({ name, method, central, local, data: method === 8 ? inflateRawSync(body) : Buffer.from(body) });
    at += 46 + nameLength + central.readUInt16LE(30) + central.readUInt16LE(32);
  }
  return entries;
}

test('a reader finds every entry, its bytes and the fields its two headers share', () => {
  const entries = readBack(zip(ENTRIES));
  assert.deepEqual(entries.map(({ name }) => name), ENTRIES.map(({ name }) => name));
  assert.deepEqual(entries.map(({ method }) => method), [8, 0, 0], 'deflated where that is smaller, else stored');
  entries.forEach(({ name, data, central, local }, i) => {
    assert.deepEqual(data, ENTRIES[i].data, name);
    assert.equal(local.readUInt32LE(14), crc32(data), `${name}: CRC-32`);
    assert.equal(local.readUInt32LE(22), data.length, `${name}: size`);
    assert.equal(local.readUInt16LE(6) & (1 << 11), 1 << 11, `${name}: UTF-8 name flag`);
    // Version needed, flags, method, time, date, CRC, sizes, name and extra lengths: APPNOTE.TXT 4.3.7, 4.3.12.
    assert.deepEqual(central.subarray(6, 32), local.subarray(4, 30), `${name}: central and local fields`);
    assert.equal(central.readUInt32LE(38) >>> 16, 0o100644, `${name}: Unix mode`);
    // The values readers act on, not only that the two headers agree (the review's mutations of session 38).
    assert.equal(central.readUInt16LE(4), 0x0314, `${name}: made by Unix (3), version 2.0, so modes are read`);
    assert.equal(local.readUInt16LE(4), 20, `${name}: version needed 2.0 (deflate)`);
    assert.equal(local.readUInt16LE(10), 0, `${name}: DOS time 00:00:00`);
    assert.equal(local.readUInt16LE(12), (1 << 5) | 1, `${name}: DOS date 1980-01-01 (month 1, day 1)`);
  });
  const end = zip(ENTRIES).subarray(-22);
  assert.equal(end.readUInt16LE(8), ENTRIES.length, 'entries on this disk');
  assert.equal(end.readUInt16LE(10), ENTRIES.length, 'entries in all');
});

test('the same entries give the same bytes', () => {
  assert.deepEqual(zip(ENTRIES), zip(ENTRIES.map(({ name, data }) => ({ name, data: Buffer.from(data) }))));
});
