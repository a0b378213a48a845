//! Helpers for the tests that need Node.js and npm, kept apart from
//! `tokens-tests` so that `cargo test -p tokens-tests` needs nothing but
//! cargo: the pinned npm tools, installed on first use, and Prism run for
//! one test.

pub mod npm_tools;
pub mod prism;
