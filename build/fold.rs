//! Build step: the lookalike check's fold table (`src/fold.rs` reads it), derived character by character from
//! the full TR39 skeleton of the `unicode-security` crate (0.1.3, Unicode 18.0 `confusables.txt`), a build
//! dependency only: its confusables table and `unicode-normalization`'s tables (about 200 KB of wasm data)
//! stay out of the engine. Included by `build.rs` (and by the fold test) through `#[path]`.
//!
//! The fold of one character is what `full_fold` gives: the lower-cased skeleton without the combining marks
//! people read past, `-` read as `.`. The table keeps the characters whose fold differs from themselves and
//! holds ASCII or is empty: the lookalike needles are ASCII (brand names, domains), so a fold without ASCII can
//! never be part of a match, and such a character may stand for itself (see `src/fold.rs`).
//!
//! Layout (little-endian), read by `src/fold.rs`:
//! - header: `u32` number of segments, `u32` number of distinct folds;
//! - segments, sorted by first character: the characters of a segment are consecutive and fold either all
//!   the same (step 0) or to consecutive fold ids (step 1: `𝐚`…`𝐡` to `a`…`h`, whose ids were given in the
//!   order the characters come); a character in no segment stands for itself. Each segment's first character
//!   (3 bytes), its length minus one (2 bytes) and its first fold id with the step as bit 15 (2 bytes), in
//!   byte planes: the low bytes of all first characters, then their middle bytes, then their high bytes, then
//!   the lengths' low and high bytes, then the ids'. gzip finds the planes' regularity. One run per fold
//!   change, the characters that stand for themselves in runs of their own, took 5,713 runs of 5 bytes where
//!   2,502 segments of 7 do (43,748 → 32,697 B raw, 12,192 → 11,193 B gzipped alone);
//! - fold offsets: `u16` per fold id plus one end offset, in two byte planes as well, into
//! - the fold pool: the folds' UTF-8 bytes.

use std::collections::HashMap;

/// Bit of a segment's fold id: its characters fold to consecutive ids (step 1) rather than all to one.
pub const STEP: u32 = 0x8000;

/// The full fold of a text: `unicode-security`'s skeleton, lower-cased, without the combining marks in the
/// ranges below, `-` as `.` (what `lookalike::normalise` computed before the table).
pub fn full_fold(text: &str) -> String {
    unicode_security::skeleton(text)
        .collect::<String>()
        .to_lowercase()
        .chars()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '-' { '.' } else { c })
        .collect()
}

/// The combining marks that go: people read past diacritics (`zööm.us` passes for zoom.us), as Chromium's
/// lookalike check also assumes; the skeleton has already split them off (it works on NFD).
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The fold the table gives a character: its full fold when that holds ASCII or is empty, else `None` (the
/// character stands for itself).
pub fn kept_fold(c: char) -> Option<String> {
    let fold = full_fold(c.encode_utf8(&mut [0; 4]));
    let mut own = [0; 4];
    let relevant = fold.is_empty() || fold.bytes().any(|b| b.is_ascii());
    (relevant && fold != *c.encode_utf8(&mut own)).then_some(fold)
}

/// The table blob.
pub fn compile() -> Vec<u8> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut folds: Vec<String> = Vec::new();
    // (first character, length, first fold id, step)
    let mut segments: Vec<(u32, u32, u32, u32)> = Vec::new();
    for code in 0..=0x10_ffffu32 {
        let Some(fold) = char::from_u32(code).and_then(kept_fold) else {
            continue;
        };
        let id = *ids.entry(fold.clone()).or_insert_with(|| {
            folds.push(fold);
            folds.len() as u32 - 1
        });
        if let Some((first, length, first_id, step)) = segments.last_mut() {
            if *first + *length == code {
                if *length == 1 && (id == *first_id || id == *first_id + 1) {
                    *step = id - *first_id;
                    *length += 1;
                    continue;
                }
                if *length > 1 && id == *first_id + *step * *length {
                    *length += 1;
                    continue;
                }
            }
        }
        segments.push((code, 1, id, 0));
    }
    assert!(folds.len() < STEP as usize, "too many distinct folds");
    let mut blob = Vec::new();
    blob.extend_from_slice(&(segments.len() as u32).to_le_bytes());
    blob.extend_from_slice(&(folds.len() as u32).to_le_bytes());
    for shift in [0, 8, 16] {
        blob.extend(segments.iter().map(|&(first, ..)| (first >> shift) as u8));
    }
    let lengths: Vec<u16> = segments
        .iter()
        .map(|&(_, length, ..)| u16::try_from(length - 1).expect("a segment < 64K characters"))
        .collect();
    for shift in [0, 8] {
        blob.extend(lengths.iter().map(|&length| (length >> shift) as u8));
    }
    for shift in [0, 8] {
        blob.extend(
            segments
                .iter()
                .map(|&(_, _, id, step)| ((id | (step * STEP)) >> shift) as u8),
        );
    }
    let mut offsets = vec![0u16];
    for fold in &folds {
        let end = offsets[offsets.len() - 1]
            .checked_add(u16::try_from(fold.len()).expect("short fold"))
            .expect("fold pool < 64 KB");
        offsets.push(end);
    }
    for shift in [0, 8] {
        blob.extend(offsets.iter().map(|&offset| (offset >> shift) as u8));
    }
    for fold in &folds {
        blob.extend_from_slice(fold.as_bytes());
    }
    blob
}
