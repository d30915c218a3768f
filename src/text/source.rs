//! Scannable text with its way back to the file: decoding (quoted-printable, iCalendar folding, HTML) changes
//! offsets, and findings must name the line of the file as given, so every segment carries a line map.

use std::borrow::Cow;
use std::ops::Range;

use super::html::BLOCK;

/// How an offset in a segment's text maps to a 1-based line of the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineMap {
    /// The text is the file's own bytes from line `first` on, newlines included: lines are counted.
    Counted { first: usize },
    /// Decoded text: sorted `(offset, line)` points; an offset lies on the line of the last point at or before
    /// it (before the first point: that point's line).
    Points(Vec<(usize, usize)>),
    /// All of the text is reported on one line (a base64 part, on its first body line).
    Fixed(usize),
}

/// A piece of text to scan, and the link targets found beside it (HTML `href`s).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment<'a> {
    pub text: Cow<'a, str>,
    pub lines: LineMap,
    pub hrefs: Vec<Href>,
    /// The targets of `hrefs`, one after another (`Segment::target`): one string for all of a part's links,
    /// where a `String` each was an allocation and a free per link (a newsletter has one in every block).
    pub targets: String,
    /// The lines of documents inside this one that were not read: an `<iframe srcdoc>` nested deeper than the
    /// HTML reader goes (`html::FRAME_DEPTH`), each a `part-not-read` finding.
    pub unread: Vec<usize>,
}

/// A link target from markup: where it sits among the text (for order and nearby links) and the file line of
/// the attribute itself, which may differ from the line of the text at that offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Href {
    /// Its bytes in the segment's `targets`.
    pub target: Range<usize>,
    pub offset: usize,
    pub line: usize,
}

impl<'a> Segment<'a> {
    pub fn counted(text: impl Into<Cow<'a, str>>, first: usize) -> Segment<'a> {
        Segment::plain(text, LineMap::Counted { first })
    }

    /// Text without markup, so without link targets beside it (plain text, a header, a calendar).
    pub fn plain(text: impl Into<Cow<'a, str>>, lines: LineMap) -> Segment<'a> {
        Segment {
            text: text.into(),
            lines,
            hrefs: Vec::new(),
            targets: String::new(),
            unread: Vec::new(),
        }
    }

    /// The segment with its text owned (a part decoded from bytes that do not outlive it).
    pub fn into_owned(self) -> Segment<'static> {
        Segment {
            text: self.text.into_owned().into(),
            lines: self.lines,
            hrefs: self.hrefs,
            targets: self.targets,
            unread: self.unread,
        }
    }

    /// The target of one of the segment's `hrefs`.
    pub fn target(&self, href: &Href) -> &str {
        &self.targets[href.target.clone()]
    }

    /// Joins this segment to the end of a text being built, after a line feed: its text to `text`, its links
    /// to `hrefs` and `targets` and its unread documents to `unread`, its offsets moved along; returns its line
    /// points moved along, with one where its text starts. A mail's calendar part joins its HTML values so
    /// (`ics::calendar_segment`), the HTML converter a frame's document (`<iframe srcdoc>`).
    pub fn join_to(
        self,
        text: &mut String,
        (hrefs, targets): (&mut Vec<Href>, &mut String),
        unread: &mut Vec<usize>,
    ) -> Vec<(usize, usize)> {
        text.push('\n');
        let base = text.len();
        let own = self.lines.into_points(&self.text);
        let mut points = Vec::with_capacity(own.len() + 1);
        if let Some(&(_, line)) = own.first().filter(|p| p.0 > 0) {
            points.push((base, line));
        }
        points.extend(own.into_iter().map(|(at, line)| (base + at, line)));
        let moved = targets.len();
        targets.push_str(&self.targets);
        hrefs.extend(self.hrefs.into_iter().map(|href| Href {
            target: moved + href.target.start..moved + href.target.end,
            offset: base + href.offset,
            line: href.line,
        }));
        unread.extend(self.unread);
        text.push_str(&self.text);
        points
    }
}

impl LineMap {
    /// The map as `(offset, line)` points of `text`, the text it maps.
    pub fn into_points(self, text: &str) -> Vec<(usize, usize)> {
        match self {
            LineMap::Points(points) => points,
            LineMap::Fixed(line) => vec![(0, line)],
            LineMap::Counted { first } => std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .enumerate()
                .map(|(k, at)| (at, first + k))
                .collect(),
        }
    }
}

/// A step to a line (in bytes) short enough that the cursor looks ahead for the next newline.
const DENSE: usize = 256;

/// Resolves offsets to lines, front to back: counting newlines costs only the distance walked.
pub struct LineCursor<'m> {
    map: &'m LineMap,
    text: &'m [u8],
    offset: usize,
    line: usize,
    point: usize,
    /// `Counted`: no newline lies in `offset..newline`, so an offset up to it is on `line` without counting.
    /// Dense callers (the calendar unfolder, a line at a time) would otherwise pay a count call each, about
    /// 60 instructions (when the HTML converter still asked here at every tag and text run, a tenth of an
    /// mbox scan with HTML parts under callgrind; it now counts its own lines).
    newline: usize,
    /// Whether the last step that crossed a newline was short (at most `DENSE` bytes).
    short: bool,
}

impl<'m> LineCursor<'m> {
    pub fn new(map: &'m LineMap, text: &'m [u8]) -> LineCursor<'m> {
        let line = match map {
            LineMap::Counted { first } => *first,
            LineMap::Points(points) => points.first().map_or(1, |p| p.1),
            LineMap::Fixed(line) => *line,
        };
        LineCursor {
            map,
            text,
            offset: 0,
            line,
            point: 0,
            newline: 0,
            short: false,
        }
    }

    /// The line of `offset`. Offsets should come in increasing order; an earlier one restarts the walk.
    ///
    /// Inline, the case of decoded text whose offset lies before the next point (the same line as the last
    /// answer): the HTML converter asks at every line feed and block tag of a quoted-printable or base64 part,
    /// and the call alone (about 24 instructions) was 2.1 M of the 41.0 M instructions of `make
    /// bench-instructions`' mbox of encoded mail under callgrind.
    #[inline]
    pub fn line_at(&mut self, offset: usize) -> usize {
        if let LineMap::Points(points) = self.map {
            if offset >= self.offset
                && points
                    .get(self.point + 1)
                    .is_none_or(|&(next, _)| next > offset)
            {
                if let Some(&(_, line)) = points.get(self.point) {
                    self.offset = offset;
                    return line;
                }
            }
        }
        self.line_walked(offset)
    }

    /// `line_at` when the cursor has to move (or count).
    #[inline(never)]
    fn line_walked(&mut self, offset: usize) -> usize {
        match self.map {
            LineMap::Fixed(line) => *line,
            LineMap::Counted { first } => {
                let offset = offset.min(self.text.len());
                if offset < self.offset {
                    self.offset = 0;
                    self.line = *first;
                    self.newline = 0;
                }
                if offset > self.newline {
                    self.line += count_newlines(&self.text[self.offset..offset]);
                    // Only the second short step in a row looks ahead: callers that ask densely (tag to tag)
                    // ask again before the next newline; sparse ones (subject to body, finding to finding)
                    // would pay the search for nothing (+0.4 % on an mbox of plain mail when every short
                    // step looked).
                    let short = offset - self.offset <= DENSE;
                    let dense = short && self.short;
                    self.short = short;
                    self.newline = if dense {
                        memchr::memchr(b'\n', &self.text[offset..])
                            .map_or(self.text.len(), |i| offset + i)
                    } else {
                        offset
                    };
                }
                self.offset = offset;
                self.line
            }
            LineMap::Points(points) => {
                if points.is_empty() {
                    return self.line;
                }
                if offset < self.offset {
                    self.point = 0;
                }
                self.offset = offset;
                while self.point + 1 < points.len() && points[self.point + 1].0 <= offset {
                    self.point += 1;
                }
                points[self.point].1
            }
        }
    }
}

/// Counts `\n` bytes (`pair_filter::count_byte`: AVX2 natively where the CPU has it, short spans included; byte
/// counters in wasm with `simd128`; else a plain loop for short spans and memchr's counter for long ones).
pub fn count_newlines(bytes: &[u8]) -> usize {
    super::pair_filter::count_byte(bytes, b'\n')
}

/// Builds a `Points` map while text is being decoded: records a point only when the line changes.
#[derive(Debug, Default)]
pub struct PointsBuilder {
    points: Vec<(usize, usize)>,
}

impl PointsBuilder {
    /// A builder with room for every point that converting `text` (its lines given by `map`) can mark: lines
    /// only move forward, so there is at most one point a line. Growing the vector one push at a time was 1.4 %
    /// of an mbox scan with HTML parts (4,400 reallocations under callgrind).
    pub fn for_text(map: &LineMap, text: &[u8]) -> PointsBuilder {
        let lines = match map {
            LineMap::Counted { .. } => count_newlines(text) + 1,
            LineMap::Points(points) => points.len() + 1,
            LineMap::Fixed(_) => 1,
        };
        PointsBuilder {
            points: Vec::with_capacity(lines),
        }
    }

    /// Text written from `offset` on comes from `line`.
    pub fn mark(&mut self, offset: usize, line: usize) {
        match self.points.last_mut() {
            Some(last) if last.1 == line => {}
            Some(last) if last.0 == offset => last.1 = line,
            _ => self.points.push((offset, line)),
        }
    }

    pub fn finish(self) -> LineMap {
        LineMap::Points(self.points)
    }
}

/// Character sets decoded with exact offsets. Others are left to mail-parser (with a coarser line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Without the `mail` feature only UTF-8 is read (no charset labels to look up).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
pub enum Charset {
    Utf8,
    /// ISO 8859-1, and Windows-1252 where it differs (0x80–0x9F), which mail clients send under either name.
    Latin1,
}

impl Charset {
    #[cfg_attr(not(feature = "mail"), allow(dead_code))]
    pub fn from_label(label: &str) -> Option<Charset> {
        const UTF8: &[&str] = &["utf-8", "utf8", "us-ascii", "ascii", ""];
        const LATIN1: &[&str] = &[
            "iso-8859-1",
            "iso8859-1",
            "latin1",
            "latin-1",
            "l1",
            "windows-1252",
            "cp1252",
            "iso-8859-15",
            "latin9",
        ];
        // Compared in place (once or twice a mail part): no lower-cased copy.
        let label = label.trim();
        let is_one_of = |names: &[&str]| names.iter().any(|n| label.eq_ignore_ascii_case(n));
        if is_one_of(UTF8) {
            Some(Charset::Utf8)
        } else if is_one_of(LATIN1) {
            Some(Charset::Latin1)
        } else {
            None
        }
    }
}

/// Windows-1252 characters at 0x80–0x9F (undefined positions become U+FFFD): a Latin-1 mail part's bytes, and
/// `html`'s numeric references there.
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
    '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}',
    'ž', 'Ÿ',
];

/// A document saved as UTF-16 (Windows' "Unicode" text, some calendar and mail exports) as UTF-8: with its
/// byte-order mark, taken off, or without one where its first code units show it (`utf16_order`; then the
/// `bool` is `true`: a guess, which the caller checks against the bytes as they are); `None` for anything
/// else. Read as UTF-8 it was every other byte a NUL and no link found, with no word said.
pub fn from_utf16(bytes: &[u8]) -> Option<(String, bool)> {
    let (little, from) = match bytes.get(..2)? {
        [0xFF, 0xFE] => (true, 2),
        [0xFE, 0xFF] => (false, 2),
        [0, _] | [_, 0] => (utf16_order(bytes)?, 0),
        _ => return None,
    };
    let sniffed = from == 0;
    let units = bytes[from..].chunks(2).map(|pair| match (pair, little) {
        (&[a, b], true) => u16::from_le_bytes([a, b]),
        (&[a, b], false) => u16::from_be_bytes([a, b]),
        // An odd last byte: no character.
        _ => 0xFFFD,
    });
    let text = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some((text, sniffed))
}

/// Whether `bytes`, which have no byte-order mark and a NUL in their first two, are UTF-16 text, and in which
/// order (`Some(true)`: little-endian): of their first 256 code units (at least 8), none is U+0000 and seven in
/// eight have one byte zero, on the same side, as text in a Latin script has (`Meeting` is `M\0e\0…` in
/// little-endian). Text in UTF-16 whose first units are mostly of other scripts (`会议`, no zero byte) is still
/// read as bytes. A guess a crafted file can pass (units of blanks, then a link in UTF-8, which a browser shows:
/// session 44's review), so the scan reads such a file both ways (`Scanner::scan_document`). Looser than
/// Firefox's one such rule (`nsHtml5StreamParser::SniffBOMlessUTF16BasicLatin`: every unit of the first 1,024
/// bytes zero on one side, not on the other), which refuses text with a `’` (U+2019) among them, as Outlook's
/// and Word's text has.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    let units: Vec<[u8; 2]> = bytes
        .chunks_exact(2)
        .take(256)
        .map(|u| [u[0], u[1]])
        .collect();
    if units.len() < 8 || units.contains(&[0, 0]) {
        return None;
    }
    let little = bytes[1] == 0;
    let zero_side = units.iter().filter(|u| u[usize::from(little)] == 0).count();
    (zero_side * 8 >= units.len() * 7).then_some(little)
}

/// Text from bytes, invalid UTF-8 replaced: valid text (nearly all of it) is checked by `utf8` and borrowed;
/// `String::from_utf8_lossy` alone walks `Utf8Chunks` a byte at a time (a quarter of an mbox scan's
/// instructions under callgrind before this).
pub fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match utf8(bytes) {
        Some(text) => Cow::Borrowed(text),
        None => String::from_utf8_lossy(bytes),
    }
}

/// `str::from_utf8(bytes).ok()`: ASCII is passed over, and only the characters that are not ASCII are checked,
/// found by a mask a block of 64 bytes (`checked_blocks`) and in the last bytes one after another
/// (`next_non_ascii`). `str::from_utf8`'s own ASCII path reads two words a step and was 0.75
/// instructions a byte of an mbox of mail under callgrind, about a tenth of the scan. No dependency
/// (`simdutf8`) for a check that mail, mostly ASCII, rarely leaves.
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    let mut at = checked_blocks(bytes)?;
    while let Some(other) = next_non_ascii(bytes, at) {
        at = other + valid_at(bytes, other)?;
    }
    // SAFETY: every byte is ASCII, or in a character checked above (a two-byte one by its pattern, others by
    // `str::from_utf8`), each starting after ASCII or after a checked character, so the whole is valid UTF-8.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// How many bytes of valid UTF-8 start at `other` (a byte that is not ASCII), at least its character; `None`
/// when no character starts there. A two-byte character (Latin letters: `é`, `ü`) is told here, other lengths
/// by `str::from_utf8` on at most four bytes, of which a valid character is a valid start (and what is valid
/// after it is passed over with it).
#[inline(always)]
fn valid_at(bytes: &[u8], other: usize) -> Option<usize> {
    if let [0xC2..=0xDF, 0x80..=0xBF, ..] = bytes[other..] {
        return Some(2);
    }
    let end = (other + 4).min(bytes.len());
    match std::str::from_utf8(&bytes[other..end]) {
        Ok(_) => Some(end - other),
        Err(e) if e.valid_up_to() > 0 => Some(e.valid_up_to()),
        Err(_) => None,
    }
}

/// `utf8`'s check of the whole blocks of 64 bytes from the start: a mask of the bytes that are not ASCII a
/// block (`block_mask`), and each character checked from its bit (`valid_at`), its bytes' bits then cleared; where
/// the checked bytes end (a character's start, fewer than 64 bytes before the end), or `None` for invalid
/// UTF-8. Finding each such byte from the one before (`next_non_ascii`, a block test and then 16 bytes a step,
/// from the character on) cost about 0.45 instructions a byte of an mbox's plain bodies under callgrind (`make
/// bench-instructions`): French and German mail has a letter that is not ASCII every few words.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn checked_blocks(bytes: &[u8]) -> Option<usize> {
    use super::html::{block_mask, Marks};
    let mut at = 0;
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let mut high = block_mask(block, Marks::NotAscii);
        if high == 0 {
            at += BLOCK;
            continue;
        }
        // Where the next block starts: past the block, or past a character that crosses its end.
        let mut next = at + BLOCK;
        while high != 0 {
            let other = at + high.trailing_zeros() as usize;
            let after = other + valid_at(bytes, other)?;
            high = u64::MAX
                .checked_shl((after - at) as u32)
                .map_or(0, |keep| high & keep);
            next = next.max(after);
        }
        at = next;
    }
    Some(at)
}

/// No whole blocks checked apart without SSE2: `utf8` finds each byte that is not ASCII (`next_non_ascii`).
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn checked_blocks(_: &[u8]) -> Option<usize> {
    Some(0)
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Where the first byte that is not ASCII lies in `bytes` from `at` on, where fewer than 64 bytes are left
/// (`checked_blocks` has checked the blocks before): with SSE2 (every x86-64) 16 bytes a step. Its own test of
/// whole 64-byte blocks (four loads OR'ed) went with session 35: `checked_blocks` leaves it none.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub fn next_non_ascii(bytes: &[u8], mut at: usize) -> Option<usize> {
    use std::arch::x86_64::{_mm_loadu_si128, _mm_movemask_epi8};
    // SAFETY (each block below): SSE2 is in this build (`cfg` above), which is all the intrinsics require;
    // each load reads 16 bytes of the slice it is given, with no alignment requirement (`_mm_loadu_si128`).
    while let Some(chunk) = bytes.get(at..at + 16) {
        let high = unsafe { _mm_movemask_epi8(_mm_loadu_si128(chunk.as_ptr().cast())) };
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize);
        }
        at += 16;
    }
    // The last bytes (fewer than 16): the text's last 16 bytes, those before `at` shifted out, where there are
    // 16 (a byte loop there was about 0.08 instructions a byte of an mbox of plain mail under callgrind: every
    // body and Subject ends so).
    if let Some(last) = bytes.len().checked_sub(16) {
        let high = unsafe { _mm_movemask_epi8(_mm_loadu_si128(bytes[last..].as_ptr().cast())) };
        // `at` is past `last` (fewer than 16 bytes after it) and at most the text's end, 16 bytes after `last`.
        let high = (high as u32) >> (at - last);
        return (high != 0).then(|| at + high.trailing_zeros() as usize);
    }
    bytes
        .get(at..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| at + i)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub fn next_non_ascii(bytes: &[u8], at: usize) -> Option<usize> {
    next_non_ascii_words(bytes, at)
}

/// `next_non_ascii` without vector instructions: a block of 64 bytes at a time (eight words OR'ed, one test of
/// their high bits), then a word at a time, then the last few bytes one by one.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn next_non_ascii_words(bytes: &[u8], mut at: usize) -> Option<usize> {
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().expect("8 bytes"));
    let blocks = bytes
        .get(at..)?
        .chunks_exact(BLOCK)
        .take_while(|block| block.chunks_exact(8).fold(0, |all, w| all | word(w)) & HIGH_BITS == 0)
        .count();
    at += blocks * BLOCK;
    let words = bytes[at..].chunks_exact(8);
    let tail = at + words.len() * 8;
    words
        .enumerate()
        .find_map(|(k, w)| {
            let high = word(w) & HIGH_BITS;
            (high != 0).then(|| at + k * 8 + high.trailing_zeros() as usize / 8)
        })
        .or_else(|| {
            bytes[tail..]
                .iter()
                .position(|b| !b.is_ascii())
                .map(|i| tail + i)
        })
}

/// Decodes bytes to text (invalid UTF-8 replaced, never rejected) and moves the `(offset, line)` points of
/// the bytes to the matching offsets of the text. Valid UTF-8 is taken over as it is: no copy, and the points
/// stay where they are (capped at the end, as the general path does).
pub fn decode_text(
    bytes: Vec<u8>,
    charset: Charset,
    points: &[(usize, usize)],
) -> (String, LineMap) {
    // Valid UTF-8 told by `utf8` (ASCII skipped 64 bytes a step), not `String::from_utf8`: its check was 0.86 M
    // of the 41.0 M instructions of `make bench-instructions`' mbox of encoded mail (decoded quoted-printable
    // and base64 HTML) under callgrind.
    if charset == Charset::Utf8 && utf8(&bytes).is_some() {
        let len = bytes.len();
        // SAFETY: `utf8` just found every byte of `bytes` in a valid character.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        let kept = points.iter().map(|&(at, line)| (at.min(len), line));
        return (text, LineMap::Points(kept.collect()));
    }
    // Latin-1 text that happens to be valid UTF-8 is still Latin-1 (`Ã©` stays two characters).
    let bytes = bytes.as_slice();
    let mut out = String::with_capacity(bytes.len());
    let mut moved = Vec::with_capacity(points.len());
    let mut next = 0;
    // Points at input offsets up to `input` (exclusive) land at `out.len() + (offset - base)`, capped.
    let mut place = |input_end: usize, base: usize, out_len: usize, width: usize| {
        while next < points.len() && points[next].0 < input_end {
            let within = (points[next].0 - base).min(width);
            moved.push((out_len + within, points[next].1));
            next += 1;
        }
    };
    match charset {
        Charset::Utf8 => {
            let mut input = 0;
            for chunk in bytes.utf8_chunks() {
                let valid = chunk.valid();
                place(input + valid.len(), input, out.len(), valid.len());
                out.push_str(valid);
                input += valid.len();
                if !chunk.invalid().is_empty() {
                    place(input + chunk.invalid().len(), input, out.len(), 0);
                    out.push(char::REPLACEMENT_CHARACTER);
                    input += chunk.invalid().len();
                }
            }
        }
        Charset::Latin1 => {
            for (input, &b) in bytes.iter().enumerate() {
                place(input + 1, input, out.len(), 0);
                out.push(match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                });
            }
        }
    }
    place(usize::MAX, bytes.len(), out.len(), 0);
    (out, LineMap::Points(moved))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_lines_walk_forward_and_restart() {
        let text = "a\nb\nc";
        let map = LineMap::Counted { first: 10 };
        let mut cursor = LineCursor::new(&map, text.as_bytes());
        assert_eq!(cursor.line_at(0), 10);
        assert_eq!(cursor.line_at(2), 11);
        assert_eq!(cursor.line_at(4), 12);
        assert_eq!(cursor.line_at(1), 10);
    }

    #[test]
    fn newlines_are_counted_in_every_chunk() {
        let text: Vec<u8> = (0..20_000)
            .map(|i| if i % 7 == 0 { b'\n' } else { b'x' })
            .collect();
        for len in [0, 1, 31, 32, 33, 8159, 8160, 8161, 20_000] {
            let expected = text[..len].iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&text[..len]), expected, "{len} bytes");
        }
    }

    /// Both searches for the next byte that is not ASCII find it, from every start, with it at and across the
    /// edges of their blocks, vectors and words.
    #[test]
    fn non_ascii_searches_agree() {
        for len in [0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 80, 127, 128, 129, 200] {
            for other in (0..=len).chain([usize::MAX]) {
                let mut bytes = vec![b'x'; len];
                if let Some(b) = bytes.get_mut(other) {
                    *b = 0xC3;
                }
                for at in 0..=len {
                    let expected = bytes[at..]
                        .iter()
                        .position(|b| !b.is_ascii())
                        .map(|i| at + i);
                    assert_eq!(next_non_ascii(&bytes, at), expected, "{len} {other} {at}");
                    assert_eq!(
                        next_non_ascii_words(&bytes, at),
                        expected,
                        "{len} {other} {at}"
                    );
                }
            }
        }
    }

    /// `utf8` agrees with `str::from_utf8` with characters and broken sequences at and across the edges of its
    /// ASCII blocks and words, alone and two at a time.
    #[test]
    fn utf8_agrees_with_the_standard_check() {
        let pieces: &[&[u8]] = &[
            "\u{e9}".as_bytes(),
            "\u{20ac}".as_bytes(),
            "\u{1f600}".as_bytes(),
            b"\xFF",
            b"\x80",
            b"\xC3",
            b"\xC1\xBF",
            b"\xE2\x82",
            b"\xF0\x9F\x98",
            b"\xED\xA0\x80",
            b"\xC0\xAF",
        ];
        for len in [0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 200] {
            for at in (0..=len).filter(|at| len < 70 || at % 61 < 5 || at + 4 > len) {
                for a in pieces {
                    for b in pieces.iter().chain([&&b""[..]]) {
                        let mut text = vec![b'x'; len];
                        text.splice(at..at, a.iter().chain(b.iter()).copied());
                        // A long run of other characters after: many checked one after another.
                        let mut long = text.clone();
                        long.extend("\u{e9}".repeat(50).bytes());
                        for bytes in [&text, &long] {
                            assert_eq!(utf8(bytes), std::str::from_utf8(bytes).ok(), "{bytes:?}");
                        }
                    }
                }
            }
        }
    }

    /// `utf8` agrees with `str::from_utf8` on every pair of bytes after a character that is not ASCII, at and
    /// beside the edges of its 64-byte blocks, and on generated text of ASCII, two-byte characters, longer ones
    /// and broken sequences in every mix, up to four blocks long.
    #[test]
    fn utf8_agrees_on_generated_text() {
        for x in 0x80..=0xFFu8 {
            for y in 0..=0xFFu8 {
                for pad in (0..4).chain(58..64) {
                    let mut text = "\u{e9}".as_bytes().to_vec();
                    text.resize(2 + pad, b'a');
                    text.extend_from_slice(&[x, y]);
                    text.extend("\u{fc}".repeat(40).bytes());
                    assert_eq!(utf8(&text), std::str::from_utf8(&text).ok(), "{text:?}");
                }
            }
        }
        let pieces: &[&[u8]] = &[
            b"x",
            b"abcdefg ",
            "\u{e9}".as_bytes(),
            "\u{fc}".as_bytes(),
            "\u{7ff}".as_bytes(),
            "\u{80}".as_bytes(),
            "\u{20ac}".as_bytes(),
            "\u{1f600}".as_bytes(),
            // Lone bytes at and beside the edges of the ranges of leads and continuations.
            b"\x80",
            b"\xBF",
            b"\xC0",
            b"\xC1",
            b"\xC2",
            b"\xDF",
            b"\xE0",
            b"\xF4",
            b"\xFF",
        ];
        let mut numbers = crate::Numbers(0x2545_F491_4F6C_DD1D);
        for round in 0..20_000 {
            let mut text = vec![b'a'; numbers.below(20)];
            let mut broken = round % 3 == 0;
            while text.len() < 8 + round % 250 {
                // Mostly valid pieces: long valid runs, so that the blocks get far before a broken one.
                let piece = pieces[numbers.below(if broken { pieces.len() } else { 8 })];
                broken |= numbers.below(200) == 0;
                text.extend_from_slice(piece);
            }
            assert_eq!(utf8(&text), std::str::from_utf8(&text).ok(), "{text:?}");
        }
    }

    #[test]
    fn decoding_moves_points() {
        let (text, map) = decode_text(b"ab\xE9\ncd".to_vec(), Charset::Latin1, &[(0, 1), (4, 2)]);
        assert_eq!(text, "abé\ncd");
        assert_eq!(map, LineMap::Points(vec![(0, 1), (5, 2)]));
        let (text, map) = decode_text(b"a\xFFb\nc".to_vec(), Charset::Utf8, &[(0, 1), (4, 2)]);
        assert_eq!(text, "a\u{FFFD}b\nc");
        assert_eq!(map, LineMap::Points(vec![(0, 1), (6, 2)]));
        // Valid UTF-8 is taken over: points stay, those past the end are capped at it (as the general path).
        let (text, map) = decode_text(b"ab\ncd".to_vec(), Charset::Utf8, &[(0, 1), (3, 2), (9, 3)]);
        assert_eq!(text, "ab\ncd");
        assert_eq!(map, LineMap::Points(vec![(0, 1), (3, 2), (5, 3)]));
        // Latin-1 that is also valid UTF-8 is still read as Latin-1.
        let (text, _) = decode_text("é".as_bytes().to_vec(), Charset::Latin1, &[(0, 1)]);
        assert_eq!(text, "\u{c3}\u{a9}");
        assert_eq!(lossy(b"a\xFFb"), "a\u{FFFD}b");
        assert!(matches!(lossy(b"ab"), Cow::Borrowed("ab")));
    }

    #[test]
    fn points_pick_the_last_point_before() {
        let mut builder = PointsBuilder::default();
        builder.mark(0, 3);
        builder.mark(5, 3);
        builder.mark(5, 4);
        builder.mark(9, 7);
        let map = builder.finish();
        assert_eq!(map, LineMap::Points(vec![(0, 3), (5, 4), (9, 7)]));
        let mut cursor = LineCursor::new(&map, b"");
        assert_eq!(cursor.line_at(4), 3);
        assert_eq!(cursor.line_at(5), 4);
        assert_eq!(cursor.line_at(100), 7);
        assert_eq!(cursor.line_at(0), 3);
    }
}
