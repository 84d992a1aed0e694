#!/usr/bin/env python3
"""Scores spaCy (default fr_core_news_md) on frner span gold (JSONL) with the same definitions
as `frner eval`: strict = exact character span and type, fuzzy = overlapping span of the same
type; precision counts matched predictions, recall matched gold entities; micro over --types.

    .venv/bin/python scripts/spacy_eval.py --gold data/news-dev/dev.jsonl [--json out.json]

spaCy's French models label PER, ORG, LOC and MISC; only --types are scored.
"""
import argparse
import json
import time


def read_gold(path):
    docs = []
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            for e in rec.get("entities", []):
                if not 0 <= e["start"] < e["end"] <= len(rec["text"]):
                    raise SystemExit(f"{path}:{n}: span {e['start']}..{e['end']} outside the text")
            docs.append(rec)
    return docs


def prf(tp_pred, n_pred, tp_gold, n_gold):
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": n_gold, "predicted": n_pred}


def score(gold, pred, types, fuzzy):
    """gold, pred: per document lists of (label, start, end)."""
    def match(span, others):
        lab, s, e = span
        if not fuzzy:
            return span in others
        return any(other == lab and s < oe and os < e for (other, os, oe) in others)

    per, tot = {}, [0, 0, 0, 0]
    for t in types:
        c = [0, 0, 0, 0]
        for g, p in zip(gold, pred):
            gs = [x for x in g if x[0] == t]
            ps = [x for x in p if x[0] == t]
            c[0] += sum(match(x, gs) for x in ps)
            c[1] += len(ps)
            c[2] += sum(match(x, ps) for x in gs)
            c[3] += len(gs)
        per[t] = prf(*c)
        tot = [a + b for a, b in zip(tot, c)]
    return {"per_type": per, "micro": prf(*tot)}


def table(name, s):
    rows = [f"{name}", f"{'':<10} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}"]
    for t, v in list(s["per_type"].items()) + [("micro", s["micro"])]:
        rows.append(f"{t:<10} {v['precision']:>9.4f} {v['recall']:>9.4f} {v['f1']:>9.4f} {v['support']:>9}")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--types", default="PER,ORG,LOC")
    ap.add_argument("--json", help="also write the report here")
    args = ap.parse_args()
    import spacy

    types = args.types.split(",")
    docs = read_gold(args.gold)
    nlp = spacy.load(args.model)
    t0 = time.time()
    pred = []
    for d in nlp.pipe([x["text"] for x in docs]):
        pred.append([(e.label_, e.start_char, e.end_char) for e in d.ents])
    secs = time.time() - t0
    gold = [[(e["label"], e["start"], e["end"]) for e in x["entities"]] for x in docs]
    strict, fuzzy = score(gold, pred, types, False), score(gold, pred, types, True)
    print(f"spaCy {args.model} {spacy.__version__}: {len(docs)} documents from {args.gold} ({secs:.1f} s)")
    print()
    print(table(f"strict, {'/'.join(types)}:", strict))
    print()
    print(table(f"fuzzy (overlap), {'/'.join(types)}:", fuzzy))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"gold": args.gold, "model": args.model, "spacy": spacy.__version__,
                       "strict": strict, "fuzzy": fuzzy, "seconds": secs}, f, indent=2)


if __name__ == "__main__":
    main()
