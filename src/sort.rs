//! One stable sort for the whole engine: `sort_by` and `sort_by_key` sort positions with a comparator behind
//! `dyn`, then move the items into place.
//!
//! Why: the standard library's sorts are monomorphised for each element type and each comparator closure, and
//! each instance (driftsort and its quicksort, small sorts, merges) is 2-6 KB of wasm. The engine's
//! dozen sorts of short lists (findings, needles at start-up, a page's providers) made about 60 KB of the
//! package's code (`make size-report`, docs/size.md); through here they share one instance. The cost is a
//! `dyn` call per comparison, which the short lists sorted here do not notice.
//! Public so that the wasm facade sorts through it too.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    place(items, &mut order);
}

/// Sorts `items` stably by `key`, like `slice::sort_by_key` (the key is computed for each comparison).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The engine's one instance of the standard library's stable sort (not inlined: each copy would be one more).
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves `items[order[k]]` to position `k` for every `k`, one cycle of the permutation at a time (`order`
/// is used up: each position is set to itself once placed).
fn place<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let from = order[k];
            items.swap(k, from);
            order[k] = k;
            k = from;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..60 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "{items:?}");
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
            assert_eq!(ours, std);
            let mut ours = items.clone();
            sort(&mut ours);
            let mut std = items;
            std.sort();
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn moves_items_that_own_memory() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "fig", "date"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        sort(&mut words);
        assert_eq!(words, ["apple", "date", "fig", "fig", "pear"]);
    }
}
