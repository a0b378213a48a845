//! `cargo xtask mutate`: a mutation campaign against codegen. Each run
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
//! --runs 1`. A fixed-seed slice runs in the tests (`xtask/tests/
//! mutation.rs`); the whole campaign (10,000 runs by default) shows its
//! progress with indicatif.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::Exit;

/// Slower than this is a failure.
pub const SLOW: Duration = Duration::from_secs(10);

// The flags of `cargo xtask mutate` (its help text is the doc comment of
// `Task::Mutate` in main.rs).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// How many mutated specs to generate.
    #[arg(long, default_value_t = 10_000)]
    pub runs: usize,
    /// The campaign's seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The number of the first run (to replay one: `--first N --runs 1`).
    #[arg(long, default_value_t = 0)]
    pub first: usize,
    /// The real-world specs [default: ../shared/specs beside the workspace;
    /// without it, only ours and the companion shapes].
    #[arg(long, value_name = "DIR")]
    pub specs: Option<PathBuf>,
    /// Print every refusal's message (to review what "names a place" accepts).
    #[arg(long)]
    pub show_refusals: bool,
    /// Then make the first N generated specs client crates and `cargo
    /// check` them with their mocks and CLI (in target/mutants/; the crates
    /// beyond the workspace's lock are fetched): what generates must
    /// compile, not only parse.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub compile: usize,
}

/// A spec mutated runs are made from, and how often it is picked.
pub struct Base {
    pub name: String,
    pub spec: Value,
    pub weight: u32,
}

impl Base {
    pub fn new(name: &str, text: &str, weight: u32) -> Option<Base> {
        let spec = codegen::read_json(text, name).ok()?;
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

/// Makes the specs of `runs` (runs that generated) client crates with
/// their mocks and CLI (`client_crate::write`), in one scratch workspace
/// at `dir`, and `cargo check`s them there against the workspace's
/// `Cargo.lock` (`offline`: only with the crates it holds, as the tests
/// run; else the crates some specs name beyond it, uuid or regress, are
/// fetched), with `target_dir` as the target directory: a failure for
/// each run whose crate does not compile (its first errors), or why the
/// check could not run.
pub fn compile(
    bases: &[Base],
    seed: u64,
    runs: &[usize],
    offline: bool,
    (dir, target_dir): (&std::path::Path, &std::path::Path),
) -> Result<Vec<Failure>, String> {
    use std::fs;
    let total_weight: u32 = bases.iter().map(|b| b.weight).sum();
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("specs")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut failures = Vec::new();
    let mut members = Vec::new();
    let mut made = Vec::new();
    for &run in runs {
        let m = mutant(bases, total_weight, seed, run);
        let spec = dir.join("specs").join(&m.name);
        fs::write(&spec, &m.text).map_err(|e| format!("{}: {e}", spec.display()))?;
        let package = format!("mutant-{run}");
        let flags = crate::codegen_task::Flags {
            normalize: m.normalize,
            skip_failing: false,
        };
        let failure = |problem: String| Failure {
            run,
            base: m.base.clone(),
            mutations: m.mutations.clone(),
            problem,
        };
        match crate::client_crate::write(&spec, &dir.join(&package), &package, flags) {
            Ok(_) => {
                members.push(format!("{package:?}"));
                made.push((package, failure(String::new())));
            }
            Err(e) => failures.push(failure(format!(
                "generated in the campaign, not as a crate: {e}"
            ))),
        }
    }
    if members.is_empty() {
        return Ok(failures);
    }
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::copy(
        workspace_files::root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .map_err(|e| format!("Cargo.lock: {e}"))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["check", "--workspace"])
        .args(offline.then_some("--offline"))
        .args([
            "--quiet",
            "--message-format",
            "short",
            "--features",
            "mock,cli",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).collect();
    for (package, mut failure) in made {
        let own: Vec<&str> = errors
            .iter()
            .filter(|l| l.starts_with(&format!("{package}/")))
            .copied()
            .collect();
        if !own.is_empty() {
            failure.problem = format!(
                "generated, and does not compile ({} errors): {}",
                own.len(),
                own.iter().take(3).copied().collect::<Vec<_>>().join(" | ")
            );
            failures.push(failure);
        }
    }
    if !output.status.success() && failures.is_empty() {
        return Err(format!(
            "cargo check failed, on no mutant's file:\n{}",
            stderr.lines().take(20).collect::<Vec<_>>().join("\n")
        ));
    }
    failures.sort_by_key(|f| f.run);
    Ok(failures)
}

struct Outcome {
    run: usize,
    base: String,
    mutations: Vec<String>,
    time: Duration,
    generated: bool,
    /// Refused, then generated with `--skip-failing`.
    generated_by_skipping: bool,
    /// Refused for its operations, and again with `--skip-failing`.
    not_skipped: bool,
    refusal: Option<String>,
    problems: Vec<(Problem, String)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Problem {
    PanicTrace,
    Slow,
    Unparsable,
    NoPlace,
}

impl Outcome {
    fn add_to(self, tally: &mut Tally) {
        tally.runs += 1;
        if self.generated {
            tally.generated += 1;
            tally.generated_runs.push(self.run);
        } else {
            tally.refused += 1;
        }
        tally.generated_by_skipping += usize::from(self.generated_by_skipping);
        tally.not_skipped += usize::from(self.not_skipped);
        tally.slowest = tally.slowest.max(self.time);
        if let Some(message) = self.refusal {
            tally.refusals.push((self.run, message));
        }
        for (problem, text) in self.problems {
            match problem {
                Problem::PanicTrace => tally.panic_traces += 1,
                Problem::Slow => tally.slow += 1,
                Problem::Unparsable => tally.unparsable += 1,
                Problem::NoPlace => tally.refusals_without_place += 1,
            }
            tally.failures.push(Failure {
                run: self.run,
                base: self.base.clone(),
                mutations: self.mutations.clone(),
                problem: text,
            });
        }
    }
}

/// One run's spec: its text, named as the run, derived from a base by the
/// run's seeded mutations; the same every time for the same seed and run.
pub struct Mutant {
    /// `mutant-<run>.json` or `.yaml`.
    pub name: String,
    pub text: String,
    pub base: String,
    /// What was done to the base, in order.
    pub mutations: Vec<String>,
    pub normalize: bool,
}

/// The spec of run `run` of the campaign of `seed` over `bases` (whose
/// weights sum to `total_weight`).
pub fn mutant(bases: &[Base], total_weight: u32, seed: u64, run: usize) -> Mutant {
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ run as u64);
    let mut pick = rng.u32(0..total_weight.max(1));
    let base = bases
        .iter()
        .find(|b| {
            if pick < b.weight {
                true
            } else {
                pick -= b.weight;
                false
            }
        })
        .unwrap_or(&bases[0]);
    let mut spec = base.spec.clone();
    // A quarter of the runs mutate the spec as OpenAPI 3.1 writes it.
    let as_3_1 = rng.u8(0..4) == 0;
    if as_3_1 {
        written_as_3_1(&mut spec);
    }
    let mutations: Vec<String> = (0..rng.usize(1..=3))
        .map(|_| mutate(&mut spec, &mut rng))
        .collect();
    let normalize = rng.bool();
    let text = if rng.u8(0..4) == 0 {
        serde_yaml::to_string(&spec).unwrap_or_default()
    } else {
        serde_json::to_string_pretty(&spec).unwrap_or_default()
    };
    let name = format!(
        "mutant-{run}.{}",
        if text.starts_with('{') {
            "json"
        } else {
            "yaml"
        }
    );
    let mutations = as_3_1
        .then(|| "written as OpenAPI 3.1".to_owned())
        .into_iter()
        .chain(mutations)
        .chain([format!("normalize: {normalize}")])
        .collect();
    Mutant {
        name,
        text,
        base: base.name.clone(),
        mutations,
        normalize,
    }
}

fn one_run(bases: &[Base], total_weight: u32, seed: u64, run: usize) -> Outcome {
    let Mutant {
        name,
        text,
        base,
        mutations,
        normalize,
    } = mutant(bases, total_weight, seed, run);
    let traces_before = PANIC_TRACES.load(Ordering::SeqCst);
    let started = Instant::now();
    let options = codegen::Options::new(&name).normalize(normalize);
    let result = catch_unwind(AssertUnwindSafe(|| codegen::generate(&text, &options)));
    let time = started.elapsed();
    let mut problems = Vec::new();
    // Another worker's panic may land in this window too: it is counted
    // once, by whichever run sees it first, and the campaign's count is
    // what matters.
    if PANIC_TRACES.load(Ordering::SeqCst) > traces_before {
        problems.push((Problem::PanicTrace, "a panic trace was printed".to_owned()));
    }
    if time > SLOW {
        problems.push((Problem::Slow, format!("took {:.1} s", time.as_secs_f64())));
    }
    let mut generated = false;
    let mut generated_by_skipping = false;
    let mut not_skipped = false;
    let mut refusal = None;
    match result {
        Err(_) => {
            if problems.iter().all(|(p, _)| *p != Problem::PanicTrace) {
                problems.push((Problem::PanicTrace, "codegen panicked".to_owned()));
            }
        }
        Ok(Ok(files)) => {
            generated = true;
            problems.extend(unparsable(&files, ""));
        }
        Ok(Err(error)) => {
            let message = error.to_string();
            problems.extend(without_place(&message, &name, ""));
            refusal = Some(message);
            // Refused for some operations alone: `--skip-failing` must
            // then give a client of the rest, which parses.
            if matches!(&error, codegen::CodegenError::Generator { failures, .. }
                if !failures.is_empty() && failures.iter().all(|f| f.operation.is_some()))
            {
                let skipping = options.skip_failing(true);
                match catch_unwind(AssertUnwindSafe(|| codegen::generate(&text, &skipping))) {
                    Ok(Ok(files)) => {
                        generated_by_skipping = true;
                        problems.extend(unparsable(&files, " with --skip-failing"));
                    }
                    // What is left may fail as a whole (two types typify
                    // names alike once an operation is gone): a refusal
                    // like any other, which must name its place.
                    Ok(Err(error)) => {
                        not_skipped = true;
                        let message = error.to_string();
                        problems.extend(without_place(&message, &name, " with --skip-failing"));
                    }
                    Err(_) => problems.push((
                        Problem::PanicTrace,
                        "codegen panicked with --skip-failing".to_owned(),
                    )),
                }
            }
        }
    }
    Outcome {
        run,
        base,
        mutations,
        time,
        generated,
        generated_by_skipping,
        not_skipped,
        refusal,
        problems,
    }
}

/// A problem for each generated file that does not parse as Rust; `how`
/// says how it was generated (` with --skip-failing`, or nothing).
fn unparsable(files: &codegen::Generated, how: &str) -> Vec<(Problem, String)> {
    files
        .files()
        .into_iter()
        .filter_map(|(target, file)| {
            let e = syn::parse_file(file).err()?;
            Some((
                Problem::Unparsable,
                format!("{target:?}{how} does not parse as Rust: {e}"),
            ))
        })
        .collect()
}

/// A problem when a refusal's `message` names no place (see
/// [`names_a_place`]); `how` as for [`unparsable`].
fn without_place(message: &str, spec_name: &str, how: &str) -> Option<(Problem, String)> {
    (!names_a_place(message, spec_name)).then(|| {
        (
            Problem::NoPlace,
            format!("refused{how} without a place: {message}"),
        )
    })
}

/// Whether a refusal says where: `name:line:column`, a JSON pointer, an
/// operation, a path or a component of the spec.
pub fn names_a_place(message: &str, spec_name: &str) -> bool {
    let line_column = message.split(&format!("{spec_name}:")).skip(1).any(|rest| {
        let mut parts = rest.splitn(3, ':');
        matches!((parts.next(), parts.next()), (Some(l), Some(c))
            if !l.is_empty() && l.chars().all(|ch| ch.is_ascii_digit())
                && c.chars().take_while(|ch| ch.is_ascii_digit()).count() > 0)
    });
    line_column
        || message.contains("#/")
        || message.contains("operation")
        || message.contains("OpenAPI version")
        || message.contains("names two types")
        || message.contains("components")
        || message.contains(" at /")
        || [
            "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
        ]
        .iter()
        .any(|method| message.contains(&format!("{method} /")))
}

/// One mutation of a random node; what it did, for the report.
/// `spec` as an OpenAPI 3.1 exporter writes it: the version 3.1.0, and
/// each nullable schema's type a list with `"null"` (3.1 has no
/// `nullable`), each exclusive bound a number, each schema's `example` an
/// `examples` list: what codegen reads back as 3.0 (`spec::openapi31`).
pub fn written_as_3_1(spec: &mut Value) {
    use codegen::spec::walk::{ObjectKind, walk_objects_mut};
    if let Some(root) = spec.as_object_mut() {
        root.insert("openapi".into(), Value::from("3.1.0"));
    }
    walk_objects_mut(spec, |_, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        if schema.remove("nullable") == Some(Value::Bool(true))
            && let Some(Value::String(ty)) = schema.get("type").cloned()
        {
            schema.insert("type".into(), serde_json::json!([ty, "null"]));
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if schema.get(exclusive) == Some(&Value::Bool(true))
                && let Some(limit) = schema.remove(bound)
            {
                schema.insert(exclusive.into(), limit);
            }
        }
        if let Some(example) = schema.remove("example") {
            schema.insert("examples".into(), Value::Array(vec![example]));
        }
    });
}

fn mutate(spec: &mut Value, rng: &mut fastrand::Rng) -> String {
    let path = random_path(spec, rng);
    let shown = format!("/{}", path.join("/"));
    match rng.u8(0..4) {
        0 => {
            if remove(spec, &path) {
                format!("deleted {shown}")
            } else {
                format!("kept {shown} (the root)")
            }
        }
        1 => {
            let Some(node) = get(spec, &path).cloned() else {
                return format!("kept {shown}");
            };
            let parent = &path[..path.len().saturating_sub(1)];
            match get_mut(spec, parent) {
                Some(Value::Object(map)) => {
                    let key = format!("{}_copy", path.last().cloned().unwrap_or_default());
                    map.insert(key, node);
                    format!("duplicated {shown} beside itself")
                }
                Some(Value::Array(items)) => {
                    items.push(node);
                    format!("duplicated {shown} at the end of its array")
                }
                _ => format!("kept {shown}"),
            }
        }
        2 => {
            let replacement = match rng.u8(0..7) {
                0 => Value::Null,
                1 => Value::Bool(rng.bool()),
                2 => Value::from(rng.i64(-3..1_000_000)),
                3 => Value::from(["", "string", "integer", "object", "#/", "{x}"][rng.usize(0..6)]),
                4 => Value::Array(Vec::new()),
                5 => Value::Object(serde_json::Map::new()),
                _ => Value::from(1.5),
            };
            let shown_value = replacement.to_string();
            set(spec, &path, replacement);
            format!("retyped {shown} to {shown_value}")
        }
        _ => {
            let targets = [
                "#/components/schemas/Nowhere",
                "#/components/schemas",
                "#/paths",
                "#",
                "#/components/responses/X",
                "other.yaml#/x",
            ];
            let schemas: Vec<String> = spec
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|m| {
                    m.keys()
                        .map(|k| format!("#/components/schemas/{k}"))
                        .collect()
                })
                .unwrap_or_default();
            let target = if !schemas.is_empty() && rng.bool() {
                schemas[rng.usize(0..schemas.len())].clone()
            } else {
                targets[rng.usize(0..targets.len())].to_owned()
            };
            let mut reference = serde_json::Map::new();
            reference.insert("$ref".into(), Value::from(target.clone()));
            set(spec, &path, Value::Object(reference));
            format!("re-pointed {shown} to {target}")
        }
    }
}

/// A path to a random node: from the root, each step into a random child,
/// stopping at random (deeper nodes are likelier to matter less, so the
/// walk stops early a third of the time).
fn random_path(spec: &Value, rng: &mut fastrand::Rng) -> Vec<String> {
    let mut path = Vec::new();
    let mut node = spec;
    loop {
        let children: Vec<(String, &Value)> = match node {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        };
        if children.is_empty() || (path.len() >= 2 && rng.u8(0..3) == 0) {
            return path;
        }
        let (key, child) = &children[rng.usize(0..children.len())];
        path.push(key.clone());
        node = child;
    }
}

fn get<'a>(spec: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(spec, |node, key| match node {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn get_mut<'a>(spec: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(spec, |node, key| match node {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn set(spec: &mut Value, path: &[String], value: Value) {
    if let Some(node) = get_mut(spec, path) {
        *node = value;
    }
}

fn remove(spec: &mut Value, path: &[String]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match get_mut(spec, parent) {
        Some(Value::Object(map)) => map.remove(last).is_some(),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// `cargo xtask mutate`.
pub fn command(args: &Args) -> Exit {
    let mut bases = own_bases();
    let dir = args
        .specs
        .clone()
        .unwrap_or_else(|| workspace_files::root().join("../shared/specs"));
    let real_world = real_world_bases(&dir);
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
        let target = workspace_files::root().join("target");
        let started = Instant::now();
        let dirs = (target.join("mutants"), target.clone());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The 3.1 mutants start from a spec written as OpenAPI 3.1: our spec
    /// and the companion shapes, written so, generate the same files as
    /// they do as 3.0 (codegen reads 3.1 back as 3.0), each rewrite
    /// reported.
    #[test]
    fn a_spec_written_as_3_1_generates_what_it_does_as_3_0() {
        for base in own_bases() {
            let mut as_3_1 = base.spec.clone();
            written_as_3_1(&mut as_3_1);
            let options = codegen::Options::new(&base.name);
            let text = serde_json::to_string(&as_3_1).unwrap();
            let from_3_1 = codegen::generate(&text, &options).unwrap();
            let from_3_0 =
                codegen::generate(&serde_json::to_string(&base.spec).unwrap(), &options).unwrap();
            assert_eq!(from_3_1.files(), from_3_0.files(), "{}", base.name);
            assert!(
                from_3_1.normalizations[0].starts_with("#/openapi: 3.1.0 read as 3.0.3"),
                "{:?}",
                from_3_1.normalizations
            );
        }
    }

    #[test]
    fn a_run_is_the_same_mutant_every_time() {
        let bases = own_bases();
        let total = bases.iter().map(|b| b.weight).sum();
        for run in [0, 17, 4242] {
            let (a, b) = (
                one_run(&bases, total, 9, run),
                one_run(&bases, total, 9, run),
            );
            assert_eq!((a.base, a.mutations), (b.base, b.mutations));
        }
    }

    #[test]
    fn mutations_change_the_spec() {
        let mut rng = fastrand::Rng::with_seed(3);
        let base = own_bases().remove(0).spec;
        for _ in 0..50 {
            let mut spec = base.clone();
            let what = mutate(&mut spec, &mut rng);
            assert!(
                spec != base
                    || what.starts_with("kept")
                    || what.starts_with("retyped")
                    || what.starts_with("re-pointed"),
                "{what}"
            );
        }
    }

    #[test]
    fn places_are_positions_pointers_operations_and_routes() {
        for placed in [
            "mutant-1.json:48:13: invalid type: map, expected a string",
            "#/paths/~1things/get/parameters/0: $ref points to nothing",
            "operation list_things: the path has {id} but no path parameter id",
            "GET /things: has no operationId",
            "mutant-1.json: unsupported OpenAPI version 1.5: progenitor reads OpenAPI 3.0.x (and 3.1.x here, read as 3.0)",
        ] {
            assert!(names_a_place(placed, "mutant-1.json"), "{placed}");
        }
        for unplaced in ["mutant-1.json: something failed", "mutant-1.json:x:y: no"] {
            assert!(!names_a_place(unplaced, "mutant-1.json"), "{unplaced}");
        }
    }
}
