//! What the generator's tests share: the installed command run as a user
//! runs it, and what a clean failure looks like. The workspace root and
//! our spec's text are `workspace_files`'.

use std::ffi::OsStr;
use std::process::Command;

pub use workspace_files::runs::{Run, assert_no_panic_trace, assert_one_clean_error, run};

/// The `openapi-client-gen` binary with `args`, ready for a working
/// directory or environment. `RUST_BACKTRACE=1`: a panic trace must not
/// appear even when a user asked for backtraces.
pub fn generator<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_openapi-client-gen"));
    command.args(args).env("RUST_BACKTRACE", "1");
    command
}
