//! Reading and checking the spec.
//!
//! In: the spec's text (YAML or JSON) and its name. Out: the document as
//! JSON values, read once with duplicate keys refused (see `read`), with
//! every problem progenitor would report badly found first (see `check`),
//! then as openapiv3's `OpenAPI`, with its maps in canonical order. `walk`
//! holds the walks over the JSON document that the checks, the pruning,
//! the normalisation and `cargo xtask diff` share.

pub(crate) mod check;
pub(crate) mod read;
pub mod walk;
