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

/// Bit of a segment's fold id: its characters fold to consecutive ids (`build/fold.rs`).
const STEP: usize = 0x8000;

fn u32_at(at: usize) -> usize {
    u32::from_le_bytes([TABLE[at], TABLE[at + 1], TABLE[at + 2], TABLE[at + 3]]) as usize
}

/// The `i`th of the `count` numbers stored in `bytes` byte planes from `at` (`build/fold.rs`).
fn planar(at: usize, count: usize, bytes: usize, i: usize) -> usize {
    (0..bytes).fold(0, |value, plane| {
        value | usize::from(TABLE[at + plane * count + i]) << (8 * plane)
    })
}

/// The fold of one character, `None` when it stands for itself.
pub fn fold_char(c: char) -> Option<&'static str> {
    const HEADER: usize = 8;
    let (segments, folds) = (u32_at(0), u32_at(4));
    let first = |i: usize| planar(HEADER, segments, 3, i);
    let code = c as usize;
    // The number of segments starting at or before `c`; the last of them is the only one that may hold it.
    let (mut low, mut high) = (0, segments);
    while low < high {
        let middle = low + (high - low) / 2;
        if first(middle) <= code {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    let segment = low.checked_sub(1)?;
    let at = code - first(segment);
    if at > planar(HEADER + 3 * segments, segments, 2, segment) {
        return None;
    }
    let id = planar(HEADER + 5 * segments, segments, 2, segment);
    let id = if id & STEP != 0 {
        (id & !STEP) + at
    } else {
        id
    };
    let offsets = HEADER + 7 * segments;
    let offset = |i: usize| planar(offsets, folds + 1, 2, i);
    let pool = offsets + 2 * (folds + 1);
    let text = &TABLE[pool + offset(id)..pool + offset(id + 1)];
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
