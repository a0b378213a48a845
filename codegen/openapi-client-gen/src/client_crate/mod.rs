//! `openapi-client-gen client-crate`: a client crate for anyone's spec. The
//! generated files, plus what they need to compile on their own: a `lib.rs`
//! that re-exports them beside the runtime they call, and a manifest whose
//! dependencies are the runtime crate (`openapi-client-runtime`, by its
//! version, or by a path when asked: [`Runtime`]), the crates every client
//! needs, and those the generated code names for this spec (chrono for
//! dates, uuid, regress, futures for pagination, base64 and rand for
//! websockets: `dependencies.rs`). A fix to the runtime reaches every
//! crate made here at its next build, without regenerating.
//!
//! `Cargo.toml` and `src/lib.rs` are written only when missing: after that
//! they are the crate owner's. The generated files are ours and are
//! refreshed on every run. When the owner's manifest lacks a dependency
//! the fresh code names, the command says which line to add. A directory
//! that holds something else is refused, and nothing is written.

mod dependencies;

use std::fs;
use std::path::Path;

use codegen::runtime_contract::RUNTIME_PACKAGE;
pub use dependencies::{Dependencies, Runtime, crates_named, relative_path};

use crate::Failure;
use crate::files::{Ensured, Mode, Output, ensure_files};
use crate::generate::{Flags, Generation, generate};

/// The command that makes and refreshes client crates, as the headers of
/// their generated files name it.
pub const COMMAND: &str = "openapi-client-gen client-crate";

/// What [`write()`] did.
#[derive(Debug)]
pub struct Written {
    /// The manifest and `lib.rs` were written (they were missing).
    pub created: bool,
    pub dependencies: Dependencies,
    /// Dependencies the generated code needs that the existing manifest
    /// lacks: each crate's name and its TOML value.
    pub missing: Vec<(String, String)>,
    /// The generated files, what normalising changed (`--normalize`) and
    /// the operations left out (`--skip-failing`), for whoever reports on
    /// them.
    pub generation: Generation,
    /// How long reading the spec and generating took (not writing).
    pub generation_time: std::time::Duration,
}

/// The package name of a crate at `out`: `name`, or the directory's name;
/// an error saying to give `--name` when it is not a package name.
pub fn package_name(name: Option<&str>, out: &Path) -> Result<String, String> {
    let name = match name {
        Some(name) => name.to_owned(),
        None => std::path::absolute(out)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .ok_or_else(|| format!("{}: no directory name; give --name", out.display()))?,
    };
    let valid = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match valid {
        true => Ok(name),
        false => Err(format!(
            "{name:?} is not a package name (letters, digits, - and _, starting with a letter); give --name"
        )),
    }
}

/// Generates `spec` into the crate at `dir` (created when missing), whose
/// manifest names the runtime as `runtime` says when it is written.
pub fn write(
    spec: &Path,
    dir: &Path,
    name: &str,
    flags: Flags,
    runtime: &Runtime,
) -> Result<Written, Failure> {
    refuse_foreign(dir)?;
    let command = format!(
        "{COMMAND} --spec {} --out {}{}",
        spec.display(),
        dir.display(),
        flags.as_typed()
    );
    let started = std::time::Instant::now();
    let spec_name = spec.display().to_string();
    let generation = generate(
        spec,
        &spec_name,
        &dir.join("src/generated.rs"),
        flags,
        &command,
    )?;
    let generation_time = started.elapsed();
    let texts: Vec<&str> = generation
        .outputs
        .iter()
        .map(|o| o.content.as_str())
        .collect();
    let dependencies = Dependencies::of(&texts, runtime, dir);

    let manifest_path = dir.join("Cargo.toml");
    let created = !manifest_path.exists();
    let mut files: Vec<Output> = generation.outputs.clone();
    let missing = if created {
        files.push(Output {
            path: manifest_path,
            content: dependencies.manifest(name),
        });
        Vec::new()
    } else {
        let text = fs::read_to_string(&manifest_path).map_err(|source| Failure::ReadOut {
            out: manifest_path.display().to_string(),
            source,
        })?;
        dependencies.missing_from(&text)
    };
    let lib = dir.join("src/lib.rs");
    if !lib.exists() {
        files.push(Output {
            path: lib,
            content: LIB.to_owned(),
        });
    }
    match ensure_files(&files, Mode::Write, &|path: &Path| {
        path.display().to_string()
    })? {
        Ensured::Unchanged | Ensured::Written => {}
        Ensured::Stale { .. } => unreachable!("write mode never reports stale files"),
    }
    Ok(Written {
        created,
        dependencies,
        missing,
        generation,
        generation_time,
    })
}

/// A directory this command may write into: missing, empty, or a crate it
/// made (its `src/generated.rs` says so in its first line). Anything else
/// (a file, another project) is refused before anything is written.
fn refuse_foreign(dir: &Path) -> Result<(), Failure> {
    let refuse = |why: &str| {
        Err(Failure::NotOurs {
            out: dir.display().to_string(),
            why: why.to_owned(),
        })
    };
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return refuse("not a directory");
    }
    let empty = fs::read_dir(dir)
        .map_err(|source| Failure::ReadOut {
            out: dir.display().to_string(),
            source,
        })?
        .next()
        .is_none();
    if empty {
        return Ok(());
    }
    // A crate it made: its generated client says so, or its manifest
    // depends on the runtime (the owner's manifest, with generated files
    // to refresh).
    let generated = fs::read_to_string(dir.join("src/generated.rs")).unwrap_or_default();
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let runtime = manifest
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("dependencies")?.get(RUNTIME_PACKAGE).cloned());
    if generated.starts_with("// @generated from ") || runtime.is_some() {
        Ok(())
    } else {
        refuse(
            "the directory holds files this command did not make (neither a generated client \
             nor a manifest naming the runtime): give a new or empty directory, or a crate it made",
        )
    }
}

/// Where the runtime is for a crate made at `dir` when no path is given: a
/// path when `dir` lies inside this generator's own workspace (the
/// runtime's folder is there), else by its version.
pub fn runtime_for(dir: &Path, runtime_path: Option<&Path>) -> Runtime {
    if let Some(path) = runtime_path {
        return Runtime::Path(path.to_path_buf());
    }
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .map(|ancestor| ancestor.join(RUNTIME_IN_WORKSPACE))
        .find(|runtime| runtime.join("Cargo.toml").is_file())
        .map_or(Runtime::Published, Runtime::Path)
}

/// The runtime's folder in this generator's own workspace.
pub const RUNTIME_IN_WORKSPACE: &str = "codegen/openapi-client-runtime";

/// The `lib.rs` of a new client crate.
const LIB: &str = r#"//! A client generated from an OpenAPI document by `openapi-client-gen`
//! (progenitor underneath).
//!
//! `Client::new(base_url, CallPolicy::default())` makes a client; give it
//! a `reqwest::Client` with default headers (`Client::new_with_client`) to
//! authenticate, and the token to `CallPolicy::redact` so that no text of
//! an answer prints it. The `generated*.rs` files are regenerated: do not
//! edit them by hand. The runtime they call is the crate
//! `openapi-client-runtime`.

pub use openapi_client_runtime::{
    CallPolicy, DEFAULT_MAX_RESPONSE_BYTES, DocumentedError, Error, InvalidPayload, RetryPolicy,
    Secret,
};

#[rustfmt::skip]
#[allow(clippy::all, unused_imports, dead_code)]
mod generated;
pub use generated::*;

/// Typed httpmock helpers for tests (feature `mock`).
#[cfg(feature = "mock")]
#[rustfmt::skip]
#[allow(clippy::all, unused_imports, dead_code)]
#[path = "generated_httpmock.rs"]
pub mod mock;

/// A clap command-line interface, one subcommand per operation (feature `cli`).
#[cfg(feature = "cli")]
#[rustfmt::skip]
#[allow(clippy::all, unused_imports, unused_variables, dead_code)]
#[path = "generated_cli.rs"]
pub mod cli;
"#;
