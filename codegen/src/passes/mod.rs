//! What we add on top of progenitor: passes over its output, in one table.
//!
//! In: progenitor's tokens parsed into syn's tree, one file per [`Part`]
//! (the client's two halves, see `threads::halves`, and the two
//! companions), and the spec they were generated from (secret fields
//! marked). Out: the same files rewritten, ready to format.
//!
//! [`PASSES`] is the only list of the passes and of their order: each entry
//! names its module, the parts it works on and how it runs ([`Run`]): on
//! the file as a whole, or on the nodes it reaches, where the node passes
//! that follow each other share one walk of the tree (`shared_walk`).
//! Generation (on two threads, see `threads`) and the review's client
//! (on one, see `Generator::client`) both run it through [`run`], so adding
//! a pass is one entry here plus its module, which says why it exists. The
//! types half runs first: what later parts need from it (the variants'
//! renames, the secret keys of each type) is in [`Found`], handed to their
//! threads as plain data.

mod cli_arguments;
mod cli_without_operations;
mod client_hooks;
pub(crate) mod enum_varnames;
pub(crate) mod json_schema;
mod mock_bodies;
mod mock_docs;
mod mock_query_values;
mod no_api_version;
mod non_exhaustive;
mod optional_setters;
mod path_segments;
pub(crate) mod received_enums;
mod runtime_error;
pub(crate) mod shared_walk;
mod type_names;
mod wire_names;

use std::sync::Arc;

use crate::CodegenError;
use crate::{response_groups, secret_fields};
use shared_walk::NodePass;

/// A file the passes work on.
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
    pub(crate) run: Run,
}

/// How a pass works on a file.
pub(crate) enum Run {
    /// On the file as a whole: reads it, or adds to it.
    File(fn(&mut syn::File, &mut Facts<'_>) -> Result<(), CodegenError>),
    /// On the nodes it reaches: consecutive `Nodes` passes of a part share
    /// one walk of the file (see `shared_walk`).
    Nodes(fn(&Facts<'_>) -> Box<dyn NodePass>),
}

use Run::{File, Nodes};

/// The features that span stages, each in a home of its own beside
/// `passes` (`crate::secret_fields`, `crate::response_groups`), whose
/// passes are entries of [`PASSES`] like the others.
#[cfg_attr(not(test), allow(dead_code))]
const ACROSS_STAGES: [&str; 2] = ["secret_fields", "response_groups"];

/// Every pass, in the order each part runs them.
pub(crate) const PASSES: &[Pass] = &[
    Pass {
        module: "type_names",
        parts: &[Types],
        run: File(type_names::check),
    },
    Pass {
        module: "enum_varnames",
        parts: &[Types],
        run: File(enum_varnames::name_variants),
    },
    Pass {
        module: "response_groups",
        parts: &[Types],
        run: File(response_groups::add_enums),
    },
    Pass {
        module: "received_enums",
        parts: &[Types],
        run: File(received_enums::add_unknown),
    },
    Pass {
        module: "optional_setters",
        parts: &[Types],
        run: File(optional_setters::rewrite),
    },
    Pass {
        module: "wire_names",
        parts: &[Requests, Httpmock],
        run: File(wire_names::restore),
    },
    Pass {
        module: "enum_varnames",
        parts: &[Requests, Httpmock, Cli],
        run: Nodes(enum_varnames::follow_renames),
    },
    Pass {
        module: "secret_fields",
        parts: &[Types, Requests, Httpmock, Cli],
        run: Nodes(secret_fields::rewrite),
    },
    Pass {
        module: "json_schema",
        parts: &[Types],
        run: Nodes(json_schema::rewrite),
    },
    Pass {
        module: "non_exhaustive",
        parts: &[Types],
        run: Nodes(non_exhaustive::rewrite),
    },
    Pass {
        module: "path_segments",
        parts: &[Requests, Httpmock, Cli],
        run: Nodes(path_segments::rewrite),
    },
    Pass {
        module: "no_api_version",
        parts: &[Requests],
        run: Nodes(no_api_version::rewrite),
    },
    Pass {
        module: "runtime_error",
        parts: &[Requests],
        run: Nodes(runtime_error::rewrite),
    },
    Pass {
        module: "runtime_error",
        parts: &[Types],
        run: File(runtime_error::find_secret_keys),
    },
    Pass {
        module: "secret_fields",
        parts: &[Requests],
        run: File(secret_fields::check_parameters),
    },
    Pass {
        module: "response_groups",
        parts: &[Requests],
        run: File(response_groups::rewrite_requests),
    },
    Pass {
        module: "client_hooks",
        parts: &[Requests],
        run: File(client_hooks::add),
    },
    Pass {
        module: "response_groups",
        parts: &[Httpmock],
        run: File(response_groups::add_mock_answers),
    },
    Pass {
        module: "response_groups",
        parts: &[Cli],
        run: File(response_groups::print_any_answer),
    },
    Pass {
        module: "mock_bodies",
        parts: &[Httpmock],
        run: File(mock_bodies::lend),
    },
    Pass {
        module: "mock_query_values",
        parts: &[Httpmock],
        run: File(mock_query_values::rewrite),
    },
    Pass {
        module: "mock_docs",
        parts: &[Httpmock],
        run: File(mock_docs::add),
    },
    Pass {
        module: "cli_arguments",
        parts: &[Cli],
        run: File(cli_arguments::rewrite),
    },
    Pass {
        module: "cli_without_operations",
        parts: &[Cli],
        run: File(cli_without_operations::rewrite),
    },
];

/// What the types half's passes find, for the other parts.
#[derive(Clone, Default)]
pub(crate) struct Found {
    /// The variant renames every file that names the types must follow.
    pub(crate) renames: Arc<enum_varnames::Variants>,
    /// The JSON keys of each type's secret fields.
    pub(crate) secrets: Arc<runtime_error::SecretKeys>,
    /// The operations whose answers have several types, with their enums.
    pub(crate) groups: Arc<response_groups::TypedGroups>,
}

/// What the passes of one part read and learn.
pub(crate) struct Facts<'a> {
    /// The spec, its secret fields marked.
    pub(crate) spec: &'a openapiv3::OpenAPI,
    /// The spec's name, for messages.
    pub(crate) spec_name: &'a str,
    /// Given by the types half, or filled in by its passes.
    pub(crate) found: Found,
    /// Whether `secret_fields` put `::openapi_client_runtime::Secret` somewhere in this part.
    pub(crate) has_secrets: bool,
    /// The types half: the types the client's methods answer with
    /// (`received_enums::response_types`, read from the requests half).
    pub(crate) response_types: std::collections::BTreeSet<String>,
}

impl<'a> Facts<'a> {
    pub(crate) fn new(spec: &'a openapiv3::OpenAPI, spec_name: &'a str, found: Found) -> Self {
        Facts {
            spec,
            spec_name,
            found,
            has_secrets: false,
            response_types: Default::default(),
        }
    }
}

/// Runs every pass of `part` over `file`, in the table's order; node
/// passes that follow each other share one walk.
pub(crate) fn run(
    part: Part,
    file: &mut syn::File,
    facts: &mut Facts<'_>,
) -> Result<(), CodegenError> {
    let mut walking: Vec<Box<dyn NodePass>> = Vec::new();
    for pass in PASSES.iter().filter(|pass| pass.parts.contains(&part)) {
        match pass.run {
            Nodes(start) => walking.push(start(facts)),
            File(run) => {
                if !walking.is_empty() {
                    shared_walk::walk(file, facts, std::mem::take(&mut walking))?;
                }
                run(file, facts)?;
            }
        }
    }
    if walking.is_empty() {
        Ok(())
    } else {
        shared_walk::walk(file, facts, walking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Target;

    /// How the passes of a part ran before node passes shared a walk: each
    /// walks the file alone and finishes before the next starts.
    fn run_one_walk_per_pass(
        part: Part,
        file: &mut syn::File,
        facts: &mut Facts<'_>,
    ) -> Result<(), CodegenError> {
        for pass in PASSES.iter().filter(|pass| pass.parts.contains(&part)) {
            match pass.run {
                Nodes(start) => shared_walk::walk(file, facts, vec![start(facts)])?,
                File(run) => run(file, facts)?,
            }
        }
        Ok(())
    }

    /// Every pass acting on its own: renamed enum variants named in a
    /// query and in the CLI, a secret query parameter (so the parameters
    /// are checked) and a secret response field, a path parameter, an
    /// error body, an enum value typify cannot name apart (normalised).
    const EVERY_PASS: &str = r##"
openapi: 3.0.3
info: {title: Walk, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: get_thing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: kind, in: query, required: true, schema: {$ref: '#/components/schemas/Kind'}}
        - {name: case, in: query, schema: {type: string, enum: [add, Add]}}
        - {name: key, in: query, schema: {type: string, format: password}}
      responses:
        '200':
          description: the thing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '4XX':
          description: refused
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Problem'}
components:
  schemas:
    Kind: {type: string, enum: [1d, 2d], x-enum-varnames: [OneDay, TwoDays]}
    Thing:
      type: object
      required: [token]
      properties:
        token: {type: string, x-sensitive: true}
        kind: {$ref: '#/components/schemas/Kind'}
    Problem:
      type: object
      properties:
        message: {type: string}
"##;

    /// Sharing one walk changes nothing: every part of every target comes
    /// out the same as with one walk per pass, for our spec and for a spec
    /// where every pass acts.
    #[test]
    fn one_walk_matches_one_walk_per_pass() {
        for (name, text) in [
            ("tokens.yaml", workspace_files::TOKENS_SPEC),
            ("walk.yaml", EVERY_PASS),
        ] {
            let mut spec = crate::Generator::new(crate::Settings::new(name))
                .document(text)
                .unwrap()
                .spec;
            crate::normalize::normalize(&mut spec);
            let spec = secret_fields::marked(&spec, name).unwrap();
            let outputs =
                |run: fn(Part, &mut syn::File, &mut Facts<'_>) -> Result<(), CodegenError>| {
                    let tokens = |target| crate::progenitor::tokens(&spec, name, target).unwrap();
                    let parsed = |tokens| crate::progenitor::parsed(tokens, name).unwrap();
                    let (types, requests) = crate::threads::halves::cut(tokens(Target::Client));
                    let (mut types, requests) = (parsed(types), parsed(requests));
                    let mut facts = Facts::new(&spec, name, Found::default());
                    run(Types, &mut types, &mut facts).unwrap();
                    let found = facts.found;
                    let mut out = vec![prettyplease::unparse(&types)];
                    for (part, mut file) in [
                        (Requests, requests),
                        (Httpmock, parsed(tokens(Target::Httpmock))),
                        (Cli, parsed(tokens(Target::Cli))),
                    ] {
                        run(part, &mut file, &mut Facts::new(&spec, name, found.clone())).unwrap();
                        out.push(prettyplease::unparse(&file));
                    }
                    out
                };
            let shared = outputs(run);
            if name == "walk.yaml" {
                let [types, requests, _, cli] = &shared[..] else {
                    unreachable!("four parts")
                };
                assert!(types.contains("OneDay") && cli.contains("OneDay"), "{cli}");
                assert!(
                    requests.contains("encode_path_segment")
                        && requests.contains("::openapi_client_runtime::Secret")
                );
                assert!(!shared.concat().contains("codegen-normalized"));
            }
            assert_eq!(shared, outputs(run_one_walk_per_pass), "{name}");
        }
    }

    /// Each module of `passes` has an entry, and each entry a module: the
    /// table cannot forget a pass that exists. (The features that span
    /// stages have their homes beside `passes`, and their passes entries
    /// here.)
    #[test]
    fn every_pass_module_is_in_the_table() {
        let modules: std::collections::BTreeSet<&str> = PASSES
            .iter()
            .map(|pass| pass.module)
            .filter(|module| !ACROSS_STAGES.contains(module))
            .collect();
        for module in ACROSS_STAGES {
            assert!(
                PASSES.iter().any(|pass| pass.module == module),
                "{module} has no pass"
            );
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/passes");
        // A pass is a file, or a folder of files (one per output).
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap())
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.path().is_dir() {
                    Some(name)
                } else {
                    name.strip_suffix(".rs").map(str::to_owned)
                }
            })
            .filter(|name| name != "mod" && name != "shared_walk")
            .collect();
        files.sort();
        assert_eq!(
            files,
            modules.iter().map(|m| m.to_string()).collect::<Vec<_>>()
        );
    }
}
