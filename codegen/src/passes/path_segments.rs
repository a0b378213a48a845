//! Path parameters that would move the request to another path.
//!
//! progenitor puts each path parameter through `encode_path`, which
//! percent-encodes `/`, `?`, `#` and the like but leaves `.` and `..` as they
//! are; the URL parser then resolves them, so `organization("..")` turns
//! `/api/v2/organizations/../tokens` into `/api/v2/tokens`. Encoding the dots
//! does not help (`%2e%2e` is a dot segment too, by the URL standard), and an
//! empty value makes `//`. This pass makes every generated call of
//! `encode_path(..)` a call of `encode_path_segment(..)?`, which refuses those
//! three values with `Error::InvalidRequest` before anything is sent.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;

use super::shared_walk::{NodePass, Reach, Within};

pub(super) fn rewrite(_: &super::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(Rewriter { rewritten: 0 })
}

struct Rewriter {
    rewritten: usize,
}

impl NodePass for Rewriter {
    /// URLs are built where requests are made.
    fn reach(&self) -> Reach {
        Reach::REQUEST_CODE
    }

    /// The calls sit inside `format!(..)`, whose arguments syn keeps as
    /// tokens.
    fn macro_call(&mut self, mac: &mut syn::Macro, within: &Within) {
        if mac.path.is_ident("format") {
            let supers = (0..within.mod_depth).map(|_| quote!(super::));
            let helper = quote!(#(#supers)* encode_path_segment);
            mac.tokens = rewrite_calls(
                std::mem::take(&mut mac.tokens),
                &helper,
                &mut self.rewritten,
            );
        }
    }

    fn finish(
        self: Box<Self>,
        file: &mut syn::File,
        _: &mut super::Facts<'_>,
    ) -> Result<(), crate::CodegenError> {
        if self.rewritten > 0 {
            file.items.push(syn::parse_quote! {
                /// Percent-encodes one path segment, refusing the values that URL
                /// normalisation would turn into another path (`.`, `..`, empty).
                /// Added by this workspace's codegen on top of progenitor's
                /// `encode_path`.
                fn encode_path_segment<E>(value: &str) -> Result<String, Error<E>> {
                    match value {
                        "" | "." | ".." => Err(Error::InvalidRequest(format!(
                            "the path parameter {value:?} would change the request's path"
                        ))),
                        segment => Ok(encode_path(segment)),
                    }
                }
            });
        }
        Ok(())
    }
}

fn rewrite_calls(tokens: TokenStream, helper: &TokenStream, count: &mut usize) -> TokenStream {
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tree) = iter.next() {
        match tree {
            TokenTree::Ident(ident) if ident == "encode_path" => match iter.peek() {
                Some(TokenTree::Group(args)) if args.delimiter() == Delimiter::Parenthesis => {
                    out.extend(helper.clone());
                    out.push(iter.next().expect("peeked"));
                    out.push(TokenTree::Punct(Punct::new('?', Spacing::Alone)));
                    *count += 1;
                }
                _ => out.push(TokenTree::Ident(Ident::new("encode_path", ident.span()))),
            },
            TokenTree::Group(group) => {
                let mut inner = Group::new(
                    group.delimiter(),
                    rewrite_calls(group.stream(), helper, count),
                );
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}
