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

/// `numerator / denominator`, 0 when there is nothing to divide by (seqeval's convention).
pub fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Harmonic mean of precision and recall, 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

impl Prf {
    /// Scores from counts. Strict matching is symmetric (`matched_gold == matched_predicted`);
    /// fuzzy matching may differ, so precision counts matched predictions and recall matched
    /// gold entities.
    fn from_counts(
        matched_predicted: usize,
        predicted: usize,
        matched_gold: usize,
        support: usize,
    ) -> Prf {
        let precision = ratio(matched_predicted, predicted);
        let recall = ratio(matched_gold, support);
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
            support,
            predicted,
            correct: matched_predicted,
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
        scores
            .per_type
            .insert(kind, Prf::from_counts(tpp, pred_n, tpg, gold_n));
        tp_p += tpp;
        np += pred_n;
        tp_g += tpg;
        ng += gold_n;
    }
    let micro = Prf::from_counts(tp_p, np, tp_g, ng);
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

/// A labelled span of one document: (label, start, end), character offsets, half-open.
pub type Span = (String, usize, usize);

fn span_chunks(docs: &[Vec<Span>], types: &[String]) -> BTreeSet<Chunk> {
    let mut out = BTreeSet::new();
    for (d, spans) in docs.iter().enumerate() {
        for (label, s, e) in spans {
            if types.contains(label) && s < e {
                // Chunks hold inclusive ends, as token chunks do.
                out.insert((d, label.clone(), *s, *e - 1));
            }
        }
    }
    out
}

/// Strict (exact span and type) and fuzzy (overlapping span, same type) scores of character
/// spans, for gold that comes as spans rather than tokens (frner's JSONL gold). No token
/// projection: a prediction cut inside a word ("Côte d") is an error here.
pub fn span_scores(gold: &[Vec<Span>], pred: &[Vec<Span>], types: &[String]) -> (Scores, Scores) {
    let g = span_chunks(gold, types);
    let p = span_chunks(pred, types);
    let strict = tally(&g, &p, &|c| g.contains(c), &|c| p.contains(c));
    let overlaps = |set: &BTreeSet<Chunk>, c: &Chunk| {
        // Only chunks of the same document can overlap: scan that document's range.
        let lo = (c.0, String::new(), 0, 0);
        let hi = (c.0 + 1, String::new(), 0, 0);
        set.range(lo..hi)
            .any(|o| o.1 == c.1 && o.2 <= c.3 && c.2 <= o.3)
    };
    let fuzzy = tally(&g, &p, &|c| overlaps(&g, c), &|c| overlaps(&p, c));
    (strict, fuzzy)
}

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct CalibrationBin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    /// Mean entity score in the bin.
    pub mean_score: f64,
    /// Share of the bin's predicted entities that are correct (strict).
    pub precision: f64,
}

/// Expected calibration error of entity scores against precision: predicted entities are
/// binned by score into equal-width bins, and ECE = Σ (n_b / N) · |precision_b − mean score_b|.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Calibration {
    pub ece: f64,
    pub entities: usize,
    pub bins: Vec<CalibrationBin>,
}

/// Calibration of `(score, correct)` pairs over `n_bins` equal-width bins of [0, 1].
pub fn calibration(scored: &[(f32, bool)], n_bins: usize) -> Calibration {
    let n_bins = n_bins.max(1);
    let mut sums = vec![(0usize, 0f64, 0usize); n_bins];
    for &(score, correct) in scored {
        let b = ((score.clamp(0.0, 1.0) as f64 * n_bins as f64) as usize).min(n_bins - 1);
        sums[b].0 += 1;
        sums[b].1 += score as f64;
        sums[b].2 += usize::from(correct);
    }
    let total = scored.len();
    let mut ece = 0.0;
    let bins = sums
        .iter()
        .enumerate()
        .map(|(b, &(count, score_sum, correct))| {
            let (mean_score, precision) = if count == 0 {
                (0.0, 0.0)
            } else {
                (score_sum / count as f64, correct as f64 / count as f64)
            };
            if total > 0 {
                ece += count as f64 / total as f64 * (precision - mean_score).abs();
            }
            CalibrationBin {
                lower: b as f64 / n_bins as f64,
                upper: (b + 1) as f64 / n_bins as f64,
                count,
                mean_score,
                precision,
            }
        })
        .collect();
    Calibration {
        ece,
        entities: total,
        bins,
    }
}

impl std::fmt::Display for Calibration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "ECE {:.4} over {} entities ({} bins)",
            self.ece,
            self.entities,
            self.bins.len()
        )?;
        writeln!(
            f,
            "{:<12} {:>7} {:>10} {:>10}",
            "score", "count", "mean", "precision"
        )?;
        for b in self.bins.iter().filter(|b| b.count > 0) {
            writeln!(
                f,
                "{:<12} {:>7} {:>10.3} {:>10.3}",
                format!("{:.1}-{:.1}", b.lower, b.upper),
                b.count,
                b.mean_score,
                b.precision
            )?;
        }
        Ok(())
    }
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

    #[test]
    fn span_scores_are_exact_and_overlap() {
        let types = vec!["PER".to_string(), "LOC".to_string()];
        let gold = vec![vec![
            ("LOC".to_string(), 0, 13),
            ("PER".to_string(), 20, 26),
        ]];
        // "Côte d" cut at the apostrophe: fuzzy match only; MISC is not scored.
        let pred = vec![vec![
            ("LOC".to_string(), 0, 6),
            ("PER".to_string(), 20, 26),
            ("MISC".to_string(), 30, 35),
        ]];
        let (strict, fuzzy) = span_scores(&gold, &pred, &types);
        assert_eq!(strict.micro.correct, 1);
        assert_eq!(strict.micro.predicted, 2);
        assert_eq!(strict.per_type["LOC"].f1, 0.0);
        assert!((fuzzy.micro.f1 - 1.0).abs() < 1e-12);
        // Spans of another document never match.
        let other_doc = vec![vec![], vec![("PER".to_string(), 20, 26)]];
        let (s2, f2) = span_scores(&gold, &other_doc, &types);
        assert_eq!((s2.micro.correct, f2.micro.correct), (0, 0));
    }

    #[test]
    fn calibration_error_of_known_bins() {
        // Bin 0.9-1.0: 4 entities scored 0.95, 3 correct (precision 0.75) -> gap 0.2.
        // Bin 0.5-0.6: 1 entity scored 0.55, correct -> gap 0.45.
        let scored = [
            (0.95, true),
            (0.95, true),
            (0.95, true),
            (0.95, false),
            (0.55, true),
        ];
        let c = calibration(&scored, 10);
        assert_eq!(c.entities, 5);
        assert_eq!(c.bins[9].count, 4);
        assert!((c.bins[9].precision - 0.75).abs() < 1e-9);
        let want = 0.8 * 0.2 + 0.2 * 0.45;
        assert!((c.ece - want).abs() < 1e-6, "{}", c.ece);
        // Perfectly calibrated in one bin.
        let c = calibration(&[(1.0, true), (1.0, true)], 10);
        assert!(c.ece.abs() < 1e-12);
        assert_eq!(c.bins[9].count, 2);
    }
}
