//! Parquet input: one document per row, the text from `--text-column` (default `text`), the
//! id from `--id-column` (default `id`; the 1-based row number when the file has no such
//! column), every other column passed through (see `docs/formats.md`, "parquet").
//!
//! Rows are read a record batch at a time ([`BATCH_ROWS`]), so memory is bounded by one row
//! group's column chunks whatever the file size. Pass-through values are carried as raw JSON
//! (what every output format repeats); [`ColumnBuilder`] turns them back into the column's
//! own type for Parquet output.

use std::fs::File;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float32Array, Float64Array, Int16Array, Int32Array, Int64Array,
    Int8Array, RecordBatch, StringArray, UInt16Array, UInt32Array, UInt64Array, UInt8Array,
};
use arrow_schema::{DataType, Field};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::document::{Document, PassThrough, RecordError, RecordErrorKind};

/// Rows per record batch read.
pub const BATCH_ROWS: usize = 1024;

/// The first bytes of every Parquet file.
pub const MAGIC: &[u8] = b"PAR1";

/// Which columns hold the text and the id.
#[derive(Debug, Clone)]
pub struct Columns {
    pub text: String,
    pub id: String,
}

impl Default for Columns {
    fn default() -> Columns {
        Columns {
            text: "text".into(),
            id: "id".into(),
        }
    }
}

/// Whether `path` is a Parquet file (by its first bytes, not its name).
pub fn is_parquet_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == MAGIC)
}

/// Types a pass-through column may have: they have an exact JSON form.
fn passable(data_type: &DataType) -> bool {
    use DataType::*;
    matches!(
        data_type,
        Boolean
            | Int8
            | Int16
            | Int32
            | Int64
            | UInt8
            | UInt16
            | UInt32
            | UInt64
            | Float32
            | Float64
            | Utf8
            | LargeUtf8
            | Utf8View
    )
}

fn is_string(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

fn is_integer(data_type: &DataType) -> bool {
    data_type.is_integer()
}

/// The rows of a Parquet file as documents.
pub struct ParquetRows {
    reader: ParquetRecordBatchReader,
    batch: Option<RecordBatch>,
    next_row: usize,
    row_no: u64,
    text: usize,
    id: Option<usize>,
    /// Output name and column index of each pass-through column.
    pass: Vec<(String, usize)>,
    /// Output fields of the pass-through columns (strings as `Utf8`).
    fields: Vec<Field>,
    failed: bool,
    failure: Arc<Mutex<Option<String>>>,
    name: String,
}

impl ParquetRows {
    /// Opens `path`, checking its schema: the text column must exist and hold strings, the
    /// id column (when present) strings or integers, every other column a type with an exact
    /// JSON form (booleans, integers, floats, strings).
    pub fn open(
        path: &Path,
        columns: &Columns,
        failure: Arc<Mutex<Option<String>>>,
    ) -> Result<ParquetRows> {
        let name = path.display().to_string();
        let file = File::open(path).with_context(|| format!("cannot open input {name}"))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("cannot read the Parquet footer of {name}"))?;
        let schema = builder.schema().clone();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let Some(text) = names.iter().position(|n| *n == columns.text) else {
            bail!(
                "{name} has no column {:?} (--text-column); its columns: {}",
                columns.text,
                names.join(", ")
            );
        };
        if !is_string(schema.field(text).data_type()) {
            bail!(
                "{name}: the text column {:?} holds {}, not strings",
                columns.text,
                schema.field(text).data_type()
            );
        }
        let id = names.iter().position(|n| *n == columns.id);
        if let Some(i) = id {
            let t = schema.field(i).data_type();
            if !is_string(t) && !is_integer(t) {
                bail!(
                    "{name}: the id column {:?} holds {t}; it must hold strings or integers",
                    columns.id
                );
            }
        }
        let mut pass = vec![];
        let mut fields = vec![];
        let mut taken = crate::document::PassThrough::default();
        for (i, field) in schema.fields().iter().enumerate() {
            if i == text || Some(i) == id {
                continue;
            }
            if !passable(field.data_type()) {
                bail!(
                    "{name}: column {:?} holds {}, which frner cannot pass through (booleans, \
                     integers, floats and strings can); write the input without it",
                    field.name(),
                    field.data_type()
                );
            }
            let out = crate::io::pass_through_output_name(field.name(), &taken);
            taken.0.push((out.clone(), RawValue::NULL.to_owned()));
            let data_type = if is_string(field.data_type()) {
                DataType::Utf8
            } else {
                field.data_type().clone()
            };
            fields.push(Field::new(&out, data_type, true));
            pass.push((out, i));
        }
        let reader = builder
            .with_batch_size(BATCH_ROWS)
            .build()
            .with_context(|| format!("cannot read {name}"))?;
        Ok(ParquetRows {
            reader,
            batch: None,
            next_row: 0,
            row_no: 0,
            text,
            id,
            pass,
            fields,
            failed: false,
            failure,
            name,
        })
    }

    /// Output fields of the pass-through columns, for Parquet output.
    pub fn pass_through_fields(&self) -> Vec<Field> {
        self.fields.clone()
    }

    pub fn next_document(&mut self) -> Option<Document> {
        if self.failed {
            return None;
        }
        while self
            .batch
            .as_ref()
            .is_none_or(|b| self.next_row >= b.num_rows())
        {
            match self.reader.next() {
                None => return None,
                Some(Ok(batch)) => {
                    self.batch = Some(batch);
                    self.next_row = 0;
                }
                Some(Err(err)) => {
                    self.failed = true;
                    let row = self.row_no + 1;
                    let message =
                        format!("input unreadable from {}, row {row} on: {err}", self.name);
                    tracing::error!("{message}");
                    if let Ok(mut slot) = self.failure.lock() {
                        slot.get_or_insert(message.clone());
                    }
                    return Some(crate::io::error_document(
                        Value::from(row),
                        row,
                        RecordErrorKind::IoError,
                        message,
                    ));
                }
            }
        }
        let batch = self.batch.as_ref()?;
        let row = self.next_row;
        self.next_row += 1;
        self.row_no += 1;
        Some(self.document(batch, row))
    }

    fn document(&self, batch: &RecordBatch, row: usize) -> Document {
        let line = self.row_no;
        let id = match self.id.map(|i| batch.column(i)) {
            Some(col) if col.is_valid(row) => {
                let raw = cell_json(col.as_ref(), row);
                serde_json::from_str::<Value>(&raw).unwrap_or(Value::from(line))
            }
            _ => Value::from(line),
        };
        let mut extra = PassThrough::default();
        for (name, i) in &self.pass {
            let raw = cell_json(batch.column(*i).as_ref(), row);
            let value = RawValue::from_string(raw).unwrap_or_else(|_| RawValue::NULL.to_owned());
            extra.0.push((name.clone(), value));
        }
        let col = batch.column(self.text);
        let text = if col.is_valid(row) {
            string_at(col.as_ref(), row)
        } else {
            None
        };
        let error = match text {
            None => Some((RecordErrorKind::MissingText, "text is null".to_string())),
            Some(t) if t.len() > crate::io::max_record_bytes() => Some((
                RecordErrorKind::TooLong,
                format!(
                    "text is {} bytes, more than the {}-byte limit (--max-record-bytes)",
                    t.len(),
                    crate::io::max_record_bytes()
                ),
            )),
            Some(t) if t.trim().is_empty() => Some((
                RecordErrorKind::Empty,
                "text is empty or only whitespace".to_string(),
            )),
            Some(_) => None,
        };
        let mut doc = Document {
            id,
            extra,
            ..Document::default()
        };
        match error {
            Some((kind, message)) => {
                doc.error = Some(RecordError {
                    line,
                    kind,
                    message,
                })
            }
            None => doc.text = text.unwrap_or_default().to_string(),
        }
        doc
    }
}

/// The string at `row` of a string column (any of Arrow's three layouts).
fn string_at(col: &dyn Array, row: usize) -> Option<&str> {
    if let Some(a) = col.as_string_opt::<i32>() {
        return Some(a.value(row));
    }
    if let Some(a) = col.as_string_opt::<i64>() {
        return Some(a.value(row));
    }
    col.as_string_view_opt().map(|a| a.value(row))
}

/// A float as JSON: a number when finite (shortest form that reads back the same value),
/// else the string `"NaN"`, `"inf"` or `"-inf"` (JSON has no such numbers).
fn float_json(x: f64) -> String {
    match serde_json::Number::from_f64(x) {
        Some(n) => n.to_string(),
        None if x.is_nan() => "\"NaN\"".into(),
        None if x > 0.0 => "\"inf\"".into(),
        None => "\"-inf\"".into(),
    }
}

/// The cell at `row` as JSON text; the column's type is one of [`passable`]'s.
fn cell_json(col: &dyn Array, row: usize) -> String {
    if col.is_null(row) {
        return "null".into();
    }
    use DataType::*;
    match col.data_type() {
        Boolean => col.as_boolean().value(row).to_string(),
        Int8 => col.as_primitive::<Int8Type>().value(row).to_string(),
        Int16 => col.as_primitive::<Int16Type>().value(row).to_string(),
        Int32 => col.as_primitive::<Int32Type>().value(row).to_string(),
        Int64 => col.as_primitive::<Int64Type>().value(row).to_string(),
        UInt8 => col.as_primitive::<UInt8Type>().value(row).to_string(),
        UInt16 => col.as_primitive::<UInt16Type>().value(row).to_string(),
        UInt32 => col.as_primitive::<UInt32Type>().value(row).to_string(),
        UInt64 => col.as_primitive::<UInt64Type>().value(row).to_string(),
        // f32 → f64 is exact, and its shortest f64 form reads back as the same f32.
        Float32 => float_json(f64::from(col.as_primitive::<Float32Type>().value(row))),
        Float64 => float_json(col.as_primitive::<Float64Type>().value(row)),
        _ => match string_at(col, row) {
            Some(s) => Value::from(s).to_string(),
            None => "null".into(),
        },
    }
}

/// Builds a column of a pass-through type from raw JSON values (Parquet output of a
/// Parquet input): each value goes back to the column's own type.
pub struct ColumnBuilder {
    data_type: DataType,
    values: Vec<Option<Box<RawValue>>>,
}

impl ColumnBuilder {
    pub fn new(data_type: &DataType) -> ColumnBuilder {
        ColumnBuilder {
            data_type: data_type.clone(),
            values: vec![],
        }
    }

    pub fn append_raw(&mut self, raw: Option<&RawValue>) {
        self.values.push(raw.map(|r| r.to_owned()));
    }

    pub fn finish(&mut self) -> ArrayRef {
        let values = std::mem::take(&mut self.values);
        let text = |v: &Option<Box<RawValue>>| v.as_ref().map(|r| r.get().to_string());
        fn int<T: std::str::FromStr>(v: &Option<Box<RawValue>>) -> Option<T> {
            v.as_ref().and_then(|r| r.get().parse().ok())
        }
        let float = |v: &Option<Box<RawValue>>| -> Option<f64> {
            let raw = v.as_ref()?.get();
            match raw {
                "\"NaN\"" => Some(f64::NAN),
                "\"inf\"" => Some(f64::INFINITY),
                "\"-inf\"" => Some(f64::NEG_INFINITY),
                _ => raw.parse().ok(),
            }
        };
        use DataType::*;
        match &self.data_type {
            Boolean => Arc::new(BooleanArray::from(
                values
                    .iter()
                    .map(|v| text(v).and_then(|t| t.parse().ok()))
                    .collect::<Vec<Option<bool>>>(),
            )),
            Int8 => Arc::new(Int8Array::from(values.iter().map(int).collect::<Vec<_>>())),
            Int16 => Arc::new(Int16Array::from(values.iter().map(int).collect::<Vec<_>>())),
            Int32 => Arc::new(Int32Array::from(values.iter().map(int).collect::<Vec<_>>())),
            Int64 => Arc::new(Int64Array::from(values.iter().map(int).collect::<Vec<_>>())),
            UInt8 => Arc::new(UInt8Array::from(values.iter().map(int).collect::<Vec<_>>())),
            UInt16 => Arc::new(UInt16Array::from(
                values.iter().map(int).collect::<Vec<_>>(),
            )),
            UInt32 => Arc::new(UInt32Array::from(
                values.iter().map(int).collect::<Vec<_>>(),
            )),
            UInt64 => Arc::new(UInt64Array::from(
                values.iter().map(int).collect::<Vec<_>>(),
            )),
            // The f64 read back from an f32's JSON form is that f32 exactly.
            Float32 => Arc::new(Float32Array::from(
                values
                    .iter()
                    .map(|v| float(v).map(|x| x as f32))
                    .collect::<Vec<_>>(),
            )),
            Float64 => Arc::new(Float64Array::from(
                values.iter().map(float).collect::<Vec<_>>(),
            )),
            _ => Arc::new(StringArray::from(
                values
                    .iter()
                    .map(|v| {
                        v.as_ref()
                            .and_then(|r| serde_json::from_str::<String>(r.get()).ok())
                    })
                    .collect::<Vec<_>>(),
            )),
        }
    }
}
