//! Compiling what a campaign generated: the specs of chosen runs made
//! client crates with their mocks and CLI, in one scratch workspace, and
//! `cargo check`ed there.

use super::{Base, Failure, mutant};

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
        let flags = crate::generate::Flags {
            normalize: m.normalize,
            skip_failing: false,
        };
        let failure = |problem: String| Failure {
            run,
            base: m.base.clone(),
            mutations: m.mutations.clone(),
            problem,
        };
        let crate_dir = dir.join(&package);
        let runtime = crate::client_crate::runtime_for(&crate_dir, None);
        match crate::client_crate::write(&spec, &crate_dir, &package, flags, &runtime) {
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
