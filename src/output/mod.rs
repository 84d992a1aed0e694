//! Output writers ("sinks"): JSON Lines, CoNLL, BRAT, HTML and Parquet.
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
pub mod parquet;
mod resume;
pub mod target;
pub use crate::segment as words;

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{bail, Context, Result};
use serde_json::Value;

pub use target::commit_rename;
use target::{with_suffix, Target};

use crate::document::{Document, Entity};

/// Output format, as named on the command line (`--format jsonl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Jsonl,
    Conll,
    Brat,
    Html,
    Parquet,
}

impl Format {
    /// Every format's command-line name, in help order.
    pub const NAMES: &'static [&'static str] = &["jsonl", "conll", "brat", "html", "parquet"];

    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Conll => "conll",
            Format::Brat => "brat",
            Format::Html => "html",
            Format::Parquet => "parquet",
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
            "parquet" => Format::Parquet,
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
    /// Pushes the records written so far to a stream output (stdout, a FIFO), so that a
    /// reader at the other end sees them now; file outputs are only read once complete.
    fn flush(&mut self) -> Result<()> {
        Ok(())
    }
    /// Completes the output (footer, flush, fsync, atomic rename). Dropping a sink without
    /// calling this leaves a resumable `.partial` output.
    fn finish(self: Box<Self>) -> Result<()>;
}

#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    pub format: Format,
    pub resume: bool,
    /// What makes this run's records (input identity, record-shaping options), stored beside
    /// a partial output so that `--resume` can check it continues the same job.
    pub job: Option<Value>,
    /// The pass-through columns of Parquet output.
    pub pass_through: parquet::PassThrough,
}

/// What an existing output holds, shown to the caller of [`open_sink_checked`] before
/// anything is written, truncated or copied.
#[derive(Debug, Clone, Default)]
pub struct Existing {
    /// The file or directory that was scanned.
    pub path: PathBuf,
    /// [`id_hash`] of each complete record's id, in order.
    pub ids: Vec<u64>,
    /// The job stored by the run that wrote it, when there is one.
    pub job: Option<Value>,
}

/// Opens `output` (`-` = stdout) in the requested format. Returns the sink and, with
/// `opts.resume`, how many records the existing output already holds (the caller skips that
/// many input records); 0 otherwise.
pub fn open_sink(output: &str, opts: &SinkOptions) -> Result<(Box<dyn Sink>, u64)> {
    open_sink_checked(output, opts, &mut |_| Ok(()))
}

/// [`open_sink`], calling `check` with what an output to resume holds before changing
/// anything; an error from `check` leaves every file as it was.
pub fn open_sink_checked(
    output: &str,
    opts: &SinkOptions,
    check: &mut dyn FnMut(&Existing) -> Result<()>,
) -> Result<(Box<dyn Sink>, u64)> {
    let target = target::resolve(output)?;
    let path = match &target {
        Target::Stdout => {
            if opts.resume {
                bail!("--resume needs an output file, not stdout");
            }
            return Ok((stream_sink(Box::new(io::stdout()), opts)?, 0));
        }
        Target::InPlace(path) => {
            if opts.resume {
                bail!(
                    "--resume needs a regular output file; {} is written as a stream",
                    path.display()
                );
            }
            if opts.format == Format::Brat {
                bail!("the brat format writes a directory, not {}", path.display());
            }
            let file = target::open_in_place(path)?;
            return Ok((stream_sink(Box::new(file), opts)?, 0));
        }
        Target::File(path) | Target::Directory(path) => path.clone(),
    };
    match opts.format {
        Format::Brat => brat::open_brat_sink(&path, opts, check),
        _ if matches!(target, Target::Directory(_)) => {
            bail!("output {} is a directory", path.display())
        }
        Format::Jsonl => open_file_sink(&path, jsonl::JsonlFormat, opts, check),
        Format::Conll => open_file_sink(&path, conll::ConllFormat, opts, check),
        Format::Html => open_file_sink(&path, html::HtmlFormat, opts, check),
        Format::Parquet => open_file_sink(&path, parquet_format(opts)?, opts, check),
    }
}

fn parquet_format(opts: &SinkOptions) -> Result<parquet::ParquetFormat> {
    if opts.resume {
        bail!("--resume is not possible with --format parquet (a Parquet file without its footer cannot be read)");
    }
    parquet::ParquetFormat::new(opts.pass_through.clone())
        .context("cannot start the Parquet writer")
}

fn stream_sink(out: Box<dyn Write + Send>, opts: &SinkOptions) -> Result<Box<dyn Sink>> {
    Ok(match opts.format {
        Format::Parquet => Box::new(StreamSink::new(out, parquet_format(opts)?)?),
        Format::Jsonl => Box::new(StreamSink::new(out, jsonl::JsonlFormat)?),
        Format::Conll => Box::new(StreamSink::new(out, conll::ConllFormat)?),
        Format::Html => Box::new(StreamSink::new(out, html::HtmlFormat)?),
        Format::Brat => bail!("the brat format writes a directory: give --output DIR"),
    })
}

/// How records are laid out in a single-file output (JSON Lines, CoNLL, HTML): a header, one
/// record at a time, a footer, and where an existing output's complete records end (for
/// `--resume`). The sinks own the file; a format only encodes and scans.
pub trait RecordFormat: Send {
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResumePoint {
    /// Complete records in the prefix.
    pub records: u64,
    /// Byte length of the prefix (header included); 0 means "start afresh, header too".
    pub offset: u64,
    /// [`id_hash`] of each complete record's id, in order.
    pub ids: Vec<u64>,
}

impl ResumePoint {
    /// Counts one more complete record ending at `offset`, whose id reads `id` (see [`id_key`]).
    pub fn push(&mut self, offset: u64, id: &str) {
        self.records += 1;
        self.offset = offset;
        self.ids.push(id_hash(id));
    }
}

/// A record id as every format can give it back: plain text (strings unquoted, numbers as
/// written), control characters as spaces. What resume compares.
pub fn id_key(doc: &Document) -> String {
    id_text(doc)
}

/// [`id_key`] of an id read back from an output as raw JSON.
pub(crate) fn plain_raw_id(id: Option<&serde_json::value::RawValue>) -> String {
    let Some(raw) = id else {
        return String::new();
    };
    let text = serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_string());
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Fingerprint of an [`id_key`].
pub fn id_hash(key: &str) -> u64 {
    target::fnv1a(key.as_bytes())
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

/// Writes to a stream that cannot be renamed or resumed (stdout, a FIFO, a device).
struct StreamSink<F: RecordFormat> {
    out: BufWriter<Box<dyn Write + Send>>,
    format: F,
    records: u64,
}

impl<F: RecordFormat> StreamSink<F> {
    fn new(out: Box<dyn Write + Send>, mut format: F) -> Result<Self> {
        let mut out = BufWriter::new(out);
        format.header(&mut out).context("cannot write output")?;
        Ok(StreamSink {
            out,
            format,
            records: 0,
        })
    }
}

impl<F: RecordFormat> Sink for StreamSink<F> {
    fn write(&mut self, doc: &Document) -> Result<()> {
        self.format
            .record(&mut self.out, doc)
            .context("cannot write output")?;
        self.records += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush().context("cannot write output")
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.format
            .footer(&mut self.out, self.records)
            .context("cannot write output")?;
        self.out.flush().context("cannot write output")
    }
}

/// Writes `<target>.partial`, renamed onto `<target>` by `finish`.
struct FileSink<F: RecordFormat> {
    out: BufWriter<File>,
    format: F,
    records: u64,
    partial: PathBuf,
    target: PathBuf,
}

/// Where an interrupted output is kept: beside the (symlink-resolved) target, so the final
/// rename is atomic.
pub fn partial_path(target: &Path) -> PathBuf {
    with_suffix(target, ".partial")
}

/// Where the job of a partial output is recorded (see [`SinkOptions::job`]).
pub fn job_path(target: &Path) -> PathBuf {
    with_suffix(target, ".partial.job")
}

fn open_file_sink<F: RecordFormat + 'static>(
    target: &Path,
    format: F,
    opts: &SinkOptions,
    check: &mut dyn FnMut(&Existing) -> Result<()>,
) -> Result<(Box<dyn Sink>, u64)> {
    let mut output = FileOutput {
        partial: partial_path(target),
        job: job_path(target),
        target: target.to_path_buf(),
        dir: target::parent_dir(target).to_path_buf(),
        stem: target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format,
    };
    target::check_discardable(&output.partial)?;
    target::check_discardable(&output.job)?;
    let (file, records) = resume::open(&mut output, opts.resume, check)?;
    match &opts.job {
        Some(value) => write_job(&output.dir, &output.stem, &output.job, value)?,
        None => {
            let _ = fs::remove_file(&output.job);
        }
    }
    let sink = FileSink {
        out: BufWriter::with_capacity(1 << 16, file),
        format: output.format,
        records,
        partial: output.partial,
        target: output.target,
    };
    Ok((Box::new(sink), records))
}

/// A single-file output being opened: its target, `.partial`, job file and format.
struct FileOutput<F> {
    target: PathBuf,
    partial: PathBuf,
    job: PathBuf,
    /// Where temporary files go (beside the target, for atomic renames), and their stem.
    dir: PathBuf,
    stem: String,
    format: F,
}

impl<F: RecordFormat> FileOutput<F> {
    fn scan(&self, file: &mut File, path: &Path) -> Result<ResumePoint> {
        self.format
            .scan(&mut BufReader::new(file))
            .with_context(|| format!("cannot read {} to resume", path.display()))
    }
}

impl<F: RecordFormat> resume::Resumable for FileOutput<F> {
    /// The open file and its complete prefix.
    type Found = (File, ResumePoint);
    type Open = File;

    fn target(&self) -> &Path {
        &self.target
    }

    fn partial(&self) -> &Path {
        &self.partial
    }

    fn has_finished(&self) -> Result<bool> {
        Ok(self.target.is_file())
    }

    fn scan_partial(&mut self) -> Result<(Self::Found, Existing)> {
        let mut file = target::open_leftover(&self.partial)?;
        let point = self.scan(&mut file, &self.partial)?;
        let existing = Existing {
            path: self.partial.clone(),
            ids: point.ids.clone(),
            job: read_job(&self.job)?,
        };
        Ok(((file, point), existing))
    }

    fn scan_finished(&mut self) -> Result<(Self::Found, Existing)> {
        let mut file = target::open_read_nofollow(&self.target)?;
        let point = self.scan(&mut file, &self.target)?;
        let existing = Existing {
            path: self.target.clone(),
            ids: point.ids.clone(),
            job: None,
        };
        Ok(((file, point), existing))
    }

    fn continue_partial(&mut self, (file, point): Self::Found) -> Result<(File, u64)> {
        if point.offset == 0 {
            // Not even a complete header: start afresh.
            return Ok((self.start()?, 0));
        }
        file.set_len(point.offset)
            .with_context(|| format!("cannot truncate {}", self.partial.display()))?;
        let mut file = file;
        file.seek(SeekFrom::End(0))?;
        Ok((file, point.records))
    }

    fn continue_finished(&mut self, (mut file, point): Self::Found) -> Result<(File, u64)> {
        if point.offset == 0 {
            return Ok((self.start()?, 0));
        }
        let (mut copy, temp) = target::create_temp(&self.dir, &self.stem)?;
        file.seek(SeekFrom::Start(0))?;
        io::copy(&mut (&mut file).take(point.offset), &mut copy)
            .with_context(|| format!("cannot copy {} to resume it", self.target.display()))?;
        target::commit_rename(&temp, &self.partial)?;
        Ok((copy, point.records))
    }

    fn start(&mut self) -> Result<File> {
        let (file, temp) = target::create_temp(&self.dir, &self.stem)?;
        // A partial needs no durable rename: the final one is made durable by `finish`.
        fs::rename(&temp, &self.partial).with_context(|| {
            format!(
                "cannot rename {} to {}",
                temp.display(),
                self.partial.display()
            )
        })?;
        let mut out = BufWriter::new(&file);
        self.format
            .header(&mut out)
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", self.partial.display()))?;
        drop(out);
        Ok(file)
    }
}

/// The job stored beside a partial output, if any.
pub(crate) fn read_job(path: &Path) -> Result<Option<Value>> {
    if target::lstat(path)?.is_none() {
        return Ok(None);
    }
    let mut text = String::new();
    target::open_read_nofollow(path)?
        .read_to_string(&mut text)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not frner's job file", path.display()))?;
    Ok(Some(value))
}

/// Writes the job file atomically (fresh temporary file, then rename).
pub(crate) fn write_job(dir: &Path, stem: &str, path: &Path, job: &Value) -> Result<()> {
    let (mut file, temp) = target::create_temp(dir, stem)?;
    serde_json::to_writer(&mut file, job)
        .map_err(io::Error::from)
        .and_then(|()| file.write_all(b"\n"))
        .with_context(|| format!("cannot write {}", temp.display()))?;
    target::commit_rename(&temp, path)
}

impl<F: RecordFormat> Sink for FileSink<F> {
    fn write(&mut self, doc: &Document) -> Result<()> {
        self.format
            .record(&mut self.out, doc)
            .with_context(|| format!("cannot write {}", self.partial.display()))?;
        self.records += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let context = || format!("cannot write {}", self.partial.display());
        self.format
            .footer(&mut self.out, self.records)
            .with_context(context)?;
        self.out.flush().with_context(context)?;
        target::adopt_metadata(self.out.get_ref(), &self.target)?;
        self.out.get_ref().sync_all().with_context(context)?;
        commit_rename(&self.partial, &self.target)?;
        let _ = fs::remove_file(job_path(&self.target));
        Ok(())
    }
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
    doc.id_plain()
        .chars()
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
