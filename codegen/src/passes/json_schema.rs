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

use syn::punctuated::Punctuated;
use syn::visit_mut::VisitMut;
use syn::{Attribute, Path, Token};

/// The cargo feature of the generated crate that enables the CLI.
pub(crate) const CLI_FEATURE: &str = "cli";

/// The derive progenitor needs for its CLI, as given to its settings.
pub(crate) const DERIVE: &str = "schemars::JsonSchema";

/// The derives and impls are typify's: only `mod types` is walked, item by
/// item. Derives sit on items, and `gen` only in typify's `JsonSchema`
/// impls, so nothing else inside the items is visited.
pub(super) fn rewrite(
    file: &mut syn::File,
    _: &mut super::Facts<'_>,
) -> Result<(), crate::CodegenError> {
    super::types_mut(file).for_each(gate);
    Ok(())
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
        // `types::builder`, `types::defaults`, `types::error`.
        syn::Item::Mod(module) => {
            if let Some((_, items)) = &mut module.content {
                items.iter_mut().for_each(gate);
            }
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
fn gate_derives(attrs: &mut Vec<Attribute>) {
    let mut gated = Vec::new();
    for attr in attrs.iter_mut().filter(|a| derives_json_schema(a)) {
        let Ok(paths) = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
        else {
            continue;
        };
        let (schema, rest): (Vec<Path>, Vec<Path>) = paths
            .into_iter()
            .partition(|p| p.segments.last().is_some_and(|s| s.ident == "JsonSchema"));
        if schema.is_empty() {
            continue;
        }
        let rest: Punctuated<Path, Token![,]> = rest.into_iter().collect();
        *attr = syn::parse_quote!(#[derive(#rest)]);
        gated.push(syn::parse_quote!(
            #[cfg_attr(feature = #CLI_FEATURE, derive(::schemars::JsonSchema))]
        ));
    }
    if !gated.is_empty() {
        attrs.retain(|a| !is_empty_derive(a));
        attrs.extend(gated);
    }
}

/// `#[derive(.., JsonSchema, ..)]`, told by its tokens before parsing
/// them (most attributes are not).
fn derives_json_schema(attr: &Attribute) -> bool {
    let syn::Meta::List(list) = &attr.meta else {
        return false;
    };
    list.path.is_ident("derive")
        && list
            .tokens
            .clone()
            .into_iter()
            .any(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == "JsonSchema"))
}

fn is_empty_derive(attr: &Attribute) -> bool {
    attr.path().is_ident("derive")
        && attr
            .parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
            .is_ok_and(|p| p.is_empty())
}
