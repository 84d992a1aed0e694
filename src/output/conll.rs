//! CoNLL (two columns, BIO tags). Each document is a self-delimiting block:
//!
//! ```text
//! # id = AFP-001
//! # sentences = 2
//! Emmanuel<TAB>B-PER
//! Macron<TAB>I-PER
//! …
//! <blank line after each sentence>
//! ```
//!
//! Error records carry `# error = {"line":…,"kind":…,"message":…}` and `# sentences = 0`.
//! The sentence count makes "this block is complete" decidable when resuming.

use std::io::{self, BufRead, Write};

use super::words::{self, Sentence};
use super::{drawable_entities, id_text, scan_lines, RecordFormat, ResumePoint};
use crate::document::{Document, Entity};

pub struct ConllFormat;

impl RecordFormat for ConllFormat {
    fn record(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()> {
        write_document(out, doc)
    }

    fn scan(&self, existing: &mut dyn BufRead) -> io::Result<ResumePoint> {
        let mut scanner = BlockScanner::default();
        scan_lines(existing, |line, end| scanner.feed(line, end))?;
        Ok(scanner.complete)
    }
}

/// Writes one document block.
pub fn write_document(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "# id = {}", id_text(doc))?;
    if let Some(error) = &doc.error {
        writeln!(out, "# error = {}", serde_json::to_string(error)?)?;
        return writeln!(out, "# sentences = 0");
    }
    let sentences = words::sentences(&doc.text);
    writeln!(out, "# sentences = {}", sentences.len())?;
    let entities = drawable_entities(doc);
    let mut tagger = BioTagger::new(&entities);
    for sentence in &sentences {
        write_sentence(out, &doc.text, sentence, &mut tagger)?;
    }
    Ok(())
}

fn write_sentence(
    out: &mut dyn Write,
    text: &str,
    sentence: &Sentence,
    tagger: &mut BioTagger,
) -> io::Result<()> {
    for token in sentence {
        writeln!(
            out,
            "{}\t{}",
            &text[token.clone()],
            tagger.tag(token.start, token.end)
        )?;
    }
    writeln!(out)
}

/// Assigns BIO tags to tokens given in text order: a token overlapping an entity is `B-` if
/// it is the entity's first token, `I-` otherwise.
struct BioTagger<'a> {
    entities: &'a [&'a Entity],
    /// First entity that may still overlap the next token.
    next: usize,
    /// Index of the entity the previous token belonged to.
    previous: Option<usize>,
}

impl<'a> BioTagger<'a> {
    fn new(entities: &'a [&'a Entity]) -> Self {
        BioTagger {
            entities,
            next: 0,
            previous: None,
        }
    }

    fn tag(&mut self, start: usize, end: usize) -> String {
        while self
            .entities
            .get(self.next)
            .is_some_and(|e| e.end_byte <= start)
        {
            self.next += 1;
        }
        let hit = self.entities.get(self.next).filter(|e| e.start_byte < end);
        let Some(entity) = hit else {
            self.previous = None;
            return "O".to_string();
        };
        let prefix = if self.previous == Some(self.next) {
            "I"
        } else {
            "B"
        };
        self.previous = Some(self.next);
        let label: String = entity
            .label
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        format!("{prefix}-{label}")
    }
}

/// Resume scanner: tracks the block being read and the end of the last complete one.
#[derive(Default)]
struct BlockScanner {
    complete: ResumePoint,
    /// Id of the block being read.
    id: String,
    state: BlockState,
}

#[derive(Default)]
enum BlockState {
    #[default]
    ExpectHeader,
    Header,
    Body {
        sentences_left: u64,
    },
}

impl BlockScanner {
    /// Returns false when the bytes do not follow the block grammar (stop scanning there).
    fn feed(&mut self, line: &[u8], end: u64) -> bool {
        let Ok(line) = std::str::from_utf8(line) else {
            return false;
        };
        match self.state {
            BlockState::ExpectHeader => {
                let Some(id) = line.strip_prefix("# id = ") else {
                    return false;
                };
                self.id = id.to_string();
                self.state = BlockState::Header;
            }
            BlockState::Header => {
                if let Some(count) = line.strip_prefix("# sentences = ") {
                    let Ok(sentences_left) = count.parse::<u64>() else {
                        return false;
                    };
                    self.state = BlockState::Body { sentences_left };
                    if sentences_left == 0 {
                        self.complete_block(end);
                    }
                } else if !line.starts_with('#') {
                    return false;
                }
            }
            BlockState::Body { sentences_left } => {
                if line.is_empty() {
                    self.state = BlockState::Body {
                        sentences_left: sentences_left - 1,
                    };
                    if sentences_left == 1 {
                        self.complete_block(end);
                    }
                } else if !line.contains('\t') {
                    return false;
                }
            }
        }
        true
    }

    fn complete_block(&mut self, end: u64) {
        self.complete.push(end, &self.id);
        self.state = BlockState::ExpectHeader;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CharIndex;

    #[test]
    fn bio_tags_follow_entity_spans() {
        let text = "Emmanuel Macron visite l'Assemblée nationale.";
        let index = CharIndex::new(text);
        let per = Entity::from_byte_span(text, &index, 0, 15, "PER", 0.99);
        let org_start = text.find("Assemblée").unwrap();
        let org = Entity::from_byte_span(text, &index, org_start, text.len() - 1, "ORG", 0.9);
        let doc = Document {
            id: "a".into(),
            text: text.into(),
            entities: vec![per, org],
            ..Default::default()
        };
        let mut out = Vec::new();
        write_document(&mut out, &doc).unwrap();
        let expected = "# id = a\n# sentences = 1\nEmmanuel\tB-PER\nMacron\tI-PER\nvisite\tO\n\
                        l'\tO\nAssemblée\tB-ORG\nnationale\tI-ORG\n.\tO\n\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
