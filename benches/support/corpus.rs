//! A deterministic, realistic corpus of link targets for the tests (the screen's, the plain-URL and code
//! tests), generated from the live golden table so that each new row is tested: ordinary links on popular sites (the false-alarm list), about 2% meeting links (the golden
//! table's join, web-client and webinar rows), and a sprinkle of vendor pages, lookalikes and wrapped links, as
//! a webmail or calendar page holds them.

/// The golden table and the popular domains, compiled in. The benchmarks read this corpus as generated once
/// (`benches/data/urls.txt`, `frozen_urls.rs`), so that their figures do not move with the table.
const GOLDEN: &str = include_str!("../../tests/data/golden-urls.tsv");
const POPULAR: &str = include_str!("../../tests/data/popular-domains.txt");

/// Shares of the corpus, in per-mille.
const MEETING_PER_MILLE: usize = 20;
const VENDOR_SITE_PER_MILLE: usize = 5;
const LOOKALIKE_PER_MILLE: usize = 3;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// Golden rows whose URL is plain text (no escapes to decode), as (url, kind, lookalike_of).
fn golden_rows() -> Vec<(&'static str, &'static str, &'static str)> {
    GOLDEN
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let url = *columns.first()?;
            let plain = !url.contains("\\u{") && !url.contains("{puny:") && url.starts_with("http");
            let (kind, lookalike) = (*columns.get(2)?, *columns.get(3)?);
            plain.then_some((url, kind, lookalike))
        })
        .collect()
}

/// The popular legitimate domains of the false-alarm list.
// Only the tests read the list itself; the benchmarks that include this file use the corpus.
#[allow(dead_code)]
pub fn popular_domains() -> Vec<&'static str> {
    domains_in(POPULAR)
}

fn domains_in(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// Near names (zoomcar.com, zoom.harvard.edu) are over-represented in the false-alarm list on purpose; real
/// pages mostly link elsewhere. The list marks where its ordinary sites start.
const ORDINARY_MARK: &str = "# -- Below: ordinary sites";
/// Share of ordinary links that go to a near name, in per-mille.
const NEAR_NAME_PER_MILLE: usize = 10;

/// `n` URLs, the same ones for the same `n` on every machine.
pub fn corpus(n: usize) -> Vec<String> {
    let rows = golden_rows();
    let meetings: Vec<&str> = rows
        .iter()
        .filter(|(_, kind, _)| matches!(*kind, "join" | "web-client" | "webinar"))
        .map(|(url, _, _)| *url)
        .collect();
    let vendor_pages: Vec<&str> = rows
        .iter()
        .filter(|(_, kind, _)| *kind == "vendor-site")
        .map(|(url, _, _)| *url)
        .collect();
    let lookalikes: Vec<&str> = rows
        .iter()
        .filter(|(_, _, lookalike)| *lookalike != "-")
        .map(|(url, _, _)| *url)
        .collect();
    let (near, ordinary) = POPULAR
        .split_once(ORDINARY_MARK)
        .expect("popular-domains.txt marks where its ordinary sites start");
    // The rest of the mark's line is prose, not a domain.
    let ordinary = ordinary.split_once('\n').map_or("", |(_, rest)| rest);
    let (near, ordinary) = (domains_in(near), domains_in(ordinary));
    const SUBDOMAINS: &[&str] = &[
        "", "", "", "www.", "www.", "m.", "en.", "blog.", "docs.", "news.", "shop.",
    ];
    const WORDS: &[&str] = &[
        "privacy", "team", "weekly", "report", "meeting", "notes", "agenda", "update", "photo",
        "spring", "sale", "students", "course", "lecture", "invoice", "travel", "recipe",
        "support", "release", "security",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let roll = rng.below(1000);
        let url = if roll < MEETING_PER_MILLE {
            rng.pick(&meetings).to_string()
        } else if roll < MEETING_PER_MILLE + VENDOR_SITE_PER_MILLE {
            rng.pick(&vendor_pages).to_string()
        } else if roll < MEETING_PER_MILLE + VENDOR_SITE_PER_MILLE + LOOKALIKE_PER_MILLE {
            rng.pick(&lookalikes).to_string()
        } else {
            let scheme = if rng.below(20) == 0 { "http" } else { "https" };
            let domain = if rng.below(1000) < NEAR_NAME_PER_MILLE {
                rng.pick(&near)
            } else {
                rng.pick(&ordinary)
            };
            // Hosts that already have a subdomain (`docs.google.com`) get no other.
            let sub = if domain.split('.').count() > 2 {
                ""
            } else {
                rng.pick(SUBDOMAINS)
            };
            let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
            let number = rng.below(1_000_000);
            let path = match rng.below(10) {
                0 => "/".to_string(),
                1 => format!("/{a}"),
                2 => format!("/news/2024/{a}-{b}-{number}"),
                3 => format!("/products/{number}?ref={a}&utm_source=newsletter"),
                4 => format!("/search?q={a}+{b}&page={}", number % 10),
                5 => format!("/article/{number}#comments"),
                6 => format!("/user/{a}{}/posts", number % 1000),
                7 => format!("/{a}/{b}/{number}.html"),
                8 => format!("/static/img/{a}-{number}.png"),
                _ => format!("/{a}/{b}?id={number}&lang=en"),
            };
            format!("{scheme}://{sub}{domain}{path}")
        };
        out.push(url);
    }
    out
}
