// Unit tests of the in-page banner's text (extension/background/banner-text.js, rendered in the background and
// drawn by content.js) and of when a page gets a banner (extension/shared/banner.js), with the English messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bannerTexts } from '../../extension/background/banner-text.js';
import { worthShowing } from '../../extension/shared/banner.js';
import { getMessage } from './english-messages.mjs';

const zoomJoin = {
  vendor: 'zoom',
  vendor_name: 'Zoom',
  kind: 'join',
  grade: 'C',
  lookalike_of: null,
  findings: [
    { id: 'vendor-risk', severity: 'info', message: 'Zoom: grade C.', params: {} },
    { id: 'unknown-1', severity: 'caution', message: 'First caution.', params: {} },
    { id: 'unknown-2', severity: 'warning', message: 'A warning.', params: {} },
    { id: 'unknown-3', severity: 'caution', message: 'Second caution.', params: {} },
    { id: 'unknown-4', severity: 'nonsense', message: 'Dropped.', params: {} },
  ],
};
const card = {
  grade: {
    grade: 'C',
    score: 61,
    reasons: [{ id: 'unknown-reason', points: -10, message: 'A reason.', sources: [{ url: 'https://example.com/a', date: '2026-01-02' }, { url: 'https://example.com/b' }] }],
  },
};

test('a vendor’s join page: the title, the three most severe findings, the details and the labels, in English', () => {
  const banner = bannerTexts(zoomJoin, card, getMessage);
  assert.equal(banner.title, 'Zoom join page · grade C');
  assert.equal(banner.severity, 'warning');
  assert.equal(banner.dangerous, false);
  assert.deepEqual(banner.items.map((item) => item.severity), ['warning', 'caution', 'caution']);
  assert.deepEqual(banner.items.map((item) => item.text), ['A warning.', 'First caution.', 'Second caution.']);
  assert.equal(banner.details.findings.length, 4, 'every finding of a known severity is behind "Why?"');
  assert.equal(banner.details.grade, 'C (61/100)');
  assert.deepEqual(banner.details.reasons[0].sources.map((s) => s.label), ['source, 2026-01-02', 'source']);
  assert.equal(banner.vendorName, 'Zoom');
  assert.equal(banner.labels.extName, 'joinguard');
  assert.equal(banner.labels.overlay_dismiss_vendor, "Don't warn me about Zoom");
  assert.match(banner.labels.overlay_details_grade, /C \(61\/100\)/);
  for (const severity of ['info', 'caution', 'warning', 'danger']) assert.ok(banner.labels[`severity_${severity}`]);
});

test('a lookalike: titled with the imitated vendor, dangerous, no vendor to dismiss', () => {
  const lookalike = {
    vendor: null,
    lookalike_of: 'zoom',
    lookalike_name: 'Zoom',
    findings: [{ id: 'lookalike-domain', severity: 'danger', message: 'Looks like Zoom.', params: { vendor: 'Zoom' } }],
  };
  const banner = bannerTexts(lookalike, null, getMessage);
  assert.equal(banner.title, 'Not Zoom: this page imitates it');
  assert.equal(banner.dangerous, true);
  assert.equal(banner.vendorName, undefined);
  assert.equal(banner.labels.overlay_dismiss_vendor, undefined);
  assert.equal(banner.details.reasons, undefined, 'no card, no grade reasons');
});

test('which pages get a banner', () => {
  assert.equal(worthShowing(zoomJoin), true);
  assert.equal(worthShowing({ ...zoomJoin, kind: 'vendor-site' }), false, 'a vendor’s other pages');
  assert.equal(worthShowing({ vendor: null, findings: [] }), false);
  assert.equal(worthShowing({ vendor: null, findings: [{ id: 'x', severity: 'danger' }] }), true);
  assert.equal(worthShowing({ vendor: null, lookalike_of: 'zoom', findings: [] }), true);
  assert.equal(worthShowing(null), false);
  // A messaging web client: its grade (info) in the toolbar and popup only; a warning or a danger still shows.
  const client = { vendor: 'telegram', kind: 'web-client', findings: [{ id: 'vendor-risk', severity: 'info' }] };
  assert.equal(worthShowing(client), false, 'an info-only web client');
  const recorded = { id: 'recording-without-notice', severity: 'warning' };
  assert.equal(worthShowing({ ...client, findings: [...client.findings, recorded] }), true, 'a warning on a web client');
  assert.equal(worthShowing({ ...client, findings: [{ id: 'x', severity: 'danger' }] }), true, 'a danger on a web client');
});
