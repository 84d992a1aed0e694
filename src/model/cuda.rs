//! Devices: `--device` parsed into a libtorch device, and CUDA made usable. The binary links
//! libtorch with `--as-needed`, which drops libtorch_cuda (nothing references it directly),
//! so CUDA would report unavailable; opening it with `RTLD_GLOBAL` before the first CUDA call
//! registers the CUDA backend.

use std::ffi::{CStr, CString};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tch::Device;

/// Resolves `--device`: `cpu`, `cuda`, `cuda:N`. CUDA needs libtorch_cuda loaded, which the
/// linker drops from the binary (it is only reached at run time), so it is opened here first.
pub fn parse_device(spec: &str) -> Result<Device> {
    match spec {
        "cpu" => Ok(Device::Cpu),
        s if s == "cuda" || s.starts_with("cuda:") => {
            let index: usize = match s.strip_prefix("cuda:") {
                Some(n) => n.parse().with_context(|| format!("bad device {s:?}"))?,
                None => 0,
            };
            load_libtorch_cuda()?;
            if !tch::Cuda::is_available() {
                bail!("--device {s}: libtorch_cuda is loaded but no CUDA device is visible");
            }
            let n = tch::Cuda::device_count() as usize;
            if index >= n {
                bail!("--device {s}: only {n} CUDA device(s)");
            }
            Ok(Device::Cuda(index))
        }
        other => bail!("unknown device {other:?} (cpu, cuda, cuda:N)"),
    }
}

/// The libtorch directory the binary was built against (set by build.rs), or `FRNER_LIBTORCH_LIB`.
pub fn libtorch_lib_dir() -> Option<PathBuf> {
    std::env::var_os("FRNER_LIBTORCH_LIB")
        .map(PathBuf::from)
        .or_else(|| option_env!("FRNER_BUILD_LIBTORCH_LIB").map(PathBuf::from))
}

pub fn load_libtorch_cuda() -> Result<()> {
    let mut tried = vec![];
    let mut candidates = vec![];
    if let Some(dir) = libtorch_lib_dir() {
        candidates.push(dir.join("libtorch_cuda.so"));
    }
    candidates.push(PathBuf::from("libtorch_cuda.so"));
    for path in candidates {
        let c = CString::new(path.to_string_lossy().as_bytes())?;
        // SAFETY: dlopen with a valid C string; the handle is kept for the process lifetime.
        let handle = unsafe { libc::dlopen(c.as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
        if !handle.is_null() {
            return Ok(());
        }
        // SAFETY: dlerror returns a thread-local C string or null.
        let err = unsafe { libc::dlerror() };
        let msg = if err.is_null() {
            "unknown error".to_string()
        } else {
            unsafe { CStr::from_ptr(err) }
                .to_string_lossy()
                .into_owned()
        };
        tried.push(format!("{}: {msg}", path.display()));
    }
    bail!(
        "CUDA is not available: libtorch_cuda.so could not be loaded ({}). This libtorch has no \
         CUDA support or no NVIDIA driver is installed; use --device cpu",
        tried.join("; ")
    )
}
