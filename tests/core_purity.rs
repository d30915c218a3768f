//! The core crate stays pure: no browser bindings anywhere in its (normal) dependency tree.

use std::process::Command;

#[test]
fn core_has_no_browser_bindings() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "joinguard",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--target",
            "all",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("url v"), "the tree was read: {tree}");
    let bindings: Vec<&str> = tree
        .lines()
        .filter(|line| {
            ["wasm-bindgen", "web-sys", "js-sys", "gloo"]
                .iter()
                .any(|b| line.starts_with(b))
        })
        .collect();
    assert!(
        bindings.is_empty(),
        "browser bindings in the core's dependencies: {bindings:?}"
    );
}
