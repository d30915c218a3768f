//! The facade's conversions, run in Node by wasm-bindgen-test-runner: values in, plain JS objects out.

use joinguard_wasm::{assess_url, assess_urls, data_version, validate_settings, vendor_card};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys_get(value, key)
}

fn js_sys_get(value: &JsValue, key: &str) -> JsValue {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value.clone()).unwrap();
    serde_wasm_bindgen::to_value(&json[key]).unwrap()
}

#[wasm_bindgen_test]
fn zoom_join_link_with_passcode() {
    let result = assess_url(
        "https://us02web.zoom.us/j/85123456789?pwd=abc",
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&result, "vendor").as_string().as_deref(), Some("zoom"));
    assert_eq!(get(&result, "kind").as_string().as_deref(), Some("join"));
    assert_eq!(get(&result, "embedded_secret").as_bool(), Some(true));
    assert!(
        get(&result, "lookalike_of").is_null(),
        "absent values are null, not undefined"
    );
}

#[wasm_bindgen_test]
fn invalid_url_throws_with_the_url_named() {
    let error = assess_url("javascript:alert(1)", JsValue::UNDEFINED).unwrap_err();
    let message = JsValue::from(error);
    let text = format!("{message:?}");
    assert!(text.contains("javascript"), "{text}");
}

#[wasm_bindgen_test]
fn batch_keeps_positions() {
    let urls = vec![
        "https://zoom.us/j/5551234567".to_string(),
        "ftp://x".to_string(),
        "https://example.org/".to_string(),
    ];
    let results: Vec<serde_json::Value> =
        serde_wasm_bindgen::from_value(assess_urls(urls, JsValue::NULL).unwrap()).unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["vendor"], "zoom");
    assert!(results[1].is_null());
    assert_eq!(results[2]["kind"], "none");
}

#[wasm_bindgen_test]
fn settings_are_validated() {
    let bad = serde_wasm_bindgen::to_value(&serde_json::json!({ "approved_vendors": ["zooom"] }))
        .unwrap();
    assert!(validate_settings(bad).is_err());
    let unknown_field =
        serde_wasm_bindgen::to_value(&serde_json::json!({ "aproved": [] })).unwrap();
    assert!(validate_settings(unknown_field).is_err());
    let good =
        serde_wasm_bindgen::to_value(&serde_json::json!({ "blocked_vendors": ["zoom"] })).unwrap();
    validate_settings(good.clone()).unwrap();
    let result = assess_url("https://zoom.us/j/5551234567", good).unwrap();
    let findings: serde_json::Value =
        serde_wasm_bindgen::from_value(get(&result, "findings")).unwrap();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "blocked-vendor"));
}

#[wasm_bindgen_test]
fn vendor_card_and_version() {
    let card: serde_json::Value =
        serde_wasm_bindgen::from_value(vendor_card("zoom").unwrap()).unwrap();
    assert_eq!(card["vendor"]["name"], "Zoom");
    assert!(card["grade"]["grade"].is_string());
    assert!(vendor_card("nope").is_err());
    assert!(data_version().contains("vendors"));
}
