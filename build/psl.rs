//! Build step: compiles the vendored Public Suffix List (`data/psl/public_suffix_list.dat`) into the
//! automaton `src/psl.rs` walks. Included by `build.rs` through `#[path]`.
//!
//! The automaton is a DAFSA (a trie with its equal subtrees merged, the structure Chromium's
//! `net/tools/dafsa/make_dafsa.py` builds for the same list; this code and its byte layout are our own) over the
//! list's rules as ASCII text (IDN labels punycoded here, lower case) with their bytes reversed, so that a host
//! is read from its end: `ku.oc` for `co.uk`, the rule's kind ([`RULE`], [`WILD`] for `*.` rules,
//! [`EXCEPTION`] for `!` rules, the section, [`DYNAMIC_DNS`]) as the value of the node that ends it. Reversed,
//! the rules end in the labels that repeat across the list (`gov`, `com`, `city`, `blogspot`), and those tails
//! are stored once when they are long enough to be worth a distance (see [`Dafsa::copy_small_tails`]).
//!
//! Layout, read by `src/psl.rs`: one record per node that more than one edge leads to or that follows a
//! node with more than one edge, the root's first (at 0), every record before those it points to:
//! - the characters of the record's nodes, one byte `< 0x80` each: its first node's, then while a node has no
//!   value and one edge, to a node no other edge leads to, that node's (a chain);
//! - the last node's byte, `0x80 | HAS_EDGES (0x40) | value` (value: the rule's flags, 6 bits, 0 for none);
//! - if it has edges, the distances to the records they lead to, nearest first, each from the one before (the
//!   first from the list's start), in 1 to 3 bytes whose top bit marks the last: `L0xxxxxx`,
//!   `L10xxxxx xxxxxxxx`, `L11xxxxx xxxxxxxx xxxxxxxx` (big-endian). A lookup finds its way by the first
//!   character of each record the list leads to.
//!
//! It replaced a sorted list of every node of the label trie as a front-coded key (`jp.kawasaki.city`), which
//! needed a binary search per label: 91,902 B raw and 43,363 B gzipped there, 72,676 B and 42,769 B here
//! (`make size-report`); the automaton is walked once per host byte, from the end, until the host leaves it.
//! gzip finds most of what the sharing saves in text anyway, so the gzipped gain is small (see docs/size.md).

use std::collections::{BTreeMap, HashMap};

/// Flags of a rule (the value of the node its reversed text ends in).
pub const RULE: u32 = 1; // the labels up to this node are a suffix
pub const RULE_PRIVATE: u32 = 2; // … from the PRIVATE section
pub const WILD: u32 = 4; // `*.` + these labels is a rule
pub const WILD_PRIVATE: u32 = 8; // … from the PRIVATE section
pub const EXCEPTION: u32 = 16; // `!` + these labels: an exception to a wildcard
pub const DYNAMIC_DNS: u32 = 32; // a dynamic-DNS service's suffix (`data/psl/dynamic-dns.txt`)

/// The bits of a node's byte and of a distance's first byte (see the layout above).
const STATE: u8 = 0x80;
const HAS_EDGES: u8 = 0x40;
const LAST_EDGE: u8 = 0x80;
/// Tails of up to this many characters are copied rather than shared (see [`Dafsa::copy_small_tails`]).
const COPY_BELOW: usize = 8;

/// The blob for the list's text, with the suffixes of `dynamic_dns` (the text of `data/psl/dynamic-dns.txt`,
/// one private rule of the list a line) flagged; panics with the line on a rule it cannot read (the files
/// are vendored, so a bad line is a bad update of one of them).
pub fn compile(text: &str, dynamic_dns: &str) -> Vec<u8> {
    // Each rule's labels in ASCII, `kawasaki.jp` for `*.kawasaki.jp` and `!city.kawasaki.jp`'s parent alike,
    // with the flags of every rule on them (`*.ck` and `!www.ck`, `x` and `*.x`).
    let mut rules: BTreeMap<String, u32> = BTreeMap::new();
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
        let ascii = rule
            .split('.')
            .map(to_ascii_label)
            .collect::<Option<Vec<_>>>()
            .unwrap_or_else(|| {
                panic!(
                    "data/psl/public_suffix_list.dat:{}: cannot read the rule `{line}`",
                    number + 1
                )
            })
            .join(".");
        *rules.entry(ascii).or_default() |= match (exception, wild, private) {
            (true, _, _) => EXCEPTION,
            (false, true, false) => WILD,
            (false, true, true) => WILD | WILD_PRIVATE,
            (false, false, false) => RULE,
            (false, false, true) => RULE | RULE_PRIVATE,
        };
    }

    // Flagged on the list's own rules: 433 suffixes cost no text of their own, and the engine no copy of them
    // (the text and its sorted index cost 3.5 KB of the gzipped wasm).
    for (number, line) in dynamic_dns.lines().enumerate() {
        let suffix = line.trim();
        if suffix.is_empty() || suffix.starts_with('#') {
            continue;
        }
        let ascii = suffix
            .split('.')
            .map(to_ascii_label)
            .collect::<Option<Vec<_>>>()
            .map(|labels| labels.join("."));
        match ascii.and_then(|ascii| rules.get_mut(&ascii)) {
            Some(flags) if *flags & RULE_PRIVATE != 0 => *flags |= DYNAMIC_DNS,
            _ => panic!(
                "data/psl/dynamic-dns.txt:{}: `{suffix}` is no rule of the list's private section; rerun \
                 data/psl/dynamic-dns-extract.py after updating public_suffix_list.dat",
                number + 1
            ),
        }
    }

    // `tests/psl_vectors.rs` looks up a host under every rule through `src/psl.rs`, the one reader of this
    // layout.
    Dafsa::new(&rules).encode()
}

/// The minimal automaton: `nodes[0]` is the root.
struct Dafsa {
    nodes: Vec<Node>,
}

/// A state of the automaton with the character that leads to it (so that a record holds its own character
/// once instead of every edge to it holding a copy): two states are one when their characters, values and
/// successors are.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Node {
    byte: u8,
    /// The flags of the rule that ends here, 0 for none.
    value: u8,
    /// Sorted by character.
    next: Vec<usize>,
}

/// A trie node while the trie is built.
#[derive(Default)]
struct TrieNode {
    value: u8,
    children: BTreeMap<u8, TrieNode>,
}

impl Dafsa {
    fn new(rules: &BTreeMap<String, u32>) -> Dafsa {
        let mut root = TrieNode::default();
        for (rule, flags) in rules {
            let node = rule.bytes().rev().fold(&mut root, |node, byte| {
                node.children.entry(byte).or_default()
            });
            node.value = u8::try_from(*flags).expect("flags fit 6 bits");
            assert!(node.value < HAS_EDGES, "flags fit 6 bits");
        }
        // Equal subtrees become one node: bottom up, a node is its character, value and successors, and a
        // node equal to one seen before is that one.
        let mut dafsa = Dafsa {
            nodes: vec![Node {
                byte: 0,
                value: 0,
                next: Vec::new(),
            }],
        };
        let mut seen: HashMap<Node, usize> = HashMap::new();
        let root = dafsa.merge(0, &root, &mut seen);
        // The root is made last (children first); it takes the placeholder's place, which nothing points to.
        assert_eq!(root, dafsa.nodes.len() - 1);
        dafsa.nodes.swap_remove(0);
        dafsa.copy_small_tails();
        dafsa
    }

    /// Gives every edge to a subtree of at most [`COPY_BELOW`] characters a copy of its own, next to the
    /// record it leaves: measured on the list (`gzip -9` of the blob), the minimal automaton is 62,732 B raw
    /// but 47,574 B gzipped, as its 18,076 distances to shared tails barely compress, while the copies are
    /// text gzip finds again: 72,676 B and 42,841 B with copies of up to 8 characters (4: 67,666 B and
    /// 43,841 B; 16: 76,590 B and 43,058 B; no sharing at all, the trie: 85,426 B and 43,335 B).
    fn copy_small_tails(&mut self) {
        fn tree_size(nodes: &[Node], sizes: &mut [usize], id: usize) -> usize {
            if sizes[id] == 0 {
                sizes[id] = 1 + nodes[id]
                    .next
                    .iter()
                    .map(|&to| tree_size(nodes, sizes, to))
                    .sum::<usize>();
            }
            sizes[id]
        }
        fn expand(
            nodes: &[Node],
            sizes: &[usize],
            id: usize,
            out: &mut Vec<Node>,
            shared: &mut HashMap<usize, usize>,
        ) -> usize {
            let copy = sizes[id] <= COPY_BELOW;
            if let Some(&done) = shared.get(&id).filter(|_| !copy) {
                return done;
            }
            let at = out.len();
            out.push(Node {
                next: Vec::new(),
                ..nodes[id].clone()
            });
            out[at].next = nodes[id]
                .next
                .iter()
                .map(|&to| expand(nodes, sizes, to, out, shared))
                .collect();
            if !copy {
                shared.insert(id, at);
            }
            at
        }
        let mut sizes = vec![0; self.nodes.len()];
        tree_size(&self.nodes, &mut sizes, 0);
        let mut out = Vec::new();
        expand(&self.nodes, &sizes, 0, &mut out, &mut HashMap::new());
        self.nodes = out;
    }

    fn merge(&mut self, byte: u8, node: &TrieNode, seen: &mut HashMap<Node, usize>) -> usize {
        let merged = Node {
            byte,
            value: node.value,
            next: node
                .children
                .iter()
                .map(|(&byte, child)| self.merge(byte, child, seen))
                .collect(),
        };
        *seen.entry(merged.clone()).or_insert_with(|| {
            self.nodes.push(merged);
            self.nodes.len() - 1
        })
    }

    /// The byte layout described at the top of this file.
    fn encode(&self) -> Vec<u8> {
        let nodes = &self.nodes;
        let mut incoming = vec![0usize; nodes.len()];
        for node in nodes {
            for &to in &node.next {
                incoming[to] += 1;
            }
        }
        // The node a record goes on to from `node` within the record, if any.
        let chained = |node: &Node| match node.next[..] {
            [to] if node.value == 0 && incoming[to] == 1 => Some(to),
            _ => None,
        };
        let chain_end = |head: usize| {
            let mut node = head;
            while let Some(to) = chained(&nodes[node]) {
                node = to;
            }
            node
        };
        // Records in an order where each comes before those it points to (Kahn's algorithm; a stack, so that a
        // record's first targets tend to follow it closely).
        let mut pointed = vec![0usize; nodes.len()];
        let mut heads = vec![0usize];
        while let Some(head) = heads.pop() {
            for &to in &nodes[chain_end(head)].next {
                pointed[to] += 1;
                if pointed[to] == 1 {
                    heads.push(to);
                }
            }
        }
        let mut order = Vec::new();
        let mut stack = vec![0usize];
        while let Some(head) = stack.pop() {
            order.push(head);
            for &to in nodes[chain_end(head)].next.iter().rev() {
                pointed[to] -= 1;
                if pointed[to] == 0 {
                    stack.push(to);
                }
            }
        }
        // Written from the last record back, so that every target's place is known when a distance to it is
        // written: `from_end[head]` is the number of bytes from the record's start to the blob's end.
        let mut from_end = vec![usize::MAX; nodes.len()];
        let mut reversed: Vec<u8> = Vec::new(); // the blob, back to front
        for &head in order.iter().rev() {
            let end = chain_end(head);
            // Targets nearest first.
            let mut targets: Vec<usize> = nodes[end].next.iter().map(|&to| from_end[to]).collect();
            targets.sort_unstable_by(|a, b| b.cmp(a));
            // Each distance from the target before; the first from the list's start, which depends on the
            // first distance's own length (1 to 3 bytes): the first length that holds it.
            let mut distances: Vec<usize> =
                targets.windows(2).map(|pair| pair[0] - pair[1]).collect();
            if let Some(&first) = targets.first() {
                let rest: usize = distances.iter().map(|&d| encoded_len(d)).sum();
                let first = (1..=3)
                    .map(|len| (len, reversed.len() + rest + len - first))
                    .find(|&(len, d)| encoded_len(d) == len)
                    .expect("a length holds it")
                    .1;
                distances.insert(0, first);
            }
            for (i, &distance) in distances.iter().enumerate().rev() {
                let last = if i + 1 == distances.len() {
                    LAST_EDGE
                } else {
                    0
                };
                match distance {
                    0..=0x3F => reversed.push(last | distance as u8),
                    0x40..=0x1FFF => {
                        reversed.extend([distance as u8, last | 0x40 | (distance >> 8) as u8])
                    }
                    0x2000..=0x1F_FFFF => reversed.extend([
                        distance as u8,
                        (distance >> 8) as u8,
                        last | 0x60 | (distance >> 16) as u8,
                    ]),
                    _ => panic!("public-suffix automaton larger than 2 MB"),
                }
            }
            let has_edges = if targets.is_empty() { 0 } else { HAS_EDGES };
            reversed.push(STATE | has_edges | nodes[end].value);
            let mut chain = Vec::new();
            let mut node = head;
            loop {
                if node != 0 {
                    assert!(nodes[node].byte < STATE, "rules are ASCII");
                    chain.push(nodes[node].byte);
                }
                match chained(&nodes[node]) {
                    Some(to) => node = to,
                    None => break,
                }
            }
            reversed.extend(chain.iter().rev());
            from_end[head] = reversed.len();
        }
        reversed.reverse();
        reversed
    }
}

/// The bytes a distance takes.
fn encoded_len(distance: usize) -> usize {
    match distance {
        0..=0x3F => 1,
        0x40..=0x1FFF => 2,
        _ => 3,
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
    // The engine's own encoder (`src/idn/punycode.rs`, shared through `#[path]` in build.rs).
    crate::punycode::encode(&label.to_lowercase()).map(|p| format!("xn--{p}"))
}
