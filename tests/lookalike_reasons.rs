//! Every lookalike the engine flags on real data gets a specific reason: a `variant` of its own (`Why`), with
//! every param the extension's sentence for it needs (extension/shared/findings-text.js), so no warning falls
//! back to the general wording or says "look-alike characters" when the reason is something else (issue 11).
//!
//! Hosts: the threat-report lookalikes of tests/data/real/lookalikes.tsv (both splits: this checks the wording,
//! not recall, and names no host that is not flagged) and the reviewed alarms of the popular-domain lists,
//! each bare and with a join path of the vendor it imitates.

use std::collections::BTreeMap;

use joinguard::lookalike::Why;
use joinguard::{Database, Engine, Policy};

/// `'variant': ['message_key', 'param', …]` lines of the `'lookalike-domain'` block of findings-text.js.
fn extension_wordings() -> BTreeMap<String, Vec<String>> {
    let js = include_str!("../extension/shared/findings-text.js");
    let block = js
        .split("'lookalike-domain': {")
        .nth(1)
        .and_then(|rest| rest.split("\n    },").next())
        .expect("findings-text.js has a 'lookalike-domain' block");
    block
        .lines()
        .filter_map(|line| {
            let (variant, list) = line.trim().split_once(": [")?;
            let quoted: Vec<String> = list
                .trim_end_matches("],")
                .split(", ")
                .map(|s| s.trim_matches('\'').to_string())
                .collect();
            Some((variant.trim_matches('\'').to_string(), quoted[1..].to_vec()))
        })
        .collect()
}

fn hosts() -> Vec<(String, String)> {
    let mut hosts = Vec::new();
    for line in include_str!("data/real/lookalikes.tsv").lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if !line.starts_with('#') && cols.len() > 2 {
            hosts.push((cols[0].to_string(), cols[1].to_string()));
        }
    }
    for file in [
        include_str!("data/real/tranco-alarms.txt"),
        include_str!("data/real/hsts-preload-alarms.txt"),
    ] {
        for line in file.lines().filter(|l| !l.starts_with('#')) {
            if let Some(host) = line.split_whitespace().next() {
                hosts.push((host.to_string(), "zoom".to_string()));
            }
        }
    }
    hosts
}

fn join_path(vendor: &str) -> &'static str {
    match vendor {
        "teams" => "/l/meetup-join/19%3ameeting_ZmQ2NjEyYzctNDA5Yi00YTRj%40thread.v2/0",
        "meet" => "/abc-defg-hij",
        "slack" => "/huddle/T07LSULVCQY/C07L45LKYHY",
        "signal" => "/call/#key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
        "whatsapp" => "/video/AbCdEfGhIjKlMnOpQrStUv",
        _ => "/j/85123456789?pwd=abc",
    }
}

#[test]
fn every_flagged_real_host_gets_a_specific_reason() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let wordings = extension_wordings();
    let codes: Vec<&str> = Why::ALL.iter().map(|why| why.code()).collect();
    for code in &codes {
        assert!(
            wordings.contains_key(*code),
            "findings-text.js has no wording for {code}"
        );
    }
    let mut flagged = 0;
    let mut by_variant: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (host, vendor) in hosts() {
        for url in [
            format!("https://{host}/"),
            format!("https://{host}{}", join_path(&vendor)),
        ] {
            let assessment = engine.assess_url(&url).expect("a URL");
            let Some(finding) = assessment
                .findings
                .iter()
                .find(|f| f.id == "lookalike-domain")
            else {
                continue;
            };
            flagged += 1;
            let param = |name: &str| finding.params.get(name).map(String::as_str);
            let variant = param("variant").unwrap_or("");
            *by_variant.entry(variant.to_string()).or_default() += 1;
            let Some(names) = wordings.get(variant).filter(|_| codes.contains(&variant)) else {
                problems.push(format!("{url}: no specific reason (variant `{variant}`)"));
                continue;
            };
            for name in names {
                if param(name).is_none_or(str::is_empty) {
                    problems.push(format!("{url}: {variant} without its `{name}` param"));
                }
            }
            let says_lookalike = finding.message.contains("look-alike");
            // `also`: a second edit of another kind (`name_edits`), said as a sentence of its own.
            let is_lookalike = variant == "lookalike-characters"
                || ["more", "also"].into_iter().any(|name| {
                    matches!(
                        param(name),
                        Some("how_lookalike_character" | "how_lookalike_characters")
                    )
                });
            if says_lookalike != is_lookalike {
                problems.push(format!(
                    "{url}: {variant}, `look-alike` in the message is {says_lookalike}: {}",
                    finding.message
                ));
            }
        }
    }
    println!("{flagged} flagged URLs, by reason: {by_variant:?}");
    assert!(
        flagged > 300,
        "the corpus flags {flagged} URLs: data missing?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Signal's call link (`signal.link/call/#key=<key>`) under a `signal.` label of someone else's domain is
/// flagged as the name with the vendor's meeting link, as `zoom.<x>/j/…` and `teams.<x>/l/meetup-join/…` are;
/// the key is in the fragment, which the engine must hand to the check. Without the key, or with a key not of
/// Signal's shape, `signal.` is an organisation's own (trading signals, signal processing). Invented hosts.
#[test]
fn signal_s_call_link_on_someone_else_s_host_is_the_name_with_the_vendor_s_link() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let finding = |url: &str| {
        engine
            .assess_url(url)
            .expect("a URL")
            .findings
            .into_iter()
            .find(|f| f.id == "lookalike-domain")
    };
    let key = "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx";
    for url in [
        format!("https://signal.example-trading.com/call/#key={key}"),
        format!("https://signal.example-trading.com/call#key={key}"),
        format!("https://call.signal.example.org/call/#key={key}"),
    ] {
        let found = finding(&url).unwrap_or_else(|| panic!("{url}: not flagged"));
        let param = |name: &str| found.params.get(name).map(String::as_str);
        assert_eq!(param("variant"), Some("brand-with-path"), "{url}");
        assert_eq!(param("brand"), Some("signal"), "{url}");
    }
    for url in [
        // The name alone, or with Signal's path and no key.
        "https://signal.example-trading.com/".to_string(),
        "https://signal.example-trading.com/call".to_string(),
        "https://signal.example-trading.com/call/".to_string(),
        "https://signal.example-trading.com/call/#pricing".to_string(),
        // The key elsewhere than the fragment, or on another path.
        format!("https://signal.example-trading.com/call/?key={key}"),
        format!("https://signal.example-trading.com/#key={key}"),
        // Keys not of Signal's shape: a vowel, seven groups, upper case, one letter four times, two keys.
        "https://signal.example-trading.com/call/#key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtza"
            .to_string(),
        "https://signal.example-trading.com/call/#key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps"
            .to_string(),
        "https://signal.example-trading.com/call/#key=BCDF-GHKM-NPQR-STXZ-CBDG-FHKN-MQPS-RTZX"
            .to_string(),
        "https://signal.example-trading.com/call/#key=bbbb-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx"
            .to_string(),
        format!("https://signal.example-trading.com/call/#key={key}&key={key}"),
        // The name run into a label is the brand words' business, not this rule's.
        format!("https://mysignal.example-trading.com/call/#key={key}"),
    ] {
        assert!(finding(&url).is_none(), "{url}: flagged");
    }
    // The page's links (link badges, the text scan) reach the check through the classifier's memo, not
    // `assess_url`: the fragment must be handed on there too, and a host answered without a key first must not
    // keep that answer for its link with one (review, session 42: passing "" there failed no test).
    let links = [
        "https://signal.example-trading.com/call/".to_string(),
        format!("https://signal.example-trading.com/call/#key={key}"),
        "https://signal.example-trading.com/".to_string(),
        format!("https://signal.example-trading.com/call#key={key}"),
    ];
    let flagged: Vec<usize> = engine
        .screen_links(&links)
        .iter()
        .filter(|hit| hit.assessment.lookalike_of.as_deref() == Some("signal"))
        .map(|hit| hit.index)
        .collect();
    assert_eq!(flagged, [1, 3], "screen_links over {links:?}");
    // Signal's own call link stays Signal's.
    let own = engine
        .assess_url(&format!("https://signal.link/call/#key={key}"))
        .expect("a URL");
    assert!(own.findings.iter().all(|f| f.id != "lookalike-domain"));
}
