//! The requests half: `send()` returns the group's enum, each status's arm
//! reading its body into its variant.

use super::*;

/// Requests half: `send()` of each group's builder answers with the enum.
pub(crate) fn rewrite_requests(
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
