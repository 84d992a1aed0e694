"""scripts/news_synth.py with fillers from a linking table (TablePools): which names of a
small table it takes, and that the sentences it builds are valid IOB2 whose entity spans are
names of the table with their row's type.

Usage: python tests/python/test_news_synth.py
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

from conll import entity_spans  # noqa: E402
from news_synth import TablePools, generate, generate_results  # noqa: E402

HEADER = "id\ttype\tname\tname_en\twikidata\taliases\tdemonyms\tmetonym\tpriority\tcontext\tdescription"
ROWS = [
    ("lyon", "LOC", "Lyon", "Lyon", "", "", "", "", "", "", "city; French commune"),
    ("bretagne", "LOC", "Bretagne", "Brittany", "", "", "", "", "", "", "French region"),
    ("toulon", "LOC", "Toulon", "Toulon", "", "", "", "", "", "", "French commune"),
    ("giec", "ORG", "Groupe d'experts intergouvernemental sur l'évolution du climat", "IPCC", "",
     "GIEC", "", "", "", "", "UN climate panel"),
    ("pnf", "ORG", "parquet national financier", "", "", "PNF", "", "", "", "", "prosecutors"),
    ("stade-rochelais", "ORG", "Stade rochelais", "", "", "La Rochelle", "", "", "", "", "rugby club"),
    ("lagarde", "PER", "Christine Lagarde", "", "", "Lagarde", "", "", "", "", "ECB president"),
    ("macron", "PER", "Emmanuel Macron", "", "", "", "", "", "", "", "President of France"),
]


def write_table(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# a comment line, as data/kb.tsv starts with\n" + HEADER + "\n")
        for r in ROWS:
            f.write("\t".join(r) + "\n")


def main():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "kb.tsv")
        write_table(path)
        pools = TablePools(path)
    fails = []
    # The long name (8 words) is too long for an ORG slot; its acronym and the capitalized
    # names are kept; the lowercase-headed name is not; one-word persons are not.
    want = {
        "org": [("GIEC",), ("La", "Rochelle"), ("PNF",), ("Stade", "rochelais")],
        "acr": [("GIEC",), ("PNF",)],
        "loc": [("Bretagne",), ("Lyon",), ("Toulon",)],
        "city": [("Lyon",), ("Toulon",)],
        "per": [("Christine", "Lagarde"), ("Emmanuel", "Macron")],
    }
    for field, expected in want.items():
        got = getattr(pools, field)
        if got != expected:
            fails.append(f"{field}: {got} != {expected}")
    names = {"ORG": set(pools.org), "LOC": set(pools.loc), "PER": set(pools.per)}
    sents = generate([], 300, 5, pools) + generate_results([], 100, 6, pools)
    table_spans = 0
    for toks, tags in sents:
        if len(toks) != len(tags):
            fails.append(f"{len(toks)} tokens, {len(tags)} tags: {toks}")
            continue
        for k, tag in enumerate(tags):
            if tag.startswith("I-") and (k == 0 or tags[k - 1][2:] != tag[2:]):
                fails.append(f"invalid IOB2 at {k}: {list(zip(toks, tags))}")
        for s, e, typ in entity_spans(tags):
            if tuple(toks[s:e]) in names.get(typ, ()):
                table_spans += 1
    # Templates also build institutions and honorifics around the fillers, so not every span
    # is a table name; most sentences hold at least one.
    if table_spans < len(sents) // 2:
        fails.append(f"only {table_spans} entity spans are table names in {len(sents)} sentences")
    if fails:
        sys.exit("FAIL:\n" + "\n".join(fails[:10]))
    print(f"OK: table pools {', '.join(f'{k} {len(getattr(pools, k))}' for k in want)}; "
          f"{len(sents)} sentences, {table_spans} spans are table names")


if __name__ == "__main__":
    main()
