//! The vendor-database types: one `Vendor` per `rules/vendors/<id>.toml`, parsed by serde with unknown fields
//! rejected. This file is also compiled into `build.rs` (via `#[path]`), so it may only use `serde` and `std`.

use serde::{Deserialize, Serialize};

/// One conferencing vendor, exactly as written in its rules file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Kebab-case brand id; equals the file name.
    pub id: String,
    /// Display name ("Zoom", "Microsoft Teams").
    pub name: String,
    /// Words a lookalike host would borrow ("zoom"; "teams-microsoft"). Lower-case ASCII, at least 4 letters
    /// unless `lookalike_exact` says otherwise.
    #[serde(default)]
    pub brand_terms: Vec<String>,
    pub operator: Operator,
    pub status: Status,
    pub domains: Domains,
    #[serde(default)]
    pub pages: Vec<PageShape>,
    #[serde(default)]
    pub invitation: Option<Invitation>,
    pub e2ee: Fact<E2ee>,
    pub recording_notice: Fact<RecordingNotice>,
    pub identity_providers: Fact<Vec<IdentityProvider>>,
    pub data_practices: DataPractices,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub ratings: Vec<Rating>,
    pub open_source: Fact<Answer>,
    pub self_hostable: Fact<Answer>,
    /// What was searched and not found, for the record (facts that could not be confirmed are listed here
    /// instead of being shipped).
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

impl Vendor {
    /// Whether organisations can run the vendor's software on their own servers: `self_hostable` is `yes`
    /// (what a `self_hosted` settings entry needs to quiet a lookalike of the vendor, `crate::policy`).
    pub fn is_self_hostable(&self) -> bool {
        self.self_hostable.value == Answer::Yes
    }

    /// The sources of the vendor's operator, status, domains, facts, incidents, ratings, then `open_source` and
    /// `self_hostable`, in that order: what the database's date is taken from (`grade::as_of`), and what its
    /// grade's reasons cite, which the bundled blob stores as runs of this list instead of copies (`rules::blob`).
    /// `open_source` and `self_hostable` come last and side by side because one reason cites both
    /// (`open-source-self-hostable`): reordered, `build.rs` stops on that reason.
    pub fn fact_sources(&self) -> Vec<&Source> {
        let practices = &self.data_practices;
        let mut sources = Vec::new();
        for list in [
            &self.operator.sources,
            &self.status.sources,
            &self.domains.sources,
            &self.e2ee.sources,
            &self.recording_notice.sources,
            &self.identity_providers.sources,
            &practices.ads_sharing.sources,
            &practices.content_licence.sources,
            &practices.ai_training.sources,
            &practices.human_review.sources,
        ] {
            sources.extend(list);
        }
        for incident in &self.incidents {
            sources.extend(&incident.sources);
        }
        for rating in &self.ratings {
            sources.extend(&rating.sources);
        }
        sources.extend(&self.open_source.sources);
        sources.extend(&self.self_hostable.sources);
        sources
    }

    /// The vendor without what only `joinguard rules check` reads, and reads from the TOML files: the research
    /// notes (`unconfirmed`) and the example URLs of each page shape (`matches`, `no_matches`). Nothing that
    /// uses the bundled database (the engine, the extension's vendor card, the CLI's output) shows them, so
    /// `build.rs` leaves them out of it (about 50 KB of text less in the wasm engine).
    pub fn without_research_record(mut self) -> Vendor {
        self.unconfirmed.clear();
        for page in &mut self.pages {
            page.matches.clear();
            page.no_matches.clear();
        }
        self
    }

    /// The vendor without the citations the extension never shows: those of its official domains, URL
    /// shapes, invitation labels, numbered servers and lookalike exceptions, and of its status. Its popup
    /// shows the sources of the operator, the facts, incidents and ratings (and the grade's reasons, which
    /// carry their facts' sources); these others back the engine's matching and the retired-service finding,
    /// which `rules check` holds to them in the files, and the CLI prints them (`joinguard vendor --json`).
    /// `build.rs` applies this to the extension's build (no `shape-citations` feature).
    pub fn without_matching_citations(mut self) -> Vendor {
        self.domains.sources.clear();
        self.status.sources.clear();
        for page in &mut self.pages {
            page.sources.clear();
        }
        if let Some(invitation) = &mut self.invitation {
            invitation.sources.clear();
        }
        for server in &mut self.domains.numbered_servers {
            server.sources.clear();
        }
        for domain in &mut self.domains.not_lookalikes {
            domain.sources.clear();
        }
        for ending in &mut self.domains.owner_endings {
            ending.sources.clear();
        }
        if let Some(account) = &mut self.domains.account {
            account.sources.clear();
        }
        self
    }
}

/// A citation: where a claim can be checked, and when the source said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    /// ISO 8601 date (`2020-10-14`, or `2020-10`, or `2020`) of the source or of the period it describes.
    pub date: String,
    /// The claim this source supports, in neutral words.
    pub claim: String,
}

/// A fact with its value, the sources behind it and an optional plain-words detail. A value of `unknown`
/// needs `searched` (what was looked for) instead of sources, unless an inference rule derives the value
/// (`crate::infer`, rules/README.md "Inference rules").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact<T> {
    pub value: T,
    #[serde(default)]
    pub detail: Option<Localised>,
    /// ISO 8601 date since when the value holds, where it is known.
    #[serde(default)]
    pub since: Option<String>,
    /// `e2ee` only: what the end-to-end encryption covers (the premise of the inference rules).
    #[serde(default)]
    pub scope: Option<E2eeScope>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub searched: Option<String>,
    /// Set by the engine, never written in a rules file: the rule that derived `value` from other facts.
    /// Not read from TOML (an unknown field there) nor from the bundled blob: `build.rs` writes the facts as
    /// written, where this is always `None` and therefore not serialised either, so the blob stays aligned.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

/// A fact left out of its file: unknown, for an inference rule to derive (checked by `rules check`).
impl<T: Knowable + Default> Default for Fact<T> {
    fn default() -> Self {
        Fact {
            value: T::default(),
            detail: None,
            since: None,
            scope: None,
            sources: Vec::new(),
            searched: None,
            derived: None,
        }
    }
}

/// How a value was derived: the rule's id (`crate::infer::Rule`) and the fact it was derived from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derivation {
    pub rule: String,
    /// The premise, as a field path (`e2ee`).
    pub from: String,
}

/// What default end-to-end encryption covers (`[e2ee] scope`), see rules/README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum E2eeScope {
    /// Everything participants exchange through the service (audio, video, chat, files, and recordings or
    /// transcripts if the service makes them), and no feature hands the provider readable content.
    AllContent,
    /// Audio and video of calls only; chat or other content is not end-to-end encrypted (or not confirmed).
    Calls,
    /// Messages only; calls are not end-to-end encrypted (or not confirmed).
    Messages,
}

/// A text in the extension's three languages. Rules files write `{ en = "…", fr = "…", de = "…" }`; a plain
/// string is still read (as English, `fr`/`de` empty) until every file is converted, and `rules check` says
/// which form is expected (`crate::rules::check::LOCALISED_DETAIL_REQUIRED`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Localised {
    pub en: String,
    pub fr: String,
    pub de: String,
}

impl Localised {
    /// The text in `lang` (`en`, `fr`, `de`), or the English text when that one is missing.
    pub fn get(&self, lang: &str) -> &str {
        let text = match lang {
            "fr" => &self.fr,
            "de" => &self.de,
            _ => &self.en,
        };
        if text.is_empty() {
            &self.en
        } else {
            text
        }
    }

    /// Whether it was written as a plain string (English only).
    pub fn is_plain(&self) -> bool {
        self.fr.is_empty() && self.de.is_empty()
    }
}

impl<'de> Deserialize<'de> for Localised {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Written;
        impl<'de> Visitor<'de> for Written {
            type Value = Localised;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table `{ en = \"…\", fr = \"…\", de = \"…\" }`")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Localised, E> {
                Ok(Localised {
                    en: text.to_string(),
                    ..Localised::default()
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Localised, M::Error> {
                let (mut en, mut fr, mut de) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "en" => &mut en,
                        "fr" => &mut fr,
                        "de" => &mut de,
                        other => {
                            return Err(M::Error::custom(format!(
                                "unknown language `{other}`: write `{{ en = \"…\", fr = \"…\", de = \"…\" }}`"
                            )))
                        }
                    };
                    if slot.replace(map.next_value::<String>()?).is_some() {
                        return Err(M::Error::custom(format!("`{key}` given twice")));
                    }
                }
                let missing: Vec<&str> = [("en", &en), ("fr", &fr), ("de", &de)]
                    .into_iter()
                    .filter(|(_, text)| text.as_deref().is_none_or(|t| t.trim().is_empty()))
                    .map(|(lang, _)| lang)
                    .collect();
                if !missing.is_empty() {
                    return Err(M::Error::custom(format!(
                        "the {} text is missing or empty: write all three, `{{ en = \"…\", fr = \"…\", de = \"…\" }}`",
                        missing.join(", ")
                    )));
                }
                Ok(Localised {
                    en: en.unwrap_or_default(),
                    fr: fr.unwrap_or_default(),
                    de: de.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_any(Written)
    }
}

/// A value that can be `unknown`.
pub trait Knowable {
    fn is_unknown(&self) -> bool;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    /// Only when the user or admin turns it on.
    OptIn,
    /// On unless the user or admin turns it off.
    OptOut,
    #[default]
    Unknown,
}

impl Knowable for Answer {
    fn is_unknown(&self) -> bool {
        *self == Answer::Unknown
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum E2ee {
    /// End-to-end encrypted for every meeting without anyone turning it on.
    Default,
    /// Available, but a host or admin must turn it on (often with features lost).
    Optional,
    /// Only for some call types (e.g. unscheduled 1:1 calls).
    Limited,
    /// Not offered: the provider can decrypt media.
    None,
    Unknown,
}

impl Knowable for E2ee {
    fn is_unknown(&self) -> bool {
        *self == E2ee::Unknown
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordingNotice {
    /// Every participant is told (banner, voice prompt or consent dialog) when recording starts.
    Shown,
    /// Shown in some clients or configurations only.
    Partial,
    /// Not shown.
    None,
    /// The service has no recording feature.
    NoRecording,
    Unknown,
}

impl Knowable for RecordingNotice {
    fn is_unknown(&self) -> bool {
        *self == RecordingNotice::Unknown
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityProvider {
    Google,
    Apple,
    Facebook,
    Microsoft,
    Linkedin,
    Github,
    X,
    Amazon,
    /// The organisation's own single sign-on (SAML/OIDC).
    Sso,
    /// Only valid alone: the providers offered are not known.
    Unknown,
}

impl Knowable for Vec<IdentityProvider> {
    fn is_unknown(&self) -> bool {
        self.contains(&IdentityProvider::Unknown)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    pub company: String,
    /// ISO 3166-1 alpha-2 country code of the operator's headquarters.
    pub country: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lifecycle {
    Active,
    Retired,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub value: Lifecycle,
    /// Retirement date (ISO 8601), required when retired.
    #[serde(default)]
    pub date: Option<String>,
    /// Vendor id of the successor service, if any.
    #[serde(default)]
    pub successor: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// The registrable domains (eTLD+1) the vendor owns; a host matches on label boundaries only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domains {
    pub official: Vec<String>,
    pub sources: Vec<Source>,
    /// Domains the vendor's service really runs on, or that only share its name, whose owner no vendor
    /// document confirms: never reported as lookalikes, never vouched for as the vendor (`zoom-x.de`).
    #[serde(default)]
    pub not_lookalikes: Vec<NotLookalike>,
    /// Top-level domains whose registry the vendor's owner runs under its own name and under which the vendor
    /// has an official domain (`microsoft`: `teams.cloud.microsoft`): a host there is the owner's, so it is no
    /// lookalike of this vendor (`crate::lookalike`).
    #[serde(default)]
    pub owner_endings: Vec<OwnerEnding>,
    /// The vendor's numbered servers, one example host each (`us02web.zoom.us`: two letters, two digits, a
    /// word, under an official domain): a domain named like one under the vendor's own ending with the name
    /// left out (`uk03web.us`) is the shape of fake meeting hosts (`crate::lookalike`).
    #[serde(default)]
    pub numbered_servers: Vec<NumberedServer>,
    /// Official domains whose subdomains are users' names (Telegram's `<username>.t.me`): only the domain itself
    /// and one label of a username's characters under it are the vendor's, so `zoom.us.t.me` is not vouched for.
    #[serde(default)]
    pub user_named: Vec<UserNamed>,
    /// The maker's shared account whose sign-in page leads to the vendor (the Microsoft account for Teams):
    /// phishing kits copy that page rather than the vendor's own, so the page layer knows it by its wording and
    /// knows where it really lives (`crate::page::account`).
    #[serde(default)]
    pub account: Option<Account>,
}

/// A maker's account sign-in shared by its services, and the hosts where that sign-in really happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The account as the maker names it ("Microsoft account").
    pub name: String,
    /// The maker's name as its sign-in page writes it ("Microsoft"), matched as a whole word.
    pub owner: String,
    /// The sign-in hosts (with their subdomains): a copy of the page anywhere else is an imitation.
    pub hosts: Vec<String>,
    /// The maker's other hosts of the account's pages and of its sign-in flow (password reset, sign-up, single
    /// sign-on endpoints, the token issuer, its webmail; with their subdomains): the maker's own pages there
    /// show the sign-in's words, so no copy is reported there either. Unlike `hosts`, the warning does not name
    /// them, and a link to one is no mark of a copy (organisations' own sign-ins link to their webmail).
    #[serde(default)]
    pub own_hosts: Vec<String>,
    pub sources: Vec<Source>,
}

/// One kind of numbered server host of a vendor, with what shows the vendor uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberedServer {
    pub example: String,
    pub sources: Vec<Source>,
}

/// An official domain under which users' names are subdomains, with the vendor's documents on what a name may be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserNamed {
    pub domain: String,
    pub sources: Vec<Source>,
}

/// A top-level domain the vendor's owner runs as its brand's registry, with the operator as IANA names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerEnding {
    /// The ending without its dot (`microsoft`).
    pub ending: String,
    /// The registry operator as IANA's root zone database names it (`Microsoft Corporation`).
    pub registry: String,
    pub sources: Vec<Source>,
}

/// A domain that is not called a lookalike, with why (in plain words) and what shows it is genuine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotLookalike {
    pub domain: String,
    pub reason: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageKind {
    Join,
    Login,
    WebClient,
    Webinar,
    /// A product page of the vendor's on its maker's shared host (Teams' pages under
    /// `www.microsoft.com/<locale>/microsoft-teams/`): the only kind a shape may give a host outside the
    /// vendor's official domains, where every other page stays no vendor's. On the vendor's own hosts every page
    /// is already its site.
    VendorSite,
}

/// One URL shape of a vendor page. Hosts: `zoom.us` (exactly) or `*.zoom.us` (any subdomain). Paths: segments
/// separated by `/`, each a literal, `{id}` (the meeting id, checked against `id_format`), `*` (any one
/// segment) or, last, `**` (anything further, including nothing). A literal segment may end in `*` as a prefix
/// match. Matching is ASCII case-insensitive for hosts and case-sensitive for paths unless `path_case_insensitive`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageShape {
    pub kind: PageKind,
    pub hosts: Vec<String>,
    /// Hosts among `hosts` that are not this page (`www.daily.co`, `docs.daily.co` among `*.daily.co`).
    #[serde(default)]
    pub exclude_hosts: Vec<String>,
    /// With `hosts = ["*"]` only: the shape applies on a host with one of these labels in front of its
    /// registrable domain (`bbb` of `bbb.example.edu`, the name BigBlueButton's installer gives a server), so its
    /// paths may be as short as `/b/{id}` without matching ordinary pages of other sites.
    #[serde(default)]
    pub host_labels: Vec<String>,
    pub paths: Vec<String>,
    /// Patterns for the `#fragment` of a web app that routes in it (Element Web's `#/room/<room>`), written
    /// like `paths` and matched against the fragment up to its own `?`. With them, a URL matches only when its
    /// path matches `paths` and its fragment one of these; the `{id}` may be in either, not in both.
    #[serde(default)]
    pub fragments: Vec<String>,
    /// Format of `{id}` (or of the `id_param` value): see `IdFormat`.
    #[serde(default)]
    pub id_format: Option<String>,
    /// Query parameter carrying the meeting id when it is not in the path (Webex `MTID`).
    #[serde(default)]
    pub id_param: Option<String>,
    /// Query parameters that carry a passcode or key (Zoom `pwd`, Teams `p`).
    #[serde(default)]
    pub secret_params: Vec<String>,
    /// The URL fragment carries a key (FaceTime, Signal call links).
    #[serde(default)]
    pub secret_in_fragment: bool,
    /// With `secret_in_fragment`, on a join shape: the one `NAME=VALUE` item of the fragment (read as a query)
    /// that names the meeting, as `NAME=groups:ALPHABET:COUNTxLEN` (`FragmentKey`)
    /// (`key=groups:bcdfghkmnpqrstxz:8x4`, Signal's `/call/#key=<key>`). The vendor's path on someone else's host
    /// counts as its meeting link only with such an item (`crate::lookalike`).
    #[serde(default)]
    pub fragment_key: Option<String>,
    /// Format of a `{secret}` path segment (a passcode in the path, BlueJeans `/<id>/<passcode>`): see
    /// `IdFormat`. Without it any non-empty segment there is a secret.
    #[serde(default)]
    pub secret_format: Option<String>,
    #[serde(default)]
    pub path_case_insensitive: bool,
    /// URLs that must match this shape (they are tests).
    pub matches: Vec<String>,
    /// URLs on the vendor's hosts that must not match this shape.
    #[serde(default)]
    pub no_matches: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// How invitations state the meeting credentials, by language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Format of the meeting id as written in invitations (digit groups separated by spaces or hyphens
    /// are accepted for `digits:`).
    pub meeting_id_format: String,
    pub meeting_id_labels: Labels,
    #[serde(default)]
    pub passcode_labels: Labels,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub de: Vec<String>,
    /// Spanish: invitations arrive in the language of whoever sent them, not in the extension's three.
    #[serde(default)]
    pub es: Vec<String>,
    /// Italian, Portuguese and Dutch: more languages the vendors ship their invitations in.
    #[serde(default)]
    pub it: Vec<String>,
    #[serde(default)]
    pub pt: Vec<String>,
    #[serde(default)]
    pub nl: Vec<String>,
    /// Japanese: Zoom's Japanese help names the meeting ID and passcode fields of its invitations.
    #[serde(default)]
    pub ja: Vec<String>,
}

impl Labels {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        // One flattened array rather than eight chained iterators: an 8-deep `Chain` compiled its `fold` and
        // `size_hint` for each caller's closure into the wasm package (docs/size.md, session 41).
        let languages = [
            &self.en, &self.fr, &self.de, &self.es, &self.it, &self.pt, &self.nl, &self.ja,
        ];
        languages.into_iter().flatten()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataPractices {
    /// Sells or shares personal data for advertising.
    pub ads_sharing: Fact<Answer>,
    /// Claims a licence over the content of calls (recordings, chat, files) beyond providing the service.
    pub content_licence: Fact<Answer>,
    /// Trains AI models on meeting content (audio, video, chat, transcripts). May be left out of a file when
    /// an inference rule derives it.
    #[serde(default)]
    pub ai_training: Fact<Answer>,
    /// People (employees, contractors) review recordings or call content. May be left out when derived.
    #[serde(default)]
    pub human_review: Fact<Answer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    Resolved,
    Partial,
    Unresolved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// ISO 8601 date of the incident or its disclosure.
    pub date: String,
    pub title: String,
    pub summary: String,
    pub resolution: Resolution,
    /// What was done about it (fix, settlement, order).
    #[serde(default)]
    pub resolution_detail: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rater {
    /// Berlin Commissioner for Data Protection and Freedom of Information, 2020 traffic lights.
    // Named by hand: kebab-case alone gives `berlin-dpa2020`, which reads as a typo.
    #[serde(rename = "berlin-dpa-2020")]
    BerlinDpa2020,
    /// Berlin Commissioner, 2021 update of the traffic lights.
    #[serde(rename = "berlin-dpa-2021")]
    BerlinDpa2021,
    /// Dutch government (SLM Rijk) or SURF data-protection impact assessments.
    DutchDpia,
    /// Mozilla *Privacy Not Included*.
    MozillaPni,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Favourable,
    Mixed,
    Unfavourable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub by: Rater,
    pub verdict: Verdict,
    /// The rater's own words or colour ("red", "yellow", "all high risks solved", "privacy not included").
    pub label: String,
    pub date: String,
    pub sources: Vec<Source>,
}

#[cfg(test)]
mod tests {
    use super::Labels;

    /// `Labels::all`'s order decides which spelling of a label shared by two languages the credential scanner
    /// keeps (the first, `text::credentials`), and the order of its anchors.
    #[test]
    fn labels_come_in_the_languages_order() {
        let one = |text: &str| vec![text.to_string()];
        let labels = Labels {
            en: one("en"),
            fr: one("fr"),
            de: one("de"),
            es: one("es"),
            it: one("it"),
            pt: one("pt"),
            nl: one("nl"),
            ja: one("ja"),
        };
        let order: Vec<&str> = labels.all().map(String::as_str).collect();
        assert_eq!(order, ["en", "fr", "de", "es", "it", "pt", "nl", "ja"]);
    }
}
