//! `cargo xtask codegen [--check] [--spec PATH] [--out PATH] [--normalize]`
//! `cargo xtask diff [--base REV] [--format text|markdown|json|changelog] [--spec PATH]`
//!
//! Parses the command line and runs one task; the tasks are in the library
//! (`xtask::codegen_task::command`, `xtask::diff::command`), and so are
//! their exit codes (`xtask::Exit`, tabled in docs/maintaining.md).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{codegen_task, diff};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Repository automation for the QuantCDN Tokens SDK"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate the client from the OpenAPI spec (writes only when the content changes).
    Codegen(codegen_task::Args),
    /// Report what the spec's changes since a git revision mean for consumers
    /// of the generated crate. Exit 1 when something is breaking.
    Diff(diff::Args),
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen(args) => codegen_task::command(&args),
        Task::Diff(args) => diff::command(&args),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap, not `main`, ends a usage error: its code must be the one
    /// `Exit::Usage` documents.
    #[test]
    fn a_usage_error_exits_with_exit_usage() {
        let error = Cli::try_parse_from(["cargo xtask", "codegen", "--no-such-flag"])
            .err()
            .expect("an unknown flag is a usage error");
        assert_eq!(error.exit_code(), i32::from(xtask::Exit::Usage.code()));
    }
}
