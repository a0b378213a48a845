//! Walking the layer: the crate root's modules and re-exports, each
//! public item with its fields, variants, methods and trait impls, the
//! feature each needs, and the re-exported crates read as modules.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;

use codegen::syntax::{
    cfg_feature, derives, has_attr, is_pub, short_path, short_type, string_attrs, type_ident,
};

use super::{Item, ItemKind, signature};

/// The crates the layer re-exports, read from their files when given: the
/// name the code writes, and the crate's root among the files.
const DEPENDENCY_CRATES: [(&str, &str); 1] = [(
    codegen::runtime_contract::RUNTIME_CRATE,
    "runtime/src/lib.rs",
)];

struct Module<'a> {
    file: &'a str,
    items: &'a [syn::Item],
    feature: Option<String>,
}

pub(super) struct Reader<'a> {
    pub(super) out: BTreeMap<String, Item>,
    pub(super) files: &'a BTreeMap<&'a str, syn::File>,
}

impl<'a> Reader<'a> {
    pub(super) fn crate_root(&mut self, lib: &'a syn::File) {
        let mut modules: BTreeMap<String, Module<'a>> = BTreeMap::new();
        let mut public_modules = Vec::new();
        for item in &lib.items {
            let syn::Item::Mod(m) = item else { continue };
            if m.content.is_some() || skipped(&m.attrs) {
                continue;
            }
            let candidates = match string_attrs(&m.attrs, "path").next() {
                Some(path) => vec![format!("src/{path}")],
                None => vec![
                    format!("src/{}.rs", m.ident),
                    format!("src/{}/mod.rs", m.ident),
                ],
            };
            // A generated module (or one whose file is not given) has no
            // hand-written items.
            let Some((file, parsed)) = candidates
                .iter()
                .find_map(|file| self.files.get_key_value(file.as_str()))
            else {
                continue;
            };
            let name = m.ident.to_string();
            if is_pub(&m.vis) {
                public_modules.push(name.clone());
            }
            let feature = cfg_feature(&m.attrs);
            self.children(&name, file, &parsed.items, &feature, &mut modules);
            modules.insert(
                name,
                Module {
                    file,
                    items: &parsed.items,
                    feature,
                },
            );
        }
        for (krate, root) in DEPENDENCY_CRATES {
            let Some((file, parsed)) = self.files.get_key_value(root) else {
                continue;
            };
            self.children(krate, file, &parsed.items, &None, &mut modules);
            modules.insert(
                krate.to_owned(),
                Module {
                    file,
                    items: &parsed.items,
                    feature: None,
                },
            );
        }
        // Public types by their name in the code → their public path.
        let mut types: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
        let root = Module {
            file: "src/lib.rs",
            items: &lib.items,
            feature: None,
        };
        for item in &lib.items {
            if !skipped(item_attrs(item)) {
                self.item(&root, item, "", None, &mut types);
            }
            let syn::Item::Use(u) = item else { continue };
            if !is_pub(&u.vis) || skipped(&u.attrs) {
                continue;
            }
            let feature = cfg_feature(&u.attrs);
            for (module, name, public) in use_paths(&u.tree) {
                for (m, item) in exported(&modules, &module, &name) {
                    let public = if name == "*" {
                        item_name(item).unwrap_or_default()
                    } else {
                        public.clone()
                    };
                    let m = Module {
                        file: m.file,
                        items: m.items,
                        feature: feature.clone().or(m.feature.clone()),
                    };
                    self.item(&m, item, "", Some(&public), &mut types);
                }
            }
        }
        for name in &public_modules {
            let m = &modules[name];
            self.out.insert(
                name.clone(),
                Item {
                    kind: ItemKind::Module,
                    signature: format!("mod {name}"),
                    file: m.file.to_owned(),
                    exported_by: None,
                    feature: m.feature.clone(),
                    open: true,
                    provided: false,
                },
            );
            for item in m.items.iter().filter(|i| !skipped(item_attrs(i))) {
                self.item(m, item, &format!("{name}::"), None, &mut types);
            }
        }
        // Members of the public types, wherever their impls are written.
        let all: Vec<Module<'a>> = std::iter::once(root).chain(modules.into_values()).collect();
        for m in &all {
            for item in m.items {
                if let syn::Item::Impl(imp) = item
                    && !skipped(&imp.attrs)
                {
                    self.impl_block(m, imp, &types);
                }
            }
        }
    }

    /// The modules declared in `file` (a folder module such as
    /// `src/runtime/mod.rs` holding `mod error;`), as `parent::child`, and
    /// theirs: their items are reached through the parent's `pub use`s.
    fn children(
        &self,
        parent: &str,
        file: &str,
        items: &'a [syn::Item],
        feature: &Option<String>,
        modules: &mut BTreeMap<String, Module<'a>>,
    ) {
        let dir = file
            .strip_suffix("mod.rs")
            .or_else(|| file.strip_suffix("lib.rs"))
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{}/", file.trim_end_matches(".rs")));
        for item in items {
            let syn::Item::Mod(m) = item else { continue };
            if m.content.is_some() || skipped(&m.attrs) {
                continue;
            }
            let child = format!("{dir}{}.rs", m.ident);
            let Some((file, parsed)) = self.files.get_key_value(child.as_str()) else {
                continue;
            };
            let key = format!("{parent}::{}", m.ident);
            let feature = cfg_feature(&m.attrs).or(feature.clone());
            self.children(&key, file, &parsed.items, &feature, modules);
            modules.insert(
                key,
                Module {
                    file,
                    items: &parsed.items,
                    feature,
                },
            );
        }
    }

    /// A public item of module `m`, at `prefix` + its name (or `rename`).
    fn item(
        &mut self,
        m: &Module<'_>,
        item: &syn::Item,
        prefix: &str,
        rename: Option<&str>,
        types: &mut BTreeMap<String, (String, Option<String>)>,
    ) {
        let visible = match item {
            syn::Item::Struct(i) => is_pub(&i.vis),
            syn::Item::Enum(i) => is_pub(&i.vis),
            syn::Item::Trait(i) => is_pub(&i.vis),
            syn::Item::Fn(i) => is_pub(&i.vis),
            syn::Item::Const(i) => is_pub(&i.vis),
            syn::Item::Static(i) => is_pub(&i.vis),
            syn::Item::Type(i) => is_pub(&i.vis),
            _ => false,
        };
        // A re-export names private items too (`pub use config::X` of a
        // `pub struct X` in a private module).
        let Some(name) = item_name(item).filter(|_| visible) else {
            return;
        };
        let path = format!("{prefix}{}", rename.unwrap_or(&name));
        let feature = cfg_feature(item_attrs(item)).or(m.feature.clone());
        let exported_by = rename
            .map(|_| "src/lib.rs".to_owned())
            .filter(|l| l != m.file);
        let entry = |kind, signature: String, open| Item {
            kind,
            signature,
            file: m.file.to_owned(),
            exported_by: exported_by.clone(),
            feature: feature.clone(),
            open,
            provided: false,
        };
        // Derived traits are impls too: `#[derive(Clone)]` is `X: Clone`.
        let attrs = item_attrs(item);
        if matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)) {
            for derived in derives(attrs) {
                let (name, gate) = match derived.split_once(" (feature ") {
                    Some((t, f)) => (t.to_owned(), Some(f.trim_end_matches(')').to_owned())),
                    None => (derived.clone(), None),
                };
                self.out.insert(
                    format!("{path}: {name}"),
                    Item {
                        kind: ItemKind::TraitImpl,
                        signature: format!("#[derive({name})]"),
                        file: m.file.to_owned(),
                        exported_by: None,
                        feature: gate.or(feature.clone()),
                        open: false,
                        provided: false,
                    },
                );
            }
        }
        match item {
            syn::Item::Struct(s) => {
                let private_field = s.fields.iter().any(|f| !is_pub(&f.vis));
                let open = has_attr(&s.attrs, "non_exhaustive") || private_field;
                let generics = signature(s.generics.to_token_stream());
                self.out.insert(
                    path.clone(),
                    entry(ItemKind::Struct, format!("struct {name}{generics}"), open),
                );
                for (i, f) in s.fields.iter().enumerate() {
                    if !is_pub(&f.vis) {
                        continue;
                    }
                    let field = f
                        .ident
                        .as_ref()
                        .map_or_else(|| i.to_string(), ToString::to_string);
                    self.out.insert(
                        format!("{path}.{field}"),
                        entry(
                            ItemKind::Field,
                            format!("{field}: {}", short_type(&f.ty)),
                            false,
                        ),
                    );
                }
                types.insert(name, (path, feature.clone()));
            }
            syn::Item::Enum(e) => {
                let open = has_attr(&e.attrs, "non_exhaustive");
                let generics = signature(e.generics.to_token_stream());
                self.out.insert(
                    path.clone(),
                    entry(ItemKind::Enum, format!("enum {name}{generics}"), open),
                );
                for v in e.variants.iter().filter(|v| !skipped(&v.attrs)) {
                    let mut v = v.clone();
                    v.attrs.clear();
                    for f in v.fields.iter_mut() {
                        f.attrs.clear();
                    }
                    let text = signature(v.to_token_stream())
                        .replace('{', " { ")
                        .replace(", }", " }");
                    self.out.insert(
                        format!("{path}::{}", v.ident),
                        entry(ItemKind::Variant, text, false),
                    );
                }
                types.insert(name, (path, feature.clone()));
            }
            syn::Item::Trait(t) => {
                let generics = signature(t.generics.to_token_stream());
                let supertraits = if t.supertraits.is_empty() {
                    String::new()
                } else {
                    format!(": {}", signature(t.supertraits.to_token_stream()))
                };
                self.out.insert(
                    path.clone(),
                    entry(
                        ItemKind::Trait,
                        format!("trait {name}{generics}{supertraits}"),
                        false,
                    ),
                );
                for member in &t.items {
                    if let syn::TraitItem::Fn(f) = member
                        && !skipped(&f.attrs)
                    {
                        let mut method =
                            entry(ItemKind::Method, signature(f.sig.to_token_stream()), false);
                        method.provided = f.default.is_some();
                        self.out.insert(format!("{path}::{}", f.sig.ident), method);
                    }
                }
                types.insert(name, (path, feature.clone()));
            }
            syn::Item::Fn(f) => {
                self.out.insert(
                    path,
                    entry(
                        ItemKind::Function,
                        signature(f.sig.to_token_stream()),
                        false,
                    ),
                );
            }
            syn::Item::Const(c) => {
                let signature = format!(
                    "const {name}: {} = {}",
                    short_type(&c.ty),
                    signature(c.expr.to_token_stream())
                );
                self.out
                    .insert(path, entry(ItemKind::Const, signature, false));
            }
            syn::Item::Static(s) => {
                let signature = format!("static {name}: {}", short_type(&s.ty));
                self.out
                    .insert(path, entry(ItemKind::Static, signature, false));
            }
            syn::Item::Type(t) => {
                let signature = format!(
                    "type {name}{} = {}",
                    signature(t.generics.to_token_stream()),
                    short_type(&t.ty)
                );
                self.out
                    .insert(path.clone(), entry(ItemKind::TypeAlias, signature, false));
                types.insert(name, (path, feature.clone()));
            }
            _ => {}
        }
    }

    /// The public methods of an inherent impl of a public type, and a trait
    /// impl where the type or the trait is public.
    fn impl_block(
        &mut self,
        m: &Module<'_>,
        imp: &syn::ItemImpl,
        types: &BTreeMap<String, (String, Option<String>)>,
    ) {
        let own = type_ident(&imp.self_ty).and_then(|n| types.get(&n));
        let feature = || {
            cfg_feature(&imp.attrs)
                .or(m.feature.clone())
                .or(own.and_then(|(_, f)| f.clone()))
        };
        match &imp.trait_ {
            None => {
                let Some((path, _)) = own else { return };
                for member in &imp.items {
                    let syn::ImplItem::Fn(f) = member else {
                        continue;
                    };
                    if !is_pub(&f.vis) || skipped(&f.attrs) {
                        continue;
                    }
                    self.out.insert(
                        format!("{path}::{}", f.sig.ident),
                        Item {
                            kind: ItemKind::Method,
                            signature: signature(f.sig.to_token_stream()),
                            file: m.file.to_owned(),
                            exported_by: None,
                            feature: cfg_feature(&f.attrs).or(feature()),
                            open: false,
                            provided: false,
                        },
                    );
                }
            }
            Some((negative, trait_path, _)) => {
                let trait_public = trait_path
                    .segments
                    .last()
                    .is_some_and(|s| types.contains_key(&s.ident.to_string()));
                if own.is_none() && !trait_public {
                    return;
                }
                let not = if negative.is_some() { "!" } else { "" };
                // The type as a consumer names it (`fake::FakeServer`), with
                // its generic arguments (`Error<E>`).
                let self_ty = short_type(&imp.self_ty);
                let self_ty = match own {
                    Some((path, _)) => {
                        let ident = type_ident(&imp.self_ty).unwrap_or_default();
                        format!("{path}{}", &self_ty[ident.len().min(self_ty.len())..])
                    }
                    None => self_ty,
                };
                let key = format!("{self_ty}: {not}{}", short_path(trait_path));
                let generics = signature(imp.generics.to_token_stream());
                let bounds = imp
                    .generics
                    .where_clause
                    .as_ref()
                    .map(|w| format!(" {}", signature(w.to_token_stream())))
                    .unwrap_or_default();
                self.out.insert(
                    key,
                    Item {
                        kind: ItemKind::TraitImpl,
                        signature: format!(
                            "impl{generics} {not}{} for {}{bounds}",
                            signature(trait_path.to_token_stream()),
                            signature(imp.self_ty.to_token_stream())
                        ),
                        file: m.file.to_owned(),
                        exported_by: None,
                        feature: feature(),
                        open: false,
                        provided: false,
                    },
                );
            }
        }
    }
}

/// The items `module::name` names (`*`: every item it exports), with the
/// module that writes each: its own, and those its `pub use`s re-export
/// from its child modules (`runtime` re-exports `runtime::error::Error`).
fn exported<'m, 'a>(
    modules: &'m BTreeMap<String, Module<'a>>,
    module: &str,
    name: &str,
) -> Vec<(&'m Module<'a>, &'a syn::Item)> {
    let Some(m) = modules.get(module) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for item in m.items.iter().filter(|i| !skipped(item_attrs(i))) {
        if item_name(item).is_some_and(|n| name == "*" || n == name) {
            found.push((m, item));
        }
        if let syn::Item::Use(u) = item
            && is_pub(&u.vis)
        {
            for (child, inner, public) in use_paths(&u.tree) {
                if name == "*" || public == name {
                    found.extend(exported(modules, &format!("{module}::{child}"), &inner));
                }
            }
        }
    }
    found
}

/// `(module, name, public name)` for each path of a `use` tree whose first
/// segment is a module of the crate: `config::{A, B as C}` gives
/// `(config, A, A)` and `(config, B, C)`; `m::*` gives `(m, *, *)`.
fn use_paths(tree: &syn::UseTree) -> Vec<(String, String, String)> {
    fn walk(tree: &syn::UseTree, module: Option<&str>, out: &mut Vec<(String, String, String)>) {
        match tree {
            syn::UseTree::Path(p) => {
                let segment = p.ident.to_string();
                match module {
                    // `crate::m::X` and `self::m::X` are `m::X`.
                    None if segment == "crate" || segment == "self" => walk(&p.tree, None, out),
                    None => walk(&p.tree, Some(&segment), out),
                    // Deeper paths: not this crate's layout.
                    Some(_) => {}
                }
            }
            syn::UseTree::Name(n) => {
                if let Some(m) = module {
                    let name = n.ident.to_string();
                    out.push((m.to_owned(), name.clone(), name));
                }
            }
            syn::UseTree::Rename(r) => {
                if let Some(m) = module {
                    out.push((m.to_owned(), r.ident.to_string(), r.rename.to_string()));
                }
            }
            syn::UseTree::Glob(_) => {
                if let Some(m) = module {
                    out.push((m.to_owned(), "*".to_owned(), "*".to_owned()));
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    walk(t, module, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(tree, None, &mut out);
    out
}

fn item_name(item: &syn::Item) -> Option<String> {
    Some(
        match item {
            syn::Item::Struct(i) => &i.ident,
            syn::Item::Enum(i) => &i.ident,
            syn::Item::Trait(i) => &i.ident,
            syn::Item::Fn(i) => &i.sig.ident,
            syn::Item::Const(i) => &i.ident,
            syn::Item::Static(i) => &i.ident,
            syn::Item::Type(i) => &i.ident,
            _ => return None,
        }
        .to_string(),
    )
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        _ => &[],
    }
}

/// Not part of the public API: `#[doc(hidden)]`, `#[cfg(test)]`,
/// `#[cfg(doctest)]`.
fn skipped(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let words: BTreeSet<String> = match &a.meta {
            syn::Meta::List(list) if a.path().is_ident("doc") || a.path().is_ident("cfg") => list
                .tokens
                .clone()
                .into_iter()
                .map(|t| t.to_string())
                .collect(),
            _ => return false,
        };
        (a.path().is_ident("doc") && words.contains("hidden"))
            || (a.path().is_ident("cfg") && (words.contains("test") || words.contains("doctest")))
    })
}
