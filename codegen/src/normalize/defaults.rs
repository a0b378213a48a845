//! A `default` its own schema refuses.
//!
//! typify checks each default against its schema and stops on one that
//! does not fit ("value does not conform to the given schema"), naming no
//! schema: a boolean whose default is `"true"`, an integer's `"20"` or
//! `"current"`, a default outside the schema's `enum` or its `minimum` and
//! `maximum`. Normalising makes a default of another type fit where its
//! text says the same thing in the schema's type (`"true"` is `true`,
//! `"20"` is `20`), and removes it otherwise: a default documents what the
//! server assumes when the value is left out, which leaving it out still
//! gets; the client only loses the constant typify would have written for
//! it.
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::Value;

use super::enum_values::fitted;
use crate::spec::check::is_of_type;
use crate::spec::walk::{ObjectKind, walk_objects_mut};

/// Why the schema refuses `value`, if it does (the type is the schema's,
/// and `value` of it).
fn refused(schema: &serde_json::Map<String, Value>, value: &Value) -> Option<String> {
    if let Some(Value::Array(values)) = schema.get("enum")
        && !values.is_empty()
        && !values.contains(value)
    {
        return Some("not one of the schema's `enum`".to_owned());
    }
    let number = value.as_f64()?;
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    if let Some(minimum) = bound("minimum")
        && number < minimum
    {
        return Some(format!("below the schema's minimum {minimum}"));
    }
    if let Some(maximum) = bound("maximum")
        && number > maximum
    {
        return Some(format!("above the schema's maximum {maximum}"));
    }
    None
}

/// Fits, or removes, each such default; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk_objects_mut(doc, |pointer, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        let (Some(ty), Some(value)) = (
            schema
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_owned),
            schema.get("default").cloned(),
        ) else {
            return;
        };
        // `null` is another rule's (a nullable schema's default).
        if value.is_null() {
            return;
        }
        let value = if is_of_type(&value, &ty) {
            value
        } else if let Some(fit) = fitted(&value, &ty) {
            changes.push(format!(
                "#{pointer}/default: {value} written {fit}, as the schema's type {ty} says it"
            ));
            schema.insert("default".to_owned(), fit.clone());
            fit
        } else {
            schema.remove("default");
            changes.push(format!(
                "#{pointer}/default: {value} removed: not of the schema's type {ty}"
            ));
            return;
        };
        if let Some(why) = refused(schema, &value) {
            schema.remove("default");
            changes.push(format!("#{pointer}/default: {value} removed: {why}"));
        }
    });
    changes
}
