//! Running progenitor, and blaming its failures.
//!
//! In: the spec as openapiv3 read it (secret fields marked, see
//! `secret_fields`) and a [`Target`]. Out: progenitor's tokens for
//! that target, or a `CodegenError::Generator` naming each operation that
//! fails (see `blame`). progenitor's panics are caught (see `panics`), and
//! the blame runs progenitor on one operation at a time, on a spec pruned
//! to what that operation reaches (see `prune`).

mod blame;
mod mock_statuses;
pub(crate) mod panics;
mod prune;
pub(crate) mod skip;

use std::collections::BTreeMap;

use openapiv3::OpenAPI;
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};
use quote::ToTokens;

use crate::CodegenError;
use crate::passes::json_schema;
use crate::runtime_contract;
use crate::secret_fields;

/// Builder-style methods (`client.tokens_create().organization(..).body(..)`)
/// with one `Client` for all tags: the shape oxide.rs uses, and the one that
/// lets new optional parameters arrive without breaking callers.
///
/// The client carries the including crate's `CallPolicy`, and that crate
/// must implement `ClientHooks` for it (`HooksMode::Expected`): its `exec`
/// retries what is safe to retry, traces each call, and tells the readers
/// how large an answer may be and which secret to redact. Expected rather than
/// optional, so a crate that forgets it fails to compile instead of
/// silently sending every request once, untraced.
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(runtime_contract::path(runtime_contract::CALL_POLICY).to_token_stream())
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
    Targets::new(spec, spec_name).tokens(target)
}

/// progenitor reports some unsupported constructs by panicking (for example
/// `assertion failed: response_types.len() <= 1`); a panic here becomes an
/// error message like any other.
pub(crate) fn run(spec: &OpenAPI, target: Target) -> Result<TokenStream, String> {
    run_with(&mut Generator::new(&settings()), spec, target)
}

/// [`run`] with a generator that may have made other targets of `spec`
/// before.
fn run_with(
    generator: &mut Generator,
    spec: &OpenAPI,
    target: Target,
) -> Result<TokenStream, String> {
    // The mocks of statuses without a reason phrase: see `mock_statuses`.
    let stand_ins = match target {
        Target::Httpmock => mock_statuses::stand_ins(spec)?,
        _ => None,
    };
    let outcome = panics::catch(|| match (target, &stand_ins) {
        (Target::Client, _) => generator.generate_tokens(spec),
        (Target::Httpmock, None) => generator.httpmock(spec, "crate"),
        (Target::Httpmock, Some(stand_ins)) => generator
            .httpmock(&stand_ins.spec, "crate")
            .map(|tokens| stand_ins.restore(tokens)),
        (Target::Cli, _) => generator.cli(spec, "crate"),
    });
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(error)) => Err(error.to_string()),
        Err(payload) => Err(explain_panic(&panics::message(payload.as_ref()))),
    }
}

/// The targets of one spec from one progenitor generator, one after
/// another, as progenitor's own users make them: typify's types are built
/// for the client and the companions reuse them. A generator per target
/// (on threads of their own) built them three times: a third more CPU for
/// Oxide's spec than progenitor alone making the same three targets
/// (docs/maintaining.md, Performance).
pub(crate) struct Targets<'a> {
    spec: &'a OpenAPI,
    spec_name: &'a str,
    generator: Generator,
}

impl<'a> Targets<'a> {
    pub(crate) fn new(spec: &'a OpenAPI, spec_name: &'a str) -> Self {
        Targets {
            spec,
            spec_name,
            generator: Generator::new(&settings()),
        }
    }

    /// [`tokens`] for `target`, from the shared generator. After a failure
    /// the generator may be left half-way: the caller stops.
    pub(crate) fn tokens(&mut self, target: Target) -> Result<TokenStream, CodegenError> {
        run_with(&mut self.generator, self.spec, target).map_err(|whole| CodegenError::Generator {
            spec: self.spec_name.to_owned(),
            failures: blame::diagnose(self.spec, target, whole),
        })
    }
}

/// Turns the panics we know into what the spec author must change.
fn explain_panic(text: &str) -> String {
    let hint = if text.contains("response_types.len() <= 1") {
        " (a `default` answer, which progenitor counts both as a success and as an \
         error, has a body of another type than another answer; progenitor can give \
         each kind only one type, and --normalize removes the `default`)"
    } else if text.contains("as_item().unwrap()") || text.contains("Option::unwrap()") {
        " (possibly a `$ref` where progenitor expects an inline item)"
    } else {
        ""
    };
    format!("progenitor stopped: {text}{hint}")
}

/// progenitor's tokens as syn's tree.
pub(crate) fn parsed(tokens: TokenStream, spec_name: &str) -> Result<syn::File, CodegenError> {
    syn::parse2(tokens).map_err(|e| unparsable(spec_name, e))
}

/// progenitor made tokens that are not a Rust file.
pub(crate) fn unparsable(spec_name: &str, e: syn::Error) -> CodegenError {
    CodegenError::Unparsable {
        spec: spec_name.to_owned(),
        message: e.to_string(),
    }
}

/// Each operation id's method and builder, as progenitor names them: run on
/// a spec of those operations alone, one path each (read, not copied, so
/// that its naming rules stay progenitor's).
pub(crate) fn names(
    operation_ids: &[String],
) -> Result<BTreeMap<String, (String, String)>, String> {
    let paths: serde_json::Map<String, serde_json::Value> = operation_ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                format!("/{i}"),
                serde_json::json!({"get": {"operationId": id, "responses": {"200": {"description": "ok"}}}}),
            )
        })
        .collect();
    let tiny: OpenAPI = crate::spec::read::from_json(&serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "names", "version": "1"},
        "paths": paths,
    }))
    .expect("a spec of operation ids");
    let tokens = run(&tiny, Target::Client)?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
    Ok(crate::syntax::client::builders(&file)
        .into_iter()
        .filter_map(|(method, builder, path)| {
            let index: usize = path.strip_prefix('/')?.parse().ok()?;
            Some((operation_ids.get(index)?.clone(), (method, builder)))
        })
        .collect())
}
