//! Page signals → findings: the URL's own assessment plus what the page shows (third-party sign-in buttons and
//! identity SDKs, a missing privacy-policy link, a recording without a consent notice, a vendor's login imitated
//! on someone else's host), merged and sorted by severity.

use std::cmp::Reverse;

use serde::Serialize;
use url::Url;

use crate::assess::{Assessment, Engine, Finding, Severity};
use crate::classify::{Kind, UrlClass};
use crate::page::account::{accounts, copied, is_account_host, Copied};
use crate::page::idp::{detect, parse_src, Detection, Evidence};
use crate::page::words::{
    cap, has_word, normalise, runs, squash, AGREE_STEMS, CHAT_RECORDING_ACTIONS, CONSENT_STEMS,
    LOGIN_WORDS, NOT_LOGIN_SUBMIT, PRIVACY_HREF, PRIVACY_TEXT, RECORDING_LABELS,
    RECORDING_NEGATIONS, RECORDING_PHRASES, RECORD_STEMS,
};
use crate::page::{
    Form, PageSignals, MAX_BUTTONS, MAX_FIELDS, MAX_FIELD_NAME, MAX_FORMS, MAX_HEADINGS,
    MAX_IMG_ALTS, MAX_LINKS, MAX_NOTICE, MAX_NOTICES, MAX_SRC, MAX_TEXT, MAX_URL,
};
use crate::rules::shape::is_within;
use crate::rules::{IdentityProvider, Knowable, RecordingNotice, Vendor};

/// The assessment of a page: its URL's assessment (flattened: `url`, `vendor`, `kind`, …, `findings`) with the
/// page's findings merged in, and the identity providers seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageAssessment {
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Identity providers whose sign-in shows on a vendor's join or login page, in a fixed order.
    pub identity_providers: Vec<DetectedProvider>,
    /// The description was cut at a cap: findings about something missing were not raised.
    pub truncated: bool,
    /// A recording indicator seen on a vendor's join, web-client or webinar page, with or without a consent
    /// notice (the extension warns in both cases, in different words); null when there is none.
    pub recording: Option<RecordingSeen>,
}

/// A recording in progress on a meeting page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordingSeen {
    /// The indicator's text as shown (whitespace collapsed, at most 80 characters).
    pub indicator: String,
    /// Whether a notice or button on the page asks for consent to be recorded.
    pub consent_notice: bool,
}

/// One identity provider seen on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetectedProvider {
    pub provider: IdentityProvider,
    pub name: &'static str,
    /// How its sign-in shows (`button`, `oauth-link`, `sign-in-link`, `button-frame`); null when only its
    /// script or frame loads.
    pub shown_as: Option<&'static str>,
    /// Host its SDK script or frame loads from, if any.
    pub sdk_host: Option<String>,
    pub learns: &'static str,
}

/// Sign-in hosts of identity providers and single-sign-on services (with their subdomains): their pages name
/// the service you sign in to ("to continue to Zoom") next to a password field, which is not phishing. Only
/// the sign-in hosts of companies that also host user content (`sites.google.com`, SharePoint) are listed.
/// Microsoft's account sign-in hosts are the vendor database's (`[domains.account]`, `page::account`).
const SSO_HOSTS: &[&str] = &[
    "accounts.google.com",
    "facebook.com",
    "appleid.apple.com",
    "idmsa.apple.com",
    "b2clogin.com",
    "linkedin.com",
    "github.com",
    "twitter.com",
    "x.com",
    "amazon.com",
    "okta.com",
    "oktapreview.com",
    "okta-emea.com",
    "auth0.com",
    "onelogin.com",
    "duosecurity.com",
    "pingone.com",
    "pingone.eu",
    "pingidentity.com",
    "jumpcloud.com",
    "cloudflareaccess.com",
];

/// Paths of an organisation's own sign-on (Shibboleth, ADFS, CAS, Keycloak, SimpleSAMLphp): a university's
/// login page shows "Log in to Zoom" and even Zoom's logo (SAML metadata carries it) on its own host.
const SSO_PATHS: &[&str] = &[
    "/idp/",
    "/adfs/",
    "/saml",
    "/sso",
    "/cas/login",
    "/oauth",
    "/oidc",
    "/openid",
    "/auth/realms/",
    "/simplesaml",
    "/shibboleth",
];

/// Query parameters of a sign-on flow in progress. A phishing page could add one to its address to pass for a
/// sign-on page; a false alarm on every university's login would cost more trust than that loses.
const SSO_PARAMS: &[&str] = &["samlrequest", "relaystate", "sigalg", "client_id"];

/// Texts longer than this are sentences, not a page's name for itself ("Sign in to Zoom").
const MAX_BRAND_PLACE: usize = 80;

impl Engine<'_> {
    /// Assesses a page from its signals: the URL's assessment (as `assess_url`; a URL that cannot be checked,
    /// such as a `file:` page, counts as no vendor) plus the page's findings, under the policy.
    pub fn assess_page(&self, signals: &PageSignals) -> PageAssessment {
        let url: String = signals.url.trim().chars().take(MAX_URL).collect();
        let mut assessment = self
            .assess_url(&url)
            .unwrap_or_else(|_| self.assessment(&url, &unclassified(&url)));
        // A host with labels that are not punycode is the text Chromium opens: the URL with stand-ins for them
        // (for its path, and as the base of the page's links), the host as written.
        let (page_url, written) = match Url::parse(&url) {
            Ok(page_url) => (Some(page_url), None),
            Err(refused) => crate::classify::stand_in_parse(&url, refused, Url::parse)
                .map_or((None, None), |(page_url, written)| {
                    (Some(page_url), Some(written))
                }),
        };
        let host = written
            .as_deref()
            .or_else(|| page_url.as_ref().and_then(Url::host_str))
            .unwrap_or("")
            .trim_end_matches('.')
            .to_ascii_lowercase();

        let mut findings = Vec::new();
        let mut identity_providers = Vec::new();
        let mut recording = None;
        let vendor = assessment
            .vendor
            .as_deref()
            .and_then(|id| self.db().get(id))
            .map(|i| &self.db().entry(i).vendor);
        match vendor {
            Some(vendor) => {
                // A host that only a `self_hosted` entry makes the vendor's: the entry vouches for its own
                // self-hostable vendor's sign-in, never for an imitation of another's (as for
                // `lookalike-domain`, `Classifier`); `phishing-login` is always shown.
                if self.db().vendor_of_host(&host).is_none()
                    && self.policy.self_hosted_vendor(&host).is_some()
                {
                    let own = vendor.is_self_hostable().then_some(vendor);
                    if let Some(finding) =
                        self.phishing_login(signals, &host, page_url.as_ref(), own)
                    {
                        findings.push(finding);
                    }
                }
                let kind = assessment.kind;
                let password = forms(signals).any(|f| f.has_password);
                if kind.is_meeting_page() || password {
                    let login_page = kind == Kind::Login || password;
                    let detections = detect(signals, page_url.as_ref(), login_page);
                    identity_findings(vendor, &detections, &mut findings);
                    identity_providers = detections.iter().map(described).collect();
                }
                if matches!(kind, Kind::Join | Kind::Login | Kind::Webinar)
                    && lacks_privacy_link(signals)
                {
                    let (variant, words) = kind_words(kind);
                    findings.push(
                        Finding::new(
                            "no-privacy-link",
                            Severity::Caution,
                            english!(
                                "This {words} page has no link to a privacy policy: check how {} handles your data before you sign in or join.",
                                vendor.name
                            ),
                        )
                        .with("variant", variant)
                        .with("vendor", vendor.name.as_str()),
                    );
                }
                if matches!(kind, Kind::Join | Kind::WebClient | Kind::Webinar) {
                    recording = recording_seen(signals);
                    if let Some(seen) = recording.as_ref() {
                        // Without a consent notice, say so only when the page was seen whole.
                        if !seen.consent_notice && signals.complete() {
                            findings.push(recording_finding(vendor, &seen.indicator));
                        }
                    }
                }
            }
            None if assessment.lookalike_of.is_none() => {
                // A lookalike host already has its danger finding (`lookalike-domain`); this is for imitation
                // on hosts that look like nothing in particular.
                if let Some(finding) = self.phishing_login(signals, &host, page_url.as_ref(), None)
                {
                    findings.push(finding);
                }
            }
            None => {}
        }

        findings.retain(|f| self.policy.shows(f.id));
        assessment.findings.extend(findings);
        crate::sort::sort_by_key(&mut assessment.findings, |f| Reverse(f.severity));
        PageAssessment {
            assessment,
            identity_providers,
            truncated: !signals.complete(),
            recording,
        }
    }

    /// A vendor's name and sign-in wording around a password field on a host no vendor owns; `own`, the vendor
    /// whose self-hosted server the host is, is not taken for imitated.
    fn phishing_login(
        &self,
        signals: &PageSignals,
        host: &str,
        url: Option<&Url>,
        own: Option<&Vendor>,
    ) -> Option<Finding> {
        let all = || self.db().entries.iter().map(|e| &e.vendor);
        let vendors = || all().filter(move |v| own.is_none_or(|own| own.id != v.id));
        // The organisation's own sign-in hosts (`sign_in_hosts`): Microsoft's sign-in served on its custom
        // domain (Entra External ID, Azure AD B2C), its single sign-on, which no list here can know.
        if SSO_HOSTS.iter().any(|d| is_within(host, d))
            || is_account_host(all(), host)
            || self.policy.is_sign_in_host(host)
            || url.is_some_and(is_sign_on_flow)
        {
            return None;
        }
        // Plain loops into vectors here and below, not `collect`s of adapter chains: each chain was its own
        // copy of the adapters and of `Vec`'s collect in the wasm engine, for code that runs once a page
        // (docs/size.md, session 40).
        let mut login_forms: Vec<&Form> = Vec::new();
        for form in forms(signals) {
            if is_login_form(form) {
                login_forms.push(form);
            }
        }
        if login_forms.is_empty() {
            return None;
        }
        // A copy of the maker's account sign-in (Microsoft's, for Teams) names no vendor: recognised apart.
        for (vendor, account) in accounts(vendors()) {
            if let Some(copy) = copied(account, signals, url) {
                return Some(account_finding(vendor, account, &copy, host, url));
            }
        }
        let title = squash(&signals.title, MAX_TEXT);
        let headings = squashed(&signals.headings, MAX_HEADINGS);
        let mut submits = Vec::with_capacity(login_forms.len());
        for form in &login_forms {
            submits.push(squash(&form.submit, MAX_TEXT));
        }
        let alts = squashed(&signals.img_alts, MAX_IMG_ALTS);
        let login = |text: &str| LOGIN_WORDS.has_word(&text.to_lowercase());
        // The page's own words: title, headings and the login form's submit button (not links, where a blog's
        // "Log in" sits in every header).
        let mut named: Vec<&String> = Vec::with_capacity(1 + headings.len() + submits.len());
        named.push(&title);
        for text in headings.iter().chain(&submits) {
            named.push(text);
        }
        let action_login = login_forms.iter().any(|f| {
            parse_src(&f.action, url)
                .is_some_and(|a| LOGIN_WORDS.has_word(&a.path().to_ascii_lowercase()))
        });
        let login_in_words = named.iter().any(|t| login(t));
        if !login_in_words && !action_login {
            return None;
        }

        // One pass over the page's words per vendor rules most vendors out before the finer checks.
        let mut all_words = String::new();
        for (i, text) in named.iter().copied().chain(&alts).enumerate() {
            if i > 0 {
                all_words.push('\n');
            }
            all_words.push_str(text);
        }
        all_words.make_ascii_lowercase();
        for vendor in vendors() {
            if !all_words.contains(&vendor.name.to_ascii_lowercase()) {
                continue;
            }
            let brand = |text: &str| brand_in(text, &vendor.name);
            // "Sign in to Zoom", "Zoom - Sign In": the brand and the sign-in in one short text.
            let together = named
                .iter()
                .any(|t| t.chars().count() <= MAX_BRAND_PLACE && brand(t) && login(t));
            // The vendor's logo above a sign-in form.
            let logo = alts
                .iter()
                .any(|a| a.chars().count() <= MAX_BRAND_PLACE && brand(a))
                && login_in_words;
            // A title that is the vendor's name and nothing else ("Discord") above a form whose submit says
            // sign in: how a tool's copy of the vendor's page names it. Only the whole title: an app of its
            // own that shares a word with a vendor ("US Signal", "Zoom Photography") titles itself longer.
            // Only a distinctive name (one of the vendor's brand terms: not Daily, Gather, Signal, Wire), and
            // not a vendor organisations run themselves: a self-hosted Element or BigBlueButton front end
            // titles its own sign-in page with the product's name on the organisation's host.
            let distinctive = vendor
                .brand_terms
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&vendor.name));
            let titled = distinctive
                && !vendor.is_self_hostable()
                && (title == vendor.name || title == vendor.name.to_ascii_uppercase())
                && submits.iter().any(|s| login(s));
            if together || logo || titled {
                let (variant, place) = placed(host, url);
                let official = vendor.domains.official.join(", ");
                return Some(
                    Finding::new(
                        "phishing-login",
                        Severity::Danger,
                        english!(
                            "This page looks like {name}'s sign-in and asks for a password, but {place} is not one of {name}'s sites ({official}). Do not enter your password here.",
                            name = vendor.name,
                        ),
                    )
                    .with("variant", variant)
                    .with("vendor", vendor.name.as_str())
                    .with("host", host)
                    .with("official", official),
                );
            }
        }
        None
    }
}

/// Where the page is, as a message variant and in English words: its host, a local file or a page without one.
fn placed(host: &str, url: Option<&Url>) -> (&'static str, String) {
    match url.map(Url::scheme) {
        Some("file") => ("file", "this local file".to_string()),
        _ if host.is_empty() => ("page", "this page".to_string()),
        _ => ("host", host.to_string()),
    }
}

/// `phishing-login` for a copy of the maker's account sign-in: which account, which vendor it signs in to, the
/// page's words that show it, and where that sign-in really is.
fn account_finding(
    vendor: &Vendor,
    account: &crate::rules::Account,
    copy: &Copied,
    host: &str,
    url: Option<&Url>,
) -> Finding {
    let (variant, place) = placed(host, url);
    let official = account.hosts.join(", ");
    let seen = copy
        .seen
        .iter()
        .map(|t| format!("\u{201c}{t}\u{201d}"))
        .collect::<Vec<_>>()
        .join(", ");
    Finding::new(
        "phishing-login",
        Severity::Danger,
        english!(
            "This page pretends to be the {owner} account sign-in, which {vendor} uses: it shows {seen} and asks for your password, but {place} is not one of {owner}'s sign-in sites ({official}). Do not enter your password here.",
            vendor = vendor.name,
            owner = account.owner,
        ),
    )
    .with("variant", format!("account-{variant}"))
    .with("vendor", vendor.name.as_str())
    .with("account", account.name.as_str())
    .with("owner", account.owner.as_str())
    .with("seen", seen)
    .with("host", host)
    .with("official", official)
}

/// The assessment input for a URL that cannot be checked (`file:`, `about:`, garbage): no vendor, no kind.
fn unclassified(url: &str) -> UrlClass<'_> {
    UrlClass::plain(url, "")
}

fn forms(signals: &PageSignals) -> impl Iterator<Item = &Form> {
    signals.forms.iter().take(MAX_FORMS)
}

/// The first `max` of `texts`, each squashed (`squash`) to at most `MAX_TEXT` characters.
fn squashed(texts: &[String], max: usize) -> Vec<String> {
    let texts = &texts[..texts.len().min(max)];
    let mut out = Vec::with_capacity(texts.len());
    for text in texts {
        out.push(squash(text, MAX_TEXT));
    }
    out
}

/// The kind of page as a message variant and in English words.
fn kind_words(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Login => ("login", "sign-in"),
        Kind::Webinar => ("webinar", "webinar"),
        _ => ("join", "join"),
    }
}

fn described(d: &Detection) -> DetectedProvider {
    DetectedProvider {
        provider: d.provider.id,
        name: d.provider.name,
        shown_as: d.button.as_ref().map(Evidence::kind),
        sdk_host: d.sdk_host.clone(),
        learns: d.provider.learns,
    }
}

/// `third-party-login` for each provider with a visible sign-in; `identity-sdk` for one whose code loads
/// without any. The SDK weighs less when the vendor documents that provider (its button may come later, in a
/// dialog) than when it does not.
fn identity_findings(vendor: &Vendor, detections: &[Detection], findings: &mut Vec<Finding>) {
    let declared = &vendor.identity_providers.value;
    for d in detections {
        let name = d.provider.name;
        match (&d.button, &d.sdk_host) {
            (Some(_), sdk) => {
                let also = sdk
                    .as_ref()
                    .map(|host| english!(" Its sign-in code loads from {host} with the page, so {name} knows this browser opened it even if you do not use the button."))
                    .unwrap_or_default();
                let mut finding = Finding::new(
                    "third-party-login",
                    Severity::Caution,
                    english!(
                        "This page offers to sign in with {name}. {}{also}",
                        d.provider.learns
                    ),
                )
                .with("provider", name)
                .with("more", learns_key(d));
                if let Some(host) = sdk {
                    finding = finding
                        .with("variant", "sdk")
                        .with("sdk_host", host.as_str());
                }
                findings.push(finding);
            }
            (None, Some(host)) => {
                let documented = declared.contains(&d.provider.id);
                let variant = if documented {
                    "documented"
                } else if declared.is_unknown() {
                    "unknown"
                } else {
                    "undocumented"
                };
                let why = if documented {
                    english!(
                        " {} offers {name} sign-in; the button may appear later.",
                        vendor.name
                    )
                } else if declared.is_unknown() {
                    String::new()
                } else {
                    english!(
                        " {name} is not among {}'s documented sign-in options.",
                        vendor.name
                    )
                };
                findings.push(
                    Finding::new(
                        "identity-sdk",
                        if documented { Severity::Info } else { Severity::Caution },
                        english!(
                            "This page loads {name}'s sign-in code from {host} without showing a {name} button: {name} can see that this browser opened the page, whether or not anyone signs in.{why}"
                        ),
                    )
                    .with("variant", variant)
                    .with("provider", name)
                    .with("host", host.as_str())
                    .with("vendor", vendor.name.as_str()),
                );
            }
            (None, None) => {}
        }
    }
}

/// A password form that is a sign-in: one password field, no `new-password` (that is a sign-up), and a submit
/// button that does not say it does something else (subscribe, register, search).
fn is_login_form(form: &Form) -> bool {
    let fields = &form.fields[..form.fields.len().min(MAX_FIELDS)];
    let passwords = fields
        .iter()
        .filter(|f| f.kind.eq_ignore_ascii_case("password"))
        .count();
    let sign_up = passwords > 1
        || fields.iter().any(|f| {
            cap(&f.autocomplete, MAX_FIELD_NAME)
                .to_ascii_lowercase()
                .contains("new-password")
        });
    let submit = normalise(&form.submit, MAX_TEXT);
    let submit_fits = LOGIN_WORDS.has_word(&submit) || !NOT_LOGIN_SUBMIT.has_word(&submit);
    form.has_password && !sign_up && submit_fits
}

/// The vendor's name as a whole word, as the vendor writes it or in capitals: "Zoom" and "ZOOM", not the verb
/// "zoom" nor "Zoomcar".
fn brand_in(text: &str, name: &str) -> bool {
    has_word(text, name) || has_word(text, &name.to_ascii_uppercase())
}

fn is_sign_on_flow(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    SSO_PATHS.iter().any(|p| path.contains(p))
        || url
            .query_pairs()
            .any(|(k, _)| SSO_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
}

/// No link names a privacy policy, on a page seen whole, at the top level (a framed page's privacy link may be
/// in the page around it), once something has rendered (a page still loading has no links yet).
fn lacks_privacy_link(signals: &PageSignals) -> bool {
    if !signals.complete()
        || !signals.frame_hosts.is_empty()
        || (signals.links.is_empty() && signals.buttons.is_empty())
    {
        return false;
    }
    !signals.links.iter().take(MAX_LINKS).any(|link| {
        PRIVACY_TEXT.has_stem(&normalise(&link.text, MAX_TEXT))
            || PRIVACY_TEXT.has_stem(&normalise(&link.aria_label, MAX_TEXT))
            || PRIVACY_HREF.has_stem(cap(&link.href, MAX_SRC))
    })
}

/// The first recording indicator among the page's notices, and whether a notice or button asks for consent.
fn recording_seen(signals: &PageSignals) -> Option<RecordingSeen> {
    let notices: Vec<(String, &String)> = signals
        .notices
        .iter()
        .take(MAX_NOTICES)
        .map(|n| (normalise(n, MAX_NOTICE), n))
        .collect();
    let indicator = notices.iter().find(|(n, _)| is_recording_indicator(n))?;
    let consent = notices.iter().any(|(n, _)| is_consent(n))
        || signals.buttons.iter().take(MAX_BUTTONS).any(|b| {
            is_consent(&normalise(&b.text, MAX_TEXT))
                || is_consent(&normalise(&b.aria_label, MAX_TEXT))
        });
    Some(RecordingSeen {
        indicator: squash(indicator.1, 80),
        consent_notice: consent,
    })
}

fn is_recording_indicator(notice: &str) -> bool {
    if RECORDING_NEGATIONS.has_word(notice) || CHAT_RECORDING_ACTIONS.has_word(notice) {
        return false;
    }
    // "● REC 00:12:31", "Recording…": the label alone, once symbols, dots and a timer are dropped.
    let letters = runs(notice, char::is_alphabetic);
    RECORDING_LABELS
        .words()
        .contains(&letters.join(" ").as_str())
        || RECORDING_PHRASES.has_word(notice)
}

fn is_consent(text: &str) -> bool {
    CONSENT_STEMS.has_stem(text) || (AGREE_STEMS.has_stem(text) && RECORD_STEMS.has_stem(text))
}

fn recording_finding(vendor: &Vendor, indicator: &str) -> Finding {
    let (variant, usual) = match vendor.recording_notice.value {
        RecordingNotice::Shown => (
            "shown",
            english!(
                " {} normally shows one when a recording starts; if you did not see it, ask the host.",
                vendor.name
            ),
        ),
        RecordingNotice::None => (
            "none",
            english!(
                " {} does not show one by itself: the host has to ask.",
                vendor.name
            ),
        ),
        _ => ("unknown", String::new()),
    };
    Finding::new(
        "recording-without-notice",
        Severity::Warning,
        english!(
            "A recording is in progress (\u{201c}{indicator}\u{201d}) but no consent notice is shown: the people on camera should be told and agree before they are recorded.{usual}"
        ),
    )
    .with("variant", variant)
    .with("indicator", indicator)
    .with("vendor", vendor.name.as_str())
}

/// The shared sentence on what an identity provider learns: `finding_learns_<provider>` in the locales.
fn learns_key(d: &Detection) -> String {
    format!("learns_{}", provider_key(d.provider.id))
}

/// An identity provider's id as a locale-key fragment (`x-twitter` → `x_twitter`).
fn provider_key(id: IdentityProvider) -> String {
    crate::json::to_string(&id)
        .map(|text| text.trim_matches('"').replace('-', "_"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Field;

    fn form(submit: &str, fields: &[(&str, &str)]) -> Form {
        Form {
            action: String::new(),
            has_password: fields.iter().any(|(k, _)| *k == "password"),
            fields: fields
                .iter()
                .map(|(k, a)| Field {
                    kind: k.to_string(),
                    name: String::new(),
                    autocomplete: a.to_string(),
                    placeholder: String::new(),
                })
                .collect(),
            submit: submit.to_string(),
        }
    }

    #[test]
    fn login_forms_and_others() {
        assert!(is_login_form(&form(
            "Sign In",
            &[("email", "username"), ("password", "current-password")]
        )));
        assert!(is_login_form(&form("Next", &[("password", "")])));
        assert!(is_login_form(&form(
            "Anmelden",
            &[("text", ""), ("password", "")]
        )));
        assert!(!is_login_form(&form(
            "Subscribe",
            &[("email", ""), ("password", "")]
        )));
        assert!(!is_login_form(&form(
            "Create account",
            &[("email", ""), ("password", "")]
        )));
        assert!(!is_login_form(&form("", &[("password", "new-password")])));
        assert!(!is_login_form(&form(
            "",
            &[("password", ""), ("password", "")]
        )));
        assert!(!is_login_form(&form("Sign in", &[("email", "")])));
    }

    #[test]
    fn recording_indicators() {
        for text in [
            "● REC 00:12:31",
            "Recording…",
            "This meeting is being recorded",
            "Diese Besprechung wird aufgezeichnet",
            "Aufzeichnung",
            "Enregistrement en cours",
            "Cette réunion est enregistrée",
            "Se está grabando",
            "Registrazione in corso",
        ] {
            assert!(is_recording_indicator(&normalise(text, 300)), "{text}");
        }
        for text in [
            "Recording stopped",
            "Aufzeichnung beendet",
            "This meeting will be recorded",
            "Cloud recording settings",
            "Enregistrement arrêté",
            "Learn about recording and privacy",
        ] {
            assert!(!is_recording_indicator(&normalise(text, 300)), "{text}");
        }
    }

    #[test]
    fn a_chat_status_about_a_voice_or_video_message_is_no_recording_notice() {
        // Telegram Web's and WhatsApp Web's status line while a contact records a message to send: the session is
        // not recorded (review of session 48, finding 4). Real notices still count (`recording_indicators`).
        for text in [
            "Alice is recording a voice message",
            "Alice is recording a video message",
            "Alice is recording a video",
            "Alice is recording voice…",
            "Bob is recording audio...",
            "Alice está grabando audio…",
            "Alice está grabando un mensaje de voz",
        ] {
            assert!(!is_recording_indicator(&normalise(text, 300)), "{text}");
        }
        for text in [
            "Alice is recording",
            "This call is being recorded",
            "Recording has started",
        ] {
            assert!(is_recording_indicator(&normalise(text, 300)), "{text}");
        }
    }

    #[test]
    fn consent_notices() {
        assert!(is_consent(&normalise(
            "This meeting is being recorded. By continuing to be in the meeting, you are consenting to be recorded.",
            300
        )));
        assert!(is_consent(&normalise(
            "Mit der Teilnahme erteilen Sie Ihre Einwilligung",
            300
        )));
        assert!(is_consent(&normalise(
            "En restant, vous acceptez d'être enregistré",
            300
        )));
        assert!(!is_consent(&normalise("Accept cookies", 300)));
        assert!(!is_consent(&normalise("Recording", 300)));
    }

    #[test]
    fn brands_match_as_written() {
        assert!(brand_in("Sign In | Zoom", "Zoom"));
        assert!(brand_in("ZOOM LOGIN", "Zoom"));
        assert!(!brand_in("zoom in on the map", "Zoom"));
        assert!(!brand_in("Zoomcar - Login", "Zoom"));
        assert!(brand_in(
            "Microsoft\u{a0}Teams sign in"
                .replace('\u{a0}', " ")
                .as_str(),
            "Microsoft Teams"
        ));
    }

    #[test]
    fn sign_on_flows() {
        for url in [
            "https://idp.university.example/idp/profile/SAML2/Redirect/SSO?execution=e1s1",
            "https://sts.corp.example/adfs/ls/?SAMLRequest=abc",
            "https://login.corp.example/auth/realms/staff/protocol/openid-connect/auth?client_id=zoom",
            "https://cas.school.example/cas/login?service=https%3A%2F%2Fzoom.us",
        ] {
            assert!(is_sign_on_flow(&Url::parse(url).unwrap()), "{url}");
        }
        assert!(!is_sign_on_flow(
            &Url::parse("https://secure-login-portal.example/account/verify").unwrap()
        ));
    }
}
