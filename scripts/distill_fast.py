#!/usr/bin/env python3
"""Distil the accurate model (models/e5-small-fr-ner) into the fast one: a few of its layers,
a vocabulary pruned to the pieces French text uses, trained on the teacher's soft labels.

Stages, each cached in --out (rerun the same command to continue after a stop):
  data      training texts: WikiNEuRal train as plain sentences, the same sentences rewritten
            with the news conventions of scripts/train_ner.py (--augment) and --synthetic news
            sentences (scripts/news_synth.py); tokenized by the full tokenizer, every subword
            labelled as train_ner.py does. texts.txt = every training text, one per line.
  kept      the pruned vocabulary (scripts/prune_vocab.py select) over texts.txt plus the
            --vocab-corpus files (news dev texts, samples): kept.json.
  teacher   the teacher's logits on every training text (fp16): teacher.pt.
  train     the student: layers --layers of the teacher (its embeddings restricted to the kept
            pieces, frozen unless --train-embeddings; its classifier), trained with
            loss = alpha * T² * KL(teacher_T || student_T) + (1 - alpha) * CE(labels)
                   + hidden_beta * mean_k MSE(student layer k, teacher layer layers[k]);
            with --hidden-beta > 0 the teacher runs beside the student on every batch (its
            hidden states would not fit on disk) and the teacher stage is skipped;
            dev F1 (first --dev-limit WikiNEuRal dev sentences) every --eval-every steps;
            last/ and best/ hold student.safetensors + state.json.
The learning rate decays linearly with wall-clock time over --minutes (CPU time is the budget).
With --device cuda (the device machine: scripts/distill_device.sh) the teacher and the student
run in bf16 autocast with fp32 weights, and --teacher-int8 is ignored.

  nice -n 15 .venv/bin/python scripts/distill_fast.py --out build/distill --layers 0,4,7,11 \
      --minutes 60 --threads 2
"""
import argparse
import json
import os
import random
import shutil
import time

import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from train_ner import augment, batches, collate, dateline_places, encode, evaluate, typography

from conll import read_conll
from labels import BIO_LABELS as LABELS


def log(msg):
    print(f"{time.strftime('%H:%M:%S')} {msg}", flush=True)


def stage_data(args, tok):
    path = os.path.join(args.out, "data.pt")
    if os.path.exists(path):
        return torch.load(path)
    rng = random.Random(args.seed)
    plain = read_conll(args.train)
    sents = [(t, g, False) for t, g in plain]
    aug_src = list(plain)
    if args.synthetic:
        from news_synth import generate

        aug_src += generate(plain, args.synthetic, args.seed + 3)
    if args.synthetic_results:
        from news_synth import generate_results

        aug_src += generate_results(plain, args.synthetic_results, args.seed + 4)
    if args.table_synthetic:
        # The same templates with the linking table's names as fillers (clubs, agencies,
        # companies, régions): the teacher knows these names, the student learns them from it.
        from news_synth import TablePools, generate, generate_results

        pools = TablePools(args.table)
        aug_src += generate(plain, args.table_synthetic, args.seed + 6, pools)
        aug_src += generate_results(plain, args.table_synthetic // 4, args.seed + 7, pools)
    p = dict(honorific=0.25, acronym_after=0.3, acronym_only=0.12, upper_entity=0.06,
             upper_sentence=0.04, dateline=0.1, apostrophe=0.5, guillemets=0.5)
    cities = dateline_places(aug_src)
    arng = random.Random(args.seed + 1)
    sents += [(*augment(t, g, arng, cities, p), True) for t, g in aug_src]
    items, texts = [], []
    for toks, tags, news in sents:
        seen = []

        def restyle(text, news=news, seen=seen):
            text = typography(text, arng, p) if news else text
            seen.append(text)
            return text

        ids, labels, first = encode(tok, toks, tags, rng.random() < 0.5, args.max_len, restyle)
        items.append((ids, labels, first))
        texts.append(seen[0])
    dev_sents = read_conll(args.dev)[: args.dev_limit]
    dev = [encode(tok, t, g, False, args.max_len) for t, g in dev_sents]
    dev_tags = [g for _, g in dev_sents]
    data = {"items": items, "dev": dev, "dev_tags": dev_tags}
    torch.save(data, path)
    with open(os.path.join(args.out, "texts.txt"), "w", encoding="utf-8") as f:
        for t in texts:
            f.write(t.replace("\n", " ") + "\n")
    log(f"data: {len(items)} training texts, {sum(len(x[0]) for x in items)} subwords")
    return data


def stage_kept(args):
    path = os.path.join(args.out, "kept.json")
    if os.path.exists(path):
        return json.load(open(path))
    if args.kept_from:
        # The vocabulary of an earlier student: same pieces, same order, same shape.
        kept = kept_of(args)
        shutil.copy(os.path.join(args.kept_from, "tokenizer.json"), os.path.join(args.out, "tokenizer.json"))
        with open(path, "w") as f:
            json.dump(kept, f)
        log(f"kept {len(kept)} pieces of {args.kept_from}")
        return kept
    from prune_vocab import pruned_tokenizer, select

    corpus = [os.path.join(args.out, "texts.txt")]
    for k, src in enumerate(args.vocab_corpus):
        # JSONL records (their "text") or text files, one text per line.
        dst = os.path.join(args.out, f"vocab-corpus-{k}.txt")
        with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as g:
            for line in f:
                text = json.loads(line)["text"] if src.endswith(".jsonl") else line.rstrip("\n")
                g.write(text.replace("\n", " ") + "\n")
        corpus.append(dst)
    full = os.path.join(args.teacher, "tokenizer.json")
    kept, n = select(full, corpus)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(pruned_tokenizer(json.load(open(full, encoding="utf-8")), kept), f, ensure_ascii=False)
    with open(path, "w") as f:
        json.dump(kept, f)
    log(f"kept {len(kept)} pieces from {n} lines")
    return kept


def subset(args, data):
    """The training texts actually used: all, or a seeded sample of --train-texts (the teacher
    pass costs about as much CPU as a training epoch)."""
    items = data["items"]
    if args.train_texts and args.train_texts < len(items):
        keep = sorted(random.Random(args.seed + 5).sample(range(len(items)), args.train_texts))
        items = [items[i] for i in keep]
    return items


def stage_teacher(args, items, pad_id):
    path = os.path.join(args.out, "teacher.pt")
    if os.path.exists(path):
        return torch.load(path)
    # With --teacher-int8, PyTorch's dynamic int8 on every Linear: 1.5x the fp32 throughput on
    # this CPU (README, Performance) for about -0.3 F1 point, i.e. more soft labels per CPU hour.
    model = load_teacher(args)
    out = [None] * len(items)
    t0, done = time.time(), 0
    with torch.inference_mode():
        for k, idx in enumerate(batches(items, 4096, False, None)):
            ids, mask, _ = collate(items, idx, pad_id)
            logits = model(input_ids=ids.to(args.device), attention_mask=mask.to(args.device)).logits
            logits = logits.float().cpu()
            for r, i in enumerate(idx):
                out[i] = logits[r, : len(items[i][0])].half().clone()
            done += int(mask.sum())
            if k % 10 == 0:
                log(f"teacher: {done} subwords, {done / (time.time() - t0):.0f}/s")
    torch.save(out, path)
    log(f"teacher: done, {done} subwords in {time.time() - t0:.0f} s")
    return out


def student_from_teacher(args, kept):
    from transformers import AutoConfig, AutoModelForTokenClassification

    layers = [int(x) for x in args.layers.split(",")]
    teacher = load_file(os.path.join(args.teacher, "model.safetensors"))
    cfg = AutoConfig.from_pretrained(args.teacher)
    cfg.num_hidden_layers = len(layers)
    cfg.vocab_size = len(kept)
    cfg.attention_probs_dropout_prob = 0.0
    cfg.hidden_dropout_prob = args.dropout
    state = {}
    for name, t in teacher.items():
        if ".encoder.layer." in name:
            head, rest = name.split(".encoder.layer.")
            i, tail = rest.split(".", 1)
            if int(i) in layers:
                state[f"{head}.encoder.layer.{layers.index(int(i))}.{tail}"] = t
        elif name == "bert.embeddings.word_embeddings.weight":
            state[name] = t[torch.tensor(kept)]
        else:
            state[name] = t
    if args.init_student:
        warm_start(state, kept, args)
    model = AutoModelForTokenClassification.from_config(cfg)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"student init: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return model, cfg


def vocab_ids(tokenizer_json):
    """piece -> id of a Unigram tokenizer.json."""
    with open(tokenizer_json, encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    return {piece: i for i, (piece, _) in enumerate(vocab)}


def warm_start(state, kept, args):
    """Start from an earlier student (a built fast model directory) instead of the teacher's
    layers: its encoder, classifier and embeddings; a piece it did not keep takes the
    teacher's row. The earlier student's vocabulary is read back from its pruned tokenizer."""
    init = load_file(os.path.join(args.init_student, "model.safetensors"))
    full = vocab_ids(os.path.join(args.teacher, "tokenizer.json"))
    full_piece = {i: p for p, i in full.items()}
    old = vocab_ids(os.path.join(args.init_student, "tokenizer.json"))
    name = "bert.embeddings.word_embeddings.weight"
    rows = state[name].clone()
    taken = 0
    for r, base_id in enumerate(kept):
        j = old.get(full_piece[base_id])
        if j is not None:
            rows[r] = init[name][j]
            taken += 1
    state[name] = rows
    # Student layer k takes the earlier student's layer init_layers[k]; "-" keeps the teacher
    # layer --layers gives it (a deeper student grown from a trained one).
    init_layers = (args.init_student_layers.split(",") if args.init_student_layers
                   else [str(k) for k in range(len(args.layers.split(",")))])
    if len(init_layers) != len(args.layers.split(",")):
        raise SystemExit("--init-student-layers needs one entry per --layers entry")
    moved = {}
    for key, t in init.items():
        if ".encoder.layer." in key:
            head, rest = key.split(".encoder.layer.")
            j, tail = rest.split(".", 1)
            for k, source in enumerate(init_layers):
                if source == j:
                    moved[f"{head}.encoder.layer.{k}.{tail}"] = t
        else:
            moved[key] = t
    init = moved
    for key, t in init.items():
        if key == name or key.endswith("position_ids"):
            continue
        if key not in state or state[key].shape != t.shape:
            raise SystemExit(f"--init-student: {key} {tuple(t.shape)} does not fit the student")
        state[key] = t
    log(f"warm start from {args.init_student}: {taken} of {len(kept)} embedding rows")


def save_student(model, cfg, path, step, f1, args, kept_len):
    os.makedirs(path, exist_ok=True)
    state = {k: v.detach().cpu().contiguous().clone() for k, v in model.state_dict().items()
             if not k.endswith("position_ids")}
    save_file(state, os.path.join(path, "student.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(path, "state.json"), "w") as f:
        json.dump({"step": step, "dev_f1_per_org_loc": f1, "labels": LABELS, "layers": args.layers,
                   "vocab_size": kept_len, "args": vars(args)}, f, indent=2)
    cfg.to_json_file(os.path.join(path, "config.json"))


def load_teacher(args):
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(args.teacher).eval()
    if args.device != "cpu":
        return model.to(args.device)
    if args.teacher_int8:
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    return model


def stage_train(args, data, items, teacher_logits, kept, pad_id):
    remap = torch.full((max(kept) + 1,), -1, dtype=torch.long)
    remap[torch.tensor(kept)] = torch.arange(len(kept))
    for ids, _, _ in items:
        if min(int(remap[i]) for i in ids) < 0:
            raise SystemExit("a training text uses a piece outside the kept vocabulary")
    # The dev sentences as the student sees them: tokenized by the pruned tokenizer (a few
    # use pieces it dropped).
    from transformers import PreTrainedTokenizerFast

    ptok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(args.out, "tokenizer.json"))
    dev_sents = read_conll(args.dev)[: args.dev_limit]
    dev = [encode(ptok, t, g, False, args.max_len) for t, g in dev_sents]
    dev_tags = [g for _, g in dev_sents]
    new_pad = int(remap[pad_id])

    last = os.path.join(args.out, "last")
    model, cfg = student_from_teacher(args, kept)
    device = torch.device(args.device)
    model.to(device)
    # bf16 autocast on the GPU (fp32 master weights); plain fp32 on the CPU.
    autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.type == "cuda")
    step, best, elapsed0 = 0, -1.0, 0.0
    if os.path.exists(os.path.join(last, "state.json")):
        st = json.load(open(os.path.join(last, "state.json")))
        model.load_state_dict(load_file(os.path.join(last, "student.safetensors")), strict=False)
        step, elapsed0 = st["step"], st.get("elapsed_s", 0.0)
        if os.path.exists(os.path.join(args.out, "best", "state.json")):
            best = json.load(open(os.path.join(args.out, "best", "state.json")))["dev_f1_per_org_loc"]
        log(f"resumed at step {step}, best {best}")
    # Frozen: the (pruned) word embeddings (unless --train-embeddings) and the --freeze-layers
    # lowest layers, so that the backward pass stops above them (CPU time).
    word = model.bert.embeddings.word_embeddings.weight
    word.requires_grad_(args.train_embeddings and not args.freeze_layers)
    if args.freeze_layers:
        for p in model.bert.embeddings.parameters():
            p.requires_grad_(False)
        for layer in model.bert.encoder.layer[: args.freeze_layers]:
            for p in layer.parameters():
                p.requires_grad_(False)
    # No weight decay on the word embeddings: a piece absent from the training texts gets no
    # gradient, and decay alone would shrink its row towards zero.
    params = [p for p in model.parameters() if p.requires_grad and p is not word]
    groups = [{"params": params, "weight_decay": 0.01}]
    if word.requires_grad:
        groups.append({"params": [word], "weight_decay": 0.0})
    opt = torch.optim.AdamW(groups, lr=args.lr)
    if step and os.path.exists(os.path.join(last, "optim.pt")):
        opt.load_state_dict(torch.load(os.path.join(last, "optim.pt")))
    budget = args.minutes * 60
    t0 = time.time() - elapsed0
    T, alpha = args.temperature, args.alpha
    layers = [int(x) for x in args.layers.split(",")]
    # Layers whose output is matched: the trainable ones (a frozen layer's output is fixed).
    matched = list(range(args.freeze_layers, len(layers)))
    teacher = load_teacher(args) if args.hidden_beta > 0 else None
    logf = open(os.path.join(args.out, "train_log.jsonl"), "a")
    model.train()
    epoch = step // max(1, len(batches(items, args.batch_tokens, False, None)))
    stop = False
    while not stop:
        order = batches(items, args.batch_tokens, True, random.Random(args.seed + epoch))
        skip = step % len(order)
        for idx in order[skip:]:
            frac = (time.time() - t0) / budget
            if frac >= 1.0:
                stop = True
                break
            lr = args.lr * min(1.0, (step + 1) / args.warmup) * max(0.02, 1.0 - frac)
            for g in opt.param_groups:
                g["lr"] = lr
            ids, mask, lab = collate(items, idx, pad_id, remap)
            ids, mask, lab = ids.to(device), mask.to(device), lab.to(device)
            m = mask.bool()
            hidden = torch.zeros((), device=device)
            if teacher is not None:
                full_ids, _, _ = collate(items, idx, pad_id)
                with torch.inference_mode(), autocast:
                    tout = teacher(input_ids=full_ids.to(device), attention_mask=mask,
                                   output_hidden_states=True)
                tl = tout.logits.float()
                with autocast:
                    out = model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
                logits = out.logits.float()
                # hidden_states[0] is the embedding output; layer k's output is [k + 1].
                hidden = sum(F.mse_loss(out.hidden_states[k + 1][m].float(),
                                        tout.hidden_states[layers[k] + 1][m].float())
                             for k in matched) / max(1, len(matched))
            else:
                tl = torch.zeros(ids.shape + (len(LABELS),))
                for r, i in enumerate(idx):
                    tl[r, : teacher_logits[i].shape[0]] = teacher_logits[i].float()
                tl = tl.to(device)
                with autocast:
                    logits = model(input_ids=ids, attention_mask=mask).logits.float()
            kd = F.kl_div(F.log_softmax(logits[m] / T, -1), F.log_softmax(tl[m] / T, -1),
                          log_target=True, reduction="batchmean") * T * T
            ce = F.cross_entropy(logits.view(-1, len(LABELS)), lab.view(-1), ignore_index=-100)
            loss = alpha * kd + (1 - alpha) * ce + args.hidden_beta * hidden
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if step % 25 == 0:
                rec = {"step": step, "loss": round(loss.item(), 4), "kd": round(kd.item(), 4),
                       "ce": round(ce.item(), 4), "hidden": round(float(hidden.detach()), 4), "lr": lr, "elapsed_s": round(time.time() - t0)}
                logf.write(json.dumps(rec) + "\n")
                logf.flush()
                log(json.dumps(rec))
            if step % args.eval_every == 0:
                f1 = eval_and_save(args, model, cfg, dev, dev_tags, new_pad, step, opt, kept, t0, logf)
                if f1 > best:
                    best = f1
                    save_student(model, cfg, os.path.join(args.out, "best"), step, f1, args, len(kept))
        else:
            epoch += 1
    f1 = eval_and_save(args, model, cfg, dev, dev_tags, new_pad, step, opt, kept, t0, logf)
    if f1 > best:
        best = f1
        save_student(model, cfg, os.path.join(args.out, "best"), step, f1, args, len(kept))
    log(f"done at step {step}: best dev F1 {best:.4f}")


def eval_and_save(args, model, cfg, dev, dev_tags, pad, step, opt, kept, t0, logf):
    f1, f1_all, _ = evaluate(model, dev, dev_tags, pad, args.batch_tokens)
    rec = {"step": step, "dev_f1_per_org_loc": round(f1, 4), "dev_f1_all": round(f1_all, 4),
           "elapsed_s": round(time.time() - t0)}
    logf.write(json.dumps(rec) + "\n")
    logf.flush()
    log(json.dumps(rec))
    last = os.path.join(args.out, "last")
    save_student(model, cfg, last, step, f1, args, len(kept))
    st = json.load(open(os.path.join(last, "state.json")))
    st["elapsed_s"] = time.time() - t0
    json.dump(st, open(os.path.join(last, "state.json"), "w"), indent=2)
    torch.save(opt.state_dict(), os.path.join(last, "optim.pt"))
    return f1


def kept_of(args):
    """Full-vocabulary ids of the pieces of --kept-from's pruned tokenizer, in its order."""
    full = vocab_ids(os.path.join(args.teacher, "tokenizer.json"))
    return [full[piece] for piece in vocab_ids(os.path.join(args.kept_from, "tokenizer.json"))]


class PrunedAsFull:
    """The pruned tokenizer of --kept-from, called as a Hugging Face tokenizer, returning the
    full vocabulary's ids."""

    def __init__(self, args):
        from transformers import AutoTokenizer

        self.pruned = AutoTokenizer.from_pretrained(args.kept_from)
        self.full_id = kept_of(args)

    def __call__(self, text, **kw):
        enc = self.pruned(text, **kw)
        enc["input_ids"] = [self.full_id[i] for i in enc["input_ids"]]
        return enc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--teacher", default="models/e5-small-fr-ner")
    ap.add_argument("--train", default="../shared/data/wikineural-fr/train.conllu")
    ap.add_argument("--dev", default="../shared/data/wikineural-fr/dev.conllu")
    ap.add_argument("--vocab-corpus", nargs="*", default=[],
                    help="more text files (one text per line) whose pieces the vocabulary keeps")
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", default="0,4,7,11", help="teacher layers the student starts from")
    ap.add_argument("--synthetic", type=int, default=3000)
    ap.add_argument("--synthetic-results", type=int, default=0,
                    help="add N results/list sentences (news_synth.generate_results)")
    ap.add_argument("--table-synthetic", type=int, default=0,
                    help="also N template sentences (and N/4 results) filled from --table's names")
    ap.add_argument("--table", default="data/kb.tsv", help="linking table for --table-synthetic")
    ap.add_argument("--kept-from", default="",
                    help="take the pruned vocabulary of this fast model directory instead of selecting one")
    ap.add_argument("--init-student", default="",
                    help="a built fast model directory to continue from (instead of the teacher's layers)")
    ap.add_argument("--init-student-layers", default="",
                    help="with --init-student: for each student layer, the earlier student's layer "
                         "it starts from, or - for the teacher layer of --layers (e.g. 0,1,-,2,3)")
    ap.add_argument("--train-texts", type=int, default=0,
                    help="train on a seeded sample of this many texts (0: all)")
    ap.add_argument("--teacher-int8", action="store_true",
                    help="run the teacher with PyTorch dynamic int8 (faster soft labels)")
    ap.add_argument("--max-len", type=int, default=256)
    ap.add_argument("--dev-limit", type=int, default=600)
    ap.add_argument("--stage", choices=["data", "kept", "teacher", "train"], default="train",
                    help="run the stages up to this one")
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--temperature", type=float, default=2.0)
    ap.add_argument("--alpha", type=float, default=0.7)
    ap.add_argument("--hidden-beta", type=float, default=0.0,
                    help="weight of the hidden-state loss (student layer k against teacher layer "
                         "layers[k]); > 0 runs the teacher on every batch")
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--freeze-layers", type=int, default=0,
                    help="keep the embeddings and this many bottom layers as the teacher's")
    ap.add_argument("--train-embeddings", action="store_true",
                    help="train the word embeddings too (with --freeze-layers 0)")
    ap.add_argument("--batch-tokens", type=int, default=2048)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (the training stage)")
    ap.add_argument("--seed", type=int, default=29)
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.device != "cpu":
        torch.backends.cuda.matmul.allow_tf32 = True
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.teacher)
    if args.kept_from:
        # Texts segmented as the student will see them (a piece the kept vocabulary lacks
        # falls back to smaller ones), with ids of the full vocabulary as elsewhere.
        data = stage_data(args, PrunedAsFull(args))
    else:
        data = stage_data(args, tok)
    if args.stage == "data":
        return
    kept = stage_kept(args)
    if args.stage == "kept":
        return
    items = subset(args, data)
    if args.hidden_beta > 0:
        stage_train(args, data, items, None, kept, tok.pad_token_id)
        return
    teacher_logits = stage_teacher(args, items, tok.pad_token_id)
    if len(teacher_logits) != len(items):
        raise SystemExit(f"{len(teacher_logits)} teacher outputs for {len(items)} texts: "
                         "--train-texts changed since the teacher pass")
    if args.stage == "teacher":
        return
    stage_train(args, data, items, teacher_logits, kept, tok.pad_token_id)


if __name__ == "__main__":
    main()
