//! The HTML converter's walk as it was before session 26 restructured its tokenizer (tests only): it reads
//! each tag's attributes one by one (blanks, name, `=`, value) and searches text runs again from every line
//! feed. It shares the converter's small helpers (`attribute_value`, `entity`, `find3`, `href`, `role`), so the
//! tests that hold the new converter to it, segment for segment, check the walk, not those helpers; entities
//! are checked apart (`named_entities_as_listed`).

use super::{
    attribute_value, entity, find, find3, frame_document, href, role, url_attribute, Attribute,
    Navigation, Refresh, Role, NAME, NAME_BYTES,
};
use crate::text::source::{count_newlines, Href, LineCursor, LineMap, PointsBuilder, Segment};

pub fn html_to_text(html: &str, lines: &LineMap) -> Segment<'static> {
    let bytes = html.as_bytes();
    let mut walk = Walk {
        html,
        cursor: match lines {
            LineMap::Counted { first } => Err(*first),
            _ => Ok(LineCursor::new(lines, bytes)),
        },
        newlines: 0,
        out: String::with_capacity(html.len() / 2),
        points: PointsBuilder::for_text(lines, bytes),
        hrefs: Vec::new(),
        targets: String::new(),
        unread: Vec::new(),
    };
    let mut pos = 0;
    while pos < bytes.len() {
        pos = walk.text(pos);
        if pos >= bytes.len() {
            break;
        }
        if bytes[pos] == b'&' {
            let (decoded, len) = entity(&html[pos..], false);
            let line = walk.line(pos);
            walk.points.mark(walk.out.len(), line);
            let (first, second) = decoded.unwrap_or(('&', None));
            walk.out.push(first);
            walk.out.extend(second);
            pos += len;
            continue;
        }
        pos = walk.tag(pos);
    }
    Segment {
        text: walk.out.into(),
        lines: walk.points.finish(),
        hrefs: walk.hrefs,
        targets: walk.targets,
        unread: walk.unread,
    }
}

struct Walk<'h, 'm> {
    html: &'h str,
    /// `Err(first)`: lines counted from `first`; `Ok`: asked of a cursor.
    cursor: Result<LineCursor<'m>, usize>,
    newlines: usize,
    out: String,
    points: PointsBuilder,
    hrefs: Vec<Href>,
    targets: String,
    unread: Vec<usize>,
}

impl Walk<'_, '_> {
    fn line(&mut self, offset: usize) -> usize {
        match &mut self.cursor {
            Err(first) => *first + self.newlines,
            Ok(cursor) => cursor.line_at(offset),
        }
    }

    fn skipped(&mut self, from: usize, to: usize) -> usize {
        self.newlines += count_newlines(&self.html.as_bytes()[from..to]);
        to
    }

    fn text(&mut self, pos: usize) -> usize {
        let bytes = self.html.as_bytes();
        let mut at = find3(bytes, pos, b'<', b'&', b'\n');
        if at == pos && bytes.get(at) != Some(&b'\n') {
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
            let line = self.line(pos);
            self.points.mark(self.out.len(), line);
            self.out.push('<');
            return pos + 1;
        }
        let name: &[u8] = lower.get(..len).unwrap_or(b"");
        let tag_line = self.line(pos);
        let end = self.attributes(
            name_end,
            if closing {
                Navigation::None
            } else {
                role(name).1
            },
        );
        let separator = match role(name).0 {
            Role::Block => Some('\n'),
            Role::Cell => Some('\t'),
            _ => None,
        };
        if let Some(separator) = separator {
            self.points.mark(self.out.len(), tag_line);
            self.out.push(separator);
        }
        if !closing && role(name).0 == Role::Raw {
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

    fn attributes(&mut self, from: usize, navigation: Navigation) -> usize {
        let html = self.html;
        let bytes = html.as_bytes();
        let mut i = from;
        let mut refresh = Refresh::default();
        loop {
            i = self.blanks(i, |b| b.is_ascii_whitespace() || b == b'/');
            if i >= bytes.len() {
                return i;
            }
            if bytes[i] == b'>' {
                refresh.finish(&mut self.hrefs, &mut self.targets, self.out.len());
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
            let (value_start, value_end, next, inside) = attribute_value(bytes, i);
            let value = &html[value_start..value_end];
            match url_attribute(navigation, name.as_bytes()) {
                None => {}
                // The frame's document is read by the converter itself, one frame deep: what is checked here
                // is where the walk finds it, and the lines it gives it.
                Some(Attribute::Document) => {
                    let (newlines, cursor) = (self.newlines, &mut self.cursor);
                    let line_of = |k, at| match cursor {
                        Err(first) => *first + newlines + k,
                        Ok(cursor) => cursor.line_at(value_start + at),
                    };
                    let (document, _) = frame_document(value, 1, usize::MAX, line_of)
                        .expect("a frame one deep is read");
                    for (at, line) in document.join_to(
                        &mut self.out,
                        (&mut self.hrefs, &mut self.targets),
                        &mut self.unread,
                    ) {
                        self.points.mark(at, line);
                    }
                    self.out.push('\n');
                }
                Some(Attribute::Url) => {
                    let line = self.line(value_start);
                    let offset = self.out.len();
                    self.hrefs
                        .push(href(&mut self.targets, value, offset, line));
                }
                Some(attribute) => {
                    let line = self.line(value_start);
                    refresh.read(attribute, value, line);
                }
            }
            self.newlines += inside;
            i = next;
        }
    }

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

/// The named entities as the converter listed them before `named_entity`.
pub const ENTITIES: &[(&str, char)] = &[
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
