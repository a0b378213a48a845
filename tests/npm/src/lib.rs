//! Helpers for the tests that need Node.js and npm, kept apart from
//! `tokens-tests` so that `cargo test -p tokens-tests` needs nothing but
//! cargo: the pinned npm tools, installed on first use, and Prism run for
//! one test.

pub mod npm_tools;
pub mod prism;

use std::path::{Path, PathBuf};

/// The workspace root, wherever cargo runs the tests from.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/npm/ lives two levels below the workspace root")
        .to_path_buf()
}
