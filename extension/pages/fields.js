// The settings' fields in a person's words: the options page's section titles, which the popup also uses to name
// an organisation's refused field (one name for a field wherever it is shown).

/** Title and help of each field, as message names. */
export const FIELD_TEXT = {
  approved_vendors: ['options_approved_title', 'options_approved_help'],
  blocked_vendors: ['options_blocked_title', 'options_blocked_help'],
  self_hosted: ['options_self_hosted_title', 'options_self_hosted_help'],
  public_sites: ['options_public_sites_title', 'options_public_sites_help'],
  sign_in_hosts: ['options_sign_in_hosts_title', 'options_sign_in_hosts_help'],
  disabled_findings: ['options_findings_title', 'options_findings_help'],
};

/** A field's title, as message name, or null for a field added to the engine without one (shown by its id). */
export const fieldTitleKey = (field) => FIELD_TEXT[field]?.[0] ?? null;
