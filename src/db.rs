//! The compiled vendor database: vendors with their URL shapes compiled, their grades, and an index from official
//! domains to vendors. The bundled one is decoded from the blob `build.rs` made from `rules/vendors/*.toml`
//! (`crate::rules::blob`), with each vendor's grade report graded there; rules files are graded here
//! (`Database::from_vendors`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::grade::{number, GradeReport};
use crate::rules::requirements::{claimed_twice, prefix_segments, ParsedShape};
use crate::rules::shape::{is_within, HostPattern, IdFormat, PathPattern, Refusal, Unexplained};
use crate::rules::{PageKind, PageShape, Vendor};
use crate::text::HeadHasher;

/// Index of a vendor in a `Database`.
pub type VendorIndex = usize;

/// A `PageShape` with its patterns parsed.
#[derive(Debug, Clone)]
pub struct CompiledShape {
    pub kind: PageKind,
    pub hosts: Vec<HostPattern>,
    pub exclude_hosts: Vec<HostPattern>,
    pub paths: Vec<PathPattern>,
    /// Patterns of the fragment's route (`fragments`); empty: the fragment is not looked at.
    pub fragments: Vec<PathPattern>,
    pub id_format: Option<IdFormat>,
    pub id_param: Option<String>,
    pub secret_params: Vec<String>,
    pub secret_in_fragment: bool,
    pub secret_format: Option<IdFormat>,
    pub path_case_insensitive: bool,
    /// `hosts = ["*"]`: the shape applies on any host (self-hosted software whose paths are its own, such as
    /// BigBlueButton's `/bigbluebutton/api/join`). Its paths all start with `prefix_segments()` literals.
    pub any_host: bool,
    /// With `any_host`: the host must have one of these labels before its registrable domain (`host_labels`).
    pub host_labels: Vec<String>,
}

impl CompiledShape {
    /// Compiles a shape and checks it against the rules' requirements; the error names the offending field.
    pub fn compile(shape: &PageShape) -> Result<CompiledShape, (String, String)> {
        CompiledShape::compile_as(shape)
    }

    /// Compiles a shape, refusing with `E` (`Refusal`, `ParsedShape::parse_as`): a `String` refusal also checks it
    /// against the rules' requirements beyond its patterns' syntax. `Unexplained` skips those checks, so it is
    /// only for shapes already held to them at build time: `Database::bundled`'s, which build.rs checked with the
    /// same `ParsedShape::parse_as::<String>` (a refused shape fails the build), so the checks and the messages
    /// stay out of the wasm package (docs/size.md, session 42). Never for shapes read at run time (rules files,
    /// `Database::from_vendors`): those take `compile`.
    fn compile_as<E: Refusal>(shape: &PageShape) -> Result<CompiledShape, (String, E)> {
        let ParsedShape {
            any_host,
            hosts,
            exclude_hosts,
            paths,
            fragments,
            id_format,
            secret_format,
        } = ParsedShape::parse_as(shape)?;
        Ok(CompiledShape {
            kind: shape.kind,
            hosts,
            exclude_hosts,
            paths,
            fragments,
            id_format,
            id_param: shape.id_param.clone(),
            secret_params: shape.secret_params.clone(),
            secret_in_fragment: shape.secret_in_fragment,
            secret_format,
            path_case_insensitive: shape.path_case_insensitive,
            any_host,
            host_labels: shape.host_labels.clone(),
        })
    }

    /// How many fixed segments this shape's paths start with, at least, when it applies on any host.
    pub fn prefix_segments(&self) -> usize {
        prefix_segments(!self.host_labels.is_empty())
    }

    /// Whether `host` may carry this shape's pages as far as `host_labels` goes: always without them, else when
    /// the host's first label is one of them, in front of its registrable domain (`bbb.example.edu`, not
    /// `bbb.org` itself).
    pub fn host_label_allows(&self, host: &str) -> bool {
        self.host_labels.is_empty() || has_host_label(host, &self.host_labels)
    }
}

/// Whether `host`'s first label is `label` and more follows (`bbb.` of `bbb.example.edu`), compared without
/// case: a few instructions, so the URL screen can ask it of every host.
pub fn first_label_is(host: &str, label: &str) -> bool {
    let (host, label) = (host.as_bytes(), label.as_bytes());
    host.len() > label.len() + 1
        && host[label.len()] == b'.'
        && host[..label.len()].eq_ignore_ascii_case(label)
}

/// Whether `host`'s first label is one of `labels` and lies in front of its registrable domain: `bbb` of
/// `bbb.example.edu` (the name BigBlueButton's installer gives a server), not of `bbb.org` (the registrable
/// domain itself, someone's brand), `example.bbb` (a suffix) or `x.bbb.example.edu` (not the server's own name).
pub fn has_host_label(host: &str, labels: &[String]) -> bool {
    // The public-suffix look-up only for the rare host whose first label is one of them.
    labels.iter().any(|l| first_label_is(host, l))
        && crate::psl::domain_str(host).is_some_and(|domain| domain.len() < host.len())
}

/// Whether `text` reads as a day `YYYY-MM-DD` of 1990–2100 (the rules files' years), month 1–12, day 1–31: the
/// grade reads only its year and month, and the extension's day comes from a `Date` (vendor-card.js readerDay), so a
/// day its month does not have is not refused. By bytes and numbers rather than `rules::check::is_iso_date`, whose
/// splitting and parsing would add 1.4 KB to the wasm. (A first version compared the digits as strings with constant
/// ranges, `("1990"..="2100").contains(…)`, and the release wasm refused every day with it: the wasm build's `memcmp`
/// and `bcmp` had been merged into one function, so constant-length ordering compares were expanded as equality
/// tests; fixed in src/mem_compare.rs, session 46. Either version is right now; this one stays.)
fn is_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, &b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shape
        && matches!(
            (number(&text[..4]), number(&text[5..7]), number(&text[8..])),
            (Some(1990..=2100), Some(1..=12), Some(1..=31))
        )
}

/// What a compiled database knows about one vendor.
#[derive(Debug, Clone)]
pub struct VendorEntry {
    pub vendor: Vendor,
    pub shapes: Vec<CompiledShape>,
    pub grade: GradeReport,
    pub id_format: Option<IdFormat>,
}

#[derive(Debug, Clone, Default)]
pub struct Database {
    pub entries: Vec<VendorEntry>,
    /// Official domain (or service host) → vendor. Probed for every suffix of every host the URL screen
    /// passes: the default SipHash cost more than the rest of the probe (callgrind), and the keys are the
    /// rules' own domains, so a host can only probe, never fill the table.
    domains: HashMap<String, VendorIndex, BuildHasherDefault<HeadHasher>>,
    /// Vendor id → vendor, the same map type as `domains`: std's default (SipHash with random keys) was the
    /// engine's only use of it, and brought its own copy of the table's code, the hasher and the keys'
    /// thread-local into the wasm (docs/size.md, session 39); the keys are the rules' ids here too.
    by_id: HashMap<String, VendorIndex, BuildHasherDefault<HeadHasher>>,
    /// Longest official domain, in labels: bounds the suffix walk of a host.
    max_labels: usize,
    /// Official domains whose subdomains are users' names (`[domains] user_named`: `t.me`), where only one label
    /// of a username's characters is the vendor's (`is_user_label`).
    user_named: Vec<String>,
}

/// One label of a username's characters (letters, digits, underscores: Telegram's usernames,
/// core.telegram.org/method/account.updateUsername): `zoomus` in `zoomus.t.me`, not `zoom.us` or `zoom-meeting`,
/// which no user can hold, so such a host is somebody else's name, not the vendor's.
fn is_user_label(label: &str) -> bool {
    !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Version of the bundled data: the number of vendors and a hash of the rules files, set by `build.rs`.
pub const DATA_VERSION: &str = env!("JOINGUARD_DATA_VERSION");

static BUNDLED_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/vendors.blob"));

impl Database {
    /// The database compiled into the engine at build time (`build.rs`, which also held every shape to the rules'
    /// requirements, so its shapes are compiled here without those checks: `CompiledShape::compile_as`, and refused
    /// an id or a domain two vendors claim).
    /// Its vendors come graded (`build.rs` ran `grade::graded` on them, tests/rules_check.rs holds the reports
    /// to the grader's): the extension's engine carries no inference or grading code (docs/size.md, session 41).
    pub fn bundled() -> Database {
        let vendors = crate::rules::blob::decode(BUNDLED_BLOB)
            .expect("the bundled vendor blob is written by build.rs with the same `Blob` impls");
        // Not `expect`: the errors' `Debug` (a list of tuples of quoted strings) was in the wasm for this one
        // message that the build and the tests keep from ever showing (docs/size.md, session 39).
        // Compiled without the rules' checks and messages (`CompiledShape::compile_as`; build.rs applied the
        // checks): `rules check` tells what is wrong with a field named here.
        Database::from_graded::<Unexplained>(vendors).unwrap_or_else(|errors| {
            // One string in a loop: a `map` … `collect` and a `join` were instances of their own (session 43).
            let mut named = String::new();
            for (vendor, field, _) in &errors {
                if !named.is_empty() {
                    named.push_str("; ");
                }
                named.push_str(vendor);
                named.push(' ');
                named.push_str(field);
            }
            panic!("the bundled vendor database compiles (checked by `joinguard rules check`): {named}")
        })
    }

    /// Compiles vendors as written (rules files): infers and grades them (`grade::graded`); the error lists
    /// `(vendor id, field, problem)`.
    pub fn from_vendors(vendors: Vec<Vendor>) -> Result<Database, Vec<(String, String, String)>> {
        Database::from_graded(crate::grade::graded(vendors))
    }

    /// Compiles graded vendors, refusing with `E` (`Refusal`, `CompiledShape::compile_as`); with `E::CHECKS`
    /// also an id or an official domain two vendors claim (`requirements::claimed_twice`).
    fn from_graded<E: Refusal>(
        vendors: Vec<(Vendor, GradeReport)>,
    ) -> Result<Database, Vec<(String, String, E)>> {
        let mut errors = Vec::new();
        let mut db = Database::default();
        for (vendor, grade) in vendors {
            let index = db.entries.len();
            let mut shapes = Vec::new();
            for shape in &vendor.pages {
                match CompiledShape::compile_as::<E>(shape) {
                    Ok(compiled) => shapes.push(compiled),
                    Err((field, problem)) => {
                        errors.push((vendor.id.clone(), "pages.".to_string() + &field, problem))
                    }
                }
            }
            let id_format = match vendor
                .invitation
                .as_ref()
                .map(|i| IdFormat::parse_as(&i.meeting_id_format))
            {
                Some(Err(problem)) => {
                    errors.push((
                        vendor.id.clone(),
                        "invitation.meeting_id_format".into(),
                        problem,
                    ));
                    None
                }
                other => other.and_then(Result::ok),
            };
            for domain in &vendor.domains.official {
                db.domains.insert(domain.clone(), index);
                db.max_labels = db.max_labels.max(domain.split('.').count());
            }
            for named in &vendor.domains.user_named {
                db.user_named.push(named.domain.clone());
            }
            db.by_id.insert(vendor.id.clone(), index);
            db.entries.push(VendorEntry {
                vendor,
                shapes,
                grade,
                id_format,
            });
        }
        // An id or a domain claimed twice: build.rs refused those of the bundled rules, so they are not asked
        // again without the checks (the index would give a domain to its later vendor).
        if E::CHECKS {
            let vendors = db.entries.iter().map(|e| &e.vendor);
            for claim in claimed_twice(vendors) {
                let vendor = &db.entries[claim.again].vendor.id;
                let first = &db.entries[claim.earlier].vendor.id;
                errors.push((
                    vendor.clone(),
                    claim.field.into(),
                    E::because(|| match claim.field {
                        "id" => format!("duplicate vendor id `{vendor}`"),
                        _ => format!("`{}` is already claimed by `{first}`", claim.text),
                    }),
                ));
            }
        }
        if errors.is_empty() {
            Ok(db)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<VendorIndex> {
        self.by_id.get(id).copied()
    }

    pub fn entry(&self, index: VendorIndex) -> &VendorEntry {
        &self.entries[index]
    }

    /// A vendor's grade report on the reader's day `today` (`YYYY-MM-DD` of 1990–2100, `is_day`), for the popup's
    /// vendor card: its ratings age by that day when it is after the database's date (`grade::as_of`), the date its
    /// stored report was graded at (`entry.grade`, which the URL answers, the badge, the banner and the CLI show).
    /// Without a day, or on one not after the database's date, the stored report; otherwise the stored report with
    /// its rating lines graded again (`grade::aged`): the blob holds the facts they are graded from.
    pub fn grade_on(&self, index: VendorIndex, today: Option<&str>) -> Result<GradeReport, String> {
        let entry = self.entry(index);
        let Some(today) = today else {
            return Ok(entry.grade.clone());
        };
        if !is_day(today) {
            return Err(format!(
                "`{today}` is not a day written YYYY-MM-DD between 1990 and 2100"
            ));
        }
        let as_of = crate::grade::as_of(self.entries.iter().map(|entry| &entry.vendor));
        if today <= as_of.as_str() {
            return Ok(entry.grade.clone());
        }
        Ok(crate::grade::aged(
            &entry.grade,
            &entry.vendor,
            &as_of,
            today,
        ))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The vendor owning a (lower-case, ASCII) host, matching official domains on label boundaries.
    pub fn vendor_of_host(&self, host: &str) -> Option<VendorIndex> {
        let host = host.strip_suffix('.').unwrap_or(host);
        let bytes = host.as_bytes();
        // Walk the host's suffixes from the longest that could be an official domain (`max_labels` labels),
        // a hash probe each. Byte loops, not `str::split_once`: its searcher's set-up cost more than these
        // few bytes (callgrind, `make bench-instructions`).
        let mut start = 0;
        let mut dots = 0;
        for at in (0..bytes.len()).rev() {
            if bytes[at] == b'.' {
                dots += 1;
                if dots == self.max_labels {
                    start = at + 1;
                    break;
                }
            }
        }
        loop {
            if let Some(&index) = self.domains.get(&host[start..]) {
                return self.admits(host, &host[start..]).then_some(index);
            }
            start += bytes[start..].iter().position(|&b| b == b'.')? + 1;
        }
    }

    /// Whether `host`, within the official domain `domain`, is the vendor's: every such host is, except under a
    /// user-named domain, where only the domain and one username label under it are (`zoom.us.t.me` is not).
    fn admits(&self, host: &str, domain: &str) -> bool {
        host.len() == domain.len()
            || !self.user_named.iter().any(|named| named == domain)
            || is_user_label(&host[..host.len() - domain.len() - 1])
    }

    /// Official domains with their vendor, for lookalike indexing.
    pub fn official_domains(&self) -> impl Iterator<Item = (&str, VendorIndex)> {
        self.domains.iter().map(|(d, &i)| (d.as_str(), i))
    }

    /// The hosts that vendor-site shapes name (a maker's shared host, `www.microsoft.com`) with their vendor,
    /// once each, in database order: the classifier tries those shapes on them, and the screen's host table
    /// marks them (`LookalikeIndex`), from this one list.
    pub fn shared_hosts(&self) -> Vec<(String, VendorIndex)> {
        let mut shared: Vec<(String, VendorIndex)> = Vec::new();
        for (index, entry) in self.entries.iter().enumerate() {
            let shapes = entry.shapes.iter();
            for shape in shapes.filter(|s| s.kind == PageKind::VendorSite) {
                // `compile` lets a vendor-site shape name exact hosts only.
                for host in &shape.hosts {
                    if let HostPattern::Exact(host) = host {
                        let host = (host.clone(), index);
                        if !shared.contains(&host) {
                            shared.push(host);
                        }
                    }
                }
            }
        }
        shared
    }

    /// Whether `host` lies within one of the vendor's official domains.
    pub fn owns(&self, index: VendorIndex, host: &str) -> bool {
        self.entries[index]
            .vendor
            .domains
            .official
            .iter()
            .any(|d| is_within(host, d) && self.admits(host, d))
    }
}

#[cfg(all(test, feature = "rules-files"))]
mod tests {
    use super::*;
    use crate::rules::requirements::LABELLED_HOST_PREFIX_SEGMENTS;

    fn shape(extra: &str) -> PageShape {
        toml::from_str(&format!(
            "kind = \"join\"\nhosts = [\"app.example.org\"]\nmatches = [\"https://app.example.org/\"]\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn fragments_compile_and_keep_one_id() {
        let ok = CompiledShape::compile(&shape("paths = [\"/\"]\nfragments = [\"/room/{id}/**\"]"))
            .unwrap();
        assert_eq!(ok.fragments.len(), 1);
        let (field, message) = CompiledShape::compile(&shape(
            "paths = [\"/r/{id}\"]\nfragments = [\"/room/{id}\"]",
        ))
        .unwrap_err();
        assert_eq!(field, "fragments");
        assert!(message.contains("both"), "{message}");
        let (field, message) =
            CompiledShape::compile(&shape("paths = [\"/\"]\nfragments = [\"room\"]")).unwrap_err();
        assert_eq!(field, "fragments");
        assert!(message.contains("must start with `/`"), "{message}");
    }

    /// The popup's vendor card ages ratings by the reader's day (`grade_on`): the bundled Zoom's Dutch DPIA of 11
    /// April 2024 counts on 30 April 2027 and is history from 1 May 2027 (more than 36 months), while the stored
    /// report, graded at the database's date, keeps counting it.
    #[test]
    fn ratings_age_by_the_readers_day() {
        let db = Database::bundled();
        let zoom = db.get("zoom").unwrap();
        let stored = &db.entry(zoom).grade;
        let by_dpia = |reason: &crate::grade::GradeReason| {
            reason
                .params
                .get("rater")
                .is_some_and(|rater| rater == "dutch-dpia")
        };
        assert!(stored.reasons.iter().any(by_dpia));
        let counted = db.grade_on(zoom, Some("2027-04-30")).unwrap();
        assert_eq!(
            (&counted.reasons, counted.score),
            (&stored.reasons, stored.score)
        );
        let aged = db.grade_on(zoom, Some("2027-05-01")).unwrap();
        assert!(!aged.reasons.iter().any(by_dpia));
        let history = aged.history.iter().find(|reason| by_dpia(reason)).unwrap();
        assert_eq!(history.params["variant"], "expired");
        assert!(
            history
                .reason
                .contains("before 2027-05-01, the reader's date"),
            "{}",
            history.reason
        );
        assert_eq!(aged.score, stored.score - 5);
        // No day, or one not after the database's date (a clock set back): the stored report.
        assert_eq!(&db.grade_on(zoom, None).unwrap(), stored);
        assert_eq!(&db.grade_on(zoom, Some("2000-01-01")).unwrap(), stored);
        for bad in [
            "2027-5-01",
            "2027-02-32",
            "2027-00-10",
            "1970-01-01",
            "2101-01-01",
            "2027-05",
            "2027-05-01T00:00",
            "",
        ] {
            assert!(db.grade_on(zoom, Some(bad)).is_err(), "{bad}");
        }
    }

    /// The engine's cheap path (`grade::aged`, the stored report with its rating lines graded again) is the
    /// grader's on the reader's day (`grade_vendor_on`), for every bundled vendor, on days around each rating's
    /// end and past them all.
    #[test]
    fn the_aged_report_is_the_graders_on_that_day() {
        let db = Database::bundled();
        let as_of = crate::grade::as_of(db.entries.iter().map(|entry| &entry.vendor));
        for entry in &db.entries {
            for today in [
                "2026-12-07",
                "2027-04-30",
                "2027-05-01",
                "2027-07-01",
                "2040-01-01",
            ] {
                let report = crate::grade::grade_vendor_on(&entry.vendor, &as_of, Some(today));
                assert_eq!(
                    crate::grade::aged(&entry.grade, &entry.vendor, &as_of, today),
                    report,
                    "{} on {today}",
                    entry.vendor.id
                );
                assert_eq!(
                    db.grade_on(db.get(&entry.vendor.id).unwrap(), Some(today)),
                    Ok(report)
                );
            }
        }
    }

    /// `aged` keeps the grader's order when a vendor has both a counted rating and the open-source line, which no
    /// bundled vendor has on the days tested above: a made-up open-source, self-hostable vendor (the bundled Jitsi
    /// Meet's facts) with one favourable rating of its own, dated so that it counts at the database's date and on
    /// the first day, and has expired on the second.
    #[test]
    fn the_aged_rating_lines_come_before_the_open_source_line() {
        use crate::rules::{Rater, Rating, Verdict};
        let db = Database::bundled();
        let as_of = crate::grade::as_of(db.entries.iter().map(|entry| &entry.vendor));
        let mut vendor = db.entry(db.get("jitsi").unwrap()).vendor.clone();
        vendor.id = "made-up".into();
        vendor.ratings = vec![Rating {
            by: Rater::DutchDpia,
            verdict: Verdict::Favourable,
            label: "made up".into(),
            date: "2026-01-15".into(),
            sources: Vec::new(),
        }];
        let stored = crate::grade::grade_vendor(&vendor, &as_of);
        let ids = |report: &GradeReport| report.reasons.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(
            ids(&stored).last_chunk(),
            Some(&["rating", "open-source-self-hostable"])
        );
        for today in ["2027-06-01", "2029-02-01"] {
            let aged = crate::grade::aged(&stored, &vendor, &as_of, today);
            assert_eq!(
                aged,
                crate::grade::grade_vendor_on(&vendor, &as_of, Some(today)),
                "{today}"
            );
        }
        assert!(crate::grade::aged(&stored, &vendor, &as_of, "2029-02-01")
            .reasons
            .iter()
            .all(|r| r.id != "rating"));
    }

    /// Rules files read at run time are refused an id or a domain claimed twice, which the bundled database
    /// (build.rs refused them) is not asked.
    #[test]
    fn rules_files_claiming_an_id_or_domain_twice_are_refused() {
        let (files, problems) =
            crate::rules::load_dir(std::path::Path::new("rules/vendors")).unwrap();
        assert_eq!(problems.len(), 0);
        let mut vendors: Vec<Vendor> = files.into_iter().map(|f| f.vendor).collect();
        assert!(Database::from_vendors(vendors.clone()).is_ok());
        let zoom = vendors.iter().position(|v| v.id == "zoom").unwrap();
        vendors.push(vendors[zoom].clone());
        let errors = Database::from_vendors(vendors).err().unwrap();
        let error = |field: &str, problem: &str| ("zoom".to_string(), field.into(), problem.into());
        assert_eq!(
            errors,
            [
                error("id", "duplicate vendor id `zoom`"),
                error("domains.official", "`zoom.us` is already claimed by `zoom`"),
                error(
                    "domains.official",
                    "`zoom.com` is already claimed by `zoom`"
                ),
                error(
                    "domains.official",
                    "`zoomgov.com` is already claimed by `zoom`"
                ),
            ]
        );
    }

    /// `Database::bundled` compiles its shapes without the rules' checks (`compile_as`; build.rs applies them to
    /// the rules files): every bundled shape must pass them (`compile`) and compile to what it holds, and the
    /// unchecked compile must still refuse what it cannot parse.
    #[test]
    fn bundled_shapes_pass_the_checks_they_are_compiled_without() {
        let db = Database::bundled();
        let mut compiled = 0;
        for entry in &db.entries {
            assert_eq!(
                entry.shapes.len(),
                entry.vendor.pages.len(),
                "{}",
                entry.vendor.id
            );
            for (held, shape) in entry.shapes.iter().zip(&entry.vendor.pages) {
                let checked = CompiledShape::compile(shape)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", entry.vendor.id));
                assert_eq!(
                    format!("{held:?}"),
                    format!("{checked:?}"),
                    "{}",
                    entry.vendor.id
                );
                compiled += 1;
            }
        }
        assert!(compiled > 50, "{compiled} shapes");
        // A check's refusal (a shape on any host whose paths start with no fixed segment) is not the parser's.
        let open = any_host_shape("hosts = [\"*\"]\npaths = [\"/{id}\"]");
        assert_eq!(open.unwrap_err().0, "paths");
        let unchecked = toml::from_str::<PageShape>(
            "kind = \"join\"\nhosts = [\"*\"]\npaths = [\"/{id}\"]\nmatches = [\"https://a.example/1\"]",
        )
        .unwrap();
        assert!(CompiledShape::compile_as::<Unexplained>(&unchecked).is_ok());
        let (field, _) =
            CompiledShape::compile_as::<Unexplained>(&shape("paths = [\"j/{id}\"]")).unwrap_err();
        assert_eq!(field, "paths");
    }

    fn any_host_shape(extra: &str) -> Result<CompiledShape, (String, String)> {
        let shape: PageShape = toml::from_str(&format!(
            "kind = \"join\"\nmatches = [\"https://bbb.example.edu/b/abc-def-ghi\"]\n{extra}"
        ))
        .unwrap();
        CompiledShape::compile(&shape)
    }

    #[test]
    fn host_labels_let_an_any_host_shape_be_short_only_with_a_label() {
        let labelled =
            any_host_shape("hosts = [\"*\"]\nhost_labels = [\"bbb\"]\npaths = [\"/b/{id}\"]")
                .unwrap();
        assert_eq!(labelled.prefix_segments(), LABELLED_HOST_PREFIX_SEGMENTS);
        let (field, message) =
            any_host_shape("hosts = [\"*\"]\npaths = [\"/b/{id}\"]").unwrap_err();
        assert_eq!(field, "paths");
        assert!(message.contains("host_labels"), "{message}");
        let (field, message) = any_host_shape(
            "hosts = [\"bbb.example.edu\"]\nhost_labels = [\"bbb\"]\npaths = [\"/b/{id}\"]",
        )
        .unwrap_err();
        assert_eq!(field, "host_labels");
        assert!(message.contains("hosts = [\"*\"]"), "{message}");
        let (field, message) = any_host_shape(
            "hosts = [\"*\"]\nhost_labels = [\"bbb.example\"]\npaths = [\"/b/{id}\"]",
        )
        .unwrap_err();
        assert_eq!(field, "host_labels");
        assert!(message.contains("bbb.example"), "{message}");
    }

    #[test]
    fn a_host_label_counts_only_first_and_in_front_of_the_registrable_domain() {
        let labels = vec!["bbb".to_string()];
        for host in [
            "bbb.example.edu",
            "BBB.example.co.uk",
            "bbb.uni.ac.at",
            "bbb.cs.example.edu",
        ] {
            assert!(has_host_label(host, &labels), "{host}");
        }
        // The registrable domain itself (someone's brand), a suffix, the label further in, a label that only
        // contains the word, an address and a bare suffix are not the server's label.
        for host in [
            "bbb.org",
            "www.bbb.org",
            "example.bbb",
            "x.bbb.example.edu",
            "bbbx.example.edu",
            "192.168.0.1",
            "co.uk",
            "bbb.",
            "",
        ] {
            assert!(!has_host_label(host, &labels), "{host}");
        }
    }
}
