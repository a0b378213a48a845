//! How progenitor lays out a client, read from its output: the methods of
//! `Client`, each returning a builder of the `builder` module, whose
//! `send()` makes the URL with `format!("{}/things/{}", client.baseurl,
//! ..)`. The passes read the routes from it (`client_hooks`,
//! `response_groups::split`); the review reads the rest of each
//! operation on top of it.

use std::collections::{BTreeMap, HashMap};

use quote::ToTokens;

use super::{doc_lines, identifiers, is_pub, module, type_ident};

/// Each method's route template (`/things/{id}`), by method name, reading
/// only the URL of each `send()`.
pub fn routes(file: &syn::File) -> BTreeMap<String, String> {
    let builders = Builders::of(module(&file.items, "builder").unwrap_or(&[]));
    client_methods(&file.items)
        .into_iter()
        .filter_map(|(name, _, builder)| {
            builders.structs.get(&builder)?;
            let send = builders.send(&builder)?;
            // The URL is made before the request: the statements after it
            // are not read.
            let (path, _) = send.block.stmts.iter().find_map(url_in_stmt)?;
            Some((name, path))
        })
        .collect()
}

/// Each method with its builder type and route template: how progenitor
/// names an operation's method and builder (read by
/// `response_groups::split`).
pub fn builders(file: &syn::File) -> Vec<(String, String, String)> {
    let routes = routes(file);
    client_methods(&file.items)
        .into_iter()
        .filter_map(|(name, _, builder)| {
            let path = routes.get(&name)?.clone();
            Some((name, builder, path))
        })
        .collect()
}

/// The `builder` module by type name: each builder's struct and the
/// functions of its inherent impls. Read once, so that finding each
/// method's builder does not scan the module again.
#[derive(Default)]
pub struct Builders<'a> {
    pub structs: HashMap<String, &'a syn::ItemStruct>,
    pub functions: HashMap<String, Vec<&'a syn::ImplItemFn>>,
}

impl<'a> Builders<'a> {
    pub fn of(items: &'a [syn::Item]) -> Self {
        let mut builders = Builders::default();
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    builders.structs.entry(s.ident.to_string()).or_insert(s);
                }
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let Some(name) = type_ident(&i.self_ty) else {
                        continue;
                    };
                    builders
                        .functions
                        .entry(name)
                        .or_default()
                        .extend(i.items.iter().filter_map(|i| match i {
                            syn::ImplItem::Fn(f) => Some(f),
                            _ => None,
                        }));
                }
                _ => {}
            }
        }
        builders
    }

    /// The functions of a builder's inherent impls.
    pub fn functions_of(&self, builder: &str) -> &[&'a syn::ImplItemFn] {
        self.functions.get(builder).map_or(&[], Vec::as_slice)
    }

    /// A builder's `send()`.
    pub fn send(&self, builder: &str) -> Option<&'a syn::ImplItemFn> {
        self.functions_of(builder)
            .iter()
            .find(|f| f.sig.ident == "send")
            .copied()
    }
}

/// `pub fn tokens_create(&self) -> builder::TokensCreate<'_>`: name,
/// summary, builder type.
pub fn client_methods(items: &[syn::Item]) -> Vec<(String, String, String)> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i)
                if i.trait_.is_none() && type_ident(&i.self_ty).as_deref() == Some("Client") =>
            {
                Some(i)
            }
            _ => None,
        })
        .flat_map(|i| &i.items)
        .filter_map(|item| {
            let syn::ImplItem::Fn(f) = item else {
                return None;
            };
            let syn::ReturnType::Type(_, ty) = &f.sig.output else {
                return None;
            };
            let syn::Type::Path(p) = &**ty else {
                return None;
            };
            let in_builder = p.path.segments.len() == 2 && p.path.segments[0].ident == "builder";
            if !is_pub(&f.vis) || !in_builder {
                return None;
            }
            let summary = doc_lines(&f.attrs)
                .into_iter()
                .find(|l| !l.is_empty())
                .filter(|l| !l.starts_with("Sends a"))
                .unwrap_or_default();
            Some((
                f.sig.ident.to_string(),
                summary,
                p.path.segments[1].ident.to_string(),
            ))
        })
        .collect()
}

/// Each method's parameters that are sent as neither query nor body, with
/// their types as [`super::short_type`] writes them and where they go
/// (`path`, or `header` for the rest): `(method, parameter, place, type)`.
/// What `secret_fields` checks (progenitor formats these values
/// with `Display`).
pub fn formatted_params(file: &syn::File) -> Vec<(String, String, &'static str, String)> {
    let builders = Builders::of(module(&file.items, "builder").unwrap_or(&[]));
    let mut found = Vec::new();
    for (method, _, builder) in client_methods(&file.items) {
        let (Some(def), Some(send)) = (builders.structs.get(&builder), builders.send(&builder))
        else {
            continue;
        };
        let (_, in_path) = send
            .block
            .stmts
            .iter()
            .find_map(url_in_stmt)
            .unwrap_or_default();
        let in_query = query_params(&send.block);
        for field in &def.fields {
            let Some(name) = field.ident.as_ref().map(|i| i.to_string()) else {
                continue;
            };
            if matches!(name.as_str(), "client" | "body") || in_query.contains(&name) {
                continue;
            }
            // `Result<T, String>`, or `Result<Option<T>, String>`.
            let ty = super::first_type_argument(&field.ty)
                .map(super::short_type)
                .unwrap_or_default();
            let place = if in_path.contains(&name) {
                "path"
            } else {
                "header"
            };
            found.push((method.clone(), name, place, ty));
        }
    }
    found
}

/// The parameters `send()` puts in the query:
/// `.query(&progenitor_client::QueryParam::new("wire", &name))`.
fn query_params(block: &syn::Block) -> std::collections::BTreeSet<String> {
    use syn::visit::Visit;
    #[derive(Default)]
    struct Query(std::collections::BTreeSet<String>);
    impl<'ast> Visit<'ast> for Query {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if call.method == "query"
                && let Some(arg) = call.args.first()
                && let Some(name) = identifiers(arg.to_token_stream()).into_iter().last()
            {
                self.0.insert(name);
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut query = Query::default();
    query.visit_block(block);
    query.0
}

/// The first URL a statement makes (see [`url_template`]).
fn url_in_stmt(stmt: &syn::Stmt) -> Option<(String, Vec<String>)> {
    use syn::visit::Visit;
    #[derive(Default)]
    struct Url(Option<(String, Vec<String>)>);
    impl<'ast> Visit<'ast> for Url {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if self.0.is_none() {
                self.0 = url_template(mac);
            }
        }
    }
    let mut url = Url::default();
    url.visit_stmt(stmt);
    url.0
}

/// `format!("{}/things/{}", client.baseurl, encode(&id))` → the route
/// template `/things/{id}` and its path parameters (`id`); `None` for
/// any other macro.
pub fn url_template(mac: &syn::Macro) -> Option<(String, Vec<String>)> {
    use syn::punctuated::Punctuated;
    if !mac.path.is_ident("format") || !mac.tokens.to_string().contains("baseurl") {
        return None;
    }
    let args = mac
        .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    let mut args = args.into_iter();
    let Some(syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(template),
        ..
    })) = args.next()
    else {
        return None;
    };
    let template = template.value();
    let mut values = args.skip(1); // client.baseurl
    let mut path = String::new();
    let mut params = Vec::new();
    for (i, piece) in template.trim_start_matches("{}").split("{}").enumerate() {
        if i > 0 {
            let arg = values
                .next()
                .map(|a| a.to_token_stream())
                .unwrap_or_default();
            let name = identifiers(arg)
                .into_iter()
                .find(|id| {
                    !matches!(
                        id.as_str(),
                        "super" | "encode_path" | "encode_path_segment" | "to_string"
                    )
                })
                .unwrap_or_default();
            path.push_str(&format!("{{{name}}}"));
            params.push(name);
        }
        path.push_str(piece);
    }
    Some((path, params))
}
