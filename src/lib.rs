//! frner: French news NER with a pretrained multilingual transformer.
//!
//! Data flows `io` → `normalize` → `tokenize` → `model` → `decode` → `quantity` → `link` →
//! `output`; every stage reads and writes the shared [`document::Document`] /
//! [`document::Entity`] types. [`pipeline::Pipeline`] runs the stages over a batch of
//! documents (see [`pipeline::Stage`]), [`batch`] forms the model's batches; [`cli`] holds the
//! commands.

pub mod batch;
pub mod cli;
pub mod conventions;
pub mod cpu;
pub mod dateline;
pub mod decode;
pub mod document;
pub mod eval;
pub mod exit;
pub mod french;
pub mod gold;
pub mod io;
pub mod labels;
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

pub use document::{
    CharIndex, Document, Entity, Link, Linking, QuantityValue, RecordError, RecordErrorKind,
};

/// Where `make` builds the default model; `FRNER_MODEL` overrides it.
pub fn default_model_dir() -> std::path::PathBuf {
    match std::env::var_os("FRNER_MODEL") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-fr-ner"),
    }
}

/// The models `--model NAME` names (relative to the project, where `make` builds them):
/// `accurate`, the default (models/README.md), and `fast`, the distilled model with a pruned
/// vocabulary (models/fast/README.md).
pub const NAMED_MODELS: &[(&str, &str)] = &[
    ("accurate", "models/e5-small-fr-ner"),
    ("fast", "models/e5-small-fr-ner-fast"),
];

/// Where `make` builds the model called `name`, if it is one of [`NAMED_MODELS`].
pub fn named_model_dir(name: &str) -> Option<std::path::PathBuf> {
    NAMED_MODELS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, rel)| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
}

/// The model directory for `--model`: none is the default model; an existing path is that
/// directory (a directory called `fast` wins over the name); otherwise a name of
/// [`NAMED_MODELS`]; otherwise the path as given (loading then says it is missing).
pub fn resolve_model(arg: Option<&std::path::Path>) -> std::path::PathBuf {
    match arg {
        None => default_model_dir(),
        Some(p) if p.exists() => p.to_path_buf(),
        Some(p) => p
            .to_str()
            .and_then(named_model_dir)
            .unwrap_or_else(|| p.to_path_buf()),
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

#[cfg(test)]
mod manifest_tests {
    /// A criterion bench without `harness = false` builds but runs libtest's harness, which
    /// finds no `#[bench]` and measures nothing: every file in benches/ must have its entry.
    #[test]
    fn every_bench_has_harness_false() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        let entries: Vec<&str> = manifest.split("[[bench]]").skip(1).collect();
        let mut benches: Vec<String> = std::fs::read_dir(root.join("benches"))
            .expect("benches/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        benches.sort();
        assert!(!benches.is_empty());
        for name in &benches {
            let entry = entries
                .iter()
                .map(|e| e.split("\n[").next().unwrap_or(e))
                .find(|e| e.contains(&format!("name = \"{name}\"")))
                .unwrap_or_else(|| panic!("benches/{name}.rs has no [[bench]] entry"));
            assert!(
                entry.contains("harness = false"),
                "[[bench]] {name} lacks harness = false"
            );
        }
    }
}
