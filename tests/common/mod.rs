//! Helpers shared by the linking integration tests.

use frner::document::{CharIndex, Document, Entity};
use frner::link::{KnowledgeBase, Linker};

/// A linker over the built-in table.
pub fn linker() -> Linker {
    Linker::new(KnowledgeBase::builtin().expect("built-in table"))
}

/// Builds a document whose entities are the given (surface, label) pairs, found in order.
pub fn doc(text: &str, mentions: &[(&str, &str)]) -> Document {
    let index = CharIndex::new(text);
    let mut from = 0;
    let mut entities = Vec::new();
    for (surface, label) in mentions {
        let start = from
            + text[from..]
                .find(surface)
                .unwrap_or_else(|| panic!("{surface} not in text"));
        let end = start + surface.len();
        entities.push(Entity::from_byte_span(
            text, &index, start, end, *label, 0.99,
        ));
        from = end;
    }
    Document {
        text: text.to_string(),
        entities,
        ..Document::default()
    }
}

/// Links the given mentions of `text` and returns each one's (row id, QID or "") or None (NIL).
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn links(
    linker: &Linker,
    text: &str,
    mentions: &[(&str, &str)],
) -> Vec<Option<(String, String)>> {
    let mut document = doc(text, mentions);
    linker.link_document(&mut document);
    document
        .entities
        .iter()
        .map(|e| {
            e.link
                .row()
                .cloned()
                .map(|l| (l.id, l.wikidata.unwrap_or_default()))
        })
        .collect()
}
