//! Doc comments on the httpmock helpers, so a consumer learns from the
//! rustdoc what `when.organization(..)`, `then.created(..)` or
//! `server.tokens_create(..)` do without reading the generated file.
//!
//! progenitor's httpmock generator writes them without documentation. Each
//! one's job is in its code, and the text says what the code does: a `When`
//! method matches a path parameter (`path_matches`), a query parameter
//! (`query_param`), a header or the JSON body; a `Then` method answers a
//! status (`.status(201u16)`) with its value as the JSON body, or none;
//! `new` and `into_inner` wrap httpmock's own. A helper that already has
//! documentation, or whose code says none of these, is left as it is.

use quote::ToTokens;
use syn::parse_quote;

use crate::CodegenError;

pub(super) fn add(file: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    for item in &mut file.items {
        match item {
            syn::Item::Mod(m) => {
                for inner in m.content.iter_mut().flat_map(|(_, items)| items) {
                    match inner {
                        syn::Item::Struct(s) => document_struct(s),
                        syn::Item::Impl(imp) if imp.trait_.is_none() => document_impl(imp),
                        _ => {}
                    }
                }
            }
            syn::Item::Trait(t) => document_trait(t),
            _ => {}
        }
    }
    Ok(())
}

fn has_doc(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

fn push_doc(attrs: &mut Vec<syn::Attribute>, text: &str) {
    if !has_doc(attrs) {
        attrs.push(parse_quote!(#[doc = #text]));
    }
}

/// `TokensCreateWhen` → (`tokens_create`, `When`).
fn operation_of(name: &str) -> Option<(String, &'static str)> {
    let (stem, half) = if let Some(stem) = name.strip_suffix("When") {
        (stem, "When")
    } else {
        (name.strip_suffix("Then")?, "Then")
    };
    let mut snake = String::new();
    for (i, c) in stem.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.extend(c.to_lowercase());
    }
    Some((snake, half))
}

fn document_struct(s: &mut syn::ItemStruct) {
    let Some((operation, half)) = operation_of(&s.ident.to_string()) else {
        return;
    };
    let text = match half {
        "When" => format!(
            " The requests a mock of `{operation}` matches: every request of its method and \
             path; each method narrows them."
        ),
        _ => format!(" The answer a mock of `{operation}` gives: one of its methods sets it."),
    };
    push_doc(&mut s.attrs, &text);
}

fn document_impl(imp: &mut syn::ItemImpl) {
    let Some(name) = crate::syntax::type_ident(&imp.self_ty) else {
        return;
    };
    let Some((operation, half)) = operation_of(&name) else {
        return;
    };
    for member in &mut imp.items {
        let syn::ImplItem::Fn(f) = member else {
            continue;
        };
        let text = describe(f, &operation, half);
        if let Some(text) = text {
            push_doc(&mut f.attrs, &text);
        }
    }
}

/// What one helper does, read from its code.
fn describe(f: &syn::ImplItemFn, operation: &str, half: &str) -> Option<String> {
    let name = f.sig.ident.to_string();
    let body = f.block.to_token_stream().to_string();
    let inner = format!("`{half}`");
    match (name.as_str(), half) {
        ("new", "When") => {
            return Some(format!(
                " Wraps httpmock's {inner}, matching every request of `{operation}`'s method and path."
            ));
        }
        ("new", _) => return Some(format!(" Wraps httpmock's {inner}.")),
        ("into_inner", _) => {
            return Some(format!(
                " httpmock's {inner} inside, to do what these methods do not offer."
            ));
        }
        _ => {}
    }
    if half == "When" {
        let place = if body.contains("path_matches") {
            format!("whose path parameter `{name}` is `value`")
        } else if body.contains("query_param") {
            format!("whose query parameter `{name}` is `value`")
        } else if body.contains("header") {
            format!("whose header `{name}` is `value`")
        } else if body.contains("json_body") {
            "whose JSON body is `value`".to_owned()
        } else {
            return None;
        };
        return Some(format!(" Matches only the requests {place}."));
    }
    let status = status_of(&f.block)?;
    let body_text = if body.contains("json_body") {
        "with `value` as its JSON body"
    } else {
        "with no body"
    };
    Some(format!(" Answers status {status}, {body_text}."))
}

/// The status of `.status(201u16)` (or `.status(status)`: the parameter).
fn status_of(block: &syn::Block) -> Option<String> {
    use syn::visit::Visit;
    struct Find(Option<String>);
    impl Visit<'_> for Find {
        fn visit_expr_method_call(&mut self, call: &syn::ExprMethodCall) {
            if call.method == "status"
                && let Some(arg) = call.args.first()
            {
                self.0 = Some(match arg {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(i),
                        ..
                    }) => i.base10_digits().to_owned(),
                    other => format!("`{}`", other.to_token_stream()),
                });
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut find = Find(None);
    find.visit_block(block);
    find.0
}

fn document_trait(t: &mut syn::ItemTrait) {
    for member in &mut t.items {
        let syn::TraitItem::Fn(f) = member else {
            continue;
        };
        let operation = f.sig.ident.to_string();
        let types = operation
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|first| first.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<String>();
        let text = format!(
            " A mock of `{operation}`: `config_fn` narrows the requests it matches \
             (`operations::{types}When`) and sets its answer (`operations::{types}Then`)."
        );
        push_doc(&mut f.attrs, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_read_from_the_wrappers() {
        assert_eq!(
            operation_of("TokensCreateWhen"),
            Some(("tokens_create".to_owned(), "When"))
        );
        assert_eq!(
            operation_of("TokensListThen"),
            Some(("tokens_list".to_owned(), "Then"))
        );
        assert_eq!(operation_of("Other"), None);
    }

    #[test]
    fn each_helper_is_described_by_its_code() {
        let then: syn::ImplItemFn = parse_quote! {
            pub fn created(self, value: &types::CreatedToken) -> Self {
                Self(self.0.status(201u16).header("content-type", "application/json").json_body_obj(value))
            }
        };
        assert_eq!(
            describe(&then, "tokens_create", "Then").as_deref(),
            Some(" Answers status 201, with `value` as its JSON body.")
        );
        let when: syn::ImplItemFn = parse_quote! {
            pub fn organization(self, value: &str) -> Self {
                let re = regex::Regex::new(&format!("^/a/{}/b$", value)).unwrap();
                Self(self.0.path_matches(re))
            }
        };
        assert_eq!(
            describe(&when, "tokens_create", "When").as_deref(),
            Some(" Matches only the requests whose path parameter `organization` is `value`.")
        );
        let other: syn::ImplItemFn = parse_quote! { pub fn odd(self) -> Self { self } };
        assert_eq!(describe(&other, "x", "When"), None);
    }
}
