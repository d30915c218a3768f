// A finding in the reader's language. The engine's findings (src/assess.rs `Finding`) carry an English
// `message` and `params`: named strings, plus `variant` (which wording) and `more` (a shared sentence appended,
// such as what an identity provider learns). This module picks the `_locales` message for each and fills its
// placeholders; a finding or variant it does not know falls back to the English message.
//
// Used by the top-frame content script (content/content.js), the popup and the background's link badges.

export const { findingText, reasonText, derivedText, MESSAGES, MORE, REASONS, RATERS, DERIVED } = (() => {
  // Finding id → variant ('' when none) → [message key, ...param names in placeholder order $1, $2, …].
  const MESSAGES = {
    'lookalike-domain': {
      '': ['finding_lookalike_domain', 'host', 'official', 'vendor'],
      misspelling: ['finding_lookalike_misspelling', 'brand', 'host', 'official', 'vendor', 'written'],
      'misspelt-on-free-host': ['finding_lookalike_misspelt_free_host', 'brand', 'host', 'official', 'site', 'vendor', 'written'],
      'lookalike-characters': ['finding_lookalike_characters', 'brand', 'host', 'official', 'vendor'],
      'brand-with-words': ['finding_lookalike_brand_words', 'brand', 'host', 'official', 'vendor', 'words'],
      'brand-with-meeting-words': ['finding_lookalike_brand_meeting_words', 'brand', 'host', 'official', 'vendor', 'words'],
      'misspelt-service': ['finding_lookalike_misspelt_service', 'brand', 'host', 'official', 'vendor', 'written'],
      'brand-on-shared-host': ['finding_lookalike_shared_suffix', 'brand', 'host', 'official', 'suffix', 'vendor'],
      'server-name': ['finding_lookalike_server_name', 'brand', 'host', 'official', 'suffix', 'vendor', 'written'],
      'server-domain': ['finding_lookalike_server_domain', 'brand', 'host', 'official', 'suffix', 'vendor', 'written'],
      'server-shaped-domain': ['finding_lookalike_server_shaped_domain', 'brand', 'host', 'official', 'server', 'vendor', 'written'],
      'dash-for-dot': ['finding_lookalike_dash_for_dot', 'brand', 'host', 'official', 'vendor'],
      'official-inside': ['finding_lookalike_official_inside', 'brand', 'host', 'official', 'site', 'vendor'],
      'service-name': ['finding_lookalike_service_name', 'brand', 'host', 'official', 'site', 'vendor'],
      'brand-on-cheap-ending': ['finding_lookalike_cheap_ending', 'brand', 'host', 'official', 'site', 'suffix', 'vendor'],
      'brand-on-dynamic-dns': ['finding_lookalike_dynamic_dns', 'brand', 'host', 'official', 'site', 'vendor'],
      'brand-on-own-ending': ['finding_lookalike_own_ending', 'brand', 'host', 'official', 'suffix', 'vendor', 'words'],
      'blocked-in-china': ['finding_lookalike_blocked_in_china', 'brand', 'host', 'official', 'suffix', 'vendor', 'written'],
      'brand-in-host': ['finding_lookalike_brand_in_host', 'host', 'official', 'vendor'],
      'brand-with-path': ['finding_lookalike_brand_with_path', 'brand', 'host', 'official', 'site', 'vendor'],
      'user-name': ['finding_lookalike_user_name', 'brand', 'host', 'official', 'vendor', 'written'],
      'parser-trick': ['finding_lookalike_parser_trick', 'brand', 'official', 'site', 'vendor', 'written'],
    },
    'suspicious-url': {
      userinfo: ['finding_suspicious_url_userinfo'],
      backslash: ['finding_suspicious_url_backslash'],
      control: ['finding_suspicious_url_control'],
      'idn-label': ['finding_suspicious_url_idn_label'],
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
      provisional: ['finding_vendor_risk_provisional', 'grade', 'known', 'total', 'vendor'],
      provisional_reasons: ['finding_vendor_risk_provisional_reasons', 'grade', 'known', 'reasons', 'total', 'vendor'],
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
      'account-host': ['finding_phishing_login_account_host', 'host', 'official', 'owner', 'seen', 'vendor'],
      'account-file': ['finding_phishing_login_account_file', 'official', 'owner', 'seen', 'vendor'],
      'account-page': ['finding_phishing_login_account_page', 'official', 'owner', 'seen', 'vendor'],
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
    how_doubled_letters: 'finding_how_doubled_letters',
    how_extra_letter: 'finding_how_extra_letter',
    how_missing_letter: 'finding_how_missing_letter',
    how_swapped_letters: 'finding_how_swapped_letters',
    how_lookalike_character: 'finding_how_lookalike_character',
    how_changed_letter: 'finding_how_changed_letter',
    how_moved_letter: 'finding_how_moved_letter',
    how_lookalike_characters: 'finding_how_lookalike_characters',
    how_extra_letters: 'finding_how_extra_letters',
    how_swapped_pairs: 'finding_how_swapped_pairs',
    how_split_name: 'finding_how_split_name',
    how_code_tag: 'finding_how_code_tag',
    how_extra_l: 'finding_how_extra_l',
    how_extra_ls: 'finding_how_extra_ls',
    how_l_for_letter: 'finding_how_l_for_letter',
    how_l_for_letters: 'finding_how_l_for_letters',
    how_cl_for_d: 'finding_how_cl_for_d',
  };

  // Grade reason id (src/grade.rs GradeReason.id) → [message key, ...param names in placeholder order]. A
  // `rating` reason's `rater` param is an id, said with the RATERS message.
  const REASONS = {
    'e2ee-optional': ['reason_e2ee_optional'],
    'e2ee-limited': ['reason_e2ee_limited'],
    'e2ee-none': ['reason_e2ee_none'],
    'e2ee-unknown': ['reason_e2ee_unknown'],
    'recording-partial': ['reason_recording_partial'],
    'recording-none': ['reason_recording_none'],
    'recording-unknown': ['reason_recording_unknown'],
    'ads-sharing-yes': ['reason_ads_sharing_yes'],
    'ads-sharing-opt-out': ['reason_ads_sharing_opt_out'],
    'ads-sharing-opt-in': ['reason_ads_sharing_opt_in'],
    'ads-sharing-unknown': ['reason_ads_sharing_unknown'],
    'content-licence-yes': ['reason_content_licence_yes'],
    'content-licence-opt-out': ['reason_content_licence_opt_out'],
    'content-licence-opt-in': ['reason_content_licence_opt_in'],
    'content-licence-unknown': ['reason_content_licence_unknown'],
    'ai-training-yes': ['reason_ai_training_yes'],
    'ai-training-opt-out': ['reason_ai_training_opt_out'],
    'ai-training-opt-in': ['reason_ai_training_opt_in'],
    'ai-training-unknown': ['reason_ai_training_unknown'],
    'human-review-yes': ['reason_human_review_yes'],
    'human-review-opt-out': ['reason_human_review_opt_out'],
    'human-review-opt-in': ['reason_human_review_opt_in'],
    'human-review-unknown': ['reason_human_review_unknown'],
    'incident-unresolved': ['reason_incident_unresolved', 'date', 'title'],
    'incident-partial': ['reason_incident_partial', 'date', 'title'],
    rating: ['reason_rating', 'date', 'label', 'rater'],
    'rating-history': ['reason_rating_history_expired', 'date', 'label', 'rater'],
    'open-source-self-hostable': ['reason_open_source_self_hostable'],
  };
  const RATERS = {
    'berlin-dpa-2020': 'popup_rater_berlin_dpa_2020',
    'berlin-dpa-2021': 'popup_rater_berlin_dpa_2021',
    'dutch-dpia': 'popup_rater_dutch_dpia',
    'mozilla-pni': 'popup_rater_mozilla_pni',
  };
  // Inference rule id (src/infer.rs) → the message that says the value is derived and why.
  const DERIVED = {
    'e2ee-all-content': 'derived_e2ee_all_content',
  };

  const own = (object, key) => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);
  const text = (value) => (typeof value === 'string' ? value : '');

  /**
   * @param {{id: string, message: string, params?: Record<string, string>}} finding as the engine returned it
   * @param {(key: string, substitutions?: string[]) => string} getMessage `i18n.getMessage` ('' when missing)
   * @returns {string} the localised text, or the English message when no translation applies (a line naming the
   *   finding's id when the engine sent none)
   */
  function findingText(finding, getMessage) {
    // The extension's engine is built without its English sentences (Cargo feature `english`), so `message` is
    // '' there: a finding this table cannot say still gets a line, never an empty one.
    const fallback = text(finding?.message) || unknownLine('finding_unknown', finding?.id, getMessage);
    const params = finding?.params && typeof finding.params === 'object' ? finding.params : {};
    const variants = own(MESSAGES, text(finding?.id));
    const entry = variants && own(variants, text(own(params, 'variant')));
    if (!entry) return fallback;
    const [key, ...names] = entry;
    // A param missing (an older or newer engine): the English message says it better than a gap would.
    if (names.some((name) => typeof own(params, name) !== 'string')) return fallback;
    // The grade's reasons are the engine's English sentences in `reasons`; `reason_list` has them as ids.
    const localisedReasons = names.includes('reasons') ? reasonsParam(params, getMessage) : null;
    const substitutions = names.map((name) => (name === 'reasons' && localisedReasons ? localisedReasons : own(params, name)));
    const main = getMessage(key, substitutions);
    if (!main) return fallback;
    // `more`, and `also` for a second edit of another kind (a misspelling with two letters swapped and an extra
    // letter): each a sentence of its own.
    const sentences = ['more', 'also']
      .map((name) => own(MORE, text(own(params, name))))
      .map((key) => (key ? getMessage(key) : ''))
      .filter(Boolean);
    return [main, ...sentences].join(' ');
  }

  /**
   * A grade reason in the reader's language.
   * @param {{id: string, reason?: string, params?: Record<string, string>}} reason as src/grade.rs returns it
   * @param {(key: string, substitutions?: string[]) => string} getMessage
   * @returns {string} the localised line, or the English `reason` when no translation applies
   */
  function reasonText(reason, getMessage) {
    const fallback = text(reason?.reason) || unknownLine('reason_unknown', reason?.id, getMessage);
    const params = reason?.params && typeof reason.params === 'object' ? reason.params : {};
    const entry = own(REASONS, text(reason?.id));
    if (!entry) return fallback;
    let [key, ...names] = entry;
    if (reason.id === 'rating-history' && own(params, 'variant') === 'replaced') key = 'reason_rating_history_replaced';
    if (names.some((name) => typeof own(params, name) !== 'string')) return fallback;
    const substitutions = names.map((name) => {
      const value = own(params, name);
      const rater = name === 'rater' ? own(RATERS, value) : undefined;
      return rater ? getMessage(rater) || value : value;
    });
    return getMessage(key, substitutions) || fallback;
  }

  /** The line for a finding or reason with neither a translation nor an English text: its id, said so. */
  function unknownLine(key, id, getMessage) {
    const name = text(id);
    return name ? getMessage(key, [name]) || name : '';
  }

  /** The "derived by rule" note of a fact's `derived = {rule, from}`, or '' when the rule is unknown. */
  function derivedText(derived, getMessage) {
    const key = own(DERIVED, text(derived?.rule));
    return key ? getMessage(key) : '';
  }

  /** The `reason_list` param of a vendor-risk finding (JSON [{id, params}]) said in the reader's language. */
  function reasonsParam(params, getMessage) {
    let list;
    try {
      list = JSON.parse(text(own(params, 'reason_list')));
    } catch {
      return null;
    }
    if (!Array.isArray(list) || list.length === 0 || list.length > 8) return null;
    const said = list.map((reason) => (reason && typeof reason === 'object' ? reasonText({ ...reason, reason: '' }, getMessage) : ''));
    return said.every(Boolean) ? said.join('; ') : null;
  }

  return { findingText, reasonText, derivedText, MESSAGES, MORE, REASONS, RATERS, DERIVED };
})();
