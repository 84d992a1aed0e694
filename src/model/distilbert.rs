//! DistilBERT encoder; tensor names follow `transformers`' `DistilBertModel`.

use anyhow::Result;
use tch::{Kind, Tensor};

use super::{activation, attention, Activation, Config, LayerNorm, Linear, Packing, Weights};

struct Layer {
    /// `q_lin`, `k_lin`, `v_lin` stacked into one projection.
    qkv: Linear,
    out: Linear,
    sa_norm: LayerNorm,
    lin1: Linear,
    lin2: Linear,
    out_norm: LayerNorm,
}

pub struct DistilBertModel {
    word: Tensor,
    position: Tensor,
    norm: LayerNorm,
    layers: Vec<Layer>,
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
            layers.push(Layer {
                qkv: Linear::stack(&[
                    Linear::load(ws, &format!("{p}.attention.q_lin"))?,
                    Linear::load(ws, &format!("{p}.attention.k_lin"))?,
                    Linear::load(ws, &format!("{p}.attention.v_lin"))?,
                ]),
                out: Linear::load(ws, &format!("{p}.attention.out_lin"))?,
                sa_norm: LayerNorm::load(ws, &format!("{p}.sa_layer_norm"), eps)?,
                lin1: Linear::load(ws, &format!("{p}.ffn.lin1"))?,
                lin2: Linear::load(ws, &format!("{p}.ffn.lin2"))?,
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

    /// Last hidden states; dense layers run on the packed real tokens, as in BERT.
    pub fn forward(&self, input_ids: &Tensor, attention_mask: &Tensor) -> Tensor {
        let (b, t) = input_ids.size2().expect("input_ids is [batch, seq]");
        let positions = Tensor::arange(t, (Kind::Int64, input_ids.device())).unsqueeze(0);
        let x = Tensor::embedding(&self.word, input_ids, -1, false, false)
            + Tensor::embedding(&self.position, &positions, -1, false, false);
        let x = self.norm.forward(&x);
        let hidden = x.size()[2];
        let packing = Packing::new(attention_mask);
        let mut x = packing.pack(&x);
        for l in &self.layers {
            let qkv = packing.unpack(&l.qkv.forward(&x), b, t);
            let ctx = attention(
                &qkv.narrow(2, 0, hidden),
                &qkv.narrow(2, hidden, hidden),
                &qkv.narrow(2, 2 * hidden, hidden),
                packing.mask.as_ref(),
                self.heads,
            );
            let h = l
                .sa_norm
                .forward(&(l.out.forward(&packing.pack(&ctx)) + &x));
            let ff = l.lin2.forward(&self.act.apply(&l.lin1.forward(&h)));
            x = l.out_norm.forward(&(ff + &h));
        }
        packing.unpack(&x, b, t)
    }
}
