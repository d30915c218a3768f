//! `memcmp` and `bcmp` for the wasm build, eight bytes a step where compiler-builtins' compare a byte a step.
//!
//! Every `==` of two strings or byte slices whose length the compiler cannot see, every `starts_with`,
//! `ends_with` and `strip_prefix` with a `&str`, and every hash-map probe by a `&str` key end in `memcmp`
//! (or `bcmp`, which compiler-builtins answers with its `memcmp`). On wasm32-unknown-unknown there is no C
//! library, so the standard library links compiler-builtins' own, a byte loop (its `src/mem/impls.rs`,
//! `compare_bytes`; the same shape as the byte loops of rust-lang/rust#92436 for `memcpy` and `memset`), which
//! cost 28.5 x86 instructions a URL of the wasm screen + classify (5,201 calls a pass of the bench corpus;
//! docs/speed.md, session 40). compiler-builtins declares its memory functions weak so that a program can
//! supply its own (rust-lang/compiler-builtins#411; were they ever strong again, the link would fail loudly with
//! a duplicate symbol): this module does, for wasm32-unknown-unknown only (natively, and on wasm targets with a C
//! library, the C library's are used). The package therefore exports `memcmp` and `bcmp` too; only the
//! extension's background loads it, and they read the memory the package already exports.
//!
//! The compares on the URL path are short (hosts, labels, path segments: a few bytes to a few tens), so the
//! words are read unaligned and the tail as one more word that overlaps the last, with no alignment prologue.

/// The C `memcmp` of `n` bytes at `a` and `b`: zero when equal, else the difference of the first unequal
/// bytes (as unsigned) — its sign is what `memcmp` promises.
///
/// # Safety
/// `a` and `b` must each be valid for reads of `n` bytes (what `memcmp`'s callers promise).
#[inline(always)]
pub(crate) unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> i32 {
    // Inside `memcmp` itself: keep this free of chains of fixed-offset loads compared one after another, which
    // LLVM may merge into a call to `memcmp` (llvm-project#148298's direction), a call to itself. `wasm-dis` of
    // the package shows the function calls nothing.
    if n >= 8 {
        let mut at = 0;
        while at + 8 <= n {
            // SAFETY: `at + 8 <= n`, so the eight bytes are within the `n` the caller vouches for.
            let (x, y) = unsafe { (word8(a.add(at)), word8(b.add(at))) };
            if x != y {
                return first_difference(x, y);
            }
            at += 8;
        }
        if at == n {
            return 0;
        }
        // The last eight bytes, overlapping those already found equal: the first difference in them is the
        // first of the whole.
        // SAFETY: `n >= 8`, so `n - 8` starts eight bytes that end at `n`.
        let (x, y) = unsafe { (word8(a.add(n - 8)), word8(b.add(n - 8))) };
        return first_difference(x, y);
    }
    if n >= 4 {
        // Four bytes, then the last four (overlapping when `n < 8`), as above.
        // SAFETY: `4 <= n`, and `n - 4 + 4 == n`.
        let (x, y) = unsafe { (word4(a), word4(b)) };
        if x != y {
            return first_difference(x as u64, y as u64);
        }
        // SAFETY: as above.
        let (x, y) = unsafe { (word4(a.add(n - 4)), word4(b.add(n - 4))) };
        return first_difference(x as u64, y as u64);
    }
    let mut at = 0;
    while at < n {
        // SAFETY: `at < n`.
        let (x, y) = unsafe { (*a.add(at), *b.add(at)) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
        at += 1;
    }
    0
}

/// Eight bytes at `p` as a little-endian number, so that the first byte in memory is the lowest.
///
/// # Safety
/// `p` must be valid for reads of eight bytes.
#[inline(always)]
unsafe fn word8(p: *const u8) -> u64 {
    // SAFETY: the caller's; `read_unaligned` needs no alignment.
    u64::from_le(unsafe { p.cast::<u64>().read_unaligned() })
}

/// Four bytes at `p`, as `word8`.
///
/// # Safety
/// `p` must be valid for reads of four bytes.
#[inline(always)]
unsafe fn word4(p: *const u8) -> u32 {
    // SAFETY: the caller's; `read_unaligned` needs no alignment.
    u32::from_le(unsafe { p.cast::<u32>().read_unaligned() })
}

/// `memcmp`'s answer for two little-endian words: 0 when equal, else the difference of their lowest unequal
/// bytes, which are the first in memory.
#[inline(always)]
fn first_difference(x: u64, y: u64) -> i32 {
    let diff = x ^ y;
    if diff == 0 {
        return 0;
    }
    let shift = diff.trailing_zeros() & !7;
    i32::from((x >> shift) as u8) - i32::from((y >> shift) as u8)
}

/// The symbol the standard library's compares call in the wasm build (the module header says why).
///
/// `bcmp` is a call to it, so the two bodies differ and LLVM's MergeFunctions cannot fold them into one (`bcmp` says
/// what that broke); `#[inline(never)]` keeps them different should this body ever become small enough to inline
/// into `bcmp` (compiler-builtins' own `bcmp` is likewise a call to its `memcmp`, its src/mem/mod.rs).
///
/// # Safety
/// As C's `memcmp`: `a` and `b` valid for reads of `n` bytes.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller's promise is `compare`'s.
    unsafe { compare(a, b, n) }
}

/// `bcmp` (equal or not), which LLVM calls for a `memcmp` whose answer is only tested against zero (nearly
/// every call here: string `==`, `starts_with`, hash-map keys): `memcmp` itself, so that it is not
/// compiler-builtins' byte loop either. (A compare of its own that only tests for a difference cost the
/// package 284 B gzipped; docs/speed.md, session 41.)
///
/// A call, not `compare` inlined a second time: with the same body as `memcmp`, LLVM's MergeFunctions (which rustc
/// runs in optimised builds) folded the two into one and sent this crate's `memcmp` calls to `bcmp`, and
/// LLVM then expanded those of a constant length (2 to 20 bytes and more) as `bcmp`s, a test for equality whose 0
/// or 1 the caller read as an order: in the release wasm `"2026" <= "2100"` was false and every `a < b` of a
/// constant length greater than 1 answered `Greater` (session 46, docs/speed.md; crates/wasm/tests/byte_order.rs).
///
/// # Safety
/// As `memcmp`.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the caller's promise is `memcmp`'s.
    unsafe { memcmp(a, b, n) }
}

/// Ordering compares whose length is a constant, compiled in this crate (where `memcmp` and `bcmp` are defined, and
/// where LLVM's MergeFunctions once sent `memcmp` calls to `bcmp`: its comment), for
/// crates/wasm/tests/byte_order.rs to run in the release wasm: for each length `n` from 1 to 20, the first `n` bytes
/// of `a` against those of `b` by `cmp`, `<` and `RangeInclusive::contains` (`a` within `a..=b`, true when `a <= b`:
/// a range with two different ends, as the day check that showed the bug). Only in wasm builds with the tests'
/// feature `test-strategies`.
#[cfg(all(target_arch = "wasm32", feature = "test-strategies"))]
#[doc(hidden)]
pub fn fixed_length_orders(a: &[u8; 20], b: &[u8; 20]) -> Vec<(std::cmp::Ordering, bool, bool)> {
    macro_rules! each_length {
        ($($n:literal)*) => {
            vec![$({
                let (a, b) = (&a[..$n], &b[..$n]);
                (a.cmp(b), a < b, (a..=b).contains(&a))
            }),*]
        };
    }
    each_length!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering;

    fn sign(n: i32) -> Ordering {
        n.cmp(&0)
    }

    /// Every length up to 40, every place of a first difference (and none), each way round, with bytes either
    /// side of 0x80 (a signed compare would order them the wrong way), pairs that differ in high bits only,
    /// and the slices at every offset of a word: the sign is the slices' own ordering and the value the
    /// difference of the first unequal bytes, and one byte changed anywhere is found.
    #[test]
    fn compare_answers_as_memcmp_does() {
        let base: Vec<u8> = (0..48u8)
            .map(|i| i.wrapping_mul(37).wrapping_add(3))
            .collect();
        for offset in 0..8 {
            for n in 0..=40 {
                let a = &base[offset..offset + n];
                // SAFETY: `a` is `n` bytes.
                assert_eq!(unsafe { compare(a.as_ptr(), a.as_ptr(), n) }, 0, "n {n}");
                for at in 0..n {
                    for (low, high) in [
                        (0x10u8, 0x11u8),
                        (0x7f, 0x80),
                        (0x00, 0xff),
                        (0x40, 0x80),
                        (0x01, 0x81),
                    ] {
                        let mut x = base.clone();
                        let mut y = base.clone();
                        x[offset + at] = low;
                        y[offset + at] = high;
                        // Later bytes differ the other way round: only the first difference may decide.
                        for later in offset + at + 1..offset + n {
                            x[later] = 0xff;
                            y[later] = 0x00;
                        }
                        let (x, y) = (&x[offset..offset + n], &y[offset..offset + n]);
                        // SAFETY: both are `n` bytes.
                        let (xy, yx) = unsafe {
                            (
                                compare(x.as_ptr(), y.as_ptr(), n),
                                compare(y.as_ptr(), x.as_ptr(), n),
                            )
                        };
                        assert_eq!(sign(xy), x.cmp(y), "n {n}, difference at {at}");
                        assert_eq!(xy, i32::from(low) - i32::from(high), "n {n}, at {at}");
                        assert_eq!(yx, -xy, "n {n}, at {at}");
                        // This one byte changed only (later bytes could hide a word the compare skips).
                        let mut one = a.to_vec();
                        one[at] = if one[at] == low { high } else { low };
                        // SAFETY: both are `n` bytes.
                        let found = unsafe { compare(a.as_ptr(), one.as_ptr(), n) };
                        assert_ne!(found, 0, "n {n}, at {at}");
                    }
                }
            }
        }
    }

    /// Equal for `n` bytes and unequal in every byte after them: a compare that reads past `n` (a tail word at
    /// the wrong place) answers non-zero. The slices also end where their allocation ends, so that Miri would
    /// name any read past them.
    #[test]
    fn compare_reads_nothing_past_n() {
        let base: Vec<u8> = (0..48u8).map(|i| i.wrapping_mul(37)).collect();
        let inverted: Vec<u8> = base.iter().map(|b| !b).collect();
        for offset in 0..8 {
            for n in 0..=40 {
                let mut other = inverted.clone();
                other[offset..offset + n].copy_from_slice(&base[offset..offset + n]);
                // SAFETY: both hold `offset + n` bytes and more.
                let equal =
                    unsafe { compare(base[offset..].as_ptr(), other[offset..].as_ptr(), n) };
                assert_eq!(equal, 0, "offset {offset}, n {n}");
                let (a, b) = (
                    base[offset..offset + n].to_vec(),
                    base[offset..offset + n].to_vec(),
                );
                // SAFETY: both are exactly `n` bytes.
                assert_eq!(unsafe { compare(a.as_ptr(), b.as_ptr(), n) }, 0);
            }
        }
    }
}
