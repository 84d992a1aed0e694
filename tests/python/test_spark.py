"""scripts/spark_tag.py on Spark local[2] gives the single-process output (issue 18).

A corpus of short records, about one in five bad (blank lines spread through and three at the
very end, invalid JSON, a number as text, no text, an empty object), with and without ids,
CRLF endings and pass-through fields, is tagged:
1. by one frner process (`--threads 1`), JSON Lines and Parquet;
2. by Spark local[2] in 3 partitions (`--threads-per-task 1`), JSON Lines: the lines, sorted
   by id, must equal the single-process lines byte for byte (error records included: ids and
   error lines are global), ids must be unique;
3. the same as Parquet: the rows, read back with pyarrow and sorted by id, must equal the
   single-process Parquet rows;
4. with a missing model: the job must fail (frner exit 2), not return empty partitions;
5. with `--bundle DIR` (out/spark-bundle, `make spark-bundle`): the first 60 lines, in 2
   partitions, from the bundle laid out where Spark unpacks `--archives …#frner` on local and
   standalone executors (SparkFiles' directory, as hard links: no copy), run as
   `--frner frner/bin/frner`, a path relative to the executor, with the bundle's default
   model: the same lines as the single process. Spark's own unpacking of the gzipped archive
   is not repeated here (a GB per run); README "Spark" gives the spark-submit run that checks
   it.

    .venv/bin/python tests/python/test_spark.py --frner target/release/frner \
        [--bundle out/spark-bundle]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import spark_tag  # noqa: E402


def corpus(n: int) -> list[str]:
    """`n` lines: short news sentences as records, with bad lines spread through."""
    sentences = (ROOT / "tests/fixtures/faithfulness_sentences.txt").read_text().splitlines()
    sentences = [s for s in sentences if s.strip()]
    lines = []
    for i in range(n):
        text = sentences[i % len(sentences)][:160]
        kind = i % 23
        if kind == 3:
            lines.append("")  # blank line
        elif kind == 7:
            lines.append('{"id": "broken-%d", "text": "no end' % i)  # invalid JSON
        elif kind == 11:
            lines.append(json.dumps({"id": f"num-{i}", "text": i}))  # text not a string
        elif kind == 13:
            lines.append(json.dumps({"id": f"notext-{i}", "body": text}))  # missing text
        elif kind == 17:
            lines.append("{}")
        elif kind % 2:
            # No id: frner numbers it by its line, which must be global.
            lines.append(json.dumps({"text": text, "rank": i / 4}, ensure_ascii=False) + "\r")
        else:
            lines.append(json.dumps({"id": f"r{i}", "text": text, "src": "AFP"},
                                    ensure_ascii=False))
    return lines + ["", "  ", ""]


def id_key(line: str):
    value = json.loads(line)["id"]
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def spark_jsonl(out: Path) -> list[str]:
    lines = []
    for part in sorted(out.glob("part-*")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    return lines


def parquet_rows(path: Path) -> list[dict]:
    rows = pq.read_table(path).to_pylist()
    return sorted(rows, key=lambda r: (r["id"].isdigit(), r["id"].zfill(12)))


def place_bundle(bundle: Path, root: Path) -> Path:
    """The bundle as `--archives bundle.tar.gz#frner` leaves it: root/frner/…, hard links
    where the filesystem allows, copies otherwise."""
    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
        return dst

    dest = root / "frner"
    shutil.copytree(bundle, dest, copy_function=link_or_copy)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frner", required=True)
    ap.add_argument("--records", type=int, default=330)
    ap.add_argument("--bundle", default=None,
                    help="also run from this relocatable bundle (out/spark-bundle)")
    args = ap.parse_args()
    frner = str(Path(args.frner).resolve())
    work = Path(tempfile.mkdtemp(prefix="frner-spark-test-"))
    src = work / "corpus.jsonl"
    src.write_text("\n".join(corpus(args.records)) + "\n", encoding="utf-8")

    single = work / "single.jsonl"
    single_pq = work / "single.parquet"
    for out, fmt in ((single, "jsonl"), (single_pq, "parquet")):
        proc = subprocess.run([frner, "tag", "-q", "--threads", "1", "--input", str(src),
                               "--output", str(out), "--format", fmt],
                              capture_output=True, text=True)
        assert proc.returncode == 3, f"single process: exit {proc.returncode}\n{proc.stderr}"
    want = single.read_text(encoding="utf-8").splitlines()
    errors = sum(1 for line in want if json.loads(line).get("error"))
    assert len(want) >= 300 and errors >= 30, (len(want), errors)

    spark = spark_tag.session("local[2]", app="frner-spark-test")
    spark.sparkContext.setLogLevel("ERROR")
    try:
        common = ["--input", str(src), "--frner", frner, "--partitions", "3",
                  "--threads-per-task", "1"]
        out = work / "spark-jsonl"
        spark_tag.run(spark, spark_tag.parse_args(common + ["--output", str(out),
                                                           "--format", "jsonl"]))
        parts = sorted(out.glob("part-*"))
        got = spark_jsonl(out)
        assert len(got) == len(want), f"{len(got)} records from Spark, {len(want)} alone"
        ids = [json.loads(line)["id"] for line in got]
        assert len(set(map(json.dumps, ids))) == len(ids), "ids collide across partitions"
        for a, b in zip(sorted(got, key=id_key), sorted(want, key=id_key)):
            assert a == b, f"differs:\nspark  {a}\nsingle {b}"
        print(f"spark jsonl: {len(got)} records in {len(parts)} part files, {errors} error "
              "records, byte-identical to the single process after sorting by id")

        out_pq = work / "spark-parquet"
        spark_tag.run(spark, spark_tag.parse_args(common + ["--output", str(out_pq)]))
        got_rows, want_rows = parquet_rows(out_pq), parquet_rows(single_pq)
        assert len(got_rows) == len(want_rows), (len(got_rows), len(want_rows))
        for a, b in zip(got_rows, want_rows):
            assert a == b, f"differs:\nspark  {a}\nsingle {b}"
        print(f"spark parquet: {len(got_rows)} rows equal to the single process's Parquet")

        spark.sparkContext.setLogLevel("OFF")  # the failure below is expected: no stack traces
        try:
            spark_tag.run(spark, spark_tag.parse_args(
                common + ["--output", str(work / "fails"), "--model", str(work / "no-model")]))
        except Exception as e:  # noqa: BLE001 - Py4J wraps the task's error
            assert "frner exited with status 2" in str(e), str(e)[-2000:]
            print("missing model: the job failed with frner's exit status 2")
        else:
            sys.exit("a failing frner did not fail the job")
        assert not (work / "fails" / "_SUCCESS").exists()
        spark.sparkContext.setLogLevel("ERROR")

        if args.bundle:
            from pyspark import SparkFiles

            # Only SparkFiles' directory holds frner/bin/frner: the run cannot fall back.
            assert not Path("frner").exists(), "a ./frner here would shadow the bundle"
            placed = place_bundle(Path(args.bundle).resolve(), Path(SparkFiles.getRootDirectory()))
            head = work / "head.jsonl"
            head_lines = src.read_text(encoding="utf-8").split("\n")[:60]
            head.write_text("\n".join(head_lines) + "\n", encoding="utf-8")
            out_b = work / "spark-bundle"
            spark_tag.run(spark, spark_tag.parse_args(
                ["--input", str(head), "--frner", "frner/bin/frner", "--partitions", "2",
                 "--threads-per-task", "1", "--output", str(out_b), "--format", "jsonl"]))
            got = spark_jsonl(out_b)
            assert len(got) == len(head_lines), (len(got), len(head_lines))
            for a, b in zip(sorted(got, key=id_key), sorted(want[:len(head_lines)], key=id_key)):
                assert a == b, f"differs:\nbundle {a}\nsingle {b}"
            print(f"spark from the bundle in {placed} (--frner frner/bin/frner): {len(got)} "
                  f"records in {len(list(out_b.glob('part-*')))} part files, byte-identical to "
                  "the single process after sorting by id")
            shutil.rmtree(placed, ignore_errors=True)
    finally:
        spark.stop()
    print("test_spark: all checks passed")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
