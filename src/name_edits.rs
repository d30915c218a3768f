//! Long brand names misspelt by one or two edits (a letter added or doubled, two neighbours swapped, a letter
//! moved, a look-alike letter, an `l` put in or for a letter, one letter left out; two letters of any kind put
//! in, or a swap and one, where every letter of the name stays) as the whole registrable label or a part of it
//! between hyphens (`discold-nitro.ru`) (issue 11).
//!
//! The misspelt forms are not needles of the screen's table: a name of ten letters has thousands of forms two
//! edits away, and session 14's table of the one-edit and moved-letter forms more than doubled the engine's
//! start-up (125 M → 315 M instructions, 14.6 → 30.3 MB). `check` runs only for hosts the screen lets
//! through, and first compares the label's first letter and set of letters (a 26-bit mask) with the few long
//! names before it measures edits (optimal string alignment distance). Hosts under a cheap ending reach it
//! anyway; for every other one-label ending, and a country's of two (`co.uk`, `com.cn`: session 47), the screen
//! asks `may_be_edited` after its host table cleared the host: the label before the ending found with one
//! 16-byte compare from the host's end and a table of the compare's 2^16 outcomes, then a table of first letter
//! and length that few labels pass (a missing letter counts only alone, so a label is at most one letter
//! shorter than its name), then the letter sets. Earlier prefilters in the screen's own pass (sessions 15, 16
//! and a lost prototype: a bit of the host table's rows)
//! cost 63 to 131 instructions a URL on `make bench-instructions` against issue 14's budget of 25; session
//! 23 ran the letter test as an automaton in the host table's rows (`discorcd` then `.`: a hit), which cost
//! the scan nothing but took the table from 8,627 rows to 72,157 (1.4 to 11.8 MB) and could not tell
//! `doodle` from a misspelt `discord` (it keeps no set of the letters read).

use crate::db::VendorIndex;
use crate::rest_screen;

/// Shortest name that counts with edits: shorter ones are a letter or two away from ordinary words and names
/// (`zoom` → `room`, `zoo`; `skype` → `skye`; `slack` → `stack`, `black`; `teams` → `seams`, `trams`).
pub(crate) const MIN_EDITED_NAME: usize = 7;
/// Shortest name that counts with two edits. At seven letters two edits leave five letters in place;
/// with the first letter kept and only neighbouring keys or look-alike letters for a changed one, the
/// popular-domain lists (Tranco's top million, HSTS preload, tests/real_world.rs) stay quiet.
pub(crate) const MIN_TWO_EDIT_NAME: usize = 7;
/// Longest name compared (longer ones are run together from words: `tencentmeeting`, `uberconference`).
const MAX_EDITED_NAME: usize = 14;
/// Longest label compared: the longest name with two letters added.
const MAX_LABEL: usize = MAX_EDITED_NAME + 2;
/// Longest second label of a country's ending that the look reads past (`co` of `co.uk`, `com` of `com.cn`,
/// `gouv` of `gouv.fr`): under such an ending of two labels the registrable label is the one before it, as
/// before `com` (`whatsquapp.co.uk` as `whatsquapp.com`; issue 11, session 47). Shorter than any label in reach
/// of a name (checked at compile time below), so that a label this short is never itself one to compare.
pub(crate) const COUNTRY_SECOND_LEVEL: usize = 5;
// `spans` and `lengths` give the short labels' lengths to a country's second label alone, so no label in reach
// of a name (`reach`: from one shorter than the shortest name) may be that short; a build error, not a panic.
const _: () = assert!(MIN_EDITED_NAME - 1 > COUNTRY_SECOND_LEVEL);
/// Where a country's two-letter ending's separator is in the window (`EditedNames::spans`): its last three
/// bytes are that `.` and the two letters.
const COUNTRY_DOT: u32 = LANES as u32 - 3;
/// The mask bit of any byte that is not a lower-case letter: such a label is never compared.
const NOT_A_LETTER: u32 = 1 << 31;
/// The letter `l`, which a misspelling may hold in any name (`Name::allowed`): a thin upright stroke that the
/// eye reads as an `i`, as the stem of a `d` after a `c` (`discorcl`), or passes over (`dliscord`, `discold`).
const L_BIT: u32 = 1 << (b'l' - b'a');

/// The letter set bit of each byte (`NOT_A_LETTER` for anything but `a`–`z`).
static LETTER_BITS: [u32; 256] = {
    let mut bits = [NOT_A_LETTER; 256];
    let mut b = b'a';
    while b <= b'z' {
        bits[b as usize] = 1 << (b - b'a');
        b += 1;
    }
    bits
};

/// One long name and what `candidates` compares.
#[derive(Debug, Clone)]
struct Name {
    vendor: VendorIndex,
    text: String,
    /// The name's letter set.
    mask: u32,
    /// The letters a misspelling may hold: the name's, their look-alikes (`c` for `e`) and `l` (`L_BIT`).
    allowed: u32,
    edits: usize,
}

/// The long names whose misspellings count.
#[derive(Debug, Clone)]
pub(crate) struct EditedNames {
    /// Grouped by first letter (`by_first`).
    names: Vec<Name>,
    /// Per first letter (`a` = 0), the range of `names` that start with it.
    by_first: [(u8, u8); 26],
    /// The screen's gate (`may_be_edited`): per first byte (row, `GATE_STRIDE` entries) and label length,
    /// the letters a label may hold to be in reach of a name with that first letter (the union of their
    /// `allowed`), and `LONGER` where such a name is one or two letters shorter; 0 where no name is within
    /// reach of that length, and for every byte that is not a letter.
    gate: Box<[u32; 256 * GATE_STRIDE]>,
    /// The shortest label in reach of a name.
    shortest: u8,
    /// Per separator mask of the 16 bytes before a host's end (`rest_screen::separators`), the label before the
    /// last separator: the place of its first byte (low four bits) and its length (high four, 0 for a label of
    /// 1 to `COUNTRY_SECOND_LEVEL` bytes but before a two-byte ending, where it may be a country's `co`);
    /// `SPAN_COLD` where fewer than two separators leave no whole label in the window. A look-up instead of
    /// finding the two highest bits and testing for fewer than two: 10 instructions fewer for every URL the
    /// screen clears.
    spans: Box<[u8; 1 << LANES]>,
    /// Per separator and first byte of a span (`u16::from_be_bytes([separator, first])`, so that the entries
    /// after one separator are next to each other: those of `0`–`9` and `a`–`z` after a `.` lie within 150
    /// bytes, where little-endian pairs put each in a cache line of its own, 512 bytes apart and in 8 of the
    /// 64 sets of a 32 KiB L1d: 3,972 → 1,862 misses a pass of the bench corpus with the full path between,
    /// 2,134 → 874 in the screen alone, in cachegrind's simulation), the lengths (bit
    /// `len`) of a label in the window in reach of a name with that first letter (`gate` not 0), and bit 15
    /// for every pair: a `SPAN_COLD` span reads the window's first two bytes, and passes. After a `.` and a
    /// letter, also `COUNTRY_LENGTHS`: a country's second label (`spans` gives no other label those lengths).
    /// After a `-` every length passes: the span is the last part of a hyphenated label, and `past_the_gate`
    /// reads all its parts. One look-up of both bytes, so that the `-` costs the hosts without one nothing
    /// (a test of the separator apart cost about 3.8 instructions a URL; callgrind, `make bench-instructions`).
    lengths: Box<[u16; 1 << 16]>,
}

/// The lengths (bits of an `EditedNames::lengths` entry) of a country's second label, after a `.` and a letter:
/// 1 to `COUNTRY_SECOND_LEVEL`, which no name's reach holds (`COUNTRY_SECOND_LEVEL`: a compile-time check).
const COUNTRY_LENGTHS: u16 = (1 << (COUNTRY_SECOND_LEVEL + 1)) - 2;

/// Letters outside a name's `allowed` that a label may hold: two letters put in (`all_letters_kept`).
const STRAYS: usize = 2;
/// The bit of a `EditedNames::gate` entry (no letter's, `LETTER_BITS`) set where a name with that first letter
/// is shorter than that length by one or two letters (`STRAYS`): a label there may hold letters put in.
const LONGER: u32 = 1 << 30;

/// Bytes of the window before a host's end.
const LANES: usize = crate::rest_screen::LANES;

/// The span of `EditedNames::spans` where the window holds fewer than two separators: length 15, which no
/// label between two separators in the window has, from byte 1 (so that `lengths` reads bytes 0 and 1).
const SPAN_COLD: u8 = 0xf1;

/// Entries per row of `EditedNames::gate`: a length for each label length up to `MAX_LABEL`.
const GATE_STRIDE: usize = 32;

/// The entry of `EditedNames::gate` for a label's first byte and length (masked, so that the look-up needs no
/// bounds check; the callers' lengths are below `GATE_STRIDE`).
#[inline(always)]
fn gate_index(first: u8, len: usize) -> usize {
    usize::from(first) * GATE_STRIDE + (len & (GATE_STRIDE - 1))
}

/// A registrable label that is a name misspelt: the vendor, the name and how the label differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edited<'a> {
    pub vendor: VendorIndex,
    pub name: &'a str,
    /// In the words of `lookalike::how_code`: "an extra letter", "a letter moved", "letters doubled", …
    pub how: &'static str,
    /// A second edit of another kind ("two letters swapped" and then "an extra letter").
    pub also: Option<&'static str>,
}

/// Whether `byte` separates as the screen's windows read it (`rest_screen::separators`: `,`, `-`, `.`, `/`).
fn is_separator(byte: u8) -> bool {
    byte | 3 == b'/'
}

/// Where a host (as `may_be_edited` reads it, after a `/`) ends before its last label, when its ending is a
/// country's two (`co.uk`, `com.cn`): two bytes after a `.`, before them a label of 1 to
/// `COUNTRY_SECOND_LEVEL` bytes that starts with a letter, after another `.`. The windows' shape
/// (`EditedNames::spans`, `lengths`), which every suffix `is_country_second_level` takes fits.
fn country_ending(host: &[u8]) -> Option<usize> {
    let dot = host.len().checked_sub(3)?;
    if host[dot] != b'.' || host[dot + 1..].iter().any(|&b| is_separator(b)) {
        return None;
    }
    let from = dot.saturating_sub(COUNTRY_SECOND_LEVEL + 1);
    let before = from + host[from..dot].iter().rposition(|&b| is_separator(b))?;
    (host[before] == b'.' && host[before + 1].is_ascii_lowercase()).then_some(dot)
}

/// Whether a public suffix (`co.uk`, `com.cn`, `com.au`, `org.uk`) is a country's second level as the screen's
/// misspelt-name look reads past it (`country_ending`): a label of 1 to `COUNTRY_SECOND_LEVEL` bytes, the first
/// a letter, and two bytes, no `-`. Its registrable label is then the one the screen lets through when it may
/// be misspelt, so `lookalike::edited_name` checks it there as before a one-label ending.
pub(crate) fn is_country_second_level(suffix: &str) -> bool {
    let Some((second, top)) = suffix.split_once('.') else {
        return false;
    };
    top.len() == 2
        && (1..=COUNTRY_SECOND_LEVEL).contains(&second.len())
        && second.as_bytes()[0].is_ascii_lowercase()
        && !suffix.bytes().any(|b| b != b'.' && is_separator(b))
        && !top.contains('.')
}

/// The letter set of `text` (`NOT_A_LETTER` set when it holds anything but `a`–`z`).
#[inline]
fn letters(text: &[u8]) -> u32 {
    text.iter()
        .fold(0, |mask, &b| mask | LETTER_BITS[usize::from(b)])
}

/// The label lengths within reach of `name`: one letter fewer (a missing letter counts only as the one edit)
/// to as many more as it has edits.
fn reach(name: &Name) -> std::ops::RangeInclusive<usize> {
    name.text.len() - 1..=name.text.len() + name.edits
}

/// Whether `name` may be within reach of a label of `len` bytes, letter set `mask` and second letter `second`
/// (`EditedNames::candidates`).
#[inline(always)]
fn within_reach(name: &Name, len: usize, mask: u32, second: u32) -> bool {
    let gone = name.mask & !mask;
    let stray = mask & !name.allowed;
    reach(name).contains(&len)
        && if stray == 0 {
            at_most_two(gone)
        } else {
            gone == 0
                && stray & NOT_A_LETTER == 0
                && at_most_two(stray)
                && len > name.text.len()
                && second & !name.allowed == 0
        }
}

impl EditedNames {
    /// The table of `names` (vendor, name): those of `MIN_EDITED_NAME` to `MAX_EDITED_NAME` lower-case letters,
    /// without `reserved` ones (a vendor's real name is never another's misspelling: the caller's set).
    pub(crate) fn new(names: &[(VendorIndex, String)]) -> EditedNames {
        // Loops rather than iterator chains and `collect`s: each chain is a set of generic instances of its own
        // in the wasm package (docs/size.md, session 41).
        // One entry a name, the lowest vendor's when names repeat (kept in place: no sort, whose code the wasm
        // package would carry for this alone).
        let mut unique: Vec<Name> = Vec::with_capacity(names.len());
        for (vendor, text) in names {
            if !(MIN_EDITED_NAME..=MAX_EDITED_NAME).contains(&text.len())
                || !text.bytes().all(|b| b.is_ascii_lowercase())
            {
                continue;
            }
            let mut allowed = L_BIT;
            for meant in text.bytes() {
                for written in b'a'..=b'z' {
                    if written == meant || look_alike(written, meant) {
                        allowed |= LETTER_BITS[usize::from(written)];
                    }
                }
            }
            let name = Name {
                vendor: *vendor,
                text: text.clone(),
                mask: letters(text.as_bytes()),
                allowed,
                edits: if text.len() >= MIN_TWO_EDIT_NAME {
                    2
                } else {
                    1
                },
            };
            match unique.iter_mut().find(|n| n.text == name.text) {
                Some(seen) => seen.vendor = seen.vendor.min(name.vendor),
                None => unique.push(name),
            }
        }
        // Grouped by first letter, each group in the order above.
        let mut names: Vec<Name> = Vec::with_capacity(unique.len());
        let mut by_first = [(0u8, 0u8); 26];
        let mut gate = Box::new([0u32; 256 * GATE_STRIDE]);
        for (letter, range) in (b'a'..=b'z').zip(&mut by_first) {
            let start = names.len();
            for name in &unique {
                if name.text.as_bytes()[0] == letter {
                    names.push(name.clone());
                }
            }
            *range = (start as u8, names.len() as u8);
            for name in &names[start..] {
                for len in reach(name) {
                    gate[gate_index(letter, len)] |= name.allowed;
                }
                for len in name.text.len() + 1..=name.text.len() + STRAYS {
                    gate[gate_index(letter, len)] |= LONGER;
                }
            }
        }
        let mut shortest = u8::MAX;
        for name in &names {
            shortest = shortest.min(*reach(name).start() as u8);
        }
        let mut spans: Box<[u8; 1 << LANES]> = vec![SPAN_COLD; 1 << LANES]
            .into_boxed_slice()
            .try_into()
            .expect("a span for every mask");
        for (found, span) in spans.iter_mut().enumerate() {
            let found = found as u32;
            if let Some(last) = found.checked_ilog2() {
                if let Some(before) = (found ^ (1 << last)).checked_ilog2() {
                    // A label too short to be in reach has length 0, which only a `-` before it lets through
                    // (`lengths`), but before a two-byte ending, where it may be a country's second label.
                    let len = last - before - 1;
                    let len = if (1..=COUNTRY_SECOND_LEVEL as u32).contains(&len)
                        && last != COUNTRY_DOT
                    {
                        0
                    } else {
                        len
                    };
                    *span = ((before + 1) | (len << 4)) as u8;
                }
            }
        }
        let mut by_letter = [1u16 << 15; 256];
        for (first, lens) in by_letter.iter_mut().enumerate() {
            for len in 1..LANES - 1 {
                if gate[gate_index(first as u8, len)] != 0 {
                    *lens |= 1 << len;
                }
            }
        }
        let mut lengths: Box<[u16; 1 << 16]> = vec![0; 1 << 16]
            .into_boxed_slice()
            .try_into()
            .expect("an entry for every pair");
        for (pair, lens) in lengths.iter_mut().enumerate() {
            let [separator, first] = (pair as u16).to_be_bytes();
            *lens = if separator == b'-' {
                u16::MAX
            } else if separator == b'.' && first.is_ascii_lowercase() {
                by_letter[usize::from(first)] | COUNTRY_LENGTHS
            } else {
                by_letter[usize::from(first)]
            };
        }
        EditedNames {
            names,
            by_first,
            gate,
            shortest,
            spans,
            lengths,
        }
    }

    /// The names compared, for tests.
    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| n.text.as_str())
    }

    /// The names `label` may be within reach of: the same first letter, a length in `reach`, and either only
    /// the name's letters and their look-alikes with at most two of the name's letters gone (each edit takes
    /// out at most one), or every letter of the name with at most two others (`STRAYS`: the letters two edits
    /// that keep the name's put in, `all_letters_kept`), none of them second.
    fn candidates<'s>(&'s self, label: &[u8]) -> impl Iterator<Item = &'s Name> {
        self.candidates_of(label, letters(label))
    }

    /// `candidates`, with the label's letter set `mask` (`letters`).
    fn candidates_of<'s>(&'s self, label: &[u8], mask: u32) -> impl Iterator<Item = &'s Name> {
        let (group, second) = self.group_of(label);
        let len = label.len();
        group
            .iter()
            .filter(move |name| within_reach(name, len, mask, second))
    }

    /// The names that begin with `label`'s first letter, and the letter bit of its second byte.
    #[inline(always)]
    fn group_of(&self, label: &[u8]) -> (&[Name], u32) {
        // Letters put in right after the first are left out (no stray second letter): the screen's gate stops
        // at a second letter no name allows (`past_the_gate`), before it reads the others.
        let second = label
            .get(1)
            .map_or(NOT_A_LETTER, |&b| LETTER_BITS[usize::from(b)]);
        let group = match label.first() {
            Some(&b @ b'a'..=b'z') => {
                let (start, end) = self.by_first[usize::from(b - b'a')];
                &self.names[usize::from(start)..usize::from(end)]
            }
            _ => &[],
        };
        (group, second)
    }

    /// Whether the host at `url[start..end]` (after `http://` or `https://`, so that a `/` precedes it; a
    /// cleared host of the screen: lower-case ASCII letters, digits, `-`, `_` and `.`, not ending with `.`,
    /// which the host table sends to the full path) may have a label before a one-label ending or a country's of
    /// two (`country_ending`), or a part of that label between hyphens, that `check_parts` takes: a superset of
    /// it, for the screen, so that `discorcd.com`, `nitro-dlscold.ru` and `discorcd.co.uk` reach the full check
    /// and almost no other `.com` or `.co.uk` host does. Past a look-up of where the label's last part is
    /// (`spans`: `-` separates as `.` does) and one of the
    /// separator before it, its first letter and its length (`lengths`), which about three hosts in four fail,
    /// the part's second and last letters, then all its letters, are compared with the names' as `check` does
    /// first (`past_the_gate`). A part after a `-` passes the look-up whatever it holds, and every part of its
    /// label is read (`hyphenated`). An ending with one `-` is not read: no top-level domain is written so
    /// (they are letters, or `xn--` and letters and digits, whose `--` puts an empty part after a `-`). A label
    /// too short to be in reach before a two-byte ending (`co` of `co.uk`) passes the look-up after a `.` and
    /// a letter, and the label before it is read byte by byte (`past_the_gate`): hosts under a country's
    /// ending of two are few, and the windows' look-up stays one for every other host.
    #[inline(always)]
    pub(crate) fn may_be_edited(&self, url: &[u8], start: usize, end: usize) -> bool {
        // The host's last two labels are in the 16 bytes before its end on most hosts: both separators in one
        // compare (the `/` before the host counts as one, so a two-label host needs no second look).
        let Some(window) = url[..end].last_chunk::<LANES>() else {
            return self.short_host(url, start, end);
        };
        let found = rest_screen::separators(window);
        let span = self.spans[found as usize & ((1 << LANES) - 1)];
        let (first, len) = (usize::from(span & 15), span >> 4);
        debug_assert!((1..LANES).contains(&first));
        // SAFETY: every entry of `spans` has its first byte at 1 to 15 (`new`: one after a separator, and
        // `SPAN_COLD`), so the two bytes from `first - 1` are in the window; an unaligned read of two bytes.
        // Unchecked, the separator costs the look-up nothing: a bounds check, or a second load, cost 2 to 4
        // instructions a URL (callgrind, `make bench-instructions`).
        let pair = unsafe {
            window
                .as_ptr()
                .add(first - 1)
                .cast::<[u8; 2]>()
                .read_unaligned()
        };
        self.lengths[usize::from(u16::from_be_bytes(pair))] >> len & 1 != 0
            && self.past_the_gate(url, end, window, span)
    }

    /// `may_be_edited` past the look-up of the first letter and length (`span`, the window's entry of `spans`):
    /// all the label's letters (`letters_reach`); the hosts whose window holds fewer than two separators; and a
    /// `-` on either side of the span (`hyphenated`). Out of line natively; inlined in wasm, where wasm-opt had
    /// inlined it into the screen as its one caller until its one-caller limit (tools/wasm-out-of-line.mjs) was
    /// lowered: at the limit 0 a call of its own there cost the screen 3 instructions a URL (598 → 595, `make
    /// bench-wasm-instructions`; `long_label` the other 3; docs/size.md, session 37). Inlined whatever the limit. wasm-opt has no way to ask for
    /// one function to be inlined (https://github.com/WebAssembly/binaryen/issues/7972), so LLVM does it.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    fn past_the_gate(&self, url: &[u8], end: usize, window: &[u8; LANES], span: u8) -> bool {
        if span == SPAN_COLD {
            let found = rest_screen::separators(window);
            let Some(last) = found.checked_ilog2() else {
                return self.one_label_slowly(url, end);
            };
            if window[last as usize] == b'-' {
                return self.hyphenated(url, end);
            }
            return self.long_label(url, end - LANES, last as usize);
        }
        let first = usize::from(span & 15);
        let label = &window[first..first + usize::from(span >> 4)];
        if window[first - 1] == b'-' || window.get(first + label.len()) == Some(&b'-') {
            return self.hyphenated(url, end);
        }
        if label.len() <= COUNTRY_SECOND_LEVEL {
            // Only a label before a two-byte ending is this short here (`spans`), after a `.` and a letter
            // (`lengths`): `co` of `whatsquapp.co.uk`, a country's second label. The label before it is the
            // registrable one, read as before a one-label ending (`country_ending`).
            return window[first + label.len()] == b'.'
                && self.before_country_ending(url, end, window, first - 1);
        }
        let allowed = self.gate[gate_index(label[0], label.len())];
        // The second letter is one a name allows (`check`); a stray last letter is a letter put in
        // (`all_letters_kept`), which only a label longer than a name can hold: the other lengths stop here,
        // before the walk of all the letters.
        let second = LETTER_BITS[usize::from(label[1])];
        let last = LETTER_BITS[usize::from(label[label.len() - 1])];
        second & !allowed == 0
            && (last & !allowed == 0 || allowed & LONGER != 0)
            && self.letters_reach(label, allowed)
    }

    /// `may_be_edited` for a host under a country's ending of two (`co.uk`), whose `.` before the second label is
    /// at `dot` of the window: the label before it, in the window when it is whole there after a `.` or the
    /// host's `/`, else byte by byte (`one_label_slowly`: a `-`, a label that starts before the window). 746 of
    /// the bench corpus's 10,000 URLs (`bbc.co.uk`, `blog.gov.uk`) come here, about one in thirteen: a
    /// byte-by-byte variant cost the screen 16 instructions a URL over the corpus (317 → 333, `make
    /// bench-instructions`), this window read 5 (317 → 322).
    #[inline(never)]
    fn before_country_ending(
        &self,
        url: &[u8],
        end: usize,
        window: &[u8; LANES],
        dot: usize,
    ) -> bool {
        let found = rest_screen::separators(window) & ((1 << dot) - 1);
        if let Some(at) = found.checked_ilog2() {
            let at = at as usize;
            if matches!(window[at], b'.' | b'/') {
                return self.part_in_reach(&window[at + 1..dot]);
            }
        }
        self.one_label_slowly(url, end - 3)
    }

    /// `may_be_edited` for a host with a `-` in its last two labels: the parts of the label before the ending,
    /// back from the ending's `.` to the label's first separator, 16 bytes at a time, each part looked up by
    /// its first letter and length (`part_in_reach`); byte by byte when the ending holds a `-`.
    #[cold]
    fn hyphenated(&self, url: &[u8], end: usize) -> bool {
        let mut from = end - LANES;
        let window = url[from..].first_chunk::<LANES>().expect("sixteen bytes");
        let found = rest_screen::separators(window);
        let Some(last) = found.checked_ilog2() else {
            return self.one_label_slowly(url, end);
        };
        if window[last as usize] != b'.' {
            return self.one_label_slowly(url, end);
        }
        let (mut bits, mut part_end) = (found ^ (1 << last), from + last as usize);
        loop {
            while let Some(at) = bits.checked_ilog2() {
                let separator = from + at as usize;
                if self.part_in_reach(&url[separator + 1..part_end]) {
                    return true;
                }
                if url[separator] != b'-' {
                    return false;
                }
                (bits, part_end) = (bits ^ (1 << at), separator);
            }
            // The label goes on before this window: the 16 bytes before it (the text's first 16, the `/` of
            // `//` among them, when fewer are left), their separators before this window only.
            if from == 0 {
                return self.one_label_slowly(url, end);
            }
            let next = from.saturating_sub(LANES);
            let window = url[next..].first_chunk::<LANES>().expect("sixteen bytes");
            bits = rest_screen::separators(window) & ((1 << (from - next)) - 1);
            from = next;
        }
    }

    /// Whether a label or a part of one (between `-`, `.` or `/`) is in reach of a name by its first letter,
    /// length and letters.
    fn part_in_reach(&self, part: &[u8]) -> bool {
        let allowed = match part.first() {
            Some(&first) if part.len() < GATE_STRIDE => self.gate[gate_index(first, part.len())],
            _ => 0,
        };
        allowed != 0 && self.letters_reach(part, allowed)
    }

    /// `may_be_edited` for a host whose text is shorter than the window: most are too short for a label in
    /// reach of a name (`bbc.com`).
    #[cold]
    fn short_host(&self, url: &[u8], start: usize, end: usize) -> bool {
        // The label, a `.` and an ending of at least one letter.
        end - start >= usize::from(self.shortest) + 2 && self.may_be_edited_slowly(url, end)
    }

    /// `may_be_edited` for a label that starts before the window (`window_start`), the ending's separator at
    /// `last` of it: the 16 bytes before the window; as a hyphenated label when a `-` or none of them starts
    /// the label's last part there (a longer last part may follow a part in reach).
    #[cold]
    fn long_label(&self, url: &[u8], window_start: usize, last: usize) -> bool {
        let end = window_start + LANES;
        let from = window_start.saturating_sub(16);
        let Some(before) = url[from..].first_chunk::<16>() else {
            return self.one_label_slowly(url, end);
        };
        // Separators before the window only.
        let found = rest_screen::separators(before) & ((1u32 << (window_start - from)) - 1);
        if found == 0 {
            return self.hyphenated(url, end);
        }
        let first = from + 32 - found.leading_zeros() as usize;
        if url[first - 1] == b'-' {
            return self.hyphenated(url, end);
        }
        // Empty where the window opens with the `/` before a host of one label (`https://` and 15 bytes).
        self.part_in_reach(&url[first..window_start + last])
    }

    /// `may_be_edited` byte by byte, for a short host, and the windows' reference: the label before the ending,
    /// of one label or a country's two (`country_ending`), read by `one_label_slowly`.
    #[cold]
    fn may_be_edited_slowly(&self, url: &[u8], end: usize) -> bool {
        let host = &url[..end];
        let host = host.strip_suffix(b".").unwrap_or(host);
        self.one_label_slowly(url, country_ending(host).unwrap_or(host.len()))
    }

    /// `may_be_edited_slowly` before a one-label ending, for what the windows do not read: a host whose last
    /// 16 bytes have no separator, a host's closing `.`, an ending with a `-`, the label before a country's
    /// ending of two. Each part of the label between hyphens counts. An ending with one `-` is no top-level
    /// domain's (`may_be_edited`).
    #[cold]
    fn one_label_slowly(&self, url: &[u8], end: usize) -> bool {
        let host = &url[..end];
        let host = host.strip_suffix(b".").unwrap_or(host);
        let mut labels = host.rsplit(|&b| b == b'.' || b == b'/');
        let (Some(ending), Some(label)) = (labels.next(), labels.next()) else {
            return false;
        };
        let dashes = ending.iter().filter(|&&b| b == b'-').count();
        dashes != 1
            && label
                .split(|&b| b == b'-')
                .any(|part| self.part_in_reach(part))
    }

    /// Whether `label`, whose first letter and length let through the letters `allowed`, holds only those
    /// but for at most `STRAYS` letters (the letters put in by two edits that keep the name's,
    /// `all_letters_kept`) and is within reach of a name (`candidates`).
    #[inline(never)]
    fn letters_reach(&self, label: &[u8], allowed: u32) -> bool {
        // Letter by letter, to stop at the first byte that is no letter or at one stray letter too many: the
        // first where no name is shorter than the label (`LONGER`).
        let strays_allowed = if allowed & LONGER != 0 { STRAYS } else { 0 };
        let (mut mask, mut strays) = (0, 0);
        for &b in label {
            let bit = LETTER_BITS[usize::from(b)];
            if bit & !allowed != 0 {
                strays += 1;
                if strays > strays_allowed || bit == NOT_A_LETTER {
                    return false;
                }
            }
            mask |= bit;
        }
        // A loop, not `candidates_of(..).next().is_some()`: the filter's closure was left out of line in the wasm
        // package (std's `<&mut F as FnMut>::call_mut`, 0.23 calls a URL), which wasm-opt's one-caller inlining
        // took back only at its limit 200 (docs/size.md, session 37, the facade's rows).
        let (group, second) = self.group_of(label);
        for name in group {
            if within_reach(name, label.len(), mask, second) {
                return true;
            }
        }
        false
    }

    /// The name `label` (a registrable label) misspells, if any: within two edits (optimal string alignment
    /// distance), its first letter kept, the name itself not in it (a name run together with other letters is
    /// `brand_words`' to weigh), and only edits that keep the name readable: one of the name's own letters
    /// added or doubled, two neighbours swapped, a letter moved, a letter written with a look-alike (`l` for
    /// `i`, `c` for `e`), an `l` put in or written for a letter (`dliscord`, `discold`; `L_BIT`). A letter
    /// left out counts only as the one edit. What is left out is what the popular-domain lists showed to be
    /// other words and names: another key's letter (`discard`, `dualpad`, `runcentral`), another letter from
    /// outside the name (`dischord`), two letters dropped (`disco`, `where`). With two edits that keep every
    /// letter of the name, in order but for a swapped pair (`all_letters_kept`), the letters put in may be any:
    /// the whole name is still there to read (`wahtsaipp`, `whatsacppy`, `discrode` of `discrode-gifte`).
    ///
    /// Under a cheap ending (`cheap`), a letter changed for one of the name's own letters keeps it readable too
    /// (`whatsapp` as `whasasapp`): there no one's own name is a few edits off a vendor's, and a letter of the
    /// name written in the wrong place keeps the name's look, where a letter from outside it makes another
    /// word (`discard`, `dualpad`). Elsewhere such a change makes other names (`whatwapp.io`, `livescore.com`).
    ///
    /// A label that is itself an English word or a compound of two or three (`ENGLISH_COMPOUNDS`: `teamreviewer`,
    /// `whatsupapp`, `riversidefarm`) is someone's ordinary name, not a misspelling, where `whatsquapp` is no word.
    pub(crate) fn check(&self, label: &str, cheap: bool) -> Option<Edited<'_>> {
        self.check_edits(label, cheap)
            .filter(|_| !is_english(label))
    }

    /// `check` without the English words: the edits alone (the word list's test derives the list with it).
    pub(crate) fn check_edits(&self, label: &str, cheap: bool) -> Option<Edited<'_>> {
        let written = label.as_bytes();
        self.candidates(written).find_map(|name| {
            let meant = name.text.as_bytes();
            if written.windows(meant.len()).any(|part| part == meant) {
                return None;
            }
            let found = edits(written, meant, name.edits)?;
            let ops = found.ops();
            let readable = |op: &Op| match *op {
                Op::Added(at) => meant.contains(&written[at]) || written[at] == b'l',
                Op::Swapped => true,
                Op::Changed(w, n) => look_alike(w, n) || w == b'l' || (cheap && meant.contains(&w)),
                Op::Missing => ops.len() == 1,
            };
            let kept = match ops.len() {
                1 => readable(&ops[0]),
                2 => moved(written, meant) || ops.iter().all(readable) || all_letters_kept(ops),
                _ => false,
            };
            let (how, also) = describe(written, meant, ops);
            kept.then_some(Edited {
                vendor: name.vendor,
                name: &name.text,
                how,
                also,
            })
        })
    }

    /// `check` (`cheap`: the host's ending is a cheap one) of each part of `label` between hyphens (the
    /// whole label when it has none), and the part that
    /// misspells a name: `discold` of `discold-nitro`, as Discord Nitro lures are named (the name itself as a
    /// part is `brand_words`' to weigh: `check` leaves it).
    pub(crate) fn check_parts<'l>(
        &self,
        label: &'l str,
        cheap: bool,
    ) -> Option<(&'l str, Edited<'_>)> {
        label
            .split('-')
            .find_map(|part| Some((part, self.check(part, cheap)?)))
    }
}

/// The labels within two edits of a long name that are English words or compounds of two or three, none of them
/// the name (`team|reviewer` two letters from `teamviewer`, `whats|up|app` from `whatsapp`, `riverside|farm`
/// from `riversidefm`), derived by tools/english-compounds.py from Debian's wamerican 2020.12.07-2 (SCOWL,
/// Kevin Atkinson's word lists, http://wordlist.aspell.net/) and kept to those `check_edits` takes under a cheap
/// ending; only they are shipped, not the list's 104,334 words (the wasm package's size, issue 14). One label a
/// line, sorted, after three `#` lines (the source and the names it was derived for); also the words an
/// ordinary-word name's changed letter makes (`is_english`). A test in src/lookalike.rs
/// regenerates it when the word list is there and fails when it is stale.
static ENGLISH_COMPOUNDS: &str = include_str!("../data/english/compounds.txt");

/// Whether `label` is a line of `ENGLISH_COMPOUNDS`: a compound above, or a word that is an ordinary-word name
/// (`lookalike::short_names`: `signal`, `teams`) with one letter changed or two swapped (`terms`, `slick`).
/// Asked only for a label already found misspelt (a few a million URLs), so a scan rather than an index built
/// at start-up.
pub(crate) fn is_english(label: &str) -> bool {
    ENGLISH_COMPOUNDS.lines().any(|line| line == label)
}

/// Whether two edits keep every letter of the name, in order but for one pair of neighbours swapped: letters
/// put in, or a swap and a letter put in. The name is all there to read, so the letters put in may be any
/// (`wahtsaipp`, `whatsacppy`, `discrode`: the tune rows of tests/data/real/lookalikes.tsv this rule was built
/// on), where one letter from outside the name alone makes another word (`dischord`); none of the
/// popular-domain lists' names is such a form of a name (tests/real_world.rs).
fn all_letters_kept(ops: &[Op]) -> bool {
    ops.iter()
        .all(|op| matches!(op, Op::Added(_) | Op::Swapped))
}

/// At most two bits set: the lowest two taken out leave none.
fn at_most_two(bits: u32) -> bool {
    let after_two = bits & bits.wrapping_sub(1);
    after_two & after_two.wrapping_sub(1) == 0
}

/// One edit from a name to what is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// The written letter at this place of the written text is not in the name.
    Added(usize),
    Missing,
    /// Written letter, the name's letter.
    Changed(u8, u8),
    Swapped,
}

/// At most two edits, in order (a fixed pair: no `Vec` for this in the wasm package).
#[derive(Debug, Clone, Copy)]
struct Ops {
    ops: [Op; 2],
    len: usize,
}

impl Ops {
    fn ops(&self) -> &[Op] {
        &self.ops[..self.len]
    }
}

/// The edits that turn `name` into `written` (optimal string alignment: added, missing, changed letters and
/// swapped neighbours, no letter edited twice), if there are at most `max` (one or two) of them.
fn edits(written: &[u8], name: &[u8], max: usize) -> Option<Ops> {
    let (n, m) = (written.len(), name.len());
    if n > MAX_LABEL || m > MAX_LABEL || n.abs_diff(m) > max {
        return None;
    }
    let mut d = [[0u8; MAX_LABEL + 1]; MAX_LABEL + 1];
    for (i, row) in d.iter_mut().enumerate().take(n + 1) {
        row[0] = i as u8;
    }
    for (j, cell) in d[0].iter_mut().enumerate().take(m + 1) {
        *cell = j as u8;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = u8::from(written[i - 1] != name[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1
                && j > 1
                && written[i - 1] == name[j - 2]
                && written[i - 2] == name[j - 1]
                && written[i - 1] != written[i - 2]
            {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    if usize::from(d[n][m]) > max.min(2) {
        return None;
    }
    // Back from the end, a match first, so that each edit is told where it is.
    let mut found = Ops {
        ops: [Op::Missing; 2],
        len: 0,
    };
    let mut ops = |op: Op| {
        // The distance is at most two, so is the path back.
        found.ops[found.len.min(1)] = op;
        found.len = (found.len + 1).min(2);
    };
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = d[i][j];
        if i > 0 && j > 0 && written[i - 1] == name[j - 1] && d[i - 1][j - 1] == here {
            (i, j) = (i - 1, j - 1);
        } else if i > 1
            && j > 1
            && written[i - 1] == name[j - 2]
            && written[i - 2] == name[j - 1]
            && written[i - 1] != written[i - 2]
            && d[i - 2][j - 2] + 1 == here
        {
            ops(Op::Swapped);
            (i, j) = (i - 2, j - 2);
        } else if i > 0 && j > 0 && d[i - 1][j - 1] + 1 == here {
            ops(Op::Changed(written[i - 1], name[j - 1]));
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && d[i - 1][j] + 1 == here {
            ops(Op::Added(i - 1));
            i -= 1;
        } else {
            ops(Op::Missing);
            j -= 1;
        }
    }
    // The first letter stays: a name with another first letter reads as another word (`hereby`, `thereby`).
    if written.first() != name.first() {
        return None;
    }
    found.ops[..found.len].reverse();
    Some(found)
}

/// Whether `written` is a look-alike of `meant` (`brand_words`' pairs: `l` for `i`, `c` for `e` or `o`).
fn look_alike(written: u8, meant: u8) -> bool {
    crate::brand_words::is_look_alike(char::from(written), char::from(meant))
}

/// What one edit is, for `describe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Doubled,
    Extra,
    /// An `l` put in, not beside another `l` (`dliscord`).
    ExtraL,
    Missing,
    Swapped,
    LookAlike,
    /// An `l` written for a letter it does not look like (`discold`, `r` → `l`).
    LForLetter,
    Changed,
}

impl Kind {
    fn of(written: &[u8], op: Op) -> Kind {
        match op {
            Op::Added(at) => {
                let letter = written[at];
                let doubled =
                    (at > 0 && written[at - 1] == letter) || written.get(at + 1) == Some(&letter);
                if doubled {
                    Kind::Doubled
                } else if letter == b'l' {
                    Kind::ExtraL
                } else {
                    Kind::Extra
                }
            }
            Op::Missing => Kind::Missing,
            Op::Changed(w, n) if look_alike(w, n) => Kind::LookAlike,
            Op::Changed(b'l', _) => Kind::LForLetter,
            Op::Changed(..) => Kind::Changed,
            Op::Swapped => Kind::Swapped,
        }
    }

    /// The edit once, then twice, in the words of `lookalike::how_code`.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Kind::Doubled => ("a letter doubled", "letters doubled"),
            Kind::Extra => ("an extra letter", "two extra letters"),
            Kind::ExtraL => ("an extra l", "two extra l's"),
            Kind::Missing => ("a missing letter", "a missing letter"),
            Kind::Swapped => ("two letters swapped", "two pairs of letters swapped"),
            Kind::LookAlike => ("a look-alike character", "two look-alike characters"),
            Kind::LForLetter => ("an l for a letter", "l's for two letters"),
            Kind::Changed => ("a letter changed", "a letter changed"),
        }
    }
}

/// How `written` differs from `name` by `ops`, in the words of `lookalike::how_code`: one edit, a letter
/// moved, `cl` for `d`, or the same edit twice ("letters doubled", "two extra letters"); two edits of other kinds are said
/// one by one, the second apart (`Edited::also`). Static words only: no formatting code in the wasm package
/// for this.
fn describe(written: &[u8], name: &[u8], ops: &[Op]) -> (&'static str, Option<&'static str>) {
    match *ops {
        [_, _] if moved(written, name) => ("a letter moved", None),
        [_, _] if cl_for_d(written, name) => ("`cl` for `d`", None),
        [a, b] => {
            let (a, b) = (Kind::of(written, a), Kind::of(written, b));
            if a == b {
                (a.words().1, None)
            } else {
                (a.words().0, Some(b.words().0))
            }
        }
        [op, ..] => (Kind::of(written, op).words().0, None),
        [] => ("", None),
    }
}

/// Whether `written` is `name` with one `d` written `cl` (`discorcl`), which side by side read as a `d` as `rn`
/// reads as `m`.
fn cl_for_d(written: &[u8], name: &[u8]) -> bool {
    written.len() == name.len() + 1
        && name.iter().enumerate().any(|(at, &letter)| {
            letter == b'd'
                && written[..at] == name[..at]
                && written[at..at + 2] == *b"cl"
                && written[at + 2..] == name[at + 1..]
        })
}

/// Whether `written` is `name` with one letter taken out and put in elsewhere (`dirscod` of `discord`): past
/// what they share at both ends, one is the other turned by one letter.
fn moved(written: &[u8], name: &[u8]) -> bool {
    if written.len() != name.len() {
        return false;
    }
    let front = written.iter().zip(name).take_while(|(w, n)| w == n).count();
    let back = written[front..]
        .iter()
        .rev()
        .zip(name[front..].iter().rev())
        .take_while(|(w, n)| w == n)
        .count();
    let (w, n) = (
        &written[front..written.len() - back],
        &name[front..name.len() - back],
    );
    let turned =
        |a: &[u8], b: &[u8]| a.len() >= 2 && a[0] == b[b.len() - 1] && a[1..] == b[..b.len() - 1];
    turned(w, n) || turned(n, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EditedNames {
        EditedNames::new(&[
            (1, "discord".to_string()),
            (2, "teamviewer".to_string()),
            (3, "whatsapp".to_string()),
            (4, "zoom".to_string()),
        ])
    }

    fn how(label: &str) -> Option<String> {
        table().check(label, false).map(|e| match e.also {
            Some(also) => format!("{} and {also}", e.how),
            None => e.how.to_string(),
        })
    }

    #[test]
    fn each_kind_of_edit_is_said_in_words() {
        // Invented labels.
        for (label, said) in [
            ("discorcd", "an extra letter"),
            ("diiscord", "a letter doubled"),
            ("dicord", "a missing letter"),
            ("dicsord", "two letters swapped"),
            ("dlscord", "a look-alike character"),
            ("dirscod", "a letter moved"),
            ("teamvlcwer", "two look-alike characters"),
            ("dicsorsd", "two letters swapped and an extra letter"),
            ("whaatsapp", "a letter doubled"),
            ("discorrdd", "letters doubled"),
            ("discorld", "an extra l"),
            ("dliscorld", "two extra l's"),
            ("whatsalp", "an l for a letter"),
            ("dlscold", "a look-alike character and an l for a letter"),
            ("teamvlewel", "a look-alike character and an l for a letter"),
            ("dilscold", "an extra l and an l for a letter"),
            ("discorcl", "`cl` for `d`"),
            // Letters from outside the name put in where every letter of the name stays.
            ("dicsorxd", "two letters swapped and an extra letter"),
            ("whatsxappy", "two extra letters"),
            ("wahtsapxp", "two letters swapped and an extra letter"),
        ] {
            assert_eq!(how(label).as_deref(), Some(said), "{label}");
        }
        assert_eq!(
            table().check("teamvlcwer", false).map(|e| e.vendor),
            Some(2)
        );
    }

    #[test]
    fn ordinary_words_and_other_shapes_stay_quiet() {
        for label in [
            // Another letter for one of the name's (`a` for `o`, `u` for `i`): other words and names.
            "discard",
            "discurd",
            // A letter from outside the name added, or two letters left out: other words.
            "dischord",
            // A letter from outside the name added beside an edit that loses one of the name's letters (changed,
            // left out), or three letters added.
            "dixcordx",
            "dicorxd",
            "whatsaxpyz",
            // A letter from outside the name put in right after its first (`past_the_gate` reads the second
            // letter first).
            "dxiscorxd",
            "disco",
            "whatsa",
            // The name itself run together with other letters: `brand_words` weighs those.
            "discordjs",
            "discords",
            // The first letter changed or left out: other words.
            "hiscord",
            "iscord",
            // Three edits.
            "dicsorsdd",
            "teamvlcwar",
            // Short names get no edits at all (`zoom` → `room`, `zoo`, `zoomy`).
            "zooom",
            "zom",
            // The name itself, and labels with digits or a hyphen (other rules read those).
            "discord",
            "disc0rd",
            "dis-cord",
            // `whatsup` is a phrase: `a` → `u` is no slip.
            "whatsup",
            // An `l` for the first letter, or with a third edit.
            "liscord",
            "dlscolld",
        ] {
            assert_eq!(how(label), None, "{label}");
        }
    }

    #[test]
    fn each_part_of_a_hyphenated_label_is_read() {
        let names = table();
        let part = |label: &'static str| {
            names
                .check_parts(label, false)
                .map(|(part, e)| (part, e.name.to_string()))
        };
        // Invented labels, the misspelt name first, last or between.
        assert_eq!(
            part("discorld-gift"),
            Some(("discorld", "discord".to_string()))
        );
        assert_eq!(
            part("free-dlscord"),
            Some(("dlscord", "discord".to_string()))
        );
        assert_eq!(
            part("a-whatsalp-web"),
            Some(("whatsalp", "whatsapp".to_string()))
        );
        assert_eq!(part("dicsord"), Some(("dicsord", "discord".to_string())));
        // The name itself, parts that are other words, a name cut in two (`split_name`'s).
        for label in [
            "discord-nitro",
            "disco-lord",
            "dis-cord",
            "free-gift",
            "-",
            "discorld2-x",
        ] {
            assert_eq!(part(label), None, "{label}");
        }
    }

    /// Every form of `name` one or two edits away (letters added, changed, left out, neighbours swapped).
    fn forms_within_two_edits(name: &[u8]) -> Vec<Vec<u8>> {
        let mut forms = vec![name.to_vec()];
        for _ in 0..2 {
            let mut next = Vec::new();
            for form in &forms {
                for at in 0..=form.len() {
                    for letter in b'a'..=b'z' {
                        let mut f = form.clone();
                        f.insert(at, letter);
                        next.push(f);
                        if at < form.len() {
                            let mut f = form.clone();
                            f[at] = letter;
                            next.push(f);
                        }
                    }
                    if at < form.len() {
                        let mut f = form.clone();
                        f.remove(at);
                        next.push(f);
                    }
                    if at + 1 < form.len() {
                        let mut f = form.clone();
                        f.swap(at, at + 1);
                        next.push(f);
                    }
                }
            }
            forms.extend(next);
        }
        forms
    }

    #[test]
    fn the_letter_set_comparison_lets_through_everything_within_two_edits() {
        let names = table();
        // `candidates` (first letter, length, letters) never drops what the edits allow: every form one or two
        // edits from the name that `edits` and the readable-edit rule accept is found by `check`.
        let name = b"discord";
        let allowed = names
            .names
            .iter()
            .find(|n| n.text == "discord")
            .unwrap()
            .allowed;
        let mut found = 0;
        for form in forms_within_two_edits(name) {
            let label = String::from_utf8(form).unwrap();
            let Some(found_ops) = edits(label.as_bytes(), name, 2) else {
                continue;
            };
            let ops = found_ops.ops();
            let readable = ops.iter().all(|op| match *op {
                Op::Added(at) => {
                    name.contains(&label.as_bytes()[at]) || label.as_bytes()[at] == b'l'
                }
                Op::Swapped => true,
                Op::Changed(w, n) => look_alike(w, n) || w == b'l',
                Op::Missing => ops.len() == 1,
            }) || moved(label.as_bytes(), name)
                || (ops.len() == 2
                    && all_letters_kept(ops)
                    && allowed & LETTER_BITS[usize::from(label.as_bytes()[1])] != 0);
            let whole = label
                .as_bytes()
                .windows(name.len())
                .any(|part| part == name);
            if !ops.is_empty() && readable && !whole {
                assert!(names.check(&label, false).is_some(), "{label}");
                found += 1;
            }
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn the_screen_gate_lets_through_every_label_check_takes() {
        let names = table();
        // Every host shape the gate reads differently: short hosts (byte by byte), `www.`, a label longer than
        // the window leaves room for, `http://` and a port after the host. (A host that ends with its `.` never
        // reaches the gate: the screen's host table sends it to the full path.)
        let hosts = |label: &str| {
            [
                format!("https://{label}.com"),
                format!("https://www.{label}.de"),
                format!("http://a.b.{label}.io/"),
                format!("https://{label}.photography"),
                format!("https://x.{label}.c:8080"),
                // A part of a hyphenated label: first, last, between, after a long part, under an IDN ending.
                format!("https://{label}-nitro.ru"),
                format!("https://www.gift-{label}.com"),
                format!("https://a.free-{label}-gift-for-you.de/"),
                format!("https://{label}-{}.com", "x".repeat(40)),
                format!("https://{}-{label}.com", "x".repeat(40)),
                format!("https://{label}-x.xn--p1ai"),
                // Under a country's ending of two (session 47): alone, after `www.`, as a part, after a long
                // part, a second label of one to five letters.
                format!("https://{label}.co.uk"),
                format!("https://www.{label}.com.cn"),
                format!("https://{label}-app.com.au/"),
                format!("https://app-{label}.org.uk"),
                format!("https://{}-{label}.co.uk", "x".repeat(40)),
                format!("https://a.{label}.gouv.fr"),
                format!("https://{label}.c.de:443"),
            ]
        };
        let mut taken = 0;
        for name in [&b"discord"[..], b"teamviewer", b"whatsapp"] {
            for form in forms_within_two_edits(name) {
                let label = String::from_utf8(form).unwrap();
                if names.check(&label, false).is_none() {
                    continue;
                }
                taken += 1;
                for url in hosts(&label) {
                    let start = url.find("//").unwrap() + 2;
                    let end = url.rfind(':').filter(|&at| at > 6).unwrap_or(url.len());
                    let end = if url.ends_with('/') { end - 1 } else { end };
                    assert!(names.may_be_edited(url.as_bytes(), start, end), "{url}");
                }
            }
        }
        assert!(taken > 300, "{taken}");
        // Ordinary hosts stay out: other first letters, lengths or letters, a country's two-label ending with an
        // ordinary label or a second label too long to read past (`police.uk`), no label.
        for url in [
            "https://www.google.com",
            "https://duolingo.com",
            "https://www.wikipedia.org",
            "https://whatever.com",
            "https://tripadvisor.com",
            "https://www.bbc.co.uk",
            "https://www.theguardian.co.uk",
            "https://news.google.com.au",
            "https://dicsord.police.uk",
            "https://dicsord.k12.ma.us",
            "https://co.uk",
            "https://discorcd",
            "https://localhost",
            "http://com",
            "https://www.d.com",
            "https://my-company-name.com",
            "https://free-nitro-gift.com",
            "https://discorcd.a-b",
        ] {
            let start = url.find("//").unwrap() + 2;
            assert!(
                !names.may_be_edited(url.as_bytes(), start, url.len()),
                "{url}"
            );
        }
    }

    #[test]
    fn a_country_second_level_is_read_past_as_the_windows_read_it() {
        for suffix in ["co.uk", "com.cn", "com.au", "org.uk", "gouv.fr", "ac.jp"] {
            assert!(is_country_second_level(suffix), "{suffix}");
            let host = format!("/x.{suffix}");
            assert_eq!(country_ending(host.as_bytes()), Some(host.len() - 3));
        }
        // A longer second label, three labels, one, a private suffix, a digit first, a `-`.
        for suffix in [
            "police.uk",
            "pvt.k12.ma.us",
            "uk",
            "blogspot.com",
            "github.io",
            "1co.uk",
            "c-o.uk",
            "co.u-",
        ] {
            assert!(!is_country_second_level(suffix), "{suffix}");
        }
        // Not after the host's first `/`: `co.uk` is no registrable label's ending there.
        assert_eq!(country_ending(b"/co.uk"), None);
    }

    #[test]
    fn the_window_look_agrees_with_the_byte_by_byte_one() {
        let names = table();
        // Invented hosts of labels in reach of a name or near it, short and long ones, so that the separators
        // fall at every place of the window, with none, one or many in it.
        let pieces = [
            "discorcd",
            "dicsord",
            "teamvlcwer",
            "whatsap",
            "whatsappp",
            "www",
            "d",
            "x",
            "disc",
            "ord",
            "1",
            "-",
            "_",
            "com",
            "de",
            "photography",
            "abcdefghijklmnop",
            "xn--p1ai",
            "dlscold",
            "nitro",
            "co",
            "uk",
            "gouv",
        ];
        let mut numbers = crate::Numbers(0x9e37_79b9_7f4a_7c15);
        let mut passed = 0;
        for _ in 0..20_000 {
            let labels: Vec<String> = (0..1 + numbers.below(4))
                .map(|_| {
                    (0..1 + numbers.below(3))
                        .map(|_| pieces[numbers.below(pieces.len())])
                        .collect()
                })
                .collect();
            let url = format!("https://{}", labels.join("."));
            let fast = names.may_be_edited(url.as_bytes(), "https://".len(), url.len());
            assert_eq!(
                fast,
                names.may_be_edited_slowly(url.as_bytes(), url.len()),
                "{url}"
            );
            passed += usize::from(fast);
        }
        assert!(passed > 100, "{passed}");
    }
}
