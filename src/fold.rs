//! The lookalike check's comparison space for any text: each character folded to its lower-cased TR39
//! confusable skeleton without diacritics, `-` read as `.` (`zооm`, `zööm`, `z0om` and `zoorn` all give
//! `zoorn`), through a table `build.rs` derives from the `unicode-security` crate (`build/fold.rs`).
//!
//! The table holds only the characters whose fold holds ASCII (or is empty): the lookalike needles are ASCII,
//! so a character whose skeleton is all non-ASCII cannot be part of a match whatever it folds to, and stands
//! for itself here. That keeps `unicode-security`'s confusables and `unicode-normalization`'s tables (about
//! 200 KB) out of the wasm engine; `tests/fold.rs` checks the table against the full skeleton on every
//! character and on the real-world hosts.

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fold.bin"));

/// The fold id meaning "the character itself" (`build/fold.rs`).
const IDENTITY: usize = 0x7ff;

fn u32_at(at: usize) -> u32 {
    u32::from_le_bytes([TABLE[at], TABLE[at + 1], TABLE[at + 2], TABLE[at + 3]])
}

fn u16_at(at: usize) -> usize {
    usize::from(u16::from_le_bytes([TABLE[at], TABLE[at + 1]]))
}

/// The fold of one character, `None` when it stands for itself.
pub fn fold_char(c: char) -> Option<&'static str> {
    const HEADER: usize = 8;
    let runs = u32_at(0) as usize;
    let run = |i: usize| u32_at(HEADER + 4 * i);
    // The last run starting at or before `c` (run 0 starts at U+0000).
    let (mut low, mut high) = (0, runs);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if run(middle) & 0x1f_ffff <= u32::from(c) {
            low = middle;
        } else {
            high = middle;
        }
    }
    let id = (run(low) >> 21) as usize;
    if id == IDENTITY {
        return None;
    }
    let offsets = HEADER + 4 * runs;
    let pool = offsets + 2 * (u32_at(4) as usize + 1);
    let text = &TABLE[pool + u16_at(offsets + 2 * id)..pool + u16_at(offsets + 2 * id + 2)];
    Some(std::str::from_utf8(text).expect("the build writes UTF-8 folds"))
}

/// `text` in the comparison space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(fold) => out.push_str(fold),
            None => out.push(c),
        }
    }
    out
}
