//! The page assessment's `recording` field, which the extension's recording warning reads: the indicator on a
//! meeting page with or without a consent notice, and nothing on pages that are not meeting pages.

use joinguard::page::{Button, PageSignals, RecordingSeen};
use joinguard::{Database, Engine, Settings};

fn recording(url: &str, notices: &[&str], buttons: &[&str]) -> Option<RecordingSeen> {
    let db = Database::bundled();
    let policy = Settings::default().resolve(&db).expect("default settings");
    let signals = PageSignals {
        url: url.to_string(),
        notices: notices.iter().map(|n| n.to_string()).collect(),
        buttons: buttons
            .iter()
            .map(|b| Button {
                text: b.to_string(),
                aria_label: String::new(),
            })
            .collect(),
        ..PageSignals::default()
    };
    Engine::new(&db, policy).assess_page(&signals).recording
}

const ZOOM_CLIENT: &str = "https://app.zoom.us/wc/85123456789/join";

#[test]
fn an_indicator_without_consent() {
    let seen = recording(ZOOM_CLIENT, &["Recording..."], &["Mute", "Leave"]).expect("recording");
    assert_eq!(seen.indicator, "Recording...");
    assert!(!seen.consent_notice);
}

#[test]
fn an_indicator_with_a_consent_notice_or_button() {
    let notice = recording(
        ZOOM_CLIENT,
        &[
            "● REC",
            "By continuing to be in the meeting, you are consenting to be recorded.",
        ],
        &[],
    )
    .expect("recording");
    assert_eq!(notice.indicator, "● REC");
    assert!(notice.consent_notice);
    let button = recording(
        "https://meet.jit.si/Projekttreffen2026",
        &["Aufzeichnung läuft"],
        &["Ich bin einverstanden"],
    )
    .expect("recording");
    assert!(button.consent_notice);
}

#[test]
fn reported_even_when_the_page_was_not_seen_whole() {
    // The finding about a missing consent notice needs the whole page; the field does not.
    let db = Database::bundled();
    let policy = Settings::default().resolve(&db).expect("default settings");
    let signals = PageSignals {
        url: ZOOM_CLIENT.to_string(),
        notices: vec!["Recording".to_string()],
        truncated: true,
        ..PageSignals::default()
    };
    let page = Engine::new(&db, policy).assess_page(&signals);
    assert!(page.recording.is_some());
    assert!(!page
        .assessment
        .findings
        .iter()
        .any(|f| f.id == "recording-without-notice"));
}

#[test]
fn nothing_without_an_indicator_or_off_meeting_pages() {
    assert_eq!(recording(ZOOM_CLIENT, &["Recording stopped"], &[]), None);
    assert_eq!(
        recording(ZOOM_CLIENT, &["Cloud recording settings"], &[]),
        None
    );
    assert_eq!(
        recording("https://zoom.us/pricing", &["Recording..."], &[]),
        None
    );
    assert_eq!(
        recording("https://example.org/", &["Recording..."], &[]),
        None
    );
}
