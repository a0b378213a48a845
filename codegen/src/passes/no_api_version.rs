//! No `api-version` header on the wire.
//!
//! progenitor sends `api-version: <info.version>` with every request, a
//! convention of Oxide's servers (dropshot). QuantCDN documents no such
//! header, and `info.version` is the version of our hand-written document,
//! not of QuantCDN's API: sending it tells the server something untrue and
//! puts an undocumented header on the wire. This pass removes the
//! `header_map.append(..)` progenitor writes for it; the header parameters
//! the spec documents are appended to the same map and stay. The map's
//! `let mut` is then unused for operations without header parameters, hence
//! the `#[allow(unused_mut)]`.

use quote::ToTokens;

use super::shared_walk::{NodePass, Reach};
use crate::syntax::string_literals;

/// The header progenitor adds on its own.
const HEADER: &str = "api-version";

pub(super) fn rewrite(_: &super::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(Remover)
}

struct Remover;

impl NodePass for Remover {
    /// Headers are appended where requests are made.
    fn reach(&self) -> Reach {
        Reach::REQUEST_CODE
    }

    fn block(&mut self, block: &mut syn::Block) {
        let before = block.stmts.len();
        block.stmts.retain(|stmt| !appends_the_header(stmt));
        if block.stmts.len() < before {
            for stmt in &mut block.stmts {
                if let syn::Stmt::Local(local) = stmt
                    && declares_header_map(local)
                {
                    local.attrs.push(syn::parse_quote!(#[allow(unused_mut)]));
                }
            }
        }
    }
}

/// `header_map.append(HeaderName::from_static("api-version"), ..);`
fn appends_the_header(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Expr(syn::Expr::MethodCall(call), _) = stmt else {
        return false;
    };
    call.method == "append"
        && matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident("header_map"))
        && call.args.first().is_some_and(|name| {
            string_literals(name.to_token_stream())
                .iter()
                .any(|s| s == HEADER)
        })
}

/// `let mut header_map = ..;`
fn declares_header_map(local: &syn::Local) -> bool {
    matches!(&local.pat, syn::Pat::Ident(p) if p.ident == "header_map" && p.mutability.is_some())
}
