#!/usr/bin/env python3
"""Writes hsts-preload-domains.txt: every host named in the Chromium HSTS preload list as shipped by the PyPI
package hstspreload 2025.1.1 (sethmlarson/hstspreload, BSD-3-Clause), one a line, sorted; whole TLD entries
(no dot) are left out. Reproduce:

    pip download --no-deps hstspreload==2025.1.1 -d /tmp/hsts
    sha256sum /tmp/hsts/hstspreload-2025.1.1-py3-none-any.whl   # 02bd5b0885b62f0d5239ca6c6876ffcad8d9c08dc97cee54292598141a16e9dc
    python3 tests/data/real/hsts-preload-extract.py /tmp/hsts/hstspreload-2025.1.1-py3-none-any.whl > tests/data/real/hsts-preload-domains.txt

The package stores the list as a label trie (hstspreload.bin) indexed by per-layer jump tables in its
__init__.py; this walks every entry of every table and keeps the leaves (complete hosts)."""

import sys
import zipfile

wheel = sys.argv[1]
sys.path.insert(0, wheel)  # a pure-Python wheel is importable as a zip
import hstspreload  # noqa: E402

data = zipfile.ZipFile(wheel).read("hstspreload/hstspreload.bin")
hosts = set()
for layer in hstspreload._JUMPTABLE:
    for jump in layer:
        if jump is None:
            continue
        start, size = jump
        for is_leaf, _subdomains, label in hstspreload._iter_entries(bytearray(data[start : start + size])):
            if is_leaf and b"." in label:
                hosts.add(label.decode("ascii"))
print("# Hosts in the Chromium HSTS preload list, from PyPI hstspreload 2025.1.1 (BSD-3-Clause); see README.md.")
print("# Written by hsts-preload-extract.py; do not edit by hand.")
for host in sorted(hosts):
    print(host)
