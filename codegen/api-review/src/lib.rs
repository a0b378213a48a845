//! The review of a generated client: what a change means for its consumers.
//!
//! In: the client codegen generates (a syntax tree, [`codegen::Generator::client`],
//! or a checked-in file's text), the crate's hand-written sources and the
//! spec documents. Out: the [`Surface`] of each side (the one model of what
//! consumers see, which the API-surface snapshot renders), the changes
//! between two ([`compare()`]), each classified for consumers, pointed at
//! the spec ([`attribute`]) and gathered in a [`Report`], the release it
//! needs ([`release`]), and the report as text, markdown or JSON
//! ([`render`]). Two clients whose types are named apart (our spec and
//! QuantCDN's) are compared once one is renamed after the other ([`align`]).
//!
//! The review reads the generator's output; the generator imports nothing
//! from it. Reading git and the workspace's files is `xtask`'s
//! (`cargo xtask diff`).

pub mod align;
pub mod attribute;
pub mod compare;
pub mod limits;
pub mod release;
pub mod render;
mod report;
pub mod surface;

pub use compare::{Action, Change, Class, Item, Place, Source, compare};
pub use report::{Report, Revision, revision, revision_normalized};
pub use surface::Surface;
