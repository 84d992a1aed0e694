#!/usr/bin/env python3
"""Prune a Unigram (SentencePiece) vocabulary to the pieces a corpus uses.

The fast model (models/fast/README.md) carries only the XLM-R pieces that French text needs:

  kept = the special tokens
       + every piece the full tokenizer produces on the corpus (one text per line)
       + every single-character piece (so that no character the full vocabulary covers
         becomes <unk>: a dropped longer piece always falls back to shorter ones, at worst to
         its single characters)
       + "▁" (the word-start marker alone, which every word can fall back to).

Viterbi over a subset of the pieces is unchanged on any text whose best segmentation under the
full vocabulary uses only kept pieces (that path is still in the lattice and nothing new
entered it), so the corpus itself tokenizes exactly as before: tests/python/test_pruned_tokenizer.py
checks it, and that arbitrary Unicode never fails and keeps exact offsets.

  # which pieces to keep (a JSON list of ids of the full vocabulary)
  prune_vocab.py select --tokenizer build/e5-small/tokenizer.json --corpus texts.txt ... --out kept.json
  # the pruned tokenizer.json
  prune_vocab.py write --tokenizer build/e5-small/tokenizer.json --kept kept.json --out DIR/tokenizer.json
"""
import argparse
import json

MARKER = "\u2581"


def special_ids(tj):
    ids = {t["id"] for t in tj.get("added_tokens", []) if t.get("special")}
    ids.add(tj["model"]["unk_id"])
    return ids


def select(tokenizer_path, corpus_paths):
    from tokenizers import Tokenizer

    tj = json.load(open(tokenizer_path, encoding="utf-8"))
    if tj["model"]["type"] != "Unigram":
        raise SystemExit(f"{tokenizer_path}: not a Unigram model")
    vocab = tj["model"]["vocab"]
    kept = special_ids(tj)
    kept |= {i for i, (p, _) in enumerate(vocab) if len(p) == 1 or p == MARKER}
    tok = Tokenizer.from_file(tokenizer_path)
    n_lines = 0
    for path in corpus_paths:
        with open(path, encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        for start in range(0, len(lines), 4096):
            for enc in tok.encode_batch(lines[start:start + 4096], add_special_tokens=False):
                kept.update(enc.ids)
        n_lines += len(lines)
    return sorted(kept), n_lines


def pruned_tokenizer(tj, kept):
    """tokenizer.json with only the `kept` ids of the full vocabulary, in their original order
    (new id = rank in `kept`); specials, template and normalizer remapped or copied."""
    kept = sorted(kept)
    new_id = {old: new for new, old in enumerate(kept)}
    model = tj["model"]
    if model["unk_id"] not in new_id:
        raise SystemExit("the kept ids must include <unk>")
    out = json.loads(json.dumps(tj))
    out["model"]["vocab"] = [model["vocab"][i] for i in kept]
    out["model"]["unk_id"] = new_id[model["unk_id"]]
    for t in out.get("added_tokens", []):
        if t["id"] not in new_id:
            raise SystemExit(f"special token {t['content']!r} is not kept")
        t["id"] = new_id[t["id"]]
    post = out.get("post_processor") or {}
    for spec in (post.get("special_tokens") or {}).values():
        spec["ids"] = [new_id[i] for i in spec["ids"]]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("--tokenizer", required=True)
    s.add_argument("--corpus", nargs="+", required=True, help="text files, one text per line")
    s.add_argument("--out", required=True)
    w = sub.add_parser("write")
    w.add_argument("--tokenizer", required=True)
    w.add_argument("--kept", required=True)
    w.add_argument("--out", required=True)
    args = ap.parse_args()
    if args.cmd == "select":
        kept, n = select(args.tokenizer, args.corpus)
        with open(args.out, "w") as f:
            json.dump(kept, f)
        print(f"kept {len(kept)} pieces ({n} corpus lines) -> {args.out}")
    else:
        tj = json.load(open(args.tokenizer, encoding="utf-8"))
        kept = json.load(open(args.kept))
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(pruned_tokenizer(tj, kept), f, ensure_ascii=False)
        print(f"wrote {args.out}: {len(kept)} of {len(tj['model']['vocab'])} pieces")


if __name__ == "__main__":
    main()
