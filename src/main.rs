use clap::Parser;

fn main() {
    let cli = frner::cli::Cli::parse();
    match frner::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("frner: error: {e:#}");
            std::process::exit(frner::output::EXIT_FATAL);
        }
    }
}
