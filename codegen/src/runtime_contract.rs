//! The runtime contract: the hand-written items the generated code names,
//! and the one item it gives back. Named here and nowhere else in codegen.
//!
//! The generated client (and the CLI, which names `Error`) is included in a
//! crate whose root provides each item of [`NAMED`] (as `crate::Error`,
//! ...): in this workspace, `generated-client/src/runtime/`, included as
//! one module and re-exported at the crate root. Beside the client the generated code
//! defines [`ROUTE_TEMPLATE`], which that module's hooks read. What each
//! item must do is written once, in that module's documentation.

/// progenitor's `Error` with texts that never print a response body (see
/// `passes::runtime_error`).
pub(crate) const ERROR: &str = "Error";
/// `read_response(response, &[secret keys])`: reads a success body, keeping
/// the status, the raw body and the secrets of an answer that does not
/// parse.
pub(crate) const READ_RESPONSE: &str = "read_response";
/// `read_error(response, &[secret keys])`: reads a documented error body.
pub(crate) const READ_ERROR: &str = "read_error";
/// `read_error_as(response, &[secret keys], variant)`: reads one of several
/// error answers into its variant of the operation's error enum.
pub(crate) const READ_ERROR_AS: &str = "read_error_as";
/// The documented error answer; its `map` puts a bodiless or streamed
/// one of several error answers into its variant.
pub(crate) const DOCUMENTED_ERROR: &str = "DocumentedError";
/// The type of every field the spec marks secret (see
/// `passes::secret_fields`).
pub(crate) const SECRET: &str = "Secret";
/// The client's inner type (retries, the largest answer read, the secret
/// redacted), for which the crate implements progenitor's `ClientHooks`
/// (see `progenitor::settings`).
pub(crate) const CALL_POLICY: &str = "CallPolicy";

/// What the generated code names at the including crate's root.
pub const NAMED: [&str; 7] = [
    ERROR,
    READ_RESPONSE,
    READ_ERROR,
    READ_ERROR_AS,
    DOCUMENTED_ERROR,
    SECRET,
    CALL_POLICY,
];

/// `route_template(operation_id)`: generated beside the client (see
/// `passes::route_templates`), read by the runtime's hooks.
pub const ROUTE_TEMPLATE: &str = "route_template";

/// `crate::{name}`.
pub(crate) fn path(name: &str) -> syn::Path {
    let ident = syn::Ident::new(name, proc_macro2::Span::call_site());
    syn::parse_quote!(crate::#ident)
}

/// The identifier `name`, for the item the generated code defines.
pub(crate) fn ident(name: &str) -> syn::Ident {
    syn::Ident::new(name, proc_macro2::Span::call_site())
}
