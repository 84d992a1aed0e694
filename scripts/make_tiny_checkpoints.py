#!/usr/bin/env python3
"""Build tiny random-weight token classifiers and reference logits for tests/parity.rs.

For each architecture frner's loader supports, writes build/tiny/<name>/ with

  config.json         from `transformers` (id2label with 5 labels)
  model.safetensors   random fp32 weights (pytorch_model.bin for "bert-bin")
  tokenizer.json      a small tokenizer built here, offline, from the built-in corpus below
  tokenizer_config.json, special_tokens_map.json
  reference.json      {"texts", "input_ids", "attention_mask", "logits"}: `transformers` logits
                      (fp32, eager attention) for a right-padded batch of French texts

  name          class                               tokenizer
  bert          BertForTokenClassification          WordPiece, [CLS] … [SEP]
  bert-bin      BertForTokenClassification          same, saved as pytorch_model.bin only
  roberta       RobertaForTokenClassification       byte-level BPE, <s> … </s>
  xlm-roberta   XLMRobertaForTokenClassification    Unigram + Metaspace, <s> … </s> (gelu_new)
  camembert     CamembertForTokenClassification     Unigram + Metaspace, <s> … </s>
  distilbert    DistilBertForTokenClassification    WordPiece, [CLS] … [SEP]

Every parameter, LayerNorm and bias included, is redrawn from a seeded generator, so biases and
norms are exercised (transformers initializes them to 0 / 1). Nothing is downloaded; the output is
deterministic. Needs torch, transformers and tokenizers (the project venv).
"""
import argparse
import json
import os
import shutil
import sys

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]

# Training text for the tokenizers (and the source of the reference texts).
CORPUS = [
    "Le président de la République a reçu mardi à l’Élysée le chancelier allemand.",
    "La maire de Paris, Anne Hidalgo, a inauguré le nouveau pont sur la Seine.",
    "« Nous ne céderons pas », a déclaré le ministre de l’Intérieur devant l’Assemblée.",
    "Jean-Pierre Martin s'est rendu à Saint-Étienne pour soutenir les ouvriers de l'usine.",
    "Le budget de l’État atteindra 1 234,5 milliards d’euros en 2025, selon Bercy.",
    "Les œuvres de Claude Monet seront exposées au musée d’Orsay jusqu’au 15 mars.",
    "L’équipe de France a battu l’Irlande 24 à 17 au Stade de France samedi soir.",
    "La SNCF annonce une grève sur les lignes de Bourgogne-Franche-Comté.",
    "Marie-Hélène Lefèvre, députée des Bouches-du-Rhône, a quitté le groupe.",
    "Le cœur de la ville d’Aix-en-Provence a été fermé à la circulation ce week-end.",
    "Selon l’Insee, le taux de chômage s’établit à 7,3 % au troisième trimestre.",
    "Un incendie a ravagé 3 000 hectares de forêt dans les Landes depuis jeudi.",
    "Le Premier ministre s’est entretenu avec les syndicats à Matignon.",
    "Le procès s’ouvrira le 12 septembre devant le tribunal de Toulouse.",
    "À Marseille, le Vieux-Port accueillera la flamme olympique le 8 mai prochain.",
    "Renault a vendu 1,2 million de véhicules en Europe l’an dernier.",
    "Le Conseil constitutionnel a censuré une partie de la loi jeudi.",
    "Plus de 10 000 manifestants ont défilé entre la République et la Nation.",
    "Le Tour de France partira de Florence, en Italie, pour la première fois.",
    "Les députés ont adopté l’amendement par 289 voix contre 251.",
    "À Genève, les négociations ont repris sous l’égide de l’ONU.",
    "La ville de Besançon a été classée première pour la qualité de l’air.",
    "Le Parlement européen siège à Strasbourg douze fois par an.",
    "Les pompiers sont intervenus à l’aube dans un immeuble de Saint-Ouen.",
    "Le chef Pierre Gagnaire ouvrira un restaurant à Lyon l’an prochain.",
    "Selon Météo-France, l’épisode de canicule devrait durer jusqu’à dimanche.",
    "Près de 45 % des électeurs se sont abstenus au second tour des élections.",
    "Le cardinal Jean-Marc Aveline a rencontré le pape François à Rome.",
    "Emmanuel Macron et Olaf Scholz se retrouveront à Berlin la semaine prochaine.",
    "La Bretagne a enregistré 1 250 millimètres de pluie depuis le début de l’année.",
]

# Reference batch: different lengths (so padding matters), accents, apostrophes, a word the
# WordPiece vocabulary cannot cover ("Zwölfzackige" → [UNK] pieces) and a repeated name.
REF_TEXTS = [
    "Anne Hidalgo est à Paris.",
    "Le président Emmanuel Macron a reçu Olaf Scholz à l’Élysée, mardi 12 mars.",
    "Marie-Hélène Lefèvre (Bouches-du-Rhône) : « Zwölfzackige ! »",
    "Jean-Pierre Martin, Jean-Pierre Martin et 3 000 manifestants à Saint-Étienne.",
]

SPEC = {
    "bert": dict(cls="BertForTokenClassification", tok="wordpiece", seed=1),
    "bert-bin": dict(cls="BertForTokenClassification", tok="wordpiece", seed=2, bin=True),
    "roberta": dict(cls="RobertaForTokenClassification", tok="bytebpe", seed=3),
    "xlm-roberta": dict(cls="XLMRobertaForTokenClassification", tok="unigram", seed=4),
    "camembert": dict(cls="CamembertForTokenClassification", tok="unigram", seed=5),
    "distilbert": dict(cls="DistilBertForTokenClassification", tok="wordpiece", seed=6),
}

HIDDEN, LAYERS, HEADS, FFN, MAX_POS = 32, 2, 4, 64, 64


def _top(counts, k):
    """The k most frequent keys; ties broken by longer, then lexicographic (deterministic)."""
    return [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:k]]


def wordpiece_vocab(tok, specials, size):
    """WordPiece vocabulary from CORPUS: specials, every character (plain and ##), then the most
    frequent word prefixes and ##suffixes. (tokenizers' WordPieceTrainer is not deterministic.)"""
    from collections import Counter

    words = Counter()
    for line in CORPUS:
        norm = tok.normalizer.normalize_str(line)
        words.update(w for w, _ in tok.pre_tokenizer.pre_tokenize_str(norm))
    chars = sorted({c for w in words for c in w})
    vocab = list(specials) + chars + ["##" + c for c in chars]
    pieces = Counter()
    for w, n in words.items():
        for k in range(2, len(w) + 1):
            pieces[w[:k]] += n
        for j in range(1, len(w) - 1):
            pieces["##" + w[j:]] += n
    seen = set(vocab)
    vocab += [p for p in _top(pieces, len(pieces)) if p not in seen][:size - len(vocab)]
    return {p: i for i, p in enumerate(vocab)}


def unigram_vocab(tok, specials, size):
    """Unigram pieces and log-frequency scores from CORPUS: every character seen (with and without
    the ▁ marker), then the most frequent substrings of ▁-prefixed words. (tokenizers'
    UnigramTrainer is not deterministic.)"""
    import math
    from collections import Counter

    subs = Counter()
    for line in CORPUS:
        norm = tok.normalizer.normalize_str(line)
        for w, _ in tok.pre_tokenizer.pre_tokenize_str(norm):
            for i in range(len(w)):
                for j in range(i + 1, min(len(w), i + 8) + 1):
                    subs[w[i:j]] += 1
    singles = sorted(p for p in subs if len(p) == 1 or (len(p) == 2 and p[0] == "\u2581"))
    multi = [p for p in _top(subs, len(subs)) if p not in set(singles) and subs[p] >= 2]
    keep = singles + multi[:size - len(specials) - len(singles)]
    total = sum(subs[p] for p in keep)
    scored = sorted(((p, round(math.log(subs[p] / total), 6)) for p in keep), key=lambda ps: (-ps[1], ps[0]))
    return [(p, 0.0) for p in specials] + scored


def train_tokenizer(kind):
    """A small tokenizer built from CORPUS, plus its pad id and special-token names."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

    if kind == "wordpiece":
        specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        probe = Tokenizer(models.WordPiece(unk_token="[UNK]"))
        probe.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True,
                                                      strip_accents=False, lowercase=False)
        probe.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok = Tokenizer(models.WordPiece(wordpiece_vocab(probe, specials, 400), unk_token="[UNK]",
                                         max_input_chars_per_word=100))
        tok.normalizer, tok.pre_tokenizer = probe.normalizer, probe.pre_tokenizer
        tok.add_special_tokens(specials)
        cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
        tok.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
            special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
        tok.decoder = decoders.WordPiece()
        names = dict(pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]",
                     mask_token="[MASK]")
        assert [tok.token_to_id(t) for t in specials] == [0, 1, 2, 3, 4], "unexpected special-token ids"
        return tok, tok.token_to_id("[PAD]"), names

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    if kind == "bytebpe":
        # BpeTrainer with the full byte alphabet is deterministic (checked across processes).
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=specials, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        tok.train_from_iterator(CORPUS, trainer)
        tok.post_processor = processors.RobertaProcessing(("</s>", tok.token_to_id("</s>")),
                                                          ("<s>", tok.token_to_id("<s>")),
                                                          trim_offsets=True, add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
    elif kind == "unigram":
        probe = Tokenizer(models.Unigram())
        probe.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(" {2,}", " ")])
        probe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
        tok = Tokenizer(models.Unigram(unigram_vocab(probe, specials, 300), unk_id=3, byte_fallback=False))
        tok.normalizer, tok.pre_tokenizer = probe.normalizer, probe.pre_tokenizer
        tok.add_special_tokens(specials)
        bos, eos = tok.token_to_id("<s>"), tok.token_to_id("</s>")
        tok.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
            special_tokens=[("<s>", bos), ("</s>", eos)])
        tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    else:
        raise ValueError(kind)
    names = dict(bos_token="<s>", eos_token="</s>", cls_token="<s>", sep_token="</s>", pad_token="<pad>",
                 unk_token="<unk>", mask_token="<mask>")
    # RoBERTa-family position ids count from pad + 1, so the pad id must be 1 as in the real models.
    assert [tok.token_to_id(t) for t in specials] == [0, 1, 2, 3, 4], "unexpected special-token ids"
    return tok, tok.token_to_id("<pad>"), names


def make_config(name, cls, vocab, pad_id):
    import transformers

    labels = dict(id2label={i: lab for i, lab in enumerate(LABELS)},
                  label2id={lab: i for i, lab in enumerate(LABELS)})
    if cls.startswith("DistilBert"):
        return transformers.DistilBertConfig(
            vocab_size=vocab, dim=HIDDEN, n_layers=LAYERS, n_heads=HEADS, hidden_dim=FFN,
            max_position_embeddings=MAX_POS, activation="gelu", sinusoidal_pos_embds=False,
            pad_token_id=pad_id, dropout=0.1, attention_dropout=0.1, **labels)
    common = dict(vocab_size=vocab, hidden_size=HIDDEN, num_hidden_layers=LAYERS, num_attention_heads=HEADS,
                  intermediate_size=FFN, pad_token_id=pad_id, **labels)
    if cls.startswith("Bert"):
        return transformers.BertConfig(max_position_embeddings=MAX_POS, type_vocab_size=2,
                                       layer_norm_eps=1e-12, hidden_act="gelu", **common)
    # RoBERTa family: positions pad+1 … pad+MAX_POS, one token type, eps 1e-5 as in the real models.
    fam = dict(max_position_embeddings=MAX_POS + pad_id + 1, type_vocab_size=1, layer_norm_eps=1e-5,
               bos_token_id=0, eos_token_id=2)
    if cls.startswith("XLMRoberta"):
        return transformers.XLMRobertaConfig(hidden_act="gelu_new", **fam, **common)
    if cls.startswith("Camembert"):
        return transformers.CamembertConfig(hidden_act="gelu", **fam, **common)
    return transformers.RobertaConfig(hidden_act="gelu", **fam, **common)


def randomize(model, seed):
    """Redraw every parameter from a seeded generator (order: sorted names)."""
    import torch

    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        params = dict(model.named_parameters())
        for name in sorted(params):
            p = params[name]
            noise = torch.randn(p.shape, generator=g, dtype=torch.float32)
            is_norm = "LayerNorm" in name or "layer_norm" in name
            if is_norm and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * noise)
            elif name.endswith("bias"):
                p.copy_(0.2 * noise)
            elif "embeddings" in name:
                p.copy_(noise)
            else:
                p.copy_(0.25 * noise)


def build(name, spec, out_root):
    import torch
    import transformers
    from transformers import PreTrainedTokenizerFast

    out = os.path.join(out_root, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    tok, pad_id, names = train_tokenizer(spec["tok"])
    cfg = make_config(name, spec["cls"], tok.get_vocab_size(), pad_id)
    cfg._attn_implementation = "eager"
    torch.manual_seed(spec["seed"])
    model = getattr(transformers, spec["cls"])(cfg)
    randomize(model, spec["seed"])
    model.eval()

    # Reference: a right-padded batch through the tokenizer and the model.
    encs = [tok.encode(t, add_special_tokens=True) for t in REF_TEXTS]
    n = max(len(e.ids) for e in encs)
    if n > MAX_POS:
        raise SystemExit(f"{name}: a reference text has {n} tokens > {MAX_POS}")
    ids = [e.ids + [pad_id] * (n - len(e.ids)) for e in encs]
    mask = [[1] * len(e.ids) + [0] * (n - len(e.ids)) for e in encs]
    with torch.no_grad():
        logits = model(input_ids=torch.tensor(ids), attention_mask=torch.tensor(mask)).logits
    assert logits.dtype == torch.float32 and logits.shape == (len(REF_TEXTS), n, len(LABELS))

    cfg.architectures = [spec["cls"]]
    if spec.get("bin"):
        cfg.save_pretrained(out)
        state = {k: v.contiguous() for k, v in model.state_dict().items()}
        torch.save(state, os.path.join(out, "pytorch_model.bin"))
    else:
        model.save_pretrained(out)
    assert os.path.exists(os.path.join(out, "pytorch_model.bin" if spec.get("bin") else "model.safetensors"))
    tok.save(os.path.join(out, "tokenizer.json"))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=MAX_POS, **names)
    fast.save_pretrained(out)
    # save_pretrained may rewrite tokenizer.json; keep exactly the trained one.
    tok.save(os.path.join(out, "tokenizer.json"))

    ref = {
        "model_class": spec["cls"],
        "texts": REF_TEXTS,
        "input_ids": ids,
        "attention_mask": mask,
        "logits": [[[float(x) for x in row] for row in seq] for seq in logits.tolist()],
    }
    with open(os.path.join(out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=False)
    lens = [len(e.ids) for e in encs]
    print(f"{name}: {spec['cls']}, vocab {tok.get_vocab_size()}, reference lengths {lens}, "
          f"max |logit| {logits.abs().max().item():.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output directory (e.g. build/tiny)")
    ap.add_argument("--only", nargs="*", choices=sorted(SPEC), help="build only these")
    args = ap.parse_args()

    import torch
    import transformers

    torch.set_num_threads(1)
    transformers.logging.set_verbosity_error()
    os.makedirs(args.out, exist_ok=True)
    for name in args.only or SPEC:
        build(name, SPEC[name], args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
