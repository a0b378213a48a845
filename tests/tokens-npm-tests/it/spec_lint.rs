//! `openapi/tokens.yaml` passes Redocly CLI's lint (the pinned version of
//! `openapi/package.json`, the rules of `openapi/redocly.yaml`) with no
//! error and no warning.

use std::process::Command;

use tokens_npm_tests::npm_tools::{no_telemetry, tool, tools_dir};

#[test]
fn the_spec_passes_redocly_lint() {
    let output = Command::new(tool("redocly"))
        .args([
            "lint",
            "tokens.yaml",
            "--config",
            "redocly.yaml",
            "--format",
            "stylish",
        ])
        .current_dir(tools_dir())
        .envs(no_telemetry())
        .output()
        .expect("run redocly");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "redocly lint failed:\n{report}");
    for problem in ["error", "warning"] {
        assert!(
            !report.lines().any(|l| l.contains(&format!(" {problem} "))),
            "redocly reported a {problem}:\n{report}"
        );
    }
}
