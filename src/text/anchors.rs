//! The anchor search: every occurrence of a few short needles (`www.`, label pieces such as `ID`, `,,`) in a
//! block of text, by one of two equivalent strategies.
//!
//! - `Packed`: one automaton pass. Natively aho-corasick, leftmost-first, whose prefilter is the SIMD "Teddy"
//!   searcher (the default match kind would turn that prefilter off); one pass for all needles measured
//!   faster than a pass per needle on x86-64. In wasm aho-corasick has no SIMD searcher and would add about
//!   31 KB to the package (README "Size"), so there the pass is the engine's own `crate::matcher`.
//! - `Passes`: one `memchr::memmem` pass per needle. memmem keeps a SIMD searcher in wasm with `+simd128`, so
//!   this is the wasm default.
//!
//! All report every occurrence, overlapping ones included (each search restarts one byte after a hit), in
//! any block size; needles are kept free of prefixes of one another, which a leftmost-first automaton would
//! otherwise report only once per position.

#[cfg(not(target_arch = "wasm32"))]
use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::memmem;

use crate::matcher::Matcher;

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
    #[cfg(not(target_arch = "wasm32"))]
    Teddy(AhoCorasick),
    // Natively only the tests build it, to hold the wasm build's pass to the other searches.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Automaton(Matcher),
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
        #[cfg(not(target_arch = "wasm32"))]
        let packed = || {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(needles)
                .ok()
                .map(Search::Teddy)
        };
        #[cfg(target_arch = "wasm32")]
        let packed = || Some(Search::Automaton(Matcher::new(needles)));
        let search = match (strategy, needles.is_empty()) {
            (Strategy::Packed, false) => packed(),
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
            Search::Automaton(automaton) => {
                // Every occurrence that starts before `end` ends by `reach`; none starts before `block`,
                // where the automaton starts.
                automaton.find(bytes, block, reach, |which, start, _| {
                    if start < end {
                        hit(which, start);
                    }
                    false
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            Search::Teddy(automaton) => {
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

    /// `None`: the engine's own automaton (the wasm build's `Packed`).
    fn hits(
        strategy: Option<Strategy>,
        needles: &[&str],
        text: &str,
        block: usize,
    ) -> Vec<(usize, usize)> {
        let needles: Vec<Vec<u8>> = needles.iter().map(|n| n.as_bytes().to_vec()).collect();
        let anchors = match strategy {
            Some(strategy) => Anchors::new(&needles, strategy),
            None => Anchors {
                search: Search::Automaton(Matcher::new(&needles)),
                longest: needles.iter().map(Vec::len).max().unwrap_or(1),
            },
        };
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
    fn every_search_finds_the_same_hits_across_blocks() {
        let needles = ["www.", "ID", ",,", "umber"];
        let text = "x,,,,ID www.IDumber,,www. Meeting ID number www";
        for block in [1, 2, 3, 5, 7, 64] {
            let packed = hits(Some(Strategy::Packed), &needles, text, block);
            let automaton = hits(None, &needles, text, block);
            let passes = hits(Some(Strategy::Passes), &needles, text, block);
            assert_eq!(packed, passes, "block {block}");
            assert_eq!(automaton, passes, "block {block}");
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
