//! Small readings of syn's tree: what the passes read from progenitor's
//! output (string literals, doc comments, serde rules, type names; the
//! client's methods and routes in [`client`]).
//!
//! The generator's own: the passes import nothing from the review
//! (`api-review`), which reads the same output through these helpers.

pub mod client;

use std::collections::BTreeMap;

use quote::ToTokens;

/// A type with each path shortened to its last segment:
/// `Option<Vec<String>>`, not
/// `::std::option::Option<::std::vec::Vec<::std::string::String>>`.
pub fn short_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => short_path(&p.path),
        syn::Type::Reference(r) => {
            let mutability = if r.mutability.is_some() { "mut " } else { "" };
            format!("&{mutability}{}", short_type(&r.elem))
        }
        syn::Type::Tuple(t) => format!(
            "({})",
            t.elems
                .iter()
                .map(short_type)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        syn::Type::Slice(s) => format!("[{}]", short_type(&s.elem)),
        syn::Type::Array(a) => format!("[{}; {}]", short_type(&a.elem), a.len.to_token_stream()),
        syn::Type::Paren(p) => short_type(&p.elem),
        other => compact(other.to_token_stream()),
    }
}

/// A path by its last segment, with its generic arguments shortened
/// (lifetimes dropped).
pub fn short_path(path: &syn::Path) -> String {
    let last = path.segments.last().expect("a path has a segment");
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => {
            let args: Vec<String> = args
                .args
                .iter()
                .filter_map(|arg| match arg {
                    syn::GenericArgument::Type(t) => Some(short_type(t)),
                    syn::GenericArgument::Lifetime(_) => None,
                    syn::GenericArgument::AssocType(a) => {
                        Some(format!("{} = {}", a.ident, short_type(&a.ty)))
                    }
                    other => Some(compact(other.to_token_stream())),
                })
                .collect();
            if args.is_empty() {
                last.ident.to_string()
            } else {
                format!("{}<{}>", last.ident, args.join(", "))
            }
        }
        _ => last.ident.to_string(),
    }
}

/// Tokens as text without the spaces `to_string` puts between them.
pub fn compact(tokens: proc_macro2::TokenStream) -> String {
    let text = tokens.to_string();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied();
            let word =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"');
            if word(prev) && word(next) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The strings of the `#[name = ".."]` attributes (`doc`, `path`).
pub fn string_attrs<'a>(
    attrs: &'a [syn::Attribute],
    name: &'a str,
) -> impl Iterator<Item = String> + 'a {
    attrs.iter().filter_map(move |a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident(name) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// The text of `#[doc = ".."]` attributes, line by line, trimmed.
pub fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    string_attrs(attrs, "doc")
        .flat_map(|s| s.lines().map(|l| l.trim().to_owned()).collect::<Vec<_>>())
        .collect()
}

/// Every `#[serde(..)]` key of the attributes, with its value (a string
/// literal's content, or the tokens), `""` for a bare key.
pub fn serde_rules(attrs: &[syn::Attribute]) -> BTreeMap<String, String> {
    let mut rules = BTreeMap::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            let key = compact(meta.path.to_token_stream());
            let value = match meta.value() {
                Ok(v) => {
                    let expr: syn::Expr = v.parse()?;
                    match expr {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => s.value(),
                        other => compact(other.to_token_stream()),
                    }
                }
                // `key(..)`: keep what the parentheses hold.
                Err(_) if meta.input.peek(syn::token::Paren) => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    compact(content.parse::<proc_macro2::TokenStream>()?)
                }
                // A bare key (`default`, `flatten`).
                Err(_) => String::new(),
            };
            rules.insert(key, value);
            Ok(())
        });
    }
    rules
}

/// Whether the attributes hold `#[name]` (`#[non_exhaustive]`).
pub fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// `Some("cli")` for `#[cfg(feature = "cli")]`.
pub fn cfg_feature(attrs: &[syn::Attribute]) -> Option<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .find_map(|a| feature_of(&a.meta))
}

fn feature_of(meta: &syn::Meta) -> Option<String> {
    let syn::Meta::List(list) = meta else {
        return None;
    };
    let nv: syn::MetaNameValue = list.parse_args().ok()?;
    match (&nv.path, &nv.value) {
        (
            path,
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }),
        ) if path.is_ident("feature") => Some(s.value()),
        _ => None,
    }
}

/// The traits of `#[derive(..)]`, and of
/// `#[cfg_attr(feature = "x", derive(..))]` as `Trait (feature x)`.
pub fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    use syn::punctuated::Punctuated;
    let paths = |tokens: proc_macro2::TokenStream| -> Vec<String> {
        syn::parse::Parser::parse2(
            Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            tokens,
        )
        .map(|p| p.iter().map(short_path).collect())
        .unwrap_or_default()
    };
    let mut out = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("derive") {
            if let syn::Meta::List(list) = &attr.meta {
                out.extend(paths(list.tokens.clone()));
            }
        } else if attr.path().is_ident("cfg_attr")
            && let syn::Meta::List(list) = &attr.meta
        {
            // `feature = "cli", derive(A, B)`
            let Ok(parts) =
                list.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            else {
                continue;
            };
            let mut parts = parts.into_iter();
            let Some(syn::Meta::NameValue(condition)) = parts.next() else {
                continue;
            };
            let feature = match &condition.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) if condition.path.is_ident("feature") => s.value(),
                _ => continue,
            };
            for part in parts {
                if let syn::Meta::List(inner) = part
                    && inner.path.is_ident("derive")
                {
                    out.extend(
                        paths(inner.tokens)
                            .into_iter()
                            .map(|t| format!("{t} (feature {feature})")),
                    );
                }
            }
        }
    }
    out
}

/// Every string literal inside an expression tree's tokens, in order.
pub fn string_literals(tokens: proc_macro2::TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Literal(lit) => {
                if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&lit.to_string()) {
                    out.push(s.value());
                }
            }
            proc_macro2::TokenTree::Group(group) => out.extend(string_literals(group.stream())),
            _ => {}
        }
    }
    out
}

/// The identifiers in tokens, in order.
pub fn identifiers(tokens: proc_macro2::TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => out.extend(identifiers(g.stream())),
            _ => {}
        }
    }
    out
}

/// Whether the tokens contain this identifier.
pub fn mentions(tokens: proc_macro2::TokenStream, ident: &str) -> bool {
    identifiers(tokens).iter().any(|i| i == ident)
}

/// The words of a type's text that `is_name` accepts: the generated types
/// `Option<Vec<Colour>>` or `String: From<NewThingName>` names.
pub fn names_in(text: &str, is_name: impl Fn(&str) -> bool) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| is_name(word))
        .map(str::to_owned)
        .collect()
}

/// The items of `mod name { .. }` directly in `items`.
pub fn module<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a [syn::Item]> {
    items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, items)| &items[..]),
        _ => None,
    })
}

pub fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The last segment's name of a type path (`Client` of `super::Client<'a>`).
pub fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_ident(&r.elem),
        _ => None,
    }
}

/// `T` of `Wrapper<T>` (the first type argument of the last segment).
pub fn first_type_argument(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// For each public struct of the `types` module, the wire names of its
/// fields whose type (as [`short_type`] writes it) `keep` accepts; structs
/// without such a field are left out. Only the fields `may_keep` lets
/// through have their type written out: writing every field's type is
/// most of the cost of reading a large `types` module.
pub fn wire_names_of_fields(
    file: &syn::File,
    may_keep: impl Fn(&syn::Type) -> bool,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<String, Vec<String>> {
    let Some(items) = module(&file.items, crate::TYPES_MODULE) else {
        return BTreeMap::new();
    };
    let mut found = BTreeMap::new();
    for item in items {
        let (name, wire_names) = match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let newtype = matches!(&s.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1);
                let wire_names: Vec<String> = s
                    .fields
                    .iter()
                    .filter(|f| !newtype && may_keep(&f.ty) && keep(&short_type(&f.ty)))
                    .map(|f| {
                        serde_rules(&f.attrs).remove("rename").unwrap_or_else(|| {
                            f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default()
                        })
                    })
                    .collect();
                (s.ident.to_string(), wire_names)
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => (e.ident.to_string(), Vec::new()),
            syn::Item::Type(t) if is_pub(&t.vis) => (t.ident.to_string(), Vec::new()),
            _ => continue,
        };
        // A later definition of a name replaces an earlier one, as the
        // review's reading of the types does.
        if wire_names.is_empty() {
            found.remove(&name);
        } else {
            found.insert(name, wire_names);
        }
    }
    found
}
