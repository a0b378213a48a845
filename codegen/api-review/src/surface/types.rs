//! The public types of the generated `types` module, with the builders and
//! default values that say what an unset field becomes.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;

use super::{BuilderStart, Constraint, Direction, Field, TypeDef, TypeKind, Variant};
use codegen::syntax::{
    cfg_feature, compact, derives, first_type_argument, has_attr, is_pub, module, names_in,
    serde_rules, short_path, short_type, string_literals, type_ident,
};

pub(super) fn read(file: &syn::File) -> BTreeMap<String, TypeDef> {
    let Some(items) = module(&file.items, codegen::TYPES_MODULE) else {
        return BTreeMap::new();
    };
    let defaults = default_values(module(items, "defaults").unwrap_or(&[]));
    let builder_items = module(items, "builder").unwrap_or(&[]);
    let builders = Builders {
        starts: builder_starts(builder_items, &defaults),
        setters: builder_setters(builder_items),
    };
    let mut types: BTreeMap<String, TypeDef> = items
        .iter()
        .filter_map(|item| definition(item, &defaults, &builders))
        .map(|def| (def.name.clone(), def))
        .collect();
    let names: BTreeSet<String> = types.keys().cloned().collect();
    for item in items {
        if let syn::Item::Impl(imp) = item {
            add_impl(&mut types, &names, imp);
        }
    }
    types
}

/// What each struct's builder says of each field: what it starts as, and
/// the bound of its setter.
struct Builders {
    starts: BTreeMap<String, BTreeMap<String, BuilderStart>>,
    setters: BTreeMap<String, BTreeMap<String, String>>,
}

fn definition(
    item: &syn::Item,
    defaults: &BTreeMap<String, String>,
    builders: &Builders,
) -> Option<TypeDef> {
    let (name, attrs, kind) = match item {
        syn::Item::Struct(s) if is_pub(&s.vis) => {
            let kind = match &s.fields {
                syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => TypeKind::Newtype {
                    inner: short_type(&f.unnamed[0].ty),
                    constraints: BTreeSet::new(),
                },
                fields => TypeKind::Struct {
                    fields: fields
                        .iter()
                        .map(|f| {
                            let name = s.ident.to_string();
                            field(
                                f,
                                defaults,
                                builders.starts.get(&name),
                                builders.setters.get(&name),
                            )
                        })
                        .collect(),
                },
            };
            (s.ident.to_string(), &s.attrs, kind)
        }
        syn::Item::Enum(e) if is_pub(&e.vis) => (
            e.ident.to_string(),
            &e.attrs,
            TypeKind::Enum {
                variants: e.variants.iter().map(variant).collect(),
            },
        ),
        syn::Item::Type(t) if is_pub(&t.vis) => (
            t.ident.to_string(),
            &t.attrs,
            TypeKind::Alias {
                target: short_type(&t.ty),
            },
        ),
        _ => return None,
    };
    Some(TypeDef {
        name,
        kind,
        non_exhaustive: has_attr(attrs, "non_exhaustive"),
        traits: derives(attrs).into_iter().collect(),
        serde: serde_rules(attrs),
        functions: BTreeSet::new(),
        direction: Direction::default(),
    })
}

fn field(
    f: &syn::Field,
    defaults: &BTreeMap<String, String>,
    builder: Option<&BTreeMap<String, BuilderStart>>,
    setters: Option<&BTreeMap<String, String>>,
) -> Field {
    let name = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
    let mut serde = serde_rules(&f.attrs);
    let wire = serde.remove("rename").unwrap_or_else(|| name.clone());
    if let Some(function) = serde.get_mut("default")
        && !function.is_empty()
    {
        *function = default_value(function, defaults);
    }
    Field {
        builder: builder.and_then(|b| b.get(&name).cloned()),
        setter: setters.and_then(|s| s.get(&name).cloned()),
        ty: short_type(&f.ty),
        wire,
        serde,
        name,
    }
}

fn variant(v: &syn::Variant) -> Variant {
    let mut serde = serde_rules(&v.attrs);
    let data = match &v.fields {
        syn::Fields::Unit => None,
        syn::Fields::Unnamed(f) => Some(format!(
            "({})",
            f.unnamed
                .iter()
                .map(|f| short_type(&f.ty))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        syn::Fields::Named(f) => Some(format!(
            "{{ {} }}",
            f.named
                .iter()
                .map(|f| format!("{}: {}", f.ident.as_ref().unwrap(), short_type(&f.ty)))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    Variant {
        catches_unknown: serde.contains_key("untagged"),
        name: v.ident.to_string(),
        wire: serde
            .remove("rename")
            .unwrap_or_else(|| v.ident.to_string()),
        data,
    }
}

/// Adds what an `impl` block says about the types it concerns: a trait
/// implemented (for the type, or for another type naming it), public
/// inherent functions, and for newtypes the checks their constructors make.
fn add_impl(types: &mut BTreeMap<String, TypeDef>, names: &BTreeSet<String>, imp: &syn::ItemImpl) {
    let gate = cfg_feature(&imp.attrs)
        .map(|f| format!(" (feature {f})"))
        .unwrap_or_default();
    let self_name = type_ident(&imp.self_ty).filter(|n| names.contains(n));
    match (&imp.trait_, self_name) {
        (None, Some(name)) => {
            let def = types.get_mut(&name).expect("a known type");
            for item in &imp.items {
                if let syn::ImplItem::Fn(f) = item
                    && is_pub(&f.vis)
                {
                    def.functions.insert(f.sig.ident.to_string());
                }
            }
        }
        (Some((_, path, _)), Some(name)) => {
            let def = types.get_mut(&name).expect("a known type");
            def.traits.insert(format!("{}{gate}", short_path(path)));
            if let TypeKind::Newtype { constraints, .. } = &mut def.kind {
                constraints.extend(refusals(imp));
            }
        }
        (Some((_, path, _)), None) => {
            // `impl From<NewThingName> for String`: a trait of another type
            // that consumers use through ours.
            let text = format!("{}: {}{gate}", short_type(&imp.self_ty), short_path(path));
            let named: BTreeSet<String> =
                names_in(&text, |w| names.contains(w)).into_iter().collect();
            for name in named {
                types
                    .get_mut(&name)
                    .expect("a known type")
                    .traits
                    .insert(text.clone());
            }
        }
        (None, None) => {}
    }
}

/// The checks a newtype's constructors make, read from their code: a
/// length compared with a number, a pattern compiled; an `Err(..)` whose
/// check is neither is kept as its message.
fn refusals(imp: &syn::ItemImpl) -> Vec<Constraint> {
    #[derive(Default)]
    struct Checks {
        found: Vec<Constraint>,
        messages: Vec<String>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Checks {
        fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
            let length = compact(binary.left.to_token_stream()).ends_with(".chars().count()");
            if length
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(n),
                    ..
                }) = &*binary.right
                && let Ok(n) = n.base10_parse::<u64>()
            {
                match binary.op {
                    syn::BinOp::Gt(_) => self.found.push(Constraint::MaxLength(n)),
                    syn::BinOp::Lt(_) => self.found.push(Constraint::MinLength(n)),
                    _ => {}
                }
            }
            syn::visit::visit_expr_binary(self, binary);
        }
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let segments: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if p.path.is_ident("Err") {
                    for arg in &call.args {
                        self.messages.extend(string_literals(arg.to_token_stream()));
                    }
                } else if segments.ends_with(&["Regex".to_owned(), "new".to_owned()])
                    && let Some(syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(pattern),
                        ..
                    })) = call.args.first()
                {
                    self.found.push(Constraint::Pattern(pattern.value()));
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut checks = Checks::default();
    syn::visit::Visit::visit_item_impl(&mut checks, imp);
    if checks.found.is_empty() {
        checks.messages.into_iter().map(Constraint::Other).collect()
    } else {
        checks.found
    }
}

/// `fn name() -> T { value }` of the `defaults` module: name → the value,
/// as short text.
fn default_values(items: &[syn::Item]) -> BTreeMap<String, String> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(f) if f.sig.generics.params.is_empty() => {
                let value = match f.block.stmts.last()? {
                    syn::Stmt::Expr(expr, None) => value_text(expr),
                    _ => return None,
                };
                Some((f.sig.ident.to_string(), value))
            }
            _ => None,
        })
        .collect()
}

/// The value a default expression produces, as a consumer would write it:
/// `"low".to_string()` → `"low"`, `super::Size::Small` → `Size::Small`.
fn value_text(expr: &syn::Expr) -> String {
    match expr {
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "to_string" | "to_owned" | "into"
                ) =>
        {
            value_text(&call.receiver)
        }
        // `::std::option::Option::Some(x)` → `Some(x)`.
        syn::Expr::Call(call) if call.args.len() == 1 => {
            let function = match &*call.func {
                syn::Expr::Path(p) => short_path(&p.path),
                other => compact(other.to_token_stream()),
            };
            format!("{function}({})", value_text(&call.args[0]))
        }
        syn::Expr::Path(p) => {
            let segments: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .filter(|s| s != "super" && s != "self" && s != "crate")
                .collect();
            let n = segments.len();
            segments[n.saturating_sub(2)..].join("::")
        }
        other => compact(other.to_token_stream()),
    }
}

/// A field's `#[serde(default = "..")]` function (or a builder's start
/// expression) as the value it produces.
fn default_value(function: &str, defaults: &BTreeMap<String, String>) -> String {
    let function = function.trim_start_matches("super::");
    let Some(name) = function.strip_prefix("defaults::") else {
        return function.to_owned();
    };
    // `default_u64::<i64, 10>`: generic helpers carry the value as their
    // last argument.
    if let Some((_, args)) = name.split_once("::<") {
        return args
            .trim_end_matches('>')
            .rsplit(',')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
    }
    defaults
        .get(name.trim_end_matches("()"))
        .cloned()
        .unwrap_or_else(|| function.to_owned())
}

/// For each struct's builder, the bound of each field's setter
/// (`pub fn name<T>(mut self, value: T) -> Self where T: BOUND`), short.
fn builder_setters(items: &[syn::Item]) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for item in items {
        let syn::Item::Impl(imp) = item else { continue };
        let Some(name) = type_ident(&imp.self_ty).filter(|_| imp.trait_.is_none()) else {
            continue;
        };
        for member in &imp.items {
            let syn::ImplItem::Fn(f) = member else {
                continue;
            };
            let bound = f
                .sig
                .generics
                .where_clause
                .iter()
                .flat_map(|w| &w.predicates)
                .find_map(|predicate| {
                    let syn::WherePredicate::Type(p) = predicate else {
                        return None;
                    };
                    if !matches!(&p.bounded_ty, syn::Type::Path(t) if t.path.is_ident("T")) {
                        return None;
                    }
                    p.bounds.iter().find_map(|b| match b {
                        syn::TypeParamBound::Trait(t) => Some(short_path(&t.path)),
                        _ => None,
                    })
                });
            if let Some(bound) = bound {
                out.entry(name.clone())
                    .or_default()
                    .insert(f.sig.ident.to_string(), bound);
            }
        }
    }
    out
}

/// For each struct's builder, what each field starts as: from the
/// builder's `impl Default`, `Err(..)` for "must be set", else the value.
fn builder_starts(
    items: &[syn::Item],
    defaults: &BTreeMap<String, String>,
) -> BTreeMap<String, BTreeMap<String, BuilderStart>> {
    let field_types: BTreeMap<String, BTreeMap<String, String>> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some((
                s.ident.to_string(),
                s.fields
                    .iter()
                    .filter_map(|f| {
                        let ty = first_type_argument(&f.ty).map(short_type)?;
                        Some((f.ident.as_ref()?.to_string(), ty))
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    let mut out = BTreeMap::new();
    for item in items {
        let syn::Item::Impl(imp) = item else { continue };
        let is_default = imp
            .trait_
            .as_ref()
            .is_some_and(|(_, path, _)| short_path(path) == "Default");
        let Some(name) = type_ident(&imp.self_ty).filter(|_| is_default) else {
            continue;
        };
        let Some(syn::Expr::Struct(init)) = imp.items.iter().find_map(|i| match i {
            syn::ImplItem::Fn(f) => match f.block.stmts.last() {
                Some(syn::Stmt::Expr(e, None)) => Some(e),
                _ => None,
            },
            _ => None,
        }) else {
            continue;
        };
        let types = field_types.get(&name);
        let starts = init
            .fields
            .iter()
            .filter_map(|fv| {
                let syn::Member::Named(field) = &fv.member else {
                    return None;
                };
                let field = field.to_string();
                let ty = types.and_then(|t| t.get(&field)).map(String::as_str);
                Some((field, start(&fv.expr, ty, defaults)))
            })
            .collect();
        out.insert(name, starts);
    }
    out
}

/// `Err(..)` → must be set; `Ok(Default::default())` → what the type's
/// default is; `Ok(super::defaults::f())` → the value `f` returns.
fn start(expr: &syn::Expr, ty: Option<&str>, defaults: &BTreeMap<String, String>) -> BuilderStart {
    let syn::Expr::Call(call) = expr else {
        return BuilderStart::Value(compact(expr.to_token_stream()));
    };
    let constructor = compact(call.func.to_token_stream());
    if constructor == "Err" {
        return BuilderStart::MustBeSet;
    }
    let Some(value) = call.args.first() else {
        return BuilderStart::Value(compact(expr.to_token_stream()));
    };
    let text = compact(value.to_token_stream());
    if text.ends_with("Default::default()") {
        let ty = ty.unwrap_or_default();
        return BuilderStart::Value(
            if ty.starts_with("Option<") {
                "None"
            } else if ty.starts_with("Vec<") || ty.contains("Map<") || ty.contains("Set<") {
                "empty"
            } else {
                "Default::default()"
            }
            .to_owned(),
        );
    }
    let function = text.trim_end_matches("()");
    BuilderStart::Value(default_value(function, defaults))
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::syntax::wire_names_of_fields;

    /// codegen's `wire_names_of_fields` (what the secret passes read) reads the structs and wire names `read`
    /// reads: asked for every field of our generated client, it gives each
    /// struct's fields as `read` does.
    #[test]
    fn wire_names_of_fields_agree_with_read() {
        let text = std::fs::read_to_string(
            workspace_files::root().join("generated-client/src/generated.rs"),
        )
        .unwrap();
        let file = syn::parse_file(&text).unwrap();
        let from_read: BTreeMap<String, Vec<String>> = read(&file)
            .into_values()
            .filter_map(|def| match def.kind {
                TypeKind::Struct { fields } if !fields.is_empty() => {
                    Some((def.name, fields.into_iter().map(|f| f.wire).collect()))
                }
                _ => None,
            })
            .collect();
        assert!(
            from_read
                .values()
                .flatten()
                .any(|wire| wire == "expires_in")
        );
        assert_eq!(wire_names_of_fields(&file, |_| true, |_| true), from_read);
        let secret = wire_names_of_fields(&file, |_| true, |ty| ty.contains("Secret"));
        assert_eq!(
            secret.get("CreatedToken").map(Vec::as_slice),
            Some(&["token".to_owned()][..])
        );
    }
}
