//! progenitor's `ClientHooks` for the generated `Client`, and the route
//! table it reads: what the runtime needs from the generated code, written
//! here so that the runtime never names it.
//!
//! progenitor calls `ClientHooks::exec` for every request (`HooksMode::
//! Expected` makes a missing impl a compile error), as it does for the
//! impls it generates itself. The impl added here makes the call's span
//! (the runtime's `call_span!`) and hands the request to the runtime's
//! `exec`, which retries what is safe and attaches how the answer is read.
//!
//! The span names the route template
//! (`/api/v2/organizations/{organization}/tokens`), not the URL: a URL
//! holds values (organization names, token ids), and a route keeps the
//! number of distinct span names small. progenitor's hooks learn which
//! operation they run from `OperationInfo`, which holds the operation id
//! alone, and the request they get has its path parameters filled in; so
//! this pass also adds `route_template(operation_id)`, read from the
//! generated methods (`syntax::client::routes`), so it cannot
//! disagree with what they send.

use crate::runtime_contract::{self, CALL_POLICY, CALL_SPAN, EXEC};

pub(super) fn add(
    file: &mut syn::File,
    _: &mut super::Facts<'_>,
) -> Result<(), crate::CodegenError> {
    let routes = crate::syntax::client::routes(file);
    let arms = routes.iter().map(|(id, path)| {
        quote::quote! { #id => ::std::option::Option::Some(#path), }
    });
    file.items.push(syn::parse_quote! {
        /// The route template of an operation, by the `operation_id` of
        /// its `OperationInfo`: what traces name instead of the URL. Added
        /// by this workspace's codegen.
        pub(crate) fn route_template(operation_id: &str) -> ::std::option::Option<&'static str> {
            match operation_id {
                #(#arms)*
                _ => ::std::option::Option::None,
            }
        }
    });
    let policy = runtime_contract::path(CALL_POLICY);
    let exec = runtime_contract::path(EXEC);
    let span = runtime_contract::path(CALL_SPAN);
    file.items.push(syn::parse_quote! {
        /// Every request goes through the runtime: retried when that is
        /// safe, inside one span per call, read within the client's limit.
        /// Added by this workspace's codegen.
        impl ClientHooks<#policy> for Client {
            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                let route = route_template(info.operation_id).unwrap_or("unknown");
                let span = #span!(info.operation_id, request.method(), route);
                #exec(self.client(), request, self.inner(), span).await
            }
        }
    });
    Ok(())
}
