//! A small multi-pattern matcher: an Aho-Corasick automaton (a trie of the patterns with failure links) that
//! reports every occurrence, overlapping ones included, for the engine's few fixed needle sets (lookalike
//! needles, page word lists, text anchors).
//!
//! Written here instead of taking the `aho-corasick` crate: that crate brings three automaton kinds, their
//! builders and its prefilters (about 52 KB of the wasm, docs/size.md), where the engine needs one automaton
//! stepped byte by byte. The root and its children have complete 256-entry rows (most bytes of a text leave
//! the root again, and most failure links lead to those states); deeper states keep their few transitions
//! sorted by byte, and a missing one follows the failure link, as in the textbook construction (Aho and
//! Corasick, "Efficient string matching", CACM 1975).

/// A state of the automaton. `Matcher::START` is the root, where every search begins.
pub type StateId = u32;

/// No dense row (`Matcher::row`).
const SPARSE: u32 = u32::MAX;

#[cfg_attr(test, derive(Debug, PartialEq, Eq))]
pub struct Matcher {
    /// State `s` at depth 0 or 1 has the complete row `rows[256 * row[s]..][..256]`: the state after each
    /// byte, failure links already followed.
    row: Vec<u32>,
    rows: Vec<StateId>,
    /// State `s`'s transitions are `edge_bytes[first[s]..first[s + 1]]` (sorted) and their targets.
    first: Vec<u32>,
    edge_bytes: Vec<u8>,
    edge_targets: Vec<StateId>,
    /// Where to continue in state `s` when it has no transition for a byte: the state of its longest proper
    /// suffix that is a trie state.
    fail: Vec<StateId>,
    /// The patterns that end in state `s`: `matches[match_first[s]..match_first[s + 1]]`, the one spelt by
    /// the state first, then those of its failure chain, longest first.
    match_first: Vec<u32>,
    matches: Vec<u32>,
    /// Pattern id → length in bytes.
    lens: Vec<u32>,
    /// Patterns were lower-cased (ASCII): `find_*` lower-cases the text as it reads it.
    ascii_case_insensitive: bool,
}

impl Matcher {
    pub const START: StateId = 0;

    /// The automaton of `patterns` (pattern id = index); empty patterns never match.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Matcher {
        Matcher::build(
            &patterns.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
            false,
        )
    }

    /// Like `new`, but ASCII letters match in either case (the text's and the patterns').
    pub fn ascii_case_insensitive<P: AsRef<[u8]>>(patterns: &[P]) -> Matcher {
        Matcher::build(
            &patterns.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
            true,
        )
    }

    /// Builds into flat arrays: the trie's transitions as one sorted list per state, linked through one array
    /// (`sibling`); the patterns that end in each state and the match lists as ranges of one array each. A
    /// vector per state (transitions, own patterns, match list) was an allocation for most of the lookalike
    /// index's states: about 20 M of the 56 M instructions of `joinguard check`'s start-up (callgrind). It finds
    /// what a brute-force search finds (`tests::agrees_with_brute_force_on_generated_pattern_sets`, and the
    /// lookalike index's needles over the bench corpus in src/lookalike.rs). One copy for
    /// every kind of pattern list (a generic one, inlined into each caller, was a copy in each of the wasm
    /// package's start-up constructors).
    #[inline(never)]
    fn build(patterns: &[&[u8]], ascii_case_insensitive: bool) -> Matcher {
        const NONE: u32 = u32::MAX;
        // The trie: state `s`'s transitions start at `child[s]` (an index into the edge arrays) and go on
        // through `sibling`, by increasing byte.
        let mut child: Vec<u32> = vec![NONE];
        let (mut edge_byte, mut edge_to, mut sibling) = (Vec::new(), Vec::new(), Vec::new());
        // The state where each pattern ends (`NONE`: empty, it never matches).
        let mut ends: Vec<StateId> = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let pattern: &[u8] = pattern;
            if pattern.is_empty() {
                ends.push(NONE);
                continue;
            }
            let mut state = Matcher::START;
            for &byte in pattern {
                let byte = if ascii_case_insensitive {
                    byte.to_ascii_lowercase()
                } else {
                    byte
                };
                // The link to follow or to write: `child[state]` or an edge's `sibling`.
                let mut prev = NONE;
                let mut at = child[state as usize];
                while at != NONE && edge_byte[at as usize] < byte {
                    prev = at;
                    at = sibling[at as usize];
                }
                state = if at != NONE && edge_byte[at as usize] == byte {
                    edge_to[at as usize]
                } else {
                    let next = StateId::try_from(child.len()).expect("fewer than 2^32 states");
                    let edge = u32::try_from(edge_byte.len()).expect("fewer than 2^32 edges");
                    edge_byte.push(byte);
                    edge_to.push(next);
                    sibling.push(at);
                    match prev {
                        NONE => child[state as usize] = edge,
                        prev => sibling[prev as usize] = edge,
                    }
                    child.push(NONE);
                    next
                };
            }
            ends.push(state);
        }

        let states = child.len();
        let mut first = Vec::with_capacity(states + 1);
        let mut edge_bytes = Vec::with_capacity(edge_byte.len());
        let mut edge_targets = Vec::with_capacity(edge_byte.len());
        for &head in &child {
            first.push(edge_bytes.len() as u32);
            let mut at = head;
            while at != NONE {
                edge_bytes.push(edge_byte[at as usize]);
                edge_targets.push(edge_to[at as usize]);
                at = sibling[at as usize];
            }
        }
        first.push(edge_bytes.len() as u32);
        // Complete rows for the root (to itself for bytes no pattern starts with) and its children (their
        // failure link is the root).
        let (root_from, root_to) = (first[0] as usize, first[1] as usize);
        let mut row = vec![SPARSE; states];
        let mut rows = vec![Matcher::START; 256 * (1 + root_to - root_from)];
        for i in root_from..root_to {
            rows[usize::from(edge_bytes[i])] = edge_targets[i];
        }
        row[0] = 0;
        for (count, i) in (root_from..root_to).enumerate() {
            let child = edge_targets[i] as usize;
            let at = 256 * (count + 1);
            rows.copy_within(..256, at);
            for j in first[child] as usize..first[child + 1] as usize {
                rows[at + usize::from(edge_bytes[j])] = edge_targets[j];
            }
            row[child] = count as u32 + 1;
        }
        let mut matcher = Matcher {
            row,
            rows,
            first,
            edge_bytes,
            edge_targets,
            fail: vec![Matcher::START; states],
            match_first: Vec::new(),
            matches: Vec::new(),
            lens: patterns.iter().map(|p| p.len() as u32).collect(),
            ascii_case_insensitive,
        };

        // Failure links breadth first: a state's link is found from its parent's, which is shorter.
        let mut order: Vec<StateId> = Vec::with_capacity(states);
        order.extend_from_slice(&matcher.edge_targets[root_from..root_to]);
        let mut next = 0;
        while let Some(&state) = order.get(next) {
            next += 1;
            let s = state as usize;
            for i in matcher.first[s] as usize..matcher.first[s + 1] as usize {
                let (byte, child) = (matcher.edge_bytes[i], matcher.edge_targets[i]);
                let link = matcher.next(matcher.fail[s], byte);
                matcher.fail[child as usize] = link;
                order.push(child);
            }
        }
        // A state's matches are its own patterns (by id) followed by its link's matches (complete already,
        // being shallower): their counts first, then the lists, each at its place in `matches`.
        let mut own_first = vec![0u32; states + 1];
        for &end in ends.iter().filter(|&&end| end != NONE) {
            own_first[end as usize + 1] += 1;
        }
        for s in 0..states {
            own_first[s + 1] += own_first[s];
        }
        let mut own = vec![0u32; own_first[states] as usize];
        let mut fill = own_first.clone();
        for (id, &end) in ends.iter().enumerate().filter(|&(_, &end)| end != NONE) {
            own[fill[end as usize] as usize] = u32::try_from(id).expect("fewer than 2^32 patterns");
            fill[end as usize] += 1;
        }
        let mut count = vec![0u32; states];
        for &state in &order {
            let s = state as usize;
            count[s] = own_first[s + 1] - own_first[s] + count[matcher.fail[s] as usize];
        }
        matcher.match_first.reserve(states + 1);
        let mut total = 0u32;
        for &n in &count {
            matcher.match_first.push(total);
            total += n;
        }
        matcher.match_first.push(total);
        matcher.matches = vec![0; total as usize];
        for &state in &order {
            let s = state as usize;
            let at = matcher.match_first[s] as usize;
            let mine = &own[own_first[s] as usize..own_first[s + 1] as usize];
            matcher.matches[at..at + mine.len()].copy_from_slice(mine);
            let link = matcher.fail[s] as usize;
            let from = matcher.match_first[link] as usize;
            matcher
                .matches
                .copy_within(from..from + count[link] as usize, at + mine.len());
        }
        matcher
    }

    /// The state after reading `byte` in `state` (bytes as given: no case folding here).
    #[inline]
    pub fn next(&self, mut state: StateId, byte: u8) -> StateId {
        loop {
            let s = state as usize;
            let row = self.row[s];
            if row != SPARSE {
                return self.rows[row as usize * 256 + usize::from(byte)];
            }
            let (from, to) = (self.first[s] as usize, self.first[s + 1] as usize);
            if let Some(i) = self.edge_bytes[from..to].iter().position(|&b| b == byte) {
                return self.edge_targets[from + i];
            }
            state = self.fail[s];
        }
    }

    /// The complete transition table over `alphabet` (distinct bytes): `table[s * alphabet.len() + i]` is
    /// `next(s, alphabet[i])`. Each state's row is its failure link's row with its own transitions written
    /// over it, filled breadth first (a link is shallower than its state, so its row is ready), which is what
    /// a table of every state costs to build; `next` per entry would walk the failure chain each time (the
    /// lookalike index built its screen table that way: 35 M instructions of a CLI run's 125 M).
    pub fn dense(&self, alphabet: &[u8]) -> Vec<StateId> {
        let width = alphabet.len();
        let mut column = [usize::MAX; 256];
        for (i, &byte) in alphabet.iter().enumerate() {
            assert!(
                column[usize::from(byte)] == usize::MAX,
                "alphabet bytes are distinct"
            );
            column[usize::from(byte)] = i;
        }
        let mut table = vec![Matcher::START; self.states() * width];
        for (i, &byte) in alphabet.iter().enumerate() {
            table[i] = self.next(Matcher::START, byte);
        }
        let edges = |s: usize| {
            let (from, to) = (self.first[s] as usize, self.first[s + 1] as usize);
            self.edge_bytes[from..to]
                .iter()
                .zip(&self.edge_targets[from..to])
        };
        let mut queue: Vec<StateId> = edges(0).map(|(_, &to)| to).collect();
        let mut next = 0;
        while let Some(&state) = queue.get(next) {
            next += 1;
            let s = state as usize;
            let link = self.fail[s] as usize;
            table.copy_within(link * width..(link + 1) * width, s * width);
            for (&byte, &to) in edges(s) {
                let i = column[usize::from(byte)];
                if i != usize::MAX {
                    table[s * width + i] = to;
                }
                queue.push(to);
            }
        }
        table
    }

    /// The number of states (ids `0..states()`).
    pub fn states(&self) -> usize {
        self.fail.len()
    }

    /// The pattern ids that end in `state` (empty for most states).
    #[inline]
    pub fn matches(&self, state: StateId) -> &[u32] {
        let s = state as usize;
        &self.matches[self.match_first[s] as usize..self.match_first[s + 1] as usize]
    }

    /// Pattern `id`'s length in bytes.
    pub fn pattern_len(&self, id: u32) -> usize {
        self.lens[id as usize] as usize
    }

    /// Calls `found(pattern id, start, end)` for every occurrence in `hay[from..to]` (occurrences may read up
    /// to `to` only), in order of their end, patterns ending at the same place longest first; stops when
    /// `found` returns true, and returns whether it did.
    pub fn find(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, usize, usize) -> bool,
    ) -> bool {
        let mut state = Matcher::START;
        for (i, &byte) in hay[..to].iter().enumerate().skip(from) {
            let byte = if self.ascii_case_insensitive {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            state = self.next(state, byte);
            for &id in self.matches(state) {
                if found(id as usize, i + 1 - self.pattern_len(id), i + 1) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether any pattern occurs in `hay`.
    pub fn is_match(&self, hay: &[u8]) -> bool {
        self.find(hay, 0, hay.len(), |_, _, _| true)
    }
}

/// Every occurrence of `patterns` in `hay` by brute force, in `Matcher::find`'s order (by end, then longest
/// first, then id), ASCII letters folded when `fold`: the reference the automaton is tested against (here and
/// with the lookalike index's needles). Patterns are tried only where their last two bytes are (a pattern of
/// one byte, where that byte is): thousands of `.needle.` patterns all end with `.`.
#[cfg(test)]
pub(crate) fn brute_force<P: AsRef<[u8]>>(
    patterns: &[P],
    hay: &[u8],
    fold: bool,
) -> Vec<(usize, usize, usize)> {
    let norm = |b: u8| usize::from(if fold { b.to_ascii_lowercase() } else { b });
    // Index `257 * before + last`, `before` 256 for a pattern of one byte.
    let mut by_end: Vec<Vec<usize>> = vec![Vec::new(); 257 * 257];
    for (id, pattern) in patterns.iter().enumerate() {
        match *pattern.as_ref() {
            [] => {}
            [last] => by_end[257 * 256 + norm(last)].push(id),
            [.., before, last] => by_end[257 * norm(before) + norm(last)].push(id),
        }
    }
    let norm = |b: u8| if fold { b.to_ascii_lowercase() } else { b };
    let mut out = Vec::new();
    for end in 1..=hay.len() {
        let last = usize::from(norm(hay[end - 1]));
        let two = (end >= 2).then(|| 257 * usize::from(norm(hay[end - 2])) + last);
        let mut here: Vec<(usize, usize, usize)> = by_end[257 * 256 + last]
            .iter()
            .chain(two.map_or(&[][..], |two| &by_end[two][..]))
            .map(|&id| (id, patterns[id].as_ref()))
            .filter(|(_, p)| {
                p.len() <= end
                    && hay[end - p.len()..end]
                        .iter()
                        .zip(p.iter())
                        .all(|(&a, &b)| norm(a) == norm(b))
            })
            .map(|(id, p)| (id, end - p.len(), end))
            .collect();
        here.sort_by_key(|&(id, start, _)| (start, id));
        out.extend(here);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence by brute force, in the matcher's order (by end, then longest first, then id).
    fn naive<P: AsRef<[u8]>>(patterns: &[P], hay: &str, fold: bool) -> Vec<(usize, usize, usize)> {
        brute_force(patterns, hay.as_bytes(), fold)
    }

    fn all(m: &Matcher, hay: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        m.find(hay.as_bytes(), 0, hay.len(), |id, s, e| {
            out.push((id, s, e));
            false
        });
        out
    }

    #[test]
    fn finds_every_occurrence_overlapping_ones_included() {
        let patterns = [
            "he", "she", "his", "hers", "", "s", "zoom", ".zoom.", "oo", "o",
        ];
        let m = Matcher::new(&patterns);
        for hay in [
            "ushers",
            "she sells his hers",
            ".zoom.us.zoom.zoomzoom.",
            "ooooo",
            "",
            "xyz",
            "hishershe",
        ] {
            assert_eq!(all(&m, hay), naive(&patterns, hay, false), "{hay}");
        }
        assert!(m.is_match(b"this"));
        assert!(!m.is_match(b"xyz"));
    }

    #[test]
    fn duplicate_patterns_both_report() {
        let m = Matcher::new(&["ab", "ab", "b"]);
        assert_eq!(all(&m, "ab"), vec![(0, 0, 2), (1, 0, 2), (2, 1, 2)]);
    }

    #[test]
    fn ascii_case_insensitive_folds_both_sides_and_keeps_other_bytes() {
        let patterns = ["Sign In", "connexion", "datenschutzerklärung"];
        let m = Matcher::ascii_case_insensitive(&patterns);
        for hay in [
            "SIGN IN or CONNEXION",
            "Datenschutzerklärung",
            "DATENSCHUTZERKLÄRUNG",
        ] {
            assert_eq!(all(&m, hay), naive(&patterns, hay, true), "{hay}");
        }
        assert!(!m.is_match("DATENSCHUTZERKLÄRUNG".as_bytes()));
    }

    #[test]
    fn agrees_with_brute_force_on_generated_texts() {
        // A small alphabet makes long shared prefixes and suffixes, where failure links matter.
        let mut numbers = crate::Numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..200 {
            let word = |numbers: &mut crate::Numbers, len: usize| -> String {
                (0..len)
                    .map(|_| (b'a' + numbers.below(3) as u8) as char)
                    .collect()
            };
            let count = 1 + numbers.below(8);
            let patterns: Vec<String> = (0..count)
                .map(|_| {
                    let len = 1 + numbers.below(5);
                    word(&mut numbers, len)
                })
                .collect();
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let len = numbers.below(40);
            let hay = word(&mut numbers, len);
            let m = Matcher::new(&refs);
            assert_eq!(
                all(&m, &hay),
                naive(&refs, &hay, false),
                "{refs:?} in {hay}"
            );
        }
    }

    /// The automaton finds what brute force finds, on generated pattern sets with shared prefixes and
    /// suffixes, duplicates, empty patterns and any byte (the root's complete rows), in both case modes, over
    /// generated texts; and on a set of the lookalike index's size. What it finds, not how its arrays are laid
    /// out: the lookalike index's own needles are compared the same way over the bench corpus
    /// (src/lookalike.rs, `the_needle_automaton_finds_what_brute_force_finds`).
    #[test]
    fn agrees_with_brute_force_on_generated_pattern_sets() {
        let mut numbers = crate::Numbers(0x51_7cc1_b727_220a);
        // Mostly three letters in two cases (long shared parts), some any byte.
        let byte = |numbers: &mut crate::Numbers| match numbers.below(8) {
            0 => numbers.below(256) as u8,
            n => b"aAbc"[n % 4],
        };
        for round in 0..300 {
            let count = numbers.below(40);
            let patterns: Vec<Vec<u8>> = (0..count)
                .map(|_| {
                    let len = numbers.below(7);
                    (0..len).map(|_| byte(&mut numbers)).collect()
                })
                .collect();
            let insensitive = round % 2 == 1;
            let m = if insensitive {
                Matcher::ascii_case_insensitive(&patterns)
            } else {
                Matcher::new(&patterns)
            };
            for _ in 0..4 {
                let len = numbers.below(60);
                let hay: Vec<u8> = (0..len).map(|_| byte(&mut numbers)).collect();
                let mut found = Vec::new();
                m.find(&hay, 0, hay.len(), |id, s, e| {
                    found.push((id, s, e));
                    false
                });
                assert_eq!(
                    found,
                    brute_force(&patterns, &hay, insensitive),
                    "{patterns:?} in {hay:?}"
                );
            }
        }
        // The lookalike index's size: thousands of `.needle.` patterns over host letters.
        let word = |numbers: &mut crate::Numbers| -> String {
            let len = 1 + numbers.below(12);
            (0..len)
                .map(|_| (b'a' + numbers.below(12) as u8) as char)
                .collect()
        };
        let patterns: Vec<String> = (0..6_000)
            .map(|_| format!(".{}.", word(&mut numbers)))
            .collect();
        let m = Matcher::new(&patterns);
        let hay: String = (0..400)
            .map(|_| format!(".{}", word(&mut numbers)))
            .collect();
        let found = all(&m, &hay);
        assert!(
            found.len() > 100,
            "{} matches: the comparison can fail",
            found.len()
        );
        assert_eq!(found, naive(&patterns, &hay, false));
    }

    #[test]
    fn dense_table_agrees_with_next() {
        let mut numbers = crate::Numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100 {
            let count = 1 + numbers.below(12);
            let patterns: Vec<Vec<u8>> = (0..count)
                .map(|_| {
                    (0..1 + numbers.below(6))
                        .map(|_| b"abc.z"[numbers.below(5)])
                        .collect()
                })
                .collect();
            let m = Matcher::new(&patterns);
            // Not every byte of the patterns (`z` left out), and one no pattern holds (`q`).
            let alphabet = b".abcq";
            let table = m.dense(alphabet);
            assert_eq!(table.len(), m.fail.len() * alphabet.len());
            for state in 0..m.fail.len() as StateId {
                for (i, &byte) in alphabet.iter().enumerate() {
                    assert_eq!(
                        table[state as usize * alphabet.len() + i],
                        m.next(state, byte),
                        "{patterns:?}: state {state}, byte {byte}"
                    );
                }
            }
        }
    }

    #[test]
    fn find_reads_only_its_range() {
        let m = Matcher::new(&["ab", "bc"]);
        let mut out = Vec::new();
        m.find(b"abcabc", 1, 5, |id, s, e| {
            out.push((id, s, e));
            false
        });
        assert_eq!(out, vec![(1, 1, 3), (0, 3, 5)]);
    }
}
