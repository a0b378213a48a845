//! [`Generator`]: the one entry point, as progenitor-impl's `Generator`:
//! [`Settings`] in; the targets, and what was normalised and left out, out
//! ([`Generator::generate`]); or, for the review, the document as the
//! targets are made from it ([`Generator::document`]) and the client's
//! syntax tree after every pass ([`Generator::client`]).
//!
//! The stages run in [`Generator::generate`]'s order, and nowhere else:
//! read (OpenAPI 3.1 as 3.0), normalise what the checks would refuse,
//! mark the secret fields, check and have openapiv3 read, normalise, then,
//! once per attempt (another when `--skip-failing` leaves operations out),
//! split the answers of several types and make every file (progenitor, the
//! passes, prettyplease: `threads`, which runs the parts on threads of
//! their own).

use openapiv3::OpenAPI;

use crate::progenitor::skip::LeftOut;
use crate::{
    CodegenError, FailedOperation, Target, normalize, passes, progenitor, response_groups,
    secret_fields, spec, threads,
};

/// The command that regenerates the checked-in code; printed in the header of
/// every generated file and in every "stale" message.
pub const REGENERATE_COMMAND: &str = "cargo xtask codegen";

/// How to generate.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
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

impl<'a> Settings<'a> {
    /// The spec named `spec_name`, [`REGENERATE_COMMAND`], no normalising,
    /// nothing left out.
    pub fn new(spec_name: &'a str) -> Self {
        Settings {
            spec_name,
            command: REGENERATE_COMMAND,
            normalize: false,
            skip_failing: false,
        }
    }

    pub fn command(self, command: &'a str) -> Self {
        Settings { command, ..self }
    }

    pub fn normalize(self, normalize: bool) -> Self {
        Settings { normalize, ..self }
    }

    pub fn skip_failing(self, skip_failing: bool) -> Self {
        Settings {
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
    /// The operations left out with [`Settings::skip_failing`], each with
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

/// A spec as the targets are made from it: read, checked, normalised when
/// asked (the secret fields not marked yet: what a review compares), and
/// what normalising changed.
#[derive(Debug, Clone)]
pub struct Document {
    pub spec: OpenAPI,
    pub normalizations: Vec<String>,
}

/// The client generated from a document, after every pass, as one syntax
/// tree (what the review reads), and the operations left out with
/// [`Settings::skip_failing`].
#[derive(Clone)]
pub struct Client {
    pub file: syn::File,
    pub left_out: Vec<LeftOut>,
}

/// Generates the targets of specs, with its [`Settings`].
#[derive(Debug, Clone, Copy)]
pub struct Generator<'a> {
    settings: Settings<'a>,
}

impl<'a> Generator<'a> {
    pub fn new(settings: Settings<'a>) -> Self {
        Generator { settings }
    }

    pub fn settings(&self) -> &Settings<'a> {
        &self.settings
    }

    /// The spec's text in, every target's formatted source out, with what
    /// normalising changed and what was left out. The spec is parsed once;
    /// the targets are made in parallel.
    pub fn generate(&self, spec_text: &str) -> Result<Generated, CodegenError> {
        let Settings {
            spec_name,
            normalize,
            skip_failing,
            ..
        } = self.settings;
        // 1. Read: an OpenAPI 3.1 document as 3.0, each rewrite reported
        //    with the normalisations (`spec::openapi31`).
        let (mut document, mut normalizations) = spec::read::parse_reporting(spec_text, spec_name)?;
        // 2. Nameless operations named, and empty enums removed, before the
        //    checks, which refuse them.
        if normalize {
            normalizations.extend(normalize::before_checks(&mut document));
        }
        // 3. The secret fields marked, before openapiv3 reads the values
        //    (the one conversion of them). The marks are extensions, which
        //    the checks read as data, so the marked document has the
        //    problems the document has (a test holds them to it).
        secret_fields::mark(&mut document);
        // 4. Checked, and read by openapiv3, side by side.
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
        // 5. What progenitor cannot generate rewritten.
        if normalize {
            normalizations.extend(normalize::normalize(&mut spec));
        }
        // 6. Every file made; with `skip_failing`, the operations that fail
        //    left out and every file made again, each attempt on a copy
        //    (splitting the answers of several types changes the spec).
        let header = self.header();
        let mut skipped = Vec::new();
        let mut generated = if skip_failing {
            let generated = loop {
                let header = header.clone() + &skipped_note(&skipped);
                let attempt = split_and_generate_files(spec.clone(), spec_name, &header);
                if let Some(generated) = skipping(attempt, &mut spec, &mut skipped) {
                    break generated?;
                }
            };
            // A client of no operation is no success: refused, with why
            // each was left out.
            if !skipped.is_empty() && spec.operations().next().is_none() {
                return Err(with_left_out(
                    CodegenError::Generator {
                        spec: spec_name.to_owned(),
                        failures: vec![FailedOperation {
                            operation: None,
                            message: "--skip-failing left out every operation: there is no client to make".to_owned(),
                        }],
                    },
                    &skipped,
                ));
            }
            generated
        } else {
            split_and_generate_files(spec, spec_name, &header)?
        };
        generated.normalizations = normalizations;
        generated.skipped = skipped;
        Ok(generated)
    }

    /// Stages 1, 2, 4 and 5 of [`Generator::generate`]: the document as the
    /// targets are made from it, in canonical (sorted) order, the secret
    /// fields not marked: what `cargo xtask diff` and a review compare.
    pub fn document(&self, spec_text: &str) -> Result<Document, CodegenError> {
        let spec_name = self.settings.spec_name;
        let (mut raw, mut normalizations) = spec::read::parse_reporting(spec_text, spec_name)?;
        if self.settings.normalize {
            normalizations.extend(normalize::before_checks(&mut raw));
        }
        refuse(spec::check::problems(&raw), spec_name)?;
        let mut spec = spec::read::openapi(&raw, spec_text, spec_name)?;
        if self.settings.normalize {
            normalizations.extend(normalize::normalize(&mut spec));
        }
        Ok(Document {
            spec,
            normalizations,
        })
    }

    /// Stage 1 as plain JSON values: the text read with the duplicate-key
    /// check, then checked. What tests read examples and extensions from.
    pub fn json(&self, spec_text: &str) -> Result<serde_json::Value, CodegenError> {
        let spec_name = self.settings.spec_name;
        let raw = spec::read::parse(spec_text, spec_name)?;
        refuse(spec::check::problems(&raw), spec_name)?;
        Ok(raw)
    }

    /// The spec as [`Generator::generate`] hands it to progenitor (before
    /// the secret fields are marked): the [`Document`], with the answers of
    /// several types split. What progenitor alone is given when it is
    /// compared with [`Generator::generate`] (the benchmarks).
    pub fn for_progenitor(&self, spec_text: &str) -> Result<Document, CodegenError> {
        let mut document = self.document(spec_text)?;
        response_groups::split::split(&mut document.spec, self.settings.spec_name)?;
        Ok(document)
    }

    /// The client generated from `spec` (a [`Document`]'s), after every
    /// pass, as one syntax tree, in memory, on this thread: what the review
    /// reads. With [`Settings::skip_failing`], the operations progenitor
    /// cannot generate are left out, and named.
    pub fn client(&self, spec: &OpenAPI) -> Result<Client, CodegenError> {
        let spec_name = self.settings.spec_name;
        if !self.settings.skip_failing {
            let (types, requests) = client_halves(spec, spec_name)?;
            return Ok(Client {
                file: threads::halves::join(types, requests),
                left_out: Vec::new(),
            });
        }
        // The spec is copied only when something is left out (the review of
        // a spec that generates, the usual case, pays nothing more).
        let mut spec = std::borrow::Cow::Borrowed(spec);
        let mut left_out = Vec::new();
        loop {
            let outcome = match client_halves(&spec, spec_name) {
                failed @ Err(CodegenError::Generator { .. }) => {
                    skipping(failed, spec.to_mut(), &mut left_out)
                }
                outcome => Some(outcome),
            };
            if let Some(halves) = outcome {
                let (types, requests) = halves?;
                return Ok(Client {
                    file: threads::halves::join(types, requests),
                    left_out,
                });
            }
        }
    }

    /// [`Generator::client`] (nothing left out), and the client's text as
    /// [`Generator::generate`] writes it under `header` (another
    /// generator's [`Generator::header`], when the spec is named apart in
    /// messages: a revision of it): a checked-in client with this text
    /// needs no reading (`cargo xtask diff` then skips parsing it).
    pub fn client_and_text(
        &self,
        spec: &OpenAPI,
        header: &str,
    ) -> Result<(syn::File, String), CodegenError> {
        let (types, requests) = client_halves(spec, self.settings.spec_name)?;
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

    /// The first lines of a generated file: where it comes from, how to
    /// recreate it, and why rustfmt leaves it alone.
    pub fn header(&self) -> String {
        let Settings {
            spec_name, command, ..
        } = self.settings;
        format!(
            "// @generated from {spec_name} by `{command}`. Do not edit by hand:\n\
             // change the spec, then run `{command}`.\n\
             // Formatted by prettyplease, not rustfmt: `#[rustfmt::skip]` on the `mod`\n\
             // that includes it keeps `cargo fmt` away.\n\n"
        )
    }
}

/// The last stage: answers of several types split (see
/// `response_groups::split`), then every file made (`threads`).
fn split_and_generate_files(
    mut spec: OpenAPI,
    spec_name: &str,
    header: &str,
) -> Result<Generated, CodegenError> {
    response_groups::split::split(&mut spec, spec_name)?;
    threads::generate_files(&spec, spec_name, header)
}

/// The client's two halves after every pass, on this thread.
fn client_halves(spec: &OpenAPI, spec_name: &str) -> Result<(syn::File, syn::File), CodegenError> {
    let mut spec = secret_fields::marked(spec, spec_name)?;
    response_groups::split::split(&mut spec, spec_name)?;
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

/// What to do with an attempt's outcome when skipping: `None` to try
/// again, when the attempt failed only on operations, which are then left
/// out of `spec` (see `progenitor::skip`) and added to `skipped`;
/// otherwise the outcome, a refusal naming what was left out before it.
fn skipping<T>(
    attempt: Result<T, CodegenError>,
    spec: &mut OpenAPI,
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

/// What the header says of the operations [`Settings::skip_failing`] left
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
