//! Readers for gold-annotated data, shared by NER evaluation and linking evaluation.
//!
//! * WikiNEuRal CoNLL (`idx<TAB>token<TAB>tag`, blank line between sentences).
//! * HIPE-2020 TSV v1.4 (header line, `# key = value` comment lines, ten columns).

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::decode::Tag;

/// One gold sentence (or HIPE segment).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldSentence {
    /// HIPE `# document_id`; for CoNLL files, `<file stem>-<sentence number>` (1-based).
    pub doc_id: String,
    pub tokens: Vec<String>,
    /// Whether a space follows each token in the original text.
    pub space_after: Vec<bool>,
    /// IOB2 tags: `B-PER`, `I-LOC`, ... or `O`. HIPE coarse literal types are mapped
    /// `pers`→`PER`, `loc`→`LOC`, `org`→`ORG`; other HIPE types (`prod`, `time`) become `O`.
    pub tags: Vec<String>,
    /// Per token NEL-LIT value (HIPE only): `Some("Q90")` for a Wikidata id, `Some("NIL")`
    /// for an entity the annotators found no Wikidata item for, `None` outside entities
    /// (`_`) and for every token of CoNLL files.
    pub qids: Vec<Option<String>>,
}

impl GoldSentence {
    /// The sentence text: tokens joined with a space where `space_after` says so.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (i, token) in self.tokens.iter().enumerate() {
            text.push_str(token);
            if self.space_after.get(i).copied().unwrap_or(true) && i + 1 < self.tokens.len() {
                text.push(' ');
            }
        }
        text
    }

    /// Char offsets (start, end) of each token in [`GoldSentence::text`].
    pub fn token_char_spans(&self) -> Vec<(usize, usize)> {
        let mut spans = Vec::with_capacity(self.tokens.len());
        let mut position = 0;
        for (i, token) in self.tokens.iter().enumerate() {
            let end = position + token.chars().count();
            spans.push((position, end));
            position = end;
            if self.space_after.get(i).copied().unwrap_or(true) {
                position += 1;
            }
        }
        spans
    }

    /// Entity spans as (first token, end token exclusive, type) from the IOB2 tags, chunked
    /// by the one IOB reader ([`crate::decode::chunks`], conlleval's rules): an `I-` tag
    /// without a matching `B-` starts an entity (lenient IOB1 reading).
    pub fn entity_spans(&self) -> Vec<(usize, usize, String)> {
        let tags: Vec<Tag> = self.tags.iter().map(|t| Tag::parse(t)).collect();
        crate::decode::chunks(&tags)
            .into_iter()
            .map(|(kind, first, last)| (first, last + 1, kind))
            .collect()
    }
}

/// Reads a WikiNEuRal-style CoNLL file: `idx<TAB>token<TAB>tag`, blank line between sentences.
pub fn read_conll(path: &Path) -> Result<Vec<GoldSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_conll(&text, &stem, &path.display().to_string())
}

fn parse_conll(text: &str, stem: &str, source: &str) -> Result<Vec<GoldSentence>> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            let id = format!("{stem}-{}", sentences.len() + 1);
            finish_sentence(&mut sentences, &mut current, id);
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        // `idx<TAB>token<TAB>tag` (WikiNEuRal) or `token<TAB>tag` (frner's own CoNLL output);
        // `#` lines that are not token lines are comments (`# id = …`, CoNLL-U metadata).
        let (token, tag) = match fields[..] {
            [_, token, tag] | [token, tag]
                if !line.starts_with('#') || check_iob_tag(tag).is_ok() =>
            {
                (token, tag)
            }
            _ if line.starts_with('#') => continue,
            _ => bail!(
                "{source}:{}: expected `idx<TAB>token<TAB>tag` or `token<TAB>tag`, got {line:?}",
                n + 1
            ),
        };
        check_iob_tag(tag).with_context(|| format!("{source}:{}", n + 1))?;
        current.tokens.push(token.to_string());
        current.space_after.push(true);
        current.tags.push(tag.to_string());
        current.qids.push(None);
    }
    let id = format!("{stem}-{}", sentences.len() + 1);
    finish_sentence(&mut sentences, &mut current, id);
    Ok(sentences)
}

fn finish_sentence(sentences: &mut Vec<GoldSentence>, current: &mut GoldSentence, doc_id: String) {
    if current.tokens.is_empty() {
        return;
    }
    let mut sentence = std::mem::take(current);
    if sentence.doc_id.is_empty() {
        sentence.doc_id = doc_id;
    }
    sentences.push(sentence);
}

fn check_iob_tag(tag: &str) -> Result<()> {
    let valid = tag == "O"
        || tag
            .split_once('-')
            .is_some_and(|(p, t)| (p == "B" || p == "I") && !t.is_empty());
    if !valid {
        bail!("invalid IOB2 tag {tag:?}");
    }
    Ok(())
}

/// Number of columns of a HIPE-2020 v1.4 data line.
const HIPE_COLUMNS: usize = 10;

/// Reads a HIPE-2020 TSV v1.4 file. Sentences end after a token whose MISC column holds
/// `EndOfSentence` or `PySBDSegment` (the segmentation shipped with v1.4), and at each new
/// `# document_id`. Each sentence keeps its document id.
pub fn read_hipe(path: &Path) -> Result<Vec<GoldSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_hipe(&text, &path.display().to_string())
}

pub(crate) fn parse_hipe(text: &str, source: &str) -> Result<Vec<GoldSentence>> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    let mut doc_id = String::new();
    let mut seen_header = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let fields: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() {
            continue;
        }
        // Comment lines have no tabs; a token "#" is a full ten-column data line.
        if line.starts_with('#') && fields.len() < HIPE_COLUMNS {
            if let Some(id) = comment_value(line, "document_id") {
                finish_hipe_sentence(&mut sentences, &mut current, &doc_id);
                doc_id = id.to_string();
            }
            continue;
        }
        if !seen_header && fields.first() == Some(&"TOKEN") {
            seen_header = true;
            continue;
        }
        if fields.len() < HIPE_COLUMNS {
            bail!(
                "{source}:{}: expected {HIPE_COLUMNS} tab-separated columns, got {}",
                n + 1,
                fields.len()
            );
        }
        let misc = fields[9];
        current.tokens.push(fields[0].to_string());
        current
            .space_after
            .push(!misc.split('|').any(|m| m == "NoSpaceAfter"));
        current.tags.push(map_hipe_tag(fields[1]));
        current.qids.push(match fields[7] {
            "_" | "" => None,
            qid => Some(qid.to_string()),
        });
        if misc
            .split('|')
            .any(|m| m == "EndOfSentence" || m == "PySBDSegment")
        {
            finish_hipe_sentence(&mut sentences, &mut current, &doc_id);
        }
    }
    finish_hipe_sentence(&mut sentences, &mut current, &doc_id);
    Ok(sentences)
}

fn finish_hipe_sentence(
    sentences: &mut Vec<GoldSentence>,
    current: &mut GoldSentence,
    doc_id: &str,
) {
    if current.tokens.is_empty() {
        return;
    }
    let mut sentence = std::mem::take(current);
    sentence.doc_id = doc_id.to_string();
    sentences.push(sentence);
}

fn comment_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let (k, v) = line.trim_start_matches('#').split_once('=')?;
    (k.trim() == key).then(|| v.trim())
}

/// `B-pers` → `B-PER`, `I-loc` → `I-LOC`, `B-org` → `B-ORG`; other types → `O`.
fn map_hipe_tag(tag: &str) -> String {
    let Some((prefix, etype)) = tag.split_once('-') else {
        return "O".to_string();
    };
    let mapped = match etype.split('.').next().unwrap_or("") {
        "pers" => "PER",
        "loc" => "LOC",
        "org" => "ORG",
        _ => return "O".to_string(),
    };
    format!("{prefix}-{mapped}")
}

/// One document of frner's span gold format (JSONL, one object per line):
/// `{"id": …, "text": "…", "entities": [{"start": 0, "end": 15, "label": "PER", …}]}`.
/// `start`/`end` are character (Unicode scalar) offsets into `text`, half-open, as in frner's
/// output; other fields (`text` of an entity, `wikidata`, `kind`) are optional.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDocument {
    pub id: serde_json::Value,
    pub text: String,
    pub entities: Vec<GoldSpan>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// QID where the annotator is certain, `"NIL"` for an entity with no Wikidata item
    /// (`"qid"` is accepted as the field's name too, as in data/news-dev/dev.jsonl).
    #[serde(default, alias = "qid")]
    pub wikidata: Option<String>,
}

#[derive(serde::Deserialize)]
struct GoldRecord {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    entities: Vec<GoldEntityRecord>,
}

#[derive(serde::Deserialize)]
struct GoldEntityRecord {
    #[serde(flatten)]
    span: GoldSpan,
    #[serde(default)]
    text: Option<String>,
}

/// Reads span gold (JSONL). Every span is checked against its text: in range, non-empty, and
/// equal to the entity's `text` field when one is given. Errors name the line.
pub fn read_jsonl(path: &Path) -> Result<Vec<GoldDocument>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_jsonl(&text, &path.display().to_string())
}

pub(crate) fn parse_jsonl(text: &str, source: &str) -> Result<Vec<GoldDocument>> {
    let mut docs = vec![];
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{source}:{}", n + 1);
        let rec: GoldRecord = serde_json::from_str(line).with_context(at)?;
        let chars: Vec<(usize, char)> = rec.text.char_indices().collect();
        let byte_of = |c: usize| chars.get(c).map_or(rec.text.len(), |x| x.0);
        let mut entities = Vec::with_capacity(rec.entities.len());
        for e in rec.entities {
            let s = &e.span;
            if s.start >= s.end || s.end > chars.len() {
                bail!(
                    "{}: entity {}..{} ({}) is empty or outside the text ({} chars)",
                    at(),
                    s.start,
                    s.end,
                    s.label,
                    chars.len()
                );
            }
            let covered = &rec.text[byte_of(s.start)..byte_of(s.end)];
            if let Some(t) = &e.text {
                if t != covered {
                    bail!(
                        "{}: entity {}..{} covers {covered:?} but says {t:?}",
                        at(),
                        s.start,
                        s.end
                    );
                }
            }
            entities.push(e.span);
        }
        let id = if rec.id.is_null() {
            serde_json::json!(docs.len())
        } else {
            rec.id
        };
        docs.push(GoldDocument {
            id,
            text: rec.text,
            entities,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HIPE_SAMPLE: &str = "TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC
# language = fr
# document_id = GDL-1900-01-01-a-i0001
Le\tO\tO\tO\tO\tO\tO\t_\t_\t_
Conseil\tB-org\tO\tB-org.adm\tO\tO\tO\tNIL\t_\t_
fédéral\tI-org\tO\tI-org.adm\tO\tO\tO\tNIL\t_\t_
siège\tO\tO\tO\tO\tO\tO\t_\t_\t_
à\tO\tO\tO\tO\tO\tO\t_\t_\t_
Berne\tB-loc\tO\tB-loc.adm.town\tO\tO\tO\tQ70\t_\tNoSpaceAfter
.\tO\tO\tO\tO\tO\tO\t_\t_\tPySBDSegment
#\tO\tO\tO\tO\tO\tO\t_\t_\t_
M\tB-pers\tO\tB-pers.ind\tO\tB-comp.title\tO\tQ517\t_\tNoSpaceAfter
.\tI-pers\tO\tI-pers.ind\tO\tI-comp.title\tO\tQ517\t_\t_
Bonaparte\tI-pers\tO\tI-pers.ind\tO\tB-comp.name\tO\tQ517\t_\t_
en\tO\tO\tO\tO\tO\tO\t_\t_\t_
1800\tB-time\tO\tB-time.date.abs\tO\tO\tO\t_\t_\tNoSpaceAfter
.\tO\tO\tO\tO\tO\tO\t_\t_\tPySBDSegment

# document_id = GDL-1900-01-02-a-i0002
Genève\tB-loc\tO\tB-loc.adm.town\tO\tO\tO\tQ71\t_\t_
";

    #[test]
    fn hipe_segments_tags_and_qids() {
        let sentences = parse_hipe(HIPE_SAMPLE, "sample.tsv").unwrap();
        assert_eq!(sentences.len(), 3);
        let first = &sentences[0];
        assert_eq!(first.doc_id, "GDL-1900-01-01-a-i0001");
        assert_eq!(first.text(), "Le Conseil fédéral siège à Berne.");
        assert_eq!(first.tags[1..3], ["B-ORG", "I-ORG"]);
        assert_eq!(first.qids[5].as_deref(), Some("Q70"));
        assert_eq!(first.qids[1].as_deref(), Some("NIL"));
        assert_eq!(first.qids[0], None);
        let second = &sentences[1];
        assert_eq!(second.tokens[0], "#", "a '#' token is data, not a comment");
        assert_eq!(second.text(), "# M. Bonaparte en 1800.");
        assert_eq!(second.tags[4], "O", "time entities are not NER labels here");
        assert_eq!(sentences[2].doc_id, "GDL-1900-01-02-a-i0002");
    }

    #[test]
    fn token_char_spans_index_the_text() {
        let sentences = parse_hipe(HIPE_SAMPLE, "sample.tsv").unwrap();
        let sentence = &sentences[1];
        let text: Vec<char> = sentence.text().chars().collect();
        for (token, (start, end)) in sentence.tokens.iter().zip(sentence.token_char_spans()) {
            let slice: String = text[start..end].iter().collect();
            assert_eq!(&slice, token);
        }
        assert_eq!(sentence.entity_spans(), vec![(1, 4, "PER".to_string())]);
    }

    #[test]
    fn hipe_short_line_is_an_error_with_line_number() {
        let err = parse_hipe("TOKEN\tX\nfoo\tO\n", "bad.tsv").unwrap_err();
        assert!(err.to_string().contains("bad.tsv:2"), "{err}");
    }

    #[test]
    fn conll_sentences_and_ids() {
        let text = "0\tLa\tO\n1\tChine\tB-LOC\n\n0\tJean\tB-PER\n1\tDupont\tI-PER\n";
        let sentences = parse_conll(text, "dev", "dev.conllu").unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].doc_id, "dev-1");
        assert_eq!(sentences[1].doc_id, "dev-2");
        assert_eq!(sentences[1].text(), "Jean Dupont");
        assert_eq!(sentences[1].entity_spans(), vec![(0, 2, "PER".to_string())]);
        assert!(sentences[0].space_after.iter().all(|&s| s));
    }

    #[test]
    fn conll_bad_tag_is_reported() {
        let err = parse_conll("0\tLa\tX-LOC\n", "dev", "dev.conllu").unwrap_err();
        assert!(format!("{err:#}").contains("dev.conllu:1"), "{err:#}");
    }

    #[test]
    fn jsonl_gold_checks_spans_against_text() {
        let ok = r#"{"id":"a","text":"Mme Borne à Matignon","entities":[{"start":4,"end":9,"label":"PER","text":"Borne"},{"start":12,"end":20,"label":"ORG","wikidata":"Q1"}]}"#;
        let docs = parse_jsonl(&format!("\u{feff}{ok}\n\n"), "g").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].entities[1].wikidata.as_deref(), Some("Q1"));
        assert_eq!(docs[0].entities[0].end, 9);
        let wrong_text = ok.replace(r#""text":"Borne""#, r#""text":"Born""#);
        let e = parse_jsonl(&wrong_text, "g").unwrap_err();
        assert!(format!("{e:#}").contains("g:1"), "{e:#}");
        let outside = ok.replace(r#""end":20"#, r#""end":21"#);
        assert!(parse_jsonl(&outside, "g").is_err());
        let empty = ok.replace(r#""start":4,"end":9"#, r#""start":4,"end":4"#);
        assert!(parse_jsonl(&empty, "g").is_err());
    }
}
