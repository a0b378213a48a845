//! The spec of each run: a base picked by weight, written as OpenAPI 3.1 a
//! quarter of the time, and one to three seeded mutations (delete a node,
//! duplicate one, give one another JSON type, point a `$ref` elsewhere),
//! the same every time for the same seed and run.

use serde_json::Value;

use super::Base;

/// One run's spec: its text, named as the run, derived from a base by the
/// run's seeded mutations; the same every time for the same seed and run.
pub struct Mutant {
    /// `mutant-<run>.json` or `.yaml`.
    pub name: String,
    pub text: String,
    pub base: String,
    /// What was done to the base, in order.
    pub mutations: Vec<String>,
    pub normalize: bool,
}

/// The spec of run `run` of the campaign of `seed` over `bases` (whose
/// weights sum to `total_weight`).
pub fn mutant(bases: &[Base], total_weight: u32, seed: u64, run: usize) -> Mutant {
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ run as u64);
    let mut pick = rng.u32(0..total_weight.max(1));
    let base = bases
        .iter()
        .find(|b| {
            if pick < b.weight {
                true
            } else {
                pick -= b.weight;
                false
            }
        })
        .unwrap_or(&bases[0]);
    let mut spec = base.spec.clone();
    // A quarter of the runs mutate the spec as OpenAPI 3.1 writes it.
    let as_3_1 = rng.u8(0..4) == 0;
    if as_3_1 {
        written_as_3_1(&mut spec);
    }
    let mutations: Vec<String> = (0..rng.usize(1..=3))
        .map(|_| mutate(&mut spec, &mut rng))
        .collect();
    let normalize = rng.bool();
    let text = if rng.u8(0..4) == 0 {
        serde_yaml::to_string(&spec).unwrap_or_default()
    } else {
        serde_json::to_string_pretty(&spec).unwrap_or_default()
    };
    let name = format!(
        "mutant-{run}.{}",
        if text.starts_with('{') {
            "json"
        } else {
            "yaml"
        }
    );
    let mutations = as_3_1
        .then(|| "written as OpenAPI 3.1".to_owned())
        .into_iter()
        .chain(mutations)
        .chain([format!("normalize: {normalize}")])
        .collect();
    Mutant {
        name,
        text,
        base: base.name.clone(),
        mutations,
        normalize,
    }
}

/// `spec` as an OpenAPI 3.1 exporter writes it: the version 3.1.0, and
/// each nullable schema's type a list with `"null"` (3.1 has no
/// `nullable`), each exclusive bound a number, each schema's `example` an
/// `examples` list: what codegen reads back as 3.0 (`spec::openapi31`).
pub fn written_as_3_1(spec: &mut Value) {
    use codegen::spec::walk::{ObjectKind, walk_objects_mut};
    if let Some(root) = spec.as_object_mut() {
        root.insert("openapi".into(), Value::from("3.1.0"));
    }
    walk_objects_mut(spec, |_, place, schema| {
        if place != ObjectKind::Schema {
            return;
        }
        if schema.remove("nullable") == Some(Value::Bool(true))
            && let Some(Value::String(ty)) = schema.get("type").cloned()
        {
            schema.insert("type".into(), serde_json::json!([ty, "null"]));
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if schema.get(exclusive) == Some(&Value::Bool(true))
                && let Some(limit) = schema.remove(bound)
            {
                schema.insert(exclusive.into(), limit);
            }
        }
        if let Some(example) = schema.remove("example") {
            schema.insert("examples".into(), Value::Array(vec![example]));
        }
    });
}

/// One mutation of a random node; what it did, for the report.
fn mutate(spec: &mut Value, rng: &mut fastrand::Rng) -> String {
    let path = random_path(spec, rng);
    let shown = format!("/{}", path.join("/"));
    match rng.u8(0..4) {
        0 => {
            if remove(spec, &path) {
                format!("deleted {shown}")
            } else {
                format!("kept {shown} (the root)")
            }
        }
        1 => {
            let Some(node) = get(spec, &path).cloned() else {
                return format!("kept {shown}");
            };
            let parent = &path[..path.len().saturating_sub(1)];
            match get_mut(spec, parent) {
                Some(Value::Object(map)) => {
                    let key = format!("{}_copy", path.last().cloned().unwrap_or_default());
                    map.insert(key, node);
                    format!("duplicated {shown} beside itself")
                }
                Some(Value::Array(items)) => {
                    items.push(node);
                    format!("duplicated {shown} at the end of its array")
                }
                _ => format!("kept {shown}"),
            }
        }
        2 => {
            let replacement = match rng.u8(0..7) {
                0 => Value::Null,
                1 => Value::Bool(rng.bool()),
                2 => Value::from(rng.i64(-3..1_000_000)),
                3 => Value::from(["", "string", "integer", "object", "#/", "{x}"][rng.usize(0..6)]),
                4 => Value::Array(Vec::new()),
                5 => Value::Object(serde_json::Map::new()),
                _ => Value::from(1.5),
            };
            let shown_value = replacement.to_string();
            set(spec, &path, replacement);
            format!("retyped {shown} to {shown_value}")
        }
        _ => {
            let targets = [
                "#/components/schemas/Nowhere",
                "#/components/schemas",
                "#/paths",
                "#",
                "#/components/responses/X",
                "other.yaml#/x",
            ];
            let schemas: Vec<String> = spec
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .map(|m| {
                    m.keys()
                        .map(|k| format!("#/components/schemas/{k}"))
                        .collect()
                })
                .unwrap_or_default();
            let target = if !schemas.is_empty() && rng.bool() {
                schemas[rng.usize(0..schemas.len())].clone()
            } else {
                targets[rng.usize(0..targets.len())].to_owned()
            };
            let mut reference = serde_json::Map::new();
            reference.insert("$ref".into(), Value::from(target.clone()));
            set(spec, &path, Value::Object(reference));
            format!("re-pointed {shown} to {target}")
        }
    }
}

/// A path to a random node: from the root, each step into a random child,
/// stopping at random (deeper nodes are likelier to matter less, so the
/// walk stops early a third of the time).
fn random_path(spec: &Value, rng: &mut fastrand::Rng) -> Vec<String> {
    let mut path = Vec::new();
    let mut node = spec;
    loop {
        let children: Vec<(String, &Value)> = match node {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        };
        if children.is_empty() || (path.len() >= 2 && rng.u8(0..3) == 0) {
            return path;
        }
        let (key, child) = &children[rng.usize(0..children.len())];
        path.push(key.clone());
        node = child;
    }
}

fn get<'a>(spec: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(spec, |node, key| match node {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn get_mut<'a>(spec: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(spec, |node, key| match node {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn set(spec: &mut Value, path: &[String], value: Value) {
    if let Some(node) = get_mut(spec, path) {
        *node = value;
    }
}

fn remove(spec: &mut Value, path: &[String]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    match get_mut(spec, parent) {
        Some(Value::Object(map)) => map.remove(last).is_some(),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mutate::own_bases;

    /// The 3.1 mutants start from a spec written as OpenAPI 3.1: our spec
    /// and the companion shapes, written so, generate the same files as
    /// they do as 3.0 (codegen reads 3.1 back as 3.0), each rewrite
    /// reported.
    #[test]
    fn a_spec_written_as_3_1_generates_what_it_does_as_3_0() {
        for base in own_bases() {
            let mut as_3_1 = base.spec.clone();
            written_as_3_1(&mut as_3_1);
            let options = codegen::Settings::new(&base.name);
            let text = serde_json::to_string(&as_3_1).unwrap();
            let from_3_1 = codegen::Generator::new(options).generate(&text).unwrap();
            let from_3_0 = codegen::Generator::new(options)
                .generate(&serde_json::to_string(&base.spec).unwrap())
                .unwrap();
            assert_eq!(from_3_1.files(), from_3_0.files(), "{}", base.name);
            assert!(
                from_3_1.normalizations[0].starts_with("#/openapi: 3.1.0 read as 3.0.3"),
                "{:?}",
                from_3_1.normalizations
            );
        }
    }

    #[test]
    fn mutations_change_the_spec() {
        let mut rng = fastrand::Rng::with_seed(3);
        let base = own_bases().remove(0).spec;
        for _ in 0..50 {
            let mut spec = base.clone();
            let what = mutate(&mut spec, &mut rng);
            assert!(
                spec != base
                    || what.starts_with("kept")
                    || what.starts_with("retyped")
                    || what.starts_with("re-pointed"),
                "{what}"
            );
        }
    }
}
