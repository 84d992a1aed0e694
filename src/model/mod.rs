//! Transformer token classifiers on libtorch (tch): BERT (incl. multilingual-e5), RoBERTa /
//! XLM-RoBERTa / CamemBERT and DistilBERT, loaded from Hugging Face checkpoint directories.
//!
//! - [`config`]: `config.json`, structural fields required;
//! - `layers`: dense layers, layer norms, the encoder layer and attention, shared by all;
//! - `int8`: dynamic int8 dense layers for the CPU;
//! - [`cuda`]: `--device` and loading libtorch's CUDA backend;
//! - one file per architecture (`bert.rs`, `distilbert.rs`), listed in [`ARCHITECTURES`].
//!
//! Everything from loading to `forward` is fallible: tch's `f_` calls return libtorch's
//! errors, and every weight is checked against the shape the config implies.
//! docs/architectures.md says how to add an architecture.

pub mod bert;
pub mod config;
pub mod cuda;
pub mod distilbert;
mod embedding;
mod fbgemm;
mod int8;
mod layers;
mod weights;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tch::{Device, Kind, Tensor};

pub use config::Config;
pub use cuda::parse_device;
pub use weights::Weights;

use config::FieldNames;
use layers::{upload, EncoderLayer, Linear, Packing};

/// Every supported architecture. Adding one is a file beside `bert.rs` and a line here.
const ARCHITECTURES: &[&Architecture] = &[&bert::BERT, &bert::ROBERTA, &distilbert::DISTILBERT];

/// One architecture family: how `config.json` names its fields and how its encoder loads.
pub(crate) struct Architecture {
    /// The `model_type` values of `config.json` it serves.
    pub model_types: &'static [&'static str],
    pub fields: FieldNames,
    /// Where the encoder's tensors may sit in a checkpoint (`bert.` in a
    /// `BertForTokenClassification`, nothing in a bare encoder); probed in order.
    pub prefixes: &'static [&'static str],
    /// Loads the encoder from the tensors under the prefix found.
    pub load: fn(&Weights, &str, &Config) -> Result<Box<dyn Backbone>>,
    /// Largest number of positions (special tokens included) the model accepts.
    pub max_positions: fn(&Config) -> i64,
}

/// The architecture serving `model_type`.
pub(crate) fn architecture(model_type: &str) -> Result<&'static Architecture> {
    match ARCHITECTURES
        .iter()
        .find(|a| a.model_types.contains(&model_type))
    {
        Some(a) => Ok(a),
        None => {
            let known: Vec<&str> = ARCHITECTURES
                .iter()
                .flat_map(|a| a.model_types.iter().copied())
                .collect();
            bail!(
                "model_type {model_type:?} is not supported (supported: {})",
                known.join(", ")
            )
        }
    }
}

/// A loaded encoder: embeddings and layers, without the classification head.
pub(crate) trait Backbone: Send {
    /// Last hidden states `[batch, seq, hidden]` for `input_ids` `[batch, seq]` (i64) and the
    /// packing of its attention mask.
    fn forward(&self, input_ids: &Tensor, packing: &Packing) -> Result<Tensor>;
    /// Its layers, for quantization.
    fn layers_mut(&mut self) -> &mut [EncoderLayer];
}

/// Numeric precision of the weights and activations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    F32,
    F16,
    Bf16,
    /// fp32 weights and activations, with the encoder's dense layers in dynamic int8
    /// (CPU only; see `int8::QuantizedWeight`).
    Int8,
}

impl Precision {
    /// The `--dtype` value that selects it.
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "fp32",
            Precision::F16 => "fp16",
            Precision::Bf16 => "bf16",
            Precision::Int8 => "int8",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Precision::F32 | Precision::Int8 => Kind::Float,
            Precision::F16 => Kind::Half,
            Precision::Bf16 => Kind::BFloat16,
        }
    }
}

impl std::str::FromStr for Precision {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Precision> {
        Ok(match s {
            "fp32" | "f32" | "float32" => Precision::F32,
            "fp16" | "f16" | "float16" => Precision::F16,
            "bf16" | "bfloat16" => Precision::Bf16,
            "int8" | "qint8" => Precision::Int8,
            other => bail!("unknown precision {other:?} (fp32, fp16, bf16, int8)"),
        })
    }
}

/// Padded widths are multiples of this many positions (see [`TokenClassifier::forward`]).
pub const BUCKET: i64 = 32;

/// The padded width a row of `len` positions runs at: `len` rounded up to a multiple of
/// [`BUCKET`], at most `max` (the model's positions) and at least `len`. It depends on the
/// row alone, so a row's result does not depend on its batch.
pub fn bucket_width(len: i64, max: i64) -> i64 {
    let rounded = (len.max(1) + BUCKET - 1) / BUCKET * BUCKET;
    rounded.min(max).max(len)
}

/// A tensor's values as i64 on the host, row-major.
fn host_i64(t: &Tensor) -> Result<Vec<i64>> {
    let flat = t
        .f_to_kind(Kind::Int64)?
        .f_to_device(Device::Cpu)?
        .f_contiguous()?
        .f_view([-1])?;
    Ok(Vec::<i64>::try_from(flat)?)
}

/// An encoder with a token-classification head.
pub struct TokenClassifier {
    pub config: Config,
    pub labels: Vec<String>,
    pub device: Device,
    pub precision: Precision,
    pub dir: PathBuf,
    /// Run a batch in one pass at its width instead of in groups of the same
    /// [`bucket_width`] (see [`TokenClassifier::forward`]): on by default on a GPU, where each
    /// pass costs hundreds of kernel launches whatever its size.
    pub single_pass: bool,
    backbone: Box<dyn Backbone>,
    classifier: Linear,
    /// The mapped checkpoint that CPU weight tensors point into; declared last so that it is
    /// dropped after them.
    _storage: Option<std::sync::Arc<memmap2::Mmap>>,
}

impl TokenClassifier {
    /// Loads `config.json` and `model.safetensors` (or `pytorch_model.bin`) from `dir`.
    pub fn load(dir: &Path, device: Device, precision: Precision) -> Result<TokenClassifier> {
        let config_path = dir.join("config.json");
        let config = Config::from_file(&config_path)?;
        let labels = config
            .labels()
            .with_context(|| format!("reading id2label in {}", config_path.display()))?;
        if precision == Precision::Int8 && device != Device::Cpu {
            bail!("--dtype int8 is for the CPU; use fp16 or bf16 on CUDA");
        }
        let ws = Weights::load_dir(dir, device, precision.kind())?;
        let arch = config.architecture()?;
        let prefix = ws.prefix_of(arch.prefixes, "embeddings.word_embeddings.weight")?;
        let mut backbone = (arch.load)(&ws, &prefix, &config)?;
        if precision == Precision::Int8 {
            let kernel = crate::cpu::int8_kernel();
            tracing::debug!("int8 kernel: {kernel:?}");
            for layer in backbone.layers_mut() {
                layer.quantize(kernel).context("quantizing to int8")?;
            }
            ws.release_resident_pages();
        }
        if !ws.contains("classifier.weight") {
            bail!(
                "{} has no token-classification head (no tensor \"classifier.weight\" in {}); \
                 fine-tune it first (see scripts/train_ner.py)",
                dir.display(),
                ws.file().display()
            );
        }
        let classifier = Linear::load(&ws, "classifier", labels.len() as i64, config.hidden_size)
            .with_context(|| {
            format!(
                "the classification head has one output per label of config.json id2label ({})",
                labels.len()
            )
        })?;
        Ok(TokenClassifier {
            config,
            labels,
            device,
            precision,
            dir: dir.to_path_buf(),
            single_pass: device != Device::Cpu,
            backbone,
            classifier,
            _storage: ws.storage(),
        })
    }

    /// Logits `[batch, seq, labels]` in fp32 for `input_ids` / `attention_mask` `[batch, seq]` (i64).
    ///
    /// A row's logits do not depend on the other rows of the batch nor on its padding (the
    /// same window gives the same bits in any batch): rows are run in groups of the same
    /// [`bucket_width`], each padded to that width, because libtorch's fused attention rounds
    /// differently at different padded widths (up to 2.4e-7 apart), and every dense layer
    /// runs on enough rows to stay off the GEMM's small-matrix paths (see `layers::Linear`).
    /// With [`TokenClassifier::single_pass`] (the default on a GPU) the batch runs in one pass
    /// at its width instead: a row's logits then depend on the batch by that rounding only.
    /// The ids and mask are read back to the host first: [`TokenClassifier::forward_host`]
    /// does the same from host buffers without that wait.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Result<Tensor> {
        let (rows, width) = input_ids.size2().context("input ids are [batch, seq]")?;
        anyhow::ensure!(
            attention_mask.size() == [rows, width],
            "attention mask {:?} for input ids {:?}",
            attention_mask.size(),
            input_ids.size()
        );
        let ids = host_i64(input_ids).context("reading the input ids")?;
        let mask = host_i64(attention_mask).context("reading the attention mask")?;
        self.forward_host(&ids, &mask, rows as usize, width as usize)
    }

    /// [`TokenClassifier::forward`] of a batch held on the host, `ids` and `mask` `[rows,
    /// width]` row-major. Bucketing and packing are planned on the host and each bucket's
    /// inputs are sent to the device once (pinned, without blocking, on CUDA): the only wait
    /// for the device is the caller's read of the result.
    pub fn forward_host(
        &self,
        ids: &[i64],
        mask: &[i64],
        rows: usize,
        width: usize,
    ) -> Result<Tensor> {
        let _guard = tch::no_grad_guard();
        anyhow::ensure!(
            ids.len() == rows * width && mask.len() == rows * width,
            "a [{rows}, {width}] batch needs {} ids and mask values, got {} and {}",
            rows * width,
            ids.len(),
            mask.len()
        );
        anyhow::ensure!(rows > 0 && width > 0, "an empty batch");
        let max = self.max_positions().max(1);
        let pad_id = self.config.pad_token_id.unwrap_or(0);
        // A row's length: up to its last attended position.
        let length = |r: usize| -> i64 {
            let row = &mask[r * width..(r + 1) * width];
            row.iter()
                .rposition(|&m| m != 0)
                .map_or(0, |p| p as i64 + 1)
        };
        let width_i = width as i64;
        let mut groups: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
        if !self.single_pass {
            for r in 0..rows {
                groups
                    .entry(bucket_width(length(r), max))
                    .or_default()
                    .push(r);
            }
        } else {
            // Attention over the padding is cheap on a GPU, and dense layers skip it anyway
            // (see `Packing`).
            groups.insert(width_i, (0..rows).collect());
        }
        let mut out: Option<Tensor> = None;
        for (bucket, members) in groups {
            let g = members.len();
            let b = bucket as usize;
            // The bucket's rows at its width: cut (only padding lies past a row's length)
            // or padded.
            let n = b.min(width);
            let mut ids_b = vec![pad_id; g * b];
            let mut keep = vec![false; g * b];
            for (i, &r) in members.iter().enumerate() {
                let row = r * width..r * width + n;
                ids_b[i * b..i * b + n].copy_from_slice(&ids[row.clone()]);
                for (k, &m) in keep[i * b..i * b + n].iter_mut().zip(&mask[row]) {
                    *k = m != 0;
                }
            }
            let ids_t = upload(
                &Tensor::f_from_slice(&ids_b)?.f_view([g as i64, bucket])?,
                self.device,
            )?;
            let packing = Packing::from_mask(&keep, g as i64, bucket, self.device)?;
            let hidden = self
                .backbone
                .forward(&ids_t, &packing)
                .context("running the model")?;
            let logits = self.classifier.forward(&hidden)?.f_to_kind(Kind::Float)?;
            // Back to the caller's width; positions past a row's length are padding.
            let logits = if bucket >= width_i {
                logits.f_narrow(1, 0, width_i)?
            } else {
                let (g, _, labels) = logits.size3()?;
                let pad = logits.f_new_zeros(
                    [g, width_i - bucket, labels],
                    (Kind::Float, logits.device()),
                )?;
                Tensor::f_cat(&[logits, pad], 1)?
            };
            if g == rows {
                // Every row, in order: nothing to scatter.
                return Ok(logits);
            }
            let index: Vec<i64> = members.iter().map(|&r| r as i64).collect();
            let index = upload(&Tensor::f_from_slice(&index)?, self.device)?;
            let all = match out.take() {
                Some(all) => all,
                None => {
                    let labels = logits.size().last().copied().unwrap_or(0);
                    logits.f_new_zeros(
                        [rows as i64, width_i, labels],
                        (Kind::Float, logits.device()),
                    )?
                }
            };
            out = Some(all.f_index_copy(0, &index, &logits)?);
        }
        out.context("an empty batch")
    }

    /// Last hidden states `[batch, seq, hidden]` (the mask is read back to the host to plan
    /// the packing).
    pub fn encode(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Result<Tensor> {
        let _guard = tch::no_grad_guard();
        let (rows, width) = input_ids.size2().context("input ids are [batch, seq]")?;
        let keep: Vec<bool> = host_i64(attention_mask)
            .context("reading the attention mask")?
            .into_iter()
            .map(|m| m != 0)
            .collect();
        let packing = Packing::from_mask(&keep, rows, width, input_ids.device())?;
        self.backbone
            .forward(input_ids, &packing)
            .context("running the model")
    }

    /// Largest number of positions (special tokens included) the model accepts.
    pub fn max_positions(&self) -> i64 {
        match self.config.architecture() {
            Ok(arch) => (arch.max_positions)(&self.config),
            Err(_) => self.config.max_position_embeddings,
        }
    }
}
