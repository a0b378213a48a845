//! This repository's chores, as a library: `main` parses the command line
//! and calls one task's `command`, and a plain `#[test]` can run the same
//! check as `cargo xtask codegen --check`.
//!
//! In: the workspace's files and git (the spec, the checked-in crate, a
//! base revision). Out: the files codegen generates, written or checked
//! (through the generator's library, `openapi_client_gen::files`); the
//! review's report printed. The generator for anyone's spec, and its
//! tools (the corpus, the mutation campaign), are the crate
//! `openapi-client-gen`.

pub mod codegen_task;
#[cfg(feature = "review")]
pub mod diff;
#[cfg(feature = "review")]
pub mod upstream;

pub use openapi_client_gen::Exit;
