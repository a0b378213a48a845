//! What the tests of `xtask` share: our spec, the real `xtask` binary run
//! as a maintainer runs it, and what a clean failure looks like. The
//! workspace root and the spec's text are `workspace_files`'.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use workspace_files::runs::{Run, assert_no_panic_trace, assert_one_clean_error, run};

/// Our spec, as checked in.
pub use workspace_files::TOKENS_SPEC;

/// The files one `codegen --out client.rs` writes, named here rather than
/// taken from `codegen::Target` so that the tests notice a name change.
pub const OUTPUT_FILES: [&str; 3] = ["client.rs", "client_httpmock.rs", "client_cli.rs"];

/// [`OUTPUT_FILES`] in `dir`; the first is the `--out` argument.
pub fn outputs(dir: &Path) -> [PathBuf; 3] {
    OUTPUT_FILES.map(|file| dir.join(file))
}

/// The `xtask` binary with `args`, ready for a working directory or
/// environment. `RUST_BACKTRACE=1`: a panic trace must not appear even
/// when a user asked for backtraces.
pub fn xtask<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args).env("RUST_BACKTRACE", "1");
    command
}

/// `xtask codegen FLAGS --spec SPEC --out OUT`, run to its end in `cwd`
/// (or the test's own directory): the call most tests make.
pub fn codegen(
    flags: &[&str],
    spec: impl AsRef<Path>,
    out: impl AsRef<Path>,
    cwd: Option<&Path>,
) -> Run {
    let mut command = xtask(["codegen"]);
    command
        .args(flags)
        .arg("--spec")
        .arg(spec.as_ref())
        .arg("--out")
        .arg(out.as_ref());
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    run(&mut command)
}
