//! Spec text in, formatted Rust out.
//!
//! [`generate`] parses an OpenAPI 3.0.x document (YAML or JSON), runs
//! progenitor's builder-style generator on it, applies what we add on top of
//! progenitor (the `x-enum-varnames` extension, and path parameters that
//! cannot escape their segment: see the `enum_varnames` and `path_segments`
//! modules), and
//! formats the result with prettyplease behind a header that says how to
//! regenerate it. It does no file I/O, so tests and benchmarks call it
//! directly; `xtask` owns reading and writing files.

mod enum_varnames;
mod error;
mod generate;
mod parse;
mod path_segments;
mod prune;

pub use error::{CodegenError, FailedOperation};
pub use parse::parse_spec;

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
}

/// Generates the client module for the spec in `spec_text`, with the default
/// regenerate command in its header.
///
/// `spec_name` is how the spec is named in messages and in the header of the
/// generated file (for example `openapi/tokens.yaml`); pass a path relative to
/// the workspace so the output does not depend on where the workspace lives.
pub fn generate(spec_text: &str, spec_name: &str) -> Result<String, CodegenError> {
    let spec = parse_spec(spec_text, spec_name)?;
    render(&spec, spec_name, REGENERATE_COMMAND, Target::Client)
}

/// Every file for the spec in `spec_text`, naming `command` in their headers
/// as the way to regenerate them.
pub fn generate_all(
    spec_text: &str,
    spec_name: &str,
    command: &str,
) -> Result<Generated, CodegenError> {
    let spec = parse_spec(spec_text, spec_name)?;
    Ok(Generated {
        client: render(&spec, spec_name, command, Target::Client)?,
        httpmock: render(&spec, spec_name, command, Target::Httpmock)?,
    })
}

fn render(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    command: &str,
    target: Target,
) -> Result<String, CodegenError> {
    let tokens = generate::tokens(spec, spec_name, target)?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| CodegenError::Unparsable {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    })?;
    if target == Target::Client {
        // The mocks name types, never enum variants; the client defines them.
        enum_varnames::apply(spec, &mut file, spec_name)?;
    }
    path_segments::apply(&mut file);
    Ok(format!(
        "{}{}",
        header(spec_name, command),
        prettyplease::unparse(&file)
    ))
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
