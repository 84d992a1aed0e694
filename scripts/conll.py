"""CoNLL reading and IOB2 spans, shared by the training scripts (no third-party imports)."""


def read_conll(path):
    """`idx<TAB>token<TAB>IOB2 tag` lines, blank line between sentences -> [(tokens, tags)]."""
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            parts = line.split("\t")
            toks.append(parts[1])
            tags.append(parts[2])
    if toks:
        sents.append((toks, tags))
    return sents


def entity_spans(tags):
    """IOB2 tags -> [(first, end, type)] token spans (end exclusive); a stray I- opens one."""
    out, cur = [], None
    for i, t in enumerate(list(tags) + ["O"]):
        if cur and not (t.startswith("I-") and t[2:] == cur[1]):
            out.append((cur[0], i, cur[1]))
            cur = None
        if t.startswith("B-") or (t.startswith("I-") and cur is None):
            cur = (i, t[2:])
    return out
