//! Base64 (RFC 4648, the standard alphabet): the engine's one decoder. `decode_groups` decodes the runs of whole
//! four-character groups, which are nearly all of an encoded text; each caller reads what lies between or after
//! the runs by its own rules (mail: line breaks, padding inside the text and mail-parser's leniency, with
//! `value`, `text::mail::decode_base64`; Proofpoint: the URL-safe alphabet and a last group without its
//! padding, `classify::base64_decode`).

/// `value` of a byte outside the alphabet.
pub const INVALID: u8 = 0xFF;

/// The value of `b` as a base64 character, `INVALID` when it is not one. Compared, not looked up in a table:
/// the runs of groups (`decode_groups`) take nearly every character, and a 256-byte table was 320 bytes more
/// of the extension's wasm (twiggy diff), which decodes only Proofpoint's few characters.
#[inline]
pub fn value(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => INVALID,
    }
}

/// Decodes `text` as RFC 2045 §6.8 has a mail reader do, as mail clients show a part: a character outside the
/// alphabet is ignored, and a `=` ends its group (the bytes of the group's whole characters kept). For the parts
/// mail-parser leaves undecoded at the first such character (`text::mail::part_segment`).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
pub fn decode_ignoring_others(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut count) = (0u32, 0);
    let flush = |acc: u32, count: u32, out: &mut Vec<u8>| match count {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    };
    for &b in text {
        let v = value(b);
        if v != INVALID {
            acc = acc << 6 | u32::from(v);
            count += 1;
            if count == 4 {
                out.extend_from_slice(&acc.to_be_bytes()[1..]);
                (acc, count) = (0, 0);
            }
        } else if b == b'=' {
            flush(acc, count, &mut out);
            (acc, count) = (0, 0);
        }
    }
    flush(acc, count, &mut out);
    out
}

/// Decodes the whole groups of four characters at the start of `text` onto `out`, up to the first group that
/// holds a byte outside the alphabet (or the last, shorter one); how many bytes of `text` it decoded (a
/// multiple of four). With AVX2 (checked at run time) 32 characters a step, as Muła and Lemire decode them
/// ("Faster Base64 Encoding and Decoding using AVX2 Instructions", ACM TOMS 44(3), 2018): a mail body's lines
/// of 76 characters took about 20 instructions a character in mail-parser's decoder, a byte at a time, under
/// callgrind (`make bench-instructions`, mbox encoded-mail).
pub fn decode_groups(text: &[u8], out: &mut Vec<u8>) -> usize {
    decode::<false>(text, out)
}

/// `decode_groups` on over line breaks (`\n` or `\r\n`) between whole groups, as a mail body's lines have
/// them: how many bytes of `text` it read, breaks included (it stops at a group with a byte outside the
/// alphabet that does not start with a break, or at a shorter group: its caller reads those).
/// One call for a whole body: a call a line, with the caller reading each line break, was about 150
/// instructions a line of 76 characters under callgrind (`make bench-instructions`, mbox encoded-mail; session
/// 38).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
pub fn decode_lines(text: &[u8], out: &mut Vec<u8>) -> usize {
    decode::<true>(text, out)
}

/// `decode_groups` (`LINES`: `decode_lines`).
fn decode<const LINES: bool>(text: &[u8], out: &mut Vec<u8>) -> usize {
    #[cfg(target_arch = "x86_64")]
    if text.len() >= avx2::CHARACTERS && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above), which is all `#[target_feature(enable = "avx2")]`
        // asks of the caller.
        let (done, stopped) = unsafe { avx2::decode::<LINES>(text, out) };
        if stopped {
            return done;
        }
        return done + decode_scalar::<LINES>(&text[done..], out);
    }
    decode_scalar::<LINES>(text, out)
}

/// The length of the line break at the start of `text` (`\n` or `\r\n`), 0 if there is none.
#[inline(always)]
fn line_break(text: &[u8]) -> usize {
    match text {
        [b'\n', ..] => 1,
        [b'\r', b'\n', ..] => 2,
        _ => 0,
    }
}

/// `decode` a group at a time.
fn decode_scalar<const LINES: bool>(text: &[u8], out: &mut Vec<u8>) -> usize {
    let mut done = 0;
    out.reserve(text.len() / 4 * 3);
    loop {
        if LINES {
            let skip = line_break(&text[done..]);
            if skip > 0 {
                done += skip;
                continue;
            }
        }
        let Some(group) = text.get(done..done + 4) else {
            return done;
        };
        let (mut word, mut all) = (0u32, 0u8);
        for &b in group {
            let value = value(b);
            all |= value;
            word = word << 6 | u32::from(value);
        }
        // `INVALID` has bits that no value (below 64) has.
        if all >= 64 {
            return done;
        }
        out.extend_from_slice(&word.to_be_bytes()[1..]);
        done += 4;
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    // The AVX2 intrinsics (`_mm256_*`) and their register type.
    use std::arch::x86_64::*;

    /// Characters read a step; `BYTES` of them are written (a whole register, of which the last 8 are not
    /// decoded bytes and are written over by the next step or cut off).
    pub const CHARACTERS: usize = 32;
    const BYTES: usize = 24;

    /// The whole groups of valid characters at the start of `text`, 32 characters a step, decoded onto `out`,
    /// up to its last 31 characters (`LINES`: on over line breaks between groups, `super::line_break`); how
    /// many characters, and whether a character outside the alphabet stopped it (else what is left is shorter
    /// than a step). A step that meets a character outside the alphabet (a line break, 76 characters into a
    /// mail body's line) keeps the groups before it, and the next step starts after the break or the run ends.
    ///
    /// # Safety
    /// The CPU must have AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn decode<const LINES: bool>(text: &[u8], out: &mut Vec<u8>) -> (usize, bool) {
        // Room for every step's whole register: the groups decoded are at most a quarter of `text`, three
        // bytes each, and a step writes 32 bytes where it decodes at most 24.
        out.reserve(text.len() / 4 * 3 + (32 - BYTES));
        let mut len = out.len();
        let mut done = 0;
        let mut stopped = false;
        while let Some(chunk) = text.get(done..done + CHARACTERS) {
            // SAFETY: the load reads the 32 bytes of `chunk` (no alignment asked of `loadu`).
            let input = unsafe { _mm256_loadu_si256(chunk.as_ptr().cast()) };
            let (decoded, groups) = decode_step(input);
            // SAFETY: `reserve` above left room for 32 bytes at `len`: `len` has moved 3 bytes a group decoded
            // so far, and those groups and this step's 32 characters lie apart in `text` (at most
            // `text.len() / 4 - 8` groups); `storeu` has no alignment requirement.
            unsafe { _mm256_storeu_si256(out.as_mut_ptr().add(len).cast(), decoded) };
            len += groups * 3;
            done += groups * 4;
            if groups < CHARACTERS / 4 {
                let skip = if LINES {
                    super::line_break(&text[done..])
                } else {
                    0
                };
                if skip == 0 {
                    stopped = true;
                    break;
                }
                done += skip;
            }
        }
        // SAFETY: the bytes up to `len` were written by the stores (the decoded groups' bytes, in order).
        unsafe { out.set_len(len) };
        (done, stopped)
    }

    /// 32 characters as 24 bytes in the register's low 24 bytes, and how many of its eight groups come before
    /// the first character outside the alphabet (their bytes are right: each group is decoded in a 32-bit lane
    /// of its own). The character classes come from two 16-entry tables indexed by the low and the high
    /// nibble, whose entries share a bit only for a byte outside the alphabet; a third gives what to add to
    /// each class (`/` told apart from `+`, which shares its high nibble, by a comparison).
    #[target_feature(enable = "avx2")]
    fn decode_step(input: __m256i) -> (__m256i, usize) {
        #[rustfmt::skip]
        let low_classes = _mm256_setr_epi8(
            0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
            0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
        );
        #[rustfmt::skip]
        let high_classes = _mm256_setr_epi8(
            0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
            0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
        );
        #[rustfmt::skip]
        let shifts = _mm256_setr_epi8(
            0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
        );
        let nibble = _mm256_set1_epi8(0x0F);
        let high = _mm256_and_si256(_mm256_srli_epi32(input, 4), nibble);
        let low = _mm256_and_si256(input, nibble);
        let low_class = _mm256_shuffle_epi8(low_classes, low);
        let high_class = _mm256_shuffle_epi8(high_classes, high);
        let valid = if _mm256_testz_si256(low_class, high_class) == 0 {
            let valid_bytes = _mm256_cmpeq_epi8(
                _mm256_and_si256(low_class, high_class),
                _mm256_setzero_si256(),
            );
            (!_mm256_movemask_epi8(valid_bytes)).trailing_zeros() as usize / 4
        } else {
            CHARACTERS / 4
        };
        let slash = _mm256_cmpeq_epi8(input, _mm256_set1_epi8(b'/' as i8));
        let shift = _mm256_shuffle_epi8(shifts, _mm256_add_epi8(slash, high));
        let values = _mm256_add_epi8(input, shift);
        // Pairs of values into 12 bits (a * 64 + b), pairs of those into 24 (ab * 4096 + cd), one a 32-bit lane.
        let pairs = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x0140_0140));
        let groups = _mm256_madd_epi16(pairs, _mm256_set1_epi32(0x0001_1000));
        // Each lane's three bytes in order (most significant first), twelve a 128-bit half, then the halves'
        // twelve joined.
        #[rustfmt::skip]
        let order = _mm256_setr_epi8(
            2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
            2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
        );
        let ordered = _mm256_shuffle_epi8(groups, order);
        let packed =
            _mm256_permutevar8x32_epi32(ordered, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, -1, -1));
        (packed, valid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte at every place of two 32-character steps and around them decodes (or stops) as a group at a
    /// time does, and the groups decode as RFC 4648 says.
    #[test]
    fn groups_decode_alike_in_steps_and_one_by_one() {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let base: Vec<u8> = (0..72).map(|i| alphabet[(i * 7 + 3) % 64]).collect();
        for at in 0..base.len() {
            for b in 0..=255u8 {
                let mut text = base.clone();
                text[at] = b;
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let done = decode_groups(&text, &mut fast);
                assert_eq!(done, decode_scalar::<false>(&text, &mut slow), "{at} {b}");
                assert_eq!(fast, slow, "{at} {b}");
                let valid = value(b) != INVALID;
                assert_eq!(done, if valid { 72 } else { at / 4 * 4 }, "{at} {b}");
            }
        }
        let mut out = Vec::new();
        assert_eq!(decode_groups(b"aGk/aGk_", &mut out), 4);
        assert_eq!(out, b"hi?");
        let text =
            "Sm9pbjogaHR0cHM6Ly96b29tLnVzL2ovODUxMjM0NTY3ODkgbWVldGluZyBub3cgLSBwbGVhc2Ugam9pbiE=";
        let mut out = Vec::new();
        let done = decode_groups(text.as_bytes(), &mut out);
        assert_eq!(done, text.len() - 4);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Join: https://zoom.us/j/85123456789 meeting now - please joi"
        );
    }

    /// Lines of whole groups (of every length from 0 to 24 groups, so that breaks fall at every place of a
    /// 32-character step) decode across their breaks, `\n` or `\r\n`, in steps as a group at a time, and as
    /// the lines joined; any byte at any place of them stops both at the same group.
    #[test]
    fn lines_decode_alike_in_steps_and_one_by_one() {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for groups in 0..=24 {
            for crlf in [false, true] {
                let line: Vec<u8> = (0..groups * 4)
                    .map(|i| alphabet[(i * 11 + groups) % 64])
                    .collect();
                let mut text = Vec::new();
                for _ in 0..4 {
                    text.extend_from_slice(&line);
                    text.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
                }
                let (mut fast, mut slow, mut joined) = (Vec::new(), Vec::new(), Vec::new());
                let done = decode_lines(&text, &mut fast);
                assert_eq!(done, text.len(), "{groups} {crlf}");
                assert_eq!(decode_scalar::<true>(&text, &mut slow), done);
                decode_groups(&line.repeat(4), &mut joined);
                assert_eq!((&fast, &slow), (&joined, &joined), "{groups} {crlf}");
                for at in 0..text.len() {
                    for b in [b'\n', b'\r', b' ', b'=', b'-', 0x80, b'A', b'/'] {
                        let mut text = text.clone();
                        text[at] = b;
                        let (mut fast, mut slow) = (Vec::new(), Vec::new());
                        let done = decode_lines(&text, &mut fast);
                        assert_eq!(
                            done,
                            decode_scalar::<true>(&text, &mut slow),
                            "{groups} {at} {b}"
                        );
                        assert_eq!(fast, slow, "{groups} {crlf} {at} {b}");
                    }
                }
            }
        }
        // Breaks are read between whole groups, one after another, and at the end; not inside a group.
        let mut out = Vec::new();
        assert_eq!(decode_lines(b"aGk/\naGk/\r\n", &mut out), 11);
        assert_eq!(out, b"hi?hi?");
        out.clear();
        assert_eq!(decode_lines(b"aGk\n/aGk", &mut out), 0);
        assert_eq!(decode_lines(b"aGk/\n\naGk/", &mut out), 10);
        assert_eq!(decode_lines(b"aGk/\raGk/", &mut out), 4);
        assert_eq!(decode_groups(b"aGk/\naGk/", &mut out), 4);
    }
}
