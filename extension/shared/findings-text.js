// A finding in the reader's language. The engine's findings (src/assess.rs `Finding`) carry an English
// `message` and `params`: named strings, plus `variant` (which wording) and `more` (a shared sentence appended,
// such as what an identity provider learns). This module picks the `_locales` message for each and fills its
// placeholders; a finding or variant it does not know falls back to the English message.
//
// Used by the top-frame content script (content/content.js), the popup and the background's link badges.

export const { findingText, MESSAGES, MORE } = (() => {
  // Finding id → variant ('' when none) → [message key, ...param names in placeholder order $1, $2, …].
  const MESSAGES = {
    'lookalike-domain': {
      '': ['finding_lookalike_domain', 'host', 'official', 'vendor'],
      misspelling: ['finding_lookalike_misspelling', 'brand', 'host', 'official', 'vendor', 'written'],
      'lookalike-characters': ['finding_lookalike_characters', 'brand', 'host', 'official', 'vendor'],
      'brand-with-words': ['finding_lookalike_brand_words', 'brand', 'host', 'official', 'vendor', 'words'],
      'misspelt-service': ['finding_lookalike_misspelt_service', 'brand', 'host', 'official', 'vendor', 'written'],
    },
    'suspicious-url': {
      userinfo: ['finding_suspicious_url_userinfo'],
      backslash: ['finding_suspicious_url_backslash'],
      control: ['finding_suspicious_url_control'],
    },
    'retired-service': {
      '': ['finding_retired_service', 'date', 'vendor'],
      successor: ['finding_retired_service_successor', 'date', 'successor', 'vendor'],
    },
    'blocked-vendor': { '': ['finding_blocked_vendor', 'vendor'] },
    'unapproved-vendor': { '': ['finding_unapproved_vendor', 'vendor'] },
    'embedded-secret': { '': ['finding_embedded_secret'] },
    'vendor-risk': {
      '': ['finding_vendor_risk', 'grade', 'vendor'],
      reasons: ['finding_vendor_risk_reasons', 'grade', 'reasons', 'vendor'],
      ungraded: ['finding_vendor_risk_ungraded', 'vendor'],
    },
    'third-party-login': {
      '': ['finding_third_party_login', 'provider'],
      sdk: ['finding_third_party_login_sdk', 'provider', 'sdk_host'],
    },
    'identity-sdk': {
      documented: ['finding_identity_sdk_documented', 'host', 'provider', 'vendor'],
      undocumented: ['finding_identity_sdk_undocumented', 'host', 'provider', 'vendor'],
      unknown: ['finding_identity_sdk_unknown', 'host', 'provider'],
    },
    'no-privacy-link': {
      join: ['finding_no_privacy_link_join', 'vendor'],
      login: ['finding_no_privacy_link_login', 'vendor'],
      webinar: ['finding_no_privacy_link_webinar', 'vendor'],
    },
    'recording-without-notice': {
      shown: ['finding_recording_without_notice_shown', 'indicator', 'vendor'],
      none: ['finding_recording_without_notice_none', 'indicator', 'vendor'],
      unknown: ['finding_recording_without_notice_unknown', 'indicator'],
    },
    'phishing-login': {
      host: ['finding_phishing_login_host', 'host', 'official', 'vendor'],
      file: ['finding_phishing_login_file', 'official', 'vendor'],
      page: ['finding_phishing_login_page', 'official', 'vendor'],
    },
  };

  // `more` values → message key (no placeholders).
  const MORE = {
    learns_google: 'finding_learns_google',
    learns_facebook: 'finding_learns_facebook',
    learns_apple: 'finding_learns_apple',
    learns_microsoft: 'finding_learns_microsoft',
    learns_linkedin: 'finding_learns_linkedin',
    learns_github: 'finding_learns_github',
    learns_x: 'finding_learns_x',
    learns_amazon: 'finding_learns_amazon',
    // How a lookalike's misspelling differs (src/lookalike.rs `how_code`).
    how_doubled_letter: 'finding_how_doubled_letter',
    how_extra_letter: 'finding_how_extra_letter',
    how_missing_letter: 'finding_how_missing_letter',
    how_swapped_letters: 'finding_how_swapped_letters',
    how_lookalike_character: 'finding_how_lookalike_character',
    how_changed_letter: 'finding_how_changed_letter',
  };

  const own = (object, key) => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
  const text = (value) => (typeof value === 'string' ? value : '');

  /**
   * @param {{id: string, message: string, params?: Record<string, string>}} finding as the engine returned it
   * @param {(key: string, substitutions?: string[]) => string} getMessage `i18n.getMessage` ('' when missing)
   * @returns {string} the localised text, or the English message when no translation applies
   */
  function findingText(finding, getMessage) {
    const fallback = text(finding?.message);
    const params = finding?.params && typeof finding.params === 'object' ? finding.params : {};
    const variants = own(MESSAGES, text(finding?.id));
    const entry = variants && own(variants, text(own(params, 'variant')));
    if (!entry) return fallback;
    const [key, ...names] = entry;
    // A param missing (an older or newer engine): the English message says it better than a gap would.
    if (names.some((name) => typeof own(params, name) !== 'string')) return fallback;
    const substitutions = names.map((name) => own(params, name));
    const main = getMessage(key, substitutions);
    if (!main) return fallback;
    const moreKey = own(MORE, text(own(params, 'more')));
    const more = moreKey ? getMessage(moreKey) : '';
    return more ? `${main} ${more}` : main;
  }

  return { findingText, MESSAGES, MORE };
})();
