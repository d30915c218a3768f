//! Text scanning: meeting links, lookalike links and exposed meeting credentials in text, HTML, mail (.eml,
//! mbox) and calendar (.ics) files, each finding on its line of the file as given.
//!
//! Documents are first turned into segments of text with a line map (`source`): mail parts decoded
//! (`mail`), calendars unfolded (`ics`), HTML reduced to text and links (`html`); then each segment is
//! scanned (`scan`): a SIMD pass finds the anchors (`anchors`; with them the `/`s a link's head ends at where
//! the fused pass runs, else a search of their own), and only the text around them is read for links (`links`)
//! and credentials (`credentials`).
//!
//! Lines in mail: plain and quoted-printable text is reported on the raw line where it appears; base64 parts
//! (and charsets other than UTF-8, ASCII, Latin-1 and Windows-1252) on the part's first body line.

mod anchors;
mod credentials;
pub mod detect;
mod exposure;
mod html;
mod ics;
mod links;
#[cfg(feature = "mail")]
mod mail;
mod pair_filter;
mod scan;
mod source;

use serde::Serialize;

use crate::assess::{Engine, Severity};
pub use anchors::Strategy;
pub use detect::{detect, Format};
pub use exposure::{exposed_credentials, without_secret, Exposure, Redaction};
/// How many bytes of `<iframe srcdoc>` values the frames of a document read (tests/hostile_input.rs).
pub use html::FRAME_BYTES;
/// The link scan's 16-byte runs held to byte loops, natively and in wasm (crates/wasm/tests/text_scan.rs).
#[doc(hidden)]
#[cfg(feature = "test-strategies")]
pub use links::check_run_ends_against_byte_loops;
/// Also the hasher of the database's domain index (`db`): short keys hashed a word at a time.
pub(crate) use links::HeadHasher;
#[doc(hidden)]
#[cfg(feature = "test-strategies")]
pub use pair_filter::FusedPass;
/// The byte search and count each build runs (in wasm its own `simd128` loops), for the wasm tests
/// (crates/wasm/tests/text_scan.rs) to hold to a plain search at every length and place.
#[doc(hidden)]
#[cfg(feature = "test-strategies")]
pub use pair_filter::{count_byte, find_byte};
pub use scan::Scanner;
/// The scan's block size and the texts of the tests of links at the blocks' edges and of a text dense with
/// anchors, native and wasm (tests/text_paths.rs, crates/wasm/tests/text_scan.rs).
#[doc(hidden)]
#[cfg(feature = "test-strategies")]
pub use scan::{anchor_dense_text, links_at_block_edges, BLOCK};
/// Where the first byte that is not ASCII lies from an offset on: the text's UTF-8 check, and the facade's byte
/// lengths of a batch's strings (crates/wasm `byte_lengths`).
pub use source::next_non_ascii;
use source::{from_utf16, lossy, Charset, LineMap, Segment};

/// One finding of a scan (the `joinguard scan` JSON object, less `file`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanFinding {
    /// 1-based line of the file.
    pub line: usize,
    /// `meeting-link`, `lookalike-link`, `credentials-exposed`, or `part-not-read` (an attached message or a
    /// frame's document the scan could not read).
    pub id: &'static str,
    pub vendor: Option<String>,
    pub lookalike_of: Option<String>,
    /// Where the link really leads (after unwrapping SafeLinks and redirects); none for credentials written
    /// out as text.
    pub url: Option<String>,
    pub meeting_id: Option<String>,
    pub severity: Severity,
    pub message: String,
}

/// Scans one document (format detected from its name and content).
pub fn scan_document(
    engine: &Engine,
    bytes: &[u8],
    name: &str,
) -> Result<Vec<ScanFinding>, String> {
    Scanner::new(engine).scan_document(bytes, name)
}

impl Scanner<'_, '_> {
    /// Scans one document (format detected from its name and content). Errors say what is wrong with the
    /// input, without its name (the caller names it).
    pub fn scan_document(&mut self, bytes: &[u8], name: &str) -> Result<Vec<ScanFinding>, String> {
        match from_utf16(bytes) {
            None => self.scan_read(bytes, detect(name, bytes)),
            Some((text, sniffed)) => {
                self.scan_utf16(bytes, &text, sniffed, |text| detect(name, text))
            }
        }
    }

    /// Scans one document in a given format (UTF-16 with its byte-order mark read as its text).
    pub fn scan_as(&mut self, bytes: &[u8], format: Format) -> Result<Vec<ScanFinding>, String> {
        match from_utf16(bytes) {
            None => self.scan_read(bytes, format),
            Some((text, sniffed)) => self.scan_utf16(bytes, &text, sniffed, |_| format),
        }
    }

    /// Scans `text`, read out of UTF-16 from `bytes`, in the format `format` gives for it. UTF-16 without a
    /// byte-order mark (`sniffed`) is a guess from its first units, which a crafted file can pass and a browser
    /// does not make (240 units of blanks, then a link in UTF-8: session 44's review), so then the bytes are read
    /// as they are too and the findings of both readings kept, a finding on the same line with the same link
    /// once: the guess adds findings, it takes none away. Out of line and cold: the scan's documents are UTF-8
    /// (a call here from `scan_as` put the mbox rows of `make bench-instructions` +0.35 %, session 44).
    #[cold]
    #[inline(never)]
    fn scan_utf16(
        &mut self,
        bytes: &[u8],
        text: &str,
        sniffed: bool,
        format: impl Fn(&[u8]) -> Format,
    ) -> Result<Vec<ScanFinding>, String> {
        let read = self.scan_read(text.as_bytes(), format(text.as_bytes()));
        if !sniffed {
            return read;
        }
        // Either reading may be no document of its format (an error): the other then stands.
        match (read, self.scan_read(bytes, format(bytes))) {
            (Ok(mut findings), Ok(more)) => {
                merge_findings(&mut findings, more);
                Ok(findings)
            }
            (Ok(findings), Err(_)) | (Err(_), Ok(findings)) => Ok(findings),
            (Err(error), Err(_)) => Err(error),
        }
    }

    /// `scan_as` of a document already read out of UTF-16 (`scan_document` read it to detect its format).
    fn scan_read(&mut self, bytes: &[u8], format: Format) -> Result<Vec<ScanFinding>, String> {
        self.start_document();
        let (mut unread, mut frames) = (Vec::new(), Vec::new());
        let mut findings = Vec::new();
        each_segment(bytes, format, &mut unread, &mut |segment| {
            // Nearly every segment has none: a branch, not a call to extend by nothing.
            if !segment.unread.is_empty() {
                frames.extend_from_slice(&segment.unread);
            }
            let found = self.scan_segment(&segment);
            if !found.is_empty() {
                findings.extend(found);
            }
        })?;
        for line in unread {
            findings.push(part_not_read(line, MESSAGE_NOT_READ));
        }
        for line in frames {
            findings.push(part_not_read(line, FRAME_NOT_READ));
        }
        // Segments of a message come in MIME order, not file order: sort by line, stably.
        crate::sort::sort_by_key(&mut findings, |f| f.line);
        Ok(findings)
    }

    /// Scans plain text.
    pub fn scan_text(&mut self, text: &str) -> Vec<ScanFinding> {
        self.start_document();
        self.scan_segment(&Segment::counted(text, 1))
    }
}

/// Adds to `findings` those of `more` that it has not (the same id, link and meeting on the same line), and
/// keeps them sorted by line, stably.
fn merge_findings(findings: &mut Vec<ScanFinding>, more: Vec<ScanFinding>) {
    let key = |f: &ScanFinding| (f.line, f.id, f.url.clone(), f.meeting_id.clone());
    let seen: std::collections::HashSet<_> = findings.iter().map(key).collect();
    let new: Vec<ScanFinding> = more
        .into_iter()
        .filter(|f| !seen.contains(&key(f)))
        .collect();
    findings.extend(new);
    crate::sort::sort_by_key(findings, |f| f.line);
}

/// The `part-not-read` message of an attached message (`each_segment`'s `unread`).
const MESSAGE_NOT_READ: &str = "An attached message here was not read (nested too deep, or not decodable): \
    links and passcodes in it were not checked. Open it on its own, or treat its links as unchecked.";

/// The `part-not-read` message of a frame's document (`Segment::unread`: past `html::FRAME_DEPTH` or
/// `html::FRAME_BYTES`).
const FRAME_NOT_READ: &str = "A page inside a page here (an <iframe srcdoc> in frames nested too deep, or \
    past the size read in frames) was not read: links and passcodes in it were not checked. Treat its links \
    as unchecked.";

/// The finding of a part of a document the scan did not read, on its `line`: an attached message, or a frame's
/// document (`Segment::unread`).
fn part_not_read(line: usize, message: &str) -> ScanFinding {
    ScanFinding {
        line,
        id: "part-not-read",
        vendor: None,
        lookalike_of: None,
        url: None,
        meeting_id: None,
        severity: Severity::Warning,
        message: message.to_string(),
    }
}

/// The scannable segments of a document, each handed to `scan` as soon as it is read. An mbox is scanned
/// message by message: its segments (the HTML converter's text and links) are dropped before the next message
/// is read, where collecting the whole file's segments first kept every converted part alive to the end.
fn each_segment<'b>(
    bytes: &'b [u8],
    format: Format,
    unread: &mut Vec<usize>,
    scan: &mut impl FnMut(Segment<'b>),
) -> Result<(), String> {
    match format {
        // Invalid UTF-8 is replaced, not rejected: newlines survive, so lines are still counted exactly.
        Format::Text => scan(Segment::counted(lossy(bytes), 1)),
        Format::Html => {
            let text = lossy(bytes);
            scan(html::html_to_text(&text, &LineMap::Counted { first: 1 }));
        }
        Format::Ics => ics::calendar_segments(bytes, &LineMap::Counted { first: 1 }, Charset::Utf8)
            .into_iter()
            .for_each(scan),
        #[cfg(not(feature = "mail"))]
        Format::Eml | Format::Mbox => {
            // Only mail reading records parts it could not read.
            let _ = unread;
            return Err(
                "this build of joinguard reads no mail files (.eml, mbox): build it with the `mail` feature"
                    .into(),
            );
        }
        #[cfg(feature = "mail")]
        Format::Eml => {
            let mut out = Vec::new();
            mail::eml_segments(bytes, 1, &mut mail::FieldCache::default(), &mut out, unread)?;
            out.into_iter().for_each(scan);
        }
        #[cfg(feature = "mail")]
        Format::Mbox => {
            let messages = mail::mbox_messages(bytes);
            if messages.is_empty() {
                return each_segment(bytes, Format::Eml, unread, scan);
            }
            // One message's segments at a time, in a vector reused from message to message.
            let mut out = Vec::new();
            let mut fields = mail::FieldCache::default();
            for (i, &(_, start, line)) in messages.iter().enumerate() {
                let end = messages.get(i + 1).map_or(bytes.len(), |next| next.0);
                let message = &bytes[start..end];
                // One broken message does not hide the others: it is scanned as text.
                if mail::eml_segments(message, line, &mut fields, &mut out, unread).is_err() {
                    out.push(Segment::counted(lossy(message).into_owned(), line));
                }
                out.drain(..).for_each(&mut *scan);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Database, Policy};

    /// Pieces that steer the readers into their corners (links, labels, dial strings, markup, encodings).
    const PIECES: &[&str] = &[
        "://",
        "https://",
        "www.",
        "zoom.us/j/",
        "85123456789",
        "Meeting ID: ",
        "Passcode: ",
        ",,",
        "#",
        "*",
        "<a href=\"",
        "\">",
        "</p>",
        "<!--",
        "-->",
        "<script>",
        "&amp;",
        "&#",
        ";",
        "=\r\n",
        "=C3=A9",
        "\r\n",
        "\n",
        " ",
        "\n ",
        "\\n",
        "N\u{b0} de r\u{e9}union",
        "\u{a0}",
        "é",
        "\u{ff}",
        "@",
        ":",
        "/",
        "?",
        "%23",
        "From a@b Mon Mar  2 10:00:00 2026\n",
        "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n",
        "Content-Transfer-Encoding: quoted-printable\n",
        "BEGIN:VCALENDAR\r\n",
        "tel:+1,,85123456789#,,,,*1#",
    ];

    /// Deterministic pseudo-random documents of every format: the scanner must never panic, whatever the
    /// bytes (offsets into decoded text, char boundaries, line maps), and its anchor searches agree: the
    /// default, the search of a CPU without a fused pass, each way of running the fused pass this CPU has, and the
    /// memmem passes.
    #[test]
    fn arbitrary_input_never_panics() {
        let db = Database::bundled();
        let engine = Engine::new(&db, Policy::default());
        let mut searches: Vec<Scanner> = Strategy::every_here("arbitrary_input")
            .into_iter()
            .map(|s| Scanner::with_strategy(&engine, s))
            .collect();
        let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
        let mut numbers = crate::Numbers(0x9E37_79B9_7F4A_7C15);
        for round in 0..600 {
            let mut doc: Vec<u8> = Vec::new();
            let pieces = 1 + numbers.below(60);
            for _ in 0..pieces {
                match numbers.next() % 4 {
                    0 => doc.push((numbers.next() % 256) as u8),
                    _ => doc.extend_from_slice(PIECES[numbers.below(PIECES.len())].as_bytes()),
                }
            }
            let format = [
                Format::Text,
                Format::Html,
                Format::Eml,
                Format::Mbox,
                Format::Ics,
            ][round % 5];
            // Errors (no headers in an "eml") are fine; panics are not; the anchor searches agree.
            let expected = passes.scan_as(&doc, format);
            for search in &mut searches {
                assert_eq!(
                    search.scan_as(&doc, format),
                    expected,
                    "{format:?}: {}",
                    String::from_utf8_lossy(&doc)
                );
            }
        }
    }
}
