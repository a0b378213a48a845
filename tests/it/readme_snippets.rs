//! The crate README's setup and examples, used as a consumer uses them:
//! a crate outside this workspace, depending on `quantcdn-tokens` by path
//! with exactly the `[dependencies]` and `[dev-dependencies]` the README's
//! TOML blocks give (merged, the README's path replaced by the real one),
//! and each Rust block of the README as one of its test files (doctest
//! hidden lines, `# `, included). `cargo test` builds and runs them: the
//! fake-server and mock examples run against servers on 127.0.0.1.
//!
//! The scratch crate lives in the target directory with the workspace's
//! `Cargo.lock` (every dependency is one the workspace fetched; cargo runs
//! `--offline`), and builds into the workspace's target directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The README's fenced blocks: (info string, text).
fn blocks(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in readme.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some("")) => out.push(open.take().expect("open")),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// A Rust block as the file rustdoc would compile: `# ` hidden lines shown.
fn as_compiled(code: &str) -> String {
    code.lines()
        .map(|line| match line.strip_prefix('#') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start_matches(' '),
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The README's dependency tables merged: each crate once, features joined,
/// `quantcdn-tokens`'s path replaced by this checkout's.
fn manifest(readme_tables: &[toml::Table], crate_path: &Path) -> String {
    let mut merged = toml::Table::new();
    for table in readme_tables {
        for (section, deps) in table {
            let deps = deps.as_table().expect("a dependency table");
            let into = merged
                .entry(section.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
                .unwrap();
            for (name, spec) in deps {
                let mut spec = match spec {
                    toml::Value::String(version) => {
                        let mut t = toml::Table::new();
                        t.insert("version".into(), version.clone().into());
                        t
                    }
                    other => other.as_table().expect("a dependency").clone(),
                };
                if name == "quantcdn-tokens" {
                    assert!(
                        spec.contains_key("path"),
                        "the README's dependency on quantcdn-tokens is by path until it is published"
                    );
                    spec.insert(
                        "path".into(),
                        crate_path.to_string_lossy().into_owned().into(),
                    );
                }
                match into.get_mut(name).and_then(toml::Value::as_table_mut) {
                    Some(existing) => {
                        let features = existing
                            .entry("features")
                            .or_insert_with(|| toml::Value::Array(Vec::new()))
                            .as_array_mut()
                            .unwrap();
                        for f in spec
                            .get("features")
                            .and_then(|f| f.as_array())
                            .into_iter()
                            .flatten()
                        {
                            if !features.contains(f) {
                                features.push(f.clone());
                            }
                        }
                    }
                    None => {
                        into.insert(name.clone(), toml::Value::Table(spec));
                    }
                }
            }
        }
    }
    format!(
        "[package]\nname = \"readme-consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Its own workspace, outside the repository's.\n[workspace]\n\n{merged}"
    )
}

/// The target directory of the cargo running this test.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_path_buf()
}

#[test]
fn the_readme_builds_and_runs_as_a_consumers_crate() {
    let root = workspace_files::root();
    let readme = fs::read_to_string(root.join("generated-client/README.md")).unwrap();
    let blocks = blocks(&readme);
    let tables: Vec<toml::Table> = blocks
        .iter()
        .filter(|(info, _)| info == "toml")
        .map(|(_, text)| text.parse().expect("a README TOML block parses"))
        .collect();
    let snippets: Vec<String> = blocks
        .iter()
        .filter(|(info, _)| info.split(',').next() == Some("rust"))
        .map(|(_, text)| as_compiled(text))
        .collect();
    assert!(snippets.len() >= 3, "{} Rust blocks", snippets.len());

    let dir = target_dir().join("readme-consumer");
    let _ = fs::remove_dir_all(dir.join("tests"));
    fs::create_dir_all(dir.join("tests")).unwrap();
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        manifest(&tables, &root.join("generated-client")),
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), "").unwrap();
    for (i, snippet) in snippets.iter().enumerate() {
        // A snippet without `main` or a test is a function to compile.
        fs::write(
            dir.join(format!("tests/readme_{i}.rs")),
            format!("#![allow(dead_code, unused)]\n{snippet}\n"),
        )
        .unwrap();
    }
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "--tests"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .env_remove("QUANT_API_TOKEN")
        .env_remove("QUANT_API_URL")
        .output()
        .expect("run cargo test");
    assert!(
        output.status.success(),
        "the README's examples, in a crate of their own with the README's dependencies:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn hidden_lines_are_shown_as_rustdoc_shows_them_to_the_compiler() {
    assert_eq!(
        as_compiled("# async fn run() {\nlet a = 1; # not hidden\n#\n# }"),
        "async fn run() {\nlet a = 1; # not hidden\n\n}"
    );
    let readme = "text\n```toml\n[dependencies]\nx = \"1\"\n```\n```rust,ignore\nfn f() {}\n```\n";
    assert_eq!(
        blocks(readme),
        [
            ("toml".to_owned(), "[dependencies]\nx = \"1\"\n".to_owned()),
            ("rust,ignore".to_owned(), "fn f() {}\n".to_owned())
        ]
    );
}
