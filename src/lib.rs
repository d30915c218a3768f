//! joinguard's pure engine: vendor rules, URL classification, lookalike detection, grading, policy and
//! assessments. No browser bindings: the wasm facade (`crates/wasm`) and the CLI (`crates/cli`) wrap it.

/// An English sentence of a finding, a lookalike reason or a grade reason, built with `format!`'s syntax.
/// The CLI prints these; the extension says the same from the finding's id and params in the reader's
/// language (extension/shared/findings-text.js; tests/js/locales.test.mjs checks that every finding and
/// variant has its message), so its build (feature `english` off) makes them empty strings and leaves out
/// the formatting code and the English text. The closure that is never called keeps the arguments used,
/// so both builds see the same variables.
#[cfg(feature = "english")]
macro_rules! english {
    ($($arg:tt)*) => {
        ::std::format!($($arg)*)
    };
}
#[cfg(not(feature = "english"))]
macro_rules! english {
    ($($arg:tt)*) => {{
        let _ = || ::std::format!($($arg)*);
        ::std::string::String::new()
    }};
}

/// An English sentence as a `&'static str` in a table or a fixed message (what an identity provider learns, a
/// grade reason's words, a URL trick's finding): the text itself in the CLI, empty in the extension's build,
/// like `english!`.
#[cfg(feature = "english")]
macro_rules! english_str {
    ($text:literal) => {
        $text
    };
}
#[cfg(not(feature = "english"))]
macro_rules! english_str {
    ($text:literal) => {
        ""
    };
}

/// `english!` written into a `fmt::Write` (a finding's message straight into a JSON text, through
/// `json::Escaping`) rather than into a new `String`: `Ok` with nothing written in the extension's build.
#[cfg(feature = "english")]
macro_rules! english_write {
    ($out:expr, $($arg:tt)*) => {
        ::std::write!($out, $($arg)*)
    };
}
#[cfg(not(feature = "english"))]
macro_rules! english_write {
    ($out:expr, $($arg:tt)*) => {{
        let _ = &$out;
        let _ = || ::std::format!($($arg)*);
        ::std::fmt::Result::Ok(())
    }};
}

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
