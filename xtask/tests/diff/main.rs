//! `cargo xtask diff`: the corpus of spec pairs with their expected reports,
//! the verdicts proven with the compiler, and the command itself on a
//! scratch git repository.

mod command;
mod compile_proof;
mod corpus;
#[path = "../support/mod.rs"]
mod support;

use xtask::diff::{self, Report};

/// The spec every pair edits: ours, as checked in.
pub use support::TOKENS_SPEC;

/// `(anchor, replacement)`: the first occurrence of the anchor in the spec
/// is replaced.
pub type Edit = (&'static str, &'static str);

/// The spec with the edits applied; every anchor must be found.
pub fn edited(edits: &[Edit]) -> String {
    let mut spec = TOKENS_SPEC.to_owned();
    for (from, to) in edits {
        assert!(spec.contains(from), "the spec has no {from:?}");
        spec = spec.replacen(from, to, 1);
    }
    spec
}

/// The report for two texts of the spec, one line per change:
/// `Class subject: what [#pointer ...]`, then `no effect: #pointer` for the
/// spec changes that change nothing in the generated API.
pub fn report_lines(old: &str, new: &str) -> Vec<String> {
    let old = diff::revision(old, "old.yaml").expect("the old side generates");
    let new = diff::revision(new, "new.yaml").expect("the new side generates");
    lines(&Report::new(&old, &new))
}

pub fn lines(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            let spec: Vec<String> = c.spec.iter().map(|p| format!("#{p}")).collect();
            format!(
                "{:?} {}: {} [{}]",
                c.class,
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
