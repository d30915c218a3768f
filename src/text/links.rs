//! Links in running text: where a URL starts and ends around a `/` (with a scheme, or bare such as
//! `zoom.us/j/…`) or a `www.`, and whether it needs a full assessment.
//!
//! That last question goes to `Classifier::screen_with`, which reads the raw host through the lookalike
//! index's automaton: `false` guarantees the full classification would find nothing (no vendor, wrapper,
//! lookalike or trick). Mail repeats a few hosts many times (trackers, newsletters, signatures), so the answer
//! is cached by host and path head (`ScreenCache`), and a repeated ordinary link costs a hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::html::{find3, host_run_end, url_run_end};
use crate::assess::Engine;
use crate::classify::UrlScreen;

/// Schemes whose links are assessed (`://` form); vendor app schemes are rewritten by the classifier.
/// `https` stays first: `scheme_link_at` answers it by index after its one-compare test.
const SCHEMES: &[&str] = &["https", "http", "zoommtg", "zoomus", "msteams"];
const HTTPS: usize = 0;

/// Longest host read backwards from a bare link's `/` (DNS names stop at 253).
const MAX_HOST: usize = 253;

/// A byte that ends a URL in running text: whitespace, controls, quotes and brackets that delimit links in
/// mail and HTML. Non-ASCII bytes do not end it (IRIs and look-alike characters are part of the link).
pub(super) static URL_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x21 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    let stops = b"\"'<>`{}|^";
    let mut i = 0;
    while i < stops.len() {
        table[stops[i] as usize] = true;
        i += 1;
    }
    table
};

/// A byte of a host name as written in text (ASCII: hosts in other characters are found through a scheme).
pub fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'-'
}

/// Where a link starts and where its host is; its end is found only when it is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkStart {
    pub start: usize,
    pub host_start: usize,
    pub host_end: usize,
    /// `http(s)://` or bare: what `Classifier::screen_with` reads (as `https://` for bare links).
    pub web: bool,
}

/// A link with its extent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub host_start: usize,
    pub host_end: usize,
}

impl LinkStart {
    pub fn candidate(&self, text: &[u8]) -> Candidate {
        Candidate {
            start: self.start,
            end: url_end(text, self.host_end),
            host_start: self.host_start,
            host_end: self.host_end,
        }
    }
}

/// The link whose `://` has its first `/` at `slash` (`text[slash - 1] == b':'`), if its scheme is one we
/// check. A scheme glued to a word (`URL:https://`) is cut back to the known scheme: the first of `SCHEMES`
/// that the bytes before the colon end with, ASCII case aside. The word before the colon is not walked back
/// first: a scheme's bytes are letters, so ending the word and ending the text there are the same, and the
/// walk was about 35 instructions a link under callgrind (`make bench-instructions`, session 37).
pub fn scheme_link_at(text: &[u8], slash: usize) -> Option<LinkStart> {
    let colon = slash.checked_sub(1)?;
    let before = &text[..colon];
    // `https`, nearly every link, by one compare of its last four bytes with each byte's case bit set (exact
    // for letters: only `H` and `h` become `h` so, and so on) and one of its `s`, where `eq_ignore_ascii_case`
    // folded each byte (about 20 instructions a link under callgrind, session 37).
    let https = before.len() >= 5 && {
        let tail = &before[before.len() - 5..];
        let http = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
        http | 0x2020_2020 == u32::from_le_bytes(*b"http") && tail[4] | 0x20 == b's'
    };
    let scheme = if https {
        &SCHEMES[HTTPS]
    } else {
        SCHEMES.iter().find(|s| {
            before.len() >= s.len()
                && before[before.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        })?
    };
    let start = colon - scheme.len();
    let host_start = slash + 2;
    let host_end = scheme_host_end(text, host_start);
    if host_end == host_start {
        return None;
    }
    Some(LinkStart {
        start,
        host_start,
        host_end,
        web: scheme.starts_with("http"),
    })
}

/// Where the host of a scheme link that starts at `at` ends: at the first `/`, `?`, `#`, `\` or stop byte, none
/// of them a host byte (a `'` too: `host_past_apostrophe` reads on past it, beside). Runs of host bytes are
/// passed 16 at a time (`host_run_end`), and only the bytes that end a run are looked at.
#[inline(always)]
fn scheme_host_end(text: &[u8], mut at: usize) -> usize {
    loop {
        at = host_run_end(text, at);
        match text.get(at) {
            Some(&b) if !(matches!(b, b'/' | b'?' | b'#' | b'\\') || URL_STOP[b as usize]) => {
                at += 1
            }
            _ => return at,
        }
    }
}

/// A bare link (`zoom.us/j/123`, `meet.google.com/abc-defg-hij`) whose host ends at the `/` at `slash`.
/// Cheap rejections first: the host must end in a dot and an alphabetic top-level label, which runs of
/// base64 or paths (`and/or`, `12/03`) do not.
pub fn bare_link_at(text: &[u8], slash: usize) -> Option<LinkStart> {
    let mut i = slash;
    while i > 0 && slash - i < 24 && text[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    let tld_len = slash - i;
    if !(2..24).contains(&tld_len) || i == 0 || text[i - 1] != b'.' {
        return None;
    }
    let mut start = i - 1;
    while start > 0 && slash - start < MAX_HOST && is_host_byte(text[start - 1]) {
        start -= 1;
    }
    if start > 0 {
        let before = text[start - 1];
        // `user@zoom.us/…` is not a link; `//host/` and `://host/` belong to a scheme link; a non-ASCII byte
        // means the host goes on in characters the fast path does not read (the `www.`/scheme passes or
        // nothing: bare look-alike hosts without a scheme are out of reach).
        if matches!(
            before,
            b'@' | b'/' | b':' | b'\\' | b'%' | b'=' | b'&' | b'?' | b'_'
        ) || before >= 0x80
        {
            return None;
        }
    }
    let host = &text[start..slash];
    if host.first().is_none_or(|&b| b == b'.' || b == b'-')
        || host[..host.len() - tld_len - 1].is_empty()
    {
        return None;
    }
    Some(LinkStart {
        start,
        host_start: start,
        host_end: slash,
        web: true,
    })
}

/// A bare `www.` link starting at `at`. Out of line natively: inlined into `Scanner::scan` it put the mbox rows
/// of `make bench-instructions` (many small segments) +0.35 % and +0.40 % on main, out of line +0.22 % and
/// +0.27 % (callgrind, session 44); the wasm, measured as it was, keeps the compiler's choice.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
pub fn www_link_at(text: &[u8], at: usize) -> Option<LinkStart> {
    if at > 0 {
        let before = text[at - 1];
        if is_host_byte(before)
            || matches!(before, b'/' | b'@' | b':' | b'\\' | b'_')
            || before >= 0x80
        {
            return None;
        }
    }
    let host_end = host_run_end(text, at);
    // `www.` alone or `www.x` is prose, not a link.
    if !text[at + 4..host_end].contains(&b'.') {
        return None;
    }
    Some(LinkStart {
        start: at,
        host_start: at,
        host_end,
        web: true,
    })
}

/// The link `link` (a scheme or `www.` link of `text`, its host stopped at a `'`) read on past the `'`, where
/// more of a host follows it (`host_past_apostrophe`): `zoom.us'.meeting-join.com`, `zoom.us'x.evil.com`.
/// The URL standard forbids no `'` in a host, so a browser given the whole link goes to that host, and
/// Thunderbird's plain-text linkifier reads the link on over it: in current comm-central,
/// `mozTXTToHTMLConv::FindURLEnd` (netwerk/streamconv/converters/mozTXTToHTMLConv.cpp) ends a free-text URL at
/// blanks, `<>"`, `` ` ``, `{}`, an unmatched `)` or `]` and a `[` not after `//`, then trims a trailing
/// `.,;!?-:'`; older Gecko (the `PRUint32` era) ended one at a `'`. Gmail's, Outlook's and Apple Mail's
/// linkifiers were not checked (session 44), and a client that stops at the `'` goes to the host before it: so
/// this is a second reading, beside the one that stops there (`Scanner::scan` keeps both). `None` where the
/// `'` is prose (`zoom.us's page`, `'https://zoom.us'.`). Only the host is read on, where the `'` changes which
/// site the link goes to; a path still ends at a `'`.
#[cfg(not(target_arch = "wasm32"))]
#[cold]
#[inline(never)]
pub fn read_on_past_apostrophe(text: &[u8], link: &LinkStart) -> Option<LinkStart> {
    let scheme = link.start != link.host_start;
    let mut host_end = host_past_apostrophe(text, link.host_end)?;
    if scheme {
        host_end = scheme_host_end(text, host_end);
        while let Some(end) = host_past_apostrophe(text, host_end) {
            host_end = scheme_host_end(text, end);
        }
    }
    Some(LinkStart { host_end, ..*link })
}

/// Where a host written on past the `'` at `at` ends, when more of a host follows it: a run of host bytes with
/// a `.` before its last byte, and so on past each `'` after such a run; `None` when none follows.
#[cfg(not(target_arch = "wasm32"))]
fn host_past_apostrophe(text: &[u8], mut at: usize) -> Option<usize> {
    let mut end = None;
    while text.get(at) == Some(&b'\'') {
        let run = &text[at + 1..];
        let len = run
            .iter()
            .position(|&b| !is_host_byte(b))
            .unwrap_or(run.len());
        // A `.` before the run's last byte: more of a host, not prose.
        if run[..len]
            .iter()
            .position(|&b| b == b'.')
            .is_none_or(|dot| dot + 1 >= len)
        {
            break;
        }
        at += 1 + len;
        end = Some(at);
    }
    end
}

/// The end of the link skipped at its head (`Decision::SkipHead`, its host ending at `host_end`) when the link
/// whose `/` is at `slash` and which starts at `start` lies inside it (`?u=https://…`), as the end a `Skip`
/// would have resumed at. A stop byte just before `start` settles it without reading that end: the outer link
/// runs no further than its first stop byte (links in mail stand after a quote, a space or a `>`).
pub fn inside_skipped(text: &[u8], host_end: usize, start: usize, slash: usize) -> Option<usize> {
    if start > host_end && URL_STOP[text[start - 1] as usize] {
        return None;
    }
    let end = url_end(text, host_end);
    (slash < end).then_some(end)
}

/// Holds `host_run_end` and `url_run_end` (16 bytes a step where there is SIMD, then a byte loop) to a byte
/// loop over `is_host_byte` and `URL_STOP`: every byte value at every place from before to past two steps, in
/// texts that end there or go on (the empty text too), searched from several starts, with a byte that is not
/// ASCII before it or not. Run natively (the test below) and in wasm, where the steps are `simd128`
/// (crates/wasm/tests/text_scan.rs).
#[doc(hidden)]
#[cfg(any(test, feature = "test-strategies"))]
pub fn check_run_ends_against_byte_loops() {
    for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 40, 47, 48, 49] {
        for at in 0..len.max(1) {
            for b in 0..=255u8 {
                for wide_at in [None, Some(0), Some(at / 2), Some(len.saturating_sub(1))] {
                    let mut text = vec![b'a'; len];
                    if len > 0 {
                        if let Some(w) = wide_at {
                            text[w] = 0xC3;
                        }
                        text[at] = b;
                    }
                    for from in [0, 1, 5, 16, 17].into_iter().filter(|&f| f <= len) {
                        let host = text[from..]
                            .iter()
                            .position(|&x| !is_host_byte(x))
                            .map_or(len, |i| from + i);
                        assert_eq!(host_run_end(&text, from), host, "{len} {at} {b} {from}");
                        let stop = text[from..]
                            .iter()
                            .position(|&x| URL_STOP[usize::from(x)])
                            .map_or(len, |i| from + i);
                        let wide = text[from..stop].iter().any(|&x| x >= 0x80);
                        assert_eq!(
                            url_run_end(&text, from),
                            (stop, wide),
                            "{len} {at} {b} {from}"
                        );
                    }
                }
            }
        }
    }
}

/// Where a URL that goes on at `from` ends: at the first stop byte, less trailing punctuation that belongs to
/// the sentence (`.`, `,`, `)` without its `(`, …).
pub fn url_end(text: &[u8], from: usize) -> usize {
    let (mut end, wide) = url_run_end(text, from);
    // Non-ASCII spaces, quotes and the full-width punctuation of Chinese and Japanese prose end a link too
    // (Tencent Meeting invitations run on after the link: `…/dm/PW1XmCeX2Ur7，或添加至会议列表`); only look
    // when the link holds non-ASCII bytes at all.
    if wide {
        if let Ok(s) = std::str::from_utf8(&text[from..end]) {
            if let Some(cut) = s.find(|c: char| {
                c.is_whitespace() || "«»“”‘’„「」『』，。、；：！？（）【】《》".contains(c)
            }) {
                end = from + cut;
            }
        }
    }
    // A Markdown link whose text is the URL itself (`[https://…](https://…)`): the text's `]` before `(` ends
    // it, unless the URL opened a `[` of its own.
    if let Some(cut) = markdown_cut(&text[from..end]) {
        if !text[from..from + cut].contains(&b'[') {
            end = from + cut;
        }
    }
    while end > from {
        let last = text[end - 1];
        let trim = match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*' => true,
            b')' => count(&text[from..end], b'(') < count(&text[from..end], b')'),
            b']' => count(&text[from..end], b'[') < count(&text[from..end], b']'),
            _ => false,
        };
        if !trim {
            break;
        }
        end -= 1;
    }
    end
}

/// Where `](` first is in `url`: through its rare `]`, not `memmem::find`, which builds a searcher at every
/// call (in wasm, 1.4 M of the 48 M instructions of a scan of the bench's plain mail under callgrind, `make
/// bench-wasm-instructions`).
fn markdown_cut(url: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b']', url).find(|&i| url.get(i + 1) == Some(&b'('))
}

fn count(text: &[u8], byte: u8) -> usize {
    text.iter().filter(|&&b| b == byte).count()
}

/// The end of a link's head: its host and path up to the third `/` (or a `?`, `#` or stop byte). The screen
/// reads no further than the host and a path prefix of at most two segments (the wrappers' `/url`, `/l.php`,
/// `/evergreen-assets/safelinks/`), so links with the same head get the same answer.
fn head_end(text: &[u8], host_end: usize) -> usize {
    let mut slashes = 0;
    let mut i = host_end;
    while i < text.len() {
        // A host byte ends no head: runs of them (a path segment's words) are passed 16 at a time.
        i = host_run_end(text, i);
        let Some(&b) = text.get(i) else { break };
        if b == b'/' {
            slashes += 1;
            if slashes == 3 {
                return i + 1;
            }
        } else if b == b'?' || b == b'#' || URL_STOP[b as usize] {
            return i;
        }
        i += 1;
    }
    i
}

/// A word-at-a-time multiplicative hash (the rustc "Fx" scheme): heads are 20–60 bytes, and a byte-wise hash
/// showed up in profiles. The cache is bounded, so hostile collisions cost little.
#[derive(Default)]
pub struct HeadHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl HeadHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for HeadHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let mut last = [0u8; 8];
        let rest = words.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
    }
}

/// The screen's answers by link head. Only `http(s)` and bare links whose host slice is plain (no user name,
/// port or backslash) are cached: for them the head decides the answer as far as scan findings go (a path
/// beyond the head can make the classifier note a trick, which is no scan finding, never a vendor or a
/// lookalike on a host the screen cleared).
pub struct ScreenCache<'e, 'd> {
    /// The engine whose screen and policy answer (one for the scanner's life: the screen below is its).
    engine: &'e Engine<'d>,
    answers: HashMap<Box<Head>, bool, BuildHasherDefault<HeadHasher>>,
    /// Reused to screen bare links as the `https://` links they stand for.
    buffer: String,
    /// The screen with its table, taken at the first link the cache cannot answer (so that a text without
    /// links never builds the table) and kept for the scanner's life, as the URL batches take it once
    /// (`Classifier::url_screen`) instead of asking for every link whether the table is built.
    screen: Option<UrlScreen<'e, 'd>>,
}

/// Whether a link's host, `text[start..end]`, holds no user name or port (no `@`, no `:`). Nearly every host
/// is host bytes only (`host_run_end`, 16 bytes a step on the text, so that a host shorter than a step is
/// read in one); otherwise both are searched for at once, 16 bytes a step inline (`find3`). Two `contains`,
/// each a call to core's `memchr` and its set-up for a host of about 20 bytes, cost about 20 instructions a
/// link more under callgrind (`make bench-instructions`' mbox of mail, session 37); `find3` alone on the host,
/// a byte loop below 16 bytes, about 110 in V8 (session 39).
fn plain_host(text: &[u8], start: usize, end: usize) -> bool {
    host_run_end(text, start) >= end || find3(&text[..end], start, b'@', b':', b':') == end
}

/// A link head as the screen cache's key: its bytes, compared eight at a time (and hashed by them alone, where
/// `[u8]`'s `Hash` writes its length first). As `[u8]` the map compared a found head by `==`, a call to
/// `memcmp`, which is a byte loop in wasm (compiler-builtins'): about 160 x86-64 instructions a link in V8
/// (callgrind, the wasm bench's mail, session 39), where this compare takes about 57.
#[repr(transparent)]
struct Head([u8]);

impl Head {
    fn of(bytes: &[u8]) -> &Head {
        // SAFETY: `Head` is `repr(transparent)` over `[u8]`: a `&[u8]` and a `&Head` have the same layout and
        // length metadata (as `std::path::Path` over `OsStr`).
        unsafe { &*(bytes as *const [u8] as *const Head) }
    }

    fn boxed(bytes: &[u8]) -> Box<Head> {
        let bytes: Box<[u8]> = bytes.into();
        // SAFETY: as in `of`; the box's allocation is the `[u8]`'s, whose layout `Head` shares.
        unsafe { Box::from_raw(Box::into_raw(bytes) as *mut Head) }
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        let (a, b) = (&self.0, &other.0);
        let len = a.len();
        if len != b.len() {
            return false;
        }
        if len < 8 {
            return a.iter().zip(b).all(|(x, y)| x == y);
        }
        let word =
            |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
        // Whole words, then the last eight bytes (again over some of the last word's when the length is not a
        // multiple of eight), where a byte loop took the last few.
        let mut at = 0;
        while at + 8 < len {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        word(a, len - 8) == word(b, len - 8)
    }
}

impl Eq for Head {}

impl std::hash::Hash for Head {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(&self.0);
    }
}

/// Heads kept at most; the cache starts over beyond (bounded memory on hostile input).
const MAX_CACHED: usize = 16_384;

/// What to do with a link.
pub enum Decision {
    /// Nothing can come of it; skip text up to this offset.
    Skip(usize),
    /// Nothing can come of it (a head the cache knows); skip text up to the head, the link's end not read:
    /// a link found before that end is inside this one (`?u=https://…`) and skipped as after a `Skip` to it
    /// (`inside_skipped`). Reading every such end cost the text mail row 10 % more instructions, reading it
    /// at every next link 6 % (make bench-instructions, session 39).
    SkipHead { head: usize, host_end: usize },
    /// Assess it.
    Assess(Candidate),
}

impl<'e, 'd> ScreenCache<'e, 'd> {
    pub fn new(engine: &'e Engine<'d>) -> Self {
        ScreenCache {
            engine,
            answers: HashMap::default(),
            buffer: String::new(),
            screen: None,
        }
    }

    pub fn decide(&mut self, text: &[u8], link: &LinkStart) -> Decision {
        let plain = link.web
            && plain_host(text, link.host_start, link.host_end)
            && text.get(link.host_end) != Some(&b'\\');
        let head = plain.then(|| head_end(text, link.host_end));
        if let Some(head) = head {
            if let Some(&assess) = self.answers.get(Head::of(&text[link.host_start..head])) {
                if !assess {
                    return Decision::SkipHead {
                        head,
                        host_end: link.host_end,
                    };
                }
                return Decision::Assess(link.candidate(text));
            }
        }
        let candidate = link.candidate(text);
        let assess = self.screen(text, &candidate, link.start == link.host_start);
        if let Some(head) = head {
            if self.answers.len() >= MAX_CACHED {
                self.answers.clear();
            }
            self.answers
                .insert(Head::boxed(&text[link.host_start..head]), assess);
        }
        if assess {
            Decision::Assess(candidate)
        } else {
            Decision::Skip(candidate.end)
        }
    }

    fn screen(&mut self, text: &[u8], c: &Candidate, bare: bool) -> bool {
        let engine = self.engine;
        let Ok(link) = std::str::from_utf8(&text[c.start..c.end]) else {
            return true;
        };
        let screen = *self
            .screen
            .get_or_insert_with(|| engine.classifier.url_screen());
        let self_hosted = |host: &str| engine.policy.self_hosted_vendor(host);
        if bare {
            self.buffer.clear();
            self.buffer.push_str("https://");
            self.buffer.push_str(link);
            screen.screen_with(&self.buffer, &self_hosted)
        } else {
            screen.screen_with(link, &self_hosted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extent(c: Option<LinkStart>, text: &str) -> Option<String> {
        c.map(|c| {
            let c = c.candidate(text.as_bytes());
            text[c.start..c.end].to_string()
        })
    }

    fn scheme(text: &str) -> Option<String> {
        let slash = text.find("://").map(|i| i + 1)?;
        extent(scheme_link_at(text.as_bytes(), slash), text)
    }

    fn bare(text: &str) -> Option<String> {
        let slash = text.find('/')?;
        extent(bare_link_at(text.as_bytes(), slash), text)
    }

    #[test]
    fn scheme_links_end_where_prose_resumes() {
        assert_eq!(
            scheme("Join: https://us02web.zoom.us/j/85123456789?pwd=abc.1."),
            Some("https://us02web.zoom.us/j/85123456789?pwd=abc.1".into())
        );
        assert_eq!(
            scheme("(see https://en.wikipedia.org/wiki/Zoom_(software))."),
            Some("https://en.wikipedia.org/wiki/Zoom_(software)".into())
        );
        assert_eq!(
            scheme("<https://teams.microsoft.com/l/meetup-join/19%3a>"),
            Some("https://teams.microsoft.com/l/meetup-join/19%3a".into())
        );
        assert_eq!(
            scheme("URL:HTTPS://zoom.us/j/1\tnext"),
            Some("HTTPS://zoom.us/j/1".into())
        );
        assert_eq!(
            scheme("«https://zооm.us/j/1» ok"),
            Some("https://zооm.us/j/1".into())
        );
        // Chinese prose after a link, and a Markdown link followed by it.
        assert_eq!(
            scheme("https://meeting.tencent.com/dm/PW1XmCeX2Ur7，或添加至会议列表"),
            Some("https://meeting.tencent.com/dm/PW1XmCeX2Ur7".into())
        );
        assert_eq!(
            scheme("[点击链接入会](https://meeting.tencent.com/dm/PW1XmCeX2Ur7)，或添加"),
            Some("https://meeting.tencent.com/dm/PW1XmCeX2Ur7".into())
        );
        assert_eq!(scheme("ftp://files.example/x"), None);
        assert_eq!(scheme("https:// nothing"), None);
        // A Markdown link whose text is the URL: the text ends at `](`.
        assert_eq!(
            scheme("[https://global.gotomeeting.com/join/994278485](https://global.gotomeeting.com/join/994278485)"),
            Some("https://global.gotomeeting.com/join/994278485".into())
        );
        assert_eq!(
            scheme("https://example.org/a[1](2)"),
            Some("https://example.org/a[1](2)".into())
        );
    }

    #[test]
    fn runs_end_where_a_byte_loop_ends_them() {
        check_run_ends_against_byte_loops();
    }

    /// `Head`'s compare by words tells every pair of heads apart that `[u8]`'s `==` does: equal copies, and one
    /// byte changed at every place, at every length around the words, and heads of other lengths.
    #[test]
    fn heads_compare_as_their_bytes() {
        for len in 0..40usize {
            let head: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(Head::of(&head) == Head::of(&head.clone()), "{len}");
            if len > 0 {
                assert!(Head::of(&head) != Head::of(&head[..len - 1]), "{len}");
            }
            for at in 0..len {
                let mut other = head.clone();
                other[at] ^= 0x20;
                assert!(Head::of(&head) != Head::of(&other), "{len} {at}");
            }
        }
    }

    /// `plain_host` finds an `@` or a `:` wherever it is in a host, at every length around a 16-byte step.
    #[test]
    fn plain_hosts_have_no_user_name_or_port() {
        for len in 0..40 {
            // The host alone, and followed by a path and more host bytes (which `host_run_end` reads past the
            // host's end in the same step).
            for after in ["", "/", "/a@b:c.d"] {
                let mut host = vec![b'a'; len];
                host.extend_from_slice(after.as_bytes());
                assert!(plain_host(&host, 0, len), "{len}");
                for at in 0..len {
                    for stop in [b'@', b':', b'%'] {
                        let mut marked = host.clone();
                        marked[at] = stop;
                        assert_eq!(
                            plain_host(&marked, 0, len),
                            stop == b'%',
                            "{len} {at} {stop}"
                        );
                    }
                }
            }
        }
    }

    /// The scheme is read from the bytes before the colon (`https` by a compare of its own) as the walk back
    /// over the word before it read it (before session 37): the known scheme the word ends with, ASCII case
    /// aside, cut from a longer word; on generated words of scheme letters, digits, other letters, blanks and
    /// colons at the text's start and after other text.
    #[test]
    fn schemes_read_as_the_word_walk_read_them() {
        // `scheme_link_at` takes `https` by its own compare and answers with the first scheme.
        assert_eq!(SCHEMES[HTTPS], "https");
        let walked = |text: &[u8], slash: usize| {
            let colon = slash - 1;
            let mut start = colon;
            while start > 0 && colon - start < 16 && text[start - 1].is_ascii_alphanumeric() {
                start -= 1;
            }
            let word = &text[start..colon];
            SCHEMES.iter().find(|s| {
                word.len() >= s.len()
                    && word[word.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
            })
        };
        let pieces: &[&str] = &[
            "h", "t", "p", "s", "H", "T", "S", "http", "HTTPS", "hTtPs", "zoom", "mtg", "us", "ms",
            "teams", "x", "1", ":", " ", "\u{e9}", "URL", "ttps", "\u{3}", "(",
        ];
        let mut numbers = crate::Numbers(0x5c4e_3e37);
        for _ in 0..20_000 {
            let mut text: String = (0..numbers.below(6))
                .map(|_| pieces[numbers.below(pieces.len())])
                .collect();
            let slash = text.len() + 1;
            text.push_str("://zoom.us/j/1");
            let found = scheme_link_at(text.as_bytes(), slash);
            let scheme = walked(text.as_bytes(), slash);
            assert_eq!(
                found.map(|f| (f.start, f.web)),
                scheme.map(|s| (slash - 1 - s.len(), s.starts_with("http"))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn bare_links_need_a_host_with_a_top_level_label() {
        assert_eq!(
            bare("join zoom.us/j/91234567890 now"),
            Some("zoom.us/j/91234567890".into())
        );
        assert_eq!(
            bare("meet.google.com/abc-defg-hij."),
            Some("meet.google.com/abc-defg-hij".into())
        );
        assert_eq!(bare("and/or"), None);
        assert_eq!(bare("on 12/03/2026"), None);
        assert_eq!(bare("write to jane@zoom.us/x"), None);
        assert_eq!(bare("aGVsbG8gd29ybGQ/aGVsbG8"), None);
        assert_eq!(bare(".us/x"), None);
    }

    #[test]
    fn heads_stop_after_two_path_segments() {
        let head =
            |text: &str, host_end: usize| text[..head_end(text.as_bytes(), host_end)].to_string();
        assert_eq!(head("x.com/a/b/c/d?e", 5), "x.com/a/b/");
        assert_eq!(head("x.com/url?q=1", 5), "x.com/url");
        assert_eq!(head("x.com", 5), "x.com");
        assert_eq!(head("x.com/a b", 5), "x.com/a");
    }

    #[test]
    fn www_links_stand_alone() {
        let text = "visit www.zoom-us-login.com today";
        let at = text.find("www.").unwrap();
        assert_eq!(
            extent(www_link_at(text.as_bytes(), at), text),
            Some("www.zoom-us-login.com".into())
        );
        let text = "https://www.zoom.us/j/1";
        assert_eq!(www_link_at(text.as_bytes(), 8), None);
        let text = "www. is a prefix";
        assert_eq!(www_link_at(text.as_bytes(), 0), None);
    }
}
