//! Bakes the libtorch directory (from torch-sys) into the binary as an rpath, so `frner` runs
//! without LD_LIBRARY_PATH, and records it for loading libtorch_cuda at run time. Compiles the
//! small C++ bridge to FBGEMM's int8 GEMM (`src/model/ffi/fbgemm.cpp`) against the same
//! libtorch's headers.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    println!("cargo:rerun-if-changed=src/model/ffi/fbgemm.cpp");
    println!("cargo:rerun-if-changed=src/model/ffi/gelu.h");
    println!("cargo:rerun-if-changed=src/model/ffi/simd.h");
    let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") else {
        panic!("torch-sys did not report the libtorch directory (DEP_TCH_LIBTORCH_LIB)");
    };
    println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    println!("cargo:rustc-env=FRNER_BUILD_LIBTORCH_LIB={dir}");
    // The wheel's layout: torch/lib beside torch/include.
    let include = PathBuf::from(&dir).join("..").join("include");
    // torch >= 2.6 wheels use the C++11 string ABI, as torch-sys assumes by default.
    let abi = std::env::var("LIBTORCH_CXX11_ABI").unwrap_or_else(|_| "1".to_owned());
    println!("cargo:rerun-if-env-changed=LIBTORCH_CXX11_ABI");
    let mut bridge = cc::Build::new();
    bridge
        .cpp(true)
        .file("src/model/ffi/fbgemm.cpp")
        .include(&include)
        .flag("-std=c++17")
        .flag(format!("-D_GLIBCXX_USE_CXX11_ABI={abi}"))
        .flag("-DGLOG_USE_GLOG_EXPORT")
        // frner reads no floating-point exception flags; without this GCC keeps the
        // comparisons of the GELU loop (gelu.h) as branches and does not vectorize it.
        .flag("-fno-trapping-math")
        .flag_if_supported("-Wno-unused-parameter")
        .warnings(false);
    // ATen's parallel_for is OpenMP code inlined from its headers: with the wheel's own
    // libgomp linked in, the bridge's loops share libtorch's thread pool (one OpenMP runtime);
    // without it they run on one thread.
    let gomp = PathBuf::from(&dir).join("libgomp.so.1").is_file();
    if gomp {
        bridge.flag("-fopenmp");
    }
    bridge.compile("frner_fbgemm");
    if gomp {
        // After the bridge's archive, which needs it.
        println!("cargo:rustc-link-search=native={dir}");
        println!("cargo:rustc-link-lib=dylib:+verbatim=libgomp.so.1");
    }
}
