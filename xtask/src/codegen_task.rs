//! `cargo xtask codegen`: generates the client from the spec, then writes
//! the files or, with `--check`, says which are stale. [`ensure_files`] is
//! the one place that compares, writes and diffs; the command and the
//! freshness test both go through it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use codegen::{CodegenError, REGENERATE_COMMAND};
use similar::TextDiff;

use crate::Exit;

// The flags of `cargo xtask codegen` (its help text is the doc comment of
// `Task::Codegen` in main.rs).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 with a diff when the file on disk is stale.
    #[arg(long)]
    pub check: bool,
    /// The spec to read [default: openapi/tokens.yaml in the workspace].
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
    /// The file to write or check [default: generated-client/src/generated.rs].
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Rewrite what progenitor cannot generate (for specs we do not own),
    /// printing each change on stderr.
    #[arg(long)]
    pub normalize: bool,
    /// Leave out the operations progenitor cannot generate, instead of
    /// refusing the spec: each is named with its reason on stderr and in
    /// every generated file's header.
    #[arg(long)]
    pub skip_failing: bool,
}

/// The flags that change what is generated, and so the command that
/// regenerates the files (their headers name it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub normalize: bool,
    pub skip_failing: bool,
}

impl Flags {
    /// The flags as typed after the command: ` --normalize --skip-failing`.
    pub fn as_typed(self) -> String {
        let mut typed = String::new();
        if self.normalize {
            typed.push_str(" --normalize");
        }
        if self.skip_failing {
            typed.push_str(" --skip-failing");
        }
        typed
    }

    /// What `codegen` makes of them.
    fn options<'a>(self, spec_name: &'a str, command: &'a str) -> codegen::Options<'a> {
        codegen::Options::new(spec_name)
            .command(command)
            .normalize(self.normalize)
            .skip_failing(self.skip_failing)
    }
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

/// What [`ensure_files`] does with a file whose content differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write it (`cargo xtask codegen`).
    Write,
    /// Report it (`--check`, and the freshness test).
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

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("cannot read spec {spec}: {source}")]
    ReadSpec { spec: String, source: io::Error },
    #[error("{spec}:{line}:{column}: not UTF-8 text (a binary file?)")]
    NotText {
        spec: String,
        line: usize,
        column: usize,
    },
    #[error("{0}")]
    Codegen(#[from] CodegenError),
    #[error("cannot read {out}: {source}")]
    ReadOut { out: String, source: io::Error },
    #[error("cannot write {out}: {source}")]
    WriteOut { out: String, source: io::Error },
}

impl Failure {
    /// How the command ends on this failure.
    pub fn exit(&self) -> Exit {
        match self {
            Failure::ReadSpec { .. } | Failure::NotText { .. } => Exit::UnreadableSpec,
            Failure::Codegen(CodegenError::Generator { .. } | CodegenError::Unparsable { .. }) => {
                Exit::Generator
            }
            Failure::Codegen(_) => Exit::UnreadableSpec,
            Failure::ReadOut { .. } | Failure::WriteOut { .. } => Exit::Write,
        }
    }
}

/// One generated file and where it goes.
#[derive(Debug)]
pub struct Output {
    pub path: PathBuf,
    pub content: String,
}

/// Makes each file hold its content, or says which do not: the
/// rust-analyzer xtask's `ensure_file_contents`, for a set of files that
/// must change together. Files already right are left alone (their
/// modification time too). In [`Mode::Write`] the others are written all
/// or none (see `write_all_atomically`); in [`Mode::Check`] nothing is
/// written, and the outcome carries a unified diff of each, from the file
/// on disk (empty when missing) to its content.
pub fn ensure_files(files: &[Output], mode: Mode) -> Result<Ensured, Failure> {
    let mut stale = Vec::new();
    for file in files {
        let current = match fs::read_to_string(&file.path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(Failure::ReadOut {
                    out: display_name(&file.path),
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
                        &display_name(&file.path),
                    )
                })
                .collect(),
        }),
        Mode::Write => {
            let changed: Vec<&Output> = stale.iter().map(|(file, _)| *file).collect();
            write_all_atomically(&changed)?;
            Ok(Ensured::Written)
        }
    }
}

/// The fresh outputs for `paths.spec`, named in their headers as the user
/// named the spec (relative to the workspace when it lies inside it).
pub fn generate(paths: &Paths, flags: Flags) -> Result<Vec<Output>, Failure> {
    let command = command_for(paths) + &flags.as_typed();
    let generation = generate_with(paths, flags, &command)?;
    generation.print_changes();
    Ok(generation.outputs)
}

/// The fresh outputs, what normalising changed to get them and the
/// operations left out.
#[derive(Debug)]
pub struct Generation {
    pub outputs: Vec<Output>,
    pub normalizations: Vec<String>,
    /// With `--skip-failing`, each operation left out and why.
    pub skipped: Vec<codegen::LeftOut>,
}

impl Generation {
    /// One line on stderr per change `--normalize` made and per operation
    /// `--skip-failing` left out, so that nothing changes unsaid.
    pub fn print_changes(&self) {
        for change in &self.normalizations {
            eprintln!("normalized: {change}");
        }
        for failure in &self.skipped {
            eprintln!("skipped: {failure}");
        }
    }
}

/// [`generate`], with the headers naming `command` as the one that
/// regenerates the files; the normalisations are returned, not printed.
pub fn generate_with(paths: &Paths, flags: Flags, command: &str) -> Result<Generation, Failure> {
    let bytes = fs::read(&paths.spec).map_err(|source| Failure::ReadSpec {
        spec: paths.spec_name(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Failure::NotText {
            spec: paths.spec_name(),
            line,
            column,
        }
    })?;
    let spec_name = paths.spec_name();
    let generated = codegen::generate(&text, &flags.options(&spec_name, command))?;
    let outputs = generated
        .files()
        .into_iter()
        .map(|(target, content)| Output {
            path: target.path(&paths.out),
            content: content.to_owned(),
        })
        .collect();
    Ok(Generation {
        outputs,
        normalizations: generated.normalizations,
        skipped: generated.skipped,
    })
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
/// written renames them into place: a failure leaves every old file intact,
/// and a reader never sees half a file.
fn write_all_atomically(outputs: &[&Output]) -> Result<(), Failure> {
    let fail = |path: &Path| {
        let out = display_name(path);
        move |source| Failure::WriteOut { out, source }
    };
    let mut written = Vec::new();
    for output in outputs {
        let dir = match output.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = temp_file_beside(&output.path, dir).map_err(fail(&output.path))?;
        tmp.write_all(output.content.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(fail(&output.path))?;
        written.push((tmp, &output.path));
    }
    for (tmp, path) in written {
        tmp.persist(path).map_err(|e| fail(path)(e.error))?;
    }
    Ok(())
}

/// A temporary file in `dir` that becomes `path` when renamed: with the
/// permissions `path` has, or, for a new file, those any new file gets
/// (0666 less the umask; tempfile's own default is 0600).
fn temp_file_beside(path: &Path, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".codegen-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(existing.permissions())?;
    }
    Ok(tmp)
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
