//! A body without a schema, and an `encoding` progenitor cannot read.
//!
//! OpenAPI makes a media type's `schema` optional. progenitor stops on a
//! JSON answer without one (`not yet implemented: media type encoding, no
//! schema`) and on a request body without one ("No schema specified for
//! request body"); and on an `encoding` beside a JSON answer (OpenAPI
//! defines it for multipart and form requests only) or a JSON or form
//! request (`media type encoding not empty`). Normalising gives each
//! body without a schema the schema that says what it may be: any JSON
//! value for JSON (`{}`, `serde_json::Value` in Rust), any object for a
//! form, raw bytes for anything else (`{type: string, format: binary}`,
//! which `request_bodies` then sends as such); and removes those
//! `encoding`s (a form's fields are then sent as serde writes them).
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::{Value, json};

use crate::spec::walk::{ObjectKind, is_json_media_type, walk_objects_mut};

const FORM: &str = "application/x-www-form-urlencoded";

/// Completes each media type of a body; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk_objects_mut(doc, |pointer, place, media| {
        if place != ObjectKind::Object {
            return;
        }
        // A Media Type object of a body: `…/requestBody/content/<type>`,
        // `…/responses/<status>/content/<type>` (or a component's).
        let steps: Vec<&str> = pointer.rsplit('/').take(4).collect();
        let [media_type, "content", owner, grand, ..] = steps[..] else {
            return;
        };
        let request = owner == "requestBody" || grand == "requestBodies";
        let answer = grand == "responses";
        if !(request || answer) {
            return;
        }
        let media_type = media_type.replace("~1", "/").replace("~0", "~");
        let json = is_json_media_type(&media_type);
        let form =
            media_type == FORM || media_type.starts_with("application/x-www-form-urlencoded;");
        if !media.contains_key("schema") && (json || request) {
            let (schema, says) = if json {
                (json!({}), "any JSON value")
            } else if form {
                (json!({"type": "object"}), "any object")
            } else {
                (json!({"type": "string", "format": "binary"}), "raw bytes")
            };
            changes.push(format!(
                "#{pointer}: schema {schema} added: a body without a schema is {says}"
            ));
            media.insert("schema".to_owned(), schema);
        }
        let encoded = media
            .get("encoding")
            .and_then(Value::as_object)
            .is_some_and(|encoding| !encoding.is_empty());
        if encoded && (json || form && request) {
            media.remove("encoding");
            changes.push(format!(
                "#{pointer}/encoding: removed: progenitor cannot follow it{}",
                if answer {
                    " (OpenAPI defines it for multipart and form requests, not answers)"
                } else {
                    "; the fields are sent as serde writes them"
                }
            ));
        }
    });
    changes
}
