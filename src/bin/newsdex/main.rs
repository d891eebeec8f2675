//! The `newsdex` binary: parse arguments, run the command, print one clear sentence on error.

mod args;
mod commands;
mod eval;
mod ner;
mod output;
mod topics;

use clap::Parser;

/// mimalloc instead of the system allocator: the indexer's worker threads allocate and free
/// analyses in parallel, which glibc's per-thread arenas turn into fragmentation (peak memory).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // `newsdex search … | head`: the reader went away; stop quietly, as Unix tools do.
        if info.to_string().contains("Broken pipe") {
            std::process::exit(0);
        }
        eprintln!("error: newsdex hit an internal bug ({info}); please report it with the command you ran.");
    }));
    let cli = args::Cli::parse();
    let level = if cli.quiet { "error" } else { "warn" };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("NEWSDEX_LOG").unwrap_or_else(|_| level.into()))
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match commands::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
