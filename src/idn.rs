//! Internationalised host names without the Unicode data of a full UTS 46 implementation: the `url` crate's
//! IDNA back end is the stub `idna_adapter` 1.0 (pinned in Cargo.toml: ICU4X's normalisation and property data
//! were about 105 KB of the wasm engine), so a URL text reaches `url::Url::parse` with its host already in
//! ASCII (`ascii_host`), and punycode labels are shown in Unicode by `to_unicode`.
//!
//! The mapping is the part of UTS 46 (nontransitional, as browsers apply it) that changes where a link goes or
//! what the lookalike check reads: lower case, fullwidth ASCII and other characters whose compatibility form is
//! ASCII (`ｚｏｏｍ.us`, `𝐳𝐨𝐨𝐦.us` are zoom.us), the ideographic full stops, the characters UTS 46 ignores (soft
//! hyphen, zero-width space, variation selectors), one combining mark composed onto a Latin letter (NFC), and
//! the rejections a browser makes (spaces, controls, bidi and joiner controls, a label mixing right-to-left
//! letters with Latin ones). Other compatibility forms and multi-mark normalisation are not applied; the
//! answers are compared with url + ICU4X on 3,629 URL texts by tests/idn_hosts.rs (`tests/data/idn-hosts.tsv`),
//! which lists where they differ.

mod punycode;
mod tables;

use std::borrow::Cow;

/// Why a host cannot be a browser's host name.
pub const INVALID: &str = "invalid international domain name";

/// The URL text with its host in ASCII (punycode), or the text itself when its host is ASCII already (or it has
/// no host: `mailto:`, `msteams:/l/…`). A host is the part after `scheme://` (or the start of a text without
/// scheme, `zoom.us/j/1`) up to `/`, `\`, `?` or `#`, after a user name, before a port.
pub fn ascii_host(text: &str) -> Result<Cow<'_, str>, &'static str> {
    let Some((start, end)) = host_span(text) else {
        return Ok(Cow::Borrowed(text));
    };
    let host = &text[start..end];
    let punycode = |h: &str| {
        h.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"xn--"))
    };
    if host.is_ascii() && !host.contains('%') && !punycode(host) {
        return Ok(Cow::Borrowed(text));
    }
    let decoded = percent_decode(host);
    if decoded.is_ascii() && !punycode(&decoded) {
        return Ok(Cow::Borrowed(text));
    }
    let ascii = to_ascii(&decoded)?;
    Ok(Cow::Owned(format!(
        "{}{ascii}{}",
        &text[..start],
        &text[end..]
    )))
}

/// Where the host of a URL text is, when it has one written after `//` or starts the text.
fn host_span(text: &str) -> Option<(usize, usize)> {
    let scheme_end = text
        .find(':')
        .filter(|&i| {
            let scheme = &text.as_bytes()[..i];
            scheme.first().is_some_and(u8::is_ascii_alphabetic)
                && scheme
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
        })
        .filter(|&i| !text[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
    let start = match scheme_end {
        Some(i) => {
            let rest = &text[i + 1..];
            let slashes = rest.len() - rest.trim_start_matches(['/', '\\']).len();
            if slashes < 2 && !matches!(&text[..i], "http" | "https") {
                return None;
            }
            i + 1 + slashes
        }
        None => 0,
    };
    let authority_end = text[start..]
        .find(['/', '\\', '?', '#'])
        .map_or(text.len(), |i| start + i);
    let host_start = text[start..authority_end]
        .rfind('@')
        .map_or(start, |i| start + i + 1);
    let host = &text[host_start..authority_end];
    let host_end = match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => host_start + i,
        _ => authority_end,
    };
    Some((host_start, host_end))
}

/// `%D0%B7` → `з` when the host's escapes are UTF-8 (the URL standard decodes a host before IDNA).
fn percent_decode(host: &str) -> Cow<'_, str> {
    if !host.contains('%') {
        return Cow::Borrowed(host);
    }
    String::from_utf8(crate::hex::percent_decode(host.as_bytes()))
        .map_or(Cow::Borrowed(host), Cow::Owned)
}

/// A host name in Unicode → its ASCII form: mapped (see the module's comment), then each non-ASCII label in
/// punycode with `xn--`.
pub fn to_ascii(host: &str) -> Result<String, &'static str> {
    let mapped = map(host)?;
    let mut out = String::with_capacity(mapped.len() + 8);
    for (i, label) in mapped.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        if label.is_ascii() {
            if label.starts_with("xn--") && punycode_label(label).is_none() {
                return Err(INVALID);
            }
            out.push_str(label);
            continue;
        }
        check_label(label, &mapped)?;
        out.push_str("xn--");
        out.push_str(&punycode::encode(label).ok_or(INVALID)?);
    }
    Ok(out)
}

/// A URL text whose host's only fault is one or more `xn--` labels that are not valid punycode (or do not
/// round-trip, `punycode_label`), rewritten so that the URL parser takes it: the URL Standard's host parser
/// refuses such a host (domain to ASCII runs UTS 46 ToASCII, whose label validation decodes every `xn--` label:
/// https://url.spec.whatwg.org/#concept-domain-to-ascii), but Chromium opens an ASCII host as it is, lower-cased,
/// and decodes punycode only to display it (Debian's Chromium 156 opens `https://xn--2mxw0.…/`, seen by
/// tests/e2e/overlay.test.mjs), so a page can live there.
pub struct StandIn {
    /// The URL text with its host in ASCII and each such label's `xn--` written `xn-0` (a valid ASCII label of
    /// the same length, so the parser serialises the host at the same places).
    pub text: String,
    /// The host of `text`, as the parser serialises it.
    pub host: String,
    /// The host as a browser that opens it reads it: `host` with the labels as written (lower case).
    pub written: String,
}

/// See `StandIn`; `None` when the host has no such label or another fault. Only reached for a text that the URL
/// parser refused, so links without `xn--` never pay for it.
pub fn stand_in_host(text: &str) -> Option<StandIn> {
    let (start, end) = host_span(text)?;
    let mapped = map(&percent_decode(&text[start..end])).ok()?;
    let bad = |label: &str| label.starts_with("xn--") && punycode_label(label).is_none();
    if !mapped.split('.').any(bad) {
        return None;
    }
    let stand_ins: Vec<Cow<'_, str>> = mapped
        .split('.')
        .map(|label| match label.strip_prefix("xn--") {
            Some(rest) if bad(label) => Cow::Owned(format!("xn-0{rest}")),
            _ => Cow::Borrowed(label),
        })
        .collect();
    let host = to_ascii(&stand_ins.join(".")).ok()?;
    // Labels are where they were: mapping is done, and `to_ascii` encodes each label on its own.
    let written = host
        .split('.')
        .zip(mapped.split('.'))
        .map(|(ascii, label)| if bad(label) { label } else { ascii })
        .collect::<Vec<_>>()
        .join(".");
    Some(StandIn {
        text: format!("{}{host}{}", &text[..start], &text[end..]),
        host,
        written,
    })
}

/// The host mapped as UTS 46 maps it (as far as the module's comment says), or why a browser rejects it.
fn map(host: &str) -> Result<String, &'static str> {
    let mut mapped = String::with_capacity(host.len());
    for c in host.chars() {
        if c.is_ascii() {
            mapped.push(c.to_ascii_lowercase());
        } else if let Some(letter) = mapped.as_bytes().last().and_then(|&base| compose(base, c)) {
            // NFC for the common case: one combining mark after a Latin letter.
            mapped.pop();
            mapped.push(letter);
        } else {
            map_char(c, &mut mapped)?;
        }
    }
    // After mapping, the ASCII the URL standard forbids in a host (`ｚｏｏｍ．ｕｓ／j` must not grow a path).
    if mapped
        .bytes()
        .any(|b| b <= b' ' || b"#%/:<>?@[\\]^|\x7f".contains(&b))
    {
        return Err(INVALID);
    }
    Ok(mapped)
}

/// Appends what UTS 46 maps `c` (not ASCII) to, or says why a host cannot hold it.
fn map_char(c: char, out: &mut String) -> Result<(), &'static str> {
    let code = c as u32;
    match c {
        // Ignored: soft hyphen, combining grapheme joiner, Mongolian variation selectors, zero-width space,
        // word joiner, variation selectors, byte-order mark, shorthand format controls.
        '\u{ad}'
        | '\u{34f}'
        | '\u{180b}'..='\u{180d}'
        | '\u{180f}'
        | '\u{200b}'
        | '\u{2060}'
        | '\u{2064}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{e0100}'..='\u{e01ef}' => {}
        '\u{3002}' | '\u{ff0e}' | '\u{ff61}' => out.push('.'),
        '\u{ff01}'..='\u{ff5e}' => out.push(char::from((code - 0xfee0) as u8).to_ascii_lowercase()),
        // Disallowed: spaces, controls, joiners outside their scripts' contexts, bidi controls, the dot leaders.
        _ if c.is_whitespace() || c.is_control() => return Err(INVALID),
        '\u{200c}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{61c}'
        | '\u{600}'..='\u{605}'
        | '\u{2024}'
        | '\u{fe52}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{fffc}'..='\u{ffff}' => return Err(INVALID),
        _ => match to_ascii_run(code) {
            Some(ascii) => out.push_str(&ascii),
            None => out.extend(c.to_lowercase()),
        },
    }
    Ok(())
}

/// The ASCII that `c`'s compatibility case fold is, from the generated runs.
fn to_ascii_run(code: u32) -> Option<Cow<'static, str>> {
    let i = tables::TO_ASCII
        .partition_point(|&(first, _, _)| first <= code)
        .checked_sub(1)?;
    let (first, count, mapping) = tables::TO_ASCII[i];
    let offset = code - first;
    if offset >= u32::from(count) {
        return None;
    }
    if count == 1 {
        return Some(Cow::Borrowed(mapping));
    }
    let base = mapping.as_bytes()[0];
    Some(Cow::Owned(char::from(base + offset as u8).to_string()))
}

/// The Latin letter that `base` with the combining `mark` composes into.
fn compose(base: u8, mark: char) -> Option<char> {
    let mark = u16::try_from(mark as u32).ok()?;
    let i = tables::COMPOSE
        .binary_search_by_key(&(base, mark), |&(b, m, _)| (b, m))
        .ok()?;
    char::from_u32(u32::from(tables::COMPOSE[i].2))
}

/// The bidi rule (RFC 5893) as far as it can be told without Unicode's bidi classes: a label with
/// right-to-left letters holds no Latin letter and starts with one of them; in a host with such a label, no
/// label mixes Arabic-Indic digits with Latin letters or European digits.
fn check_label(label: &str, host: &str) -> Result<(), &'static str> {
    let rtl = |c: char| {
        matches!(c, '\u{590}'..='\u{5ff}' | '\u{606}'..='\u{65f}' | '\u{66a}'..='\u{6ef}' | '\u{6fa}'..='\u{8ff}'
            | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
    };
    let arabic_digit = |c: char| matches!(c, '\u{660}'..='\u{669}' | '\u{6f0}'..='\u{6f9}');
    if label.chars().any(rtl) {
        let first = label.chars().next().is_some_and(rtl);
        if !first || label.chars().any(|c| c.is_ascii_alphabetic()) {
            return Err(INVALID);
        }
    }
    let bidi_host = host.chars().any(|c| rtl(c) || arabic_digit(c));
    if bidi_host && !label.chars().any(rtl) && label.chars().any(arabic_digit) {
        return Err(INVALID);
    }
    Ok(())
}

/// The Unicode of an `xn--` label, when it is valid punycode.
fn punycode_label(label: &str) -> Option<String> {
    let encoded = label.get(4..)?;
    if encoded.is_empty() || encoded.ends_with('-') {
        return None;
    }
    let decoded = punycode::decode(encoded)?;
    // A label that decodes to ASCII was not made by an encoder (`xn--zz`); one that mapping would change
    // (upper case, controls: `xn--a` is U+0080) is not a host a browser makes either.
    let valid =
        !decoded.is_ascii() && !decoded.contains('.') && map(&decoded).is_ok_and(|m| m == decoded);
    valid.then_some(decoded)
}

/// The host with its `xn--` labels in Unicode (`xn--zm-fmca.us` → `zооm.us`); labels that are not valid
/// punycode stay as they are.
pub fn to_unicode(host: &str) -> Cow<'_, str> {
    if !host.contains("xn--") {
        return Cow::Borrowed(host);
    }
    let mut out = String::with_capacity(host.len());
    for (i, label) in host.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        match label
            .starts_with("xn--")
            .then(|| punycode_label(label))
            .flatten()
        {
            Some(unicode) => out.push_str(&unicode),
            None => out.push_str(label),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_map_to_ascii() {
        assert_eq!(to_ascii("ｚｏｏｍ。ＵＳ").unwrap(), "zoom.us");
        assert_eq!(to_ascii("zо\u{ad}оm.us").unwrap(), "xn--zm-fmca.us");
        assert_eq!(to_ascii("we\u{301}bex.com").unwrap(), "xn--wbex-bpa.com");
        assert_eq!(to_ascii("𝐳𝐨𝐨𝐦.us").unwrap(), "zoom.us");
        assert_eq!(to_ascii("zo\u{200d}om.us"), Err(INVALID));
        assert_eq!(to_ascii("zoom\u{632}.com"), Err(INVALID));
        assert_eq!(to_ascii("xn--zz.com"), Err(INVALID));
        assert_eq!(to_ascii("ｚｏｏｍ．ｕｓ／j"), Err(INVALID));
    }

    #[test]
    fn only_the_host_of_a_url_text_changes() {
        let ascii = |t| ascii_host(t).unwrap().into_owned();
        assert_eq!(
            ascii("https://u:p@zооm.us:443/j/1?x=ü#ü"),
            "https://u:p@xn--zm-fmca.us:443/j/1?x=ü#ü"
        );
        assert_eq!(ascii("zооm.us/j/1"), "xn--zm-fmca.us/j/1");
        assert_eq!(
            ascii("https://z%D0%BE%D0%BEm.us/"),
            "https://xn--zm-fmca.us/"
        );
        assert_eq!(ascii("https://zoom.us/ü"), "https://zoom.us/ü");
        assert_eq!(ascii("mailto:ü@zооm.us"), "mailto:ü@zооm.us");
    }

    #[test]
    fn labels_that_are_not_punycode_get_stand_ins_and_keep_their_text() {
        let stand_in = stand_in_host("https://xn--2mxw0.Example.com:8443/j/1?x=ü").unwrap();
        assert_eq!(stand_in.text, "https://xn-02mxw0.example.com:8443/j/1?x=ü");
        assert_eq!(stand_in.host, "xn-02mxw0.example.com");
        assert_eq!(stand_in.written, "xn--2mxw0.example.com");
        // Upper case is lowered as browsers lower it; other labels are made ASCII as usual.
        let stand_in = stand_in_host("XN--ZZ.zооm.us/j/1").unwrap();
        assert_eq!(stand_in.text, "xn-0zz.xn--zm-fmca.us/j/1");
        assert_eq!(stand_in.written, "xn--zz.xn--zm-fmca.us");
        // `xn--` alone, a trailing `-`, a label decoding to ASCII: none is an encoder's.
        for host in ["xn--.example", "xn--zm-fmca-.us", "XN--ZZ.example"] {
            let stand_in = stand_in_host(host).unwrap_or_else(|| panic!("{host}"));
            assert_eq!(stand_in.written, host.to_ascii_lowercase(), "{host}");
            assert_eq!(stand_in.host.len(), stand_in.written.len(), "{host}");
        }
        // Valid punycode, no `xn--` at all, or another fault (a space, a bidi control): nothing to stand in for.
        for text in [
            "https://xn--zm-fmca.us/",
            "https://zoom.us/",
            "https://xn--2mxw0.zo om.us/",
            "https://xn--2mxw0.zo\u{202e}om.us/",
            "mailto:a@xn--2mxw0.example",
        ] {
            assert!(stand_in_host(text).is_none(), "{text}");
        }
    }

    #[test]
    fn punycode_shows_in_unicode() {
        assert_eq!(to_unicode("xn--zm-fmca.us"), "zооm.us");
        assert_eq!(to_unicode("xn--zz.com"), "xn--zz.com");
        assert_eq!(to_unicode("zoom.us"), "zoom.us");
    }
}
