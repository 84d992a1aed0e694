//! The one record type every stage reads and writes: a `Document` with its `Entity` spans.
//!
//! Offsets: `start`/`end` count Unicode scalar values (so Python `text[start:end]` is the
//! entity text), `start_byte`/`end_byte` count UTF-8 bytes (so Rust `&text[start_byte..end_byte]`
//! is the entity text). Both are half-open.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One input record and everything the pipeline found in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// The record's id as given (string or number), or one made from the file name / line number.
    pub id: Value,
    /// The text to tag. Not serialized in the default output (downstream tools already have it).
    #[serde(skip)]
    pub text: String,
    /// Entities sorted by `start_byte`, never overlapping.
    pub entities: Vec<Entity>,
    /// Set when this record could not be processed; `entities` is then empty.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<RecordError>,
    /// Other fields of an input JSON record, passed through unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Why a record produced no entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// 1-based line number in the input (JSONL), or 0 for whole-file inputs.
    pub line: u64,
    /// Machine-readable kind, e.g. `invalid_json`, `missing_text`, `invalid_utf8`, `empty`.
    pub kind: String,
    pub message: String,
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
    /// Normalized value, for `QUANTITY` entities only.
    #[serde(flatten, skip_serializing_if = "Option::is_none", default)]
    pub quantity: Option<QuantityValue>,
    /// Knowledge-base link for PER/ORG/LOC: `Some(None)` serializes as `"link": null` (NIL).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        with = "serde_with_null"
    )]
    pub link: Option<Option<Link>>,
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
            link: None,
            nil_cluster: None,
        }
    }
}

/// Byte-offset → char-offset conversion for one text, O(log n) per lookup.
pub struct CharIndex {
    /// Byte offset of every char start, plus `text.len()` at the end.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    /// Char offset of the char starting at `byte` (or of the char containing it).
    pub fn char_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of char number `ch` (clamped to the text end).
    pub fn byte_of(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }
}

/// `Option<Option<T>>` ⇄ absent / `null` / value.
mod serde_with_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Ok(Some(Option::<T>::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn link_null_and_absent_serialize_differently() {
        let idx = CharIndex::new("Paris");
        let mut e = Entity::from_byte_span("Paris", &idx, 0, 5, "LOC", 1.0);
        assert!(!serde_json::to_string(&e).unwrap().contains("link"));
        e.link = Some(None);
        assert!(serde_json::to_string(&e).unwrap().contains("\"link\":null"));
    }
}
