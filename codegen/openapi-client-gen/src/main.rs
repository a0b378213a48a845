//! `openapi-client-gen`: a Rust client crate from an OpenAPI document, and
//! the review of a change of that document for the crate's users.
//!
//! ```text
//! openapi-client-gen client-crate --spec PATH --out DIR [--name NAME] [--normalize] [--skip-failing] [--runtime-path DIR]
//! openapi-client-gen review (--old PATH | --base REV) --spec PATH [--version X.Y.Z | --crate DIR] [--normalize] [--format F]
//! openapi-client-gen corpus --specs DIR [--only TEXT] [--sample N] [--half 0|1] [--seed S] [--jobs N] [--timeout SECONDS] [--check N] [--work DIR] [--runtime-path DIR] [--results FILE]
//! openapi-client-gen mutate [--runs N] [--seed S] [--first N] [--specs DIR] [--show-refusals] [--compile N] [--work DIR]
//! ```
//!
//! Parses the command line and runs one command of the library; the exit
//! codes are `Exit`'s (the README tables them).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openapi_client_gen::client_crate::{self, Runtime};
use openapi_client_gen::generate::Flags;
use openapi_client_gen::review::{self, Old};
use openapi_client_gen::{Exit, corpus, mutate};

#[derive(Parser)]
#[command(
    name = "openapi-client-gen",
    version,
    about = "Rust client crates from OpenAPI documents, and what a change of a document means for their users"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make (or refresh) a client crate from a spec: the generated client,
    /// its httpmock helpers (feature `mock`) and a clap CLI (feature `cli`),
    /// a `lib.rs` and a manifest (both written only when missing). Exit 3 for
    /// a spec that cannot be read, 4 for one progenitor cannot generate, 5
    /// for a directory that holds something else.
    ClientCrate(ClientCrateArgs),
    /// Say what a change of a spec means for the users of the crate made
    /// from it: each difference, breaking or not, and the version the next
    /// release needs. Exit 1 when something breaks, 3 when a side cannot be
    /// read or generated.
    Review(ReviewArgs),
    /// Generate every spec of a folder (as it is, then `--normalize`, then
    /// `--skip-failing` too, each spec in a process of its own) and print
    /// what generates, what is refused and why; with `--check N`, make N of
    /// them client crates and `cargo check` them. Exit 1 when the generator
    /// failed a spec (a panic, an abort, out of time) or a crate does not
    /// compile; a refusal is the spec's, and does not.
    Corpus(CorpusArgs),
    /// One spec as `corpus` runs it, as one JSON line (`corpus` runs each
    /// spec so, in a process of its own).
    #[command(hide = true)]
    CorpusOne(CorpusOneArgs),
    /// A mutation campaign against the generator: specs derived from its own
    /// by deleting, duplicating, retyping and re-pointing nodes, each
    /// generated and checked (no panic trace, no run over 10 s, output that
    /// parses, refusals that name a place). Exit 1 on any failure.
    Mutate(MutateArgs),
}

#[derive(clap::Args)]
struct ClientCrateArgs {
    /// The OpenAPI 3.0 or 3.1 document to generate from (YAML or JSON).
    #[arg(long, value_name = "PATH")]
    spec: PathBuf,
    /// The crate's directory: new, empty, or a crate this command made.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The package name [default: the directory's name].
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    generation: GenerationArgs,
    /// Depend on the runtime at this folder (a checkout's
    /// `codegen/openapi-client-runtime`), written relative to the crate
    /// [default: by version; by path when the crate is made inside this
    /// generator's own workspace].
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
}

#[derive(clap::Args)]
struct GenerationArgs {
    /// Rewrite what progenitor cannot generate, printing each change on stderr.
    #[arg(long)]
    normalize: bool,
    /// Leave out the operations progenitor cannot generate, instead of
    /// refusing the spec: each is named with its reason on stderr and in
    /// every generated file's header.
    #[arg(long)]
    skip_failing: bool,
}

#[derive(clap::Args)]
struct ReviewArgs {
    /// The spec as it is now (the crate's next release).
    #[arg(long, value_name = "PATH")]
    spec: PathBuf,
    /// The spec as it was (the crate's last release), a file.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "base",
        required_unless_present = "base"
    )]
    old: Option<PathBuf>,
    /// The spec as it was: the same file at this git revision.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// The crate's last released version [default: its Cargo.toml's with
    /// --crate, else 0.1.0].
    #[arg(long, value_name = "X.Y.Z", conflicts_with = "crate_dir")]
    version: Option<semver::Version>,
    /// The crate's directory, whose Cargo.toml gives the version.
    #[arg(long = "crate", value_name = "DIR")]
    crate_dir: Option<PathBuf>,
    /// Read both sides as `client-crate --normalize` does.
    #[arg(long)]
    normalize: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How a review is printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
    /// The entry for the crate's CHANGELOG.md (Keep a Changelog).
    Changelog,
}

#[derive(clap::Args)]
struct CorpusArgs {
    /// The folder of specs, read at any depth.
    #[arg(long, value_name = "DIR")]
    specs: PathBuf,
    /// Only the specs whose path contains this text.
    #[arg(long)]
    only: Option<String>,
    /// Only this many specs, drawn with `--seed`.
    #[arg(long, value_name = "N")]
    sample: Option<usize>,
    /// Only one half of the specs (0 or 1), drawn with `--seed`: work on
    /// one, keep the other to see that what was learnt holds.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=1))]
    half: Option<u8>,
    /// The seed of `--sample`, `--half` and `--check`.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Specs generated at once, each in a process of its own.
    #[arg(long, value_name = "N", default_value_t = default_jobs())]
    jobs: usize,
    /// The seconds one spec may take; a spec that takes longer is stopped
    /// and counted.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    timeout: u64,
    /// Then make N of the specs that generate client crates, and `cargo
    /// check` them with their mocks and CLI (the network the first time).
    #[arg(long, value_name = "N", default_value_t = 0)]
    check: usize,
    /// Where those crates are made, one cargo workspace.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "target/openapi-client-gen/corpus"
    )]
    work: PathBuf,
    /// As for `client-crate`.
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// Each spec's result, one JSON line, written to this file too.
    #[arg(long, value_name = "FILE")]
    results: Option<PathBuf>,
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

#[derive(clap::Args)]
struct CorpusOneArgs {
    #[arg(long, value_name = "PATH")]
    spec: PathBuf,
}

#[derive(clap::Args)]
struct MutateArgs {
    /// How many mutated specs to generate.
    #[arg(long, default_value_t = 10_000)]
    runs: usize,
    /// The campaign's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The number of the first run (to replay one: `--first N --runs 1`).
    #[arg(long, default_value_t = 0)]
    first: usize,
    /// Real-world specs to mutate too, beside the generator's own.
    #[arg(long, value_name = "DIR")]
    specs: Option<PathBuf>,
    /// Print every refusal's message (to review what "names a place" accepts).
    #[arg(long)]
    show_refusals: bool,
    /// Then make the first N generated specs client crates and `cargo
    /// check` them with their mocks and CLI: what generates must compile,
    /// not only parse.
    #[arg(long, value_name = "N", default_value_t = 0)]
    compile: usize,
    /// Where those crates are made.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "target/openapi-client-gen/mutate"
    )]
    work: PathBuf,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::ClientCrate(args) => make_client_crate(&args),
        Command::Review(args) => review(&args),
        Command::Corpus(args) => corpus::command(&corpus::Options {
            runtime: client_crate::runtime_for(&args.work, args.runtime_path.as_deref()),
            specs: args.specs,
            only: args.only,
            sample: args.sample,
            half: args.half,
            seed: args.seed,
            jobs: args.jobs,
            timeout: std::time::Duration::from_secs(args.timeout),
            check: args.check,
            work: args.work,
            results: args.results,
        }),
        Command::CorpusOne(args) => corpus::command_one(&args.spec),
        Command::Mutate(args) => mutate::command(&mutate::Options {
            runs: args.runs,
            seed: args.seed,
            first: args.first,
            specs: args.specs,
            show_refusals: args.show_refusals,
            compile: args.compile,
            work: args.work,
        }),
    }
    .into()
}

fn make_client_crate(args: &ClientCrateArgs) -> Exit {
    let name = match client_crate::package_name(args.name.as_deref(), &args.out) {
        Ok(name) => name,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Usage;
        }
    };
    let flags = Flags {
        normalize: args.generation.normalize,
        skip_failing: args.generation.skip_failing,
    };
    let runtime = client_crate::runtime_for(&args.out, args.runtime_path.as_deref());
    if let Runtime::Path(path) = &runtime
        && !path.join("Cargo.toml").is_file()
    {
        eprintln!(
            "error: {}: no runtime crate there (give a checkout's codegen/openapi-client-runtime)",
            path.display()
        );
        return Exit::Usage;
    }
    match client_crate::write(&args.spec, &args.out, &name, flags, &runtime) {
        Ok(written) => {
            written.generation.print_changes();
            for (crate_name, line) in &written.missing {
                eprintln!(
                    "warning: the generated code names `{crate_name}`, which {} does not depend on: add `{crate_name} = {line}` under [dependencies]",
                    args.out.join("Cargo.toml").display()
                );
            }
            for crate_name in &written.dependencies.unknown {
                eprintln!(
                    "warning: the generated code names `{crate_name}`, a crate this command does not know: add it to {} yourself",
                    args.out.join("Cargo.toml").display()
                );
            }
            println!(
                "{} the crate {name} in {} from {}{}",
                if written.created {
                    "created"
                } else {
                    "refreshed"
                },
                args.out.display(),
                args.spec.display(),
                kept_share(&written.generation.skipped, &args.spec),
            );
            Exit::Success
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit()
        }
    }
}

/// `; 12 of 40 operations left out (70% kept)` when `--skip-failing` left
/// operations out, so that the last line says what the crate lacks.
fn kept_share(skipped: &[codegen::LeftOut], spec: &Path) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let total = std::fs::read_to_string(spec)
        .ok()
        .and_then(|text| {
            let generator = codegen::Generator::new(codegen::Settings::new("spec").normalize(true));
            generator.document(&text).ok()
        })
        .map(|document| document.spec.operations().count())
        .unwrap_or(0)
        .max(skipped.len());
    let kept = total - skipped.len();
    format!(
        "; {} of {total} operations left out ({}% kept)",
        skipped.len(),
        kept * 100 / total.max(1)
    )
}

fn review(args: &ReviewArgs) -> Exit {
    let old = match (&args.old, &args.base) {
        (Some(path), _) => Old::File(path.clone()),
        (None, Some(rev)) => Old::Revision(rev.clone()),
        (None, None) => unreachable!("clap requires --old or --base"),
    };
    let version = match (&args.version, &args.crate_dir) {
        (Some(version), _) => version.clone(),
        (None, Some(dir)) => match review::crate_version(dir) {
            Ok(version) => version,
            Err(message) => {
                eprintln!("error: {message}");
                return Exit::UnreadableSpec;
            }
        },
        (None, None) => semver::Version::new(0, 1, 0),
    };
    let reviewed = match review::review(&old, &args.spec, &version, args.normalize) {
        Ok(reviewed) => reviewed,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::UnreadableSpec;
        }
    };
    use api_review::{release, render};
    let (report, release, title) = (&reviewed.report, &reviewed.release, &reviewed.title);
    print!(
        "{}",
        match args.format {
            Format::Text => render::text(report, title, Some(release)),
            Format::Markdown => render::markdown(report, title, Some(release)),
            Format::Json => render::json(report, title, Some(release)),
            Format::Changelog => release::changelog(report, release),
        }
    );
    if report.is_breaking() {
        Exit::StaleOrBreaking
    } else {
        Exit::Success
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap, not `main`, ends a usage error: its code must be the one
    /// `Exit::Usage` documents.
    #[test]
    fn a_usage_error_exits_with_exit_usage() {
        let error = Cli::try_parse_from(["openapi-client-gen", "client-crate", "--no-such-flag"])
            .err()
            .expect("an unknown flag is a usage error");
        assert_eq!(error.exit_code(), i32::from(Exit::Usage.code()));
    }
}
