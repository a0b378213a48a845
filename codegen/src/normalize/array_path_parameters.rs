//! A path parameter that is an array.
//!
//! progenitor writes a path parameter into the URL with `to_string()`,
//! which a `Vec` has not, so the client would not compile; `spec::check`
//! refuses it. A path parameter's default style, `simple`, sends an array
//! as its values joined by commas (`/things/1,2,3`), so normalising makes
//! the parameter one string, to be given so joined: what is sent is what
//! the spec says, and the caller writes the join.
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::{Value, json};

use crate::spec::walk::{ObjectKind, follow, walk_objects};

/// Makes each array path parameter a string; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    walk_objects(doc, |pointer, place, parameter| {
        if place == ObjectKind::Object
            && parameter.get("in").and_then(Value::as_str) == Some("path")
            && parameter.get("name").is_some()
            && parameter
                .get("schema")
                .map(|s| follow(doc, s))
                .and_then(|s| s.get("type"))
                .and_then(Value::as_str)
                == Some("array")
        {
            found.push(pointer.to_owned());
        }
    });
    let mut changes = Vec::new();
    for pointer in found {
        if let Some(parameter) = doc.pointer_mut(&pointer).and_then(Value::as_object_mut) {
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned();
            parameter.insert("schema".to_owned(), json!({"type": "string"}));
            changes.push(format!(
                "#{pointer}/schema: path parameter {name} is an array: made one string, to be given as the values joined by commas (as the `simple` style sends them)"
            ));
        }
    }
    changes
}
