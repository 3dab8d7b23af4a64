//! The `newsdex` binary: parse the command line, run the command, map the outcome to an exit
//! code (0 found / success, 1 nothing found, 2 error — as ripgrep does).

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: building the gazetteer's tables at start-up and
/// the many short-lived buffers of indexing and search spent up to a third of their time in
/// glibc's malloc and free (a one-off search, in a profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(commands::Outcome::Found) => ExitCode::from(0),
        Ok(commands::Outcome::NothingFound) => ExitCode::from(1),
        Err(err) => {
            if commands::is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            eprintln!("newsdex: {err:#}");
            ExitCode::from(2)
        }
    }
}
