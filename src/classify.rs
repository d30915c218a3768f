//! URL classification: which vendor, which kind of page, the meeting id and whether the URL carries a secret;
//! after unwrapping link wrappers (SafeLinks, Google redirects) and refusing URL tricks.

use serde::Serialize;
use url::Url;

use crate::db::{Database, VendorIndex};
use crate::lookalike::LookalikeIndex;
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
    /// A backslash, which browsers read as `/` and which hides the real host from people.
    Backslash,
    /// Control or invisible characters.
    ControlCharacter,
}

/// The classification of one URL.
#[derive(Debug, Clone, PartialEq)]
pub struct UrlClass {
    /// The URL after unwrapping (what the link really leads to).
    pub target: String,
    /// Wrappers removed, outermost first (`safelinks`, `google-redirect`, …).
    pub unwrapped: Vec<&'static str>,
    pub host: String,
    pub vendor: Option<VendorIndex>,
    pub kind: Kind,
    pub meeting_id: Option<String>,
    pub embedded_secret: bool,
    pub lookalike_of: Option<VendorIndex>,
    /// Why it is a lookalike, in plain words.
    pub lookalike_reason: Option<String>,
    pub tricks: Vec<UrlTrick>,
}

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

/// Vendor app schemes that are rewritten to their web form: (scheme, vendor id, host to assume).
const APP_SCHEMES: &[(&str, &str)] = &[
    ("zoommtg", "zoom"),
    ("zoomus", "zoom"),
    ("msteams", "teams"),
];

/// The classifier: the database plus its lookalike index, built once.
pub struct Classifier<'d> {
    pub db: &'d Database,
    pub lookalikes: LookalikeIndex,
}

impl<'d> Classifier<'d> {
    pub fn new(db: &'d Database) -> Classifier<'d> {
        Classifier {
            db,
            lookalikes: LookalikeIndex::new(db),
        }
    }

    /// Classifies one URL. Self-hosted deployments (policy) are resolved by the caller through `extra_hosts`.
    pub fn classify(&self, input: &str) -> Result<UrlClass, UrlError> {
        self.classify_with(input, &|_| None)
    }

    /// Classifies with a lookup of extra hosts (an organisation's self-hosted instances) → vendor.
    pub fn classify_with(
        &self,
        input: &str,
        extra_hosts: &dyn Fn(&str) -> Option<VendorIndex>,
    ) -> Result<UrlClass, UrlError> {
        let trimmed = input.trim_matches(|c: char| c.is_whitespace());
        let mut tricks = Vec::new();
        if trimmed.contains('\\') {
            tricks.push(UrlTrick::Backslash);
        }
        if trimmed.chars().any(|c| {
            c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        }) {
            tricks.push(UrlTrick::ControlCharacter);
        }
        let mut url = parse_web_url(trimmed)?;
        let mut unwrapped = Vec::new();
        while unwrapped.len() < MAX_UNWRAP_DEPTH {
            match unwrap_once(&url) {
                Some((name, inner)) => {
                    unwrapped.push(name);
                    url = inner;
                }
                None => break,
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            tricks.push(UrlTrick::Userinfo);
        }
        let host = url
            .host_str()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_string();
        let mut class = UrlClass {
            target: url.to_string(),
            unwrapped,
            host: host.clone(),
            vendor: None,
            kind: Kind::None,
            meeting_id: None,
            embedded_secret: false,
            lookalike_of: None,
            lookalike_reason: None,
            tricks,
        };
        let vendor = self.db.vendor_of_host(&host).or_else(|| extra_hosts(&host));
        match vendor {
            Some(index) => {
                class.vendor = Some(index);
                class.kind = Kind::VendorSite;
                self.match_shapes(index, &url, &mut class);
            }
            None => {
                let userinfo = format!(
                    "{}{}",
                    url.username(),
                    url.password().map(|p| format!(":{p}")).unwrap_or_default()
                );
                if let Some(hit) = self
                    .lookalikes
                    .check_url(self.db, &host, url.path(), &userinfo)
                {
                    class.lookalike_of = Some(hit.vendor);
                    class.lookalike_reason = Some(hit.reason);
                }
            }
        }
        Ok(class)
    }

    fn match_shapes(&self, index: VendorIndex, url: &Url, class: &mut UrlClass) {
        let host = class.host.as_str();
        let path = url.path();
        // Pages served from an organisation's own host (self-hosted) use the vendor's paths on any host.
        let own_host = self.db.owns(index, host);
        for shape in &self.db.entry(index).shapes {
            if own_host && !shape.hosts.iter().any(|h| h.matches(host)) {
                continue;
            }
            let id = if let Some(param) = &shape.id_param {
                let Some(value) = query_value(url, param) else {
                    continue;
                };
                if shape
                    .paths
                    .iter()
                    .all(|p| p.matches(path, None, shape.path_case_insensitive).is_none())
                {
                    continue;
                }
                if shape.id_format.as_ref().is_some_and(|f| !f.accepts(&value)) {
                    continue;
                }
                Some(value)
            } else {
                match shape.paths.iter().find_map(|p| {
                    p.matches(path, shape.id_format.as_ref(), shape.path_case_insensitive)
                }) {
                    Some(id) => id.map(str::to_string),
                    None => continue,
                }
            };
            class.kind = shape.kind.into();
            class.meeting_id = id;
            class.embedded_secret = shape
                .secret_params
                .iter()
                .any(|p| query_value(url, p).is_some_and(|v| !v.is_empty()))
                || (shape.secret_in_fragment && url.fragment().is_some_and(|f| !f.is_empty()));
            return;
        }
    }
}

/// Parses an http(s) URL, or a vendor app link rewritten to https. Bare hosts (`zoom.us/j/1`) get `https://`.
pub fn parse_web_url(text: &str) -> Result<Url, UrlError> {
    let parsed = match Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse(&format!("https://{text}"))
            .map_err(|e| UrlError::Unparsable(e.to_string()))?,
        Err(e) => return Err(UrlError::Unparsable(e.to_string())),
    };
    match parsed.scheme() {
        "http" | "https" => {
            if parsed.host_str().is_none_or(str::is_empty) {
                return Err(UrlError::Unparsable("no host".into()));
            }
            Ok(parsed)
        }
        scheme => match APP_SCHEMES.iter().find(|(s, _)| *s == scheme) {
            Some(_) => app_link_to_web(&parsed),
            None => Err(UrlError::UnsupportedScheme(scheme.to_string())),
        },
    }
}

/// `zoommtg://zoom.us/join?confno=123&pwd=x` → `https://zoom.us/j/123?pwd=x`;
/// `msteams:/l/meetup-join/…` → `https://teams.microsoft.com/l/meetup-join/…`.
fn app_link_to_web(url: &Url) -> Result<Url, UrlError> {
    let rewritten = match url.scheme() {
        "zoommtg" | "zoomus" => {
            let host = url
                .host_str()
                .filter(|h| !h.is_empty())
                .unwrap_or("zoom.us");
            let confno = query_value(url, "confno").unwrap_or_default();
            let pwd = query_value(url, "pwd")
                .map(|p| format!("?pwd={p}"))
                .unwrap_or_default();
            format!("https://{host}/j/{confno}{pwd}")
        }
        _ => {
            let rest = url
                .as_str()
                .split_once(':')
                .map_or("", |(_, rest)| rest)
                .trim_start_matches('/');
            format!("https://teams.microsoft.com/{rest}")
        }
    };
    Url::parse(&rewritten).map_err(|e| UrlError::Unparsable(e.to_string()))
}

/// The first value of a query parameter, percent-decoded.
pub fn query_value(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Removes one layer of link wrapping, returning the wrapper's name and the wrapped URL.
pub fn unwrap_once(url: &Url) -> Option<(&'static str, Url)> {
    let host = url.host_str()?;
    let (name, param) = if host.ends_with(".safelinks.protection.outlook.com") {
        ("safelinks", "url")
    } else if matches!(host, "www.google.com" | "google.com") && url.path() == "/url" {
        (
            "google-redirect",
            if query_value(url, "q").is_some() {
                "q"
            } else {
                "url"
            },
        )
    } else if matches!(
        host,
        "l.facebook.com" | "lm.facebook.com" | "l.messenger.com"
    ) && url.path() == "/l.php"
    {
        ("facebook-redirect", "u")
    } else if host == "urldefense.com" && url.path().starts_with("/v3/__") {
        let inner = url.as_str().split_once("/v3/__")?.1.split_once("__;")?.0;
        return Some(("proofpoint", Url::parse(inner).ok()?));
    } else if host == "urldefense.proofpoint.com" && url.path() == "/v2/url" {
        // Proofpoint v2 encodes `%` as `-` and `/` as `_`.
        let encoded = query_value(url, "u")?.replace('_', "/").replace('-', "%");
        let decoded = percent_decode(&encoded);
        return Some(("proofpoint", Url::parse(&decoded).ok()?));
    } else {
        return None;
    };
    let inner = query_value(url, param)?;
    let inner = parse_web_url(&inner).ok()?;
    Some((name, inner))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
