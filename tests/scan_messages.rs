//! The text scan's link findings say what the link's assessment says: the scanner writes its messages from a
//! borrowed brief of the classification (`Engine::brief`), not from an `Assessment`, and this holds the two
//! to the same words, under policies that block, leave unapproved and retire vendors.

use joinguard::assess::Assessment;
use joinguard::text::Scanner;
use joinguard::{Database, Engine, Settings};

/// Links of every vendor (the golden table, the samples), and the lookalike hosts of the real-world table
/// with a meeting path.
fn links() -> Vec<String> {
    // A table's first column, without comments and blank lines.
    let first_column = |table: &'static str| {
        table
            .lines()
            .filter(|row| !row.starts_with('#') && !row.trim().is_empty())
            .map(|row| row.split('\t').next().unwrap_or(row))
    };
    let mut links: Vec<String> = first_column(include_str!("data/golden-urls.tsv"))
        .chain(first_column(include_str!("../samples/urls.txt")))
        .map(str::to_string)
        .collect();
    links.extend(
        first_column(include_str!("data/real/lookalikes.tsv"))
            .map(|host| format!("https://{host}/j/85123456789")),
    );
    links
}

/// The link findings (id, message) that the assessment's fields and findings give, as the scanner built them
/// from an `Assessment` until session 26.
fn from_assessment(a: &Assessment) -> Vec<(&'static str, String)> {
    if let Some(imitated) = &a.lookalike_name {
        let why = a
            .findings
            .iter()
            .find(|f| f.id == "lookalike-domain")
            .map_or_else(
                || format!("This link imitates {imitated} on a domain {imitated} does not own."),
                |f| f.message.clone(),
            );
        return vec![(
            "lookalike-link",
            format!("{why} Do not open it, and never sign in there."),
        )];
    }
    let (Some(name), true) = (&a.vendor_name, a.kind.is_meeting_page()) else {
        return Vec::new();
    };
    let grade = a
        .grade_words()
        .map(|g| format!(", {g}"))
        .unwrap_or_default();
    let policy: String = a
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.id,
                "blocked-vendor" | "unapproved-vendor" | "retired-service"
            )
        })
        .map(|f| format!(" {}", f.message))
        .collect();
    let mut out = vec![(
        "meeting-link",
        format!("{name} {} link{grade}.{policy}", a.kind.as_str()),
    )];
    if a.embedded_secret {
        out.push(("credentials-exposed", format!("This {name} link carries the meeting's passcode: anyone who sees it can join. Share it only with the people invited.")));
    }
    out
}

#[test]
fn link_findings_quote_the_assessment() {
    let db = Database::bundled();
    let policies = [
        "{}",
        r#"{"blocked_vendors":["zoom"],"approved_vendors":["teams","meet","skype"]}"#,
        r#"{"blocked_vendors":["skype","houseparty"],"disabled_findings":["vendor-risk"]}"#,
    ];
    let mut seen = std::collections::BTreeMap::new();
    let mut compared = 0;
    for settings in policies {
        let policy = Settings::from_json(settings).unwrap().resolve(&db).unwrap();
        let engine = Engine::new(&db, policy);
        let mut scanner = Scanner::new(&engine);
        for link in links() {
            let Ok(assessment) = engine.assess_url(&link) else {
                continue;
            };
            let findings = scanner.scan_text(&link);
            // Only where the scan read the whole text as the one link (not a shorter or unwrapped candidate,
            // not a scheme the scan does not look for, such as `msteams:`).
            if findings.is_empty()
                || findings
                    .iter()
                    .any(|f| f.url.as_deref() != Some(assessment.target.as_str()))
            {
                continue;
            }
            let scanned: Vec<(&str, String)> =
                findings.iter().map(|f| (f.id, f.message.clone())).collect();
            assert_eq!(
                scanned,
                from_assessment(&assessment),
                "{link} under {settings}"
            );
            for (_, message) in &scanned {
                for words in [
                    "imitates",
                    "grade",
                    "does not allow",
                    "not on your organisation's list",
                    "was retired",
                    "carries the meeting's passcode",
                ] {
                    if message.contains(words) {
                        *seen.entry(words).or_insert(0) += 1;
                    }
                }
            }
            compared += 1;
        }
    }
    assert!(compared > 1000, "{compared} links compared");
    // Every kind of message was met, not only the common ones.
    assert_eq!(seen.len(), 6, "{seen:?}");
}
