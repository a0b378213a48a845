//! `cargo xtask codegen [--check] [--spec PATH] [--out PATH] [--normalize] [--skip-failing]`
//! `cargo xtask diff [--base REV] [--format text|markdown|json|changelog] [--spec PATH]`
//! `cargo xtask client-crate --spec PATH --out DIR [--name NAME] [--normalize] [--skip-failing]`
//! `cargo xtask real-world [--specs DIR] [--only TEXT] [--no-check] [--skip-failing]`
//! `cargo xtask mutate [--runs N] [--seed S] [--first N] [--specs DIR] [--compile N]`
//! `cargo xtask upstream [--spec PATH [--pin]] [--write-guide] [--format text|markdown]`
//!
//! Parses the command line and runs one task; the tasks are in the library
//! (`xtask::codegen_task::command`, `xtask::diff::command`), and so are
//! their exit codes (`xtask::Exit`, tabled in docs/maintaining.md).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{client_crate, codegen_task, diff, mutate, real_world, upstream};

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
    /// Generate a client crate for any spec: the generated files, a
    /// `lib.rs` re-exporting the runtime crate's items they rely on, and a
    /// manifest with the dependencies they name, the runtime crate among
    /// them (written only when missing).
    ClientCrate(client_crate::Args),
    /// Make every real-world spec (../shared/specs) a client crate with its
    /// companions and `cargo check` each; print a table. Exit 1 when one is
    /// refused or does not compile.
    RealWorld(real_world::Args),
    /// A mutation campaign: specs derived from ours and the real-world ones
    /// by deleting, duplicating, retyping and re-pointing nodes, each
    /// generated and checked (no panic trace, no run over 10 s, output that
    /// parses, refusals that name a place). Exit 1 on any failure.
    Mutate(mutate::Args),
    /// Compare openapi/tokens.yaml with QuantCDN's published spec: without
    /// --spec, every difference from the pinned excerpt must be a decision
    /// of openapi/upstream/decisions.toml (exit 1 for a new difference or a
    /// stale decision); with --spec, report what a whole QuantCDN spec
    /// changes in the Tokens operations since the pinned version (exit 1
    /// when it changes something). Exit 3 for a file that is not a QuantCDN
    /// spec or has no Tokens operations.
    Upstream(upstream::Args),
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen(args) => codegen_task::command(&args),
        Task::Diff(args) => diff::command(&args),
        Task::ClientCrate(args) => client_crate::command(&args),
        Task::RealWorld(args) => real_world::command(&args),
        Task::Mutate(args) => mutate::command(&args),
        Task::Upstream(args) => upstream::command(&args),
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
