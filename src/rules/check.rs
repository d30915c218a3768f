//! Semantic checks of the rules files, beyond what the types enforce: ids, domains, sources, dates, facts and
//! every URL example run through the real classifier. Each problem is located to a line with a hint.

use std::collections::HashMap;

use super::model::*;
use super::{Problem, RulesFile};
use crate::classify::{Classifier, Kind};
use crate::db::Database;

/// Hosts that are never a source: mirrors, pastes, link shorteners and content farms.
const NOT_SOURCES: &[&str] = &[
    "pastebin.com",
    "issuu.com",
    "bit.ly",
    "tinyurl.com",
    "archive.ph",
    "archive.today",
    "scribd.com",
    "readkong.com",
    "siteinz.info",
    "vuink.com",
    "jokerchen.me",
    "signin-link.com",
    "oreateai.com",
    "onlinezoomappdownload.com",
    "bibliotecapleyades.net",
    "devicedaily.com",
    "technosavvy.net",
];

/// Whether a fact's `detail` must be the table `{ en, fr, de }`. It was `false` while the files were being
/// converted (a plain string read as English only); every file now has the table, so a plain string is an
/// error (rules/README.md).
pub const LOCALISED_DETAIL_REQUIRED: bool = true;

/// Runs every check over the parsed files (together: duplicates need them all).
pub fn check_files(files: &[RulesFile]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in files {
        FileChecker {
            file,
            problems: &mut problems,
        }
        .run();
    }
    cross_file_checks(files, &mut problems);
    if problems.is_empty() {
        example_checks(files, &mut problems);
    }
    problems
}

struct FileChecker<'a> {
    file: &'a RulesFile,
    problems: &'a mut Vec<Problem>,
}

impl FileChecker<'_> {
    fn problem(&mut self, needle: &str, field: &str, message: String, hint: &str) {
        self.problems.push(Problem {
            file: self.file.path.clone(),
            line: find_line(&self.file.source, needle),
            field: field.to_string(),
            message,
            hint: hint.to_string(),
        });
    }

    fn run(&mut self) {
        let vendor = &self.file.vendor;
        let stem = std::path::Path::new(&self.file.path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        if vendor.id != stem {
            self.problem(
                "id",
                "id",
                format!("`{}` differs from the file name `{stem}`", vendor.id),
                "the id must equal the file name",
            );
        }
        if !is_kebab(&vendor.id) {
            self.problem(
                "id",
                "id",
                format!("`{}` is not kebab-case", vendor.id),
                "use lower-case letters, digits and `-`",
            );
        }
        for term in &vendor.brand_terms {
            if term.len() < 4 || !is_kebab(term) {
                self.problem(
                    &format!("\"{term}\""),
                    "brand_terms",
                    format!("`{term}` must be lower-case ASCII of 4 or more characters"),
                    "short or mixed terms raise false lookalike alarms",
                );
            }
        }
        let country = &vendor.operator.country;
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            self.problem(
                "country",
                "operator.country",
                format!("`{country}` is not an ISO 3166-1 alpha-2 code"),
                "e.g. `US`, `DE`, `FR`",
            );
        }
        self.sources(
            "[operator]",
            "operator.sources",
            &vendor.operator.sources,
            true,
        );
        self.status(&vendor.status);
        self.sources(
            "[domains]",
            "domains.sources",
            &vendor.domains.sources,
            true,
        );
        for domain in &vendor.domains.official {
            self.domain_name(domain, "domains.official");
        }
        for (i, exception) in vendor.domains.not_lookalikes.iter().enumerate() {
            let field = format!("domains.not_lookalikes[{i}]");
            let domain = &exception.domain;
            self.domain_name(domain, &format!("{field}.domain"));
            if exception.reason.trim().is_empty() {
                self.problem(
                    &format!("\"{domain}\""),
                    &format!("{field}.reason"),
                    "the reason is empty".to_string(),
                    "say in plain words why the domain is genuine and not an imitation",
                );
            }
            self.sources(
                &format!("\"{domain}\""),
                &format!("{field}.sources"),
                &exception.sources,
                true,
            );
        }
        for (i, owned) in vendor.domains.owner_endings.iter().enumerate() {
            let field = format!("domains.owner_endings[{i}]");
            let ending = &owned.ending;
            if !crate::lookalike::is_brand_registry_ending(ending) {
                self.problem(
                    &format!("\"{ending}\""),
                    &format!("{field}.ending"),
                    format!("`{ending}` is not a brand's own top-level domain"),
                    "write one label of ICANN's new generic top-level domains without its dot (`microsoft`); an old generic, a country's or a cheap ending is anyone's",
                );
            }
            // A registry operator may sell names under endings that are not its own name (Google's registry runs
            // `.app` and `.dev` for anyone): only an ending named after its operator, under which the vendor itself
            // has an official domain, is taken as the owner's.
            let named_after = owned
                .registry
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case(ending));
            if !named_after {
                self.problem(
                    &format!("\"{ending}\""),
                    &format!("{field}.registry"),
                    format!("`{}` is not named after `.{ending}`", owned.registry),
                    "list only an ending named after its registry operator, written as IANA's root zone database names it (`microsoft`: `Microsoft Corporation`)",
                );
            }
            let used = vendor
                .domains
                .official
                .iter()
                .any(|domain| domain.rsplit('.').next() == Some(ending.as_str()));
            if !used {
                self.problem(
                    &format!("\"{ending}\""),
                    &format!("{field}.ending"),
                    format!("no official domain of the vendor is under `.{ending}`"),
                    "list only an ending under which the vendor runs an official domain (`teams.cloud.microsoft`)",
                );
            }
            self.sources(
                &format!("\"{ending}\""),
                &format!("{field}.sources"),
                &owned.sources,
                true,
            );
        }
        for (i, server) in vendor.domains.numbered_servers.iter().enumerate() {
            let field = format!("domains.numbered_servers[{i}]");
            let example = &server.example;
            let shaped = example.split_once('.').is_some_and(|(first, domain)| {
                crate::lookalike::server_word(first).is_some()
                    && vendor.domains.official.iter().any(|d| d == domain)
            });
            if !shaped {
                self.problem(
                    &format!("\"{example}\""),
                    &format!("{field}.example"),
                    format!("`{example}` is not a numbered server under an official domain"),
                    "write two letters, two digits and a word, then one of `official` (`us02web.zoom.us`)",
                );
            }
            self.sources(
                &format!("\"{example}\""),
                &format!("{field}.sources"),
                &server.sources,
                true,
            );
        }
        for (i, named) in vendor.domains.user_named.iter().enumerate() {
            let field = format!("domains.user_named[{i}]");
            let domain = &named.domain;
            if !vendor.domains.official.iter().any(|d| d == domain) {
                self.problem(
                    &format!("\"{domain}\""),
                    &format!("{field}.domain"),
                    format!("`{domain}` is not one of the vendor's official domains"),
                    "write an `official` domain whose subdomains are users' names (`t.me`)",
                );
            }
            self.sources(
                &format!("\"{domain}\""),
                &format!("{field}.sources"),
                &named.sources,
                true,
            );
        }
        if let Some(account) = &vendor.domains.account {
            for (name, value) in [("name", &account.name), ("owner", &account.owner)] {
                if value.trim().is_empty() {
                    self.problem(
                        "[domains.account]",
                        &format!("domains.account.{name}"),
                        format!("the account's {name} is empty"),
                        "write it as the maker's sign-in page does (`Microsoft account`, `Microsoft`)",
                    );
                }
            }
            if account.hosts.is_empty() {
                self.problem(
                    "[domains.account]",
                    "domains.account.hosts",
                    "no sign-in host".into(),
                    "list the hosts where the account's sign-in really happens",
                );
            }
            for host in &account.hosts {
                self.domain_name(host, "domains.account.hosts");
            }
            for host in &account.own_hosts {
                self.domain_name(host, "domains.account.own_hosts");
                // One host as the maker's document names it, never its whole registrable domain: `windows.net`
                // and `live.com` also serve pages that are not the maker's own (customers' static sites).
                // A public suffix (`co.uk`, `web.core.windows.net`) has no registrable domain: refused alike.
                let whole = match crate::psl::domain_str(host) {
                    None => Some("a public suffix"),
                    Some(domain) if domain == host => Some("a registrable domain"),
                    Some(_) => None,
                };
                if let Some(whole) = whole {
                    self.problem(
                        &format!("\"{host}\""),
                        "domains.account.own_hosts",
                        format!("`{host}` is {whole}, not one host"),
                        "list the host the maker's document names (`sts.windows.net`, not `windows.net`)",
                    );
                }
            }
            self.sources(
                "[domains.account]",
                "domains.account.sources",
                &account.sources,
                true,
            );
        }
        for (i, page) in vendor.pages.iter().enumerate() {
            self.page(i, page);
        }
        if let Some(invitation) = &vendor.invitation {
            if let Err(e) = crate::rules::shape::IdFormat::parse(&invitation.meeting_id_format) {
                self.problem(
                    "meeting_id_format",
                    "invitation.meeting_id_format",
                    e,
                    "see rules/README.md, URL shapes",
                );
            }
            self.sources(
                "[invitation]",
                "invitation.sources",
                &invitation.sources,
                true,
            );
        }
        self.fact("[e2ee]", "e2ee", &vendor.e2ee);
        if vendor.e2ee.scope.is_some() && vendor.e2ee.value != E2ee::Default {
            self.problem_in(
                "[e2ee]",
                "scope",
                "e2ee.scope",
                "`scope` says what default end-to-end encryption covers; the value is not `default`".into(),
                "remove `scope`, or fix the value",
            );
        }
        self.fact(
            "[recording_notice]",
            "recording_notice",
            &vendor.recording_notice,
        );
        let providers = &vendor.identity_providers;
        self.fact("[identity_providers]", "identity_providers", providers);
        if providers.value.is_unknown() && providers.value.len() > 1 {
            self.problem(
                "[identity_providers]",
                "identity_providers.value",
                "`unknown` must stand alone".into(),
                "write `value = [\"unknown\"]` or list the providers",
            );
        }
        let practices = &vendor.data_practices;
        // What the inference rules derive (an unknown fact they derive needs no `searched`), and the stated
        // values they contradict.
        let mut inferred = vendor.clone();
        for contradiction in crate::infer::apply(&mut inferred) {
            let name = contradiction.field.trim_start_matches("data_practices.");
            self.problem(
                &format!("[{}]", contradiction.field),
                contradiction.field,
                format!(
                    "states `{}` but rule `{}` derives `{}` from `{}`",
                    answer_word(contradiction.stated),
                    contradiction.rule,
                    answer_word(contradiction.derived),
                    crate::infer::rule(contradiction.rule).map_or("", |r| r.from),
                ),
                &format!("either the premise is wrong (e.g. `[e2ee] scope`), or `{name}` is; see rules/README.md, Inference rules"),
            );
        }
        for (name, fact, derived) in [
            (
                "ads_sharing",
                &practices.ads_sharing,
                &inferred.data_practices.ads_sharing,
            ),
            (
                "content_licence",
                &practices.content_licence,
                &inferred.data_practices.content_licence,
            ),
            (
                "ai_training",
                &practices.ai_training,
                &inferred.data_practices.ai_training,
            ),
            (
                "human_review",
                &practices.human_review,
                &inferred.data_practices.human_review,
            ),
        ] {
            if fact.value.is_unknown() && derived.derived.is_some() && fact.searched.is_none() {
                self.fact_text(
                    &format!("[data_practices.{name}]"),
                    &format!("data_practices.{name}"),
                    fact,
                );
                continue;
            }
            self.fact(
                &format!("[data_practices.{name}]"),
                &format!("data_practices.{name}"),
                fact,
            );
        }
        for incident in &vendor.incidents {
            self.date(&incident.date, "incidents.date");
            self.sources(
                &incident.title,
                "incidents.sources",
                &incident.sources,
                true,
            );
        }
        for rating in &vendor.ratings {
            self.date(&rating.date, "ratings.date");
            self.sources(&rating.label, "ratings.sources", &rating.sources, true);
        }
        self.fact("[open_source]", "open_source", &vendor.open_source);
        self.fact("[self_hostable]", "self_hostable", &vendor.self_hostable);
    }

    fn status(&mut self, status: &Status) {
        if status.value == Lifecycle::Retired {
            match &status.date {
                Some(date) => self.date(date, "status.date"),
                None => self.problem(
                    "[status]",
                    "status.date",
                    "a retired service needs its retirement date".into(),
                    "add `date = \"YYYY-MM-DD\"`",
                ),
            }
            self.sources("[status]", "status.sources", &status.sources, true);
        }
    }

    fn page(&mut self, index: usize, page: &PageShape) {
        let field = format!("pages[{index}]");
        if let Err((sub, message)) = crate::db::CompiledShape::compile(page) {
            let needle = match sub.as_str() {
                "paths" => page.paths.first().map(|p| format!("\"{p}\"")),
                "fragments" => page.fragments.first().map(|p| format!("\"{p}\"")),
                "id_format" => Some("id_format".to_string()),
                "host_labels" => Some("host_labels".to_string()),
                _ => page.hosts.first().map(|h| format!("\"{h}\"")),
            }
            .unwrap_or_else(|| "[[pages]]".into());
            self.problem(
                &needle,
                &format!("{field}.{sub}"),
                message,
                "see rules/README.md, URL shapes",
            );
        }
        // `*` (any host) is for the vendor's own software paths on others' servers; `compile` checks its paths.
        // A vendor-site shape is the other way round: its hosts are its maker's shared ones, outside `official`
        // (on the vendor's own hosts every page is its site already).
        let shared = page.kind == PageKind::VendorSite;
        for host in page.hosts.iter().filter(|h| *h != "*") {
            let bare = host.trim_start_matches("*.");
            let own = self
                .file
                .vendor
                .domains
                .official
                .iter()
                .any(|d| crate::rules::shape::is_within(bare, d));
            if own == shared {
                let (message, hint) = if shared {
                    (
                        format!("`{host}` is within the vendor's official domains, where every page is its site"),
                        "drop the shape, or name the maker's shared host it is meant for",
                    )
                } else {
                    (
                        format!("`{host}` is outside the vendor's official domains"),
                        "add its domain to `domains.official` (with a source), fix the host, or make the shape `kind = \"vendor-site\"` for a product page on the maker's shared host",
                    )
                };
                self.problem(
                    &format!("\"{host}\""),
                    &format!("{field}.hosts"),
                    message,
                    hint,
                );
            }
        }
        if page.matches.is_empty() {
            self.problem(
                "[[pages]]",
                &format!("{field}.matches"),
                "a shape needs at least one match example".into(),
                "add a real-looking URL of this page",
            );
        }
        self.sources(
            "[[pages]]",
            &format!("{field}.sources"),
            &page.sources,
            false,
        );
    }

    /// The checks of a fact's texts and premises, which hold whether or not its value is derived.
    fn fact_text<T>(&mut self, header: &str, field: &str, fact: &Fact<T>) {
        if let Some(detail) = &fact.detail {
            self.localised(header, &format!("{field}.detail"), detail);
        }
        if fact.scope.is_some() && field != "e2ee" {
            self.problem_in(
                header,
                "scope",
                &format!("{field}.scope"),
                "`scope` belongs to `[e2ee]` only".into(),
                "remove it",
            );
        }
    }

    /// A problem on `key` inside the table `header` (located to that key's line when there is one).
    fn problem_in(&mut self, header: &str, key: &str, field: &str, message: String, hint: &str) {
        let line = find_line_in(&self.file.source, header, key);
        self.problems.push(Problem {
            file: self.file.path.clone(),
            line,
            field: field.to_string(),
            message,
            hint: hint.to_string(),
        });
    }

    fn localised(&mut self, near: &str, field: &str, text: &Localised) {
        if text.is_plain() {
            if LOCALISED_DETAIL_REQUIRED {
                self.problem_in(
                    near,
                    "detail",
                    field,
                    "a plain string: the text is needed in English, French and German".into(),
                    "write `detail = { en = \"…\", fr = \"…\", de = \"…\" }`",
                );
            }
            return;
        }
        // A copy of the English text is an English leak, not a translation (short names may stay the same).
        for (lang, translated) in [("fr", &text.fr), ("de", &text.de)] {
            if translated.trim() == text.en.trim() && text.en.split_whitespace().count() > 3 {
                self.problem_in(
                    near,
                    "detail",
                    &format!("{field}.{lang}"),
                    format!("the `{lang}` text is the English text"),
                    "translate it",
                );
            }
        }
    }

    fn fact<T: Knowable>(&mut self, header: &str, field: &str, fact: &Fact<T>) {
        self.fact_text(header, field, fact);
        if fact.value.is_unknown() {
            if !self.file.source.contains(header) {
                self.problem(
                    header,
                    field,
                    "left out of the file, but no inference rule derives it".into(),
                    "add the table with a sourced value, or `value = \"unknown\"` with `searched` (rules/README.md, Inference rules)",
                );
            } else if fact.searched.as_deref().is_none_or(|s| s.trim().is_empty()) {
                self.problem(
                    header,
                    &format!("{field}.searched"),
                    "an `unknown` value needs `searched`".into(),
                    "say what was looked for and where; a fact may be left out of the file only when an inference rule derives it (rules/README.md)",
                );
            }
        } else if fact.sources.is_empty() {
            self.problem(header, &format!("{field}.sources"), "a fact without a source".into(), "add `sources = [{ url, date, claim }]`, or set `value = \"unknown\"` with `searched`");
        }
        if let Some(since) = &fact.since {
            self.date(since, &format!("{field}.since"));
        }
        self.sources(header, &format!("{field}.sources"), &fact.sources, false);
    }

    /// A domain or host name as the rules write them: no scheme, no `*.`.
    fn domain_name(&mut self, domain: &str, field: &str) {
        if crate::rules::shape::HostPattern::parse(domain).is_err() || domain.starts_with("*.") {
            self.problem(
                &format!("\"{domain}\""),
                field,
                format!("`{domain}` is not a domain name"),
                "write `example.com` (no scheme, no `*.`)",
            );
        }
    }

    fn sources(&mut self, near: &str, field: &str, sources: &[Source], required: bool) {
        if required && sources.is_empty() {
            self.problem(
                near,
                field,
                "no source".into(),
                "add `sources = [{ url, date, claim }]`",
            );
        }
        for source in sources {
            match url::Url::parse(&source.url) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {
                    let host = url.host_str().unwrap_or("");
                    if let Some(bad) = NOT_SOURCES
                        .iter()
                        .find(|d| crate::rules::shape::is_within(host, d))
                    {
                        self.problem(&source.url, field, format!("`{bad}` is a mirror, paste or content-farm site, not a source"), "cite the primary source (the vendor, a regulator, a court, a lab, major press)");
                    }
                }
                _ => self.problem(
                    &source.url,
                    field,
                    format!("`{}` is not an http(s) URL", source.url),
                    "write the full address, e.g. https://example.com/page",
                ),
            }
            self.date(&source.date, &format!("{field}.date"));
            if source.claim.trim().is_empty() {
                self.problem(
                    &source.url,
                    &format!("{field}.claim"),
                    "empty claim".into(),
                    "say what this source supports",
                );
            }
        }
    }

    fn date(&mut self, date: &str, field: &str) {
        if !is_iso_date(date) {
            self.problem(
                &format!("\"{date}\""),
                field,
                format!("`{date}` is not an ISO 8601 date"),
                "write YYYY-MM-DD, YYYY-MM or YYYY",
            );
        }
    }
}

fn answer_word(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::OptIn => "opt-in",
        Answer::OptOut => "opt-out",
        Answer::Unknown => "unknown",
    }
}

fn cross_file_checks(files: &[RulesFile], problems: &mut Vec<Problem>) {
    // In the files' order, a vendor's id before its domains: each file's are taken as the loop reaches it.
    let mut claimed_twice = super::requirements::claimed_twice(files.iter().map(|f| &f.vendor))
        .into_iter()
        .peekable();
    let mut owner_endings: HashMap<&str, &str> = HashMap::new();
    for (index, file) in files.iter().enumerate() {
        let vendor = &file.vendor;
        while let Some(claim) = claimed_twice.next_if(|c| c.again == index) {
            let first = &files[claim.earlier];
            problems.push(if claim.field == "id" {
                Problem {
                    file: file.path.clone(),
                    line: find_line(&file.source, "id"),
                    field: "id".into(),
                    message: format!("duplicate vendor id `{}` (also in {})", claim.text, first.path),
                    hint: "each vendor has one file".into(),
                }
            } else {
                Problem {
                    file: file.path.clone(),
                    line: find_line(&file.source, &format!("\"{}\"", claim.text)),
                    field: claim.field.into(),
                    message: format!("`{}` is also claimed by `{}`", claim.text, first.vendor.id),
                    hint: "a domain belongs to one vendor; for a shared company domain list the service's own host (meet.google.com)".into(),
                }
            });
        }
        for exception in &vendor.domains.not_lookalikes {
            if let Some(owner) = files.iter().find(|f| {
                f.vendor
                    .domains
                    .official
                    .iter()
                    .any(|d| crate::rules::shape::is_within(&exception.domain, d))
            }) {
                problems.push(Problem {
                    file: file.path.clone(),
                    line: find_line(&file.source, &format!("\"{}\"", exception.domain)),
                    field: "domains.not_lookalikes".into(),
                    message: format!(
                        "`{}` is within an official domain of `{}`",
                        exception.domain, owner.vendor.id
                    ),
                    hint: "an official domain is never a lookalike already; remove the exception"
                        .into(),
                });
            }
        }
        for owned in &vendor.domains.owner_endings {
            if let Some(first) = owner_endings.insert(&owned.ending, &vendor.id) {
                problems.push(Problem {
                    file: file.path.clone(),
                    line: find_line(&file.source, &format!("\"{}\"", owned.ending)),
                    field: "domains.owner_endings".into(),
                    message: format!("`.{}` is also listed by `{first}`", owned.ending),
                    hint: "list an owner's ending once, in the file of the vendor whose official domain is under it".into(),
                });
            }
        }
        if let Some(successor) = &vendor.status.successor {
            if !files.iter().any(|f| &f.vendor.id == successor) {
                problems.push(Problem {
                    file: file.path.clone(),
                    line: find_line(&file.source, "successor"),
                    field: "status.successor".into(),
                    message: format!("unknown vendor id `{successor}`"),
                    hint: "name a vendor that has a rules file, or leave `successor` out".into(),
                });
            }
        }
    }
}

/// Runs each `matches` / `no_matches` example through the real classifier.
fn example_checks(files: &[RulesFile], problems: &mut Vec<Problem>) {
    let Ok(db) = Database::from_vendors(files.iter().map(|f| f.vendor.clone()).collect()) else {
        return;
    };
    let classifier = Classifier::new(&db);
    for file in files {
        let vendor = &file.vendor;
        for (i, page) in vendor.pages.iter().enumerate() {
            let expected = Kind::from(page.kind);
            for example in &page.matches {
                let got = classifier.classify(example);
                let ok = matches!(&got, Ok(c) if c.vendor.map(|v| db.entry(v).vendor.id.as_str()) == Some(vendor.id.as_str()) && c.kind == expected);
                if !ok {
                    let what = match got {
                        Ok(c) => format!(
                            "vendor {} kind {}",
                            c.vendor.map_or("none", |v| db.entry(v).vendor.id.as_str()),
                            c.kind.as_str()
                        ),
                        Err(e) => e.to_string(),
                    };
                    problems.push(Problem {
                        file: file.path.clone(),
                        line: find_line(&file.source, &format!("\"{example}\"")),
                        field: format!("pages[{i}].matches"),
                        message: format!("`{example}` should be {} {} but classifies as {what}", vendor.id, expected.as_str()),
                        hint: "fix the shape's hosts/paths/id_format, or the example (an earlier shape may take it first)".into(),
                    });
                }
            }
            for example in &page.no_matches {
                if let Ok(c) = classifier.classify(example) {
                    if c.vendor.is_some() && c.kind == expected {
                        problems.push(Problem {
                            file: file.path.clone(),
                            line: find_line(&file.source, &format!("\"{example}\"")),
                            field: format!("pages[{i}].no_matches"),
                            message: format!(
                                "`{example}` must not be a {} page but matches",
                                expected.as_str()
                            ),
                            hint: "tighten the shape (paths, id_format)".into(),
                        });
                    }
                }
            }
        }
    }
}

/// 1-based line of `key = …` inside the table that starts at the line `header`; the header's line when the
/// key is not there, 1 when the header is not either.
pub fn find_line_in(source: &str, header: &str, key: &str) -> usize {
    let Some(start) = source.lines().position(|line| line.trim() == header) else {
        return find_line(source, header);
    };
    source
        .lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, line)| !line.trim_start().starts_with('['))
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            trimmed.starts_with(&format!("{key} ")) || trimmed.starts_with(&format!("{key}="))
        })
        .map_or(start + 1, |(i, _)| i + 1)
}

/// 1-based line of the first occurrence of `needle` as a key or value; 1 if absent.
pub fn find_line(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|line| {
            let trimmed = line.trim_start();
            !trimmed.starts_with('#')
                && (trimmed.starts_with(&format!("{needle} "))
                    || trimmed.starts_with(&format!("{needle}="))
                    || line.contains(needle))
        })
        .map_or(1, |i| i + 1)
}

fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|y| number(y, 4)) else {
        return false;
    };
    if !(1990..=2100).contains(&year) {
        return false;
    }
    match parts.len() {
        1 => true,
        2 => parts[1..]
            .iter()
            .all(|m| number(m, 2).is_some_and(|m| (1..=12).contains(&m))),
        3 => {
            let (Some(month), Some(day)) = (number(parts[1], 2), number(parts[2], 2)) else {
                return false;
            };
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&day)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        for good in ["2020", "2020-10", "2020-10-26", "2024-02-29"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "20",
            "2020-13",
            "2020-02-30",
            "2023-02-29",
            "26/10/2020",
            "2020-1-2",
            "October 2020",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
