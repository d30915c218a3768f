// When a page gets the in-page banner, shared by the background (which renders the banner's text in the reader's
// language: background/banner-text.js) and content.js (which decides, with what it knows of the page, whether to
// draw it). Kept apart from the text so that the content script's bundle carries none of the message tables.

// Kinds of page whose vendor gets a banner (src/classify.rs `Kind::is_meeting_page`).
export const PAGE_KINDS = new Set(['join', 'login', 'web-client', 'webinar']);
// Findings that say the page imitates a vendor (the background's warning page; the banner after it).
export const IMITATION_FINDINGS = new Set(['lookalike-domain', 'phishing-login']);

/** The name of the vendor the page imitates, or null. */
export function imitated(assessment) {
  const finding = assessment.findings?.find((f) => IMITATION_FINDINGS.has(f?.id));
  return assessment.lookalike_name ?? finding?.params?.vendor ?? assessment.lookalike_of ?? null;
}

/** Whether the assessment says the page is an imitation, whatever its address says (the warning page; the toolbar's
 *  "!"). */
export function isImitation(assessment) {
  return Boolean(
    assessment?.lookalike_of || (Array.isArray(assessment?.findings) && assessment.findings.some((f) => IMITATION_FINDINGS.has(f?.id))),
  );
}

/** Whether the assessment is worth a banner: an imitation, a danger, or a vendor's meeting or login page; on a
 *  vendor's web client only with a finding above info. */
export function worthShowing(assessment) {
  if (!assessment || !Array.isArray(assessment.findings)) return false;
  if (imitated(assessment) || assessment.findings.some((f) => f.severity === 'danger')) return true;
  if (!assessment.vendor || !PAGE_KINDS.has(assessment.kind)) return false;
  // A person on a vendor's web client (a messenger's, or Zoom's in-browser client) is already inside the app, and a
  // messenger's is kept open all day with its call buttons where the banner sits (top right): the grade alone
  // (info) stays in the toolbar's badge and the popup, not over the page on every load (session 50). A join page
  // (kind `join`) keeps its grade banner.
  return assessment.kind !== 'web-client' || assessment.findings.some((f) => f.severity !== 'info');
}
