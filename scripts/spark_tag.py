"""Tag a corpus with frner on Apache Spark (issue 18): one long-lived frner process per partition.

    .venv/bin/python scripts/spark_tag.py --input corpus.jsonl --output out/tagged \
        [--format parquet|jsonl] [--master local[*]|spark://…|yarn|k8s://…] [--threads-per-task N]

Route: `mapPartitions` over `frner tag --input - --output …`, one process per partition. Unlike
`RDD.pipe`, each partition's command carries its own `--first-line` / `--continued` (global
line numbers, blank lines kept), the child inherits the environment (`--threads-per-task`
reaches it), and frner's exit status is checked here: 0 and 3 (some error records, which stay
rows) pass, anything else fails the task with frner's stderr.

Reading path: JSON Lines through Hadoop's line reader split on `\\n` only (`sc.textFile`, not
`spark.read.json`: blank, corrupt and non-string-text lines reach frner as they are); a first
job counts each partition's lines, so partition i starts at global line 1 + (lines before it)
and records without an id get the same line-number id as in a single-process run over the
files concatenated in sorted path order. Parquet input goes through Spark's reader; each row is
handed to frner as a JSON record (`id` and `text` from `--id-column` / `--text-column`, other
columns passed through), numbered in Spark's read order.

Output: a directory written by Spark's committer (a failed or retried task leaves no rows):
JSON Lines part files holding frner's lines byte for byte, or Parquet with the nested schema of
docs/formats.md ("parquet"). See README "Spark" for spark-submit on a cluster.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import deque

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# frner's exit statuses (docs/formats.md): 0 all tagged, 3 complete with some error records.
FRNER_OK = (0, 3)


def spark_schema():
    """frner's Parquet schema (src/output/parquet.rs, JSON pass-through) as a Spark type:
    nil_cluster is a long (Spark has no unsigned integers)."""
    from pyspark.sql import types as T

    link = T.StructType([
        T.StructField("id", T.StringType(), False),
        T.StructField("wikidata", T.StringType(), True),
        T.StructField("name", T.StringType(), False),
        T.StructField("score", T.FloatType(), False),
    ])
    entity = T.StructType([
        T.StructField("start", T.LongType(), False),
        T.StructField("end", T.LongType(), False),
        T.StructField("start_byte", T.LongType(), False),
        T.StructField("end_byte", T.LongType(), False),
        T.StructField("text", T.StringType(), False),
        T.StructField("label", T.StringType(), False),
        T.StructField("score", T.FloatType(), False),
        T.StructField("kind", T.StringType(), True),
        T.StructField("value", T.DoubleType(), True),
        T.StructField("min", T.DoubleType(), True),
        T.StructField("max", T.DoubleType(), True),
        T.StructField("unit", T.StringType(), True),
        T.StructField("approx", T.BooleanType(), True),
        T.StructField("qualifier", T.StringType(), True),
        T.StructField("nil_cluster", T.LongType(), True),
        T.StructField("link_status", T.StringType(), True),
        T.StructField("link", link, True),
    ])
    error = T.StructType([
        T.StructField("kind", T.StringType(), False),
        T.StructField("message", T.StringType(), False),
        T.StructField("line", T.LongType(), False),
    ])
    return T.StructType([
        T.StructField("id", T.StringType(), False),
        T.StructField("extra", T.StringType(), True),
        T.StructField("entities", T.ArrayType(entity, False), False),
        T.StructField("error", error, True),
    ])


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True, action="append",
                    help="file, directory or glob, any URI Spark reads (repeatable)")
    ap.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto",
                    help="auto: parquet when every input file ends in .parquet")
    ap.add_argument("--output", required=True, help="output directory (any URI Spark writes)")
    ap.add_argument("--format", choices=["parquet", "jsonl"], default="parquet")
    ap.add_argument("--mode", choices=["error", "overwrite"], default="error",
                    help="when the output exists: fail (default) or replace it")
    ap.add_argument("--master", default=None,
                    help="Spark master URL (default: local[*], or what spark-submit set)")
    ap.add_argument("--partitions", type=int, default=None,
                    help="least number of input partitions (JSON Lines; default: Spark's)")
    ap.add_argument("--threads-per-task", type=int, default=None,
                    help="libtorch/rayon threads of each frner (default: spark.task.cpus); "
                    "executor cores x this should not exceed a node's cores")
    ap.add_argument("--frner", default=os.path.join(REPO, "target/release/frner"),
                    help="the frner binary as executors see it: a path every node has, or a "
                    "path relative to the task's working directory (an --archives bundle)")
    ap.add_argument("--model", default=None,
                    help="model directory as executors see it (default: frner's own default)")
    ap.add_argument("--frner-args", default="",
                    help="more `frner tag` options, e.g. \"--labels all --no-link\"")
    ap.add_argument("--text-column", default="text", help="Parquet input: the text column")
    ap.add_argument("--id-column", default="id", help="Parquet input: the id column")
    return ap.parse_args(argv)


def list_files(spark, specs):
    """Every input file (globs and directories expanded, `_`/`.` files skipped), sorted."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found = []
    for spec in specs:
        path = jvm.org.apache.hadoop.fs.Path(spec)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if statuses is None or len(statuses) == 0:
            raise SystemExit(f"spark_tag: no input matches {spec}")
        for status in statuses:
            if status.isDirectory():
                it = fs.listFiles(status.getPath(), True)
                while it.hasNext():
                    found.append(it.next().getPath())
            else:
                found.append(status.getPath())
    names = sorted({p.toString() for p in found if not p.getName().startswith(("_", "."))})
    if not names:
        raise SystemExit("spark_tag: the input holds no file")
    return names


def jsonl_lines(spark, files, partitions):
    """The input's raw lines, split on `\\n` only (a `\\r` before it is left for frner to drop,
    as frner does), in file order then line order. Invalid UTF-8 becomes U+FFFD here (Hadoop's
    Text decoding): the one difference from frner reading the files itself."""
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("textinputformat.record.delimiter", "\n")
    path = ",".join(files)
    if partitions:
        return sc.textFile(path, minPartitions=partitions)
    return sc.textFile(path)


def parquet_lines(spark, files, text_column, id_column):
    """Parquet rows as JSON records for frner (`id` only where the id column has one)."""
    df = spark.read.parquet(*files)
    columns = df.columns
    if text_column not in columns:
        raise SystemExit(f"spark_tag: the input has no column {text_column!r} (--text-column)")

    def to_json(row):
        values = row.asDict(recursive=True)
        record = {}
        ident = values.pop(id_column, None)
        if ident is not None:
            record["id"] = ident
        record["text"] = values.pop(text_column, None)
        record.update(values)
        return json.dumps(record, ensure_ascii=False, default=str)

    return df.rdd.map(to_json)


class FrnerFailed(RuntimeError):
    pass


def run_frner(command, lines, env, out_path=None):
    """Feeds `lines` to one frner process; yields its stdout lines (JSON Lines output), or
    nothing when it writes `out_path`. Raises FrnerFailed on an exit status other than 0 or 3,
    with the end of frner's stderr."""
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=err, env=env)
    feed_error = []

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line.encode("utf-8"))
                proc.stdin.write(b"\n")
            proc.stdin.close()
        except BrokenPipeError:
            pass  # frner died: its exit status says why
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            feed_error.append(e)
            proc.kill()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for raw in proc.stdout:
            yield raw.rstrip(b"\n").decode("utf-8")
    finally:
        proc.stdout.close()
        rc = proc.wait()
        writer.join()
    if feed_error:
        raise feed_error[0]
    if rc not in FRNER_OK:
        err.seek(0)
        tail = deque(err.read().decode("utf-8", "replace").splitlines(), maxlen=20)
        raise FrnerFailed(
            f"frner exited with status {rc}: {shlex.join(command)}\n" + "\n".join(tail)
        )


def tag_partitions(lines, args, threads, out_format):
    """The RDD of output records: JSON lines (str) or row tuples of `spark_schema()`."""
    sc = lines.context
    # Pass 1: lines per partition, for global line numbers. Partitions are fixed once the RDD
    # exists, so the tagging pass below sees the same ones.
    counts = lines.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
    starts, total = [], 0
    for n in counts:
        starts.append(total + 1)
        total += n
    last = max((i for i, n in enumerate(counts) if n), default=-1)
    plan = sc.broadcast({"counts": counts, "starts": starts, "last": last})
    frner, model, extra = args.frner, args.model, shlex.split(args.frner_args)

    def on_partition(index, it):
        p = plan.value
        if p["counts"][index] == 0:
            return
        exe = resolve(frner)
        command = [exe, "tag", "--input", "-", "--quiet", "--threads", str(threads),
                   "--first-line", str(p["starts"][index])]
        if index != p["last"]:
            command.append("--continued")
        if model:
            command += ["--model", resolve(model)]
        command += extra
        env = dict(os.environ)
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
            env[var] = str(threads)
        env.pop("FRNER_LOG", None)
        if out_format == "jsonl":
            n = 0
            for record in run_frner(command + ["--output", "-"], it, env):
                n += 1
                yield record
            check_count(index, n, p)
            return
        import pyarrow.parquet as pq

        tmp = tempfile.mkdtemp(prefix="frner-part-")
        try:
            out = os.path.join(tmp, "part.parquet")
            for _ in run_frner(command + ["--format", "parquet", "--output", out], it, env):
                pass
            n = 0
            for batch in pq.ParquetFile(out).iter_batches(batch_size=1024):
                for row in batch.to_pylist():
                    n += 1
                    yield (row["id"], row.get("extra"), row["entities"], row["error"])
            check_count(index, n, p)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    return lines.mapPartitionsWithIndex(on_partition)


def check_count(index, n, plan):
    """Every input line gives one record (the last partition may drop final blank lines)."""
    want = plan["counts"][index]
    if n > want or (n < want and index != plan["last"]):
        raise FrnerFailed(f"partition {index}: {want} lines in, {n} records out")


def resolve(path):
    """A path as executors see it: absolute as given; relative to the task's working directory
    (where YARN and Kubernetes unpack `--archives`), else to SparkFiles' directory (where local
    and standalone executors unpack them)."""
    if os.path.isabs(path) or os.path.exists(path):
        return os.path.abspath(path)
    from pyspark import SparkFiles

    candidate = os.path.join(SparkFiles.getRootDirectory(), path)
    return candidate if os.path.exists(candidate) else os.path.abspath(path)


def session(master, app="frner-spark-tag"):
    """The Spark session: spark-submit's when launched by it, else one on `master`
    (default `local[*]`)."""
    from pyspark.sql import SparkSession

    # Local executors run this same Python (with pyspark and pyarrow).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master("local[*]")
    return builder.getOrCreate()


def run(spark, args):
    """Tags args.input into args.output; returns the number of output records."""
    # The tasks call this module's functions: ship it (under spark-submit it is __main__ and
    # travels by value; imported, as by the tests, it travels by name).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    files = list_files(spark, args.input)
    fmt = args.input_format
    if fmt == "auto":
        fmt = "parquet" if all(f.endswith(".parquet") for f in files) else "jsonl"
    if fmt == "parquet":
        lines = parquet_lines(spark, files, args.text_column, args.id_column)
    else:
        lines = jsonl_lines(spark, files, args.partitions)
    threads = args.threads_per_task or int(spark.conf.get("spark.task.cpus", "1"))
    if threads < 1:
        raise SystemExit("spark_tag: --threads-per-task must be at least 1")
    records = tag_partitions(lines, args, threads, args.format)
    if args.format == "jsonl":
        df = spark.createDataFrame(records.map(lambda s: (s,)), "value string")
        df.write.mode(args.mode).text(args.output)
    else:
        df = spark.createDataFrame(records, spark_schema())
        df.write.mode(args.mode).parquet(args.output)
    return files


def main(argv=None):
    args = parse_args(argv)
    spark = session(args.master)
    try:
        run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
