//! Many links at once, for the badges next to meeting links in a page: a cheap screen of each link's text
//! first, the full assessment only for the few that pass, and only the links worth a badge returned, with
//! their place in the input.

use std::fmt;

use serde::Serialize;

use crate::assess::{Assessment, Engine};
use crate::classify::{LookalikeMemo, UrlClass, UrlScreen};
use crate::codes::worth_a_badge;

/// The layout of `Engine::link_records`: for each hit, in input order, `HEAD` numbers (the link's index in the
/// batch; its vendor's database index + 1, or 0; its kind's code, `crate::codes::KINDS`; the imitated vendor's
/// index + 1, or 0; the `flag` bits; the meeting id's start and end in the link when `MEETING_IN_URL`; how many
/// findings), then each finding's slot in `Engine::write_link_tables`' findings, most severe first, or
/// `PER_LINK` for the next finding of the link's JSON in the extras. The extras are a JSON array with one
/// object for each hit flagged `EXTRA`, in order, holding only what the numbers do not say: `url` (the text,
/// when the caller's string had a lone surrogate), `target` (when not the link itself), `unwrapped`,
/// `meeting_id` (when not a slice of the link) and `findings` (those of this link alone: a lookalike's).
pub mod record {
    /// Numbers before a hit's finding slots.
    pub const HEAD: usize = 8;
    /// The slot of a finding of one link, in its extras.
    pub const PER_LINK: u32 = u32::MAX;

    pub mod flag {
        /// The link carries its meeting's passcode.
        pub const EMBEDDED_SECRET: u32 = 1;
        /// The link has an object in the extras.
        pub const EXTRA: u32 = 1 << 1;
        /// The meeting id is the link's text between the record's two offsets (ASCII up to there, so the
        /// offsets are in bytes and UTF-16 units alike).
        pub const MEETING_IN_URL: u32 = 1 << 2;
        /// The flags by name, for decoders.
        pub const NAMES: [(&str, u32); 3] = [
            ("embedded-secret", EMBEDDED_SECRET),
            ("extra", EXTRA),
            ("meeting-in-url", MEETING_IN_URL),
        ];
    }
}

/// A link worth a badge: its index in the input and its assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkHit {
    pub index: usize,
    pub assessment: Assessment,
}

impl Engine<'_> {
    /// Whether `url` needs `assess_url` at all: `false` guarantees an assessment with no vendor, no lookalike
    /// and no finding, under this engine's policy (self-hosted instances included). Reads the text only.
    pub fn screen(&self, url: &str) -> bool {
        self.classifier
            .screen_with(url, &|host| self.policy.self_hosted_vendor(host))
    }

    /// The links among `urls` worth a badge, in input order: meeting links (join, sign-in, web-client and
    /// webinar pages of a vendor, an approved, unapproved or blocked one alike; unwrapped from SafeLinks and
    /// redirects) and lookalikes. Links to a vendor's other pages (pricing, downloads) and URLs that cannot
    /// be read are left out. One lookalike memo serves the batch (`LookalikeMemo`).
    pub fn screen_links<S: AsRef<str>>(&self, urls: &[S]) -> Vec<LinkHit> {
        let mut memo = LookalikeMemo::default();
        let screen = self.classifier.url_screen();
        urls.iter()
            .enumerate()
            .filter_map(|(index, url)| self.link_hit(&screen, index, url.as_ref(), &mut memo))
            .collect()
    }

    /// The hit of one link, if it is worth a badge. Not generic and not inlined, as `url_code` (src/codes.rs):
    /// a generic caller is compiled in the wasm facade at its `opt-level = "z"`, where the screen and full path
    /// inlined into `screen_links` ran at 0.29× the engine's own build ("s") in `make bench`.
    #[inline(never)]
    fn link_hit(
        &self,
        screen: &UrlScreen,
        index: usize,
        url: &str,
        memo: &mut LookalikeMemo,
    ) -> Option<LinkHit> {
        let class = self.badge_class(screen, url, memo)?;
        Some(LinkHit {
            index,
            assessment: self.assessment(url, &class),
        })
    }

    /// `screen_links`' hits as compact records appended to `out` (see `record`), and what no number says as a
    /// JSON array appended to `extras`; the tables the records name come from `write_link_tables`, once per
    /// policy. The wasm facade's `screenLinks`: a typed array crosses to JavaScript, and only the little JSON
    /// that differs from link to link. Returns how many hits.
    pub fn link_records<S: AsRef<str>>(
        &self,
        urls: &[S],
        out: &mut Vec<u32>,
        extras: &mut String,
    ) -> Result<usize, fmt::Error> {
        let mut memo = LookalikeMemo::default();
        let screen = self.classifier.url_screen();
        let mut scratch = String::new();
        let mut hits = 0;
        extras.push('[');
        let listed = extras.len();
        for (index, url) in urls.iter().enumerate() {
            let url = url.as_ref();
            if self.screen_passes(&screen, url) {
                hits += usize::from(self.link_record(
                    index,
                    url,
                    &mut memo,
                    out,
                    (extras, listed),
                    &mut scratch,
                )?);
            }
        }
        extras.push(']');
        Ok(hits)
    }

    /// `link_records` of the strings that `text` holds one after the other, `lengths[i]` bytes each, without a
    /// slice of strings built for it (the wasm facade's `screenLinks` on ASCII batches, as
    /// `Engine::url_codes_joined`). `Ok(None)`, with nothing appended, when the lengths do not add up to the
    /// text or cut a character.
    pub fn link_records_joined(
        &self,
        text: &str,
        lengths: &[u32],
        out: &mut Vec<u32>,
        extras: &mut String,
    ) -> Result<Option<usize>, fmt::Error> {
        let (start, extras_start) = (out.len(), extras.len());
        let mut memo = LookalikeMemo::default();
        let screen = self.classifier.url_screen();
        let mut scratch = String::new();
        let mut hits = 0;
        let mut written = Ok(());
        extras.push('[');
        let listed = extras.len();
        let whole = crate::codes::each_joined(text, lengths, |index, url| {
            if written.is_ok() && self.screen_passes(&screen, url) {
                match self.link_record(index, url, &mut memo, out, (extras, listed), &mut scratch) {
                    Ok(hit) => hits += usize::from(hit),
                    Err(e) => written = Err(e),
                }
            }
        });
        if written.is_err() || !whole {
            // Nothing of a batch that failed or did not add up is kept.
            out.truncate(start);
            extras.truncate(extras_start);
            written?;
            return Ok(None);
        }
        extras.push(']');
        Ok(Some(hits))
    }

    /// The record of one link that the screen passed (`screen_passes`, in line in the callers' loops: a call
    /// for every link), if it is worth a badge; whether it was. Not generic and not inlined, as `link_hit`.
    #[inline(never)]
    fn link_record(
        &self,
        index: usize,
        url: &str,
        memo: &mut LookalikeMemo,
        out: &mut Vec<u32>,
        extras: (&mut String, usize),
        scratch: &mut String,
    ) -> Result<bool, fmt::Error> {
        let self_hosted = |host: &str| self.policy.self_hosted_vendor(host);
        let class = self.classifier.passed_class_memo(url, &self_hosted, memo);
        let Some(class) = class.ok().filter(worth_a_badge) else {
            return Ok(false);
        };
        self.write_link_record(index, url, &class, out, extras, scratch)?;
        Ok(true)
    }

    /// The class of a link worth a badge; the assessment (findings, their messages) is built only for these.
    #[inline(always)]
    fn badge_class<'u>(
        &self,
        screen: &UrlScreen,
        url: &'u str,
        memo: &mut LookalikeMemo,
    ) -> Option<UrlClass<'u>> {
        let class = self.screened_class_memo(screen, url, memo)?.ok()?;
        worth_a_badge(&class).then_some(class)
    }
}
