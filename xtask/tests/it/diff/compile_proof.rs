//! The verdicts proven with the compiler: for every pair of the corpus that
//! carries a consumer snippet, the snippet (written against the crate
//! generated from the old spec) is compiled against the crate generated
//! from the new spec, in a separate crate, as a consumer's code is. It
//! must fail exactly when the report has a `Breaking` change, and it must
//! compile against the old crate (else it proves nothing).
//!
//! The scratch workspace lives in `target/diff-compile-proof/` with the
//! workspace's `Cargo.lock`, so every dependency is one the workspace has
//! already fetched; cargo runs `--offline`. It builds into the workspace's
//! own target directory, and its crates depend on what a crate of
//! `cargo xtask client-crate` depends on with its companions, with the same
//! features: cargo then reuses the dependencies that `client-crate`'s test
//! checked, and checks only the scratch crates (about 5 s instead of 23 s
//! on a fresh machine).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::diff::{Class, Report};

use super::TOKENS_SPEC;
use super::corpus::PAIRS;

/// What a crate generated from a spec depends on: what `openapi-client-gen
/// client-crate` gives one (`Dependencies`: the runtime crate by its path
/// here, chrono for the spec's dates, and the generated crate's own
/// dependencies with their features),
/// the companions' too (`mock` and `cli`'s, not optional here, and the
/// runtime with `schemars`) though the crate compiles only the client: so
/// the dependencies have exactly the features `client-crate`'s test checks
/// them with (`--features mock,cli`), and cargo checks them once for both;
/// the generated crate's features, empty (the generated code names `cli`);
/// and `regress`, which the `pattern`s some pairs add need and our spec
/// does not (the copied `Cargo.lock` picks its version).
fn api_dependencies(root: &Path) -> String {
    use openapi_client_gen::client_crate::{Dependencies, Runtime};
    let runtime = Runtime::Path(workspace_files::root().join(workspace_files::RUNTIME_DIR));
    // The dates of our spec's types.
    let named = "pub struct A(pub ::chrono::DateTime<::chrono::offset::Utc>);";
    let dependencies = Dependencies::of(&[named], &runtime, &root.join("a-crate"));
    let manifest: toml::Table =
        fs::read_to_string(workspace_files::root().join("generated-client/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    // Lines under the scratch crate's `[dependencies]`, then its features.
    let mut out = String::new();
    for (name, spec) in dependencies.always.iter().chain(&dependencies.optional) {
        let mut spec = format!("spec = {spec}").parse::<toml::Table>().unwrap()["spec"].clone();
        if let Some(table) = spec.as_table_mut() {
            table.remove("optional");
            if name == "openapi-client-runtime" {
                table.insert("features".into(), vec!["schemars"].into());
            }
        }
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out.push_str("regress = \"*\"\n");
    out.push_str("\n[features]\n");
    let features = manifest["features"].as_table().unwrap();
    out.extend(features.keys().map(|f| format!("{f} = []\n")));
    out
}

/// Writes `contents` unless the file already holds it (so cargo's
/// fingerprints stay fresh between runs).
fn write(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
}

struct Scratch {
    root: PathBuf,
    members: Vec<String>,
    /// Generated client text → the name of the crate holding it.
    apis: BTreeMap<String, String>,
}

impl Scratch {
    fn new() -> Scratch {
        let root = target_dir().join("diff-compile-proof/ws");
        // Crates of earlier runs that no pair names any more go.
        let _ = fs::remove_file(root.join("Cargo.toml"));
        Scratch {
            root,
            members: Vec::new(),
            apis: BTreeMap::new(),
        }
    }

    fn krate(&mut self, name: &str, dependencies: &str, lib: &str) {
        let dir = self.root.join(name);
        write(
            &dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[lib]\npath = \"lib.rs\"\n\n[dependencies]\n{dependencies}"
            ),
        );
        write(&dir.join("lib.rs"), lib);
        self.members.push(name.to_owned());
    }

    /// The crate generated from `spec`, made once per distinct client.
    fn api(&mut self, spec: &str) -> String {
        let client =
            codegen::Generator::new(codegen::Settings::new("spec.yaml").command("the corpus"))
                .generate(spec)
                .expect("the spec generates")
                .client;
        if let Some(name) = self.apis.get(&client) {
            return name.clone();
        }
        let name = format!("api_{}", self.apis.len());
        let dir = self.root.join(&name);
        write(&dir.join("generated.rs"), &client);
        // The generated client calls the runtime crate by its path; the
        // consumer snippets name its items at the crate root, as the
        // generated crate re-exports them.
        let lib = "#![allow(warnings)]\n\
                   pub use openapi_client_runtime::*;\n\
                   mod generated;\npub use generated::*;\n";
        self.krate(&name, &api_dependencies(&self.root), lib);
        self.apis.insert(client, name.clone());
        name
    }

    /// `cargo check` of every crate; the crates with errors, each with its
    /// first error's text.
    fn check(&self) -> BTreeMap<String, String> {
        let members: Vec<String> = self.members.iter().map(|m| format!("\"{m}\"")).collect();
        write(
            &self.root.join("Cargo.toml"),
            &format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        );
        fs::copy(
            workspace_files::root().join("Cargo.lock"),
            self.root.join("Cargo.lock"),
        )
        .unwrap();
        let output = Command::new(env!("CARGO"))
            .args([
                "check",
                "--workspace",
                "--offline",
                "--keep-going",
                "--message-format=json",
                "--quiet",
            ])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", target_dir())
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo check");
        let mut failed = BTreeMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
                continue;
            }
            let target = message["target"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let text = message["message"]["rendered"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            failed.entry(target).or_insert(text);
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() || !failed.is_empty(),
            "cargo check failed without compiler errors:\n{stderr}"
        );
        failed
    }
}

/// The target directory of the cargo running this test (`CARGO_TARGET_DIR`
/// or the workspace's `target/`): `CARGO_TARGET_TMPDIR` is its `tmp/`.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_path_buf()
}

#[test]
fn verdicts_match_what_the_compiler_says() {
    let proven: Vec<_> = PAIRS.iter().filter(|p| p.consumer.is_some()).collect();
    assert!(proven.len() >= 10, "only {} pairs are proven", proven.len());

    let mut scratch = Scratch::new();
    let mut old_consumer = String::from("#![allow(warnings)]\n");
    let mut old_apis = BTreeSet::new();
    let mut expected = BTreeMap::new();
    for (i, pair) in proven.iter().enumerate() {
        let snippet = pair.consumer.unwrap();
        let (old_spec, new_spec) = (pair.old_spec(TOKENS_SPEC), pair.new_spec(TOKENS_SPEC));
        let report = Report::new(
            &super::crate_of(&old_spec, "old.yaml"),
            &super::crate_of(&new_spec, "new.yaml"),
        );
        let breaks_compilation = report.changes.iter().any(|c| c.class == Class::Breaking);
        let (old_api, new_api) = (scratch.api(&old_spec), scratch.api(&new_spec));
        old_apis.insert(old_api.clone());
        writeln!(
            old_consumer,
            "pub mod pair_{i} {{\n    use {old_api} as api;\n{snippet}\n}}"
        )
        .unwrap();
        let consumer = format!("consumer_{i}");
        scratch.krate(
            &consumer,
            &format!(
                "{new_api} = {{ path = \"../{new_api}\" }}\nchrono = {{ version = \"0.4\", default-features = false, features = [\"std\"] }}\n"
            ),
            &format!("#![allow(warnings)]\nuse {new_api} as api;\n{snippet}"),
        );
        expected.insert(consumer, (pair.name, breaks_compilation));
    }
    let dependencies: String = old_apis
        .iter()
        .map(|api| format!("{api} = {{ path = \"../{api}\" }}\n"))
        .collect::<String>()
        + "chrono = { version = \"0.4\", default-features = false, features = [\"std\"] }\n";
    scratch.krate("consumers_of_the_old_crates", &dependencies, &old_consumer);

    let failed = scratch.check();
    // A generated crate that does not build would leave its consumers
    // unchecked, which would read as "compiles".
    let broken: Vec<&String> = failed.keys().filter(|k| k.starts_with("api_")).collect();
    assert!(
        broken.is_empty(),
        "generated crates do not build: {broken:?}\n{}",
        broken
            .iter()
            .map(|k| failed[*k].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        !failed.contains_key("consumers_of_the_old_crates"),
        "the snippets must compile against the old crates:\n{}",
        failed["consumers_of_the_old_crates"]
    );
    let mut wrong = Vec::new();
    for (consumer, (pair, breaks)) in &expected {
        let error = failed.get(consumer);
        if error.is_some() != *breaks {
            wrong.push(format!(
                "pair {pair:?}: the report says {}, the compiler {}",
                if *breaks {
                    "it breaks compilation"
                } else {
                    "it compiles"
                },
                match error {
                    Some(e) => format!("refuses it:\n{e}"),
                    None => "accepts it".to_owned(),
                }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
