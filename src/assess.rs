//! Assessments: a classified URL (and, later, page signals) turned into findings with stable ids and severities,
//! under the organisation's policy. This is what the CLI prints and the extension shows.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::classify::{Classifier, Kind, LookalikeMemo, UrlClass, UrlError, UrlTrick};
use crate::db::{Database, VendorIndex};
use crate::grade::Standing;
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
        if let Some(retired) = &self.retired {
            return Some(format!("retired on {}", retired.date));
        }
        let grade = self.grade?;
        Some(match self.standing {
            Some(Standing::Ungraded) => "not graded".to_string(),
            Some(Standing::Provisional) => format!(
                "grade {grade} (provisional: {} of {} core facts known)",
                self.known_facts.unwrap_or(0),
                crate::grade::CORE_FACTS
            ),
            _ => format!("grade {grade}"),
        })
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

    /// `Classifier::screened_class_memo` under this engine's policy.
    #[inline(always)]
    pub fn screened_class_memo<'u>(
        &self,
        url: &'u str,
        memo: &mut LookalikeMemo,
    ) -> Option<Result<UrlClass<'u>, UrlError>> {
        self.classifier
            .screened_class_memo(url, &|host| self.policy.self_hosted_vendor(host), memo)
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
        let class = self.classifier.classify_memo(
            url,
            &|host| self.policy.self_hosted_vendor(host),
            memo,
        )?;
        Ok(self.assessment(url, &class))
    }

    /// Builds the assessment of an already classified URL.
    pub fn assessment(&self, url: &str, class: &UrlClass) -> Assessment {
        let db = self.db();
        let vendor = class.vendor.map(|i| &db.entry(i).vendor);
        let lookalike = class.lookalike_of.map(|i| &db.entry(i).vendor);
        let report = class.vendor.map(|i| &db.entry(i).grade);
        let mut findings = Vec::new();

        if let (Some(imitated), Some(reason)) = (lookalike, &class.lookalike_reason) {
            let official = imitated.domains.official.join(", ");
            let mut finding = Finding::new(
                "lookalike-domain",
                Severity::Danger,
                english!(
                    "This address imitates {}: {reason}. {} only uses {official}.",
                    imitated.name,
                    imitated.name,
                ),
            )
            .with("vendor", imitated.name.as_str())
            .with("host", &*class.host)
            .with("official", official);
            for (name, value) in &class.lookalike_why {
                finding = finding.with(name, value.as_str());
            }
            findings.push(finding);
        }
        for trick in &class.tricks {
            let (variant, message) = match trick {
                UrlTrick::Userinfo => ("userinfo", "The address hides its real destination behind a user name (text before `@`)."),
                UrlTrick::Backslash => ("backslash", "The address contains a backslash, which browsers read as `/`: its real host may not be what it seems."),
                UrlTrick::ControlCharacter => ("control", "The address contains invisible or control characters."),
            };
            findings.push(
                Finding::new("suspicious-url", Severity::Warning, message.to_string())
                    .with("variant", variant),
            );
        }
        if let (Some(vendor), Some(index)) = (vendor, class.vendor) {
            self.vendor_findings(index, vendor, class, &mut findings);
        }
        findings.retain(|f| self.policy.shows(f.id));
        crate::sort::sort_by_key(&mut findings, |f| std::cmp::Reverse(f.severity));

        Assessment {
            url: url.to_string(),
            target: class.target.to_string(),
            unwrapped: class.unwrapped.clone(),
            vendor: vendor.map(|v| v.id.clone()),
            vendor_name: vendor.map(|v| v.name.clone()),
            kind: class.kind,
            lookalike_of: lookalike.map(|v| v.id.clone()),
            lookalike_name: lookalike.map(|v| v.name.clone()),
            meeting_id: class.meeting_id.clone(),
            embedded_secret: class.embedded_secret,
            grade: report.and_then(|r| r.grade),
            standing: report.map(|r| r.standing),
            known_facts: report.map(|r| r.known),
            retired: report
                .and_then(|r| r.retired.as_ref())
                .map(|r| RetiredService {
                    date: r.date.clone(),
                    successor: r.successor.clone(),
                    successor_name: r
                        .successor
                        .as_deref()
                        .and_then(|id| db.get(id))
                        .map(|i| db.entry(i).vendor.name.clone()),
                }),
            findings,
        }
    }

    fn vendor_findings(
        &self,
        index: VendorIndex,
        vendor: &Vendor,
        class: &UrlClass,
        findings: &mut Vec<Finding>,
    ) {
        let db = self.db();
        let name = &vendor.name;
        if vendor.status.value == Lifecycle::Retired {
            let successor = vendor
                .status
                .successor
                .as_deref()
                .and_then(|id| db.get(id))
                .map(|i| db.entry(i).vendor.name.as_str());
            let date = vendor.status.date.as_deref();
            let mut finding = Finding::new(
                "retired-service",
                Severity::Warning,
                english!(
                    "{name} was retired ({}): a link to it is stale, or not what it claims to be.{}",
                    date.unwrap_or("date unknown"),
                    successor
                        .map(|s| english!(" Its successor is {s}."))
                        .unwrap_or_default()
                ),
            )
            .with("vendor", name.as_str())
            .with("date", date.unwrap_or("?"));
            if let Some(successor) = successor {
                finding = finding
                    .with("variant", "successor")
                    .with("successor", successor);
            }
            findings.push(finding);
        }
        if self.policy.blocked.contains(&index) {
            findings.push(
                Finding::new(
                    "blocked-vendor",
                    Severity::Danger,
                    english!("Your organisation does not allow {name}. Ask the organiser for another way to join."),
                )
                .with("vendor", name.as_str()),
            );
        } else if !self.policy.approved.is_empty() && !self.policy.approved.contains(&index) {
            findings.push(
                Finding::new(
                    "unapproved-vendor",
                    Severity::Caution,
                    english!("{name} is not on your organisation's list of approved services."),
                )
                .with("vendor", name.as_str()),
            );
        }
        if class.embedded_secret {
            findings.push(Finding::new(
                "embedded-secret",
                Severity::Caution,
                "This link carries the meeting's passcode: anyone who gets the link can join. Do not post it where others can read it."
                    .to_string(),
            ));
        }
        let report = &db.entry(index).grade;
        // A retired service has its own finding above, not a grade.
        if let (true, Some(grade)) = (class.kind.is_meeting_page(), report.grade) {
            let mut top: Vec<_> = report.reasons.iter().filter(|r| r.points < 0).collect();
            crate::sort::sort_by_key(&mut top, |r| r.points);
            let top: Vec<_> = top.into_iter().take(2).collect();
            let why: Vec<&str> = top.iter().map(|r| r.reason.as_str()).collect();
            let severity = match grade {
                'A' | 'B' => Severity::Info,
                _ => Severity::Caution,
            };
            let provisional = report.standing == Standing::Provisional;
            let known = report.known.to_string();
            let total = crate::grade::CORE_FACTS.to_string();
            let shown = if provisional {
                english!("{grade} (provisional: {known} of {total} core facts known)")
            } else {
                grade.to_string()
            };
            let message = if grade == crate::grade::UNGRADED {
                english!("{name}: not graded — too few of its privacy and security facts could be confirmed.")
            } else if why.is_empty() {
                english!("{name}: grade {shown}.")
            } else {
                english!("{name}: grade {shown} — {}.", why.join("; "))
            };
            let mut finding = Finding::new("vendor-risk", severity, message)
                .with("vendor", name.as_str())
                .with("grade", grade.to_string())
                .with("known", known)
                .with("total", total);
            let variant = match (grade == crate::grade::UNGRADED, provisional, why.is_empty()) {
                (true, _, _) => "ungraded",
                (false, true, true) => "provisional",
                (false, true, false) => "provisional_reasons",
                (false, false, false) => "reasons",
                (false, false, true) => "",
            };
            if !variant.is_empty() {
                finding = finding.with("variant", variant);
            }
            if !why.is_empty() && grade != crate::grade::UNGRADED {
                // English for the CLI and as a fallback; `reason_list` (JSON: [{id, params}]) lets the
                // extension say each reason in the reader's language.
                #[derive(Serialize)]
                struct Listed<'r> {
                    id: &'r str,
                    params: &'r BTreeMap<&'static str, String>,
                }
                let list: Vec<_> = top
                    .iter()
                    .map(|r| Listed {
                        id: r.id,
                        params: &r.params,
                    })
                    .collect();
                finding = finding.with("reasons", why.join("; ")).with(
                    "reason_list",
                    crate::json::to_string(&list).expect("strings only"),
                );
            }
            findings.push(finding);
        }
    }
}
