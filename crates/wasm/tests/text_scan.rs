//! The text scanner's anchor search in wasm, run in Node by wasm-bindgen-test-runner: the fused `simd128`
//! pass (`src/text/pair_filter.rs`, the wasm default) finds what the memmem passes find, on many generated
//! texts made of the anchors' pieces, near misses and random bytes. Natively the same pass is held to its
//! scalar twin by `pair_filter`'s own tests; this holds the wasm build's SIMD to the reference.

use joinguard::text::{Scanner, Strategy};
use joinguard::{Database, Engine, Policy};
use wasm_bindgen_test::wasm_bindgen_test;

/// Pieces that make the anchors, their near misses and the text around them.
const PIECES: &[&str] = &[
    "Meeting ID: ",
    "Message-ID: ",
    "ID de réunion : ",
    "N° de réunion : ",
    "Numéro de la réunion (code d'accès) : ",
    "Número de reunión: ",
    "Meeting-Kennnummer: ",
    "Vergaderingnummer: ",
    "Zugriffscode: ",
    "Access Code: ",
    "Passcode: ",
    "Kenncode: ",
    "851 2345 6789",
    "482913",
    "+16465588656,,85123456789#,,,,*482913#",
    "https://us02web.zoom.us/j/85123456789?pwd=aBc",
    "www.zoom.us",
    "zoom.us/j/93456789012",
    "www.",
    "ww",
    "mm",
    "um",
    ",,",
    "é",
    "\u{b0}",
    " ",
    "\n",
    "the schedule and the budget ",
];

#[wasm_bindgen_test]
fn fused_pass_finds_what_memmem_passes_find() {
    assert_eq!(
        Strategy::default(),
        Strategy::Packed,
        "simd128 builds default to the fused pass"
    );
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut fused = Scanner::with_strategy(&engine, Strategy::Packed);
    let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut found = 0;
    for _ in 0..300 {
        let mut doc: Vec<u8> = Vec::new();
        for _ in 0..1 + next() % 80 {
            match next() % 5 {
                0 => doc.push((next() % 256) as u8),
                _ => doc
                    .extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize].as_bytes()),
            }
        }
        let text = String::from_utf8_lossy(&doc);
        let expected = passes.scan_text(&text);
        found += expected.len();
        assert_eq!(fused.scan_text(&text), expected, "{text:?}");
    }
    assert!(found > 100, "the texts hold findings ({found})");
}
