//! `cargo xtask diff`: the corpus of spec pairs with their expected reports,
//! the verdicts proven with the compiler, and the command itself on a
//! scratch git repository.

mod command;
mod compile_proof;
mod corpus;

use workspace_files::diff_pairs as pairs;
use xtask::diff::{self, Report};

/// The spec every pair edits: ours, as checked in.
pub use crate::support::TOKENS_SPEC;

pub use pairs::Edit;

/// Our spec with the edits applied (parsed and serialized again).
pub fn edited(edits: &[Edit]) -> String {
    pairs::apply(TOKENS_SPEC, edits)
}

/// The report for two texts of the spec, one line per change:
/// `Class subject: what [#pointer ...]`, then `no effect: #pointer` for the
/// spec changes that change nothing in the generated API.
pub fn report_lines(old: &str, new: &str) -> Vec<String> {
    lines(&Report::new(
        &crate_of(old, "old.yaml"),
        &crate_of(new, "new.yaml"),
    ))
}

/// The crate a spec makes: its generated client beside the workspace's
/// hand-written layer (`Secret`'s conversions, for one, are read there).
pub fn crate_of(spec: &str, name: &str) -> diff::Revision {
    static LAYER: std::sync::OnceLock<api_review::Surface> = std::sync::OnceLock::new();
    let layer = LAYER.get_or_init(|| {
        diff::hand_written_layer(&workspace_files::root()).expect("the hand-written layer reads")
    });
    diff::revision(spec, name)
        .unwrap_or_else(|e| panic!("{name} generates: {e}"))
        .beside(layer)
}

pub fn lines(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            let spec: Vec<String> = match &c.source {
                diff::Source::Spec { pointers } => {
                    pointers.iter().map(|p| format!("#{p}")).collect()
                }
                _ => vec![diff::render::source(c)],
            };
            format!(
                "{:?}{} {}: {} [{}]",
                c.class,
                if c.old_releases_fail {
                    " (old releases fail)"
                } else {
                    ""
                },
                c.subject,
                c.what,
                spec.join(" ")
            )
        })
        .collect();
    out.extend(
        report
            .without_effect
            .iter()
            .map(|p| format!("no effect: #{p}")),
    );
    out
}
