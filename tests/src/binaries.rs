//! Programs of the workspace that tests run as a user would: the examples of
//! `quantcdn-tokens` and the `quant-tokens` tool.

use std::path::PathBuf;
use std::process::Command;

/// `target/debug` (or whichever profile runs the tests).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's path");
    // target/<profile>/deps/<test binary>
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>")
        .to_path_buf()
}

/// The path of an example of `quantcdn-tokens`, built (or found up to date)
/// by cargo first, so a test never runs a stale build. Built as `cargo test
/// --workspace` builds it: every target of the workspace in the profile
/// running the tests, so cargo resolves the features as that command does
/// (`--examples` alone leaves out the benches' dependencies, which changes
/// the features of serde and everything above it) and finds the example up
/// to date, instead of building the crate and its dependencies again (about
/// 55 s in CI).
pub fn example(name: &str) -> PathBuf {
    let dir = profile_dir();
    // `target/debug` holds the `test` profile's builds; any other
    // profile's directory is named after it.
    let profile = match dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "test",
        Some(other) => other,
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--locked",
            "--workspace",
            "--all-targets",
            "--profile",
            profile,
        ])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cannot build the workspace's targets");
    let path = dir.join("examples").join(name);
    assert!(path.exists(), "no example at {}", path.display());
    path
}

/// The path of the `quant-tokens` tool, built as [`example`] builds the
/// examples (with the rest of the workspace's targets).
pub fn quant_tokens() -> PathBuf {
    let examples = example("fake_server");
    let path = examples
        .parent()
        .and_then(|examples| examples.parent())
        .expect("target/<profile>")
        .join(format!("quant-tokens{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "no quant-tokens at {}", path.display());
    path
}
