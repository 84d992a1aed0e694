#!/usr/bin/env python3
"""Checks a gpu_check.sh report (what `make gpu-check-cpu` runs after `gpu_check.sh --cpu`), then
the check's own pieces: entity comparison, and the marking of a report cut short.

    tests/python/test_gpu_check.py --report out/gpu-check-cpu/gpu_report.json --mode cpu

A report passes when the script says it passed *and* its figures say so: every parity run
present and within its rule on a non-trivial number of entities, every throughput point
positive with consistent token counts, the peer measured, the device's default budget used,
the bundle recorded.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import gpu_check  # noqa: E402

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def check_report(r: dict, mode: str) -> None:
    plan = gpu_check.PLANS[mode]
    check(r.get("schema") == 1, "schema 1")
    check(r.get("mode") == mode, f"mode {mode}")
    check(r.get("status") == "passed", f"status passed (got {r.get('status')}: {r.get('errors')})")
    check(not r.get("errors"), f"no errors: {r.get('errors')}")
    check(0 < r.get("elapsed_s", 0) <= r.get("budget_s", 0), "finished within its budget")
    check(all(s["ok"] for s in r.get("steps", {}).values()), f"every step ok: {r.get('steps')}")
    bundle = r.get("bundle", {})
    check(bundle.get("corpus_sentences", 0) > 0 and bundle.get("glibc_min"), "bundle manifest recorded")
    # libgomp.so.1: the torch wheel's own OpenMP runtime (in torch/lib beside libtorch_cpu),
    # which the int8 bridge shares with libtorch.
    check(set(bundle.get("frner_needs", [])) <= {"libstdc++.so.6", "libtorch_cpu.so", "libc10.so",
                                                 "libgomp.so.1", "libgcc_s.so.1", "libm.so.6",
                                                 "libc.so.6", "ld-linux-x86-64.so.2"},
          f"frner links only the wheel's torch/lib and system libraries: {bundle.get('frner_needs')}")
    ck = r.get("checkpoint", {})
    check(ck.get("shape") == {**gpu_check.E5_SMALL, "num_hidden_layers": plan["layers"]}
          and len(ck.get("labels", [])) == 9, "checkpoint is e5-small-shaped with 9 labels")

    par = r.get("parity", {})
    check(par.get("passed") is True, "parity passed")
    check(par.get("documents") == plan["parity_docs"], f"parity on {plan['parity_docs']} documents")
    # The random checkpoint must tag something, or parity would be vacuous.
    check(par.get("reference_entities", 0) >= par.get("documents", 1), "at least one entity per sentence")
    runs = par.get("runs", {})
    check(set(runs) == {name for name, *_ in plan["parity_runs"]}, f"every parity run present: {list(runs)}")
    for name, v in runs.items():
        check(v.get("passed") is True, f"parity {name} passed")
        if "fp32" in name:
            check(v.get("identical") is True and v.get("only_reference") == 0 and v.get("only_this") == 0,
                  f"{name}: identical entities")
            check(v.get("max_abs_score_delta", 1) < 1e-3, f"{name}: fp32 scores agree (< 1e-3)")
        else:
            check(v.get("agreement", 0) >= gpu_check.REDUCED_PRECISION_AGREEMENT, f"{name}: agreement")
        check(v.get("matched", 0) > 0, f"{name}: entities matched")

    tp = r.get("throughput", {})
    check(tp.get("passed") is True, "throughput passed")
    runs = [x for x in tp.get("frner", []) if "error" not in x]
    check(len(runs) == len(tp.get("frner", [])) and runs, "every frner throughput run succeeded")
    for x in runs:
        check(x.get("tokens_per_s", 0) > 0 and x.get("tokens", 0) > 0 and x.get("batches", 0) > 0,
              f"frner {x.get('dtype')} {x.get('max_batch_tokens')}: tokens/s > 0")
        check(0 <= (x.get("cpu_stage_share") or -1) <= 1, "CPU stage share in [0, 1]")
    budgets = {x["max_batch_tokens"] for x in runs if not x.get("full_pipeline")}
    expected = {b for _, bs in plan["sweep"] for b in bs if b is not None}
    # frner's defaults (src/cli.rs): one batch worker on CUDA with 16,384 tokens; on the CPU
    # one worker per thread, 1,024 tokens for a single worker and 384 for each of several.
    workers = tp.get("frner_default_batch_workers")
    if mode == "cpu":
        check(isinstance(workers, int) and workers >= 1, f"batch workers reported: {workers}")
        default = 384 if (workers or 1) > 1 else 1024
    else:
        check(workers == 1, f"one batch worker on CUDA: {workers}")
        default = 16384
    check(tp.get("frner_default_max_batch_tokens") == default, f"the device's default budget ({default}) is used")
    check(budgets >= expected | {default}, f"sweep covers {sorted(expected | {default})}: {sorted(budgets)}")
    check(any(x.get("full_pipeline") for x in runs), "the full pipeline (quantities, linking) was measured")
    check(tp.get("tokens_match") is True, "frner and the peer counted the same subwords")
    cs = r.get("cpu_stages") or {}
    for k in ("all threads", "one thread", "all threads, two arenas"):
        check((cs.get(k) or {}).get("tokenize_tokens_per_s", 0) > 0, f"tokenizer speed measured ({k})")
    check((cs.get("one thread") or {}).get("threads") == 1, "RAYON_NUM_THREADS=1 reaches frner's CPU stages")
    check(all(x.get("chunk_docs", 0) >= 1 and x.get("cpu_stage_threads", 0) >= 1 for x in runs),
          "chunk size and CPU-stage threads reported")
    peer = tp.get("peer") or {}
    check(peer.get("tokens_per_s", 0) > 0 and peer.get("batch_size") in plan["peer_batch_sizes"],
          "transformers peer measured with a swept batch size")
    check(len(peer.get("batch_size_sweep", [])) == len(plan["peer_batch_sizes"]), "peer batch-size sweep")
    check((tp.get("ratio") or {}).get("throughput", 0) > 0, "same-run ratio")
    if mode == "gpu":
        check(all(x.get("peak_gpu_memory_mb") for x in runs), "GPU memory sampled")


def check_pieces() -> None:
    a = {(0, 0, 4, "PER"): 0.9, (0, 10, 15, "LOC"): 0.8, (1, 0, 3, "ORG"): 0.7}
    same = gpu_check.compare_entities(a, dict(a))
    check(same["identical"] and same["agreement"] == 1.0 and same["max_abs_score_delta"] == 0.0,
          "compare: identical")
    b = {(0, 0, 4, "PER"): 0.85, (0, 10, 15, "ORG"): 0.8, (1, 0, 3, "ORG"): 0.7}
    c = gpu_check.compare_entities(a, b)
    check(not c["identical"] and c["matched"] == 2 and abs(c["agreement"] - 2 / 3) < 1e-9
          and abs(c["max_abs_score_delta"] - 0.05) < 1e-9 and c["only_reference"] == 1
          and c["only_this"] == 1, f"compare: a changed label is a disagreement: {c}")
    docs = [{"id": 1, "entities": [{"start": 0, "end": 4, "label": "PER", "score": 0.5}]},
            {"id": 2, "entities": []}]
    check(gpu_check.entity_map(docs) == {(0, 0, 4, "PER"): 0.5}, "entity_map")
    # A report the time limit cut short is marked incomplete, and the table fails.
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "gpu_report.json"
        p.write_text(json.dumps({"schema": 1, "mode": "gpu", "status": "running", "elapsed_s": 12,
                                 "errors": [], "skipped": [], "steps": {}}))
        rc = subprocess.run([sys.executable, str(ROOT / "scripts/gpu_check.py"), "table", str(p), "--rc", "124"],
                            capture_output=True, text=True).returncode
        r = json.loads(p.read_text())
        check(rc == 1 and r["status"] == "incomplete" and "124" in r["errors"][0], "a cut report is incomplete")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", required=True)
    ap.add_argument("--mode", choices=sorted(gpu_check.PLANS), required=True)
    a = ap.parse_args()
    check_report(json.loads(Path(a.report).read_text(encoding="utf-8")), a.mode)
    check_pieces()
    if failures:
        for f in failures:
            print(f"FAIL: {f}", file=sys.stderr)
        return 1
    print(f"gpu_check report ({a.mode}): all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
