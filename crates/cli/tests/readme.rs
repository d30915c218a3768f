//! The README's CLI examples are run: every `$ joinguard …` line in a ```console block is executed from the
//! repository root and its output compared with the lines below it, so the README cannot drift from the tool.
//!
//! Matching: each README line must match one output line, in order, and the counts must agree. `…` in a README
//! line stands for any text (the README shortens long lines), so `abc … xyz` matches a line that starts with
//! `abc `, contains what lies between the ellipses in order, and ends with ` xyz`; a line ending in `…` only
//! needs the start. A command with no output lines below it (a `# comment` after it is allowed) must only
//! succeed. `target/release/joinguard` in the README is this build's `joinguard`.
//!
//! To update after a change of output: `JOINGUARD_UPDATE_README=1 cargo test -p joinguard-cli --test readme`
//! rewrites the expected lines from the real output, keeping the shortening of lines that end in `…` (cut at a
//! word boundary at the same place) and writing the others in full; review the diff of README.md.

use std::path::PathBuf;
use std::process::Command;

const ELLIPSIS: char = '…';

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One `$ command` of a console block and the README lines that follow it (its expected output).
struct Example {
    /// Index in the README's lines of the `$` line.
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, line) in readme.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_console = !in_console && line.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            // A trailing `# comment` explains the command; it is not part of it.
            let command = match command.split_once("  #") {
                Some((command, _)) => command.trim_end(),
                None => command,
            };
            examples.push(Example {
                line: i,
                command: command.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            if !line.is_empty() {
                example.expected.push(line.to_string());
            }
        }
    }
    examples
}

/// Runs a README command line (`joinguard ARGS…` or `target/release/joinguard ARGS…`, shell quoting with `'`).
fn run(command: &str) -> (bool, Vec<String>) {
    let words = shell_words(command);
    let (program, args) = words.split_first().expect("a command");
    assert!(
        program == "joinguard" || program.ends_with("/joinguard"),
        "README examples run joinguard only: {command}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_joinguard"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the joinguard binary runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    (
        output.status.success(),
        text.lines().map(str::to_string).collect(),
    )
}

fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in command.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// Whether an output line matches a README line (see the module comment for `…`).
fn matches(expected: &str, actual: &str) -> bool {
    let pieces: Vec<&str> = expected.split(ELLIPSIS).collect();
    if pieces.len() == 1 {
        return expected == actual;
    }
    let (first, rest) = pieces
        .split_first()
        .expect("split gives one piece at least");
    let Some(mut remaining) = actual.strip_prefix(first) else {
        return false;
    };
    let (last, middle) = rest.split_last().expect("two pieces at least");
    for piece in middle {
        match remaining.find(piece) {
            Some(at) => remaining = &remaining[at + piece.len()..],
            None => return false,
        }
    }
    remaining.ends_with(last)
}

/// The actual line shortened as the README line was: up to where its first `…` was, cut at a word boundary.
fn shortened(expected: &str, actual: &str) -> String {
    // Only a line shortened at its end can be shortened again the same way; a line with an ellipsis in the
    // middle is written out in full, to be shortened by hand.
    let Some(cut) = expected.find(ELLIPSIS) else {
        return actual.to_string();
    };
    if cut + ELLIPSIS.len_utf8() != expected.len() || !actual.starts_with(&expected[..cut]) {
        return actual.to_string();
    }
    if actual.len() <= cut {
        return actual.to_string();
    }
    let mut end = cut;
    while !actual.is_char_boundary(end) {
        end -= 1;
    }
    let head = &actual[..end];
    let head = match head.rfind(' ') {
        Some(space) if space > 0 => &head[..=space],
        _ => head,
    };
    format!("{head}{ELLIPSIS}")
}

#[test]
fn the_readme_cli_examples_are_what_the_cli_prints() {
    let path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.len() >= 5,
        "only {} console examples found",
        examples.len()
    );
    let update = std::env::var_os("JOINGUARD_UPDATE_README").is_some();
    let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
    let mut failures = Vec::new();
    // Last first, so that replacing an example's lines keeps the earlier indices valid.
    for example in examples.iter().rev() {
        let (ok, output) = run(&example.command);
        let line = example.line + 1;
        if !ok {
            failures.push(format!("README.md:{line}: `{}` failed", example.command));
            continue;
        }
        if example.expected.is_empty() {
            continue;
        }
        let agree = output.len() == example.expected.len()
            && example
                .expected
                .iter()
                .zip(&output)
                .all(|(expected, actual)| matches(expected, actual));
        if agree {
            continue;
        }
        if update {
            // Each new line keeps the shortening of the README line it agrees with longest at the start.
            let mut replacement: Vec<String> = output
                .iter()
                .map(|actual| {
                    let template = example.expected.iter().max_by_key(|expected| {
                        expected
                            .chars()
                            .zip(actual.chars())
                            .take_while(|(a, b)| a == b)
                            .count()
                    });
                    match template {
                        Some(expected) => shortened(expected, actual),
                        None => actual.clone(),
                    }
                })
                .collect();
            let start = example.line + 1;
            let mut end = start;
            let mut seen = 0;
            while seen < example.expected.len() {
                if !lines[end].is_empty() {
                    seen += 1;
                }
                end += 1;
            }
            // Keep a blank line that separated this example from the next command.
            if end < lines.len() && lines[end - 1].is_empty() {
                replacement.push(String::new());
            }
            lines.splice(start..end, replacement);
        } else {
            failures.push(format!(
                "README.md:{line}: `{}` prints\n{}\nbut the README says\n{}",
                example.command,
                output.join("\n"),
                example.expected.join("\n")
            ));
        }
    }
    if update {
        let mut text = lines.join("\n");
        text.push('\n');
        if text != readme {
            std::fs::write(&path, text).expect("README.md is writable");
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nUpdate with: JOINGUARD_UPDATE_README=1 cargo test -p joinguard-cli --test readme (then review the diff)",
        failures.join("\n\n")
    );
}

#[test]
fn ellipses_match_any_text() {
    assert!(matches("abc … xyz", "abc 123 xyz"));
    assert!(matches("abc …", "abc whatever"));
    assert!(matches("a=… — b …", "a=secret — b c d"));
    assert!(!matches("abc … xyz", "abc 123 xy"));
    assert!(!matches("abc", "abcd"));
    assert!(!matches("x …", "y x z"));
    assert_eq!(shortened("hello wor…", "hello world again"), "hello …");
    assert_eq!(shortened("a…b", "a x b"), "a x b");
    assert_eq!(
        shell_words("check 'a b' c  d"),
        vec!["check", "a b", "c", "d"]
    );
}
