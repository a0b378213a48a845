use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use openapiv3::{OpenAPI, Paths, ReferenceOr};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};

use crate::spec_walk::operation_name;
use crate::{CodegenError, FailedOperation, caught, json_schema, prune, secret_fields};

/// Builder-style methods (`client.tokens_create().organization(..).body(..)`)
/// with one `Client` for all tags: the shape oxide.rs uses, and the one that
/// lets new optional parameters arrive without breaking callers.
///
/// The client carries the including crate's `RetryPolicy`, and that crate
/// must implement `ClientHooks` for it (`HooksMode::Expected`): its `exec`
/// retries what is safe to retry and traces each call. Expected rather than
/// optional, so a crate that forgets it fails to compile instead of
/// silently sending every request once, untraced.
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote::quote!(crate::RetryPolicy))
        .with_hooks(HooksMode::Expected)
        // progenitor's CLI needs it; `json_schema` puts it behind a feature.
        .with_derive(json_schema::DERIVE);
    secret_fields::settings(&mut settings);
    settings
}

/// What is generated from a spec: three files, named here and nowhere
/// else ([`Target::path`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The client: `Client`, its builders and the `types` module.
    Client,
    /// httpmock helpers (`MockServerExt`) for the client, which must be
    /// reachable as `crate::*` from where they are included.
    Httpmock,
    /// A clap command-line interface (`Cli`, `CliCommand`, `CliConfig`) over
    /// the client, also included in the client's crate.
    Cli,
}

impl Target {
    pub const ALL: [Target; 3] = [Target::Client, Target::Httpmock, Target::Cli];

    /// Where the target goes, given where the client goes: the companions
    /// beside it, `generated.rs` → `generated_httpmock.rs`,
    /// `generated_cli.rs` (the names the generated crate's `lib.rs`
    /// includes).
    pub fn path(self, client: &std::path::Path) -> std::path::PathBuf {
        let suffix = match self {
            Target::Client => return client.to_path_buf(),
            Target::Httpmock => "httpmock",
            Target::Cli => "cli",
        };
        let stem = client.file_stem().unwrap_or_default().to_string_lossy();
        client.with_file_name(format!("{stem}_{suffix}.rs"))
    }
}

/// Runs progenitor on the whole spec. When it fails, finds every operation
/// that fails when generated alone, so the message names each one
/// (progenitor's own errors and panics name none).
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
    let outcome = caught::catch(|| {
        let mut generator = Generator::new(&settings());
        match target {
            Target::Client => generator.generate_tokens(spec),
            Target::Httpmock => generator.httpmock(spec, "crate"),
            Target::Cli => generator.cli(spec, "crate"),
        }
    });
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(error)) => Err(error.to_string()),
        Err(payload) => Err(explain_panic(&caught::message(payload.as_ref()))),
    }
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
    let units = units(spec);
    let failures = failing_alone(spec, &reach, target, &units);
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

/// What a failure can be blamed on: each operation
/// (by operationId, or `METHOD /path` where it has none), or a path item
/// that is a `$ref` (progenitor refuses those whole).
struct Unit<'a> {
    name: String,
    path: &'a str,
    /// `None` for a path item that is a `$ref`.
    method: Option<&'a str>,
}

fn units(spec: &OpenAPI) -> Vec<Unit<'_>> {
    spec.paths
        .paths
        .iter()
        .flat_map(|(path, item)| match item {
            ReferenceOr::Reference { .. } => vec![Unit {
                name: format!("path {path}"),
                path,
                method: None,
            }],
            ReferenceOr::Item(item) => item
                .iter()
                .map(|(method, operation)| Unit {
                    name: operation_name(operation.operation_id.as_deref(), method, path),
                    path,
                    method: Some(method),
                })
                .collect(),
        })
        .collect()
}

/// Every unit that fails when generated alone (with only the components
/// it reaches), with its message, in document order.
///
/// One unit per run: on GitHub's API (767 operations, 184 failing) that
/// beat generating groups and splitting those that fail (bisection: 2.5
/// times slower; growing groups while they pass: 1.8 times), because a
/// group's run generates the union of its operations' types and a failing
/// group still has to be split down to each culprit; on specs with few
/// failures (Oxide's with 4 injected, QuantCDN's 12 of 247) the three were
/// within 20% of each other. The runs are independent, so they share the
/// machine's cores.
fn failing_alone(
    spec: &OpenAPI,
    reach: &prune::Reach,
    target: Target,
    units: &[Unit<'_>],
) -> Vec<FailedOperation> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, units.len().max(1));
    let next = AtomicUsize::new(0);
    let mut messages: Vec<Option<String>> = vec![None; units.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(unit) = units.get(index) else {
                            break;
                        };
                        let alone =
                            caught::catch(|| spec_with(spec, reach, std::slice::from_ref(unit)));
                        let outcome = match alone {
                            Ok(alone) => run(&alone, target).err(),
                            Err(payload) => Some(explain_panic(&caught::message(payload.as_ref()))),
                        };
                        if let Some(message) = outcome {
                            found.push((index, message));
                        }
                    }
                    found
                })
            })
            .collect();
        for worker in workers {
            // Every step of a worker that could panic is caught above.
            for (index, message) in worker.join().unwrap_or_default() {
                messages[index] = Some(message);
            }
        }
    });
    units
        .iter()
        .zip(messages)
        .filter_map(|(unit, message)| {
            message.map(|message| FailedOperation {
                operation: Some(unit.name.clone()),
                message,
            })
        })
        .collect()
}

/// `spec` with only the operations of `group`, and the components they
/// reach.
fn spec_with(spec: &OpenAPI, reach: &prune::Reach, group: &[Unit<'_>]) -> OpenAPI {
    let mut paths = Paths::default();
    for unit in group {
        let Some(item) = spec.paths.paths.get(unit.path) else {
            continue;
        };
        let (Some(method), ReferenceOr::Item(item)) = (unit.method, item) else {
            paths.paths.insert(unit.path.to_owned(), item.clone());
            continue;
        };
        let entry = paths.paths.entry(unit.path.to_owned()).or_insert_with(|| {
            ReferenceOr::Item(openapiv3::PathItem {
                get: None,
                put: None,
                post: None,
                delete: None,
                options: None,
                head: None,
                patch: None,
                trace: None,
                ..item.clone()
            })
        });
        if let ReferenceOr::Item(chosen) = entry {
            let (from, to) = match method {
                "get" => (&item.get, &mut chosen.get),
                "put" => (&item.put, &mut chosen.put),
                "post" => (&item.post, &mut chosen.post),
                "delete" => (&item.delete, &mut chosen.delete),
                "options" => (&item.options, &mut chosen.options),
                "head" => (&item.head, &mut chosen.head),
                "patch" => (&item.patch, &mut chosen.patch),
                _ => (&item.trace, &mut chosen.trace),
            };
            to.clone_from(from);
        }
    }
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
