//! The bundled vendor database's binary form: `build.rs` writes it from the vendors its TOML parse gave, each
//! with the inference rules' facts and its grade report (`grade::graded`, `Blob::put`), and `Database::bundled()`
//! reads it back (`Blob::get`), so the extension's engine neither infers nor grades (docs/size.md, session 41).
//! The same impls serve both sides, so they cannot disagree on the layout. It replaces postcard, whose decoding
//! of every rules type through serde's visitors was 33 KB of the wasm engine's code (docs/size.md); these
//! readers are a few KB, and the TOML files are still parsed and validated by the serde derives of `model.rs`,
//! natively.
//!
//! Layout: the lengths of the streams (`STREAMS`, LEB128), then the streams. In them, fields in the order the
//! `blob!` lists below give them; a string or list is its length (LEB128) then its items; `Option` and `bool`
//! one byte; a unit enum its variant's position in its list. Lengths, booleans and variants are in `MAIN`; a
//! string's bytes in the stream its field names (`MAIN` when it names none). Each vendor is followed by its grade
//! report (`(Vendor, GradeReport)`'s impl). A field added to a struct without its place here fails to compile
//! (`get` builds the struct with every field), and so does a variant added to an enum (`get`'s exhaustive
//! check). This file is also compiled into `build.rs`
//! (via `#[path]`, next to `model.rs` and `grade.rs`), so it may only use `std`, `super::model` and
//! `crate::grade`.

use std::collections::BTreeMap;

use super::model::*;
use crate::grade::{GradeReason, GradeReport, Retirement, Standing, NAMES};

/// The blob's streams. Text of one kind in a stream of its own (the English prose, the French, the German, the
/// sources' URLs, the dates, the notes of what was searched) gzips better than text of every kind between
/// numbers: the lengths, booleans and variants, and the short names (ids, hosts, paths), stay in `MAIN`. It is
/// the idea of the fold table's byte planes (`build/fold.rs`): the extension's blob went from 77,007 to 70,352 B
/// gzipped (`gzip -9`; 230,410 -> 230,430 B raw), the same bytes in another order.
const STREAMS: usize = 7;
const MAIN: usize = 0;
const URLS: usize = 1;
const DATES: usize = 2;
/// English prose: translated details, the sources' claims, incidents, the reasons of lookalike exceptions.
const EN: usize = 3;
const FR: usize = 4;
const DE: usize = 5;
/// What was looked for, for a fact whose value is unknown (`Fact::searched`).
const SEARCHED: usize = 6;

/// Reads the blob front to back. A read past a stream's end or of a malformed value sets `failed` and gives a
/// placeholder (empty, `false`, the first variant) instead of returning early: with `?` after each field, every
/// struct's reader carried the drop of each field read before it on each early return, most of the decoder's
/// code in the wasm engine (docs/size.md). `decode` refuses the blob when `failed` is set.
pub struct Reader<'a> {
    streams: [&'a [u8]; STREAMS],
    text: usize,
    failed: bool,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Reader<'a>> {
        let mut reader = Reader {
            streams: [bytes; STREAMS],
            text: MAIN,
            failed: false,
        };
        let mut lens = [0; STREAMS];
        for len in &mut lens {
            *len = reader.len();
        }
        if reader.failed {
            return None;
        }
        let mut rest = reader.streams[MAIN];
        for (stream, len) in reader.streams.iter_mut().zip(lens) {
            if len > rest.len() {
                return None;
            }
            let (taken, after) = rest.split_at(len);
            *stream = taken;
            rest = after;
        }
        rest.is_empty().then_some(reader)
    }

    /// Whether every stream was read to its end.
    pub fn is_empty(&self) -> bool {
        self.streams.iter().all(|stream| stream.is_empty())
    }

    /// The value `get` read, or `None` if the blob failed to read at this read or before it.
    fn checked<T>(&self, value: T) -> Option<T> {
        (!self.failed).then_some(value)
    }

    /// A placeholder, with the reader marked as failed.
    fn fail<T>(&mut self, placeholder: T) -> T {
        self.failed = true;
        placeholder
    }

    fn byte(&mut self) -> u8 {
        match self.streams[MAIN].split_first() {
            Some((&first, rest)) => {
                self.streams[MAIN] = rest;
                first
            }
            None => self.fail(0),
        }
    }

    fn len(&mut self) -> usize {
        let mut value = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let byte = self.byte();
            value |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
        }
        self.fail(0)
    }

    /// A value whose strings' bytes are in `stream`.
    fn get_in<T: Blob>(&mut self, stream: usize) -> T {
        let outer = std::mem::replace(&mut self.text, stream);
        let value = T::get(self);
        self.text = outer;
        value
    }

    fn bytes(&mut self, len: usize) -> &'a [u8] {
        let stream = &mut self.streams[self.text];
        if len > stream.len() {
            return self.fail(&[]);
        }
        let (taken, rest) = stream.split_at(len);
        *stream = rest;
        taken
    }
}

/// Where `put` writes: the streams, and the one that takes strings' bytes now.
pub struct Writer {
    streams: [Vec<u8>; STREAMS],
    text: usize,
}

impl Writer {
    /// Writes `value` with its strings' bytes in `stream`.
    fn put_in<T: Blob>(&mut self, stream: usize, value: &T) {
        let outer = std::mem::replace(&mut self.text, stream);
        value.put(self);
        self.text = outer;
    }
}

fn put_len(len: usize, out: &mut Writer) {
    let mut len = len;
    while len >= 0x80 {
        out.streams[MAIN].push(len as u8 | 0x80);
        len >>= 7;
    }
    out.streams[MAIN].push(len as u8);
}

/// A type the blob holds.
pub trait Blob: Sized {
    fn put(&self, out: &mut Writer);
    /// The next value, or a placeholder with the reader marked as failed (`Reader`).
    fn get(reader: &mut Reader<'_>) -> Self;
}

impl Blob for String {
    fn put(&self, out: &mut Writer) {
        put_len(self.len(), out);
        out.streams[out.text].extend_from_slice(self.as_bytes());
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        let len = reader.len();
        match std::str::from_utf8(reader.bytes(len)) {
            Ok(text) => text.to_string(),
            Err(_) => reader.fail(String::new()),
        }
    }
}

impl Blob for bool {
    fn put(&self, out: &mut Writer) {
        out.streams[MAIN].push(u8::from(*self));
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        match reader.byte() {
            0 => false,
            1 => true,
            _ => reader.fail(false),
        }
    }
}

impl<T: Blob> Blob for Vec<T> {
    fn put(&self, out: &mut Writer) {
        put_len(self.len(), out);
        self.iter().for_each(|item| item.put(out));
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        let len = reader.len();
        // Each item takes a byte of the main stream at least: a corrupt length cannot reserve more than it holds,
        // nor read on once the stream is over (a read past the end fails the reader).
        let mut items = Vec::with_capacity(len.min(reader.streams[MAIN].len()));
        for _ in 0..len {
            if reader.failed {
                break;
            }
            items.push(T::get(reader));
        }
        items
    }
}

impl<T: Blob> Blob for Option<T> {
    fn put(&self, out: &mut Writer) {
        self.is_some().put(out);
        if let Some(value) = self {
            value.put(out);
        }
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        bool::get(reader).then(|| T::get(reader))
    }
}

/// With `derived`: `build.rs` writes the facts as the inference rules leave them (`grade::graded`).
impl<T: Blob> Blob for Fact<T> {
    fn put(&self, out: &mut Writer) {
        let Fact {
            value,
            detail,
            since,
            scope,
            sources,
            searched,
            derived,
        } = self;
        value.put(out);
        detail.put(out);
        out.put_in(DATES, since);
        scope.put(out);
        sources.put(out);
        out.put_in(SEARCHED, searched);
        derived.put(out);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        Fact {
            value: Blob::get(reader),
            detail: Blob::get(reader),
            since: reader.get_in(DATES),
            scope: Blob::get(reader),
            sources: Blob::get(reader),
            searched: reader.get_in(SEARCHED),
            derived: Blob::get(reader),
        }
    }
}

impl Blob for u8 {
    fn put(&self, out: &mut Writer) {
        out.streams[MAIN].push(*self);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        reader.byte()
    }
}

/// Zigzag (0, -1, 1, -2, …), then as a length: a grade's points are small and mostly negative.
impl Blob for i32 {
    fn put(&self, out: &mut Writer) {
        put_len(((self << 1) ^ (self >> 31)) as u32 as usize, out);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        match u32::try_from(reader.len()) {
            Ok(zigzag) => (zigzag >> 1) as i32 ^ -((zigzag & 1) as i32),
            Err(_) => reader.fail(0),
        }
    }
}

impl Blob for char {
    fn put(&self, out: &mut Writer) {
        put_len(u32::from(*self) as usize, out);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        let code = reader.len();
        match u32::try_from(code).ok().and_then(char::from_u32) {
            Some(c) => c,
            None => reader.fail('\0'),
        }
    }
}

/// Names are written as one byte (their position), so the list must stay within 256.
const _: () = assert!(
    NAMES.len() <= 256,
    "grade::NAMES past 256: names are written as one byte"
);

/// A grade reason's id or a param's name: its position in `grade::NAMES`.
impl Blob for &'static str {
    fn put(&self, out: &mut Writer) {
        let position = NAMES.iter().position(|name| name == self);
        let position =
            position.unwrap_or_else(|| panic!("`{self}` is not in `grade::NAMES`: add it"));
        // One byte a name: a check below holds the list to 256.
        out.streams[MAIN].push(position as u8);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        match NAMES.get(usize::from(reader.byte())) {
            Some(name) => name,
            None => reader.fail(""),
        }
    }
}

impl<K: Blob + Ord, V: Blob> Blob for BTreeMap<K, V> {
    fn put(&self, out: &mut Writer) {
        put_len(self.len(), out);
        for (key, value) in self {
            key.put(out);
            value.put(out);
        }
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        let mut map = BTreeMap::new();
        for _ in 0..reader.len() {
            if reader.failed {
                break;
            }
            let key = K::get(reader);
            // A key twice is no map `put` wrote: refused, not merged.
            if map.insert(key, V::get(reader)).is_some() {
                reader.fail(());
            }
        }
        map
    }
}

/// A vendor and its grade report. The report's reasons cite the vendor's own sources: each reason's are written
/// as where they run in `Vendor::fact_sources` (first, count), not copied (`build.rs` stops if a reason cites
/// anything else).
impl Blob for (Vendor, GradeReport) {
    fn put(&self, out: &mut Writer) {
        let (vendor, report) = self;
        vendor.put(out);
        let cited = vendor.fact_sources();
        let GradeReport {
            grade,
            standing,
            known,
            score,
            reasons,
            history,
            retired,
        } = report;
        grade.put(out);
        standing.put(out);
        known.put(out);
        score.put(out);
        for reasons in [reasons, history] {
            put_len(reasons.len(), out);
            for reason in reasons {
                let GradeReason {
                    points,
                    id,
                    params,
                    reason,
                    sources,
                } = reason;
                points.put(out);
                id.put(out);
                params.put(out);
                out.put_in(EN, reason);
                let first = (0..=cited.len()).find(|&first| {
                    cited
                        .get(first..first + sources.len())
                        .is_some_and(|run| run.iter().copied().eq(sources))
                });
                let first = first.unwrap_or_else(|| {
                    panic!("{}: a grade reason `{id}` cites sources that are not a run of the vendor's", vendor.id)
                });
                put_len(first, out);
                put_len(sources.len(), out);
            }
        }
        retired.put(out);
    }
    fn get(reader: &mut Reader<'_>) -> Self {
        let vendor = Vendor::get(reader);
        let cited = vendor.fact_sources();
        let grade = Blob::get(reader);
        let standing = Blob::get(reader);
        let known = Blob::get(reader);
        let score = Blob::get(reader);
        let mut lists = [Vec::new(), Vec::new()];
        for reasons in &mut lists {
            for _ in 0..reader.len() {
                if reader.failed {
                    break;
                }
                let points = Blob::get(reader);
                let id = Blob::get(reader);
                let params = Blob::get(reader);
                let reason = reader.get_in(EN);
                let (first, count) = (reader.len(), reader.len());
                let sources = match cited.get(first..).and_then(|rest| rest.get(..count)) {
                    Some(run) => run.iter().map(|&source| source.clone()).collect(),
                    None => reader.fail(Vec::new()),
                };
                reasons.push(GradeReason {
                    points,
                    id,
                    params,
                    reason,
                    sources,
                });
            }
        }
        let [reasons, history] = lists;
        let report = GradeReport {
            grade,
            standing,
            known,
            score,
            reasons,
            history,
            retired: Blob::get(reader),
        };
        (vendor, report)
    }
}

/// `blob! { struct Name { field, … } }` writes and reads the fields in that order; `blob! { enum Name [Variant,
/// …] }` writes a variant as its position in the list.
macro_rules! blob {
    (@put $out:ident $field:ident) => { $field.put($out) };
    (@put $out:ident $field:ident $stream:ident) => { $out.put_in($stream, $field) };
    (@get $reader:ident) => { Blob::get($reader) };
    (@get $reader:ident $stream:ident) => { $reader.get_in($stream) };
    ($(struct $name:ident { $($field:ident $(in $stream:ident)?),* $(,)? })*) => {$(
        impl Blob for $name {
            fn put(&self, out: &mut Writer) {
                let $name { $($field),* } = self;
                $(blob!(@put out $field $($stream)?);)*
            }
            fn get(reader: &mut Reader<'_>) -> Self {
                $name { $($field: blob!(@get reader $($stream)?)),* }
            }
        }
    )*};
    ($(enum $name:ident [$($variant:ident),* $(,)?])*) => {$(
        impl Blob for $name {
            fn put(&self, out: &mut Writer) {
                const ALL: &[$name] = &[$($name::$variant),*];
                let position = ALL.iter().position(|v| v == self);
                out.streams[MAIN].push(position.expect("every variant is listed (checked by `get`)") as u8);
            }
            fn get(reader: &mut Reader<'_>) -> Self {
                // Exhaustive: a variant missing from the list fails to compile here.
                let _listed = |value: $name| match value {
                    $($name::$variant)|* => (),
                };
                const ALL: &[$name] = &[$($name::$variant),*];
                match ALL.get(usize::from(reader.byte())) {
                    Some(&variant) => variant,
                    None => reader.fail(ALL[0]),
                }
            }
        }
    )*};
}

blob! {
    struct Vendor {
        id, name, brand_terms, operator, status, domains, pages, invitation, e2ee, recording_notice,
        identity_providers, data_practices, incidents, ratings, open_source, self_hostable, unconfirmed,
    }
    struct Source { url in URLS, date in DATES, claim in EN }
    struct Localised { en in EN, fr in FR, de in DE }
    struct Operator { company, country, sources }
    struct Status { value, date in DATES, successor, sources }
    struct Domains { official, sources, not_lookalikes, owner_endings, numbered_servers, user_named, account }
    struct UserNamed { domain, sources }
    struct Account { name, owner, hosts, own_hosts, sources }
    struct NumberedServer { example, sources }
    struct NotLookalike { domain, reason in EN, sources }
    struct OwnerEnding { ending, registry, sources }
    struct PageShape {
        kind, hosts, exclude_hosts, host_labels, paths, fragments, id_format, id_param, secret_params,
        secret_in_fragment, fragment_key,
        secret_format, path_case_insensitive, matches, no_matches, sources,
    }
    struct Invitation { meeting_id_format, meeting_id_labels, passcode_labels, sources }
    struct Labels { en, fr, de, es, it, pt, nl, ja }
    struct DataPractices { ads_sharing, content_licence, ai_training, human_review }
    struct Incident {
        date in DATES, title in EN, summary in EN, resolution, resolution_detail in EN, sources,
    }
    struct Rating { by, verdict, label, date in DATES, sources }
    struct Derivation { rule, from }
    struct Retirement { date in DATES, successor }
}

blob! {
    enum E2eeScope [AllContent, Calls, Messages]
    enum Answer [Yes, No, OptIn, OptOut, Unknown]
    enum E2ee [Default, Optional, Limited, None, Unknown]
    enum RecordingNotice [Shown, Partial, None, NoRecording, Unknown]
    enum IdentityProvider [Google, Apple, Facebook, Microsoft, Linkedin, Github, X, Amazon, Sso, Unknown]
    enum Lifecycle [Active, Retired]
    enum PageKind [Join, Login, WebClient, Webinar, VendorSite]
    enum Resolution [Resolved, Partial, Unresolved]
    enum Rater [BerlinDpa2020, BerlinDpa2021, DutchDpia, MozillaPni]
    enum Verdict [Favourable, Mixed, Unfavourable]
    enum Standing [Graded, Provisional, Ungraded, Retired]
}

/// The blob of a list of graded vendors (`grade::graded`): the streams' lengths, then the streams.
pub fn encode(vendors: &[(Vendor, GradeReport)]) -> Vec<u8> {
    let mut out = Writer {
        streams: Default::default(),
        text: MAIN,
    };
    put_len(vendors.len(), &mut out);
    vendors.iter().for_each(|vendor| vendor.put(&mut out));
    let mut head = Writer {
        streams: Default::default(),
        text: MAIN,
    };
    for stream in &out.streams {
        put_len(stream.len(), &mut head);
    }
    let mut blob = std::mem::take(&mut head.streams[MAIN]);
    out.streams
        .iter()
        .for_each(|stream| blob.extend_from_slice(stream));
    blob
}

/// The graded vendors of a blob `encode` wrote; `None` if it is truncated, malformed or has bytes left over.
pub fn decode(bytes: &[u8]) -> Option<Vec<(Vendor, GradeReport)>> {
    let mut reader = Reader::new(bytes)?;
    let vendors = Vec::<(Vendor, GradeReport)>::get(&mut reader);
    reader.checked(vendors).filter(|_| reader.is_empty())
}

#[cfg(all(test, feature = "rules-files"))]
mod tests {
    use super::*;
    use std::path::Path;

    /// The vendors as both builds bundle them (with and without the matching citations), graded as `build.rs`
    /// grades them.
    fn bundled_forms() -> Vec<Vec<(Vendor, GradeReport)>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/vendors");
        let (files, _) = crate::rules::load_dir(&dir).unwrap();
        let cli: Vec<Vendor> = files
            .into_iter()
            .map(|file| file.vendor.without_research_record())
            .collect();
        let extension = cli
            .iter()
            .cloned()
            .map(Vendor::without_matching_citations)
            .collect();
        vec![crate::grade::graded(cli), crate::grade::graded(extension)]
    }

    #[test]
    fn both_builds_read_back_what_they_wrote() {
        for vendors in bundled_forms() {
            assert_eq!(decode(&encode(&vendors)).as_ref(), Some(&vendors));
        }
    }

    #[test]
    fn a_damaged_blob_is_refused_not_misread() {
        let vendors = &bundled_forms()[1];
        let blob = encode(vendors);
        // Every cut short of the end, at a sample of places (every place would take seconds).
        for cut in (0..blob.len()).step_by(97).chain([blob.len() - 1]) {
            assert_eq!(decode(&blob[..cut]), None, "cut at {cut}");
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "a byte left over");
        // Streams longer than the blob, or not reaching its end, are refused.
        assert!(Reader::new(&blob[..blob.len() - 1]).is_none());
        assert!(Reader::new(&longer).is_none());
        // An out-of-range variant or boolean is refused: a blob of one stream holding that byte.
        let one_byte = |byte: u8| {
            let mut blob = vec![1];
            blob.extend([0; STREAMS - 1]);
            blob.push(byte);
            blob
        };
        fn read<T: Blob>(blob: &[u8]) -> Option<T> {
            let mut reader = Reader::new(blob).unwrap();
            let value = T::get(&mut reader);
            reader.checked(value)
        }
        assert_eq!(read::<Answer>(&one_byte(9)), None);
        assert_eq!(read::<Answer>(&one_byte(1)), Some(Answer::No));
        assert_eq!(read::<bool>(&one_byte(2)), None);
        assert_eq!(read::<bool>(&one_byte(1)), Some(true));
        // A string longer than its stream, and a list whose items run past the end.
        assert_eq!(read::<String>(&one_byte(5)), None);
        assert_eq!(read::<Vec<bool>>(&one_byte(3)), None);
        // Five vendors announced, none there: the first vendor's read fails and the blob is refused.
        assert_eq!(decode(&one_byte(5)), None);
        // A name's position past `grade::NAMES`, and a map holding a key twice (refused, not merged).
        assert_eq!(read::<&'static str>(&one_byte(NAMES.len() as u8)), None);
        assert_eq!(read::<&'static str>(&one_byte(0)), Some(NAMES[0]));
        let main_stream = |bytes: &[u8]| {
            let mut blob = vec![bytes.len() as u8];
            blob.extend([0; STREAMS - 1]);
            blob.extend(bytes);
            blob
        };
        type Map = BTreeMap<bool, bool>;
        let two_keys = Map::from([(false, true), (true, false)]);
        assert_eq!(read::<Map>(&main_stream(&[2, 0, 1, 1, 0])), Some(two_keys));
        assert_eq!(read::<Map>(&main_stream(&[2, 1, 1, 1, 0])), None);
    }
}
