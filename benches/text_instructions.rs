//! Instruction counts of the text path (`make bench-instructions`, under callgrind): deterministic where
//! wall-clock rates on a shared machine are not. Scans `make bench`'s mail-like text
//! (`benches/support/mail.rs`, 4 MiB here) once in a function of its own, so that callgrind's
//! `--toggle-collect` counts that scan and nothing of the set-up (database, corpus, a warm-up scan).
//!
//! `cargo bench --bench text_instructions -- METHOD CORPUS`: METHOD one of `text` (the native default),
//! `text-passes` (the memmem passes, the reference), `mbox` (MIME and HTML parts); CORPUS `plain-mail`,
//! `mail` (20 % HTML messages) or `encoded-mail` (the same with its HTML parts in quoted-printable and
//! base64, `mail::mail_like_encoded`). Prints the number of findings (a check that methods agree).

#[path = "support/mail.rs"]
#[allow(dead_code)]
mod mail;

use std::hint::black_box;

use joinguard::text::{Format, Scanner, Strategy};
use joinguard::{Database, Engine, Policy};

const TEXT_BYTES: usize = 4 << 20;

/// One scan of the corpus.
#[inline(never)]
fn measured(method: &str, scanner: &mut Scanner, text: &str) -> usize {
    match method {
        "text" | "text-passes" => scanner.scan_text(black_box(text)).len(),
        "mbox" => scanner
            .scan_as(black_box(text.as_bytes()), Format::Mbox)
            .map_or(0, |f| f.len()),
        other => panic!("unknown method `{other}`"),
    }
}

/// What callgrind collects (`--toggle-collect=*collected*`): the second scan.
#[inline(never)]
fn collected(method: &str, scanner: &mut Scanner, text: &str) -> usize {
    measured(method, scanner, text)
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let method = args.next().unwrap_or_else(|| "text".to_string());
    let corpus = args.next().unwrap_or_else(|| "plain-mail".to_string());
    let text = match corpus.as_str() {
        "plain-mail" => mail::mail_like(TEXT_BYTES, 7, 0),
        "mail" => mail::mail_like(TEXT_BYTES, 7, 20),
        "encoded-mail" => mail::mail_like_encoded(TEXT_BYTES, 7, 20),
        other => panic!("unknown corpus `{other}`"),
    };
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let strategy = match method.as_str() {
        "text-passes" => Strategy::Passes,
        _ => Strategy::Packed,
    };
    let mut scanner = Scanner::with_strategy(&engine, strategy);
    // One warm-up scan outside the collected function (lazy statics, first-touch allocations).
    black_box(measured(&method, &mut scanner, &text));
    let found = collected(&method, &mut scanner, &text);
    println!(
        "{method} {corpus}: {found} findings in {} bytes",
        text.len()
    );
}
