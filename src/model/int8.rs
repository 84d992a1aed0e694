//! Dynamic int8 quantization of dense layers, for the CPU (`--dtype int8`).

use anyhow::Result;
use tch::{Kind, Tensor};

/// Weights are quantized once, symmetrically per output row (`w ≈ scale[o] · wq[o, :]`);
/// activations per call, asymmetrically per input row (`x[r] ≈ s[r] · (xq[r] − z[r])`), so
/// that a row's result depends on that row alone, not on the others of its batch (a
/// per-tensor scale made scores depend on the batch). The int8 product runs in oneDNN's VNNI
/// kernels (`_int_mm`, exact int32 accumulators, about 4× an fp32 GEMM here) and is turned
/// back into fp32 row by row:
///
/// `y[r] = Σ x·w + b = s[r] · scale[o] · (acc[r, o] − z[r] · Σwq[o]) + b[o]`.
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
        // Each row's range, widened to hold 0 so that zeros stay exact.
        let lo = x.f_amin([1].as_slice(), true)?.f_clamp_max(0.0)?;
        let hi = x.f_amax([1].as_slice(), true)?.f_clamp_min(0.0)?;
        let s = hi.f_sub(&lo)?.f_div_scalar(255.0)?.f_clamp_min(1e-12)?;
        // z maps lo to -128: x / s + z spans [-128, 127].
        let z = lo.f_div(&s)?.f_neg()?.f_sub_scalar(128.0)?.f_round()?;
        let xq = x
            .f_div(&s)?
            .f_round()?
            .f_add(&z)?
            .f_clamp(-128, 127)?
            .f_to_kind(Kind::Int8)?;
        let acc = xq.f_internal_int_mm(&self.wq_t)?.f_to_kind(Kind::Float)?;
        // acc − z·Σwq, times s·scale, plus b; [n, 1] and [out] broadcast to [n, out].
        let centred = acc.f_sub(&z.f_mul(&self.row_sum)?)?;
        Ok(centred.f_mul(&s.f_mul(&self.scale)?)?.f_add(&self.bias)?)
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
