//! Compiles `rules/vendors/*.toml` into the engine: parses them with the engine's own types (shared through
//! `#[path]`), applies the inference rules and grades them with the engine's own code (`src/infer.rs`,
//! `src/grade.rs`), and writes the blob `Database::bundled()` decodes (`src/rules/blob.rs`, also shared), so no
//! TOML is parsed and no vendor graded at run time.
//! Holds every bundled shape to the rules' requirements (`src/rules/requirements.rs`, also shared): the engine
//! compiles them without those checks, so a rules file they refuse must fail the build; the same for an id or an
//! official domain two vendors claim (`requirements::claimed_twice`).
//! Also compiles the vendored Public Suffix List, with its dynamic-DNS suffixes flagged, into the keys
//! `src/psl.rs` reads (`build/psl.rs`), and the
//! lookalike fold table `src/fold.rs` reads (`build/fold.rs`).

// Before the modules that use the macros: the grade reasons' English as the engine's build of these features
// writes it (cargo compiles a build script with its package's features, `english` among them).
#[allow(unused_macros)]
#[macro_use]
#[path = "src/english.rs"]
mod english;

#[allow(dead_code)]
#[path = "src/rules/model.rs"]
mod model;

/// `crate::rules`, as `src/grade.rs` and `src/infer.rs` name the model in the engine.
mod rules {
    pub use super::model::*;
}

#[allow(dead_code)]
#[path = "src/grade.rs"]
mod grade;

#[allow(dead_code)]
#[path = "src/infer.rs"]
mod infer;

#[allow(dead_code)]
#[path = "src/rules/blob.rs"]
mod blob;

#[allow(dead_code)]
#[path = "src/rules/shape.rs"]
mod shape;

#[allow(dead_code)]
#[path = "src/rules/requirements.rs"]
mod requirements;

#[allow(dead_code)]
#[path = "src/idn/punycode.rs"]
mod punycode;

#[path = "build/psl.rs"]
mod psl;

#[path = "build/fold.rs"]
mod fold;

use std::path::Path;

fn main() {
    let list = Path::new("data/psl/public_suffix_list.dat");
    println!("cargo:rerun-if-changed={}", list.display());
    let text = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    let dynamic = Path::new("data/psl/dynamic-dns.txt");
    println!("cargo:rerun-if-changed={}", dynamic.display());
    let dynamic =
        std::fs::read_to_string(dynamic).unwrap_or_else(|e| panic!("{}: {e}", dynamic.display()));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("psl.bin");
    std::fs::write(&out, psl::compile(&text, &dynamic))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("fold.bin");
    std::fs::write(&out, fold::compile()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    let dir = Path::new("rules/vendors");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: cannot read the rules directory: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut vendors = Vec::new();
    let citations = std::env::var_os("CARGO_FEATURE_SHAPE_CITATIONS").is_some();
    // FNV-1a over the files' bytes: a stable data version without extra dependencies.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for byte in text.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        let vendor: model::Vendor = toml::from_str(&text).unwrap_or_else(|e| {
            panic!("{}: {e}\nRun `cargo run -p joinguard-cli -- rules check rules/vendors` for every problem.", path.display())
        });
        // The engine compiles the bundled shapes without the rules' checks and messages (`Unexplained`,
        // `Database::bundled`): a shape they refuse fails here, where a run would take it as it is.
        for shape in &vendor.pages {
            if let Err((field, problem)) = requirements::ParsedShape::parse_as::<String>(shape) {
                panic!("{}: vendor `{}` pages.{field}: {problem}\nRun `cargo run -p joinguard-cli -- rules check rules/vendors` for every problem.", path.display(), vendor.id);
            }
        }
        // The research record only `rules check` reads (from the files) stays out of the engine; the extension's
        // build also leaves out the citations it never shows (Cargo.toml, feature `shape-citations`).
        let vendor = vendor.without_research_record();
        vendors.push(if citations {
            vendor
        } else {
            vendor.without_matching_citations()
        });
    }
    // An id or a domain two files claim: `Database::bundled` does not ask again, and its domain index would give
    // the domain to the later vendor.
    let claimed_twice: Vec<String> = requirements::claimed_twice(&vendors)
        .iter()
        .map(|claim| {
            let (again, first) = (claim.again, claim.earlier);
            let first = format!(
                "vendor `{}` in {}",
                vendors[first].id,
                paths[first].display()
            );
            match claim.field {
                "id" => format!(
                    "{}: id `{}` is also that of {first}",
                    paths[again].display(),
                    claim.text
                ),
                field => format!(
                    "{}: vendor `{}` {field}: `{}` is also claimed by {first}",
                    paths[again].display(),
                    vendors[again].id,
                    claim.text
                ),
            }
        })
        .collect();
    if !claimed_twice.is_empty() {
        panic!("{}\nA vendor has one rules file, and an official domain belongs to one vendor: merge the two files, or remove the domain from one of them.", claimed_twice.join("\n"));
    }
    let count = vendors.len();
    // Graded on exactly the vendors the blob holds, as `Database::from_vendors` would grade them at run time: the
    // date they are graded at (`grade::as_of`, the newest of their sources) is that of the extension's vendors in
    // its build, whose citations of domains and status are left out above.
    let blob = blob::encode(&grade::graded(vendors));
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vendors.blob");
    std::fs::write(&out, blob).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    println!(
        "cargo:rustc-env=JOINGUARD_DATA_VERSION={}-vendors.{:08x}",
        count, hash as u32
    );
}
