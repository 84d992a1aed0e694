//! Parquet output (`--format parquet`): one row per record, in input order, with the nested
//! schema of `docs/formats.md` ("parquet"): `id`, the pass-through columns, `entities`
//! (a list of structs) and `error` (a struct, null for tagged records).
//!
//! Records are gathered into Arrow record batches of [`BATCH_ROWS`] and handed to the
//! Parquet writer, which closes a row group every [`ROW_GROUP_ROWS`] rows or
//! [`ROW_GROUP_BYTES`] of encoded data, whichever comes first; the encoded bytes go to the
//! output as each row group is closed. Memory is bounded by one row group whatever the
//! corpus size. A Parquet file is only readable once its footer is written, so an
//! interrupted run cannot be resumed (`--resume` is refused).

use std::io::{self, BufRead, Write};
use std::sync::{Arc, Mutex};

use arrow_array::builder::{
    BooleanBuilder, Float32Builder, Float64Builder, Int64Builder, StringBuilder, UInt32Builder,
};
use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{RecordFormat, ResumePoint};
use crate::document::{Document, Linking};

/// Records per Arrow record batch handed to the writer.
pub const BATCH_ROWS: usize = 1024;
/// Most rows in one row group.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;
/// Most encoded bytes in one row group (the writer's estimate).
pub const ROW_GROUP_BYTES: usize = 64 << 20;

/// How the input's other fields become columns.
#[derive(Debug, Clone, Default)]
pub enum PassThrough {
    /// JSON inputs: records need not share fields, so they are kept together as one `extra`
    /// string column holding a JSON object (null when the record has none), exactly as read.
    #[default]
    Json,
    /// Parquet inputs: the input's own columns, with their types (booleans, integers,
    /// floats, strings; see `crate::parquet_input`).
    Columns(Vec<Field>),
}

/// The fields of a link.
fn link_fields() -> Fields {
    Fields::from(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("wikidata", DataType::Utf8, true),
        Field::new("name", DataType::Utf8, false),
        Field::new("score", DataType::Float32, false),
    ])
}

/// The fields of an entity.
fn entity_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("start_byte", DataType::Int64, false),
        Field::new("end_byte", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
        Field::new("label", DataType::Utf8, false),
        Field::new("score", DataType::Float32, false),
        Field::new("kind", DataType::Utf8, true),
        Field::new("value", DataType::Float64, true),
        Field::new("min", DataType::Float64, true),
        Field::new("max", DataType::Float64, true),
        Field::new("unit", DataType::Utf8, true),
        Field::new("approx", DataType::Boolean, true),
        Field::new("qualifier", DataType::Utf8, true),
        Field::new("nil_cluster", DataType::UInt32, true),
        Field::new("link_status", DataType::Utf8, true),
        Field::new("link", DataType::Struct(link_fields()), true),
    ])
}

fn error_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("message", DataType::Utf8, false),
        Field::new("line", DataType::Int64, false),
    ])
}

/// The output schema for the given pass-through columns.
pub fn schema(pass: &PassThrough) -> SchemaRef {
    let mut fields = vec![Field::new("id", DataType::Utf8, false)];
    match pass {
        PassThrough::Json => fields.push(Field::new("extra", DataType::Utf8, true)),
        PassThrough::Columns(columns) => {
            fields.extend(columns.iter().map(|f| f.clone().with_nullable(true)))
        }
    }
    let item = Field::new("item", DataType::Struct(entity_fields()), false);
    fields.push(Field::new(
        "entities",
        DataType::List(Arc::new(item)),
        false,
    ));
    fields.push(Field::new("error", DataType::Struct(error_fields()), true));
    Arc::new(Schema::new(fields))
}

/// What the Parquet writer writes into: the encoder moves the bytes on to the real output
/// after each row group, so they never pile up here.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Shared {
    /// Moves what the writer has produced so far to `out`.
    fn drain_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut bytes = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        out.write_all(&bytes)?;
        bytes.clear();
        Ok(())
    }
}

pub struct ParquetFormat {
    schema: SchemaRef,
    pass: PassThrough,
    writer: Option<ArrowWriter<Shared>>,
    bytes: Shared,
    rows: Rows,
}

impl ParquetFormat {
    pub fn new(pass: PassThrough) -> io::Result<ParquetFormat> {
        let schema = schema(&pass);
        let bytes = Shared::default();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .build();
        let writer =
            ArrowWriter::try_new(bytes.clone(), schema.clone(), Some(props)).map_err(to_io)?;
        Ok(ParquetFormat {
            schema,
            rows: Rows::new(&pass),
            pass,
            writer: Some(writer),
            bytes,
        })
    }

    /// Writes the gathered rows as one record batch.
    fn write_batch(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.rows.len == 0 {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.rows, Rows::new(&self.pass));
        let batch = rows.finish(&self.schema)?;
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| io::Error::other("parquet writer already closed"))?;
        writer.write(&batch).map_err(to_io)?;
        self.bytes.drain_to(out)
    }
}

fn to_io(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::other(e)
}

impl RecordFormat for ParquetFormat {
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.bytes.drain_to(out)
    }

    fn record(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()> {
        self.rows.push(doc);
        if self.rows.len >= BATCH_ROWS {
            self.write_batch(out)?;
        }
        Ok(())
    }

    fn footer(&mut self, out: &mut dyn Write, _records: u64) -> io::Result<()> {
        self.write_batch(out)?;
        if let Some(writer) = self.writer.take() {
            writer.close().map_err(to_io)?;
        }
        self.bytes.drain_to(out)
    }

    fn scan(&self, _existing: &mut dyn BufRead) -> io::Result<ResumePoint> {
        // Never reached: `--resume` is refused for Parquet before any output is opened.
        Ok(ResumePoint::default())
    }
}

/// Column builders for a batch of records.
struct Rows {
    len: usize,
    id: StringBuilder,
    extra: Extra,
    offsets: Vec<usize>,
    entities: EntityColumns,
    error_valid: Vec<bool>,
    error_kind: StringBuilder,
    error_message: StringBuilder,
    error_line: Int64Builder,
}

enum Extra {
    Json(StringBuilder),
    Columns(Vec<(Field, crate::parquet_input::ColumnBuilder)>),
}

#[derive(Default)]
struct EntityColumns {
    start: Int64Builder,
    end: Int64Builder,
    start_byte: Int64Builder,
    end_byte: Int64Builder,
    text: StringBuilder,
    label: StringBuilder,
    score: Float32Builder,
    kind: StringBuilder,
    value: Float64Builder,
    min: Float64Builder,
    max: Float64Builder,
    unit: StringBuilder,
    approx: BooleanBuilder,
    qualifier: StringBuilder,
    nil_cluster: UInt32Builder,
    link_status: StringBuilder,
    link_valid: Vec<bool>,
    link_id: StringBuilder,
    link_wikidata: StringBuilder,
    link_name: StringBuilder,
    link_score: Float32Builder,
}

impl Rows {
    fn new(pass: &PassThrough) -> Rows {
        let extra = match pass {
            PassThrough::Json => Extra::Json(StringBuilder::new()),
            PassThrough::Columns(fields) => Extra::Columns(
                fields
                    .iter()
                    .map(|f| {
                        let builder = crate::parquet_input::ColumnBuilder::new(f.data_type());
                        (f.clone(), builder)
                    })
                    .collect(),
            ),
        };
        Rows {
            len: 0,
            id: StringBuilder::new(),
            extra,
            offsets: vec![],
            entities: EntityColumns::default(),
            error_valid: vec![],
            error_kind: StringBuilder::new(),
            error_message: StringBuilder::new(),
            error_line: Int64Builder::new(),
        }
    }

    fn push(&mut self, doc: &Document) {
        self.len += 1;
        self.id.append_value(doc.id_plain());
        match &mut self.extra {
            Extra::Json(column) => {
                if doc.extra.is_empty() {
                    column.append_null();
                } else {
                    // Raw values, so numbers keep their digits as in the JSON Lines output.
                    let mut text = String::from("{");
                    for (i, (key, value)) in doc.extra.0.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        text.push_str(&serde_json::Value::from(key.as_str()).to_string());
                        text.push(':');
                        text.push_str(value.get());
                    }
                    text.push('}');
                    column.append_value(text);
                }
            }
            Extra::Columns(columns) => {
                for (field, builder) in columns {
                    builder.append_raw(doc.extra.raw(field.name()));
                }
            }
        }
        let e = &mut self.entities;
        for entity in &doc.entities {
            e.start.append_value(entity.start as i64);
            e.end.append_value(entity.end as i64);
            e.start_byte.append_value(entity.start_byte as i64);
            e.end_byte.append_value(entity.end_byte as i64);
            e.text.append_value(&entity.text);
            e.label.append_value(&entity.label);
            e.score.append_value(entity.score);
            let q = entity.quantity.as_ref();
            e.kind.append_option(q.map(|q| q.kind.as_str()));
            e.value.append_option(q.map(|q| q.value));
            e.min.append_option(q.and_then(|q| q.min));
            e.max.append_option(q.and_then(|q| q.max));
            e.unit.append_option(q.and_then(|q| q.unit.as_deref()));
            e.approx.append_option(q.map(|q| q.approx));
            e.qualifier
                .append_option(q.and_then(|q| q.qualifier.as_deref()));
            e.nil_cluster.append_option(entity.nil_cluster);
            let (status, link) = match &entity.link {
                Linking::NotLinked => (None, None),
                Linking::Nil => (Some("nil"), None),
                Linking::Linked(link) => (Some("linked"), Some(link)),
            };
            e.link_status.append_option(status);
            e.link_valid.push(link.is_some());
            e.link_id.append_value(link.map_or("", |l| l.id.as_str()));
            e.link_wikidata
                .append_option(link.and_then(|l| l.wikidata.as_deref()));
            e.link_name
                .append_value(link.map_or("", |l| l.name.as_str()));
            e.link_score.append_value(link.map_or(0.0, |l| l.score));
        }
        self.offsets.push(doc.entities.len());
        self.error_valid.push(doc.error.is_some());
        let error = doc.error.as_ref();
        self.error_kind
            .append_value(error.map_or("", |e| e.kind.as_str()));
        self.error_message
            .append_value(error.map_or("", |e| e.message.as_str()));
        self.error_line
            .append_value(error.map_or(0, |e| e.line as i64));
    }

    fn finish(mut self, schema: &SchemaRef) -> io::Result<RecordBatch> {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.id.finish())];
        match &mut self.extra {
            Extra::Json(column) => columns.push(Arc::new(column.finish())),
            Extra::Columns(builders) => {
                for (_, builder) in builders {
                    columns.push(builder.finish());
                }
            }
        }
        let e = &mut self.entities;
        let link = StructArray::try_new(
            link_fields(),
            vec![
                Arc::new(e.link_id.finish()),
                Arc::new(e.link_wikidata.finish()),
                Arc::new(e.link_name.finish()),
                Arc::new(e.link_score.finish()),
            ],
            Some(NullBuffer::from(std::mem::take(&mut e.link_valid))),
        )
        .map_err(to_io)?;
        let entity_arrays: Vec<ArrayRef> = vec![
            Arc::new(e.start.finish()),
            Arc::new(e.end.finish()),
            Arc::new(e.start_byte.finish()),
            Arc::new(e.end_byte.finish()),
            Arc::new(e.text.finish()),
            Arc::new(e.label.finish()),
            Arc::new(e.score.finish()),
            Arc::new(e.kind.finish()),
            Arc::new(e.value.finish()),
            Arc::new(e.min.finish()),
            Arc::new(e.max.finish()),
            Arc::new(e.unit.finish()),
            Arc::new(e.approx.finish()),
            Arc::new(e.qualifier.finish()),
            Arc::new(e.nil_cluster.finish()),
            Arc::new(e.link_status.finish()),
            Arc::new(link),
        ];
        let entities = StructArray::try_new(entity_fields(), entity_arrays, None).map_err(to_io)?;
        let item = Arc::new(Field::new("item", DataType::Struct(entity_fields()), false));
        let list = ListArray::try_new(
            item,
            OffsetBuffer::from_lengths(std::mem::take(&mut self.offsets)),
            Arc::new(entities),
            None,
        )
        .map_err(to_io)?;
        columns.push(Arc::new(list));
        let error = StructArray::try_new(
            error_fields(),
            vec![
                Arc::new(self.error_kind.finish()),
                Arc::new(self.error_message.finish()),
                Arc::new(self.error_line.finish()),
            ],
            Some(NullBuffer::from(std::mem::take(&mut self.error_valid))),
        )
        .map_err(to_io)?;
        columns.push(Arc::new(error));
        debug_assert!(columns.iter().all(|c| c.len() == self.len));
        RecordBatch::try_new(schema.clone(), columns).map_err(to_io)
    }
}
