//! Mock bodies lent to httpmock, as it expects them.
//!
//! progenitor's mock helpers hand their `value` parameter straight to
//! httpmock's `json_body_obj(&T)`. The parameter is a reference for most
//! types, but not for three shapes real specs have: an enum typify makes
//! `Copy` (taken by value), `()` (a response whose schema is
//! `enum: [null]`) and an optional request body (`Option<&T>`). Those mocks
//! do not compile (propolis-server's, buildomat's and GitHub's). This pass
//! lends the value, `json_body_obj(&value)`, wherever the parameter is not
//! a reference: the body is then the value's JSON, `null` for `()` and for
//! an absent optional body, as the server's would be.

use syn::visit_mut::{self, VisitMut};

use crate::CodegenError;

/// The parameter progenitor names the mocked value.
const VALUE: &str = "value";

pub(super) fn lend(file: &mut syn::File, _: &mut super::Facts<'_>) -> Result<(), CodegenError> {
    Helpers.visit_file_mut(file);
    Ok(())
}

/// Finds the helpers that take their value by value.
struct Helpers;

impl VisitMut for Helpers {
    fn visit_impl_item_fn_mut(&mut self, function: &mut syn::ImplItemFn) {
        let by_value = function.sig.inputs.iter().any(|input| {
            matches!(input, syn::FnArg::Typed(arg)
                if matches!(&*arg.pat, syn::Pat::Ident(p) if p.ident == VALUE)
                    && !matches!(&*arg.ty, syn::Type::Reference(_)))
        });
        if by_value {
            Lend.visit_block_mut(&mut function.block);
        }
    }
}

/// `json_body_obj(value)` → `json_body_obj(&value)`.
struct Lend;

impl VisitMut for Lend {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        visit_mut::visit_expr_method_call_mut(self, call);
        if call.method == "json_body_obj"
            && call.args.len() == 1
            && matches!(&call.args[0], syn::Expr::Path(p) if p.path.is_ident(VALUE))
        {
            call.args[0] = syn::parse_quote!(&value);
        }
    }
}
