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
use syn::visit_mut::{self, VisitMut};

pub(super) fn rewrite(
    file: &mut syn::File,
    _: &mut super::Facts<'_>,
) -> Result<(), crate::CodegenError> {
    let mut rewriter = Rewriter {
        depth: 0,
        rewritten: 0,
    };
    // URLs are built where requests are made: outside `mod types`.
    for item in super::requests_mut(file) {
        rewriter.visit_item_mut(item);
    }
    if rewriter.rewritten > 0 {
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

struct Rewriter {
    /// How many `mod` levels below the file's root we are.
    depth: usize,
    rewritten: usize,
}

impl VisitMut for Rewriter {
    // Nothing to rewrite in types or attributes: not walked.
    fn visit_type_mut(&mut self, _: &mut syn::Type) {}
    fn visit_attribute_mut(&mut self, _: &mut syn::Attribute) {}

    fn visit_item_mod_mut(&mut self, item: &mut syn::ItemMod) {
        self.depth += 1;
        visit_mut::visit_item_mod_mut(self, item);
        self.depth -= 1;
    }

    /// The calls sit inside `format!(..)`, whose arguments syn keeps as
    /// tokens.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if mac.path.is_ident("format") {
            let helper = self.helper_path();
            mac.tokens = rewrite_calls(
                std::mem::take(&mut mac.tokens),
                &helper,
                &mut self.rewritten,
            );
        }
        visit_mut::visit_macro_mut(self, mac);
    }
}

impl Rewriter {
    fn helper_path(&self) -> TokenStream {
        let supers = (0..self.depth).map(|_| quote!(super::));
        quote!(#(#supers)* encode_path_segment)
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
