//! HTML to scannable text: tags dropped (block tags become line breaks, table cells tabs, so that "Meeting
//! ID" and its value stay apart from the next row), entities decoded, `script`/`style`/comments skipped, and
//! `href` targets collected. A small tokenizer rather than a DOM crate: invitations are flat, the text must
//! keep its way back to the file's lines, and it has to stay cheap in wasm.

use super::source::{Href, LineCursor, LineMap, PointsBuilder, Segment};

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
/// Elements whose content is not text for the reader.
const RAW_TAGS: &[&[u8]] = &[b"script", b"style", b"template", b"noscript"];

/// Converts HTML (its lines given by `lines`) to a text segment with `href`s.
pub fn html_to_text(html: &str, lines: &LineMap) -> Segment<'static> {
    let bytes = html.as_bytes();
    let mut cursor = LineCursor::new(lines, bytes);
    let mut points = PointsBuilder::for_text(lines, bytes);
    let mut out = String::with_capacity(html.len() / 2);
    let mut hrefs = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let special = memchr::memchr2(b'<', b'&', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        copy_text(&html[pos..special], pos, &mut out, &mut points, &mut cursor);
        pos = special;
        if pos >= bytes.len() {
            break;
        }
        if bytes[pos] == b'&' {
            let (decoded, len) = entity(&html[pos..]);
            points.mark(out.len(), cursor.line_at(pos));
            match decoded {
                Some(c) => out.push(c),
                None => out.push('&'),
            }
            pos += len;
            continue;
        }
        pos = tag(html, pos, &mut out, &mut points, &mut cursor, &mut hrefs);
    }
    Segment {
        text: out.into(),
        lines: points.finish(),
        hrefs,
    }
}

/// Copies text, marking where each of its lines starts.
fn copy_text(
    text: &str,
    at: usize,
    out: &mut String,
    points: &mut PointsBuilder,
    cursor: &mut LineCursor,
) {
    if text.is_empty() {
        return;
    }
    points.mark(out.len(), cursor.line_at(at));
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push_str(&text[start..=nl]);
        start = nl + 1;
        points.mark(out.len(), cursor.line_at(at + start));
    }
    out.push_str(&text[start..]);
}

/// Handles the markup at `pos` (a `<`) and returns where text resumes.
fn tag(
    html: &str,
    pos: usize,
    out: &mut String,
    points: &mut PointsBuilder,
    cursor: &mut LineCursor,
    hrefs: &mut Vec<Href>,
) -> usize {
    let bytes = html.as_bytes();
    let rest = &bytes[pos..];
    if rest.starts_with(b"<!--") {
        return find(bytes, pos + 4, b"-->").map_or(bytes.len(), |i| i + 3);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return memchr::memchr(b'>', &bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = pos + 1 + usize::from(closing);
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .unwrap_or(bytes.len() - name_start);
    if name_end == name_start {
        // A lone `<` ("a < b") is text.
        points.mark(out.len(), cursor.line_at(pos));
        out.push('<');
        return pos + 1;
    }
    // Lower-cased on the stack: no tag in the lists is longer than `NAME`, so a longer name is none of them.
    // Compared as bytes: a `str` check of each name was 25 instructions a tag.
    let mut lower = [0u8; NAME];
    let raw_name = &bytes[name_start..name_end];
    let name: &[u8] = match lower.get_mut(..raw_name.len()) {
        Some(lower) => {
            lower.copy_from_slice(raw_name);
            lower.make_ascii_lowercase();
            lower
        }
        None => b"",
    };
    // Lines are asked for in increasing offsets only: the cursor walks forward (backwards would rescan).
    let tag_line = cursor.line_at(pos);
    let end = attributes(html, name_end, |attribute, value_at, value| {
        if !closing && attribute.eq_ignore_ascii_case("href") {
            hrefs.push(Href {
                target: decode_entities(value),
                offset: out.len(),
                line: cursor.line_at(value_at),
            });
        }
    });
    let separator = if is_block_tag(name) {
        Some('\n')
    } else if matches!(name, b"td" | b"th") {
        Some('\t')
    } else {
        None
    };
    if let Some(separator) = separator {
        points.mark(out.len(), tag_line);
        out.push(separator);
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
                return memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |j| at + j + 1);
            }
            search = at + 2;
        }
        return bytes.len();
    }
    end
}

/// Calls `found(name, value offset, raw value)` for each attribute of a tag from `from` to its `>` (no list
/// is built: a newsletter has a `style` on every tag); returns where the tag ends.
fn attributes<'h>(
    html: &'h str,
    from: usize,
    mut found: impl FnMut(&'h str, usize, &'h str),
) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
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
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            if i == name_start {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value_start, value_end, next) = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                let end = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j);
                (i + 1, end, (end + 1).min(bytes.len()))
            }
            _ => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .unwrap_or(bytes.len() - i);
                (i, end, end)
            }
        };
        found(name, value_start, &html[value_start..value_end]);
        i = next;
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|i| from + i)
}

/// Decodes the entities of an attribute value (`&amp;` in links above all).
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let (decoded, len) = entity(&rest[i..]);
        match decoded {
            Some(c) => out.push(c),
            None => out.push('&'),
        }
        rest = &rest[i + len..];
    }
    out.push_str(rest);
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
}
