// What the background keeps of a page for the tab's popup (storage.session, extension/tab-state.js): only what
// the popup shows, and only for pages joinguard has something to say about. Addresses keep their origin and
// path: the query and fragment, where passcodes (`pwd=`), tokens and keys sit, are never stored. A page with
// nothing to say (no vendor, no lookalike, no finding) leaves a record without any address: the popup then says
// "no conferencing page recognised" rather than "not checked".

/** origin + path of an http(s) address; null for anything else. */
export function withoutSecrets(url) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

const NOTHING = Object.freeze({ url: null, vendor: null, kind: 'none', lookalike_of: null, findings: [] });

/** The record of `assessment` for the popup (also given a partial assessment, as background.js does). */
export function forPopup(assessment) {
  const findings = Array.isArray(assessment?.findings) ? assessment.findings : [];
  if (!assessment?.vendor && !assessment?.lookalike_of && !assessment?.lookalike_name && findings.length === 0) {
    return { ...NOTHING };
  }
  return {
    url: withoutSecrets(assessment.url),
    vendor: assessment.vendor ?? null,
    vendor_name: assessment.vendor_name ?? null,
    kind: assessment.kind ?? 'none',
    lookalike_of: assessment.lookalike_of ?? null,
    lookalike_name: assessment.lookalike_name ?? null,
    meeting_id: assessment.meeting_id ?? null,
    embedded_secret: Boolean(assessment.embedded_secret),
    grade: assessment.grade ?? null,
    // How far the grade can be trusted, and a retired service's date and successor (src/assess.rs).
    standing: assessment.standing ?? null,
    known_facts: assessment.known_facts ?? null,
    retired: assessment.retired
      ? { date: String(assessment.retired.date ?? ''), successor: assessment.retired.successor ?? null, successor_name: assessment.retired.successor_name ?? null }
      : null,
    findings: findings.map(({ id, severity, message, params }) => ({ id, severity, message, params: params ?? {} })),
  };
}
