use clap::Parser;

fn main() {
    tune_malloc();
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

/// glibc gives each thread that allocates its own arena and rarely returns their memory, so
/// peak RSS crept up with corpus length (252 MB for 10k records, 312 MB for 100k); two arenas
/// keep it nearly flat (177 MB / 195 MB) at no measurable cost, since allocation is not on the
/// hot path. A user's `MALLOC_ARENA_MAX` wins.
///
/// glibc's mmap threshold is left to adapt: held at 1 MiB (`MALLOC_MMAP_THRESHOLD_=1048576`)
/// the fast model's 1,000-document int8 run peaked at 236 MB instead of about 350 MB, but ran
/// 40 % slower (every batch's buffers mapped and zeroed afresh); see the README.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
