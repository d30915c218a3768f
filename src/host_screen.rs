//! The screen's host automaton: the lookalike needles' automaton re-tabled for the raw bytes of a URL's host,
//! with the byte fold composed in, so that the screen reads each host byte with two loads and one compare.
//!
//! `lookalike` searches `.needle.` patterns in the folded host (`m` reads `rn`, `-` reads `.`, …). Stepping its
//! automaton byte by byte costs a fold lookup, one or two automaton steps and a match check for every host
//! byte of every link on a page; here those are done once per (state, host byte) when the index is built: a
//! dense table over the states reachable from `.` through folded host bytes, one column per byte a plain host
//! can hold, plus the host's end and anything unusual. A needle that ends inside a transition makes it a `HIT`
//! (the screen stops there: the URL takes the full path); a wrapper host that needs the full path only with
//! some paths (`google` with `/url`) marks it `PATH`.

use crate::matcher::{Matcher, StateId};

/// What ending at an automaton state means for the screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ends {
    /// A needle that always needs the full path ends here.
    pub hit: bool,
    /// A wrapper host whose need depends on the path ends here.
    pub path: bool,
}

/// Table entries at or above this are not plain states: `PATH` marks a state (premultiplied, below `PATH`),
/// the sentinels end the scan.
const PATH: u32 = 1 << 30;
const UNUSUAL: u32 = u32::MAX - 2;
const END: u32 = u32::MAX - 1;
const HIT: u32 = u32::MAX;

/// The outcome of screening the host at the start of an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// A needle that needs the full path was found.
    Hit,
    /// A byte the fast path does not handle, an empty label, `--`, or a host too short or too long.
    Unusual,
    /// No needle: the host ends at `end`; `path` when a wrapper host was seen (the caller checks its path).
    Clear { end: usize, path: bool },
}

pub(crate) struct HostDfa {
    /// Raw byte → column: host bytes first, `.` and `-` as the last two host columns, then the host's end
    /// (`/`, `?`, `#`, `:`), then everything else.
    columns: [u8; 256],
    /// `states × stride` entries: a premultiplied state (plus `PATH`), or a sentinel.
    table: Vec<u32>,
    /// The state after the opening `.`.
    start: u32,
    dot: u8,
}

impl HostDfa {
    /// Builds the table from an automaton over folded text. `fold(byte)`: the folded bytes of a raw host byte
    /// (empty when the byte cannot be in a plain host); `end(byte)`: whether the byte ends the host; `ends`:
    /// what reaching a match state means.
    pub(crate) fn new(
        automaton: &Matcher,
        fold: &dyn Fn(u8) -> Vec<u8>,
        end: &dyn Fn(u8) -> bool,
        ends: &dyn Fn(StateId) -> Ends,
    ) -> HostDfa {
        // Columns: every host byte (with `.` and `-` last), then END, then UNUSUAL.
        let mut host_bytes: Vec<(u8, Vec<u8>)> = (0u8..=255)
            .filter(|&b| b != b'.' && b != b'-')
            .map(|b| (b, fold(b)))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        host_bytes.push((b'.', fold(b'.')));
        host_bytes.push((b'-', fold(b'-')));
        assert!(
            host_bytes.iter().all(|(_, f)| !f.is_empty()),
            "`.` and `-` are host bytes"
        );
        let end_column = host_bytes.len();
        let stride = end_column + 2;
        let mut columns = [(end_column + 1) as u8; 256];
        for (column, (byte, _)) in host_bytes.iter().enumerate() {
            columns[usize::from(*byte)] = column as u8;
        }
        for byte in 0u8..=255 {
            if end(byte) {
                columns[usize::from(byte)] = end_column as u8;
            }
        }

        let (dot, dash) = (end_column - 2, end_column - 1);

        // What ending at each automaton state means, by state id (0: not looked at yet).
        let mut ends_at: Vec<u8> = Vec::new();
        let mut ends_of = |sid: StateId| {
            let i = sid as usize;
            if i >= ends_at.len() {
                ends_at.resize(i + 1, 0);
            }
            if ends_at[i] == 0 {
                let e = if !automaton.matches(sid).is_empty() {
                    ends(sid)
                } else {
                    Ends::default()
                };
                ends_at[i] = 1 | u8::from(e.hit) << 1 | u8::from(e.path) << 2;
            }
            Ends {
                hit: ends_at[i] & 2 != 0,
                path: ends_at[i] & 4 != 0,
            }
        };
        // Feeds folded bytes: the state reached and what ended on the way.
        let mut feed = |mut sid: StateId, bytes: &[u8]| {
            let mut seen = Ends::default();
            for &byte in bytes {
                sid = automaton.next(sid, byte);
                let e = ends_of(sid);
                seen.hit |= e.hit;
                seen.path |= e.path;
            }
            (sid, seen)
        };
        let (first, opening) = feed(Matcher::START, b".");
        assert!(!opening.hit && !opening.path, "no needle is a lone `.`");

        // A table state is an automaton state and the separator just read (none, `.` or `-`): a second one in
        // a row (an empty label, `--`) is `UNUSUAL`, so the scan needs no look back. The host starts as if
        // after a `.`, so a leading `.` is unusual too.
        let mut index: Vec<u32> = Vec::new();
        let mut order: Vec<(StateId, usize)> = Vec::new();
        let mut id_of = |sid: StateId, separator: usize, order: &mut Vec<(StateId, usize)>| {
            let key = sid as usize * 3 + separator;
            if key >= index.len() {
                index.resize(key + 1, u32::MAX);
            }
            if index[key] == u32::MAX {
                index[key] = order.len() as u32;
                order.push((sid, separator));
            }
            index[key]
        };
        id_of(first, 1, &mut order);
        let mut table: Vec<u32> = Vec::new();
        let mut next = 0;
        while next < order.len() {
            let (sid, separator) = order[next];
            next += 1;
            for (column, (_, folded)) in host_bytes.iter().enumerate() {
                let repeated =
                    (separator == 1 && column == dot) || (separator == 2 && column == dash);
                if repeated {
                    table.push(UNUSUAL);
                    continue;
                }
                let (to, seen) = feed(sid, folded);
                let entry = if seen.hit {
                    HIT
                } else {
                    let tag = if column == dot {
                        1
                    } else if column == dash {
                        2
                    } else {
                        0
                    };
                    let premultiplied = id_of(to, tag, &mut order) as usize * stride;
                    assert!(
                        premultiplied < PATH as usize,
                        "the screen's table outgrew its ids"
                    );
                    premultiplied as u32 | if seen.path { PATH } else { 0 }
                };
                table.push(entry);
            }
            table.push(END);
            table.push(UNUSUAL);
        }
        HostDfa {
            columns,
            table,
            start: 0,
            dot: dot as u8,
        }
    }

    /// Screens the host at the start of `authority` (a URL after `scheme://`), which ends at the first `/`,
    /// `?`, `#` or `:`, as `.host.` (a trailing `.` is the same host). `max_host`: longer hosts are `Unusual`.
    #[inline]
    pub(crate) fn scan(&self, authority: &[u8], max_host: usize) -> Scan {
        let table = &self.table[..];
        let step =
            |state: usize, byte: u8| table[state + usize::from(self.columns[usize::from(byte)])];
        let mut state = self.start as usize;
        let mut path = false;
        let mut i = 0;
        // Plain states are below `PATH`: the loops only stop for a sentinel or a `PATH` mark.
        let end = 'scan: loop {
            let (entry, at) = 'special: {
                // Eight bytes at a time while they last: no test for the end of the text per byte.
                while let Some(chunk) = authority[i..].first_chunk::<8>() {
                    for (k, &byte) in chunk.iter().enumerate() {
                        let entry = step(state, byte);
                        if entry >= PATH {
                            break 'special (entry, i + k);
                        }
                        state = entry as usize;
                    }
                    i += 8;
                }
                for (k, &byte) in authority[i..].iter().enumerate() {
                    let entry = step(state, byte);
                    if entry >= PATH {
                        break 'special (entry, i + k);
                    }
                    state = entry as usize;
                }
                break 'scan authority.len();
            };
            match entry {
                HIT => return Scan::Hit,
                UNUSUAL => return Scan::Unusual,
                END => break at,
                _ => {
                    path = true;
                    state = (entry - PATH) as usize;
                    i = at + 1;
                }
            }
        };
        if end == 0 || end > max_host {
            return Scan::Unusual;
        }
        // The closing `.`, unless the host ends with one (`zoom.us.` is zoom.us): a state just after a `.`
        // is the one whose `.` column is `UNUSUAL`. After a trailing `-`, a `.` is fed all the same.
        let closing = table[state + usize::from(self.dot)];
        if closing == HIT {
            return Scan::Hit;
        }
        if closing != UNUSUAL {
            path |= closing >= PATH;
        }
        Scan::Clear { end, path }
    }
}
