// The vendor card graded on the reader's day, through the package the extension loads (target/wasm-pkg, the
// release build after wasm-opt): the wasm-bindgen tests run a debug build, and the release wasm once refused every
// day that the native and debug builds accepted (session 46, src/db.rs is_day). The background's path to it
// (extension/background/vendor-card.js), which the popup's card and the banner's details both take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './engine.mjs';
import { cardOn, readerDay } from '../../extension/background/vendor-card.js';
import { bannerTexts } from '../../extension/background/banner-text.js';
import { getMessage } from './english-messages.mjs';

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

test("the reader's day: the local date, none for a clock outside 1990-2100", () => {
  assert.equal(readerDay(new Date(2027, 4, 1, 0, 30)), '2027-05-01');
  assert.equal(readerDay(new Date(2026, 11, 7, 23, 59)), '2026-12-07');
  assert.equal(readerDay(new Date(1990, 0, 1)), '1990-01-01');
  for (const year of [1970, 1989, 2101]) assert.equal(readerDay(new Date(year, 5, 1)), undefined, String(year));
});

test('a device clock reset to 1970 or set past 2100 still gets a card, the stored one (session 46 review, M1)', () => {
  for (const year of [1970, 2101]) assert.deepEqual(cardOn(engine, 'zoom', new Date(year, 0, 1)), engine.vendorCard('zoom'), String(year));
});

test("the banner's details and the popup's card explain the grade on the same day (session 46 review, M2)", () => {
  // background.js: the popup's card is cardOn(engine, vendor), the banner's details bannerTexts(…, cardOf(vendor)),
  // and cardOf is cardOn too. On 1 May 2027 the Dutch DPIA no longer counts in either.
  const popupCard = cardOn(engine, 'zoom', new Date(2027, 4, 1));
  const banner = bannerTexts({ vendor: 'zoom', vendor_name: 'Zoom', kind: 'join', findings: [] }, popupCard, getMessage);
  const { grade, score } = engine.vendorCard('zoom', '2027-05-01').grade;
  assert.equal(banner.details.grade, `${grade} (${score}/100)`);
  assert.equal(score, engine.vendorCard('zoom').grade.score - 5);
});
