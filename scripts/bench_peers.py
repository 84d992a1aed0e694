#!/usr/bin/env python3
"""Throughput of frner against Python peers on the same corpus, same machine, one run.

Peers, each in its own process (so that peak RSS is per peer, from the kernel's rusage):

* ``frner bench --json --no-link --no-quantities`` (the NER model alone), and once more with
  linking + quantities on (the full pipeline's cost);
* the Hugging Face ``pipeline("token-classification", aggregation_strategy="simple",
  device=-1)`` on the same checkpoint directory;
* spaCy ``fr_core_news_md`` (``nlp.pipe``, ``n_process=1``; only NER and the components it
  listens to, unless ``--spacy-full``).

All peers get the very texts ``frner bench`` builds from the corpus: a CoNLL / HIPE gold file's
sentences are detokenized exactly as ``src/gold.rs`` does (``GoldSentence::text``), other inputs
are read as ``frner`` reads them (directory of ``*.txt``, one ``.txt``, JSON Lines). Words are
counted as ``frner`` does (Unicode ``White_Space`` split) and tokens are the model tokenizer's
content subwords (no special tokens, no truncation), so docs/s, words/s and tokens/s are corpus
sizes over the same seconds for every peer, spaCy included. The counts are checked against
what ``frner bench`` reports.

Every peer does one warm-up pass, then ``--repeat`` timed passes; figures are medians. Model
loading is timed apart (``--load-times``): fresh processes after the model's files are dropped
from the page cache (cold) and again at once (warm). With ``--f1`` each setting's strict F1 on
the corpus (CoNLL gold) sits next to its speed: frner's from ``frner eval``, the Python peers'
from their own output of the timed pass. Nothing is downloaded: the Hugging Face hub is
switched off.

    .venv/bin/python scripts/bench_peers.py --frner target/release/frner \\
        --model models/e5-small-fr-ner --corpus ../shared/data/wikineural-fr/dev.conllu \\
        --out out/bench [--repeat 3] [--limit N] [--threads T] [--skip-spacy] [--no-sweep]

Writes OUT/results.json and OUT/throughput.png (frner tokens/s against --max-batch-tokens and
--threads, the transformers pipeline as a horizontal line), and with --f1 OUT/frontier.png
(strict F1 against tokens/s, every setting and peer of the run).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# No hub access, ever: a checkpoint that is not on disk is an error, not a download.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ[_var] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Rust's char::is_whitespace / str::split_whitespace: the Unicode White_Space property.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_WS_RUN = re.compile(f"[{re.escape(WHITE_SPACE)}]+")


# Other work above this many busy cores before a run makes its timing suspect.
BUSY_WARN = 0.3


def rust_trim(s: str) -> str:
    return s.strip(WHITE_SPACE)


def count_words(text: str) -> int:
    """``text.split_whitespace().count()``."""
    return sum(1 for w in _WS_RUN.split(text) if w)


def rust_lines(text: str) -> list[str]:
    """``str::lines``: split on ``\\n``, drop one trailing ``\\r`` per line, no final empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


# ---------------------------------------------------------------------------------------------
# Corpus: the documents `frner bench --input CORPUS [--limit N]` benchmarks, in its order.


class GoldSentence:
    __slots__ = ("doc_id", "tokens", "space_after", "tags")

    def __init__(self) -> None:
        self.doc_id = ""
        self.tokens: list[str] = []
        self.space_after: list[bool] = []
        self.tags: list[str] = []  # IOB2, CoNLL gold only

    def spans(self, types: tuple[str, ...] = ("PER", "ORG", "LOC")) -> set[tuple[int, int, str]]:
        """Gold entities as character spans of ``text()`` (IOB2; an I- after another type
        starts an entity, as seqeval's strict mode reads it)."""
        out: set[tuple[int, int, str]] = set()
        pos, cur = 0, None  # cur: [start, end, type]
        for i, token in enumerate(self.tokens):
            tag = self.tags[i] if i < len(self.tags) else "O"
            kind = tag[2:] if tag != "O" else None
            if cur and (tag == "O" or tag.startswith("B-") or kind != cur[2]):
                out.add(tuple(cur))
                cur = None
            if kind and cur is None:
                cur = [pos, pos + len(token), kind]
            elif cur:
                cur[1] = pos + len(token)
            pos += len(token) + (1 if (self.space_after[i] if i < len(self.space_after) else True) else 0)
        if cur:
            out.add(tuple(cur))
        return {x for x in out if x[2] in types}

    def text(self) -> str:
        """``GoldSentence::text``: tokens joined with a space where ``space_after`` says so."""
        out = []
        n = len(self.tokens)
        for i, token in enumerate(self.tokens):
            out.append(token)
            if (self.space_after[i] if i < len(self.space_after) else True) and i + 1 < n:
                out.append(" ")
        return "".join(out)


_IOB = re.compile(r"^(O|[BI]-.+)$", re.S)


def parse_conll(text: str, source: str) -> list[GoldSentence]:
    """``gold::parse_conll``: ``idx<TAB>token<TAB>tag``, blank line between sentences."""
    sentences: list[GoldSentence] = []
    current = GoldSentence()
    for n, line in enumerate(rust_lines(text)):
        line = line.rstrip("\r")
        if rust_trim(line) == "":
            if current.tokens:
                sentences.append(current)
            current = GoldSentence()
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{source}:{n + 1}: expected `idx<TAB>token<TAB>tag`, got {line!r}")
        if not _IOB.match(fields[2]):
            raise ValueError(f"{source}:{n + 1}: invalid IOB2 tag {fields[2]!r}")
        current.tokens.append(fields[1])
        current.space_after.append(True)
        current.tags.append(fields[2])
    if current.tokens:
        sentences.append(current)
    return sentences


HIPE_COLUMNS = 10


def parse_hipe(text: str, source: str) -> list[GoldSentence]:
    """``gold::parse_hipe``: HIPE-2020 TSV v1.4, sentences end at EndOfSentence/PySBDSegment."""
    sentences: list[GoldSentence] = []
    current = GoldSentence()
    doc_id = ""
    seen_header = False

    def finish() -> None:
        nonlocal current
        if current.tokens:
            current.doc_id = doc_id
            sentences.append(current)
        current = GoldSentence()

    for n, line in enumerate(rust_lines(text)):
        line = line.rstrip("\r")
        fields = line.split("\t")
        if rust_trim(line) == "":
            continue
        if line.startswith("#") and len(fields) < HIPE_COLUMNS:
            key, sep, value = line.lstrip("#").partition("=")
            if sep and rust_trim(key) == "document_id":
                finish()
                doc_id = rust_trim(value)
            continue
        if not seen_header and fields[0] == "TOKEN":
            seen_header = True
            continue
        if len(fields) < HIPE_COLUMNS:
            raise ValueError(
                f"{source}:{n + 1}: expected {HIPE_COLUMNS} tab-separated columns, got {len(fields)}"
            )
        misc = fields[9].split("|")
        current.tokens.append(fields[0])
        current.space_after.append("NoSpaceAfter" not in misc)
        if "EndOfSentence" in misc or "PySBDSegment" in misc:
            finish()
    finish()
    return sentences


def _decompress(raw: bytes, source: str) -> bytes:
    if raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw)
    if raw[:4] == b"\x28\xb5\x2f\xfd":
        try:
            import zstandard  # type: ignore
        except ImportError as e:  # pragma: no cover
            raise SystemExit(f"{source}: zstd-compressed; `pip install zstandard` to read it") from e
        return zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    return raw


def _is_text_file_name(path: Path) -> bool:
    name = path.name.lower()
    for suffix in (".gz", ".zst"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.endswith(".txt")


def _text_record(path: Path) -> str | None:
    """``io::read_text_file``: the whole file, or None for an error record."""
    try:
        data = _decompress(path.read_bytes(), str(path))
    except OSError:
        return None
    if b"\0" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if rust_trim(text) == "" else text


def _walk_txt(root: Path) -> list[Path]:
    """``io::DirWalker``: ``*.txt`` below ``root``, sorted component by component; symlinked
    directories are not followed."""
    out: list[Path] = []

    def visit(d: Path) -> None:
        try:
            entries = sorted(d.iterdir(), key=lambda p: os.fsencode(p.name))
        except OSError:
            return
        for p in entries:
            if p.is_symlink() and p.is_dir():
                continue
            if p.is_dir():
                visit(p)
            elif _is_text_file_name(p) and p.is_file():
                out.append(p)

    visit(root)
    return out


def _jsonl_records(raw: bytes) -> list[str | None]:
    """``io`` JSON Lines: one record per line; text, or None for an error record."""
    records: list[str | None] = []
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        if line.endswith(b"\r"):
            line = line[:-1]
        try:
            value = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            records.append(None)
            continue
        text = value.get("text") if isinstance(value, dict) else None
        ok = isinstance(text, str) and rust_trim(text) != ""
        records.append(text if ok else None)
    return records


def load_corpus(spec: str, limit: int | None) -> tuple[list[str], str]:
    """The texts ``frner bench --input spec [--limit N]`` measures, and how they were read."""
    path = Path(spec)
    suffix = path.suffix.lstrip(".")
    if path.is_file() and suffix in ("conllu", "conll", "tsv"):
        text = path.read_bytes().decode("utf-8")
        hipe = suffix == "tsv"
        gold = parse_hipe(text, spec) if hipe else parse_conll(text, spec)
        records: list[str | None] = [s.text() for s in gold]
        kind = "hipe-gold" if hipe else "conll-gold"
    elif path.is_dir():
        records = [_text_record(p) for p in _walk_txt(path)]
        kind = "txt-directory"
    elif _is_text_file_name(path):
        records = [_text_record(path)]
        kind = "txt-file"
    else:
        records = _jsonl_records(_decompress(path.read_bytes(), spec))
        kind = "jsonl"
    if limit is not None:
        records = records[:limit]  # frner truncates before dropping error records
    return [r for r in records if r is not None], kind


def load_gold_spans(spec: str, limit: int | None) -> list[set] | None:
    """PER/ORG/LOC character spans of each text of a CoNLL corpus, in ``load_corpus``'s order;
    None for any other corpus."""
    path = Path(spec)
    if not (path.is_file() and path.suffix in (".conllu", ".conll")):
        return None
    gold = parse_conll(path.read_bytes().decode("utf-8"), spec)
    if limit is not None:
        gold = gold[:limit]
    return [s.spans() for s in gold]


def strict_f1(gold: list[set], predicted: list[list]) -> dict:
    """Strict micro precision, recall and F1 over PER/ORG/LOC: exact character span and
    type (``frner eval``'s strict definition), span edges stripped of white space."""
    if len(gold) != len(predicted):
        raise PeerError(f"{len(predicted)} predicted documents for {len(gold)} gold ones")
    correct = n_pred = n_gold = 0
    for g, pred in zip(gold, predicted):
        p = {(int(a), int(b), str(lab)) for a, b, lab in pred if str(lab) in ("PER", "ORG", "LOC")}
        correct += len(p & g)
        n_pred += len(p)
        n_gold += len(g)
    prec = correct / n_pred if n_pred else 0.0
    rec = correct / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"strict_f1": f1, "precision": prec, "recall": rec, "support": n_gold,
            "scorer": "bench_peers.strict_f1"}


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def evict_from_page_cache(directory: Path) -> None:
    """Drops a model's files from the page cache (``posix_fadvise(DONTNEED)``: no root
    needed), so that the next load reads them from disk."""
    for p in sorted(Path(directory).rglob("*")):
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def load_times(a, key: str, model: Path, dtype: str | None, work: Path, texts: list[str],
               repeat: int = 3) -> dict:
    """Load time of one setting from a cold page cache (its files evicted first) and a warm
    one (loaded again at once), medians of ``repeat`` fresh processes each. frner: model
    mapping, int8 quantization if any (`bench`'s load_s, no table); transformers: the
    pipeline's construction in the worker."""
    cold: list[float] = []
    warm: list[float] = []
    one = work / "load-texts.json"
    one.write_text(json.dumps(texts[:1], ensure_ascii=False), encoding="utf-8")
    for _ in range(repeat):
        for bucket, evict in ((cold, True), (warm, False)):
            if evict:
                evict_from_page_cache(model)
            if key.startswith("frner"):
                cmd = [str(a.frner), "bench", "--model", str(model), "--input", a.corpus, "--json",
                       "--repeat", "1", "--limit", "1", "--dtype", dtype or "fp32", "--no-link",
                       "--no-quantities"]
                if a.threads is not None:
                    cmd += ["--threads", str(a.threads)]
                r = run_measured(cmd, a.timeout)
                if r["rc"] != 0:
                    raise PeerError(describe_failure(" ".join(cmd), r))
                bucket.append(last_json_line(r["stdout"])["load_s"])
            else:
                params = {"texts": str(one), "model": str(model), "threads": a.threads,
                          "batch_size": a.batch_size, "stride": a.stride, "repeat": 1,
                          "max_doc_tokens": 512, "int8": dtype == "int8"}
                bucket.append(run_python_peer(a, "transformers", params, work, score=False)["load_s"])
    return {"load_cold_s": _median(cold), "load_warm_s": _median(warm),
            "load_cold_all_s": cold, "load_warm_all_s": warm}


def count_tokens(model_dir: Path, texts: list[str]) -> list[int]:
    """Content subwords per text, as ``SubwordTokenizer::encode`` counts them."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    counts: list[int] = []
    for i in range(0, len(texts), 1024):
        counts.extend(len(e.ids) for e in tok.encode_batch(texts[i : i + 1024], add_special_tokens=False))
    return counts


# ---------------------------------------------------------------------------------------------
# Running a peer in its own process, with its peak RSS from wait4().


class PeerError(RuntimeError):
    pass


def run_measured(cmd: list[str], timeout: float | None) -> dict:
    """Runs ``cmd``; returns rc, stdout, stderr, wall seconds and the child's peak RSS (MB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return {
            "rc": proc.returncode,
            "timed_out": timed_out.is_set(),
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "wall_s": wall,
            "peak_rss_mb": usage.ru_maxrss / 1024.0,  # Linux: KiB
        }


def last_json_line(stdout: str) -> dict:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON object on stdout")


def describe_failure(name: str, r: dict) -> str:
    why = "timed out" if r["timed_out"] else f"exit status {r['rc']}"
    tail = (r["stderr"].strip() or r["stdout"].strip())[-2000:]
    return f"{name}: {why}\n{tail}"


def run_frner(a, *, threads, max_batch_tokens, full, limit, repeat, dtype="fp32", model=None,
              workers=None) -> dict:
    cmd = [str(a.frner), "bench", "--model", str(model or a.model), "--input", a.corpus, "--json",
           "--repeat", str(repeat), "--dtype", dtype]
    if not full:
        cmd += ["--no-link", "--no-quantities"]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    if max_batch_tokens is not None:
        cmd += ["--max-batch-tokens", str(max_batch_tokens)]
    if workers is not None:
        cmd += ["--batch-workers", str(workers)]
    busy = busy_cores(0.5)
    r = run_measured(cmd, a.timeout)
    if r["rc"] != 0:
        raise PeerError(describe_failure(" ".join(cmd), r))
    res = last_json_line(r["stdout"])
    res["command"] = cmd
    if a.f1:
        res["f1"] = frner_f1(a, model or a.model, dtype, threads)
    res["process_peak_rss_mb"] = r["peak_rss_mb"]
    res["process_wall_s"] = r["wall_s"]
    res["busy_cores_before"] = busy
    return res


_F1_CACHE: dict = {}


def frner_f1(a, model, dtype, threads) -> dict | None:
    """Strict micro F1 (PER/ORG/LOC) of `frner eval` on the corpus when it is gold, once per
    model and dtype: accuracy next to the speed of the same setting."""
    key = (str(model), dtype)
    if key in _F1_CACHE:
        return _F1_CACHE[key]
    cmd = [str(a.frner), "eval", "--gold", a.corpus, "--model", str(model), "--dtype", dtype,
           "--json", "--no-link"]
    if a.limit is not None:
        cmd += ["--limit", str(a.limit)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise PeerError(f"{' '.join(cmd)}: exit status {r.returncode}\n{r.stderr[-2000:]}")
    micro = json.loads(r.stdout)["strict"]["micro"]
    _F1_CACHE[key] = {"strict_f1": micro["f1"], "precision": micro.get("precision"),
                      "recall": micro.get("recall"), "command": cmd}
    return _F1_CACHE[key]


def run_python_peer(a, kind: str, params: dict, work: Path, score: bool = True) -> dict:
    pred_path = None
    if score and a.f1 and getattr(a, "gold_spans", None) is not None:
        pred_path = work / f"{kind}{'-int8' if params.get('int8') else ''}-predictions.json"
        params = {**params, "predictions": str(pred_path)}
    spec = work / f"{kind}-params.json"
    spec.write_text(json.dumps(params), encoding="utf-8")
    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", kind, str(spec)]
    busy = busy_cores(0.5)
    r = run_measured(cmd, a.timeout)
    if r["rc"] != 0:
        raise PeerError(describe_failure(f"{kind} peer", r))
    res = last_json_line(r["stdout"])
    res["process_peak_rss_mb"] = r["peak_rss_mb"]
    res["process_wall_s"] = r["wall_s"]
    res["busy_cores_before"] = busy
    if pred_path is not None:
        res["f1"] = strict_f1(a.gold_spans, json.loads(pred_path.read_text(encoding="utf-8")))
    return res


# ---------------------------------------------------------------------------------------------
# Workers (run as `bench_peers.py _worker KIND PARAMS.json`): print one JSON line.


def _median(v: list[float]) -> float:
    return statistics.median(v) if v else float("nan")


def _self_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def worker_transformers(p: dict) -> dict:
    import torch
    import transformers
    from transformers import AutoConfig, pipeline

    if p.get("threads"):
        torch.set_num_threads(int(p["threads"]))
    texts: list[str] = json.loads(Path(p["texts"]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    nlp = pipeline("token-classification", model=p["model"], aggregation_strategy="simple", device=-1)
    if p.get("int8"):
        # PyTorch's own dynamic int8 for every nn.Linear (fbgemm): the same treatment as
        # `frner --dtype int8`, for a like-for-like comparison.
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nlp.model = torch.ao.quantization.quantize_dynamic(
                nlp.model, {torch.nn.Linear}, dtype=torch.qint8)
    cfg = AutoConfig.from_pretrained(p["model"])
    max_pos = getattr(cfg, "max_position_embeddings", None) or 512
    # RoBERTa-style position ids start at pad+1; keep the tokenizer's limit within the model's.
    limit = max_pos - 2 if getattr(cfg, "model_type", "") in ("xlm-roberta", "roberta", "camembert") else max_pos
    tok = nlp.tokenizer
    if not tok.model_max_length or tok.model_max_length > limit:
        tok.model_max_length = limit
    n_special = tok.num_special_tokens_to_add(pair=False)
    call_kwargs: dict = {"batch_size": int(p["batch_size"])}
    stride = p.get("stride")
    if stride is None and p["max_doc_tokens"] + n_special > tok.model_max_length:
        # Without a stride the pipeline truncates long documents; frner's default overlap is a
        # quarter of its 256-subword window.
        stride = max(1, min(64, (tok.model_max_length - n_special) // 4))
    if stride:
        call_kwargs["stride"] = int(stride)
    load_s = time.perf_counter() - t0

    last: list = []

    def once() -> tuple[float, int]:
        start = time.perf_counter()
        out = nlp(texts, **call_kwargs)
        elapsed = time.perf_counter() - start
        last[:] = out
        return elapsed, sum(len(x) for x in out)

    with torch.inference_mode():
        warm, _ = once()
        secs, entities = [], 0
        for _ in range(max(1, int(p["repeat"]))):
            s, entities = once()
            secs.append(s)
    if p.get("predictions"):
        preds = []
        for text, ents in zip(texts, last):
            preds.append([[*strip_span(text, int(e["start"]), int(e["end"])), e["entity_group"]]
                          for e in ents])
        Path(p["predictions"]).write_text(json.dumps(preds), encoding="utf-8")
    return {
        "peer": "transformers",
        "int8": bool(p.get("int8")),
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "batch_size": call_kwargs["batch_size"],
        "stride": call_kwargs.get("stride"),
        "model_max_length": tok.model_max_length,
        "load_s": load_s,
        "warmup_s": warm,
        "seconds_all": secs,
        "seconds_median": _median(secs),
        "entities": entities,
        "peak_rss_mb": _self_rss_mb(),
    }


def worker_spacy(p: dict) -> dict:
    import spacy

    texts: list[str] = json.loads(Path(p["texts"]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    nlp = spacy.load(p["spacy_model"])
    if not p.get("full"):
        keep = {"ner"}
        for name, pipe in nlp.pipeline:
            if "ner" in getattr(pipe, "listening_components", []):
                keep.add(name)  # a shared tok2vec that the NER listens to
        nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep])
    nlp.max_length = max(nlp.max_length, max((len(t) for t in texts), default=0) + 1)
    load_s = time.perf_counter() - t0

    preds: list = []

    def once() -> tuple[float, int, int]:
        start = time.perf_counter()
        ents = toks = 0
        preds.clear()
        for doc in nlp.pipe(texts, batch_size=int(p["batch_size"]), n_process=1):
            ents += len(doc.ents)
            toks += len(doc)
            preds.append([[e.start_char, e.end_char, e.label_] for e in doc.ents])
        return time.perf_counter() - start, ents, toks

    warm, _, _ = once()
    secs, entities, spacy_tokens = [], 0, 0
    for _ in range(max(1, int(p["repeat"]))):
        s, entities, spacy_tokens = once()
        secs.append(s)
    if p.get("predictions"):
        Path(p["predictions"]).write_text(json.dumps(preds), encoding="utf-8")
    meta = nlp.meta
    return {
        "peer": "spacy",
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang')}_{meta.get('name')}",
        "model_version": meta.get("version"),
        "components": nlp.pipe_names,
        "threads": 1,
        "batch_size": int(p["batch_size"]),
        "load_s": load_s,
        "warmup_s": warm,
        "seconds_all": secs,
        "seconds_median": _median(secs),
        "entities": entities,
        "spacy_tokens": spacy_tokens,
        "peak_rss_mb": _self_rss_mb(),
    }


def worker_main(kind: str, params_path: str) -> int:
    p = json.loads(Path(params_path).read_text(encoding="utf-8"))
    res = {"transformers": worker_transformers, "spacy": worker_spacy}[kind](p)
    print(json.dumps(res), flush=True)
    return 0


# ---------------------------------------------------------------------------------------------
# Report


def add_rates(res: dict, corpus: dict) -> dict:
    s = res["seconds_median"]
    res["docs_per_s"] = corpus["docs"] / s
    res["words_per_s"] = corpus["words"] / s
    res["tokens_per_s"] = corpus["tokens"] / s
    return res


def fmt_row(name: str, threads, batch: str, r: dict) -> str:
    return (
        f"{name:<38} {str(threads):>7} {batch:>10} {r['docs_per_s']:>9.1f} {r['words_per_s']:>10.0f} "
        f"{r['tokens_per_s']:>10.0f} {r['process_peak_rss_mb']:>9.0f} {r['seconds_median']:>9.2f}"
        f" {(r.get('f1') or {}).get('strict_f1', float('nan')):>6.3f}"
        f" {r.get('load_cold_s', float('nan')):>7.2f} {r.get('load_warm_s', float('nan')):>7.2f}"
    )


def print_table(runs: dict, ratios: dict, corpus: dict) -> None:
    print(
        f"\ncorpus {corpus['path']} ({corpus['kind']}): {corpus['docs']} docs, {corpus['words']} words, "
        f"{corpus['tokens']} tokens (model subwords), {corpus['bytes'] / 1e6:.2f} MB"
    )
    head = (
        f"{'peer':<38} {'threads':>7} {'batch':>10} {'docs/s':>9} {'words/s':>10} {'tokens/s':>10} "
        f"{'RSS MB':>9} {'median s':>9} {'F1':>6} {'cold s':>7} {'warm s':>7}"
    )
    print(head)
    print("-" * len(head))
    labels = {
        "frner": "frner (NER only)",
        "frner_int8": "frner --dtype int8 (NER only)",
        "frner_1w": "frner, one batch worker (NER only)",
        "frner_full": "frner (NER + quantities + linking)",
        "frner_fast": "frner --model fast (NER only)",
        "frner_fast_int8": "frner --model fast --dtype int8",
        "transformers": "transformers pipeline (simple)",
        "transformers_int8": "transformers pipeline, dynamic int8",
        "spacy": "spaCy",
    }
    for key, r in runs.items():
        if key.startswith("frner"):
            batch = f"{r['max_batch_tokens']} tok"
        else:
            batch = f"{r['batch_size']} docs"
        name = labels[key]
        if key == "spacy":
            name = f"spaCy {r['model']} ({'+'.join(r['components'])})"
        print(fmt_row(name, r.get("threads"), batch, r))
    for key, v in ratios.items():
        rounds = v.get("throughput_rounds") or []
        per = f" (rounds: {', '.join(f'{x:.2f}' for x in rounds)})" if len(rounds) > 1 else ""
        print(f"{key}: {v['throughput']:.2f}x throughput{per}, {v['peak_rss']:.2f}x peak RSS")


def plot(path: Path, sweep: list[dict], runs: dict, main_mbt: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ref = runs.get("transformers")
    sp = runs.get("spacy")

    def reference_lines(ax) -> None:
        if ref:
            ax.axhline(ref["tokens_per_s"], color="tab:red", ls="--",
                       label=f"transformers pipeline ({ref['threads']} thread{'s' if ref['threads'] != 1 else ''}, batch {ref['batch_size']})")
        if sp:
            ax.axhline(sp["tokens_per_s"], color="tab:green", ls=":", label=f"spaCy {sp['model']} (1 process)")

    def sweep_panel(ax, xlabel: str, title: str) -> None:
        ax.set_xlabel(xlabel)
        ax.set_ylabel("tokens/s (model subwords)")
        ax.set_title(title)
        reference_lines(ax)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)

    panels = 3 if sweep else 1
    fig, axes = plt.subplots(1, panels, figsize=(5.2 * panels, 4.2), squeeze=False)
    axes = axes[0]
    if sweep:
        ax = axes[0]
        for t in sorted({p["threads"] for p in sweep}):
            pts = sorted((p["max_batch_tokens"], p["tokens_per_s"]) for p in sweep if p["threads"] == t)
            ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=f"frner, {t} thread{'s' if t != 1 else ''}")
        ax.set_xscale("log", base=2)
        sweep_panel(ax, "--max-batch-tokens", "frner vs batch token budget")

        ax = axes[1]
        pts = sorted((p["threads"], p["tokens_per_s"]) for p in sweep if p["max_batch_tokens"] == main_mbt)
        ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=f"frner, {main_mbt} tokens/batch")
        ax.set_xticks([x for x, _ in pts])
        sweep_panel(ax, "--threads", "frner vs threads")
    ax = axes[-1]
    names, values, colors = [], [], []
    palette = {"frner": "tab:blue", "frner_1w": "tab:gray", "frner_int8": "tab:purple", "frner_full": "tab:cyan",
               "frner_fast": "tab:olive", "frner_fast_int8": "tab:brown",
               "transformers": "tab:red", "transformers_int8": "tab:orange", "spacy": "tab:green"}
    short = {"frner": "frner\nNER", "frner_1w": "frner\n1 worker", "frner_int8": "frner\nint8", "frner_full": "frner\nfull",
             "frner_fast": "fast\nfp32", "frner_fast_int8": "fast\nint8",
             "transformers": "transformers", "transformers_int8": "transformers\nint8", "spacy": "spaCy"}
    for key, r in runs.items():
        names.append(short[key])
        values.append(r["tokens_per_s"])
        colors.append(palette[key])
    ax.bar(names, values, color=colors)
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:,.0f}", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("tokens/s (model subwords)")
    ax.set_title("peers, same corpus")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_frontier(path: Path, runs: dict, corpus: dict, machine: dict) -> None:
    """Strict F1 against tokens/s for every setting and peer of the run that has both."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = {"frner": "frner accurate fp32", "frner_1w": "frner accurate fp32, one batch worker",
             "frner_int8": "frner accurate int8",
             "frner_full": "frner accurate fp32, full pipeline", "frner_fast": "frner fast fp32",
             "frner_fast_int8": "frner fast int8", "transformers": "transformers pipeline fp32",
             "transformers_int8": "transformers pipeline int8", "spacy": "spaCy"}
    fig, ax = plt.subplots(figsize=(11, 4.6))
    points = sorted(((r["tokens_per_s"], (r.get("f1") or {}).get("strict_f1"), key, r)
                     for key, r in runs.items()), key=lambda x: x[0])
    n = 0
    for speed, f1, key, r in points:
        if f1 is None:
            continue
        n += 1
        frner = key.startswith("frner")
        label = names.get(key, key)
        if key == "spacy":
            label = f"spaCy {r.get('model', '')}"
        # Numbered markers, names in the legend: close points would hide each other's labels.
        ax.scatter(speed, f1, s=70, marker="o" if frner else "s",
                   color="tab:blue" if frner else "tab:red",
                   label=f"{n}  {label}: {speed:,.0f} tok/s, F1 {f1:.3f}")
        ax.annotate(str(n), (speed, f1), textcoords="offset points", xytext=(5, 5), fontsize=9)
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), handletextpad=0.3)
    ax.set_xscale("log")
    ax.set_xlabel("tokens/s (model subwords, log scale)")
    ax.set_ylabel("strict F1, PER/ORG/LOC")
    ax.set_title(f"speed / accuracy, one run: {corpus['docs']} documents of {Path(corpus['path']).name}, "
                 f"{machine['cores']} cores", fontsize=9)
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def versions() -> dict:
    from importlib import metadata

    out = {"python": platform.python_version()}
    for pkg in ("torch", "transformers", "tokenizers", "spacy", "fr_core_news_md", "matplotlib"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def busy_cores(seconds: float = 1.0) -> float | None:
    """Cores kept busy by other processes right now (from /proc/stat over `seconds`): a
    benchmark sharing the CPU is slowed down, libtorch with all cores' threads dramatically so."""

    def sample() -> tuple[int, int]:
        f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = f[3] + (f[4] if len(f) > 4 else 0)
        return sum(f[:8]), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    if total1 <= total0:
        return 0.0
    return (1 - (idle1 - idle0) / (total1 - total0)) * (os.cpu_count() or 1)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def int_list(s: str) -> list[int]:
    return [int(x) for x in s.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--frner", type=Path, default=Path("target/release/frner"), help="frner binary")
    ap.add_argument("--model", type=Path, required=True, help="token-classification checkpoint directory")
    ap.add_argument("--corpus", required=True, help="anything `frner bench --input` takes (.conllu, .tsv, dir, .jsonl)")
    ap.add_argument("--out", type=Path, required=True, help="output directory (results.json, throughput.png)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per peer after one warm-up (median)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run frner and the transformers pipeline (fp32, and int8 with --int8) this "
                         "many times, interleaved; each round gives one same-run ratio, the table "
                         "shows the medians")
    ap.add_argument("--int8", action=argparse.BooleanOptionalAction, default=True,
                    help="also run `frner --dtype int8` and the pipeline with PyTorch dynamic int8")
    ap.add_argument("--fast-model", type=Path,
                    help="also run this model (the fast one: models/e5-small-fr-ner-fast) in fp32 "
                         "and int8, in the same rounds")
    ap.add_argument("--f1", action="store_true",
                    help="strict F1 of each frner setting (`frner eval`; the corpus must be gold)")
    ap.add_argument("--limit", type=int, help="use only the first N documents")
    ap.add_argument("--threads", type=int, help="intra-op threads for frner and torch (default: libtorch's)")
    ap.add_argument("--max-batch-tokens", type=int,
                    help="frner's token budget per batch (default: frner's own, which depends on the batch workers)")
    ap.add_argument("--one-worker", action=argparse.BooleanOptionalAction, default=True,
                    help="also run the accurate model fp32 with --batch-workers 1 --max-batch-tokens 1024 "
                    "(frner's CPU default before batch workers)")
    ap.add_argument("--batch-size", type=int, default=8, help="transformers pipeline batch_size")
    ap.add_argument("--stride", type=int, help="transformers pipeline stride (default: 64 if a document "
                    "is longer than the model, else none)")
    ap.add_argument("--spacy-model", default="fr_core_news_md")
    ap.add_argument("--spacy-batch-size", type=int, default=64)
    ap.add_argument("--spacy-full", action="store_true", help="run every spaCy component, not just NER")
    ap.add_argument("--load-times", action=argparse.BooleanOptionalAction, default=True,
                    help="measure each setting's load time from a cold and a warm page cache")
    ap.add_argument("--skip-frner", action="store_true", help="Python peers only (no binary yet)")
    ap.add_argument("--skip-full", action="store_true", help="skip the frner run with linking + quantities")
    ap.add_argument("--skip-transformers", action="store_true")
    ap.add_argument("--skip-spacy", action="store_true")
    ap.add_argument("--sweep", action=argparse.BooleanOptionalAction, default=True,
                    help="frner over --sweep-batch-tokens x --sweep-threads (default: on)")
    ap.add_argument("--sweep-batch-tokens", type=int_list, default=[512, 1024, 2048, 4096, 8192])
    ap.add_argument("--sweep-threads", type=int_list, default=[1, 2])
    ap.add_argument("--sweep-repeat", type=int, default=1, help="timed passes per sweep point")
    ap.add_argument("--sweep-limit", type=int, help="documents per sweep point (default: --limit)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per peer process")
    a = ap.parse_args(argv)

    if not (a.model / "config.json").is_file() or not (a.model / "tokenizer.json").is_file():
        ap.error(f"--model {a.model}: no config.json + tokenizer.json there")
    if not a.skip_frner and not (a.frner.is_file() and os.access(a.frner, os.X_OK)):
        ap.error(f"--frner {a.frner}: not an executable (build it, or pass --skip-frner)")
    a.out.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []

    texts, kind = load_corpus(a.corpus, a.limit)
    if not texts:
        raise SystemExit(f"{a.corpus}: no documents to benchmark")
    # Gold spans for the Python peers' F1 (frner's comes from `frner eval`).
    a.gold_spans = load_gold_spans(a.corpus, a.limit) if a.f1 else None
    tokens = count_tokens(a.model, texts)
    corpus = {
        "path": a.corpus,
        "kind": kind,
        "limit": a.limit,
        "docs": len(texts),
        "words": sum(count_words(t) for t in texts),
        "tokens": sum(tokens),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "max_doc_tokens": max(tokens),
    }
    cores = os.cpu_count() or 1
    machine = {"cpu": cpu_model(), "cores": cores, "platform": platform.platform(),
               "busy_cores_start": busy_cores(2.0)}
    busy = machine["busy_cores_start"]
    print(f"corpus: {corpus['docs']} docs, {corpus['words']} words, {corpus['tokens']} tokens "
          f"({kind}); machine: {cores} cores, {busy if busy is not None else float('nan'):.2f} busy "
          "with other work", flush=True)

    runs: dict[str, dict] = {}
    sweep: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench_peers.") as tmp:
        work = Path(tmp)
        texts_file = work / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")

        # The peers that the speed bar compares run in interleaved rounds, so that each round
        # yields ratios measured under the same machine conditions.
        plan: list[tuple[str, object]] = []
        if not a.skip_frner:
            plan.append(("frner", lambda: run_frner(a, threads=a.threads, max_batch_tokens=a.max_batch_tokens,
                                                   full=False, limit=a.limit, repeat=a.repeat)))
            if a.one_worker:
                # The default before batch workers: one batch of 1,024 tokens at a time on
                # all the threads (the speed bar's "today's default fp32").
                plan.append(("frner_1w", lambda: run_frner(
                    a, threads=a.threads, max_batch_tokens=a.max_batch_tokens or 1024, full=False,
                    limit=a.limit, repeat=a.repeat, workers=1)))
            if a.int8:
                plan.append(("frner_int8", lambda: run_frner(
                    a, threads=a.threads, max_batch_tokens=a.max_batch_tokens, full=False,
                    limit=a.limit, repeat=a.repeat, dtype="int8")))
            if a.fast_model:
                for dt, key in (("fp32", "frner_fast"), ("int8", "frner_fast_int8")):
                    plan.append((key, lambda dt=dt: run_frner(
                        a, threads=a.threads, max_batch_tokens=a.max_batch_tokens, full=False,
                        limit=a.limit, repeat=a.repeat, dtype=dt, model=a.fast_model)))
        peer_params = {
            "texts": str(texts_file), "model": str(a.model), "threads": a.threads,
            "batch_size": a.batch_size, "stride": a.stride, "repeat": a.repeat,
            "max_doc_tokens": corpus["max_doc_tokens"],
        }
        if not a.skip_transformers:
            plan.append(("transformers", lambda: run_python_peer(a, "transformers", peer_params, work)))
            if a.int8:
                plan.append(("transformers_int8", lambda: run_python_peer(
                    a, "transformers", {**peer_params, "int8": True}, work)))
        per_round: dict[str, list[dict]] = {k: [] for k, _ in plan}
        for rnd in range(max(1, a.rounds)):
            for key, run in plan:
                print(f"round {rnd + 1}/{a.rounds}: {key} ...", flush=True)
                per_round[key].append(add_rates(run(), corpus))
        for key, rounds_of_key in per_round.items():
            r = sorted(rounds_of_key, key=lambda x: x["tokens_per_s"])[len(rounds_of_key) // 2]
            r["tokens_per_s_rounds"] = [x["tokens_per_s"] for x in rounds_of_key]
            runs[key] = r
            if key.startswith("frner"):
                # The fast model's pruned vocabulary may cut a text into other subwords: its
                # rates use the corpus's (accurate model's) subword count like every peer's.
                for k in ("docs", "words", "bytes") + (() if "fast" in key else ("tokens",)):
                    if r.get(k) != corpus[k]:
                        warnings.append(f"corpus mismatch: frner counts {k}={r.get(k)}, this script "
                                        f"{corpus[k]}: the peers may not see the same texts")
            if key == "transformers":
                if r.get("stride"):
                    warnings.append(f"transformers: documents longer than {r['model_max_length']} subwords, "
                                    f"run with stride={r['stride']} (frner windows at --max-seq-len 256)")
                if "frner" in runs and runs["frner"].get("threads") != r["threads"]:
                    warnings.append(f"threads differ: frner {runs['frner'].get('threads')}, torch {r['threads']}")
        if a.load_times:
            settings = {"frner": (a.model, "fp32"), "frner_int8": (a.model, "int8"),
                        "frner_fast": (a.fast_model, "fp32"), "frner_fast_int8": (a.fast_model, "int8"),
                        "transformers": (a.model, "fp32"), "transformers_int8": (a.model, "int8")}
            for key, (model, dtype) in settings.items():
                if key in runs:
                    print(f"load time (cold, warm): {key} ...", flush=True)
                    runs[key].update(load_times(a, key, model, dtype, work, texts))
        if not a.skip_frner and not a.skip_full:
            print("frner (NER + quantities + linking) ...", flush=True)
            r = run_frner(a, threads=a.threads, max_batch_tokens=a.max_batch_tokens, full=True,
                          limit=a.limit, repeat=a.repeat)
            runs["frner_full"] = add_rates(r, corpus)

        if not a.skip_spacy:
            print(f"spaCy {a.spacy_model} ...", flush=True)
            try:
                r = run_python_peer(a, "spacy", {
                    "texts": str(texts_file), "spacy_model": a.spacy_model, "full": a.spacy_full,
                    "batch_size": a.spacy_batch_size, "repeat": a.repeat,
                }, work)
                runs["spacy"] = add_rates(r, corpus)
            except PeerError as e:
                warnings.append(f"spaCy peer failed (install scripts/requirements-bench.txt?): "
                                f"{str(e).splitlines()[-1]}")

        if a.sweep and not a.skip_frner:
            limit = a.sweep_limit if a.sweep_limit is not None else a.limit
            grid = sorted(set(a.sweep_batch_tokens) | ({a.max_batch_tokens} - {None}))
            for t in a.sweep_threads:
                for b in grid:
                    print(f"sweep: frner --threads {t} --max-batch-tokens {b} ...", flush=True)
                    r = run_frner(a, threads=t, max_batch_tokens=b, full=False, limit=limit,
                                  repeat=a.sweep_repeat)
                    sweep.append({
                        "threads": r["threads"], "max_batch_tokens": b, "docs": r["docs"],
                        "tokens": r["tokens"], "seconds_median": r["seconds_median"],
                        "tokens_per_s": r["tokens_per_s"], "docs_per_s": r["docs_per_s"],
                        "padding_ratio": r.get("padding_ratio"), "batches": r.get("batches"),
                        "peak_rss_mb": r.get("peak_rss_mb"),
                        "process_peak_rss_mb": r["process_peak_rss_mb"],
                        "busy_cores_before": r["busy_cores_before"],
                    })

    ratios: dict[str, dict] = {}
    pairs = (
        ("frner", "transformers", "frner/transformers (fp32/fp32)"),
        ("frner_int8", "transformers", "frner int8/transformers fp32"),
        ("frner_int8", "transformers_int8", "frner int8/transformers int8"),
        ("frner_fast", "frner", "fast fp32/frner fp32"),
        ("frner_fast_int8", "frner", "fast int8/frner fp32"),
        ("frner_fast_int8", "frner_1w", "fast int8/frner fp32 one worker"),
        ("frner", "frner_1w", "frner fp32 batch workers/one worker"),
        ("frner_fast", "transformers", "fast fp32/transformers fp32"),
        ("frner_fast_int8", "transformers", "fast int8/transformers fp32"),
        ("frner", "spacy", "frner/spaCy"),
    )
    for ours, peer, label in pairs:
        if ours in runs and peer in runs:
            ratio = {
                "throughput": runs[ours]["tokens_per_s"] / runs[peer]["tokens_per_s"],
                "peak_rss": runs[ours]["process_peak_rss_mb"] / runs[peer]["process_peak_rss_mb"],
            }
            a_r, b_r = per_round.get(ours, []), per_round.get(peer, [])
            if len(a_r) > 1 and len(a_r) == len(b_r):
                rounds = [x["tokens_per_s"] / y["tokens_per_s"] for x, y in zip(a_r, b_r)]
                ratio["throughput_rounds"] = rounds
                ratio["throughput"] = statistics.median(rounds)
            ratios[label] = ratio
    contended = [(k, r["busy_cores_before"]) for k, r in runs.items()
                 if (r.get("busy_cores_before") or 0) > BUSY_WARN]
    contended += [(f"sweep t={p['threads']} b={p['max_batch_tokens']}", p["busy_cores_before"])
                  for p in sweep if (p.get("busy_cores_before") or 0) > BUSY_WARN]
    if (busy or 0) > BUSY_WARN or contended:
        worst = max([busy or 0] + [c for _, c in contended])
        warnings.append(
            f"other processes kept up to {worst:.1f} of {cores} cores busy (at start and before "
            f"{', '.join(k for k, _ in contended) or 'no run'}): timings are unreliable, libtorch "
            "peers with one thread per core especially (OpenMP threads wait on descheduled ones); "
            "rerun on an idle machine")
    results = {
        "corpus": corpus,
        "machine": machine,
        "versions": versions(),
        "options": {"repeat": a.repeat, "rounds": a.rounds, "int8": a.int8, "threads": a.threads, "max_batch_tokens": a.max_batch_tokens,
                    "batch_size": a.batch_size, "spacy_batch_size": a.spacy_batch_size,
                    "spacy_full": a.spacy_full, "model": str(a.model), "frner": str(a.frner),
                    "fast_model": str(a.fast_model) if a.fast_model else None, "f1": a.f1},
        "runs": runs,
        "ratios": ratios,
        "sweep": sweep,
        "warnings": warnings,
    }
    (a.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    print_table(runs, ratios, corpus)
    if runs:
        plot(a.out / "throughput.png", sweep, runs, a.max_batch_tokens or 1024)
        if any(r.get("f1") for r in runs.values()):
            plot_frontier(a.out / "frontier.png", runs, corpus, machine)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"\nwrote {a.out / 'results.json'}" + (f" and {a.out / 'throughput.png'}" if runs else ""))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "_worker":
        sys.exit(worker_main(sys.argv[2], sys.argv[3]))
    try:
        sys.exit(main())
    except PeerError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
