//! Ordering compares of strings and byte slices in the engine's own wasm build, run by `make test-wasm` under the
//! release profile (the package's: opt-level "s" for the engine; the test binary and, since lto46, the package are
//! both link-time optimised, and under LTO the fold reaches every crate's calls; the probe is compiled in the engine's
//! crate so that the compares are the engine's own), where LLVM had answered them wrongly and the
//! debug build could not show it (session 46, docs/speed.md): the wasm build's `memcmp` and `bcmp` (src/mem_compare.rs)
//! had the same body, LLVM's MergeFunctions folded one into the other and sent the `memcmp` calls to `bcmp`, and a
//! `bcmp` of a length known at compile time was then expanded as a test for equality, its 0 or 1 read as an order.
//! `"2026" <= "2100"` answered false. Only the engine's crate, which defines the two, had its calls sent so: the
//! compares of constant length are the engine's own (`joinguard::fixed_length_orders`, with the tests' feature);
//! those of runtime length reach `memcmp` as a call. Every length to 20, every place of the first difference.

// Natively `memcmp` is the C library's, and the engine's compares of constant length are not built.
#![cfg(target_arch = "wasm32")]

use std::cmp::Ordering;
use std::hint::black_box;
use wasm_bindgen_test::wasm_bindgen_test;

/// The engine's compares of constant lengths 1 to 20 (`joinguard::fixed_length_orders`, compiled in the engine's crate,
/// where the fold happened): two runtime byte strings equal before `at`, `low` against `high` at `at`, and the other
/// way round after it; each answer is the first difference's.
#[wasm_bindgen_test]
fn the_engine_s_compares_of_every_constant_length_to_20_order_by_the_first_difference() {
    for at in 0..20 {
        for (low, high) in [(b'1', b'2'), (0x7f, 0x80), (0x00, 0xff)] {
            let mut x = [b'5'; 20];
            let mut y = [b'5'; 20];
            x[at] = low;
            y[at] = high;
            for later in at + 1..20 {
                x[later] = 0xff;
                y[later] = 0x00;
            }
            let xy = joinguard::fixed_length_orders(black_box(&x), black_box(&y));
            let yx = joinguard::fixed_length_orders(black_box(&y), black_box(&x));
            let xx = joinguard::fixed_length_orders(black_box(&x), black_box(&x.clone()));
            for n in 1..=20 {
                let place =
                    format!("length {n}, first difference at {at}, {low:#x} against {high:#x}");
                let order = if at < n {
                    Ordering::Less
                } else {
                    Ordering::Equal
                };
                assert_eq!(xy[n - 1], (order, order.is_lt(), order.is_le()), "{place}");
                assert_eq!(
                    yx[n - 1],
                    (order.reverse(), false, order.reverse().is_le()),
                    "{place}"
                );
                assert_eq!(xx[n - 1], (Ordering::Equal, false, true), "{place}");
            }
        }
    }
}

/// Runtime strings of every length to 20 against each other (the length not a constant: these reach `memcmp` as a
/// call), each way round, and as a sorted table searched for each of its keys.
#[wasm_bindgen_test]
fn runtime_strings_of_every_length_to_20_order_by_their_first_difference() {
    for n in 1..=20 {
        let mut table = Vec::new();
        for at in 0..n {
            // `n` bytes: 'm' before `at`, `first` at it, `after` after it.
            let text = |first: u8, after: u8| -> String {
                let mut bytes = vec![b'm'; n];
                bytes[at] = first;
                bytes[at + 1..].fill(after);
                String::from_utf8(bytes).unwrap()
            };
            let (low, high) = (text(b'a', b'z'), text(b'b', b'a'));
            let (low, high) = (black_box(low), black_box(high));
            assert!(low < high, "length {n}, at {at}");
            assert!(high > low, "length {n}, at {at}");
            assert_eq!(low.cmp(&high), Ordering::Less, "length {n}, at {at}");
            assert_eq!(
                high.as_str().partial_cmp(low.as_str()),
                Some(Ordering::Greater),
                "length {n}, at {at}"
            );
            assert!((low.as_str()..=high.as_str()).contains(&low.as_str()));
            table.push(high);
            table.push(low);
        }
        let mut expected = table.clone();
        expected.sort_by(|a, b| a.as_bytes().iter().cmp(b.as_bytes().iter()));
        table.sort();
        assert_eq!(table, expected, "length {n}");
        for (index, key) in expected.iter().enumerate() {
            assert_eq!(table.binary_search(key), Ok(index), "length {n}, {key}");
        }
    }
}
