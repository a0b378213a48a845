//! `cargo xtask codegen [--check] [--spec PATH] [--out PATH] [--normalize]`
//! `cargo xtask diff [--base REV] [--format text|markdown|json|changelog] [--spec PATH]`
//!
//! Exit codes of `diff`: 0 no breaking change; 1 breaking changes found;
//! 3 a spec cannot be read (at the base revision or in the working tree).
//!
//! Exit codes of `codegen` (also in the README):
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
    /// Report what the spec's changes since a git revision mean for consumers
    /// of the generated crate. Exit 1 when something is breaking.
    Diff {
        /// The revision to compare with [default: the merge base with main,
        /// or HEAD on main].
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The spec, relative to the current directory [default: openapi/tokens.yaml
        /// in the workspace].
        #[arg(long, value_name = "PATH")]
        spec: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
    /// The entry for the crate's CHANGELOG.md (Keep a Changelog).
    Changelog,
}

fn main() -> ExitCode {
    let (check, spec, out, normalize) = match Cli::parse().task {
        Task::Codegen {
            check,
            spec,
            out,
            normalize,
        } => (check, spec, out, normalize),
        Task::Diff { base, format, spec } => return diff(base, format, spec),
    };
    let defaults = Paths::workspace_default();
    let paths = Paths {
        spec: spec.unwrap_or(defaults.spec),
        out: out.unwrap_or(defaults.out),
    };
    let mode = if check { Mode::Check } else { Mode::Write };
    match codegen_task::generate(&paths, normalize)
        .and_then(|files| codegen_task::ensure_files(&files, mode))
    {
        Ok(Outcome::Unchanged) => {
            println!(
                "{} are up to date with {}",
                outputs(&paths),
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
    let companions: Vec<String> = codegen::Target::ALL[1..]
        .iter()
        .map(|target| name(target.path(&paths.out)))
        .collect();
    format!("{} (+ {})", paths.out_name(), companions.join(", "))
}

fn diff(base: Option<String>, format: Format, spec: Option<String>) -> ExitCode {
    use xtask::diff::{self, Report};
    let (dir, path) = match spec {
        Some(path) => (PathBuf::from("."), path),
        None => (
            codegen_task::workspace_root(),
            codegen_task::DEFAULT_SPEC.to_owned(),
        ),
    };
    let base = base.unwrap_or_else(|| diff::default_base(&dir));
    // Both revisions are generated in memory.
    let read = || -> Result<Report, String> {
        let old_text = diff::spec_at(&base, &dir, &path)?;
        let new_text = std::fs::read_to_string(dir.join(&path))
            .map_err(|e| format!("cannot read spec {path}: {e}"))?;
        let old =
            diff::revision(&old_text, &format!("{path} at {base}")).map_err(|e| e.to_string())?;
        let new = diff::revision(&new_text, &path).map_err(|e| e.to_string())?;
        Ok(Report::new(&old, &new))
    };
    let report = match read() {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(3);
        }
    };
    let title = format!("{path}, {base} → working tree");
    // The version the change needs: the consumer crate's at the base (the
    // last release), bumped; and the working tree's, if already set.
    let root = codegen_task::workspace_root();
    let manifest = codegen_task::CRATE_MANIFEST;
    let version_now = std::fs::read_to_string(root.join(manifest))
        .map_err(|e| e.to_string())
        .and_then(|text| diff::release::package_version(&text));
    let version_now = match version_now {
        Ok(version) => version,
        Err(message) => {
            eprintln!("error: cannot read the crate's version from {manifest}: {message}");
            return ExitCode::from(3);
        }
    };
    // A base from before the crate existed has no version: the working
    // tree's stands in.
    let version_then = diff::spec_at(&base, &root, manifest)
        .and_then(|text| diff::release::package_version(&text))
        .unwrap_or_else(|_| version_now.clone());
    let release = diff::release::Release::of(&report, &version_then, &version_now);
    print!(
        "{}",
        match format {
            Format::Text => diff::render::text(&report, &title, Some(&release)),
            Format::Markdown => diff::render::markdown(&report, &title, Some(&release)),
            Format::Json => diff::render::json(&report, &title, Some(&release)),
            Format::Changelog => diff::release::changelog(&report, &release),
        }
    );
    if report.is_breaking() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
