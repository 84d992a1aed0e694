"""scripts/distill_bundle.py on a small BERT teacher and a one-layer student it writes itself:
the bundle carries the teacher within int8 rounding and the student's vocabulary, `unpack`
rebuilds a teacher that computes what the original computes on the same text, the training
texts come back in the kept vocabulary, and the parts of `send` join back to the same bytes.
`pack` refuses a text with a dropped piece and a student whose word embeddings were trained.

Usage: python tests/python/test_distill_bundle.py
"""
import argparse
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))

import build_fast_model  # noqa: E402
import distill_bundle  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402

VOCAB = 300
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def unigram_tokenizer_json(n):
    from tokenizers import Tokenizer, models, pre_tokenizers

    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    pieces = specials + ["▁"] + letters
    k = 0
    while len(pieces) < n:
        a, b = letters[k % 26], letters[(k // 26) % 26]
        pieces.append(f"▁{a}{b}" if k % 2 else f"{b}{a}")
        k += 1
    tok = Tokenizer(models.Unigram([(p, -1.0 - i / n) for i, p in enumerate(pieces)], unk_id=3))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    return json.loads(tok.to_str())


def write_teacher(path):
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(3)
    cfg = BertConfig(vocab_size=VOCAB, hidden_size=128, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=256, max_position_embeddings=64, pad_token_id=1,
                     id2label=dict(enumerate(LABELS)), label2id={lab: i for i, lab in enumerate(LABELS)})
    model = BertForTokenClassification(cfg).eval()
    model.save_pretrained(path)
    with open(os.path.join(path, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(unigram_tokenizer_json(VOCAB), f, ensure_ascii=False)
    with open(os.path.join(path, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "PreTrainedTokenizerFast", "pad_token": "<pad>", "unk_token": "<unk>"}, f)
    with open(os.path.join(path, "special_tokens_map.json"), "w") as f:
        json.dump({"pad_token": "<pad>", "unk_token": "<unk>"}, f)
    return model


def write_student(teacher_dir, kept, work, train_embeddings=False):
    """The student of distill_fast.py (teacher layer 1, the kept rows), exported and built."""
    state = load_file(os.path.join(teacher_dir, "model.safetensors"))
    student = {}
    for name, t in state.items():
        if ".encoder.layer.0." in name:
            continue
        student[name.replace(".encoder.layer.1.", ".encoder.layer.0.")] = t
    emb = distill_bundle.EMB
    student[emb] = state[emb][torch.tensor(kept)].clone()
    if train_embeddings:
        student[emb][5] += 0.5
    ckpt = os.path.join(work, "ckpt")
    os.makedirs(ckpt, exist_ok=True)
    save_file(student, os.path.join(ckpt, "student.safetensors"))
    config = json.load(open(os.path.join(teacher_dir, "config.json")))
    config.update(num_hidden_layers=1, vocab_size=len(kept))
    json.dump(config, open(os.path.join(ckpt, "config.json"), "w"))
    json.dump({"layers": "1", "step": 0, "dev_f1_per_org_loc": 0.0, "args": {}},
              open(os.path.join(ckpt, "state.json"), "w"))
    json.dump(kept, open(os.path.join(work, "kept.json"), "w"))
    artifact, built = os.path.join(work, "artifact"), os.path.join(work, "student")
    build_fast_model.export(ckpt, os.path.join(work, "kept.json"), artifact, 1.5)
    build_fast_model.build(teacher_dir, artifact, built)
    return artifact, built


def write_inputs(d, kept, with_dropped_piece=False):
    items = [([0, kept[10], kept[20], kept[30], 2], [-100, 1, 2, 0, -100], [-1, 0, -1, 1, -1]),
             ([0, kept[7], 2], [-100, 5, -100], [-1, 0, -1])]
    if with_dropped_piece:
        items.append(([0, 6, 2], [-100, 0, -100], [-1, 0, -1]))  # id 6 is not kept
    torch.save({"items": items, "dev": [], "dev_tags": []}, os.path.join(d, "data.pt"))
    with open(os.path.join(d, "dev.conllu"), "w", encoding="utf-8") as f:
        f.write("# a comment\nab\tB-PER\ncd\tO\n\nef\tB-LOC\n\ngh\tO\n\n")
    return items


def pack_args(d, teacher, student, artifact, out):
    return argparse.Namespace(teacher=teacher, student=student, artifact=artifact,
                              data=os.path.join(d, "data.pt"), dev=os.path.join(d, "dev.conllu"),
                              dev_limit=2, out=out)


def main():
    from transformers import AutoModelForTokenClassification

    with tempfile.TemporaryDirectory() as d:
        tdir = os.path.join(d, "teacher")
        teacher = write_teacher(tdir)
        kept = list(range(5)) + list(range(5, VOCAB, 2))
        artifact, sdir = write_student(tdir, kept, d)
        items = write_inputs(d, kept)
        bundle = os.path.join(d, "bundle")
        distill_bundle.pack(pack_args(d, tdir, sdir, artifact, bundle))
        manifest = json.load(open(os.path.join(bundle, "MANIFEST.json")))
        assert manifest["texts"] == 2 and manifest["kept_pieces"] == len(kept), manifest
        assert json.load(open(os.path.join(bundle, "kept_base.json"))) == kept
        dev = open(os.path.join(bundle, "dev.conllu"), encoding="utf-8").read()
        assert "ef\tB-LOC" in dev and "gh" not in dev, dev

        work = os.path.join(d, "work")
        distill_bundle.unpack(argparse.Namespace(bundle=bundle, artifact=artifact, work=work))
        # The teacher: every tensor within int8 rounding of its row, the word embeddings the
        # student's (the kept rows), and the same outputs on the same text in the kept ids.
        orig = load_file(os.path.join(tdir, "model.safetensors"))
        rebuilt = load_file(os.path.join(work, "teacher", "model.safetensors"))
        student = load_file(os.path.join(work, "student", "model.safetensors"))
        for name, t in orig.items():
            if name.endswith("position_ids"):
                continue
            if name == distill_bundle.EMB:
                t = t[torch.tensor(kept)]
                assert torch.equal(rebuilt[name], student[name]), name
            bound = t.abs().amax(dim=-1, keepdim=True) / 127 * 0.51 + 1e-7 if t.dim() == 2 else 0
            assert bool(((rebuilt[name] - t).abs() <= bound).all()), name
        kept_model = AutoModelForTokenClassification.from_pretrained(os.path.join(work, "teacher")).eval()
        assert kept_model.config.vocab_size == len(kept)
        ids = torch.tensor([[0, kept[10], kept[20], kept[30], kept[40], 2]])
        new = torch.tensor([[kept.index(int(i)) for i in ids[0]]])
        with torch.no_grad():
            a = teacher(input_ids=ids).logits
            b = kept_model(input_ids=new).logits
        assert torch.equal(a.argmax(-1), b.argmax(-1)), (a, b)
        assert float((a - b).abs().max()) < 0.05 * float(a.abs().max()), float((a - b).abs().max())
        # The texts, in the kept vocabulary; kept is the identity there.
        data = torch.load(os.path.join(work, "distill", "data.pt"))
        want = [([kept.index(i) for i in x], y, w) for x, y, w in items]
        assert [tuple(it) for it in data["items"]] == want, data["items"]
        assert json.load(open(os.path.join(work, "distill", "kept.json"))) == list(range(len(kept)))
        for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
            assert os.path.exists(os.path.join(work, "teacher", name)), name

        # send / receive: parts join back to the same bytes.
        distill_bundle.PART_BYTES = 4096
        parts = os.path.join(d, "parts")
        distill_bundle.send(argparse.Namespace(artifact=artifact, parts=parts))
        assert len([p for p in os.listdir(parts) if p.startswith("weights.")]) > 2
        back = os.path.join(d, "back")
        distill_bundle.receive(argparse.Namespace(artifact=back, parts=parts))
        for name in (build_fast_model.WEIGHTS, "fast.json"):
            assert open(os.path.join(back, name), "rb").read() == open(os.path.join(artifact, name), "rb").read()
        os.remove(os.path.join(parts, "weights.01"))
        try:
            distill_bundle.receive(argparse.Namespace(artifact=os.path.join(d, "back2"), parts=parts))
            raise AssertionError("receive accepted a missing part")
        except Exception as e:  # gzip or safetensors reject the truncated stream
            assert not isinstance(e, AssertionError), e

        # Refusals: a text with a piece the student dropped; a student that trained its rows.
        write_inputs(d, kept, with_dropped_piece=True)
        refused(lambda: distill_bundle.pack(pack_args(d, tdir, sdir, artifact, os.path.join(d, "b2"))),
                "outside the kept vocabulary")
        write_inputs(d, kept)
        trained = os.path.join(d, "trained")
        os.makedirs(trained)
        artifact2, sdir2 = write_student(tdir, kept, trained, train_embeddings=True)
        refused(lambda: distill_bundle.pack(pack_args(d, tdir, sdir2, artifact2, os.path.join(d, "b3"))),
                "not the teacher's")
    print("test_distill_bundle: ok")


def refused(call, message):
    try:
        call()
    except SystemExit as e:
        assert message in str(e), str(e)
        return
    raise AssertionError(f"expected a refusal ({message})")


if __name__ == "__main__":
    main()
