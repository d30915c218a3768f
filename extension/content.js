// Content script (classic script, top frame of http(s) pages): asks the background for the assessment
// of this page once and, on a conferencing or lookalike page with something worth saying, shows the banner.
// On any other page it changes nothing in the document.
'use strict';

(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const SEVERITY_RANK = { info: 0, caution: 1, warning: 2, danger: 3 };
  const PAGE_KINDS = new Set(['join', 'login', 'web-client', 'webinar']);
  const MAX_ITEMS = 3;

  const t = (key, substitutions) => ext.i18n.getMessage(key, substitutions) || key;

  function worthShowing(assessment) {
    if (!assessment || !Array.isArray(assessment.findings)) return false;
    if (assessment.lookalike_of) return true;
    return (
      Boolean(assessment.vendor) &&
      PAGE_KINDS.has(assessment.kind) &&
      assessment.findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.caution)
    );
  }

  function bannerModel(assessment) {
    const findings = assessment.findings
      .filter((finding) => finding.severity in SEVERITY_RANK)
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    const title = assessment.lookalike_of
      ? t('bannerLookalike', [assessment.lookalike_name ?? assessment.lookalike_of])
      : assessment.grade
        ? t('bannerVendorGrade', [assessment.vendor_name ?? assessment.vendor, t(`kind_${assessment.kind.replace('-', '_')}`), assessment.grade])
        : t('bannerVendor', [assessment.vendor_name ?? assessment.vendor, t(`kind_${assessment.kind.replace('-', '_')}`)]);
    return {
      brand: t('extName'),
      title,
      severity: findings[0]?.severity ?? 'info',
      items: findings.slice(0, MAX_ITEMS).map((finding) => ({
        severity: finding.severity,
        label: t(`severity_${finding.severity}`),
        message: String(finding.message),
      })),
      dismissLabel: t('dismiss'),
    };
  }

  ext.runtime.sendMessage({ type: 'assess-page', url: location.href }).then(
    (reply) => {
      if (worthShowing(reply?.assessment)) globalThis.joinguardOverlay.show(bannerModel(reply.assessment));
    },
    // No answer (extension reloading or updating): stay silent rather than break the page.
    () => {},
  );
})();
