"""The label registry (src/labels.tsv) against a model: the model's id2label must be exactly
the registry's B-/I- tags (scripts/labels.py), so that training, frner and the model agree.

Usage: python tests/python/test_labels.py --model models/e5-small-fr-ner
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

from labels import BIO_LABELS, REGISTRY, SCORED  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="checkpoint directory with config.json")
    args = ap.parse_args()
    with open(os.path.join(args.model, "config.json"), encoding="utf-8") as f:
        id2label = json.load(f)["id2label"]
    model_labels = [id2label[str(i)] for i in range(len(id2label))]
    if model_labels != BIO_LABELS:
        sys.exit(f"FAIL: {args.model} labels {model_labels} differ from the registry's {BIO_LABELS}")
    names = [r["name"] for r in REGISTRY]
    if len(set(names)) != len(names) or not set(SCORED) <= set(names):
        sys.exit(f"FAIL: registry names {names}, scored {SCORED}")
    print(f"OK: {len(BIO_LABELS)} model labels match src/labels.tsv; scored {', '.join(SCORED)}")


if __name__ == "__main__":
    main()
