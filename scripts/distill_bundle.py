#!/usr/bin/env python3
"""The fast model's distillation on the device machine (issue 17): what travels there and back.

The device machine has torch and transformers but no network and takes at most 64 MiB of files
with the working tree (about 33 MB). The teacher (470 MB fp32) cannot travel whole, so
`pack` (here, `make distill-bundle`) writes out/distill-bundle/ (about 25 MB):

  teacher.safetensors.gz   the accurate model without its word embeddings: every matrix in
                           int8 with one fp32 scale per row (as the fast artifact), the vectors
                           and the classifier in fp32;
  teacher_config.json      its config, vocab_size set to the fast model's kept pieces;
  student/                 the fast model's config.json and pruned tokenizer files (its weights
                           come from the committed artifact, which travels with the tree);
  kept_base.json           the base-vocabulary ids of the kept pieces (for the export);
  data.npz                 the training texts (distill_fast.py --stage data) already in the
                           kept vocabulary: ids, labels, first-subword word indices, lengths;
  dev.conllu               the WikiNEuRal dev sentences used for checkpoint selection;
  seqeval/                 the pure-Python package the selection F1 uses (absent there);
  MANIFEST.json.

The teacher's word embeddings restricted to the kept pieces are the student's (the committed
student never trained them): `pack` checks that the artifact's rows are the teacher's within
int8 rounding, and `unpack` takes them from the artifact. Teacher and student then share one
vocabulary, the kept pieces in the pruned tokenizer's order, and distill_fast.py runs as
usual with kept = identity.

  distill_bundle.py pack --teacher models/e5-small-fr-ner --student models/e5-small-fr-ner-fast \\
      --artifact models/fast/e5-small-fr-ner-fast --data build/distill-data/data.pt \\
      --dev ../shared/data/wikineural-fr/dev.conllu --out out/distill-bundle
  distill_bundle.py unpack --bundle out/distill-bundle --artifact models/fast/e5-small-fr-ner-fast \\
      --work WORK        # on the device: WORK/teacher, WORK/student, WORK/distill
  distill_bundle.py receive --parts DIR --artifact DEST
                         # here: joins the weights the device sent back in parts
"""
import argparse
import gzip
import json
import os
import shutil
import sys

import numpy as np
import torch
from build_fast_model import WEIGHTS, dequantize, load_artifact, quantize_rows, quantize_state, write_gz
from distill_fast import vocab_ids
from safetensors.torch import load, load_file, save, save_file

EMB = "bert.embeddings.word_embeddings.weight"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
# Parts of at most this size: the device sends back files of at most 16 MiB each.
PART_BYTES = 15 * 1024 * 1024


def pack(args):
    os.makedirs(args.out, exist_ok=True)
    full = vocab_ids(os.path.join(args.teacher, "tokenizer.json"))
    kept = [full[p] for p in vocab_ids(os.path.join(args.student, "tokenizer.json"))]
    student, art_kept, _ = load_artifact(args.artifact)
    if art_kept != kept:
        raise SystemExit(f"{args.artifact} keeps other pieces than {args.student}'s tokenizer")
    teacher = load_file(os.path.join(args.teacher, "model.safetensors"))
    rows = teacher[EMB][torch.tensor(kept)]
    _, scale = quantize_rows(rows)
    err = (rows - student[EMB]).abs().amax(dim=1)
    if bool((err > scale * 0.51 + 1e-7).any()):
        raise SystemExit(f"the artifact's word embeddings are not the teacher's (max row error "
                         f"{float(err.max()):.4g}): the student trained them; pack them too")
    out = quantize_state({k: t for k, t in teacher.items() if k != EMB and not k.endswith("position_ids")})
    write_gz(os.path.join(args.out, "teacher.safetensors.gz"), save(out, metadata={"format": "frner-teacher-int8"}))
    config = json.load(open(os.path.join(args.teacher, "config.json")))
    config["vocab_size"] = len(kept)
    with open(os.path.join(args.out, "teacher_config.json"), "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)
    sdir = os.path.join(args.out, "student")
    os.makedirs(sdir, exist_ok=True)
    for name in ("config.json", *TOKENIZER_FILES):
        shutil.copy(os.path.join(args.student, name), sdir)
    with open(os.path.join(args.out, "kept_base.json"), "w") as f:
        json.dump(kept, f)

    data = torch.load(args.data)
    remap = np.full(len(full), -1, dtype=np.int64)
    remap[np.array(kept)] = np.arange(len(kept))
    ids, labels, first, lengths = [], [], [], []
    for x, y, w in data["items"]:
        k = remap[np.array(x)]
        if (k < 0).any():
            raise SystemExit(f"{args.data}: a text uses a piece outside the kept vocabulary "
                             "(build it with --kept-from the fast model)")
        ids.append(k)
        labels.append(y)
        first.append(w)
        lengths.append(len(x))
    np.savez_compressed(
        os.path.join(args.out, "data.npz"),
        ids=np.concatenate(ids).astype(np.uint16),
        labels=np.concatenate(labels).astype(np.int8),
        first=np.concatenate(first).astype(np.int16),
        lengths=np.array(lengths, dtype=np.int32),
    )
    copy_dev(args.dev, os.path.join(args.out, "dev.conllu"), args.dev_limit)
    import seqeval

    dst = os.path.join(args.out, "seqeval")
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(os.path.dirname(seqeval.__file__), dst,
                    ignore=shutil.ignore_patterns("__pycache__"))
    files = {}
    for root, _, names in os.walk(args.out):
        for n in names:
            p = os.path.join(root, n)
            files[os.path.relpath(p, args.out)] = os.path.getsize(p)
    manifest = {"texts": len(lengths), "subwords": int(sum(lengths)), "kept_pieces": len(kept),
                "data": args.data, "teacher": args.teacher, "artifact": args.artifact,
                "bytes": sum(files.values()), "files": files}
    with open(os.path.join(args.out, "MANIFEST.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
    print(f"distill bundle: {args.out}, {manifest['bytes'] / 1e6:.1f} MB, {len(lengths)} texts, "
          f"{manifest['subwords']} subwords")


def copy_dev(src, dst, limit):
    """The first `limit` sentences of a CoNLL file (blank-line separated)."""
    n = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
        prev_blank = True
        for line in f:
            blank = not line.strip()
            if blank and not prev_blank:
                n += 1
            g.write(line)
            if n >= limit:
                break
            prev_blank = blank


def unpack(args):
    b = args.bundle
    with gzip.open(os.path.join(b, "teacher.safetensors.gz"), "rb") as f:
        teacher = dequantize(load(f.read()))
    student, _, _ = load_artifact(args.artifact)
    teacher[EMB] = student[EMB].clone()
    tdir, sdir, ddir = (os.path.join(args.work, d) for d in ("teacher", "student", "distill"))
    for d in (tdir, sdir, ddir):
        os.makedirs(d, exist_ok=True)
    save_file(teacher, os.path.join(tdir, "model.safetensors"), metadata={"format": "pt"})
    shutil.copy(os.path.join(b, "teacher_config.json"), os.path.join(tdir, "config.json"))
    save_file(student, os.path.join(sdir, "model.safetensors"), metadata={"format": "pt"})
    shutil.copy(os.path.join(b, "student", "config.json"), sdir)
    for name in TOKENIZER_FILES:
        shutil.copy(os.path.join(b, "student", name), tdir)
        shutil.copy(os.path.join(b, "student", name), sdir)
    shutil.copy(os.path.join(b, "student", "tokenizer.json"), ddir)
    vocab = json.load(open(os.path.join(b, "teacher_config.json")))["vocab_size"]
    with open(os.path.join(ddir, "kept.json"), "w") as f:
        json.dump(list(range(vocab)), f)
    with np.load(os.path.join(b, "data.npz")) as d:
        # Each d[key] reads and inflates the array again: once each.
        lengths, ids, labels, first = (d[k] for k in ("lengths", "ids", "labels", "first"))
    ids, labels, first = (a.astype(np.int64).tolist() for a in (ids, labels, first))
    ends = np.cumsum(lengths).tolist()
    items = [(ids[s:e], labels[s:e], first[s:e]) for s, e in zip([0] + ends[:-1], ends)]
    torch.save({"items": items, "dev": [], "dev_tags": []}, os.path.join(ddir, "data.pt"))
    print(f"unpacked to {args.work}: {len(items)} texts, {len(ids)} subwords, vocabulary {vocab}")


def send(args):
    """Copies an exported artifact into DIR in parts of at most PART_BYTES."""
    os.makedirs(args.parts, exist_ok=True)
    shutil.copy(os.path.join(args.artifact, "fast.json"), args.parts)
    with open(os.path.join(args.artifact, WEIGHTS), "rb") as f:
        k = 0
        while chunk := f.read(PART_BYTES):
            with open(os.path.join(args.parts, f"weights.{k:02d}"), "wb") as g:
                g.write(chunk)
            k += 1


def receive(args):
    """Joins the parts of `send` back into an artifact directory."""
    parts = sorted(p for p in os.listdir(args.parts) if p.startswith("weights."))
    if not parts:
        raise SystemExit(f"no weights.NN parts in {args.parts}")
    os.makedirs(args.artifact, exist_ok=True)
    with open(os.path.join(args.artifact, WEIGHTS), "wb") as g:
        for p in parts:
            with open(os.path.join(args.parts, p), "rb") as f:
                g.write(f.read())
    shutil.copy(os.path.join(args.parts, "fast.json"), args.artifact)
    with gzip.open(os.path.join(args.artifact, WEIGHTS), "rb") as f:
        load(f.read())  # a truncated or reordered part fails here, not in `make`
    print(f"received {args.artifact} from {len(parts)} parts")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--teacher", required=True)
    p.add_argument("--student", required=True, help="the built fast model (pruned tokenizer)")
    p.add_argument("--artifact", required=True)
    p.add_argument("--data", required=True, help="data.pt of distill_fast.py --stage data --kept-from")
    p.add_argument("--dev", required=True)
    p.add_argument("--dev-limit", type=int, default=300)
    p.add_argument("--out", required=True)
    p = sub.add_parser("unpack")
    p.add_argument("--bundle", required=True)
    p.add_argument("--artifact", required=True)
    p.add_argument("--work", required=True)
    for name, helptext in (("send", "split an artifact into parts"), ("receive", "join parts")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--parts", required=True)
        p.add_argument("--artifact", required=True)
    args = ap.parse_args()
    {"pack": pack, "unpack": unpack, "send": send, "receive": receive}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
