//! `cargo xtask client-crate`: a client crate for anyone's spec. The same
//! codegen as `cargo xtask codegen`, plus what the generated files need to
//! compile on their own: a `lib.rs` that re-exports them beside the runtime
//! they call, and a manifest whose dependencies are the runtime crate
//! (`quantcdn-client-runtime`, by its path in this workspace until it is
//! published, then by version), the Tokens crate's other dependencies, and
//! those the generated code names for this spec (uuid, regress, futures for
//! pagination, base64 and rand for websockets). A fix to the runtime
//! reaches every crate made here at its next build, without regenerating.
//!
//! `Cargo.toml` and `src/lib.rs` are written only when missing: after that
//! they are the crate owner's. The generated files are ours and are
//! refreshed on every run. When the owner's manifest lacks
//! a dependency the fresh code names, the command says which line to add.
//! The real-world check (`cargo xtask real-world`) builds its crates here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::Exit;
use crate::codegen_task::{self, Ensured, Failure, Flags, Mode, Output, Paths};

// The flags of `cargo xtask client-crate` (its help text is the doc comment
// of `Task::ClientCrate` in main.rs).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The OpenAPI 3.0 or 3.1 document to generate from (YAML or JSON).
    #[arg(long, value_name = "PATH")]
    pub spec: PathBuf,
    /// The crate's directory, created when missing.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The package name [default: the directory's name].
    #[arg(long)]
    pub name: Option<String>,
    /// Rewrite what progenitor cannot generate, printing each change on stderr.
    #[arg(long)]
    pub normalize: bool,
    /// Leave out the operations progenitor cannot generate, instead of
    /// refusing the spec: each is named with its reason on stderr and in
    /// every generated file's header.
    #[arg(long)]
    pub skip_failing: bool,
}

use codegen::runtime_contract::RUNTIME_PACKAGE;

/// The generated crate's manifest and the workspace's: the versions of the
/// runtime's dependencies and of the companions' come from there.
const CRATE_MANIFEST: &str = include_str!("../../generated-client/Cargo.toml");
const WORKSPACE_MANIFEST: &str = include_str!("../../Cargo.toml");

/// The crates that progenitor's and typify's code names only for some
/// specs, and how a crate depends on each (the versions their README asks
/// for, or later ones with the same API). A crate the generated code names
/// that is neither here nor in the runtime's dependencies is reported, so a
/// new one cannot go unnoticed (see [`Dependencies::unknown`]).
const SOMETIMES_NAMED: [(&str, &str); 6] = [
    ("uuid", r#"{ version = "1", features = ["serde", "v4"] }"#),
    ("regress", r#""0.12""#),
    ("futures", r#""0.3""#),
    ("base64", r#""0.22""#),
    ("rand", r#""0.10""#),
    ("bytes", r#""1""#),
];

/// Which feature of the client crate each companion's dependencies sit
/// behind (as in the generated crate: `mock` and `cli`), and the runtime's
/// features each turns on (`Secret` in the CLI's JSON schemas).
const FEATURES: [(&str, &[&str], &[&str]); 2] = [
    ("mock", &["httpmock", "regex"], &[]),
    ("cli", &["anyhow", "clap", "schemars"], &["schemars"]),
];

/// Names that are not crates: the generated code's own modules, the
/// prelude's crates, and what `use crate::*` brings in.
const NOT_CRATES: [&str; 8] = [
    "crate", "self", "super", "std", "core", "alloc", "types", "builder",
];

/// `cargo xtask client-crate`.
pub fn command(args: &Args) -> Exit {
    let name = match package_name(args) {
        Ok(name) => name,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Usage;
        }
    };
    let flags = Flags {
        normalize: args.normalize,
        skip_failing: args.skip_failing,
    };
    match write(&args.spec, &args.out, &name, flags) {
        Ok(written) => {
            written.generation.print_changes();
            println!(
                "{} the crate {name} in {} from {}",
                if written.created {
                    "created"
                } else {
                    "refreshed"
                },
                args.out.display(),
                args.spec.display()
            );
            for (crate_name, line) in &written.missing {
                eprintln!(
                    "warning: the generated code names `{crate_name}`, which {} does not depend on: add `{crate_name} = {line}` under [dependencies]",
                    args.out.join("Cargo.toml").display()
                );
            }
            for crate_name in &written.dependencies.unknown {
                eprintln!(
                    "warning: the generated code names `{crate_name}`, a crate this command does not know: add it to Cargo.toml yourself"
                );
            }
            Exit::Success
        }
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit()
        }
    }
}

fn package_name(args: &Args) -> Result<String, String> {
    let name = match &args.name {
        Some(name) => name.clone(),
        None => std::path::absolute(&args.out)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .ok_or_else(|| format!("{}: no directory name; give --name", args.out.display()))?,
    };
    let valid = !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match valid {
        true => Ok(name),
        false => Err(format!(
            "{name:?} is not a package name (letters, digits, - and _, starting with a letter); give --name"
        )),
    }
}

/// What [`write()`] did.
#[derive(Debug)]
pub struct Written {
    /// The manifest and `lib.rs` were written (they were missing).
    pub created: bool,
    pub dependencies: Dependencies,
    /// Dependencies the generated code needs that the existing manifest
    /// lacks: each crate's name and its TOML value.
    pub missing: Vec<(String, String)>,
    /// The generated files, what normalising changed (`--normalize`) and
    /// the operations left out (`--skip-failing`), for whoever reports on
    /// them.
    pub generation: codegen_task::Generation,
    /// How long reading the spec and generating took (not writing).
    pub generation_time: std::time::Duration,
}

/// Generates `spec` into the crate at `dir` (created when missing).
pub fn write(spec: &Path, dir: &Path, name: &str, flags: Flags) -> Result<Written, Failure> {
    let paths = Paths {
        spec: spec.to_path_buf(),
        out: dir.join("src/generated.rs"),
    };
    let command = format!(
        "cargo xtask client-crate --spec {} --out {}{}",
        spec.display(),
        dir.display(),
        flags.as_typed()
    );
    let started = std::time::Instant::now();
    let generation = codegen_task::generate_with(&paths, flags, &command)?;
    let generation_time = started.elapsed();
    let generated = &generation.outputs;
    let texts: Vec<&str> = generated.iter().map(|o| o.content.as_str()).collect();
    let dependencies = Dependencies::of(&texts);

    let manifest_path = dir.join("Cargo.toml");
    let created = !manifest_path.exists();
    let mut files: Vec<Output> = generated
        .iter()
        .map(|o| Output {
            path: o.path.clone(),
            content: o.content.clone(),
        })
        .collect();
    let missing = if created {
        files.push(Output {
            path: manifest_path,
            content: dependencies.manifest(name),
        });
        Vec::new()
    } else {
        let text = fs::read_to_string(&manifest_path).map_err(|source| Failure::ReadOut {
            out: manifest_path.display().to_string(),
            source,
        })?;
        dependencies.missing_from(&text)
    };
    let lib = dir.join("src/lib.rs");
    if !lib.exists() {
        files.push(Output {
            path: lib,
            content: LIB.to_owned(),
        });
    }
    for file in &files {
        if let Some(parent) = file.path.parent() {
            fs::create_dir_all(parent).map_err(|source| Failure::WriteOut {
                out: parent.display().to_string(),
                source,
            })?;
        }
    }
    match codegen_task::ensure_files(&files, Mode::Write)? {
        Ensured::Unchanged | Ensured::Written => {}
        Ensured::Stale { .. } => unreachable!("write mode never reports stale files"),
    }
    Ok(Written {
        created,
        dependencies,
        missing,
        generation,
        generation_time,
    })
}

/// The `lib.rs` of a new client crate.
const LIB: &str = r#"//! A client generated by progenitor, through the QuantCDN Tokens SDK's
//! codegen (`cargo xtask client-crate`).
//!
//! `Client::new(base_url, CallPolicy::default())` makes a client; give it
//! a `reqwest::Client` with default headers (`Client::new_with_client`) to
//! authenticate, and the token to `CallPolicy::redact` so that no text of
//! an answer prints it. The `generated*.rs` files are regenerated: do not
//! edit them by hand. The runtime they call is the crate
//! `quantcdn-client-runtime`.

pub use quantcdn_client_runtime::{
    CallPolicy, DEFAULT_MAX_RESPONSE_BYTES, DocumentedError, Error, InvalidPayload, RetryPolicy,
    Secret,
};

#[rustfmt::skip]
#[allow(clippy::all, unused_imports, dead_code)]
mod generated;
pub use generated::*;

/// Typed httpmock helpers for tests (feature `mock`).
#[cfg(feature = "mock")]
#[rustfmt::skip]
#[allow(clippy::all, unused_imports, dead_code)]
#[path = "generated_httpmock.rs"]
pub mod mock;

/// A clap command-line interface, one subcommand per operation (feature `cli`).
#[cfg(feature = "cli")]
#[rustfmt::skip]
#[allow(clippy::all, unused_imports, unused_variables, dead_code)]
#[path = "generated_cli.rs"]
pub mod cli;
"#;

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
    /// What the generated files `texts` need.
    pub fn of(texts: &[&str]) -> Dependencies {
        let named: BTreeSet<String> = texts.iter().flat_map(|t| crates_named(t)).collect();
        let crate_manifest: toml::Table =
            CRATE_MANIFEST.parse().expect("generated-client/Cargo.toml");
        let workspace: toml::Table = WORKSPACE_MANIFEST.parse().expect("Cargo.toml");
        let mut always = BTreeMap::new();
        let mut optional = BTreeMap::new();
        let companions: BTreeSet<&str> = FEATURES
            .iter()
            .flat_map(|(_, deps, _)| deps.iter().copied())
            .collect();
        for (name, value) in crate_manifest["dependencies"]
            .as_table()
            .expect("[dependencies]")
        {
            let mut table = resolved(name, value, &workspace);
            if name == RUNTIME_PACKAGE {
                // Where this workspace has it (a published crate would
                // need the version alone).
                let path = workspace_files::root().join(workspace_files::RUNTIME_DIR);
                table.insert(
                    "path".into(),
                    toml::Value::String(path.display().to_string()),
                );
            }
            let is_optional = table.remove("optional").and_then(|o| o.as_bool()) == Some(true);
            if !is_optional {
                always.insert(name.clone(), inline(&table));
            } else if companions.contains(name.as_str()) {
                if name == "schemars" && named.contains("uuid") {
                    add_feature(&mut table, "uuid1");
                }
                table.insert("optional".into(), toml::Value::Boolean(true));
                optional.insert(name.clone(), inline(&table));
            }
        }
        for (name, value) in SOMETIMES_NAMED {
            if named.contains(name) {
                always.insert(name.to_owned(), value.to_owned());
            }
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
        for (feature, deps, runtime_features) in FEATURES {
            let list: Vec<String> = deps
                .iter()
                .map(|d| format!("\"dep:{d}\""))
                .chain(
                    runtime_features
                        .iter()
                        .map(|f| format!("\"{RUNTIME_PACKAGE}/{f}\"")),
                )
                .collect();
            out.push_str(&format!("{feature} = [{}]\n", list.join(", ")));
        }
        out
    }

    /// The dependencies `manifest` (a `Cargo.toml`'s text) lacks.
    fn missing_from(&self, manifest: &str) -> Vec<(String, String)> {
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

/// A dependency's table, with `workspace = true` completed from the
/// workspace's manifest.
fn resolved(name: &str, value: &toml::Value, workspace: &toml::Table) -> toml::Table {
    let mut table = match value {
        toml::Value::String(version) => {
            toml::Table::from_iter([("version".to_owned(), toml::Value::String(version.clone()))])
        }
        toml::Value::Table(t) => t.clone(),
        other => panic!("generated-client/Cargo.toml: dependency {name}: {other}"),
    };
    if table.remove("workspace").and_then(|w| w.as_bool()) == Some(true) {
        match &workspace["workspace"]["dependencies"][name] {
            toml::Value::String(version) => {
                table.insert("version".into(), toml::Value::String(version.clone()));
            }
            toml::Value::Table(t) => table.extend(t.clone()),
            other => panic!("Cargo.toml: workspace dependency {name}: {other}"),
        }
    }
    table
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
    let local: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Trait(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect();
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
        let plain = Dependencies::of(&["pub struct A(pub ::std::string::String);"]);
        assert!(!plain.always.contains_key("uuid"));
        assert!(!plain.optional["schemars"].contains("uuid1"));
        let with_uuid = Dependencies::of(&["pub struct A(pub ::uuid::Uuid);"]);
        assert!(with_uuid.always["uuid"].contains("v4"));
        assert!(with_uuid.optional["schemars"].contains("uuid1"));
        assert!(with_uuid.unknown.is_empty(), "{:?}", with_uuid.unknown);
    }

    #[test]
    fn a_crate_no_table_knows_is_reported() {
        let deps = Dependencies::of(&["fn f() { let _ = ::mystery::thing(); }"]);
        assert_eq!(deps.unknown.into_iter().collect::<Vec<_>>(), ["mystery"]);
    }

    #[test]
    fn the_manifest_has_the_runtimes_dependencies_and_both_features() {
        let deps = Dependencies::of(&[""]);
        let manifest: toml::Table = deps.manifest("my-api").parse().expect("valid TOML");
        let dependencies = manifest["dependencies"].as_table().unwrap();
        // The runtime by its path in this workspace.
        let runtime = dependencies[RUNTIME_PACKAGE].as_table().unwrap();
        assert!(
            std::path::Path::new(runtime["path"].as_str().unwrap())
                .join("src/lib.rs")
                .is_file(),
            "{runtime:?}"
        );
        for runtime_dependency in ["progenitor-client", "reqwest", "serde"] {
            assert!(
                dependencies.contains_key(runtime_dependency),
                "{runtime_dependency}"
            );
        }
        // The workspace's exact pin, not `workspace = true`.
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
        assert!(enables("cli", "quantcdn-client-runtime/schemars"));
    }

    #[test]
    fn an_owners_manifest_is_told_what_it_lacks() {
        let deps = Dependencies::of(&["pub struct A(pub ::uuid::Uuid);"]);
        let mut owners = deps.manifest("x").replace("uuid = ", "# uuid = ");
        owners.push_str("\n[dev-dependencies]\nuuid = \"1\"\n");
        let missing = deps.missing_from(&owners);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(missing[0].0, "uuid");
    }
}
