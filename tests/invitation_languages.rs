//! Invitations in the languages they arrive in: each vendor's own labels for the meeting ID and passcode, in
//! English, French, German, Spanish, Italian, Portuguese, Dutch and Japanese, must report the pair as exposed credentials (bundled database).
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
    // Teams' too, so an ID that fits both formats goes to the vendor the invitation names nearby.
    assert_exposed(
        "Zoom, French",
        "Participer à la réunion Zoom\nID de réunion : 851 2345 6789\nCode secret : 482913\n",
        Some("zoom"),
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
fn zoom_labels_in_italian_portuguese_and_dutch() {
    // Zoom's Italian, Brazilian Portuguese and Dutch help centre words (support.zoom.com KB0065199, KB0065203,
    // KB0060701): "ID riunione" / "passcode", "ID da reunião" / "código de acesso", "Vergadering-ID" /
    // "Wachtwoordcode".
    assert_exposed(
        "Zoom, Italian",
        "Entra nella riunione Zoom\nID riunione: 851 2345 6789\nPasscode: 482913\n",
        Some("zoom"),
        "85123456789",
    );
    assert_exposed(
        "Zoom, Portuguese",
        "Ingressar na reunião Zoom\nID da reunião: 851 2345 6789\nCódigo de acesso: 482913\n",
        Some("zoom"),
        "85123456789",
    );
    assert_exposed(
        "Zoom, Dutch",
        "Deelnemen aan Zoom-vergadering\nVergadering-ID: 851 2345 6789\nWachtwoordcode: 482913\n",
        Some("zoom"),
        "85123456789",
    );
}

#[test]
fn teams_labels_in_italian() {
    // Microsoft's Italian documentation (learn.microsoft.com it-it, TeamsMeetingIdLocator): "ID riunione",
    // "passcode". A 13-digit ID is Teams' only (Zoom's IDs have at most 11 digits).
    assert_exposed(
        "Teams, Italian",
        "Riunione di Microsoft Teams\nID riunione: 338 812 345 678 9\nPasscode: 9kL4Ts\n",
        Some("teams"),
        "3388123456789",
    );
}

#[test]
fn a_label_without_a_passcode_exposes_nothing() {
    // An ID alone is not a credential pair: no passcode label, no finding.
    assert!(exposed("ID de réunion : 338 812 345 678 9\nMerci\n").is_empty());
}

#[test]
fn a_label_two_vendors_share_goes_to_the_vendor_the_text_names() {
    // "ID de réunion" / "Code secret" are Zoom's and Teams' French labels, and an 11-digit ID fits both
    // formats: the name above the ID decides, the nearest one when both are named, and no name leaves it open.
    let id = "ID de réunion : 851 2345 6789\nCode secret : 482913\n";
    assert_exposed(
        "Teams named",
        &format!("Réunion Microsoft Teams\n{id}"),
        Some("teams"),
        "85123456789",
    );
    assert_exposed(
        "both named, Zoom nearer",
        &format!(
            "Remplace la réunion Microsoft Teams d'hier.\n\nParticiper à la réunion Zoom\n{id}"
        ),
        Some("zoom"),
        "85123456789",
    );
    assert_exposed(
        "no name",
        &format!("Rendez-vous demain\n{id}"),
        None,
        "85123456789",
    );
    // A word that only contains a name is not the name.
    assert_exposed(
        "no whole word",
        &format!("Zoomer la carte\n{id}"),
        None,
        "85123456789",
    );
    // A link to one of them nearby outweighs a name.
    assert_exposed(
        "link first",
        &format!("Réunion Microsoft Teams\nhttps://zoom.us/j/85123456789\n{id}"),
        Some("zoom"),
        "85123456789",
    );
}

#[test]
fn zoom_labels_in_spanish() {
    // Zoom's Spanish help (support.zoom.com/hc/es, KB0065208): "ID de reunión", "código de acceso"; Teams
    // shares both, so the name decides.
    assert_exposed(
        "Zoom, Spanish",
        "Unirse a la reunión Zoom\nID de reunión: 851 2345 6789\nCódigo de acceso: 482913\n",
        Some("zoom"),
        "85123456789",
    );
}

#[test]
fn webex_labels_in_french_german_and_spanish() {
    // Cisco's own password labels (help.webex.com fr-fr, de-DE, es-co: xm3o0v); the meeting-number labels
    // as rules/vendors/webex.toml [invitation] explains.
    assert_exposed(
        "Webex, French",
        "Rejoindre la réunion Webex\nNuméro de la réunion (code d'accès) : 2731 234 5678\nMot de passe de la réunion : Tmv36kRq3vJ\n",
        Some("webex"),
        "27312345678",
    );
    assert_exposed(
        "Webex, German",
        "Meeting beitreten\nMeeting-Kennnummer (Zugriffscode): 2731 234 5678\nMeeting-Passwort: Tmv36kRq3vJ\n",
        Some("webex"),
        "27312345678",
    );
    assert_exposed(
        "Webex, Spanish",
        "Entrar a la reunión\nNúmero de la reunión (código de acceso): 2731 234 5678\nContraseña de la reunión: Tmv36kRq3vJ\n",
        Some("webex"),
        "27312345678",
    );
}

#[test]
fn goto_access_code_is_its_meeting_id() {
    // GoToMeeting invitations print the phone "Access Code" (the meeting ID, in groups of three).
    assert_exposed(
        "GoTo, access code",
        "Dial +1 (805) 309-0033\nAccess Code: 832-632-170\nMeeting password: wX7pQ2\n",
        Some("goto"),
        "832632170",
    );
}

#[test]
fn teams_labels_in_portuguese() {
    // Microsoft's Portuguese quickstart (learn.microsoft.com pt-pt, get-started-teams-interop): "ID de reunião",
    // "senha". A 13-digit ID is Teams' only.
    assert_exposed(
        "Teams, Portuguese",
        "Reunião do Microsoft Teams\nID de reunião: 338 812 345 678 9\nSenha: 9kL4Ts\n",
        Some("teams"),
        "3388123456789",
    );
}

#[test]
fn webex_labels_in_dutch() {
    // Cisco's Dutch help (help.webex.com DOC-11125, ns4l61e): "vergaderingnummer", "Vergaderingwachtwoord".
    assert_exposed(
        "Webex, Dutch",
        "Deelnemen aan Webex-vergadering\nVergaderingnummer: 2731 234 5678\nVergaderingwachtwoord: Tmv36kRq3vJ\n",
        Some("webex"),
        "27312345678",
    );
}

#[test]
fn zoom_labels_in_japanese() {
    // Zoom's Japanese help (support.zoom.com/hc/ja, KB0065209): participants enter the "ミーティングID" and the
    // "パスコード"; the older edition of the article writes "ミーティング ID" with a space. The full-width colon
    // of Japanese text separates the label from its value as ":" does.
    assert_exposed(
        "Zoom, Japanese",
        "Zoomミーティングに参加する\nhttps://zoom.us/j/85123456789\n\nミーティングID: 851 2345 6789\nパスコード: 482913\n",
        Some("zoom"),
        "85123456789",
    );
    assert_exposed(
        "Zoom, Japanese, full-width colon and a space in the label",
        "ミーティング ID：851 2345 6789\nパスコード：Ab12cd\n",
        Some("zoom"),
        "85123456789",
    );
}

#[test]
fn japanese_near_misses_expose_nothing() {
    // The ID alone, a passcode label with a word after it instead of a code, and an ID label run on into a longer
    // word ("IDs") are not credential pairs.
    assert!(exposed("ミーティングID: 851 2345 6789\nよろしくお願いします。\n").is_empty());
    assert!(exposed("ミーティングID: 851 2345 6789\nパスコード: 別途お知らせします\n").is_empty());
    assert!(exposed("ミーティングIDs: 851 2345 6789\nパスコード: 482913\n").is_empty());
}
