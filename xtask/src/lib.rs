//! The tasks behind `cargo xtask`, as a library: `main` only parses the
//! command line and calls one task's `command`, and a plain `#[test]` can
//! run the same check as `cargo xtask codegen --check`.

pub mod client_crate;
pub mod codegen_task;
pub mod diff;
mod exit;
pub mod mutate;
pub mod real_world;

pub use exit::Exit;
