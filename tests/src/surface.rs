//! The public API of the generated client as a compact text: every type with
//! its fields (or variants) and their Rust types, and every client method
//! with its HTTP route, parameters, result and documented status codes.
//!
//! A reviewer reads the diff of this text in a pull request instead of the
//! thousand-line generated file; it changes whenever the public API does.

use std::fmt::Write;

use quote::ToTokens;

use crate::type_items;

pub fn api_surface(file: &syn::File) -> String {
    let mut out = String::from("# Types (quantcdn_tokens::types)\n");
    for item in type_items(file) {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => write_struct(&mut out, s),
            syn::Item::Enum(e) if is_pub(&e.vis) => write_enum(&mut out, e),
            _ => {}
        }
    }
    out.push_str("\n# Client methods (quantcdn_tokens::Client)\n");
    for method in client_methods(file) {
        write_method(&mut out, file, method);
    }
    out
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn write_struct(out: &mut String, item: &syn::ItemStruct) {
    writeln!(out, "\nstruct {}", item.ident).unwrap();
    for field in &item.fields {
        let name = field
            .ident
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let notes = serde_notes(&field.attrs);
        writeln!(out, "  {name}: {}{notes}", short_type(&field.ty)).unwrap();
    }
}

fn write_enum(out: &mut String, item: &syn::ItemEnum) {
    writeln!(out, "\nenum {}", item.ident).unwrap();
    for variant in &item.variants {
        let fields = match &variant.fields {
            syn::Fields::Unit => String::new(),
            syn::Fields::Unnamed(f) => format!(
                "({})",
                f.unnamed
                    .iter()
                    .map(|f| short_type(&f.ty))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            syn::Fields::Named(f) => format!(
                " {{ {} }}",
                f.named
                    .iter()
                    .map(|f| format!("{}: {}", f.ident.as_ref().unwrap(), short_type(&f.ty)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        writeln!(
            out,
            "  {}{fields}{}",
            variant.ident,
            serde_notes(&variant.attrs)
        )
        .unwrap();
    }
}

/// What the serde attributes mean on the wire, in words.
fn serde_notes(attrs: &[syn::Attribute]) -> String {
    let mut notes = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            let key = meta.path.to_token_stream().to_string();
            let value = match meta.value() {
                Ok(v) => v
                    .parse::<syn::LitStr>()
                    .map(|s| s.value())
                    .unwrap_or_default(),
                Err(_) => String::new(),
            };
            notes.push(match (key.as_str(), value.as_str()) {
                ("rename", wire) => format!("wire \"{wire}\""),
                ("skip_serializing_if", _) => "omitted when None".to_owned(),
                ("deserialize_with", "::std::option::Option::deserialize") => {
                    "required, may be null".to_owned()
                }
                ("default", _) => "default when absent".to_owned(),
                (key, "") => key.to_owned(),
                (key, value) => format!("{key} = {value}"),
            });
            Ok(())
        });
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!("  [{}]", notes.join(", "))
    }
}

/// A type by the last segment of each path: `Option<Vec<String>>`, not
/// `::std::option::Option<::std::vec::Vec<::std::string::String>>`.
pub fn short_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => {
            let last = p.path.segments.last().expect("a path has a segment");
            match &last.arguments {
                syn::PathArguments::AngleBracketed(args) => {
                    let args: Vec<String> = args
                        .args
                        .iter()
                        .map(|arg| match arg {
                            syn::GenericArgument::Type(t) => short_type(t),
                            other => other.to_token_stream().to_string(),
                        })
                        .collect();
                    format!("{}<{}>", last.ident, args.join(", "))
                }
                _ => last.ident.to_string(),
            }
        }
        syn::Type::Reference(r) => format!("&{}", short_type(&r.elem)),
        other => other.to_token_stream().to_string(),
    }
}

struct ClientMethod<'a> {
    name: &'a syn::Ident,
    doc: Vec<String>,
    builder: String,
}

fn client_methods(file: &syn::File) -> Vec<ClientMethod<'_>> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() && short_type(&i.self_ty) == "Client" => {
                Some(i)
            }
            _ => None,
        })
        .flat_map(|i| &i.items)
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) if is_pub(&f.vis) => {
                let syn::ReturnType::Type(_, ty) = &f.sig.output else {
                    return None;
                };
                let builder = short_type(ty);
                builder.ends_with("<'_>").then(|| ClientMethod {
                    name: &f.sig.ident,
                    doc: doc_lines(&f.attrs),
                    builder: builder.trim_end_matches("<'_>").to_owned(),
                })
            }
            _ => None,
        })
        .collect()
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|s| s.lines().map(|l| l.trim().to_owned()).collect::<Vec<_>>())
        .collect()
}

fn write_method(out: &mut String, file: &syn::File, method: ClientMethod<'_>) {
    let summary = method.doc.first().cloned().unwrap_or_default();
    let route = method
        .doc
        .iter()
        .find_map(|l| l.strip_prefix("Sends a `"))
        .map(|l| l.replace("` request to `", " ").replace('`', ""))
        .unwrap_or_default();
    writeln!(out, "\n{}  {route}  ({summary})", method.name).unwrap();
    let builder_items = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|(_, i)| i),
            _ => None,
        })
        .expect("the generated code has a `builder` module");
    for item in builder_items {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() || short_type(&imp.self_ty) != format!("{}<'a>", method.builder) {
            continue;
        }
        for f in imp.items.iter().filter_map(|i| match i {
            syn::ImplItem::Fn(f) if is_pub(&f.vis) && f.sig.ident != "new" => Some(f),
            _ => None,
        }) {
            write_builder_fn(out, f);
        }
    }
}

fn write_builder_fn(out: &mut String, f: &syn::ImplItemFn) {
    let name = &f.sig.ident;
    if f.sig.asyncness.is_some() {
        let output = match &f.sig.output {
            syn::ReturnType::Type(_, ty) => short_type(ty),
            syn::ReturnType::Default => "()".to_owned(),
        };
        writeln!(out, "  .{name}().await -> {output}").unwrap();
        if let Some(statuses) = documented_statuses(&f.block) {
            writeln!(out, "    {statuses}").unwrap();
        }
        return;
    }
    // Setters take `V: TryInto<T>`; show T, the type the value must become.
    let target = f
        .sig
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
                        // `F: FnOnce(types::builder::X) -> types::builder::X`
                        _ => Some(
                            tb.to_token_stream()
                                .to_string()
                                .replace(' ', "")
                                .replace("std::ops::", "impl ")
                                .replace(",)", ")")
                                .replace("->", " -> "),
                        ),
                    }
                }
                _ => None,
            }),
            _ => None,
        })
        .unwrap_or_default();
    writeln!(out, "  .{name}({target})").unwrap();
}

/// `201 -> Ok; 400, 403, 422 -> Err(ErrorResponse)` from the `match` on the
/// status code in `send()`.
fn documented_statuses(block: &syn::Block) -> Option<String> {
    struct Finder(Option<(Vec<String>, Vec<String>)>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            if m.expr.to_token_stream().to_string().contains("status") {
                let (mut ok, mut err) = (Vec::new(), Vec::new());
                for arm in &m.arms {
                    let syn::Pat::Lit(lit) = &arm.pat else {
                        continue;
                    };
                    let code = lit
                        .to_token_stream()
                        .to_string()
                        .trim_end_matches("u16")
                        .to_owned();
                    if arm
                        .body
                        .to_token_stream()
                        .to_string()
                        .contains("ErrorResponse")
                    {
                        err.push(code);
                    } else {
                        ok.push(code);
                    }
                }
                self.0 = Some((ok, err));
            }
            syn::visit::visit_expr_match(self, m);
        }
    }
    let mut finder = Finder(None);
    syn::visit::Visit::visit_block(&mut finder, block);
    finder.0.map(|(ok, err)| {
        format!(
            "statuses: {} -> Ok; {} -> Err(ErrorResponse); other -> Err(UnexpectedResponse)",
            ok.join(", "),
            err.join(", ")
        )
    })
}
