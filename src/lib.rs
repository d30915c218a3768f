//! joinguard's pure engine: vendor rules, URL classification, lookalike detection, grading, policy and
//! assessments. No browser bindings: the wasm facade (`crates/wasm`) and the CLI (`crates/cli`) wrap it.

#[macro_use]
mod english;

pub mod assess;
mod base64;
pub mod brand_words;
pub mod classify;
pub mod codes;
pub mod db;
pub mod fold;
pub mod grade;
mod hex;
mod host_screen;
pub mod idn;
pub mod infer;
pub mod json;
pub mod lookalike;
mod matcher;
// The wasm build's `memcmp` and `bcmp` (natively the C library's; the tests run natively).
#[cfg(any(target_arch = "wasm32", test))]
mod mem_compare;
#[cfg(all(target_arch = "wasm32", feature = "test-strategies"))]
#[doc(hidden)]
pub use mem_compare::fixed_length_orders;
mod name_edits;
pub mod page;
pub mod policy;
pub mod psl;
mod rest_screen;
pub mod rules;
pub mod screen;
pub mod sort;
pub mod text;

/// Deterministic pseudo-random numbers (xorshift64) for the unit tests that generate their input; a
/// non-zero seed.
#[cfg(test)]
pub(crate) struct Numbers(pub(crate) u64);

#[cfg(test)]
impl Numbers {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub use assess::{Assessment, Engine, Finding, Severity};
pub use classify::{Classifier, Kind, UrlClass, UrlError};
pub use db::{Database, DATA_VERSION};
pub use policy::{Policy, Settings};
