//! BRAT standoff: a directory with `<name>.txt` (the text) and `<name>.ann` (annotations) per
//! document, plus `frner-manifest.jsonl`, one line per input record in input order
//! (`{"seq":…,"id":…,"file":…}` or `{"seq":…,"id":…,"error":{…}}`): the manifest is what makes
//! "one output record per input record" hold for a directory, maps ids to (sanitized,
//! deduplicated) file names, and is what `--resume` counts.
//!
//! The directory is built as `<output>.partial/` and renamed onto `<output>` by `finish`.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::json;

use super::{commit_rename, drawable_entities, id_text, partial_path, scan_lines, Sink};
use crate::document::{CharIndex, Document, Entity};

pub const MANIFEST: &str = "frner-manifest.jsonl";
/// Longest file stem, in bytes, well under the usual 255-byte name limit.
const MAX_STEM_BYTES: usize = 120;

const ANNOTATION_CONF: &str =
    "[entities]\nPER\nORG\nLOC\nMISC\nQUANTITY\n\n[relations]\n\n[events]\n\n[attributes]\n";
const VISUAL_CONF: &str = "[labels]\n\n[drawing]\nPER\tbgColor:#ffd8d8\nORG\tbgColor:#d8e8ff\nLOC\tbgColor:#d8f5d8\nMISC\tbgColor:#f0e0ff\nQUANTITY\tbgColor:#fff0c0\n";
const TOOLS_CONF: &str = "[normalization]\nWikidata\tDB:none, <URL:https://www.wikidata.org/>, <URLBASE:https://www.wikidata.org/wiki/%s>\n";

struct BratSink {
    partial: PathBuf,
    target: PathBuf,
    manifest: BufWriter<File>,
    records: u64,
    /// Lowercased stems in use (lowercase: case-insensitive filesystems).
    used_stems: HashSet<String>,
}

pub fn open_brat_sink(target: &Path, resume: bool) -> Result<(Box<dyn Sink>, u64)> {
    check_replaceable(target)?;
    let partial = partial_path(target);
    if resume && !partial.exists() && target.join(MANIFEST).is_file() {
        fs::rename(target, &partial).with_context(|| {
            format!("cannot move {} to {}", target.display(), partial.display())
        })?;
    }
    let (manifest, records, used_stems) = if resume && partial.join(MANIFEST).is_file() {
        resume_manifest(&partial.join(MANIFEST))?
    } else {
        (fresh_directory(&partial)?, 0, HashSet::new())
    };
    let sink = BratSink {
        partial,
        target: target.to_path_buf(),
        manifest: BufWriter::new(manifest),
        records,
        used_stems,
    };
    Ok((Box::new(sink), records))
}

/// Refuses to replace a directory that frner did not write (a typo in `--output` must not
/// delete someone's files).
fn check_replaceable(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "brat output {} exists and is not a directory",
            dir.display()
        );
    }
    let empty = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .next()
        .is_none();
    if !empty && !dir.join(MANIFEST).is_file() {
        bail!(
            "refusing to replace {}: not empty and not written by frner (no {MANIFEST})",
            dir.display()
        );
    }
    Ok(())
}

fn fresh_directory(partial: &Path) -> Result<File> {
    if partial.exists() {
        check_replaceable(partial)?;
        fs::remove_dir_all(partial)
            .with_context(|| format!("cannot remove stale {}", partial.display()))?;
    }
    fs::create_dir_all(partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let path = partial.join(MANIFEST);
    File::create(&path).with_context(|| format!("cannot create {}", path.display()))
}

/// Keeps the manifest's complete lines; the files of a record that did not reach the manifest
/// are overwritten when that record is written again (its stem is free again).
fn resume_manifest(path: &Path) -> Result<(File, u64, HashSet<String>)> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {} to resume", path.display()))?;
    let mut records = 0;
    let mut offset = 0;
    let mut used_stems = HashSet::new();
    scan_lines(&mut BufReader::new(&mut file), |line, end| {
        let Ok(entry) = serde_json::from_slice::<serde_json::Value>(line) else {
            return false;
        };
        if let Some(stem) = entry.get("file").and_then(|f| f.as_str()) {
            used_stems.insert(stem.to_lowercase());
        }
        records += 1;
        offset = end;
        true
    })
    .with_context(|| format!("cannot read {} to resume", path.display()))?;
    file.set_len(offset)
        .with_context(|| format!("cannot truncate {}", path.display()))?;
    file.seek(SeekFrom::End(0))?;
    tracing::info!(
        "resuming {}: {records} complete records kept",
        path.display()
    );
    Ok((file, records, used_stems))
}

impl Sink for BratSink {
    fn write(&mut self, doc: &Document) -> Result<()> {
        let mut entry = json!({ "seq": self.records + 1, "id": doc.id });
        if let Some(error) = &doc.error {
            entry["error"] = serde_json::to_value(error)?;
        } else {
            let stem = self.claim_stem(doc);
            self.write_files(&stem, doc)?;
            entry["file"] = stem.into();
        }
        // The manifest line goes last: a record counts as written only once its files are.
        serde_json::to_writer(&mut self.manifest, &entry)?;
        self.manifest
            .write_all(b"\n")
            .context("cannot write the brat manifest")?;
        self.records += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        for (name, content) in [
            ("annotation.conf", ANNOTATION_CONF),
            ("visual.conf", VISUAL_CONF),
            ("tools.conf", TOOLS_CONF),
        ] {
            let path = self.partial.join(name);
            fs::write(&path, content)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        self.manifest
            .flush()
            .context("cannot write the brat manifest")?;
        self.manifest
            .get_ref()
            .sync_all()
            .context("cannot write the brat manifest")?;
        replace_directory(&self.partial, &self.target)
    }
}

impl BratSink {
    /// A file stem for `doc`, unique within the output.
    fn claim_stem(&mut self, doc: &Document) -> String {
        let base = safe_stem(&id_text(doc), self.records + 1);
        let mut stem = base.clone();
        let mut n = 1;
        while !self.used_stems.insert(stem.to_lowercase()) {
            n += 1;
            stem = format!("{base}-{n}");
        }
        stem
    }

    fn write_files(&self, stem: &str, doc: &Document) -> Result<()> {
        let txt = self.partial.join(format!("{stem}.txt"));
        fs::write(&txt, &doc.text).with_context(|| format!("cannot write {}", txt.display()))?;
        let ann = self.partial.join(format!("{stem}.ann"));
        fs::write(&ann, annotations(doc)).with_context(|| format!("cannot write {}", ann.display()))
    }
}

/// Moves the finished directory into place. A previous frner output there is moved aside first
/// and deleted after (a directory rename cannot replace a non-empty directory).
fn replace_directory(partial: &Path, target: &Path) -> Result<()> {
    check_replaceable(target)?;
    if !target.exists() {
        return commit_rename(partial, target);
    }
    let mut old = partial_path(target);
    old.set_extension("old");
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    fs::rename(target, &old).with_context(|| format!("cannot move {} aside", target.display()))?;
    commit_rename(partial, target)?;
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
}

/// A portable file stem from an id: ASCII letters, digits, `-`, `_`, `.`; other characters
/// become `_`; a `.txt` suffix (directory inputs) is dropped; never empty, hidden or too long.
pub fn safe_stem(id: &str, seq: u64) -> String {
    let id = id.strip_suffix(".txt").unwrap_or(id);
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(MAX_STEM_BYTES)
        .collect();
    stem = stem.trim_start_matches('.').to_string();
    if stem.is_empty() {
        stem = format!("doc{seq}");
    }
    stem
}

/// The `.ann` content: `T` lines with character offsets (split into fragments at line breaks,
/// as brat requires), `N` lines for Wikidata links, `#` notes for scores and quantities.
pub fn annotations(doc: &Document) -> String {
    let index = CharIndex::new(&doc.text);
    let mut ann = String::new();
    let mut notes = 0;
    for (i, entity) in drawable_entities(doc).into_iter().enumerate() {
        let t = i + 1;
        let surface = &doc.text[entity.start_byte..entity.end_byte];
        let fragments = fragments(surface, entity.start_byte, &index);
        let label = brat_label(&entity.label);
        ann.push_str(&format!(
            "T{t}\t{label} {fragments}\t{}\n",
            surface.replace(['\n', '\r'], " ")
        ));
        if let Some(qid) = entity
            .link
            .as_ref()
            .and_then(|l| l.as_ref())
            .and_then(|l| l.wikidata.as_deref())
        {
            let name = entity
                .link
                .as_ref()
                .and_then(|l| l.as_ref())
                .map_or("", |l| l.name.as_str());
            ann.push_str(&format!(
                "N{t}\tReference T{t} Wikidata:{}\t{}\n",
                one_line(qid),
                one_line(name)
            ));
        }
        notes += 1;
        ann.push_str(&format!(
            "#{notes}\tAnnotatorNotes T{t}\t{}\n",
            note(entity)
        ));
    }
    ann
}

/// `start end[;start end…]` in characters, one fragment per line of the entity text.
fn fragments(surface: &str, start_byte: usize, index: &CharIndex) -> String {
    let mut parts = Vec::new();
    let mut offset = start_byte;
    for piece in surface.split('\n') {
        let trimmed = piece.trim_end_matches('\r');
        if !trimmed.is_empty() {
            let (start, end) = (index.char_of(offset), index.char_of(offset + trimmed.len()));
            parts.push(format!("{start} {end}"));
        }
        offset += piece.len() + 1;
    }
    parts.join(";")
}

fn note(entity: &Entity) -> String {
    let mut note = format!("score={:.3}", entity.score);
    if let Some(q) = &entity.quantity {
        note.push_str(&format!(" {}={}", one_line(&q.kind), q.value));
        if let Some(unit) = &q.unit {
            note.push_str(&format!(" unit={}", one_line(unit)));
        }
    }
    if matches!(entity.link, Some(None)) {
        note.push_str(" link=NIL");
    }
    note
}

fn brat_label(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("2024/01/a.txt", 1), "2024_01_a");
        assert_eq!(safe_stem("../../etc/passwd", 1), "_.._etc_passwd");
        assert_eq!(safe_stem("", 7), "doc7");
        assert_eq!(safe_stem("Élysée", 1), "_lys_e");
    }

    #[test]
    fn entity_across_a_line_break_is_fragmented() {
        let text = "Le\nMinistère de\nla Culture";
        let index = CharIndex::new(text);
        let start = text.find("Ministère").unwrap();
        let entity = Entity::from_byte_span(text, &index, start, text.len(), "ORG", 0.8);
        let doc = Document {
            id: "d".into(),
            text: text.into(),
            entities: vec![entity],
            ..Default::default()
        };
        let ann = annotations(&doc);
        assert!(
            ann.starts_with("T1\tORG 3 15;16 26\tMinistère de la Culture\n"),
            "{ann}"
        );
    }
}
