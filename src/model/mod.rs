//! Transformer token classifiers on libtorch (tch): BERT (incl. multilingual-e5), RoBERTa /
//! XLM-RoBERTa / CamemBERT and DistilBERT, loaded from Hugging Face checkpoint directories.
//!
//! One file per architecture with plain `forward` functions; weights keep their checkpoint names.

pub mod bert;
pub mod distilbert;
mod weights;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use tch::{Device, Kind, Tensor};

pub use weights::Weights;

/// The fields of `config.json` that the supported architectures read. Names follow the file;
/// DistilBERT's own names (`dim`, `n_layers`, …) are mapped in [`Config::normalized`].
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub model_type: String,
    #[serde(default)]
    pub architectures: Vec<String>,
    #[serde(default)]
    pub vocab_size: i64,
    #[serde(default)]
    pub hidden_size: i64,
    #[serde(default)]
    pub num_hidden_layers: i64,
    #[serde(default)]
    pub num_attention_heads: i64,
    #[serde(default)]
    pub intermediate_size: i64,
    #[serde(default = "default_act")]
    pub hidden_act: String,
    #[serde(default = "default_max_pos")]
    pub max_position_embeddings: i64,
    #[serde(default)]
    pub type_vocab_size: i64,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    #[serde(default)]
    pub pad_token_id: Option<i64>,
    #[serde(default)]
    pub position_embedding_type: Option<String>,
    #[serde(default)]
    pub id2label: BTreeMap<String, String>,
    // DistilBERT names.
    #[serde(default)]
    pub dim: Option<i64>,
    #[serde(default)]
    pub n_layers: Option<i64>,
    #[serde(default)]
    pub n_heads: Option<i64>,
    #[serde(default)]
    pub hidden_dim: Option<i64>,
    #[serde(default)]
    pub activation: Option<String>,
    /// Softmax temperature that calibrates entity scores (fitted by
    /// `scripts/fit_temperature.py`; 1 when absent). Argmax labels do not depend on it.
    #[serde(default)]
    pub frner_score_temperature: Option<f64>,
}

fn default_act() -> String {
    "gelu".into()
}
fn default_max_pos() -> i64 {
    512
}
fn default_eps() -> f64 {
    1e-12
}

/// The architecture families this crate implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    /// BERT: positions 0..n.
    Bert,
    /// RoBERTa, XLM-RoBERTa, CamemBERT: positions start after the padding index.
    Roberta,
    DistilBert,
}

impl Config {
    pub fn from_file(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let cfg: Config =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        cfg.normalized()
            .with_context(|| format!("unsupported model in {}", path.display()))
    }

    pub fn arch(&self) -> Result<Arch> {
        Ok(match self.model_type.as_str() {
            "bert" => Arch::Bert,
            "roberta" | "xlm-roberta" | "camembert" => Arch::Roberta,
            "distilbert" => Arch::DistilBert,
            other => bail!(
                "model_type {other:?} is not supported (supported: bert, roberta, xlm-roberta, \
                 camembert, distilbert)"
            ),
        })
    }

    fn normalized(mut self) -> Result<Config> {
        let arch = self.arch()?;
        if arch == Arch::DistilBert {
            self.hidden_size = self.dim.unwrap_or(768);
            self.num_hidden_layers = self.n_layers.unwrap_or(6);
            self.num_attention_heads = self.n_heads.unwrap_or(12);
            self.intermediate_size = self.hidden_dim.unwrap_or(3072);
            self.hidden_act = self.activation.clone().unwrap_or_else(|| "gelu".into());
        }
        if let Some(kind) = &self.position_embedding_type {
            if kind != "absolute" {
                bail!("position_embedding_type {kind:?} is not supported (only \"absolute\")");
            }
        }
        if self.hidden_size <= 0 || self.num_attention_heads <= 0 {
            bail!("hidden_size and num_attention_heads must be positive");
        }
        if self.hidden_size % self.num_attention_heads != 0 {
            bail!(
                "hidden_size {} is not a multiple of num_attention_heads {}",
                self.hidden_size,
                self.num_attention_heads
            );
        }
        activation(&self.hidden_act)?;
        Ok(self)
    }

    /// Labels in id order, from `id2label`.
    pub fn labels(&self) -> Result<Vec<String>> {
        let mut pairs = Vec::with_capacity(self.id2label.len());
        for (k, v) in &self.id2label {
            let id: usize = k
                .parse()
                .with_context(|| format!("id2label key {k:?} is not an integer"))?;
            pairs.push((id, v.clone()));
        }
        pairs.sort();
        for (i, (id, _)) in pairs.iter().enumerate() {
            if *id != i {
                bail!("id2label ids are not 0..{}", pairs.len());
            }
        }
        Ok(pairs.into_iter().map(|(_, v)| v).collect())
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Activation {
    Gelu,
    GeluTanh,
    Relu,
}

pub(crate) fn activation(name: &str) -> Result<Activation> {
    Ok(match name {
        "gelu" => Activation::Gelu,
        "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Activation::GeluTanh,
        "relu" => Activation::Relu,
        other => bail!("hidden_act {other:?} is not supported (gelu, gelu_new, relu)"),
    })
}

impl Activation {
    pub(crate) fn apply(self, x: &Tensor) -> Tensor {
        match self {
            Activation::Gelu => x.gelu("none"),
            Activation::GeluTanh => x.gelu("tanh"),
            Activation::Relu => x.relu(),
        }
    }
}

/// A dense layer, `y = x Wᵀ + b`, weights as stored (`[out, in]`).
pub(crate) struct Linear {
    pub w: Tensor,
    pub b: Option<Tensor>,
    /// Int8 copy of `w` when the model runs with `--dtype int8` (see [`QuantizedWeight`]).
    pub q: Option<QuantizedWeight>,
}

/// Dynamic int8 quantization of a dense layer, for the CPU. Weights are quantized once,
/// symmetrically per output row (`w ≈ scale[o] · wq[o, :]`); activations are quantized per
/// call, per tensor, with libtorch's fused min/max quantizer (`x ≈ s · (xq − z)`). The int8
/// product runs in oneDNN's VNNI kernels (`_int_mm`, int32 accumulators, about 4× an fp32
/// GEMM here) and one fused pass turns it back into fp32:
///
/// `y = Σ x·w + b = s · scale[o] · (xq·wq[o] − z · Σwq[o]) + b = acc · (s·scale) + (b − z·s·scale·Σwq)`.
pub(crate) struct QuantizedWeight {
    /// `wq` transposed to `[in, out]` (a column-major view, the layout `_int_mm` prefers).
    wq_t: Tensor,
    /// Per-output-row scale, fp32 `[out]`.
    scale: Tensor,
    /// Row sums of `wq`, fp32 `[out]`, for the activations' zero point.
    row_sum: Tensor,
    /// Bias, or zeros, fp32 `[out]`.
    bias: Tensor,
}

impl QuantizedWeight {
    pub(crate) fn new(w: &Tensor, b: Option<&Tensor>) -> QuantizedWeight {
        let w = w.to_kind(Kind::Float);
        let scale = w.abs().amax([1].as_slice(), false).clamp_min(1e-12) / 127.0;
        let wq = (&w / scale.unsqueeze(1))
            .round()
            .clamp(-127, 127)
            .to_kind(Kind::Int8);
        let row_sum = wq.sum_dim_intlist([1].as_slice(), false, Kind::Float);
        let bias = match b {
            Some(b) => b.to_kind(Kind::Float),
            None => scale.zeros_like(),
        };
        QuantizedWeight {
            wq_t: wq.tr(),
            scale,
            row_sum,
            bias,
        }
    }

    /// `x` is fp32 `[n, in]`.
    pub(crate) fn forward(&self, x: &Tensor) -> Tensor {
        let xq = x.quantize_per_tensor_dynamic(Kind::QInt8, false);
        let (s, z) = (xq.q_scale(), xq.q_zero_point());
        let acc = xq.int_repr().internal_int_mm(&self.wq_t);
        let scale = &self.scale * s;
        let bias = &self.bias - &scale * &self.row_sum * (z as f64);
        bias.addcmul(&acc, &scale)
    }
}

impl Linear {
    pub(crate) fn load(ws: &Weights, prefix: &str) -> Result<Linear> {
        Ok(Linear {
            w: ws.get(&format!("{prefix}.weight"))?,
            b: ws.get_opt(&format!("{prefix}.bias")),
            q: None,
        })
    }
    pub(crate) fn forward(&self, x: &Tensor) -> Tensor {
        match &self.q {
            Some(q) if x.dim() == 2 => q.forward(x),
            _ => x.linear(&self.w, self.b.as_ref()),
        }
    }

    /// Switches the layer to dynamic int8 (see [`QuantizedWeight`]).
    pub(crate) fn quantize(&mut self) {
        self.q = Some(QuantizedWeight::new(&self.w, self.b.as_ref()));
    }

    /// Projections of the same input stacked into one (outputs concatenated in order).
    pub(crate) fn stack(parts: &[Linear]) -> Linear {
        let w: Vec<&Tensor> = parts.iter().map(|l| &l.w).collect();
        let b = if parts.iter().all(|l| l.b.is_none()) {
            None
        } else {
            let b: Vec<Tensor> = parts
                .iter()
                .map(|l| match &l.b {
                    Some(b) => b.shallow_clone(),
                    None => l.w.zeros_like().select(1, 0),
                })
                .collect();
            Some(Tensor::cat(&b, 0))
        };
        Linear {
            w: Tensor::cat(&w, 0),
            b,
            q: None,
        }
    }
}

/// Moves activations between the padded `[batch, seq, dim]` layout and a packed
/// `[n_tokens, dim]` one holding only the positions the attention mask keeps, so that dense
/// layers spend nothing on padding. A batch without padding is never copied.
pub(crate) struct Packing {
    /// Flat indices of the kept positions; `None` when every position is kept.
    index: Option<Tensor>,
    /// Attention mask `[batch, 1, 1, seq]` (true = attend); `None` when there is no padding,
    /// which also lets attention take its unmasked kernel.
    pub mask: Option<Tensor>,
}

impl Packing {
    pub(crate) fn new(attention_mask: &Tensor) -> Packing {
        let keep = attention_mask.ne(0);
        let all = keep.all().int64_value(&[]) != 0;
        if all {
            return Packing {
                index: None,
                mask: None,
            };
        }
        Packing {
            index: Some(keep.view([-1]).nonzero().squeeze_dim(1)),
            mask: Some(keep.unsqueeze(1).unsqueeze(1)),
        }
    }

    /// `[batch, seq, dim]` → `[n_tokens, dim]`.
    pub(crate) fn pack(&self, x: &Tensor) -> Tensor {
        let dim = x.size()[x.dim() - 1];
        let flat = x.reshape([-1, dim]);
        match &self.index {
            Some(index) => flat.index_select(0, index),
            None => flat,
        }
    }

    /// `[n_tokens, dim]` → `[batch, seq, dim]`, zeros at padding.
    pub(crate) fn unpack(&self, x: &Tensor, batch: i64, seq: i64) -> Tensor {
        let dim = x.size()[1];
        match &self.index {
            Some(index) => x
                .new_zeros([batch * seq, dim], (x.kind(), x.device()))
                .index_copy(0, index, x)
                .view([batch, seq, dim]),
            None => x.view([batch, seq, dim]),
        }
    }
}

pub(crate) struct LayerNorm {
    pub w: Tensor,
    pub b: Tensor,
    pub eps: f64,
}

impl LayerNorm {
    /// Loads `{prefix}.weight`/`.bias`, or the old `.gamma`/`.beta` names. When neither is
    /// there, the error names the current one (`.weight` / `.bias`).
    pub(crate) fn load(ws: &Weights, prefix: &str, eps: f64) -> Result<LayerNorm> {
        let get = |name: &str, old: &str| match ws.get_opt(&format!("{prefix}.{old}")) {
            Some(t) if ws.get_opt(&format!("{prefix}.{name}")).is_none() => Ok(t),
            _ => ws.get(&format!("{prefix}.{name}")),
        };
        Ok(LayerNorm {
            w: get("weight", "gamma")?,
            b: get("bias", "beta")?,
            eps,
        })
    }
    pub(crate) fn forward(&self, x: &Tensor) -> Tensor {
        let n = self.w.size()[0];
        x.layer_norm([n], Some(&self.w), Some(&self.b), self.eps, true)
    }
}

/// One post-norm transformer layer. BERT and DistilBERT share it; only the checkpoint's
/// tensor names differ (see each architecture's `load`).
pub(crate) struct EncoderLayer {
    /// Query, key and value stacked into one `[3 × hidden, hidden]` projection: one GEMM
    /// instead of three.
    pub qkv: Linear,
    pub attn_out: Linear,
    pub attn_norm: LayerNorm,
    pub ff_in: Linear,
    pub ff_out: Linear,
    pub out_norm: LayerNorm,
}

impl EncoderLayer {
    /// Int8 dense layers (attention, norms and activations stay fp32).
    pub(crate) fn quantize(&mut self) {
        for l in [
            &mut self.qkv,
            &mut self.attn_out,
            &mut self.ff_in,
            &mut self.ff_out,
        ] {
            l.quantize();
        }
    }
}

/// Runs `layers` over embeddings `[batch, seq, hidden]`. Padding costs nothing in the dense
/// layers: their input is packed to the real tokens (`[n_tokens, hidden]`); only attention
/// sees the padded `[batch, seq]` layout.
pub(crate) fn encode_layers(
    layers: &[EncoderLayer],
    x: &Tensor,
    attention_mask: &Tensor,
    heads: i64,
    act: Activation,
) -> Tensor {
    let (b, t, hidden) = x.size3().expect("embeddings are [batch, seq, hidden]");
    let packing = Packing::new(attention_mask);
    let mut x = packing.pack(x);
    for l in layers {
        let qkv = packing.unpack(&l.qkv.forward(&x), b, t);
        let ctx = attention(
            &qkv.narrow(2, 0, hidden),
            &qkv.narrow(2, hidden, hidden),
            &qkv.narrow(2, 2 * hidden, hidden),
            packing.mask.as_ref(),
            heads,
        );
        let h = l
            .attn_norm
            .forward(&(l.attn_out.forward(&packing.pack(&ctx)) + &x));
        let ff = l.ff_out.forward(&act.apply(&l.ff_in.forward(&h)));
        x = l.out_norm.forward(&(ff + &h));
    }
    packing.unpack(&x, b, t)
}

/// Multi-head self-attention through libtorch's fused `scaled_dot_product_attention`.
/// `q`, `k`, `v` are `[batch, seq, hidden]`; `mask` is a bool `[batch, 1, 1, seq]` (true = attend),
/// `None` when nothing is padded.
pub(crate) fn attention(
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    mask: Option<&Tensor>,
    heads: i64,
) -> Tensor {
    let (b, t, h) = q.size3().expect("attention input is [batch, seq, hidden]");
    let split = |x: &Tensor| x.view([b, t, heads, h / heads]).transpose(1, 2);
    let ctx = Tensor::scaled_dot_product_attention(
        &split(q),
        &split(k),
        &split(v),
        mask,
        0.0,
        false,
        None::<f64>,
        false,
    );
    ctx.transpose(1, 2).contiguous().view([b, t, h])
}

/// Numeric precision of the weights and activations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    F32,
    F16,
    Bf16,
    /// fp32 weights and activations, with the encoder's dense layers in dynamic int8
    /// (CPU only; see [`QuantizedWeight`]).
    Int8,
}

impl Precision {
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

enum Encoder {
    Bert(bert::BertModel),
    DistilBert(distilbert::DistilBertModel),
}

/// An encoder with a token-classification head.
pub struct TokenClassifier {
    pub config: Config,
    pub labels: Vec<String>,
    pub device: Device,
    pub precision: Precision,
    pub dir: PathBuf,
    encoder: Encoder,
    classifier: Linear,
    /// The mapped checkpoint that CPU weight tensors point into; declared last so that it is
    /// dropped after them.
    _storage: Option<std::sync::Arc<memmap2::Mmap>>,
}

impl TokenClassifier {
    /// Loads `config.json` and `model.safetensors` (or `pytorch_model.bin`) from `dir`.
    pub fn load(dir: &Path, device: Device, precision: Precision) -> Result<TokenClassifier> {
        let config = Config::from_file(&dir.join("config.json"))?;
        let labels = config.labels().with_context(|| {
            format!("reading id2label in {}", dir.join("config.json").display())
        })?;
        let ws = Weights::load_dir(dir, device, precision.kind())?;
        let (encoder, prefix) = match config.arch()? {
            Arch::Bert | Arch::Roberta => {
                let prefix = ws.prefix_of(
                    &["bert.", "roberta.", ""],
                    "embeddings.word_embeddings.weight",
                )?;
                (
                    Encoder::Bert(bert::BertModel::load(&ws, &prefix, &config)?),
                    prefix,
                )
            }
            Arch::DistilBert => {
                let prefix =
                    ws.prefix_of(&["distilbert.", ""], "embeddings.word_embeddings.weight")?;
                (
                    Encoder::DistilBert(distilbert::DistilBertModel::load(&ws, &prefix, &config)?),
                    prefix,
                )
            }
        };
        let _ = prefix;
        let mut encoder = encoder;
        if precision == Precision::Int8 {
            if device != Device::Cpu {
                bail!("--dtype int8 is for the CPU; use fp16 or bf16 on CUDA");
            }
            match &mut encoder {
                Encoder::Bert(m) => m.layers.iter_mut().for_each(EncoderLayer::quantize),
                Encoder::DistilBert(m) => m.layers.iter_mut().for_each(EncoderLayer::quantize),
            }
        }
        let classifier = Linear::load(&ws, "classifier").with_context(|| {
            format!(
                "{} has no token-classification head; fine-tune it first (see scripts/train_ner.py)",
                dir.display()
            )
        })?;
        let n_out = classifier.w.size()[0] as usize;
        if n_out != labels.len() {
            bail!(
                "classifier.weight in {} has {n_out} outputs but config.json id2label has {} labels",
                dir.display(),
                labels.len()
            );
        }
        Ok(TokenClassifier {
            config,
            labels,
            device,
            precision,
            dir: dir.to_path_buf(),
            encoder,
            classifier,
            _storage: ws.storage(),
        })
    }

    /// Logits `[batch, seq, labels]` in fp32 for `input_ids` / `attention_mask` `[batch, seq]` (i64).
    pub fn forward(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Tensor {
        let _guard = tch::no_grad_guard();
        let hidden = self.encode(input_ids, attention_mask);
        self.classifier.forward(&hidden).to_kind(Kind::Float)
    }

    /// Last hidden states `[batch, seq, hidden]`.
    pub fn encode(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Tensor {
        let _guard = tch::no_grad_guard();
        match &self.encoder {
            Encoder::Bert(m) => m.forward(input_ids, attention_mask),
            Encoder::DistilBert(m) => m.forward(input_ids, attention_mask),
        }
    }

    /// Largest number of positions (special tokens included) the model accepts.
    pub fn max_positions(&self) -> i64 {
        match self.config.arch() {
            // RoBERTa positions start at pad + 1.
            Ok(Arch::Roberta) => {
                self.config.max_position_embeddings - self.config.pad_token_id.unwrap_or(1) - 1
            }
            _ => self.config.max_position_embeddings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Largest |a − b| relative to the largest |b|.
    fn rel_err(a: &Tensor, b: &Tensor) -> f64 {
        let num = (a - b).abs().max().double_value(&[]);
        num / b.abs().max().double_value(&[])
    }

    #[test]
    fn int8_linear_matches_fp32_within_quantization_error() {
        tch::manual_seed(7);
        let w = Tensor::randn([48, 256], (Kind::Float, Device::Cpu)) * 0.05;
        let b = Tensor::randn([48], (Kind::Float, Device::Cpu));
        let lin = Linear {
            w: w.shallow_clone(),
            b: Some(b.shallow_clone()),
            q: Some(QuantizedWeight::new(&w, Some(&b))),
        };
        // Symmetric activations (zero point 0) and GELU-like ones, mostly positive (zero
        // point far from 0, which the row-sum correction must cancel).
        let x_sym = Tensor::randn([37, 256], (Kind::Float, Device::Cpu));
        let x_pos = x_sym.gelu("none") * 3.0;
        for x in [&x_sym, &x_pos] {
            let exact = x.linear(&w, Some(&b));
            let err = rel_err(&lin.forward(x), &exact);
            assert!(err > 0.0 && err < 0.02, "relative error {err}");
        }
        // Inputs that are not [n, in] take the fp32 path.
        let x3 = x_sym.view([1, 37, 256]);
        assert!(rel_err(&lin.forward(&x3), &x3.linear(&w, Some(&b))) < 1e-6);
    }

    #[test]
    fn int8_linear_without_bias() {
        tch::manual_seed(3);
        let w = Tensor::randn([16, 64], (Kind::Float, Device::Cpu));
        let q = QuantizedWeight::new(&w, None);
        let x = Tensor::randn([5, 64], (Kind::Float, Device::Cpu));
        let err = rel_err(&q.forward(&x), &x.linear::<Tensor>(&w, None));
        assert!(err < 0.02, "relative error {err}");
    }
}
