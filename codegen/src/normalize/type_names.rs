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
//! schema is then named after where it is, as untitled ones are), then
//! gives an untitled inline schema that typify would name after where it
//! is as a component, or as an earlier inline schema, a title of its own.
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
    name_inline_schemas(doc, &seen, &mut changes);
    changes
}

/// Whether typify makes a type of its own for an inline `schema` (an enum,
/// a struct, a union), which it then names after where the schema is.
fn makes_a_type(schema: &serde_json::Map<String, Value>) -> bool {
    let listed = |key: &str, at_least: usize| {
        schema
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|list| list.len() >= at_least)
    };
    !schema.contains_key("$ref")
        && (listed("enum", 1)
            || listed("oneOf", 2)
            || listed("anyOf", 2)
            || listed("allOf", 2)
            || schema
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|properties| !properties.is_empty()))
}

/// An untitled inline schema inside a component is named by typify after
/// where it is: `{Component}_{property}`, `{Name}Item` for an array's
/// items, in Pascal case (typify-impl 0.8.0, `structs.rs` and
/// `convert.rs`). Jira's `ProjectFeature.state` comes out
/// `ProjectFeatureState`, the name of a component too: two types of one
/// name. Each such schema, and each later one of a name an earlier inline
/// schema has, is given a title (which typify names the type after) free
/// of every other name: `ProjectFeature_state_2`.
fn name_inline_schemas(
    doc: &mut Value,
    components: &BTreeMap<String, String>,
    changes: &mut Vec<String>,
) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mut taken: std::collections::BTreeSet<String> = components.keys().cloned().collect();
    for (name, schema) in schemas.iter_mut() {
        let pointer = format!("#/components/schemas/{}", pointer_token(name));
        let name = schema
            .get("title")
            .and_then(Value::as_str)
            .map_or_else(|| name.clone(), str::to_owned);
        name_within(&name, schema, &pointer, components, &mut taken, changes);
    }
}

/// [`name_inline_schemas`] for the properties and items inside `schema`,
/// which typify names `name`.
fn name_within(
    name: &str,
    schema: &mut Value,
    pointer: &str,
    components: &BTreeMap<String, String>,
    taken: &mut std::collections::BTreeSet<String>,
    changes: &mut Vec<String>,
) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.contains_key("$ref") {
        return;
    }
    let mut inside: Vec<(String, String, &mut Value)> = Vec::new();
    for (key, value) in object.iter_mut() {
        match (key.as_str(), value) {
            ("properties", Value::Object(properties)) => {
                for (property, child) in properties.iter_mut() {
                    let at = format!("{pointer}/properties/{}", pointer_token(property));
                    inside.push((format!("{name}_{property}"), at, child));
                }
            }
            ("items", items) => {
                inside.push((format!("{name}Item"), format!("{pointer}/items"), items))
            }
            _ => {}
        }
    }
    for (suggested, at, child) in inside {
        let Some(child_object) = child.as_object_mut() else {
            continue;
        };
        let child_name = match child_object.get("title").and_then(Value::as_str) {
            Some(title) => title.to_owned(),
            None if makes_a_type(child_object) => {
                let key = squeezed(&suggested);
                if taken.insert(key.clone()) {
                    suggested
                } else {
                    let title = (2..)
                        .map(|n| format!("{suggested}_{n}"))
                        .find(|c| !taken.contains(&squeezed(c)))
                        .expect("a free name");
                    taken.insert(squeezed(&title));
                    let named = components.get(&key).map_or_else(
                        || "another inline schema".to_owned(),
                        |component| format!("the component {component}"),
                    );
                    changes.push(format!(
                        "{at}: title {title:?} given: typify would name the schema {suggested}, as it names {named}"
                    ));
                    child_object.insert("title".to_owned(), Value::String(title.clone()));
                    title
                }
            }
            None => suggested,
        };
        name_within(&child_name, child, &at, components, taken, changes);
    }
}
