//! The architecture table of `docs/maintaining.md` ("Modules") kept true,
//! in the spirit of rust-analyzer's `tidy`: every file it names exists, and
//! every module of `codegen`, `xtask`, the generated crate and
//! `workspace-files` is named in it. A file added without a row, or a row
//! left behind by a move, fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crates' source folders whose every `.rs` file needs a row.
const DOCUMENTED_SOURCES: [&str; 4] = [
    "codegen/src",
    "xtask/src",
    "generated-client/src",
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

/// The runtime contract is one module: every item codegen's output names
/// at the crate root is exported by `generated-client/src/runtime/mod.rs`,
/// so including that module (as `lib.rs` and the compile proof do) provides
/// them all. (`read_response` and `read_error` are `#[doc(hidden)]`, so the
/// API surface does not list them: the module's `pub use`s are read.)
#[test]
fn the_runtime_module_exports_the_whole_contract() {
    fn names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
        match tree {
            syn::UseTree::Path(p) => names(&p.tree, out),
            syn::UseTree::Name(n) => {
                out.insert(n.ident.to_string());
            }
            syn::UseTree::Rename(r) => {
                out.insert(r.rename.to_string());
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| names(t, out)),
            syn::UseTree::Glob(_) => {}
        }
    }
    let path = workspace_files::root().join("generated-client/src/runtime/mod.rs");
    let text = std::fs::read_to_string(&path).expect("read the runtime module");
    let module = syn::parse_file(&text).expect("the runtime module parses");
    let mut exported = BTreeSet::new();
    for item in &module.items {
        if let syn::Item::Use(u) = item
            && matches!(u.vis, syn::Visibility::Public(_))
        {
            names(&u.tree, &mut exported);
        }
    }
    let missing: Vec<&str> = codegen::runtime_contract::NAMED
        .into_iter()
        .filter(|name| !exported.contains(*name))
        .collect();
    assert!(
        missing.is_empty(),
        "the runtime module does not export {missing:?} (exports {exported:?})"
    );
}
