//! Cost of the stages around the model on the bundled sample articles: typographic
//! normalization, subword tokenization with offsets (the default model's `tokenizer.json`,
//! which `make` builds; `tokenize` includes normalization, as `SubwordTokenizer::encode` does)
//! and decoding of label probabilities into entity spans, per aggregation strategy.
//! Run: `cargo bench --bench stages` (after `make model`).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use frner::decode::{decode, Aggregation, Predictions, Tag};
use frner::normalize::Normalized;
use frner::tokenize::SubwordTokenizer;
use frner::CharIndex;

fn sample_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("sample text"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn stages(c: &mut Criterion) {
    let text = sample_text();
    let tokenizer_path = frner::default_model_dir().join("tokenizer.json");
    let tokenizer = SubwordTokenizer::from_file(&tokenizer_path, None)
        .expect("the default model's tokenizer (run `make model`)");

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| Normalized::new(black_box(&text)).text().len())
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| tokenizer.encode(black_box(&text)).expect("encode"))
    });

    // Decoding input: a deterministic, plausible label distribution per subword (mostly O,
    // entity runs on capitalized subwords), so the chunking does real work.
    let tokens = tokenizer.encode(&text).expect("encode");
    let labels = [
        "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
    ];
    let tags: Vec<Tag> = labels.iter().map(|l| Tag::parse(l)).collect();
    let mut probs = vec![0.01f32; tokens.len() * labels.len()];
    for (k, &(s, e)) in tokens.spans.iter().enumerate() {
        let capital = text[s..e].trim_start().starts_with(char::is_uppercase);
        let best = if capital { 1 + 2 * (k % 3) } else { 0 };
        probs[k * labels.len() + best] = 0.92;
    }
    let index = CharIndex::new(&text);
    for (name, strategy) in [
        ("decode_simple", Aggregation::Simple),
        ("decode_average", Aggregation::Average),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let p = Predictions {
                    text: &text,
                    spans: &tokens.spans,
                    probs: &probs,
                    labels: &tags,
                    breaks: &[],
                };
                decode(black_box(&p), &index, strategy)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
