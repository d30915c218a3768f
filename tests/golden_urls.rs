//! Golden URL table (`tests/data/golden-urls.tsv`): every row classified exactly as written; the false-alarm
//! list of popular legitimate domains (`tests/data/popular-domains.txt`) raises no lookalike; and the fast
//! screen never lets through a URL that the full classification would have something to say about.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use joinguard::classify::UrlError;
use joinguard::{Database, Engine, Policy};

const GOLDEN: &str = include_str!("data/golden-urls.tsv");
const MIN_ROWS: usize = 300;
const MIN_POPULAR: usize = 200;

/// What one row expects (or what the engine answered), as the table writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    vendor: String,
    kind: String,
    lookalike_of: String,
    meeting_id: String,
    embedded_secret: String,
    tricks: String,
}

impl Outcome {
    fn columns(&self) -> String {
        [
            &self.vendor,
            &self.kind,
            &self.lookalike_of,
            &self.meeting_id,
            &self.embedded_secret,
            &self.tricks,
        ]
        .map(String::as_str)
        .join("\t")
    }

    /// Nothing to say: the only outcome the screen may skip.
    fn is_plain(&self) -> bool {
        self.vendor == "-" && self.kind == "none" && self.lookalike_of == "-" && self.tricks == "-"
    }
}

struct Row {
    line: usize,
    /// The url column as written (escapes not decoded), to print back.
    written: String,
    url: String,
    expected: Outcome,
}

/// `\u{HEX}` → that character; `{puny:HOST}` → HOST in punycode, computed here rather than written by hand.
fn decode_url(written: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = written;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\\u{") {
            let (hex, tail) = after.split_once('}').ok_or("unterminated \\u{ escape")?;
            let code = u32::from_str_radix(hex, 16).map_err(|e| format!("\\u{{{hex}}}: {e}"))?;
            out.push(char::from_u32(code).ok_or(format!("\\u{{{hex}}} is not a character"))?);
            rest = tail;
        } else if let Some(after) = rest.strip_prefix("{puny:") {
            let (host, tail) = after.split_once('}').ok_or("unterminated {puny: escape")?;
            out.push_str(&joinguard::idn::to_ascii(host).map_err(|e| format!("{host}: {e}"))?);
            rest = tail;
        } else {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

fn rows() -> Vec<Row> {
    GOLDEN
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| {
            let columns: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                columns.len(),
                7,
                "golden-urls.tsv:{}: expected 7 tab-separated columns, found {}: {line:?}",
                i + 1,
                columns.len()
            );
            let url =
                decode_url(columns[0]).unwrap_or_else(|e| panic!("golden-urls.tsv:{}: {e}", i + 1));
            Row {
                line: i + 1,
                written: columns[0].to_string(),
                url,
                expected: Outcome {
                    vendor: columns[1].into(),
                    kind: columns[2].into(),
                    lookalike_of: columns[3].into(),
                    meeting_id: columns[4].into(),
                    embedded_secret: columns[5].into(),
                    tricks: columns[6].into(),
                },
            }
        })
        .collect()
}

fn outcome(engine: &Engine, url: &str) -> Outcome {
    let dash = |value: Option<&str>| value.unwrap_or("-").to_string();
    match engine.classify(url) {
        Err(error) => Outcome {
            vendor: "-".into(),
            kind: match error {
                UrlError::UnsupportedScheme(_) => "error:unsupported-scheme",
                UrlError::Unparsable(_) => "error:unparsable",
            }
            .into(),
            lookalike_of: "-".into(),
            meeting_id: "-".into(),
            embedded_secret: "-".into(),
            tricks: "-".into(),
        },
        Ok(class) => {
            let assessment = engine.assessment(url, &class);
            let tricks: Vec<String> = class
                .tricks
                .iter()
                .map(|t| {
                    serde_json::to_value(t)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_else(|| format!("{t:?}"))
                })
                .collect();
            Outcome {
                vendor: dash(assessment.vendor.as_deref()),
                kind: assessment.kind.as_str().into(),
                lookalike_of: dash(assessment.lookalike_of.as_deref()),
                meeting_id: dash(assessment.meeting_id.as_deref()),
                embedded_secret: if assessment.embedded_secret {
                    "yes"
                } else {
                    "no"
                }
                .into(),
                tricks: if tricks.is_empty() {
                    "-".into()
                } else {
                    tricks.join(",")
                },
            }
        }
    }
}

#[test]
fn golden_urls_classify_exactly() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let rows = rows();
    assert!(
        rows.len() >= MIN_ROWS,
        "golden-urls.tsv has {} rows; keep at least {MIN_ROWS}",
        rows.len()
    );
    let mut report = String::new();
    let mut failed = 0;
    for row in &rows {
        let got = outcome(&engine, &row.url);
        if got != row.expected {
            failed += 1;
            let why = engine
                .classify(&row.url)
                .map(|c| c.lookalike_reason.unwrap_or_default())
                .unwrap_or_else(|e| e.to_string());
            report.push_str(&format!(
                "golden-urls.tsv:{}: {}\n  expected: {}\n  got:      {}\n  {}\n",
                row.line,
                row.written,
                row.expected.columns(),
                got.columns(),
                if why.is_empty() {
                    String::new()
                } else {
                    format!("({why})")
                },
            ));
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} golden URLs differ (columns: vendor kind lookalike_of meeting_id embedded_secret tricks):\n{report}",
        rows.len()
    );
}

#[test]
fn every_vendor_with_url_shapes_has_golden_rows() {
    let db = Database::bundled();
    let rows = rows();
    let missing: Vec<&str> = db
        .entries
        .iter()
        .filter(|e| !e.vendor.pages.is_empty())
        .map(|e| e.vendor.id.as_str())
        .filter(|id| !rows.iter().any(|r| r.expected.vendor == *id))
        .collect();
    assert!(
        missing.is_empty(),
        "vendors with URL shapes but no row in tests/data/golden-urls.tsv: {missing:?} — add their join links, \
         an ordinary page of theirs, and a lookalike"
    );
}

#[test]
fn popular_domains_raise_no_lookalike() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let domains = corpus::popular_domains();
    assert!(
        domains.len() >= MIN_POPULAR,
        "popular-domains.txt has {} domains; keep at least {MIN_POPULAR}",
        domains.len()
    );
    let mut alarms = Vec::new();
    for domain in &domains {
        for path in ["/", "/login"] {
            let url = format!("https://{domain}{path}");
            match engine.classify(&url) {
                Ok(class) => {
                    if let Some(vendor) = class.lookalike_of {
                        alarms.push(format!(
                            "{url}: lookalike of {} ({})",
                            db.entry(vendor).vendor.id,
                            class.lookalike_reason.unwrap_or_default()
                        ));
                    }
                }
                Err(e) => alarms.push(format!("{url}: {e}")),
            }
        }
    }
    assert!(
        alarms.is_empty(),
        "{} false alarms on popular legitimate domains (fix the detector, not the list):\n{}",
        alarms.len(),
        alarms.join("\n")
    );
}

#[test]
fn the_screen_skips_only_urls_that_classify_as_nothing() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
    let golden: Vec<String> = rows().into_iter().map(|r| r.url).collect();
    let popular: Vec<String> = corpus::popular_domains()
        .iter()
        .flat_map(|d| [format!("https://{d}/"), format!("https://{d}/login")])
        .collect();
    let corpus = corpus::corpus(20_000);
    let mut wrong = Vec::new();
    let mut skipped = 0;
    for url in golden.iter().chain(&popular).chain(&corpus) {
        if classifier.screen(url) {
            continue;
        }
        skipped += 1;
        let got = outcome(&engine, url);
        if !got.is_plain() {
            wrong.push(format!(
                "{url}: screened out but classifies as {}",
                got.columns()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "the screen skipped URLs that matter:\n{}",
        wrong.join("\n")
    );
    // The screen exists to spare the full parse on ordinary links: most of a realistic corpus must skip it.
    let share = skipped as f64 / (golden.len() + popular.len() + corpus.len()) as f64;
    assert!(
        share > 0.85,
        "the screen let only {:.1}% of the URLs skip the full parse",
        share * 100.0
    );
}

/// The screen's table is built at its first use, not with the engine (`LookalikeIndex::host_screen`): a page's
/// first verdict, one URL, goes to the full path without it, and a batch's screen builds it. The answers are
/// the same either way, on the golden table, the popular domains and the bench corpus: the screen's answers of
/// an engine that classified a single URL first and of one that screened first; `classify`'s answers of an
/// engine whose first URLs went without the table and of one that had it; and the full path's answers of an
/// engine that never built the table and of one that did (its lookalike check skips a host the table finds
/// no needle in).
#[test]
fn the_screen_s_table_is_built_when_first_needed_with_the_same_answers() {
    let db = Database::bundled();
    let urls: Vec<String> = rows()
        .into_iter()
        .map(|r| r.url)
        .chain(
            corpus::popular_domains()
                .iter()
                .map(|d| format!("https://{d}/")),
        )
        .chain(corpus::corpus(5_000))
        .collect();
    let built = |engine: &Engine| engine.classifier.lookalikes.screen_is_built();

    let eager = Engine::new(&db, Policy::default());
    assert!(!built(&eager));
    let screened: Vec<bool> = urls.iter().map(|u| eager.classifier.screen(u)).collect();
    assert!(built(&eager));

    let lazy = Engine::new(&db, Policy::default());
    let first = outcome(&lazy, "https://zoom.us/j/123456789");
    assert!(!built(&lazy), "one URL's verdict built the screen's table");
    assert_eq!(first, outcome(&eager, "https://zoom.us/j/123456789"));
    assert!(!lazy.classifier.screen("https://example.com/"));
    assert!(built(&lazy), "the screen did not build its table");
    let lazy_screened: Vec<bool> = urls.iter().map(|u| lazy.classifier.screen(u)).collect();
    assert!(screened == lazy_screened, "the screen answers differently");

    // URL after URL, a fresh engine builds the table after its first few (with the same answers).
    let single = Engine::new(&db, Policy::default());
    let mut went_without = 0;
    for url in &urls {
        went_without += usize::from(!built(&single));
        assert_eq!(outcome(&single, url), outcome(&eager, url), "{url}");
    }
    assert!(
        (2..100).contains(&went_without),
        "{went_without} URLs classified before the table was built"
    );

    let never = Engine::new(&db, Policy::default());
    for url in &urls {
        assert_eq!(
            format!(
                "{:?}",
                never.classifier.classify_parsed_with(url, &|_| None)
            ),
            format!(
                "{:?}",
                eager.classifier.classify_parsed_with(url, &|_| None)
            ),
            "{url}"
        );
    }
    assert!(!built(&never), "the full path built the screen's table");
}

#[test]
fn the_screen_takes_the_full_path_for_anything_unusual() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    for url in [
        "https://zoom.us/j/85123456789",
        "https://www.google.com/url?q=https://zoom.us/j/1",
        "https://www.google.com:443/url?q=https://zoom.us/j/1",
        "https://a.example\\@zoom.us/",
        "https://user@example.com/",
        "https://EXAMPLE.com/",
        "https://xn--zm-xtbfa.us/",
        // Not punycode: classified with its trick (`idn::StandIn`), so never skipped.
        "https://xn--2mxw0.dewa505jp.quest/",
        "https://ex%61mple.com/",
        "https://example.com/\u{200b}",
        "https://example.com:80x/",
        // A path that is BigBlueButton's on a host with its server label (`Classifier::labelled_paths`).
        "https://bbb.example.edu/b/ann-xyz-123",
        "https://BBB.example.edu/b/ann-xyz-123",
        "zoom.us/j/1",
        "javascript:alert(1)",
        " https://example.com/",
    ] {
        assert!(
            engine.classifier.screen(url),
            "{url} must take the full path"
        );
    }
    // A maker's shared host (a vendor-site shape's): its product's pages take the full path, its other pages
    // and hosts that only read like it (a subdomain, `-` for `.`) do not.
    for url in [
        "https://www.microsoft.com/en-us/microsoft-teams/premium",
        "https://www.microsoft.com:443/de-de/microsoft-teams/download-app?x=1",
        "https://aws.amazon.com/chime/download/",
    ] {
        assert!(
            engine.classifier.screen(url),
            "{url} must take the full path"
        );
    }
    for url in [
        "https://www.microsoft.com/en-us/windows",
        "https://www.microsoft.com/",
        "https://www.microsoft.com",
        "https://aws.amazon.com/s3/",
        "https://x.www.microsoft.com/en-us/microsoft-teams/premium",
        "https://www-microsoft.com/en-us/microsoft-teams/premium",
        "https://www.microsoft.co/en-us/microsoft-teams/premium",
    ] {
        assert!(!engine.classifier.screen(url), "{url} needs no full path");
    }
    assert!(!engine
        .classifier
        .screen("https://www.example.com/news/2024/article?id=1#top"));
    assert!(!engine
        .classifier
        .screen("http://en.wikipedia.org:8080/wiki/Zoo"));
    // A host of one label has no label before an ending: at every length, whatever the separators the
    // misspelt-name gate finds before the host's end (session 22's gate read past a 15-byte one and panicked).
    for scheme in ["http", "https"] {
        for len in 1..=40 {
            let url = format!("{scheme}://{}/", "a".repeat(len));
            assert!(!engine.classifier.screen(&url), "{url}");
        }
    }
}
