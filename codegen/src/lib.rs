//! Spec text in, formatted Rust out.
//!
//! [`generate`] goes through the stages, one folder each:
//!
//! 1. `spec`: read the text once into JSON values (duplicate keys
//!    refused; OpenAPI 3.1 rewritten as 3.0), check them, mark the secret
//!    fields (`passes::secret_fields`), have openapiv3 read them.
//! 2. `normalize` (only with [`Options::normalize`]): rewrite what
//!    progenitor cannot generate, each change reported.
//! 3. `progenitor`: run progenitor's builder-style generator for each
//!    [`Target`]; when it fails, blame the operations that fail alone, and
//!    with [`Options::skip_failing`] leave them out and go again.
//! 4. `passes`: what we add on top of progenitor, one module per pass, in
//!    one ordered table (`passes::PASSES`).
//! 5. `threads`: the client in two halves and the two companions, on four
//!    threads, each part formatted with prettyplease behind a header that
//!    says how to regenerate it.
//!
//! The generated code names its runtime by its crate path
//! (`::quantcdn_client_runtime::Error`, ...; see `runtime_contract`), so the
//! compiler checks the contract; the runtime never names the generated code.
//!
//! Out also: the client's syntax tree after every pass ([`client_file`]),
//! which the review (`api-review`: the model of what consumers see, the
//! API-surface snapshot, `cargo xtask diff`) reads, with the helpers in
//! [`syntax`]; nothing here imports from the review. The crate does no
//! file I/O, so tests and benchmarks call it directly; `xtask` owns
//! reading and writing files.

mod error;
mod normalize;
mod passes;
mod progenitor;
pub mod runtime_contract;
pub mod spec;
pub mod syntax;
mod threads;

pub use error::{CodegenError, FailedOperation};
pub use spec::read::parse_spec;

pub use progenitor::Target;
pub use progenitor::skip::LeftOut;

/// The module progenitor puts typify's types in (`pub mod types`).
pub const TYPES_MODULE: &str = "types";

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
    /// Leave out the operations progenitor cannot generate, each named
    /// with its reason in [`Generated::skipped`] and in every file's
    /// header, instead of refusing the spec (see `progenitor::skip`).
    pub skip_failing: bool,
}

impl<'a> Options<'a> {
    /// The spec named `spec_name`, [`REGENERATE_COMMAND`], no normalising.
    pub fn new(spec_name: &'a str) -> Self {
        Options {
            spec_name,
            command: REGENERATE_COMMAND,
            normalize: false,
            skip_failing: false,
        }
    }

    pub fn command(self, command: &'a str) -> Self {
        Options { command, ..self }
    }

    pub fn normalize(self, normalize: bool) -> Self {
        Options { normalize, ..self }
    }

    pub fn skip_failing(self, skip_failing: bool) -> Self {
        Options {
            skip_failing,
            ..self
        }
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
    /// One line per change `normalize` made (none without it), and per
    /// rewrite of an OpenAPI 3.1 document read as 3.0.
    pub normalizations: Vec<String>,
    /// The operations left out with [`Options::skip_failing`], each with
    /// why progenitor cannot generate it (none without it).
    pub skipped: Vec<LeftOut>,
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
    let spec_name = options.spec_name;
    // An OpenAPI 3.1 document is read as 3.0, each rewrite reported with
    // the normalisations (`spec::openapi31`).
    let (mut document, mut normalizations) = spec::read::parse_reporting(spec_text, spec_name)?;
    // Nameless operations are named, and empty enums removed, before the
    // checks, which refuse them.
    if options.normalize {
        normalizations.extend(normalize::before_checks(&mut document));
    }
    // Marked before openapiv3 reads it: the one conversion of the values.
    // The marks are extensions, which the checks read as data, so the
    // marked document has the problems the document has (a test holds
    // them to it), and the checks and openapiv3 read it side by side.
    passes::secret_fields::mark(&mut document);
    let (problems, spec) = std::thread::scope(|scope| {
        let problems = scope.spawn(|| spec::check::problems(&document));
        let spec = spec::read::openapi(&document, spec_text, spec_name);
        let problems = problems
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (problems, spec)
    });
    refuse(problems, spec_name)?;
    let mut spec = spec?;
    drop(document);
    if options.normalize {
        normalizations.extend(normalize::normalize(&mut spec));
    }
    let header = header(options.spec_name, options.command);
    let mut skipped = Vec::new();
    let mut generated = if options.skip_failing {
        // Each attempt on a copy: splitting changes the spec.
        loop {
            let header = header.clone() + &skipped_note(&skipped);
            let attempt = split_and_generate_files(spec.clone(), spec_name, &header);
            if let Some(generated) = skipping(attempt, &mut spec, &mut skipped) {
                break generated?;
            }
        }
    } else {
        split_and_generate_files(spec, spec_name, &header)?
    };
    generated.normalizations = normalizations;
    generated.skipped = skipped;
    Ok(generated)
}

/// Stages 3 to 5: answers of several types split (see
/// `progenitor::response_groups`), then every file made.
fn split_and_generate_files(
    mut spec: openapiv3::OpenAPI,
    spec_name: &str,
    header: &str,
) -> Result<Generated, CodegenError> {
    progenitor::response_groups::split(&mut spec, spec_name)?;
    threads::generate_files(&spec, spec_name, header)
}

/// What to do with an attempt's outcome when skipping: `None` to try
/// again, when the attempt failed only on operations, which are then left
/// out of `spec` (see `progenitor::skip`) and added to `skipped`;
/// otherwise the outcome, a refusal naming what was left out before it.
fn skipping<T>(
    attempt: Result<T, CodegenError>,
    spec: &mut openapiv3::OpenAPI,
    skipped: &mut Vec<LeftOut>,
) -> Option<Result<T, CodegenError>> {
    match attempt {
        Err(CodegenError::Generator {
            spec: name,
            failures,
        }) => match progenitor::skip::leave_out(spec, &failures) {
            Some(left_out) => {
                skipped.extend(left_out);
                None
            }
            None => Some(Err(with_left_out(
                CodegenError::Generator {
                    spec: name,
                    failures,
                },
                skipped,
            ))),
        },
        attempt => Some(attempt),
    }
}

/// A refusal after operations were left out names them too: they cannot
/// be generated either, and the reader learns what `--skip-failing` did
/// before the rest was refused.
fn with_left_out(error: CodegenError, skipped: &[LeftOut]) -> CodegenError {
    match error {
        CodegenError::Generator { spec, failures } if !skipped.is_empty() => {
            CodegenError::Generator {
                spec,
                failures: skipped
                    .iter()
                    .map(|left_out| FailedOperation {
                        operation: Some(left_out.operation.clone()),
                        message: left_out.reason.clone(),
                    })
                    .chain(failures)
                    .collect(),
            }
        }
        error => error,
    }
}

/// Stage 1: read the text, check it (see `check`), with its maps in
/// canonical (sorted) order. The document as the spec says it, before the
/// secret fields are marked: what `cargo xtask diff` compares.
pub fn read(spec_text: &str, spec_name: &str) -> Result<openapiv3::OpenAPI, CodegenError> {
    spec::read::openapi(&checked(spec_text, spec_name)?, spec_text, spec_name)
}

/// The spec as [`generate`] hands it to progenitor (before the secret
/// fields are marked): normalised when `normalize` is set, with answers of
/// several types split (see `progenitor::response_groups`), and what
/// normalising changed. What progenitor alone is given when it is compared
/// with [`generate`] (the benchmarks).
pub fn for_progenitor(
    spec_text: &str,
    spec_name: &str,
    normalize: bool,
) -> Result<(openapiv3::OpenAPI, Vec<String>), CodegenError> {
    let (mut raw, mut changes) = spec::read::parse_reporting(spec_text, spec_name)?;
    if normalize {
        changes.extend(normalize::before_checks(&mut raw));
    }
    refuse(spec::check::problems(&raw), spec_name)?;
    let mut spec = spec::read::openapi(&raw, spec_text, spec_name)?;
    if normalize {
        changes.extend(normalize::normalize(&mut spec));
    }
    progenitor::response_groups::split(&mut spec, spec_name)?;
    Ok((spec, changes))
}

/// Stage 1 as plain JSON values: the text read with the duplicate-key
/// check, then checked (see `check`). What tests read examples and
/// extensions from.
pub fn read_json(spec_text: &str, spec_name: &str) -> Result<serde_json::Value, CodegenError> {
    checked(spec_text, spec_name)
}

/// The text read once into JSON values, and checked.
fn checked(spec_text: &str, spec_name: &str) -> Result<serde_json::Value, CodegenError> {
    let raw = spec::read::parse(spec_text, spec_name)?;
    refuse(spec::check::problems(&raw), spec_name)?;
    Ok(raw)
}

/// The checks' problems, if any, as the error.
fn refuse(problems: Vec<String>, spec_name: &str) -> Result<(), CodegenError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CodegenError::Problems {
            spec: spec_name.to_owned(),
            problems,
        })
    }
}

/// The client generated from a spec (as [`read`] gives it), after every
/// pass, as one syntax tree: what the review reads. The client alone is
/// generated, in memory, on this thread.
pub fn client_file(spec: &openapiv3::OpenAPI, spec_name: &str) -> Result<syn::File, CodegenError> {
    let (types, requests) = client_halves(spec, spec_name)?;
    Ok(threads::halves::join(types, requests))
}

/// [`client_file`], and the client's text as [`generate`] writes it under
/// `header` (see [`header`]): a checked-in client with this text needs no
/// reading (`cargo xtask diff` then skips parsing it). `spec_name` names
/// the spec in errors.
pub fn client_file_and_text(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
    header: &str,
) -> Result<(syn::File, String), CodegenError> {
    let (types, requests) = client_halves(spec, spec_name)?;
    let (mut file, after) = threads::halves::around_placeholder(requests);
    let text = format!(
        "{header}{}{}{}",
        prettyplease::unparse(&file),
        prettyplease::unparse(&types),
        prettyplease::unparse(&after)
    );
    file.items.extend(types.items);
    file.items.extend(after.items);
    Ok((file, text))
}

/// [`client_file`], leaving out the operations progenitor cannot generate
/// (as [`Options::skip_failing`] does), and which they were: what the
/// review reads, so that it sees what leaving an operation out means.
pub fn client_file_skipping(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
) -> Result<(syn::File, Vec<LeftOut>), CodegenError> {
    // The spec is copied only when something is left out (the review of a
    // spec that generates, the usual case, pays nothing more).
    let mut spec = std::borrow::Cow::Borrowed(spec);
    let mut skipped = Vec::new();
    loop {
        let outcome = match client_halves(&spec, spec_name) {
            failed @ Err(CodegenError::Generator { .. }) => {
                skipping(failed, spec.to_mut(), &mut skipped)
            }
            outcome => Some(outcome),
        };
        if let Some(halves) = outcome {
            let (types, requests) = halves?;
            return Ok((threads::halves::join(types, requests), skipped));
        }
    }
}

/// The client's two halves after every pass, on this thread.
fn client_halves(
    spec: &openapiv3::OpenAPI,
    spec_name: &str,
) -> Result<(syn::File, syn::File), CodegenError> {
    let mut spec = passes::secret_fields::marked(spec, spec_name)?;
    progenitor::response_groups::split(&mut spec, spec_name)?;
    let spec = &spec;
    let tokens = progenitor::tokens(spec, spec_name, Target::Client)?;
    let (types, requests) = threads::halves::cut(tokens);
    let response_types = passes::received_enums::response_types(&requests.to_string());
    let mut types = progenitor::parsed(types, spec_name)?;
    let mut requests = progenitor::parsed(requests, spec_name)?;
    let mut facts = passes::Facts::new(spec, spec_name, passes::Found::default());
    facts.response_types = response_types;
    passes::run(passes::Part::Types, &mut types, &mut facts)?;
    let mut facts = passes::Facts::new(spec, spec_name, facts.found);
    passes::run(passes::Part::Requests, &mut requests, &mut facts)?;
    Ok((types, requests))
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

/// What the header says of the operations [`Options::skip_failing`] left
/// out, one line each (empty when none was): a reader of the file learns
/// what is missing and why without the command's output.
fn skipped_note(skipped: &[LeftOut]) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let mut note = format!(
        "// Left out, because progenitor cannot generate them ({} operation{}):\n",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" }
    );
    for failure in skipped {
        note.push_str(&format!("// - {failure}\n"));
    }
    note.push('\n');
    note
}
