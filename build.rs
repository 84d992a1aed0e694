//! Bakes the libtorch directory (from torch-sys) into the binary as an rpath, so `frner` runs
//! without LD_LIBRARY_PATH, and records it for loading libtorch_cuda at run time.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
        println!("cargo:rustc-env=FRNER_BUILD_LIBTORCH_LIB={dir}");
    }
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
}
