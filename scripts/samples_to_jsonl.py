#!/usr/bin/env python3
"""Regenerates data/samples.jsonl from the articles in data/samples/*.txt.

One JSON object per line: {"id", "text", "source", "date"} (frner passes `source` and `date`
through). `text` is the whole .txt file, title line included, byte for byte, so that tagging
data/samples/ and data/samples.jsonl gives the same entities and offsets. Metadata lives here.

    python3 scripts/samples_to_jsonl.py            # writes data/samples.jsonl
    python3 scripts/samples_to_jsonl.py --check    # exits 1 if the committed file is stale
"""
import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = "frner samples (original, fictional news-style text)"
DATES = {
    "01-ukraine-frappes-kharkiv": "2025-06-11",
    "02-gaza-aide-humanitaire": "2025-01-26",
    "03-sommet-europeen-defense": "2025-06-27",
    "04-assemblee-budget-2026": "2025-11-18",
    "05-canicule-energie-prix": "2025-06-25",
}


def render(samples_dir: pathlib.Path) -> str:
    lines = []
    for path in sorted(samples_dir.glob("*.txt")):
        if path.stem not in DATES:
            sys.exit(f"{path}: no date in scripts/samples_to_jsonl.py")
        record = {
            "id": path.stem,
            "text": path.read_text(encoding="utf-8"),
            "source": SOURCE,
            "date": DATES[path.stem],
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=pathlib.Path, default=ROOT / "data" / "samples")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "data" / "samples.jsonl")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    text = render(a.samples)
    if a.check:
        current = a.out.read_text(encoding="utf-8") if a.out.exists() else ""
        if current != text:
            print(f"{a.out} is stale: run scripts/samples_to_jsonl.py", file=sys.stderr)
            return 1
        return 0
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out} ({text.count(chr(10))} records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
