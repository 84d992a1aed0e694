//! Span hygiene, applied to every document's entities after decoding and the quantity
//! recognizer (see "Entity spans" in `docs/formats.md`):
//!
//! - an entity never crosses a blank line (two line breaks with only whitespace between, or a
//!   Unicode paragraph separator), nor a run of more than [`MAX_GAP_CHARS`] whitespace
//!   characters: it is split there, and each piece is kept as an entity of the same label;
//! - invisible format characters (zero-width space, word joiner, BOM, soft hyphen) and
//!   whitespace are trimmed from both ends;
//! - combining marks that follow the last character (`e` + U+0301) are kept with it;
//! - a piece without any letter or digit is dropped;
//! - an entity overlapping a terminal escape sequence (`ESC [ 31 m`) is dropped: that is
//!   markup, not text.

use unicode_normalization::char::is_combining_mark;

use crate::document::{CharIndex, Entity};

/// Longest run of whitespace allowed inside one entity, in characters.
pub const MAX_GAP_CHARS: usize = 4;

/// Characters that take no room and carry no meaning at an entity's edge.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Applies the rules of the module docs to `entities` (sorted, non-overlapping) of `text`.
pub fn tidy(text: &str, index: &CharIndex, entities: Vec<Entity>) -> Vec<Entity> {
    let escapes = escape_sequences(text);
    let starts: Vec<usize> = entities.iter().map(|e| e.start_byte).collect();
    let mut out = Vec::with_capacity(entities.len());
    for (i, entity) in entities.into_iter().enumerate() {
        let (start, mut end) = (entity.start_byte, entity.end_byte);
        if start >= end || text.get(start..end).is_none() {
            out.push(entity);
            continue;
        }
        if escapes.iter().any(|&(s, e)| s < end && start < e) {
            continue;
        }
        // Keep trailing combining marks, without running into the next entity.
        let limit = starts.get(i + 1).copied().unwrap_or(text.len()).max(end);
        let base = end;
        for (offset, c) in text[base..limit].char_indices() {
            if !is_combining_mark(c) {
                break;
            }
            end = base + offset + c.len_utf8();
        }
        for (s, e) in pieces(text, start, end) {
            if !text[s..e].chars().any(char::is_alphanumeric) {
                continue;
            }
            let mut piece =
                Entity::from_byte_span(text, index, s, e, entity.label.clone(), entity.score);
            piece.quantity = entity.quantity.clone();
            piece.link = entity.link.clone();
            piece.nil_cluster = entity.nil_cluster;
            out.push(piece);
        }
    }
    out
}

/// The trimmed pieces of `text[start..end]`, cut at blank lines and long whitespace runs.
fn pieces(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let span = &text[start..end];
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // byte ranges (relative) to cut out
    let mut run: Option<(usize, usize, usize)> = None; // (start, chars, line breaks)
    let close = |run: (usize, usize, usize), at: usize, cuts: &mut Vec<(usize, usize)>| {
        let (s, chars, breaks) = run;
        if breaks >= 2 || chars > MAX_GAP_CHARS {
            cuts.push((s, at));
        }
    };
    for (offset, c) in span.char_indices() {
        if is_blank(c) {
            let (s, chars, breaks) = run.unwrap_or((offset, 0, 0));
            let breaks = breaks
                + match c {
                    '\n' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' => 1,
                    '\u{2029}' => 2,
                    _ => 0,
                };
            run = Some((s, chars + 1, breaks));
        } else if let Some(r) = run.take() {
            close(r, offset, &mut cuts);
        }
    }
    if let Some(r) = run {
        close(r, span.len(), &mut cuts);
    }
    let mut bounds = Vec::new();
    let mut from = 0;
    for (s, e) in cuts {
        bounds.push((from, s));
        from = e;
    }
    bounds.push((from, span.len()));
    bounds
        .into_iter()
        .filter_map(|(s, e)| {
            let piece = &span[s..e];
            let lead = piece.len() - piece.trim_start_matches(is_blank).len();
            let trimmed = piece.trim_matches(is_blank);
            (!trimmed.is_empty()).then(|| (start + s + lead, start + s + lead + trimmed.len()))
        })
        .collect()
}

/// Byte ranges of ANSI/VT100 control sequences: `ESC [` parameters, intermediates, final
/// byte (CSI), or `ESC` and one character.
fn escape_sequences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != 0x1b {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if bytes.get(i) == Some(&b'[') {
            i += 1;
            while i < bytes.len() && (0x20..=0x3f).contains(&bytes[i]) {
                i += 1;
            }
            if i < bytes.len() && (0x40..=0x7e).contains(&bytes[i]) {
                i += 1;
            }
        } else if i < bytes.len() && bytes[i].is_ascii() {
            i += 1;
        }
        found.push((start, i));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(text: &str, surface: &str, label: &str) -> Entity {
        let start = text.find(surface).unwrap();
        Entity::from_byte_span(
            text,
            &CharIndex::new(text),
            start,
            start + surface.len(),
            label,
            0.9,
        )
    }

    fn texts(text: &str, entities: Vec<Entity>) -> Vec<String> {
        tidy(text, &CharIndex::new(text), entities)
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn a_blank_line_splits_an_entity() {
        let text = "Jean Dupont\n\nMarie Curie est là.";
        let e = entity(text, "Jean Dupont\n\nMarie Curie", "PER");
        assert_eq!(texts(text, vec![e]), ["Jean Dupont", "Marie Curie"]);
        let text = "Jean\r\n \r\nDupont";
        assert_eq!(
            texts(text, vec![entity(text, text, "PER")]),
            ["Jean", "Dupont"]
        );
    }

    #[test]
    fn one_line_break_and_short_runs_are_kept() {
        let text = "le Ministère de\nla Culture";
        let e = entity(text, "Ministère de\nla Culture", "ORG");
        assert_eq!(texts(text, vec![e]), ["Ministère de\nla Culture"]);
        let text = "Jean  Dupont";
        assert_eq!(
            texts(text, vec![entity(text, text, "PER")]),
            ["Jean  Dupont"]
        );
    }

    #[test]
    fn long_whitespace_runs_split_and_whitespace_pieces_vanish() {
        let text = format!("Jean{}Dupont", " ".repeat(2_000));
        let e = entity(&text, &text, "PER");
        assert_eq!(texts(&text, vec![e]), ["Jean", "Dupont"]);
        let text = "a      \n\n   b";
        let e = entity(text, "      \n\n   ", "PER");
        assert!(texts(text, vec![e]).is_empty());
    }

    #[test]
    fn invisible_edges_are_trimmed_and_combining_marks_kept() {
        let text = "\u{200B}Macron parle";
        let e = entity(text, "\u{200B}Macron", "PER");
        let out = tidy(text, &CharIndex::new(text), vec![e]);
        assert_eq!(out[0].text, "Macron");
        assert_eq!((out[0].start, out[0].start_byte), (1, 3));
        let text = "Zoe\u{301} et Noe\u{308}l";
        let e = entity(text, "Zoe", "PER");
        let out = tidy(text, &CharIndex::new(text), vec![e]);
        assert_eq!(out[0].text, "Zoe\u{301}");
        assert_eq!(out[0].end, 4);
    }

    #[test]
    fn entities_inside_terminal_escapes_are_dropped() {
        let text = "\u{1b}[31m rouge \u{1b}[0m et 31 m de haut";
        let escape = entity(text, "31m", "QUANTITY");
        let real = entity(text, "31 m", "QUANTITY");
        assert_eq!(texts(text, vec![escape, real]), ["31 m"]);
    }
}
