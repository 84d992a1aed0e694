#!/usr/bin/env python3
"""Extracts organisation QIDs from the name-suggestion-index (NSI) npm package into
data/kb-sources/nsi.tsv, for scripts/build_kb.py.

The NSI (npm `name-suggestion-index`, BSD-3-Clause) pairs the brands, operators and
networks that OpenStreetMap features carry with their Wikidata items, and ships, in
dist/wikidata/wikidata.json, each item's English Wikidata label and description (Wikidata
itself is CC0). Companies, state agencies, ministries, unions, international organisations
and transport operators are among them. This script copies, for every QID that an NSI entry
uses as `brand:wikidata`, `operator:wikidata`, `network:wikidata` or `subject:wikidata`
(never `not:brand:wikidata`, which marks a brand an entry is *not*), the label, the
description and the roles; items whose description names a place, a person, a flag or a
Wikimedia page are left out (build_kb.py links organisations only). Nothing is typed by hand.

Usage (the tarball comes from `npm pack name-suggestion-index@8.0.20260918`):
  python3 scripts/extract_nsi.py --nsi-tgz name-suggestion-index-8.0.20260918.tgz
"""
import argparse
import json
import re
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "nsi.tsv"
ROLES = ("brand", "operator", "network", "subject")
# Descriptions of items that are not organisations (the subject of a flag, a place, a
# person): the linker's organisation rows must not take their ids.
NOT_ORG = re.compile(
    r"\b(city|town|village|commune|municipality|county|district|province|country in|"
    r"country of|autonomous countries|island nation|continent|sovereign state|territory|region|department|"
    r"state of|island|river|mountain|human settlement|capital|borough|prefecture|flag|"
    r"coat of arms|Wikimedia|given name|family name|surname|human|person|politician|"
    r"footballer|actor|singer)\b", re.I)
# "country on the coast of West Africa", "former country within ...".
PLACE_START = re.compile(r"^(former )?(country|island|archipelago)\b", re.I)
QID = re.compile(r"^Q[1-9][0-9]*$")


def member(tar, name):
    try:
        f = tar.extractfile(name)
    except KeyError:
        sys.exit(f"{name}: not in the tarball")
    if f is None:
        sys.exit(f"{name}: not a file in the tarball")
    return json.load(f)


def clean(text):
    return re.sub(r"\s+", " ", text or "").strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nsi-tgz", type=Path, required=True)
    args = parser.parse_args()
    with tarfile.open(args.nsi_tgz) as tar:
        package = member(tar, "package/package.json")
        nsi = member(tar, "package/dist/json/nsi.json")["nsi"]
        wikidata = member(tar, "package/dist/wikidata/wikidata.json")
    items = wikidata["wikidata"]
    roles = defaultdict(set)
    for entries in nsi.values():
        for entry in entries.get("items", []):
            for key, value in entry.get("tags", {}).items():
                role, _, suffix = key.partition(":")
                if suffix != "wikidata" or role not in ROLES:
                    continue
                for qid in value.split(";"):
                    qid = qid.strip()
                    if QID.match(qid):
                        roles[qid].add(role)
    rows = []
    for qid in sorted(roles, key=lambda q: int(q[1:])):
        item = items.get(qid) or {}
        label, description = clean(item.get("label")), clean(item.get("description"))
        if not label or NOT_ORG.search(description) or PLACE_START.search(description):
            continue
        rows.append((qid, label, description, "|".join(sorted(roles[qid]))))
    version = package.get("version", "?")
    lines = [
        f"# source: npm name-suggestion-index@{version} (BSD-3-Clause), dist/json/nsi.json and "
        f"dist/wikidata/wikidata.json (generated {wikidata.get('_meta', {}).get('generated', '?')})",
        "# English Wikidata label and description of each item used as brand, operator, network or "
        "subject (Wikidata is CC0); written by scripts/extract_nsi.py",
        "qid\tlabel\tdescription\troles",
    ] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} items")


if __name__ == "__main__":
    main()
