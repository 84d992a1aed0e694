//! BERT and RoBERTa-family encoders (BERT, multilingual-e5, RoBERTa, XLM-RoBERTa, CamemBERT).
//! Tensor names follow `transformers`' `BertModel` / `RobertaModel`.

use anyhow::{Context, Result};
use tch::{Kind, Tensor};

use super::config::{activation, Activation, Config, BERT_NAMES};
use super::embedding::WordEmbeddings;
use super::layers::{encode_layers, EncoderLayer, LayerNames, LayerNorm, Packing};
use super::{Architecture, Backbone, Weights};

/// BERT: positions 0..n.
pub(crate) const BERT: Architecture = Architecture {
    model_types: &["bert"],
    fields: BERT_NAMES,
    prefixes: &["bert.", "roberta.", ""],
    load: load_bert,
    max_positions: bert_max_positions,
};

/// RoBERTa, XLM-RoBERTa, CamemBERT: BERT's layers, positions counted after the padding index.
pub(crate) const ROBERTA: Architecture = Architecture {
    model_types: &["roberta", "xlm-roberta", "camembert"],
    fields: BERT_NAMES,
    prefixes: &["bert.", "roberta.", ""],
    load: load_roberta,
    max_positions: roberta_max_positions,
};

const LAYER_NAMES: LayerNames = LayerNames {
    query: "attention.self.query",
    key: "attention.self.key",
    value: "attention.self.value",
    attn_out: "attention.output.dense",
    attn_norm: "attention.output.LayerNorm",
    ff_in: "intermediate.dense",
    ff_out: "output.dense",
    out_norm: "output.LayerNorm",
};

fn bert_max_positions(cfg: &Config) -> i64 {
    cfg.max_position_embeddings
}

/// RoBERTa positions start at pad + 1.
fn roberta_max_positions(cfg: &Config) -> i64 {
    cfg.max_position_embeddings - cfg.pad_token_id.unwrap_or(1) - 1
}

fn load_bert(ws: &Weights, prefix: &str, cfg: &Config) -> Result<Box<dyn Backbone>> {
    Ok(Box::new(BertModel::load(ws, prefix, cfg, None)?))
}

fn load_roberta(ws: &Weights, prefix: &str, cfg: &Config) -> Result<Box<dyn Backbone>> {
    let pad = cfg.pad_token_id.unwrap_or(1);
    Ok(Box::new(BertModel::load(ws, prefix, cfg, Some(pad))?))
}

struct Embeddings {
    word: WordEmbeddings,
    position: Tensor,
    token_type: Option<Tensor>,
    norm: LayerNorm,
}

pub struct BertModel {
    embeddings: Embeddings,
    layers: Vec<EncoderLayer>,
    heads: i64,
    act: Activation,
    /// RoBERTa-family: position ids count from `pad + 1` over non-padding tokens.
    roberta_pad: Option<i64>,
}

impl BertModel {
    fn load(
        ws: &Weights,
        prefix: &str,
        cfg: &Config,
        roberta_pad: Option<i64>,
    ) -> Result<BertModel> {
        let eps = cfg.layer_norm_eps;
        let hidden = cfg.hidden_size;
        let e = format!("{prefix}embeddings");
        let embeddings = Embeddings {
            word: ws.get_embedding(
                &format!("{e}.word_embeddings.weight"),
                &[cfg.vocab_size, hidden],
            )?,
            position: ws.get(
                &format!("{e}.position_embeddings.weight"),
                &[cfg.max_position_embeddings, hidden],
            )?,
            token_type: ws.get_opt(
                &format!("{e}.token_type_embeddings.weight"),
                &[cfg.type_vocab_size.unwrap_or(-1), hidden],
            )?,
            norm: LayerNorm::load(ws, &format!("{e}.LayerNorm"), hidden, eps)?,
        };
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| {
                EncoderLayer::load(
                    ws,
                    &format!("{prefix}encoder.layer.{i}"),
                    &LAYER_NAMES,
                    hidden,
                    cfg.intermediate_size,
                    eps,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(BertModel {
            embeddings,
            layers,
            heads: cfg.num_attention_heads,
            act: activation(&cfg.hidden_act).context("hidden_act")?,
            roberta_pad,
        })
    }
}

impl Backbone for BertModel {
    /// Last hidden states `[batch, seq, hidden]` for `input_ids` `[batch, seq]` and its packing.
    fn forward(&self, input_ids: &Tensor, packing: &Packing) -> Result<Tensor> {
        let (_, t) = input_ids.size2().context("input_ids is [batch, seq]")?;
        let dev = input_ids.device();
        let positions = match self.roberta_pad {
            Some(pad) => {
                let m = input_ids.f_ne(pad)?.f_to_kind(Kind::Int64)?;
                m.f_cumsum(1, Kind::Int64)?.f_mul(&m)?.f_add_scalar(pad)?
            }
            None => Tensor::f_arange(t, (Kind::Int64, dev))?.f_unsqueeze(0)?,
        };
        let e = &self.embeddings;
        let mut x = e.word.lookup(input_ids)?.f_add(&Tensor::f_embedding(
            &e.position,
            &positions,
            -1,
            false,
            false,
        )?)?;
        if let Some(tt) = &e.token_type {
            // Single-segment input: token type 0 everywhere.
            x = x.f_add(&tt.f_get(0)?)?;
        }
        encode_layers(
            &self.layers,
            &e.norm.forward(&x)?,
            packing,
            self.heads,
            self.act,
        )
    }

    fn layers_mut(&mut self) -> &mut [EncoderLayer] {
        &mut self.layers
    }
}
