//! The tests of `xtask`, one binary (one link): the real `xtask` binary run
//! as a maintainer runs it, the review of this repository's spec, and the
//! architecture table kept true.

mod api_review_comment;
mod architecture;
mod broken_specs;
mod codegen_cli;
mod determinism;
mod diff;
mod real_world_specs;
mod support;
mod upstream;
mod upstream_issue;
