//! joinguard's pure engine: vendor rules, URL classification, lookalike detection, grading, policy and
//! assessments. No browser bindings: the wasm facade (`crates/wasm`) and the CLI (`crates/cli`) wrap it.

pub mod assess;
pub mod brand_words;
pub mod classify;
pub mod codes;
pub mod db;
pub mod fold;
pub mod grade;
mod host_screen;
pub mod idn;
pub mod infer;
pub mod json;
pub mod lookalike;
mod matcher;
pub mod page;
pub mod policy;
pub mod psl;
pub mod rules;
pub mod screen;
mod sort;
pub mod text;

pub use assess::{Assessment, Engine, Finding, Severity};
pub use classify::{Classifier, Kind, UrlClass, UrlError};
pub use db::{Database, DATA_VERSION};
pub use policy::{Policy, Settings};
