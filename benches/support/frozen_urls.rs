//! The benchmarks' URL corpus, read from a committed file (`benches/data/urls.txt`, 10,000 links; its header
//! says how it was derived) instead of generated from the golden table, so that a new golden row does not move
//! the figures between sessions.

const URLS: &str = include_str!("../data/urls.txt");

/// The 10,000 links, in the file's order.
pub fn urls() -> Vec<String> {
    URLS.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(str::to_string)
        .collect()
}
