//! Build step: compiles the vendored Public Suffix List (`data/psl/public_suffix_list.dat`) into the compact
//! label trie that `src/psl.rs` reads. Included by `build.rs` through `#[path]`.
//!
//! Layout (little-endian), read by `src/psl.rs`:
//! - header: `u16` number of the root's children (they are nodes `0..n`), `u16` total node count;
//! - nodes, 8 bytes each: `u32` = label offset (bits 0–19) | label length (bits 20–25) | flags (bits 26–31),
//!   then `u16` index of the first child and `u16` number of children. Every node's children are contiguous
//!   and sorted by label bytes (a binary search per label); labels are reversed-order DNS labels, ASCII
//!   (IDN labels punycoded here), lower case;
//! - the label pool: each distinct label once.
//!
//! Why not a DAFSA like Chromium's (≈ 40–60 KB): a trie of shared labels is close in size once compressed
//! (the package is gzipped), needs no state machine at run time and answers in one binary search per label.

use std::collections::{BTreeMap, HashMap};

/// Flags of a node (bits 26–31 of its first word).
pub const RULE: u32 = 1; // the labels up to this node are a suffix
pub const RULE_PRIVATE: u32 = 2; // … from the PRIVATE section
pub const WILD: u32 = 4; // `*.` + these labels is a rule
pub const WILD_PRIVATE: u32 = 8; // … from the PRIVATE section
pub const EXCEPTION: u32 = 16; // `!` + these labels: an exception to a wildcard

#[derive(Default)]
struct Trie {
    flags: u32,
    children: BTreeMap<Vec<u8>, Trie>,
}

/// The trie blob for the list's text; panics with the line on a rule it cannot read (the list is vendored,
/// so a bad line is a bad update of the file).
pub fn compile(text: &str) -> Vec<u8> {
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

    // Breadth first, so that each node's children are contiguous.
    let mut pool: Vec<u8> = Vec::new();
    let mut pooled: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut nodes: Vec<[u8; 8]> = Vec::new();
    let mut queue: Vec<&Trie> = vec![&root];
    let mut next_free = root.children.len();
    let mut head = 0;
    // `queue[k]` for k ≥ 1 is the node written at index k - 1.
    while head < queue.len() {
        let parent = queue[head];
        head += 1;
        for (label, child) in &parent.children {
            let offset = *pooled.entry(label.clone()).or_insert_with(|| {
                let at = pool.len() as u32;
                pool.extend_from_slice(label);
                at
            });
            assert!(
                offset < 1 << 20 && label.len() < 64,
                "public suffix pool too large"
            );
            let word = offset | (label.len() as u32) << 20 | child.flags << 26;
            let first = next_free;
            next_free += child.children.len();
            let mut bytes = [0u8; 8];
            bytes[..4].copy_from_slice(&word.to_le_bytes());
            bytes[4..6]
                .copy_from_slice(&u16::try_from(first).expect("< 65536 nodes").to_le_bytes());
            bytes[6..].copy_from_slice(
                &u16::try_from(child.children.len())
                    .expect("fan-out")
                    .to_le_bytes(),
            );
            nodes.push(bytes);
            queue.push(child);
        }
    }
    let mut blob = Vec::with_capacity(4 + nodes.len() * 8 + pool.len());
    blob.extend_from_slice(
        &u16::try_from(root.children.len())
            .expect("fan-out")
            .to_le_bytes(),
    );
    blob.extend_from_slice(
        &u16::try_from(nodes.len())
            .expect("< 65536 nodes")
            .to_le_bytes(),
    );
    for node in &nodes {
        blob.extend_from_slice(node);
    }
    blob.extend_from_slice(&pool);
    blob
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
