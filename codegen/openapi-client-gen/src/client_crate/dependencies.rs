//! The dependencies of a client crate: the runtime, what the generated code
//! always names (progenitor's client, reqwest, serde), what it names only
//! for some specs (chrono for dates, uuid, regress, futures...), and the
//! companions' crates behind their features (`mock`, `cli`). The table is
//! this generator's own: a crate it makes compiles from it alone. (The
//! Tokens crate of this repository depends on the same versions: a test
//! holds its manifest to this table.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use codegen::runtime_contract::{RUNTIME_PACKAGE, RUNTIME_VERSION};

/// Where a generated crate finds the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// By its version, from crates.io.
    Published,
    /// By a path, written into the manifest relative to the crate's
    /// directory (with the version beside it, as a published crate needs).
    Path(std::path::PathBuf),
}

/// What the generated code of every spec names, and how a crate depends on
/// each (the runtime's own versions of progenitor's client and reqwest).
const ALWAYS: [(&str, &str); 4] = [
    ("progenitor-client", r#""=0.15.1""#),
    (
        "reqwest",
        r#"{ version = "0.13", default-features = false, features = ["json", "rustls"] }"#,
    ),
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#""1""#),
];

/// The crates that progenitor's and typify's code names only for some
/// specs, and how a crate depends on each (the versions their README asks
/// for, or later ones with the same API). A crate the generated code names
/// that is neither here nor in [`ALWAYS`] is reported, so a new one cannot
/// go unnoticed (see [`Dependencies::unknown`]).
const SOMETIMES_NAMED: [(&str, &str); 7] = [
    (
        "chrono",
        r#"{ version = "0.4", default-features = false, features = ["serde", "std"] }"#,
    ),
    ("uuid", r#"{ version = "1", features = ["serde", "v4"] }"#),
    ("regress", r#""0.12""#),
    ("futures", r#""0.3""#),
    ("base64", r#""0.22""#),
    ("rand", r#""0.10""#),
    ("bytes", r#""1""#),
];

/// The companions' crates, and the feature of the client crate each sits
/// behind (as in the Tokens crate: `mock` and `cli`).
const COMPANIONS: [(&str, &str, &str); 5] = [
    ("mock", "httpmock", r#""0.8""#),
    ("mock", "regex", r#""1""#),
    ("cli", "anyhow", r#""1""#),
    ("cli", "clap", r#"{ version = "4", features = ["string"] }"#),
    ("cli", "schemars", r#""0.8""#),
];

/// The runtime's features each of the client crate's features turns on
/// (`Secret` in the CLI's JSON schemas).
const RUNTIME_FEATURES: [(&str, &str); 1] = [("cli", "schemars")];

/// Names that are not crates: the generated code's own modules, the
/// prelude's crates, and what `use crate::*` brings in.
const NOT_CRATES: [&str; 8] = [
    "crate", "self", "super", "std", "core", "alloc", "types", "builder",
];

/// The dependencies of a client crate: the runtime's, the companions'
/// (behind their features) and those the generated code names.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependencies {
    /// Always: name → TOML value.
    pub always: BTreeMap<String, String>,
    /// Behind a feature: name → TOML value with `optional = true`.
    pub optional: BTreeMap<String, String>,
    /// Crates the generated code names that no table here knows.
    pub unknown: BTreeSet<String>,
}

impl Dependencies {
    /// What the generated files `texts` need, with the runtime from
    /// `runtime`; `dir` is the crate's directory (a path to the runtime is
    /// written relative to it).
    pub fn of(texts: &[&str], runtime: &Runtime, dir: &Path) -> Dependencies {
        let named: BTreeSet<String> = texts.iter().flat_map(|t| crates_named(t)).collect();
        let mut always: BTreeMap<String, String> = ALWAYS
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        always.insert(RUNTIME_PACKAGE.to_owned(), runtime_value(runtime, dir));
        for (name, value) in SOMETIMES_NAMED {
            if named.contains(name) {
                always.insert(name.to_owned(), value.to_owned());
            }
        }
        let mut optional = BTreeMap::new();
        for (_, name, value) in COMPANIONS {
            let mut table: toml::Table = format!("x = {value}")
                .parse::<toml::Table>()
                .map(|t| match &t["x"] {
                    toml::Value::String(version) => toml::Table::from_iter([(
                        "version".to_owned(),
                        toml::Value::String(version.clone()),
                    )]),
                    toml::Value::Table(table) => table.clone(),
                    _ => unreachable!("a version or a table"),
                })
                .expect("the companions' values are TOML");
            if name == "schemars" {
                // The CLI's schemas of the types that name them.
                for (crate_name, feature) in [("chrono", "chrono"), ("uuid", "uuid1")] {
                    if named.contains(crate_name) {
                        add_feature(&mut table, feature);
                    }
                }
            }
            table.insert("optional".into(), toml::Value::Boolean(true));
            optional.insert(name.to_owned(), inline(&table));
        }
        let unknown = named
            .into_iter()
            .filter(|n| {
                !always.contains_key(n)
                    && !optional.contains_key(n)
                    && !always.contains_key(&n.replace('_', "-"))
            })
            .collect();
        Dependencies {
            always,
            optional,
            unknown,
        }
    }

    /// A new crate's `Cargo.toml`.
    pub fn manifest(&self, name: &str) -> String {
        let mut out = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n"
        );
        for (dep, value) in self.always.iter().chain(&self.optional) {
            out.push_str(&format!("{dep} = {value}\n"));
        }
        out.push_str("\n[features]\n");
        for feature in ["mock", "cli"] {
            let list: Vec<String> = COMPANIONS
                .iter()
                .filter(|(f, _, _)| *f == feature)
                .map(|(_, d, _)| format!("\"dep:{d}\""))
                .chain(
                    RUNTIME_FEATURES
                        .iter()
                        .filter(|(f, _)| *f == feature)
                        .map(|(_, r)| format!("\"{RUNTIME_PACKAGE}/{r}\"")),
                )
                .collect();
            out.push_str(&format!("{feature} = [{}]\n", list.join(", ")));
        }
        out
    }

    /// The dependencies `manifest` (a `Cargo.toml`'s text) lacks.
    pub fn missing_from(&self, manifest: &str) -> Vec<(String, String)> {
        let present: BTreeSet<String> = manifest
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("dependencies").and_then(|d| d.as_table()).cloned())
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        self.always
            .iter()
            .chain(&self.optional)
            .filter(|(name, _)| !present.contains(*name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }
}

/// How the manifest names the runtime: its exact version, and a path
/// relative to the crate's directory when one is given.
fn runtime_value(runtime: &Runtime, dir: &Path) -> String {
    match runtime {
        Runtime::Published => format!("\"={RUNTIME_VERSION}\""),
        Runtime::Path(path) => {
            let shown = relative_path(path, dir).unwrap_or_else(|| path.clone());
            let shown = shown.to_string_lossy().replace('\\', "/");
            format!("{{ version = \"={RUNTIME_VERSION}\", path = {shown:?} }}")
        }
    }
}

/// `to` relative to the directory `from`, when both are (or become)
/// absolute paths on the same root: what a manifest in `from` writes.
pub fn relative_path(to: &Path, from: &Path) -> Option<std::path::PathBuf> {
    use std::path::Component;
    // Absolute, with the part that exists resolved (symbolic links), so
    // that a directory not made yet compares with one that exists.
    let absolute = |p: &Path| {
        let p = std::path::absolute(p).ok()?;
        let existing = p.ancestors().find(|a| a.exists())?;
        let rest = p.strip_prefix(existing).ok()?;
        Some(existing.canonicalize().ok()?.join(rest))
    };
    let (to, from) = (absolute(to)?, absolute(from)?);
    let (to, from): (Vec<Component>, Vec<Component>) =
        (to.components().collect(), from.components().collect());
    if to.first() != from.first() {
        return None;
    }
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut relative = std::path::PathBuf::new();
    for _ in common..from.len() {
        relative.push("..");
    }
    for part in &to[common..] {
        relative.push(part.as_os_str());
    }
    Some(if relative.as_os_str().is_empty() {
        ".".into()
    } else {
        relative
    })
}

fn add_feature(table: &mut toml::Table, feature: &str) {
    let features = table
        .entry("features")
        .or_insert_with(|| toml::Value::Array(Vec::new()));
    if let toml::Value::Array(list) = features {
        list.push(toml::Value::String(feature.to_owned()));
    }
}

/// A table as an inline TOML value, `{ version = "1", .. }`.
fn inline(table: &toml::Table) -> String {
    if table.len() == 1
        && let Some(toml::Value::String(version)) = table.get("version")
    {
        return format!("{version:?}");
    }
    // `version` first, as people write it.
    let mut entries: Vec<(&String, &toml::Value)> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.as_str() != "version");
    let parts: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The crates a generated file names: the first segment of every path that
/// starts with `::`, and of every other path whose first segment is a
/// known crate (progenitor writes `progenitor_client::..` and
/// `reqwest::..` without the leading colons). Attributes are token lists
/// to syn, so a derive such as `::schemars::JsonSchema` inside
/// `cfg_attr` is not seen; the companions' crates come with their
/// features anyway.
pub fn crates_named(text: &str) -> BTreeSet<String> {
    use syn::visit::Visit;

    struct Named(BTreeSet<String>);
    impl Visit<'_> for Named {
        fn visit_path(&mut self, path: &syn::Path) {
            if let Some(first) = path.segments.first()
                && (path.leading_colon.is_some() || path.segments.len() > 1)
            {
                self.0.insert(first.ident.to_string());
            }
            syn::visit::visit_path(self, path);
        }
        fn visit_use_tree(&mut self, tree: &syn::UseTree) {
            if let syn::UseTree::Path(p) = tree {
                self.0.insert(p.ident.to_string());
            }
        }
    }
    let Ok(file) = syn::parse_file(text) else {
        return BTreeSet::new();
    };
    let mut named = Named(BTreeSet::new());
    named.visit_file(&file);
    // What the file declares, at any depth (typify's `types::defaults`,
    // `types::error`): named by a path, but no crate.
    struct Declared(BTreeSet<String>);
    impl Visit<'_> for Declared {
        fn visit_item(&mut self, item: &syn::Item) {
            let ident = match item {
                syn::Item::Mod(m) => Some(&m.ident),
                syn::Item::Struct(s) => Some(&s.ident),
                syn::Item::Enum(e) => Some(&e.ident),
                syn::Item::Trait(t) => Some(&t.ident),
                syn::Item::Type(t) => Some(&t.ident),
                _ => None,
            };
            if let Some(ident) = ident {
                self.0.insert(ident.to_string());
            }
            syn::visit::visit_item(self, item);
        }
    }
    let mut declared = Declared(BTreeSet::new());
    declared.visit_file(&file);
    let local = declared.0;
    named
        .0
        .into_iter()
        .filter(|n| {
            !NOT_CRATES.contains(&n.as_str())
                && !local.contains(n)
                && n.starts_with(|c: char| c.is_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(texts: &[&str]) -> Dependencies {
        Dependencies::of(texts, &Runtime::Published, Path::new("."))
    }

    #[test]
    fn crates_are_read_from_paths_not_from_local_modules() {
        let named = crates_named(
            "use progenitor_client::encode_path;\n\
             pub mod types { pub struct Id(pub ::uuid::Uuid); }\n\
             pub mod builder { pub fn f() -> Option<super::types::Id> { None } }\n\
             fn g() { let _ = futures::stream::empty::<u8>(); let _ = ::regress::Regex::new(\"a\"); }\n\
             fn h(x: u8) -> ::std::string::String { x.to_string() }\n",
        );
        assert_eq!(
            named.into_iter().collect::<Vec<_>>(),
            ["futures", "progenitor_client", "regress", "uuid"]
        );
    }

    #[test]
    fn a_uuid_in_the_code_adds_uuid_and_schemars_uuid1() {
        let plain = of(&["pub struct A(pub ::std::string::String);"]);
        assert!(!plain.always.contains_key("uuid"));
        assert!(!plain.optional["schemars"].contains("uuid1"));
        let with_uuid = of(&["pub struct A(pub ::uuid::Uuid);"]);
        assert!(with_uuid.always["uuid"].contains("v4"));
        assert!(with_uuid.optional["schemars"].contains("uuid1"));
        assert!(with_uuid.unknown.is_empty(), "{:?}", with_uuid.unknown);
    }

    #[test]
    fn a_crate_no_table_knows_is_reported_but_not_a_module_the_code_declares() {
        let deps = of(&[
            "pub mod types { pub mod defaults { pub fn default_u64() -> u64 { 1 } } \
             fn f() { let _ = ::mystery::thing(); let _ = defaults::default_u64(); } }",
        ]);
        assert_eq!(deps.unknown.into_iter().collect::<Vec<_>>(), ["mystery"]);
    }

    #[test]
    fn the_manifest_has_the_runtime_by_version_and_both_features() {
        let deps = of(&[""]);
        let manifest: toml::Table = deps.manifest("my-api").parse().expect("valid TOML");
        let dependencies = manifest["dependencies"].as_table().unwrap();
        assert_eq!(
            dependencies[RUNTIME_PACKAGE].as_str(),
            Some(format!("={RUNTIME_VERSION}").as_str())
        );
        for runtime_dependency in ["progenitor-client", "reqwest", "serde"] {
            assert!(
                dependencies.contains_key(runtime_dependency),
                "{runtime_dependency}"
            );
        }
        assert_eq!(dependencies["progenitor-client"].as_str(), Some("=0.15.1"));
        assert_eq!(dependencies["clap"]["optional"].as_bool(), Some(true));
        let features = manifest["features"].as_table().unwrap();
        let enables = |feature: &str, what: &str| {
            features[feature]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f.as_str() == Some(what))
        };
        assert!(enables("mock", "dep:httpmock"));
        assert!(enables("cli", "dep:clap"));
        assert!(enables("cli", "openapi-client-runtime/schemars"));
    }

    #[test]
    fn a_runtime_path_is_written_relative_to_the_crate() {
        let root = std::env::temp_dir().join("openapi-client-gen-relative");
        let deps = Dependencies::of(
            &[""],
            &Runtime::Path(root.join("checkout/codegen/openapi-client-runtime")),
            &root.join("clients/my-api"),
        );
        assert_eq!(
            deps.always[RUNTIME_PACKAGE],
            format!(
                "{{ version = \"={RUNTIME_VERSION}\", path = \"../../checkout/codegen/openapi-client-runtime\" }}"
            )
        );
    }

    #[test]
    fn an_owners_manifest_is_told_what_it_lacks() {
        let deps = of(&["pub struct A(pub ::uuid::Uuid);"]);
        let mut owners = deps.manifest("x").replace("uuid = ", "# uuid = ");
        owners.push_str("\n[dev-dependencies]\nuuid = \"1\"\n");
        let missing = deps.missing_from(&owners);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].0, "uuid");
    }
}
