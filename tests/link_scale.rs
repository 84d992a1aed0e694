//! A user table of a million rows: load time, memory, and lookup cost against a small table.
//! Run: `cargo test --release --test link_scale -- --ignored --nocapture` (allocates ≈ 1 GB;
//! the figures in docs/linking.md come from this run).

use std::time::{Duration, Instant};

use frner::document::{CharIndex, Document, Entity};
use frner::link::synthetic::{synthetic_name, synthetic_table};
use frner::link::{KnowledgeBase, Linker};

fn load(rows: usize) -> (Linker, Duration) {
    let text = synthetic_table(rows);
    let start = Instant::now();
    let kb = KnowledgeBase::parse(&text, "synthetic").expect("synthetic table validates");
    let parsed = start.elapsed();
    let linker = Linker::new(kb);
    println!(
        "{rows} rows: parse + validate {parsed:.2?}, index {:.2?}",
        start.elapsed() - parsed
    );
    (linker, start.elapsed())
}

/// A document naming `count` rows of a table of `rows` rows, plus one unknown name.
fn document(rows: usize, count: usize) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    for k in 0..count {
        let i = (k * 7919) % rows;
        let name = synthetic_name(i);
        let start = text.len();
        text.push_str(&name);
        spans.push((start, text.len(), ["PER", "ORG", "LOC"][i % 3]));
        text.push_str(" a parlé. ");
    }
    let start = text.len();
    text.push_str("Zzyzx Qwerty");
    spans.push((start, text.len(), "PER"));
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

fn time_per_mention(linker: &Linker, rows: usize) -> Duration {
    let template = document(rows, 100);
    let rounds = 50;
    let start = Instant::now();
    for _ in 0..rounds {
        let mut doc = template.clone();
        linker.link_document(&mut doc);
        let linked = doc
            .entities
            .iter()
            .filter(|e| e.link.row().cloned().is_some())
            .count();
        assert_eq!(
            linked, 100,
            "every synthetic name links, the unknown one does not"
        );
    }
    start.elapsed() / (rounds * 101)
}

#[test]
#[ignore = "allocates about a gigabyte; run with --ignored --release"]
fn million_row_table_loads_fast_and_lookups_do_not_slow_down() {
    let (small, small_load) = load(1_000);
    let small_cost = time_per_mention(&small, 1_000);
    drop(small);
    let (large, large_load) = load(1_000_000);
    let rss = frner::peak_rss_mb();
    let large_cost = time_per_mention(&large, 1_000_000);
    println!(
        "1,000 rows: load {small_load:.2?}, {small_cost:.2?} per mention; \
         1,000,000 rows: load {large_load:.2?} (parse + validate + index), peak RSS {rss:.0} MiB, \
         {large_cost:.2?} per mention"
    );
    assert_eq!(large.knowledge_base().len(), 1_000_000);
    assert!(
        large_load <= Duration::from_secs(10),
        "a million rows must load in 10 s, took {large_load:.2?}"
    );
    // Hash lookups: the cost per mention may vary with cache misses, not with the row count.
    assert!(
        large_cost <= small_cost * 5 + Duration::from_micros(20),
        "per-mention cost grew from {small_cost:?} to {large_cost:?}"
    );
}

#[test]
fn fifty_thousand_rows_link_every_name() {
    let (linker, _) = load(50_000);
    let mut doc = document(50_000, 30);
    linker.link_document(&mut doc);
    for (entity, k) in doc.entities.iter().zip(0..30usize) {
        let i = (k * 7919) % 50_000;
        let link = entity.link.row().cloned();
        assert_eq!(link.map(|l| l.id), Some(format!("s{i}")), "{}", entity.text);
    }
    assert_eq!(
        doc.entities[30].link,
        frner::Linking::Nil,
        "an unknown name is NIL"
    );
}
