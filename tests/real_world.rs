//! Accuracy on real-world data nobody here wrote (tests/data/real/, sources in its README): lookalike hosts
//! from published threat reports, bare and with the imitated vendor's join path; real meeting links as vendors
//! and projects publish them; popular legitimate domains and benign near-misses that must raise no lookalike;
//! phishing pages captured from public kit collections, assessed as the extension assesses a page (its content
//! script's signals, `Engine::assess_page`), and real pages naming a vendor that must stay quiet.
//! Every table is reported per vendor for the tune split and as totals only for the held-out splits (a held-out
//! row per vendor, or a miss named with its vendor, would say which vendor's held-out rows fail). `make accuracy`
//! runs this with `--nocapture --include-ignored` to print the tables and check the targets.
//!
//! Two kinds of assertion. The regression guards (not ignored, part of `make test`): every miss must be listed,
//! with why, in the data's known-open file (`lookalikes-open.txt`, `meeting-links-open.txt`,
//! `phishing-pages-open.txt`), so a new miss fails and a fixed one is reported as stale; no benign page may alarm.
//! The targets (`*_targets_are_met`, asserted over the whole corpus and each split): they are `#[ignore]`d while
//! the engine does not meet them yet, so `make accuracy` fails until it does.

use std::collections::{BTreeMap, BTreeSet};

use joinguard::classify::Classifier;
use joinguard::page::PageSignals;
use joinguard::{Database, Engine, Settings};

const LOOKALIKES: &str = include_str!("data/real/lookalikes.tsv");
const LOOKALIKES_OPEN: &str = include_str!("data/real/lookalikes-open.txt");
const MEETING_LINKS: &str = include_str!("data/real/meeting-links.tsv");
const MEETING_LINKS_OPEN: &str = include_str!("data/real/meeting-links-open.txt");
const BENIGN: &str = include_str!("data/real/benign-near-misses.txt");
const VENDOR_OWN: &str = include_str!("data/real/vendor-own-domains.txt");
const POPULAR: &str = include_str!("data/popular-domains.txt");
const HSTS_PRELOAD: &str = include_str!("data/real/hsts-preload-domains.txt");
const HSTS_PRELOAD_ALARMS: &str = include_str!("data/real/hsts-preload-alarms.txt");
const TRANCO_TOP1M: &str = include_str!("data/real/tranco-top1m.txt");
const TRANCO_ALARMS: &str = include_str!("data/real/tranco-alarms.txt");
const TRANCO_TOP10K: &str = include_str!("data/real/tranco-top10k.txt");
const TRANCO_TOP100K: &str = include_str!("data/real/tranco-top100k-extract.txt");
const TRANCO_TOP100K_ALARMS: &str = include_str!("data/real/tranco-top100k-alarms.txt");
const CRUX_TOP1M: &str = include_str!("data/real/crux-top1m.txt");
const CRUX_ALARMS: &str = include_str!("data/real/crux-alarms.txt");
const UMBRELLA_TOP20K: &str = include_str!("data/real/umbrella-top20k.txt");
const UMBRELLA_ALARMS: &str = include_str!("data/real/umbrella-alarms.txt");
const INVITATIONS: &str = include_str!("data/real/invitations.tsv");
const INVITATIONS_OPEN: &str = include_str!("data/real/invitations-open.txt");
const DATA_README: &str = include_str!("data/real/README.md");
const PAGES: &str = include_str!("data/real/phishing-pages/index.tsv");
const PAGES_OPEN: &str = include_str!("data/real/phishing-pages-open.txt");

/// Lookalike recall the issue asks for, on each split separately.
const MIN_RECALL: f64 = 0.90;
/// Vendor recognition and kind accuracy the issue asks for on real meeting links, on each split separately.
const MIN_RECOGNITION: f64 = 0.97;
const MIN_KIND: f64 = 0.90;

/// A join (or sign-in) path of each imitated vendor, from its own rules file: the lookalike must also be caught
/// when it serves the path people expect (`/j/<id>` for Zoom).
fn vendor_path(vendor: &str) -> &'static str {
    match vendor {
        "zoom" => "/j/85123456789?pwd=abc",
        "teams" => "/l/meetup-join/19%3ameeting_ZmQ2NjEyYzctNDA5Yi00YTRj%40thread.v2/0",
        "meet" => "/abc-defg-hij",
        "slack" => "/huddle/T07LSULVCQY/C07L45LKYHY",
        "skype" => "/invite/Xy12Ab34Cd56",
        "webex" => "/meet/jsmith",
        "signal" => "/call/#key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
        "whatsapp" => "/video/AbCdEfGhIjKlMnOpQrStUv",
        "discord" => "/invite/AbCdEf12",
        // GoTo Meeting's join link, global.gotomeeting.com/join/<9-digit meeting ID> (rules/vendors/goto.toml).
        "goto" => "/join/123456789",
        // TeamViewer's rules give no browser join path (its documents name none): the bare host again.
        "teamviewer" => "/",
        // DingTalk's meeting link, meeting.dingtalk.com/j/<code> (rules/vendors/dingtalk.toml, its [[pages]] matches).
        "dingtalk" => "/j/aB3dE5fG7hK",
        // Lark's (Feishu's) meeting link, vc.larksuite.com/j/<9-digit meeting number> (rules/vendors/lark.toml, [[pages]]).
        "lark" => "/j/123456789",
        other => panic!("no join path for vendor {other}: add one to vendor_path"),
    }
}

/// SHA-256 of `data` (FIPS 180-4), only to check each row's split against the rule the data files state:
/// held-out when the first byte of SHA-256(key) mod 10 is below 3. A row can then never move between splits.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, add) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(add);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// How a miss is named in test output and in the known-open files: the key itself for a tune row, and for a
/// held-out row only `holdout:` and the first 8 bytes of SHA-256(key) in hex, so that nobody tuning the engine
/// reads which held-out rows fail (the held-out splits' totals are printed in the table).
fn miss_label(key: &str, split: &str) -> String {
    if split == "holdout" {
        let digest = sha256(key.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("holdout:{hex}")
    } else {
        key.to_string()
    }
}

/// The split a key belongs to under the data's rule.
fn split_of(key: &str) -> &'static str {
    if sha256(key.as_bytes())[0] % 10 < 3 {
        "holdout"
    } else {
        "tune"
    }
}

/// One data row: its line number and tab-separated columns, checked for count, a URL source and the split rule
/// (the split column is the last one; `key` is the column it is computed from).
struct Row<'a> {
    line: usize,
    cols: Vec<&'a str>,
    /// The split the row is counted in: its split column, except that `seen` (a row the rule holds out but that
    /// was named in code, a commit message or a note, so it was seen while tuning) is counted with `tune`.
    split: &'static str,
    /// The collection batch: the last `# batch: <name>` line above the row (`s10` before any), so that the
    /// held-out rows added later, which nobody has looked at, are reported apart from the older ones.
    batch: &'a str,
}

fn rows<'a>(name: &str, text: &'a str, columns: &[&str], key: usize) -> Vec<Row<'a>> {
    let mut seen = BTreeSet::new();
    let mut batch = "s10";
    let mut rows = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if let Some(name) = l.strip_prefix("# batch:") {
            // `# batch: s11 (session 11, …)`: the name is the first word.
            batch = name.split_whitespace().next().unwrap_or_default();
        }
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let line = i + 1;
        let cols: Vec<&str> = l.split('\t').collect();
        assert_eq!(
            cols.len(),
            columns.len(),
            "{name}:{line}: want {} tab-separated columns ({})",
            columns.len(),
            columns.join(", ")
        );
        let source = columns.iter().position(|c| *c == "source").unwrap();
        assert!(
            cols[source].starts_with("http"),
            "{name}:{line}: the source column must start with the report or page URL"
        );
        if let Some(date) = columns.iter().position(|c| *c == "date") {
            assert!(
                source_date_ok(cols[date], if name == "phishing-pages/index.tsv" { "undated" } else { "n/a" }),
                "{name}:{line}: the date column must be the source's date as YYYY, YYYY-MM or YYYY-MM-DD, and not after today, or `n/a` \
                 (`undated` in the page index, and only there) where none could be confirmed (tests/data/real/README.md, \"Dates\"), not {:?}",
                cols[date]
            );
        }
        let rule = split_of(cols[key]);
        // Only a row the rule holds out may be marked `seen`; no row moves the other way.
        let split = match *cols.last().unwrap() {
            "seen" if rule == "holdout" => "tune",
            written => {
                assert_eq!(
                    written,
                    rule,
                    "{name}:{line}: split must be {rule} (first byte of SHA-256({}) mod 10 < 3 is holdout), or `seen` \
                     for a held-out row named in code or commit text; rows never move otherwise",
                    columns[key]
                );
                rule
            }
        };
        assert!(
            seen.insert(cols[key]),
            "{name}:{line}: {} listed twice",
            cols[key]
        );
        rows.push(Row {
            line,
            cols,
            split,
            batch,
        });
    }
    rows
}

/// A source date as the data files write it: as precise as the source allows (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
/// a real calendar date: the rule the vendor cards' fact dates follow, `rules check`'s `is_iso_date`), or the mark
/// for a date nobody could confirm, `unknown`: one word a file, `n/a`, or `undated` in the page index, whose rows
/// were written with it. A date after today is refused: a source cannot be newer than the row citing it.
fn source_date_ok(date: &str, unknown: &str) -> bool {
    date == unknown || (joinguard::rules::check::is_iso_date(date) && date <= today().as_str())
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (Howard Hinnant's days-to-civil algorithm,
/// https://howardhinnant.github.io/date_algorithms.html#civil_from_days).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[test]
fn source_dates_are_calendar_dates_or_marked_unknown() {
    for good in [
        "2024",
        "2024-04",
        "2024-04-19",
        "2024-02-29",
        "2026-12-05",
        "n/a",
    ] {
        assert!(source_date_ok(good, "n/a"), "{good} should be accepted");
    }
    assert!(
        source_date_ok("undated", "undated"),
        "the page index's word"
    );
    assert!(
        !source_date_ok("undated", "n/a"),
        "one word a file for an unknown date"
    );
    assert!(
        !source_date_ok("n/a", "undated"),
        "one word a file for an unknown date"
    );
    assert!(!source_date_ok("2999-01-01", "n/a"), "a date after today");
    assert!(!source_date_ok("2999", "n/a"), "a year after today");
    assert_eq!(today().len(), 10);
    assert!(
        today().as_str() >= "2026-12-05",
        "the clock reads {}",
        today()
    );
    for bad in [
        "",
        "N/A",
        "unknown",
        "19/4/2024",
        "2024-4-19",
        "2024-13",
        "2024-00",
        "2024-04-31",
        "2023-02-29",
        "2024-04-19 12:00",
        "24-04-19",
        "2024-04-19-01",
        "2024–2026",
        "1899",
    ] {
        assert!(!source_date_ok(bad, "n/a"), "{bad} should be refused");
    }
}

/// The table row of a held-out row's batch: `holdout-s10` was partly seen while tuning; each later batch was
/// added after the engine was tuned and is reported under its own name, a set nobody has looked at.
fn holdout_batch(batch: &str) -> &'static str {
    match batch {
        "s10" => "holdout-s10",
        "s11" => "holdout-s11",
        "s12" => "holdout-s12",
        "s13" => "holdout-s13",
        "s14" => "holdout-s14",
        "s15" => "holdout-s15",
        "s16" => "holdout-s16",
        "s22" => "holdout-s22",
        "s23" => "holdout-s23",
        "s24" => "holdout-s24",
        "s25" => "holdout-s25",
        "s26" => "holdout-s26",
        "s27" => "holdout-s27",
        "s33" => "holdout-s33",
        "s42" => "holdout-s42",
        "s42b" => "holdout-s42b",
        "s44" => "holdout-s44",
        "s45" => "holdout-s45",
        "s46" => "holdout-s46",
        other => panic!("unknown `# batch: {other}` line: name its held-out row in holdout_batch"),
    }
}

/// A known-open list: the first word of each line, then ` # why`; lines starting with `#` are comments. (A
/// key may hold `#` itself: Signal's group links keep their key in the URL fragment.)
fn known_open(text: &str) -> BTreeSet<&str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    hits: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }
    fn rate(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
    fn show(self) -> String {
        format!(
            "{:>3}/{:<3} {:>5.1} %",
            self.hits,
            self.total,
            100.0 * self.rate()
        )
    }
}

/// Two tallies per (split, vendor) of the tune split, and per split for "all": a held-out split is counted as a
/// whole only, so that no output says which vendor's held-out rows fail.
type Table = BTreeMap<(&'static str, String), (Tally, Tally)>;

fn tally(table: &mut Table, split: &'static str, vendor: &str, first: bool, second: bool) {
    let mut keys = vec![(split, "all".to_string())];
    if !split.starts_with("holdout") {
        keys.push((split, vendor.to_string()));
    }
    for key in keys {
        let entry = table.entry(key).or_default();
        entry.0.add(first);
        entry.1.add(second);
    }
}

fn print_table(title: &str, first: &str, second: &str, table: &Table) {
    println!("\n{title}");
    println!(
        "{:11} {:14} {:>17} {:>17}",
        "split", "vendor", first, second
    );
    for ((split, vendor), (a, b)) in table {
        println!("{split:11} {vendor:14} {:>17} {:>17}", a.show(), b.show());
    }
}

/// Prints every tune miss of a corpus test with its why and the number of held-out misses (counts only: which
/// held-out rows fail is for nobody tuning the engine to read), then checks them against the known-open list.
fn print_missed_and_check(
    name: &str,
    open: &BTreeSet<&str>,
    missed: &BTreeMap<String, Vec<String>>,
) {
    if !missed.is_empty() {
        let held_out = missed.keys().filter(|k| k.starts_with("holdout:")).count();
        println!("Missed ({}; {held_out} of them held out):", missed.len());
        for (_, lines) in missed.iter().filter(|(k, _)| !k.starts_with("holdout:")) {
            for line in lines {
                println!("{line}");
            }
        }
    }
    check_known_open(name, open, missed);
}

/// Checks the misses against the known-open list: a miss not listed fails (a regression or a new corpus row to
/// triage); a listed key that no longer misses is printed as stale, to be removed.
fn check_known_open(name: &str, open: &BTreeSet<&str>, missed: &BTreeMap<String, Vec<String>>) {
    let unlisted: Vec<String> = missed
        .iter()
        .filter(|(key, _)| !open.contains(key.as_str()))
        .flat_map(|(_, why)| why.clone())
        .collect();
    let stale: Vec<&&str> = open
        .iter()
        .filter(|key| !missed.contains_key(**key))
        .collect();
    if !stale.is_empty() {
        println!("Fixed since listed in {name} (remove them there): {stale:?}");
    }
    assert!(
        unlisted.is_empty(),
        "misses not listed in tests/data/real/{name} (fix the engine, or list them there with why):\n{}",
        unlisted.join("\n")
    );
}

/// Whether the classifier calls `url` a lookalike of `vendor`, and what it said.
fn caught(classifier: &Classifier, url: &str, vendor: &str) -> (bool, String) {
    match classifier.classify(url) {
        Ok(class) => {
            let of = class
                .lookalike_of
                .map(|v| classifier.db.entry(v).vendor.id.clone());
            (
                of.as_deref() == Some(vendor),
                match of {
                    Some(of) => format!(
                        "lookalike of {of}: {}",
                        class.lookalike_reason.unwrap_or_default()
                    ),
                    None => "not flagged".to_string(),
                },
            )
        }
        Err(e) => (false, format!("error: {e}")),
    }
}

/// Lookalike recall per (split, vendor), bare and with the vendor's join path; the misses by host.
fn lookalike_recall(db: &Database) -> (Table, BTreeMap<String, Vec<String>>) {
    let classifier = Classifier::new(db);
    let rows = rows(
        "lookalikes.tsv",
        LOOKALIKES,
        &["host", "vendor", "source", "date", "split"],
        0,
    );
    // The issue asks for 150+ hosts; four sessions found 297 in citable reports and IOC lists
    // (tests/data/real/README.md says where they come from). The floor keeps rows from being dropped silently.
    assert!(rows.len() >= 297, "the corpus has {} hosts", rows.len());
    let mut table = Table::new();
    let mut missed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &rows {
        let (host, vendor, split) = (row.cols[0], row.cols[1], row.split);
        assert!(
            db.get(vendor).is_some(),
            "lookalikes.tsv:{}: unknown vendor {vendor}",
            row.line
        );
        let bare = format!("https://{host}/");
        let joined = format!("https://{host}{}", vendor_path(vendor));
        let (bare_ok, bare_why) = caught(&classifier, &bare, vendor);
        let (path_ok, path_why) = caught(&classifier, &joined, vendor);
        tally(&mut table, split, vendor, bare_ok, path_ok);
        if split == "holdout" {
            // The held-out rows of each batch apart: the older batch was partly seen while tuning.
            tally(
                &mut table,
                holdout_batch(row.batch),
                vendor,
                bare_ok,
                path_ok,
            );
        }
        let label = miss_label(host, split);
        for (ok, url, why) in [(bare_ok, &bare, bare_why), (path_ok, &joined, path_why)] {
            if !ok {
                let line = if split == "holdout" {
                    format!("  {label}")
                } else {
                    format!("  {split:7} {url}  ({why})")
                };
                missed.entry(label.clone()).or_default().push(line);
            }
        }
    }
    (table, missed)
}

#[test]
fn threat_report_lookalikes_are_caught_or_known_open() {
    let db = Database::bundled();
    let (table, missed) = lookalike_recall(&db);
    print_table(
        "Lookalike recall on threat-report hosts (tests/data/real/lookalikes.tsv)",
        "bare host",
        "with join path",
        &table,
    );
    print_missed_and_check("lookalikes-open.txt", &known_open(LOOKALIKES_OPEN), &missed);
}

#[test]
#[ignore = "target not met yet (see tests/data/real/README.md); `make accuracy` checks it"]
fn lookalike_recall_targets_are_met() {
    let db = Database::bundled();
    let (table, _) = lookalike_recall(&db);
    for split in ["tune", "holdout"] {
        let (bare, path) = table[&(split, "all".to_string())];
        assert!(
            bare.rate() >= MIN_RECALL && path.rate() >= MIN_RECALL,
            "{split} lookalike recall below {:.0} %: bare {}, with path {}",
            100.0 * MIN_RECALL,
            bare.show(),
            path.show()
        );
    }
}

/// Vendor recognition and kind per (split, vendor) on real meeting links; the misses by URL.
fn meeting_link_accuracy(db: &Database) -> (Table, BTreeMap<String, Vec<String>>) {
    let classifier = Classifier::new(db);
    let rows = rows(
        "meeting-links.tsv",
        MEETING_LINKS,
        &["url", "vendor", "kind", "source", "date", "split"],
        0,
    );
    let mut table = Table::new();
    let mut missed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &rows {
        let (url, vendor, kind, split) = (row.cols[0], row.cols[1], row.cols[2], row.split);
        assert!(
            db.get(vendor).is_some(),
            "meeting-links.tsv:{}: unknown vendor {vendor}",
            row.line
        );
        let class = classifier
            .classify(url)
            .unwrap_or_else(|e| panic!("meeting-links.tsv:{}: {url}: {e}", row.line));
        let got_vendor = class.vendor.map(|v| db.entry(v).vendor.id.clone());
        let got_lookalike = class.lookalike_of.map(|v| db.entry(v).vendor.id.clone());
        let recognised = got_vendor.as_deref() == Some(vendor) && got_lookalike.is_none();
        let kind_right = recognised && class.kind.as_str() == kind;
        tally(&mut table, split, vendor, recognised, kind_right);
        if split == "holdout" {
            tally(
                &mut table,
                holdout_batch(row.batch),
                vendor,
                recognised,
                kind_right,
            );
        }
        if !kind_right {
            let label = miss_label(url, split);
            let line = if split == "holdout" {
                format!("  {label}")
            } else {
                format!(
                    "  {split:7} {url}  (want {vendor} {kind}; got {} {}{})",
                    got_vendor.as_deref().unwrap_or("no vendor"),
                    class.kind.as_str(),
                    got_lookalike
                        .map(|v| format!(", lookalike of {v}"))
                        .unwrap_or_default()
                )
            };
            missed.entry(label).or_default().push(line);
        }
    }
    (table, missed)
}

#[test]
fn real_meeting_links_are_recognised_or_known_open() {
    let db = Database::bundled();
    let (table, missed) = meeting_link_accuracy(&db);
    print_table(
        "Real meeting links (tests/data/real/meeting-links.tsv)",
        "vendor right",
        "vendor+kind right",
        &table,
    );
    print_missed_and_check(
        "meeting-links-open.txt",
        &known_open(MEETING_LINKS_OPEN),
        &missed,
    );
}

#[test]
// Met on session 12's corpus, ignored again from batch s13 (the held-out kind rate fell just below the target) to
// session 22, whose batch s22 added 14 held-out links found after the engine was tuned: all 14 right, held-out
// 56/57 vendor and 53/57 kind (README, 'Figures'). Held by `make test` from then on: a held-out miss that takes a
// rate under its target fails here, and is fixed in the engine or the attribute comes back with the figures.
fn meeting_link_targets_are_met() {
    let db = Database::bundled();
    let (table, _) = meeting_link_accuracy(&db);
    for split in ["tune", "holdout"] {
        let (vendor, kind) = table[&(split, "all".to_string())];
        assert!(
            vendor.rate() >= MIN_RECOGNITION && kind.rate() >= MIN_KIND,
            "{split}: vendor recognised {} (target {:.0} %), kind right {} (target {:.0} %)",
            vendor.show(),
            100.0 * MIN_RECOGNITION,
            kind.show(),
            100.0 * MIN_KIND
        );
    }
}

/// One domain a line, `#` comments; a ranked list's line `rank,host` gives its host. A comma anywhere else (no
/// host holds one) is a broken line, not a host to check.
fn domains(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let entry = l.split('#').next().unwrap_or("").trim();
            let host = match entry.split_once(',') {
                Some((rank, host)) => {
                    assert!(
                        !rank.is_empty()
                            && rank.bytes().all(|b| b.is_ascii_digit())
                            && !host.contains(','),
                        "line {}: `{entry}` is neither a host nor `rank,host`",
                        i + 1
                    );
                    host.trim()
                }
                None => entry,
            };
            (i + 1, host)
        })
        .filter(|(_, l)| !l.is_empty())
}

/// Each of `urls` the engine calls a lookalike, as a message naming `at` (file and line), what it was called a
/// lookalike of, and why.
fn lookalike_alarms(
    db: &Database,
    classifier: &Classifier,
    at: &str,
    urls: impl IntoIterator<Item = String>,
) -> Vec<String> {
    urls.into_iter()
        .filter_map(|url| {
            let class = classifier
                .classify(&url)
                .unwrap_or_else(|e| panic!("{at}: {url}: {e}"));
            class.lookalike_of.map(|of| {
                format!(
                    "{at}: {url} called a lookalike of {}: {}",
                    db.entry(of).vendor.id,
                    class.lookalike_reason.unwrap_or_default()
                )
            })
        })
        .collect()
}

#[test]
fn benign_near_misses_and_popular_domains_raise_no_lookalike() {
    let db = Database::bundled();
    let classifier = Classifier::new(&db);
    let mut alarms = Vec::new();
    let mut checked = 0;
    // The near-misses bare and with each vendor's join path; the popular list bare (tests/golden_urls.rs adds
    // `/login`): it holds universities' `zoom.<university>.edu` help sites, where a Zoom join path is flagged
    // on purpose.
    for (name, text, with_paths) in [
        ("benign-near-misses.txt", BENIGN, true),
        ("popular-domains.txt", POPULAR, false),
    ] {
        for (line, domain) in domains(text) {
            let mut urls = vec![format!("https://{domain}/")];
            if with_paths {
                for vendor in ["zoom", "teams", "meet", "slack", "webex", "skype", "signal"] {
                    urls.push(format!("https://{domain}{}", vendor_path(vendor)));
                }
            }
            checked += urls.len();
            alarms.extend(lookalike_alarms(
                &db,
                &classifier,
                &format!("{name}:{line}"),
                urls,
            ));
        }
    }
    println!(
        "\nFalse alarms on benign near-misses and popular domains: {} of {checked} URLs",
        alarms.len()
    );
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}

/// Session 50 (review of s50-recall50, finding 1): the guard lists hold almost no third-party `teams.`, `slack.`
/// or `signal.` subdomains, so they cannot show a rule on the name in front of a domain. Here the three names go
/// in front of every entry of the four lists whose first label is letters ending in `meet`, `meets`, `meeting`,
/// `meetings`, `app` or `apps` after four letters or more (`livemeeting.com`, `powerapps.com`: the shape of the
/// first, wider app-domain rule): meeting products' integrations and SaaS tenants have such hosts
/// (`teams.livemeeting.com` is Microsoft's), and none may be flagged bare.
#[test]
fn names_in_front_of_popular_meeting_and_app_domains_raise_no_lookalike() {
    let db = Database::bundled();
    let classifier = Classifier::new(&db);
    let shaped = |entry: &str| {
        let label = entry.split('.').next().unwrap_or("");
        label.bytes().all(|b| b.is_ascii_lowercase())
            && ["meet", "meets", "meeting", "meetings", "app", "apps"]
                .iter()
                .any(|end| label.strip_suffix(end).is_some_and(|lead| lead.len() >= 4))
    };
    let mut alarms = Vec::new();
    let mut domains_checked = std::collections::BTreeSet::new();
    for (name, text) in [
        ("tranco-top1m.txt", TRANCO_TOP1M),
        ("crux-top1m.txt", CRUX_TOP1M),
        ("umbrella-top20k.txt", UMBRELLA_TOP20K),
        ("hsts-preload-domains.txt", HSTS_PRELOAD),
    ] {
        for (line, entry) in domains(text).filter(|&(_, entry)| shaped(entry)) {
            domains_checked.insert(entry);
            alarms.extend(lookalike_alarms(
                &db,
                &classifier,
                &format!("{name}:{line}"),
                ["teams", "slack", "signal"].map(|n| format!("https://{n}.{entry}/")),
            ));
        }
    }
    println!(
        "\nteams./slack./signal. in front of {} popular meeting- and app-named domains: {} alarmed",
        domains_checked.len(),
        alarms.len()
    );
    assert!(domains_checked.len() > 3000, "{}", domains_checked.len());
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}

/// Every vendor whose join path `vendor_path` knows: a vendor's own domain must stay quiet with any of them.
const ALL_VENDOR_PATHS: [&str; 12] = [
    "zoom",
    "teams",
    "meet",
    "slack",
    "skype",
    "webex",
    "signal",
    "whatsapp",
    "discord",
    "goto",
    "teamviewer",
    "dingtalk",
];

/// The domains the vendors publish as their own (network requirement pages, allow-lists, their own SDKs' host
/// lists): none may be called a lookalike of anyone, bare or with any vendor's join path, or the rules flag the
/// vendor's own service. A false alarm is fixed in the vendor's rules file (`official` or `not_lookalikes`, on the
/// vendor's word), never by loosening a rule for one host.
#[test]
fn vendor_own_domains_raise_no_lookalike() {
    let db = Database::bundled();
    let classifier = Classifier::new(&db);
    // No split column (a guard, not a measurement: nothing is held out); a domain may repeat under another source.
    let rows: Vec<(usize, Vec<&str>)> = VENDOR_OWN
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
        .collect();
    assert!(rows.len() >= 50, "{} rows", rows.len());
    let mut pairs = BTreeSet::new();
    let mut alarms = Vec::new();
    let mut checked = 0;
    for (line, cols) in &rows {
        let line = *line;
        assert_eq!(cols.len(), 4, "line {line}: domain, vendor, source, date");
        let (domain, vendor, source, date) = (cols[0], cols[1], cols[2], cols[3]);
        assert!(
            pairs.insert((domain, source)),
            "line {line}: {domain} listed twice from one source"
        );
        assert!(
            db.entries.iter().any(|e| e.vendor.id == vendor),
            "line {line}: unknown vendor {vendor}"
        );
        assert!(
            source.starts_with("https://"),
            "line {line}: the source must be the vendor's page or repository: {source}"
        );
        assert!(
            source_date_ok(date, "n/a"),
            "line {line}: date {date} (YYYY, YYYY-MM, YYYY-MM-DD or n/a)"
        );
        assert!(
            !domain.contains(['/', ' ', '*']) && domain.contains('.'),
            "line {line}: a host name, not {domain}"
        );
        let urls = std::iter::once(format!("https://{domain}/")).chain(
            ALL_VENDOR_PATHS
                .iter()
                .map(|v| format!("https://{domain}{}", vendor_path(v))),
        );
        let urls: Vec<String> = urls.collect();
        checked += urls.len();
        let at = format!("vendor-own-domains.txt:{line} (published by {vendor})");
        alarms.extend(lookalike_alarms(&db, &classifier, &at, urls));
    }
    println!(
        "\nFalse alarms on the vendors' own domains: {} of {checked} URLs",
        alarms.len()
    );
    assert!(alarms.is_empty(), "false alarms:\n{}", alarms.join("\n"));
}

/// A real list of legitimate-looking domains, checked bare and with Zoom's join path; every alarm on it is
/// reviewed by hand in its alarms file (`false-alarm` or `defensible`, and why), and so is every host whose URLs
/// the engine refuses to parse (`refused`: no lookalike answer at all, which a browser may not share).
struct PopularList {
    name: &'static str,
    hosts: &'static str,
    alarms_file: &'static str,
    alarms: &'static str,
    /// The list's most popular part, when it ships one: alarms there are marked `(top 10k)` in the alarms file.
    top: Option<&'static str>,
}

/// The Chromium HSTS preload list (PyPI hstspreload): sites that asked browsers to force HTTPS.
const HSTS: PopularList = PopularList {
    name: "hsts-preload-domains.txt",
    hosts: HSTS_PRELOAD,
    alarms_file: "hsts-preload-alarms.txt",
    alarms: HSTS_PRELOAD_ALARMS,
    top: None,
};

/// The Tranco top million (MISP warning lists in PyPI pymispwarninglists): ranks are not shipped, so the whole
/// million is checked. It is a later list than the ranked top 100,000 below, which it mostly but not wholly holds
/// (344 of that extract's 398 hosts).
const TRANCO: PopularList = PopularList {
    name: "tranco-top1m.txt",
    hosts: TRANCO_TOP1M,
    alarms_file: "tranco-alarms.txt",
    alarms: TRANCO_ALARMS,
    top: Some(TRANCO_TOP10K),
};

/// The Chrome UX Report's top million origins (the same wheel): full host names, so a vendor's name in a
/// subdomain of another organisation's domain, which Tranco's registrable domains cannot show, is checked.
const CRUX: PopularList = PopularList {
    name: "crux-top1m.txt",
    hosts: CRUX_TOP1M,
    alarms_file: "crux-alarms.txt",
    alarms: CRUX_ALARMS,
    top: None,
};

/// The Cisco Umbrella top 20,000 DNS names (the same wheel): what resolvers are asked most, operators'
/// infrastructure hosts among them.
const UMBRELLA: PopularList = PopularList {
    name: "umbrella-top20k.txt",
    hosts: UMBRELLA_TOP20K,
    alarms_file: "umbrella-alarms.txt",
    alarms: UMBRELLA_ALARMS,
    top: None,
};

/// What the engine said of a popular list: the hosts it called lookalikes (with what it said) and the hosts whose
/// URLs it refused to parse (with why).
#[derive(Default)]
struct Answers {
    alarmed: BTreeMap<String, Vec<String>>,
    refused: BTreeMap<String, Vec<String>>,
}

impl PopularList {
    /// Hand-reviewed alarms: host → verdict and why.
    fn reviewed(&self) -> BTreeMap<&'static str, &'static str> {
        self.alarms
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('#'))
            .map(|(host, why)| (host.trim(), why.trim()))
            .collect()
    }

    /// The hosts alarmed or refused (bare, or with Zoom's join path), with what was said, and how long the list
    /// took.
    fn alarms(&self, db: &Database) -> (usize, Answers, std::time::Duration) {
        let started = std::time::Instant::now();
        let lines: Vec<(usize, &str)> = domains(self.hosts).collect();
        // Two halves on two threads: the Tranco list is two million URLs, and `make test` runs on two cores.
        let half = lines.len().div_ceil(2).max(1);
        let answers = std::thread::scope(|scope| {
            let workers: Vec<_> = lines
                .chunks(half)
                .map(|chunk| scope.spawn(move || self.alarms_in(db, chunk)))
                .collect();
            let mut answers = Answers::default();
            for worker in workers {
                let part = worker.join().expect("a classifying thread panicked");
                answers.alarmed.extend(part.alarmed);
                answers.refused.extend(part.refused);
            }
            answers
        });
        (lines.len(), answers, started.elapsed())
    }

    /// The alarms and refusals among `lines` (line number, host), bare and with Zoom's join path, with what was
    /// said.
    fn alarms_in(&self, db: &Database, lines: &[(usize, &str)]) -> Answers {
        let classifier = Classifier::new(db);
        let mut answers = Answers::default();
        for (line, host) in lines {
            for url in [
                format!("https://{host}/"),
                format!("https://{host}/j/85123456789"),
            ] {
                match classifier.classify(&url) {
                    // A list entry the engine cannot read as a URL (CrUX has a label of invalid punycode): said,
                    // and reviewed like an alarm, since the page still opens in a browser that accepts the host.
                    Err(e) => answers
                        .refused
                        .entry(host.to_string())
                        .or_default()
                        .push(format!("  {url} refused ({}:{line}): {e}", self.name)),
                    Ok(class) => {
                        if let Some(of) = class.lookalike_of {
                            answers
                                .alarmed
                                .entry(host.to_string())
                                .or_default()
                                .push(format!(
                                    "  {url} called a lookalike of {}: {}",
                                    db.entry(of).vendor.id,
                                    class.lookalike_reason.unwrap_or_default()
                                ));
                        }
                    }
                }
            }
        }
        answers
    }

    /// Every alarm must be reviewed in the alarms file; prints the table of alarms (the time is printed, not
    /// asserted).
    fn check_reviewed(&self) {
        let db = Database::bundled();
        let reviewed = self.reviewed();
        let (hosts, Answers { alarmed, refused }, elapsed) = self.alarms(&db);
        let false_alarms = alarmed
            .keys()
            .filter(|h| {
                reviewed
                    .get(h.as_str())
                    .is_some_and(|v| v.starts_with("false-alarm"))
            })
            .count();
        println!(
            "\n{}: {hosts} hosts, {} URLs in {elapsed:.2?}: {} hosts alarmed, {false_alarms} of them reviewed as \
             false alarms; {} hosts refused",
            self.name,
            2 * hosts,
            alarmed.len(),
            refused.len()
        );
        for (host, lines) in alarmed.iter().chain(&refused) {
            println!(
                "  {host}: {}",
                reviewed
                    .get(host.as_str())
                    .copied()
                    .unwrap_or("NOT REVIEWED")
            );
            for line in lines {
                println!("  {line}");
            }
        }
        if let Some(top) = self.top {
            // The `(top 10k)` marks must say which alarmed hosts are among the most popular sites.
            let top: BTreeSet<&str> = domains(top).map(|(_, host)| host).collect();
            self.check_marks(
                &reviewed,
                "`(top 10k)` marks disagree with tranco-top10k.txt",
                |host, why| top.contains(host) != why.contains("(top 10k)"),
            );
            println!(
                "  of them in the top {}: {}",
                top.len(),
                alarmed.keys().filter(|h| top.contains(h.as_str())).count()
            );
        }
        // A refusal is no alarm: its verdict says so, and an alarm's verdict cannot say `refused`.
        self.check_marks(
            &reviewed,
            "`refused` verdicts disagree with the engine",
            |host, why| {
                let is_refused = refused.contains_key(host);
                (is_refused || alarmed.contains_key(host))
                    && why.starts_with("refused") != is_refused
            },
        );
        let mut answered = alarmed;
        answered.extend(refused);
        let open: BTreeSet<&str> = reviewed.keys().copied().collect();
        check_known_open(self.alarms_file, &open, &answered);
    }

    /// Fails naming the reviewed hosts whose verdict (`why`) `disagrees` with what is known of them.
    fn check_marks(
        &self,
        reviewed: &BTreeMap<&str, &str>,
        what: &str,
        disagrees: impl Fn(&str, &str) -> bool,
    ) {
        let wrong: Vec<&str> = reviewed
            .iter()
            .filter(|(host, why)| disagrees(host, why))
            .map(|(host, _)| *host)
            .collect();
        assert!(
            wrong.is_empty(),
            "{}: {what} for {wrong:?}",
            self.alarms_file
        );
    }

    /// The target: no alarm on the list but the defensible ones.
    fn check_no_false_alarm(&self) {
        let db = Database::bundled();
        let reviewed = self.reviewed();
        let (_, Answers { alarmed, .. }, _) = self.alarms(&db);
        let false_alarms: Vec<&String> = alarmed
            .keys()
            .filter(|h| {
                !reviewed
                    .get(h.as_str())
                    .is_some_and(|v| v.starts_with("defensible"))
            })
            .collect();
        assert!(
            false_alarms.is_empty(),
            "{} legitimate hosts of {} called lookalikes (target 0): {false_alarms:?}",
            false_alarms.len(),
            self.name
        );
    }
}

#[test]
fn hsts_preload_hosts_raise_only_reviewed_lookalike_alarms() {
    HSTS.check_reviewed();
}

#[test]
fn popular_domain_false_alarm_target_is_met() {
    HSTS.check_no_false_alarm();
}

#[test]
fn tranco_hosts_raise_only_reviewed_lookalike_alarms() {
    TRANCO.check_reviewed();
}

/// The target on the Tranco list (it asks for the top 100,000; the shipped list is the top million, and
/// the alarms file marks which alarmed hosts are in the top 10,000).
#[test]
#[ignore = "target not met yet (see tests/data/real/README.md); `make accuracy` checks it"]
fn tranco_false_alarm_target_is_met() {
    TRANCO.check_no_false_alarm();
}

/// The issue's own list, the Tranco top 100,000 ranked (MetaMask's copy): only its hosts that hold a vendor's
/// name or a part of one (the extract's `Substrings:` line), which are the hosts that can be called lookalikes of
/// those names; tests/data/real/README.md says what the extract leaves out.
const TRANCO_100K: PopularList = PopularList {
    name: "tranco-top100k-extract.txt",
    hosts: TRANCO_TOP100K,
    alarms_file: "tranco-top100k-alarms.txt",
    alarms: TRANCO_TOP100K_ALARMS,
    top: None,
};

#[test]
fn tranco_top100k_hosts_raise_only_reviewed_lookalike_alarms() {
    TRANCO_100K.check_reviewed();
}

/// The literal target, "0 lookalike alarms on the Tranco top 100,000", on the hosts of it that hold a
/// vendor's name or a part of one.
#[test]
fn tranco_top100k_false_alarm_target_is_met() {
    TRANCO_100K.check_no_false_alarm();
}

/// A comma-separated list of the extract's header, on the line starting with `prefix`, lower-cased.
fn top100k_header_list(prefix: &str) -> Vec<String> {
    TRANCO_TOP100K
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("tranco-top100k-extract.txt has no `{prefix}` line"))
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The extract was copied by hand, so its shape is checked here: every line `rank,host` with a numeric rank from
/// 1 to 100,000, ranks strictly increasing (the source's order), no host twice.
#[test]
fn tranco_top100k_extract_is_ranked() {
    let mut last = 0u32;
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for (line, entry) in TRANCO_TOP100K.lines().enumerate() {
        let entry = entry.split('#').next().unwrap_or("").trim();
        if entry.is_empty() {
            continue;
        }
        let Some((rank, host)) = entry.split_once(',') else {
            wrong.push(format!("line {}: `{entry}` is not `rank,host`", line + 1));
            continue;
        };
        match rank.parse::<u32>() {
            Ok(rank) if rank > last && rank <= 100_000 => last = rank,
            _ => wrong.push(format!(
                "line {}: rank `{rank}` is not a number above {last} and at most 100,000",
                line + 1
            )),
        }
        if !seen.insert(host) {
            wrong.push(format!("line {}: `{host}` again", line + 1));
        }
    }
    assert!(
        wrong.is_empty(),
        "tranco-top100k-extract.txt:\n{}",
        wrong.join("\n")
    );
}

/// The extract holds only hosts with one of its substrings, so it speaks for a vendor only where one of them is
/// part of a brand term (a host holding the term then holds the substring). Every bundled vendor's brand term is
/// either covered so or listed in the extract's `# Not covered` line: a vendor added later whose names the
/// extract misses fails here by name, instead of passing the top-100,000 target unchecked.
#[test]
fn tranco_top100k_extract_says_which_vendor_names_it_does_not_cover() {
    let substrings = top100k_header_list("# Substrings (case-insensitive):");
    let listed: BTreeSet<String> = top100k_header_list("# Not covered:").into_iter().collect();
    let db = Database::bundled();
    let mut uncovered = BTreeSet::new();
    let mut wrong = Vec::new();
    for index in 0..db.len() {
        let vendor = &db.entry(index).vendor;
        for term in &vendor.brand_terms {
            if substrings.iter().any(|s| term.contains(s.as_str())) {
                continue;
            }
            uncovered.insert(term.clone());
            if !listed.contains(term) {
                wrong.push(format!(
                    "{}: brand term `{term}` holds none of the extract's substrings, so the top-100,000 test \
                     never sees a host with it: widen tranco-top100k-extract.txt (read the source again for it) \
                     or add it to its `# Not covered:` line, with why",
                    vendor.id
                ));
            }
        }
    }
    for term in listed.difference(&uncovered) {
        wrong.push(format!(
            "`{term}` is in the `# Not covered:` line but is no uncovered brand term of a bundled vendor"
        ));
    }
    println!(
        "\ntranco-top100k-extract.txt: {} brand terms not covered by its substrings",
        uncovered.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every host reviewed in tranco-alarms.txt says whether it is in the top 100,000: `(top 100k)` or `(not top
/// 100k)`, checked against the extract; a host with none of the extract's substrings cannot be told either way, so
/// the extract must first be widened to cover it.
#[test]
fn tranco_alarms_say_whether_in_the_top_100k() {
    let substrings = top100k_header_list("# Substrings (case-insensitive):");
    let ranked: BTreeSet<&str> = domains(TRANCO_TOP100K).map(|(_, host)| host).collect();
    // The extract holds exactly the lines with a substring: a line without one would say it was cut wrong.
    let stray: Vec<&&str> = ranked
        .iter()
        .filter(|h| !substrings.iter().any(|s| h.contains(s.as_str())))
        .collect();
    assert!(
        stray.is_empty(),
        "extract lines with no substring: {stray:?}"
    );
    let mut wrong = Vec::new();
    for (host, why) in TRANCO.reviewed() {
        let said = (why.contains("(top 100k)"), why.contains("(not top 100k)"));
        if !substrings.iter().any(|s| host.contains(s.as_str())) {
            wrong.push(format!(
                "{host}: holds no substring of the extract, so whether it is in the top 100,000 is unknown \
                 (widen tranco-top100k-extract.txt)"
            ));
        } else if said != (ranked.contains(host), !ranked.contains(host)) {
            wrong.push(format!(
                "{host}: the extract says {}",
                if ranked.contains(host) {
                    "(top 100k)"
                } else {
                    "(not top 100k)"
                }
            ));
        }
    }
    println!(
        "\ntranco-alarms.txt: {} reviewed hosts, {} in the top 100,000",
        TRANCO.reviewed().len(),
        TRANCO
            .reviewed()
            .keys()
            .filter(|h| ranked.contains(*h))
            .count()
    );
    assert!(
        wrong.is_empty(),
        "tranco-alarms.txt: top-100k marks wrong or missing:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn crux_hosts_raise_only_reviewed_lookalike_alarms() {
    CRUX.check_reviewed();
}

/// The target on full host names: reviewed, and not met while `crux-alarms.txt` holds false alarms.
#[test]
#[ignore = "target not met yet (see tests/data/real/README.md); `make accuracy` checks it"]
fn crux_false_alarm_target_is_met() {
    CRUX.check_no_false_alarm();
}

#[test]
fn umbrella_hosts_raise_only_reviewed_lookalike_alarms() {
    UMBRELLA.check_reviewed();
}

/// Not met while Microsoft infrastructure hosts no Microsoft document names stay alarmed (`umbrella-alarms.txt`).
#[test]
#[ignore = "target not met yet (see tests/data/real/README.md); `make accuracy` checks it"]
fn umbrella_false_alarm_target_is_met() {
    UMBRELLA.check_no_false_alarm();
}

#[test]
fn the_split_rule_is_sha256() {
    // FIPS 180-4 test vectors: the split check above rests on this function.
    let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
    assert_eq!(
        hex(sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(sha256(
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        )),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

/// Whether `text` names `key` as a whole host or URL: not as part of a longer label, host or path (`zoom-sdk.com`
/// is not named by `api.zoom-sdk.com`, nor `https://x.example/` by `https://x.example/p/1`), while a URL followed
/// by a query or fragment still names it (`…/C8MCGVQB?sl=1` repeats `…/C8MCGVQB`).
fn names(text: &str, key: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let host = !key.contains('/');
    text.match_indices(key).any(|(at, _)| {
        let rest = &text[at + key.len()..];
        let mut after = rest.chars();
        let (next, then) = (after.next(), after.next());
        if host {
            let before = text[..at].chars().next_back();
            // A longer host: a label or a dot before, a label character after, or a dot and another label.
            let longer = before.is_some_and(|c| part(c) || c == '.')
                || next.is_some_and(part)
                || (next == Some('.') && then.is_some_and(|c| c.is_ascii_alphanumeric()));
            !longer
        } else {
            !next.is_some_and(|c| part(c) || "/.%~=&+".contains(c))
        }
    })
}

#[test]
fn held_out_rows_are_named_nowhere_else() {
    // A held-out row named in the data's README, a known-open file or a row others tune on has been seen: it must
    // be marked `seen` (README, "Seen rows"). A held-out row quoted by another held-out row is still unseen, and an
    // invitation's key is the page it was read on, which tune links may cite as their source too.
    let lookalikes = rows(
        "lookalikes.tsv",
        LOOKALIKES,
        &["host", "vendor", "source", "date", "split"],
        0,
    );
    let links = rows(
        "meeting-links.tsv",
        MEETING_LINKS,
        &["url", "vendor", "kind", "source", "date", "split"],
        0,
    );
    let pages = rows(
        "phishing-pages/index.tsv",
        PAGES,
        &[
            "file", "set", "vendor", "class", "url", "source", "date", "split",
        ],
        5,
    );
    let mut places: Vec<(String, String)> = [
        ("README.md", DATA_README),
        ("lookalikes-open.txt", LOOKALIKES_OPEN),
        ("meeting-links-open.txt", MEETING_LINKS_OPEN),
        ("invitations-open.txt", INVITATIONS_OPEN),
        ("phishing-pages-open.txt", PAGES_OPEN),
    ]
    .iter()
    .map(|(name, text)| (name.to_string(), text.to_string()))
    .collect();
    for (file, text) in [
        ("lookalikes.tsv", LOOKALIKES),
        ("meeting-links.tsv", MEETING_LINKS),
        ("invitations.tsv", INVITATIONS),
        ("phishing-pages/index.tsv", PAGES),
    ] {
        for (i, line) in text.lines().enumerate() {
            let split = line.rsplit('\t').next().unwrap_or_default();
            if !line.starts_with('#') && matches!(split, "tune" | "seen") {
                places.push((format!("{file}:{}", i + 1), line.to_string()));
            }
        }
    }
    let mut named = Vec::new();
    for (file, rows, key) in [
        ("lookalikes.tsv", &lookalikes, 0),
        ("meeting-links.tsv", &links, 0),
        ("phishing-pages/index.tsv", &pages, 5),
    ] {
        for row in rows.iter().filter(|r| r.split == "holdout") {
            for (place, text) in &places {
                if names(text, row.cols[key]) {
                    let label = miss_label(row.cols[key], "holdout");
                    named.push(format!("{file}:{} ({label}) in {place}", row.line));
                }
            }
        }
    }
    assert!(
        named.is_empty(),
        "held-out rows named where they are read while tuning (mark them `seen`, tests/data/real/README.md): {named:#?}"
    );
}

#[test]
fn naming_is_by_whole_host_or_url() {
    assert!(names("see zoom-sdk.com.", "zoom-sdk.com"));
    assert!(!names("api.zoom-sdk.com", "zoom-sdk.com"));
    assert!(!names("zoom-sdk.com.example", "zoom-sdk.com"));
    assert!(!names("my-zoom-sdk.com", "zoom-sdk.com"));
    assert!(names("https://m.example/a/B?sl=1", "https://m.example/a/B"));
    assert!(!names("https://m.example/a/Bc", "https://m.example/a/B"));
    assert!(!names("https://x.example/p/1", "https://x.example/"));
}

#[test]
fn the_warning_says_why_in_params_a_translation_can_use() {
    let db = Database::bundled();
    let engine = joinguard::Engine::new(&db, joinguard::Policy::default());
    let finding = |url: &str| {
        let assessment = engine.assess_url(url).expect("a URL");
        assessment
            .findings
            .into_iter()
            .find(|f| f.id == "lookalike-domain")
            .unwrap_or_else(|| panic!("{url}: no lookalike-domain finding"))
    };
    let param =
        |f: &joinguard::Finding, name: &str| f.params.get(name).cloned().unwrap_or_default();
    let teams = finding("https://microsoftt-teams.com/");
    assert_eq!(param(&teams, "variant"), "brand-with-words");
    assert_eq!(param(&teams, "more"), "how_doubled_letter");
    assert!(
        teams
            .message
            .contains("`microsoftt` is `microsoft` with a letter doubled"),
        "{}",
        teams.message
    );
    assert!(!teams.message.contains("look-alike"), "{}", teams.message);
    let zoom = finding("https://zooom.us/j/85123456789");
    assert_eq!(param(&zoom, "variant"), "misspelling");
    assert_eq!(param(&zoom, "written"), "zooom");
    let meet = finding("https://meet.googie.com-join.us/abc-defg-hij");
    assert_eq!(param(&meet, "variant"), "misspelt-service");
    assert_eq!(param(&meet, "more"), "how_lookalike_character");
}

/// Invitations in the vendors' real wording, copied from public pages (each with where it was seen), and a
/// scheme-less link in a post: each must report the exposed meeting ID and passcode.
#[test]
fn real_invitation_wording_reports_exposed_credentials() {
    let db = Database::bundled();
    let engine = joinguard::Engine::new(&db, joinguard::Policy::default());
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            // IETF interim meeting mail (ietf.webex.com), as archived publicly.
            "webex",
            "615734219",
            "IETF interim-meeting mail",
            "JOIN WEBEX MEETING\nhttps://ietf.webex.com/ietf/j.php?MTID=med94e0e0db21d028e4f79c3b026f6d84\nMeeting number (access code): 615 734 219\n\nMeeting password: TSV703\n",
        ),
        (
            // A forwarded Webex invitation quoted in a public project file (orangedemo.webex.com).
            "webex",
            "1282881912",
            "forwarded Webex invitation",
            "Join Webex Meeting \nMeeting number (access code): 128 288 1912 Meeting password:\nvGxayEWe398 \n",
        ),
        (
            // A post with a link written without its scheme, as chat messages and forums show it.
            "zoom",
            "85123456789",
            "scheme-less Zoom link in a post",
            "Call starts now: zoom.us/j/85123456789 passcode 482913 see you there",
        ),
    ];
    for (vendor, id, what, text) in cases {
        let findings = joinguard::text::Scanner::new(&engine).scan_text(text);
        assert!(
            findings.iter().any(|f| f.id == "credentials-exposed"
                && f.vendor.as_deref() == Some(*vendor)
                && f.meeting_id.as_deref() == Some(*id)),
            "{what}: no exposed {vendor} credentials for {id}: {findings:?}"
        );
    }
}

/// A text column of a data file: `\n` newline, `\t` tab, `\\` backslash.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            other => panic!("invitations.tsv: unknown escape \\{other:?} (use \\n, \\t or \\\\)"),
        }
    }
    out
}

/// Real invitations in the vendors' own wording (tests/data/real/invitations.tsv): each must report its
/// vendor's meeting (the join link where the row names one) and, where it carries a passcode, the exposed
/// credentials; an invitation without a secret must not be reported as exposing one. Misses are listed in
/// invitations-open.txt (held-out rows by hash), like the other regression guards here.
#[test]
fn real_invitations_report_the_meeting_and_exposed_credentials_or_known_open() {
    let db = Database::bundled();
    let engine = joinguard::Engine::new(&db, joinguard::Policy::default());
    let rows = rows(
        "invitations.tsv",
        INVITATIONS,
        &[
            "source",
            "vendor",
            "meeting_id",
            "link",
            "expect",
            "scan_as",
            "note",
            "date",
            "text",
            "split",
        ],
        0,
    );
    let mut table = Table::new();
    let mut missed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &rows {
        let [source, vendor, id, link, expect, scan_as, ..] = row.cols[..] else {
            unreachable!("rows() checked the column count")
        };
        assert!(
            db.get(vendor).is_some(),
            "invitations.tsv:{}: unknown vendor {vendor}",
            row.line
        );
        let text = unescape(row.cols[8]);
        let findings = joinguard::text::Scanner::new(&engine)
            .scan_document(text.as_bytes(), scan_as)
            .unwrap_or_else(|e| panic!("invitations.tsv:{}: {e}", row.line));
        let of_vendor = |f: &&joinguard::text::ScanFinding| f.vendor.as_deref() == Some(vendor);
        let exposed = findings.iter().filter(of_vendor).any(|f| {
            f.id == "credentials-exposed" && (id == "-" || f.meeting_id.as_deref() == Some(id))
        });
        let any_exposed = findings.iter().any(|f| f.id == "credentials-exposed");
        let meeting = findings
            .iter()
            .filter(of_vendor)
            .any(|f| link == "-" || f.url.as_deref() == Some(link));
        let (credentials_right, why) = match expect {
            "credentials" => (exposed, "credentials not reported"),
            "no-credentials" => (
                !any_exposed,
                "credentials reported, but the text carries none",
            ),
            "link" => (true, ""),
            other => panic!("invitations.tsv:{}: unknown expect {other}", row.line),
        };
        let split = row.split;
        tally(&mut table, split, vendor, meeting, credentials_right);
        if !(meeting && credentials_right) {
            let label = miss_label(source, split);
            let line = if split == "holdout" {
                format!("  {label}")
            } else {
                let got: Vec<String> = findings
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} {} {}",
                            f.id,
                            f.vendor.as_deref().unwrap_or("-"),
                            f.meeting_id.as_deref().unwrap_or("-"),
                            f.url.as_deref().unwrap_or("-")
                        )
                    })
                    .collect();
                let why = if meeting { why } else { "meeting not reported" };
                format!("  {split:7} {source}  (want {vendor} {id} {expect}: {why}; got {got:?})")
            };
            missed.entry(label).or_default().push(line);
        }
    }
    print_table(
        "Real invitations (tests/data/real/invitations.tsv)",
        "meeting right",
        "credentials right",
        &table,
    );
    print_missed_and_check(
        "invitations-open.txt",
        &known_open(INVITATIONS_OPEN),
        &missed,
    );
}

/// The page captures' signals, as tools/page-signals.mjs gathered them with the extension's own content-script
/// module in Chromium (`signals/<file without .html>.json`).
fn page_signals(file: &str) -> PageSignals {
    let stem = file
        .strip_suffix(".html")
        .expect("page captures are .html files");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real/phishing-pages/signals")
        .join(format!("{stem}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `node tools/page-signals.mjs`)",
            path.display()
        )
    });
    PageSignals::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The vendors whose name a warning on an imitation of `imitated` may give: the vendor itself, and for a
/// Microsoft account sign-in (the page Teams lures lead to, not a conferencing vendor's own page) the vendors
/// Microsoft makes.
fn page_vendors(imitated: &str) -> &'static [&'static str] {
    match imitated {
        "microsoft" => &["teams", "skype"],
        // A Google account sign-in: the account Meet lures lead to, as the Microsoft account is Teams's.
        "google" => &["meet"],
        "zoom" => &["zoom"],
        "teams" => &["teams"],
        "meet" => &["meet"],
        "webex" => &["webex"],
        "whatsapp" => &["whatsapp"],
        "skype" => &["skype"],
        "slack" => &["slack"],
        "discord" => &["discord"],
        "signal" => &["signal"],
        "bigbluebutton" => &["bigbluebutton"],
        // A benign page that names no vendor of the database (a self-hosted product's own sign-in).
        "none" => &[],
        other => {
            panic!("phishing-pages/index.tsv: no vendor list for {other}: add it to page_vendors")
        }
    }
}

/// What the engine says of each page capture. Phishing pages: caught by the page layer (a `phishing-login`
/// finding naming the imitated vendor) and by the host or the page (also a lookalike verdict on the address it
/// was served at), per (split, vendor); the misses (neither) by file. Benign pages: every page or host alarm.
struct PageVerdicts {
    table: Table,
    missed: BTreeMap<String, Vec<String>>,
    benign: Tally,
    alarms: BTreeMap<String, Vec<String>>,
}

fn page_verdicts(db: &Database) -> PageVerdicts {
    let rows = rows(
        "phishing-pages/index.tsv",
        PAGES,
        &[
            "file", "set", "vendor", "class", "url", "source", "date", "split",
        ],
        5,
    );
    let policy = Settings::default().resolve(db).expect("default settings");
    let engine = Engine::new(db, policy);
    let mut verdicts = PageVerdicts {
        table: Table::new(),
        missed: BTreeMap::new(),
        benign: Tally::default(),
        alarms: BTreeMap::new(),
    };
    for row in &rows {
        let [file, set, vendor, class, url, source, ..] = row.cols[..] else {
            unreachable!("rows() checked the column count")
        };
        let classes: &[&str] = if set == "phishing" {
            &["capture", "tool"]
        } else {
            // `organisation`: an organisation's own sign-in built on a vendor's software, on its own host (AD FS,
            // Outlook on the web), which must stay quiet however much of the vendor's page it shows.
            // `identity-provider`: an identity provider's own sign-in (Keycloak), which lists the accounts it
            // federates ("Microsoft", "Google") beside its own password form.
            // `integration`: a third party's page that embeds a vendor's web client or join form (a plugin's join
            // page, an app's meeting page), which names the vendor and may ask for the meeting's passcode.
            &[
                "vendor",
                "third-party",
                "organisation",
                "identity-provider",
                "integration",
            ]
        };
        assert!(
            classes.contains(&class),
            "phishing-pages/index.tsv:{}: class {class} in set {set}",
            row.line
        );
        let signals = page_signals(file);
        assert_eq!(
            signals.url, url,
            "phishing-pages/index.tsv:{}: the signals were gathered at another address",
            row.line
        );
        let page = engine.assess_page(&signals);
        let names: Vec<&str> = page_vendors(vendor)
            .iter()
            .map(|id| {
                db.entry(db.get(id).expect("vendor in the database"))
                    .vendor
                    .name
                    .as_str()
            })
            .collect();
        let warned = |f: &&joinguard::Finding| f.id == "phishing-login";
        let page_says: Vec<String> = page
            .assessment
            .findings
            .iter()
            .filter(warned)
            .map(|f| f.params.get("vendor").cloned().unwrap_or_default())
            .collect();
        let host_says = page.assessment.lookalike_of.clone();
        let what = format!(
            "page: {}; host: {}",
            if page_says.is_empty() {
                "quiet".to_string()
            } else {
                format!("{page_says:?}")
            },
            host_says.as_deref().unwrap_or("quiet")
        );
        match set {
            "phishing" => {
                let by_page = page_says.iter().any(|v| names.contains(&v.as_str()));
                let by_host = host_says
                    .as_deref()
                    .is_some_and(|v| page_vendors(vendor).contains(&v));
                // Short labels keep the table's columns: `kit` a capture of a kit used in the wild, `tool` a
                // phishing tool's template.
                let label = format!(
                    "{vendor}/{}",
                    if class == "capture" { "kit" } else { "tool" }
                );
                tally(
                    &mut verdicts.table,
                    row.split,
                    &label,
                    by_page,
                    by_page || by_host,
                );
                if !(by_page || by_host) {
                    let key = miss_label(source, row.split);
                    let line = if row.split == "holdout" {
                        format!("  {key}")
                    } else {
                        format!("  {:7} {file} ({vendor}, {class})  {what}", row.split)
                    };
                    verdicts.missed.entry(key).or_default().push(line);
                }
            }
            "benign" => {
                let alarm = !page_says.is_empty() || host_says.is_some();
                verdicts.benign.add(!alarm);
                if alarm {
                    verdicts
                        .alarms
                        .entry(file.to_string())
                        .or_default()
                        .push(format!("  {file} ({vendor}, {class})  {what}"));
                }
            }
            other => panic!("phishing-pages/index.tsv:{}: set {other}", row.line),
        }
    }
    verdicts
}

#[test]
fn phishing_pages_are_caught_or_known_open_and_benign_pages_stay_quiet() {
    let db = Database::bundled();
    let verdicts = page_verdicts(&db);
    print_table(
        "Phishing pages captured from kits (tests/data/real/phishing-pages/), vendor/class: page layer alone, and \
         host or page (the hosts are placeholders where the source does not say where a page was served)",
        "page",
        "host or page",
        &verdicts.table,
    );
    println!(
        "Benign pages that name a vendor, quiet (no page or host alarm): {}",
        verdicts.benign.show()
    );
    for lines in verdicts.alarms.values() {
        for line in lines {
            println!("{line}");
        }
    }
    print_missed_and_check(
        "phishing-pages-open.txt",
        &known_open(PAGES_OPEN),
        &verdicts.missed,
    );
    // No benign page may alarm: an alarm there is a false warning on a real page, never a known-open case.
    assert!(
        verdicts.alarms.is_empty(),
        "benign pages alarmed (tests/data/real/phishing-pages/index.tsv):\n{}",
        verdicts
            .alarms
            .values()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_page_capture_has_its_signals_and_no_signals_file_is_left_over() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real/phishing-pages");
    let listed: BTreeSet<String> = PAGES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect();
    let on_disk = |sub: &str, ext: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir.join(sub))
            .expect("phishing-pages directory")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| Some(format!("{}.html", name.strip_suffix(ext)?)))
            .collect()
    };
    assert_eq!(
        on_disk(".", ".html"),
        listed,
        "HTML files and index.tsv rows"
    );
    assert_eq!(
        on_disk("signals", ".json"),
        listed,
        "signals files and index.tsv rows"
    );
}
