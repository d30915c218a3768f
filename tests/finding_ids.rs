//! Every finding id the engine's source gives is one `disabled_findings` may name (`policy::HIDEABLE`) or one it
//! refuses as always shown (`policy::ALWAYS_SHOWN`, `policy::SHOWN_BY_SCAN`), and those lists name no other id.
//! The lists were written by hand: an id missing from them is refused as unknown, and a stale one is offered to
//! organisations (the options page's `device-access` checkbox hid no finding), with no other test noticing.

use std::collections::BTreeSet;
use std::path::Path;

use joinguard::policy::{ALWAYS_SHOWN, HIDEABLE, SHOWN_BY_SCAN};
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
                ids.insert(id.to_string());
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
    for id in HIDEABLE.iter().chain(ALWAYS_SHOWN).chain([&SHOWN_BY_SCAN]) {
        assert!(listed.insert(id.to_string()), "`{id}` is listed twice");
    }
    let unlisted: Vec<_> = ids.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&ids).collect();
    assert!(
        unlisted.is_empty(),
        "the engine gives {unlisted:?}, in none of policy::HIDEABLE, ALWAYS_SHOWN, SHOWN_BY_SCAN: disabled_findings would refuse it as unknown"
    );
    assert!(
        stale.is_empty(),
        "policy lists {stale:?}, which no finding constructor in src/ gives"
    );
}
