//! Typographic normalization in front of the tokenizer, with offsets that never move.
//!
//! French news writes the apostrophe as U+2019 ("Côte d’Ivoire"), separates thousands and
//! guillemets with U+202F / U+00A0, uses non-breaking hyphens in place names ("Saint‑Denis")
//! and dashes in datelines. The training text (WikiNEuRal) is mostly ASCII there, and the
//! tokenizer cuts "d’Ivoire" differently from "d'Ivoire", so the model sees a normalized copy:
//! each original character becomes one replacement character or nothing (zero-width
//! characters, soft hyphens). [`Normalized::original_span`] maps any byte span of the copy
//! back to the original text, so entities keep exact offsets into what the user gave.
//!
//! « » stay as they are: the training data has them.

/// The replacement of one character, or `None` to drop it.
fn replacement(c: char) -> Option<Option<char>> {
    Some(match c {
        // Apostrophes and primes.
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}'
        | '\u{FF07}' => Some('\''),
        // Double quotes other than guillemets.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Some('"'),
        // Spaces of every width.
        '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' => Some(' '),
        // Hyphens, dashes, minus.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        // Zero-width characters, soft hyphen, byte-order mark, direction marks.
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{200E}' | '\u{200F}' => None,
        _ => return None,
    })
}

/// What the model sees for `c`: its replacement, `c` itself, or `None` when it is dropped.
/// Decoding uses it to treat "lʼ" (U+02BC, a letter for Unicode) as an elision like "l'".
pub fn model_char(c: char) -> Option<char> {
    match replacement(c) {
        None => Some(c),
        Some(r) => r,
    }
}

/// Whether [`replacement`] changes `c`.
pub fn is_normalized(c: char) -> bool {
    replacement(c).is_none()
}

/// A normalized copy of a text and the way back to the original's byte offsets.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    /// The text the tokenizer sees; borrowed when nothing changed.
    text: std::borrow::Cow<'a, str>,
    /// Where `original offset - normalized offset` changes, sorted by position: from
    /// `Shift::at` on, a char starting at normalized offset `b` starts at `b + start` in the
    /// original; a char ending exactly at `at` ends at `at + end` (they differ after a dropped
    /// character, which belongs to neither side). Sparse: one entry per changed character.
    shifts: Vec<Shift>,
}

#[derive(Debug, Clone, Copy)]
struct Shift {
    at: usize,
    start: usize,
    end: usize,
}

impl<'a> Normalized<'a> {
    pub fn new(original: &'a str) -> Normalized<'a> {
        if original.chars().all(is_normalized) {
            return Normalized {
                original,
                text: std::borrow::Cow::Borrowed(original),
                shifts: vec![],
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut shifts: Vec<Shift> = vec![];
        let mut delta = 0usize;
        for c in original.chars() {
            match replacement(c) {
                None => text.push(c),
                Some(Some(r)) => {
                    text.push(r);
                    // Replacements are never longer than the original char.
                    delta += c.len_utf8() - r.len_utf8();
                    match shifts.last_mut() {
                        Some(s) if s.at == text.len() => s.start = delta,
                        _ => shifts.push(Shift {
                            at: text.len(),
                            start: delta,
                            end: delta,
                        }),
                    }
                }
                Some(None) => {
                    let before = delta;
                    delta += c.len_utf8();
                    match shifts.last_mut() {
                        Some(s) if s.at == text.len() => s.start = delta,
                        _ => shifts.push(Shift {
                            at: text.len(),
                            start: delta,
                            end: before,
                        }),
                    }
                }
            }
        }
        Normalized {
            original,
            text: std::borrow::Cow::Owned(text),
            shifts,
        }
    }

    /// The text the model's tokenizer should see.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The last shift at or before normalized offset `b`.
    fn shift(&self, b: usize) -> Option<&Shift> {
        let k = self.shifts.partition_point(|s| s.at <= b);
        k.checked_sub(1).map(|k| &self.shifts[k])
    }

    /// The original byte span of the normalized byte span `[s, e)` (both char boundaries of
    /// [`Normalized::text`]). A dropped character at either edge stays outside the span.
    pub fn original_span(&self, s: usize, e: usize) -> (usize, usize) {
        let start = s + self.shift(s).map_or(0, |x| x.start);
        if s >= e {
            return (start, start);
        }
        let end = e + self
            .shift(e)
            .map_or(0, |x| if x.at == e { x.end } else { x.start });
        (start, end)
    }

    pub fn original(&self) -> &str {
        self.original
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every char of the normalized text maps back to a char span of the original.
    fn check_round_trip(original: &str) {
        let n = Normalized::new(original);
        for (pos, c) in n.text().char_indices() {
            let (s, e) = n.original_span(pos, pos + c.len_utf8());
            assert!(original.is_char_boundary(s) && original.is_char_boundary(e));
            let orig: Vec<char> = original[s..e].chars().collect();
            assert_eq!(orig.len(), 1, "{original:?} at {pos}");
            let expected = match replacement(orig[0]) {
                None => orig[0],
                Some(r) => r.expect("dropped chars are not in the normalized text"),
            };
            assert_eq!(c, expected);
        }
    }

    #[test]
    fn typographic_apostrophes_and_quotes_become_ascii() {
        for (raw, want) in [
            ("Côte d\u{2019}Ivoire", "Côte d'Ivoire"),
            ("l\u{2018}Élysée", "l'Élysée"),
            ("l\u{02BC}ONU", "l'ONU"),
            ("\u{201C}Le Monde\u{201D}", "\"Le Monde\""),
            ("\u{201E}Bild\u{201C}", "\"Bild\""),
        ] {
            let n = Normalized::new(raw);
            assert_eq!(n.text(), want);
            check_round_trip(raw);
        }
    }

    #[test]
    fn spaces_dashes_and_invisible_characters() {
        let raw = "12\u{202F}500 «\u{00A0}oui\u{00A0}» Saint\u{2011}Denis \u{2013} PARIS\u{200B}X\u{00AD}Y\u{FEFF}";
        let n = Normalized::new(raw);
        assert_eq!(n.text(), "12 500 « oui » Saint-Denis - PARISXY");
        check_round_trip(raw);
    }

    #[test]
    fn spans_map_back_to_the_original_text() {
        let raw = "la Côte d\u{2019}Ivoire et la Seine\u{2011}Saint\u{2011}Denis";
        let n = Normalized::new(raw);
        let norm = n.text();
        for name in ["Côte d'Ivoire", "Seine-Saint-Denis"] {
            let s = norm.find(name).expect("name in normalized text");
            let (os, oe) = n.original_span(s, s + name.len());
            let orig = &raw[os..oe];
            assert_eq!(orig.chars().count(), name.chars().count());
            assert!(orig.starts_with(&name[..3]));
        }
        let s = norm.find("Côte").unwrap();
        let (os, oe) = n.original_span(s, s + "Côte d'Ivoire".len());
        assert_eq!(&raw[os..oe], "Côte d\u{2019}Ivoire");
    }

    #[test]
    fn dropped_characters_stay_outside_spans() {
        let raw = "\u{200B}Macron\u{200B} et\u{00AD}";
        let n = Normalized::new(raw);
        assert_eq!(n.text(), "Macron et");
        let (s, e) = n.original_span(0, "Macron".len());
        assert_eq!(&raw[s..e], "Macron");
        let (s, e) = n.original_span(n.text().len(), n.text().len());
        assert_eq!((s, e), (raw.len(), raw.len()));
    }

    #[test]
    fn untouched_text_is_borrowed() {
        let raw = "Emmanuel Macron à Paris";
        let n = Normalized::new(raw);
        assert!(matches!(n.text, std::borrow::Cow::Borrowed(_)));
        assert_eq!(n.original_span(9, 15), (9, 15));
    }

    #[test]
    fn arbitrary_text_round_trips() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let alphabet: Vec<char> =
            "aé’‘“”„\u{00A0}\u{202F}\u{2011}–—\u{200B}\u{00AD}\u{FEFF}' \"«»-😀\n"
                .chars()
                .collect();
        for _ in 0..500 {
            let mut s = String::new();
            for _ in 0..(state % 40) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(state >> 33) as usize % alphabet.len()]);
            }
            check_round_trip(&s);
            let n = Normalized::new(&s);
            let (a, b) = n.original_span(0, n.text().len());
            assert!(a <= b && b <= s.len());
        }
    }
}
