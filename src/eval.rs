//! Entity-level NER scores: strict P/R/F1 per type and micro-averaged, computed exactly as
//! Python `seqeval`'s default mode does (conlleval chunking), plus a fuzzy (overlap) F1.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::decode::{chunks, Tag};
use crate::document::Entity;

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold entities (seqeval's "support").
    pub support: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Prf {
    fn new(correct: usize, predicted: usize, support: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(correct, predicted), ratio(correct, support));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
            support,
            predicted,
            correct,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub per_type: BTreeMap<String, Prf>,
    pub micro: Prf,
}

type Chunk = (usize, String, usize, usize);

fn all_chunks(seqs: &[Vec<String>]) -> BTreeSet<Chunk> {
    let mut out = BTreeSet::new();
    for (s, seq) in seqs.iter().enumerate() {
        let tags: Vec<Tag> = seq.iter().map(|t| Tag::parse(t)).collect();
        for (kind, a, b) in chunks(&tags) {
            out.insert((s, kind, a, b));
        }
    }
    out
}

fn tally(
    gold: &BTreeSet<Chunk>,
    pred: &BTreeSet<Chunk>,
    matched_pred: &dyn Fn(&Chunk) -> bool,
    matched_gold: &dyn Fn(&Chunk) -> bool,
) -> Scores {
    let mut counts: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    for c in gold {
        let e = counts.entry(c.1.clone()).or_default();
        e.2 += 1;
        e.3 += usize::from(matched_gold(c));
    }
    for c in pred {
        let e = counts.entry(c.1.clone()).or_default();
        e.1 += 1;
        e.0 += usize::from(matched_pred(c));
    }
    let mut scores = Scores::default();
    let (mut tp_p, mut np, mut tp_g, mut ng) = (0, 0, 0, 0);
    for (kind, (tpp, pred_n, gold_n, tpg)) in counts {
        // Strict matching is symmetric (tpp == tpg); fuzzy matching may differ, so precision
        // counts matched predictions and recall counts matched gold entities.
        let mut prf = Prf::new(tpp, pred_n, gold_n);
        if tpp != tpg {
            let r = if gold_n == 0 {
                0.0
            } else {
                tpg as f64 / gold_n as f64
            };
            prf.recall = r;
            prf.f1 = if prf.precision + r == 0.0 {
                0.0
            } else {
                2.0 * prf.precision * r / (prf.precision + r)
            };
        }
        scores.per_type.insert(kind, prf);
        tp_p += tpp;
        np += pred_n;
        tp_g += tpg;
        ng += gold_n;
    }
    let mut micro = Prf::new(tp_p, np, ng);
    if tp_p != tp_g {
        micro.recall = if ng == 0 {
            0.0
        } else {
            tp_g as f64 / ng as f64
        };
        micro.f1 = if micro.precision + micro.recall == 0.0 {
            0.0
        } else {
            2.0 * micro.precision * micro.recall / (micro.precision + micro.recall)
        };
    }
    scores.micro = micro;
    scores
}

/// Strict entity-level scores, identical to `seqeval.metrics.classification_report` (default
/// mode) on the same tag sequences.
pub fn strict(gold: &[Vec<String>], pred: &[Vec<String>]) -> Scores {
    let g = all_chunks(gold);
    let p = all_chunks(pred);
    tally(&g, &p, &|c| g.contains(c), &|c| p.contains(c))
}

/// Fuzzy scores: a predicted entity is correct when it overlaps a gold entity of the same type
/// in the same sentence (and vice versa for recall).
pub fn fuzzy(gold: &[Vec<String>], pred: &[Vec<String>]) -> Scores {
    let g = all_chunks(gold);
    let p = all_chunks(pred);
    let overlaps = |set: &BTreeSet<Chunk>, c: &Chunk| {
        set.iter()
            .any(|o| o.0 == c.0 && o.1 == c.1 && o.2 <= c.3 && c.2 <= o.3)
    };
    tally(&g, &p, &|c| overlaps(&g, c), &|c| overlaps(&p, c))
}

/// Keeps only the entity types in `types` (others become `O`).
pub fn keep_types(seqs: &[Vec<String>], types: &[String]) -> Vec<Vec<String>> {
    seqs.iter()
        .map(|s| {
            s.iter()
                .map(|t| {
                    let tag = Tag::parse(t);
                    if types.contains(&tag.kind) {
                        t.clone()
                    } else {
                        "O".to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// Projects predicted character spans onto gold tokens as IOB2 tags: a token belongs to an
/// entity when their character ranges overlap; the first such token gets `B-`.
pub fn tags_from_entities(token_spans: &[(usize, usize)], entities: &[Entity]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); token_spans.len()];
    for e in entities {
        let mut first = true;
        for (i, &(s, t)) in token_spans.iter().enumerate() {
            if s < e.end && e.start < t && tags[i] == "O" {
                tags[i] = format!("{}-{}", if first { "B" } else { "I" }, e.label);
                first = false;
            }
        }
    }
    tags
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            "", "precision", "recall", "f1", "support"
        )?;
        for (k, s) in &self.per_type {
            writeln!(
                f,
                "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                k, s.precision, s.recall, s.f1, s.support
            )?;
        }
        let m = &self.micro;
        write!(
            f,
            "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            "micro", m.precision, m.recall, m.f1, m.support
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(s: &[&str]) -> Vec<Vec<String>> {
        s.iter()
            .map(|x| x.split_whitespace().map(String::from).collect())
            .collect()
    }

    #[test]
    fn strict_counts_exact_chunks_only() {
        let gold = seqs(&["B-PER I-PER O B-LOC", "B-ORG O"]);
        let pred = seqs(&["B-PER O O B-LOC", "B-ORG O"]);
        let s = strict(&gold, &pred);
        assert_eq!(s.micro.correct, 2);
        assert_eq!(s.micro.predicted, 3);
        assert_eq!(s.micro.support, 3);
        assert_eq!(s.per_type["PER"].f1, 0.0);
        let f = fuzzy(&gold, &pred);
        assert!((f.micro.f1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn projection_marks_overlapping_tokens() {
        let spans = [(0, 5), (6, 11), (12, 14), (15, 21)];
        let e = Entity {
            start: 0,
            end: 11,
            label: "PER".into(),
            ..Default::default()
        };
        assert_eq!(
            tags_from_entities(&spans, &[e]),
            vec!["B-PER", "I-PER", "O", "O"]
        );
    }
}
