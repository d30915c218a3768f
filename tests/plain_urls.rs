//! `classify` reads a URL whose text the WHATWG parser would leave as it is (most meeting links) as slices of
//! the text instead of parsing it, and answers ordinary links without either. Both shortcuts against the parser
//! (`classify_parsed_with`) on real data: every URL of the real corpora (threat-report lookalike hosts, real
//! meeting links, benign near-misses, the Tranco top 10k), the golden tables and the benchmark corpus, as
//! written, with vendors' join paths and wrapped in SafeLinks and Google redirects, must classify exactly
//! alike. On the same URLs, a scan's or batch's memo of lookalike verdicts (`classify_memo`) must answer as a
//! fresh check does, in either order.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use joinguard::classify::LookalikeMemo;
use joinguard::{Database, Engine, Policy};

const GOLDEN: &str = include_str!("data/golden-urls.tsv");
const LOOKALIKES: &str = include_str!("data/real/lookalikes.tsv");
const MEETING_LINKS: &str = include_str!("data/real/meeting-links.tsv");
const BENIGN: &str = include_str!("data/real/benign-near-misses.txt");
const TRANCO_TOP10K: &str = include_str!("data/real/tranco-top10k.txt");
const POPULAR: &str = include_str!("data/popular-domains.txt");

/// The first column of each data line.
fn first_column(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split('\t').next())
        .map(str::trim)
}

/// Paths that vendors' meeting links use, and an ordinary one with a query and a fragment.
const PATHS: &[&str] = &[
    "/",
    "/j/85123456789?pwd=abc",
    "/l/meetup-join/19%3ameeting_ZmQ2NjEy%40thread.v2/0?context=%7b%7d",
    "/abc-defg-hij#x",
    "/a/b.html?c=d&e=f#g",
];

/// The URLs of the real corpora, the golden table and the bench corpus, as written and with each path of
/// `PATHS` (and people's spellings) on each host.
fn urls() -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    // URLs as written.
    urls.extend(first_column(GOLDEN).map(str::to_string));
    urls.extend(first_column(MEETING_LINKS).map(str::to_string));
    urls.extend(corpus::corpus(20_000));
    // Hosts, with each path and as written by people (upper case, a trailing dot, a port).
    let hosts: Vec<&str> = first_column(LOOKALIKES)
        .chain(first_column(BENIGN))
        .chain(first_column(POPULAR))
        .collect();
    for host in &hosts {
        for path in PATHS {
            urls.push(format!("https://{host}{path}"));
        }
        urls.push(format!("http://{host}./j/1"));
        urls.push(format!("https://{}:443/j/1", host.to_uppercase()));
        // Wrapped (the unwrapped link is read as slices of its decoded text when that is plain): encoded in
        // SafeLinks, as written in a Google redirect, and the one in the other.
        for inner in [
            format!("https://{host}/j/85123456789?pwd=abc"),
            format!("https://{host}/abc-defg-hij#x"),
            format!("https://{}:443/j/1", host.to_uppercase()),
            format!("http://{host}./l/meetup-join/19%3ameeting_ZmQ2NjEy%40thread.v2/0"),
        ] {
            let google = format!("https://www.google.com/url?q={inner}&sa=D");
            for wrapped in [&inner, &google] {
                let encoded: String =
                    url::form_urlencoded::byte_serialize(wrapped.as_bytes()).collect();
                urls.push(format!(
                    "https://nam12.safelinks.protection.outlook.com/?url={encoded}&data=x"
                ));
            }
            urls.push(google);
        }
    }
    for host in first_column(TRANCO_TOP10K) {
        urls.push(format!("https://{host}/"));
        urls.push(format!("https://www.{host}/j/85123456789?pwd=abc#success"));
    }
    urls
}

#[test]
fn plain_texts_classify_as_the_parser_does() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
    let urls = urls();
    let mut wrong = Vec::new();
    for url in &urls {
        let fast = classifier.classify(url);
        let full = classifier.classify_parsed_with(url, &|_| None);
        if fast != full {
            wrong.push(format!("{url}:\n  fast   {fast:?}\n  parser {full:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} URLs differ:\n{}",
        wrong.len(),
        urls.len(),
        wrong.join("\n")
    );
}

#[test]
fn memoised_lookalike_verdicts_are_fresh_ones() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
    let urls = urls();
    let fresh: Vec<_> = urls.iter().map(|url| classifier.classify(url)).collect();
    // Forwards and backwards: each host's verdict is first kept from another of its paths.
    for backwards in [false, true] {
        let mut memo = LookalikeMemo::default();
        let mut order: Vec<usize> = (0..urls.len()).collect();
        if backwards {
            order.reverse();
        }
        let mut wrong = Vec::new();
        for i in order {
            let memoised = classifier.classify_memo(&urls[i], &|_| None, &mut memo);
            if memoised != fresh[i] {
                wrong.push(format!(
                    "{}:\n  memo  {memoised:?}\n  fresh {:?}",
                    urls[i], fresh[i]
                ));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {} URLs differ (backwards: {backwards}):\n{}",
            wrong.len(),
            urls.len(),
            wrong.join("\n")
        );
    }
    // The comparison means something: lookalikes are among the URLs, and some hosts' verdicts depend on the path
    // (a weak sign that a vendor's meeting path confirms), which the memo must not keep by host.
    let lookalikes = fresh
        .iter()
        .filter(|c| c.as_ref().is_ok_and(|c| c.lookalike_of.is_some()))
        .count();
    assert!(lookalikes > 100, "{lookalikes} lookalikes among the URLs");
    let by_path = first_column(LOOKALIKES)
        .chain(first_column(BENIGN))
        .filter(|host| {
            let verdicts: Vec<_> = PATHS
                .iter()
                .map(|path| {
                    classifier
                        .classify(&format!("https://{host}{path}"))
                        .map(|c| c.lookalike_of)
                })
                .collect();
            verdicts.iter().any(|v| *v != verdicts[0])
        })
        .count();
    assert!(by_path > 0, "no host whose verdict depends on its path");
}

/// The memo keeps a bounded number of hosts, whatever a page holds.
#[test]
fn the_memo_stays_bounded() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut memo = LookalikeMemo::default();
    let mut largest = 0;
    for i in 0..2_000 {
        // Near names that the screen passes and no vendor owns: each a lookalike check, each a new host.
        let url = format!("https://zoomcar{i}.com/");
        engine
            .classifier
            .classify_memo(&url, &|_| None, &mut memo)
            .expect("a URL");
        largest = largest.max(memo.len());
    }
    assert!(largest > 0, "nothing was kept");
    assert!(largest <= LookalikeMemo::MAX_HOSTS, "{largest} hosts kept");
}
