//! `cargo xtask diff` as a maintainer runs it: on a scratch git repository
//! with two commits, in each format, and on revisions it cannot read.

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;
use xtask::diff::{self, Class, Report};

use super::Edit::{Insert, Set};
use super::{TOKENS_SPEC, edited, lines, report_lines};
use crate::support::{self, Run, assert_one_clean_error};

#[test]
fn reordering_keys_is_no_api_change() {
    fn reversed(v: serde_yaml::Value) -> serde_yaml::Value {
        match v {
            serde_yaml::Value::Mapping(m) => {
                let mut entries: Vec<_> = m.into_iter().collect();
                entries.reverse();
                serde_yaml::Value::Mapping(
                    entries.into_iter().map(|(k, v)| (k, reversed(v))).collect(),
                )
            }
            other => other,
        }
    }
    let doc: serde_yaml::Value = serde_yaml::from_str(TOKENS_SPEC).unwrap();
    let reordered = serde_yaml::to_string(&reversed(doc)).unwrap();
    assert_ne!(reordered, TOKENS_SPEC);
    assert_eq!(report_lines(TOKENS_SPEC, &reordered), Vec::<String>::new());
}

#[test]
fn the_markdown_is_a_table_with_the_spec_pointers() {
    let new = edited(&[Set(
        "/components/schemas/ExpiresIn/x-enum-varnames/0",
        "ThirtyDays",
    )]);
    let report = Report::new(
        &super::crate_of(TOKENS_SPEC, "old.yaml"),
        &super::crate_of(&new, "new.yaml"),
    );
    assert_eq!(report.changes[0].class, Class::Breaking);
    let markdown = diff::render::markdown(&report, "openapi/tokens.yaml", None);
    assert!(
        markdown
            .contains("**1 breaking change, 0 breaking changes at run time, 1 compatible change**"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| type ExpiresIn | variant Days30 (\"30d\") removed | code that names it no longer compiles | `#/components/schemas/ExpiresIn/x-enum-varnames` |"),
        "{markdown}"
    );
    let text = diff::render::text(&report, "spec", None);
    assert!(
        text.contains("    spec: #/components/schemas/ExpiresIn/x-enum-varnames"),
        "{text}"
    );
    // `<` and `>` are escaped in cells, so GitHub shows `Option<String>`.
    let nullable = Report::new(
        &super::crate_of(TOKENS_SPEC, "old.yaml"),
        &super::crate_of(
            &edited(&[Set(
                "/components/schemas/CreatedToken/properties/name/nullable",
                "true",
            )]),
            "new.yaml",
        ),
    );
    let markdown = diff::render::markdown(&nullable, "t", None);
    assert!(
        markdown.contains("String to Option&lt;String&gt;"),
        "{markdown}"
    );
    assert!(lines(&nullable).len() == 2, "{:?}", lines(&nullable));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=diff test",
            "-c",
            "user.email=diff@test.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// `xtask diff --spec openapi/spec.yaml ARGS` in `dir`.
fn xtask_diff(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let Run {
        code,
        stdout,
        stderr,
    } = support::run(
        support::xtask(["diff", "--spec", "openapi/spec.yaml"].iter().chain(args)).current_dir(dir),
    );
    (code, stdout, stderr)
}

/// One commit of a scratch repository: the spec, the consumer crate (the
/// workspace's manifest and hand-written files, with the client generated
/// from the spec, edited by `generated`), and other files by path.
struct Commit<'a> {
    spec: &'a str,
    generated: fn(String) -> String,
    files: Vec<(&'a str, String)>,
}

impl<'a> Commit<'a> {
    fn of(spec: &'a str) -> Commit<'a> {
        Commit {
            spec,
            generated: |client| client,
            files: Vec::new(),
        }
    }
}

/// The client codegen makes of `spec` (of our spec when `spec` does not
/// generate: a base whose spec is broken still has a generated file).
fn generated_client(spec: &str) -> String {
    let options = codegen::Settings::new("openapi/spec.yaml").command("cargo xtask codegen");
    codegen::Generator::new(options)
        .generate(spec)
        .or_else(|_| codegen::Generator::new(options).generate(TOKENS_SPEC))
        .expect("our spec generates")
        .client
}

/// The consumer crate's files as the workspace has them (its generated
/// files left out).
fn crate_files() -> Vec<(String, String)> {
    let root = workspace_files::root();
    let mut files = vec![(
        "generated-client/Cargo.toml".to_owned(),
        std::fs::read_to_string(root.join("generated-client/Cargo.toml")).unwrap(),
    )];
    // Every hand-written file, folders (`src/runtime/`) included.
    let mut folders = vec![root.join("generated-client/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = match std::fs::read_to_string(&path) {
                Ok(text) if !text.starts_with("// @generated") => text,
                _ => continue,
            };
            let name = path.strip_prefix(&root).unwrap().to_string_lossy();
            files.push((name.replace('\\', "/"), text));
        }
    }
    files
}

/// A repository with one commit per entry of `commits`, in order.
fn repository_of(commits: &[Commit<'_>]) -> TempDir {
    let repo = TempDir::new().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"]);
    for (i, commit) in commits.iter().enumerate() {
        let mut files = crate_files();
        files.push(("openapi/spec.yaml".to_owned(), commit.spec.to_owned()));
        files.push((
            "generated-client/src/generated.rs".to_owned(),
            (commit.generated)(generated_client(commit.spec)),
        ));
        files.extend(commit.files.iter().map(|(p, t)| (p.to_string(), t.clone())));
        for (path, text) in files {
            std::fs::create_dir_all(dir.join(&path).parent().unwrap()).unwrap();
            std::fs::write(dir.join(&path), text).unwrap();
        }
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", &format!("commit {i}")]);
    }
    repo
}

/// A repository whose `openapi/spec.yaml` is `first`, then `second`, each
/// with its generated crate.
fn repository(first: &str, second: &str) -> TempDir {
    repository_of(&[Commit::of(first), Commit::of(second)])
}

#[test]
fn the_command_on_a_scratch_repository_with_two_commits() {
    let second = edited(&[
        Insert("/components/schemas/ExpiresIn/enum/3", "730d"),
        Insert("/components/schemas/ExpiresIn/x-enum-varnames/3", "Days730"),
        Set(
            "/paths/~1api~1v2~1organizations~1{organization}~1tokens~1{token_id}/delete/operationId",
            "tokens_delete",
        ),
    ]);
    let repo = repository(TOKENS_SPEC, &second);
    let dir = repo.path();

    // On main with a clean tree, the default base is HEAD: nothing changed.
    let (code, out, err) = xtask_diff(dir, &[]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.contains("no API change"), "{out}");

    let (code, out, err) = xtask_diff(dir, &["--base", "HEAD~1", "--format", "json"]);
    assert_eq!(
        (code, err.as_str()),
        (1, ""),
        "breaking changes exit 1: {out}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["breaking"], true);
    let classes: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["breaking", "compatible"]);

    let (code, out, _) = xtask_diff(dir, &["--base", "HEAD~1", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("### API changes: openapi/spec.yaml, HEAD~1 → working tree\n"),
        "{out}"
    );
    assert!(
        out.contains("#### Breaking") && out.contains("#### Compatible"),
        "{out}"
    );

    // Only compatible changes: exit 0.
    let compatible = repository(
        TOKENS_SPEC,
        &edited(&[
            Insert("/components/schemas/ExpiresIn/enum/3", "730d"),
            Insert("/components/schemas/ExpiresIn/x-enum-varnames/3", "Days730"),
        ]),
    );
    let (code, out, _) = xtask_diff(compatible.path(), &["--base", "HEAD~1"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 breaking changes, 0 breaking changes at run time, 1 compatible change"),
        "{out}"
    );
}

/// Exit 3 and one line on stderr naming the revision, the file and the
/// place; nothing on stdout, no panic trace.
fn assert_refused(dir: &Path, base: &str, names: &[&str]) {
    let (code, out, err) = xtask_diff(dir, &["--base", base]);
    assert_eq!(code, 3, "{out}{err}");
    assert_eq!(out, "");
    assert_one_clean_error(&err);
    for name in names {
        assert!(err.contains(name), "{name:?} not in {err}");
    }
}

#[test]
fn a_revision_that_cannot_be_read_or_generated_is_one_line_and_exit_3() {
    let broken_yaml = TOKENS_SPEC.replacen("paths:\n", "paths: [\n", 1);
    let repo = repository(&broken_yaml, TOKENS_SPEC);
    assert_refused(repo.path(), "HEAD~1", &["openapi/spec.yaml at HEAD~1:"]);
    assert_refused(
        repo.path(),
        "no-such-rev",
        &["openapi/spec.yaml", "no-such-rev"],
    );

    // progenitor panics on a `default` answer whose body differs from the
    // 200's (a JSON body beside no body is one enum now): caught, blamed
    // on the operation.
    let unsupported = edited(&[Set(
        "/paths/~1api~1v2~1organizations~1{organization}~1tokens/get/responses/default",
        "description: anything else\ncontent:\n  application/json:\n    schema:\n      type: string\n",
    )]);
    let repo = repository(&unsupported, TOKENS_SPEC);
    assert_refused(
        repo.path(),
        "HEAD~1",
        &["openapi/spec.yaml at HEAD~1", "operation tokens_list"],
    );
}

#[test]
fn a_base_without_a_generated_crate_or_with_one_that_does_not_parse_is_exit_3() {
    // A revision older than the generated crate: the spec alone.
    let repo = TempDir::new().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("openapi")).unwrap();
    std::fs::write(dir.join("openapi/spec.yaml"), TOKENS_SPEC).unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "spec only"]);
    for (path, text) in crate_files() {
        std::fs::create_dir_all(dir.join(&path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(&path), text).unwrap();
    }
    assert_refused(
        dir,
        "HEAD",
        &[
            "HEAD has no generated-client/src/generated.rs",
            "older than",
        ],
    );

    let unparsable = repository_of(&[
        Commit {
            generated: |_| "// @generated\npub struct Client {\n".to_owned(),
            ..Commit::of(TOKENS_SPEC)
        },
        Commit::of(TOKENS_SPEC),
    ]);
    assert_refused(
        unparsable.path(),
        "HEAD~1",
        &["generated-client/src/generated.rs at HEAD~1 does not parse as Rust"],
    );
}

/// The checked-in client at the base as an older generator made it: its
/// `TokenSummary` also derived `Hash`.
fn with_hash_on_token_summary(client: String) -> String {
    let at = client
        .find("pub struct TokenSummary {")
        .expect("the client has TokenSummary");
    let derive = client[..at]
        .rfind("#[derive(")
        .expect("TokenSummary derives");
    format!(
        "{}#[derive(Hash, {}",
        &client[..derive],
        &client[derive + "#[derive(".len()..]
    )
}

#[test]
fn a_generator_change_with_the_spec_untouched_is_reported_and_named() {
    let lock = std::fs::read_to_string(workspace_files::root().join("Cargo.lock")).unwrap();
    let old_lock = lock.replacen(
        "name = \"progenitor\"\nversion = \"0.15.1\"",
        "name = \"progenitor\"\nversion = \"0.15.0\"",
        1,
    );
    assert_ne!(old_lock, lock, "Cargo.lock pins progenitor 0.15.1");
    let repo = repository_of(&[
        Commit {
            generated: with_hash_on_token_summary,
            files: vec![
                ("Cargo.lock", old_lock),
                (
                    "codegen/src/lib.rs",
                    "// the generator, before\n".to_owned(),
                ),
            ],
            ..Commit::of(TOKENS_SPEC)
        },
        Commit {
            files: vec![
                ("Cargo.lock", lock),
                ("codegen/src/lib.rs", "// the generator, after\n".to_owned()),
            ],
            ..Commit::of(TOKENS_SPEC)
        },
    ]);
    let (code, out, err) = xtask_diff(repo.path(), &["--base", "HEAD~1"]);
    if std::env::var_os("DIFF_SHOW").is_some() {
        println!("{out}");
    }
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    assert!(
        out.contains("type TokenSummary: no longer implements Hash (code that uses those traits no longer compiles)\n    generator: Cargo.lock: progenitor 0.15.0 → 0.15.1, codegen/src/lib.rs\n"),
        "{out}"
    );
    assert!(
        out.contains("1 breaking change, 0 breaking changes at run time, 0 compatible changes"),
        "{out}"
    );

    // The same stale file with nothing changed in the generator: the
    // checked-in file was not what the generator makes of its spec.
    let stale = repository_of(&[
        Commit {
            generated: with_hash_on_token_summary,
            ..Commit::of(TOKENS_SPEC)
        },
        Commit::of(TOKENS_SPEC),
    ]);
    let (code, out, _) = xtask_diff(stale.path(), &["--base", "HEAD~1"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("generator: the checked-in generated code at the base is not what the generator makes of its spec"), "{out}");
}

#[test]
fn a_hand_written_change_is_reported_with_its_file_and_item() {
    let files = crate_files();
    let file = |path: &str| files.iter().find(|(p, _)| p == path).unwrap().1.clone();
    let lib = file("generated-client/src/lib.rs");
    let without_reexport = lib.replacen(
        "pub use error_questions::{ApiErrorExt, RecoveredToken};",
        "pub use error_questions::ApiErrorExt;",
        1,
    );
    assert_ne!(without_reexport, lib, "lib.rs re-exports RecoveredToken");
    let config = file("generated-client/src/config.rs");
    let with_method = config.replacen(
        "impl ClientBuilder {",
        "impl ClientBuilder {\n    /// New.\n    pub fn proxy(self, url: &str) -> Self {\n        let _ = url;\n        self\n    }\n",
        1,
    );
    assert_ne!(with_method, config, "config.rs has `impl ClientBuilder`");
    let manifest = file("generated-client/Cargo.toml");
    let with_feature = manifest.replacen("[features]\n", "[features]\nproxy = []\n", 1);
    let repo = repository_of(&[
        Commit::of(TOKENS_SPEC),
        Commit {
            files: vec![
                ("generated-client/src/lib.rs", without_reexport),
                ("generated-client/src/config.rs", with_method),
                ("generated-client/Cargo.toml", with_feature),
            ],
            ..Commit::of(TOKENS_SPEC)
        },
    ]);
    let (code, out, err) = xtask_diff(repo.path(), &["--base", "HEAD~1"]);
    if std::env::var_os("DIFF_SHOW").is_some() {
        println!("{out}");
    }
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    for expected in [
        "  RecoveredToken: struct `struct RecoveredToken` removed (code that names it no longer compiles)\n    hand-written: generated-client/src/error_questions.rs, generated-client/src/lib.rs\n",
        "  RecoveredToken.token: field `token: Secret` removed",
        "  ClientBuilder::proxy: method `fn proxy(self, url: &str) -> Self` added (a new public item)\n    hand-written: generated-client/src/config.rs\n",
        "  feature proxy: feature `proxy = []` added (a new feature)\n    hand-written: generated-client/Cargo.toml\n",
    ] {
        assert!(out.contains(expected), "{expected:?} not in\n{out}");
    }
    // Nothing else: the spec and the generator did not change.
    assert!(
        !out.contains("spec:") && !out.contains("generator:"),
        "{out}"
    );
}
