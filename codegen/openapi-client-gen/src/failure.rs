//! [`Failure`]: why reading a spec, generating from it or writing what was
//! generated failed, in one line that names the file, and the exit code
//! each means ([`Failure::exit`]).

use std::io;

use codegen::CodegenError;

use crate::Exit;

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
    /// The output directory holds something this command did not make.
    #[error("{out}: {why}")]
    NotOurs { out: String, why: String },
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
            Failure::ReadOut { .. } | Failure::WriteOut { .. } | Failure::NotOurs { .. } => {
                Exit::Write
            }
        }
    }
}
