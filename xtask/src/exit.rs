//! The exit codes of `cargo xtask`, for every task, in one place: scripts
//! and CI branch on them (the API review workflow tells "breaking" from
//! "the diff itself failed"), so a number must never change meaning.

use std::process::ExitCode;

/// How a task ended. The numbers are the exit-code tables of
/// docs/maintaining.md; the tests run the binary and assert them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Code 0: `codegen`: written, or already up to date (`--check`: in sync);
    /// `diff`: nothing breaking; `upstream`: every difference decided (with
    /// `--spec`: nothing changed since the pinned release).
    Success = 0,
    /// Code 1: `codegen --check`: a generated file is stale (a unified diff is
    /// on stdout); `diff`: a change breaks consumers, at compile or at run
    /// time; `upstream`: a difference no decision covers, a stale decision or
    /// guide table (with `--spec`: the release changes the Tokens
    /// operations). Either way the task ran and found something to act
    /// on; it did not fail.
    StaleOrBreaking = 1,
    /// Code 2: a usage error (unknown flag, missing value). clap prints it and
    /// exits with this code itself (`main` never returns it); listed so
    /// the table is complete, and a test in `main.rs` proves clap's code
    /// is this one.
    Usage = 2,
    /// Code 3: a spec cannot be read, is not UTF-8, or is not a valid OpenAPI
    /// 3.0.x document; for `diff`, also a revision that cannot be read or
    /// generated, or the crate's version that cannot be read; for
    /// `upstream`, also a file that is not a QuantCDN spec or has no Tokens
    /// operation, or a decisions file that cannot be read.
    UnreadableSpec = 3,
    /// Code 4: progenitor cannot generate a client from the spec (its panics
    /// included).
    Generator = 4,
    /// Code 5: a generated file cannot be read or written.
    Write = 5,
}

impl Exit {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}
