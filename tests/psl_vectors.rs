//! The Public Suffix List's own test vectors (`data/psl/test_psl.txt`, upstream `tests/test_psl.txt`) against
//! `joinguard::psl`, and every rule of the vendored list found again through the compiled trie.

use joinguard::psl::{domain_str, suffix_str};

/// `checkPublicSuffix('a.b.example.com', 'example.com');` → (input, expected registrable domain).
fn vectors() -> Vec<(usize, Option<String>, Option<String>)> {
    let text = include_str!("../data/psl/test_psl.txt");
    let argument = |a: &str| {
        let a = a.trim();
        (a != "null").then(|| a.trim_matches('\'').to_string())
    };
    text.lines()
        .enumerate()
        .filter_map(|(number, line)| {
            let inner = line
                .trim()
                .strip_prefix("checkPublicSuffix(")?
                .strip_suffix(");")?;
            let (input, expected) = inner.split_once(',')?;
            Some((number + 1, argument(input), argument(expected)))
        })
        .collect()
}

/// Hosts as a URL parser hands them over (lower case, IDN labels punycoded), as the engine calls the lookup.
fn canonical(host: &str) -> String {
    if host.is_ascii() {
        host.to_ascii_lowercase()
    } else {
        joinguard::idn::to_ascii(host).expect("the vectors' IDN hosts are valid")
    }
}

#[test]
fn upstream_test_vectors_pass() {
    let vectors = vectors();
    assert!(vectors.len() >= 70, "only {} vectors read", vectors.len());
    let mut failures = Vec::new();
    for (line, input, expected) in vectors {
        let Some(input) = input else {
            continue; // `null` input: no host to look up, nothing to call.
        };
        let host = canonical(&input);
        let got = domain_str(&host);
        let expected = expected.as_deref().map(canonical);
        if got != expected.as_deref() {
            failures.push(format!(
                "test_psl.txt:{line}: {input} → {got:?}, expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_of_the_list_is_a_suffix() {
    let list = include_str!("../data/psl/public_suffix_list.dat");
    let mut rules = 0;
    for (number, line) in list.lines().enumerate() {
        let rule = line.split_whitespace().next().unwrap_or("");
        if rule.is_empty() || rule.starts_with("//") {
            continue;
        }
        rules += 1;
        let (host, expected) = if let Some(exception) = rule.strip_prefix('!') {
            // `!city.kobe.jp`: the exception's parent is the suffix.
            let parent = exception
                .split_once('.')
                .expect("an exception has a parent")
                .1;
            (format!("www.{exception}"), canonical(parent))
        } else if let Some(base) = rule.strip_prefix("*.") {
            (
                format!("www.wildcard.{base}"),
                canonical(&format!("wildcard.{base}")),
            )
        } else {
            (format!("www.{rule}"), canonical(rule))
        };
        let host = canonical(&host);
        let got = suffix_str(&host).unwrap_or("");
        // A longer rule can cover the test host (`www.ck` is an exception of `*.ck`): the suffix then ends
        // with the rule's, never less.
        assert!(
            got.len() >= expected.len() && got.ends_with(&expected),
            "public_suffix_list.dat:{}: `{rule}`: suffix of {host} is {got:?}",
            number + 1
        );
    }
    assert!(rules > 9_000, "only {rules} rules read");
}
