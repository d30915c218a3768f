//! Public suffixes (`co.uk`, `github.io`) and registrable domains (`bbc.co.uk`) of host names, from the Public
//! Suffix List vendored in `data/psl/` (its version and source are in `data/psl/README.md`).
//!
//! `build.rs` (`build/psl.rs`) compiles the list into a label trie of about 100 KB: one binary search per
//! label, no allocation. It replaced the `psl` crate, whose list compiled to about 0.9 MB of wasm code.
//! Hosts are given as a URL parser leaves them: ASCII (IDN labels in their `xn--` form), no trailing dot;
//! letters are compared without regard to case.

static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl.bin"));

// The flags of a node; see `build/psl.rs`, which writes them.
const RULE: u32 = 1;
const RULE_PRIVATE: u32 = 2;
const WILD: u32 = 4;
const WILD_PRIVATE: u32 = 8;
const EXCEPTION: u32 = 16;
const NODE_SIZE: usize = 8;
const HEADER: usize = 4;

/// Which section of the list a suffix comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuffixKind {
    /// Top-level domains and the registries' own rules (`com`, `co.uk`).
    Icann,
    /// Names that companies let others use (`github.io`, `blogspot.com`).
    Private,
    /// Not on the list: the last label, by the list's implicit `*` rule.
    Unlisted,
}

/// A host's public suffix: a slice of the host, and where its rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suffix<'a> {
    pub text: &'a str,
    pub kind: SuffixKind,
}

#[derive(Clone, Copy)]
struct Node {
    word: u32,
    first: usize,
    count: usize,
}

impl Node {
    fn flags(self) -> u32 {
        self.word >> 26
    }

    fn label(self) -> &'static [u8] {
        let pool = HEADER + node_count() * NODE_SIZE;
        let offset = (self.word & 0xf_ffff) as usize;
        let len = ((self.word >> 20) & 0x3f) as usize;
        &TRIE[pool + offset..pool + offset + len]
    }
}

fn u16_at(at: usize) -> usize {
    usize::from(u16::from_le_bytes([TRIE[at], TRIE[at + 1]]))
}

fn node_count() -> usize {
    u16_at(2)
}

fn node(index: usize) -> Node {
    let at = HEADER + index * NODE_SIZE;
    let word = u32::from_le_bytes([TRIE[at], TRIE[at + 1], TRIE[at + 2], TRIE[at + 3]]);
    Node {
        word,
        first: u16_at(at + 4),
        count: u16_at(at + 6),
    }
}

/// The child of `first..first + count` whose label is `label` (any case).
fn child(first: usize, count: usize, label: &[u8]) -> Option<Node> {
    let (mut low, mut high) = (first, first + count);
    while low < high {
        let middle = low + (high - low) / 2;
        let candidate = node(middle);
        let stored = candidate.label();
        let order = label
            .iter()
            .map(u8::to_ascii_lowercase)
            .cmp(stored.iter().copied());
        match order {
            std::cmp::Ordering::Equal => return Some(candidate),
            std::cmp::Ordering::Less => high = middle,
            std::cmp::Ordering::Greater => low = middle + 1,
        }
    }
    None
}

/// The public suffix of `host`, by the list's rules (the longest matching rule; an exception rule wins; a
/// host on no rule gets its last label). `None` for an empty host or one with an empty label (`.com`, `a..b`).
pub fn suffix(host: &str) -> Option<Suffix<'_>> {
    let bytes = host.as_bytes();
    if bytes.is_empty() || bytes[0] == b'.' || memchr::memmem::find(bytes, b"..").is_some() {
        return None;
    }
    let (mut first, mut count) = (0, u16_at(0));
    // Where the suffix starts, and its kind; the implicit rule until a listed one matches.
    let last_dot = bytes.iter().rposition(|&b| b == b'.');
    let mut best = (last_dot.map_or(0, |d| d + 1), SuffixKind::Unlisted);
    let mut wild = None; // the kind of the parent's `*` rule, if it has one
    let mut end = bytes.len();
    loop {
        let start = bytes[..end]
            .iter()
            .rposition(|&b| b == b'.')
            .map_or(0, |d| d + 1);
        let label = &bytes[start..end];
        if label.is_empty() {
            return None;
        }
        match child(first, count, label) {
            Some(node) if node.flags() & EXCEPTION != 0 => {
                // `!city.kobe.jp`: the suffix is what the wildcard's parent names (`kobe.jp`).
                if let Some(kind) = wild {
                    best = (end + 1, kind);
                }
                break;
            }
            Some(node) => {
                let flags = node.flags();
                if flags & RULE != 0 {
                    best = (start, kind(flags & RULE_PRIVATE != 0));
                } else if let Some(kind) = wild {
                    best = (start, kind);
                }
                wild = (flags & WILD != 0).then(|| kind(flags & WILD_PRIVATE != 0));
                (first, count) = (node.first, node.count);
            }
            None => {
                if let Some(kind) = wild {
                    best = (start, kind);
                }
                break;
            }
        }
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    Some(Suffix {
        text: &host[best.0..],
        kind: best.1,
    })
}

fn kind(private: bool) -> SuffixKind {
    if private {
        SuffixKind::Private
    } else {
        SuffixKind::Icann
    }
}

/// The public suffix of `host` as text (see [`suffix`]).
pub fn suffix_str(host: &str) -> Option<&str> {
    suffix(host).map(|s| s.text)
}

/// The registrable domain of `host`: its public suffix and one more label (`bbc.co.uk` for `www.bbc.co.uk`);
/// `None` when the host is itself a public suffix, or is not a valid host name.
pub fn domain_str(host: &str) -> Option<&str> {
    let suffix = suffix(host)?;
    let before = host.len() - suffix.text.len();
    if before < 2 {
        return None;
    }
    // `before - 1` is the dot in front of the suffix.
    let start = host[..before - 1].rfind('.').map_or(0, |d| d + 1);
    Some(&host[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_wildcards_and_exceptions() {
        assert_eq!(suffix_str("www.bbc.co.uk"), Some("co.uk"));
        assert_eq!(domain_str("www.bbc.co.uk"), Some("bbc.co.uk"));
        assert_eq!(suffix("zoom.us").map(|s| s.kind), Some(SuffixKind::Icann));
        assert_eq!(
            suffix("x.github.io").map(|s| s.kind),
            Some(SuffixKind::Private)
        );
        assert_eq!(
            suffix("a.b.invalidtld").map(|s| s.kind),
            Some(SuffixKind::Unlisted)
        );
        assert_eq!(suffix_str("a.b.invalidtld"), Some("invalidtld"));
        // `*.kawasaki.jp` with the exception `!city.kawasaki.jp`.
        assert_eq!(suffix_str("x.y.kawasaki.jp"), Some("y.kawasaki.jp"));
        assert_eq!(suffix_str("www.city.kawasaki.jp"), Some("kawasaki.jp"));
        assert_eq!(domain_str("www.city.kawasaki.jp"), Some("city.kawasaki.jp"));
        // Case does not matter; the slice keeps the host's letters.
        assert_eq!(domain_str("WWW.Example.COM"), Some("Example.COM"));
        assert_eq!(suffix_str(""), None);
        assert_eq!(suffix_str("a..com"), None);
        assert_eq!(domain_str("com"), None);
    }
}
