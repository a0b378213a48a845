//! `cargo xtask diff`: what a spec change means for consumers of the
//! generated crate, breaking or not.
//!
//! Both revisions of the spec are generated in memory and read into
//! [`codegen::Surface`]s, the model of what consumers see; [`compare()`]
//! lists their differences, and [`mod@attribute`] points each at the spec
//! change behind it; [`release`] says which version the change needs and
//! writes its changelog entry.

pub mod attribute;
pub mod compare;
pub mod release;
pub mod render;

use std::path::Path;
use std::process::Command;

use codegen::{CodegenError, Surface};
use serde_json::Value;

pub use compare::{Change, Class, Place, compare};

/// One revision of the spec: what its generated client offers, and the
/// document it was generated from (canonical, as codegen reads it).
pub struct Revision {
    pub surface: Surface,
    pub document: Value,
}

/// Reads and generates one revision, in memory.
pub fn revision(spec_text: &str, spec_name: &str) -> Result<Revision, CodegenError> {
    let spec = codegen::read(spec_text, spec_name)?;
    Ok(Revision {
        surface: codegen::surface(&spec, spec_name)?,
        document: serde_json::to_value(&spec).expect("an OpenAPI document serializes"),
    })
}

/// What a reviewer reads: the changes for consumers, each with its spec
/// changes, and the spec changes that change nothing in the generated API
/// (documentation aside).
#[derive(Debug)]
pub struct Report {
    pub changes: Vec<Change>,
    pub without_effect: Vec<String>,
}

impl Report {
    pub fn new(old: &Revision, new: &Revision) -> Report {
        let mut changes = compare(&old.surface, &new.surface);
        let without_effect = attribute::attribute(&mut changes, &old.document, &new.document);
        Report {
            changes,
            without_effect,
        }
    }

    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class.is_breaking())
    }
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
