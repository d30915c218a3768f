//! The compact codes of a batch (`Engine::url_codes`, what the wasm facade's `classifyUrls` returns) against the
//! full assessment of each URL: the same vendor, kind, lookalike and facts, and the badge flag on exactly the
//! links `screen_links` returns, under the default policy and an organisation's.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use joinguard::codes::{flag, KINDS, STRIDE};
use joinguard::{Database, Engine, Policy, Settings};

fn check(engine: &Engine, urls: &[String]) {
    let db = engine.db();
    let mut codes = Vec::new();
    engine.url_codes(urls, &mut codes);
    assert_eq!(codes.len(), urls.len() * STRIDE);
    let vendor = |code: u32| (code > 0).then(|| db.entry(code as usize - 1).vendor.id.clone());
    let badges: Vec<usize> = engine.screen_links(urls).iter().map(|h| h.index).collect();
    let mut flagged = Vec::new();
    for (index, (url, code)) in urls.iter().zip(codes.chunks(STRIDE)).enumerate() {
        let [v, kind, lookalike, flags] = [code[0], code[1], code[2], code[3]];
        let has = |bit: u32| flags & bit != 0;
        if has(flag::BADGE) {
            flagged.push(index);
        }
        match engine.assess_url(url) {
            Err(_) => assert_eq!(code, [0, 5, 0, flag::UNREADABLE], "{url}"),
            Ok(a) => {
                assert_eq!(vendor(v), a.vendor, "{url}");
                assert_eq!(KINDS[kind as usize], a.kind, "{url}");
                assert_eq!(vendor(lookalike), a.lookalike_of, "{url}");
                assert_eq!(has(flag::EMBEDDED_SECRET), a.embedded_secret, "{url}");
                assert_eq!(has(flag::MEETING_ID), a.meeting_id.is_some(), "{url}");
                assert_eq!(has(flag::UNWRAPPED), !a.unwrapped.is_empty(), "{url}");
                let trick = a.findings.iter().any(|f| f.id == "suspicious-url");
                assert_eq!(has(flag::TRICK), trick, "{url}");
                assert!(!has(flag::UNREADABLE), "{url}");
                // Screened out: nothing to say about it, and no parse.
                if !has(flag::PARSED) {
                    assert_eq!(code, [0, 5, 0, 0], "{url}");
                    assert!(a.findings.is_empty(), "{url}");
                }
            }
        }
    }
    assert_eq!(flagged, badges);
}

fn urls() -> Vec<String> {
    let mut urls = corpus::corpus(5_000);
    urls.extend(
        [
            "https://us02web.zoom.us/j/85123456789?pwd=abc",
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_abc%2540thread.v2%2F0&data=x",
            "https://zoom.us.meeting-join.com/j/85123456789",
            "https://meet.google.com@evil.example/abc-defg-hij",
            "https://bbb.example.edu/b/ann-xyz-123",
            "https://zoom.us/pricing",
            "not a url at all",
            "ftp://zoom.us/j/1",
            "",
        ]
        .map(String::from),
    );
    urls
}

#[test]
fn codes_say_what_the_assessment_says() {
    let db = Database::bundled();
    check(&Engine::new(&db, Policy::default()), &urls());
}

#[test]
fn codes_follow_the_policy_and_self_hosted_instances() {
    let db = Database::bundled();
    let settings = Settings::from_json(
        r#"{"blocked_vendors": ["zoom"], "approved_vendors": ["teams"],
            "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}]}"#,
    )
    .unwrap();
    let engine = Engine::new(&db, settings.resolve(&db).unwrap());
    check(&engine, &urls());
    let mut codes = Vec::new();
    engine.url_codes(&["https://bbb.example.edu/b/ann-xyz-123"], &mut codes);
    let bbb = db.get("bigbluebutton").unwrap() as u32 + 1;
    assert_eq!(codes[0], bbb, "a self-hosted instance is its vendor's");
}

/// `url_codes_joined` (the facade's `classifyUrls` on ASCII batches) reads a batch as one text and the length
/// of each string: the same codes as `url_codes`, under both policies; lengths that do not add up to the text,
/// or that cut a character, write nothing, nor does `link_records_joined` (`screenLinks`).
#[test]
fn codes_of_a_joined_text_are_the_codes_of_its_strings() {
    let db = Database::bundled();
    let settings = Settings::from_json(
        r#"{"self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}]}"#,
    )
    .unwrap();
    let urls = urls();
    let text = urls.concat();
    let lengths: Vec<u32> = urls.iter().map(|u| u.len() as u32).collect();
    for engine in [
        Engine::new(&db, Policy::default()),
        Engine::new(&db, settings.resolve(&db).unwrap()),
    ] {
        let (mut each, mut joined) = (Vec::new(), vec![7]);
        engine.url_codes(&urls, &mut each);
        assert!(engine.url_codes_joined(&text, &lengths, &mut joined));
        assert_eq!(joined[0], 7, "appended after what was there");
        assert_eq!(joined[1..], each[..]);
    }
    let engine = Engine::new(&db, Policy::default());
    let mut codes = vec![7];
    for (text, lengths) in [
        ("https://zoom.us/j/1", &[5, 5][..]),
        ("https://zoom.us/j/1", &[30][..]),
        ("ab", &[u32::MAX, 3][..]),
        ("é", &[1, 1][..]),
    ] {
        assert!(
            !engine.url_codes_joined(text, lengths, &mut codes),
            "{text} {lengths:?}"
        );
        assert_eq!(codes, [7], "{text} {lengths:?}");
        let (mut records, mut extras) = (vec![7], String::from("x"));
        let written = engine.link_records_joined(text, lengths, &mut records, &mut extras);
        assert_eq!(
            (written.unwrap(), &records[..], extras.as_str()),
            (None, &[7][..], "x"),
            "{text} {lengths:?}"
        );
    }
}
