//! CPU features that decide the default number format (`--dtype`), detected at run time.
//!
//! The int8 path (`--dtype int8`, `QuantizedWeight` in `model/mod.rs`) multiplies in
//! oneDNN's int8 GEMM kernels. Measured with `frner bench` on wikineural dev (README,
//! "Performance"): on an AVX-512 VNNI CPU they make the whole pass about 1.4× faster than
//! fp32; on an AVX2-only AMD EPYC (no VNNI) the same pass took 146 s against 10.8 s in fp32,
//! 13.6× slower, because oneDNN falls back to reference kernels. So int8 runs only where
//! AVX-512 VNNI (with AVX-512 BW) is present; elsewhere frner runs fp32 and says so.
//! `FRNER_FORCE_INT8=1` keeps int8 anyway (for measuring).

use anyhow::Result;
use tch::Device;

use crate::model::Precision;

/// Whether this CPU has the int8 kernels measured faster than fp32 (AVX-512 VNNI + BW).
pub fn int8_is_faster() -> bool {
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
        tracing::info!("--dtype auto: {precision:?} (AVX-512 VNNI: {int8_faster})");
        return Ok(precision);
    }
    let precision: Precision = spec.parse()?;
    if precision == Precision::Int8 && cpu && !int8_faster && !force {
        tracing::warn!(
            "--dtype int8: this CPU has no AVX-512 VNNI, where int8 measured 13.6x slower than \
             fp32; running fp32 instead (FRNER_FORCE_INT8=1 keeps int8)"
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
