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
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Path, Token};

/// The cargo feature of the generated crate that enables the CLI.
pub(crate) const CLI_FEATURE: &str = "cli";

/// The derive progenitor needs for its CLI, as given to its settings.
pub(crate) const DERIVE: &str = "schemars::JsonSchema";

pub(crate) fn apply(file: &mut syn::File) {
    GateDerive.visit_file_mut(file);
}

struct GateDerive;

impl VisitMut for GateDerive {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let for_json_schema = item
            .trait_
            .as_ref()
            .and_then(|(_, path, _)| path.segments.last())
            .is_some_and(|s| s.ident == "JsonSchema");
        if for_json_schema {
            item.attrs
                .push(syn::parse_quote!(#[cfg(feature = #CLI_FEATURE)]));
        }
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_ident_mut(&mut self, ident: &mut proc_macro2::Ident) {
        if ident == "gen" {
            *ident = proc_macro2::Ident::new_raw("gen", ident.span());
        }
    }

    fn visit_attributes_mut(&mut self, attrs: &mut Vec<Attribute>) {
        let mut gated = Vec::new();
        for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
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
        attrs.retain(|a| !is_empty_derive(a));
        attrs.extend(gated);
        for attr in attrs {
            visit_mut::visit_attribute_mut(self, attr);
        }
    }
}

fn is_empty_derive(attr: &Attribute) -> bool {
    attr.path().is_ident("derive")
        && attr
            .parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
            .is_ok_and(|p| p.is_empty())
}
