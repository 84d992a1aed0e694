//! `config.json`: the fields the encoders read, validated at load. Structural fields (layer
//! count, sizes, vocabulary) are required: a missing one is an error naming the file and the
//! field, never a silent default (a config without `num_hidden_layers` used to load 0 layers).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use serde_json::Value;
use tch::{Device, Kind, Tensor};

use super::Architecture;

/// The names an architecture's `config.json` gives its structural fields (DistilBERT says
/// `dim` where BERT says `hidden_size`).
#[derive(Debug, Clone, Copy)]
pub struct FieldNames {
    pub vocab_size: &'static str,
    pub hidden_size: &'static str,
    pub num_hidden_layers: &'static str,
    pub num_attention_heads: &'static str,
    pub intermediate_size: &'static str,
    pub max_position_embeddings: &'static str,
    /// The activation's name (not structural: `gelu` when absent, as in `transformers`).
    pub hidden_act: &'static str,
}

/// Hugging Face's BERT names, shared by the RoBERTa family.
pub const BERT_NAMES: FieldNames = FieldNames {
    vocab_size: "vocab_size",
    hidden_size: "hidden_size",
    num_hidden_layers: "num_hidden_layers",
    num_attention_heads: "num_attention_heads",
    intermediate_size: "intermediate_size",
    max_position_embeddings: "max_position_embeddings",
    hidden_act: "hidden_act",
};

/// A validated `config.json`. Structural fields carry BERT's names whatever the file calls them.
#[derive(Debug, Clone)]
pub struct Config {
    pub model_type: String,
    pub architectures: Vec<String>,
    pub vocab_size: i64,
    pub hidden_size: i64,
    pub num_hidden_layers: i64,
    pub num_attention_heads: i64,
    pub intermediate_size: i64,
    pub max_position_embeddings: i64,
    pub hidden_act: String,
    /// Rows of the token-type table, when the checkpoint has one (BERT).
    pub type_vocab_size: Option<i64>,
    pub layer_norm_eps: f64,
    pub pad_token_id: Option<i64>,
    pub id2label: BTreeMap<String, String>,
    /// Softmax temperature that calibrates entity scores (fitted by
    /// `scripts/fit_temperature.py`; 1 when absent). Argmax labels do not depend on it.
    pub frner_score_temperature: Option<f64>,
    /// The `--dtype` this model runs in when none is given (`fp32` when absent): chosen per
    /// model from measurements (the fast model says `auto`: int8 where its kernels are fast).
    pub frner_dtype: Option<String>,
}

/// The optional, architecture-independent fields, as the file names them.
#[derive(Deserialize)]
struct Common {
    model_type: String,
    #[serde(default)]
    architectures: Vec<String>,
    #[serde(default)]
    type_vocab_size: Option<i64>,
    #[serde(default = "default_eps")]
    layer_norm_eps: f64,
    #[serde(default)]
    pad_token_id: Option<i64>,
    #[serde(default)]
    position_embedding_type: Option<String>,
    #[serde(default)]
    id2label: BTreeMap<String, String>,
    #[serde(default)]
    frner_score_temperature: Option<f64>,
    #[serde(default)]
    frner_dtype: Option<String>,
}

fn default_eps() -> f64 {
    1e-12
}

impl Config {
    /// Reads and validates `path`; every error names the file.
    pub fn from_file(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Config::from_json(&text).with_context(|| format!("invalid model config {}", path.display()))
    }

    pub fn from_json(text: &str) -> Result<Config> {
        let value: Value = serde_json::from_str(text).context("not JSON")?;
        let common: Common = serde_json::from_value(value.clone())?;
        let arch = super::architecture(&common.model_type)?;
        let names = arch.fields;
        let required = |name: &str| -> Result<i64> {
            match value.get(name) {
                None | Some(Value::Null) => bail!(
                    "required field {name:?} is missing (a {} config must give it)",
                    common.model_type
                ),
                Some(v) => match v.as_i64() {
                    Some(n) if n > 0 => Ok(n),
                    _ => bail!("field {name:?} must be a positive integer, got {v}"),
                },
            }
        };
        let hidden_act = match value.get(names.hidden_act) {
            None | Some(Value::Null) => "gelu".to_string(),
            Some(v) => v
                .as_str()
                .with_context(|| format!("field {:?} is not a string", names.hidden_act))?
                .to_string(),
        };
        let cfg = Config {
            vocab_size: required(names.vocab_size)?,
            hidden_size: required(names.hidden_size)?,
            num_hidden_layers: required(names.num_hidden_layers)?,
            num_attention_heads: required(names.num_attention_heads)?,
            intermediate_size: required(names.intermediate_size)?,
            max_position_embeddings: required(names.max_position_embeddings)?,
            hidden_act,
            model_type: common.model_type,
            architectures: common.architectures,
            type_vocab_size: common.type_vocab_size,
            layer_norm_eps: common.layer_norm_eps,
            pad_token_id: common.pad_token_id,
            id2label: common.id2label,
            frner_score_temperature: common.frner_score_temperature,
            frner_dtype: common.frner_dtype,
        };
        if let Some(kind) = &common.position_embedding_type {
            if kind != "absolute" {
                bail!("position_embedding_type {kind:?} is not supported (only \"absolute\")");
            }
        }
        if cfg.hidden_size % cfg.num_attention_heads != 0 {
            bail!(
                "{} {} is not a multiple of {} {}",
                names.hidden_size,
                cfg.hidden_size,
                names.num_attention_heads,
                cfg.num_attention_heads
            );
        }
        activation(&cfg.hidden_act)?;
        Ok(cfg)
    }

    /// The architecture that `model_type` names (checked at load).
    pub(crate) fn architecture(&self) -> Result<&'static Architecture> {
        super::architecture(&self.model_type)
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
    pub(crate) fn apply(self, x: &Tensor) -> Result<Tensor> {
        Ok(match self {
            // On the CPU frner's own loop: libtorch's goes through oneDNN, which keeps one
            // compiled kernel per tensor shape (see `fbgemm::gelu`).
            Activation::Gelu if x.device() == Device::Cpu && x.kind() == Kind::Float => {
                super::fbgemm::gelu(x)?
            }
            Activation::Gelu => x.f_gelu("none")?,
            Activation::GeluTanh => x.f_gelu("tanh")?,
            Activation::Relu => x.f_relu()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BERT: &str = r#"{"model_type": "bert", "vocab_size": 10, "hidden_size": 8,
        "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 16,
        "max_position_embeddings": 32}"#;

    #[test]
    fn a_complete_config_loads() {
        let c = Config::from_json(BERT).unwrap();
        assert_eq!((c.num_hidden_layers, c.hidden_size), (2, 8));
        assert_eq!(c.hidden_act, "gelu");
    }

    #[test]
    fn every_structural_field_is_required() {
        for field in [
            "vocab_size",
            "hidden_size",
            "num_hidden_layers",
            "num_attention_heads",
            "intermediate_size",
            "max_position_embeddings",
        ] {
            let mut v: Value = serde_json::from_str(BERT).unwrap();
            v.as_object_mut().unwrap().remove(field);
            let err = format!("{:#}", Config::from_json(&v.to_string()).unwrap_err());
            assert!(err.contains(field) && err.contains("missing"), "{err}");
            v[field] = 0.into();
            let err = format!("{:#}", Config::from_json(&v.to_string()).unwrap_err());
            assert!(err.contains(field) && err.contains("positive"), "{err}");
        }
    }

    #[test]
    fn distilbert_names_are_its_own() {
        let c = Config::from_json(
            r#"{"model_type": "distilbert", "vocab_size": 10, "dim": 8, "n_layers": 3,
                "n_heads": 2, "hidden_dim": 16, "max_position_embeddings": 32,
                "activation": "relu"}"#,
        )
        .unwrap();
        assert_eq!((c.hidden_size, c.num_hidden_layers), (8, 3));
        assert_eq!(c.hidden_act, "relu");
        let err = Config::from_json(
            r#"{"model_type": "distilbert", "vocab_size": 10, "dim": 8, "n_heads": 2,
                "hidden_dim": 16, "max_position_embeddings": 32}"#,
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("\"n_layers\""), "{err:#}");
    }
}
