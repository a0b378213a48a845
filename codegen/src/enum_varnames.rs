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

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use syn::visit_mut::{self, VisitMut};

use crate::CodegenError;

const EXTENSION: &str = "x-enum-varnames";

/// The variant renames one enum gets: its type name, old → new identifiers.
pub(crate) struct Renames {
    type_name: String,
    renames: BTreeMap<String, syn::Ident>,
}

/// Finds the renames the spec asks for in `client` (the file that defines
/// the types) and applies them there.
pub(crate) fn apply(
    spec: &OpenAPI,
    client: &mut syn::File,
    spec_name: &str,
) -> Result<Vec<Renames>, CodegenError> {
    let mut all = Vec::new();
    for request in requests(spec, spec_name)? {
        all.push(Renames {
            renames: renames_for(client, &request, spec_name)?,
            type_name: request.type_name,
        });
    }
    rename(client, &all);
    Ok(all)
}

/// Applies renames found in the client to a file that uses its types (the
/// CLI names `types::ExpiresIn::X30d`, for example).
pub(crate) fn rename(file: &mut syn::File, all: &[Renames]) {
    for renames in all {
        Renamer {
            type_name: &renames.type_name,
            renames: &renames.renames,
            in_own_impl: false,
        }
        .visit_file_mut(file);
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
        let values: Vec<&String> = string.enumeration.iter().flatten().collect();
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
            names: values.into_iter().cloned().zip(names).collect(),
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
) -> Result<BTreeMap<String, syn::Ident>, CodegenError> {
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
            Ok((old.to_string(), syn::Ident::new(new, old.span())))
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

struct Renamer<'a> {
    type_name: &'a str,
    renames: &'a BTreeMap<String, syn::Ident>,
    in_own_impl: bool,
}

impl Renamer<'_> {
    fn rename(&self, ident: &mut syn::Ident) {
        if let Some(new) = self.renames.get(&ident.to_string()) {
            *ident = new.clone();
        }
    }
}

impl VisitMut for Renamer<'_> {
    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        if item.ident == self.type_name {
            for variant in &mut item.variants {
                self.rename(&mut variant.ident);
            }
        }
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let own = matches!(&*item.self_ty, syn::Type::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == self.type_name));
        let outer = std::mem::replace(&mut self.in_own_impl, own);
        visit_mut::visit_item_impl_mut(self, item);
        self.in_own_impl = outer;
    }

    /// `ExpiresIn::X30d` anywhere, and `Self::X30d` inside `impl .. ExpiresIn`.
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let n = path.segments.len();
        if n >= 2 {
            let owner = &path.segments[n - 2].ident;
            if owner == self.type_name || (self.in_own_impl && owner == "Self") {
                self.rename(&mut path.segments[n - 1].ident);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }
}
