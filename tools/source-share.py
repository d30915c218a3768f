#!/usr/bin/env python3
"""Share of primary sources among the vendor database's fact sources (issue 12's measure), per vendor.

usage: python3 tools/source-share.py [RULES_DIR] [VENDOR_ID ...]
       (defaults: rules/vendors and the 20 vendors issue 12 names)

A source is *primary* when its address is on one of the vendor's own domains (the file's `[domains] official`
list, plus the company domains below that host policies and help centres) or a regulator's. Facts are e2ee,
recording_notice, identity_providers, open_source, self_hostable and every data_practices.* table. A fact is
*stale* when every source is dated more than two years before REF_DATE and no claim says it is the latest
there is ("latest" in the claim). Standard library only (tomllib, Python 3.11+).
"""
import pathlib
import re
import sys
import tomllib
from urllib.parse import urlparse

REF_DATE = (2026, 12, 3)
ISSUE_12 = ["zoom", "teams", "meet", "webex", "goto", "whereby", "jitsi", "slack", "discord", "facetime",
            "whatsapp", "signal", "element", "wire", "bigbluebutton", "ringcentral", "zoho", "dialpad",
            "livestorm", "8x8"]
# Company domains where vendors publish policies and help pages but that are not meeting domains.
COMPANY = {
    "zoom": ["zoom.us", "zoom.com", "zoomgov.com"],
    "teams": ["microsoft.com", "microsoft365.com", "office.com", "github.com/MicrosoftDocs/"],
    "meet": ["google.com", "blog.google", "googleblog.com", "workspace.google.com", "withgoogle.com"],
    "webex": ["webex.com", "cisco.com"],
    "goto": ["goto.com", "gotomeeting.com", "logmein.com", "logmeininc.com", "gotomeet.me"],
    "whereby": ["whereby.com", "whereby.helpscoutdocs.com", "whereby.frontkb.com", "github.com/whereby/"],
    "jitsi": ["jitsi.org", "jit.si", "jitsi.net", "jitsi.github.io", "github.com/jitsi/", "8x8.com", "8x8.vc"],
    "slack": ["slack.com", "slack-gov.com", "slack.engineering", "salesforce.com"],
    "discord": ["discord.com", "discord.gg", "discordapp.com", "github.com/discord/"],
    "facetime": ["apple.com", "support.apple.com", "help.apple.com"],
    "whatsapp": ["whatsapp.com", "meta.com", "facebook.com", "fb.com"],
    "messenger": ["facebook.com", "fb.com", "meta.com"],
    "signal": ["signal.org", "github.com/signalapp/"],
    "element": ["element.io", "matrix.org", "github.com/element-hq/", "github.com/matrix-org/"],
    "wire": ["wire.com", "github.com/wireapp/"],
    "bigbluebutton": ["bigbluebutton.org", "github.com/bigbluebutton/"],
    "ringcentral": ["ringcentral.com", "ringcentral.co.uk"],
    "zoho": ["zoho.com", "zoho.eu", "zoho.in"],
    "dialpad": ["dialpad.com"],
    "livestorm": ["livestorm.co"],
    "8x8": ["8x8.com", "8x8.vc", "jitsi.org", "jit.si", "github.com/jitsi/"],
}
REGULATORS = ["berlin.de", "datenschutz-berlin.de", "ftc.gov", "ncsc.nl", "autoriteitpersoonsgegevens.nl",
              "edpb.europa.eu", "europa.eu", "ico.org.uk", "cnil.fr", "dataprotection.ie", "bfdi.bund.de",
              "rijksoverheid.nl", "government.nl", "sec.gov"]
FACTS = ["e2ee", "recording_notice", "identity_providers", "open_source", "self_hostable"]


def on(url, needles):
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    for needle in needles:
        if "/" in needle:
            if (host + parsed.path).lower().startswith(needle.lower()):
                return True
        elif host == needle or host.endswith("." + needle):
            return True
    return False


def older_than_two_years(date):
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(date))
    if not match:
        return False
    when = (int(match.group(1)), int(match.group(2) or 12), int(match.group(3) or 28))
    year, month, day = REF_DATE
    return when < (year - 2, month, day)


def fact_tables(doc):
    for name in FACTS:
        if name in doc:
            yield name, doc[name]
    for name, table in doc.get("data_practices", {}).items():
        yield f"data_practices.{name}", table


def main():
    args = sys.argv[1:]
    rules = pathlib.Path(args.pop(0)) if args and pathlib.Path(args[0]).is_dir() else pathlib.Path("rules/vendors")
    vendors = args or ISSUE_12
    total = [0, 0, 0]
    for vendor in vendors:
        path = rules / f"{vendor}.toml"
        if not path.is_file():
            sys.exit(f"source-share: {path}: no such vendor file (vendor ids are the file names in {rules})")
        doc = tomllib.loads(path.read_text())
        own = COMPANY.get(vendor, []) + doc.get("domains", {}).get("official", []) + REGULATORS
        sources = [source for _, table in fact_tables(doc) for source in table.get("sources", [])]
        primary = sum(on(source["url"], own) for source in sources)
        stale = sum(
            1 for _, table in fact_tables(doc)
            if table.get("sources")
            and all(older_than_two_years(s["date"]) for s in table["sources"])
            and not any("latest" in s["claim"].lower() for s in table["sources"])
        )
        print(f"{vendor:14} fact sources {len(sources):3}  primary {primary:3} "
              f"({100 * primary / max(len(sources), 1):5.1f} %)  stale facts {stale}")
        total = [total[0] + len(sources), total[1] + primary, total[2] + stale]
    print(f"{'total':14} fact sources {total[0]:3}  primary {total[1]:3} "
          f"({100 * total[1] / max(total[0], 1):5.1f} %)  stale facts {total[2]}")


main()
