//! Dynamic int8 quantization of dense layers, for the CPU (`--dtype int8`).

use anyhow::Result;
use tch::{Kind, Tensor};

use super::fbgemm::{Columns, Packed};
use crate::cpu::Int8Kernel;

/// Weights are quantized once, symmetrically per output row (`w ≈ scale[o] · wq[o, :]`);
/// activations per call, asymmetrically per input row (`x[r] ≈ s[r] · (xq[r] − z[r])`), so
/// that a row's result depends on that row alone, not on the others of its batch (a
/// per-tensor scale made scores depend on the batch). Two kernels multiply the integers
/// (`crate::cpu::int8_kernel` picks one per CPU):
///
/// - oneDNN's `_int_mm` (int8 · int8, exact int32 accumulators): fast with AVX-512 VNNI on
///   AMD Zen 4, no faster than fp32 on an Intel Xeon with VNNI, reference code (30× slower
///   than fp32) on AVX2; chosen only by `FRNER_INT8_KERNEL=onednn`;
/// - FBGEMM (uint8 · int8, AVX2 and AVX-512 VNNI kernels), through `super::fbgemm`: the
///   kernel on every CPU with AVX2 + FMA. frner quantizes each row onto 0..128
///   (`round((x − lo[r]) · 128 / (hi[r] − lo[r]))`: no saturation of AVX2's 16-bit pair sums,
///   `vpmaddubsw`, 2 · 128 · 127 < 2¹⁵), FBGEMM multiplies into int32, and one pass applies
///   the factors, the bias, the residual and GELU.
///
/// oneDNN: `y[r] = s[r] · scale[o] · (acc[r, o] − z[r] · Σwq[o]) + b[o]`;
/// FBGEMM: `y[r] = (hi[r] − lo[r]) / 128 · scale[o] · acc[r, o] + lo[r] · scale[o] · Σwq[o] + b[o]`.
pub(crate) struct QuantizedWeight {
    kernel: Kernel,
    /// Per-output-row scale, fp32 `[out]`.
    scale: Tensor,
    /// Row sums of `wq`, fp32 `[out]`, for the activations' zero point (oneDNN).
    row_sum: Tensor,
    /// Bias, or zeros, fp32 `[out]`.
    bias: Tensor,
}

enum Kernel {
    /// `wq` transposed to `[in, out]` (a column-major view, the layout `_int_mm` prefers).
    Onednn { wq_t: Tensor },
    /// `wq` packed; the rows of the dequantized weight summed, `scale[o] · Σwq[o]`. The
    /// passes around the GEMM (row ranges and quantization, the factors) are one bridge call.
    Fbgemm { packed: Packed, weight_sum: Tensor },
}

impl QuantizedWeight {
    pub(crate) fn new(
        w: &Tensor,
        b: Option<&Tensor>,
        kernel: Int8Kernel,
    ) -> Result<QuantizedWeight> {
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
        let kernel = match kernel {
            Int8Kernel::Onednn => Kernel::Onednn { wq_t: wq.f_tr()? },
            Int8Kernel::Fbgemm => Kernel::Fbgemm {
                packed: Packed::new(&wq)?,
                weight_sum: row_sum.f_mul(&scale)?,
            },
        };
        Ok(QuantizedWeight {
            kernel,
            scale,
            row_sum,
            bias,
        })
    }

    /// `x` is fp32 `[n, in]`; `residual`, if given, `[n, out]` is added to the result, and
    /// the sum goes through GELU if `gelu` (both in the same pass as the bias with FBGEMM).
    pub(crate) fn forward(
        &self,
        x: &Tensor,
        residual: Option<&Tensor>,
        gelu: bool,
    ) -> Result<Tensor> {
        match &self.kernel {
            Kernel::Onednn { wq_t } => {
                let y = self.forward_onednn(x, wq_t)?;
                let y = match residual {
                    Some(r) => y.f_add(r)?,
                    None => y,
                };
                if gelu {
                    super::fbgemm::gelu(&y)
                } else {
                    Ok(y)
                }
            }
            Kernel::Fbgemm { packed, weight_sum } => {
                let columns = Columns {
                    scale: &self.scale,
                    weight_sum,
                    bias: &self.bias,
                };
                packed.linear_rows(x, &columns, residual, gelu)
            }
        }
    }

    fn forward_onednn(&self, x: &Tensor, wq_t: &Tensor) -> Result<Tensor> {
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
        let acc = xq.f_internal_int_mm(wq_t)?.f_to_kind(Kind::Float)?;
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

    const KERNELS: [Int8Kernel; 2] = [Int8Kernel::Onednn, Int8Kernel::Fbgemm];

    #[test]
    fn a_residual_is_added_in_the_last_pass() {
        tch::manual_seed(11);
        let w = Tensor::randn([40, 96], (Kind::Float, Device::Cpu)) * 0.05;
        let b = Tensor::randn([40], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([13, 96], (Kind::Float, Device::Cpu)).gelu("none");
        let r = Tensor::randn([13, 40], (Kind::Float, Device::Cpu)) * 4.0;
        for kernel in KERNELS {
            let q = QuantizedWeight::new(&w, Some(&b), kernel).unwrap();
            let plain = q.forward(&x, None, false).unwrap();
            let fused = q.forward(&x, Some(&r), false).unwrap();
            let err = rel_err(&fused, &(&plain + &r));
            assert!(err < 1e-6, "{kernel:?}: {err}");
            // A residual of the wrong shape is an error, not a read past its end.
            let wrong = Tensor::zeros([12, 40], (Kind::Float, Device::Cpu));
            assert!(q.forward(&x, Some(&wrong), false).is_err(), "{kernel:?}");
        }
    }

    #[test]
    fn gelu_is_applied_in_the_last_pass() {
        tch::manual_seed(12);
        let w = Tensor::randn([64, 96], (Kind::Float, Device::Cpu)) * 0.2;
        let b = Tensor::randn([64], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([21, 96], (Kind::Float, Device::Cpu));
        for kernel in KERNELS {
            let q = QuantizedWeight::new(&w, Some(&b), kernel).unwrap();
            let plain = q.forward(&x, None, false).unwrap();
            let fused = q.forward(&x, None, true).unwrap();
            // The same int8 product, then libtorch's own GELU.
            let err = rel_err(&fused, &plain.gelu("none"));
            assert!(err < 1e-6, "{kernel:?}: {err}");
            assert!(
                plain.min().double_value(&[]) < -1.0,
                "negative inputs are exercised"
            );
        }
    }

    #[test]
    fn int8_linear_matches_fp32_within_quantization_error() {
        tch::manual_seed(7);
        let w = Tensor::randn([48, 256], (Kind::Float, Device::Cpu)) * 0.05;
        let b = Tensor::randn([48], (Kind::Float, Device::Cpu));
        for kernel in KERNELS {
            let lin = Linear {
                weight: Tensor::new(),
                bias: Some(b.shallow_clone()),
                int8: Some(QuantizedWeight::new(&w, Some(&b), kernel).unwrap()),
            };
            // Symmetric activations (zero point 0) and GELU-like ones, mostly positive (zero
            // point far from 0, which the row-sum correction must cancel); FBGEMM's
            // activations have 7 bits, hence its wider bound.
            let bound = if kernel == Int8Kernel::Onednn {
                0.02
            } else {
                0.04
            };
            let x_sym = Tensor::randn([37, 256], (Kind::Float, Device::Cpu));
            let x_pos = x_sym.gelu("none") * 3.0;
            for x in [&x_sym, &x_pos] {
                let exact = x.linear(&w, Some(&b));
                let err = rel_err(&lin.forward(x).unwrap(), &exact);
                assert!(err > 0.0 && err < bound, "{kernel:?}: relative error {err}");
            }
            // [batch, seq, in] inputs are flattened to rows, with the same result.
            let x3 = x_pos.view([1, 37, 256]);
            let flat = lin.forward(&x_pos).unwrap().view([1, 37, 48]);
            assert_eq!(lin.forward(&x3).unwrap(), flat, "{kernel:?}");
        }
    }

    #[test]
    fn int8_linear_without_bias() {
        tch::manual_seed(3);
        let w = Tensor::randn([16, 64], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([5, 64], (Kind::Float, Device::Cpu));
        for kernel in KERNELS {
            let q = QuantizedWeight::new(&w, None, kernel).unwrap();
            let err = rel_err(
                &q.forward(&x, None, false).unwrap(),
                &x.linear::<Tensor>(&w, None),
            );
            assert!(err < 0.04, "{kernel:?}: relative error {err}");
        }
    }

    /// A row's result does not depend on the other rows of its call, bit for bit: every
    /// activation scale is the row's own.
    #[test]
    fn a_row_does_not_depend_on_its_batch() {
        tch::manual_seed(11);
        let w = Tensor::randn([32, 128], (Kind::Float, Device::Cpu)) * 0.1;
        let small = Tensor::randn([3, 128], (Kind::Float, Device::Cpu));
        // Other rows with ten times the range, and a constant one.
        let loud = Tensor::randn([20, 128], (Kind::Float, Device::Cpu)) * 10.0;
        let flat = Tensor::full([1, 128], 0.5, (Kind::Float, Device::Cpu));
        let batch = Tensor::cat(&[&loud, &small, &flat], 0);
        for kernel in KERNELS {
            let q = QuantizedWeight::new(&w, None, kernel).unwrap();
            let alone = q.forward(&small, None, false).unwrap();
            let among = q.forward(&batch, None, false).unwrap().narrow(0, 20, 3);
            assert_eq!(alone, among, "{kernel:?}");
            let constant = q.forward(&flat, None, false).unwrap();
            let exact = flat.linear::<Tensor>(&w, None);
            assert!(
                rel_err(&constant, &exact) < 0.01,
                "{kernel:?}: a constant row"
            );
        }
    }

    /// The AVX2 kernel sums pairs of products in 16 bits: the largest activations against
    /// the largest weights must not saturate.
    #[test]
    fn extreme_rows_do_not_saturate() {
        let w = Tensor::full([2, 256], 1.0, (Kind::Float, Device::Cpu));
        let _ = w.get(1).fill_(-1.0);
        let x = Tensor::full([2, 256], 1.0, (Kind::Float, Device::Cpu));
        let _ = x.get(0).narrow(0, 0, 1).fill_(0.0);
        let _ = x.get(1).narrow(0, 0, 1).fill_(-1.0);
        let q = QuantizedWeight::new(&w, None, Int8Kernel::Fbgemm).unwrap();
        let err = rel_err(
            &q.forward(&x, None, false).unwrap(),
            &x.linear::<Tensor>(&w, None),
        );
        assert!(err < 0.01, "relative error {err}");
    }

    /// FBGEMM's rows are quantized by their minimum and maximum, found 8 lanes at a time with
    /// a scalar tail: an extreme value in any lane, in the tail, or in a row shorter than one
    /// vector must be found. A missed one is clipped, an error of the order of the result
    /// itself; 129-level activations of a row spanning 50 stay within a few percent.
    #[test]
    fn a_row_s_extremes_are_found_at_every_position() {
        tch::manual_seed(5);
        for k in [1i64, 3, 7, 8, 9, 16, 17, 23, 40] {
            let w = Tensor::randn([8, k], (Kind::Float, Device::Cpu)) * 0.1;
            let q = QuantizedWeight::new(&w, None, Int8Kernel::Fbgemm).unwrap();
            for at in 0..k {
                for spike in [25.0, -25.0] {
                    let x = Tensor::randn([2, k], (Kind::Float, Device::Cpu)) * 0.1;
                    let _ = x.get(0).narrow(0, at, 1).fill_(spike);
                    let exact = x.linear::<Tensor>(&w, None);
                    let err = rel_err(&q.forward(&x, None, false).unwrap(), &exact);
                    assert!(err < 0.1, "width {k}, spike {spike} at {at}: {err}");
                }
            }
        }
    }

    #[test]
    fn a_shape_mismatch_is_an_error_not_a_panic() {
        let w = Tensor::randn([16, 64], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([5, 63], (Kind::Float, Device::Cpu));
        for kernel in KERNELS {
            let q = QuantizedWeight::new(&w, None, kernel).unwrap();
            // libtorch reports it (tch's fallible calls; the bridge's caught exceptions).
            let err = q.forward(&x, None, false).expect_err("an error");
            assert!(!format!("{err:#}").is_empty(), "{kernel:?}");
        }
    }
}
