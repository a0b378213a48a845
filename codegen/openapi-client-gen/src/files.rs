//! Writing a set of generated files, or checking them: [`ensure_files`] is
//! the one place that compares, writes and diffs. The xtask's `codegen`
//! (and its `--check`, and the freshness test) and the generator's
//! `client-crate` both go through it.

use std::fs;
use std::io::{self, Write as _};
use std::path::Path;

use similar::TextDiff;

use crate::Failure;

/// One generated file and where it goes.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: std::path::PathBuf,
    pub content: String,
}

/// What [`ensure_files`] does with a file whose content differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write it.
    Write,
    /// Report it (a `--check`, and a freshness test).
    Check,
}

/// What [`ensure_files`] found, or did.
#[derive(Debug)]
pub enum Ensured {
    /// Every file on disk already holds its content.
    Unchanged,
    /// [`Mode::Write`]: the files that differed were (re)written.
    Written,
    /// [`Mode::Check`] only: some files differ; `diff` is a unified diff
    /// from each file on disk to its content.
    Stale { diff: String },
}

/// Makes each file hold its content, or says which do not: the
/// rust-analyzer xtask's `ensure_file_contents`, for a set of files that
/// must change together. Files already right are left alone (their
/// modification time too). In [`Mode::Write`] the others are written all
/// or none (see `write_all_atomically`); in [`Mode::Check`] nothing is
/// written, and the outcome carries a unified diff of each, from the file
/// on disk (empty when missing) to its content. `name` says how messages
/// and diffs name a file.
pub fn ensure_files(
    files: &[Output],
    mode: Mode,
    name: &dyn Fn(&Path) -> String,
) -> Result<Ensured, Failure> {
    let mut stale = Vec::new();
    for file in files {
        let current = match fs::read_to_string(&file.path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(Failure::ReadOut {
                    out: name(&file.path),
                    source,
                });
            }
        };
        if current.as_deref() != Some(file.content.as_str()) {
            stale.push((file, current));
        }
    }
    if stale.is_empty() {
        return Ok(Ensured::Unchanged);
    }
    match mode {
        Mode::Check => Ok(Ensured::Stale {
            diff: stale
                .iter()
                .map(|(file, current)| {
                    unified_diff(
                        current.as_deref().unwrap_or(""),
                        &file.content,
                        &name(&file.path),
                    )
                })
                .collect(),
        }),
        Mode::Write => {
            let changed: Vec<&Output> = stale.iter().map(|(file, _)| *file).collect();
            write_all_atomically(&changed, name)?;
            Ok(Ensured::Written)
        }
    }
}

/// A unified diff from `old` (on disk) to `new` (generated).
pub fn unified_diff(old: &str, new: &str, name: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{name} (on disk)"),
            &format!("b/{name} (generated)"),
        )
        .to_string()
}

/// Writes each file to a temporary file beside it, and only when all are
/// written renames them into place: a failure leaves every old file intact
/// (and removes the temporary files), and a reader never sees half a
/// file. Missing parent directories are made first.
fn write_all_atomically(
    outputs: &[&Output],
    name: &dyn Fn(&Path) -> String,
) -> Result<(), Failure> {
    let mut written: Vec<Temporary> = Vec::new();
    for output in outputs {
        let temporary = Temporary::beside(&output.path)
            .and_then(|temporary| temporary.holding(&output.content))
            .map_err(|source| Failure::WriteOut {
                out: name(&output.path),
                source,
            })?;
        written.push(temporary);
    }
    for temporary in written {
        let path = temporary.target.clone();
        temporary.persist().map_err(|source| Failure::WriteOut {
            out: name(&path),
            source,
        })?;
    }
    Ok(())
}

/// Writes `text` to `path` whole or not at all: [`ensure_files`]' way, for
/// one file of a command's own (the xtask's pinned excerpt and guide).
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    Temporary::beside(path)?.holding(text)?.persist()
}

/// A file beside its target, removed unless it is renamed over it. std's
/// `create_new` and a name of this process's own make it the command's
/// alone; a new file gets the permissions any new file gets (0666 less
/// the umask), a replaced one keeps its own. (tempfile did this, and with
/// its dependencies was among the first things the lean xtask built
/// before progenitor: about 5 s of a cold build's CPU.)
struct Temporary {
    path: std::path::PathBuf,
    target: std::path::PathBuf,
    kept: bool,
}

impl Temporary {
    fn beside(target: &Path) -> std::io::Result<Temporary> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let file_name = target.file_name().unwrap_or_default().to_string_lossy();
        let path = dir.join(format!(
            ".{file_name}.{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(Temporary {
            path,
            target: target.to_path_buf(),
            kept: false,
        })
    }

    fn holding(self, content: &str) -> std::io::Result<Temporary> {
        let mut file = fs::OpenOptions::new().write(true).open(&self.path)?;
        file.write_all(content.as_bytes())?;
        file.sync_all()?;
        if let Ok(existing) = fs::metadata(&self.target) {
            fs::set_permissions(&self.path, existing.permissions())?;
        }
        Ok(self)
    }

    fn persist(mut self) -> std::io::Result<()> {
        fs::rename(&self.path, &self.target)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}
