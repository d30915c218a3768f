//! Build step: compiles the vendored Public Suffix List (`data/psl/public_suffix_list.dat`) into the compact
//! sorted key list that `src/psl.rs` reads. Included by `build.rs` through `#[path]`.
//!
//! Layout (little-endian), read by `src/psl.rs`: every node of the list's label trie as a key, its labels
//! from the top-level domain down joined by `.` (`jp.kawasaki.city`; IDN labels punycoded here, lower case),
//! with the node's flags; nodes that are no rule themselves are keys too (flags 0), so that a search can stop
//! at the first key that is missing. Keys sorted by bytes, front-coded in blocks of `BLOCK`:
//! - header: `u16` number of blocks, then `u32` per block: where it starts in the entries;
//! - entries: `u8` bytes shared with the previous key of the block (0 for a block's first), `u8` length of the
//!   rest, the rest, `u8` flags.
//!
//! 91 KB raw, 43 KB gzipped: the label trie it replaced (8-byte nodes and a label pool) took 137 KB and
//! 60 KB. A search is a binary search over the blocks' first keys and a scan of one block per label.

use std::collections::BTreeMap;

/// Flags of a node.
pub const RULE: u32 = 1; // the labels up to this node are a suffix
pub const RULE_PRIVATE: u32 = 2; // … from the PRIVATE section
pub const WILD: u32 = 4; // `*.` + these labels is a rule
pub const WILD_PRIVATE: u32 = 8; // … from the PRIVATE section
pub const EXCEPTION: u32 = 16; // `!` + these labels: an exception to a wildcard
pub const DYNAMIC_DNS: u32 = 32; // a dynamic-DNS service's suffix (`data/psl/dynamic-dns.txt`)

/// Keys per front-coded block.
const BLOCK: usize = 32;

#[derive(Default)]
struct Trie {
    flags: u32,
    children: BTreeMap<Vec<u8>, Trie>,
}

/// The blob for the list's text, with the suffixes of `dynamic_dns` (the text of `data/psl/dynamic-dns.txt`,
/// one private rule of the list a line) flagged; panics with the line on a rule it cannot read (the files
/// are vendored, so a bad line is a bad update of one of them).
pub fn compile(text: &str, dynamic_dns: &str) -> Vec<u8> {
    let mut root = Trie::default();
    let mut private = false;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.contains("===BEGIN PRIVATE DOMAINS===") {
            private = true;
        }
        // Rules end at the first white space (the list's own definition).
        let rule = line.split_whitespace().next().unwrap_or("");
        if rule.is_empty() || rule.starts_with("//") {
            continue;
        }
        let (rule, exception) = match rule.strip_prefix('!') {
            Some(rest) => (rest, true),
            None => (rule, false),
        };
        let (rule, wild) = match rule.strip_prefix("*.") {
            Some(rest) => (rest, true),
            None => (rule, false),
        };
        let mut node = &mut root;
        for label in rule.rsplit('.') {
            let ascii = to_ascii_label(label).unwrap_or_else(|| {
                panic!(
                    "data/psl/public_suffix_list.dat:{}: cannot read the rule `{line}`",
                    number + 1
                )
            });
            node = node.children.entry(ascii.into_bytes()).or_default();
        }
        node.flags |= match (exception, wild, private) {
            (true, _, _) => EXCEPTION,
            (false, true, false) => WILD,
            (false, true, true) => WILD | WILD_PRIVATE,
            (false, false, false) => RULE,
            (false, false, true) => RULE | RULE_PRIVATE,
        };
    }

    // Flagged in the list's own nodes: 433 suffixes cost no key of their own, and the engine no copy of them
    // (the text and its sorted index cost 3.5 KB of the gzipped wasm).
    for (number, line) in dynamic_dns.lines().enumerate() {
        let suffix = line.trim();
        if suffix.is_empty() || suffix.starts_with('#') {
            continue;
        }
        let node = suffix.rsplit('.').try_fold(&mut root, |node, label| {
            node.children.get_mut(to_ascii_label(label)?.as_bytes())
        });
        match node {
            Some(node) if node.flags & RULE_PRIVATE != 0 => node.flags |= DYNAMIC_DNS,
            _ => panic!(
                "data/psl/dynamic-dns.txt:{}: `{suffix}` is no rule of the list's private section; rerun                  data/psl/dynamic-dns-extract.py after updating public_suffix_list.dat",
                number + 1
            ),
        }
    }

    let mut keys: Vec<(Vec<u8>, u32)> = Vec::new();
    collect(&root, &mut Vec::new(), &mut keys);
    keys.sort();
    let mut entries: Vec<u8> = Vec::new();
    let mut starts: Vec<u32> = Vec::new();
    for (i, (key, flags)) in keys.iter().enumerate() {
        let shared = if i % BLOCK == 0 {
            starts.push(u32::try_from(entries.len()).expect("< 4 GB"));
            0
        } else {
            let previous = &keys[i - 1].0;
            key.iter().zip(previous).take_while(|(a, b)| a == b).count()
        };
        assert!(key.len() < 256, "public suffix rule too long");
        entries.push(shared as u8);
        entries.push((key.len() - shared) as u8);
        entries.extend_from_slice(&key[shared..]);
        entries.push(u8::try_from(*flags).expect("flags fit a byte"));
    }
    let mut blob = Vec::with_capacity(2 + 4 * starts.len() + entries.len());
    blob.extend_from_slice(
        &u16::try_from(starts.len())
            .expect("< 65536 blocks")
            .to_le_bytes(),
    );
    for start in &starts {
        blob.extend_from_slice(&start.to_le_bytes());
    }
    blob.extend_from_slice(&entries);
    blob
}

/// Every node under `node` as (key, flags); `path` is the key of `node` (empty for the root).
fn collect(node: &Trie, path: &mut Vec<u8>, keys: &mut Vec<(Vec<u8>, u32)>) {
    for (label, child) in &node.children {
        let length = path.len();
        if !path.is_empty() {
            path.push(b'.');
        }
        path.extend_from_slice(label);
        keys.push((path.clone(), child.flags));
        collect(child, path, keys);
        path.truncate(length);
    }
}

/// A label in the form hosts have after URL parsing: lower-case ASCII, or `xn--` + punycode (RFC 3492).
fn to_ascii_label(label: &str) -> Option<String> {
    if label.is_empty() {
        return None;
    }
    if label.is_ascii() {
        return Some(label.to_ascii_lowercase());
    }
    // The list's IDN labels are already in the normalised (UTS 46) form: only the encoding is left to do.
    punycode(&label.to_lowercase()).map(|p| format!("xn--{p}"))
}

/// RFC 3492 encoding (section 6.3), with its parameters for IDNA.
fn punycode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    fn digit(d: u32) -> char {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        })
    }
    fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
        delta /= if first { 700 } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    }
    let chars: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < chars.len() {
        let m = chars.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}
