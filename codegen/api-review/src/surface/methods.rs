//! The methods of `Client`: each returns a request builder (module
//! `builder`) whose setters are the operation's parameters and whose
//! `send()` makes the request and sorts the response by status.

use std::collections::BTreeMap;

use codegen::spec::walk::METHODS as HTTP_METHODS;
use codegen::syntax::client::{Builders, client_methods, url_template};
use codegen::syntax::{
    compact, first_type_argument, identifiers, mentions, module, short_type, string_literals,
};
use quote::ToTokens;
use syn::visit::Visit;

use super::{Body, Method, Outcome, Param, StatusArm};

pub(super) fn read(file: &syn::File) -> BTreeMap<String, Method> {
    let builders = Builders::of(module(&file.items, "builder").unwrap_or(&[]));
    client_methods(&file.items)
        .into_iter()
        .filter_map(|(name, summary, builder)| {
            let mut method = operation(&builders, &builder)?;
            method.name = name.clone();
            method.summary = summary;
            Some((name, method))
        })
        .collect()
}

fn operation(builders: &Builders<'_>, builder: &str) -> Option<Method> {
    let def = *builders.structs.get(builder)?;
    let functions = builders.functions_of(builder);
    let send = builders.send(builder)?;
    let starts = new_initializers(functions);
    let request = Request::read(&send.block);

    let mut params = Vec::new();
    let mut body = None;
    for field in &def.fields {
        let Some(name) = field.ident.as_ref().map(|i| i.to_string()) else {
            continue;
        };
        if name == "client" {
            continue;
        }
        // `Result<T, String>`, or `Result<Option<T>, String>` when optional.
        let held = first_type_argument(&field.ty)
            .map(short_type)
            .unwrap_or_default();
        let setter = functions.iter().find(|f| f.sig.ident == name.as_str());
        let ty = setter
            .and_then(|f| setter_target(f))
            .unwrap_or(held.clone());
        if name == "body" {
            body = Some(Body {
                ty,
                encoding: request.body_encoding.clone().unwrap_or_default(),
            });
            continue;
        }
        params.push(Param {
            place: request.place_of(&name),
            required: starts.get(&name).is_some_and(|s| s == "Err"),
            name,
            ty,
        });
    }

    let (ok, error) = result_types(&send.sig.output);
    Some(Method {
        name: String::new(),
        summary: String::new(),
        http_method: request.http_method.to_uppercase(),
        path: request.path,
        params,
        body,
        ok,
        error,
        statuses: request.statuses,
        headers: request.headers,
    })
}

/// Field → the constructor of its start value in `new()` (`Ok`, `Err`).
fn new_initializers(functions: &[&syn::ImplItemFn]) -> BTreeMap<String, String> {
    let Some(new) = functions.iter().find(|f| f.sig.ident == "new") else {
        return BTreeMap::new();
    };
    let Some(syn::Stmt::Expr(syn::Expr::Struct(init), None)) = new.block.stmts.last() else {
        return BTreeMap::new();
    };
    init.fields
        .iter()
        .filter_map(|fv| {
            let syn::Member::Named(field) = &fv.member else {
                return None;
            };
            let constructor = match &fv.expr {
                syn::Expr::Call(call) => compact(call.func.to_token_stream()),
                other => compact(other.to_token_stream()),
            };
            Some((field.to_string(), constructor))
        })
        .collect()
}

/// `T` of a setter's `V: TryInto<T>` bound.
fn setter_target(f: &syn::ImplItemFn) -> Option<String> {
    f.sig
        .generics
        .where_clause
        .iter()
        .flat_map(|w| &w.predicates)
        .find_map(|p| match p {
            syn::WherePredicate::Type(t) => t.bounds.iter().find_map(|b| match b {
                syn::TypeParamBound::Trait(tb) => {
                    let last = tb.path.segments.last()?;
                    match &last.arguments {
                        syn::PathArguments::AngleBracketed(a) if last.ident == "TryInto" => {
                            match a.args.first()? {
                                syn::GenericArgument::Type(ty) => Some(short_type(ty)),
                                _ => None,
                            }
                        }
                        _ => None,
                    }
                }
                _ => None,
            }),
            _ => None,
        })
}

/// `Result<ResponseValue<T>, Error<E>>` → (`T`, `E`).
fn result_types(output: &syn::ReturnType) -> (String, String) {
    let syn::ReturnType::Type(_, ty) = output else {
        return ("()".to_owned(), "()".to_owned());
    };
    let syn::Type::Path(p) = &**ty else {
        return (short_type(ty), String::new());
    };
    let Some(syn::PathArguments::AngleBracketed(args)) =
        p.path.segments.last().map(|s| &s.arguments)
    else {
        return (short_type(ty), String::new());
    };
    let inner = |i: usize| -> String {
        args.args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .nth(i)
            .map(|t| first_type_argument(t).map_or_else(|| short_type(t), short_type))
            .unwrap_or_default()
    };
    (inner(0), inner(1))
}

/// What `send()` puts on the wire and how it sorts the response.
#[derive(Default)]
struct Request {
    http_method: String,
    path: String,
    /// Parameter (Rust name) → its place.
    places: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
    body_encoding: Option<String>,
    statuses: Vec<StatusArm>,
    /// A header whose value is bound by the enclosing `if let`, waiting for
    /// it to name the parameter.
    pending_header: Option<String>,
}

impl Request {
    fn read(block: &syn::Block) -> Request {
        let mut request = Request::default();
        request.visit_block(block);
        request
    }

    fn place_of(&self, param: &str) -> String {
        self.places
            .get(param)
            .cloned()
            .unwrap_or_else(|| "unknown".to_owned())
    }
}

impl<'ast> Visit<'ast> for Request {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.path.is_empty()
            && let Some((path, params)) = url_template(mac)
        {
            for param in params {
                self.places.insert(param, "path".to_owned());
            }
            self.path = path;
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        // Only a few calls need their receiver's text, and a receiver is
        // the whole chain of calls before it: rendered for every call of a
        // chain, the chain would be rendered over and over.
        let receiver = || compact(call.receiver.to_token_stream());
        let first = call.args.first();
        match method.as_str() {
            m if HTTP_METHODS.contains(&m) && receiver() == "client.client" => {
                self.http_method = m.to_owned();
            }
            "request" if receiver() == "client.client" => {
                if let Some(arg) = first {
                    self.http_method = compact(arg.to_token_stream())
                        .rsplit("::")
                        .next()
                        .unwrap_or_default()
                        .to_lowercase();
                }
            }
            "query" => {
                // `.query(&progenitor_client::QueryParam::new("wire", &name))`
                if let Some(arg) = first {
                    let tokens = arg.to_token_stream();
                    let wire = string_literals(tokens.clone()).into_iter().next();
                    let name = identifiers(tokens).into_iter().last();
                    if let (Some(wire), Some(name)) = (wire, name) {
                        self.places.insert(name, format!("query \"{wire}\""));
                    }
                }
            }
            "header" => {
                // `.header(ACCEPT, HeaderValue::from_static("application/json"))`
                if let (Some(name), Some(value)) = (first, call.args.iter().nth(1)) {
                    let name = compact(name.to_token_stream())
                        .rsplit("::")
                        .next()
                        .unwrap_or_default()
                        .to_lowercase()
                        .replace('_', "-");
                    let value = string_literals(value.to_token_stream())
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| compact(value.to_token_stream()));
                    self.headers.insert(name, value);
                }
            }
            "append" if receiver() == "header_map" => {
                if let (Some(name), Some(value)) = (first, call.args.iter().nth(1)) {
                    let wire = string_literals(name.to_token_stream()).into_iter().next();
                    if let Some(wire) = wire {
                        let value_tokens = value.to_token_stream();
                        let literal = string_literals(value_tokens.clone()).into_iter().next();
                        if name.to_token_stream().to_string().contains("from_static") {
                            // A header sent with every request.
                            let shown = literal.unwrap_or_else(|| compact(value_tokens));
                            self.headers.insert(wire.to_lowercase(), shown);
                        } else if let Some(param) = identifiers(value_tokens)
                            .into_iter()
                            .find(|id| id != "value" && id != "to_string" && id != "try_into")
                        {
                            self.places.insert(param, format!("header \"{wire}\""));
                        } else {
                            // Inside `if let Some(value) = param`: see
                            // `visit_expr_if`.
                            self.pending_header = Some(format!("header \"{wire}\""));
                        }
                    }
                }
            }
            "json" => self.body_encoding = Some("json".to_owned()),
            "form_urlencoded" => self.body_encoding = Some("form".to_owned()),
            "body" if first.is_some_and(|a| mentions(a.to_token_stream(), "body")) => {
                self.body_encoding.get_or_insert_with(|| "raw".to_owned());
            }
            _ => {}
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    /// `if let Some(value) = x_tenant { header_map.append("X-Tenant", ..) }`.
    fn visit_expr_if(&mut self, expr: &'ast syn::ExprIf) {
        syn::visit::visit_expr_if(self, expr);
        if let syn::Expr::Let(binding) = &*expr.cond
            && let Some(place) = self.pending_header.take()
            && let Some(param) = identifiers(binding.expr.to_token_stream())
                .into_iter()
                .last()
        {
            self.places.insert(param, place);
        }
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        let on_status = compact(m.expr.to_token_stream()).contains("status()");
        if on_status && self.statuses.is_empty() {
            for arm in &m.arms {
                let status = match &arm.pat {
                    syn::Pat::Wild(_) => "other".to_owned(),
                    pat => compact(pat.to_token_stream()).replace("u16", ""),
                };
                let body = arm.body.to_token_stream();
                // The runtime's readers of an undocumented status
                // (codegen's `runtime_error`), then progenitor's arms.
                let outcome = if mentions(body.clone(), "read_unexpected_as") {
                    Outcome::UnexpectedOrError
                } else if mentions(body.clone(), "read_unexpected")
                    || mentions(body.clone(), "UnexpectedResponse")
                {
                    Outcome::Unexpected
                } else if mentions(body.clone(), "ErrorResponse") {
                    Outcome::ErrorResponse
                } else if mentions(body.clone(), "empty") {
                    Outcome::OkEmpty
                } else if mentions(body, "stream") {
                    Outcome::OkStream
                } else {
                    Outcome::Ok
                };
                // The first arm that matches a status wins: a second `_`
                // arm is unreachable.
                if self.statuses.iter().any(|a| a.status == status) {
                    continue;
                }
                let variant = group_variant(&arm.body);
                self.statuses.push(StatusArm {
                    status,
                    outcome,
                    variant,
                });
            }
        }
        syn::visit::visit_expr_match(self, m);
    }
}

/// The variant an arm puts its answer in, where the operation's answers
/// have several types (`types::ChatResponse::Accepted`: codegen's
/// `response_groups`).
fn group_variant(body: &syn::Expr) -> Option<String> {
    struct Find(Option<String>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            let s = &path.segments;
            if self.0.is_none() && s.len() == 3 && s[0].ident == codegen::TYPES_MODULE {
                self.0 = Some(s[2].ident.to_string());
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut find = Find(None);
    find.visit_expr(body);
    find.0
}
