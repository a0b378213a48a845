//! The builder setter of an optional field takes a plain value as it is
//! written: `.preset("content_management")`, `.scopes(["projects:read"])`.
//!
//! typify's setters take `T: TryInto<X>` for a field of type `X`. For an
//! optional field, `X` is `Option<V>`, and `TryInto<Option<V>>` is met by
//! `V` and `Option<V>` (std's `From<T> for Option<T>`) but not by `&str`
//! where `V` is `String`: `.name("x")` compiled and `.preset("x")` did not,
//! and every optional string needed `.to_owned()`. This pass makes those
//! setters take `T: IntoOption<V>` (the runtime's trait): `V`,
//! `Option<V>` (so `None` still unsets), and borrowed text and arrays
//! where `V` is `String`, `Vec<String>` or `Vec<_>`. Nothing that compiled
//! before stops compiling: typify generates no other conversion into
//! `Option<V>`, and the conversion cannot fail, so the setter stores the
//! value as it is.
//!
//! Only setters of the builders in `types::builder` whose bound is
//! `TryInto<Option<..>>` and whose body sets the field of their own name
//! are rewritten; the review reads the new bound from the code (the
//! surface's `setter` of a field).

use syn::parse_quote;

use crate::CodegenError;

/// The types half: every optional field's setter in `types::builder`.
pub(super) fn rewrite(types: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    let Some(types_module) = types.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut(),
        _ => None,
    }) else {
        return Ok(());
    };
    let Some(builder) = types_module.1.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut(),
        _ => None,
    }) else {
        return Ok(());
    };
    for item in &mut builder.1 {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        for member in &mut imp.items {
            if let syn::ImplItem::Fn(setter) = member {
                rewrite_setter(setter);
            }
        }
    }
    Ok(())
}

/// `pub fn f<T>(mut self, value: T) -> Self where T: TryInto<Option<V>>,
/// T::Error: Display { self.f = value.try_into().map_err(..); self }`
/// becomes the same setter taking `T: IntoOption<V>`.
fn rewrite_setter(setter: &mut syn::ImplItemFn) {
    let Some(inner) = optional_bound(setter) else {
        return;
    };
    let field = &setter.sig.ident;
    let sets_own_field = setter.block.stmts.first().is_some_and(|stmt| {
        let syn::Stmt::Expr(syn::Expr::Assign(assign), _) = stmt else {
            return false;
        };
        matches!(&*assign.left, syn::Expr::Field(f)
            if matches!(&f.member, syn::Member::Named(name) if name == field))
    });
    if !sets_own_field {
        return;
    }
    setter.sig.generics.where_clause = Some(parse_quote! {
        where T: ::openapi_client_runtime::IntoOption<#inner>
    });
    setter.block = parse_quote! {{
        self.#field = Ok(::openapi_client_runtime::IntoOption::into_option(value));
        self
    }};
}

/// `V` of the setter's bound `T: ::std::convert::TryInto<::std::option::Option<V>>`.
fn optional_bound(setter: &syn::ImplItemFn) -> Option<syn::Type> {
    let clause = setter.sig.generics.where_clause.as_ref()?;
    clause.predicates.iter().find_map(|predicate| {
        let syn::WherePredicate::Type(p) = predicate else {
            return None;
        };
        if !matches!(&p.bounded_ty, syn::Type::Path(t) if t.path.is_ident("T")) {
            return None;
        }
        p.bounds.iter().find_map(|bound| {
            let syn::TypeParamBound::Trait(t) = bound else {
                return None;
            };
            let last = t.path.segments.last()?;
            if last.ident != "TryInto" {
                return None;
            }
            let target = first_argument(&last.arguments)?;
            let syn::Type::Path(option) = target else {
                return None;
            };
            let last = option.path.segments.last()?;
            (last.ident == "Option")
                .then(|| first_argument(&last.arguments).cloned())
                .flatten()
        })
    })
}

fn first_argument(arguments: &syn::PathArguments) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(a) = arguments else {
        return None;
    };
    a.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setter(tokens: syn::ImplItemFn) -> String {
        let mut f = tokens;
        rewrite_setter(&mut f);
        quote::quote!(#f).to_string()
    }

    #[test]
    fn an_optional_fields_setter_takes_into_option_and_a_required_ones_is_left() {
        let optional = setter(parse_quote! {
            pub fn preset<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.preset = value.try_into().map_err(|e| format!("{e}"));
                self
            }
        });
        assert!(
            optional.contains(
                "where T : :: openapi_client_runtime :: IntoOption < :: std :: string :: String >"
            ),
            "{optional}"
        );
        assert!(!optional.contains("Display"), "{optional}");
        assert!(optional.contains("self . preset = Ok"), "{optional}");

        let required: syn::ImplItemFn = parse_quote! {
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value.try_into().map_err(|e| format!("{e}"));
                self
            }
        };
        let before = quote::quote!(#required).to_string();
        assert_eq!(setter(required), before);
    }
}
