//! A Rust client crate from anyone's OpenAPI document, and the review of
//! what a change of that document means for the crate's users: the
//! library behind the `openapi-client-gen` command (`main.rs`), which the
//! repository's `cargo xtask` uses too.
//!
//! - [`generate`] reads a spec file and runs [`codegen`] on it; [`files`]
//!   writes the files it makes, all or none, or checks them (a unified
//!   diff of what is stale): the one place generated files are written;
//! - [`client_crate`] makes a crate of them that compiles on its own
//!   (`lib.rs`, a manifest naming the runtime and what the code needs);
//! - [`review`] reads two revisions of a spec into the review's model and
//!   says what changed for users, and the version the next release needs
//!   (feature `review`);
//! - [`corpus`] runs the generator over a folder of specs and prints what
//!   made crates, what compiled and what was refused; [`mutate`] is a
//!   mutation campaign against codegen (feature `tools`).
//!
//! Everything but [`generate`] and [`files`] sits behind a feature, so
//! that the xtask's `codegen` builds only what writes files.

mod exit;
mod failure;
pub mod files;
pub mod generate;

#[cfg(feature = "crate")]
pub mod client_crate;
#[cfg(feature = "tools")]
pub mod corpus;
#[cfg(feature = "tools")]
pub mod mutate;
#[cfg(feature = "review")]
pub mod review;

pub use exit::Exit;
pub use failure::Failure;
