//! Compact codes for many URLs at once: four numbers a URL (vendor, kind, lookalike, flags) instead of an
//! assessment each, for callers that classify in bulk and want the details of only the few that name a vendor
//! or a lookalike (the wasm facade's `classifyUrls`: a typed array crosses to JavaScript, no text to parse).
//!
//! Layout, `STRIDE` numbers a URL in input order: the vendor's database index + 1 (0: none), the kind's index in
//! `KINDS`, the imitated vendor's database index + 1 (0: none), and the `flag` bits. A URL the screen lets go
//! (`Engine::screen`) is `[0, none, 0, 0]` without a parse: the screen guarantees that is what its assessment
//! says.

use std::mem::MaybeUninit;

use crate::assess::Engine;
use crate::classify::{Kind, LookalikeMemo, UrlClass, UrlScreen};

/// Numbers per URL.
pub const STRIDE: usize = 4;

/// The kinds in code order: a URL's kind code is its index here.
pub const KINDS: [Kind; 6] = [
    Kind::Join,
    Kind::Login,
    Kind::WebClient,
    Kind::Webinar,
    Kind::VendorSite,
    Kind::None,
];

/// The flag bits, with their names for the caller's decoder (`FLAGS`).
pub mod flag {
    /// The URL cannot be read (not an http(s) or vendor app link, or not a URL): nothing else is set.
    pub const UNREADABLE: u32 = 1;
    /// The screen passed it to the full path (it was parsed); unset for the ordinary links it let go.
    pub const PARSED: u32 = 1 << 1;
    /// The URL carries the meeting's passcode or key.
    pub const EMBEDDED_SECRET: u32 = 1 << 2;
    /// A link wrapper (SafeLinks, a redirect) was taken off: the vendor and kind are those of the target.
    pub const UNWRAPPED: u32 = 1 << 3;
    /// A meeting id was read.
    pub const MEETING_ID: u32 = 1 << 4;
    /// A URL trick (user name before `@`, backslash, control characters): a `suspicious-url` finding.
    pub const TRICK: u32 = 1 << 5;
    /// Worth a badge next to the link in a page: a lookalike, or a vendor's meeting page (`Engine::screen_links`).
    pub const BADGE: u32 = 1 << 6;
}

/// The flags by name, in bit order, for decoders.
pub const FLAGS: [(&str, u32); 7] = [
    ("unreadable", flag::UNREADABLE),
    ("parsed", flag::PARSED),
    ("embedded-secret", flag::EMBEDDED_SECRET),
    ("unwrapped", flag::UNWRAPPED),
    ("meeting-id", flag::MEETING_ID),
    ("trick", flag::TRICK),
    ("badge", flag::BADGE),
];

/// Whether a link to this class deserves a badge in a page: a lookalike, or a vendor's join, sign-in,
/// web-client or webinar page (approved, unapproved or blocked alike). A vendor's other pages do not.
pub fn worth_a_badge(class: &UrlClass) -> bool {
    class.lookalike_of.is_some() || (class.vendor.is_some() && class.kind.is_meeting_page())
}

pub(crate) fn kind_code(kind: Kind) -> u32 {
    KINDS
        .iter()
        .position(|k| *k == kind)
        .expect("KINDS lists every kind") as u32
}

/// The codes of one classified URL.
fn class_codes(class: &UrlClass) -> [u32; STRIDE] {
    let index = |i: Option<usize>| i.map_or(0, |i| i as u32 + 1);
    let mut flags = flag::PARSED;
    for (set, bit) in [
        (class.embedded_secret, flag::EMBEDDED_SECRET),
        (!class.unwrapped.is_empty(), flag::UNWRAPPED),
        (class.meeting_id.is_some(), flag::MEETING_ID),
        (!class.tricks.is_empty(), flag::TRICK),
        (worth_a_badge(class), flag::BADGE),
    ] {
        if set {
            flags |= bit;
        }
    }
    [
        index(class.vendor),
        kind_code(class.kind),
        index(class.lookalike_of),
        flags,
    ]
}

impl Engine<'_> {
    /// Appends the codes of each of `urls` to `out` (`STRIDE` numbers a URL, see the module's documentation):
    /// the screen first, the full classification only for the URLs it passes, with one lookalike memo for the
    /// batch (`LookalikeMemo`).
    pub fn url_codes<S: AsRef<str>>(&self, urls: &[S], out: &mut Vec<u32>) {
        out.reserve(urls.len() * STRIDE);
        let mut memo = LookalikeMemo::default();
        let screen = self.classifier.url_screen();
        for url in urls {
            out.extend_from_slice(&self.url_code(&screen, url.as_ref(), &mut memo));
        }
    }

    /// `url_codes` of the strings that `text` holds one after the other, `lengths[i]` bytes each: a batch as
    /// one text, without a slice or a `Vec` of strings built for it (the wasm facade's `classifyUrls` on
    /// ASCII batches, where JavaScript's lengths in UTF-16 units are lengths in bytes). Not generic, so that
    /// the loop is compiled with the engine (see `passed_code`). Writes nothing and returns `false` when the
    /// lengths do not add up to the text or cut a character.
    pub fn url_codes_joined(&self, text: &str, lengths: &[u32], out: &mut Vec<u32>) -> bool {
        let start = out.len();
        // At most `isize::MAX` bytes of lengths, so a quarter as many as fit in `usize` times `STRIDE`.
        let count = lengths.len() * STRIDE;
        out.reserve(count);
        let mut memo = LookalikeMemo::default();
        let screen = self.classifier.url_screen();
        // Each URL's codes written in place: `extend_from_slice` of the four was a `memory.copy` a URL in wasm,
        // which V8 runs as a call into C++ (about 40 instructions a URL in Node, callgrind); and into room not
        // zeroed first, as `resize` did one number at a time (about 18 a URL).
        let (codes, _) = out.spare_capacity_mut()[..count].as_chunks_mut::<STRIDE>();
        let whole = each_joined(text, lengths, |index, url| {
            codes[index] = self.url_code(&screen, url, &mut memo).map(MaybeUninit::new);
        });
        if whole {
            // SAFETY: `each_joined` answers `true` only when it called the closure for every index below
            // `lengths.len()`, which wrote all `count` numbers after `start`; `reserve` made room for them.
            unsafe { out.set_len(start + count) };
        }
        whole
    }

    /// The codes of one URL: the screen in line (a call for every URL), with the table the batch took, then the
    /// full path's call for the few it passes.
    #[inline(always)]
    fn url_code(&self, screen: &UrlScreen, url: &str, memo: &mut LookalikeMemo) -> [u32; STRIDE] {
        if self.screen_passes(screen, url) {
            self.passed_code(url, memo)
        } else {
            [0, kind_code(Kind::None), 0, 0]
        }
    }

    /// The codes of a URL the screen passed. Not generic and not inlined: a generic function is compiled in
    /// the crate that calls it, with that crate's optimisation level (the wasm facade's `opt-level = "z"`,
    /// Cargo.toml), and the screen and full path inlined into `url_codes` there ran at about half the speed
    /// of the engine's own build ("s").
    #[inline(never)]
    fn passed_code(&self, url: &str, memo: &mut LookalikeMemo) -> [u32; STRIDE] {
        let self_hosted = |host: &str| self.policy.self_hosted_vendor(host);
        match self.classifier.passed_class_memo(url, &self_hosted, memo) {
            Ok(class) => class_codes(&class),
            Err(_) => [0, kind_code(Kind::None), 0, flag::UNREADABLE],
        }
    }
}

/// Calls `f` with the index and text of each string that `text` holds one after the other, `lengths[i]` bytes
/// each (`Engine::url_codes_joined`, `Engine::link_records_joined`). Returns `false`, having called `f`
/// for none, some or all of them, when the lengths do not add up to the text or cut a character: one pass,
/// the sum checked by what is left at the end (a first pass adding the lengths up cost `classifyUrls` about
/// 10 instructions a URL in Node, callgrind; its callers drop what `f` wrote when it answers `false`).
pub(crate) fn each_joined(text: &str, lengths: &[u32], mut f: impl FnMut(usize, &str)) -> bool {
    let mut rest = text;
    for (index, &length) in lengths.iter().enumerate() {
        let Some((string, after)) = rest.split_at_checked(length as usize) else {
            return false;
        };
        f(index, string);
        rest = after;
    }
    rest.is_empty()
}
