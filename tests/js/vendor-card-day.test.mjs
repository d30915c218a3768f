// The popup's vendor card graded on the reader's day, through the package the extension loads (target/wasm-pkg, the
// release build after wasm-opt): the wasm-bindgen tests run a debug build, and the release wasm once refused every
// day that the native and debug builds accepted (session 46, src/db.rs is_day).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './engine.mjs';

const ids = engine.vendorList().map(({ id }) => id);

test('on a day not after the database date, every card is the stored one', () => {
  for (const id of ids) assert.deepEqual(engine.vendorCard(id, '2026-07-30'), engine.vendorCard(id), id);
});

test("Zoom's Dutch DPIA of 11 April 2024 counts on 30 April 2027 and is history from 1 May 2027", () => {
  const counted = engine.vendorCard('zoom', '2027-04-30').grade;
  const aged = engine.vendorCard('zoom', '2027-05-01').grade;
  const byDpia = (reason) => reason.params.rater === 'dutch-dpia';
  assert.ok(counted.reasons.some(byDpia));
  assert.ok(!aged.reasons.some(byDpia));
  assert.equal(aged.history.find(byDpia)?.params.variant, 'expired');
  assert.equal(aged.score, counted.score - 5);
});

test('a malformed or out-of-range day is refused', () => {
  for (const day of ['2027-5-01', '2027-13-01', '1989-12-31', '2101-01-01', '2027-05-01T00:00', '']) {
    assert.throws(() => engine.vendorCard('zoom', day), /YYYY-MM-DD/, day);
  }
});
