//! BERT and RoBERTa-family encoders (BERT, multilingual-e5, RoBERTa, XLM-RoBERTa, CamemBERT).
//! Tensor names follow `transformers`' `BertModel` / `RobertaModel`.

use anyhow::{Context, Result};
use tch::{Kind, Tensor};

use super::{
    activation, encode_layers, Activation, Arch, Config, EncoderLayer, LayerNorm, Linear, Weights,
};

struct Embeddings {
    word: Tensor,
    position: Tensor,
    token_type: Option<Tensor>,
    norm: LayerNorm,
}

pub struct BertModel {
    embeddings: Embeddings,
    pub(crate) layers: Vec<EncoderLayer>,
    heads: i64,
    act: Activation,
    /// RoBERTa-family: position ids count from `pad + 1` over non-padding tokens.
    roberta_pad: Option<i64>,
}

impl BertModel {
    pub fn load(ws: &Weights, prefix: &str, cfg: &Config) -> Result<BertModel> {
        let eps = cfg.layer_norm_eps;
        let e = format!("{prefix}embeddings");
        let embeddings = Embeddings {
            word: ws.get(&format!("{e}.word_embeddings.weight"))?,
            position: ws.get(&format!("{e}.position_embeddings.weight"))?,
            token_type: ws.get_opt(&format!("{e}.token_type_embeddings.weight")),
            norm: LayerNorm::load(ws, &format!("{e}.LayerNorm"), eps)?,
        };
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers as usize);
        for i in 0..cfg.num_hidden_layers {
            let p = format!("{prefix}encoder.layer.{i}");
            layers.push(EncoderLayer {
                qkv: Linear::stack(&[
                    Linear::load(ws, &format!("{p}.attention.self.query"))?,
                    Linear::load(ws, &format!("{p}.attention.self.key"))?,
                    Linear::load(ws, &format!("{p}.attention.self.value"))?,
                ]),
                attn_out: Linear::load(ws, &format!("{p}.attention.output.dense"))?,
                attn_norm: LayerNorm::load(ws, &format!("{p}.attention.output.LayerNorm"), eps)?,
                ff_in: Linear::load(ws, &format!("{p}.intermediate.dense"))?,
                ff_out: Linear::load(ws, &format!("{p}.output.dense"))?,
                out_norm: LayerNorm::load(ws, &format!("{p}.output.LayerNorm"), eps)?,
            });
        }
        let roberta_pad = match cfg.arch()? {
            Arch::Roberta => Some(cfg.pad_token_id.unwrap_or(1)),
            _ => None,
        };
        Ok(BertModel {
            embeddings,
            layers,
            heads: cfg.num_attention_heads,
            act: activation(&cfg.hidden_act).context("hidden_act")?,
            roberta_pad,
        })
    }

    /// Last hidden states `[batch, seq, hidden]` for `input_ids` / `attention_mask` `[batch, seq]`.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Tensor {
        let (_, t) = input_ids.size2().expect("input_ids is [batch, seq]");
        let dev = input_ids.device();
        let positions = match self.roberta_pad {
            Some(pad) => {
                let m = input_ids.ne(pad).to_kind(Kind::Int64);
                m.cumsum(1, Kind::Int64) * &m + pad
            }
            None => Tensor::arange(t, (Kind::Int64, dev)).unsqueeze(0),
        };
        let e = &self.embeddings;
        let mut x = Tensor::embedding(&e.word, input_ids, -1, false, false)
            + Tensor::embedding(&e.position, &positions, -1, false, false);
        if let Some(tt) = &e.token_type {
            // Single-segment input: token type 0 everywhere.
            x += tt.get(0);
        }
        encode_layers(
            &self.layers,
            &e.norm.forward(&x),
            attention_mask,
            self.heads,
            self.act,
        )
    }
}
