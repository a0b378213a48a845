//! `cargo test` fails when the checked-in generated code is not what the
//! spec generates: the same check as `cargo xtask codegen --check`.

use xtask::codegen_task::{self, Mode, Outcome, Paths};

#[test]
fn generated_client_is_in_sync_with_the_spec() {
    let paths = Paths::workspace_default();
    match codegen_task::run(&paths, Mode::Check, false) {
        Ok(Outcome::Unchanged) => {}
        Ok(Outcome::Stale { diff }) => panic!(
            "{} is stale; run `{}`. Diff from the file on disk to the fresh output:\n{diff}",
            paths.out_name(),
            codegen_task::command_for(&paths)
        ),
        Ok(Outcome::Written) => unreachable!("check mode never writes"),
        Err(e) => panic!("generation failed: {e}"),
    }
}
