//! `cargo xtask codegen`: generates the Tokens client from the spec, then
//! writes the files or, with `--check`, says which are stale, through the
//! generator's one writer (`openapi_client_gen::files::ensure_files`); the
//! command and the freshness test both go through it. What is particular
//! to this repository is here: the default paths, the command the headers
//! name, paths shown relative to the workspace.

use std::path::{Path, PathBuf};

use codegen::REGENERATE_COMMAND;
pub use openapi_client_gen::Failure;
use openapi_client_gen::files;
pub use openapi_client_gen::files::{Ensured, Mode, Output};
pub use openapi_client_gen::generate::Flags;

use crate::Exit;

/// The flags of `cargo xtask codegen` (parsed in `main.rs`).
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// Write nothing; exit 1 with a diff when the file on disk is stale.
    pub check: bool,
    /// The spec to read [default: openapi/tokens.yaml in the workspace].
    pub spec: Option<PathBuf>,
    /// The file to write or check [default: generated-client/src/generated.rs].
    pub out: Option<PathBuf>,
    /// Rewrite what progenitor cannot generate (for specs we do not own),
    /// printing each change on stderr.
    pub normalize: bool,
    /// Leave out the operations progenitor cannot generate, instead of
    /// refusing the spec: each is named with its reason on stderr and in
    /// every generated file's header.
    pub skip_failing: bool,
}

/// `cargo xtask codegen`: generates, writes or checks, and prints one line
/// saying what it did, or the diff and one error (a line per problem).
pub fn command(args: &Args) -> Exit {
    let defaults = Paths::workspace_default();
    let paths = Paths {
        spec: args.spec.clone().unwrap_or(defaults.spec),
        out: args.out.clone().unwrap_or(defaults.out),
    };
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let flags = Flags {
        normalize: args.normalize,
        skip_failing: args.skip_failing,
    };
    match generate(&paths, flags).and_then(|files| ensure_files(&files, mode)) {
        Ok(Ensured::Unchanged) => {
            println!(
                "{} are up to date with {}",
                outputs(&paths),
                paths.spec_name()
            );
            Exit::Success
        }
        Ok(Ensured::Written) => {
            println!("wrote {} from {}", outputs(&paths), paths.spec_name());
            Exit::Success
        }
        Ok(Ensured::Stale { diff }) => {
            print!("{diff}");
            eprintln!(
                "error: {} are stale: they differ from what {} generates (diff above); run `{}`",
                outputs(&paths),
                paths.spec_name(),
                command_for(&paths) + &flags.as_typed(),
            );
            Exit::StaleOrBreaking
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit()
        }
    }
}

/// The files in messages: the one named by `--out`, then its companions.
fn outputs(paths: &Paths) -> String {
    let name = |p: PathBuf| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let companions: Vec<String> = codegen::Target::ALL[1..]
        .iter()
        .map(|target| name(target.path(&paths.out)))
        .collect();
    format!("{} (+ {})", paths.out_name(), companions.join(", "))
}

/// What to read and what to write.
#[derive(Debug, Clone)]
pub struct Paths {
    pub spec: PathBuf,
    pub out: PathBuf,
}

impl Paths {
    /// The checked-in spec and generated file, wherever cargo is run from.
    pub fn workspace_default() -> Self {
        let root = workspace_files::root();
        Paths {
            spec: root.join(DEFAULT_SPEC),
            out: root.join(DEFAULT_OUT),
        }
    }

    pub fn spec_name(&self) -> String {
        display_name(&self.spec)
    }

    pub fn out_name(&self) -> String {
        display_name(&self.out)
    }

    fn is_default(&self) -> bool {
        let default = Paths::workspace_default();
        same_file(&self.spec, &default.spec) && same_file(&self.out, &default.out)
    }
}

pub const DEFAULT_SPEC: &str = workspace_files::TOKENS_SPEC_PATH;
pub const DEFAULT_OUT: &str = "generated-client/src/generated.rs";
/// The manifest of the crate consumers depend on: its version is the one
/// `cargo xtask diff` says how to bump.
pub const CRATE_MANIFEST: &str = "generated-client/Cargo.toml";

/// The fresh outputs for `paths.spec`, named in their headers as the user
/// named the spec (relative to the workspace when it lies inside it), the
/// normalisations and left-out operations printed.
pub fn generate(paths: &Paths, flags: Flags) -> Result<Vec<Output>, Failure> {
    let command = command_for(paths) + &flags.as_typed();
    let generation = openapi_client_gen::generate::generate(
        &paths.spec,
        &paths.spec_name(),
        &paths.out,
        flags,
        &command,
    )?;
    generation.print_changes();
    Ok(generation.outputs)
}

/// [`files::ensure_files`], naming each file relative to the workspace.
pub fn ensure_files(files: &[Output], mode: Mode) -> Result<Ensured, Failure> {
    files::ensure_files(files, mode, &|path: &Path| display_name(path))
}

/// The command that makes `paths.out` fresh again.
pub fn command_for(paths: &Paths) -> String {
    if paths.is_default() {
        REGENERATE_COMMAND.to_owned()
    } else {
        format!(
            "{REGENERATE_COMMAND} --spec {} --out {}",
            paths.spec.display(),
            paths.out.display()
        )
    }
}

/// `path` relative to the workspace root when it lies inside it, so headers
/// and messages read the same on every machine.
fn display_name(path: &Path) -> String {
    let root = workspace_files::root();
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = match (absolute.canonicalize(), root.canonicalize()) {
        (Ok(abs), Ok(root)) => abs.strip_prefix(&root).map(Path::to_path_buf).ok(),
        _ => None,
    }
    .or_else(|| absolute.strip_prefix(&root).map(Path::to_path_buf).ok())
    .unwrap_or_else(|| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when the checked-in generated files are not what
    /// the spec generates: `cargo xtask codegen --check` as a test, through
    /// the same `ensure_files` in `Mode::Check` (the pattern of
    /// rust-analyzer's xtask), so a plain `cargo test` catches drift and
    /// says which command fixes it.
    #[test]
    fn generated_code_is_fresh() {
        let paths = Paths::workspace_default();
        let files =
            generate(&paths, Flags::default()).unwrap_or_else(|e| panic!("generation failed: {e}"));
        match ensure_files(&files, Mode::Check) {
            Ok(Ensured::Unchanged) => {}
            Ok(Ensured::Stale { diff }) => panic!(
                "{} is stale; run `{}`. Diff from the file on disk to the fresh output:\n{diff}",
                paths.out_name(),
                command_for(&paths)
            ),
            Ok(Ensured::Written) => unreachable!("check mode never writes"),
            Err(e) => panic!("cannot check the generated files: {e}"),
        }
    }
}
