use clap::Parser;

fn main() {
    tune_malloc();
    reproducible_gemm();
    let cli = frner::cli::Cli::parse();
    match frner::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        // `frner tag … | head`: the reader has what it wanted; a Unix filter ends quietly.
        Err(e) if frner::cli::is_closed_pipe(&e) => std::process::exit(frner::exit::OK),
        Err(e) => {
            eprintln!("frner: error: {e:#}");
            std::process::exit(frner::exit::FATAL);
        }
    }
}

/// MKL's fp32 GEMM picks its code path by the number of rows, and on AVX-512 some paths sum
/// in another order: with K = 1,536 (the feed-forward output layer) a row's result changed in
/// its last bit once a call had 200 rows or more, so a record's scores depended on the rest
/// of its batch (`tests/partition.rs` failed on a 2-core Xeon). MKL's strict conditional
/// numerical reproducibility fixes the order whatever the shape and thread count; its cost
/// was not measurable (`frner bench`, accurate fp32, 3 interleaved rounds: 3,542 against
/// 3,382 tokens/s). MKL reads the variable at its first call; a user's `MKL_CBWR` wins.
fn reproducible_gemm() {
    if std::env::var_os("MKL_CBWR").is_none() {
        // Called first thing in `main`, before any other thread exists.
        std::env::set_var("MKL_CBWR", "AUTO,STRICT");
    }
}

/// glibc gives each thread that allocates its own arena (up to eight per core) and rarely
/// returns their memory, so peak RSS crept up with corpus length (252 MB for 10k records, 312
/// MB for 100k, 2 cores); two arenas kept it nearly flat (177 MB / 195 MB) at no measurable
/// cost there. But a thread waits for its arena's lock on every allocation, and tokenization
/// allocates on every subword: on the 16 cores of the GPU machine, with two arenas, 16
/// tokenizer threads ran slower than one (README, "GPU"). So one arena per core (at least
/// two): the same two on 2 cores. A user's `MALLOC_ARENA_MAX` wins.
///
/// glibc's adaptive thresholds map every buffer above the current mmap threshold afresh and
/// hand the heap's top back to the kernel above twice that threshold, so a batch's activations
/// (1–13 MB each) were faulted in and zeroed again and again: 0.3–3 million page faults and
/// 1–6 s of system time in a 1,000-document run whose model time is about 6 s. Activations stay
/// on the heap (mmap threshold 32 MiB, glibc's own upper bound) and at most 32 MiB of free top
/// is kept: 50–60 thousand faults and 0.2–0.3 s of system time in most runs, the same peak RSS
/// (README, "Memory of a corpus run"). With the mmap threshold held at 1 MiB the run was 40 %
/// slower, at 4 MiB 25–75 %. A user's `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_` or
/// either in `GLIBC_TUNABLES` wins.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            libc::mallopt(libc::M_ARENA_MAX, cores.clamp(2, 256) as libc::c_int);
        }
        let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
        let user_set = std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_some()
            || std::env::var_os("MALLOC_TRIM_THRESHOLD_").is_some()
            || tunables.contains("malloc.mmap_threshold")
            || tunables.contains("malloc.trim_threshold");
        if !user_set {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 32 << 20);
        }
    }
}
