//! The tagging pipeline over a slice of documents: parallel tokenization, length-sorted batches
//! under a token budget, windowed inference for long documents, decoding, quantities, linking.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use tch::{Device, Kind, Tensor};

use crate::decode::{decode, Aggregation, Predictions, Tag};
use crate::document::{CharIndex, Document, Entity, RecordError};
use crate::link::Linker;
use crate::model::{Precision, TokenClassifier};
use crate::tokenize::{segment_windows, SubwordTokenizer, Tokens, Window};

#[derive(Debug, Clone)]
pub struct Options {
    /// Upper bound on padded tokens per forward pass (rows × longest row).
    pub max_batch_tokens: usize,
    /// Longest model input in subwords, special tokens included (capped by the model).
    pub max_seq_len: usize,
    /// Subwords shared by neighbouring windows of a long document.
    pub window_overlap: usize,
    pub aggregation: Aggregation,
    /// Entity labels to keep in the output (`None` = all the model's labels + QUANTITY).
    pub labels: Option<Vec<String>>,
    pub quantities: bool,
    /// One model window per sentence (long sentences split with overlap), as the model was
    /// trained; otherwise fixed windows of `max_seq_len` over the whole document.
    pub sentence_windows: bool,
    /// Softmax temperature for scores; `None`: the model's `frner_score_temperature` or 1.
    pub temperature: Option<f64>,
    /// Entities scoring below this are dropped (after quantities, before linking).
    pub min_score: f32,
    /// A document longer than this goes through the model in sections (see [`Pipeline::tag`]).
    pub section_bytes: usize,
    /// Text per model round: subwords and probabilities are held for one round at a time.
    pub round_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_batch_tokens: 1024,
            max_seq_len: 256,
            window_overlap: 64,
            aggregation: Aggregation::Average,
            labels: None,
            quantities: true,
            sentence_windows: true,
            temperature: None,
            min_score: 0.0,
            section_bytes: SECTION_BYTES,
            round_bytes: ROUND_BYTES,
        }
    }
}

/// Shortest accepted `--max-seq-len`: below it, windows hold too few subwords for the model
/// to see an entity in context (at 1, a third of the entities were lost).
pub const MIN_SEQ_LEN: usize = 32;

/// Checks the batching and windowing options: a budget of at least one token, windows of at
/// least [`MIN_SEQ_LEN`] subwords, and an overlap under half a window (each window must own
/// some subwords of its own).
pub fn check_window_options(
    max_batch_tokens: usize,
    max_seq_len: usize,
    window_overlap: usize,
) -> Result<()> {
    if max_batch_tokens == 0 {
        bail!("--max-batch-tokens must be at least 1");
    }
    if max_seq_len < MIN_SEQ_LEN {
        bail!("--max-seq-len must be at least {MIN_SEQ_LEN} subwords (got {max_seq_len})");
    }
    if window_overlap.saturating_mul(2) >= max_seq_len {
        bail!(
            "--window-overlap ({window_overlap}) must be less than half of --max-seq-len \
             ({max_seq_len})"
        );
    }
    Ok(())
}

/// Texts longer than this are tokenized piece by piece (cut after whitespace), which keeps
/// the tokenizer's working memory (normalized copies, per-byte alignments, token strings) to a
/// few times the piece instead of tens of bytes per input byte.
const TOKENIZE_PIECE_BYTES: usize = 64 * 1024;

/// [`SubwordTokenizer::encode`] of `text`, in pieces of about [`TOKENIZE_PIECE_BYTES`] cut
/// just before a whitespace character, spans shifted back to `text`. The tokenizer attaches a
/// word's leading whitespace to it (`"\nL"` is one subword), so a piece that starts with the
/// whitespace before a word gives the same subwords as the whole text (tested).
pub fn encode_in_pieces(tokenizer: &SubwordTokenizer, text: &str) -> Result<Tokens> {
    if text.len() <= TOKENIZE_PIECE_BYTES {
        return tokenizer.encode(text);
    }
    let mut all = Tokens::default();
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start, TOKENIZE_PIECE_BYTES, TOKENIZE_PIECE_BYTES / 2);
        let piece = tokenizer.encode(&text[start..end])?;
        all.ids.extend_from_slice(&piece.ids);
        all.spans
            .extend(piece.spans.iter().map(|&(s, e)| (s + start, e + start)));
        start = end;
    }
    Ok(all)
}

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

/// Default [`Options::section_bytes`].
pub const SECTION_BYTES: usize = 256 * 1024;

/// Default [`Options::round_bytes`].
pub const ROUND_BYTES: usize = 1024 * 1024;

/// A document's text, or one section of it, as the model sees it.
struct Unit {
    doc: usize,
    range: std::ops::Range<usize>,
}

/// Byte ranges covering `text` in order, each at most about `size` bytes, cut before the
/// whitespace that precedes a sentence, so that sentence windows are those of the whole text
/// (in a sentence longer than `size`, before any whitespace run).
fn sections(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
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

/// Where the time of a [`Pipeline::tag`] call went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub tokenize: Duration,
    pub model: Duration,
    pub decode: Duration,
    pub quantity: Duration,
    pub link: Duration,
    /// Content subwords (no special tokens, no padding).
    pub tokens: u64,
    /// Tokens fed to the model, padding and special tokens included.
    pub padded_tokens: u64,
    pub batches: u64,
}

impl Timings {
    pub fn add(&mut self, o: &Timings) {
        self.tokenize += o.tokenize;
        self.model += o.model;
        self.decode += o.decode;
        self.quantity += o.quantity;
        self.link += o.link;
        self.tokens += o.tokens;
        self.padded_tokens += o.padded_tokens;
        self.batches += o.batches;
    }
}

pub struct Pipeline {
    pub model: TokenClassifier,
    pub tokenizer: SubwordTokenizer,
    pub linker: Option<Linker>,
    pub options: Options,
    tags: Vec<Tag>,
}

/// Resolves `--device`: `cpu`, `cuda`, `cuda:N`. CUDA needs libtorch_cuda loaded, which the
/// linker drops from the binary (it is only reached at run time), so it is opened here first.
pub fn parse_device(spec: &str) -> Result<Device> {
    match spec {
        "cpu" => Ok(Device::Cpu),
        s if s == "cuda" || s.starts_with("cuda:") => {
            let index: usize = match s.strip_prefix("cuda:") {
                Some(n) => n.parse().with_context(|| format!("bad device {s:?}"))?,
                None => 0,
            };
            crate::cuda::load_libtorch_cuda()?;
            if !tch::Cuda::is_available() {
                bail!("--device {s}: libtorch_cuda is loaded but no CUDA device is visible");
            }
            let n = tch::Cuda::device_count() as usize;
            if index >= n {
                bail!("--device {s}: only {n} CUDA device(s)");
            }
            Ok(Device::Cuda(index))
        }
        other => bail!("unknown device {other:?} (cpu, cuda, cuda:N)"),
    }
}

impl Pipeline {
    pub fn load(
        dir: &Path,
        device: Device,
        precision: Precision,
        options: Options,
    ) -> Result<Pipeline> {
        check_window_options(
            options.max_batch_tokens,
            options.max_seq_len,
            options.window_overlap,
        )?;
        if matches!(precision, Precision::F16 | Precision::Bf16) && device == Device::Cpu {
            bail!("--dtype fp16/bf16 is for CUDA; use fp32 or int8 on the CPU");
        }
        let model = TokenClassifier::load(dir, device, precision)
            .with_context(|| format!("loading model from {}", dir.display()))?;
        let tokenizer =
            SubwordTokenizer::from_file(&dir.join("tokenizer.json"), model.config.pad_token_id)?;
        let tags = model.labels.iter().map(|l| Tag::parse(l)).collect();
        Ok(Pipeline {
            model,
            tokenizer,
            linker: None,
            options,
            tags,
        })
    }

    pub fn with_linker(mut self, linker: Option<Linker>) -> Pipeline {
        self.linker = linker;
        self
    }

    /// The labels this pipeline can output: the model's entity types, then `QUANTITY`.
    pub fn entity_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        for tag in &self.tags {
            if !tag.kind.is_empty() && !labels.contains(&tag.kind) {
                labels.push(tag.kind.clone());
            }
        }
        if !labels.iter().any(|l| l == "QUANTITY") {
            labels.push("QUANTITY".to_string());
        }
        labels
    }

    /// Largest content length of one window.
    fn window_size(&self) -> usize {
        let max = (self.options.max_seq_len as i64).min(self.model.max_positions()) as usize;
        max.saturating_sub(self.tokenizer.n_special()).max(1)
    }

    /// Tags every document without an error: fills `entities` (model spans, then quantities,
    /// then links). A document the tokenizer rejects gets an error record instead.
    ///
    /// Documents go through the model in rounds of about [`Options::round_bytes`] of text
    /// (1 MiB), and a document longer than [`Options::section_bytes`] (256 KiB) in sections cut
    /// at line breaks, so subwords and
    /// label probabilities are only ever held for one round: a 10 MB text costs its entities,
    /// not its probabilities. A line break always starts a sentence, so with sentence windows
    /// a sectioned document gets the same windows as a whole one.
    pub fn tag(&self, docs: &mut [Document]) -> Result<Timings> {
        let mut t = Timings::default();
        let start = Instant::now();
        // Byte → char offsets of each text, shared by decoding and the quantity recognizer.
        let indexes: Vec<CharIndex> = docs.par_iter().map(|d| CharIndex::new(&d.text)).collect();
        let mut units: Vec<Unit> = vec![];
        for (d, doc) in docs.iter().enumerate() {
            if doc.error.is_none() {
                let ranges = sections(&doc.text, self.options.section_bytes.max(1));
                units.extend(ranges.into_iter().map(|range| Unit { doc: d, range }));
            }
        }
        t.decode += start.elapsed();
        let mut found: Vec<Vec<Entity>> = vec![vec![]; docs.len()];
        let mut failed: Vec<Option<anyhow::Error>> = (0..docs.len()).map(|_| None).collect();
        let mut rest = units.as_slice();
        while !rest.is_empty() {
            let mut bytes = 0;
            let n = rest
                .iter()
                .take_while(|u| {
                    bytes += u.range.len();
                    bytes <= self.options.round_bytes
                })
                .count()
                .max(1);
            let (round, tail) = rest.split_at(n);
            self.tag_round(docs, &indexes, round, &mut found, &mut failed, &mut t)?;
            rest = tail;
        }

        let start = Instant::now();
        docs.par_iter_mut()
            .zip(found.par_iter_mut())
            .zip(failed.par_iter_mut())
            .zip(indexes.par_iter())
            .for_each(|(((doc, found), failed), index)| {
                if let Some(e) = failed.take() {
                    doc.error = Some(RecordError {
                        line: doc.error.as_ref().map_or(0, |e| e.line),
                        kind: crate::document::RecordErrorKind::Tokenizer,
                        message: format!("{e:#}"),
                    });
                }
                if doc.error.is_some() {
                    return;
                }
                let mut found = std::mem::take(found);
                crate::decode::persons_by_surname(&mut found);
                let found = crate::conventions::apply(&doc.text, index, found);
                doc.entities = crate::dateline::merge(
                    found,
                    crate::dateline::find_datelines(&doc.text, index),
                );
            });
        t.decode += start.elapsed();

        if self.options.quantities {
            let start = Instant::now();
            let section_bytes = self.options.section_bytes.max(1);
            docs.par_iter_mut()
                .zip(indexes.par_iter())
                .for_each(|(doc, index)| {
                    if doc.error.is_none() {
                        let found = quantities_by_section(&doc.text, index, section_bytes);
                        doc.entities =
                            crate::quantity::merge(std::mem::take(&mut doc.entities), found);
                    }
                });
            t.quantity = start.elapsed();
        }
        // Span hygiene: no entity across a blank line, trimmed edges, escapes dropped.
        docs.par_iter_mut()
            .zip(indexes.par_iter())
            .for_each(|(doc, index)| {
                if doc.error.is_none() && !doc.entities.is_empty() {
                    let entities = std::mem::take(&mut doc.entities);
                    doc.entities = crate::spans::tidy(&doc.text, index, entities);
                }
            });
        if let Some(keep) = &self.options.labels {
            for doc in docs.iter_mut() {
                doc.entities.retain(|e| keep.contains(&e.label));
            }
        }
        if self.options.min_score > 0.0 {
            let min = self.options.min_score;
            for doc in docs.iter_mut() {
                doc.entities.retain(|e| e.score >= min);
            }
        }
        if let Some(linker) = &self.linker {
            let start = Instant::now();
            docs.par_iter_mut().for_each(|doc| {
                if doc.error.is_none() {
                    linker.link_document(doc);
                }
            });
            t.link = start.elapsed();
        }
        Ok(t)
    }

    /// Tokenizes, runs and decodes one round of units, appending each unit's entities (in
    /// document offsets) to its document's list. A unit the tokenizer rejects marks its
    /// document as failed.
    fn tag_round(
        &self,
        docs: &[Document],
        indexes: &[CharIndex],
        round: &[Unit],
        found: &mut [Vec<Entity>],
        failed: &mut [Option<anyhow::Error>],
        t: &mut Timings,
    ) -> Result<()> {
        let start = Instant::now();
        // Closures borrow the Sync parts only: the model's tensors are not Sync.
        let tokenizer = &self.tokenizer;
        let labels = self.tags.as_slice();
        let texts: Vec<&str> = round
            .iter()
            .map(|u| &docs[u.doc].text[u.range.clone()])
            .collect();
        let encoded: Vec<Result<Tokens>> = texts
            .par_iter()
            .map(|text| encode_in_pieces(tokenizer, text))
            .collect();
        let mut tokens: Vec<Tokens> = Vec::with_capacity(round.len());
        for (unit, enc) in round.iter().zip(encoded) {
            match enc {
                Ok(tk) if failed[unit.doc].is_none() => tokens.push(tk),
                Ok(_) => tokens.push(Tokens::default()),
                Err(e) => {
                    failed[unit.doc] = Some(e);
                    tokens.push(Tokens::default());
                }
            }
        }
        // Subword indices where sentences start: windows and entities never cross them.
        let segments: Vec<Vec<usize>> = if self.options.sentence_windows {
            texts
                .par_iter()
                .zip(tokens.par_iter())
                .map(|(text, tk)| sentence_subwords(text, tk))
                .collect()
        } else {
            vec![vec![]; round.len()]
        };
        t.tokenize += start.elapsed();
        t.tokens += tokens.iter().map(|x| x.len() as u64).sum::<u64>();

        let start = Instant::now();
        let n_labels = self.tags.len();
        let probs = self.infer(&tokens, &segments, t)?;
        t.model += start.elapsed();

        let start = Instant::now();
        let strategy = self.options.aggregation;
        let decoded: Vec<Vec<Entity>> = round
            .par_iter()
            .zip(texts.par_iter())
            .zip(tokens.par_iter())
            .zip(probs.par_iter())
            .zip(segments.par_iter())
            .map(|((((unit, text), tk), pr), breaks)| {
                if tk.is_empty() {
                    return vec![];
                }
                let whole = &indexes[unit.doc];
                let own;
                let index = if unit.range.len() == docs[unit.doc].text.len() {
                    whole
                } else {
                    own = CharIndex::new(text);
                    &own
                };
                let p = Predictions {
                    text,
                    spans: &tk.spans,
                    probs: pr,
                    labels,
                    breaks,
                };
                debug_assert_eq!(pr.len(), tk.len() * n_labels);
                let mut entities = decode(&p, index, strategy);
                shift(&mut entities, unit.range.start, whole);
                entities
            })
            .collect();
        for (unit, entities) in round.iter().zip(decoded) {
            found[unit.doc].extend(entities);
        }
        t.decode += start.elapsed();
        Ok(())
    }

    /// Label probabilities per content subword of each document, `[n, labels]` row-major.
    fn infer(
        &self,
        tokens: &[Tokens],
        segments: &[Vec<usize>],
        t: &mut Timings,
    ) -> Result<Vec<Vec<f32>>> {
        let n_labels = self.tags.len();
        let size = self.window_size();
        let overlap = self.options.window_overlap.min(size / 2);
        let mut all: Vec<Window> = vec![];
        for (d, (tk, starts)) in tokens.iter().zip(segments).enumerate() {
            if !tk.is_empty() {
                all.extend(segment_windows(d, tk.len(), starts, size, overlap));
            }
        }
        // Longest first, so that similar lengths share a batch and padding stays small.
        all.sort_by_key(|w| std::cmp::Reverse(w.len));
        let specials = self.tokenizer.n_special();
        let budget = self.options.max_batch_tokens.max(1);
        let mut batches: Vec<&[Window]> = vec![];
        let mut rest = all.as_slice();
        while !rest.is_empty() {
            let rows = (budget / (rest[0].len + specials)).clamp(1, rest.len());
            let (batch, tail) = rest.split_at(rows);
            batches.push(batch);
            rest = tail;
        }
        let mut probs: Vec<Vec<f32>> = tokens
            .iter()
            .map(|tk| vec![0f32; tk.len() * n_labels])
            .collect();
        let pre = self.tokenizer.prefix.len();
        // Each batch's output is copied out and dropped at once: only one batch of padded
        // probabilities is alive at a time, whatever the document length.
        for batch in &batches {
            let (flat, width) = self.run_batch(tokens, batch)?;
            t.padded_tokens += (batch.len() * width) as u64;
            t.batches += 1;
            for (r, w) in batch.iter().enumerate() {
                let out = &mut probs[w.doc];
                for pos in w.own_start..w.own_end {
                    let slot = r * width + pre + (pos - w.start);
                    out[pos * n_labels..(pos + 1) * n_labels]
                        .copy_from_slice(&flat[slot * n_labels..(slot + 1) * n_labels]);
                }
            }
        }
        Ok(probs)
    }

    /// One forward pass: pads the batch's windows to its longest, returns softmax
    /// probabilities (flat `[rows, width, labels]`) and the width.
    fn run_batch(&self, tokens: &[Tokens], batch: &[Window]) -> Result<(Vec<f32>, usize)> {
        let (pre, suf, pad) = (
            &self.tokenizer.prefix,
            &self.tokenizer.suffix,
            self.tokenizer.pad_id,
        );
        let rows = batch.len();
        let width = batch.iter().map(|w| w.len).max().unwrap_or(0) + pre.len() + suf.len();
        let mut ids = vec![pad; rows * width];
        let mut mask = vec![0i64; rows * width];
        for (r, w) in batch.iter().enumerate() {
            let content = &tokens[w.doc].ids[w.start..w.start + w.len];
            let row = r * width;
            let n = pre.len() + content.len() + suf.len();
            for (slot, id) in ids[row..row + n]
                .iter_mut()
                .zip(pre.iter().chain(content).chain(suf.iter()))
            {
                *slot = *id;
            }
            mask[row..row + n].fill(1);
        }
        let dev = self.model.device;
        let ids_t = Tensor::from_slice(&ids)
            .view([rows as i64, width as i64])
            .to_device(dev);
        let mask_t = Tensor::from_slice(&mask)
            .view([rows as i64, width as i64])
            .to_device(dev);
        let logits = self.model.forward(&ids_t, &mask_t)?;
        let temperature = self
            .options
            .temperature
            .or(self.model.config.frner_score_temperature)
            .unwrap_or(1.0);
        let logits = if temperature == 1.0 {
            logits
        } else {
            logits / temperature
        };
        let p = logits
            .softmax(-1, Kind::Float)
            .to_device(Device::Cpu)
            .contiguous();
        let flat = Vec::<f32>::try_from(p.view([-1])).context("reading model output")?;
        Ok((flat, width))
    }
}

/// Moves entities found in the section of a text that starts at `start` (bytes) to offsets
/// in the whole text, whose char index is `whole`.
fn shift(entities: &mut [Entity], start: usize, whole: &CharIndex) {
    if start == 0 {
        return;
    }
    let chars = whole.char_of(start);
    for e in entities {
        e.start_byte += start;
        e.end_byte += start;
        e.start += chars;
        e.end += chars;
    }
}

/// The quantities of `text`, found section by section in a long text: the recognizer's
/// lexed words of a 10 MB text took 80 MB at once. Sections end before a sentence, and no
/// quantity runs from one sentence into the next.
fn quantities_by_section(text: &str, index: &CharIndex, section_bytes: usize) -> Vec<Entity> {
    if text.len() <= section_bytes {
        return crate::quantity::find_quantities(text, index);
    }
    let mut out = vec![];
    for range in sections(text, section_bytes) {
        let part = &text[range.clone()];
        let mut found = crate::quantity::find_quantities(part, &CharIndex::new(part));
        shift(&mut found, range.start, index);
        out.extend(found);
    }
    out
}

/// Subword indices (after the first) where the sentences of `text` start.
fn sentence_subwords(text: &str, tokens: &Tokens) -> Vec<usize> {
    let mut out: Vec<usize> = crate::segment::sentence_starts(text)
        .into_iter()
        // The first subword that reaches into the sentence: Metaspace offsets of "▁Vladimir"
        // may start at the space before the sentence's first word.
        .map(|byte| tokens.spans.partition_point(|&(_, e)| e <= byte))
        .filter(|&k| k > 0 && k < tokens.len())
        .collect();
    out.dedup();
    out
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
