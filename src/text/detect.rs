//! Format sniffing: which reader a document needs, from its file name and, failing that, its first bytes.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Text,
    Html,
    /// One RFC 5322 message.
    Eml,
    /// Messages separated by `From ` lines.
    Mbox,
    /// iCalendar.
    Ics,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Ics => "ics",
        }
    }
}

/// Header names that open a stored or received message (the first line of an .eml written by a mail client).
const MESSAGE_HEADERS: &[&str] = &[
    "received:",
    "return-path:",
    "delivered-to:",
    "from:",
    "to:",
    "date:",
    "subject:",
    "message-id:",
    "mime-version:",
    "x-",
    "dkim-signature:",
    "arc-seal:",
    "authentication-results:",
    "content-type:",
    "reply-to:",
];

/// The format of a document: the extension decides when it is a known one, the content otherwise (standard
/// input, `.txt` saved from a mail client, files without an extension).
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match extension {
        "eml" | "msg" => Format::Eml,
        "mbox" | "mbx" => Format::Mbox,
        "ics" | "ical" | "ifb" | "icalendar" => Format::Ics,
        "html" | "htm" | "xhtml" => Format::Html,
        _ => sniff(bytes),
    }
}

/// Content sniffing, on the first non-blank bytes only.
pub fn sniff(bytes: &[u8]) -> Format {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    // A UTF-8 byte-order mark does not change the format.
    let head = &bytes[start..bytes.len().min(start + 1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let starts = |prefix: &str| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if starts("BEGIN:VCALENDAR") {
        return Format::Ics;
    }
    if starts("<!doctype html") || starts("<html") || starts("<head") || starts("<body") {
        return Format::Html;
    }
    // mbox: the first line is `From <sender> <date>`, the next one a header.
    if head.starts_with(b"From ") {
        let second = head
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| &head[i + 1..])
            .unwrap_or(&[]);
        if is_header_line(second) {
            return Format::Mbox;
        }
    }
    if is_header_line(head) && MESSAGE_HEADERS.iter().any(|h| starts(h)) {
        return Format::Eml;
    }
    Format::Text
}

/// `Name: value` with an RFC 5322 field name (printable ASCII without spaces or colons).
fn is_header_line(line: &[u8]) -> bool {
    let name_len = line
        .iter()
        .position(|&b| b == b':')
        .filter(|&i| i > 0 && line[..i].iter().all(|&b| b.is_ascii_graphic()));
    name_len.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_wins_then_content() {
        assert_eq!(detect("a.EML", b"whatever"), Format::Eml);
        assert_eq!(detect("cal.ics", b""), Format::Ics);
        assert_eq!(detect("box.mbox", b""), Format::Mbox);
        assert_eq!(detect("page.htm", b""), Format::Html);
        assert_eq!(detect("-", b"\n\nBEGIN:VCALENDAR\r\n"), Format::Ics);
        assert_eq!(detect("-", b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect(
                "saved",
                b"From a@b.c Mon Mar  2 10:00:00 2026\nSubject: x\n\nbody"
            ),
            Format::Mbox
        );
        assert_eq!(
            detect("-", b"Return-Path: <a@b.c>\nSubject: x\n\nbody"),
            Format::Eml
        );
        assert_eq!(
            detect("notes.txt", b"From the desk of Jane: hello"),
            Format::Text
        );
        assert_eq!(detect("-", b"Meeting ID: 851 2345 6789"), Format::Text);
    }
}
