//! Splits text into the tokens the quantity grammar works on: words, runs of ASCII digits and
//! single punctuation characters, each remembering what kind of whitespace came before it.
//!
//! Digits and letters are separate tokens even when glued ("km2" → `km`, `2`; "A320" → `A`,
//! `320`) so the grammar can see the glue and decide (unit exponent, identifier, ordinal).
//! Hyphens and apostrophes are punctuation, so "quatre-vingt-dix" and "d'euros" come apart.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (any script) and the combining marks that follow them.
    Word,
    /// ASCII digits only: other scripts' digits never form numbers here.
    Digits,
    /// One character that is neither a letter, an ASCII digit nor whitespace.
    Punct(char),
}

/// The whitespace before a token. French digit grouping needs to tell a single (possibly
/// non-breaking) space from a line break or a run of spaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Glued to the previous token.
    None,
    /// Exactly one space, no-break space, narrow no-break space, thin or figure space.
    Space,
    /// Any other whitespace without a line break.
    Wide,
    /// Whitespace containing a line break.
    Break,
}

/// Letter case of a word, used to spot proper-name uses ("Les Trois Mousquetaires").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    /// First letter upper case, at least one lower-case letter.
    Title,
    /// Every cased letter upper case.
    Upper,
    /// Lower case first letter followed by capitals ("kWh", "iPhone"), or uncased.
    Mixed,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    pub case: Case,
    /// Where the lower-cased form lives: `None` when the source slice already is lower case,
    /// otherwise a range of [`LexedText::arena`].
    lower: Option<(u32, u32)>,
}

/// The tokens of one text plus the lower-cased forms of its words that needed changing.
pub(crate) struct LexedText<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
    arena: String,
}

impl<'t> LexedText<'t> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token's text exactly as written.
    pub fn raw(&self, i: usize) -> &'t str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    /// The token's text in lower case (words) or as written (digits, punctuation).
    pub fn norm(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => match t.lower {
                Some((a, b)) => &self.arena[a as usize..b as usize],
                None => &self.text[t.start..t.end],
            },
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whitespace before token `i`; `Break` past the end so look-aheads stop there.
    pub fn gap(&self, i: usize) -> Gap {
        self.toks.get(i).map_or(Gap::Break, |t| t.gap)
    }

    pub fn case(&self, i: usize) -> Case {
        self.toks.get(i).map_or(Case::Mixed, |t| t.case)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    pub fn is_digits(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Digits)
    }

    /// Lower-cased word at `i`, or `None` for other tokens.
    pub fn word(&self, i: usize) -> Option<&str> {
        if self.is_word(i) {
            Some(self.norm(i))
        } else {
            None
        }
    }

    /// True when token `i` is the word `w` (given in lower case).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.norm(i) == w
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        match self.kind(i) {
            Some(Kind::Punct(c)) => Some(c),
            _ => None,
        }
    }

    /// Straight or typographic apostrophe (also the modifier letter and prime that OCR and
    /// some keyboards produce).
    pub fn is_apostrophe(&self, i: usize) -> bool {
        matches!(self.punct(i), Some('\'' | '’' | 'ʼ' | '′'))
    }

    /// The word "de" or its elided form "d'" at `i`; returns the index after it.
    pub fn de_at(&self, i: usize) -> Option<usize> {
        if self.is(i, "de") {
            Some(i + 1)
        } else if self.is(i, "d") && self.is_apostrophe(i + 1) && self.gap(i + 1) == Gap::None {
            Some(i + 2)
        } else {
            None
        }
    }

    /// Byte range of tokens `a..b` (`b` exclusive, `a < b`).
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        let start = self.toks.get(a).map_or(self.text.len(), |t| t.start);
        let end = match b.checked_sub(1).and_then(|l| self.toks.get(l)) {
            Some(t) => t.end,
            None => start,
        };
        (start, end.max(start))
    }
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Combining marks continue a word: OCR and some exports write "é" as "e" + U+0301.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

pub(crate) fn tokenize(text: &str) -> LexedText<'_> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut arena = String::new();
    let mut i = 0;
    // Whitespace seen since the last token: number of chars, any line break, all group spaces.
    let mut ws_chars = 0usize;
    let mut ws_break = false;
    let mut ws_group = true;
    while i < bytes.len() {
        let b = bytes[i];
        let Some((c, len)) = char_at(text, i) else {
            break;
        };
        if c.is_whitespace() {
            ws_chars += 1;
            ws_break |= c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}';
            ws_group &= is_group_space(c);
            i += len;
            continue;
        }
        let gap = if ws_chars == 0 {
            Gap::None
        } else if ws_break {
            Gap::Break
        } else if ws_chars == 1 && ws_group {
            Gap::Space
        } else {
            Gap::Wide
        };
        ws_chars = 0;
        ws_break = false;
        ws_group = true;
        let start = i;
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Digits,
                gap,
                case: Case::Mixed,
                lower: None,
            });
        } else if c.is_alphabetic() {
            let mut has_upper = false;
            let mut has_lower = false;
            let first_upper = c.is_uppercase();
            let mut ascii = true;
            while i < bytes.len() {
                let b = bytes[i];
                let Some((c, len)) = char_at(text, i) else {
                    break;
                };
                if !(c.is_alphabetic() || (i > start && is_combining(c))) {
                    break;
                }
                ascii &= b < 0x80;
                has_upper |= c.is_uppercase();
                has_lower |= c.is_lowercase();
                i += len;
            }
            let case = if !has_upper {
                Case::Lower
            } else if !has_lower {
                Case::Upper
            } else if first_upper {
                Case::Title
            } else {
                Case::Mixed
            };
            let lower = if has_upper {
                let a = arena.len();
                let word = &text[start..i];
                if ascii {
                    arena.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
                } else {
                    arena.extend(word.chars().flat_map(char::to_lowercase));
                }
                // Texts over 4 GiB keep the source slice; lookups then simply miss.
                u32::try_from(a).ok().zip(u32::try_from(arena.len()).ok())
            } else {
                None
            };
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Word,
                gap,
                case,
                lower,
            });
        } else {
            i += len;
            toks.push(Tok {
                start,
                end: i,
                kind: Kind::Punct(c),
                gap,
                case: Case::Mixed,
                lower: None,
            });
        }
    }
    LexedText { text, toks, arena }
}

/// The char starting at byte `i` and its UTF-8 length; ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => text[i..].chars().next().map(|c| (c, c.len_utf8())),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_digits_letters_and_punctuation() {
        let t = tokenize("12\u{202f}000 km2 d’euros 3,5");
        let parts: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
        assert_eq!(
            parts,
            ["12", "000", "km", "2", "d", "’", "euros", "3", ",", "5"]
        );
        assert_eq!(t.gap(1), Gap::Space);
        assert_eq!(t.gap(3), Gap::None);
        assert_eq!(t.norm(4), "d");
    }

    #[test]
    fn lower_cases_words_and_tracks_case() {
        let t = tokenize("TROIS Vingt-Et-Un kWh Élysée");
        assert_eq!(t.norm(0), "trois");
        assert_eq!(t.case(0), Case::Upper);
        assert_eq!(t.norm(3), "et");
        assert_eq!(t.case(1), Case::Title);
        assert_eq!(t.case(6), Case::Mixed);
        assert_eq!(t.norm(7), "élysée");
        assert_eq!(t.raw(7), "Élysée");
    }

    #[test]
    fn gaps_distinguish_single_spaces_from_breaks() {
        let t = tokenize("1\u{a0}000  2\n3");
        assert_eq!(t.gap(1), Gap::Space);
        assert_eq!(t.gap(2), Gap::Wide);
        assert_eq!(t.gap(3), Gap::Break);
        assert_eq!(t.gap(99), Gap::Break);
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        let t = tokenize("me\u{301}tres");
        assert_eq!(t.len(), 1);
    }
}
