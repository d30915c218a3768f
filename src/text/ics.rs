//! iCalendar (RFC 5545) as text: folded lines joined (a line starting with a space or tab continues the one
//! before; the fold may split a UTF-8 character, so this works on bytes), and text escapes decoded (`\n`,
//! `\,`, `\;`, `\\`), so that a DESCRIPTION reads like the invitation it carries; a vCalendar 1.0 value in
//! quoted-printable is decoded (`unfold_marking_html`).
//!
//! Hand-written rather than through an iCalendar crate: those return property values without their place in
//! the file, and findings must name the file's line. Unfolding and unescaping are all that scanning needs.

use std::ops::Range;

use super::html::html_to_text;
use super::source::{decode_text, Charset, LineCursor, LineMap, PointsBuilder, Segment};

/// Unfolds and unescapes `bytes` (whose lines `lines` gives) into bytes and `(offset, line)` points.
// The tests' (`calendar_segments` reads calendars).
#[cfg(test)]
pub fn unfold(bytes: &[u8], lines: &LineMap) -> (Vec<u8>, Vec<(usize, usize)>) {
    let unfolded = unfold_marking_html(bytes, lines);
    (unfolded.bytes, unfolded.points)
}

/// A calendar unfolded and unescaped: its bytes, their `(offset, line)` points, and where the values of its
/// properties in HTML lie in the bytes.
pub struct Unfolded {
    pub bytes: Vec<u8>,
    pub points: Vec<(usize, usize)>,
    pub html: Vec<Range<usize>>,
}

/// `unfold`, and where in its output the values of properties in HTML lie (`X-ALT-DESC;FMTTYPE=text/html:`,
/// which Outlook writes beside DESCRIPTION and shows instead of it; RFC 9073's STYLED-DESCRIPTION): a calendar
/// program reads them as HTML, so a link in them is read as the HTML reader reads it (`&period;`, `//host`).
/// The property's name and parameters are read on its first line. A vCalendar 1.0 property in quoted-printable
/// (`ENCODING=QUOTED-PRINTABLE`, which Outlook's vCalendar export still writes) has its value decoded (`=3D`,
/// and `=` at a line's end joining the next line, which starts without a blank: a soft line break; vCalendar
/// 1.0 §2.1.3, e.g. Outlook 12's `DESCRIPTION;ENCODING=QUOTED-PRINTABLE:=` then `=0D=0A`), in a calendar that
/// says `VERSION:1.0` only: RFC 5545 has no such encoding, and an iCalendar reader shows the value as written.
pub fn unfold_marking_html(bytes: &[u8], lines: &LineMap) -> Unfolded {
    let mut html: Vec<Range<usize>> = Vec::new();
    let mut cursor = LineCursor::new(lines, bytes);
    let mut points = PointsBuilder::default();
    let mut out = Vec::with_capacity(bytes.len());
    let mut escaped = false;
    let mut start = 0;
    let mut first = true;
    // Whether the property being read is in quoted-printable, and whether its last line ended in a soft break;
    // whether the calendar is a vCalendar 1.0 (`VERSION:1.0`), the one that has the encoding.
    let (mut qp, mut soft, mut vcalendar) = (false, false, false);
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let mut line = &bytes[start..end];
        if let Some(stripped) = line.strip_suffix(b"\r") {
            line = stripped;
        }
        let folded = !first && matches!(line.first(), Some(b' ' | b'\t'));
        let continuation = (std::mem::take(&mut soft) && !opens_property(line)) || folded;
        // A quoted-printable value's bytes, from where the value starts on this line.
        let mut value_at = 0;
        let content_at = if folded {
            line = &line[1..];
            start + 1
        } else if continuation {
            start
        } else {
            if !first {
                if let Some(value) = html.last_mut().filter(|v| v.end == usize::MAX) {
                    value.end = out.len();
                }
                out.push(b'\n');
            }
            escaped = false;
            if let Some(colon) = html_value_at(line) {
                // The value starts after the `:` in the output, which holds the line's bytes up to it as they are
                // (no escapes in a name or parameters).
                html.push(out.len() + colon + 1..usize::MAX);
            }
            if line.len() >= 8 && line[..8].eq_ignore_ascii_case(b"VERSION:") {
                vcalendar = line[8..].trim_ascii() == b"1.0";
            }
            qp = false;
            if let Some(colon) = quoted_printable_value_at(line).filter(|_| vcalendar) {
                qp = true;
                value_at = colon + 1;
            }
            start
        };
        first = false;
        points.mark(out.len(), cursor.line_at(content_at));
        if qp {
            out.extend_from_slice(&line[..value_at]);
            soft = decode_quoted_printable(&line[value_at..], &mut escaped, &mut out);
            start = end + 1;
            continue;
        }
        for &b in line {
            unescape(b, &mut escaped, &mut out);
        }
        start = end + 1;
    }
    if escaped {
        out.push(b'\\');
    }
    if let Some(value) = html.last_mut().filter(|v| v.end == usize::MAX) {
        value.end = out.len();
    }
    let LineMap::Points(points) = points.finish() else {
        unreachable!("PointsBuilder makes points")
    };
    Unfolded {
        bytes: out,
        points,
        html,
    }
}

/// A calendar's segments (`bytes` in `charset`, its lines given by `lines`): its text, and each value in HTML
/// read as HTML (`unfold_marking_html`), blanked in the text (its line breaks kept) so that its links are not
/// found twice. A calendar file's and a mail's calendar part's (`calendar_segment`) one reading.
pub fn calendar_segments(bytes: &[u8], lines: &LineMap, charset: Charset) -> Vec<Segment<'static>> {
    let Unfolded {
        bytes: mut unfolded,
        points,
        html,
    } = unfold_marking_html(bytes, lines);
    let mut segments = Vec::with_capacity(1 + html.len());
    // The text first: the HTML values' segments are pushed after it.
    segments.push(Segment::plain(String::new(), LineMap::Fixed(0)));
    for value in html {
        let first = points.partition_point(|p| p.0 <= value.start);
        let line = points[first.saturating_sub(1)].1;
        let own_points: Vec<(usize, usize)> = std::iter::once((0, line))
            .chain(
                points[first..]
                    .iter()
                    .take_while(|p| p.0 < value.end)
                    .map(|&(at, line)| (at - value.start, line)),
            )
            .collect();
        let html_bytes = unfolded[value.clone()].to_vec();
        for b in &mut unfolded[value] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        let (text, lines) = decode_text(html_bytes, charset, &own_points);
        segments.push(html_to_text(&text, &lines));
    }
    let (text, lines) = decode_text(unfolded, charset, &points);
    segments[0] = Segment::plain(text, lines);
    segments
}

/// A mail's calendar part as one segment (the mail reader reads a part to one): `calendar_segments` joined,
/// each after a line feed, its offsets and lines moved along. A calendar without HTML values is its text
/// segment as it was.
// The mail reader's calendar parts only.
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
pub fn calendar_segment(bytes: &[u8], lines: &LineMap, charset: Charset) -> Segment<'static> {
    let mut segments = calendar_segments(bytes, lines, charset).into_iter();
    let first = segments.next().expect("the calendar's text");
    let mut rest = segments.peekable();
    if rest.peek().is_none() {
        return first;
    }
    let mut text = first.text.into_owned();
    let mut points = first.lines.into_points(&text);
    let (mut hrefs, mut targets, mut unread) = (first.hrefs, first.targets, first.unread);
    for segment in rest {
        let own = segment.join_to(&mut text, (&mut hrefs, &mut targets), &mut unread);
        points.extend(own);
    }
    Segment {
        text: text.into(),
        lines: LineMap::Points(points),
        hrefs,
        targets,
        unread,
    }
}

/// One byte of a value to the end of `out`, its text escapes decoded (`\n`, `\,`, `\;`, `\\`; `escaped`: the
/// byte before was a `\`).
#[inline]
fn unescape(b: u8, escaped: &mut bool, out: &mut Vec<u8>) {
    if *escaped {
        *escaped = false;
        match b {
            b'n' | b'N' => out.push(b'\n'),
            b',' | b';' | b'\\' => out.push(b),
            other => out.extend_from_slice(&[b'\\', other]),
        }
    } else if b == b'\\' {
        *escaped = true;
    } else {
        out.push(b);
    }
}

/// Decodes a line of a quoted-printable value to the end of `out`: `=` and two hex digits as their byte, the
/// text escapes as in any value (`unescape`: a vCalendar 1.0 value escapes `;` so, and exports that label an
/// iCalendar value quoted-printable keep its `\n`); whether the line ends in a soft line break (`=` last,
/// blanks after it allowed, RFC 2045 §6.7), which joins the next line to this one.
fn decode_quoted_printable(line: &[u8], escaped: &mut bool, out: &mut Vec<u8>) -> bool {
    let mut i = 0;
    while i < line.len() {
        let mut b = line[i];
        i += 1;
        if b == b'=' {
            if line[i..].iter().all(|&c| c == b' ' || c == b'\t') {
                return true;
            }
            if let Some(byte) = line
                .get(i..i + 2)
                .and_then(|d| crate::hex::byte(d[0], d[1]))
            {
                b = byte;
                i += 2;
            }
        }
        unescape(b, escaped, out);
    }
    false
}

/// Whether `line` opens a property: a name (letters, digits, `-`) then `;` or `:` (`BEGIN:`, `END:`,
/// `X-ALT-DESC;FMTTYPE=text/html:`). A soft line break never joins such a line to the value before it: an
/// iCalendar reader that knows no quoted-printable reads it as the property it is (session 44's review: a
/// DESCRIPTION's `=` last swallowed the X-ALT-DESC after it, and its lookalike). Text that looks so (`Passcode:
/// 1`) stays a line of its own, read as written.
fn opens_property(line: &[u8]) -> bool {
    let name = line
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
        .unwrap_or(line.len());
    name > 0 && matches!(line.get(name), Some(b';' | b':'))
}

/// Where the `:` before the value is, when `line` opens a property whose parameters say
/// `ENCODING=QUOTED-PRINTABLE` (in any case; vCalendar 1.0 also writes the bare `QUOTED-PRINTABLE`).
fn quoted_printable_value_at(line: &[u8]) -> Option<usize> {
    let colon = value_colon(line)?;
    const QP: &[u8] = b"QUOTED-PRINTABLE";
    line[..colon]
        .split(|&b| b == b';')
        .skip(1)
        .any(|param| {
            let value = param
                .iter()
                .position(|&b| b == b'=')
                .map_or(param, |eq| &param[eq + 1..]);
            value.eq_ignore_ascii_case(QP)
        })
        .then_some(colon)
}

/// The `:` that ends a property's name and parameters: the first outside quotes.
fn value_colon(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    line.iter().position(|&b| {
        quoted ^= b == b'"';
        b == b':' && !quoted
    })
}

/// Where the `:` before the value is, when `line` opens a property whose parameters say `FMTTYPE=text/html`
/// (in any case, quoted or not): the `:` that ends the name and parameters, outside quotes.
fn html_value_at(line: &[u8]) -> Option<usize> {
    let colon = value_colon(line)?;
    let head = &line[..colon];
    let at = head
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"FMTTYPE="))?;
    let value = head[at + 8..]
        .strip_prefix(b"\"")
        .unwrap_or(&head[at + 8..]);
    (value.len() >= 9 && value[..9].eq_ignore_ascii_case(b"text/html")).then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source::{decode_text, Charset};

    #[test]
    fn folds_join_and_escapes_decode() {
        let ics: &[u8] = b"BEGIN:VEVENT\r\nDESCRIPTION:Join Zoom Meeting\\nhttps://us02web.zoom.us/j/8512\r\n 3456789?pwd=abc\\nMeeting ID: 851 2345 6789\\nPa\r\n\tsscode: 482913\\, thanks\r\nLOCATION:R\xC3\r\n \xA9union\r\nEND:VEVENT\r\n";
        let (bytes, points) = unfold(ics, &LineMap::Counted { first: 1 });
        let (text, map) = decode_text(bytes, Charset::Utf8, &points);
        assert_eq!(
            text,
            "BEGIN:VEVENT\nDESCRIPTION:Join Zoom Meeting\nhttps://us02web.zoom.us/j/85123456789?pwd=abc\nMeeting ID: 851 2345 6789\nPasscode: 482913, thanks\nLOCATION:Réunion\nEND:VEVENT"
        );
        let mut cursor = LineCursor::new(&map, text.as_bytes());
        assert_eq!(cursor.line_at(text.find("https").unwrap()), 2);
        assert_eq!(cursor.line_at(text.find("3456789").unwrap()), 3);
        assert_eq!(cursor.line_at(text.find("Meeting ID").unwrap()), 3);
        assert_eq!(cursor.line_at(text.find("482913").unwrap()), 4);
        assert_eq!(cursor.line_at(text.find("union").unwrap()), 6);
        assert_eq!(cursor.line_at(text.find("END").unwrap()), 7);
    }
}
