//! Assessments: a classified URL (and, later, page signals) turned into findings with stable ids and severities,
//! under the organisation's policy. This is what the CLI prints and the extension shows.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::classify::{Classifier, Kind, LookalikeMemo, UrlClass, UrlError, UrlScreen, UrlTrick};
use crate::db::{Database, VendorIndex};
use crate::grade::{GradeReason, GradeReport, Retirement, Standing};
use crate::json;
use crate::policy::Policy;
use crate::rules::{Lifecycle, Vendor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Caution,
    Warning,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable kebab-case id shared by the CLI, the extension and the rules (`lookalike-domain`, …).
    pub id: &'static str,
    pub severity: Severity,
    /// The finding in English, for the CLI and as the extension's fallback.
    pub message: String,
    /// What the extension needs to say the same in the reader's language: named strings (vendor and host
    /// names, dates) that fill the `finding_<id>` message of its `_locales` (extension/shared/findings-text.js lists
    /// which names fill which placeholder). Two names steer the choice of message rather than fill it:
    /// `variant` picks `finding_<id>_<variant>`, and `more` appends `finding_<more>` (a sentence shared
    /// between findings, such as what an identity provider learns). Added fields never change `message`.
    pub params: BTreeMap<&'static str, String>,
}

impl Finding {
    pub fn new(id: &'static str, severity: Severity, message: String) -> Finding {
        Finding {
            id,
            severity,
            message,
            params: BTreeMap::new(),
        }
    }

    /// Adds a named string for the localised message.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.params.insert(name, value.into());
        self
    }
}

/// The assessment of one URL (the `joinguard check` JSON object).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub url: String,
    /// Where the link really leads, after unwrapping SafeLinks and redirects.
    pub target: String,
    pub unwrapped: Vec<&'static str>,
    pub vendor: Option<String>,
    pub vendor_name: Option<String>,
    pub kind: Kind,
    pub lookalike_of: Option<String>,
    pub lookalike_name: Option<String>,
    pub meeting_id: Option<String>,
    pub embedded_secret: bool,
    /// The vendor's grade letter (`?` when not graded); none for a retired service.
    pub grade: Option<char>,
    /// How far the grade can be trusted: `graded`, `provisional`, `ungraded` or `retired`.
    pub standing: Option<Standing>,
    /// How many of the six core facts are known (with a provisional grade: "C, 4 of 6 facts known").
    pub known_facts: Option<u8>,
    /// A retired service: when, and its successor's name.
    pub retired: Option<RetiredService>,
    pub findings: Vec<Finding>,
}

impl Assessment {
    /// The vendor's grade in English words: "grade C", "grade C (provisional: 4 of 6 core facts known)",
    /// "not graded", "retired on 2025-05-05"; `None` when no vendor.
    pub fn grade_words(&self) -> Option<String> {
        GradeWords::of(
            self.retired.as_ref().map(|r| r.date.as_str()),
            self.grade,
            self.standing,
            self.known_facts,
        )
        .map(|words| words.to_string())
    }
}

/// `Assessment::grade_words` as a value that writes itself: the text scan writes it straight into a
/// finding's message.
#[derive(Clone, Copy)]
pub struct GradeWords<'a> {
    retired_on: Option<&'a str>,
    grade: Option<char>,
    standing: Option<Standing>,
    known: Option<u8>,
}

impl<'a> GradeWords<'a> {
    /// None when there is neither a retirement date nor a grade.
    fn of(
        retired_on: Option<&'a str>,
        grade: Option<char>,
        standing: Option<Standing>,
        known: Option<u8>,
    ) -> Option<GradeWords<'a>> {
        (retired_on.is_some() || grade.is_some()).then_some(GradeWords {
            retired_on,
            grade,
            standing,
            known,
        })
    }
}

impl fmt::Display for GradeWords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match (self.retired_on, self.grade, self.standing) {
            (Some(date), _, _) => write!(f, "retired on {date}"),
            (None, _, Some(Standing::Ungraded)) => f.write_str("not graded"),
            (None, Some(grade), Some(Standing::Provisional)) => write!(
                f,
                "grade {grade} (provisional: {} of {} core facts known)",
                self.known.unwrap_or(0),
                crate::grade::CORE_FACTS
            ),
            (None, Some(grade), _) => write!(f, "grade {grade}"),
            (None, None, _) => Ok(()),
        }
    }
}

/// A retired service, for the badge, the banner and the popup (their own wording, not a grade).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetiredService {
    pub date: String,
    pub successor: Option<String>,
    pub successor_name: Option<String>,
}

/// The engine: a database, its classifier and a policy.
pub struct Engine<'d> {
    pub classifier: Classifier<'d>,
    /// Replaced in place for other settings: the classifier depends on the database alone, so a settings
    /// change keeps it, with its lookalike index and the screen's table once built, instead of building them
    /// again (the wasm facade).
    pub policy: Policy,
}

impl<'d> Engine<'d> {
    pub fn new(db: &'d Database, policy: Policy) -> Engine<'d> {
        Engine {
            classifier: Classifier::new(db),
            policy,
        }
    }

    pub fn db(&self) -> &'d Database {
        self.classifier.db
    }

    pub fn classify<'u>(&self, url: &'u str) -> Result<UrlClass<'u>, UrlError> {
        self.classifier
            .classify_with(url, &|host| self.policy.self_hosted_vendor(host))
    }

    /// `Classifier::screened_class` under this engine's policy: `None` for a URL the screen lets go.
    pub fn screened_class<'u>(&self, url: &'u str) -> Option<Result<UrlClass<'u>, UrlError>> {
        self.classifier
            .screened_class(url, &|host| self.policy.self_hosted_vendor(host))
    }

    /// `screened_class` with the lookalike verdicts of a scan or batch (`LookalikeMemo`) and the screen's
    /// table taken once for it (`Classifier::url_screen`): the same answer.
    #[inline(always)]
    pub fn screened_class_memo<'u>(
        &self,
        screen: &UrlScreen,
        url: &'u str,
        memo: &mut LookalikeMemo,
    ) -> Option<Result<UrlClass<'u>, UrlError>> {
        self.screen_passes(screen, url).then(|| {
            self.classifier.passed_class_memo(
                url,
                &|host| self.policy.self_hosted_vendor(host),
                memo,
            )
        })
    }

    /// `screen` as the batch loops ask it of every URL (`Engine::url_codes_joined`), with the screen's table
    /// they took once (`Classifier::url_screen`). Without self-hosted instances (most settings), a lookup that
    /// answers at once: the policy's search of an empty list cost about 45 instructions a URL in wasm (Node,
    /// callgrind).
    #[inline(always)]
    pub(crate) fn screen_passes(&self, screen: &UrlScreen, url: &str) -> bool {
        if self.policy.self_hosted.is_empty() {
            screen.screen(url)
        } else {
            screen.screen_with(url, &|host| self.policy.self_hosted_vendor(host))
        }
    }

    pub fn assess_url(&self, url: &str) -> Result<Assessment, UrlError> {
        let class = self.classify(url)?;
        Ok(self.assessment(url, &class))
    }

    /// `assess_url` with the lookalike verdicts of a scan or batch (`LookalikeMemo`): the same assessment.
    pub fn assess_url_memo(
        &self,
        url: &str,
        memo: &mut LookalikeMemo,
    ) -> Result<Assessment, UrlError> {
        let class = self.classify_memo(url, memo)?;
        Ok(self.assessment(url, &class))
    }

    /// `classify` with the lookalike verdicts of a scan or batch (`LookalikeMemo`).
    pub fn classify_memo<'u>(
        &self,
        url: &'u str,
        memo: &mut LookalikeMemo,
    ) -> Result<UrlClass<'u>, UrlError> {
        self.classifier
            .classify_memo(url, &|host| self.policy.self_hosted_vendor(host), memo)
    }

    /// What the text scan reports of a classified link: `assessment(url, class)`'s fields, borrowed, and the
    /// messages of the findings in `messages` that the policy shows, written only when asked for. Building
    /// the whole `Assessment` (every finding's message and params, a vendor-risk finding's reasons as JSON,
    /// strings copied and dropped) was about three quarters of what a meeting link cost the plain-text scan.
    pub fn brief<'a, 'u>(
        &'a self,
        class: &'a UrlClass<'u>,
        messages: &'static [&'static str],
    ) -> LinkBrief<'a, 'u> {
        LinkBrief {
            class,
            parts: self.parts(class, Asked::Only(messages)),
        }
    }

    /// Builds the assessment of an already classified URL.
    pub fn assessment(&self, url: &str, class: &UrlClass) -> Assessment {
        let db = self.db();
        let parts = self.parts(class, Asked::All);
        let mut scratch = String::new();
        Assessment {
            url: url.to_string(),
            target: class.target.to_string(),
            unwrapped: class.unwrapped.clone(),
            vendor: parts.vendor.map(|v| v.id.clone()),
            vendor_name: parts.vendor.map(|v| v.name.clone()),
            kind: class.kind,
            lookalike_of: parts.lookalike.map(|v| v.id.clone()),
            lookalike_name: parts.lookalike.map(|v| v.name.clone()),
            meeting_id: class.meeting_id.clone(),
            embedded_secret: class.embedded_secret,
            grade: parts.report.and_then(|r| r.grade),
            standing: parts.report.map(|r| r.standing),
            known_facts: parts.report.map(|r| r.known),
            retired: parts
                .report
                .and_then(|r| r.retired.as_ref())
                .map(|r| RetiredService {
                    date: r.date.clone(),
                    successor: r.successor.clone(),
                    successor_name: successor_name(db, r).map(str::to_string),
                }),
            findings: parts
                .findings
                .iter()
                .map(|draft| draft.to_finding(&mut scratch))
                .collect(),
        }
    }

    /// The record of a link worth a badge, appended to `out` (`crate::screen::record`: its index, vendor, kind,
    /// imitated vendor, flags, meeting id and findings as numbers), and what no number says (a lookalike's
    /// finding, an unwrapped link's target) as one JSON object appended to `extras`, after a comma unless
    /// `extras` ends at `listed` (its list's opening bracket and before). With the tables of
    /// `write_link_tables`, the record says all that `assessment(url, class)` says: writing that whole for each
    /// hit (about 760 bytes of JSON, most of it the vendor's grade, the same for every link to the vendor) and
    /// parsing it in JavaScript cost more than screening the hit's whole batch (session 24).
    pub(crate) fn write_link_record(
        &self,
        index: usize,
        url: &str,
        class: &UrlClass,
        out: &mut Vec<u32>,
        (extras, listed): (&mut String, usize),
        scratch: &mut String,
    ) -> fmt::Result {
        use crate::screen::record::{flag, PER_LINK};
        let parts = self.parts(class, Asked::OwnParams);
        // The meeting id as a slice of the link when it is one, at offsets that are JavaScript's too (ASCII up
        // to its end).
        let meeting = class.meeting_id.as_deref().and_then(|id| {
            let start = first_place(url.as_bytes(), id.as_bytes())?;
            let end = start + id.len();
            url.as_bytes()[..end].is_ascii().then_some((start, end))
        });
        // A lone surrogate of JavaScript's string became U+FFFD in `url`: the caller's string is not its text.
        let url_differs = !url.is_ascii() && url.contains('\u{fffd}');
        let target_differs = *class.target != *url;
        let meeting_apart = class.meeting_id.is_some() && meeting.is_none();
        let per_link = parts.findings.iter().any(|draft| draft.slot.is_none());
        let extra = url_differs
            || target_differs
            || !class.unwrapped.is_empty()
            || meeting_apart
            || per_link;
        let mut flags = 0;
        for (set, bit) in [
            (class.embedded_secret, flag::EMBEDDED_SECRET),
            (extra, flag::EXTRA),
            (meeting.is_some(), flag::MEETING_IN_URL),
        ] {
            if set {
                flags |= bit;
            }
        }
        let (start, end) = meeting.unwrap_or((0, 0));
        let number = |i: Option<VendorIndex>| i.map_or(0, |i| i as u32 + 1);
        out.extend_from_slice(&[
            index as u32,
            number(class.vendor),
            crate::codes::kind_code(class.kind),
            number(class.lookalike_of),
            flags,
            start as u32,
            end as u32,
            parts.findings.len() as u32,
        ]);
        out.extend(
            parts
                .findings
                .iter()
                .map(|draft| draft.slot.unwrap_or(PER_LINK)),
        );
        if !extra {
            return Ok(());
        }
        if extras.len() > listed {
            extras.push(',');
        }
        // Each field only when the record's numbers do not say it.
        let mut comma = "{";
        let mut field = |extras: &mut String, name: &str| {
            extras.push_str(comma);
            extras.push('"');
            extras.push_str(name);
            extras.push_str("\":");
            comma = ",";
        };
        if url_differs {
            field(extras, "url");
            json::push_string(extras, url);
        }
        if target_differs {
            field(extras, "target");
            json::push_string(extras, &class.target);
        }
        if !class.unwrapped.is_empty() {
            field(extras, "unwrapped");
            extras.push('[');
            for (i, wrapper) in class.unwrapped.iter().enumerate() {
                if i > 0 {
                    extras.push(',');
                }
                json::push_string(extras, wrapper);
            }
            extras.push(']');
        }
        if let (true, Some(id)) = (meeting_apart, &class.meeting_id) {
            field(extras, "meeting_id");
            json::push_string(extras, id);
        }
        if per_link {
            field(extras, "findings");
            extras.push('[');
            let mut first = true;
            for draft in parts.findings.iter().filter(|draft| draft.slot.is_none()) {
                if !first {
                    extras.push(',');
                }
                first = false;
                draft.write_json(extras, scratch)?;
            }
            extras.push(']');
        }
        extras.push('}');
        Ok(())
    }

    /// What the link records of `write_link_record` name, as JSON appended to `out`, for the wasm facade to
    /// send once per settings: `{"record": {head, per_link, flags}` (the layout), `"kinds"` (kind names in
    /// code order), `"vendors"` (database order: `{id, name, grade, standing, known_facts, retired}`, the
    /// fields of an assessment that come from its vendor) and `"findings"` (each shared finding at its slot, as
    /// an assessment writes it; `null` where there is none or the policy hides it)`}`.
    pub fn write_link_tables(&self, out: &mut String) -> fmt::Result {
        use crate::screen::record::{flag, HEAD, PER_LINK};
        let db = self.db();
        out.push_str("{\"record\":{\"head\":");
        json::push_unsigned(out, HEAD as u64);
        out.push_str(",\"per_link\":");
        json::push_unsigned(out, PER_LINK.into());
        out.push_str(",\"flags\":{");
        for (i, (name, bit)) in flag::NAMES.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::push_string(out, name);
            out.push(':');
            json::push_unsigned(out, (*bit).into());
        }
        out.push_str("}},\"kinds\":[");
        for (i, kind) in crate::codes::KINDS.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::push_string(out, kind.as_str());
        }
        out.push_str("],\"vendors\":[");
        for index in 0..db.len() {
            if index > 0 {
                out.push(',');
            }
            let vendor = &db.entry(index).vendor;
            let report = &db.entry(index).grade;
            out.push_str("{\"id\":");
            json::push_string(out, &vendor.id);
            out.push_str(",\"name\":");
            json::push_string(out, &vendor.name);
            out.push_str(",\"grade\":");
            let mut letter = [0; 4];
            push_optional(out, report.grade.map(|g| &*g.encode_utf8(&mut letter)));
            out.push_str(",\"standing\":");
            push_serialized(out, &report.standing)?;
            out.push_str(",\"known_facts\":");
            json::push_unsigned(out, report.known.into());
            out.push_str(",\"retired\":");
            match &report.retired {
                None => out.push_str("null"),
                Some(retired) => {
                    out.push_str("{\"date\":");
                    json::push_string(out, &retired.date);
                    out.push_str(",\"successor\":");
                    push_optional(out, retired.successor.as_deref());
                    out.push_str(",\"successor_name\":");
                    push_optional(out, successor_name(db, retired));
                    out.push('}');
                }
            }
            out.push('}');
        }
        out.push_str("],\"findings\":[");
        // Every finding with its params, as an assessment has them.
        let all = Findings {
            list: Vec::new(),
            policy: &self.policy,
            asked: Asked::All,
        };
        let tricks = [
            UrlTrick::Userinfo,
            UrlTrick::Backslash,
            UrlTrick::ControlCharacter,
            UrlTrick::InvalidIdnLabel,
        ];
        let tricks = tricks
            .iter()
            .map(|trick| -> Option<Draft> { Some(trick_draft(&all, trick)) });
        let vendors = (0..db.len()).flat_map(|index| {
            [
                self.retired_draft(&all, index),
                self.policy_draft(&all, index),
                self.grade_draft(&all, index),
            ]
        });
        let mut scratch = String::new();
        let secret: Option<Draft> = Some(secret_draft(&all));
        let drafts = std::iter::once(secret).chain(tricks).chain(vendors);
        for (slot, draft) in drafts.enumerate() {
            if slot > 0 {
                out.push(',');
            }
            match draft.filter(|draft| self.policy.shows(draft.id)) {
                Some(draft) => {
                    debug_assert_eq!(draft.slot, Some(slot as u32));
                    draft.write_json(out, &mut scratch)?;
                }
                None => out.push_str("null"),
            }
        }
        out.push_str("]}");
        Ok(())
    }

    /// What `assessment`, `write_link_record` and `brief` say of a classified URL, borrowed: the findings and
    /// params that `asked` says.
    fn parts<'a>(&'a self, class: &'a UrlClass, asked: Asked) -> Parts<'a> {
        let db = self.db();
        let vendor = class.vendor.map(|i| &db.entry(i).vendor);
        let lookalike = class.lookalike_of.map(|i| &db.entry(i).vendor);
        let mut findings = Findings {
            list: Vec::new(),
            policy: &self.policy,
            asked,
        };

        if let (Some(imitated), Some(reason)) = (lookalike, &class.lookalike_reason) {
            let name = imitated.name.as_str();
            let official = imitated.domains.official.as_slice();
            let mut draft = findings
                .draft(
                    "lookalike-domain",
                    Severity::Danger,
                    Message::Lookalike {
                        name,
                        reason,
                        official,
                    },
                    None,
                )
                .with("vendor", Param::Text(name))
                .with("host", Param::Text(&class.host))
                .with("official", Param::Domains(official));
            for (name, value) in &class.lookalike_why {
                draft = draft.with(name, Param::Text(value));
            }
            findings.push(draft);
        }
        for trick in &class.tricks {
            findings.push(trick_draft(&findings, trick));
        }
        if let Some(index) = class.vendor {
            self.vendor_findings(index, class, &mut findings);
        }
        Parts {
            vendor,
            lookalike,
            report: class.vendor.map(|i| &db.entry(i).grade),
            findings: findings.list,
        }
    }

    fn vendor_findings<'a>(
        &'a self,
        index: VendorIndex,
        class: &UrlClass,
        findings: &mut Findings<'a>,
    ) {
        let asked: &Findings<'a> = findings;
        for draft in [
            self.retired_draft(asked, index),
            self.policy_draft(asked, index),
            class.embedded_secret.then(|| secret_draft(asked)),
            // A retired service has its own finding above, not a grade; a brief that does not ask for the grade
            // does not build it.
            (class.kind.is_meeting_page() && asked.wants("vendor-risk"))
                .then(|| self.grade_draft(asked, index))
                .flatten(),
        ]
        .into_iter()
        .flatten()
        {
            findings.push(draft);
        }
    }

    /// A retired service's finding, if the vendor at `index` is one.
    fn retired_draft<'a>(&'a self, asked: &Findings<'a>, index: VendorIndex) -> Option<Draft<'a>> {
        let db = self.db();
        let vendor = &db.entry(index).vendor;
        if vendor.status.value != Lifecycle::Retired {
            return None;
        }
        let name = vendor.name.as_str();
        let successor = vendor
            .status
            .successor
            .as_deref()
            .and_then(|id| db.get(id))
            .map(|i| db.entry(i).vendor.name.as_str());
        let date = vendor.status.date.as_deref();
        let mut draft = asked
            .draft(
                "retired-service",
                Severity::Warning,
                Message::Retired {
                    name,
                    date,
                    successor,
                },
                Some(vendor_slot(index, VendorSlot::Retired)),
            )
            .with("vendor", Param::Text(name))
            .with("date", Param::Text(date.unwrap_or("?")));
        if let Some(successor) = successor {
            draft = draft
                .with("variant", Param::Text("successor"))
                .with("successor", Param::Text(successor));
        }
        Some(draft)
    }

    /// The organisation's word on the vendor at `index`: blocked, or not on its approved list.
    fn policy_draft<'a>(&'a self, asked: &Findings<'a>, index: VendorIndex) -> Option<Draft<'a>> {
        let name = self.db().entry(index).vendor.name.as_str();
        let slot = Some(vendor_slot(index, VendorSlot::Policy));
        let draft = if self.policy.blocked.contains(&index) {
            asked.draft(
                "blocked-vendor",
                Severity::Danger,
                Message::Blocked(name),
                slot,
            )
        } else if !self.policy.approved.is_empty() && !self.policy.approved.contains(&index) {
            asked.draft(
                "unapproved-vendor",
                Severity::Caution,
                Message::Unapproved(name),
                slot,
            )
        } else {
            return None;
        };
        Some(draft.with("vendor", Param::Text(name)))
    }

    /// The vendor's grade as a finding (on its meeting pages), if it has a grade.
    fn grade_draft<'a>(&'a self, asked: &Findings<'a>, index: VendorIndex) -> Option<Draft<'a>> {
        let entry = self.db().entry(index);
        let report = &entry.grade;
        let grade = report.grade?;
        let name = entry.vendor.name.as_str();
        let top = Top::of(&report.reasons);
        let severity = match grade {
            'A' | 'B' => Severity::Info,
            _ => Severity::Caution,
        };
        let provisional = report.standing == Standing::Provisional;
        let ungraded = grade == crate::grade::UNGRADED;
        let mut draft = asked
            .draft(
                "vendor-risk",
                severity,
                Message::Grade {
                    name,
                    grade,
                    known: provisional.then_some(report.known),
                    top,
                },
                Some(vendor_slot(index, VendorSlot::Grade)),
            )
            .with("vendor", Param::Text(name))
            .with("grade", Param::Letter(grade))
            .with("known", Param::Count(report.known))
            .with("total", Param::Count(crate::grade::CORE_FACTS));
        let variant = match (ungraded, provisional, top.is_empty()) {
            (true, _, _) => "ungraded",
            (false, true, true) => "provisional",
            (false, true, false) => "provisional_reasons",
            (false, false, false) => "reasons",
            (false, false, true) => "",
        };
        if !variant.is_empty() {
            draft = draft.with("variant", Param::Text(variant));
        }
        if !top.is_empty() && !ungraded {
            // English for the CLI and as a fallback; `reason_list` (JSON: [{id, params}]) lets the
            // extension say each reason in the reader's language.
            draft = draft
                .with("reasons", Param::Reasons(top))
                .with("reason_list", Param::ReasonList(top));
        }
        Some(draft)
    }
}

/// A URL trick's finding: the same for every link that has the trick.
fn trick_draft<'a>(findings: &Findings<'a>, trick: &UrlTrick) -> Draft<'a> {
    let (variant, message) = match trick {
        UrlTrick::Userinfo => ("userinfo", english_str!("The address hides its real destination behind a user name (text before `@`).")),
        UrlTrick::Backslash => ("backslash", english_str!("The address contains a backslash, which browsers read as `/`: its real host may not be what it seems.")),
        UrlTrick::ControlCharacter => ("control", english_str!("The address contains invisible or control characters.")),
        UrlTrick::InvalidIdnLabel => ("idn-label", english_str!("The address has a part starting with `xn--` that is not a valid international name: browsers may open it anyway, but no ordinary link is written so.")),
    };
    findings
        .draft(
            "suspicious-url",
            Severity::Warning,
            Message::Fixed(message),
            Some(TRICK_SLOTS + trick_index(trick)),
        )
        .with("variant", Param::Text(variant))
}

fn trick_index(trick: &UrlTrick) -> u32 {
    match trick {
        UrlTrick::Userinfo => 0,
        UrlTrick::Backslash => 1,
        UrlTrick::ControlCharacter => 2,
        UrlTrick::InvalidIdnLabel => 3,
    }
}

/// The finding of a link that carries its meeting's passcode.
fn secret_draft<'a>(findings: &Findings<'a>) -> Draft<'a> {
    findings.draft(
        "embedded-secret",
        Severity::Caution,
        Message::Fixed(english_str!("This link carries the meeting's passcode: anyone who gets the link can join. Do not post it where others can read it.")),
        Some(SECRET_SLOT),
    )
}

/// The places of the findings that say the same for every link that raises them under one policy, in the table
/// that `Engine::write_link_tables` writes once and the link records name (`crate::screen::record`): the
/// passcode's finding, the four URL tricks', then three for each vendor in database order.
const SECRET_SLOT: u32 = 0;
const TRICK_SLOTS: u32 = 1;
const VENDOR_SLOTS: u32 = 5;

#[derive(Clone, Copy)]
enum VendorSlot {
    Retired = 0,
    Policy = 1,
    Grade = 2,
}

fn vendor_slot(index: VendorIndex, which: VendorSlot) -> u32 {
    VENDOR_SLOTS + 3 * index as u32 + which as u32
}

/// A classified link as `Engine::brief` sees it: what `Engine::assessment` would say of it, read in place.
pub struct LinkBrief<'a, 'u> {
    class: &'a UrlClass<'u>,
    parts: Parts<'a>,
}

impl<'a> LinkBrief<'a, '_> {
    pub fn class(&self) -> &'a UrlClass<'_> {
        self.class
    }

    /// `Assessment::vendor` and `vendor_name`.
    pub fn vendor(&self) -> Option<&'a Vendor> {
        self.parts.vendor
    }

    /// `Assessment::lookalike_of` and `lookalike_name`.
    pub fn lookalike(&self) -> Option<&'a Vendor> {
        self.parts.lookalike
    }

    /// `Assessment::grade_words`, unwritten.
    pub fn grade_words(&self) -> Option<GradeWords<'a>> {
        let report = self.parts.report?;
        GradeWords::of(
            report.retired.as_ref().map(|r| r.date.as_str()),
            report.grade,
            Some(report.standing),
            Some(report.known),
        )
    }

    /// The messages of the findings in `ids` (among those asked for of `Engine::brief`) that the policy
    /// shows, in the assessment's order (most severe first), each written into `out` after `before` as
    /// `english!` writes it (nothing in a build without English): the message `Assessment::findings` holds.
    /// Returns how many findings there were.
    pub fn write_messages(&self, ids: &[&str], before: &str, out: &mut String) -> usize {
        let mut written = 0;
        for draft in self.parts.findings.iter().filter(|d| ids.contains(&d.id)) {
            if cfg!(feature = "english") {
                out.push_str(before);
            }
            draft.message.write(out).expect("a String takes any text");
            written += 1;
        }
        written
    }
}

/// The name of a retired service's successor, when the database has it.
fn successor_name<'d>(db: &'d Database, retired: &Retirement) -> Option<&'d str> {
    let index = db.get(retired.successor.as_deref()?)?;
    Some(db.entry(index).vendor.name.as_str())
}

/// A JSON string, or `null`.
fn push_optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => json::push_string(out, text),
        None => out.push_str("null"),
    }
}

/// A value as its derive writes it (the kebab-case name of a kind or a severity), so that the two ways of
/// writing an assessment cannot name one differently.
fn push_serialized<T: Serialize>(out: &mut String, value: &T) -> fmt::Result {
    json::write(out, value).map_err(|_| fmt::Error)
}

/// What an assessment says of a classified URL, borrowed from the database and the classification.
struct Parts<'a> {
    vendor: Option<&'a Vendor>,
    lookalike: Option<&'a Vendor>,
    report: Option<&'a GradeReport>,
    /// The findings the policy shows, most severe first.
    findings: Vec<Draft<'a>>,
}

/// The findings of one assessment as they are decided.
struct Findings<'a> {
    list: Vec<Draft<'a>>,
    policy: &'a Policy,
    asked: Asked,
}

/// Which findings `Engine::parts` builds, and which of them with their params.
#[derive(Clone, Copy)]
enum Asked {
    /// Every finding with its params: an assessment, the shared table of `Engine::write_link_tables`.
    All,
    /// Every finding, params only for a link's own (a lookalike's): a link record names a shared finding by
    /// its slot alone (`Engine::write_link_record`), and building the params it never wrote (a vendor-risk
    /// finding's seven, in order, in their own allocation) was 46 instructions a URL of the facade's
    /// `screenLinks`, 2.4 % (docs/size.md, session 38).
    OwnParams,
    /// Only these, without params (what `LinkBrief` quotes): the text scan uses a finding's message or two of
    /// a link, and building the rest (params, a vendor-risk finding's reasons) was most of what a link cost it.
    Only(&'static [&'static str]),
}

impl<'a> Findings<'a> {
    /// Whether a finding `id` is kept: the policy shows it and it is asked for.
    fn wants(&self, id: &str) -> bool {
        self.policy.shows(id)
            && match self.asked {
                Asked::Only(ids) => ids.contains(&id),
                Asked::All | Asked::OwnParams => true,
            }
    }

    /// A finding, with `slot`: its place in the shared table, `None` for a finding of one link.
    fn draft(
        &self,
        id: &'static str,
        severity: Severity,
        message: Message<'a>,
        slot: Option<u32>,
    ) -> Draft<'a> {
        let params = match self.asked {
            Asked::All => true,
            Asked::OwnParams => slot.is_none(),
            Asked::Only(_) => false,
        };
        Draft {
            id,
            severity,
            message,
            // Room for a vendor-risk finding's seven params and most lookalikes': one allocation.
            params: params.then(|| Vec::with_capacity(8)),
            slot,
        }
    }

    /// Adds a finding the policy shows after those of its severity or higher: the list stays sorted most
    /// severe first, in the order of decision among equals (a stable sort's order, without its allocation).
    /// Left-out findings change nothing in the order of those kept.
    fn push(&mut self, draft: Draft<'a>) {
        if self.wants(draft.id) {
            let at = self
                .list
                .iter()
                .position(|f| f.severity < draft.severity)
                .unwrap_or(self.list.len());
            self.list.insert(at, draft);
        }
    }
}

/// A finding as decided, borrowing the strings it names: written as JSON (`write_json`) or made a `Finding`
/// (`to_finding`), the one place that decides it for both.
struct Draft<'a> {
    id: &'static str,
    severity: Severity,
    message: Message<'a>,
    /// Sorted by name, each name once: the order and the last-set-wins of `Finding::params`' map. `None`
    /// when not asked for (`Asked`).
    params: Option<Vec<(&'static str, Param<'a>)>>,
    /// Its place in the table of findings shared between links (`Engine::write_link_tables`); `None` for a
    /// finding of one link (a lookalike's).
    slot: Option<u32>,
}

impl<'a> Draft<'a> {
    fn with(mut self, name: &'static str, value: Param<'a>) -> Draft<'a> {
        if let Some(params) = &mut self.params {
            match params.binary_search_by(|(n, _)| (*n).cmp(name)) {
                Ok(at) => params[at].1 = value,
                Err(at) => params.insert(at, (name, value)),
            }
        }
        self
    }

    fn to_finding(&self, scratch: &mut String) -> Finding {
        let mut message = String::new();
        self.message
            .write(&mut message)
            .expect("a String takes any text");
        let mut params = BTreeMap::new();
        for (name, value) in self.params.iter().flatten() {
            let mut text = String::new();
            value
                .write(&mut text, scratch)
                .expect("a String takes any text");
            params.insert(*name, text);
        }
        Finding {
            id: self.id,
            severity: self.severity,
            message,
            params,
        }
    }

    /// `{"id":…,"severity":…,"message":…,"params":{…}}`, as the derive writes a `Finding`.
    fn write_json(&self, out: &mut String, scratch: &mut String) -> fmt::Result {
        out.push_str("{\"id\":");
        json::push_string(out, self.id);
        out.push_str(",\"severity\":");
        push_serialized(out, &self.severity)?;
        out.push_str(",\"message\":\"");
        self.message.write(&mut json::Escaping(out))?;
        out.push_str("\",\"params\":{");
        for (i, (name, value)) in self.params.iter().flatten().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // A param's name is an identifier of the engine's code: nothing in it to escape.
            out.push('"');
            out.push_str(name);
            out.push_str("\":\"");
            value.write(&mut json::Escaping(out), scratch)?;
            out.push('"');
        }
        out.push_str("}}");
        Ok(())
    }
}

/// The value of a finding's param, written as its text.
#[derive(Clone, Copy)]
enum Param<'a> {
    Text(&'a str),
    /// A vendor's official domains, joined with `, `.
    Domains(&'a [String]),
    /// The grade's top reasons in English, joined with `; `.
    Reasons(Top<'a>),
    /// The grade's top reasons as JSON, `[{"id":…,"params":{…}}]`.
    ReasonList(Top<'a>),
    Letter(char),
    Count(u8),
}

impl Param<'_> {
    /// The text into `out`; `scratch` holds a `ReasonList`'s JSON while it is copied (escaped, when `out` is
    /// `json::Escaping`).
    fn write(&self, out: &mut dyn fmt::Write, scratch: &mut String) -> fmt::Result {
        let joined =
            |out: &mut dyn fmt::Write, items: &mut dyn Iterator<Item = &str>, separator| {
                for (i, item) in items.enumerate() {
                    if i > 0 {
                        out.write_str(separator)?;
                    }
                    out.write_str(item)?;
                }
                Ok(())
            };
        match *self {
            Param::Text(text) => out.write_str(text),
            Param::Domains(domains) => joined(out, &mut domains.iter().map(String::as_str), ", "),
            Param::Reasons(top) => joined(out, &mut top.iter().map(|r| r.reason.as_str()), "; "),
            Param::ReasonList(top) => {
                scratch.clear();
                json::write(scratch, &top).map_err(|_| fmt::Error)?;
                out.write_str(scratch)
            }
            Param::Letter(letter) => out.write_char(letter),
            Param::Count(count) => {
                scratch.clear();
                json::push_unsigned(scratch, count.into());
                out.write_str(scratch)
            }
        }
    }
}

/// For the English messages that name a param's text.
impl fmt::Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.write(f, &mut String::new())
    }
}

/// A finding's English sentence (`english!`: written only where the feature is on), or one shown in every
/// build.
#[derive(Clone, Copy)]
enum Message<'a> {
    Fixed(&'static str),
    Lookalike {
        name: &'a str,
        reason: &'a str,
        official: &'a [String],
    },
    Retired {
        name: &'a str,
        date: Option<&'a str>,
        successor: Option<&'a str>,
    },
    Blocked(&'a str),
    Unapproved(&'a str),
    Grade {
        name: &'a str,
        grade: char,
        /// The known core facts of a provisional grade.
        known: Option<u8>,
        top: Top<'a>,
    },
}

impl Message<'_> {
    fn write(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        match *self {
            Message::Fixed(text) => out.write_str(text),
            Message::Lookalike {
                name,
                reason,
                official,
            } => {
                english_write!(
                    out,
                    "This address imitates {name}: {reason}. {name} only uses {}.",
                    Param::Domains(official)
                )
            }
            Message::Retired {
                name,
                date,
                successor,
            } => {
                english_write!(
                    out,
                    "{name} was retired ({}): a link to it is stale, or not what it claims to be.",
                    date.unwrap_or("date unknown")
                )?;
                match successor {
                    Some(successor) => english_write!(out, " Its successor is {successor}."),
                    None => Ok(()),
                }
            }
            Message::Blocked(name) => english_write!(
                out,
                "Your organisation does not allow {name}. Ask the organiser for another way to join."
            ),
            Message::Unapproved(name) => english_write!(
                out,
                "{name} is not on your organisation's list of approved services."
            ),
            Message::Grade {
                name,
                grade,
                known,
                top,
            } => {
                if grade == crate::grade::UNGRADED {
                    return english_write!(out, "{name}: not graded — too few of its privacy and security facts could be confirmed.");
                }
                english_write!(out, "{name}: grade {grade}")?;
                if let Some(known) = known {
                    english_write!(
                        out,
                        " (provisional: {known} of {} core facts known)",
                        crate::grade::CORE_FACTS
                    )?;
                }
                if !top.is_empty() {
                    english_write!(out, " — {}", Param::Reasons(top))?;
                }
                english_write!(out, ".")
            }
        }
    }
}

/// The two reasons that cost a grade the most points, the earlier of two equal first: what a stable sort
/// of its negative reasons by points, cut to two, gives.
#[derive(Clone, Copy)]
struct Top<'a>([Option<&'a GradeReason>; 2]);

impl<'a> Top<'a> {
    fn of(reasons: &'a [GradeReason]) -> Top<'a> {
        let mut top: [Option<&GradeReason>; 2] = [None, None];
        for reason in reasons.iter().filter(|r| r.points < 0) {
            match top {
                [None, _] => top[0] = Some(reason),
                [Some(first), _] if reason.points < first.points => top = [Some(reason), top[0]],
                [_, None] => top[1] = Some(reason),
                [_, Some(second)] if reason.points < second.points => top[1] = Some(reason),
                _ => {}
            }
        }
        Top(top)
    }

    fn iter(self) -> impl Iterator<Item = &'a GradeReason> {
        self.0.into_iter().flatten()
    }

    fn is_empty(self) -> bool {
        self.0[0].is_none()
    }
}

impl Serialize for Top<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Listed<'r> {
            id: &'r str,
            params: &'r BTreeMap<&'static str, String>,
        }
        serializer.collect_seq(self.iter().map(|r| Listed {
            id: r.id,
            params: &r.params,
        }))
    }
}

/// Where `needle` first is in `hay` (`str::find`'s answer for texts), through its first byte: a meeting id is a
/// short needle in a short link, where `str::find` sets up a two-way searcher at every call (about 1,100
/// instructions a hit of `links`, callgrind, `make bench-instructions`). A needle that is a whole UTF-8 text
/// starts with no continuation byte, so a match in a text is at a character boundary.
fn first_place(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    // One-shot calls, not `memchr_iter`: its iterator made the wasm 2,900 bytes larger (`make sizes`).
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, &hay[from..]) {
        let at = from + i;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::first_place;

    #[test]
    fn first_place_answers_as_str_find() {
        let texts = [
            "https://us02web.zoom.us/j/85123456789?pwd=85123456789",
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmQ2%40thread.v2/0",
            "https://zoom.us/j/858585?x=8585",
            "https://ｚｏｏｍ.us/j/123é4",
            "",
        ];
        for text in texts {
            // Every piece of the text as a needle (each occurs, maybe earlier than taken), and some that do not.
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut needles: Vec<&str> = Vec::new();
            for (n, &from) in bounds.iter().enumerate() {
                needles.extend(bounds[n..].iter().map(|&to| &text[from..to]));
            }
            needles.extend(["8512345678x", "ｚｏｏｍ", "é", "?", "85"]);
            for needle in needles {
                assert_eq!(
                    first_place(text.as_bytes(), needle.as_bytes()),
                    text.find(needle),
                    "{needle:?} in {text:?}"
                );
            }
        }
    }
}
