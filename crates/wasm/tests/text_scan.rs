//! The text scanner's anchor search in wasm, run in Node by wasm-bindgen-test-runner: the fused `simd128`
//! pass (`src/text/pair_filter.rs`, the wasm default) finds what the memmem passes find, on many generated
//! texts made of the anchors' pieces, near misses and random bytes. Natively the same pass is held to its
//! scalar twin by `pair_filter`'s own tests; this holds the wasm build's SIMD to the reference.

use joinguard::text::{
    anchor_dense_text, check_run_ends_against_byte_loops, count_byte, find_byte,
    links_at_block_edges, Scanner, Strategy,
};
use joinguard::{Database, Engine, Policy};
use wasm_bindgen_test::wasm_bindgen_test;

/// Pieces that make the anchors, their near misses and the text around them.
const PIECES: &[&str] = &[
    "Meeting ID: ",
    "Message-ID: ",
    "ID de réunion : ",
    "N° de réunion : ",
    "Numéro de la réunion (code d'accès) : ",
    "Número de reunión: ",
    "Meeting-Kennnummer: ",
    "Vergaderingnummer: ",
    "Zugriffscode: ",
    "Access Code: ",
    "Passcode: ",
    "Kenncode: ",
    "851 2345 6789",
    "482913",
    "+16465588656,,85123456789#,,,,*482913#",
    "https://us02web.zoom.us/j/85123456789?pwd=aBc",
    "www.zoom.us",
    "zoom.us/j/93456789012",
    "www.",
    "ww",
    "mm",
    "um",
    ",,",
    "é",
    "\u{b0}",
    " ",
    "\n",
    "the schedule and the budget ",
];

/// The generated texts' numbers: xorshift64 from `state`.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[wasm_bindgen_test]
fn fused_pass_finds_what_memmem_passes_find() {
    assert_eq!(
        Strategy::default(),
        Strategy::Packed,
        "simd128 builds default to the fused pass"
    );
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut fused = Scanner::with_strategy(&engine, Strategy::Packed);
    let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15_u64);
    let mut found = 0;
    for _ in 0..300 {
        let mut doc: Vec<u8> = Vec::new();
        for _ in 0..1 + next() % 80 {
            match next() % 5 {
                0 => doc.push((next() % 256) as u8),
                _ => doc
                    .extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize].as_bytes()),
            }
        }
        let text = String::from_utf8_lossy(&doc);
        let expected = passes.scan_text(&text);
        found += expected.len();
        assert_eq!(fused.scan_text(&text), expected, "{text:?}");
    }
    assert!(found > 100, "the texts hold findings ({found})");
}

/// The dense text of `tests/text_paths.rs` (`every_search_finds_every_anchor_of_a_dense_text`, the text
/// `text::anchor_dense_text`) in the wasm build: 200 lines of 129 bytes whose `www.`, `ID` and `,,` start at every
/// position mod 64 and mod 97, where the shipped simd128 pass must find every planted credential and lookalike link
/// as the memmem passes do (the generated texts above are sparse; session 34's review).
#[wasm_bindgen_test]
fn fused_pass_finds_every_anchor_of_a_dense_text() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let lines = 200;
    let text = anchor_dense_text(lines);
    let expected = Scanner::with_strategy(&engine, Strategy::Passes).scan_text(&text);
    for id in ["credentials-exposed", "lookalike-link"] {
        assert_eq!(
            expected.iter().filter(|f| f.id == id).count(),
            lines,
            "{id} on every line"
        );
    }
    let fused = Scanner::with_strategy(&engine, Strategy::Packed).scan_text(&text);
    assert!(fused == expected, "the simd128 pass on the dense text");
}

/// The line cursor's newline count in the wasm build (`pair_filter::count_byte`, byte counters in `simd128`
/// summed every 255 vectors): findings planted after gaps of every size, short (under a vector), long (across
/// several sums), and newlines alone (every counter at its largest before a sum), are placed on the lines they
/// were planted on.
#[wasm_bindgen_test]
fn findings_are_placed_on_their_lines() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut next = xorshift(0x2545_F491_4F6C_DD1D_u64);
    let mut text = String::new();
    let mut line = 1;
    let mut planted = Vec::new();
    for i in 0..120 {
        let gap = match i % 4 {
            0 => (next() % 16) as usize,
            1 => (next() % 300) as usize,
            2 => 4_000 + (next() % 9_000) as usize,
            _ => 255 * 16 + (next() % 40) as usize,
        };
        for _ in 0..gap {
            // Newlines alone on every third gap, else one line feed in eight bytes or so.
            let newline = i % 3 == 0 || next().is_multiple_of(8);
            text.push(if newline { '\n' } else { 'a' });
            line += usize::from(newline);
        }
        text.push_str(" www.zoom-us.com ");
        planted.push(line);
    }
    // A link repeated on its line is one finding.
    planted.dedup();
    let lines: Vec<usize> = Scanner::new(&engine)
        .scan_text(&text)
        .iter()
        .filter(|f| f.id == "lookalike-link")
        .map(|f| f.line)
        .collect();
    assert_eq!(lines, planted);
}

/// The scan's search for `/` in the wasm build (`pair_filter::find_byte`, eight vectors a step in `simd128`):
/// a scheme link after gaps of every size, some full of other slashes (`</p>`, `and/or`, dates), is found at
/// every place of a step, each on its own line.
#[wasm_bindgen_test]
fn scheme_links_are_found_after_every_gap() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15_u64);
    const FILLER: &[&str] = &["a", " ", "x", "and/or ", "</p>", "12/03 ", "/"];
    let mut text = String::new();
    let links = 300;
    for i in 0..links {
        let gap = match i % 3 {
            0 => (next() % 20) as usize,
            1 => (next() % 300) as usize,
            _ => 1_000 + (next() % 3_000) as usize,
        };
        let slashes = i % 2 == 0;
        let start = text.len();
        while text.len() - start < gap {
            let piece = FILLER[(next() % FILLER.len() as u64) as usize];
            text.push_str(if slashes || !piece.contains('/') {
                piece
            } else {
                "y"
            });
        }
        text.push_str("\nhttps://zoom-us.com/j/1 ");
    }
    let found = Scanner::new(&engine)
        .scan_text(&text)
        .iter()
        .filter(|f| f.id == "lookalike-link")
        .count();
    assert_eq!(found, links);
}

/// Links whose `/` falls at and around the edges of the scan's 32 KiB blocks (`text::links_at_block_edges`, the
/// native test's texts too), in the wasm build, where the fused `simd128` pass finds the `/`s a link's head ends at with its anchors (a letter and `/`, and `//`; the
/// pair of a `/` at a block's first byte starts in the block before): the scan finds each link, as the memmem
/// passes with their `/` search of its own do.
#[wasm_bindgen_test]
fn links_are_found_at_the_scan_blocks_edges() {
    let db = Database::bundled();
    let engine = Engine::new(&db, Policy::default());
    let mut fused = Scanner::new(&engine);
    let mut passes = Scanner::with_strategy(&engine, Strategy::Passes);
    let mut texts = 0;
    for (link, at, text) in links_at_block_edges() {
        texts += 1;
        let found = fused.scan_text(&text);
        assert_eq!(
            found.iter().filter(|f| f.id == "lookalike-link").count(),
            1,
            "{link} with its / at {at}"
        );
        assert!(
            found == passes.scan_text(&text),
            "{link} with its / at {at}"
        );
    }
    assert_eq!(texts, 28, "two edges, two links, seven places each");
}

/// The scan's search for `/` (`find_byte`, in wasm its own `simd128` loop: a first vector, 128 bytes a step, 16
/// bytes a step, a byte at a time) at every length up to past two 128-byte steps and every place of one needle,
/// with a second needle after it and with bytes on either side one off the needle: the first place, or none.
#[wasm_bindgen_test]
fn byte_search_finds_the_first_place_at_every_length() {
    for len in 0..=300usize {
        let plain: Vec<u8> = (0..len)
            .map(|i| if i % 2 == 0 { b'.' } else { b'0' })
            .collect();
        assert_eq!(find_byte(&plain, b'/'), None, "length {len}, no needle");
        for at in 0..len {
            let mut bytes = plain.clone();
            bytes[at] = b'/';
            if at + 1 < len {
                bytes[at + 1] = b'/';
            }
            if at > 0 {
                bytes[at - 1] = b'/' - 1;
            }
            assert_eq!(
                find_byte(&bytes, b'/'),
                Some(at),
                "length {len}, needle at {at}"
            );
            let mut last = plain.clone();
            last[at] = b'/';
            last[len - 1] = b'/';
            assert_eq!(
                find_byte(&last, b'/'),
                Some(at),
                "length {len}, needles at {at} and the end"
            );
        }
    }
}

/// The line count (`count_byte`, in wasm byte counters summed every 255 vectors) at the lengths around its
/// rounds and vectors, on text that is all needles (a counter at its most) and on random bytes.
#[wasm_bindgen_test]
fn byte_count_counts_every_needle_around_its_rounds() {
    let mut next = xorshift(0x2545_F491_4F6C_DD1D_u64);
    let random: Vec<u8> = (0..3 * 16 * 255 + 100)
        .map(|_| (next() % 4) as u8 + b'\n' - 1)
        .collect();
    let all = vec![b'\n'; random.len()];
    for len in [
        0,
        1,
        15,
        16,
        17,
        63,
        64,
        65,
        4079,
        4080,
        4081,
        8159,
        8160,
        8161,
        12240,
        random.len(),
    ] {
        for (name, bytes) in [("random", &random[..len]), ("all needles", &all[..len])] {
            let expected = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_byte(bytes, b'\n'), expected, "{name}, length {len}");
        }
    }
}

/// The link scan's runs (a host's bytes, a link's end) 16 bytes a step by `simd128` here: the same as a byte
/// loop (src/text/links.rs `check_run_ends_against_byte_loops`, which the native tests run with SSE2).
#[wasm_bindgen_test]
fn link_runs_end_where_a_byte_loop_ends_them() {
    check_run_ends_against_byte_loops();
}
