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

/// The blocks of a document, the one the walk is in classified.
pub(super) struct Marks<'a> {
    bytes: &'a [u8],
    /// The offset of the block classified (a multiple of `BLOCK`; `usize::MAX` before the first).
    base: usize,
    block: Block,
    #[cfg(target_arch = "x86_64")]
    avx2: bool,
}

impl<'a> Marks<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Marks {
            bytes,
            base: usize::MAX,
            block: Block::default(),
            #[cfg(target_arch = "x86_64")]
            avx2: super::super::pair_filter::simd_available(),
        }
    }

    /// The masks of the block that starts at `base` (a multiple of `BLOCK` below the document's length).
    #[inline]
    pub(super) fn at(&mut self, base: usize) -> Block {
        if base != self.base {
            self.classify(base);
        }
        self.block
    }

    /// The first byte at or after `from` whose bit `pick` keeps, or the document's length.
    #[inline]
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

    /// Classifies the block at `base`; the last one, short, through a copy padded with zeros (no structural
    /// byte). Out of line: once a block, and its vector registers stay out of the walk's.
    #[inline(never)]
    fn classify(&mut self, base: usize) {
        self.base = base;
        let rest = self.bytes.get(base..).unwrap_or_default();
        let mut padded = [0u8; BLOCK];
        let chunk: &[u8; BLOCK] = match rest.first_chunk() {
            Some(chunk) => chunk,
            None => {
                padded[..rest.len()].copy_from_slice(rest);
                &padded
            }
        };
        self.block = self.classify_block(chunk);
    }

    #[inline(always)]
    fn classify_block(&self, chunk: &[u8; BLOCK]) -> Block {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is true only when `is_x86_feature_detected!("avx2")` said this CPU has AVX2
            // (`simd_available`), which is what `#[target_feature(enable = "avx2")]` requires of callers.
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

/// The five masks of `Block` from per-part masks (`parts[k][m]`: mask `m` of the `k`-th `64 / N` bytes),
/// in `Block`'s field order.
#[inline(always)]
fn joined<const N: usize>(parts: [[u32; 5]; N]) -> Block {
    let mask = |m: usize| {
        (0..N).fold(0u64, |bits, k| {
            bits | u64::from(parts[k][m]) << (k * BLOCK / N)
        })
    };
    Block {
        text: mask(0),
        tag: mask(1),
        double: mask(2),
        single: mask(3),
        newline: mask(4),
    }
}

/// `Block` of `chunk` in two 32-byte halves: a compare a structural byte, an `or` for the pairs, a
/// `movemask` a mask and half.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn classify_avx2(chunk: &[u8; BLOCK]) -> Block {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8 as bitmask,
        _mm256_or_si256 as or, _mm256_set1_epi8,
    };
    let half = |k: usize| {
        // SAFETY: the load reads bytes `32 * k..32 * k + 32` of `chunk` (`k` is 0 or 1), with no alignment
        // requirement (`_mm256_loadu_si256`).
        let v = unsafe { _mm256_loadu_si256(chunk.as_ptr().add(32 * k).cast()) };
        let is = |byte: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(byte as i8));
        [
            or(is(b'<'), is(b'&')),
            or(is(b'>'), is(b'=')),
            is(b'"'),
            is(b'\''),
            is(b'\n'),
        ]
        .map(|m: __m256i| bitmask(m) as u32)
    };
    joined([half(0), half(1)])
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
    let quarter = |k: usize| {
        // SAFETY: the target feature is in this build (`cfg` above), which is all the intrinsics require; the
        // load reads bytes `16 * k..16 * k + 16` of `chunk` (`k` below 4), with no alignment requirement
        // (`_mm_loadu_si128`; `v128_load` is a 1-aligned load).
        unsafe {
            let v = load(chunk.as_ptr().add(16 * k).cast());
            let is = |byte: u8| eq(v, splat(byte as i8));
            [
                or(is(b'<'), is(b'&')),
                or(is(b'>'), is(b'=')),
                is(b'"'),
                is(b'\''),
                is(b'\n'),
            ]
            .map(|m| bitmask(m) as u32)
        }
    };
    joined([quarter(0), quarter(1), quarter(2), quarter(3)])
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
            let marks = Marks::new(&chunk);
            assert_eq!(marks.classify_block(&chunk), scalar, "{chunk:?}");
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
            let mut marks = Marks::new(&bytes);
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
