//! Schemas typify would give one Rust name.
//!
//! typify names a component's type after the component in Pascal case,
//! and an inline schema with a `title` after the title; two that come out
//! alike (components `Integer` and `integer`, `HTTPHealthCheck` and
//! `HttpHealthCheck`; a property titled `Account` beside the component
//! `account`) give two types of one name, which do not compile, and the
//! pass `type_names` refuses the spec. Names are not on the wire, so
//! normalising renames each later component of a name that differs from
//! an earlier one's only in case and punctuation (`integer_2`, every
//! `$ref` and discriminator mapping to it following), and removes the
//! `title` of an inline schema that comes out as a component's name (the
//! schema is then named after where it is, as untitled ones are).
//!
//! Like `operation_ids`, this acts on the JSON document, before the checks.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::spec::walk::{ObjectKind, pointer_token, walk_objects_mut};

/// What typify's name for `name` is built from: its letters and digits,
/// without case.
fn squeezed(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Renames and removes; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    let names: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    // Each later component of a squeezed name: renamed.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for name in &names {
        let key = squeezed(name);
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            None => {
                seen.insert(key, name.clone());
            }
            Some(first) => {
                let new = (2..)
                    .map(|n| format!("{name}_{n}"))
                    .find(|c| !seen.contains_key(&squeezed(c)))
                    .expect("a free name");
                changes.push(format!(
                    "#/components/schemas/{}: renamed {new}: typify would name it as {first}",
                    pointer_token(name)
                ));
                seen.insert(squeezed(&new), new.clone());
                renames.insert(name.clone(), new);
            }
        }
    }
    if !renames.is_empty() {
        if let Some(schemas) = doc
            .pointer_mut("/components/schemas")
            .and_then(Value::as_object_mut)
        {
            let old = std::mem::take(schemas);
            for (name, schema) in old {
                let name = renames.get(&name).cloned().unwrap_or(name);
                schemas.insert(name, schema);
            }
        }
        let targets: BTreeMap<String, String> = renames
            .iter()
            .map(|(old, new)| {
                (
                    format!("#/components/schemas/{}", pointer_token(old)),
                    format!("#/components/schemas/{}", pointer_token(new)),
                )
            })
            .collect();
        walk_objects_mut(doc, |_, place, object| {
            if let Some(Value::String(target)) = object.get_mut("$ref")
                && let Some(new) = targets.get(target.as_str())
            {
                *target = new.clone();
            }
            if place == ObjectKind::Schema
                && let Some(Value::Object(mapping)) = object
                    .get_mut("discriminator")
                    .and_then(|d| d.get_mut("mapping"))
            {
                for target in mapping.values_mut() {
                    if let Some(new) = target.as_str().and_then(|t| targets.get(t)) {
                        *target = Value::String(new.clone());
                    }
                }
            }
        });
    }
    // An inline schema titled as a component comes out: untitled.
    walk_objects_mut(doc, |pointer, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        let Some(title) = schema.get("title").and_then(Value::as_str) else {
            return;
        };
        let is_component_root = pointer
            .strip_prefix("/components/schemas/")
            .is_some_and(|rest| !rest.contains('/'));
        if is_component_root {
            return;
        }
        if let Some(component) = seen.get(&squeezed(title)) {
            changes.push(format!(
                "#{pointer}/title: {title:?} removed: typify would name the schema as the component {component}"
            ));
            schema.remove("title");
        }
    });
    changes
}
