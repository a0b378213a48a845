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

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{CodegenError, Surface};
use serde_json::Value;

use crate::codegen_task::{CRATE_MANIFEST, DEFAULT_SPEC};
use crate::{Exit, workspace_root};

pub use compare::{Change, Class, Place, compare};

// The flags of `cargo xtask diff` (its help text is the doc comment of
// `Task::Diff` in main.rs).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The revision to compare with [default: the merge base with main,
    /// or HEAD on main].
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The spec, relative to the current directory [default: openapi/tokens.yaml
    /// in the workspace].
    #[arg(long, value_name = "PATH")]
    pub spec: Option<String>,
}

/// How the report is printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// The entry for the crate's CHANGELOG.md (Keep a Changelog).
    Changelog,
}

/// `cargo xtask diff`: generates the spec at the base revision and in the
/// working tree, in memory, and prints what changed for consumers and the
/// version the release needs; or one error line.
pub fn command(args: &Args) -> Exit {
    let (dir, path) = match &args.spec {
        Some(path) => (PathBuf::from("."), path.clone()),
        None => (workspace_root(), DEFAULT_SPEC.to_owned()),
    };
    let base = args.base.clone().unwrap_or_else(|| default_base(&dir));
    // Both revisions are generated in memory.
    let read = || -> Result<Report, String> {
        let old_text = spec_at(&base, &dir, &path)?;
        let new_text = std::fs::read_to_string(dir.join(&path))
            .map_err(|e| format!("cannot read spec {path}: {e}"))?;
        let old = revision(&old_text, &format!("{path} at {base}")).map_err(|e| e.to_string())?;
        let new = revision(&new_text, &path).map_err(|e| e.to_string())?;
        Ok(Report::new(&old, &new))
    };
    let report = match read() {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::UnreadableSpec;
        }
    };
    let title = format!("{path}, {base} → working tree");
    // The version the change needs: the consumer crate's at the base (the
    // last release), bumped; and the working tree's, if already set.
    let root = workspace_root();
    let version_now = std::fs::read_to_string(root.join(CRATE_MANIFEST))
        .map_err(|e| e.to_string())
        .and_then(|text| release::package_version(&text));
    let version_now = match version_now {
        Ok(version) => version,
        Err(message) => {
            eprintln!("error: cannot read the crate's version from {CRATE_MANIFEST}: {message}");
            return Exit::UnreadableSpec;
        }
    };
    // A base from before the crate existed has no version: the working
    // tree's stands in.
    let version_then = spec_at(&base, &root, CRATE_MANIFEST)
        .and_then(|text| release::package_version(&text))
        .unwrap_or_else(|_| version_now.clone());
    let release = release::Release::of(&report, &version_then, &version_now);
    print!(
        "{}",
        match args.format {
            Format::Text => render::text(&report, &title, Some(&release)),
            Format::Markdown => render::markdown(&report, &title, Some(&release)),
            Format::Json => render::json(&report, &title, Some(&release)),
            Format::Changelog => release::changelog(&report, &release),
        }
    );
    if report.is_breaking() {
        Exit::StaleOrBreaking
    } else {
        Exit::Success
    }
}

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
