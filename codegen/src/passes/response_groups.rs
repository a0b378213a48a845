//! One type for the answers of an operation that have several types.
//!
//! progenitor gives an operation's success answers one type, and its error
//! answers one; where their bodies differ it cannot generate the operation
//! (progenitor#344, #950), and `--normalize` used to drop all answers but
//! one kind, which then arrived untyped. `progenitor::response_groups`
//! prepares the spec (see there); this pass makes each such group one enum
//! in `types` that says which answer came, a variant per status:
//!
//! ```text
//! pub enum ChatInferenceResponse {
//!     /// `200`: the answer
//!     Ok(ChatInference200Response),
//!     /// `202`: accepted for later
//!     Accepted(ChatInference202Response),
//!     /// `204`: no body
//!     NoContent,
//!     /// `200`: an event stream (`text/event-stream`)
//!     EventStream(ByteStream),
//! }
//! ```
//!
//! - **types**: the enum, named after the operation's builder
//!   (`{Builder}Response`, `{Builder}Error`); each body's type is read from
//!   the marked component's field (then removed), so typify's naming is
//!   not copied. Variants are named after the status's reason phrase
//!   (`http`'s, as progenitor's mocks name their methods). It serialises
//!   untagged (the body) and carries the `JsonSchema` derive, for the CLI;
//!   a byte stream is neither, so an enum with one is not `Clone`, and its
//!   `Debug` shows no bytes. It is `#[non_exhaustive]` like every
//!   generated type (`non_exhaustive`), so an answer added later is
//!   compatible for code that matches with `_`.
//! - **requests**: `send()` returns the enum; each status's arm reads its
//!   body into its variant (`read_response` with the body type's secret
//!   keys, or `read_error_as`, or `DocumentedError::map` for a bodiless or
//!   streamed error).
//! - **mocks**: the `Then` of the operation gets a method for each answer
//!   progenitor did not see (`accepted(&value)`, `not_found()`), named as
//!   progenitor names the others.
//! - **CLI**: the operation prints its answer whichever it is
//!   (`success_item`, `error`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::visit_mut::VisitMut;

use super::Facts;
use crate::progenitor::response_groups::{self, Body, Group, Kind};
use crate::runtime_contract::{self, DOCUMENTED_ERROR, READ_ERROR_AS, READ_RESPONSE};
use crate::syntax::{doc_lines, serde_rules, type_ident};
use crate::{CodegenError, FailedOperation, TYPES_MODULE};

/// A group with its Rust names, found by the types half for the others.
#[derive(Debug, Clone)]
pub(crate) struct TypedGroup {
    pub(crate) group: Group,
    /// The enum's name in `types`.
    pub(crate) name: String,
    /// Per member, in order: the variant's name and the body's type as
    /// the other files name it (`types::Thing`, `ByteStream`; `None`
    /// without a body).
    pub(crate) variants: Vec<(String, Option<String>)>,
}

/// What the types half found, for the other parts.
pub(crate) type TypedGroups = Vec<TypedGroup>;

/// Types half: each group's enum in place of its marked component.
pub(super) fn add_enums(types: &mut syn::File, facts: &mut Facts<'_>) -> Result<(), CodegenError> {
    let groups = response_groups::groups(facts.spec);
    if groups.is_empty() {
        return Ok(());
    }
    let Some(items) = module_mut(&mut types.items, TYPES_MODULE) else {
        return Ok(());
    };
    let names: BTreeSet<String> = items.iter().filter_map(item_name).collect();
    // The marked components: their fields, by property.
    let mut marked: BTreeMap<String, (String, BTreeMap<String, syn::Type>)> = BTreeMap::new();
    for item in items.iter() {
        let syn::Item::Struct(s) = item else { continue };
        let Some(marker) = doc_lines(&s.attrs)
            .into_iter()
            .find(|l| l.starts_with(response_groups::MARKER))
        else {
            continue;
        };
        let fields = s
            .fields
            .iter()
            .filter_map(|f| {
                let ident = f.ident.as_ref()?.to_string();
                let property = serde_rules(&f.attrs).remove("rename").unwrap_or(ident);
                Some((property, f.ty.clone()))
            })
            .collect();
        marked.insert(marker, (s.ident.to_string(), fields));
    }
    let wrappers: BTreeSet<String> = marked.values().map(|(name, _)| name.clone()).collect();
    remove_types(items, &wrappers);

    let mut typed = Vec::new();
    let mut taken = names.clone();
    for group in groups {
        let fields = group.marker.as_ref().and_then(|m| marked.get(m));
        let name = enum_name(&group, &taken);
        taken.insert(name.clone());
        let mut variants = Vec::new();
        let mut seen = BTreeSet::new();
        let mut decls = Vec::new();
        let mut has_stream = false;
        for member in &group.members {
            let mut variant = variant_name(&member.status, &member.body);
            while !seen.insert(variant.clone()) {
                variant.push('_');
            }
            let ident = format_ident!("{}", variant);
            let doc = format!(" `{}`: {}", member.status, member.description);
            let (decl, payload) = match &member.body {
                Body::Json { property } => {
                    let Some(ty) = fields.and_then(|(_, f)| f.get(property)) else {
                        return Err(CodegenError::Generator {
                            spec: facts.spec_name.to_owned(),
                            failures: vec![FailedOperation {
                                operation: Some(group.operation.clone()),
                                message: format!(
                                    "typify gave no type to the body of response {}",
                                    member.status
                                ),
                            }],
                        });
                    };
                    let qualified = qualify(ty, &names);
                    (
                        quote! { #[doc = #doc] #ident(#ty), },
                        Some(qualified.to_token_stream().to_string()),
                    )
                }
                Body::Empty => (quote! { #[doc = #doc] #ident, }, None),
                Body::Stream { media_type } => {
                    has_stream = true;
                    let doc = format!("{doc} (a byte stream of `{media_type}`)");
                    (
                        quote! { #[doc = #doc] #[serde(skip)] #ident(super::ByteStream), },
                        Some("ByteStream".to_owned()),
                    )
                }
            };
            decls.push(decl);
            variants.push((variant, payload));
        }
        let ident = format_ident!("{}", name);
        let which = group.kind.word();
        let doc = format!(
            " The {which} answers of [`Client::{}`](super::Client::{}), whose bodies have \
             different types: one variant per status.",
            group.method, group.method
        );
        let derives = if has_stream {
            quote! { #[derive(::serde::Serialize, ::schemars::JsonSchema)] }
        } else {
            quote! { #[derive(::serde::Serialize, ::schemars::JsonSchema, Clone, Debug)] }
        };
        items.push(syn::parse_quote! {
            #[doc = #doc]
            #derives
            #[serde(untagged)]
            pub enum #ident { #(#decls)* }
        });
        if has_stream {
            let arms = variants.iter().map(|(variant, payload)| {
                let v = format_ident!("{}", variant);
                match payload.as_deref() {
                    None => quote! { Self::#v => f.write_str(#variant), },
                    Some("ByteStream") => {
                        let shown = format!("{variant}(..)");
                        quote! { Self::#v(_) => f.write_str(#shown), }
                    }
                    Some(_) => {
                        quote! { Self::#v(value) => f.debug_tuple(#variant).field(value).finish(), }
                    }
                }
            });
            items.push(syn::parse_quote! {
                /// A byte stream shows no bytes.
                impl ::std::fmt::Debug for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match self { #(#arms)* }
                    }
                }
            });
        }
        facts.response_types.insert(name.clone());
        typed.push(TypedGroup {
            group,
            name,
            variants,
        });
    }
    facts.found.groups = Arc::new(typed);
    Ok(())
}

/// The items of `mod name { .. }` directly in `items`, open to change.
fn module_mut<'a>(items: &'a mut [syn::Item], name: &str) -> Option<&'a mut Vec<syn::Item>> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, i)| i),
        _ => None,
    })
}

/// The name a `types` item defines.
fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }
}

/// Removes the types named, their impls, and their builders (typify's
/// `types::builder`).
fn remove_types(items: &mut Vec<syn::Item>, names: &BTreeSet<String>) {
    if names.is_empty() {
        return;
    }
    items.retain(|item| match item {
        syn::Item::Impl(i) => type_ident(&i.self_ty).is_none_or(|n| !names.contains(&n)),
        other => item_name(other).is_none_or(|n| !names.contains(&n)),
    });
    if let Some(builders) = module_mut(items, "builder") {
        remove_types(builders, names);
    }
}

/// `{Builder}Response` or `{Builder}Error`, or a longer name when typify
/// has given that one to a type.
fn enum_name(group: &Group, taken: &BTreeSet<String>) -> String {
    let word = match group.kind {
        Kind::Success => "Response",
        Kind::Error => "Error",
    };
    [
        format!("{}{word}", group.builder),
        format!("{}{word}s", group.builder),
        format!("{}{word}Group", group.builder),
    ]
    .into_iter()
    .chain((2..).map(|n| format!("{}{word}Group{n}", group.builder)))
    .find(|name| !taken.contains(name))
    .expect("a free name")
}

/// The words of a status's reason phrase (`Not Found` → `not`, `found`);
/// a range by its class, a status without a phrase by its number.
fn status_words(status: &str) -> Vec<String> {
    let class = |c: &str| c.split('_').map(str::to_owned).collect();
    match status {
        "1XX" => class("informational"),
        "2XX" => class("success"),
        "3XX" => class("redirect"),
        "4XX" => class("client_error"),
        "5XX" => class("server_error"),
        code => match code
            .parse::<u16>()
            .ok()
            .and_then(|c| http::StatusCode::from_u16(c).ok())
            .and_then(|c| c.canonical_reason())
        {
            Some(reason) => reason
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect(),
            None => vec!["status".to_owned(), code.to_owned()],
        },
    }
}

/// `NotFound`; a byte stream beside a JSON body of the same class is told
/// apart by its media type's words.
fn variant_name(status: &str, body: &Body) -> String {
    let mut words = status_words(status);
    if let Body::Stream { media_type } = body {
        words = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if words.is_empty() {
            words.push("stream".to_owned());
        }
    }
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The mock method progenitor would give the status (`not_found`,
/// `client_error`).
fn mock_method(status: &str) -> String {
    status_words(status).join("_")
}

/// `ty` as files outside `types` name it: each `types` item prefixed.
fn qualify(ty: &syn::Type, names: &BTreeSet<String>) -> syn::Type {
    struct Qualify<'a>(&'a BTreeSet<String>);
    impl VisitMut for Qualify<'_> {
        fn visit_type_path_mut(&mut self, p: &mut syn::TypePath) {
            syn::visit_mut::visit_type_path_mut(self, p);
            if p.qself.is_none()
                && p.path.leading_colon.is_none()
                && p.path.segments.len() == 1
                && self.0.contains(&p.path.segments[0].ident.to_string())
            {
                p.path
                    .segments
                    .insert(0, format_ident!("{}", TYPES_MODULE).into());
            }
        }
    }
    let mut ty = ty.clone();
    Qualify(names).visit_type_mut(&mut ty);
    ty
}

fn parse_type(text: &str) -> syn::Type {
    syn::parse_str(text).expect("a type the types half wrote")
}

/// The pattern of a status: `404u16`, `400u16..=499u16`.
fn status_pattern(status: &str) -> syn::Pat {
    match status
        .strip_suffix("XX")
        .and_then(|c| c.parse::<u16>().ok())
    {
        Some(class) => {
            let (min, max) = (class * 100, class * 100 + 99);
            syn::parse_quote!(#min..=#max)
        }
        None => {
            let code: u16 = status.parse().unwrap_or_default();
            syn::parse_quote!(#code)
        }
    }
}

/// [`arm_rank`] of a status's arm.
fn status_rank(status: &str) -> (u8, u16) {
    match status
        .strip_suffix("XX")
        .and_then(|c| c.parse::<u16>().ok())
    {
        Some(class) => (1, class * 100),
        None => (0, status.parse().unwrap_or_default()),
    }
}

/// Where an arm goes: exact statuses first, then ranges, then the rest.
fn arm_rank(arm: &syn::Arm) -> (u8, u16) {
    match &arm.pat {
        syn::Pat::Lit(lit) => match &lit.lit {
            syn::Lit::Int(i) => (0, i.base10_parse().unwrap_or_default()),
            _ => (2, 0),
        },
        syn::Pat::Range(range) => match range.start.as_deref() {
            Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            })) => (1, i.base10_parse().unwrap_or_default()),
            _ => (2, 0),
        },
        _ => (2, 0),
    }
}

/// Requests half: `send()` of each group's builder answers with the enum.
pub(super) fn rewrite_requests(
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    let groups = Arc::clone(&facts.found.groups);
    for typed in groups.iter() {
        let Some(send) = send_of(file, &typed.group.builder) else {
            return Err(missing(
                facts,
                &typed.group,
                "its request builder's `send()`",
            ));
        };
        let name = format_ident!("{}", typed.name);
        set_result_type(&mut send.sig.output, typed.group.kind, quote!(types::#name));
        let statuses: BTreeSet<(u8, u16)> = typed
            .group
            .members
            .iter()
            .map(|m| status_rank(&m.status))
            .collect();
        let arms: Vec<syn::Arm> = typed
            .group
            .members
            .iter()
            .zip(&typed.variants)
            .map(|(member, (variant, payload))| {
                let pat = status_pattern(&member.status);
                let v = format_ident!("{}", variant);
                let keys: Vec<String> = payload
                    .as_deref()
                    .map(parse_type)
                    .and_then(|ty| type_ident(&ty))
                    .and_then(|t| facts.found.secrets.get(&t).cloned())
                    .unwrap_or_default();
                let body: syn::Expr = match (typed.group.kind, &member.body) {
                    (Kind::Success, Body::Json { .. }) => {
                        let read = runtime_contract::path(READ_RESPONSE);
                        let ty = parse_type(payload.as_deref().unwrap_or("()"));
                        syn::parse_quote! {
                            #read::<#ty, _>(response, &[#(#keys),*]).await
                                .and_then(|value| value.map(types::#name::#v))
                        }
                    }
                    (Kind::Success, Body::Empty) => syn::parse_quote! {
                        ResponseValue::empty(response).map(|()| types::#name::#v)
                    },
                    (Kind::Success, Body::Stream { .. }) => syn::parse_quote! {
                        ResponseValue::stream(response).map(types::#name::#v)
                    },
                    (Kind::Error, Body::Json { .. }) => {
                        let read = runtime_contract::path(READ_ERROR_AS);
                        syn::parse_quote! {
                            Err(Error::ErrorResponse(
                                #read(response, &[#(#keys),*], types::#name::#v).await?
                            ))
                        }
                    }
                    (Kind::Error, Body::Empty) => {
                        let documented = runtime_contract::path(DOCUMENTED_ERROR);
                        syn::parse_quote! {
                            Err(Error::ErrorResponse(
                                #documented::from(ResponseValue::empty(response))
                                    .map(|()| types::#name::#v)
                            ))
                        }
                    }
                    (Kind::Error, Body::Stream { .. }) => {
                        let documented = runtime_contract::path(DOCUMENTED_ERROR);
                        syn::parse_quote! {
                            Err(Error::ErrorResponse(
                                #documented::from(ResponseValue::stream(response))
                                    .map(types::#name::#v)
                            ))
                        }
                    }
                };
                syn::parse_quote! { #pat => { #body } }
            })
            .collect();
        let streams: Vec<&str> = typed
            .group
            .members
            .iter()
            .filter_map(|m| match &m.body {
                Body::Stream { media_type } => Some(media_type.as_str()),
                _ => None,
            })
            .collect();
        if !streams.is_empty() {
            AcceptAlso(&streams).visit_block_mut(&mut send.block);
        }
        let mut placed = false;
        StatusMatch(&mut |m: &mut syn::ExprMatch| {
            if placed {
                return;
            }
            placed = true;
            m.arms.retain(|arm| !statuses.contains(&arm_rank(arm)));
            m.arms.extend(arms.iter().cloned());
            m.arms.sort_by_key(arm_rank);
        })
        .visit_block_mut(&mut send.block);
        if !placed {
            return Err(missing(
                facts,
                &typed.group,
                "the `match` on the status in `send()`",
            ));
        }
    }
    Ok(())
}

/// progenitor asks for the media type of the answers it saw
/// (`ACCEPT: application/json`); a group's byte streams are asked for too.
struct AcceptAlso<'a>(&'a [&'a str]);

impl VisitMut for AcceptAlso<'_> {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        syn::visit_mut::visit_expr_method_call_mut(self, call);
        let is_accept = call.method == "header"
            && matches!(call.args.first(), Some(syn::Expr::Path(p))
                if p.path.segments.last().is_some_and(|s| s.ident == "ACCEPT"));
        if !is_accept {
            return;
        }
        let Some(syn::Expr::Call(value)) = call.args.iter_mut().nth(1) else {
            return;
        };
        if let Some(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(accept),
            ..
        })) = value.args.first_mut()
        {
            let mut text = accept.value();
            for media_type in self.0 {
                if !text.split(", ").any(|v| v == *media_type) {
                    text = format!("{text}, {media_type}");
                }
            }
            *accept = syn::LitStr::new(&text, accept.span());
        }
    }
}

/// Calls the closure on the `match response.status()...` of a block.
struct StatusMatch<'a>(&'a mut dyn FnMut(&mut syn::ExprMatch));

impl VisitMut for StatusMatch<'_> {
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        if m.expr.to_token_stream().to_string().contains("status ()") {
            (self.0)(m);
        }
        syn::visit_mut::visit_expr_match_mut(self, m);
    }
}

fn missing(facts: &Facts<'_>, group: &Group, what: &str) -> CodegenError {
    CodegenError::Generator {
        spec: facts.spec_name.to_owned(),
        failures: vec![FailedOperation {
            operation: Some(group.operation.clone()),
            message: format!(
                "its answers have several types, and codegen did not find {what} \
                 (`{}`) in progenitor's output",
                group.builder
            ),
        }],
    }
}

/// `send()` of `builder::{name}`.
fn send_of<'a>(file: &'a mut syn::File, builder: &str) -> Option<&'a mut syn::ImplItemFn> {
    let items = module_mut(&mut file.items, "builder")?;
    items.iter_mut().find_map(|item| match item {
        syn::Item::Impl(i)
            if i.trait_.is_none() && type_ident(&i.self_ty).as_deref() == Some(builder) =>
        {
            i.items.iter_mut().find_map(|f| match f {
                syn::ImplItem::Fn(f) if f.sig.ident == "send" => Some(f),
                _ => None,
            })
        }
        _ => None,
    })
}

/// `Result<ResponseValue<T>, Error<E>>` with `T` (or `E`) replaced.
fn set_result_type(output: &mut syn::ReturnType, kind: Kind, ty: TokenStream) {
    let syn::ReturnType::Type(_, result) = output else {
        return;
    };
    let syn::Type::Path(path) = &mut **result else {
        return;
    };
    let Some(syn::PathArguments::AngleBracketed(args)) =
        path.path.segments.last_mut().map(|s| &mut s.arguments)
    else {
        return;
    };
    let index = match kind {
        Kind::Success => 0,
        Kind::Error => 1,
    };
    if let Some(syn::GenericArgument::Type(syn::Type::Path(wrapper))) =
        args.args.iter_mut().nth(index)
        && let Some(syn::PathArguments::AngleBracketed(inner)) =
            wrapper.path.segments.last_mut().map(|s| &mut s.arguments)
    {
        inner.args = syn::parse_quote!(#ty);
    }
}

/// Mocks: a `Then` method for each answer progenitor did not see.
pub(super) fn add_mock_answers(
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    let groups = Arc::clone(&facts.found.groups);
    if groups.is_empty() {
        return Ok(());
    }
    let Some(items) = module_mut(&mut file.items, "operations") else {
        return Ok(());
    };
    for typed in groups.iter() {
        let then = format!("{}Then", typed.group.builder);
        let Some(block) = items.iter_mut().find_map(|item| match item {
            syn::Item::Impl(i)
                if i.trait_.is_none() && type_ident(&i.self_ty).as_deref() == Some(&then) =>
            {
                Some(i)
            }
            _ => None,
        }) else {
            return Err(missing(
                facts,
                &typed.group,
                &format!("the mock's `{then}`"),
            ));
        };
        let existing: BTreeSet<String> = block
            .items
            .iter()
            .filter_map(|i| match i {
                syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        for (member, (_, payload)) in typed.group.members.iter().zip(&typed.variants) {
            let method = mock_method(&member.status);
            if existing.contains(&method) {
                continue;
            }
            let ident = format_ident!("{}", method);
            let range = member
                .status
                .strip_suffix("XX")
                .and_then(|c| c.parse::<u16>().ok());
            let (status_param, status, check) = match range {
                Some(class) => (
                    quote! { status: u16, },
                    quote! { status },
                    quote! { assert_eq!(status / 100u16, #class); },
                ),
                None => {
                    let code: u16 = member.status.parse().unwrap_or_default();
                    (quote! {}, quote! { #code }, quote! {})
                }
            };
            let (value_param, value_use) = match (&member.body, payload.as_deref()) {
                (Body::Json { .. }, Some(ty)) => {
                    let ty = parse_type(ty);
                    (
                        quote! { value: &#ty },
                        quote! { .header("content-type", "application/json").json_body_obj(value) },
                    )
                }
                (Body::Stream { media_type }, _) => (
                    quote! { value: impl AsRef<[u8]> },
                    quote! { .header("content-type", #media_type).body(value) },
                ),
                _ => (quote! {}, quote! {}),
            };
            block.items.push(syn::parse_quote! {
                pub fn #ident(self, #status_param #value_param) -> Self {
                    #check
                    Self(self.0.status(#status) #value_use)
                }
            });
        }
    }
    Ok(())
}

/// CLI: each group's operation prints its answer, whichever variant.
pub(super) fn print_any_answer(
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    let groups = Arc::clone(&facts.found.groups);
    if groups.is_empty() {
        return Ok(());
    }
    let mut kinds: BTreeMap<String, Vec<Kind>> = BTreeMap::new();
    for typed in groups.iter() {
        kinds
            .entry(format!("execute_{}", typed.group.method))
            .or_default()
            .push(typed.group.kind);
    }
    struct Outputs<'a>(&'a BTreeMap<String, Vec<Kind>>);
    impl VisitMut for Outputs<'_> {
        fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
            let Some(kinds) = self.0.get(&f.sig.ident.to_string()) else {
                return;
            };
            struct Arms<'a>(&'a [Kind]);
            impl VisitMut for Arms<'_> {
                fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
                    if m.expr.to_token_stream().to_string() != "result" {
                        return syn::visit_mut::visit_expr_match_mut(self, m);
                    }
                    for arm in &mut m.arms {
                        let pat = arm.pat.to_token_stream().to_string();
                        if pat.starts_with("Ok") && self.0.contains(&Kind::Success) {
                            *arm.body = syn::parse_quote!({
                                self.config.success_item(&r);
                                Ok(())
                            });
                        } else if pat.starts_with("Err") && self.0.contains(&Kind::Error) {
                            *arm.body = syn::parse_quote!({
                                self.config.error(&r);
                                Err(anyhow::Error::new(r))
                            });
                        }
                    }
                }
            }
            Arms(kinds).visit_block_mut(&mut f.block);
        }
    }
    Outputs(&kinds).visit_file_mut(file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use workspace_files::COMPANION_SHAPES_SPEC;

    /// The spec as progenitor gets it: each group's operation keeps the
    /// answers of one body, the inline bodies are components, and the
    /// groups are written down with progenitor's names.
    #[test]
    fn the_spec_keeps_one_body_per_operation_and_lists_the_groups() {
        let mut spec = crate::read(COMPANION_SHAPES_SPEC, "companion-shapes.yaml").unwrap();
        crate::progenitor::response_groups::split(&mut spec, "companion-shapes.yaml").unwrap();
        let jobs = spec.paths.paths["/jobs"].as_item().unwrap();
        let kept: Vec<String> = jobs
            .post
            .as_ref()
            .unwrap()
            .responses
            .responses
            .keys()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(kept, ["200", "409"]);
        let schemas = &spec.components.as_ref().unwrap().schemas;
        assert!(schemas.contains_key("start_job_202_response"));
        let groups = crate::progenitor::response_groups::groups(&spec);
        let summary: Vec<String> = groups
            .iter()
            .map(|g| {
                let members: Vec<String> = g.members.iter().map(|m| m.status.clone()).collect();
                format!(
                    "{} {} {:?} {}",
                    g.method,
                    g.builder,
                    g.kind,
                    members.join(",")
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "start_job StartJob Success 200,202,204",
                "start_job StartJob Error 404,409,5XX",
                "job_events JobEvents Success 200,202",
            ]
        );
    }

    /// A secret field of one answer of a group is recovered from that
    /// answer when it is off-spec, as from any answer: its arm reads with
    /// the body type's secret keys, and the other arm with none.
    #[test]
    fn each_arm_reads_with_its_own_bodys_secret_keys() {
        const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /keys:
    post:
      operationId: make_key
      responses:
        '201':
          description: made
          content:
            application/json:
              schema:
                type: object
                required: [token]
                properties:
                  token: {type: string, x-sensitive: true}
        '202':
          description: queued
          content:
            application/json:
              schema:
                type: object
                properties:
                  job: {type: string}
"#;
        let generated = crate::generate(SPEC, &crate::Options::new("keys.yaml")).unwrap();
        // Without whitespace, and the trailing comma prettyplease puts in
        // a broken turbofish.
        let client: String = generated
            .client
            .split_whitespace()
            .collect::<String>()
            .replace(",>", ">");
        assert!(
            client.contains(
                "201u16=>{::quantcdn_client_runtime::read_response::<types::MakeKey201Response,_>(response,&[\"token\"])"
            ),
            "{}",
            generated.client
        );
        assert!(
            client.contains(
                "202u16=>{::quantcdn_client_runtime::read_response::<types::MakeKey202Response,_>(response,&[])"
            ),
            "{}",
            generated.client
        );
        assert!(
            client.contains("pubtoken:::quantcdn_client_runtime::Secret"),
            "{}",
            generated.client
        );
    }
}
