//! Instruction counts of the URL hot path (`make bench-instructions`, under callgrind): deterministic where
//! wall-clock rates on a shared machine are not. Runs one method over the URL corpus of `make bench`
//! (`benches/data/urls.txt`, 10,000 links, frozen) in a function of its own, so that callgrind's
//! `--toggle-collect` counts that method and nothing of the set-up.
//!
//! `cargo bench --bench url_instructions -- METHOD` with METHOD one of `screen`, `screen+classify`,
//! `classify`, `codes` (`Engine::url_codes`, the facade's `classifyUrls`, in batches of 500 as `make bench`
//! calls it: screen + classify with one lookalike memo a batch), `links` (`Engine::link_records`, the
//! hits' records and extras into reused buffers, the Rust half of the facade's `screenLinks`, in batches of 500
//! as well), `url-parse`, `regexset`;
//! prints the number of URLs it found (a check that methods agree).

#[path = "support/frozen_urls.rs"]
mod frozen_urls;
#[path = "support/references.rs"]
#[allow(dead_code)]
mod references;

use std::hint::black_box;

use joinguard::codes::STRIDE;
use joinguard::{Database, Engine, Policy};

/// URLs a batch for `codes`, as `make bench` (tools/bench.mjs) calls `classifyUrls`.
const BATCH: usize = 500;

fn named(class: Result<joinguard::UrlClass, joinguard::UrlError>) -> bool {
    class.is_ok_and(|c| c.vendor.is_some() || c.lookalike_of.is_some())
}

/// One pass of a method over the corpus.
#[inline(never)]
fn measured(method: &str, urls: &[String], engine: &Engine, regexes: &regex::RegexSet) -> usize {
    let classifier = &engine.classifier;
    let count = |f: &dyn Fn(&str) -> bool| urls.iter().filter(|u| f(black_box(u))).count();
    match method {
        "codes" => {
            let mut codes = Vec::new();
            let mut found = 0;
            for batch in urls.chunks(BATCH) {
                codes.clear();
                engine.url_codes(black_box(batch), &mut codes);
                // Named: a vendor or a lookalike (the first and third numbers), as `named` counts.
                found += codes
                    .chunks_exact(STRIDE)
                    .filter(|c| c[0] != 0 || c[2] != 0)
                    .count();
            }
            found
        }
        "links" => {
            // One pair of buffers for every batch, as the facade keeps them.
            let (mut records, mut extras) = (Vec::new(), String::new());
            let mut found = 0;
            for batch in urls.chunks(BATCH) {
                records.clear();
                extras.clear();
                found += engine
                    .link_records(black_box(batch), &mut records, &mut extras)
                    .expect("extras are JSON");
                black_box((records.len(), extras.len()));
            }
            found
        }
        // The screen's table taken once for the corpus, as a caller with many URLs does (`url_screen`).
        "screen" => {
            let screen = classifier.url_screen();
            count(&|u| screen.screen(u))
        }
        "screen+classify" => {
            let screen = classifier.url_screen();
            count(&|u| screen.screened_class(u, &|_| None).is_some_and(named))
        }
        "classify" => count(&|u| named(classifier.classify(u))),
        "url-parse" => count(&|u| url::Url::parse(u).is_ok()),
        "regexset" => count(&|u| regexes.is_match(u)),
        other => panic!("unknown method `{other}`"),
    }
}

/// What callgrind collects (`--toggle-collect=*collected*`): the second pass.
#[inline(never)]
fn collected(method: &str, urls: &[String], engine: &Engine, regexes: &regex::RegexSet) -> usize {
    measured(method, urls, engine, regexes)
}

fn main() {
    let method = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "screen+classify".to_string());
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let urls = frozen_urls::urls();
    let regexes = references::meetingbar_style_set(&db);
    // One warm-up pass outside the collected function (lazy statics, first-touch allocations).
    black_box(measured(&method, &urls, &engine, &regexes));
    let found = collected(&method, &urls, &engine, &regexes);
    println!("{method}: {found} of {} URLs", urls.len());
}
