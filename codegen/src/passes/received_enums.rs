//! Enums of responses that can grow: an `Unknown` variant.
//!
//! A server adds values to its enums (a new token status, say). typify's
//! enums are closed, so a client built before the value existed fails the
//! whole call on it (progenitor has nothing for this: omicron#4608). AWS's
//! SDK gives every such enum an `Unknown` variant; this pass does the same,
//! for the enums a response can carry:
//!
//! ```text
//! #[serde(untagged)]
//! Unknown(::std::string::String),
//! ```
//!
//! - **Which enums**: those reachable from a response or error type of the
//!   client's methods (`ResponseValue<T>`, `Error<E>`), through the fields,
//!   variants and inner types of the types module, read from the generated
//!   code. An enum that is only sent stays closed: the crate sends only
//!   values it knows.
//! - **Which shape**: enums of plain values (typify's string enums).
//!   serde reads a value no other variant names into `Unknown`, keeping the
//!   text; `Display` and serialisation give it back, so a value received
//!   can be sent again. `FromStr` stays strict: it reads what a person
//!   typed (the CLI), where a typo should be refused.
//! - **What it costs**: the enum is no longer `Copy` (a `String` is not).
//!   `cargo xtask diff` reads the variant (`Variant::catches_unknown`) and
//!   calls a value added to such an enum compatible for old releases too.

use std::collections::{BTreeMap, BTreeSet};

use syn::visit::Visit;
use syn::visit_mut::VisitMut;

use crate::{CodegenError, TYPES_MODULE};

/// The names the variant may take, the first free one used.
const NAMES: [&str; 3] = ["Unknown", "UnknownValue", "Unrecognized"];

/// The types the client's methods answer with: every `types::X` inside
/// `ResponseValue<..>` or `Error<..>` of the requests half's token text (as
/// `TokenStream::to_string` writes it: `ResponseValue < types :: X >`).
pub(crate) fn response_types(requests: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for opener in ["ResponseValue <", "Error <"] {
        let mut rest = requests;
        while let Some(at) = rest.find(opener) {
            let after = &rest[at + opener.len()..];
            let inside = &after[..closing(after)];
            for piece in inside.split("types :: ").skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
            rest = after;
        }
    }
    found
}

/// Where the generic arguments opened just before `text` close.
fn closing(text: &str) -> usize {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

pub(super) fn add_unknown(
    types: &mut syn::File,
    facts: &mut super::Facts<'_>,
) -> Result<(), CodegenError> {
    let Some(items) = types.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == TYPES_MODULE => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) else {
        return Ok(());
    };
    let received = reachable(items, &facts.response_types);
    let mut grown = BTreeMap::new();
    for item in items.iter_mut() {
        if let syn::Item::Enum(e) = item
            && received.contains(&e.ident.to_string())
            && let Some(variant) = grow(e)
        {
            grown.insert(e.ident.to_string(), variant);
        }
    }
    for item in items.iter_mut() {
        if let syn::Item::Impl(imp) = item
            && let Some(name) = display_of(imp)
            && let Some(variant) = grown.get(&name)
        {
            DisplayArm { variant }.visit_item_impl_mut(imp);
        }
    }
    Ok(())
}

/// The types of the module that `roots` name, transitively.
fn reachable(items: &[syn::Item], roots: &BTreeSet<String>) -> BTreeSet<String> {
    let mut named: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items {
        let mut idents = Idents(BTreeSet::new());
        let name = match item {
            syn::Item::Struct(s) => {
                idents.visit_fields(&s.fields);
                s.ident.to_string()
            }
            syn::Item::Enum(e) => {
                e.variants
                    .iter()
                    .for_each(|v| idents.visit_fields(&v.fields));
                e.ident.to_string()
            }
            syn::Item::Type(t) => {
                idents.visit_type(&t.ty);
                t.ident.to_string()
            }
            _ => continue,
        };
        named.insert(name, idents.0);
    }
    let mut seen = BTreeSet::new();
    let mut pending: Vec<String> = roots.iter().cloned().collect();
    while let Some(name) = pending.pop() {
        if let Some(inner) = named.get(&name)
            && seen.insert(name)
        {
            pending.extend(inner.iter().cloned());
        }
    }
    seen
}

/// Every identifier of the paths visited.
struct Idents(BTreeSet<String>);

impl Visit<'_> for Idents {
    fn visit_path_segment(&mut self, segment: &syn::PathSegment) {
        self.0.insert(segment.ident.to_string());
        syn::visit::visit_path_segment(self, segment);
    }
}

/// Adds the variant to an enum of plain values that serde reads by tag;
/// its name, or `None` when the enum is not one.
fn grow(e: &mut syn::ItemEnum) -> Option<String> {
    let plain = !e.variants.is_empty()
        && e.variants
            .iter()
            .all(|v| matches!(v.fields, syn::Fields::Unit));
    let derives_deserialize = derives(&e.attrs).iter().any(|d| d == "Deserialize");
    let tagged_otherwise = e.attrs.iter().any(|a| {
        a.path().is_ident("serde")
            && a.meta.require_list().is_ok_and(|l| {
                ["untagged", "tag", "content"]
                    .iter()
                    .any(|k| l.tokens.to_string().contains(k))
            })
    });
    if !plain || !derives_deserialize || tagged_otherwise {
        return None;
    }
    let name = NAMES
        .iter()
        .find(|n| !e.variants.iter().any(|v| v.ident == **n))?;
    let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
    e.variants.push(syn::parse_quote! {
        /// A value this crate does not know yet: the server added it to
        /// the enum after this crate was generated.
        #[serde(untagged)]
        #ident(::std::string::String)
    });
    for attr in &mut e.attrs {
        drop_copy(attr);
    }
    Some((*name).to_owned())
}

/// The last segments of the paths in `#[derive(..)]`s.
fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                out.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    out
}

/// `#[derive(.., Copy, ..)]` without `Copy`.
fn drop_copy(attr: &mut syn::Attribute) {
    if !attr.path().is_ident("derive") {
        return;
    }
    let Ok(paths) = attr.parse_args_with(
        syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
    ) else {
        return;
    };
    let kept: Vec<&syn::Path> = paths
        .iter()
        .filter(|p| p.segments.last().is_none_or(|s| s.ident != "Copy"))
        .collect();
    if kept.len() < paths.len() {
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
}

/// `X` of `impl ::std::fmt::Display for X`.
fn display_of(imp: &syn::ItemImpl) -> Option<String> {
    let (_, trait_path, _) = imp.trait_.as_ref()?;
    if trait_path.segments.last()?.ident != "Display" {
        return None;
    }
    match &*imp.self_ty {
        syn::Type::Path(p) => Some(p.path.segments.last()?.ident.to_string()),
        _ => None,
    }
}

/// Adds `Self::Unknown(ref value) => f.write_str(value)` to the `match` of
/// a `Display` impl.
struct DisplayArm<'a> {
    variant: &'a str,
}

impl VisitMut for DisplayArm<'_> {
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        let ident = syn::Ident::new(self.variant, proc_macro2::Span::call_site());
        m.arms.push(syn::parse_quote! {
            Self::#ident(ref value) => f.write_str(value),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_types_are_read_inside_response_value_and_error() {
        let text = "pub async fn send (self) -> Result < ResponseValue < :: std :: vec :: Vec < types :: TokenSummary > > , Error < types :: ApiError > > { } \
                    fn other (x : types :: CreateTokenRequest) -> Result < ResponseValue < () > , Error < () > >";
        assert_eq!(
            response_types(text).into_iter().collect::<Vec<_>>(),
            ["ApiError", "TokenSummary"]
        );
    }

    #[test]
    fn copy_is_dropped_from_a_derive() {
        let mut attr: syn::Attribute =
            syn::parse_quote!(#[derive(Clone, Copy, Debug, ::serde::Deserialize)]);
        drop_copy(&mut attr);
        assert_eq!(
            quote::quote!(#attr).to_string(),
            "# [derive (Clone , Debug , :: serde :: Deserialize)]"
        );
    }
}
