//! The English sentences' macros (`english!`, `english_str!`, `english_write!`): the text in the CLI's build,
//! nothing in the extension's (feature `english` off). A file of their own so that `build.rs`, which grades the
//! bundled vendors with `src/grade.rs` (through `#[path]`), builds the grade reasons' English as the engine would.

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
