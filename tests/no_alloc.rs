//! The URL hot path allocates nothing: the screen, for any URL, and `classify` for the ordinary links it
//! clears (most links on a page), counted by a global allocator that counts. Its own test binary, with one
//! test, so that nothing else allocates while it counts.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use joinguard::{Classifier, Database};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator; only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn screening_and_classifying_ordinary_links_allocates_nothing() {
    let db = Database::bundled();
    let classifier = Classifier::new(&db);
    let urls = corpus::corpus(10_000);
    // The screen's first call builds its table (`LookalikeIndex::host_screen`): not one of the URLs' costs.
    classifier.screen("https://example.com/");

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let passed = urls.iter().filter(|u| classifier.screen(u)).count();
    let screen = ALLOCATIONS.load(Ordering::Relaxed) - before;

    let mut cleared = 0;
    let mut named = 0;
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for url in &urls {
        if classifier.screen(url) {
            continue;
        }
        cleared += 1;
        let class = classifier
            .classify(url)
            .expect("an ordinary link classifies");
        named += usize::from(class.vendor.is_some() || class.lookalike_of.is_some());
    }
    let classify = ALLOCATIONS.load(Ordering::Relaxed) - before;

    assert_eq!(screen, 0, "the screen allocated {screen} times");
    assert_eq!(
        classify, 0,
        "classifying {cleared} cleared links allocated {classify} times"
    );
    assert_eq!(named, 0, "a cleared link was named");
    // Most of the corpus is ordinary; the rest took the full path above.
    assert!(cleared > passed * 10, "{cleared} cleared, {passed} passed");
}
