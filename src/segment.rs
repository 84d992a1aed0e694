//! A small rule-based word tokenizer and sentence splitter for French news text, used by the
//! pipeline (sentence-aligned model windows) and the CoNLL writer. It works on byte spans of
//! the original text so that entity spans (byte offsets) map onto tokens exactly.
//!
//! Rules: whitespace (including the no-break spaces French puts before `;:!?`) separates
//! tokens; opening/closing punctuation is split off; elided articles and pronouns (`l'`, `d'`,
//! `qu'`, `jusqu'`, …, with `'` or `’`) are tokens of their own; decimal numbers (`3,5`,
//! `1.2`) stay whole; a final period stays on known abbreviations (`M.`, `Dr.`, `etc.`),
//! initials (`J.`) and dotted acronyms (`U.S.A.`). A sentence ends after `.`, `!`, `?`, `…`
//! (plus closing quotes) when the next token does not start with a lowercase letter, and at
//! every line break; a rank that opens a results line ("1. Olano (Esp)") ends nothing.

use std::ops::Range;

/// One sentence: the byte spans of its tokens, in order.
pub type Sentence = Vec<Range<usize>>;

const OPENING: &[char] = &[
    '(', '[', '{', '«', '‹', '"', '“', '„', '‘', '\'', '¿', '¡', '*',
];
const CLOSING: &[char] = &[')', ']', '}', '»', '›', '"', '”', '’', '\'', '*'];
/// Split off the end of a word, one per token (sentence-final marks are handled apart).
const TRAILING: &[char] = &[',', ';', ':', '%', '€', '$', '£'];
const SENTENCE_END: &[char] = &['.', '!', '?', '…'];

/// Words that keep their final period (compared case-sensitively: `M.` is "Monsieur",
/// a sentence-final `m.` is a metre).
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste", "Sts",
    "Gén", "Col", "Cdt", "Lt", "Cie", "av", "apr", "J.-C", "etc", "cf", "p", "pp", "vol", "art",
    "env", "hab", "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "bd", "boul", "éd",
    "coll", "ibid", "fig", "chap", "no", "nos", "tél", "Av", "Bd",
];

/// Byte offsets where the sentences of `text` start (the first one included).
pub fn sentence_starts(text: &str) -> Vec<usize> {
    sentences(text)
        .iter()
        .filter_map(|s| s.first().map(|t| t.start))
        .collect()
}

/// Splits `text` into sentences of word tokens.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current: Sentence = Vec::new();
    let mut pending_break = false;
    let chunks = whitespace_chunks(text);
    let mut tokens: Vec<(Range<usize>, bool)> = Vec::new(); // (span, newline before it)
    for (chunk, newline_before) in chunks {
        let start = tokens.len();
        split_chunk(text, chunk, &mut |span| tokens.push((span, false)));
        if let Some(first) = tokens.get_mut(start) {
            first.1 = newline_before;
        }
    }
    for (i, (span, newline_before)) in tokens.iter().enumerate() {
        if (*newline_before || pending_break) && !current.is_empty() {
            // A pending break waits for closing quotes: `« Non. » Il…` ends after `»`.
            let absorb = pending_break && !newline_before && is_all(&text[span.clone()], CLOSING);
            if !absorb {
                out.push(std::mem::take(&mut current));
                pending_break = false;
            }
        }
        current.push(span.clone());
        let word = &text[span.clone()];
        if is_all(word, SENTENCE_END) && !is_rank(text, &current) {
            let next = tokens[i + 1..].iter().map(|(s, _)| &text[s.clone()]);
            pending_break = next_starts_sentence(next);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A rank that opens a line of results ("1. Olano (Esp) 47'07''", "129. Chassot"): a
/// sentence made of one number of at most three digits and a period. It stays with what
/// follows, so the name is read with its rank and country rather than as a sentence start.
fn is_rank(text: &str, current: &[Range<usize>]) -> bool {
    let [number, period] = current else {
        return false;
    };
    let number = &text[number.clone()];
    &text[period.clone()] == "."
        && (1..=3).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// True when the tokens after a sentence-final mark (skipping closing quotes) start a new
/// sentence: anything but a lowercase word or more punctuation.
fn next_starts_sentence<'a>(mut next: impl Iterator<Item = &'a str>) -> bool {
    let Some(word) = next.find(|w| !is_all(w, CLOSING)) else {
        return true;
    };
    match word.chars().next() {
        Some(c) => !(c.is_lowercase() || TRAILING.contains(&c) || SENTENCE_END.contains(&c)),
        None => true,
    }
}

fn is_all(word: &str, set: &[char]) -> bool {
    !word.is_empty() && word.chars().all(|c| set.contains(&c))
}

/// Maximal runs of non-whitespace, with whether a line break precedes them.
fn whitespace_chunks(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut chunks = Vec::new();
    let mut start = None;
    let mut newline = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunks.push((s..i, newline));
                newline = false;
            }
            newline |= matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}');
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunks.push((s..text.len(), newline));
    }
    chunks
}

/// Splits one whitespace-free chunk into tokens, calling `emit` for each in order.
fn split_chunk(text: &str, chunk: Range<usize>, emit: &mut impl FnMut(Range<usize>)) {
    let (mut start, mut end) = (chunk.start, chunk.end);
    // Leading punctuation, one token per mark.
    while let Some(c) = text[start..end].chars().next() {
        if !OPENING.contains(&c) || start + c.len_utf8() == end {
            break;
        }
        emit(start..start + c.len_utf8());
        start += c.len_utf8();
    }
    // Trailing punctuation, collected right to left.
    let mut trailing = Vec::new();
    while start < end {
        let Some(mark) = trailing_mark(text, start, end) else {
            break;
        };
        trailing.push(mark.clone());
        end = mark.start;
    }
    split_elisions(text, start..end, emit);
    for span in trailing.into_iter().rev() {
        emit(span);
    }
}

/// The punctuation token at the end of `text[start..end]`, if any should be split off.
fn trailing_mark(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let word = &text[start..end];
    let last = word.chars().next_back()?;
    if CLOSING.contains(&last) || TRAILING.contains(&last) {
        let mark = end - last.len_utf8();
        return (mark > start).then_some(mark..end);
    }
    if !SENTENCE_END.contains(&last) {
        return None;
    }
    // A run like `...`, `?!` or `!!` is one token.
    let run_start = word
        .char_indices()
        .rev()
        .take_while(|(_, c)| SENTENCE_END.contains(c))
        .last()
        .map_or(word.len(), |(i, _)| i);
    if run_start == 0 {
        return None; // the whole word is punctuation
    }
    if &word[run_start..] == "." && keeps_period(&word[..run_start]) {
        return None;
    }
    Some(start + run_start..end)
}

/// Whether `word` followed by a period is an abbreviation rather than a sentence end.
fn keeps_period(word: &str) -> bool {
    // `l'O.N.U.`: the elided article is not part of the abbreviation.
    let word = crate::french::word_elision_len(word).map_or(word, |len| &word[len..]);
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    // `U.S.A` or `J.-P`: short letter groups joined by periods.
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            let letters = part.trim_start_matches('-');
            !letters.is_empty()
                && letters.chars().count() <= 2
                && letters.chars().all(char::is_alphabetic)
        });
    single_initial || dotted
}

/// Emits `l'` / `qu'` / … prefixes as tokens of their own, then the rest of the word.
fn split_elisions(text: &str, span: Range<usize>, emit: &mut impl FnMut(Range<usize>)) {
    let mut start = span.start;
    while let Some(len) = crate::french::word_elision_len(&text[start..span.end]) {
        emit(start..start + len);
        start += len;
    }
    if start < span.end {
        emit(start..span.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text)
            .into_iter()
            .map(|s| s.into_iter().map(|r| &text[r]).collect())
            .collect()
    }

    #[test]
    fn elision_punctuation_numbers_abbreviations() {
        let got =
            words("M. Dupont, l’élu d'Angers, a perdu 3,5 % des voix. Le Dr. Martin l'a dit !");
        assert_eq!(
            got,
            vec![
                vec![
                    "M.", "Dupont", ",", "l’", "élu", "d'", "Angers", ",", "a", "perdu", "3,5",
                    "%", "des", "voix", "."
                ],
                vec!["Le", "Dr.", "Martin", "l'", "a", "dit", "!"],
            ]
        );
    }

    #[test]
    fn quotes_and_question_marks() {
        let got = words("« Pourquoi ? » demande-t-il. « Non. » Il part…\nTitre sans point");
        assert_eq!(
            got,
            vec![
                vec!["«", "Pourquoi", "?", "»", "demande-t-il", "."],
                vec!["«", "Non", ".", "»"],
                vec!["Il", "part", "…"],
                vec!["Titre", "sans", "point"],
            ]
        );
    }

    #[test]
    fn ranks_stay_with_their_line() {
        let got = words(
            "1. Olano (Esp) 47'07. 2. L. Jalabert (Fr) à 41. Il a gagné en 2003. Puis 12. Zulle.",
        );
        assert_eq!(
            got,
            vec![
                vec!["1", ".", "Olano", "(", "Esp", ")", "47'07", "."],
                vec!["2", ".", "L.", "Jalabert", "(", "Fr", ")", "à", "41", "."],
                vec!["Il", "a", "gagné", "en", "2003", "."],
                vec!["Puis", "12", "."],
                vec!["Zulle", "."],
            ]
        );
        // A year alone is a sentence of its own; only short numbers are ranks.
        assert_eq!(
            words("2003. Fin."),
            vec![vec!["2003", "."], vec!["Fin", "."]]
        );
    }

    #[test]
    fn initials_and_acronyms_keep_their_period() {
        let got = words("J. Chirac et l'O.N.U. en 2003. Fin.");
        assert_eq!(
            got,
            vec![
                vec!["J.", "Chirac", "et", "l'", "O.N.U.", "en", "2003", "."],
                vec!["Fin", "."]
            ]
        );
    }
}
