//! src/idn.rs with `url` (stub IDNA back end) against url + ICU4X's full UTS 46, recorded in
//! tests/data/idn-hosts.tsv: the same host, or the same rejection, for every URL text there except the known
//! differences below (each with why it is left).

use joinguard::idn;
use url::Url;

/// Hosts (as written in the data file, in any of the rows made from them) that the engine knowingly reads
/// differently, and why: compatibility forms that are not ASCII and normalisation beyond one mark on a Latin
/// letter would need the Unicode tables src/idn.rs exists to leave out.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "ǅz.com",
        "compatibility form ǅ → dž not applied (lower case ǆ kept)",
    ),
    ("ǆ.com", "compatibility form ǆ → dž not applied"),
    ("㍿.jp", "compatibility form ㍿ → 株式会社 not applied"),
    ("ｶﾀｶﾅ.jp", "halfwidth katakana → katakana not applied"),
    (
        "\u{1100}\u{1161}.com",
        "Hangul jamo not composed into a syllable",
    ),
    (
        "a\\u{301}\\u{323}.com",
        "two combining marks: canonical order and composition not applied",
    ),
    (
        "a\\u{323}\\u{301}.com",
        "two combining marks: composition beyond the first mark not applied",
    ),
    (
        "à\\u{323}.com",
        "a mark after a precomposed letter: canonical order and composition not applied",
    ),
];

/// `\u{HEX}` → that character.
fn unescape(written: &str) -> String {
    let mut out = String::new();
    let mut rest = written;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let (hex, tail) = rest[at + 3..]
            .split_once('}')
            .expect("terminated \\u{ escape");
        out.push(char::from_u32(u32::from_str_radix(hex, 16).expect("hex")).expect("a character"));
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The host as the engine reads it: src/idn.rs, then `url` (a text without scheme gets `https://`, as
/// `classify::parse_web_url` does), or `ERR`.
fn host(text: &str) -> (String, String) {
    let parsed = idn::ascii_host(text)
        .map_err(String::from)
        .and_then(|ascii| {
            Url::parse(&ascii)
                .or_else(|e| match e {
                    url::ParseError::RelativeUrlWithoutBase => {
                        Url::parse(&format!("https://{ascii}"))
                    }
                    e => Err(e),
                })
                .map_err(|e| e.to_string())
        });
    match parsed {
        Ok(url) => {
            let host = url.host_str().unwrap_or_default().to_string();
            let unicode = idn::to_unicode(&host).into_owned();
            (host, unicode)
        }
        Err(e) => (format!("ERR {e}"), "-".into()),
    }
}

#[test]
fn hosts_read_as_full_uts46_reads_them() {
    let data = include_str!("data/idn-hosts.tsv");
    let mut differences = Vec::new();
    let mut rows = 0;
    for (number, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [written, expected, expected_unicode] = fields[..] else {
            panic!(
                "tests/data/idn-hosts.tsv:{}: three tab-separated fields expected",
                number + 1
            );
        };
        rows += 1;
        let (got, got_unicode) = host(&unescape(written));
        let known = KNOWN_DIFFERENCES
            .iter()
            .any(|(host, _)| written.contains(host));
        let same = got == expected && got_unicode == unescape(expected_unicode);
        if same == known {
            differences.push(format!(
                "line {}: {written}: {got} {got_unicode} (recorded: {expected} {expected_unicode}){}",
                number + 1,
                if known { " — listed as a known difference but now the same: remove it" } else { "" }
            ));
        }
    }
    assert!(rows > 3000, "only {rows} rows read");
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
