//! Many links at once, for the badges next to meeting links in a page: a cheap screen of each link's text
//! first, the full assessment only for the few that pass, and only the links worth a badge returned, with
//! their place in the input.

use std::fmt;

use serde::Serialize;

use crate::assess::{Assessment, Engine};
use crate::classify::{LookalikeMemo, UrlClass};
use crate::codes::worth_a_badge;
use crate::json;

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
        urls.iter()
            .enumerate()
            .filter_map(|(index, url)| self.link_hit(index, url.as_ref(), &mut memo))
            .collect()
    }

    /// The hit of one link, if it is worth a badge. Not generic and not inlined, as `url_code` (src/codes.rs):
    /// a generic caller is compiled in the wasm facade at its `opt-level = "z"`, where the screen and full path
    /// inlined into `screen_links` ran at 0.29× the engine's own build ("s") in `make bench`.
    #[inline(never)]
    fn link_hit(&self, index: usize, url: &str, memo: &mut LookalikeMemo) -> Option<LinkHit> {
        let class = self.badge_class(url, memo)?;
        Some(LinkHit {
            index,
            assessment: self.assessment(url, &class),
        })
    }

    /// `screen_links`' hits as JSON text appended to `out`: what `json::to_string(&self.screen_links(urls))`
    /// writes, byte for byte (tests/json.rs), with each assessment written straight into `out`
    /// (`Engine::write_assessment`). The facade reuses `out` from batch to batch. Returns how many hits.
    pub fn write_links_json<S: AsRef<str>>(
        &self,
        urls: &[S],
        out: &mut String,
    ) -> Result<usize, fmt::Error> {
        let mut memo = LookalikeMemo::default();
        let mut scratch = String::new();
        let mut hits = 0;
        out.push('[');
        for (index, url) in urls.iter().enumerate() {
            let first = hits == 0;
            let url = url.as_ref();
            hits += usize::from(self.write_link_hit(
                index,
                url,
                &mut memo,
                first,
                out,
                &mut scratch,
            )?);
        }
        out.push(']');
        Ok(hits)
    }

    /// `write_links_json` of the strings that `text` holds one after the other, `lengths[i]` bytes each, without
    /// a slice of strings built for it (the wasm facade's `screenLinks` on ASCII batches, as
    /// `Engine::url_codes_joined`). `Ok(None)`, with nothing appended, when the lengths do not add up to the
    /// text or cut a character.
    pub fn write_links_json_joined(
        &self,
        text: &str,
        lengths: &[u32],
        out: &mut String,
    ) -> Result<Option<usize>, fmt::Error> {
        let start = out.len();
        let mut memo = LookalikeMemo::default();
        let mut scratch = String::new();
        let mut hits = 0;
        let mut written = Ok(());
        out.push('[');
        let whole = crate::codes::each_joined(text, lengths, |index, url| {
            if written.is_ok() {
                match self.write_link_hit(index, url, &mut memo, hits == 0, out, &mut scratch) {
                    Ok(hit) => hits += usize::from(hit),
                    Err(e) => written = Err(e),
                }
            }
        });
        written?;
        if !whole {
            out.truncate(start);
            return Ok(None);
        }
        out.push(']');
        Ok(Some(hits))
    }

    /// `{"index":…,"assessment":…}` of one link, after a comma unless `first`, if it is worth a badge;
    /// whether it was. Not generic and not inlined, as `link_hit`.
    #[inline(never)]
    fn write_link_hit(
        &self,
        index: usize,
        url: &str,
        memo: &mut LookalikeMemo,
        first: bool,
        out: &mut String,
        scratch: &mut String,
    ) -> Result<bool, fmt::Error> {
        let Some(class) = self.badge_class(url, memo) else {
            return Ok(false);
        };
        if !first {
            out.push(',');
        }
        out.push_str("{\"index\":");
        json::push_unsigned(out, index as u64);
        out.push_str(",\"assessment\":");
        self.write_assessment(url, &class, out, scratch)?;
        out.push('}');
        Ok(true)
    }

    /// The class of a link worth a badge; the assessment (findings, their messages) is built only for these.
    #[inline(always)]
    fn badge_class<'u>(&self, url: &'u str, memo: &mut LookalikeMemo) -> Option<UrlClass<'u>> {
        let class = self.screened_class_memo(url, memo)?.ok()?;
        worth_a_badge(&class).then_some(class)
    }
}
