//! Punycode (RFC 3492) for the engine's own host code (`idn::to_ascii`, `idn::to_unicode`) and for build.rs's
//! public-suffix keys (`build/psl.rs`, through `#[path]`): the same answers as `idna::punycode::encode_str` and
//! `decode_to_string`, which the engine called before (the tests below compare them on generated labels). `url`'s
//! host parser keeps `idna`'s, but those public functions compile a second copy of `idna`'s decoder and encoder
//! (its `ExternalCaller` instances) and, for the decoder, a stable sort of its insertions: about 4.5 KB of the wasm
//! engine for these two callers (docs/size.md, session 40).

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

/// RFC 3492 section 6.1.
fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// The threshold of digit position `k` under `bias`.
fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

/// The Unicode text of `input` (the part of a label after `xn--`), or `None` when it is not punycode: the
/// basic code points before the last `-` must be ASCII and are kept as written; digits may be either case.
pub fn decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let (base, digits) = match bytes.iter().rposition(|&b| b == b'-') {
        // A `-` at the start delimits nothing: it is read as a digit, and refused (as `idna` does).
        Some(0) => (&bytes[..0], bytes),
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (&bytes[..0], bytes),
    };
    if !base.is_ascii() {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    for &b in base {
        out.push(char::from(b));
    }
    let mut code_point = INITIAL_N;
    let mut bias = INITIAL_BIAS;
    let mut i = 0u32;
    let mut digits = digits.iter();
    while let Some(&first) = digits.next() {
        let previous = i;
        let mut weight = 1u32;
        let mut k = BASE;
        let mut byte = first;
        loop {
            let digit = match byte {
                b'0'..=b'9' => byte - b'0' + 26,
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a',
                _ => return None,
            } as u32;
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
            byte = *digits.next()?;
        }
        let length = out.len() as u32 + 1;
        bias = adapt(i - previous, length, previous == 0);
        code_point = code_point.checked_add(i / length)?;
        i %= length;
        out.insert(i as usize, char::from_u32(code_point)?);
        i += 1;
    }
    let mut text = String::with_capacity(out.len() * 2);
    for c in out {
        text.push(c);
    }
    Some(text)
}

/// `input` in punycode (without `xn--`), or `None` when a count overflows.
pub fn encode(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    let mut length = 0u32;
    for c in input.chars() {
        length = length.checked_add(1)?;
        if c.is_ascii() {
            out.push(c);
        }
    }
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let mut code_point = INITIAL_N;
    let mut delta = 0u32;
    let mut bias = INITIAL_BIAS;
    let mut done = basic;
    while done < length {
        let mut next = u32::MAX;
        for c in input.chars().map(u32::from) {
            if c >= code_point && c < next {
                next = c;
            }
        }
        delta = delta.checked_add((next - code_point).checked_mul(done + 1)?)?;
        code_point = next;
        for c in input.chars().map(u32::from) {
            if c < code_point {
                delta = delta.checked_add(1)?;
            }
            if c == code_point {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, done + 1, done == basic);
                delta = 0;
                done += 1;
            }
        }
        delta += 1;
        code_point += 1;
    }
    Some(out)
}

/// The punycode digit of a value below 36: `a`–`z`, then `0`–`9`.
fn digit(value: u32) -> char {
    char::from(if value < 26 {
        b'a' + value as u8
    } else {
        b'0' + (value - 26) as u8
    })
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    /// Labels from pieces of several scripts, cases and lengths: ASCII letters and digits, Latin-1, Cyrillic,
    /// Greek, CJK, an emoji, the last code point and one next to the surrogates.
    fn labels() -> Vec<String> {
        let pieces = [
            "",
            "a",
            "Z",
            "zoom",
            "9",
            "-",
            "é",
            "Ü",
            "о",
            "ооо",
            "σς",
            "日本",
            "😀",
            "\u{10ffff}",
            "\u{d7ff}",
            "\u{e000}",
            "ß",
            "ﬃ",
        ];
        let mut out = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    out.push(format!("{a}{b}{c}"));
                }
            }
        }
        out.push("ü".repeat(200));
        out.push("a😀".repeat(100));
        // And 5,000 pseudo-random labels of 1 to 40 characters from those ranges (a fixed xorshift seed).
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let ranges = [
            (0x30, 0x7a),
            (0xa0, 0x24f),
            (0x400, 0x4ff),
            (0x4e00, 0x9fff),
            (0xe000, 0x1_0ffff),
        ];
        for _ in 0..5000 {
            let length = 1 + next(40);
            let label: String = (0..length)
                .filter_map(|_| {
                    let (low, high) = ranges[next(ranges.len() as u64) as usize];
                    char::from_u32(low + next(u64::from(high - low)) as u32)
                })
                .collect();
            out.push(label);
        }
        out
    }

    #[test]
    fn encodes_as_idna_does() {
        for label in labels() {
            assert_eq!(
                encode(&label),
                idna::punycode::encode_str(&label),
                "{label:?}"
            );
        }
    }

    #[test]
    fn decodes_as_idna_does() {
        let mut inputs: Vec<String> = labels().iter().filter_map(|l| encode(l)).collect();
        // Text that is not all valid punycode: every string of up to three of these bytes, the encodings
        // above in upper case and cut short, and overflowing digits.
        let bytes = ["a", "Z", "9", "-", "0", "é", "."];
        for a in bytes {
            for b in bytes {
                for c in bytes {
                    inputs.push(format!("{a}{b}{c}"));
                }
            }
        }
        for encoded in inputs.clone() {
            inputs.push(encoded.to_uppercase());
            if let Some((at, _)) = encoded.char_indices().last() {
                inputs.push(encoded[..at].to_string());
            }
        }
        inputs.extend(
            [
                "99999999999",
                "zzzzzzzzzzzz",
                "-abc",
                "ab-",
                "a-9999999",
                "ab-cd-ef",
            ]
            .map(String::from),
        );
        for input in inputs {
            assert_eq!(
                decode(&input),
                idna::punycode::decode_to_string(&input),
                "{input:?}"
            );
        }
    }
}
