//! `cargo bench -p codegen`: where generation spends its time, and how its
//! cost grows with the number of operations.
//!
//! - `tokens/{read,all,progenitor-alone}`: our spec. `read` (parse, check:
//!   sorted maps) is the floor; `all` is `Generator::generate` (all three
//!   targets, every pass, formatted); `progenitor-alone` is what a user of
//!   progenitor alone pays for the client only: parse, `generate_tokens`,
//!   prettyplease.
//! - `scaling/{read,all,progenitor-alone}/{10,100,1000}`: synthetic specs
//!   built here, each operation with a request body, a response and an
//!   error schema of its own.
//! - `blame/{50,100,200}`: a synthetic spec whose 300 schemas reach each
//!   other (as GitHub's do), with that many operations and one that
//!   progenitor cannot generate: the refusal, which finds the failing
//!   operation (`progenitor::blame`). One run per operation made it grow
//!   with operations × schemas; its rounds of chunks keep it near one
//!   generation.
//! - `external/{all,progenitor-alone}`: a spec outside the repository, when
//!   `CODEGEN_BENCH_SPEC` names one (absolute, or relative to the
//!   repository's root; Oxide's and GitHub's, for the Performance section
//!   of docs/maintaining.md). A spec that generates only normalised
//!   (GitHub's) is generated with `--normalize`, and progenitor alone reads
//!   the spec as codegen hands it to progenitor (`Generator::for_progenitor`,
//!   as JSON text: normalised if need be, answers of several types split).
//! - Peak heap per size is measured first with a counting allocator and
//!   printed as a table (criterion measures time only).
//! - `CODEGEN_BENCH_PROFILE=ours` (or `progenitor`) runs one side ten
//!   times (`CODEGEN_BENCH_RUNS`) and nothing else, for a profiler: `perf
//!   record -g target/release/deps/codegen-*`; once, with
//!   `CODEGEN_BENCH_NORMALIZE=0` (or `1`) saying whether the spec is
//!   normalised, for the peak of memory `/usr/bin/time -v` reads.
//! - With `CODEGEN_BENCH_SPEC`, a side-by-side table comes next: `all` and
//!   progenitor alone making the same three targets (client, httpmock,
//!   CLI) on that spec in alternating rounds, wall and CPU (user + system)
//!   time, and the median of each round's ratio. Criterion measures one function's samples
//!   after the other's, so on a machine whose speed drifts (this 2-core
//!   VM's runs of the same function vary by a quarter within minutes) its
//!   two estimates can be minutes apart; a round's two runs are seconds
//!   apart.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};

use workspace_files::TOKENS_SPEC;
const SIZES: [usize; 3] = [10, 100, 1000];

/// The system allocator, counting bytes in use and their peak while
/// `COUNTING` is on: only for the memory table. The counters are shared by
/// every thread, and updating them on each allocation would slow the
/// generating threads (all writing one cache line) in the timed runs.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static IN_USE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let now = IN_USE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            IN_USE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A spec with `operations` operations, each `POST /things{i}` with its own
/// request schema, response schema and error schema.
fn synthetic_spec(operations: usize) -> String {
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: Synthetic, version: '1'}\npaths:\n");
    let mut schemas = String::from("components:\n  schemas:\n");
    for i in 0..operations {
        spec.push_str(&format!(
            "  /things{i}/{{id}}:\n    post:\n      operationId: create_thing{i}\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Request{i}'}}\n      responses:\n        '201':\n          description: created\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Response{i}'}}\n        '422':\n          description: invalid\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Error{i}'}}\n"
        ));
        schemas.push_str(&format!(
            "    Request{i}:\n      type: object\n      required: [name]\n      properties:\n        name: {{type: string}}\n        tags: {{type: array, nullable: true, items: {{type: string}}}}\n        size: {{type: string, enum: [small, large]}}\n    Response{i}:\n      type: object\n      required: [id, created_at]\n      properties:\n        id: {{type: integer}}\n        created_at: {{type: string, format: date-time}}\n        note: {{type: string, nullable: true}}\n    Error{i}:\n      type: object\n      required: [message]\n      properties:\n        message: {{type: string}}\n        code: {{type: integer}}\n"
        ));
    }
    spec + &schemas
}

/// A spec with `operations` operations over one graph of 300 schemas that
/// reach each other (each refers to the next, the one after and the
/// seventh), so that every operation reaches most of them, and one more
/// operation progenitor cannot generate (an `image/png` body).
fn reaching_spec(operations: usize) -> String {
    const SCHEMAS: usize = 300;
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: Reaching, version: '1'}\npaths:\n");
    for i in 0..operations {
        spec.push_str(&format!(
            "  /things{i}:\n    get:\n      operationId: get_thing{i}\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{$ref: '#/components/schemas/S{}'}}}}}}\n",
            i % (SCHEMAS / 10)
        ));
    }
    spec.push_str("  /upload:\n    post:\n      operationId: upload\n      requestBody: {content: {'image/png': {schema: {type: string}}}}\n      responses: {'204': {description: ok}}\n");
    spec.push_str("components:\n  schemas:\n");
    for c in 0..SCHEMAS {
        spec.push_str(&format!(
            "    S{c}:\n      type: object\n      properties:\n        id: {{type: integer}}\n        name: {{type: string}}\n"
        ));
        for k in [1, 2, 7] {
            if c + k < SCHEMAS {
                spec.push_str(&format!(
                    "        next{k}: {{$ref: '#/components/schemas/S{}'}}\n",
                    c + k
                ));
            }
        }
    }
    spec
}

fn generate_all(spec: &str) -> codegen::Generated {
    generate_normalized(spec, false).expect("the spec generates")
}

fn generate_normalized(
    spec: &str,
    normalize: bool,
) -> Result<codegen::Generated, codegen::CodegenError> {
    codegen::Generator::new(
        codegen::Settings::new("bench.yaml")
            .command("cargo bench")
            .normalize(normalize),
    )
    .generate(spec)
}

/// progenitor alone, for the client only, in the shape we ship (builder
/// methods, one `Client` for all tags): the baseline.
fn progenitor_alone(spec: &str) -> String {
    let spec: openapiv3::OpenAPI = if spec.trim_start().starts_with('{') {
        serde_json::from_str(spec).expect("JSON")
    } else {
        serde_yaml::from_str(spec).expect("YAML")
    };
    let mut settings = progenitor::GenerationSettings::new();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged);
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .expect("progenitor generates");
    prettyplease::unparse(&syn::parse2(tokens).expect("progenitor's tokens parse"))
}

/// progenitor alone making the three targets we ship (client, httpmock
/// helpers, CLI) one after another with one generator, each formatted:
/// what the side-by-side table weighs `all` against.
fn progenitor_alone_three(spec: &str) -> [String; 3] {
    let spec: openapiv3::OpenAPI = serde_json::from_str(spec).expect("JSON");
    let mut settings = progenitor::GenerationSettings::new();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged);
    let mut generator = progenitor::Generator::new(&settings);
    let format = |tokens| prettyplease::unparse(&syn::parse2(tokens).expect("tokens parse"));
    let client = generator.generate_tokens(&spec).expect("a client");
    let client = format(client);
    let mock = generator.httpmock(&spec, "the_client").expect("mocks");
    let mock = format(mock);
    let cli = generator.cli(&spec, "the_client").expect("a CLI");
    [client, mock, format(cli)]
}

/// The CPU time (user + system) this process has used, in seconds, from
/// `/proc/self/stat` (clock ticks, 100 a second): what a run costs
/// whatever the number of free cores. Linux only; 0 elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // After the command's name in parentheses: state is field 3, utime
    // and stime fields 14 and 15.
    let after = &stat[stat.rfind(')').map_or(0, |i| i + 2)..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i - 3).and_then(|f| f.parse::<f64>().ok());
    match (ticks(14), ticks(15)) {
        (Some(user), Some(system)) => (user + system) / 100.0,
        _ => 0.0,
    }
}

/// Peak heap and one timed run per size, before criterion starts.
fn memory_and_time_table() {
    println!("\noperations | one run | per operation | peak heap | peak heap per operation");
    println!("---|---|---|---|---");
    for ops in SIZES {
        let spec = synthetic_spec(ops);
        // Bytes freed while counting that were allocated before make
        // `IN_USE` go below zero: the peak is measured from where it starts.
        IN_USE.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        COUNTING.store(true, Ordering::Relaxed);
        let start = Instant::now();
        black_box(generate_all(&spec));
        let took = start.elapsed();
        COUNTING.store(false, Ordering::Relaxed);
        let peak = PEAK.load(Ordering::Relaxed).max(0) as usize;
        println!(
            "{ops} | {took:.2?} | {:.2?} | {:.1} MiB | {:.1} KiB",
            took / ops as u32,
            peak as f64 / (1024.0 * 1024.0),
            peak as f64 / 1024.0 / ops as f64
        );
    }
    println!();
}

/// The spec `CODEGEN_BENCH_SPEC` names.
struct External {
    path: std::path::PathBuf,
    /// Its text, what `Generator::generate` reads.
    spec: String,
    /// Whether it generates only normalised.
    normalize: bool,
    /// What progenitor alone reads: the text, or the normalised spec as
    /// JSON.
    baseline: String,
}

impl External {
    fn all(&self) -> codegen::Generated {
        generate_normalized(&self.spec, self.normalize).expect("the spec generates")
    }
}

/// The spec `CODEGEN_BENCH_SPEC` names. cargo runs benches in the
/// package's directory (`codegen/`); a relative path is taken from the
/// repository's root, where `cargo bench` is usually typed.
fn external_spec() -> Option<External> {
    let named = std::path::PathBuf::from(std::env::var_os("CODEGEN_BENCH_SPEC")?);
    let path = if named.is_absolute() {
        named
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(named)
    };
    let spec = match std::fs::read_to_string(&path) {
        Ok(spec) => spec,
        Err(e) => panic!("CODEGEN_BENCH_SPEC: cannot read {}: {e}", path.display()),
    };
    let name = path.display().to_string();
    // `CODEGEN_BENCH_NORMALIZE=1` (or `0`) says it instead of a plain run
    // finding out, which would count in a peak read with `time -v`.
    let normalize = match std::env::var("CODEGEN_BENCH_NORMALIZE").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => generate_normalized(&spec, false).is_err(),
    };
    // What progenitor is given: normalised if need be, and with answers of
    // several types split (progenitor alone cannot take those).
    let prepared = codegen::Generator::new(codegen::Settings::new(&name).normalize(normalize))
        .for_progenitor(&spec)
        .expect("the spec reads")
        .spec;
    let baseline = serde_json::to_string(&prepared).expect("a spec is JSON");
    Some(External {
        path,
        spec,
        normalize,
        baseline,
    })
}

/// `all` against progenitor alone making the same three targets
/// ([`progenitor_alone_three`]) on `CODEGEN_BENCH_SPEC`, in rounds of one
/// run each, the order swapped every round: wall time, and CPU time (user
/// + system), which does not depend on how many cores are free.
fn side_by_side_table() {
    const ROUNDS: usize = 15;
    let Some(external) = external_spec() else {
        return;
    };
    // (wall, CPU) seconds of one run.
    let timed = |run: &dyn Fn()| {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        run();
        (start.elapsed().as_secs_f64(), cpu_seconds() - cpu)
    };
    let all = || drop(black_box(black_box(&external).all()));
    let alone = || {
        drop(black_box(progenitor_alone_three(black_box(
            &external.baseline,
        ))))
    };
    // One of each first: the first run of each pays for warming up.
    all();
    alone();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (a, b) = if round % 2 == 0 {
            let a = timed(&all);
            (a, timed(&alone))
        } else {
            let b = timed(&alone);
            (timed(&all), b)
        };
        ours.push(a);
        theirs.push(b);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    type Pick = fn(&(f64, f64)) -> f64;
    let (wall, cpu): (Pick, Pick) = (|r| r.0, |r| r.1);
    let ratio = |pick: Pick| {
        median(
            ours.iter()
                .zip(&theirs)
                .map(|(a, b)| pick(a) / pick(b))
                .collect(),
        )
    };
    let of = |v: &[(f64, f64)], pick: Pick| median(v.iter().map(pick).collect());
    println!(
        "\n{} side by side, {ROUNDS} rounds{}",
        external.path.display(),
        if external.normalize {
            " (normalised: it generates only so; progenitor alone reads the normalised spec)"
        } else {
            ""
        }
    );
    println!("\n| median of the rounds | wall | CPU (user + system) |\n|---|---|---|");
    println!(
        "| ours, all three targets | {:.0} ms | {:.0} ms |",
        of(&ours, wall) * 1e3,
        of(&ours, cpu) * 1e3
    );
    println!(
        "| progenitor alone, the same three targets | {:.0} ms | {:.0} ms |",
        of(&theirs, wall) * 1e3,
        of(&theirs, cpu) * 1e3
    );
    println!(
        "| median of the rounds' ratios | {:.2}× | {:.2}× |\n",
        ratio(wall),
        ratio(cpu)
    );
}

fn tokens_stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("tokens");
    group.bench_function("read", |b| {
        let generator = codegen::Generator::new(codegen::Settings::new("tokens.yaml"));
        b.iter(|| generator.document(black_box(TOKENS_SPEC)).unwrap())
    });
    group.bench_function("all", |b| b.iter(|| generate_all(black_box(TOKENS_SPEC))));
    group.bench_function("progenitor-alone", |b| {
        b.iter(|| progenitor_alone(black_box(TOKENS_SPEC)))
    });
    group.finish();
}

/// Side by side on a spec from outside the repository.
fn external(c: &mut Criterion) {
    let Some(external) = external_spec() else {
        return;
    };
    let mut group = c.benchmark_group("external");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    group.bench_function("all", |b| b.iter(|| black_box(&external).all()));
    group.bench_function("progenitor-alone", |b| {
        b.iter(|| progenitor_alone(black_box(&external.baseline)))
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for ops in SIZES {
        let spec = synthetic_spec(ops);
        group.throughput(Throughput::Elements(ops as u64));
        group.bench_with_input(BenchmarkId::new("read", ops), &spec, |b, spec| {
            let generator = codegen::Generator::new(codegen::Settings::new("bench.yaml"));
            b.iter(|| generator.document(black_box(spec)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("all", ops), &spec, |b, spec| {
            b.iter(|| generate_all(black_box(spec)))
        });
        group.bench_with_input(
            BenchmarkId::new("progenitor-alone", ops),
            &spec,
            |b, spec| b.iter(|| progenitor_alone(black_box(spec))),
        );
    }
    group.finish();
}

fn blame(c: &mut Criterion) {
    let mut group = c.benchmark_group("blame");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for ops in [50, 100, 200] {
        let spec = reaching_spec(ops);
        group.bench_with_input(BenchmarkId::from_parameter(ops), &spec, |b, spec| {
            b.iter(|| {
                let refused = codegen::Generator::new(codegen::Settings::new("b.yaml"))
                    .generate(black_box(spec));
                assert!(refused.is_err(), "the upload fails");
            })
        });
    }
    group.finish();
}

fn main() {
    // `CODEGEN_BENCH_PROFILE=ours` (or `progenitor`) with `CODEGEN_BENCH_SPEC`:
    // ten runs of one side (`CODEGEN_BENCH_RUNS` says how many) and nothing
    // else, for `perf record`, or one for the peak `/usr/bin/time -v` reads.
    if let (Some(side), Some(external)) =
        (std::env::var_os("CODEGEN_BENCH_PROFILE"), external_spec())
    {
        let runs = std::env::var("CODEGEN_BENCH_RUNS")
            .ok()
            .and_then(|runs| runs.parse().ok())
            .unwrap_or(10);
        for _ in 0..runs {
            if side == "ours" {
                drop(black_box(external.all()));
            } else {
                drop(black_box(progenitor_alone_three(&external.baseline)));
            }
        }
        return;
    }
    memory_and_time_table();
    side_by_side_table();
    let mut criterion = Criterion::default().configure_from_args();
    tokens_stages(&mut criterion);
    scaling(&mut criterion);
    blame(&mut criterion);
    external(&mut criterion);
    criterion.final_summary();
}
