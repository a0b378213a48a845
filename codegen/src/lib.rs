//! Spec text in, formatted Rust out.
//!
//! [`generate`] reads an OpenAPI 3.0.x document (YAML or JSON) once into
//! JSON values, checks them and marks the secret fields there, has
//! openapiv3 read them, runs progenitor's builder-style generator, applies
//! what we add on top of progenitor, one pass per module, each saying why
//! (`enum_varnames`, `secret_fields`, `json_schema`, `non_exhaustive`,
//! `path_segments`, `no_api_version`, `own_error`, `route_templates`), and
//! formats the result with prettyplease behind a header that says how to
//! regenerate it. The client is made in two halves and the companions
//! beside it, on four threads (see `halves`), the companions' at low
//! priority (see `priority`). It does no file I/O, so
//! tests and benchmarks call it directly; `xtask` owns reading and writing
//! files.
//!
//! The generated client is included at the root of a crate that provides
//! `crate::Error`, `crate::read_response`, `crate::read_error`,
//! `crate::Secret`, and
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
mod halves;
mod json_schema;
mod no_api_version;
mod non_exhaustive;
mod normalize;
mod own_error;
mod parse;
mod path_segments;
mod priority;
mod prune;
mod regions;
mod route_templates;
mod secret_fields;
pub mod spec_walk;
pub mod surface;

pub use error::{CodegenError, FailedOperation};
pub use parse::parse_spec;
pub use regions::TYPES_MODULE;
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
    let mut document = checked(spec_text, options.spec_name)?;
    // Marked before openapiv3 reads it: the one conversion of the values.
    secret_fields::mark(&mut document);
    let mut spec = parse::openapi(&document, spec_text, options.spec_name)?;
    drop(document);
    let normalizations = if options.normalize {
        normalize::normalize(&mut spec)
    } else {
        Vec::new()
    };
    let mut generated = generate_files(&spec, options.spec_name, options.command)?;
    generated.normalizations = normalizations;
    Ok(generated)
}

/// Stage 1: read the text, check it (see `check`), with its maps in
/// canonical (sorted) order. The document as the spec says it, before the
/// secret fields are marked: what `cargo xtask diff` compares.
pub fn read(spec_text: &str, spec_name: &str) -> Result<openapiv3::OpenAPI, CodegenError> {
    parse::openapi(&checked(spec_text, spec_name)?, spec_text, spec_name)
}

/// Stage 1 as plain JSON values: the text read with the duplicate-key
/// check, then checked (see `check`). What tests read examples and
/// extensions from.
pub fn read_json(spec_text: &str, spec_name: &str) -> Result<serde_json::Value, CodegenError> {
    checked(spec_text, spec_name)
}

/// The text read once into JSON values, and checked.
fn checked(spec_text: &str, spec_name: &str) -> Result<serde_json::Value, CodegenError> {
    let raw = parse::parse(spec_text, spec_name)?;
    let problems = check::problems(&raw);
    if !problems.is_empty() {
        return Err(CodegenError::Problems {
            spec: spec_name.to_owned(),
            problems,
        });
    }
    Ok(raw)
}

/// Stage 2 and 3: progenitor, our passes over its output, prettyplease
/// behind the header. syn's trees cannot cross threads, so each thread
/// takes its part from progenitor's tokens to formatted text: the client's
/// two halves (see `halves`) and the two companions, on four threads. What
/// the others must follow crosses as plain data: the types' variant
/// renames (for the requests and the companions) and secret keys (for the
/// requests).
fn generate_files(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    command: &str,
) -> Result<Generated, CodegenError> {
    let header = &header(spec_name, command);
    // A thread whose input never comes stops: whoever failed to send it
    // has its own error, the one reported.
    let upstream_failed = || CodegenError::Generator {
        spec: spec_name.to_owned(),
        failures: Vec::new(),
    };
    std::thread::scope(|scope| {
        let companion = |target, renames: mpsc::Receiver<Arc<enum_varnames::Variants>>| {
            scope.spawn(move || {
                priority::lower_this_thread();
                let mut file =
                    tokens_to_file(generate::tokens(spec, spec_name, target)?, spec_name)?;
                let renames = renames.recv().map_err(|_| upstream_failed())?;
                renames.apply_to(&mut file);
                secret_fields::apply(&mut file);
                path_segments::apply(&mut file);
                Ok(format!("{header}{}", prettyplease::unparse(&file)))
            })
        };
        let (httpmock_renames, for_httpmock) = mpsc::channel();
        let (cli_renames, for_cli) = mpsc::channel();
        let httpmock = companion(Target::Httpmock, for_httpmock);
        let cli = companion(Target::Cli, for_cli);

        let (requests_text, requests_in) = mpsc::channel::<String>();
        let (from_types, types_out) =
            mpsc::channel::<(Arc<enum_varnames::Variants>, own_error::SecretKeys)>();
        let requests = scope.spawn(move || {
            let text = requests_in.recv().map_err(|_| upstream_failed())?;
            let mut file = syn::parse_file(&text).map_err(|e| unparsable(spec_name, e))?;
            drop(text);
            let (renames, secrets) = types_out.recv().map_err(|_| upstream_failed())?;
            request_passes(&mut file, &renames, &secrets, spec_name)?;
            let (before, after) = halves::around_placeholder(file);
            Ok((
                prettyplease::unparse(&before),
                prettyplease::unparse(&after),
            ))
        });

        let types = generate::tokens(spec, spec_name, Target::Client).and_then(|tokens| {
            let (types, requests) = halves::cut(tokens);
            let _ = requests_text.send(requests.to_string());
            let mut file = tokens_to_file(types, spec_name)?;
            let (renames, secrets) = types_passes(spec, &mut file, spec_name)?;
            let renames = Arc::new(renames);
            // A thread that failed has stopped listening; its error comes
            // with its result.
            let _ = httpmock_renames.send(renames.clone());
            let _ = cli_renames.send(renames.clone());
            let _ = from_types.send((renames, secrets));
            Ok(prettyplease::unparse(&file))
        });
        drop((requests_text, from_types, httpmock_renames, cli_renames));
        let requests = joined(requests, spec_name);
        let (httpmock, cli) = (joined(httpmock, spec_name), joined(cli, spec_name));
        let types = types?;
        let (before, after) = requests?;
        Ok(Generated {
            client: format!("{header}{before}{types}{after}"),
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

/// The passes over the client's types half (`spec` has its secret fields
/// marked): the variant renames every other file must follow, and the
/// secret keys of each type, for `own_error`.
fn types_passes(
    spec: &openapiv3::OpenAPI,
    types: &mut syn::File,
    spec_name: &str,
) -> Result<(enum_varnames::Variants, own_error::SecretKeys), CodegenError> {
    let clashes = generate::type_name_clashes(types);
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
    let renames = enum_varnames::apply(spec, types, spec_name)?;
    secret_fields::apply(types);
    json_schema::apply(types);
    non_exhaustive::apply(types);
    let secrets = own_error::secret_keys(&Surface::types_of(types));
    Ok((renames, secrets))
}

/// The passes over the client's requests half, after the types half's.
fn request_passes(
    requests: &mut syn::File,
    renames: &enum_varnames::Variants,
    secrets: &own_error::SecretKeys,
    spec_name: &str,
) -> Result<(), CodegenError> {
    renames.apply_to(requests);
    secret_fields::apply(requests);
    path_segments::apply(requests);
    no_api_version::apply(requests);
    let methods = Surface::methods_of(requests);
    secret_fields::check_parameters(&methods, spec_name)?;
    own_error::apply(requests, secrets);
    route_templates::apply(requests, &methods);
    Ok(())
}

/// What consumers of the client generated from a spec (as [`read`] gives
/// it) see: see [`Surface`]. The client alone is generated, in memory, on
/// this thread.
pub fn surface(spec: &openapiv3::OpenAPI, spec_name: &str) -> Result<Surface, CodegenError> {
    let (types, requests) = client_halves(spec, spec_name)?;
    Ok(Surface::of(&halves::join(types, requests)))
}

/// [`surface()`], and the client's text as [`generate`] writes it under
/// `header` (see [`header`]): a checked-in client with this text needs no
/// reading (`cargo xtask diff` then skips parsing it). `spec_name` names
/// the spec in errors.
pub fn surface_and_client(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    header: &str,
) -> Result<(Surface, String), CodegenError> {
    let (types, requests) = client_halves(spec, spec_name)?;
    let (mut file, after) = halves::around_placeholder(requests);
    let text = format!(
        "{header}{}{}{}",
        prettyplease::unparse(&file),
        prettyplease::unparse(&types),
        prettyplease::unparse(&after)
    );
    file.items.extend(types.items);
    file.items.extend(after.items);
    Ok((Surface::of(&file), text))
}

/// The client's two halves after every pass, on this thread.
fn client_halves(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
) -> Result<(syn::File, syn::File), CodegenError> {
    let spec = &secret_fields::marked(spec, spec_name)?;
    let (types, requests) = halves::cut(generate::tokens(spec, spec_name, Target::Client)?);
    let (mut types, mut requests) = (
        tokens_to_file(types, spec_name)?,
        tokens_to_file(requests, spec_name)?,
    );
    let (renames, secrets) = types_passes(spec, &mut types, spec_name)?;
    request_passes(&mut requests, &renames, &secrets, spec_name)?;
    Ok((types, requests))
}

fn tokens_to_file(
    tokens: proc_macro2::TokenStream,
    spec_name: &str,
) -> Result<syn::File, CodegenError> {
    syn::parse2(tokens).map_err(|e| unparsable(spec_name, e))
}

fn unparsable(spec_name: &str, e: syn::Error) -> CodegenError {
    CodegenError::Unparsable {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    }
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
