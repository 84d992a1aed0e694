//! Documents shared by the pipeline tests that inject forward-pass failures.

use std::path::Path;

use frner::document::Document;
use frner::pipeline::Pipeline;

/// The first `n` texts of the news dev set.
pub fn news_dev_texts(n: usize) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    frner::gold::read_jsonl(&root.join("data/news-dev/dev.jsonl"))
        .expect("news dev")
        .into_iter()
        .take(n)
        .map(|d| d.text)
        .collect()
}

/// One sentence of about 250 subwords: a window an injected limit can refuse even alone.
pub fn very_long_sentence() -> String {
    let cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes"];
    let long: Vec<&str> = (0..120).map(|k| cities[k % cities.len()]).collect();
    format!("Il a visité {} sans s'arrêter.", long.join(", "))
}

/// One document per text, numbered from 0.
pub fn numbered(texts: Vec<String>) -> Vec<Document> {
    texts
        .into_iter()
        .enumerate()
        .map(|(k, text)| Document {
            id: (k as u64).into(),
            text,
            ..Document::default()
        })
        .collect()
}

/// Makes `p` refuse any batch wider than 200 subwords, as an out-of-memory would: the batch
/// holding [`very_long_sentence`] fails, and so does that sentence alone.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn refuse_wide_batches(p: &mut Pipeline) {
    p.inject_forward_fault(Box::new(|rows, width| {
        if width > 200 {
            anyhow::bail!("simulated out of memory ({rows} x {width})");
        }
        Ok(())
    }));
}
