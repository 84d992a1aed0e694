#!/usr/bin/env python3
"""Check frner's "nothing lost" promise on a corpus run.

    scripts/check_corpus_output.py INPUT.jsonl OUTPUT [--format jsonl|conll]

The input is classified line by line here, independently of frner, with the rules of
docs/formats.md. The output must hold exactly one record per input line, in order, with the
expected id, an error record (right kind, right line number) exactly at each bad line and no
error anywhere else. Exit status 0 when it does, 1 with a list of differences otherwise.
"""

import argparse
import json
import sys


def input_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    return lines


def best_effort_id(raw: bytes, line_no: int):
    try:
        value = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return line_no
    candidate = value.get("id") if isinstance(value, dict) else None
    return candidate if valid_id(candidate) else line_no


def valid_id(value) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def expected_record(raw: bytes, line_no: int):
    """(id, error kind or None) that frner must output for one input line."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return best_effort_id(raw, line_no), "invalid_utf8"
    if not text.strip():
        return line_no, "blank_line"
    try:
        record = json.loads(text)
    except ValueError:
        return line_no, "invalid_json"
    if not isinstance(record, dict):
        return line_no, "not_an_object"
    rid = record.get("id")
    if rid is not None and not valid_id(rid):
        return line_no, "invalid_id"
    rid = line_no if rid is None else rid
    if "text" not in record:
        return rid, "missing_text"
    if not isinstance(record["text"], str):
        return rid, "text_not_string"
    if not record["text"].strip():
        return rid, "empty"
    return rid, None


def jsonl_output(path):
    """(id, error kind, error line) per output record."""
    records = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                rec = json.loads(raw)
            except ValueError as err:
                sys.exit(f"output line {n} is not JSON: {err}")
            error = rec.get("error") or {}
            records.append((rec.get("id"), error.get("kind"), error.get("line")))
    return records


def conll_output(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# id = "):
                records.append([line[len("# id = "):].rstrip("\n"), None, None])
            elif line.startswith("# error = ") and records:
                error = json.loads(line[len("# error = "):])
                records[-1][1:] = [error["kind"], error["line"]]
    return [tuple(r) for r in records]


def id_as_conll(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=["jsonl", "conll"], default="jsonl")
    args = ap.parse_args()

    expected = [expected_record(raw, n) for n, raw in enumerate(input_lines(args.input), 1)]
    got = jsonl_output(args.output) if args.format == "jsonl" else conll_output(args.output)
    problems = []
    if len(got) != len(expected):
        problems.append(f"{len(expected)} input lines but {len(got)} output records")
    for line_no, ((want_id, want_kind), (got_id, got_kind, got_line)) in enumerate(zip(expected, got), 1):
        if args.format == "conll":
            want_id = id_as_conll(want_id)
        if got_id != want_id:
            problems.append(f"line {line_no}: id {got_id!r}, expected {want_id!r}")
        if got_kind != want_kind:
            problems.append(f"line {line_no}: error kind {got_kind!r}, expected {want_kind!r}")
        elif want_kind is not None and got_line != line_no:
            problems.append(f"line {line_no}: error record says line {got_line}")
    errors = sum(1 for _, kind in expected if kind)
    if problems:
        for problem in problems[:50]:
            print(problem)
        print(f"FAIL: {len(problems)} problems ({len(expected)} records, {errors} expected errors)")
        return 1
    print(f"OK: {len(expected)} records in order, {errors} error records at the right lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
