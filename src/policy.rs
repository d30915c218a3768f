//! Organisation and user settings: approved, blocked and self-hosted vendors, findings turned off, public sites
//! and the organisation's own sign-in hosts; parsed from JSON (options page, managed storage, CLI `--policy`) and
//! validated against the database.

use serde::{Deserialize, Serialize};

use crate::db::{Database, VendorIndex};
use crate::rules::shape::{is_within, HostPattern, Unexplained};

/// A self-hosted deployment of a self-hostable vendor (`bbb.example.edu` as BigBlueButton): a vendor whose
/// `self_hostable` fact is `no` is refused (`Settings::resolve`). It makes the host that vendor's, never quiets
/// a lookalike of another vendor or of one that is not self-hostable (`Classifier`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfHosted {
    /// A host; it covers its subdomains too.
    pub host: String,
    /// The vendor id whose software it runs.
    pub vendor: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Vendors the organisation approves; when non-empty, any other vendor is "not approved".
    pub approved_vendors: Vec<String>,
    /// Vendors the organisation forbids.
    pub blocked_vendors: Vec<String>,
    pub self_hosted: Vec<SelfHosted>,
    /// Finding ids not to show (`HIDEABLE`, e.g. `vendor-risk`). Those of `NEVER_HIDDEN` (`lookalike-domain`,
    /// `part-not-read`) cannot be turned off: `resolve` refuses them, as it does an id it does not know.
    pub disabled_findings: Vec<String>,
    /// Sites where what is posted is public (social networks, forums): meeting credentials in their pages
    /// and composers are flagged. Hosts, each covering its subdomains; empty means `DEFAULT_PUBLIC_SITES`.
    pub public_sites: Vec<String>,
    /// Hosts where the organisation's own sign-in pages are served (a Microsoft Entra External ID or Azure AD
    /// B2C custom domain, its own single sign-on), each covering its subdomains: no `phishing-login` there.
    /// `lookalike-domain` is not affected: see `Policy::is_sign_in_host`.
    pub sign_in_hosts: Vec<String>,
}

/// Where posts are public by default: social networks, forums and public chat servers. A site's own
/// subdomains count too (`old.reddit.com`, `m.facebook.com`).
pub const DEFAULT_PUBLIC_SITES: &[&str] = &[
    "x.com",
    "twitter.com",
    "facebook.com",
    "instagram.com",
    "threads.net",
    "linkedin.com",
    "reddit.com",
    "mastodon.social",
    "bsky.app",
    "tiktok.com",
    "youtube.com",
    "tumblr.com",
    "pinterest.com",
    "quora.com",
    "medium.com",
    "stackoverflow.com",
    "stackexchange.com",
    "news.ycombinator.com",
    "github.com",
    "discord.com",
    "t.me",
    "telegram.me",
    "vk.com",
];

/// Settings resolved against a database: vendor ids turned into indexes.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub approved: Vec<VendorIndex>,
    pub blocked: Vec<VendorIndex>,
    pub self_hosted: Vec<(String, VendorIndex)>,
    pub disabled_findings: Vec<String>,
    /// Public sites, validated and lower-cased; empty means `DEFAULT_PUBLIC_SITES`.
    pub public_sites: Vec<String>,
    /// The organisation's sign-in hosts, validated and lower-cased.
    pub sign_in_hosts: Vec<String>,
}

/// Every finding id that no setting can hide: they protect against fraud, or say what a scan did not read, rather
/// than inform about risk. `Settings::resolve` refuses them in `disabled_findings` as always shown, and the
/// extension gets them all (`alwaysShownFindings`). One list, cut in two below. tests/finding_ids.rs keeps these,
/// `HIDEABLE` and the engine's ids the same set, and README's lists the same as these.
pub const NEVER_HIDDEN: &[&str] = &[
    "lookalike-domain",
    "phishing-login",
    "blocked-vendor",
    "lookalike-link",
    "part-not-read",
];

/// Where `NEVER_HIDDEN` is cut: its first ids are the assessment's (`ALWAYS_SHOWN`), the rest the scan's
/// (`SHOWN_BY_SCAN`). tests/finding_ids.rs checks each half against the source that gives its ids, so a cut
/// one place off, or an id added on the wrong side, fails there.
const ASSESSMENT_IDS_NEVER_HIDDEN: usize = 3;

/// The ids of `NEVER_HIDDEN` that `Policy::shows`, which every finding goes through, reads: the assessment's.
pub const ALWAYS_SHOWN: &[&str] = NEVER_HIDDEN.split_at(ASSESSMENT_IDS_NEVER_HIDDEN).0;

/// The scan's ids of `NEVER_HIDDEN`, which never reach `Policy::shows` (so that it reads three ids, not five):
/// `lookalike-link`, the text's counterpart of `lookalike-domain`, which the scan lets past the filter itself
/// (`text::scan`), and `part-not-read`, a part the scan could not read, added after the filter
/// (`text::Scanner::scan_read`): a scan that did not read something must say so (it was hideable until session
/// 43, though hiding it never hid anything, since the scan never filtered it).
pub const SHOWN_BY_SCAN: &[&str] = NEVER_HIDDEN.split_at(ASSESSMENT_IDS_NEVER_HIDDEN).1;

/// Finding ids a setting may hide: every other id the engine gives, of an assessment (`Finding`) or a scan
/// (`ScanFinding`). `Settings::resolve` refuses any other id, listing these: a typo would otherwise hide
/// nothing, silently.
pub const HIDEABLE: &[&str] = &[
    "suspicious-url",
    "unapproved-vendor",
    "retired-service",
    "embedded-secret",
    "credentials-exposed",
    "third-party-login",
    "identity-sdk",
    "no-privacy-link",
    "recording-without-notice",
    "vendor-risk",
    "meeting-link",
];

impl Settings {
    /// Parses settings JSON; errors name the field and say how to fix it.
    pub fn from_json(text: &str) -> Result<Settings, String> {
        // Settings are only ever an object; the engine's JSON reader refuses any other value too (src/json.rs), but
        // this message names the fields.
        if !text.trim_start().starts_with('{') {
            return Err("settings: expected a JSON object `{ ... }` with the fields approved_vendors, blocked_vendors, self_hosted, disabled_findings, public_sites, sign_in_hosts".into());
        }
        crate::json::from_str(text).map_err(|e| {
            format!("settings, line {} column {}: {} (fields: approved_vendors, blocked_vendors, self_hosted [{{host, vendor}}], disabled_findings, public_sites, sign_in_hosts)", e.line, e.column, in_words(&e.message))
        })
    }

    /// Resolves vendor ids and hosts against a database; every unknown id or bad host is reported.
    pub fn resolve(&self, db: &Database) -> Result<Policy, Vec<String>> {
        let mut errors = Vec::new();
        // A loop, not a `filter_map` chain's `collect` (its own copy of the adapters and of `Vec`'s collect in
        // the wasm engine, for code that runs once a settings change: docs/size.md, session 40).
        let mut ids = |field: &str, list: &[String]| -> Vec<VendorIndex> {
            let mut found = Vec::with_capacity(list.len());
            for (i, id) in list.iter().enumerate() {
                match db.get(id) {
                    Some(index) => found.push(index),
                    None => errors.push(format!("{field}[{i}]: unknown vendor id `{id}` (ids are kebab-case, e.g. `zoom`, `teams`, `jitsi`)")),
                }
            }
            found
        };
        let approved = ids("approved_vendors", &self.approved_vendors);
        let blocked = ids("blocked_vendors", &self.blocked_vendors);
        let mut self_hosted = Vec::new();
        for (i, entry) in self.self_hosted.iter().enumerate() {
            let host = match one_host(&format!("self_hosted[{i}].host"), &entry.host) {
                Ok(host) => host,
                Err(problem) => {
                    errors.push(problem);
                    continue;
                }
            };
            match db.get(&entry.vendor) {
                Some(index) => match not_self_hostable(db, index) {
                    Some(why) => errors.push(format!("self_hosted[{i}].vendor: {why}")),
                    None => self_hosted.push((host, index)),
                },
                None => errors.push(format!(
                    "self_hosted[{i}].vendor: unknown vendor id `{}`",
                    entry.vendor
                )),
            }
        }
        for (i, id) in self.disabled_findings.iter().enumerate() {
            let id = id.as_str();
            if HIDEABLE.contains(&id) {
                continue;
            }
            let why = if NEVER_HIDDEN.contains(&id) {
                "is always shown and cannot be disabled".to_string()
            } else {
                format!(
                    "is not a finding id that can be disabled; these are: {}",
                    HIDEABLE.join(", ")
                )
            };
            errors.push(format!("disabled_findings[{i}]: `{id}` {why}"));
        }
        let public_sites = hosts("public_sites", &self.public_sites, &mut errors, |_| None);
        let sign_in_hosts = hosts("sign_in_hosts", &self.sign_in_hosts, &mut errors, |host| {
            // A public suffix (`com`, `co.uk`, `azurewebsites.net`) is where anyone can register or rent a
            // host: one entry would quiet imitated sign-ins on all of them.
            crate::psl::domain_str(host).is_none().then(|| format!(
                "`{host}` is a public suffix, under which anyone can get a host; list your organisation's own host (e.g. `login.contoso.com` or `contoso.com`)"
            ))
        });
        if errors.is_empty() {
            Ok(Policy {
                approved,
                blocked,
                self_hosted,
                disabled_findings: self.disabled_findings.clone(),
                public_sites,
                sign_in_hosts,
            })
        } else {
            Err(errors)
        }
    }
}

/// serde's names of the settings' types (`expected a sequence`, `expected struct SelfHosted`) in the words of
/// whoever writes the file.
fn in_words(message: &str) -> String {
    let (found, words) = if let Some(found) = message.strip_suffix("a sequence") {
        (found, r#"a list in square brackets, like ["…"]"#)
    } else if let Some(found) = message.strip_suffix("struct SelfHosted") {
        (
            found,
            r#"an object like {"host": "bbb.example.edu", "vendor": "bigbluebutton"}"#,
        )
    } else {
        return message.into();
    };
    format!("{found}{words}")
}

/// Why a `self_hosted` entry may not name the vendor: its `self_hostable` fact is `no` (no organisation runs
/// it on its own server, so a host listed as it can only be a mistake or a lookalike someone was talked into
/// listing). `unknown` (no source either way) is accepted: refusing it would refuse a whole field of an
/// organisation's policy over a gap in the database, and it grants no silence on a guess, because a
/// `self_hosted` entry quiets a lookalike only of a vendor whose `self_hostable` is `yes` (`Classifier`).
fn not_self_hostable(db: &Database, index: VendorIndex) -> Option<String> {
    let vendor = &db.entry(index).vendor;
    if vendor.self_hostable.value != crate::rules::Answer::No {
        return None;
    }
    let why = vendor
        .self_hostable
        .sources
        .first()
        .map(|s| {
            format!(
                ": \"{}\" ({}, {})",
                s.claim.trim_end_matches('.'),
                s.url,
                s.date
            )
        })
        .unwrap_or_default();
    let runnable: Vec<&str> = db
        .entries
        .iter()
        .filter(|e| e.vendor.is_self_hostable())
        .map(|e| e.vendor.id.as_str())
        .collect();
    Some(format!(
        "{name} (`{id}`) cannot run on your own server{why}. `self_hosted` lists your organisation's own servers of a self-hostable product ({}): remove this entry (to approve {name}, list `{id}` in approved_vendors)",
        runnable.join(", "),
        name = vendor.name,
        id = vendor.id,
    ))
}

/// A list of hosts, each covering its subdomains (`public_sites`, `sign_in_hosts`), trimmed and lower-cased;
/// what is not a host, or what `refuse` says no to, is reported as `field[i]: ...`.
fn hosts(
    field: &str,
    list: &[String],
    errors: &mut Vec<String>,
    refuse: impl Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut hosts = Vec::new();
    for (i, site) in list.iter().enumerate() {
        match one_host(&format!("{field}[{i}]"), site) {
            Ok(host) => match refuse(&host) {
                Some(why) => errors.push(format!("{field}[{i}]: {why}")),
                None => hosts.push(host),
            },
            Err(problem) => errors.push(problem),
        }
    }
    hosts
}

/// One host of the settings (`self_hosted[i].host`, `public_sites[i]`, `sign_in_hosts[i]`), trimmed, without a
/// final dot, lower-cased; or the problem, prefixed with `place`. A host, not a pattern: each host covers its
/// subdomains already, so `*.` is refused with that said (a `self_hosted` host of `*.example.org` was once
/// accepted and then matched nothing: session 42's review).
fn one_host(place: &str, raw: &str) -> Result<String, String> {
    let host = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    match HostPattern::parse_as::<Unexplained>(&host) {
        Ok(HostPattern::Exact(host)) => Ok(host),
        Ok(HostPattern::AnySubdomainOf(_)) => Err(format!(
            "{place}: write `{}` without `*.`: a host covers its subdomains",
            &host[2..]
        )),
        // Not HostPattern's own message, which offers `*.example.com` (so it is not made: `Unexplained`).
        Err(_) => Err(format!(
            "{place}: host `{host}` is not a domain name; write a host such as `example.com` (it covers its subdomains)"
        )),
    }
}

impl Policy {
    pub fn self_hosted_vendor(&self, host: &str) -> Option<VendorIndex> {
        self.self_hosted
            .iter()
            .find(|(h, _)| is_within(host, h))
            .map(|(_, v)| *v)
    }

    /// Whether posts on `host` (lower case, as browsers give it) are public: one of the organisation's
    /// public sites, or of `DEFAULT_PUBLIC_SITES` when it names none, or a subdomain of one.
    pub fn is_public_site(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        if self.public_sites.is_empty() {
            DEFAULT_PUBLIC_SITES
                .iter()
                .any(|site| is_within(host, site))
        } else {
            self.public_sites.iter().any(|site| is_within(host, site))
        }
    }

    /// Whether `host` (lower case, as browsers give it) is one of the organisation's sign-in hosts or a
    /// subdomain of one. It quiets `phishing-login` only, never `lookalike-domain`: the engine cannot tell the
    /// organisation's value from the user's (the extension overlays the policy on the user's settings field by
    /// field, and a field the policy leaves out is the user's), and no setting may silence a lookalike warning.
    pub fn is_sign_in_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.sign_in_hosts.iter().any(|h| is_within(host, h))
    }

    pub fn shows(&self, finding_id: &str) -> bool {
        ALWAYS_SHOWN.contains(&finding_id)
            || !self.disabled_findings.iter().any(|d| d == finding_id)
    }
}
