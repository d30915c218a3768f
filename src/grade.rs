//! The vendor grade A–E: a points formula over the database's facts, explained line by line with sources
//! (documented in rules/README.md, "The grade"). Each line carries an id and parameters so that the extension
//! can say it in the reader's language, as findings do. This file is also compiled into `build.rs` (via
//! `#[path]`, to grade the bundled vendors at build time), so it may only use `std`, `serde`, `crate::rules` (the
//! model), `crate::infer` and the English macros (src/english.rs).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rules::{
    Answer, E2ee, Fact, Lifecycle, Rater, Rating, RecordingNotice, Resolution, Source, Vendor,
    Verdict,
};

/// One line of a grade's explanation: what moved the score, by how much, and why we believe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReason {
    pub points: i32,
    /// Stable id: the extension says it with the `reason_<id>` message (`-` read as `_`).
    pub id: &'static str,
    /// Named strings for that message's placeholders (dates, incident titles, rater ids, rating labels).
    pub params: BTreeMap<&'static str, String>,
    /// The line in English, for the CLI and as the extension's fallback.
    pub reason: String,
    pub sources: Vec<Source>,
}

/// How far a grade can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// All six core facts known.
    Graded,
    /// Some core facts unknown, but the known ones carry at least half of the points at stake.
    Provisional,
    /// Too little known for a letter: `?`.
    Ungraded,
    /// The service was shut down: no letter at all (a retired service is not a privacy risk grade).
    Retired,
}

/// When and for what a service was retired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retirement {
    pub date: String,
    /// Vendor id of the successor, if any.
    pub successor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReport {
    /// `A`–`E`, or `?` (ungraded); `None` for a retired service.
    pub grade: Option<char>,
    pub standing: Standing,
    /// How many of the six core facts are known (stated or derived).
    pub known: u8,
    pub score: i32,
    pub reasons: Vec<GradeReason>,
    /// Ratings too old to count (see `MAX_RATING_AGE_MONTHS`), shown for the record at 0 points.
    pub history: Vec<GradeReason>,
    pub retired: Option<Retirement>,
}

/// The six core facts.
pub const CORE_FACTS: u8 = 6;

impl GradeReport {
    /// The grade in words without its reasons: "C (60/100)", "C (provisional: 4 of 6 core facts known, 60/100)",
    /// "not graded (…)", "retired on 2025-05-05 (successor: teams)".
    pub fn headline(&self) -> String {
        match (self.standing, self.grade) {
            (Standing::Retired, _) => {
                let retired = self.retired.as_ref();
                let date = retired.map_or("an unknown date", |r| r.date.as_str());
                match retired.and_then(|r| r.successor.as_deref()) {
                    Some(successor) => {
                        format!("retired on {date}, no grade (successor: {successor})")
                    }
                    None => format!("retired on {date}, no grade"),
                }
            }
            (Standing::Provisional, Some(grade)) => format!(
                "{grade} (provisional: {} of {CORE_FACTS} core facts known, {}/100)",
                self.known, self.score
            ),
            (Standing::Ungraded, _) | (_, None) => format!(
                "not graded: only {} of {CORE_FACTS} core facts known (score {}/100 so far)",
                self.known, self.score
            ),
            (_, Some(grade)) => format!("{grade} ({}/100)", self.score),
        }
    }

    /// The headline and its reasons in one line, for the CLI.
    pub fn summary(&self) -> String {
        let reasons: Vec<String> = self
            .reasons
            .iter()
            .map(|r| format!("{} ({:+})", r.reason, r.points))
            .collect();
        if reasons.is_empty() {
            format!("{}: no known risk in the database", self.headline())
        } else {
            format!("{} because: {}", self.headline(), reasons.join("; "))
        }
    }

    /// The short form used in lists and badges: `C`, `C*` (provisional), `?`, `retired`.
    pub fn short(&self) -> String {
        match (self.standing, self.grade) {
            (Standing::Retired, _) | (_, None) => "retired".into(),
            (Standing::Provisional, Some(grade)) => format!("{grade}*"),
            (_, Some(grade)) => grade.to_string(),
        }
    }
}

const INCIDENTS_FLOOR: i32 = -20;

/// The grade of a vendor whose known core facts carry too few of the points at stake: a letter would rank what
/// we do not know above what we know (unknowns cost less than documented risks), so it gets `?`.
pub const UNGRADED: char = '?';

/// A rating older than this (months before the database's date, `as_of`) no longer counts: it is shown as
/// history. Three years: raters review services that change their terms, encryption and data flows every
/// year or two, and the legal ground moves too (the Berlin commissioner's 2020–2021 lights turned largely on
/// transfers to the US, before the 2023 EU–US Data Privacy Framework).
pub const MAX_RATING_AGE_MONTHS: i32 = 36;

/// The most a core fact can cost (its worst value): what is at stake when it is unknown.
const STAKES: [i32; 6] = [25, 10, 25, 15, 15, 10];

fn answer_points(answer: Answer, yes: i32, opt_out: i32, opt_in: i32, unknown: i32) -> i32 {
    match answer {
        Answer::No => 0,
        Answer::Yes => yes,
        Answer::OptOut => opt_out,
        Answer::OptIn => opt_in,
        Answer::Unknown => unknown,
    }
}

/// A reason's params, inserted one by one: `BTreeMap::from` sorts its array and builds the tree in bulk, code
/// that only these params brought into the wasm engine (2,834 B raw, 1,570 B gzipped; docs/size.md).
fn params<const N: usize>(pairs: [(&'static str, String); N]) -> BTreeMap<&'static str, String> {
    let mut map = BTreeMap::new();
    for (name, value) in pairs {
        map.insert(name, value);
    }
    map
}

fn reason<T>(points: i32, id: &'static str, english: String, fact: &Fact<T>) -> GradeReason {
    GradeReason {
        points,
        id,
        params: BTreeMap::new(),
        reason: english,
        sources: fact.sources.clone(),
    }
}

/// The newest date among all sources of these vendors: the date the database speaks for, against which
/// ratings age (deterministic, unlike the clock, and it moves when the data is refreshed).
pub fn as_of<'a>(vendors: impl IntoIterator<Item = &'a Vendor>) -> String {
    let mut newest = "";
    for vendor in vendors {
        for source in vendor.fact_sources() {
            if source.date.as_str() > newest {
                newest = &source.date;
            }
        }
    }
    newest.to_string()
}

/// The vendors as the engine holds them, each with its grade: the inference rules' facts filled in
/// (`infer::apply`; a contradicting stated value wins here, `rules check` reports it), and graded at the date of
/// all of them (`as_of`). `Database::from_vendors` runs this for rules files; `build.rs` runs it (through
/// `#[path]`) on the bundled vendors as it writes them into the blob, so the extension's engine reads their
/// reports and carries no grading code (docs/size.md, session 41).
pub fn graded(vendors: Vec<Vendor>) -> Vec<(Vendor, GradeReport)> {
    let as_of = as_of(&vendors);
    let mut graded = Vec::with_capacity(vendors.len());
    for mut vendor in vendors {
        crate::infer::apply(&mut vendor);
        let report = grade_vendor(&vendor, &as_of);
        graded.push((vendor, report));
    }
    graded
}

/// Every reason id and param name `grade_vendor` gives: the bundled blob stores each as its position here
/// (`rules::blob`), since reports hold them as `&'static str`. A bundled vendor's reason with a name missing here
/// stops `build.rs`, which names it.
pub const NAMES: &[&str] = &[
    "e2ee-optional",
    "e2ee-limited",
    "e2ee-none",
    "e2ee-unknown",
    "recording-partial",
    "recording-none",
    "recording-unknown",
    "ads-sharing-yes",
    "ads-sharing-opt-out",
    "ads-sharing-opt-in",
    "ads-sharing-unknown",
    "content-licence-yes",
    "content-licence-opt-out",
    "content-licence-opt-in",
    "content-licence-unknown",
    "ai-training-yes",
    "ai-training-opt-out",
    "ai-training-opt-in",
    "ai-training-unknown",
    "human-review-yes",
    "human-review-opt-out",
    "human-review-opt-in",
    "human-review-unknown",
    "incident-partial",
    "incident-unresolved",
    "rating",
    "rating-history",
    "open-source-self-hostable",
    "date",
    "title",
    "rater",
    "label",
    "variant",
];

/// Months since year 0 of an ISO date; a missing month counts as `missing_month`.
fn months(date: &str, missing_month: i32) -> Option<i32> {
    let mut parts = date.split('-');
    let year = number(parts.next()?)?;
    let month = match parts.next() {
        Some(month) => number(month)?,
        None => missing_month,
    };
    Some(year * 12 + month)
}

/// A run of ASCII digits as a number: `str::parse` brought its own code into the wasm engine once the popup's
/// vendor card aged ratings there (`aged`, session 46).
pub fn number(digits: &str) -> Option<i32> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0i32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(i32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Whether a rating is too old to count at `as_of`. A year-only date is read in the rating's favour
/// (December) and `as_of` at its earliest (January).
pub fn rating_expired(rating_date: &str, as_of: &str) -> bool {
    match (months(rating_date, 12), months(as_of, 1)) {
        (Some(rated), Some(now)) => now - rated > MAX_RATING_AGE_MONTHS,
        _ => false,
    }
}

/// The vendor's grade report at the database's date: [`grade_vendor_on`] without the reader's day.
pub fn grade_vendor(vendor: &Vendor, as_of: &str) -> GradeReport {
    grade_vendor_on(vendor, as_of, None)
}

/// The vendor's grade report. `as_of` is the database's date, [`as_of`] of all vendors (`graded` passes it).
/// Ratings age against it, or against `today`, the reader's day (`YYYY-MM-DD`), when that is later: a build keeps
/// its database's date, so an installed one would otherwise keep counting a rating years after it turned 3
/// (rules/README.md, "Age rule"). An earlier `today` (a clock set back) changes nothing: the database's own sources
/// are dated up to `as_of`. The history reason names the date it aged against and what it is. [`aged`] gives the
/// same from a stored report, for the extension's engine, which carries no grader.
pub fn grade_vendor_on(vendor: &Vendor, as_of: &str, today: Option<&str>) -> GradeReport {
    let (as_of, whose) = day(as_of, today);
    let mut reasons = Vec::new();

    let e2ee = &vendor.e2ee;
    let (points, id, words) = match e2ee.value {
        E2ee::Default => (0, "", ""),
        E2ee::Optional => (
            -10,
            "e2ee-optional",
            english_str!("end-to-end encryption is available but off by default"),
        ),
        E2ee::Limited => (
            -15,
            "e2ee-limited",
            english_str!("end-to-end encryption covers only some calls"),
        ),
        E2ee::None => (
            -25,
            "e2ee-none",
            english_str!("no end-to-end encryption: the provider can access meeting media"),
        ),
        E2ee::Unknown => (
            -15,
            "e2ee-unknown",
            english_str!("end-to-end encryption could not be confirmed"),
        ),
    };
    if points != 0 {
        reasons.push(reason(points, id, words.into(), e2ee));
    }

    let notice = &vendor.recording_notice;
    let (points, id, words) = match notice.value {
        RecordingNotice::Shown | RecordingNotice::NoRecording => (0, "", ""),
        RecordingNotice::Partial => (
            -5,
            "recording-partial",
            english_str!("participants are told about recording only in some clients"),
        ),
        RecordingNotice::None => (
            -10,
            "recording-none",
            english_str!("participants are not told when a recording starts"),
        ),
        RecordingNotice::Unknown => (
            -5,
            "recording-unknown",
            english_str!("whether participants are told about recording could not be confirmed"),
        ),
    };
    if points != 0 {
        reasons.push(reason(points, id, words.into(), notice));
    }

    let practices = &vendor.data_practices;
    type Practice<'a> = (&'a Fact<Answer>, [i32; 4], [&'static str; 4], &'static str);
    let table: [Practice; 4] = [
        (
            &practices.ads_sharing,
            [-25, -15, -5, -10],
            [
                "ads-sharing-yes",
                "ads-sharing-opt-out",
                "ads-sharing-opt-in",
                "ads-sharing-unknown",
            ],
            english_str!("sharing personal data for advertising"),
        ),
        (
            &practices.content_licence,
            [-15, -15, -15, -5],
            [
                "content-licence-yes",
                "content-licence-opt-out",
                "content-licence-opt-in",
                "content-licence-unknown",
            ],
            english_str!("a licence over the content of calls"),
        ),
        (
            &practices.ai_training,
            [-15, -10, -3, -5],
            [
                "ai-training-yes",
                "ai-training-opt-out",
                "ai-training-opt-in",
                "ai-training-unknown",
            ],
            english_str!("AI training on meeting content"),
        ),
        (
            &practices.human_review,
            [-10, -5, -2, -3],
            [
                "human-review-yes",
                "human-review-opt-out",
                "human-review-opt-in",
                "human-review-unknown",
            ],
            english_str!("human review of call content"),
        ),
    ];
    for (fact, [yes, opt_out, opt_in, unknown], [id_yes, id_out, id_in, id_unknown], topic) in table
    {
        let points = answer_points(fact.value, yes, opt_out, opt_in, unknown);
        let (id, words) = match fact.value {
            Answer::Yes => (id_yes, english!("{topic}: yes")),
            Answer::OptOut => (id_out, english!("{topic}: on unless turned off")),
            Answer::OptIn => (id_in, english!("{topic}: only when turned on")),
            Answer::Unknown => (id_unknown, english!("{topic}: not confirmed either way")),
            Answer::No => continue,
        };
        if points != 0 {
            reasons.push(reason(points, id, words, fact));
        }
    }

    let mut incident_points = 0;
    for incident in &vendor.incidents {
        let points = match incident.resolution {
            Resolution::Resolved => 0,
            Resolution::Partial => -5,
            Resolution::Unresolved => -10,
        };
        let points = points.max(INCIDENTS_FLOOR - incident_points);
        if points != 0 {
            incident_points += points;
            let (id, state) = if incident.resolution == Resolution::Partial {
                ("incident-partial", "partly resolved")
            } else {
                ("incident-unresolved", "unresolved")
            };
            reasons.push(GradeReason {
                points,
                id,
                params: params([
                    ("date", incident.date.clone()),
                    ("title", incident.title.clone()),
                ]),
                reason: english!("{state} incident ({}): {}", incident.date, incident.title),
                sources: incident.sources.clone(),
            });
        }
    }

    let (counted, history) = rating_lines(vendor, as_of, whose);
    reasons.extend(counted);

    if vendor.open_source.value == Answer::Yes && vendor.self_hostable.value == Answer::Yes {
        // One run of `Vendor::fact_sources`, whose last two lists these are, in this order (the bundled blob
        // stores a reason's sources as a run).
        let mut sources = vendor.open_source.sources.clone();
        sources.extend(vendor.self_hostable.sources.iter().cloned());
        reasons.push(GradeReason {
            points: 5,
            id: "open-source-self-hostable",
            params: BTreeMap::new(),
            reason: english_str!("open source and self-hostable").into(),
            sources,
        });
    }

    let score = (100 + reasons.iter().map(|r| r.points).sum::<i32>()).clamp(0, 100);
    let known_core_facts = [
        vendor.e2ee.value != E2ee::Unknown,
        vendor.recording_notice.value != RecordingNotice::Unknown,
        practices.ads_sharing.value != Answer::Unknown,
        practices.content_licence.value != Answer::Unknown,
        practices.ai_training.value != Answer::Unknown,
        practices.human_review.value != Answer::Unknown,
    ];
    let known = known_core_facts.iter().filter(|&&known| known).count() as u8;
    let known_stakes: i32 = known_core_facts
        .iter()
        .zip(STAKES)
        .filter(|(&known, _)| known)
        .map(|(_, stake)| stake)
        .sum();
    let all_stakes: i32 = STAKES.iter().sum();

    let (grade, standing, retired) = if vendor.status.value == Lifecycle::Retired {
        let retired = Retirement {
            date: vendor.status.date.clone().unwrap_or_default(),
            successor: vendor.status.successor.clone(),
        };
        (None, Standing::Retired, Some(retired))
    } else if known == CORE_FACTS {
        (Some(letter(score)), Standing::Graded, None)
    } else if known_stakes * 2 >= all_stakes {
        (Some(letter(score)), Standing::Provisional, None)
    } else {
        (Some(UNGRADED), Standing::Ungraded, None)
    };
    GradeReport {
        grade,
        standing,
        known,
        score,
        reasons,
        history,
        retired,
    }
}

/// The day ratings age against: the reader's `today` when it is after the database's date `as_of`, `as_of`
/// otherwise; and whose date it is, for the history line.
fn day<'a>(as_of: &'a str, today: Option<&'a str>) -> (&'a str, &'static str) {
    match today {
        Some(today) if today > as_of => (today, "the reader's date"),
        _ => (as_of, "the newest source date in the database"),
    }
}

/// `report`, `vendor`'s grade stored at the database's date `as_of` ([`grade_vendor`]), on the reader's day
/// `today`: what [`grade_vendor_on`] gives (`Database::grade_on`'s test holds them equal for every bundled vendor),
/// with only the rating lines graded again, as no other line depends on a date. The engine's path for the popup's
/// vendor card: the extension's engine reads stored reports and carries no grader (docs/size.md, session 41); the
/// first version of this path, the whole grader with `rules::check::is_iso_date`, was 3,017 B raw and 1,087 B
/// gzipped larger (session 46).
pub fn aged(report: &GradeReport, vendor: &Vendor, as_of: &str, today: &str) -> GradeReport {
    let (on, whose) = day(as_of, Some(today));
    let (mut counted, history) = rating_lines(vendor, on, whose);
    // The grader's order: the rating lines after the incidents' and before the open-source line, the last.
    let mut reasons = Vec::with_capacity(report.reasons.len());
    for reason in &report.reasons {
        match reason.id {
            "rating" => {}
            "open-source-self-hostable" => {
                reasons.append(&mut counted);
                reasons.push(reason.clone());
            }
            _ => reasons.push(reason.clone()),
        }
    }
    reasons.append(&mut counted);
    let score = (100 + reasons.iter().map(|r| r.points).sum::<i32>()).clamp(0, 100);
    let grade = match report.standing {
        Standing::Graded | Standing::Provisional => Some(letter(score)),
        Standing::Ungraded | Standing::Retired => report.grade,
    };
    GradeReport {
        grade,
        standing: report.standing,
        known: report.known,
        score,
        reasons,
        history,
        retired: report.retired.clone(),
    }
}

/// The rating lines of `vendor`'s grade on `on` (`whose` date it is, named by the history line): each rater's latest
/// rating that is at most 3 years old counts (`reasons`), the others are history. Shared by the grader and by
/// [`aged`], so that the engine ages a stored report by the reader's day without carrying the grader.
fn rating_lines(vendor: &Vendor, as_of: &str, whose: &str) -> (Vec<GradeReason>, Vec<GradeReason>) {
    let mut reasons = Vec::new();
    // Only each rater's latest word counts (ISO dates compare as strings), and only while it is recent. The
    // Berlin commissioner's 2021 traffic lights update those of 2020: one rater, so the older light does not
    // count twice.
    let mut latest: Vec<&Rating> = Vec::new();
    for rating in &vendor.ratings {
        match latest.iter_mut().find(|r| same_rater(r.by, rating.by)) {
            Some(existing) if existing.date < rating.date => *existing = rating,
            Some(_) => {}
            None => latest.push(rating),
        }
    }
    let mut history = Vec::new();
    for rating in &vendor.ratings {
        let counts = latest.iter().any(|r| std::ptr::eq(*r, rating));
        let expired = rating_expired(&rating.date, as_of);
        let params = params([
            ("rater", rater_id(rating.by).to_string()),
            ("label", rating.label.clone()),
            ("date", rating.date.clone()),
        ]);
        if counts && !expired {
            let points = match rating.verdict {
                Verdict::Favourable => 5,
                Verdict::Mixed => -5,
                Verdict::Unfavourable => -10,
            };
            reasons.push(GradeReason {
                points,
                id: "rating",
                params,
                reason: english!(
                    "{} rated it \"{}\" ({})",
                    rater_name(rating.by),
                    rating.label,
                    rating.date
                ),
                sources: rating.sources.clone(),
            });
        } else {
            let why = if expired {
                // The date alone read as a typo or the build's date (session 45): say what it is.
                english!(
                    "more than {} years before {as_of}, {whose}",
                    MAX_RATING_AGE_MONTHS / 12
                )
            } else {
                english_str!("replaced by the same rater's later rating").to_string()
            };
            let mut params = params;
            params.insert(
                "variant",
                if expired { "expired" } else { "replaced" }.into(),
            );
            history.push(GradeReason {
                points: 0,
                id: "rating-history",
                params,
                reason: english!(
                    "{} rated it \"{}\" ({}): history, not counted ({why})",
                    rater_name(rating.by),
                    rating.label,
                    rating.date
                ),
                sources: rating.sources.clone(),
            });
        }
    }
    (reasons, history)
}

/// Whether two rater ids name the same rater (the Berlin commissioner rated in 2020 and again in 2021).
fn same_rater(a: Rater, b: Rater) -> bool {
    use Rater::*;
    let group = |r| match r {
        BerlinDpa2020 | BerlinDpa2021 => BerlinDpa2021,
        other => other,
    };
    group(a) == group(b)
}

pub fn letter(score: i32) -> char {
    match score {
        85.. => 'A',
        70..=84 => 'B',
        55..=69 => 'C',
        40..=54 => 'D',
        _ => 'E',
    }
}

pub fn rater_name(rater: Rater) -> &'static str {
    use Rater::*;
    match rater {
        BerlinDpa2020 => "the Berlin data-protection commissioner (2020)",
        BerlinDpa2021 => "the Berlin data-protection commissioner (2021)",
        DutchDpia => "a Dutch government/SURF DPIA",
        MozillaPni => "Mozilla Privacy Not Included",
    }
}

/// The rater's id as in the rules files (`berlin-dpa-2021`).
pub fn rater_id(rater: Rater) -> &'static str {
    use Rater::*;
    match rater {
        BerlinDpa2020 => "berlin-dpa-2020",
        BerlinDpa2021 => "berlin-dpa-2021",
        DutchDpia => "dutch-dpia",
        MozillaPni => "mozilla-pni",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_berlin_2021_lights_replace_those_of_2020() {
        use Rater::*;
        assert!(same_rater(BerlinDpa2020, BerlinDpa2021));
        assert!(same_rater(MozillaPni, MozillaPni));
        assert!(!same_rater(BerlinDpa2020, DutchDpia));
    }

    #[test]
    fn letters_follow_thresholds() {
        assert_eq!(letter(100), 'A');
        assert_eq!(letter(85), 'A');
        assert_eq!(letter(84), 'B');
        assert_eq!(letter(55), 'C');
        assert_eq!(letter(40), 'D');
        assert_eq!(letter(39), 'E');
    }

    #[test]
    fn ratings_expire_after_three_years() {
        assert!(!rating_expired("2024-04-11", "2026-12-01"));
        assert!(!rating_expired("2023-12", "2026-12"));
        assert!(rating_expired("2023-11", "2026-12"));
        assert!(rating_expired("2021-02", "2026-01"));
        // A year-only rating is read in its favour, the database's date at its earliest.
        assert!(!rating_expired("2023", "2026"));
        assert!(rating_expired("2022", "2026"));
        assert!(!rating_expired("not a date", "2026"));
    }

    #[test]
    fn the_rater_ids_are_the_rules_files_ids() {
        use Rater::*;
        for rater in [BerlinDpa2020, BerlinDpa2021, DutchDpia, MozillaPni] {
            let written: Rater =
                serde_json::from_value(serde_json::json!(rater_id(rater))).unwrap();
            assert_eq!(written, rater);
        }
    }
}
