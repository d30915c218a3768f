//! The grade formula on a fixture vendor: provisional letters and their threshold, `?`, retired services (no
//! letter), derived facts (they count like stated ones) and the rating age rule.

use std::path::Path;

use joinguard::grade::{grade_vendor, Standing};
use joinguard::rules::{load_dir, Answer, E2ee, E2eeScope, Lifecycle, RecordingNotice, Vendor};

fn fixture() -> Vendor {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken-rules/valid");
    let (files, problems) = load_dir(&dir).unwrap();
    assert!(problems.is_empty());
    files[0].vendor.clone()
}

fn source() -> joinguard::rules::Source {
    joinguard::rules::Source {
        url: "https://acme.example/doc".into(),
        date: "2026-01".into(),
        claim: "Test.".into(),
    }
}

/// The fixture with every core fact known: e2ee none (−25), notice shown, ads no, and the rest no.
fn all_known() -> Vendor {
    let mut v = fixture();
    for fact in [
        &mut v.data_practices.content_licence,
        &mut v.data_practices.ai_training,
        &mut v.data_practices.human_review,
    ] {
        fact.value = Answer::No;
        fact.sources = vec![source()];
    }
    v
}

#[test]
fn all_six_facts_known_gives_a_plain_letter() {
    let report = grade_vendor(&all_known(), "2026-12");
    assert_eq!(
        (report.grade, report.standing, report.known),
        (Some('B'), Standing::Graded, 6)
    );
    assert_eq!(report.score, 75);
    assert_eq!(report.headline(), "B (75/100)");
}

#[test]
fn a_provisional_letter_says_how_many_facts_are_known() {
    let mut v = all_known();
    v.data_practices.ai_training.value = Answer::Unknown;
    v.data_practices.human_review.value = Answer::Unknown;
    let report = grade_vendor(&v, "2026-12");
    // 100 − 25 (e2ee none) − 5 − 3 (unknowns) = 67.
    assert_eq!(
        (report.grade, report.standing, report.known),
        (Some('C'), Standing::Provisional, 4)
    );
    assert_eq!(
        report.headline(),
        "C (provisional: 4 of 6 core facts known, 67/100)"
    );
    assert_eq!(report.short(), "C*");
}

#[test]
fn too_little_known_at_stake_gives_no_letter() {
    // Known: recording notice (10) + licence (15) + human review (10) = 35 of 100 points at stake: `?`.
    let mut v = all_known();
    v.e2ee.value = E2ee::Unknown;
    v.data_practices.ads_sharing.value = Answer::Unknown;
    v.data_practices.ai_training.value = Answer::Unknown;
    let report = grade_vendor(&v, "2026-12");
    assert_eq!(
        (report.grade, report.standing, report.known),
        (Some('?'), Standing::Ungraded, 3)
    );
    // Known: e2ee (25) + ads (25) = half of the stakes, although only 2 of 6 facts: a provisional letter.
    let mut v = all_known();
    v.recording_notice.value = RecordingNotice::Unknown;
    for fact in [
        &mut v.data_practices.content_licence,
        &mut v.data_practices.ai_training,
        &mut v.data_practices.human_review,
    ] {
        fact.value = Answer::Unknown;
    }
    let report = grade_vendor(&v, "2026-12");
    assert_eq!((report.standing, report.known), (Standing::Provisional, 2));
}

#[test]
fn a_retired_service_has_no_letter() {
    let mut v = all_known();
    v.status.value = Lifecycle::Retired;
    v.status.date = Some("2025-05-05".into());
    v.status.successor = Some("teams".into());
    let report = grade_vendor(&v, "2026-12");
    assert_eq!((report.grade, report.standing), (None, Standing::Retired));
    assert_eq!(report.retired.as_ref().unwrap().date, "2025-05-05");
    assert_eq!(
        report.headline(),
        "retired on 2025-05-05, no grade (successor: teams)"
    );
    // Its facts are still explained, for the record, but no reason says "retired = worst".
    assert!(report.reasons.iter().all(|r| r.points > -100));
}

#[test]
fn derived_facts_count_like_stated_ones() {
    let mut v = fixture();
    v.e2ee.value = E2ee::Default;
    v.e2ee.scope = Some(E2eeScope::AllContent);
    let before = grade_vendor(&v, "2026-12");
    assert_eq!(before.known, 3); // e2ee, notice, ads
    joinguard::infer::apply(&mut v);
    let after = grade_vendor(&v, "2026-12");
    assert_eq!(after.known, 5);
    assert_eq!(
        after.score - before.score,
        5 + 3,
        "the unknown penalties of ai_training and human_review are gone"
    );
    // `calls` scope derives nothing.
    let mut calls = fixture();
    calls.e2ee.value = E2ee::Default;
    calls.e2ee.scope = Some(E2eeScope::Calls);
    joinguard::infer::apply(&mut calls);
    assert_eq!(calls.data_practices.ai_training.value, Answer::Unknown);
}

#[test]
fn old_ratings_are_history() {
    let mut v = all_known();
    let rating = |date: &str| joinguard::rules::Rating {
        by: joinguard::rules::Rater::DutchDpia,
        verdict: joinguard::rules::Verdict::Unfavourable,
        label: "high risks".into(),
        date: date.into(),
        sources: vec![source()],
    };
    v.ratings = vec![rating("2022-07")];
    let report = grade_vendor(&v, "2026-12");
    assert_eq!(report.score, 75, "a 2022 rating no longer counts in 2026");
    assert_eq!(report.history.len(), 1);
    assert_eq!(
        report.history[0].params.get("variant").map(String::as_str),
        Some("expired")
    );
    assert!(
        report.history[0].reason.ends_with(
            "(more than 3 years before 2026-12, the newest source date in the database)"
        ),
        "the CLI's words say what the reference date is: {}",
        report.history[0].reason
    );
    v.ratings = vec![rating("2022-07"), rating("2024-04")];
    let report = grade_vendor(&v, "2026-12");
    assert_eq!(report.score, 65, "the 2024 rating counts");
    assert_eq!(report.history.len(), 1);
}

/// The bundled blob stores each reason id and param name as its position in `grade::NAMES` (src/rules/blob.rs), and
/// `build.rs` stops on a name missing there only when a bundled vendor happens to give it: so every name any branch
/// of the grader gives must be listed, whatever the bundled vendors say today (session 41's review).
#[test]
fn every_name_the_grader_gives_is_in_names() {
    use joinguard::grade::NAMES;
    use joinguard::rules::{Incident, Rater, Rating, Resolution, Verdict};
    let answers = [
        Answer::Yes,
        Answer::No,
        Answer::OptIn,
        Answer::OptOut,
        Answer::Unknown,
    ];
    let e2ees = [
        E2ee::Default,
        E2ee::Optional,
        E2ee::Limited,
        E2ee::None,
        E2ee::Unknown,
    ];
    let notices = [
        RecordingNotice::Shown,
        RecordingNotice::Partial,
        RecordingNotice::None,
        RecordingNotice::NoRecording,
        RecordingNotice::Unknown,
    ];
    let incident = |resolution| Incident {
        date: "2025-01".into(),
        title: "A leak".into(),
        summary: "Test.".into(),
        resolution,
        resolution_detail: None,
        sources: vec![source()],
    };
    let rating = |by, verdict, date: &str| Rating {
        by,
        verdict,
        label: "a light".into(),
        date: date.into(),
        sources: vec![source()],
    };
    let mut names = std::collections::BTreeSet::new();
    for (i, answer) in answers.into_iter().enumerate() {
        let mut v = fixture();
        v.e2ee.value = e2ees[i];
        v.recording_notice.value = notices[i];
        for fact in [
            &mut v.data_practices.ads_sharing,
            &mut v.data_practices.content_licence,
            &mut v.data_practices.ai_training,
            &mut v.data_practices.human_review,
            &mut v.open_source,
            &mut v.self_hostable,
        ] {
            fact.value = answer;
            fact.sources = vec![source()];
        }
        v.status.value = if i == 0 {
            Lifecycle::Retired
        } else {
            v.status.value
        };
        v.incidents = [
            Resolution::Resolved,
            Resolution::Partial,
            Resolution::Unresolved,
        ]
        .into_iter()
        .map(incident)
        .collect();
        v.ratings = vec![
            rating(Rater::BerlinDpa2020, Verdict::Favourable, "2020-07"),
            rating(Rater::BerlinDpa2021, Verdict::Mixed, "2021-07"),
            rating(Rater::BerlinDpa2021, Verdict::Unfavourable, "2025-07"),
            rating(Rater::DutchDpia, Verdict::Unfavourable, "2025-01"),
            rating(Rater::MozillaPni, Verdict::Favourable, "2025-02"),
        ];
        let report = grade_vendor(&v, "2026-12");
        for reason in report.reasons.iter().chain(&report.history) {
            names.insert(reason.id);
            names.extend(reason.params.keys().copied());
        }
    }
    let missing: Vec<_> = names.iter().filter(|name| !NAMES.contains(name)).collect();
    assert!(missing.is_empty(), "add to grade::NAMES: {missing:?}");
    // The loop reached the grader's branches: each kind of reason at least once.
    for id in [
        "e2ee-optional",
        "e2ee-limited",
        "e2ee-none",
        "incident-partial",
        "incident-unresolved",
        "rating",
        "rating-history",
        "open-source-self-hostable",
    ] {
        assert!(names.contains(id), "no vendor of the loop gave `{id}`");
    }
}
