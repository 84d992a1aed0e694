//! frner: French news NER with a pretrained multilingual transformer.
//!
//! Data flows `io` → `tokenize` → `model` → `decode` → `quantity` → `link` → `output`; every
//! stage reads and writes the shared [`document::Document`] / [`document::Entity`] types.
//! [`pipeline::Pipeline`] runs the stages over a batch of documents; [`cli`] holds the commands.

pub mod cli;
pub mod cpu;
pub mod cuda;
pub mod dateline;
pub mod decode;
pub mod document;
pub mod eval;
pub mod french;
pub mod gold;
pub mod io;
pub mod link;
pub mod model;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod quantity;
pub mod segment;
pub mod spans;
pub mod tokenize;

pub use document::{CharIndex, Document, Entity, Link, QuantityValue, RecordError};

/// Where `make` builds the default model; `FRNER_MODEL` overrides it.
pub fn default_model_dir() -> std::path::PathBuf {
    match std::env::var_os("FRNER_MODEL") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-fr-ner"),
    }
}

/// Peak resident set size of this process in MiB (Linux `ru_maxrss`).
pub fn peak_rss_mb() -> f64 {
    // SAFETY: getrusage fills the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    if rc != 0 {
        return 0.0;
    }
    usage.ru_maxrss as f64 / 1024.0
}
