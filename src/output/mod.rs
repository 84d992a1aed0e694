//! Output writers ("sinks"): JSON Lines, CoNLL, BRAT and HTML.
//!
//! File outputs are written to `<output>.partial` and renamed onto `<output>` by
//! [`Sink::finish`], so a reader never sees a half-written file under the final name. An
//! interrupted run leaves the `.partial` behind; reopening with `resume` keeps its complete
//! records, cuts off a partial last record, and tells the caller how many input records to
//! skip. Each format is self-delimiting so that "complete record" is decidable from the bytes
//! alone (see `docs/formats.md`).

pub mod brat;
pub mod conll;
pub mod html;
pub mod jsonl;
pub use crate::segment as words;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{bail, Context, Result};

use crate::document::{Document, Entity};

/// Exit status when every record was processed.
pub const EXIT_OK: i32 = 0;
/// Exit status for usage errors and fatal errors (unreadable input, unwritable output).
pub const EXIT_FATAL: i32 = 2;
/// Exit status when the run completed but some records are error records.
pub const EXIT_RECORD_ERRORS: i32 = 3;

/// Output format, as named on the command line (`--format jsonl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Jsonl,
    Conll,
    Brat,
    Html,
}

impl Format {
    /// Every format's command-line name, in help order.
    pub const NAMES: &'static [&'static str] = &["jsonl", "conll", "brat", "html"];

    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Conll => "conll",
            Format::Brat => "brat",
            Format::Html => "html",
        }
    }
}

impl FromStr for Format {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Format> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "conll" => Format::Conll,
            "brat" => Format::Brat,
            "html" => Format::Html,
            _ => bail!(
                "unknown output format {s:?}: expected one of {}",
                Format::NAMES.join(", ")
            ),
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Receives documents in input order.
pub trait Sink: Send {
    fn write(&mut self, doc: &Document) -> Result<()>;
    /// Completes the output (footer, flush, fsync, atomic rename). Dropping a sink without
    /// calling this leaves a resumable `.partial` output.
    fn finish(self: Box<Self>) -> Result<()>;
}

#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    pub format: Format,
    pub resume: bool,
}

/// Opens `output` (`-` = stdout) in the requested format. Returns the sink and, with
/// `opts.resume`, how many records the existing output already holds (the caller skips that
/// many input records); 0 otherwise.
pub fn open_sink(output: &str, opts: &SinkOptions) -> Result<(Box<dyn Sink>, u64)> {
    if output == "-" {
        if opts.resume {
            bail!("--resume needs an output file, not stdout");
        }
        return Ok((stdout_sink(opts.format)?, 0));
    }
    let target = Path::new(output);
    match opts.format {
        Format::Jsonl => open_file_sink(target, jsonl::JsonlEncoder, opts.resume),
        Format::Conll => open_file_sink(target, conll::ConllEncoder, opts.resume),
        Format::Html => open_file_sink(target, html::HtmlEncoder, opts.resume),
        Format::Brat => brat::open_brat_sink(target, opts.resume),
    }
}

fn stdout_sink(format: Format) -> Result<Box<dyn Sink>> {
    let out: Box<dyn Write + Send> = Box::new(io::stdout());
    Ok(match format {
        Format::Jsonl => Box::new(StreamSink::new(out, jsonl::JsonlEncoder)?),
        Format::Conll => Box::new(StreamSink::new(out, conll::ConllEncoder)?),
        Format::Html => Box::new(StreamSink::new(out, html::HtmlEncoder)?),
        Format::Brat => bail!("the brat format writes a directory: give --output DIR"),
    })
}

/// A single-file, line-oriented output format.
pub trait Encoder: Send {
    /// Written once at the start of a fresh output.
    fn header(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn record(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()>;
    /// Written once by `finish`; `records` is the total number of records in the output.
    fn footer(&mut self, _out: &mut dyn Write, _records: u64) -> io::Result<()> {
        Ok(())
    }
    /// Scans an existing output and returns where its last complete record ends.
    fn scan(&self, existing: &mut dyn BufRead) -> io::Result<ResumePoint>;
}

/// The complete prefix of an existing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResumePoint {
    /// Complete records in the prefix.
    pub records: u64,
    /// Byte length of the prefix (header included); 0 means "start afresh, header too".
    pub offset: u64,
}

/// Reads `existing` line by line (each line with its `\n`), feeding `on_line` the line and the
/// byte offset just after it; stops at a line without a terminator (a partial write) or when
/// `on_line` returns `false` (corruption).
pub fn scan_lines(
    existing: &mut dyn BufRead,
    mut on_line: impl FnMut(&[u8], u64) -> bool,
) -> io::Result<()> {
    let mut line = Vec::new();
    let mut offset = 0u64;
    loop {
        line.clear();
        let n = existing.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            return Ok(());
        }
        offset += n as u64;
        if !on_line(&line[..n - 1], offset) {
            return Ok(());
        }
    }
}

/// Writes to a stream that cannot be renamed or resumed (stdout).
struct StreamSink<E: Encoder> {
    out: BufWriter<Box<dyn Write + Send>>,
    encoder: E,
    records: u64,
}

impl<E: Encoder> StreamSink<E> {
    fn new(out: Box<dyn Write + Send>, mut encoder: E) -> Result<Self> {
        let mut out = BufWriter::new(out);
        encoder.header(&mut out).context("cannot write output")?;
        Ok(StreamSink {
            out,
            encoder,
            records: 0,
        })
    }
}

impl<E: Encoder> Sink for StreamSink<E> {
    fn write(&mut self, doc: &Document) -> Result<()> {
        self.encoder
            .record(&mut self.out, doc)
            .context("cannot write output")?;
        self.records += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.encoder
            .footer(&mut self.out, self.records)
            .context("cannot write output")?;
        self.out.flush().context("cannot write output")
    }
}

/// Writes `<target>.partial`, renamed onto `<target>` by `finish`.
struct FileSink<E: Encoder> {
    out: BufWriter<File>,
    encoder: E,
    records: u64,
    partial: PathBuf,
    target: PathBuf,
}

/// Where an interrupted output is kept: beside the target, so the final rename is atomic.
pub fn partial_path(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    target.with_file_name(name)
}

fn open_file_sink<E: Encoder + 'static>(
    target: &Path,
    mut encoder: E,
    resume: bool,
) -> Result<(Box<dyn Sink>, u64)> {
    if target.is_dir() {
        bail!("output {} is a directory", target.display());
    }
    let partial = partial_path(target);
    let resumed = if resume {
        resume_partial(target, &partial, &encoder)?
    } else {
        None
    };
    let (file, records, fresh) = match resumed {
        Some((file, point)) if point.offset > 0 => (file, point.records, false),
        _ => {
            let file = File::create(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            (file, 0, true)
        }
    };
    let mut out = BufWriter::with_capacity(1 << 16, file);
    if fresh {
        encoder
            .header(&mut out)
            .with_context(|| format!("cannot write {}", partial.display()))?;
    }
    let sink = FileSink {
        out,
        encoder,
        records,
        partial,
        target: target.to_path_buf(),
    };
    Ok((Box::new(sink), records))
}

/// Finds the output of an earlier run (its `.partial`, else a finished `target`), keeps its
/// complete prefix and returns it open for appending.
fn resume_partial(
    target: &Path,
    partial: &Path,
    encoder: &dyn Encoder,
) -> Result<Option<(File, ResumePoint)>> {
    if !partial.exists() {
        if !target.exists() {
            return Ok(None);
        }
        // A finished output: continue it (its footer is cut off like a partial record).
        fs::rename(target, partial).with_context(|| {
            format!("cannot move {} to {}", target.display(), partial.display())
        })?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(partial)
        .with_context(|| format!("cannot open {} to resume", partial.display()))?;
    let point = encoder
        .scan(&mut BufReader::new(&mut file))
        .with_context(|| format!("cannot read {} to resume", partial.display()))?;
    file.set_len(point.offset)
        .with_context(|| format!("cannot truncate {}", partial.display()))?;
    file.seek(SeekFrom::End(0))?;
    tracing::info!(
        "resuming {}: {} complete records kept",
        partial.display(),
        point.records
    );
    Ok(Some((file, point)))
}

impl<E: Encoder> Sink for FileSink<E> {
    fn write(&mut self, doc: &Document) -> Result<()> {
        self.encoder
            .record(&mut self.out, doc)
            .with_context(|| format!("cannot write {}", self.partial.display()))?;
        self.records += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let context = || format!("cannot write {}", self.partial.display());
        self.encoder
            .footer(&mut self.out, self.records)
            .with_context(context)?;
        self.out.flush().with_context(context)?;
        self.out.get_ref().sync_all().with_context(context)?;
        commit_rename(&self.partial, &self.target)
    }
}

/// Renames the finished output into place and makes the rename durable.
pub(crate) fn commit_rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))?;
    let parent = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Best effort: some filesystems do not support fsync on directories.
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The entities of `doc` that can be drawn on its text: in bounds, on char boundaries,
/// non-empty, sorted and non-overlapping. Others are skipped (with a debug log) instead of
/// making a writer panic on a bad span.
pub fn drawable_entities(doc: &Document) -> Vec<&Entity> {
    let mut kept: Vec<&Entity> = Vec::with_capacity(doc.entities.len());
    let mut last_end = 0;
    for entity in &doc.entities {
        let (start, end) = (entity.start_byte, entity.end_byte);
        let valid = start < end && start >= last_end && doc.text.get(start..end).is_some();
        if valid {
            kept.push(entity);
            last_end = end;
        } else {
            tracing::debug!("document {}: skipping unusable span {start}..{end}", doc.id);
        }
    }
    kept
}

/// The id as plain text for headers and file names: strings unquoted, control characters
/// (newlines, tabs) replaced by spaces so they cannot break line-based formats.
pub fn id_text(doc: &Document) -> String {
    let raw = match &doc.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for name in Format::NAMES {
            let format: Format = name.parse().unwrap();
            assert_eq!(format.name(), *name);
        }
        assert!("xml".parse::<Format>().is_err());
    }
}
