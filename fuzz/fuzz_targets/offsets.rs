//! Offset logic on arbitrary text and spans: `CharIndex` agrees with `char_indices`, and every
//! writer copes with entity spans that are out of bounds, unsorted or inside a character.
#![no_main]

use frner::document::{CharIndex, Document, Entity, Linking};
use frner::output::{brat, conll, html, words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (String, Vec<(u16, u16)>)| {
    let (text, spans) = data;
    let index = CharIndex::new(&text);
    for (ch, (byte, _)) in text.char_indices().enumerate() {
        assert_eq!(index.char_of(byte), ch);
        assert_eq!(index.byte_of(ch), byte);
    }
    let entities = spans
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (usize::from(a), usize::from(b));
            match (text.is_char_boundary(a), text.is_char_boundary(b), a <= b) {
                (true, true, true) if b <= text.len() => {
                    Entity::from_byte_span(&text, &index, a, b, "LOC", 0.5)
                }
                _ => Entity {
                    start: a,
                    end: b,
                    start_byte: a,
                    end_byte: b,
                    text: String::new(),
                    label: "X Y".into(),
                    score: 0.0,
                    quantity: None,
                    link: Linking::Nil,
                    nil_cluster: None,
                },
            }
        })
        .collect();
    let doc = Document {
        id: serde_json::json!("fuzz"),
        text,
        entities,
        ..Default::default()
    };
    for sentence in words::sentences(&doc.text) {
        for token in sentence {
            assert!(doc.text.get(token).is_some());
        }
    }
    let mut out = Vec::new();
    conll::write_document(&mut out, &doc).expect("writing to a Vec cannot fail");
    let _ = html::render_article(&doc);
    let _ = brat::annotations(&doc);
});
