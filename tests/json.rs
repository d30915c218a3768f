//! The engine's own JSON (`joinguard::json`) against `serde_json`: the writer gives the same text for every
//! result the engine hands the extension (URL and page assessments, link hits, exposures, vendor cards,
//! settings), and the reader reads settings and page signals as `serde_json` did, with the errors naming
//! the line, column and field.

use std::path::Path;

use joinguard::json;
use joinguard::page::PageSignals;
use joinguard::{Database, Engine, Settings};
use serde::Serialize;

#[path = "support/link_records.rs"]
mod link_records;
use link_records::read_link_records;

fn engine() -> Engine<'static> {
    let db: &'static Database = Box::leak(Box::new(Database::bundled()));
    Engine::new(db, Settings::default().resolve(db).unwrap())
}

#[track_caller]
fn same_text<T: Serialize>(value: &T) {
    let ours = json::to_string(value).unwrap();
    let theirs = serde_json::to_string(value).unwrap();
    assert_eq!(ours, theirs);
}

/// The first column of the golden URL table and the samples, plus texts with every escape JSON has.
fn urls() -> Vec<String> {
    let golden = include_str!("data/golden-urls.tsv");
    let samples = include_str!("../samples/urls.txt");
    let mut urls: Vec<String> = golden
        .lines()
        .chain(samples.lines())
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect();
    let controls: String = (0u8..0x20).map(char::from).collect();
    urls.push(format!(
        "https://zoom.us/j/123?pwd=\"q\\{controls}\u{7f}é\u{2028}😀"
    ));
    urls.push("https://zооm.us/j/1".into());
    urls
}

#[test]
fn the_writer_writes_what_serde_json_writes() {
    let engine = engine();
    let urls = urls();
    assert!(urls.len() > 100, "the golden table was read");
    let mut assessed = 0;
    for url in &urls {
        if let Ok(assessment) = engine.assess_url(url) {
            same_text(&assessment);
            assessed += 1;
        }
    }
    assert!(assessed > 100);
    let hits = engine.screen_links(&urls);
    assert!(!hits.is_empty());
    same_text(&hits);
    let texts = [
        "Join Zoom Meeting https://us02web.zoom.us/j/85012345678?pwd=abcDEF123 Meeting ID: 850 1234 5678 Passcode: 123456",
        "nothing here",
    ];
    let exposures = joinguard::text::exposed_credentials(&engine, &texts);
    assert!(!exposures.is_empty());
    same_text(&exposures);

    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    for entry in std::fs::read_dir(&pages).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let signals = PageSignals::from_json(&text).unwrap();
        same_text(&signals);
        same_text(&engine.assess_page(&signals));
    }

    let db = engine.db();
    for index in 0..db.len() {
        let entry = db.entry(index);
        same_text(&(&entry.vendor, &entry.grade));
    }
    same_text(&Settings::default());
    same_text(&std::collections::BTreeMap::from([
        (3u32, "three"),
        (10, "ten"),
    ]));
    same_text(&[Some('x'), None]);
}

/// `Engine::link_records` (the facade's `screenLinks`) writes numbers for each hit and JSON only for what they do
/// not say, naming the tables of `Engine::write_link_tables`: read back as extension/background/batch.js reads
/// them, they must be the built hits, as `serde_json` writes them, under the default policy and an
/// organisation's (blocked, approved and self-hosted vendors, hidden findings), on the golden table, the
/// samples, the bench corpus and texts with escapes.
#[test]
fn link_records_read_with_their_tables_are_the_derives_hits() {
    let db: &'static Database = Box::leak(Box::new(Database::bundled()));
    let mut urls = urls();
    urls.extend(
        include_str!("../benches/data/urls.txt")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(str::to_string),
    );
    urls.extend([
        "https://bbb.example.edu/b/ann-xyz-123".to_string(),
        "https://user@zoom.us/j/1".to_string(),
        "https://zoom.us\\@evil.example/j/1".to_string(),
        "https://zoom.us/j/1?pwd=\"\u{1}".to_string(),
        // A lone surrogate of JavaScript's string, as the facade receives it: the link's text in the extras,
        // escaped.
        "https://us02web.zoom.us/j/85123456789?x=\u{fffd}\"".to_string(),
    ]);
    let settings = [
        "{}",
        r#"{"approved_vendors": ["teams", "jitsi"], "blocked_vendors": ["zoom", "skype"],
            "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}]}"#,
        r#"{"approved_vendors": ["hangouts"], "disabled_findings": ["vendor-risk", "suspicious-url"]}"#,
    ];
    let mut seen = String::new();
    for settings in settings {
        let policy = Settings::from_json(settings).unwrap().resolve(db).unwrap();
        let engine = Engine::new(db, policy);
        let mut tables = String::new();
        engine.write_link_tables(&mut tables).unwrap();
        let tables: serde_json::Value = serde_json::from_str(&tables).unwrap();
        // Appended to what the buffers hold, in batches as the facade sends them.
        let (mut records, mut extras) = (vec![7], String::from("before"));
        for batch in urls.chunks(500) {
            let hits = engine.screen_links(batch);
            let (start, extras_start) = (records.len(), extras.len());
            let count = engine.link_records(batch, &mut records, &mut extras);
            assert_eq!(count.unwrap(), hits.len());
            assert!(records[0] == 7 && extras.starts_with("before"));
            let read =
                read_link_records(&tables, batch, &records[start..], &extras[extras_start..]);
            assert_eq!(read, serde_json::to_value(&hits).unwrap());
            // The same batch as one text and its strings' lengths (the facade's ASCII batches).
            let lengths: Vec<u32> = batch.iter().map(|url| url.len() as u32).collect();
            let (mut joined, mut joined_extras) = (Vec::new(), String::new());
            let count = engine.link_records_joined(
                &batch.concat(),
                &lengths,
                &mut joined,
                &mut joined_extras,
            );
            assert_eq!(count.unwrap(), Some(hits.len()));
            assert_eq!(
                (&joined[..], joined_extras.as_str()),
                (&records[start..], &extras[extras_start..])
            );
            seen.push_str(&serde_json::to_string(&read).unwrap());
            seen.push_str(&extras[extras_start..]);
        }
    }
    // What the corpora reach: every finding of a link (and escapes) and the shapes of a vendor-risk finding and of a
    // retired service, so that none of them is left unchecked. (No vendor graded on all six facts has a
    // reason against it in the database today: the `reasons` variant is the same code as
    // `provisional_reasons` without the count.)
    for needle in [
        "\"lookalike-domain\"",
        "\"suspicious-url\"",
        "\"retired-service\"",
        "\"successor_name\":\"",
        "\"blocked-vendor\"",
        "\"unapproved-vendor\"",
        "\"embedded-secret\"",
        "\"vendor-risk\"",
        "\"variant\":\"provisional_reasons\"",
        "\"variant\":\"ungraded\"",
        "\"reason_list\":\"[{\\\"id\\\"",
        "\"unwrapped\":[\"",
        "{\"url\":\"https://us02web.zoom.us/j/85123456789?x=\u{fffd}\\\"\"",
    ] {
        assert!(seen.contains(needle), "nothing written has {needle}");
    }
}

/// The writer copies the runs between escapes eight bytes at a time: every byte that JSON escapes, and some
/// that it does not, at every place of strings of up to three words, alone and in pairs.
#[test]
fn escapes_are_written_wherever_they_fall() {
    let bytes: Vec<char> = (0u8..0x20)
        .map(char::from)
        .chain([
            '"', '\\', ' ', '!', '#', '[', ']', '\u{7f}', 'é', '\u{2028}',
        ])
        .collect();
    for len in 0..=24 {
        for at in 0..len {
            for &c in &bytes {
                let text: String = (0..len).map(|i| if i == at { c } else { 'a' }).collect();
                same_text(&text);
                let twice: String = (0..len)
                    .map(|i| {
                        if i == at || i == (at * 7 + 3) % len {
                            c
                        } else {
                            'b'
                        }
                    })
                    .collect();
                same_text(&twice);
            }
        }
    }
}

#[test]
fn the_writer_refuses_what_json_cannot_say_here() {
    assert!(json::to_string(&1.5f64).is_err());
    assert!(json::to_string(&std::collections::BTreeMap::from([((1, 2), 3)])).is_err());
}

#[test]
fn the_reader_reads_what_serde_json_reads() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    for entry in std::fs::read_dir(&pages).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let ours: PageSignals = json::from_str(&text).unwrap();
        let theirs: PageSignals = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs, "{}", path.display());
    }
    let text = r#" { "approved_vendors" : [ "zoom" , "teams" ], "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}],
        "disabled_findings": [], "public_sites": ["a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac\ud83d\ude00"] } "#;
    let ours: Settings = json::from_str(text).unwrap();
    assert_eq!(ours, serde_json::from_str::<Settings>(text).unwrap());
    assert_eq!(ours.public_sites[0], "a\"b\\c/d\u{8}\u{c}\n\r\té€😀");

    // Whole numbers, signs and the limits of 64 bits; `null` for an option.
    assert_eq!(
        json::from_str::<Vec<i64>>("[0, -1, 9223372036854775807, -9223372036854775808]").unwrap(),
        [0, -1, i64::MAX, i64::MIN]
    );
    assert_eq!(
        json::from_str::<u64>("18446744073709551615").unwrap(),
        u64::MAX
    );
    assert_eq!(json::from_str::<Option<bool>>("null").unwrap(), None);
    assert_eq!(
        json::from_str::<(bool, bool)>("[true,false]").unwrap(),
        (true, false)
    );
}

/// `text`, which serde reads with a struct from a list of its fields, is refused by the engine's reader, which
/// names the struct `what` it expected.
fn refused_as_a_list<T: serde::de::DeserializeOwned>(text: &str, what: &str) {
    assert!(serde_json::from_str::<T>(text).is_ok(), "{text}");
    let e = json::from_str::<T>(text).err().expect(text);
    assert_eq!(
        e.message,
        format!("invalid type: sequence, expected {what}"),
        "{text}"
    );
}

/// The one place the reader parts from `serde_json` on purpose: a struct written as a list of its fields in
/// order, which `serde_json` reads and nothing that writes to the engine writes, is refused at every depth.
#[test]
fn a_struct_is_read_from_an_object_only() {
    for (text, what) in [
        (
            r#"{"self_hosted": [["bbb.example.edu", "bigbluebutton"]]}"#,
            "struct SelfHosted",
        ),
        (r#"[[], [], [], [], [], []]"#, "struct Settings"),
    ] {
        refused_as_a_list::<Settings>(text, what);
    }
    for (text, what) in [
        (
            r#"{"url": "https://a.example/", "forms": [["", true, [], "Sign in"]]}"#,
            "struct Form",
        ),
        (
            r#"{"url": "https://a.example/", "forms": [{"fields": [["password", "pw", "", ""]]}]}"#,
            "struct Field",
        ),
        (
            r#"{"url": "https://a.example/", "links": [["https://b.example/", "b", ""]]}"#,
            "struct Link",
        ),
        (
            r#"{"url": "https://a.example/", "buttons": [["Sign in", ""]]}"#,
            "struct Button",
        ),
    ] {
        refused_as_a_list::<PageSignals>(text, what);
    }
    assert!(json::from_str::<PageSignals>(r#"["https://a.example/"]"#).is_err());
}

#[test]
fn a_lone_surrogate_reads_as_a_replacement_character() {
    // What JSON.stringify writes for a JavaScript string holding half a pair.
    let text: String = json::from_str(r#""a\ud800b\udc00c\ud83d\u0041""#).unwrap();
    assert_eq!(text, "a\u{fffd}b\u{fffd}c\u{fffd}A");
}

#[test]
fn the_reader_refuses_bad_text_saying_where() {
    let error = |text: &str| json::from_str::<Settings>(text).unwrap_err();
    let unknown = error("{\n  \"blocked\": []\n}");
    let theirs = serde_json::from_str::<Settings>("{\n  \"blocked\": []\n}").unwrap_err();
    assert_eq!(unknown.line, theirs.line(), "{unknown:?}");
    assert!(
        unknown.message.contains("unknown field `blocked`"),
        "{unknown}"
    );
    assert!(unknown.message.contains("approved_vendors"), "{unknown}");
    let wrong_type = error(r#"{"public_sites": "x.com"}"#);
    assert_eq!(
        wrong_type.message,
        "invalid type: string \"x.com\", expected a sequence"
    );
    let number = error(r#"{"public_sites": [5]}"#);
    assert_eq!(
        number.message,
        "invalid type: integer `5`, expected a string"
    );
    for bad in [
        "",
        "{",
        r#"{"public_sites": [1.5]}"#,
        r#"{"public_sites": [1e3]}"#,
        r#"{"public_sites": [01]}"#,
        r#"{"public_sites": [99999999999999999999]}"#,
        r#"{"public_sites": ["a",]}"#,
        r#"{"public_sites": ["a" "b"]}"#,
        r#"{"public_sites": ["a\x"]}"#,
        r#"{"public_sites": ["\u12"]}"#,
        "{\"public_sites\": [\"a\tb\"]}",
        r#"{"public_sites": [nul]}"#,
        r#"{public_sites: []}"#,
        r#"{"public_sites" []}"#,
        r#"{} {}"#,
        r#"{"public_sites": ["a"]"#,
    ] {
        let e = error(bad);
        assert!(e.line >= 1, "{bad}: {e:?}");
        let theirs = serde_json::from_str::<Settings>(bad);
        assert!(theirs.is_err(), "serde_json reads {bad}");
    }
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let e = json::from_str::<serde::de::IgnoredAny>(&deep).unwrap_err();
    assert!(e.message.contains("recursion limit"), "{e}");
}

#[test]
fn settings_and_signals_errors_name_line_column_and_fields() {
    // The column counts the bytes read on the line: the key and its colon.
    let e = Settings::from_json("{\n  \"aproved_vendors\": []\n}").unwrap_err();
    assert!(
        e.starts_with("settings, line 2 column 20: unknown field `aproved_vendors`"),
        "{e}"
    );
    let e = PageSignals::from_json(r#"{"url": "https://zoom.us/", "iframes": []}"#).unwrap_err();
    assert!(
        e.starts_with("page signals, line 1 column 38: unknown field `iframes`"),
        "{e}"
    );
}
