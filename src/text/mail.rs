//! Mail: one message (.eml) parsed with `mail-parser` for its structure (MIME tree, content types, charsets,
//! transfer encodings, nested messages), and mbox files split on their `From ` lines.
//!
//! Lines: plain (7bit/8bit) and quoted-printable parts are decoded here from the raw part so that each piece of
//! text keeps the line of the file it came from (soft line breaks join lines without losing their place).
//! Base64 parts, and parts in a charset other than UTF-8/ASCII/Latin-1/Windows-1252, take mail-parser's
//! decoded text and are reported on the part's first body line. The Subject is scanned on its header's line.

use mail_parser::{
    Encoding, HeaderName, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};

use super::html::html_to_text;
use super::ics::unfold;
use super::source::{decode_text, Charset, LineCursor, LineMap, PointsBuilder, Segment};

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
pub fn eml_segments(
    raw: &[u8],
    first_line: usize,
    out: &mut Vec<Segment<'static>>,
    unread: &mut Vec<usize>,
) -> Result<(), String> {
    eml_segments_with(raw, first_line, out, unread, true)
}

/// `eml_segments`, reading a message of one plain part without mail-parser's body pass when `shortcut`
/// (`single_part`; the tests hold it to the full parse).
fn eml_segments_with(
    raw: &[u8],
    first_line: usize,
    out: &mut Vec<Segment<'static>>,
    unread: &mut Vec<usize>,
    shortcut: bool,
) -> Result<(), String> {
    // A message saved with its mbox envelope line (`From sender date`) is still one message.
    if is_envelope_line(raw) {
        let next = memchr::memchr(b'\n', raw).map_or(raw.len(), |i| i + 1);
        return eml_segments_with(&raw[next..], first_line + 1, out, unread, shortcut);
    }
    let single = shortcut.then(|| single_part(raw)).flatten();
    let full = match single {
        Some(_) => None,
        None => Some(
            parser()
                .parse(raw)
                .filter(|m| !m.parts.is_empty() && !m.parts[0].headers.is_empty())
                .ok_or_else(|| {
                    "not a mail message: mail-parser found no header fields in it".to_string()
                })?,
        ),
    };
    let headers = match (&single, &full) {
        (Some(part), _) => &part.headers,
        (None, Some(message)) => &message.parts[0].headers,
        (None, None) => unreachable!("the full parse runs when the shortcut does not"),
    };
    let lines = LineMap::Counted { first: first_line };
    let mut cursor = LineCursor::new(&lines, raw);
    if let Some(subject) = headers.iter().find(|h| h.name == HeaderName::Subject) {
        if let Some(text) = subject.value.as_text() {
            let line = cursor.line_at(subject.offset_field as usize);
            out.push(Segment {
                text: text.to_string().into(),
                lines: LineMap::Fixed(line),
                hrefs: Vec::new(),
            });
        }
    }
    match (&single, &full) {
        (Some(part), _) => {
            let body_line = cursor.line_at(part.offset_body as usize);
            out.extend(part_segment(part, raw, body_line, false));
        }
        (None, Some(message)) => {
            message_parts(message, raw, &mut cursor, None, MAX_REPARSE, out, unread)
        }
        (None, None) => {}
    }
    Ok(())
}

/// A message of one part in no transfer encoding and a charset decoded here (most plain mail), as the full
/// parse would give it, from its header fields alone: mail-parser's body pass walks the body byte by byte and
/// decodes it into a string that the exact path of `part_segment` does not use (under callgrind, 4 MiB of the
/// bench's plain mail as an mbox scanned twice: 227 M instructions with that pass, 176 M without). `None` for
/// anything else (multipart, an attached message,
/// base64 or quoted-printable, another charset, a header block that does not end with a blank line right
/// after its last field, a message without a body): the full parse reads those.
fn single_part(raw: &[u8]) -> Option<MessagePart<'_>> {
    let headers = parser()
        .parse_headers(raw)?
        .parts
        .into_iter()
        .next()?
        .headers;
    // Where mail-parser's header loop stops: blanks, then the line feed of the empty line.
    let mut at = headers.last()?.offset_end as usize;
    loop {
        match *raw.get(at)? {
            b'\n' => break,
            b if b.is_ascii_whitespace() => at += 1,
            _ => return None,
        }
    }
    let part = MessagePart {
        headers,
        is_encoding_problem: false,
        body: PartType::Text("".into()),
        encoding: Encoding::None,
        offset_header: 0,
        offset_body: u32::try_from(at + 1).ok()?,
        offset_end: u32::try_from(raw.len()).ok()?,
    };
    let content_type = part.content_type();
    let structured = content_type.is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart") || c.ctype().eq_ignore_ascii_case("message")
    });
    let plain_encoding = part.content_transfer_encoding().is_none_or(|e| {
        ["7bit", "8bit", "binary"]
            .iter()
            .any(|plain| e.trim().eq_ignore_ascii_case(plain))
    });
    let charset = content_type
        .and_then(|c| c.attribute("charset"))
        .unwrap_or("");
    (!structured && plain_encoding && Charset::from_label(charset).is_some()).then_some(part)
}

/// The text parts of a message. `fixed` is the line to report everything on when the message's offsets do not
/// point into the file (a message attached in base64).
fn message_parts(
    message: &Message,
    raw: &[u8],
    cursor: &mut LineCursor,
    fixed: Option<usize>,
    reparse: usize,
    out: &mut Vec<Segment<'static>>,
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
                        message_parts(
                            &nested,
                            own,
                            &mut own_cursor,
                            Some(body_line),
                            reparse - 1,
                            out,
                            unread,
                        );
                    }
                    None => unread.push(body_line),
                }
            }
            PartType::Text(_)
            | PartType::Html(_)
            | PartType::Binary(_)
            | PartType::InlineBinary(_) => {
                if let Some(segment) = part_segment(part, raw, body_line, fixed.is_some()) {
                    out.push(segment);
                }
            }
            PartType::Message(nested) => {
                // Nested parts of a message embedded as-is share our offsets; a decoded one has its own.
                let same_bytes = nested.raw_message.as_ptr() == raw.as_ptr();
                let (fixed, bytes) = if same_bytes {
                    (fixed, raw)
                } else {
                    (Some(body_line), nested.raw_message.as_ref())
                };
                message_parts(nested, bytes, cursor, fixed, reparse, out, unread);
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

fn part_segment(
    part: &MessagePart,
    raw: &[u8],
    body_line: usize,
    fixed: bool,
) -> Option<Segment<'static>> {
    let content_type = part.content_type();
    let ctype = content_type.map_or("text".to_string(), |c| c.ctype().to_ascii_lowercase());
    let subtype = content_type
        .and_then(|c| c.subtype())
        .unwrap_or("plain")
        .to_ascii_lowercase();
    let file_name = part.attachment_name().unwrap_or("").to_ascii_lowercase();
    let kind = match (ctype.as_str(), subtype.as_str()) {
        (_, "calendar" | "ics") => Kind::Calendar,
        _ if file_name.ends_with(".ics") => Kind::Calendar,
        ("text", "html") => Kind::Html,
        ("text", _) => Kind::Plain,
        _ if file_name.ends_with(".html") || file_name.ends_with(".htm") => Kind::Html,
        _ if file_name.ends_with(".txt") || file_name.ends_with(".eml") => Kind::Plain,
        _ => return None,
    };
    let charset = Charset::from_label(
        content_type
            .and_then(|c| c.attribute("charset"))
            .unwrap_or(""),
    );
    let body = raw.get(part.offset_body as usize..part.offset_end as usize);
    let exact = match (part.encoding, charset, body, fixed) {
        (Encoding::QuotedPrintable, Some(charset), Some(body), false) => {
            Some((decode_lines(body, body_line, true), charset))
        }
        (Encoding::None, Some(charset), Some(body), false) => {
            Some((decode_lines(body, body_line, false), charset))
        }
        _ => None,
    };
    let (bytes, points, charset) = match exact {
        Some(((bytes, points), charset)) => (bytes, points, charset),
        None => {
            // mail-parser's own decoding (base64, other charsets), all on the part's first body line.
            let bytes = match &part.body {
                PartType::Text(t) | PartType::Html(t) => t.as_bytes().to_vec(),
                PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
                _ => return None,
            };
            (bytes, vec![(0, body_line)], Charset::Utf8)
        }
    };
    let (bytes, points) = if kind == Kind::Calendar {
        unfold(&bytes, &LineMap::Points(points))
    } else {
        (bytes, points)
    };
    let (text, lines) = decode_text(bytes, charset, &points);
    Some(match kind {
        Kind::Html => html_to_text(&text, &lines),
        Kind::Plain | Kind::Calendar => Segment {
            text: text.into(),
            lines,
            hrefs: Vec::new(),
        },
    })
}

/// A raw part body decoded line by line (quoted-printable when `qp`), with the file line of each piece.
fn decode_lines(body: &[u8], first_line: usize, qp: bool) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut out = Vec::with_capacity(body.len());
    let mut points = PointsBuilder::default();
    let mut line = first_line;
    let mut start = 0;
    while start < body.len() {
        let end = memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |i| start + i);
        let mut text = &body[start..end];
        if let Some(stripped) = text.strip_suffix(b"\r") {
            text = stripped;
        }
        points.mark(out.len(), line);
        let mut soft = false;
        if qp {
            // Transport padding before a soft break is not text (RFC 2045 §6.7, rule 3).
            let trimmed = trim_end_blanks(text);
            if let Some(joined) = trimmed.strip_suffix(b"=") {
                soft = true;
                text = joined;
            }
            decode_qp_into(text, &mut out);
        } else {
            out.extend_from_slice(text);
        }
        if !soft && end < body.len() {
            out.push(b'\n');
        }
        line += 1;
        start = end + 1;
    }
    let LineMap::Points(points) = points.finish() else {
        unreachable!("PointsBuilder makes points")
    };
    (out, points)
}

fn trim_end_blanks(mut text: &[u8]) -> &[u8] {
    while let Some((b' ' | b'\t', rest)) = text.split_last() {
        text = rest;
    }
    text
}

/// `=XX` becomes its byte; a malformed `=` stays as it is (RFC 2045 recommends leniency).
fn decode_qp_into(text: &[u8], out: &mut Vec<u8>) {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'=' {
            if let (Some(h), Some(l)) = (
                text.get(i + 1).copied().and_then(hex),
                text.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(text[i]);
        i += 1;
    }
}

/// The messages of an mbox: for each, the offset of its `From ` line, the offset and line of its first header.
/// A `From ` line opens a message when it has the envelope's shape (`From <sender> <date with a time>`) and
/// starts the file or follows a blank line; `From the desk of…` in a body, or a quoted `>From `, does not.
pub fn mbox_messages(raw: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut messages = Vec::new();
    let mut line = 1;
    let mut start = 0;
    let mut previous_blank = true;
    while start < raw.len() {
        let end = memchr::memchr(b'\n', &raw[start..]).map_or(raw.len(), |i| start + i);
        let text = &raw[start..end];
        if previous_blank && is_envelope_line(text) {
            messages.push((start, (end + 1).min(raw.len()), line + 1));
        }
        previous_blank = text.iter().all(|b| b.is_ascii_whitespace());
        line += 1;
        start = end + 1;
    }
    messages
}

/// `From sender@example.org Mon Mar  2 10:00:00 2026` (the line, or the start of a text that opens with one).
fn is_envelope_line(text: &[u8]) -> bool {
    let line = &text[..memchr::memchr(b'\n', text).unwrap_or(text.len())];
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let Some(space) = rest.iter().position(|&b| b == b' ') else {
        return false;
    };
    let date = &rest[space..];
    // A time (`10:00`) and a four-digit year: asctime dates have both.
    let has_time = date
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let has_year = date.windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    space > 0 && has_time && has_year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_keeps_lines() {
        let body = b"Join: https://zoom.us/j/8512=\r\n3456789?pwd=3Dab=  \r\nc\r\nR=C3=A9union\r\n";
        let (bytes, points) = decode_lines(body, 10, true);
        assert_eq!(
            bytes,
            "Join: https://zoom.us/j/85123456789?pwd=abc\nRéunion\n".as_bytes()
        );
        assert_eq!(points, vec![(0, 10), (28, 11), (42, 12), (44, 13)]);
    }

    /// The one-part shortcut gives what the full parse gives, whether it applies or falls back.
    #[test]
    fn the_one_part_shortcut_reads_as_the_full_parse() {
        let body = "Join: https://zoom.us/j/85123456789?pwd=abc\nMeeting ID: 851 2345 6789\nPasscode: 482913\n";
        let messages: Vec<String> = vec![
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
        ];
        for message in &messages {
            let read = |shortcut| {
                let (mut out, mut unread) = (Vec::new(), Vec::new());
                let result =
                    eml_segments_with(message.as_bytes(), 3, &mut out, &mut unread, shortcut);
                (result, out, unread)
            };
            assert_eq!(read(true), read(false), "{message:?}");
        }
        // It does apply to plain mail.
        assert!(single_part(messages[0].as_bytes()).is_some());
        assert!(single_part(messages[3].as_bytes()).is_some());
        assert!(single_part(messages[9].as_bytes()).is_none());
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
