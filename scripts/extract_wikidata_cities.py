#!/usr/bin/env python3
"""Writes data/kb-sources/wikidata-cities.tsv: the item, English label and population of every
city of a Wikidata query export, for scripts/build_kb.py.

The export is a file that is itself the output of a Wikidata query pairing an item
(`http://www.wikidata.org/entity/Q…`) with its label and population: gparlakov/tinySearch
apps/tiny-server/src/cities.ts at commit dda12c7e84b0094e4a96479a54c35fd0fb84f466 (the 4,539
cities of at least 100,000 inhabitants; Wikidata is CC0). scripts/extract_communes.py reads the
same file for the French communes.

build_kb.py uses a label only where it names one item of the export: it confirms a
hand-written city row's QID claim ("Rome", "Madrid", "Washington, D.C."), as the other sources
do, and gives a hand-written city row without claim the item of its English name. Cities of
twelve countries (AU BR DE ES FR IN IT MX PH RO RU US) are missing from the Countries States
Cities snapshot, so this is their only source.

Usage:
  python3 scripts/extract_wikidata_cities.py \\
      --wikidata-cities gparlakov/tinySearch@dda12c7e84b0094e4a96479a54c35fd0fb84f466=cities.ts
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "wikidata-cities.tsv"
ENTITY = re.compile(r'"url"\s*:\s*"https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)"\s*,\s*'
                    r'"cityLabel"\s*:\s*"([^"\t\n]*)"\s*,\s*"population"\s*:\s*"([0-9.]+)"')


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wikidata-cities", required=True, metavar="LABEL=PATH")
    args = p.parse_args()
    label, _, path = args.wikidata_cities.partition("=")
    if not path:
        sys.exit(f"--wikidata-cities {args.wikidata_cities}: expected LABEL=PATH")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        sys.exit(f"{path}: cannot read: {e}")
    found = ENTITY.findall(text)
    if not found:
        sys.exit(f"{path}: no Wikidata query results found")
    rows, seen = [], set()
    for qid, name, pop in found:
        if qid in seen:
            continue
        seen.add(qid)
        rows.append((qid, name, str(int(float(pop)))))
    rows.sort(key=lambda r: (-int(r[2]), r[1], r[0]))
    lines = [
        f"# source: {label} (output of a Wikidata query: item, English label, population; Wikidata is CC0)",
        "# written by scripts/extract_wikidata_cities.py",
        "qid\tlabel\tpopulation",
    ] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} cities")


if __name__ == "__main__":
    main()
