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
//! openapi_client_runtime::{Error, Secret, ..}`) is read as one of its
//! modules when its files are given too, under `runtime/src/` (where the
//! runtime sits inside the generated crate's folder): what a consumer can
//! name of it is part of what the crate gives them.
//!
//! This module is what is read (`Item`) and from which files; `reader.rs`
//! walks the modules and the re-exports.

mod reader;

use std::collections::BTreeMap;

use codegen::syntax::compact;
use reader::Reader;

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
                "pub use openapi_client_runtime::{Error, Secret};\n",
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
            "pub use openapi_client_runtime::{Error, Secret};\n",
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
