//! The `joinguard` command as a user runs it: output formats, exit statuses and error messages.

use std::path::PathBuf;
use std::process::{Command, Output};

fn joinguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_joinguard"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the joinguard binary runs")
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}")))
        .collect()
}

#[test]
fn check_json_is_one_object_per_url_with_the_contract_fields() {
    let output = joinguard(&[
        "check",
        "--json",
        "https://us02web.zoom.us/j/85123456789?pwd=abc",
        "https://zoom.us.meeting-join.com/j/85123456789",
        "https://www.wikipedia.org/",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    for line in &lines {
        for field in [
            "url",
            "vendor",
            "kind",
            "lookalike_of",
            "meeting_id",
            "embedded_secret",
            "grade",
            "findings",
        ] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
    }
    assert_eq!(lines[0]["vendor"], "zoom");
    assert_eq!(lines[0]["embedded_secret"], true);
    assert_eq!(lines[1]["lookalike_of"], "zoom");
    assert!(lines[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "lookalike-domain" && f["severity"] == "danger"));
    assert_eq!(lines[2]["kind"], "none");
    assert!(lines[2]["vendor"].is_null());
}

#[test]
fn check_names_an_invalid_url_and_exits_2_after_checking_the_others() {
    let output = joinguard(&[
        "check",
        "javascript:alert(1)",
        "https://zoom.us/j/5551234567",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("javascript:alert(1)"),
        "{}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("Zoom"),
        "the valid URL is still checked"
    );
}

#[test]
fn scan_reports_an_unreadable_file_and_still_scans_the_rest() {
    let output = joinguard(&[
        "scan",
        "--json",
        "samples/no-such-file.txt",
        "samples/invitation-zoom.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("samples/no-such-file.txt: cannot read"),
        "{}",
        stderr(&output)
    );
    let lines = json_lines(&output);
    assert_eq!(lines[0]["file"], "samples/no-such-file.txt");
    assert!(lines[0]["error"].is_string());
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l["id"].as_str().unwrap_or_default())
        .collect();
    assert!(ids.contains(&"credentials-exposed"), "{ids:?}");
    assert!(ids.contains(&"lookalike-link"), "{ids:?}");
}

#[test]
fn scan_finds_the_eml_invitation_and_exits_0() {
    let output = joinguard(&["scan", "samples/invitation-teams.eml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("meeting-link"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_bad_policy_file_names_the_file_and_the_field() {
    let dir = std::env::temp_dir().join(format!("joinguard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.json");
    std::fs::write(&policy, r#"{ "approved_vendors": ["zooom"] }"#).unwrap();
    let output = joinguard(&[
        "check",
        "--policy",
        policy.to_str().unwrap(),
        "https://zoom.us/j/5551234567",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("policy.json") && message.contains("approved_vendors[0]"),
        "{message}"
    );
    // serde would read an array by position; settings are an object only.
    std::fs::write(&policy, r#"[["zoom"]]"#).unwrap();
    let output = joinguard(&[
        "check",
        "--policy",
        policy.to_str().unwrap(),
        "https://zoom.us/j/5551234567",
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("JSON object"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn vendor_explains_the_grade_and_list_has_every_vendor() {
    let output = joinguard(&["vendor", "zoom"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("Zoom"));
    let list = joinguard(&["vendor", "list", "--json"]);
    let vendors = json_lines(&list);
    assert!(vendors.len() >= 40, "{} vendors", vendors.len());
    // A letter (or `?`) for every active vendor; a retired one has a status instead of a letter.
    for v in &vendors {
        let retired = v["standing"] == "retired";
        assert_eq!(v["grade"].is_string(), !retired, "{v}");
    }
    let skype = vendors.iter().find(|v| v["id"] == "skype").unwrap();
    assert_eq!(skype["standing"], "retired");
    let text = stdout(&joinguard(&["vendor", "skype"]));
    assert!(text.contains("status: retired on 2025-05-05"), "{text}");
    let unknown = joinguard(&["vendor", "zooom"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("vendor list"));
}

#[test]
fn version_names_the_data_version() {
    let output = joinguard(&["--version"]);
    assert!(stdout(&output).contains("data "), "{}", stdout(&output));
}
