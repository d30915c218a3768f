//! A rules file's URL shape parsed into its patterns and held to the rules' requirements beyond their syntax: the
//! one parse `CompiledShape::compile_as` (src/db.rs) and build.rs share. build.rs includes this file through
//! `#[path]` (it uses only `super::model` and `super::shape`, as build.rs names them too) and checks every bundled
//! shape with the messages, so a rules file the checks refuse fails the build; the engine then compiles the
//! bundled shapes without the checks (`Unexplained`; docs/size.md, session 42). The same for the vendors together:
//! an id or an official domain two of them claim (`claimed_twice`), which build.rs refuses and the bundled
//! database then compiles without asking again (docs/size.md, session 43).

use std::collections::HashMap;

use super::model::{PageKind, PageShape, Vendor};
use super::shape::{FragmentKey, HostPattern, IdFormat, PathPattern, Refusal};

/// How many fixed path segments a shape on any host must start with (`/bigbluebutton/api/join` has three): one
/// or two (`/b/{id}`, `/rooms/{id}`) are ordinary paths of countless sites.
pub const ANY_HOST_PREFIX_SEGMENTS: usize = 3;

/// The same for a shape on any host that names its hosts' label (`host_labels`): the label already keeps it off
/// ordinary sites, so one fixed segment (`/b/{id}`) is enough for the screen to find it by prefix.
pub const LABELLED_HOST_PREFIX_SEGMENTS: usize = 1;

/// How many fixed segments the paths of a shape on any host start with, at least, with or without `host_labels`.
pub fn prefix_segments(labelled: bool) -> usize {
    if labelled {
        LABELLED_HOST_PREFIX_SEGMENTS
    } else {
        ANY_HOST_PREFIX_SEGMENTS
    }
}

/// A `PageShape`'s patterns, parsed.
pub struct ParsedShape {
    /// `hosts = ["*"]`, which is a flag of the shape, not one of `hosts`.
    pub any_host: bool,
    pub hosts: Vec<HostPattern>,
    pub exclude_hosts: Vec<HostPattern>,
    pub paths: Vec<PathPattern>,
    pub fragments: Vec<PathPattern>,
    pub id_format: Option<IdFormat>,
    pub secret_format: Option<IdFormat>,
}

impl ParsedShape {
    /// Parses a shape's patterns, refusing with `E` (`Refusal`); the error names the offending field. With
    /// `E::CHECKS` (`String`) it also holds the shape to the rules' requirements beyond the patterns' syntax (one
    /// `{id}`, hosts and paths present, `host_labels`, vendor-site and any-host paths).
    ///
    /// Inlined into `CompiledShape::compile_as`, which takes the parsed fields apart at once: called, it returned
    /// the struct through memory, 338 B raw and 97 B gzipped more in the wasm package (session 42).
    #[inline(always)]
    pub fn parse_as<E: Refusal>(shape: &PageShape) -> Result<ParsedShape, (String, E)> {
        let any_host = shape.hosts.iter().any(|h| h == "*");
        let hosts = parse_each("hosts", &shape.hosts, true, HostPattern::parse_as)?;
        let exclude_hosts = parse_each(
            "exclude_hosts",
            &shape.exclude_hosts,
            false,
            HostPattern::parse_as,
        )?;
        let paths = parse_each("paths", &shape.paths, false, PathPattern::parse_as)?;
        let fragments = parse_each("fragments", &shape.fragments, false, PathPattern::parse_as)?;
        if E::CHECKS
            && paths.iter().any(PathPattern::has_id)
            && fragments.iter().any(PathPattern::has_id)
        {
            return Err((
                "fragments".into(),
                E::because(|| {
                    "`{id}` is in both `paths` and `fragments`; a URL has one meeting id: keep it in one place".into()
                }),
            ));
        }
        let id_format = shape
            .id_format
            .as_deref()
            .map(IdFormat::parse_as)
            .transpose()
            .map_err(|e| ("id_format".to_string(), e))?;
        let secret_format = shape
            .secret_format
            .as_deref()
            .map(IdFormat::parse_as)
            .transpose()
            .map_err(|e| ("secret_format".to_string(), e))?;
        if E::CHECKS {
            check_shape(shape, any_host, &hosts, &paths)
                .map_err(|(field, problem)| (field, E::because(|| problem)))?;
        }
        Ok(ParsedShape {
            any_host,
            hosts,
            exclude_hosts,
            paths,
            fragments,
            id_format,
            secret_format,
        })
    }
}

/// The rules' requirements on a shape beyond its patterns' syntax that `ParsedShape::parse_as` checks after
/// parsing them (the `{id}` in one place is checked before the id formats are parsed, as it always was).
fn check_shape(
    shape: &PageShape,
    any_host: bool,
    hosts: &[HostPattern],
    paths: &[PathPattern],
) -> Result<(), (String, String)> {
    // Checked here only: the lookalike index parses it where it needs it (`FragmentKey`), and the bundled
    // database's shapes were checked by build.rs.
    if let Some(key) = shape.fragment_key.as_deref() {
        if FragmentKey::parse(key).is_none() {
            return Err((
                "fragment_key".into(),
                format!("`{key}`: write the fragment's item as `NAME=groups:ALPHABET:COUNTxLEN` (NAME 1 to 16 bytes without `&`; ALPHABET printable ASCII but `-`, `&`, `=`, `#`; COUNT 1 to 255 groups of LEN 2 to 255 characters), e.g. `key=groups:bcdfghkmnpqrstxz:8x4`"),
            ));
        }
        if !shape.secret_in_fragment || shape.kind != PageKind::Join {
            return Err((
                "fragment_key".into(),
                "`fragment_key` names a join link's key in the fragment: a `join` shape with `secret_in_fragment = true`".into(),
            ));
        }
    }
    if (hosts.is_empty() && !any_host) || paths.is_empty() {
        return Err((
            "hosts".into(),
            "a shape needs at least one host and one path".into(),
        ));
    }
    if !shape.host_labels.is_empty() && !any_host {
        return Err((
            "host_labels".into(),
            "`host_labels` narrows a shape on any host; add `hosts = [\"*\"]` or drop it".into(),
        ));
    }
    if let Some(label) = shape.host_labels.iter().find(|l| {
        l.is_empty()
            || !l
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }) {
        return Err((
            "host_labels".into(),
            format!("`{label}` is not one lower-case host label; write e.g. `bbb`"),
        ));
    }
    // A product's pages on its maker's shared host (`www.microsoft.com`, `aws.amazon.com`): named hosts, and
    // paths that name the product, so that the host's other pages stay no vendor's.
    if shape.kind == PageKind::VendorSite {
        if let Some(host) = shape.hosts.iter().find(|h| h.contains('*')) {
            return Err((
                "hosts".into(),
                format!("`{host}`: a vendor-site shape names its shared hosts one by one (`www.microsoft.com`)"),
            ));
        }
        if let Some((_, path)) = paths
            .iter()
            .zip(&shape.paths)
            .find(|(p, _)| !p.has_literal() || p.has_id())
        {
            return Err((
                "paths".into(),
                format!("`{path}`: a vendor-site shape's paths name the product in a fixed segment (`/chime/**`) and carry no `{{id}}`"),
            ));
        }
    }
    if any_host {
        let segments = prefix_segments(!shape.host_labels.is_empty());
        if let Some(path) = paths
            .iter()
            .zip(&shape.paths)
            .find(|(p, _)| p.literal_prefix(segments).is_none())
            .map(|(_, text)| text)
        {
            return Err((
                "paths".into(),
                format!(
                    "`{path}`: a shape on any host (`*`) must start with {ANY_HOST_PREFIX_SEGMENTS} fixed segments (`/bigbluebutton/api/join`), or {LABELLED_HOST_PREFIX_SEGMENTS} with `host_labels`, or it would match ordinary pages of other sites"
                ),
            ));
        }
    }
    Ok(())
}

/// Parses each pattern of a shape's field (`ParsedShape::parse_as`); the error names the field. `skip_any`: the
/// hosts' `*` (any host) is a flag of the shape, not a pattern. A loop, where four `collect`s into a `Result`
/// were each a set of generic instances in the wasm package (`GenericShunt`, `try_process`; docs/size.md,
/// session 42).
fn parse_each<T, E>(
    field: &str,
    texts: &[String],
    skip_any: bool,
    parse: fn(&str) -> Result<T, E>,
) -> Result<Vec<T>, (String, E)> {
    let mut parsed = Vec::with_capacity(texts.len());
    for text in texts {
        if skip_any && text == "*" {
            continue;
        }
        match parse(text) {
            Ok(pattern) => parsed.push(pattern),
            Err(problem) => return Err((field.to_string(), problem)),
        }
    }
    Ok(parsed)
}

/// An id or an official domain that a vendor claims after another (`claimed_twice`).
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimedTwice<'a> {
    /// The vendor that claims it again and the last one before it that claimed it, as positions in the list.
    pub again: usize,
    pub earlier: usize,
    /// The rules files' field: `id` or `domains.official`.
    pub field: &'static str,
    /// The id or the domain.
    pub text: &'a str,
}

/// Every id and official domain claimed again, in the vendors' order (a vendor's id before its domains): each
/// vendor has one file, and a domain one vendor (the database's domain index would give it silently to the later
/// one). The one check build.rs (the bundled rules), `rules check` and `Database::from_vendors` make.
pub fn claimed_twice<'a>(vendors: impl IntoIterator<Item = &'a Vendor>) -> Vec<ClaimedTwice<'a>> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut domains: HashMap<&str, usize> = HashMap::new();
    let mut found = Vec::new();
    for (again, vendor) in vendors.into_iter().enumerate() {
        if let Some(earlier) = ids.insert(&vendor.id, again) {
            found.push(ClaimedTwice {
                again,
                earlier,
                field: "id",
                text: &vendor.id,
            });
        }
        for domain in &vendor.domains.official {
            if let Some(earlier) = domains.insert(domain, again) {
                found.push(ClaimedTwice {
                    again,
                    earlier,
                    field: "domains.official",
                    text: domain,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs refuses what this finds (a build of the bundled rules with a file's copy fails, naming both
    /// files): the bundled vendors claim nothing twice, a second vendor with a taken id or domain does.
    #[test]
    fn an_id_or_domain_claimed_twice_is_found_with_both_vendors() {
        let db = crate::Database::bundled();
        let mut vendors: Vec<Vendor> = db.entries.iter().map(|e| e.vendor.clone()).collect();
        assert_eq!(claimed_twice(&vendors), []);
        let (zoom, teams) = (db.get("zoom").unwrap(), db.get("teams").unwrap());
        let mut copy = vendors[zoom].clone();
        copy.domains.official = vec!["example.org".into()];
        vendors.push(copy);
        let mut domain = vendors[teams].clone();
        domain.id = "another".into();
        domain.domains.official = vec!["example.net".into(), "zoom.us".into()];
        vendors.push(domain);
        let (copy, domain) = (vendors.len() - 2, vendors.len() - 1);
        assert_eq!(
            claimed_twice(&vendors),
            [
                ClaimedTwice {
                    again: copy,
                    earlier: zoom,
                    field: "id",
                    text: "zoom",
                },
                ClaimedTwice {
                    again: domain,
                    earlier: zoom,
                    field: "domains.official",
                    text: "zoom.us",
                },
            ]
        );
    }
}
