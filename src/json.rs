//! The engine's JSON, on serde's derives: a writer for the results it hands over (assessments, vendor cards)
//! and a reader for what it is handed (settings, page signals). Both do what those shapes need, strings,
//! integers, booleans, `null`, lists and objects, and no floating-point numbers, which the engine has none
//! of: so `serde_json` (its float parser and printer, its `Value`, its I/O layer) and `core`'s `f64`
//! formatting stay out of the wasm engine (docs/size.md). The CLI composes its own lines
//! with `serde_json`, natively; what this writer writes is `serde_json::to_string`'s text byte for byte
//! (tests/json.rs compares them on every result of the golden tables).

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};

use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, Unexpected, Visitor};
use serde::ser::{self, Serialize};

/// What went wrong; for the reader also where, as `serde_json` counts it: `line` from 1, `column` the bytes
/// read on that line (0 for the writer's errors). Its fields are read through `Deref` (`error.line`).
///
/// Boxed: one pointer, so `Result<(), Error>` is one word (null for `Ok`) and every `?` of the
/// serde code (a field written, a value read) passes one word on instead of copying five (the message's
/// `String`, the line and the column). That copying, inlined into every field of every type written or read,
/// was about 20 KB of the wasm engine raw, 4.5 KB gzipped (`make sizes`, docs/size.md).
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Details>);

/// What an [`Error`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::ops::Deref for Error {
    type Target = Details;

    fn deref(&self) -> &Details {
        &self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("Error")
            .field("message", &self.message)
            .field("line", &self.line)
            .field("column", &self.column)
            .finish()
    }
}

impl Error {
    fn new(message: impl Into<String>) -> Error {
        Error(Box::new(Details {
            message: message.into(),
            line: 0,
            column: 0,
        }))
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Error {
        Error::new(message.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Error {
        Error::new(message.to_string())
    }

    // serde's own versions format `Unexpected` with its `Display`, whose float case brings `f64` printing.
    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Error {
        Error::new(format!(
            "invalid type: {}, expected {expected}",
            describe(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Error {
        Error::new(format!(
            "invalid value: {}, expected {expected}",
            describe(unexpected)
        ))
    }
}

/// What serde's `Unexpected` says of a value (`string "x"`, `integer `5``), as `serde_json` words it.
fn describe(unexpected: Unexpected) -> String {
    match unexpected {
        Unexpected::Bool(value) => format!("boolean `{value}`"),
        Unexpected::Unsigned(value) => format!("integer `{value}`"),
        Unexpected::Signed(value) => format!("integer `{value}`"),
        Unexpected::Char(value) => format!("character `{value}`"),
        Unexpected::Str(value) => format!("string \"{value}\""),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        _ => "a value of another kind".into(),
    }
}

/// A value as compact JSON text, the same as `serde_json::to_string`'s. Fails on a floating-point number or
/// a map key that is not a string or an integer.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    // Room for a small value from the start: growing from empty (8, 16, 32, … bytes) was a fifth of the
    // writer's instructions on `screenLinks`' hits (a vendor-risk finding's `reason_list` was one such value).
    let mut text = String::with_capacity(128);
    write(&mut text, value)?;
    Ok(text)
}

/// `to_string`'s text appended to `out`: for a writer that reuses one buffer (the link records' extras,
/// `Engine::write_link_tables`).
pub fn write<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    // The writer owns its text; moving the buffer in and out costs three words each way.
    let mut writer = Writer(std::mem::take(out));
    let result = value.serialize(&mut writer);
    *out = writer.0;
    result
}

/// A JSON string literal of `text` appended to `out`, as `to_string(text)` writes it.
pub fn push_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    escape_into(out, text);
    out.push('"');
}

/// A whole number appended to `out` in decimal, as `to_string` writes it (without `fmt`'s machinery).
pub fn push_unsigned(out: &mut String, value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// What is written through it is appended to the `String` escaped as inside a JSON string literal (no
/// quotes): a message formatted with `write!` lands in a JSON text without a `String` of its own.
pub struct Escaping<'o>(pub &'o mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape_into(self.0, text);
        Ok(())
    }
}

struct Writer(String);

/// Whether JSON writes `byte` escaped: a quote, a backslash or a control character.
fn is_escaped(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// The first byte at or after `from` that JSON writes escaped. Eight bytes at a time: most strings (messages,
/// names, URLs) have none. In each word, a byte below 0x20 (the usual "has less" test, exact for "any") or
/// equal to a quote or a backslash (a zero byte after the XOR) marks the word, whose bytes are then looked at.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*chunk);
        let marked = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')));
        if marked != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| is_escaped(b))
        .map(|i| at + i)
}

/// `text` escaped as `serde_json` escapes a string's content: quote, backslash and the control characters
/// only. The runs between escapes are copied whole (`next_escape`): a byte-by-byte `match` was about 17,000
/// instructions a link hit of `screenLinks` (callgrind, `make bench-instructions`' `links`).
fn escape_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(at) = next_escape(bytes, start) {
        let byte = bytes[at];
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)].into());
            out.push(HEX[usize::from(byte & 15)].into());
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

impl Writer {
    fn string(&mut self, text: &str) {
        push_string(&mut self.0, text);
    }

    fn open(&mut self, bracket: char) -> Compound<'_> {
        self.0.push(bracket);
        Compound {
            writer: self,
            first: true,
        }
    }

    /// `{"variant":` before a variant's content.
    fn tag(&mut self, variant: &str) {
        self.0.push('{');
        self.string(variant);
        self.0.push(':');
    }

    /// A tuple or struct variant opened: its `Compound` closes with two brackets.
    fn variant(&mut self, variant: &str, bracket: char) -> Compound<'_> {
        self.tag(variant);
        self.open(bracket)
    }
}

/// An open list or object: writes the commas between its items.
struct Compound<'w> {
    writer: &'w mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.0.push(',');
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        self.writer.string(key);
        self.writer.0.push(':');
        value.serialize(&mut *self.writer)
    }

    fn close(self, brackets: &str) -> Result<(), Error> {
        self.writer.0.push_str(brackets);
        Ok(())
    }
}

/// The narrower numbers are written as the wider ones.
macro_rules! widen {
    ($($method:ident($narrow:ty) => $wide:ident),*) => {$(
        fn $method(self, value: $narrow) -> Result<(), Error> {
            self.$wide(value.into())
        }
    )*};
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }
    widen!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64
    );
    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        write!(self.0, "{value}").map_err(ser::Error::custom)
    }
    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        push_unsigned(&mut self.0, value);
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(Error::new(
            "a floating-point number: the engine's JSON has none",
        ))
    }
    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.string(value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut list = self.open('[');
        for byte in value {
            list.item(byte)?;
        }
        list.close("]")
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.tag(variant);
        value.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(self.open('['))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'w>, Error> {
        Ok(self.open('['))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        Ok(self.open('['))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w>, Error> {
        Ok(self.variant(variant, '['))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w>, Error> {
        Ok(self.open('{'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'w>, Error> {
        Ok(self.open('{'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w>, Error> {
        Ok(self.variant(variant, '{'))
    }
}

/// The list-like traits of serde differ only in their names: each writes items and closes its brackets.
macro_rules! list_like {
    ($($name:ident :: $method:ident => $brackets:literal),*) => {$(
        impl ser::$name for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close($brackets)
            }
        }
    )*};
}

list_like!(
    SerializeSeq::serialize_element => "]",
    SerializeTuple::serialize_element => "]",
    SerializeTupleStruct::serialize_field => "]",
    SerializeTupleVariant::serialize_field => "]}"
);

/// The same for the two object-like traits of named fields.
macro_rules! object_like {
    ($($name:ident => $brackets:literal),*) => {$(
        impl ser::$name for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close($brackets)
            }
        }
    )*};
}

object_like!(SerializeStruct => "}", SerializeStructVariant => "}}");

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    /// A key as a JSON string: a string as it is, an integer quoted (what `serde_json` accepts).
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        let start = self.writer.0.len();
        key.serialize(&mut *self.writer)?;
        match self.writer.0.as_bytes().get(start) {
            Some(b'"') => {}
            Some(b'-' | b'0'..=b'9') => {
                self.writer.0.insert(start, '"');
                self.writer.0.push('"');
            }
            _ => return Err(Error::new("a map key must be a string or an integer")),
        }
        self.writer.0.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close("}")
    }
}

/// A value read from JSON text; errors carry the line and column where reading stopped. Strings may hold
/// any escape; a lone half of a UTF-16 surrogate pair (`"\ud800"`, which `JSON.stringify` writes for a
/// JavaScript string that holds one) reads as U+FFFD, as `TextEncoder` makes it. Numbers must be whole.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader).and_then(|value| reader.end().map(|()| value));
    value.map_err(|error| reader.locate(error))
}

/// How deep lists and objects may nest (`serde_json`'s limit too): the reader recurses once a level.
const MAX_DEPTH: u32 = 128;

struct Reader<'t> {
    text: &'t str,
    /// The next byte to read.
    at: usize,
    depth: u32,
}

/// The start of a value: a whole scalar, or the opening of a list or object (read, its depth counted). The
/// parsing is here, once; the per-type code serde generates only hands these to its visitors.
enum Token<'t> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Str(Cow<'t, str>),
    List,
    Object,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips white space; the next byte, not consumed.
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
        self.peek()
    }

    /// Consumes `byte` after white space, or fails saying what was expected.
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Error> {
        if self.skip_space() != Some(byte) {
            return Err(Error::new(format!("expected {what}")));
        }
        self.at += 1;
        Ok(())
    }

    /// Only white space left.
    fn end(&mut self) -> Result<(), Error> {
        match self.skip_space() {
            None => Ok(()),
            Some(_) => Err(Error::new("trailing characters")),
        }
    }

    /// The error with the line and column where reading stopped.
    fn locate(&self, mut error: Error) -> Error {
        let read = &self.text.as_bytes()[..self.at.min(self.text.len())];
        error.0.line = 1 + read.iter().filter(|&&b| b == b'\n').count();
        error.0.column = read.len() - read.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        error
    }

    #[inline(never)]
    fn token(&mut self) -> Result<Token<'t>, Error> {
        let byte = self
            .skip_space()
            .ok_or_else(|| Error::new("EOF while parsing a value"))?;
        let literal = |reader: &mut Reader, word: &str, token: Token<'t>| {
            if !reader.text[reader.at..].starts_with(word) {
                return Err(Error::new("expected value"));
            }
            reader.at += word.len();
            Ok(token)
        };
        match byte {
            b'n' => literal(self, "null", Token::Null),
            b't' => literal(self, "true", Token::Bool(true)),
            b'f' => literal(self, "false", Token::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            b'"' => {
                self.at += 1;
                self.string().map(Token::Str)
            }
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Error::new("recursion limit exceeded"));
                }
                self.at += 1;
                Ok(if byte == b'[' {
                    Token::List
                } else {
                    Token::Object
                })
            }
            _ => Err(Error::new("expected value")),
        }
    }

    /// Reads the closing bracket of the list or object whose items a visitor has read.
    #[inline(never)]
    fn close(&mut self, bracket: u8) -> Result<(), Error> {
        self.expect(
            bracket,
            if bracket == b']' {
                "`,` or `]`"
            } else {
                "`,` or `}`"
            },
        )?;
        self.depth -= 1;
        Ok(())
    }

    /// Whether another item of the list or object being read follows (`end` is not next), its comma read.
    #[inline(never)]
    fn next_item(&mut self, first: &mut bool, end: u8) -> Result<bool, Error> {
        if self.skip_space() == Some(end) {
            return Ok(false);
        }
        if !std::mem::take(first) {
            self.expect(b',', "`,` or a closing bracket")?;
        }
        Ok(true)
    }

    /// The next key of an object being read and its colon, or `None` at the end.
    #[inline(never)]
    fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'t, str>>, Error> {
        if !self.next_item(first, b'}')? {
            return Ok(None);
        }
        self.expect(b'"', "a key (a string)")?;
        let key = self.string()?;
        self.expect(b':', "`:`")?;
        Ok(Some(key))
    }

    /// A string's content after its opening quote, borrowed from the text when it holds no escape.
    fn string(&mut self) -> Result<Cow<'t, str>, Error> {
        let bytes = self.text.as_bytes();
        let mut owned = String::new();
        let mut start = self.at;
        loop {
            // Quote, backslash and control characters are ASCII: never inside a multi-byte character.
            let Some(&byte) = bytes.get(self.at) else {
                return Err(Error::new("EOF while parsing a string"));
            };
            match byte {
                b'"' => {
                    let piece = &self.text[start..self.at];
                    self.at += 1;
                    // Every escape adds a character: nothing owned yet means none was met.
                    return Ok(if owned.is_empty() {
                        Cow::Borrowed(piece)
                    } else {
                        owned.push_str(piece);
                        Cow::Owned(owned)
                    });
                }
                b'\\' => {
                    owned.push_str(&self.text[start..self.at]);
                    self.at += 1;
                    let escape = self
                        .peek()
                        .ok_or_else(|| Error::new("EOF while parsing a string"))?;
                    self.at += 1;
                    owned.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(Error::new("invalid escape")),
                    });
                    start = self.at;
                }
                0..=0x1f => {
                    return Err(Error::new(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                _ => self.at += 1,
            }
        }
    }

    /// The character of a `\uXXXX` escape (its `\u` read), with the second half of a surrogate pair when
    /// one follows; a lone half is U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        if (0xd800..0xdc00).contains(&first) && self.text[self.at..].starts_with("\\u") {
            let before = self.at;
            self.at += 2;
            let second = self.hex4()?;
            if (0xdc00..0xe000).contains(&second) {
                let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            // Not a pair: that escape is read on its own.
            self.at = before;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| Error::new("invalid \\u escape: four hexadecimal digits expected"))?;
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| Error::new("invalid \\u escape"))
    }

    /// A whole number; one with a fraction or an exponent is refused (nothing the engine reads has one).
    fn number(&mut self) -> Result<Token<'t>, Error> {
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = &self.text[start..self.at];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return Err(Error::new("invalid number"));
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return Err(Error::new(
                "a number with a fraction or an exponent: only whole numbers are read",
            ));
        }
        let out_of_range = || Error::new("number out of range");
        let magnitude: u64 = digits.parse().map_err(|_| out_of_range())?;
        Ok(if negative {
            Token::Signed(
                0i64.checked_sub_unsigned(magnitude)
                    .ok_or_else(out_of_range)?,
            )
        } else {
            Token::Unsigned(magnitude)
        })
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(value) => visitor.visit_bool(value),
            Token::Unsigned(value) => visitor.visit_u64(value),
            Token::Signed(value) => visitor.visit_i64(value),
            Token::Str(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Token::Str(Cow::Owned(text)) => visitor.visit_string(text),
            Token::List => self.list(visitor),
            Token::Object => self.object(visitor),
        }
    }

    // Lists, structs, strings and booleans take only their own tokens: their visitors refuse the others with
    // serde's default methods, which all say `invalid type: <the token>, expected <the visitor>`. Refusing
    // them here says the same once, where `deserialize_any` compiled each refusal into each visitor's copy
    // (`make size-report`: the page signals' four list fields were 17 KB of wasm).

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::List => self.list(visitor),
            token => Err(token.refused(&visitor)),
        }
    }

    /// A struct is read from an object only. serde (and `serde_json`) would also read one from a list of its
    /// fields in order, which nothing that writes to the engine does (the content script and the options page
    /// write objects; `Settings::from_json` refused a list at the top already): that form compiled each
    /// struct's visitor a second time, about 5 KB of the wasm engine (docs/size.md, session 40).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Object => self.object(visitor),
            token => Err(token.refused(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Str(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Token::Str(Cow::Owned(text)) => visitor.visit_string(text),
            token => Err(token.refused(&visitor)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Bool(value) => visitor.visit_bool(value),
            token => Err(token.refused(&visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.skip_space() == Some(b'n') {
            self.token()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant, written as its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        use de::IntoDeserializer;
        match self.token()? {
            Token::Str(name) => visitor.visit_enum(name.into_owned().into_deserializer()),
            _ => Err(Error::new("expected a string naming a variant")),
        }
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str bytes byte_buf unit
        unit_struct tuple tuple_struct map identifier ignored_any
    }
}

impl<'de> Reader<'de> {
    /// A list's items to `visitor`, its `[` read, then its `]`.
    fn list<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_seq(Items {
            reader: &mut *self,
            first: true,
        })?;
        self.close(b']')?;
        Ok(value)
    }

    /// An object's entries to `visitor`, its `{` read, then its `}`.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let value = visitor.visit_map(Items {
            reader: &mut *self,
            first: true,
        })?;
        self.close(b'}')?;
        Ok(value)
    }
}

impl Token<'_> {
    /// The error a visitor's default method gives for this token (`invalid type: null, expected a string`).
    #[inline(never)]
    fn refused(self, expected: &dyn Expected) -> Error {
        let unexpected = match &self {
            Token::Null => Unexpected::Unit,
            Token::Bool(value) => Unexpected::Bool(*value),
            Token::Unsigned(value) => Unexpected::Unsigned(*value),
            Token::Signed(value) => Unexpected::Signed(*value),
            Token::Str(text) => Unexpected::Str(text),
            Token::List => Unexpected::Seq,
            Token::Object => Unexpected::Map,
        };
        de::Error::invalid_type(unexpected, expected)
    }
}

/// The items of a list or the entries of an object being read.
struct Items<'r, 't> {
    reader: &'r mut Reader<'t>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        if !self.reader.next_item(&mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        match self.reader.next_key(&mut self.first)? {
            None => Ok(None),
            Some(Cow::Borrowed(key)) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            Some(Cow::Owned(key)) => seed
                .deserialize(de::value::StringDeserializer::new(key))
                .map(Some),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}
