//! Exposed meeting credentials in short texts from a browser page (a public post, what someone is typing into
//! a composer), each with how to take the passcode out: the passcode label and value removed, or the link
//! rewritten without its secret parameter. Redactions are given as text (what to find, what to put instead),
//! not offsets, so that a page script can apply them in its own string units and across its own nodes.

use serde::Serialize;

use super::source::Segment;
use super::Scanner;
use crate::assess::Engine;

/// How to take a passcode out of a text: replace the first `found` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redaction {
    pub found: String,
    pub replacement: String,
}

/// Meeting credentials exposed in one text of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposure {
    /// Which text of the batch.
    pub index: usize,
    pub vendor: Option<String>,
    pub meeting_id: Option<String>,
    /// The link that carries the secret; none for credentials written out.
    pub url: Option<String>,
    /// In English, as `joinguard scan` says it.
    pub message: String,
    /// None when the passcode cannot be taken out (a wrapped link).
    pub redaction: Option<Redaction>,
}

/// The exposed credentials (a meeting ID with its passcode, a one-tap dial string, a link with an embedded
/// secret) in each of `texts`, in batch and text order.
pub fn exposed_credentials<S: AsRef<str>>(engine: &Engine, texts: &[S]) -> Vec<Exposure> {
    let mut scanner = Scanner::new(engine);
    let mut out = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        let segment = Segment::counted(text.as_ref(), 1);
        for (finding, redaction) in scanner.scan_segment_redactions(&segment) {
            if finding.id == "credentials-exposed" {
                out.push(Exposure {
                    index,
                    vendor: finding.vendor,
                    meeting_id: finding.meeting_id,
                    url: finding.url,
                    message: finding.message,
                    redaction,
                });
            }
        }
    }
    out
}

/// `url` without the parameters, path segment (BlueJeans `/<id>/<passcode>`) and fragment that carry its
/// meeting's secret, as the vendor's rules name them: `https://zoom.us/j/851…?pwd=abc&uname=x` →
/// `https://zoom.us/j/851…?uname=x`, `https://bluejeans.com/494435558/3691` → `https://bluejeans.com/494435558`. None when the URL
/// carries no secret, is wrapped (SafeLinks: the secret sits encoded inside another link), or would still
/// carry it after the edit.
pub fn without_secret(engine: &Engine, url: &str) -> Option<String> {
    let class = engine.classify(url).ok()?;
    if !class.embedded_secret || !class.unwrapped.is_empty() {
        return None;
    }
    let shapes = &engine.db().entry(class.vendor?).shapes;
    let trimmed = url.trim();
    let (main, fragment) = match trimmed.split_once('#') {
        Some((main, fragment)) => (main, Some(fragment)),
        None => (trimmed, None),
    };
    let (base, query) = match main.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (main, None),
    };
    let mut out = without_path_secret(shapes, base);
    if let Some(query) = query {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                !pair.is_empty()
                    && !shapes
                        .iter()
                        .any(|shape| shape.secret_params.iter().any(|p| p == name))
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    if let Some(fragment) = fragment {
        if !shapes.iter().any(|shape| shape.secret_in_fragment) {
            out.push('#');
            out.push_str(fragment);
        }
    }
    let after = engine.classify(&out).ok()?;
    (!after.embedded_secret && after.vendor == class.vendor).then_some(out)
}

/// `base` (scheme, host and path, no query or fragment) without the path segment a shape's `{secret}` matches.
fn without_path_secret(shapes: &[crate::db::CompiledShape], base: &str) -> String {
    let path_start = base
        .find("://")
        .and_then(|scheme_end| base[scheme_end + 3..].find('/').map(|i| scheme_end + 3 + i));
    let Some(path_start) = path_start else {
        return base.to_string();
    };
    let (origin, path) = base.split_at(path_start);
    let secret = shapes.iter().find_map(|shape| {
        shape.paths.iter().find_map(|pattern| {
            pattern.secret_segment(
                path,
                shape.id_format.as_ref(),
                shape.secret_format.as_ref(),
                shape.path_case_insensitive,
            )
        })
    });
    let Some(secret) = secret else {
        return base.to_string();
    };
    let kept: Vec<&str> = path[1..]
        .split('/')
        .enumerate()
        .filter(|&(i, segment)| i != secret && !segment.is_empty())
        .map(|(_, segment)| segment)
        .collect();
    format!("{origin}/{}", kept.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Database, Policy};

    #[test]
    fn path_passcodes_are_taken_out() {
        let db = Database::bundled();
        let engine = Engine::new(&db, Policy::default());
        assert_eq!(
            without_secret(&engine, "https://bluejeans.com/494435558/3691").as_deref(),
            Some("https://bluejeans.com/494435558")
        );
        assert_eq!(
            without_secret(&engine, "https://bluejeans.com/494435558/3691/?src=mail#x").as_deref(),
            Some("https://bluejeans.com/494435558?src=mail#x")
        );
        // No passcode in the path: nothing to take out.
        assert_eq!(
            without_secret(&engine, "https://bluejeans.com/494435558"),
            None
        );
        assert_eq!(
            without_secret(
                &engine,
                "https://us02web.zoom.us/j/85123456789?pwd=abc&uname=x"
            )
            .as_deref(),
            Some("https://us02web.zoom.us/j/85123456789?uname=x")
        );
    }
}
