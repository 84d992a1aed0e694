#!/usr/bin/env python3
"""Fine-tune the e5-small checkpoint for French NER with LoRA (transformers + peft).

Data: CoNLL-style files (`idx<TAB>token<TAB>IOB2 tag`, blank line between sentences), e.g.
WikiNEuRal French. Each sentence becomes text (tokens joined by spaces; with probability
--detok-prob French typography is applied: "l'Ukraine", "Paris, ..."), is tokenized with
offsets, and every subword gets the tag of the word it starts in (continuation subwords of
B-X/I-X words get I-X). Labelling every subword lets the Rust pipeline decode subword
predictions straight into character spans on raw text, with no word segmentation.

Writes, in --out:
  train_log.jsonl           loss, learning rate, dev F1 as training goes
  best/adapter_model.safetensors + adapter_config.json   best adapter by dev PER/ORG/LOC F1
  best/head.safetensors     classifier + LayerNorm weights (trained in full)
  best/labels.json          id2label
  last/                     latest checkpoint (resume with --resume)
"""
import argparse
import json
import math
import os
import random
import time

import torch
from safetensors.torch import load_file, save_file

from conll import entity_spans, read_conll
from labels import BIO_LABELS as LABELS, SCORED

# News-convention augmentation (see augment()). Honorifics come before names and stay outside
# PER spans; agencies appear in datelines and credits.
HONORIFICS = ["M.", "M.", "M.", "Mme", "Mme", "Mme", "Mgr", "Dr", "Pr", "Me", "Mlle"]
AGENCIES = ["AFP", "AFP", "AFP", "Reuters", "AP", "ANSA", "EFE", "DPA", "Belga", "ATS", "APS", "MAP", "Xinhua"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
# Words an acronym skips: "Organisation des Nations unies" -> ONU.
ACRONYM_SKIP = {"de", "du", "des", "la", "le", "les", "l'", "d'", "et", "pour", "en", "à", "au",
                "aux", "sur", "sous", "contre", "par", "of", "the", "and", "for"}
ELIDED = {"l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'"}
NO_SPACE_BEFORE = {",", ".", ")", "]", "…"}
NO_SPACE_AFTER = {"(", "["}




def join_tokens(tokens, detok):
    """Returns text and the char span of each token."""
    text, spans = "", []
    for i, tok in enumerate(tokens):
        if i > 0:
            prev = tokens[i - 1]
            glue = detok and (prev.lower() in ELIDED or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER)
            if not glue:
                text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
    return text, spans




def acronym(tokens):
    letters = [t[0] for t in tokens if t[:1].isalpha() and t.lower() not in ACRONYM_SKIP]
    if not 2 <= len(letters) <= 6:
        return None
    return "".join(letters).upper()


def labelled(tokens, typ):
    return [("B-" if i == 0 else "I-") + typ for i in range(len(tokens))]


def augment(tokens, tags, rng, cities, p):
    """Rewrites a sentence with the conventions of French news dispatches, labels kept right:
    honorifics before person names (outside the span, sometimes with the first name dropped:
    "M. Macron"), "(ACRONYM)" after organisation names and acronym-only mentions, entities and
    whole sentences in capitals, and an all-caps dateline with an agency credit
    ("PARIS, 16 octobre 2025 (AFP) -")."""
    out_t, out_g, i = [], [], 0
    for s, e, typ in entity_spans(tags):
        out_t += tokens[i:s]
        out_g += tags[i:s]
        ent = tokens[s:e]
        after_t, after_g = [], []
        if typ == "PER" and rng.random() < p["honorific"] and not (out_t and out_t[-1] in HONORIFICS):
            if len(ent) >= 2 and rng.random() < 0.5:
                ent = ent[-1:]
            out_t.append(rng.choice(HONORIFICS))
            out_g.append("O")
        if typ == "ORG" and len(ent) >= 2:
            acr = acronym(ent)
            if acr and rng.random() < p["acronym_only"]:
                ent = [acr]
            elif acr and rng.random() < p["acronym_after"]:
                after_t, after_g = ["(", acr, ")"], ["O", "B-ORG", "O"]
        if rng.random() < p["upper_entity"]:
            ent = [t.upper() for t in ent]
        out_t += ent + after_t
        out_g += labelled(ent, typ) + after_g
        i = e
    out_t += tokens[i:]
    out_g += tags[i:]
    if rng.random() < p["upper_sentence"]:
        out_t = [t.upper() for t in out_t]
    if cities and rng.random() < p["dateline"]:
        city = [t.upper() for t in rng.choice(cities)]
        head_t, head_g = list(city), labelled(city, "LOC")
        if rng.random() < 0.6:
            head_t += [",", str(rng.randint(1, 28)), rng.choice(MONTHS), str(rng.randint(2019, 2026))]
            head_g += ["O"] * 4
        head_t += ["(", rng.choice(AGENCIES), ")", rng.choice(["-", "–", "—"])]
        head_g += ["O", "B-ORG", "O", "O"]
        out_t, out_g = head_t + out_t, head_g + out_g
    return out_t, out_g


def typography(text, rng, p):
    """Typographic apostrophes and « » quotes, one char for one: token spans stay valid."""
    if rng.random() < p["apostrophe"]:
        text = text.replace("'", "\u2019")
    if '"' in text and rng.random() < p["guillemets"]:
        chars, opening = list(text), True
        for k, c in enumerate(chars):
            if c == '"':
                chars[k] = "«" if opening else "»"
                opening = not opening
        text = "".join(chars)
    return text


def dateline_places(sents):
    """Place names for synthetic datelines: LOC spans of 1-3 tokens seen at least 3 times."""
    counts = {}
    for toks, tags in sents:
        for s, e, typ in entity_spans(tags):
            if typ == "LOC" and e - s <= 3:
                key = tuple(toks[s:e])
                counts[key] = counts.get(key, 0) + 1
    return sorted(list(k) for k, n in counts.items() if n >= 3)


def encode(tokenizer, tokens, tags, detok, max_len, restyle=None):
    text, spans = join_tokens(tokens, detok)
    if restyle:
        text = restyle(text)
    enc = tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=max_len)
    label2id = {lab: i for i, lab in enumerate(LABELS)}
    word_of_char = [-1] * len(text)
    for w, (s, e) in enumerate(spans):
        for c in range(s, e):
            word_of_char[c] = w
    labels, first, seen = [], [], set()
    for (s, e) in enc["offset_mapping"]:
        if e <= s:
            labels.append(-100)
            first.append(-1)
            continue
        # Metaspace offsets may include the leading space: find the first covered word char.
        w = next((word_of_char[c] for c in range(s, e) if word_of_char[c] >= 0), -1)
        if w < 0:
            labels.append(label2id["O"])
            first.append(-1)
            continue
        tag = tags[w]
        if w in seen:
            tag = "I-" + tag[2:] if tag != "O" else "O"
            first.append(-1)
        else:
            seen.add(w)
            first.append(w)
        labels.append(label2id.get(tag, 0))
    return enc["input_ids"], labels, first


def batches(items, batch_tokens, shuffle, rng):
    """Length-bucketed batches bounded by a padded-token budget."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out, cur, cur_max = [], [], 0
    for i in order:
        n = len(items[i][0])
        if cur and max(cur_max, n) * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        out.append(cur)
    if shuffle:
        rng.shuffle(out)
    return out


def collate(items, idx, pad_id, remap=None):
    """Pads a batch; `remap` (a tensor indexed by id) maps ids into a pruned vocabulary."""
    n = max(len(items[i][0]) for i in idx)
    ids = torch.full((len(idx), n), pad_id, dtype=torch.long)
    lab = torch.full((len(idx), n), -100, dtype=torch.long)
    mask = torch.zeros((len(idx), n), dtype=torch.long)
    for r, i in enumerate(idx):
        x, y = items[i][0], items[i][1]
        ids[r, : len(x)] = torch.tensor(x)
        lab[r, : len(y)] = torch.tensor(y)
        mask[r, : len(x)] = 1
    if remap is not None:
        ids = remap[ids]
    return ids, mask, lab


def evaluate(model, items, gold_tags, pad_id, batch_tokens):
    from seqeval.metrics import classification_report, f1_score

    model.eval()
    preds = [None] * len(items)
    device = next(model.parameters()).device
    with torch.no_grad():
        for idx in batches(items, batch_tokens, False, None):
            ids, mask, _ = collate(items, idx, pad_id)
            logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits
            best = logits.argmax(-1)
            for r, i in enumerate(idx):
                first = items[i][2]
                words = ["O"] * len(gold_tags[i])
                for t, w in enumerate(first):
                    if w >= 0:
                        words[w] = LABELS[int(best[r, t])]
                # repair I- after O like seqeval's default decoding does not: keep as is
                preds[i] = words
    model.train()

    def keep(seqs):
        return [[t if t[2:] in SCORED else "O" for t in s] for s in seqs]

    f1_all = f1_score(gold_tags, preds)
    f1_pol = f1_score(keep(gold_tags), keep(preds))
    return f1_pol, f1_all, classification_report(gold_tags, preds, digits=3)


def trainable_state(model):
    """LoRA matrices and the fully-trained modules (classifier, LayerNorms), base names."""
    out = {}
    for name, p in model.named_parameters():
        if p.requires_grad:
            out[name] = p.detach().contiguous().clone()
    return out


def save_checkpoint(model, path, step, f1, args):
    os.makedirs(path, exist_ok=True)
    save_file(trainable_state(model), os.path.join(path, "trainable.safetensors"))
    with open(os.path.join(path, "state.json"), "w") as f:
        json.dump({"step": step, "dev_f1_per_org_loc": f1, "labels": LABELS, "args": vars(args), "lora_rank": args.rank, "lora_alpha": args.alpha}, f, indent=2)


def load_adapter(model, adapter_dir):
    """Loads a committed adapter (names as scripts/build_default_model.py exports them) into the
    peft model, to continue training from it."""
    tensors = load_file(os.path.join(adapter_dir, "adapter.safetensors"))
    state = {}
    for name, t in tensors.items():
        if name.startswith("classifier."):
            state[f"base_model.model.classifier.modules_to_save.default.{name[len('classifier.'):]}"] = t
        else:
            stem, ab = name.rsplit(".lora_", 1)
            state[f"base_model.model.bert.{stem}.lora_{ab}.default.weight"] = t
    own = dict(model.named_parameters())
    missing = [k for k in state if k not in own]
    if missing:
        raise SystemExit(f"adapter tensors the model does not have: {missing[:3]}")
    with torch.no_grad():
        for k, t in state.items():
            if own[k].shape != t.shape:
                raise SystemExit(f"{k}: adapter shape {tuple(t.shape)}, model {tuple(own[k].shape)}")
            own[k].copy_(t)
    print(f"initialised {len(state)} tensors from {adapter_dir}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="base checkpoint directory (build/e5-small)")
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--alpha", type=float, default=32)
    ap.add_argument("--lora-from-layer", type=int, default=3,
                    help="adapt layers from this index up; backward stops there (CPU time)")
    ap.add_argument("--batch-tokens", type=int, default=2048)
    ap.add_argument("--max-len", type=int, default=256)
    ap.add_argument("--detok-prob", type=float, default=0.5)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--dev-limit", type=int, default=600, help="dev sentences used during training")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init-adapter", help="start from a committed adapter directory "
                    "(adapter.safetensors: LoRA matrices + classifier head)")
    ap.add_argument("--augment", action="store_true",
                    help="rewrite training sentences with news conventions (see augment())")
    ap.add_argument("--p-honorific", type=float, default=0.25)
    ap.add_argument("--p-acronym-after", type=float, default=0.3)
    ap.add_argument("--p-acronym-only", type=float, default=0.12)
    ap.add_argument("--p-upper-entity", type=float, default=0.06)
    ap.add_argument("--p-upper-sentence", type=float, default=0.04)
    ap.add_argument("--p-dateline", type=float, default=0.1)
    ap.add_argument("--p-apostrophe", type=float, default=0.5)
    ap.add_argument("--p-guillemets", type=float, default=0.5)
    ap.add_argument("--synthetic", type=int, default=0,
                    help="add this many news-register sentences from scripts/news_synth.py")
    ap.add_argument("--synthetic-results", type=int, default=0,
                    help="add N results/list sentences (news_synth.generate_results: classifications, "
                         "matches, lists of elected members)")
    ap.add_argument("--train-limit", type=int, default=0,
                    help="use a seeded random sample of this many training sentences")
    args = ap.parse_args()

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(args.base)
    rng = random.Random(args.seed)
    train_sents = read_conll(args.train)
    if args.train_limit:
        train_sents = random.Random(args.seed + 2).sample(train_sents, args.train_limit)
    if args.synthetic:
        from news_synth import generate

        train_sents = train_sents + generate(read_conll(args.train), args.synthetic, args.seed + 3)
    if args.synthetic_results:
        from news_synth import generate_results

        train_sents = train_sents + generate_results(read_conll(args.train), args.synthetic_results, args.seed + 4)
    if args.augment:
        p = {k[2:]: v for k, v in vars(args).items() if k.startswith("p_")}
        cities = dateline_places(train_sents)
        arng = random.Random(args.seed + 1)
        train_sents = [augment(t, g, arng, cities, p) for t, g in train_sents]

        def restyle(text):
            return typography(text, arng, p)
    else:
        restyle = None
    train = [encode(tok, t, g, rng.random() < args.detok_prob, args.max_len, restyle) for t, g in train_sents]
    dev_sents = read_conll(args.dev)[: args.dev_limit]
    dev = [encode(tok, t, g, False, args.max_len) for t, g in dev_sents]
    dev_tags = [g for _, g in dev_sents]
    print(f"train {len(train)} sentences, {sum(len(x[0]) for x in train)} subwords; dev {len(dev)}", flush=True)

    model = AutoModelForTokenClassification.from_pretrained(
        args.base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)}, attention_probs_dropout_prob=0.0)
    n_layers = model.config.num_hidden_layers
    # No LoRA dropout and no attention dropout: both cost ~25% of a CPU step for little gain.
    cfg = LoraConfig(r=args.rank, lora_alpha=args.alpha, lora_dropout=0.0, bias="none",
                     target_modules=["query", "key", "value", "dense"],
                     layers_to_transform=list(range(args.lora_from_layer, n_layers)),
                     modules_to_save=["classifier"])
    model = get_peft_model(model, cfg)
    if args.init_adapter:
        load_adapter(model, args.init_adapter)
    model.print_trainable_parameters()
    os.makedirs(args.out, exist_ok=True)

    head = [p for n, p in model.named_parameters() if p.requires_grad and "lora_" not in n]
    lora = [p for n, p in model.named_parameters() if p.requires_grad and "lora_" in n]
    opt = torch.optim.AdamW([{"params": lora, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
                            weight_decay=0.01)
    per_epoch = len(batches(train, args.batch_tokens, False, None))
    total = args.max_steps or int(math.ceil(per_epoch * args.epochs))
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total - s) / max(1, total - warmup)))
    step, best = 0, -1.0
    last_dir = os.path.join(args.out, "last")
    if args.resume and os.path.exists(os.path.join(last_dir, "state.json")):
        state = json.load(open(os.path.join(last_dir, "state.json")))
        model.load_state_dict(load_file(os.path.join(last_dir, "trainable.safetensors")), strict=False)
        opt.load_state_dict(torch.load(os.path.join(last_dir, "optim.pt")))
        step = state["step"]
        for _ in range(step):
            sched.step()
        if os.path.exists(os.path.join(args.out, "best", "state.json")):
            best = json.load(open(os.path.join(args.out, "best", "state.json")))["dev_f1_per_org_loc"]
        print(f"resumed at step {step}, best {best}", flush=True)
    log = open(os.path.join(args.out, "train_log.jsonl"), "a")
    model.train()
    t0, seen_tokens = time.time(), 0
    pad_id = tok.pad_token_id
    epoch, done = divmod(step, per_epoch)  # on resume: skip the batches of this epoch already seen
    while step < total:
        erng = random.Random(args.seed + epoch)
        for idx in batches(train, args.batch_tokens, True, erng):
            if done > 0:  # skip batches already seen before a resume
                done -= 1
                continue
            ids, mask, lab = collate(train, idx, pad_id)
            loss = model(input_ids=ids, attention_mask=mask, labels=lab).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(lora + head, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen_tokens += int(mask.sum())
            if step % 50 == 0:
                rate = seen_tokens / (time.time() - t0)
                rec = {"step": step, "total": total, "loss": round(loss.item(), 4),
                       "lr": sched.get_last_lr()[0], "tokens_per_s": round(rate, 1)}
                print(json.dumps(rec), flush=True)
                log.write(json.dumps(rec) + "\n")
                log.flush()
            if step % args.eval_every == 0 or step == total:
                f1, f1_all, report = evaluate(model, dev, dev_tags, pad_id, args.batch_tokens)
                rec = {"step": step, "dev_f1_per_org_loc": round(f1, 4), "dev_f1_all": round(f1_all, 4)}
                print(json.dumps(rec), flush=True)
                log.write(json.dumps(rec) + "\n")
                log.flush()
                save_checkpoint(model, last_dir, step, f1, args)
                torch.save(opt.state_dict(), os.path.join(last_dir, "optim.pt"))
                if f1 > best:
                    best = f1
                    save_checkpoint(model, os.path.join(args.out, "best"), step, f1, args)
                    with open(os.path.join(args.out, "best", "dev_report.txt"), "w") as f:
                        f.write(report)
            if step >= total:
                break
        epoch += 1
    print(f"done: best dev F1 (PER/ORG/LOC, {len(dev)} sentences) {best:.4f}", flush=True)


if __name__ == "__main__":
    main()
