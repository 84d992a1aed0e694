//! Dynamic int8 quantization of dense layers, for the CPU (`--dtype int8`).

use anyhow::Result;
use tch::{Kind, Tensor};

/// Weights are quantized once, symmetrically per output row (`w ≈ scale[o] · wq[o, :]`);
/// activations are quantized per call, per tensor, with libtorch's fused min/max quantizer
/// (`x ≈ s · (xq − z)`). The int8 product runs in oneDNN's VNNI kernels (`_int_mm`, int32
/// accumulators, about 4× an fp32 GEMM here) and one fused pass turns it back into fp32:
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
    pub(crate) fn new(w: &Tensor, b: Option<&Tensor>) -> Result<QuantizedWeight> {
        let w = w.f_to_kind(Kind::Float)?;
        let scale = w
            .f_abs()?
            .f_amax([1].as_slice(), false)?
            .f_clamp_min(1e-12)?
            .f_div_scalar(127.0)?;
        let wq = w
            .f_div(&scale.f_unsqueeze(1)?)?
            .f_round()?
            .f_clamp(-127, 127)?
            .f_to_kind(Kind::Int8)?;
        let row_sum = wq.f_sum_dim_intlist([1].as_slice(), false, Kind::Float)?;
        let bias = match b {
            Some(b) => b.f_to_kind(Kind::Float)?,
            None => scale.f_zeros_like()?,
        };
        Ok(QuantizedWeight {
            wq_t: wq.f_tr()?,
            scale,
            row_sum,
            bias,
        })
    }

    /// `x` is fp32 `[n, in]`.
    pub(crate) fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let xq = x.f_quantize_per_tensor_dynamic(Kind::QInt8, false)?;
        let (s, z) = (xq.f_q_scale()?, xq.f_q_zero_point()?);
        let acc = xq.f_int_repr()?.f_internal_int_mm(&self.wq_t)?;
        let scale = self.scale.f_mul_scalar(s)?;
        let bias = self
            .bias
            .f_sub(&scale.f_mul(&self.row_sum)?.f_mul_scalar(z as f64)?)?;
        Ok(bias.f_addcmul(&acc, &scale)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::layers::Linear;
    use tch::Device;

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
            weight: w.shallow_clone(),
            bias: Some(b.shallow_clone()),
            int8: Some(QuantizedWeight::new(&w, Some(&b)).unwrap()),
        };
        // Symmetric activations (zero point 0) and GELU-like ones, mostly positive (zero
        // point far from 0, which the row-sum correction must cancel).
        let x_sym = Tensor::randn([37, 256], (Kind::Float, Device::Cpu));
        let x_pos = x_sym.gelu("none") * 3.0;
        for x in [&x_sym, &x_pos] {
            let exact = x.linear(&w, Some(&b));
            let err = rel_err(&lin.forward(x).unwrap(), &exact);
            assert!(err > 0.0 && err < 0.02, "relative error {err}");
        }
        // Inputs that are not [n, in] take the fp32 path.
        let x3 = x_sym.view([1, 37, 256]);
        assert!(rel_err(&lin.forward(&x3).unwrap(), &x3.linear(&w, Some(&b))) < 1e-6);
    }

    #[test]
    fn int8_linear_without_bias() {
        tch::manual_seed(3);
        let w = Tensor::randn([16, 64], (Kind::Float, Device::Cpu));
        let q = QuantizedWeight::new(&w, None).unwrap();
        let x = Tensor::randn([5, 64], (Kind::Float, Device::Cpu));
        let err = rel_err(&q.forward(&x).unwrap(), &x.linear::<Tensor>(&w, None));
        assert!(err < 0.02, "relative error {err}");
    }

    #[test]
    fn a_shape_mismatch_is_an_error_not_a_panic() {
        let w = Tensor::randn([16, 64], (Kind::Float, Device::Cpu));
        let q = QuantizedWeight::new(&w, None).unwrap();
        let x = Tensor::randn([5, 63], (Kind::Float, Device::Cpu));
        assert!(q.forward(&x).is_err());
    }
}
