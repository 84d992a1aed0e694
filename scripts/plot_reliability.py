#!/usr/bin/env python3
"""Reliability diagram of frner entity scores from `frner eval --save-json` reports: per score
bin, the precision of the predicted entities against their mean score (the diagonal is perfect
calibration), with the ECE of each gold set in the legend.

    .venv/bin/python scripts/plot_reliability.py --out out/eval/reliability.png out/eval/*.frner.json
"""
import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reports", nargs="+")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 6))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect calibration")
    for path in args.reports:
        rep = json.load(open(path))
        cal = rep["calibration"]
        bins = [b for b in cal["bins"] if b["count"] > 0]
        name = os.path.basename(rep["gold"])
        ax.plot([b["mean_score"] for b in bins], [b["precision"] for b in bins], marker="o",
                label=f"{name}: ECE {cal['ece']:.3f} ({cal['entities']} entities)")
        print(f"{name}: ECE {cal['ece']:.4f} over {cal['entities']} entities")
    ax.set_xlabel("mean entity score in bin")
    ax.set_ylabel("precision (strict) in bin")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("frner entity scores: reliability (10 bins)")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
