//! Deterministic mail-like text, shared by the text half of `make bench` (`benches/report.rs`) and its wasm twin
//! (`examples/wasm_text.rs`): messages with headers, prose, quoted replies and signatures, a share of HTML
//! newsletters full of links, and an invitation every 40–60 KB (Zoom, Teams, Meet, a French Zoom one); and the regex reference both scan.
//! `mail_like_encoded` is the same mail with its HTML parts in a transfer encoding, as newsletters are sent.

#[path = "base64.rs"]
mod base64_encoder;
use base64_encoder::encode_base64;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "project",
    "report",
    "budget",
    "review",
    "team",
    "schedule",
    "draft",
    "attached",
    "please",
    "thanks",
    "regards",
    "tomorrow",
    "deadline",
    "quarter",
    "students",
    "course",
    "lecture",
    "exam",
    "room",
    "office",
    "document",
    "version",
    "comments",
    "update",
    "meeting",
    "call",
    "week",
    "Monday",
    "Friday",
    "agenda",
    "minutes",
    "invoice",
    "contract",
    "partner",
    "customer",
    "la",
    "le",
    "de",
    "et",
    "les",
    "des",
    "pour",
    "une",
    "dans",
    "réunion",
    "demain",
    "merci",
    "cordialement",
    "der",
    "die",
    "und",
    "das",
    "mit",
    "für",
    "Besprechung",
    "morgen",
    "Grüße",
    "Unterlagen",
    "Termin",
];

const DOMAINS: &[&str] = &[
    "google.com",
    "youtube.com",
    "facebook.com",
    "wikipedia.org",
    "amazon.com",
    "twitter.com",
    "instagram.com",
    "linkedin.com",
    "reddit.com",
    "netflix.com",
    "microsoft.com",
    "apple.com",
    "github.com",
    "yahoo.com",
    "bing.com",
    "office.com",
    "live.com",
    "dropbox.com",
    "adobe.com",
    "salesforce.com",
    "paypal.com",
    "ebay.com",
    "cnn.com",
    "bbc.co.uk",
    "nytimes.com",
    "theguardian.com",
    "lemonde.fr",
    "spiegel.de",
    "zeit.de",
    "univ-paris.fr",
    "tu-berlin.de",
    "mit.edu",
    "stanford.edu",
    "ox.ac.uk",
    "mailchimp.com",
    "list-manage.com",
    "sendgrid.net",
    "hubspot.com",
    "medium.com",
    "stackoverflow.com",
    "atlassian.net",
    "notion.so",
    "slack-redir.net",
    "eventbrite.com",
];

/// Names that look like vendors without being theirs: each must be screened and then classified in full.
/// About one link in a hundred, far more than real mail, to keep that path in the measure.
const NEAR_MISSES: &[&str] = &[
    "zoomcar.com",
    "meetup.com",
    "teamsnap.com",
    "zoo.org",
    "webexpo.example",
];

const INVITATIONS: &[&str] = &[
    "Jane Doe is inviting you to a scheduled Zoom meeting.\n\nJoin Zoom Meeting\nhttps://us02web.zoom.us/j/85123456789?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1\n\nMeeting ID: 851 2345 6789\nPasscode: 482913\n\n---\n\nOne tap mobile\n+16465588656,,85123456789#,,,,*482913# US (New York)\n\n",
    "________________________________________________________________________________\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA5YjQ2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d>\nMeeting ID: 245 123 456 789\nPasscode: aB3xYz\n________________________________________________________________________________\n",
    "Réunion Zoom\nhttps://zoom.us/j/93456789012\nID de réunion : 934 5678 9012\nCode secret : 771204\n",
    "Join with Google Meet: https://meet.google.com/abc-defg-hij\nOr dial: +1 662-555-0123 PIN: 123 456 789#\n",
];

/// `html_percent` of the messages are HTML newsletters (links every few hundred bytes); the rest plain text.
pub fn mail_like(bytes: usize, seed: u64, html_percent: usize) -> String {
    generate(bytes, seed, html_percent, false)
}

/// `mail_like`'s messages with each HTML part in a transfer encoding, quoted-printable in odd-numbered messages
/// and base64 in even ones (the same draws of the generator: the same words, links and invitations). Real
/// newsletters come so (`=3D` before every attribute value, lines cut at 76 bytes), and neither takes the
/// mbox path's in-place read of a plain UTF-8 part: quoted-printable is decoded line by line with its lines
/// mapped, base64 by mail-parser onto the part's first line, and the HTML converter then asks a line cursor.
/// Only the HTML parts are encoded, so the figure is the encoded HTML path's beside `mail_like`'s.
// Not in the wasm twin (`examples/wasm_text.rs`): the extension reads no mail.
#[allow(dead_code)]
pub fn mail_like_encoded(bytes: usize, seed: u64, html_percent: usize) -> String {
    generate(bytes, seed, html_percent, true)
}

fn generate(bytes: usize, seed: u64, html_percent: usize, encoded: bool) -> String {
    let mut rng = Rng(seed.max(1));
    let mut out = String::with_capacity(bytes + 4096);
    let mut next_invitation = 40_000 + rng.below(20_000);
    let mut n = 0u64;
    while out.len() < bytes {
        n += 1;
        // An invitation is appended to the message before it: never to an encoded body, where it would be
        // read as base64 or quoted-printable.
        let in_encoded_body = message(&mut rng, &mut out, n, html_percent, encoded);
        if out.len() >= next_invitation && !in_encoded_body {
            out.push_str(rng.pick(INVITATIONS));
            next_invitation = out.len() + 40_000 + rng.below(20_000);
        }
    }
    out
}

fn sentence(rng: &mut Rng, out: &mut String, words: usize) {
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    out.push('.');
}

fn paragraph(rng: &mut Rng, out: &mut String, prefix: &str) {
    let lines = 2 + rng.below(5);
    for _ in 0..lines {
        out.push_str(prefix);
        let w = 8 + rng.below(8);
        sentence(rng, out, w);
        out.push('\n');
    }
}

fn link(rng: &mut Rng, out: &mut String) {
    let domain = if rng.below(100) == 0 {
        rng.pick(NEAR_MISSES)
    } else {
        rng.pick(DOMAINS)
    };
    let sub = rng.pick(&["www.", "", "mail.", "news.", "en."]);
    out.push_str("https://");
    out.push_str(sub);
    out.push_str(domain);
    out.push('/');
    out.push_str(rng.pick(&["a", "news", "track/click", "p/2024/update", "watch", "u"]));
    out.push_str("?utm_source=newsletter&amp;id=");
    out.push_str(&format!("{}", rng.next() % 1_000_000));
}

/// Appends a message; whether its body is an encoded HTML part.
fn message(rng: &mut Rng, out: &mut String, n: u64, html_percent: usize, encoded: bool) -> bool {
    let from = rng.pick(DOMAINS);
    out.push_str(&format!(
        "From sender{n}@{from} Mon Mar  2 10:00:00 2026\nReturn-Path: <sender{n}@{from}>\nReceived: from mail.{from} (mail.{from} [192.0.2.{}])\n\tby mx.example.org with ESMTPS id {:x}\n\tfor <student@example.org>; Mon, 2 Mar 2026 10:00:00 +0100\nDKIM-Signature: v=1; a=rsa-sha256; d={from}; s=s1; bh=Qk9PTUJPT01CT09NQk9PTUJPT01CT09NQk9PTUI=;\n\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgbG9va3MgbGlrZSBvbmUgaW4gbWFpbA==\nFrom: Sender {n} <sender{n}@{from}>\nTo: student@example.org\nSubject: Re: {} {}\nDate: Mon, 2 Mar 2026 10:00:00 +0100\nMessage-ID: <{:x}@{from}>\nMIME-Version: 1.0\n",
        n % 250,
        rng.next(),
        rng.pick(WORDS),
        rng.pick(WORDS),
        rng.next()
    ));
    if rng.below(100) < html_percent {
        // An HTML part: a newsletter with many links and inline styles.
        out.push_str("Content-Type: text/html; charset=utf-8\n");
        let mut html = String::new();
        let body = if encoded { &mut html } else { &mut *out };
        if !encoded {
            body.push('\n');
        }
        body.push_str("<!DOCTYPE html><html><body style=\"margin:0;padding:0\">\n");
        let blocks = 6 + rng.below(10);
        for _ in 0..blocks {
            body.push_str("<table role=\"presentation\" width=\"100%\"><tr><td style=\"font-family:Arial,sans-serif;font-size:14px;color:#333333\">\n<p>");
            let w = 20 + rng.below(20);
            sentence(rng, body, w);
            body.push_str("</p>\n<a href=\"");
            link(rng, body);
            body.push_str("\" style=\"color:#0066cc\">");
            sentence(rng, body, 3);
            body.push_str("</a>\n</td></tr></table>\n");
        }
        body.push_str("</body></html>\n\n");
        if encoded {
            if n % 2 == 1 {
                out.push_str("Content-Transfer-Encoding: quoted-printable\n\n");
                quoted_printable(html.as_bytes(), out);
            } else {
                out.push_str("Content-Transfer-Encoding: base64\n\n");
                base64(html.as_bytes(), out);
            }
            out.push('\n');
        }
        encoded
    } else {
        out.push_str("Content-Type: text/plain; charset=utf-8\n\n");
        let paragraphs = 2 + rng.below(4);
        for _ in 0..paragraphs {
            paragraph(rng, out, "");
            out.push('\n');
        }
        if rng.below(2) == 0 {
            out.push_str(&format!(
                "On Fri, 27 Feb 2026, someone@{} wrote:\n",
                rng.pick(DOMAINS)
            ));
            for _ in 0..2 + rng.below(3) {
                paragraph(rng, out, "> ");
                out.push_str(">\n");
            }
        }
        out.push_str("--\nSender\n");
        if rng.below(3) == 0 {
            link(rng, out);
            out.push('\n');
        }
        out.push('\n');
        false
    }
}

/// Quoted-printable (RFC 2045 §6.7): `=`, control and non-ASCII bytes as `=XX`, line feeds kept as line
/// breaks, longer lines cut at 76 bytes with a soft break (`=` at the end of the line).
fn quoted_printable(bytes: &[u8], out: &mut String) {
    let mut line = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push('\n');
            line = 0;
            continue;
        }
        let width = if b == b'=' || !(b' '..=b'~').contains(&b) {
            3
        } else {
            1
        };
        if line + width > 75 {
            out.push_str("=\n");
            line = 0;
        }
        if width == 3 {
            out.push_str(&format!("={b:02X}"));
        } else {
            out.push(char::from(b));
        }
        line += width;
    }
}

/// Base64 (RFC 2045 §6.8) in lines of 76 characters: 57 bytes a line.
fn base64(bytes: &[u8], out: &mut String) {
    for line in bytes.chunks(57) {
        out.push_str(&encode_base64(line));
        out.push('\n');
    }
}

/// The regex reference: an alternation of the patterns the scanner looks for (links with a scheme, `www.`
/// links, bare links on the vendors' domains, the vendors' meeting-id and passcode labels, one-tap strings).
pub fn reference_pattern(db: &joinguard::Database) -> String {
    let mut domains: Vec<String> = db
        .entries
        .iter()
        .flat_map(|e| e.vendor.domains.official.iter().map(|d| regex::escape(d)))
        .collect();
    domains.sort();
    domains.dedup();
    let mut labels: Vec<String> = db
        .entries
        .iter()
        .filter_map(|e| e.vendor.invitation.as_ref())
        .flat_map(|i| {
            i.meeting_id_labels
                .all()
                .chain(i.passcode_labels.all())
                .map(|l| regex::escape(l))
        })
        .collect();
    labels.sort();
    labels.dedup();
    format!(
        // ASCII classes (`(?-u)`) on bytes: the fastest form of the same alternation.
        r"(?-u)(?:https?|zoommtg|zoomus|msteams)://[^\s<>\x22']+|www\.[^\s<>\x22']+|(?:{})/[^\s<>\x22']+|{}|,,[0-9]+#",
        domains.join("|"),
        labels.join("|")
    )
}
