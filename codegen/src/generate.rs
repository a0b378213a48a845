use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use openapiv3::{OpenAPI, Paths, ReferenceOr};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, InterfaceStyle, TagStyle};

use crate::spec_walk::operation_name;
use crate::{CodegenError, FailedOperation, json_schema, prune, secret_fields};

/// Builder-style methods (`client.tokens_create().organization(..).body(..)`)
/// with one `Client` for all tags: the shape oxide.rs uses, and the one that
/// lets new optional parameters arrive without breaking callers.
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        // progenitor's CLI needs it; `json_schema` puts it behind a feature.
        .with_derive(json_schema::DERIVE);
    secret_fields::settings(&mut settings);
    settings
}

/// What progenitor generates from a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The client: `Client`, its builders and the `types` module.
    Client,
    /// httpmock helpers (`MockServerExt`) for the client, which must be
    /// reachable as `crate::*` from where they are included.
    Httpmock,
    /// A clap command-line interface (`Cli`, `CliCommand`, `CliConfig`) over
    /// the client, also included in the client's crate.
    Cli,
}

/// Runs progenitor on the whole spec. When it fails, runs it again on each
/// operation alone, so the message names every operation that cannot be
/// generated (progenitor's own errors and panics name none).
pub(crate) fn tokens(
    spec: &OpenAPI,
    spec_name: &str,
    target: Target,
) -> Result<TokenStream, CodegenError> {
    run(spec, target).map_err(|whole| CodegenError::Generator {
        spec: spec_name.to_owned(),
        failures: diagnose(spec, target, whole),
    })
}

/// progenitor reports some unsupported constructs by panicking (for example
/// `assertion failed: response_types.len() <= 1`); a panic here becomes an
/// error message like any other.
pub(crate) fn run(spec: &OpenAPI, target: Target) -> Result<TokenStream, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut generator = Generator::new(&settings());
        match target {
            Target::Client => generator.generate_tokens(spec),
            Target::Httpmock => generator.httpmock(spec, "crate"),
            Target::Cli => generator.cli(spec, "crate"),
        }
    }));
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(error)) => Err(error.to_string()),
        Err(payload) => Err(explain_panic(&panic_text(payload.as_ref()))),
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// Turns the panics we know into what the spec author must change.
fn explain_panic(text: &str) -> String {
    let hint = if text.contains("response_types.len() <= 1") {
        " (its success responses, or its error responses, have different body \
         types, e.g. a JSON body beside no body; progenitor can give each only one type)"
    } else if text.contains("as_item().unwrap()") || text.contains("Option::unwrap()") {
        " (possibly a `$ref` where progenitor expects an inline item)"
    } else {
        ""
    };
    format!("progenitor stopped: {text}{hint}")
}

fn diagnose(spec: &OpenAPI, target: Target, whole: String) -> Vec<FailedOperation> {
    let document_only = OpenAPI {
        paths: Paths::default(),
        ..spec.clone()
    };
    if let Err(message) = run(&document_only, target) {
        return vec![FailedOperation {
            operation: None,
            message,
        }];
    }
    let reach = prune::Reach::new(spec);
    let failures: Vec<FailedOperation> = single_operation_specs(spec, &reach)
        .filter_map(|(name, alone)| {
            run(&alone, target).err().map(|message| FailedOperation {
                operation: Some(name),
                message,
            })
        })
        .collect();
    if failures.is_empty() {
        // Only the combination fails (e.g. two operations whose generated
        // names collide): nothing smaller to blame.
        vec![FailedOperation {
            operation: None,
            message: whole,
        }]
    } else {
        failures
    }
}

/// Each operation of `spec` as a spec of its own, named by operationId (or
/// `METHOD /path` where it has none).
fn single_operation_specs<'a>(
    spec: &'a OpenAPI,
    reach: &'a prune::Reach,
) -> impl Iterator<Item = (String, OpenAPI)> + 'a {
    spec.paths.paths.iter().flat_map(move |(path, item)| {
        let ReferenceOr::Item(item) = item else {
            return vec![(
                format!("path {path}"),
                spec_with(spec, reach, path, item.clone()),
            )];
        };
        item.iter()
            .map(|(method, operation)| {
                let name = operation_name(operation.operation_id.as_deref(), method, path);
                let mut item_alone = item.clone();
                for (other, slot) in [
                    ("get", &mut item_alone.get),
                    ("put", &mut item_alone.put),
                    ("post", &mut item_alone.post),
                    ("delete", &mut item_alone.delete),
                    ("options", &mut item_alone.options),
                    ("head", &mut item_alone.head),
                    ("patch", &mut item_alone.patch),
                    ("trace", &mut item_alone.trace),
                ] {
                    if other != method {
                        *slot = None;
                    }
                }
                (
                    name,
                    spec_with(spec, reach, path, ReferenceOr::Item(item_alone)),
                )
            })
            .collect()
    })
}

fn spec_with(
    spec: &OpenAPI,
    reach: &prune::Reach,
    path: &str,
    item: ReferenceOr<openapiv3::PathItem>,
) -> OpenAPI {
    let paths = Paths {
        paths: [(path.to_owned(), item)].into_iter().collect(),
        extensions: Default::default(),
    };
    reach.with_paths(spec, paths)
}

/// The names of the generated `types` module that typify gives to two
/// types, and the newtypes over an `Option` of themselves: code that does
/// not compile, which typify does not notice (a schema's `title` names a
/// type, and may be another type's name: see `normalize::nullable_titles`).
pub(crate) fn type_name_clashes(file: &syn::File) -> BTreeSet<String> {
    let types = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref().map(|(_, items)| items),
        _ => None,
    });
    let mut seen = BTreeSet::new();
    let mut clashing = BTreeSet::new();
    for item in types.into_iter().flatten() {
        let name = match item {
            syn::Item::Struct(s) => {
                if let syn::Fields::Unnamed(fields) = &s.fields
                    && let Some(field) = fields.unnamed.first()
                    && wraps_itself(&field.ty, &s.ident)
                {
                    clashing.insert(s.ident.to_string());
                }
                &s.ident
            }
            syn::Item::Enum(e) => &e.ident,
            syn::Item::Type(t) => &t.ident,
            _ => continue,
        };
        if !seen.insert(name.to_string()) {
            clashing.insert(name.to_string());
        }
    }
    clashing
}

/// `::std::option::Option<Name>` inside `Name`.
fn wraps_itself(ty: &syn::Type, name: &syn::Ident) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    last.ident == "Option"
        && args.args.iter().any(|arg| {
            matches!(arg, syn::GenericArgument::Type(syn::Type::Path(inner))
                if inner.path.is_ident(name))
        })
}
