//! The screen's look at what follows a URL's host, sixteen bytes at a time (SSE2 natively, `simd128` in wasm,
//! a byte loop elsewhere): a byte that only the full path handles, or a `/` where a dot segment may start.
//! The same vector names also find a host's label and part separators for the misspelt-name gate
//! (`separators`), and read a whole URL for `classify`'s plain texts (`masks_from`: host bytes, then what the
//! parser would rewrite).
//!
//! The screen asks this of every link it clears. `classify::unusual_bytes` answers the same eight bytes at a
//! time with word arithmetic, about 115 instructions for the bench corpus's average rest of 22 bytes
//! (callgrind, `make bench-instructions`); a vector compare per sixteen bytes does it in about a quarter of
//! that. A rest shorter than sixteen bytes is read in the window that ends with the text, the lanes before the
//! rest masked off, so that short paths (most) cost one window and no copy.

/// Bytes a window.
pub(crate) const LANES: usize = 16;

/// Whether `text[from..]` holds an unusual byte (below 0x21, 0x7f and above, a backslash) or a `/` followed by
/// one of `$%&',-./` (`.` and `%` begin a dot segment; the others share their bits in the test), as
/// `classify::unusual_bytes::<true>(&text[from..])` says: exact where it says no. Bytes before `from` may be
/// read; they are never reported, a `/` among them neither. `from <= text.len()`.
#[inline]
pub(crate) fn needs_look(text: &[u8], from: usize) -> bool {
    let rest = text.len() - from;
    if rest == 0 {
        return false;
    }
    if text.len() < LANES {
        return found(&padded(&text[from..]), u32::MAX);
    }
    #[cfg(target_arch = "x86_64")]
    if rest >= LANES && text.len() >= wide::LANES && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above), which is all `#[target_feature(enable = "avx2")]`
        // asks of a caller; the text holds a whole wide window.
        return unsafe { wide::needs_look(text, from) };
    }
    any_window(text.len(), from, LANES, |at, keep| {
        found(window(text, at), keep)
    })
}

/// Whether `found(at, keep)` says yes for a window of `lanes` bytes at `at` (`keep`: the lanes that count) of
/// those that cover `from..len` (`len >= lanes`, `from < len`). A rest of at most `lanes` bytes is read in the
/// window that ends with the text, the lanes before `from` not counted; a longer one in windows from `from`
/// on, each starting at the last byte of the one before, so that a `/` there is read with the byte after it,
/// the last ending with the text (it may read again what an earlier one read).
#[inline(always)]
fn any_window(
    len: usize,
    from: usize,
    lanes: usize,
    mut found: impl FnMut(usize, u32) -> bool,
) -> bool {
    if len - from <= lanes {
        let at = len - lanes;
        return found(at, u32::MAX << (from - at));
    }
    let mut at = from;
    loop {
        if found(at, u32::MAX) {
            return true;
        }
        if at + lanes >= len {
            return false;
        }
        at = (at + lanes - 1).min(len - lanes);
    }
}

/// `needs_look` 32 bytes a window, with AVX2 (checked at run time, as the text path's pair filter is): most
/// rests after a host are 16 to 31 bytes (the bench corpus: 5,508 of 10,000), which take two sixteen-byte
/// windows and one of these. Asked only for rests of sixteen bytes or more: a shorter one is one sixteen-byte
/// window, cheaper than this call.
#[cfg(target_arch = "x86_64")]
mod wide {
    use super::{DOT_BITS, LAST_ORDINARY, ORDINARY_TO_LOWEST};
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8, _mm256_loadu_si256,
        _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
    };

    /// Bytes a window.
    pub(super) const LANES: usize = 32;

    /// `super::needs_look` for `text.len() >= LANES`, `from < text.len()`, in the windows of `any_window`.
    #[target_feature(enable = "avx2")]
    pub(super) fn needs_look(text: &[u8], from: usize) -> bool {
        super::any_window(text.len(), from, LANES, |at, keep| {
            found(window(text, at), keep)
        })
    }

    /// The 32 bytes at `at`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn window(text: &[u8], at: usize) -> __m256i {
        let bytes: &[u8; LANES] = text[at..at + LANES].try_into().expect("32 bytes");
        // SAFETY: the load reads the 32 bytes of the reference, with no alignment requirement.
        unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) }
    }

    /// `super::found` on 32 lanes: bit `i` of `keep` for byte `i`; a `/` in lane 31 is read with the next
    /// window's first byte, which the windows' overlap provides.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn found(v: __m256i, keep: u32) -> bool {
        let byte = |b: u8| _mm256_set1_epi8(b as i8);
        let bits = |lanes| _mm256_movemask_epi8(lanes) as u32;
        let shifted = _mm256_add_epi8(v, byte(ORDINARY_TO_LOWEST));
        let unusual = bits(_mm256_or_si256(
            _mm256_cmpgt_epi8(shifted, _mm256_set1_epi8(LAST_ORDINARY)),
            _mm256_cmpeq_epi8(v, byte(b'\\')),
        ));
        let slash = bits(_mm256_cmpeq_epi8(v, byte(b'/')));
        let dot_like = bits(_mm256_cmpeq_epi8(
            _mm256_or_si256(v, byte(DOT_BITS)),
            byte(b'/'),
        ));
        (unusual & keep) | ((slash & keep) << 1 & dot_like) != 0
    }
}

/// The sixteen bytes at `at`.
#[inline(always)]
fn window(text: &[u8], at: usize) -> &[u8; LANES] {
    text[at..at + LANES].try_into().expect("sixteen bytes")
}

/// A text shorter than a window, padded with `a` (an ordinary byte).
#[cold]
fn padded(text: &[u8]) -> [u8; LANES] {
    let mut window = [b'a'; LANES];
    window[..text.len()].copy_from_slice(text);
    window
}

/// Whether a window holds an unusual byte or a `/` followed by a dot-like byte, counting only the lanes whose
/// bit is set in `keep` (a `/` in another lane is not read either).
#[inline(always)]
fn found(window: &[u8; LANES], keep: u32) -> bool {
    let Masks {
        unusual,
        slash,
        dot_like,
        ..
    } = masks(window);
    (unusual & keep) | ((slash & keep) << 1 & dot_like) != 0
}

/// One bit a lane (bit `i` for byte `i`) of a window, bits 16 and up clear. Each caller is inlined and reads
/// only some of them; the others are not computed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Masks {
    /// Below 0x21, 0x7f and above, or a backslash.
    pub(crate) unusual: u32,
    pub(crate) slash: u32,
    /// `$%&',-./`: the bytes that read as `/` with bits 0, 1 and 3 set (0x0b), as `.` (0x2e) and `%` (0x25) do.
    pub(crate) dot_like: u32,
    /// What the URL parser percent-encodes, drops or re-reads after a host: the unusual bytes and
    /// `"'<>^`{|}`.
    pub(crate) encoded: u32,
    /// `?` or `#`: where a path ends.
    pub(crate) ends_path: u32,
    pub(crate) hash: u32,
    /// Any byte but the ones the parser keeps in a host name as they are: `a-z`, `0-9`, `.` and `-`.
    pub(crate) not_host: u32,
    pub(crate) dot: u32,
    pub(crate) dash: u32,
    /// `/`, `?`, `#` or `:`: where a host ends (`host_screen::ENDS_HOST`).
    pub(crate) ends_host: u32,
}

impl Masks {
    /// Lane `i` of the result is lane `i + by` of `self`.
    #[inline(always)]
    fn shifted(self, by: usize) -> Masks {
        Masks {
            unusual: self.unusual >> by,
            slash: self.slash >> by,
            dot_like: self.dot_like >> by,
            encoded: self.encoded >> by,
            ends_path: self.ends_path >> by,
            hash: self.hash >> by,
            not_host: self.not_host >> by,
            dot: self.dot >> by,
            dash: self.dash >> by,
            ends_host: self.ends_host >> by,
        }
    }
}

/// The masks of the sixteen bytes from `at` (`at < text.len()`), lane 0 being `text[at]`, and the lanes that are
/// the text's (bits `0..text.len() - at`, at most sixteen): lanes past its end may read as anything. Near the
/// end, the window that ends with the text, shifted: no copy unless the whole text is shorter than a window.
#[inline(always)]
pub(crate) fn masks_from(text: &[u8], at: usize) -> (Masks, u32) {
    let left = text.len() - at;
    if left >= LANES {
        return (masks(window(text, at)), 0xffff);
    }
    let valid = (1 << left) - 1;
    if text.len() < LANES {
        return (masks(&padded(&text[at..])), valid);
    }
    let start = text.len() - LANES;
    (masks(window(text, start)).shifted(at - start), valid)
}

/// Added to a byte, this maps the ordinary bytes 0x21..=0x7e to 0x80..=0xdd, the lowest signed bytes: every
/// unusual one lands above `-35` (0xdd), so one signed compare finds them.
const ORDINARY_TO_LOWEST: u8 = 0x80 - 0x21;
const LAST_ORDINARY: i8 = (0x7e + ORDINARY_TO_LOWEST) as i8;
/// The last byte of `0x21..=0x7a` after the same shift: `{|}~` are above it, and only `~` is no `encoded` one.
const LAST_BEFORE_BRACE: i8 = (b'z' + ORDINARY_TO_LOWEST) as i8;
const DOT_BITS: u8 = 0x0b;

// The vector build where the target has one (every x86_64 target has SSE2), the byte loop elsewhere.
#[cfg(not(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
use scalar as chosen;
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
use vector as chosen;

use chosen::masks;
/// Bit `i` set where `window[i]` is `-`, `.` or `/` (0x2d to 0x2f, with `,`: the same byte with bits 0 and 1
/// set; a cleared host has no `,`): the label and part separators `name_edits::EditedNames::may_be_edited`
/// looks for from a host's end.
pub(crate) use chosen::separators;

/// `masks` and `separators` with the target's vector instructions, under one set of names (`simd`).
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
// wasm's intrinsics are safe to call; x86_64's need the blocks.
#[allow(unused_unsafe)]
mod vector {
    use super::{
        simd, Masks, DOT_BITS, LANES, LAST_BEFORE_BRACE, LAST_ORDINARY, ORDINARY_TO_LOWEST,
    };
    use simd::{add, bitmask, eq, gt, load, or, splat};

    #[inline(always)]
    pub(super) fn masks(window: &[u8; LANES]) -> Masks {
        // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
        // load reads the sixteen bytes of the reference, with no alignment requirement (`_mm_loadu_si128`;
        // `v128_load` is a 1-aligned load, https://doc.rust-lang.org/core/arch/wasm32/fn.v128_load.html).
        unsafe {
            let v = load(window.as_ptr().cast());
            let byte = |b: u8| splat(b as i8);
            let is = |b: u8| eq(v, byte(b));
            let bits = |lanes| bitmask(lanes) as u32;
            // `lo..=hi` shifted to the lowest signed bytes, so that one signed compare finds the range.
            let within = |lo: u8, hi: u8| {
                gt(
                    splat((0x80 + (hi - lo)) as i8 + 1),
                    add(v, byte(0x80u8.wrapping_sub(lo))),
                )
            };
            // `<>` and `\^` differ in bit 1 only.
            let bit_1 = or(v, byte(2));
            let shifted = add(v, byte(ORDINARY_TO_LOWEST));
            Masks {
                unusual: bits(or(gt(shifted, splat(LAST_ORDINARY)), is(b'\\'))),
                slash: bits(is(b'/')),
                dot_like: bits(eq(or(v, byte(DOT_BITS)), byte(b'/'))),
                encoded: bits(or(
                    or(gt(shifted, splat(LAST_BEFORE_BRACE)), is(b'"')),
                    or(
                        or(is(b'\''), is(b'`')),
                        or(eq(bit_1, byte(b'>')), eq(bit_1, byte(b'^'))),
                    ),
                )) & !bits(is(b'~')),
                ends_path: bits(or(is(b'?'), is(b'#'))),
                hash: bits(is(b'#')),
                // `-./0-9` but `/`.
                not_host: (!bits(or(within(b'a', b'z'), within(b'-', b'9'))) | bits(is(b'/')))
                    & 0xffff,
                dot: bits(is(b'.')),
                dash: bits(is(b'-')),
                ends_host: bits(or(or(is(b'/'), is(b':')), or(is(b'?'), is(b'#')))),
            }
        }
    }

    #[inline(always)]
    pub(crate) fn separators(window: &[u8; LANES]) -> u32 {
        // SAFETY: as in `masks`.
        unsafe {
            let v = load(window.as_ptr().cast());
            bitmask(eq(or(v, splat(3)), splat(b'/' as i8))) as u32
        }
    }
}

/// The vector instructions `vector` needs, by what they do: sixteen signed bytes a vector.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod simd {
    pub(super) use std::arch::x86_64::{
        _mm_add_epi8 as add, _mm_cmpeq_epi8 as eq, _mm_cmpgt_epi8 as gt, _mm_loadu_si128 as load,
        _mm_movemask_epi8 as bitmask, _mm_or_si128 as or, _mm_set1_epi8 as splat,
    };
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    pub(super) use core::arch::wasm32::{
        i8x16_add as add, i8x16_eq as eq, i8x16_gt as gt, u8x16_bitmask as bitmask,
        v128_load as load, v128_or as or,
    };
    use core::arch::wasm32::{i8x16_splat, v128};

    /// `i8x16_splat(b)`, from `splats::SPLATS` for the bytes `vector` splats: V8 builds a `v128.const` at every
    /// use in three x86 instructions (two moves and an unpack) where a load from memory is one (docs/speed.md,
    /// session 40: about 20 a URL of the screen). The load is volatile so that LLVM cannot fold it back into a
    /// constant; `b` is a constant once inlined, so the look-up in `splats::INDEX` folds away.
    #[inline(always)]
    pub(super) fn splat(b: i8) -> v128 {
        match super::splats::of(b as u8) {
            // SAFETY: an initialised static that is never written, aligned for a `v128` (`Splats`' `align`),
            // sixteen bytes as a `v128` is: a plain read of it, volatile only so that it stays a load.
            Some(splat) => unsafe { core::ptr::read_volatile(splat.as_ptr().cast::<v128>()) },
            None => i8x16_splat(b),
        }
    }
}

/// The bytes the wasm build of `vector` splats, each sixteen times in memory (`simd::splat` says why).
#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(dead_code)
)]
mod splats {
    use super::{DOT_BITS, LANES, LAST_BEFORE_BRACE, LAST_ORDINARY, ORDINARY_TO_LOWEST};

    /// Each `byte(b)` and `splat(b)` of `vector`, `within`'s two for each of its ranges worked out.
    const SPLATTED: [u8; 23] = [
        ORDINARY_TO_LOWEST,
        LAST_ORDINARY as u8,
        LAST_BEFORE_BRACE as u8,
        DOT_BITS,
        b'\\',
        b'/',
        b'"',
        b'\'',
        b'`',
        2,
        3,
        b'>',
        b'^',
        b'~',
        b'?',
        b'#',
        b'.',
        b'-',
        b':',
        // `within(b'a', b'z')` and `within(b'-', b'9')`: the range's top after the shift plus one, and the shift.
        0x80 + (b'z' - b'a') + 1,
        0x80u8.wrapping_sub(b'a'),
        0x80 + (b'9' - b'-') + 1,
        0x80u8.wrapping_sub(b'-'),
    ];

    /// Sixteen-byte aligned, as a `v128` load wants.
    #[repr(C, align(16))]
    struct Splats([[u8; LANES]; SPLATTED.len()]);

    static SPLATS: Splats = {
        let mut splats = [[0; LANES]; SPLATTED.len()];
        let mut i = 0;
        while i < SPLATTED.len() {
            splats[i] = [SPLATTED[i]; LANES];
            i += 1;
        }
        Splats(splats)
    };

    /// Where each byte is in `SPLATTED` (`u8::MAX`: not there).
    const INDEX: [u8; 256] = {
        let mut index = [u8::MAX; 256];
        let mut i = 0;
        while i < SPLATTED.len() {
            index[SPLATTED[i] as usize] = i as u8;
            i += 1;
        }
        index
    };

    /// Sixteen `b`s in `SPLATS`, when `b` is one of `SPLATTED`.
    #[inline(always)]
    pub(super) fn of(b: u8) -> Option<&'static [u8; LANES]> {
        SPLATS.0.get(usize::from(INDEX[usize::from(b)]))
    }

    /// A splat read for the wrong byte would make the wasm screen answer differently from the native one.
    #[cfg(test)]
    #[test]
    fn each_splat_is_its_byte_sixteen_times_aligned_and_no_byte_is_listed_twice() {
        for b in 0..=u8::MAX {
            if let Some(splat) = of(b) {
                assert_eq!(*splat, [b; LANES]);
                assert_eq!(splat.as_ptr() as usize % 16, 0);
            }
        }
        let count = (0..=u8::MAX).filter(|&b| of(b).is_some()).count();
        assert_eq!(count, SPLATTED.len(), "a byte listed twice");
    }
}

/// `masks` and `separators` a byte at a time: the build for other targets, and the tests' reference.
#[cfg_attr(not(test), allow(dead_code))]
mod scalar {
    use super::{Masks, DOT_BITS, LANES};

    pub(super) fn masks(window: &[u8; LANES]) -> Masks {
        let bits = |test: &dyn Fn(u8) -> bool| {
            window
                .iter()
                .enumerate()
                .filter(|&(_, &b)| test(b))
                .fold(0, |bits, (i, _)| bits | 1 << i)
        };
        Masks {
            unusual: bits(&|b| !(0x21..=0x7e).contains(&b) || b == b'\\'),
            slash: bits(&|b| b == b'/'),
            dot_like: bits(&|b| b | DOT_BITS == b'/'),
            encoded: bits(&|b| {
                b <= b' '
                    || b >= 0x7f
                    || matches!(
                        b,
                        b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\' | b'\'' | b'^' | b'|'
                    )
            }),
            ends_path: bits(&|b| b == b'?' || b == b'#'),
            hash: bits(&|b| b == b'#'),
            not_host: bits(&|b| {
                !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            }),
            dot: bits(&|b| b == b'.'),
            dash: bits(&|b| b == b'-'),
            ends_host: bits(&crate::host_screen::ends_host),
        }
    }

    pub(crate) fn separators(window: &[u8; LANES]) -> u32 {
        window
            .iter()
            .enumerate()
            .fold(0, |found, (i, &b)| found | (u32::from(b | 3 == b'/') << i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time look that this replaces on the screen's path, which keeps its own tests.
    fn reference(rest: &[u8]) -> bool {
        crate::classify::unusual_bytes::<true>(rest)
    }

    #[test]
    fn vector_build_agrees_with_the_byte_loop_for_every_byte_in_every_lane() {
        for byte in 0u8..=255 {
            for lane in 0..LANES {
                for filler in [b'a', b'/', b'.', 0x80] {
                    let mut window = [filler; LANES];
                    window[lane] = byte;
                    let at = format!("{byte:#x} in lane {lane} among {filler:#x}");
                    assert_eq!(masks(&window), scalar::masks(&window), "{at}");
                    assert_eq!(separators(&window), scalar::separators(&window), "{at}");
                }
            }
        }
        assert_eq!(separators(b"x.discorcd.com/a"), 1 << 1 | 1 << 10 | 1 << 14);
        assert_eq!(separators(b"nitro-dlscold.ru"), 1 << 5 | 1 << 13);
    }

    #[test]
    fn agrees_with_the_word_look_wherever_the_rest_starts() {
        // Every length around the windows' sizes (sixteen bytes, and AVX2's 32 where the CPU has it: one wide
        // window and more), every start, and each kind of byte at every place, with a `/` before it or not
        // (pairs across the windows' overlap and across `from`).
        for len in 0..=72 {
            for from in 0..=len {
                for at in 0..len {
                    for byte in [b'a', b'.', b'%', b'$', b'0', b' ', 0x7f, 0xc3, b'\\', b'/'] {
                        for slash_before in [false, true] {
                            let mut text = vec![b'a'; len];
                            text[at] = byte;
                            if slash_before && at > 0 {
                                text[at - 1] = b'/';
                            }
                            assert_eq!(
                                needs_look(&text, from),
                                reference(&text[from..]),
                                "{text:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn ignores_what_comes_before_the_rest() {
        // The backslash is byte 10.
        let text = b"https://ex\\ample.com/ok";
        assert!(!needs_look(text, 11));
        assert!(needs_look(text, 10));
        // A `/` just before the rest is not read with the rest's first byte.
        let text = b"https://www.example.com/./x";
        assert!(!needs_look(text, text.len() - 3));
        assert!(needs_look(text, text.len() - 4));
    }
}
