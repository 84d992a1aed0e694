//! French text knowledge shared by the stages, one place per concept: honorifics and titles,
//! elisions and apostrophes, articles, name particles. The sentence splitter that uses them is
//! `segment`.

/// Honorifics and titles written before a person's name ("M. Macron", "Mme Borne",
/// "Mgr Aupetit"). They are never part of a PER span (annotation guide in data/news-dev).
pub const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Dr.", "Pr", "Pr.", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
];

/// Elided articles, pronouns and conjunctions, lowercase, without their apostrophe
/// ("l'Élysée", "d'Ivoire", "jusqu'à").
pub const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Apostrophes as French text writes them: ASCII, typographic, modifier letter.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Byte length of a lowercase elision and its apostrophe opening `text` when a letter
/// follows: "d’Israël" → 4 ("d’"), "l'ONU" → 2. Capitalized ones belong to names ("L’Oréal").
pub fn elision_prefix_len(text: &str) -> Option<usize> {
    let apostrophe = text.find(is_apostrophe)?;
    let word = &text[..apostrophe];
    if word.is_empty() || !ELISIONS.contains(&word) {
        return None;
    }
    let after = apostrophe + text[apostrophe..].chars().next()?.len_utf8();
    text[after..]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
        .then_some(after)
}

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

/// Byte length of an elided prefix (apostrophe included) of `word`, when a word or a number
/// follows it, in any case ("L'ONU" → 2): how the sentence splitter cuts words. Unlike
/// [`elision_prefix_len`], a capitalized elision counts and only ' and ’ are apostrophes.
pub fn word_elision_len(word: &str) -> Option<usize> {
    let apostrophe = word.find(['\'', '’'])?;
    let prefix = &word[..apostrophe];
    let apostrophe_len = word[apostrophe..].chars().next()?.len_utf8();
    let rest = &word[apostrophe + apostrophe_len..];
    let is_elision = ELISIONS.contains(&prefix.to_lowercase().as_str());
    let word_follows = rest.chars().next().is_some_and(char::is_alphanumeric);
    (is_elision && word_follows).then_some(apostrophe + apostrophe_len)
}

/// Words skipped when building an acronym from a name ("Banque centrale européenne" → BCE).
pub const ACRONYM_STOPWORDS: [&str; 12] = [
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a",
];

/// Name particles kept in front of a person's surname ("de Gaulle", "von der Leyen").
pub const NAME_PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "d’", "von", "van", "der", "den", "da", "di", "al", "el", "ben",
];

/// Leading articles and elisions dropped from a normalized name key (`link::normalize`):
/// "la Russie" → "russie".
pub const KEY_LEADING_ARTICLES: [&str; 5] = ["le ", "la ", "les ", "the ", "l "];

/// Titles and honorifics as normalized keys write them (accents dropped, lower case): words
/// that precede a name in a mention but are not part of it ("M.", "le général",
/// "président"). Stripped from the front of mention keys only, one after the other.
pub const KEY_TITLES: &[&str] = &[
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mr",
    "mrs",
    "ms",
    "dr",
    "me",
    "mgr",
    "st",
    "ste",
    "monsieur",
    "messieurs",
    "madame",
    "mademoiselle",
    "sir",
    "lord",
    "lady",
    "docteur",
    "professeur",
    "president",
    "presidente",
    "vice",
    "general",
    "generale",
    "marechal",
    "colonel",
    "capitaine",
    "lieutenant",
    "commandant",
    "amiral",
    "sergent",
    "roi",
    "reine",
    "prince",
    "princesse",
    "duc",
    "duchesse",
    "comte",
    "comtesse",
    "baron",
    "baronne",
    "empereur",
    "imperatrice",
    "tsar",
    "pape",
    "cardinal",
    "eveque",
    "abbe",
    "pere",
    "chancelier",
    "chanceliere",
    "ministre",
    "premier",
    "premiere",
    "secretaire",
    "senateur",
    "depute",
    "maire",
    "juge",
    "conseiller",
    "conseillere",
    "citoyen",
    "feu",
    "ayatollah",
    "cheikh",
    "emir",
    "sultan",
    "le",
    "la",
    "les",
    "l",
    "du",
    "des",
];

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

    #[test]
    fn elision_prefixes() {
        assert_eq!(elision_prefix_len("d\u{2019}Israël"), Some(4));
        assert_eq!(elision_prefix_len("l'ONU"), Some(2));
        assert_eq!(elision_prefix_len("qu'il"), Some(3));
        assert_eq!(elision_prefix_len("L\u{2019}Oréal"), None);
        assert_eq!(elision_prefix_len("Côte d'Ivoire"), None);
        assert_eq!(elision_prefix_len("d'"), None);
    }
}
