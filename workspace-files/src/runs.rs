//! What the tests of the two command-line tools (`xtask` and
//! `openapi-client-gen`) share: a binary run to its end, and what a clean
//! failure looks like.

use std::process::{Command, Output};

/// What a run of a binary left.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` to its end: its exit code (it must not die of a signal)
/// and its output, which must be UTF-8.
pub fn run(command: &mut Command) -> Run {
    let program = command.get_program().to_string_lossy().into_owned();
    let Output {
        status,
        stdout,
        stderr,
    } = command
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    Run {
        code: status.code().expect("exited normally"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// No panic message or backtrace in `stderr`.
pub fn assert_no_panic_trace(stderr: &str) {
    for noise in ["panicked", "backtrace", "RUST_BACKTRACE", "stack"] {
        assert!(!stderr.contains(noise), "{noise} in:\n{stderr}");
    }
}

/// How every command fails: one error on stderr, its first line starting
/// `error: `, each further line one of its problems, indented (a refusal
/// of several problems lists one per line), none longer than a few hundred
/// characters, and no panic trace. Returns the error's text.
pub fn assert_one_clean_error(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(!lines.is_empty(), "expected an error, got nothing");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    for line in &lines[1..] {
        assert!(
            line.starts_with("  ") && !line[2..].starts_with(' '),
            "a line of the error that is not one of its problems: {line:?} in\n{stderr}"
        );
    }
    for line in &lines {
        assert!(
            line.chars().count() <= 420,
            "a line of {} characters:\n{line}",
            line.chars().count()
        );
    }
    assert_no_panic_trace(stderr);
    stderr.trim_end()
}
