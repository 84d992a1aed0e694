#!/usr/bin/env python3
"""The steps of gpu_check.sh (see there): parity and throughput of frner on CUDA, in a bounded time.

    gpu_check.py run --mode gpu|cpu --frner BIN --corpus corpus.jsonl --tokenizer DIR --out OUT
                     --work DIR [--budget-s S]
    gpu_check.py checkpoint --out DIR --tokenizer DIR [--seed N]   (needs torch + transformers)
    gpu_check.py peer PARAMS.json                                  (transformers pipeline worker)
    gpu_check.py corpus --conll dev.conllu | --lines file.txt --out corpus.jsonl [--limit N]
    gpu_check.py table OUT/gpu_report.json [--rc N]

`run` itself uses the standard library only; torch and transformers are imported in the
`checkpoint` and `peer` subprocesses, so the orchestrator never holds a CUDA context and a
crash there is a failed step, not a lost report. The report is rewritten after every step, so a
run killed by its time limit still leaves what it measured.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ[_var] = "1"  # nothing is ever downloaded
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPORT = "gpu_report.json"
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
# multilingual-e5-small (build/e5-small/config.json): the shape the checkpoint copies.
E5_SMALL = dict(vocab_size=250037, hidden_size=384, num_hidden_layers=12, num_attention_heads=12,
                intermediate_size=1536, hidden_act="gelu", max_position_embeddings=512,
                type_vocab_size=2, layer_norm_eps=1e-12, pad_token_id=1)
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
# Agreement of fp16/bf16 entities with the CPU's fp32 ones that parity requires.
REDUCED_PRECISION_AGREEMENT = 0.99

# What each mode runs. gpu: the sizes; cpu: the same steps small enough for `make test`
# on a shared 2-core machine: a slice of the corpus, 2 encoder layers instead of 12 (same width,
# vocabulary and heads), fp32 only (frner refuses fp16/bf16 on the CPU).
PLANS = {
    "gpu": dict(
        layers=12,
        parity_docs=300,
        parity_runs=[("cuda fp32", "cuda", "fp32", None), ("cuda fp16", "cuda", "fp16", None),
                     ("cuda bf16", "cuda", "bf16", None)],
        # The 2,000 sentences five times over: ~0.35 M tokens, so that a pass lasts long enough
        # to time at ~10^5-10^6 tokens/s.
        bench_copies=5, bench_docs=None, bench_repeat=2,
        # (dtype, budgets); None = frner's default for the device (reported by `bench`).
        # The first entry's first two budgets run before the peer, the other precisions'
        # defaults right after it, then the rest (see Check.run).
        sweep=[("fp16", [None, 1024, 4096, 65536]), ("bf16", [None, 4096, 65536]),
               ("fp32", [None, 4096, 65536])],
        peer_device="cuda", peer_dtype="fp16", peer_docs=2000, peer_sweep_docs=500,
        peer_batch_sizes=[16, 64, 256], peer_repeat=2,
        budget_s=320,
    ),
    "cpu": dict(
        layers=2,
        parity_docs=40,
        # Same precision, another batching (budget 64 tokens, one thread): entities must not
        # depend on how sentences are batched and padded.
        parity_runs=[("cpu fp32, batches of 64 tokens, 1 thread", "cpu", "fp32", 64)],
        bench_copies=1, bench_docs=40, bench_repeat=1,
        sweep=[("fp32", [None, 256])],
        peer_device="cpu", peer_dtype="fp32", peer_docs=40, peer_sweep_docs=20,
        peer_batch_sizes=[8, 32], peer_repeat=1,
        budget_s=150,
    ),
}


# ---------------------------------------------------------------------------------------------
# Small helpers


def now_utc() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_json(path: Path, value) -> None:
    """Atomic write: a reader (or a kill) never sees half a report."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, records) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def last_json_line(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON object on stdout")


class StepError(RuntimeError):
    pass


# The process group of the step running now: killed with the orchestrator, since children run
# in their own sessions and would otherwise outlive a `timeout` that stops it.
_CHILD: list[int] = []


def run_process(cmd: list[str], timeout: float, env: dict | None = None) -> dict:
    """Runs cmd in its own process group, killed (group and all) after `timeout` seconds.
    Returns rc, stdout, stderr, wall seconds and CPU seconds (user + system) of the child."""
    if timeout <= 1:
        raise StepError(f"no time left for: {' '.join(cmd[:3])} …")
    out_path = Path(os.environ.get("GPU_CHECK_TMP", "/tmp")) / f"gpu_check.{os.getpid()}.out"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "w+b") as out, open(err_path, "w+b") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)
        _CHILD[:] = [proc.pid]
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            _CHILD.clear()
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        r = {
            "rc": os.waitstatus_to_exitcode(status),
            "timed_out": timed_out.is_set(),
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "wall_s": wall,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            # The kernel's share and page faults: on a virtual machine, memory handed back and
            # faulted in again, or threads woken, cost far more than on bare metal.
            "sys_s": usage.ru_stime,
            "minor_faults": usage.ru_minflt,
            "voluntary_switches": usage.ru_nvcsw,
            "peak_rss_mb": usage.ru_maxrss / 1024.0,
        }
    for p in (out_path, err_path):
        p.unlink(missing_ok=True)
    return r


def check_process(name: str, r: dict) -> None:
    if r["rc"] != 0 or r["timed_out"]:
        why = "timed out" if r["timed_out"] else f"exit status {r['rc']}"
        tail = (r["stderr"].strip() or r["stdout"].strip())[-1500:]
        raise StepError(f"{name}: {why}\n{tail}")


class GpuMemory:
    """Peak `memory.used` of one GPU (nvidia-smi, every 100 ms) while a step runs, minus what
    was used before it started: the step's own footprint, CUDA context included."""

    def __init__(self, index: str | None):
        self.index = index
        self.proc = None
        self.peak = None
        self.base = None
        self.thread = None

    @staticmethod
    def used_mb(index: str) -> float | None:
        try:
            r = subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits",
                                "-i", index], capture_output=True, text=True, timeout=10)
            return float(r.stdout.strip().splitlines()[0])
        except (OSError, ValueError, IndexError, subprocess.SubprocessError):
            return None

    def __enter__(self):
        if self.index is None or shutil.which("nvidia-smi") is None:
            return self
        self.base = self.used_mb(self.index)
        try:
            self.proc = subprocess.Popen(
                ["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits",
                 "-i", self.index, "-lms", "100"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        except OSError:
            return self

        def read() -> None:
            for line in self.proc.stdout:
                try:
                    v = float(line.strip())
                except ValueError:
                    continue
                self.peak = v if self.peak is None else max(self.peak, v)

        self.thread = threading.Thread(target=read, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            if self.thread is not None:
                self.thread.join(timeout=5)
        return False

    def mb(self) -> float | None:
        if self.peak is None or self.base is None:
            return None
        return max(0.0, self.peak - self.base)


# ---------------------------------------------------------------------------------------------
# `corpus`: the bundle's corpus slice, converted at bundle time.


def cmd_corpus(a) -> int:
    docs = []
    if a.conll:
        # frner's gold reader (src/gold.rs): `idx<TAB>token<TAB>tag`, a blank line between
        # sentences, tokens joined by one space (WikiNEuRal has no no-space marks).
        tokens: list[str] = []
        with open(a.conll, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip():
                    if tokens:
                        docs.append(" ".join(tokens))
                    tokens = []
                    continue
                fields = line.split("\t")
                if len(fields) != 3:
                    raise SystemExit(f"{a.conll}:{n}: expected idx<TAB>token<TAB>tag, got {line!r}")
                tokens.append(fields[1])
        if tokens:
            docs.append(" ".join(tokens))
        stem = Path(a.conll).stem
    else:
        with open(a.lines, encoding="utf-8") as f:
            docs = [line.strip() for line in f if line.strip()]
        stem = Path(a.lines).stem
    if a.limit is not None:
        docs = docs[: a.limit]
    if not docs:
        raise SystemExit("corpus: no sentences")
    write_jsonl(Path(a.out), ({"id": f"{stem}-{i + 1}", "text": t} for i, t in enumerate(docs)))
    print(f"corpus: {len(docs)} sentences -> {a.out}")
    return 0


# ---------------------------------------------------------------------------------------------
# `checkpoint`: an e5-small-shaped token classifier with random weights.

# How the random weights are drawn (recorded in the checkpoint; a change makes `run` rebuild a
# cached one). gain: std of dense weights is gain/sqrt(fan_in), enough for every layer to move
# the hidden states (at 1.0 a random post-LN encoder collapses every token onto one vector and
# one label; at transformers' 0.02 it stays next to its embeddings). align: each vocabulary
# entry gets a random target label (O with p_o) and its embedding leans towards that label's
# classifier row by this much, so that, like a trained model's, most decisions have a margin
# (fp16/bf16 rounding does not flip near-ties on every other word) while context still decides
# some (3 % of subwords measured on wikineural dev at these values): a parity check with
# something to find. ~16 % of subwords end up in entities, as in news.
WEIGHTS = dict(seed=15, gain=0.3, align=0.3, classifier_scale=3.0, p_o=0.8, version=1)


def quiet_transformers() -> None:
    """No progress bars or advice on stderr: a failing step's message is the stderr's tail."""
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def cmd_checkpoint(a) -> int:
    import torch
    import transformers
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForTokenClassification

    quiet_transformers()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    tok_dir = Path(a.tokenizer)
    w = dict(WEIGHTS)
    n_vocab = Tokenizer.from_file(str(tok_dir / "tokenizer.json")).get_vocab_size()
    shape = {**E5_SMALL, "num_hidden_layers": a.layers}
    if n_vocab > shape["vocab_size"]:
        raise SystemExit(f"tokenizer has {n_vocab} pieces, more than e5-small's {shape['vocab_size']}")
    config = BertConfig(**shape, id2label=dict(enumerate(LABELS)),
                        label2id={label: i for i, label in enumerate(LABELS)},
                        architectures=["BertForTokenClassification"])
    torch.manual_seed(w["seed"])
    model = BertForTokenClassification(config).eval()
    # Every parameter is redrawn from one seeded CPU generator: the weights depend on WEIGHTS
    # only, not on transformers' init scheme or the device, and are the same on every machine.
    g = torch.Generator().manual_seed(w["seed"])
    h = shape["hidden_size"]
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.startswith("classifier."):
                continue
            if "LayerNorm" in name and name.endswith("weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            elif "embeddings" in name:
                p.copy_(0.02 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(w["gain"] * torch.randn(p.shape, generator=g) / p.shape[1] ** 0.5)
        rows = w["classifier_scale"] * torch.randn(len(LABELS), h, generator=g) / h ** 0.5
        model.classifier.weight.copy_(rows)
        model.classifier.bias.zero_()
        p_label = torch.tensor([w["p_o"]] + [(1 - w["p_o"]) / (len(LABELS) - 1)] * (len(LABELS) - 1))
        emb = model.bert.embeddings.word_embeddings.weight
        target = torch.multinomial(p_label, emb.shape[0], replacement=True, generator=g)
        toward = rows - rows.mean(0)
        toward = toward / toward.norm(dim=1, keepdim=True)
        # 0.02 * sqrt(h) is the norm of the random part of an embedding row.
        emb.add_(w["align"] * 0.02 * h ** 0.5 * toward[target])
    model.save_pretrained(str(out))
    for name in TOKENIZER_FILES:
        src = tok_dir / name
        if src.is_file():
            shutil.copyfile(src, out / name)
    if not (out / "model.safetensors").is_file():
        raise SystemExit(f"{out}: transformers wrote no model.safetensors ({sorted(os.listdir(out))})")
    info = {"weights": w, "shape": shape, "labels": LABELS,
            "transformers": transformers.__version__, "torch": torch.__version__,
            "parameters": sum(p.numel() for p in model.parameters())}
    write_json(out / "gpu_check_checkpoint.json", info)
    print(json.dumps(info))
    return 0


# ---------------------------------------------------------------------------------------------
# `peer`: the transformers token-classification pipeline on the same checkpoint and device.


def count_tokens(tokenizer_json: Path, texts: list[str]) -> int:
    """Content subwords, as frner counts them (no special tokens, no truncation)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_json))
    tok.no_truncation()
    tok.no_padding()
    return sum(len(e.ids) for e in tok.encode_batch(texts, add_special_tokens=False))


def cmd_peer(params_path: str) -> int:
    import torch
    import transformers
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    quiet_transformers()
    p = json.loads(Path(params_path).read_text(encoding="utf-8"))
    texts = [r["text"] for r in read_jsonl(Path(p["texts"]))][: p["docs"]]
    cuda = p["device"] == "cuda"
    dtype = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}[p["dtype"]]
    t0 = time.perf_counter()
    # The model is loaded and moved by hand (not pipeline(dtype=…)): the same call in
    # transformers 4.x and 5.x.
    model = AutoModelForTokenClassification.from_pretrained(p["model"]).to(dtype).eval()
    if cuda:
        model = model.to("cuda")
    tok = AutoTokenizer.from_pretrained(p["model"])
    nlp = pipeline("token-classification", model=model, tokenizer=tok, aggregation_strategy="simple",
                   device=0 if cuda else -1)
    max_len = min(tok.model_max_length or 512, model.config.max_position_embeddings)
    tok.model_max_length = max_len
    lengths = [len(x) for x in tok(texts, add_special_tokens=True)["input_ids"]]
    stride = 64 if max(lengths) > max_len else None  # longer docs: windows, as frner's
    load_s = time.perf_counter() - t0

    def sync() -> None:
        if cuda:
            torch.cuda.synchronize()

    def once(batch: list[str], batch_size: int) -> tuple[float, int]:
        kwargs = {"batch_size": batch_size}
        if stride:
            kwargs["stride"] = stride
        sync()
        start = time.perf_counter()
        out = nlp(batch, **kwargs)
        sync()
        return time.perf_counter() - start, sum(len(x) for x in out)

    n_sweep = min(p["sweep_docs"], len(texts))
    sweep_tokens = count_tokens(Path(p["model"]) / "tokenizer.json", texts[:n_sweep])
    tokens = count_tokens(Path(p["model"]) / "tokenizer.json", texts)
    sweep = []
    with torch.inference_mode():
        once(texts[: min(64, n_sweep)], p["batch_sizes"][0])  # warm-up: kernels, allocator
        for bs in p["batch_sizes"]:
            s, _ = once(texts[:n_sweep], bs)
            sweep.append({"batch_size": bs, "seconds": s, "tokens_per_s": sweep_tokens / s})
        best = max(sweep, key=lambda r: r["tokens_per_s"])["batch_size"]
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        secs, entities = [], 0
        for _ in range(max(1, p["repeat"])):
            s, entities = once(texts, best)
            secs.append(s)
    s = statistics.median(secs)
    res = {
        "peer": "transformers pipeline(\"token-classification\", aggregation_strategy=\"simple\")",
        "device": p["device"], "dtype": p["dtype"],
        "transformers": transformers.__version__, "torch": torch.__version__,
        "threads": torch.get_num_threads(), "docs": len(texts), "tokens": tokens,
        "stride": stride, "load_s": load_s, "batch_size_sweep": sweep, "batch_size": best,
        "seconds_all": secs, "seconds_median": s, "tokens_per_s": tokens / s,
        "entities": entities,
        "max_memory_allocated_mb": torch.cuda.max_memory_allocated() / 2**20 if cuda else None,
    }
    print(json.dumps(res), flush=True)
    return 0


# ---------------------------------------------------------------------------------------------
# `run`: the whole check.


class Check:
    def __init__(self, a):
        self.a = a
        self.mode = a.mode
        self.plan = dict(PLANS[a.mode])
        # --dry-run: the gpu plan's logic (order, budget, report) on a machine without one,
        # with tiny sizes, the CPU for CUDA and fp32 for fp16/bf16; for testing this script.
        self.fake_cuda = a.dry_run
        if a.dry_run:
            self.plan.update(layers=2, parity_docs=10, bench_docs=10, bench_repeat=1, peer_docs=10,
                             peer_sweep_docs=5, peer_batch_sizes=[4, 8], peer_device="cpu",
                             peer_dtype="fp32")
        self.out = Path(a.out)
        self.work = Path(a.work)
        self.frner = str(Path(a.frner).resolve())
        self.started = time.monotonic()
        budget = a.budget_s if a.budget_s is not None else self.plan["budget_s"]
        self.deadline = self.started + budget
        self.gpu_index = None
        if a.mode == "gpu" and not a.dry_run:
            visible = os.environ.get("CUDA_VISIBLE_DEVICES", "").split(",")[0].strip()
            self.gpu_index = visible if visible.isdigit() else "0"
        self.report = {
            "schema": 1,
            "mode": a.mode,
            "dry_run": a.dry_run,
            "status": "running",
            "started_utc": now_utc(),
            "budget_s": budget,
            "errors": [],
            "skipped": [],
            "steps": {},
        }
        self.save()

    # -- bookkeeping
    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def save(self) -> None:
        self.report["elapsed_s"] = round(time.monotonic() - self.started, 1)
        write_json(self.out / REPORT, self.report)

    def log(self, msg: str) -> None:
        print(f"[gpu_check {time.monotonic() - self.started:6.1f}s] {msg}", flush=True)

    def step(self, name: str, fn, *args):
        """Runs one step: its value (True for none), or None when it failed. A failure is
        recorded and saved, and the later steps still run."""
        t = time.monotonic()
        self.current = name
        self.log(f"{name} ...")
        try:
            value = fn(*args)
            self.report["steps"][name] = {"ok": True, "seconds": round(time.monotonic() - t, 1)}
            return True if value is None else value
        except Exception as e:  # noqa: BLE001 — any failure of a step must leave a report
            msg = f"{name}: {e}"
            self.report["steps"][name] = {"ok": False, "seconds": round(time.monotonic() - t, 1),
                                          "error": str(e)[-2000:]}
            self.report["errors"].append(msg[-2000:])
            self.log(f"FAILED {msg[:600]}")
            return None
        finally:
            self.save()

    def timeout(self, cap: float, reserve: float = 0.0) -> float:
        return min(cap, self.remaining() - reserve)

    # -- steps
    def environment(self) -> None:
        env = {
            "host": platform.node(), "platform": platform.platform(), "cpu_cores": os.cpu_count(),
            "python": platform.python_version(), "frner": None, "gpu": None,
        }
        try:
            from importlib import metadata

            for pkg in ("torch", "transformers", "tokenizers"):
                try:
                    env[pkg] = metadata.version(pkg)
                except metadata.PackageNotFoundError:
                    env[pkg] = None
        except ImportError:
            pass
        r = run_process([self.frner, "--version"], self.timeout(30))
        check_process("frner --version", r)
        env["frner"] = r["stdout"].strip()
        if self.gpu_index is not None and shutil.which("nvidia-smi"):
            q = run_process(["nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                             "--format=csv,noheader", "-i", self.gpu_index], self.timeout(20))
            if q["rc"] == 0:
                env["gpu"] = q["stdout"].strip()
        manifest = Path(self.a.frner).resolve().parent / "MANIFEST.json"
        if manifest.is_file():
            self.report["bundle"] = json.loads(manifest.read_text(encoding="utf-8"))
        self.report["environment"] = env

    def shape(self) -> dict:
        return {**E5_SMALL, "num_hidden_layers": self.plan["layers"]}

    def checkpoint(self) -> Path:
        ckpt = self.work / "checkpoint"
        info = ckpt / "gpu_check_checkpoint.json"
        # A checkpoint left by an earlier run with the same weights recipe is reused (make test).
        if info.is_file() and (ckpt / "model.safetensors").is_file():
            old = json.loads(info.read_text(encoding="utf-8"))
            if old.get("weights") == WEIGHTS and old.get("shape") == self.shape():
                self.report["checkpoint"] = {**old, "reused": True, "path": str(ckpt)}
                return ckpt
        shutil.rmtree(ckpt, ignore_errors=True)
        r = run_process([sys.executable, __file__, "checkpoint", "--out", str(ckpt),
                         "--tokenizer", str(self.a.tokenizer), "--layers", str(self.plan["layers"])],
                        self.timeout(150))
        check_process("building the checkpoint with transformers", r)
        self.report["checkpoint"] = {**last_json_line(r["stdout"]), "reused": False,
                                     "path": str(ckpt), "build_s": round(r["wall_s"], 1)}
        return ckpt

    def corpus(self) -> None:
        docs = read_jsonl(Path(self.a.corpus))
        if not docs:
            raise StepError(f"{self.a.corpus}: no documents")
        plan = self.plan
        self.parity_file = self.work / "parity.jsonl"
        write_jsonl(self.parity_file, docs[: plan["parity_docs"]])
        bench_docs = docs[: plan["bench_docs"]] if plan["bench_docs"] else docs
        self.bench_file = self.work / "bench.jsonl"
        write_jsonl(self.bench_file, ({**d, "id": f"{d['id']}#{k}"}
                                      for k in range(plan["bench_copies"]) for d in bench_docs))
        self.peer_file = self.work / "peer.jsonl"
        write_jsonl(self.peer_file, docs[: plan["peer_docs"]])
        self.report["corpus"] = {
            "file": str(self.a.corpus), "documents": len(docs), "bench_unique_docs": len(bench_docs),
            "parity_docs": min(plan["parity_docs"], len(docs)),
            "bench_docs": len(bench_docs) * plan["bench_copies"],
            "bench_copies": plan["bench_copies"], "peer_docs": min(plan["peer_docs"], len(docs)),
        }

    def device_dtype(self, device: str, dtype: str) -> tuple[str, str]:
        if self.fake_cuda and device == "cuda":
            return "cpu", "fp32"
        return device, dtype

    def frner_tag(self, out: Path, device: str, dtype: str, budget: int | None, threads: int | None,
                  timeout: float) -> tuple[dict, list[dict]]:
        device, dtype = self.device_dtype(device, dtype)
        cmd = [self.frner, "tag", "--model", str(self.ckpt), "--input", str(self.parity_file),
               "--output", str(out), "--device", device, "--dtype", dtype, "--no-link",
               "--no-quantities", "--labels", "all", "--quiet"]
        if budget is not None:
            cmd += ["--max-batch-tokens", str(budget)]
        if threads is not None:
            cmd += ["--threads", str(threads)]
        r = run_process(cmd, timeout)
        check_process(" ".join(cmd[1:2] + cmd[5:]), r)
        return r, read_jsonl(out)

    def smoke(self) -> None:
        """One sentence on CUDA: a loader or driver problem shows here, with frner's message."""
        one = self.work / "smoke.jsonl"
        write_jsonl(one, read_jsonl(self.parity_file)[:1])
        cmd = [self.frner, "tag", "--model", str(self.ckpt), "--input", str(one), "--output",
               str(self.work / "smoke.out.jsonl"), "--device", self.device_dtype("cuda", "fp32")[0],
               "--no-link", "--quiet"]
        r = run_process(cmd, self.timeout(90))
        check_process("frner tag --device cuda (one sentence)", r)

    def parity(self) -> None:
        plan = self.plan
        ref_r, ref = self.frner_tag(self.work / "parity.cpu.jsonl", "cpu", "fp32", None, None,
                                    self.timeout(150))
        ref_ents = entity_map(ref)
        res = {
            "documents": len(ref), "reference": "frner cpu fp32",
            "reference_entities": len(ref_ents), "reference_seconds": round(ref_r["wall_s"], 2),
            "entities_per_document": len(ref_ents) / max(1, len(ref)),
            "runs": {}, "passed": False,
        }
        self.report["parity"] = res
        for name, device, dtype, budget in plan["parity_runs"]:
            threads = 1 if device == "cpu" else None
            t = self.timeout(90)
            try:
                r, docs = self.frner_tag(self.work / f"parity.{dtype}.{device}.jsonl", device, dtype,
                                         budget, threads, t)
            except StepError as e:
                res["runs"][name] = {"passed": False, "error": str(e)[-1500:]}
                self.save()
                continue
            cmp = compare_entities(ref_ents, entity_map(docs))
            exact = dtype == "fp32"
            cmp["rule"] = ("identical entities" if exact
                           else f"agreement >= {REDUCED_PRECISION_AGREEMENT:.0%}")
            cmp["passed"] = (cmp["identical"] if exact
                             else cmp["agreement"] >= REDUCED_PRECISION_AGREEMENT)
            cmp["seconds"] = round(r["wall_s"], 2)
            res["runs"][name] = cmp
            self.save()
        res["passed"] = bool(res["runs"]) and all(v["passed"] for v in res["runs"].values()) \
            and len(res["runs"]) == len(plan["parity_runs"])
        if not res["passed"]:
            raise StepError("parity failed: " + ", ".join(
                k for k, v in res["runs"].items() if not v["passed"]))

    def bench(self, dtype: str, budget: int | None, full: bool, timeout: float) -> dict:
        device = "cuda" if self.mode == "gpu" else "cpu"
        device, run_dtype = self.device_dtype(device, dtype)
        cmd = [self.frner, "bench", "--model", str(self.ckpt), "--input", str(self.bench_file),
               "--json", "--repeat", str(self.plan["bench_repeat"]), "--device", device,
               "--dtype", run_dtype]
        if not full:
            cmd += ["--no-link", "--no-quantities"]
        if budget is not None:
            cmd += ["--max-batch-tokens", str(budget)]
        with GpuMemory(self.gpu_index) as mem:
            r = run_process(cmd, timeout)
        check_process("frner " + " ".join(cmd[1:2] + cmd[5:]), r)
        b = last_json_line(r["stdout"])
        split = b.get("time_split_s", {})
        cpu_stages = sum(split.get(k, 0.0)
                         for k in ("normalize", "tokenize", "decode", "quantities", "link"))
        model_s = split.get("infer", 0.0)
        return {
            "dtype": dtype, "device": device, "full_pipeline": full,
            "max_batch_tokens": b.get("max_batch_tokens"), "batch_workers": b.get("batch_workers"),
            "max_batch_tokens_option": budget, "docs": b.get("docs"), "tokens": b.get("tokens"),
            "seconds_median": b.get("seconds_median"), "tokens_per_s": b.get("tokens_per_s"),
            "docs_per_s": b.get("docs_per_s"), "batches": b.get("batches"),
            "padding_ratio": b.get("padding_ratio"), "time_split_s": split,
            # Share of the stage time spent in the CPU stages (normalize, tokenize, decode,
            # quantities, link). With overlap (frner's default on CUDA) they run beside the
            # forward passes of the next chunk; `model_wait_s` is what the model still waited
            # for them, and `model_idle_share` that wait over the pass.
            "cpu_stage_share": cpu_stages / (cpu_stages + model_s) if cpu_stages + model_s > 0 else None,
            "overlap": b.get("overlap"), "model_wait_s": b.get("model_wait_s"),
            "model_idle_share": (b["model_wait_s"] / b["seconds_median"]
                                 if b.get("model_wait_s") is not None and b.get("seconds_median")
                                 else None),
            "load_s": b.get("load_s"),
            "chunk_docs": b.get("chunk_docs"), "cpu_stage_threads": b.get("cpu_stage_threads"),
            "intra_op_threads": b.get("intra_op_threads"),
            # Cores kept busy by the whole process (load, warm-up and passes), from rusage.
            "process_cpu_cores": r["cpu_s"] / r["wall_s"] if r["wall_s"] > 0 else None,
            "process_wall_s": round(r["wall_s"], 2),
            "process_sys_share": r["sys_s"] / r["cpu_s"] if r["cpu_s"] > 0 else None,
            "process_minor_faults": r["minor_faults"],
            "process_voluntary_switches": r["voluntary_switches"],
            "peak_gpu_memory_mb": mem.mb(), "peak_rss_mb": b.get("peak_rss_mb"),
        }

    def cpu_stages(self) -> None:
        """The tokenizer's speed on this machine's CPU, with all of frner's CPU-stage threads
        and with one: `frner bench --device cpu` on a slice (its model time is not used)."""
        n = 1000 if self.mode == "gpu" else 40
        runs = {}
        # The third run gives glibc two arenas, as frner did before it took one per core: the
        # tokenizer's threads then wait for the arenas' locks (16 threads ran at 0.8x one).
        variants = (("all threads", None, None), ("one thread", "1", None),
                    ("all threads, two arenas", None, "2"))
        for label, threads, arenas in variants:
            env = dict(os.environ)
            if threads:
                env["RAYON_NUM_THREADS"] = threads
            else:
                env.pop("RAYON_NUM_THREADS", None)
            if arenas:
                env["MALLOC_ARENA_MAX"] = arenas
            else:
                env.pop("MALLOC_ARENA_MAX", None)
            cmd = [self.frner, "bench", "--model", str(self.ckpt), "--input", str(self.bench_file),
                   "--json", "--repeat", "2", "--limit", str(n), "--device", "cpu",
                   "--no-link", "--no-quantities"]
            r = run_process(cmd, self.timeout(60), env=env)
            check_process("frner bench --device cpu", r)
            b = last_json_line(r["stdout"])
            split = b.get("time_split_s", {})
            tok_s = split.get("normalize", 0.0) + split.get("tokenize", 0.0)
            runs[label] = {
                "threads": b.get("cpu_stage_threads"), "tokens": b.get("tokens"),
                "process_sys_share": r["sys_s"] / r["cpu_s"] if r["cpu_s"] > 0 else None,
                "process_minor_faults": r["minor_faults"],
                "normalize_tokenize_s": tok_s,
                "tokenize_tokens_per_s": b["tokens"] / tok_s if tok_s > 0 else None,
            }
        one, all_ = runs["one thread"], runs["all threads"]
        if one["tokenize_tokens_per_s"] and all_["tokenize_tokens_per_s"]:
            runs["scaling"] = all_["tokenize_tokens_per_s"] / one["tokenize_tokens_per_s"]
        self.report["cpu_stages"] = runs

    def throughput_point(self, dtype: str, budget: int | None, full: bool = False,
                         reserve: float = 0.0) -> None:
        tp = self.report.setdefault("throughput", {"frner": [], "peer": None})
        label = f"frner {dtype} budget={budget or 'default'}{' full' if full else ''}"
        defaults = {r["max_batch_tokens"] for r in tp["frner"]
                    if r.get("dtype") == dtype and r.get("max_batch_tokens_option") is None
                    and r.get("full_pipeline") == full}
        if budget is not None and budget in defaults:
            return  # the default run already measured this budget
        cap = 90 if self.mode == "gpu" else 60
        t = self.timeout(cap, reserve)
        if t < (15 if self.mode == "gpu" else 10):
            self.report["skipped"].append(f"{label}: time budget")
            self.save()
            return
        self.log(f"  {label}")
        try:
            tp["frner"].append(self.bench(dtype, budget, full, t))
        except StepError as e:
            tp["frner"].append({"dtype": dtype, "max_batch_tokens_option": budget,
                                "full_pipeline": full, "error": str(e)[-1500:]})
            self.report["errors"].append(f"{label}: {str(e)[-600:]}")
        self.save()

    def peer(self) -> None:
        plan = self.plan
        params = {
            "model": str(self.ckpt), "texts": str(self.peer_file), "device": plan["peer_device"],
            "dtype": plan["peer_dtype"], "docs": plan["peer_docs"], "sweep_docs": plan["peer_sweep_docs"],
            "batch_sizes": plan["peer_batch_sizes"], "repeat": plan["peer_repeat"],
        }
        spec = self.work / "peer-params.json"
        write_json(spec, params)
        with GpuMemory(self.gpu_index) as mem:
            r = run_process([sys.executable, __file__, "peer", str(spec)], self.timeout(150))
        check_process("transformers pipeline", r)
        res = last_json_line(r["stdout"])
        res["peak_gpu_memory_mb"] = mem.mb()
        res["process_cpu_cores"] = r["cpu_s"] / r["wall_s"] if r["wall_s"] > 0 else None
        self.report.setdefault("throughput", {"frner": [], "peer": None})["peer"] = res

    def summarize(self) -> None:
        tp = self.report.get("throughput")
        if not tp:
            return
        ok = [r for r in tp["frner"] if r.get("tokens_per_s") and not r.get("full_pipeline")]
        best = {}
        for r in ok:
            if r["dtype"] not in best or r["tokens_per_s"] > best[r["dtype"]]["tokens_per_s"]:
                best[r["dtype"]] = r
        tp["best"] = {d: {"max_batch_tokens": r["max_batch_tokens"], "tokens_per_s": r["tokens_per_s"]}
                      for d, r in best.items()}
        defaults = [r for r in ok if r.get("max_batch_tokens_option") is None]
        tp["frner_default_max_batch_tokens"] = defaults[0]["max_batch_tokens"] if defaults else None
        tp["frner_default_batch_workers"] = defaults[0].get("batch_workers") if defaults else None
        headline = "fp16" if self.mode == "gpu" else "fp32"
        peer = tp.get("peer")
        if headline in best and peer and peer.get("tokens_per_s"):
            tp["ratio"] = {
                "frner": f"{headline}, best budget {best[headline]['max_batch_tokens']}",
                "peer": f"transformers {peer['dtype']}, batch_size {peer['batch_size']}",
                "throughput": best[headline]["tokens_per_s"] / peer["tokens_per_s"],
            }
            if self.mode == "gpu":
                tp["goals"] = {
                    "fp16_tokens_per_s_500k": best[headline]["tokens_per_s"] >= 500_000,
                    "ratio_30x": tp["ratio"]["throughput"] >= 30,
                }
        # frner's corpus is the peer's documents, `bench_copies` times over: the subword counts
        # must agree, or the two did not measure the same text.
        if peer and ok and peer.get("docs") == self.report["corpus"]["bench_unique_docs"]:
            tp["tokens_match"] = ok[0]["tokens"] == peer["tokens"] * self.plan["bench_copies"]
        tp["passed"] = bool(ok) and all(r["tokens_per_s"] > 0 for r in ok) and \
            not any("error" in r for r in tp["frner"]) and bool(peer and peer.get("tokens_per_s"))

    def terminated(self, signum, _frame) -> None:
        for pid in _CHILD:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.report["errors"].append(f"stopped by signal {signum} (time limit?) during "
                                     f"{getattr(self, 'current', 'setup')}")
        self.report["status"] = "incomplete"
        self.report["finished_utc"] = now_utc()
        self.save()
        os._exit(124)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.terminated)
        signal.signal(signal.SIGINT, self.terminated)
        self.work.mkdir(parents=True, exist_ok=True)
        self.step("environment", self.environment)
        self.ckpt = self.step("checkpoint", self.checkpoint)
        if self.ckpt is None or self.step("corpus", self.corpus) is None:
            return self.finish()
        if self.mode == "gpu" and self.step("cuda smoke test", self.smoke) is None:
            return self.finish()  # without CUDA, nothing else here means anything
        self.step("parity", self.parity)
        peer_reserve = 70 if self.mode == "gpu" else 40
        sweep = dict(self.plan["sweep"])
        first = self.plan["sweep"][0][0]
        # Priority order, so that a short budget still measures what matters most: the
        # headline precision at the default and the CPU's budget, the peer, the other
        # precisions at their defaults, then the rest of the sweep and the full pipeline.
        self.step("throughput " + first, lambda: [
            self.throughput_point(first, b, reserve=peer_reserve) for b in sweep[first][:2]])
        self.step("transformers pipeline", self.peer)
        order = [(d, b[0]) for d, b in self.plan["sweep"][1:]] + \
            [(first, b) for b in sweep[first][2:]] + \
            [(d, x) for d, b in self.plan["sweep"][1:] for x in b[1:]]
        self.step("throughput sweep", lambda: [self.throughput_point(d, b) for d, b in order])
        self.step("full pipeline", lambda: self.throughput_point(first, None, full=True))
        self.step("cpu stages", self.cpu_stages)
        self.summarize()
        return self.finish()

    def finish(self) -> int:
        parity_ok = bool(self.report.get("parity", {}).get("passed"))
        tp_ok = bool(self.report.get("throughput", {}).get("passed"))
        passed = parity_ok and tp_ok and not self.report["errors"]
        self.report["status"] = "passed" if passed else "failed"
        self.report["finished_utc"] = now_utc()
        self.save()
        return 0 if passed else 1


def entity_map(docs: list[dict]) -> dict:
    """(document, start, end, label) -> score for every entity of a `frner tag` JSONL output."""
    out = {}
    for i, d in enumerate(docs):
        for e in d.get("entities", []):
            out[(i, e["start"], e["end"], e["label"])] = float(e.get("score", 0.0))
    return out


def compare_entities(ref: dict, got: dict) -> dict:
    same = ref.keys() & got.keys()
    deltas = [abs(ref[k] - got[k]) for k in same]
    return {
        "entities": len(got), "matched": len(same),
        "only_reference": len(ref.keys() - got.keys()), "only_this": len(got.keys() - ref.keys()),
        "agreement": len(same) / max(1, len(ref), len(got)),
        "identical": ref.keys() == got.keys(),
        # Entity scores are mean type probabilities over the entity's words (frner's `score`).
        "max_abs_score_delta": max(deltas) if deltas else 0.0,
        "mean_abs_score_delta": statistics.fmean(deltas) if deltas else 0.0,
    }


# ---------------------------------------------------------------------------------------------
# `table`: the short summary printed at the end (also for a partial report).


def fmt_rate(v) -> str:
    return f"{v:,.0f}" if isinstance(v, (int, float)) else "-"


def fmt_mb(v) -> str:
    return f"{v:,.0f}" if isinstance(v, (int, float)) else "-"


def cmd_table(a) -> int:
    path = Path(a.report)
    if not path.is_file():
        print(f"gpu_check: no report at {path}")
        return 1
    r = json.loads(path.read_text(encoding="utf-8"))
    if r.get("status") == "running":
        # Killed before it could finish (time limit, or a crash of the orchestrator).
        r["status"] = "incomplete"
        r.setdefault("errors", []).append(
            f"the run stopped before finishing (exit status {a.rc}; 124 = time limit)")
        r["finished_utc"] = now_utc()
        write_json(path, r)
    env = r.get("environment", {})
    mode = r.get("mode", "?") + (", dry run: CPU fp32 stands in for CUDA" if r.get("dry_run") else "")
    print(f"\n== gpu_check ({mode}): {r.get('status', '?').upper()} in {r.get('elapsed_s', 0):.0f} s"
          f" — {env.get('gpu') or 'no GPU'}; torch {env.get('torch')}, transformers {env.get('transformers')}")
    par = r.get("parity")
    if par:
        print(f"\nparity against {par['reference']}, {par['documents']} sentences, "
              f"{par['reference_entities']} entities:")
        print(f"  {'run':<42} {'entities':>8} {'agree':>8} {'max|Δ|score':>11}  result")
        for name, v in par["runs"].items():
            if "error" in v:
                print(f"  {name:<42} {'-':>8} {'-':>8} {'-':>11}  FAILED ({v['error'].splitlines()[0][:60]})")
                continue
            print(f"  {name:<42} {v['entities']:>8} {v['agreement']:>8.2%} {v['max_abs_score_delta']:>11.2e}"
                  f"  {'ok' if v['passed'] else 'FAILED'} ({v['rule']})")
    tp = r.get("throughput")
    if tp:
        print("\nthroughput (content subwords/s, median of timed passes after a warm-up):")
        print(f"  {'run':<34} {'budget':>7} {'tokens/s':>11} {'CPU stages':>10} {'GPU MB':>8} {'cores':>6}")
        for x in tp.get("frner", []):
            name = f"frner {x['dtype']}{' full pipeline' if x.get('full_pipeline') else ''}"
            if "error" in x:
                print(f"  {name:<34} {x.get('max_batch_tokens_option') or 'def':>7}  FAILED")
                continue
            budget = f"{x['max_batch_tokens']}{'*' if x.get('max_batch_tokens_option') is None else ''}"
            share = x.get("cpu_stage_share")
            print(f"  {name:<34} {budget:>7} {fmt_rate(x['tokens_per_s']):>11} "
                  f"{(f'{share:.0%}' if share is not None else '-'):>10} {fmt_mb(x.get('peak_gpu_memory_mb')):>8} "
                  f"{x['process_cpu_cores']:>6.1f}")
        peer = tp.get("peer")
        if peer:
            mem = peer.get("peak_gpu_memory_mb")
            print(f"  {'transformers ' + peer['dtype'] + ' pipeline':<34} {'bs ' + str(peer['batch_size']):>7} "
                  f"{fmt_rate(peer['tokens_per_s']):>11} {'-':>10} {fmt_mb(mem):>8} "
                  f"{peer.get('process_cpu_cores') or 0:>6.1f}")
        print("  (* frner's default budget for the device; CPU stages: share of a pass outside the model)")
        if tp.get("ratio"):
            print(f"  same-run ratio: {tp['ratio']['throughput']:.1f}x ({tp['ratio']['frner']} / {tp['ratio']['peer']})")
        if tp.get("goals"):
            print("  goals: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in tp["goals"].items()))
    cs = r.get("cpu_stages")
    if cs and all(cs.get(k, {}).get("tokenize_tokens_per_s") for k in ("all threads", "one thread")):
        a, o = cs["all threads"], cs["one thread"]
        print(f"\ntokenizer on this CPU: {fmt_rate(a['tokenize_tokens_per_s'])} subwords/s with "
              f"{a['threads']} threads, {fmt_rate(o['tokenize_tokens_per_s'])} with one "
              f"({cs.get('scaling', 0):.1f}x)")
        two = cs.get("all threads, two arenas", {}).get("tokenize_tokens_per_s")
        if two:
            print(f"  with two malloc arenas (frner before 4 Dec, afternoon): {fmt_rate(two)} subwords/s")
    for s in r.get("skipped", []):
        print(f"skipped: {s}")
    for e in r.get("errors", []):
        print(f"error: {e.splitlines()[0][:300]}")
    print(f"\nreport: {path}")
    return 0 if r.get("status") == "passed" else 1


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("run", help="the whole check")
    c.add_argument("--mode", choices=sorted(PLANS), required=True)
    c.add_argument("--frner", required=True)
    c.add_argument("--corpus", required=True, help="JSONL, one sentence per record")
    c.add_argument("--tokenizer", required=True, help="directory with the e5-small tokenizer.json")
    c.add_argument("--out", required=True, help="directory for gpu_report.json")
    c.add_argument("--work", required=True, help="scratch directory (checkpoint, slices, outputs)")
    c.add_argument("--budget-s", type=float, help="time for all steps (default: per mode)")
    c.add_argument("--dry-run", action="store_true", help=argparse.SUPPRESS)
    c = sub.add_parser("checkpoint", help="build the random e5-small-shaped checkpoint")
    c.add_argument("--out", required=True)
    c.add_argument("--tokenizer", required=True)
    c.add_argument("--layers", type=int, default=E5_SMALL["num_hidden_layers"])
    c = sub.add_parser("peer", help="transformers pipeline worker")
    c.add_argument("params")
    c = sub.add_parser("corpus", help="convert the corpus slice (bundle time)")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--conll")
    g.add_argument("--lines")
    c.add_argument("--out", required=True)
    c.add_argument("--limit", type=int)
    c = sub.add_parser("table", help="print the summary of a report")
    c.add_argument("report")
    c.add_argument("--rc", type=int, default=0)
    a = ap.parse_args(argv)
    if a.cmd == "run":
        Path(a.out).mkdir(parents=True, exist_ok=True)
        return Check(a).run()
    if a.cmd == "checkpoint":
        return cmd_checkpoint(a)
    if a.cmd == "peer":
        return cmd_peer(a.params)
    if a.cmd == "corpus":
        return cmd_corpus(a)
    return cmd_table(a)


if __name__ == "__main__":
    sys.exit(main())
