//! Mail: one message (.eml) parsed with `mail-parser` for its structure (MIME tree, content types, charsets,
//! transfer encodings, nested messages), and mbox files split on their `From ` lines.
//!
//! Lines: plain (7bit/8bit) and quoted-printable parts are decoded here from the raw part so that each piece of
//! text keeps the line of the file it came from (soft line breaks join lines without losing their place).
//! Base64 parts, and parts in a charset other than UTF-8/ASCII/Latin-1/Windows-1252, are reported on the part's
//! first body line, decoded by mail-parser (a message of one base64 part in UTF-8 or ASCII: by `decode_base64`,
//! as mail-parser decodes it). The Subject is scanned on its header's line.

use std::borrow::Cow;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{
    ContentType, Encoding, Header, HeaderName, Message, MessageParser, MessagePart, MimeHeaders,
    PartType,
};

use super::html::{find3, html_to_text, mask3, mask64, Marks, STEP};
use super::ics::calendar_segment;
use super::pair_filter::newline_before;
use super::source::{decode_text, utf8, Charset, LineCursor, LineMap, PointsBuilder, Segment};
use crate::hex;

/// How many times a message attached in an encoding (base64 inside base64 …) is parsed again after
/// mail-parser stopped: it decodes 3 such levels per parse (`MAX_NESTED_ENCODED` in its source), so this
/// reads 3 × (1 + 4) = 15 levels. Deeper parts are not read, and the scan says so.
const MAX_REPARSE: usize = 4;

/// mail-parser reading only what the scan uses: the MIME fields (structure, transfer encodings, charsets,
/// attachment names) and the Subject. Other fields are skipped to their end, not parsed: `Received`, the
/// addresses, dates and ids were 38 % of an mbox scan's instructions under callgrind. Nested messages are
/// read with the same parser.
fn parser() -> &'static MessageParser {
    static PARSER: std::sync::OnceLock<MessageParser> = std::sync::OnceLock::new();
    PARSER.get_or_init(|| {
        MessageParser::new()
            .with_mime_headers()
            .header_text(HeaderName::Subject)
            .default_header_ignore()
    })
}

/// The scannable segments of one message whose raw bytes start on line `first_line` of the file; the lines of
/// attached messages that could not be read (too deeply nested, or not decodable) go to `unread`.
pub fn eml_segments<'a>(
    raw: &'a [u8],
    first_line: usize,
    fields: &mut FieldCache,
    out: &mut Vec<Segment<'a>>,
    unread: &mut Vec<usize>,
) -> Result<(), String> {
    eml_segments_with(raw, first_line, Some(fields), out, unread)
}

/// The `Content-*` fields mail-parser parsed, by their raw bytes, across the messages of one file: an mbox
/// repeats the same few (`Content-Type: text/plain; charset=utf-8`) in every message, and mail-parser took
/// about 4,000 instructions a message for them and the Subject (under callgrind, `make bench-instructions`,
/// mbox of plain mail: 8.5 M of 49 M). Each field is parsed alone, followed by the empty line: mail-parser
/// reads a field to its last line and looks one byte further only for a space or a tab, which neither the
/// next field's name nor the empty line starts with, so alone it parses as in its block.
///
/// The fields of the message being read are kept as places (`kept`) in the cache, in this file's vector
/// reused from message to message: cloning each cached header out of the cache and dropping it again (its
/// strings and attribute lists allocated and freed each time) was about a tenth of an mbox scan of plain
/// mail under callgrind.
#[derive(Default)]
pub struct FieldCache {
    /// `(field, header)`: the header's offsets are from the start of the field.
    fields: Vec<(Vec<u8>, Header<'static>)>,
    /// Fields parsed for the message being read once the cache is full (its offsets from the field's start).
    spilled: Vec<Header<'static>>,
    /// The fields `scanned_headers` kept from the message being read, in their order.
    kept: Vec<Kept>,
    /// What `decide` said for the last message, by the cached fields it kept (`decide`).
    decided: Option<(u64, Decision)>,
}

/// Whether a message is one part read here (`MimeFields::single`), and if so how.
type Decision = Option<Single>;

/// How the one part of a message is read without mail-parser's full parse (`single_part`).
#[derive(Debug, Clone, Copy)]
struct Single {
    encoding: Encoding,
    /// As what, in which charset (`reading`); `None`: the part holds no text.
    read: Option<(Kind, Option<Charset>)>,
    /// mail-parser reads the charset as Windows-1252 (`us-ascii`, `ascii`), which is ASCII as itself: a base64
    /// body that decodes to other bytes is left to the full parse.
    ascii_only: bool,
}

/// Distinct fields kept: fields that differ in every message (a multipart boundary) stop filling it there.
const CACHED_FIELDS: usize = 32;

/// A field the scan reads (the Subject or a `Content-*` field): where it is in the message and its line.
#[derive(Debug, Clone, Copy)]
struct Kept {
    /// Its bytes in the message, the last line feed included.
    start: usize,
    end: usize,
    /// Its first line, counted from the message's first line (0).
    line: usize,
    /// Whether it is the Subject (told once, by `kept_name`).
    subject: bool,
    value: Slot,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A Subject of one line of plain text, read in place (`plain_subject_text`): its value's bytes in the
    /// message.
    PlainSubject(usize, usize),
    /// `FieldCache::fields[i]`.
    Cached(usize),
    /// `FieldCache::spilled[i]`.
    Spilled(usize),
}

impl FieldCache {
    /// Where the header of one field (its raw lines, the last line feed included) is, parsed once per file.
    fn slot(&mut self, field: &[u8]) -> Option<Slot> {
        if let Some(i) = self.fields.iter().position(|(f, _)| f == field) {
            return Some(Slot::Cached(i));
        }
        let mut alone = Vec::with_capacity(field.len() + 1);
        alone.extend_from_slice(field);
        alone.push(b'\n');
        let mut headers = parser()
            .parse_headers(&alone)?
            .parts
            .into_iter()
            .next()?
            .headers;
        if headers.len() != 1 {
            return None;
        }
        let header = headers.pop()?.into_owned();
        Some(if self.fields.len() < CACHED_FIELDS {
            self.fields.push((field.to_vec(), header));
            Slot::Cached(self.fields.len() - 1)
        } else {
            self.spilled.push(header);
            Slot::Spilled(self.spilled.len() - 1)
        })
    }

    /// The parsed header of a kept field that is not a plain Subject.
    fn parsed(&self, slot: Slot) -> Option<&Header<'static>> {
        match slot {
            Slot::PlainSubject(..) => None,
            Slot::Cached(i) => Some(&self.fields[i].1),
            Slot::Spilled(i) => Some(&self.spilled[i]),
        }
    }

    /// Whether the message whose fields are kept is one plain part, and how its body is read (`reading`).
    /// Messages of one file mostly keep the same cached fields (`Content-Type: text/plain; charset=utf-8`):
    /// the answer is kept for the last set of them, which saves finding the fields, their attributes and the
    /// charset's label again (3 % of an mbox scan of plain mail under callgrind).
    fn decide(&mut self) -> Decision {
        // The cached fields' indices, one base-33 digit each (the Subject's included); none when a field was
        // not cached or there are too many to fit.
        let mut key = Some(1u64);
        for kept in &self.kept {
            key = match kept.value {
                Slot::PlainSubject(..) => key,
                Slot::Cached(i) => key.and_then(|k| k.checked_mul(33)?.checked_add(i as u64 + 1)),
                Slot::Spilled(_) => None,
            };
        }
        if let (Some(key), Some((last, decision))) = (key, self.decided) {
            if key == last {
                return decision;
            }
        }
        let decision = self.mime().single();
        if let Some(key) = key {
            self.decided = Some((key, decision));
        }
        decision
    }

    /// The MIME fields of the kept fields (the last of each name, as mail-parser's `MimeHeaders`).
    fn mime(&self) -> MimeFields<'_> {
        let mut mime = MimeFields::default();
        for kept in &self.kept {
            if let Some(header) = self.parsed(kept.value) {
                mime.add(header);
            }
        }
        mime
    }

    /// The kept fields as the headers mail-parser gives in the whole block, offsets from the message's start.
    #[cfg(test)]
    fn headers(&self, raw: &[u8]) -> Option<Vec<Header<'static>>> {
        self.kept
            .iter()
            .map(|kept| {
                let field = &raw[kept.start..kept.end];
                let found = match self.parsed(kept.value) {
                    None => return plain_subject(field, kept.start),
                    Some(found) => found.clone(),
                };
                let moved = |offset: u32| u32::try_from(offset as usize + kept.start).ok();
                Some(Header {
                    offset_field: moved(found.offset_field)?,
                    offset_start: moved(found.offset_start)?,
                    offset_end: moved(found.offset_end)?,
                    ..found
                })
            })
            .collect()
    }
}

/// The value of a Subject of one line in plain text (no encoded words, `=?`, which mail-parser decodes) read
/// as mail-parser reads it (`parse_unstructured`): without the spaces, tabs and carriage returns around it;
/// its bytes in the field. `None` when mail-parser must read the field. A byte at a time (a line feed, `=?`
/// and the blanks in one loop) it was 0.13 instructions a byte of an mbox of plain mail under callgrind
/// (`make bench-instructions`), about 135 a message.
fn plain_subject_text(field: &[u8]) -> Option<(usize, usize)> {
    let colon = field.iter().position(|&b| b == b':')?;
    let line = field.strip_suffix(b"\n")?;
    let from = colon + 1;
    let value = line.get(from..)?;
    // A folded line, or an encoded word (`=?` in the value), is mail-parser's to read. The line feeds and
    // question marks are found 16 bytes a step (`find3`), not a byte at a time with the blanks.
    let mut at = 0;
    loop {
        let found = find3(value, at, b'\n', b'?', b'?');
        match value.get(found) {
            None => break,
            Some(b'\n') => return None,
            _ if found > 0 && value[found - 1] == b'=' => return None,
            _ => at = found + 1,
        }
    }
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let start = value
        .iter()
        .position(|b| !blank(b))
        .map_or(line.len(), |i| from + i);
    let end = value
        .iter()
        .rposition(|b| !blank(b))
        .map_or(from, |i| from + i + 1)
        .max(start);
    utf8(&line[start..end])?;
    Some((start, end))
}

/// `plain_subject_text` as mail-parser's header (an empty value is `Empty`), at `at` in the message.
#[cfg(test)]
fn plain_subject(field: &[u8], at: usize) -> Option<Header<'static>> {
    let colon = memchr::memchr(b':', field)?;
    let (start, end) = plain_subject_text(field)?;
    let text = std::str::from_utf8(&field[start..end]).ok()?;
    let offset = |o: usize| u32::try_from(at + o).ok();
    Some(Header {
        name: HeaderName::Subject,
        value: if text.is_empty() {
            mail_parser::HeaderValue::Empty
        } else {
            mail_parser::HeaderValue::Text(text.to_string().into())
        },
        offset_field: offset(0)?,
        offset_start: offset(colon + 1)?,
        offset_end: offset(field.len())?,
    })
}

/// The fields that decide how a part is read, found as mail-parser's `MimeHeaders` finds them: the last field
/// of each name, and its value only when it has the expected form.
#[derive(Debug, Default, Clone, Copy)]
struct MimeFields<'h> {
    content_type: Option<&'h ContentType<'h>>,
    transfer_encoding: Option<&'h str>,
    disposition: Option<&'h ContentType<'h>>,
}

impl<'h> MimeFields<'h> {
    fn of(headers: &'h [Header<'h>]) -> MimeFields<'h> {
        let mut mime = MimeFields::default();
        for header in headers {
            mime.add(header);
        }
        mime
    }

    fn add(&mut self, header: &'h Header<'h>) {
        match header.name {
            HeaderName::ContentType => self.content_type = header.value.as_content_type(),
            HeaderName::ContentTransferEncoding => self.transfer_encoding = header.value.as_text(),
            HeaderName::ContentDisposition => self.disposition = header.value.as_content_type(),
            _ => {}
        }
    }

    /// mail-parser's `attachment_name`.
    fn attachment_name(&self) -> Option<&'h str> {
        self.disposition
            .and_then(|d| d.attribute("filename"))
            .or_else(|| self.content_type.and_then(|c| c.attribute("name")))
    }

    /// The charset's label (none: empty).
    fn charset(&self) -> &'h str {
        self.content_type
            .and_then(|c| c.attribute("charset"))
            .unwrap_or("")
    }

    /// How `single_part` reads one part in no encoding or quoted-printable and a charset decoded here, or in
    /// base64 and a charset that mail-parser reads as UTF-8 (none, `utf-8`) or as ASCII (`us-ascii`); `None`
    /// for anything else. Quoted-printable and base64 are named as mail-parser's message parser names them (the
    /// whole value, ASCII case-insensitively, untrimmed).
    fn single(&self) -> Option<Single> {
        let structured = self.content_type.is_some_and(|c| {
            c.ctype().eq_ignore_ascii_case("multipart") || c.ctype().eq_ignore_ascii_case("message")
        });
        let charset = Charset::from_label(self.charset());
        // mail-parser decodes a charset it names (`charset_decoder`) and reads the others as UTF-8; of the
        // labels read here as UTF-8, it names only the ASCII ones (as Windows-1252).
        let named = || charset_decoder(self.charset().as_bytes()).is_some();
        let (encoding, ascii_only) = match self.transfer_encoding {
            None => (Encoding::None, false),
            Some(e) if e.eq_ignore_ascii_case("quoted-printable") => {
                (Encoding::QuotedPrintable, false)
            }
            Some(e) if e.eq_ignore_ascii_case("base64") && charset == Some(Charset::Utf8) => {
                (Encoding::Base64, named())
            }
            Some(e)
                if ["7bit", "8bit", "binary"]
                    .iter()
                    .any(|plain| e.trim().eq_ignore_ascii_case(plain)) =>
            {
                (Encoding::None, false)
            }
            Some(_) => return None,
        };
        (!structured && charset.is_some()).then(|| Single {
            encoding,
            read: reading(self),
            ascii_only,
        })
    }
}

/// `eml_segments`, reading a message of one plain, quoted-printable or base64 part without mail-parser's body
/// pass when `shortcut` (`single_part`; the tests hold it to the full parse).
fn eml_segments_with<'a>(
    raw: &'a [u8],
    first_line: usize,
    shortcut: Option<&mut FieldCache>,
    out: &mut Vec<Segment<'a>>,
    unread: &mut Vec<usize>,
) -> Result<(), String> {
    // A message saved with its mbox envelope line (`From sender date`) is still one message.
    if let Some(end) = envelope_line_end(raw) {
        let next = (end + 1).min(raw.len());
        return eml_segments_with(&raw[next..], first_line + 1, shortcut, out, unread);
    }
    if shortcut.is_some_and(|fields| single_part(raw, first_line, fields, out)) {
        return Ok(());
    }
    let message = parser()
        .parse(raw)
        .filter(|m| !m.parts.is_empty() && !m.parts[0].headers.is_empty())
        .ok_or_else(|| {
            "not a mail message: mail-parser found no header fields in it".to_string()
        })?;
    let lines = LineMap::Counted { first: first_line };
    let mut cursor = LineCursor::new(&lines, raw);
    push_subject(&message.parts[0].headers, &mut cursor, out);
    message_parts(&message, raw, &mut cursor, None, MAX_REPARSE, out, unread);
    Ok(())
}

/// The first Subject of parsed headers as a segment on its field's line, when it is text.
fn push_subject(headers: &[Header], cursor: &mut LineCursor, out: &mut Vec<Segment>) {
    if let Some(subject) = headers.iter().find(|h| h.name == HeaderName::Subject) {
        if let Some(text) = subject.value.as_text() {
            let line = cursor.line_at(subject.offset_field as usize);
            out.push(Segment::plain(text.to_string(), LineMap::Fixed(line)));
        }
    }
}

/// A message of one part in no transfer encoding or in quoted-printable and a charset decoded here (most plain
/// mail, and HTML mail in quoted-printable), or in base64 and UTF-8 or ASCII (`MimeFields::single`), read as
/// the full parse would read it, from its header fields alone, its segments pushed to `out`: mail-parser's
/// body pass walks the body byte by byte and decodes it into a string that the exact path of `part_segment`
/// does not use, and then `decode_lines` decodes a quoted-printable body a second time (under callgrind, 4 MiB
/// of the bench's plain mail as an mbox scanned twice: 227 M instructions with that pass, 176 M without); its
/// base64 decoder, a byte at a time, was 34 M of the 77 M instructions of an mbox of encoded mail
/// (`make bench-instructions`). `false`, and nothing pushed, for anything else (multipart, an attached
/// message, another charset, a header block that does not end with a blank line right after its last field, a
/// body that mail-parser's decoder gives up on or that decodes to what it reads otherwise (`single_body`), a
/// message without a body): the full parse reads those.
fn single_part<'a>(
    raw: &'a [u8],
    first_line: usize,
    fields: &mut FieldCache,
    out: &mut Vec<Segment<'a>>,
) -> bool {
    // Offsets are `u32` in mail-parser's parts: a larger message is left to the full parse, as before.
    if u32::try_from(raw.len()).is_err() {
        return false;
    }
    if let Some((end, body_lines)) = scanned_headers(raw, fields) {
        // The lines are those `scanned_headers` walked: no count from the message's start.
        let Some(single) = fields.decide() else {
            return false;
        };
        let Some(body) = single_body(single, &raw[end + 1..], first_line + body_lines) else {
            return false;
        };
        let fields = &*fields;
        // The first Subject, as the full parse's `find`.
        if let Some(kept) = fields.kept.iter().find(|k| {
            fields
                .parsed(k.value)
                .is_none_or(|h| h.name == HeaderName::Subject)
        }) {
            let text = match fields.parsed(kept.value) {
                // A plain Subject is borrowed from the file: no copy.
                None => match kept.value {
                    Slot::PlainSubject(start, end) if start < end => {
                        utf8(&raw[start..end]).map(Cow::Borrowed)
                    }
                    _ => None,
                },
                Some(header) => header.value.as_text().map(|t| Cow::Owned(t.to_string())),
            };
            if let Some(text) = text {
                out.push(Segment::plain(text, LineMap::Fixed(first_line + kept.line)));
            }
        }
        out.extend(body);
        return true;
    }
    let Some(headers) = parser()
        .parse_headers(raw)
        .and_then(|m| m.parts.into_iter().next())
        .map(|p| p.headers)
    else {
        return false;
    };
    // Where mail-parser's header loop stops: blanks, then the line feed of the empty line.
    let Some(mut at) = headers.last().map(|h| h.offset_end as usize) else {
        return false;
    };
    loop {
        match raw.get(at) {
            Some(b'\n') => break,
            Some(b) if b.is_ascii_whitespace() => at += 1,
            _ => return false,
        }
    }
    let Some(single) = MimeFields::of(&headers).single() else {
        return false;
    };
    let lines = LineMap::Counted { first: first_line };
    let mut cursor = LineCursor::new(&lines, raw);
    let body_line = cursor.line_at(at + 1);
    let Some(body) = single_body(single, &raw[at + 1..], body_line) else {
        return false;
    };
    push_subject(&headers, &mut cursor, out);
    out.extend(body);
    true
}

/// The segment of the body of a message of one part (`single`), read as the full parse reads it; `None` when
/// mail-parser's decoder would give up on it (told by `decode_qp_lines` as it decodes, `decode_base64`), or its
/// base64 decodes to bytes that the full parse would read otherwise: non-ASCII where mail-parser reads the
/// charset as Windows-1252, and invalid UTF-8 in a calendar, whose lines `unfold` joins before the text is
/// decoded (mail-parser's text has U+FFFD in place of the invalid bytes by then). The body is decoded once,
/// here, and not at all when the part holds no text.
fn single_body(single: Single, body: &[u8], body_line: usize) -> Option<Option<Segment<'_>>> {
    let Some((kind, charset)) = single.read else {
        return Some(None);
    };
    let decoded = match (single.encoding, charset) {
        (Encoding::QuotedPrintable, Some(charset)) => {
            let (bytes, points, decodes) = decode_lines(body, body_line, true);
            return decodes.then(|| Some(decoded_segment(kind, bytes, points, charset)));
        }
        (Encoding::Base64, _) => {
            let decoded = decode_base64(body)?;
            if single.ascii_only && !decoded.is_ascii()
                || kind == Kind::Calendar && utf8(&decoded).is_none()
            {
                return None;
            }
            Some(decoded)
        }
        // Quoted-printable without a charset is not reached: `single()` takes a part only with its charset
        // read; were it reached, `None` sends the message to the full parse, which decides.
        _ => None,
    };
    // Bodies read in place or by `decode_lines` take the instance of `body_segment` without decoded bytes, as
    // before base64 came here: one instance for both cost an mbox scan of plain mail 0.7 % more instructions
    // under callgrind (`make bench-instructions`), in how the in-place path compiled.
    let (encoding, at) = (single.encoding, Some(body));
    Some(match decoded {
        None => body_segment(kind, charset, encoding, at, body_line, false, || None),
        Some(bytes) => body_segment(kind, charset, encoding, at, body_line, false, || {
            Some(bytes)
        }),
    })
}

/// The header fields the scan reads (Subject and the `Content-*` fields), into `fields.kept`, each parsed by
/// mail-parser as it parses them in the whole header block, and where the empty line after the block ends and
/// how many lines lie before the body; `None` unless every line of the block is a plain `Name: value` field or
/// the folded continuation of one and the block ends with an empty line (`\n` or `\r\n`): anything else is
/// left to mail-parser's own header loop. The lines are found 64 bytes a step (`LineFeeds`) and only the kept
/// fields go through mail-parser, each alone and once per file (`FieldCache`; a Subject of plain text not even
/// once, `plain_subject_text`): it otherwise walks every byte of the fields it ignores (`Received`,
/// `DKIM-Signature`, the addresses: most of a header block).
fn scanned_headers(raw: &[u8], fields: &mut FieldCache) -> Option<(usize, usize)> {
    fields.kept.clear();
    fields.spilled.clear();
    // Whether the line's field is kept, and if so whether it is the Subject (`kept_name`).
    let mut keeping = None;
    let mut seen = false;
    let mut at = 0;
    let mut line = 0;
    let mut feeds = LineFeeds::new(raw);
    let end = loop {
        let line_end = feeds.next(at);
        if line_end >= raw.len() {
            return None;
        }
        let text = &raw[at..line_end];
        match text.first() {
            None | Some(b'\r') if text.len() <= 1 => break line_end,
            Some(b' ' | b'\t') => {
                if !seen || text.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
            }
            _ => {
                // A byte before the colon that is not graphic, or no colon, makes no field.
                let colon = name_end(text);
                if colon == 0 || text.get(colon) != Some(&b':') {
                    return None;
                }
                seen = true;
                keeping = kept_name(&text[..colon]);
                if let Some(subject) = keeping {
                    fields.kept.push(Kept {
                        start: at,
                        end: at,
                        line,
                        subject,
                        value: Slot::Cached(0),
                    });
                }
            }
        }
        if keeping.is_some() {
            if let Some(field) = fields.kept.last_mut() {
                field.end = line_end + 1;
            }
        }
        at = line_end + 1;
        line += 1;
    };
    if !seen {
        return None;
    }
    for k in 0..fields.kept.len() {
        let kept = fields.kept[k];
        let field = &raw[kept.start..kept.end];
        let plain = kept.subject.then(|| plain_subject_text(field)).flatten();
        fields.kept[k].value = match plain {
            Some((start, end)) => Slot::PlainSubject(kept.start + start, kept.start + end),
            None => fields.slot(field)?,
        };
    }
    Some((end, line + 1))
}

/// Whether the scan keeps a field by its name (`name_end`: graphic bytes, no colon): `Some(true)` for the
/// Subject, `Some(false)` for a `Content-*` field, ASCII case aside. The name's first bytes are compared as
/// one word with the case bit (0x20) set in every byte: for a graphic byte that equals a lower-case letter
/// only for that letter and its capital, and `-` only for `-` (0x0D, the other byte it would take, is not
/// graphic). `eq_ignore_ascii_case` on both names, a byte at a time, was about 0.1 instructions a byte of an
/// mbox of plain mail under callgrind (`make bench-instructions`): every name of eight bytes or more (most
/// names) was compared with `content-`.
fn kept_name(name: &[u8]) -> Option<bool> {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let word = |bytes: &[u8]| {
        let mut word = [0u8; 8];
        word[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(word) | CASE
    };
    match name.len() {
        7 => (word(name) == word(b"subject")).then_some(true),
        8.. => (word(&name[..8]) == word(b"content-")).then_some(false),
        _ => None,
    }
}

/// The line feeds of a header block, 64 bytes at a time: a mask a block (a bit a byte, `mask64`, four
/// 16-byte quarters), so that a line (about 40 bytes in a header block) costs a shift and a bit search where a
/// search of its own (`find3`, 16 bytes a step, and its set-up at each line) cost about 0.05 instructions a
/// byte of an mbox of plain mail more under callgrind (`make bench-instructions`).
struct LineFeeds<'r> {
    raw: &'r [u8],
    /// The block's first byte, and its line feeds (bits past the text's end clear).
    base: usize,
    mask: u64,
}

impl<'r> LineFeeds<'r> {
    fn new(raw: &'r [u8]) -> LineFeeds<'r> {
        LineFeeds {
            raw,
            base: 0,
            mask: Self::block(raw, 0),
        }
    }

    /// The line feeds among the 64 bytes from `base` (fewer at the text's end).
    #[inline]
    fn block(raw: &[u8], base: usize) -> u64 {
        mask64(raw, base, Marks::LineFeeds)
    }

    /// The first line feed at or after `at` (`raw.len()` if none), as `find3` finds it.
    #[inline]
    fn next(&mut self, at: usize) -> usize {
        let mut from = at;
        loop {
            let into = from.wrapping_sub(self.base);
            if into < 64 {
                let after = self.mask >> into;
                if after != 0 {
                    return from + after.trailing_zeros() as usize;
                }
                from = self.base + 64;
            }
            if from >= self.raw.len() {
                return self.raw.len();
            }
            self.base = from;
            self.mask = Self::block(self.raw, from);
        }
    }
}

/// Where a header line's name ends: its first byte that is a colon or not graphic (`line.len()` if none).
/// With SSE2 (every x86-64) 16 bytes a step, three comparisons each (signed, a byte from 0x80 up is below
/// 0x21 too); a byte at a time it cost about six instructions a byte of the names, 6 % of an mbox scan of
/// plain mail under callgrind (a `memchr` call a line cost more than the names' few bytes).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn name_end(line: &[u8]) -> usize {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut at = 0;
    while let Some(chunk) = line.get(at..at + 16) {
        // SAFETY: SSE2 is in this build (`cfg` above), which is all the intrinsics require; the load reads the
        // sixteen bytes of `chunk`, with no alignment requirement (`_mm_loadu_si128`).
        let ends = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            let low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x21));
            let delete = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
            let colon = _mm_cmpeq_epi8(v, _mm_set1_epi8(b':' as i8));
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, delete), colon))
        };
        if ends != 0 {
            return at + ends.trailing_zeros() as usize;
        }
        at += 16;
    }
    at + name_end_bytes(&line[at..])
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn name_end(line: &[u8]) -> usize {
    name_end_bytes(line)
}

/// `name_end` a byte at a time.
fn name_end_bytes(line: &[u8]) -> usize {
    line.iter()
        .position(|&b| b == b':' || !b.is_ascii_graphic())
        .unwrap_or(line.len())
}

/// The text parts of a message. `fixed` is the line to report everything on when the message's offsets do not
/// point into the file (a message attached in base64).
fn message_parts<'a>(
    message: &Message,
    raw: &'a [u8],
    cursor: &mut LineCursor,
    fixed: Option<usize>,
    reparse: usize,
    out: &mut Vec<Segment<'a>>,
    unread: &mut Vec<usize>,
) {
    for part in &message.parts {
        let body_line = fixed.unwrap_or_else(|| cursor.line_at(part.offset_body as usize));
        match &part.body {
            PartType::Binary(bytes) | PartType::InlineBinary(bytes) if is_message(part) => {
                // mail-parser stopped decoding nested messages here (its depth limit, or a part it could
                // not parse): parse it again, within our own limit, or say that it was not read.
                let nested = (reparse > 0)
                    .then(|| parser().parse(bytes.as_ref()))
                    .flatten()
                    .filter(|m| !m.parts.is_empty() && !m.parts[0].headers.is_empty());
                match nested {
                    Some(nested) => {
                        let own = nested.raw_message.as_ref();
                        let own_lines = LineMap::Fixed(body_line);
                        let mut own_cursor = LineCursor::new(&own_lines, own);
                        let mut own_out = Vec::new();
                        message_parts(
                            &nested,
                            own,
                            &mut own_cursor,
                            Some(body_line),
                            reparse - 1,
                            &mut own_out,
                            unread,
                        );
                        out.extend(own_out.into_iter().map(|s| s.into_owned()));
                    }
                    None => unread.push(body_line),
                }
            }
            PartType::Text(_)
            | PartType::Html(_)
            | PartType::Binary(_)
            | PartType::InlineBinary(_) => {
                part_segment(part, raw, body_line, fixed.is_some(), out);
            }
            PartType::Message(nested) => {
                // Nested parts of a message embedded as-is share our offsets; a decoded one has its own.
                if nested.raw_message.as_ptr() == raw.as_ptr() {
                    message_parts(nested, raw, cursor, fixed, reparse, out, unread);
                } else {
                    let mut own_out = Vec::new();
                    let bytes = nested.raw_message.as_ref();
                    message_parts(
                        nested,
                        bytes,
                        cursor,
                        Some(body_line),
                        reparse,
                        &mut own_out,
                        unread,
                    );
                    out.extend(own_out.into_iter().map(|s| s.into_owned()));
                }
            }
            PartType::Multipart(_) => {}
        }
    }
}

/// A part holding a whole message (`message/rfc822`, `message/global`).
fn is_message(part: &MessagePart) -> bool {
    part.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("message")
            && c.subtype().is_some_and(|s| {
                s.eq_ignore_ascii_case("rfc822") || s.eq_ignore_ascii_case("global")
            })
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Html,
    Calendar,
}

fn part_segment<'a>(
    part: &MessagePart,
    raw: &'a [u8],
    body_line: usize,
    fixed: bool,
    out: &mut Vec<Segment<'a>>,
) {
    let mime = MimeFields::of(&part.headers);
    let Some((kind, charset)) = reading(&mime) else {
        return;
    };
    let body = raw.get(part.offset_body as usize..part.offset_end as usize);
    // A part said to be base64 that mail-parser left undecoded (one character outside the alphabet, and it
    // keeps the raw text): a mail client ignores such characters (RFC 2045 §6.8) and shows the text, whose
    // links were not read. Decoded so here too, besides the raw text (read below, as before).
    if part.encoding == Encoding::None
        && mime
            .transfer_encoding
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("base64"))
    {
        if let Some(body) = body {
            let decoded = crate::base64::decode_ignoring_others(body);
            let charset = charset.unwrap_or(Charset::Utf8);
            out.push(decoded_segment(
                kind,
                decoded,
                vec![(0, body_line)],
                charset,
            ));
        }
    }
    out.extend(body_segment(
        kind,
        charset,
        part.encoding,
        body,
        body_line,
        fixed,
        || match &part.body {
            PartType::Text(t) | PartType::Html(t) => Some(t.as_bytes().to_vec()),
            PartType::Binary(b) | PartType::InlineBinary(b) => Some(b.to_vec()),
            _ => None,
        },
    ));
}

/// How a part is read, by its MIME fields: as what, in which charset (`None`: one not decoded here); `None`
/// for a part that holds no text.
fn reading(mime: &MimeFields) -> Option<(Kind, Option<Charset>)> {
    let content_type = mime.content_type;
    // Compared ASCII case-insensitively in place: no lower-cased copies per part.
    let ctype = content_type.map_or("text", |c| c.ctype());
    let subtype = content_type.and_then(|c| c.subtype()).unwrap_or("plain");
    let file_name = mime.attachment_name().unwrap_or("").as_bytes();
    let named = |suffix: &str| {
        file_name.len() >= suffix.len()
            && file_name[file_name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    // A multipart part with a body of its own is one whose boundary never came (mail-parser keeps the body
    // whole as text): a mail client shows it as text, so it is read as such, not skipped.
    let text = ctype.eq_ignore_ascii_case("text") || ctype.eq_ignore_ascii_case("multipart");
    let kind = if ["calendar", "ics"]
        .iter()
        .any(|s| subtype.eq_ignore_ascii_case(s))
        || named(".ics")
    {
        Kind::Calendar
    } else if text && subtype.eq_ignore_ascii_case("html") {
        Kind::Html
    } else if text {
        Kind::Plain
    } else if named(".html") || named(".htm") {
        Kind::Html
    } else if named(".txt") || named(".eml") {
        Kind::Plain
    } else {
        return None;
    };
    Some((kind, Charset::from_label(mime.charset())))
}

/// The segment of a part's body (`body`, its raw bytes in the file, if its offsets point there), read as
/// `reading` says; `decoded` gives the decoded bytes when the body is not read here (mail-parser's decoding of
/// base64 and other charsets, or `decode_base64`'s).
fn body_segment<'a>(
    kind: Kind,
    charset: Option<Charset>,
    encoding: Encoding,
    body: Option<&'a [u8]>,
    body_line: usize,
    fixed: bool,
    decoded: impl FnOnce() -> Option<Vec<u8>>,
) -> Option<Segment<'a>> {
    // Plain UTF-8 without carriage returns, as in the file: `decode_lines` would copy it unchanged with a
    // line point per line. It is read in place, its lines counted (the same lines; under callgrind this copy
    // and its points were 16 % of an mbox scan's instructions on plain mail).
    if let (Encoding::None, Some(Charset::Utf8), Some(body), false, Kind::Plain | Kind::Html) =
        (encoding, charset, body, fixed, kind)
    {
        if memchr::memchr(b'\r', body).is_none() {
            if let Some(text) = utf8(body) {
                let lines = LineMap::Counted { first: body_line };
                return Some(match kind {
                    Kind::Html => html_to_text(text, &lines),
                    _ => Segment::plain(text, lines),
                });
            }
        }
    }
    let exact = match (encoding, charset, body, fixed) {
        (Encoding::QuotedPrintable, Some(charset), Some(body), false) => {
            Some((decode_lines(body, body_line, true), charset))
        }
        (Encoding::None, Some(charset), Some(body), false) => {
            Some((decode_lines(body, body_line, false), charset))
        }
        _ => None,
    };
    let (bytes, points, charset) = match exact {
        Some(((bytes, points, _), charset)) => (bytes, points, charset),
        None => {
            // mail-parser's own decoding (base64, other charsets), all on the part's first body line.
            (decoded()?, vec![(0, body_line)], Charset::Utf8)
        }
    };
    Some(decoded_segment(kind, bytes, points, charset))
}

/// The segment of a part's decoded body (`bytes` in `charset`, its file lines at `points`) read as `kind`.
fn decoded_segment(
    kind: Kind,
    bytes: Vec<u8>,
    points: Vec<(usize, usize)>,
    charset: Charset,
) -> Segment<'static> {
    // A calendar as a calendar file is read: its HTML values (Outlook's `X-ALT-DESC;FMTTYPE=text/html`) as
    // HTML (session 43; only `.ics` files were).
    if kind == Kind::Calendar {
        return calendar_segment(&bytes, &LineMap::Points(points), charset);
    }
    let (text, lines) = decode_text(bytes, charset, &points);
    match kind {
        Kind::Html => html_to_text(&text, &lines),
        Kind::Plain | Kind::Calendar => Segment::plain(text, lines),
    }
}

/// A raw part body decoded line by line (quoted-printable when `qp`, `decode_qp_lines`), with the file line of
/// each piece, and whether mail-parser's decoder reads it to its end (`decode_qp_lines`; always for a body not
/// in quoted-printable). The lines are found 16 bytes a step inline (`find3`), not by a `memchr` call each, and
/// the points are given room for every line up front.
fn decode_lines(body: &[u8], first_line: usize, qp: bool) -> (Vec<u8>, Vec<(usize, usize)>, bool) {
    let mut points = PointsBuilder::for_text(&LineMap::Counted { first: first_line }, body);
    let (out, decodes) = if qp {
        decode_qp_lines(body, first_line, &mut points)
    } else {
        let mut out = Vec::with_capacity(body.len());
        let mut line = first_line;
        let mut start = 0;
        while start < body.len() {
            let end = find3(body, start, b'\n', b'\n', b'\n');
            let text = &body[start..end];
            points.mark(out.len(), line);
            out.extend_from_slice(text.strip_suffix(b"\r").unwrap_or(text));
            if end < body.len() {
                out.push(b'\n');
            }
            line += 1;
            start = end + 1;
        }
        (out, true)
    };
    let LineMap::Points(points) = points.finish() else {
        unreachable!("PointsBuilder makes points")
    };
    (out, points, decodes)
}

/// A quoted-printable body decoded, a point marked at the start of each of its lines, and whether
/// mail-parser's decoder (`decode_quoted_printable_mime`, a part without a boundary) reads it to its end. A
/// line is its bytes less one carriage return at its end; a line that ends with `=` after blanks (transport
/// padding, RFC 2045 §6.7, rule 3) joins the next (a soft break); `=XX` becomes its byte, and a malformed `=`
/// stays as it is (RFC 2045 recommends leniency).
///
/// One walk, 16 bytes a step: each step copies its 16 bytes whole to the output and moves on to its first `=`
/// or line feed (`mask3`), whose bytes are then written over; the output is never longer than the body (an
/// escape writes one byte for three, a break drops bytes), so a step's copy never leaves it. Copying each run
/// between two `=`s by `extend_from_slice` (a `memcpy` call and the vector's length check each), a push a byte
/// and `char::to_digit` for the digits, and a walk of its own for mail-parser's test (`qp_decodes`, which this
/// replaced), the decoding was 3.9 M of the 32.6 M instructions of `make bench-instructions`' mbox of encoded
/// mail under callgrind, and 2.2 M this way (session 38). A carriage return before a line feed or the body's
/// end is always text copied just before it (no escape or break ends with one), so it is dropped by stepping
/// back over it.
fn decode_qp_lines(body: &[u8], first_line: usize, points: &mut PointsBuilder) -> (Vec<u8>, bool) {
    let len = body.len();
    let mut decoded = Vec::with_capacity(len);
    // Written in place, not pushed: every byte below `w` has been written (a step writes 16 bytes from `w` and
    // `w` moves at most that far; a single byte is written at `w` before `w` moves past it).
    let out = decoded.spare_capacity_mut();
    // Read at `r`, written at `w` (never past `r`).
    let (mut r, mut w, mut line) = (0, 0, first_line);
    let mut decodes = true;
    if len > 0 {
        points.mark(0, line);
    }
    loop {
        let step = if r + STEP <= len {
            // SAFETY: the 16 bytes read from `r` lie in `body` (`r + STEP` ≤ `len`), and as `w` ≤ `r` the 16
            // written from `w` lie within the capacity `len`.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    body.as_ptr().add(r),
                    out.as_mut_ptr().add(w).cast::<u8>(),
                    STEP,
                )
            };
            STEP
        } else if r < len {
            out[w..w + len - r].write_copy_of_slice(&body[r..]);
            len - r
        } else {
            break;
        };
        let bits = mask3(body, r, b'=', b'\n', b'\n');
        if bits == 0 {
            r += step;
            w += step;
            continue;
        }
        let at = bits.trailing_zeros() as usize;
        // `mask3` sets no bit past the step or the body, so the bytes up to `w + at` (and the `=` at it, which
        // text counts as written below) are among those this step copied.
        debug_assert!(at < step);
        r += at;
        w += at;
        if body[r] == b'\n' {
            if r > 0 && body[r - 1] == b'\r' {
                w -= 1;
            }
            out[w].write(b'\n');
            w += 1;
            r += 1;
        } else if let Some(b) = body.get(r + 1..r + 3).and_then(|d| hex::byte(d[0], d[1])) {
            out[w].write(b);
            w += 1;
            r += 3;
            continue;
        } else {
            decodes &= escape_ends(body, r);
            // A soft break: blanks, then one carriage return at most, then the line's end.
            let mut j = r + 1;
            while matches!(body.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            if body.get(j) == Some(&b'\r') && matches!(body.get(j + 1), None | Some(b'\n')) {
                j += 1;
            }
            match body.get(j) {
                // The `=` and what follows it are dropped.
                None => {
                    // SAFETY: the bytes below `w` have been written (above).
                    unsafe { decoded.set_len(w) };
                    return (decoded, decodes);
                }
                Some(b'\n') => r = j + 1,
                // Text: the `=` was written with its step.
                Some(_) => {
                    w += 1;
                    r += 1;
                    continue;
                }
            }
        }
        line += 1;
        if r < len {
            points.mark(w, line);
        }
    }
    // The last line's carriage return, as a line feed's above.
    if body.last() == Some(&b'\r') {
        w -= 1;
    }
    // SAFETY: the bytes below `w` have been written (above).
    unsafe { decoded.set_len(w) };
    (decoded, decodes)
}

/// Whether mail-parser's quoted-printable decoder goes on past the `=` at `at` that does not start an escape
/// of two hexadecimal digits (one that does never stops it): it gives up at an `=` that comes while the escape
/// is unfinished, after the blanks and carriage returns it skips after an `=`, or after the line feeds after
/// `=X`. Every `=` of a body is one `decode_qp_lines` stops at (escapes and soft breaks hold none), so the test
/// at each tells what the decoder's walk over the whole body tells.
fn escape_ends(body: &[u8], at: usize) -> bool {
    let mut rest = body[at + 1..].iter();
    // After the `=`: blanks and carriage returns stay in the escape, a line feed ends it.
    let mut next = rest.find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'));
    if next.is_some_and(|&b| hex::value(b) != hex::INVALID) {
        // After `=X`: carriage returns and line feeds stay in the escape.
        next = rest.find(|&&b| !matches!(b, b'\r' | b'\n'));
    }
    next != Some(&b'=')
}

/// A base64 body decoded as mail-parser's `decode_base64_mime` decodes a part without a boundary (the full
/// parse's decoder for a message of one part): blanks and line breaks are skipped; `=` ends a group early, with
/// one byte for one or two characters and two for three (one character's six bits make a byte of their own
/// there); characters after it start a new group; a lone `-` is skipped; an unfinished group at the end is
/// dropped. `None` where it gives up (two `-` in a row, any other byte): the full parse then reads the part as
/// unencoded. The runs of whole groups, and the line breaks between them, go to `base64::decode_lines`, the
/// engine's one decoder.
fn decode_base64(body: &[u8]) -> Option<Vec<u8>> {
    use crate::base64::{value, INVALID};
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let (mut acc, mut count, mut last, mut at) = (0u32, 0, b'\n', 0);
    loop {
        if count == 0 {
            let done = crate::base64::decode_lines(&body[at..], &mut out);
            if done > 0 {
                at += done;
                // A character of the alphabet or a line break: not a `-`.
                last = b'A';
            }
        }
        let Some(&b) = body.get(at) else {
            break;
        };
        at += 1;
        let v = value(b);
        if v != INVALID {
            acc = acc << 6 | u32::from(v);
            count = (count + 1) % 4;
            if count == 0 {
                out.extend_from_slice(&acc.to_be_bytes()[1..]);
            }
        } else {
            match b {
                b'=' => {
                    match count {
                        1 => out.push((acc << 2) as u8),
                        2 => out.push((acc >> 4) as u8),
                        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
                        _ => {}
                    }
                    count = 0;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'-' if last != b'-' => {}
                _ => return None,
            }
        }
        last = b;
    }
    Some(out)
}

/// The messages of an mbox: for each, the offset of its `From ` line, the offset and line of its first header.
/// A `From ` line opens a message when it has the envelope's shape (`From <sender> <date with a time>`) and
/// starts the file or follows a blank line; `From the desk of…` in a body, or a quoted `>From `, does not.
/// Only lines that open with `F` are read (found 64 bytes a step, not line by line: a `memchr` call per line
/// was a tenth of an mbox scan's instructions under callgrind), and the line feeds are counted by the same pass
/// (`newline_before`; a `memmem` search for `\nFrom ` and a count up to each message were two passes).
pub fn mbox_messages(raw: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut messages = Vec::new();
    // The line of `at` (1-based), where the search for the next line that starts with `F` resumes: the line
    // feeds are counted by the same pass that finds them (`newline_before`).
    let (mut line, mut at) = (1, 0);
    let mut first = raw.starts_with(b"From ");
    loop {
        let start = if std::mem::take(&mut first) {
            0
        } else {
            let (found, newlines) = newline_before(raw, at, b'F');
            line += newlines;
            let Some(found) = found else {
                break;
            };
            (line, at) = (line + 1, found + 1);
            if !raw[at..].starts_with(b"From ") {
                continue;
            }
            at
        };
        if let Some(headers) = opens_message(raw, start) {
            messages.push((start, headers, line + 1));
        }
    }
    messages
}

/// Where the headers start when the line at `start` (a line's first byte) opens a message of an mbox: it is an
/// envelope line (`envelope_line_end`) and the first line or one after a blank line.
fn opens_message(raw: &[u8], start: usize) -> Option<usize> {
    // The line before (without its line feed) is blank, or this is the first line. An empty line (a line
    // feed two bytes back, as mbox writers leave) is told without a `memrchr` call for its start.
    let previous_blank = start <= 1 || raw[start - 2] == b'\n' || {
        let before = &raw[..start - 1];
        let from = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        before[from..].iter().all(u8::is_ascii_whitespace)
    };
    if !previous_blank {
        return None;
    }
    let end = start + envelope_line_end(&raw[start..])?;
    Some((end + 1).min(raw.len()))
}

/// Where the line ends (its line feed, or the text's end) when `text` opens with an envelope line, `From
/// sender@example.org Mon Mar  2 10:00:00 2026`; `None` when it does not. The line's end is found once, for the
/// check and for the caller (each looked for it: 0.05 instructions a byte of an mbox of plain mail under
/// callgrind, with the prefix checked last).
fn envelope_line_end(text: &[u8]) -> Option<usize> {
    // The prefix first: `eml_segments` asks this of every message's first line, which is seldom one.
    let rest = text.strip_prefix(b"From ")?;
    // Inline, 16 bytes a step (`find3`): a `memchr` call for the line's end and a byte loop for the space
    // after the sender were about 0.06 instructions a byte of an mbox of plain mail under callgrind (`make
    // bench-instructions`), for lines of about 50 bytes.
    let end = find3(rest, 0, b'\n', b'\n', b'\n');
    let rest = &rest[..end];
    let space = find3(rest, 0, b' ', b' ', b' ');
    let date = rest.get(space..).filter(|date| !date.is_empty())?;
    // A time (`10:00`: a digit, a colon, a digit) and a four-digit year: asctime dates have both. One walk over
    // the date, each byte looked at once (a window search for each was 2 % of an mbox scan's instructions,
    // callgrind), from its end, where asctime puts the year and then the time's seconds: it stops when it has
    // seen both, after 9 bytes of `Mon Mar  2 10:00:00 2026` (from the start it read all of them, 0.11
    // instructions a byte of an mbox of plain mail). Both shapes read the same either way.
    let (mut digits, mut colon, mut has_time, mut has_year) = (0, false, false, false);
    for &b in date.iter().rev() {
        if b.is_ascii_digit() {
            // `colon`: the bytes before (after, in the text) are a digit and a colon.
            has_time |= colon && digits == 0;
            digits += 1;
            has_year |= digits >= 4;
            if has_time && has_year {
                break;
            }
        } else {
            colon = b == b':' && digits > 0;
            digits = 0;
        }
    }
    (space > 0 && has_time && has_year).then_some(b"From ".len() + end)
}

// The tests' messages carry base64 parts; the encoder is shared with the benchmarks' mail.
#[cfg(test)]
#[path = "../../benches/support/base64.rs"]
mod base64_encoder;

#[cfg(test)]
mod tests {
    use super::base64_encoder::encode_base64;
    use super::*;

    /// Quoted-printable decoding in one walk (`decode_qp_lines`) gives what reading it a line and then a byte at
    /// a time gives (each line less one carriage return, blanks trimmed before a soft break's `=`, then `=XX`
    /// decoded where both are hex digits), bytes and line points, on generated bodies of escapes, broken
    /// escapes, soft breaks, padding and line ends.
    #[test]
    fn quoted_printable_decodes_as_line_by_line() {
        let by_byte = |text: &[u8], out: &mut Vec<u8>| {
            let mut i = 0;
            while i < text.len() {
                if text[i] == b'=' {
                    if let Some(b) = text.get(i + 1..i + 3).and_then(|d| hex::byte(d[0], d[1])) {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                }
                out.push(text[i]);
                i += 1;
            }
        };
        let by_line = |body: &[u8]| {
            let mut out = Vec::new();
            let mut points = PointsBuilder::default();
            let (mut line, mut start) = (10, 0);
            while start < body.len() {
                let end = body[start..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(body.len(), |i| start + i);
                let mut text = &body[start..end];
                text = text.strip_suffix(b"\r").unwrap_or(text);
                points.mark(out.len(), line);
                let mut trimmed = text;
                while let Some((b' ' | b'\t', rest)) = trimmed.split_last() {
                    trimmed = rest;
                }
                let soft = trimmed.ends_with(b"=");
                if soft {
                    text = &trimmed[..trimmed.len() - 1];
                }
                by_byte(text, &mut out);
                if !soft && end < body.len() {
                    out.push(b'\n');
                }
                line += 1;
                start = end + 1;
            }
            let LineMap::Points(points) = points.finish() else {
                unreachable!()
            };
            (out, points)
        };
        let pieces: &[&[u8]] = &[
            b"=",
            b"=3D",
            b"=C3=A9",
            b"=c3",
            b"=G1",
            b"=3",
            b"a",
            b"text ",
            b" ",
            b"\t",
            b"=\r\n",
            b"\n",
            b"\r",
            b"\r\n",
            b"= \n",
            b"=\t\r\n",
            b"=\n",
            b"=\r",
            b"3D",
            b"==",
            b"=0D",
            b"=0A",
            b"=3d=3D",
            b"\xc3\xa9",
            // Runs longer than a 16-byte step, so that escapes and breaks fall at every place of one.
            b"<a href=3D\"https://zoom.us/j/1\">",
            b"0123456789abcdefghijklmnopqrstuvwxyz",
        ];
        let mut numbers = crate::Numbers(0x5EED_0F0E);
        for _ in 0..4000 {
            let body: Vec<u8> = (0..numbers.next() % 40)
                .flat_map(|_| pieces[numbers.below(pieces.len())].iter().copied())
                .collect();
            let (bytes, points, _) = decode_lines(&body, 10, true);
            assert_eq!(
                (bytes, points),
                by_line(&body),
                "{:?}",
                String::from_utf8_lossy(&body)
            );
        }
    }

    #[test]
    fn quoted_printable_keeps_lines() {
        let body = b"Join: https://zoom.us/j/8512=\r\n3456789?pwd=3Dab=  \r\nc\r\nR=C3=A9union\r\n";
        let (bytes, points, decodes) = decode_lines(body, 10, true);
        assert!(decodes);
        assert_eq!(
            bytes,
            "Join: https://zoom.us/j/85123456789?pwd=abc\nRéunion\n".as_bytes()
        );
        assert_eq!(points, vec![(0, 10), (28, 11), (42, 12), (44, 13)]);
    }

    /// The edges of quoted-printable, each with its decoded bytes, line points and whether mail-parser's
    /// decoder reads it to its end.
    #[test]
    fn quoted_printable_edges() {
        // A body, its decoded bytes, their line points, whether mail-parser reads it to its end.
        type Case = (
            &'static [u8],
            &'static [u8],
            &'static [(usize, usize)],
            bool,
        );
        let cases: &[Case] = &[
            // Soft breaks, LF and CRLF, with padding after the `=`; a hard CRLF.
            (
                b"ab=\ncd=\r\nef= \t\r\ngh\r\nij",
                b"abcdefgh\nij",
                &[(0, 10), (2, 11), (4, 12), (6, 13), (9, 14)],
                true,
            ),
            // `=` at the end, alone, after padding, before a lone carriage return; a carriage return that ends
            // the body or comes before another.
            (b"ab=", b"ab", &[(0, 10)], true),
            (b"ab= \t", b"ab", &[(0, 10)], true),
            (b"ab=\r", b"ab", &[(0, 10)], true),
            (b"ab\r", b"ab", &[(0, 10)], true),
            (b"ab\r\r\n", b"ab\r\n", &[(0, 10)], true),
            // Lowercase digits; escapes of a carriage return and a line feed are text, not line ends.
            (
                b"=c3=a9=3d=0D=0A=0D\nx",
                b"\xc3\xa9=\r\n\r\nx",
                &[(0, 10), (7, 11)],
                true,
            ),
            // Invalid escapes stay as they are (an `=` that ends the body is a soft break); mail-parser reads on
            // past `=G1` and `=3x`, not past `==`, `=3=` or `= =`.
            (b"=G1=3x", b"=G1=3x", &[(0, 10)], true),
            (b"a==b", b"a==b", &[(0, 10)], false),
            (b"=3=", b"=3", &[(0, 10)], false),
            (b"= =", b"= ", &[(0, 10)], false),
            (b"=3\n=41", b"=3\nA", &[(0, 10), (3, 11)], false),
            // An escape split by a soft break is not one.
            (b"=3=\nD", b"=3D", &[(0, 10), (2, 11)], false),
            (b"", b"", &[], true),
        ];
        for &(body, bytes, points, decodes) in cases {
            let decoded = decode_lines(body, 10, true);
            assert_eq!(
                decoded,
                (bytes.to_vec(), points.to_vec(), decodes),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    /// Whether mail-parser's decoder reads a body to its end, told by `decode_qp_lines` as it decodes, is what
    /// mail-parser's decoder (`decode_quoted_printable_mime` of a part without a boundary) does, on generated
    /// bodies of escapes, broken escapes, `=`s, blanks and line ends.
    #[test]
    fn quoted_printable_gives_up_where_mail_parser_does() {
        let pieces: &[&[u8]] = &[
            b"=",
            b"=3D",
            b"=3",
            b"3",
            b"=G",
            b"a",
            b" ",
            b"\t",
            b"\x0c",
            b"\r",
            b"\n",
            b"\r\n",
            b"=\n",
            b"==",
            b"text of a line",
        ];
        let mut numbers = crate::Numbers(0x0E5C_A9E5);
        let mut gives_up = 0;
        for _ in 0..20_000 {
            let body: Vec<u8> = (0..numbers.next() % 12)
                .flat_map(|_| pieces[numbers.below(pieces.len())].iter().copied())
                .collect();
            let (end, _) =
                mail_parser::parsers::MessageStream::new(&body).decode_quoted_printable_mime(b"");
            let decodes = decode_lines(&body, 1, true).2;
            assert_eq!(
                decodes,
                end != usize::MAX,
                "{:?}",
                String::from_utf8_lossy(&body)
            );
            gives_up += usize::from(!decodes);
        }
        // Both answers are common.
        assert!((2_000..18_000).contains(&gives_up), "{gives_up}");
    }

    /// The one-part shortcut gives what the full parse gives, whether it applies or falls back.
    #[test]
    fn the_one_part_shortcut_reads_as_the_full_parse() {
        let body = "Join: https://zoom.us/j/85123456789?pwd=abc\nMeeting ID: 851 2345 6789\nPasscode: 482913\n";
        let mut messages: Vec<String> = vec![
            format!("Subject: plain\nFrom: a@b\n\n{body}"),
            format!("Subject: crlf\r\nFrom: a@b\r\n\r\n{}", body.replace('\n', "\r\n")),
            format!("From: a@b\nContent-Type: text/html; charset=utf-8\n\n<p>{body}</p>"),
            format!("From: a@b\nContent-Type: TEXT/PLAIN; charset=ISO-8859-1\nContent-Transfer-Encoding: 8BIT\n\n{body}caf\u{e9}\n"),
            format!("From: a@b\nContent-Type: text/plain; charset=koi8-r\n\n{body}"),
            format!("From: a@b\nContent-Transfer-Encoding: quoted-printable\n\n{}", body.replace('=', "=3D")),
            "From: a@b\nContent-Transfer-Encoding: base64\n\nSm9pbjogaHR0cHM6Ly96b29tLnVzL2ovODUxMjM0NTY3ODk=\n".to_string(),
            format!("From: a@b\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n{body}--b--\n"),
            format!("From: a@b\nContent-Type: message/rfc822\n\nSubject: inner\n\n{body}"),
            format!("Subject: junk line after the fields\nnot a field\n\n{body}"),
            format!("Subject: blanks on the empty line\n  \t\n{body}"),
            format!("Subject: folded\n  subject\nX-Long: a\n b\n\n{body}"),
            "Subject: no body\nFrom: a@b\n".to_string(),
            "Subject: empty body\n\n".to_string(),
            format!("From a@b Mon Mar  2 10:00:00 2026\nSubject: envelope\n\n{body}"),
            format!("no header at all\n{body}"),
            // Quoted-printable, read by the shortcut when mail-parser's decoder reads it to its end.
            format!("Subject: qp html\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<p class=3D\"x\">{}</p>=\n<a href=3D\"https://zoom.us/j/1\">h=C3=B6</a>\n", body.replace('=', "=3D")),
            format!("Subject: qp crlf\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\n{}soft=\r\nbreak padded=  \r\nend=3D\r\n", body.replace('=', "=3D").replace('\n', "\r\n")),
            format!("Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n{}caf=E9 na=EFve=\n\n", body.replace('=', "=3D")),
            format!("Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\n=93quoted=94 {}", body.replace('=', "=3d")),
            format!("Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: quoted-printable\n\n=F0=D2=C9 {body}"),
            format!("Content-Transfer-Encoding:  quoted-printable \n\n{}", body.replace('=', "=3D")),
            format!("Content-Transfer-Encoding: quoted-printable\nContent-Transfer-Encoding: 7bit\n\na=3Db {body}"),
            format!("Content-Transfer-Encoding: 7bit\nContent-Transfer-Encoding: quoted-printable\n\na=3Db {body}"),
            format!("Content-Type: text/calendar\nContent-Transfer-Encoding: quoted-printable\n\nBEGIN:VEVENT\nLOCATION:https://zoom.us/j/85123456789?pwd=3D=\nabc\nEND:VEVENT\n"),
            format!("Content-Type: application/octet-stream\nContent-Transfer-Encoding: quoted-printable\n\n{body}"),
            // Escapes mail-parser keeps as they are, and ones its decoder gives up on (the full parse then reads
            // the part unencoded, and so does the shortcut by leaving it to the full parse).
            "Content-Transfer-Encoding: quoted-printable\n\nbad =ZZ =G1 =4 end =\n=A\nB =\r\r\nx = y =".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\nzoom.us/j/1?pwd==3D".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\nzoom.us/j/1 =A=3D".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\nzoom.us/j/1 = \t=3D".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\nzoom.us/j/1 =A\r\n=3D".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\nzoom.us/j/1 =\n=3D\n=A\nz=3D".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n\n".to_string(),
            "Content-Transfer-Encoding: quoted-printable\n".to_string(),
            // `=` at every place of the 16-byte steps the lines are found in, soft breaks and escapes.
            format!(
                "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n{}",
                (0..48)
                    .map(|n| format!("{}=3D{}{}", "x".repeat(n), "y".repeat(n % 7), ["=\n", "\n", "=\r\n", "= \n", "=4\n"][n % 5]))
                    .collect::<String>()
            ),
        ];
        // Base64, read by the shortcut when mail-parser's decoder reads it to its end and the charset is one
        // it reads as UTF-8 (or as ASCII, and the body decodes to ASCII).
        let html = format!(
            "<p>{body}</p>\n<a href=\"https://zoom.us/j/85123456789?pwd=abc\">R\u{e9}union</a>\n"
        );
        let lines = |text: &[u8], width: usize, crlf: bool| {
            let encoded = encode_base64(text);
            let lines: Vec<&str> = encoded
                .as_bytes()
                .chunks(width)
                .map(|l| std::str::from_utf8(l).unwrap())
                .collect();
            lines.join(if crlf { "\r\n" } else { "\n" }) + if crlf { "\r\n" } else { "\n" }
        };
        // Breaks and blanks at every place of the 32-character steps: lines of 1 to 70 characters.
        let broken = {
            let encoded = encode_base64(html.repeat(3).as_bytes());
            let (mut out, mut at, mut n) = (String::new(), 0, 0);
            while at < encoded.len() {
                let end = (at + 1 + n % 70).min(encoded.len());
                out.push_str(&encoded[at..end]);
                out.push_str(["\n", "\r\n", " \n", "\t", "\n\n", "\r\n "][n % 6]);
                (at, n) = (end, n + 1);
            }
            out
        };
        let header = |fields: &str| {
            format!("Subject: base64\n{fields}Content-Transfer-Encoding: base64\n\n")
        };
        let base64_from = messages.len();
        messages.extend([
            format!("{}{}", header("Content-Type: text/html; charset=utf-8\n"), lines(html.as_bytes(), 76, false)),
            format!("Subject: crlf\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: BASE64\r\n\r\n{}", lines(body.as_bytes(), 76, true)),
            format!("{}{broken}", header("Content-Type: text/html\n")),
            // Padding inside the text (two encoded pieces one after the other), a group cut short by `=` after
            // one character, an unfinished group at the end, lone `-`s.
            format!("{}{}\n{}S=aGk=\nSm9p-bjog- -\naHR0cHM6Ly96b29tLnVzL2ovMQ", header(""), encode_base64(b"Join: "), encode_base64(b"https://zoom.us/j/1?pwd=ab")),
            // mail-parser gives up (`--`, a byte outside the alphabet): the full parse reads the part unencoded.
            format!("{}Sm9p--bjogaHR0cHM6Ly96b29tLnVzL2ovMQ==\n", header("")),
            format!("{}Sm9p!bjogaHR0cHM6Ly96b29tLnVzL2ovMQ==\n", header("")),
            format!("{}Sm9p\u{e9}bjogaHR0cHM6Ly96b29tLnVzL2ovMQ==\n", header("")),
            // Charsets: ASCII decoding to ASCII; to other bytes (Windows-1252 in mail-parser); Latin-1, KOI8-R
            // and Windows-1252, which go to the full parse; UTF-8 with invalid bytes.
            format!("{}{}", header("Content-Type: text/plain; charset=us-ascii\n"), lines(body.as_bytes(), 76, false)),
            format!("{}{}", header("Content-Type: text/plain; charset=US-ASCII\n"), lines(format!("caf\u{e9} {body}").as_bytes(), 76, false)),
            format!("{}{}", header("Content-Type: text/plain; charset=iso-8859-1\n"), lines(b"caf\xe9 https://zoom.us/j/1", 76, false)),
            format!("{}{}", header("Content-Type: text/plain; charset=koi8-r\n"), lines(b"\xf0\xd2\xc9 https://zoom.us/j/1", 76, false)),
            format!("{}{}", header("Content-Type: text/html; charset=windows-1252\n"), lines(b"<p>\x93quoted\x94 https://zoom.us/j/1</p>", 76, false)),
            format!("{}{}", header("Content-Type: text/plain; charset=utf-8\n"), lines(b"Join \xff\xfe https://zoom.us/j/85123456789?pwd=abc \xc3", 76, false)),
            // Calendars (folded lines joined after decoding), one with invalid UTF-8 across a fold.
            format!("{}{}", header("Content-Type: text/calendar; charset=utf-8\n"), lines(b"BEGIN:VEVENT\r\nLOCATION:https://zoom.us/j/85123456789?pwd=\r\n abc\r\nEND:VEVENT\r\n", 76, false)),
            format!("{}{}", header("Content-Type: text/calendar\n"), lines(b"LOCATION:caf\xc3\r\n \xa9 https://zoom.us/j/85123456789?pwd=abc\r\n", 76, false)),
            // Not text by its type, text by its file name; no text at all, even undecodable.
            format!("{}{}", header("Content-Type: application/octet-stream; name=\"invite.html\"\n"), lines(html.as_bytes(), 76, false)),
            format!("{}not base64 at all!!\n", header("Content-Type: image/png\n")),
            format!("Content-Transfer-Encoding:  base64 \n\n{}", lines(body.as_bytes(), 64, false)),
            header(""),
            "Content-Transfer-Encoding: base64\n".to_string(),
        ]);
        for message in &messages {
            let read = |shortcut: bool| {
                let (mut out, mut unread) = (Vec::new(), Vec::new());
                let mut fields = FieldCache::default();
                let result = eml_segments_with(
                    message.as_bytes(),
                    3,
                    shortcut.then_some(&mut fields),
                    &mut out,
                    &mut unread,
                );
                (result, out, unread)
            };
            assert_eq!(read(true), read(false), "{message:?}");
        }
        // One cache across all of them, in turn and twice over (as the messages of one mbox): what it keeps
        // from message to message (the fields, the last decision) changes nothing.
        let mut shared = FieldCache::default();
        for message in messages.iter().chain(&messages) {
            let (mut out, mut unread) = (Vec::new(), Vec::new());
            let shortcut = eml_segments_with(
                message.as_bytes(),
                3,
                Some(&mut shared),
                &mut out,
                &mut unread,
            );
            let (mut full_out, mut full_unread) = (Vec::new(), Vec::new());
            let full =
                eml_segments_with(message.as_bytes(), 3, None, &mut full_out, &mut full_unread);
            assert_eq!(
                (shortcut, out, unread),
                (full, full_out, full_unread),
                "{message:?}"
            );
        }
        // It does apply to plain mail.
        let mut fields = FieldCache::default();
        let mut out = Vec::new();
        assert!(single_part(
            messages[0].as_bytes(),
            3,
            &mut fields,
            &mut out
        ));
        assert!(single_part(
            messages[3].as_bytes(),
            3,
            &mut fields,
            &mut out
        ));
        assert!(!single_part(
            messages[9].as_bytes(),
            3,
            &mut fields,
            &mut out
        ));
        // And to quoted-printable mail, unless mail-parser's decoder gives up on it.
        for (i, applies) in [(16, true), (17, true), (18, true), (26, true), (31, true)]
            .into_iter()
            .chain((27..=30).map(|i| (i, false)))
        {
            let message = messages[i].as_bytes();
            assert_eq!(
                single_part(message, 3, &mut fields, &mut out),
                applies,
                "{i}"
            );
        }
        // And to base64 mail, unless mail-parser's decoder gives up, the body decodes to non-ASCII under an
        // ASCII label, the charset is another, or a calendar decodes to invalid UTF-8.
        let applies = [
            true, true, true, true, false, false, false, true, false, false, false, false, true,
            true, false, true, true,
        ];
        for (i, applies) in applies.into_iter().enumerate() {
            let message = messages[base64_from + i].as_bytes();
            assert_eq!(
                single_part(message, 3, &mut fields, &mut out),
                applies,
                "{}",
                messages[base64_from + i]
            );
        }
        for (body, decodes) in [
            (&b"a=3Db =ZZ =\n=A\nB = y ="[..], true),
            (b"==", false),
            (b"=A=", false),
            (b"= \t\r=", false),
            (b"=A\r\n=", false),
            (b"=\n=3D=\r\n", true),
        ] {
            assert_eq!(decode_lines(body, 1, true).2, decodes, "{body:?}");
        }
    }

    /// `decode_base64` decodes (or gives up) as mail-parser's own decoder of a part without a boundary, on
    /// generated bodies of groups, lines, blanks, padding, `-`s and bytes outside the alphabet.
    #[test]
    fn base64_bodies_decode_as_mail_parser() {
        let pieces: &[&[u8]] = &[
            b"Sm9p",
            b"bjog",
            b"aHR0cHM6Ly96b29tLnVzL2ovODUxMjM0NTY3ODk/cHdkPWFiYw",
            b"Q",
            b"QQ",
            b"QUI",
            b"=",
            b"==",
            b"\n",
            b"\r\n",
            b" ",
            b"\t",
            b"-",
            b"--",
            b"!",
            b"\xc3\xa9",
            b"+/+/",
            b"_",
        ];
        let mut numbers = crate::Numbers(0xB64B_0D1E);
        for round in 0..3000 {
            let count = if round % 10 == 0 {
                200
            } else {
                numbers.next() % 30
            };
            let body: Vec<u8> = (0..count)
                .flat_map(|_| {
                    // Mostly groups and line breaks, now and then anything.
                    let pick = numbers.next() as usize;
                    let piece = if pick.is_multiple_of(4) {
                        pick / 4 % pieces.len()
                    } else {
                        pick / 4 % 3
                    };
                    pieces[piece].iter().copied()
                })
                .collect();
            let (end, expected) =
                mail_parser::parsers::MessageStream::new(&body).decode_base64_mime(b"");
            let expected = (end != usize::MAX).then(|| expected.into_owned());
            assert_eq!(
                decode_base64(&body),
                expected,
                "{:?}",
                String::from_utf8_lossy(&body)
            );
        }
    }

    /// Bodies as mail is sent, lines of 76 characters (and some shorter) ending with `\n` or `\r\n`, padded at
    /// the end, with now and then a byte of another kind at any place (a blank, a lone line end, `=`, `-`, a
    /// byte outside the alphabet), decode (or give up) as mail-parser decodes them.
    #[test]
    fn base64_lines_decode_as_mail_parser() {
        let mut numbers = crate::Numbers(0x76_1E5);
        for round in 0..2000 {
            let bytes: Vec<u8> = (0..numbers.next() % 400)
                .map(|_| numbers.next() as u8)
                .collect();
            let encoded = encode_base64(&bytes);
            let width = if round % 3 == 0 {
                4 * (1 + numbers.below(24))
            } else {
                76
            };
            let crlf = round % 2 == 0;
            let mut body = Vec::new();
            for line in encoded.as_bytes().chunks(width) {
                body.extend_from_slice(line);
                body.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            if round % 4 != 0 && !body.is_empty() {
                let at = numbers.below(body.len());
                body[at] = b" \t\r\n=-!\x80A"[numbers.below(9)];
            }
            let (end, expected) =
                mail_parser::parsers::MessageStream::new(&body).decode_base64_mime(b"");
            let expected = (end != usize::MAX).then(|| expected.into_owned());
            if round % 4 == 0 {
                assert_eq!(expected.as_deref(), Some(&bytes[..]));
            }
            assert_eq!(
                decode_base64(&body),
                expected,
                "{:?}",
                String::from_utf8_lossy(&body)
            );
        }
    }

    /// The header reader gives the fields mail-parser gives from the whole block (same values, same offsets)
    /// and the same body start, or leaves the block to it.
    #[test]
    fn scanned_headers_read_as_mail_parser() {
        let blocks = [
            "Received: from a (b [192.0.2.1])\n\tby c; Mon, 2 Mar 2026 10:00:00 +0100\nSubject: Re: =?utf-8?q?R=C3=A9union?=\nFrom: a@b\nContent-Type: text/plain; charset=\"ISO-8859-1\"\nContent-Transfer-Encoding: 8bit\n\nbody\n",
            "Subject: crlf\r\nX-A: b\r\nCONTENT-TYPE: text/html;\r\n charset=utf-8\r\n\r\nbody\r\n",
            "Content-Disposition: attachment; filename=\"invite.ics\"\nContent-Type: text/calendar\nSubject: folded\n  over two lines\nX-Last: z\n\n",
            "From: a@b\nTo: c@d\n\nno MIME fields\n",
            "Content-Type: multipart/mixed; boundary=\"b\"\nContent-Type: text/plain\n\n--b\n",
            // Subjects read without mail-parser: blanks around and inside, empty, UTF-8, a lone `=`.
            "Subject:  \t spaced \t out \r \t\r\nContent-Type: text/plain\r\n\r\n",
            "Subject: \t \r\nContent-Type: text/plain; charset=utf-8\n\n",
            "Subject:\n\n",
            "Subject: R\u{e9}union \u{e0} 10h = 5 ?\n\n",
            "Subject: caf\u{e9} =?iso-8859-1?q?caf=E9?=\n\n",
            // Longer than a step of `find3`: a question mark, then an encoded word, each past 16 bytes.
            "Subject: a long subject line that asks why? and goes on past it\n\n",
            "Subject: a long subject line that asks why? and =?utf-8?q?R=C3=A9union?=\n\n",
        ];
        // One cache for every block, each read twice: the second time from the cache.
        let mut fields = FieldCache::default();
        for block in blocks.iter().chain(&blocks) {
            let raw = block.as_bytes();
            let (body, lines) = scanned_headers(raw, &mut fields).expect(block);
            let headers = fields.headers(raw).expect(block);
            // The lines it counted: before the body, and before each field.
            assert_eq!(lines, raw[..=body].iter().filter(|&&b| b == b'\n').count());
            for kept in &fields.kept {
                let before = raw[..kept.start].iter().filter(|&&b| b == b'\n').count();
                assert_eq!(kept.line, before, "{block:?}");
            }
            let full = parser().parse_headers(raw).unwrap().parts.remove(0).headers;
            let kept: Vec<_> = full
                .into_iter()
                .filter(|h| {
                    !matches!(h.value, mail_parser::HeaderValue::Empty)
                        || h.name == HeaderName::Subject
                })
                .collect();
            assert_eq!(headers, kept, "{block:?}");
            let after = raw.windows(2).position(|w| w == b"\n\n").map(|i| i + 1);
            let after_crlf = raw.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 3);
            assert_eq!(Some(body), after_crlf.or(after), "{block:?}");
        }
        // Left to mail-parser: a line that is no field, a blank continuation, an envelope line, no empty line.
        for block in [
            "Subject: x\nnot a field\n\nbody",
            "Subject: x\n  \t\nbody",
            "From a@b Mon Mar  2 10:00:00 2026\nSubject: x\n\n",
            "Subject: x\n",
            " Subject: x\n\n",
        ] {
            assert!(
                scanned_headers(block.as_bytes(), &mut fields).is_none(),
                "{block:?}"
            );
        }
    }

    /// A header name's end is found alike 16 bytes a step and a byte at a time, for every byte at every place
    /// around the edges of a vector.
    #[test]
    fn name_ends_agree() {
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 40] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut line = vec![b'a'; len];
                    line[at] = b;
                    assert_eq!(name_end(&line), name_end_bytes(&line), "{len} {at} {b}");
                }
            }
            assert_eq!(name_end(&vec![b'a'; len]), len);
        }
    }

    /// The one-walk date test agrees with two window searches, on every short date over digits, colons and
    /// others.
    #[test]
    fn envelope_dates_need_a_time_and_a_year() {
        let windows = |date: &[u8]| {
            date.windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
                && date.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
        };
        let alphabet = b"1:a ";
        for len in 0..=9u32 {
            for n in 0..4usize.pow(len) {
                let date: Vec<u8> = (0..len).map(|k| alphabet[n / 4usize.pow(k) % 4]).collect();
                let line = [&b"From a@b "[..], &date].concat();
                assert_eq!(
                    envelope_line_end(&line).is_some(),
                    windows(&date),
                    "{}",
                    String::from_utf8_lossy(&line)
                );
            }
        }
    }

    /// `mbox_messages` as it was before `newline_before` (its test of each candidate line, `opens_message`,
    /// shared): a `memmem` search for `\nFrom `, and the lines counted up to each message.
    fn mbox_messages_reference(raw: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut messages = Vec::new();
        let (mut line, mut counted) = (1, 0);
        let first = raw.starts_with(b"From ").then_some(0);
        let later = memchr::memmem::find_iter(raw, b"\nFrom ").map(|i| i + 1);
        for start in first.into_iter().chain(later) {
            if let Some(headers) = opens_message(raw, start) {
                line += crate::text::source::count_newlines(&raw[counted..start]);
                counted = start;
                messages.push((start, headers, line + 1));
            }
        }
        messages
    }

    /// Generated mboxes of envelope lines, near misses (`From:`, `>From `, `From the desk`, an `F` after a
    /// line feed at every place of a 64-byte step and at the end) and filler: the one-pass split finds the
    /// same messages on the same lines as the two passes did, whatever the lengths.
    #[test]
    fn mbox_split_as_the_reference() {
        const PIECES: &[&str] = &[
            "From a@b Mon Mar  2 10:00:00 2026\n",
            "\nFrom c@d Tue Mar  3 10:00:00 2026\n",
            "\n\n",
            "\n",
            "\nF",
            "\nFrom ",
            "From: x\n",
            ">From y Mon Mar  2 10:00:00 2026\n",
            "From the desk of the dean: hello\n",
            " \t\n",
            "Subject: s\n\nbody\n",
            "a",
            "text of a line ",
            "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        ];
        let mut numbers = crate::Numbers(0x2545_F491_4F6C_DD1D);
        for _ in 0..3_000 {
            let mut mbox = Vec::new();
            for _ in 0..numbers.below(80) {
                mbox.extend_from_slice(PIECES[numbers.below(PIECES.len())].as_bytes());
            }
            assert_eq!(
                mbox_messages(&mbox),
                mbox_messages_reference(&mbox),
                "{}",
                String::from_utf8_lossy(&mbox)
            );
        }
        // Many messages, and long runs without one (the counters summed every 127 steps).
        let many = "From a@b Mon Mar  2 10:00:00 2026\nSubject: x\n\nFill\n\n".repeat(3_000);
        let long = "line of text\n".repeat(20_000);
        let sparse = format!("{many}{long}\nFrom c@d Tue Mar  3 10:00:00 2026\n\n{long}\n\n{many}");
        for corpus in [many, sparse] {
            let found = mbox_messages(corpus.as_bytes());
            assert!(found.len() >= 3_000);
            assert_eq!(found, mbox_messages_reference(corpus.as_bytes()));
        }
    }

    #[test]
    fn mbox_splits_on_from_lines() {
        let mbox = b"From a@b Mon Mar  2 10:00:00 2026\nSubject: one\n\nbody\n>From here\n\nFrom the desk of the dean: hello\n\nFrom c@d Tue Mar  3 10:00:00 2026\nSubject: two\n\nbody\n";
        let messages = mbox_messages(mbox);
        assert_eq!(
            messages.iter().map(|m| m.2).collect::<Vec<_>>(),
            vec![2, 10]
        );
        assert_eq!(&mbox[messages[0].1..messages[0].1 + 12], b"Subject: one");
        assert_eq!(&mbox[messages[1].0..messages[1].0 + 8], b"From c@d");
    }
}
