//! Hexadecimal digits: the engine's one reader of them, for the escapes made of two (`%XX` in URLs,
//! `percent_decode`; `=XX` in quoted-printable mail, `text::mail`). The same decoding was written four times,
//! each a `(b as char).to_digit(16)` closure (session 38).

/// `value` of a byte that is not a hexadecimal digit.
pub const INVALID: u8 = 0xFF;

/// The value of `b` as a hexadecimal digit (`0`–`9`, `a`–`f`, `A`–`F`), `INVALID` when it is not one.
#[inline]
pub fn value(b: u8) -> u8 {
    VALUES[usize::from(b)]
}

/// `value` of every byte: one load. With two compares and two subtractions in its place, an escape of
/// quoted-printable mail took 36 instructions in `text::mail`'s decoder (the compiler paired the two digits'
/// compares in a vector register), with the table 19 (session 38, the instructions of the escape's path under
/// callgrind); the table is 256 bytes of the wasm engine's data.
static VALUES: [u8; 256] = {
    let mut values = [INVALID; 256];
    let mut b = 0;
    while b < 256 {
        values[b] = match b as u8 {
            d @ b'0'..=b'9' => d - b'0',
            l @ b'a'..=b'f' => l - b'a' + 10,
            u @ b'A'..=b'F' => u - b'A' + 10,
            _ => INVALID,
        };
        b += 1;
    }
    values
};

/// The byte written by the two hexadecimal digits `high` and `low`, `None` unless both are digits.
#[inline]
pub fn byte(high: u8, low: u8) -> Option<u8> {
    let (high, low) = (value(high), value(low));
    // `INVALID` has bits that no digit (below 16) has.
    ((high | low) < 16).then_some(high << 4 | low)
}

/// `bytes` with each `%` followed by two hexadecimal digits replaced by the byte they write (`%D0%B7` → the
/// two bytes of `з`); any other `%` stays as it is.
pub fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(b) = bytes.get(i + 1..i + 3).and_then(|d| byte(d[0], d[1])) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte reads as `char::to_digit(16)` reads it, and every pair of bytes as the two digits it holds.
    #[test]
    fn every_byte_reads_as_to_digit() {
        for b in 0..=255u8 {
            let expected = (b as char).to_digit(16).map_or(INVALID, |d| d as u8);
            assert_eq!(value(b), expected, "{b:#04x}");
        }
        for high in 0..=255u8 {
            for low in 0..=255u8 {
                let expected = (high as char)
                    .to_digit(16)
                    .zip((low as char).to_digit(16))
                    .map(|(h, l)| (h * 16 + l) as u8);
                assert_eq!(byte(high, low), expected, "{high:#04x} {low:#04x}");
            }
        }
    }

    #[test]
    fn percent_escapes_decode_and_broken_ones_stay() {
        assert_eq!(percent_decode(b"%D0%B7oom.us"), "зoom.us".as_bytes());
        assert_eq!(percent_decode(b"a%2fb%2Fc"), b"a/b/c");
        assert_eq!(percent_decode(b"%"), b"%");
        assert_eq!(percent_decode(b"%4"), b"%4");
        assert_eq!(percent_decode(b"%4g%g4%%41"), b"%4g%g4%A");
        assert_eq!(percent_decode(b"100%"), b"100%");
        assert_eq!(percent_decode(b""), b"");
    }
}
