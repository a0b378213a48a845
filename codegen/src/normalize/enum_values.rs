//! An `enum` value of another type than its schema's, or listed twice.
//!
//! typify stops on either ("unexpected value type"; "Failed to make
//! unique variant names", naming no schema), so `spec::check` refuses
//! them. Normalising makes a value fit where its text says the same thing
//! in the schema's type (`1` for a string is `"1"`; `"2"` for an integer
//! is `2`; `"true"` for a boolean is `true`), and removes it otherwise; a
//! value listed again is removed. The values a server sends are those the
//! spec's type says it sends; an `enum` left with no value is removed
//! (the schema then takes any value of its type).
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::Value;

use crate::spec::check::is_of_type;
use crate::spec::walk::{ObjectKind, walk_objects_mut};

/// `value` as a value of `ty`, when its text says the same thing there.
pub(super) fn fitted(value: &Value, ty: &str) -> Option<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    match ty {
        "string" => Some(Value::String(text)),
        "integer" => text.trim().parse::<i64>().ok().map(Value::from),
        "number" => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        "boolean" => match text.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

/// Fits, or removes, each such value; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    walk_objects_mut(doc, |pointer, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        let ty = schema
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let Some(Value::Array(values)) = schema.get_mut("enum") else {
            return;
        };
        let mut kept: Vec<Value> = Vec::with_capacity(values.len());
        let mut removed: Vec<usize> = Vec::new();
        for (i, value) in std::mem::take(values).into_iter().enumerate() {
            let value = match &ty {
                Some(ty) if !value.is_null() && !is_of_type(&value, ty) => {
                    match fitted(&value, ty) {
                        Some(fit) => {
                            changes.push(format!(
                                "#{pointer}/enum/{i}: {value} written {fit}, as the schema's type {ty} says it"
                            ));
                            fit
                        }
                        None => {
                            changes.push(format!(
                                "#{pointer}/enum/{i}: {value} removed: not of the schema's type {ty}"
                            ));
                            removed.push(i);
                            continue;
                        }
                    }
                }
                _ => value,
            };
            if kept.contains(&value) {
                changes.push(format!(
                    "#{pointer}/enum/{i}: {value} removed: listed before"
                ));
                removed.push(i);
                continue;
            }
            kept.push(value);
        }
        let count = kept.len() + removed.len();
        *values = kept;
        // The names and descriptions given beside the values, one each.
        for key in ["x-enum-varnames", "x-enumNames", "x-enum-descriptions"] {
            if let Some(Value::Array(beside)) = schema.get_mut(key)
                && beside.len() == count
            {
                for &i in removed.iter().rev() {
                    beside.remove(i);
                }
            }
        }
        if schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            for key in [
                "enum",
                "x-enum-varnames",
                "x-enumNames",
                "x-enum-descriptions",
            ] {
                schema.remove(key);
            }
            changes.push(format!(
                "#{pointer}/enum: removed: no value of the schema's type was left; the schema takes any value of its type"
            ));
        }
    });
    changes
}
