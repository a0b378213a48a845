//! The real `xtask` binary, run the way a maintainer runs
//! `cargo xtask codegen`: exit codes, messages, and files left alone.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::support::{OUTPUT_FILES, Run, TOKENS_SPEC, assert_one_clean_error, codegen};

struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: TempDir::new().unwrap(),
        }
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Runs a failing case twice: with no output file, and with one that must
/// come out byte-identical.
fn assert_fails_without_touching_output(spec_name: &str, spec: &str, code: i32) -> Run {
    let s = Scratch::new();
    s.write(spec_name, spec);
    let run = codegen(&[], spec_name, "out.rs", Some(s.dir.path()));
    assert_eq!(run.code, code, "{}", run.stderr);
    assert!(!s.path("out.rs").exists(), "an output file was written");
    assert_one_clean_error(&run.stderr);

    let previous = "// the checked-in file\n";
    s.write("out.rs", previous);
    let again = codegen(&[], spec_name, "out.rs", Some(s.dir.path()));
    assert_eq!(again.code, code);
    assert_eq!(fs::read_to_string(s.path("out.rs")).unwrap(), previous);
    let leftovers: Vec<_> = fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );
    run
}

#[test]
fn a_missing_spec_is_one_error_line_and_exit_3() {
    let s = Scratch::new();
    let run = codegen(&[], "nowhere.yaml", "out.rs", Some(s.dir.path()));
    assert_eq!(run.code, 3);
    assert_one_clean_error(&run.stderr);
    assert!(
        run.stderr.contains("cannot read spec nowhere.yaml"),
        "{}",
        run.stderr
    );
    assert!(!s.path("out.rs").exists());
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let broken = "openapi: 3.0.3\ninfo:\n  title: x\n  version: [1\npaths: {}\n";
    let run = assert_fails_without_touching_output("broken.yaml", broken, 3);
    assert!(run.stderr.contains("broken.yaml:5:"), "{}", run.stderr);
}

#[test]
fn a_json_syntax_error_names_file_line_and_column() {
    let broken =
        "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\" \"version\": \"1\"}\n}\n";
    let run = assert_fails_without_touching_output("broken.json", broken, 3);
    assert!(run.stderr.contains("broken.json:3:"), "{}", run.stderr);
}

#[test]
fn other_openapi_versions_are_refused_by_name() {
    let run = assert_fails_without_touching_output(
        "old.yaml",
        "swagger: '2.0'\ninfo: {}\npaths: {}\n",
        3,
    );
    assert!(
        run.stderr
            .contains("unsupported OpenAPI version swagger 2.0"),
        "{}",
        run.stderr
    );
    let run = assert_fails_without_touching_output(
        "new.yaml",
        "openapi: 3.2.0\ninfo: {title: x, version: '1'}\npaths: {}\n",
        3,
    );
    assert!(
        run.stderr.contains("unsupported OpenAPI version 3.2.0"),
        "{}",
        run.stderr
    );
}

/// progenitor 0.15.1 panics (`assertion failed: response_types.len() <= 1`)
/// when a `default` answer (both a success and an error to it) has a body
/// of another type than a 200's. (Answers of several types under their own
/// statuses are one enum instead: codegen's `response_groups`.)
/// A spec of which progenitor cannot generate one operation (`start_job`:
/// it panics), and can the other (`health`).
const ONE_OPERATION_PANICS: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /jobs:
    post:
      operationId: start_job
      responses:
        '200':
          description: done
          content:
            application/json:
              schema: {type: object, properties: {id: {type: integer}}}
        default:
          description: anything else, with a body of another type
          content:
            application/json:
              schema: {type: string}
  /health:
    get:
      operationId: health
      responses:
        '200': {description: ok}
"#;

#[test]
fn a_progenitor_panic_is_an_error_naming_the_operation() {
    let spec = ONE_OPERATION_PANICS;
    let run = assert_fails_without_touching_output("panics.yaml", spec, 4);
    assert!(run.stderr.contains("panics.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("operation start_job"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("health"),
        "blamed a good operation: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("response_types.len() <= 1"),
        "{}",
        run.stderr
    );
}

/// `--skip-failing`: the client of what can be generated, the operation
/// left out named with its reason on stderr and in each file's header,
/// whose command says how to regenerate it the same way.
#[test]
fn skip_failing_writes_the_rest_and_names_what_it_left_out() {
    let s = Scratch::new();
    s.write("panics.yaml", ONE_OPERATION_PANICS);
    let run = codegen(
        &["--skip-failing"],
        "panics.yaml",
        "out.rs",
        Some(s.dir.path()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let skipped: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(skipped.len(), 1, "{}", run.stderr);
    assert!(
        skipped[0].starts_with("skipped: operation start_job (POST /jobs): progenitor stopped: ")
            && skipped[0].contains("response_types.len() <= 1"),
        "{}",
        run.stderr
    );
    for file in ["out.rs", "out_httpmock.rs", "out_cli.rs"] {
        let text = fs::read_to_string(s.path(file)).unwrap();
        assert!(
            text.contains(
                "by `cargo xtask codegen --spec panics.yaml --out out.rs --skip-failing`"
            ),
            "{file}"
        );
        assert!(
            text.contains("// Left out, because progenitor cannot generate them (1 operation):\n// - operation start_job (POST /jobs): progenitor stopped: "),
            "{file}"
        );
    }
    let client = fs::read_to_string(s.path("out.rs")).unwrap();
    assert!(client.contains("pub fn health(&self)"));
    assert!(!client.contains("pub fn start_job(&self)"));
    // The same flags again: nothing is stale.
    let again = codegen(
        &["--skip-failing", "--check"],
        "panics.yaml",
        "out.rs",
        Some(s.dir.path()),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn a_bad_x_enum_varnames_is_refused_with_its_location() {
    let spec = TOKENS_SPEC.replace("        - Days365\n", "        - Days 365\n");
    let run = assert_fails_without_touching_output("tokens.yaml", &spec, 3);
    assert!(
        run.stderr.contains(
            "components.schemas.ExpiresIn.x-enum-varnames: `Days 365` is not a Rust identifier"
        ),
        "{}",
        run.stderr
    );
}

/// The maintainer's loop: change one description, `--check` fails with a
/// diff, regenerate, `--check` passes, regenerating again changes nothing.
#[test]
fn a_spec_change_is_caught_by_check_and_fixed_by_regenerating() {
    let s = Scratch::new();
    s.write("tokens.yaml", TOKENS_SPEC);
    let write = || codegen(&[], "tokens.yaml", "client.rs", Some(s.dir.path()));
    let check = || codegen(&["--check"], "tokens.yaml", "client.rs", Some(s.dir.path()));

    let first = write();
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.starts_with("wrote client.rs"),
        "{}",
        first.stdout
    );
    assert_eq!(check().code, 0);

    let changed = TOKENS_SPEC.replace(
        "description: Name for the token",
        "description: A name people recognise",
    );
    assert_ne!(changed, TOKENS_SPEC);
    s.write("tokens.yaml", &changed);
    let before = fs::read_to_string(s.path("client.rs")).unwrap();
    let stale = check();
    assert_eq!(stale.code, 1);
    assert!(
        stale.stdout.contains("-        ///Name for the token"),
        "{}",
        stale.stdout
    );
    assert!(
        stale.stdout.contains("+        ///A name people recognise"),
        "{}",
        stale.stdout
    );
    assert!(
        stale
            .stderr
            .contains("run `cargo xtask codegen --spec tokens.yaml --out client.rs`"),
        "{}",
        stale.stderr
    );
    assert_eq!(
        fs::read_to_string(s.path("client.rs")).unwrap(),
        before,
        "--check wrote"
    );

    assert_eq!(write().code, 0);
    assert_eq!(check().code, 0);
    let written = fs::metadata(s.path("client.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let again = write();
    assert_eq!(again.code, 0);
    assert!(again.stdout.contains("are up to date"), "{}", again.stdout);
    assert_eq!(
        fs::metadata(s.path("client.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        written
    );
}

#[test]
fn check_on_a_missing_output_file_is_stale_not_an_error() {
    let s = Scratch::new();
    s.write("tokens.yaml", TOKENS_SPEC);
    let run = codegen(&["--check"], "tokens.yaml", "absent.rs", Some(s.dir.path()));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!s.path("absent.rs").exists());
}

/// New files get the permissions any new file gets here (those of a file
/// `fs::write` creates: 0666 less the umask), not tempfile's 0600; a file
/// that is rewritten keeps its own.
#[cfg(unix)]
#[test]
fn written_files_have_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let s = Scratch::new();
    s.write("tokens.yaml", TOKENS_SPEC);
    let usual = mode(&s.write("reference.txt", ""));
    let run = codegen(&[], "tokens.yaml", "client.rs", Some(s.dir.path()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in OUTPUT_FILES {
        assert_eq!(
            mode(&s.path(file)),
            usual,
            "{file}: {:o}",
            mode(&s.path(file))
        );
    }

    fs::set_permissions(s.path("client.rs"), fs::Permissions::from_mode(0o640)).unwrap();
    s.write(
        "tokens.yaml",
        &TOKENS_SPEC.replace("Name for the token", "A new description"),
    );
    let run = codegen(&[], "tokens.yaml", "client.rs", Some(s.dir.path()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(s.path("client.rs"))
            .unwrap()
            .contains("A new description")
    );
    assert_eq!(mode(&s.path("client.rs")), 0o640);
}
