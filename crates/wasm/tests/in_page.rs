//! The facade functions behind the in-page features (link badges, exposed credentials), run in Node by
//! wasm-bindgen-test-runner: plain JS values out, settings in.

mod support;

use joinguard_wasm::is_public_site;
use support::{exposed, pack, screen};
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
    let hits: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(screen(&text, &lengths, JsValue::UNDEFINED).unwrap())
            .unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["index"], 1);
    assert_eq!(hits[0]["assessment"]["vendor"], "zoom");
    assert_eq!(hits[1]["index"], 3);
    assert_eq!(hits[1]["assessment"]["lookalike_of"], "zoom");
}

/// The facade writes the hits' JSON straight into one buffer (`Engine::write_links_json`); in the extension's
/// build too (no English sentences, feature `english` off) the text is what the derives write of the built
/// hits (`Engine::screen_links`), on the bench corpus under the default settings and an organisation's.
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
        for batch in corpus.chunks(500) {
            let (text, lengths) = pack(batch);
            let value = screen(&text, &lengths, settings(json)).unwrap();
            let ours = js_sys::JSON::stringify(&value)
                .unwrap()
                .as_string()
                .unwrap();
            let built = engine.screen_links(batch);
            hits += built.len();
            assert_eq!(ours, joinguard::json::to_string(&built).unwrap());
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
    let hits: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(screen(&text, &lengths, JsValue::UNDEFINED).unwrap())
            .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["index"], 2);
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
