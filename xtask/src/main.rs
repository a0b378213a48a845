//! `cargo xtask codegen [--check] [--spec PATH] [--out PATH] [--normalize] [--skip-failing]`
//! `cargo xtask diff [--base REV] [--format text|markdown|json|changelog] [--spec PATH]`
//! `cargo xtask upstream [--spec PATH [--pin]] [--write-guide] [--format text|markdown]`
//!
//! Parses the command line and runs one task; the tasks are in the library
//! (`xtask::codegen_task::command`, `xtask::diff::command`), and so are
//! their exit codes (`xtask::Exit`, tabled in docs/maintaining.md).
//!
//! Built lean on purpose: `cargo xtask` is `cargo run --package xtask
//! --no-default-features` (.cargo/config.toml), so `cargo xtask codegen`
//! builds codegen and the generator's writer, and no review, no clap. A
//! task that needs the review (`diff`, `upstream`) runs this binary again
//! through cargo with its default features, which builds the review the
//! first time it is asked for.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use xtask::Exit;
use xtask::codegen_task;

const USAGE: &str = "\
Usage: cargo xtask <TASK> [FLAGS]

Tasks:
  codegen   Regenerate the client from the OpenAPI spec (writes only when the content changes)
              --check          write nothing; exit 1 with a diff when a generated file is stale
              --spec PATH      the spec [default: openapi/tokens.yaml]
              --out PATH       the client file [default: generated-client/src/generated.rs]
              --normalize      rewrite what progenitor cannot generate, each change on stderr
              --skip-failing   leave out the operations progenitor cannot generate
  diff      Report what the spec's changes since a git revision mean for consumers of the
            generated crate; exit 1 when something is breaking
              --base REV       [default: the merge base with main, or HEAD on main]
              --format F       text, markdown, json or changelog [default: text]
              --spec PATH      the spec, relative to the current directory
  upstream  Compare openapi/tokens.yaml with QuantCDN's published spec: without --spec, every
            difference from the pinned excerpt must be a decision of
            openapi/upstream/decisions.toml; with --spec, report what a whole QuantCDN spec
            changes in the Tokens operations since the pinned version. Exit 3 for a file
            that is not a QuantCDN spec or has no Tokens operations
              --spec PATH      a whole QuantCDN spec (YAML or JSON)
              --pin            with --spec: then pin its Tokens operations
              --write-guide    without --spec: rewrite the guide's table of decisions
              --format F       text or markdown [default: text]

The generator for anyone's spec is `openapi-client-gen` (codegen/openapi-client-gen).
";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let task = args.first().and_then(|a| a.to_str()).unwrap_or_default();
    match task {
        "codegen" => match parse_codegen(&args[1..]) {
            Ok(args) => codegen_task::command(&args),
            Err(message) => usage(&message),
        },
        "diff" | "upstream" => review_task(&args),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Exit::Success
        }
        "" => usage("a task is required"),
        other => usage(&format!("unknown task {other:?}")),
    }
    .into()
}

/// One line on stderr and the usage, exit 2.
fn usage(message: &str) -> Exit {
    eprintln!("error: {message}\n\n{USAGE}");
    Exit::Usage
}

fn parse_codegen(args: &[OsString]) -> Result<codegen_task::Args, String> {
    use lexopt::Arg::Long;
    let mut parsed = codegen_task::Args::default();
    let mut parser = lexopt::Parser::from_args(args.iter().cloned());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("check") => parsed.check = true,
            Long("normalize") => parsed.normalize = true,
            Long("skip-failing") => parsed.skip_failing = true,
            Long("spec") => parsed.spec = Some(path(&mut parser)?),
            Long("out") => parsed.out = Some(path(&mut parser)?),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(parsed)
}

fn path(parser: &mut lexopt::Parser) -> Result<PathBuf, String> {
    parser.value().map(PathBuf::from).map_err(|e| e.to_string())
}

/// `diff` and `upstream`, in this binary when it was built with the review.
#[cfg(feature = "review")]
fn review_task(args: &[OsString]) -> Exit {
    match review::parse(args) {
        Ok(review::Task::Diff(args)) => xtask::diff::command(&args),
        Ok(review::Task::Upstream(args)) => xtask::upstream::command(&args),
        Err(message) => usage(&message),
    }
}

/// `diff` and `upstream` from a lean build: the same binary again, built
/// with its default features, which include the review.
#[cfg(not(feature = "review"))]
fn review_task(args: &[OsString]) -> Exit {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .status();
    match status {
        Ok(status) => match status.code() {
            Some(0) => Exit::Success,
            Some(1) => Exit::StaleOrBreaking,
            Some(2) => Exit::Usage,
            Some(3) => Exit::UnreadableSpec,
            Some(4) => Exit::Generator,
            _ => Exit::Write,
        },
        Err(e) => {
            eprintln!("error: cannot run cargo for the review: {e}");
            Exit::Write
        }
    }
}

#[cfg(feature = "review")]
mod review {
    use std::ffi::OsString;

    use lexopt::Arg::Long;

    pub enum Task {
        Diff(xtask::diff::Args),
        Upstream(xtask::upstream::Args),
    }

    pub fn parse(args: &[OsString]) -> Result<Task, String> {
        let task = args[0].to_str().unwrap_or_default();
        let mut parser = lexopt::Parser::from_args(args[1..].iter().cloned());
        let value = |parser: &mut lexopt::Parser| -> Result<String, String> {
            parser
                .value()
                .map_err(|e| e.to_string())?
                .into_string()
                .map_err(|v| format!("{v:?} is not UTF-8"))
        };
        if task == "diff" {
            let mut diff = xtask::diff::Args::default();
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("base") => diff.base = Some(value(&mut parser)?),
                    Long("spec") => diff.spec = Some(value(&mut parser)?),
                    Long("format") => diff.format = value(&mut parser)?.parse()?,
                    other => return Err(other.unexpected().to_string()),
                }
            }
            return Ok(Task::Diff(diff));
        }
        let mut upstream = xtask::upstream::Args::default();
        while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
            match arg {
                Long("spec") => upstream.spec = Some(value(&mut parser)?.into()),
                Long("pin") => upstream.pin = true,
                Long("write-guide") => upstream.write_guide = true,
                Long("format") => upstream.format = value(&mut parser)?.parse()?,
                other => return Err(other.unexpected().to_string()),
            }
        }
        if upstream.pin && upstream.spec.is_none() {
            return Err("--pin needs --spec".to_owned());
        }
        if upstream.write_guide && upstream.spec.is_some() {
            return Err("--write-guide cannot be used with --spec".to_owned());
        }
        Ok(Task::Upstream(upstream))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A usage error ends with `Exit::Usage`, and names what was wrong.
    #[test]
    fn a_usage_error_names_the_flag() {
        let error = parse_codegen(&["--no-such-flag".into()]).unwrap_err();
        assert!(error.contains("--no-such-flag"), "{error}");
        let error = parse_codegen(&["--spec".into()]).unwrap_err();
        assert!(error.contains("--spec"), "{error}");
        let parsed = parse_codegen(&["--check".into(), "--spec".into(), "a.yaml".into()]).unwrap();
        assert!(parsed.check && parsed.spec == Some(PathBuf::from("a.yaml")));
    }
}
