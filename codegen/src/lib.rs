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

/// The command that regenerates the checked-in code; printed in the header of
/// every generated file and in every "stale" message.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// Generates the client module for the spec in `spec_text`, with the default
/// regenerate command in its header.
///
/// `spec_name` is how the spec is named in messages and in the header of the
/// generated file (for example `openapi/tokens.yaml`); pass a path relative to
/// the workspace so the output does not depend on where the workspace lives.
pub fn generate(spec_text: &str, spec_name: &str) -> Result<String, CodegenError> {
    generate_with_command(spec_text, spec_name, REGENERATE_COMMAND)
}

/// [`generate`], naming `command` in the header as the way to regenerate the
/// file (for output written with `--spec`/`--out`).
pub fn generate_with_command(
    spec_text: &str,
    spec_name: &str,
    command: &str,
) -> Result<String, CodegenError> {
    let spec = parse_spec(spec_text, spec_name)?;
    let tokens = generate::client_tokens(&spec, spec_name)?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| CodegenError::Unparsable {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    })?;
    enum_varnames::apply(&spec, &mut file, spec_name)?;
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
