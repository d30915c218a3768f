#!/usr/bin/env python3
"""Writes tranco-top1m.txt and tranco-top10k.txt: the Tranco top-sites lists as shipped in the MISP warning lists
of the PyPI package pymispwarninglists 1.7.0 (MISP/PyMISPWarningLists, BSD-3-Clause): `lists/tranco/list.json`
(the top 1,000,000) and `lists/tranco10k/list.json` (the top 10,000), both version 20250115. MISP stores each list
sorted by name, without ranks, so the top 100,000 the issue names cannot be cut out: the whole top million (a
superset of it) is checked, and the top 10,000 is kept to say which alarms fall among the most popular sites.
Reproduce:

    pip download --no-deps pymispwarninglists==1.7.0 -d /tmp/misp
    sha256sum /tmp/misp/pymispwarninglists-1.7.0-py3-none-any.whl   # 18b0922a6334e20850b7ab84a0d9e52746302abc36ec034ecc141fb2db67d4a7
    python3 tests/data/real/tranco-extract.py /tmp/misp/pymispwarninglists-1.7.0-py3-none-any.whl tests/data/real
"""

import json
import sys
import zipfile

wheel, out = sys.argv[1], sys.argv[2]
lists = "pymispwarninglists/data/misp-warninglists/lists"
for name, file in [("tranco", "tranco-top1m.txt"), ("tranco10k", "tranco-top10k.txt")]:
    data = json.loads(zipfile.ZipFile(wheel).read(f"{lists}/{name}/list.json"))
    # Tranco writes a few `_wildcard_.<suffix>` placeholders (wildcard DNS under a public suffix): not hosts.
    hosts = sorted(set(h.strip().lower() for h in data["list"] if h.strip() and not h.startswith("_wildcard_.")))
    with open(f"{out}/{file}", "w", encoding="ascii") as f:
        f.write(f"# {data['name']}: MISP warning list `{name}` version {data['version']}, from PyPI pymispwarninglists 1.7.0.\n")
        f.write("# Written by tranco-extract.py (sorted by name; MISP keeps no ranks); do not edit by hand. See README.md.\n")
        for host in hosts:
            f.write(host + "\n")
    print(f"{file}: {len(hosts)} hosts", file=sys.stderr)
