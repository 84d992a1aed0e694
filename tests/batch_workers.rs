//! Several batch workers (`--batch-workers`, the CPU default) give every document exactly
//! what one worker gives it: the same entities with the same scores, the same failures for
//! the same documents, in input order, whatever worker ran which batch. Runs the fast model
//! (`make model`) in fp32 and int8.

mod fixtures_news;

use std::path::Path;

use frner::document::{Document, RecordErrorKind};
use frner::model::Precision;
use frner::pipeline::{Options, Pipeline};
use tch::Device;

fn pipeline(workers: usize, precision: Precision) -> Pipeline {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = Options {
        batch_workers: workers,
        // Small batches: the documents below make a few dozen, so the workers interleave.
        max_batch_tokens: 256,
        ..Options::default()
    };
    let mut p = Pipeline::load(
        &root.join("models/e5-small-fr-ner-fast"),
        Device::Cpu,
        precision,
        options,
    )
    .expect("the fast model (make model)");
    // The split-and-retry of the refused batches runs inside a worker.
    fixtures_news::refuse_wide_batches(&mut p);
    p
}

fn documents() -> Vec<Document> {
    let mut texts = fixtures_news::news_dev_texts(24);
    texts.insert(5, fixtures_news::very_long_sentence());
    fixtures_news::numbered(texts)
}

fn outcome(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .map(|d| format!("{} {:?} {:?}", d.id, d.entities, d.error))
        .collect()
}

#[test]
fn several_batch_workers_tag_as_one() {
    let precisions = if frner::cpu::int8_is_faster() {
        vec![Precision::F32, Precision::Int8]
    } else {
        vec![Precision::F32]
    };
    for precision in precisions {
        let mut one = documents();
        let stats = pipeline(1, precision).tag(&mut one).expect("tag");
        assert!(stats.batches > 10, "{} batches", stats.batches);
        for workers in [2, 3] {
            let mut many = documents();
            pipeline(workers, precision).tag(&mut many).expect("tag");
            assert_eq!(
                outcome(&many),
                outcome(&one),
                "{workers} workers, {precision:?}"
            );
        }
        assert!(one.iter().map(|d| d.entities.len()).sum::<usize>() > 40);
        let refused = one[5].error.as_ref().expect("the very long sentence fails");
        assert_eq!(refused.kind, RecordErrorKind::Model);
        assert_eq!(one.iter().filter(|d| d.error.is_some()).count(), 1);
    }
}
