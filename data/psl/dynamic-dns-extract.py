#!/usr/bin/env python3
"""Writes dynamic-dns.txt: the suffixes of the Public Suffix List's private section (public_suffix_list.dat
beside this file) that dynamic-DNS services hand out, one name for free to anyone who signs up (`<name>.ddns.net`):
every rule of the list's blocks of the providers below, as each block's header names it. Which services are
dynamic DNS: Maltrail's list of dynamic-DNS domains (https://github.com/stamparm/maltrail,
trails/static/suspicious/dynamic_domain.txt, which cites each provider's sign-up page) names No-IP, Dynu, DuckDNS,
DynDNS, ChangeIP, dnsdynamic, duiadns and others; the blocks kept are those of such services that are on the
Public Suffix List (ChangeIP's and most smaller ones are not), and ddnss.de, dnsHome, dynv6 and Now-DNS, which
describe themselves as dynamic-DNS services on the pages their blocks cite. Reproduce:

    python3 data/psl/dynamic-dns-extract.py data/psl/public_suffix_list.dat > data/psl/dynamic-dns.txt
"""

import sys

# Block headers (the text before ` : `) of the providers kept.
PROVIDERS = ["ddnss.de", "dnsHome", "DuckDNS", "DynDNS.com", "Dynu.com", "dynv6", "No-IP.com", "Now-DNS"]

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, line in enumerate(lines) if "===BEGIN PRIVATE DOMAINS===" in line)
block, rules = None, {}
for line in lines[start + 1:]:
    line = line.strip()
    if line.startswith("// ") and " : " in line and not line.startswith("// Submitted"):
        block = line[3:].split(" : ")[0]
        continue
    if not line or line.startswith("//"):
        if not line:
            block = None
        continue
    if block in PROVIDERS:
        rules.setdefault(block, []).append(line)
missing = [p for p in PROVIDERS if p not in rules]
if missing:
    sys.exit(f"no block for {missing} in {sys.argv[1]}: check the providers' headers")
print("# Dynamic-DNS suffixes of the Public Suffix List's private section (data/psl/dynamic-dns-extract.py writes")
print("# this file from public_suffix_list.dat; see the script for the sources). One suffix a line, by provider.")
for provider in PROVIDERS:
    print(f"# {provider}")
    for rule in rules[provider]:
        print(rule)
