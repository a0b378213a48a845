//! The route template of each operation, for the hand-written hooks.
//!
//! progenitor's hooks (`ClientHooks::exec`) learn which operation they run
//! from `OperationInfo`, which holds the operation id alone, and the
//! request they get has its path parameters filled in. Traces should name
//! the route (`/api/v2/organizations/{organization}/tokens`), not the URL:
//! a URL holds values (organization names, token ids), and a route keeps the
//! number of distinct span names small. This pass adds
//! `route_template(operation_id)`, read from the generated methods (the
//! surface model's `methods::routes`), so it cannot disagree with what they send.

use crate::runtime_contract::{self, ROUTE_TEMPLATE};

pub(super) fn add(
    file: &mut syn::File,
    _: &mut super::Facts<'_>,
) -> Result<(), crate::CodegenError> {
    let routes = crate::surface::methods::routes(file);
    let arms = routes.iter().map(|(id, path)| {
        quote::quote! { #id => ::std::option::Option::Some(#path), }
    });
    let name = runtime_contract::ident(ROUTE_TEMPLATE);
    file.items.push(syn::parse_quote! {
        /// The route template of an operation, by the `operation_id` of
        /// its `OperationInfo`: what traces name instead of the URL. Added
        /// by this workspace's codegen.
        pub(crate) fn #name(operation_id: &str) -> ::std::option::Option<&'static str> {
            match operation_id {
                #(#arms)*
                _ => ::std::option::Option::None,
            }
        }
    });
    Ok(())
}
