//! The fused anchor prefilter: every needle (`www.`, the label pieces, `,,`) is found through one pair of
//! adjacent bytes of it, all pairs in one SIMD pass, and only the few places where a pair fits are compared
//! with the needles. The same pass can find the `/`s a link's head ends at (`SLASH`), through a bucket of
//! their own.
//!
//! The pass is Hyperscan's and aho-corasick's "Teddy" reduced to two bytes: a pair is in bucket `b` when bit
//! `b` is set in four 16-entry tables, looked up by the low and high nibbles of its first and of its second
//! byte (`pshufb` natively, `i8x16.swizzle` in wasm). Each needle gets the pair in it that ordinary text
//! has least (`commonness`: `ww` of `www.`, `mb` of `umber`, the UTF-8 lead byte of `é`), and needles share
//! a bucket only when more than eight pairs remain (seven when the pass finds the `/`s too: their pairs keep
//! the last bucket to themselves), the pairs that add the fewest common byte pairs first.
//!
//! Natively the pass needs AVX2, checked at run time (`is_x86_feature_detected!`), and takes 64 pairs a
//! vector where the CPU also has AVX-512 with VBMI (`avx512`: Intel from Ice Lake, AMD from Zen 4; Skylake-SP
//! has no VBMI and keeps the AVX2 pass); in wasm it needs `simd128`, which
//! `.cargo/config.toml` turns on for every wasm build. Elsewhere `PairFilter::new` returns `None` and the
//! anchor search keeps its other strategies (`anchors`). `candidates_scalar` is the same filter a byte pair at
//! a time: the SIMD tails use it, and the tests hold each SIMD pass to it. Valgrind does not run AVX-512 (its
//! CPUID hides it), so `make bench-instructions` counts the AVX2 pass on every machine.

/// Buckets of the filter: one bit each in a table entry.
const BUCKETS: usize = 8;

pub struct PairFilter {
    /// Per bucket: its needles, each with its pair.
    buckets: [Vec<Entry>; BUCKETS],
    /// Bucket bits by the first byte's low nibble, its high nibble, the second byte's low and high nibble.
    tables: [[u8; 16]; 4],
    /// The largest pair offset: a needle starting before `end` has its pair before `end + max_offset`.
    max_offset: usize,
    /// How `candidates` runs: one this build and CPU have (`FusedPass::available`, checked at construction).
    pass: FusedPass,
    /// The bucket bits of the pairs that end a link's head at a `/` (`slash_pairs`), or 0 when the filter was
    /// not asked for them (`PairFilter::new`'s `slashes`).
    slashes: u8,
}

/// The needle index under which `PairFilter::each_in_block` reports a `/` that can end a link's head: an
/// ASCII letter before it (a bare host ends there: `zoom.us/j/…`), or `:` before it and `/` after it (a
/// scheme's `://`). These are the only `/`s the scanner reads a link at (`scan::Scanner::link_at_slash`);
/// finding them in the pair pass spares the scan a pass of its own over every byte for `/` (`find_byte`).
pub const SLASH: usize = usize::MAX;

/// The byte pairs that find the `/`s `SLASH` reports: a letter and `/`, and `//` (the `:` before it is
/// checked at the candidate). Their bucket admits the bytes 0x20–0x2F and 0x40–0x7F before a `/`, not
/// digits (dates, `12/03`) or `<` (HTML's `</`), which `:/` as the scheme's pair would have let in.
fn slash_pairs() -> impl Iterator<Item = [u8; 2]> {
    (b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .map(|letter| [letter, b'/'])
        .chain([[b'/', b'/']])
}

/// A way to run the fused pass: the fastest one the machine has by default (`PairFilter::new`); a scanner
/// can be made to take another (`Strategy::Fused`), so that the tests hold every pass a CPU has to the same
/// answers on whole scans (`tests/text_paths.rs`): otherwise a CPU with AVX-512 VBMI would run only that pass
/// end to end, and one without it would never run it at all.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FusedPass {
    /// 64 pairs a vector, each nibble table looked up by `vpermb` (AVX-512 F, BW and VBMI, and AVX2).
    Avx512,
    /// 32 pairs a vector by `pshufb` (AVX2).
    Avx2,
    /// 16 pairs a vector by `i8x16.swizzle` (wasm `simd128`).
    Simd128,
    /// A byte pair at a time (`candidates_scalar`): every build has it, the reference of the others. A pass
    /// of its own only for the tests (`Strategy::Fused`): without a SIMD pass `PairFilter::new` builds none.
    #[cfg(feature = "test-strategies")]
    Scalar,
}

impl FusedPass {
    /// Every pass, fastest first.
    #[cfg(feature = "test-strategies")]
    pub const ALL: [FusedPass; 4] = [
        FusedPass::Avx512,
        FusedPass::Avx2,
        FusedPass::Simd128,
        FusedPass::Scalar,
    ];

    /// Whether this build on this CPU can run the pass.
    pub fn available(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            FusedPass::Avx512 => avx512_available(),
            #[cfg(target_arch = "x86_64")]
            FusedPass::Avx2 => simd_available(),
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            FusedPass::Simd128 => true,
            #[cfg(feature = "test-strategies")]
            FusedPass::Scalar => true,
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }
}

/// A needle in its bucket.
struct Entry {
    /// The needle's pair: a bucket's nibble tables also let through pairs of none of its needles (`ID` and
    /// `,,` in one bucket admit `I,`), and a bucket holds needles of several pairs; a candidate is compared
    /// with a needle only where it has the needle's own pair, two bytes already at hand.
    pair: [u8; 2],
    /// The offset of the pair in the needle.
    offset: usize,
    /// The needle's index.
    which: usize,
    needle: Box<[u8]>,
}

impl PairFilter {
    /// The filter by the fastest SIMD pass here, reporting the `/`s that can end a link's head too (`SLASH`)
    /// when `slashes` asks; `None` when there is no SIMD pass, or a needle is shorter than two bytes.
    pub fn new(needles: &[Vec<u8>], slashes: bool) -> Option<PairFilter> {
        let pass = [FusedPass::Avx512, FusedPass::Avx2, FusedPass::Simd128]
            .into_iter()
            .find(|p| p.available())?;
        PairFilter::build(needles, pass, slashes)
    }

    /// The filter by `pass`; `None` when this build or CPU has not got it, or a needle is shorter than two
    /// bytes.
    #[cfg(feature = "test-strategies")]
    pub fn with_pass(needles: &[Vec<u8>], pass: FusedPass, slashes: bool) -> Option<PairFilter> {
        if !pass.available() {
            return None;
        }
        PairFilter::build(needles, pass, slashes)
    }

    /// Whether `each_in_block` reports the `/`s that can end a link's head (`SLASH`).
    pub fn finds_slashes(&self) -> bool {
        self.slashes != 0
    }

    /// The filter by `pass`, which the caller checked is available.
    fn build(needles: &[Vec<u8>], pass: FusedPass, slashes: bool) -> Option<PairFilter> {
        // The SIMD passes are `target_feature` code: running one the CPU lacks is undefined behaviour.
        debug_assert!(
            pass.available(),
            "{pass:?} is not available on this CPU or build"
        );
        if needles.is_empty() || needles.iter().any(|n| n.len() < 2) {
            return None;
        }
        // Each needle's least common pair (the first of equals). Loops here rather than iterator chains and
        // `collect`s: each chain is a set of generic instances of its own in the wasm package (docs/size.md,
        // session 41).
        let mut chosen: Vec<(usize, [u8; 2])> = Vec::with_capacity(needles.len());
        for needle in needles {
            let mut least = (0, [needle[0], needle[1]]);
            for k in 1..needle.len() - 1 {
                let pair = [needle[k], needle[k + 1]];
                if commonness(pair).total_cmp(&commonness(least.1)).is_lt() {
                    least = (k, pair);
                }
            }
            chosen.push(least);
        }
        // One group per distinct pair, then merge the two groups whose merge adds the least common text until
        // the buckets are full: eight, or seven and the last for the slashes' pairs (`needles.len()` stands for
        // them). Those admit far more text than any needle's pair, so no needle gains from sharing their
        // bucket, and weighing them in each merge (53 pairs) cost the build about 4 M instructions more in wasm,
        // which a scanner pays when it is made (callgrind, the bench's `wasm_text` module).
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, &(_, pair)) in chosen.iter().enumerate() {
            match groups.iter_mut().find(|g| chosen[g[0]].1 == pair) {
                Some(group) => group.push(i),
                None => groups.push(vec![i]),
            }
        }
        while groups.len() > BUCKETS - usize::from(slashes) {
            let mut best: Option<(f64, usize, usize)> = None;
            for a in 0..groups.len() {
                for b in a + 1..groups.len() {
                    let mut merged = Vec::with_capacity(groups[a].len() + groups[b].len());
                    for &i in groups[a].iter().chain(&groups[b]) {
                        merged.push(chosen[i].1);
                    }
                    let cost = admitted(&merged);
                    if best.is_none_or(|(c, _, _)| cost < c) {
                        best = Some((cost, a, b));
                    }
                }
            }
            let (_, a, b) = best.expect("more groups than buckets");
            let moved = groups.remove(b);
            groups[a].extend(moved);
        }
        if slashes {
            groups.push(vec![needles.len()]);
        }
        let mut buckets: [Vec<Entry>; BUCKETS] = Default::default();
        let mut tables = [[0u8; 16]; 4];
        let mut slash_bits = 0;
        for (bucket, group) in groups.iter().enumerate() {
            let bit = 1u8 << bucket;
            let mut admit = |[first, second]: [u8; 2]| {
                tables[0][usize::from(first & 15)] |= bit;
                tables[1][usize::from(first >> 4)] |= bit;
                tables[2][usize::from(second & 15)] |= bit;
                tables[3][usize::from(second >> 4)] |= bit;
            };
            for &i in group {
                let Some(&(offset, pair)) = chosen.get(i) else {
                    slash_bits |= bit;
                    slash_pairs().for_each(&mut admit);
                    continue;
                };
                buckets[bucket].push(Entry {
                    pair,
                    offset,
                    which: i,
                    needle: needles[i].as_slice().into(),
                });
                admit(pair);
            }
        }
        let mut max_offset = 0;
        for &(offset, _) in &chosen {
            max_offset = max_offset.max(offset);
        }
        Some(PairFilter {
            buckets,
            tables,
            max_offset,
            pass,
            slashes: slash_bits,
        })
    }

    /// The bucket bits of the pair at `bytes[p..p + 2]`.
    #[inline]
    fn bits(&self, first: u8, second: u8) -> u8 {
        pair_bits(&self.tables, first, second)
    }

    /// Calls `on(p)` for every pair position `p` in `[from, to)` whose bucket bits are not all zero, in
    /// increasing order; `to < bytes.len()` (the pair's second byte is in the text). Positions only: the
    /// caller reads the pair and its bits once, where it compares the needles.
    fn candidates_scalar(&self, bytes: &[u8], from: usize, to: usize, on: &mut impl FnMut(usize)) {
        for p in from..to {
            if self.bits(bytes[p], bytes[p + 1]) != 0 {
                on(p);
            }
        }
    }

    /// `candidates_scalar`, by the filter's pass.
    fn candidates(&self, bytes: &[u8], from: usize, to: usize, on: &mut impl FnMut(usize)) {
        debug_assert!(from <= to && to < bytes.len());
        let done = match self.pass {
            // SAFETY: the pass is `Avx512` only when `FusedPass::available` found AVX-512 F, BW and VBMI and
            // AVX2 on this CPU (`avx512_available`), what `avx512::candidates`' `#[target_feature]` requires.
            #[cfg(target_arch = "x86_64")]
            FusedPass::Avx512 => unsafe { avx512::candidates(&self.tables, bytes, from, to, on) },
            // SAFETY: the pass is `Avx2` only when `FusedPass::available` found AVX2 on this CPU
            // (`simd_available`), which is what `#[target_feature(enable = "avx2")]` requires of callers.
            #[cfg(target_arch = "x86_64")]
            FusedPass::Avx2 => unsafe { avx2::candidates(&self.tables, bytes, from, to, on) },
            #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
            FusedPass::Simd128 => simd128::candidates(&self.tables, bytes, from, to, on),
            // `Scalar`, and the passes this build has not got, which `FusedPass::available` never lets in.
            _ => from,
        };
        self.candidates_scalar(bytes, done, to, on)
    }

    /// Calls `hit(needle index, offset)` for each occurrence starting in `[block, end)` of `bytes`, every
    /// occurrence once, overlapping ones included; needles crossing `end` are read to their end. With
    /// `finds_slashes`, also `hit(SLASH, offset)` for each `/` in `[block, end)` that can end a link's head
    /// (`SLASH`), in increasing order among themselves.
    pub fn each_in_block(
        &self,
        bytes: &[u8],
        block: usize,
        end: usize,
        mut hit: impl FnMut(usize, usize),
    ) {
        // A letter's pair with a `/` at `block` starts in the block before, whose pass leaves that `/` to this
        // block.
        if self.slashes != 0
            && (1..end).contains(&block)
            && bytes[block] == b'/'
            && bytes[block - 1].is_ascii_alphabetic()
        {
            hit(SLASH, block);
        }
        // A needle starting in `[block, end)` has its pair at `start + offset`, before `end + max_offset`;
        // the pair's second byte must be in the text.
        let to = (end + self.max_offset).min(bytes.len().saturating_sub(1));
        if block >= to {
            return;
        }
        self.candidates(bytes, block, to, &mut |p| {
            let (first, second) = (bytes[p], bytes[p + 1]);
            let mut bits = self.bits(first, second);
            if bits & self.slashes != 0 {
                // The `/` after a letter, or the first of `://` (`p > 0` for the `:`).
                let slash = if second == b'/' && first.is_ascii_alphabetic() {
                    p + 1
                } else if first == b'/' && second == b'/' && p > 0 && bytes[p - 1] == b':' {
                    p
                } else {
                    usize::MAX
                };
                if (block..end).contains(&slash) {
                    hit(SLASH, slash);
                }
                // The slashes' bucket has no needles (`build`).
                bits &= !self.slashes;
            }
            while bits != 0 {
                let bucket = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                for entry in &self.buckets[bucket] {
                    if entry.pair != [first, second] {
                        continue;
                    }
                    let start = p.wrapping_sub(entry.offset);
                    // A pair too near the text's start for its needle wraps to a start past `end`.
                    if (block..end).contains(&start) && starts_at(bytes, start, &entry.needle) {
                        hit(entry.which, start);
                    }
                }
            }
        });
    }
}

/// The bucket bits of the pair `first`, `second` by the nibble tables (`PairFilter::tables`).
#[inline(always)]
fn pair_bits([lo1, hi1, lo2, hi2]: &[[u8; 16]; 4], first: u8, second: u8) -> u8 {
    lo1[usize::from(first & 15)]
        & hi1[usize::from(first >> 4)]
        & lo2[usize::from(second & 15)]
        & hi2[usize::from(second >> 4)]
}

/// Whether `needle` is at `start` of `bytes`. A byte loop, not `==` on slices: that calls `bcmp` for each
/// candidate, and most candidates differ from their needle at its first byte.
#[inline]
fn starts_at(bytes: &[u8], start: usize, needle: &[u8]) -> bool {
    bytes
        .get(start..start + needle.len())
        .is_some_and(|b| b.iter().zip(needle).all(|(a, n)| a == n))
}

/// A SIMD pass from `from` to `to` (`to < bytes.len()`), two vectors of `HALF` pairs a step: whole steps
/// through `quiet` (`whole_steps`), the last part step through a padded copy (`padded_tail`), `half(first
/// bytes, second bytes)` giving the candidate lanes of `HALF` pairs where the quiet loop did not; calls `on`
/// as `PairFilter::candidates_scalar` does and returns where it stopped (`to`).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
fn simd_candidates<const STEP: usize, const HALF: usize>(
    bytes: &[u8],
    from: usize,
    to: usize,
    quiet: impl FnMut(usize, usize, &mut Stops) -> usize,
    half: impl Fn(&[u8], &[u8]) -> u64,
    on: &mut impl FnMut(usize),
) -> usize {
    // A step's first bytes are `bytes[p..p + STEP]`, its second bytes `bytes[p + 1..p + STEP + 1]`, in the
    // text because `to < bytes.len()`.
    let end = whole_steps::<STEP>(from, to, quiet, |p, found| {
        let found = if found != 0 {
            found
        } else {
            let (first, second) = (&bytes[p..p + STEP], &bytes[p + 1..p + STEP + 1]);
            half(&first[..HALF], &second[..HALF]) | half(&first[HALF..], &second[HALF..]) << HALF
        };
        each_candidate(p, found, on);
    });
    padded_tail::<HALF>(bytes, end, to, |first, second, p, mask| {
        each_candidate(p, half(first, second) & u64::from(mask), on);
    });
    to
}

/// The last positions `[end, to)` of a SIMD pass, fewer than one step of two vectors (`HALF` lanes each),
/// through a copy padded with zeros, the lanes past `to` dropped: `half(first bytes, second bytes, position,
/// lanes)` per vector. A byte pair at a time (`candidates_scalar`) they were about 15 instructions a position,
/// most of the scan of a short segment (a mail's Subject; 2.2 M instructions of 34 M in an mbox of plain mail,
/// callgrind).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
fn padded_tail<const HALF: usize>(
    bytes: &[u8],
    end: usize,
    to: usize,
    mut half: impl FnMut(&[u8], &[u8], usize, u32),
) {
    let rest = to - end;
    debug_assert!(rest < 2 * HALF && 2 * HALF <= 64);
    let mut padded = [0u8; 65];
    // `to < bytes.len()`: the pair at `to - 1` has its second byte in the text.
    padded[..=rest].copy_from_slice(&bytes[end..=to]);
    for start in (0..rest).step_by(HALF) {
        let lanes = low_lanes(rest - start);
        half(
            &padded[start..start + HALF],
            &padded[start + 1..start + 1 + HALF],
            end + start,
            lanes,
        );
    }
}

/// The lanes below `n` of a SIMD pass's mask (all 32 from 32 on).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
fn low_lanes(n: usize) -> u32 {
    u32::MAX
        .checked_shr(32u32.saturating_sub(n as u32))
        .unwrap_or(0)
}

/// How many steps with candidates a SIMD pass's quiet loop records before it returns (`Stops`).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
const STOPS: usize = 16;

/// The steps with candidates one call of a quiet loop found: each step's index from where the call started, and
/// its candidate lanes (a bit a position).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
struct Stops {
    found: [(usize, u64); STOPS],
    len: usize,
}

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
impl Stops {
    /// Records the step `step` with candidate lanes `lanes`; whether the record is now full.
    #[inline(always)]
    fn push(&mut self, step: usize, lanes: u64) -> bool {
        // `len < STOPS` between calls: a full record ends the loop that fills it.
        if let Some(slot) = self.found.get_mut(self.len) {
            *slot = (step, lanes);
        }
        self.len += 1;
        self.len == STOPS
    }
}

/// The SIMD passes' walk over whole steps of `STEP` positions from `from` to `to`: `quiet(p, n, stops)` goes
/// through up to `n` steps from `p` (a loop of its own, without calls, so that the tables stay in registers),
/// records in `stops` those with candidates, returns when the record is full, and says how many steps it went
/// through; `step(p, lanes)` reports the candidates of the step at `p` (lanes zero: a last step that `quiet`
/// left, its lanes to be worked out by the caller). Returns where the whole steps end. The quiet loop goes on
/// past a step with candidates: returning at each (and reloading the tables, and working out the first
/// vector's bits again, at each call) cost about 40 instructions a stop (`make bench-instructions`).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
fn whole_steps<const STEP: usize>(
    from: usize,
    to: usize,
    mut quiet: impl FnMut(usize, usize, &mut Stops) -> usize,
    mut step: impl FnMut(usize, u64),
) -> usize {
    let end = from + (to - from) / STEP * STEP;
    let mut p = from;
    let mut stops = Stops {
        found: [(0, 0); STOPS],
        len: 0,
    };
    while p < end {
        stops.len = 0;
        let done = quiet(p, (end - p) / STEP, &mut stops);
        for &(k, lanes) in &stops.found[..stops.len] {
            step(p + STEP * k, lanes);
        }
        p += STEP * done;
        if p < end && stops.len < STOPS {
            // The loop stopped short of `end` with room left: a last step without the vector after it.
            step(p, 0);
            p += STEP;
        }
    }
    end
}

/// Calls `on(p + i)` for each bit `i` set in `found` (the candidate lanes of a step at `p`, a bit a position).
#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[inline(always)]
fn each_candidate(p: usize, mut found: u64, on: &mut impl FnMut(usize)) {
    while found != 0 {
        on(p + found.trailing_zeros() as usize);
        found &= found - 1;
    }
}

/// How many times `byte` is in `bytes` (the line cursor's newlines, on long spans and on the HTML converter's
/// short ones from tag to tag). With AVX2 a count of its own, 128 bytes a step (compare, subtract into byte
/// counters, summed every 63 steps), then 32 bytes a step: memchr's counter takes a mask and a population
/// count per 32 bytes, 0.25 instructions a byte under callgrind against about 0.1 here. In wasm with `simd128`
/// byte counters too (`simd128::count`). Elsewhere a plain loop on short spans, which the compiler vectorizes
/// (memchr's setup per call cost more than the counting there), and memchr's counter on longer ones.
pub fn count_byte(bytes: &[u8], byte: u8) -> usize {
    #[cfg(target_arch = "x86_64")]
    if simd_available() {
        // SAFETY: `simd_available` said this CPU has AVX2, which `#[target_feature(enable = "avx2")]` requires
        // of callers.
        return unsafe { avx2::count(bytes, byte) };
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd128::count(bytes, byte)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    if bytes.len() < 256 {
        bytes.iter().filter(|&&b| b == byte).count()
    } else {
        memchr::memchr_iter(byte, bytes).count()
    }
}

/// Where `byte` first is in `bytes` (the scan's search for `/`, block by block, where the anchor search does not
/// find them: the memmem passes, a CPU without the fused pass). In wasm with `simd128` a loop of its own, 128
/// bytes a step (`simd128::find`); elsewhere memchr's, which has AVX2 natively.
pub fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        simd128::find(bytes, byte)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        memchr::memchr(byte, bytes)
    }
}

/// The first line feed at or after `from` that `next` follows (its offset), and how many line feeds lie in
/// `bytes[from..]` before it (in all of `bytes[from..]` when there is none): an mbox's `From ` lines and the
/// line each starts on, in one pass. With AVX2 64 bytes a step (the line feeds compared once, for both); else
/// memchr's `memmem` for the two bytes and `count_byte` for the line feeds, as the mbox was read before (its
/// `memmem` search for `\nFrom ` and a count of the lines up to each: 0.51 instructions a byte of an mbox
/// under callgrind, `make bench-instructions`).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
pub(super) fn newline_before(bytes: &[u8], from: usize, next: u8) -> (Option<usize>, usize) {
    #[cfg(target_arch = "x86_64")]
    if simd_available() {
        // SAFETY: `simd_available` said this CPU has AVX2, which `#[target_feature(enable = "avx2")]` requires
        // of callers.
        return unsafe { avx2::newline_before(bytes, from, next) };
    }
    newline_before_scalar(bytes, from, next)
}

/// `newline_before` without AVX2 (and the tests' reference).
#[cfg_attr(not(feature = "mail"), allow(dead_code))]
fn newline_before_scalar(bytes: &[u8], from: usize, next: u8) -> (Option<usize>, usize) {
    let rest = bytes.get(from..).unwrap_or_default();
    match memchr::memmem::find(rest, &[b'\n', next]) {
        Some(i) => (Some(from + i), count_byte(&rest[..i], b'\n')),
        None => (None, count_byte(rest, b'\n')),
    }
}

/// Whether the SIMD pass can run here.
pub(super) fn simd_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        true
    }
    #[cfg(not(any(
        target_arch = "x86_64",
        all(target_arch = "wasm32", target_feature = "simd128")
    )))]
    {
        false
    }
}

/// Whether the 64-pair pass can run here (`avx512`): AVX-512 F and BW for the masks, VBMI for `vpermb`,
/// AVX2 for the tail steps it shares with the AVX2 pass.
#[cfg(target_arch = "x86_64")]
fn avx512_available() -> bool {
    simd_available()
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vbmi")
}

/// How often a byte comes in mail and web text, roughly (letters by their English frequency, per cent; upper
/// case a tenth of lower; the bytes of a character of another script as often as that character). Only the
/// choice of pairs depends on it: the filter finds every needle whatever it says.
fn frequency(byte: u8) -> f64 {
    const LETTERS: [f64; 26] = [
        8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4, 6.7, 7.5, 1.9, 0.1, 6.0,
        6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07,
    ];
    match byte {
        b'a'..=b'z' => LETTERS[usize::from(byte - b'a')],
        b'A'..=b'Z' => LETTERS[usize::from(byte - b'A')] / 10.0,
        b' ' => 15.0,
        // Dots end sentences and fill host names.
        b'.' => 3.0,
        b'0'..=b'9' | b',' | b'\n' => 1.0,
        0x80.. => 0.4,
        _ => 0.3,
    }
}

/// How common a byte pair is, per ten thousand pairs: its bytes' frequencies as if they came independently,
/// except where they do not. The two bytes of one character (`é` is `C3 A9`) come as often as the character
/// (so `m\xC3` of `uméro` is the rarer pair); a letter that English spelling doubles (`ff`, `mm`, `ss`, not
/// `ww`) comes doubled about four times as often as two letters drawn apart would.
fn commonness([first, second]: [u8; 2]) -> f64 {
    let independent = frequency(first) * frequency(second);
    if first >= 0xC0 && (0x80..0xC0).contains(&second) {
        100.0 * frequency(first)
    } else if first == second && b"bcdefglmnoprst".contains(&first) {
        4.0 * independent
    } else {
        independent
    }
}

/// How common the pairs a bucket holding `pairs` lets through are: its nibble tables admit every pair whose
/// nibbles each appear in the same place of some pair of the bucket, not only the bucket's own pairs.
fn admitted(pairs: &[[u8; 2]]) -> f64 {
    // Loops rather than map/flat_map/collect/sum chains (their instances were the wasm package's for this
    // start-up work alone); the sum is taken in the same order.
    let nibbles = |get: fn(&[u8; 2]) -> u8| -> Vec<u8> {
        let mut out: Vec<u8> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            out.push(get(pair));
        }
        crate::sort::sort(&mut out);
        out.dedup();
        out
    };
    let bytes = |lo: Vec<u8>, hi: Vec<u8>| -> Vec<u8> {
        let mut out = Vec::with_capacity(lo.len() * hi.len());
        for h in &hi {
            for l in &lo {
                out.push(h << 4 | l);
            }
        }
        out
    };
    let firsts = bytes(nibbles(|p| p[0] & 15), nibbles(|p| p[0] >> 4));
    let seconds = bytes(nibbles(|p| p[1] & 15), nibbles(|p| p[1] >> 4));
    let mut sum = 0.0;
    for &first in &firsts {
        for &second in &seconds {
            sum += commonness([first, second]);
        }
    }
    sum
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::Stops;
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_alignr_epi8, _mm256_and_si256, _mm256_cmpeq_epi8,
        _mm256_extract_epi64, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_permute2x128_si256, _mm256_sad_epu8, _mm256_set1_epi8, _mm256_setzero_si256,
        _mm256_shuffle_epi8, _mm256_srli_epi16, _mm256_sub_epi8, _mm256_testz_si256,
    };

    /// The pair filter 64 positions at a time (two vectors, one test of both for the common case of no
    /// candidate), from `from` to `to`, the last part step padded; calls `on` as `candidates_scalar` does
    /// and returns where it stopped (`to`: the caller's scalar pass on the rest has nothing left).
    ///
    /// # Safety
    /// The CPU must have AVX2 (`#[target_feature]`); everything else is checked.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn candidates(
        scalar: &[[u8; 16]; 4],
        bytes: &[u8],
        from: usize,
        to: usize,
        on: &mut impl FnMut(usize),
    ) -> usize {
        let tables = scalar.map(|t| table(&t));
        super::simd_candidates::<64, 32>(
            bytes,
            from,
            to,
            |p, steps, stops| quiet_steps(&tables, &bytes[p..], steps, stops),
            |first, second| lanes(bits(&tables, first, second)),
            on,
        )
    }

    /// Goes through up to `steps` steps of 64 pairs from the start of `bytes`, records those with candidates
    /// (their lanes, a bit a pair) in `stops` until it is full (`super::whole_steps`), and returns how many
    /// steps it went through. Each byte is loaded and looked up once, in both roles: its first-byte bits, and its
    /// second-byte bits moved one lane back (`vperm2i128` and `vpalignr`) to meet the first-byte bits of the
    /// byte before: 31 instructions a step (disassembly) against 40 when every byte was loaded and looked up
    /// twice (`make bench-instructions`). A step also loads the next step's first 32 bytes: a last step
    /// without them in `bytes` is left to the caller. A loop of its own, without calls: when `on` could be
    /// called inside it, the compiler kept the tables on the stack (every vector register is caller-saved)
    /// and reloaded them at every step, about a fifth of the pass's instructions (callgrind, `make
    /// bench-instructions`).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn quiet_steps(tables: &[__m256i; 4], bytes: &[u8], steps: usize, stops: &mut Stops) -> usize {
        let [lo1, hi1, lo2, hi2] = *tables;
        let low = _mm256_set1_epi8(0x0F);
        let roles = |v: __m256i| -> (__m256i, __m256i) {
            let lo = _mm256_and_si256(v, low);
            let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
            (
                _mm256_and_si256(_mm256_shuffle_epi8(lo1, lo), _mm256_shuffle_epi8(hi1, hi)),
                _mm256_and_si256(_mm256_shuffle_epi8(lo2, lo), _mm256_shuffle_epi8(hi2, hi)),
            )
        };
        // `b`'s bytes one lane back, `after`'s first byte last: `vpalignr` moves within 128-bit halves, so
        // its upper operand is `b`'s upper half and `after`'s lower one.
        let next = |b: __m256i, after: __m256i| {
            _mm256_alignr_epi8::<1>(_mm256_permute2x128_si256::<0x21>(b, after), b)
        };
        // Whole steps whose following vector (the next step's first 32 bytes) is in `bytes`.
        let whole = steps.min(bytes.len().saturating_sub(32) / 64);
        if whole == 0 {
            return 0;
        }
        let (mut a0, mut b0) = roles(load(bytes[..32].try_into().expect("32 bytes")));
        // One counter, the offset of the step's vector after its first (the step's number is worked out at a
        // stop only): with `chunks_exact(64).enumerate()` the loop kept a step count beside the offset.
        let end = 32 + 64 * whole;
        let mut at = 32;
        while at < end {
            // SAFETY: the 64 bytes from `at` lie within `bytes`: `at + 64 <= end = 64 * whole + 32`, at most
            // `bytes.len()` (`whole` above); `loadu` has no alignment requirement.
            let (first, second) = unsafe {
                (
                    _mm256_loadu_si256(bytes.as_ptr().add(at).cast::<__m256i>()),
                    _mm256_loadu_si256(bytes.as_ptr().add(at + 32).cast::<__m256i>()),
                )
            };
            let (a1, b1) = roles(first);
            let (a2, b2) = roles(second);
            let low_half = _mm256_and_si256(a0, next(b0, b1));
            let high_half = _mm256_and_si256(a1, next(b1, b2));
            let any = _mm256_or_si256(low_half, high_half);
            if _mm256_testz_si256(any, any) == 0
                && stops.push(at / 64, lanes(low_half) | lanes(high_half) << 32)
            {
                return at / 64 + 1;
            }
            (a0, b0) = (a2, b2);
            at += 64;
        }
        whole
    }

    /// The lanes of `bits` that are not zero, a bit each.
    #[target_feature(enable = "avx2")]
    pub(super) fn lanes(bits: __m256i) -> u64 {
        u64::from(!(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bits, _mm256_setzero_si256())) as u32))
    }

    /// The bucket bits of 32 pairs, from their first bytes and their second bytes (32 each).
    #[target_feature(enable = "avx2")]
    pub(super) fn bits(tables: &[__m256i; 4], first: &[u8], second: &[u8]) -> __m256i {
        let low = _mm256_set1_epi8(0x0F);
        let first = load(first.try_into().expect("32 bytes"));
        let second = load(second.try_into().expect("32 bytes"));
        let [lo1, hi1, lo2, hi2] = *tables;
        _mm256_and_si256(
            _mm256_and_si256(
                _mm256_shuffle_epi8(lo1, _mm256_and_si256(first, low)),
                _mm256_shuffle_epi8(hi1, _mm256_and_si256(_mm256_srli_epi16(first, 4), low)),
            ),
            _mm256_and_si256(
                _mm256_shuffle_epi8(lo2, _mm256_and_si256(second, low)),
                _mm256_shuffle_epi8(hi2, _mm256_and_si256(_mm256_srli_epi16(second, 4), low)),
            ),
        )
    }

    /// `super::count_byte` with AVX2.
    ///
    /// # Safety
    /// The CPU must have AVX2 (`#[target_feature]`); everything else is checked.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn count(bytes: &[u8], byte: u8) -> usize {
        let needle = _mm256_set1_epi8(byte as i8);
        let zero = _mm256_setzero_si256();
        // A step adds at most 4 to each byte counter (`cmpeq` gives -1 per equal byte, subtracted), and the
        // rest after the steps at most 3 (fewer than 128 bytes, 32 at a time): 63 × 4 + 3 stays below 256.
        const STEP: usize = 128;
        let rounds = bytes.chunks(STEP * 63);
        let mut total = 0;
        for round in rounds {
            let steps = round.chunks_exact(STEP);
            let rest = steps.remainder();
            let mut counters = zero;
            for step in steps {
                for vector in step.chunks_exact(32) {
                    let equal =
                        _mm256_cmpeq_epi8(load(vector.try_into().expect("32 bytes")), needle);
                    counters = _mm256_sub_epi8(counters, equal);
                }
            }
            // The rest 32 bytes at a time: short spans (the HTML converter's, tag to tag) are mostly this.
            let vectors = rest.chunks_exact(32);
            let rest = vectors.remainder();
            for vector in vectors {
                let equal = _mm256_cmpeq_epi8(load(vector.try_into().expect("32 bytes")), needle);
                counters = _mm256_sub_epi8(counters, equal);
            }
            // Sums of eight counters each, in four 64-bit lanes.
            let sums = _mm256_sad_epu8(counters, zero);
            let lanes = _mm256_extract_epi64::<0>(sums)
                + _mm256_extract_epi64::<1>(sums)
                + _mm256_extract_epi64::<2>(sums)
                + _mm256_extract_epi64::<3>(sums);
            total += lanes as usize + rest.iter().filter(|&&b| b == byte).count();
        }
        total
    }

    /// `super::newline_before` with AVX2: 64 bytes a step, and each line feed that `next` follows (the byte
    /// after it, loaded one byte on) found by one test of both vectors; the line feeds are counted in byte
    /// counters (two at most a step), summed every 127 steps, and in the step with a hit from its bits. The
    /// last bytes (fewer than 65) go a byte at a time.
    ///
    /// # Safety
    /// The CPU must have AVX2 (`#[target_feature]`); everything else is checked.
    #[target_feature(enable = "avx2")]
    #[cfg_attr(not(feature = "mail"), allow(dead_code))]
    pub(super) unsafe fn newline_before(
        bytes: &[u8],
        from: usize,
        next: u8,
    ) -> (Option<usize>, usize) {
        let newline = _mm256_set1_epi8(b'\n' as i8);
        let follower = _mm256_set1_epi8(next as i8);
        let zero = _mm256_setzero_si256();
        let bits = |v: __m256i| u64::from(_mm256_movemask_epi8(v) as u32);
        let mut at = from;
        let mut newlines = 0;
        loop {
            let mut counters = zero;
            let mut hit = None;
            // 65 bytes a step are read (the byte after the last line feed too), at most 127 steps a round: one
            // bound for both (a count of steps beside it was a third of the loop's instructions).
            let round = at;
            let last = bytes.len().saturating_sub(65).min(at + 126 * 64);
            while at <= last && bytes.len() >= 65 {
                // SAFETY: the 32 bytes from `at + k` (`k` at most 33) lie within `bytes` (`at + 65` does);
                // `loadu` has no alignment requirement.
                let vector = |k: usize| unsafe {
                    _mm256_loadu_si256(bytes.as_ptr().add(at + k).cast::<__m256i>())
                };
                let (a, b) = (
                    _mm256_cmpeq_epi8(vector(0), newline),
                    _mm256_cmpeq_epi8(vector(32), newline),
                );
                let (fa, fb) = (
                    _mm256_and_si256(a, _mm256_cmpeq_epi8(vector(1), follower)),
                    _mm256_and_si256(b, _mm256_cmpeq_epi8(vector(33), follower)),
                );
                let hits = _mm256_or_si256(fa, fb);
                if _mm256_testz_si256(hits, hits) == 0 {
                    let first = (bits(fa) | bits(fb) << 32).trailing_zeros();
                    let before = (bits(a) | bits(b) << 32) & ((1u64 << first) - 1);
                    hit = Some((at + first as usize, before.count_ones() as usize));
                    break;
                }
                // -1 for each line feed in either vector: at most 2 a counter a step.
                counters = _mm256_sub_epi8(counters, _mm256_add_epi8(a, b));
                at += 64;
            }
            let sums = _mm256_sad_epu8(counters, zero);
            newlines += (_mm256_extract_epi64::<0>(sums)
                + _mm256_extract_epi64::<1>(sums)
                + _mm256_extract_epi64::<2>(sums)
                + _mm256_extract_epi64::<3>(sums)) as usize;
            if let Some((found, before)) = hit {
                return (Some(found), newlines + before);
            }
            if at < round + 127 * 64 {
                break;
            }
        }
        let rest = bytes.get(at..).unwrap_or_default();
        for (i, &byte) in rest.iter().enumerate() {
            if byte == b'\n' {
                if rest.get(i + 1) == Some(&next) {
                    return (Some(at + i), newlines);
                }
                newlines += 1;
            }
        }
        (None, newlines)
    }

    /// A table in both 128-bit lanes: `pshufb` looks up within each lane.
    #[target_feature(enable = "avx2")]
    pub(super) fn table(table: &[u8; 16]) -> __m256i {
        let mut both = [0u8; 32];
        both[..16].copy_from_slice(table);
        both[16..].copy_from_slice(table);
        load(&both)
    }

    /// An unaligned load of 32 bytes.
    #[target_feature(enable = "avx2")]
    fn load(bytes: &[u8; 32]) -> __m256i {
        // SAFETY: the reference is 32 readable bytes; `loadu` has no alignment requirement.
        unsafe { _mm256_loadu_si256(bytes.as_ptr().cast::<__m256i>()) }
    }
}

/// The pair filter with AVX-512: 64 pairs a vector, each of the four nibble tables looked up by `vpermb`.
/// `vpermb` indexes a 64-byte table by an index's low six bits, so with each table written four times over it
/// reads only the low nibble: neither the low nibble nor the word shift that brings down the high one needs the
/// mask that `pshufb` (which zeroes a lane whose index has its top bit set) needs; the pairs' second bytes are
/// a load one byte on, not the first bytes' lookups moved a lane back; the three `and`s are one `vpternlog`
/// and a `vptestmb` that gives the candidate lanes as a mask.
#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::Stops;
    use std::arch::x86_64::{
        __m512i, _mm512_loadu_si512, _mm512_permutexvar_epi8, _mm512_srli_epi16,
        _mm512_ternarylogic_epi64, _mm512_test_epi8_mask, _mm_prefetch, _MM_HINT_T0,
    };

    /// How far ahead of its step the quiet loop asks for the text (`prefetcht0`), in bytes: two 4 KiB pages,
    /// which the hardware's stream prefetcher does not cross.
    const AHEAD: usize = 8 << 10;

    /// The pair filter 64 positions a step, the last part step through the AVX2 pass's half steps (padded);
    /// calls `on` as `candidates_scalar` does and returns where it stopped (`to`).
    ///
    /// # Safety
    /// The CPU must have AVX-512 F, BW and VBMI and AVX2 (`#[target_feature]`); everything else is checked.
    #[target_feature(enable = "avx2,avx512f,avx512bw,avx512vbmi")]
    pub(super) unsafe fn candidates(
        scalar: &[[u8; 16]; 4],
        bytes: &[u8],
        from: usize,
        to: usize,
        on: &mut impl FnMut(usize),
    ) -> usize {
        let wide = scalar.map(|t| table(&t));
        let narrow = scalar.map(|t| super::avx2::table(&t));
        super::simd_candidates::<64, 32>(
            bytes,
            from,
            to,
            |p, steps, stops| quiet_steps(&wide, &bytes[p..], steps, stops),
            |first, second| super::avx2::lanes(super::avx2::bits(&narrow, first, second)),
            on,
        )
    }

    /// Goes through up to `steps` steps of 64 pairs from the start of `bytes`, records those with candidates
    /// (their lanes, a bit a pair) in `stops` until it is full (`super::whole_steps`), and returns how many
    /// steps it went through. A step reads 65 bytes: every whole step of the caller has its pairs' second
    /// bytes in `bytes`, so none is left to it. A loop without calls, as `avx2::quiet_steps`.
    ///
    /// Each step also asks for the line `AHEAD` bytes on: on text larger than the L2 cache (the bench's 16 MiB
    /// of plain mail) the loop, which takes 64 bytes in a few cycles, waits for the text from beyond L2, most
    /// likely at each page, where the hardware's prefetcher starts over (docs/speed.md, session 38: 1.02–1.15×
    /// paired on a loaded host); the line asked for early is nearer by the time the step reaches it. A prefetch
    /// past the text faults on nothing.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
    #[inline(never)]
    fn quiet_steps(tables: &[__m512i; 4], bytes: &[u8], steps: usize, stops: &mut Stops) -> usize {
        let [lo1, hi1, lo2, hi2] = *tables;
        let whole = steps.min(bytes.len().saturating_sub(1) / 64);
        let base = bytes.as_ptr();
        for step in 0..whole {
            // A hint, not an access: the address may lie past the text, where `add` would be undefined
            // behaviour; `wrapping_add` is defined, and `_mm_prefetch` (safe) reads nothing.
            _mm_prefetch::<_MM_HINT_T0>(base.wrapping_add(64 * step + AHEAD).cast::<i8>());
            // SAFETY: the 64 bytes from `64 * step` and from one byte on lie within `bytes` (`64 * whole + 1`
            // bytes at most); `loadu` has no alignment requirement.
            let (first, second) = unsafe {
                (
                    _mm512_loadu_si512(base.add(64 * step).cast::<__m512i>()),
                    _mm512_loadu_si512(base.add(64 * step + 1).cast::<__m512i>()),
                )
            };
            // The word shift brings the next byte's low nibble into bits 4 to 7, which `vpermb` on a table
            // written four times over does not read.
            let a = _mm512_permutexvar_epi8(first, lo1);
            let b = _mm512_permutexvar_epi8(_mm512_srli_epi16::<4>(first), hi1);
            let c = _mm512_permutexvar_epi8(second, lo2);
            let d = _mm512_permutexvar_epi8(_mm512_srli_epi16::<4>(second), hi2);
            // 0x80: `a & b & c` (the truth table of the three operands' AND).
            let lanes = _mm512_test_epi8_mask(_mm512_ternarylogic_epi64::<0x80>(a, b, c), d);
            if lanes != 0 && stops.push(step, lanes) {
                return step + 1;
            }
        }
        whole
    }

    /// A 16-entry table four times over, for `vpermb`'s 64 entries.
    #[target_feature(enable = "avx512f")]
    fn table(table: &[u8; 16]) -> __m512i {
        let mut four = [0u8; 64];
        for chunk in four.chunks_exact_mut(16) {
            chunk.copy_from_slice(table);
        }
        // SAFETY: 64 readable bytes; `loadu` has no alignment requirement.
        unsafe { _mm512_loadu_si512(four.as_ptr().cast::<__m512i>()) }
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use super::Stops;
    use core::arch::wasm32::{
        i8x16_eq, i8x16_shuffle, i8x16_splat, i8x16_sub, u16x8_extadd_pairwise_u8x16, u16x8_shr,
        u32x4_extadd_pairwise_u16x8, u32x4_extract_lane, u8x16_bitmask, u8x16_swizzle, v128,
        v128_and, v128_any_true, v128_load, v128_or,
    };

    /// `super::find_byte` with `simd128`: eight vectors compared a step and one test of all eight, the step
    /// with a hit read vector by vector (`i8x16.bitmask`); then 16 bytes a step, then a byte at a time. memchr's
    /// `simd128` loop, taken here before, tests 64 bytes a step: 22 x86-64 instructions a 64 bytes in V8, 0.35
    /// a byte of the bench's plain mail (callgrind in Node 20 as `make bench-wasm-instructions` runs it).
    pub(super) fn find(bytes: &[u8], byte: u8) -> Option<usize> {
        let needle = i8x16_splat(byte as i8);
        // SAFETY: every call below is of an offset `p + k` with `p + k + 16 <= bytes.len()` (the loops'
        // conditions); `v128_load` is a 1-aligned load.
        let at = |offset: usize| unsafe { v128_load(bytes.as_ptr().add(offset).cast::<v128>()) };
        let first = |equal: v128| match u8x16_bitmask(equal) {
            0 => None,
            lanes => Some(lanes.trailing_zeros() as usize),
        };
        // The first 16 bytes alone first: in mail with HTML parts most `/`s are close to the one before.
        if bytes.len() >= 16 {
            if let Some(lane) = first(i8x16_eq(at(0), needle)) {
                return Some(lane);
            }
        }
        let mut p = 16.min(bytes.len() / 16 * 16);
        while p + 128 <= bytes.len() {
            // Eight names, not an array and a `map`: that was a loop storing each vector to memory.
            let (e0, e1, e2, e3) = (
                i8x16_eq(at(p), needle),
                i8x16_eq(at(p + 16), needle),
                i8x16_eq(at(p + 32), needle),
                i8x16_eq(at(p + 48), needle),
            );
            let (e4, e5, e6, e7) = (
                i8x16_eq(at(p + 64), needle),
                i8x16_eq(at(p + 80), needle),
                i8x16_eq(at(p + 96), needle),
                i8x16_eq(at(p + 112), needle),
            );
            let any = v128_or(
                v128_or(v128_or(e0, e1), v128_or(e2, e3)),
                v128_or(v128_or(e4, e5), v128_or(e6, e7)),
            );
            if v128_any_true(any) {
                let lanes = u64::from(u8x16_bitmask(e0))
                    | u64::from(u8x16_bitmask(e1)) << 16
                    | u64::from(u8x16_bitmask(e2)) << 32
                    | u64::from(u8x16_bitmask(e3)) << 48;
                if lanes != 0 {
                    return Some(p + lanes.trailing_zeros() as usize);
                }
                let lanes = u64::from(u8x16_bitmask(e4))
                    | u64::from(u8x16_bitmask(e5)) << 16
                    | u64::from(u8x16_bitmask(e6)) << 32
                    | u64::from(u8x16_bitmask(e7)) << 48;
                return Some(p + 64 + lanes.trailing_zeros() as usize);
            }
            p += 128;
        }
        while p + 16 <= bytes.len() {
            if let Some(lane) = first(i8x16_eq(at(p), needle)) {
                return Some(p + lane);
            }
            p += 16;
        }
        bytes[p..].iter().position(|&b| b == byte).map(|i| p + i)
    }

    /// `super::count_byte` with `simd128`: `i8x16.eq` gives -1 a byte equal, subtracted into 16 byte counters,
    /// summed every 255 vectors (a counter gains at most one a vector), 64 bytes a step. memchr's counter,
    /// taken here before, makes a bit mask of each vector and counts its bits (`i8x16.bitmask`, `popcnt`):
    /// 26 x86-64 instructions a 64 bytes in V8, 0.41 a byte of the bench's plain mail, where the line cursor
    /// counts nearly every byte (callgrind in Node 20 as `make bench-wasm-instructions` runs it; docs/speed.md,
    /// session 36).
    pub(super) fn count(bytes: &[u8], byte: u8) -> usize {
        let needle = i8x16_splat(byte as i8);
        let mut total = 0;
        for round in bytes.chunks(16 * 255) {
            let vectors = round.len() / 16;
            // SAFETY: `i < vectors`, so the 16 bytes from `16 * i` are in `round`; `v128_load` is a 1-aligned
            // load. Not `chunks_exact`: V8 kept the bounds checks of its slices.
            let at = |i: usize| unsafe { v128_load(round.as_ptr().add(16 * i).cast::<v128>()) };
            let mut counters = i8x16_splat(0);
            let mut i = 0;
            while i + 4 <= vectors {
                counters = i8x16_sub(counters, i8x16_eq(at(i), needle));
                counters = i8x16_sub(counters, i8x16_eq(at(i + 1), needle));
                counters = i8x16_sub(counters, i8x16_eq(at(i + 2), needle));
                counters = i8x16_sub(counters, i8x16_eq(at(i + 3), needle));
                i += 4;
            }
            while i < vectors {
                counters = i8x16_sub(counters, i8x16_eq(at(i), needle));
                i += 1;
            }
            let sums = u32x4_extadd_pairwise_u16x8(u16x8_extadd_pairwise_u8x16(counters));
            let lanes = u32x4_extract_lane::<0>(sums)
                + u32x4_extract_lane::<1>(sums)
                + u32x4_extract_lane::<2>(sums)
                + u32x4_extract_lane::<3>(sums);
            total += lanes as usize + round[16 * vectors..].iter().filter(|&&b| b == byte).count();
        }
        total
    }

    /// The pair filter 32 positions at a time (two vectors, one test of both), as `avx2::candidates`;
    /// returns where it stopped (`to`).
    pub(super) fn candidates(
        scalar: &[[u8; 16]; 4],
        bytes: &[u8],
        from: usize,
        to: usize,
        on: &mut impl FnMut(usize),
    ) -> usize {
        let tables = scalar.map(|t| load(&t));
        super::simd_candidates::<32, 16>(
            bytes,
            from,
            to,
            |p, steps, stops| quiet_steps(&tables, &bytes[p..], steps, stops),
            |first, second| lanes(bits(&tables, first, second)),
            on,
        )
    }

    /// Goes through up to `steps` steps of 32 pairs from the start of `bytes`, records those with candidates
    /// in `stops` until it is full, and returns how many steps it went through, as `avx2::quiet_steps`. Each
    /// byte is loaded and looked up once, in both roles: its first-byte bits, and its second-byte bits moved
    /// one lane back (`i8x16.shuffle` of two vectors, one `palignr` in V8) to meet the first-byte bits of the
    /// byte before. A step also loads the next step's first 16 bytes: a last step without them in `bytes` is
    /// left to the caller (`bits`). A loop of its own, without calls, so that V8 keeps the tables in
    /// registers: inside `candidates` it reloaded them from the stack at every step and loaded every byte
    /// twice (as a first and as a second byte), about 85 x86-64 instructions a step against about 55 here
    /// (V8's code for the `-Oz` module, counted under callgrind in Node 20 as `make bench-wasm-instructions`
    /// does).
    #[inline(never)]
    fn quiet_steps(tables: &[v128; 4], bytes: &[u8], steps: usize, stops: &mut Stops) -> usize {
        let [lo1, hi1, lo2, hi2] = *tables;
        let low = i8x16_splat(0x0F);
        // Both roles' bits of 16 bytes. `u16x8.shr` and a mask, not `u8x16.shr`: V8 has no byte shift on
        // x86-64 and builds that one from a word shift and a mask it materializes anew at every use.
        let roles = |v: v128| -> (v128, v128) {
            let lo = v128_and(v, low);
            let hi = v128_and(u16x8_shr(v, 4), low);
            (
                v128_and(u8x16_swizzle(lo1, lo), u8x16_swizzle(hi1, hi)),
                v128_and(u8x16_swizzle(lo2, lo), u8x16_swizzle(hi2, hi)),
            )
        };
        // Whole steps whose following vector (the next step's first 16 bytes) is in `bytes`.
        let whole = steps.min(bytes.len().saturating_sub(16) / 32);
        if whole == 0 {
            return 0;
        }
        // SAFETY: every load below is of 16 bytes from `step * 32 + 32` at most, below `32 * whole + 16`, at
        // most `bytes.len()`; `v128_load` is a 1-aligned load. Not slices: V8 kept their bounds checks, two
        // a step.
        let at = |offset: usize| unsafe { v128_load(bytes.as_ptr().add(offset).cast::<v128>()) };
        let (mut a0, mut b0) = roles(at(0));
        for step in 0..whole {
            let (a1, b1) = roles(at(step * 32 + 16));
            let (a2, b2) = roles(at(step * 32 + 32));
            let next = |b: v128, after: v128| {
                i8x16_shuffle::<1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>(b, after)
            };
            let low_half = v128_and(a0, next(b0, b1));
            let high_half = v128_and(a1, next(b1, b2));
            if v128_any_true(v128_or(low_half, high_half))
                && stops.push(step, lanes(low_half) | lanes(high_half) << 16)
            {
                return step + 1;
            }
            (a0, b0) = (a2, b2);
        }
        whole
    }

    /// The lanes of `bits` that are not zero, a bit each.
    #[inline(always)]
    fn lanes(bits: v128) -> u64 {
        u64::from(!u8x16_bitmask(i8x16_eq(bits, i8x16_splat(0))))
    }

    /// The bucket bits of 16 pairs, from their first bytes and their second bytes (16 each).
    #[inline(always)]
    fn bits(tables: &[v128; 4], first: &[u8], second: &[u8]) -> v128 {
        let low = i8x16_splat(0x0F);
        let first = load(first);
        let second = load(second);
        let [lo1, hi1, lo2, hi2] = *tables;
        // Indices are below 16 after the mask, so `swizzle` (zero for 16 and up) looks every one up.
        v128_and(
            v128_and(
                u8x16_swizzle(lo1, v128_and(first, low)),
                u8x16_swizzle(hi1, v128_and(u16x8_shr(first, 4), low)),
            ),
            v128_and(
                u8x16_swizzle(lo2, v128_and(second, low)),
                u8x16_swizzle(hi2, v128_and(u16x8_shr(second, 4), low)),
            ),
        )
    }

    /// An unaligned load of the first 16 bytes of `bytes` (panics on fewer).
    #[inline(always)]
    fn load(bytes: &[u8]) -> v128 {
        let bytes: &[u8; 16] = bytes[..16].try_into().expect("16 bytes");
        // SAFETY: the reference is 16 readable bytes; `v128_load` is a 1-aligned load
        // (https://doc.rust-lang.org/core/arch/wasm32/fn.v128_load.html).
        unsafe { v128_load(bytes.as_ptr().cast::<v128>()) }
    }
}

/// The passes this build and CPU run (`FusedPass::available`), naming on standard error those it does not, so
/// that a test run says which it did not hold to the others. Written to the stream itself: the test harness
/// holds back `eprintln!`.
#[cfg(feature = "test-strategies")]
pub(super) fn passes_here(test: &str) -> Vec<FusedPass> {
    let (here, skipped): (Vec<FusedPass>, Vec<FusedPass>) =
        FusedPass::ALL.into_iter().partition(|p| p.available());
    say_passes(test, "fused passes", &here, &skipped);
    assert!(
        here.contains(&FusedPass::Scalar),
        "every build has the scalar pass"
    );
    here
}

/// Writes `{test}: {what} run {here:?}; not on this CPU or build {skipped:?}` to standard error itself (the
/// test harness holds back `eprintln!`).
#[cfg(feature = "test-strategies")]
fn say_passes(test: &str, what: &str, here: &[FusedPass], skipped: &[FusedPass]) {
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("{test}: {what} run {here:?}; not on this CPU or build {skipped:?}\n").as_bytes(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence of every needle starting in `[block, end)`, by brute force, and with `slashes` every
    /// `/` after a letter or starting `://` (`SLASH`).
    fn brute(needles: &[Vec<u8>], bytes: &[u8], slashes: bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for start in 0..bytes.len() {
            for (which, n) in needles.iter().enumerate() {
                if bytes[start..].starts_with(n) {
                    out.push((start, which));
                }
            }
            let link_slash = bytes[start] == b'/'
                && start > 0
                && (bytes[start - 1].is_ascii_alphabetic()
                    || bytes[start - 1] == b':' && bytes.get(start + 1) == Some(&b'/'));
            if slashes && link_slash {
                out.push((start, SLASH));
            }
        }
        out
    }

    /// What `each_in_block` reports over `bytes` in blocks of `block` bytes, sorted; each block's `SLASH`es
    /// asserted in strictly increasing order first, as the scan walks them (`Scanner::scan_segment_redactions`).
    fn found(filter: &PairFilter, bytes: &[u8], block: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < bytes.len() {
            let end = (start + block).min(bytes.len());
            let mut slashes = Vec::new();
            filter.each_in_block(bytes, start, end, |which, at| {
                if which == SLASH {
                    slashes.push(at);
                }
                out.push((at, which));
            });
            assert!(
                slashes.windows(2).all(|w| w[0] < w[1]),
                "SLASH out of order in [{start}, {end}): {slashes:?}"
            );
            start = end;
        }
        out.sort();
        out
    }

    /// The scanner's needles and then some: two-byte ones, shared pairs, UTF-8 lead bytes, more than eight
    /// distinct pairs (so buckets are shared), nibble neighbours of one another (`ID` and `IE`, `,,` and `<,`).
    fn needle_sets() -> Vec<Vec<Vec<u8>>> {
        let sets: [&[&[u8]]; 4] = [
            &[
                b"www.",
                b"ID",
                b"N\xC2",
                b"ccess",
                b"umber",
                "uméro".as_bytes(),
                "'accès".as_bytes(),
                "eunión".as_bytes(),
                b"ennnummer",
                b"ugriffscode",
                b"ergaderingnummer",
                b",,",
            ],
            &[
                b"ID",
                b"IE",
                b",,",
                b"<,",
                b"aa",
                b"ab",
                b"ba",
                b"bb",
                b"zz",
                b"Zz",
                b"q\xFF",
                b"\x00\x01",
            ],
            &[b"ab"],
            &[b"abcabc", b"bcab", b"cabca", b"aaaa", b"aaab"],
        ];
        sets.iter()
            .map(|s| s.iter().map(|n| n.to_vec()).collect())
            .collect()
    }

    /// Text made of the needles' own bytes, pieces of them and random bytes: many near misses and overlaps.
    fn adversarial(rng: &mut crate::Numbers, needles: &[Vec<u8>], len: usize) -> Vec<u8> {
        let mut alphabet: Vec<u8> = needles.iter().flatten().copied().collect();
        alphabet.extend([b' ', b'\n', 0x0F, 0xF0, 0xC3, b'/', b':', b'/', b'<']);
        let mut out = Vec::with_capacity(len + 32);
        while out.len() < len {
            match rng.below(5) {
                0 => out.push(rng.next() as u8),
                1 => {
                    let n = &needles[rng.below(needles.len())];
                    let cut = 1 + rng.below(n.len());
                    out.extend_from_slice(&n[..cut]);
                }
                2 => out.extend_from_slice(&needles[rng.below(needles.len())]),
                _ => out.push(alphabet[rng.below(alphabet.len())]),
            }
        }
        out
    }

    /// Every pass this machine has (AVX-512, AVX2 natively; the others are named on standard error) reports
    /// exactly the positions of the scalar pass, and the search every occurrence brute force finds, in any
    /// block size and at every alignment of start and end, over many generated texts.
    #[test]
    fn simd_and_scalar_passes_agree_and_find_every_occurrence() {
        let mut rng = crate::Numbers(0x2545_F491_4F6C_DD1D);
        let mut compared = 0;
        let here = passes_here("pair_filter");
        for (needles, slashes) in needle_sets()
            .into_iter()
            .flat_map(|n| [(n.clone(), false), (n, true)])
        {
            let filter = PairFilter::build(&needles, FusedPass::Scalar, slashes)
                .expect("needles of two bytes or more");
            let passes: Vec<PairFilter> = here
                .iter()
                .map(|&p| PairFilter::with_pass(&needles, p, slashes).expect("an available pass"))
                .collect();
            for round in 0..300 {
                let len = if round % 10 == 5 {
                    // Long enough to fill a quiet loop's record of steps with candidates (`Stops`).
                    1000 + rng.below(2000)
                } else {
                    rng.below(300)
                };
                let bytes = if round % 3 == 0 {
                    (0..len).map(|_| rng.next() as u8).collect()
                } else {
                    adversarial(&mut rng, &needles, len)
                };
                if bytes.len() < 2 {
                    continue;
                }
                let from = rng.below(bytes.len());
                let to = from + rng.below(bytes.len() - from);
                let mut scalar = Vec::new();
                filter.candidates_scalar(&bytes, from, to, &mut |p| scalar.push(p));
                let expected = brute(&needles, &bytes, slashes);
                for pass in &passes {
                    let mut simd = Vec::new();
                    pass.candidates(&bytes, from, to, &mut |p| simd.push(p));
                    assert_eq!(simd, scalar, "{needles:?} on {bytes:?} [{from}, {to})");
                    compared += 1;
                    for block in [1, 7, 31, 64, 4096] {
                        assert_eq!(
                            found(pass, &bytes, block),
                            expected,
                            "{needles:?} on {bytes:?}, block {block}"
                        );
                    }
                }
            }
        }
        assert!(compared > 4000);
    }

    /// Every pass this machine has reports every `/` that can end a link's head (`SLASH`), and only those,
    /// once each, wherever it falls: at every phase of texts with one every `period` bytes, periods about the
    /// passes' vectors, in blocks of sizes that put such `/`s at a block's first byte (whose pair starts in
    /// the block before) and last byte; the label needles found as before beside them.
    #[test]
    fn every_pass_reports_every_slash_of_a_link_head() {
        let needles = needle_sets().swap_remove(0);
        let passes: Vec<(FusedPass, PairFilter)> = passes_here("link_slashes")
            .into_iter()
            .map(|p| {
                (
                    p,
                    PairFilter::with_pass(&needles, p, true).expect("an available pass"),
                )
            })
            .collect();
        // Two of each kind, and near misses: a digit's `/`, `</`, `:/` without its second `/`, `//` alone.
        let pieces: [&[u8]; 8] = [
            b"a/",
            b"Z/",
            b"://",
            b"https://",
            b"3/",
            b"</",
            b":/x",
            b" //",
        ];
        let mut compared = 0;
        for piece in pieces {
            for period in [3, 5, 15, 16, 17, 31, 32, 33, 64, 65] {
                if period < piece.len() {
                    continue;
                }
                for phase in 0..period {
                    let mut bytes = vec![b'.'; 64 * 12 + 7];
                    for at in (phase..bytes.len() - piece.len()).step_by(period) {
                        bytes[at..at + piece.len()].copy_from_slice(piece);
                    }
                    let expected = brute(&needles, &bytes, true);
                    for (pass, filter) in &passes {
                        for block in [1, 2, 7, 16, 31, 32, 64, 4096] {
                            assert_eq!(
                                found(filter, &bytes, block),
                                expected,
                                "{pass:?}, {piece:?} every {period} from {phase}, block {block}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 5000, "{compared}");
    }

    /// Every pass this machine has reports every candidate of texts dense with them: a candidate at every
    /// position, and at every `period`-th one for periods about the passes' vectors (16, 32 and 64 pairs) and
    /// odd ones, at every phase, in texts long enough to cross forty 64-pair steps, fill the quiet loop's
    /// record of steps (`Stops`) many times and empty it again, started and ended at several alignments.
    /// Sparse generated texts let a pass through that dropped the candidates at every 97th position (session
    /// 33's review); each of these fails it.
    #[test]
    fn every_pass_reports_every_candidate_of_dense_texts() {
        // The tables admit a pair only where its first byte is `a`: the candidates are the `a`s.
        let needles = vec![b"aa".to_vec(), b"ax".to_vec()];
        let passes: Vec<(FusedPass, PairFilter)> = passes_here("dense_texts")
            .into_iter()
            .map(|p| {
                let filter = PairFilter::with_pass(&needles, p, false).expect("an available pass");
                (p, filter)
            })
            .collect();
        let len = 64 * 40 + 37;
        let mut compared = 0;
        for period in [1, 2, 3, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 97, 128] {
            let phases: Vec<usize> = if period <= 65 {
                (0..period).collect()
            } else {
                vec![0, 1, period / 2, period - 1]
            };
            for phase in phases {
                let bytes: Vec<u8> = (0..len)
                    .map(|i| if i % period == phase { b'a' } else { b'x' })
                    .collect();
                let expected = brute(&needles, &bytes, false);
                for from in [0, 1, 33, 64] {
                    for to in [len - 1, len - 40] {
                        let wanted: Vec<usize> = (from..to).filter(|&p| bytes[p] == b'a').collect();
                        for (pass, filter) in &passes {
                            let mut got = Vec::new();
                            filter.candidates(&bytes, from, to, &mut |p| got.push(p));
                            assert_eq!(
                                got, wanted,
                                "{pass:?}, period {period} phase {phase} [{from}, {to})"
                            );
                            compared += 1;
                        }
                    }
                }
                for (pass, filter) in &passes {
                    for block in [64, 4096] {
                        assert_eq!(
                            found(filter, &bytes, block),
                            expected,
                            "{pass:?}, period {period} phase {phase}, block {block}"
                        );
                    }
                }
            }
        }
        assert!(compared > 2000, "{compared}");
    }

    /// The byte count (AVX2 where this machine has it) agrees with a plain count at every length and start,
    /// text made of the byte alone included (every counter at its largest before a sum).
    #[test]
    fn counts_agree_with_a_plain_count() {
        let mut rng = crate::Numbers(0x9E37_79B9_7F4A_7C15);
        let dense = vec![b'\n'; 20_000];
        let mixed: Vec<u8> = (0..20_000)
            .map(|_| {
                if rng.below(5) == 0 {
                    b'\n'
                } else {
                    rng.next() as u8
                }
            })
            .collect();
        for text in [&dense, &mixed] {
            for _ in 0..200 {
                let start = rng.below(300);
                let len = match rng.below(3) {
                    0 => rng.below(300),
                    1 => 128 * 63 * (1 + rng.below(2)) + rng.below(3) - 1,
                    _ => rng.below(text.len() - start),
                };
                let span = &text[start..start + len];
                let expected = span.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(
                    count_byte(span, b'\n'),
                    expected,
                    "{len} bytes from {start}"
                );
            }
        }
    }

    /// The mbox split's pass (AVX2 where this machine has it) finds what the scalar one finds: line feeds
    /// that `next` follows at every place of a step, several in a step, and starts anywhere. Without AVX2
    /// `newline_before` is the scalar pass, compared with itself: the test says so on standard error
    /// (`newline_before: passes run [Scalar]; not on this CPU or build [Avx2]`).
    #[test]
    #[cfg(feature = "mail")]
    fn newline_before_agrees_with_the_scalar_pass() {
        // `newline_before` takes its AVX2 pass exactly where the fused pass `Avx2` is available
        // (`simd_available`).
        let (here, skipped): (Vec<FusedPass>, Vec<FusedPass>) =
            [FusedPass::Avx2, FusedPass::Scalar]
                .into_iter()
                .partition(|p| p.available());
        say_passes("newline_before", "passes", &here, &skipped);
        let mut rng = crate::Numbers(0x9E37_79B9_7F4A_7C15);
        let pieces: [&[u8]; 6] = [b"\n", b"\nFrom ", b"\nF", b"F", b"From ", b"text of a line"];
        let mut found = 0;
        for _ in 0..3_000 {
            let mut text = Vec::new();
            for _ in 0..rng.below(80) {
                text.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            let from = rng.below(text.len() + 1);
            let expected = newline_before_scalar(&text, from, b'F');
            found += usize::from(expected.0.is_some());
            assert_eq!(
                newline_before(&text, from, b'F'),
                expected,
                "from {from} in {:?}",
                String::from_utf8_lossy(&text)
            );
        }
        assert!(found > 1_000, "{found}");
    }

    /// Each needle's pair is its least common one; pairs beyond eight share buckets; the scanner's needles
    /// get pairs that text rarely has.
    #[test]
    fn pairs_are_chosen_rare_and_buckets_shared() {
        let needles = &needle_sets()[0];
        let filter = PairFilter::build(needles, FusedPass::Scalar, false).expect("builds");
        let pair = |which: usize| {
            let entry = filter
                .buckets
                .iter()
                .flatten()
                .find(|e| e.which == which)
                .expect("every needle has a bucket");
            assert_eq!(&needles[which][entry.offset..entry.offset + 2], &entry.pair);
            (entry.pair, entry.offset)
        };
        // `www.`'s `ww` at 0 and at 1 are equally rare: the first is taken.
        assert_eq!(pair(0), (*b"ww", 0));
        let pair = |which: usize| pair(which).0;
        assert_eq!(&pair(4), b"mb");
        assert_eq!(
            &pair(5),
            b"m\xC3",
            "a letter and a lead byte, not the two bytes of é"
        );
        assert_eq!(&pair(9), b"ug", "not the doubled ff");
        assert_eq!(filter.buckets.iter().flatten().count(), needles.len());
        assert!(filter.buckets.iter().all(|b| !b.is_empty()));
        // The slashes' pairs, which admit far more text than any needle's, take a bucket of their own.
        let filter = PairFilter::build(needles, FusedPass::Scalar, true).expect("builds");
        assert_eq!(filter.slashes.count_ones(), 1);
        assert!(filter.buckets[filter.slashes.trailing_zeros() as usize].is_empty());
        assert_eq!(filter.buckets.iter().flatten().count(), needles.len());
        assert!(PairFilter::build(&[b"a".to_vec()], FusedPass::Scalar, false).is_none());
        assert!(PairFilter::build(&[], FusedPass::Scalar, false).is_none());
    }
}
