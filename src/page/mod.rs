//! Page signals: the compact description of a web page that the content script gathers (within about 2 ms of
//! script time) and sends to the background, where `Engine::assess_page` turns it into findings.
//!
//! The content script runs where WebAssembly cannot (a page's CSP blocks it), so it only reads the DOM: the
//! fields below are what a bounded walk yields cheaply. Every list and string has a cap; the content script
//! cuts at the caps and sets `truncated`, and the engine never reads past them either (a page controls its own
//! DOM and could make it huge). Missing fields, and `null` where a string or list is expected (what
//! `getAttribute` returns for an absent attribute), read as empty; unknown fields are refused, so a typo in the
//! content script fails a test instead of silently dropping a signal.

pub mod account;
pub mod analyze;
pub mod idp;
pub mod words;

use serde::{Deserialize, Deserializer, Serialize};

pub use analyze::{DetectedProvider, PageAssessment, RecordingSeen};

/// Longest `url` read, in characters.
pub const MAX_URL: usize = 2048;
/// Longest `title`, heading, link text, button text, aria-label, image alt, field placeholder or form submit
/// text.
pub const MAX_TEXT: usize = 150;
/// Longest `href`, `action`, script or iframe source.
pub const MAX_SRC: usize = 1000;
/// Longest notice snippet.
pub const MAX_NOTICE: usize = 300;
/// Longest field name or autocomplete value.
pub const MAX_FIELD_NAME: usize = 60;

/// `frame_hosts`: enclosing frames, innermost first.
pub const MAX_FRAME_HOSTS: usize = 8;
/// `headings`: the `h1` and `h2` texts in document order, then `h3` to `h6` texts in the room left under the cap
/// (kits put the brand in a minor heading; extension/content/signals.js).
pub const MAX_HEADINGS: usize = 10;
/// `links`: when a page has more, the content script keeps the first `MAX_LINKS - MAX_LINKS_TAIL` and the
/// last `MAX_LINKS_TAIL` (footers, which hold the privacy link, come last).
pub const MAX_LINKS: usize = 200;
pub const MAX_LINKS_TAIL: usize = 50;
/// `buttons`: `button`, `[role=button]`, `input[type=submit|button]`, first in document order.
pub const MAX_BUTTONS: usize = 100;
/// `forms`: forms with at least one visible field; inputs outside any form count as one extra form.
pub const MAX_FORMS: usize = 10;
/// `fields` of one form (hidden inputs are left out).
pub const MAX_FIELDS: usize = 20;
/// `img_alts`: non-empty `alt` texts of images (logos name brands).
pub const MAX_IMG_ALTS: usize = 30;
pub const MAX_SCRIPTS: usize = 50;
pub const MAX_IFRAMES: usize = 20;
pub const MAX_NOTICES: usize = 20;
/// `copyrights`: texts holding a copyright notice ("©2019 Microsoft"), read from the end of the page, where
/// footers are (extension/content/signals.js walks at most a few hundred text nodes back from the end).
pub const MAX_COPYRIGHTS: usize = 3;

/// Lower-case stems that make a visible text worth sending as a notice: the content script keeps the text of an
/// element (whitespace collapsed, at most `MAX_NOTICE` characters) whose lower-cased text contains one of
/// these, or equals one of `NOTICE_EXACT` once leading symbols (`●`, `•`) are trimmed. The engine filters
/// again, with its own word lists (`words`), so sending too much is harmless and sending too little hides
/// findings; a unit test keeps these stems a superset of what the engine looks for.
pub const NOTICE_STEMS: &[&str] = &[
    // recording
    "record",
    "enregistr",
    "aufzeichn",
    "aufgezeichnet",
    "grabaci",
    "grabando",
    "grabad",
    "registra",
    // consent
    "consent",
    "consens",
    "einwillig",
    "zustimm",
    "einverstanden",
    "agree",
    "accept",
    "acept",
    "accett",
    // privacy
    "privacy",
    "datenschutz",
    "confidentialit",
    "privacidad",
];
/// Whole texts that are recording indicators too short to carry a stem.
pub const NOTICE_EXACT: &[&str] = &["rec"];

/// What the content script saw on one page (or one frame). Field names are snake_case, as in the JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSignals {
    /// `location.href`.
    pub url: String,
    /// `document.title`.
    #[serde(default, deserialize_with = "nullable")]
    pub title: String,
    /// Hosts of the frames enclosing this document, innermost first (`location.ancestorOrigins`); empty in a
    /// top-level page.
    #[serde(default, deserialize_with = "nullable")]
    pub frame_hosts: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub headings: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub links: Vec<Link>,
    #[serde(default, deserialize_with = "nullable")]
    pub buttons: Vec<Button>,
    #[serde(default, deserialize_with = "nullable")]
    pub forms: Vec<Form>,
    #[serde(default, deserialize_with = "nullable")]
    pub img_alts: Vec<String>,
    /// Absolute `src` of `script` elements.
    #[serde(default, deserialize_with = "nullable")]
    pub script_srcs: Vec<String>,
    /// Absolute `src` of `iframe` elements.
    #[serde(default, deserialize_with = "nullable")]
    pub iframe_srcs: Vec<String>,
    /// Visible texts containing a `NOTICE_STEMS` word (recording indicators, consent and privacy notices).
    #[serde(default, deserialize_with = "nullable")]
    pub notices: Vec<String>,
    /// Visible texts with a copyright sign or word (`©`, `(c)`, "copyright"), last in the page first: whose
    /// copyright a sign-in page's footer claims ("©2019 Microsoft" under a copy of Microsoft's sign-in, which
    /// names Microsoft nowhere else; `page::account`). Each at most `MAX_TEXT` characters.
    #[serde(default, deserialize_with = "nullable")]
    pub copyrights: Vec<String>,
    /// Set when any list or string was cut at its cap: the engine then does not claim that something is
    /// absent from the page (no privacy link, no consent notice).
    #[serde(default, deserialize_with = "nullable")]
    pub truncated: bool,
}

/// An `a[href]` element.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The resolved `.href` (absolute).
    #[serde(default, deserialize_with = "nullable")]
    pub href: String,
    /// Visible text, whitespace collapsed; when empty, the `alt` of an image inside.
    #[serde(default, deserialize_with = "nullable")]
    pub text: String,
    /// `aria-label`, or `title` when there is none.
    #[serde(default, deserialize_with = "nullable")]
    pub aria_label: String,
}

/// A `button`, `[role=button]` or `input[type=submit|button]` (its `value` as text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Button {
    #[serde(default, deserialize_with = "nullable")]
    pub text: String,
    #[serde(default, deserialize_with = "nullable")]
    pub aria_label: String,
}

/// A form with at least one visible field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The resolved `.action`; empty for the pseudo-form of inputs outside any form.
    #[serde(default, deserialize_with = "nullable")]
    pub action: String,
    /// Whether an `input[type=password]` is among its fields.
    #[serde(default, deserialize_with = "nullable")]
    pub has_password: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub fields: Vec<Field>,
    /// Text of its submit button (`button[type=submit]`, `input[type=submit]` value, or its first button).
    #[serde(default, deserialize_with = "nullable")]
    pub submit: String,
}

/// A visible `input`, `select` or `textarea`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// `type` lower-cased (`email`, `password`, `text`, `select`, `textarea`).
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    pub kind: String,
    /// `name`, or `id` when there is none.
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    /// `autocomplete` (`username`, `current-password`, `new-password`, …).
    #[serde(default, deserialize_with = "nullable")]
    pub autocomplete: String,
    /// `placeholder`, at most `MAX_TEXT` characters: where a sign-in page says which account it asks for
    /// ("Email, phone, or Skype" is the Microsoft account's).
    #[serde(default, deserialize_with = "nullable")]
    pub placeholder: String,
}

/// Reads `null` as the type's default: `getAttribute` returns `null` for an absent attribute.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl PageSignals {
    /// Parses the JSON a content script sends; errors name the line, column and the accepted fields.
    pub fn from_json(text: &str) -> Result<PageSignals, String> {
        crate::json::from_str(text).map_err(|e| {
            format!(
                "page signals, line {} column {}: {e} (fields: url, title, frame_hosts, headings, links [{{href, text, aria_label}}], buttons [{{text, aria_label}}], forms [{{action, has_password, fields [{{type, name, autocomplete, placeholder}}], submit}}], img_alts, script_srcs, iframe_srcs, notices, copyrights, truncated)",
                e.line, e.column
            )
        })
    }

    /// Whether any list is longer than its cap (the engine reads only up to the caps).
    pub fn over_caps(&self) -> bool {
        self.frame_hosts.len() > MAX_FRAME_HOSTS
            || self.headings.len() > MAX_HEADINGS
            || self.links.len() > MAX_LINKS
            || self.buttons.len() > MAX_BUTTONS
            || self.forms.len() > MAX_FORMS
            || self.forms.iter().any(|f| f.fields.len() > MAX_FIELDS)
            || self.img_alts.len() > MAX_IMG_ALTS
            || self.script_srcs.len() > MAX_SCRIPTS
            || self.iframe_srcs.len() > MAX_IFRAMES
            || self.notices.len() > MAX_NOTICES
            || self.copyrights.len() > MAX_COPYRIGHTS
    }

    /// Whether the engine may conclude from this description that something is missing from the page.
    pub fn complete(&self) -> bool {
        !self.truncated && !self.over_caps()
    }
}
