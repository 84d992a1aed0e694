#!/usr/bin/env python3
"""Extracts the Wikidata ids that the Research Organization Registry (ROR) gives French
organisations into data/kb-sources/ror.tsv, for scripts/build_kb.py.

ROR (https://ror.org, data CC0) publishes each record with its names (`ror_display`,
`label`, `alias`, `acronym`; schema 1.x: `name`, `labels`, `aliases`, `acronyms`) and its
`external_ids`, among them the `wikidata` item. The git repository
`ror-community/ror-records` holds, per release folder (`v1.0/` ... `v2.x/`), the JSON of
every record that release added or changed. This script reads every `*.json` blob of the
given commit with `git cat-file`, keeps for each ROR id the record of the newest release
(version order of the folder names; in a tie, the schema-2 file), and writes the records
located in France (`locations[].geonames_details.country_code` or schema 1.x
`country.country_code` = FR) that carry a Wikidata id. Ids an older release of the same
record gave and the newest one no longer does are written in `former` (none is used by the
build). Nothing is typed by hand.

Usage (the repository brought here with the search service's `fetch`):
  python3 scripts/extract_ror.py --ror-git /work/.mirror/ror-community+ror-records/repo \
      --commit d93fc667872f8ef9386896bd6c68bd3c6103603e
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "ror.tsv"
QID = re.compile(r"^Q[1-9][0-9]*$")
RELEASE = re.compile(r"^v(\d+)\.(\d+)(?:\.(\d+))?$")


def clean(text):
    return re.sub(r"\s+", " ", (text or "").replace("|", "/")).strip()


def wikidata_ids(rec):
    ext = rec.get("external_ids") or []
    ids = []
    if isinstance(ext, dict):  # schema 1.x: {"Wikidata": {"preferred": ..., "all": [...]}}
        ext = [dict(v, type=k) for k, v in ext.items() if isinstance(v, dict)]
    for e in ext:
        if str(e.get("type", "")).lower() != "wikidata":
            continue
        values = e.get("all") or []
        if isinstance(values, str):
            values = [values]
        pref = e.get("preferred")
        for v in ([pref] if pref else []) + list(values):
            v = (v or "").strip().rsplit("/", 1)[-1]
            if QID.match(v) and v not in ids:
                ids.append(v)
    return ids


def _dedupe(xs):
    """Non-empty items, first occurrence kept, in order."""
    return list(dict.fromkeys(x for x in xs if x))


def names_of(rec):
    """(names, acronyms): display name, labels and aliases; acronyms apart."""
    names, acronyms = [], []
    if "names" in rec:
        for n in rec["names"]:
            (acronyms if "acronym" in (n.get("types") or []) else names).append(clean(n.get("value")))
    else:
        names.append(clean(rec.get("name")))
        names += [clean(a) for a in rec.get("aliases") or []]
        names += [clean(label.get("label")) for label in rec.get("labels") or []]
        acronyms += [clean(a) for a in rec.get("acronyms") or []]
    return _dedupe(names), _dedupe(acronyms)


def countries(rec):
    if "locations" in rec:
        return {(loc.get("geonames_details") or {}).get("country_code") for loc in rec["locations"] or []}
    return {(rec.get("country") or {}).get("country_code")}


def types_of(rec):
    return sorted({t.lower() for t in rec.get("types") or []})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ror-git", required=True, help="git directory of ror-community/ror-records")
    ap.add_argument("--commit", required=True)
    ap.add_argument("--country", default="FR")
    args = ap.parse_args()
    git = ["git", "-C", args.ror_git]
    tree = subprocess.run(git + ["ls-tree", "-r", args.commit], capture_output=True, text=True, check=True).stdout
    blobs = []
    for line in tree.splitlines():
        meta, path = line.split("\t", 1)
        top = path.split("/", 1)[0]
        m = RELEASE.match(top)
        if not m or not path.endswith(".json") or meta.split()[1] != "blob":
            continue
        version = tuple(int(x or 0) for x in m.groups())
        blobs.append((version, path, meta.split()[2]))
    blobs.sort()
    cat = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    newest, seen_ids = {}, {}
    for version, path, sha in blobs:
        cat.stdin.write(f"{sha}\n".encode())
        cat.stdin.flush()
        size = int(cat.stdout.readline().split()[2])
        data = cat.stdout.read(size)
        cat.stdout.read(1)
        try:
            rec = json.loads(data)
        except ValueError:
            continue
        if not isinstance(rec, dict) or not str(rec.get("id", "")).startswith("https://ror.org/"):
            continue
        rid = rec["id"].rsplit("/", 1)[-1]
        seen_ids.setdefault(rid, set()).update(wikidata_ids(rec))
        key = (version, "/v2/" in path or path.count("/") == 1)
        if rid not in newest or newest[rid][0] <= key:
            newest[rid] = (key, path, rec)
    cat.stdin.close()
    cat.wait()
    rows = []
    for rid, (_, path, rec) in sorted(newest.items()):
        if args.country not in countries(rec):
            continue
        ids = wikidata_ids(rec)
        if not ids:
            continue
        names, acronyms = names_of(rec)
        former = sorted(seen_ids[rid] - set(ids), key=lambda q: int(q[1:]))
        rows.append([rid, "|".join(ids), "|".join(names), "|".join(acronyms), "|".join(types_of(rec)),
                     rec.get("status") or "", "|".join(former), path])
    OUT.write_text(
        f"# source: ror-community/ror-records @ {args.commit} (Research Organization Registry, data CC0):\n"
        f"# the newest release's JSON of every record located in {args.country} that carries a Wikidata id;\n"
        "# names = display name, labels and aliases; qid = the record's wikidata external id(s); former = ids\n"
        "# an older release gave; path = the file read. Written by scripts/extract_ror.py\n"
        + "\t".join(["ror", "qid", "names", "acronyms", "types", "status", "former", "path"]) + "\n"
        + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} records of {len(newest)} read", file=sys.stderr)


if __name__ == "__main__":
    main()
