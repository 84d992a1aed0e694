//! Input readers: every input source becomes a stream of [`Document`]s, one per input record,
//! in input order, never reading more than one record ahead.
//!
//! Sources (see `docs/formats.md`):
//! - `-`: stdin, read as JSON Lines;
//! - a directory: every `*.txt` below it (recursive, sorted by path), one document per file,
//!   `id` = path relative to the directory;
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

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::document::{Document, RecordError};

/// Longest accepted record (a JSON line or a `.txt` file). Longer ones become `too_long`
/// error records instead of exhausting memory; 10 MB articles are well below it.
pub const MAX_RECORD_BYTES: usize = 256 * 1024 * 1024;

/// Output fields that an input record cannot pass through under the same name; such input
/// fields are renamed with an `input_` prefix (see [`pass_through_name`]).
const RESERVED_OUTPUT_FIELDS: &[&str] = &["id", "text", "entities", "error"];

/// Machine-readable error kinds of [`RecordError::kind`].
pub mod kind {
    pub const INVALID_JSON: &str = "invalid_json";
    pub const NOT_AN_OBJECT: &str = "not_an_object";
    pub const MISSING_TEXT: &str = "missing_text";
    pub const TEXT_NOT_STRING: &str = "text_not_string";
    pub const INVALID_ID: &str = "invalid_id";
    pub const INVALID_UTF8: &str = "invalid_utf8";
    pub const EMPTY: &str = "empty";
    pub const BLANK_LINE: &str = "blank_line";
    pub const BINARY: &str = "binary";
    pub const TOO_LONG: &str = "too_long";
    pub const IO_ERROR: &str = "io_error";
}

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
}

impl InputProgress {
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
}

impl Input {
    /// JSON Lines from any reader (stdin, a socket, a byte buffer in tests); gzip and zstd are
    /// recognised and decompressed.
    pub fn from_jsonl_reader(reader: impl Read + Send + 'static) -> Result<Input> {
        let progress = InputProgress::default();
        let counted = CountingReader::new(reader, progress.bytes_read.clone());
        let lines = LineReader::new(decompressed(Box::new(counted))?);
        Ok(Input {
            source: Source::Lines(lines),
            progress,
        })
    }

    /// Progress handle; clone it before moving the input to another thread.
    pub fn progress(&self) -> InputProgress {
        self.progress.clone()
    }

    /// Skips `n` records without parsing them (used by `--resume`), returning how many were
    /// actually skipped (fewer if the input ends first).
    pub fn skip_records(&mut self, n: u64) -> Result<u64> {
        let mut skipped = 0;
        while skipped < n {
            let more = match &mut self.source {
                Source::Lines(lines) => lines.skip_line()?,
                Source::SingleText { done, .. } => !std::mem::replace(done, true),
                Source::Directory(walker) => walker.next_path().is_some(),
            };
            if !more {
                break;
            }
            skipped += 1;
        }
        Ok(skipped)
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
                Some(read_text_file(path, Value::String(id.clone())))
            }
            Source::Directory(walker) => walker.next_document(),
        }
    }
}

/// Opens an input source from a command-line spec: `-` (stdin), a directory, a `.txt` file or
/// a JSON Lines file (optionally gzip/zstd compressed).
pub fn open_input(spec: &str) -> Result<Input> {
    if spec == "-" {
        return Input::from_jsonl_reader(io::stdin());
    }
    let path = Path::new(spec);
    let meta = fs::metadata(path).with_context(|| format!("cannot open input {spec}"))?;
    if meta.is_dir() {
        let walker = DirWalker::new(path).with_context(|| format!("cannot list {spec}"))?;
        return Ok(Input {
            source: Source::Directory(walker),
            progress: InputProgress::default(),
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
    let file = File::open(path).with_context(|| format!("cannot open input {spec}"))?;
    let mut input =
        Input::from_jsonl_reader(file).with_context(|| format!("cannot read input {spec}"))?;
    input.progress.total_bytes = Some(meta.len());
    Ok(input)
}

/// `a.txt`, `a.txt.gz`, `a.TXT.zst` are plain-text documents; everything else is JSON Lines.
fn is_text_file_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    stem.ends_with(".txt")
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
}

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
        }
    }

    fn next_document(&mut self) -> Option<Document> {
        if self.failed {
            return None;
        }
        match self.read_line() {
            Ok(Line::End) => None,
            Ok(Line::Complete) => Some(parse_jsonl_record(&self.buf, self.line_no)),
            Ok(Line::TooLong(len)) => Some(error_document(
                line_id(self.line_no),
                self.line_no,
                kind::TOO_LONG,
                format!("line is {len} bytes, more than the {MAX_RECORD_BYTES}-byte limit"),
            )),
            Err(err) => {
                self.failed = true;
                let line = self.line_no + 1;
                tracing::error!("input unreadable at line {line}: {err}");
                Some(error_document(
                    line_id(line),
                    line,
                    kind::IO_ERROR,
                    format!("input unreadable from here on: {err}"),
                ))
            }
        }
    }

    fn skip_line(&mut self) -> Result<bool> {
        match self.read_line().context("cannot skip input records")? {
            Line::End => Ok(false),
            Line::Complete | Line::TooLong(_) => Ok(true),
        }
    }

    /// Reads the next line into `self.buf` (terminator and a trailing `\r` removed). A line
    /// longer than [`MAX_RECORD_BYTES`] is consumed but not kept.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let mut len = 0usize;
        let mut seen_any = false;
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
            if len <= MAX_RECORD_BYTES {
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
        if len > MAX_RECORD_BYTES {
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

fn error_document(id: Value, line: u64, kind: &str, message: String) -> Document {
    Document {
        id,
        error: Some(RecordError {
            line,
            kind: kind.to_string(),
            message,
        }),
        ..Document::default()
    }
}

/// Turns one JSON Lines line (raw bytes, no terminator) into a document or an error record.
/// Never panics, whatever the bytes.
pub fn parse_jsonl_record(bytes: &[u8], line: u64) -> Document {
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
            return error_document(id, line, kind::INVALID_UTF8, message);
        }
    };
    if text.trim().is_empty() {
        let message = "blank line where a JSON record was expected".to_string();
        return error_document(line_id(line), line, kind::BLANK_LINE, message);
    }
    let record = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let message = format!("expected a JSON object, found {}", json_type_name(&other));
            return error_document(line_id(line), line, kind::NOT_AN_OBJECT, message);
        }
        Err(err) => {
            return error_document(line_id(line), line, kind::INVALID_JSON, err.to_string());
        }
    };
    document_from_record(record, line)
}

/// Builds a document from a parsed JSON object: `id`, `text`, everything else into `extra`.
fn document_from_record(mut record: Map<String, Value>, line: u64) -> Document {
    let id = record.shift_remove("id");
    let text = record.shift_remove("text");
    let extra = pass_through_fields(record);
    let (id, id_error) = match id {
        None | Some(Value::Null) => (line_id(line), None),
        Some(id) if is_valid_id(&id) => (id, None),
        Some(other) => {
            let message = format!(
                "id must be a string or a number, found {}",
                json_type_name(&other)
            );
            (line_id(line), Some((kind::INVALID_ID, message)))
        }
    };
    let text_error = match &text {
        None => Some((
            kind::MISSING_TEXT,
            "record has no \"text\" field".to_string(),
        )),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Some((kind::EMPTY, "text is empty or only whitespace".to_string()))
        }
        Some(Value::String(_)) => None,
        Some(other) => Some((
            kind::TEXT_NOT_STRING,
            format!("\"text\" must be a string, found {}", json_type_name(other)),
        )),
    };
    let mut doc = Document {
        id,
        extra,
        ..Document::default()
    };
    match id_error.or(text_error) {
        Some((kind, message)) => {
            doc.error = Some(RecordError {
                line,
                kind: kind.to_string(),
                message,
            });
        }
        None => {
            if let Some(Value::String(s)) = text {
                doc.text = s;
            }
        }
    }
    doc
}

fn is_valid_id(id: &Value) -> bool {
    matches!(id, Value::String(_) | Value::Number(_))
}

/// Keeps every other input field, renaming those that would collide with output fields
/// (`entities` → `input_entities`) so that the output JSON never has duplicate keys.
fn pass_through_fields(record: Map<String, Value>) -> Map<String, Value> {
    let mut extra = Map::with_capacity(record.len());
    let mut renamed = Vec::new();
    for (key, value) in record {
        if RESERVED_OUTPUT_FIELDS.contains(&key.as_str()) {
            renamed.push((key, value));
        } else {
            extra.insert(key, value);
        }
    }
    for (key, value) in renamed {
        let name = pass_through_name(&key, &extra);
        extra.insert(name, value);
    }
    extra
}

/// `input_<key>`, with more `input_` prefixes if the record already has that field.
fn pass_through_name(key: &str, taken: &Map<String, Value>) -> String {
    let mut name = format!("input_{key}");
    while taken.contains_key(&name) || RESERVED_OUTPUT_FIELDS.contains(&name.as_str()) {
        name.insert_str(0, "input_");
    }
    name
}

fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

// ---------------------------------------------------------------------------------------------
// Plain-text files and directories

/// Reads one `.txt` file (possibly compressed) as one document; every failure is an error
/// record with line 0.
fn read_text_file(path: &Path, id: Value) -> Document {
    match read_text_bytes(path) {
        Ok(bytes) => text_document(bytes, id),
        Err(err) => error_document(id, 0, kind::IO_ERROR, format!("{err:#}")),
    }
}

fn read_text_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = decompressed(Box::new(file))?.take(MAX_RECORD_BYTES as u64 + 1);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// Validates a text file's content. Raw NUL bytes make it an error: they almost always mean
/// UTF-16 or a binary file, and tagging that would silently produce garbage.
fn text_document(bytes: Vec<u8>, id: Value) -> Document {
    if bytes.len() > MAX_RECORD_BYTES {
        let message = format!("file is larger than the {MAX_RECORD_BYTES}-byte limit");
        return error_document(id, 0, kind::TOO_LONG, message);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let message = format!("NUL byte at offset {pos}: binary or UTF-16 file? convert to UTF-8");
        return error_document(id, 0, kind::BINARY, message);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let message = format!("invalid UTF-8 at byte {}", err.utf8_error().valid_up_to());
            return error_document(id, 0, kind::INVALID_UTF8, message);
        }
    };
    if text.trim().is_empty() {
        return error_document(
            id,
            0,
            kind::EMPTY,
            "file is empty or only whitespace".into(),
        );
    }
    Document {
        id,
        text,
        ..Document::default()
    }
}

/// Lazy depth-first walk yielding `*.txt` files in path order: only one directory listing per
/// level is held in memory, never the whole tree. Symlinked directories are not followed
/// (cycles); symlinked files are.
struct DirWalker {
    root: PathBuf,
    /// Per open directory, its not-yet-visited entries in reverse order (pop = next).
    stack: Vec<Vec<PathBuf>>,
    /// Listing failures below the root, reported as error records in walk order.
    pending_errors: VecDeque<(PathBuf, String)>,
}

enum WalkItem {
    File(PathBuf),
    Error(PathBuf, String),
}

impl DirWalker {
    fn new(root: &Path) -> Result<DirWalker> {
        let listing = sorted_listing(root)?;
        Ok(DirWalker {
            root: root.to_path_buf(),
            stack: vec![listing],
            pending_errors: VecDeque::new(),
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
                continue;
            };
            if meta.is_dir() {
                match sorted_listing(&path) {
                    Ok(listing) => self.stack.push(listing),
                    Err(err) => return Some(WalkItem::Error(path, format!("{err:#}"))),
                }
            } else if is_text_file_name(&path) && fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                return Some(WalkItem::File(path));
            }
        }
    }

    fn next_document(&mut self) -> Option<Document> {
        Some(match self.next_path()? {
            WalkItem::File(path) => read_text_file(&path, self.relative_id(&path)),
            WalkItem::Error(path, message) => {
                error_document(self.relative_id(&path), 0, kind::IO_ERROR, message)
            }
        })
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
        assert_eq!(doc.extra["input_entities"], Value::from(2));
        assert_eq!(doc.extra["input_input_entities"], serde_json::json!([1]));
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
