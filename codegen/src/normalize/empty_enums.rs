//! `enum: []`: a schema that lists no value.
//!
//! No value would be valid, and typify's code for it does not compile (its
//! check is `![].contains(&value)`, on a type that may not be
//! `PartialEq`), so `spec::check` refuses it. Normalising removes the empty
//! list: the schema then takes any value of its type, which is what a
//! client of such an API can send and read (a server cannot mean to accept
//! nothing). Like `operation_ids`, this acts on the JSON document, before
//! the checks.

use serde_json::Value;

use crate::spec::walk::{ObjectKind, walk_objects_mut};

/// Removes every `enum: []` of a schema; one line per removal.
pub(crate) fn remove(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk_objects_mut(doc, |pointer, place, object| {
        if place == ObjectKind::Schema
            && object
                .get("enum")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
        {
            object.remove("enum");
            changes.push(format!(
                "#{pointer}/enum: [] removed: no value would be valid; the schema takes any value of its type"
            ));
        }
    });
    changes
}
