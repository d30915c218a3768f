//! The screen's host automaton: the lookalike needles' automaton re-tabled for the raw bytes of a URL's host,
//! with the byte fold composed in, so that the screen reads each host byte with two loads (the column's address
//! and the row), and tests for an outcome once per eight bytes.
//!
//! `lookalike` searches `.needle.` patterns in the folded host (`m` reads `rn`, `-` reads `.`, …). Stepping its
//! automaton byte by byte costs a fold lookup, one or two automaton steps and a match check for every host
//! byte of every link on a page; here those are done once per (state, host byte) when the index is built: a
//! dense table over the states reachable from `.` through folded host bytes, one column per byte a plain host
//! can hold, plus the host's end and anything unusual. A needle that ends inside a transition leads to the `HIT`
//! sink (the URL takes the full path); a wrapper host that needs the full path only with some paths (`google`
//! with `/url`) is no hit: the screen looks for the wrappers' paths in every cleared URL. A needle that ends
//! with `HOST_END` matches only where the host ends (`.top.` + `HOST_END`: every host under `.top`), so an
//! ending that sends its hosts to the full path costs the scan nothing; so does a whole host that is marked
//! instead (`Scan::Clear`'s `shared`: a maker's shared host, whose path then decides).

use std::ptr::NonNull;

use crate::matcher::{Matcher, StateId};
use crate::rest_screen;

/// The outcome of screening the host at the start of an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// A needle that needs the full path was found.
    Hit,
    /// A byte the fast path does not handle, an empty label, `--`, a host that ends with its `.`, or a host
    /// too short or too long.
    Unusual,
    /// No needle: the host ends at `end`. `shared`: a marking needle (`HostDfa::new`'s `shared`) ended with it.
    Clear { end: usize, shared: bool },
}

/// The table's rows come from the automaton; these, at its end, are the scan's outcomes, which no byte leaves,
/// so that the scan tests for them once per eight bytes instead of after every byte.
const HIT: usize = 0;
const UNUSUAL: usize = 1;
/// The host ended, with no hit in it and a marking needle ending with it: rare, so where the host ended is
/// looked for again, and the outcomes the scan's caller handles alike take one test (`< CLEAR`).
const SHARED: usize = 2;
/// The host ended, with no needle in it: `CLEAR + k` after `k` more bytes (at most seven: the rest of an
/// eight-byte step), so that where the host ended needs no second look.
const CLEAR: usize = 3;
const SINKS: usize = CLEAR + 8;

/// Whether `byte` ends a host (after `scheme://`): the table's end column, and what `host_end` looks for.
pub(crate) fn ends_host(byte: u8) -> bool {
    matches!(byte, b'/' | b'?' | b'#' | b':')
}

/// Where the host at the start of `authority` ends: at its first `/`, `?`, `#` or `:` (`ends_host`), or with
/// the text. Sixteen bytes a look (`rest_screen::masks_from`).
#[inline(always)]
fn host_end(authority: &[u8]) -> usize {
    let mut at = 0;
    while at < authority.len() {
        let (masks, valid) = rest_screen::masks_from(authority, at);
        let ends = masks.ends_host & valid;
        if ends != 0 {
            return at + ends.trailing_zeros() as usize;
        }
        at += rest_screen::LANES;
    }
    authority.len()
}

/// The byte fed after the host's closing `.`: no folded host byte, so a needle ending with it matches at the
/// host's end only.
pub(crate) const HOST_END: u8 = 0;

#[cfg_attr(test, derive(Debug))]
pub(crate) struct HostDfa {
    /// Raw byte → column: host bytes first, `.` and `-` as the last two host columns, then the host's end
    /// (`/`, `?`, `#`, `:`), then everything else.
    columns: [u8; 256],
    /// Raw byte → the address of its column's first entry in `table`, read once per byte: a step is then one
    /// load at that address plus the row (`step`), where a column's index added to the table's address cost
    /// an instruction more a host byte (natively, and in wasm, where V8 forms each address with an `lea` of
    /// its own). Addresses derived from `table`'s raw pointer, which moving the `HostDfa` does not retag:
    /// session 29's addresses were taken from a `Box` the `HostDfa` held, which a move retags under Stacked
    /// Borrows, so that reads through them were undefined behaviour (docs/speed.md, sessions 29 and 40).
    column_addresses: [*const u16; 256],
    /// Column by column, `rows` entries each: the row reached from each row by that column's bytes. A row is
    /// a `u16`: the table is half the size of premultiplied `u32` offsets, and the rows stay below 2^16.
    table: FrozenTable,
    /// Rows, the sinks' included: the length of a column.
    rows: usize,
    /// The row before the host's first byte.
    start: usize,
    /// The first sink row: a row at or above it is an outcome.
    first_sink: usize,
    end_column: u8,
}

impl HostDfa {
    /// Builds the table from an automaton over folded text. `fold(byte)`: the folded bytes of a raw host byte
    /// (empty when the byte cannot be in a plain host); `end(byte)`: whether the byte ends the host; `hit`:
    /// whether reaching a match state sends the URL to the full path (a wrapper host whose path decides does
    /// not: the screen's caller looks at every cleared URL's path for the wrappers' paths); `shared`: whether
    /// reaching it marks a cleared host (a needle that ends with `HOST_END`; a hit on the way wins).
    ///
    /// The automaton is stepped through its complete table over the folded bytes (`Matcher::dense`), built
    /// once, instead of `Matcher::next` per entry: start-up of `joinguard check` 125.7 M → 67.1 M instructions
    /// (callgrind), the same table (`tests::dense_and_stepwise_builds_agree`).
    pub(crate) fn new(
        automaton: &Matcher,
        fold: &dyn Fn(u8) -> Vec<u8>,
        end: &dyn Fn(u8) -> bool,
        hit: &dyn Fn(StateId) -> bool,
        shared: &dyn Fn(StateId) -> bool,
    ) -> HostDfa {
        // What the table feeds the automaton: the folded host bytes, the closing `.` and `HOST_END`.
        let mut alphabet = vec![b'.', HOST_END];
        for byte in 0u8..=255 {
            for folded in fold(byte) {
                if !alphabet.contains(&folded) {
                    alphabet.push(folded);
                }
            }
        }
        let mut symbol = [u8::MAX; 256];
        for (i, &byte) in alphabet.iter().enumerate() {
            symbol[usize::from(byte)] = u8::try_from(i).expect("fewer than 256 bytes");
        }
        let width = alphabet.len();
        let dense = automaton.dense(&alphabet);
        HostDfa::build(automaton, fold, end, hit, shared, |sid, byte| {
            let column = symbol[usize::from(byte)];
            debug_assert_ne!(column, u8::MAX, "byte {byte} is in the alphabet");
            dense[sid as usize * width + usize::from(column)]
        })
    }

    /// `new`, stepping the automaton with `Matcher::next` (the reference the dense build is compared with).
    #[cfg(test)]
    pub(crate) fn new_stepwise(
        automaton: &Matcher,
        fold: &dyn Fn(u8) -> Vec<u8>,
        end: &dyn Fn(u8) -> bool,
        hit: &dyn Fn(StateId) -> bool,
        shared: &dyn Fn(StateId) -> bool,
    ) -> HostDfa {
        HostDfa::build(automaton, fold, end, hit, shared, |sid, byte| {
            automaton.next(sid, byte)
        })
    }

    /// `next(state, folded byte)`: the automaton's step.
    fn build(
        automaton: &Matcher,
        fold: &dyn Fn(u8) -> Vec<u8>,
        end: &dyn Fn(u8) -> bool,
        hit: &dyn Fn(StateId) -> bool,
        shared: &dyn Fn(StateId) -> bool,
        next: impl Fn(StateId, u8) -> StateId,
    ) -> HostDfa {
        // Columns: every host byte (with `.` and `-` last), then the host's end, then anything else.
        let mut host_bytes: Vec<(u8, Vec<u8>)> = (0u8..=255)
            .filter(|&b| b != b'.' && b != b'-')
            .map(|b| (b, fold(b)))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        host_bytes.push((b'.', fold(b'.')));
        host_bytes.push((b'-', fold(b'-')));
        assert!(
            host_bytes.iter().all(|(_, f)| !f.is_empty()),
            "`.` and `-` are host bytes"
        );
        // The scan finds the host's end with a vector compare (`host_end`) before it walks the table.
        assert!(
            (0u8..=255).all(|b| end(b) == ends_host(b)),
            "the bytes that end a host are `ENDS_HOST`'s (`host_end` looks for them)"
        );
        let end_column = host_bytes.len();
        let stride = end_column + 2;
        let mut columns = [(end_column + 1) as u8; 256];
        for (column, (byte, _)) in host_bytes.iter().enumerate() {
            columns[usize::from(*byte)] = column as u8;
        }
        for byte in 0u8..=255 {
            if end(byte) {
                columns[usize::from(byte)] = end_column as u8;
            }
        }

        let (dot, dash) = (end_column - 2, end_column - 1);

        // Whether a needle that sends the URL to the full path ends at each automaton state.
        let hit_at: Vec<bool> = (0..automaton.states() as StateId)
            .map(|sid| !automaton.matches(sid).is_empty() && hit(sid))
            .collect();
        let shared_at: Vec<bool> = (0..automaton.states() as StateId)
            .map(|sid| !automaton.matches(sid).is_empty() && shared(sid))
            .collect();
        // Feeds folded bytes: the state reached and whether such a needle ended on the way.
        let feed = |mut sid: StateId, bytes: &[u8]| {
            let mut seen = false;
            for &byte in bytes {
                sid = next(sid, byte);
                seen |= hit_at[sid as usize];
            }
            (sid, seen)
        };
        // At the host's end: whether a marking needle ends with it (with `HOST_END`).
        let marked = |sid: StateId| shared_at[feed(sid, &[b'.', HOST_END]).0 as usize];
        assert!(fold(HOST_END).is_empty(), "`HOST_END` is no host byte");
        let (first, opening) = feed(Matcher::START, b".");
        assert!(!opening, "no needle is a lone `.`");

        // A row is an automaton state and the separator just read (0: none, 1: `.`, 2: `-`, 3: none yet, the
        // host's start): a second separator in a row (an empty label, `--`) is `UNUSUAL`, so the scan needs no
        // look back. The host starts as if after a `.`, so a leading `.` is unusual too, and an empty host.
        // `index`: the row of each (state, separator), `u32::MAX` while unseen; `order`: the rows' keys.
        let mut index = vec![u32::MAX; automaton.states() * 4];
        let mut order: Vec<(StateId, usize)> = vec![(first, 3)];
        index[first as usize * 4 + 3] = 0;
        // The rows' entries: a row's index, or `SINK + which` for a sink (numbered after every row, which are
        // not all known yet).
        const SINK: u32 = u32::MAX - SINKS as u32;
        let sink_entry = |which: usize| SINK + which as u32;
        let mut entries: Vec<u32> = Vec::new();
        // The row of (state, separator), numbered when first reached.
        let mut row_of = |to: StateId, tag: usize, order: &mut Vec<(StateId, usize)>| {
            let key = to as usize * 4 + tag;
            if index[key] == u32::MAX {
                index[key] = u32::try_from(order.len()).expect("fewer than 2^32 rows");
                order.push((to, tag));
            }
            index[key]
        };
        let mut next_row = 0;
        while let Some(&(sid, separator)) = order.get(next_row) {
            next_row += 1;
            // The columns before `.` and `-` read no separator: the same work whatever the row's.
            for (_, folded) in &host_bytes[..dot] {
                let (to, seen) = feed(sid, folded);
                entries.push(if seen {
                    sink_entry(HIT)
                } else {
                    row_of(to, 0, &mut order)
                });
            }
            for (column, tag) in [(dot, 1), (dash, 2)] {
                let after_separator = separator == 1 || separator == 3;
                let repeated = if column == dot {
                    after_separator
                } else {
                    separator == 2
                };
                let (to, seen) = feed(sid, &host_bytes[column].1);
                entries.push(if repeated {
                    sink_entry(UNUSUAL)
                } else if seen {
                    sink_entry(HIT)
                } else {
                    row_of(to, tag, &mut order)
                });
            }
            // The host's end: the closing `.` is fed, then `HOST_END` (after a trailing `-` all the same). A host
            // that ends with its `.` (`zoom.us.` is zoom.us) is unusual: rare in links, and the misspelt-name
            // look after the screen (`name_edits::EditedNames::may_be_edited`) reads the last labels in the
            // bytes before the host's end, where it would find the ending instead.
            entries.push(sink_entry(match separator {
                1 | 3 => UNUSUAL,
                _ if feed(sid, &[b'.', HOST_END]).1 => HIT,
                _ if marked(sid) => SHARED,
                _ => CLEAR,
            }));
            entries.push(sink_entry(UNUSUAL));
        }
        let first_sink = order.len();
        let rows = first_sink + SINKS;
        assert!(
            rows <= usize::from(u16::MAX) + 1,
            "the screen's host table has {rows} rows, more than its u16 entries can name: \
             widen `HostDfa::table`'s entries (src/host_screen.rs)"
        );
        let row = |entry: u32| -> u16 {
            let row = if entry >= SINK {
                first_sink + (entry - SINK) as usize
            } else {
                entry as usize
            };
            row as u16
        };
        // Column by column: `entries` holds the rows one after the other, `stride` entries each.
        let mut table: Vec<u16> = Vec::with_capacity(rows * stride);
        for column in 0..stride {
            table.extend((0..first_sink).map(|r| row(entries[r * stride + column])));
            for which in 0..SINKS {
                let to = if which >= CLEAR {
                    (which + 1).min(SINKS - 1)
                } else {
                    which
                };
                table.push((first_sink + to) as u16);
            }
        }
        // What `step` relies on to read without a bounds check: every entry (and the start) is a row, and
        // every column starts a whole column inside the table.
        assert!(
            table.len() == rows * stride && table.iter().all(|&to| usize::from(to) < rows),
            "the screen's table holds only rows"
        );
        assert!(columns.iter().all(|&c| usize::from(c) < stride));
        let table = FrozenTable::new(table);
        let column_addresses = columns.map(|c| table.at(usize::from(c) * rows));
        HostDfa {
            columns,
            column_addresses,
            table,
            rows,
            start: 0,
            first_sink,
            end_column: end_column as u8,
        }
    }

    /// The table's entries.
    fn table(&self) -> &[u16] {
        self.table.entries()
    }

    /// The row after reading `byte` in row `state`.
    #[inline]
    fn step(&self, state: usize, byte: u8) -> usize {
        let column = self.column_addresses[usize::from(byte)];
        debug_assert!(state < self.rows);
        // SAFETY: each column address is that of a whole column of `rows` entries of `table`, which `self`
        // owns, and `state` is `start` or an entry of the table, a row, below `rows`: both asserted when the
        // table was built. Unchecked, the scan's step is three instructions natively (`movzwl
        // (%column,%row,2)` after the column's load) instead of five with a bounds check, on each byte of every
        // host a page links to; and each step is one load after the last, where a column start added to the
        // row put an `add` before each load of the chain, one cycle a host byte that nothing overlaps (README
        // "The URL hot path", session 32).
        unsafe { usize::from(*column.add(state)) }
    }

    /// Four steps, written out: over a longer array the compiler kept a loop, and at the wasm build's
    /// opt-level "s" it kept the first sixteen bytes' loop too, two steps a turn, with V8's stack check and the
    /// loop's compares each turn: 159 instructions a URL of the wasm screen's 591 where the steps alone are
    /// about 100 (`make bench-wasm-instructions`, callgrind by instruction, docs/speed.md, session 40).
    #[inline(always)]
    fn four_steps(&self, state: usize, bytes: &[u8; 4]) -> usize {
        let state = self.step(state, bytes[0]);
        let state = self.step(state, bytes[1]);
        let state = self.step(state, bytes[2]);
        self.step(state, bytes[3])
    }

    /// Screens the host at the start of `authority` (a URL after `scheme://`), which ends at the first `/`,
    /// `?`, `#` or `:`, as `.host.` (a trailing `.` is the same host). `max_host`: longer hosts are `Unusual`.
    // Always: with a second caller (the lookalike check's `has_no_needle`) LLVM made it a call of its own, which
    // cost the screen 18 instructions a URL (313 -> 331, callgrind, `make bench-instructions`).
    #[inline(always)]
    pub(crate) fn scan(&self, authority: &[u8], max_host: usize) -> Scan {
        // Where the host ends, found first with a vector compare: the walk's exits then test `i` against it,
        // not the row the walk reached, so that a mispredicted exit is found while the walk's chain of loads is
        // still running, and what follows the scan (the rest of the URL) needs only `end`, not the walk. An
        // exit that waited on the chain mispredicted 0.9 times a URL (callgrind's branch simulation, README
        // "The URL hot path", session 32). A sink keeps the walk where it is, so reading up to the end after
        // an earlier outcome (a hit, an unusual byte) changes nothing.
        let end = host_end(authority);
        let mut state = self.start;
        let mut i = 0;
        // The first sixteen bytes with no test when the host has eight bytes or more (96 % of the bench
        // corpus's hosts; 70 % have fewer than sixteen): one exit fewer to mispredict for most hosts, for a few
        // steps past a short host's end, where the sinks keep the walk (README "The URL hot path", session 32).
        if end >= 8 && authority.len() >= 16 {
            let first: &[u8; 16] = authority[..16].try_into().expect("sixteen bytes");
            let (quarters, _) = first.as_chunks::<4>();
            state = self.four_steps(state, &quarters[0]);
            state = self.four_steps(state, &quarters[1]);
            state = self.four_steps(state, &quarters[2]);
            state = self.four_steps(state, &quarters[3]);
            i = 16;
        }
        // Then eight bytes at a time while they last, with a test after each four: the test halfway costs two
        // instructions a step and saves the last step's second four bytes when the host has ended in its
        // first four (the screen's walk is 4 instructions a byte). One compare a step for the length: a
        // `first_chunk` of `authority[i..]` also checked `i` against it.
        while i <= end && i + 8 <= authority.len() {
            let chunk: &[u8; 8] = authority[i..i + 8].try_into().expect("eight bytes");
            let (halves, _) = chunk.as_chunks::<4>();
            state = self.four_steps(state, &halves[0]);
            if i + 4 > end {
                break;
            }
            state = self.four_steps(state, &halves[1]);
            i += 8;
        }
        if state < self.first_sink {
            // The text ends within eight bytes of the host's end: the rest a byte at a time, then the text's
            // end as one more byte when the host ends with it.
            for &byte in &authority[i..] {
                state = self.step(state, byte);
            }
            if state < self.first_sink {
                state = usize::from(self.table()[usize::from(self.end_column) * self.rows + state]);
            }
        }
        // Which sink: its place after the first.
        let outcome = state - self.first_sink;
        if outcome < CLEAR {
            return self.uncleared(outcome, authority, max_host);
        }
        // The walk cleared the host where it ends: at its first end byte, or with the text.
        debug_assert!(outcome - CLEAR < 8);
        if end > max_host {
            return Scan::Unusual;
        }
        Scan::Clear { end, shared: false }
    }

    /// The outcome of a scan that ended in a sink before `CLEAR` (`outcome`: its offset past the first sink).
    /// Out of line: most hosts are cleared, and the shared host's second look stays out of the scan's code.
    #[inline(never)]
    fn uncleared(&self, outcome: usize, authority: &[u8], max_host: usize) -> Scan {
        if outcome == HIT {
            return Scan::Hit;
        }
        if outcome == UNUSUAL {
            return Scan::Unusual;
        }
        debug_assert_eq!(outcome, SHARED);
        // Every byte before the host's end was a host byte (any other is `UNUSUAL`): the end is the first byte
        // that ends a host, or the text's end.
        let end = authority
            .iter()
            .position(|&b| self.columns[usize::from(b)] == self.end_column)
            .unwrap_or(authority.len());
        if end > max_host {
            return Scan::Unusual;
        }
        Scan::Clear { end, shared: true }
    }
}

/// The screen's table, owned through the raw pointer `Box::leak` gives, so that addresses into it stay valid
/// when the `HostDfa` holding it moves (a `Box` field is retagged by a move under Stacked Borrows: docs/speed.md,
/// sessions 29 and 40); never written after it is made, freed by `Drop`. Not `Clone`, on purpose: a copy of the
/// pointer would free the table twice, and a derived `Clone` of `HostDfa` now fails to compile.
#[cfg_attr(test, derive(Debug))]
struct FrozenTable(NonNull<[u16]>);

impl FrozenTable {
    fn new(entries: Vec<u16>) -> FrozenTable {
        FrozenTable(NonNull::from(Box::leak(entries.into_boxed_slice())))
    }

    fn entries(&self) -> &[u16] {
        // SAFETY: the allocation of a boxed slice, owned by `self` and never written after `new`.
        unsafe { self.0.as_ref() }
    }

    /// The address of entry `index`, derived from the owning pointer (not from a reference, which a move of
    /// its owner would invalidate).
    fn at(&self, index: usize) -> *const u16 {
        assert!(
            index <= self.0.len(),
            "an address inside the screen's table"
        );
        // SAFETY: `index` is at most the length: inside the allocation or one past its end.
        unsafe { self.0.cast::<u16>().as_ptr().add(index) }.cast_const()
    }
}

impl Drop for FrozenTable {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `Box::leak` of a boxed slice in `new`, and is freed only here.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

// SAFETY: `FrozenTable` owns its entries as a `Box<[u16]>` would and never writes them: sending or sharing it is
// as safe as sending or sharing that box. `HostDfa`'s column addresses point into its own `FrozenTable`, read
// only, and move with it.
unsafe impl Send for FrozenTable {}
unsafe impl Sync for FrozenTable {}
unsafe impl Send for HostDfa {}
unsafe impl Sync for HostDfa {}

/// Equal tables: the same entries and columns, each column address at the same place in its own table.
#[cfg(test)]
impl PartialEq for HostDfa {
    fn eq(&self, other: &HostDfa) -> bool {
        let places = |dfa: &HostDfa| {
            let base = dfa.table().as_ptr();
            // SAFETY: every column address points into the table (`build`).
            dfa.column_addresses
                .map(|column| unsafe { column.offset_from(base) })
        };
        self.columns == other.columns
            && self.table() == other.table()
            && places(self) == places(other)
            && (self.rows, self.start, self.first_sink, self.end_column)
                == (other.rows, other.start, other.first_sink, other.end_column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fold like the lookalike index's: letters and digits as they are, `m` as `rn`, `-` as `.`, `_` kept;
    /// anything else cannot be in a plain host.
    fn fold(byte: u8) -> Vec<u8> {
        match byte {
            b'm' => b"rn".to_vec(),
            b'-' | b'.' => b".".to_vec(),
            b'a'..=b'z' | b'0'..=b'9' | b'_' => vec![byte],
            _ => Vec::new(),
        }
    }

    fn end(byte: u8) -> bool {
        matches!(byte, b'/' | b'?' | b'#' | b':')
    }

    #[test]
    fn the_host_ends_at_its_first_end_byte_or_with_the_text() {
        // Every length around the looks' sixteen bytes, the end byte at every place or nowhere, with a later
        // end byte and bytes that are no end (`@`, `%`, non-ASCII) before it.
        for len in 0..=40 {
            for at in 0..=len {
                for byte in [b'/', b'?', b'#', b':'] {
                    let mut text = vec![b'a'; len];
                    if at < len {
                        text[at] = byte;
                    }
                    if at + 3 < len {
                        text[at + 3] = b'/';
                    }
                    if at > 2 {
                        text[at - 1] = b'@';
                        text[at - 2] = 0xc3;
                        text[0] = b'%';
                    }
                    let first = text.iter().position(|&b| end(b)).unwrap_or(len);
                    assert_eq!(host_end(&text), first, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn dense_and_stepwise_builds_agree() {
        let mut numbers = crate::Numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..50 {
            // Needles over a small alphabet (long shared prefixes and suffixes), some with the host's end.
            let patterns: Vec<Vec<u8>> = (0..1 + numbers.below(10))
                .map(|_| {
                    let mut p: Vec<u8> = (0..1 + numbers.below(5))
                        .map(|_| b".rnoz2"[numbers.below(6)])
                        .collect();
                    if numbers.below(4) == 0 {
                        p.push(HOST_END);
                    }
                    p
                })
                // The host's opening `.` alone is no needle (`HostDfa::new` asserts it).
                .filter(|p| p != b".")
                .collect();
            let automaton = Matcher::new(&patterns);
            // Odd pattern ids send the URL to the full path; even ones do not (a wrapper whose path decides),
            // and those of them that are multiples of four mark the host.
            let hit = |sid: StateId| automaton.matches(sid).iter().any(|id| id % 2 == 1);
            let shared = |sid: StateId| automaton.matches(sid).iter().any(|id| id % 4 == 0);
            let dense = HostDfa::new(&automaton, &fold, &end, &hit, &shared);
            let stepwise = HostDfa::new_stepwise(&automaton, &fold, &end, &hit, &shared);
            assert_eq!(dense, stepwise, "{patterns:?}");
        }
    }
}
