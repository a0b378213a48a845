//! Real-world specs (GitHub's API, Oxide's, QuantCDN's whole API, and
//! progenitor's sample corpus), which live outside the repository: this
//! test is ignored, and runs on demand where they are present:
//!
//! ```text
//! REAL_WORLD_SPECS=../shared/specs cargo test -p xtask --test it real_world_specs -- --ignored
//! ```
//!
//! Each spec must generate with `--normalize` (the files must parse as
//! Rust); GitHub's without it must be refused naming its operations, not
//! for a `$ref` in an example. Whether the clients compile, with their
//! companions, is `cargo xtask real-world`'s job: minutes, not a test's.

use std::path::PathBuf;

use tempfile::TempDir;

use crate::support::{OUTPUT_FILES, codegen};

fn specs_dir() -> PathBuf {
    let dir = std::env::var_os("REAL_WORLD_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_files::root().join("../shared/specs"));
    assert!(
        dir.join("github-api.json").exists(),
        "no real-world specs in {} (set REAL_WORLD_SPECS)",
        dir.display()
    );
    dir
}

#[test]
#[ignore = "needs the real-world specs (REAL_WORLD_SPECS)"]
fn every_real_world_spec_generates_with_normalize() {
    let dir = specs_dir();
    let mut specs: Vec<PathBuf> = [
        "github-api.json",
        "oxide-api.json",
        "quantcdn-api-4.19.0.yaml",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    let mut samples: Vec<PathBuf> = std::fs::read_dir(dir.join("progenitor-samples"))
        .expect("progenitor-samples/")
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    specs.extend(samples);
    for spec in specs {
        let out = TempDir::new().unwrap();
        let client = out.path().join("client.rs");
        let run = codegen(&["--normalize"], &spec, &client, None);
        assert_eq!(run.code, 0, "{}:\n{}", spec.display(), run.stderr);
        for file in OUTPUT_FILES {
            let text = std::fs::read_to_string(out.path().join(file)).unwrap();
            syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {file}: {e}", spec.display()));
        }
    }
}

#[test]
#[ignore = "needs the real-world specs (REAL_WORLD_SPECS)"]
fn githubs_api_is_refused_for_its_operations_not_its_examples() {
    let out = TempDir::new().unwrap();
    let run = codegen(
        &[],
        specs_dir().join("github-api.json"),
        out.path().join("client.rs"),
        None,
    );
    let stderr = run.stderr;
    assert_eq!(run.code, 4, "{stderr}");
    assert!(!stderr.contains("points outside the document"), "{stderr}");
    // Four operations (184 before answers of several types were kept).
    assert!(
        stderr.contains("progenitor cannot generate 4 operations, for 4 reasons:\n"),
        "{stderr}"
    );
    // Without them (--skip-failing) the rest is refused as a whole: typify
    // would name two types alike, which --normalize mends; the four are
    // named beside it.
    let skipping = codegen(
        &["--skip-failing"],
        specs_dir().join("github-api.json"),
        out.path().join("client.rs"),
        None,
    );
    assert_eq!(skipping.code, 4, "{}", skipping.stderr);
    assert!(
        skipping
            .stderr
            .contains("progenitor cannot generate 4 operations, for 5 reasons:\n"),
        "{}",
        skipping.stderr
    );
    assert!(
        skipping
            .stderr
            .contains("\n  the document: typify names two types"),
        "{}",
        skipping.stderr
    );
    assert!(skipping.stderr.contains("--normalize removes such titles"));
}
