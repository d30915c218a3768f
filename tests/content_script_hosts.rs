//! Keeps the extension's conferencing content scripts in step with the vendor database and the page analysis:
//! the hosts media-hook.js (MAIN world) and meeting-page.js (the top-frame bundle with media-watch.js and
//! recording.js) run on, manifest.json's one list `match_lists.meeting_hosts`, are exactly the https hosts of
//! every active vendor's join, web-client and webinar pages (plus BigBlueButton's web-client path on any host,
//! since most BigBlueButton servers are an organisation's own), page.js (the same bundle without them) runs on
//! every other http(s) page, and recording.js's candidate stems are the engine's `NOTICE_STEMS`/`NOTICE_EXACT`.

use std::collections::BTreeSet;
use std::path::Path;

use joinguard::page::{NOTICE_EXACT, NOTICE_STEMS};
use joinguard::rules::{Lifecycle, PageKind};
use joinguard::Database;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Patterns that come from a page shape rather than a host: BigBlueButton's web client on a self-hosted server
/// (the background still asks the engine, which knows such a host only from the organisation's policy).
const PATH_PATTERNS: &[&str] = &["https://*/html5client/*"];

/// The name, under manifest.json's `match_lists`, of the meeting hosts' patterns: where meeting-page.js and
/// media-hook.js run, and page.js does not.
const MEETING_HOSTS: &str = "meeting_hosts";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Match patterns derived from the database: `*.zoom.us` covers `zoom.us` and every host under it
/// (`events.zoom.us`), so a host a wildcard already covers is dropped.
fn expected_patterns() -> BTreeSet<String> {
    let db = Database::bundled();
    let mut hosts = BTreeSet::new();
    for entry in &db.entries {
        if entry.vendor.status.value == Lifecycle::Retired {
            continue;
        }
        for page in &entry.vendor.pages {
            if matches!(
                page.kind,
                PageKind::Join | PageKind::WebClient | PageKind::Webinar
            ) {
                // `*` (a shape on any host: BigBlueButton's API join link) is a redirect to the server's web
                // client, which `PATH_PATTERNS` covers; media scripts never run on every site.
                hosts.extend(page.hosts.iter().filter(|h| *h != "*").cloned());
            }
        }
    }
    let covered = |h: &String| {
        let base = h.strip_prefix("*.").unwrap_or(h);
        hosts.iter().any(|w| {
            w != h
                && w.strip_prefix("*.")
                    .is_some_and(|parent| base == parent || base.ends_with(&format!(".{parent}")))
        })
    };
    let mut patterns: BTreeSet<String> = hosts
        .iter()
        .filter(|h| !covered(h))
        .map(|h| format!("https://{h}/*"))
        .collect();
    patterns.extend(PATH_PATTERNS.iter().map(|p| p.to_string()));
    patterns
}

/// The content-script entries of manifest.json whose `js` is exactly `files`.
fn entry(manifest: &Value, files: &[&str]) -> Value {
    manifest["content_scripts"]
        .as_array()
        .expect("content_scripts")
        .iter()
        .find(|e| {
            e["js"].as_array().is_some_and(|js| {
                js.iter()
                    .map(|f| f.as_str().unwrap_or(""))
                    .eq(files.iter().copied())
            })
        })
        .unwrap_or_else(|| panic!("manifest.json has no content script entry with js {files:?}"))
        .clone()
}

fn patterns(entry: &Value, key: &str) -> BTreeSet<String> {
    entry[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key}"))
        .iter()
        .map(|m| m.as_str().expect("a pattern").to_string())
        .collect()
}

fn matches(entry: &Value) -> BTreeSet<String> {
    patterns(entry, "matches")
}

#[test]
fn meeting_page_scripts_run_on_the_vendors_meeting_hosts_and_page_js_everywhere_else() {
    let manifest: Value =
        serde_json::from_str(&read("manifest.json")).expect("manifest.json is JSON");
    let hook = entry(&manifest, &["main-world/media-hook.js"]);
    let watch = entry(&manifest, &["content/meeting-page.js"]);
    let page = entry(&manifest, &["content/page.js"]);
    assert_eq!(hook["world"], "MAIN");
    assert_eq!(hook["run_at"], "document_start");
    // The isolated-world listener must exist before the page's first getUserMedia can resolve, and the early
    // check (gate.js, in both bundles) must run before the page's own scripts on every page.
    assert_eq!(watch["run_at"], "document_start");
    assert_eq!(page["run_at"], "document_start");
    assert!(
        watch.get("world").is_none() && page.get("world").is_none(),
        "meeting-page.js and page.js run in the isolated world"
    );
    assert!(
        [&hook, &watch, &page]
            .iter()
            .all(|e| e.get("all_frames").is_none() && e.get("exclude_globs").is_none()),
        "top frame only, no globs"
    );
    assert!(watch.get("exclude_matches").is_none());
    assert_eq!(
        matches(&page),
        BTreeSet::from(["http://*/*".to_string(), "https://*/*".to_string()])
    );

    // One list, named by all three entries: every top frame gets exactly one of the two bundles, and the media
    // hook runs where meeting-page.js listens (tools/build-extension.mjs writes it out in both packages).
    for (entry, key) in [
        (&hook, "matches"),
        (&watch, "matches"),
        (&page, "exclude_matches"),
    ] {
        assert_eq!(
            entry[key], MEETING_HOSTS,
            "{}'s {key} in manifest.json must be the named list \"{MEETING_HOSTS}\"",
            entry["js"]
        );
    }
    let expected = expected_patterns();
    let listed = expected
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        patterns(&manifest["match_lists"], MEETING_HOSTS),
        expected,
        "match_lists.{MEETING_HOSTS} in manifest.json differs from the vendor database; use [{listed}]"
    );
}

#[test]
fn the_six_recording_vendors_are_covered() {
    let db = Database::bundled();
    let patterns = expected_patterns();
    for id in ["zoom", "teams", "meet", "webex", "jitsi", "bigbluebutton"] {
        let index = db.get(id).unwrap_or_else(|| panic!("vendor {id}"));
        let covered = db.entry(index).vendor.pages.iter().any(|page| {
            page.kind != PageKind::Login
                && page
                    .hosts
                    .iter()
                    .any(|h| patterns.contains(&format!("https://{h}/*")))
        });
        assert!(covered, "{id} has no meeting host in the patterns");
    }
    let background = read("extension/background/background.js");
    assert!(
        background
            .contains("new Set(['zoom', 'teams', 'meet', 'webex', 'jitsi', 'bigbluebutton'])"),
        "background.js's RECORDING_VENDORS is the six web clients of issue 6"
    );
}

/// The quoted strings of a one-line JavaScript array `const NAME = [...]` in `source`.
fn js_array(source: &str, name: &str) -> Vec<String> {
    let start = source
        .find(&format!("const {name} = ["))
        .unwrap_or_else(|| panic!("const {name} = [ not found"));
    let rest = &source[start..];
    let body = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
    body.split(',')
        .map(|s| s.trim().trim_matches('\'').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn recording_script_collects_what_the_engine_reads() {
    let script = read("extension/content/recording.js");
    assert_eq!(js_array(&script, "NOTICE_STEMS"), NOTICE_STEMS);
    assert_eq!(js_array(&script, "NOTICE_EXACT"), NOTICE_EXACT);
    // recording.js and signals.js look for a label in the lower-cased text before indicatorKey's Unicode
    // expression, which joins a text's runs of letters with spaces: that pre-check holds only for one-word labels.
    for label in NOTICE_EXACT {
        assert!(
            label.chars().all(|c| c.is_alphabetic() && !c.is_uppercase()),
            "NOTICE_EXACT label {label:?}: one lower-case word, or recording.js's candidate() pre-check misses it"
        );
    }
}
