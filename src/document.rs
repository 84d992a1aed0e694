//! The one record type every stage reads and writes: a `Document` with its `Entity` spans.
//!
//! Offsets: `start`/`end` count Unicode scalar values (so Python `text[start:end]` is the
//! entity text), `start_byte`/`end_byte` count UTF-8 bytes (so Rust `&text[start_byte..end_byte]`
//! is the entity text). Both are half-open.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// One input record and everything the pipeline found in it.
///
/// Serialized (JSON Lines output) as `id`, `entities`, `error` when set, then the pass-through
/// fields in input order, each written exactly as it was read.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The record's id as given (string or number), or one made from the file name / line number.
    pub id: Value,
    /// A numeric id exactly as written in the input (`12345678901234567890123`, `1e2`), which
    /// is what the output repeats; `id` then holds its nearest JSON value (or, for numbers
    /// out of `f64` range, the text as a string).
    pub id_raw: Option<Box<RawValue>>,
    /// The text to tag. Not serialized in the default output (downstream tools already have it).
    pub text: String,
    /// Entities sorted by `start_byte`, never overlapping.
    pub entities: Vec<Entity>,
    /// Set when this record could not be processed; `entities` is then empty.
    pub error: Option<RecordError>,
    /// Other fields of an input JSON record, passed through byte for byte.
    pub extra: PassThrough,
}

impl Document {
    /// The id as JSON text, exactly as the output writes it.
    pub fn id_json(&self) -> String {
        match &self.id_raw {
            Some(raw) => raw.get().to_string(),
            None => self.id.to_string(),
        }
    }

    /// The id as plain text: strings unquoted, numbers as written in the input.
    pub fn id_plain(&self) -> String {
        match (&self.id_raw, &self.id) {
            (Some(raw), _) => raw.get().to_string(),
            (None, Value::String(s)) => s.clone(),
            (None, other) => other.to_string(),
        }
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match &self.id_raw {
            Some(raw) => map.serialize_entry("id", raw)?,
            None => map.serialize_entry("id", &self.id)?,
        }
        map.serialize_entry("entities", &self.entities)?;
        if let Some(error) = &self.error {
            map.serialize_entry("error", error)?;
        }
        for (key, value) in &self.extra.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The fields of an input JSON record that are not `id` or `text`, in input order, each kept
/// as its raw JSON text: numbers keep every digit and their notation (`1e2`, `1.0000000000000000000001`,
/// `1e999`), strings their escapes.
#[derive(Debug, Clone, Default)]
pub struct PassThrough(pub Vec<(String, Box<RawValue>)>);

impl PassThrough {
    /// The field's value, parsed (numbers out of `f64` range give `None`).
    pub fn get(&self, key: &str) -> Option<Value> {
        self.raw(key)
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
    }

    /// The field's raw JSON text.
    pub fn raw(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_ref())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Sets `key`, keeping the position of an existing field of that name.
    pub fn insert(&mut self, key: String, value: Box<RawValue>) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a record produced no entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// 1-based line number in the input (JSONL), or 0 for whole-file inputs.
    pub line: u64,
    /// Machine-readable kind, written in snake case (`invalid_json`, `missing_text`, …).
    pub kind: RecordErrorKind,
    pub message: String,
}

/// The kinds of [`RecordError`]; their serialized names are part of the output formats
/// (docs/formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordErrorKind {
    /// A JSONL line that is not JSON.
    InvalidJson,
    /// A JSONL line that is JSON but not an object.
    NotAnObject,
    MissingText,
    TextNotString,
    InvalidId,
    InvalidUtf8,
    /// A text that is empty or only whitespace.
    Empty,
    BlankLine,
    /// A file that looks binary (NUL bytes).
    Binary,
    /// Over `--max-record-bytes`.
    TooLong,
    /// The input could not be read (a file, or a stream that broke mid-way).
    IoError,
    /// The tokenizer refused the text.
    Tokenizer,
    /// The model could not run a window of the text even alone (out of memory, or any
    /// libtorch error).
    Model,
}

impl RecordErrorKind {
    /// The serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordErrorKind::InvalidJson => "invalid_json",
            RecordErrorKind::NotAnObject => "not_an_object",
            RecordErrorKind::MissingText => "missing_text",
            RecordErrorKind::TextNotString => "text_not_string",
            RecordErrorKind::InvalidId => "invalid_id",
            RecordErrorKind::InvalidUtf8 => "invalid_utf8",
            RecordErrorKind::Empty => "empty",
            RecordErrorKind::BlankLine => "blank_line",
            RecordErrorKind::Binary => "binary",
            RecordErrorKind::TooLong => "too_long",
            RecordErrorKind::IoError => "io_error",
            RecordErrorKind::Tokenizer => "tokenizer",
            RecordErrorKind::Model => "model",
        }
    }
}

impl std::fmt::Display for RecordErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tagged span of a document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub text: String,
    /// `PER`, `ORG`, `LOC`, `MISC` from the model, `QUANTITY` from the quantity recognizer.
    pub label: String,
    pub score: f32,
    /// Normalized value, for `QUANTITY` entities only. Boxed, like the link: most entities
    /// have neither, and a 10 MB text has about 200,000 entities, so every inline byte counts.
    #[serde(flatten, skip_serializing_if = "Option::is_none", default)]
    pub quantity: Option<Box<QuantityValue>>,
    /// Knowledge-base link for PER/ORG/LOC (see [`Linking`] for how each case is written).
    #[serde(skip_serializing_if = "Linking::is_not_linked", default)]
    pub link: Linking,
    /// Document-local cluster id shared by NIL mentions of the same unknown entity.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub nil_cluster: Option<u32>,
}

/// Machine-readable value of a quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct QuantityValue {
    /// `CARDINAL`, `MONEY`, `PERCENT`, `MEASURE`.
    pub kind: String,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max: Option<f64>,
    /// Normalized unit: ISO 4217 code for money, SI-style symbol for measures, `%` or `pp`
    /// for percentages, the counted noun for cardinals.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub approx: bool,
    /// Approximation or bound marker as written, normalized: `près de`, `plus de`, ...
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub qualifier: Option<String>,
}

/// What the linker decided for an entity.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Linking {
    /// Not submitted (not a linkable type, or linking off): no `link` field is written.
    #[default]
    NotLinked,
    /// Looked up, not in the knowledge base: written `"link": null`.
    Nil,
    /// Resolved to a row: written as the [`Link`] object.
    Linked(Box<Link>),
}

impl Linking {
    pub fn is_not_linked(&self) -> bool {
        matches!(self, Linking::NotLinked)
    }

    /// The resolved row, if any.
    pub fn row(&self) -> Option<&Link> {
        match self {
            Linking::Linked(link) => Some(link),
            _ => None,
        }
    }
}

/// A lookup's result: a row, or NIL.
impl From<Option<Link>> for Linking {
    fn from(row: Option<Link>) -> Linking {
        match row {
            Some(link) => Linking::Linked(Box::new(link)),
            None => Linking::Nil,
        }
    }
}

/// `Nil` ⇄ `null`, `Linked` ⇄ the object; `NotLinked` is the absent field (skipped).
impl Serialize for Linking {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Linking::Linked(link) => link.serialize(s),
            Linking::Nil | Linking::NotLinked => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Linking {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Linking, D::Error> {
        Ok(match Option::<Link>::deserialize(d)? {
            Some(link) => Linking::Linked(Box::new(link)),
            None => Linking::Nil,
        })
    }
}

/// A resolved knowledge-base row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub wikidata: Option<String>,
    pub name: String,
    pub score: f32,
}

impl Entity {
    /// Builds an entity from a byte span of `text`, computing character offsets.
    /// `char_index` maps byte offsets to char offsets (see [`CharIndex`]).
    pub fn from_byte_span(
        text: &str,
        index: &CharIndex,
        start_byte: usize,
        end_byte: usize,
        label: impl Into<String>,
        score: f32,
    ) -> Entity {
        Entity {
            start: index.char_of(start_byte),
            end: index.char_of(end_byte),
            start_byte,
            end_byte,
            text: text[start_byte..end_byte].to_string(),
            label: label.into(),
            score,
            quantity: None,
            link: Linking::NotLinked,
            nil_cluster: None,
        }
    }
}

/// Byte-offset → char-offset conversion for one text, O(log n) per lookup.
///
/// Mostly-ASCII text (French news: a few accented letters per line) stores only its
/// multi-byte characters, 16 bytes each, instead of 8 bytes for every character: a 10 MB
/// article needs well under 10 MB of index instead of 80 MB. Text with many multi-byte
/// characters keeps one offset per character.
pub struct CharIndex {
    repr: Repr,
}

enum Repr {
    /// Byte offset of every char start, plus `text.len()` at the end.
    Dense(Vec<usize>),
    /// `(byte, char)` offsets of every multi-byte char, then `(text.len(), char count)`;
    /// every other char is one byte.
    Sparse(Vec<(usize, usize)>),
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let chars = text.chars().count();
        let wide = text.len() - chars; // extra bytes, an upper bound on multi-byte chars
        let repr = if wide <= chars / 8 {
            let mut points: Vec<(usize, usize)> = text
                .char_indices()
                .enumerate()
                .filter(|(_, (_, c))| c.len_utf8() > 1)
                .map(|(ch, (byte, _))| (byte, ch))
                .collect();
            points.push((text.len(), chars));
            Repr::Sparse(points)
        } else {
            let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            starts.push(text.len());
            Repr::Dense(starts)
        };
        CharIndex { repr }
    }

    /// Char offset of the char starting at `byte` (or of the char containing it).
    pub fn char_of(&self, byte: usize) -> usize {
        match &self.repr {
            Repr::Dense(starts) => match starts.binary_search(&byte) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            },
            Repr::Sparse(points) => {
                let (len, chars) = points[points.len() - 1];
                if byte >= len {
                    return chars;
                }
                // Multi-byte chars starting at or before `byte` (the end point never is).
                let i = points.partition_point(|&(b, _)| b <= byte);
                if i == 0 {
                    return byte;
                }
                let (b, c) = points[i - 1];
                let end = b + wide_len(points, i - 1);
                if byte < end {
                    c
                } else {
                    c + 1 + (byte - end)
                }
            }
        }
    }

    /// Byte offset of char number `ch` (clamped to the text end).
    pub fn byte_of(&self, ch: usize) -> usize {
        match &self.repr {
            Repr::Dense(starts) => starts[ch.min(starts.len() - 1)],
            Repr::Sparse(points) => {
                let (len, chars) = points[points.len() - 1];
                if ch >= chars {
                    return len;
                }
                let j = points.partition_point(|&(_, c)| c <= ch);
                if j == 0 {
                    return ch;
                }
                let (b, c) = points[j - 1];
                if ch == c {
                    b
                } else {
                    b + wide_len(points, j - 1) + (ch - c - 1)
                }
            }
        }
    }
}

/// Byte length of the multi-byte char `points[i]`, from the one-byte chars between it and
/// the next point.
fn wide_len(points: &[(usize, usize)], i: usize) -> usize {
    let (b, c) = points[i];
    let (nb, nc) = points[i + 1];
    (nb - b) - (nc - c - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 10 MB text holds about 200,000 entities until it is written (issue 14's memory
    /// bar): the rarely-filled value and link stay behind pointers. Inline they made an
    /// entity 296 bytes.
    #[test]
    fn entity_stays_small() {
        assert!(
            std::mem::size_of::<Entity>() <= 128,
            "{}",
            std::mem::size_of::<Entity>()
        );
    }

    #[test]
    fn char_and_byte_offsets_agree() {
        let text = "Élysée : « Macron » à Besançon";
        let idx = CharIndex::new(text);
        let b = text.find("Macron").unwrap();
        let e = Entity::from_byte_span(text, &idx, b, b + "Macron".len(), "PER", 0.9);
        let chars: Vec<char> = text.chars().collect();
        let via_chars: String = chars[e.start..e.end].iter().collect();
        assert_eq!(via_chars, "Macron");
        assert_eq!(e.text, "Macron");
        assert_eq!(idx.byte_of(e.start), b);
    }

    #[test]
    fn sparse_and_dense_indexes_agree_with_char_indices() {
        for text in [
            "",
            "abc",
            "é",
            "Le président de l’Assemblée nationale, à Besançon, a dit « oui ».",
            "Élysée : « Macron » à Besançon 🇫🇷 日本",
            "ééééééé a",
            "a\u{301}b 🇫🇷x",
        ] {
            let index = CharIndex::new(text);
            let mut ch = 0;
            for (byte, c) in text.char_indices() {
                assert_eq!(index.char_of(byte), ch, "{text:?} byte {byte}");
                assert_eq!(index.byte_of(ch), byte, "{text:?} char {ch}");
                for inside in byte + 1..byte + c.len_utf8() {
                    assert_eq!(index.char_of(inside), ch, "{text:?} inside {inside}");
                }
                ch += 1;
            }
            assert_eq!(index.char_of(text.len()), ch);
            assert_eq!(index.char_of(text.len() + 5), ch);
            assert_eq!(index.byte_of(ch), text.len());
            assert_eq!(index.byte_of(ch + 3), text.len());
        }
    }

    #[test]
    fn link_null_and_absent_serialize_differently() {
        let idx = CharIndex::new("Paris");
        let mut e = Entity::from_byte_span("Paris", &idx, 0, 5, "LOC", 1.0);
        assert!(!serde_json::to_string(&e).unwrap().contains("link"));
        e.link = Linking::Nil;
        assert!(serde_json::to_string(&e).unwrap().contains("\"link\":null"));
    }
}
