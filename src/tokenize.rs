//! Subword tokenization with byte offsets into the original text, and windowing of long
//! documents into model-sized, overlapping pieces.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use tokenizers::{
    DecoderWrapper, Encoding, NormalizerWrapper, PostProcessorWrapper, PreTokenizerWrapper,
    Tokenizer, TokenizerImpl,
};

use crate::normalize::Normalized;

mod unigram;
pub use unigram::CompactUnigram;

/// A Hugging Face tokenizer whose Unigram model is [`CompactUnigram`].
type CompactTokenizer = TokenizerImpl<
    CompactUnigram,
    NormalizerWrapper,
    PreTokenizerWrapper,
    PostProcessorWrapper,
    DecoderWrapper,
>;

/// The loaded `tokenizer.json`: Unigram models (XLM-R, e5, CamemBERT) in the compact form,
/// any other model (WordPiece, BPE) as the `tokenizers` crate reads it.
enum Inner {
    Compact(Box<CompactTokenizer>),
    Reference(Box<Tokenizer>),
}

/// Calls the same method on either kind of tokenizer.
macro_rules! with_inner {
    ($inner:expr, $t:ident => $body:expr) => {
        match $inner {
            Inner::Compact($t) => $body,
            Inner::Reference($t) => $body,
        }
    };
}

impl Inner {
    fn load(path: &Path, compact: bool) -> Result<Inner> {
        let json = std::fs::read_to_string(path)?;
        #[derive(Deserialize)]
        struct File {
            model: ModelType,
        }
        #[derive(Deserialize)]
        struct ModelType {
            #[serde(rename = "type")]
            kind: Option<String>,
        }
        let kind = serde_json::from_str::<File>(&json)
            .ok()
            .and_then(|f| f.model.kind);
        if compact && kind.as_deref() == Some("Unigram") {
            match json.parse::<CompactTokenizer>() {
                Ok(t) => return Ok(Inner::Compact(Box::new(t))),
                // Anything the compact form refuses, the reference reader explains (or reads).
                Err(e) => tracing::debug!("compact Unigram model refused: {e}"),
            }
        }
        let t = json
            .parse::<Tokenizer>()
            .map_err(anyhow::Error::from_boxed)?;
        Ok(Inner::Reference(Box::new(t)))
    }

    fn encode(&self, text: &str, special: bool) -> tokenizers::Result<Encoding> {
        with_inner!(self, t => t.encode(text, special))
    }

    fn token_to_id(&self, token: &str) -> Option<u32> {
        with_inner!(self, t => t.token_to_id(token))
    }

    fn no_truncation_or_padding(&mut self) -> tokenizers::Result<()> {
        with_inner!(self, t => {
            t.with_truncation(None)?;
            t.with_padding(None);
            Ok(())
        })
    }
}

/// A Hugging Face `tokenizer.json` plus the special tokens the model's template adds.
pub struct SubwordTokenizer {
    inner: Inner,
    /// Ids before / after the content (`[CLS]` … `[SEP]`, `<s>` … `</s>`).
    pub prefix: Vec<i64>,
    pub suffix: Vec<i64>,
    pub pad_id: i64,
}

/// A document's subwords: ids and byte spans in the document text.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub ids: Vec<i64>,
    pub spans: Vec<(usize, usize)>,
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl SubwordTokenizer {
    pub fn from_file(path: &Path, pad_id: Option<i64>) -> Result<SubwordTokenizer> {
        Self::from_file_with(path, pad_id, true)
    }

    /// [`SubwordTokenizer::from_file`], choosing whether a Unigram model is read in the
    /// compact form (the default) or as the `tokenizers` crate's own model (used to check
    /// that both segment alike).
    pub fn from_file_with(
        path: &Path,
        pad_id: Option<i64>,
        compact: bool,
    ) -> Result<SubwordTokenizer> {
        let mut inner =
            Inner::load(path, compact).with_context(|| format!("loading {}", path.display()))?;
        inner
            .no_truncation_or_padding()
            .map_err(anyhow::Error::from_boxed)
            .with_context(|| format!("disabling truncation in {}", path.display()))?;
        // The template's special tokens: encode one word with them, keep what is not content.
        let probe = inner
            .encode("a", true)
            .map_err(anyhow::Error::from_boxed)
            .with_context(|| format!("probing special tokens of {}", path.display()))?;
        let mask = probe.get_special_tokens_mask();
        let ids = probe.get_ids();
        let first = mask.iter().position(|&m| m == 0).unwrap_or(mask.len());
        let last = mask.iter().rposition(|&m| m == 0).map_or(first, |p| p + 1);
        let prefix = ids[..first].iter().map(|&i| i as i64).collect();
        let suffix = ids[last..].iter().map(|&i| i as i64).collect();
        let pad_id = match pad_id {
            Some(p) => p,
            None => ["<pad>", "[PAD]"]
                .iter()
                .find_map(|t| inner.token_to_id(t))
                .map(|i| i as i64)
                .unwrap_or(0),
        };
        Ok(SubwordTokenizer {
            inner,
            prefix,
            suffix,
            pad_id,
        })
    }

    /// Number of special tokens around each window.
    pub fn n_special(&self) -> usize {
        self.prefix.len() + self.suffix.len()
    }

    /// Content subwords of `text` (no special tokens), with byte spans into `text`. The
    /// tokenizer sees the typographically normalized text ([`Normalized`]); spans are mapped
    /// back to the original.
    pub fn encode(&self, original: &str) -> Result<Tokens> {
        self.encode_normalized(&Normalized::new(original))
    }

    /// [`SubwordTokenizer::encode`] of a text already normalized (the pipeline's normalize
    /// stage): subwords of the copy, spans in its original.
    pub fn encode_normalized(&self, normalized: &Normalized) -> Result<Tokens> {
        let text = normalized.text();
        let enc = self
            .inner
            .encode(text, false)
            .map_err(anyhow::Error::from_boxed)
            .context("tokenizer")?;
        let mut out = Tokens {
            ids: Vec::with_capacity(enc.len()),
            spans: Vec::with_capacity(enc.len()),
        };
        for (&id, &(s, e)) in enc.get_ids().iter().zip(enc.get_offsets()) {
            if s > e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                bail!("tokenizer returned an offset ({s}, {e}) outside the text");
            }
            out.ids.push(id as i64);
            out.spans.push(normalized.original_span(s, e));
        }
        Ok(out)
    }

    /// Whether the compact Unigram model serves this tokenizer (see [`CompactUnigram`]).
    pub fn is_compact(&self) -> bool {
        matches!(self.inner, Inner::Compact(_))
    }
}

/// One model input: `len` content subwords of a document starting at `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub doc: usize,
    pub start: usize,
    pub len: usize,
    /// The content positions this window decides: `[own_start, own_end)` (document indices).
    pub own_start: usize,
    pub own_end: usize,
}

/// Splits `n` subwords into windows of at most `size` with `overlap` shared subwords between
/// neighbours. Each subword is owned by exactly one window — the one where it sits furthest from
/// an edge — so merged predictions neither truncate nor double-count.
pub fn windows(doc: usize, n: usize, size: usize, overlap: usize) -> Vec<Window> {
    let size = size.max(1);
    let overlap = overlap.min(size / 2);
    if n <= size {
        return vec![Window {
            doc,
            start: 0,
            len: n,
            own_start: 0,
            own_end: n,
        }];
    }
    let stride = size - overlap;
    let mut starts = vec![];
    let mut s = 0;
    loop {
        if s + size >= n {
            starts.push(n - size);
            break;
        }
        starts.push(s);
        s += stride;
    }
    starts.dedup();
    let mut out = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let own_start = if k == 0 {
            0
        } else {
            // Split the overlap with the previous window at its midpoint.
            let prev_end = starts[k - 1] + size;
            (start + prev_end).div_ceil(2)
        };
        let own_end = if k + 1 == starts.len() {
            n
        } else {
            let next = starts[k + 1];
            (next + start + size).div_ceil(2)
        };
        out.push(Window {
            doc,
            start,
            len: size,
            own_start,
            own_end,
        });
    }
    out
}

/// Windows that follow segments (sentences): each segment `[starts[i], starts[i + 1])` of the
/// document's `n` subwords is one window, or, when longer than `size`, overlapping windows of
/// its own ([`windows`]). The model was trained on single sentences, and a window of several
/// sentences changes its predictions (a long context made it cut "Côte d'Ivoire" in two).
/// `starts` are sorted subword indices; a first segment from 0 is implied.
pub fn segment_windows(
    doc: usize,
    n: usize,
    starts: &[usize],
    size: usize,
    overlap: usize,
) -> Vec<Window> {
    let mut bounds: Vec<usize> = std::iter::once(0)
        .chain(starts.iter().copied().filter(|&s| s > 0 && s < n))
        .collect();
    bounds.dedup();
    bounds.push(n);
    let mut out = vec![];
    for pair in bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a >= b {
            continue;
        }
        out.extend(
            windows(doc, b - a, size, overlap)
                .into_iter()
                .map(|w| Window {
                    start: w.start + a,
                    own_start: w.own_start + a,
                    own_end: w.own_end + a,
                    ..w
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_every_position_once() {
        for n in 0..300 {
            for (size, overlap) in [(10, 0), (10, 3), (10, 5), (7, 2), (64, 16), (1, 0)] {
                let ws = windows(0, n, size, overlap);
                let mut owner = vec![0u32; n];
                for w in &ws {
                    assert!(w.len <= size.max(1));
                    assert!(w.start + w.len <= n.max(w.len));
                    assert!(
                        w.own_start >= w.start && w.own_end <= w.start + w.len,
                        "{w:?}"
                    );
                    for o in &mut owner[w.own_start..w.own_end] {
                        *o += 1;
                    }
                }
                assert!(
                    owner.iter().all(|&c| c == 1),
                    "n={n} size={size} overlap={overlap}"
                );
            }
        }
    }

    #[test]
    fn owned_positions_keep_context_on_both_sides() {
        let ws = windows(0, 100, 40, 10);
        for w in &ws[1..ws.len() - 1] {
            assert!(w.own_start - w.start >= 4, "{w:?}");
            assert!(w.start + w.len - w.own_end >= 4, "{w:?}");
        }
    }

    #[test]
    fn segment_windows_follow_sentences_and_cover_once() {
        // Segments [0, 5), [5, 30), [30, 33); size 10 splits the middle one.
        let ws = segment_windows(3, 33, &[5, 30], 10, 2);
        let mut owner = [0u32; 33];
        for w in &ws {
            assert_eq!(w.doc, 3);
            assert!(w.len <= 10);
            for o in &mut owner[w.own_start..w.own_end] {
                *o += 1;
            }
        }
        assert!(owner.iter().all(|&c| c == 1));
        assert_eq!((ws[0].start, ws[0].len), (0, 5));
        assert_eq!((ws.last().unwrap().start, ws.last().unwrap().len), (30, 3));
        // No window crosses a segment boundary.
        for w in &ws {
            for b in [5, 30] {
                assert!(!(w.start < b && b < w.start + w.len), "{w:?}");
            }
        }
        // Out-of-range and duplicate starts are ignored.
        assert_eq!(segment_windows(0, 4, &[0, 0, 9], 10, 2).len(), 1);
        assert!(segment_windows(0, 0, &[], 10, 2).is_empty());
    }
}
