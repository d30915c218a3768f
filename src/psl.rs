//! Public suffixes (`co.uk`, `github.io`) and registrable domains (`bbc.co.uk`) of host names, from the Public
//! Suffix List vendored in `data/psl/` (its version and source are in `data/psl/README.md`).
//!
//! `build.rs` (`build/psl.rs`) compiles the list into a DAFSA of its rules' reversed text (73 KB), which a
//! lookup walks from the host's last byte until the host leaves it, no allocation; its first two steps, which
//! scan the most edges, come from a table built on first use ([`pairs`]). It replaced the `psl`
//! crate, whose list compiled to about 0.9 MB of wasm code, then a label trie of 137 KB, then front-coded
//! sorted keys of 92 KB (a binary search per label, 1.7 times the instructions of this walk).
//! Hosts are given as a URL parser leaves them: ASCII (IDN labels in their `xn--` form), no trailing dot;
//! letters are compared without regard to case.

static DAFSA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl.bin"));

// The flags of a rule; see `build/psl.rs`, which writes them.
const RULE: u32 = 1;
const RULE_PRIVATE: u32 = 2;
const WILD: u32 = 4;
const WILD_PRIVATE: u32 = 8;
const EXCEPTION: u32 = 16;
const DYNAMIC_DNS: u32 = 32;
// The bits of a node's byte and of a distance's first byte (see `build/psl.rs`'s layout).
const STATE: u8 = 0x80;
const HAS_EDGES: u8 = 0x40;
const LAST_EDGE: u8 = 0x80;

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

/// Where the automaton goes from `at` (a byte of [`DAFSA`]: a node's character or a node) on `byte` (lower
/// case), `None` when no rule goes on with it.
#[inline]
fn step(at: usize, byte: u8) -> Option<usize> {
    let b = DAFSA[at];
    if b < STATE {
        // Within a record: one way on.
        return (b == byte).then_some(at + 1);
    }
    if b & HAS_EDGES == 0 {
        return None;
    }
    // The distances to the records the node leads to, each from the one before: the record whose first
    // character is `byte`, if any. At most the 38 characters of host names: a scan is enough.
    let mut at = at + 1;
    let mut target = at;
    loop {
        let first = DAFSA[at];
        let (distance, next) = match first & 0x60 {
            0x00 | 0x20 => (usize::from(first & 0x3F), at + 1),
            0x40 => (
                usize::from(first & 0x1F) << 8 | usize::from(DAFSA[at + 1]),
                at + 2,
            ),
            _ => (
                usize::from(first & 0x1F) << 16
                    | usize::from(DAFSA[at + 1]) << 8
                    | usize::from(DAFSA[at + 2]),
                at + 3,
            ),
        };
        target += distance;
        if DAFSA[target] == byte {
            return Some(target + 1);
        }
        if first & LAST_EDGE != 0 {
            return None;
        }
        at = next;
    }
}

/// The flags of the rule that ends at `at` (0 for none: the middle of a longer rule).
#[inline]
fn flags_at(at: usize) -> u32 {
    let b = DAFSA[at];
    if b < STATE {
        0
    } else {
        u32::from(b & !(STATE | HAS_EDGES))
    }
}

/// Where the automaton goes from `at` on `text` read from its end (lower-cased), `None` when it leaves it.
fn walk_back(at: usize, text: &[u8]) -> Option<usize> {
    text.iter()
        .rev()
        .try_fold(at, |at, byte| step(at, byte.to_ascii_lowercase()))
}

/// The bytes of host names (`a`-`z`, `0`-`9`, `-`, `_`) numbered 0 to 37 for [`pairs`], `None` for others.
#[inline]
fn host_byte_number(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(byte - b'0')),
        b'-' => Some(36),
        b'_' => Some(37),
        _ => None,
    }
}

/// The byte [`host_byte_number`] numbers `number`.
fn host_byte(number: usize) -> u8 {
    b"abcdefghijklmnopqrstuvwxyz0123456789-_"[number]
}

const HOST_BYTES: usize = 38;
/// A pair that leaves the automaton in [`pairs`].
const NO_RULE: u32 = u32::MAX;

/// Where the automaton is after the last two bytes of a host (last first, each numbered by
/// [`host_byte_number`]; [`NO_RULE`] when it left it): the root's first two steps scan the most edges of a
/// walk (26, then one per character before it of the list's endings), about half of a lookup's instructions
/// on the URLs of `make bench-instructions` (callgrind). Built on first use from the automaton itself
/// (38 × 38 walks, 5.8 KB), so the blob and the wasm package do not grow.
fn pairs() -> &'static [u32] {
    static PAIRS: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    PAIRS.get_or_init(|| {
        (0..HOST_BYTES * HOST_BYTES)
            .map(|i| {
                step(0, host_byte(i / HOST_BYTES))
                    .and_then(|at| step(at, host_byte(i % HOST_BYTES)))
                    .map_or(NO_RULE, |at| {
                        u32::try_from(at).expect("the blob is under 4 GB")
                    })
            })
            .collect()
    })
}

/// [`walk_back`] from the root, its first two steps taken from [`pairs`] when the text has two host bytes at
/// its end.
#[inline]
fn walk_back_from_root(text: &[u8]) -> Option<usize> {
    if let [rest @ .., second, last] = text {
        if let (Some(last), Some(second)) = (
            host_byte_number(last.to_ascii_lowercase()),
            host_byte_number(second.to_ascii_lowercase()),
        ) {
            let at = pairs()[last * HOST_BYTES + second];
            return (at != NO_RULE)
                .then_some(at as usize)
                .and_then(|at| walk_back(at, rest));
        }
    }
    walk_back(0, text)
}

/// The public suffix of `host`, by the list's rules (the longest matching rule; an exception rule wins; a
/// host on no rule gets its last label). `None` for an empty host or one with an empty label (`.com`, `a..b`).
pub fn suffix(host: &str) -> Option<Suffix<'_>> {
    let bytes = host.as_bytes();
    // By byte: `memmem`'s set-up for a two-byte needle cost more than the look at a host's few bytes.
    if bytes.is_empty() || bytes[0] == b'.' || bytes.windows(2).any(|w| w == b"..") {
        return None;
    }
    // Where the automaton is at the end of the labels read so far (the root before any), `None` once no rule
    // goes on with them.
    let mut at = Some(0);
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
        // A label that ends no rule and starts none has flags 0, as a label that leaves the automaton has none:
        // both take the parent's wildcard; only the second ends the search.
        let node = match at {
            Some(0) => walk_back_from_root(label),
            Some(at) => walk_back(at, label),
            None => None,
        }
        .map(|at| (at, flags_at(at)));
        match node {
            Some((_, flags)) if flags & EXCEPTION != 0 => {
                // `!city.kobe.jp`: the suffix is what the wildcard's parent names (`kobe.jp`).
                if let Some(kind) = wild {
                    best = (end + 1, kind);
                }
                break;
            }
            Some((_, flags)) => {
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
        at = node.and_then(|(at, _)| step(at, b'.'));
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
/// which says which services and why; `build.rs` flags them on the list's rules.
pub fn is_dynamic_dns(suffix: &str) -> bool {
    walk_back_from_root(suffix.as_bytes()).is_some_and(|at| flags_at(at) & DYNAMIC_DNS != 0)
}

/// The dynamic-DNS suffixes of [`is_dynamic_dns`] as text (`ddns.net`, `duckdns.org`), for the lookalike
/// screen's table, which lets every host under them through (`lookalike::FREE_HOST_SUFFIXES`' hosts too).
pub fn dynamic_dns_suffixes() -> impl Iterator<Item = &'static str> {
    include_str!("../data/psl/dynamic-dns.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
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
    // By byte: a `char` search's set-up costs more than these few bytes.
    let start = host.as_bytes()[..before - 1]
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(0, |d| d + 1);
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

    /// The first two steps from the table (`pairs`) end where the steps themselves do: every text of up to
    /// three bytes of host names, upper case and a few other bytes among them.
    #[test]
    fn the_pair_table_walks_as_the_steps_do() {
        let bytes: Vec<u8> = (0..HOST_BYTES).map(host_byte).chain(*b"ZMK.*!").collect();
        let mut walked = 0;
        for &a in &bytes {
            for &b in &bytes {
                for text in [vec![a], vec![a, b]]
                    .into_iter()
                    .chain(bytes.iter().map(|&c| vec![c, a, b]))
                {
                    let at = walk_back_from_root(&text);
                    assert_eq!(
                        at,
                        walk_back(0, &text),
                        "{:?}",
                        String::from_utf8_lossy(&text)
                    );
                    walked += usize::from(at.is_some());
                }
            }
        }
        assert!(walked > 1000, "{walked}");
    }

    #[test]
    fn dynamic_dns_suffixes_are_flagged_and_only_they() {
        let listed: Vec<&str> = dynamic_dns_suffixes().collect();
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
