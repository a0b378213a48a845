//! `openapi-client-gen corpus --check N`: a seeded sample of N specs that
//! generate, each made a client crate with its companions (`client_crate`,
//! in the mode it generated in), then `cargo check --features mock,cli` on
//! each. Prints one table: per spec its operations, normalisations, lines
//! of the client, the mocks and the CLI, generation time, check time and
//! result, then each failing crate's first errors. It needs the network
//! the first time (the crates' dependencies).
//!
//! The crates go to the work directory, one cargo workspace with its own
//! target directory, so a second run checks only what changed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::Options;
use crate::client_crate::{self, Runtime};
use crate::generate::Flags;

/// One spec's line of the report.
#[derive(Debug)]
pub struct Row {
    pub spec: String,
    pub operations: usize,
    pub normalizations: usize,
    /// Operations left out (`--skip-failing`).
    pub skipped: usize,
    /// Lines of the client, the mocks and the CLI.
    pub lines: [usize; 3],
    pub generation: Duration,
    pub check: Option<Checked>,
    /// Why the crate could not be made (the spec refused, say).
    pub refused: Option<String>,
}

/// What `cargo check` said of one crate.
#[derive(Debug)]
pub struct Checked {
    pub time: Duration,
    /// Errors per generated file (`generated.rs`, `generated_httpmock.rs`,
    /// `generated_cli.rs`, or another file).
    pub errors: Vec<(String, usize)>,
    /// The first errors' texts, for the report.
    pub first_errors: Vec<String>,
}

impl Checked {
    pub(super) fn error_count(&self) -> usize {
        self.errors.iter().map(|(_, n)| n).sum()
    }
}

/// The flags a spec generated with in the corpus run (`None`: it did not).
fn flags_of(result: &Value) -> Option<Flags> {
    let ok = |mode: &str| result[mode]["ok"] == true;
    let (normalize, skip_failing) = if ok("plain") {
        (false, false)
    } else if ok("normalize") {
        (true, false)
    } else if ok("skip") {
        (true, true)
    } else {
        return None;
    };
    Some(Flags {
        normalize,
        skip_failing,
    })
}

/// `options.check` specs drawn with `options.seed` among those that
/// generated, made crates and checked, the smallest first.
pub(super) fn sample(results: &[Value], options: &Options) -> Vec<Row> {
    let mut generated: Vec<(PathBuf, Flags)> = results
        .iter()
        .filter_map(|r| Some((PathBuf::from(r["spec"].as_str()?), flags_of(r)?)))
        .collect();
    let mut rng = fastrand::Rng::with_seed(options.seed);
    rng.shuffle(&mut generated);
    generated.truncate(options.check);
    generated.sort_by(|a, b| a.0.cmp(&b.0));
    let root = &options.work;
    let mut rows = Vec::new();
    let mut crates = Vec::new();
    for (spec, flags) in &generated {
        let name = crate_name(spec);
        eprintln!("making {} …", spec.display());
        let (row, made) = generate(spec, &root.join(&name), &name, *flags, &options.runtime);
        if made {
            crates.push(name);
        }
        rows.push(row);
    }
    if let Err(e) = write_workspace(root, &crates) {
        eprintln!("error: cannot write {}: {e}", root.display());
        return rows;
    }
    // The smallest crate first: its time includes building the
    // dependencies, which the table says.
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].refused.is_none())
        .collect();
    order.sort_by_key(|&i| rows[i].lines.iter().sum::<usize>());
    for i in order {
        let name = crate_name(&generated[i].0);
        eprintln!("checking {name} …");
        rows[i].check = Some(check(root, &name));
    }
    rows
}

/// `vendor/api/quantcdn-api-4.19.0.yaml` →
/// `rw-vendor-api-quantcdn-api-4-19-0-yaml`: the file and its two folders,
/// as specs in a directory of vendors share file names (`openapi.json`).
fn crate_name(spec: &Path) -> String {
    let mut parts: Vec<String> = spec
        .components()
        .rev()
        .take(3)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|c| c != "/" && c != "." && c != "..")
        .collect();
    parts.reverse();
    let slug: String = parts
        .join("-")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("rw-{slug}")
}

/// Generates `spec` into the crate at `dir`; the row, and whether a crate
/// was made.
fn generate(spec: &Path, dir: &Path, name: &str, flags: Flags, runtime: &Runtime) -> (Row, bool) {
    let operations = std::fs::read_to_string(spec)
        .ok()
        .and_then(|text| {
            let name = spec.display().to_string();
            let generator = codegen::Generator::new(codegen::Settings::new(&name).normalize(true));
            generator.document(&text).ok().map(|document| document.spec)
        })
        .map(|api| api.operations().count())
        .unwrap_or(0);
    let written = client_crate::write(spec, dir, name, flags, runtime);
    let mut row = Row {
        spec: spec
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        operations,
        normalizations: 0,
        skipped: 0,
        lines: [0; 3],
        generation: Duration::ZERO,
        check: None,
        refused: None,
    };
    match written {
        Ok(written) => {
            row.normalizations = written.generation.normalizations.len();
            row.skipped = written.generation.skipped.len();
            row.generation = written.generation_time;
            for (slot, output) in row.lines.iter_mut().zip(&written.generation.outputs) {
                *slot = output.content.lines().count();
            }
            (row, true)
        }
        Err(failure) => {
            row.refused = Some(failure.to_string());
            (row, false)
        }
    }
}

fn write_workspace(root: &Path, crates: &[String]) -> std::io::Result<()> {
    let members: Vec<String> = crates.iter().map(|c| format!("\"{c}\"")).collect();
    std::fs::create_dir_all(root)?;
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "# Written by `openapi-client-gen corpus`.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
}

/// `cargo check --features mock,cli` of one crate of the workspace.
fn check(root: &Path, name: &str) -> Checked {
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--package",
            name,
            "--features",
            "mock,cli",
            "--message-format=json",
            "--quiet",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("RUSTFLAGS")
        .output();
    let time = started.elapsed();
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            return Checked {
                time,
                errors: vec![("cargo".into(), 1)],
                first_errors: vec![format!("cannot run cargo: {e}")],
            };
        }
    };
    let mut errors: Vec<(String, usize)> = Vec::new();
    let mut first_errors = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let message = &message["message"];
        let Some(span) = message["spans"].as_array().and_then(|s| s.first()) else {
            continue; // "aborting due to N previous errors"
        };
        let file = Path::new(span["file_name"].as_str().unwrap_or("?"))
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match errors.iter_mut().find(|(f, _)| *f == file) {
            Some((_, n)) => *n += 1,
            None => errors.push((file, 1)),
        }
        if first_errors.len() < 3 {
            first_errors.push(message["rendered"].as_str().unwrap_or_default().to_owned());
        }
    }
    if !output.status.success() && errors.is_empty() {
        errors.push(("cargo".into(), 1));
        first_errors.push(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Checked {
        time,
        errors,
        first_errors,
    }
}

/// A refusal in one table cell: its line, or for several problems (a
/// heading, then one per line) the heading, the first and how many more.
fn first_problem(why: &str) -> String {
    let mut lines = why.lines();
    let first = lines.next().unwrap_or_default();
    let problems: Vec<&str> = lines.map(str::trim).collect();
    match problems.as_slice() {
        [] => first.to_owned(),
        [only] => format!("{first} {only}"),
        [next, rest @ ..] => format!("{first} {next} (and {} more lines)", rest.len()),
    }
}

/// The table, then the first errors of each crate that failed.
pub fn report(rows: &[Row]) -> String {
    let mut out = String::from(
        "| spec | operations | normalisations | left out | lines client / mock / CLI | generation | cargo check (mock, cli) |\n|---|---:|---:|---:|---|---:|---|\n",
    );
    for row in rows {
        let result = match (&row.refused, &row.check) {
            (Some(why), _) => format!("refused: {}", first_problem(why)),
            (None, None) => "not checked".to_owned(),
            (None, Some(c)) if c.error_count() == 0 => {
                format!("{:.1} s, compiles", c.time.as_secs_f64())
            }
            (None, Some(c)) => format!(
                "{:.1} s, {} errors ({})",
                c.time.as_secs_f64(),
                c.error_count(),
                c.errors
                    .iter()
                    .map(|(f, n)| format!("{f}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let [client, mock, cli] = row.lines;
        writeln!(
            out,
            "| {} | {} | {} | {} | {client} / {mock} / {cli} | {:.0} ms | {result} |",
            row.spec,
            row.operations,
            row.normalizations,
            row.skipped,
            row.generation.as_secs_f64() * 1e3,
        )
        .unwrap();
    }
    for row in rows {
        if let Some(check) = row.check.as_ref().filter(|c| c.error_count() > 0) {
            writeln!(out, "\n{}: first errors\n", row.spec).unwrap();
            for error in &check.first_errors {
                out.push_str(error);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_package_names() {
        assert_eq!(
            crate_name(Path::new("/specs/x/quantcdn-api-4.19.0.yaml")),
            "rw-specs-x-quantcdn-api-4-19-0-yaml"
        );
        assert_eq!(
            crate_name(Path::new("quantcdn-api-4.19.0.yaml")),
            "rw-quantcdn-api-4-19-0-yaml"
        );
    }

    #[test]
    fn a_refusal_of_several_problems_shows_the_first_and_a_count() {
        let refusal = |problems: &[&str]| {
            codegen::CodegenError::Problems {
                spec: "x.yaml".into(),
                problems: problems.iter().map(|p| p.to_string()).collect(),
            }
            .to_string()
        };
        let one = refusal(&["#/paths: no response"]);
        assert_eq!(first_problem(&one), "x.yaml: #/paths: no response");
        let several = refusal(&["#/a: one", "#/b: two", "#/c: three"]);
        assert_eq!(
            first_problem(&several),
            "x.yaml: 3 problems: #/a: one (and 2 more lines)"
        );
    }

    #[test]
    fn the_report_names_the_files_with_errors() {
        let row = Row {
            spec: "a.json".into(),
            operations: 3,
            normalizations: 1,
            skipped: 0,
            lines: [10, 20, 30],
            generation: Duration::from_millis(12),
            check: Some(Checked {
                time: Duration::from_secs(2),
                errors: vec![("generated_cli.rs".into(), 2)],
                first_errors: vec!["error[E0599]: no method\n".into()],
            }),
            refused: None,
        };
        let report = report(&[row]);
        assert!(
            report.contains(
                "| a.json | 3 | 1 | 0 | 10 / 20 / 30 | 12 ms | 2.0 s, 2 errors (generated_cli.rs: 2) |"
            ),
            "{report}"
        );
        assert!(
            report.contains("a.json: first errors\n\nerror[E0599]"),
            "{report}"
        );
    }
}
