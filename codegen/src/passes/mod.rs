//! What we add on top of progenitor: passes over its output, in one table.
//!
//! In: progenitor's tokens parsed into syn's tree, one file per [`Part`]
//! (the client's two halves, see `threads::halves`, and the two
//! companions), and the spec they were generated from (secret fields
//! marked). Out: the same files rewritten, ready to format.
//!
//! [`PASSES`] is the only list of the passes and of their order: each entry
//! names its module, the parts it works on and the function that does it.
//! Generation (on four threads, see `threads`) and the surface model (on
//! one, see `crate::client_surface`) both run it through [`run`], so adding
//! a pass is one entry here plus its module, which says why it exists. The
//! types half runs first: what later parts need from it (the variants'
//! renames, the secret keys of each type) is in [`Found`], handed to their
//! threads as plain data.

pub(crate) mod enum_varnames;
pub(crate) mod json_schema;
mod no_api_version;
mod non_exhaustive;
mod path_segments;
mod route_templates;
mod runtime_error;
pub(crate) mod secret_fields;
mod type_names;

use std::sync::Arc;

use crate::{CodegenError, Surface, TYPES_MODULE};

/// A file the passes work on; each is made on its own thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The client's `mod types`: typify's data types.
    Types,
    /// The rest of the client, where requests are made: the `Client`
    /// impls and `mod builder`.
    Requests,
    /// The httpmock helpers.
    Httpmock,
    /// The clap CLI.
    Cli,
}

use Part::{Cli, Httpmock, Requests, Types};

/// One pass, or one step of a pass that acts on several parts differently.
pub(crate) struct Pass {
    /// The module of `passes` that holds it and says why (read by the test
    /// that keeps the table and the modules in step).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) module: &'static str,
    /// The parts it rewrites or checks.
    pub(crate) parts: &'static [Part],
    pub(crate) run: fn(&mut syn::File, &mut Facts<'_>) -> Result<(), CodegenError>,
}

/// Every pass, in the order each part runs them.
pub(crate) const PASSES: &[Pass] = &[
    Pass {
        module: "type_names",
        parts: &[Types],
        run: type_names::check,
    },
    Pass {
        module: "enum_varnames",
        parts: &[Types],
        run: enum_varnames::name_variants,
    },
    Pass {
        module: "enum_varnames",
        parts: &[Requests, Httpmock, Cli],
        run: enum_varnames::follow_renames,
    },
    Pass {
        module: "secret_fields",
        parts: &[Types, Requests, Httpmock, Cli],
        run: secret_fields::rewrite,
    },
    Pass {
        module: "json_schema",
        parts: &[Types],
        run: json_schema::rewrite,
    },
    Pass {
        module: "non_exhaustive",
        parts: &[Types],
        run: non_exhaustive::rewrite,
    },
    Pass {
        module: "runtime_error",
        parts: &[Types],
        run: runtime_error::find_secret_keys,
    },
    Pass {
        module: "path_segments",
        parts: &[Requests, Httpmock, Cli],
        run: path_segments::rewrite,
    },
    Pass {
        module: "no_api_version",
        parts: &[Requests],
        run: no_api_version::rewrite,
    },
    Pass {
        module: "secret_fields",
        parts: &[Requests],
        run: secret_fields::check_parameters,
    },
    Pass {
        module: "runtime_error",
        parts: &[Requests],
        run: runtime_error::rewrite,
    },
    Pass {
        module: "route_templates",
        parts: &[Requests],
        run: route_templates::add,
    },
];

/// What the types half's passes find, for the other parts.
#[derive(Clone, Default)]
pub(crate) struct Found {
    /// The variant renames every file that names the types must follow.
    pub(crate) renames: Arc<enum_varnames::Variants>,
    /// The JSON keys of each type's secret fields.
    pub(crate) secrets: Arc<runtime_error::SecretKeys>,
}

/// What the passes of one part read and learn.
pub(crate) struct Facts<'a> {
    /// The spec, its secret fields marked.
    pub(crate) spec: &'a openapiv3::OpenAPI,
    /// The spec's name, for messages.
    pub(crate) spec_name: &'a str,
    /// Given by the types half, or filled in by its passes.
    pub(crate) found: Found,
    /// The methods of the requests half, read once, when a pass first
    /// needs them.
    methods: Option<Surface>,
}

impl<'a> Facts<'a> {
    pub(crate) fn new(spec: &'a openapiv3::OpenAPI, spec_name: &'a str, found: Found) -> Self {
        Facts {
            spec,
            spec_name,
            found,
            methods: None,
        }
    }

    /// The methods of `requests` as the surface model reads them, read the
    /// first time they are asked for (after the passes before the asker).
    pub(crate) fn methods(&mut self, requests: &syn::File) -> &Surface {
        self.methods
            .get_or_insert_with(|| Surface::methods_of(requests))
    }
}

/// Runs every pass of `part` over `file`, in the table's order.
pub(crate) fn run(
    part: Part,
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    PASSES
        .iter()
        .filter(|pass| pass.parts.contains(&part))
        .try_for_each(|pass| (pass.run)(file, facts))
}

/// The items directly inside `mod types`: where the types are.
pub(crate) fn types_mut(file: &mut syn::File) -> impl Iterator<Item = &mut syn::Item> {
    file.items
        .iter_mut()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.ident == TYPES_MODULE => {
                module.content.as_mut().map(|(_, items)| items)
            }
            _ => None,
        })
        .flatten()
}

/// Every item of the file but `mod types`: where requests are made.
pub(crate) fn requests_mut(file: &mut syn::File) -> impl Iterator<Item = &mut syn::Item> {
    file.items
        .iter_mut()
        .filter(|item| !matches!(item, syn::Item::Mod(module) if module.ident == TYPES_MODULE))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each module of `passes` has an entry, and each entry a module: the
    /// table cannot forget a pass that exists.
    #[test]
    fn every_pass_module_is_in_the_table() {
        let modules: std::collections::BTreeSet<&str> =
            PASSES.iter().map(|pass| pass.module).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/passes");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
            .filter(|name| name != "mod")
            .collect();
        files.sort();
        assert_eq!(
            files,
            modules.iter().map(|m| m.to_string()).collect::<Vec<_>>()
        );
    }
}
