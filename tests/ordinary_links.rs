//! The shortcut for ordinary links (`classify` answers without the URL parser when the screen clears a URL
//! whose text is already in the parser's form) against the parser itself: same target, same host, nothing
//! found, and the screen's promise checked against the full parse.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use joinguard::{Database, Engine, Kind, Policy};

#[test]
fn the_shortcut_answers_what_the_parser_answers() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let classifier = &engine.classifier;
    let popular: Vec<String> = corpus::popular_domains()
        .iter()
        .flat_map(|d| [format!("https://{d}/"), format!("http://www.{d}/a/b?c=d#e")])
        .collect();
    // Texts the parser rewrites or refuses: none may keep its raw form in `target`.
    let tricky: Vec<String> = [
        "https://Example.com/",
        "HTTPS://example.com/",
        "http://example.com",
        "https://example.com?q=1",
        "https://example.com:443/",
        "https://example.com:8080/x",
        "https://example.com/a/../b",
        "https://example.com/a/./b",
        "https://example.com/%2e%2E/x",
        "https://example.com/.well-known/x",
        "http://0x7f.1/",
        "http://127.0.0.1/",
        "http://1.2.3.4.example/",
        "https://example.com/?q=\"x\"",
        "https://example.com/?q='x'",
        "https://example.com/a b",
        "https://example.com/{x}",
        "https://example.com/#a`b",
        "https://example.com/a^b|c",
        "https://ex_ample.com/",
        "https://xn--zz.com/",
        "https://xn--e1awd7f.com/",
        "https://a..com/",
        "https://.example.com/",
        "https://example.com./p",
        "https://example.com../p",
        "https://user@example.com/",
        "https://example.com\\@evil.example/",
        "https://exa%6dple.com/",
        "https://example.com/\u{200b}",
        "https:///x",
        // Dot segments the parser removes, leading to a wrapper's path (a redirect to a lookalike) or to a
        // shape that applies on any host.
        "https://www.google.com/x/../url?q=https://zoom-install.com/j/1",
        "https://www.google.com/./url?q=https://zoom-install.com/j/1",
        "https://www.google.com/x/%2e%2E/url?q=https://zoom-install.com/j/1",
        "https://www.google.com/a/b/.%2e/../url?q=https://zoom-install.com/j/1",
        "https://l.facebook.com/x/../l.php?u=https://zoom-install.com/j/1",
        "https://example.org/x/../bigbluebutton/api/join?meetingID=1&fullName=a&checksum=b",
    ]
    .iter()
    .map(|u| u.to_string())
    .collect();
    let corpus = corpus::corpus(20_000);
    let mut shortcut = 0;
    let mut wrong = Vec::new();
    for url in corpus.iter().chain(&popular).chain(&tricky) {
        let fast = classifier.classify(url);
        let full = classifier.classify_parsed_with(url, &|_| None);
        if classifier.screen(url) {
            continue;
        }
        // The screen's promise, against the full parse.
        match &full {
            Ok(c)
                if c.vendor.is_none()
                    && c.lookalike_of.is_none()
                    && c.unwrapped.is_empty()
                    && c.tricks.is_empty()
                    && c.kind == Kind::None => {}
            other => wrong.push(format!(
                "{url}: screened out, but the parser says {other:?}"
            )),
        }
        if fast != full {
            wrong.push(format!("{url}: shortcut {fast:?}\n  parser {full:?}"));
        }
        if fast.as_ref().is_ok_and(|c| c.target == *url) {
            shortcut += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Most of a realistic corpus is ordinary and already in the parser's form.
    assert!(
        shortcut > corpus.len() * 8 / 10,
        "only {shortcut} URLs kept their text"
    );
}
