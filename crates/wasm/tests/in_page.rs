//! The facade functions behind the in-page features (link badges, exposed credentials), run in Node by
//! wasm-bindgen-test-runner: plain JS values out, settings in.

use joinguard_wasm::{exposed_credentials, is_public_site, screen_links, screen_links_joined};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn settings(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn screen_links_returns_hits_with_their_index() {
    let urls = vec![
        "https://example.org/".to_string(),
        "https://us02web.zoom.us/j/85123456789".to_string(),
        "https://zoom.us.meeting-join.com/j/85123456789".to_string(),
    ];
    let hits: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(screen_links(urls, JsValue::UNDEFINED).unwrap()).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["index"], 1);
    assert_eq!(hits[0]["assessment"]["vendor"], "zoom");
    assert_eq!(hits[1]["index"], 2);
    assert_eq!(hits[1]["assessment"]["lookalike_of"], "zoom");
}

#[wasm_bindgen_test]
fn screen_links_joined_gives_the_same_hits_by_line() {
    let urls = [
        "https://example.org/",
        "https://us02web.zoom.us/j/85123456789",
        "https://zoom.us/pricing",
        "https://zoom.us.meeting-join.com/j/85123456789",
    ];
    let one_by_one: serde_json::Value = serde_wasm_bindgen::from_value(
        screen_links(
            urls.iter().map(|u| u.to_string()).collect(),
            JsValue::UNDEFINED,
        )
        .unwrap(),
    )
    .unwrap();
    let joined: serde_json::Value = serde_wasm_bindgen::from_value(
        screen_links_joined(&urls.join("\n"), JsValue::UNDEFINED).unwrap(),
    )
    .unwrap();
    assert_eq!(joined, one_by_one);
    assert_eq!(joined[1]["index"], 3);
}

#[wasm_bindgen_test]
fn exposed_credentials_with_redactions() {
    let texts = vec![
        "hello".to_string(),
        "Meeting ID: 851 2345 6789 Passcode: 482913".to_string(),
    ];
    let found: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(exposed_credentials(texts, JsValue::NULL).unwrap()).unwrap();
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
