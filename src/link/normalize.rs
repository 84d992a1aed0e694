//! Text normalization shared by the table (aliases) and the mentions, so that both sides
//! meet on the same key: "L’Ukraine", "l'ukraine" and "UKRAINE" all become `ukraine`,
//! "Kim Jong-un" and "Kim Jong Un" both become `kim jong un`, "O.N.U." becomes `onu`.

use unicode_normalization::UnicodeNormalization;

/// Normalized key of a name: accents removed, lower case, typographic apostrophes and
/// dashes unified, dots dropped (so acronyms written with dots match), other punctuation
/// turned into spaces, spaces collapsed, one leading article removed.
pub fn normalize(text: &str) -> String {
    let mut key = fold_chars(text);
    if let Some(rest) = strip_leading_article(&key) {
        key = rest.to_string();
    }
    key
}

/// Like [`normalize`] without removing a leading article: used for whole-document text,
/// where context words are searched.
pub fn fold_chars(text: &str) -> String {
    // ASCII text has nothing to decompose: skipping the NFD iterator makes loading a large
    // user table several times faster.
    if text.is_ascii() {
        fold_iter(text.chars(), text.len())
    } else {
        fold_iter(text.nfd(), text.len())
    }
}

fn fold_iter(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let mapped: Option<&str> = match c {
            '.' => continue, // "O.N.U." → "onu", "M." → "m"
            'œ' | 'Œ' => Some("oe"),
            'æ' | 'Æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(s) = mapped {
            push_word_part(&mut out, &mut pending_space, s);
        } else if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            // Apostrophes (straight or typographic), hyphens, dashes, spaces, punctuation.
            pending_space = true;
        }
    }
    out
}

fn push_word_part(out: &mut String, pending_space: &mut bool, part: &str) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(part);
}

fn strip_leading_article(key: &str) -> Option<&str> {
    crate::french::KEY_LEADING_ARTICLES
        .iter()
        .find_map(|article| key.strip_prefix(article).filter(|rest| !rest.is_empty()))
}

/// Removes titles and honorifics from the front of a normalized mention key:
/// "m le general de gaulle" → "de gaulle", "president macron" → "macron".
/// Never returns an empty key: a mention made only of titles is kept whole.
pub fn strip_titles(key: &str) -> &str {
    let mut rest = key;
    while let Some((first, tail)) = rest.split_once(' ') {
        if crate::french::KEY_TITLES.contains(&first) && !tail.is_empty() {
            rest = tail;
        } else {
            break;
        }
    }
    rest
}

/// The part of a mention before an apposition or a parenthesis: HIPE-style mentions such
/// as "M. Hagenbeck, le célèbre marchand d'animaux" are linked on "M. Hagenbeck".
pub fn head_of_mention(text: &str) -> &str {
    let cut = text.find([',', '(', ';']).unwrap_or(text.len());
    let head = text[..cut].trim();
    if head.is_empty() {
        text.trim()
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_apostrophes_fold_together() {
        assert_eq!(normalize("L’Ukraine"), "ukraine");
        assert_eq!(normalize("l'Ukraine"), "ukraine");
        assert_eq!(normalize("UKRAINE"), "ukraine");
        assert_eq!(normalize("Côte d’Ivoire"), normalize("Cote d'Ivoire"));
        assert_eq!(normalize("Élysée"), "elysee");
    }

    #[test]
    fn hyphens_spaces_and_dots_fold_together() {
        assert_eq!(normalize("Kim Jong-un"), normalize("Kim  Jong Un"));
        assert_eq!(normalize("O.N.U."), "onu");
        assert_eq!(normalize("Saint–Pétersbourg"), "saint petersbourg");
        assert_eq!(normalize("Nord-Coréens"), "nord coreens");
    }

    #[test]
    fn leading_article_is_removed_once() {
        assert_eq!(normalize("la Russie"), "russie");
        assert_eq!(normalize("Les Républicains"), "republicains");
        assert_eq!(normalize("La Haye"), "haye");
        assert_eq!(normalize("The Washington Post"), "washington post");
        // An article alone is a name, not an article.
        assert_eq!(normalize("La"), "la");
    }

    #[test]
    fn ligatures_are_expanded() {
        assert_eq!(normalize("Œuvre"), "oeuvre");
    }

    #[test]
    fn titles_are_stripped_from_mentions() {
        assert_eq!(
            strip_titles(&normalize("M. le général de Gaulle")),
            "de gaulle"
        );
        assert_eq!(strip_titles(&normalize("le président Macron")), "macron");
        // "le" is both an article and part of "Le Pen": both sides of the match drop it.
        assert_eq!(strip_titles(&normalize("Mme Le Pen")), normalize("Le Pen"));
        assert_eq!(strip_titles("general"), "general");
    }

    #[test]
    fn apposition_is_cut_from_mention_head() {
        assert_eq!(
            head_of_mention("M. Hagenbeck, le célèbre marchand d'animaux"),
            "M. Hagenbeck"
        );
        assert_eq!(head_of_mention(", x"), ", x");
        assert_eq!(head_of_mention("Genève"), "Genève");
    }
}
