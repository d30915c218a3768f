//! Text-scanning throughput on mail-like text (headers, prose, quoted replies, 20% HTML parts full of links,
//! an invitation every 40–60 KB), against references in the same run: a `regex` alternation of the same link
//! and label patterns, and a single `memchr::memmem` pass (the floor: one needle, no work per hit).
//!
//! `cargo bench --bench text`; figures are bytes per second of input. The corpus is generated, so every run
//! and every machine scans the same bytes.

#[path = "support/mail.rs"]
mod mail;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use joinguard::text::{Format, Scanner, Strategy};
use joinguard::{Database, Engine, Policy};

/// 16 MiB: large against the caches, small enough for criterion's repetitions.
const CORPUS_BYTES: usize = 16 << 20;

fn text_scanning(c: &mut Criterion) {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let regex = regex::bytes::Regex::new(&mail::reference_pattern(&db))
        .expect("the reference pattern compiles");
    let mut scanner = Scanner::with_strategy(&engine, Strategy::Packed);
    let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
    // The mail of the corpus B (20% HTML parts), and the same without HTML: link density is what
    // costs, since every link must be screened for lookalikes.
    for (name, html_percent) in [("mail", 20), ("plain-mail", 0)] {
        let text = mail::mail_like(CORPUS_BYTES, 7, html_percent);
        let findings = scanner.scan_text(&text).len();
        let matches = regex.find_iter(text.as_bytes()).count();
        eprintln!(
            "{name}: {} bytes, {} links with a scheme, {findings} findings; regex reference: {matches} matches",
            text.len(),
            text.matches("://").count(),
        );
        let mut group = c.benchmark_group(format!("text/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function("joinguard scan (text)", |b| {
            b.iter(|| scanner.scan_text(std::hint::black_box(&text)).len())
        });
        group.bench_function("joinguard scan (text, memmem passes as in wasm)", |b| {
            b.iter(|| passes.scan_text(std::hint::black_box(&text)).len())
        });
        group.bench_function("joinguard scan (mbox: MIME, HTML parts)", |b| {
            b.iter(|| {
                scanner
                    .scan_as(std::hint::black_box(text.as_bytes()), Format::Mbox)
                    .map(|f| f.len())
            })
        });
        group.bench_function("reference: regex alternation", |b| {
            b.iter(|| {
                regex
                    .find_iter(std::hint::black_box(text.as_bytes()))
                    .count()
            })
        });
        let floor = memchr::memmem::Finder::new("zoom.us");
        group.bench_function("floor: memmem \"zoom.us\"", |b| {
            b.iter(|| {
                floor
                    .find_iter(std::hint::black_box(text.as_bytes()))
                    .count()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, text_scanning);
criterion_main!(benches);
