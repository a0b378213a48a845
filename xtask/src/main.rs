//! `cargo xtask codegen [--check] [--spec PATH] [--out PATH]`
//!
//! Exit codes (also in the README):
//! 0 done, or in sync with `--check`; 1 stale (`--check`); 2 usage;
//! 3 the spec cannot be read or is not a valid OpenAPI 3.0.x document;
//! 4 progenitor cannot generate a client from it; 5 the output cannot be written.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::codegen_task::{self, Mode, Outcome, Paths};

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
    Codegen {
        /// Write nothing; exit 1 with a diff when the file on disk is stale.
        #[arg(long)]
        check: bool,
        /// The spec to read [default: openapi/tokens.yaml in the workspace].
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// The file to write or check [default: generated-client/src/generated.rs].
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Rewrite what progenitor cannot generate (for specs we do not own),
        /// printing each change on stderr.
        #[arg(long)]
        normalize: bool,
    },
}

fn main() -> ExitCode {
    let Task::Codegen {
        check,
        spec,
        out,
        normalize,
    } = Cli::parse().task;
    let defaults = Paths::workspace_default();
    let paths = Paths {
        spec: spec.unwrap_or(defaults.spec),
        out: out.unwrap_or(defaults.out),
    };
    let mode = if check { Mode::Check } else { Mode::Write };
    match codegen_task::run(&paths, mode, normalize) {
        Ok(Outcome::Unchanged) => {
            println!(
                "{} is up to date with {}",
                paths.out_name(),
                paths.spec_name()
            );
            ExitCode::SUCCESS
        }
        Ok(Outcome::Written) => {
            println!("wrote {} from {}", outputs(&paths), paths.spec_name());
            ExitCode::SUCCESS
        }
        Ok(Outcome::Stale { diff }) => {
            print!("{diff}");
            eprintln!(
                "error: {} are stale: they differ from what {} generates (diff above); run `{}`",
                outputs(&paths),
                paths.spec_name(),
                codegen_task::command_for(&paths) + if normalize { " --normalize" } else { "" },
            );
            ExitCode::from(1)
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

fn outputs(paths: &Paths) -> String {
    let name = |p: PathBuf| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    format!(
        "{} (+ {}, {})",
        paths.out_name(),
        name(paths.httpmock_out()),
        name(paths.cli_out())
    )
}
