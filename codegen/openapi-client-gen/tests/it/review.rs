//! `openapi-client-gen review` as the owner of a generated crate runs it:
//! the old document as a file or as the same file at a git revision, the
//! crate's version given or read from its manifest, and the report with
//! the version the next release needs.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{assert_one_clean_error, generator, run};

const OLD: &str = r#"
openapi: 3.0.3
info: {title: things, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: get_thing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: the thing
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing:
      type: object
      required: [id, name]
      properties: {id: {type: string}, name: {type: string}}
"#;

/// `name` no longer required: reading it breaks (`String` → `Option<String>`).
fn breaking() -> String {
    OLD.replace("required: [id, name]", "required: [id]")
}

/// A new optional field: compatible.
fn compatible() -> String {
    OLD.replace(
        "properties: {id: {type: string}, name: {type: string}}",
        "properties: {id: {type: string}, name: {type: string}, colour: {type: string}}",
    )
}

fn review(dir: &Path, args: &[&str]) -> crate::support::Run {
    run(generator(["review"]).args(args).current_dir(dir))
}

#[test]
fn a_change_between_two_files_is_classified_with_the_release_it_needs() {
    let scratch = tempfile::TempDir::new().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("old.yaml"), OLD).unwrap();
    fs::write(dir.join("new.yaml"), breaking()).unwrap();
    let reviewed = review(
        dir,
        &[
            "--old",
            "old.yaml",
            "--spec",
            "new.yaml",
            "--version",
            "0.3.1",
        ],
    );
    assert_eq!(reviewed.code, 1, "{}{}", reviewed.stdout, reviewed.stderr);
    assert!(reviewed.stdout.contains("Breaking"), "{}", reviewed.stdout);
    assert!(reviewed.stdout.contains("name"), "{}", reviewed.stdout);
    assert!(
        reviewed.stdout.contains("0.3.1 → 0.4.0"),
        "{}",
        reviewed.stdout
    );

    fs::write(dir.join("new.yaml"), compatible()).unwrap();
    // The version from the crate's manifest.
    fs::create_dir_all(dir.join("my-client")).unwrap();
    fs::write(
        dir.join("my-client/Cargo.toml"),
        "[package]\nname = \"my-client\"\nversion = \"1.4.2\"\n",
    )
    .unwrap();
    let reviewed = review(
        dir,
        &[
            "--old",
            "old.yaml",
            "--spec",
            "new.yaml",
            "--crate",
            "my-client",
        ],
    );
    assert_eq!(reviewed.code, 0, "{}{}", reviewed.stdout, reviewed.stderr);
    assert!(reviewed.stdout.contains("colour"), "{}", reviewed.stdout);
    assert!(
        reviewed.stdout.contains("1.4.2 → 1.5.0"),
        "{}",
        reviewed.stdout
    );
    // The changelog entry.
    let entry = review(
        dir,
        &[
            "--old",
            "old.yaml",
            "--spec",
            "new.yaml",
            "--format",
            "changelog",
        ],
    );
    assert!(entry.stdout.contains("### Added"), "{}", entry.stdout);
}

#[test]
fn the_old_side_can_be_the_same_file_at_a_git_revision() {
    let scratch = tempfile::TempDir::new().unwrap();
    let dir = scratch.path();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    fs::create_dir_all(dir.join("api")).unwrap();
    fs::write(dir.join("api/spec.yaml"), OLD).unwrap();
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "the release"]);
    fs::write(dir.join("api/spec.yaml"), breaking()).unwrap();
    let reviewed = review(dir, &["--spec", "api/spec.yaml", "--base", "HEAD"]);
    assert_eq!(reviewed.code, 1, "{}{}", reviewed.stdout, reviewed.stderr);
    assert!(
        reviewed.stdout.contains("api/spec.yaml at HEAD"),
        "{}",
        reviewed.stdout
    );
    assert!(
        reviewed.stdout.contains("0.1.0 → 0.2.0"),
        "{}",
        reviewed.stdout
    );

    // A revision that does not exist: one line, exit 3.
    let reviewed = review(dir, &["--spec", "api/spec.yaml", "--base", "no-such-rev"]);
    assert_eq!(reviewed.code, 3, "{}", reviewed.stderr);
    assert_one_clean_error(&reviewed.stderr);
}
