//! Where the workspace's shared files are, named once for every crate that
//! needs them: xtask (the root its commands resolve paths against) and the
//! tests of codegen, xtask and the generated crate (the spec's text, the
//! broken-spec corpus), and the test data several test crates share (the
//! spec pairs of `cargo xtask diff`'s corpus, [`diff_pairs`]). No I/O:
//! paths, `include_str!` and data, except [`runs`]: the command-line tools'
//! tests running their binary, and what a clean failure looks like.

pub mod diff_pairs;
pub mod runs;

use std::path::{Path, PathBuf};

/// The spec, relative to the workspace root.
pub const TOKENS_SPEC_PATH: &str = "openapi/tokens.yaml";

/// The spec's text, for tests and benchmarks (the one copy compiled in;
/// `cargo xtask codegen` reads the file itself).
pub const TOKENS_SPEC: &str = include_str!("../../openapi/tokens.yaml");

/// A small spec with the shapes whose mocks and CLI progenitor alone does
/// not compile (array and untagged query parameters, bodies by value),
/// relative to the workspace root; its text below.
pub const COMPANION_SHAPES_SPEC_PATH: &str = "workspace-files/companion-shapes.yaml";

/// [`COMPANION_SHAPES_SPEC_PATH`]'s text.
pub const COMPANION_SHAPES_SPEC: &str = include_str!("../companion-shapes.yaml");

/// The runtime crate the generated code calls, relative to the workspace
/// root (the crates `cargo xtask client-crate` makes depend on it by path).
pub const RUNTIME_DIR: &str = "codegen/openapi-client-runtime";

/// The workspace root, wherever cargo runs from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace-files lives one level below the workspace root")
        .to_path_buf()
}

/// The corpus of broken (and a few valid) specs that the tests of codegen
/// and xtask read.
pub fn broken_specs_dir() -> PathBuf {
    root().join("workspace-files/broken-specs")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_root_holds_the_spec_and_the_corpus() {
        let spec = std::fs::read_to_string(super::root().join(super::TOKENS_SPEC_PATH)).unwrap();
        assert_eq!(spec, super::TOKENS_SPEC);
        assert!(super::broken_specs_dir().join("01-empty.yaml").exists());
        assert!(
            super::root()
                .join(super::RUNTIME_DIR)
                .join("Cargo.toml")
                .is_file()
        );
    }
}
