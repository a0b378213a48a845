//! The architecture table of `docs/maintaining.md` ("Modules") kept true,
//! in the spirit of rust-analyzer's `tidy`: every file it names exists, and
//! every module of `codegen`, the generator, the review, the runtime, the
//! generated crate, `xtask` and `workspace-files` is named in it. A file added without a row, or a row
//! left behind by a move, fails.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crates' source folders whose every `.rs` file needs a row.
const DOCUMENTED_SOURCES: [&str; 7] = [
    "codegen/src",
    "codegen/openapi-client-gen/src",
    "codegen/api-review/src",
    "codegen/openapi-client-runtime/src",
    "generated-client/src",
    "xtask/src",
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
        std::fs::read_to_string(root.join("codegen/openapi-client-runtime/Cargo.toml"))
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

/// The runtime's modules import one way: values at the bottom, the error
/// above them, its questions above it, the retry loop and the readers on
/// top. A module that imports one that imports it back (through any
/// number of others) fails here, naming the circle.
#[test]
fn the_runtime_modules_import_each_other_in_no_circle() {
    let src = workspace_files::root().join("codegen/openapi-client-runtime/src");
    let graph = module_imports(&src);
    assert!(graph.len() >= 10, "the runtime was not read: {graph:?}");
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "the runtime's modules import each other in a circle: {}",
            circle.join(" -> ")
        );
    }
}

#[test]
fn a_circle_is_found_and_named() {
    let graph: std::collections::BTreeMap<String, BTreeSet<String>> = [
        ("error", &["policy"][..]),
        ("policy", &["retry"]),
        ("retry", &["error"]),
        ("secret", &[]),
    ]
    .into_iter()
    .map(|(m, to)| (m.to_owned(), to.iter().map(|t| t.to_string()).collect()))
    .collect();
    assert_eq!(
        find_circle(&graph).unwrap(),
        ["error", "policy", "retry", "error"]
    );
}

/// For each module of a crate's flat `src/` (but `lib.rs`), the modules it
/// names through `super::` or `crate::`: a module by its name, or an item
/// by the module `lib.rs` re-exports it from. Doc comments are not read
/// (a link is no import).
fn module_imports(src: &Path) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    use syn::visit::Visit;

    let parse = |path: &Path| -> syn::File {
        let text = std::fs::read_to_string(path).unwrap();
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    // `pub use module::{Item, ..};` of lib.rs: where each item lives.
    let mut home: std::collections::BTreeMap<String, String> = Default::default();
    for item in parse(&src.join("lib.rs")).items {
        if let syn::Item::Use(u) = item
            && let syn::UseTree::Path(p) = &u.tree
        {
            let mut names = Vec::new();
            use_names(&p.tree, &mut names);
            for name in names {
                home.insert(name, p.ident.to_string());
            }
        }
    }
    let modules: BTreeSet<String> = std::fs::read_dir(src)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .filter(|m| m != "lib")
        .collect();

    struct Names<'a> {
        modules: &'a BTreeSet<String>,
        home: &'a std::collections::BTreeMap<String, String>,
        found: BTreeSet<String>,
    }
    impl Names<'_> {
        fn named(&mut self, root: &str, next: &str) {
            if root != "super" && root != "crate" {
                return;
            }
            if self.modules.contains(next) {
                self.found.insert(next.to_owned());
            } else if let Some(module) = self.home.get(next) {
                self.found.insert(module.clone());
            }
        }
    }
    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            let s = &path.segments;
            if s.len() >= 2 {
                self.named(&s[0].ident.to_string(), &s[1].ident.to_string());
            }
            syn::visit::visit_path(self, path);
        }
        fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
            if let syn::UseTree::Path(root) = &u.tree {
                let mut next = Vec::new();
                match &*root.tree {
                    syn::UseTree::Path(p) => next.push(p.ident.to_string()),
                    tree => use_names(tree, &mut next),
                }
                for name in next {
                    self.named(&root.ident.to_string(), &name);
                }
            }
        }
        fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
    }

    modules
        .iter()
        .map(|module| {
            let mut names = Names {
                modules: &modules,
                home: &home,
                found: BTreeSet::new(),
            };
            names.visit_file(&parse(&src.join(format!("{module}.rs"))));
            names.found.remove(module);
            (module.clone(), names.found)
        })
        .collect()
}

/// The names a `use` tree brings in, by their last segment.
fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Name(n) => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => out.push(r.ident.to_string()),
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// A circle of the graph, from its first module back to it, if any.
fn find_circle(
    graph: &std::collections::BTreeMap<String, BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &std::collections::BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut circle = path[at..].to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}
