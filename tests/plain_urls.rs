//! `classify` reads a URL whose text the WHATWG parser would leave as it is (most meeting links) as slices of
//! the text instead of parsing it, and answers ordinary links without either. Both shortcuts against the parser
//! (`classify_parsed_with`) on real data: every URL of the real corpora (threat-report lookalike hosts, real
//! meeting links, benign near-misses, the Tranco top 10k), the golden tables and the benchmark corpus, as
//! written and with vendors' join paths, must classify exactly alike.

#[path = "../benches/support/corpus.rs"]
mod corpus;

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

#[test]
fn plain_texts_classify_as_the_parser_does() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
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
    }
    for host in first_column(TRANCO_TOP10K) {
        urls.push(format!("https://{host}/"));
        urls.push(format!("https://www.{host}/j/85123456789?pwd=abc#success"));
    }
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
