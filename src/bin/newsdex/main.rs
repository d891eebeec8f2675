//! The `newsdex` binary: parse arguments, run the command, print one clear sentence on error.

/// Writes a line to standard output. A reader that went away (`newsdex search … | head`) is told
/// by the write's `io::ErrorKind::BrokenPipe`: stop quietly, as Unix tools do.
macro_rules! out {
    () => { $crate::write_line(format_args!("")) };
    ($($arg:tt)*) => { $crate::write_line(format_args!($($arg)*)) };
}

mod args;
mod commands;
mod eval;
mod ner;
mod output;
mod topics;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Parser;

/// mimalloc instead of the system allocator: the indexer's worker threads allocate and free
/// analyses in parallel, which glibc's per-thread arenas turn into fragmentation (peak memory).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // A dependency's panic on a bad file is contained: that file is reported and skipped.
        if newsdex::util::contain::panic_is_contained() {
            return;
        }
        eprintln!("error: newsdex hit an internal bug ({info}); please report it with the command you ran.");
    }));
    // Built with `--features failpoints`, FAILPOINTS="index:after_batch=panic" stops a run there.
    #[cfg(feature = "failpoints")]
    let _failpoints = fail::FailScenario::setup();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => exit_on_bad_arguments(e),
    };
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
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's message, or for a query word taken for a flag (`newsdex search -coffee`) says
/// how to write an exclusion; exits as clap does.
fn exit_on_bad_arguments(e: clap::Error) -> ! {
    if e.kind() == ErrorKind::UnknownArgument {
        if let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) {
            // clap names the first letter of `-coffee` (short flags cluster): find the whole word.
            let whole = std::env::args().skip(1).find(|a| a.starts_with(arg.as_str()) && !a.starts_with("--"));
            let arg = whole.unwrap_or_else(|| arg.clone());
            let word = arg.strip_prefix('-').filter(|w| w.chars().next().is_some_and(char::is_alphanumeric));
            if let Some(word) = word {
                eprintln!(
                    "error: {arg} was taken for an option. To leave out articles with {word:?}, write `newsdex search -- {arg}` or `newsdex search \"NOT {word}\"`."
                );
                std::process::exit(2);
            }
        }
    }
    e.exit()
}

/// The line behind [`out!`].
pub(crate) fn write_line(args: std::fmt::Arguments) {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    if let Err(e) = lock.write_fmt(args).and_then(|_| lock.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write the output: {e}.");
        std::process::exit(1);
    }
}

/// True when the error is a write to a reader that went away (streamed output such as `export`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind) == Some(BrokenPipe)
            || match cause.downcast_ref::<newsdex::Error>() {
                Some(newsdex::Error::Io { source, .. }) => source.kind() == BrokenPipe,
                Some(newsdex::Error::Json(j)) => j.io_error_kind() == Some(BrokenPipe),
                _ => false,
            }
    })
}
