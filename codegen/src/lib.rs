//! Spec text in, formatted Rust out.
//!
//! [`generate`] parses an OpenAPI 3.0.x document (YAML or JSON), runs
//! progenitor's builder-style generator on it, applies what we add on top of
//! progenitor, one pass per module, each saying why (`enum_varnames`,
//! `secret_fields`, `json_schema`, `non_exhaustive`, `path_segments`,
//! `no_api_version`, `own_error`, `route_templates`), and formats the result with prettyplease behind a header
//! that says how to regenerate it. It does no file I/O, so tests and
//! benchmarks call it directly; `xtask` owns reading and writing files.
//!
//! The generated client is included at the root of a crate that provides
//! `crate::Error`, `crate::read_response`, `crate::Secret`, and
//! `crate::RetryPolicy` with `ClientHooks<crate::RetryPolicy>` implemented
//! for `Client` (the generated crate's hand-written `error.rs`, `secret.rs`
//! and `retry.rs`), as the mocks
//! and the CLI are generated for `crate::*`.
//!
//! [`Surface`] is the model of what consumers see, read from the generated
//! syntax tree; the API-surface snapshot and `cargo xtask diff` read it.

mod caught;
mod check;
mod enum_varnames;
mod error;
mod generate;
mod json_schema;
mod no_api_version;
mod non_exhaustive;
mod normalize;
mod own_error;
mod parse;
mod path_segments;
mod prune;
mod route_templates;
mod secret_fields;
pub mod spec_walk;
pub mod surface;

pub use error::{CodegenError, FailedOperation};
pub use parse::parse_spec;
pub use surface::Surface;

use std::sync::{Arc, mpsc};

pub use generate::Target;

/// The command that regenerates the checked-in code; printed in the header of
/// every generated file and in every "stale" message.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// How to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// How the spec is named in messages and in the headers of the
    /// generated files (for example `openapi/tokens.yaml`): a path relative
    /// to the workspace, so the output does not depend on where it lives.
    pub spec_name: &'a str,
    /// The command the headers name as the way to regenerate the files.
    pub command: &'a str,
    /// Rewrite what progenitor cannot generate first (see the `normalize`
    /// module): for specs we do not own.
    pub normalize: bool,
}

impl<'a> Options<'a> {
    /// The spec named `spec_name`, [`REGENERATE_COMMAND`], no normalising.
    pub fn new(spec_name: &'a str) -> Self {
        Options {
            spec_name,
            command: REGENERATE_COMMAND,
            normalize: false,
        }
    }

    pub fn command(self, command: &'a str) -> Self {
        Options { command, ..self }
    }

    pub fn normalize(self, normalize: bool) -> Self {
        Options { normalize, ..self }
    }
}

/// Every file generated from one spec, each with its header, and the
/// changes normalising made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// [`Target::Client`].
    pub client: String,
    /// [`Target::Httpmock`].
    pub httpmock: String,
    /// [`Target::Cli`].
    pub cli: String,
    /// One line per change `normalize` made (none without it).
    pub normalizations: Vec<String>,
}

impl Generated {
    /// Each target with its text.
    pub fn files(&self) -> [(Target, &str); 3] {
        [
            (Target::Client, &self.client),
            (Target::Httpmock, &self.httpmock),
            (Target::Cli, &self.cli),
        ]
    }
}

/// The one entry point: the spec's text in, every target's formatted
/// source out. The spec is parsed once; the targets are made in parallel.
pub fn generate(spec_text: &str, options: &Options<'_>) -> Result<Generated, CodegenError> {
    let mut spec = read(spec_text, options.spec_name)?;
    let normalizations = if options.normalize {
        normalize::normalize(&mut spec)
    } else {
        Vec::new()
    };
    let mut generated = generate_files(&spec, options.spec_name, options.command)?;
    generated.normalizations = normalizations;
    Ok(generated)
}

/// Stage 1: parse the text, check it (see `check`), and put its maps in
/// canonical order. The document progenitor will see.
pub fn read(spec_text: &str, spec_name: &str) -> Result<openapiv3::OpenAPI, CodegenError> {
    let (spec, raw) = parse::parse(spec_text, spec_name)?;
    let problems = check::problems(&raw);
    if !problems.is_empty() {
        return Err(CodegenError::Problems {
            spec: spec_name.to_owned(),
            problems,
        });
    }
    parse::canonical(&spec, spec_name)
}

/// Stage 2 and 3: progenitor, our passes over its output, prettyplease
/// behind the header. The three targets are made on three threads (syn's
/// trees cannot cross threads, so each thread takes its file from
/// progenitor's tokens to formatted text); the companions wait for the
/// client's variant renames, which they must follow.
fn generate_files(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    command: &str,
) -> Result<Generated, CodegenError> {
    let spec = &secret_fields::mark(spec, spec_name)?;
    let header = &header(spec_name, command);
    let format = move |file: &syn::File| format!("{header}{}", prettyplease::unparse(file));
    std::thread::scope(|scope| {
        let companion = |target, renames: mpsc::Receiver<Arc<enum_varnames::Variants>>| {
            scope.spawn(move || {
                let mut file = tokens_to_file(spec, spec_name, target)?;
                // No renames: the client failed, and its error is the one
                // reported.
                let renames = renames.recv().map_err(|_| CodegenError::Generator {
                    spec: spec_name.to_owned(),
                    failures: Vec::new(),
                })?;
                renames.apply_to(&mut file);
                secret_fields::apply(&mut file);
                path_segments::apply(&mut file);
                Ok(format(&file))
            })
        };
        let (httpmock_renames, for_httpmock) = mpsc::channel();
        let (cli_renames, for_cli) = mpsc::channel();
        let httpmock = companion(Target::Httpmock, for_httpmock);
        let cli = companion(Target::Cli, for_cli);
        let client = client_file(spec, spec_name).map(|(client, renames)| {
            let renames = Arc::new(renames);
            // A companion that failed has stopped listening; its error
            // comes with its result.
            let _ = httpmock_renames.send(renames.clone());
            let _ = cli_renames.send(renames);
            format(&client)
        });
        drop((httpmock_renames, cli_renames));
        let (httpmock, cli) = (joined(httpmock, spec_name), joined(cli, spec_name));
        Ok(Generated {
            client: client?,
            httpmock: httpmock?,
            cli: cli?,
            normalizations: Vec::new(),
        })
    })
}

/// A generating thread's result. Every step that may panic catches its
/// panic (see `caught`); a panic that escapes anyway is an error too.
fn joined<T>(
    handle: std::thread::ScopedJoinHandle<'_, Result<T, CodegenError>>,
    spec_name: &str,
) -> Result<T, CodegenError> {
    handle.join().unwrap_or_else(|payload| {
        Err(CodegenError::Generator {
            spec: spec_name.to_owned(),
            failures: vec![FailedOperation {
                operation: None,
                message: format!(
                    "the generator stopped: {}",
                    caught::message(payload.as_ref())
                ),
            }],
        })
    })
}

/// The client with every pass applied, and the variant renames the other
/// targets must follow. `spec` has its secret fields marked.
fn client_file(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
) -> Result<(syn::File, enum_varnames::Variants), CodegenError> {
    let mut client = tokens_to_file(spec, spec_name, Target::Client)?;
    let clashes = generate::type_name_clashes(&client);
    if !clashes.is_empty() {
        let names: Vec<String> = clashes.into_iter().collect();
        return Err(CodegenError::Generator {
            spec: spec_name.to_owned(),
            failures: vec![FailedOperation {
                operation: None,
                message: format!(
                    "typify names two types {}, which does not compile (a nullable schema's \
                     inner type is named after its title; --normalize removes such titles)",
                    names.join(", ")
                ),
            }],
        });
    }
    let renames = enum_varnames::apply(spec, &mut client, spec_name)?;
    secret_fields::apply(&mut client);
    json_schema::apply(&mut client);
    non_exhaustive::apply(&mut client);
    path_segments::apply(&mut client);
    no_api_version::apply(&mut client);
    let surface = Surface::of(&client);
    secret_fields::check_parameters(&surface, spec_name)?;
    own_error::apply(&mut client, &surface);
    route_templates::apply(&mut client, &surface);
    Ok((client, renames))
}

/// What consumers of the client generated from a spec (as [`read`] gives
/// it) see: see [`Surface`]. The client alone is generated, in memory.
pub fn surface(spec: &openapiv3::OpenAPI, spec_name: &str) -> Result<Surface, CodegenError> {
    let spec = &secret_fields::mark(spec, spec_name)?;
    let (client, _) = client_file(spec, spec_name)?;
    Ok(Surface::of(&client))
}

fn tokens_to_file(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    target: Target,
) -> Result<syn::File, CodegenError> {
    let tokens = generate::tokens(spec, spec_name, target)?;
    syn::parse2(tokens).map_err(|e| CodegenError::Unparsable {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    })
}

/// The first lines of a generated file: where it comes from, how to
/// recreate it, and why rustfmt leaves it alone.
pub fn header(spec_name: &str, command: &str) -> String {
    format!(
        "// @generated from {spec_name} by `{command}`. Do not edit by hand:\n\
         // change the spec, then run `{command}`.\n\
         // Formatted by prettyplease, not rustfmt: `#[rustfmt::skip]` on the `mod`\n\
         // that includes it keeps `cargo fmt` away.\n\n"
    )
}
