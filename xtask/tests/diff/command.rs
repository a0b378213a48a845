//! `cargo xtask diff` as a maintainer runs it: on a scratch git repository
//! with two commits, in each format, and on revisions it cannot read.

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;
use xtask::diff::{self, Class, Report};

use crate::support::{self, Run, assert_one_clean_error_line};
use crate::{TOKENS_SPEC, edited, lines, report_lines};

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
    let new = edited(&[("        - Days30\n", "        - ThirtyDays\n")]);
    let report = Report::new(
        &diff::revision(TOKENS_SPEC, "old.yaml").unwrap(),
        &diff::revision(&new, "new.yaml").unwrap(),
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
        &diff::revision(TOKENS_SPEC, "old.yaml").unwrap(),
        &diff::revision(
            &edited(&[(
                "        name:\n          type: string\n        scopes:\n",
                "        name:\n          type: string\n          nullable: true\n        scopes:\n",
            )]),
            "new.yaml",
        )
        .unwrap(),
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

/// A repository whose `openapi/spec.yaml` is `first`, then `second`.
fn repository(first: &str, second: &str) -> TempDir {
    let repo = TempDir::new().unwrap();
    let dir = repo.path();
    std::fs::create_dir(dir.join("openapi")).unwrap();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join("openapi/spec.yaml"), first).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    std::fs::write(dir.join("openapi/spec.yaml"), second).unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);
    repo
}

#[test]
fn the_command_on_a_scratch_repository_with_two_commits() {
    let second = edited(&[
        (
            "        - 365d\n        - never\n",
            "        - 365d\n        - 730d\n        - never\n",
        ),
        (
            "        - Days365\n        - Never\n",
            "        - Days365\n        - Days730\n        - Never\n",
        ),
        ("operationId: tokens_revoke", "operationId: tokens_delete"),
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
            (
                "        - 365d\n        - never\n",
                "        - 365d\n        - 730d\n        - never\n",
            ),
            (
                "        - Days365\n        - Never\n",
                "        - Days365\n        - Days730\n        - Never\n",
            ),
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
    assert_one_clean_error_line(&err);
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

    // progenitor panics on a JSON body beside no body: caught, blamed on
    // the operation.
    let unsupported = edited(&[(
        "        '403':\n          $ref: '#/components/responses/Forbidden'\n    post:\n",
        "        '403':\n          $ref: '#/components/responses/Forbidden'\n        '204':\n          description: nothing\n    post:\n",
    )]);
    let repo = repository(&unsupported, TOKENS_SPEC);
    assert_refused(
        repo.path(),
        "HEAD~1",
        &["openapi/spec.yaml at HEAD~1", "operation tokens_list"],
    );
}
