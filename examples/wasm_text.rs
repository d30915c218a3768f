//! The text benchmark's workload as a bare wasm module (no wasm-bindgen, no facade), for
//! `tools/bench.mjs`: the mail-like corpus of `benches/report.rs`, scanned inside wasm with one call
//! per round, next to the same references (a `regex` alternation of the patterns, one `memmem` pass).
//!
//! Build with SIMD, as the extension's build does:
//! `RUSTFLAGS="-C target-feature=+simd128" cargo build --release --target wasm32-unknown-unknown --example wasm_text`
//! (`target/wasm32-unknown-unknown/release/examples/wasm_text.wasm`). Natively it is an unused library.

#[path = "../benches/support/mail.rs"]
mod mail;

use std::sync::OnceLock;

use joinguard::text::{Scanner, Strategy};
use joinguard::{Database, Engine, Policy};

/// Smaller than the native 16 MiB: the figure is a rate, and the module's memory stays modest.
const CORPUS_BYTES: usize = 8 << 20;

struct Bench {
    engine: Engine<'static>,
    /// Mail with 20% HTML parts, and plain mail.
    corpora: [String; 2],
    reference: regex::bytes::Regex,
}

fn bench() -> &'static Bench {
    static BENCH: OnceLock<Bench> = OnceLock::new();
    BENCH.get_or_init(|| {
        // Leaked once: the engine borrows the database for the life of the module, as the facade's does.
        let db: &'static Database = Box::leak(Box::new(Database::bundled()));
        let pattern = mail::reference_pattern(db);
        Bench {
            engine: Engine::new(db, Policy::default()),
            corpora: [
                mail::mail_like(CORPUS_BYTES, 7, 20),
                mail::mail_like(CORPUS_BYTES, 7, 0),
            ],
            reference: regex::bytes::Regex::new(&pattern).expect("the reference pattern compiles"),
        }
    })
}

fn corpus(which: u32) -> &'static str {
    &bench().corpora[usize::from(which != 0)]
}

/// Builds the database, the engine and the corpora (timed on its own by the caller).
#[no_mangle]
pub extern "C" fn setup() -> usize {
    bench().corpora[0].len()
}

/// Length in bytes of corpus `which` (0: mail with HTML parts, 1: plain mail).
#[no_mangle]
pub extern "C" fn corpus_len(which: u32) -> usize {
    corpus(which).len()
}

fn scan(which: u32, strategy: Strategy) -> u32 {
    let mut scanner = Scanner::with_strategy(&bench().engine, strategy);
    scanner.scan_text(corpus(which)).len() as u32
}

/// The scanner with one `memmem` pass per long anchor (the wasm default before the fused pass); returns the
/// number of findings.
#[no_mangle]
pub extern "C" fn scan_passes(which: u32) -> u32 {
    scan(which, Strategy::Passes)
}

/// The scanner as the extension runs it: every anchor in one fused `simd128` pass over a rare byte pair of
/// each (`src/text/pair_filter.rs`), the wasm default.
#[no_mangle]
pub extern "C" fn scan_packed(which: u32) -> u32 {
    scan(which, Strategy::Packed)
}

/// The reference: the regex alternation, counting matches.
#[no_mangle]
pub extern "C" fn regex_reference(which: u32) -> u32 {
    bench()
        .reference
        .find_iter(corpus(which).as_bytes())
        .count() as u32
}

/// The floor: one `memmem` pass for `zoom.us`.
#[no_mangle]
pub extern "C" fn memmem_floor(which: u32) -> u32 {
    memchr::memmem::find_iter(corpus(which).as_bytes(), "zoom.us").count() as u32
}
