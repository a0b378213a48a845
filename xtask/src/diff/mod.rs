//! `cargo xtask diff`: what a spec change means for consumers of the
//! generated crate, breaking or not.

pub mod compare;
pub mod model;
pub mod render;

use std::path::Path;
use std::process::Command;

pub use compare::{Change, Class, compare};
pub use model::Api;

/// The API model of a spec's text (through codegen's own reading, so key
/// order and unsupported specs are treated exactly as generation treats them).
pub fn api(spec_text: &str, spec_name: &str) -> Result<Api, codegen::CodegenError> {
    let spec = codegen::read(spec_text, spec_name)?;
    let doc = serde_json::to_value(&spec).expect("an OpenAPI document serializes");
    Ok(Api::from_document(&doc))
}

/// The spec at a git revision: `git -C DIR show REV:./PATH`, PATH relative
/// to DIR.
pub fn spec_at(rev: &str, dir: &Path, path: &str) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("{rev}:./{path}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cannot read {path} at {rev}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{path} at {rev} is not UTF-8"))
}

/// The merge base with `main`, or `HEAD` when on `main` (or when there is no
/// `main`).
pub fn default_base(dir: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let on_main = git(&["rev-parse", "--abbrev-ref", "HEAD"]).as_deref() == Some("main");
    match (on_main, git(&["merge-base", "HEAD", "main"])) {
        (false, Some(base)) => base,
        _ => "HEAD".to_owned(),
    }
}
