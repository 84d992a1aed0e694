//! Label sequences to entity spans: subword aggregation (HF-style `simple`, `first`, `average`,
//! `max`), IOB2 / BIOES / IO decoding with seqeval's handling of invalid transitions, and exact
//! character and byte offsets into the original text.

use anyhow::{bail, Result};

use crate::document::{CharIndex, Entity};

/// How subword predictions become entity predictions (names as in HF's token-classification
/// pipeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// Per-subword argmax, subwords grouped by their B/I tags; entity score = mean subword score.
    Simple,
    /// A word takes its first subword's label.
    First,
    /// A word takes the argmax of its subwords' averaged probabilities.
    Average,
    /// A word takes the label of its most confident subword.
    Max,
}

impl std::str::FromStr for Aggregation {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Aggregation> {
        Ok(match s {
            "simple" => Aggregation::Simple,
            "first" => Aggregation::First,
            "average" => Aggregation::Average,
            "max" => Aggregation::Max,
            other => bail!("unknown aggregation {other:?} (simple, first, average, max)"),
        })
    }
}

/// Position of a tag in its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    Begin,
    Inside,
    End,
    Single,
    Outside,
}

/// A parsed label: `B-PER` → (Begin, "PER"). Bare `PER` (IO tagging) reads as Inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub prefix: Prefix,
    pub kind: String,
}

impl Tag {
    pub fn parse(label: &str) -> Tag {
        if label == "O" || label.is_empty() {
            return Tag {
                prefix: Prefix::Outside,
                kind: String::new(),
            };
        }
        let (p, rest) = match label.split_once(['-', '_']) {
            Some((p, rest)) if p.len() == 1 => (p, rest),
            _ => {
                return Tag {
                    prefix: Prefix::Inside,
                    kind: label.to_string(),
                }
            }
        };
        let prefix = match p {
            "B" => Prefix::Begin,
            "I" => Prefix::Inside,
            "E" | "L" => Prefix::End,
            "S" | "U" => Prefix::Single,
            _ => {
                return Tag {
                    prefix: Prefix::Inside,
                    kind: label.to_string(),
                }
            }
        };
        Tag {
            prefix,
            kind: rest.to_string(),
        }
    }
}

/// Groups a tag sequence into `(kind, first, last)` chunks (inclusive), with seqeval's default
/// (conlleval) rules: an I- after O or after another type starts a chunk; B-/S- always start one;
/// a chunk ends after E-/S-.
pub fn chunks(tags: &[Tag]) -> Vec<(String, usize, usize)> {
    let mut out = vec![];
    let mut cur: Option<(usize, &str)> = None;
    let mut prev = Prefix::Outside;
    for (i, t) in tags.iter().enumerate() {
        let ends_prev = match (cur, t.prefix) {
            (None, _) => false,
            (Some(_), Prefix::Outside | Prefix::Begin | Prefix::Single) => true,
            (Some((_, k)), _) => matches!(prev, Prefix::End | Prefix::Single) || k != t.kind,
        };
        if ends_prev {
            if let Some((s, k)) = cur.take() {
                out.push((k.to_string(), s, i - 1));
            }
        }
        if t.prefix != Prefix::Outside && cur.is_none() {
            cur = Some((i, t.kind.as_str()));
        }
        prev = t.prefix;
    }
    if let Some((s, k)) = cur {
        out.push((k.to_string(), s, tags.len() - 1));
    }
    out
}

/// Subword-level predictions of one document: `probs` is `[n, labels]` row-major.
pub struct Predictions<'a> {
    pub text: &'a str,
    pub spans: &'a [(usize, usize)],
    pub probs: &'a [f32],
    pub labels: &'a [Tag],
    /// Sorted subword indices where a sentence starts: no entity crosses them.
    pub breaks: &'a [usize],
}

/// Whether subword `k` starts a new word: whitespace before it, or a punctuation boundary
/// (apostrophes split "l'Ukraine"; hyphens keep "Jean-Pierre" whole).
fn starts_word(text: &str, spans: &[(usize, usize)], k: usize) -> bool {
    if k == 0 {
        return true;
    }
    let (s, e) = spans[k];
    let prev_end = spans[k - 1].1;
    if prev_end < s || text[s..e].starts_with(char::is_whitespace) {
        return true;
    }
    let before = text[..s].chars().next_back();
    let after = text[s..].chars().next();
    let splits = |c: Option<char>| {
        c.and_then(crate::normalize::model_char)
            .is_some_and(|c| !c.is_alphanumeric() && c != '-')
    };
    splits(before) || splits(after)
}

fn argmax(row: &[f32]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, &p) in row.iter().enumerate() {
        if p > best.1 {
            best = (i, p);
        }
    }
    best
}

/// Label indices grouped by entity type: `kinds[j]` is the type of label `j` (`None` for O).
fn label_kinds(labels: &[Tag]) -> (Vec<Option<usize>>, usize) {
    let mut names: Vec<&str> = vec![];
    let kinds = labels
        .iter()
        .map(|t| {
            (t.prefix != Prefix::Outside).then(|| {
                names.iter().position(|n| *n == t.kind).unwrap_or_else(|| {
                    names.push(&t.kind);
                    names.len() - 1
                })
            })
        })
        .collect();
    (kinds, names.len())
}

/// The tag of one unit from its probability row, decided by type: the probabilities of all
/// labels of a type (B-X + I-X …) are summed, the most probable type (or O) wins, and the
/// prefix is the most probable label of that type. The score is the type's probability,
/// so a word read as B-X 0.5 / I-X 0.45 scores 0.95, not 0.5.
fn by_type(row: &[f32], kinds: &[Option<usize>], type_sums: &mut [f32]) -> (usize, f32) {
    type_sums.iter_mut().for_each(|v| *v = 0.0);
    let (mut o_label, mut o_best, mut o_prob) = (0usize, f32::NEG_INFINITY, 0f32);
    for (j, (&q, k)) in row.iter().zip(kinds).enumerate() {
        match k {
            Some(k) => type_sums[*k] += q,
            None => {
                o_prob += q;
                if q > o_best {
                    (o_label, o_best) = (j, q);
                }
            }
        }
    }
    let (best_kind, best_sum) = argmax(type_sums);
    if type_sums.is_empty() || o_prob >= best_sum {
        return (o_label, o_prob);
    }
    let label = (0..row.len())
        .filter(|&j| kinds[j] == Some(best_kind))
        .fold((0, f32::NEG_INFINITY), |m, j| {
            if row[j] > m.1 {
                (j, row[j])
            } else {
                m
            }
        })
        .0;
    (label, best_sum)
}

/// Probability of the type of label `j` (all its B/I/E/S labels), or of O.
fn type_probability(row: &[f32], kinds: &[Option<usize>], j: usize) -> f32 {
    row.iter()
        .zip(kinds)
        .filter(|(_, k)| **k == kinds[j])
        .map(|(q, _)| *q)
        .sum()
}

/// Decodes subword predictions into entities with char and byte offsets. `index` maps byte to
/// char offsets of `p.text`. Scores are type probabilities (see [`by_type`]) averaged over the
/// entity's words.
pub fn decode(p: &Predictions, index: &CharIndex, strategy: Aggregation) -> Vec<Entity> {
    let n = p.spans.len();
    let l = p.labels.len();
    if n == 0 || l == 0 || p.probs.len() != n * l {
        return vec![];
    }
    let row = |k: usize| &p.probs[k * l..(k + 1) * l];
    let (kinds, n_kinds) = label_kinds(p.labels);
    let mut type_sums = vec![0f32; n_kinds];
    // Units to tag: subwords (simple) or words; each unit = (first subword, last subword).
    let mut units: Vec<(usize, usize)> = vec![];
    if strategy == Aggregation::Simple {
        units.extend((0..n).map(|k| (k, k)));
    } else {
        for k in 0..n {
            if starts_word(p.text, p.spans, k) || units.is_empty() {
                units.push((k, k));
            } else if let Some(u) = units.last_mut() {
                u.1 = k;
            }
        }
    }
    let mut tags = Vec::with_capacity(units.len());
    let mut scores = Vec::with_capacity(units.len());
    let mut avg = vec![0f32; l];
    for &(a, b) in &units {
        let (label, score) = match strategy {
            Aggregation::Simple => {
                // Per-subword argmax as HF's `simple`; the score still counts the whole type.
                let (j, _) = argmax(row(a));
                (j, type_probability(row(a), &kinds, j))
            }
            Aggregation::First => by_type(row(a), &kinds, &mut type_sums),
            Aggregation::Max => {
                let k = (a..=b)
                    .max_by(|&x, &y| argmax(row(x)).1.total_cmp(&argmax(row(y)).1))
                    .unwrap_or(a);
                by_type(row(k), &kinds, &mut type_sums)
            }
            Aggregation::Average => {
                avg.iter_mut().for_each(|v| *v = 0.0);
                for k in a..=b {
                    for (v, &q) in avg.iter_mut().zip(row(k)) {
                        *v += q;
                    }
                }
                let m = (b - a + 1) as f32;
                avg.iter_mut().for_each(|v| *v /= m);
                by_type(&avg, &kinds, &mut type_sums)
            }
        };
        let mut tag = p.labels[label].clone();
        // A sentence never continues an entity of the previous one.
        if tag.prefix == Prefix::Inside && p.breaks.binary_search(&a).is_ok() {
            tag.prefix = Prefix::Begin;
        }
        tags.push(tag);
        scores.push(score);
    }
    let mut out = vec![];
    for (kind, first, last) in chunks(&tags) {
        let start = p.spans[units[first].0].0;
        let end = p.spans[units[last].1].1;
        let Some((start, end)) = trim_span(p.text, start, end, &kind) else {
            continue;
        };
        let score = scores[first..=last].iter().sum::<f32>() / (last - first + 1) as f32;
        out.push(Entity::from_byte_span(
            p.text, index, start, end, kind, score,
        ));
    }
    join_split_names(p.text, index, out)
}

/// Below this score, a one-word place or organisation that is the surname of a person named
/// in full earlier in the document is read as that person.
const SURNAME_RELABEL_BELOW: f32 = 0.8;

/// Document consistency for persons: news names a person in full once ("Vladimir Poutine"),
/// then by surname ("sur Poutine"), where the model, without the first name, may hesitate
/// between a person and a place. A one-word LOC/ORG entity scoring below
/// [`SURNAME_RELABEL_BELOW`] whose text is the last word of an earlier multi-word PER entity
/// becomes PER. Confident readings stay ("Marseille" the city after "Hervé Marseille").
pub fn persons_by_surname(entities: &mut [Entity]) {
    let mut surnames: std::collections::HashSet<String> = std::collections::HashSet::new();
    for e in entities.iter_mut() {
        if e.label == "PER" {
            let mut words = e.text.split_whitespace();
            if let (Some(_), Some(last)) = (words.next(), words.next_back()) {
                surnames.insert(last.to_string());
            }
        } else if matches!(e.label.as_str(), "LOC" | "ORG")
            && e.score < SURNAME_RELABEL_BELOW
            && !e.text.contains(char::is_whitespace)
            && surnames.contains(e.text.as_str())
        {
            e.label = "PER".to_string();
        }
    }
}

/// Joins two entities of a type that an apostrophe separates when the first ends with an
/// elided word: "Côte d" + "Ivoire" is "Côte d’Ivoire" (a name never ends with "d’"), and two
/// that a single space separates ("Santé publique" + "France").
fn join_split_names(text: &str, index: &CharIndex, entities: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        // A capitalized article alone ("L" of "L’Oréal") takes the word after its apostrophe.
        let e = match elided_word_end(text, &e) {
            Some(end) => Entity::from_byte_span(text, index, e.start_byte, end, e.label, e.score),
            None => e,
        };
        if let Some(prev) = out.last_mut() {
            // An entity inside the word the previous one took is part of it.
            if e.start_byte < prev.end_byte && prev.label == e.label {
                if e.end_byte > prev.end_byte {
                    *prev = Entity::from_byte_span(
                        text,
                        index,
                        prev.start_byte,
                        e.end_byte,
                        e.label,
                        prev.score,
                    );
                }
                continue;
            }
            if e.start_byte < prev.end_byte {
                continue;
            }
            let between = &text[prev.end_byte.min(e.start_byte)..e.start_byte];
            let mut chars = between.chars();
            let one_apostrophe =
                chars.next().is_some_and(crate::french::is_apostrophe) && chars.next().is_none();
            let last_word = prev.text.rsplit(char::is_whitespace).next().unwrap_or("");
            // "Côte d" + "Ivoire", or a capitalized article of a name: "L" + "Oréal".
            let elided = crate::french::ELISIONS.contains(&last_word.to_lowercase().as_str())
                && (last_word.len() < prev.text.len() || last_word.starts_with(char::is_uppercase));
            // Two names of one type that one space separates are one name the model
            // hesitated inside ("Santé publique" + "France", "Sud" + "Radio"): French prose
            // separates neighbouring names by punctuation or a word, and a line break
            // (headline, dateline) is not a space.
            let one_space = matches!(between, " " | "\u{a0}" | "\u{202f}");
            if prev.label == e.label && (one_space || (one_apostrophe && elided)) {
                let (a, b) = (
                    prev.text.split_whitespace().count(),
                    e.text.split_whitespace().count(),
                );
                let score = (prev.score * a as f32 + e.score * b as f32) / (a + b) as f32;
                *prev = Entity::from_byte_span(
                    text,
                    index,
                    prev.start_byte,
                    e.end_byte,
                    e.label,
                    score,
                );
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// End of the word after the apostrophe when `e` is a capitalized elided article alone
/// followed by one ("L" in "L’Oréal", "D" in "D’Artagnan").
fn elided_word_end(text: &str, e: &Entity) -> Option<usize> {
    if !e.text.starts_with(char::is_uppercase)
        || !crate::french::ELISIONS.contains(&e.text.to_lowercase().as_str())
    {
        return None;
    }
    let rest = &text[e.end_byte..];
    let apostrophe = rest
        .chars()
        .next()
        .filter(|&c| crate::french::is_apostrophe(c))?;
    let word = &rest[apostrophe.len_utf8()..];
    let len: usize = word
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(e.end_byte + apostrophe.len_utf8() + len)
}

/// Punctuation an entity never starts with: a span that starts at the dot of "Mme." or at an
/// opening quote is cut.
fn bad_lead(c: char) -> bool {
    let c = crate::normalize::model_char(c).unwrap_or(' ');
    c.is_whitespace() || c.is_control() || (!c.is_alphanumeric() && !"@#&$€£+".contains(c))
}

/// Abbreviations of four letters or more whose dot belongs to a name.
const ABBREVIATIONS: &[&str] = &["Corp", "Bros", "Univ", "Dept", "Assn", "Intl"];

/// Punctuation an entity never ends with ("Paris," "Macron»"). Closing brackets and dots are
/// kept when the span needs them ("(PS)" is never a span, but "Inc." and "S.A." are).
fn bad_tail(span: &str, c: char) -> bool {
    match c {
        ')' => span.matches('(').count() < span.matches(')').count(),
        ']' => span.matches('[').count() < span.matches(']').count(),
        '.' => {
            // A sentence-final dot after a word ("Paris."), not an abbreviation ("Inc.",
            // "S.A.", "Corp.").
            let word: String = span[..span.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            word.chars().count() >= 4 && !ABBREVIATIONS.contains(&word.as_str())
        }
        _ => {
            let c = crate::normalize::model_char(c).unwrap_or(' ');
            c.is_whitespace() || c.is_control() || ",;:!?«»\"'’‘“”„(-–—/[{".contains(c)
        }
    }
}

/// Cuts what a span should not contain at its edges: whitespace (Metaspace offsets may include
/// the space before a word), punctuation, and for PER an honorific ("M. Mensch" → "Mensch";
/// the annotation guide keeps titles out of person names). Combining marks stay with their
/// base letter. `None` when nothing is left.
fn trim_span(text: &str, mut start: usize, mut end: usize, kind: &str) -> Option<(usize, usize)> {
    loop {
        let before = (start, end);
        while let Some(c) = text[start..end].chars().next() {
            if !bad_lead(c) || is_combining(c) {
                break;
            }
            start += c.len_utf8();
        }
        while let Some(c) = text[start..end].chars().next_back() {
            if is_combining(c) || !bad_tail(&text[start..end], c) {
                break;
            }
            end -= c.len_utf8();
        }
        if kind == "PER" {
            if let Some(skip) = crate::french::honorific_prefix_len(&text[start..end]) {
                start += skip;
            }
        }
        // "d’Israël", "l’Élysée": the elided article is not part of the name.
        if let Some(skip) = crate::french::elision_prefix_len(&text[start..end]) {
            start += skip;
        }
        if (start, end) == before || start >= end {
            break;
        }
    }
    let rest = &text[start..end];
    let honorific_alone = kind == "PER" && crate::french::HONORIFICS.contains(&rest);
    // A lone elided word ("d", "l") is the model splitting "d'" from a name, not a name.
    let elision_alone = crate::french::ELISIONS.contains(&rest);
    (start < end && !honorific_alone && !elision_alone).then_some((start, end))
}

/// Unicode combining marks (a decomposed accent belongs to the letter before it).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace().map(Tag::parse).collect()
    }

    #[test]
    fn chunks_follow_conlleval_rules() {
        assert_eq!(
            chunks(&tags("B-PER I-PER O B-LOC")),
            vec![("PER".into(), 0, 1), ("LOC".into(), 3, 3)]
        );
        // I- after O starts an entity; a type change splits.
        assert_eq!(
            chunks(&tags("O I-ORG I-ORG I-LOC")),
            vec![("ORG".into(), 1, 2), ("LOC".into(), 3, 3)]
        );
        // B- after B- splits; BIOES single and end.
        assert_eq!(
            chunks(&tags("B-PER B-PER")),
            vec![("PER".into(), 0, 0), ("PER".into(), 1, 1)]
        );
        assert_eq!(
            chunks(&tags("S-LOC B-ORG E-ORG I-ORG")),
            vec![
                ("LOC".into(), 0, 0),
                ("ORG".into(), 1, 2),
                ("ORG".into(), 3, 3)
            ]
        );
        // IO tagging.
        assert_eq!(
            chunks(&tags("PER PER O LOC")),
            vec![("PER".into(), 0, 1), ("LOC".into(), 3, 3)]
        );
    }

    fn predict(spans: &[(usize, usize)], best: &[usize], labels: &[&str]) -> Vec<f32> {
        let mut probs = vec![0.0; spans.len() * labels.len()];
        for (k, &b) in best.iter().enumerate() {
            for j in 0..labels.len() {
                probs[k * labels.len() + j] = if j == b {
                    0.9
                } else {
                    0.1 / (labels.len() - 1) as f32
                };
            }
        }
        probs
    }

    /// Decodes per-subword probabilities over `labels` for the subword `spans` of `text`.
    fn decode_probs(
        text: &str,
        spans: &[(usize, usize)],
        probs: &[f32],
        labels: &[&str],
        aggregation: Aggregation,
    ) -> Vec<Entity> {
        let tags: Vec<Tag> = labels.iter().map(|l| Tag::parse(l)).collect();
        let p = Predictions {
            text,
            spans,
            probs,
            labels: &tags,
            breaks: &[],
        };
        decode(&p, &CharIndex::new(text), aggregation)
    }

    #[test]
    fn decodes_exact_offsets_with_multibyte_text_and_metaspace() {
        // "▁l", "'", "Élysée", "▁à", "▁Zürich"
        let text = "l'Élysée à Zürich";
        let spans = [(0, 1), (1, 2), (2, 10), (10, 13), (13, 21)];
        let labels = ["O", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
        let probs = predict(&spans, &[0, 0, 1, 0, 3], &labels);
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::Simple);
        assert_eq!(ents.len(), 2);
        assert_eq!(
            (ents[0].text.as_str(), ents[0].start, ents[0].end),
            ("Élysée", 2, 8)
        );
        assert_eq!(
            (ents[1].text.as_str(), ents[1].start, ents[1].end),
            ("Zürich", 11, 17)
        );
        assert_eq!(&text[ents[1].start_byte..ents[1].end_byte], "Zürich");
        // Type probability: B-ORG 0.9 + I-ORG 0.025.
        assert!((ents[0].score - 0.925).abs() < 1e-6);
    }

    #[test]
    fn word_strategies_differ_as_documented() {
        // One word "Mélenchon" in three subwords with disagreeing predictions.
        let text = "Mélenchon";
        let spans = [(0, 3), (3, 6), (6, 10)];
        let labels = ["O", "B-PER", "I-PER", "B-LOC"];
        let probs = vec![
            0.1, 0.2, 0.1, 0.6, // first subword: LOC
            0.0, 0.95, 0.05, 0.0, // most confident: B-PER
            0.0, 0.4, 0.6, 0.0, // last: I-PER
        ];
        let label = |s| {
            decode_probs(text, &spans, &probs, &labels, s)
                .iter()
                .map(|e| e.label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(label(Aggregation::First), vec!["LOC"]);
        assert_eq!(label(Aggregation::Max), vec!["PER"]);
        // average: B-PER (0.2+0.95+0.4)/3 beats I-PER 0.25 and LOC 0.2.
        assert_eq!(label(Aggregation::Average), vec!["PER"]);
        // simple: LOC, then B-PER, then I-PER.
        assert_eq!(label(Aggregation::Simple), vec!["LOC", "PER"]);
    }

    #[test]
    fn word_boundaries_split_apostrophes_not_hyphens() {
        let text = "l'Ukraine Jean-Pierre";
        let spans = [(0, 1), (1, 2), (2, 9), (9, 14), (14, 15), (15, 21)];
        let starts: Vec<bool> = (0..spans.len())
            .map(|k| starts_word(text, &spans, k))
            .collect();
        assert_eq!(starts, vec![true, true, true, true, false, false]);
    }

    /// One word per whitespace-separated piece, predicted with the given label rows.
    fn decode_words(text: &str, rows: &[&[f32]], labels: &[&str]) -> Vec<Entity> {
        let mut spans = vec![];
        let mut pos = 0;
        for w in text.split(' ') {
            spans.push((pos, pos + w.len()));
            pos += w.len() + 1;
        }
        assert_eq!(spans.len(), rows.len());
        let probs: Vec<f32> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        decode_probs(text, &spans, &probs, labels, Aggregation::Average)
    }

    #[test]
    fn scores_sum_the_labels_of_a_type() {
        // "Moscou" as two subwords, each torn between B-LOC and I-LOC: the word is a LOC with
        // probability 0.95, whatever the split between B and I.
        let text = "Moscou";
        let spans = [(0, 3), (3, 6)];
        let labels = ["O", "B-LOC", "I-LOC"];
        let probs = vec![0.05, 0.6, 0.35, 0.05, 0.4, 0.55];
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::Average);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].label, "LOC");
        assert!((ents[0].score - 0.95).abs() < 1e-6, "{}", ents[0].score);
        // B-X + I-X beats O even when O is the single most probable label.
        let probs = vec![0.45, 0.3, 0.25, 0.45, 0.3, 0.25];
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::First);
        assert_eq!(ents.len(), 1);
        assert!((ents[0].score - 0.55).abs() < 1e-6);
    }

    #[test]
    fn entity_score_is_the_mean_type_probability_of_its_words() {
        let labels = ["O", "B-PER", "I-PER"];
        let ents = decode_words(
            "Kylian Mbappé",
            &[&[0.1, 0.9, 0.0], &[0.3, 0.1, 0.6]],
            &labels,
        );
        assert_eq!(ents.len(), 1);
        assert!((ents[0].score - 0.8).abs() < 1e-6, "{}", ents[0].score);
    }

    #[test]
    fn honorifics_and_punctuation_stay_outside_spans() {
        let labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
        let per_b: &[f32] = &[0.0, 1.0, 0.0, 0.0, 0.0];
        let per_i: &[f32] = &[0.0, 0.0, 1.0, 0.0, 0.0];
        let out: &[f32] = &[1.0, 0.0, 0.0, 0.0, 0.0];
        let loc_b: &[f32] = &[0.0, 0.0, 0.0, 1.0, 0.0];
        // "M. Mensch" tagged whole: the honorific is cut.
        let ents = decode_words("M. Mensch a dit", &[per_b, per_i, out, out], &labels);
        assert_eq!(ents.len(), 1);
        assert_eq!((ents[0].text.as_str(), ents[0].start), ("Mensch", 3));
        // "Mme Neuder" and "Mgr Aupetit" likewise.
        for (text, name) in [("Mme Neuder", "Neuder"), ("Mgr Aupetit", "Aupetit")] {
            let ents = decode_words(text, &[per_b, per_i], &labels);
            assert_eq!(ents[0].text, name);
        }
        // A span that starts at the dot of "Mme." and one that ends on a comma.
        let ents = decode_words(". Neuder", &[per_b, per_i], &labels);
        assert_eq!(ents[0].text, "Neuder");
        let ents = decode_words("Paris, hier", &[loc_b, out], &labels);
        assert_eq!(ents[0].text, "Paris");
        // An honorific alone is no person; the honorific rule leaves other types alone.
        let ents = decode_words("M. a", &[per_b, out], &labels);
        assert!(ents.is_empty(), "{ents:?}");
        let ents = decode_words("Me Dupond", &[loc_b, &[0.0, 0.0, 0.0, 0.0, 1.0]], &labels);
        assert_eq!(ents[0].text, "Me Dupond");
        // Abbreviation dots are kept, a sentence-final dot is not.
        let ents = decode_words("Apple Inc.", &[per_b, per_i], &labels);
        assert_eq!(ents[0].text, "Apple Inc.");
        let ents = decode_words("vers Moscou.", &[out, loc_b], &labels);
        assert_eq!(ents[0].text, "Moscou");
    }

    #[test]
    fn combining_accents_stay_with_their_letter() {
        let text = "Ame\u{301}lie";
        let spans = [(0, text.len())];
        let labels = ["O", "B-PER"];
        let ents = decode_probs(text, &spans, &[0.0, 1.0], &labels, Aggregation::First);
        assert_eq!(ents[0].text, text);
        let text = "Zoe\u{308}";
        let spans = [(0, text.len())];
        let ents = decode_probs(text, &spans, &[0.0, 1.0], &labels, Aggregation::First);
        assert_eq!(ents[0].text, text);
    }

    #[test]
    fn elided_names_are_joined_and_elided_articles_cut() {
        let labels = ["O", "B-LOC", "I-LOC", "B-ORG"];
        let text = "la Côte d'Ivoire et d'Israël";
        // Subwords: "la" "Côte" "d" "'" "Ivoire" "et" "d" "'" "Israël".
        let pieces = ["la", "Côte", "d", "'", "Ivoire", "et", "d", "'", "Israël"];
        let mut spans = vec![];
        let mut from = 0;
        for piece in pieces {
            let s = from + text[from..].find(piece).expect("piece in text");
            spans.push((s, s + piece.len()));
            from = s + piece.len();
        }
        let row =
            |j: usize| -> Vec<f32> { (0..4).map(|k| if k == j { 1.0 } else { 0.0 }).collect() };
        let probs: Vec<f32> = [0, 1, 2, 0, 1, 0, 3, 3, 3]
            .iter()
            .flat_map(|&j| row(j))
            .collect();
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::First);
        let got: Vec<(&str, &str)> = ents
            .iter()
            .map(|e| (e.text.as_str(), e.label.as_str()))
            .collect();
        assert_eq!(got, vec![("Côte d'Ivoire", "LOC"), ("Israël", "ORG")]);
        // "L" + "Oréal" as two ORG words.
        let text = "L’Oréal";
        let spans = [(0, 1), (1, 4), (4, text.len())];
        let probs: Vec<f32> = [3, 0, 3].iter().flat_map(|&j| row(j)).collect();
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::First);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].text, "L’Oréal");
        // "L" tagged alone: the name after the apostrophe comes with it.
        let probs: Vec<f32> = [3, 0, 0].iter().flat_map(|&j| row(j)).collect();
        let ents = decode_probs(text, &spans, &probs, &labels, Aggregation::First);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].text, "L’Oréal");
    }

    #[test]
    fn names_of_one_type_one_space_apart_are_one_name() {
        let labels = ["O", "B-ORG", "I-ORG", "B-LOC"];
        let org_b: &[f32] = &[0.0, 1.0, 0.0, 0.0];
        let org_i: &[f32] = &[0.0, 0.0, 1.0, 0.0];
        let loc_b: &[f32] = &[0.0, 0.0, 0.0, 1.0];
        let out: &[f32] = &[1.0, 0.0, 0.0, 0.0];
        // The model starts a new ORG at "France": one name.
        let ents = decode_words(
            "selon Santé publique France hier",
            &[out, org_b, org_i, org_b, out],
            &labels,
        );
        let got: Vec<&str> = ents.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(got, vec!["Santé publique France"]);
        // Different types stay apart ("Airbus Toulouse" as ORG + LOC).
        let ents = decode_words("Airbus Toulouse", &[org_b, loc_b], &labels);
        assert_eq!(ents.len(), 2);
        // A comma or a word between: two names.
        let ents = decode_words("Airbus, Safran", &[org_b, org_b], &labels);
        assert_eq!(ents.len(), 2);
        let ents = decode_words("Airbus et Safran", &[org_b, out, org_b], &labels);
        assert_eq!(ents.len(), 2);
    }

    #[test]
    fn hesitant_surnames_of_named_persons_become_persons() {
        let text = "Vladimir Poutine a parlé. Marseille et Poutine, puis Poutine.";
        let index = CharIndex::new(text);
        let at = |w: &str, nth: usize, label: &str, score: f32| {
            let s = text.match_indices(w).nth(nth).expect("word").0;
            Entity::from_byte_span(text, &index, s, s + w.len(), label, score)
        };
        let mut ents = vec![
            at("Vladimir Poutine", 0, "PER", 0.98),
            at("Marseille", 0, "LOC", 0.6),
            at("Poutine", 1, "LOC", 0.7),
            at("Poutine", 2, "LOC", 0.95),
        ];
        persons_by_surname(&mut ents);
        let labels: Vec<&str> = ents.iter().map(|e| e.label.as_str()).collect();
        // Only the hesitant surname of the named person changes.
        assert_eq!(labels, vec!["PER", "LOC", "PER", "LOC"]);
    }
}
