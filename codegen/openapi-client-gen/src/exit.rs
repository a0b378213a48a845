//! The exit codes of `openapi-client-gen` and of the repository's `cargo
//! xtask`, for every command, in one place: scripts and CI branch on them
//! (a review tells "breaking" from "the review itself failed"), so a
//! number must never change meaning.

use std::process::ExitCode;

/// How a command ended. The numbers are the exit-code tables of the
/// generator's README and of docs/maintaining.md; the tests run the
/// binaries and assert them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Code 0: `client-crate`, `codegen`: written, or already up to date
    /// (`--check`: in sync); `review`, `diff`: nothing breaking; `corpus`,
    /// `mutate`: nothing failed; `upstream`: every difference decided (with
    /// `--spec`: nothing changed since the pinned release).
    Success = 0,
    /// Code 1: `codegen --check`: a generated file is stale (a unified diff is
    /// on stdout); `review`, `diff`: a change breaks users, at compile or at
    /// run time; `corpus`: a spec refused or a crate that does not compile;
    /// `mutate`: a run failed; `upstream`: a difference no decision covers,
    /// a stale decision or guide table (with `--spec`: the release changes
    /// the Tokens operations). Either way the command ran and found
    /// something to act on; it did not fail.
    StaleOrBreaking = 1,
    /// Code 2: a usage error (unknown flag, missing value). clap prints it and
    /// exits with this code itself (`main` never returns it); listed so
    /// the table is complete, and a test in `main.rs` proves clap's code
    /// is this one.
    Usage = 2,
    /// Code 3: a spec cannot be read, is not UTF-8, or is not an OpenAPI
    /// 3.0 or 3.1 document; for `review` and `diff`, also a revision that cannot be read or
    /// generated, or the crate's version that cannot be read; for
    /// `upstream`, also a file that is not a QuantCDN spec or has no Tokens
    /// operation, or a decisions file that cannot be read.
    UnreadableSpec = 3,
    /// Code 4: progenitor cannot generate a client from the spec (its panics
    /// included).
    Generator = 4,
    /// Code 5: a generated file cannot be read or written, or the output
    /// directory holds something the command did not make.
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
