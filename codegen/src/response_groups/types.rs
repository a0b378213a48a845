//! The types half: each group becomes one enum in `types`, a variant per
//! status, the marked component that named its bodies' types removed.

use super::*;

/// Types half: each group's enum in place of its marked component.
pub(crate) fn add_enums(types: &mut syn::File, facts: &mut Facts<'_>) -> Result<(), CodegenError> {
    let groups = split::groups(facts.spec);
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
            .find(|l| l.starts_with(split::MARKER))
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
