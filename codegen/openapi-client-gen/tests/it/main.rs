//! The generator's integration tests, one binary (one link): the installed
//! command run as a user runs it. (The mutation campaign's slice is a
//! binary of its own, `tests/mutation.rs`: it counts panic traces with a
//! process-wide hook.)

mod bad_input;
mod client_crate;
mod review;
mod support;
