//! The URL anchors joinguard is measured against, shared by the native report (`benches/report.rs`) and its
//! wasm twin (`examples/wasm_urls.rs`): a MeetingBar-style `RegexSet`, a bare host slice with hash probes (the
//! floor of any host-based design) and, natively, Brave's `adblock` engine with `||domain^` rules.

use std::collections::HashSet;

use joinguard::Database;
use regex::RegexSet;

/// MeetingBar's style (described in shared/research/peers.md): one unanchored regex per service, an optional
/// host prefix without a dot boundary, then the service's domain and path. Hand-written for the services
/// MeetingBar shapes by path; the other vendors get their official domains with any path, as MeetingBar does
/// for most services.
pub fn meetingbar_style_set(db: &Database) -> RegexSet {
    let mut patterns = vec![
        r"https://([a-zA-Z0-9.-]+)?zoom(-x)?\.(us|com|com\.cn|de)/(my|[a-z]{1,2}|webinar)/[-a-zA-Z0-9()@:%_\+.~#?&=/]*".to_string(),
        r"https?://([a-z0-9.]+)?zoomgov\.com/j/[a-zA-Z0-9?&=]+".to_string(),
        r"https?://meet\.google\.com/(_meet/)?[a-z-]+".to_string(),
        r"https?://(gov\.)?teams\.microsoft\.(com|us)/l/meetup-join/[a-zA-Z0-9_%\/=\-\+\.?]+".to_string(),
        r"https?://(?:[A-Za-z0-9-]+\.)?webex\.com(?:(?:/[-A-Za-z0-9]+/j\.php\?MTID=[A-Za-z0-9]+(?:&\S*)?)|(?:/(?:meet|join)/[A-Za-z0-9\-._@]+(?:\?\S*)?))".to_string(),
        r"https?://meet\.jit\.si/[^\s]*".to_string(),
        r"https?://([a-z0-9.]+)?chime\.aws/[0-9]*".to_string(),
        r"https?://([a-z0-9.]+)?ringcentral\.com/[^\s]*".to_string(),
        r"https?://([a-z0-9.]+)?gotomeeting\.com/[^\s]*".to_string(),
        r"https?://([a-z0-9.]+)?bluejeans\.com/[^\s]*".to_string(),
        r"https?://8x8\.vc/[^\s]*".to_string(),
        r"https?://whereby\.com/[^\s]*".to_string(),
        r"https?://join\.skype\.com/[^\s]*".to_string(),
        r"https?://facetime\.apple\.com/join[^\s]*".to_string(),
    ];
    let mut domains: Vec<&str> = db.official_domains().map(|(d, _)| d).collect();
    domains.sort_unstable();
    for domain in domains {
        patterns.push(format!(
            r"https?://([a-z0-9.]+)?{}/[^\s]*",
            regex::escape(domain)
        ));
    }
    RegexSet::new(&patterns).expect("the reference regexes compile")
}

/// The host slice of an http(s) URL, without parsing: what a hash probe needs.
pub fn host_slice(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The official domains, for `host_probe`.
pub fn domain_set(db: &Database) -> HashSet<&str> {
    db.official_domains().map(|(d, _)| d).collect()
}

/// Whether the host or one of its parent domains is an official domain: a slice and a few hash probes.
pub fn host_probe(domains: &HashSet<&str>, url: &str) -> bool {
    let Some(host) = host_slice(url) else {
        return false;
    };
    let mut suffix = host;
    loop {
        if domains.contains(suffix) {
            return true;
        }
        match suffix.split_once('.') {
            Some((_, rest)) if rest.contains('.') => suffix = rest,
            _ => return false,
        }
    }
}

/// Brave's engine with one `||domain^` rule per official domain: the usual way to flag a list of hosts.
// examples/wasm_urls.rs includes this file too (natively an unused library): it has no use for adblock.
#[allow(dead_code)]
#[cfg(not(target_arch = "wasm32"))]
pub fn adblock_engine(db: &Database) -> adblock::Engine {
    use adblock::lists::{FilterSet, ParseOptions};
    let rules: Vec<String> = db
        .official_domains()
        .map(|(domain, _)| format!("||{domain}^"))
        .collect();
    let mut set = FilterSet::new(false);
    set.add_filter_list(rules.join("\n"), ParseOptions::default());
    adblock::Engine::new_with_filter_set(set)
}

/// One URL through adblock as a browser would ask: build the request, then check it.
#[allow(dead_code)]
#[cfg(not(target_arch = "wasm32"))]
pub fn adblock_matches(engine: &adblock::Engine, url: &str) -> bool {
    adblock::request::Request::new(url, "https://mail.example.com/", "document", "GET")
        .is_ok_and(|request| engine.check_network_request(&request).filter.is_some())
}
