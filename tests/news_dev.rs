//! The project's news dev set (`data/news-dev/dev.jsonl`) through the default model: the gold
//! reads back, and no predicted entity has a boundary inside a word or at an apostrophe
//! ("Côte d" + "Ivoire", "d’Israël"), whatever the model's accuracy.

use std::path::Path;

use frner::gold::read_jsonl;
use frner::pipeline::{Options, Pipeline};
use frner::Document;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

#[test]
fn no_entity_boundary_inside_a_word_or_at_an_apostrophe() {
    let gold = read_jsonl(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/news-dev/dev.jsonl"))
        .expect("news dev set");
    assert!(gold.len() >= 10);
    let dir = frner::default_model_dir();
    let pipeline = Pipeline::load(
        &dir,
        tch::Device::Cpu,
        frner::model::Precision::F32,
        Options::default(),
    )
    .expect("default model (run `make model`)");
    let mut docs: Vec<Document> = gold
        .iter()
        .map(|g| Document {
            id: g.id.clone(),
            text: g.text.clone(),
            ..Default::default()
        })
        .collect();
    pipeline.tag(&mut docs).expect("tagging");
    let mut checked = 0;
    for doc in &docs {
        let chars: Vec<char> = doc.text.chars().collect();
        for e in &doc.entities {
            let before = e.start.checked_sub(1).map(|i| chars[i]);
            let after = chars.get(e.end).copied();
            let first = chars[e.start];
            let last = chars[e.end - 1];
            let what = format!(
                "{:?} {} {:?} at {}..{}",
                doc.id, e.label, e.text, e.start, e.end
            );
            assert!(
                !(before.is_some_and(char::is_alphanumeric) && first.is_alphanumeric()),
                "starts inside a word: {what}"
            );
            assert!(
                !(after.is_some_and(char::is_alphanumeric) && last.is_alphanumeric()),
                "ends inside a word: {what}"
            );
            assert!(
                !is_apostrophe(first) && !is_apostrophe(last),
                "starts or ends with an apostrophe: {what}"
            );
            // "Côte d" before "’Ivoire": an elided word never ends an entity.
            let ends_elided = after.is_some_and(is_apostrophe)
                && e.text
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| frner::french::ELISIONS.contains(&w.to_lowercase().as_str()));
            assert!(!ends_elided, "ends at an elision: {what}");
            // A lowercase elision never opens a name ("d’Israël"; quantities may: "jusqu’à").
            assert!(
                e.label == "QUANTITY" || frner::french::elision_prefix_len(&e.text).is_none(),
                "opens with an elided article: {what}"
            );
            if e.label == "PER" {
                assert!(
                    frner::french::honorific_prefix_len(&e.text).is_none(),
                    "honorific inside a person: {what}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} entities");
}
