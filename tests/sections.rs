//! Long documents go through the model in sections cut before sentences, and documents in
//! rounds of bounded size: with sentence windows (the default) the entities are those of the
//! document tagged whole. Runs the default model (`make model`) on news text.

use std::path::{Path, PathBuf};

use frner::document::Document;
use frner::model::Precision;
use frner::pipeline::{Options, Pipeline};
use tch::Device;

fn default_model() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/e5-small-fr-ner");
    assert!(
        dir.join("config.json").is_file(),
        "{}: build it with `make model`",
        dir.display()
    );
    dir
}

/// Paragraphs of news text, some separated by blank lines, some by single line breaks.
fn long_text(bytes: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<String> = frner::gold::read_jsonl(&root.join("data/news-dev/dev.jsonl"))
        .expect("news dev")
        .into_iter()
        .map(|d| d.text)
        .collect();
    let mut out = String::new();
    let mut k = 0;
    while out.len() < bytes {
        out.push_str(&texts[k % texts.len()]);
        out.push_str(if k % 3 == 0 { "\n" } else { "\n\n" });
        k += 1;
    }
    out
}

fn tag(dir: &Path, options: Options, texts: &[String]) -> Vec<Document> {
    let pipeline = Pipeline::load(dir, Device::Cpu, Precision::F32, options).expect("load");
    let mut docs: Vec<Document> = texts
        .iter()
        .map(|t| Document {
            text: t.clone(),
            ..Document::default()
        })
        .collect();
    pipeline.tag(&mut docs).expect("tag");
    docs
}

fn assert_same_entities(a: &[Document], b: &[Document]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!(x.error.is_none() && y.error.is_none());
        let spans = |d: &Document| {
            d.entities
                .iter()
                .map(|e| {
                    (
                        e.start,
                        e.end,
                        e.start_byte,
                        e.end_byte,
                        e.label.clone(),
                        e.text.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let (sx, sy) = (spans(x), spans(y));
        if let Some(k) = (0..sx.len().max(sy.len())).find(|&k| sx.get(k) != sy.get(k)) {
            panic!(
                "entity {k} of {} / {} differs:\n whole:     {:?}\n sectioned: {:?}",
                sx.len(),
                sy.len(),
                &sx[k.saturating_sub(1)..(k + 2).min(sx.len())],
                &sy[k.saturating_sub(1)..(k + 2).min(sy.len())]
            );
        }
        for (e, f) in x.entities.iter().zip(&y.entities) {
            // Batches group other windows together, which moves scores in the last bits.
            assert!((e.score - f.score).abs() < 1e-4, "{e:?} vs {f:?}");
        }
    }
}

#[test]
fn sectioned_documents_get_the_entities_of_whole_ones() {
    let dir = default_model();
    let texts = vec![
        long_text(24_000),
        "Court texte.".to_string(),
        long_text(9_000),
    ];
    let whole = tag(&dir, Options::default(), &texts);
    let n: usize = whole.iter().map(|d| d.entities.len()).sum();
    assert!(n > 300, "only {n} entities to compare");
    let small = Options {
        section_bytes: 3_000,
        round_bytes: 7_000,
        ..Options::default()
    };
    let sectioned = tag(&dir, small, &texts);
    assert_same_entities(&whole, &sectioned);
    // Offsets point into the document, not into a section.
    for d in &sectioned {
        for e in &d.entities {
            assert_eq!(&d.text[e.start_byte..e.end_byte], e.text);
            assert_eq!(
                d.text
                    .chars()
                    .take(e.start)
                    .map(char::len_utf8)
                    .sum::<usize>(),
                e.start_byte
            );
        }
    }
}
