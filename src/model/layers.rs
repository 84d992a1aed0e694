//! The building blocks every architecture shares: dense layers, layer norms, the post-norm
//! encoder layer, packing of padded batches and attention. All fallible: tch's `f_` calls
//! return libtorch's errors instead of panicking.

use anyhow::{Context, Result};
use tch::{Device, Tensor};

use super::config::Activation;
use super::int8::QuantizedWeight;
use super::weights::Weights;
use crate::cpu::Int8Kernel;

/// Fewest rows a dense layer's GEMM runs on (see [`Linear::forward`]): 8 per libtorch
/// thread, at least 64.
pub(crate) fn min_gemm_rows() -> i64 {
    (8 * i64::from(tch::get_num_threads().max(1))).max(64)
}

/// A dense layer, `y = x Wᵀ + b`, weights as stored (`[out, in]`).
pub(crate) struct Linear {
    pub weight: Tensor,
    pub bias: Option<Tensor>,
    /// Int8 copy of `weight` when the model runs with `--dtype int8` (see [`QuantizedWeight`]).
    pub int8: Option<QuantizedWeight>,
}

impl Linear {
    /// Loads `{prefix}.weight` (`[out, input]`) and the optional `{prefix}.bias` (`[out]`),
    /// both shape-checked.
    pub(crate) fn load(ws: &Weights, prefix: &str, out: i64, input: i64) -> Result<Linear> {
        Ok(Linear {
            weight: ws.get(&format!("{prefix}.weight"), &[out, input])?,
            bias: ws.get_opt(&format!("{prefix}.bias"), &[out])?,
            int8: None,
        })
    }

    pub(crate) fn forward(&self, x: &Tensor) -> Result<Tensor> {
        if x.dim() == 2 {
            return self.rows(x, None);
        }
        let size = x.size();
        let dim = *size.last().context("linear of a 0-dimensional tensor")?;
        let flat = self.rows(&x.f_reshape([-1, dim])?, None)?;
        let mut shape = size[..size.len() - 1].to_vec();
        shape.push(-1);
        Ok(flat.f_reshape(shape)?)
    }

    /// `x · Wᵀ + b + residual` for 2-D `x [n, in]` and `residual [n, out]`: the residual
    /// connection of an encoder layer, added in the int8 kernel's last pass when it has one.
    pub(crate) fn forward_add(&self, x: &Tensor, residual: &Tensor) -> Result<Tensor> {
        self.rows(x, Some(residual))
    }

    /// `act(x · Wᵀ + b)` for 2-D `x [n, in]`: an encoder's feed-forward input layer. The exact
    /// GELU is applied in the int8 kernel's last pass when it has one.
    pub(crate) fn forward_act(&self, x: &Tensor, act: Activation) -> Result<Tensor> {
        match (&self.int8, act) {
            (Some(q), Activation::Gelu) => q.forward(x, None, true),
            _ => act.apply(&self.rows(x, None)?),
        }
    }

    fn rows(&self, x: &Tensor, residual: Option<&Tensor>) -> Result<Tensor> {
        match &self.int8 {
            Some(q) => q.forward(x, residual, false),
            None => {
                let y = self.fp32_rows(x)?;
                Ok(match residual {
                    Some(r) => y.f_add(r)?,
                    None => y,
                })
            }
        }
    }

    /// The fp32 product of `[n, in]` rows. MKL's GEMM takes other code paths for a few rows
    /// per thread, which round differently (up to 1 ulp): padding to enough rows makes a
    /// row's result the same whatever else is in the batch (measured with torch 2.11's MKL).
    fn fp32_rows(&self, x: &Tensor) -> Result<Tensor> {
        let rows = x.size()[0];
        let min = min_gemm_rows();
        if rows >= min {
            return Ok(x.f_linear(&self.weight, self.bias.as_ref())?);
        }
        let padded = x.f_constant_pad_nd([0, 0, 0, min - rows])?;
        let y = padded.f_linear(&self.weight, self.bias.as_ref())?;
        Ok(y.f_narrow(0, 0, rows)?)
    }

    /// Switches the layer to dynamic int8 (see [`QuantizedWeight`]). The fp32 weight is
    /// dropped: every input takes the int8 path, and it would only cost memory.
    pub(crate) fn quantize(&mut self, kernel: Int8Kernel) -> Result<()> {
        self.int8 = Some(QuantizedWeight::new(
            &self.weight,
            self.bias.as_ref(),
            kernel,
        )?);
        self.weight = Tensor::new();
        Ok(())
    }

    /// Projections of the same input stacked into one (outputs concatenated in order).
    pub(crate) fn stack(parts: &[Linear]) -> Result<Linear> {
        let w: Vec<&Tensor> = parts.iter().map(|l| &l.weight).collect();
        let bias = if parts.iter().all(|l| l.bias.is_none()) {
            None
        } else {
            let b = parts
                .iter()
                .map(|l| match &l.bias {
                    Some(b) => Ok(b.shallow_clone()),
                    None => Ok(l.weight.f_zeros_like()?.f_select(1, 0)?),
                })
                .collect::<Result<Vec<Tensor>>>()?;
            Some(Tensor::f_cat(&b, 0)?)
        };
        Ok(Linear {
            weight: Tensor::f_cat(&w, 0)?,
            bias,
            int8: None,
        })
    }
}

/// A host tensor on `device`. For CUDA it is copied from pinned (page-locked) memory without
/// blocking the host: the copy is queued on the stream before the kernels that read it, and
/// libtorch's pinned-memory pool keeps the buffer until the copy is done. Where memory cannot
/// be pinned the copy is an ordinary one.
pub(crate) fn upload(host: &Tensor, device: Device) -> Result<Tensor> {
    if device == Device::Cpu {
        return Ok(host.shallow_clone());
    }
    match host.f_pin_memory(device) {
        Ok(pinned) => Ok(pinned.f_to_device_(device, host.kind(), true, false)?),
        Err(e) => {
            tracing::debug!("pinning a host buffer failed ({e}); copying it plainly");
            Ok(host.f_to_device(device)?)
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
    /// From the host's copy of the attention mask (`keep`, `[batch, seq]` row-major, true =
    /// attend): the kept positions are found on the host and sent to `device` once, so that
    /// building the packing never waits for the device.
    pub(crate) fn from_mask(
        keep: &[bool],
        batch: i64,
        seq: i64,
        device: Device,
    ) -> Result<Packing> {
        anyhow::ensure!(
            keep.len() as i64 == batch * seq,
            "attention mask of {} positions for a [{batch}, {seq}] batch",
            keep.len()
        );
        if keep.iter().all(|&k| k) {
            return Ok(Packing {
                index: None,
                mask: None,
            });
        }
        let index: Vec<i64> = (0..keep.len() as i64)
            .filter(|&i| keep[i as usize])
            .collect();
        let mask = Tensor::f_from_slice(keep)?.f_view([batch, 1, 1, seq])?;
        Ok(Packing {
            index: Some(upload(&Tensor::f_from_slice(&index)?, device)?),
            mask: Some(upload(&mask, device)?),
        })
    }

    /// `[batch, seq, dim]` → `[n_tokens, dim]`.
    pub(crate) fn pack(&self, x: &Tensor) -> Result<Tensor> {
        let dim = *x.size().last().context("packing a 0-dimensional tensor")?;
        let flat = x.f_reshape([-1, dim])?;
        Ok(match &self.index {
            Some(index) => flat.f_index_select(0, index)?,
            None => flat,
        })
    }

    /// `[n_tokens, dim]` → `[batch, seq, dim]`, zeros at padding.
    pub(crate) fn unpack(&self, x: &Tensor, batch: i64, seq: i64) -> Result<Tensor> {
        let (_, dim) = x.size2()?;
        Ok(match &self.index {
            // On the CPU one pass of frner's bridge (each row written once).
            Some(index) if x.device() == Device::Cpu && x.kind() == tch::Kind::Float => {
                super::fbgemm::scatter_rows(x, index, batch * seq)?.f_view([batch, seq, dim])?
            }
            Some(index) => x
                .f_new_zeros([batch * seq, dim], (x.kind(), x.device()))?
                .f_index_copy(0, index, x)?
                .f_view([batch, seq, dim])?,
            None => x.f_view([batch, seq, dim])?,
        })
    }
}

pub(crate) struct LayerNorm {
    pub weight: Tensor,
    pub bias: Tensor,
    pub eps: f64,
}

impl LayerNorm {
    /// Loads `{prefix}.weight`/`.bias` (`[size]`), or the old `.gamma`/`.beta` names. When
    /// neither is there, the error names the current one (`.weight` / `.bias`).
    pub(crate) fn load(ws: &Weights, prefix: &str, size: i64, eps: f64) -> Result<LayerNorm> {
        let get = |name: &str, old: &str| -> Result<Tensor> {
            let current = format!("{prefix}.{name}");
            match ws.get_opt(&format!("{prefix}.{old}"), &[size])? {
                Some(t) if !ws.contains(&current) => Ok(t),
                _ => ws.get(&current, &[size]),
            }
        };
        Ok(LayerNorm {
            weight: get("weight", "gamma")?,
            bias: get("bias", "beta")?,
            eps,
        })
    }

    pub(crate) fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let n = self.weight.size()[0];
        Ok(x.f_layer_norm([n], Some(&self.weight), Some(&self.bias), self.eps, true)?)
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

/// The checkpoint names of one layer's tensors, relative to the layer's prefix.
pub(crate) struct LayerNames {
    pub query: &'static str,
    pub key: &'static str,
    pub value: &'static str,
    pub attn_out: &'static str,
    pub attn_norm: &'static str,
    pub ff_in: &'static str,
    pub ff_out: &'static str,
    pub out_norm: &'static str,
}

impl EncoderLayer {
    /// Loads the layer under `prefix` with every tensor shape-checked against `hidden` and
    /// `intermediate`.
    pub(crate) fn load(
        ws: &Weights,
        prefix: &str,
        names: &LayerNames,
        hidden: i64,
        intermediate: i64,
        eps: f64,
    ) -> Result<EncoderLayer> {
        let p = |n: &str| format!("{prefix}.{n}");
        Ok(EncoderLayer {
            qkv: Linear::stack(&[
                Linear::load(ws, &p(names.query), hidden, hidden)?,
                Linear::load(ws, &p(names.key), hidden, hidden)?,
                Linear::load(ws, &p(names.value), hidden, hidden)?,
            ])?,
            attn_out: Linear::load(ws, &p(names.attn_out), hidden, hidden)?,
            attn_norm: LayerNorm::load(ws, &p(names.attn_norm), hidden, eps)?,
            ff_in: Linear::load(ws, &p(names.ff_in), intermediate, hidden)?,
            ff_out: Linear::load(ws, &p(names.ff_out), hidden, intermediate)?,
            out_norm: LayerNorm::load(ws, &p(names.out_norm), hidden, eps)?,
        })
    }

    /// Int8 dense layers (attention, norms and activations stay fp32).
    pub(crate) fn quantize(&mut self, kernel: Int8Kernel) -> Result<()> {
        for l in [
            &mut self.qkv,
            &mut self.attn_out,
            &mut self.ff_in,
            &mut self.ff_out,
        ] {
            l.quantize(kernel)?;
        }
        Ok(())
    }
}

/// Runs `layers` over embeddings `[batch, seq, hidden]`. Padding costs nothing in the dense
/// layers: their input is packed to the real tokens (`[n_tokens, hidden]`); only attention
/// sees the padded `[batch, seq]` layout.
pub(crate) fn encode_layers(
    layers: &[EncoderLayer],
    x: &Tensor,
    packing: &Packing,
    heads: i64,
    act: Activation,
) -> Result<Tensor> {
    let (b, t, hidden) = x.size3().context("embeddings are [batch, seq, hidden]")?;
    let mut x = packing.pack(x)?;
    for l in layers {
        let qkv = packing.unpack(&l.qkv.forward(&x)?, b, t)?;
        let ctx = attention(
            &qkv.f_narrow(2, 0, hidden)?,
            &qkv.f_narrow(2, hidden, hidden)?,
            &qkv.f_narrow(2, 2 * hidden, hidden)?,
            packing.mask.as_ref(),
            heads,
        )?;
        let h = l
            .attn_norm
            .forward(&l.attn_out.forward_add(&packing.pack(&ctx)?, &x)?)?;
        let ff = l.ff_out.forward_add(&l.ff_in.forward_act(&h, act)?, &h)?;
        x = l.out_norm.forward(&ff)?;
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
) -> Result<Tensor> {
    let (b, t, h) = q
        .size3()
        .context("attention input is [batch, seq, hidden]")?;
    let split = |x: &Tensor| -> Result<Tensor> {
        Ok(x.f_view([b, t, heads, h / heads])?.f_transpose(1, 2)?)
    };
    let ctx = Tensor::f_scaled_dot_product_attention(
        &split(q)?,
        &split(k)?,
        &split(v)?,
        mask,
        0.0,
        false,
        None::<f64>,
        false,
    )?;
    Ok(ctx.f_transpose(1, 2)?.f_contiguous()?.f_view([b, t, h])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::Kind;

    #[test]
    fn packing_keeps_the_masked_positions_of_the_host_mask() {
        // Two rows of four: the first padded after two positions, the second with a hole.
        let keep = [true, true, false, false, true, false, true, true];
        let p = Packing::from_mask(&keep, 2, 4, Device::Cpu).unwrap();
        let x = Tensor::arange(8, (Kind::Float, Device::Cpu)).view([2, 4, 1]);
        let packed = p.pack(&x).unwrap();
        assert_eq!(
            Vec::<f32>::try_from(packed.view([-1])).unwrap(),
            vec![0.0, 1.0, 4.0, 6.0, 7.0]
        );
        let back = Vec::<f32>::try_from(p.unpack(&packed, 2, 4).unwrap().view([-1])).unwrap();
        assert_eq!(back, vec![0.0, 1.0, 0.0, 0.0, 4.0, 0.0, 6.0, 7.0]);
        let mask = p.mask.as_ref().expect("a padded batch has a mask");
        assert_eq!(mask.size(), vec![2, 1, 1, 4]);
        assert_eq!(
            Vec::<bool>::try_from(mask.view([-1])).unwrap(),
            keep.to_vec()
        );
    }

    #[test]
    fn a_full_batch_is_not_packed_and_a_wrong_mask_is_an_error() {
        let p = Packing::from_mask(&[true; 6], 2, 3, Device::Cpu).unwrap();
        assert!(p.index.is_none() && p.mask.is_none());
        assert!(Packing::from_mask(&[true; 5], 2, 3, Device::Cpu).is_err());
    }
}
