//! The facade functions behind the in-page features (link badges, exposed credentials), run in Node by
//! wasm-bindgen-test-runner: plain JS values out, settings in.

#[path = "../../../tests/support/link_records.rs"]
mod link_records;
mod support;

use joinguard::screen::record::HEAD;
use joinguard_wasm::is_public_site;
use link_records::read_link_records;
use support::{exposed, link_tables, pack, screen};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn settings(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn screen_links_returns_hits_with_their_index() {
    let (text, lengths) = pack(&[
        "https://example.org/",
        "https://us02web.zoom.us/j/85123456789",
        "https://zoom.us/pricing",
        "https://zoom.us.meeting-join.com/j/85123456789",
    ]);
    let (records, _) = screen(&text, &lengths, JsValue::UNDEFINED).unwrap();
    let zoom = joinguard::Database::bundled().get("zoom").unwrap() as u32 + 1;
    // The engine's generation, the hit count, then each hit: index, vendor, kind, lookalike, ….
    let tables = link_tables(JsValue::UNDEFINED);
    assert_eq!(
        records[..2],
        [tables["generation"].as_u64().unwrap() as u32, 2]
    );
    let first = &records[2..];
    assert_eq!((first[0], first[1], first[3]), (1, zoom, 0));
    let second = &first[HEAD + first[7] as usize..];
    assert_eq!((second[0], second[1], second[3]), (3, 0, zoom));
}

/// The engine's generation changes with the settings, so that JavaScript knows when to ask `linkTables` again,
/// and the tables follow the settings: a blocked vendor's finding is in them.
#[wasm_bindgen_test]
fn link_tables_follow_the_settings() {
    let (text, lengths) = pack(&["https://us02web.zoom.us/j/85123456789"]);
    let blocked = settings(r#"{"blocked_vendors": ["zoom"]}"#);
    let (before, _) = screen(&text, &lengths, JsValue::UNDEFINED).unwrap();
    let (after, _) = screen(&text, &lengths, blocked.clone()).unwrap();
    assert_ne!(before[0], after[0]);
    let tables = link_tables(blocked);
    assert_eq!(tables["generation"], after[0]);
    let findings = tables["findings"].as_array().unwrap();
    let slot = after[2 + HEAD] as usize;
    assert_eq!(findings[slot]["id"], "blocked-vendor");
}

/// The facade answers each hit as numbers and only what differs as JSON (`Engine::link_records`); in the
/// extension's build too (no English sentences, feature `english` off), read back with `linkTables` as
/// extension/background/batch.js reads them, they are what the derives write of the built hits
/// (`Engine::screen_links`), on the bench corpus under the default settings and an organisation's.
#[wasm_bindgen_test]
fn screen_links_text_is_the_derives_text_in_the_extensions_build() {
    let corpus: Vec<&str> = include_str!("../../../benches/data/urls.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect();
    let db = joinguard::Database::bundled();
    let organisation = r#"{"approved_vendors": ["teams"], "blocked_vendors": ["zoom", "skype"]}"#;
    let mut hits = 0;
    for json in ["{}", organisation] {
        let engine = joinguard::Engine::new(
            &db,
            joinguard::Settings::from_json(json)
                .unwrap()
                .resolve(&db)
                .unwrap(),
        );
        let tables = link_tables(settings(json));
        for batch in corpus.chunks(500) {
            let (text, lengths) = pack(batch);
            let (records, extras) = screen(&text, &lengths, settings(json)).unwrap();
            assert_eq!(records[0], tables["generation"]);
            let ours = read_link_records(&tables, batch, &records[2..], &extras);
            let built = engine.screen_links(batch);
            assert_eq!(records[1] as usize, built.len());
            hits += built.len();
            assert_eq!(ours, serde_json::to_value(&built).unwrap());
        }
    }
    assert!(hits > 400, "{hits} hits");
}

#[wasm_bindgen_test]
fn screen_links_counts_links_with_newlines_and_non_ascii_by_position() {
    // A crafted href with a newline, and non-ASCII before a hit: indexes still count the links.
    let (text, lengths) = pack(&[
        "https://example.org/a\nb",
        "https://\u{4f8b}\u{3048}.jp/\u{1f600}",
        "https://us02web.zoom.us/j/85123456789",
    ]);
    let (records, _) = screen(&text, &lengths, JsValue::UNDEFINED).unwrap();
    assert_eq!(records[1], 1);
    assert_eq!(records[2], 2);
    let mut wrong = lengths.clone();
    wrong.pop();
    assert!(screen(&text, &wrong, JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn exposed_credentials_with_redactions() {
    let (text, lengths) = pack(&["hello", "Meeting ID: 851 2345 6789\nPasscode: 482913"]);
    let found: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(exposed(&text, &lengths, JsValue::NULL).unwrap()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["index"], 1);
    assert_eq!(found[0]["meeting_id"], "85123456789");
    assert_eq!(found[0]["redaction"]["found"], "Passcode: 482913");
    assert_eq!(found[0]["redaction"]["replacement"], "");
}

#[wasm_bindgen_test]
fn public_sites_follow_the_settings() {
    assert!(is_public_site("www.reddit.com", JsValue::UNDEFINED).unwrap());
    assert!(!is_public_site("mail.example.com", JsValue::UNDEFINED).unwrap());
    let own = settings(r#"{"public_sites": ["forum.example.org"]}"#);
    assert!(is_public_site("forum.example.org", own.clone()).unwrap());
    assert!(!is_public_site("reddit.com", own).unwrap());
    assert!(is_public_site("x.com", settings(r#"{"public_sites": ["*.x.com"]}"#)).is_err());
}
