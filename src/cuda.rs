//! Makes CUDA usable: the binary links libtorch with `--as-needed`, which drops libtorch_cuda
//! (nothing references it directly), so CUDA would report unavailable. Opening it with
//! `RTLD_GLOBAL` before the first CUDA call registers the CUDA backend.

use std::ffi::{CStr, CString};
use std::path::PathBuf;

use anyhow::{bail, Result};

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
