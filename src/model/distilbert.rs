//! DistilBERT encoder; tensor names follow `transformers`' `DistilBertModel`.

use anyhow::{Context, Result};
use tch::{Kind, Tensor};

use super::config::{activation, Activation, Config, FieldNames};
use super::embedding::WordEmbeddings;
use super::layers::{encode_layers, EncoderLayer, LayerNames, LayerNorm, Packing};
use super::{Architecture, Backbone, Weights};

pub(crate) const DISTILBERT: Architecture = Architecture {
    model_types: &["distilbert"],
    fields: FieldNames {
        vocab_size: "vocab_size",
        hidden_size: "dim",
        num_hidden_layers: "n_layers",
        num_attention_heads: "n_heads",
        intermediate_size: "hidden_dim",
        max_position_embeddings: "max_position_embeddings",
        hidden_act: "activation",
    },
    prefixes: &["distilbert.", ""],
    load,
    max_positions,
};

const LAYER_NAMES: LayerNames = LayerNames {
    query: "attention.q_lin",
    key: "attention.k_lin",
    value: "attention.v_lin",
    attn_out: "attention.out_lin",
    attn_norm: "sa_layer_norm",
    ff_in: "ffn.lin1",
    ff_out: "ffn.lin2",
    out_norm: "output_layer_norm",
};

fn max_positions(cfg: &Config) -> i64 {
    cfg.max_position_embeddings
}

fn load(ws: &Weights, prefix: &str, cfg: &Config) -> Result<Box<dyn Backbone>> {
    Ok(Box::new(DistilBertModel::load(ws, prefix, cfg)?))
}

pub struct DistilBertModel {
    word: WordEmbeddings,
    position: Tensor,
    norm: LayerNorm,
    layers: Vec<EncoderLayer>,
    heads: i64,
    act: Activation,
}

impl DistilBertModel {
    fn load(ws: &Weights, prefix: &str, cfg: &Config) -> Result<DistilBertModel> {
        // transformers builds every DistilBERT LayerNorm with eps 1e-12 (not in config.json).
        let eps = 1e-12;
        let hidden = cfg.hidden_size;
        let layers = (0..cfg.num_hidden_layers)
            .map(|i| {
                EncoderLayer::load(
                    ws,
                    &format!("{prefix}transformer.layer.{i}"),
                    &LAYER_NAMES,
                    hidden,
                    cfg.intermediate_size,
                    eps,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(DistilBertModel {
            word: ws.get_embedding(
                &format!("{prefix}embeddings.word_embeddings.weight"),
                &[cfg.vocab_size, hidden],
            )?,
            position: ws.get(
                &format!("{prefix}embeddings.position_embeddings.weight"),
                &[cfg.max_position_embeddings, hidden],
            )?,
            norm: LayerNorm::load(ws, &format!("{prefix}embeddings.LayerNorm"), hidden, eps)?,
            layers,
            heads: cfg.num_attention_heads,
            act: activation(&cfg.hidden_act).context("activation")?,
        })
    }
}

impl Backbone for DistilBertModel {
    /// Last hidden states `[batch, seq, hidden]`.
    fn forward(&self, input_ids: &Tensor, packing: &Packing) -> Result<Tensor> {
        let (_, t) = input_ids.size2().context("input_ids is [batch, seq]")?;
        let positions = Tensor::f_arange(t, (Kind::Int64, input_ids.device()))?.f_unsqueeze(0)?;
        let x = self.word.lookup(input_ids)?.f_add(&Tensor::f_embedding(
            &self.position,
            &positions,
            -1,
            false,
            false,
        )?)?;
        encode_layers(
            &self.layers,
            &self.norm.forward(&x)?,
            packing,
            self.heads,
            self.act,
        )
    }

    fn layers_mut(&mut self) -> &mut [EncoderLayer] {
        &mut self.layers
    }
}
