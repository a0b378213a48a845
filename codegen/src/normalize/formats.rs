//! A `format` that typify cannot read beside what the schema is.
//!
//! typify reads `format` on strings, integers and numbers only. On any
//! other schema (`{type: object, format: uri-map}`, an array whose format
//! is "list of urls", a `$ref` or an `allOf` beside a format) it stops with
//! "not yet implemented: invalid (or unexpected) schema", naming no schema;
//! a `format` with nothing else to say what the value is (`{format:
//! date-time}`) `spec::check` refuses. OpenAPI defines formats for
//! strings, integers and numbers alone, so:
//!
//! - on an object, array or boolean, or beside what gives the schema its
//!   shape (`$ref`, `allOf`, `properties`, `items`, …), the format is
//!   removed: the generated type is what it would be without it;
//! - alone, a format that names one type (`date-time`, `uuid`, `int64`,
//!   `double`, …) gives the schema that type; any other is removed, and
//!   the schema takes any value.
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::Value;

use crate::spec::walk::{ObjectKind, walk_objects_mut};

/// What else gives a schema its shape.
const SHAPES: [&str; 9] = [
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "properties",
    "items",
    "additionalProperties",
    "patternProperties",
];

/// The type a registered format names (OpenAPI's and JSON Schema's).
fn type_of(format: &str) -> Option<&'static str> {
    Some(match format {
        "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" => {
            "integer"
        }
        "float" | "double" => "number",
        "date"
        | "date-time"
        | "time"
        | "duration"
        | "password"
        | "byte"
        | "binary"
        | "email"
        | "idn-email"
        | "hostname"
        | "idn-hostname"
        | "ipv4"
        | "ipv6"
        | "uri"
        | "uri-reference"
        | "iri"
        | "iri-reference"
        | "uri-template"
        | "uuid"
        | "regex"
        | "json-pointer"
        | "relative-json-pointer" => "string",
        _ => return None,
    })
}

/// Removes or completes each such `format`; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk_objects_mut(doc, |pointer, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        let Some(format) = schema
            .get("format")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            return;
        };
        match schema.get("type").and_then(Value::as_str) {
            Some("string" | "integer" | "number") => {}
            Some(other) => {
                let other = other.to_owned();
                schema.remove("format");
                changes.push(format!(
                    "#{pointer}/format: {format:?} removed: OpenAPI gives a{} {other} no format, and typify stops on one",
                    if other.starts_with(['a', 'o']) { "n" } else { "" }
                ));
            }
            None if schema.get("type").is_some() => {} // a 3.1 type list: another rule's
            None => {
                if let Some(shape) = SHAPES.iter().find(|key| schema.contains_key(**key)) {
                    schema.remove("format");
                    changes.push(format!(
                        "#{pointer}/format: {format:?} removed: beside `{shape}`, which says what the value is, typify stops on a format"
                    ));
                } else if let Some(ty) = type_of(&format) {
                    schema.insert("type".to_owned(), Value::String(ty.to_owned()));
                    changes.push(format!(
                        "#{pointer}: type {ty} added, the type format {format:?} names (the schema had none)"
                    ));
                } else {
                    schema.remove("format");
                    changes.push(format!(
                        "#{pointer}/format: {format:?} removed: a format no type is given for, and none OpenAPI registers; the schema takes any value"
                    ));
                }
            }
        }
    });
    changes
}
