//! A forward pass that fails (out of GPU memory, any libtorch error) is no crash: the batch is
//! retried in halves, and only a document with a window that fails even alone becomes an
//! error record. The failure is injected before each pass: above a number of padded tokens,
//! as an out-of-memory would. Runs the default model (`make model`).

mod fixtures_news;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use frner::document::{Document, RecordErrorKind};
use frner::model::Precision;
use frner::pipeline::{Options, Pipeline};
use tch::Device;

fn pipeline() -> Pipeline {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-fr-ner");
    Pipeline::load(&dir, Device::Cpu, Precision::F32, Options::default())
        .expect("the default model (make model)")
}

fn documents() -> Vec<Document> {
    let mut texts = fixtures_news::news_dev_texts(6);
    texts.insert(3, fixtures_news::very_long_sentence());
    fixtures_news::numbered(texts)
}

#[test]
fn failed_forward_passes_are_split_and_only_unrunnable_documents_fail() {
    let clean = {
        let mut docs = documents();
        pipeline().tag(&mut docs).expect("tag");
        docs
    };
    assert!(clean.iter().all(|d| d.error.is_none()));

    let limit = 200; // padded tokens: one short sentence passes, a batch of them does not
    let refused = Arc::new(AtomicUsize::new(0));
    let mut p = pipeline();
    let seen = refused.clone();
    p.inject_forward_fault(Box::new(move |rows, width| {
        if rows * width > limit {
            seen.fetch_add(1, Ordering::Relaxed);
            anyhow::bail!("simulated CUDA out of memory ({rows} x {width})");
        }
        Ok(())
    }));
    let mut docs = documents();
    p.tag(&mut docs)
        .expect("a failing forward pass is not fatal");
    assert!(
        refused.load(Ordering::Relaxed) > 1,
        "the limit never refused a batch"
    );

    // One record per input, in order; only the long-sentence document is an error record.
    assert_eq!(docs.len(), clean.len());
    for (k, (d, c)) in docs.iter().zip(&clean).enumerate() {
        assert_eq!(d.id, c.id);
        if k == 3 {
            let e = d
                .error
                .as_ref()
                .expect("the unrunnable document is an error record");
            assert_eq!(e.kind, RecordErrorKind::Model);
            assert!(
                e.message.contains("simulated CUDA out of memory"),
                "{}",
                e.message
            );
            assert!(d.entities.is_empty());
            continue;
        }
        assert!(d.error.is_none(), "document {k}: {:?}", d.error);
        let spans = |d: &Document| -> Vec<(usize, usize, String)> {
            d.entities
                .iter()
                .map(|e| (e.start_byte, e.end_byte, e.label.clone()))
                .collect()
        };
        assert_eq!(spans(d), spans(c), "document {k}");
        assert!(
            !d.entities.is_empty(),
            "document {k} has no entity to compare"
        );
        for (e, f) in d.entities.iter().zip(&c.entities) {
            // Other batch shapes move scores in the last bits.
            assert!((e.score - f.score).abs() < 1e-4, "{e:?} vs {f:?}");
        }
    }
}
