//! Every finding id the engine's source gives is one `disabled_findings` may name (`policy::HIDEABLE`) or one it
//! refuses as always shown (`policy::NEVER_HIDDEN`), and those lists name no other id; README's "Organisation
//! policy" names the same two lists. The lists were written by hand: an id missing from them is refused as
//! unknown, and a stale one is offered to organisations (the options page's `device-access` checkbox hid no
//! finding), with no other test noticing.

use std::collections::BTreeSet;
use std::path::Path;

use joinguard::db::Database;
use joinguard::policy::{Settings, ALWAYS_SHOWN, HIDEABLE, NEVER_HIDDEN, SHOWN_BY_SCAN};
use regex::Regex;

/// The source of every `.rs` file under `dir`, comment lines left out (a doc comment may quote a constructor).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            out.push((path.display().to_string(), code.join("\n")));
        }
    }
}

/// The ids the engine's finding constructors are given, and the constructors not given a literal id.
fn engine_ids() -> (BTreeSet<String>, Vec<String>) {
    let (given, not_literal) = engine_ids_by_file();
    (given.into_iter().map(|(id, _)| id).collect(), not_literal)
}

/// Each id the engine's finding constructors are given with the file that gives it, and the constructors not
/// given a literal id.
fn engine_ids_by_file() -> (BTreeSet<(String, String)>, Vec<String>) {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // The constructors, first argument the id: `Finding::new` (pages), `Findings::draft` (URLs) and the scan's
    // `finding` closure (links). `recording_finding(` or `to_finding(` do not match: `\b` needs a non-word
    // character before `finding`.
    let call = Regex::new(r"(?:Finding::new|\.draft|\bfinding)\(\s*([^,)]*)").unwrap();
    // Struct literals: a `ScanFinding` is built so for `part-not-read` and `credentials-exposed`. Group 1 marks
    // what is not a literal: a definition, an `impl` or a function's return type.
    let literal = Regex::new(
        r"(struct\s+|impl\s+|->\s*)?\b(?:ScanFinding|Finding|Draft)\s*\{[^{}]*?\bid(:\s*[^,}\n]*)?[,}\n]",
    )
    .unwrap();
    let mut ids = BTreeSet::new();
    let mut not_literal = Vec::new();
    for (path, code) in &files {
        let mut keep = |arg: &str| match arg.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
            Some(id) => {
                ids.insert((id.to_string(), path.clone()));
            }
            None => not_literal.push(format!("{path}: {arg}")),
        };
        for c in call.captures_iter(code) {
            keep(c[1].trim());
        }
        for c in literal.captures_iter(code).filter(|c| c.get(1).is_none()) {
            match c.get(2).map(|m| m.as_str()[1..].trim()) {
                // `id` alone or `self.id`: a constructor passing on the id it was given, checked at its callers.
                None | Some("self.id") => {}
                Some(arg) => keep(arg),
            }
        }
    }
    (ids, not_literal)
}

#[test]
fn the_lists_of_finding_ids_are_the_ids_the_engine_gives() {
    let (ids, not_literal) = engine_ids();
    assert!(
        not_literal.is_empty(),
        "a finding whose id is not a string literal cannot be checked here; write the id in the call: {not_literal:?}"
    );
    // The reviewer's count (session 42): 7 of URLs, 5 of pages, 4 of scans.
    assert!(ids.len() >= 16, "{ids:?}");
    let mut listed = BTreeSet::new();
    for id in HIDEABLE.iter().chain(NEVER_HIDDEN) {
        assert!(listed.insert(id.to_string()), "`{id}` is listed twice");
    }
    let unlisted: Vec<_> = ids.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&ids).collect();
    assert!(
        unlisted.is_empty(),
        "the engine gives {unlisted:?}, in neither policy::HIDEABLE nor policy::NEVER_HIDDEN: disabled_findings would refuse it as unknown"
    );
    assert!(
        stale.is_empty(),
        "policy lists {stale:?}, which no finding constructor in src/ gives"
    );
}

/// The ids README's "Organisation policy" lists between `start` and `end` (whitespace read as one space).
fn readme_ids(start: &str, end: &str) -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let text = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("README no longer says {start:?}"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("README: no {end:?} after {start:?}"));
    Regex::new(r"`([a-z][a-z-]*)`")
        .unwrap()
        .captures_iter(&text[from..to])
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn always_shown_holds_the_assessments_ids_and_shown_by_scan_the_scans() {
    // The scan's findings are made under src/text/; the assessment's (of a URL or a page) everywhere else, and
    // only they go through `Policy::shows`, which reads ALWAYS_SHOWN. A cut of NEVER_HIDDEN one id off either way
    // puts an id in the wrong half: `blocked-vendor` in the scan's (hideable then), `lookalike-link` in the
    // assessment's.
    let (given, _) = engine_ids_by_file();
    let text = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("text")
        .display()
        .to_string();
    let (by_scan, by_assessment): (Vec<_>, Vec<_>) =
        given.iter().partition(|(_, path)| path.starts_with(&text));
    let ids = |given: Vec<&(String, String)>| -> BTreeSet<String> {
        given.into_iter().map(|(id, _)| id.clone()).collect()
    };
    let (by_scan, by_assessment) = (ids(by_scan), ids(by_assessment));
    for id in ALWAYS_SHOWN {
        assert!(
            by_assessment.contains(*id),
            "ALWAYS_SHOWN holds `{id}`, which no assessment gives (the scan's: {by_scan:?})"
        );
    }
    for id in SHOWN_BY_SCAN {
        assert!(
            by_scan.contains(*id) && !by_assessment.contains(*id),
            "SHOWN_BY_SCAN holds `{id}`, which is not the scan's alone: an assessment's id there is never shown by `Policy::shows`"
        );
    }
}

#[test]
fn readme_lists_the_ids_a_setting_may_hide_and_those_it_may_not() {
    let hideable = readme_ids("finding ids that can be hidden:", "; always shown:");
    let shown = readme_ids("; always shown:", "; listing one of these is refused");
    let want: BTreeSet<String> = HIDEABLE.iter().map(|id| id.to_string()).collect();
    assert_eq!(
        hideable, want,
        "README's hideable ids against policy::HIDEABLE"
    );
    let want: BTreeSet<String> = NEVER_HIDDEN.iter().map(|id| id.to_string()).collect();
    assert_eq!(
        shown, want,
        "README's always-shown ids against policy::NEVER_HIDDEN"
    );
}

#[test]
fn every_id_never_hidden_is_refused_as_always_shown_and_every_hideable_one_is_accepted() {
    let db = Database::bundled();
    // A scan that did not read a part says so whatever the settings (session 43: `part-not-read` was hideable).
    let named = ["lookalike-domain", "lookalike-link", "part-not-read"];
    for id in named.iter().chain(NEVER_HIDDEN) {
        let settings = Settings {
            disabled_findings: vec![id.to_string()],
            ..Settings::default()
        };
        assert_eq!(
            settings.resolve(&db).unwrap_err(),
            [format!(
                "disabled_findings[0]: `{id}` is always shown and cannot be disabled"
            )]
        );
    }
    let settings = Settings {
        disabled_findings: HIDEABLE.iter().map(|id| id.to_string()).collect(),
        ..Settings::default()
    };
    assert!(settings.resolve(&db).is_ok());
}
