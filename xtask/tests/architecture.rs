//! The architecture table of `docs/maintaining.md` ("Modules") kept true,
//! in the spirit of rust-analyzer's `tidy`: every file it names exists, and
//! every module of `codegen`, `xtask`, the generated crate, its runtime and
//! `workspace-files` is named in it. A file added without a row, or a row
//! left behind by a move, fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crates' source folders whose every `.rs` file needs a row.
const DOCUMENTED_SOURCES: [&str; 6] = [
    "codegen/src",
    "xtask/src",
    "xtask/review/src",
    "generated-client/src",
    "generated-client/runtime/src",
    "workspace-files/src",
];

fn table() -> String {
    let guide = std::fs::read_to_string(workspace_files::root().join("docs/maintaining.md"))
        .expect("read docs/maintaining.md");
    let start = guide
        .find("\n### Modules\n")
        .expect("docs/maintaining.md has a Modules section");
    let rest = &guide[start + 1..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// The paths the first cell of each row names. A cell may name several
/// files, `a/b/one.rs`, `two.rs`: a name without a `/` is beside the one
/// before it.
fn named_paths(table: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for row in table.lines().filter(|line| line.starts_with("| `")) {
        let cell = row[2..].split(" |").next().unwrap_or_default();
        let mut dir = String::new();
        for name in cell.split('`').skip(1).step_by(2) {
            if name.contains('/') && !name.ends_with('/') {
                dir = name
                    .rsplit_once('/')
                    .map(|(d, _)| d)
                    .unwrap_or("")
                    .to_owned();
                paths.push(name.to_owned());
            } else if name.ends_with('/') {
                paths.push(name.to_owned());
            } else {
                paths.push(format!("{dir}/{name}"));
            }
        }
    }
    paths
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_the_table_names_exists() {
    let root = workspace_files::root();
    let paths = named_paths(&table());
    assert!(paths.len() > 50, "the table was not read: {paths:?}");
    let missing: Vec<&String> = paths.iter().filter(|p| !root.join(p).exists()).collect();
    assert!(
        missing.is_empty(),
        "docs/maintaining.md names files that do not exist: {missing:?}"
    );
}

#[test]
fn every_module_has_a_row() {
    let root = workspace_files::root();
    let named: BTreeSet<String> = named_paths(&table()).into_iter().collect();
    let mut files = Vec::new();
    for dir in DOCUMENTED_SOURCES {
        rust_files(&root.join(dir), &mut files);
    }
    let unnamed: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|f| !named.contains(f))
        .collect();
    assert!(
        unnamed.is_empty(),
        "modules without a row in docs/maintaining.md's Modules table: {unnamed:?}"
    );
}

#[test]
fn a_cell_naming_several_files_names_them_beside_the_first() {
    let table = "| `a/b/one.rs`, `two.rs` | job |\n| `c/` | data |\n| **x** | |\n";
    assert_eq!(named_paths(table), ["a/b/one.rs", "a/b/two.rs", "c/"]);
}

/// The runtime is below the generated code: it depends on no crate of
/// this workspace, so it cannot name the generated `Client` or anything of
/// one API (what it needs from a client is generated beside it).
#[test]
fn the_runtime_depends_on_no_crate_of_the_workspace() {
    let root = workspace_files::root();
    let manifest: toml::Table =
        std::fs::read_to_string(root.join("generated-client/runtime/Cargo.toml"))
            .expect("read the runtime's manifest")
            .parse()
            .expect("the runtime's manifest is TOML");
    let path_dependencies: Vec<&String> = ["dependencies", "dev-dependencies"]
        .iter()
        .filter_map(|table| manifest.get(*table).and_then(|t| t.as_table()))
        .flat_map(|table| table.iter())
        .filter(|(_, value)| value.get("path").is_some())
        .map(|(name, _)| name)
        .collect();
    assert!(
        path_dependencies.is_empty(),
        "the runtime depends on {path_dependencies:?}"
    );
}
