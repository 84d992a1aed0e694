use clap::Parser;

fn main() {
    limit_malloc_arenas();
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
/// keep it nearly flat (177 MB / 195 MB) at no measurable cost, since allocation is not on the hot path.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}
