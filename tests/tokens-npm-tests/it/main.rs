//! The tests that need Node.js and npm, one binary (one link): the client
//! against Prism run from our spec, the wire proof of the review's verdicts,
//! and Redocly's lint of the spec.

mod contract_prism;
mod spec_lint;
mod wire_proof;
