//! `Pipeline::tag_chunks` with the CPU stages of neighbouring chunks overlapping the model
//! (`--overlap on`, the default with CUDA) gives every chunk exactly what `Pipeline::tag`
//! gives it, in input order: records already in error, documents long enough to take
//! several rounds, and forward passes that fail (injected) included. Runs the fast model
//! (`make model`).

mod fixtures_news;

use std::path::Path;

use frner::document::{Document, Linking, RecordError, RecordErrorKind};
use frner::link::{KnowledgeBase, Linker};
use frner::model::Precision;
use frner::pipeline::{Options, Pipeline};
use tch::Device;

fn pipeline(overlap: bool) -> Pipeline {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = Options {
        overlap,
        // Small rounds: the long document below takes several, so its chunk goes through
        // `tag` whole on the model's thread.
        round_bytes: 6_000,
        ..Options::default()
    };
    let mut p = Pipeline::load(
        &root.join("models/e5-small-fr-ner-fast"),
        Device::Cpu,
        Precision::F32,
        options,
    )
    .expect("the fast model (make model)");
    fixtures_news::refuse_wide_batches(&mut p);
    let kb = KnowledgeBase::builtin().expect("the built-in table");
    p.with_linker(Some(Linker::new(kb)))
}

fn documents() -> Vec<Document> {
    let mut texts = fixtures_news::news_dev_texts(10);
    let long: String = texts[..4].join("\n\n");
    texts.insert(7, long);
    texts.insert(4, fixtures_news::very_long_sentence());
    let mut docs = fixtures_news::numbered(texts);
    // A record the reader already refused: it must come back as it went in.
    docs[2].error = Some(RecordError {
        line: 3,
        kind: RecordErrorKind::InvalidJson,
        message: "not JSON".into(),
    });
    docs
}

/// What a record's output depends on, comparable.
fn outcome(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .map(|d| format!("{} {:?} {:?}", d.id, d.entities, d.error))
        .collect()
}

fn tag_in_chunks(p: &Pipeline, docs: &[Document], size: usize) -> Vec<Document> {
    let chunks: Vec<Vec<Document>> = docs.chunks(size).map(|c| c.to_vec()).collect();
    let mut out = vec![];
    p.tag_chunks(chunks.into_iter(), |chunk| {
        out.extend(chunk);
        Ok(())
    })
    .expect("tag_chunks");
    out
}

#[test]
fn overlapped_chunks_equal_sequential_tagging_in_order() {
    let docs = documents();
    let mut whole = docs.clone();
    let sequential = pipeline(false);
    sequential.tag(&mut whole[..4]).expect("tag");
    sequential.tag(&mut whole[4..]).expect("tag");

    let overlapped = pipeline(true);
    for size in [1, 4] {
        let out = tag_in_chunks(&overlapped, &docs, size);
        let reference = tag_in_chunks(&sequential, &docs, size);
        assert_eq!(outcome(&out), outcome(&reference), "chunks of {size}");
        assert_eq!(out.len(), docs.len());
    }
    let out = tag_in_chunks(&overlapped, &docs, 4);
    assert_eq!(outcome(&out), outcome(&whole));

    // Something was found, linked, and failed where it should.
    assert!(out.iter().map(|d| d.entities.len()).sum::<usize>() > 30);
    assert!(out
        .iter()
        .flat_map(|d| &d.entities)
        .any(|e| matches!(e.link, Linking::Linked(_))));
    assert_eq!(
        out[2].error.as_ref().map(|e| e.kind),
        Some(RecordErrorKind::InvalidJson)
    );
    let refused = out[4]
        .error
        .as_ref()
        .expect("the very long sentence fails alone");
    assert_eq!(refused.kind, RecordErrorKind::Model);
    assert!(refused.message.contains("simulated out of memory"));
    let failed = out.iter().filter(|d| d.error.is_some()).count();
    assert_eq!(failed, 2, "only the refused and the malformed records");
}

#[test]
fn an_error_from_the_consumer_stops_the_run() {
    let p = pipeline(true);
    let docs = documents();
    let chunks: Vec<Vec<Document>> = docs.chunks(2).map(|c| c.to_vec()).collect();
    let mut seen = 0;
    let err = p
        .tag_chunks(chunks.into_iter(), |_| {
            seen += 1;
            if seen == 3 {
                anyhow::bail!("disk full");
            }
            Ok(())
        })
        .expect_err("the consumer's error");
    assert_eq!(format!("{err:#}"), "disk full");
    assert_eq!(seen, 3, "nothing is handed over after the error");
}
