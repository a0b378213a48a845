//! The tests of the Tokens crate, one binary (one link): the generated
//! types against the documentation, the client against real servers on
//! loopback, the examples and the README run as a consumer runs them.
//! Two suites are binaries of their own: `hostile_server.rs` measures the
//! heap with a global allocator, and `tracing.rs` installs a subscriber
//! (`tracing`'s per-callsite interest is process-wide).

mod client_over_http;
mod consumer_mock;
mod create_once;
mod documented_facts;
mod documented_types;
mod examples_run;
mod readme_snippets;
mod retries;
mod revoke;
mod secrets;
mod wire_behaviour;
