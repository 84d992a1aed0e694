//! frner: French news NER with a pretrained multilingual transformer.
//!
//! Data flows `io` → `tokenize` → `model` → `decode` → `quantity` → `link` → `output`; every
//! stage reads and writes the shared [`document::Document`] / [`document::Entity`] types.

pub mod document;

pub use document::{CharIndex, Document, Entity, Link, QuantityValue, RecordError};
