//! HTML to scannable text: tags dropped (block tags become line breaks, table cells tabs, so that "Meeting
//! ID" and its value stay apart from the next row), entities decoded, `script`/`style`/comments skipped, and
//! `href` targets collected. A small tokenizer rather than a DOM crate: invitations are flat, the text must
//! keep its way back to the file's lines, and it has to stay cheap in wasm.

use super::source::{
    count_newlines, Href, LineCursor, LineMap, PointsBuilder, Segment, CP1252_HIGH,
};

mod entities;
#[cfg(test)]
mod reference;

/// What the converter does at a tag, by its lower-cased name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    /// Dropped.
    Inline,
    /// Text after it reads as a new line.
    Block,
    /// A table cell: a tab.
    Cell,
    /// Its content is not text for the reader: skipped to its end tag.
    Raw,
}

/// The role of a tag name and what the tag navigates by (`Navigation`). A `match` rather than a list: it was
/// looked up for every tag, a string comparison per entry (under callgrind a tenth of the HTML conversion of a
/// newsletter). One `match` for both: a second one for the navigation of every tag with attributes cost 0.4 %
/// of `make bench-instructions`' mbox of mail with HTML parts (session 43).
fn role(name: &[u8]) -> (Role, Navigation) {
    let role = match name {
        b"address" | b"article" | b"aside" | b"blockquote" | b"br" | b"dd" | b"div" | b"dl"
        | b"dt" | b"fieldset" | b"figcaption" | b"figure" | b"footer" | b"h1" | b"h2" | b"h3"
        | b"h4" | b"h5" | b"h6" | b"header" | b"hr" | b"li" | b"main" | b"nav" | b"ol" | b"p"
        | b"pre" | b"section" | b"table" | b"tbody" | b"thead" | b"tfoot" | b"title" | b"tr"
        | b"ul" => Role::Block,
        b"td" | b"th" => Role::Cell,
        b"script" | b"style" | b"template" | b"noscript" => Role::Raw,
        b"form" => return (Role::Block, Navigation::Form),
        b"button" | b"input" => return (Role::Inline, Navigation::Button),
        b"iframe" => return (Role::Inline, Navigation::IFrame),
        b"frame" | b"embed" => return (Role::Inline, Navigation::Frame),
        b"object" => return (Role::Inline, Navigation::Object),
        b"meta" => return (Role::Inline, Navigation::Meta),
        _ => Role::Inline,
    };
    (role, Navigation::Href)
}

/// Longer than every tag name above (`figcaption` is 10).
const NAME: usize = 16;
/// The bytes of a tag name (ASCII letters and digits, `-`, `:`) lower-cased; 0 for every byte that ends one.
static NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b':' {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Converts HTML (its lines given by `lines`) to a text segment with `href`s, in one walk over 16-byte steps
/// (`mask3`): a text run is found by its `<` or `&` and its line feeds are taken from the same step's bits; a
/// tag's interior is one search for `>`, `=` and the line feed, each `=` followed by its value skipped whole
/// (a quoted one by one search for its quote), and only an `href` looked at. Before session 26 the walk read
/// every attribute byte by byte (name, blanks, `=`) and searched again from every line feed: under callgrind
/// 14.7 M of the 37.4 M instructions of `make bench-instructions`' mbox of mail with HTML parts.
pub fn html_to_text(html: &str, lines: &LineMap) -> Segment<'static> {
    document_to_text(html, lines, 0, FRAME_BYTES).0
}

/// How deep `<iframe srcdoc>` documents are read: a frame's document inside a frame's, four levels. Each level
/// is the value of an attribute of the one around it, decoded and walked again, so a chain of frames costs its
/// depth times the walk and the memory of the document: a bound, as the mail reader's on attached messages. A
/// mail shows its message in one such frame (Proton Mail; tests/e2e/fixtures/webmail.html); a deeper one is
/// named by a `part-not-read` finding on its line (`Segment::unread`).
pub const FRAME_DEPTH: usize = 4;

/// How many bytes of `<iframe srcdoc>` values a document's frames read in all, at every depth; a frame past it
/// is named by a `part-not-read` finding on its line, as one too deep. A frame's document costs the scan about
/// 34 bytes of memory a line (its line points, made again at each depth), where the HTML it is written in costs
/// about 18: a srcdoc of 50 M line feeds took 1.72 GB and 2.76 s, one of 10 M four frames deep 848 MB (session
/// 44's review; main, which read no frame, 63 MB). A mail shown in a frame (Proton Mail) is far smaller.
pub const FRAME_BYTES: usize = 4 << 20;

/// `html_to_text` of a document `depth` frames deep (0: the file's own), its frames reading at most `budget`
/// bytes of their values (`FRAME_BYTES`); with what is left of it.
fn document_to_text(
    html: &str,
    lines: &LineMap,
    depth: usize,
    budget: usize,
) -> (Segment<'static>, usize) {
    let bytes = html.as_bytes();
    let mut walk = Walk {
        html,
        lines: match lines {
            LineMap::Counted { first } => Lines::Counted(*first),
            _ => Lines::Mapped(LineCursor::new(lines, bytes)),
        },
        newlines: 0,
        // The text is never longer than its HTML (an entity is longer than its character, a tag than its
        // separator): no growth on the way.
        out: String::with_capacity(html.len()),
        points: PointsBuilder::for_text(lines, bytes),
        marked: usize::MAX,
        hrefs: Vec::new(),
        targets: String::new(),
        refresh: Refresh::default(),
        depth,
        budget,
        unread: Vec::new(),
    };
    let mut pos = 0;
    loop {
        pos = walk.text(pos);
        pos = match bytes.get(pos) {
            None => break,
            Some(b'&') => walk.entity(pos),
            Some(_) => walk.markup(pos),
        };
    }
    let segment = Segment {
        text: walk.out.into(),
        lines: walk.points.finish(),
        hrefs: walk.hrefs,
        targets: walk.targets,
        unread: walk.unread,
    };
    (segment, walk.budget)
}

/// The document of an `<iframe srcdoc>` whose value (as written: its entities decoded here, once, as a
/// browser decodes an attribute) is `value`, read as HTML `depth` frames deep; the file line of each of the
/// value's lines is `line_of(k, at)` (its `k`-th line, `at` bytes into `value`); with what is left of `budget`,
/// the bytes of values its frames may read. `None` past `FRAME_DEPTH` or `budget` (`FRAME_BYTES`). An entity
/// holds no line feed (`entity`): each line is decoded on its own, so each keeps its file line, and one the
/// entities write (`&#10;`) is on the line of its reference. Decoding writes no more bytes than it reads.
fn frame_document(
    value: &str,
    depth: usize,
    budget: usize,
    mut line_of: impl FnMut(usize, usize) -> usize,
) -> Option<(Segment<'static>, usize)> {
    if depth > FRAME_DEPTH || value.len() > budget {
        return None;
    }
    let mut document = String::with_capacity(value.len());
    let mut points = Vec::new();
    let mut at = 0;
    for (k, line) in value.split('\n').enumerate() {
        if k > 0 {
            document.push('\n');
        }
        points.push((document.len(), line_of(k, at)));
        decode_entities(line, &mut document);
        at += line.len() + 1;
    }
    Some(document_to_text(
        &document,
        &LineMap::Points(points),
        depth,
        budget - value.len(),
    ))
}

/// The lines of the HTML: counted from a first line (the converter counts the newlines it passes), or any
/// other map, asked through a cursor (decoded text: quoted-printable or Latin-1 parts).
enum Lines<'m> {
    Counted(usize),
    Mapped(LineCursor<'m>),
}

/// The converter's state: `newlines` is how many line feeds lie before the place it has reached.
struct Walk<'h, 'm> {
    html: &'h str,
    lines: Lines<'m>,
    newlines: usize,
    out: String,
    points: PointsBuilder,
    /// The line of the last point marked (`usize::MAX` before the first).
    marked: usize,
    hrefs: Vec<Href>,
    /// The `hrefs`' targets (`Segment::targets`).
    targets: String,
    /// The refresh of the `<meta>` tag being read.
    refresh: Refresh,
    /// How many frames deep the document is (`FRAME_DEPTH`).
    depth: usize,
    /// The bytes of `srcdoc` values its frames may still read (`FRAME_BYTES`).
    budget: usize,
    /// `Segment::unread`.
    unread: Vec<usize>,
}

impl Walk<'_, '_> {
    /// The file line of `offset`: the walk has counted the newlines before it (`newlines`).
    #[inline]
    fn line(&mut self, offset: usize) -> usize {
        match &mut self.lines {
            Lines::Counted(first) => *first + self.newlines,
            Lines::Mapped(cursor) => cursor.line_at(offset),
        }
    }

    /// Text written from the output's `offset` on comes from `line`. The builder keeps a point only where the
    /// line changes, and most marks (a text run, a separator) are on the line of the one before: compared
    /// here, they skip its look-up of its last point (under callgrind about 1.5 M instructions of `make
    /// bench-instructions`' mbox of mail with HTML parts).
    #[inline]
    fn mark(&mut self, offset: usize, line: usize) {
        if line != self.marked {
            self.marked = line;
            self.points.mark(offset, line);
        }
    }

    /// Writes `text` (from the HTML's `offset`) to the output, marking its line.
    #[inline]
    fn emit(&mut self, offset: usize, text: char) {
        let line = self.line(offset);
        self.mark(self.out.len(), line);
        self.out.push(text);
    }

    /// Counts the newlines of a span the walk skips without reading it byte by byte.
    fn skipped(&mut self, from: usize, to: usize) -> usize {
        self.newlines += count_newlines(&self.html.as_bytes()[from..to]);
        to
    }

    /// Copies the text from `pos` to the next `<` or `&` (or the end), marking where each of its lines
    /// starts; returns where it stopped. A step's line feeds come from its bits: the walk searched again
    /// from each one.
    fn text(&mut self, pos: usize) -> usize {
        let bytes = self.html.as_bytes();
        match bytes.get(pos) {
            None | Some(b'<' | b'&') => return pos,
            // A line feed alone between two tags (`>\n<`), as mail's HTML puts most of its tags: the marks
            // and the line feed the steps below would give, without their search and copy (a `memcpy` call
            // for one byte). Under callgrind about 0.2 instructions a byte of `make bench-instructions`' mbox
            // of mail with HTML parts, where four runs in six are this one.
            Some(b'\n') if bytes.get(pos + 1) == Some(&b'<') => {
                let base = self.out.len();
                let line = self.line(pos);
                self.mark(base, line);
                self.newlines += 1;
                let line = self.line(pos + 1);
                self.mark(base + 1, line);
                self.out.push('\n');
                return pos + 1;
            }
            Some(_) => {}
        }
        let base = self.out.len();
        let line = self.line(pos);
        self.mark(base, line);
        let mut step = pos;
        let end = 'steps: loop {
            if step >= bytes.len() {
                break bytes.len();
            }
            let mut bits = mask3(bytes, step, b'<', b'&', b'\n');
            while bits != 0 {
                let at = step + bits.trailing_zeros() as usize;
                if bytes[at] != b'\n' {
                    break 'steps at;
                }
                self.newlines += 1;
                let line = self.line(at + 1);
                self.mark(base + (at + 1 - pos), line);
                bits &= bits - 1;
            }
            step += STEP;
        };
        self.out.push_str(&self.html[pos..end]);
        end
    }

    /// Decodes the entity at `pos` (an `&`; a literal `&` when it is none) and returns where text resumes.
    /// An entity never holds a line feed (`entity` reads none as a name or a number). Out of line: inlined
    /// into the walk with the second character of a two-character name, the mbox of mail with HTML parts took
    /// 6.3587 instructions a byte against 6.3391 (`make bench-instructions`' row to 4 decimals, session 42).
    #[inline(never)]
    fn entity(&mut self, pos: usize) -> usize {
        let (decoded, len) = entity(&self.html[pos..], false);
        let (first, second) = decoded.unwrap_or(('&', None));
        self.emit(pos, first);
        if let Some(c) = second {
            self.out.push(c);
        }
        pos + len
    }

    /// Handles the markup at `pos` (a `<`) and returns where text resumes.
    fn markup(&mut self, pos: usize) -> usize {
        let bytes = self.html.as_bytes();
        let closing = bytes.get(pos + 1) == Some(&b'/');
        let name_start = pos + 1 + usize::from(closing);
        let (lower, len) = tag_name(bytes, name_start);
        if len == 0 {
            return match bytes.get(pos + 1) {
                Some(b'!') if bytes[pos..].starts_with(b"<!--") => {
                    let end = find(bytes, pos + 4, b"-->").map_or(bytes.len(), |i| i + 3);
                    self.skipped(pos, end)
                }
                Some(b'!' | b'?') => {
                    let end =
                        memchr::memchr(b'>', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
                    self.skipped(pos, end)
                }
                // A lone `<` ("a < b") is text.
                _ => {
                    self.emit(pos, '<');
                    pos + 1
                }
            };
        }
        let name_end = name_start + len;
        let name = lower.get(..len).unwrap_or_default();
        let (role, navigation) = role(name);
        // The line of the tag itself, for its separator, taken before the tag's own line feeds are counted.
        let tag_line = match role {
            Role::Block | Role::Cell => self.line(pos),
            _ => 0,
        };
        let end = match bytes.get(name_end) {
            Some(b'>') => name_end + 1,
            _ => {
                // A closing tag's attributes lead nowhere (`Navigation::None`). One call: with a second,
                // `attributes` was built out of line (0.6 % of `make bench-instructions`' mbox of mail with
                // HTML parts, session 43).
                let navigation = if closing {
                    Navigation::None
                } else {
                    navigation
                };
                let end = self.attributes(name_end, navigation);
                if navigation == Navigation::Meta {
                    self.finish_refresh();
                }
                end
            }
        };
        match role {
            Role::Inline => end,
            Role::Block | Role::Cell => {
                self.mark(self.out.len(), tag_line);
                self.out.push(if role == Role::Block { '\n' } else { '\t' });
                end
            }
            Role::Raw if closing => end,
            Role::Raw => self.raw(name, end),
        }
    }

    /// Skips a raw element's content from `from` to the end of its end tag (its name in any case).
    fn raw(&mut self, name: &[u8], from: usize) -> usize {
        let bytes = self.html.as_bytes();
        let mut search = from;
        while let Some(at) = find(bytes, search, b"</") {
            if bytes[at + 2..]
                .get(..name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            {
                let close = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |j| at + j + 1);
                return self.skipped(from, close);
            }
            search = at + 2;
        }
        self.skipped(from, bytes.len())
    }

    /// Reads a tag's interior from `from` (after its name) to its `>` and returns where the tag ends. One
    /// search for `>`, `=` and the line feed: the first `>` outside a value ends the tag, and every `=` opens a
    /// value, which is skipped whole (a quoted one to its quote). The values of the attributes the tag
    /// navigates by (`navigation`) are kept; a name is read back from its `=` (`names_href` for an ordinary
    /// tag's `href`, the rare tags' names whole). No list of attributes is built: a newsletter has a `style`
    /// on every tag, and the walk read every name and blank of it a byte at a time. The other attributes of
    /// the few tags that navigate by more than `href` are read apart (`rare_attribute`): read in the walk, or
    /// with a second walk built for those tags, they cost 0.9 % and 1.5 % of `make bench-instructions`' mbox
    /// of mail with HTML parts (session 43).
    // Inline (its one caller is `markup`): built out of line once `rare_attribute` was added, the walk took
    // 1.2 % more instructions on `make bench-instructions`' mbox of mail with HTML parts (session 43).
    #[inline(always)]
    fn attributes(&mut self, from: usize, navigation: Navigation) -> usize {
        let html = self.html;
        let bytes = html.as_bytes();
        // Where the name of the next attribute may start: after the tag's name or the last value.
        let mut floor = from;
        let mut at = from;
        loop {
            at = find3(bytes, at, b'>', b'=', b'\n');
            match bytes.get(at) {
                None => {
                    // A tag the document's end cuts off is dropped by the browser (the tokenizer's "EOF in
                    // tag"): its refresh goes nowhere.
                    if navigation == Navigation::Meta {
                        self.refresh = Refresh::default();
                    }
                    return bytes.len();
                }
                Some(b'>') => return at + 1,
                Some(b'\n') => {
                    self.newlines += 1;
                    at += 1;
                    continue;
                }
                Some(_) => {}
            }
            let is_href = navigation != Navigation::None && names_href(bytes, floor, at);
            let mut i = at + 1;
            while let Some(&b) = bytes.get(i) {
                if !b.is_ascii_whitespace() {
                    break;
                }
                self.newlines += usize::from(b == b'\n');
                i += 1;
            }
            // Line feeds inside a quoted value: counted after the value's own line is taken.
            let (value_start, value_end, next, inside) = attribute_value(bytes, i);
            if is_href {
                let line = self.line(value_start);
                if self.hrefs.is_empty() {
                    // Room for a newsletter's links at once: grown from none a push at a time it was
                    // reallocated three times a part.
                    self.hrefs.reserve(16);
                    self.targets.reserve(16 * 128);
                }
                let offset = self.out.len();
                let value = &html[value_start..value_end];
                self.hrefs
                    .push(href(&mut self.targets, value, offset, line));
            } else if navigation > Navigation::Href {
                self.rare_attribute(navigation, floor, at, value_start..value_end);
            }
            self.newlines += inside;
            at = next;
            floor = next;
        }
    }

    /// The refresh of the `<meta>` tag just read, as an `href` when it has a URL.
    #[cold]
    #[inline(never)]
    fn finish_refresh(&mut self) {
        let refresh = std::mem::take(&mut self.refresh);
        refresh.finish(&mut self.hrefs, &mut self.targets, self.out.len());
    }

    /// An attribute other than `href` of a tag that navigates by more (`Navigation`), its `=` at `eq` and its
    /// value at `value`: a URL kept as an `href`, or a part of a refresh (`Refresh`).
    #[cold]
    #[inline(never)]
    fn rare_attribute(
        &mut self,
        navigation: Navigation,
        floor: usize,
        eq: usize,
        value: std::ops::Range<usize>,
    ) {
        let html = self.html;
        let name = attribute_name(html.as_bytes(), floor, eq);
        let Some(attribute) = url_attribute(navigation, name) else {
            return;
        };
        let line = self.line(value.start);
        if attribute == Attribute::Document {
            self.frame(value);
            return;
        }
        let value = &html[value];
        if attribute == Attribute::Url {
            let offset = self.out.len();
            self.hrefs
                .push(href(&mut self.targets, value, offset, line));
        } else {
            self.refresh.read(attribute, value, line);
        }
    }

    /// An `<iframe srcdoc>`'s document, its value at `value`: read as HTML one frame deeper and joined to the
    /// text after a line feed, its text followed by another, or, past `FRAME_DEPTH`, its line kept as unread.
    fn frame(&mut self, value: std::ops::Range<usize>) {
        let newlines = self.newlines;
        let lines = &mut self.lines;
        let mut line_of = |k: usize, at: usize| match lines {
            Lines::Counted(first) => *first + newlines + k,
            Lines::Mapped(cursor) => cursor.line_at(value.start + at),
        };
        let value = &self.html[value.clone()];
        match frame_document(value, self.depth + 1, self.budget, &mut line_of) {
            Some((document, left)) => {
                self.budget = left;
                let points = document.join_to(
                    &mut self.out,
                    (&mut self.hrefs, &mut self.targets),
                    &mut self.unread,
                );
                for (at, line) in points {
                    self.mark(at, line);
                }
                self.out.push('\n');
            }
            None => {
                let line = line_of(0, 0);
                self.unread.push(line);
            }
        }
    }
}

/// The tag name at `start` lower-cased (its first `NAME` bytes) and its length. A name is ASCII letters and
/// digits, `-` and `:`; no name in the role table is longer than `NAME`, so a longer one is none of them. With
/// SIMD the first 16 bytes are classified and lower-cased at once (`simd_name`); the walk looked each byte up
/// in `NAME_BYTES` and stored it, about 11 instructions a byte of every name under callgrind.
#[inline]
fn tag_name(bytes: &[u8], start: usize) -> ([u8; NAME], usize) {
    let mut lower = [0u8; NAME];
    let rest = bytes.get(start..).unwrap_or_default();
    let mut len = 0;
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    if rest.len() >= STEP {
        len = (!simd_name(rest, &mut lower)).trailing_zeros() as usize;
        if len < STEP {
            return (lower, len);
        }
    }
    for &b in &rest[len..] {
        let folded = NAME_BYTES[usize::from(b)];
        if folded == 0 {
            break;
        }
        if let Some(slot) = lower.get_mut(len) {
            *slot = folded;
        }
        len += 1;
    }
    (lower, len)
}

/// The attribute value at `i` (after its `=` and the blanks after it): where it starts and ends, where the
/// tag goes on after it, and how many line feeds it holds. A quoted value runs to its quote (or the end), over
/// lines; an unquoted one to a blank or `>`.
#[inline(always)]
fn attribute_value(bytes: &[u8], i: usize) -> (usize, usize, usize, usize) {
    match bytes.get(i) {
        Some(&quote @ (b'"' | b'\'')) => {
            let mut inside = 0;
            let mut end = find3(bytes, i + 1, quote, b'\n', quote);
            while bytes.get(end) == Some(&b'\n') {
                inside += 1;
                end = find3(bytes, end + 1, quote, b'\n', quote);
            }
            (i + 1, end, (end + 1).min(bytes.len()), inside)
        }
        _ => {
            let end = bytes[i..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'>')
                .map_or(bytes.len(), |k| i + k);
            (i, end, end, 0)
        }
    }
}

/// The link of an `href` whose value is `value` (entities decoded, added to the segment's `targets`), at the
/// output's `offset`, on `line`. Inline: with a second caller (`rare_attribute`) it was built out of line, a
/// call an `href`.
#[inline(always)]
fn href(targets: &mut String, value: &str, offset: usize, line: usize) -> Href {
    let start = targets.len();
    decode_entities(value, targets);
    Href {
        target: start..targets.len(),
        offset,
        line,
    }
}

/// Whether the attribute whose `=` is at `eq` is named `href` or `xlink:href` (in any case). Its name is the run before the
/// `=` (blanks between them allowed) back to a blank, a `/` or `floor`, where the attribute could start:
/// what a reader going forward takes as the name (a run ended by a blank, `=`, `>` or `/`).
fn names_href(bytes: &[u8], floor: usize, eq: usize) -> bool {
    let mut end = eq;
    while end > floor && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let Some(start) = end.checked_sub(4).filter(|&start| start >= floor) else {
        return false;
    };
    // The four bytes as one word with each byte's case bit set: exact for `href` in any case (only `H`, `R`,
    // `E` and `F` become `h`, `r`, `e` and `f` so), one compare where `eq_ignore_ascii_case` folded each byte.
    let name = bytes[start..end].try_into().map_or(0, u32::from_le_bytes);
    name | 0x2020_2020 == u32::from_le_bytes(*b"href")
        && (starts_name(bytes, floor, start) || xlink_before(bytes, floor, start))
}

/// Whether an attribute's name can start at `start` (`names_href`).
#[inline(always)]
fn starts_name(bytes: &[u8], floor: usize, start: usize) -> bool {
    start == floor || bytes[start - 1] == b'/' || bytes[start - 1].is_ascii_whitespace()
}

/// Whether the `href` at `start` is SVG's `xlink:href`, which browsers follow as the `<a>`'s `href` (SVG 2,
/// "The a element"). Out of line: inlined into the walk, the walk's other helpers were built out of line.
#[cold]
#[inline(never)]
fn xlink_before(bytes: &[u8], floor: usize, start: usize) -> bool {
    start >= floor + 6
        && bytes[start - 6..start].eq_ignore_ascii_case(b"xlink:")
        && starts_name(bytes, floor, start - 6)
}

/// The name of the attribute whose `=` is at `eq`, read back as `names_href` reads it: the run before the `=`
/// (blanks between them allowed) back to a blank, a `/` or `floor`.
fn attribute_name(bytes: &[u8], floor: usize, eq: usize) -> &[u8] {
    let mut end = eq;
    while end > floor && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > floor && !(bytes[start - 1] == b'/' || bytes[start - 1].is_ascii_whitespace()) {
        start -= 1;
    }
    &bytes[start..end]
}

/// What a tag's attributes can send the browser to. Every tag's `href` (and `xlink:href`) is read as a link:
/// `<a>`, SVG's `<a>`, `<area>`, `<base>` (a lookalike base is itself reported), `<link>`. A few tags navigate
/// by another attribute: a form posts to its `action` (a credential form on a lookalike), a button or input
/// to its `formaction`, a frame or `<embed>` loads its `src` and an `<object>` its `data` (a page in place, as
/// a frame), an `<iframe>` shows the document in its `srcdoc` (read as HTML, `frame_document`), and
/// `<meta http-equiv="refresh">` goes to the URL in its
/// `content` (an HTML attachment that redirects). `src` is read on frames only: an image's is no place the
/// person is taken to.
// Ordered: the tags after `Href` navigate by more than `href`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Navigation {
    /// A closing tag: none.
    None,
    Href,
    Form,
    Button,
    Frame,
    /// `<iframe>`: its `src`, and the document in its `srcdoc`.
    IFrame,
    /// `<object>`: its `data`.
    Object,
    Meta,
}

/// What an attribute a tag navigates by holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Attribute {
    /// A URL, read as a link.
    Url,
    /// `<meta>`'s `http-equiv`: a refresh when it is `refresh`.
    HttpEquiv,
    /// `<meta>`'s `content`: the time and URL of a refresh.
    Content,
    /// `<iframe>`'s `srcdoc`: an HTML document (`frame_document`).
    Document,
}

/// The attribute named `name` (any case) of a tag of `navigation`, if the tag navigates by it: the one table
/// of both walks (the converter reads a name back from its `=`, the reference reads it forward).
fn url_attribute(navigation: Navigation, name: &[u8]) -> Option<Attribute> {
    let is = |known: &[u8]| name.eq_ignore_ascii_case(known);
    if navigation == Navigation::None {
        return None;
    }
    if is(b"href") || is(b"xlink:href") {
        return Some(Attribute::Url);
    }
    match navigation {
        Navigation::Form if is(b"action") => Some(Attribute::Url),
        Navigation::Button if is(b"formaction") => Some(Attribute::Url),
        Navigation::Frame | Navigation::IFrame if is(b"src") => Some(Attribute::Url),
        Navigation::IFrame if is(b"srcdoc") => Some(Attribute::Document),
        Navigation::Object if is(b"data") => Some(Attribute::Url),
        Navigation::Meta if is(b"http-equiv") => Some(Attribute::HttpEquiv),
        Navigation::Meta if is(b"content") => Some(Attribute::Content),
        _ => None,
    }
}

/// A `<meta>` tag's refresh, read attribute by attribute: whether its `http-equiv` is `refresh`, and its
/// `content` (entities decoded) with its line. A browser keeps an attribute's first value (the HTML standard's
/// "Attribute name state": a repeated name is dropped).
#[derive(Default)]
struct Refresh {
    equiv: Option<bool>,
    content: Option<(String, usize)>,
}

impl Refresh {
    fn read(&mut self, attribute: Attribute, value: &str, line: usize) {
        let mut decoded = String::new();
        decode_entities(value, &mut decoded);
        match attribute {
            Attribute::HttpEquiv => {
                self.equiv
                    .get_or_insert(decoded.eq_ignore_ascii_case("refresh"));
            }
            _ => {
                self.content.get_or_insert((decoded, line));
            }
        }
    }

    /// The refresh's URL as an `href` at the output's `offset`, when the tag is a refresh with one.
    fn finish(self, hrefs: &mut Vec<Href>, targets: &mut String, offset: usize) {
        let (Some(true), Some((content, line))) = (self.equiv, self.content) else {
            return;
        };
        let Some((first, last)) = refresh_url(&content) else {
            return;
        };
        for url in std::iter::once(first).chain((last != first).then_some(last)) {
            let start = targets.len();
            targets.push_str(url);
            hrefs.push(Href {
                target: start..targets.len(),
                offset,
                line,
            });
        }
    }
}

/// The URL a refresh's `content` goes to, read as the HTML standard's "shared declarative refresh steps" read
/// it: a time (digits, then digits and dots), then `;` or `,` or a blank, then the URL, after an optional
/// `url=` (any case, blanks around the `=`) and an optional quote, which ends it where it comes again. `None`
/// when the content is no refresh or has no URL (the page reloads itself).
///
/// Two readings of a quoted URL, the same unless the quote comes twice after it: the standard's and Firefox's
/// (to the first closing quote: `ExtractURLString` in nsDocShell.cpp), and Chromium's (to the last one:
/// `ParseHTTPRefresh` in blink's http_parsers.cc searches back from the end, and reads to the end when no quote
/// closes it), so that `url='https://zoom.us'.meeting-join.com/'` is read as Chrome goes there too.
fn refresh_url(content: &str) -> Option<(&str, &str)> {
    let blank = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let bytes = content.as_bytes();
    let skip = |mut at: usize, test: &dyn Fn(u8) -> bool| {
        while bytes.get(at).is_some_and(|&b| test(b)) {
            at += 1;
        }
        at
    };
    let mut at = skip(0, &blank);
    let digits = skip(at, &|b: u8| b.is_ascii_digit());
    if digits == at && bytes.get(at) != Some(&b'.') {
        return None;
    }
    at = skip(digits, &|b: u8| b.is_ascii_digit() || b == b'.');
    let &b = bytes.get(at)?;
    if !(b == b';' || b == b',' || blank(b)) {
        return None;
    }
    at = skip(at, &blank);
    if matches!(bytes.get(at), Some(b';' | b',')) {
        at += 1;
    }
    at = skip(at, &blank);
    if at >= bytes.len() {
        return None;
    }
    let mut url = at;
    let letter = |at: usize, lower: u8| bytes.get(at).is_some_and(|&b| b | 0x20 == lower);
    let quoted_from = if letter(at, b'u') {
        if letter(at + 1, b'r') && letter(at + 2, b'l') {
            let eq = skip(at + 3, &blank);
            (bytes.get(eq) == Some(&b'=')).then(|| skip(eq + 1, &blank))
        } else {
            None
        }
    } else {
        Some(at)
    };
    if let Some(from) = quoted_from {
        url = from;
        if let Some(&quote @ (b'"' | b'\'')) = bytes.get(from) {
            let rest = &content[from + 1..];
            let upto = |end: Option<usize>| end.map_or(rest, |end| &rest[..end]);
            return Some((
                upto(rest.find(char::from(quote))),
                upto(rest.rfind(char::from(quote)).filter(|&end| end > 0)),
            ));
        }
    }
    let url = &content[url..];
    Some((url, url))
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|i| from + i)
}

/// The bytes `mask3` looks at a step.
pub(super) const STEP: usize = 16;

/// Where the first of the bytes `a`, `b`, `c` is in `bytes` from `from` on (`bytes.len()` if none): 16 bytes
/// a step (`simd_bits`), inline, then a byte loop for the last few. A call to memchr's `memchr2` per text run
/// cost its dispatch and set-up each time, and the runs between tags are short (about 40 bytes in a
/// newsletter).
#[inline]
pub(super) fn find3(bytes: &[u8], from: usize, a: u8, b: u8, c: u8) -> usize {
    let mut at = from;
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    while let Some(chunk) = bytes.get(at..at + STEP) {
        let bits = simd_bits(chunk, a, b, c);
        if bits != 0 {
            return at + bits.trailing_zeros() as usize;
        }
        at += STEP;
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&x| x == a || x == b || x == c)
        .map_or(bytes.len(), |i| at + i)
}

/// The places among the `STEP` bytes of `bytes` from `at` on (fewer at the end) that hold `a`, `b` or `c`,
/// as bits (bit `k`: byte `at + k`).
#[inline]
pub(super) fn mask3(bytes: &[u8], at: usize, a: u8, b: u8, c: u8) -> u32 {
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    if let Some(chunk) = bytes.get(at..at + STEP) {
        return simd_bits(chunk, a, b, c);
    }
    tail_bits(bytes, at, a, b, c)
}

/// `mask3` a byte at a time: the last few bytes (and every step without SIMD). Out of line: inlined, its set-up
/// ran at every step (about 20 instructions a step of a text run under callgrind).
#[cold]
#[inline(never)]
fn tail_bits(bytes: &[u8], at: usize, a: u8, b: u8, c: u8) -> u32 {
    tail_bits_where(bytes, at, |x| x == a || x == b || x == c)
}

/// The places among the `STEP` bytes of `bytes` from `at` on (fewer at the end) whose byte passes `test`, as
/// bits, a byte at a time.
#[inline(always)]
fn tail_bits_where(bytes: &[u8], at: usize, test: impl Fn(u8) -> bool) -> u32 {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take(STEP)
        .enumerate()
        .fold(0, |bits, (k, &x)| bits | u32::from(test(x)) << k)
}

/// Bytes a `mask64` block covers.
pub(super) const BLOCK: usize = 64;

/// What `mask64` picks out of a block.
// Line feeds are asked for by the mail reader only (`NotAscii` by `utf8` on x86-64).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
#[derive(Clone, Copy)]
pub(super) enum Marks {
    /// Bytes that are not ASCII (their high bit set).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    NotAscii,
    /// The line feeds.
    LineFeeds,
}

/// The bytes among the `BLOCK` of `bytes` from `at` on (fewer at the end) that `marks` picks, as bits (bit `k`:
/// byte `at + k`): a whole block by `block_mask`, a block cut short by the end a quarter at a time (`mask3`, or
/// a byte loop for `NotAscii`).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
#[inline(always)]
pub(super) fn mask64(bytes: &[u8], at: usize, marks: Marks) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if let Some(block) = bytes.get(at..at + BLOCK) {
        return block_mask(block, marks);
    }
    (0..BLOCK / STEP).fold(0, |mask, k| {
        let quarter = at + STEP * k;
        let bits = match marks {
            Marks::LineFeeds => mask3(bytes, quarter, b'\n', b'\n', b'\n'),
            Marks::NotAscii => tail_bits_where(bytes, quarter, |x| !x.is_ascii()),
        };
        mask | u64::from(bits) << (STEP * k)
    })
}

/// The bytes of a whole block (the first `BLOCK` of `block`) that `marks` picks, as bits: the text path's one
/// builder of a 64-byte mask, for `utf8`'s blocks (`checked_blocks`) and a header block's line feeds
/// (`LineFeeds`, through `mask64`), which each built theirs their own way before session 35 (its review). Four
/// 16-byte quarters, a vector test and a `movemask` each, joined by shifts. Apart from `mask64`'s handling of
/// the end: with it, `checked_blocks`' loop kept the end's state on the stack, 0.05 instructions a byte of an
/// mbox of mail more under callgrind.
// x86-64 only: in wasm only the mail reader's header walk would call it, and the extension's wasm has no mail
// reader (session 35's review: a wasm arm nothing ran or tested); `mask64` takes quarters there.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
pub(super) fn block_mask(block: &[u8], marks: Marks) -> u64 {
    assert!(block.len() >= BLOCK);
    let quarter = |k: usize| u64::from(simd_marks(&block[STEP * k..], marks)) << (STEP * k);
    quarter(0) | quarter(1) | quarter(2) | quarter(3)
}

/// `mask64`'s test of a quarter (the first `STEP` bytes of `chunk`), as bits.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn simd_marks(chunk: &[u8], marks: Marks) -> u16 {
    use simd::{bitmask, eq, load, splat};
    assert!(chunk.len() >= STEP);
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // load reads the first sixteen bytes of `chunk` (asserted there), with no alignment requirement
    // (`_mm_loadu_si128`).
    unsafe {
        let v = load(chunk.as_ptr().cast());
        // `movemask` takes each lane's high bit: the byte's own for `NotAscii`.
        (match marks {
            Marks::NotAscii => bitmask(v),
            Marks::LineFeeds => bitmask(eq(v, splat(b'\n' as i8))),
        }) as u16
    }
}

/// The bytes of `chunk` (its first `STEP`) that are `a`, `b` or `c`, as bits: one SSE2 (every x86-64 has it)
/// or `simd128` (every wasm build here) compare for each.
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn simd_bits(chunk: &[u8], a: u8, b: u8, c: u8) -> u32 {
    use simd::{bitmask, eq, load, or, splat};
    assert!(chunk.len() >= STEP);
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // load reads the first sixteen bytes of `chunk` (asserted there), with no alignment requirement
    // (`_mm_loadu_si128`; `v128_load` is a 1-aligned load).
    unsafe {
        let v = load(chunk.as_ptr().cast());
        let byte = |x: u8| eq(v, splat(x as i8));
        bitmask(or(or(byte(a), byte(b)), byte(c))) as u32
    }
}

/// Which of the first `STEP` bytes of `chunk` are tag-name bytes (`NAME_BYTES`), as bits, with the bytes
/// or-ed with 0x20 stored in `lower`: that lower-cases a letter and leaves a digit, `-` and `:` as they are.
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn simd_name(chunk: &[u8], lower: &mut [u8; NAME]) -> u32 {
    use simd::{bitmask, eq, load, or, splat, store};
    assert!(chunk.len() >= STEP && NAME >= STEP);
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // load reads the first sixteen bytes of `chunk` and the store writes the sixteen of `lower` (both
    // asserted), with no alignment requirement (`_mm_loadu_si128`, `_mm_storeu_si128`; wasm's are 1-aligned).
    unsafe {
        let v = load(chunk.as_ptr().cast());
        let (folded, alphanumeric) = simd_alphanumeric(v);
        let sign = or(eq(v, splat(b'-' as i8)), eq(v, splat(b':' as i8)));
        store(lower.as_mut_ptr().cast(), folded);
        bitmask(or(alphanumeric, sign)) as u32
    }
}

/// Where the first byte from `from` on that is not a host byte as written (`links::is_host_byte`: an ASCII
/// letter or digit, `.` or `-`) is in `bytes` (`bytes.len()` if none): 16 bytes a step (`simd_host`), inline,
/// then a byte loop for the last few. The link reader's walks over a host and a path's segments (a link's host
/// end, its head for the screen's cache, whether its host is plain) went a byte at a time: about 24 x86-64
/// instructions a byte of a host in V8 (callgrind, the wasm bench's mail, session 39).
#[inline]
pub(super) fn host_run_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    while let Some(chunk) = bytes.get(at..at + STEP) {
        let others = !simd_host(chunk) & 0xFFFF;
        if others != 0 {
            return at + others.trailing_zeros() as usize;
        }
        at += STEP;
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| !super::links::is_host_byte(b))
        .map_or(bytes.len(), |i| at + i)
}

/// Where the first byte from `from` on that ends a URL in running text (`links::URL_STOP`) is in `bytes`
/// (`bytes.len()` if none), and whether a byte that is not ASCII comes before it: 16 bytes a step
/// (`simd_url_stops`, and each lane's high bit), inline, then a byte loop for the last few. `links::url_end`
/// walked a link's bytes twice, for its stop and then for a byte that is not ASCII, a byte at a time: about
/// 14 x86-64 instructions a byte in V8 (callgrind, the wasm bench's mail, session 39).
#[inline]
pub(super) fn url_run_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut at = from;
    let mut wide = false;
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    while let Some(chunk) = bytes.get(at..at + STEP) {
        let (stops, high) = simd_url_stops(chunk);
        if stops != 0 {
            let k = stops.trailing_zeros();
            return (at + k as usize, wide || high & ((1 << k) - 1) != 0);
        }
        wide |= high != 0;
        at += STEP;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|&b| super::links::URL_STOP[usize::from(b)])
        .unwrap_or(rest.len());
    (at + end, wide || !rest[..end].is_ascii())
}

/// Which of the first `STEP` bytes of `chunk` end a URL (`links::URL_STOP`: controls and the space, DEL, and
/// `"'<>`{}|^`), as bits, and which are not ASCII.
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn simd_url_stops(chunk: &[u8]) -> (u32, u32) {
    use simd::{add, bitmask, eq, load, lt, or, splat};
    assert!(chunk.len() >= STEP);
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // load reads the first sixteen bytes of `chunk` (asserted there), with no alignment requirement
    // (`_mm_loadu_si128`; `v128_load` is a 1-aligned load).
    unsafe {
        let v = load(chunk.as_ptr().cast());
        let byte = |x: u8| eq(v, splat(x as i8));
        // 0x00..=0x20 to -128..-96: a signed compare after a shift of the range's start to -128.
        let low = lt(add(v, splat(-128)), splat(-128 + 0x21));
        let quotes = or(or(byte(b'"'), byte(b'\'')), byte(b'`'));
        let angles = or(byte(b'<'), byte(b'>'));
        let braces = or(or(byte(b'{'), byte(b'}')), or(byte(b'|'), byte(b'^')));
        let stops = or(or(low, byte(0x7f)), or(quotes, or(angles, braces)));
        (bitmask(stops) as u32, bitmask(v) as u32)
    }
}

/// Which of the first `STEP` bytes of `chunk` are host bytes (`links::is_host_byte`), as bits.
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn simd_host(chunk: &[u8]) -> u32 {
    use simd::{bitmask, eq, load, or, splat};
    assert!(chunk.len() >= STEP);
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // load reads the first sixteen bytes of `chunk` (asserted there), with no alignment requirement
    // (`_mm_loadu_si128`; `v128_load` is a 1-aligned load).
    unsafe {
        let v = load(chunk.as_ptr().cast());
        let (_, alphanumeric) = simd_alphanumeric(v);
        let sign = or(eq(v, splat(b'-' as i8)), eq(v, splat(b'.' as i8)));
        bitmask(or(alphanumeric, sign)) as u32
    }
}

/// The lanes of `v` that are ASCII letters or digits (all bits set), with `v` or-ed with 0x20 (a letter
/// lower-cased): `simd_name`'s and `simd_host`'s one classifier. The ranges are signed compares after a shift
/// of the range's start to -128.
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn simd_alphanumeric(v: simd::Vector) -> (simd::Vector, simd::Vector) {
    use simd::{add, lt, or, splat};
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require.
    unsafe {
        let folded = or(v, splat(0x20));
        // a..z to -128..-103, 0..9 to -128..-119.
        let letter = lt(add(folded, splat((0x80 - b'a') as i8)), splat(-128 + 26));
        let digit = lt(add(v, splat((0x80 - b'0') as i8)), splat(-128 + 10));
        (folded, or(letter, digit))
    }
}

/// The vector instructions `simd_bits`, `simd_name` and `simd_host` need, by what they do.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod simd {
    pub(super) use std::arch::x86_64::{
        __m128i as Vector, _mm_add_epi8 as add, _mm_cmpeq_epi8 as eq, _mm_cmplt_epi8 as lt,
        _mm_loadu_si128 as load, _mm_movemask_epi8 as bitmask, _mm_or_si128 as or,
        _mm_set1_epi8 as splat, _mm_storeu_si128 as store,
    };
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    pub(super) use core::arch::wasm32::{
        i8x16_add as add, i8x16_eq as eq, i8x16_lt as lt, i8x16_splat as splat,
        u8x16_bitmask as bitmask, v128 as Vector, v128_load as load, v128_or as or,
        v128_store as store,
    };
}

/// Decodes the entities of an attribute value (`&amp;` in links above all) to the end of `out`. The `&`s are
/// found 16 bytes a step inline (`find3`): `str::contains` and `str::find` with a `char` cost about 80
/// instructions a call on these short values (2 % of an mbox scan of mail with HTML parts, an `href` in every
/// block, under callgrind), and memchr's `memchr` its dispatch and set-up, two calls a link (13,190 calls and
/// about 0.6 M instructions of `make bench-instructions`' mbox of mail in session 30).
// Inline: out of line (called by `Refresh::read` too) it cost a call an `href`, 0.9 M instructions of `make
// bench-instructions`' mbox of mail with HTML parts (session 43).
#[inline(always)]
fn decode_entities(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut amp = find3(bytes, 0, b'&', b'&', b'&');
    let mut done = 0;
    while amp < bytes.len() {
        out.push_str(&text[done..amp]);
        let (decoded, len) = entity(&text[amp..], true);
        let (first, second) = decoded.unwrap_or(('&', None));
        out.push(first);
        if let Some(c) = second {
            out.push(c);
        }
        // An entity is ASCII up to its `;`, or the `&` alone: `done` stays on a character boundary.
        done = amp + len;
        amp = find3(bytes, done, b'&', b'&', b'&');
    }
    out.push_str(&text[done..]);
}

/// A named reference's characters: those invitations use (and the Latin letters of French and German text) by
/// a `match` on the name's bytes (a length switch, then a compare of a few bytes: a list searched by `str`
/// equality was a `bcmp` call an entry tried, about 65 instructions an `&amp;` in a link), any other from the
/// standard's whole table.
fn named_entity(name: &[u8]) -> Option<Chars> {
    let one = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        b"nbsp" => '\u{a0}',
        b"ndash" => '–',
        b"mdash" => '—',
        b"hellip" => '…',
        b"bull" => '•',
        b"middot" => '·',
        b"copy" => '©',
        b"reg" => '®',
        b"trade" => '™',
        b"laquo" => '«',
        b"raquo" => '»',
        b"lsquo" => '‘',
        b"rsquo" => '’',
        b"ldquo" => '“',
        b"rdquo" => '”',
        b"euro" => '€',
        b"shy" => '\u{ad}',
        b"zwnj" => '\u{200c}',
        b"zwj" => '\u{200d}',
        b"agrave" => 'à',
        b"aacute" => 'á',
        b"acirc" => 'â',
        b"auml" => 'ä',
        b"ccedil" => 'ç',
        b"egrave" => 'è',
        b"eacute" => 'é',
        b"ecirc" => 'ê',
        b"euml" => 'ë',
        b"icirc" => 'î',
        b"iuml" => 'ï',
        b"ocirc" => 'ô',
        b"ouml" => 'ö',
        b"ugrave" => 'ù',
        b"ucirc" => 'û',
        b"uuml" => 'ü',
        b"szlig" => 'ß',
        b"Agrave" => 'À',
        b"Eacute" => 'É',
        b"Egrave" => 'È',
        b"Auml" => 'Ä',
        b"Ouml" => 'Ö',
        b"Uuml" => 'Ü',
        b"Ccedil" => 'Ç',
        _ => return table_entity(name).map(|(c, _)| c),
    };
    Some((one, None))
}

/// What a reference stands for: a character, and a second one for 93 names (`&fjlig;` is "fj", `&nvlt;` a `<`
/// and a combining mark).
type Chars = (char, Option<char>);

/// A name of the HTML standard's whole table (`entities.rs`, searched by halves): what `named_entity`'s
/// `match` of the common names does not know, with whether the name works without its `;`.
fn table_entity(name: &[u8]) -> Option<(Chars, bool)> {
    let i = entities::NAMED
        .binary_search_by(|(listed, _, _)| listed.as_bytes().cmp(name))
        .ok()?;
    let (_, value, legacy) = entities::NAMED[i];
    let mut chars = value.chars();
    Some(((chars.next()?, chars.next()), legacy))
}

/// A legacy name (one that works without its `;`: `amp`, `lt`, `copy`, `eacute`, …) and its character.
fn legacy_entity(name: &[u8]) -> Option<Chars> {
    table_entity(name).and_then(|(c, legacy)| legacy.then_some(c))
}

/// The entity at the start of `text` (which starts with `&`): the character and the length consumed; an
/// unknown or malformed one is a literal `&` of length 1. Read as a browser reads it (the HTML standard,
/// "Character reference state"), for a link goes where the browser takes it and text shows what it shows: a
/// number of any length with or without its `;` (`&#46` is a `.`), every named reference with its `;`
/// (`entities.rs`), and a legacy name without its `;`: in text the longest one whatever follows (`&notit` is
/// `¬it`), in an attribute (`in_attribute`) only when neither a letter, a digit nor `=` follows (`&copy.` yes,
/// `&ampx=` and `&notit` no).
fn entity(text: &str, in_attribute: bool) -> (Option<Chars>, usize) {
    // `&amp;`, nearly every entity of mail's HTML (between a link's query parameters), told by one compare:
    // the search for its `;` and the name's `match` were about 50 instructions an `&amp;` under callgrind
    // (`make bench-instructions`' mbox of mail with HTML parts, session 37).
    if text.as_bytes().get(1..5) == Some(b"amp;") {
        return (Some(('&', None)), 5);
    }
    other_entity(text, in_attribute)
}

/// `entity` for any but `&amp;`, out of line: inlined, its set-up ran at every `&amp;` too (6.5 instructions
/// an `&amp;` more under callgrind, `make bench-instructions`' mbox of mail with HTML parts, session 42).
#[inline(never)]
fn other_entity(text: &str, in_attribute: bool) -> (Option<Chars>, usize) {
    let bytes = text.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        return numeric_entity(bytes);
    }
    let body = &text[1..];
    if let Some(end) = body.bytes().take(32).position(|b| b == b';') {
        if let Some(decoded) = named_entity(&body.as_bytes()[..end]) {
            return (Some(decoded), end + 2);
        }
    }
    // A legacy name without its `;` (none is longer than 6 bytes): in an attribute the whole run of letters and
    // digits, followed by neither a letter, a digit nor `=` (a browser leaves `?a=1&copy=2` and `&notit` as
    // written); in text the longest legacy name the run starts with (`&notit` is `¬it`, `zo&oumlm` `zoöm`).
    let name_len = body
        .bytes()
        .take(8)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let followed = body.as_bytes().get(name_len).copied();
    if in_attribute {
        if followed.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
            return (None, 1);
        }
        return match legacy_entity(&body.as_bytes()[..name_len]) {
            Some(c) => (Some(c), name_len + 1),
            None => (None, 1),
        };
    }
    (1..=name_len.min(6))
        .rev()
        .find_map(|len| legacy_entity(&body.as_bytes()[..len]).map(|c| (Some(c), len + 1)))
        .unwrap_or((None, 1))
}

/// The numeric reference at the start of `bytes` (`&#…`): decimal or `x`/`X` and hexadecimal digits, any
/// number of them, with or without a `;` after; out-of-range values and surrogates give U+FFFD, a NUL too, and
/// 0x80–0x9F the Windows-1252 character a browser gives (the HTML standard's table); no digit, no reference.
fn numeric_entity(bytes: &[u8]) -> (Option<Chars>, usize) {
    let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
    let start = 2 + usize::from(hex);
    let radix = if hex { 16 } else { 10 };
    let mut value: u32 = 0;
    let mut at = start;
    while let Some(digit) = bytes.get(at).and_then(|&b| char::from(b).to_digit(radix)) {
        // Saturates past the largest code point: any longer number is U+FFFD.
        value = value
            .saturating_mul(radix)
            .saturating_add(digit)
            .min(0x11_0000);
        at += 1;
    }
    if at == start {
        return (None, 1);
    }
    let len = at + usize::from(bytes.get(at) == Some(&b';'));
    let c = match value {
        // What a browser makes of `&#128;` to `&#159;`: the Windows-1252 characters (the HTML standard's
        // numeric character reference end state); the five that Windows-1252 leaves undefined stay themselves.
        0x80..=0x9F => match CP1252_HIGH[value as usize - 0x80] {
            char::REPLACEMENT_CHARACTER => char::from_u32(value),
            c => Some(c),
        },
        0 => None,
        _ => char::from_u32(value),
    };
    (Some((c.unwrap_or(char::REPLACEMENT_CHARACTER), None)), len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source::LineCursor;

    /// `entity` for a reference that stands for one character (or none).
    fn one(text: &str, in_attribute: bool) -> (Option<char>, usize) {
        let (decoded, len) = entity(text, in_attribute);
        assert_eq!(decoded.and_then(|d| d.1), None, "{text}");
        (decoded.map(|d| d.0), len)
    }

    /// `&amp;`'s one-compare path next to the general search: the reference converter calls the same `entity`,
    /// so only a direct test catches a shortcut that stops matching exactly `&amp;` (session 37's review).
    #[test]
    fn amp_is_told_exactly() {
        assert_eq!(one("&amp;", true), (Some('&'), 5));
        assert_eq!(one("&amp;x", true), (Some('&'), 5));
        // A legacy name without its `;` is read unless a letter, a digit or `=` follows (in an attribute).
        assert_eq!(one("&amp", true), (Some('&'), 4));
        assert_eq!(one("&amp b", true), (Some('&'), 4));
        assert_eq!(one("&ampx;", true), (None, 1));
        assert_eq!(one("&amp=1", true), (None, 1));
        assert_eq!(one("&am;", true), (None, 1));
        assert_eq!(one("&AMP;", true), (Some('&'), 5));
        assert_eq!(one("&lt;", true), (Some('<'), 4));
    }

    /// A legacy name without its `;`: in text the longest one whatever follows, in an attribute only before
    /// neither a letter, a digit nor `=` (the HTML standard's "Named character reference state").
    #[test]
    fn legacy_names_in_text_and_in_attributes() {
        for (text, in_text, in_attribute) in [
            ("&notit", (Some('¬'), 4), (None, 1)),
            ("&oumlm.us", (Some('ö'), 5), (None, 1)),
            ("&ampx;", (Some('&'), 4), (None, 1)),
            ("&copy=2", (Some('©'), 5), (None, 1)),
            ("&copy.", (Some('©'), 5), (Some('©'), 5)),
            ("&notin;", (Some('∉'), 7), (Some('∉'), 7)),
            ("&frac34x", (Some('¾'), 7), (None, 1)),
            ("&am", (None, 1), (None, 1)),
            ("&period", (None, 1), (None, 1)),
        ] {
            assert_eq!(one(text, false), in_text, "{text} in text");
            assert_eq!(one(text, true), in_attribute, "{text} in an attribute");
        }
        let segment = html_to_text(
            "a &notit <a href=\"?x&notit\">b</a>",
            &LineMap::Counted { first: 1 },
        );
        assert_eq!(segment.text, "a ¬it b");
        assert_eq!(segment.target(&segment.hrefs[0]), "?x&notit");
    }

    /// Numeric references as a browser reads them: any number of digits, the `;` optional, out-of-range
    /// values, surrogates and NUL as U+FFFD, 0x80–0x9F as Windows-1252.
    #[test]
    fn numeric_references_read_as_a_browser_reads_them() {
        for (text, expected) in [
            ("&#46;", (Some('.'), 5)),
            ("&#46us", (Some('.'), 4)),
            ("&#x2E;", (Some('.'), 6)),
            ("&#X2e", (Some('.'), 5)),
            ("&#x00000000000000000000000000000002e;", (Some('.'), 37)),
            ("&#0046;", (Some('.'), 7)),
            ("&#128;", (Some('€'), 6)),
            ("&#x9f;", (Some('Ÿ'), 6)),
            ("&#x81;", (Some('\u{81}'), 6)),
            ("&#0;", (Some('\u{fffd}'), 4)),
            ("&#xD800;", (Some('\u{fffd}'), 8)),
            ("&#x110000;", (Some('\u{fffd}'), 10)),
            ("&#99999999999999999999999;", (Some('\u{fffd}'), 26)),
            ("&#;", (None, 1)),
            ("&#x;", (None, 1)),
            ("&#xg;", (None, 1)),
            ("&#", (None, 1)),
        ] {
            assert_eq!(one(text, true), expected, "{text}");
        }
    }

    /// A refresh's `content` read by the HTML standard's "shared declarative refresh steps".
    #[test]
    fn refresh_content_read_as_the_standard_reads_it() {
        for (content, url) in [
            ("0; url=https://a/", Some("https://a/")),
            ("0;URL='https://a/'x", Some("https://a/")),
            ("0.5 url = \"b\"", Some("b")),
            (" .5,Url=c d", Some("c d")),
            ("0;'e", Some("e")),
            ("0 ; https://f", Some("https://f")),
            ("3 u r l", Some("u r l")),
            ("0 urlx=g", Some("urlx=g")),
            ("1\turl\t=\t'h'", Some("h")),
            ("0;url='a'b'", Some("a")),
            ("0", None),
            ("0;  ", None),
            ("", None),
            ("x; url=i", None),
            ("0x; url=i", None),
            ("-1; url=i", None),
        ] {
            assert_eq!(
                refresh_url(content).map(|(first, _)| first),
                url,
                "{content:?}"
            );
        }
    }

    /// Chromium's reading of a quoted refresh URL: to the last closing quote, or to the end when none closes it.
    #[test]
    fn refresh_content_read_as_chromium_reads_a_quoted_url() {
        for (content, url) in [
            ("0;url='a'b'", Some("a'b")),
            ("0;url=\"a\"b\"c", Some("a\"b")),
            ("0;url='a\"b'", Some("a\"b")),
            ("0;'e", Some("e")),
            ("0;url=''", Some("'")),
            ("0; url=a'b'", Some("a'b'")),
            ("0", None),
        ] {
            assert_eq!(
                refresh_url(content).map(|(_, last)| last),
                url,
                "{content:?}"
            );
        }
    }

    #[test]
    fn text_hrefs_and_lines() {
        let html = "<html><head><style>p{color:red}</style></head>\n<body><p>Meeting&nbsp;ID:</p>\n<b>851 2345 6789</b><br>\n<a\n href=\"https://zoom.us/j/85123456789?pwd=x&amp;uname=a\">Join</a><!-- <a href=\"https://hidden\"> -->\n</body></html>";
        let segment = html_to_text(html, &LineMap::Counted { first: 1 });
        assert_eq!(
            segment.text,
            "\n\nMeeting\u{a0}ID:\n\n851 2345 6789\n\nJoin\n"
        );
        assert_eq!(segment.hrefs.len(), 1);
        assert_eq!(
            segment.target(&segment.hrefs[0]),
            "https://zoom.us/j/85123456789?pwd=x&uname=a"
        );
        let mut cursor = LineCursor::new(&segment.lines, segment.text.as_bytes());
        let id = segment.text.find("Meeting").unwrap();
        assert_eq!(cursor.line_at(id), 2);
        let number = segment.text.find("851").unwrap();
        assert_eq!(cursor.line_at(number), 3);
        assert_eq!(segment.hrefs[0].line, 5);
    }

    #[test]
    fn entities_and_stray_brackets() {
        let mut decoded = "before ".to_string();
        decode_entities("a&amp;b&#233;&#xE9;&unknown;&", &mut decoded);
        assert_eq!(decoded, "before a&béé&unknown;&");
        let segment = html_to_text("1 < 2 &lt; 3", &LineMap::Counted { first: 1 });
        assert_eq!(segment.text, "1 < 2 < 3");
    }

    /// Pieces of markup, text and line feeds that generated HTML is made of: every branch of the tokenizer,
    /// and the hostile shapes (unclosed tags and comments, CDATA, `<` and `>` inside attribute values, entities
    /// cut short, names read back from an `=`).
    const PIECES: &[&str] = &[
        "<",
        ">",
        "</",
        "<p>",
        "</p>",
        "<br/>",
        "<td>",
        "<TD\n>",
        "<a href=\"",
        "<a\n href='",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "\t",
        "&amp;",
        "&#233;",
        "&",
        ";",
        "&nbsp;",
        "<!--",
        "-->",
        "<!DOCTYPE\nhtml>",
        "<?x\n?>",
        "<script>",
        "</script>",
        "<STYLE x=\">\">",
        "</style\n>",
        "x",
        "\u{e9}",
        "https://zoom.us/j/1?a=1&amp;b=2",
        "<div style=\"a:b;\nc:d\">",
        "<table role=presentation width=100%>",
        "<a href = \"x\ny\" >",
        "/",
        "<a/href=u>",
        "<x-y:z>",
        "<aVeryLongTagNameIndeed>",
        "<p\n\n>",
        "=\"\n\"",
        "<template>",
        "</template>",
        "a text run longer than one vector of sixteen bytes",
        "<![CDATA[ <a href=\"https://cdata\"> ]]>",
        "<a title=\"x<y\" href=\"https://zoom.us/j/1\">",
        "<a title='>' href='https://zoom.us/j/2'>",
        "<a href=https://zoom.us/j/3?a=1&amp;b=2>",
        "<a x=y\"z href=\"q>w\">",
        "<a b=\"c\"href=d>",
        "<a HREF =\n'e'>",
        "<a xhref=f href=g>",
        "<a href/=h>",
        "<a .href=i>",
        "<link href=\"style.css\">",
        "</a href=\"closing\">",
        "<img src=\"a.png\" alt=\"a > b\">",
        "<a href",
        "<a href=\"unclosed",
        "&lt;",
        "&#x1F600;",
        "&#9999999999;",
        "&ampx;",
        "&eacute",
        "&#",
        "<!-- unclosed",
        "<!---->",
        "<?php echo 1; ?>",
        "<script>if (a < b && c > d) {}</script>",
        "<SCRIPT type=x>",
        "</SCRIPT >",
        "<style>",
        "<noscript><p>x</p></noscript>",
        "<blockquote>",
        "<figcaption>",
        "<th>",
        "0123456789abcdef",
        "0123456",
        // Longer than a 16-byte step several times over, or one short of four: runs, values (with `&`s to
        // decode) and comments across steps, and what follows them at every place of a step.
        "a text run that is longer than four steps of sixteen bytes, line feeds none",
        "a text run sixty-three bytes long, one short of 4 sixteen-byte steps",
        "<td style=\"font-family:Arial,sans-serif;font-size:14px;\ncolor:#333333;padding:0 0 8px 0\">",
        "<a href='https://zoom.us/j/85123456789?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1&amp;from=addon&lt;&amp'>",
        "<!-- a comment longer than four steps, with <a href=\"https://hidden\"> and a line\nfeed in it -->",
        // The tags that navigate by more than `href` (session 43), their names in other cases, their values
        // repeated, across lines and cut short.
        "<meta http-equiv=\"refresh\" content=\"0; url=https://zoom.us/j/1\">",
        "<META CONTENT='5;URL=\"x\"' HTTP-EQUIV=Refresh>",
        "<meta http-equiv=refresh content=\"0\n,'y'\" content=\"1;z\">",
        "<meta content=",
        "<meta http-equiv=refresh content=\"0;url=q\"",
        "<form action=\"https://zoom.us/j/2\" src=a>",
        "<FORM\n ACTION=b>",
        "<button formaction='c'>",
        "<input formAction=d href=e>",
        "<iframe src=\"f\">",
        "<object data=\"j\" src=k><embed src='l' data=m>",
        "<frame\nsrc='g' href=h>",
        "<a xlink:href=\"i\">",
        "<a data-xlink:href=j XLINK:HREF=k>",
        "</form action=l>",
    ];

    /// The converter counts the newlines it passes (in text, tags, quoted values, comments, skipped
    /// elements) when the HTML's lines are counted; given the same lines as points, it asks a line cursor.
    /// Both must give the same segment, on generated HTML that puts line feeds everywhere.
    #[test]
    fn counted_lines_agree_with_points() {
        for html in generated(0x1234_5678_9abc_def1, 3000) {
            let first = 3;
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', html.as_bytes()).map(|i| i + 1));
            let points =
                LineMap::Points(starts.enumerate().map(|(k, at)| (at, first + k)).collect());
            let counted = html_to_text(&html, &LineMap::Counted { first });
            assert_eq!(counted, html_to_text(&html, &points), "{html:?}");
        }
    }

    /// `count` documents of up to 80 `PIECES` each, from `seed`.
    fn generated(seed: u64, count: usize) -> impl Iterator<Item = String> {
        let mut numbers = crate::Numbers(seed);
        (0..count).map(move |_| {
            (0..1 + numbers.next() % 80)
                .map(|_| PIECES[numbers.below(PIECES.len())])
                .collect()
        })
    }

    /// The HTML, mail and pages of the repository: samples, golden invitations, the phishing-page captures
    /// and the end-to-end fixtures.
    fn repository_documents() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders: Vec<std::path::PathBuf> = [
            "samples",
            "tests/golden/invitations",
            "tests/data/real/phishing-pages",
            "tests/e2e/fixtures",
        ]
        .iter()
        .map(|folder| root.join(folder))
        .collect();
        let mut documents = Vec::new();
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a folder of the repository") {
                let path = entry.expect("a readable entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| {
                    ["html", "htm", "eml", "mbox", "txt"].contains(&&*e.to_string_lossy())
                }) {
                    let bytes = std::fs::read(&path).expect("a readable file");
                    documents.push((path, String::from_utf8_lossy(&bytes).into_owned()));
                }
            }
        }
        documents.sort();
        documents
    }

    /// The restructured tokenizer gives the old walk's segment (`reference`: text, line points, hrefs with
    /// their offsets and lines) whichever way the lines are given (counted, points, one fixed line): on the
    /// repository's HTML and mail, on each with bytes replaced by markup characters, and on generated HTML of
    /// `PIECES`, whose short pieces put entities, tags and quotes at every place of a 16-byte step.
    #[test]
    fn same_segments_as_the_old_walk() {
        let same = |html: &str| {
            // Points that skip lines, as a decoded part's do.
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', html.as_bytes()).map(|i| i + 1));
            let points =
                LineMap::Points(starts.enumerate().map(|(k, at)| (at, 10 + 2 * k)).collect());
            for lines in [LineMap::Counted { first: 1 }, points, LineMap::Fixed(4)] {
                assert_eq!(
                    html_to_text(html, &lines),
                    reference::html_to_text(html, &lines),
                    "{lines:?} {html:?}"
                );
            }
        };
        let documents = repository_documents();
        assert!(documents.len() >= 40, "{} documents", documents.len());
        let mut numbers = crate::Numbers(0x5eed_c0de_f00d);
        for (path, text) in &documents {
            same(text);
            for _ in 0..20 {
                let mut bytes = text.clone().into_bytes();
                for _ in 0..1 + bytes.len() / 64 {
                    let at = (numbers.next() % bytes.len().max(1) as u64) as usize;
                    let markup = b"<>&=\"'/;#!-\n x";
                    if let Some(byte) = bytes.get_mut(at) {
                        *byte = markup[numbers.below(markup.len())];
                    }
                }
                let mutated = String::from_utf8_lossy(&bytes);
                same(&mutated);
            }
            assert!(!text.is_empty(), "{}", path.display());
        }
        for html in generated(0x0bad_c0de_f00d, 4000) {
            same(&html);
        }
        // A refresh cut off by the end of the document: a browser drops the tag ("EOF in tag").
        for html in generated(0x0e0f_c0de_f00d, 200) {
            same(&format!(
                "{html}<meta http-equiv=refresh content=\"0;url=q\""
            ));
        }
    }

    /// `named_entity` knows the names the list knew, each with its character, and every name of the standard's
    /// table with what it stands for (the `match` of the common names agrees with the table), and no other.
    #[test]
    fn named_entities_as_listed() {
        for (name, c) in reference::ENTITIES {
            assert_eq!(named_entity(name.as_bytes()), Some((*c, None)), "{name}");
        }
        // Sorted and without repeats, as the search by halves needs.
        assert!(entities::NAMED
            .windows(2)
            .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
        assert_eq!(entities::NAMED.len(), 2125);
        assert_eq!(entities::NAMED.iter().filter(|e| e.2).count(), 106);
        for &(name, value, _) in entities::NAMED {
            let (first, second) = named_entity(name.as_bytes()).unwrap();
            assert_eq!(
                String::from_iter([Some(first), second].into_iter().flatten()),
                value,
                "{name}"
            );
        }
        // The two-character names keep their second: `&fjlig;` is "fj", not "f".
        assert_eq!(
            entities::NAMED
                .iter()
                .filter(|e| e.1.chars().count() == 2)
                .count(),
            93
        );
        assert_eq!(entity("&fjlig;", true), (Some(('f', Some('j'))), 7));
        assert_eq!(entity("&nvlt;", false), (Some(('<', Some('\u{20d2}'))), 6));
        for name in [
            "", "Amp", "amp;", "nbs", "Uuml2", "euro\0", "Nbsp", "period2",
        ] {
            assert_eq!(named_entity(name.as_bytes()), None, "{name}");
        }
    }
}
