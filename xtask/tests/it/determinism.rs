//! The checked-in generated files are what `cargo xtask codegen` produces
//! from any working directory, with any `HOME`, in any locale.

use tempfile::TempDir;

/// (what varies, the working directory, extra environment)
type Case<'a> = (&'a str, &'a std::path::Path, &'a [(&'a str, &'a str)]);

#[test]
fn check_passes_from_other_directories_homes_and_locales() {
    let elsewhere = TempDir::new().unwrap();
    let home = TempDir::new().unwrap();
    // From the workspace itself: `codegen_task::tests::generated_code_is_fresh`.
    let cases: [Case; 3] = [
        ("a temporary directory", elsewhere.path(), &[]),
        ("another HOME", elsewhere.path(), &[("HOME", "")]),
        (
            "other locales",
            elsewhere.path(),
            &[
                ("LANG", "tr_TR.UTF-8"),
                ("LC_ALL", "de_DE.UTF-8"),
                ("TZ", "Pacific/Kiritimati"),
            ],
        ),
    ];
    for (name, cwd, env) in cases {
        let mut command = crate::support::xtask(["codegen", "--check"]);
        command.current_dir(cwd);
        for (key, value) in env {
            let value = if *key == "HOME" {
                home.path().to_str().unwrap()
            } else {
                value
            };
            command.env(key, value);
        }
        let run = crate::support::run(&mut command);
        assert_eq!(
            run.code, 0,
            "{name}: --check failed:\n{}{}",
            run.stdout, run.stderr
        );
    }
}
