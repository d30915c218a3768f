//! Helpers shared by the facade's tests.

/// A batch as `packStrings` (extension/background/batch.js) packs it: the UTF-8 text, each length in UTF-16
/// units.
pub fn pack(strings: &[&str]) -> (Vec<u8>, Vec<u32>) {
    let lengths = strings
        .iter()
        .map(|s| s.encode_utf16().count() as u32)
        .collect();
    (strings.concat().into_bytes(), lengths)
}
