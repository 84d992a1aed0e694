//! CPU features that decide the default number format (`--dtype`), detected at run time.
//!
//! The int8 path (`--dtype int8`, `QuantizedWeight` in `model/int8.rs`) has two kernels,
//! measured with `frner bench` on wikineural dev (README, "Performance"):
//! - oneDNN's int8 GEMM: on an AVX-512 VNNI AMD Zen 4 the whole pass about 1.4× faster than
//!   fp32, on an AVX-512 VNNI Intel Xeon (Emerald Rapids) no faster than fp32; on an AVX2-only
//!   AMD EPYC (no VNNI) 13.6× slower (146 s against 10.8 s), because oneDNN falls back to
//!   reference code there;
//! - FBGEMM's uint8 · int8 GEMM (AVX2 and AVX-512 VNNI kernels) with frner's fused passes
//!   around it: 1.2–1.3× fp32 on the AVX2 EPYC, 1.5–2.6× oneDNN's int8 on the Xeon (README,
//!   "int8 and the CPU"). It is the kernel on every x86 CPU with AVX2 + FMA.
//!
//! So int8 is the faster choice on a CPU with AVX-512 VNNI or with AVX2 and FMA; elsewhere
//! (no x86, or an older x86) frner runs fp32 and says so. `FRNER_FORCE_INT8=1` keeps int8
//! anyway, and `FRNER_INT8_KERNEL` picks the kernel (for measuring).

use anyhow::Result;
use tch::Device;

use crate::model::Precision;

/// The library that multiplies int8 matrices (`model::int8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Int8Kernel {
    /// oneDNN's `_int_mm`: fast with AVX-512 VNNI, reference code without.
    Onednn,
    /// FBGEMM's packed uint8 · int8 GEMM: AVX2 and AVX-512 kernels.
    Fbgemm,
}

/// The int8 kernel for this CPU: FBGEMM wherever it has kernels (AVX2 + FMA, which every
/// AVX-512 CPU also has); oneDNN on an x86 CPU with AVX-512 VNNI but without them, which
/// no shipped CPU is. `FRNER_INT8_KERNEL=onednn|fbgemm` chooses (to measure both).
pub fn int8_kernel() -> Int8Kernel {
    match std::env::var("FRNER_INT8_KERNEL").as_deref() {
        Ok(k) if k.eq_ignore_ascii_case("onednn") => return Int8Kernel::Onednn,
        Ok(k) if k.eq_ignore_ascii_case("fbgemm") => return Int8Kernel::Fbgemm,
        _ => {}
    }
    if has_avx512_vnni() && !has_avx2_fma() {
        Int8Kernel::Onednn
    } else {
        Int8Kernel::Fbgemm
    }
}

fn has_avx2_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

fn has_avx512_vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512vnni")
            && std::arch::is_x86_feature_detected!("avx512bw")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether this CPU has int8 kernels measured faster than fp32: oneDNN's with AVX-512 VNNI
/// (+ BW), FBGEMM's with AVX2 + FMA.
pub fn int8_is_faster() -> bool {
    has_avx512_vnni() || has_avx2_fma()
}

/// The precision to run for `--dtype spec` on `device`: `auto` is int8 on a CPU where int8 is
/// faster, fp32 elsewhere; `int8` on a CPU without those kernels runs fp32 (logged) unless
/// `force`. Other values are taken as given.
pub fn choose_precision(
    spec: &str,
    device: Device,
    int8_faster: bool,
    force: bool,
) -> Result<Precision> {
    let cpu = device == Device::Cpu;
    if spec.eq_ignore_ascii_case("auto") {
        let precision = if cpu && int8_faster {
            Precision::Int8
        } else {
            Precision::F32
        };
        tracing::info!("--dtype auto: {precision:?} (fast int8 kernels: {int8_faster})");
        return Ok(precision);
    }
    let precision: Precision = spec.parse()?;
    if precision == Precision::Int8 && cpu && !int8_faster && !force {
        tracing::warn!(
            "--dtype int8: this CPU has neither AVX-512 VNNI nor AVX2, where int8 has no fast \
             kernel; running fp32 instead (FRNER_FORCE_INT8=1 keeps int8)"
        );
        return Ok(Precision::F32);
    }
    Ok(precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int8_only_where_it_is_faster() {
        let cpu = Device::Cpu;
        assert_eq!(
            choose_precision("int8", cpu, true, false).unwrap(),
            Precision::Int8
        );
        assert_eq!(
            choose_precision("int8", cpu, false, false).unwrap(),
            Precision::F32
        );
        assert_eq!(
            choose_precision("int8", cpu, false, true).unwrap(),
            Precision::Int8
        );
        assert_eq!(
            choose_precision("auto", cpu, true, false).unwrap(),
            Precision::Int8
        );
        assert_eq!(
            choose_precision("auto", cpu, false, false).unwrap(),
            Precision::F32
        );
        assert_eq!(
            choose_precision("auto", Device::Cuda(0), true, false).unwrap(),
            Precision::F32
        );
        assert_eq!(
            choose_precision("fp32", cpu, true, false).unwrap(),
            Precision::F32
        );
        assert!(choose_precision("int4", cpu, true, false).is_err());
    }
}
