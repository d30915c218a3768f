//! The lookalike fold table (`src/fold.rs`, built by `build/fold.rs`) against the full TR39 skeleton of
//! `unicode-security` it replaced: the same fold on every character whose skeleton holds ASCII, and on every
//! text the same reading for ASCII needles (the same ASCII, with non-ASCII in the same places).

#[allow(dead_code)]
#[path = "../build/fold.rs"]
mod build_fold;

use build_fold::full_fold;
use joinguard::fold::normalise;

/// What an ASCII needle can see of a fold: its ASCII, each run of non-ASCII as one `?`-like mark. Two texts
/// with the same reading give the same lookalike matches (the needles are ASCII, matched between `.`s).
fn reading(folded: &str) -> String {
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if !out.ends_with('\u{fffd}') {
            out.push('\u{fffd}');
        }
    }
    out
}

fn all_chars() -> impl Iterator<Item = char> {
    (0..=0x10_ffffu32).filter_map(char::from_u32)
}

#[test]
fn every_character_folds_as_the_full_skeleton_where_it_holds_ascii() {
    let mut kept = 0;
    for c in all_chars() {
        let full = full_fold(c.encode_utf8(&mut [0; 4]));
        let table = normalise(c.encode_utf8(&mut [0; 4]));
        if full.is_empty() || full.bytes().any(|b| b.is_ascii()) {
            assert_eq!(table, full, "U+{:04X}", u32::from(c));
            kept += 1;
        } else {
            // All non-ASCII: the character stands for itself, which no ASCII needle can match either.
            assert_eq!(table, c.to_string(), "U+{:04X}", u32::from(c));
            assert!(!c.is_ascii(), "U+{:04X}", u32::from(c));
        }
    }
    // Letters with diacritics, mathematical letters, Cyrillic and Greek look-alikes, default ignorables.
    assert!(kept > 5000, "{kept}");
}

#[test]
fn known_lookalikes_fold_to_the_brand() {
    for text in [
        "zооm",
        "zööm",
        "z0om",
        "zoorn",
        "ｚｏｏｍ",
        "𝐳𝐨𝐨𝐦",
        "zo\u{ad}om",
    ] {
        assert_eq!(normalise(text), "zoorn", "{text}");
    }
    assert_eq!(normalise("teams-microsoft"), "tearns.rnicrosoft");
    assert_eq!(normalise("meet\u{2024}google"), "rneet.google");
}

/// Texts around characters that interact with their neighbours (NFD puts combining marks in order, so a
/// character's fold may land elsewhere in the skeleton of a longer text): the same reading in context.
#[test]
fn characters_in_context_read_the_same() {
    let changed: Vec<char> = all_chars()
        .filter(|&c| full_fold(c.encode_utf8(&mut [0; 4])) != c.to_string())
        .collect();
    for &c in &changed {
        for text in [
            format!("x{c}x"),
            format!("x{c}\u{301}x"),
            format!("x\u{301}{c}x"),
            format!("x{c}\u{316}x"),
            format!("x\u{316}{c}\u{301}x"),
            format!("{c}{c}.{c}-x"),
        ] {
            assert_eq!(
                reading(&normalise(&text)),
                reading(&full_fold(&text)),
                "{text:?} (U+{:04X})",
                u32::from(c)
            );
        }
    }
}

/// Every host and address of the test corpora (real-world lookalikes and benign sites, popular domains, the
/// golden URLs) reads the same through the table as through the full skeleton.
#[test]
fn the_corpora_read_the_same() {
    let mut texts = 0;
    for file in [
        "tests/data/real/lookalikes.tsv",
        "tests/data/real/benign-near-misses.txt",
        "tests/data/real/benign-open.txt",
        "tests/data/popular-domains.txt",
        "tests/data/golden-urls.tsv",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let content =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for line in content.lines().filter(|l| !l.starts_with('#')) {
            for field in line.split(['\t', ' ']).filter(|f| !f.is_empty()) {
                let lower = field.to_lowercase();
                assert_eq!(
                    reading(&normalise(&lower)),
                    reading(&full_fold(&lower)),
                    "{file}: {field}"
                );
                texts += 1;
            }
        }
    }
    assert!(texts > 1000, "{texts}");
}

/// The argument above needs ASCII needles: every official domain and brand term is ASCII.
#[test]
fn the_needles_are_ascii() {
    let db = joinguard::Database::bundled();
    for (domain, _) in db.official_domains() {
        assert!(
            domain.is_ascii(),
            "{domain}: official domains are written in ASCII (punycode)"
        );
    }
    for entry in &db.entries {
        for term in &entry.vendor.brand_terms {
            assert!(term.is_ascii(), "{}: brand term {term} is not ASCII; the fold table (build/fold.rs) keeps only folds with ASCII", entry.vendor.id);
        }
    }
}
