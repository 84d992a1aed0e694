//! Linking accuracy on gold mentions: HIPE-2020 files and frner span gold (JSONL).

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::document::{CharIndex, Document, Entity};
use crate::eval::ratio;
use crate::gold::{read_hipe, GoldDocument, GoldSentence};

use super::linker::Linker;

/// How many wrong decisions are kept in the report for inspection.
const MAX_EXAMPLES: usize = 200;

/// Linking figures on gold mentions (gold spans and types, PER/ORG/LOC only).
#[derive(Debug, Clone, Default, Serialize)]
pub struct LinkReport {
    pub documents: usize,
    /// Gold PER/ORG/LOC mentions.
    pub mentions: usize,
    /// Mentions whose gold NEL-LIT is a QID (not NIL).
    pub gold_with_qid: usize,
    /// ... and whose QID is carried by a row of the table.
    pub gold_qid_in_table: usize,
    /// Among those, mentions linked to a row with that QID.
    pub correct_in_table: usize,
    /// correct_in_table / gold_qid_in_table.
    pub accuracy_in_table: f64,
    /// Mentions the linker linked to a row that has a QID.
    pub predicted_with_qid: usize,
    /// ... whose QID equals the gold one.
    pub predicted_correct: usize,
    /// predicted_correct / predicted_with_qid: how often an emitted QID is right.
    pub link_precision: f64,
    /// Mentions linked to a row without a QID (cannot be scored against Wikidata).
    pub predicted_row_without_qid: usize,
    /// Mentions left NIL.
    pub predicted_nil: usize,
    /// ... whose gold is NIL or a QID absent from the table (a correct NIL).
    pub nil_correct: usize,
    /// nil_correct / predicted_nil.
    pub nil_precision: f64,
    /// gold_qid_in_table / gold_with_qid.
    pub coverage_mentions: f64,
    /// Mentions with a gold QID linked to a row with that QID (in the table or not).
    pub correct_with_qid: usize,
    /// correct_with_qid / gold_with_qid: the share of QID-bearing mentions linked right,
    /// whatever the table covers (the figure a user of the default table sees).
    pub accuracy_with_qid: f64,
    /// Mentions with a gold QID linked to a row with another QID.
    pub wrong_with_qid: usize,
    /// wrong_with_qid / gold_with_qid: the share of QID-bearing mentions linked wrong.
    pub wrong_rate_with_qid: f64,
    /// Distinct gold QIDs, and how many of them the table carries.
    pub distinct_gold_qids: usize,
    pub distinct_gold_qids_in_table: usize,
    /// A sample of wrong decisions: "doc | mention | gold | predicted".
    pub errors: Vec<String>,
}

impl LinkReport {
    fn finish(&mut self) {
        self.accuracy_in_table = ratio(self.correct_in_table, self.gold_qid_in_table);
        self.link_precision = ratio(self.predicted_correct, self.predicted_with_qid);
        self.nil_precision = ratio(self.nil_correct, self.predicted_nil);
        self.coverage_mentions = ratio(self.gold_qid_in_table, self.gold_with_qid);
        self.accuracy_with_qid = ratio(self.correct_with_qid, self.gold_with_qid);
        self.wrong_rate_with_qid = ratio(self.wrong_with_qid, self.gold_with_qid);
    }
}

impl fmt::Display for LinkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold PER/ORG/LOC mentions ({} with a QID, {} NIL)",
            self.documents,
            self.mentions,
            self.gold_with_qid,
            self.mentions - self.gold_with_qid
        )?;
        writeln!(
            f,
            "coverage: {}/{} QID mentions in table ({:.3}), {}/{} distinct QIDs",
            self.gold_qid_in_table,
            self.gold_with_qid,
            self.coverage_mentions,
            self.distinct_gold_qids_in_table,
            self.distinct_gold_qids
        )?;
        writeln!(
            f,
            "accuracy on in-table mentions: {}/{} = {:.3}",
            self.correct_in_table, self.gold_qid_in_table, self.accuracy_in_table
        )?;
        writeln!(
            f,
            "QID mentions linked right: {}/{} = {:.3}; linked to another QID: {}/{} = {:.3}",
            self.correct_with_qid,
            self.gold_with_qid,
            self.accuracy_with_qid,
            self.wrong_with_qid,
            self.gold_with_qid,
            self.wrong_rate_with_qid
        )?;
        writeln!(
            f,
            "link precision (emitted QIDs that are right): {}/{} = {:.3}",
            self.predicted_correct, self.predicted_with_qid, self.link_precision
        )?;
        writeln!(
            f,
            "NIL precision: {}/{} = {:.3}; linked to rows without QID: {}",
            self.nil_correct,
            self.predicted_nil,
            self.nil_precision,
            self.predicted_row_without_qid
        )
    }
}

/// Links the gold mentions of a HIPE-2020 TSV file (one linker call per HIPE document,
/// so coreference works) and scores the result against the gold NEL-LIT column.
pub fn eval_hipe_linking(path: &Path, linker: &Linker) -> Result<LinkReport> {
    let sentences = read_hipe(path)?;
    let mut report = LinkReport::default();
    let mut gold_qids = HashSet::new();
    for group in sentences.chunk_by(|a, b| a.doc_id == b.doc_id) {
        let (mut doc, gold) = document_from_gold(group);
        linker.link_document(&mut doc);
        report.documents += 1;
        for (entity, gold_qid) in doc.entities.iter().zip(&gold) {
            score_gold_value(
                &mut report,
                &mut gold_qids,
                linker,
                &doc,
                entity,
                gold_qid.as_deref(),
            );
        }
    }
    finish_report(&mut report, &gold_qids, linker);
    Ok(report)
}

/// Scores one linked mention against its gold value (a QID or `NIL`).
fn score_gold_value(
    report: &mut LinkReport,
    gold_qids: &mut HashSet<String>,
    linker: &Linker,
    doc: &Document,
    entity: &Entity,
    gold: Option<&str>,
) {
    let gold_qid = gold.filter(|q| *q != "NIL");
    let in_table = gold_qid.is_some_and(|q| linker.knowledge_base().has_wikidata(q));
    if let Some(q) = gold_qid {
        gold_qids.insert(q.to_string());
    }
    score_mention(report, doc, entity, gold_qid, in_table);
}

fn finish_report(report: &mut LinkReport, gold_qids: &HashSet<String>, linker: &Linker) {
    let kb = linker.knowledge_base();
    report.distinct_gold_qids = gold_qids.len();
    report.distinct_gold_qids_in_table = gold_qids.iter().filter(|q| kb.has_wikidata(q)).count();
    report.finish();
}

fn score_mention(
    report: &mut LinkReport,
    doc: &Document,
    entity: &Entity,
    gold_qid: Option<&str>,
    in_table: bool,
) {
    report.mentions += 1;
    report.gold_with_qid += usize::from(gold_qid.is_some());
    report.gold_qid_in_table += usize::from(in_table);
    let predicted = entity.link.row();
    let predicted_qid = predicted.and_then(|l| l.wikidata.as_deref());
    let correct = predicted_qid.is_some() && predicted_qid == gold_qid;
    match predicted {
        None => {
            report.predicted_nil += 1;
            report.nil_correct += usize::from(!in_table);
        }
        Some(_) if predicted_qid.is_none() => report.predicted_row_without_qid += 1,
        Some(_) => {
            report.predicted_with_qid += 1;
            report.predicted_correct += usize::from(correct);
        }
    }
    report.correct_in_table += usize::from(in_table && correct);
    report.correct_with_qid += usize::from(correct);
    report.wrong_with_qid += usize::from(gold_qid.is_some() && predicted_qid.is_some() && !correct);
    let wrong = !correct && (predicted_qid.is_some() || in_table);
    if wrong && report.errors.len() < MAX_EXAMPLES {
        report.errors.push(format!(
            "{} | {} {:?} | gold {} | predicted {}",
            doc.id.as_str().unwrap_or(""),
            entity.label,
            entity.text,
            gold_qid.unwrap_or("NIL"),
            predicted.map_or("NIL".to_string(), |l| format!(
                "{} {}",
                l.id,
                l.wikidata.as_deref().unwrap_or("-")
            ))
        ));
    }
}

/// Builds one document from the sentences of a HIPE document (joined with newlines) with
/// the gold mentions as entities; returns each entity's gold NEL-LIT value.
fn document_from_gold(sentences: &[GoldSentence]) -> (Document, Vec<Option<String>>) {
    let mut text = String::new();
    let mut spans: Vec<(usize, usize, String, Option<String>)> = Vec::new();
    for sentence in sentences {
        if !text.is_empty() {
            text.push('\n');
        }
        let offset = text.chars().count();
        let token_spans = sentence.token_char_spans();
        for (first, end, label) in sentence.entity_spans() {
            if !crate::labels::is_linkable(&label) {
                continue;
            }
            let start_char = offset + token_spans[first].0;
            let end_char = offset + token_spans[end - 1].1;
            spans.push((start_char, end_char, label, sentence.qids[first].clone()));
        }
        text.push_str(&sentence.text());
    }
    let index = CharIndex::new(&text);
    let mut entities = Vec::with_capacity(spans.len());
    let mut gold = Vec::with_capacity(spans.len());
    for (start, end, label, qid) in spans {
        let (start_byte, end_byte) = (index.byte_of(start), index.byte_of(end));
        entities.push(Entity::from_byte_span(
            &text, &index, start_byte, end_byte, label, 1.0,
        ));
        gold.push(qid);
    }
    let id = sentences
        .first()
        .map(|s| s.doc_id.clone())
        .unwrap_or_default();
    let doc = Document {
        id: serde_json::Value::String(id),
        text,
        entities,
        ..Document::default()
    };
    (doc, gold)
}

/// Links the gold PER/ORG/LOC mentions of span gold (frner's JSONL, one linker call per
/// document) and scores those that carry a `wikidata` value (a QID, or `NIL`); mentions
/// without one give context but are not scored.
pub fn eval_span_linking(gold: &[GoldDocument], linker: &Linker) -> LinkReport {
    let mut report = LinkReport::default();
    let mut gold_qids = HashSet::new();
    for g in gold {
        let index = CharIndex::new(&g.text);
        let mentions: Vec<_> = g
            .entities
            .iter()
            .filter(|e| crate::labels::is_linkable(&e.label))
            .collect();
        let entities = mentions
            .iter()
            .map(|e| {
                let (s, t) = (index.byte_of(e.start), index.byte_of(e.end));
                Entity::from_byte_span(&g.text, &index, s, t, e.label.clone(), 1.0)
            })
            .collect();
        let mut doc = Document {
            id: g.id.clone(),
            text: g.text.clone(),
            entities,
            ..Document::default()
        };
        // The linker keeps entity order; pair each entity with its gold span by offsets.
        linker.link_document(&mut doc);
        report.documents += 1;
        for entity in &doc.entities {
            let Some(gold_span) = mentions
                .iter()
                .find(|m| m.start == entity.start && m.end == entity.end)
            else {
                continue;
            };
            if let Some(value) = gold_span.wikidata.as_deref() {
                score_gold_value(
                    &mut report,
                    &mut gold_qids,
                    linker,
                    &doc,
                    entity,
                    Some(value),
                );
            }
        }
    }
    finish_report(&mut report, &gold_qids, linker);
    report
}
