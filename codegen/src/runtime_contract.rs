//! Where the generated code finds its runtime: the crate
//! `openapi-client-runtime` (`codegen/openapi-client-runtime/`), named by its
//! path (`::openapi_client_runtime::Error`, ...). The compiler holds the
//! two together: a generated client names only what the runtime exports,
//! or it does not build. What each item does is written once, in that
//! crate's documentation.
//!
//! The runtime never names the generated code: what it needs from it (the
//! `ClientHooks` impl, each operation's route) is generated beside the
//! client (`passes::client_hooks`).

/// The runtime's crate, as the generated code names it.
pub const RUNTIME_CRATE: &str = "openapi_client_runtime";
/// The runtime's package, as a manifest names it.
pub const RUNTIME_PACKAGE: &str = "openapi-client-runtime";
/// The runtime's version the generated code is written against: a crate
/// made from this generator depends on exactly this one (`=`), as the
/// generated code names its items. A test holds it to the runtime's
/// manifest.
pub const RUNTIME_VERSION: &str = "0.1.0";

/// `::openapi_client_runtime::{item}`: an item of the runtime.
pub(crate) fn path(item: &str) -> syn::Path {
    let krate = syn::Ident::new(RUNTIME_CRATE, proc_macro2::Span::call_site());
    let item = syn::Ident::new(item, proc_macro2::Span::call_site());
    syn::parse_quote!(::#krate::#item)
}

// The runtime's items the passes write, by name (the compiler checks each
// where the generated code names it).

/// progenitor's `Error` with texts that never print a response body (see
/// `passes::runtime_error`).
pub(crate) const ERROR: &str = "Error";
/// `read_response(response, &[secret keys])`: reads a success body.
pub(crate) const READ_RESPONSE: &str = "read_response";
/// `read_error(response, &[secret keys])`: reads a documented error body.
pub(crate) const READ_ERROR: &str = "read_error";
/// `read_error_as(response, &[secret keys], variant)`: one of several
/// error answers, into its variant of the operation's error enum.
pub(crate) const READ_ERROR_AS: &str = "read_error_as";
/// `read_unexpected_as(response, &[secret keys], variant)`: an answer of a
/// status the spec does not document, read as the operation's error object
/// when its body is one.
pub(crate) const READ_UNEXPECTED_AS: &str = "read_unexpected_as";
/// `read_unexpected(response)`: the same, for an operation whose error
/// answers have no one type.
pub(crate) const READ_UNEXPECTED: &str = "read_unexpected";
/// The documented error answer (`map` for a bodiless or streamed one).
pub(crate) const DOCUMENTED_ERROR: &str = "DocumentedError";
/// The type of every field the spec marks secret (`secret_fields`).
pub(crate) const SECRET: &str = "Secret";
/// The client's inner type, for which `passes::client_hooks` implements
/// progenitor's `ClientHooks`.
pub(crate) const CALL_POLICY: &str = "CallPolicy";
/// `exec(http, request, policy, span)`: the hooks' body.
pub(crate) const EXEC: &str = "exec";
/// `call_span!(operation_id, method, route)`: the span of one call.
pub(crate) const CALL_SPAN: &str = "call_span";
