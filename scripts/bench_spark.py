#!/usr/bin/env python3
"""`make bench-spark`: frner as a Spark stage (scripts/spark_tag.py) against one frner process,
same corpus, same machine, one run (issue 18).

Runs, end to end (each reads the JSONL corpus, loads the model, tags, writes JSON Lines):
* one frner process, `--threads 1` and `--threads 2`;
* Spark `local[1]` and `local[2]` (1 and 2 executor cores), `--threads-per-task 1`, the corpus
  in `--partitions` partitions (default 2), so each task loads the model once.
Reports tokens/s (the model tokenizer's content subwords, as scripts/bench_peers.py counts
them) over each job's wall time, Spark's session start-up apart; the per-task start-up cost
(frner process start + model load, from `frner tag` on one short record, median of 3); the
machine's busy cores before each run; and the projected cost of a million articles from the
best tokens/s per core, with articles as long as the news dev set's on average.

    .venv/bin/python scripts/bench_spark.py --frner target/release/frner \\
        --corpus ../shared/data/wikineural-fr/dev.conllu --out out/bench-spark [--limit N]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import bench_peers  # noqa: E402
import spark_tag  # noqa: E402


def timed(cmd, **kw) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode not in spark_tag.FRNER_OK:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frner", required=True)
    ap.add_argument("--model", default=str(ROOT / "models/e5-small-fr-ner"))
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", default="out/bench-spark")
    ap.add_argument("--limit", type=int, default=None, help="first N records only")
    ap.add_argument("--partitions", type=int, default=2)
    a = ap.parse_args()
    frner = str(Path(a.frner).resolve())
    model = Path(a.model)
    out = Path(a.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    texts, kind = bench_peers.load_corpus(a.corpus, a.limit)
    tokens = sum(bench_peers.count_tokens(model, texts))
    corpus = out / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i + 1, "text": t}, ensure_ascii=False) + "\n")
    news = [json.loads(line)["text"] for line in
            (ROOT / "data/news-dev/dev.jsonl").read_text(encoding="utf-8").splitlines()]
    per_article = statistics.mean(bench_peers.count_tokens(model, news))
    print(f"corpus {a.corpus} ({kind}): {len(texts)} records, {tokens} tokens; "
          f"{bench_peers.cpu_model()}, {os.cpu_count()} cores", flush=True)

    startup = []
    for _ in range(3):
        startup.append(timed([frner, "tag", "-q", "--threads", "1", "--model", str(model),
                              "--input", "-", "--output", "/dev/null"],
                             input='{"text":"Paris."}\n'))
    results = {"corpus": a.corpus, "records": len(texts), "tokens": tokens,
               "task_startup_s": statistics.median(startup), "runs": []}
    print(f"per-task start-up (process + model load + 1 record): "
          f"{results['task_startup_s']:.2f} s (median of {[round(s, 2) for s in startup]})")

    def record(name, cores, seconds, busy, extra=None):
        r = {"name": name, "cores": cores, "seconds": seconds, "tokens_per_s": tokens / seconds,
             "busy_cores_before": busy, **(extra or {})}
        results["runs"].append(r)
        print(f"{name:34s} {cores} cores  {seconds:7.2f} s  {r['tokens_per_s']:8.0f} tokens/s  "
              f"(other work busy on {busy:.2f} cores before)", flush=True)

    for threads in (1, 2):
        busy = bench_peers.busy_cores()
        s = timed([frner, "tag", "-q", "--threads", str(threads), "--model", str(model),
                   "--input", str(corpus), "--output", str(out / f"single-{threads}.jsonl")])
        record(f"frner, one process, --threads {threads}", threads, s, busy)

    for cores in (1, 2):
        t = time.perf_counter()
        spark = spark_tag.session(f"local[{cores}]", app=f"frner-bench-{cores}")
        spark.sparkContext.setLogLevel("ERROR")
        session_s = time.perf_counter() - t
        try:
            busy = bench_peers.busy_cores()
            t = time.perf_counter()
            spark_tag.run(spark, spark_tag.parse_args([
                "--input", str(corpus), "--output", str(out / f"spark-{cores}"),
                "--format", "jsonl", "--frner", frner, "--model", str(model),
                "--partitions", str(a.partitions), "--threads-per-task", "1"]))
            s = time.perf_counter() - t
        finally:
            spark.stop()
        record(f"Spark local[{cores}], {a.partitions} partitions", cores, s, busy,
               {"session_start_s": session_s})
        print(f"  (Spark session start-up {session_s:.1f} s, not counted above)")

    best = max(r["tokens_per_s"] / r["cores"] for r in results["runs"])
    core_hours = 1e6 * per_article / best / 3600
    results.update({"news_tokens_per_article": per_article, "best_tokens_per_s_per_core": best,
                    "core_hours_per_million_articles": core_hours})
    print(f"projection: news dev articles average {per_article:.0f} tokens; at the best "
          f"{best:.0f} tokens/s per core, a million articles take {core_hours:.0f} core-hours "
          f"(+ {results['task_startup_s']:.1f} s per task)")
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out / 'results.json'}")


if __name__ == "__main__":
    main()
