//! `openapi-client-gen review`: what a change of a spec means for the
//! users of the crate generated from it, breaking or not, and the version
//! the next release needs.
//!
//! Both documents are generated in memory and read into the review's one
//! model of what users see (`api-review`'s `Surface`); each difference is
//! classified (breaking at compile time, breaking at run time, compatible)
//! and pointed at the spec. The old document is a file, or the spec's file
//! at a git revision ([`Old`]); the crate's version (the last release) is
//! given, or read from its `Cargo.toml`. The repository's own review of
//! its Tokens crate (`cargo xtask diff`) reads the crate's hand-written
//! layer too, through the same readers ([`git`], [`manifest`]).

pub mod git;
pub mod manifest;

use std::path::{Path, PathBuf};

use api_review::release::Release;
use api_review::{Report, revision};
use semver::Version;

use crate::generate::read_spec;

/// The old side of a review.
#[derive(Debug, Clone)]
pub enum Old {
    /// A file.
    File(PathBuf),
    /// The new spec's own file at a git revision of its repository.
    Revision(String),
}

/// What [`review`] found: the report, the release it needs, and a title
/// naming both sides.
#[derive(Debug)]
pub struct Reviewed {
    pub report: Report,
    pub release: Release,
    pub title: String,
}

/// The review of the spec at `new` against `old`, for a crate whose last
/// release is `version`; `normalize` reads both as `--normalize` does. An
/// error is one line naming the file or the revision.
pub fn review(
    old: &Old,
    new: &Path,
    version: &Version,
    normalize: bool,
) -> Result<Reviewed, String> {
    let new_name = new.display().to_string();
    let new_text = read_spec(new, &new_name).map_err(|e| e.to_string())?;
    let (old_text, old_name) = match old {
        Old::File(path) => {
            let name = path.display().to_string();
            (read_spec(path, &name).map_err(|e| e.to_string())?, name)
        }
        Old::Revision(rev) => {
            let dir = match new.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            let root = git::repository_root(dir);
            let in_repository = std::path::absolute(new)
                .ok()
                .and_then(|p| p.canonicalize().ok())
                .and_then(|p| {
                    p.strip_prefix(&root)
                        .ok()
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                })
                .ok_or_else(|| format!("{new_name} is not in a git repository"))?;
            let text = git::file_at(rev, &root, &in_repository)?;
            (text, format!("{new_name} at {rev}"))
        }
    };
    let (old_revision, new_revision) = std::thread::scope(|scope| {
        let old = scope.spawn(|| revision_of(&old_text, &old_name, normalize));
        let new = revision_of(&new_text, &new_name, normalize);
        let old = old
            .join()
            .unwrap_or_else(|_| Err(format!("the review of {old_name} stopped")));
        (old, new)
    });
    let report = Report::new(&old_revision?, &new_revision?);
    let release = Release::of(&report, version, version);
    let title = format!("{old_name} → {new_name}");
    Ok(Reviewed {
        report,
        release,
        title,
    })
}

/// One side, generated in memory (normalised first when asked).
fn revision_of(text: &str, name: &str, normalize: bool) -> Result<api_review::Revision, String> {
    let result = if normalize {
        api_review::revision_normalized(text, name)
    } else {
        revision(text, name)
    };
    result.map_err(|e| e.to_string())
}

/// The version of the crate whose manifest is `dir/Cargo.toml`.
pub fn crate_version(dir: &Path) -> Result<Version, String> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    manifest::package_version(&text).map_err(|e| format!("{}: {e}", path.display()))
}
