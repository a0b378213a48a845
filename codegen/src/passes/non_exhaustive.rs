//! `#[non_exhaustive]` on the generated structs and enums, so that the API
//! can grow without breaking the code of consumers.
//!
//! typify generates plain structs with public fields and exhaustive enums.
//! Consumers could then write struct literals (`CreatedToken { .. }`, for
//! the responses of their httpmock mocks) and exhaustive `match`es, and
//! every additive spec change would break them: a new response field, a new
//! optional request field, a new enum value. Marked `#[non_exhaustive]`, as
//! the AWS SDK for Rust marks its generated shapes, structs are built
//! through the builders typify already generates (`X::builder()`), read by
//! field, and enums are matched with a `_` arm; those changes then compile
//! unchanged. Inside this crate (the CLI, the mocks) the attribute has no
//! effect.
//!
//! Tuple structs (typify's constrained newtypes) are left alone: their
//! field is private, so no consumer can build one except through
//! `TryFrom`/`FromStr`, which check the constraints.

use super::shared_walk::{NodePass, Reach, Within};

pub(super) fn rewrite(_: &super::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(NonExhaustive)
}

struct NonExhaustive;

impl NodePass for NonExhaustive {
    fn reach(&self) -> Reach {
        Reach::ALL_BUT_DOCS
    }

    /// Where the pass acts: the items directly inside `mod types`.
    fn item(&mut self, item: &mut syn::Item, within: &Within) {
        if within.types_module && within.mod_depth == 1 && within.module_level {
            mark(item);
        }
    }
}

/// One item, not what it holds: the modules inside `types` (`builder`,
/// `defaults`, `error`) are left alone.
fn mark(item: &mut syn::Item) {
    let attrs = match item {
        syn::Item::Struct(s) if matches!(s.fields, syn::Fields::Named(_)) => &mut s.attrs,
        syn::Item::Enum(e) => &mut e.attrs,
        _ => return,
    };
    if !attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        attrs.push(syn::parse_quote!(#[non_exhaustive]));
    }
}
