//! A `default` response beside answers of other types.
//!
//! progenitor counts `default` both among an operation's success answers
//! and among its error answers, and gives each kind one Rust type. Answers
//! of several types under their own statuses become one enum
//! (`response_groups`), but `default` stands for every other
//! status of both kinds, which no variant can say. Where its body differs
//! from another answer's, normalising removes it: at run time the other
//! statuses arrive as `Error::UnexpectedResponse`, with the raw response,
//! instead of stopping generation of the whole client.

use openapiv3::{OpenAPI, ReferenceOr, Response, StatusCode};

use super::OperationsMut;
use crate::spec::resolve_response;
use crate::spec::walk::{is_json_media_type, operation_name};

/// Rewrites `spec` in place; returns one line per change.
pub(crate) fn normalize(spec: &mut OpenAPI) -> Vec<String> {
    let components = spec.components.clone();
    let resolve = |r: &ReferenceOr<Response>| resolve_response(components.as_ref(), r);
    let mut changes = Vec::new();
    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter_mut_operations() {
            let name = operation_name(operation.operation_id.as_deref(), method, path);
            let body = |r: &ReferenceOr<Response>| resolve(r).map(|r| body_signature(&r));
            let responses = &mut operation.responses;

            let others: Vec<(StatusCode, String)> = responses
                .responses
                .iter()
                .filter(|(code, _)| is_success(code) || is_error(code))
                .filter_map(|(code, r)| Some((code.clone(), body(r)?)))
                .collect();
            if let Some(default) = responses.default.as_ref().and_then(body) {
                let clashes: Vec<String> = others
                    .iter()
                    .filter(|(_, other)| *other != default)
                    .map(|(code, other)| format!("{code} ({})", describe(other)))
                    .collect();
                if !clashes.is_empty() {
                    responses.default = None;
                    changes.push(format!(
                        "operation {name}: removed response default ({}) beside {}",
                        describe(&default),
                        clashes.join(" and ")
                    ));
                }
            }
        }
    }
    changes
}

fn is_success(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => *c == 101 || (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    }
}

fn is_error(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => (400..600).contains(c),
        StatusCode::Range(r) => (4..=5).contains(r),
    }
}

/// The body a response gives the operation's Rust type: none, a JSON
/// schema, or raw bytes of some other content type.
fn body_signature(response: &Response) -> String {
    if response.content.is_empty() {
        return "none".to_owned();
    }
    match response
        .content
        .iter()
        .find(|(media_type, _)| is_json_media_type(media_type))
    {
        Some((_, media)) => format!(
            "json {}",
            serde_json::to_string(&media.schema).unwrap_or_default()
        ),
        None => format!("raw {}", response.content.keys().next().unwrap()),
    }
}

fn describe(signature: &str) -> String {
    match signature {
        "none" => "no body".to_owned(),
        s if s.starts_with("json {\"$ref\":\"#/components/schemas/") => format!(
            "JSON {}",
            s.trim_start_matches("json {\"$ref\":\"#/components/schemas/")
                .trim_end_matches("\"}")
        ),
        s if s.starts_with("json") => "an inline JSON schema".to_owned(),
        s => s.replacen("raw ", "a ", 1) + " body",
    }
}
