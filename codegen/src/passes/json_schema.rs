//! `schemars::JsonSchema` only for the command-line tool.
//!
//! progenitor's CLI generator requires every type to implement
//! `schemars::JsonSchema`, so the types are generated with that derive. The
//! library itself never uses it; this pass moves the derive behind the
//! crate's `cli` feature, so library users do not compile schemars:
//! `#[derive(.., schemars::JsonSchema)]` becomes
//! `#[derive(..)] #[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]`,
//! and the `impl schemars::JsonSchema for ..` blocks typify writes by hand
//! for constrained types get `#[cfg(feature = "cli")]`.
//!
//! Those impls name their parameter `gen`, a reserved keyword since edition
//! 2024; it becomes `r#gen`, so the code compiles in every edition.

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use syn::Attribute;
use syn::visit_mut::VisitMut;

use super::shared_walk::{NodePass, Reach, Within};

/// The cargo feature of the generated crate that enables the CLI.
pub(crate) const CLI_FEATURE: &str = "cli";

/// The derive progenitor needs for its CLI, as given to its settings.
pub(crate) const DERIVE: &str = "schemars::JsonSchema";

pub(super) fn rewrite(_: &super::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(Gate)
}

struct Gate;

impl NodePass for Gate {
    fn reach(&self) -> Reach {
        Reach::ALL_BUT_DOCS
    }

    /// The derives and impls are typify's: the items of `mod types` and of
    /// the modules in it (`builder`, `defaults`, `error`). Derives sit on
    /// items, and `gen` only in typify's `JsonSchema` impls, so nothing
    /// else inside the items is looked at.
    fn item(&mut self, item: &mut syn::Item, within: &Within) {
        if within.types_module && within.module_level {
            gate(item);
        }
    }
}

fn gate(item: &mut syn::Item) {
    match item {
        syn::Item::Struct(s) => gate_derives(&mut s.attrs),
        syn::Item::Enum(e) => gate_derives(&mut e.attrs),
        syn::Item::Union(u) => gate_derives(&mut u.attrs),
        syn::Item::Impl(imp) if implements_json_schema(imp) => {
            imp.attrs
                .push(syn::parse_quote!(#[cfg(feature = #CLI_FEATURE)]));
            RawGen.visit_item_impl_mut(imp);
        }
        _ => {}
    }
}

fn implements_json_schema(imp: &syn::ItemImpl) -> bool {
    imp.trait_
        .as_ref()
        .and_then(|(_, path, _)| path.segments.last())
        .is_some_and(|s| s.ident == "JsonSchema")
}

/// `gen` → `r#gen`.
struct RawGen;

impl VisitMut for RawGen {
    fn visit_ident_mut(&mut self, ident: &mut proc_macro2::Ident) {
        if ident == "gen" {
            *ident = proc_macro2::Ident::new_raw("gen", ident.span());
        }
    }
}

/// `#[derive(.., JsonSchema)]` → `#[derive(..)]` and
/// `#[cfg_attr(feature = "cli", derive(::schemars::JsonSchema))]`.
///
/// A derive's paths are split at their commas, not parsed: a derive
/// macro's path has no generic arguments, so every comma at the top level
/// separates two paths. (Parsing each type's derives twice was most of
/// this pass's time.)
fn gate_derives(attrs: &mut Vec<Attribute>) {
    let mut gated = Vec::new();
    for attr in attrs.iter_mut() {
        let syn::Meta::List(list) = &mut attr.meta else {
            continue;
        };
        if !list.path.is_ident("derive") || !mentions_json_schema(&list.tokens) {
            continue;
        }
        let tokens: Vec<TokenTree> = std::mem::take(&mut list.tokens).into_iter().collect();
        let is_comma = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == ',');
        let (schema, rest): (Vec<&[TokenTree]>, Vec<&[TokenTree]>) = tokens
            .split(is_comma)
            .filter(|path| !path.is_empty())
            .partition(
                |path| matches!(path.last(), Some(TokenTree::Ident(i)) if i == "JsonSchema"),
            );
        if schema.is_empty() {
            list.tokens = tokens.into_iter().collect();
            continue;
        }
        let comma = TokenTree::Punct(Punct::new(',', Spacing::Alone));
        list.tokens = rest
            .join(std::slice::from_ref(&comma))
            .into_iter()
            .collect();
        gated.push(syn::parse_quote!(
            #[cfg_attr(feature = #CLI_FEATURE, derive(::schemars::JsonSchema))]
        ));
    }
    if !gated.is_empty() {
        attrs.retain(|a| !is_empty_derive(a));
        attrs.extend(gated);
    }
}

/// Whether a derive's tokens name `JsonSchema` (most do not).
fn mentions_json_schema(tokens: &TokenStream) -> bool {
    tokens
        .clone()
        .into_iter()
        .any(|t| matches!(t, TokenTree::Ident(i) if i == "JsonSchema"))
}

/// `#[derive()]`, as a derive left without paths is.
fn is_empty_derive(attr: &Attribute) -> bool {
    matches!(&attr.meta, syn::Meta::List(list) if list.path.is_ident("derive") && list.tokens.is_empty())
}
