//! Datelines: the all-caps place and the agency credit that open a news dispatch,
//! "PARIS, 16 octobre 2025 (AFP) –" or "BRUXELLES (Reuters) -". The model, trained on
//! Wikipedia sentences, often misses an all-caps place and the agency inside parentheses; the
//! convention is rigid enough for a rule: at the start of a line, one to four all-caps words,
//! optionally a comma and a date, a capitalized word in parentheses, then a dash. The place is
//! LOC, the agency ORG, and they replace whatever the model found overlapping them.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{CharIndex, Entity};

/// Score of a dateline entity: the rule is near-certain when it matches.
pub const DATELINE_SCORE: f32 = 0.99;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t\u{feff}]*(?P<place>\p{Lu}[\p{Lu}'’\-]*\p{Lu}(?: \p{Lu}[\p{Lu}'’\-]*\p{Lu}){0,3})(?:,[^\n(]{1,60}?)?[ \t\u{a0}\u{202f}]*\((?P<agency>\p{Lu}[\p{L}]{1,11})\)[ \t\u{a0}\u{202f}]*[-–—]",
    )
    .expect("dateline pattern")
});

/// The dateline entities of `text` (place, agency), in text order.
pub fn find_datelines(text: &str, index: &CharIndex) -> Vec<Entity> {
    let mut out = vec![];
    for caps in DATELINE.captures_iter(text) {
        if let (Some(place), Some(agency)) = (caps.name("place"), caps.name("agency")) {
            out.push(Entity::from_byte_span(
                text,
                index,
                place.start(),
                place.end(),
                "LOC",
                DATELINE_SCORE,
            ));
            out.push(Entity::from_byte_span(
                text,
                index,
                agency.start(),
                agency.end(),
                "ORG",
                DATELINE_SCORE,
            ));
        }
    }
    out
}

/// Puts the dateline entities into the model's: model entities that overlap one are dropped.
/// Both lists are sorted by start; the result is too.
pub fn merge(model: Vec<Entity>, datelines: Vec<Entity>) -> Vec<Entity> {
    if datelines.is_empty() {
        return model;
    }
    // Datelines are disjoint and in text order, so their ends are sorted too: the only one
    // that can overlap `e` is the first that ends after `e` starts (a long text has
    // thousands of both).
    let overlaps = |e: &Entity| {
        let k = datelines.partition_point(|d| d.end_byte <= e.start_byte);
        datelines.get(k).is_some_and(|d| d.start_byte < e.end_byte)
    };
    let mut out: Vec<Entity> = model.into_iter().filter(|e| !overlaps(e)).collect();
    out.extend(datelines);
    out.sort_by_key(|e| (e.start_byte, e.end_byte));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        find_datelines(text, &CharIndex::new(text))
            .into_iter()
            .map(|e| (e.text, e.label))
            .collect()
    }

    #[test]
    fn datelines_with_and_without_dates() {
        let pairs = |p: &str, a: &str| {
            vec![
                (p.to_string(), "LOC".to_string()),
                (a.to_string(), "ORG".to_string()),
            ]
        };
        assert_eq!(
            found("PARIS, 16 octobre 2025 (AFP) – Le gouvernement"),
            pairs("PARIS", "AFP")
        );
        assert_eq!(
            found("BRUXELLES (Reuters) - La Commission"),
            pairs("BRUXELLES", "Reuters")
        );
        assert_eq!(
            found("Titre\n\nNÎMES, 3 mars 2026 (AFP) — Les crues"),
            pairs("NÎMES", "AFP")
        );
        assert_eq!(found("LE CAIRE (AFP) - Texte"), pairs("LE CAIRE", "AFP"));
        assert_eq!(found("N’DJAMENA (AFP) – Texte"), pairs("N’DJAMENA", "AFP"));
        assert_eq!(
            found("SAINT-DENIS DE LA RÉUNION, 2 mai (AFP) – x"),
            pairs("SAINT-DENIS DE LA RÉUNION", "AFP")
        );
    }

    #[test]
    fn ordinary_text_is_no_dateline() {
        assert!(found("Paris, 16 octobre (AFP) – minuscules").is_empty());
        assert!(found("Il a dit que PARIS (AFP) – au milieu").is_empty());
        assert!(found("L'ONU (Organisation) a parlé").is_empty());
        assert!(found("PARIS, 16 octobre 2025 (AFP)").is_empty());
        assert!(found("A (AFP) - une lettre").is_empty());
    }

    #[test]
    fn merge_replaces_overlapping_model_entities() {
        let text = "PARIS (AFP) - Emmanuel Macron";
        let index = CharIndex::new(text);
        let model = vec![
            Entity::from_byte_span(text, &index, 0, 11, "ORG", 0.5),
            Entity::from_byte_span(text, &index, 14, 29, "PER", 0.9),
        ];
        let merged = merge(model, find_datelines(text, &index));
        let got: Vec<(&str, &str)> = merged
            .iter()
            .map(|e| (e.text.as_str(), e.label.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![("PARIS", "LOC"), ("AFP", "ORG"), ("Emmanuel Macron", "PER")]
        );
    }
}
