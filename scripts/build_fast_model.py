#!/usr/bin/env python3
"""Build the fast frner model (`--model fast`) from its small committed artifact.

The artifact (models/fast/e5-small-fr-ner-fast/, 18.7 MB gzipped) holds the distilled student of
scripts/distill_fast.py: every matrix (embeddings, dense layers) in int8 with one fp32 scale per
row (w ≈ scale[row] · q[row, :]), vectors and the classifier in fp32, and `kept_ids`, the ids
of the base XLM-R vocabulary the pruned tokenizer keeps (scripts/prune_vocab.py). `fast.json`
holds the student's config and how it was trained.

  # export a distillation checkpoint to the artifact
  build_fast_model.py --export build/distill/best --kept build/distill/kept.json \
      --artifact models/fast/e5-small-fr-ner-fast
  # build the runnable checkpoint (what `make` runs): fp32 safetensors + pruned tokenizer.json
  build_fast_model.py --base build/e5-small --artifact models/fast/e5-small-fr-ner-fast \
      --out models/e5-small-fr-ner-fast

Same base tokenizer and artifact, same bytes: dequantization is q · scale in fp32.
"""
import argparse
import gzip
import json
import os

import torch
from build_default_model import world_readable
from prune_vocab import pruned_tokenizer
from safetensors.torch import load, load_file, save, save_file

# Matrices smaller than this stay fp32 (the classifier: 9 x 384).
MIN_INT8 = 16384
# The int8 tensors, gzipped (22.0 → 18.7 MB); mtime 0 keeps the bytes reproducible.
WEIGHTS = "weights.safetensors.gz"


def quantize_rows(w):
    scale = w.abs().amax(dim=1).clamp_min(1e-12) / 127.0
    q = torch.round(w / scale[:, None]).clamp(-127, 127).to(torch.int8)
    return q, scale.float()


def quantize_state(state):
    """Every matrix of at least MIN_INT8 values as int8 rows (`name.q`) with one fp32 scale per
    row (`name.scale`); the rest in fp32."""
    out = {}
    for name, t in state.items():
        t = t.float().contiguous()
        if t.dim() == 2 and t.numel() >= MIN_INT8:
            q, scale = quantize_rows(t)
            out[f"{name}.q"] = q.contiguous()
            out[f"{name}.scale"] = scale.contiguous()
        else:
            out[name] = t
    return out


def write_gz(path, payload):
    """gzip -9 with mtime 0: the same payload gives the same bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9,
                                                fileobj=raw, mtime=0) as f:
        f.write(payload)


def export(ckpt, kept_path, artifact, temperature):
    state = load_file(os.path.join(ckpt, "student.safetensors"))
    meta = json.load(open(os.path.join(ckpt, "state.json")))
    config = json.load(open(os.path.join(ckpt, "config.json")))
    kept = json.load(open(kept_path))
    if config["vocab_size"] != len(kept):
        raise SystemExit(f"config vocab_size {config['vocab_size']} != {len(kept)} kept ids")
    out = {"kept_ids": torch.tensor(kept, dtype=torch.int32), **quantize_state(state)}
    os.makedirs(artifact, exist_ok=True)
    write_gz(os.path.join(artifact, WEIGHTS), save(out, metadata={"format": "frner-fast-int8"}))
    for k in ("_name_or_path", "transformers_version", "dtype", "torch_dtype"):
        config.pop(k, None)
    config["architectures"] = ["BertForTokenClassification"]
    if temperature:
        config["frner_score_temperature"] = temperature
    # The dtype `frner` runs this model in without --dtype: int8 where its kernels are fast.
    config["frner_dtype"] = "auto"
    info = {
        "config": config,
        "teacher_layers": meta["layers"],
        "step": meta["step"],
        "dev_f1_per_org_loc_during_training": meta["dev_f1_per_org_loc"],
        "training_args": meta["args"],
    }
    with open(os.path.join(artifact, "fast.json"), "w") as f:
        json.dump(info, f, indent=2, sort_keys=True)
    size = os.path.getsize(os.path.join(artifact, WEIGHTS))
    print(f"exported {len(state)} tensors to {artifact} ({size / 1e6:.1f} MB)")


def dequantize(tensors):
    """fp32 tensors from int8 rows (`name.q`, `name.scale`) and plain tensors."""
    model = {}
    for name, t in tensors.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(".q"):
            stem = name[: -len(".q")]
            model[stem] = (t.float() * tensors[f"{stem}.scale"][:, None]).contiguous()
        else:
            model[name] = t.contiguous()
    return model


def load_artifact(artifact):
    """(fp32 state, kept ids, fast.json) of an artifact directory."""
    with gzip.open(os.path.join(artifact, WEIGHTS), "rb") as f:
        tensors = load(f.read())
    info = json.load(open(os.path.join(artifact, "fast.json")))
    kept = tensors.pop("kept_ids").tolist()
    return dequantize(tensors), kept, info


def build(base, artifact, out_dir):
    model, kept, info = load_artifact(artifact)
    emb = model["bert.embeddings.word_embeddings.weight"]
    if emb.shape[0] != len(kept):
        raise SystemExit(f"{emb.shape[0]} embedding rows for {len(kept)} kept ids")
    os.makedirs(out_dir, exist_ok=True)
    save_file(model, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(info["config"], f, indent=2, sort_keys=True)
    tj = json.load(open(os.path.join(base, "tokenizer.json"), encoding="utf-8"))
    with open(os.path.join(out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(pruned_tokenizer(tj, kept), f, ensure_ascii=False)
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        with open(os.path.join(base, name), "rb") as src, open(os.path.join(out_dir, name), "wb") as dst:
            dst.write(src.read())
    world_readable(out_dir)
    print(f"built {out_dir}: {info['config']['num_hidden_layers']} layers, {len(kept)} pieces")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--artifact", required=True)
    ap.add_argument("--export", help="distillation checkpoint (student.safetensors, state.json)")
    ap.add_argument("--kept", help="kept ids (JSON) of the distillation run, with --export")
    ap.add_argument("--temperature", type=float, help="score temperature, with --export")
    ap.add_argument("--base", help="base checkpoint whose tokenizer.json is pruned (build/e5-small)")
    ap.add_argument("--out")
    args = ap.parse_args()
    if args.export:
        if not args.kept:
            ap.error("--export needs --kept")
        export(args.export, args.kept, args.artifact, args.temperature)
    else:
        if not (args.base and args.out):
            ap.error("--base and --out are required to build")
        build(args.base, args.artifact, args.out)


if __name__ == "__main__":
    main()
