//! `cargo xtask diff` beside `cargo xtask codegen --check`, on this
//! workspace, in process: the review of the working tree against `HEAD`
//! (the two generations, the checked-in crate read with git, the
//! hand-written layer, the comparison), and the freshness check (the three
//! targets generated and compared with the files). The target: the review
//! takes at most twice the check (`docs/maintaining.md`, Performance).

use criterion::{Criterion, criterion_group, criterion_main};
use xtask::codegen_task::{self, Mode, Paths};
use xtask::diff;

fn review_beside_check(c: &mut Criterion) {
    let root = workspace_files::root();
    let mut group = c.benchmark_group("review");
    group.bench_function("codegen --check", |b| {
        b.iter(|| {
            let files =
                codegen_task::generate(&Paths::workspace_default(), Default::default()).unwrap();
            codegen_task::ensure_files(&files, Mode::Check).unwrap()
        })
    });
    group.bench_function("diff --base HEAD", |b| {
        b.iter(|| diff::review(&root, codegen_task::DEFAULT_SPEC, "HEAD").unwrap())
    });
    group.finish();
}

criterion_group!(benches, review_beside_check);
criterion_main!(benches);
