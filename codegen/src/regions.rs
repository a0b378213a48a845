//! The two parts of a generated client, for the passes that concern one.
//!
//! progenitor puts typify's data types in `mod types`, and everything that
//! makes requests (the `Client` impls, `mod builder`) outside it. In
//! Oxide's client `types` is over half of the file. A pass that rewrites
//! requests has nothing to do among the types, and one that rewrites the
//! types nothing among the requests: each walks its part only (what the
//! passes cost beyond progenitor's own work is measured by the
//! `codegen` benches).

/// The module progenitor puts typify's types in (`pub mod types`).
pub const TYPES_MODULE: &str = "types";

/// The items directly inside `mod types`.
pub(crate) fn types_mut(file: &mut syn::File) -> impl Iterator<Item = &mut syn::Item> {
    file.items
        .iter_mut()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.ident == TYPES_MODULE => {
                module.content.as_mut().map(|(_, items)| items)
            }
            _ => None,
        })
        .flatten()
}

/// Every item of the file but `mod types`: where requests are made.
pub(crate) fn requests_mut(file: &mut syn::File) -> impl Iterator<Item = &mut syn::Item> {
    file.items
        .iter_mut()
        .filter(|item| !matches!(item, syn::Item::Mod(module) if module.ident == TYPES_MODULE))
}
