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
/// by cargo first, so a test never runs a stale build.
pub fn example(name: &str) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--locked",
            "--package",
            "quantcdn-tokens",
            "--example",
            name,
        ])
        .status()
        .expect("run cargo build");
    assert!(status.success(), "cannot build example {name}");
    let path = profile_dir().join("examples").join(name);
    assert!(path.exists(), "no example at {}", path.display());
    path
}
