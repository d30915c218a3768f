//! The HTML converter's structural bytes (`<`, `&`, `>`, `=`, both quotes, the line feed) as bitmasks, 64
//! bytes at a time, as simdjson classifies JSON: the walk jumps from one to the next with a shift and a
//! trailing-zero count, where it searched with a 16-byte load and compares at every text run, tag interior
//! and quoted value (`find3`, 12.6 M of the 33.7 M instructions of `make bench-instructions`' mbox of mail in
//! session 29). A block is classified when the walk first enters it, so what the walk skips whole (comments,
//! `script` and `style` content) is never classified.
//!
//! AVX2 (checked at run time, `pair_filter::simd_available`) classifies a block in two 32-byte halves, SSE2
//! (every x86-64) and wasm's `simd128` (on in every wasm build here, `.cargo/config.toml`) in four 16-byte
//! quarters, and other targets a byte at a time (`classify_scalar`, which the tests hold the SIMD paths to).

/// The bytes a block holds.
pub(super) const BLOCK: usize = 64;

/// The structural bytes of one block, a bit a byte (bit `k`: the block's byte `k`), by what ends where.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(super) struct Block {
    /// `<` and `&`: the end of a text run.
    pub text: u64,
    /// `>` and `=`: the end of a tag or the start of an attribute value.
    pub tag: u64,
    /// `"`.
    pub double: u64,
    /// `'`.
    pub single: u64,
    /// `\n`.
    pub newline: u64,
}

/// The blocks of a document, the one the walk is in classified. `AVX2`: the walk runs inside a function
/// compiled for AVX2 (`html_to_text_avx2`), which is only called when the CPU has it, and the classifier is
/// inlined there; otherwise it is a call a block.
pub(super) struct Marks<'a, const AVX2: bool> {
    bytes: &'a [u8],
    /// The offset of the block classified (a multiple of `BLOCK`; `usize::MAX` before the first).
    base: usize,
    block: Block,
}

impl<'a, const AVX2: bool> Marks<'a, AVX2> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Marks {
            bytes,
            base: usize::MAX,
            block: Block::default(),
        }
    }

    /// The masks of the block that starts at `base` (a multiple of `BLOCK` below the document's length).
    #[inline(always)]
    pub(super) fn at(&mut self, base: usize) -> Block {
        if base != self.base {
            self.base = base;
            #[cfg(target_arch = "x86_64")]
            if AVX2 {
                if let Some(chunk) = self.bytes.get(base..).and_then(<[u8]>::first_chunk) {
                    // SAFETY: a walk with `AVX2` runs only in `html_to_text_avx2`, which is called only when
                    // `is_x86_feature_detected!("avx2")` said this CPU has AVX2 (`simd_available`): what
                    // `#[target_feature(enable = "avx2")]` requires of callers.
                    self.block = unsafe { classify_avx2(chunk) };
                    return self.block;
                }
            }
            self.block = classify(self.bytes, base);
        }
        self.block
    }

    /// The first byte at or after `from` whose bit `pick` keeps, or the document's length.
    #[inline(always)]
    pub(super) fn next(&mut self, from: usize, pick: impl Fn(Block) -> u64) -> usize {
        let len = self.bytes.len();
        if from >= len {
            return len;
        }
        let mut base = from & !(BLOCK - 1);
        let mut bits = pick(self.at(base)) & (u64::MAX << (from - base));
        loop {
            if bits != 0 {
                return base + bits.trailing_zeros() as usize;
            }
            base += BLOCK;
            if base >= len {
                return len;
            }
            bits = pick(self.at(base));
        }
    }
}

/// The masks of the block of `bytes` at `base` without AVX2, and the last block, short, through a copy padded
/// with zeros (no structural byte). Out of line: once a block, and its vector registers stay out of the walk's.
#[inline(never)]
fn classify(bytes: &[u8], base: usize) -> Block {
    let rest = bytes.get(base..).unwrap_or_default();
    let mut padded = [0u8; BLOCK];
    let chunk = match rest.first_chunk() {
        Some(chunk) => chunk,
        None => {
            padded[..rest.len()].copy_from_slice(rest);
            &padded
        }
    };
    #[cfg(target_arch = "x86_64")]
    if super::super::pair_filter::simd_available() {
        // SAFETY: `simd_available` said this CPU has AVX2, which `#[target_feature(enable = "avx2")]` requires
        // of callers.
        return unsafe { classify_avx2(chunk) };
    }
    #[cfg(any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    return classify_quarters(chunk);
    #[allow(unreachable_code)]
    classify_scalar(chunk)
}

/// `Block` of `chunk`, a byte at a time: targets without SIMD, and the tests' reference.
#[cfg_attr(
    any(
        all(target_arch = "x86_64", target_feature = "sse2"),
        all(target_arch = "wasm32", target_feature = "simd128")
    ),
    allow(dead_code)
)]
pub(super) fn classify_scalar(chunk: &[u8; BLOCK]) -> Block {
    let mut block = Block::default();
    for (k, &b) in chunk.iter().enumerate() {
        let bit = 1u64 << k;
        match b {
            b'<' | b'&' => block.text |= bit,
            b'>' | b'=' => block.tag |= bit,
            b'"' => block.double |= bit,
            b'\'' => block.single |= bit,
            b'\n' => block.newline |= bit,
            _ => {}
        }
    }
    block
}

/// `Block` of `chunk` in two 32-byte halves: a compare a structural byte, an `or` for the pairs, a
/// `movemask` a mask and half. Written out mask by mask: built from arrays of the halves' masks, the compiler
/// stored and reloaded them (about 100 instructions a block under callgrind against about 45).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn classify_avx2(chunk: &[u8; BLOCK]) -> Block {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256 as or, _mm256_set1_epi8,
    };
    // SAFETY: the loads read bytes 0..32 and 32..64 of `chunk`, with no alignment requirement
    // (`_mm256_loadu_si256`).
    let (low, high): (__m256i, __m256i) = unsafe {
        let p = chunk.as_ptr();
        (
            _mm256_loadu_si256(p.cast()),
            _mm256_loadu_si256(p.add(32).cast()),
        )
    };
    let is = |v: __m256i, byte: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(byte as i8));
    let join = |low: __m256i, high: __m256i| {
        u64::from(_mm256_movemask_epi8(low) as u32)
            | u64::from(_mm256_movemask_epi8(high) as u32) << 32
    };
    Block {
        text: join(
            or(is(low, b'<'), is(low, b'&')),
            or(is(high, b'<'), is(high, b'&')),
        ),
        tag: join(
            or(is(low, b'>'), is(low, b'=')),
            or(is(high, b'>'), is(high, b'=')),
        ),
        double: join(is(low, b'"'), is(high, b'"')),
        single: join(is(low, b'\''), is(high, b'\'')),
        newline: join(is(low, b'\n'), is(high, b'\n')),
    }
}

/// `Block` of `chunk` in four 16-byte quarters (SSE2, or `simd128` in wasm).
#[cfg(any(
    all(target_arch = "x86_64", target_feature = "sse2"),
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
// wasm's intrinsics are safe to call; x86_64's need the block.
#[allow(unused_unsafe)]
fn classify_quarters(chunk: &[u8; BLOCK]) -> Block {
    use super::simd::{bitmask, eq, load, or, splat};
    // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
    // loads read bytes `16 * k..16 * k + 16` of `chunk` (`k` below 4), with no alignment requirement
    // (`_mm_loadu_si128`; `v128_load` is a 1-aligned load).
    unsafe {
        let q = [0, 1, 2, 3].map(|k| load(chunk.as_ptr().add(16 * k).cast()));
        let mask = |pick: &dyn Fn(usize) -> _| {
            u64::from(bitmask(pick(0)) as u32)
                | u64::from(bitmask(pick(1)) as u32) << 16
                | u64::from(bitmask(pick(2)) as u32) << 32
                | u64::from(bitmask(pick(3)) as u32) << 48
        };
        let is = |k: usize, byte: u8| eq(q[k], splat(byte as i8));
        Block {
            text: mask(&|k| or(is(k, b'<'), is(k, b'&'))),
            tag: mask(&|k| or(is(k, b'>'), is(k, b'='))),
            double: mask(&|k| is(k, b'"')),
            single: mask(&|k| is(k, b'\'')),
            newline: mask(&|k| is(k, b'\n')),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way of classifying gives the scalar masks, on blocks of random structural and other bytes, and
    /// `next` finds what a byte search finds, from every place, across block ends and in a short last block.
    #[test]
    fn classifiers_agree_and_next_finds() {
        let alphabet = b"<&>=\"'\nx \x00\xff";
        let mut numbers = crate::Numbers(0x6d61_726b_7321);
        for _ in 0..2000 {
            let mut chunk = [0u8; BLOCK];
            for b in &mut chunk {
                *b = alphabet[numbers.below(alphabet.len())];
            }
            let scalar = classify_scalar(&chunk);
            assert_eq!(classify(&chunk, 0), scalar, "{chunk:?}");
            assert_eq!(Marks::<false>::new(&chunk).at(0), scalar, "{chunk:?}");
            #[cfg(target_arch = "x86_64")]
            if crate::text::pair_filter::simd_available() {
                assert_eq!(Marks::<true>::new(&chunk).at(0), scalar, "{chunk:?}");
            }
            #[cfg(any(
                all(target_arch = "x86_64", target_feature = "sse2"),
                all(target_arch = "wasm32", target_feature = "simd128")
            ))]
            assert_eq!(classify_quarters(&chunk), scalar, "{chunk:?}");
        }
        for _ in 0..300 {
            let len = numbers.below(4 * BLOCK);
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[numbers.below(alphabet.len())])
                .collect();
            let mut marks = Marks::<false>::new(&bytes);
            for from in 0..=len {
                let quote = marks.next(from, |b| b.double | b.newline);
                let expected = bytes[from..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\n')
                    .map_or(len, |i| from + i);
                assert_eq!(quote, expected, "{from} {bytes:?}");
            }
        }
    }
}
