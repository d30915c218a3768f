//! Base64 encoding (RFC 4648, the standard alphabet, with padding) for the mail the tests and the benchmarks
//! write: the engine only decodes (`src/base64.rs`), so the encoder stays out of the library and its wasm.
//! Included through `#[path]` by `benches/support/mail.rs` and by `src/text/mail.rs`'s tests.

/// `bytes` in base64, on one line.
pub fn encode_base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let mut word = [0; 4];
        word[1..=group.len()].copy_from_slice(group);
        let word = u32::from_be_bytes(word);
        out.extend(
            (0..=group.len()).map(|i| char::from(DIGITS[(word >> (18 - 6 * i) & 63) as usize])),
        );
        out.extend(std::iter::repeat_n('=', 3 - group.len()));
    }
    out
}
