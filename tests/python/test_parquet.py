"""Parquet in and out of frner (issue 18), read back with pyarrow.

1. JSON Lines with good and bad records → `--format parquet`: one row per record, in order,
   with the same ids, entities, links, quantity values and errors as the JSON Lines output of
   the same input, and the pass-through fields in `extra`.
2. A Parquet file written by pyarrow (int ids, a null text, typed pass-through columns) →
   Parquet: the columns keep their types and values; → JSON Lines: the same records.

    .venv/bin/python tests/python/test_parquet.py --frner target/release/frner
"""

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

RECORDS = [
    '{"id":"a","text":"Emmanuel Macron est à Paris avec la SNCF.","source":"AFP","n":1e2}',
    '{"id":7,"text":"Le chômage baisse de 3 % selon l\'Insee, soit 12 millions d\'euros."}',
    "{not json",
    '{"id":"c","text":17}',
    "",
    '{"id":"d","text":"Angela Merkel a rencontré Olaf Scholz à Berlin.","tags":["x",1]}',
]


def run(frner: str, *args: str) -> None:
    proc = subprocess.run([frner, "tag", "-q", *args], capture_output=True, text=True)
    # 3: some records are error records, as intended.
    if proc.returncode not in (0, 3):
        sys.exit(f"frner {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")


def jsonl_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def entity_as_jsonl(e: dict) -> dict:
    """A Parquet entity struct in the JSON Lines shape (absent keys for nulls)."""
    out = {k: e[k] for k in ("start", "end", "start_byte", "end_byte", "text", "label")}
    out["score"] = e["score"]
    for k in ("kind", "value", "min", "max", "unit", "qualifier", "nil_cluster"):
        if e[k] is not None:
            out[k] = e[k]
    if e["approx"]:
        out["approx"] = True
    if e["link_status"] == "linked":
        link = {k: v for k, v in e["link"].items() if v is not None}
        out["link"] = link
    elif e["link_status"] == "nil":
        out["link"] = None
    return out


def same_entities(parquet: list[dict], jsonl: list[dict], where: str) -> None:
    assert len(parquet) == len(jsonl), (where, parquet, jsonl)
    for p, j in zip(parquet, jsonl):
        p = entity_as_jsonl(p)
        # Parquet keeps the f32 score; JSON Lines prints its shortest decimal form.
        assert math.isclose(p.pop("score"), j.pop("score"), rel_tol=1e-6), where
        if "link" in p and p["link"] is not None:
            assert math.isclose(p["link"].pop("score"), j["link"].pop("score"), rel_tol=1e-6)
        assert p == j, (where, p, j)


def check_jsonl_input(frner: str, tmp: Path) -> None:
    src = tmp / "in.jsonl"
    src.write_text("\n".join(RECORDS) + "\n")
    run(frner, "-i", str(src), "-o", str(tmp / "out.jsonl"))
    run(frner, "-i", str(src), "-o", str(tmp / "out.parquet"), "--format", "parquet")
    table = pq.read_table(tmp / "out.parquet")
    assert table.column_names == ["id", "extra", "entities", "error"], table.column_names
    assert table.schema.field("entities").type.value_type.field("link").type.num_fields == 4
    rows = table.to_pylist()
    expected = jsonl_rows(tmp / "out.jsonl")
    assert len(rows) == len(RECORDS) == len(expected)
    for row, want in zip(rows, expected):
        assert row["id"] == str(want["id"]), (row["id"], want["id"])
        same_entities(row["entities"], want["entities"], row["id"])
        assert row["error"] == want.get("error"), (row["error"], want.get("error"))
        extra = {k: v for k, v in want.items() if k not in ("id", "entities", "error")}
        assert (json.loads(row["extra"]) if row["extra"] else {}) == extra, row
    assert rows[0]["extra"] == '{"source":"AFP","n":1e2}', rows[0]["extra"]
    kinds = [r["error"]["kind"] if r["error"] else None for r in rows]
    assert kinds == [None, None, "invalid_json", "text_not_string", "blank_line", None], kinds
    assert any(e["label"] == "QUANTITY" and e["value"] for e in rows[1]["entities"])
    assert any(e["link_status"] == "linked" for e in rows[0]["entities"])


def check_parquet_input(frner: str, tmp: Path) -> None:
    texts = [
        "Emmanuel Macron est à Paris.",
        None,
        "La SNCF recrute 3 000 personnes à Lyon.",
        "   ",
    ]
    table = pa.table(
        {
            "doc": pa.array([10, 11, None, 13], pa.int64()),
            "body": pa.array(texts, pa.string()),
            "source": pa.array(["AFP", None, "Reuters", "x"], pa.string()),
            "weight": pa.array([0.1, float("nan"), 2.5, None], pa.float32()),
            "flag": pa.array([True, False, None, True]),
            "n": pa.array([1, 2, 3, 2**40], pa.uint64()),
            "entities": pa.array([1, 2, 3, 4], pa.int32()),
        }
    )
    # Small row groups: the reader streams over several.
    pq.write_table(table, tmp / "in.parquet", row_group_size=2)
    cols = ["--text-column", "body", "--id-column", "doc"]
    run(frner, "-i", str(tmp / "in.parquet"), "-o", str(tmp / "p.parquet"), "--format", "parquet", *cols)
    run(frner, "-i", str(tmp / "in.parquet"), "-o", str(tmp / "p.jsonl"), *cols)
    out = pq.read_table(tmp / "p.parquet")
    assert out.column_names == [
        "id", "source", "weight", "flag", "n", "input_entities", "entities", "error"
    ], out.column_names
    for name in ("source", "weight", "flag", "n"):
        assert out.schema.field(name).type == table.schema.field(name).type, name
    assert out.schema.field("input_entities").type == pa.int32()
    rows = out.to_pylist()
    assert [r["id"] for r in rows] == ["10", "11", "3", "13"], [r["id"] for r in rows]
    assert [r["source"] for r in rows] == ["AFP", None, "Reuters", "x"]
    assert rows[0]["weight"] == table.column("weight")[0].as_py()
    assert math.isnan(rows[1]["weight"]) and rows[3]["weight"] is None
    assert [r["flag"] for r in rows] == [True, False, None, True]
    assert [r["n"] for r in rows] == [1, 2, 3, 2**40]
    assert [r["input_entities"] for r in rows] == [1, 2, 3, 4]
    assert rows[1]["error"] == {"kind": "missing_text", "message": "text is null", "line": 2}
    assert rows[3]["error"]["kind"] == "empty"
    assert {e["text"] for e in rows[0]["entities"]} >= {"Emmanuel Macron", "Paris"}
    jsonl = jsonl_rows(tmp / "p.jsonl")
    assert [j["id"] for j in jsonl] == [10, 11, 3, 13]
    assert jsonl[1]["weight"] == "NaN" and jsonl[3]["weight"] is None
    for row, want in zip(rows, jsonl):
        same_entities(row["entities"], want["entities"], row["id"])
        assert row["error"] == want.get("error")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frner", default="target/release/frner")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        check_jsonl_input(args.frner, Path(tmp))
        check_parquet_input(args.frner, Path(tmp))
    print("parquet round trip: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
