//! Path parameters that do not match their path: a `{name}` in the path
//! that no path parameter declares, or a path parameter whose name is not
//! in the path.
//!
//! progenitor cannot build a URL from either, so `spec::check` refuses
//! them; in a sample of 313 vendors' specs, 19 were refused for nothing
//! else (a parameter named `user_id` for `{userId}`, a placeholder left
//! undeclared). OpenAPI Generator generates them. Normalising makes each
//! operation's path parameters those of its path:
//!
//! - one placeholder undeclared and one declared parameter not in the path,
//!   that parameter written in the operation itself: it is renamed (its
//!   type and description kept). The name in the path is what the server
//!   reads; a path parameter's own name is only where to put it;
//! - any other undeclared placeholder: a required string parameter of its
//!   name is added to the operation;
//! - any other parameter not in the path: removed (no URL could carry it),
//!   from the operation, or from the path item (whose parameters apply to
//!   every operation of the path, all of which share the path).
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::spec::walk::{METHODS, follow, placeholders, pointer_token};

/// What to do to one parameter list: an operation's, or its path item's.
enum Change {
    /// Rename the parameter at this index.
    Rename { at: usize, from: String, to: String },
    /// Add a string path parameter of this name.
    Add(String),
    /// Remove the parameter at this index.
    Remove { at: usize, name: String },
}

/// Makes every operation's path parameters those of its path; one line per
/// change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let plan = plan(doc);
    let mut changes = Vec::new();
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return changes;
    };
    for (path, method, mut todo) in plan {
        let Some(item) = paths.get_mut(&path).and_then(Value::as_object_mut) else {
            continue;
        };
        // The list changed: the operation's (made if it has none), or the
        // path item's.
        let (holder, here) = match method {
            Some(method) => (
                item.get_mut(method).and_then(Value::as_object_mut),
                format!("#/paths/{}/{method}/parameters", pointer_token(&path)),
            ),
            None => (
                Some(item),
                format!("#/paths/{}/parameters", pointer_token(&path)),
            ),
        };
        let Some(list) = holder
            .map(|holder| holder.entry("parameters").or_insert_with(|| json!([])))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        // Removals last and from the back, so that the indices still hold.
        todo.sort_by_key(|change| match change {
            Change::Remove { at, .. } => usize::MAX - at,
            _ => 0,
        });
        for change in todo {
            changes.push(match change {
                Change::Rename { at, from, to } => {
                    list[at]["name"] = Value::String(to.clone());
                    format!(
                        "{here}/{at}: path parameter {from} renamed {to}, the name in the path \
                         (the only one unmatched on each side)"
                    )
                }
                Change::Add(name) => {
                    list.push(json!({
                        "name": name,
                        "in": "path",
                        "required": true,
                        "schema": {"type": "string"},
                    }));
                    format!(
                        "{here}: path parameter {name} added (a string): the path has {{{name}}} \
                         and nothing declared it"
                    )
                }
                Change::Remove { at, name } => {
                    list.remove(at);
                    format!(
                        "{here}/{at}: path parameter {name} removed: the path has no {{{name}}}"
                    )
                }
            });
        }
    }
    changes
}

/// The changes, per path and operation (`None`: the path item's own
/// parameters), found on the document as it is.
fn plan(doc: &Value) -> Vec<(String, Option<&'static str>, Vec<Change>)> {
    let mut plan = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return plan;
    };
    let is_path = |p: &Value| follow(doc, p).get("in").and_then(Value::as_str) == Some("path");
    let name_of = |p: &Value| {
        follow(doc, p)
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for (path, item) in paths {
        let placeholders: BTreeSet<String> =
            placeholders(path).into_iter().map(str::to_owned).collect();
        // The path parameters of a list: index, name, and whether it is
        // written there (not a `$ref`).
        let list = |value: Option<&Value>| -> Vec<(usize, String, bool)> {
            value
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
                .filter(|(_, p)| is_path(p))
                .filter_map(|(at, p)| name_of(p).map(|name| (at, name, p.get("$ref").is_none())))
                .collect()
        };
        let shared = list(item.get("parameters"));
        let shared_removals: Vec<Change> = shared
            .iter()
            .filter(|(_, name, _)| !placeholders.contains(name))
            .map(|(at, name, _)| Change::Remove {
                at: *at,
                name: name.clone(),
            })
            .collect();
        let shared_removed = !shared_removals.is_empty();
        if shared_removed {
            plan.push((path.clone(), None, shared_removals));
        }
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let own = list(operation.get("parameters"));
            let declared: BTreeSet<&str> = own
                .iter()
                .chain(&shared)
                .map(|(_, name, _)| name.as_str())
                .filter(|name| placeholders.contains(*name))
                .collect();
            let mut missing: Vec<&String> = placeholders
                .iter()
                .filter(|name| !declared.contains(name.as_str()))
                .collect();
            let mut extra: Vec<&(usize, String, bool)> = own
                .iter()
                .filter(|(_, name, _)| !placeholders.contains(name))
                .collect();
            let mut todo = Vec::new();
            if let ([to], [(at, from, true)]) = (missing.as_slice(), extra.as_slice())
                && !shared_removed
            {
                todo.push(Change::Rename {
                    at: *at,
                    from: from.clone(),
                    to: (*to).clone(),
                });
                missing.clear();
                extra.clear();
            }
            todo.extend(missing.into_iter().map(|name| Change::Add(name.clone())));
            todo.extend(extra.into_iter().map(|(at, name, _)| Change::Remove {
                at: *at,
                name: name.clone(),
            }));
            if !todo.is_empty() {
                plan.push((path.clone(), Some(method), todo));
            }
        }
    }
    plan
}
