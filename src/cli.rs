//! The `frner` command line: `tag`, `eval`, `bench`, `kb check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use serde_json::json;

use crate::decode::Aggregation;
use crate::document::Document;
use crate::eval;
use crate::gold::{read_conll, read_hipe, read_jsonl, GoldDocument, GoldSentence};
use crate::io::open_input;
use crate::link::{KnowledgeBase, Linker};
use crate::model::parse_device;
use crate::model::Precision;
use crate::output::{open_sink_checked, Existing, Format, SinkOptions};
use crate::pipeline::{Options, Pipeline, Stage, Timings};
use crate::progress::{Progress, Summary};

#[derive(Parser, Debug)]
#[command(
    name = "frner",
    version,
    about = "French news NER: persons, organisations, places, quantities, linked to Wikidata"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tag documents: .txt file, directory of .txt, JSONL (optionally .gz/.zst), or - (stdin).
    Tag(TagArgs),
    /// Score the pipeline against gold data (CoNLL or HIPE-2020 TSV).
    Eval(EvalArgs),
    /// Measure throughput (docs/s, words/s, tokens/s, peak RSS) after a warm-up pass.
    Bench(BenchArgs),
    /// Knowledge-base tools.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Validate a knowledge-base TSV (default: the built-in table) and print a report:
    /// rows and Wikidata coverage by type and kind. Fails on malformed rows or ids,
    /// undecidable alias collisions and Wikidata ids used by two rows.
    Check {
        file: Option<PathBuf>,
        /// FILE extends the built-in table (`--kb FILE --kb-extend`): also fail when a new
        /// row would take an alias over from a built-in row.
        #[arg(long)]
        extend: bool,
    },
}

#[derive(Args, Debug, Clone)]
pub struct ModelArgs {
    /// `accurate` (the default), `fast` (distilled, pruned vocabulary: models/fast/README.md), or
    /// a Hugging Face token-classification checkpoint directory (config.json,
    /// model.safetensors, tokenizer.json). Default: the model `make` builds
    /// (models/e5-small-fr-ner) or $FRNER_MODEL.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// cpu, cuda or cuda:N.
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// fp32; int8 (dynamic quantization of the dense layers) on an x86 CPU with AVX2 + FMA
    /// (FBGEMM kernels, AVX-512 VNNI ones where present); elsewhere it runs fp32, see src/cpu.rs;
    /// auto (int8 where faster, else fp32); fp16 / bf16 on CUDA. Default: the model's own
    /// choice (config.json `frner_dtype`: `auto` for the fast model), else fp32.
    #[arg(long)]
    pub dtype: Option<String>,
    /// Threads for the model (default: all cores), shared by the batch workers.
    #[arg(long)]
    pub threads: Option<i32>,
    /// Batches that run at once on the CPU, each with --threads / N libtorch intra-op
    /// threads: auto (one per thread on the CPU, where small GEMMs split badly across cores:
    /// see the README's "Batch workers"; 1 on CUDA) or a number.
    #[arg(long, default_value = "auto")]
    pub batch_workers: String,
    /// Upper bound on padded tokens per forward pass. Default: 1,024 on the CPU (small batches
    /// keep activations in cache: see the README's sweep), 16,384 on CUDA (a GPU needs large
    /// batches; the best of scripts/gpu_check.sh's sweep on an H200, see the README's "GPU").
    #[arg(long)]
    pub max_batch_tokens: Option<usize>,
    /// Run the CPU stages (reading, tokenizing, decoding, quantities, linking) of neighbouring
    /// chunks while the model runs: on, off, or auto (on with CUDA, where they would
    /// otherwise leave the GPU idle; off on the CPU, where they compete with the model for
    /// the cores, and for standard input, whose records are answered as they come).
    #[arg(long, default_value = "auto", value_parser = ["auto", "on", "off"])]
    pub overlap: String,
    /// Longest model input in subwords; longer sentences (or documents, with
    /// --fixed-windows) are split into overlapping windows.
    #[arg(long, default_value_t = 256)]
    pub max_seq_len: usize,
    /// Softmax temperature for entity scores (default: the model's calibrated
    /// `frner_score_temperature`, or 1).
    #[arg(long)]
    pub temperature: Option<f64>,
    /// Windows of --max-seq-len over whole documents instead of one window per sentence (the
    /// model was trained on sentences; see models/README.md).
    #[arg(long)]
    pub fixed_windows: bool,
    /// Subwords shared by neighbouring windows.
    #[arg(long, default_value_t = 64)]
    pub window_overlap: usize,
    /// Subword aggregation: average (default: a word takes the most probable type of its
    /// subwords' mean probabilities, B-X and I-X summed, so a word is never split between
    /// entities), first, max, or simple (per-subword labels, as HF's "simple"). Entity score:
    /// the mean type probability of its words.
    #[arg(long, default_value = "average")]
    pub aggregation: String,
    /// Knowledge base TSV replacing the built-in table (see docs/linking.md).
    #[arg(long)]
    pub kb: Option<PathBuf>,
    /// Add --kb's rows to the built-in table instead of replacing it.
    #[arg(long)]
    pub kb_extend: bool,
    /// Skip entity linking, and with it the table's types for names the model typed unsure
    /// (docs/linking.md, "Types from the table"): `eval` then scores the model and the news
    /// conventions alone.
    #[arg(long)]
    pub no_link: bool,
    /// Skip the QUANTITY recognizer.
    #[arg(long)]
    pub no_quantities: bool,
}

/// `--max-batch-tokens` when it is not given, by device. On the CPU, 1,024 for a single batch
/// worker and 384 for each of several: two one-thread batches of 384 ran the fast model
/// faster than of 512 or 1,024 and kept a corpus run's heap smaller (README, "Batch workers").
pub const CPU_MAX_BATCH_TOKENS: usize = 1024;
pub const CPU_WORKER_BATCH_TOKENS: usize = 384;
pub const CUDA_MAX_BATCH_TOKENS: usize = 16384;

/// `tag --chunk-docs` when it is not given, by device; `bench` cuts its corpus in chunks of
/// [`BENCH_CPU_CHUNK_DOCS`] on the CPU (its figures so far were measured so).
pub const CPU_CHUNK_DOCS: usize = 256;
pub const CUDA_CHUNK_DOCS: usize = 1024;
pub const BENCH_CPU_CHUNK_DOCS: usize = 512;

impl ModelArgs {
    /// Whether [`Pipeline::tag_chunks`] overlaps the CPU stages with the model (`--overlap`);
    /// `streaming`: the input is standard input.
    pub fn overlap(&self, streaming: bool) -> bool {
        match self.overlap.as_str() {
            "on" => true,
            "off" => false,
            _ => self.is_cuda() && !streaming,
        }
    }

    /// `--batch-workers` for `--threads` (default: libtorch's thread count, all cores): how
    /// many batches run at once, and the intra-op threads each one gets.
    pub fn batch_plan(&self) -> Result<(usize, i32)> {
        let threads = self.threads.unwrap_or_else(tch::get_num_threads).max(1);
        let workers = match self.batch_workers.trim() {
            "auto" if self.is_cuda() => 1,
            "auto" => threads,
            n => match n.parse::<i32>() {
                Ok(n) if n >= 1 => n.min(threads),
                _ => bail!("--batch-workers must be auto or a number of at least 1, got {n:?}"),
            },
        };
        Ok((workers as usize, (threads / workers).max(1)))
    }

    /// Whether `--device` names a CUDA device.
    pub fn is_cuda(&self) -> bool {
        self.device.trim().starts_with("cuda")
    }

    /// Documents per chunk: `given`, or the default for `--device` (`cpu_default` on the CPU).
    pub fn chunk_docs(&self, given: Option<usize>, cpu_default: usize) -> usize {
        given.unwrap_or(if self.is_cuda() {
            CUDA_CHUNK_DOCS
        } else {
            cpu_default
        })
    }

    /// Text per chunk: a chunk stops taking documents once it holds this much. With the
    /// overlap on, half a round of the model's batches (`round_bytes`): a chunk of several
    /// rounds is tagged without overlap, and stopping at half a round keeps a chunk of
    /// documents under half a round each within one. Else [`CHUNK_TEXT_BYTES`].
    pub fn chunk_bytes(&self, overlap: bool, round_bytes: usize) -> usize {
        if overlap {
            (round_bytes / 2).clamp(1, CHUNK_TEXT_BYTES)
        } else {
            CHUNK_TEXT_BYTES
        }
    }

    /// `--max-batch-tokens`, or the default for `--device` and the number of batch workers
    /// (an unknown device is refused later, by `parse_device`).
    pub fn max_batch_tokens(&self, workers: usize) -> usize {
        self.max_batch_tokens.unwrap_or_else(|| {
            if self.is_cuda() {
                CUDA_MAX_BATCH_TOKENS
            } else if workers > 1 {
                CPU_WORKER_BATCH_TOKENS
            } else {
                CPU_MAX_BATCH_TOKENS
            }
        })
    }
}

#[derive(Args, Debug)]
pub struct TagArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    #[arg(long, short, default_value = "-")]
    pub input: String,
    #[arg(long, short, default_value = "-")]
    pub output: String,
    /// jsonl, conll, brat, html, parquet (docs/formats.md).
    #[arg(long, default_value = "jsonl", value_parser = Format::from_str_arg)]
    pub format: Format,
    /// Labels to output, comma-separated, or "all".
    #[arg(long, default_value_t = crate::labels::default_output())]
    pub labels: String,
    /// Continue an interrupted run: keep the output's complete records, skip as many inputs.
    #[arg(long)]
    pub resume: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Keep only entities whose score is at least this (0–1). Scores are type probabilities
    /// averaged over the entity's words; quantities score 1.
    #[arg(long, default_value_t = 0.0)]
    pub min_score: f32,
    /// Documents per pipeline chunk (bounds memory; output order is kept). Default: 256 on
    /// the CPU, 1,024 on CUDA (a chunk is one round of the model's batches: short documents
    /// in chunks of 256 would leave a GPU's batches small).
    #[arg(long)]
    pub chunk_docs: Option<usize>,
    /// Longest accepted record (JSON line or .txt file) in bytes; longer ones become
    /// `too_long` error records.
    #[arg(long, default_value_t = crate::io::MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
    /// Parquet input: the column holding the text.
    #[arg(long, default_value = "text")]
    pub text_column: String,
    /// Parquet input: the column holding the id (strings or integers); without it, the
    /// 1-based row number.
    #[arg(long, default_value = "id")]
    pub id_column: String,
    /// JSON Lines input: the number of its first line, when it is a part of a larger input
    /// (a Spark partition): ids of records without one and error lines count from it.
    #[arg(long, default_value_t = 1)]
    pub first_line: u64,
    /// JSON Lines input: more lines follow elsewhere (a partition that is not the last), so
    /// blank lines at its end are `blank_line` records instead of the end of the input.
    #[arg(long)]
    pub continued: bool,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Gold file: WikiNEuRal-style CoNLL or HIPE-2020 TSV.
    #[arg(long)]
    pub gold: PathBuf,
    /// conll, hipe or jsonl (default: hipe for .tsv, jsonl for .jsonl, conll otherwise).
    /// jsonl: `{"id", "text", "entities": [{"start", "end", "label", "wikidata"?}]}` with
    /// character offsets (docs/formats.md).
    #[arg(long)]
    pub format: Option<String>,
    /// Entity types scored in the headline figures.
    #[arg(long, default_value_t = crate::labels::default_scored())]
    pub types: String,
    /// Score only the first N sentences.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also write the JSON report to this file (with the tables on stdout).
    #[arg(long)]
    pub save_json: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Corpus: anything `tag` reads, or a CoNLL / HIPE gold file (its sentences).
    #[arg(long)]
    pub input: String,
    /// Measured passes; figures are medians.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Use only the first N documents.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

impl Format {
    fn from_str_arg(s: &str) -> Result<Format, String> {
        s.parse::<Format>().map_err(|e| e.to_string())
    }
}

pub fn run(cli: Cli) -> Result<i32> {
    let quiet = matches!(&cli.command, Command::Tag(a) if a.quiet);
    init_tracing(quiet);
    match cli.command {
        Command::Tag(a) => tag(a),
        Command::Eval(a) => eval_cmd(a),
        Command::Bench(a) => bench(a),
        Command::Kb {
            command: KbCommand::Check { file, extend },
        } => {
            let report = match (file, extend) {
                (None, false) => crate::link::check_builtin_kb()?,
                (None, true) => {
                    bail!("kb check --extend needs a FILE to check against the built-in table")
                }
                (Some(file), false) => crate::link::check_kb(&file)?,
                (Some(file), true) => crate::link::check_kb_extension(&file)?,
            };
            // A closed pipe (`frner kb check | head`) is not an error.
            match writeln!(std::io::stdout(), "{report}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(e).context("cannot write the report")?
                }
                _ => {}
            }
            Ok(0)
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone (`frner tag … | head`):
/// the io::Error is kept as a source through every `context`.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Log to stderr: colours only on a terminal; `--quiet` silences it unless `FRNER_LOG` asks
/// for a level explicitly (fatal errors are still printed by `main`).
fn init_tracing(quiet: bool) {
    use std::io::IsTerminal;
    let default = if quiet { "off" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("FRNER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

/// `--dtype`, or the model's own default (config.json `frner_dtype`), or fp32.
fn dtype_spec(m: &ModelArgs, dir: &Path) -> Result<String> {
    if let Some(d) = &m.dtype {
        return Ok(d.clone());
    }
    let config = crate::model::Config::from_file(&dir.join("config.json"))?;
    Ok(config.frner_dtype.unwrap_or_else(|| "fp32".to_string()))
}

fn build_pipeline(m: &ModelArgs, labels: Option<Vec<String>>, link: bool) -> Result<Pipeline> {
    if m.kb_extend && m.kb.is_none() {
        bail!("--kb-extend needs --kb FILE (the rows to add to the built-in table)");
    }
    if let Some(n) = m.threads {
        if n < 1 {
            bail!("--threads must be at least 1");
        }
    }
    let (batch_workers, intra_op) = m.batch_plan()?;
    tch::set_num_threads(intra_op);
    if let Some(t) = m.temperature {
        if !(t.is_finite() && t > 0.0) {
            bail!("--temperature must be a positive number, got {t}");
        }
    }
    let device = parse_device(&m.device)?;
    let dir = crate::resolve_model(m.model.as_deref());
    if !dir.join("config.json").exists() {
        bail!(
            "no model at {} (run `make model` to build the named models, or pass --model DIR)",
            dir.display()
        );
    }
    let dtype = dtype_spec(m, &dir)?;
    let force_int8 = std::env::var_os("FRNER_FORCE_INT8").is_some_and(|v| v == "1");
    let precision: Precision =
        crate::cpu::choose_precision(&dtype, device, crate::cpu::int8_is_faster(), force_int8)?;
    let aggregation: Aggregation = m.aggregation.parse()?;
    let options = Options {
        max_batch_tokens: m.max_batch_tokens(batch_workers),
        max_seq_len: m.max_seq_len,
        window_overlap: m.window_overlap,
        aggregation,
        labels,
        quantities: !m.no_quantities,
        sentence_windows: !m.fixed_windows,
        temperature: m.temperature,
        min_score: 0.0,
        overlap: m.overlap(false),
        batch_workers,
        ..Options::default()
    };
    let pipeline = Pipeline::load(&dir, device, precision, options)?;
    let linker = if link && !m.no_link {
        Some(Linker::new(load_kb(m)?))
    } else {
        None
    };
    tracing::info!(model = %dir.display(), labels = ?pipeline.model.labels, "model loaded");
    Ok(pipeline.with_linker(linker))
}

fn load_kb(m: &ModelArgs) -> Result<KnowledgeBase> {
    if m.kb_extend && m.kb.is_none() {
        bail!("--kb-extend needs --kb FILE (the rows to add to the built-in table)");
    }
    match &m.kb {
        None => KnowledgeBase::builtin(),
        Some(path) if m.kb_extend => {
            let mut kb = KnowledgeBase::builtin()?;
            kb.extend(KnowledgeBase::from_path(path)?)?;
            Ok(kb)
        }
        Some(path) => KnowledgeBase::from_path(path),
    }
}

/// `--labels`: `all`, or a comma-separated list of the model's entity types and `QUANTITY`,
/// matched without regard to case. Anything else is an error naming the known labels.
fn parse_labels(spec: &str, known: &[String]) -> Result<Option<Vec<String>>> {
    if spec.trim().eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    let mut labels = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(label) = known.iter().find(|k| k.eq_ignore_ascii_case(part)) else {
            bail!(
                "--labels: unknown label {part:?}; this model knows {} (or \"all\")",
                known.join(", ")
            );
        };
        if !labels.contains(label) {
            labels.push(label.clone());
        }
    }
    if labels.is_empty() {
        bail!(
            "--labels is empty; give some of {} or \"all\"",
            known.join(", ")
        );
    }
    Ok(Some(labels))
}

/// Options checked before anything is loaded or written.
fn check_tag_options(a: &TagArgs) -> Result<()> {
    if a.chunk_docs == Some(0) {
        bail!("--chunk-docs must be at least 1");
    }
    if a.max_record_bytes == 0 {
        bail!("--max-record-bytes must be at least 1");
    }
    if a.first_line == 0 {
        bail!("--first-line counts from 1");
    }
    if a.resume && (a.first_line != 1 || a.continued) {
        bail!("--first-line and --continued are for a part of a stream, not with --resume");
    }
    if a.resume && a.format == Format::Parquet {
        bail!("--resume is not possible with --format parquet (a Parquet file without its footer cannot be read)");
    }
    crate::pipeline::check_window_options(
        a.model.max_batch_tokens(a.model.batch_plan()?.0),
        a.model.max_seq_len,
        a.model.window_overlap,
    )
}

/// What makes the records of a `tag` run: the input's identity and the options that shape
/// records. Stored beside a partial output; `--resume` refuses to continue another job.
fn job_of(a: &TagArgs, labels: &Option<Vec<String>>, model_dir: &Path) -> serde_json::Value {
    json!({
        "input": input_identity(&a.input),
        "options": {
            "format": a.format.name(),
            "labels": labels,
            "model": model_dir.display().to_string(),
            "dtype": a.model.dtype,
            "aggregation": a.model.aggregation,
            "max_seq_len": a.model.max_seq_len,
            "window_overlap": a.model.window_overlap,
            "kb": a.model.kb.as_ref().map(|p| p.display().to_string()),
            "kb_extend": a.model.kb_extend,
            "no_link": a.model.no_link,
            "no_quantities": a.model.no_quantities,
            "max_record_bytes": a.max_record_bytes,
            "text_column": a.text_column,
            "id_column": a.id_column,
        },
    })
}

/// Path, size, modification time and a hash of the first MiB of the input (files only).
fn input_identity(spec: &str) -> serde_json::Value {
    use std::io::Read;
    if spec == "-" {
        return json!({ "path": "-" });
    }
    let path = std::fs::canonicalize(spec)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| spec.to_string());
    let Ok(meta) = std::fs::metadata(spec) else {
        return json!({ "path": path });
    };
    if !meta.is_file() {
        return json!({ "path": path });
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    let mut head = Vec::new();
    let head_hash = std::fs::File::open(spec)
        .and_then(|f| f.take(1 << 20).read_to_end(&mut head))
        .ok()
        .map(|_| format!("{:016x}", crate::output::target::fnv1a(&head)));
    json!({ "path": path, "size": meta.len(), "mtime": mtime, "head": head_hash })
}

/// `--resume`: the output must come from the same job (when it recorded one) and its kept
/// records must carry the input's first ids, in order. Consumes those input records.
fn check_resume(
    existing: &Existing,
    job: &serde_json::Value,
    input: &mut crate::io::Input,
) -> Result<()> {
    let shown = existing.path.display();
    if let Some(old) = &existing.job {
        let mut differing = Vec::new();
        if let (Some(old), Some(new)) = (old["options"].as_object(), job["options"].as_object()) {
            for (key, value) in new {
                if old.get(key) != Some(value) {
                    differing.push(format!(
                        "{key} was {}, now {value}",
                        old.get(key).unwrap_or(&serde_json::Value::Null)
                    ));
                }
            }
        }
        if !differing.is_empty() {
            bail!(
                "--resume: {shown} was written with other options ({}); rerun with the same \
                 options, or without --resume to start over",
                differing.join("; ")
            );
        }
        let (old_in, new_in) = (&old["input"], &job["input"]);
        if old_in["head"].is_string()
            && new_in["head"].is_string()
            && old_in["head"] != new_in["head"]
        {
            bail!(
                "--resume: {shown} was written from another input (the first MiB of {} \
                 differs); run without --resume to start over",
                new_in["path"]
            );
        }
        if old_in["path"] != new_in["path"] {
            tracing::warn!(
                "--resume: {shown} was started from {}, the input is now {}",
                old_in["path"],
                new_in["path"]
            );
        }
    }
    for (i, expected) in existing.ids.iter().enumerate() {
        let Some(id) = input.next_record_id()? else {
            bail!(
                "--resume: {shown} holds {} records but the input only {i}: it was written \
                 from another input",
                existing.ids.len()
            );
        };
        if crate::output::id_hash(&id) != *expected {
            bail!(
                "--resume: record {} of {shown} does not have the input's id {id:?} at that \
                 position: it was written from another input; run without --resume to start over",
                i + 1
            );
        }
    }
    Ok(())
}

/// How long a partial chunk waits for more input before it is tagged anyway: a slow producer
/// (one record a second on a pipe) sees each record's output within about this long.
pub const IDLE_FLUSH: Duration = Duration::from_millis(200);

/// Cap on a chunk's text, so that a run of huge documents stays bounded in memory.
const CHUNK_TEXT_BYTES: usize = 16 << 20;

/// Fills `batch` with up to `chunk` documents (and about `max_bytes` of text) from
/// `rx`: waits as long as needed for the first, then at most `idle` for each next one, so a
/// stalled input ends the chunk early. Returns `false` once the input has ended.
pub fn gather_chunk(
    rx: &Receiver<Document>,
    batch: &mut Vec<Document>,
    chunk: usize,
    max_bytes: usize,
    idle: Duration,
) -> bool {
    let mut bytes = 0usize;
    while batch.len() < chunk && bytes < max_bytes {
        let next = if batch.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(idle)
        };
        match next {
            Ok(doc) => {
                bytes += doc.text.len();
                batch.push(doc);
            }
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
    true
}

fn tag(a: TagArgs) -> Result<i32> {
    let started = Instant::now();
    if !(0.0..=1.0).contains(&a.min_score) {
        bail!("--min-score must be between 0 and 1, got {}", a.min_score);
    }
    check_tag_options(&a)?;
    crate::io::set_max_record_bytes(a.max_record_bytes);
    // Before anything is loaded or written: the output must not be (or feed) the input.
    let target = crate::output::target::resolve(&a.output)?;
    crate::output::target::check_not_input(&a.input, &target)?;
    let mut pipeline = build_pipeline(&a.model, None, true)?;
    let labels = parse_labels(&a.labels, &pipeline.entity_labels())?;
    pipeline.options.labels = labels.clone();
    pipeline.options.min_score = a.min_score;
    let columns = crate::parquet_input::Columns {
        text: a.text_column.clone(),
        id: a.id_column.clone(),
    };
    let mut input = crate::io::open_input_with(&a.input, &columns)?;
    if a.first_line != 1 || a.continued {
        input.set_numbering(a.first_line, a.continued)?;
    }
    let job = job_of(&a, &labels, &pipeline.model.dir);
    let opts = SinkOptions {
        format: a.format,
        resume: a.resume,
        job: Some(job.clone()),
        pass_through: match input.parquet_fields() {
            Some(fields) => crate::output::parquet::PassThrough::Columns(fields),
            None => crate::output::parquet::PassThrough::Json,
        },
    };
    let (mut sink, done) = open_sink_checked(&a.output, &opts, &mut |existing| {
        check_resume(existing, &job, &mut input)
    })?;
    let mut summary = Summary {
        resumed_from: done,
        ..Default::default()
    };
    let input_progress = input.progress();
    let progress = Progress::new(input_progress.total_bytes, a.quiet);
    // A reader thread keeps the next chunk coming while the model runs; the bounded channel
    // keeps memory to a few chunks whatever the corpus size.
    let chunk = a.model.chunk_docs(a.chunk_docs, CPU_CHUNK_DOCS).max(1);
    let overlap = a.model.overlap(a.input == "-");
    let chunk_bytes = a.model.chunk_bytes(overlap, pipeline.options.round_bytes);
    let (tx, rx) = sync_channel::<Document>(chunk * 2);
    let reader = std::thread::spawn(move || {
        for doc in input {
            if tx.send(doc).is_err() {
                break;
            }
        }
    });
    if a.input == "-" {
        // The first forward pass is slow (kernel selection, allocations): take it while the
        // producer of a pipe is still writing, not on its first record.
        let mut warm = [Document {
            text: "Emmanuel Macron est à Paris.".into(),
            ..Default::default()
        }];
        pipeline.tag(&mut warm).context("warming up the model")?;
    }
    // Chunks as the input gives them: a stalled pipe ends a chunk early (see gather_chunk).
    let mut more = true;
    let chunks = std::iter::from_fn(move || {
        if !more {
            return None;
        }
        let mut batch: Vec<Document> = Vec::with_capacity(chunk);
        more = gather_chunk(&rx, &mut batch, chunk, chunk_bytes, IDLE_FLUSH);
        (!batch.is_empty()).then_some(batch)
    });
    pipeline.options.overlap = overlap;
    let timings = pipeline.tag_chunks(chunks, |docs| {
        for doc in &docs {
            sink.write(doc).context("writing output")?;
            summary.record(doc, 0);
        }
        // A consumer reading a pipe sees each chunk as soon as it is tagged.
        sink.flush().context("writing output")?;
        progress.update(summary.documents, input_progress.bytes_read());
        Ok(())
    })?;
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("input reader thread panicked"))?;
    if let Some(failure) = input_progress.failure() {
        // Records after the failure are lost: keep what was written as a resumable partial
        // output and say where reading stopped.
        drop(sink);
        bail!(
            "{failure}; the {} records before it are in the partial output, nothing after it \
             was read",
            summary.documents
        );
    }
    sink.finish()?;
    progress.finish();
    summary.tokens = timings.tokens;
    summary.finish(started);
    if !a.quiet {
        eprintln!("{summary}");
        let split: Vec<String> = Stage::ALL
            .iter()
            .map(|&s| format!("{} {:.2} s", s.name(), timings.of(s).as_secs_f64()))
            .collect();
        eprintln!("time: {}", split.join(", "));
    }
    Ok(summary.exit_code())
}

/// Gold data: token-level (CoNLL, HIPE) or character spans (frner's JSONL).
enum Gold {
    Tokens(Vec<GoldSentence>),
    Spans(Vec<GoldDocument>),
}

impl Gold {
    fn len(&self) -> usize {
        match self {
            Gold::Tokens(g) => g.len(),
            Gold::Spans(g) => g.len(),
        }
    }

    fn truncate(&mut self, n: usize) {
        match self {
            Gold::Tokens(g) => g.truncate(n),
            Gold::Spans(g) => g.truncate(n),
        }
    }

    fn documents(&self) -> Vec<Document> {
        match self {
            Gold::Tokens(g) => gold_documents(g),
            Gold::Spans(g) => g
                .iter()
                .map(|d| Document {
                    id: d.id.clone(),
                    text: d.text.clone(),
                    ..Default::default()
                })
                .collect(),
        }
    }
}

fn read_gold(path: &Path, format: Option<&str>) -> Result<Gold> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let format = format.unwrap_or(match ext {
        "tsv" => "hipe",
        "jsonl" | "json" => "jsonl",
        _ => "conll",
    });
    Ok(match format {
        "hipe" => Gold::Tokens(read_hipe(path)?),
        "conll" => Gold::Tokens(read_conll(path)?),
        "jsonl" => Gold::Spans(read_jsonl(path)?),
        other => bail!("unknown gold format {other:?} (conll, hipe, jsonl)"),
    })
}

fn gold_documents(gold: &[GoldSentence]) -> Vec<Document> {
    gold.iter()
        .enumerate()
        .map(|(i, s)| Document {
            id: json!(i),
            text: s.text(),
            ..Default::default()
        })
        .collect()
}

/// Scores of one evaluation run, whatever the gold format.
struct EvalScores {
    strict: eval::Scores,
    fuzzy: eval::Scores,
    strict_all: eval::Scores,
    calibration: eval::Calibration,
}

/// Token gold: predictions are projected onto the gold tokens, then scored as `seqeval`
/// scores tag sequences. An entity's score is calibrated against whether its projected chunk
/// is a gold chunk.
fn score_tokens(gold: &[GoldSentence], docs: &[Document], types: &[String]) -> EvalScores {
    let gold_tags: Vec<Vec<String>> = gold.iter().map(|s| s.tags.clone()).collect();
    let pred_tags: Vec<Vec<String>> = gold
        .iter()
        .zip(docs)
        .map(|(s, d)| eval::tags_from_entities(&s.token_char_spans(), &d.entities))
        .collect();
    let g = eval::keep_types(&gold_tags, types);
    let p = eval::keep_types(&pred_tags, types);
    let mut scored = vec![];
    for (s, d) in gold.iter().zip(docs) {
        let spans = s.token_char_spans();
        let gold_chunks = s.entity_spans();
        for e in d.entities.iter().filter(|e| types.contains(&e.label)) {
            let covered: Vec<usize> = (0..spans.len())
                .filter(|&i| spans[i].0 < e.end && e.start < spans[i].1)
                .collect();
            let correct = match (covered.first(), covered.last()) {
                (Some(&a), Some(&b)) => gold_chunks
                    .iter()
                    .any(|(ga, gb, t)| *ga == a && *gb == b + 1 && *t == e.label),
                _ => false,
            };
            scored.push((e.score, correct));
        }
    }
    EvalScores {
        strict: eval::strict(&g, &p),
        fuzzy: eval::fuzzy(&g, &p),
        strict_all: eval::strict(&gold_tags, &pred_tags),
        calibration: eval::calibration(&scored, 10),
    }
}

fn entity_spans(entities: &[crate::Entity]) -> Vec<eval::Span> {
    entities
        .iter()
        .map(|e| (e.label.clone(), e.start, e.end))
        .collect()
}

/// Span gold: exact and overlapping character spans, no token projection.
fn score_spans(gold: &[GoldDocument], docs: &[Document], types: &[String]) -> EvalScores {
    let gold_spans: Vec<Vec<eval::Span>> = gold
        .iter()
        .map(|d| {
            d.entities
                .iter()
                .map(|e| (e.label.clone(), e.start, e.end))
                .collect()
        })
        .collect();
    let pred_spans: Vec<Vec<eval::Span>> = docs.iter().map(|d| entity_spans(&d.entities)).collect();
    let (strict, fuzzy) = eval::span_scores(&gold_spans, &pred_spans, types);
    let mut all_types: Vec<String> = gold_spans
        .iter()
        .chain(&pred_spans)
        .flatten()
        .map(|s| s.0.clone())
        .collect();
    all_types.sort();
    all_types.dedup();
    let (strict_all, _) = eval::span_scores(&gold_spans, &pred_spans, &all_types);
    let mut scored = vec![];
    for (g, d) in gold_spans.iter().zip(docs) {
        for e in d.entities.iter().filter(|e| types.contains(&e.label)) {
            let correct = g.contains(&(e.label.clone(), e.start, e.end));
            scored.push((e.score, correct));
        }
    }
    EvalScores {
        strict,
        fuzzy,
        strict_all,
        calibration: eval::calibration(&scored, 10),
    }
}

fn eval_cmd(a: EvalArgs) -> Result<i32> {
    let mut gold = read_gold(&a.gold, a.format.as_deref())?;
    if let Some(n) = a.limit {
        gold.truncate(n);
    }
    if gold.len() == 0 {
        bail!("{}: no sentences", a.gold.display());
    }
    let mut m = a.model.clone();
    // Quantities are scored only where the gold annotates them (span gold).
    m.no_quantities = match &gold {
        Gold::Tokens(_) => true,
        Gold::Spans(g) => !g
            .iter()
            .flat_map(|d| &d.entities)
            .any(|e| e.label == "QUANTITY"),
    } || a.model.no_quantities;
    // Linking runs as in `tag` (unless --no-link): it retypes names the model typed unsure
    // and the table knows under one other type, so the scores are those of `tag`'s output.
    let pipeline = build_pipeline(&m, None, true)?;
    let mut docs = gold.documents();
    let started = Instant::now();
    let mut timings = Timings::default();
    for chunk in docs.chunks_mut(512) {
        timings.add(&pipeline.tag(chunk)?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let types: Vec<String> = a.types.split(',').map(|s| s.trim().to_string()).collect();
    let scores = match &gold {
        Gold::Tokens(g) => score_tokens(g, &docs, &types),
        Gold::Spans(g) => score_spans(g, &docs, &types),
    };
    let linking = match &gold {
        Gold::Tokens(g)
            if !a.model.no_link && g.iter().any(|s| s.qids.iter().any(|q| q.is_some())) =>
        {
            let linker = Linker::new(load_kb(&a.model)?);
            Some(crate::link::eval_hipe_linking(&a.gold, &linker)?)
        }
        Gold::Spans(g)
            if !a.model.no_link
                && g.iter()
                    .flat_map(|d| &d.entities)
                    .any(|e| e.wikidata.is_some()) =>
        {
            let linker = Linker::new(load_kb(&a.model)?);
            Some(crate::link::eval_span_linking(g, &linker))
        }
        _ => None,
    };
    let EvalScores {
        strict,
        fuzzy,
        strict_all,
        calibration,
    } = scores;
    let report = json!({
            "gold": a.gold.display().to_string(),
            "model": pipeline.model.dir.display().to_string(),
            "sentences": gold.len(),
            "types": types,
            "strict": strict,
            "fuzzy": fuzzy,
            "strict_all_types": strict_all,
            "calibration": calibration,
            "linking": linking.as_ref().map(|l| serde_json::to_value(l).unwrap_or_default()),
            "seconds": elapsed,
            "tokens": timings.tokens,
    });
    if let Some(path) = &a.save_json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{} {} from {} ({:.1} s)",
            gold.len(),
            if matches!(gold, Gold::Spans(_)) {
                "documents"
            } else {
                "sentences"
            },
            a.gold.display(),
            elapsed
        );
        println!("\nstrict, {}:\n{strict}", types.join("/"));
        println!("\nfuzzy (overlap), {}:\n{fuzzy}", types.join("/"));
        println!("\nstrict, all types:\n{strict_all}");
        println!(
            "\ncalibration of {} entity scores:\n{calibration}",
            types.join("/")
        );
        if let Some(l) = &linking {
            println!("\nlinking (gold mentions):\n{l}");
        }
    }
    Ok(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// `docs` cut as `tag` would cut a stream of them: up to `max_docs` documents and about
/// `max_bytes` of text a chunk.
fn chunk_corpus(docs: &[Document], max_docs: usize, max_bytes: usize) -> Vec<Vec<Document>> {
    let mut chunks: Vec<Vec<Document>> = vec![];
    let mut bytes = 0usize;
    for doc in docs {
        match chunks.last_mut() {
            Some(last) if last.len() < max_docs.max(1) && bytes < max_bytes => {
                bytes += doc.text.len();
                last.push(doc.clone());
            }
            _ => {
                bytes = doc.text.len();
                chunks.push(vec![doc.clone()]);
            }
        }
    }
    chunks
}

fn bench(a: BenchArgs) -> Result<i32> {
    let path = Path::new(&a.input);
    let is_gold = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e == "conllu" || e == "conll" || e == "tsv");
    let mut docs: Vec<Document> = if is_gold {
        read_gold(path, None)?.documents()
    } else {
        open_input(&a.input)?.collect()
    };
    if let Some(n) = a.limit {
        docs.truncate(n);
    }
    docs.retain(|d| d.error.is_none());
    if docs.is_empty() {
        bail!("{}: no documents to benchmark", a.input);
    }
    let loading = Instant::now();
    let pipeline = build_pipeline(&a.model, None, true)?;
    // Reading the weights (mapped: cold or warm page cache), int8 quantization, the table.
    let load_s = loading.elapsed().as_secs_f64();
    let chunk_docs = a.model.chunk_docs(None, BENCH_CPU_CHUNK_DOCS);
    let chunk_bytes = a
        .model
        .chunk_bytes(pipeline.options.overlap, pipeline.options.round_bytes);
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let chars: usize = docs.iter().map(|d| d.text.len()).sum();
    let run_once = |docs: &[Document]| -> Result<(f64, Timings)> {
        let work = chunk_corpus(docs, chunk_docs, chunk_bytes);
        let mut tagged: Vec<Vec<Document>> = Vec::with_capacity(work.len());
        let started = Instant::now();
        let t = pipeline.tag_chunks(work.into_iter(), |docs| {
            tagged.push(docs);
            Ok(())
        })?;
        let secs = started.elapsed().as_secs_f64();
        drop(tagged);
        Ok((secs, t))
    };
    let warming = Instant::now();
    run_once(&docs)?; // warm-up: allocator, libtorch kernels, page cache
    let warmup_s = warming.elapsed().as_secs_f64();
    let mut secs = vec![];
    let mut last = Timings::default();
    for _ in 0..a.repeat.max(1) {
        let (s, t) = run_once(&docs)?;
        secs.push(s);
        last = t;
    }
    let s = median(secs.clone());
    let n = docs.len() as f64;
    let tokens = last.tokens as f64;
    let out = json!({
        "model": pipeline.model.dir.display().to_string(),
        "device": a.model.device,
        // The precision that ran (a model's default or `int8` on a CPU without its kernels
        // may differ from what was asked).
        "dtype": pipeline.model.precision.name(),
        "dtype_requested": a.model.dtype,
        "threads": tch::get_num_threads() * pipeline.options.batch_workers as i32,
        "batch_workers": pipeline.options.batch_workers,
        "max_batch_tokens": pipeline.options.max_batch_tokens,
        "chunk_docs": chunk_docs,
        "chunk_bytes": chunk_bytes,
        // Threads of the CPU stages (rayon) and libtorch's intra-op threads per batch worker.
        "cpu_stage_threads": rayon::current_num_threads(),
        "intra_op_threads": tch::get_num_threads(),
        "docs": docs.len(),
        "words": words,
        "tokens": last.tokens,
        "bytes": chars,
        "repeat": secs.len(),
        "seconds_median": s,
        "seconds_all": secs,
        "docs_per_s": n / s,
        "words_per_s": words as f64 / s,
        "tokens_per_s": tokens / s,
        "padding_ratio": last.padded_tokens as f64 / tokens.max(1.0),
        "batches": last.batches,
        "peak_rss_mb": crate::peak_rss_mb(),
        "load_s": load_s,
        "warmup_s": warmup_s,
        "overlap": pipeline.options.overlap,
        // The model's thread waiting for the CPU stages of neighbouring chunks (overlap on).
        "model_wait_s": last.model_wait.as_secs_f64(),
        // Seconds by stage (normalize, tokenize, infer, decode, quantities, link).
        "time_split_s": Stage::ALL
            .iter()
            .map(|&s| (s.name().to_string(), json!(last.of(s).as_secs_f64())))
            .collect::<serde_json::Map<String, serde_json::Value>>(),
    });
    if a.json {
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Input;

    fn known() -> Vec<String> {
        ["PER", "ORG", "LOC", "MISC", "QUANTITY"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// The model options of `frner bench --input x ARGS`.
    fn bench_model(args: &[&str]) -> ModelArgs {
        let cli =
            Cli::try_parse_from([&["frner", "bench", "--input", "x"], args].concat()).unwrap();
        match cli.command {
            Command::Bench(b) => b.model,
            _ => unreachable!(),
        }
    }

    #[test]
    fn batch_workers_share_the_threads() {
        let plan = |args: &[&str]| bench_model(args).batch_plan();
        assert_eq!(
            plan(&["--threads", "4"]).unwrap(),
            (4, 1),
            "auto: one per thread"
        );
        assert_eq!(
            plan(&["--threads", "4", "--batch-workers", "2"]).unwrap(),
            (2, 2)
        );
        assert_eq!(
            plan(&["--threads", "5", "--batch-workers", "2"]).unwrap(),
            (2, 2)
        );
        assert_eq!(
            plan(&["--threads", "2", "--batch-workers", "8"]).unwrap(),
            (2, 1)
        );
        assert_eq!(
            plan(&["--threads", "4", "--device", "cuda"]).unwrap(),
            (1, 4)
        );
        for bad in ["0", "-1", "two", ""] {
            let arg = format!("--batch-workers={bad}");
            let err = plan(&["--threads", "2", &arg]).unwrap_err();
            assert!(err.to_string().contains("--batch-workers"), "{err}");
        }
    }

    #[test]
    fn the_default_token_budget_depends_on_the_device() {
        let budget = |args: &[&str]| {
            let model = bench_model(args);
            let (workers, _) = model.batch_plan().unwrap();
            model.max_batch_tokens(workers)
        };
        assert_eq!(
            budget(&["--threads", "1"]),
            CPU_MAX_BATCH_TOKENS,
            "one thread, one worker"
        );
        assert_eq!(
            budget(&["--threads", "2", "--batch-workers", "1"]),
            CPU_MAX_BATCH_TOKENS
        );
        assert_eq!(
            budget(&["--device", "cpu", "--threads", "2"]),
            CPU_WORKER_BATCH_TOKENS
        );
        assert_eq!(budget(&["--device", "cuda"]), CUDA_MAX_BATCH_TOKENS);
        assert_eq!(budget(&["--device", "cuda:1"]), CUDA_MAX_BATCH_TOKENS);
        assert_eq!(
            budget(&["--device", "cuda", "--max-batch-tokens", "512"]),
            512
        );
        assert_eq!(budget(&["--max-batch-tokens", "4096"]), 4096);
    }

    #[test]
    fn a_chunk_ends_when_the_input_stalls_or_ends() {
        let (tx, rx) = sync_channel::<Document>(8);
        for _ in 0..2 {
            tx.send(Document::default()).unwrap();
        }
        let mut batch = vec![];
        let started = Instant::now();
        // Two records then silence: the chunk of 4 is cut after the idle time.
        assert!(gather_chunk(
            &rx,
            &mut batch,
            4,
            CHUNK_TEXT_BYTES,
            Duration::from_millis(50)
        ));
        assert_eq!(batch.len(), 2);
        assert!(started.elapsed() >= Duration::from_millis(50));
        batch.clear();
        for _ in 0..5 {
            tx.send(Document::default()).unwrap();
        }
        assert!(gather_chunk(
            &rx,
            &mut batch,
            4,
            CHUNK_TEXT_BYTES,
            Duration::from_secs(60)
        ));
        assert_eq!(batch.len(), 4, "a full chunk does not wait");
        batch.clear();
        drop(tx);
        assert!(!gather_chunk(
            &rx,
            &mut batch,
            4,
            CHUNK_TEXT_BYTES,
            Duration::from_secs(60)
        ));
        assert_eq!(batch.len(), 1, "the last record before the end");
    }

    #[test]
    fn overlapped_chunks_of_short_documents_stay_within_one_round() {
        let round = 1000;
        let m = bench_model(&["--device", "cuda"]);
        let max_bytes = m.chunk_bytes(true, round);
        let (tx, rx) = sync_channel::<Document>(64);
        for len in [300, 499, 1, 450, 200, 499, 499] {
            tx.send(Document {
                text: "x".repeat(len),
                ..Default::default()
            })
            .unwrap();
        }
        drop(tx);
        let mut sizes = vec![];
        loop {
            let mut batch = vec![];
            let more = gather_chunk(&rx, &mut batch, 1024, max_bytes, Duration::from_secs(1));
            if !batch.is_empty() {
                sizes.push(batch.iter().map(|d| d.text.len()).sum::<usize>());
            }
            if !more {
                break;
            }
        }
        assert_eq!(
            sizes.iter().sum::<usize>(),
            2448,
            "every document in a chunk"
        );
        assert!(
            sizes.len() > 1 && sizes.iter().all(|&b| b <= round),
            "{sizes:?}"
        );
        assert_eq!(m.chunk_bytes(false, round), CHUNK_TEXT_BYTES);
        let docs: Vec<Document> = [499usize, 499, 499]
            .iter()
            .map(|&n| Document {
                text: "y".repeat(n),
                ..Default::default()
            })
            .collect();
        let chunks = chunk_corpus(&docs, 1024, max_bytes);
        assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
    }

    #[test]
    fn labels_are_matched_without_case_and_unknown_ones_are_errors() {
        assert_eq!(
            parse_labels("per, Quantity", &known()).unwrap(),
            Some(vec!["PER".to_string(), "QUANTITY".to_string()])
        );
        assert_eq!(parse_labels("all", &known()).unwrap(), None);
        let err = parse_labels("PER,FOO", &known()).unwrap_err().to_string();
        assert!(
            err.contains("\"FOO\"") && err.contains("PER, ORG, LOC, MISC, QUANTITY"),
            "{err}"
        );
        assert!(parse_labels("", &known()).is_err());
        assert!(parse_labels(" , ", &known()).is_err());
    }

    fn existing(ids: &[&str], job: Option<serde_json::Value>) -> Existing {
        Existing {
            path: "out.jsonl".into(),
            ids: ids.iter().map(|id| crate::output::id_hash(id)).collect(),
            job,
        }
    }

    fn input(text: &str) -> Input {
        Input::from_jsonl_reader(std::io::Cursor::new(text.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn resume_checks_the_kept_ids_against_the_input() {
        let job = json!({"input": {"path": "-"}, "options": {"labels": null}});
        let text =
            "{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"y\"}\n{\"id\":\"c\",\"text\":\"z\"}\n";
        // Same ids, in order (the second record's id is its line number): accepted, and the
        // input is left at the first record to tag.
        let mut same = input(text);
        check_resume(&existing(&["a", "2"], Some(job.clone())), &job, &mut same).unwrap();
        assert_eq!(same.next().map(|d| d.id), Some(json!("c")));
        // Another input: refused, naming the record.
        let mut other = input(text);
        let err = check_resume(&existing(&["a", "b"], None), &job, &mut other).unwrap_err();
        assert!(err.to_string().contains("record 2"), "{err}");
        // More kept records than the input holds.
        let mut short = input(text);
        let err =
            check_resume(&existing(&["a", "2", "c", "d"], None), &job, &mut short).unwrap_err();
        assert!(err.to_string().contains("holds 4 records"), "{err}");
    }

    #[test]
    fn resume_refuses_other_options_and_a_changed_input() {
        let job = |labels: serde_json::Value, head: &str| json!({"input": {"path": "/c.jsonl", "head": head}, "options": {"labels": labels}});
        let now = job(json!(["PER"]), "01");
        let err = check_resume(
            &existing(&[], Some(job(json!(["PER", "LOC"]), "01"))),
            &now,
            &mut input(""),
        )
        .unwrap_err();
        assert!(err.to_string().contains("labels was"), "{err}");
        let err = check_resume(
            &existing(&[], Some(job(json!(["PER"]), "02"))),
            &now,
            &mut input(""),
        )
        .unwrap_err();
        assert!(err.to_string().contains("another input"), "{err}");
        check_resume(&existing(&[], Some(now.clone())), &now, &mut input("")).unwrap();
    }
}
