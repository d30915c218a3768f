//! The `joinguard` command: check URLs, scan files for meeting links and exposed credentials, explain vendors,
//! and validate the rules; a thin front over the core crate.

mod output;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use joinguard::{Database, Engine, Settings, DATA_VERSION};

const EXAMPLES: &str = "Examples:
  joinguard check 'https://us02web.zoom.us/j/85123456789?pwd=abc'
  joinguard check --json https://zoom.us.meeting-join.com/j/85123456789
  joinguard scan invitation.eml calendar.ics
  cat mail.txt | joinguard scan --json -
  joinguard vendor zoom
  joinguard rules check rules/vendors

Exit status: 0 when it ran (whatever it found), 2 on unreadable or invalid input; `rules check`: 1 when
the rules files have problems. With --json an input it cannot read is a line of its own, {\"url\" or \"file\", \"error\"}.";

#[derive(Parser)]
#[command(name = "joinguard", about = "Checks video-conferencing links and invitations for lookalikes, exposed passcodes and vendor risks. Nothing leaves your machine.", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `--policy` of `check` and `scan` (README "Organisation policy").
const POLICY_HELP: &str = "Settings JSON (approved_vendors, blocked_vendors, self_hosted, disabled_findings, public_sites, sign_in_hosts; README \"Organisation policy\"). self_hosted lists the organisation's own servers of a self-hostable product, [{\"host\": \"bbb.example.edu\", \"vendor\": \"bigbluebutton\"}]: a vendor that cannot be self-hosted (zoom, teams, meet, goto, ...) is refused, and an entry never quiets a lookalike of another vendor or of one not known to be self-hostable";

#[derive(Subcommand)]
enum Command {
    /// Classify URLs: vendor, kind of page, meeting id, embedded secret, lookalike, grade and findings.
    #[command(after_help = EXAMPLES)]
    Check {
        /// Print one JSON object per URL (JSON Lines).
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "FILE", help = POLICY_HELP)]
        policy: Option<PathBuf>,
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
    },
    /// Scan text, HTML, .eml, mbox or .ics files (or `-` for standard input) for meeting links, lookalikes
    /// and exposed credentials.
    #[command(after_help = EXAMPLES)]
    Scan {
        /// Print one JSON object per finding (JSON Lines).
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "FILE", help = POLICY_HELP)]
        policy: Option<PathBuf>,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Explain a vendor: its facts and its grade, point by point, with sources.
    Vendor {
        /// Print JSON: the vendor's facts and grade (one object; `list`: one a vendor).
        #[arg(long)]
        json: bool,
        /// Vendor id (`zoom`, `teams`, …); `list` lists them.
        id: String,
    },
    /// Work with the vendor rules files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rules directory; prints `file:line: field: problem (hint)` for each problem.
    Check {
        #[arg(default_value = "rules/vendors")]
        dir: PathBuf,
    },
}

/// An error for the user: printed as `joinguard: …`, exit status 2.
struct Failure(String);

fn main() -> ExitCode {
    // `joinguard vendor zoom | head` closes the pipe early: end quietly, as other command-line tools do,
    // instead of panicking in println! (Rust ignores SIGPIPE by default: rust-lang/rust#62569).
    #[cfg(unix)]
    // SAFETY: restores the default action for SIGPIPE before any thread or output exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // The version names the bundled data too, which is only known at build time of the core crate.
    let version: &'static str =
        Box::leak(format!("{} (data {DATA_VERSION})", env!("CARGO_PKG_VERSION")).into_boxed_str());
    let matches = Cli::command().version(version).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("joinguard: {message}");
            ExitCode::from(2)
        }
    }
}

fn load_settings(path: Option<&PathBuf>) -> Result<Settings, Failure> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    let bytes = read_regular_file(path, MAX_POLICY_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Failure(format!("{}: not UTF-8 text: {e}", path.display())))?;
    // Windows' Notepad saves UTF-8 with a byte-order mark, which JSON does not allow (RFC 8259 §8.1) and the
    // reader refused as "expected a JSON object", the one message that was not true of such a file.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Settings::from_json(text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn engine<'d>(db: &'d Database, policy: Option<&PathBuf>) -> Result<Engine<'d>, Failure> {
    let settings = load_settings(policy)?;
    let policy_path = policy.map(|p| p.display().to_string()).unwrap_or_default();
    let resolved = settings
        .resolve(db)
        .map_err(|errors| Failure(format!("{policy_path}: {}", errors.join("; "))))?;
    Ok(Engine::new(db, resolved))
}

/// What is wrong with a URL `check` cannot read, in words for the person who typed it, and what to give
/// instead. The engine's reason is the `url` crate's (`invalid international domain name` for `not a url`,
/// whose spaces no host may hold), which names the parser's state, not the mistake (session 43). The reason
/// is matched against the parser's own errors (`url::ParseError`'s text, so a new wording of the crate cannot
/// slip past an arm), and a blank is named only when the parser stopped at the host, where the blank is.
fn url_problem(url: &str, e: &joinguard::classify::UrlError) -> String {
    use url::ParseError;
    const EXAMPLE: &str = "give a whole web address such as https://zoom.us/j/85123456789";
    let joinguard::classify::UrlError::Unparsable(why) = e else {
        return e.to_string();
    };
    let is = |error: ParseError| *why == error.to_string();
    let bad_host = is(ParseError::IdnaError)
        || is(ParseError::InvalidDomainCharacter)
        || why == joinguard::idn::INVALID;
    let what = if url.trim().is_empty() {
        "it is empty"
    } else if bad_host && url.trim().contains(char::is_whitespace) {
        "it has a space in it"
    } else if bad_host {
        "its host name holds a character no host name can (only letters, digits, `-` and `.`)"
    } else if is(ParseError::EmptyHost) || why == joinguard::classify::NO_HOST {
        "it has no host name (such as zoom.us) after `//`"
    } else if is(ParseError::InvalidPort) {
        "the port after the host's `:` is not a number up to 65535"
    } else if is(ParseError::InvalidIpv4Address) {
        "its host looks like an IPv4 address but is not one (four numbers up to 255)"
    } else if is(ParseError::InvalidIpv6Address) {
        "the IPv6 address between its `[` and `]` is not a valid one"
    } else {
        // Any other reason of the parser, as it gives it.
        why
    };
    format!("not a URL: {what}; {EXAMPLE}")
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check { json, policy, urls } => {
            let db = Database::bundled();
            let engine = engine(&db, policy.as_ref())?;
            let mut invalid = false;
            // One lookalike memo for the whole batch: the same near-name host is checked once.
            let mut memo = joinguard::classify::LookalikeMemo::default();
            for url in &urls {
                match engine.assess_url_memo(url, &mut memo) {
                    Ok(assessment) => output::print_assessment(&assessment, json),
                    Err(e) => {
                        invalid = true;
                        let e = url_problem(url, &e);
                        if json {
                            println!("{}", serde_json::json!({ "url": url, "error": e }));
                        }
                        eprintln!("joinguard: {url}: {e}");
                    }
                }
            }
            Ok(if invalid {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Scan {
            json,
            policy,
            files,
        } => {
            let db = Database::bundled();
            let engine = engine(&db, policy.as_ref())?;
            // One unreadable file does not hide what the others hold: each is reported, the status says so.
            let mut failed = false;
            // One scanner for every file: built once, and the screen's answers it keeps serve them all.
            let mut scanner = joinguard::text::Scanner::new(&engine);
            for file in &files {
                let scanned = read_input(file).and_then(|bytes| {
                    scanner
                        .scan_document(&bytes, file)
                        .map_err(|e| Failure(format!("{file}: {e}")))
                });
                match scanned {
                    Ok(findings) => {
                        for finding in &findings {
                            output::print_scan_finding(file, finding, json);
                        }
                    }
                    Err(Failure(message)) => {
                        failed = true;
                        if json {
                            println!("{}", serde_json::json!({ "file": file, "error": message }));
                        }
                        eprintln!("joinguard: {message}");
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Vendor { json, id } => {
            let db = Database::bundled();
            if id == "list" {
                for entry in &db.entries {
                    if json {
                        println!(
                            "{}",
                            serde_json::json!({ "id": entry.vendor.id, "name": entry.vendor.name, "grade": entry.grade.grade, "standing": entry.grade.standing, "known": entry.grade.known })
                        );
                    } else {
                        // `C*`: provisional (some core facts unknown; `joinguard vendor ID` says how many).
                        println!(
                            "{:<16} {:<8} {}",
                            entry.vendor.id,
                            entry.grade.short(),
                            entry.vendor.name
                        );
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let index = db.get(&id).ok_or_else(|| {
                Failure(format!(
                    "unknown vendor `{id}`; `joinguard vendor list` lists them"
                ))
            })?;
            output::print_vendor(db.entry(index), json);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules {
            command: RulesCommand::Check { dir },
        } => {
            let (files, mut problems) = joinguard::rules::load_dir(&dir).map_err(Failure)?;
            problems.extend(joinguard::rules::check::check_files(&files));
            for problem in &problems {
                println!("{problem}");
            }
            if problems.is_empty() {
                println!("{}: {} vendors, no problems", dir.display(), files.len());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "joinguard: {} problem(s) in {}",
                    problems.len(),
                    dir.display()
                );
                Ok(ExitCode::from(1))
            }
        }
    }
}

/// Largest file `scan` reads (and the most it takes from standard input): a mailbox export of this size takes
/// seconds; a bigger one is better split than waited for.
const MAX_SCAN_BYTES: u64 = 256 * 1024 * 1024;
/// Largest `--policy` file: a policy is a few kilobytes of JSON.
const MAX_POLICY_BYTES: u64 = 1024 * 1024;

fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_SCAN_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure(format!("standard input: {e}")))?;
        if bytes.len() as u64 > MAX_SCAN_BYTES {
            return Err(Failure(format!(
                "standard input: more than {} MiB; split it and scan the pieces",
                MAX_SCAN_BYTES >> 20
            )));
        }
        return Ok(bytes);
    }
    read_regular_file(std::path::Path::new(file), MAX_SCAN_BYTES)
}

/// Reads a file that must be a regular file (not a FIFO, a device or a directory, also through a symlink) of
/// at most `max` bytes, so that `/dev/zero` or a pipe nobody writes to cannot hang or exhaust the command.
fn read_regular_file(path: &std::path::Path, max: u64) -> Result<Vec<u8>, Failure> {
    joinguard::rules::read_regular_file(path, max).map_err(Failure)
}
