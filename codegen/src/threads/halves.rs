//! The client in two halves, for two cores.
//!
//! Parsing progenitor's tokens into syn's tree is most of what the client
//! costs (on Oxide's spec, 2.6 MB of tokens: over half of progenitor's own
//! time, parse and format included), and syn's trees cannot cross threads.
//! So the client's tokens are cut in two before they are parsed: `mod
//! types` (typify's types) and the rest (the requests), which keeps a
//! `mod types;` placeholder where the module was and crosses to another
//! thread as text. Each half is parsed, passed over and formatted on its
//! own thread; the passes are split along the same line (`passes::Part`),
//! and what the requests need from the types (variant renames, secret
//! keys) crosses as plain data. prettyplease formats a file's top-level
//! items one by one, so the halves' texts put together at the placeholder
//! are the whole file's text, byte for byte. (When this was written, the
//! three files and the surface of every spec in `../shared/specs` were
//! generated both ways and compared; for our spec, the freshness test
//! compares with files made before the cut existed.)

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::TYPES_MODULE;

/// The client's tokens as `mod types { .. }` with its attributes, and
/// everything else with `mod types;` in its place. Tokens without a types
/// module are all requests.
pub(crate) fn cut(tokens: TokenStream) -> (TokenStream, TokenStream) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let Some((start, end)) = types_module(&trees) else {
        return (TokenStream::new(), trees.into_iter().collect());
    };
    let mut requests: Vec<TokenTree> = Vec::with_capacity(trees.len() - (end - start) + 3);
    let mut trees = trees.into_iter();
    requests.extend(trees.by_ref().take(start));
    let types: TokenStream = trees.by_ref().take(end + 1 - start).collect();
    requests.extend(placeholder());
    requests.extend(trees);
    (types, requests.into_iter().collect())
}

/// `pub mod types;`
fn placeholder() -> TokenStream {
    let name = proc_macro2::Ident::new(TYPES_MODULE, proc_macro2::Span::call_site());
    quote::quote!(pub mod #name;)
}

/// Where the types module's item starts (its first attribute) and ends
/// (its braces), among the file's top-level tokens.
fn types_module(trees: &[TokenTree]) -> Option<(usize, usize)> {
    let is_ident = |tree: &TokenTree, name: &str| matches!(tree, TokenTree::Ident(i) if i == name);
    let at = trees.windows(3).position(|w| {
        is_ident(&w[0], "mod")
            && is_ident(&w[1], TYPES_MODULE)
            && matches!(&w[2], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
    })?;
    let mut start = at;
    if start > 0 && is_ident(&trees[start - 1], "pub") {
        start -= 1;
    }
    // `#[..]` attributes, outer ones only at the top level.
    while start >= 2
        && matches!(&trees[start - 2], TokenTree::Punct(p) if p.as_char() == '#')
        && matches!(&trees[start - 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket)
    {
        start -= 2;
    }
    Some((start, at + 2))
}

/// The requests half's items before and after the placeholder (all of them
/// before, when there is none).
pub(crate) fn around_placeholder(requests: syn::File) -> (syn::File, syn::File) {
    let mut before = requests;
    let at = before.items.iter().position(is_placeholder);
    let after = match at {
        Some(at) => {
            let mut rest = before.items.split_off(at);
            rest.remove(0);
            rest
        }
        None => Vec::new(),
    };
    let after = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: after,
    };
    (before, after)
}

/// The whole client: the types half's items where the placeholder is.
pub(crate) fn join(types: syn::File, requests: syn::File) -> syn::File {
    let (mut file, after) = around_placeholder(requests);
    file.items.extend(types.items);
    file.items.extend(after.items);
    file
}

fn is_placeholder(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Mod(m) if m.ident == TYPES_MODULE && m.content.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: &TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens.clone()).unwrap())
    }

    #[test]
    fn the_types_module_with_its_attributes_is_cut_out() {
        let tokens = quote::quote! {
            pub use a::b;
            /// Types.
            #[allow(clippy::all)]
            pub mod types {
                pub struct Thing;
            }
            pub struct Client;
            pub mod builder {}
        };
        let (types, requests) = cut(tokens);
        assert_eq!(
            text(&types),
            "/// Types.\n#[allow(clippy::all)]\npub mod types {\n    pub struct Thing;\n}\n"
        );
        assert_eq!(
            text(&requests),
            "pub use a::b;\npub mod types;\npub struct Client;\npub mod builder {}\n"
        );
    }

    #[test]
    fn joined_halves_are_the_whole_file() {
        let whole = quote::quote! {
            use x::y;
            #[doc = "Types."]
            pub mod types { pub enum E { A } }
            pub struct Client;
        };
        let (types, requests) = cut(whole.clone());
        let joined = join(syn::parse2(types).unwrap(), syn::parse2(requests).unwrap());
        assert_eq!(
            prettyplease::unparse(&joined),
            prettyplease::unparse(&syn::parse2(whole).unwrap())
        );
    }

    #[test]
    fn without_a_types_module_everything_is_requests() {
        let (types, requests) = cut(quote::quote!(
            pub struct Client;
        ));
        assert!(types.is_empty());
        assert_eq!(text(&requests), "pub struct Client;\n");
        let (before, after) = around_placeholder(syn::parse2(requests).unwrap());
        assert_eq!(before.items.len(), 1);
        assert!(after.items.is_empty());
    }
}
