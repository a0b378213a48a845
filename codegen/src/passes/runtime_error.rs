//! The generated client returns the including crate's `Error`, and reads
//! bodies through its `read_response`.
//!
//! progenitor's `Error` prints response bodies: `Display` of a body that
//! does not parse shows its bytes, of a documented error its value; and a
//! body that does not parse loses its status. For an API whose answers hold
//! secrets (a created token, "returned once"), that puts the secret in the
//! logs and tells the program the call failed. This pass makes the client
//! use `::openapi_client_runtime::Error` (same variants; texts that never print a body) and
//! `::openapi_client_runtime::read_response(response, &["token", ..])`, which keeps the status
//! and the raw body of an answer that does not parse and recovers the
//! secret fields of the expected type (its own fields of type `Secret` or
//! `Option<Secret>`, see `secret_fields`; not those of nested types), so a
//! secret the server created reaches the caller even when the rest of the
//! answer is off-spec.
//!
//! A documented error body is read through `::openapi_client_runtime::read_error(response,
//! &[keys])` instead, which also keeps the message the server wrote for
//! people (unless the error type's keys mark it secret), so the error's
//! `Display` can say why; the other error answers progenitor makes (a body
//! it does not read, a byte stream) become `::openapi_client_runtime::Error`'s
//! `DocumentedError` with `.into()`.
//!
//! A status the spec does not document (progenitor's `_ =>
//! Err(Error::UnexpectedResponse(response))`) is read through
//! `::openapi_client_runtime::read_unexpected_as(response, &[keys],
//! identity)`: a 401 or a 429 whose body is the operation's error object
//! is that object, with the server's message, not an opaque response.
//! Where the operation's errors have no one type that reads from JSON (a
//! byte stream, no body, several types: `response_groups`), it is
//! `read_unexpected(response)`, which keeps the body and its message.

use std::collections::BTreeMap;
use std::sync::Arc;

use syn::punctuated::Punctuated;

use super::shared_walk::{Below, NodePass, Reach};
use crate::runtime_contract::{
    self, ERROR, READ_ERROR, READ_RESPONSE, READ_UNEXPECTED, READ_UNEXPECTED_AS, SECRET,
};

/// The JSON keys of each generated struct's secret fields.
pub(crate) type SecretKeys = BTreeMap<String, Vec<String>>;

/// The requests half, with the types half's secret keys.
pub(super) fn rewrite(facts: &super::Facts<'_>) -> Box<dyn NodePass> {
    let error_groups = facts
        .found
        .groups
        .iter()
        .filter(|typed| typed.group.kind == crate::response_groups::split::Kind::Error)
        .map(|typed| typed.group.builder.clone())
        .collect();
    Box::new(ReadResponses {
        secrets: Arc::clone(&facts.found.secrets),
        error_groups,
        impls: Vec::new(),
        ok_type: Vec::new(),
        error_type: Vec::new(),
    })
}

/// The types half: for each generated struct, the JSON keys of its secret
/// fields (of type `Secret` or `Option<Secret>`), for [`rewrite`].
pub(super) fn find_secret_keys(
    types: &mut syn::File,
    facts: &mut super::Facts<'_>,
) -> Result<(), crate::CodegenError> {
    let is_secret = |ty: &str| ty == SECRET || ty == format!("Option<{SECRET}>");
    facts.found.secrets = Arc::new(crate::syntax::wire_names_of_fields(
        types,
        |ty| {
            // The types `is_secret` accepts: `Secret` or `Option<..>`, by
            // the last segment of their path.
            let mut ty = ty;
            while let syn::Type::Paren(inner) = ty {
                ty = &inner.elem;
            }
            matches!(ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == SECRET || s.ident == "Option"))
        },
        is_secret,
    ));
    Ok(())
}

/// `pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};`
/// loses `Error` (or goes, when it imports nothing else), and
/// `use ::openapi_client_runtime::Error;` follows it.
fn import_own_error(file: &mut syn::File) {
    let imports_error = |tree: &syn::UseTree| match tree {
        syn::UseTree::Path(p) if p.ident == "progenitor_client" => match &*p.tree {
            syn::UseTree::Name(n) => n.ident == "Error",
            syn::UseTree::Group(g) => g
                .items
                .iter()
                .any(|t| matches!(t, syn::UseTree::Name(n) if n.ident == "Error")),
            _ => false,
        },
        _ => false,
    };
    let Some(index) = file
        .items
        .iter()
        .position(|item| matches!(item, syn::Item::Use(u) if imports_error(&u.tree)))
    else {
        return;
    };
    let syn::Item::Use(import) = &mut file.items[index] else {
        unreachable!("found above")
    };
    let mut keep = true;
    if let syn::UseTree::Path(path) = &mut import.tree {
        match &mut *path.tree {
            syn::UseTree::Group(group) => {
                group.items = std::mem::take(&mut group.items)
                    .into_iter()
                    .filter(|tree| !matches!(tree, syn::UseTree::Name(n) if n.ident == "Error"))
                    .collect::<Punctuated<_, _>>();
            }
            _ => keep = false,
        }
    }
    let error = runtime_contract::path(ERROR);
    let own: syn::Item = syn::parse_quote! {
        /// The crate's own error type: the same variants as progenitor's,
        /// with texts that never print a response body.
        use #error;
    };
    if keep {
        file.items.insert(index + 1, own);
    } else {
        file.items[index] = own;
    }
}

struct ReadResponses {
    secrets: Arc<SecretKeys>,
    /// The builders whose error answers have several types: `response_groups`
    /// gives them an enum that does not read from JSON.
    error_groups: std::collections::BTreeSet<String>,
    /// The type of each `impl` being walked, innermost last.
    impls: Vec<Option<String>>,
    /// The success type of each `send()` being rewritten, innermost last
    /// (`None` for another function).
    ok_type: Vec<Option<String>>,
    /// Its error type.
    error_type: Vec<Option<String>>,
}

impl ReadResponses {
    fn keys_for(&self, ty: Option<&Option<String>>) -> &[String] {
        ty.and_then(Option::as_deref)
            .and_then(|t| self.secrets.get(t))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether the error type of the `send()` being rewritten reads from
    /// JSON: a named type that is not a byte stream, of a builder whose
    /// error answers are not a group (whose enum does not).
    fn error_object_reads(&self) -> bool {
        let in_group = self
            .impls
            .last()
            .and_then(Option::as_deref)
            .is_some_and(|builder| self.error_groups.contains(builder));
        let named = self
            .error_type
            .last()
            .and_then(Option::as_deref)
            .is_some_and(|ty| ty != "ByteStream");
        named && !in_group
    }
}

impl NodePass for ReadResponses {
    /// Responses are read where requests are made.
    fn reach(&self) -> Reach {
        Reach::REQUEST_CODE
    }

    fn enter_impl(&mut self, imp: &syn::ItemImpl) {
        self.impls.push(crate::syntax::type_ident(&imp.self_ty));
    }

    fn leave_impl(&mut self) {
        self.impls.pop();
    }

    fn enter_fn(&mut self, f: &syn::ImplItemFn) {
        let send = f.sig.ident == "send";
        self.ok_type
            .push(send.then(|| ok_type(&f.sig.output)).flatten());
        self.error_type
            .push(send.then(|| error_type(&f.sig.output)).flatten());
    }

    fn leave_fn(&mut self) {
        self.ok_type.pop();
        self.error_type.pop();
    }

    fn expr(&mut self, expr: &mut syn::Expr) -> Below {
        match expr {
            // `Error::ErrorResponse(ResponseValue::from_response(response).await?)`:
            // an error body, read with the error type's secret keys (it
            // carries no secret of the success type).
            syn::Expr::Call(call) if is_path_ending(&call.func, "ErrorResponse") => {
                let keys = self.keys_for(self.error_type.last());
                for arg in call.args.iter_mut() {
                    rewrite_error_body(arg, keys);
                }
                Below::Skip
            }
            // `Error::UnexpectedResponse(response)`: read as the error
            // object where the operation has one that reads from JSON.
            syn::Expr::Call(call)
                if is_path_ending(&call.func, "UnexpectedResponse") && call.args.len() == 1 =>
            {
                let response = &call.args[0];
                *expr = if self.error_object_reads() {
                    let keys = self.keys_for(self.error_type.last());
                    let read = runtime_contract::path(READ_UNEXPECTED_AS);
                    syn::parse_quote! {
                        #read(#response, &[#(#keys),*], ::std::convert::identity).await
                    }
                } else {
                    let read = runtime_contract::path(READ_UNEXPECTED);
                    syn::parse_quote!(#read(#response).await)
                };
                Below::Skip
            }
            _ => {
                if read_through_runtime(expr, self.keys_for(self.ok_type.last())) {
                    Below::Skip
                } else {
                    Below::Walk
                }
            }
        }
    }

    fn finish(
        self: Box<Self>,
        file: &mut syn::File,
        _: &mut super::Facts<'_>,
    ) -> Result<(), crate::CodegenError> {
        import_own_error(file);
        Ok(())
    }
}

/// The argument of `Error::ErrorResponse(..)`:
/// `ResponseValue::from_response(response).await?` →
/// `::openapi_client_runtime::read_error(response, &[keys]).await?`; anything else
/// (`ResponseValue::empty(response)`, `ResponseValue::stream(response)`)
/// → the same `.into()`.
fn rewrite_error_body(arg: &mut syn::Expr, keys: &[String]) {
    if let syn::Expr::Try(tried) = arg
        && let syn::Expr::Await(awaited) = &*tried.expr
        && let syn::Expr::Call(call) = &*awaited.base
        && is_path(&call.func, &["ResponseValue", "from_response"])
    {
        let args = &call.args;
        let read_error = runtime_contract::path(READ_ERROR);
        *tried.expr = syn::parse_quote!(#read_error(#args, &[#(#keys),*]).await);
        return;
    }
    *arg = syn::parse_quote!(#arg.into());
}

fn is_path(expr: &syn::Expr, names: &[&str]) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.path.segments.len() == names.len()
        && p.path.segments.iter().zip(names).all(|(s, n)| s.ident == n))
}

fn is_path_ending(expr: &syn::Expr, name: &str) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

/// `ResponseValue::from_response(response).await` →
/// `::openapi_client_runtime::read_response(response, &[keys]).await`, and
/// `ResponseValue::upgrade(response).await` (a websocket's 101, which
/// returns progenitor's error) → the same `.map_err(Error::from)`;
/// whether `expr` was one.
fn read_through_runtime(expr: &mut syn::Expr, keys: &[String]) -> bool {
    let syn::Expr::Await(awaited) = expr else {
        return false;
    };
    let syn::Expr::Call(call) = &*awaited.base else {
        return false;
    };
    let syn::Expr::Path(function) = &*call.func else {
        return false;
    };
    if function
        .path
        .segments
        .first()
        .is_none_or(|s| s.ident != "ResponseValue")
    {
        return false;
    }
    let names: Vec<String> = function
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let args = &call.args;
    match names.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["ResponseValue", "from_response"] => {
            let read_response = runtime_contract::path(READ_RESPONSE);
            *expr = syn::parse_quote!(#read_response(#args, &[#(#keys),*]).await);
        }
        ["ResponseValue", "upgrade"] => {
            *expr = syn::parse_quote!(ResponseValue::upgrade(#args).await.map_err(Error::from));
        }
        _ => return false,
    }
    true
}

/// `E` of `Result<ResponseValue<T>, Error<types::E>>`, by its name.
fn error_type(output: &syn::ReturnType) -> Option<String> {
    use crate::syntax::{first_type_argument, type_ident};
    let syn::ReturnType::Type(_, result) = output else {
        return None;
    };
    let syn::Type::Path(path) = &**result else {
        return None;
    };
    let syn::PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
        return None;
    };
    let error = args.args.iter().nth(1).and_then(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })?;
    type_ident(first_type_argument(error)?)
}

/// `T` of `Result<ResponseValue<types::T>, Error<E>>`, by its name (`Vec<T>`
/// is not a struct, and names none).
fn ok_type(output: &syn::ReturnType) -> Option<String> {
    use crate::syntax::{first_type_argument, type_ident};
    let syn::ReturnType::Type(_, result) = output else {
        return None;
    };
    let response_value = first_type_argument(result)?;
    type_ident(first_type_argument(response_value)?)
}
