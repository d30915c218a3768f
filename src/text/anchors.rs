//! The anchor search: every occurrence of a few short needles (`www.`, label pieces such as `ID`, `,,`) in a
//! block of text, by one of two equivalent strategies.
//!
//! - `Packed`: one aho-corasick pass, leftmost-first, whose prefilter is the SIMD "Teddy" searcher natively
//!   (the default match kind would turn that prefilter off). One pass for all needles measured faster than a
//!   pass per needle on x86-64.
//! - `Passes`: one `memchr::memmem` pass per needle. In wasm, aho-corasick has no SIMD searcher while memmem
//!   keeps one with `+simd128`, so this is the wasm default.
//!
//! Both report every occurrence, overlapping ones included (each search restarts one byte after a hit), in
//! any block size; needles are kept free of prefixes of one another, which a leftmost-first automaton would
//! otherwise report only once per position.

use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::memmem;

/// How the needles are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Packed,
    Passes,
}

impl Default for Strategy {
    fn default() -> Strategy {
        if cfg!(target_arch = "wasm32") {
            Strategy::Passes
        } else {
            Strategy::Packed
        }
    }
}

enum Search {
    Packed(AhoCorasick),
    Passes(Vec<memmem::Finder<'static>>),
}

pub struct Anchors {
    search: Search,
    longest: usize,
}

impl Anchors {
    /// Needles must be non-empty and none a prefix of another (the caller merges those).
    pub fn new(needles: &[Vec<u8>], strategy: Strategy) -> Anchors {
        debug_assert!(needles.iter().enumerate().all(|(i, a)| {
            !a.is_empty()
                && needles
                    .iter()
                    .enumerate()
                    .all(|(j, b)| i == j || !b.starts_with(a))
        }));
        let longest = needles.iter().map(Vec::len).max().unwrap_or(1);
        let packed = || {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(needles)
                .ok()
        };
        let search = match (strategy, needles.is_empty()) {
            (Strategy::Packed, false) => packed().map(Search::Packed),
            _ => None,
        }
        .unwrap_or_else(|| {
            Search::Passes(
                needles
                    .iter()
                    .map(|n| memmem::Finder::new(n).into_owned())
                    .collect(),
            )
        });
        Anchors { search, longest }
    }

    /// Calls `hit(needle index, offset)` for each occurrence starting in `[block, end)` of `bytes`; needles
    /// that cross `end` are read to their end (and not reported again with the next block).
    pub fn each_in_block(
        &self,
        bytes: &[u8],
        block: usize,
        end: usize,
        mut hit: impl FnMut(usize, usize),
    ) {
        let reach = (end + self.longest - 1).min(bytes.len());
        match &self.search {
            Search::Packed(automaton) => {
                let mut from = block;
                while from < end {
                    let input = Input::new(&bytes[..reach]).span(from..reach);
                    match automaton.find(input) {
                        Some(m) if m.start() < end => {
                            hit(m.pattern().as_usize(), m.start());
                            from = m.start() + 1;
                        }
                        _ => break,
                    }
                }
            }
            Search::Passes(finders) => {
                for (which, finder) in finders.iter().enumerate() {
                    let reach = (end + finder.needle().len() - 1).min(bytes.len());
                    let mut from = block;
                    while from < end {
                        match finder.find(&bytes[from..reach]) {
                            Some(i) if from + i < end => {
                                hit(which, from + i);
                                from += i + 1;
                            }
                            _ => break,
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(strategy: Strategy, needles: &[&str], text: &str, block: usize) -> Vec<(usize, usize)> {
        let needles: Vec<Vec<u8>> = needles.iter().map(|n| n.as_bytes().to_vec()).collect();
        let anchors = Anchors::new(&needles, strategy);
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let end = (start + block).min(text.len());
            anchors.each_in_block(text.as_bytes(), start, end, |w, at| out.push((at, w)));
            start = end;
        }
        out.sort();
        out
    }

    #[test]
    fn both_strategies_find_the_same_hits_across_blocks() {
        let needles = ["www.", "ID", ",,", "umber"];
        let text = "x,,,,ID www.IDumber,,www. Meeting ID number www";
        for block in [1, 2, 3, 5, 7, 64] {
            let packed = hits(Strategy::Packed, &needles, text, block);
            let passes = hits(Strategy::Passes, &needles, text, block);
            assert_eq!(packed, passes, "block {block}");
            assert_eq!(
                passes,
                vec![
                    (1, 2),
                    (2, 2),
                    (3, 2),
                    (5, 1),
                    (8, 0),
                    (12, 1),
                    (14, 3),
                    (19, 2),
                    (21, 0),
                    (34, 1),
                    (38, 3)
                ],
                "block {block}"
            );
        }
    }
}
