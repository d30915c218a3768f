//! The URL benchmark's workload as a bare wasm module (no wasm-bindgen, no facade), for
//! `tools/bench-wasm.mjs`: the same corpus as `benches/urls.rs`, classified inside wasm with one call per
//! round, so the figure is the engine's own speed in wasm, apart from the cost of crossing into JavaScript.
//!
//! Build: `cargo build --release --target wasm32-unknown-unknown --example wasm_urls`
//! (`target/wasm32-unknown-unknown/release/examples/wasm_urls.wasm`). Natively it is an empty library.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::sync::OnceLock;

use joinguard::{Database, Engine, Policy};

/// Same size as the native benchmark's corpus.
const CORPUS_SIZE: usize = 10_000;

struct Bench {
    engine: Engine<'static>,
    corpus: Vec<String>,
    /// The corpus as one newline-separated text, for JavaScript to read out of memory.
    joined: String,
}

fn bench() -> &'static Bench {
    static BENCH: OnceLock<Bench> = OnceLock::new();
    BENCH.get_or_init(|| {
        // Leaked once: the engine borrows the database for the life of the module, as the facade's does.
        let db: &'static Database = Box::leak(Box::new(Database::bundled()));
        let corpus = corpus::corpus(CORPUS_SIZE);
        Bench {
            engine: Engine::new(db, Policy::default()),
            joined: corpus.join("\n"),
            corpus,
        }
    })
}

/// Builds the database, the engine and the corpus (timed on its own by the caller).
#[no_mangle]
pub extern "C" fn setup() -> usize {
    bench().corpus.len()
}

/// Address of the newline-separated corpus in linear memory.
#[no_mangle]
pub extern "C" fn corpus_ptr() -> *const u8 {
    bench().joined.as_ptr()
}

/// Length in bytes of the newline-separated corpus.
#[no_mangle]
pub extern "C" fn corpus_len() -> usize {
    bench().joined.len()
}

/// Screens every URL and classifies those the screen passes, `rounds` times; returns how many URLs named a
/// vendor or a lookalike in the last round (so that nothing is optimised away).
#[no_mangle]
pub extern "C" fn screen_and_classify(rounds: u32) -> u32 {
    let bench = bench();
    let classifier = &bench.engine.classifier;
    let mut found = 0;
    for _ in 0..rounds {
        found = 0;
        for url in &bench.corpus {
            if classifier.screen(url) {
                if let Ok(class) = classifier.classify(url) {
                    found += u32::from(class.vendor.is_some() || class.lookalike_of.is_some());
                }
            }
        }
    }
    found
}

/// The screen alone, `rounds` times; returns how many URLs it passed to the full path in the last round.
#[no_mangle]
pub extern "C" fn screen_only(rounds: u32) -> u32 {
    let bench = bench();
    let mut passed = 0;
    for _ in 0..rounds {
        passed = 0;
        for url in &bench.corpus {
            passed += u32::from(bench.engine.classifier.screen(url));
        }
    }
    passed
}

/// The same without the screen: every URL through the full parse.
#[no_mangle]
pub extern "C" fn classify_all(rounds: u32) -> u32 {
    let bench = bench();
    let mut found = 0;
    for _ in 0..rounds {
        found = 0;
        for url in &bench.corpus {
            if let Ok(class) = bench.engine.classifier.classify(url) {
                found += u32::from(class.vendor.is_some() || class.lookalike_of.is_some());
            }
        }
    }
    found
}
