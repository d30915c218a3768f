//! Helpers shared by the facade's tests.
// Each test file uses part of them.
#![allow(dead_code)]

use wasm_bindgen::{JsError, JsValue};

/// A batch as `stage` (extension/background/batch.js) describes it: the UTF-8 text, each length in UTF-16
/// units.
pub fn pack(strings: &[&str]) -> (Vec<u8>, Vec<u32>) {
    let lengths = strings
        .iter()
        .map(|s| s.encode_utf16().count() as u32)
        .collect();
    (strings.concat().into_bytes(), lengths)
}

/// Writes any text and lengths (matching or not) into the engine's batch room as `stage` does: the lengths,
/// then the text. Returns the count and the text's length in bytes, for the batch call.
pub fn stage(text: &[u8], lengths: &[u32]) -> (usize, usize) {
    let room = joinguard_wasm::batch_input(lengths.len(), text.len()).unwrap();
    let mut bytes: Vec<u8> = lengths.iter().flat_map(|l| l.to_le_bytes()).collect();
    bytes.extend_from_slice(text);
    room.subarray(0, bytes.len() as u32).copy_from(&bytes);
    (lengths.len(), text.len())
}

/// `classifyUrls` on a staged batch, its codes copied out of the engine's memory.
pub fn classify(text: &[u8], lengths: &[u32], settings: JsValue) -> Result<Vec<u32>, JsError> {
    let (count, bytes) = stage(text, lengths);
    joinguard_wasm::classify_urls(count, bytes, settings).map(|codes| codes.to_vec())
}

/// `screenLinks` on a staged batch: its records copied out of the engine's memory and its extras as JSON text
/// (`[]` for none).
pub fn screen(
    text: &[u8],
    lengths: &[u32],
    settings: JsValue,
) -> Result<(Vec<u32>, String), JsError> {
    let (count, bytes) = stage(text, lengths);
    let answer = joinguard_wasm::screen_links(count, bytes, settings)?;
    let records = js_sys::Uint32Array::from(answer.get(0)).to_vec();
    let extras = answer.get(1);
    let extras = match extras.is_null() {
        true => "[]".to_string(),
        false => js_sys::JSON::stringify(&extras)
            .unwrap()
            .as_string()
            .unwrap(),
    };
    Ok((records, extras))
}

/// `linkTables` as the JSON value it parses to.
pub fn link_tables(settings: JsValue) -> serde_json::Value {
    let tables = joinguard_wasm::link_tables(settings).unwrap();
    serde_json::from_str(
        &js_sys::JSON::stringify(&tables)
            .unwrap()
            .as_string()
            .unwrap(),
    )
    .unwrap()
}

/// `exposedCredentials` on a staged batch.
pub fn exposed(text: &[u8], lengths: &[u32], settings: JsValue) -> Result<JsValue, JsError> {
    let (count, bytes) = stage(text, lengths);
    joinguard_wasm::exposed_credentials(count, bytes, settings)
}
