//! The URL-shape language of the rules files, compiled: host patterns, path patterns and meeting-id formats.

use std::fmt;

/// What a parser's refusal carries (`IdFormat::parse_as`, `HostPattern::parse_as`, `PathPattern::parse_as`,
/// `CompiledShape::compile_as`): its message (`String`: `rules check` and rules read from files), or nothing
/// (`Unexplained`: the bundled database, whose shapes build.rs held to the rules' requirements). One parser
/// either way; with `Unexplained` the messages' formatting is never called and stays out of the wasm package
/// (docs/size.md, session 42).
pub trait Refusal: Sized {
    /// Whether a shape is also checked against the rules' requirements beyond its patterns' syntax
    /// (`rules::requirements`). Tied to the messages on purpose: a refusal without a message is only for shapes
    /// already checked at build time, where the checks would only repeat build.rs's.
    const CHECKS: bool;
    /// A refusal; `message` is called only by a refusal that keeps it.
    fn because(message: impl FnOnce() -> String) -> Self;
}

impl Refusal for String {
    const CHECKS: bool = true;
    fn because(message: impl FnOnce() -> String) -> String {
        message()
    }
}

/// A refusal without its message (`Refusal`), which also skips the rules' requirements beyond the patterns'
/// syntax (`Refusal::CHECKS`): only for shapes build.rs already held to them (`Database::bundled`), never for
/// input read at run time, which a skipped check would let through (an any-host `/b/{id}` matching every site).
/// A pattern alone (`HostPattern::parse_as`) has no such checks: there it only drops the message, for a caller
/// that writes its own (`policy::one_host`, so that the wasm holds one instance of the parser; session 43).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unexplained;

impl Refusal for Unexplained {
    const CHECKS: bool = false;
    fn because(_: impl FnOnce() -> String) -> Unexplained {
        Unexplained
    }
}

/// A meeting-id format (`digits:9-11`, `shape:aaa-aaaa-aaa`, `token:4-64`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdFormat {
    Digits { min: usize, max: usize },
    Shape(String),
    Token { min: usize, max: usize },
}

impl IdFormat {
    pub fn parse(text: &str) -> Result<IdFormat, String> {
        IdFormat::parse_as(text)
    }

    /// `parse`, refusing with `E` (`Refusal`).
    pub fn parse_as<E: Refusal>(text: &str) -> Result<IdFormat, E> {
        let (kind, rest) = text.split_once(':').ok_or_else(|| {
            E::because(|| format!("`{text}` is not an id format; write `digits:MIN-MAX`, `shape:PATTERN` or `token:MIN-MAX`"))
        })?;
        let range = || -> Result<(usize, usize), E> {
            let (min, max) = rest.split_once('-').ok_or_else(|| {
                E::because(|| format!("`{text}`: the range must be MIN-MAX, e.g. `{kind}:9-11`"))
            })?;
            let min: usize = min
                .parse()
                .map_err(|_| E::because(|| format!("`{text}`: `{min}` is not a number")))?;
            let max: usize = max
                .parse()
                .map_err(|_| E::because(|| format!("`{text}`: `{max}` is not a number")))?;
            if min == 0 || min > max {
                return Err(E::because(|| {
                    format!("`{text}`: the range must satisfy 1 <= MIN <= MAX")
                }));
            }
            Ok((min, max))
        };
        match kind {
            "digits" => range().map(|(min, max)| IdFormat::Digits { min, max }),
            "token" => range().map(|(min, max)| IdFormat::Token { min, max }),
            "shape" if !rest.is_empty() => Ok(IdFormat::Shape(rest.to_string())),
            "shape" => Err(E::because(|| {
                format!("`{text}`: the shape is empty; e.g. `shape:aaa-aaaa-aaa`")
            })),
            _ => Err(E::because(|| {
                format!("`{text}`: unknown id format `{kind}`; use `digits`, `shape` or `token`")
            })),
        }
    }

    /// Whether a URL segment (already percent-decoded where that matters) is an id of this format.
    pub fn accepts(&self, id: &str) -> bool {
        match self {
            IdFormat::Digits { min, max } => {
                (*min..=*max).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
            }
            IdFormat::Token { min, max } => {
                (*min..=*max).contains(&id.len())
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.%@:".contains(&b))
            }
            IdFormat::Shape(shape) => {
                id.len() == shape.len()
                    && shape.bytes().zip(id.bytes()).all(|(s, c)| match s {
                        b'a' => c.is_ascii_lowercase(),
                        b'A' => c.is_ascii_alphabetic(),
                        b'9' => c.is_ascii_digit(),
                        b'x' => c.is_ascii_alphanumeric(),
                        literal => literal == c,
                    })
            }
        }
    }

    /// The id with the grouping separators of invitations removed ("851 2345 6789" → "85123456789"),
    /// if it is then valid. Only digit ids are written in groups.
    pub fn normalise_grouped(&self, text: &str) -> Option<String> {
        let id = match self {
            IdFormat::Digits { .. } => text
                .chars()
                .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
                .collect(),
            _ => text.to_string(),
        };
        self.accepts(&id).then_some(id)
    }
}

impl fmt::Display for IdFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdFormat::Digits { min, max } => write!(f, "digits:{min}-{max}"),
            IdFormat::Token { min, max } => write!(f, "token:{min}-{max}"),
            IdFormat::Shape(shape) => write!(f, "shape:{shape}"),
        }
    }
}

/// A shape's `fragment_key`: the one item of a join link's fragment, read as a query, that names the meeting,
/// `NAME=groups:ALPHABET:COUNTxLEN` (Signal's `key=groups:bcdfghkmnpqrstxz:8x4` for `/call/#key=<key>`): a random
/// key of COUNT groups of LEN characters of ALPHABET joined by `-`, no group one character repeated (ringrtc
/// `CallLinkRootKey::has_repeated_chunk` refuses such a group as not random-looking, so a text with one is no key).
/// Its own type, not an `IdFormat` variant, and held by the lookalike index only, the one reader. No heap: parsed
/// into the index at start, two `String`s a key moved the wasm allocator's state that the hot path meets, +13
/// instructions a URL on screen + classify, +14 on classify, +1 on screen alone, though no URL there reaches a key
/// (`make bench-wasm-instructions`, session 43: 948 / 1,747 / 493 with `String`s, 935 / 1,733 / 492 without, as
/// on main; a `Groups` variant of `IdFormat` in `CompiledShape` and the keys as an index into a side table
/// measured the same as `String`s in `VendorPath`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentKey {
    /// The item's name, `name_len` bytes.
    name: [u8; FragmentKey::NAME_MAX],
    name_len: u8,
    /// The alphabet as a set of ASCII bytes, bit `b` for byte `b`.
    alphabet: u128,
    count: u8,
    len: u8,
}

impl FragmentKey {
    /// The longest item name (Signal's is `key`).
    const NAME_MAX: usize = 16;

    /// `None` when `text` is not `NAME=groups:ALPHABET:COUNTxLEN` with a name of 1 to 16 bytes without `&`, an
    /// alphabet of printable ASCII but `-`, `&`, `=`, `#`, 1 to 255 groups of 2 to 255 characters. No message: `rules check`
    /// gives one (`rules::requirements`), and the wasm package carries none (docs/size.md, session 43).
    pub fn parse(text: &str) -> Option<FragmentKey> {
        let (name, format) = text.split_once('=')?;
        let (alphabet, size) = format.strip_prefix("groups:")?.split_once(':')?;
        let (count, len) = size.split_once('x')?;
        // `usize`'s parser, which the id formats' already bring, not a second one for `u8`.
        let number = |text: &str| u8::try_from(text.parse::<usize>().ok()?).ok();
        let (count, len) = (number(count)?, number(len)?);
        // Not the separators of a key (`-`) or of a fragment read as a query (`&`, `=`, `#`): a letter there could
        // never be matched, and the rule would go quietly dead.
        let letter = |b: u8| b.is_ascii_graphic() && !matches!(b, b'-' | b'&' | b'=' | b'#');
        let fits = (1..=Self::NAME_MAX).contains(&name.len())
            && !name.bytes().any(|b| b == b'&')
            && !alphabet.is_empty()
            && alphabet.bytes().all(letter)
            && count > 0
            && len > 1;
        fits.then(|| {
            let mut key = FragmentKey {
                name: [0; Self::NAME_MAX],
                name_len: name.len() as u8,
                alphabet: alphabet.bytes().fold(0, |set, b| set | 1 << b),
                count,
                len,
            };
            key.name[..name.len()].copy_from_slice(name.as_bytes());
            key
        })
    }

    /// Whether `fragment`, read as a query, has exactly one item of this name and its value is such a key. Read
    /// as written, not percent-decoded as Signal's apps do: a fake page has no need of a valid, let alone an
    /// encoded, key, so `#%6Bey=…` staying quiet costs nothing real.
    pub fn in_fragment(&self, fragment: &str) -> bool {
        let name = &self.name[..usize::from(self.name_len)];
        let mut values = fragment.split('&').filter_map(|item| {
            item.as_bytes()
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(b"="))
        });
        values.next().is_some_and(|value| self.accepts(value)) && values.next().is_none()
    }

    /// Whether `value` is COUNT groups of LEN characters of the alphabet joined by `-`, none one character repeated.
    fn accepts(&self, value: &[u8]) -> bool {
        let len = usize::from(self.len);
        let in_alphabet = |b: u8| b < 128 && self.alphabet & 1 << b != 0;
        value.len() == usize::from(self.count) * (len + 1) - 1
            && value.chunks(len + 1).all(|group| {
                let (letters, dash) = group.split_at(len);
                letters.iter().all(|&b| in_alphabet(b))
                    && letters.iter().any(|&b| b != letters[0])
                    && (dash.is_empty() || dash == b"-")
            })
    }
}

/// A host pattern: an exact host or any subdomain of a suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    Exact(String),
    AnySubdomainOf(String),
}

impl HostPattern {
    pub fn parse(text: &str) -> Result<HostPattern, String> {
        HostPattern::parse_as(text)
    }

    /// `parse`, refusing with `E` (`Refusal`).
    pub fn parse_as<E: Refusal>(text: &str) -> Result<HostPattern, E> {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(E::because(|| format!("host `{text}` must be lower-case")));
        }
        let (pattern, name) = match text.strip_prefix("*.") {
            Some(rest) => (HostPattern::AnySubdomainOf(rest.to_string()), rest),
            None => (HostPattern::Exact(text.to_string()), text),
        };
        let valid_label = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !name.contains('.') || !name.split('.').all(valid_label) {
            return Err(E::because(|| {
                format!(
                    "host `{text}` is not a domain name; write `example.com` or `*.example.com`"
                )
            }));
        }
        Ok(pattern)
    }

    pub fn matches(&self, host: &str) -> bool {
        match self {
            HostPattern::Exact(h) => host == h,
            HostPattern::AnySubdomainOf(suffix) => is_strict_subdomain(host, suffix),
        }
    }

    /// The domain the pattern is anchored to.
    pub fn domain(&self) -> &str {
        match self {
            HostPattern::Exact(h) | HostPattern::AnySubdomainOf(h) => h,
        }
    }
}

/// `a.b.zoom.us` is a strict subdomain of `zoom.us`; `evilzoom.us` and `zoom.us` are not.
pub fn is_strict_subdomain(host: &str, domain: &str) -> bool {
    host.len() > domain.len() + 1
        && host.ends_with(domain)
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
}

/// `host` is `domain` or one of its subdomains.
pub fn is_within(host: &str, domain: &str) -> bool {
    host == domain || is_strict_subdomain(host, domain)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Prefix(String),
    Id,
    /// `{secret}`: a passcode carried in the path (BlueJeans `/<id>/<passcode>`).
    Secret,
    Any,
    Rest,
}

/// A path pattern (`/j/{id}`, `/l/meetup-join/{id}/**`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern {
    segments: Vec<Segment>,
}

impl PathPattern {
    pub fn parse(text: &str) -> Result<PathPattern, String> {
        PathPattern::parse_as(text)
    }

    /// `parse`, refusing with `E` (`Refusal`).
    pub fn parse_as<E: Refusal>(text: &str) -> Result<PathPattern, E> {
        let body = text
            .strip_prefix('/')
            .ok_or_else(|| E::because(|| format!("path `{text}` must start with `/`")))?;
        let body = body.strip_suffix('/').unwrap_or(body);
        let mut segments = Vec::new();
        // Read as split, not collected first (a `Vec<&str>` of its own in the wasm; session 43).
        let mut parts = body.split('/').filter(|_| !body.is_empty()).peekable();
        while let Some(part) = parts.next() {
            let segment = match part {
                "{id}" => Segment::Id,
                "{secret}" => Segment::Secret,
                "*" => Segment::Any,
                "**" if parts.peek().is_none() => Segment::Rest,
                "**" => {
                    return Err(E::because(|| {
                        format!("path `{text}`: `**` may only be the last segment")
                    }))
                }
                "" => {
                    return Err(E::because(|| {
                        format!("path `{text}` has an empty segment (`//`)")
                    }))
                }
                p if p.contains('{') || p.contains('}') => {
                    return Err(E::because(|| {
                        format!(
                        "path `{text}`: `{p}` — the only placeholders are whole `{{id}}` and `{{secret}}` segments"
                    )
                    }))
                }
                p if p.ends_with('*') => Segment::Prefix(p.trim_end_matches('*').to_string()),
                p if p.contains('*') => {
                    return Err(E::because(|| {
                        format!("path `{text}`: `*` may only end a segment")
                    }))
                }
                p => Segment::Literal(p.to_string()),
            };
            segments.push(segment);
        }
        if segments.iter().filter(|s| **s == Segment::Id).count() > 1 {
            return Err(E::because(|| {
                format!("path `{text}` has more than one `{{id}}`")
            }));
        }
        if segments.iter().filter(|s| **s == Segment::Secret).count() > 1 {
            return Err(E::because(|| {
                format!("path `{text}` has more than one `{{secret}}`")
            }));
        }
        Ok(PathPattern { segments })
    }

    pub fn has_id(&self) -> bool {
        self.segments.contains(&Segment::Id)
    }

    /// Whether a segment is written out in full (`chime` of `/chime/**`): what names a product on its maker's
    /// shared host (`PageKind::VendorSite`).
    pub fn has_literal(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s, Segment::Literal(_)))
    }

    /// The fixed start of the path (`/bigbluebutton/api/join` of `/bigbluebutton/api/join/**`) when it is at
    /// least `min` literal segments long: what a shape on any host (`hosts = ["*"]`) must begin with, so that
    /// it cannot match the ordinary pages of other sites and a screen can find it by prefix.
    pub fn literal_prefix(&self, min: usize) -> Option<String> {
        // A loop into one string, where a `map_while` … `collect` and a `join` were instances of their own in
        // the wasm (docs/size.md, session 43).
        let mut prefix = String::new();
        let mut literals = 0;
        for segment in &self.segments {
            let Segment::Literal(literal) = segment else {
                break;
            };
            prefix.push('/');
            prefix.push_str(literal);
            literals += 1;
        }
        if literals == 0 {
            prefix.push('/');
        }
        (literals >= min).then_some(prefix)
    }

    /// Matches a path (no query, no fragment); returns `Some(id)` on a match (`Some(None)` without `{id}`).
    pub fn matches<'p>(
        &self,
        path: &'p str,
        id_format: Option<&IdFormat>,
        case_insensitive: bool,
    ) -> Option<Option<&'p str>> {
        self.matches_with_secret(path, id_format, None, case_insensitive)
            .map(|m| m.id)
    }

    /// Which segment of `path` (0 is the first after the leading `/`) a `{secret}` matched, when the path
    /// matches this pattern with one: the part to take out to share the link without its passcode.
    pub fn secret_segment(
        &self,
        path: &str,
        id_format: Option<&IdFormat>,
        secret_format: Option<&IdFormat>,
        case_insensitive: bool,
    ) -> Option<usize> {
        let found = self.matches_with_secret(path, id_format, secret_format, case_insensitive)?;
        // Every segment before `{secret}` takes exactly one path segment (`**` can only be last).
        found
            .secret
            .then(|| self.segments.iter().position(|s| *s == Segment::Secret))
            .flatten()
    }

    /// `matches`, also saying whether a `{secret}` segment was matched (checked against `secret_format`).
    pub fn matches_with_secret<'p>(
        &self,
        path: &'p str,
        id_format: Option<&IdFormat>,
        secret_format: Option<&IdFormat>,
        case_insensitive: bool,
    ) -> Option<PathMatch<'p>> {
        let body = path.strip_prefix('/').unwrap_or(path);
        let body = body.strip_suffix('/').unwrap_or(body);
        // `body.split('/')` (none for an empty body), by a byte loop: `split` sets up a `memchr` search for every
        // segment, which cost more than these short segments themselves (callgrind, `make bench-instructions`).
        let mut unread = (!body.is_empty()).then_some(body);
        let mut parts = std::iter::from_fn(|| {
            let text = unread?;
            // A `/` is ASCII, so both slices are on character boundaries.
            match text.bytes().position(|b| b == b'/') {
                Some(at) => {
                    unread = Some(&text[at + 1..]);
                    Some(&text[..at])
                }
                None => {
                    unread = None;
                    Some(text)
                }
            }
        });
        let eq = |a: &str, b: &str| {
            if case_insensitive {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        let mut found = PathMatch {
            id: None,
            secret: false,
        };
        for segment in &self.segments {
            if *segment == Segment::Rest {
                return Some(found);
            }
            let part = parts.next()?;
            match segment {
                Segment::Literal(lit) if eq(lit, part) => {}
                Segment::Prefix(prefix)
                    if part.len() > prefix.len()
                        && part
                            .get(..prefix.len())
                            .is_some_and(|head| eq(prefix, head)) => {}
                Segment::Any if !part.is_empty() => {}
                Segment::Id if !part.is_empty() && id_format.is_none_or(|f| f.accepts(part)) => {
                    found.id = Some(part)
                }
                Segment::Secret
                    if !part.is_empty() && secret_format.is_none_or(|f| f.accepts(part)) =>
                {
                    found.secret = true
                }
                _ => return None,
            }
        }
        parts.next().is_none().then_some(found)
    }
}

/// What a path match found: the meeting id, and whether a passcode segment was there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathMatch<'p> {
    pub id: Option<&'p str>,
    pub secret: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled database's parse (`Unexplained`) accepts and refuses what `rules check`'s (`String`) does,
    /// and gives the same patterns: one parser, only the messages left out.
    #[test]
    fn refusals_without_messages_refuse_the_same() {
        let ids = [
            "digits:9-11",
            "token:3-10",
            "shape:aaa-aaaa-aaa",
            "digits:11-9",
            "digits:0-3",
            "digits:x-3",
        ];
        let ids = ids
            .iter()
            .chain(&["digits:9", "shape:", "nine", "regex:.*"]);
        for text in ids {
            assert_eq!(
                IdFormat::parse(text).ok(),
                IdFormat::parse_as::<Unexplained>(text).ok(),
                "{text}"
            );
        }
        for text in [
            "zoom.us",
            "*.zoom.us",
            "Zoom.us",
            "zoom",
            "-zoom.us",
            "a..b",
            "*.us",
            "zoom.us-",
        ] {
            assert_eq!(
                HostPattern::parse(text).ok(),
                HostPattern::parse_as::<Unexplained>(text).ok(),
                "{text}"
            );
        }
        let paths = [
            "/",
            "/j/{id}",
            "/l/x/{id}/**",
            "/w/WN_*",
            "/{id}/{secret}",
            "/{id}/{id}",
            "/{secret}/{secret}",
        ];
        let paths = paths
            .iter()
            .chain(&["j/{id}", "/**/x", "/a{id}", "/a//b", "/a*b", "/SignIn"]);
        for text in paths {
            assert_eq!(
                PathPattern::parse(text).ok(),
                PathPattern::parse_as::<Unexplained>(text).ok(),
                "{text}"
            );
        }
        assert_eq!(
            PathPattern::parse_as::<Unexplained>("/a//b"),
            Err(Unexplained)
        );
    }

    #[test]
    fn id_formats_parse_and_accept() {
        let digits = IdFormat::parse("digits:9-11").unwrap();
        assert!(digits.accepts("851234567"));
        assert!(!digits.accepts("85123456"));
        assert!(!digits.accepts("8512345678a"));
        assert_eq!(
            digits.normalise_grouped("851 2345 6789").as_deref(),
            Some("85123456789")
        );
        let meet = IdFormat::parse("shape:aaa-aaaa-aaa").unwrap();
        assert!(meet.accepts("abc-defg-hij"));
        assert!(!meet.accepts("abc-defg-hi1"));
        let token = IdFormat::parse("token:3-10").unwrap();
        assert!(token.accepts("a_b-c.d"));
        assert!(!token.accepts("a b"));
        assert!(IdFormat::parse("digits:11-9")
            .unwrap_err()
            .contains("MIN <= MAX"));
        assert!(IdFormat::parse("regex:.*")
            .unwrap_err()
            .contains("unknown id format"));
        assert!(IdFormat::parse("nine")
            .unwrap_err()
            .contains("digits:MIN-MAX"));
    }

    #[test]
    fn hosts_match_on_label_boundaries() {
        let any = HostPattern::parse("*.zoom.us").unwrap();
        assert!(any.matches("us02web.zoom.us"));
        assert!(!any.matches("zoom.us"));
        assert!(!any.matches("evilzoom.us"));
        assert!(!any.matches("zoom.us.evil.example"));
        assert!(HostPattern::parse("Zoom.us").is_err());
        assert!(HostPattern::parse("zoom").is_err());
        assert!(HostPattern::parse("-zoom.us").is_err());
    }

    #[test]
    fn paths_match_segments() {
        let digits = IdFormat::parse("digits:9-11").unwrap();
        let join = PathPattern::parse("/j/{id}").unwrap();
        assert_eq!(
            join.matches("/j/85123456789", Some(&digits), false),
            Some(Some("85123456789"))
        );
        assert_eq!(
            join.matches("/j/85123456789/", Some(&digits), false),
            Some(Some("85123456789"))
        );
        assert_eq!(join.matches("/j/abc", Some(&digits), false), None);
        assert_eq!(join.matches("/j/85123456789/x", Some(&digits), false), None);
        let rest = PathPattern::parse("/l/meetup-join/{id}/**").unwrap();
        assert_eq!(
            rest.matches("/l/meetup-join/19%3ameeting/0", None, false),
            Some(Some("19%3ameeting"))
        );
        assert_eq!(
            rest.matches("/l/meetup-join/19%3ameeting", None, false),
            Some(Some("19%3ameeting"))
        );
        let prefix = PathPattern::parse("/webinar/register/WN_*").unwrap();
        assert!(prefix
            .matches("/webinar/register/WN_abc", None, false)
            .is_some());
        assert!(prefix
            .matches("/webinar/register/XY_abc", None, false)
            .is_none());
        let passcode = PathPattern::parse("/{id}/{secret}").unwrap();
        let four = IdFormat::parse("digits:1-8").unwrap();
        assert_eq!(
            passcode.matches_with_secret("/532302412/1234", Some(&digits), Some(&four), false),
            Some(PathMatch {
                id: Some("532302412"),
                secret: true
            })
        );
        assert_eq!(
            passcode.matches_with_secret("/532302412/browser", Some(&digits), Some(&four), false),
            None
        );
        assert_eq!(
            passcode.secret_segment("/532302412/1234", Some(&digits), Some(&four), false),
            Some(1)
        );
        assert_eq!(
            passcode.secret_segment("/532302412", Some(&digits), Some(&four), false),
            None
        );
        assert!(PathPattern::parse("/{secret}/{secret}").is_err());
        let root = PathPattern::parse("/").unwrap();
        assert!(root.matches("/", None, false).is_some());
        assert!(root.matches("/x", None, false).is_none());
        let ci = PathPattern::parse("/SignIn").unwrap();
        assert!(ci.matches("/signin", None, true).is_some());
        assert!(ci.matches("/signin", None, false).is_none());
        assert!(PathPattern::parse("j/{id}").is_err());
        assert!(PathPattern::parse("/**/x").is_err());
        assert!(PathPattern::parse("/a{id}").is_err());
    }

    #[test]
    fn literal_prefixes_need_enough_fixed_segments() {
        let api = PathPattern::parse("/bigbluebutton/api/join").unwrap();
        assert_eq!(
            api.literal_prefix(2).as_deref(),
            Some("/bigbluebutton/api/join")
        );
        let rooms = PathPattern::parse("/rooms/{id}/join").unwrap();
        assert_eq!(rooms.literal_prefix(2), None);
        assert_eq!(rooms.literal_prefix(1).as_deref(), Some("/rooms"));
        assert_eq!(PathPattern::parse("/{id}").unwrap().literal_prefix(1), None);
        assert_eq!(PathPattern::parse("/a/b*").unwrap().literal_prefix(2), None);
    }
}
