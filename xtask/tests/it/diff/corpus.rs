//! The corpus: the pairs of `pairs.rs` (our spec, edited as QuantCDN might
//! edit its API), with the report `cargo xtask diff` must give for each in
//! the snapshot `snapshots/diff__corpus__corpus_reports.snap`. Several
//! pairs carry a consumer snippet, written against the old crate the way
//! the README teaches; the compile proof (`compile_proof.rs`) checks that
//! it compiles against the new crate exactly when the report says nothing
//! breaks at compile time.

use super::{TOKENS_SPEC, report_lines};
pub use workspace_files::diff_pairs::PAIRS;

#[test]
fn each_pair_gives_its_expected_report() {
    assert!(PAIRS.len() >= 40, "the corpus has {} pairs", PAIRS.len());
    // DIFF_CORPUS_SHOW=1 prints each report; DIFF_CORPUS_EXPORT=DIR writes
    // each pair's specs and report there, to cross-check with other tools.
    let show = std::env::var_os("DIFF_CORPUS_SHOW").is_some();
    let export = std::env::var_os("DIFF_CORPUS_EXPORT").map(std::path::PathBuf::from);
    let mut reports = String::new();
    for (i, pair) in PAIRS.iter().enumerate() {
        let (old_spec, new_spec) = (pair.old_spec(TOKENS_SPEC), pair.new_spec(TOKENS_SPEC));
        let got = report_lines(&old_spec, &new_spec);
        if let Some(dir) = &export {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{i:02}-old.yaml")), &old_spec).unwrap();
            std::fs::write(dir.join(format!("{i:02}-new.yaml")), &new_spec).unwrap();
            let report = format!("{}\n{}\n", pair.name, got.join("\n"));
            std::fs::write(dir.join(format!("{i:02}-report.txt")), report).unwrap();
        }
        if show {
            println!("== {}", pair.name);
            for line in &got {
                println!("    {line:?},");
            }
        }
        reports.push_str(&render(pair.name, &got));
    }
    insta::assert_snapshot!("corpus_reports", reports);
}

/// One pair's part of the snapshot: `== name`, then each report line
/// indented, or `(no change)`.
fn render(name: &str, lines: &[String]) -> String {
    let mut out = format!("== {name}\n");
    if lines.is_empty() {
        out.push_str("    (no change)\n");
    }
    for line in lines {
        out.push_str(&format!("    {line}\n"));
    }
    out
}

#[test]
fn serializing_the_spec_again_is_no_api_change() {
    let again = super::edited(&[]);
    assert_ne!(again, TOKENS_SPEC, "the comments are gone");
    assert_eq!(report_lines(TOKENS_SPEC, &again), Vec::<String>::new());
}

#[test]
fn edits_address_the_spec_by_json_pointer() {
    use workspace_files::diff_pairs::{Edit::*, apply};
    let spec = "a/b:\n  x: 1\n  y: 2\nc~d: [1, 2]\n";
    let cases: &[(&[super::Edit], &str)] = &[
        (&[], "a/b:\n  x: 1\n  y: 2\nc~d:\n- 1\n- 2\n"),
        (
            &[Set("/a~1b/x", "3")],
            "a/b:\n  x: 3\n  y: 2\nc~d:\n- 1\n- 2\n",
        ),
        (
            &[Set("/a~1b/w", "{z: 0}")],
            "a/b:\n  x: 1\n  y: 2\n  w:\n    z: 0\nc~d:\n- 1\n- 2\n",
        ),
        (
            &[Set("/c~0d/1", "x")],
            "a/b:\n  x: 1\n  y: 2\nc~d:\n- 1\n- x\n",
        ),
        (
            &[Insert("/c~0d/0", "0"), Insert("/c~0d/-", "3")],
            "a/b:\n  x: 1\n  y: 2\nc~d:\n- 0\n- 1\n- 2\n- 3\n",
        ),
        (
            &[Remove("/a~1b/x"), Remove("/c~0d/0")],
            "a/b:\n  y: 2\nc~d:\n- 2\n",
        ),
        (
            &[Move("/a~1b/x", "/a~1b/201")],
            "a/b:\n  '201': 1\n  y: 2\nc~d:\n- 1\n- 2\n",
        ),
        (
            &[Move("/a~1b/x", "/e")],
            "a/b:\n  y: 2\nc~d:\n- 1\n- 2\ne: 1\n",
        ),
    ];
    for (edits, expected) in cases {
        assert_eq!(apply(spec, edits), *expected, "{edits:?}");
    }
    for (edit, message) in [
        (
            Set("/nope/x", "1"),
            "/nope/x: the spec has no \"nope\" on the way",
        ),
        (Remove("/a~1b/nope"), "/a~1b/nope: no such key to remove"),
        (
            Move("/a~1b/nope", "/a~1b/z"),
            "/a~1b/nope: no such key to move",
        ),
        (
            Move("/a~1b/x", "/a~1b/y"),
            "/a~1b/y: the key to move to exists",
        ),
    ] {
        let panic = std::panic::catch_unwind(|| apply(spec, &[edit])).unwrap_err();
        let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(text, message, "{edit:?}");
    }
}
