//! The vendor grade A–E: a points formula over the database's facts, explained line by line with sources
//! (documented in rules/README.md).

use serde::Serialize;

use crate::rules::{
    Answer, E2ee, Fact, Lifecycle, RecordingNotice, Resolution, Source, Vendor, Verdict,
};

/// One line of a grade's explanation: what moved the score, by how much, and why we believe it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReason {
    pub points: i32,
    pub reason: String,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeReport {
    pub grade: char,
    pub score: i32,
    pub reasons: Vec<GradeReason>,
}

impl GradeReport {
    /// "C (60/100) because: …" in one line, for the CLI.
    pub fn summary(&self) -> String {
        let reasons: Vec<String> = self
            .reasons
            .iter()
            .map(|r| format!("{} ({:+})", r.reason, r.points))
            .collect();
        if self.grade == UNGRADED {
            format!(
                "not graded: too few of its core facts are confirmed (score {}/100 so far{}{})",
                self.score,
                if reasons.is_empty() { "" } else { ": " },
                reasons.join("; ")
            )
        } else if reasons.is_empty() {
            format!(
                "{} ({}/100): no known risk in the database",
                self.grade, self.score
            )
        } else {
            format!(
                "{} ({}/100) because: {}",
                self.grade,
                self.score,
                reasons.join("; ")
            )
        }
    }
}

const INCIDENTS_FLOOR: i32 = -20;

/// The grade of a vendor whose core facts are mostly unconfirmed: a letter would rank what we do not know
/// above what we know (unknowns cost less than documented risks), so it gets no letter at all.
pub const UNGRADED: char = '?';

/// How many of the six core facts (end-to-end encryption, recording notice, the four data practices) may be
/// unknown before a vendor is left ungraded.
const MAX_UNKNOWN_CORE_FACTS: usize = 3;

fn answer_points(answer: Answer, yes: i32, opt_out: i32, opt_in: i32, unknown: i32) -> i32 {
    match answer {
        Answer::No => 0,
        Answer::Yes => yes,
        Answer::OptOut => opt_out,
        Answer::OptIn => opt_in,
        Answer::Unknown => unknown,
    }
}

fn push<T>(reasons: &mut Vec<GradeReason>, points: i32, reason: String, fact: &Fact<T>) {
    if points != 0 {
        reasons.push(GradeReason {
            points,
            reason,
            sources: fact.sources.clone(),
        });
    }
}

pub fn grade_vendor(vendor: &Vendor) -> GradeReport {
    let mut reasons = Vec::new();
    if vendor.status.value == Lifecycle::Retired {
        let when = vendor.status.date.as_deref().unwrap_or("an unknown date");
        reasons.push(GradeReason {
            points: -100,
            reason: format!(
                "the service was retired ({when}); links to it are stale or not genuine"
            ),
            sources: vendor.status.sources.clone(),
        });
        return GradeReport {
            grade: 'E',
            score: 0,
            reasons,
        };
    }

    let e2ee = &vendor.e2ee;
    let (points, words) = match e2ee.value {
        E2ee::Default => (0, ""),
        E2ee::Optional => (-10, "end-to-end encryption is available but off by default"),
        E2ee::Limited => (-15, "end-to-end encryption covers only some calls"),
        E2ee::None => (
            -25,
            "no end-to-end encryption: the provider can access meeting media",
        ),
        E2ee::Unknown => (-15, "end-to-end encryption could not be confirmed"),
    };
    push(&mut reasons, points, words.to_string(), e2ee);

    let notice = &vendor.recording_notice;
    let (points, words) = match notice.value {
        RecordingNotice::Shown | RecordingNotice::NoRecording => (0, ""),
        RecordingNotice::Partial => (
            -5,
            "participants are told about recording only in some clients",
        ),
        RecordingNotice::None => (-10, "participants are not told when a recording starts"),
        RecordingNotice::Unknown => (
            -5,
            "whether participants are told about recording could not be confirmed",
        ),
    };
    push(&mut reasons, points, words.to_string(), notice);

    let practices = &vendor.data_practices;
    let table: [(&Fact<Answer>, [i32; 4], &str); 4] = [
        (
            &practices.ads_sharing,
            [-25, -15, -5, -10],
            "sharing personal data for advertising",
        ),
        (
            &practices.content_licence,
            [-15, -15, -15, -5],
            "a licence over the content of calls",
        ),
        (
            &practices.ai_training,
            [-15, -10, -3, -5],
            "AI training on meeting content",
        ),
        (
            &practices.human_review,
            [-10, -5, -2, -3],
            "human review of call content",
        ),
    ];
    for (fact, [yes, opt_out, opt_in, unknown], topic) in table {
        let points = answer_points(fact.value, yes, opt_out, opt_in, unknown);
        let words = match fact.value {
            Answer::Yes => format!("{topic}: yes"),
            Answer::OptOut => format!("{topic}: on unless turned off"),
            Answer::OptIn => format!("{topic}: only when turned on"),
            Answer::Unknown => format!("{topic}: not confirmed either way"),
            Answer::No => String::new(),
        };
        push(&mut reasons, points, words, fact);
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
            let state = if incident.resolution == Resolution::Partial {
                "partly resolved"
            } else {
                "unresolved"
            };
            reasons.push(GradeReason {
                points,
                reason: format!("{state} incident ({}): {}", incident.date, incident.title),
                sources: incident.sources.clone(),
            });
        }
    }

    // Only each rater's latest word counts (ISO dates compare as strings). The Berlin commissioner's 2021
    // traffic lights update those of 2020: one rater, so the older light does not count twice.
    let mut latest: Vec<&crate::rules::Rating> = Vec::new();
    for rating in &vendor.ratings {
        match latest.iter_mut().find(|r| same_rater(r.by, rating.by)) {
            Some(existing) if existing.date < rating.date => *existing = rating,
            Some(_) => {}
            None => latest.push(rating),
        }
    }
    for rating in latest {
        let points = match rating.verdict {
            Verdict::Favourable => 5,
            Verdict::Mixed => -5,
            Verdict::Unfavourable => -10,
        };
        reasons.push(GradeReason {
            points,
            reason: format!(
                "{} rated it \"{}\" ({})",
                rater_name(rating.by),
                rating.label,
                rating.date
            ),
            sources: rating.sources.clone(),
        });
    }

    if vendor.open_source.value == Answer::Yes && vendor.self_hostable.value == Answer::Yes {
        let mut sources = vendor.open_source.sources.clone();
        sources.extend(vendor.self_hostable.sources.iter().cloned());
        reasons.push(GradeReason {
            points: 5,
            reason: "open source and self-hostable".into(),
            sources,
        });
    }

    let score = (100 + reasons.iter().map(|r| r.points).sum::<i32>()).clamp(0, 100);
    let unknown_core_facts = [
        vendor.e2ee.value == E2ee::Unknown,
        vendor.recording_notice.value == RecordingNotice::Unknown,
        practices.ads_sharing.value == Answer::Unknown,
        practices.content_licence.value == Answer::Unknown,
        practices.ai_training.value == Answer::Unknown,
        practices.human_review.value == Answer::Unknown,
    ]
    .into_iter()
    .filter(|&unknown| unknown)
    .count();
    let grade = if unknown_core_facts > MAX_UNKNOWN_CORE_FACTS {
        UNGRADED
    } else {
        letter(score)
    };
    GradeReport {
        grade,
        score,
        reasons,
    }
}

/// Whether two rater ids name the same rater (the Berlin commissioner rated in 2020 and again in 2021).
fn same_rater(a: crate::rules::Rater, b: crate::rules::Rater) -> bool {
    use crate::rules::Rater::*;
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

pub fn rater_name(rater: crate::rules::Rater) -> &'static str {
    use crate::rules::Rater::*;
    match rater {
        BerlinDpa2020 => "the Berlin data-protection commissioner (2020)",
        BerlinDpa2021 => "the Berlin data-protection commissioner (2021)",
        DutchDpia => "a Dutch government/SURF DPIA",
        MozillaPni => "Mozilla Privacy Not Included",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_berlin_2021_lights_replace_those_of_2020() {
        use crate::rules::Rater::*;
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
}
