//! URL classification throughput on a realistic corpus (benches/support/corpus.rs: 10,000 links, about 2%
//! meeting links), in one run with its references: Brave's `adblock` engine with `||domain^` rules for the
//! vendors' domains, a MeetingBar-style `RegexSet` of per-service regexes, `url::Url::parse` alone, and a bare
//! host slice with hash probes (the floor of any host-based design).
//!
//! Run: `cargo bench --bench urls` (criterion prints `thrpt` in elements, i.e. URLs, per second).

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::HashSet;
use std::hint::black_box;

use adblock::lists::{FilterSet, ParseOptions};
use adblock::request::Request;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use joinguard::{Database, Engine, Policy};
use regex::RegexSet;

const CORPUS_SIZE: usize = 10_000;

/// MeetingBar's style (described in shared/research/peers.md): one unanchored regex per service, an optional
/// host prefix without a dot boundary, then the service's domain and path. Hand-written for the services
/// MeetingBar shapes by path; the other vendors get their official domains with any path, as MeetingBar does
/// for most services.
fn meetingbar_style_set(db: &Database) -> RegexSet {
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

/// Brave's engine with one `||domain^` rule per official domain: the usual way to flag a list of hosts.
fn adblock_engine(db: &Database) -> adblock::Engine {
    let rules: Vec<String> = db
        .official_domains()
        .map(|(domain, _)| format!("||{domain}^"))
        .collect();
    let mut set = FilterSet::new(false);
    set.add_filter_list(rules.join("\n"), ParseOptions::default());
    adblock::Engine::new_with_filter_set(set)
}

/// The host slice of an http(s) URL, without parsing: what a hash probe needs.
fn host_slice(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

fn urls(c: &mut Criterion) {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let corpus = corpus::corpus(CORPUS_SIZE);
    let regexes = meetingbar_style_set(&db);
    let adblock = adblock_engine(&db);
    let domains: HashSet<&str> = db.official_domains().map(|(d, _)| d).collect();

    // Not timed: what each classifier finds on the corpus, so the figures can be read with their accuracy.
    let ours = corpus
        .iter()
        .filter(|u| {
            engine.classifier.screen(u)
                && engine
                    .classifier
                    .classify(u)
                    .is_ok_and(|c| c.vendor.is_some() || c.lookalike_of.is_some())
        })
        .count();
    let regex_hits = corpus.iter().filter(|u| regexes.is_match(u)).count();
    let adblock_hits = corpus
        .iter()
        .filter(|u| {
            Request::new(u, "https://mail.example.com/", "document", "GET")
                .is_ok_and(|r| adblock.check_network_request(&r).filter.is_some())
        })
        .count();
    let screened = corpus
        .iter()
        .filter(|u| engine.classifier.screen(u))
        .count();
    eprintln!(
        "corpus: {} URLs; screen passes {screened} to the full path; vendor or lookalike found: joinguard {ours}, \
         regex set {regex_hits} (it cannot tell lookalikes), adblock {adblock_hits} (hosts only)",
        corpus.len()
    );

    let mut group = c.benchmark_group("urls");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("joinguard screen + classify", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for url in &corpus {
                if engine.classifier.screen(url) {
                    if let Ok(class) = engine.classifier.classify(url) {
                        found +=
                            usize::from(class.vendor.is_some() || class.lookalike_of.is_some());
                    }
                }
            }
            black_box(found)
        })
    });
    group.bench_function("joinguard classify without screen", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for url in &corpus {
                if let Ok(class) = engine.classifier.classify(url) {
                    found += usize::from(class.vendor.is_some() || class.lookalike_of.is_some());
                }
            }
            black_box(found)
        })
    });
    group.bench_function("adblock ||domain^ rules", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for url in &corpus {
                if let Ok(request) =
                    Request::new(url, "https://mail.example.com/", "document", "GET")
                {
                    found += usize::from(adblock.check_network_request(&request).filter.is_some());
                }
            }
            black_box(found)
        })
    });
    group.bench_function("MeetingBar-style RegexSet", |b| {
        b.iter(|| {
            let found = corpus.iter().filter(|u| regexes.is_match(u)).count();
            black_box(found)
        })
    });
    group.bench_function("url::Url::parse alone", |b| {
        b.iter(|| {
            let parsed = corpus.iter().filter(|u| url::Url::parse(u).is_ok()).count();
            black_box(parsed)
        })
    });
    group.bench_function("host slice + hash probes", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for url in &corpus {
                if let Some(host) = host_slice(url) {
                    let mut suffix = host;
                    loop {
                        if domains.contains(suffix) {
                            found += 1;
                            break;
                        }
                        match suffix.split_once('.') {
                            Some((_, rest)) if rest.contains('.') => suffix = rest,
                            _ => break,
                        }
                    }
                }
            }
            black_box(found)
        })
    });
    group.finish();
}

criterion_group!(benches, urls);
criterion_main!(benches);
