//! Safe wrappers over FBGEMM's packed int8 GEMM (`src/model/ffi/fbgemm.cpp`, compiled by
//! build.rs) and frner's CPU GELU (`src/model/ffi/gelu.h`). tch binds neither; the bridge
//! takes and returns `at::Tensor*`, which is what a `tch::Tensor` holds, and an opaque
//! handle for a packed weight.

use std::ffi::CStr;
use std::os::raw::{c_char, c_int};

use anyhow::{bail, Result};
use tch::Tensor;
use torch_sys::C_tensor;

/// The bridge's `FrnerPackedWeight`: FBGEMM's packed copy of an int8 weight.
#[repr(C)]
struct PackedWeight {
    _opaque: [u8; 0],
}

extern "C" {
    fn frner_fbgemm_pack(
        weight: *const C_tensor,
        packed: *mut *mut PackedWeight,
        err: *mut c_char,
        len: usize,
    ) -> c_int;
    fn frner_fbgemm_free(packed: *mut PackedWeight);
    #[allow(clippy::too_many_arguments)]
    fn frner_fbgemm_linear_rows(
        x: *const C_tensor,
        packed: *const PackedWeight,
        scale: *const C_tensor,
        weight_sum: *const C_tensor,
        bias: *const C_tensor,
        residual: *const C_tensor,
        gelu: c_int,
        out: *mut *mut C_tensor,
        err: *mut c_char,
        len: usize,
    ) -> c_int;
    fn frner_scatter_rows(
        x: *const C_tensor,
        index: *const C_tensor,
        rows: i64,
        out: *mut *mut C_tensor,
        err: *mut c_char,
        len: usize,
    ) -> c_int;
    fn frner_gelu(
        x: *const C_tensor,
        out: *mut *mut C_tensor,
        err: *mut c_char,
        len: usize,
    ) -> c_int;
}

/// The factors that turn the GEMM of quantized rows back into `x · Wᵀ + b`: per
/// output column, the weight's scale, `scale · Σ wq` and the bias (fp32 `[out]` each).
pub(crate) struct Columns<'a> {
    pub scale: &'a Tensor,
    pub weight_sum: &'a Tensor,
    pub bias: &'a Tensor,
}

/// Runs one bridge call that allocates a `T` for the caller: its pointer, or the bridge's
/// message as an error named by `what`.
fn allocated<T>(
    what: &str,
    call: impl FnOnce(*mut *mut T, *mut c_char, usize) -> c_int,
) -> Result<*mut T> {
    let mut out: *mut T = std::ptr::null_mut();
    let mut err = [0 as c_char; 512];
    let rc = call(&mut out, err.as_mut_ptr(), err.len());
    if rc != 0 || out.is_null() {
        // SAFETY: the bridge always leaves a NUL-terminated message in `err` (zeroed above).
        let msg = unsafe { CStr::from_ptr(err.as_ptr()) }.to_string_lossy();
        bail!("{what}: {msg}");
    }
    Ok(out)
}

/// Runs one bridge call and takes ownership of the tensor it allocated; `what` names the
/// operation in an error.
fn owned(
    what: &str,
    call: impl FnOnce(*mut *mut C_tensor, *mut c_char, usize) -> c_int,
) -> Result<Tensor> {
    let out = allocated(what, call)?;
    // SAFETY: `out` is a heap `at::Tensor` made by the bridge for us; tch frees it on drop.
    Ok(unsafe { Tensor::from_ptr(out) })
}

/// An int8 `[out, in]` weight packed for FBGEMM (a copy in FBGEMM's own layout, made once at
/// load; the int8 tensor is not kept).
pub(crate) struct Packed {
    ptr: *mut PackedWeight,
}

// SAFETY: the packed weight is written once, in `new`, and only read afterwards (FBGEMM's
// GEMM takes it by const reference from any thread); it is freed once, in `drop`.
unsafe impl Send for Packed {}
unsafe impl Sync for Packed {}

impl Drop for Packed {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from frner_fbgemm_pack and is freed only here.
        unsafe { frner_fbgemm_free(self.ptr) }
    }
}

impl Packed {
    pub(crate) fn new(wq: &Tensor) -> Result<Packed> {
        // SAFETY: `wq` is a live tensor; the bridge writes the pointer or a message.
        let ptr = allocated(
            &format!("{GEMM}: packing the weight"),
            |out, err, len| unsafe { frner_fbgemm_pack(wq.as_ptr(), out, err, len) },
        )?;
        Ok(Packed { ptr })
    }

    /// The whole int8 linear in one bridge call: every row of `x [n, in]` (fp32) quantized
    /// to 0..128 by its own minimum `lo` and range `r` (so that AVX2's 16-bit pair sums never
    /// saturate), the GEMM in int32, then `acc·(r/128)·scale + lo·weight_sum + bias`, plus
    /// `residual [n, out]` if given, then GELU ([`gelu`]) if `gelu`, each row while it is
    /// still in cache.
    pub(crate) fn linear_rows(
        &self,
        x: &Tensor,
        columns: &Columns,
        residual: Option<&Tensor>,
        gelu: bool,
    ) -> Result<Tensor> {
        let residual_ptr = residual.map_or(std::ptr::null(), |r| r.as_ptr());
        owned(GEMM, |out, err, len| unsafe {
            frner_fbgemm_linear_rows(
                x.as_ptr(),
                self.ptr,
                columns.scale.as_ptr(),
                columns.weight_sum.as_ptr(),
                columns.bias.as_ptr(),
                residual_ptr,
                c_int::from(gelu),
                out,
                err,
                len,
            )
        })
    }
}

const GEMM: &str = "FBGEMM int8 GEMM";

/// The exact (erf) GELU of a float CPU tensor, by frner's own loop (`src/model/ffi/gelu.h`):
/// within 1e-6 · max(1, |x|) of libtorch's, which on the CPU goes through oneDNN and caches
/// one compiled kernel per tensor shape (memory that grew with the number of batch shapes a
/// corpus run met).
pub(crate) fn gelu(x: &Tensor) -> Result<Tensor> {
    owned("GELU", |out, err, len| unsafe {
        frner_gelu(x.as_ptr(), out, err, len)
    })
}

/// Rows of `x [n, c]` (fp32, CPU) placed at the flat positions `index` (int64 `[n]`, strictly
/// increasing) of a new `[rows, c]` tensor, zeros elsewhere: libtorch's `zeros` then
/// `index_copy` in one pass.
pub(crate) fn scatter_rows(x: &Tensor, index: &Tensor, rows: i64) -> Result<Tensor> {
    owned("scattering rows", |out, err, len| unsafe {
        frner_scatter_rows(x.as_ptr(), index.as_ptr(), rows, out, err, len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tch::{Device, Kind};

    #[test]
    fn a_cpp_exception_becomes_an_error() {
        let wq = Tensor::ones([16, 64], (Kind::Int8, Device::Cpu));
        let packed = Packed::new(&wq).unwrap();
        let ones = Tensor::ones([16], (Kind::Float, Device::Cpu));
        let columns = Columns {
            scale: &ones,
            weight_sum: &ones,
            bias: &ones,
        };
        let x = Tensor::ones([5, 63], (Kind::Float, Device::Cpu));
        let err = packed
            .linear_rows(&x, &columns, None, false)
            .expect_err("a shape error");
        assert!(
            format!("{err:#}").starts_with("FBGEMM int8 GEMM: "),
            "{err:#}"
        );
        // The right shape works: rows of ones through a weight of ones, 64 each.
        let ok = packed
            .linear_rows(
                &Tensor::ones([5, 64], (Kind::Float, Device::Cpu)),
                &columns,
                None,
                false,
            )
            .unwrap();
        assert_eq!(ok.size(), vec![5, 16]);
    }

    #[test]
    fn scattered_rows_match_index_copy_and_a_bad_index_is_an_error() {
        tch::manual_seed(2);
        let x = Tensor::randn([300, 24], (Kind::Float, Device::Cpu));
        // Every third of 900 rows kept, more rows than one thread's share.
        let index = Tensor::arange_start_step(0, 900, 3, (Kind::Int64, Device::Cpu));
        let ours = scatter_rows(&x, &index, 900).unwrap();
        let theirs = Tensor::zeros([900, 24], (Kind::Float, Device::Cpu)).index_copy(0, &index, &x);
        assert_eq!(ours, theirs);
        let empty = scatter_rows(
            &Tensor::zeros([0, 24], (Kind::Float, Device::Cpu)),
            &Tensor::zeros([0], (Kind::Int64, Device::Cpu)),
            5,
        )
        .unwrap();
        assert_eq!(empty, Tensor::zeros([5, 24], (Kind::Float, Device::Cpu)));
        for bad in [[0i64, 0], [2, 1], [0, 900]] {
            let e = scatter_rows(&x.narrow(0, 0, 2), &Tensor::from_slice(&bad), 900)
                .expect_err("a bad index");
            assert!(format!("{e:#}").starts_with("scattering rows: "), "{e:#}");
        }
    }

    #[test]
    fn gelu_matches_libtorch() {
        let mut values: Vec<f32> = (-4000..=4000).map(|i| i as f32 * 0.0025).collect();
        values.extend([
            -200.0, -30.0, -9.5, -5.0, -1e-7, 0.0, 1e-7, 5.0, 9.5, 30.0, 200.0, -0.0,
        ]);
        let x = Tensor::from_slice(&values);
        let ours = gelu(&x).unwrap();
        let exact = x.to_kind(Kind::Double).gelu("none");
        let tolerance = x.abs().clamp_min(1.0).to_kind(Kind::Double) * 1e-6;
        let over = (ours.to_kind(Kind::Double) - &exact).abs() - tolerance;
        assert!(
            over.max().double_value(&[]) <= 0.0,
            "worst excess {}",
            over.max().double_value(&[])
        );
        // NaN stays NaN.
        let nan = gelu(&Tensor::from_slice(&[f32::NAN])).unwrap();
        assert!(nan.double_value(&[0]).is_nan());
    }

    #[test]
    fn gelu_takes_any_layout_and_refuses_other_kinds() {
        tch::manual_seed(3);
        let x = Tensor::randn([7, 33], (Kind::Float, Device::Cpu)) * 3.0;
        let t = x.tr();
        assert!(!t.is_contiguous());
        let ours = gelu(&t).unwrap();
        assert_eq!(ours.size(), vec![33, 7]);
        let err = (&ours - t.gelu("none")).abs().max().double_value(&[]);
        assert!(err < 1e-5, "{err}");
        let ints = Tensor::ones([4], (Kind::Int64, Device::Cpu));
        let e = gelu(&ints).expect_err("not a float tensor");
        assert!(format!("{e:#}").starts_with("GELU: "), "{e:#}");
    }
}
