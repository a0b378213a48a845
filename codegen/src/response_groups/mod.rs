//! One type for the answers of an operation that have several types: a
//! feature that spans the stages, at home here.
//!
//! progenitor gives an operation's success answers one type, and its error
//! answers one; where their bodies differ it cannot generate the operation
//! (progenitor#344, #950), and `--normalize` used to drop all answers but
//! one kind, which then arrived untyped. Before progenitor runs, `split`
//! prepares the spec (the generator's last stage calls it); after, the
//! passes here make each such group one enum in `types` that says which
//! answer came, a variant per status:
//!
//! ```text
//! pub enum ChatInferenceResponse {
//!     /// `200`: the answer
//!     Ok(ChatInference200Response),
//!     /// `202`: accepted for later
//!     Accepted(ChatInference202Response),
//!     /// `204`: no body
//!     NoContent,
//!     /// `200`: an event stream (`text/event-stream`)
//!     EventStream(ByteStream),
//! }
//! ```
//!
//! One module per output, each its own pass in `passes::PASSES`:
//!
//! - **types** (`types`): the enum, named after the operation's builder
//!   (`{Builder}Response`, `{Builder}Error`); each body's type is read from
//!   the marked component's field (then removed), so typify's naming is
//!   not copied. Variants are named after the status's reason phrase
//!   (`http`'s, as progenitor's mocks name their methods). It serialises
//!   untagged (the body) and carries the `JsonSchema` derive, for the CLI;
//!   a byte stream is neither, so an enum with one is not `Clone`, and its
//!   `Debug` shows no bytes. It is `#[non_exhaustive]` like every
//!   generated type (`non_exhaustive`), so an answer added later is
//!   compatible for code that matches with `_`.
//! - **requests** (`requests`): `send()` returns the enum; each status's arm reads its
//!   body into its variant (`read_response` with the body type's secret
//!   keys, or `read_error_as`, or `DocumentedError::map` for a bodiless or
//!   streamed error).
//! - **mocks** (`mocks`): the `Then` of the operation gets a method for each answer
//!   progenitor did not see (`accepted(&value)`, `not_found()`), named as
//!   progenitor names the others.
//! - **CLI** (`cli`): the operation prints its answer whichever it is
//!   (`success_item`, `error`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::visit_mut::VisitMut;

use crate::passes::Facts;

mod cli;
mod mocks;
mod requests;
mod types;

pub(crate) mod split;

use crate::runtime_contract::{self, DOCUMENTED_ERROR, READ_ERROR_AS, READ_RESPONSE};
use crate::syntax::{doc_lines, serde_rules, type_ident};
use crate::{CodegenError, FailedOperation, TYPES_MODULE};
pub(crate) use cli::print_any_answer;
pub(crate) use mocks::add_mock_answers;
pub(crate) use requests::rewrite_requests;
use split::{Body, Group, Kind};
pub(crate) use types::add_enums;

/// A group with its Rust names, found by the types half for the others.
#[derive(Debug, Clone)]
pub(crate) struct TypedGroup {
    pub(crate) group: Group,
    /// The enum's name in `types`.
    pub(crate) name: String,
    /// Per member, in order: the variant's name and the body's type as
    /// the other files name it (`types::Thing`, `ByteStream`; `None`
    /// without a body).
    pub(crate) variants: Vec<(String, Option<String>)>,
}

/// What the types half found, for the other parts.
pub(crate) type TypedGroups = Vec<TypedGroup>;

/// The items of `mod name { .. }` directly in `items`, open to change.
pub(super) fn module_mut<'a>(
    items: &'a mut [syn::Item],
    name: &str,
) -> Option<&'a mut Vec<syn::Item>> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, i)| i),
        _ => None,
    })
}

/// The words of a status's reason phrase (`Not Found` → `not`, `found`);
/// a range by its class, a status without a phrase by its number.
pub(super) fn status_words(status: &str) -> Vec<String> {
    let class = |c: &str| c.split('_').map(str::to_owned).collect();
    match status {
        "1XX" => class("informational"),
        "2XX" => class("success"),
        "3XX" => class("redirect"),
        "4XX" => class("client_error"),
        "5XX" => class("server_error"),
        code => match code
            .parse::<u16>()
            .ok()
            .and_then(|c| http::StatusCode::from_u16(c).ok())
            .and_then(|c| c.canonical_reason())
        {
            Some(reason) => reason
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect(),
            None => vec!["status".to_owned(), code.to_owned()],
        },
    }
}

pub(super) fn parse_type(text: &str) -> syn::Type {
    syn::parse_str(text).expect("a type the types half wrote")
}

pub(super) fn missing(facts: &Facts<'_>, group: &Group, what: &str) -> CodegenError {
    CodegenError::Generator {
        spec: facts.spec_name.to_owned(),
        failures: vec![FailedOperation {
            operation: Some(group.operation.clone()),
            message: format!(
                "its answers have several types, and codegen did not find {what} \
                 (`{}`) in progenitor's output",
                group.builder
            ),
        }],
    }
}

#[cfg(test)]
mod tests {
    use workspace_files::COMPANION_SHAPES_SPEC;

    /// The spec as progenitor gets it: each group's operation keeps the
    /// answers of one body, the inline bodies are components, and the
    /// groups are written down with progenitor's names.
    #[test]
    fn the_spec_keeps_one_body_per_operation_and_lists_the_groups() {
        let mut spec = crate::Generator::new(crate::Settings::new("companion-shapes.yaml"))
            .document(COMPANION_SHAPES_SPEC)
            .unwrap()
            .spec;
        super::split::split(&mut spec, "companion-shapes.yaml").unwrap();
        let jobs = spec.paths.paths["/jobs"].as_item().unwrap();
        let kept: Vec<String> = jobs
            .post
            .as_ref()
            .unwrap()
            .responses
            .responses
            .keys()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(kept, ["200", "409"]);
        let schemas = &spec.components.as_ref().unwrap().schemas;
        assert!(schemas.contains_key("start_job_202_response"));
        let groups = super::split::groups(&spec);
        let summary: Vec<String> = groups
            .iter()
            .map(|g| {
                let members: Vec<String> = g.members.iter().map(|m| m.status.clone()).collect();
                format!(
                    "{} {} {:?} {}",
                    g.method,
                    g.builder,
                    g.kind,
                    members.join(",")
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "start_job StartJob Success 200,202,204",
                "start_job StartJob Error 404,409,5XX",
                "job_events JobEvents Success 200,202",
                "get_shelf GetShelf Error 480,481",
            ]
        );
    }

    /// A secret field of one answer of a group is recovered from that
    /// answer when it is off-spec, as from any answer: its arm reads with
    /// the body type's secret keys, and the other arm with none.
    #[test]
    fn each_arm_reads_with_its_own_bodys_secret_keys() {
        const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /keys:
    post:
      operationId: make_key
      responses:
        '201':
          description: made
          content:
            application/json:
              schema:
                type: object
                required: [token]
                properties:
                  token: {type: string, x-sensitive: true}
        '202':
          description: queued
          content:
            application/json:
              schema:
                type: object
                properties:
                  job: {type: string}
"#;
        let generated = crate::Generator::new(crate::Settings::new("keys.yaml"))
            .generate(SPEC)
            .unwrap();
        // Without whitespace, and the trailing comma prettyplease puts in
        // a broken turbofish.
        let client: String = generated
            .client
            .split_whitespace()
            .collect::<String>()
            .replace(",>", ">");
        assert!(
            client.contains(
                "201u16=>{::openapi_client_runtime::read_response::<types::MakeKey201Response,_>(response,&[\"token\"])"
            ),
            "{}",
            generated.client
        );
        assert!(
            client.contains(
                "202u16=>{::openapi_client_runtime::read_response::<types::MakeKey202Response,_>(response,&[])"
            ),
            "{}",
            generated.client
        );
        assert!(
            client.contains("pubtoken:::openapi_client_runtime::Secret"),
            "{}",
            generated.client
        );
    }
}
