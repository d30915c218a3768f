//! Invitations in the languages they arrive in: each vendor's own labels for the meeting ID and passcode, in
//! English, French, German and Spanish, must report the pair as exposed credentials (bundled database).
//! The wording of each case is the vendor's (the source is named next to it, and in the vendor's `[invitation]`).

use joinguard::{Database, Engine, Policy};

fn exposed(text: &str) -> Vec<(Option<String>, Option<String>)> {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    joinguard::text::Scanner::new(&engine)
        .scan_text(text)
        .into_iter()
        .filter(|f| f.id == "credentials-exposed")
        .map(|f| (f.vendor, f.meeting_id))
        .collect()
}

/// `vendor` is `None` when the wording and the ID fit several vendors ("ID de réunion" and an 11-digit ID are
/// Zoom's and Teams' alike): the credentials are still reported, without naming a vendor.
fn assert_exposed(what: &str, text: &str, vendor: Option<&str>, id: &str) {
    let found = exposed(text);
    assert!(
        found
            .iter()
            .any(|(v, i)| v.as_deref() == vendor && i.as_deref() == Some(id)),
        "{what}: no exposed {vendor:?} credentials for {id} in {text:?}: {found:?}"
    );
}

#[test]
fn teams_labels_in_french_and_spanish() {
    // Microsoft's French and Spanish documentation (learn.microsoft.com, joinMeetingIdSettings): "ID de réunion",
    // "code secret"; "código de acceso".
    assert_exposed(
        "Teams, French",
        "Réunion Microsoft Teams\nID de réunion : 338 812 345 678 9\nCode secret : 9kL4Ts\n",
        Some("teams"),
        "3388123456789",
    );
    assert_exposed(
        "Teams, Spanish",
        "Reunión de Microsoft Teams\nID de reunión: 338 812 345 678 9\nCódigo de acceso: 9kL4Ts\n",
        Some("teams"),
        "3388123456789",
    );
}

#[test]
fn zoom_labels_in_french_and_german() {
    // Zoom's French and German invitation labels (rules/vendors/zoom.toml [invitation]); the French ones are
    // Teams' too, so an ID that fits both formats is reported without a vendor.
    assert_exposed(
        "Zoom, French",
        "Participer à la réunion Zoom\nID de réunion : 851 2345 6789\nCode secret : 482913\n",
        None,
        "85123456789",
    );
    assert_exposed(
        "Zoom, German",
        "Zoom-Meeting beitreten\nMeeting-ID: 851 2345 6789\nKenncode: 482913\n",
        Some("zoom"),
        "85123456789",
    );
}

#[test]
fn a_label_without_a_passcode_exposes_nothing() {
    // An ID alone is not a credential pair: no passcode label, no finding.
    assert!(exposed("ID de réunion : 338 812 345 678 9\nMerci\n").is_empty());
}
