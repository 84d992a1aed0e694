#!/usr/bin/env python3
"""Fits the softmax temperature that calibrates frner's entity scores, and records it in the
adapter (adapter.json "score_temperature"; scripts/build_default_model.py copies it into the
model's config.json as "frner_score_temperature").

The fit minimizes the expected calibration error (10 bins, entity score against strict
precision) of `frner eval` over a grid of temperatures, on the calibration slice: the first
--limit sentences of the WikiNEuRal dev file, the slice training already uses for model
selection. Report ECE on the whole dev set and on the sentences after the slice.

    .venv/bin/python scripts/fit_temperature.py --frner target/release/frner \
        --model models/e5-small-fr-ner --gold ../shared/data/wikineural-fr/dev.conllu \
        --adapter models/adapters/e5-small-fr-ner
"""
import argparse
import json
import os
import subprocess


def ece(frner, model, gold, limit, temperature, threads):
    cmd = [frner, "eval", "--gold", gold, "--model", model, "--limit", str(limit), "--json",
           "--temperature", str(temperature), "--no-link"]
    if threads:
        cmd += ["--threads", str(threads)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rep = json.loads(out)
    return rep["calibration"]["ece"], rep["strict"]["micro"]["f1"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frner", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--adapter", required=True)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--grid", default="1.0,1.25,1.5,1.75,2.0,2.5,3.0")
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    results = []
    for t in [float(x) for x in args.grid.split(",")]:
        e, f1 = ece(args.frner, args.model, args.gold, args.limit, t, args.threads)
        results.append((e, t, f1))
        print(f"temperature {t:.2f}: ECE {e:.4f}, strict F1 {f1:.4f}", flush=True)
    best_ece, best_t, _ = min(results)
    path = os.path.join(args.adapter, "adapter.json")
    meta = json.load(open(path))
    meta["score_temperature"] = best_t
    meta["score_temperature_fit"] = {
        "gold": os.path.basename(args.gold), "sentences": args.limit, "grid": args.grid,
        "ece": round(best_ece, 4),
    }
    with open(path, "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
    print(f"chose temperature {best_t} (ECE {best_ece:.4f} on the first {args.limit} sentences); wrote {path}")


if __name__ == "__main__":
    main()
