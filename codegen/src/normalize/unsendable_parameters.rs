//! A query, header or path parameter progenitor cannot send.
//!
//! progenitor sends a query parameter in the `form` style only: it stops
//! on `deepObject` (`filter[name]=x`), `spaceDelimited` and
//! `pipeDelimited` ("unsupported style of query parameter"); and it takes
//! an object with named properties only as a body (an `unreachable!()`
//! for an optional one, an assertion for a required one; one cloud
//! provider's query APIs pass structures so). Normalising removes such a
//! parameter when it is optional: the operation is then called without
//! it, as the API allows, and only that parameter cannot be given. A
//! required one is left, so that the refusal names its operation (and
//! `--skip-failing` leaves that operation out): no call could be right
//! without it.
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use serde_json::Value;

use crate::spec::walk::{METHODS, follow, pointer_token};

/// Why progenitor cannot send `parameter` (`$ref`s followed), if so.
fn unsendable(doc: &Value, parameter: &Value) -> Option<String> {
    let place = parameter.get("in").and_then(Value::as_str)?;
    if place == "query"
        && let Some(style) = parameter.get("style").and_then(Value::as_str)
        && style != "form"
    {
        return Some(format!(
            "progenitor sends query parameters in the form style, not {style}"
        ));
    }
    if place == "cookie" {
        return None; // progenitor's own message names it
    }
    let schema = follow(doc, parameter.get("schema")?);
    let is_struct = schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
        || schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|all| {
                all.iter()
                    .any(|s| follow(doc, s).get("properties").is_some())
            });
    is_struct.then(|| {
        "an object with named properties, which progenitor takes only as a request body".to_owned()
    })
}

/// Removes each optional parameter progenitor cannot send; one line per
/// change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    // (path, method or None for the path item's, index, why, name).
    let mut plan: Vec<(String, Option<&'static str>, usize, String, String)> = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let lists = std::iter::once((None, item)).chain(
                METHODS
                    .iter()
                    .filter_map(|m| item.get(*m).map(|op| (Some(*m), op))),
            );
            for (method, holder) in lists {
                let Some(list) = holder.get("parameters").and_then(Value::as_array) else {
                    continue;
                };
                for (i, parameter) in list.iter().enumerate() {
                    let parameter = follow(doc, parameter);
                    let required = parameter.get("required").and_then(Value::as_bool) == Some(true);
                    if required {
                        continue;
                    }
                    if let Some(why) = unsendable(doc, parameter) {
                        let name = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
                        plan.push((path.clone(), method, i, why, name.to_owned()));
                    }
                }
            }
        }
    }
    let mut changes = Vec::new();
    // From the back of each list, so that the indices still hold.
    for (path, method, i, why, name) in plan.iter().rev() {
        let mut pointer = format!("/paths/{}", pointer_token(path));
        if let Some(method) = method {
            pointer.push('/');
            pointer.push_str(method);
        }
        pointer.push_str("/parameters");
        if let Some(Value::Array(list)) = doc.pointer_mut(&pointer) {
            list.remove(*i);
        }
        changes.push(format!(
            "#{pointer}/{i}: optional parameter {name} removed: {why}; the operation is called without it"
        ));
    }
    changes.reverse();
    changes
}
