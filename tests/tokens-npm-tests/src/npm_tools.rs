//! The pinned npm tools of `openapi/package.json` (Prism, Redocly CLI),
//! installed by the tests themselves with `npm ci` when missing, so
//! `cargo test` is the only command a fresh machine needs.

use std::fs::File;
use std::path::PathBuf;
use std::process::Command;

/// The folder holding `package.json`, `package-lock.json` and, once
/// installed, `node_modules/`.
pub fn tools_dir() -> PathBuf {
    workspace_files::root().join("openapi")
}

/// The path of an installed tool's executable, installing the pinned tools
/// first if this one is missing. Safe to call from several tests and test
/// processes at once: the install runs under an exclusive file lock.
pub fn tool(name: &str) -> PathBuf {
    let bin = tools_dir().join("node_modules/.bin").join(name);
    if bin.exists() {
        return bin;
    }
    let lock = File::create(std::env::temp_dir().join("quantcdn-tokens-npm-ci.lock"))
        .expect("create the npm install lock file");
    lock.lock().expect("take the npm install lock");
    if !bin.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .current_dir(tools_dir())
            .envs(no_telemetry())
            .status()
            .expect("run `npm ci` (Node.js and npm must be installed)");
        assert!(status.success(), "`npm ci` in openapi/ failed: {status}");
    }
    assert!(bin.exists(), "`npm ci` did not install {}", bin.display());
    bin
}

/// Environment that keeps the tools from reporting usage or checking for
/// updates: the tests send no traffic beyond the loopback interface.
pub fn no_telemetry() -> [(&'static str, &'static str); 5] {
    [
        ("REDOCLY_TELEMETRY", "off"),
        ("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
        ("SCARF_ANALYTICS", "false"),
        ("DO_NOT_TRACK", "1"),
        ("npm_config_update_notifier", "false"),
    ]
}
