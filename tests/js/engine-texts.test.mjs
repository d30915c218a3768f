// What the extension says of the engine's real findings and grade reasons, in every locale. The extension's
// engine is built without its English sentences (Cargo feature `english`: `message` and a grade reason's
// `reason` are empty there), so each finding and reason the wasm package (the one `make` builds) gives must be
// said from its id and params (extension/shared/findings-text.js). locales.test.mjs checks the message table
// against the engine's sources; this checks the params of what the engine really answers: the golden URL table,
// the tune split of the threat-report lookalikes, the page fixtures and every vendor's card, under a policy
// that blocks one vendor and approves another so that the policy findings appear too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { findingText, reasonText } from '../../extension/shared/findings-text.js';

import { engine } from './engine.mjs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const LOCALES = ['en', 'fr', 'de'];

/** chrome.i18n.getMessage over a locale: `$NAME$` placeholders filled from `$1`, `$2`, … ('' for no entry). */
function getMessageFor(locale) {
  const messages = JSON.parse(read(`extension/_locales/${locale}/messages.json`));
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (!entry) return '';
    const list = Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n) => list[Number(n) - 1] ?? '');
    });
  };
}

/** The golden table's URLs as written (`\u{HEX}` read; rows with `{puny:…}` left out, the engine sees them too). */
function goldenUrls() {
  return read('tests/data/golden-urls.tsv')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t')[0])
    .filter((url) => !url.includes('{puny:'))
    .map((url) => url.replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16))));
}

function tuneLookalikeUrls() {
  return read('tests/data/real/lookalikes.tsv')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .filter((columns) => columns[4] === 'tune')
    .flatMap(([host]) => [`https://${host}/`, `https://${host}/j/85123456789`]);
}

const FALLBACK = '\u0000the English fallback';

test('every finding and grade reason the engine gives is said in every locale, from its id and params', () => {
  const policy = { ...engine.defaultSettings(), approved_vendors: ['teams', 'zoom'], blocked_vendors: ['skype'] };
  const findings = [];
  for (const settings of [null, policy]) {
    for (const url of [...goldenUrls(), ...tuneLookalikeUrls()]) {
      let assessment;
      try {
        assessment = engine.assessUrl(url, settings);
      } catch {
        continue; // a URL the engine refuses has no findings
      }
      for (const finding of assessment.findings) findings.push({ where: url, finding });
    }
    const pages = new URL('../data/pages/', import.meta.url);
    for (const name of readdirSync(pages).filter((file) => file.endsWith('.json'))) {
      const signals = JSON.parse(readFileSync(new URL(name, pages), 'utf8'));
      for (const finding of engine.assessPage(signals, settings).findings) findings.push({ where: name, finding });
    }
  }
  const reasons = engine.vendorList().flatMap(({ id }) => {
    const { grade } = engine.vendorCard(id);
    return [...grade.reasons, ...(grade.history ?? [])].map((reason) => ({ where: id, reason }));
  });
  const ids = new Set(findings.map(({ finding }) => finding.id));
  // The set is broad enough to mean something: lookalikes, policy, grades, page findings.
  for (const id of ['lookalike-domain', 'vendor-risk', 'blocked-vendor', 'unapproved-vendor', 'embedded-secret', 'third-party-login']) {
    assert.ok(ids.has(id), `no ${id} finding among ${[...ids].join(', ')}`);
  }
  assert.ok(reasons.length > 50, `${reasons.length} grade reasons`);

  const problems = [];
  for (const locale of LOCALES) {
    const getMessage = getMessageFor(locale);
    for (const { where, finding } of findings) {
      const text = findingText({ ...finding, message: FALLBACK }, getMessage);
      if (text === FALLBACK || !text || /\$/.test(text)) {
        problems.push(`${locale}: ${where}: ${finding.id} ${JSON.stringify(finding.params)} renders "${text}"`);
      }
    }
    for (const { where, reason } of reasons) {
      const text = reasonText({ ...reason, reason: FALLBACK }, getMessage);
      if (text === FALLBACK || !text || /\$/.test(text)) problems.push(`${locale}: ${where}: reason ${reason.id} renders "${text}"`);
    }
  }
  assert.deepEqual([...new Set(problems)].slice(0, 20), []);
});

test("APT35's fake Meet host is said to be named like a fake meeting page, not a download or sign-in site, in every locale", () => {
  // google.live-meet.blog: a tune row of tests/data/real/lookalikes.tsv (APT35's lure hosts, in Maltrail).
  const finding = engine
    .assessUrl('https://google.live-meet.blog/', null)
    .findings.find(({ id }) => id === 'lookalike-domain');
  assert.ok(finding, 'google.live-meet.blog is flagged');
  assert.equal(finding.params.variant, 'brand-with-meeting-words');
  const expected = {
    en: ['fake meeting pages', /download|sign-in/],
    fr: ['fausses pages de réunion', /téléchargement|connexion/],
    de: ['gefälschte Meeting-Seiten', /Download|Anmelde/],
  };
  for (const locale of LOCALES) {
    const text = findingText({ ...finding, message: FALLBACK }, getMessageFor(locale));
    const [says, never] = expected[locale];
    assert.ok(text.includes(says), `${locale}: ${text}`);
    assert.doesNotMatch(text, never, locale);
    assert.ok(text.includes('google.live-meet.blog'), `${locale}: ${text}`);
  }
});
