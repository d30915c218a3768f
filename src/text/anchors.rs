//! The anchor search: every occurrence of a few short needles (`www.`, label pieces such as `ID`, `,,`) in a
//! block of text, by one of two equivalent strategies.
//!
//! - `Packed`, the default: where SIMD is at hand (AVX2 natively, checked at run time; `simd128` in wasm, as
//!   every wasm build here is compiled), one fused pass over a rare byte pair of every needle
//!   (`pair_filter`). Without it, natively, one aho-corasick pass, leftmost-first, whose prefilter is the
//!   SIMD "Teddy" searcher (the default match kind would turn that prefilter off); in wasm without
//!   `simd128` the engine's own `crate::matcher` (aho-corasick would add about 31 KB to the package, README
//!   "Size"), which loses to the memmem passes there, so that build defaults to those.
//! - `Passes`: one `memchr::memmem` pass per needle, the reference the others are held to
//!   (`tests/text_paths.rs`).
//!
//! A group of two-byte needles (`ID`, `,,`, the lead bytes of `N°`) with at most three distinct second bytes
//! is searched through those bytes instead (`Pairs`: one `memchr3` pass), in `Packed` without the fused
//! pass and in `Passes` in wasm.
//!
//! All report every occurrence, overlapping ones included (each search restarts one byte after a hit), in
//! any block size; needles are kept free of prefixes of one another, which a leftmost-first automaton would
//! otherwise report only once per position. The fused pass, when the scan asks (`Anchors::new`'s `slashes`),
//! also reports every `/` a link's head can end at (`pair_filter::SLASH`), in increasing order; the other
//! strategies leave those to the scan's own `/` search (`find_byte`).

#[cfg(not(target_arch = "wasm32"))]
use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::{memchr2_iter, memchr3_iter, memchr_iter, memmem};

#[cfg(feature = "test-strategies")]
use super::pair_filter::FusedPass;
use super::pair_filter::PairFilter;
use crate::matcher::Matcher;

/// How the needles are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Packed,
    Passes,
    /// The fused pass run as given, whatever the CPU has besides: the tests hold each to the others
    /// (`tests/text_paths.rs`). A scanner made with a pass this build or CPU has not got
    /// (`FusedPass::available`) panics. Only in builds with the `test-strategies` feature, which the tests
    /// turn on: the switch cost the wasm package 768 B gzipped (docs/size.md).
    #[doc(hidden)]
    #[cfg(feature = "test-strategies")]
    Fused(FusedPass),
    /// `Packed` as a CPU without a fused pass runs it (aho-corasick's Teddy, or the pairs search for the short
    /// needles): the native default on x86 without AVX2 and on ARM, which the tests run on any machine so that
    /// it is held to the others too (`tests/text_paths.rs`). Only with `test-strategies`, as `Fused`.
    #[doc(hidden)]
    #[cfg(feature = "test-strategies")]
    Unfused,
}

#[cfg(feature = "test-strategies")]
impl Strategy {
    /// Every search the tests hold to the memmem passes (`Passes`) on this build and CPU: the default, the
    /// search of a CPU without a fused pass (`Unfused`) and each fused pass this CPU runs; `test` names on
    /// standard error the passes it does not run (`pair_filter::passes_here`), so that a machine without
    /// AVX-512 VBMI or AVX2 says what it did not test.
    #[doc(hidden)]
    pub fn every_here(test: &str) -> Vec<Strategy> {
        [Strategy::Packed, Strategy::Unfused]
            .into_iter()
            .chain(
                super::pair_filter::passes_here(test)
                    .into_iter()
                    .map(Strategy::Fused),
            )
            .collect()
    }
}

impl Default for Strategy {
    /// `Packed`, but in a wasm build without `simd128`, where the memmem passes beat the automaton.
    fn default() -> Strategy {
        if cfg!(target_arch = "wasm32") && !cfg!(target_feature = "simd128") {
            Strategy::Passes
        } else {
            Strategy::Packed
        }
    }
}

/// Whether `Packed` searches all needles in one fused pass here (`pair_filter`): then the scanner does not
/// split them into groups.
pub fn fused() -> bool {
    super::pair_filter::simd_available()
}

enum Search {
    #[cfg(not(target_arch = "wasm32"))]
    Teddy(AhoCorasick),
    // Natively only the tests build it, to hold the wasm build's pass to the other searches.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Automaton(Matcher),
    Passes(Vec<memmem::Finder<'static>>),
    Pairs(Pairs),
    Fused(PairFilter),
}

/// Two-byte needles found through their second byte: ordinary prose has few `D`s, `,`s or `0xC2` bytes, so a
/// `memchr3` pass over them (about a tenth of an instruction a byte natively) replaces Teddy's fingerprint
/// pass over every 16-byte window (two-byte fingerprints that prose matches often: 0.7 instructions a byte
/// under callgrind on the bench's plain mail) or, in wasm, three `memmem` passes.
struct Pairs {
    needles: Vec<[u8; 2]>,
    /// The distinct second bytes, one to three.
    seconds: Vec<u8>,
}

impl Pairs {
    fn new(needles: &[Vec<u8>]) -> Option<Pairs> {
        let needles: Vec<[u8; 2]> = needles
            .iter()
            .map(|n| <[u8; 2]>::try_from(n.as_slice()).ok())
            .collect::<Option<_>>()?;
        let mut seconds: Vec<u8> = needles.iter().map(|n| n[1]).collect();
        crate::sort::sort(&mut seconds);
        seconds.dedup();
        (!seconds.is_empty() && seconds.len() <= 3).then_some(Pairs { needles, seconds })
    }

    fn each_in_block(
        &self,
        bytes: &[u8],
        block: usize,
        end: usize,
        mut hit: impl FnMut(usize, usize),
    ) {
        // A needle starting in `[block, end)` has its second byte in `[block + 1, end + 1)`.
        let from = block + 1;
        let reach = (end + 1).min(bytes.len());
        if from >= reach {
            return;
        }
        let haystack = &bytes[from..reach];
        let mut on = |i: usize| {
            let second = from + i;
            let first = bytes[second - 1];
            for (which, needle) in self.needles.iter().enumerate() {
                if needle[1] == bytes[second] && needle[0] == first {
                    hit(which, second - 1);
                }
            }
        };
        match self.seconds[..] {
            [a] => memchr_iter(a, haystack).for_each(&mut on),
            [a, b] => memchr2_iter(a, b, haystack).for_each(&mut on),
            [a, b, c] => memchr3_iter(a, b, c, haystack).for_each(&mut on),
            _ => unreachable!("Pairs::new keeps one to three bytes"),
        }
    }
}

pub struct Anchors {
    search: Search,
    longest: usize,
}

impl Anchors {
    /// Needles must be non-empty and none a prefix of another (the caller merges those). With `slashes`, a
    /// fused pass also reports the `/`s that can end a link's head (`pair_filter::SLASH`, `finds_slashes`);
    /// the other searches do not.
    pub fn new(needles: &[Vec<u8>], strategy: Strategy, slashes: bool) -> Anchors {
        debug_assert!(needles.iter().enumerate().all(|(i, a)| {
            !a.is_empty()
                && needles
                    .iter()
                    .enumerate()
                    .all(|(j, b)| i == j || !b.starts_with(a))
        }));
        // 1 without needles; needles are never empty, so it is their longest otherwise.
        let mut longest = 1;
        for needle in needles {
            longest = longest.max(needle.len());
        }
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
        let pairs = || Pairs::new(needles).map(Search::Pairs);
        let search = match (strategy, needles.is_empty()) {
            (_, true) => None,
            (Strategy::Packed, false) => PairFilter::new(needles, slashes)
                .map(Search::Fused)
                .or_else(pairs)
                .or_else(packed),
            #[cfg(feature = "test-strategies")]
            (Strategy::Fused(pass), false) => Some(Search::Fused(
                // A message without the pass in it: formatting it would put `Debug` in the wasm package.
                PairFilter::with_pass(needles, pass, slashes)
                    .expect("a pass this build and CPU run (FusedPass::available), needles of 2 bytes or more"),
            )),
            #[cfg(feature = "test-strategies")]
            (Strategy::Unfused, false) => pairs().or_else(packed),
            // Natively the memmem passes stay as they are: the reference the other searches are held to.
            (Strategy::Passes, false) if cfg!(target_arch = "wasm32") => pairs(),
            (Strategy::Passes, false) => None,
        }
        .unwrap_or_else(|| {
            let mut finders = Vec::new();
            for needle in needles {
                finders.push(memmem::Finder::new(needle).into_owned());
            }
            Search::Passes(finders)
        });
        Anchors { search, longest }
    }

    /// Whether `each_in_block` reports the `/`s that can end a link's head too (`Anchors::new`).
    pub fn finds_slashes(&self) -> bool {
        matches!(&self.search, Search::Fused(filter) if filter.finds_slashes())
    }

    /// Calls `hit(needle index, offset)` for each occurrence starting in `[block, end)` of `bytes`; needles
    /// that cross `end` are read to their end (and not reported again with the next block). With
    /// `finds_slashes`, also `hit(pair_filter::SLASH, offset)` as `PairFilter::each_in_block` says.
    pub fn each_in_block(
        &self,
        bytes: &[u8],
        block: usize,
        end: usize,
        mut hit: impl FnMut(usize, usize),
    ) {
        let reach = (end + self.longest - 1).min(bytes.len());
        match &self.search {
            Search::Pairs(pairs) => pairs.each_in_block(bytes, block, end, hit),
            Search::Fused(filter) => filter.each_in_block(bytes, block, end, hit),
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
            Some(strategy) => Anchors::new(&needles, strategy, false),
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

    /// Two-byte needles through their second bytes: the same hits as memmem passes, overlaps and block
    /// edges included; more than three second bytes, or a longer needle, leave the group to the others.
    #[test]
    fn pairs_find_what_passes_find() {
        let text = "ID,,,N\u{b0} IDN\u{ba},IDD,, ,ID";
        // `N°` is searched by its first two bytes, as the label index does.
        for needles in [
            &[&b"ID"[..], b",,", b"N\xC2"][..],
            &[b"ID", b",,"],
            &[b",,"],
            &[b"ID", b"N\xC2"],
        ] {
            let needles: Vec<Vec<u8>> = needles.iter().map(|n| n.to_vec()).collect();
            let pairs = Pairs::new(&needles).expect("two-byte needles, few second bytes");
            for block in [1, 2, 3, 5, 64] {
                let mut found = Vec::new();
                let mut start = 0;
                while start < text.len() {
                    let end = (start + block).min(text.len());
                    pairs.each_in_block(text.as_bytes(), start, end, |w, at| found.push((at, w)));
                    start = end;
                }
                found.sort();
                let mut expected: Vec<(usize, usize)> = needles
                    .iter()
                    .enumerate()
                    .flat_map(|(w, n)| {
                        (0..text.len() - 1)
                            .filter(move |&at| text.as_bytes()[at..at + 2] == n[..])
                            .map(move |at| (at, w))
                    })
                    .collect();
                expected.sort();
                assert!(!expected.is_empty());
                assert_eq!(found, expected, "{needles:?} block {block}");
            }
        }
        assert!(Pairs::new(&[b"ID".to_vec(), b"www.".to_vec()]).is_none());
        let four: Vec<Vec<u8>> = ["aA", "aB", "aC", "aD"]
            .iter()
            .map(|n| n.as_bytes().to_vec())
            .collect();
        assert!(Pairs::new(&four).is_none());
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
