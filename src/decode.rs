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
    let splits = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && c != '-');
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

/// Decodes subword predictions into entities with char and byte offsets. `index` maps byte to
/// char offsets of `p.text`.
pub fn decode(p: &Predictions, index: &CharIndex, strategy: Aggregation) -> Vec<Entity> {
    let n = p.spans.len();
    let l = p.labels.len();
    if n == 0 || l == 0 || p.probs.len() != n * l {
        return vec![];
    }
    let row = |k: usize| &p.probs[k * l..(k + 1) * l];
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
            Aggregation::Simple | Aggregation::First => argmax(row(a)),
            Aggregation::Max => (a..=b)
                .map(|k| argmax(row(k)))
                .fold((0, f32::NEG_INFINITY), |m, x| if x.1 > m.1 { x } else { m }),
            Aggregation::Average => {
                avg.iter_mut().for_each(|v| *v = 0.0);
                for k in a..=b {
                    for (v, &q) in avg.iter_mut().zip(row(k)) {
                        *v += q;
                    }
                }
                let (i, s) = argmax(&avg);
                (i, s / (b - a + 1) as f32)
            }
        };
        tags.push(p.labels[label].clone());
        scores.push(score);
    }
    let mut out = vec![];
    for (kind, first, last) in chunks(&tags) {
        let mut start = p.spans[units[first].0].0;
        let mut end = p.spans[units[last].1].1;
        // Metaspace offsets may include the space before a word: trim to the visible text.
        let slice = &p.text[start..end];
        start += slice.len() - slice.trim_start().len();
        end -= slice.len() - slice.trim_end().len();
        if start >= end {
            continue;
        }
        let score = scores[first..=last].iter().sum::<f32>() / (last - first + 1) as f32;
        out.push(Entity {
            start: index.char_of(start),
            end: index.char_of(end),
            start_byte: start,
            end_byte: end,
            text: p.text[start..end].to_string(),
            label: kind,
            score,
            quantity: None,
            link: None,
            nil_cluster: None,
        });
    }
    out
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
        assert!((ents[0].score - 0.9).abs() < 1e-6);
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
}
