//! Mock query values written as the client writes them.
//!
//! progenitor's mock helpers match a query parameter on
//! `value.to_string()`. That does not compile for an array parameter (a
//! `Vec` has no `Display`: QuantCDN's `metrics`, GitHub's `exclude`) or an
//! untagged enum (`oneOf` of a string and an array: buildomat's `id`,
//! GitHub's `tool_guid`). Where it compiles it can still miss: `Display`
//! of a date-time is not the RFC 3339 text the client sends. The client
//! serialises query values with serde, one `name=value` pair per element of
//! a sequence. So the mocks do the same: `query_texts(&value)` (added to
//! `mod operations`) gives serde's text of each value, and the helper
//! matches each pair.

use syn::visit_mut::{self, VisitMut};

use crate::CodegenError;

/// The helper this pass adds beside the mocks.
const HELPER: &str = "query_texts";

pub(super) fn rewrite(file: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let Some((_, items)) = &mut module.content else {
            continue;
        };
        let mut rewriter = Rewriter { rewritten: false };
        for item in items.iter_mut() {
            rewriter.visit_item_mut(item);
        }
        if rewriter.rewritten {
            items.push(helper());
        }
    }
    Ok(())
}

struct Rewriter {
    rewritten: bool,
}

impl VisitMut for Rewriter {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        if call.method != "query_param"
            || call.args.len() != 2
            || !is_value_to_string(&call.args[1])
        {
            return;
        }
        let (receiver, name) = (&call.receiver, &call.args[0]);
        let helper = syn::Ident::new(HELPER, proc_macro2::Span::call_site());
        *expr = syn::parse_quote! {
            #helper(&value)
                .into_iter()
                .fold(#receiver, |when, text| when.query_param(#name, text))
        };
        self.rewritten = true;
    }
}

/// `value.to_string()`
fn is_value_to_string(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::MethodCall(call)
        if call.method == "to_string"
            && call.args.is_empty()
            && matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident("value")))
}

fn helper() -> syn::Item {
    let name = syn::Ident::new(HELPER, proc_macro2::Span::call_site());
    syn::parse_quote! {
        /// The query texts the client sends for `value`: serde's, one per
        /// element of a sequence, none for `null`.
        fn #name<T: ::serde::Serialize + ?Sized>(
            value: &T,
        ) -> ::std::vec::Vec<::std::string::String> {
            fn text(value: ::serde_json::Value) -> ::std::option::Option<::std::string::String> {
                match value {
                    ::serde_json::Value::Null => None,
                    ::serde_json::Value::String(text) => Some(text),
                    other => Some(other.to_string()),
                }
            }
            match ::serde_json::to_value(value).expect("a query value serializes to JSON") {
                ::serde_json::Value::Array(items) => items.into_iter().filter_map(text).collect(),
                other => text(other).into_iter().collect(),
            }
        }
    }
}
