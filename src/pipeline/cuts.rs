//! Where texts are cut: documents into sections before a sentence (model rounds, quantities),
//! sections into pieces before whitespace (the tokenizer's working memory). Cuts never change
//! what the model sees: a section keeps whole sentences, a piece whole words.

use std::ops::Range;

/// Texts longer than this are tokenized piece by piece (cut after whitespace), which keeps
/// the tokenizer's working memory (normalized copies, per-byte alignments, token strings) to a
/// few times the piece instead of tens of bytes per input byte.
pub(super) const TOKENIZE_PIECE_BYTES: usize = 64 * 1024;

/// The longest text from `start` of at most `size` bytes that ends on a char boundary, or
/// `None` when the rest of `text` fits in `size`.
fn window_from(text: &str, start: usize, size: usize) -> Option<&str> {
    if text.len() - start <= size {
        return None;
    }
    let mut limit = start + size;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    Some(&text[start..limit])
}

/// End of the piece starting at `start`: the start of the last whitespace run before
/// `start + size`, preferring one with a line break at least `newline_from` bytes in, or a
/// char boundary if there is none.
fn piece_end(text: &str, start: usize, size: usize, newline_from: usize) -> usize {
    let Some(window) = window_from(text, start, size) else {
        return text.len();
    };
    let limit = start + window.len();
    // The first whitespace character of the run that ends at `i`.
    let run_start = |i: usize| {
        window[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_whitespace())
            .last()
            .map_or(i, |(j, _)| j)
    };
    let cut = window
        .rfind('\n')
        .filter(|&i| i >= newline_from.max(1))
        .or_else(|| window.rfind(char::is_whitespace))
        .map(|i| start + run_start(i));
    match cut {
        Some(end) if end > start => end,
        _ => limit.max(start + text[start..].chars().next().map_or(1, char::len_utf8)),
    }
}

/// Byte ranges of the pieces `text` is tokenized in: the whole text, or pieces of about
/// [`TOKENIZE_PIECE_BYTES`] cut just before a whitespace character. The tokenizer attaches a
/// word's leading whitespace to it (`"\nL"` is one subword), so a piece that starts with the
/// whitespace before a word gives the same subwords as the whole text (tested).
pub(super) fn pieces(text: &str) -> Vec<Range<usize>> {
    if text.len() <= TOKENIZE_PIECE_BYTES {
        return std::iter::once(0..text.len()).collect();
    }
    let mut out = vec![];
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start, TOKENIZE_PIECE_BYTES, TOKENIZE_PIECE_BYTES / 2);
        out.push(start..end);
        start = end;
    }
    out
}

/// Byte ranges covering `text` in order, each at most about `size` bytes, cut before the
/// whitespace that precedes a sentence, so that sentence windows are those of the whole text
/// (in a sentence longer than `size`, before any whitespace run).
pub(super) fn sections(text: &str, size: usize) -> Vec<Range<usize>> {
    if text.len() <= size {
        return std::iter::once(0..text.len()).collect();
    }
    let mut out = vec![];
    let mut start = 0;
    while start < text.len() {
        let end = section_end(text, start, size);
        out.push(start..end);
        start = end;
    }
    out
}

/// End of the section starting at `start`: the whitespace before the last sentence that
/// starts within `size` bytes. The sentences of a prefix of the text are sentences of the
/// text: a break is recorded at the word that starts the next sentence, which the prefix
/// either holds whole or not at all.
fn section_end(text: &str, start: usize, size: usize) -> usize {
    let Some(window) = window_from(text, start, size) else {
        return text.len();
    };
    let cut = crate::segment::sentence_starts(window)
        .into_iter()
        .rev()
        .map(|s| window[..s].trim_end_matches(char::is_whitespace).len())
        .find(|&c| c > 0);
    match cut {
        Some(c) => start + c,
        None => piece_end(text, start, size, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_end_before_the_sentences_of_the_whole_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let text: String = crate::gold::read_jsonl(&root.join("data/news-dev/dev.jsonl"))
            .unwrap()
            .into_iter()
            .map(|d| d.text + "\n")
            .collect();
        let starts = crate::segment::sentence_starts(&text);
        for size in [700, 3_000, 20_000] {
            let ranges = sections(&text, size);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert!(pair[0].len() <= size, "{:?} longer than {size}", pair[0]);
                let cut = pair[0].end;
                let next = cut + text[cut..].len() - text[cut..].trim_start().len();
                assert!(
                    starts.contains(&next),
                    "size {size}: cut at {cut} before {:?}, not a sentence start",
                    &text[next..next + 30]
                );
            }
        }
    }
}
