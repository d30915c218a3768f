//! Lookalike detection: hosts that imitate a vendor on a domain it does not own (its domain or brand inside
//! another domain, typosquats, homoglyphs and punycode, user-name tricks), built once per database.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::db::{Database, VendorIndex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookalikeHit {
    pub vendor: VendorIndex,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NeedleKind {
    /// An official domain (`zoom.us`, `meet.google.com`): must sit on label boundaries of the host.
    Domain,
    /// A brand term (`zoom`, `meet-google`): a whole `.`/`-` separated token run.
    Brand,
}

/// A typosquat variant of a vendor label, and how it was derived.
#[derive(Debug, Clone)]
struct Variant {
    vendor: VendorIndex,
    original: String,
    how: &'static str,
}

pub struct LookalikeIndex {
    /// Official domains and brand terms; the automaton searches their skeletons.
    needles: Vec<(NeedleKind, VendorIndex, String)>,
    automaton: Option<AhoCorasick>,
    variants: HashMap<String, Variant>,
    /// Lower-cased TR39 skeleton of each vendor label → vendor (homoglyph check).
    skeletons: HashMap<String, (VendorIndex, String)>,
}

/// Shortest label that gets typosquat variants: shorter ones (`zoo` from `zoom`) collide with real words.
const MIN_OMISSION_LABEL: usize = 5;
const MIN_VARIANT_LABEL: usize = 4;

impl LookalikeIndex {
    pub fn new(db: &Database) -> LookalikeIndex {
        let mut needles = Vec::new();
        let mut labels: Vec<(VendorIndex, String)> = Vec::new();
        let mut domains: Vec<(&str, VendorIndex)> = db.official_domains().collect();
        domains.sort();
        for (domain, vendor) in domains {
            needles.push((NeedleKind::Domain, vendor, domain.to_string()));
            // Only a registrable domain's own label names the brand (`zoom` of zoom.us, not `google` of
            // meet.google.com, which belongs to a company with many services).
            if psl::domain_str(domain) == Some(domain) {
                if let Some(label) = domain.split('.').next() {
                    labels.push((vendor, label.to_string()));
                }
            }
        }
        for (vendor, entry) in db.entries.iter().enumerate() {
            for term in &entry.vendor.brand_terms {
                needles.push((NeedleKind::Brand, vendor, term.clone()));
                if !term.contains('-') {
                    labels.push((vendor, term.clone()));
                }
            }
        }
        labels.sort();
        labels.dedup();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(needles.iter().map(|(_, _, n)| skeleton(n)))
            .ok();
        let official_labels: std::collections::HashSet<&str> = db
            .official_domains()
            .filter_map(|(d, _)| d.split('.').next())
            .collect();
        let mut variants = HashMap::new();
        let mut skeletons = HashMap::new();
        for (vendor, label) in &labels {
            skeletons.insert(skeleton(label), (*vendor, label.clone()));
            if label.len() < MIN_VARIANT_LABEL {
                continue;
            }
            for (variant, how) in typo_variants(label) {
                if variant != *label && !official_labels.contains(variant.as_str()) {
                    variants.entry(variant).or_insert(Variant {
                        vendor: *vendor,
                        original: label.clone(),
                        how,
                    });
                }
            }
        }
        LookalikeIndex {
            needles,
            automaton,
            variants,
            skeletons,
        }
    }

    /// Checks a host that no vendor owns (and the URL's path and user-name part) for imitation of a vendor.
    pub fn check_url(
        &self,
        db: &Database,
        host: &str,
        path: &str,
        userinfo: &str,
    ) -> Option<LookalikeHit> {
        if !userinfo.is_empty() {
            let user = userinfo.to_ascii_lowercase();
            if let Some(vendor) = db.vendor_of_host(user.split(':').next().unwrap_or("")) {
                return Some(LookalikeHit {
                    vendor,
                    reason: format!("the address starts with `{user}@`, which imitates the vendor; the link really goes to {host}"),
                });
            }
        }
        self.check_host(host, path)
    }

    pub fn check_host(&self, host: &str, path: &str) -> Option<LookalikeHit> {
        let host = host.to_ascii_lowercase();
        let registrable = psl::domain_str(&host).unwrap_or(&host).to_string();
        let meeting_path = is_meeting_like_path(path);

        // Punycode: compare what people see (Unicode) through TR39 skeletons.
        let unicode = if host.contains("xn--") {
            idna::domain_to_unicode(&host).0
        } else {
            host.clone()
        };
        let seen_skeleton = skeleton(&unicode);
        let registrable_label = registrable.split('.').next().unwrap_or("");
        if unicode != host || !unicode.is_ascii() {
            let unicode_registrable = idna::domain_to_unicode(&registrable).0;
            let label_skeleton = skeleton(unicode_registrable.split('.').next().unwrap_or(""));
            if let Some((vendor, label)) = self.skeletons.get(&label_skeleton) {
                return Some(LookalikeHit {
                    vendor: *vendor,
                    reason: format!("`{unicode}` uses look-alike characters to read as `{label}`"),
                });
            }
        }

        if let Some(automaton) = &self.automaton {
            let mut weak: Option<LookalikeHit> = None;
            for m in automaton.find_overlapping_iter(seen_skeleton.as_str()) {
                let (kind, vendor, needle) = &self.needles[m.pattern().as_usize()];
                let before = seen_skeleton[..m.start()].chars().next_back();
                let after = seen_skeleton[m.end()..].chars().next();
                let boundary = |c: Option<char>| c.is_none_or(|c| c == '.' || c == '-');
                if !boundary(before) || !boundary(after) {
                    continue;
                }
                match kind {
                    NeedleKind::Domain if after.is_some() => {
                        return Some(LookalikeHit {
                            vendor: *vendor,
                            reason: format!("`{needle}` appears inside `{unicode}`, a domain the vendor does not own"),
                        })
                    }
                    NeedleKind::Domain => {}
                    NeedleKind::Brand => {
                        // The brand inside the registrable name (evil-zoom.com, zoom-meeting.net) is strong;
                        // as a mere subdomain (zoom.some-university.edu) only with a meeting-like path.
                        let registrable_skeleton = skeleton(&idna::domain_to_unicode(&registrable).0);
                        let in_registrable = m.end() > seen_skeleton.len().saturating_sub(registrable_skeleton.len());
                        if in_registrable || needle.contains('-') {
                            return Some(LookalikeHit {
                                vendor: *vendor,
                                reason: format!("`{unicode}` borrows the name `{needle}` but the vendor does not own it"),
                            });
                        }
                        if meeting_path && weak.is_none() {
                            weak = Some(LookalikeHit {
                                vendor: *vendor,
                                reason: format!("`{unicode}` uses `{needle}` in a subdomain and serves a meeting-like page"),
                            });
                        }
                    }
                }
            }
            if weak.is_some() {
                return weak;
            }
        }

        if let Some(variant) = self.variants.get(registrable_label) {
            return Some(LookalikeHit {
                vendor: variant.vendor,
                reason: format!(
                    "`{registrable}` is a misspelling of `{}` ({})",
                    variant.original, variant.how
                ),
            });
        }
        if let Some((vendor, label)) = self.skeletons.get(&skeleton(registrable_label)) {
            if registrable_label != label || meeting_path {
                return Some(LookalikeHit {
                    vendor: *vendor,
                    reason: if registrable_label == label {
                        format!("`{registrable}` carries the name `{label}` on a domain the vendor does not own, with a meeting-like page")
                    } else {
                        format!("`{registrable}` reads like `{label}` (look-alike characters)")
                    },
                });
            }
        }
        None
    }
}

/// Lower-cased TR39 confusable skeleton: `zo0m`, `zооm` (Cyrillic) and `zoom` all give `zoom`.
pub fn skeleton(text: &str) -> String {
    unicode_security::skeleton(text)
        .collect::<String>()
        .to_lowercase()
}

/// Paths of join and sign-in pages, where imitation does harm.
pub fn is_meeting_like_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "/j/",
        "/join",
        "/meeting",
        "/wc/",
        "/meetup-join",
        "/signin",
        "/sign-in",
        "/login",
        "/webinar",
        "/call",
    ];
    WORDS.iter().any(|w| lower.contains(w))
        || lower
            .as_bytes()
            .windows(9)
            .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Typosquat variants of a label: repetition, adjacent swap, confusable substitution and (long labels) omission.
fn typo_variants(label: &str) -> Vec<(String, &'static str)> {
    let chars: Vec<char> = label.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let mut doubled = chars.clone();
        doubled.insert(i, chars[i]);
        out.push((doubled.iter().collect(), "a letter repeated"));
        if chars.len() >= MIN_OMISSION_LABEL {
            let mut omitted = chars.clone();
            omitted.remove(i);
            out.push((omitted.iter().collect(), "a letter left out"));
        }
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            out.push((swapped.iter().collect(), "two letters swapped"));
        }
        let substitutes: &[&str] = match chars[i] {
            'o' => &["0"],
            'l' => &["1", "i"],
            'i' => &["1", "l"],
            'm' => &["rn"],
            'w' => &["vv"],
            'e' => &["3"],
            _ => &[],
        };
        for substitute in substitutes {
            let mut replaced: String = chars[..i].iter().collect();
            replaced.push_str(substitute);
            replaced.extend(&chars[i + 1..]);
            out.push((replaced, "a look-alike character"));
        }
    }
    out
}
