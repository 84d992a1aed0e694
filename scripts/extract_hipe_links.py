#!/usr/bin/env python3
"""Writes data/kb-sources/hipe-links.tsv: the Wikidata ids that the HIPE gold annotations link
to PER/ORG/LOC mentions of historic French newspapers, outside the HIPE-2020 French dev set
that frner is measured on.

Inputs (--tsv LABEL=PATH, repeatable): HIPE TSV files (columns TOKEN, NE-COARSE-LIT, ...,
NEL-LIT, MISC), read from the public repositories of the shared tasks:
  impresso/CLEF-HIPE-2020 @ be6f4aa65753e06b4ee4fa548ef50439c7e804c8:
    data/v1.4/fr/HIPE-data-v1.4-test-fr.tsv, data/training-v0.9/fr/HIPE-data-v0.9-train-fr.tsv
  hipe-eval/HIPE-2022-data @ 147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea:
    data/v2.1/letemps/fr/HIPE-2022-v2.1-letemps-{dev,test}-fr.tsv,
    data/v2.1/newseye/fr/HIPE-2022-v2.1-newseye-{dev,dev2,test}-fr.tsv
The annotations are CC BY-NC-SA 4.0; only (surface, type, QID, count) facts are kept, and the
ids are Wikidata's (CC0). --exclude-docs FILE (the HIPE-2020 dev set,
../shared/data/hipe2020-fr/dev.tsv) drops every document of that file, so the dev set stays
an independent measure.

scripts/build_kb.py uses a surface only where every mention of it in these files links to the
same id.

Usage:
  python3 scripts/extract_hipe_links.py --exclude-docs ../shared/data/hipe2020-fr/dev.tsv \\
      --tsv CLEF-HIPE-2020@be6f4aa...:data/v1.4/fr/HIPE-data-v1.4-test-fr.tsv=PATH ...
"""
import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "hipe-links.tsv"
TYPES = {"pers": "PER", "org": "ORG", "loc": "LOC"}
QID = re.compile(r"^Q[1-9][0-9]*$")
DOC = re.compile(r"^#\s*(?:hipe2022:)?document_id\s*=\s*(\S+)")


def doc_ids(path):
    return {m.group(1) for line in open(path, encoding="utf-8") if (m := DOC.match(line))}


def mentions(path, skip_docs):
    """(type, surface, qid) of every linked PER/ORG/LOC mention outside `skip_docs`."""
    out, cur, doc = [], None, None
    header = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = DOC.match(line)
            if m:
                doc, cur = m.group(1), None
                continue
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[0] == "TOKEN":
                header = {c: i for i, c in enumerate(cells)}
                continue
            if header is None or len(cells) < len(header):
                sys.exit(f"{path}:{n}: row before the header or too short")
            tag, qid, misc = cells[header["NE-COARSE-LIT"]], cells[header["NEL-LIT"]], cells[header["MISC"]]
            if tag.startswith("B-") and doc not in skip_docs:
                cur = {"type": TYPES.get(tag[2:]), "text": "", "qid": qid}
                out.append(cur)
            elif not (tag.startswith("I-") and cur):
                cur = None
                continue
            cur["text"] += cells[0] + ("" if "NoSpaceAfter" in misc else " ")
    return [(m["type"], " ".join(m["text"].split()), m["qid"]) for m in out
            if m["type"] and QID.match(m["qid"])]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tsv", action="append", required=True, metavar="LABEL=PATH")
    p.add_argument("--exclude-docs", type=Path, required=True)
    args = p.parse_args()
    skip = doc_ids(args.exclude_docs)
    if not skip:
        sys.exit(f"{args.exclude_docs}: no document ids")
    counts = Counter()
    sources = defaultdict(set)
    labels = []
    for spec in args.tsv:
        label, _, path = spec.partition("=")
        if not path:
            sys.exit(f"--tsv {spec}: expected LABEL=PATH")
        labels.append(label)
        for key in mentions(path, skip):
            counts[key] += 1
            sources[key].add(len(labels))
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1].lower(), -kv[1], kv[0][2]))
    lines = ["# source: HIPE gold entity links (CC BY-NC-SA 4.0 annotations; Wikidata ids CC0), outside the "
             "documents of the HIPE-2020 French dev set; files:"]
    lines += [f"#   {i}: {lab}" for i, lab in enumerate(labels, 1)]
    lines += ["# written by scripts/extract_hipe_links.py", "type\tsurface\tqid\tmentions\tfiles"]
    lines += [f"{t}\t{s}\t{q}\t{n}\t{','.join(map(str, sorted(sources[(t, s, q)])))}" for (t, s, q), n in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} (type, surface, QID) facts from {sum(counts.values())} mentions")


if __name__ == "__main__":
    main()
