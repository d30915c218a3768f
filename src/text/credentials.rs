//! Meeting credentials written out in invitations: a meeting-ID label of a vendor ("Meeting ID", "ID de
//! réunion", "Meeting-ID", "Meeting number (access code)") followed by its id and, close after, one of the
//! vendor's passcode labels with a value; and one-tap dial strings (`+16465588656,,85123456789#,,,,*482913#`).
//!
//! The labels come from the vendors' `[invitation]` tables. Each label is found through an anchor, a short
//! piece of it searched with `memchr::memmem` (fast natively and, with `+simd128`, in wasm); the whole label is
//! then compared around the hit, ASCII case-insensitively.

use memchr::memmem;

use crate::db::{Database, VendorIndex};
use crate::rules::shape::IdFormat;

/// How far after a meeting id its passcode label may start (an invitation puts it on the next line or two).
const PASSCODE_WINDOW: usize = 320;
const PASSCODE_WINDOW_LINES: usize = 4;
/// Passcode values: the vendors' own are 6–11 characters; anything much longer is prose or a hash.
const MAX_PASSCODE: usize = 40;

/// A meeting-ID label and the vendors that use it.
#[derive(Debug, Clone)]
struct Label {
    text: String,
    vendors: Vec<VendorIndex>,
}

/// An anchor: a piece of one or more labels, and where it sits in each.
#[derive(Debug)]
struct Anchor {
    piece: Vec<u8>,
    /// The places whose probe is the two bytes right before the anchor, sorted by probe: a hit looks up
    /// the text's two bytes there instead of trying each (`ID` sits in a few dozen labels, and most of its
    /// hits are no label at all: `Message-ID` headers).
    before: Vec<Place>,
    /// The places whose probe is the two bytes right after the piece of their label (`ID de réunion`: ` d`),
    /// sorted by how far that is from the anchor's start (a longer piece merged into this one ends later),
    /// then by probe: looked up as `before` is, a binary search per distance. Trying each in turn was about
    /// 300 instructions per `Message-ID` (callgrind, `make bench-instructions`).
    after: Vec<Place>,
    /// The places without a probe.
    places: Vec<Place>,
    /// The distinct reaches of `after`'s places (`Place::reach`).
    reaches: Vec<usize>,
    /// The probes of `before` and `after`: a hit whose text has none of them there needs no look-up (most
    /// hits of `ID` are `Message-ID` headers: four binary searches each, about a seventh of a plain scan's
    /// instructions under callgrind).
    keys: Keys,
}

/// A set of two-byte probes, as 1,024 bits by a hash of the pair: it may say yes for a pair it lacks, never
/// no for one it has.
#[derive(Debug, Default)]
struct Keys([u64; 16]);

impl Keys {
    fn bit(key: [u8; 2]) -> (usize, u64) {
        let slot = (usize::from(key[0]) * 31 + usize::from(key[1])) % 1024;
        (slot / 64, 1 << (slot % 64))
    }

    fn insert(&mut self, key: [u8; 2]) {
        let (word, bit) = Keys::bit(key);
        self.0[word] |= bit;
    }

    fn may_have(&self, key: [u8; 2]) -> bool {
        let (word, bit) = Keys::bit(key);
        self.0[word] & bit != 0
    }
}

/// Where an anchor sits in a label.
#[derive(Debug, Clone, Copy)]
struct Place {
    label: usize,
    /// Offset of the anchor in the label.
    offset: usize,
    /// Two bytes of the label next to the anchor (ASCII lower case) and where they start in the label: a
    /// hit whose text differs there is not this label, told without comparing the whole label.
    probe: Option<(usize, [u8; 2])>,
    /// Its rank among its anchor's places: of two labels of one length that fit, the later wins.
    rank: usize,
}

/// The places of `sorted` (sorted by `Place::pair`) whose probe is `key`.
fn probed(sorted: &[Place], key: [u8; 2]) -> &[Place] {
    let from = sorted.partition_point(|p| p.pair() < key);
    let to = from + sorted[from..].partition_point(|p| p.pair() == key);
    &sorted[from..to]
}

impl Place {
    fn new(label: usize, text: &str, offset: usize, piece: usize) -> Place {
        let bytes = text.as_bytes();
        let at = if offset >= 2 {
            Some(offset - 2)
        } else {
            Some(offset + piece).filter(|&after| after + 2 <= bytes.len())
        };
        Place {
            label,
            offset,
            rank: 0,
            probe: at.map(|at| {
                (
                    at,
                    [
                        bytes[at].to_ascii_lowercase(),
                        bytes[at + 1].to_ascii_lowercase(),
                    ],
                )
            }),
        }
    }

    /// The probe's bytes (none: zeros).
    fn pair(&self) -> [u8; 2] {
        self.probe.map_or([0; 2], |(_, pair)| pair)
    }

    /// How far after the anchor's start the probe of a place of `after` is.
    fn reach(&self) -> usize {
        self.probe.map_or(0, |(at, _)| at - self.offset)
    }

    /// Whether the text at `start` (where the label would begin) has the probe's bytes, ASCII
    /// case-insensitively: a necessary condition for the label to be there.
    fn probe_fits(&self, bytes: &[u8], start: usize) -> bool {
        self.probe.is_none_or(|(at, pair)| {
            bytes.get(start + at..start + at + 2).is_some_and(|b| {
                b[0].to_ascii_lowercase() == pair[0] && b[1].to_ascii_lowercase() == pair[1]
            })
        })
    }
}

/// Meeting credentials found in a text, before their vendor is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    /// Where the meeting id (or the dial string) starts.
    pub offset: usize,
    pub meeting_id: String,
    /// Vendors whose labels and id format fit; several when labels are shared ("Meeting ID").
    pub vendors: Vec<VendorIndex>,
    pub one_tap: bool,
    /// The part to remove so the text no longer gives the passcode away (byte offsets): the passcode label
    /// and its value ("Passcode: 482913"), or a dial string's passcode digits (`,,,,*482913#`).
    pub passcode: (usize, usize),
}

/// The labels of every vendor, indexed for search.
pub struct LabelIndex {
    labels: Vec<Label>,
    anchors: Vec<Anchor>,
    /// Per vendor: its passcode labels, lower-cased, each with its searcher built once: building one for
    /// each window looked in (after every labelled id and every meeting link with an id) was most of the
    /// search's cost in windows of a few hundred bytes (about 230 instructions a build under callgrind, `make
    /// bench-instructions`).
    passcodes: Vec<Vec<memmem::Finder<'static>>>,
    /// Per vendor: its invitation id format.
    formats: Vec<Option<IdFormat>>,
    /// Per vendor: how invitations name it (its name and brand terms, lower case, `-` read as a space), to
    /// settle a label several vendors share ("ID de réunion") by the vendor an invitation names.
    names: Vec<Vec<String>>,
}

/// How far from a credential whose label several vendors share the name of one of them may stand to settle
/// it: an invitation names its service a few lines above the ID ("Participer à la réunion Zoom").
const NAME_WINDOW: usize = 600;

/// One-tap dial strings are found through their `,,` (`+16465588656,,85123456789#…`).
const ONE_TAP: &[u8] = b",,";

impl LabelIndex {
    pub fn new(db: &Database) -> LabelIndex {
        let mut labels: Vec<Label> = Vec::new();
        let mut passcodes = Vec::with_capacity(db.len());
        let mut formats = Vec::with_capacity(db.len());
        let mut names = Vec::with_capacity(db.len());
        for (index, entry) in db.entries.iter().enumerate() {
            formats.push(entry.id_format.clone());
            let vendor = &entry.vendor;
            // Loops rather than iterator chains and `collect`s here: each chain is a set of generic instances of
            // its own in the wasm package (docs/size.md, session 41).
            let mut own: Vec<String> = vec![vendor.name.to_lowercase().replace('-', " ")];
            for term in &vendor.brand_terms {
                own.push(term.to_lowercase().replace('-', " "));
            }
            crate::sort::sort(&mut own);
            own.dedup();
            names.push(own);
            // A vendor without passcode labels (its meetings have none, or its rules do not say) can have no
            // pair to find: its id labels are not searched at all.
            let Some(invitation) = &entry.vendor.invitation else {
                passcodes.push(Vec::new());
                continue;
            };
            let mut finders = Vec::new();
            for label in invitation.passcode_labels.all() {
                finders.push(memmem::Finder::new(&label.to_lowercase()).into_owned());
            }
            let searched = !finders.is_empty();
            passcodes.push(finders);
            if !searched {
                continue;
            }
            for text in invitation.meeting_id_labels.all() {
                match labels
                    .iter_mut()
                    .find(|l| l.text.eq_ignore_ascii_case(text))
                {
                    Some(label) => label.vendors.push(index),
                    None => labels.push(Label {
                        text: text.clone(),
                        vendors: vec![index],
                    }),
                }
            }
        }
        let mut anchors: Vec<Anchor> = Vec::new();
        for (index, label) in labels.iter().enumerate() {
            let piece = anchor_of(&label.text);
            let mut places = Vec::new();
            for at in memmem::find_iter(label.text.as_bytes(), &piece) {
                places.push(Place::new(index, &label.text, at, piece.len()));
            }
            match anchors.iter_mut().find(|a| a.piece == piece) {
                Some(anchor) => anchor.places.extend(places),
                None => anchors.push(Anchor {
                    piece,
                    before: Vec::new(),
                    after: Vec::new(),
                    places,
                    reaches: Vec::new(),
                    keys: Keys::default(),
                }),
            }
        }
        // The anchor search wants no needle to be a prefix of another: a longer one's labels are found
        // through the shorter (it sits at the same place in them).
        crate::sort::sort_by_key(&mut anchors, |a| a.piece.len());
        let mut merged: Vec<Anchor> = Vec::new();
        for anchor in anchors {
            match merged
                .iter_mut()
                .find(|m| anchor.piece.starts_with(&m.piece))
            {
                Some(shorter) => shorter.places.extend(anchor.places),
                None => merged.push(anchor),
            }
        }
        merged.retain(|a| !a.piece.starts_with(ONE_TAP) && !ONE_TAP.starts_with(&a.piece));
        for anchor in &mut merged {
            for (rank, place) in anchor.places.iter_mut().enumerate() {
                place.rank = rank;
            }
            // Probes not before the anchor are after its start (`Place::new`).
            let (mut before, mut after, mut others) = (Vec::new(), Vec::new(), Vec::new());
            for place in &anchor.places {
                match place.probe {
                    Some((at, _)) if at + 2 == place.offset => before.push(*place),
                    Some(_) => after.push(*place),
                    None => others.push(*place),
                }
            }
            crate::sort::sort_by_key(&mut before, Place::pair);
            crate::sort::sort_by_key(&mut after, |p| (p.reach(), p.pair()));
            for place in &before {
                anchor.keys.insert(place.pair());
            }
            for place in &after {
                anchor.keys.insert(place.pair());
            }
            for place in &after {
                anchor.reaches.push(place.reach());
            }
            anchor.reaches.dedup();
            anchor.before = before;
            anchor.after = after;
            anchor.places = others;
        }
        LabelIndex {
            labels,
            anchors: merged,
            passcodes,
            formats,
            names,
        }
    }

    /// Among `candidates`, the vendor whose name stands nearest to `at` (within `NAME_WINDOW` bytes either
    /// side, as a whole word, ASCII case-insensitively): "Réunion Microsoft Teams" or "Participer à la réunion
    /// Zoom" above an "ID de réunion" both labels share. `None` when none is named there.
    pub fn named_vendor(
        &self,
        text: &str,
        at: usize,
        candidates: &[VendorIndex],
    ) -> Option<VendorIndex> {
        let bytes = text.as_bytes();
        let start = at.saturating_sub(NAME_WINDOW);
        let end = (at + NAME_WINDOW).min(bytes.len());
        let window = bytes.get(start..end)?.to_ascii_lowercase();
        let mut best: Option<(usize, VendorIndex)> = None;
        for &vendor in candidates {
            for name in self.names.get(vendor).into_iter().flatten() {
                for found in memmem::find_iter(&window, name.as_bytes()) {
                    let (s, e) = (found, found + name.len());
                    if !(is_word_start(&window, s) && is_word_end(&window, e)) {
                        continue;
                    }
                    let distance = (start + s).abs_diff(at);
                    if best.is_none_or(|(d, _)| distance < d) {
                        best = Some((distance, vendor));
                    }
                }
            }
        }
        best.map(|(_, vendor)| vendor)
    }

    /// The needles to search: one per anchor, then the one-tap `,,` last.
    pub fn needles(&self) -> Vec<Vec<u8>> {
        self.anchors
            .iter()
            .map(|a| a.piece.clone())
            .chain([ONE_TAP.to_vec()])
            .collect()
    }

    /// One-tap dial strings in a short text (a `tel:` link).
    pub fn one_taps(&self, text: &str, out: &mut Vec<Credential>) {
        for at in memmem::find_iter(text.as_bytes(), ONE_TAP) {
            if let Some(credential) = self.one_tap_at(text.as_bytes(), at) {
                out.push(credential);
            }
        }
    }

    /// Handles a hit of needle `which` (as in `needles`) at `at`.
    pub fn hit(&self, text: &str, which: usize, at: usize, out: &mut Vec<Credential>) {
        if which == self.anchors.len() {
            if let Some(credential) = self.one_tap_at(text.as_bytes(), at) {
                out.push(credential);
            }
            return;
        }
        let bytes = text.as_bytes();
        let anchor = &self.anchors[which];
        let key = |b: &[u8]| [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()];
        // Most hits are no label at all (`ID` of a `Message-ID:` header, one a message in mail): none of the
        // anchor's probes is in the text, before it or at any reach after it, and no place lacks a probe.
        // Told from a bit each, before the look-ups below.
        let may = |from: usize| {
            bytes
                .get(from..from + 2)
                .is_some_and(|b| anchor.keys.may_have(key(b)))
        };
        if anchor.places.is_empty()
            && !at.checked_sub(2).is_some_and(may)
            && !anchor.reaches.iter().any(|&reach| may(at + reach))
        {
            return;
        }
        // The places of `sorted` whose probe the text has at `from`.
        let probe = |sorted, from: usize| match bytes.get(from..from + 2).map(key) {
            Some(key) if anchor.keys.may_have(key) => probed(sorted, key),
            _ => &[],
        };
        let before = match at.checked_sub(2) {
            Some(start) => probe(&anchor.before, start),
            None => &[],
        };
        // Per distance, the places of `after` whose probe the text has there.
        let mut rest = anchor.after.as_slice();
        let after = std::iter::from_fn(|| {
            let reach = rest.first()?.reach();
            let group = rest.partition_point(|p| p.reach() == reach);
            let (same, later) = rest.split_at(group);
            rest = later;
            Some(probe(same, at + reach))
        })
        .flatten();
        // The longest label that fits here ("Meeting number (access code)" over "Meeting number").
        let best = before
            .iter()
            .chain(after)
            .chain(&anchor.places)
            .filter_map(|place| {
                let start = at.checked_sub(place.offset)?;
                if !place.probe_fits(bytes, start) {
                    return None;
                }
                let label = place.label;
                let text = self.labels[label].text.as_bytes();
                let end = start + text.len();
                let fits = bytes.get(start..end)?.eq_ignore_ascii_case(text)
                    && is_word_start(bytes, start)
                    && is_word_end(bytes, end);
                fits.then_some((label, start, end, place.rank))
            })
            .max_by_key(|&(_, start, end, rank)| (end - start, rank));
        let Some((label, _, label_end, _)) = best else {
            return;
        };
        if let Some(credential) = self.pair_after(text, label_end, &self.labels[label].vendors) {
            out.push(credential);
        }
    }

    /// The id after a label, then a passcode label of the same vendor close after it, with a value.
    fn pair_after(
        &self,
        text: &str,
        label_end: usize,
        vendors: &[VendorIndex],
    ) -> Option<Credential> {
        let bytes = text.as_bytes();
        let value_start = value_start(bytes, label_end);
        let mut matched: Vec<(VendorIndex, String, usize)> = Vec::new();
        for &vendor in vendors {
            let Some(format) = &self.formats[vendor] else {
                continue;
            };
            if let Some((id, end)) = read_id(bytes, value_start, format) {
                matched.push((vendor, id, end));
            }
        }
        let id_end = matched.iter().map(|m| m.2).max()?;
        let window = &bytes[id_end..passcode_window(bytes, id_end)];
        // ASCII lower-casing keeps offsets, so a label found in `lower` has its value at the same place in
        // `window`, with its case (mixed case tells a code from a word).
        let lower = window.to_ascii_lowercase();
        let with_passcode: Vec<(VendorIndex, String, (usize, usize))> = matched
            .into_iter()
            .filter_map(|(vendor, id, _)| {
                let (start, end) = self.passcodes[vendor]
                    .iter()
                    .find_map(|label| passcode_after(window, &lower, label))?;
                Some((vendor, id, (id_end + start, id_end + end)))
            })
            .collect();
        let (_, meeting_id, passcode) = with_passcode.first()?.clone();
        let vendors = with_passcode
            .iter()
            .filter(|(_, id, _)| *id == meeting_id)
            .map(|(v, _, _)| *v)
            .collect();
        Some(Credential {
            offset: value_start,
            meeting_id,
            vendors,
            one_tap: false,
            passcode,
        })
    }

    /// A passcode label of `vendor` with a value close after `from` (the end of a meeting link that carries
    /// its id): `zoom.us/j/85123456789 passcode 482913`. The span of the label and value, in `text`.
    pub fn passcode_after_link(
        &self,
        text: &str,
        vendor: VendorIndex,
        from: usize,
    ) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        if from > bytes.len() || !is_char_boundary(bytes, from) {
            return None;
        }
        let window = &bytes[from..passcode_window(bytes, from)];
        let lower = window.to_ascii_lowercase();
        self.passcodes
            .get(vendor)?
            .iter()
            .find_map(|label| passcode_after(window, &lower, label))
            .map(|(start, end)| (from + start, from + end))
    }

    /// `,,<id>#` then an optional run of commas, an optional `*`, the passcode and `#` (`%23` in `tel:` links).
    fn one_tap_at(&self, bytes: &[u8], at: usize) -> Option<Credential> {
        // Dial strings follow a phone number; `,,` in prose or CSV does not.
        if at == 0 || !bytes[at - 1].is_ascii_digit() {
            return None;
        }
        let mut i = at;
        while bytes.get(i) == Some(&b',') {
            i += 1;
        }
        let id_start = i;
        let id_end = digits_end(bytes, id_start);
        let id = std::str::from_utf8(&bytes[id_start..id_end]).ok()?;
        i = hash_end(bytes, id_end)?;
        let passcode_start = i;
        while bytes.get(i) == Some(&b',') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'*') {
            i += 1;
        } else if bytes
            .get(i..i + 3)
            .is_some_and(|s| s.eq_ignore_ascii_case(b"%2a"))
        {
            i += 3;
        }
        let pass_end = digits_end(bytes, i);
        if pass_end == i || pass_end - i > 16 {
            return None;
        }
        let passcode_end = hash_end(bytes, pass_end)?;
        let vendors: Vec<VendorIndex> = self
            .formats
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(f, Some(f @ IdFormat::Digits { .. }) if f.accepts(id)))
            .map(|(v, _)| v)
            .collect();
        if vendors.is_empty() {
            return None;
        }
        Some(Credential {
            offset: id_start,
            meeting_id: id.to_string(),
            vendors,
            one_tap: true,
            passcode: (passcode_start, passcode_end),
        })
    }
}

/// Words that open many labels and much prose: a poor anchor.
const GENERIC_WORDS: &[&str] = &[
    "meeting",
    "webinar",
    "réunion",
    "conference",
    "conférence",
    "besprechung",
];

/// The piece of a label to search for, as short and rare as the label allows (each distinct piece is one
/// `memmem` pass over the text):
/// - `ID` where the label has it as a word (most labels, in every language);
/// - the first two bytes of a label opening on an abbreviation with a sign ("N° de réunion", "Nº de réunion",
///   "N° de webinaire" share `N` and the lead byte of `°`/`º`);
/// - else its longest distinctive word without the first letter, so that "Meeting number" and "Meeting
///   Number" share it;
/// - a label without a word of four letters or more is searched whole.
fn anchor_of(label: &str) -> Vec<u8> {
    if label
        .match_indices("ID")
        .any(|(at, _)| is_whole_word(label.as_bytes(), at, at + 2))
    {
        return b"ID".to_vec();
    }
    let first = label.split_whitespace().next().unwrap_or("");
    if first.chars().count() <= 3
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().skip(1).any(|c| !c.is_ascii_alphanumeric())
        && first.len() >= 2
    {
        // Bytes, not characters: `N°` and `Nº` differ only after the lead byte of their sign.
        return first.as_bytes()[..2].to_vec();
    }
    // The first of the longest words, in a loop rather than a map/filter/collect/rev/max_by_key chain (its
    // instances were the wasm package's for this start-up work alone).
    let mut longest: Option<(&str, usize)> = None;
    for piece in label.split(|c: char| c.is_whitespace() || c == '-') {
        let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || GENERIC_WORDS.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        let count = word.chars().count();
        if longest.is_none_or(|(_, most)| count > most) {
            longest = Some((word, count));
        }
    }
    let Some((word, count)) = longest.filter(|&(_, count)| count >= 4) else {
        return label.as_bytes().to_vec();
    };
    let mut chars = word.chars();
    if count >= 5 {
        chars.next();
    }
    chars.as_str().as_bytes().to_vec()
}

fn is_whole_word(text: &[u8], start: usize, end: usize) -> bool {
    start
        .checked_sub(1)
        .is_none_or(|b| !text[b].is_ascii_alphanumeric())
        && text.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Whether no letter or digit (in any script) comes right before `at`.
fn is_word_start(bytes: &[u8], at: usize) -> bool {
    let mut start = at;
    while start > 0 && at - start < 4 {
        start -= 1;
        if !is_continuation(bytes[start]) {
            break;
        }
    }
    match std::str::from_utf8(&bytes[start..at]) {
        Ok(s) => s.chars().next_back().is_none_or(|c| !c.is_alphanumeric()),
        Err(_) => true,
    }
}

/// Whether no letter or digit comes right at `at`.
fn is_word_end(bytes: &[u8], at: usize) -> bool {
    let end = (at + 4).min(bytes.len());
    match std::str::from_utf8(&bytes[at..end]) {
        Ok(s) => s.chars().next().is_none_or(|c| !c.is_alphanumeric()),
        Err(e) => std::str::from_utf8(&bytes[at..at + e.valid_up_to()])
            .ok()
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !c.is_alphanumeric()),
    }
}

fn is_continuation(b: u8) -> bool {
    (0x80..0xC0).contains(&b)
}

/// Spaces, then `:` (French puts a space, often non-breaking, before it), then spaces.
fn skip_separator(bytes: &[u8], mut i: usize) -> usize {
    let skip_spaces = |mut i: usize| {
        loop {
            match bytes.get(i..) {
                Some([b' ' | b'\t', ..]) => i += 1,
                // U+00A0 and U+202F, the no-break spaces of French typography.
                Some([0xC2, 0xA0, ..]) => i += 2,
                Some([0xE2, 0x80, 0xAF, ..]) => i += 3,
                _ => return i,
            }
        }
    };
    i = skip_spaces(i);
    if bytes.get(i) == Some(&b':') {
        i = skip_spaces(i + 1);
    } else if bytes.get(i..i + 3) == Some("：".as_bytes()) {
        i = skip_spaces(i + 3);
    }
    i
}

/// Reads an id of `format` at `start`: digit groups ("851 2345 6789", "2634-567-8901") for digit formats,
/// else one token. Returns the id as the vendor writes it in links and where it ends.
fn read_id(bytes: &[u8], start: usize, format: &IdFormat) -> Option<(String, usize)> {
    match format {
        IdFormat::Digits { .. } => {
            // Group boundaries where the id could end; the longest that the format accepts wins.
            let mut ends = Vec::new();
            let mut i = start;
            loop {
                let end = digits_end(bytes, i);
                if end == i {
                    break;
                }
                ends.push(end);
                let sep = match bytes.get(end..) {
                    Some([b' ' | b'-', d, ..]) if d.is_ascii_digit() => 1,
                    Some([0xC2, 0xA0, d, ..]) if d.is_ascii_digit() => 2,
                    _ => break,
                };
                i = end + sep;
            }
            ends.iter().rev().find_map(|&end| {
                let text = std::str::from_utf8(&bytes[start..end]).ok()?;
                format.normalise_grouped(text).map(|id| (id, end))
            })
        }
        _ => {
            let end = start
                + bytes[start..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"' | b','))
                    .unwrap_or(bytes.len() - start);
            let token = std::str::from_utf8(&bytes[start..end]).ok()?;
            let token = token.trim_end_matches(['.', ';', ')']);
            format
                .accepts(token)
                .then(|| (token.to_string(), start + token.len()))
        }
    }
}

fn digits_end(bytes: &[u8], start: usize) -> usize {
    start
        + bytes[start.min(bytes.len())..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len().saturating_sub(start))
}

/// After `#` or its percent-encoding `%23`.
fn hash_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..) {
        Some([b'#', ..]) => Some(at + 1),
        Some([b'%', b'2', b'3', ..]) => Some(at + 3),
        _ => None,
    }
}

/// The end of the stretch after a meeting id where its passcode may be: a few lines, a few hundred bytes.
fn passcode_window(bytes: &[u8], from: usize) -> usize {
    let mut end = (from + PASSCODE_WINDOW).min(bytes.len());
    // Lines with text count, the rest of the id's own line too; blank ones do not (HTML invitations rendered
    // to text put empty lines between the label/value elements).
    let mut lines = 0;
    let mut line_start = from;
    for nl in memchr::memchr_iter(b'\n', &bytes[from..end]) {
        let at = from + nl;
        if line_start == from
            || bytes[line_start..at]
                .iter()
                .any(|b| !b.is_ascii_whitespace())
        {
            lines += 1;
            if lines == PASSCODE_WINDOW_LINES {
                end = at;
                break;
            }
        }
        line_start = at + 1;
    }
    while !is_char_boundary(bytes, end) {
        end -= 1;
    }
    end
}

fn is_char_boundary(bytes: &[u8], i: usize) -> bool {
    i >= bytes.len() || (bytes[i] as i8) >= -0x40
}

/// Where `lower` (`window` ASCII-lower-cased) has the label `finder` looks for as a whole word followed by a
/// passcode value: from the label's start to the value's end.
fn passcode_after(
    window: &[u8],
    lower: &[u8],
    finder: &memmem::Finder<'_>,
) -> Option<(usize, usize)> {
    let label = finder.needle();
    finder.find_iter(lower).find_map(|at| {
        let end = at + label.len();
        if !is_word_start(lower, at) || !is_word_end(lower, end) {
            return None;
        }
        let i = value_start(window, end);
        passcode_value_len(&window[i..])
            .or_else(|| {
                // After a colon, a lower-case word alone on its line is the password some services let
                // people choose ("WebEx Meeting Password: infosys"); prose goes on after its word.
                let between = &window[end..i];
                let colon =
                    between.contains(&b':') || between.windows(3).any(|w| w == "：".as_bytes());
                colon.then(|| plain_word_value_len(&window[i..])).flatten()
            })
            .map(|len| (at, i + len))
    })
}

/// Where the value after a label starts: past the separator, and past one line break when the value is on the
/// next line ("Passcode:\n482913", "Meeting ID: \n344 674 159 108 1": HTML invitations that put the label and
/// the value in separate elements render that way).
fn value_start(bytes: &[u8], label_end: usize) -> usize {
    let mut i = skip_separator(bytes, label_end);
    if bytes.get(i) == Some(&b'\r') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'\n') {
        i = skip_separator(bytes, i + 1);
    }
    i
}

/// Words that stand after a passcode label in prose or templates, never as the passcode itself.
const NOT_PASSCODES: &[&str] = &[
    "required",
    "none",
    "optional",
    "follows",
    "below",
    "above",
    "provided",
    "included",
    "attached",
    "blank",
    "empty",
    "same",
    "needed",
    "unknown",
    "disabled",
    "enabled",
    "hidden",
    "protected",
    "sent",
    "shared",
    "available",
    "pending",
];

/// The length of a password written as one lower-case word (4 letters or more) that ends its line, unless it
/// is one of `NOT_PASSCODES`.
fn plain_word_value_len(rest: &[u8]) -> Option<usize> {
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_lowercase())
        .unwrap_or(rest.len());
    let after = rest[len..]
        .iter()
        .find(|&&b| b != b' ' && b != b'\t')
        .copied();
    let word = std::str::from_utf8(&rest[..len]).ok()?;
    ((4..=MAX_PASSCODE).contains(&len)
        && matches!(after, None | Some(b'\r' | b'\n'))
        && !NOT_PASSCODES.contains(&word))
    .then_some(len)
}

/// The length of the passcode value that starts here: a token of code characters with a digit, or with both
/// upper- and lower-case letters past the first. Words such as "required" or "Follows" are not passcodes.
fn passcode_value_len(rest: &[u8]) -> Option<usize> {
    let len = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"' | b','))
        .unwrap_or(rest.len());
    let token = &rest[..len];
    let token = match token.last() {
        Some(b'.' | b';' | b')') => &token[..len - 1],
        _ => token,
    };
    let mixed_case = token.iter().skip(1).any(u8::is_ascii_uppercase)
        && token.iter().any(u8::is_ascii_lowercase);
    let is_code = !token.is_empty()
        && token.len() <= MAX_PASSCODE
        && token.iter().all(|&b| b.is_ascii_graphic())
        && (token.iter().any(u8::is_ascii_digit) || mixed_case);
    is_code.then_some(token.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe set of each anchor of the bundled labels says yes to every probe its places have (a no
    /// would skip a label), and no to most others (`Message-ID`'s `e-` before `ID`).
    #[test]
    fn probe_sets_hold_every_probe() {
        let index = LabelIndex::new(&Database::bundled());
        for anchor in &index.anchors {
            for place in anchor.before.iter().chain(&anchor.after) {
                assert!(anchor.keys.may_have(place.pair()), "{:?}", anchor.piece);
            }
        }
        let id = index
            .anchors
            .iter()
            .find(|a| a.piece == b"ID")
            .expect("an ID anchor");
        assert!(!id.keys.may_have(*b"e-"));
        let mut keys = Keys::default();
        keys.insert(*b"g-");
        assert!(keys.may_have(*b"g-") && !keys.may_have(*b"e-"));
    }

    #[test]
    fn anchors_are_short_pieces_of_the_labels() {
        let anchor = |label: &str| String::from_utf8_lossy(&anchor_of(label)).into_owned();
        assert_eq!(anchor("Meeting ID"), "ID");
        assert_eq!(anchor("ID de réunion"), "ID");
        assert_eq!(anchor("Meeting-ID"), "ID");
        assert_eq!(anchor("Meeting number (access code)"), "umber");
        assert_eq!(anchor("Numéro de réunion"), "uméro");
        assert_eq!(anchor("Meeting-Kennnummer"), "ennnummer");
        assert_eq!(anchor("IDentifiant"), "Dentifiant");
        assert_eq!(anchor_of("N° de réunion"), b"N\xC2");
        assert_eq!(anchor_of("Nº de réunion"), b"N\xC2");
        assert_eq!(anchor("N de réunion"), "N de réunion");
        assert_eq!(anchor("Meeting code"), "code");
        // Of two longest words, the first.
        assert_eq!(anchor("Access code number"), "ccess");
    }

    #[test]
    fn digit_ids_are_read_in_groups() {
        let zoom = IdFormat::parse("digits:9-11").unwrap();
        let read =
            |t: &str| read_id(t.as_bytes(), 0, &zoom).map(|(id, end)| (id, t[..end].to_string()));
        assert_eq!(
            read("851 2345 6789\nPasscode"),
            Some(("85123456789".into(), "851 2345 6789".into()))
        );
        assert_eq!(
            read("851-2345-6789 12"),
            Some(("85123456789".into(), "851-2345-6789".into()))
        );
        assert_eq!(
            read("851\u{a0}2345\u{a0}6789").map(|r| r.0),
            Some("85123456789".into())
        );
        assert_eq!(read("12 34"), None);
        assert_eq!(read("none"), None);
    }

    #[test]
    fn passcode_values_are_codes_not_words() {
        let found = |window: &str, label: &str| {
            passcode_after(
                window.as_bytes(),
                &window.as_bytes().to_ascii_lowercase(),
                &memmem::Finder::new(label),
            )
            .map(|(start, end)| window[start..end].to_string())
        };
        let has = |window: &str, label: &str| found(window, label).is_some();
        assert_eq!(
            found("\nPasscode: 482913.\n", "passcode").as_deref(),
            Some("Passcode: 482913")
        );
        assert_eq!(
            found(" Passcode:\n  482913 x", "passcode").as_deref(),
            Some("Passcode:\n  482913")
        );
        assert!(has("\nPasscode: 482913\n", "passcode"));
        assert!(has("\nCode secret\u{a0}: ab3xyz\n", "code secret"));
        assert!(has(" Passcode:\n  482913", "passcode"));
        assert!(has("Passcode: hTqKzJ", "passcode"));
        assert!(!has("\nPasscode: required\n", "passcode"));
        assert!(!has("\nPasscode: Follows", "passcode"));
        assert!(!has("\nPasscodes: 482913\n", "passcode"));
        assert!(!has("\nPasscode:\n\n482913", "passcode"));
        // A lower-case word after a colon, alone on its line, is a chosen password; not in prose.
        assert_eq!(
            found("WebEx Meeting Password: infosys \n", "meeting password").as_deref(),
            Some("Meeting Password: infosys")
        );
        assert!(has("Password:\ninfosys", "password"));
        assert!(!has("\nPasscode: required \n", "passcode"));
        assert!(!has("\nPassword: none\n", "password"));
        assert!(!has(
            "enter the meeting password infosys\n",
            "meeting password"
        ));
        assert!(!has("\nPassword: see the mail\n", "password"));
        assert!(!has("\nPassword: abc\n", "password"));
    }

    #[test]
    fn blank_lines_do_not_shorten_the_passcode_window() {
        let text = b"1 \n  \n\n \nPasscode: x\nb\nc\nd\ne";
        let end = passcode_window(text, 0);
        assert!(
            text[..end].ends_with(b"\nb\nc"),
            "{:?}",
            std::str::from_utf8(&text[..end])
        );
        assert_eq!(passcode_window(b"1\na\nb\nc\nd", 0), 7);
    }

    #[test]
    fn values_may_stand_on_the_next_line() {
        let text = b"Meeting ID: \n    344 674 159 108 1\n";
        let at = value_start(text, 10);
        assert_eq!(&text[at..at + 3], b"344");
        assert_eq!(value_start(b"Meeting ID:\n\n344", 10), 12);
    }
}
