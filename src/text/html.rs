//! HTML to scannable text: tags dropped (block tags become line breaks, table cells tabs, so that "Meeting
//! ID" and its value stay apart from the next row), entities decoded, `script`/`style`/comments skipped, and
//! `href` targets collected. A small tokenizer rather than a DOM crate: invitations are flat, the text must
//! keep its way back to the file's lines, and it has to stay cheap in wasm.

use super::source::{count_newlines, Href, LineCursor, LineMap, PointsBuilder, Segment};

/// Tags after which text reads as a new line. A `match` rather than a list: it was looked up for every tag,
/// a string comparison per entry (under callgrind a tenth of the HTML conversion of a newsletter).
fn is_block_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"br"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hr"
            | b"li"
            | b"main"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"table"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"title"
            | b"tr"
            | b"ul"
    )
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
/// Elements whose content is not text for the reader.
const RAW_TAGS: &[&[u8]] = &[b"script", b"style", b"template", b"noscript"];

/// Converts HTML (its lines given by `lines`) to a text segment with `href`s, in one walk: text runs are
/// found by a SIMD search for `<`, `&` and the line feed (`find3`), and the converter counts the newlines it
/// passes, so a line is a sum, not a look-up. It asked a line cursor for the line at every tag and text run
/// (111,162 calls on the bench's mail), and searched each run twice (`memchr2` for markup, then `memchr`
/// for its newlines): under callgrind 45 % of an mbox scan of mail with HTML parts (`make
/// bench-instructions`).
pub fn html_to_text(html: &str, lines: &LineMap) -> Segment<'static> {
    let bytes = html.as_bytes();
    let mut walk = Walk {
        html,
        lines: match lines {
            LineMap::Counted { first } => Lines::Counted(*first),
            _ => Lines::Mapped(LineCursor::new(lines, bytes)),
        },
        newlines: 0,
        out: String::with_capacity(html.len() / 2),
        points: PointsBuilder::for_text(lines, bytes),
        hrefs: Vec::new(),
    };
    let mut pos = 0;
    while pos < bytes.len() {
        pos = walk.text(pos);
        if pos >= bytes.len() {
            break;
        }
        if bytes[pos] == b'&' {
            let (decoded, len) = entity(&html[pos..]);
            let line = walk.line(pos);
            walk.points.mark(walk.out.len(), line);
            match decoded {
                Some(c) => walk.out.push(c),
                None => walk.out.push('&'),
            }
            // An entity never holds a line feed (`entity` reads none as a name or a number).
            pos += len;
            continue;
        }
        pos = walk.tag(pos);
    }
    Segment {
        text: walk.out.into(),
        lines: walk.points.finish(),
        hrefs: walk.hrefs,
    }
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
    hrefs: Vec<Href>,
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

    /// Counts the newlines of a span the walk skips without reading it byte by byte.
    fn skipped(&mut self, from: usize, to: usize) -> usize {
        self.newlines += count_newlines(&self.html.as_bytes()[from..to]);
        to
    }

    /// Copies the text from `pos` to the next `<` or `&` (or the end), marking where each of its lines
    /// starts; returns where it stopped.
    fn text(&mut self, pos: usize) -> usize {
        let bytes = self.html.as_bytes();
        let mut at = find3(bytes, pos, b'<', b'&', b'\n');
        let empty = at == pos && bytes.get(at) != Some(&b'\n');
        if empty {
            return pos;
        }
        let base = self.out.len();
        let line = self.line(pos);
        self.points.mark(base, line);
        while bytes.get(at) == Some(&b'\n') {
            self.newlines += 1;
            let line = self.line(at + 1);
            self.points.mark(base + (at + 1 - pos), line);
            at = find3(bytes, at + 1, b'<', b'&', b'\n');
        }
        self.out.push_str(&self.html[pos..at]);
        at
    }

    /// Handles the markup at `pos` (a `<`) and returns where text resumes.
    fn tag(&mut self, pos: usize) -> usize {
        let html = self.html;
        let bytes = html.as_bytes();
        let rest = &bytes[pos..];
        if rest.starts_with(b"<!--") {
            let end = find(bytes, pos + 4, b"-->").map_or(bytes.len(), |i| i + 3);
            return self.skipped(pos, end);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr::memchr(b'>', rest).map_or(bytes.len(), |i| pos + i + 1);
            return self.skipped(pos, end);
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = pos + 1 + usize::from(closing);
        // The name is lower-cased on the stack as it is read, a table look-up a byte (`NAME_BYTES`): no tag in
        // the lists is longer than `NAME`, so a longer name is none of them. Compared as bytes: a `str` check of
        // each name was 25 instructions a tag; reading the name, then copying it (a `memcpy` call) and
        // lower-casing it in place was 2.4 % of an mbox scan of mail with HTML parts under callgrind, and
        // testing each byte's class by comparisons another 5 %.
        let mut lower = [0u8; NAME];
        let mut len = 0;
        while let Some(&b) = bytes.get(name_start + len) {
            let folded = NAME_BYTES[usize::from(b)];
            if folded == 0 {
                break;
            }
            if len < NAME {
                lower[len] = folded;
            }
            len += 1;
        }
        let name_end = name_start + len;
        if len == 0 {
            // A lone `<` ("a < b") is text.
            let line = self.line(pos);
            self.points.mark(self.out.len(), line);
            self.out.push('<');
            return pos + 1;
        }
        let name: &[u8] = lower.get(..len).unwrap_or(b"");
        let tag_line = self.line(pos);
        let end = self.attributes(name_end, closing);
        let separator = if is_block_tag(name) {
            Some('\n')
        } else if matches!(name, b"td" | b"th") {
            Some('\t')
        } else {
            None
        };
        if let Some(separator) = separator {
            self.points.mark(self.out.len(), tag_line);
            self.out.push(separator);
        }
        if !closing && RAW_TAGS.contains(&name) {
            // Skip to the matching end tag (case-insensitively).
            let mut search = end;
            while let Some(i) = memchr::memmem::find(&bytes[search..], b"</") {
                let at = search + i;
                if bytes[at + 2..]
                    .get(..name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                {
                    let close =
                        memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |j| at + j + 1);
                    return self.skipped(end, close);
                }
                search = at + 2;
            }
            return self.skipped(end, bytes.len());
        }
        end
    }

    /// Reads the attributes of a tag from `from` to its `>` (no list is built: a newsletter has a `style` on
    /// every tag), keeps the `href` of an opening tag, counts the newlines in the tag; returns where the tag
    /// ends.
    fn attributes(&mut self, from: usize, closing: bool) -> usize {
        let html = self.html;
        let bytes = html.as_bytes();
        let mut i = from;
        loop {
            i = self.blanks(i, |b| b.is_ascii_whitespace() || b == b'/');
            if i >= bytes.len() {
                return i;
            }
            if bytes[i] == b'>' {
                return i + 1;
            }
            let name_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let name = &html[name_start..i];
            i = self.blanks(i, |b| b.is_ascii_whitespace());
            if bytes.get(i) != Some(&b'=') {
                if i == name_start {
                    i += 1;
                }
                continue;
            }
            i = self.blanks(i + 1, |b| b.is_ascii_whitespace());
            // Line feeds inside a quoted value: counted after the value's own line is taken.
            let mut inside = 0;
            let (value_start, value_end, next) = match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let mut end = find3(bytes, i + 1, quote, b'\n', quote);
                    while bytes.get(end) == Some(&b'\n') {
                        inside += 1;
                        end = find3(bytes, end + 1, quote, b'\n', quote);
                    }
                    (i + 1, end, (end + 1).min(bytes.len()))
                }
                _ => {
                    // Up to a blank: no line feed in it.
                    let end = i + bytes[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .unwrap_or(bytes.len() - i);
                    (i, end, end)
                }
            };
            if !closing && name.eq_ignore_ascii_case("href") {
                let line = self.line(value_start);
                self.hrefs.push(Href {
                    target: decode_entities(&html[value_start..value_end]),
                    offset: self.out.len(),
                    line,
                });
            }
            self.newlines += inside;
            i = next;
        }
    }

    /// Skips the bytes from `i` on that `skip` takes, counting their line feeds; returns where it stopped.
    #[inline]
    fn blanks(&mut self, mut i: usize, skip: impl Fn(u8) -> bool) -> usize {
        let bytes = self.html.as_bytes();
        while let Some(&b) = bytes.get(i) {
            if !skip(b) {
                break;
            }
            self.newlines += usize::from(b == b'\n');
            i += 1;
        }
        i
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|i| from + i)
}

/// Where the first of the bytes `a`, `b`, `c` is in `bytes` from `from` on (`bytes.len()` if none): 16 bytes
/// a step with SSE2 (every x86-64 has it) or `simd128` (every wasm build here), inline, then a byte loop for
/// the last few. A call to memchr's `memchr2` per text run cost its dispatch and set-up each time, and the
/// runs between tags are short (about 40 bytes in a newsletter).
#[inline]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
pub(super) fn find3(bytes: &[u8], from: usize, a: u8, b: u8, c: u8) -> usize {
    let mut at = from;
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    while let Some(chunk) = bytes.get(at..at + 16) {
        use simd::{bitmask, eq, load, or, splat};
        // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
        // load reads the sixteen bytes of `chunk`, with no alignment requirement (`_mm_loadu_si128`;
        // `v128_load` is a 1-aligned load).
        let mask = unsafe {
            let v = load(chunk.as_ptr().cast());
            let byte = |x: u8| eq(v, splat(x as i8));
            bitmask(or(or(byte(a), byte(b)), byte(c)))
        };
        if mask != 0 {
            return at + mask.trailing_zeros() as usize;
        }
        at += 16;
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&x| x == a || x == b || x == c)
        .map_or(bytes.len(), |i| at + i)
}

/// The vector instructions `find3` needs, by what they do.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod simd {
    pub(super) use std::arch::x86_64::{
        _mm_cmpeq_epi8 as eq, _mm_loadu_si128 as load, _mm_movemask_epi8 as bitmask,
        _mm_or_si128 as or, _mm_set1_epi8 as splat,
    };
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    pub(super) use core::arch::wasm32::{
        i8x16_eq as eq, i8x16_splat as splat, u8x16_bitmask as bitmask, v128_load as load,
        v128_or as or,
    };
}

/// Decodes the entities of an attribute value (`&amp;` in links above all). The `&`s are found with
/// `memchr`: `str::contains` and `str::find` with a `char` cost about 80 instructions a call on these short
/// values (2 % of an mbox scan of mail with HTML parts, an `href` in every block, under callgrind).
pub fn decode_entities(text: &str) -> String {
    let bytes = text.as_bytes();
    let Some(mut amp) = memchr::memchr(b'&', bytes) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    loop {
        out.push_str(&text[done..amp]);
        let (decoded, len) = entity(&text[amp..]);
        out.push(decoded.unwrap_or('&'));
        // An entity is ASCII up to its `;`, or the `&` alone: `done` stays on a character boundary.
        done = amp + len;
        match memchr::memchr(b'&', &bytes[done..]) {
            Some(next) => amp = done + next,
            None => break,
        }
    }
    out.push_str(&text[done..]);
    out
}

/// Named entities that invitations use (and the Latin letters of French and German text).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("euro", '€'),
    ("shy", '\u{ad}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("euml", 'ë'),
    ("icirc", 'î'),
    ("iuml", 'ï'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("ugrave", 'ù'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
    ("Agrave", 'À'),
    ("Eacute", 'É'),
    ("Egrave", 'È'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("Ccedil", 'Ç'),
];

/// The entity at the start of `text` (which starts with `&`): the character and the length consumed; an
/// unknown or malformed one is a literal `&` of length 1.
fn entity(text: &str) -> (Option<char>, usize) {
    let body = &text[1..];
    let end = body.bytes().take(32).position(|b| b == b';');
    let Some(end) = end else {
        return (None, 1);
    };
    let name = &body[..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse().ok(),
        };
        value.map(|v| char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER))
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    };
    match decoded {
        Some(c) => (Some(c), end + 2),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source::LineCursor;

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
            segment.hrefs[0].target,
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
        assert_eq!(
            decode_entities("a&amp;b&#233;&#xE9;&unknown;&"),
            "a&béé&unknown;&"
        );
        let segment = html_to_text("1 < 2 &lt; 3", &LineMap::Counted { first: 1 });
        assert_eq!(segment.text, "1 < 2 < 3");
    }

    /// The converter counts the newlines it passes (in text, tags, quoted values, comments, skipped
    /// elements) when the HTML's lines are counted; given the same lines as points, it asks a line cursor.
    /// Both must give the same segment, on generated HTML that puts line feeds everywhere.
    #[test]
    fn counted_lines_agree_with_points() {
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
        ];
        let mut next = crate::text::numbers(0x1234_5678_9abc_def1);
        for _ in 0..3000 {
            let html: String = (0..1 + next() % 80)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let first = 3;
            let starts = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', html.as_bytes()).map(|i| i + 1));
            let points =
                LineMap::Points(starts.enumerate().map(|(k, at)| (at, first + k)).collect());
            let counted = html_to_text(&html, &LineMap::Counted { first });
            assert_eq!(counted, html_to_text(&html, &points), "{html:?}");
        }
    }
}
