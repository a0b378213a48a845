//! The installed command on bad input: a missing spec, a directory, a
//! document that is not OpenAPI, an output directory that holds something
//! else. Each is one line on stderr, an exit code, and nothing written or
//! changed.

use std::fs;
use std::path::Path;

use crate::support::{assert_one_clean_error, generator, run};

fn client_crate(spec: &Path, out: &Path) -> crate::support::Run {
    run(generator(["client-crate"])
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out))
}

/// Every file under `dir`, with its content.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.push((path.display().to_string(), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_spec_that_cannot_be_read_or_is_not_openapi_is_one_line_and_writes_nothing() {
    let scratch = tempfile::TempDir::new().unwrap();
    let out = scratch.path().join("new-client");
    let not_openapi = scratch.path().join("notes.yaml");
    fs::write(&not_openapi, "title: my notes\nitems: [a, b]\n").unwrap();
    let readme = scratch.path().join("README.md");
    fs::write(&readme, "# A project\n\nNot a spec: *text*, `code`.\n").unwrap();
    for (spec, expected) in [
        (scratch.path().join("missing.yaml"), "cannot read spec"),
        (scratch.path().to_path_buf(), "cannot read spec"),
        (not_openapi, "notes.yaml"),
        (readme, "README.md"),
    ] {
        let made = client_crate(&spec, &out);
        assert_eq!(made.code, 3, "{}: {}", spec.display(), made.stderr);
        let error = assert_one_clean_error(&made.stderr);
        assert_eq!(error.lines().count(), 1, "one line: {error}");
        assert!(error.contains(expected), "{error}");
        assert!(!out.exists(), "{}: something was written", spec.display());
    }
}

#[test]
fn an_output_directory_that_holds_something_else_is_left_as_it_was() {
    let scratch = tempfile::TempDir::new().unwrap();
    let spec = scratch.path().join("api.yaml");
    fs::write(&spec, workspace_files::TOKENS_SPEC).unwrap();
    // Someone else's project.
    let theirs = scratch.path().join("their-project");
    fs::create_dir_all(theirs.join("src")).unwrap();
    fs::write(theirs.join("Cargo.toml"), "[package]\nname = \"theirs\"\n").unwrap();
    fs::write(theirs.join("src/lib.rs"), "pub fn theirs() {}\n").unwrap();
    // A file where the directory would go.
    let file = scratch.path().join("a-file");
    fs::write(&file, "not a directory").unwrap();
    for out in [&theirs, &file] {
        let before = if out.is_dir() {
            snapshot(out)
        } else {
            vec![(String::new(), fs::read(out).unwrap())]
        };
        let made = client_crate(&spec, out);
        assert_eq!(made.code, 5, "{}: {}", out.display(), made.stderr);
        let error = assert_one_clean_error(&made.stderr);
        assert_eq!(error.lines().count(), 1, "one line: {error}");
        assert!(error.contains(&out.display().to_string()), "{error}");
        let after = if out.is_dir() {
            snapshot(out)
        } else {
            vec![(String::new(), fs::read(out).unwrap())]
        };
        assert_eq!(before, after, "{} changed", out.display());
    }
    // An empty directory is the crate's to fill, and the crate it made is
    // its own to refresh.
    let empty = scratch.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    for _ in 0..2 {
        let made = client_crate(&spec, &empty);
        assert_eq!(made.code, 0, "{}", made.stderr);
    }
}
