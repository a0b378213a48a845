//! The tasks behind `cargo xtask`, as a library so that a plain `#[test]`
//! can run the same check as `cargo xtask codegen --check`.

pub mod codegen_task;
pub mod diff;
