#!/usr/bin/env python3
"""Writes tranco-top1m.txt and tranco-top10k.txt (and, since session 31, crux-top1m.txt and umbrella-top20k.txt, below): the Tranco top-sites lists as shipped in the MISP warning lists
of the PyPI package pymispwarninglists 1.7.0 (MISP/PyMISPWarningLists, BSD-3-Clause): `lists/tranco/list.json`
(the top 1,000,000) and `lists/tranco10k/list.json` (the top 10,000), both version 20250115. MISP stores each list
sorted by name, without ranks, so the top 100,000 the issue names cannot be cut out: the whole top million (a
superset of it) is checked, and the top 10,000 is kept to say which alarms fall among the most popular sites.
Reproduce:

    pip download --no-deps pymispwarninglists==1.7.0 -d /tmp/misp
    sha256sum /tmp/misp/pymispwarninglists-1.7.0-py3-none-any.whl   # 18b0922a6334e20850b7ab84a0d9e52746302abc36ec034ecc141fb2db67d4a7
    python3 tests/data/real/tranco-extract.py /tmp/misp/pymispwarninglists-1.7.0-py3-none-any.whl tests/data/real

Session 31 (batch s31, README "Full host names") adds two more lists of the same wheel, both version 20251223 and
both full host names rather than registrable domains: `google-chrome-crux-1million` (the Chrome UX Report's top
million origins) to crux-top1m.txt and `cisco_top20k` (the Cisco Umbrella top 20,000 DNS names) to
umbrella-top20k.txt. Every entry is taken; one that is not a host name is left out and counted on stderr.
"""

import json
import re
import sys
import zipfile

wheel, out = sys.argv[1], sys.argv[2]
lists = "pymispwarninglists/data/misp-warninglists/lists"
# A host name as the lists write one: lowercase letters, digits, '-', '_' (some DNS names carry it) and dots, with
# at least one dot and no empty label. Anything else (a scheme, a path, a port, a `*`) is not a host.
HOST = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+")
for name, file in [
    ("tranco", "tranco-top1m.txt"),
    ("tranco10k", "tranco-top10k.txt"),
    ("google-chrome-crux-1million", "crux-top1m.txt"),
    ("cisco_top20k", "umbrella-top20k.txt"),
]:
    data = json.loads(zipfile.ZipFile(wheel).read(f"{lists}/{name}/list.json"))
    entries = set(h.strip().lower() for h in data["list"])
    # Tranco writes a few `_wildcard_.<suffix>` placeholders (wildcard DNS under a public suffix): not hosts.
    hosts = sorted(h for h in entries if HOST.fullmatch(h) and not h.startswith("_wildcard_."))
    with open(f"{out}/{file}", "w", encoding="ascii") as f:
        f.write(f"# {data['name']}: MISP warning list `{name}` version {data['version']}, from PyPI pymispwarninglists 1.7.0.\n")
        f.write("# Written by tranco-extract.py (sorted by name; MISP keeps no ranks); do not edit by hand. See README.md.\n")
        for host in hosts:
            f.write(host + "\n")
    print(f"{file}: {len(hosts)} hosts of {len(data['list'])} entries ({len(entries) - len(hosts)} left out as not host names, {len(data['list']) - len(entries)} duplicates)", file=sys.stderr)
