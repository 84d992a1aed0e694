#!/usr/bin/env python3
"""Builds data/news-dev/dev.jsonl from the marked-up dispatches in data/news-dev/src/*.txt
(or, with --src/--out, another set in the same format, such as the held-out data/news-test).

Source format (one dispatch per file, sorted by file name):

    # beat: politique
    # typo: nnbsp
    PARIS, 16 octobre 2025 ([[AFP|ORG]]) – Le président [[Emmanuel Macron|PER]] a reçu ...

Header lines start with "# " and give `beat` (required) and `typo` (required). The rest of the
file, without its trailing newlines, is the text. Entities are written inline as
`[[surface|LABEL]]`, LABEL one of PER, ORG, LOC, or a quantity kind MONEY, PERCENT, MEASURE,
CARDINAL (written out as label QUANTITY with "kind"). Markup does not nest.

French typography is applied to the source deterministically before the markup is read, so that
the sources stay easy to type and review:

* every ASCII apostrophe ' becomes the typographic apostrophe ’ (U+2019);
* the space after « and before », :, ;, !, ? becomes a no-break space;
* a space between digits before exactly three digits (thousands: "12 500") becomes a
  no-break space, and so does the space between a digit and %, €, $ or °C.

`typo` chooses the spaces: `nnbsp` (U+202F everywhere), `nbsp` (U+00A0 everywhere) or `mixed`
(U+00A0 for punctuation and units, U+202F for thousands), as different newsrooms do.

Each entity is validated: known label, non-empty, no leading/trailing whitespace, no markup left
over, boundaries not inside a word (no letter or digit just outside the span, no span ending
before an apostrophe or a hyphen glued to a letter, no span starting or ending with an
apostrophe). Entities never overlap (they cannot, since markup does not nest).

    python3 scripts/news_markup_to_jsonl.py            # writes data/news-dev/dev.jsonl
    python3 scripts/news_markup_to_jsonl.py --check    # exits 1 if dev.jsonl is stale
    python3 scripts/news_markup_to_jsonl.py --stats    # counts per label/kind, words
    python3 scripts/news_markup_to_jsonl.py --lint ID  # review aid: capitalized words and
                                                       # numbers outside any span
    python3 scripts/news_markup_to_jsonl.py --src data/news-test/src --out data/news-test/test.jsonl

The Wikidata ids are read from qids.tsv beside the src directory when that file exists (the dev
set has one; a set without it gets no "qid").
"""
import argparse
import collections
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "data" / "news-dev" / "src"
OUT = ROOT / "data" / "news-dev" / "dev.jsonl"
QIDS = ROOT / "data" / "news-dev" / "qids.tsv"

NAMED = {"PER", "ORG", "LOC"}
KINDS = {"MONEY", "PERCENT", "MEASURE", "CARDINAL"}
APOSTROPHES = "'\u2019"
NBSP, NNBSP = "\u00a0", "\u202f"
TYPO = {
    # (punctuation and guillemets, thousands, before units)
    "nnbsp": (NNBSP, NNBSP, NNBSP),
    "nbsp": (NBSP, NBSP, NBSP),
    "mixed": (NBSP, NNBSP, NBSP),
}
MARKUP = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")


class MarkupError(Exception):
    pass


def typeset(src: str, mode: str) -> str:
    punct, thousands, unit = TYPO[mode]
    s = src.replace("'", "\u2019")
    s = s.replace("« ", "«" + punct).replace(" »", punct + "»")
    s = re.sub(r" (?=[:;!?])", punct, s)
    s = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", thousands, s)
    s = re.sub(r"(?<=\d) (?=%|€|\$|°C)", unit, s)
    return s


def is_word(ch: str) -> bool:
    return ch.isalnum()


def check_span(text: str, start: int, end: int, where: str) -> None:
    span = text[start:end]
    if not span or span != span.strip():
        raise MarkupError(f"{where}: empty span or whitespace at its edge: {span!r}")
    if span[0] in APOSTROPHES or span[-1] in APOSTROPHES:
        raise MarkupError(f"{where}: span starts or ends with an apostrophe: {span!r}")
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before and is_word(before):
        raise MarkupError(f"{where}: span starts inside a word: {text[max(0, start - 10):end]!r}")
    if after and is_word(after):
        raise MarkupError(f"{where}: span ends inside a word: {text[start:end + 10]!r}")
    nxt = text[end + 1] if end + 1 < len(text) else ""
    if after and (after in APOSTROPHES or after == "-") and is_word(nxt):
        raise MarkupError(f"{where}: span ends at a glued {after!r}: {text[start:end + 10]!r}")
    prev = text[start - 2] if start > 1 else ""
    if before == "-" and is_word(prev):
        raise MarkupError(f"{where}: span starts after a glued hyphen: {text[start - 10:end]!r}")


def parse(path: pathlib.Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    meta = {}
    while lines and lines[0].startswith("# "):
        key, _, value = lines.pop(0)[2:].partition(":")
        meta[key.strip()] = value.strip()
    for key in ("beat", "typo"):
        if key not in meta:
            raise MarkupError(f"{path.name}: missing header '# {key}: ...'")
    if meta["typo"] not in TYPO:
        raise MarkupError(f"{path.name}: unknown typo {meta['typo']!r}")
    src = typeset("\n".join(lines).strip("\n"), meta["typo"])
    text_parts, entities, pos, out_len = [], [], 0, 0
    for m in MARKUP.finditer(src):
        plain = src[pos:m.start()]
        text_parts.append(plain)
        out_len += len(plain)
        surface, label = m.group(1), m.group(2)
        ent = {"start": out_len, "end": out_len + len(surface)}
        if label in NAMED:
            ent["label"] = label
        elif label in KINDS:
            ent["label"] = "QUANTITY"
            ent["kind"] = label
        else:
            raise MarkupError(f"{path.name}: unknown label {label!r} on {surface!r}")
        ent["text"] = surface
        entities.append(ent)
        text_parts.append(surface)
        out_len += len(surface)
        pos = m.end()
    text_parts.append(src[pos:])
    text = "".join(text_parts)
    for bad in ("[[", "]]", "|"):
        if bad in text:
            i = text.index(bad)
            raise MarkupError(f"{path.name}: stray markup {bad!r} near {text[max(0, i - 30):i + 30]!r}")
    prev_end = 0
    for ent in entities:
        where = f"{path.name}@{ent['start']}"
        assert text[ent["start"]:ent["end"]] == ent["text"]
        if ent["start"] < prev_end:
            raise MarkupError(f"{where}: overlapping entities")
        check_span(text, ent["start"], ent["end"], where)
        prev_end = ent["end"]
    return {"id": path.stem, "beat": meta["beat"], "text": text, "entities": entities}


def load_all(src: pathlib.Path = SRC) -> list:
    docs = [parse(p) for p in sorted(src.glob("*.txt"))]
    if not docs:
        raise MarkupError(f"no *.txt dispatches in {src}")
    ids = [d["id"] for d in docs]
    if len(set(ids)) != len(ids):
        raise MarkupError("duplicate ids")
    return docs


def add_qids(docs: list, qids: pathlib.Path = QIDS) -> None:
    """Adds `"qid"` to the entities listed in qids.tsv (written by scripts/news_dev_qids.py from
    the linking table's verified sources); a line that no longer matches its span is an error.
    A set without the file (the held-out test set) gets no ids."""
    if not qids.exists():
        return
    by_doc = {d["id"]: {(e["start"], e["end"]): e for e in d["entities"]} for d in docs}
    for n, line in enumerate(qids.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip() or line.startswith("doc\t"):
            continue
        doc, start, end, label, text, qid = line.split("\t")[:6]
        ent = by_doc.get(doc, {}).get((int(start), int(end)))
        if ent is None or ent.get("label") != label or ent["text"] != text:
            raise MarkupError(f"{qids.name}:{n}: no {label} {text!r} at {doc}@{start}-{end}")
        ent["qid"] = qid


def render(docs: list) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))


def stats(docs: list) -> None:
    total = collections.Counter()
    print(f"{'id':36} {'words':>5} {'PER':>4} {'ORG':>4} {'LOC':>4} {'QTY':>4}")
    for d in docs:
        c = collections.Counter(e["label"] for e in d["entities"])
        total.update(c)
        total["words"] += words(d["text"])
        for e in d["entities"]:
            if "kind" in e:
                total["kind:" + e["kind"]] += 1
        print(f"{d['id']:36} {words(d['text']):5} {c['PER']:4} {c['ORG']:4} {c['LOC']:4} {c['QUANTITY']:4}")
    print(f"{len(docs)} dispatches, {total['words']} words; "
          f"PER {total['PER']}, ORG {total['ORG']}, LOC {total['LOC']} "
          f"(named {total['PER'] + total['ORG'] + total['LOC']}), QUANTITY {total['QUANTITY']} ("
          + ", ".join(f"{k} {total['kind:' + k]}" for k in sorted(KINDS)) + ")")


STOP = set("""le la les l’ un une des de du à au aux en dans face pour par sur selon après avant
depuis mais et ou ce cette ces il elle ils elles on nous son sa ses leur leurs m mme mgr dr pr
lors alors si quant""".split())
NUMBER_WORDS = set("""deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze
quinze seize vingt trente quarante cinquante soixante cent cents mille million millions milliard
milliards dizaine dizaines vingtaine centaine centaines millier milliers""".split())


def lint(doc: dict) -> None:
    text = doc["text"]
    covered = [False] * len(text)
    for e in doc["entities"]:
        for i in range(e["start"], e["end"]):
            covered[i] = True
    for m in re.finditer(r"[\w’'-]+", text):
        tok = m.group(0)
        if any(covered[m.start():m.end()]):
            continue
        ctx = text[max(0, m.start() - 25):m.end() + 25].replace("\n", " ")
        first = tok.lstrip("’'-")
        low = tok.lower()
        if low in STOP or low.split("’")[0] + "’" in STOP and not any(c.isupper() for c in low.split("’")[-1][:1]):
            if low not in NUMBER_WORDS:
                continue
        if first and (first[0].isupper() or any(ch.isdigit() for ch in tok) or tok.lower() in NUMBER_WORDS):
            print(f"  {tok:20} | {ctx}")
    for e in doc["entities"]:
        print(f"  = {e['label']}{'/' + e['kind'] if 'kind' in e else ''}: {e['text']}")


def show(path: pathlib.Path) -> str:
    """The path relative to the repository when it is inside it (messages), else as given."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--lint", metavar="ID")
    ap.add_argument("--src", type=pathlib.Path, default=SRC,
                    help="directory of NN-slug.txt sources (default: data/news-dev/src)")
    ap.add_argument("--out", type=pathlib.Path, default=OUT,
                    help="JSONL written or checked (default: data/news-dev/dev.jsonl)")
    args = ap.parse_args()
    src, out_path = args.src.resolve(), args.out.resolve()
    try:
        docs = load_all(src)
        add_qids(docs, src.parent / "qids.tsv")
    except MarkupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.lint:
        for d in docs:
            if args.lint in d["id"]:
                print(d["id"])
                lint(d)
        return 0
    if args.stats:
        stats(docs)
        return 0
    out = render(docs)
    if args.check:
        if not out_path.exists() or out_path.read_text(encoding="utf-8") != out:
            print(f"{show(out_path)} is stale: run scripts/news_markup_to_jsonl.py"
                  + ("" if out_path == OUT else f" --src {show(src)} --out {show(out_path)}"),
                  file=sys.stderr)
            return 1
        return 0
    out_path.write_text(out, encoding="utf-8")
    print(f"wrote {show(out_path)} ({len(docs)} dispatches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
