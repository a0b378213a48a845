//! Enums whose values typify cannot name apart.
//!
//! typify names a variant after its value in PascalCase, dropping what is
//! not a letter or digit; when two values get one name (`add` and `Add`;
//! GitHub's `reactions-+1` and `reactions--1`) it tries once more with
//! those characters as `X`, then panics: `Failed to make unique variant
//! names for [add,Add,…]` (typify-impl 0.8.0, `type_entry.rs`). No
//! extension of typify's changes that, and `x-enum-varnames` renames
//! variants only after typify has made them.
//!
//! Which enums fail is asked of progenitor itself (each string enum is
//! generated alone), not guessed with a copy of typify's naming rule.
//! Normalising replaces every value of such an enum (and its `default`) by
//! a placeholder that carries the value and that typify names apart; the
//! generation's `enum_varnames` pass then names the variants with
//! `enum_varnames::names_for` and puts the values back everywhere, so the
//! values sent and read are the spec's. `pattern`, `minLength` and
//! `maxLength` go (typify would drop the placeholders that break them; an
//! enum's values are fixed anyway). An enum in a component schema keeps
//! its `x-enum-varnames`, applied after.

use openapiv3::OpenAPI;
use serde_json::{Map, Value, json};

use crate::Target;
use crate::passes::enum_varnames::{names_for, placeholder};
use crate::progenitor::run;
use crate::spec::walk::{ObjectKind, walk_objects_mut};

/// What typify says when it cannot name the values of an enum apart.
const COLLISION: &str = "Failed to make unique variant names";

/// The schema keywords that decide how typify names an enum's variants.
const NAMING: [&str; 7] = [
    "type",
    "enum",
    "format",
    "nullable",
    "pattern",
    "minLength",
    "maxLength",
];

/// Rewrites `spec` in place; returns one line per change.
pub(crate) fn normalize(spec: &mut OpenAPI) -> Vec<String> {
    let Ok(mut doc) = serde_json::to_value(&*spec) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    walk_objects_mut(&mut doc, |pointer, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        let Some(Value::Array(values)) = schema.get("enum") else {
            return;
        };
        let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        if strings.len() < 2 || !names_collide(schema) {
            return;
        }
        let names = names_for(&strings);
        let pairs: Vec<String> = strings
            .iter()
            .zip(&names)
            .map(|(value, name)| format!("{value} → {name}"))
            .collect();
        let rewritten = with_placeholders(schema);
        if names_collide(&rewritten) || generates_alone(&rewritten).is_err() {
            // Left as it is: generation names the operation that fails.
            return;
        }
        *schema = rewritten;
        changes.push(format!(
            "#{pointer}: typify would give two values of this enum one Rust name; \
             codegen names them: {} (the values sent are unchanged)",
            crate::error::listed(&pairs)
        ));
    });
    if !changes.is_empty() {
        match crate::spec::read::from_json(&doc) {
            Ok(rewritten) => *spec = rewritten,
            Err(_) => return Vec::new(),
        }
    }
    changes
}

/// `schema` with each string value (and a string `default`) replaced by
/// its placeholder.
fn with_placeholders(schema: &Map<String, Value>) -> Map<String, Value> {
    let mut rewritten = schema.clone();
    let mut placeholders = Vec::new();
    if let Some(Value::Array(values)) = rewritten.get_mut("enum") {
        for (i, value) in values.iter_mut().enumerate() {
            if let Value::String(text) = value {
                let stand_in = placeholder(i, text);
                placeholders.push((text.clone(), stand_in.clone()));
                *text = stand_in;
            }
        }
    }
    if let Some(Value::String(default)) = rewritten.get_mut("default")
        && let Some((_, stand_in)) = placeholders.iter().find(|(value, _)| value == default)
    {
        *default = stand_in.clone();
    }
    for constraint in ["pattern", "minLength", "maxLength"] {
        rewritten.remove(constraint);
    }
    rewritten
}

fn names_collide(schema: &Map<String, Value>) -> bool {
    generates_alone(schema).is_err_and(|message| message.contains(COLLISION))
}

/// Runs progenitor on a document whose only schema is the keywords of
/// `schema` that decide how typify names its variants.
fn generates_alone(schema: &Map<String, Value>) -> Result<(), String> {
    let naming: Map<String, Value> = schema
        .iter()
        .filter(|(key, _)| NAMING.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "one enum", "version": "0"},
        "paths": {},
        "components": {"schemas": {"E": naming}},
    });
    let spec: OpenAPI = crate::spec::read::from_json(&doc)?;
    run(&spec, Target::Client).map(|_| ())
}
