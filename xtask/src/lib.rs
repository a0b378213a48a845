//! The tasks behind `cargo xtask`, as a library: `main` only parses the
//! command line and calls one task's `command`, and a plain `#[test]` can
//! run the same check as `cargo xtask codegen --check`.
//!
//! In: the workspace's files and git (the spec, the checked-in crate, a
//! base revision). Out: the files codegen generates, written or checked;
//! the review's report (`api-review`) printed; client crates for other
//! specs. This crate owns every read and write of a file and every git
//! process; codegen and the review do neither.

pub mod client_crate;
pub mod codegen_task;
pub mod diff;
mod exit;
pub mod mutate;
pub mod real_world;
pub mod upstream;

pub use exit::Exit;
