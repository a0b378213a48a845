//! The tasks behind `cargo xtask`, as a library: `main` only parses the
//! command line and calls one task's `command`, and a plain `#[test]` can
//! run the same check as `cargo xtask codegen --check`.

pub mod codegen_task;
pub mod diff;
mod exit;

pub use exit::Exit;

use std::path::{Path, PathBuf};

/// The workspace root, wherever cargo is run from.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
