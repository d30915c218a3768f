// Unit tests of what a link badge says (extension/background/link-badge-model.js), with the English messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { linkBadge, linkBadges } from '../../extension/background/link-badge-model.js';
import { getMessage } from './english-messages.mjs';

const zoom = {
  vendor: 'zoom',
  vendor_name: 'Zoom',
  kind: 'join',
  grade: 'C',
  lookalike_of: null,
  unwrapped: [],
  target: 'https://us02web.zoom.us/j/85123456789',
  findings: [{ id: 'vendor-risk', severity: 'caution', message: 'Zoom: grade C.', params: {} }],
};

test('a vendor link: name and grade, coloured by grade', () => {
  const badge = linkBadge(zoom, getMessage);
  assert.equal(badge.text, 'Zoom · grade C');
  assert.equal(badge.tone, 'grade-C');
  assert.match(badge.title, /^joinguard: Zoom · grade C\n/);
});

test('a vendor that is not graded: the badge still shows, in the caution tone (no grade colour for ?)', () => {
  const ungraded = { ...zoom, grade: '?', standing: 'ungraded' };
  const badge = linkBadge(ungraded, getMessage);
  assert.equal(badge.text, 'Zoom · grade ?');
  assert.equal(badge.tone, 'caution');
});

test('a lookalike, a blocked and an unapproved vendor', () => {
  const lookalike = { ...zoom, vendor: null, vendor_name: null, grade: null, lookalike_of: 'zoom', lookalike_name: 'Zoom' };
  assert.deepEqual(
    [linkBadge(lookalike, getMessage).text, linkBadge(lookalike, getMessage).tone],
    ['Lookalike of Zoom', 'danger'],
  );
  const blocked = { ...zoom, findings: [{ id: 'blocked-vendor', severity: 'danger', message: 'no', params: { vendor: 'Zoom' } }] };
  assert.deepEqual([linkBadge(blocked, getMessage).text, linkBadge(blocked, getMessage).tone], [
    'Zoom · blocked by your organisation',
    'danger',
  ]);
  const unapproved = { ...zoom, findings: [{ id: 'unapproved-vendor', severity: 'caution', message: 'no', params: {} }] };
  assert.deepEqual([linkBadge(unapproved, getMessage).text, linkBadge(unapproved, getMessage).tone], [
    'Zoom · not approved by your organisation',
    'caution',
  ]);
});

test('a wrapped link says where it really leads', () => {
  const wrapped = { ...zoom, unwrapped: ['safelinks'] };
  assert.match(linkBadge(wrapped, getMessage).title, /\nLeads to https:\/\/us02web\.zoom\.us\/j\/85123456789\n/);
  // Behind Defender for Cloud Apps' proxy the app is served through it: no "leads to".
  const proxied = { ...zoom, unwrapped: ['safelinks', 'defender-cloud-apps-proxy'] };
  const title = linkBadge(proxied, getMessage).title;
  assert.match(title, /\nOpens https:\/\/us02web\.zoom\.us\/j\/85123456789 through your organisation's Microsoft Defender/);
  assert.doesNotMatch(title, /Leads to/);
});

test('on a vendor\'s own meeting page its own links get no badge; lookalikes and other vendors do', () => {
  const lookalike = { ...zoom, vendor: null, grade: null, lookalike_of: 'zoom', lookalike_name: 'Zoom' };
  const teams = { ...zoom, vendor: 'teams', vendor_name: 'Microsoft Teams' };
  const hits = [
    { index: 0, assessment: zoom },
    { index: 3, assessment: lookalike },
    { index: 5, assessment: teams },
  ];
  const onZoomJoinPage = linkBadges(hits, { vendor: 'zoom', kind: 'join' }, getMessage);
  assert.deepEqual(onZoomJoinPage.map((b) => b.index), [3, 5]);
  const onZoomPricing = linkBadges(hits, { vendor: 'zoom', kind: 'vendor-site' }, getMessage);
  assert.deepEqual(onZoomPricing.map((b) => b.index), [0, 3, 5]);
  assert.deepEqual(linkBadges(hits, null, getMessage).map((b) => b.index), [0, 3, 5]);
});

test('a provisional grade says so; a retired service shows its date, not a letter', () => {
  const provisional = { ...zoom, grade: 'B', standing: 'provisional', known_facts: 5 };
  assert.equal(linkBadge(provisional, getMessage).text, 'Zoom · grade B (provisional)');
  assert.equal(linkBadge(provisional, getMessage).tone, 'grade-B');
  const skype = {
    ...zoom,
    vendor: 'skype',
    vendor_name: 'Skype',
    grade: null,
    standing: 'retired',
    retired: { date: '2025-05-05', successor: 'teams', successor_name: 'Microsoft Teams' },
    findings: [],
  };
  assert.deepEqual([linkBadge(skype, getMessage).text, linkBadge(skype, getMessage).tone], ['Skype · retired on 2025-05-05', 'retired']);
});

test('a grade reason and a vendor-risk finding are said from the locale, by id and params', async () => {
  const { reasonText, findingText, derivedText } = await import('../../extension/shared/findings-text.js');
  const fr = JSON.parse(readFileSync(new URL('../../extension/_locales/fr/messages.json', import.meta.url), 'utf8'));
  const getFr = (key, substitutions = []) => {
    const entry = fr[key];
    if (!entry) return '';
    return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name) =>
      (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, n) => substitutions[Number(n) - 1] ?? ''));
  };
  assert.equal(reasonText({ id: 'e2ee-optional', reason: 'English', params: {} }, getFr), 'le chiffrement de bout en bout existe mais est désactivé par défaut');
  assert.equal(
    reasonText({ id: 'rating', reason: 'English', params: { rater: 'dutch-dpia', label: 'all known risks solved', date: '2024-04-11' } }, getFr),
    'évaluation par Analyse d’impact du gouvernement néerlandais / SURF : « all known risks solved » (2024-04-11)',
  );
  // An id the extension does not know keeps the engine's English.
  assert.equal(reasonText({ id: 'new-rule', reason: 'English', params: {} }, getFr), 'English');
  // Nor, from the extension's engine (no English text), a gap: the reason's id, said so.
  assert.match(reasonText({ id: 'new-rule', reason: '', params: {} }, getFr), /^cette note a une raison \(new-rule\)/);
  const finding = {
    id: 'vendor-risk',
    message: 'Zoom: grade B (provisional: 5 of 6 core facts known) — English reasons.',
    params: {
      variant: 'provisional_reasons', vendor: 'Zoom', grade: 'B', known: '5', total: '6', reasons: 'English reasons',
      reason_list: JSON.stringify([{ id: 'ads-sharing-opt-out', params: {} }]),
    },
  };
  assert.equal(findingText(finding, getFr), 'Zoom : note B (provisoire : 5 faits essentiels connus sur 6) — partage de données personnelles pour la publicité : actif sauf désactivation.');
  // A reason_list that is not what the engine writes falls back to the English reasons, never to a gap.
  const broken = { ...finding, params: { ...finding.params, reason_list: '{"x":1}' } };
  assert.match(findingText(broken, getFr), /— English reasons\.$/);
  assert.match(derivedText({ rule: 'e2ee-all-content', from: 'e2ee' }, getFr), /^Déduit, non déclaré par une source/);
  assert.equal(derivedText({ rule: 'unknown-rule' }, getFr), '');
});

test('on a lookalike page its links to its own host get no badge; other lookalike hosts and vendors do', () => {
  const page = { ...zoom, vendor: null, kind: 'none', grade: null, lookalike_of: 'zoom', lookalike_name: 'Zoom' };
  const lookalike = { ...page };
  const urls = ['https://zoom-us.com/forgot', 'https://zoom-us.com/signup', 'https://zoom-login.example/j/1', 'https://us02web.zoom.us/j/85123456789'];
  const hits = [
    { index: 0, assessment: lookalike },
    { index: 1, assessment: lookalike },
    { index: 2, assessment: lookalike },
    { index: 3, assessment: zoom },
  ];
  const onLookalike = linkBadges(hits, page, getMessage, { pageUrl: 'https://zoom-us.com/signin', urls });
  assert.deepEqual(onLookalike.map((b) => b.index), [2, 3]);
  // Elsewhere (a webmail page) every one of them is badged.
  assert.deepEqual(linkBadges(hits, null, getMessage, { pageUrl: 'https://mail.example/', urls }).map((b) => b.index), [0, 1, 2, 3]);
});
