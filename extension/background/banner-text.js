// The in-page banner's text, rendered here in the reader's language and sent with the answer about the page, so
// that the content script only draws strings (as link badges do: link-badge-model.js). Rendering it in the page
// cost each banner the content process's own copy of the extension's messages (Firefox builds its i18n API and
// reads every locale there on the first getMessage) and the message tables of findings-text.js in the bundle.
import { findingText, reasonText } from '../shared/findings-text.js';
import { imitated } from '../shared/banner.js';

const SEVERITY_RANK = { info: 0, caution: 1, warning: 2, danger: 3 };
const KIND_KEYS = {
  join: 'kind_join',
  login: 'kind_login',
  'web-client': 'kind_web_client',
  webinar: 'kind_webinar',
  'vendor-site': 'kind_vendor_site',
  none: 'kind_none',
};
// Findings shown at once; the rest are behind "Why?".
const MAX_ITEMS = 3;
// The six core facts of a grade (src/grade.rs CORE_FACTS).
const CORE_FACTS = 6;
// The overlay's own labels (overlay.js) that need no substitution.
const LABELS = [
  'extName',
  'overlay_close',
  'overlay_why',
  'overlay_why_hide',
  'overlay_dismiss_page',
  'overlay_details_findings',
  'overlay_details_reasons',
  'overlay_details_no_reasons',
  'severity_info',
  'severity_caution',
  'severity_warning',
  'severity_danger',
];

/** Findings with a known severity, the most severe first. */
function sorted(findings) {
  return findings
    .filter((finding) => finding && finding.severity in SEVERITY_RANK)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

function bannerTitle(assessment, t) {
  const name = imitated(assessment);
  if (name) return t('bannerLookalike', [name]);
  const vendor = assessment.vendor_name ?? assessment.vendor ?? '';
  const kind = t(KIND_KEYS[assessment.kind] ?? 'kind_none');
  // A retired service has a status, not a grade; a provisional grade says how much is known.
  if (assessment.retired) return t('bannerVendorRetired', [vendor, kind, String(assessment.retired.date)]);
  if (assessment.grade && assessment.standing === 'provisional') {
    return t('bannerVendorProvisional', [vendor, kind, assessment.grade, String(assessment.known_facts), String(CORE_FACTS)]);
  }
  return assessment.grade ? t('bannerVendorGrade', [vendor, kind, assessment.grade]) : t('bannerVendor', [vendor, kind]);
}

/**
 * What overlay.js's showBanner draws, as text: severity, title, the top findings, the details behind "Why?"
 * (every finding, the grade's reasons with their sources' link texts), the vendor's name and the overlay's labels.
 * @param {object} assessment the engine's assessment of the page
 * @param {object|null} card the vendor's card (its grade's reasons), or null
 * @param {(key: string, substitutions?: string[]) => string} getMessage `i18n.getMessage`
 */
export function bannerTexts(assessment, card, getMessage) {
  const t = (key, substitutions) => getMessage(key, substitutions) || key;
  const findings = sorted(assessment.findings);
  const textOf = (finding) => ({ severity: finding.severity, text: findingText(finding, t) });
  const vendorName = assessment.vendor ? (assessment.vendor_name ?? assessment.vendor) : undefined;
  const grade = card?.grade;
  const gradeText = grade?.grade ? `${grade.grade} (${grade.score}/100)` : undefined;
  const labels = Object.fromEntries(LABELS.map((key) => [key, t(key)]));
  if (vendorName !== undefined) labels.overlay_dismiss_vendor = t('overlay_dismiss_vendor', [String(vendorName)]);
  if (gradeText !== undefined) labels.overlay_details_grade = t('overlay_details_grade', [gradeText]);
  const source = (s) => ({ ...s, label: s?.date ? t('overlay_source_dated', [String(s.date)]) : t('overlay_source') });
  return {
    severity: findings[0]?.severity ?? 'info',
    dangerous: findings.some((f) => f.severity === 'danger'),
    title: bannerTitle(assessment, t),
    items: findings.slice(0, MAX_ITEMS).map(textOf),
    details: {
      findings: findings.map(textOf),
      grade: gradeText,
      reasons: grade
        ? (grade.reasons ?? []).map((reason) => ({ points: reason.points, text: reasonText(reason, t), sources: (reason.sources ?? []).map(source) }))
        : undefined,
    },
    vendorName,
    labels,
  };
}
