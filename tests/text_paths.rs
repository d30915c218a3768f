//! The text scanner's fast path against its reference on the benchmark's corpora (`benches/support/mail.rs`,
//! the text `make bench` times): the default anchor search (natively, aho-corasick's SIMD Teddy passes over
//! short and long needles apart) and the memmem passes (one `memchr::memmem` search per needle, the wasm
//! default) must report the same findings, in text, HTML-heavy text and as an mbox with MIME and HTML parts.
//! The golden invitations (`tests/text_golden.rs`) hold both searches to the expected findings.

// The benchmark's regex reference pattern is not used here.
#[allow(dead_code)]
#[path = "../benches/support/mail.rs"]
mod mail;

use joinguard::text::{Format, Scanner, Strategy};
use joinguard::{Database, Engine, Policy};

#[test]
fn fast_and_reference_searches_agree_on_the_bench_corpora() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut fast = Scanner::with_strategy(&engine, Strategy::Packed);
    let mut reference = Scanner::with_strategy(&engine, Strategy::Passes);
    // Smaller than the benchmark's 16 MiB (tests build without optimisation); the same generator and seed.
    for html_percent in [0, 20] {
        let text = mail::mail_like(1 << 20, 7, html_percent);
        let found = fast.scan_text(&text);
        // The corpus holds invitations, links and credentials: an empty result would compare nothing.
        assert!(
            found.iter().any(|f| f.id == "credentials-exposed")
                && found.iter().any(|f| f.id == "meeting-link"),
            "{html_percent}% HTML: {found:?}"
        );
        assert_eq!(
            found,
            reference.scan_text(&text),
            "{html_percent}% HTML as text"
        );
        let mbox = fast.scan_as(text.as_bytes(), Format::Mbox);
        assert!(mbox.as_ref().is_ok_and(|f| !f.is_empty()));
        assert_eq!(
            mbox,
            reference.scan_as(text.as_bytes(), Format::Mbox),
            "{html_percent}% HTML as an mbox"
        );
    }
}
