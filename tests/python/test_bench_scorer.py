"""The peers' F1 in scripts/bench_peers.py: gold spans read from CoNLL tags and the strict
scorer, on a hand-made corpus whose answers are counted here by hand.

Usage: python tests/python/test_bench_scorer.py
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

from bench_peers import parse_conll, strict_f1, strip_span  # noqa: E402

CORPUS = """1\tJean\tB-PER
2\tDupont\tI-PER
3\tvisite\tO
4\tla\tO
5\tBanque\tB-ORG
6\tde\tI-ORG
7\tFrance\tI-ORG
8\tà\tO
9\tParis\tB-LOC
10\t.\tO

1\tLyon\tB-LOC
2\tMarseille\tB-LOC
3\tet\tO
4\tla\tI-MISC
5\tSNCF\tI-ORG

1\tRien\tO
"""


def fail(msg):
    sys.exit(f"FAIL: {msg}")


def main():
    sents = parse_conll(CORPUS, "inline")
    texts = [s.text() for s in sents]
    gold = [s.spans() for s in sents]
    got = [sorted((texts[k][a:b], lab) for a, b, lab in g) for k, g in enumerate(gold)]
    want = [
        [("Banque de France", "ORG"), ("Jean Dupont", "PER"), ("Paris", "LOC")],
        # B- after B- starts a new entity; an I- of another type starts one too (strict
        # IOB2 reading), and MISC is not scored.
        [("Lyon", "LOC"), ("Marseille", "LOC"), ("SNCF", "ORG")],
        [],
    ]
    if got != want:
        fail(f"gold spans {got}, expected {want}")

    # Predictions: 3 right, 1 wrong type, 1 wrong span, 1 MISC (ignored).
    t0, t1 = texts[0], texts[1]

    def span(text, s, label):
        a = text.index(s)
        return [a, a + len(s), label]

    pred = [
        [span(t0, "Jean Dupont", "PER"), span(t0, "Banque de", "ORG"), span(t0, "Paris", "ORG")],
        [span(t1, "Lyon", "LOC"), span(t1, "Marseille", "LOC"), span(t1, "la", "MISC")],
        [],
    ]
    r = strict_f1(gold, pred)
    p, rc = 3 / 5, 3 / 6
    f1 = 2 * p * rc / (p + rc)
    if abs(r["precision"] - p) > 1e-12 or abs(r["recall"] - rc) > 1e-12 or abs(r["strict_f1"] - f1) > 1e-12:
        fail(f"scores {r}, expected precision {p}, recall {rc}, F1 {f1}")
    if strict_f1(gold, [[[a, b, lab] for a, b, lab in g] for g in gold])["strict_f1"] != 1.0:
        fail("gold scored against itself is not 1.0")
    try:
        strict_f1(gold, pred[:2])
        fail("a predicted corpus of another length was scored")
    except RuntimeError:
        pass
    if strip_span("  Paris ", 0, 8) != (2, 7):
        fail(f"strip_span: {strip_span('  Paris ', 0, 8)}")
    print("OK: bench_peers scorer (gold spans from IOB2, strict micro F1)")


if __name__ == "__main__":
    main()
