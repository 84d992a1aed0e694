//! Input readers: every input source becomes a stream of [`Document`]s, one per input record,
//! in input order, never reading more than one record ahead.
//!
//! Sources (see `docs/formats.md`):
//! - `-`: stdin, read as JSON Lines;
//! - a directory: every `*.txt` below it (recursive, sorted by path), one document per file,
//!   `id` = path relative to the directory, and every `*.jsonl` / `*.ndjson` / `*.json`
//!   (optionally `.gz` / `.zst`) as JSON Lines;
//! - a file whose name (after stripping `.gz` / `.zst`) ends in `.txt`: one document;
//! - any other file (`.jsonl`, `.json`, `.ndjson`, …): JSON Lines.
//!
//! Compression is detected from the first bytes (gzip and zstd magic numbers), not from the
//! file name, so `zcat`-less pipes and misnamed files both work.
//!
//! Bad records never stop the stream: they come out as documents whose `error` is set, so that
//! the output keeps exactly one record per input record. Only an I/O error of the underlying
//! stream (truncated gzip, unreadable disk) ends it, after one last `io_error` record.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::document::{Document, PassThrough, RecordError, RecordErrorKind};

/// Default longest accepted record (a JSON line or a `.txt` file), in bytes. Longer ones
/// become `too_long` error records instead of exhausting memory; `--max-record-bytes` changes
/// it. 32 MiB is far above any news article and keeps the tagger's memory bounded.
pub const MAX_RECORD_BYTES: usize = 32 * 1024 * 1024;

static RECORD_LIMIT: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(MAX_RECORD_BYTES);

/// Sets the longest accepted record for the readers of this process (`--max-record-bytes`).
pub fn set_max_record_bytes(limit: usize) {
    RECORD_LIMIT.store(limit.max(1), Ordering::Relaxed);
}

/// The longest accepted record, in bytes.
pub fn max_record_bytes() -> usize {
    RECORD_LIMIT.load(Ordering::Relaxed)
}

/// Output fields that an input record cannot pass through under the same name; such input
/// fields are renamed with an `input_` prefix (see [`pass_through_name`]).
const RESERVED_OUTPUT_FIELDS: &[&str] = &["id", "text", "entities", "error"];

/// A stream of documents from one input source. Iterate it; see the module docs.
pub struct Input {
    source: Source,
    progress: InputProgress,
}

/// How far the reader has got in the raw (possibly compressed) input, for progress bars.
#[derive(Clone, Debug, Default)]
pub struct InputProgress {
    /// Size of the input in raw bytes, when known (regular files, directories: `None`).
    pub total_bytes: Option<u64>,
    /// Raw bytes consumed so far; updated by the reading thread.
    pub bytes_read: Arc<AtomicU64>,
    /// Set when a stream became unreadable mid-way (truncated or corrupt gzip/zstd, disk
    /// error): records after that point are lost, so the run must not report success.
    pub failure: Arc<std::sync::Mutex<Option<String>>>,
}

impl InputProgress {
    /// The read failure that ended a stream, if any.
    pub fn failure(&self) -> Option<String> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }

    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }
}

enum Source {
    Lines(LineReader),
    SingleText {
        path: PathBuf,
        id: String,
        done: bool,
    },
    Directory(DirWalker),
    Parquet(Box<crate::parquet_input::ParquetRows>),
}

impl Input {
    /// JSON Lines from any reader (stdin, a socket, a byte buffer in tests); gzip and zstd are
    /// recognised and decompressed.
    pub fn from_jsonl_reader(reader: impl Read + Send + 'static) -> Result<Input> {
        let progress = InputProgress::default();
        let counted = CountingReader::new(reader, progress.bytes_read.clone());
        let mut lines = LineReader::new(decompressed(Box::new(counted))?);
        lines.failure = Some(progress.failure.clone());
        Ok(Input {
            source: Source::Lines(lines),
            progress,
        })
    }

    /// The output fields of a Parquet input's pass-through columns (`None` for other inputs,
    /// whose pass-through fields vary from record to record).
    pub fn parquet_fields(&self) -> Option<Vec<arrow_schema::Field>> {
        match &self.source {
            Source::Parquet(rows) => Some(rows.pass_through_fields()),
            _ => None,
        }
    }

    /// Numbers a JSON Lines input as a part of a larger one: its first line is
    /// `first_line` (ids of records without one, error lines), and with `continued` its final
    /// blank lines are records (more lines follow elsewhere). Other inputs are refused.
    pub fn set_numbering(&mut self, first_line: u64, continued: bool) -> Result<()> {
        match &mut self.source {
            Source::Lines(lines) => {
                lines.line_no = first_line.saturating_sub(1);
                lines.continued = continued;
                Ok(())
            }
            _ => bail!("--first-line and --continued apply to a JSON Lines input"),
        }
    }

    /// Progress handle; clone it before moving the input to another thread.
    pub fn progress(&self) -> InputProgress {
        self.progress.clone()
    }

    /// Skips `n` records, reading them only as far as [`Input::next_record_id`] does,
    /// returning how many were actually skipped (fewer if the input ends first).
    pub fn skip_records(&mut self, n: u64) -> Result<u64> {
        let mut skipped = 0;
        while skipped < n && self.next_record_id()?.is_some() {
            skipped += 1;
        }
        Ok(skipped)
    }
}

impl Input {
    /// Reads the next record only as far as needed for its id (a directory's files are not
    /// read) and returns the id as `output::id_key` gives it; `None` at the end of the input.
    /// Used by `--resume` to check that the kept output records are this input's.
    pub fn next_record_id(&mut self) -> Result<Option<String>> {
        let id = match &mut self.source {
            Source::Lines(lines) => match lines.next_document() {
                None => return Ok(None),
                Some(doc) => {
                    if let Some(error) = lines.failure_message() {
                        bail!("{error}");
                    }
                    doc
                }
            },
            Source::SingleText { id, done, .. } => {
                if std::mem::replace(done, true) {
                    return Ok(None);
                }
                id_document(Value::String(id.clone()))
            }
            Source::Directory(walker) => match walker.next_id()? {
                None => return Ok(None),
                Some(doc) => doc,
            },
            Source::Parquet(rows) => match rows.next_document() {
                None => return Ok(None),
                Some(doc) => doc,
            },
        };
        Ok(Some(crate::output::id_key(&id)))
    }
}

impl Iterator for Input {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        match &mut self.source {
            Source::Lines(lines) => lines.next_document(),
            Source::SingleText { path, id, done } => {
                if std::mem::replace(done, true) {
                    return None;
                }
                let doc = read_text_file(path, Value::String(id.clone()));
                if let Some(total) = self.progress.total_bytes {
                    self.progress.bytes_read.store(total, Ordering::Relaxed);
                }
                Some(doc)
            }
            Source::Directory(walker) => walker.next_document(),
            Source::Parquet(rows) => rows.next_document(),
        }
    }
}

/// Opens an input source from a command-line spec: `-` (stdin), a directory, a `.txt` file, a
/// Parquet file (its default `text` and `id` columns) or a JSON Lines file (optionally
/// gzip/zstd compressed).
pub fn open_input(spec: &str) -> Result<Input> {
    open_input_with(spec, &crate::parquet_input::Columns::default())
}

/// [`open_input`], with the text and id columns of a Parquet input.
pub fn open_input_with(spec: &str, columns: &crate::parquet_input::Columns) -> Result<Input> {
    if spec == "-" {
        return Input::from_jsonl_reader(io::stdin());
    }
    let path = Path::new(spec);
    let meta = fs::metadata(path).with_context(|| format!("cannot open input {spec}"))?;
    if meta.is_dir() {
        let progress = InputProgress::default();
        let walker = DirWalker::new(path, progress.failure.clone())
            .with_context(|| format!("cannot list {spec}"))?;
        return Ok(Input {
            source: Source::Directory(walker),
            progress,
        });
    }
    if is_text_file_name(path) {
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let progress = InputProgress {
            total_bytes: Some(meta.len()),
            ..Default::default()
        };
        let source = Source::SingleText {
            path: path.to_path_buf(),
            id,
            done: false,
        };
        return Ok(Input { source, progress });
    }
    if crate::parquet_input::is_parquet_file(path) {
        let progress = InputProgress::default();
        let rows =
            crate::parquet_input::ParquetRows::open(path, columns, progress.failure.clone())?;
        return Ok(Input {
            source: Source::Parquet(Box::new(rows)),
            progress,
        });
    }
    let file = File::open(path).with_context(|| format!("cannot open input {spec}"))?;
    let mut input =
        Input::from_jsonl_reader(file).with_context(|| format!("cannot read input {spec}"))?;
    input.progress.total_bytes = Some(meta.len());
    Ok(input)
}

/// `a.txt`, `a.txt.gz`, `a.TXT.zst` are plain-text documents; everything else is JSON Lines.
fn is_text_file_name(path: &Path) -> bool {
    uncompressed_name(path).ends_with(".txt")
}

/// The file name in lower case without a `.gz` / `.zst` suffix: what the content is.
fn uncompressed_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    stem.to_string()
}

// ---------------------------------------------------------------------------------------------
// Decompression and byte counting

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

type DynBufRead = Box<dyn BufRead + Send>;

/// Wraps `raw` in a gzip or zstd decoder when its first bytes say so.
fn decompressed(raw: Box<dyn Read + Send>) -> Result<DynBufRead> {
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let head = buffered.fill_buf().context("cannot read input")?;
    Ok(if head.starts_with(GZIP_MAGIC) {
        // Multi-member: `cat a.gz b.gz` and pigz/bgzip output are one stream.
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(
            buffered,
        )))
    } else if head.starts_with(ZSTD_MAGIC) {
        Box::new(BufReader::new(
            zstd::stream::read::Decoder::with_buffer(buffered).context("cannot start zstd")?,
        ))
    } else {
        Box::new(buffered)
    })
}

struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        CountingReader { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/// Reads a JSON Lines stream as raw byte lines (so invalid UTF-8 is one bad record, not a
/// fatal error), numbering them from 1.
struct LineReader {
    reader: DynBufRead,
    line_no: u64,
    /// Set after an I/O error has been reported: the stream cannot be trusted any further.
    failed: bool,
    buf: Vec<u8>,
    /// Records read ahead: the blank lines before a non-blank one (blank lines at the very end
    /// of the stream are not records).
    queued: VecDeque<Document>,
    /// More lines follow elsewhere: final blank lines are records (see [`Input::set_numbering`]).
    continued: bool,
    /// The file's id inside a directory input, for messages.
    name: Option<String>,
    /// Where a read failure is reported to the caller of the whole input.
    failure: Option<Arc<std::sync::Mutex<Option<String>>>>,
}

/// Blank lines held back to see whether a record follows them (a file's final blank lines
/// are not records); beyond this many they are released as `blank_line` records.
const MAX_BLANK_LOOKAHEAD: usize = 1024;

/// One physical line, without its terminator.
enum Line {
    Complete,
    TooLong(usize),
    End,
}

impl LineReader {
    fn new(reader: DynBufRead) -> Self {
        LineReader {
            reader,
            line_no: 0,
            failed: false,
            buf: Vec::new(),
            queued: VecDeque::new(),
            continued: false,
            name: None,
            failure: None,
        }
    }

    /// The read failure that ended this stream, if any.
    fn failure_message(&self) -> Option<String> {
        let failure = self.failure.as_ref()?;
        let guard = failure.lock().ok()?;
        guard.clone()
    }

    fn next_document(&mut self) -> Option<Document> {
        if let Some(doc) = self.queued.pop_front() {
            return Some(doc);
        }
        let doc = self.read_document()?;
        let is_blank = doc
            .error
            .as_ref()
            .is_some_and(|e| e.kind == RecordErrorKind::BlankLine);
        if !is_blank {
            return Some(doc);
        }
        // Blank lines count as records only when a record follows them.
        self.queued.push_back(doc);
        loop {
            match self.read_document() {
                None if self.continued => return self.queued.pop_front(),
                None => {
                    self.queued.clear();
                    return None;
                }
                Some(next) => {
                    let blank = next
                        .error
                        .as_ref()
                        .is_some_and(|e| e.kind == RecordErrorKind::BlankLine);
                    self.queued.push_back(next);
                    // Bounded look-ahead: an endless run of blank lines still streams.
                    if !blank || self.queued.len() >= MAX_BLANK_LOOKAHEAD {
                        return self.queued.pop_front();
                    }
                }
            }
        }
    }

    fn read_document(&mut self) -> Option<Document> {
        if self.failed {
            return None;
        }
        match self.read_line() {
            Ok(Line::End) => None,
            Ok(Line::Complete) => Some(parse_jsonl_record(&self.buf, self.line_no)),
            Ok(Line::TooLong(len)) => Some(error_document(
                line_id(self.line_no),
                self.line_no,
                RecordErrorKind::TooLong,
                format!(
                    "line is {len} bytes, more than the {}-byte limit (--max-record-bytes)",
                    max_record_bytes()
                ),
            )),
            Err(err) => {
                self.failed = true;
                let line = self.line_no + 1;
                let place = match &self.name {
                    Some(name) => format!("{name}, line {line}"),
                    None => format!("line {line}"),
                };
                let message = format!("input unreadable from {place} on: {err}");
                tracing::error!("{message}");
                if let Some(failure) = &self.failure {
                    if let Ok(mut slot) = failure.lock() {
                        slot.get_or_insert(message.clone());
                    }
                }
                Some(error_document(
                    line_id(line),
                    line,
                    RecordErrorKind::IoError,
                    message,
                ))
            }
        }
    }

    /// Reads the next line into `self.buf` (terminator and a trailing `\r` removed). A line
    /// longer than [`max_record_bytes`] is consumed but not kept.
    fn read_line(&mut self) -> io::Result<Line> {
        // Do not keep a huge record's buffer for the rest of the stream.
        if self.buf.capacity() > 1 << 20 {
            self.buf = Vec::new();
        }
        self.buf.clear();
        let mut len = 0usize;
        let mut seen_any = false;
        let limit = max_record_bytes();
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if chunk.is_empty() {
                break;
            }
            seen_any = true;
            let (part, consumed, ended) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1, true),
                None => (chunk, chunk.len(), false),
            };
            len += part.len();
            if len <= limit {
                self.buf.extend_from_slice(part);
            } else if !self.buf.is_empty() {
                self.buf = Vec::new(); // release the memory now, the line is lost anyway
            }
            self.reader.consume(consumed);
            if ended {
                break;
            }
        }
        if !seen_any {
            return Ok(Line::End);
        }
        self.line_no += 1;
        if len > limit {
            return Ok(Line::TooLong(len));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Line::Complete)
    }
}

/// The id given to records that carry none: their 1-based line number.
fn line_id(line: u64) -> Value {
    Value::from(line)
}

/// A document that only carries an id (what `--resume` compares).
fn id_document(id: Value) -> Document {
    Document {
        id,
        ..Document::default()
    }
}

/// An error record: the input's id (or null), where it stood and what went wrong.
pub(crate) fn error_document(
    id: Value,
    line: u64,
    kind: RecordErrorKind,
    message: String,
) -> Document {
    Document {
        id,
        error: Some(RecordError {
            line,
            kind,
            message,
        }),
        ..Document::default()
    }
}

/// Turns one JSON Lines line (raw bytes, no terminator) into a document or an error record.
/// Never panics, whatever the bytes. Pass-through fields and numeric ids are kept as raw JSON
/// text, so they are written back byte for byte.
pub fn parse_jsonl_record(bytes: &[u8], line: u64) -> Document {
    // A UTF-8 byte-order mark opens some files written on Windows: it is not part of the JSON.
    let bytes = if line == 1 {
        bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
    } else {
        bytes
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            // Best effort id: the JSON may still be readable once the bad bytes are replaced.
            let lossy = String::from_utf8_lossy(bytes);
            let id = serde_json::from_str::<Value>(&lossy)
                .ok()
                .and_then(|v| v.get("id").filter(|id| is_valid_id(id)).cloned())
                .unwrap_or_else(|| line_id(line));
            let message = format!("invalid UTF-8 at byte {} of the line", err.valid_up_to());
            return error_document(id, line, RecordErrorKind::InvalidUtf8, message);
        }
    };
    if text.trim().is_empty() {
        let message = "blank line where a JSON record was expected".to_string();
        return error_document(line_id(line), line, RecordErrorKind::BlankLine, message);
    }
    // Validate the whole line first (numbers are only scanned, so `1e999` is fine), then
    // split an object into its fields.
    let raw = match serde_json::from_str::<&RawValue>(text) {
        Ok(raw) => raw,
        Err(err) => {
            return error_document(
                line_id(line),
                line,
                RecordErrorKind::InvalidJson,
                err.to_string(),
            );
        }
    };
    if !raw.get().starts_with('{') {
        let message = format!("expected a JSON object, found {}", raw_type_name(raw));
        return error_document(line_id(line), line, RecordErrorKind::NotAnObject, message);
    }
    match serde_json::from_str::<RawFields>(raw.get()) {
        Ok(fields) => document_from_record(fields.0, line),
        Err(err) => error_document(
            line_id(line),
            line,
            RecordErrorKind::InvalidJson,
            err.to_string(),
        ),
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The members of a JSON object, in order, values as raw JSON text. A repeated key keeps its
/// first position and its last value (as `serde_json::Map` does).
struct RawFields(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for RawFields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = RawFields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawFields, A::Error> {
                let mut fields = PassThrough::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value: Box<RawValue> = map.next_value()?;
                    fields.insert(key, value);
                }
                Ok(RawFields(fields.0))
            }
        }
        d.deserialize_map(FieldsVisitor)
    }
}

/// Builds a document from an object's raw fields: `id`, `text`, everything else into `extra`.
fn document_from_record(mut record: Vec<(String, Box<RawValue>)>, line: u64) -> Document {
    let mut take = |name: &str| {
        record
            .iter()
            .position(|(k, _)| k == name)
            .map(|i| record.remove(i).1)
    };
    let id = take("id");
    let text = take("text");
    let extra = pass_through_fields(record);
    let mut id_raw = None;
    let (id, id_error) = match id {
        None => (line_id(line), None),
        Some(raw) => match raw_type_name(&raw) {
            "null" => (line_id(line), None),
            "a string" => (
                serde_json::from_str::<Value>(raw.get()).unwrap_or_else(|_| line_id(line)),
                None,
            ),
            "a number" => {
                // Repeated exactly as written; the parsed value serves logs and file names.
                let value = serde_json::from_str::<Value>(raw.get())
                    .unwrap_or_else(|_| Value::String(raw.get().to_string()));
                id_raw = Some(raw);
                (value, None)
            }
            other => {
                let message = format!("id must be a string or a number, found {other}");
                (line_id(line), Some((RecordErrorKind::InvalidId, message)))
            }
        },
    };
    let text = match text {
        None => Err((
            RecordErrorKind::MissingText,
            "record has no \"text\" field".to_string(),
        )),
        Some(raw) if raw_type_name(&raw) == "a string" => {
            match serde_json::from_str::<String>(raw.get()) {
                Ok(s) if s.trim().is_empty() => Err((
                    RecordErrorKind::Empty,
                    "text is empty or only whitespace".to_string(),
                )),
                Ok(s) => Ok(s),
                Err(err) => Err((RecordErrorKind::InvalidJson, err.to_string())),
            }
        }
        Some(raw) => Err((
            RecordErrorKind::TextNotString,
            format!("\"text\" must be a string, found {}", raw_type_name(&raw)),
        )),
    };
    let mut doc = Document {
        id,
        id_raw,
        extra,
        ..Document::default()
    };
    let error = match (id_error, text) {
        (Some(e), _) | (None, Err(e)) => Some(e),
        (None, Ok(text)) => {
            doc.text = text;
            None
        }
    };
    if let Some((kind, message)) = error {
        doc.error = Some(RecordError {
            line,
            kind,
            message,
        });
    }
    doc
}

fn is_valid_id(id: &Value) -> bool {
    matches!(id, Value::String(_) | Value::Number(_))
}

/// Keeps every other input field, renaming those that would collide with output fields
/// (`entities` → `input_entities`) so that the output JSON never has duplicate keys.
fn pass_through_fields(record: Vec<(String, Box<RawValue>)>) -> PassThrough {
    let mut extra = PassThrough(Vec::with_capacity(record.len()));
    let mut renamed = Vec::new();
    for (key, value) in record {
        if RESERVED_OUTPUT_FIELDS.contains(&key.as_str()) {
            renamed.push((key, value));
        } else {
            extra.0.push((key, value));
        }
    }
    for (key, value) in renamed {
        let name = pass_through_name(&key, &extra);
        extra.0.push((name, value));
    }
    extra
}

/// The output name of an input field or column `key`: itself, unless an output field has that
/// name or `taken` already holds it (see [`pass_through_name`]).
pub(crate) fn pass_through_output_name(key: &str, taken: &PassThrough) -> String {
    if RESERVED_OUTPUT_FIELDS.contains(&key) || taken.contains_key(key) {
        pass_through_name(key, taken)
    } else {
        key.to_string()
    }
}

/// `input_<key>`, with more `input_` prefixes if the record already has that field.
fn pass_through_name(key: &str, taken: &PassThrough) -> String {
    let mut name = format!("input_{key}");
    while taken.contains_key(&name) || RESERVED_OUTPUT_FIELDS.contains(&name.as_str()) {
        name.insert_str(0, "input_");
    }
    name
}

/// The JSON type of a raw value, from its first character (the value is valid JSON).
fn raw_type_name(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

// ---------------------------------------------------------------------------------------------
// Plain-text files and directories

/// Reads one `.txt` file (possibly compressed) as one document; every failure is an error
/// record with line 0.
fn read_text_file(path: &Path, id: Value) -> Document {
    match read_text_bytes(path) {
        Ok(bytes) => text_document(bytes, id),
        Err(err) => error_document(id, 0, RecordErrorKind::IoError, format!("{err:#}")),
    }
}

fn read_text_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = decompressed(Box::new(file))?.take(max_record_bytes() as u64 + 1);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// Validates a text file's content. Raw NUL bytes make it an error: they almost always mean
/// UTF-16 or a binary file, and tagging that would silently produce garbage.
fn text_document(bytes: Vec<u8>, id: Value) -> Document {
    if bytes.len() > max_record_bytes() {
        let message = format!(
            "file is larger than the {}-byte limit (--max-record-bytes)",
            max_record_bytes()
        );
        return error_document(id, 0, RecordErrorKind::TooLong, message);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let message = format!("NUL byte at offset {pos}: binary or UTF-16 file? convert to UTF-8");
        return error_document(id, 0, RecordErrorKind::Binary, message);
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let message = format!("invalid UTF-8 at byte {}", err.utf8_error().valid_up_to());
            return error_document(id, 0, RecordErrorKind::InvalidUtf8, message);
        }
    };
    // A byte-order mark is not text: offsets count from after it (docs/formats.md).
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return error_document(
            id,
            0,
            RecordErrorKind::Empty,
            "file is empty or only whitespace".into(),
        );
    }
    Document {
        id,
        text,
        ..Document::default()
    }
}

/// Lazy depth-first walk yielding, in path order, `*.txt` files (one document each) and
/// `*.jsonl` / `*.ndjson` / `*.json` files, optionally `.gz` / `.zst` (one document per line):
/// only one directory listing per level is held in memory, never the whole tree. Symlinked
/// directories are not followed (cycles); symlinked files are, and a link that cannot be
/// followed (dangling, looping) is an error record.
struct DirWalker {
    root: PathBuf,
    /// Per open directory, its not-yet-visited entries in reverse order (pop = next).
    stack: Vec<Vec<PathBuf>>,
    /// Listing failures below the root, reported as error records in walk order.
    pending_errors: VecDeque<(PathBuf, String)>,
    /// The JSON Lines file being read.
    current: Option<LineReader>,
    /// Set when a JSON Lines file became unreadable; shared with [`InputProgress`].
    failure: Arc<std::sync::Mutex<Option<String>>>,
}

enum WalkItem {
    File(PathBuf),
    Jsonl(PathBuf),
    Error(PathBuf, String),
}

impl DirWalker {
    fn new(root: &Path, failure: Arc<std::sync::Mutex<Option<String>>>) -> Result<DirWalker> {
        let listing = sorted_listing(root)?;
        Ok(DirWalker {
            root: root.to_path_buf(),
            stack: vec![listing],
            pending_errors: VecDeque::new(),
            current: None,
            failure,
        })
    }

    fn next_path(&mut self) -> Option<WalkItem> {
        if let Some((path, message)) = self.pending_errors.pop_front() {
            return Some(WalkItem::Error(path, message));
        }
        loop {
            let top = self.stack.last_mut()?;
            let Some(path) = top.pop() else {
                self.stack.pop();
                continue;
            };
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue; // removed since the listing
            };
            if meta.is_dir() {
                match sorted_listing(&path) {
                    Ok(listing) => self.stack.push(listing),
                    Err(err) => return Some(WalkItem::Error(path, format!("{err:#}"))),
                }
                continue;
            }
            let text = is_text_file_name(&path);
            let jsonl = is_jsonl_file_name(&path);
            if !text && !jsonl {
                continue;
            }
            match fs::metadata(&path) {
                Ok(m) if m.is_file() && text => return Some(WalkItem::File(path)),
                Ok(m) if m.is_file() => return Some(WalkItem::Jsonl(path)),
                Ok(_) => {} // a symlink to a directory: not followed (cycles)
                Err(err) => {
                    let why = if err.raw_os_error() == Some(libc::ELOOP) {
                        "symbolic link loop".to_string()
                    } else if meta.file_type().is_symlink() {
                        format!("dangling symbolic link ({err})")
                    } else {
                        err.to_string()
                    };
                    let message = format!("cannot read {}: {why}", path.display());
                    return Some(WalkItem::Error(path, message));
                }
            }
        }
    }

    /// Opens a JSON Lines file of the walk as the current source of records.
    fn open_jsonl(&mut self, path: &Path) -> Result<()> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let reader = decompressed(Box::new(file))
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut lines = LineReader::new(reader);
        lines.name = self.relative_id(path).as_str().map(str::to_string);
        lines.failure = Some(self.failure.clone());
        self.current = Some(lines);
        Ok(())
    }

    fn next_document(&mut self) -> Option<Document> {
        loop {
            if let Some(lines) = &mut self.current {
                if let Some(doc) = lines.next_document() {
                    return Some(doc);
                }
                self.current = None;
            }
            return Some(match self.next_path()? {
                WalkItem::File(path) => read_text_file(&path, self.relative_id(&path)),
                WalkItem::Jsonl(path) => match self.open_jsonl(&path) {
                    Ok(()) => continue,
                    Err(err) => error_document(
                        self.relative_id(&path),
                        0,
                        RecordErrorKind::IoError,
                        format!("{err:#}"),
                    ),
                },
                WalkItem::Error(path, message) => error_document(
                    self.relative_id(&path),
                    0,
                    RecordErrorKind::IoError,
                    message,
                ),
            });
        }
    }

    /// The next record with only its id filled in (see [`Input::next_record_id`]).
    fn next_id(&mut self) -> Result<Option<Document>> {
        loop {
            if let Some(lines) = &mut self.current {
                match lines.next_document() {
                    None => self.current = None,
                    Some(doc) => {
                        if let Some(error) = lines.failure_message() {
                            bail!("{error}");
                        }
                        return Ok(Some(doc));
                    }
                }
                continue;
            }
            let Some(item) = self.next_path() else {
                return Ok(None);
            };
            let path = match item {
                WalkItem::Jsonl(path) => match self.open_jsonl(&path) {
                    Ok(()) => continue,
                    Err(_) => path,
                },
                WalkItem::File(path) | WalkItem::Error(path, _) => path,
            };
            return Ok(Some(id_document(self.relative_id(&path))));
        }
    }

    /// `id` of a file: its path relative to the root, `/`-separated.
    fn relative_id(&self, path: &Path) -> Value {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<_> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        Value::String(parts.join("/"))
    }
}

/// `a.jsonl`, `a.ndjson`, `a.json`, optionally `.gz` / `.zst`: JSON Lines inside a directory.
fn is_jsonl_file_name(path: &Path) -> bool {
    let stem = uncompressed_name(path);
    [".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|ext| stem.ends_with(ext))
}

/// Entries of `dir`, sorted by file name, reversed so that `pop` yields them in order.
fn sorted_listing(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        entries.push(entry.path());
    }
    entries.sort_by(|a, b| b.file_name().cmp(&a.file_name()));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_fields_are_renamed_not_dropped() {
        let doc = parse_jsonl_record(
            br#"{"id":1,"text":"x","entities":[1],"input_entities":2}"#,
            1,
        );
        assert_eq!(doc.extra.get("input_entities"), Some(Value::from(2)));
        assert_eq!(
            doc.extra.get("input_input_entities"),
            Some(serde_json::json!([1]))
        );
    }

    #[test]
    fn crlf_and_missing_id() {
        let input = Input::from_jsonl_reader(&b"{\"text\":\"a\"}\r\n{\"text\":\"b\"}"[..]).unwrap();
        let docs: Vec<_> = input.collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, Value::from(1));
        assert_eq!(docs[1].id, Value::from(2));
        assert!(docs.iter().all(|d| d.error.is_none()));
    }
}
