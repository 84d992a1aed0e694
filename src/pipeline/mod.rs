//! The tagging pipeline over a slice of documents, as a chain of [`Stage`]s: normalize,
//! tokenize, infer (windows of long documents in length-sorted batches under a token budget,
//! see [`crate::batch`]), decode, quantities, link. The infer stage is a method of
//! [`Pipeline`], the CPU stages methods of `Cpu` (the pipeline without its model, which a
//! worker thread can share: [`Pipeline::tag_chunks`] runs them beside the model); each is
//! timed by [`Timings::time`], and `tag` reads as the chain.
//!
//! Adding a stage: a variant of [`Stage`] (its place in data order and its name in reports),
//! a method of `Cpu`, and its call in `Cpu::finish_round` (per round) or `Cpu::finish` (per
//! document) under `t.time(Stage::…, …)`.

mod cuts;
mod stage;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use tch::{Device, Kind};

use crate::batch;
use crate::decode::{decode, Aggregation, Predictions, Tag};
use crate::document::{CharIndex, Document, Entity, RecordError, RecordErrorKind};
use crate::link::Linker;
use crate::model::{Precision, TokenClassifier};
use crate::normalize::Normalized;
use crate::tokenize::{segment_windows, SubwordTokenizer, Tokens, Window};
use cuts::{pieces, sections};
pub use stage::{Stage, Timings};

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
    /// [`Pipeline::tag_chunks`] runs the CPU stages of neighbouring chunks while the model
    /// runs (for a GPU; on a CPU they would compete with the model for the cores).
    pub overlap: bool,
    /// Batches run at once, each on its own thread (the libtorch intra-op threads are set
    /// apart by the caller, see `--batch-workers`). A small model's GEMMs are too small to
    /// split well across cores: two one-thread batches beat one two-thread batch.
    pub batch_workers: usize,
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
            overlap: false,
            batch_workers: 1,
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

/// Default [`Options::section_bytes`].
pub const SECTION_BYTES: usize = 256 * 1024;

/// Default [`Options::round_bytes`].
pub const ROUND_BYTES: usize = 1024 * 1024;

/// A document's text, or one section of it, as the model sees it.
struct Unit {
    doc: usize,
    range: std::ops::Range<usize>,
}

/// A piece of a unit's text (see [`cuts`]) as the tokenizer sees it, with its start in the unit.
struct Piece<'a> {
    start: usize,
    text: Normalized<'a>,
}

/// Why a document could not be tagged (it becomes an error record).
type Failure = (RecordErrorKind, anyhow::Error);

/// What the infer stage gives back for a round.
struct Inferred {
    /// Label probabilities per content subword of each unit, `[n, labels]` row-major.
    probs: Vec<Vec<f32>>,
    padded_tokens: u64,
    batches: u64,
    /// Units with a window the model could not run even alone, with the error.
    failed: Vec<(usize, anyhow::Error)>,
}

/// A check run before each forward pass with its rows and width; an error from it fails the
/// pass as libtorch would (tests inject out-of-memory errors this way).
pub type ForwardFault = Box<dyn Fn(usize, usize) -> Result<()> + Send + Sync>;

pub struct Pipeline {
    pub model: TokenClassifier,
    pub tokenizer: SubwordTokenizer,
    pub linker: Option<Linker>,
    pub options: Options,
    tags: Vec<Tag>,
    fault: Option<ForwardFault>,
    /// The batch workers' threads (see [`Options::batch_workers`]), kept for the pipeline's
    /// life: libraries keep per-thread buffers (MKL's GEMM scratch among them) that a thread
    /// spawned per round would leave behind at each exit.
    workers: Option<rayon::ThreadPool>,
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
        let workers = if options.batch_workers > 1 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(options.batch_workers)
                .thread_name(|i| format!("frner-batch-{i}"))
                .build()
                .context("starting the batch worker threads")?;
            Some(pool)
        } else {
            None
        };
        Ok(Pipeline {
            model,
            tokenizer,
            linker: None,
            options,
            tags,
            fault: None,
            workers,
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

    /// Makes every forward pass first call `fault` (see [`ForwardFault`]); for tests.
    #[doc(hidden)]
    pub fn inject_forward_fault(&mut self, fault: ForwardFault) {
        self.fault = Some(fault);
    }

    /// The parts the CPU stages use (see [`Cpu`]).
    fn cpu(&self) -> Cpu<'_> {
        Cpu {
            tokenizer: &self.tokenizer,
            linker: self.linker.as_ref(),
            options: &self.options,
            tags: &self.tags,
        }
    }

    /// Tags every document without an error: fills `entities` (model spans, then quantities,
    /// then links). A document the tokenizer rejects, or with a window the model cannot run
    /// even alone, gets an error record instead; the others are tagged.
    ///
    /// Documents go through the model in rounds of about [`Options::round_bytes`] of text
    /// (1 MiB), and a document longer than [`Options::section_bytes`] (256 KiB) in sections cut
    /// before a sentence, so subwords and label probabilities are only ever held for one
    /// round: a 10 MB text costs its entities, not its probabilities. With sentence windows a
    /// sectioned document gets the same windows as a whole one.
    pub fn tag(&self, docs: &mut [Document]) -> Result<Timings> {
        let cpu = self.cpu();
        let mut t = Timings::default();
        let mut state = cpu.begin(docs, &mut t);
        let rounds = cpu.rounds(&state.units);
        for (k, range) in rounds.iter().enumerate() {
            let input =
                cpu.prepare_round(docs, &state.units[range.clone()], &mut state.failed, &mut t);
            let inferred = self.infer_round(&input, &mut t);
            cpu.finish_round(docs, range.clone(), &input, inferred, &mut state, &mut t);
            drop(input);
            if k + 1 < rounds.len() {
                release_free_memory();
            }
        }
        cpu.finish(docs, state, rounds.len() > 1, &mut t);
        Ok(t)
    }

    /// Tags `chunks` in order and hands each to `done` once tagged, as [`Pipeline::tag`]
    /// would leave it. With [`Options::overlap`] the CPU stages of neighbouring chunks run
    /// while the model runs: a worker thread finishes chunk k − 1 (decoding, document rules,
    /// quantities, linking) and reads and tokenizes chunk k + 1 while the model takes chunk k,
    /// so that a GPU does not wait on them. The model's waits for the worker are booked in
    /// [`Timings::model_wait`]. A chunk longer than one round goes through [`Pipeline::tag`]
    /// on the model's thread, in its turn.
    pub fn tag_chunks<I, F>(&self, chunks: I, mut done: F) -> Result<Timings>
    where
        I: Iterator<Item = Vec<Document>> + Send,
        F: FnMut(Vec<Document>) -> Result<()>,
    {
        let mut total = Timings::default();
        let mut chunks = chunks;
        if !self.options.overlap {
            for mut docs in chunks {
                total.add(&self.tag(&mut docs)?);
                done(docs)?;
            }
            return Ok(total);
        }
        let cpu = self.cpu();
        let mut ready: Option<Staged> = None;
        let mut ran: Option<Ran> = None;
        let mut more = true;
        loop {
            if ready.is_none() && ran.is_none() {
                if !more {
                    break;
                }
                match chunks.next() {
                    Some(docs) => ready = Some(cpu.stage(docs)),
                    None => break,
                }
            }
            let (to_finish, to_run) = (ran.take(), ready.take());
            let chunks = &mut chunks;
            let (worker, now_ran, wait) = std::thread::scope(|s| {
                let worker = s.spawn(move || {
                    let finished = to_finish.map(|ran| cpu.complete(ran));
                    let next = if more {
                        chunks.next().map(|d| cpu.stage(d))
                    } else {
                        None
                    };
                    (finished, next)
                });
                let now_ran = to_run.map(|staged| self.run_staged(staged));
                let waiting = Instant::now();
                let worker = worker.join();
                (worker, now_ran, waiting.elapsed())
            });
            let (finished, next) =
                worker.map_err(|_| anyhow::anyhow!("a pipeline worker thread panicked"))?;
            total.model_wait += wait;
            if let Some((docs, t)) = finished {
                total.add(&t);
                done(docs)?;
            }
            more = next.is_some();
            ready = next;
            ran = match now_ran {
                Some(r) => Some(r?),
                None => None,
            };
        }
        Ok(total)
    }

    /// The model's part of a staged chunk: its one round's inference, or the whole of
    /// [`Pipeline::tag`] for a chunk of several rounds.
    fn run_staged(&self, staged: Staged) -> Result<Ran> {
        match staged {
            Staged::Round(mut r) => {
                let inferred = self.infer_round(&r.input, &mut r.t);
                Ok(Ran::Round(r, inferred))
            }
            Staged::Whole(mut docs, mut t) => {
                t.add(&self.tag(&mut docs)?);
                Ok(Ran::Whole(docs, t))
            }
        }
    }

    /// Infer stage over a round, booked in `t`.
    fn infer_round(&self, input: &RoundInput, t: &mut Timings) -> Inferred {
        t.tokens += input.tokens.iter().map(|x| x.len() as u64).sum::<u64>();
        let inferred = t.time(Stage::Infer, || self.infer(&input.tokens, &input.segments));
        t.padded_tokens += inferred.padded_tokens;
        t.batches += inferred.batches;
        inferred
    }

    /// Infer stage: label probabilities per content subword of each unit. Windows go through
    /// the model in batches ([`batch::plan`]); a batch whose forward pass fails is retried in
    /// halves ([`batch::run_split`]), and a window that fails alone fails its unit.
    fn infer(&self, tokens: &[Tokens], segments: &[Vec<usize>]) -> Inferred {
        let n_labels = self.tags.len();
        let size = self.window_size();
        let overlap = self.options.window_overlap.min(size / 2);
        let mut all: Vec<Window> = vec![];
        for (d, (tk, starts)) in tokens.iter().zip(segments).enumerate() {
            if !tk.is_empty() {
                all.extend(segment_windows(d, tk.len(), starts, size, overlap));
            }
        }
        let batches = batch::plan(
            &mut all,
            self.options.max_batch_tokens,
            self.tokenizer.n_special(),
        );
        let mut out = Inferred {
            probs: tokens
                .iter()
                .map(|tk| vec![0f32; tk.len() * n_labels])
                .collect(),
            padded_tokens: 0,
            batches: 0,
            failed: vec![],
        };
        let pre = self.tokenizer.prefix.len();
        // Each worker (the calling thread alone without a pool) takes the next batch in plan
        // order and scatters its probabilities under the lock (windows write disjoint rows):
        // one batch of padded probabilities per worker is alive at a time, whatever the
        // document length. Failures are kept per batch and joined in plan order, so the
        // outcome does not depend on which worker ran what.
        let next = AtomicUsize::new(0);
        let shared = Mutex::new(&mut out);
        let mut per_batch: Vec<Mutex<Vec<(usize, anyhow::Error)>>> = Vec::new();
        per_batch.resize_with(batches.len(), || Mutex::new(vec![]));
        let forward = SharedForward(self);
        let work = || {
            // The wrapper itself, not its field: closures capture the fields they name.
            let forward = &forward;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(range) = batches.get(i) else { break };
                let failed = batch::run_split(&all[range.clone()], &mut |b: &[Window]| {
                    let (flat, width) = forward.0.run_batch(tokens, b)?;
                    let mut o = shared.lock().unwrap_or_else(|p| p.into_inner());
                    o.padded_tokens += (b.len() * width) as u64;
                    o.batches += 1;
                    batch::scatter(&flat, width, pre, n_labels, b, &mut o.probs);
                    Ok(())
                });
                let mut slot = per_batch[i].lock().unwrap_or_else(|p| p.into_inner());
                slot.extend(failed.into_iter().map(|(w, e)| (w.doc, e)));
            }
        };
        match self.workers.as_ref().filter(|_| batches.len() > 1) {
            Some(pool) => pool.scope(|s| {
                for _ in 0..pool.current_num_threads().min(batches.len()) {
                    s.spawn(|_| work());
                }
            }),
            None => work(),
        }
        for slot in per_batch {
            out.failed
                .extend(slot.into_inner().unwrap_or_else(|p| p.into_inner()));
        }
        out
    }

    /// One forward pass: pads the batch's windows to its longest, returns softmax
    /// probabilities (flat `[rows, width, labels]`) and the width.
    fn run_batch(&self, tokens: &[Tokens], batch: &[Window]) -> Result<(Vec<f32>, usize)> {
        let batch::Padded {
            ids,
            mask,
            rows,
            width,
        } = batch::pad(&self.tokenizer, tokens, batch);
        if let Some(fault) = &self.fault {
            fault(rows, width)?;
        }
        let logits = self.model.forward_host(&ids, &mask, rows, width)?;
        let temperature = self
            .options
            .temperature
            .or(self.model.config.frner_score_temperature)
            .unwrap_or(1.0);
        let logits = if temperature == 1.0 {
            logits
        } else {
            logits.f_div_scalar(temperature)?
        };
        let p = logits
            .f_softmax(-1, Kind::Float)?
            .f_to_device(Device::Cpu)?
            .f_contiguous()?;
        let flat = Vec::<f32>::try_from(p.f_view([-1])?).context("reading model output")?;
        Ok((flat, width))
    }
}

/// The pipeline shared by the batch workers of [`Pipeline::infer`], for forward passes only.
struct SharedForward<'a>(&'a Pipeline);

// SAFETY: the workers only call `run_batch`, which reads the model's weights (never writes
// them, under `no_grad`) and builds its own activation tensors; libtorch runs operators on
// distinct outputs from several threads, and reading the same tensor from several threads is
// safe. The tensors are `!Sync` in tch only because nothing in its types tells reads from
// writes. Everything else `run_batch` touches (tokenizer, options, the fault hook) is `Sync`.
unsafe impl Sync for SharedForward<'_> {}

/// The pipeline's parts that the CPU stages use, without the model (whose tensors are not
/// `Sync`): a worker thread can prepare and finish neighbouring chunks while the model runs.
#[derive(Clone, Copy)]
struct Cpu<'a> {
    tokenizer: &'a SubwordTokenizer,
    linker: Option<&'a Linker>,
    options: &'a Options,
    tags: &'a [Tag],
}

/// A chunk in the making: what the CPU stages keep from its start to its end.
struct ChunkState {
    /// Byte → char offsets of each text, shared by decoding and the quantity recognizer.
    indexes: Vec<CharIndex>,
    units: Vec<Unit>,
    found: Vec<Vec<Entity>>,
    failed: Vec<Option<Failure>>,
}

/// One round's subwords, and where their sentences start, per unit.
struct RoundInput {
    tokens: Vec<Tokens>,
    segments: Vec<Vec<usize>>,
}

/// A chunk between [`Cpu::stage`] and the model's step (see [`Pipeline::tag_chunks`]).
enum Staged {
    /// A chunk of one round, tokenized.
    Round(Box<StagedRound>),
    /// A chunk of several rounds, tagged whole by [`Pipeline::tag`] on the model's thread.
    Whole(Vec<Document>, Timings),
}

/// A chunk after the model's step, for [`Cpu::complete`].
enum Ran {
    /// A round with its label probabilities.
    Round(Box<StagedRound>, Inferred),
    /// A chunk already tagged whole.
    Whole(Vec<Document>, Timings),
}

struct StagedRound {
    docs: Vec<Document>,
    state: ChunkState,
    input: RoundInput,
    t: Timings,
}

impl Cpu<'_> {
    /// Char indexes of every text, and the units (documents, or sections of long ones) that
    /// go through the model.
    fn begin(&self, docs: &[Document], t: &mut Timings) -> ChunkState {
        t.time(Stage::Decode, || {
            let indexes: Vec<CharIndex> =
                docs.par_iter().map(|d| CharIndex::new(&d.text)).collect();
            let mut units: Vec<Unit> = vec![];
            for (d, doc) in docs.iter().enumerate() {
                if doc.error.is_none() {
                    let ranges = sections(&doc.text, self.options.section_bytes.max(1));
                    units.extend(ranges.into_iter().map(|range| Unit { doc: d, range }));
                }
            }
            ChunkState {
                indexes,
                units,
                found: vec![vec![]; docs.len()],
                failed: (0..docs.len()).map(|_| None).collect(),
            }
        })
    }

    /// The units cut in rounds of about [`Options::round_bytes`] of text, at least one unit
    /// each.
    fn rounds(&self, units: &[Unit]) -> Vec<std::ops::Range<usize>> {
        let mut out = vec![];
        let mut start = 0;
        while start < units.len() {
            let mut bytes = 0;
            let n = units[start..]
                .iter()
                .take_while(|u| {
                    bytes += u.range.len();
                    bytes <= self.options.round_bytes
                })
                .count()
                .max(1);
            out.push(start..start + n);
            start += n;
        }
        out
    }

    /// A chunk ready for the model: begun and, when it is one round, tokenized.
    fn stage(&self, mut docs: Vec<Document>) -> Staged {
        let mut t = Timings::default();
        let mut state = self.begin(&docs, &mut t);
        if self.rounds(&state.units).len() > 1 {
            return Staged::Whole(std::mem::take(&mut docs), t);
        }
        let input = self.prepare_round(&docs, &state.units, &mut state.failed, &mut t);
        Staged::Round(Box::new(StagedRound {
            docs,
            state,
            input,
            t,
        }))
    }

    /// A chunk after the model's step: its documents, tagged, and the time spent on them.
    fn complete(&self, ran: Ran) -> (Vec<Document>, Timings) {
        match ran {
            Ran::Round(r, inferred) => {
                let StagedRound {
                    mut docs,
                    mut state,
                    input,
                    mut t,
                } = *r;
                let all = 0..state.units.len();
                self.finish_round(&docs, all, &input, inferred, &mut state, &mut t);
                drop(input);
                self.finish(&mut docs, state, false, &mut t);
                (docs, t)
            }
            Ran::Whole(docs, t) => (docs, t),
        }
    }

    /// Normalize and tokenize stages over the units of one round.
    fn prepare_round(
        &self,
        docs: &[Document],
        round: &[Unit],
        failed: &mut [Option<Failure>],
        t: &mut Timings,
    ) -> RoundInput {
        let texts = unit_texts(docs, round);
        let normalized = t.time(Stage::Normalize, || normalize(&texts));
        let (tokens, segments) = t.time(Stage::Tokenize, || {
            self.tokenize(round, &texts, &normalized, failed)
        });
        RoundInput { tokens, segments }
    }

    /// Decode stage over one round (units `range` of the chunk): appends each unit's
    /// entities (in document offsets) to its document's list; a unit whose window failed in
    /// the model marks its document as failed.
    fn finish_round(
        &self,
        docs: &[Document],
        range: std::ops::Range<usize>,
        input: &RoundInput,
        inferred: Inferred,
        state: &mut ChunkState,
        t: &mut Timings,
    ) {
        let round = &state.units[range];
        for (u, e) in inferred.failed {
            let doc = round[u].doc;
            if state.failed[doc].is_none() {
                state.failed[doc] = Some((RecordErrorKind::Model, e));
            }
        }
        let texts = unit_texts(docs, round);
        let decoded = t.time(Stage::Decode, || {
            self.decode(
                docs,
                &state.indexes,
                round,
                &texts,
                &input.tokens,
                &inferred.probs,
                &input.segments,
                &state.failed,
            )
        });
        for (unit, entities) in round.iter().zip(decoded) {
            state.found[unit.doc].extend(entities);
        }
    }

    /// The document-wide stages once every round is done: document rules, quantities, span
    /// hygiene and filters, links. `long`: the chunk took several rounds.
    fn finish(&self, docs: &mut [Document], state: ChunkState, long: bool, t: &mut Timings) {
        let ChunkState {
            indexes,
            mut found,
            mut failed,
            ..
        } = state;
        // Each document-wide step below builds a new entity list and frees the old one; for
        // a long text (several rounds) that is tens of MB each time.
        let trim = || {
            if long {
                release_free_memory();
            }
        };
        t.time(Stage::Decode, || {
            self.document_rules(docs, &indexes, &mut found, &mut failed)
        });
        drop(found);
        trim();
        if self.options.quantities {
            t.time(Stage::Quantities, || self.quantities(docs, &indexes));
            trim();
        }
        t.time(Stage::Decode, || self.tidy(docs, &indexes));
        trim();
        if let Some(linker) = self.linker {
            t.time(Stage::Link, || link(linker, docs));
        }
        t.time(Stage::Decode, || self.keep_labels(docs));
    }

    /// The `labels` filter, last: linking may retype an entity (docs/linking.md, "Types from
    /// the table"), and the output holds only the labels asked for.
    fn keep_labels(&self, docs: &mut [Document]) {
        if let Some(keep) = &self.options.labels {
            for doc in docs.iter_mut() {
                doc.entities.retain(|e| keep.contains(&e.label));
            }
        }
    }

    /// Tokenize stage: subwords of each unit's normalized pieces, with spans in the unit's
    /// text, and the subwords where its sentences start (windows and entities never cross
    /// them). A unit of a failed document gets no subwords.
    fn tokenize(
        &self,
        round: &[Unit],
        texts: &[&str],
        normalized: &[Vec<Piece>],
        failed: &mut [Option<Failure>],
    ) -> (Vec<Tokens>, Vec<Vec<usize>>) {
        // Closures borrow the Sync parts only: the model's tensors are not Sync.
        let tokenizer = &self.tokenizer;
        let encoded: Vec<Result<Tokens>> = normalized
            .par_iter()
            .map(|pieces| encode_pieces(tokenizer, pieces))
            .collect();
        let mut tokens: Vec<Tokens> = Vec::with_capacity(round.len());
        for (unit, enc) in round.iter().zip(encoded) {
            match enc {
                Ok(tk) if failed[unit.doc].is_none() => tokens.push(tk),
                Ok(_) => tokens.push(Tokens::default()),
                Err(e) => {
                    failed[unit.doc] = Some((RecordErrorKind::Tokenizer, e));
                    tokens.push(Tokens::default());
                }
            }
        }
        let segments: Vec<Vec<usize>> = if self.options.sentence_windows {
            texts
                .par_iter()
                .zip(tokens.par_iter())
                .map(|(text, tk)| sentence_subwords(text, tk))
                .collect()
        } else {
            vec![vec![]; round.len()]
        };
        (tokens, segments)
    }

    /// Decode stage: each unit's entities from its probabilities, in document offsets.
    #[allow(clippy::too_many_arguments)]
    fn decode(
        &self,
        docs: &[Document],
        indexes: &[CharIndex],
        round: &[Unit],
        texts: &[&str],
        tokens: &[Tokens],
        probs: &[Vec<f32>],
        segments: &[Vec<usize>],
        failed: &[Option<Failure>],
    ) -> Vec<Vec<Entity>> {
        let labels = self.tags;
        let n_labels = labels.len();
        let strategy = self.options.aggregation;
        round
            .par_iter()
            .zip(texts.par_iter())
            .zip(tokens.par_iter())
            .zip(probs.par_iter())
            .zip(segments.par_iter())
            .map(|((((unit, text), tk), pr), breaks)| {
                if tk.is_empty() || failed[unit.doc].is_some() {
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
            .collect()
    }

    /// Decode stage, per document once every round is done: failed documents become error
    /// records; the others get their entities with the document-wide rules (a surname alone
    /// is the person named in full before, the news conventions, dispatch datelines).
    fn document_rules(
        &self,
        docs: &mut [Document],
        indexes: &[CharIndex],
        found: &mut [Vec<Entity>],
        failed: &mut [Option<Failure>],
    ) {
        docs.par_iter_mut()
            .zip(found.par_iter_mut())
            .zip(failed.par_iter_mut())
            .zip(indexes.par_iter())
            .for_each(|(((doc, found), failed), index)| {
                if let Some((kind, e)) = failed.take() {
                    doc.error = Some(RecordError {
                        line: doc.error.as_ref().map_or(0, |e| e.line),
                        kind,
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
    }

    /// Quantities stage: the quantity recognizer's entities merged with the model's.
    fn quantities(&self, docs: &mut [Document], indexes: &[CharIndex]) {
        let section_bytes = self.options.section_bytes.max(1);
        docs.par_iter_mut()
            .zip(indexes.par_iter())
            .for_each(|(doc, index)| {
                if doc.error.is_none() {
                    let found = quantities_by_section(&doc.text, index, section_bytes);
                    doc.entities = crate::quantity::merge(std::mem::take(&mut doc.entities), found);
                }
            });
    }

    /// After quantities (booked to decode): span hygiene (no entity across a blank line,
    /// trimmed edges, escapes dropped), then the `min_score` filter.
    fn tidy(&self, docs: &mut [Document], indexes: &[CharIndex]) {
        docs.par_iter_mut()
            .zip(indexes.par_iter())
            .for_each(|(doc, index)| {
                if doc.error.is_none() && !doc.entities.is_empty() {
                    let entities = std::mem::take(&mut doc.entities);
                    doc.entities = crate::spans::tidy(&doc.text, index, entities);
                }
            });
        if self.options.min_score > 0.0 {
            let min = self.options.min_score;
            for doc in docs.iter_mut() {
                doc.entities.retain(|e| e.score >= min);
            }
        }
    }
}

/// The text of each unit of a round.
fn unit_texts<'a>(docs: &'a [Document], round: &[Unit]) -> Vec<&'a str> {
    round
        .iter()
        .map(|u| &docs[u.doc].text[u.range.clone()])
        .collect()
}

/// Normalize stage: each text cut in pieces ([`cuts::pieces`]), each piece as the model sees it.
fn normalize<'a>(texts: &[&'a str]) -> Vec<Vec<Piece<'a>>> {
    texts
        .par_iter()
        .map(|text| {
            pieces(text)
                .into_iter()
                .map(|r| Piece {
                    start: r.start,
                    text: Normalized::new(&text[r]),
                })
                .collect()
        })
        .collect()
}

/// The subwords of a text's normalized pieces, spans shifted back to the text.
fn encode_pieces(tokenizer: &SubwordTokenizer, pieces: &[Piece]) -> Result<Tokens> {
    if let [piece] = pieces {
        if piece.start == 0 {
            return tokenizer.encode_normalized(&piece.text);
        }
    }
    let mut all = Tokens::default();
    for piece in pieces {
        let tk = tokenizer.encode_normalized(&piece.text)?;
        all.ids.extend_from_slice(&tk.ids);
        let start = piece.start;
        all.spans
            .extend(tk.spans.iter().map(|&(s, e)| (s + start, e + start)));
    }
    Ok(all)
}

/// [`SubwordTokenizer::encode`] of `text` as the pipeline does it: normalized and tokenized in
/// pieces of about 64 KiB cut just before a whitespace character, which keeps the tokenizer's
/// working memory (normalized copies, per-byte alignments, token strings) to a few times the
/// piece instead of tens of bytes per input byte. Same subwords as the whole text (tested).
pub fn encode_in_pieces(tokenizer: &SubwordTokenizer, text: &str) -> Result<Tokens> {
    let pieces = normalize(&[text]).pop().unwrap_or_default();
    encode_pieces(tokenizer, &pieces)
}

/// Hands the allocator's free pages back to the system between rounds. A round's buffers
/// (subwords, probabilities, libtorch activations) are freed when it ends, but the entities
/// kept from it sit between them in the heap, so glibc could not trim the heap's top and a
/// 2 MB text's resident memory kept growing round after round (fragmentation, not live data).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the kernel; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Link stage: knowledge-base links of each tagged document's entities.
fn link(linker: &Linker, docs: &mut [Document]) {
    docs.par_iter_mut().for_each(|doc| {
        if doc.error.is_none() {
            linker.link_document(doc);
        }
    });
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
    fn pieces_shift_spans_back_to_the_text() {
        // Two normalized pieces of "l’an 2024": spans land in the original text.
        let text = "l\u{2019}an deux mille";
        let cut = text.find(" deux").unwrap();
        let pieces = [
            Piece {
                start: 0,
                text: Normalized::new(&text[..cut]),
            },
            Piece {
                start: cut,
                text: Normalized::new(&text[cut..]),
            },
        ];
        let dir = crate::default_model_dir();
        let tokenizer = SubwordTokenizer::from_file(&dir.join("tokenizer.json"), None)
            .expect("the default model's tokenizer (make model)");
        let whole = tokenizer.encode(text).unwrap();
        let split = encode_pieces(&tokenizer, &pieces).unwrap();
        assert_eq!(whole.ids, split.ids);
        assert_eq!(whole.spans, split.spans);
    }
}
