//! A check, not a rewrite: two generated types with one name.
//!
//! typify does not notice when it gives two types one name, or makes a
//! newtype over an `Option` of itself (a schema's `title` names a type, and
//! may be another type's name: see `normalize::nullable_titles`). The code
//! would not compile; this check refuses it with the names.

use std::collections::BTreeSet;

use super::Facts;
use crate::{CodegenError, FailedOperation};

/// Refuses a types half whose names clash.
pub(super) fn check(types: &mut syn::File, facts: &mut Facts<'_>) -> Result<(), CodegenError> {
    let clashes = clashes(types);
    if clashes.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = clashes.into_iter().collect();
    Err(CodegenError::Generator {
        spec: facts.spec_name.to_owned(),
        failures: vec![FailedOperation {
            operation: None,
            message: format!(
                "typify names two types {}, which does not compile (a nullable schema's \
                 inner type is named after its title; --normalize removes such titles)",
                names.join(", ")
            ),
        }],
    })
}

/// The names of the generated `types` module that typify gives to two
/// types, and the newtypes over an `Option` of themselves: code that does
/// not compile, which typify does not notice (a schema's `title` names a
/// type, and may be another type's name: see `normalize::nullable_titles`).
fn clashes(file: &syn::File) -> BTreeSet<String> {
    let types = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == crate::TYPES_MODULE => {
            m.content.as_ref().map(|(_, items)| items)
        }
        _ => None,
    });
    let mut seen = BTreeSet::new();
    let mut clashing = BTreeSet::new();
    for item in types.into_iter().flatten() {
        let name = match item {
            syn::Item::Struct(s) => {
                if let syn::Fields::Unnamed(fields) = &s.fields
                    && let Some(field) = fields.unnamed.first()
                    && wraps_itself(&field.ty, &s.ident)
                {
                    clashing.insert(s.ident.to_string());
                }
                &s.ident
            }
            syn::Item::Enum(e) => &e.ident,
            syn::Item::Type(t) => &t.ident,
            _ => continue,
        };
        if !seen.insert(name.to_string()) {
            clashing.insert(name.to_string());
        }
    }
    clashing
}

/// `::std::option::Option<Name>` inside `Name`.
fn wraps_itself(ty: &syn::Type, name: &syn::Ident) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    last.ident == "Option"
        && args.args.iter().any(|arg| {
            matches!(arg, syn::GenericArgument::Type(syn::Type::Path(inner))
                if inner.path.is_ident(name))
        })
}
