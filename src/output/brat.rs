//! BRAT standoff: a directory with `<name>.txt` (the text) and `<name>.ann` (annotations) per
//! document, plus `frner-manifest.jsonl`, one line per input record in input order
//! (`{"seq":…,"id":…,"file":…}` or `{"seq":…,"id":…,"error":{…}}`): the manifest is what makes
//! "one output record per input record" hold for a directory, maps ids to (sanitized,
//! deduplicated) file names, and is what `--resume` counts.
//!
//! The directory is built as `<output>.partial/` and renamed onto `<output>` by `finish`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::value::RawValue;
use serde_json::{json, Value};

use super::target::{self, fnv1a};
use super::{
    commit_rename, drawable_entities, id_text, partial_path, plain_raw_id, resume, Existing, Sink,
    SinkOptions,
};
use crate::document::{CharIndex, Document, Entity, Linking};

pub const MANIFEST: &str = "frner-manifest.jsonl";
/// The stem whose files are being written (they reach the manifest once complete).
const PENDING: &str = "frner-pending";
/// The job that wrote the directory (see `SinkOptions::job`).
const JOB: &str = "frner-job.json";
/// Longest file stem, in bytes, well under the usual 255-byte name limit.
const MAX_STEM_BYTES: usize = 120;

const CONF_FILES: &[&str] = &["annotation.conf", "visual.conf", "tools.conf"];
const TOOLS_CONF: &str = "[normalization]\nWikidata\tDB:none, <URL:https://www.wikidata.org/>, <URLBASE:https://www.wikidata.org/wiki/%s>\n";

struct BratSink {
    partial: PathBuf,
    target: PathBuf,
    manifest: BufWriter<File>,
    records: u64,
    /// Lowercased stems in use (lowercase: case-insensitive filesystems).
    used_stems: HashSet<String>,
    /// Every entity label written, for `annotation.conf`.
    labels: BTreeSet<String>,
}

/// What frner wrote in one of its brat directories, per its manifest: the only files it may
/// replace or delete there.
#[derive(Debug, Default)]
struct Owned {
    /// Complete manifest lines and the byte length they span.
    records: u64,
    manifest_len: u64,
    ids: Vec<u64>,
    /// Stems of complete records, with the content hashes the manifest recorded.
    stems: Vec<(String, Option<String>, Option<String>)>,
    /// The stem of a record cut off before its manifest line.
    pending: Option<String>,
    labels: BTreeSet<String>,
    job: Option<Value>,
    /// Every entry of the directory (all of them frner's, once checked).
    entries: Vec<PathBuf>,
}

#[derive(serde::Deserialize)]
struct ManifestEntry<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    txt: Option<String>,
    #[serde(default)]
    ann: Option<String>,
}

pub fn open_brat_sink(
    target: &Path,
    opts: &SinkOptions,
    check: &mut dyn FnMut(&Existing) -> Result<()>,
) -> Result<(Box<dyn Sink>, u64)> {
    if let Some(meta) = target::lstat(target)? {
        if !meta.is_dir() {
            bail!(
                "brat output {} exists and is {}, not a directory",
                target.display(),
                target::kind_name(&meta)
            );
        }
        // Refuse now, not after the whole run, if it cannot be replaced at the end.
        owned_files(target)?;
    }
    let mut output = BratOutput {
        target: target.to_path_buf(),
        partial: partial_path(target),
        stems: vec![],
        labels: BTreeSet::new(),
    };
    let (manifest, records) = resume::open(&mut output, opts.resume, check)?;
    let partial = output.partial;
    if let Some(job) = &opts.job {
        super::write_job(&partial, JOB, &partial.join(JOB), job)?;
    }
    let used_stems = output
        .stems
        .iter()
        .map(|(stem, _, _)| stem.to_lowercase())
        .collect();
    let sink = BratSink {
        partial,
        target: output.target,
        manifest: BufWriter::new(manifest),
        records,
        used_stems,
        labels: output.labels,
    };
    Ok((Box::new(sink), records))
}

/// A brat directory being opened; once resumed, the stems and labels of the records kept.
struct BratOutput {
    target: PathBuf,
    partial: PathBuf,
    stems: Vec<(String, Option<String>, Option<String>)>,
    labels: BTreeSet<String>,
}

impl BratOutput {
    /// Keeps what the records of a resumed output claimed (stems, labels).
    fn keep(&mut self, owned: Owned) -> u64 {
        self.stems = owned.stems;
        self.labels = owned.labels;
        owned.records
    }
}

impl resume::Resumable for BratOutput {
    type Found = Owned;
    /// The manifest, open for appending.
    type Open = File;

    fn target(&self) -> &Path {
        &self.target
    }

    fn partial(&self) -> &Path {
        &self.partial
    }

    fn has_finished(&self) -> Result<bool> {
        Ok(self.target.join(MANIFEST).is_file())
    }

    fn scan_partial(&mut self) -> Result<(Owned, Existing)> {
        scan(&self.partial)
    }

    fn scan_finished(&mut self) -> Result<(Owned, Existing)> {
        scan(&self.target)
    }

    fn continue_partial(&mut self, owned: Owned) -> Result<(File, u64)> {
        // The cut-off record's files are written again (its stem is free again).
        if let Some(stem) = &owned.pending {
            for ext in ["txt", "ann"] {
                remove_if_present(&self.partial.join(format!("{stem}.{ext}")))?;
            }
        }
        let manifest = self.partial.join(MANIFEST);
        let mut file = target::open_leftover(&manifest)?;
        file.set_len(owned.manifest_len)
            .with_context(|| format!("cannot truncate {}", manifest.display()))?;
        file.seek(SeekFrom::End(0))?;
        Ok((file, self.keep(owned)))
    }

    fn continue_finished(&mut self, owned: Owned) -> Result<(File, u64)> {
        let file = copy_owned(&self.target, &self.partial, &owned)?;
        Ok((file, self.keep(owned)))
    }

    fn start(&mut self) -> Result<File> {
        if target::lstat(&self.partial)?.is_some() {
            let stale = owned_files(&self.partial)?;
            remove_owned(&self.partial, &stale)?;
        }
        fresh_directory(&self.partial)
    }
}

/// What a brat directory holds, and what `--resume`'s check is shown of it.
fn scan(dir: &Path) -> Result<(Owned, Existing)> {
    let owned = owned_files(dir)?;
    let existing = Existing {
        path: dir.to_path_buf(),
        ids: owned.ids.clone(),
        job: owned.job.clone(),
    };
    Ok((owned, existing))
}

/// Checks that every entry of `dir` is a regular file frner wrote there, per the manifest
/// (or that `dir` is empty), and that no `.txt`/`.ann` was edited since; anything else is an
/// error that names it. Nothing is changed.
fn owned_files(dir: &Path) -> Result<Owned> {
    let meta = target::lstat(dir)?.with_context(|| format!("{} does not exist", dir.display()))?;
    if !meta.is_dir() {
        bail!(
            "refusing to use {}: it is {}, not a directory frner wrote",
            dir.display(),
            target::kind_name(&meta)
        );
    }
    let mut owned = Owned::default();
    let mut names: Vec<String> = Vec::new();
    let mut foreign: Vec<String> = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot inspect {}", entry.path().display()))?;
        if kind.is_file() {
            names.push(name);
        } else {
            foreign.push(name);
        }
        owned.entries.push(entry.path());
    }
    if names.is_empty() && foreign.is_empty() {
        return Ok(owned);
    }
    if !names.iter().any(|n| n == MANIFEST) {
        bail!(
            "refusing to replace {}: not empty and not written by frner (no {MANIFEST})",
            dir.display()
        );
    }
    read_manifest(&dir.join(MANIFEST), &mut owned)?;
    if names.iter().any(|n| n == PENDING) {
        let mut stem = String::new();
        target::open_read_nofollow(&dir.join(PENDING))?
            .read_to_string(&mut stem)
            .with_context(|| format!("cannot read {}", dir.join(PENDING).display()))?;
        owned.pending = Some(stem.trim_end().to_string()).filter(|s| !s.is_empty());
    }
    if names.iter().any(|n| n == JOB) {
        owned.job = super::read_job(&dir.join(JOB))?;
    }
    let mut allowed: HashMap<String, Option<&str>> = HashMap::new();
    for name in [MANIFEST, PENDING, JOB].iter().chain(CONF_FILES) {
        allowed.insert(name.to_string(), None);
    }
    for (stem, txt, ann) in &owned.stems {
        allowed.insert(format!("{stem}.txt"), Some(txt.as_deref().unwrap_or("")));
        allowed.insert(format!("{stem}.ann"), Some(ann.as_deref().unwrap_or("")));
    }
    if let Some(stem) = &owned.pending {
        for ext in ["txt", "ann"] {
            allowed.entry(format!("{stem}.{ext}")).or_insert(None);
        }
    }
    let mut labels = BTreeSet::new();
    for name in &names {
        match allowed.get(name) {
            None => foreign.push(name.clone()),
            Some(None) => {}
            Some(Some(expected)) => {
                let bytes = fs::read(dir.join(name))
                    .with_context(|| format!("cannot read {}", dir.join(name).display()))?;
                if !expected.is_empty() && format!("{:016x}", fnv1a(&bytes)) != *expected {
                    bail!(
                        "refusing to replace {}: {name} was changed after frner wrote it; \
                         move it away first",
                        dir.display()
                    );
                }
                if name.ends_with(".ann") {
                    labels.extend(ann_labels(&String::from_utf8_lossy(&bytes)));
                }
            }
        }
    }
    owned.labels = labels;
    if !foreign.is_empty() {
        foreign.sort();
        foreign.truncate(5);
        bail!(
            "refusing to replace {}: it holds entries frner did not write ({}); move them away",
            dir.display(),
            foreign.join(", ")
        );
    }
    Ok(owned)
}

/// Reads the manifest's complete lines into `owned`.
fn read_manifest(path: &Path, owned: &mut Owned) -> Result<()> {
    let file = target::open_read_nofollow(path)?;
    let mut reader = BufReader::new(file);
    super::scan_lines(&mut reader, |line, end| {
        let Ok(entry) = serde_json::from_slice::<ManifestEntry>(line) else {
            return false;
        };
        if let Some(stem) = entry.file {
            owned.stems.push((stem, entry.txt, entry.ann));
        }
        owned.ids.push(super::id_hash(&plain_raw_id(entry.id)));
        owned.records += 1;
        owned.manifest_len = end;
        true
    })
    .with_context(|| format!("cannot read {}", path.display()))
}

/// The labels of an `.ann` file's `T` lines.
fn ann_labels(ann: &str) -> impl Iterator<Item = String> + '_ {
    ann.lines().filter(|l| l.starts_with('T')).filter_map(|l| {
        let (_, rest) = l.split_once('\t')?;
        Some(rest.split(' ').next()?.to_string())
    })
}

/// Deletes exactly the files listed in `owned` (checked by [`owned_files`]), then the
/// directory itself, which fails if anything else appeared meanwhile.
fn remove_owned(dir: &Path, owned: &Owned) -> Result<()> {
    for path in &owned.entries {
        remove_if_present(path)?;
    }
    fs::remove_dir(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// A fresh partial directory (`mkdir`, so it cannot be someone else's) with an empty manifest.
fn fresh_directory(partial: &Path) -> Result<File> {
    fs::create_dir(partial).with_context(|| format!("cannot create {}", partial.display()))?;
    create_new(&partial.join(MANIFEST))
}

fn create_new(path: &Path) -> Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

/// Copies a finished output's complete records into a fresh `partial` and returns its
/// manifest, open for appending.
fn copy_owned(target: &Path, partial: &Path, owned: &Owned) -> Result<File> {
    let mut manifest = fresh_directory(partial)?;
    let mut source = target::open_read_nofollow(&target.join(MANIFEST))?;
    std::io::copy(&mut (&mut source).take(owned.manifest_len), &mut manifest)
        .with_context(|| format!("cannot copy {}", target.join(MANIFEST).display()))?;
    for (stem, _, _) in &owned.stems {
        for ext in ["txt", "ann"] {
            let name = format!("{stem}.{ext}");
            let mut from = target::open_read_nofollow(&target.join(&name))?;
            let mut to = create_new(&partial.join(&name))?;
            std::io::copy(&mut from, &mut to)
                .with_context(|| format!("cannot copy {}", target.join(&name).display()))?;
        }
    }
    Ok(manifest)
}

impl Sink for BratSink {
    fn write(&mut self, doc: &Document) -> Result<()> {
        let id = RawValue::from_string(doc.id_json())?;
        let mut entry = json!({ "seq": self.records + 1, "id": id });
        if let Some(error) = &doc.error {
            entry["error"] = serde_json::to_value(error)?;
        } else {
            let stem = self.claim_stem(doc);
            let ann = self.write_files(&stem, doc)?;
            entry["file"] = stem.into();
            entry["txt"] = format!("{:016x}", fnv1a(doc.text.as_bytes())).into();
            entry["ann"] = format!("{:016x}", fnv1a(ann.as_bytes())).into();
            self.labels
                .extend(drawable_entities(doc).iter().map(|e| brat_label(&e.label)));
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
        // Every registry label, even when a run finds none of them, then custom model labels.
        let mut labels: Vec<String> = crate::labels::all()
            .iter()
            .map(|l| l.name.clone())
            .collect();
        labels.extend(
            self.labels
                .iter()
                .filter(|l| crate::labels::get(l).is_none())
                .cloned(),
        );
        for (name, content) in [
            ("annotation.conf", annotation_conf(&labels)),
            ("visual.conf", visual_conf(&labels)),
            ("tools.conf", TOOLS_CONF.to_string()),
        ] {
            let path = self.partial.join(name);
            remove_if_present(&path)?;
            create_new(&path).and_then(|mut f| {
                f.write_all(content.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))
            })?;
        }
        self.manifest
            .flush()
            .context("cannot write the brat manifest")?;
        self.manifest
            .get_ref()
            .sync_all()
            .context("cannot write the brat manifest")?;
        remove_if_present(&self.partial.join(PENDING))?;
        replace_directory(&self.partial, &self.target)
    }
}

/// `annotation.conf`: every label of the output (custom model labels included).
fn annotation_conf(labels: &[String]) -> String {
    let mut conf = String::from("[entities]\n");
    for label in labels {
        conf.push_str(label);
        conf.push('\n');
    }
    conf.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
    conf
}

fn visual_conf(labels: &[String]) -> String {
    let mut conf = String::from("[labels]\n\n[drawing]\n");
    for label in labels {
        let colour = crate::labels::get(label).map_or("#e0e0e0", |l| l.background.as_str());
        conf.push_str(&format!("{label}\tbgColor:{colour}\n"));
    }
    conf
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

    /// Writes the record's files (fresh: `O_EXCL`), after naming them in the pending file.
    fn write_files(&self, stem: &str, doc: &Document) -> Result<String> {
        let pending = self.partial.join(PENDING);
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&pending)
            .and_then(|mut f| f.write_all(stem.as_bytes()))
            .with_context(|| format!("cannot write {}", pending.display()))?;
        let ann = annotations(doc);
        for (ext, content) in [("txt", doc.text.as_bytes()), ("ann", ann.as_bytes())] {
            let path = self.partial.join(format!("{stem}.{ext}"));
            create_new(&path)?
                .write_all(content)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(ann)
    }
}

/// Moves the finished directory into place. A previous frner output there (checked again:
/// only files its manifest lists) is first moved into a fresh, randomly named directory (a
/// rename can only replace an empty directory), and its files are deleted after.
fn replace_directory(partial: &Path, target: &Path) -> Result<()> {
    if target::lstat(target)?.is_none() {
        return commit_rename(partial, target);
    }
    let owned = owned_files(target)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = target::create_temp_dir(target::parent_dir(target), &format!("{name}.old"))?;
    fs::rename(target, &old).with_context(|| format!("cannot move {} aside", target.display()))?;
    commit_rename(partial, target)?;
    let moved = Owned {
        entries: owned
            .entries
            .iter()
            .filter_map(|p| p.file_name().map(|n| old.join(n)))
            .collect(),
        ..Owned::default()
    };
    if let Err(err) = remove_owned(&old, &moved) {
        tracing::warn!("the previous output was kept in {}: {err:#}", old.display());
    }
    Ok(())
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
            one_line(surface)
        ));
        let row = entity.link.row();
        if let (Some(row), Some(qid)) = (row, row.and_then(|r| r.wikidata.as_deref())) {
            let name = row.name.as_str();
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
    if entity.link == Linking::Nil {
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
