// The popup: the assessment of the current tab (as last reported by its content script), the vendor card with
// every fact's sources and dates, the grade explained point by point, and the checklist "before you join"
// (static, in popup.html). `popup.html?tab=ID` names the tab explicitly (used by tests, where the popup is
// opened as a page and the active tab would be the popup itself).
import { ext } from '../shared/api.js';
import { t, localize, localised } from '../shared/i18n.js';
import { element, externalLink } from './dom.js';
import { fieldTitleKey } from './fields.js';
import { findingText, reasonText, derivedText, RATERS } from '../shared/findings-text.js';
import { recordingText } from '../shared/recording-text.js';

const getMessage = (key, substitutions) => ext.i18n.getMessage(key, substitutions);
// The six core facts of a grade (src/grade.rs CORE_FACTS).
const CORE_FACTS = 6;

// Database values → message names, written out so that every message name appears in the code.
const E2EE = {
  default: 'popup_e2ee_default',
  optional: 'popup_e2ee_optional',
  limited: 'popup_e2ee_limited',
  none: 'popup_e2ee_none',
};
const RECORDING = {
  shown: 'popup_recording_shown',
  partial: 'popup_recording_partial',
  none: 'popup_recording_none',
  'no-recording': 'popup_recording_no_recording',
};
const ANSWER = {
  yes: 'popup_answer_yes',
  no: 'popup_answer_no',
  'opt-in': 'popup_answer_opt_in',
  'opt-out': 'popup_answer_opt_out',
};
const DATA_PRACTICES = [
  ['ads_sharing', 'popup_ads_sharing'],
  ['content_licence', 'popup_content_licence'],
  ['ai_training', 'popup_ai_training'],
  ['human_review', 'popup_human_review'],
];
const RESOLUTION = {
  resolved: 'popup_resolution_resolved',
  partial: 'popup_resolution_partial',
  unresolved: 'popup_resolution_unresolved',
};
const VERDICT = {
  favourable: 'popup_verdict_favourable',
  mixed: 'popup_verdict_mixed',
  unfavourable: 'popup_verdict_unfavourable',
};
/** A database value in words; anything the popup does not know (or `unknown`) reads "Unknown". */
const label = (table, value) => (table[value] ? t(table[value]) : t('popup_value_unknown'));

async function targetTabId() {
  const requested = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(requested) && requested >= 0) return requested;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** "Sources: zoom.us (2020-10-14), …": each a link opening in a new tab, its claim as the tooltip. */
function sources(list = []) {
  const links = list.map((source) => {
    let host = source.url;
    try {
      host = new URL(source.url).hostname.replace(/^www\./, '');
    } catch {
      // not a URL: no link (externalLink refuses it too)
    }
    return externalLink(source.url, `${host} (${source.date})`, source.claim);
  }).filter(Boolean);
  if (links.length === 0) return [];
  const span = element('span', { className: 'sources' }, `${t('popup_sources')} `);
  links.forEach((link, i) => span.append(...(i > 0 ? [', ', link] : [link])));
  return [span];
}

/** A fact's value in words, with since when, its detail, or what was searched when it is unknown. */
function fact(words, value) {
  const parts = [element('strong', { text: words })];
  if (value.since) parts.push(` (${t('popup_since', [value.since])})`);
  // A derived value says so, with its rule (src/infer.rs), instead of a source's words.
  if (value.derived) {
    parts.push(' ', element('span', { className: 'derived', text: derivedText(value.derived, getMessage) || value.derived.rule }));
  } else if (value.detail) {
    const text = localised(value.detail);
    // A detail still written in English only (a plain string in its rules file) says so, for screen readers.
    const english = text === localised(value.detail, 'en') && uiLanguage() !== 'en';
    parts.push(element('span', { className: english ? 'detail untranslated' : 'detail', text, attributes: english ? { lang: 'en' } : {} }));
  }
  if (value.value === 'unknown' && value.searched) {
    // What was searched is the record of the research, kept in English (rules/README.md).
    parts.push(element('span', { className: 'detail' }, `${t('popup_not_confirmed')} `, english(value.searched)));
  }
  return [...parts, ...sources(value.sources)];
}

/** Text from the database kept in English (incident summaries, rating labels, searches), marked as such. */
function english(text) {
  return element('span', { text, attributes: { lang: 'en' } });
}

const uiLanguage = () => ext.i18n.getUILanguage().slice(0, 2).toLowerCase();

/**
 * A grade reason as list content: its localised sentence, with the database's English words in it (an
 * incident's title, a rating's label) marked as English.
 */
function reasonContent(reason) {
  const quoted = ['title', 'label'].map((name) => reason.params?.[name]).filter((value) => typeof value === 'string' && value);
  // A private-use character: chrome.i18n drops NUL from substitutions.
  const marker = '\uE000';
  const params = { ...reason.params };
  for (const name of ['title', 'label']) if (typeof params[name] === 'string' && params[name]) params[name] = marker;
  const text = reasonText({ ...reason, params }, getMessage);
  if (quoted.length === 0 || !text.includes(marker)) return [reasonText(reason, getMessage)];
  const pieces = text.split(marker);
  return pieces.flatMap((piece, i) => (i < quoted.length ? [piece, english(quoted[i])] : [piece]));
}

function entry(term, ...description) {
  return [element('dt', { text: term }), element('dd', {}, ...description)];
}

function listOrNone(items, none) {
  return items.length > 0 ? element('ul', {}, ...items) : element('p', { text: t(none) });
}

function vendorCard({ vendor }) {
  const practices = DATA_PRACTICES.map(([field, name]) =>
    element('li', {}, `${t(name)}: `, ...fact(label(ANSWER, vendor.data_practices[field].value), vendor.data_practices[field])));
  const incidents = vendor.incidents.map((incident) =>
    element('li', {},
      element('strong', {}, `${incident.date} · `, english(incident.title)),
      element('span', { className: 'detail', text: incident.summary, attributes: { lang: 'en' } }),
      element('span', { className: 'detail' }, label(RESOLUTION, incident.resolution), ...(incident.resolution_detail ? [': ', english(incident.resolution_detail)] : [])),
      ...sources(incident.sources)));
  const ratings = vendor.ratings.map((rating) =>
    element('li', {},
      element('strong', {}, `${label(RATERS, rating.by)}: `, english(rating.label)),
      ` (${label(VERDICT, rating.verdict)}, ${rating.date}) `,
      ...sources(rating.sources)));
  const facts = element('dl', { attributes: { id: 'card-facts' } },
      ...entry(t('popup_operator'), element('strong', { text: `${vendor.operator.company} (${vendor.operator.country})` }), ...sources(vendor.operator.sources)),
      ...entry(t('popup_e2ee'), ...fact(label(E2EE, vendor.e2ee.value), vendor.e2ee)),
      ...entry(t('popup_recording_notice'), ...fact(label(RECORDING, vendor.recording_notice.value), vendor.recording_notice)),
      ...entry(t('popup_data_practices'), element('ul', {}, ...practices)),
      ...entry(t('popup_incidents'), listOrNone(incidents, 'popup_no_incidents')),
      ...entry(t('popup_ratings'), listOrNone(ratings, 'popup_no_ratings')));
  // Folded by default: the facts run long, and the popup leads with what matters on this page. A disclosure
  // button (not <details>) so that the folded links are out of the page entirely, for every tool.
  facts.hidden = true;
  const toggle = element('button', {
    className: 'disclosure',
    text: t('popup_card_summary'),
    attributes: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'card-facts' },
  });
  toggle.addEventListener('click', () => {
    facts.hidden = !facts.hidden;
    toggle.setAttribute('aria-expanded', String(!facts.hidden));
  });
  return element('section', { attributes: { 'aria-labelledby': 'card-title' } },
    element('h2', { text: t('popup_card_title', [vendor.name]), attributes: { id: 'card-title' } }),
    toggle,
    facts);
}

function gradeTitle(grade) {
  if (grade.standing === 'retired') return t('popup_retired_title', [String(grade.retired?.date ?? '')]);
  if (grade.standing === 'ungraded') return t('popup_grade_title_ungraded', [String(grade.known), String(CORE_FACTS)]);
  if (grade.standing === 'provisional') {
    return t('popup_grade_title_provisional', [grade.grade, String(grade.known), String(CORE_FACTS), String(grade.score)]);
  }
  return t('popup_grade_title', [grade.grade, String(grade.score)]);
}

function gradeExplained({ grade, vendor }, assessment) {
  const line = (reason) =>
    element('li', {},
      element('span', { className: 'points', text: `${reason.points > 0 ? '+' : ''}${reason.points}` }),
      ' ', ...reasonContent(reason), ' ',
      ...sources(reason.sources));
  const parts = [element('h2', { text: gradeTitle(grade), attributes: { id: 'grade-title' } })];
  if (grade.standing === 'retired') {
    const successor = assessment?.retired?.successor_name ?? grade.retired?.successor;
    parts.push(element('p', {
      className: 'retired',
      text: successor ? t('popup_retired_successor', [vendor.name, successor]) : t('popup_retired_no_successor', [vendor.name]),
    }));
  }
  parts.push(listOrNone(grade.reasons.map(line), 'popupNoReasons'));
  if (grade.history?.length) {
    parts.push(element('h3', { text: t('popup_grade_history') }), element('ul', { className: 'history' }, ...grade.history.map(line)));
  }
  return element('section', { attributes: { 'aria-labelledby': 'grade-title' } }, ...parts);
}

function findingItem(severity, ...content) {
  return element('li', {}, element('span', { className: `severity ${severity}`, text: t(`severity_${severity}`) }), ' ', ...content);
}

/**
 * What recording.js showed on the page (its page watcher reads what content.js does not: aria-labels, texts
 * gone since, a page watched for longer), as the background kept it (background.js tabAssessment): its warning
 * without a consent notice unless the engine's finding already says that, and its caution with one.
 */
function recordingItems(recording, assessment) {
  const shown = recording?.shown;
  if (!shown || typeof recording.vendor_name !== 'string') return [];
  const said = assessment.findings.some((finding) => finding.id === 'recording-without-notice');
  const item = (consent, indicator) =>
    findingItem(consent ? 'caution' : 'warning',
      element('strong', { text: t('recording_title') }),
      element('span', { className: 'recording-text', text: recordingText(t, { consent, vendor: recording.vendor_name, indicator, notice: recording.notice }) }));
  return [
    ...(typeof shown.no_consent === 'string' && !said ? [item(false, shown.no_consent)] : []),
    ...(typeof shown.consent === 'string' ? [item(true, shown.consent)] : []),
  ];
}

function findings(assessment, recording) {
  const items = [
    ...assessment.findings.map((finding) =>
      findingItem(finding.severity, findingText(finding, (key, substitutions) => ext.i18n.getMessage(key, substitutions)))),
    ...recordingItems(recording, assessment),
  ];
  return element('section', { attributes: { 'aria-labelledby': 'findings-title' } },
    element('h2', { text: t('popupFindings'), attributes: { id: 'findings-title' } }),
    listOrNone(items, 'popup_no_findings'));
}

/** What the popup says about the tab: [above the checklist, below it]. */
function renderAssessment(assessment, card, recording) {
  if (assessment.lookalike_of) {
    return [[
      element('p', { className: 'verdict danger', text: t('bannerLookalike', [assessment.lookalike_name ?? assessment.lookalike_of]) }),
      findings(assessment),
    ], []];
  }
  if (!assessment.vendor) return [[element('p', { className: 'verdict', text: t('popupNothing') }), findings(assessment)], []];

  const verdict = element('p', { className: 'verdict', text: `${assessment.vendor_name ?? assessment.vendor} · ${t(`kind_${assessment.kind.replaceAll('-', '_')}`)} ` });
  if (assessment.retired) {
    verdict.append(element('span', { className: 'grade grade-retired', text: t('popup_retired_badge') }));
  } else if (assessment.grade) {
    // The card's letter when there is one: graded on the reader's day, as the card below explains it (the
    // tab's assessment was graded at the database's date).
    const { grade, standing } = card?.grade ?? assessment;
    verdict.append(element('span', { className: `grade grade-${grade}`, text: grade }));
    if (standing === 'provisional') verdict.append(' ', element('span', { className: 'provisional', text: t('popup_provisional_badge') }));
  }
  const parts = [verdict];
  if (assessment.meeting_id) parts.push(element('p', { text: t('popupMeetingId', [assessment.meeting_id]) }));
  parts.push(findings(assessment, recording));
  return [parts, card ? [gradeExplained(card, assessment), vendorCard(card)] : []];
}

async function main() {
  localize();
  const container = document.getElementById('assessment');
  const tabId = await targetTabId();
  if (tabId === null) {
    container.replaceChildren(element('p', { text: t('popupNotChecked') }));
    return;
  }
  const reply = await ext.runtime.sendMessage({ type: 'tab-assessment', tabId });
  if (reply?.error) {
    container.replaceChildren(element('p', { text: t('popupError', [reply.error]) }));
    return;
  }
  document.getElementById('data-version').textContent = t('popupDataVersion', [reply.dataVersion]);
  // A field the organisation set but the engine refused is said on every tab, by its title on the options page,
  // which says what applies meanwhile (settings.js mergeSettings).
  const refused = document.getElementById('policy-refused');
  refused.hidden = !(reply.policyRefused?.length > 0);
  if (!refused.hidden) {
    const names = reply.policyRefused.map((field) => (fieldTitleKey(field) ? t(fieldTitleKey(field)) : field));
    refused.textContent = t('popup_policy_refused', [names.join(', ')]);
  }
  // Links of the page not screened: left unread past a frame's cap, or past the background's budget for the inner
  // frames of a tab (tab-state.js takeLinks), one total.
  const unscreened = document.getElementById('links-unscreened');
  const { frameLimit, limit, seconds, unscreened: count } = reply.unscreened ?? {};
  unscreened.hidden = !(Number.isInteger(count) && count > 0 && [limit, frameLimit, seconds].every(Number.isInteger));
  if (!unscreened.hidden) {
    const numbers = [frameLimit, limit, count, seconds].map((n) => n.toLocaleString());
    unscreened.textContent = t('popup_links_unscreened', numbers);
  }
  // Links checked and worth a badge that a frame's badge caps left without one (shared/limits.js MAX_BADGES,
  // MAX_DANGER_BADGES), from the same note.
  const unbadged = document.getElementById('links-unbadged');
  const { badgeLimit, dangerLimit, unbadged: undrawn } = reply.unscreened ?? {};
  unbadged.hidden = !(Number.isInteger(undrawn) && undrawn > 0 && [badgeLimit, dangerLimit].every(Number.isInteger));
  if (!unbadged.hidden) unbadged.textContent = t('popup_links_unbadged', [badgeLimit, undrawn].map((n) => n.toLocaleString()));
  // Lookalike or blocked links past the danger badges' cap: a warning of its own, never lumped in with the others.
  const unbadgedDanger = document.getElementById('links-unbadged-danger');
  const { unbadgedDanger: undrawnDanger } = reply.unscreened ?? {};
  unbadgedDanger.hidden = !(Number.isInteger(undrawnDanger) && undrawnDanger > 0 && Number.isInteger(dangerLimit));
  if (!unbadgedDanger.hidden) unbadgedDanger.textContent = t('popup_links_unbadged_danger', [undrawnDanger, dangerLimit].map((n) => n.toLocaleString()));
  if (!reply.assessment) {
    container.replaceChildren(element('p', { text: t('popupNotChecked') }));
    return;
  }
  const [above, below] = renderAssessment(reply.assessment, reply.card, reply.recording);
  container.replaceChildren(...above);
  document.getElementById('vendor').replaceChildren(...below);
}

main().catch((error) => {
  document.getElementById('assessment').textContent = t('popupError', [String(error?.message ?? error)]);
});
