//! The engine's side of the in-page features: screening many links for badges, the public-sites setting, and
//! exposed credentials with how to take the passcode out.

use joinguard::policy::DEFAULT_PUBLIC_SITES;
use joinguard::text::{exposed_credentials, without_secret};
use joinguard::{Database, Engine, Policy, Settings};

fn engine_with<'d>(db: &'d Database, settings: &str) -> Engine<'d> {
    let policy = Settings::from_json(settings).unwrap().resolve(db).unwrap();
    Engine::new(db, policy)
}

const SAFELINKS_TEAMS: &str = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_abc%2540thread.v2%2F0&data=x";

#[test]
fn screen_links_returns_only_meeting_links_and_lookalikes_with_their_index() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let urls = [
        "https://example.org/news",
        "https://us02web.zoom.us/j/85123456789?pwd=abc",
        "https://zoom.us/pricing",
        "https://zoom.us.meeting-join.com/j/85123456789",
        "not a url at all",
        SAFELINKS_TEAMS,
        "https://www.wikipedia.org/",
        "https://meet.google.com/abc-defg-hij",
        // The browser removes the dot segment (`/x/..`) and Google's redirect leads to a lookalike.
        "https://www.google.com/x/../url?q=https://zoom-install.com/j/1",
    ];
    let hits = engine.screen_links(&urls);
    let summary: Vec<(usize, Option<&str>, Option<&str>)> = hits
        .iter()
        .map(|h| {
            (
                h.index,
                h.assessment.vendor.as_deref(),
                h.assessment.lookalike_of.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, Some("zoom"), None),
            (3, None, Some("zoom")),
            (5, Some("teams"), None),
            (7, Some("meet"), None),
            (8, None, Some("zoom")),
        ]
    );
    assert_eq!(hits[2].assessment.unwrapped, vec!["safelinks"]);
    // The screen is exact: every URL it lets go has nothing to badge.
    for url in urls {
        if !engine.screen(url) {
            let a = engine.assess_url(url).unwrap();
            assert!(a.vendor.is_none() && a.lookalike_of.is_none() && a.findings.is_empty());
        }
    }
}

#[test]
fn screen_links_sees_policy_and_self_hosted_instances() {
    let db = Database::bundled();
    let engine = engine_with(
        &db,
        r#"{"approved_vendors": ["teams"], "blocked_vendors": ["zoom"],
            "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}]}"#,
    );
    let urls = [
        "https://us02web.zoom.us/j/85123456789",
        "https://meet.google.com/abc-defg-hij",
        "https://bbb.example.edu/b/ann-xyz-123",
    ];
    let hits = engine.screen_links(&urls);
    let ids = |i: usize| -> Vec<&str> {
        hits.iter()
            .find(|h| h.index == i)
            .map(|h| h.assessment.findings.iter().map(|f| f.id).collect())
            .unwrap_or_default()
    };
    assert!(ids(0).contains(&"blocked-vendor"));
    assert!(ids(1).contains(&"unapproved-vendor"));
    assert!(
        engine.screen(urls[2]),
        "a self-hosted host is never screened out"
    );
}

#[test]
fn public_sites_default_list_and_validation() {
    let db = Database::bundled();
    let defaults = Engine::new(&db, Policy::default());
    for host in [
        "x.com",
        "old.reddit.com",
        "www.linkedin.com",
        "mastodon.social",
    ] {
        assert!(defaults.policy.is_public_site(host), "{host}");
    }
    for host in [
        "mail.google.com",
        "notx.com",
        "outlook.office.com",
        "example.org",
    ] {
        assert!(!defaults.policy.is_public_site(host), "{host}");
    }
    assert!(DEFAULT_PUBLIC_SITES.contains(&"reddit.com"));

    let own = engine_with(&db, r#"{"public_sites": ["Forum.Example.org."]}"#);
    assert!(own.policy.is_public_site("forum.example.org"));
    assert!(own.policy.is_public_site("www.forum.example.org"));
    assert!(
        !own.policy.is_public_site("x.com"),
        "an organisation's list replaces the defaults"
    );
    let empty = engine_with(&db, r#"{"public_sites": []}"#);
    assert!(empty.policy.is_public_site("x.com"), "empty means defaults");

    let errors =
        Settings::from_json(r#"{"public_sites": ["*.example.org", "not a host", "localhost"]}"#)
            .unwrap()
            .resolve(&db)
            .unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("public_sites[0]: write `example.org` without `*.`"));
    assert!(errors[1].starts_with("public_sites[1]: host"));
    assert!(Settings::from_json(r#"{"public_sites": "x.com"}"#).is_err());
}

#[test]
fn exposed_credentials_come_with_their_redaction() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let texts = [
        "Join our call! Meeting ID: 851 2345 6789\nPasscode: 482913\nSee you",
        "Meeting ID: 851 2345 6789 Passcode: 482913 thanks",
        "nothing here, https://example.org/ and ID 42",
        "link: https://us02web.zoom.us/j/85123456789?pwd=abcDEF123&uname=Ann thanks",
        "Dial +16465588656,,85123456789#,,,,*482913# now",
        "Réunion : ID de réunion : 851 2345 6789 Code secret : 482913",
    ];
    let found = exposed_credentials(&engine, &texts);
    let summary: Vec<(usize, Option<&str>, &str, &str)> = found
        .iter()
        .map(|e| {
            let r = e.redaction.as_ref().expect("a redaction");
            (
                e.index,
                e.meeting_id.as_deref(),
                r.found.as_str(),
                r.replacement.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (0, Some("85123456789"), "Passcode: 482913", ""),
            (1, Some("85123456789"), "Passcode: 482913 ", ""),
            (
                3,
                Some("85123456789"),
                "https://us02web.zoom.us/j/85123456789?pwd=abcDEF123&uname=Ann",
                "https://us02web.zoom.us/j/85123456789?uname=Ann"
            ),
            (4, Some("85123456789"), ",,,,*482913#", ""),
            (5, Some("85123456789"), "Code secret : 482913", ""),
        ]
    );
    // Applying each redaction leaves nothing exposed.
    for e in &found {
        let r = e.redaction.as_ref().unwrap();
        let fixed = texts[e.index].replacen(&r.found, &r.replacement, 1);
        assert!(
            exposed_credentials(&engine, &[fixed.as_str()]).is_empty(),
            "{fixed}"
        );
    }
}

#[test]
fn links_lose_only_their_secret() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    assert_eq!(
        without_secret(&engine, "https://us02web.zoom.us/j/85123456789?pwd=abc").as_deref(),
        Some("https://us02web.zoom.us/j/85123456789")
    );
    assert_eq!(
        without_secret(
            &engine,
            "https://us02web.zoom.us/j/85123456789?from=addon&pwd=abc#success"
        )
        .as_deref(),
        Some("https://us02web.zoom.us/j/85123456789?from=addon#success")
    );
    assert_eq!(
        without_secret(&engine, "https://us02web.zoom.us/j/85123456789"),
        None,
        "no secret, nothing to take out"
    );
    let wrapped = format!(
        "https://www.google.com/url?q={}",
        "https%3A%2F%2Fus02web.zoom.us%2Fj%2F85123456789%3Fpwd%3Dabc"
    );
    assert_eq!(without_secret(&engine, &wrapped), None, "wrapped: cannot");
}
