#!/usr/bin/env python3
"""Writes src/text/html/entities.rs: every named character reference of the HTML standard (WHATWG's
entities.json, which Python's html.entities.html5 carries; its Python version is named in the output).
  python3 tools/html-entities.py > src/text/html/entities.rs
Each row is (name without `&` and `;`, its first character, whether the name also works without its `;`, as the
106 legacy names do). 92 names stand for two characters; the second is a combining mark, a variation selector or
a space, except `fjlig` ("fj"), and is dropped."""
import html.entities as h
import sys

full = {k[:-1]: v for k, v in h.html5.items() if k.endswith(';')}
legacy = {k for k in h.html5 if not k.endswith(';')}
assert legacy <= set(full)
names = sorted(full, key=lambda s: s.encode())

def char(c):
    if c == "'":
        return "'\\''"
    if c == '\\':
        return "'\\\\'"
    if 0x20 < ord(c) < 0x7f:
        return f"'{c}'"
    return f"'\\u{{{ord(c):x}}}'"

print(f"""//! The HTML standard's named character references, sorted by name (bytes), for `html::named_entity`:
//! written by `python3 tools/html-entities.py > src/text/html/entities.rs` (Python {sys.version.split()[0]}'s
//! html.entities.html5, WHATWG's entities.json). A page writes `&period;` or `&Tab;` into a link and the browser
//! follows the decoded address: a list of the names invitations use let such a link through unread.

/// (name, its first character, also without its `;`).
pub(super) const NAMED: &[(&str, char, bool)] = &[""")
for n in names:
    print(f'    ("{n}", {char(full[n][0])}, {"true" if n in legacy else "false"}),')
print("];")
