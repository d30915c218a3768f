//! The vendor rules: their model, the URL-shape language, loading from TOML and validation with located problems.

pub mod blob;
pub mod check;
pub mod model;
pub mod requirements;
pub mod shape;

use std::fmt;
use std::path::Path;
#[cfg(feature = "rules-files")]
use std::path::PathBuf;

pub use model::*;

/// A problem found in a rules file, located to the line, with a hint to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.field, self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, " (hint: {})", self.hint)?;
        }
        Ok(())
    }
}

/// One rules file: where it came from, its text (to locate problems) and its parsed vendor.
#[derive(Debug, Clone)]
pub struct RulesFile {
    pub path: String,
    pub source: String,
    pub vendor: Vendor,
}

/// 1-based line number of a byte offset.
pub fn line_at(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

#[cfg(feature = "rules-files")]
/// Parses one rules file's text; a syntax or type error becomes a located problem.
pub fn parse_vendor(path: &str, source: &str) -> Result<Vendor, Problem> {
    toml::from_str::<Vendor>(source).map_err(|error| {
        let line = error.span().map_or(1, |span| line_at(source, span.start));
        let key = source
            .lines()
            .nth(line - 1)
            .and_then(|text| text.split_once('=').map(|(key, _)| key.trim().to_string()))
            .filter(|key| !key.is_empty() && !key.starts_with('['));
        // The table the line is in (`[data_practices.ai_training]` → `data_practices.ai_training.detail`).
        let table = source
            .lines()
            .take(line)
            .filter_map(|text| {
                let text = text.trim();
                (text.starts_with('[') && text.ends_with(']')).then(|| {
                    text.trim_matches(|c| c == '[' || c == ']')
                        .trim()
                        .to_string()
                })
            })
            .last();
        let field = match (table, key) {
            (Some(table), Some(key)) => format!("{table}.{key}"),
            (None, Some(key)) => key,
            _ => "(file)".to_string(),
        };
        let message = error.message().trim().to_string();
        let hint = if message.contains("unknown field") {
            "remove the field or fix its spelling; rules/README.md lists the fields"
        } else if message.contains("unknown variant") {
            "use one of the values listed in the message"
        } else if message.contains("missing field") {
            "add the field; see rules/vendors/zoom.toml for an example"
        } else {
            "see rules/README.md for the format"
        };
        Problem {
            file: path.to_string(),
            line,
            field,
            message,
            hint: hint.to_string(),
        }
    })
}

/// Largest rules file read: the biggest vendor file is about 40 KB.
pub const MAX_RULES_FILE_BYTES: u64 = 1024 * 1024;

/// Reads `path` if it is a regular file (after following symlinks) of at most `max` bytes; the error names the
/// file and says what is wrong. A FIFO would block forever and `/dev/zero` never ends: both are refused before
/// any read, and the read itself stops after `max` bytes in case the file grows meanwhile.
pub fn read_regular_file(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a directory"
        } else {
            "not a regular file (a pipe, device or socket)"
        };
        return Err(format!("{shown}: {what}; give a regular file"));
    }
    if metadata.len() > max {
        return Err(format!(
            "{shown}: {} bytes, more than the {} bytes allowed; split it or check that it is the right file",
            metadata.len(),
            max
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!("{shown}: grew past {max} bytes while being read"));
    }
    Ok(bytes)
}

/// Reads every `*.toml` in a directory (sorted by name). Unreadable files and parse errors become problems;
/// the files that parsed are returned alongside them so that later checks can still run.
#[cfg(feature = "rules-files")]
pub fn load_dir(dir: &Path) -> Result<(Vec<RulesFile>, Vec<Problem>), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the rules directory: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!(
            "{}: no `*.toml` rules files here; point at rules/vendors",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let read = read_regular_file(&path, MAX_RULES_FILE_BYTES).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|e| format!("{shown}: not UTF-8: {e}"))
        });
        match read {
            Err(e) => problems.push(Problem {
                file: shown.clone(),
                line: 1,
                field: "(file)".into(),
                message: e
                    .strip_prefix(&format!("{shown}: "))
                    .unwrap_or(&e)
                    .to_string(),
                hint: format!(
                    "rules files must be regular UTF-8 files of at most {} KiB",
                    MAX_RULES_FILE_BYTES >> 10
                ),
            }),
            Ok(source) => match parse_vendor(&shown, &source) {
                Ok(vendor) => files.push(RulesFile {
                    path: shown,
                    source,
                    vendor,
                }),
                Err(problem) => problems.push(problem),
            },
        }
    }
    Ok((files, problems))
}
