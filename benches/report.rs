//! `make bench` (native half): joinguard and its anchors on the same corpora, interleaved round by round so
//! that the ratios come from the same run. URLs: the frozen corpus `benches/data/urls.txt` (10,000 links,
//! about 2% meeting links) through joinguard's screen and classifier, Brave's adblock engine, a MeetingBar-style
//! `RegexSet`, `url::Url::parse` and a host slice with hash probes. Text: 16 MiB of mail-like text
//! (`benches/support/mail.rs`) through joinguard's scanner (plain text and as an mbox with MIME and HTML
//! parts; the HTML parts also quoted-printable and base64, `text/encoded-mail`), the `regex` alternation of the same patterns, one `memmem` pass, and ripgrep when it is installed.
//!
//! Prints one JSON object per method (rates per round) for `tools/bench.mjs`, which adds the wasm half and
//! prints the table. Run alone: `cargo bench --bench report` (`JOINGUARD_BENCH_ROUNDS`, default 11;
//! `JOINGUARD_BENCH_GROUP=urls` for the URL rows only).

#[path = "support/frozen_urls.rs"]
mod frozen_urls;
#[path = "support/mail.rs"]
mod mail;
#[path = "support/references.rs"]
mod references;

use std::hint::black_box;
use std::time::{Duration, Instant};

use joinguard::text::{Format, Scanner, Strategy};
use joinguard::{Database, Engine, Policy};

const TEXT_BYTES: usize = 16 << 20;
/// One sample lasts about this long (several passes over the corpus when one pass is quicker).
const SAMPLE: Duration = Duration::from_millis(40);

struct Method<'a> {
    group: &'static str,
    name: String,
    /// URLs or bytes per pass.
    items: usize,
    unit: &'static str,
    run: Box<dyn FnMut() -> usize + 'a>,
    passes: u32,
    rates: Vec<f64>,
    found: usize,
}

impl<'a> Method<'a> {
    fn new(
        group: &'static str,
        name: &str,
        items: usize,
        unit: &'static str,
        run: impl FnMut() -> usize + 'a,
    ) -> Method<'a> {
        Method {
            group,
            name: name.to_string(),
            items,
            unit,
            run: Box::new(run),
            passes: 1,
            rates: Vec::new(),
            found: 0,
        }
    }

    /// Warms up and picks how many passes make one sample.
    fn calibrate(&mut self) {
        let started = Instant::now();
        let mut passes = 0u32;
        while started.elapsed() < SAMPLE * 3 || passes < 2 {
            self.found = black_box((self.run)());
            passes += 1;
        }
        let per_pass = started.elapsed() / passes;
        self.passes = (SAMPLE.as_nanos() / per_pass.as_nanos().max(1)).clamp(1, 10_000) as u32;
    }

    fn sample(&mut self) {
        let started = Instant::now();
        for _ in 0..self.passes {
            black_box((self.run)());
        }
        let seconds = started.elapsed().as_secs_f64();
        self.rates
            .push(self.items as f64 * f64::from(self.passes) / seconds);
    }
}

fn json_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the command line.
    let rounds: usize = std::env::var("JOINGUARD_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(11);
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
    // The screen's table taken once for the corpus, as a caller with many URLs does (`Classifier::url_screen`).
    let screen = classifier.url_screen();
    let urls = frozen_urls::urls();
    let regexes = references::meetingbar_style_set(&db);
    let adblock = references::adblock_engine(&db);
    let domains = references::domain_set(&db);
    let pattern = mail::reference_pattern(&db);
    let alternation = regex::bytes::Regex::new(&pattern).expect("the reference pattern compiles");
    let with_html = mail::mail_like(TEXT_BYTES, 7, 20);
    let plain = mail::mail_like(TEXT_BYTES, 7, 0);
    let with_html_encoded = mail::mail_like_encoded(TEXT_BYTES, 7, 20);

    let named = |class: Result<joinguard::UrlClass, joinguard::UrlError>| {
        class.is_ok_and(|c| c.vendor.is_some() || c.lookalike_of.is_some())
    };
    let count = |f: &dyn Fn(&str) -> bool| urls.iter().filter(|u| f(u)).count();
    let n = urls.len();
    let mut methods = vec![
        Method::new("urls", "joinguard screen + classify", n, "URLs/s", || {
            count(&|u| screen.screened_class(u, &|_| None).is_some_and(named))
        }),
        Method::new(
            "urls",
            "joinguard classify without screen",
            n,
            "URLs/s",
            || count(&|u| named(classifier.classify(u))),
        ),
        Method::new("urls", "joinguard screen alone", n, "URLs/s", || {
            count(&|u| screen.screen(u))
        }),
        Method::new(
            "urls",
            "adblock-rust Request::new + check",
            n,
            "URLs/s",
            || count(&|u| references::adblock_matches(&adblock, u)),
        ),
        Method::new("urls", "MeetingBar-style RegexSet", n, "URLs/s", || {
            count(&|u| regexes.is_match(u))
        }),
        Method::new("urls", "url::Url::parse alone", n, "URLs/s", || {
            count(&|u| url::Url::parse(u).is_ok())
        }),
        Method::new("urls", "host slice + hash probes", n, "URLs/s", || {
            count(&|u| references::host_probe(&domains, u))
        }),
    ];
    for (corpus_name, text) in [("text/mail", &with_html), ("text/plain-mail", &plain)] {
        let bytes = text.len();
        let mut packed = Scanner::with_strategy(&engine, Strategy::Packed);
        let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
        let mut mbox = Scanner::with_strategy(&engine, Strategy::Packed);
        methods.push(Method::new(
            corpus_name,
            "joinguard scan (text)",
            bytes,
            "B/s",
            move || packed.scan_text(text).len(),
        ));
        methods.push(Method::new(
            corpus_name,
            "joinguard scan (text, memmem passes)",
            bytes,
            "B/s",
            move || passes.scan_text(text).len(),
        ));
        methods.push(Method::new(
            corpus_name,
            "joinguard scan (mbox: MIME, HTML parts)",
            bytes,
            "B/s",
            move || {
                mbox.scan_as(text.as_bytes(), Format::Mbox)
                    .map_or(0, |f| f.len())
            },
        ));
        let alternation = &alternation;
        methods.push(Method::new(
            corpus_name,
            "regex alternation",
            bytes,
            "B/s",
            move || alternation.find_iter(text.as_bytes()).count(),
        ));
        methods.push(Method::new(
            corpus_name,
            "memmem \"zoom.us\"",
            bytes,
            "B/s",
            move || memchr::memmem::find_iter(text.as_bytes(), "zoom.us").count(),
        ));
    }
    // The mail corpus with its HTML parts quoted-printable and base64 (`mail::mail_like_encoded`): the encoded
    // HTML path, read only as an mbox (as text, the encoded parts are not HTML).
    let mut mbox = Scanner::with_strategy(&engine, Strategy::Packed);
    let encoded = &with_html_encoded;
    methods.push(Method::new(
        "text/encoded-mail",
        "joinguard scan (mbox: MIME, HTML parts)",
        encoded.len(),
        "B/s",
        move || {
            mbox.scan_as(encoded.as_bytes(), Format::Mbox)
                .map_or(0, |f| f.len())
        },
    ));
    // ripgrep on the same text in a file (whole process, page cache warm), when it is installed.
    let rg_file = std::env::temp_dir().join(format!("joinguard-bench-{}.txt", std::process::id()));
    let rg = std::process::Command::new("rg")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("rg")
                .to_string()
        });
    match &rg {
        Some(version) => {
            std::fs::write(&rg_file, &plain).expect("temporary file for ripgrep");
            let (file, pattern) = (rg_file.clone(), pattern.clone());
            methods.push(Method::new(
                "text/plain-mail",
                &format!("{version} -j1 -c (whole process)"),
                plain.len(),
                "B/s",
                move || {
                    let out = std::process::Command::new("rg")
                        .args(["-j1", "-c", "-e", &pattern])
                        .arg(&file)
                        .output()
                        .expect("rg runs");
                    out.stdout.len()
                },
            ));
        }
        None => eprintln!("ripgrep: not installed (rg not on PATH), left out"),
    }

    // `JOINGUARD_BENCH_GROUP=urls` (a group's name, or the start of one's: `text`) times only those methods:
    // the URL rows of a change to the URL path, without the text rows' minutes on a shared machine.
    if let Ok(group) = std::env::var("JOINGUARD_BENCH_GROUP") {
        methods.retain(|m| m.group.starts_with(group.as_str()));
    }
    for method in &mut methods {
        method.calibrate();
    }
    for round in 0..rounds {
        // Rotate the order each round, so that no method always runs first or right after another.
        let len = methods.len();
        for i in 0..len {
            methods[(i + round) % len].sample();
        }
    }
    let _ = std::fs::remove_file(&rg_file);
    for method in &methods {
        let rates: Vec<String> = method.rates.iter().map(|r| format!("{r:.0}")).collect();
        println!(
            "{{\"side\":\"native\",\"group\":{},\"method\":{},\"unit\":{},\"found\":{},\"rates\":[{}]}}",
            json_string(method.group),
            json_string(&method.name),
            json_string(method.unit),
            method.found,
            rates.join(",")
        );
    }
}
