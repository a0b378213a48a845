//! `openapi-client-gen mutate`: a mutation campaign against codegen. Each run
//! takes a spec (ours, the companion shapes, and the real-world specs of
//! `../shared/specs` when present), applies one to three seeded mutations
//! (delete a node, duplicate one, give one another JSON type, point a
//! `$ref` elsewhere), generates it, with or without `--normalize`, and
//! checks what a user would see:
//!
//! - no panic trace: a panic that codegen does not catch (the hook counts
//!   what would be printed);
//! - no run over 10 s;
//! - every generated file parses as Rust;
//! - every refusal names a place: `line:column`, a JSON pointer (`#/..`),
//!   an operation, a path or a component.
//!
//! Each run's seed is derived from the campaign's seed and the run's
//! number, so a failure is replayed alone with `--seed S --first N
//! --runs 1`. A fixed-seed slice runs in the tests (the generator's
//! `tests/mutation.rs`); the whole campaign (10,000 runs by default) shows
//! its progress with indicatif.
//!
//! One job a module: this one drives a campaign and tallies it;
//! `mutations.rs` makes each run's spec, `run.rs` generates it and judges
//! what came out, `compile.rs` compiles the specs that generated.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::Exit;

mod compile;
mod mutations;
mod run;

pub use compile::compile;
pub use mutations::{Mutant, mutant, written_as_3_1};
pub use run::names_a_place;
use run::one_run;

/// Slower than this is a failure.
pub const SLOW: Duration = Duration::from_secs(10);

/// What `openapi-client-gen mutate` is asked (its flags are in `main.rs`).
#[derive(Debug, Clone)]
pub struct Options {
    /// How many mutated specs to generate.
    pub runs: usize,
    /// The campaign's seed.
    pub seed: u64,
    /// The number of the first run (to replay one: `--first N --runs 1`).
    pub first: usize,
    /// The real-world specs to mutate beside ours and the companion
    /// shapes, when given.
    pub specs: Option<PathBuf>,
    /// Print every refusal's message (to review what "names a place" accepts).
    pub show_refusals: bool,
    /// Then make the first N generated specs client crates and `cargo
    /// check` them with their mocks and CLI: what generates must compile,
    /// not only parse.
    pub compile: usize,
    /// Where those crates go, and cargo's target directory for them.
    pub work: PathBuf,
}

/// A spec mutated runs are made from, and how often it is picked.
pub struct Base {
    pub name: String,
    pub spec: Value,
    pub weight: u32,
}

impl Base {
    pub fn new(name: &str, text: &str, weight: u32) -> Option<Base> {
        let spec = codegen::Generator::new(codegen::Settings::new(name))
            .json(text)
            .ok()?;
        Some(Base {
            name: name.to_owned(),
            spec,
            weight,
        })
    }
}

/// Our spec and the companion shapes: the bases every campaign has.
pub fn own_bases() -> Vec<Base> {
    [
        ("tokens.yaml", workspace_files::TOKENS_SPEC, 60),
        (
            "companion-shapes.yaml",
            workspace_files::COMPANION_SHAPES_SPEC,
            40,
        ),
    ]
    .into_iter()
    .filter_map(|(name, text, weight)| Base::new(name, text, weight))
    .collect()
}

/// The real-world specs in `dir`: the small ones often, the large ones
/// rarely (a run of GitHub's spec takes seconds). Our two weigh 60 and 40.
pub fn real_world_bases(dir: &std::path::Path) -> Vec<Base> {
    let mut bases = Vec::new();
    for folder in [dir.to_path_buf(), dir.join("progenitor-samples")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml")
            ) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let weight = match text.len() {
                0..=50_000 => 30,
                50_001..=500_000 => 10,
                _ => 1,
            };
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            bases.extend(Base::new(&name, &text, weight));
        }
    }
    bases
}

/// What one run found wrong.
#[derive(Debug, Clone)]
pub struct Failure {
    pub run: usize,
    pub base: String,
    pub mutations: Vec<String>,
    pub problem: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "run {} ({}; {}): {}",
            self.run,
            self.base,
            self.mutations.join("; "),
            self.problem
        )
    }
}

/// What a campaign counted.
#[derive(Debug, Default)]
pub struct Tally {
    pub runs: usize,
    pub generated: usize,
    /// The runs that generated, in order (what `compile` takes a slice of).
    pub generated_runs: Vec<usize>,
    pub refused: usize,
    /// Refused because progenitor cannot generate some operations (and
    /// nothing else), then generated with `--skip-failing`.
    pub generated_by_skipping: usize,
    pub panic_traces: usize,
    pub slow: usize,
    pub unparsable: usize,
    pub refusals_without_place: usize,
    /// Refused for some operations alone, and again with `--skip-failing`
    /// (what is left fails as a whole).
    pub not_skipped: usize,
    pub slowest: Duration,
    pub failures: Vec<Failure>,
    /// Every refusal's message, by run.
    pub refusals: Vec<(usize, String)>,
}

/// Panics no `catch_unwind` of codegen's caught: the ones a user would see
/// as a trace. Counted by a hook installed before codegen installs its own
/// (which calls this one for the panics it does not catch).
static PANIC_TRACES: AtomicUsize = AtomicUsize::new(0);

fn count_panic_traces() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANIC_TRACES.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

/// Runs `runs` mutants of `bases` from run number `first`, on every core;
/// `progress` is told of each finished run.
pub fn campaign(
    bases: &[Base],
    seed: u64,
    first: usize,
    runs: usize,
    progress: &(dyn Fn(&Tally) + Sync),
) -> Tally {
    count_panic_traces();
    let next = AtomicUsize::new(first);
    let tally = Mutex::new(Tally::default());
    let total_weight: u32 = bases.iter().map(|b| b.weight).sum();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let run = next.fetch_add(1, Ordering::SeqCst);
                    if run >= first + runs {
                        break;
                    }
                    let outcome = one_run(bases, total_weight, seed, run);
                    let mut tally = tally.lock().unwrap_or_else(|p| p.into_inner());
                    outcome.add_to(&mut tally);
                    progress(&tally);
                }
            });
        }
    });
    let mut tally = tally.into_inner().unwrap_or_else(|p| p.into_inner());
    tally.failures.sort_by_key(|f| f.run);
    tally.generated_runs.sort();
    tally
}

/// `openapi-client-gen mutate`.
pub fn command(args: &Options) -> Exit {
    let mut bases = own_bases();
    let dir = args.specs.clone().unwrap_or_default();
    let real_world = args
        .specs
        .as_deref()
        .map(real_world_bases)
        .unwrap_or_default();
    eprintln!(
        "bases: {} (real-world from {}: {})",
        bases
            .iter()
            .chain(&real_world)
            .map(|b| format!("{} ×{}", b.name, b.weight))
            .collect::<Vec<_>>()
            .join(", "),
        dir.display(),
        real_world.len()
    );
    bases.extend(real_world);
    let bar = indicatif::ProgressBar::new(args.runs as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} runs, eta {eta} · {msg}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    let bar = Arc::new(bar);
    let shown = AtomicUsize::new(0);
    let started = Instant::now();
    let tally = campaign(&bases, args.seed, args.first, args.runs, &|tally| {
        bar.set_position(tally.runs as u64);
        bar.set_message(format!(
            "{} generated, {} refused, {} failures",
            tally.generated,
            tally.refused,
            tally.failures.len()
        ));
        let seen = shown.load(Ordering::SeqCst);
        for failure in tally.failures.iter().skip(seen) {
            bar.println(format!("FAIL seed {} {failure}", args.seed));
        }
        shown.store(tally.failures.len(), Ordering::SeqCst);
    });
    bar.finish();
    println!(
        "{} runs (seed {}, first {}) in {:.0} s: {} generated, {} refused ({} of them generated with --skip-failing, {} not); panic traces {}, over {} s {}, unparsable outputs {}, refusals without a place {}; slowest run {:.1} s",
        tally.runs,
        args.seed,
        args.first,
        started.elapsed().as_secs_f64(),
        tally.generated,
        tally.refused,
        tally.generated_by_skipping,
        tally.not_skipped,
        tally.panic_traces,
        SLOW.as_secs(),
        tally.slow,
        tally.unparsable,
        tally.refusals_without_place,
        tally.slowest.as_secs_f64(),
    );
    if args.show_refusals {
        let mut refusals = tally.refusals.clone();
        refusals.sort();
        for (run, message) in refusals {
            println!(
                "refused run {run}: {}",
                message.lines().next().unwrap_or_default()
            );
        }
    }
    for failure in &tally.failures {
        println!("FAIL seed {} {failure}", args.seed);
    }
    let mut compiled_ok = true;
    if args.compile > 0 {
        let runs: Vec<usize> = tally
            .generated_runs
            .iter()
            .take(args.compile)
            .copied()
            .collect();
        let started = Instant::now();
        let dirs = (args.work.join("mutants"), args.work.join("target"));
        match compile(&bases, args.seed, &runs, false, (&dirs.0, &dirs.1)) {
            Ok(failures) => {
                println!(
                    "compiled {} generated specs with their mocks and CLI in {:.0} s: {} do not compile",
                    runs.len(),
                    started.elapsed().as_secs_f64(),
                    failures.len()
                );
                for failure in &failures {
                    println!("FAIL seed {} {failure}", args.seed);
                }
                compiled_ok = failures.is_empty();
            }
            Err(why) => {
                eprintln!("error: {why}");
                compiled_ok = false;
            }
        }
    }
    if tally.failures.is_empty() && compiled_ok {
        Exit::Success
    } else {
        Exit::StaleOrBreaking
    }
}
