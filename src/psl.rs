//! Public suffixes (`co.uk`, `github.io`) and registrable domains (`bbc.co.uk`) of host names, from the Public
//! Suffix List vendored in `data/psl/` (its version and source are in `data/psl/README.md`).
//!
//! `build.rs` (`build/psl.rs`) compiles the list into front-coded sorted keys of about 90 KB (one per node
//! of the list's label trie, `jp.kawasaki.city`): per label a binary search over blocks and a scan of one
//! block, no allocation. It replaced the `psl` crate, whose list compiled to about 0.9 MB of wasm code, and
//! then a label trie of 137 KB.
//! Hosts are given as a URL parser leaves them: ASCII (IDN labels in their `xn--` form), no trailing dot;
//! letters are compared without regard to case.

static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl.bin"));

// The flags of a node; see `build/psl.rs`, which writes them.
const RULE: u32 = 1;
const RULE_PRIVATE: u32 = 2;
const WILD: u32 = 4;
const WILD_PRIVATE: u32 = 8;
const EXCEPTION: u32 = 16;
const DYNAMIC_DNS: u32 = 32;
/// The longest key the blob can hold (`build/psl.rs` asserts it).
const MAX_KEY: usize = 255;

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

fn u16_at(at: usize) -> usize {
    usize::from(u16::from_le_bytes([TRIE[at], TRIE[at + 1]]))
}

fn u32_at(at: usize) -> usize {
    u32::from_le_bytes([TRIE[at], TRIE[at + 1], TRIE[at + 2], TRIE[at + 3]]) as usize
}

/// The flags of the trie node whose key is `key` (lower case), `None` when there is no such node.
fn flags_of(key: &[u8]) -> Option<u32> {
    let blocks = u16_at(0);
    let entries = 2 + 4 * blocks;
    let block_start = |i: usize| entries + u32_at(2 + 4 * i);
    // A block's first key is stored whole: `[0, length, key…, flags]`.
    let first_key = |i: usize| {
        let at = block_start(i);
        &TRIE[at + 2..at + 2 + usize::from(TRIE[at + 1])]
    };
    // The last block whose first key is not after `key`.
    let (mut low, mut high) = (0, blocks);
    while low < high {
        let middle = low + (high - low) / 2;
        if first_key(middle) <= key {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    let block = low.checked_sub(1)?;
    let end = if block + 1 < blocks {
        block_start(block + 1)
    } else {
        TRIE.len()
    };
    // The keys are sorted and each shares `shared` bytes with the one before: while `matched` bytes of the
    // previous key equal `key`'s, a key sharing more with it is still before `key`, one sharing fewer is after
    // it, and only one sharing exactly `matched` needs its bytes compared (no key is rebuilt).
    let mut at = block_start(block);
    let mut matched = 0;
    while at < end {
        let shared = usize::from(TRIE[at]);
        let rest = &TRIE[at + 2..at + 2 + usize::from(TRIE[at + 1])];
        let flags = u32::from(TRIE[at + 2 + rest.len()]);
        at += 3 + rest.len();
        if shared > matched {
            continue;
        }
        if shared < matched {
            return None;
        }
        let tail = &key[shared..];
        let common = rest.iter().zip(tail).take_while(|(a, b)| a == b).count();
        matched = shared + common;
        match rest[common..].first().cmp(&tail[common..].first()) {
            std::cmp::Ordering::Equal => return Some(flags),
            std::cmp::Ordering::Greater => return None,
            std::cmp::Ordering::Less => {}
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
    // The key of the node reached: labels from the top-level domain down, lower case, joined by `.`.
    let mut key = [0u8; MAX_KEY];
    let mut key_len = 0;
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
        let separator = usize::from(key_len > 0);
        let node = if key_len + separator + label.len() <= MAX_KEY {
            if separator == 1 {
                key[key_len] = b'.';
            }
            for (slot, byte) in key[key_len + separator..].iter_mut().zip(label) {
                *slot = byte.to_ascii_lowercase();
            }
            key_len += separator + label.len();
            flags_of(&key[..key_len])
        } else {
            // Longer than any key: no such node.
            None
        };
        match node {
            Some(flags) if flags & EXCEPTION != 0 => {
                // `!city.kobe.jp`: the suffix is what the wildcard's parent names (`kobe.jp`).
                if let Some(kind) = wild {
                    best = (end + 1, kind);
                }
                break;
            }
            Some(flags) => {
                if flags & RULE != 0 {
                    best = (start, kind(flags & RULE_PRIVATE != 0));
                } else if let Some(kind) = wild {
                    best = (start, kind);
                }
                wild = (flags & WILD != 0).then(|| kind(flags & WILD_PRIVATE != 0));
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

/// Whether `suffix` (a public suffix as [`suffix`] gives it, `ddns.net`) is one of those that dynamic-DNS
/// services (No-IP, Dynu, DuckDNS, DynDNS, …) hand out for free, one name to anyone who signs up:
/// `data/psl/dynamic-dns.txt`, which `data/psl/dynamic-dns-extract.py` writes from the vendored list and
/// which says which services and why; `build.rs` flags them in the list's keys.
pub fn is_dynamic_dns(suffix: &str) -> bool {
    if suffix.len() > MAX_KEY {
        return false;
    }
    // The key: the labels from the top-level domain down, as `suffix` builds it.
    let mut key = [0u8; MAX_KEY];
    let mut at = 0;
    for (i, label) in suffix.rsplit('.').enumerate() {
        if i > 0 {
            key[at] = b'.';
            at += 1;
        }
        for (slot, byte) in key[at..].iter_mut().zip(label.bytes()) {
            *slot = byte.to_ascii_lowercase();
        }
        at += label.len();
    }
    flags_of(&key[..at]).is_some_and(|flags| flags & DYNAMIC_DNS != 0)
}

/// The public suffix of `host` as text (see [`suffix`]).
pub fn suffix_str(host: &str) -> Option<&str> {
    suffix(host).map(|s| s.text)
}

/// The registrable domain of `host`: its public suffix and one more label (`bbc.co.uk` for `www.bbc.co.uk`);
/// `None` when the host is itself a public suffix, or is not a valid host name.
pub fn domain_str(host: &str) -> Option<&str> {
    domain_of(host, suffix(host)?)
}

/// [`domain_str`] for a caller that already has the host's [`suffix`]: one search of the list instead of two.
pub fn domain_of<'a>(host: &'a str, suffix: Suffix<'a>) -> Option<&'a str> {
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

    #[test]
    fn dynamic_dns_suffixes_are_flagged_and_only_they() {
        let listed: Vec<&str> = include_str!("../data/psl/dynamic-dns.txt")
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        assert!(listed.len() > 400, "{}", listed.len());
        for suffix in &listed {
            assert!(is_dynamic_dns(suffix), "{suffix}");
            assert_eq!(suffix_str(&format!("zoom.{suffix}")), Some(*suffix));
        }
        for other in [
            "github.io",
            "blogspot.com",
            "com",
            "co.uk",
            "net",
            "dyn.ddnss",
            "x.ddns.net",
        ] {
            assert!(!listed.contains(&other), "{other}");
            assert!(!is_dynamic_dns(other), "{other}");
        }
        assert!(is_dynamic_dns("DDNS.net"));
    }
}
