//! DistilBERT encoder; tensor names follow `transformers`' `DistilBertModel`.

use anyhow::Result;
use tch::{Kind, Tensor};

use super::{
    activation, encode_layers, Activation, Config, EncoderLayer, LayerNorm, Linear, Weights,
};

pub struct DistilBertModel {
    word: Tensor,
    position: Tensor,
    norm: LayerNorm,
    pub(crate) layers: Vec<EncoderLayer>,
    heads: i64,
    act: Activation,
}

impl DistilBertModel {
    pub fn load(ws: &Weights, prefix: &str, cfg: &Config) -> Result<DistilBertModel> {
        // transformers builds every DistilBERT LayerNorm with eps 1e-12 (not in config.json).
        let eps = 1e-12;
        let mut layers = Vec::with_capacity(cfg.num_hidden_layers as usize);
        for i in 0..cfg.num_hidden_layers {
            let p = format!("{prefix}transformer.layer.{i}");
            layers.push(EncoderLayer {
                qkv: Linear::stack(&[
                    Linear::load(ws, &format!("{p}.attention.q_lin"))?,
                    Linear::load(ws, &format!("{p}.attention.k_lin"))?,
                    Linear::load(ws, &format!("{p}.attention.v_lin"))?,
                ]),
                attn_out: Linear::load(ws, &format!("{p}.attention.out_lin"))?,
                attn_norm: LayerNorm::load(ws, &format!("{p}.sa_layer_norm"), eps)?,
                ff_in: Linear::load(ws, &format!("{p}.ffn.lin1"))?,
                ff_out: Linear::load(ws, &format!("{p}.ffn.lin2"))?,
                out_norm: LayerNorm::load(ws, &format!("{p}.output_layer_norm"), eps)?,
            });
        }
        Ok(DistilBertModel {
            word: ws.get(&format!("{prefix}embeddings.word_embeddings.weight"))?,
            position: ws.get(&format!("{prefix}embeddings.position_embeddings.weight"))?,
            norm: LayerNorm::load(ws, &format!("{prefix}embeddings.LayerNorm"), eps)?,
            layers,
            heads: cfg.num_attention_heads,
            act: activation(&cfg.hidden_act)?,
        })
    }

    /// Last hidden states `[batch, seq, hidden]`.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Tensor {
        let (_, t) = input_ids.size2().expect("input_ids is [batch, seq]");
        let positions = Tensor::arange(t, (Kind::Int64, input_ids.device())).unsqueeze(0);
        let x = Tensor::embedding(&self.word, input_ids, -1, false, false)
            + Tensor::embedding(&self.position, &positions, -1, false, false);
        encode_layers(
            &self.layers,
            &self.norm.forward(&x),
            attention_mask,
            self.heads,
            self.act,
        )
    }
}
