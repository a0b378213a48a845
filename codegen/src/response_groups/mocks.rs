//! The mocks: the `Then` of a group's operation gets a method for each
//! answer progenitor did not see, named as progenitor names the others.

use super::*;

/// Mocks: a `Then` method for each answer progenitor did not see.
pub(crate) fn add_mock_answers(
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

/// The mock method progenitor would give the status (`not_found`,
/// `client_error`).
fn mock_method(status: &str) -> String {
    status_words(status).join("_")
}
