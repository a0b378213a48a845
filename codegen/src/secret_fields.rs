//! Fields the spec marks secret get the type `::openapi_client_runtime::Secret`:
//! a feature that spans the stages, at home here. The document is marked
//! before openapiv3 reads it ([`mark`], the generator's third stage);
//! progenitor is told the placeholder crate ([`settings`]); the passes
//! check the parameters ([`check_parameters`]) and rename the paths
//! ([`rewrite`]); the runtime recovers a secret field from an answer that
//! does not match the spec (`runtime_error`'s secret keys).
//!
//! A schema is secret when it says `x-sensitive: true` (our extension, for
//! values such as tokens) or `format: password` (OpenAPI's own hint). The
//! including crate defines `Secret`: a string whose `Debug` and `Display`
//! print a redaction and whose value is read by an explicit call.
//!
//! typify already knows how to put a type of another crate on a schema: the
//! `x-rust-type` extension. Before generation, every secret schema gets one
//! naming a placeholder crate, so typify itself decides where the type
//! goes (a field, an `Option`, a `Vec`, a builder's setter) and nothing
//! here has to find fields by name. After generation, the placeholder's
//! paths (`::codegen_secret::Secret`) become `::openapi_client_runtime::Secret`, the same
//! convention as the `crate::*` the mocks and the CLI are generated for.

use crate::CodegenError;
use crate::passes::shared_walk::{NodePass, Reach};
use crate::runtime_contract::{self, SECRET};
use crate::spec::walk::{ObjectKind, walk_objects_mut};
use openapiv3::OpenAPI;
use progenitor::{CrateVers, GenerationSettings};
use serde_json::{Value, json};

/// The extension that marks a secret.
pub(crate) const SENSITIVE: &str = "x-sensitive";

/// The placeholder crate typify is told the type lives in.
const PLACEHOLDER_CRATE: &str = "codegen-secret";
const PLACEHOLDER_IDENT: &str = "codegen_secret";

/// The placeholder's path as typify's messages spell it (tokens printed
/// with spaces); a test checks it against the two names.
const PLACEHOLDER_IN_MESSAGES: &str = ":: codegen_secret :: Secret";

/// Lets typify use the placeholder crate's type.
pub(crate) fn settings(settings: &mut GenerationSettings) {
    settings.with_crate(PLACEHOLDER_CRATE, CrateVers::Any, None);
}

/// Whether a schema (as JSON) is marked secret.
pub(crate) fn is_secret(schema: &serde_json::Map<String, Value>) -> bool {
    schema.get(SENSITIVE) == Some(&Value::Bool(true))
        || schema.get("format").and_then(Value::as_str) == Some("password")
}

/// [`mark`] for a document already read (what `cargo xtask diff` reads,
/// unmarked).
pub(crate) fn marked(spec: &OpenAPI, spec_name: &str) -> Result<OpenAPI, CodegenError> {
    let mut doc = serde_json::to_value(spec).map_err(|e| invalid(spec_name, e))?;
    mark(&mut doc);
    crate::spec::read::from_json(&doc).map_err(|message| CodegenError::Invalid {
        spec: spec_name.to_owned(),
        message,
    })
}

fn invalid(spec_name: &str, e: serde_json::Error) -> CodegenError {
    CodegenError::Invalid {
        spec: spec_name.to_owned(),
        message: format!("cannot mark the secret fields: {e}"),
    }
}

/// Every schema of the document (never data, whatever its keys: see
/// `spec::walk::ObjectKind`) that is secret gets the placeholder type. Data
/// (examples, defaults, enum values, other extensions) is left alone.
pub(crate) fn mark(doc: &mut Value) {
    walk_objects_mut(doc, |_, place, map| {
        if place == ObjectKind::Schema && is_secret(map) {
            map.insert(
                "x-rust-type".to_owned(),
                json!({
                    "crate": PLACEHOLDER_CRATE,
                    "version": "*",
                    "path": format!("{PLACEHOLDER_IDENT}::{SECRET}"),
                }),
            );
        }
    });
}

/// Refuses secret path and header parameters: progenitor formats their
/// values with `Display`, which a `Secret` redacts, so the request would
/// carry `[REDACTED]`. (Query parameters and bodies are serialized: they
/// work.) The methods are read only when [`rewrite`] put a `Secret` in the
/// file: a parameter cannot have that type otherwise.
pub(crate) fn check_parameters(
    requests: &mut syn::File,
    facts: &mut crate::passes::Facts<'_>,
) -> Result<(), CodegenError> {
    if !facts.has_secrets {
        return Ok(());
    }
    let problems: Vec<String> = crate::syntax::client::formatted_params(requests)
        .into_iter()
        .filter(|(_, _, _, ty)| names_secret(ty))
        .map(|(method, param, place, _)| {
            format!(
                "operation {method}: the {place} parameter {param} is marked secret; only body fields and query \
                 parameters can be (a path or header value is formatted with Display, which a \
                 Secret redacts)"
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CodegenError::Problems {
            spec: facts.spec_name.to_owned(),
            problems,
        })
    }
}

/// Whether a type as the surface writes it (`Option<Secret>`) names
/// `Secret`: a word of its own, not part of a name such as `ClientSecret`.
fn names_secret(ty: &str) -> bool {
    ty.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == SECRET)
}

/// `::codegen_secret::Secret` → `::openapi_client_runtime::Secret`, everywhere in a file,
/// messages included (`conversion to `:: codegen_secret :: Secret` for key
/// failed`).
pub(crate) fn rewrite(_: &crate::passes::Facts<'_>) -> Box<dyn NodePass> {
    Box::new(Rewrite { rewritten: 0 })
}

struct Rewrite {
    rewritten: usize,
}

impl NodePass for Rewrite {
    /// Doc comments are the bulk of the file's strings, and typify's quote
    /// schemas as JSON (`"codegen_secret::Secret"`), never the message form.
    fn reach(&self) -> Reach {
        Reach::ALL_BUT_DOCS
    }

    fn path(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_some()
            && path
                .segments
                .first()
                .is_some_and(|s| s.ident == PLACEHOLDER_IDENT)
        {
            *path = runtime_contract::path(SECRET);
            self.rewritten += 1;
        }
    }

    fn lit_str(&mut self, lit: &mut syn::LitStr) {
        let value = lit.value();
        if value.contains(PLACEHOLDER_IN_MESSAGES) {
            let text = value.replace(PLACEHOLDER_IN_MESSAGES, SECRET);
            *lit = syn::LitStr::new(&text, lit.span());
        }
    }

    fn finish(
        self: Box<Self>,
        _: &mut syn::File,
        facts: &mut crate::passes::Facts<'_>,
    ) -> Result<(), CodegenError> {
        facts.has_secrets = self.rewritten > 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `generate` checks the marked document: marking must not change what
    /// the checks find, on any broken spec of the corpus, on ours, nor on
    /// one whose problems sit beside secret schemas.
    #[test]
    fn marking_changes_no_finding_of_the_checks() {
        let beside_secrets = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a/{b}:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                key: {type: strin, format: password}\n                other: {$ref: '#/components/schemas/Missing'}\n      responses:\n        '200': {description: ok}\n";
        let mut specs = vec![
            ("beside.yaml".to_owned(), beside_secrets.to_owned()),
            (
                "tokens.yaml".to_owned(),
                workspace_files::TOKENS_SPEC.to_owned(),
            ),
        ];
        for entry in std::fs::read_dir(workspace_files::broken_specs_dir()).unwrap() {
            let path = entry.unwrap().path();
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            specs.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            ));
        }
        let mut checked = 0;
        for (name, text) in &specs {
            let Ok(mut doc) = crate::spec::read::parse(text, name) else {
                continue;
            };
            let found = crate::spec::check::problems(&doc);
            mark(&mut doc);
            assert_eq!(crate::spec::check::problems(&doc), found, "{name}");
            checked += 1;
        }
        let beside = crate::spec::read::parse(beside_secrets, "beside.yaml").unwrap();
        assert!(crate::spec::check::problems(&beside).len() >= 3);
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn a_secret_type_is_named_by_its_own_word() {
        assert!(names_secret("Secret"));
        assert!(names_secret("Option<Secret>"));
        assert!(!names_secret("ClientSecret"));
        assert!(!names_secret("Option<SecretScanningAlert>"));
    }

    #[test]
    fn the_placeholder_in_messages_is_the_placeholder_path() {
        assert_eq!(
            PLACEHOLDER_IN_MESSAGES,
            format!(":: {PLACEHOLDER_IDENT} :: {SECRET}")
        );
    }
}
