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
    // The screen's table taken once for the corpus, as a caller with many URLs does (`Classifier::url_screen`).
    let screen = bench().engine.classifier.url_screen();
    count(|u| screen.screened_class(u, &|_| None).is_some_and(named))
}

/// The screen alone; returns how many URLs it passed to the full path.
#[no_mangle]
pub extern "C" fn screen_only() -> u32 {
    let screen = bench().engine.classifier.url_screen();
    count(|u| screen.screen(u))
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

/// The corpus in batches of 500 as `classifyUrls` gets them: each batch's text and lengths.
fn joined_batches() -> &'static [(String, Vec<u32>, bool)] {
    static BATCHES: OnceLock<Vec<(String, Vec<u32>, bool)>> = OnceLock::new();
    BATCHES.get_or_init(|| {
        bench()
            .corpus
            .chunks(500)
            .map(|batch| {
                let text = batch.concat();
                let ascii = text.is_ascii();
                (text, batch.iter().map(|u| u.len() as u32).collect(), ascii)
            })
            .collect()
    })
}

/// Prepares `codes_joined`'s batches (outside the counted calls).
#[no_mangle]
pub extern "C" fn setup_joined() -> usize {
    joined_batches().len()
}

/// The facade's engine call (`Engine::url_codes_joined`, or `url_codes` on a batch that is not ASCII), over
/// the corpus in batches of 500 as `classifyUrls` gets them; returns how many named a vendor or a lookalike.
#[no_mangle]
pub extern "C" fn codes_joined() -> u32 {
    thread_local! {
        static CODES: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let engine = &bench().engine;
    let mut named = 0;
    CODES.with_borrow_mut(|codes| {
        for (text, lengths, ascii) in joined_batches() {
            codes.clear();
            if *ascii {
                assert!(engine.url_codes_joined(text, lengths, codes));
            } else {
                let urls: Vec<&str> = lengths
                    .iter()
                    .scan(0usize, |at, &n| {
                        let url = &text[*at..*at + n as usize];
                        *at += n as usize;
                        Some(url)
                    })
                    .collect();
                engine.url_codes(&urls, codes);
            }
            named += codes
                .chunks_exact(4)
                .filter(|c| c[0] != 0 || c[2] != 0)
                .count() as u32;
        }
    });
    named
}
