//! The URL half of `make bench` in wasm (a bare module: no wasm-bindgen, no facade), for `tools/bench.mjs`:
//! the corpus of `benches/report.rs`, classified inside wasm with one call per pass, next to the anchors that
//! build for wasm (the MeetingBar-style `RegexSet`, `url::Url::parse`, a host slice with hash probes). The
//! figures are the engine's own speed in wasm, apart from the cost of crossing into JavaScript.
//!
//! Build: `cargo build --release --target wasm32-unknown-unknown --example wasm_urls`
//! (`target/wasm32-unknown-unknown/release/examples/wasm_urls.wasm`). Natively it is an empty library.

#[path = "../benches/support/frozen_urls.rs"]
mod frozen_urls;
#[path = "../benches/support/references.rs"]
mod references;

use std::collections::HashSet;
use std::sync::OnceLock;

use joinguard::{Database, Engine, Policy};

struct Bench {
    engine: Engine<'static>,
    corpus: Vec<String>,
    /// The corpus as one newline-separated text, for JavaScript to read out of memory.
    joined: String,
    regexes: regex::RegexSet,
    domains: HashSet<&'static str>,
}

fn bench() -> &'static Bench {
    static BENCH: OnceLock<Bench> = OnceLock::new();
    BENCH.get_or_init(|| {
        // Leaked once: the engine borrows the database for the life of the module, as the facade's does.
        let db: &'static Database = Box::leak(Box::new(Database::bundled()));
        // The native benchmark's corpus.
        let corpus = frozen_urls::urls();
        Bench {
            engine: Engine::new(db, Policy::default()),
            joined: corpus.join("\n"),
            corpus,
            regexes: references::meetingbar_style_set(db),
            domains: references::domain_set(db),
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

fn count(f: impl Fn(&str) -> bool) -> u32 {
    bench().corpus.iter().filter(|u| f(u)).count() as u32
}

fn named(class: Result<joinguard::UrlClass, joinguard::UrlError>) -> bool {
    class.is_ok_and(|c| c.vendor.is_some() || c.lookalike_of.is_some())
}

/// Screens every URL and classifies those the screen passes; returns how many named a vendor or a lookalike.
#[no_mangle]
pub extern "C" fn screen_and_classify() -> u32 {
    let classifier = &bench().engine.classifier;
    count(|u| classifier.screened_class(u, &|_| None).is_some_and(named))
}

/// The screen alone; returns how many URLs it passed to the full path.
#[no_mangle]
pub extern "C" fn screen_only() -> u32 {
    count(|u| bench().engine.classifier.screen(u))
}

/// The same without the screen: every URL through the full parse.
#[no_mangle]
pub extern "C" fn classify_all() -> u32 {
    count(|u| named(bench().engine.classifier.classify(u)))
}

/// Anchor: the MeetingBar-style `RegexSet`.
#[no_mangle]
pub extern "C" fn regex_set() -> u32 {
    count(|u| bench().regexes.is_match(u))
}

/// Anchor: `url::Url::parse` alone.
#[no_mangle]
pub extern "C" fn url_parse() -> u32 {
    count(|u| url::Url::parse(u).is_ok())
}

/// Anchor: a host slice and hash probes.
#[no_mangle]
pub extern "C" fn host_probe() -> u32 {
    count(|u| references::host_probe(&bench().domains, u))
}
