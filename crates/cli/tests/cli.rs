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

/// An address `check` cannot read is named with what is wrong with it in plain words and what to give instead,
/// not the URL parser's reason (`not a url` gave "invalid international domain name"; session 43).
#[test]
fn check_says_in_plain_words_why_an_address_is_not_a_url() {
    for (url, why) in [
        ("not a url", "it has a space in it"),
        ("https://", "it has no host name"),
        (
            "https://zo<om.us/j/1",
            "its host name holds a character no host name can",
        ),
        (
            "https://zoom.us:99999/j/1",
            "the port after the host's `:` is not a number up to 65535",
        ),
        // A blank the parser does not stop at (a path's, percent-encoded) is not named for a bad port.
        (
            "https://zoom.us:99999/a b",
            "the port after the host's `:` is not a number up to 65535",
        ),
        (
            "https://1.2.3.4.5/",
            "its host looks like an IPv4 address but is not one",
        ),
        (
            "http://[::1/",
            "the IPv6 address between its `[` and `]` is not a valid one",
        ),
    ] {
        let output = joinguard(&["check", "--json", url]);
        assert_eq!(output.status.code(), Some(2), "{url}");
        let error = json_lines(&output)[0]["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(error.starts_with("not a URL: "), "{url}: {error}");
        assert!(error.contains(why), "{url}: {error}");
        assert!(
            error.ends_with("give a whole web address such as https://zoom.us/j/85123456789"),
            "{url}: {error}"
        );
        assert!(
            !error.contains("international domain name"),
            "{url}: {error}"
        );
        assert!(
            stderr(&output).contains(&error),
            "{url}: {}",
            stderr(&output)
        );
    }
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

/// Writes `settings` to `policy` and checks that `check` and `scan` both refuse it (exit 2) with an error that
/// names the file and says each of `said`.
fn refused_by_check_and_scan(policy: &std::path::Path, settings: &str, said: &[&str]) {
    std::fs::write(policy, settings).unwrap();
    for command in ["check", "scan"] {
        let output = joinguard(&[command, "--policy", policy.to_str().unwrap(), "-"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        let message = stderr(&output);
        assert!(message.contains("policy.json"), "{message}");
        for part in said {
            assert!(message.contains(part), "{part:?} not in {message}");
        }
    }
}

/// `joinguard check --json --policy <policy> <urls>`: the JSON line of each URL; the command must succeed.
fn check_with_policy(policy: &std::path::Path, urls: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["check", "--json", "--policy", policy.to_str().unwrap()];
    args.extend(urls);
    let output = joinguard(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    json_lines(&output)
}

/// A policy saved by Windows' Notepad (UTF-8 with a byte-order mark, CRLF line ends) is read, not refused as
/// "expected a JSON object" (session 42's audit).
#[test]
fn a_policy_with_a_byte_order_mark_and_crlf_is_read() {
    let dir = scratch("bom");
    let policy = dir.join("policy.json");
    std::fs::write(
        &policy,
        "\u{feff}{\r\n  \"blocked_vendors\": [\"zoom\"]\r\n}\r\n",
    )
    .unwrap();
    let lines = check_with_policy(&policy, &["https://zoom.us/j/85123456789"]);
    std::fs::remove_dir_all(&dir).ok();
    let ids: Vec<&str> = lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"blocked-vendor"), "{lines:?}");
}

/// `--policy` reads `sign_in_hosts` for `check` and `scan`: an entry that is a public suffix is refused with the
/// field and index named; a valid one is accepted and leaves a lookalike link flagged (it quiets only the page
/// rule `phishing-login`, which URLs and files do not raise).
#[test]
fn policy_sign_in_hosts_are_checked_and_leave_lookalikes_flagged() {
    let dir = scratch("sign-in-hosts");
    let policy = dir.join("policy.json");
    refused_by_check_and_scan(
        &policy,
        r#"{ "sign_in_hosts": ["login.contoso.com", "azurewebsites.net"] }"#,
        &["sign_in_hosts[1]: `azurewebsites.net` is a public suffix"],
    );
    std::fs::write(&policy, r#"{ "sign_in_hosts": ["contoso.com"] }"#).unwrap();
    let lines = check_with_policy(&policy, &["https://teams-microsoft.contoso.com/"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(lines[0]["lookalike_of"], "teams", "{}", lines[0]);
}

/// `--policy` reads `self_hosted` for `check` and `scan`: a vendor that cannot run on one's own server is
/// refused with the field, index, why and how to fix it; an accepted entry makes its host its vendor's but leaves
/// a lookalike of another vendor flagged, in `check` and in `scan`.
#[test]
fn policy_self_hosted_refuses_cloud_vendors_and_leaves_other_lookalikes_flagged() {
    let dir = scratch("self-hosted");
    let policy = dir.join("policy.json");
    refused_by_check_and_scan(
        &policy,
        r#"{ "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}, {"host": "microsoftt-teams.com", "vendor": "teams"}] }"#,
        &[
            "self_hosted[1].vendor: Microsoft Teams (`teams`) cannot run on your own server",
            "list `teams` in approved_vendors",
        ],
    );
    std::fs::write(
        &policy,
        r#"{ "self_hosted": [{"host": "bbb.example.edu", "vendor": "bigbluebutton"}, {"host": "microsoftt-teams.com", "vendor": "jitsi"}] }"#,
    )
    .unwrap();
    let urls = [
        "https://bbb.example.edu/b/ann-xyz-123",
        "https://microsoftt-teams.com/",
    ];
    let lines = check_with_policy(&policy, &urls);
    assert_eq!(
        (&lines[0]["vendor"], &lines[0]["lookalike_of"]),
        (&"bigbluebutton".into(), &serde_json::Value::Null)
    );
    assert_eq!(
        (&lines[1]["vendor"], &lines[1]["lookalike_of"]),
        (&serde_json::Value::Null, &"teams".into())
    );
    let mail = dir.join("invite.txt");
    std::fs::write(
        &mail,
        format!("Room: {}\nInstall the app: {}\n", urls[0], urls[1]),
    )
    .unwrap();
    let output = joinguard(&[
        "scan",
        "--json",
        "--policy",
        policy.to_str().unwrap(),
        mail.to_str().unwrap(),
    ]);
    let found: Vec<(String, String)> = json_lines(&output)
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["url"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("lookalike-link".into(), urls[1].into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("meeting-link".into(), urls[0].into())),
        "{found:?}"
    );

    // The README's example policy (docs/policy) is accepted as it is.
    let example: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/policy/chromium-policy.json")).unwrap(),
    )
    .unwrap();
    let settings = example["3rdparty"]["extensions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    std::fs::write(&policy, settings.to_string()).unwrap();
    let lines = check_with_policy(&policy, &["https://jitsi.example.org/StudyGroup"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(lines[0]["vendor"], "jitsi");
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

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("joinguard-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn scan_and_policy_refuse_pipes_and_devices_instead_of_hanging() {
    let dir = scratch("nonregular");
    let fifo = dir.join("mail.eml");
    mkfifo(&fifo);
    let zero = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let good = dir.join("good.txt");
    std::fs::write(&good, "https://zoom.us.meeting-join.com/j/85123456789\n").unwrap();
    let (fifo_s, zero_s, good_s) = (
        fifo.to_str().unwrap(),
        zero.to_str().unwrap(),
        good.to_str().unwrap(),
    );

    let output = joinguard(&["scan", fifo_s, zero_s, good_s]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("{fifo_s}: not a regular file")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{zero_s}: not a regular file")),
        "{err}"
    );
    // The readable file is still scanned.
    assert!(
        stdout(&output).contains("lookalike-link"),
        "{}",
        stdout(&output)
    );

    let output = joinguard(&["check", "--policy", zero_s, "https://zoom.us/j/85123456789"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );

    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 2 * 1024 * 1024]).unwrap();
    let output = joinguard(&[
        "check",
        "--policy",
        big.to_str().unwrap(),
        "https://zoom.us/",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("more than the"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn rules_check_names_a_pipe_or_device_among_the_rules_files() {
    let dir = scratch("rules");
    std::fs::copy(
        repo_root().join("rules/vendors/zoom.toml"),
        dir.join("zoom.toml"),
    )
    .expect("copy zoom.toml");
    mkfifo(&dir.join("fifo.toml"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).expect("symlink");
    let output = joinguard(&["rules", "check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    for name in ["fifo.toml", "zero.toml"] {
        assert!(
            out.lines()
                .any(|l| l.contains(name) && l.contains("not a regular file")),
            "{name} not named:\n{out}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Standard base64 with line breaks every 76 characters, as mail writers do.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A message whose body is `levels` messages, each attached to the next as base64 `message/rfc822`, the
/// innermost holding a lookalike link.
fn nested_mail(levels: usize) -> String {
    let mut message = "From: a@example.org\r\nSubject: inner\r\nContent-Type: text/plain\r\n\r\nJoin https://zoom.us.meeting-join.com/j/85123456789\r\n".to_string();
    for level in 0..levels {
        message = format!(
            "From: a@example.org\r\nSubject: level {level}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b{level}\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--b{level}--\r\n",
            base64(message.as_bytes())
        );
    }
    message
}

#[test]
fn scan_reads_messages_nested_in_base64_and_says_when_it_stops() {
    let dir = scratch("nested");
    let four = dir.join("four.eml");
    std::fs::write(&four, nested_mail(4)).unwrap();
    let output = joinguard(&["scan", "--json", four.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<String> = json_lines(&output)
        .iter()
        .map(|f| f["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(ids.contains(&"lookalike-link".to_string()), "{ids:?}");
    assert!(!ids.contains(&"part-not-read".to_string()), "{ids:?}");

    let deep = dir.join("deep.eml");
    std::fs::write(&deep, nested_mail(20)).unwrap();
    let output = joinguard(&["scan", "--json", deep.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let findings = json_lines(&output);
    assert!(
        findings.iter().any(|f| f["id"] == "part-not-read"),
        "a part too deep to read must be reported: {findings:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn scan_gives_each_written_out_passcode_the_vendor_of_the_nearest_link() {
    // Many links and passcodes (the case that was quadratic): each credential settles to its nearest link.
    let dir = scratch("settle");
    let mut text = String::new();
    for i in 0..2000 {
        if i % 2 == 0 {
            text.push_str(&format!("Join https://us02web.zoom.us/j/8512345{i:04}\nMeeting ID: 851 234 5{i:04}\nPasscode: 482913\n"));
        } else {
            text.push_str(&format!("Join https://example.webex.com/meet/user{i}\nMeeting number: 2634 987 {i:04}\nPassword: Ab12cd\n"));
        }
    }
    let file = dir.join("many.txt");
    std::fs::write(&file, &text).unwrap();
    let output = joinguard(&["scan", "--json", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let exposed: Vec<serde_json::Value> = json_lines(&output)
        .into_iter()
        .filter(|f| f["id"] == "credentials-exposed" && f["url"].is_null())
        .collect();
    assert!(
        exposed.len() >= 1000,
        "found {} written-out credentials",
        exposed.len()
    );
    for finding in &exposed {
        let id = finding["meeting_id"].as_str().unwrap_or("");
        let want = if id.starts_with("851") {
            "zoom"
        } else {
            "webex"
        };
        assert_eq!(finding["vendor"], want, "{finding}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_derived_fact_is_shown_with_its_rule_and_premise() {
    // Jami states end-to-end encryption by default over all content and leaves AI training and human review to
    // the rule (rules/vendors/jami.toml, src/infer.rs).
    let text = stdout(&joinguard(&["vendor", "jami"]));
    assert!(
        text.contains("AI training on content: no (derived: rule e2ee-all-content, from e2ee:"),
        "{text}"
    );
    let json = json_lines(&joinguard(&["vendor", "--json", "jami"]));
    let fact = &json[0]["vendor"]["data_practices"]["human_review"];
    assert_eq!(fact["value"], "no");
    assert_eq!(fact["derived"]["rule"], "e2ee-all-content");
    assert_eq!(fact["derived"]["from"], "e2ee");
    // A stated fact carries no `derived`, and its detail is in three languages.
    let e2ee = &json[0]["vendor"]["e2ee"];
    assert!(e2ee.get("derived").is_none());
    assert!(e2ee["detail"]["de"]
        .as_str()
        .is_some_and(|d| d.contains("Ende-zu-Ende")));
}
