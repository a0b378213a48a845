//! `openapi-client-gen corpus`: the generator over a folder of specs. Each
//! spec is generated in a process of its own (`one.rs`), as it is, then,
//! when refused, with `--normalize`, then with `--skip-failing` too; the
//! table counts, for OpenAPI 3.0 and 3.1 apart, what generates in each
//! mode, the operations `--skip-failing` left out, what was refused and
//! why (`reasons.rs`), what aborted or ran out of time, and the refusals
//! with a line over 1,000 characters (`table.rs`). With `--check N`, a
//! seeded sample of N specs that generate are made client crates and
//! `cargo check`ed with their mocks and CLI (`check.rs`).
//!
//! The specs are found at any depth (a directory of vendors' folders).
//! A spec that takes longer than `--timeout` is stopped and counted.

mod check;
mod one;
mod reasons;
mod table;

use std::io::{BufRead, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

pub use check::{Checked, Row, report};
pub use one::run as run_one;
pub use reasons::{reason_of, rule_of};

use crate::Exit;
use crate::client_crate::Runtime;

/// What `openapi-client-gen corpus` is asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of specs (read at any depth).
    pub specs: PathBuf,
    /// Only the specs whose path contains this text.
    pub only: Option<String>,
    /// Only this many specs, drawn with `seed` (all when `None`).
    pub sample: Option<usize>,
    /// Only one half of the specs, drawn with `seed` (`0` or `1`): work on
    /// one, keep the other to check that what was learnt holds.
    pub half: Option<u8>,
    /// The seed of `sample` and `half`.
    pub seed: u64,
    /// Specs generated at once (each in its process).
    pub jobs: usize,
    /// The longest one spec may take.
    pub timeout: Duration,
    /// Then make this many of the specs that generate client crates, and
    /// `cargo check` them with their mocks and CLI.
    pub check: usize,
    /// Where those crates are made (one cargo workspace).
    pub work: PathBuf,
    /// Where the crates find the runtime.
    pub runtime: Runtime,
    /// Each spec's result, one JSON line, written here too.
    pub results: Option<PathBuf>,
}

/// `openapi-client-gen corpus`.
pub fn command(options: &Options) -> Exit {
    let specs = match specs_in(&options.specs, options) {
        Ok(specs) if !specs.is_empty() => specs,
        Ok(_) => {
            eprintln!(
                "error: no spec (*.json, *.yaml, *.yml) in {}",
                options.specs.display()
            );
            return Exit::UnreadableSpec;
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", options.specs.display());
            return Exit::UnreadableSpec;
        }
    };
    let started = Instant::now();
    let results = run_all(&specs, options);
    if let Some(path) = &options.results {
        let lines: String = results.iter().map(|r| format!("{r}\n")).collect();
        if let Err(e) = std::fs::write(path, lines) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return Exit::Write;
        }
    }
    print!("{}", table::render(&results, started.elapsed()));
    let mut failed = results.iter().any(table::generator_failed);
    if options.check > 0 {
        let rows = check::sample(&results, options);
        print!("{}", check::report(&rows));
        failed |= rows.iter().any(|row| {
            row.refused.is_some() || row.check.as_ref().is_some_and(|c| c.error_count() > 0)
        });
    }
    if failed {
        Exit::StaleOrBreaking
    } else {
        Exit::Success
    }
}

/// The specs at any depth under `dir`, sorted, narrowed by the options.
fn specs_in(dir: &Path, options: &Options) -> std::io::Result<Vec<PathBuf>> {
    let mut specs = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            ) && options
                .only
                .as_deref()
                .is_none_or(|o| path.to_string_lossy().contains(o))
            {
                specs.push(path);
            }
        }
    }
    specs.sort();
    if options.half.is_some() || options.sample.is_some() {
        let mut rng = fastrand::Rng::with_seed(options.seed);
        rng.shuffle(&mut specs);
        if let Some(half) = options.half {
            let middle = specs.len() / 2;
            specs = if half == 0 {
                specs[..middle].to_vec()
            } else {
                specs[middle..].to_vec()
            };
        }
        if let Some(n) = options.sample {
            specs.truncate(n);
        }
        specs.sort();
    }
    Ok(specs)
}

/// Every spec, `jobs` at a time, each in a process of its own.
fn run_all(specs: &[PathBuf], options: &Options) -> Vec<Value> {
    let next = Mutex::new(0usize);
    let results = Mutex::new(vec![Value::Null; specs.len()]);
    let done = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = {
                        let mut next = next.lock().unwrap();
                        let i = *next;
                        *next += 1;
                        i
                    };
                    let Some(spec) = specs.get(i) else { break };
                    let result = run_in_process(spec, options.timeout);
                    results.lock().unwrap()[i] = result;
                    let mut done = done.lock().unwrap();
                    *done += 1;
                    if (*done).is_multiple_of(50) || *done == specs.len() {
                        eprintln!("{} of {} specs", *done, specs.len());
                    }
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// One spec run by `openapi-client-gen corpus-one` (this same program),
/// stopped after `timeout`: its JSON line, or what became of the process.
fn run_in_process(spec: &Path, timeout: Duration) -> Value {
    let name = spec.display().to_string();
    let started = Instant::now();
    let program = std::env::current_exe().unwrap_or_else(|_| "openapi-client-gen".into());
    let child = Command::new(program)
        .arg("corpus-one")
        .arg("--spec")
        .arg(spec)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return serde_json::json!({"spec": name, "crashed": format!("cannot start: {e}")}),
    };
    // Read its line on another thread, so that the wait can time out.
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        line
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let line = reader.join().unwrap_or_default();
    let mut result = match (status, serde_json::from_str::<Value>(&line)) {
        (Some(status), Ok(value)) if status.success() => return value,
        (None, _) => serde_json::json!({"spec": name, "timed_out": timeout.as_secs()}),
        (Some(status), _) => serde_json::json!({"spec": name, "crashed": status.to_string()}),
    };
    // Its version, from the head of the file, for the table's columns.
    let mut head = vec![0u8; 4096];
    let read = std::fs::File::open(spec)
        .and_then(|mut file| std::io::Read::read(&mut file, &mut head))
        .unwrap_or(0);
    result["version"] = one::version(&String::from_utf8_lossy(&head[..read])).into();
    result
}

/// `openapi-client-gen corpus-one --spec PATH`: one spec, one JSON line.
pub fn command_one(spec: &Path) -> Exit {
    let result = one::run(spec);
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{result}");
    Exit::Success
}
