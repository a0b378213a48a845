//! Spec text in, formatted Rust out: the generator of the clients (the
//! Tokens client of this repository, and any spec's through
//! `openapi-client-gen`).
//!
//! One entry point, [`Generator`], with its [`Settings`]:
//! [`Generator::generate`] runs the stages in order (the order is written
//! there and nowhere else), each a folder:
//!
//! 1. `spec`: read the text once into JSON values (duplicate keys
//!    refused; OpenAPI 3.1 rewritten as 3.0), check them, have openapiv3
//!    read them.
//! 2. `normalize` (only with [`Settings::normalize`]): rewrite what
//!    progenitor cannot generate, each change reported.
//! 3. `progenitor`: run progenitor's builder-style generator for each
//!    [`Target`]; when it fails, blame the operations that fail alone, and
//!    with [`Settings::skip_failing`] leave them out and go again.
//! 4. `passes`: what we add on top of progenitor, one module per pass, in
//!    one ordered table (`passes::PASSES`).
//! 5. `threads`, under the generator: the client in two halves and the
//!    two companions, on two threads, each part formatted with
//!    prettyplease behind a header that says how to regenerate it.
//!
//! Two features span stages, and each has one home that says so:
//! `secret_fields` (fields the spec marks secret: marked in the document,
//! typed `Secret` by a pass, recovered by the runtime) and
//! `response_groups` (operations whose answers have several types: the
//! spec split for progenitor, then an enum per group in every target).
//!
//! The generated code names its runtime by its crate path
//! (`::openapi_client_runtime::Error`, ...; see `runtime_contract`), so the
//! compiler checks the contract; the runtime never names the generated code.
//!
//! Out also: the client's syntax tree after every pass
//! ([`Generator::client`]), which the review (`api-review`: the model of
//! what consumers see) reads, with the helpers in [`syntax`]; nothing here
//! imports from the review. The crate does no file I/O, so tests and
//! benchmarks call it directly; the generator's command and the xtask own
//! reading and writing files.

mod error;
mod generator;
mod normalize;
mod passes;
mod progenitor;
mod response_groups;
pub mod runtime_contract;
mod secret_fields;
pub mod spec;
pub mod syntax;
mod threads;

pub use error::{CodegenError, FailedOperation};
pub use generator::{Client, Document, Generated, Generator, REGENERATE_COMMAND, Settings};
pub use progenitor::Target;
pub use progenitor::skip::LeftOut;

/// The module progenitor puts typify's types in (`pub mod types`).
pub const TYPES_MODULE: &str = "types";
