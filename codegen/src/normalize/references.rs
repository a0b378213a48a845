//! A `$ref` progenitor cannot follow.
//!
//! progenitor looks a reference up by its last name in the components of
//! its kind, so it follows `#/components/<kind>/<name>` and nothing else
//! (it stops with "$ref # is missing"); `spec::check` refuses any other.
//! Specs point into a component's own properties
//! (`#/components/schemas/Droplet/properties/networks`), into another
//! operation (`#/paths/~1jobs/get/responses/200`), or into a schema's
//! `definitions`. And it reads a path item only in place: a path item
//! that is a `$ref`, even to a component, stops it (an `unwrap` on
//! `None`). Normalising:
//!
//! - a schema pointed at elsewhere than a component is moved into a
//!   component of its own (named after where it was: `Droplet_networks`),
//!   and where it was, and every `$ref` to it, points there: the values it
//!   describes are the same, and one Rust type serves them all (a copy
//!   would give typify two types of one name);
//! - any other object pointed at so (a parameter, an answer, a request
//!   body, a path item) is copied in place of its `$ref`.
//!
//! A target is found through the `$ref`s on its way (a pointer into a
//! schema that is itself a `$ref`). A path item's copy keeps no
//! `operationId` when it is another path's (two operations of one id are
//! refused): `operation_ids`
//! names its operations. A `$ref` that points to nothing or outside the
//! document is left to the checks, which name it. Copies stop before they
//! would add four times the document: copies that hold `$ref`s into
//! other operations, copied again the next round, grew one vendor's 1.9
//! MB document past 24 GB; the checks then name the `$ref`s left. Like `operation_ids`, this acts on the JSON
//! document, before the checks.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::spec::check::is_component;
use crate::spec::walk::{ObjectKind, pointer_token, resolve, walk_objects};

/// The steps of a pointer that say where, not what: left out of the name
/// of a component made from what is there.
const STRUCTURE: &[&str] = &[
    "#",
    "paths",
    "components",
    "schemas",
    "properties",
    "items",
    "content",
    "schema",
    "responses",
    "requestBody",
    "parameters",
    "definitions",
    "$defs",
    "allOf",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
];

/// A component name for the schema at `target`: its last two steps that
/// are names (`Droplet_networks`), in the characters a component name may
/// hold, made free among `taken`: no name that differs only in case or
/// punctuation, which typify would give one Rust name.
fn name_for(target: &str, taken: &Map<String, Value>, added: &BTreeMap<String, String>) -> String {
    let steps: Vec<String> = target
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .filter(|s| {
            !STRUCTURE.contains(&s.as_str()) && !s.contains('/') && s.parse::<u32>().is_err()
        })
        .collect();
    let start = steps.len().saturating_sub(2);
    let mut wanted: String = steps[start..]
        .join("_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if wanted.is_empty() {
        wanted = "Schema".to_owned();
    }
    let squeezed = |name: &str| -> String {
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let is_free = |name: &str| {
        let name = squeezed(name);
        !taken.keys().any(|n| squeezed(n) == name) && !added.values().any(|n| squeezed(n) == name)
    };
    (1..)
        .map(|n| match n {
            1 => wanted.clone(),
            n => format!("{wanted}_{n}"),
        })
        .find(|name| is_free(name))
        .expect("a free name")
}

/// Where `target` is, following the `$ref`s met on the way
/// (`#/components/schemas/A/properties/b` once `A` is a `$ref` to `C`
/// is `#/components/schemas/C/properties/b`): the pointer of the value
/// itself. `None` when it leads nowhere.
fn located(doc: &Value, target: &str) -> Option<String> {
    if resolve(doc, target).is_some() {
        return Some(target.to_owned());
    }
    let steps: Vec<&str> = target.strip_prefix("#/")?.split('/').collect();
    let mut at = String::from("#");
    for (i, step) in steps.iter().enumerate() {
        // Far enough to stop a cycle of references.
        for _ in 0..32 {
            match resolve(doc, &at)?.get("$ref").and_then(Value::as_str) {
                Some(next) if next.starts_with('#') && i > 0 => at = next.to_owned(),
                _ => break,
            }
        }
        at.push('/');
        at.push_str(step);
    }
    resolve(doc, &at)?;
    Some(at)
}

/// Where `target` leads: [`located`], then through the `$ref`s that the
/// value there is (a place whose schema was moved is a `$ref` to it).
fn led_to(doc: &Value, target: &str) -> Option<String> {
    let mut at = located(doc, target)?;
    for _ in 0..32 {
        match resolve(doc, &at)?.get("$ref").and_then(Value::as_str) {
            Some(next) if next.starts_with('#') && next != at => at = located(doc, next)?,
            _ => break,
        }
    }
    Some(at)
}

/// Whether the object at `pointer` is a path item (`/paths/<template>`).
fn is_path_item(pointer: &str) -> bool {
    pointer
        .strip_prefix("/paths/")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

/// Rewrites each such `$ref`; one line per change.
pub(crate) fn normalize(doc: &mut Value) -> Vec<String> {
    let mut changes = Vec::new();
    // Copies may hold `$ref`s to copy again, each round multiplying them:
    // in all they may add at most four times the nodes the document had
    // (many operations may share one answer written in another's place).
    let mut budget = 4 * nodes(doc);
    // What a copy brings may point elsewhere again (a property's schema
    // whose items point into another property): a few rounds, then the
    // checks name what is left.
    for _ in 0..8 {
        let mut schemas: Vec<(String, String)> = Vec::new();
        let mut in_place: Vec<(String, String)> = Vec::new();
        // `$ref`s into a place that is now a `$ref` to a component.
        let mut retargets: Vec<(String, String, String)> = Vec::new();
        walk_objects(doc, |pointer, place, map| {
            let Some(Value::String(target)) = map.get("$ref") else {
                return;
            };
            if !target.starts_with('#') {
                return;
            }
            let Some(at) = located(doc, target) else {
                return;
            };
            if !is_component(&at)
                && let Some(end) = led_to(doc, &at).filter(|end| is_component(end))
            {
                retargets.push((pointer.to_owned(), target.clone(), end));
                return;
            }
            // The document or one of its sections (`#`, `#/components`) is
            // nothing to move or copy; neither is an object into a place
            // inside itself (the copy would hold the place again): the
            // checks name those.
            let inside = |site: &str| {
                let at = &at[1..];
                site == at || site.starts_with(&format!("{at}/"))
            };
            if at.matches('/').count() < 2 {
                return;
            }
            if place == ObjectKind::Schema && !is_component(&at) {
                schemas.push((pointer.to_owned(), at));
            } else if (!is_component(&at) || is_path_item(pointer)) && !inside(pointer) {
                in_place.push((pointer.to_owned(), at));
            }
        });
        if schemas.is_empty() && in_place.is_empty() && retargets.is_empty() {
            break;
        }
        for (pointer, target, end) in retargets {
            if let Some(site) = doc.pointer_mut(&pointer).and_then(Value::as_object_mut) {
                site.insert("$ref".to_owned(), Value::String(end.clone()));
            }
            changes.push(format!(
                "#{pointer}: $ref {target} points to {end}, the component it leads to"
            ));
        }
        // The schemas, moved into components: the deepest first, so that
        // moving one does not move another's place.
        let existing = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut targets: Vec<&String> = schemas.iter().map(|(_, target)| target).collect();
        targets.sort_by_key(|target| std::cmp::Reverse(target.matches('/').count()));
        targets.dedup();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut moved: Vec<(String, Value)> = Vec::new();
        for target in targets {
            if names.contains_key(target) {
                continue;
            }
            let name = name_for(target, &existing, &names);
            let to = format!("#/components/schemas/{}", pointer_token(&name));
            let Some(place) = crate::spec::walk::resolve_mut(doc, target) else {
                continue;
            };
            let value = std::mem::replace(place, serde_json::json!({ "$ref": to }));
            changes.push(format!(
                "{target}: the schema moved to {to}, and a $ref to it left here: a $ref points here, and progenitor follows only `#/components/<kind>/<name>`"
            ));
            names.insert(target.clone(), name.clone());
            moved.push((name, value));
        }
        for (pointer, target) in &schemas {
            let Some(name) = names.get(target) else {
                continue;
            };
            let to = format!("#/components/schemas/{}", pointer_token(name));
            // A site inside a schema that moved is no longer there: the
            // next round finds it where the schema went.
            if let Some(site) = doc.pointer_mut(pointer).and_then(Value::as_object_mut) {
                site.insert("$ref".to_owned(), Value::String(to.clone()));
                changes.push(format!(
                    "#{pointer}: $ref {target} points to {to}, where the schema was moved"
                ));
            }
        }
        if !moved.is_empty() {
            let root = doc.as_object_mut().expect("a document is an object");
            let components = root
                .entry("components")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(components) = components.as_object_mut() {
                let defined = components
                    .entry("schemas")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(defined) = defined.as_object_mut() {
                    defined.extend(moved);
                }
            }
        }
        // The other objects, copied in place: the innermost first, so that
        // an outer copy does not move an inner one's place. Past the
        // budget, none: the checks name the `$ref`s left.
        let cost: usize = in_place
            .iter()
            .map(|(_, target)| resolve(doc, target).map_or(0, nodes))
            .sum();
        if cost > budget {
            break;
        }
        budget -= cost;
        let copied: Vec<Value> = in_place
            .iter()
            .map(|(_, target)| resolve(doc, target).cloned().unwrap_or_default())
            .collect();
        for ((pointer, target), mut value) in in_place.iter().zip(copied).rev() {
            // A copy of another path's item: its operations' ids are that
            // path's, and two operations of one id are refused;
            // `operation_ids` names them from their method and path.
            if is_path_item(pointer)
                && target.starts_with("#/paths/")
                && let Some(item) = value.as_object_mut()
            {
                for operation in item.values_mut() {
                    if let Some(operation) = operation.as_object_mut() {
                        operation.remove("operationId");
                    }
                }
            }
            if let Some(site) = doc.pointer_mut(pointer) {
                *site = value;
            }
        }
        for (pointer, target) in &in_place {
            let why = if is_path_item(pointer) {
                "progenitor reads a path item only in place"
            } else {
                "progenitor follows only `#/components/<kind>/<name>`"
            };
            changes.push(format!(
                "#{pointer}: $ref {target} replaced by a copy of what it points to: {why}"
            ));
        }
    }
    changes
}

/// How many values `value` holds, itself included: the size of a copy.
fn nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(nodes).sum(),
        Value::Object(map) => map.values().map(nodes).sum(),
        _ => 0,
    }
}
