//! Golden invitations: every file in `tests/golden/invitations/` is scanned and its findings (file, line, id,
//! vendor, lookalike_of, url, meeting_id, severity) must equal its `*.expected.jsonl`, line for line.
//!
//! The vendors are the fixtures in `tests/golden/vendors/` (Zoom, Teams, Meet, Webex with their URL shapes and
//! invitation labels in English, French and German), not the bundled database: these files test the scanner,
//! and must not change meaning whenever a rules file is edited.
//!
//! After a deliberate change, `JOINGUARD_BLESS=1 cargo test --test text_golden` rewrites the expected files;
//! review their diff before committing it.

use std::path::{Path, PathBuf};

use joinguard::rules::load_dir;
use joinguard::text::{Scanner, Strategy};
use joinguard::{Database, Engine, Policy};
use serde_json::{json, Value};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn fixture_database() -> Database {
    let (files, problems) =
        load_dir(&golden_dir().join("vendors")).expect("the fixture vendors load");
    assert!(problems.is_empty(), "fixture vendors: {problems:?}");
    Database::from_vendors(files.into_iter().map(|f| f.vendor).collect())
        .expect("the fixture vendors compile")
}

/// The invitation files, sorted, without their expected-findings files.
fn invitation_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir().join("invitations"))
        .expect("the invitations folder exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.jsonl"))
        .collect();
    files.sort();
    files
}

fn expected_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().expect("a file name").to_os_string();
    name.push(".expected.jsonl");
    file.with_file_name(name)
}

/// The compared fields of each finding, as JSON lines.
fn actual_lines(scanner: &mut Scanner, file: &Path) -> Vec<String> {
    let name = file
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    let bytes = std::fs::read(file).expect("the invitation reads");
    let findings = scanner
        .scan_document(&bytes, &name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    findings
        .iter()
        .map(|f| {
            json!({
                "file": name,
                "line": f.line,
                "id": f.id,
                "vendor": f.vendor,
                "lookalike_of": f.lookalike_of,
                "url": f.url,
                "meeting_id": f.meeting_id,
                "severity": f.severity,
            })
            .to_string()
        })
        .collect()
}

#[test]
fn golden_invitations() {
    let db = fixture_database();
    let engine = Engine::new(&db, Policy::default());
    let mut scanner = Scanner::new(&engine);
    // The other anchor search (the wasm default natively, or the reverse) must find the same.
    let mut other = Scanner::with_strategy(
        &engine,
        if Strategy::default() == Strategy::Packed {
            Strategy::Passes
        } else {
            Strategy::Packed
        },
    );
    let bless = std::env::var_os("JOINGUARD_BLESS").is_some();
    let files = invitation_files();
    assert!(
        files.len() >= 6,
        "the golden folder holds the invitations: {files:?}"
    );
    let mut failures = Vec::new();
    for file in &files {
        let actual = actual_lines(&mut scanner, file);
        assert_eq!(
            actual,
            actual_lines(&mut other, file),
            "{}: the two anchor searches differ",
            file.display()
        );
        let expected_file = expected_path(file);
        if bless {
            let mut text = actual.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            std::fs::write(&expected_file, text).expect("the expected file is written");
            continue;
        }
        let expected_text = std::fs::read_to_string(&expected_file).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (JOINGUARD_BLESS=1 writes it)",
                expected_file.display()
            )
        });
        // Compare parsed values (key order and spacing are not the point), and report lines as written.
        let expected: Vec<Value> = expected_text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{}: {e}: {l}", expected_file.display()))
            })
            .collect();
        let actual_values: Vec<Value> = actual
            .iter()
            .map(|l| serde_json::from_str(l).expect("our JSON"))
            .collect();
        if expected != actual_values {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  actual:\n    {}",
                file.display(),
                expected_text.lines().collect::<Vec<_>>().join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden findings differ:\n{}",
        failures.join("\n")
    );
}

/// Every kind of finding, vendor and language the golden files promise is there at least once, so that a
/// bless that loses one is caught.
#[test]
fn golden_invitations_cover_the_cases() {
    let all: Vec<Value> = invitation_files()
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(expected_path(f))
                .unwrap_or_default()
                .lines()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .map(|l| serde_json::from_str(&l).expect("expected lines are JSON"))
        .collect();
    let has = |id: &str, vendor: Option<&str>| {
        all.iter().any(|v| {
            v["id"] == id
                && vendor.is_none_or(|vendor| v["vendor"] == vendor || v["lookalike_of"] == vendor)
        })
    };
    for vendor in ["zoom", "teams", "meet", "webex"] {
        assert!(has("meeting-link", Some(vendor)), "a {vendor} meeting link");
    }
    assert!(has("lookalike-link", None), "a lookalike link");
    for vendor in ["zoom", "teams", "webex"] {
        assert!(
            has("credentials-exposed", Some(vendor)),
            "{vendor} credentials"
        );
    }
    let extensions: Vec<String> = invitation_files()
        .iter()
        .filter_map(|f| f.extension().map(|e| e.to_string_lossy().into_owned()))
        .collect();
    for extension in ["txt", "eml", "ics", "mbox", "html"] {
        assert!(
            extensions.iter().any(|e| e == extension),
            "a .{extension} invitation"
        );
    }
}
