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

use generate::Target;

/// The command that regenerates the checked-in code; printed in the header of
/// every generated file and in every "stale" message.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// Every file generated from one spec, each with its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The client: `Client`, its builders, and the `types` module.
    pub client: String,
    /// Typed httpmock helpers for the client (`MockServerExt`), for the
    /// consumers' tests. It refers to the client as `crate::*`, so it is
    /// included in the same crate.
    pub httpmock: String,
    /// A clap command-line interface over the client (`Cli`, `CliCommand`,
    /// `CliConfig`), also included in the client's crate, behind its `cli`
    /// feature (the client's types derive `schemars::JsonSchema` only there).
    pub cli: String,
}

/// Generates the client module for the spec in `spec_text`, with the default
/// regenerate command in its header.
///
/// `spec_name` is how the spec is named in messages and in the header of the
/// generated file (for example `openapi/tokens.yaml`); pass a path relative to
/// the workspace so the output does not depend on where the workspace lives.
pub fn generate(spec_text: &str, spec_name: &str) -> Result<String, CodegenError> {
    Ok(generate_all(spec_text, spec_name, REGENERATE_COMMAND)?.client)
}

/// Every file for the spec in `spec_text`, naming `command` in their headers
/// as the way to regenerate them.
pub fn generate_all(
    spec_text: &str,
    spec_name: &str,
    command: &str,
) -> Result<Generated, CodegenError> {
    let spec = read(spec_text, spec_name)?;
    let files = generate_files(&spec, spec_name)?;
    Ok(format_files(files, spec_name, command))
}

/// [`generate_all`] after rewriting what progenitor cannot generate (see
/// the `normalize` module): for specs we do not own. Returns the files and
/// one line per change made.
pub fn generate_all_normalized(
    spec_text: &str,
    spec_name: &str,
    command: &str,
) -> Result<(Generated, Vec<String>), CodegenError> {
    let mut spec = read(spec_text, spec_name)?;
    let changes = normalize::normalize(&mut spec);
    let files = generate_files(&spec, spec_name)?;
    Ok((format_files(files, spec_name, command), changes))
}

/// The changes [`generate_all_normalized`] would make to a spec, without
/// generating anything.
pub fn normalization_changes(
    spec_text: &str,
    spec_name: &str,
) -> Result<Vec<String>, CodegenError> {
    let mut spec = read(spec_text, spec_name)?;
    Ok(normalize::normalize(&mut spec))
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

/// The generated files as syntax trees, before formatting.
pub struct Files {
    pub client: syn::File,
    pub httpmock: syn::File,
    pub cli: syn::File,
}

/// Stage 2: progenitor, then our passes over its output.
pub fn generate_files(spec: &openapiv3::OpenAPI, spec_name: &str) -> Result<Files, CodegenError> {
    let spec = &secret_fields::mark(spec, spec_name)?;
    let (client, renames) = client_file(spec, spec_name)?;
    let companion = |target| {
        let mut file = tokens_to_file(spec, spec_name, target)?;
        renames.apply_to(&mut file);
        secret_fields::apply(&mut file);
        path_segments::apply(&mut file);
        Ok::<_, CodegenError>(file)
    };
    let httpmock = companion(Target::Httpmock)?;
    let cli = companion(Target::Cli)?;
    Ok(Files {
        client,
        httpmock,
        cli,
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

/// Stage 3: prettyplease, behind the header.
pub fn format_files(files: Files, spec_name: &str, command: &str) -> Generated {
    let format = |file: &syn::File| {
        format!(
            "{}{}",
            header(spec_name, command),
            prettyplease::unparse(file)
        )
    };
    Generated {
        client: format(&files.client),
        httpmock: format(&files.httpmock),
        cli: format(&files.cli),
    }
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
