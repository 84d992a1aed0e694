#!/usr/bin/env python3
"""Writes data/news-dev/qids.tsv: the Wikidata id of each PER/ORG/LOC mention of the news dev
set (data/news-dev/src/) for which one of the linking table's verified sources
(data/kb-sources/: Countries States Cities, Natural Earth, EveryPolitician/Wikidata,
the name-suggestion-index's Wikidata labels, the French ROR records, confirmed.tsv, the French
communes whose id two sources agree on) pairs exactly one QID with the mention's text, and the table row carrying that
QID has the mention's type (so the club "Marseille", an ORG, never receives the city's id).
A one-word person mention takes the QID of an earlier full mention of the same document
ending with that word ("Lecornu" after "Sébastien Lecornu"). Nothing is typed by hand, and no
QID is guessed: a mention no source names, or that sources pair with several QIDs, gets none.

scripts/news_markup_to_jsonl.py then adds `"qid"` to those entities of dev.jsonl.

Run with the table's build environment (it reads the sources as scripts/build_kb.py does):
  .kbvenv/bin/python scripts/news_dev_qids.py

To measure linking on another set without writing into it (the held-out test set, whose gold
file stays without ids), give its sources and write the ids and a gold copy elsewhere:
  .kbvenv/bin/python scripts/news_dev_qids.py --src data/news-test/src \
      --out /tmp/news-test-qids.tsv --jsonl /tmp/news-test-qids.jsonl
  target/release/frner eval --gold /tmp/news-test-qids.jsonl

With --independent, an id's type is the one its source gives (places, officeholders, parties,
ROR records), not the table row's, so that ids the table lacks count as misses: the linking
figures then measure coverage as well as disambiguation. Ids of sources that do not type them
(confirmed.tsv, the name-suggestion-index, the Wikidata city export) still count only where the
table types them. The committed qids.tsv is written without it.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_kb  # noqa: E402  (the sources and the alias normalization of the table build)
import news_markup_to_jsonl as markup  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "news-dev" / "qids.tsv"


def name_index(src):
    """Normalized name -> {QID: condition}. The condition is None (always usable) or the QID
    of a country that must be named in the same dispatch (a foreign city that is not a
    capital). Only sources whose pairing is reliable are used: countries (when the two
    sources agree), French divisions, cities the database types as city or capital (its
    districts and "adm" areas carry the city's name but another item), officeholders, and
    the hand-checked confirmed.tsv."""
    index = {}
    source_type = {}  # QID -> the type its source gives it (None: the source does not say)

    def add(qid, names, condition=None, kind=None):
        # The first source that types an id types it; untyped sources never erase a type.
        if not source_type.get(qid):
            source_type[qid] = kind
        for n in names:
            if n:
                index.setdefault(build_kb.alias_key(n), {})[qid] = condition

    country_qid = {}
    for iso2, r in src.countries.items():
        qid = src.country_qid(iso2)
        if qid:
            country_qid[iso2] = qid
            add(qid, [r["name_en"], r["name_fr_csc"], r["name_fr_ne"], r["native"]], kind="LOC")
    for r in src.states:
        if r["country"] == "FR":
            add(r["qid"], [r["name"], r["native"]], kind="LOC")
    for r in src.cities:
        if r["type"] not in ("city", "capital") or build_kb.qid_number(r["qid"]) >= build_kb.CITY_QID_MAX:
            continue
        condition = None if r["type"] == "capital" else country_qid.get(r["country"], "none")
        add(r["qid"], [r["name"], r["name_fr"], r["native"]], condition, kind="LOC")
    for r in src.people:
        add(r["qid"], [r["name"]], kind="PER")
    for r in src.organisations:
        add(r["qid"], [r["name"]], kind="ORG")
    for r in src.confirmed:
        add(r["qid"], r["names"].split("|"))
    # French communes: only the ids two sources agree on (communes.tsv's qid column).
    for r in src.communes:
        if r["qid"]:
            add(r["qid"], [r["name"]], kind="LOC")
    # Labels of the Wikidata city export that name one item of it ("Rome", "Munich").
    for r in src.export_cities:
        if src.export_city_by_key.get(build_kb.alias_key(r["label"])) == r["qid"]:
            # Untyped: the export has no country, so a label unique in it may still be another
            # place's ("Odessa" there is the Texan city).
            add(r["qid"], [r["label"]])
    # English Wikidata labels of the name-suggestion-index's organisations: a QID only counts
    # where the table has a row of the mention's type with it (brands the table leaves out,
    # "Carrefour" the hypermarket brand, never do).
    for r in src.nsi:
        add(r["qid"], [r["label"]])
    # Names (not acronyms) of the French ROR records that give one Wikidata id.
    for r in src.ror:
        if "|" not in r["qid"]:
            add(r["qid"], r["names"].split("|"), kind="ORG")
    return index, source_type


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=markup.SRC, help="dispatch sources (default: the dev set)")
    ap.add_argument("--out", type=Path, default=OUT, help="ids written (default: data/news-dev/qids.tsv)")
    ap.add_argument("--jsonl", type=Path, help="also write the set's gold JSONL with these ids")
    ap.add_argument("--independent", action="store_true",
                    help="type each id by its source (places, officeholders, parties, research "
                         "bodies), not by the table's row, so that ids the table lacks count too: "
                         "link accuracy then measures coverage as well as disambiguation")
    args = ap.parse_args()
    src = build_kb.Sources()
    by_name, source_type = name_index(src)
    row_type = {}
    for line in (ROOT / "data" / "kb.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if cells[0] == "id":
            header = cells
            continue
        row = dict(zip(header, cells))
        if row.get("wikidata"):
            row_type[row["wikidata"]] = row["type"]
    def type_of(qid):
        # confirmed.tsv and the name-suggestion-index do not type their ids (the index carries
        # brands as well as companies): those count only where the table types them.
        if args.independent and source_type.get(qid):
            return source_type[qid]
        return row_type.get(qid)

    lines = ["# Wikidata ids of news dev mentions, written by scripts/news_dev_qids.py from data/kb-sources/",
             "# (a source pairs exactly one QID with the mention text; the table row of that QID has the",
             "# mention's type). Do not edit by hand.",
             "doc\tstart\tend\tlabel\ttext\tqid\thow"]
    counts = {}
    absent = []  # "text (QID)" of the ids no table row has
    docs = markup.load_all(args.src.resolve())
    for doc in docs:
        # QIDs named in the dispatch without condition (its countries, say).
        named = {q for ent in doc["entities"] if ent.get("label") == "LOC"
                 for q, cond in by_name.get(build_kb.alias_key(ent["text"]), {}).items() if cond is None}
        persons = []  # (last word key, qid) of full person mentions seen so far
        for ent in doc["entities"]:
            label = ent.get("label")
            if label not in ("PER", "ORG", "LOC"):
                continue
            key = build_kb.alias_key(ent["text"])
            qids = {q for q, cond in by_name.get(key, {}).items()
                    if type_of(q) == label and (cond is None or cond in named)}
            how = "source name"
            if not qids and label == "PER" and len(key.split()) == 1:
                qids = {q for last, q in persons if last == key}
                how = "earlier full mention"
            if len(qids) != 1:
                continue
            qid = next(iter(qids))
            if label == "PER" and len(key.split()) > 1:
                persons.append((key.split()[-1], qid))
            counts[label] = counts.get(label, 0) + 1
            if qid not in row_type:
                absent.append(f"{ent['text']} ({qid})")
            lines.append("\t".join([doc["id"], str(ent["start"]), str(ent["end"]), label, ent["text"], qid, how]))
    out = args.out.resolve()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {markup.show(out)}: {sum(counts.values())} mentions {counts}")
    if args.independent:
        print(f"{len(absent)} of them carry an id no table row has: {', '.join(absent)}")
    if args.jsonl:
        markup.add_qids(docs, out)
        args.jsonl.write_text(markup.render(docs), encoding="utf-8")
        print(f"wrote {markup.show(args.jsonl.resolve())} ({len(docs)} dispatches)")


if __name__ == "__main__":
    main()
