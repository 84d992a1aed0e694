//! The `frner` command line: `tag`, `eval`, `bench`, `kb check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use serde_json::json;

use crate::decode::Aggregation;
use crate::document::Document;
use crate::eval;
use crate::gold::{read_conll, read_hipe, GoldSentence};
use crate::io::open_input;
use crate::link::{KnowledgeBase, Linker};
use crate::model::Precision;
use crate::output::{open_sink, Format, SinkOptions};
use crate::pipeline::{parse_device, Options, Pipeline, Timings};
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
    /// Hugging Face token-classification checkpoint directory (config.json, model.safetensors,
    /// tokenizer.json). Default: the model `make` builds (models/e5-small-fr-ner) or $FRNER_MODEL.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// cpu, cuda or cuda:N.
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// fp32; int8 (dynamic quantization of the dense layers) on the CPU; fp16 / bf16 on CUDA.
    #[arg(long, default_value = "fp32")]
    pub dtype: String,
    /// libtorch intra-op threads (default: all cores).
    #[arg(long)]
    pub threads: Option<i32>,
    /// Upper bound on padded tokens per forward pass (small batches keep activations in
    /// cache on the CPU: see the README's sweep).
    #[arg(long, default_value_t = 1024)]
    pub max_batch_tokens: usize,
    /// Longest model input in subwords; longer documents are split into overlapping windows.
    #[arg(long, default_value_t = 256)]
    pub max_seq_len: usize,
    /// Subwords shared by neighbouring windows.
    #[arg(long, default_value_t = 64)]
    pub window_overlap: usize,
    /// Subword aggregation: average (default: a word takes the argmax of its subwords' mean
    /// probabilities, so a word is never split between entities), first, max, or simple
    /// (per-subword labels, as HF's "simple").
    #[arg(long, default_value = "average")]
    pub aggregation: String,
    /// Knowledge base TSV replacing the built-in table (see docs/linking.md).
    #[arg(long)]
    pub kb: Option<PathBuf>,
    /// Add --kb's rows to the built-in table instead of replacing it.
    #[arg(long)]
    pub kb_extend: bool,
    /// Skip entity linking.
    #[arg(long)]
    pub no_link: bool,
    /// Skip the QUANTITY recognizer.
    #[arg(long)]
    pub no_quantities: bool,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    #[arg(long, short, default_value = "-")]
    pub input: String,
    #[arg(long, short, default_value = "-")]
    pub output: String,
    /// jsonl, conll, brat, html.
    #[arg(long, default_value = "jsonl", value_parser = Format::from_str_arg)]
    pub format: Format,
    /// Labels to output, comma-separated, or "all".
    #[arg(long, default_value = "PER,ORG,LOC,QUANTITY")]
    pub labels: String,
    /// Continue an interrupted run: keep the output's complete records, skip as many inputs.
    #[arg(long)]
    pub resume: bool,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Documents per pipeline chunk (bounds memory; output order is kept).
    #[arg(long, default_value_t = 256)]
    pub chunk_docs: usize,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub model: ModelArgs,
    /// Gold file: WikiNEuRal-style CoNLL or HIPE-2020 TSV.
    #[arg(long)]
    pub gold: PathBuf,
    /// conll or hipe (default: hipe for .tsv, conll otherwise).
    #[arg(long)]
    pub format: Option<String>,
    /// Entity types scored in the headline figures.
    #[arg(long, default_value = "PER,ORG,LOC")]
    pub types: String,
    /// Score only the first N sentences.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON instead of tables.
    #[arg(long)]
    pub json: bool,
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
    init_tracing();
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

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FRNER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn build_pipeline(m: &ModelArgs, labels: Option<Vec<String>>, link: bool) -> Result<Pipeline> {
    if let Some(n) = m.threads {
        if n < 1 {
            bail!("--threads must be at least 1");
        }
        tch::set_num_threads(n);
    }
    let device = parse_device(&m.device)?;
    let precision: Precision = m.dtype.parse()?;
    let aggregation: Aggregation = m.aggregation.parse()?;
    let dir = m.model.clone().unwrap_or_else(crate::default_model_dir);
    if !dir.join("config.json").exists() {
        bail!(
            "no model at {} (run `make model` to build the default one, or pass --model DIR)",
            dir.display()
        );
    }
    let options = Options {
        max_batch_tokens: m.max_batch_tokens,
        max_seq_len: m.max_seq_len,
        window_overlap: m.window_overlap,
        aggregation,
        labels,
        quantities: !m.no_quantities,
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

fn parse_labels(s: &str) -> Option<Vec<String>> {
    if s == "all" {
        None
    } else {
        Some(
            s.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        )
    }
}

fn tag(a: TagArgs) -> Result<i32> {
    let started = Instant::now();
    let pipeline = build_pipeline(&a.model, parse_labels(&a.labels), true)?;
    let mut input = open_input(&a.input)?;
    let opts = SinkOptions {
        format: a.format,
        resume: a.resume,
    };
    let (mut sink, done) = open_sink(&a.output, &opts)?;
    let mut summary = Summary::default();
    if done > 0 {
        let skipped = input.skip_records(done)?;
        if skipped < done {
            bail!("--resume: the output holds {done} records but the input only {skipped}");
        }
        summary.resumed_from = done;
    }
    let input_progress = input.progress();
    let progress = Progress::new(input_progress.total_bytes, a.quiet);
    // A reader thread keeps the next chunk coming while the model runs; the bounded channel
    // keeps memory to a few chunks whatever the corpus size.
    let chunk = a.chunk_docs.max(1);
    let (tx, rx) = sync_channel::<Document>(chunk * 2);
    let reader = std::thread::spawn(move || {
        for doc in input {
            if tx.send(doc).is_err() {
                break;
            }
        }
    });
    let mut timings = Timings::default();
    let mut batch: Vec<Document> = Vec::with_capacity(chunk);
    let mut bytes = 0usize;
    let mut rx_iter = rx.into_iter().peekable();
    while rx_iter.peek().is_some() {
        batch.clear();
        bytes = 0;
        // Cap a chunk by text size too, so a run of huge documents stays bounded.
        while batch.len() < chunk && bytes < 16 << 20 {
            match rx_iter.next() {
                Some(doc) => {
                    bytes += doc.text.len();
                    batch.push(doc);
                }
                None => break,
            }
        }
        let t = pipeline.tag(&mut batch)?;
        timings.add(&t);
        for doc in &batch {
            sink.write(doc).context("writing output")?;
            let tokens = 0;
            summary.record(doc, tokens);
        }
        progress.update(summary.documents, input_progress.bytes_read());
    }
    let _ = bytes;
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("input reader thread panicked"))?;
    sink.finish()?;
    progress.finish();
    summary.tokens = timings.tokens;
    summary.finish(started);
    if !a.quiet {
        eprintln!("{summary}");
        eprintln!(
            "time: tokenize {:.2} s, model {:.2} s, decode {:.2} s, quantities {:.2} s, linking {:.2} s",
            timings.tokenize.as_secs_f64(),
            timings.model.as_secs_f64(),
            timings.decode.as_secs_f64(),
            timings.quantity.as_secs_f64(),
            timings.link.as_secs_f64()
        );
    }
    Ok(summary.exit_code())
}

fn read_gold(path: &Path, format: Option<&str>) -> Result<Vec<GoldSentence>> {
    let hipe = match format {
        Some("hipe") => true,
        Some("conll") => false,
        Some(other) => bail!("unknown gold format {other:?} (conll, hipe)"),
        None => path.extension().is_some_and(|e| e == "tsv"),
    };
    if hipe {
        read_hipe(path)
    } else {
        read_conll(path)
    }
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

fn eval_cmd(a: EvalArgs) -> Result<i32> {
    let mut gold = read_gold(&a.gold, a.format.as_deref())?;
    if let Some(n) = a.limit {
        gold.truncate(n);
    }
    if gold.is_empty() {
        bail!("{}: no sentences", a.gold.display());
    }
    let mut m = a.model.clone();
    m.no_quantities = true;
    let pipeline = build_pipeline(&m, None, false)?;
    let mut docs = gold_documents(&gold);
    let started = Instant::now();
    let mut timings = Timings::default();
    for chunk in docs.chunks_mut(512) {
        timings.add(&pipeline.tag(chunk)?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let gold_tags: Vec<Vec<String>> = gold.iter().map(|s| s.tags.clone()).collect();
    let pred_tags: Vec<Vec<String>> = gold
        .iter()
        .zip(&docs)
        .map(|(s, d)| eval::tags_from_entities(&s.token_char_spans(), &d.entities))
        .collect();
    let types: Vec<String> = a.types.split(',').map(|s| s.trim().to_string()).collect();
    let strict_all = eval::strict(&gold_tags, &pred_tags);
    let g = eval::keep_types(&gold_tags, &types);
    let p = eval::keep_types(&pred_tags, &types);
    let strict = eval::strict(&g, &p);
    let fuzzy = eval::fuzzy(&g, &p);
    let is_hipe = gold.iter().any(|s| s.qids.iter().any(|q| q.is_some()));
    let linking = if is_hipe && !a.model.no_link {
        let linker = Linker::new(load_kb(&a.model)?);
        Some(crate::link::eval_hipe_linking(&a.gold, &linker)?)
    } else {
        None
    };
    if a.json {
        let out = json!({
            "gold": a.gold.display().to_string(),
            "model": pipeline.model.dir.display().to_string(),
            "sentences": gold.len(),
            "types": types,
            "strict": strict,
            "fuzzy": fuzzy,
            "strict_all_types": strict_all,
            "linking": linking.as_ref().map(|l| serde_json::to_value(l).unwrap_or_default()),
            "seconds": elapsed,
            "tokens": timings.tokens,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "{} sentences from {} ({:.1} s)",
            gold.len(),
            a.gold.display(),
            elapsed
        );
        println!("\nstrict, {}:\n{strict}", types.join("/"));
        println!("\nfuzzy (overlap), {}:\n{fuzzy}", types.join("/"));
        println!("\nstrict, all types:\n{strict_all}");
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

fn bench(a: BenchArgs) -> Result<i32> {
    let path = Path::new(&a.input);
    let is_gold = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e == "conllu" || e == "conll" || e == "tsv");
    let mut docs: Vec<Document> = if is_gold {
        gold_documents(&read_gold(path, None)?)
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
    let pipeline = build_pipeline(&a.model, None, true)?;
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let chars: usize = docs.iter().map(|d| d.text.len()).sum();
    let run_once = |docs: &[Document]| -> Result<(f64, Timings)> {
        let mut work: Vec<Document> = docs.to_vec();
        let started = Instant::now();
        let mut t = Timings::default();
        for chunk in work.chunks_mut(512) {
            t.add(&pipeline.tag(chunk)?);
        }
        Ok((started.elapsed().as_secs_f64(), t))
    };
    run_once(&docs)?; // warm-up: allocator, libtorch kernels, page cache
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
        "dtype": a.model.dtype,
        "threads": tch::get_num_threads(),
        "max_batch_tokens": a.model.max_batch_tokens,
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
        "time_split_s": {
            "tokenize": last.tokenize.as_secs_f64(),
            "model": last.model.as_secs_f64(),
            "decode": last.decode.as_secs_f64(),
            "quantity": last.quantity.as_secs_f64(),
            "link": last.link.as_secs_f64(),
        },
    });
    if a.json {
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(0)
}
