#!/usr/bin/env python3
"""Writes src/text/html/entities.rs: every named character reference of the HTML standard (its table,
https://html.spec.whatwg.org/multipage/named-characters.html, as JSON at
https://html.spec.whatwg.org/entities.json, which Python's html.entities.html5 carries; its Python version is
named in the output).
  python3 tools/html-entities.py > src/text/html/entities.rs
Each row is (name without `&` and `;`, what it stands for, whether the name also works without its `;`, as the
106 legacy names do). 93 names stand for two characters (Python 3.11's table): a combining mark, a variation
selector or a space after the first, or `fjlig`'s "fj"; both are kept."""
import html.entities as h
import sys

full = {k[:-1]: v for k, v in h.html5.items() if k.endswith(';')}
legacy = {k for k in h.html5 if not k.endswith(';')}
assert legacy <= set(full)
assert all(1 <= len(v) <= 2 for v in full.values())
names = sorted(full, key=lambda s: s.encode())

def text(value):
    out = []
    for c in value:
        if c in '"\\':
            out.append('\\' + c)
        elif 0x20 <= ord(c) < 0x7f:
            out.append(c)
        else:
            out.append(f'\\u{{{ord(c):x}}}')
    return '"' + ''.join(out) + '"'

print(f"""//! The HTML standard's named character references, sorted by name (bytes), for `html::named_entity`:
//! written by `python3 tools/html-entities.py > src/text/html/entities.rs` (Python {sys.version.split()[0]}'s
//! html.entities.html5, WHATWG's entities.json). A page writes `&period;` or `&Tab;` into a link and the browser
//! follows the decoded address: a list of the names invitations use let such a link through unread.

/// (name, the one or two characters it stands for, also without its `;`).
pub(super) const NAMED: &[(&str, &str, bool)] = &[""")
for n in names:
    print(f'    ("{n}", {text(full[n])}, {"true" if n in legacy else "false"}),')
print("];")
