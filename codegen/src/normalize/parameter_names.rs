//! Parameters of one operation whose names give one Rust name.
//!
//! progenitor names a parameter's builder method and field, and its CLI
//! argument, after the parameter's name in snake case, so `maxResults`
//! and `MaxResults` (two query parameters of one cloud provider's list
//! operations: the server reads both) give two fields `max_results`,
//! which do not compile, and its CLI stops on the second argument
//! (`assertion failed: !args.has_arg(&arg_name)`). Normalising renames
//! each later one in the operation (`MaxResults_2`: `max_results_2` in
//! Rust, `--max-results-2` in the CLI), and the document records the name
//! each stands for ([`EXTENSION`]); the pass `wire_names` writes the real
//! name back wherever the generated code sends or matches it, so the
//! request is the one the spec describes. Names are compared without case
//! and punctuation, which finds every pair progenitor would name alike
//! (and maybe a pair it would not: renaming one costs nothing).
//!
//! A path parameter is never renamed (its name is the path's
//! placeholder). Like `operation_ids`, this acts on the JSON document,
//! before the checks.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::spec::walk::{METHODS, follow, pointer_token};

/// The document extension mapping each new name to the name sent.
pub(crate) const EXTENSION: &str = "x-codegen-wire-names";

/// What progenitor's names of `name` would be built from: its letters and
/// digits, without case.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every string of the document, keys and values: a new name must be none
/// of them, so that the pass can tell it from anything else.
fn strings(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            into.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
        Value::Object(map) => {
            for (k, v) in map {
                into.insert(k.clone());
                strings(v, into);
            }
        }
        _ => {}
    }
}

/// Renames each parameter that another of its operation's would be named
/// alike; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    // (pointer of the list, index, the parameter as it is, its name).
    let mut renames: Vec<(String, usize, Value, String)> = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let item_list = format!("/paths/{}/parameters", pointer_token(path));
            for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
                let op_list = format!("/paths/{}/{method}/parameters", pointer_token(path));
                let mut seen: Vec<(String, String)> = Vec::new(); // (key, name)
                let lists = [
                    (&item_list, item.get("parameters")),
                    (&op_list, item[*method].get("parameters")),
                ];
                for (list_pointer, list) in lists {
                    let Some(list) = list.and_then(Value::as_array) else {
                        continue;
                    };
                    for (i, parameter) in list.iter().enumerate() {
                        let resolved = follow(doc, parameter);
                        let (Some(name), Some(place)) = (
                            resolved.get("name").and_then(Value::as_str),
                            resolved.get("in").and_then(Value::as_str),
                        ) else {
                            continue;
                        };
                        let k = key(name);
                        let clash = seen.iter().any(|(sk, sn)| *sk == k && sn != name);
                        if clash && place != "path" {
                            if !renames
                                .iter()
                                .any(|(p, j, _, _)| p == list_pointer && *j == i)
                            {
                                renames.push((
                                    list_pointer.clone(),
                                    i,
                                    resolved.clone(),
                                    name.to_owned(),
                                ));
                            }
                        } else {
                            seen.push((k, name.to_owned()));
                        }
                    }
                }
            }
        }
    }
    if renames.is_empty() {
        return Vec::new();
    }
    let mut taken = BTreeSet::new();
    strings(doc, &mut taken);
    let mut wire = Map::new();
    let mut changes = Vec::new();
    for (list, i, mut parameter, name) in renames {
        let new = (2..)
            .map(|n| format!("{name}_{n}"))
            .find(|candidate| !taken.contains(candidate))
            .expect("a free name");
        taken.insert(new.clone());
        parameter["name"] = Value::String(new.clone());
        if let Some(slot) = doc.pointer_mut(&format!("{list}/{i}")) {
            *slot = parameter;
        }
        changes.push(format!(
            "#{list}/{i}: parameter {name} is called {new} in Rust and in the CLI (another parameter of the operation would be named alike); it is still sent as {name}"
        ));
        wire.insert(new, Value::String(name));
    }
    if let Some(root) = doc.as_object_mut() {
        root.insert(EXTENSION.to_owned(), Value::Object(wire));
    }
    changes
}
