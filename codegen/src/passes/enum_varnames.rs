//! `x-enum-varnames`: Rust names for the values of a string enum.
//!
//! typify names a variant after its value and prefixes values that do not
//! start with a letter with `X`, so `30d` becomes `ExpiresIn::X30d`. A schema
//! under `components.schemas` may list one name per value instead, the
//! convention OpenAPI Generator and NSwag read too:
//!
//! ```yaml
//! ExpiresIn:
//!   type: string
//!   enum: [30d, never]
//!   x-enum-varnames: [Days30, Never]
//! ```
//!
//! The wire values are unchanged (typify keeps them in `#[serde(rename)]`,
//! `Display` and `FromStr`); only the Rust identifiers change, everywhere the
//! generated code names them.
//!
//! Enums whose values typify cannot name apart (`add` and `Add` are both
//! `Add`; typify then panics) are named here too, for `--normalize`: the
//! normalisation (`normalize::indistinct_enum_values`) replaces each value of such an
//! enum by a placeholder that carries it (so typify names the variants
//! apart), and [`apply`] gives the variants the names of [`names_for`] and
//! puts the values back, in every string of the generated code.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};

use super::shared_walk::{self, NodePass, Reach};
use crate::CodegenError;

const EXTENSION: &str = "x-enum-varnames";

/// The variant renames one enum gets: its type name, old → new identifiers.
#[derive(Clone)]
struct Renames {
    type_name: String,
    /// Plain strings, not `syn::Ident`s: the renames travel to the threads
    /// that generate the other targets, and syn's tokens cannot.
    renames: BTreeMap<String, String>,
}

/// Every change to variants found in the client, to apply to the files
/// that use its types too.
#[derive(Clone, Default)]
pub(crate) struct Variants {
    renames: Vec<Renames>,
    /// Placeholder → the value it stands for.
    values: BTreeMap<String, String>,
}

/// The types half: [`apply`], the renames kept for the other parts.
pub(super) fn name_variants(
    types: &mut syn::File,
    facts: &mut super::Facts<'_>,
) -> Result<(), CodegenError> {
    facts.found.renames = std::sync::Arc::new(apply(facts.spec, types, facts.spec_name)?);
    Ok(())
}

/// The other parts: the types half's renames, followed.
pub(super) fn follow_renames(facts: &super::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(Follow::new(Arc::clone(&facts.found.renames)))
}

/// Applies `variants` to `file` (the types half, where they were found)
/// as the other parts follow them: one walk of [`Follow`].
fn follow(variants: &Arc<Variants>, file: &mut syn::File) {
    shared_walk::walk_only(file, vec![Box::new(Follow::new(Arc::clone(variants)))]);
}

/// Variant renames and placeholder values applied to a file that defines or
/// uses the types (the CLI names `types::ExpiresIn::X30d`, for example):
/// every rename in one walk, each name put through the renames of its enum
/// in order, and every placeholder in a string back to its value.
struct Follow {
    variants: Arc<Variants>,
    /// The type of each `impl` the walk is in, innermost last.
    impls: Vec<Option<String>>,
}

impl Follow {
    fn new(variants: Arc<Variants>) -> Self {
        Follow {
            variants,
            impls: Vec::new(),
        }
    }

    fn rename(&self, owner: &str, ident: &mut syn::Ident) {
        for renames in self
            .variants
            .renames
            .iter()
            .filter(|r| r.type_name == owner)
        {
            if let Some(new) = renames.renames.get(&ident.to_string()) {
                *ident = syn::Ident::new(new, ident.span());
            }
        }
    }
}

impl NodePass for Follow {
    fn reach(&self) -> Reach {
        Reach::ALL
    }

    fn enter_impl(&mut self, item: &syn::ItemImpl) {
        if !self.variants.renames.is_empty() {
            self.impls.push(match &*item.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            });
        }
    }

    fn leave_impl(&mut self) {
        self.impls.pop();
    }

    fn item_enum(&mut self, item: &mut syn::ItemEnum) {
        if self.variants.renames.is_empty() {
            return;
        }
        let owner = item.ident.to_string();
        for variant in &mut item.variants {
            self.rename(&owner, &mut variant.ident);
        }
    }

    /// `ExpiresIn::X30d` anywhere, and `Self::X30d` inside `impl .. ExpiresIn`.
    fn path(&mut self, path: &mut syn::Path) {
        let n = path.segments.len();
        if n < 2 || self.variants.renames.is_empty() {
            return;
        }
        let mut owner = path.segments[n - 2].ident.to_string();
        if owner == "Self" {
            match self.impls.last() {
                Some(Some(own)) => owner.clone_from(own),
                _ => return,
            }
        }
        self.rename(&owner, &mut path.segments[n - 1].ident);
    }

    fn lit_str(&mut self, lit: &mut syn::LitStr) {
        if !self.variants.values.is_empty() {
            Restore(&self.variants.values).restore_lit(lit);
        }
    }

    fn meta_list(&mut self, list: &mut syn::MetaList) {
        if !self.variants.values.is_empty() {
            let restore = Restore(&self.variants.values);
            list.tokens = restore.restore_tokens(std::mem::take(&mut list.tokens));
        }
    }
}

/// Names the variants of enums normalised for their names, then finds the
/// renames the spec asks for in `client` (the file that defines the types),
/// and applies both there.
fn apply(
    spec: &OpenAPI,
    client: &mut syn::File,
    spec_name: &str,
) -> Result<Variants, CodegenError> {
    let (normalized, values) = placeholders(client);
    let placeheld = Arc::new(Variants {
        renames: normalized,
        values,
    });
    follow(&placeheld, client);
    let mut renames = Vec::new();
    for request in requests(spec, spec_name)? {
        renames.push(Renames {
            renames: renames_for(client, &request, spec_name)?,
            type_name: request.type_name,
        });
    }
    let requested = Arc::new(Variants {
        renames,
        values: BTreeMap::new(),
    });
    follow(&requested, client);
    let mut all = Arc::unwrap_or_clone(placeheld);
    all.renames.extend(Arc::unwrap_or_clone(requested).renames);
    Ok(all)
}

/// What every placeholder starts with; the index keeps typify's names for
/// the placeholders of one enum apart whatever the values are.
const PLACEHOLDER: &str = "codegen-normalized-";

/// The value that stands for the `index`th value of an enum.
pub(crate) fn placeholder(index: usize, value: &str) -> String {
    format!("{PLACEHOLDER}{index}v:{value}")
}

/// The value a placeholder stands for.
fn placeheld(text: &str) -> Option<&str> {
    let (index, value) = text.strip_prefix(PLACEHOLDER)?.split_once(':')?;
    let digits = index.strip_suffix('v')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(value)
}

/// The value of an enum as the spec gives it, placeholder or not.
pub(crate) fn spec_value(text: &str) -> &str {
    placeheld(text).unwrap_or(text)
}

/// Rust names for the values of an enum, in order, all different: a
/// value's ASCII letters and digits, each word's first letter upper-cased
/// and the rest left as written (`created_at` → `CreatedAt`,
/// `HTTPError` → `HTTPError`); `+` is spelled `Plus`, and `-` before a
/// digit (a sign, not a separator) `Minus`, so `reactions-+1` and
/// `reactions--1` are `ReactionsPlus1` and `ReactionsMinus1`. A name that
/// would start with a digit starts with `X` (typify's habit); `""` is
/// `Empty`, other values without a letter or digit `Value`. When values
/// still share a name (`add`, `Add`), the first keeps it and the next get
/// the lowest free number: `Add`, `Add2`.
pub(crate) fn names_for(values: &[&str]) -> Vec<String> {
    let natural: Vec<String> = values.iter().map(|v| natural_name(v)).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut names = Vec::with_capacity(values.len());
    for (i, name) in natural.iter().enumerate() {
        let shared_earlier = natural[..i].contains(name);
        if !shared_earlier {
            taken.insert(name.clone());
            names.push(name.clone());
            continue;
        }
        let numbered = (2..)
            .map(|n| format!("{name}{n}"))
            .find(|candidate| !taken.contains(candidate) && !natural.contains(candidate))
            .expect("an unbounded range has a free number");
        taken.insert(numbered.clone());
        names.push(numbered);
    }
    names
}

fn natural_name(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let previous_is_alphanumeric = i > 0 && chars[i - 1].is_ascii_alphanumeric();
        let spelled = match c {
            '+' => Some("Plus"),
            '-' if next_is_digit && !previous_is_alphanumeric => Some("Minus"),
            _ => None,
        };
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        words.push(std::mem::take(&mut word));
        if let Some(spelled) = spelled {
            words.push(spelled.to_owned());
        }
    }
    words.push(word);
    let mut name: String = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().unwrap_or_default().to_ascii_uppercase();
            std::iter::once(first).chain(chars).collect::<String>()
        })
        .collect();
    if name.is_empty() {
        name = if value.is_empty() { "Empty" } else { "Value" }.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'X');
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        // `Self`.
        name.push('_');
    }
    name
}

/// The enums of `file` whose variants carry placeholders: the renames that
/// give them their names, and every placeholder with its value.
fn placeholders(file: &syn::File) -> (Vec<Renames>, BTreeMap<String, String>) {
    let mut renames = Vec::new();
    let mut values = BTreeMap::new();
    let mut enums = Vec::new();
    all_enums(&file.items, &mut enums);
    for item in enums {
        let wires: Vec<String> = item.variants.iter().map(wire_value).collect();
        if !wires.iter().any(|w| placeheld(w).is_some()) {
            continue;
        }
        let spec_values: Vec<&str> = wires.iter().map(|w| spec_value(w)).collect();
        let names = names_for(&spec_values);
        renames.push(Renames {
            type_name: item.ident.to_string(),
            renames: item
                .variants
                .iter()
                .zip(&names)
                .map(|(variant, name)| (variant.ident.to_string(), name.clone()))
                .collect(),
        });
        for wire in &wires {
            if let Some(value) = placeheld(wire) {
                values.insert(wire.clone(), value.to_owned());
            }
        }
    }
    (renames, values)
}

fn all_enums<'a>(items: &'a [syn::Item], found: &mut Vec<&'a syn::ItemEnum>) {
    for item in items {
        match item {
            syn::Item::Enum(e) => found.push(e),
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    all_enums(items, found);
                }
            }
            _ => {}
        }
    }
}

/// Every placeholder, in every string (the serde rename, `Display`,
/// `FromStr`, documentation), becomes its value again.
struct Restore<'a>(&'a BTreeMap<String, String>);

impl Restore<'_> {
    fn restore(&self, text: &str) -> Option<String> {
        if !text.contains(PLACEHOLDER) {
            return None;
        }
        // Longest first: `…1v:a` must not be taken for the start of `…1v:ab`.
        let mut restored = text.to_owned();
        for (placeholder, value) in self.0.iter().rev() {
            restored = restored.replace(placeholder.as_str(), value);
        }
        Some(restored)
    }

    /// The strings inside an attribute's tokens (`#[serde(rename = "..")]`
    /// is tokens to syn, not a parsed literal).
    fn restore_tokens(&self, tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        use proc_macro2::{Group, TokenTree};
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) => {
                    let mut inner =
                        Group::new(group.delimiter(), self.restore_tokens(group.stream()));
                    inner.set_span(group.span());
                    TokenTree::Group(inner)
                }
                TokenTree::Literal(literal) => {
                    match syn::parse2::<syn::LitStr>(TokenTree::Literal(literal.clone()).into()) {
                        Ok(lit) => match self.restore(&lit.value()) {
                            Some(text) => {
                                let restored = syn::LitStr::new(&text, lit.span());
                                TokenTree::Literal(restored.token())
                            }
                            None => TokenTree::Literal(literal),
                        },
                        Err(_) => TokenTree::Literal(literal),
                    }
                }
                other => other,
            })
            .collect()
    }
}

impl Restore<'_> {
    fn restore_lit(&self, lit: &mut syn::LitStr) {
        if let Some(text) = self.restore(&lit.value()) {
            *lit = syn::LitStr::new(&text, lit.span());
        }
    }
}

struct Request {
    type_name: String,
    /// Wire value → requested variant name, in spec order.
    names: Vec<(String, String)>,
}

fn error(spec_name: &str, schema: &str, message: String) -> CodegenError {
    CodegenError::Extension {
        spec: spec_name.to_owned(),
        location: format!("components.schemas.{schema}.{EXTENSION}"),
        message,
    }
}

fn requests(spec: &OpenAPI, spec_name: &str) -> Result<Vec<Request>, CodegenError> {
    let Some(components) = &spec.components else {
        return Ok(Vec::new());
    };
    let mut requests = Vec::new();
    for (schema_name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let Some(names) = schema.schema_data.extensions.get(EXTENSION) else {
            continue;
        };
        let err = |message: String| error(spec_name, schema_name, message);
        let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
            return Err(err(
                "only a `type: string` schema with an `enum` can have variant names".into(),
            ));
        };
        // Normalised values are placeholders until `apply` restores them.
        let values: Vec<String> = string
            .enumeration
            .iter()
            .flatten()
            .map(|v| spec_value(v).to_owned())
            .collect();
        let names: Vec<String> = serde_json::from_value(names.clone())
            .map_err(|_| err("must be a list of strings".into()))?;
        if names.len() != values.len() {
            return Err(err(format!(
                "lists {} names for {} enum values",
                names.len(),
                values.len()
            )));
        }
        let mut seen = BTreeSet::new();
        for name in &names {
            if syn::parse_str::<syn::Ident>(name).is_err() {
                return Err(err(format!("`{name}` is not a Rust identifier")));
            }
            if !seen.insert(name) {
                return Err(err(format!("`{name}` is listed twice")));
            }
        }
        requests.push(Request {
            type_name: schema_name.clone(),
            names: values.into_iter().zip(names).collect(),
        });
    }
    Ok(requests)
}

/// Old identifier → new identifier, found by matching each variant's wire
/// value in the enum typify generated.
fn renames_for(
    file: &syn::File,
    request: &Request,
    spec_name: &str,
) -> Result<BTreeMap<String, String>, CodegenError> {
    let err = |message: String| error(spec_name, &request.type_name, message);
    let item = find_enum(&file.items, &request.type_name).ok_or_else(|| {
        err(format!(
            "the generated code has no enum `{}`; name the schema in PascalCase so typify keeps its name",
            request.type_name
        ))
    })?;
    let by_value: BTreeMap<String, &syn::Ident> = item
        .variants
        .iter()
        .map(|variant| (wire_value(variant), &variant.ident))
        .collect();
    request
        .names
        .iter()
        .map(|(value, new)| {
            let old = by_value
                .get(value)
                .ok_or_else(|| err(format!("no generated variant carries the value `{value}`")))?;
            Ok((old.to_string(), new.clone()))
        })
        .collect()
}

fn find_enum<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a syn::ItemEnum> {
    items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.ident == name => Some(e),
        syn::Item::Mod(m) => m
            .content
            .as_ref()
            .and_then(|(_, items)| find_enum(items, name)),
        _ => None,
    })
}

/// The value a variant (de)serializes as: its `#[serde(rename = "..")]`, or
/// its own name when typify needed no rename.
fn wire_value(variant: &syn::Variant) -> String {
    let mut value = variant.ident.to_string();
    for attr in variant.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                value = meta.value()?.parse::<syn::LitStr>()?.value();
            }
            Ok(())
        });
    }
    value
}
