//! URL classification: which vendor, which kind of page, the meeting id and whether the URL carries a secret;
//! after unwrapping link wrappers (SafeLinks, Google redirects, Proofpoint, …) and refusing URL tricks.
//!
//! Two paths. `Classifier::screen` looks at the raw text only (scheme, a host slice folded byte by byte, one
//! automaton pass) and says whether a URL can be anything but an ordinary link; most links on a page are
//! ordinary and end there, without a parse. `Classifier::classify` parses with the WHATWG URL parser (the
//! `url` crate, as browsers do), unwraps, refuses tricks and matches the vendors' URL shapes.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::Serialize;
use url::Url;

use crate::db::{Database, VendorIndex};
use crate::host_screen::HostDfa;
use crate::lookalike::{screen_url_host, LookalikeHit, LookalikeIndex, Screen, Why};
use crate::rest_screen::{self, LANES};
use crate::rules::PageKind;

/// How many link wrappers are unwrapped at most (a SafeLinks around a Google redirect is two).
pub const MAX_UNWRAP_DEPTH: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Join,
    Login,
    WebClient,
    Webinar,
    VendorSite,
    None,
}

impl From<PageKind> for Kind {
    fn from(kind: PageKind) -> Kind {
        match kind {
            PageKind::Join => Kind::Join,
            PageKind::Login => Kind::Login,
            PageKind::WebClient => Kind::WebClient,
            PageKind::Webinar => Kind::Webinar,
            PageKind::VendorSite => Kind::VendorSite,
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Join => "join",
            Kind::Login => "login",
            Kind::WebClient => "web-client",
            Kind::Webinar => "webinar",
            Kind::VendorSite => "vendor-site",
            Kind::None => "none",
        }
    }

    /// A page where people join or sign in: where warnings matter.
    pub fn is_meeting_page(self) -> bool {
        matches!(
            self,
            Kind::Join | Kind::Login | Kind::WebClient | Kind::Webinar
        )
    }
}

/// Something wrong with the URL itself, independent of any vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UrlTrick {
    /// `https://meet.google.com@evil.example/`: the part before `@` is a user name, not the host.
    Userinfo,
    /// A backslash: browsers read it as `/`, other programs do not, so the host depends on who reads it.
    Backslash,
    /// Control or invisible characters.
    ControlCharacter,
    /// An `xn--` label that is not a valid international name (`xn--2mxw0.example`): the URL Standard refuses
    /// the host, Chromium opens it as the ASCII text it is (`idn::StandIn`).
    InvalidIdnLabel,
}

impl UrlTrick {
    /// Whether the trick can make people or programs read another destination than the real one: then the URL
    /// is never vouched for as a vendor's. A label that is not valid punycode does not: the host is the ASCII
    /// text everyone reads, under its registrable domain (`xn--2mxw0.zoom.us` is answered by Zoom's name
    /// servers, as `stanford.zoom.us` is); a strict parser refuses it rather than going elsewhere.
    pub fn hides_destination(&self) -> bool {
        !matches!(self, UrlTrick::InvalidIdnLabel)
    }
}

/// The classification of one URL. `target` and `host` borrow the URL's text when the parser would not change
/// it (most links), so that classifying an ordinary link allocates nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct UrlClass<'a> {
    /// The URL after unwrapping (what the link really leads to).
    pub target: Cow<'a, str>,
    /// Wrappers removed, outermost first (`safelinks`, `google-redirect`, …).
    pub unwrapped: Vec<&'static str>,
    pub host: Cow<'a, str>,
    pub vendor: Option<VendorIndex>,
    pub kind: Kind,
    pub meeting_id: Option<String>,
    pub embedded_secret: bool,
    pub lookalike_of: Option<VendorIndex>,
    /// Why it is a lookalike, in plain words.
    pub lookalike_reason: Option<String>,
    /// The reason as finding params (`LookalikeHit::why`).
    pub lookalike_why: Vec<(&'static str, String)>,
    pub tricks: Vec<UrlTrick>,
}

impl<'a> UrlClass<'a> {
    /// A URL with nothing known about it yet: no wrapper, vendor, kind, id, lookalike or trick.
    pub fn plain(target: impl Into<Cow<'a, str>>, host: impl Into<Cow<'a, str>>) -> Self {
        UrlClass {
            target: target.into(),
            unwrapped: Vec::new(),
            host: host.into(),
            vendor: None,
            kind: Kind::None,
            meeting_id: None,
            embedded_secret: false,
            lookalike_of: None,
            lookalike_reason: None,
            lookalike_why: Vec::new(),
            tricks: Vec::new(),
        }
    }
}

/// `UrlError::Unparsable`'s reason for an http(s) URL without a host (the CLI words it for a person).
pub const NO_HOST: &str = "no host";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Unparsable(String),
    UnsupportedScheme(String),
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlError::Unparsable(why) => write!(f, "not a URL: {why}"),
            UrlError::UnsupportedScheme(scheme) => write!(
                f,
                "the scheme `{scheme}:` is not checked; give an http(s) URL or a vendor app link such as zoommtg:"
            ),
        }
    }
}

/// Vendor app schemes that are rewritten to their web form: (scheme, vendor id).
const APP_SCHEMES: &[(&str, &str)] = &[
    ("zoommtg", "zoom"),
    ("zoomus", "zoom"),
    ("msteams", "teams"),
];

/// Hosts of link wrappers, for the screen: a URL on one of them (with this path prefix) needs a full look.
/// `google` is a token: `www.google.com`, `google.co.uk`, … (the full path checks which ones are Google's).
pub(crate) const WRAPPER_HOSTS: &[(&str, Option<&str>)] = &[
    ("safelinks.protection.outlook.com", None),
    ("safelinks.protection.office365.us", None),
    (
        "statics.teams.cdn.office.net",
        Some("/evergreen-assets/safelinks/"),
    ),
    ("google", Some("/url")),
    ("l.facebook.com", Some("/l.php")),
    ("lm.facebook.com", Some("/l.php")),
    ("l.messenger.com", Some("/l.php")),
    ("urldefense.com", None),
    ("urldefense.proofpoint.com", None),
    ("linkprotect.cudasvc.com", Some("/url")),
    ("slack-redir.net", Some("/link")),
];

/// Every host the screen must pass to the full path: the link wrappers' (`WRAPPER_HOSTS`) and those behind the
/// session proxy (`SESSION_PROXY_SUFFIXES` without their dot: the screen finds them anywhere in a host).
pub(crate) fn screen_hosts() -> Vec<(&'static str, Option<&'static str>)> {
    // A loop, not a `chain` … `collect` (instances of their own; session 43).
    let mut hosts = WRAPPER_HOSTS.to_vec();
    for suffix in SESSION_PROXY_SUFFIXES {
        hosts.push((&suffix[1..], None));
    }
    hosts
}

/// The suffixes Microsoft Defender for Cloud Apps' session proxy (Conditional Access app control) appends to
/// the host of an app an organisation protects: `zoom.us/j/1` is served as `zoom.us.mcas.ms/j/1` (Microsoft
/// Learn, "Troubleshooting - What is *.mcas.ms, *.mcas-gov.us, or *.mcas-gov.ms?", MicrosoftDocs/defender-docs,
/// page of 2024-10-23: `.mcas.ms`, `.mcas-gov.us`, `.mcas-gov.ms`, and in its note the proxy's other names seen
/// in certificate transparency logs; the `admin-` ones serve the proxy's administrators, each an `admin-` form of
/// one of these, so `admin-mcas.ms` ends with `mcas.ms`' text but not its label and is listed apart). The proxy
/// serves the app itself, so what counts is the host without the suffix: Zoom's own there, a lookalike's when a
/// lookalike was proxied.
pub const SESSION_PROXY_SUFFIXES: &[&str] = &[
    ".mcas.ms",
    ".admin-mcas.ms",
    ".rs-mcas.ms",
    ".admin-rs-mcas.ms",
    ".mcas-df.ms",
    ".admin-mcas-df.ms",
    ".rs-mcas-df.ms",
    ".admin-rs-mcas-df.ms",
    ".mcas-gov.us",
    ".admin-mcas-gov.us",
    ".mcas-gov-df.us",
    ".admin-mcas-gov-df.us",
    ".mcas-gov.ms",
    ".admin-mcas-gov.ms",
    ".mcas-gov-df.ms",
    ".admin-mcas-gov-df.ms",
];

/// The lookalike verdicts of hosts already checked, kept for one scan or one batch of URLs (`Classifier::
/// classify_memo`): the check of a host that the screen passes and no vendor owns (a near name such as
/// `zoomcar.com`) costs about 28,000 instructions, and mail repeats the same few such hosts in every message.
/// A verdict is kept by host only when it did not read the URL's path (`LookalikeIndex::
/// check_host_reading_path`: a weak sign weighed against the vendor's paths), so it is the host's under any
/// path; the others are checked afresh each time. Bounded: at most `MAX_HOSTS` hosts of at most `MAX_HOST_LEN`
/// bytes, starting over beyond, so a hostile page cannot grow it.
#[derive(Default)]
pub struct LookalikeMemo {
    verdicts: HashMap<Box<str>, Option<LookalikeHit>, BuildHasherDefault<crate::text::HeadHasher>>,
}

impl LookalikeMemo {
    /// Hosts kept at most before the memo starts over.
    pub const MAX_HOSTS: usize = 256;
    /// The longest host kept: a DNS name's limit (RFC 1035 section 3.1, 253 bytes written out).
    pub const MAX_HOST_LEN: usize = 253;

    /// `LookalikeIndex::check_host`, from the memo when the host's verdict is known.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): the extension's single URLs have no memo.
    #[inline(never)]
    fn check_host(
        &mut self,
        index: &LookalikeIndex,
        host: &str,
        path: &str,
        fragment: &str,
    ) -> Option<LookalikeHit> {
        if let Some(verdict) = self.verdicts.get(host) {
            return verdict.clone();
        }
        let (verdict, path_read) = index.check_host_reading_path(host, path, fragment);
        if !path_read && host.len() <= Self::MAX_HOST_LEN {
            if self.verdicts.len() >= Self::MAX_HOSTS {
                self.verdicts.clear();
            }
            self.verdicts.insert(host.into(), verdict.clone());
        }
        verdict
    }

    /// How many hosts' verdicts are kept.
    pub fn len(&self) -> usize {
        self.verdicts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty()
    }
}

/// A fixed path start of a shape on any host that names host labels (`Classifier::labelled_paths`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct LabelledPath {
    prefix: String,
    /// The shape's `host_labels` (never empty).
    host_labels: Vec<String>,
}

/// Which of a vendor's shapes `Classifier::match_shapes` tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shapes {
    /// On a host the vendor owns (or a self-hosted one of policy's): all but the vendor-site shapes, which are
    /// for its maker's shared hosts.
    Own,
    /// On a host no vendor owns: the shapes on any host (`hosts = ["*"]`).
    AnyHost,
    /// On a maker's shared host (`www.microsoft.com`): the vendor-site shapes that name it.
    SharedHost,
}

/// An organisation's self-hosted instances, host → vendor (`Classifier::classify_with`'s `extra_hosts`), for
/// the screen and `classify`'s shortcut; `None` when there are none, a test instead of a call for every URL.
type ExtraHosts<'a> = Option<&'a dyn Fn(&str) -> Option<VendorIndex>>;

/// The screen with its table in hand (`Classifier::url_screen`): `screen_with` answers what
/// `Classifier::screen_with` does, without asking for every URL whether the table is built.
#[derive(Clone, Copy)]
pub struct UrlScreen<'c, 'd> {
    classifier: &'c Classifier<'d>,
    table: &'c HostDfa,
}

impl UrlScreen<'_, '_> {
    /// `Classifier::screen`.
    #[inline(always)]
    pub fn screen(&self, input: &str) -> bool {
        self.classifier.screen_in(self.table, input, None)
    }

    /// `Classifier::screen_with`.
    #[inline(always)]
    pub fn screen_with(
        &self,
        input: &str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> bool {
        self.classifier
            .screen_in(self.table, input, Some(extra_hosts))
    }

    /// `Classifier::screened_class`.
    pub fn screened_class<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> Option<Result<UrlClass<'u>, UrlError>> {
        self.screen_with(input, extra_hosts).then(|| {
            self.classifier
                .classify_full(input, extra_hosts, true, None)
        })
    }
}

/// The classifier: the database plus its lookalike index, built once.
pub struct Classifier<'d> {
    pub db: &'d Database,
    pub lookalikes: LookalikeIndex,
    /// The vendors with shapes that apply on any host (`hosts = ["*"]`) and have a fixed path start, in
    /// database order: the full path tries their shapes on a host no vendor owns.
    any_host_vendors: Vec<VendorIndex>,
    /// The fixed path starts of those shapes that name no host label (BigBlueButton's `/bigbluebutton/api/join`):
    /// the screen lets such paths through on every host.
    any_host_paths: Vec<String>,
    /// Those that name host labels, with their labels: the screen lets such paths through on a host with one
    /// of the labels. Kept apart so that the walk of `any_host_paths`, asked for every URL whose path bytes
    /// pass `path_bytes`, has nothing to skip.
    labelled_paths: Vec<LabelledPath>,
    /// Every label the shapes of `labelled_paths` name (`bbb`): a host whose first label is none of them needs
    /// no look at the labelled paths.
    path_labels: Vec<String>,
    /// The second and third bytes (after the `/`) of `any_host_paths`, in both cases, and of the wrappers'
    /// paths (`WRAPPER_HOSTS`), as bits 1 and 2 of a byte's entry: a path whose second or third byte is not
    /// one of them is none of these paths, told with two loads (most paths). Bit 4: the first bytes of
    /// `path_labels`, for the host's first byte (most hosts start with none: 12 instructions a URL of the
    /// screen's walk of the labels, callgrind).
    path_bytes: [u8; 256],
    /// The hosts that vendor-site shapes name (a maker's shared host, `www.microsoft.com`) with their vendor
    /// (`Database::shared_hosts`): the full path tries those shapes on them before any lookalike check.
    shared_hosts: Vec<(String, VendorIndex)>,
}

impl<'d> Classifier<'d> {
    pub fn new(db: &'d Database) -> Classifier<'d> {
        let mut any_host_vendors = Vec::new();
        let mut any_host_paths: Vec<String> = Vec::new();
        let mut labelled_paths: Vec<LabelledPath> = Vec::new();
        for index in 0..db.len() {
            for shape in db.entry(index).shapes.iter().filter(|s| s.any_host) {
                let prefixes = shape
                    .paths
                    .iter()
                    .filter_map(|path| path.literal_prefix(shape.prefix_segments()));
                for prefix in prefixes {
                    // Only a shape with a fixed path start is tried on a foreign host: the screen lets its URLs
                    // through by that start.
                    if !any_host_vendors.contains(&index) {
                        any_host_vendors.push(index);
                    }
                    if shape.host_labels.is_empty() {
                        if !any_host_paths.contains(&prefix) {
                            any_host_paths.push(prefix);
                        }
                    } else {
                        let path = LabelledPath {
                            prefix,
                            host_labels: shape.host_labels.clone(),
                        };
                        if !labelled_paths.contains(&path) {
                            labelled_paths.push(path);
                        }
                    }
                }
            }
        }
        let mut path_bytes = [0u8; 256];
        let wrapper_paths = WRAPPER_HOSTS.iter().filter_map(|(_, path)| *path);
        // Labelled shapes' paths (`/b`) stay out of the byte table: `path_needs_look` asks for them only on a host
        // with their label, so ordinary paths keep their two-load answer.
        // A loop, not a `flat_map` … `collect` (instances of their own; session 43).
        let mut path_labels: Vec<String> = Vec::new();
        for shape in &labelled_paths {
            path_labels.extend_from_slice(&shape.host_labels);
        }
        crate::sort::sort(&mut path_labels);
        path_labels.dedup();
        // Bit 4: the first byte of a label, in both cases (every byte for an empty one), so that a host starting
        // with none of them skips the walk of the labels.
        for label in &path_labels {
            match label.as_bytes().first() {
                Some(&b) => {
                    path_bytes[usize::from(b.to_ascii_lowercase())] |= 4;
                    path_bytes[usize::from(b.to_ascii_uppercase())] |= 4;
                }
                None => path_bytes.iter_mut().for_each(|b| *b |= 4),
            }
        }
        for prefix in any_host_paths
            .iter()
            .map(String::as_str)
            .chain(wrapper_paths)
        {
            for (at, bit) in [(1, 1), (2, 2)] {
                match prefix.as_bytes().get(at) {
                    Some(&b) => {
                        path_bytes[usize::from(b.to_ascii_lowercase())] |= bit;
                        path_bytes[usize::from(b.to_ascii_uppercase())] |= bit;
                    }
                    // A prefix this short (never seen): every path is worth the full comparison.
                    None => path_bytes.iter_mut().for_each(|b| *b |= bit),
                }
            }
        }
        Classifier {
            db,
            lookalikes: LookalikeIndex::new(db, &screen_hosts()),
            any_host_vendors,
            any_host_paths,
            labelled_paths,
            path_labels,
            path_bytes,
            shared_hosts: db.shared_hosts(),
        }
    }

    /// Whether the path at the start of `rest` (what follows the host and port) needs the full path on any
    /// host the screen cleared: it begins with the fixed start of a shape that applies on any host, on a
    /// segment boundary (compared without case, so it never says no where a case-insensitive shape would
    /// match), on a host with the shape's label if it names some, or with a wrapper's path
    /// (`LookalikeIndex::wrapper_path`).
    fn path_needs_look(&self, host: &str, rest: &[u8]) -> bool {
        let starts = |prefix: &str| {
            let prefix = prefix.as_bytes();
            rest.len() >= prefix.len()
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
                && matches!(rest.get(prefix.len()), None | Some(b'/' | b'?' | b'#'))
        };
        let label_start = host
            .as_bytes()
            .first()
            .is_some_and(|&b| self.path_bytes[usize::from(b)] & 4 != 0);
        if label_start
            && self
                .path_labels
                .iter()
                .any(|l| crate::db::first_label_is(host, l))
        {
            let host = host.strip_suffix('.').unwrap_or(host);
            if self.labelled_paths.iter().any(|path| {
                starts(&path.prefix) && crate::db::has_host_label(host, &path.host_labels)
            }) {
                return true;
            }
        }
        let seen = |at: usize, bit: u8| {
            rest.get(at)
                .is_none_or(|&b| self.path_bytes[usize::from(b)] & bit != 0)
        };
        if !(seen(1, 1) && seen(2, 2)) {
            return false;
        }
        self.lookalikes.wrapper_path(rest) || self.any_host_paths.iter().any(|p| starts(p))
    }

    /// Whether a URL on a maker's shared host (`www.microsoft.com`) has the path of one of its vendor-site shapes
    /// (`/en-us/microsoft-teams/premium`): only those of its URLs need the full path, so the screen lets the
    /// host's other pages (84 of the 10,000 URLs of `make bench`) go without one. Asked only for a host the
    /// screen's table marked as maybe shared (`HostScreen::shared`), so ordinary hosts cost no comparison.
    /// `rest` follows the host and port, with no unusual byte or dot segment (the screen looked).
    // Out of line: the rare case's code stays out of the screen's own.
    #[inline(never)]
    fn shared_path_needs_look(&self, host: &str, rest: &str) -> bool {
        self.shared_hosts.iter().any(|(shared, index)| {
            if shared != host {
                return false;
            }
            let end = memchr::memchr2(b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
            let path = &rest[..end];
            // The parser writes an empty path as `/`.
            let path = if path.is_empty() { "/" } else { path };
            self.db.entry(*index).shapes.iter().any(|shape| {
                shape.kind == PageKind::VendorSite
                    && shape.hosts.iter().any(|h| h.matches(host))
                    && shape
                        .paths
                        .iter()
                        .any(|p| p.matches(path, None, shape.path_case_insensitive).is_some())
            })
        })
    }

    /// Classifies one URL. Self-hosted deployments (policy) are resolved by the caller through `extra_hosts`.
    pub fn classify<'u>(&self, input: &'u str) -> Result<UrlClass<'u>, UrlError> {
        self.classify_in(input, None, None)
    }

    /// Whether a URL needs `classify` at all: `false` guarantees that `classify` would find no vendor, no
    /// lookalike, no wrapper, no trick and no error, so the caller can skip it. Looks at the text only.
    pub fn screen(&self, input: &str) -> bool {
        self.url_screen().screen(input)
    }

    /// `screen` with the extra hosts (self-hosted deployments) that `classify_with` would be given. A caller
    /// that screens many URLs takes the screen's table once instead (`url_screen`).
    #[inline(always)]
    pub fn screen_with(
        &self,
        input: &str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> bool {
        self.url_screen().screen_with(input, extra_hosts)
    }

    /// The screen with its table taken once (built if it was not), for a caller that screens many URLs: the
    /// batch loops (`Engine::url_codes`, `Engine::link_records`), which otherwise asked whether the table is
    /// built for every URL (4 to 7 instructions a URL, `make bench-instructions`; docs/speed.md, session 35).
    #[inline(always)]
    pub fn url_screen(&self) -> UrlScreen<'_, 'd> {
        UrlScreen {
            classifier: self,
            table: self.lookalikes.host_dfa(),
        }
    }

    /// `screen_with` with the screen's table (`LookalikeIndex::host_dfa`): the screen's code, once, with its
    /// callers' test of whether the table is built outside it (a batch makes that test once). In line in its
    /// callers, the screen left `rest_screen::needs_look` and `path_needs_look` calls of their own (383
    /// instructions a URL instead of 350, `make bench-instructions`). `extra_hosts` `None`: there are none, a
    /// test instead of a call of a lookup that answers `None` for nearly every URL (about 8 instructions a URL).
    fn screen_in(&self, table: &HostDfa, input: &str, extra_hosts: ExtraHosts) -> bool {
        let bytes = input.as_bytes();
        // Lower case first: that is how almost every link is written (an `http://` link is not compared with
        // `https://` without case first).
        let scheme_len = if let Some(len) = lower_web_scheme_len(bytes) {
            len
        } else if starts_with_ignore_case(bytes, b"https://") {
            8
        } else if starts_with_ignore_case(bytes, b"http://") {
            7
        } else {
            // Bare hosts, app links and other schemes: classify decides.
            return true;
        };
        let after_scheme = &bytes[scheme_len..];
        // One pass over the host: where it ends, and whether it can be a vendor's, a wrapper or a lookalike.
        // Backslashes, `@`, `%`, upper case and non-ASCII make it unusual (full path), so tricky URLs always
        // take the full path.
        let screened = screen_url_host(table, after_scheme);
        if screened.outcome != Screen::Clear {
            return true;
        }
        // SAFETY: the scheme is ASCII and the screen accepted only ASCII host bytes before `end` (`HostDfa`'s
        // host columns), which is at most the text's length, so both ends are character boundaries inside the
        // text. Unchecked: the two boundary tests cost the screen 9 instructions a URL (callgrind).
        debug_assert!(input.as_bytes()[..scheme_len + screened.end].is_ascii());
        let host = unsafe { input.get_unchecked(scheme_len..scheme_len + screened.end) };
        let mut rest = &after_scheme[screened.end..];
        if let Some(port) = rest.strip_prefix(b":") {
            let digits = port.iter().take_while(|b| b.is_ascii_digit()).count();
            rest = &port[digits..];
            if !matches!(rest.first(), None | Some(b'/' | b'?' | b'#')) {
                return true;
            }
        }
        // Control characters, spaces, backslashes and non-ASCII (invisible characters) are tricks or need
        // decoding: full path. So does a dot segment: the parser removes it with the segment before it
        // (`/x/../url` is read as `/url`), so the path it leads to may be a wrapper's or an any-host shape's
        // that `path_needs_look` does not see. Both in one look, told apart only when it finds something. The
        // rest ends the text: it is read in place, with the host before it (`rest_screen`).
        if rest_screen::needs_look(bytes, bytes.len() - rest.len()) {
            let path_end = memchr::memchr2(b'?', b'#', rest).unwrap_or(rest.len());
            if has_unusual_byte(rest) || has_dot_segment(&rest[..path_end]) {
                return true;
            }
        }
        if self.path_needs_look(host, rest)
            || (screened.shared
                && self.shared_path_needs_look(host, &input[input.len() - rest.len()..]))
        {
            return true;
        }
        // The fold accepted only lower-case ASCII host bytes, and a host that ends with its `.` is unusual
        // (`host_screen`), so this is the host as `classify` would see it.
        extra_hosts.is_some_and(|extra_hosts| extra_hosts(host).is_some())
            // A long name misspelt as the label before the ending (`discorcd.com`): no needle of the host
            // table. Last, with nothing of the URL needed after it: asked before `path_needs_look`, its call cost
            // the screen's own code about 20 instructions a URL of spilled registers (callgrind).
            || self
                .lookalikes
                .may_be_edited_name(bytes, scheme_len, scheme_len + screened.end)
    }

    /// The screen, then the full path for a URL it passes, screening once: `None` when the screen lets the URL
    /// go (`classify_with` would find no vendor, lookalike, wrapper, trick or error), else what
    /// `classify_with` answers. For callers that want only the URLs worth a look (`classify_with` screens
    /// again before its full path). A caller with many URLs takes the screen's table once (`url_screen`).
    #[inline]
    pub fn screened_class<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> Option<Result<UrlClass<'u>, UrlError>> {
        self.url_screen().screened_class(input, extra_hosts)
    }

    /// What `screened_class` answers for a URL that `screen_with` passed, with the lookalike verdicts of a scan
    /// or batch (`LookalikeMemo`): the batch loops screen each URL themselves and come here for the few it
    /// passes (`Engine::screened_class_memo`). Inlined into its callers, as the screen is: a call of its own
    /// in the wasm package cost `classifyUrls` about 145 instructions a URL (node under callgrind).
    #[inline(always)]
    pub fn passed_class_memo<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
        memo: &mut LookalikeMemo,
    ) -> Result<UrlClass<'u>, UrlError> {
        self.classify_full(input, extra_hosts, true, Some(memo))
    }

    /// Classifies with a lookup of extra hosts (an organisation's self-hosted instances) → vendor.
    pub fn classify_with<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> Result<UrlClass<'u>, UrlError> {
        self.classify_in(input, Some(extra_hosts), None)
    }

    /// `classify_with` with the lookalike verdicts of a scan or batch (`LookalikeMemo`): the same answer.
    pub fn classify_memo<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
        memo: &mut LookalikeMemo,
    ) -> Result<UrlClass<'u>, UrlError> {
        self.classify_in(input, Some(extra_hosts), Some(memo))
    }

    /// `classify_memo`, with `extra_hosts` `None` when there are none (`screen_in`).
    fn classify_in<'u>(
        &self,
        input: &'u str,
        extra_hosts: ExtraHosts,
        memo: Option<&mut LookalikeMemo>,
    ) -> Result<UrlClass<'u>, UrlError> {
        match self.ordinary_class(input, extra_hosts) {
            Some(class) => Ok(class),
            None => self.classify_full(input, extra_hosts.unwrap_or(&|_| None), true, memo),
        }
    }

    /// `classify_with` always through the URL parser, without the shortcut for ordinary links and without
    /// reading plain texts as slices: the reference that the screen and both shortcuts are tested against.
    pub fn classify_parsed_with<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> Result<UrlClass<'u>, UrlError> {
        self.classify_full(input, extra_hosts, false, None)
    }

    /// The full path. With `plain`, a text that the URL parser would leave as it is (most meeting links) is
    /// read as slices of itself (`PlainUrl`) instead of being parsed; with `memo`, a host's lookalike verdict
    /// is taken from it when known.
    fn classify_full<'u>(
        &self,
        input: &'u str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
        plain: bool,
        memo: Option<&mut LookalikeMemo>,
    ) -> Result<UrlClass<'u>, UrlError> {
        let trimmed = input.trim_matches(|c: char| c.is_whitespace());
        let mut tricks = Vec::new();
        // A backslash is an unusual byte: a text without one (most) needs no look for a disagreement.
        let unusual = note_tricks(trimmed, &mut tricks);
        let top = plain.then(|| PlainUrl::of(trimmed)).flatten();
        // The unwrapped links' texts, one a level: a plain one is read as slices of its text, as the input is.
        let inners: [OnceCell<String>; MAX_UNWRAP_DEPTH] = Default::default();
        // The host as written when the parser was given stand-ins for labels it refuses (`parse_as_browsers`):
        // kept apart from `url`, so that other URLs' values and their accessors stay as they were.
        let mut written = None;
        let mut url = match top {
            Some(plain) => WebUrl::Plain(plain),
            None => parse_as_browsers(trimmed, &mut written)?,
        };
        // Each layer's host as it is read: a wrapper's own host with such a label is as odd as its link's.
        if written.is_some() {
            tricks.push(UrlTrick::InvalidIdnLabel);
        }
        let mut disagreement = unusual
            .then(|| host_disagreement(trimmed, written.as_deref().or(url.host_str())))
            .flatten();
        let mut unwrapped = Vec::new();
        while unwrapped.len() < MAX_UNWRAP_DEPTH {
            let Some((name, inner)) = unwrap_once(&url) else {
                break;
            };
            let inner = inners[unwrapped.len()].get_or_init(|| inner);
            let unusual = note_tricks(inner, &mut tricks);
            // Most wrapped meeting links are plain once decoded: a parse each cost the bench corpus' 41
            // unwrapped links about 4,900 instructions (callgrind, `make bench-instructions`). A wrapper's host
            // with stand-ins still finds its link: only the label differs (`xn-0…`).
            written = None;
            url = match plain.then(|| PlainUrl::of(inner.trim())).flatten() {
                Some(plain) => WebUrl::Plain(plain),
                None => parse_as_browsers(inner.trim(), &mut written).map_err(|e| match e {
                    UrlError::Unparsable(why) => UrlError::Unparsable(format!(
                        "the link wrapped by {name} is not a URL: {why}"
                    )),
                    other => other,
                })?,
            };
            if written.is_some() && !tricks.contains(&UrlTrick::InvalidIdnLabel) {
                tricks.push(UrlTrick::InvalidIdnLabel);
            }
            disagreement = disagreement.or_else(|| {
                let whatwg = written.as_deref().or(url.host_str());
                unusual.then(|| host_disagreement(inner.trim(), whatwg))?
            });
            unwrapped.push(name);
        }
        if !url.username().is_empty() || url.password().is_some() {
            tricks.push(UrlTrick::Userinfo);
        }
        // A plain text is the target as it is, and its host a slice of it: of the input when nothing was
        // unwrapped, else copied from the unwrapped link's text (`inners` ends with this call).
        let (target, host): (Cow<'u, str>, Cow<'u, str>) = match (&url, top) {
            (WebUrl::Plain(_), Some(plain)) if unwrapped.is_empty() => (
                plain.text.into(),
                plain.host.strip_suffix('.').unwrap_or(plain.host).into(),
            ),
            (WebUrl::Plain(plain), _) => (
                plain.text.to_owned().into(),
                plain
                    .host
                    .strip_suffix('.')
                    .unwrap_or(plain.host)
                    .to_owned()
                    .into(),
            ),
            (WebUrl::Parsed(parsed), _) => match &written {
                None => (
                    parsed.to_string().into(),
                    parsed
                        .host_str()
                        .unwrap_or("")
                        .trim_end_matches('.')
                        .to_string()
                        .into(),
                ),
                // The stand-in host serialised where the written one goes back (`idn::StandIn`: same length).
                Some(host) => (
                    format!(
                        "{}{host}{}",
                        &parsed[..url::Position::BeforeHost],
                        &parsed[url::Position::AfterHost..]
                    )
                    .into(),
                    host.trim_end_matches('.').to_string().into(),
                ),
            },
        };
        let mut class = UrlClass {
            unwrapped,
            tricks,
            ..UrlClass::plain(target, host.clone())
        };
        let owner = |h: &str| self.db.vendor_of_host(h).or_else(|| extra_hosts(h));
        let vendor = self.db.vendor_of_host(&host);
        // An organisation's self-hosted server (settings): vouched for only after the lookalike check, below.
        let self_hosted = if vendor.is_none() {
            extra_hosts(&host)
        } else {
            None
        };
        // A URL with a trick is never vouched for as a vendor's link, whatever its host: the trick exists to make
        // people or programs read another destination than the real one.
        let vouchable =
            class.tricks.is_empty() || !class.tricks.iter().any(UrlTrick::hides_destination);
        if vouchable {
            if let Some(index) = vendor {
                class.vendor = Some(index);
                class.kind = Kind::VendorSite;
                self.match_shapes(index, &url, &mut class, Shapes::Own);
                return Ok(class);
            }
            // A product's page on its maker's shared host (`www.microsoft.com/en-us/microsoft-teams/…`): the
            // vendor's site, never a lookalike; the host's other pages go on as any host no vendor owns.
            for &(ref shared, index) in &self.shared_hosts {
                if *shared == *host
                    && self.match_shapes(index, &url, &mut class, Shapes::SharedHost)
                {
                    class.vendor = Some(index);
                    return Ok(class);
                }
            }
        }
        let hit = disagreement
            .and_then(|(other, whatwg)| {
                let (vo, vw) = (owner(&other), owner(&whatwg));
                let (vendor, named) = match (vo, vw) {
                    (Some(v), w) if w != Some(v) => (v, &other),
                    (o, Some(v)) if o != Some(v) => (v, &whatwg),
                    _ => return None,
                };
                Some(parser_trick_hit(vendor, &whatwg, &other, named))
            })
            .or_else(|| {
                // Decoded, as people read it: `zoom.us%40x@evil.example` shows `zoom.us@x`.
                let userinfo = match (url.username(), url.password()) {
                    ("", None) => String::new(),
                    (user, None) => percent_decode(user),
                    (user, Some(password)) => percent_decode(&format!("{user}:{password}")),
                };
                let host = if vendor.is_some() { "" } else { &*host };
                let fragment = url.fragment().unwrap_or("");
                if !url.is_domain() && userinfo.is_empty() {
                    None
                } else if let (Some(memo), true) = (memo, userinfo.is_empty()) {
                    // A user name is read afresh (`check_url`); without one the host alone decides.
                    memo.check_host(&self.lookalikes, host, url.path(), fragment)
                } else {
                    self.lookalikes
                        .check_url(host, url.path(), fragment, &userinfo)
                }
            });
        // A `self_hosted` entry vouches for its host unless the host imitates a vendor other than the entry's,
        // or one nobody runs on their own server: settings reach the engine merged from the organisation's
        // policy and the user's own options (`Policy::is_sign_in_host`), so an entry may be one a lookalike page
        // talked someone into adding (`microsoftt-teams.com` as Teams), and `lookalike-domain` is always shown.
        // The check names the host's strongest imitation only: under a registrable domain that imitates another
        // vendor (`jitsi-install.microsoftt-teams.com` under an entry for `microsoftt-teams.com` as Jitsi), that
        // domain's own verdict decides too.
        let hit = match (self_hosted, hit) {
            (Some(index), Some(own)) if own.vendor == index => crate::psl::domain_str(&host)
                .filter(|domain| *domain != &*host)
                .and_then(|domain| self.lookalikes.check_host(domain, url.path()))
                .filter(|other| other.vendor != index)
                .or(Some(own)),
            (_, hit) => hit,
        };
        if let Some(index) = self_hosted.filter(|_| vouchable) {
            if hit.as_ref().is_none_or(|hit| {
                hit.vendor == index && self.db.entry(index).vendor.is_self_hostable()
            }) {
                class.vendor = Some(index);
                class.kind = Kind::VendorSite;
                self.match_shapes(index, &url, &mut class, Shapes::Own);
                return Ok(class);
            }
        }
        if let Some(hit) = hit {
            class.lookalike_of = Some(hit.vendor);
            class.lookalike_reason = Some(hit.reason);
            class.lookalike_why = hit.why;
        } else if vouchable {
            // Software whose paths are its own (a BigBlueButton server's API join link) on someone else's
            // host: that vendor's page, never a lookalike. A lookalike host keeps its warning whatever its path.
            for &index in &self.any_host_vendors {
                if self.match_shapes(index, &url, &mut class, Shapes::AnyHost) {
                    class.vendor = Some(index);
                    break;
                }
            }
        }
        Ok(class)
    }

    /// The class of an ordinary link without parsing it: when the screen clears the URL (no vendor, lookalike,
    /// wrapper, trick or error is possible) and its text is already what the URL parser would serialise, the
    /// answer is that text and its host. Most links on a page end here, at a few percent of a parse's cost.
    fn ordinary_class<'u>(&self, input: &'u str, extra_hosts: ExtraHosts) -> Option<UrlClass<'u>> {
        // The screen first: a URL it passes is read once, by the full path. The first few URLs of an index
        // whose screen's table is not built go to the full path without it (`table_or_count_unscreened`).
        let table = self.lookalikes.table_or_count_unscreened()?;
        if self.screen_in(table, input, extra_hosts) {
            return None;
        }
        let plain = PlainUrl::of(input)?;
        let host = plain.host.strip_suffix('.').unwrap_or(plain.host);
        Some(UrlClass::plain(plain.text, host))
    }

    /// Sets the kind, id and secret of the vendor's first shape that `url` matches; whether one did. With
    /// `which` shapes are tried (`Shapes`).
    fn match_shapes(
        &self,
        index: VendorIndex,
        url: &WebUrl,
        class: &mut UrlClass,
        which: Shapes,
    ) -> bool {
        let host = &*class.host;
        let path = url.path();
        // Pages served from an organisation's own host (self-hosted) use the vendor's paths on any host.
        let own_host = self.db.owns(index, host);
        for shape in &self.db.entry(index).shapes {
            let tried = match which {
                Shapes::Own => shape.kind != PageKind::VendorSite,
                Shapes::AnyHost => shape.any_host,
                Shapes::SharedHost => {
                    shape.kind == PageKind::VendorSite
                        && shape.hosts.iter().any(|h| h.matches(host))
                }
            };
            if !tried {
                continue;
            }
            if !shape.host_label_allows(host) {
                continue;
            }
            if own_host && !shape.any_host && !shape.hosts.iter().any(|h| h.matches(host)) {
                continue;
            }
            if shape.exclude_hosts.iter().any(|h| h.matches(host)) {
                continue;
            }
            let mut secret_in_path = false;
            let id = if let Some(param) = &shape.id_param {
                // The path first: the parameter's value is decoded and copied only for a shape whose path matches.
                if shape
                    .paths
                    .iter()
                    .all(|p| p.matches(path, None, shape.path_case_insensitive).is_none())
                {
                    continue;
                }
                let Some(value) = query_param(url.query(), param) else {
                    continue;
                };
                if shape.id_format.as_ref().is_some_and(|f| !f.accepts(&value)) {
                    continue;
                }
                Some(value)
            } else {
                match shape.paths.iter().find_map(|p| {
                    p.matches_with_secret(
                        path,
                        shape.id_format.as_ref(),
                        shape.secret_format.as_ref(),
                        shape.path_case_insensitive,
                    )
                }) {
                    Some(found) => {
                        secret_in_path = found.secret;
                        found.id.map(str::to_string)
                    }
                    None => continue,
                }
            };
            // A web app that routes in the fragment (Element Web's `#/room/<room>`): the route must match too.
            let id = if shape.fragments.is_empty() {
                id
            } else {
                let fragment = url.fragment().unwrap_or("");
                let route = fragment
                    .split_once('?')
                    .map_or(fragment, |(route, _)| route);
                let Some(found) = shape.fragments.iter().find_map(|p| {
                    p.matches_with_secret(
                        route,
                        shape.id_format.as_ref(),
                        shape.secret_format.as_ref(),
                        shape.path_case_insensitive,
                    )
                }) else {
                    continue;
                };
                secret_in_path |= found.secret;
                id.or_else(|| found.id.map(str::to_string))
            };
            class.kind = shape.kind.into();
            class.meeting_id = id;
            class.embedded_secret = secret_in_path
                || shape
                    .secret_params
                    .iter()
                    .any(|p| query_has_value(url.query(), p))
                || (shape.secret_in_fragment && url.fragment().is_some_and(|f| !f.is_empty()));
            return true;
        }
        false
    }
}

/// A URL read as slices of its text, for a text that the WHATWG parser would serialise exactly as it is written,
/// so that parsing could change nothing (`PlainUrl::of`): each slice is what `Url` would answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PlainUrl<'a> {
    text: &'a str,
    /// As `Url::host_str`: with a trailing `.` if the text has one.
    host: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> PlainUrl<'a> {
    /// `Some` when `text` is an http(s) URL exactly as the WHATWG parser would serialise it: lower-case scheme
    /// and host name (no port, user, IP address, IDN label or percent sign in it), a path, no byte anywhere
    /// that the parser would percent-encode, drop or re-read (`Masks::encoded`), and no dot segment. Anything
    /// else: `None`, and the parser decides. Sixteen bytes at a time (`rest_screen::masks_from`), the host up
    /// to its first other byte, then the rest from there: a byte loop over the host and three scans of the rest
    /// (encoded bytes, `?#`, dot segments) cost `classify` about 720 instructions a URL (callgrind, `make
    /// bench-instructions`).
    fn of(text: &'a str) -> Option<PlainUrl<'a>> {
        let bytes = text.as_bytes();
        // The screen's scheme test (a bare `http://` of 7 bytes has no host, so nothing is lost by its 8-byte read).
        let scheme = lower_web_scheme_len(bytes)?;
        // The host: host bytes only, no empty label (a `.` first or after another), no `xn--` (IDN labels are
        // checked by the parser: invalid punycode is an error), up to the path's `/`. Each window's host lanes
        // with the last lane of the one before (`before_*`); the host starts as if after a `.`.
        let mut at = scheme;
        let (mut before_dot, mut before_dash, mut double_dash) = (1, 0, false);
        let mut last_dot = None;
        let host_end = loop {
            if at >= bytes.len() {
                return None;
            }
            let (masks, valid) = rest_screen::masks_from(bytes, at);
            let host_lanes = (masks.not_host | !valid).trailing_zeros();
            let host = (1 << host_lanes) - 1;
            let dots = masks.dot & host;
            if dots & (dots << 1 | before_dot) != 0 {
                return None;
            }
            let dashes = masks.dash & host;
            double_dash |= dashes & (dashes << 1 | before_dash) != 0;
            if dots != 0 {
                last_dot = Some(at + (u32::BITS - 1 - dots.leading_zeros()) as usize);
            }
            if host_lanes < LANES as u32 {
                break at + host_lanes as usize;
            }
            (before_dot, before_dash) = (dots >> (LANES - 1), dashes >> (LANES - 1));
            at += LANES;
        };
        if host_end == scheme || bytes.get(host_end) != Some(&b'/') {
            return None;
        }
        // A last label of digits (or `0x…`) makes the parser read an IPv4 address and rewrite it.
        let trimmed = if bytes[host_end - 1] == b'.' {
            // A trailing `.` (the same host): the last label is the one before it.
            last_dot = bytes[scheme..host_end - 1]
                .iter()
                .rposition(|&b| b == b'.')
                .map(|d| scheme + d);
            host_end - 1
        } else {
            host_end
        };
        let last_start = last_dot.map_or(scheme, |d| d + 1);
        if last_start >= trimmed || bytes[last_start].is_ascii_digit() {
            return None;
        }
        if double_dash && bytes[scheme..host_end].windows(4).any(|w| w == b"xn--") {
            return None;
        }
        // The path, from the `/` to the first `?` or `#`: no byte that the parser encodes, drops or re-reads, and
        // no `/` before `.`, `%` or a byte like them, where `has_dot_segment` looks (`/./`, `/../` and their
        // `%2e` spellings are removed by the parser with the segment before them).
        let mut at = host_end;
        let (mut maybe_dots, mut before_slash) = (false, 0);
        let (path_end, mut hash) = loop {
            let (masks, valid) = rest_screen::masks_from(bytes, at);
            if masks.encoded & valid != 0 {
                return None;
            }
            let ends = masks.ends_path & valid;
            let in_path = !ends & ends.wrapping_sub(1);
            maybe_dots |= (masks.slash << 1 | before_slash) & masks.dot_like & valid & in_path != 0;
            if ends != 0 {
                let hashes = masks.hash & valid;
                let hash = (hashes != 0).then(|| at + hashes.trailing_zeros() as usize);
                break (at + ends.trailing_zeros() as usize, hash);
            }
            at += LANES;
            if at >= bytes.len() {
                break (bytes.len(), None);
            }
            before_slash = masks.slash >> (LANES - 1);
        };
        if maybe_dots && has_dot_segment(&bytes[host_end..path_end]) {
            return None;
        }
        // The query and fragment after the path's window: no such byte either, and where the fragment starts.
        while at + LANES < bytes.len() {
            at += LANES;
            let (masks, valid) = rest_screen::masks_from(bytes, at);
            if masks.encoded & valid != 0 {
                return None;
            }
            let hashes = masks.hash & valid;
            if hash.is_none() && hashes != 0 {
                hash = Some(at + hashes.trailing_zeros() as usize);
            }
        }
        // All ASCII, so every split is on character boundaries; the query and the fragment start with the byte
        // that ends what comes before them, if any. The host by `get` (never `None` here), not by index: in wasm
        // LLVM leaves the index's check, with its panic, a function of std's apart (wasm-opt out of line at a low
        // one-caller limit) and inlines `get`'s test (classify 2,105 → 2,089 a URL at the limit 200, 2,123 →
        // 2,089 at 20; docs/size.md, session 38).
        let (before_path, rest) = text.split_at(host_end);
        let host = before_path.get(scheme..)?;
        let (path, rest) = rest.split_at(path_end - host_end);
        let (query, fragment) = rest.split_at(hash.unwrap_or(text.len()) - path_end);
        Some(PlainUrl {
            text,
            host,
            path,
            query: after_ascii(query, b'?'),
            fragment: after_ascii(fragment, b'#'),
        })
    }
}

/// `text` after its first byte when that is `byte` (ASCII): `str::strip_prefix` with a `char`, as here before,
/// stays a call in wasm to the standard library's shared copy, with `<[u8]>::starts_with` and compiler-builtins'
/// byte-by-byte `memcmp` behind it (about 6 instructions a URL of the wasm screen + classify for
/// `PlainUrl::of`'s two, callgrind by function, docs/speed.md, session 40).
#[inline(always)]
fn after_ascii(text: &str, byte: u8) -> Option<&str> {
    debug_assert!(byte.is_ascii());
    if text.as_bytes().first() == Some(&byte) {
        text.get(1..)
    } else {
        None
    }
}

/// A URL as the full path reads it: slices of a plain text, or what the parser made of any other.
enum WebUrl<'a> {
    Plain(PlainUrl<'a>),
    Parsed(Url),
}

impl WebUrl<'_> {
    fn as_str(&self) -> &str {
        match self {
            WebUrl::Plain(p) => p.text,
            WebUrl::Parsed(u) => u.as_str(),
        }
    }

    fn host_str(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => Some(p.host),
            WebUrl::Parsed(u) => u.host_str(),
        }
    }

    /// Whether the host is a domain name (not an IP address); a plain text's always is.
    fn is_domain(&self) -> bool {
        match self {
            WebUrl::Plain(_) => true,
            WebUrl::Parsed(u) => matches!(u.host(), Some(url::Host::Domain(_))),
        }
    }

    fn path(&self) -> &str {
        match self {
            WebUrl::Plain(p) => p.path,
            WebUrl::Parsed(u) => u.path(),
        }
    }

    fn query(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => p.query,
            WebUrl::Parsed(u) => u.query(),
        }
    }

    fn fragment(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(p) => p.fragment,
            WebUrl::Parsed(u) => u.fragment(),
        }
    }

    fn username(&self) -> &str {
        match self {
            WebUrl::Plain(_) => "",
            WebUrl::Parsed(u) => u.username(),
        }
    }

    fn password(&self) -> Option<&str> {
        match self {
            WebUrl::Plain(_) => None,
            WebUrl::Parsed(u) => u.password(),
        }
    }
}

/// Whether `bytes` holds a control character, a space, DEL, a backslash or a non-ASCII byte. Eight bytes at a
/// time in a `u64` (the usual zero-byte tricks), so that it stays quick on short URLs and in wasm, where a
/// byte loop or a vector loop with its tail cost several times more.
fn has_unusual_byte(bytes: &[u8]) -> bool {
    unusual_bytes::<false>(bytes)
}

/// `has_unusual_byte`, and with `DOTS` also true where a dot segment may start (`/.`, `/..` and their `%2e`
/// spellings, which the URL parser removes with the segment before them, so that `/x/../url` is read as
/// `/url`): a `/` followed by one of `$%&',-./` (`.` and `%` differ in three bits, which the test ignores).
/// Exact where it says no; where it says yes, `has_unusual_byte` and `has_dot_segment` tell which. In the same
/// pass as the unusual bytes, each word with the byte before it carried from the last one. Inlined: a call
/// costs the screen a quarter of what the look itself does (callgrind).
#[inline(always)]
pub(crate) fn unusual_bytes<const DOTS: bool>(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const SLASHES: u64 = ONES * 0x2f;
    // `.` (0x2e) and `%` (0x25) with bits 0, 1 and 3 set both read as `/` (0x2f).
    const NEXT_BITS: u64 = ONES * 0x0b;
    // A byte of the word is 0 → its high bit in the result (exact for "any").
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    // `before`: the byte before the word, in the low byte (0 at the start: no `/`).
    let word = |w: u64, before: u64| {
        // Below 0x21 (controls, space), equal to 0x7f or a backslash, or 0x80 and above.
        let low = w.wrapping_sub(ONES * 0x21) & !w & HIGH;
        let unusual =
            low | zero(w ^ (ONES * 0x7f)) | zero(w ^ (ONES * u64::from(b'\\'))) | (w & HIGH);
        if DOTS {
            // Byte `i` of `(w << 8) | before` is the byte before byte `i` of `w`.
            let pair = (((w << 8) | before) ^ SLASHES) | ((w | NEXT_BITS) ^ SLASHES);
            unusual | zero(pair)
        } else {
            unusual
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut found = 0;
    let mut before = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        found |= word(w, before);
        before = w >> 56;
    }
    // The tail: the last eight bytes again when there are that many (no copy), else padded with `a`.
    let (last, before) = match bytes.last_chunk::<8>() {
        Some(last) => {
            let before = bytes.len().checked_sub(9).map_or(0, |at| bytes[at]);
            (*last, u64::from(before))
        }
        None => {
            let mut last = [b'a'; 8];
            for (to, &from) in last.iter_mut().zip(chunks.remainder()) {
                *to = from;
            }
            (last, 0)
        }
    };
    (found | word(u64::from_le_bytes(last), before)) != 0
}

/// Whether `path` holds a dot segment as the URL parser reads one: a `/` then `.`, or `%2e` without case.
fn has_dot_segment(path: &[u8]) -> bool {
    path.iter().enumerate().any(|(i, &b)| {
        let next = &path[i + 1..];
        b == b'/'
            && (next.first() == Some(&b'.')
                || (next.len() >= 3 && next[..2] == *b"%2" && next[2].eq_ignore_ascii_case(&b'e')))
    })
}

/// 8 when `bytes` start with `https://`, 7 with `http://`, in lower case, read as one 64-bit word (a text of
/// under eight bytes is left to the case-blind test after it). Not `<[u8]>::starts_with`: at opt-level "s" the
/// engine shares the standard library's one copy of it, which the wasm facade's build left a call, with a
/// byte-by-byte `memcmp` behind it (about 230 instructions a URL in Node, callgrind; the bench module inlined it).
#[inline(always)]
fn lower_web_scheme_len(bytes: &[u8]) -> Option<usize> {
    let word = u64::from_le_bytes(*bytes.first_chunk::<8>()?);
    if word == u64::from_le_bytes(*b"https://") {
        Some(8)
    } else if word & 0x00ff_ffff_ffff_ffff == u64::from_le_bytes(*b"http://\0") {
        Some(7)
    } else {
        None
    }
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Records the tricks visible in one layer of a URL (the text as given, or a wrapped link once decoded); says
/// whether the text holds an unusual byte at all (`has_unusual_byte`: a backslash is one).
fn note_tricks(text: &str, tricks: &mut Vec<UrlTrick>) -> bool {
    let mut add = |trick: UrlTrick| {
        if !tricks.contains(&trick) {
            tricks.push(trick);
        }
    };
    // Almost every link has none of these bytes (nor a space): one look eight bytes at a time tells.
    if !has_unusual_byte(text.as_bytes()) {
        return false;
    }
    if text.contains('\\') {
        add(UrlTrick::Backslash);
    }
    // Most links are ASCII: then only C0 controls and DEL can hide.
    let hidden = if text.is_ascii() {
        text.bytes().any(|b| b < b' ' || b == 0x7f)
    } else {
        text.chars().any(is_hidden_char)
    };
    if hidden {
        add(UrlTrick::ControlCharacter);
    }
    true
}

/// Control characters and the invisible format characters that IDNA drops or that reorder text
/// (`zo\u{200b}om.us` is `zoom.us` to a browser, but not to a person or a filter reading the text).
fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}' | '\u{1bca0}'..='\u{1bca3}'
            | '\u{e0000}'..='\u{e0fff}')
}

/// The hit of a URL that browsers and other programs read with different hosts (`host_disagreement`), `named`
/// the vendor's host of the two.
// Out of line, in wasm too (tools/wasm-out-of-line.txt): almost no URL has such a disagreement.
#[inline(never)]
fn parser_trick_hit(vendor: VendorIndex, whatwg: &str, other: &str, named: &str) -> LookalikeHit {
    LookalikeHit {
        vendor,
        why: Why::ParserTrick.params(&[("site", whatwg), ("written", other), ("brand", named)]),
        reason: english!(
            "browsers go to `{whatwg}` but other programs read `{other}`: the address is built so that `{named}` seems to be the destination"
        ),
    }
}

/// With a backslash in the authority, browsers (WHATWG) and older parsers disagree on the host:
/// `https://zoom.us\@evil.example/` goes to zoom.us in a browser, to evil.example elsewhere. Returns
/// `(other reading, browser's host)` when both are host names and differ.
fn host_disagreement(text: &str, whatwg: Option<&str>) -> Option<(String, String)> {
    if !text.bytes().fold(false, |found, b| found | (b == b'\\')) {
        return None;
    }
    let after = text.split_once("://")?.1;
    let authority = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let whatwg = whatwg?.trim_end_matches('.').to_string();
    (valid && host != whatwg).then_some((host, whatwg))
}

/// Parses an http(s) URL, or a vendor app link rewritten to https. Bare hosts (`zoom.us/j/1`) get `https://`.
pub fn parse_web_url(text: &str) -> Result<Url, UrlError> {
    // The host in ASCII before `url` sees it: its IDNA back end is a stub (see src/idn.rs).
    let text = &*crate::idn::ascii_host(text).map_err(|e| UrlError::Unparsable(e.into()))?;
    let parsed = match Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse(&format!("https://{text}"))
            .map_err(|e| UrlError::Unparsable(e.to_string()))?,
        Err(e) => return Err(UrlError::Unparsable(e.to_string())),
    };
    match parsed.scheme() {
        "http" | "https" => {
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(UrlError::Unparsable(NO_HOST.into()));
            }
            Ok(parsed)
        }
        scheme => match APP_SCHEMES.iter().find(|(s, _)| *s == scheme) {
            Some(_) => app_link_to_web(&parsed),
            None => Err(UrlError::UnsupportedScheme(scheme.to_string())),
        },
    }
}

/// `parse_web_url`, reading a host whose only fault is `xn--` labels that are not valid punycode as Chromium
/// does (`stand_in_parse`): then the URL holds stand-ins for them, and `written` the host as written.
fn parse_as_browsers(
    text: &str,
    written: &mut Option<String>,
) -> Result<WebUrl<'static>, UrlError> {
    match parse_web_url(text) {
        Ok(url) => Ok(WebUrl::Parsed(url)),
        Err(refused) => {
            let (url, host) = stand_in_parse(text, refused, parse_web_url)?;
            *written = Some(host);
            Ok(WebUrl::Parsed(url))
        }
    }
}

/// For a text that `parse` (`parse_web_url`, or `Url::parse` for a page's own address) `refused`: when its host's
/// only fault is `xn--` labels that are not valid punycode, the URL parsed with stand-ins for those labels and
/// the host as written (`idn::StandIn`), as a browser that opens such a host reads it; else the refusal. Called
/// only after a refusal, and cold, so that other URLs pay nothing for it.
#[cold]
pub fn stand_in_parse<E>(
    text: &str,
    refused: E,
    parse: impl Fn(&str) -> Result<Url, E>,
) -> Result<(Url, String), E> {
    let Some(stand_in) = crate::idn::stand_in_host(text) else {
        return Err(refused);
    };
    match parse(&stand_in.text) {
        // An app link rewritten to another host (`msteams:`) no longer holds the label: refused as before.
        Ok(url) if url.host_str() == Some(&*stand_in.host) => Ok((url, stand_in.written)),
        _ => Err(refused),
    }
}

/// `zoommtg://zoom.us/join?confno=123&pwd=x` → `https://zoom.us/j/123?pwd=x`;
/// `msteams:/l/meetup-join/…` → `https://teams.microsoft.com/l/meetup-join/…`. Built with the URL API, so a
/// crafted `confno` cannot add path segments or a query of its own.
fn app_link_to_web(url: &Url) -> Result<Url, UrlError> {
    let invalid = |e: url::ParseError| UrlError::Unparsable(e.to_string());
    match url.scheme() {
        "zoommtg" | "zoomus" => {
            let host = url
                .host_str()
                .filter(|h| !h.is_empty())
                .unwrap_or("zoom.us");
            // Keep a user name: `zoommtg://zoom.us@evil.example/…` must still show the trick.
            let userinfo = match (url.username(), url.password()) {
                ("", None) => String::new(),
                (user, None) => format!("{user}@"),
                (user, Some(password)) => format!("{user}:{password}@"),
            };
            let mut web = Url::parse(&format!("https://{userinfo}{host}/")).map_err(invalid)?;
            let confno = query_value(url, "confno").unwrap_or_default();
            web.path_segments_mut()
                .map_err(|()| UrlError::Unparsable("no path".into()))?
                .clear()
                .push("j")
                .push(&confno);
            if let Some(pwd) = query_value(url, "pwd") {
                web.query_pairs_mut().append_pair("pwd", &pwd);
            }
            Ok(web)
        }
        _ => {
            let rest = url
                .as_str()
                .split_once(':')
                .map_or("", |(_, rest)| rest)
                .trim_start_matches('/');
            // A leading `/` keeps the rest a path on the Teams host, whatever it contains.
            Url::parse("https://teams.microsoft.com/")
                .and_then(|base| base.join(&format!("/{rest}")))
                .map_err(invalid)
        }
    }
}

/// The first value of a query parameter, percent-decoded.
pub fn query_value(url: &Url, name: &str) -> Option<String> {
    query_param(url.query(), name)
}

/// `query_value` of a query string (`Url::query_pairs` reads the same `application/x-www-form-urlencoded`).
fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    let (pair, value) = query_pair(query?, name)?;
    if !is_form_coded(value) {
        // Split at ASCII bytes, so the value is UTF-8 still.
        return Some(String::from_utf8_lossy(value).into_owned());
    }
    url::form_urlencoded::parse(pair)
        .next()
        .map(|(_, v)| v.into_owned())
}

/// Whether `query_param` would find `name` with a value that is not empty, without decoding or copying it:
/// decoding keeps a value's emptiness (each `+`, `%XX` or other byte gives at least one character), so the
/// value as written tells. `match_shapes` asks it of every secret parameter of a matched shape.
fn query_has_value(query: Option<&str>, name: &str) -> bool {
    query
        .and_then(|query| query_pair(query, name))
        .is_some_and(|(_, value)| !value.is_empty())
}

/// The first pair of `query` whose key reads `name` once decoded, and its value as written. The pairs are the
/// text between `&`s (empty ones skipped, as the decoder does), split at their first `=`. A key without `%` or
/// `+` is compared as written, and only a coded key is decoded, by the decoder itself (a pair holds no `&`, so
/// it reads it as the whole query's decoder does): decoding every pair before it cost `match_shapes` about 800
/// instructions a query with one `%` (callgrind).
fn query_pair<'q>(query: &'q str, name: &str) -> Option<(&'q [u8], &'q [u8])> {
    query
        .as_bytes()
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .find_map(|pair| {
            let (key, value) = match pair.iter().position(|&b| b == b'=') {
                Some(eq) => (&pair[..eq], &pair[eq + 1..]),
                None => (pair, &pair[pair.len()..]),
            };
            let named = if is_form_coded(key) {
                url::form_urlencoded::parse(pair)
                    .next()
                    .is_some_and(|(k, _)| k == name)
            } else {
                key == name.as_bytes()
            };
            named.then_some((pair, value))
        })
}

/// Whether form-urlencoded text has anything to decode (`%` or `+`).
fn is_form_coded(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == b'%' || b == b'+')
}

/// Removes one layer of link wrapping, returning the wrapper's name and the wrapped link as text.
fn unwrap_once(url: &WebUrl) -> Option<(&'static str, String)> {
    let host = url.host_str()?;
    if let Some(inner) = unproxied(url, host) {
        return Some(("defender-cloud-apps-proxy", inner));
    }
    let path = url.path();
    // Outlook's SafeLinks, in mail and in Teams chats.
    let safelinks = host.ends_with(".safelinks.protection.outlook.com")
        || host.ends_with(".safelinks.protection.office365.us")
        || (host == "statics.teams.cdn.office.net"
            && path.starts_with("/evergreen-assets/safelinks/"));
    let (name, param) = if safelinks {
        ("safelinks", "url")
    } else if is_google_host(host) && path == "/url" {
        // `q`, else `url`: each decoded once (a look for `q` and then its value decoded it twice).
        return query_param(url.query(), "q")
            .or_else(|| query_param(url.query(), "url"))
            .map(|inner| ("google-redirect", inner));
    } else if matches!(
        host,
        "l.facebook.com" | "lm.facebook.com" | "l.messenger.com"
    ) && path == "/l.php"
    {
        ("facebook-redirect", "u")
    } else if matches!(host, "urldefense.com" | "urldefense.proofpoint.com") {
        return unwrap_proofpoint(url).map(|inner| ("proofpoint", inner));
    } else if host == "linkprotect.cudasvc.com" && path == "/url" {
        ("barracuda", "a")
    } else if host == "slack-redir.net" && path == "/link" {
        ("slack-redirect", "url")
    } else {
        return None;
    };
    query_param(url.query(), param).map(|inner| (name, inner))
}

/// The URL as the app behind a session proxy serves it: the same text with the proxy's suffix taken off the
/// host (`SESSION_PROXY_SUFFIXES`), `None` for any other host. A host that is the suffix's domain alone
/// (`mcas.ms`) is the proxy's own site, and one whose rest has no ICANN ending (`contoso.access.mcas.ms`, the
/// proxy's sign-in) is not an app's host either: both are left as they are.
fn unproxied(url: &WebUrl, host: &str) -> Option<String> {
    // Hosts come lower case from the parser and from `PlainUrl`, which takes only what the parser would leave.
    let host = host.strip_suffix('.').unwrap_or(host);
    // Every suffix ends with `.ms` or `.us`: most hosts end otherwise and cost two compares here.
    if !(host.ends_with(".ms") || host.ends_with(".us")) {
        return None;
    }
    // Each suffix starts with its dot, so it matches on a label boundary: `x.admin-mcas.ms` ends with
    // `.admin-mcas.ms`, never with `.mcas.ms`.
    let suffix = SESSION_PROXY_SUFFIXES
        .iter()
        .find(|s| host.len() > s.len() + 1 && host.ends_with(*s))?;
    let text = url.as_str();
    let authority = text.find("://")? + 3;
    let authority_end = text[authority..]
        .find(['/', '?', '#'])
        .map_or(text.len(), |end| authority + end);
    let start = text[authority..authority_end]
        .rfind('@')
        .map_or(authority, |at| authority + at + 1);
    let end = start + host.len();
    if text.get(start..end)? != host {
        return None;
    }
    let inner = &host[..host.len() - suffix.len()];
    if crate::psl::suffix(inner).is_none_or(|s| s.kind != crate::psl::SuffixKind::Icann) {
        return None;
    }
    // What follows the host (a root's dot, the port, the path) stays as written.
    Some(format!("{}{inner}{}", &text[..start], &text[end..]))
}

/// `www.google.com`, `google.de`, `google.co.uk`, `www.google.com.au`: Google's own search domains, whose
/// `/url?q=` redirects Gmail and Calendar write. The suffix must be an ICANN one (never a private suffix such
/// as blogspot.com, where anyone can call a site `google`) and `com` or a country's.
fn is_google_host(host: &str) -> bool {
    let bare = host.strip_prefix("www.").unwrap_or(host);
    let Some(rest) = bare.strip_prefix("google.") else {
        return false;
    };
    let country_or_com = rest == "com" || rest.rsplit('.').next().is_some_and(|tld| tld.len() == 2);
    country_or_com
        && crate::psl::suffix(bare)
            .is_some_and(|s| s.kind == crate::psl::SuffixKind::Icann && s.text == rest)
}

/// Proofpoint URL Defense: v1 and v2 carry the link in `u` (v2 writes `%` as `-` and `/` as `_`); v3 carries it
/// in the path between `/v3/__` and `__;`, with some characters replaced by `*` and stored, base64-encoded,
/// after `__;` (`**X` stands for a run of them whose length `X` encodes).
fn unwrap_proofpoint(url: &WebUrl) -> Option<String> {
    let path = url.path();
    if path == "/v1/url" {
        return query_param(url.query(), "u");
    }
    if path == "/v2/url" {
        let encoded = query_param(url.query(), "u")?
            .replace('_', "/")
            .replace('-', "%");
        return Some(percent_decode(&encoded));
    }
    let text = url.as_str();
    let (_, after) = text.split_once("/v3/__")?;
    let (encoded, rest) = after.split_once("__;")?;
    let replacements = rest.split('!').next().unwrap_or("");
    let replacements: Vec<char> = String::from_utf8(base64_decode(replacements)?)
        .ok()?
        .chars()
        .collect();
    let mut encoded = percent_decode(encoded);
    // Proofpoint sometimes writes `https:/host`; restore the second slash.
    if let Some((scheme, rest)) = encoded.split_once(":/") {
        if !rest.starts_with('/') && !scheme.contains('/') {
            encoded = format!("{scheme}://{rest}");
        }
    }
    const RUN_CODES: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(encoded.len());
    let mut used = 0;
    let mut chars = encoded.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '*' {
            out.push(c);
            continue;
        }
        let run = if chars.peek() == Some(&'*') {
            chars.next();
            RUN_CODES.find(chars.next()?)? + 2
        } else {
            1
        };
        out.extend(replacements.get(used..used + run)?);
        used += run;
    }
    Some(out)
}

/// Base64 with either alphabet (standard or URL-safe), padding optional; `None` on any other character.
/// Decoded by the engine's one decoder (`crate::base64`), the URL-safe characters read as the standard ones.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let end = text.find('=').unwrap_or(text.len());
    let mut standard = text.as_bytes()[..end].to_vec();
    for b in &mut standard {
        match *b {
            b'-' => *b = b'+',
            b'_' => *b = b'/',
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(end / 4 * 3 + 3);
    let done = crate::base64::decode_groups(&standard, &mut out);
    // What is left is one group without its padding, unless a character outside the alphabet stopped the
    // groups: completed with `A`s (zero bits), it is decoded and cut to the bytes its characters fill (two
    // characters one byte, three two; a lone one's six bits none).
    let rest = end - done;
    if rest >= 4 {
        return None;
    }
    if rest > 0 {
        let mut group = *b"AAAA";
        group[..rest].copy_from_slice(&standard[done..]);
        if crate::base64::decode_groups(&group, &mut out) < 4 {
            return None;
        }
        out.truncate(out.len() - 3 + rest * 3 / 4);
    }
    Some(out)
}

fn percent_decode(text: &str) -> String {
    String::from_utf8_lossy(&crate::hex::percent_decode(text.as_bytes())).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proofpoint_v3_puts_the_stored_characters_back() {
        // `Iw` is base64 for `#`; `JSM` for `%#`.
        let url = Url::parse("https://urldefense.com/v3/__https://us02web.zoom.us/j/85123456789?pwd=Ab1*success__;Iw!!AbCd!eFgH$").unwrap();
        assert_eq!(
            unwrap_proofpoint(&WebUrl::Parsed(url)).as_deref(),
            Some("https://us02web.zoom.us/j/85123456789?pwd=Ab1#success")
        );
        let url = Url::parse("https://urldefense.com/v3/__https://example.com/a*2Fb*x__;JSM!!x$")
            .unwrap();
        assert_eq!(
            unwrap_proofpoint(&WebUrl::Parsed(url)).as_deref(),
            Some("https://example.com/a%2Fb#x")
        );
        // `**A` is a run of two.
        let url =
            Url::parse("https://urldefense.com/v3/__https://example.com/**A__;JSM!!x$").unwrap();
        assert_eq!(
            unwrap_proofpoint(&WebUrl::Parsed(url)).as_deref(),
            Some("https://example.com/%#")
        );
        // Too few stored characters: not decodable, not guessed.
        let url =
            Url::parse("https://urldefense.com/v3/__https://example.com/***__;Iw!!x$").unwrap();
        assert_eq!(unwrap_proofpoint(&WebUrl::Parsed(url)), None);
    }

    /// Wraps a URL in one more Google redirect.
    fn google_wrap(inner: &str) -> String {
        let mut url = Url::parse("https://www.google.com/url").unwrap();
        url.query_pairs_mut().append_pair("q", inner);
        url.to_string()
    }

    #[test]
    fn unwrapping_stops_at_the_bound() {
        let db = crate::Database::bundled();
        let classifier = Classifier::new(&db);
        let mut url = "https://zoom.us/j/85123456789".to_string();
        for _ in 0..MAX_UNWRAP_DEPTH {
            url = google_wrap(&url);
        }
        let class = classifier.classify(&url).unwrap();
        assert_eq!(class.unwrapped.len(), MAX_UNWRAP_DEPTH);
        assert_eq!(class.meeting_id.as_deref(), Some("85123456789"));
        // One layer more: the innermost wrapper is what gets classified, and it is no vendor's.
        let wrapped = google_wrap(&url);
        let class = classifier.classify(&wrapped).unwrap();
        assert_eq!(class.unwrapped.len(), MAX_UNWRAP_DEPTH);
        assert_eq!(class.vendor, None);
        assert!(class.host.ends_with("google.com"), "{}", class.host);
    }

    /// Random hosts of labels that are valid punycode, not punycode, ASCII words, Unicode and upper case: the
    /// engine never panics, and a host whose only fault is labels that are not punycode is classified as the
    /// ASCII text it is, with the trick.
    #[test]
    fn hosts_with_labels_that_are_not_punycode_are_read_as_written() {
        let db = crate::Database::bundled();
        let classifier = Classifier::new(&db);
        let parts = [
            "xn--2mxw0",
            "XN--2MXW0",
            "xn--zz",
            "xn--",
            "xn--zm-fmca",
            "xn--a-",
            "xn---",
            "xn--9",
            "zoom",
            "us",
            "com",
            "zoom-us-join",
            "teams",
            "microsoft",
            "zооm",
            "ü",
            "a%2e",
            "xn--2mx%77",
            "9",
            "-",
            "",
        ];
        let mut numbers = crate::Numbers(0x1D4A_0B5E);
        let mut read_as_written = 0;
        for _ in 0..4000 {
            let labels: Vec<&str> = (0..1 + numbers.below(4))
                .map(|_| parts[numbers.below(parts.len())])
                .collect();
            let host = labels.join(".");
            let url = format!("https://{host}/j/85123456789");
            let answer = classifier.classify(&url);
            let strict = parse_web_url(&url);
            let bad = labels.iter().any(|l| {
                let l = l.to_ascii_lowercase();
                l.starts_with("xn--") && crate::idn::to_ascii(&l).is_err()
            });
            // A last label of digits is read as an IPv4 address: another fault.
            let clean = host.is_ascii()
                && !host.contains('%')
                && !labels.contains(&"")
                && labels.last() != Some(&"9");
            match (&answer, strict.is_ok()) {
                (Ok(class), true) => {
                    assert!(!class.tricks.contains(&UrlTrick::InvalidIdnLabel), "{url}")
                }
                (Ok(class), false) => {
                    assert!(class.tricks.contains(&UrlTrick::InvalidIdnLabel), "{url}");
                    assert!(class.target.contains(&*class.host), "{url}: {class:?}");
                    assert!(!class.host.contains("xn-0"), "{url}: {class:?}");
                    read_as_written += 1;
                    if clean {
                        assert_eq!(class.host, host.to_ascii_lowercase(), "{url}");
                    }
                }
                (Err(_), true) => panic!("{url}: refused, but the strict parser takes it"),
                (Err(e), false) => assert!(!(bad && clean), "{url}: refused ({e})"),
            }
        }
        assert!(
            read_as_written > 1000,
            "only {read_as_written} hosts read as written"
        );
    }

    #[test]
    fn a_session_proxy_s_suffix_is_taken_off_the_host() {
        let db = crate::Database::bundled();
        let classifier = Classifier::new(&db);
        let class = classifier
            .classify("https://user@zoom.us.mcas.ms:8443/j/85123456789?pwd=abc#x")
            .unwrap();
        assert_eq!(class.unwrapped, vec!["defender-cloud-apps-proxy"]);
        assert_eq!(
            class.target,
            "https://user@zoom.us:8443/j/85123456789?pwd=abc#x"
        );
        // A lookalike seen through the proxy is judged by its own host; inside a SafeLinks too.
        let inner = "https://zoom-us-join.com.mcas.ms/j/1";
        for url in [inner.to_string(), google_wrap(inner)] {
            let class = classifier.classify(&url).unwrap();
            assert_eq!(class.host, "zoom-us-join.com", "{url}");
            assert!(class.lookalike_of.is_some(), "{url}");
        }
        // Every suffix the proxy writes, its administrators' too.
        for suffix in SESSION_PROXY_SUFFIXES {
            let url = format!("https://teams.microsoft.com{suffix}/");
            let class = classifier.classify(&url).unwrap();
            assert_eq!(class.host, "teams.microsoft.com", "{suffix}");
            assert_eq!(class.lookalike_of, None, "{suffix}");
        }
        // The proxy's own domain, its sign-in (no ICANN ending left) and look-alike suffixes are hosts like any
        // other.
        for url in [
            "https://mcas.ms/",
            "https://contoso-onmicrosoft-com.access.mcas.ms/aad_login",
            "https://zoom.us.mcas.ms.evil.top/j/1",
            "https://zoom.us-mcas.ms/",
        ] {
            let class = classifier.classify(url).unwrap();
            assert!(class.unwrapped.is_empty(), "{url}");
        }
    }

    #[test]
    fn app_links_cannot_smuggle_paths() {
        let url =
            parse_web_url("zoommtg://zoom.us/join?confno=1%2F..%2F..%2Fevil%3Fx%3D1%23y&pwd=a%26b")
                .unwrap();
        assert_eq!(url.host_str(), Some("zoom.us"));
        assert_eq!(url.path(), "/j/1%2F..%2F..%2Fevil%3Fx=1%23y");
        assert_eq!(query_value(&url, "pwd").as_deref(), Some("a&b"));
        let url = parse_web_url("msteams:http://evil.example/l/meetup-join/x").unwrap();
        assert_eq!(url.host_str(), Some("teams.microsoft.com"));
    }

    #[test]
    fn unusual_bytes_are_found_anywhere() {
        for len in 0..20 {
            for at in 0..len {
                for byte in 0u8..=255 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    let expected = byte <= b' ' || byte >= 0x7f || byte == b'\\';
                    assert_eq!(
                        has_unusual_byte(&text),
                        expected,
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
            assert!(!has_unusual_byte(&vec![b'~'; len]));
        }
    }

    /// The word tests subtract across byte boundaries: no pair of bytes side by side may make a hit out of two
    /// ordinary bytes (a borrow between them), whichever bytes they are.
    #[test]
    fn unusual_bytes_need_an_unusual_byte_whatever_surrounds_it() {
        let unusual = |b: u8| b <= b' ' || b >= 0x7f || b == b'\\';
        for filler in 0u8..=255 {
            for byte in 0u8..=255 {
                for at in [0, 3, 7, 8, 12] {
                    let mut text = vec![filler; 13];
                    text[at] = byte;
                    assert_eq!(
                        has_unusual_byte(&text),
                        unusual(filler) || unusual(byte),
                        "{byte:#x} at {at} among {filler:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_slash_before_a_dot_or_percent_is_found_anywhere() {
        let unusual = |b: u8| b <= b' ' || b >= 0x7f || b == b'\\';
        for len in 1..20 {
            for at in 0..len {
                for next in 0u8..=255 {
                    let mut text = vec![b'a'; len];
                    text[at] = b'/';
                    let expected = match text.get_mut(at + 1) {
                        Some(after) => {
                            *after = next;
                            unusual(next) || b"$%&',-./".contains(&next)
                        }
                        None => false,
                    };
                    assert_eq!(
                        unusual_bytes::<true>(&text),
                        expected,
                        "/ then {next:#x} at {at} of {len}"
                    );
                }
            }
        }
        for (path, dot) in [
            ("/x/../url", true),
            ("/./url", true),
            ("/%2e%2E/url", true),
            ("/x/%2E./url", true),
            ("/.well-known/x", true),
            ("/a.b/c%2f", false),
            ("/a-b/c.html", false),
        ] {
            assert_eq!(has_dot_segment(path.as_bytes()), dot, "{path}");
            assert!(!dot || unusual_bytes::<true>(path.as_bytes()), "{path}");
        }
    }

    #[test]
    fn plain_urls_read_what_the_parser_reads() {
        let texts = [
            "https://zoom.us/j/85123456789?pwd=abc#success",
            "https://zoom.us./j/1",
            "http://a-b.example/x/y.html?",
            "https://example.com/#frag?not-query",
            "https://example.com/?q=a?b#c#d",
            "https://meet.google.com/abc-defg-hij",
            "https://x.y/%41%2f",
            "https://a.b/c%2/",
        ];
        for text in texts {
            let plain = PlainUrl::of(text).unwrap_or_else(|| panic!("{text} is plain"));
            let url = Url::parse(text).unwrap();
            assert_eq!(url.as_str(), plain.text, "{text}");
            assert_eq!(url.host_str(), Some(plain.host), "{text}");
            assert_eq!(url.path(), plain.path, "{text}");
            assert_eq!(url.query(), plain.query, "{text}");
            assert_eq!(url.fragment(), plain.fragment, "{text}");
        }
        // What the parser rewrites, refuses or reads another way.
        for text in [
            "https://Zoom.us/j/1",
            "https://zoom.us",
            "https://zoom.us?x",
            "https://zoom.us:443/",
            "https://u@zoom.us/",
            "https://1.2.3.4/",
            "https://a.0x7f/",
            "https://xn--zz.com/",
            "https://a.xn--p1ai/",
            "https://.a.com/",
            "https://a..com/",
            "https://a.com../",
            "https://a_b.com/",
            "https://a.com/./x",
            "https://a.com/x/..",
            "https://a.com/%2E%2e/",
            "https://a.com/a b",
            "https://a.com/a\\b",
            "https://a.com/\u{e9}",
            "https://a.com/a|b",
            "ftp://a.com/",
        ] {
            assert_eq!(PlainUrl::of(text), None, "{text}");
        }
    }

    /// Bytes of a host name that the parser keeps as they are: lower-case letters, digits, `.` and `-`.
    const HOST_BYTES: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-';
            b += 1;
        }
        table
    };

    /// `PlainUrl::of` as it was before its one vector pass: a byte loop over the host and three scans of the rest.
    fn reference_of(text: &str) -> Option<PlainUrl<'_>> {
        let bytes = text.as_bytes();
        let scheme = if bytes.starts_with(b"https://") {
            8
        } else if bytes.starts_with(b"http://") {
            7
        } else {
            return None;
        };
        let rest = &bytes[scheme..];
        // The host: host bytes only, no empty label, no `xn--` (IDN labels are checked by the parser: invalid
        // punycode is an error), up to the path's `/`.
        let mut host_len = 0;
        let mut last_dot = None;
        let mut previous = b'.';
        for &b in rest {
            if !HOST_BYTES[usize::from(b)] {
                break;
            }
            if b == b'.' {
                if previous == b'.' {
                    return None;
                }
                last_dot = Some(host_len);
            } else if b == b'-' && host_len >= 3 && rest[host_len - 3..host_len] == *b"xn-" {
                return None;
            }
            previous = b;
            host_len += 1;
        }
        if rest.get(host_len) != Some(&b'/') || host_len == 0 {
            return None;
        }
        // A last label of digits (or `0x…`) makes the parser read an IPv4 address and rewrite it.
        let trimmed = if previous == b'.' {
            // A trailing `.` (the same host): the last label is the one before it.
            last_dot = rest[..host_len - 1].iter().rposition(|&b| b == b'.');
            host_len - 1
        } else {
            host_len
        };
        let last_start = last_dot.map_or(0, |d| d + 1);
        if last_start >= trimmed || rest[last_start].is_ascii_digit() {
            return None;
        }
        let after = &rest[host_len..];
        // What the parser encodes, drops or re-reads: controls, space, DEL, non-ASCII, quotes, `<>`, backticks,
        // braces, backslashes, `^` and `|`. Branch-free compares, so that it vectorises (a table would not).
        let encoded = after.iter().fold(false, |acc, &b| {
            acc | (b <= b' ')
                | (b >= 0x7f)
                | matches!(
                    b,
                    b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\' | b'\'' | b'^' | b'|'
                )
        });
        if encoded {
            return None;
        }
        let path_end = memchr::memchr2(b'?', b'#', after).unwrap_or(after.len());
        let path = &after[..path_end];
        // `/./`, `/../` and their `%2e` spellings are removed by the parser: a `/` before `.` or `%` is rare,
        // so a look eight bytes at a time first and the exact one only then.
        if unusual_bytes::<true>(path) && has_dot_segment(path) {
            return None;
        }
        // All ASCII from here on, so every slice is on character boundaries.
        let hash = memchr::memchr(b'#', &after[path_end..]);
        let host_end = scheme + host_len;
        let path_end = host_end + path_end;
        let query_end = hash.map_or(text.len(), |h| path_end + h);
        Some(PlainUrl {
            text,
            host: &text[scheme..host_end],
            path: &text[host_end..path_end],
            query: text[path_end..query_end].strip_prefix('?'),
            fragment: hash.map(|_| &text[query_end + 1..]),
        })
    }

    #[test]
    fn plain_urls_one_pass_agrees_with_the_byte_loops() {
        // Hosts and rests around the window's size, so that each rule meets each window boundary.
        let bases = [
            "https://zoom.us/j/85123456789?pwd=abc#success",
            "http://a.bc/",
            "https://abcdefgh.example.com/a/b",
            "https://abcdefghijklmn.co/x?y#z",
            "https://www.abcdefghijklmnopq.example.org/path/to/page.html?q=1&r=2#frag",
            "https://x.y/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "https://a-b.c-d.e/f-g",
        ];
        let swaps = [
            "a", "z", "0", "9", ".", "-", "/", "?", "#", "%", "A", " ", "~", "{", "|", "}", "\"",
            "'", "<", ">", "\\", "^", "`", "@", ":", "\u{7f}", "\u{e9}", "\t", "xn--", "..", "/./",
            "/..", "%2e", "%2E", "/%2e", "",
        ];
        let agree = |text: &str| assert_eq!(PlainUrl::of(text), reference_of(text), "{text:?}");
        // The scheme alone (`of` reads the scheme 8 bytes at a time).
        for bare in ["http://", "https://", "http:/", "https:/"] {
            agree(bare);
        }
        let mut count = 0;
        for base in bases {
            agree(base);
            for at in 0..base.len() {
                for swap in swaps {
                    for width in [0, 1] {
                        let text = format!("{}{swap}{}", &base[..at], &base[at + width..]);
                        agree(&text);
                        count += 1;
                        // A second change further on, for the pairs (`..`, `--`, `/.`) across windows.
                        for later in (at + 1..base.len()).step_by(3) {
                            for second in [".", "-", "/", "?", "#", "1"] {
                                let text = format!(
                                    "{}{swap}{}{second}{}",
                                    &base[..at],
                                    &base[at + width..later],
                                    &base[later + 1..]
                                );
                                agree(&text);
                                count += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(count > 100_000, "{count}");
    }

    #[test]
    fn query_params_are_read_as_the_decoder_reads_them() {
        let queries = [
            "pwd=abc&uname=x",
            "a&&pwd&pwd=2",
            "=x&pwd==y&",
            "pwd=a%26b&x=1",
            "p%77d=encoded-name",
            "pwd=a+b",
            "x=1&pwd=",
            "",
            "p%77d=1&pwd=2",
            "pw%64=first&pwd=second",
            "x+y=1&pwd=a%20b+c",
            "pwd+=x&pwd=y",
            "%=bad&pwd=%zz&x=%41",
            "a=%E2%82%AC&uname=%FF",
            "pwd=&pwd=x",
            "p%77d=&pwd=x",
            "pwd=+&x=%",
            "pwd=%ZZ",
            "x=%FF&pwd=%80",
        ];
        for query in queries {
            for name in ["pwd", "x", "a", "uname", "missing"] {
                let decoder = url::form_urlencoded::parse(query.as_bytes())
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.into_owned());
                let has_value = decoder.as_ref().is_some_and(|v| !v.is_empty());
                assert_eq!(query_param(Some(query), name), decoder, "{name} in {query}");
                assert_eq!(
                    query_has_value(Some(query), name),
                    has_value,
                    "{name} in {query}"
                );
            }
        }
        assert_eq!(query_param(None, "pwd"), None);
        assert!(!query_has_value(None, "pwd"));
    }

    #[test]
    fn base64_both_alphabets() {
        assert_eq!(base64_decode("aGk/").as_deref(), Some(&b"hi?"[..]));
        assert_eq!(base64_decode("aGk_").as_deref(), Some(&b"hi?"[..]));
        assert_eq!(base64_decode("aGk=").as_deref(), Some(&b"hi"[..]));
        assert_eq!(base64_decode("a!"), None);
    }

    /// The decoder gives what the bit-at-a-time decoder it replaced gave, on generated texts of both
    /// alphabets, padding, other characters and every length around the 32-character steps.
    #[test]
    fn base64_decodes_as_bit_by_bit() {
        let by_bits = |text: &str| {
            let mut out = Vec::new();
            let (mut acc, mut bits) = (0u32, 0u32);
            for b in text.bytes().take_while(|&b| b != b'=') {
                let value = match b {
                    b'A'..=b'Z' => b - b'A',
                    b'a'..=b'z' => b - b'a' + 26,
                    b'0'..=b'9' => b - b'0' + 52,
                    b'+' | b'-' => 62,
                    b'/' | b'_' => 63,
                    _ => return None,
                };
                acc = (acc << 6) | u32::from(value);
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    out.push((acc >> bits) as u8);
                    acc &= (1 << bits) - 1;
                }
            }
            Some(out)
        };
        let characters = b"AZaz09+/-_Qx7=!. ";
        let mut numbers = crate::Numbers(0xBA5E_0064);
        for _ in 0..3000 {
            let len = numbers.below(80);
            let text: String = (0..len)
                .map(|_| {
                    // Mostly the alphabet, now and then one of the others.
                    let pick = numbers.next() as usize;
                    if pick.is_multiple_of(16) {
                        characters[pick / 16 % characters.len()] as char
                    } else {
                        characters[pick / 16 % 10] as char
                    }
                })
                .collect();
            assert_eq!(base64_decode(&text), by_bits(&text), "{text:?}");
        }
    }
}
