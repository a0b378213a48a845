//! The public API of the crate's hand-written layer, read with syn from its
//! source files: what a consumer can name besides the generated code.
//!
//! In: the crate's files as `(path relative to the crate, text)`, with
//! `src/lib.rs` among them. Out: every public item by the path a consumer
//! writes (`ClientBuilder`, `ClientBuilder::timeout`, `fake::FakeServer`,
//! `Secret: From<&str>`), with its signature, the file that defines it and
//! the feature it needs.
//!
//! Public means reachable from outside: an item `lib.rs` defines or
//! re-exports with `pub use`, every `pub` item of a `pub mod`, and the
//! public fields, variants, methods and trait impls of those types. Items
//! hidden from the docs (`#[doc(hidden)]`), `#[cfg(test)]` and
//! `#[cfg(doctest)]` ones, the generated files (their first line says
//! `@generated`) and `src/bin/` are left out: the generated code has its
//! own model, and a binary has no Rust API. Modules are those `lib.rs`
//! declares, one level deep, as this crate has them.
//!
//! The runtime crate the layer re-exports (`pub use
//! quantcdn_client_runtime::{Error, Secret, ..}`) is read as one of its
//! modules when its files are given too, under `runtime/src/` (where the
//! runtime sits inside the generated crate's folder): what a consumer can
//! name of it is part of what the crate gives them.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;

use codegen::syntax::{
    cfg_feature, compact, derives, has_attr, is_pub, short_path, short_type, string_attrs,
    type_ident,
};

/// A signature as a person writes it: `fn timeout(self, t: u64) -> Self`.
fn signature(tokens: proc_macro2::TokenStream) -> String {
    let text = compact(tokens);
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            ',' => out.push_str(", "),
            ':' if prev != Some(':') && next != Some(':') => out.push_str(": "),
            '-' if next == Some('>') => out.push_str(" -"),
            '>' if prev == Some('-') => out.push_str("> "),
            '=' if prev != Some('=')
                && next != Some('=')
                && prev != Some('>')
                && prev != Some('<') =>
            {
                out.push_str(" = ")
            }
            _ => out.push(c),
        }
    }
    out.replace("  ", " ")
}

/// One public item of the hand-written layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// What a consumer's code depends on, in one line:
    /// `fn timeout(self, timeout: Duration) -> Self`, `const TOKEN_VAR: &str = "QUANT_API_TOKEN"`.
    pub signature: String,
    /// The file it is written in, relative to the crate (`src/config.rs`).
    pub file: String,
    /// The file whose `pub use` makes it public, when that is another
    /// (`src/lib.rs`).
    pub exported_by: Option<String>,
    /// The feature it needs, when it is behind one.
    pub feature: Option<String>,
    /// For structs and enums: whether it can grow without breaking code
    /// outside the crate (`#[non_exhaustive]`, or a struct with a private
    /// field, which no struct literal outside can build).
    pub open: bool,
    /// For a trait's method: whether the trait provides a body, so that
    /// implementations need not write one.
    pub provided: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Struct,
    Enum,
    Trait,
    Function,
    Const,
    Static,
    TypeAlias,
    Module,
    /// A public field of a public struct (`Created.token`).
    Field,
    /// A variant of a public enum (`Fault::CloseBeforeActing`).
    Variant,
    /// A public method, or a trait's method (`ClientBuilder::timeout`).
    Method,
    /// `impl Trait for Type` (`Secret: From<&str>`).
    TraitImpl,
    /// A cargo feature of the crate (read from its manifest, not here).
    Feature,
}

impl ItemKind {
    pub fn word(self) -> &'static str {
        match self {
            ItemKind::Struct => "struct",
            ItemKind::Enum => "enum",
            ItemKind::Trait => "trait",
            ItemKind::Function => "function",
            ItemKind::Const => "constant",
            ItemKind::Static => "static",
            ItemKind::TypeAlias => "type alias",
            ItemKind::Module => "module",
            ItemKind::Field => "field",
            ItemKind::Variant => "variant",
            ItemKind::Method => "method",
            ItemKind::TraitImpl => "trait impl",
            ItemKind::Feature => "feature",
        }
    }
}

/// A hand-written file that does not parse: the file and syn's message
/// (without proc-macro2's `span-locations`, which would slow every parse of
/// codegen, syn gives no line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsable {
    pub file: String,
    pub message: String,
}

/// The public items of the hand-written layer, by public path.
pub fn read(files: &[(String, String)]) -> Result<BTreeMap<String, Item>, Unparsable> {
    let mut parsed: BTreeMap<&str, syn::File> = BTreeMap::new();
    for (path, text) in files {
        if is_generated(text) || path.starts_with("src/bin/") {
            continue;
        }
        let unparsable = |message: String| Unparsable {
            file: path.clone(),
            message,
        };
        let tokens: proc_macro2::TokenStream = text
            .parse()
            .map_err(|e: proc_macro2::LexError| unparsable(e.to_string()))?;
        let file: syn::File =
            syn::parse2(without_bodies(tokens)).map_err(|e| unparsable(e.to_string()))?;
        parsed.insert(path, file);
    }
    let Some(lib) = parsed.get("src/lib.rs") else {
        return Ok(BTreeMap::new());
    };
    let mut reader = Reader {
        out: BTreeMap::new(),
        files: &parsed,
    };
    reader.crate_root(lib);
    Ok(reader.out)
}

/// The tokens with every function's body emptied and the doc comments
/// left out: the public API is in the signatures, and bodies and docs are
/// most of the text syn would otherwise parse (`cargo xtask diff` reads the
/// layer on every run). A body is the brace group after `fn` and its
/// signature, before any `;`; a doc comment is `#[doc = ".."]` (the
/// `#[doc(hidden)]` that hides an item stays).
fn without_bodies(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let is_doc_comment = |tree: &TokenTree| match tree {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
            let mut inner = g.stream().into_iter();
            matches!(inner.next(), Some(TokenTree::Ident(i)) if i == "doc")
                && matches!(inner.next(), Some(TokenTree::Punct(p)) if p.as_char() == '=')
        }
        _ => false,
    };
    let mut out: Vec<TokenTree> = Vec::new();
    let mut in_signature = false;
    for tree in tokens {
        // `#` then `[doc = ".."]` (or `#`, `!`, `[..]`): both go.
        if is_doc_comment(&tree) {
            if matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                out.pop();
            }
            if matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '#') {
                out.pop();
                continue;
            }
        }
        match tree {
            TokenTree::Ident(ident) => {
                in_signature |= ident == "fn";
                out.push(TokenTree::Ident(ident));
            }
            TokenTree::Group(group) if in_signature && group.delimiter() == Delimiter::Brace => {
                in_signature = false;
                let mut empty = Group::new(Delimiter::Brace, proc_macro2::TokenStream::new());
                empty.set_span(group.span());
                out.push(TokenTree::Group(empty));
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), without_bodies(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            TokenTree::Punct(punct) => {
                if punct.as_char() == ';' {
                    in_signature = false;
                }
                out.push(TokenTree::Punct(punct));
            }
            literal => out.push(literal),
        }
    }
    out.into_iter().collect()
}

/// The first line of a generated file says so (codegen's header).
fn is_generated(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| l.contains("@generated"))
}

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

struct Reader<'a> {
    out: BTreeMap<String, Item>,
    files: &'a BTreeMap<&'a str, syn::File>,
}

impl<'a> Reader<'a> {
    fn crate_root(&mut self, lib: &'a syn::File) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn re_exports_public_modules_and_members_are_read() {
        let items = read(&files(&[
            (
                "src/lib.rs",
                "mod config;\n#[cfg(feature = \"fake\")]\npub mod fake;\n#[rustfmt::skip]\nmod generated;\n\
                 pub use config::{Builder, VAR as TOKEN_VAR};\n#[doc(hidden)]\npub use config::hidden;\npub use generated::*;\n",
            ),
            (
                "src/config.rs",
                "pub struct Builder { inner: u8 }\nimpl Builder {\n    pub fn timeout(self, t: u64) -> Self { self }\n    fn private(&self) {}\n}\n\
                 impl std::fmt::Debug for Builder { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { Ok(()) } }\n\
                 pub const VAR: &str = \"QUANT_API_TOKEN\";\npub fn hidden() {}\npub struct NotExported;\n",
            ),
            (
                "src/fake.rs",
                "#[non_exhaustive]\npub enum Fault { Close, Status(u16) }\n#[derive(Clone)]\npub struct Token { pub id: i64 }\n",
            ),
            ("src/generated.rs", "// @generated by codegen\npub struct Generated;\n"),
        ]))
        .unwrap();
        let listed: Vec<String> = items
            .iter()
            .map(|(path, item)| {
                let feature = item
                    .feature
                    .as_deref()
                    .map(|f| format!(" [{f}]"))
                    .unwrap_or_default();
                format!("{path}: {} `{}`{feature}", item.kind.word(), item.signature)
            })
            .collect();
        assert_eq!(
            listed,
            [
                "Builder: struct `struct Builder`",
                "Builder: Debug: trait impl `impl std::fmt::Debug for Builder`",
                "Builder::timeout: method `fn timeout(self, t: u64) -> Self`",
                "TOKEN_VAR: constant `const VAR: &str = \"QUANT_API_TOKEN\"`",
                "fake: module `mod fake` [fake]",
                "fake::Fault: enum `enum Fault` [fake]",
                "fake::Fault::Close: variant `Close` [fake]",
                "fake::Fault::Status: variant `Status(u16)` [fake]",
                "fake::Token: struct `struct Token` [fake]",
                "fake::Token.id: field `id: i64` [fake]",
                "fake::Token: Clone: trait impl `#[derive(Clone)]` [fake]",
            ],
        );
        assert!(
            items["Builder"].open,
            "a private field: no literals outside"
        );
        assert!(items["fake::Fault"].open);
        assert!(!items["fake::Token"].open);
    }

    #[test]
    fn a_folder_module_re_exports_its_children_items() {
        let items = read(&files(&[
            (
                "src/lib.rs",
                "mod runtime;\npub use runtime::{Error, Secret as Hidden};\n",
            ),
            (
                "src/runtime/mod.rs",
                "mod error;\nmod secret;\npub use error::Error;\npub use secret::Secret;\n",
            ),
            (
                "src/runtime/error.rs",
                "pub enum Error { A }\nimpl Error { pub fn status(&self) -> u16 { 0 } }\n",
            ),
            ("src/runtime/secret.rs", "pub struct Secret(String);\n"),
        ]))
        .unwrap();
        let error = &items["Error"];
        assert_eq!(error.file, "src/runtime/error.rs");
        assert_eq!(error.exported_by.as_deref(), Some("src/lib.rs"));
        assert_eq!(items["Error::status"].file, "src/runtime/error.rs");
        assert_eq!(items["Hidden"].file, "src/runtime/secret.rs");
        assert!(!items.contains_key("Secret"), "{:?}", items.keys());
    }

    #[test]
    fn the_runtime_crates_re_exported_items_are_read_from_its_files() {
        let items = read(&files(&[
            (
                "src/lib.rs",
                "pub use quantcdn_client_runtime::{Error, Secret};\n",
            ),
            (
                "runtime/src/lib.rs",
                "mod error;\nmod secret;\npub use error::Error;\npub use secret::Secret;\n",
            ),
            (
                "runtime/src/error.rs",
                "pub enum Error { A }\nimpl Error { pub fn status(&self) -> u16 { 0 } }\n",
            ),
            (
                "runtime/src/secret.rs",
                "pub struct Secret(String);\nimpl From<String> for Secret { fn from(s: String) -> Self { Secret(s) } }\n",
            ),
        ]))
        .unwrap();
        assert_eq!(items["Error"].file, "runtime/src/error.rs");
        assert_eq!(items["Error"].exported_by.as_deref(), Some("src/lib.rs"));
        assert_eq!(items["Error::status"].file, "runtime/src/error.rs");
        assert!(
            items.contains_key("Secret: From<String>"),
            "{:?}",
            items.keys()
        );
        // Without the runtime's files, nothing of it is known.
        let alone = read(&files(&[(
            "src/lib.rs",
            "pub use quantcdn_client_runtime::{Error, Secret};\n",
        )]))
        .unwrap();
        assert!(alone.is_empty(), "{:?}", alone.keys());
    }

    #[test]
    fn a_file_that_does_not_parse_is_named_with_its_place() {
        let error = read(&files(&[
            ("src/lib.rs", "mod a;\n"),
            ("src/a.rs", "pub fn ("),
        ]))
        .unwrap_err();
        assert_eq!(error.file, "src/a.rs");
        assert!(!error.message.is_empty());
    }
}
