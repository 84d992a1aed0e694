"""The entity label registry, src/labels.tsv: the table frner compiles in, read here for the
training scripts so that both sides use one list (see src/labels.rs for the columns)."""

from pathlib import Path

TSV = Path(__file__).resolve().parent.parent / "src" / "labels.tsv"


def read_registry(path=TSV):
    """Rows of the table as dicts; yes/no columns as booleans."""
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")
            if line.strip() and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    flags = {"model", "output", "scored", "linkable", "name_type"}
    out = []
    for row in body:
        if len(row) != len(header):
            raise SystemExit(f"{path}: {row[0]!r} has {len(row)} columns, expected {len(header)}")
        out.append({k: (v == "yes") if k in flags else v for k, v in zip(header, row)})
    return out


REGISTRY = read_registry()
# The model's tag set: O, then B-/I- of each model label in table order.
BIO_LABELS = ["O"] + [f"{p}-{r['name']}" for r in REGISTRY if r["model"] for p in ("B", "I")]
# The types of the headline F1 (training dev score, eval default).
SCORED = tuple(r["name"] for r in REGISTRY if r["scored"])
