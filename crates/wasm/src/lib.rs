//! The wasm facade: converts between JavaScript values and the core's types, and holds no logic of its own.
//! The bundled database is decoded once per instance; engines are cached per settings value. Every export that
//! takes `settings` takes a plain object, its JSON text (what extension/background/batch.js `settingsKey` passes
//! for settings that cannot change), or undefined/null for the defaults; `validateSettings` takes objects only.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use joinguard::page::PageSignals;
use joinguard::policy::NEVER_HIDDEN;
use joinguard::rules::Answer;
use joinguard::{Database, Engine, Policy, Settings, DATA_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn database() -> &'static Database {
    static DB: OnceLock<Database> = OnceLock::new();
    DB.get_or_init(Database::bundled)
}

thread_local! {
    /// The engine for the last settings seen (as their JSON, a JavaScript string, or undefined for the
    /// defaults), so a burst of calls resolves the policy once.
    static ENGINE: RefCell<Option<(JsValue, Engine<'static>)>> = const { RefCell::new(None) };
    /// Counts the settings changes (each gives the engine another policy, `Engine::policy`): `screenLinks`
    /// answers it, so that JavaScript knows when the tables it holds from `linkTables` (the policy's findings)
    /// are another policy's.
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A result as a JavaScript value: JSON text made here (`joinguard::json`, the engine's small writer), parsed
/// by the JavaScript engine's `JSON.parse`. One string crosses the boundary instead of a call per property
/// (serde-wasm-bindgen), and the package carries one generic serializer instead of a converter per exported
/// type (about 50 KB of wasm; `make size-report`).
///
/// Only the serialisation is generic: the rest is `json_to_js`, one copy for all the result types.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    json_to_js(joinguard::json::to_string(value))
}

#[inline(never)]
fn json_to_js(text: Result<String, joinguard::json::Error>) -> Result<JsValue, JsError> {
    let text =
        text.map_err(|e| JsError::new(&format!("joinguard: cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("joinguard: cannot convert the result"))
}

/// A JS value as JSON text, for the core's own `from_json` parsers.
///
/// Through JSON text, not serde-wasm-bindgen: that reads only a struct's known properties, so a misspelt field
/// would be dropped in silence instead of refused, and it takes a `Map` for an object; one string crossing
/// costs no more than a crossing per property.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsError> {
    json_js_text(value, what)?
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{what}: not a JSON-compatible object")))
}

/// `json_text` still a JavaScript string: compared there, it need not be copied into this memory.
fn json_js_text(value: &JsValue, what: &str) -> Result<JsValue, JsError> {
    let is_plain_object = value.is_object() && !js_sys::Array::is_array(value) && {
        // A plain object's prototype is `Object.prototype` (whose own prototype is null) or null; a Map, Date
        // or class instance sits one level further down.
        let prototype = js_sys::Object::get_prototype_of(value);
        prototype.is_null() || js_sys::Object::get_prototype_of(&prototype).is_null()
    };
    if !is_plain_object {
        return Err(JsError::new(&format!("{what}: expected a plain object")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .map(JsValue::from)
        .filter(JsValue::is_string)
        .ok_or_else(|| JsError::new(&format!("{what}: not a JSON-compatible object")))
}

/// Settings from a plain object, or the defaults for undefined/null.
fn settings_from_js(settings: &JsValue) -> Result<Settings, JsError> {
    match settings_text(settings)? {
        None => Ok(Settings::default()),
        Some(text) => parse_settings_text(&text),
    }
}

/// Settings as JSON text, or `None` for undefined/null (the defaults).
fn settings_text(settings: &JsValue) -> Result<Option<String>, JsError> {
    if settings.is_undefined() || settings.is_null() {
        return Ok(None);
    }
    json_text(settings, "settings").map(Some)
}

fn parse_settings_text(text: &str) -> Result<Settings, JsError> {
    Settings::from_json(text).map_err(|e| JsError::new(&format!("settings: {e}")))
}

fn resolve(settings: &Settings) -> Result<Policy, JsError> {
    settings
        .resolve(database())
        .map_err(|errors| JsError::new(&format!("settings: {}", errors.join("; "))))
}

/// Runs `f` with the engine for `settings` (a plain object, its JSON text, or undefined/null for defaults).
///
/// The cache is keyed by the settings' JSON text, compared before anything is parsed: the background passes
/// the same settings to every call of a burst, and parsing them (with a key formatted from the parsed value)
/// cost 7 % of a 500-link `screenLinks` call. Two texts that mean the same settings only resolve the policy
/// twice: other settings replace the engine's policy and keep its classifier (`Engine::policy`), which depends
/// on the database alone.
///
/// Generic only in its result: the cache lookup and the engine's construction are `run_with_engine`, one copy
/// for all the exports (one each, inlined into the exports, was about 1 KB of wasm apiece).
fn with_engine<R>(settings: JsValue, f: impl FnOnce(&Engine<'static>) -> R) -> Result<R, JsError> {
    let mut f = Some(f);
    let mut result = None;
    run_with_engine(settings, &mut |engine| {
        result = f.take().map(|f| f(engine));
    })?;
    Ok(result.expect("run_with_engine calls back once when it succeeds"))
}

#[inline(never)]
fn run_with_engine(settings: JsValue, f: &mut dyn FnMut(&Engine<'static>)) -> Result<(), JsError> {
    // The key stays a JavaScript string, compared there (`===`): copying it into this memory to compare it
    // was a call of wasm-bindgen's character loop, an allocation and a free for every call (about 7,000
    // instructions a call in Node, callgrind; 14 a URL of a batch of 500, more for a page's few links).
    let key = if settings.is_undefined() || settings.is_null() {
        JsValue::UNDEFINED
    } else if settings.is_string() {
        // Settings' JSON text as the batch calls pass it for settings that cannot change (batch.js
        // `settingsKey`): the key as it is, parsed and checked as the text of an object is when it is new.
        settings
    } else {
        json_js_text(&settings, "settings")?
    };
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(k, _)| *k != key) {
            let parsed = match key.as_string() {
                None => Settings::default(),
                Some(text) => parse_settings_text(&text)?,
            };
            let policy = resolve(&parsed)?;
            match slot.as_mut() {
                Some((cached, engine)) => {
                    *cached = key;
                    engine.policy = policy;
                }
                None => *slot = Some((key, Engine::new(database(), policy))),
            }
            GENERATION.set(GENERATION.get().wrapping_add(1));
        }
        let (_, engine) = slot.as_ref().expect("engine set above");
        f(engine);
        Ok(())
    })
}

thread_local! {
    /// The batch that `batchInput` lends to JavaScript: the length of each string in UTF-16 units, then the
    /// strings' UTF-8 text, which `TextEncoder.encodeInto` writes straight into this memory. Kept from call to
    /// call and only grown (zeroed once): a batch crossed as two arrays that wasm-bindgen allocated and copied
    /// in, and the text was encoded into a JavaScript buffer first.
    static BATCH: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// `classifyUrls`' codes and `screenLinks`' records, kept from call to call: JavaScript reads them through
    /// a view (they were copied out into a new array for every batch).
    static CODES: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Bytes of a batch or of its codes kept past one call; a buffer grown past this by one large batch is given
/// back at the next smaller one.
const KEPT: usize = 1 << 20;

/// Room in the engine's memory for a batch of `count` strings whose UTF-8 text takes at most `bytes` bytes:
/// a view of `count` lengths (32 bits each, as a `Uint32Array` on the same memory reads them; wasm and every
/// browser's platform are little-endian), then at least `bytes` bytes for the text. Valid until the next call
/// into the engine, which may grow the memory: `stage` in extension/background/batch.js fills it, then calls a
/// batch function with the same `count` and the text's length.
#[wasm_bindgen(js_name = batchInput)]
pub fn batch_input(count: usize, bytes: usize) -> Result<js_sys::Uint8Array, JsError> {
    let words =
        batch_words(count, bytes).ok_or_else(|| JsError::new("joinguard: a batch too large"))?;
    BATCH.with_borrow_mut(|batch| {
        if batch.len() * 4 > KEPT && words * 4 <= KEPT {
            *batch = Vec::new();
        }
        if batch.len() < words {
            batch.resize(words, 0);
        }
        // SAFETY: the view covers `words` initialised u32 of the kept buffer, which stays where it is until a
        // later call resizes it (the view's documented lifetime); any bytes JavaScript writes are valid u32.
        Ok(unsafe { js_sys::Uint8Array::view_mut_raw(batch.as_mut_ptr().cast::<u8>(), words * 4) })
    })
}

/// The 32-bit words of a batch of `count` strings and `bytes` bytes of text.
fn batch_words(count: usize, bytes: usize) -> Option<usize> {
    bytes
        .div_ceil(4)
        .checked_add(count)
        .filter(|&words| words <= isize::MAX as usize / 4)
}

/// Runs `f` on the strings that JavaScript wrote into `batchInput`'s room (`count` lengths, then `bytes` bytes
/// of text), cut by `unpack`; throws when they overrun the room.
fn with_batch<R>(
    count: usize,
    bytes: usize,
    f: impl FnOnce(&[Cow<str>]) -> Result<R, JsError>,
) -> Result<R, JsError> {
    with_staged(count, bytes, |text, lengths| f(&unpack(text, lengths)?))
}

/// A staged batch: its text whole with each string's length in bytes, which the engine cuts as it goes
/// (`Engine::url_codes_joined`, `Engine::link_records_joined`: no `Vec` of slices built, about 150
/// instructions a URL in Node, callgrind), or, when two strings' lone halves of a surrogate pair became one
/// character of the text, the strings cut here (`unpack`).
enum Staged<'a> {
    /// The lengths are JavaScript's (UTF-16 units) when the text is ASCII, else counted in bytes by
    /// `byte_lengths`.
    Joined(&'a str, Cow<'a, [u32]>),
    Cut(Vec<Cow<'a, str>>),
}

impl Staged<'_> {
    /// The error for lengths that the engine found not to add up to the text: `unpack` names the mismatch.
    fn mismatch(&self) -> JsError {
        match self {
            Staged::Joined(text, Cow::Borrowed(lengths)) => unpack(text.as_bytes(), lengths).err(),
            // Counted from the text: they add up (`byte_lengths`).
            Staged::Joined(_, Cow::Owned(_)) | Staged::Cut(_) => None,
        }
        .unwrap_or_else(|| JsError::new("joinguard: a batch's lengths do not match its text"))
    }
}

/// Runs `f` on the batch that JavaScript wrote into `batchInput`'s room, whole when its strings can be cut by
/// byte lengths (an ASCII text, most are, or any other whose strings each end where a character does), else
/// cut by `unpack`; throws when it overruns the room.
fn with_staged_batch<R>(
    count: usize,
    bytes: usize,
    f: impl FnOnce(Staged) -> Result<R, JsError>,
) -> Result<R, JsError> {
    with_staged(count, bytes, |text, lengths| {
        if let Some(text) = ascii_text(text) {
            return f(Staged::Joined(text, Cow::Borrowed(lengths)));
        }
        // A page's batch with one non-ASCII link was cut into a `Vec` of strings whole (about 115 instructions a
        // URL more in Node, callgrind on the bench's two such batches of 500).
        let joined = std::str::from_utf8(text).ok().and_then(|text| {
            Some(Staged::Joined(
                text,
                Cow::Owned(byte_lengths(text, lengths)?),
            ))
        });
        f(match joined {
            Some(joined) => joined,
            None => Staged::Cut(unpack(text, lengths)?),
        })
    })
}

/// The length in bytes of each string of a batch's UTF-8 text, from its length in UTF-16 units; `None` when
/// the lengths do not add up to the text or a string ends inside a character (two strings' lone halves of one
/// pair, which the text holds as one character: `unpack` splits them again and names a mismatch).
fn byte_lengths(text: &str, lengths: &[u32]) -> Option<Vec<u32>> {
    let bytes = text.as_bytes();
    let mut counted = Vec::with_capacity(lengths.len());
    let mut at: usize = 0;
    // Where the first non-ASCII byte at or after `at` is: a string that ends before it is ASCII, one byte a
    // unit, and the byte after it starts a character. Found once for each run of ASCII strings: a check of each
    // string (the standard `is_ascii`, 4 bytes a step on wasm32) cost `classifyUrls` 12 instructions a URL over
    // the bench's batches, about 120 a URL inside a batch with a non-ASCII link (callgrind, docs/speed.md
    // session 39).
    let mut ascii_until = ascii_prefix_len(bytes);
    for &length in lengths {
        let (begin, length) = (at, length as usize);
        let end = at.checked_add(length)?;
        if end <= ascii_until {
            at = end;
        } else {
            let mut units = 0;
            while units < length {
                let c = text.get(at..)?.chars().next()?;
                units += c.len_utf16();
                at += c.len_utf8();
            }
            if units != length {
                return None;
            }
            if at > ascii_until {
                ascii_until = at + ascii_prefix_len(&bytes[at..]);
            }
        }
        counted.push(u32::try_from(at - begin).ok()?);
    }
    (at == text.len()).then_some(counted)
}

/// How many bytes `bytes` starts with that are ASCII: the index of its first non-ASCII byte, or its length
/// (the core's search, `joinguard::text::next_non_ascii`).
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    joinguard::text::next_non_ascii(bytes, 0).unwrap_or(bytes.len())
}

/// Runs `f` on the text and the lengths that JavaScript wrote into `batchInput`'s room, uncut; throws when
/// they overrun the room.
fn with_staged<R>(
    count: usize,
    bytes: usize,
    f: impl FnOnce(&[u8], &[u32]) -> Result<R, JsError>,
) -> Result<R, JsError> {
    BATCH.with_borrow(|batch| {
        let words = batch_words(count, bytes)
            .filter(|&words| words <= batch.len())
            .ok_or_else(|| {
                JsError::new("joinguard: a batch larger than its room; stage it with batch.js")
            })?;
        let (lengths, text) = batch[..words].split_at(count);
        // SAFETY: the words' bytes, all initialised; u8 needs no alignment.
        let text =
            unsafe { std::slice::from_raw_parts(text.as_ptr().cast::<u8>(), text.len() * 4) };
        f(&text[..bytes], lengths)
    })
}

/// The text of a batch as `str` when it is ASCII (most batches are), where each string's length in UTF-16
/// units is its length in bytes, so that the engine can cut it itself (`Engine::url_codes_joined`).
fn ascii_text(bytes: &[u8]) -> Option<&str> {
    // SAFETY: ASCII bytes are UTF-8.
    is_ascii(bytes).then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// `<[u8]>::is_ascii` 16 bytes at a time: the standard library's looks at 4 (wasm32's word), about 100
/// instructions a URL of the bench's links in Node (callgrind), a tenth of the engine's own work. Four
/// vectors a step while 64 bytes are left: one at a time, the loop's own count and test were most of its 29
/// instructions a URL.
fn is_ascii(bytes: &[u8]) -> bool {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{u8x16_bitmask, u8x16_splat, v128_load, v128_or};
        let mut any = u8x16_splat(0);
        let mut at = 0;
        while at + 64 <= bytes.len() {
            // SAFETY: 64 bytes in bounds; `v128_load` takes unaligned addresses. Written out: an array of the
            // four (`map`) went through the stack with `memory.copy`, four times slower in Node.
            let (a, b, c, d) = unsafe {
                let at = bytes.as_ptr().add(at);
                (
                    v128_load(at.cast()),
                    v128_load(at.add(16).cast()),
                    v128_load(at.add(32).cast()),
                    v128_load(at.add(48).cast()),
                )
            };
            any = v128_or(any, v128_or(v128_or(a, b), v128_or(c, d)));
            at += 64;
        }
        while at + 16 <= bytes.len() {
            // SAFETY: 16 bytes in bounds; `v128_load` takes unaligned addresses.
            any = v128_or(any, unsafe { v128_load(bytes.as_ptr().add(at).cast()) });
            at += 16;
        }
        u8x16_bitmask(any) == 0 && bytes[at..].is_ascii()
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    bytes.is_ascii()
}

/// The strings of a batch from one UTF-8 text and the length of each in UTF-16 code units (JavaScript's
/// `length`), as `stage` (extension/background/batch.js) writes them into `batchInput`'s room: one text
/// encoded by one `TextEncoder.encodeInto` crosses instead of one string per item (wasm-bindgen copies a string
/// in with a JavaScript loop over its characters; `encodeInto` and a byte copy took a third of that time on the
/// bench's links), and any string can be in a batch (no separator to reserve). Throws when the text is not
/// UTF-8 or the lengths do not add up to it: a caller's bug, never silent.
///
/// Lone surrogates (half a UTF-16 pair, which a JavaScript string may hold) become U+FFFD in the text, one
/// unit for one, except where one string ends with a pair's first half and the next begins with its second:
/// the joined text holds them as one character, which is split back into a U+FFFD for each string, what each
/// would have become on its own.
fn unpack<'a>(bytes: &'a [u8], lengths: &[u32]) -> Result<Vec<Cow<'a, str>>, JsError> {
    // Most batches are ASCII, one byte a unit: one pass over the bytes, then cut by the lengths. (It was a UTF-8
    // check of the whole text, then an ASCII check of each string.)
    if let Some(text) = ascii_text(bytes) {
        let mut strings = Vec::with_capacity(lengths.len());
        let mut at: usize = 0;
        for &length in lengths {
            let piece = at
                .checked_add(length as usize)
                .and_then(|end| text.get(at..end));
            let Some(piece) = piece else { break };
            strings.push(Cow::Borrowed(piece));
            at += piece.len();
        }
        if strings.len() == lengths.len() && at == text.len() {
            return Ok(strings);
        }
        // The lengths do not match: the path below names the mismatch.
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        JsError::new(&format!(
            "joinguard: a batch's text is not UTF-8 ({e}); stage it with batch.js"
        ))
    })?;
    let mismatch = || {
        JsError::new(&format!(
            "joinguard: a batch's lengths ({} strings) do not match its text ({} bytes); stage it with batch.js",
            lengths.len(),
            text.len()
        ))
    };
    let mut strings = Vec::with_capacity(lengths.len());
    let mut at: usize = 0;
    // The string before ended inside a character (a pair made of two strings' lone halves).
    let mut carry = false;
    for &length in lengths {
        let length = length as usize;
        // An empty string between the two halves (`['\u{d83d}', '', '\u{de00}']`): the pair is still open.
        if carry && length == 0 {
            strings.push(Cow::Borrowed(""));
            continue;
        }
        // Most strings are ASCII: one byte a unit.
        if !carry {
            let piece = at.checked_add(length).and_then(|end| text.get(at..end));
            if let Some(piece) = piece.filter(|piece| piece.is_ascii()) {
                strings.push(Cow::Borrowed(piece));
                at += length;
                continue;
            }
        }
        let begin = at;
        let (mut units, mut last) = (usize::from(carry), 0);
        while units < length {
            let c = text[at..].chars().next().ok_or_else(mismatch)?;
            units += c.len_utf16();
            at += c.len_utf8();
            last = c.len_utf16();
        }
        // Over by one: the last character was a pair whose second half belongs to the next string.
        let straddles = units == length + 1 && last == 2;
        if units != length && !straddles {
            return Err(mismatch());
        }
        let piece = &text[begin..if straddles { at - 4 } else { at }];
        strings.push(if carry || straddles {
            let [before, after] = [carry, straddles].map(|half| if half { "\u{fffd}" } else { "" });
            Cow::Owned(format!("{before}{piece}{after}"))
        } else {
            Cow::Borrowed(piece)
        });
        carry = straddles;
    }
    if carry || at != text.len() {
        return Err(mismatch());
    }
    Ok(strings)
}

/// The assessment of one URL (see `joinguard::Assessment`); throws on a URL that cannot be checked.
#[wasm_bindgen(js_name = assessUrl)]
pub fn assess_url(url: &str, settings: JsValue) -> Result<JsValue, JsError> {
    let assessment = with_engine(settings, |engine| engine.assess_url(url))?;
    to_js(&assessment.map_err(|e| JsError::new(&format!("{url}: {e}")))?)
}

/// The compact codes of many URLs (`joinguard::codes`: four numbers a URL, vendor index + 1, kind, imitated
/// vendor index + 1, flags) from a batch staged in `batchInput`'s room: a view of the engine's memory back, no
/// text to parse and no copy, valid until the next call into the engine. The details (findings, reasons) of
/// the few URLs that need them come from `assessUrl`; the tables to read the codes from `urlCodeTables` and
/// `vendorList` (database order).
#[wasm_bindgen(js_name = classifyUrls)]
pub fn classify_urls(
    count: usize,
    bytes: usize,
    settings: JsValue,
) -> Result<js_sys::Uint32Array, JsError> {
    with_staged_batch(count, bytes, |batch| {
        with_engine(settings, |engine| {
            CODES.with_borrow_mut(|codes| {
                if codes.capacity() * 4 > KEPT {
                    *codes = Vec::new();
                }
                codes.clear();
                match &batch {
                    Staged::Cut(urls) => engine.url_codes(urls, codes),
                    Staged::Joined(urls, lengths) => {
                        if !engine.url_codes_joined(urls, lengths, codes) {
                            return Err(batch.mismatch());
                        }
                    }
                }
                // SAFETY: a view of the kept codes, which stay until the next call into the engine (the
                // view's documented lifetime).
                Ok(unsafe { js_sys::Uint32Array::view(codes) })
            })
        })?
    })
}

/// How to read `classifyUrls`' codes: `{stride, vendors, kinds, flags}`, the numbers a URL, the vendor count
/// (indexes are below it), the kind names in code order and each flag's bit by name.
#[wasm_bindgen(js_name = urlCodeTables)]
pub fn url_code_tables() -> Result<JsValue, JsError> {
    use joinguard::codes::{FLAGS, KINDS, STRIDE};
    #[derive(Serialize)]
    struct Tables {
        stride: usize,
        vendors: usize,
        kinds: Vec<&'static str>,
        flags: Flags,
    }
    /// The flags as an object, names in sorted order (as a `BTreeMap` wrote them), through the engine's
    /// one sort: a `BTreeMap` brought its own instances of the standard sort and the tree's builder.
    struct Flags;
    impl Serialize for Flags {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut flags = FLAGS;
            joinguard::sort::sort_by_key(&mut flags, |&(name, _)| name);
            serializer.collect_map(flags)
        }
    }
    to_js(&Tables {
        stride: STRIDE,
        vendors: database().len(),
        kinds: KINDS.iter().map(|k| k.as_str()).collect(),
        flags: Flags,
    })
}

/// The assessment of a page from the signals its content script gathered (see `joinguard::page::PageSignals`
/// for the shape): the URL's assessment plus the page's findings. Throws on signals of the wrong shape.
#[wasm_bindgen(js_name = assessPage)]
pub fn assess_page(signals: JsValue, settings: JsValue) -> Result<JsValue, JsError> {
    let signals = PageSignals::from_json(&json_text(&signals, "page signals")?)
        .map_err(|e| JsError::new(&e))?;
    let assessment = with_engine(settings, |engine| engine.assess_page(&signals))?;
    to_js(&assessment)
}

/// A vendor's facts and its grade explained point by point, for the popup's vendor card and the banner's details:
/// graded on `today` (`YYYY-MM-DD`, the reader's date: extension/background/vendor-card.js) when given, so that
/// ratings age by the reader's clock (`Database::grade_on`); without it, at the database's date. Throws on an
/// unknown id, or on a day not of that shape with year 1990–2100, month 1–12 and day 1–31 (shape and ranges only:
/// `2027-02-30` passes, and only the year and month are read).
#[wasm_bindgen(js_name = vendorCard)]
pub fn vendor_card(id: &str, today: Option<String>) -> Result<JsValue, JsError> {
    let db = database();
    let index = db
        .get(id)
        .ok_or_else(|| JsError::new(&format!("unknown vendor id `{id}`")))?;
    let grade = db
        .grade_on(index, today.as_deref())
        .map_err(|e| JsError::new(&e))?;
    #[derive(Serialize)]
    struct Card<'a> {
        vendor: &'a joinguard::rules::Vendor,
        grade: &'a joinguard::grade::GradeReport,
    }
    to_js(&Card {
        vendor: &db.entry(index).vendor,
        grade: &grade,
    })
}

/// Every vendor as `{id, name}`, in database order, for the options page's vendor pickers.
/// The ordinary-word brand names (`teams`, `meet`, …) the engine weighs with lure words: the build gives them to
/// the extension's document_start prefilter, so that both read the same data.
#[wasm_bindgen(js_name = ordinaryBrandNames)]
pub fn ordinary_brand_names() -> Vec<String> {
    joinguard::classify::Classifier::new(database())
        .lookalikes
        .ordinary_brand_names()
}

/// The suffixes of Microsoft Defender for Cloud Apps' session proxy, which the engine takes off a host
/// (`classify::SESSION_PROXY_SUFFIXES`): the build gives them to the extension's document_start prefilter, which
/// takes them off too before it looks at the host.
#[wasm_bindgen(js_name = sessionProxySuffixes)]
pub fn session_proxy_suffixes() -> Vec<String> {
    joinguard::classify::SESSION_PROXY_SUFFIXES
        .iter()
        .map(|suffix| suffix.to_string())
        .collect()
}

/// The endings sold cheaply (`lookalike::CHEAP_SUFFIXES`), under which alone the engine counts an ordinary-word name
/// with a letter changed (`signel.top`): the build gives them to the extension's document_start prefilter, which
/// holds such a name only there.
#[wasm_bindgen(js_name = cheapEndings)]
pub fn cheap_endings() -> Vec<String> {
    joinguard::lookalike::CHEAP_SUFFIXES
        .iter()
        .map(|ending| ending.to_string())
        .collect()
}

#[wasm_bindgen(js_name = vendorList)]
pub fn vendor_list() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Item<'a> {
        id: &'a str,
        name: &'a str,
        /// Whether an organisation can run it on its own server (`yes`, `no`, `unknown`): the options page
        /// offers only the others for `self_hosted`, whose resolution refuses a `no` vendor.
        self_hostable: Answer,
    }
    let db = database();
    let items: Vec<Item> = (0..db.len())
        .map(|index| {
            let vendor = &db.entry(index).vendor;
            Item {
                id: &vendor.id,
                name: &vendor.name,
                self_hostable: vendor.self_hostable.value,
            }
        })
        .collect();
    to_js(&items)
}

/// The finding ids that no setting can hide (`policy::NEVER_HIDDEN`, which `Settings::resolve` refuses in
/// `disabled_findings`), for the options page: all of them, the scan's `lookalike-link` and `part-not-read` too, so
/// that the page never offers to hide one of them if it ever lists it (the extension gives neither today).
#[wasm_bindgen(js_name = alwaysShownFindings)]
pub fn always_shown_findings() -> Vec<String> {
    NEVER_HIDDEN.iter().map(|id| id.to_string()).collect()
}

/// Validates settings (options page, import, managed storage); throws with every problem named.
#[wasm_bindgen(js_name = validateSettings)]
pub fn validate_settings(settings: JsValue) -> Result<(), JsError> {
    // Resolving is the whole check; building an engine (the classifier's indexes) would cost far more and
    // replace the cached engine of the settings in use.
    resolve(&settings_from_js(&settings)?).map(|_| ())
}

/// Settings JSON text (an imported file) checked like `validateSettings`, with errors naming the field and
/// the line and column in that text; returns the settings as a plain object with every field present.
#[wasm_bindgen(js_name = parseSettings)]
pub fn parse_settings(text: &str) -> Result<JsValue, JsError> {
    let settings = Settings::from_json(text).map_err(|e| JsError::new(&e))?;
    resolve(&settings)?;
    to_js(&settings)
}

/// The default settings, every field present: tells the options page which fields exist.
#[wasm_bindgen(js_name = defaultSettings)]
pub fn default_settings() -> Result<JsValue, JsError> {
    to_js(&Settings::default())
}

/// The bundled database's version: vendor count and content hash.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> String {
    DATA_VERSION.to_string()
}

/// The links worth a badge in a page (meeting links and lookalikes) among a batch staged in `batchInput`'s
/// room, as `[records, extras]` (`joinguard::screen::record`): `records` a `Uint32Array` view of the engine's
/// memory (valid until the next call into the engine) holding the engine's generation (which `linkTables`
/// answers the tables of), the hit count, then each hit's numbers; `extras` the parsed JSON of what the
/// numbers do not say, or null when no hit has any. `screenLinks` in extension/background/batch.js reads them
/// back into `[{index, assessment}]` with the tables of `linkTables`. The rest of the links are screened out
/// without a full parse and cost nothing to return.
///
/// Numbers, not each hit's assessment as JSON: that was about 760 bytes a hit (most of it the vendor's grade,
/// the same for every link to the vendor), and writing and parsing it cost more than screening the batch.
#[wasm_bindgen(js_name = screenLinks)]
pub fn screen_links(
    count: usize,
    bytes: usize,
    settings: JsValue,
) -> Result<js_sys::Array, JsError> {
    with_staged_batch(count, bytes, |batch| screen_batch(batch, settings))
}

fn screen_batch(batch: Staged, settings: JsValue) -> Result<js_sys::Array, JsError> {
    thread_local! {
        static EXTRAS: RefCell<String> = const { RefCell::new(String::new()) };
    }
    with_engine(settings, |engine| {
        let generation = GENERATION.get();
        EXTRAS.with_borrow_mut(|extras| {
            CODES.with_borrow_mut(|records| {
                for kept in [records.capacity() * 4, extras.capacity()] {
                    if kept > KEPT {
                        (*records, *extras) = (Vec::new(), String::new());
                    }
                }
                records.clear();
                extras.clear();
                records.extend_from_slice(&[generation, 0]);
                let written = match &batch {
                    Staged::Cut(urls) => engine.link_records(urls, records, extras).map(Some),
                    Staged::Joined(urls, lengths) => {
                        engine.link_records_joined(urls, lengths, records, extras)
                    }
                };
                let hits = match written {
                    Err(_) => return Err(JsError::new("joinguard: cannot convert the result")),
                    Ok(None) => return Err(batch.mismatch()),
                    Ok(Some(hits)) => hits,
                };
                records[1] = hits as u32;
                let extras = if extras.len() > 2 {
                    js_sys::JSON::parse(extras)
                        .map_err(|_| JsError::new("joinguard: cannot convert the result"))?
                } else {
                    JsValue::NULL
                };
                // SAFETY: a view of the kept records, which stay until the next call into the engine (the
                // view's documented lifetime).
                let records = unsafe { js_sys::Uint32Array::view(records) };
                Ok(js_sys::Array::of2(&records, &extras))
            })
        })
    })?
}

/// What `screenLinks`' records name, for the settings (see `joinguard::Engine::write_link_tables`), with the
/// engine's `generation`: the tables stay right while `screenLinks` answers the same generation.
#[wasm_bindgen(js_name = linkTables)]
pub fn link_tables(settings: JsValue) -> Result<JsValue, JsError> {
    let text = with_engine(settings, |engine| {
        let mut text = String::new();
        engine.write_link_tables(&mut text).map(|()| text)
    })?;
    let text = text.map_err(|_| JsError::new("joinguard: cannot convert the result"))?;
    let tables = json_to_js(Ok(text))?;
    js_sys::Reflect::set(&tables, &"generation".into(), &GENERATION.get().into())
        .map_err(|_| JsError::new("joinguard: cannot convert the result"))?;
    Ok(tables)
}

/// Exposed meeting credentials in each text of a batch staged in `batchInput`'s
/// room, as `[{index, vendor,
/// meeting_id, url, message, redaction: {found, replacement} | null}]` (see `joinguard::text::Exposure`).
#[wasm_bindgen(js_name = exposedCredentials)]
pub fn exposed_credentials(
    count: usize,
    bytes: usize,
    settings: JsValue,
) -> Result<JsValue, JsError> {
    with_batch(count, bytes, |texts| {
        to_js(&with_engine(settings, |engine| {
            joinguard::text::exposed_credentials(engine, texts)
        })?)
    })
}

/// Whether posts on `host` are public under the settings' `public_sites` (or the default list).
#[wasm_bindgen(js_name = isPublicSite)]
pub fn is_public_site(host: &str, settings: JsValue) -> Result<bool, JsError> {
    with_engine(settings, |engine| engine.policy.is_public_site(host))
}

#[cfg(test)]
mod tests {
    use super::{ascii_prefix_len, byte_lengths};

    /// A batch's strings as `stage` writes them: the joined text and each string's length in UTF-16 units.
    fn staged(strings: &[&str]) -> (String, Vec<u32>) {
        let units = strings.iter().map(|s| s.encode_utf16().count() as u32);
        (strings.concat(), units.collect())
    }

    /// Non-ASCII bytes before, across and after 16-byte steps, runs of ASCII strings between them, and a batch
    /// that ends with one: each string's length in bytes, as counting each string alone gives it.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn byte_lengths_are_each_string_s_own() {
        let long = "https://example.org/a-path-longer-than-two-steps-of-16-bytes";
        let batches: [&[&str]; 5] = [
            &[
                "https://zo\u{f6}m.us/j/85123456789",
                long,
                "https://us02web.zoom.us/j/1",
                "\u{e9}",
            ],
            &[
                long,
                long,
                "x\u{1f600}",
                "",
                long,
                "\u{4f8b}\u{3048}.jp/\u{1f600}",
                long,
            ],
            &["0123456789abcde\u{e9}", "0123456789abcdef\u{e9}", "", "ab"],
            &[long, "\u{e9}"],
            &["\u{e9}", long],
        ];
        for strings in batches {
            let (text, units) = staged(strings);
            let bytes: Vec<u32> = strings.iter().map(|s| s.len() as u32).collect();
            assert_eq!(byte_lengths(&text, &units), Some(bytes), "{strings:?}");
            // Lengths that cut a character, or do not add up, are refused.
            let mut short = units.clone();
            short[0] += 1;
            assert_eq!(byte_lengths(&text, &short), None, "{strings:?}");
            assert_eq!(byte_lengths(&text, &units[1..]), None, "{strings:?}");
        }
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_ascii_prefix_ends_at_the_first_non_ascii_byte() {
        for len in 0..70 {
            let ascii = "a".repeat(len);
            assert_eq!(ascii_prefix_len(ascii.as_bytes()), len);
            for tail in ["\u{e9}", "\u{1f600}xyz", "\u{e9}bcdefghijklmnopqrstuvwxyz"] {
                let text = format!("{ascii}{tail}");
                assert_eq!(ascii_prefix_len(text.as_bytes()), len, "{text}");
            }
        }
    }
}
