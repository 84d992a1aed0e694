//! Cost of linking one realistic news document (≈ 180 words, 30 PER/ORG/LOC mentions,
//! known and unknown entities, short forms, one ambiguous alias), and of looking up
//! mentions in synthetic user tables of 10³ and 10⁶ rows (the cost per mention must not
//! grow with the table).
//! Run: `cargo bench --bench link`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use frner::document::{CharIndex, Document, Entity};
use frner::link::synthetic::{synthetic_name, synthetic_table};
use frner::link::{KnowledgeBase, Linker};

const TEXT: &str = "Le président Emmanuel Macron a reçu mardi à l'Élysée Volodymyr Zelensky. \
Les deux dirigeants ont évoqué l'aide de l'Union européenne et de l'OTAN à l'Ukraine. \
À Moscou, le Kremlin a dénoncé une provocation ; Vladimir Poutine a reçu Xi Jinping. \
Zelensky doit ensuite se rendre à Bruxelles puis à Washington, où Donald Trump l'attend. \
Selon l'AFP, Macron a appelé Kim Jong Un à respecter les résolutions de l'ONU. \
Jeanne Martin-Dubois, maire de Trifouilly, a rencontré Paul Lefèvre en Géorgie. \
Martin-Dubois a salué Lefèvre, puis Poutine a fustigé la Maison-Blanche et le Pentagone. \
Marine Le Pen et Jean-Luc Melenchon ont critiqué la Russie ; l'Allemagne d'Olaf Scholz se tait.";

const MENTIONS: [(&str, &str); 30] = [
    ("Emmanuel Macron", "PER"),
    ("Élysée", "ORG"),
    ("Volodymyr Zelensky", "PER"),
    ("Union européenne", "ORG"),
    ("OTAN", "ORG"),
    ("Ukraine", "LOC"),
    ("Moscou", "LOC"),
    ("Kremlin", "ORG"),
    ("Vladimir Poutine", "PER"),
    ("Xi Jinping", "PER"),
    ("Zelensky", "PER"),
    ("Bruxelles", "LOC"),
    ("Washington", "LOC"),
    ("Donald Trump", "PER"),
    ("AFP", "ORG"),
    ("Macron", "PER"),
    ("Kim Jong Un", "PER"),
    ("ONU", "ORG"),
    ("Jeanne Martin-Dubois", "PER"),
    ("Trifouilly", "LOC"),
    ("Paul Lefèvre", "PER"),
    ("Géorgie", "LOC"),
    ("Martin-Dubois", "PER"),
    ("Lefèvre", "PER"),
    ("Poutine", "PER"),
    ("Maison-Blanche", "ORG"),
    ("Pentagone", "ORG"),
    ("Marine Le Pen", "PER"),
    ("Jean-Luc Melenchon", "PER"),
    ("Olaf Scholz", "PER"),
];

fn document() -> Document {
    let index = CharIndex::new(TEXT);
    let mut from = 0;
    let mut entities = Vec::new();
    for (surface, label) in MENTIONS {
        let Some(found) = TEXT[from..].find(surface) else {
            panic!("{surface} missing from the bench text");
        };
        let start = from + found;
        entities.push(Entity::from_byte_span(
            TEXT,
            &index,
            start,
            start + surface.len(),
            label,
            0.99,
        ));
        from = start + surface.len();
    }
    Document {
        text: TEXT.to_string(),
        entities,
        ..Document::default()
    }
}

fn bench_link(c: &mut Criterion) {
    let linker = Linker::new(KnowledgeBase::builtin().expect("built-in table"));
    let template = document();
    c.bench_function("link_document_30_mentions", |b| {
        b.iter(|| {
            let mut doc = template.clone();
            linker.link_document(black_box(&mut doc));
            doc
        })
    });
    c.bench_function("linker_new_builtin", |b| {
        b.iter(|| Linker::new(KnowledgeBase::builtin().expect("built-in table")))
    });
}

/// A document of 20 mentions of rows of a synthetic table of `rows` rows.
fn synthetic_document(rows: usize) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    for k in 0..20 {
        let i = (k * 7919 + 13) % rows;
        let start = text.len();
        text.push_str(&synthetic_name(i));
        spans.push((start, text.len(), ["PER", "ORG", "LOC"][i % 3]));
        text.push_str(" a déclaré. ");
    }
    let index = CharIndex::new(&text);
    let entities = spans
        .into_iter()
        .map(|(s, e, label)| Entity::from_byte_span(&text, &index, s, e, label, 1.0))
        .collect();
    Document {
        text,
        entities,
        ..Document::default()
    }
}

fn bench_lookup_scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup_20_mentions");
    group.sample_size(30);
    for rows in [1_000, 1_000_000] {
        let kb = KnowledgeBase::parse(&synthetic_table(rows), "synthetic").expect("valid table");
        let linker = Linker::new(kb);
        let template = synthetic_document(rows);
        group.bench_function(format!("{rows}_rows"), |b| {
            b.iter(|| {
                let mut doc = template.clone();
                linker.link_document(black_box(&mut doc));
                doc
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_link, bench_lookup_scale);
criterion_main!(benches);
