//! French word lists shared by the stages: one place per concept.

/// Honorifics and titles written before a person's name ("M. Macron", "Mme Borne",
/// "Mgr Aupetit"). They are never part of a PER span (annotation guide in data/news-dev).
pub const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Dr.", "Pr", "Pr.", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
];

/// Byte length of the honorific (and the whitespace after it) that opens `text`, if any:
/// "M. Mensch" → 3. An honorific alone is not counted (nothing would remain of the name).
pub fn honorific_prefix_len(text: &str) -> Option<usize> {
    let word_end = text.find(char::is_whitespace)?;
    let word = &text[..word_end];
    if !HONORIFICS.contains(&word) {
        return None;
    }
    let rest = &text[word_end..];
    let skip = rest.len() - rest.trim_start().len();
    (word_end + skip < text.len()).then_some(word_end + skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorific_prefixes() {
        assert_eq!(honorific_prefix_len("M. Mensch"), Some(3));
        assert_eq!(honorific_prefix_len("Mme\u{a0}Neuder"), Some(5));
        assert_eq!(honorific_prefix_len("Mgr  Aupetit"), Some(5));
        assert_eq!(honorific_prefix_len("Marine Le Pen"), None);
        assert_eq!(honorific_prefix_len("Me"), None);
        assert_eq!(honorific_prefix_len("M. "), None);
        assert_eq!(honorific_prefix_len("Mme"), None);
    }
}
